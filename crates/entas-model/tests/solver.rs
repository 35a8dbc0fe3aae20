//! The reverse solver: its mix is what it says (re-running it meets every target), it is close to the
//! cheapest a brute-force grid finds, and its lean evaluation is the full run's, bit for bit.

mod common;

use common::small;
use entas_model::analysis::solver::{self, Limit, Request};
use entas_model::levers::LeverId;
use entas_model::scenario::{Indicator, Target};
use entas_model::simulate::{simulate_with, Active, Rates, Reference};
use entas_model::workshop::yearly_budget;
use entas_model::Model;
use proptest::prelude::*;

fn target(indicator: Indicator, value_pct: f64, year: i32, tolerance_pct: f64) -> Target {
    Target { indicator, value_pct, year, label: String::new(), tolerance_pct }
}

#[test]
fn the_lean_rates_are_the_full_runs_bit_for_bit() {
    let m = Model::new(small("muba_2024", 3_000, 4)).unwrap();
    let reference = Reference::new(&m.scenario, &m.scenario.levers, &m.population);
    for sets in [
        vec![],
        vec![(LeverId::CashBudget, 150.0)],
        vec![(LeverId::FoodBudget, 40.0), (LeverId::DataUpdateBudget, 5.0)],
        vec![(LeverId::GraduationBudget, 30.0), (LeverId::HealthBudget, 0.0)],
    ] {
        let mut lv = m.scenario.levers.clone();
        for (id, v) in &sets {
            lv.set(*id, *v).unwrap();
        }
        let full = simulate_with(&m.scenario, &lv, &m.population, Active::ALL, None);
        let lean = reference.rates(&m.scenario, &lv, &m.population, Active::ALL);
        let expected: Vec<Rates> = full.scenario.iter().map(Rates::of).collect();
        assert_eq!(lean, expected, "{sets:?}");
    }
}

/// Whether `targets` are met by a full run of `lv` (as the target cards read it).
fn meets_all(m: &Model, lv: &entas_model::LeverValues, targets: &[Target]) -> bool {
    let o = simulate_with(&m.scenario, lv, &m.population, Active::ALL, None);
    targets.iter().all(|t| solver::meets(&o.scenario, t))
}

#[test]
fn on_two_programmes_no_grid_mix_is_more_than_two_percent_cheaper() {
    let m = Model::new(small("muba_2024", 3_000, 4)).unwrap();
    let (s, lv, pop) = (&m.scenario, &m.scenario.levers, &m.population);
    let base = s.district.base_year;
    let targets = vec![target(Indicator::P0, 10.5, base + 3, 0.0), target(Indicator::Extreme, 1.0, base + 2, 0.0)];
    let limits = vec![
        Limit { lever: LeverId::CashBudget, min: 0.0, max: 250.0 },
        Limit { lever: LeverId::FoodBudget, min: 0.0, max: 250.0 },
    ];
    let req = Request { targets: targets.clone(), limits, cap_rp_bn: None, quick: false, ramp_years: 0 };
    let sol = solver::solve_now(s, lv, pop, &req).unwrap();
    assert!(sol.feasible, "{sol:?}");
    assert!(meets_all(&m, &sol.levers, &targets), "re-running the returned mix meets every target");
    let fixed = yearly_budget(lv) - lv.get(LeverId::CashBudget) - lv.get(LeverId::FoodBudget);
    // Brute force: every mix on a 2.5-miliar grid, on the same shared reference.
    let reference = Reference::new(s, lv, pop);
    let mut cheapest = f64::INFINITY;
    let (mut grid, mut feasible_points) = (0, 0);
    let mut food_floor = 100; // on each cash level, the cheapest feasible food level is non-increasing
    for a in 0..=100 {
        let cash = 2.5 * a as f64;
        if fixed + cash >= cheapest {
            break;
        }
        let mut b = 0;
        while b <= food_floor {
            let food = 2.5 * b as f64;
            if fixed + cash + food >= cheapest {
                break;
            }
            let mut x = lv.clone();
            x.set(LeverId::CashBudget, cash).unwrap();
            x.set(LeverId::FoodBudget, food).unwrap();
            let r = reference.rates(s, &x, pop, Active::ALL);
            grid += 1;
            // Read in each target's year, as the solver reads it.
            let met = targets.iter().all(|t| {
                r.iter().any(|y| {
                    y.year == t.year
                        && match t.indicator {
                            Indicator::P0 => y.p0_pct,
                            Indicator::Extreme => y.extreme_pct,
                            Indicator::P1 => y.p1,
                        } <= t.value_pct + t.tolerance_pct
                })
            });
            if met {
                feasible_points += 1;
                cheapest = cheapest.min(fixed + cash + food);
                food_floor = b;
                break;
            }
            b += 1;
        }
    }
    assert!(grid > 50 && feasible_points > 0, "the grid searched ({grid} mixes, {feasible_points} feasible)");
    assert!(
        cheapest >= 0.98 * sol.yearly_rp_bn,
        "grid found Rp{cheapest} miliar a year, the solver Rp{} ({:?})",
        sol.yearly_rp_bn,
        sol.changes
    );
}

