//! The questions pages ask, answered by the model: target status, what "changed" means, the line an observed
//! extreme rate was published on, spend, reach and people lifted.

use entas_model::analysis::{self, Verdict};
use entas_model::levers::LeverId;
use entas_model::scenario::{ExtremeLine, Indicator, Target};
use entas_model::{presets, Model, Programme, Scenario};

fn muba() -> Scenario {
    let mut s = presets::preset("muba_2024").unwrap();
    s.households = 4_000;
    s
}

fn target(indicator: Indicator, value_pct: f64, year: i32) -> Target {
    Target { indicator, value_pct, year, label: "t".into(), tolerance_pct: 0.0 }
}

#[test]
fn target_status_separates_on_time_late_and_missed() {
    let m = Model::new(muba()).unwrap();
    let o = m.simulate();
    let p0 = |y: i32| o.scenario.iter().find(|r| r.year == y).unwrap().p0_pct;
    let targets = vec![
        // Met in the first projected year, deadline later: on time.
        target(Indicator::P0, p0(2025) + 0.01, 2027),
        // Met only in 2029, deadline 2026: late.
        target(Indicator::P0, p0(2029) + 0.001, 2026),
        // Below anything projected: missed.
        target(Indicator::P0, 0.01, 2030),
    ];
    let st = analysis::target_status(&o, &targets, None);
    assert_eq!(st[0].verdict, Verdict::OnTime(2025));
    assert!(matches!(st[1].verdict, Verdict::Late(y) if y > 2026 && y <= 2029), "{:?}", st[1].verdict);
    assert_eq!(st[2].verdict, Verdict::Missed);
    assert!(st.iter().all(|s| s.probability.is_none() && s.draws == 0));
    assert_eq!(st[0].met(), Some(2025));
    assert!(st[0].on_time() && !st[1].on_time() && st[2].met().is_none());
    // The status quo is the same world here, so it meets each target in the same year.
    assert_eq!(st[0].baseline_met, Some(2025));
}

#[test]
fn target_status_takes_the_probability_from_the_bands() {
    let mut s = muba();
    s.households = 1_500;
    let targets = s.targets.clone();
    assert!(!targets.is_empty());
    let o = Model::new(s.clone()).unwrap().simulate();
    let bands = analysis::monte_carlo(&s, &s.levers, 3, |_, _| {}).unwrap();
    let st = analysis::target_status(&o, &targets, Some(&bands));
    for (i, t) in st.iter().enumerate() {
        assert_eq!(t.probability, Some(bands.target_probability[i]));
        assert_eq!(t.draws, 3);
    }
}

#[test]
fn changed_is_measured_against_the_district_status_quo() {
    let s = presets::preset("muba_2024").unwrap();
    let reference = s.reference_levers();
    // The preset as shipped changes nothing: its budgets are the status quo, its assumptions the defaults.
    assert_eq!(s.levers.diff(&reference), Vec::<LeverId>::new());
    assert_eq!(reference.get(LeverId::CashBudget), s.district.status_quo.get(LeverId::CashBudget));
    assert!(reference.get(LeverId::CashBudget) > 0.0);
    let mut changed = s.levers.clone();
    changed.set(LeverId::CashBudget, 0.0).unwrap();
    changed.set(LeverId::GrowthB40, 2.0).unwrap();
    assert_eq!(changed.diff(&reference), vec![LeverId::CashBudget, LeverId::GrowthB40]);
    // The province preset sets an assumption of its own (a provincial survey's smaller error): against the
    // table defaults that is a change; against the preset it comes from, it is not.
    let sumsel = presets::preset("sumsel_2024").unwrap();
    assert_eq!(sumsel.levers.diff(&sumsel.reference_levers()), vec![LeverId::SurveyRse]);
    assert!(sumsel.levers.diff(&presets::reference_levers(&sumsel)).is_empty());
    for p in presets::PRESETS {
        let s = presets::preset(p.id).unwrap();
        let changed = s.levers.diff(&presets::reference_levers(&s));
        assert!(changed.is_empty(), "{}: a preset as shipped changes {changed:?}", p.id);
    }
    // A district of its own: the status quo and the table defaults.
    let mut own = presets::preset("muba_2024").unwrap();
    own.district.name = "Kabupaten Contoh".into();
    assert_eq!(presets::reference_levers(&own), own.reference_levers());
}

#[test]
fn observed_extreme_rates_carry_their_line() {
    let s = presets::preset("muba_2024").unwrap();
    let y = |year: i32| s.district.observed.iter().find(|o| o.year == year).unwrap();
    assert_eq!(y(2024).extreme_on(&ExtremeLine::Usd215), Some(0.47));
    assert_eq!(y(2024).extreme_on(&ExtremeLine::Usd215Local), Some(0.47));
    assert_eq!(y(2024).extreme_on(&ExtremeLine::Usd190), None);
    assert_eq!(y(2023).extreme_on(&ExtremeLine::Usd190), Some(0.96));
    assert_eq!(y(2023).extreme_on(&ExtremeLine::Usd215), None);
    assert_eq!(y(2023).extreme_on(&ExtremeLine::Rupiah { rp: 400_000.0 }), None);
}

#[test]
fn an_older_file_gets_the_line_from_the_note_once() {
    let mut s = presets::preset("muba_2024").unwrap();
    for o in &mut s.district.observed {
        o.extreme_line = None;
    }
    let json = s.to_json();
    assert!(!json.contains("\"extreme_line\": {\n            \"kind\""), "observations written without a line");
    let back = Scenario::from_json(&json).unwrap();
    let y2024 = back.district.observed.iter().find(|o| o.year == 2024).unwrap();
    assert_eq!(y2024.extreme_line, Some(ExtremeLine::Usd215));
    let y2021 = back.district.observed.iter().find(|o| o.year == 2021).unwrap();
    assert_eq!(y2021.extreme_line, Some(ExtremeLine::Usd190));
    assert_eq!(back, presets::preset("muba_2024").unwrap());
}

#[test]
fn spend_reach_and_people_lifted_come_from_the_outcome() {
    let m = Model::new(muba()).unwrap();
    let o = m.simulate();
    let by_hand: f64 = o.scenario.iter().map(|r| r.spend_rp).sum();
    assert_eq!(o.scenario_spend_rp(), by_hand);
    assert!(o.scenario_spend_rp() > 0.0);
    assert_eq!(o.final_year(), 2030);
    let (b, s) = (o.baseline.last().unwrap(), o.scenario.last().unwrap());
    assert_eq!(o.lifted_final(), b.poor_people - s.poor_people);
    let cash = o.reach(Programme::Cash, 2025).unwrap();
    assert!(cash > 100.0, "{cash}");
    assert_eq!(o.reach(Programme::Graduation, 2025), None, "Muba runs no graduation programme");
}
