//! Model v2, part 1: the baseline is the status quo, growth runs against the poverty line, the lower tail is
//! fitted to P0 and P1, the sample does not wobble, shocks and uncertainty come from the record.

mod common;

use common::{run_levers, small};
use entas_model::analysis::{self, centred_draw};
use entas_model::levers::LeverId;
use entas_model::population::SIGMA_LOW_PLAUSIBLE;
use entas_model::scenario::DEFAULT_HOUSEHOLDS;
use entas_model::{presets, LeverValues, Model, Programme};
use proptest::prelude::*;

const DISTRICT_PRESETS: [&str; 4] = ["muba_2024", "muara_enim_2024", "sumsel_2024", "indonesia_2024"];

#[test]
fn first_year_growth_elasticity_of_every_preset_is_within_the_evidence() {
    // Miranti, Duncan & Cassells 2014: −2.46; range −1.5 to −4 (brief §6). ΔP0 % ÷ Δ mean consumption %,
    // status quo, first projected year, at 100k households.
    for id in presets::PRESETS.iter().map(|p| p.id) {
        let mut s = presets::preset(id).unwrap();
        s.households = 100_000;
        s.levers.set(LeverId::ShockYear, 0.0).unwrap();
        let o = Model::new(s).unwrap().simulate();
        let (b0, b1) = (&o.baseline[0], &o.baseline[1]);
        let e = (b1.p0_pct / b0.p0_pct - 1.0) / (b1.mean_consumption / b0.mean_consumption - 1.0);
        println!("{id}: elasticity {e:.2}");
        assert!((-4.0..=-1.5).contains(&e), "{id}: elasticity {e:.2}");
    }
}

#[test]
fn sigma_low_of_every_preset_is_plausible() {
    for p in presets::PRESETS {
        let m = Model::new(presets::preset(p.id).unwrap()).unwrap();
        let r = &m.population.report;
        let (lo, hi) = SIGMA_LOW_PLAUSIBLE;
        assert!((lo..=hi).contains(&r.shape.sigma_low), "{}: σ_low {}", p.id, r.shape.sigma_low);
        assert!(r.sigma_low_warning.is_none(), "{}", p.id);
    }
}

#[test]
fn a_sigma_low_outside_the_plausible_range_is_warned_about() {
    let mut s = small("muba_2024", 2000, 2);
    s.district.calibration = entas_model::scenario::Calibration::P0P1 { p0_pct: 12.88, p1: 0.9 };
    let m = Model::new(s).unwrap();
    assert!(m.population.report.shape.sigma_low < 0.30);
    assert!(m.population.report.sigma_low_warning.is_some());
}

#[test]
fn presets_calibrate_to_p0_and_p1_and_report_the_extreme_rate_as_a_check() {
    for id in DISTRICT_PRESETS {
        let m = Model::new(presets::preset(id).unwrap()).unwrap();
        let r = &m.population.report;
        assert!(r.mode == "p0_p1" || r.mode == "p0_p1_p2", "{id}: {}", r.mode);
        assert!((r.p1_achieved / r.second_target - 1.0).abs() < 0.05, "{id}: {r:?}");
        assert!(r.extreme_achieved_pct > 0.0 && r.extreme_achieved_pct < r.p0_target_pct, "{id}");
    }
    let muba = Model::new(presets::preset("muba_2024").unwrap()).unwrap();
    assert_eq!(muba.population.report.extreme_observed_pct, Some(0.47));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// "No change" is the baseline bit for bit, also when it arrives through schedules equal to the status
    /// quo's constants (so the full scenario path runs, not a shortcut).
    #[test]
    fn a_scenario_equal_to_the_status_quo_reproduces_the_baseline_bit_for_bit(seed in 0u64..1000, growth in 0.0f64..2.9) {
        let mut s = small("muba_2024", 2000, 4);
        s.seed = seed;
        s.levers.set(LeverId::GrowthB40, growth).unwrap();
        for p in Programme::ALL {
            let v = s.levers.get(p.budget_lever());
            s.schedules.insert(p.budget_lever().to_string(), vec![v; s.years()]);
        }
        let m = Model::new(s).unwrap();
        let o = m.simulate();
        for (b, sc) in o.baseline.iter().zip(&o.scenario) {
            prop_assert_eq!(b.p0_pct.to_bits(), sc.p0_pct.to_bits());
            prop_assert_eq!(b.p1.to_bits(), sc.p1.to_bits());
            prop_assert_eq!(b.extreme_pct.to_bits(), sc.extreme_pct.to_bits());
            prop_assert_eq!(b.gini.to_bits(), sc.gini.to_bits());
            prop_assert_eq!(b.spend_rp.to_bits(), sc.spend_rp.to_bits());
        }
        prop_assert!(o.lifted.iter().all(|v| *v == 0.0));
    }

    #[test]
    fn zero_budget_for_every_programme_and_data_reproduces_no_district_programme(seed in 0u64..1000) {
        let mut s = small("muba_2024", 2000, 4);
        s.seed = seed;
        for p in Programme::ALL {
            s.levers.set(p.budget_lever(), 0.0).unwrap();
        }
        let o = Model::new(s).unwrap().simulate();
        for (c, sc) in o.counterfactual.iter().zip(&o.scenario).skip(1) {
            prop_assert_eq!(c.p0_pct.to_bits(), sc.p0_pct.to_bits());
            prop_assert_eq!(c.p2.to_bits(), sc.p2.to_bits());
            prop_assert_eq!(c.extreme_pct.to_bits(), sc.extreme_pct.to_bits());
        }
        // The base year contains the status quo: without it, poverty is higher.
        prop_assert!(o.counterfactual[0].p0_pct > o.baseline[0].p0_pct);
    }

    #[test]
    fn centred_draws_have_the_point_as_their_mean(lo in 0.0f64..1.0, width in 0.5f64..3.0, at in 0.0f64..1.0) {
        let hi = lo + width;
        let point = lo + at * width;
        let n = 4000;
        let mean = (0..n)
            .map(|i| {
                let u_side = ((i as f64) + 0.5) / n as f64;
                let u = ((i * 7919 % n) as f64 + 0.5) / n as f64;
                centred_draw(lo, point, hi, u_side, u)
            })
            .sum::<f64>() / n as f64;
        prop_assert!((mean - point).abs() < 0.02 * width, "mean {mean} point {point}");
    }
}

