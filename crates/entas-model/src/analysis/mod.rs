//! What planners ask of a run: the year each target is met, the people each programme lifts (Shapley wedge),
//! uncertainty bands and the probability of meeting each target (Monte Carlo), and the back-test.

mod backtest;
mod monte_carlo;
mod registry_check;
mod shapley;
pub mod solver;
mod targets;

pub use backtest::{backtest, backtest_miss, BacktestRow};
pub use monte_carlo::{
    bands_of, centred_draw, draw_district, draw_levers, monte_carlo, monte_carlo_on, run_draw, run_draw_on, Bands,
    DrawSummary, MonteCarlo,
};
pub use registry_check::{registry_check, RegistryCheck};
pub use shapley::{
    coalition_lifted, costs_from_spend, programme_costs, programme_spend, shapley_wedge, wedge_from_values,
    wedge_players, ProgrammeCost, Wedge,
};
pub use targets::{target_status, TargetStatus, Verdict};

use crate::scenario::{Indicator, Target};
use crate::simulate::YearResult;

/// The first year (from the base year) in which `target` is met in `results`: the indicator at most
/// `value_pct + tolerance_pct`.
pub fn year_met(results: &[YearResult], target: &Target) -> Option<i32> {
    results.iter().find(|r| value(r, target.indicator) <= target.value_pct + target.tolerance_pct).map(|r| r.year)
}

fn value(r: &YearResult, i: Indicator) -> f64 {
    match i {
        Indicator::P0 => r.p0_pct,
        Indicator::Extreme => r.extreme_pct,
        Indicator::P1 => r.p1,
    }
}
