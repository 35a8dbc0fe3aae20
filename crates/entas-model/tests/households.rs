//! A household file as the population: its base year is the file's (P0, P1 and P2 included), its weights,
//! kecamatan and housing attributes are the households', and a scenario on a file the model does not hold
//! is refused by name.

use std::sync::Arc;

use entas_model::households::{self, Households};
use entas_model::levers::LeverId;
use entas_model::scenario::Problem;
use entas_model::{presets, rng, Model};

const KECAMATAN: [&str; 3] = ["Sekayu", "Lais", "Bayung Lencir"];

/// A survey-like extract: lognormal consumption around Muba's GK, weights from 40 to 400 households, sizes
/// 1–7, Bayung Lencir poorer, one household in eight in an uninhabitable house.
fn extract(rows: usize) -> String {
    let mut s = String::from("weight,consumption_pc,size,kecamatan,rtlh\n");
    for i in 0..rows as u64 {
        let k = (i % 3) as usize;
        let u = |stream: u64| rng::uniform(7, rng::Stream::Draw, i, stream);
        let ln = 14.0 - 0.2 * k as f64 + 0.45 * rng::normal(7, rng::Stream::Draw, i, 9);
        let y = libm::exp(ln).round();
        let w = (40.0 + 360.0 * u(1)).round();
        let size = 1 + (u(2) * 7.0) as u32;
        let rtlh = (u(3) < 0.125) as u8;
        s.push_str(&format!("{w},{y},{size},{},{rtlh}\n", KECAMATAN[k]));
    }
    s
}

fn model(rows: usize) -> (Model, Arc<Households>) {
    let file = Arc::new(Households::parse(&extract(rows)).expect("the extract reads"));
    let s = presets::preset("muba_2024").expect("preset");
    (Model::with_households(s, "extract.csv", file.clone()).expect("valid"), file)
}

#[test]
fn the_population_is_the_files_households_and_reproduces_its_fgt() {
    let (m, file) = model(5_000);
    let z = m.scenario.district.poverty_line;
    let want = file.measures(z);
    let pop = &m.population;
    assert_eq!(pop.len(), file.len());
    // Every household's base-year consumption is its own, at its own weight.
    let (mut people, mut poor, mut gap, mut sev) = (0.0, 0.0, 0.0, 0.0);
    for h in 0..pop.len() {
        let y = libm::exp(pop.shape.mu_log + pop.shape.spread(pop.x0[h]));
        let p = pop.weight * pop.mult[h] * pop.size[h];
        people += p;
        if y < z {
            let g = 1.0 - y / z;
            poor += p;
            gap += p * g;
            sev += p * g * g;
        }
    }
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
    assert!(close(100.0 * poor / people, want.p0_pct), "P0 {} against {}", 100.0 * poor / people, want.p0_pct);
    assert!(close(100.0 * gap / people, want.p1), "P1 {} against {}", 100.0 * gap / people, want.p1);
    assert!(close(100.0 * sev / people, want.p2), "P2 {} against {}", 100.0 * sev / people, want.p2);
    // The weights are scaled to the district's people.
    assert!(close(people, m.scenario.district.population), "{people}");
    assert!(want.p0_pct > 5.0 && want.p0_pct < 30.0, "a district-like extract: P0 {}", want.p0_pct);
    // The run's base year, as published (the status quo), is the file's: every household keeps its own
    // consumption, so only the summation order differs.
    let o = m.simulate();
    let b = &o.baseline[0];
    assert!(close(b.p0_pct, want.p0_pct), "base-year P0 {} against the file's {}", b.p0_pct, want.p0_pct);
    assert!(close(b.p1, want.p1), "base-year P1 {} against {}", b.p1, want.p1);
    assert!(close(b.p2, want.p2), "base-year P2 {} against {}", b.p2, want.p2);
}

#[test]
fn kecamatan_and_houses_come_from_the_file() {
    let (m, file) = model(3_000);
    let names: Vec<&str> = m.scenario.district.kecamatan.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(names, KECAMATAN);
    let o = m.simulate();
    let z = m.scenario.district.poverty_line;
    let first: Vec<_> = o.kecamatan.iter().filter(|k| k.year == o.base_year).collect();
    assert_eq!(first.len(), 3);
    let scale = m.scenario.district.population / file.measures(z).people;
    for (k, row) in first.iter().enumerate() {
        let people: f64 = (0..file.len())
            .filter(|i| file.kecamatan[*i] as usize == k)
            .map(|i| file.weight[i] * file.size[i] * scale)
            .sum();
        assert!(
            (row.people - people).abs() <= 1e-6 * people,
            "{}: {} people against {people}",
            KECAMATAN[k],
            row.people
        );
        // Households in an uninhabitable house are the file's (less those the base year's programmes served).
        let rtlh: f64 = (0..file.len())
            .filter(|i| file.kecamatan[*i] as usize == k && file.rtlh.as_ref().unwrap()[*i])
            .map(|i| file.weight[i] * scale)
            .sum();
        assert!(
            row.rtlh_baseline <= rtlh * (1.0 + 1e-9) && row.rtlh_baseline > 0.8 * rtlh,
            "{} against {rtlh}",
            row.rtlh_baseline
        );
    }
    // Bayung Lencir is poorer in the file, so it is poorer in the model.
    assert!(first[2].p0_baseline_pct > first[0].p0_baseline_pct, "{first:?}");
}