#[test]
fn a_ramped_mix_meets_its_targets_when_run_with_its_schedules_and_costs_their_average() {
    let m = Model::new(small("muba_2024", 2_000, 4)).unwrap();
    let (s, lv, pop) = (&m.scenario, &m.scenario.levers, &m.population);
    let targets = vec![target(Indicator::P0, 10.5, s.district.base_year + 4, 0.0)];
    let limits = vec![
        Limit { lever: LeverId::CashBudget, min: 0.0, max: 400.0 },
        Limit { lever: LeverId::FoodBudget, min: 0.0, max: 300.0 },
    ];
    let req = Request { targets: targets.clone(), limits, cap_rp_bn: None, quick: false, ramp_years: 3 };
    let sol = solver::solve_now(s, lv, pop, &req).unwrap();
    assert!(sol.feasible, "{sol:?}");
    let cash = &sol.schedules["cash_budget"];
    assert_eq!(cash.len(), 4);
    // From the status quo (Rp70 miliar) towards the level, reached in the third year.
    assert_eq!(cash[2], sol.levers.get(LeverId::CashBudget));
    assert_eq!(cash[3], cash[2]);
    let mut ramped = s.clone();
    ramped.schedules = sol.schedules.clone();
    let o = simulate_with(&ramped, &sol.levers, pop, Active::ALL, None);
    assert!(targets.iter().all(|t| solver::meets(&o.scenario, t)), "the ramp as run meets the target");
    let fixed = yearly_budget(lv) - lv.get(LeverId::CashBudget) - lv.get(LeverId::FoodBudget);
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let average = fixed + mean(cash) + mean(&sol.schedules["food_budget"]);
    assert!((sol.yearly_rp_bn - average).abs() < 1e-9, "{} vs {average}", sol.yearly_rp_bn);
    // A ramp pays less in its first years than the constant mix for the same target... and needs a higher level.
    let constant = solver::solve_now(s, lv, pop, &Request { ramp_years: 0, ..req.clone() }).unwrap();
    assert!(constant.feasible && constant.schedules.is_empty());
    let level = |x: &solver::Solution| x.levers.get(LeverId::CashBudget) + x.levers.get(LeverId::FoodBudget);
    assert!(level(&sol) >= level(&constant) - 1.0, "ramp {} vs constant {}", level(&sol), level(&constant));
    let refused = Request { ramp_years: 11, ..req };
    assert_eq!(solver::check(s, lv, &refused), Err(solver::RequestError::Ramp(11)));
}

#[test]
fn an_unreachable_target_says_how_close_and_what_it_would_take() {
    let m = Model::new(small("muba_2024", 2_000, 3)).unwrap();
    let (s, lv, pop) = (&m.scenario, &m.scenario.levers, &m.population);
    let base = s.district.base_year;
    let t = target(Indicator::P0, 10.0, base + 3, 0.0);
    let tight = Request {
        targets: vec![t.clone()],
        limits: vec![Limit { lever: LeverId::CashBudget, min: 0.0, max: 20.0 }],
        cap_rp_bn: None,
        quick: false,
        ramp_years: 0,
    };
    let sol = solver::solve_now(s, lv, pop, &tight).unwrap();
    assert!(!sol.feasible, "{sol:?}");
    assert!(sol.targets[0].reached_pct > 10.0 && sol.targets[0].reached_pct < 20.0, "{:?}", sol.targets);
    assert!(sol.binding.contains(&solver::Binding::AtMax(LeverId::CashBudget)));
    let free = sol.without_limits.as_ref().expect("cash up to its whole range reaches 10%");
    assert!(free.feasible && free.changes[0].2 > 20.0, "{:?}", free.changes);
    assert!(meets_all(&m, &free.levers, &[t]));
}

