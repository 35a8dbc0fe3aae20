//! Entas simulation core: numbers in, numbers out.
//!
//! Architecture Invariant: this crate never does IO, never reads a clock, never touches a global RNG and
//! depends on no web crate. Everything it needs comes in as arguments; everything it knows goes out as values.
//! A `Scenario` is validated when it is built or parsed (errors name the field); simulating a validated
//! scenario cannot fail.

pub mod analysis;
pub mod district_table;
pub mod households;
pub mod levers;
pub mod lognormal;
pub mod normal;
pub mod population;
pub mod presets;
pub mod report;
pub mod rng;
pub mod scenario;
pub mod simulate;
pub mod workshop;

pub use levers::{LeverGroup, LeverId, LeverSpec, LeverValues, LEVERS};
pub use population::Population;
pub use scenario::{Scenario, ScenarioError};
pub use simulate::{Outcome, Programme, YearResult};

/// A validated scenario with its calibrated population: the unit the app and the CLI run.
#[derive(Clone, Debug)]
pub struct Model {
    pub scenario: Scenario,
    pub population: Population,
    /// The household file the population was built from, if any.
    pub households: Option<std::sync::Arc<households::Households>>,
}

impl Model {
    /// Validates `scenario` and calibrates its population. A scenario on a household file needs the file:
    /// `with_households`.
    pub fn new(scenario: Scenario) -> Result<Model, ScenarioError> {
        scenario.validate()?;
        if let Some(f) = &scenario.household_file {
            let problem = scenario::Problem::HouseholdFileMissing { name: f.name.clone(), rows: f.rows };
            return Err(ScenarioError { field: "household_file".into(), problem });
        }
        let population = Population::build(&scenario, &scenario.levers);
        Ok(Model { scenario, population, households: None })
    }

    /// The scenario on household file `file` (named `name`): its population is the file's households
    /// (`households::prepare` says what of the scenario the file replaces).
    pub fn with_households(
        scenario: Scenario,
        name: &str,
        file: std::sync::Arc<households::Households>,
    ) -> Result<Model, ScenarioError> {
        let scenario = households::prepare(&scenario, name, &file)?;
        let population = Population::from_households(&scenario, &scenario.levers, &file);
        Ok(Model { scenario, population, households: Some(file) })
    }

    /// Validates `scenario` and takes a population already built for a scenario with the same
    /// `population_key` (the workshop board's groups share their start's population: only policy levers
    /// differ). `None` when the keys differ, so a population is never reused for a scenario it does not fit.
    pub fn on_population(scenario: Scenario, population: &Model) -> Option<Result<Model, ScenarioError>> {
        if population_key(&scenario) != population_key(&population.scenario) {
            return None;
        }
        let reused = || Model {
            scenario: scenario.clone(),
            population: population.population.clone(),
            households: population.households.clone(),
        };
        Some(scenario.validate().map(|()| reused()))
    }

    /// Runs the scenario's own levers.
    pub fn simulate(&self) -> Outcome {
        simulate::simulate(&self.scenario, &self.population)
    }
}

/// What `Population::build` reads from a scenario: the district, the household count, the seed, the extreme
/// line (for the calibration report) and the two shape levers. Scenarios with equal keys build the same
/// population.
pub fn population_key(s: &Scenario) -> String {
    serde_json::json!([
        s.district,
        s.households,
        s.seed,
        s.extreme_line,
        s.levers.get(LeverId::SigmaLow),
        s.levers.get(LeverId::SigmaMid),
        s.household_file
    ])
    .to_string()
}

/// Everything the engine computes for a scenario, at full precision, as one JSON value: the calibrated
/// shape, the whole outcome, the Shapley wedge and a three-draw Monte Carlo. The native and the browser
/// oracle tests compare it number by number with a file the engine wrote before a speed change.
pub fn oracle_digest(s: &Scenario) -> serde_json::Value {
    let model = Model::new(s.clone()).expect("an oracle scenario is valid");
    let outcome = model.simulate();
    let wedge = analysis::shapley_wedge(&model.scenario, &model.scenario.levers, &model.population);
    let bands = analysis::monte_carlo(s, &s.levers, 3, |_, _| {}).expect("valid");
    serde_json::json!({
        "shape": model.population.shape,
        "outcome": outcome,
        "wedge": wedge,
        "bands": bands,
    })
}

#[cfg(test)]
mod population_reuse {
    use super::*;

    #[test]
    fn a_policy_change_keeps_the_population_and_its_outcome_an_assumption_does_not() {
        let start = presets::preset("muba_2024").expect("preset");
        let built = Model::new(start.clone()).expect("valid");
        let mut group = start.clone();
        group.levers.set(LeverId::CashBudget, 150.0).expect("in range");
        let reused = Model::on_population(group.clone(), &built).expect("same key").expect("valid");
        let fresh = Model::new(group).expect("valid");
        assert_eq!(
            serde_json::to_value(reused.simulate()).expect("json"),
            serde_json::to_value(fresh.simulate()).expect("json"),
            "the reused population gives the outcome a fresh build gives"
        );
        let mut other = start;
        other.levers.set(LeverId::SigmaMid, other.levers.get(LeverId::SigmaMid) + 0.05).expect("in range");
        assert!(Model::on_population(other, &built).is_none(), "a shape assumption needs its own population");
    }
}
