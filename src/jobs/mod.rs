//! Heavy work off the main thread, in a pool of web workers (`worker`): one enum of job kinds, one generation
//! per kind. A newer request of a kind replaces the running job of that kind; the page keeps only replies of
//! the latest generation of each kind.
//!
//! - `Analysis`: the Shapley wedge, costs and Monte Carlo bands of the working scenario, split into parts
//!   (chunks of coalitions, single draws) that idle workers take one at a time; the page merges them with
//!   the model's own merge (`wedge_from_values`, `bands_of`), so the numbers are the same for any number of
//!   workers and any order of arrival.
//! - `Compare` and `Board`: a batch of scenarios (the ticked saved ones; a workshop's groups), one simulated
//!   per step, spread over the workers; a scenario already run in the kind's previous batch is not run again.
//! - `Solve`: the reverse solver on the first worker, a few evaluations per step with its memo kept between
//!   steps (so progress is reported and a cancel is read between them), and what each rupiah buys first.

mod pool;
mod worker;

pub use pool::{draws, worker_count, Client, MAX_WORKERS};
pub use worker::{Json, Wire, Worker};

use entas_model::analysis::{solver, Bands, DrawSummary, ProgrammeCost, Wedge};
use entas_model::{Outcome, Programme, Scenario};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Monte Carlo draws the explorer asks for.
pub const DRAWS: usize = 30;

/// The kinds of job, one slot each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Analysis,
    Compare,
    Board,
    Solve,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::Analysis, Kind::Compare, Kind::Board, Kind::Solve];

    fn index(self) -> usize {
        self as usize
    }
}

/// One part of an analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    /// Coalition masks `from..to` of the wedge.
    Coalitions { from: usize, to: usize },
    /// One Monte Carlo draw.
    Draw { draw: u64 },
}

/// What a part gives back.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum PartResult {
    /// People lifted per year by each coalition from `from` on; the chunk holding the full coalition also
    /// brings the run's spending per programme.
    Coalitions {
        from: usize,
        values: Vec<Vec<f64>>,
        spend: Option<Vec<(Programme, f64)>>,
    },
    Draw(DrawSummary),
    Error(JobError),
}

/// Why a job gave no result; the page words it in the UI language (`present::problems::job_error`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum JobError {
    /// The model refused the scenario (the page validates what it sends, so this is a bug if seen).
    Refused(entas_model::ScenarioError),
    /// A reply that did not parse: a number that is not finite travels as `null`.
    Reply(entas_model::scenario::Problem),
    /// A message the other side could not read: the page and the worker come from different builds (one
    /// was cached before an update). Reloading the page brings both from the same build.
    OtherBuild,
}

impl JobError {
    /// A reply that did not parse as JSON of its type.
    pub fn reply(e: &serde_json::Error) -> JobError {
        JobError::Reply(entas_model::scenario::Problem::from_serde(&e.to_string()))
    }
}

/// What the page asks a worker to do.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Request {
    Part {
        generation: u64,
        scenario: Box<Scenario>,
        part: Part,
    },
    /// Scenarios of a batch of `kind` (Compare or Board), each with its place in the batch.
    Batch {
        kind: Kind,
        generation: u64,
        scenarios: Vec<(usize, Scenario)>,
    },
    /// The cheapest mix for `request` on `scenario`.
    Solve {
        generation: u64,
        scenario: Box<Scenario>,
        request: solver::Request,
    },
    /// Stops the solve of `generation` (the user cancelled it, or asked for another).
    CancelSolve {
        generation: u64,
    },
    /// The household file scenarios may be built on (`Scenario::household_file`), or none: kept by the
    /// worker until the next one. Not a job: nothing runs until a scenario asks for it.
    Households {
        file: Option<Box<HouseholdFile>>,
    },
}

/// A household file as it travels to the workers: its name and its rows.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HouseholdFile {
    pub name: String,
    pub rows: entas_model::households::Households,
}

impl Request {
    /// The job kind and generation a request belongs to (None: not a job).
    pub fn job(&self) -> Option<(Kind, u64)> {
        match self {
            Request::Part { generation, .. } => Some((Kind::Analysis, *generation)),
            Request::Batch { kind, generation, .. } => Some((*kind, *generation)),
            Request::Solve { generation, .. } | Request::CancelSolve { generation } => Some((Kind::Solve, *generation)),
            Request::Households { .. } => None,
        }
    }
}

/// A solve's progress and, at the end, its answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct SolveUpdate {
    pub generation: u64,
    /// Evaluations made so far (of at most `solver::MAX_EVALUATIONS`).
    pub evaluations: usize,
    /// What each Rp1 miliar buys at the scenario's own mix (sent with the first step).
    pub marginal: Option<Vec<solver::Marginal>>,
    pub solution: Option<solver::Solution>,
    /// The cost frontier: its points as they come (after the solution), and where the status quo and the
    /// scenario stand.
    #[serde(default)]
    pub frontier: Vec<solver::FrontierPoint>,
    /// Frontier points still to come.
    #[serde(default)]
    pub frontier_left: usize,
    pub marks: Option<solver::FrontierMarks>,
    pub error: Option<JobError>,
    /// The solve is over (answered, failed or cancelled).
    pub finished: bool,
    /// Cancelled on the page: later replies of its generation change nothing.
    #[serde(default)]
    pub cancelled: bool,
}

/// Progress and results of an analysis, as merged on the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct AnalysisUpdate {
    pub generation: u64,
    /// Steps done and in all (the wedge is one step, each draw one more).
    pub done: usize,
    pub total: usize,
    pub wedge: Option<Wedge>,
    pub costs: Option<Vec<ProgrammeCost>>,
    /// Present once every draw is done.
    pub bands: Option<Bands>,
    pub error: Option<JobError>,
}

