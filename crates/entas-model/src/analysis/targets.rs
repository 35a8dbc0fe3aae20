//! Where each target stands in a run: the year it is met in the scenario and in the status quo, whether that
//! is by its deadline, and — once Monte Carlo bands exist — the share of draws that meet it in time.

use super::{year_met, Bands};
use crate::scenario::Target;
use crate::simulate::Outcome;

/// How a target fares in the scenario run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "year", rename_all = "snake_case")]
pub enum Verdict {
    /// Met by the deadline, first in this year.
    OnTime(i32),
    /// Met, but only after the deadline, first in this year.
    Late(i32),
    /// Not met within the horizon.
    Missed,
}

/// One target's status.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TargetStatus {
    pub target: Target,
    pub verdict: Verdict,
    /// First year met in the status quo (None: not within the horizon).
    pub baseline_met: Option<i32>,
    /// Share of Monte Carlo draws meeting the target by its deadline (None until bands exist).
    pub probability: Option<f64>,
    /// Monte Carlo draws behind `probability` (0 until bands exist).
    pub draws: usize,
}

impl TargetStatus {
    /// First year met in the scenario, on time or late.
    pub fn met(&self) -> Option<i32> {
        match self.verdict {
            Verdict::OnTime(y) | Verdict::Late(y) => Some(y),
            Verdict::Missed => None,
        }
    }

    /// Met by the deadline.
    pub fn on_time(&self) -> bool {
        matches!(self.verdict, Verdict::OnTime(_))
    }
}

/// The status of each of `targets` in `outcome`, in order; `bands` (from a Monte Carlo run of the same
/// scenario and targets) adds the probability of meeting each.
pub fn target_status(outcome: &Outcome, targets: &[Target], bands: Option<&Bands>) -> Vec<TargetStatus> {
    targets
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let verdict = match year_met(&outcome.scenario, t) {
                Some(y) if y <= t.year => Verdict::OnTime(y),
                Some(y) => Verdict::Late(y),
                None => Verdict::Missed,
            };
            let probability = bands.and_then(|b| b.target_probability.get(i).copied());
            TargetStatus {
                target: t.clone(),
                verdict,
                baseline_met: year_met(&outcome.baseline, t),
                probability,
                draws: if probability.is_some() { bands.map_or(0, |b| b.draws) } else { 0 },
            }
        })
        .collect()
}