#[test]
fn the_first_year_does_not_wobble_with_the_seed_at_the_default_household_count() {
    // Goal: SD across seeds of first-year P0 well under a normal year's fall (≈0.45 pp in Muba): ≤ 0.10 pp, and
    // of the extreme rate ≤ 0.05 pp. Part 1 reached 0.016 / 0.01 by pinning the status quo to the calibrated
    // distribution every year, which made the status quo's own registry the only one that knew whom its
    // transfers had made poor (issue 11). The path is now welfare before programmes and the status quo adds
    // its transfers to about a thousand sampled households each year: their crossings of the line are a
    // sample, and their noise is what remains here (≈0.08 pp at 20,000 households).
    for id in ["muba_2024", "muara_enim_2024"] {
        let (mut p0, mut ex) = (Vec::new(), Vec::new());
        for seed in 1..=6 {
            let mut s = presets::preset(id).unwrap();
            assert_eq!(s.households, DEFAULT_HOUSEHOLDS);
            s.seed = seed;
            s.horizon = s.district.base_year + 1;
            let o = Model::new(s).unwrap().simulate();
            p0.push(o.baseline[1].p0_pct);
            ex.push(o.baseline[1].extreme_pct);
        }
        let sd = |v: &[f64]| {
            let m = v.iter().sum::<f64>() / v.len() as f64;
            (v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (v.len() - 1) as f64).sqrt()
        };
        println!("{id}: SD P0 {:.4} pp, SD extreme {:.4} pp", sd(&p0), sd(&ex));
        assert!(sd(&p0) <= 0.10, "{id}: SD of P0 {:.4}", sd(&p0));
        assert!(sd(&ex) <= 0.05, "{id}: SD of extreme {:.4}", sd(&ex));
    }
}

#[test]
fn the_covid_like_shock_reproduces_indonesia_2019_to_2020() {
    // BPS: 9.22% (September 2019) → 10.19% (September 2020), +0.97 pp after the national aid response.
    let mut s = presets::preset("indonesia_2019_covid").unwrap();
    s.households = 100_000;
    let o = Model::new(s).unwrap().simulate();
    let change = o.baseline[1].p0_pct - o.baseline[0].p0_pct;
    println!("COVID-like shock: {change:+.2} pp");
    assert!((change - 0.97).abs() < 0.15, "{change}");
}

#[test]
fn the_extreme_line_is_the_national_rupiah_value_and_falls_against_the_gk() {
    let o = Model::new(small("muara_enim_2024", 2000, 3)).unwrap().simulate();
    assert!((o.extreme_line - 391_000.0).abs() < 1.0, "{}", o.extreme_line);
    assert!(o.extreme_lines.windows(2).all(|w| w[1] < w[0]));
}

#[test]
fn targets_are_read_with_their_tolerance() {
    let o = Model::new(small("muba_2024", 2000, 6)).unwrap().simulate();
    let mut t = presets::preset("muba_2024").unwrap().targets[1].clone();
    assert_eq!(t.tolerance_pct, 0.5);
    let with = analysis::year_met(&o.baseline, &t);
    t.tolerance_pct = 0.0;
    let without = analysis::year_met(&o.baseline, &t);
    assert!(with.is_some() && with < without.or(Some(i32::MAX)), "{with:?} {without:?}");
}

