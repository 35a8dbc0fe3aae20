//! A simple, slow, obviously correct oracle beside the fast code: FGT indices and the Gini recomputed from
//! the household dump with plain weighted loops.

mod common;

use common::{run_dump, small};
use entas_model::levers::LeverId;
use entas_model::{analysis, Model};

#[test]
fn fast_measures_equal_a_naive_weighted_loop() {
    let mut s = small("muba_2024", 3000, 4);
    s.levers.set(LeverId::CashBudget, 120.0).unwrap();
    s.levers.set(LeverId::GraduationBudget, 20.0).unwrap();
    let m = Model::new(s).unwrap();
    let (o, rows) = run_dump(&m);
    let z = o.poverty_line;
    for (t, r) in o.scenario.iter().enumerate() {
        let year: Vec<_> = rows.iter().filter(|h| h.year == r.year).collect();
        let people: f64 = year.iter().map(|h| h.weight * h.size).sum();
        let fgt = |a: i32| {
            year.iter()
                .filter(|h| h.consumption_pc < z)
                .map(|h| h.weight * h.size * (1.0 - h.consumption_pc / z).powi(a))
                .sum::<f64>()
                / people
                * 100.0
        };
        assert!((fgt(0) - r.p0_pct).abs() < 1e-9, "P0 {} vs {}", fgt(0), r.p0_pct);
        assert!((fgt(1) - r.p1).abs() < 1e-9, "P1 {} vs {}", fgt(1), r.p1);
        assert!((fgt(2) - r.p2).abs() < 1e-9, "P2 {} vs {}", fgt(2), r.p2);
        let ext = year.iter().filter(|h| h.consumption_pc < o.extreme_lines[t]).map(|h| h.weight * h.size).sum::<f64>();
        assert!((100.0 * ext / people - r.extreme_pct).abs() < 1e-9);
        // Exact Gini by sorting.
        let mut v: Vec<(f64, f64)> = year.iter().map(|h| (h.consumption_pc, h.weight * h.size)).collect();
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        let total: f64 = v.iter().map(|(y, p)| y * p).sum();
        let (mut area, mut cum) = (0.0, 0.0);
        for (y, p) in &v {
            let c = y * p / total;
            area += p / people * (2.0 * cum + c);
            cum += c;
        }
        assert!((1.0 - area - r.gini).abs() < 0.002, "Gini {} vs {}", 1.0 - area, r.gini);
    }
}

#[test]
fn shapley_wedge_adds_up_to_the_total_lifted() {
    let m = Model::new(small("muba_2024", 2000, 3)).unwrap();
    let w = analysis::shapley_wedge(&m.scenario, &m.scenario.levers, &m.population);
    assert_eq!(w.by_programme.len(), 4, "Muba 2024 funds cash, health, housing and water");
    let o = m.simulate();
    assert_eq!(
        w.total[1..],
        o.lifted_vs_none[1..],
        "the wedge shares out what the mix lifts against no district programme"
    );
    for (y, total) in w.total.iter().enumerate() {
        let sum: f64 = w.by_programme.iter().map(|(_, v)| v[y]).sum();
        assert!((sum - total).abs() < 1e-6 * total.abs().max(1.0), "year {y}: {sum} vs {total}");
    }
    assert!(w.total[1] > 0.0);
}

#[test]
fn monte_carlo_bands_are_ordered_and_probabilities_are_shares() {
    let m = Model::new(small("muba_2024", 1500, 3)).unwrap();
    let calls = std::sync::atomic::AtomicUsize::new(0);
    let b = analysis::monte_carlo(&m.scenario, &m.scenario.levers, 12, |_, _| {
        calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    })
    .unwrap();
    assert_eq!(calls.into_inner(), 12);
    for y in 0..b.years.len() {
        assert!(b.p0_p10[y] <= b.p0_p50[y] && b.p0_p50[y] <= b.p0_p90[y]);
        assert!(b.extreme_p10[y] <= b.extreme_p90[y]);
    }
    assert!(b.p0_p90[3] > b.p0_p10[3], "uncertain assumptions widen the band");
    assert!(b.target_probability.iter().all(|p| (0.0..=1.0).contains(p)));
}

#[test]
fn backtest_reports_every_observed_year_after_the_base() {
    let m = Model::new(entas_model::presets::preset("muba_2021_backtest").unwrap()).unwrap();
    let rows = analysis::backtest(&m.scenario, &m.simulate(), None);
    let years: Vec<i32> = rows.iter().map(|r| r.year).collect();
    assert_eq!(years, vec![2022, 2023, 2024, 2025]);
    assert_eq!(rows[0].observed_p0_pct, Some(15.19));
    for r in &rows {
        let (lo, hi, o) = (r.observed_p0_low.unwrap(), r.observed_p0_high.unwrap(), r.observed_p0_pct.unwrap());
        assert!(lo < o && o < hi, "{r:?}");
    }
}

/// Work split over web workers or threads merges to the same numbers, whatever the split and the order in
/// which the parts come back: bands from draws run one by one in reverse equal `monte_carlo`'s, and a wedge
/// from coalitions computed in reverse equals `shapley_wedge`.
#[test]
fn split_work_merges_to_the_same_numbers_in_any_order() {
    let m = Model::new(small("muba_2024", 1500, 3)).unwrap();
    let (s, lv) = (&m.scenario, &m.scenario.levers);
    let whole = analysis::monte_carlo(s, lv, 6, |_, _| {}).unwrap();
    let parts: Vec<_> = (0..6u64).rev().map(|d| analysis::run_draw(s, lv, d)).collect();
    assert_eq!(analysis::bands_of(s, &parts), whole);
    assert_ne!(analysis::bands_of(s, &parts[..3]), whole, "three draws are not six");

    let players = analysis::wedge_players(s, lv);
    let reference = entas_model::simulate::Reference::new(s, lv, &m.population);
    let mut values = vec![Vec::new(); 1 << players.len()];
    for mask in (0..values.len()).rev() {
        values[mask] = analysis::coalition_lifted(s, lv, &m.population, &reference, &players, mask);
    }
    assert_eq!(analysis::wedge_from_values(s, &players, &values), analysis::shapley_wedge(s, lv, &m.population));
}

/// The lean pass Shapley coalitions use counts the poor exactly as the full run does.
#[test]
fn the_lean_pass_lifts_exactly_what_the_full_run_lifts() {
    use entas_model::simulate::{Active, Programme, Reference};
    let mut s = small("muba_2024", 1500, 4);
    s.levers.set(entas_model::LeverId::GraduationBudget, 20.0).unwrap();
    let m = Model::new(s).unwrap();
    let (s, lv, pop) = (&m.scenario, &m.scenario.levers, &m.population);
    let reference = Reference::new(s, lv, pop);
    for active in [
        Active::ALL,
        Active::from_programmes(&[]),
        Active::from_programmes(&[Programme::Cash, Programme::Graduation]),
        Active::from_programmes(&[Programme::Housing]),
    ] {
        let full = reference.scenario(s, lv, pop, active, None).lifted_vs_none;
        assert_eq!(reference.lifted_vs_none(s, lv, pop, active), full);
    }
    // The status quo's own levers take the shortcut; it too agrees with the full run.
    let sq = s.status_quo_levers();
    let mut at_sq = s.clone();
    at_sq.levers = sq.clone();
    let r = Reference::new(&at_sq, &sq, pop);
    assert_eq!(
        r.lifted_vs_none(&at_sq, &sq, pop, Active::ALL),
        r.scenario(&at_sq, &sq, pop, Active::ALL, None).lifted_vs_none
    );
}
