//! Entas simulation core: numbers in, numbers out.
//!
//! Architecture Invariant: this crate never does IO, never reads a clock, never touches a global RNG and
//! depends on no web crate. Everything it needs comes in as arguments; everything it knows goes out as values.
//! A `Scenario` is validated when it is built or parsed (errors name the field); simulating a validated
//! scenario cannot fail.

pub mod analysis;
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
}

impl Model {
    /// Validates `scenario` and calibrates its population.
    pub fn new(scenario: Scenario) -> Result<Model, ScenarioError> {
        scenario.validate()?;
        let population = Population::build(&scenario, &scenario.levers);
        Ok(Model { scenario, population })
    }

    /// Runs the scenario's own levers.
    pub fn simulate(&self) -> Outcome {
        simulate::simulate(&self.scenario, &self.population)
    }
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