/// One scenario of a batch, simulated.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CompareUpdate {
    pub generation: u64,
    /// Position in the batch, and the batch's size.
    pub index: usize,
    pub total: usize,
    /// The outcome as JSON (parsed by the page, so a message that does not parse is an error on one row,
    /// never a panic), or why the scenario could not run.
    pub outcome: Result<String, JobError>,
}

/// What a worker sends back.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Reply {
    /// A `PartResult` as JSON, parsed by the page: the results hold floats, and one that is not finite
    /// (written as `null`) must give an error message, never a panic in the codec.
    Part {
        generation: u64,
        json: String,
    },
    Batch {
        kind: Kind,
        update: CompareUpdate,
    },
    /// A `SolveUpdate` as JSON (parsed by the page, as `Part`).
    Solve {
        generation: u64,
        json: String,
    },
    /// The worker could not read the page's message (`JobError::OtherBuild`).
    Unreadable,
}

/// The analysis progress: steps done, steps in all, error.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub error: Option<JobError>,
}

/// A compared scenario's run: pending, done, or refused.
#[derive(Clone, Debug)]
pub enum Compared {
    Pending,
    Done(std::sync::Arc<Outcome>),
    Failed(JobError),
}

/// The batch of a kind the page last asked for and what has come back.
#[derive(Clone, Debug, Default)]
pub struct CompareResults {
    pub generation: u64,
    pub scenarios: Vec<Scenario>,
    pub outcomes: Vec<Compared>,
}

/// Job results, shared through the app state.
#[derive(Clone, Copy)]
pub struct Results {
    /// The worker's latest wedge, costs and bands for the current run (None until the wedge arrives). Set only
    /// when results change, so progress messages never redraw the charts.
    pub analysis: RwSignal<Option<AnalysisUpdate>>,
    pub progress: RwSignal<Progress>,
    pub compare: RwSignal<CompareResults>,
    /// The workshop board's groups.
    pub board: RwSignal<CompareResults>,
    /// The latest solve (None before the first).
    pub solve: RwSignal<Option<SolveUpdate>>,
}

impl Results {
    pub fn new() -> Results {
        Results {
            analysis: RwSignal::new(None),
            progress: RwSignal::new(Progress::default()),
            compare: RwSignal::new(CompareResults::default()),
            board: RwSignal::new(CompareResults::default()),
            solve: RwSignal::new(None),
        }
    }

    /// The bands of the latest analysis, when every draw is done.
    pub fn bands(&self) -> Option<Bands> {
        self.analysis.with(|a| a.as_ref().and_then(|a| a.bands.clone()))
    }

    /// Takes in the merged analysis: progress always, results only when they change (the wedge, then the
    /// bands), so progress never redraws the charts.
    fn set_analysis(&self, u: AnalysisUpdate) {
        self.progress.set(Progress { done: u.done, total: u.total, error: u.error.clone() });
        let changed = self.analysis.with_untracked(|a| match a {
            None => u.wedge.is_some() || u.bands.is_some(),
            Some(a) => a.wedge != u.wedge || a.bands.is_some() != u.bands.is_some(),
        });
        if changed {
            self.analysis.set(Some(u));
        }
    }

    /// The results of a batch kind.
    fn batch(&self, kind: Kind) -> RwSignal<CompareResults> {
        if kind == Kind::Board {
            self.board
        } else {
            self.compare
        }
    }

    /// Marks every batch row still awaited as failed.
    fn fail_pending(&self, e: JobError) {
        for batch in [self.compare, self.board] {
            batch.update(|c| {
                for o in c.outcomes.iter_mut().filter(|o| matches!(o, Compared::Pending)) {
                    *o = Compared::Failed(e.clone());
                }
            })
        }
    }

    /// Takes in a batch row of the latest generation.
    fn receive_batch(&self, kind: Kind, u: CompareUpdate) {
        self.batch(kind).update(|c| {
            if c.generation == u.generation && u.index < c.outcomes.len() {
                c.outcomes[u.index] =
                    match u.outcome.and_then(|j| serde_json::from_str(&j).map_err(|e| JobError::reply(&e))) {
                        Ok(o) => Compared::Done(std::sync::Arc::new(o)),
                        Err(e) => Compared::Failed(e),
                    };
            }
        })
    }
}

impl Default for Results {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::{Kind, Reply, Wire};

    /// A message of this build reads back; one of another build's shape reads as unreadable, also inside an
    /// envelope like gloo-worker's, instead of failing the whole message.
    #[test]
    fn a_message_of_another_build_is_unreadable_not_a_failure() {
        let text = serde_json::to_string(&Wire::Read(Reply::Part { generation: 3, json: "{}".into() })).unwrap();
        assert!(matches!(
            serde_json::from_str::<Wire<Reply>>(&text).unwrap(),
            Wire::Read(Reply::Part { generation: 3, .. })
        ));
        let other = r#"{"Part":{"generation":"three"}}"#;
        assert!(matches!(serde_json::from_str::<Wire<Reply>>(other).unwrap(), Wire::Unreadable(_)));
        #[derive(serde::Deserialize)]
        enum Envelope {
            ProcessOutput(usize, Wire<Reply>),
        }
        let enveloped = r#"{"ProcessOutput":[1,{"Renamed":{"x":1}}]}"#;
        let Envelope::ProcessOutput(id, w) = serde_json::from_str::<Envelope>(enveloped).unwrap();
        assert_eq!(id, 1);
        assert!(matches!(w, Wire::Unreadable(_)));
    }

    #[test]
    fn every_kind_has_its_own_slot() {
        for (i, k) in Kind::ALL.iter().enumerate() {
            assert_eq!(k.index(), i);
        }
    }
}