#[test]
fn requests_outside_the_limits_are_refused_with_the_field() {
    let m = Model::new(small("muba_2024", 500, 3)).unwrap();
    let (s, lv) = (&m.scenario, &m.scenario.levers);
    let base = s.district.base_year;
    let ok_target = target(Indicator::P0, 9.0, base + 2, 0.0);
    let cash = Limit { lever: LeverId::CashBudget, min: 0.0, max: 100.0 };
    let req = |targets: Vec<Target>, limits: Vec<Limit>, cap| Request {
        targets,
        limits,
        cap_rp_bn: cap,
        quick: false,
        ramp_years: 0,
    };
    use solver::RequestError as E;
    assert_eq!(solver::check(s, lv, &req(vec![], vec![cash.clone()], None)), Err(E::NoTarget));
    assert_eq!(solver::check(s, lv, &req(vec![ok_target.clone()], vec![], None)), Err(E::NoLever));
    let benefit = Limit { lever: LeverId::CashBenefit, min: 0.0, max: 1.0 };
    assert_eq!(
        solver::check(s, lv, &req(vec![ok_target.clone()], vec![benefit], None)),
        Err(E::NotBudget(LeverId::CashBenefit))
    );
    let wide = Limit { lever: LeverId::CashBudget, min: 0.0, max: 9_999.0 };
    assert!(matches!(solver::check(s, lv, &req(vec![ok_target.clone()], vec![wide], None)), Err(E::BadLimit { .. })));
    let late = target(Indicator::P0, 9.0, base + 9, 0.0);
    assert!(matches!(solver::check(s, lv, &req(vec![late], vec![cash.clone()], None)), Err(E::TargetYear { .. })));
    assert!(matches!(
        solver::check(s, lv, &req(vec![ok_target.clone()], vec![cash.clone(), cash.clone()], None)),
        Err(E::Repeated(LeverId::CashBudget))
    ));
    // The budgets that stay fixed (health, housing, water) already cost more than Rp1 miliar.
    assert!(matches!(
        solver::check(s, lv, &req(vec![ok_target.clone()], vec![cash.clone()], Some(1.0))),
        Err(E::Cap { .. })
    ));
    assert!(matches!(
        solver::check(s, lv, &req(vec![ok_target.clone()], vec![cash.clone()], Some(f64::NAN))),
        Err(E::Cap { .. })
    ));
    assert_eq!(solver::check(s, lv, &req(vec![ok_target], vec![cash], Some(500.0))), Ok(()));
}

