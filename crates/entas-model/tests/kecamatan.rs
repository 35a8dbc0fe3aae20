//! Poverty pockets by kecamatan: a kecamatan chosen as a pocket is served first by house renovation (and by
//! water and sanitation), so a small budget changes that kecamatan's indicators and no other's.

use entas_model::levers::LeverId;
use entas_model::scenario::Kecamatan;
use entas_model::{presets, Model};

fn three_kecamatan(pocket: usize) -> entas_model::Scenario {
    let mut s = presets::preset("muara_enim_2024").unwrap();
    s.households = 6_000;
    // No district programme in the status quo, so the scenario's housing is the only difference.
    s.district.status_quo = Default::default();
    s.levers = Default::default();
    let k = |name: &str, pop: f64, poor: f64, i: usize| Kecamatan {
        name: name.into(),
        population_share_pct: pop,
        poor_share_pct: poor,
        pocket: Some(i == pocket),
    };
    s.district.kecamatan = vec![k("Gelumbang", 40.0, 30.0, 0), k("Lubai", 35.0, 40.0, 1), k("Ujan Mas", 25.0, 30.0, 2)];
    s
}

#[test]
fn a_chosen_pocket_is_served_first_and_the_other_kecamatan_do_not_move() {
    for pocket in 0..3 {
        let mut s = three_kecamatan(pocket);
        s.levers.set(LeverId::HousingBudget, 1.0).unwrap();
        let o = Model::new(s).unwrap().simulate();
        let year = o.base_year + 1;
        let rows: Vec<_> = o.kecamatan.iter().filter(|k| k.year == year).collect();
        assert_eq!(rows.len(), 3);
        for r in &rows {
            if r.kecamatan == pocket {
                assert!(r.rtlh_scenario < r.rtlh_baseline, "the pocket's uninhabitable houses fall: {r:?}");
            } else {
                assert_eq!(r.rtlh_scenario, r.rtlh_baseline, "kecamatan {} is not served: {r:?}", r.kecamatan);
                assert_eq!(r.poor_scenario, r.poor_baseline, "kecamatan {}'s poor do not move: {r:?}", r.kecamatan);
                assert_eq!(r.p0_scenario_pct, r.p0_baseline_pct);
            }
        }
    }
}

#[test]
fn a_pocket_stays_a_pocket_as_households_churn() {
    // Churn reverts each household to its kecamatan's mean: six years on, most of Lubai's lead over the
    // district is still there (with reversion to the district's mean it would keep about r⁶ of it).
    let s = three_kecamatan(1);
    let o = Model::new(s).unwrap().simulate();
    let lead = |year: i32| {
        let district = o.baseline.iter().find(|r| r.year == year).unwrap().p0_pct;
        let people: f64 = o.kecamatan.iter().filter(|k| k.year == year && k.kecamatan == 1).map(|k| k.people).sum();
        let poor: f64 =
            o.kecamatan.iter().filter(|k| k.year == year && k.kecamatan == 1).map(|k| k.poor_baseline).sum();
        100.0 * poor / people / district - 1.0
    };
    let (first, last) = (lead(o.base_year), lead(o.final_year()));
    assert!(first > 0.1, "Lubai starts above the district: {first}");
    assert!(last > 0.6 * first, "the lead persists: {first} → {last}");
}

#[test]
fn kecamatan_counts_add_up_to_the_district() {
    let s = three_kecamatan(1);
    let o = Model::new(s).unwrap().simulate();
    for (t, b) in o.baseline.iter().enumerate() {
        let rows: Vec<_> = o.kecamatan.iter().filter(|k| k.year == b.year).collect();
        let poor: f64 = rows.iter().map(|r| r.poor_baseline).sum();
        let extreme: f64 = rows.iter().map(|r| r.extreme_baseline).sum();
        assert!((poor - b.poor_people).abs() <= 1e-6 * b.poor_people.max(1.0), "year {t}: {poor} vs {}", b.poor_people);
        assert!((extreme - b.extreme_people).abs() <= 1e-6 * b.extreme_people.max(1.0) + 1e-6);
        // The user-entered shares shape where the poor live: Lubai holds 40% of the poor in 35% of the people.
        if t == 0 {
            let lubai = rows.iter().find(|r| r.kecamatan == 1).unwrap();
            assert!(lubai.p0_baseline_pct > b.p0_pct, "{} vs {}", lubai.p0_baseline_pct, b.p0_pct);
        }
    }
}

#[test]
fn the_base_year_reproduces_the_entered_shares() {
    let mut s = three_kecamatan(1);
    s.households = 20_000;
    let entered: Vec<(f64, f64)> =
        s.district.kecamatan.iter().map(|k| (k.population_share_pct, k.poor_share_pct)).collect();
    let o = Model::new(s).unwrap().simulate();
    let rows: Vec<_> = o.kecamatan.iter().filter(|k| k.year == o.base_year).collect();
    let people: f64 = rows.iter().map(|r| r.people).sum();
    let poor: f64 = rows.iter().map(|r| r.poor_baseline).sum();
    for r in rows {
        let (pop, poor_share) = entered[r.kecamatan];
        let got = (100.0 * r.people / people, 100.0 * r.poor_baseline / poor);
        eprintln!(
            "kecamatan {}: people {:.1}% (entered {pop}), poor {:.1}% (entered {poor_share})",
            r.kecamatan, got.0, got.1
        );
        assert!((got.0 - pop).abs() < 2.5, "people share {} vs {pop}", got.0);
        assert!((got.1 - poor_share).abs() < 2.5, "poor share {} vs {poor_share}", got.1);
    }
}