#[test]
fn more_cash_never_raises_poverty_on_a_file_and_a_missing_file_is_refused() {
    let (m, file) = model(2_000);
    let mut more = m.scenario.clone();
    more.levers.set(LeverId::CashBudget, more.levers.get(LeverId::CashBudget) + 100.0).unwrap();
    let richer = Model::with_households(more.clone(), "extract.csv", file.clone()).unwrap().simulate();
    let base = m.simulate();
    for (a, b) in richer.scenario.iter().zip(&base.scenario).skip(1) {
        assert!(a.p0_pct <= b.p0_pct, "{}: {} against {}", a.year, a.p0_pct, b.p0_pct);
    }
    assert!(richer.scenario[1].p0_pct < base.scenario[1].p0_pct, "Rp100 bn of cash lifts someone");
    // Preparing twice changes nothing more.
    assert_eq!(households::prepare(&m.scenario, "extract.csv", &file).unwrap(), m.scenario);
    let e = Model::new(more).expect_err("the rows are not here");
    assert_eq!(e.field, "household_file");
    assert!(matches!(e.problem, Problem::HouseholdFileMissing { rows: 2_000, .. }), "{e}");
    // Monte Carlo draws keep the file's base year.
    let bands = entas_model::analysis::monte_carlo_on(&m.scenario, &m.scenario.levers, 8, Some(&file), |_, _| {})
        .expect("valid");
    assert!(bands.p0_p50.iter().chain(&bands.p0_p90).all(|v| v.is_finite()));
    // The base year's band is the bootstrap's: around the file's P0, not a point.
    let p0 = file.measures(m.scenario.district.poverty_line).p0_pct;
    assert!(bands.p0_p10[0] < bands.p0_p90[0], "{:?} – {:?}", bands.p0_p10, bands.p0_p90);
    assert!(
        bands.p0_p10[0] < p0 + 0.5 && bands.p0_p90[0] > p0 - 0.5,
        "{p0} within {} – {}",
        bands.p0_p10[0],
        bands.p0_p90[0]
    );
}

#[test]
fn a_file_without_kecamatan_drops_the_districts_and_odd_files_are_flagged() {
    let mut s = presets::preset("muba_2024").unwrap();
    s.district.kecamatan = vec![
        entas_model::scenario::Kecamatan {
            name: "A".into(),
            population_share_pct: 60.0,
            poor_share_pct: 50.0,
            pocket: None,
        },
        entas_model::scenario::Kecamatan {
            name: "B".into(),
            population_share_pct: 40.0,
            poor_share_pct: 50.0,
            pocket: None,
        },
    ];
    let mut text = String::from("weight,consumption_pc,size\n");
    for i in 0..150 {
        text.push_str(&format!("2,{},4\n", 300_000 + 4_000 * i));
    }
    let file = Households::parse(&text).expect("150 rows are enough for a file");
    let checks = households::warnings(&s, &file);
    // 150 rows of weight 2 × 4 people stand for 1,200 people, not Muba's 600,000-odd.
    assert!(
        checks.iter().any(|w| matches!(w, households::FileWarning::WeightsScaled { scale } if *scale > 100.0)),
        "{checks:?}"
    );
    assert!(checks.iter().any(|w| matches!(w, households::FileWarning::P0Differs { .. })), "{checks:?}");
    let m = Model::with_households(s, "small.csv", Arc::new(file)).expect("valid");
    assert!(m.scenario.district.kecamatan.is_empty(), "the district's entered shares are not the file's");
    assert!(m.simulate().kecamatan.is_empty());
    let (with_kec, _) = model(1_000);
    let mut text = String::from("weight,consumption_pc,size,kecamatan\n");
    for i in 0..110 {
        text.push_str(&format!("900,{},4,{}\n", 400_000 + 9_000 * i, if i < 100 { "Sekayu" } else { "Lais" }));
    }
    let thin = households::warnings(&presets::preset("muba_2024").unwrap(), &Households::parse(&text).unwrap());
    assert!(
        thin.iter().any(|w| matches!(w, households::FileWarning::ThinKecamatan { names, .. } if names == &["Lais"])),
        "{thin:?}"
    );
    assert_eq!(with_kec.scenario.district.kecamatan.len(), 3);
}
