//! The worker side: one slot per job kind, one step per message. Each step yields to the worker's event loop
//! before the next, so a newer request replaces a running job of its kind: stale work is dropped, not finished.

use entas_model::analysis::{self, MonteCarlo, ProgrammeCost, Wedge};
use entas_model::{Model, Scenario};
use gloo_worker::{Codec, HandlerId, WorkerScope};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::{AnalysisUpdate, CompareUpdate, Kind, Reply, Request};

/// Messages between the worker and the page travel as JSON text (the scenario has tagged enums that a
/// binary codec cannot carry).
pub struct Json;

impl Codec for Json {
    fn encode<I: Serialize>(input: I) -> JsValue {
        JsValue::from_str(&serde_json::to_string(&input).unwrap_or_default())
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        // Both ends are this app's own code; a message that does not parse is a build mismatch.
        serde_json::from_str(&input.as_string().unwrap_or_default()).expect("worker message from this build")
    }
}

struct AnalysisJob {
    id: HandlerId,
    generation: u64,
    scenario: Scenario,
    monte_carlo: MonteCarlo,
    wedge: Option<Wedge>,
    costs: Option<Vec<ProgrammeCost>>,
}

struct CompareJob {
    id: HandlerId,
    generation: u64,
    scenarios: Vec<Scenario>,
    next: usize,
}

/// The worker: the latest job of each kind.
pub struct Worker {
    analysis: Option<AnalysisJob>,
    compare: Option<CompareJob>,
}

impl gloo_worker::Worker for Worker {
    /// The kind and generation whose next step to run.
    type Message = (Kind, u64);
    type Input = Request;
    type Output = Reply;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        Worker { analysis: None, compare: None }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, (kind, generation): (Kind, u64)) {
        match kind {
            Kind::Analysis => self.analysis_step(scope, generation),
            Kind::Compare => self.compare_step(scope, generation),
        }
    }

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Request, id: HandlerId) {
        let (kind, generation) = (msg.kind(), msg.generation());
        match msg {
            Request::Analysis { scenario, draws, .. } => match MonteCarlo::new(&scenario, &scenario.levers, draws) {
                Ok(monte_carlo) => {
                    let scenario = *scenario;
                    self.analysis =
                        Some(AnalysisJob { id, generation, scenario, monte_carlo, wedge: None, costs: None });
                }
                Err(e) => {
                    self.analysis = None;
                    let u = AnalysisUpdate { generation, error: Some(e.to_string()), ..Default::default() };
                    scope.respond(id, analysis_reply(&u));
                    return;
                }
            },
            Request::Compare { scenarios, .. } => {
                self.compare = Some(CompareJob { id, generation, scenarios, next: 0 });
            }
        }
        next_step(scope, kind, generation);
    }
}

impl Worker {
    fn analysis_step(&mut self, scope: &WorkerScope<Self>, generation: u64) {
        let Some(job) = self.analysis.as_mut().filter(|j| j.generation == generation) else {
            return; // a newer request replaced this job
        };
        if job.wedge.is_none() {
            match Model::new(job.scenario.clone()) {
                Ok(model) => {
                    let wedge = analysis::shapley_wedge(&model.scenario, &model.scenario.levers, &model.population);
                    job.costs = Some(analysis::programme_costs(&model.simulate(), &wedge));
                    job.wedge = Some(wedge);
                }
                Err(e) => {
                    let u = AnalysisUpdate { generation, error: Some(e.to_string()), ..Default::default() };
                    scope.respond(job.id, analysis_reply(&u));
                    self.analysis = None;
                    return;
                }
            }
        } else {
            job.monte_carlo.step();
        }
        let (draws_done, draws) = job.monte_carlo.progress();
        let done = job.monte_carlo.is_done();
        let u = AnalysisUpdate {
            generation,
            done: 1 + draws_done,
            total: 1 + draws,
            wedge: job.wedge.clone(),
            costs: job.costs.clone(),
            bands: done.then(|| job.monte_carlo.bands()),
            error: None,
        };
        scope.respond(job.id, analysis_reply(&u));
        if done {
            self.analysis = None;
        } else {
            next_step(scope, Kind::Analysis, generation);
        }
    }

    fn compare_step(&mut self, scope: &WorkerScope<Self>, generation: u64) {
        let Some(job) = self.compare.as_mut().filter(|j| j.generation == generation) else {
            return;
        };
        let index = job.next;
        let Some(s) = job.scenarios.get(index) else {
            self.compare = None;
            return;
        };
        let outcome = Model::new(s.clone())
            .map(|m| serde_json::to_string(&m.simulate()).unwrap_or_default())
            .map_err(|e| e.to_string());
        scope.respond(job.id, Reply::Compare(CompareUpdate { generation, index, total: job.scenarios.len(), outcome }));
        job.next += 1;
        if job.next < job.scenarios.len() {
            next_step(scope, Kind::Compare, generation);
        } else {
            self.compare = None;
        }
    }
}

fn analysis_reply(u: &AnalysisUpdate) -> Reply {
    Reply::Analysis { generation: u.generation, json: serde_json::to_string(u).unwrap_or_default() }
}

/// Runs the next step after the worker's event loop has had a chance to deliver newer requests.
fn next_step(scope: &WorkerScope<Worker>, kind: Kind, generation: u64) {
    scope.send_future(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        (kind, generation)
    });
}