#[test]
fn a_paused_solve_resumes_to_the_same_answer() {
    let m = Model::new(small("muara_enim_2024", 1_500, 3)).unwrap();
    let (s, lv, pop) = (&m.scenario, &m.scenario.levers, &m.population);
    let req = Request {
        targets: vec![target(Indicator::P0, 7.5, s.district.base_year + 3, 0.0)],
        limits: vec![
            Limit { lever: LeverId::CashBudget, min: 0.0, max: 200.0 },
            Limit { lever: LeverId::GraduationBudget, min: 0.0, max: 100.0 },
        ],
        cap_rp_bn: None,
        quick: false,
        ramp_years: 0,
    };
    let whole = solver::solve_now(s, lv, pop, &req).unwrap();
    let s2 = solver::solving_scenario(s, &req);
    let reference = Reference::new(&s2, lv, pop);
    let e = solver::Evaluator { s: &s2, lv, pop, reference: &reference };
    let mut memo = solver::Memo::default();
    let mut pauses = 0;
    let sol = loop {
        match solver::solve(&e, &req, &mut memo, 7) {
            Ok(sol) => break sol,
            Err(_) => pauses += 1,
        }
    };
    assert!(pauses >= 3, "paused {pauses} times");
    assert_eq!(sol, whole);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn the_returned_mix_meets_every_target_when_it_says_so(
        p0 in 7.0f64..12.0,
        extreme in 0.3f64..2.0,
        p0_year in 1i32..=3,
        extreme_year in 1i32..=3,
        cash_max in 20.0f64..400.0,
        grad_min in 0.0f64..20.0,
        cap in prop::option::of(150.0f64..600.0),
        shock in any::<bool>(),
        p1 in prop::option::of(1.2f64..2.4),
    ) {
        let mut s = small("muba_2024", 1_500, 3);
        if shock {
            // A covariate shock in the last year: a target met earlier can be lost again in its own year.
            for (id, v) in [(LeverId::ShockYear, 3.0), (LeverId::ShockDepth, 8.0), (LeverId::ShockShare, 80.0)] {
                s.levers.set(id, v).unwrap();
            }
        }
        let m = Model::new(s).unwrap();
        let (s, lv, pop) = (&m.scenario, &m.scenario.levers, &m.population);
        let base = s.district.base_year;
        let mut targets = vec![
            target(Indicator::P0, p0, base + p0_year, 0.0),
            target(Indicator::Extreme, extreme, base + extreme_year, 0.0),
        ];
        // An RPJMD poverty-gap target (P1, BPS's index ×100) beside the rates.
        if let Some(p1) = p1 {
            targets.push(target(Indicator::P1, p1, base + p0_year, 0.0));
        }
        let req = Request {
            targets: targets.clone(),
            limits: vec![
                Limit { lever: LeverId::CashBudget, min: 0.0, max: (cash_max * 2.0).round() / 2.0 },
                Limit { lever: LeverId::GraduationBudget, min: (grad_min * 2.0).round() / 2.0, max: 200.0 },
                Limit { lever: LeverId::FoodBudget, min: 0.0, max: 300.0 },
                // Data updating: more of it can make a year worse (stated exception), so rounding is guarded.
                Limit { lever: LeverId::DataUpdateBudget, min: 0.0, max: 20.0 },
            ],
            cap_rp_bn: cap,
            quick: false,
            ramp_years: 0,
        };
        prop_assume!(solver::check(s, lv, &req).is_ok());
        let sol = solver::solve_now(s, lv, pop, &req).unwrap();
        let o = simulate_with(s, &sol.levers, pop, Active::ALL, None);
        for (t, got) in targets.iter().zip(&sol.targets) {
            prop_assert_eq!(solver::meets(&o.scenario, t), got.met, "{:?}", got);
        }
        if sol.feasible {
            prop_assert!(targets.iter().all(|t| solver::meets(&o.scenario, t)));
        }
        for ((id, _, v), l) in sol.changes.iter().zip(&req.limits) {
            prop_assert!(*v >= l.min && *v <= l.max, "{:?} {} outside its limits", id, v);
        }
        if let Some(c) = cap {
            prop_assert!(sol.yearly_rp_bn <= c + 1e-9, "cost {} over the cap {}", sol.yearly_rp_bn, c);
        }
    }
}

#[test]
fn a_poverty_gap_target_is_met_by_the_returned_mix() {
    let m = Model::new(small("muba_2024", 3_000, 4)).unwrap();
    let (s, lv, pop) = (&m.scenario, &m.scenario.levers, &m.population);
    let base = s.district.base_year;
    let sq = simulate_with(s, lv, pop, Active::ALL, None);
    // A fifth off the status quo's poverty gap in the third year.
    let goal = 0.8 * sq.scenario[3].p1;
    let targets = vec![target(Indicator::P1, goal, base + 3, 0.0)];
    let limits = vec![
        Limit { lever: LeverId::CashBudget, min: 0.0, max: 400.0 },
        Limit { lever: LeverId::FoodBudget, min: 0.0, max: 400.0 },
    ];
    let req = Request { targets: targets.clone(), limits, cap_rp_bn: None, quick: false, ramp_years: 0 };
    let sol = solver::solve_now(s, lv, pop, &req).unwrap();
    assert!(sol.feasible, "{sol:?}");
    assert!(sol.targets[0].reached_pct <= goal, "{} against {goal}", sol.targets[0].reached_pct);
    assert!(meets_all(&m, &sol.levers, &targets));
    assert!(sol.yearly_rp_bn > sol.status_quo_yearly_rp_bn, "a lower poverty gap costs more than the status quo");
}
