//! Helpers shared by the model's integration tests.
#![allow(dead_code)]

use entas_model::simulate::{simulate_with, Active, HouseholdRow};
use entas_model::{presets, LeverValues, Model, Outcome, Scenario};

/// A preset shrunk to `households` households and `years` projected years.
pub fn small(preset: &str, households: usize, years: i32) -> Scenario {
    let mut s = presets::preset(preset).expect("preset exists");
    s.households = households;
    s.horizon = s.district.base_year + years;
    s.targets.retain(|t| t.year <= s.horizon);
    s
}

pub fn run(s: &Scenario) -> Outcome {
    Model::new(s.clone()).expect("valid scenario").simulate()
}

pub fn run_levers(model: &Model, lv: &LeverValues) -> Outcome {
    simulate_with(&model.scenario, lv, &model.population, Active::ALL, None)
}

/// Every household row of the scenario run, with the outcome.
pub fn run_dump(model: &Model) -> (Outcome, Vec<HouseholdRow>) {
    let mut rows = Vec::new();
    let mut push = |r: HouseholdRow| rows.push(r);
    let o = simulate_with(&model.scenario, &model.scenario.levers, &model.population, Active::ALL, Some(&mut push));
    (o, rows)
}