#[test]
fn monte_carlo_carries_the_survey_error_and_bands_on_people_lifted() {
    let mut s = small("muba_2024", 1500, 3);
    s.levers.set(LeverId::CashBudget, 120.0).unwrap();
    let b = analysis::monte_carlo(&s, &s.levers, 16, |_, _| {}).unwrap();
    assert!(b.p0_p90[0] - b.p0_p10[0] > 0.5, "base year band {} – {}", b.p0_p10[0], b.p0_p90[0]);
    assert!(b.lifted_p10[2] <= b.lifted_p50[2] && b.lifted_p50[2] <= b.lifted_p90[2]);
    assert!(b.lifted_p90[2] > 0.0);
    let (lo, hi) = (b.cost_per_person_year_p10.unwrap(), b.cost_per_person_year_p90.unwrap());
    assert!(lo > 0.0 && lo <= hi);
    // Without survey error the base year is exact again.
    s.levers.set(LeverId::SurveyRse, 0.0).unwrap();
    let b = analysis::monte_carlo(&s, &s.levers, 8, |_, _| {}).unwrap();
    assert!(b.p0_p90[0] - b.p0_p10[0] < 0.15, "{} – {}", b.p0_p10[0], b.p0_p90[0]);
}

#[test]
fn district_trend_growth_follows_the_published_history() {
    let mut s = small("muara_enim_2024", 2000, 2);
    s.growth_basis = entas_model::scenario::GrowthBasis::DistrictTrend;
    let m = Model::new(s.clone()).unwrap();
    let o = m.simulate();
    assert_eq!(o.growth_basis, entas_model::scenario::GrowthBasis::DistrictTrend);
    // Muara Enim fell from 12.56% (2018) to 9.79% (2024): the trend is a positive growth against the line.
    assert!(o.growth_b40_pct > 0.3 && o.growth_b40_pct < 3.0, "{}", o.growth_b40_pct);
    // A district without history cannot take the trend.
    s.district.observed.clear();
    assert_eq!(Model::new(s).unwrap_err().field, "growth_basis");
}

#[test]
fn the_status_quo_holds_policy_levers_only() {
    let mut s = small("muba_2024", 2000, 2);
    let mut sq = LeverValues::default();
    sq.set(LeverId::GrowthB40, 2.0).unwrap();
    s.district.status_quo = sq;
    assert_eq!(Model::new(s).unwrap_err().field, "district.status_quo.growth_b40");
}

#[test]
fn more_cash_than_the_status_quo_lifts_people_against_it() {
    let m = Model::new(small("muba_2024", 4000, 3)).unwrap();
    let mut lv = m.scenario.levers.clone();
    lv.set(LeverId::CashBudget, 140.0).unwrap();
    let o = run_levers(&m, &lv);
    assert!(o.lifted[1] > 0.0 && o.lifted_vs_none[1] > o.lifted[1], "{:?} {:?}", o.lifted, o.lifted_vs_none);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    /// One reference serves every scenario on the same assumptions, and one built for other assumptions is
    /// never used as it is: both give exactly what a fresh run gives.
    #[test]
    fn a_shared_reference_gives_what_a_fresh_run_gives(cash in 0.0f64..200.0, growth in 0.0f64..2.9, seed in 0u64..500) {
        use entas_model::simulate::{simulate_with, Active, Reference};
        let mut s = small("muba_2024", 1500, 4);
        s.seed = seed;
        let m = Model::new(s).unwrap();
        let reference = Reference::new(&m.scenario, &m.scenario.levers, &m.population);
        let mut lv = m.scenario.levers.clone();
        lv.set(LeverId::CashBudget, cash).unwrap();
        let shared = reference.scenario(&m.scenario, &lv, &m.population, Active::ALL, None);
        prop_assert_eq!(&shared, &simulate_with(&m.scenario, &lv, &m.population, Active::ALL, None));
        let mut walking = Reference::new(&m.scenario, &m.scenario.levers, &m.population);
        walking.forget_path();
        prop_assert_eq!(&walking.scenario(&m.scenario, &lv, &m.population, Active::ALL, None), &shared);
        lv.set(LeverId::GrowthB40, growth).unwrap();
        let stale = reference.scenario(&m.scenario, &lv, &m.population, Active::ALL, None);
        prop_assert_eq!(&stale, &simulate_with(&m.scenario, &lv, &m.population, Active::ALL, None));
    }
}

#[test]
#[ignore = "profiling aid: run under a profiler with --ignored"]
fn profile_slider_runs() {
    use entas_model::simulate::{Active, Reference};
    let m = Model::new(presets::preset("muba_2024").unwrap()).unwrap();
    let reference = Reference::new(&m.scenario, &m.scenario.levers, &m.population);
    let mut lv = m.scenario.levers.clone();
    for i in 0..5 {
        lv.set(LeverId::CashBudget, 90.0 + i as f64).unwrap();
        let o = reference.scenario(&m.scenario, &lv, &m.population, Active::ALL, None);
        assert!(o.scenario[1].p0_pct > 0.0);
    }
}
