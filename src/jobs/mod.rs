//! Heavy work off the main thread: one enum of job kinds (`Request`), run in a web worker (`worker`), one slot
//! and one generation per kind. A newer request of a kind replaces the running job of that kind; the page
//! keeps only updates of the latest generation of each kind.
//!
//! - `Analysis`: the Shapley wedge, costs and Monte Carlo bands of the working scenario (one step per draw).
//! - `Compare`: a batch of saved scenarios, one simulated per step (the compare page; later the workshop board).

mod worker;

pub use worker::{Json, Worker};

use std::cell::Cell;
use std::rc::Rc;

use entas_model::analysis::{Bands, ProgrammeCost, Wedge};
use entas_model::{Outcome, Scenario};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// Monte Carlo draws the explorer asks for.
pub const DRAWS: usize = 30;

/// The kinds of job, one slot each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Analysis,
    Compare,
}

impl Kind {
    const ALL: [Kind; 2] = [Kind::Analysis, Kind::Compare];

    fn index(self) -> usize {
        self as usize
    }
}

/// What the page asks the worker to do.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Request {
    Analysis { generation: u64, scenario: Box<Scenario>, draws: usize },
    Compare { generation: u64, scenarios: Vec<Scenario> },
}

impl Request {
    pub fn kind(&self) -> Kind {
        match self {
            Request::Analysis { .. } => Kind::Analysis,
            Request::Compare { .. } => Kind::Compare,
        }
    }

    pub fn generation(&self) -> u64 {
        match self {
            Request::Analysis { generation, .. } | Request::Compare { generation, .. } => *generation,
        }
    }
}

/// Progress and results of an analysis, sent after every step.
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
    pub error: Option<String>,
}

/// One scenario of a compare batch, simulated.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CompareUpdate {
    pub generation: u64,
    /// Position in the batch, and the batch's size.
    pub index: usize,
    pub total: usize,
    /// The outcome as JSON (parsed by the page, so a message that does not parse is an error on one row,
    /// never a panic), or why the scenario could not run.
    pub outcome: Result<String, String>,
}

/// What the worker sends back.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Reply {
    /// An `AnalysisUpdate` as JSON, parsed by the page: the results hold floats, and one that is not finite
    /// (written as `null`) must give an error message, never a panic in the codec.
    Analysis {
        generation: u64,
        json: String,
    },
    Compare(CompareUpdate),
}

/// The analysis progress: steps done, steps in all, error.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub error: Option<String>,
}

/// A compared scenario's run: pending, done, or refused.
#[derive(Clone, Debug)]
pub enum Compared {
    Pending,
    Done(std::sync::Arc<Outcome>),
    Failed(String),
}

/// The compare batch the page last asked for and what has come back.
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
}

impl Results {
    pub fn new() -> Results {
        Results {
            analysis: RwSignal::new(None),
            progress: RwSignal::new(Progress::default()),
            compare: RwSignal::new(CompareResults::default()),
        }
    }

    /// The bands of the latest analysis, when every draw is done.
    pub fn bands(&self) -> Option<Bands> {
        self.analysis.with(|a| a.as_ref().and_then(|a| a.bands.clone()))
    }

    /// Takes in an update of the latest generation of its kind.
    fn receive(&self, u: Reply) {
        match u {
            Reply::Analysis { json, .. } => {
                let u: AnalysisUpdate = match serde_json::from_str(&json) {
                    Ok(u) => u,
                    Err(e) => {
                        self.progress.set(Progress { done: 0, total: 0, error: Some(format!("analysis: {e}")) });
                        return;
                    }
                };
                self.progress.set(Progress { done: u.done, total: u.total, error: u.error.clone() });
                // Results change twice per analysis (wedge, then bands): only then do charts redraw.
                let changed = self.analysis.with_untracked(|a| match a {
                    None => u.wedge.is_some() || u.bands.is_some(),
                    Some(a) => a.wedge != u.wedge || a.bands.is_some() != u.bands.is_some(),
                });
                if changed {
                    self.analysis.set(Some(u));
                }
            }
            Reply::Compare(u) => self.compare.update(|c| {
                if c.generation == u.generation && u.index < c.outcomes.len() {
                    c.outcomes[u.index] =
                        match u.outcome.and_then(|j| serde_json::from_str(&j).map_err(|e| e.to_string())) {
                            Ok(o) => Compared::Done(std::sync::Arc::new(o)),
                            Err(e) => Compared::Failed(e),
                        };
                }
            }),
        }
    }
}

impl Default for Results {
    fn default() -> Self {
        Self::new()
    }
}

/// The page's side: sends requests, keeps only the latest generation's updates of each kind.
#[derive(Clone)]
pub struct Client {
    generations: Rc<[Cell<u64>; Kind::ALL.len()]>,
    bridge: Option<Rc<gloo_worker::WorkerBridge<Worker>>>,
    results: Results,
}

impl Client {
    /// Spawns the worker (built by Trunk as `entas-worker.js`). Without worker support the client stays idle
    /// and the heavy results simply never arrive.
    pub fn spawn(results: Results) -> Client {
        use gloo_worker::Spawnable;
        let generations: Rc<[Cell<u64>; Kind::ALL.len()]> = Rc::new(Kind::ALL.map(|_| Cell::new(0)));
        let current = generations.clone();
        let supported = web_sys::window()
            .and_then(|w| js_sys::Reflect::has(&w, &JsValue::from_str("Worker")).ok())
            .unwrap_or(false);
        let bridge = supported.then(|| {
            Rc::new(
                Worker::spawner()
                    .encoding::<Json>()
                    .as_module(false)
                    .callback(move |u: Reply| {
                        let (kind, generation) = match &u {
                            Reply::Analysis { generation, .. } => (Kind::Analysis, *generation),
                            Reply::Compare(c) => (Kind::Compare, c.generation),
                        };
                        if generation == current[kind.index()].get() {
                            results.receive(u);
                        }
                    })
                    .spawn("./entas-worker.js"),
            )
        });
        Client { generations, bridge, results }
    }

    fn next_generation(&self, kind: Kind) -> u64 {
        let g = self.generations[kind.index()].get() + 1;
        self.generations[kind.index()].set(g);
        g
    }

    /// Asks for an analysis of `scenario`; an earlier analysis becomes stale.
    pub fn analyse(&self, scenario: Scenario, draws: usize) {
        self.results.analysis.set(None);
        self.results.progress.set(Progress::default());
        let generation = self.next_generation(Kind::Analysis);
        self.send(Request::Analysis { generation, scenario: Box::new(scenario), draws });
    }

    /// Asks for a compare batch, unless it is the batch already asked for (the results stay).
    pub fn compare(&self, scenarios: Vec<Scenario>) {
        if self.results.compare.with_untracked(|c| c.scenarios == scenarios && c.generation > 0) {
            return;
        }
        let generation = self.next_generation(Kind::Compare);
        let pending = vec![Compared::Pending; scenarios.len()];
        self.results.compare.set(CompareResults { generation, scenarios: scenarios.clone(), outcomes: pending });
        if !scenarios.is_empty() {
            self.send(Request::Compare { generation, scenarios });
        }
    }

    fn send(&self, r: Request) {
        if let Some(b) = &self.bridge {
            b.send(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn every_kind_has_its_own_slot() {
        for (i, k) in Kind::ALL.iter().enumerate() {
            assert_eq!(k.index(), i);
        }
    }
}
