//! Properties every scenario must keep, over random lever values (proptest).

mod common;

use common::{run_levers, small};
use entas_model::levers::{LeverId, Unit};
use entas_model::{LeverValues, Model, LEVERS};
use proptest::prelude::*;

/// Random values for every lever, each within its allowed range (switches and year offsets whole).
fn any_levers() -> impl Strategy<Value = LeverValues> {
    let ranges: Vec<_> = LEVERS.iter().map(|l| (l.min..=l.max).boxed()).collect();
    ranges.prop_map(|values| {
        let mut lv = LeverValues::default();
        for (l, v) in LEVERS.iter().zip(values) {
            let v = if matches!(l.unit, Unit::Toggle | Unit::YearOffset) { v.round() } else { v };
            lv.set(l.id, v).expect("in range by construction");
        }
        lv
    })
}

fn model(seed: u64) -> Model {
    let mut s = small("muba_2024", 1500, 5);
    s.seed = seed;
    Model::new(s).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn measures_are_ordered_and_bounded(lv in any_levers(), seed in 0u64..1000) {
        let o = run_levers(&model(seed), &lv);
        for r in o.baseline.iter().chain(&o.scenario) {
            prop_assert!(0.0 <= r.p2 && r.p2 <= r.p1 + 1e-12, "{r:?}");
            prop_assert!(r.p1 <= r.p0_pct + 1e-12 && r.p0_pct <= 100.0, "{r:?}");
            prop_assert!(r.extreme_pct <= r.p0_pct + 1e-12, "{r:?}");
            prop_assert!((0.0..=1.0).contains(&r.gini), "{r:?}");
            prop_assert!((0.0..=100.0).contains(&r.vulnerable_pct), "{r:?}");
        }
    }

    #[test]
    fn zero_programme_budget_equals_no_district_programme_exactly(lv in any_levers(), seed in 0u64..1000) {
        let mut lv = lv;
        // Every budget, data updating included, and the status quo's registry: the national PBI works from
        // the same registry, so enablers act even without district budgets.
        for p in entas_model::Programme::BUDGETED {
            lv.set(p.budget_lever(), 0.0).unwrap();
        }
        let m = model(seed);
        let sq = m.scenario.status_quo_levers();
        for l in entas_model::levers::LEVERS.iter().filter(|l| l.group == entas_model::levers::LeverGroup::Enablers) {
            if l.unit != entas_model::levers::Unit::RpBillionPerYear {
                lv.set(l.id, sq.get(l.id)).unwrap();
            }
        }
        let o = run_levers(&m, &lv);
        for (b, s) in o.counterfactual.iter().zip(&o.scenario).skip(1) {
            prop_assert_eq!(b.p0_pct.to_bits(), s.p0_pct.to_bits());
            prop_assert_eq!(b.p1.to_bits(), s.p1.to_bits());
            prop_assert_eq!(b.p2.to_bits(), s.p2.to_bits());
            prop_assert_eq!(b.extreme_pct.to_bits(), s.extreme_pct.to_bits());
            prop_assert_eq!(b.gini.to_bits(), s.gini.to_bits());
        }
    }

    #[test]
    fn more_transfer_budget_never_raises_p0_or_p1(lv in any_levers(), seed in 0u64..1000, a in 0.0f64..250.0, extra in 0.5f64..250.0) {
        let m = model(seed);
        let mut low = lv.clone();
        low.set(LeverId::CashBudget, a).unwrap();
        let mut high = lv;
        high.set(LeverId::CashBudget, a + extra).unwrap();
        let (lo, hi) = (run_levers(&m, &low), run_levers(&m, &high));
        for (l, h) in lo.scenario.iter().zip(&hi.scenario) {
            prop_assert!(h.p0_pct <= l.p0_pct, "year {}: P0 {} → {}", l.year, l.p0_pct, h.p0_pct);
            prop_assert!(h.p1 <= l.p1 + 1e-12, "year {}: P1 {} → {}", l.year, l.p1, h.p1);
        }
    }

    #[test]
    fn the_same_seed_gives_identical_bits(lv in any_levers(), seed in 0u64..1000) {
        let a = run_levers(&model(seed), &lv);
        let b = run_levers(&model(seed), &lv);
        prop_assert_eq!(a, b);
    }
}

#[test]
fn different_seeds_give_different_paths() {
    let lv = LeverValues::default();
    let (a, b) = (run_levers(&model(1), &lv), run_levers(&model(2), &lv));
    assert_ne!(a.baseline[3].p0_pct, b.baseline[3].p0_pct);
}

#[test]
fn perfect_targeting_no_churn_and_a_budget_equal_to_the_gap_closes_poverty() {
    let mut s = small("muba_2024", 4000, 3);
    let mut lv = LeverValues::default();
    for (id, v) in [
        (LeverId::RegistryCoverage, 100.0),
        (LeverId::TargetingAccuracy, 1.0),
        (LeverId::ExitShare, 0.0),
        (LeverId::GrowthB40, 0.0),
        (LeverId::GrowthTilt, 0.0),
        (LeverId::HealthShockRate, 0.0),
        (LeverId::CashGapFilling, 1.0),
        (LeverId::CashDelivery, 100.0),
        (LeverId::CashPassThrough, 100.0),
        (LeverId::Absorption, 100.0),
        (LeverId::Overhead, 0.0),
        (LeverId::Multiplier, 1.0),
    ] {
        lv.set(id, v).unwrap();
    }
    s.levers = lv.clone();
    // A district with no programme of its own: the benchmark is against no district programme.
    s.district.status_quo = LeverValues::default();
    let m = Model::new(s).unwrap();
    let base = run_levers(&m, &lv);
    let gap_rp_year = base.baseline[1].p1 / 100.0 * base.poverty_line * m.scenario.district.population * 12.0;
    assert!(base.baseline[1].p0_pct > 12.0, "no churn, no growth: poverty stays");
    lv.set(LeverId::CashBudget, gap_rp_year / 1e9 * 1.001).unwrap();
    let o = run_levers(&m, &lv);
    for r in &o.scenario[1..] {
        assert!(r.p0_pct < 0.05, "year {}: P0 {}", r.year, r.p0_pct);
        assert!(r.p1 < 1e-6, "year {}: P1 {}", r.year, r.p1);
    }
    // And with 10% less than the gap, poverty does not close.
    lv.set(LeverId::CashBudget, gap_rp_year / 1e9 * 0.9).unwrap();
    assert!(run_levers(&m, &lv).scenario[1].p0_pct > 0.5);
}

#[test]
fn a_bigger_quota_contains_the_smaller_one() {
    let m = model(5);
    let mut last = 0.0;
    for budget in [0.0, 10.0, 40.0, 80.0, 160.0] {
        let mut lv = LeverValues::default();
        lv.set(LeverId::CashBudget, budget).unwrap();
        let o = run_levers(&m, &lv);
        let reached = o
            .programmes
            .iter()
            .filter(|p| p.programme == entas_model::Programme::Cash)
            .map(|p| p.beneficiaries)
            .sum::<f64>();
        assert!(reached >= last, "budget {budget}: {reached} < {last}");
        last = reached;
    }
    assert!(last > 0.0);
}
