//! The heavy runs — the Shapley wedge and Monte Carlo bands — in a web worker (gloo-worker), so slider input
//! never waits for them. One interface on each side: `AnalysisRequest` in, `AnalysisUpdate`s out.
//!
//! The worker works in steps (the wedge, then one Monte Carlo draw per step) and yields to its event loop
//! between steps, so a newer request replaces a running job: stale work is dropped, not finished. The page
//! also ignores any update whose generation is not the latest it asked for.

use std::cell::Cell;
use std::rc::Rc;

use entas_model::analysis::{self, Bands, MonteCarlo, ProgrammeCost, Wedge};
use entas_model::{Model, Scenario};
use gloo_worker::{Codec, HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// Monte Carlo draws the explorer asks for.
pub const DRAWS: usize = 30;

/// What the page asks the worker to analyse.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AnalysisRequest {
    pub generation: u64,
    pub scenario: Scenario,
    pub draws: usize,
}

/// Progress and results, sent after every step.
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

struct Job {
    id: HandlerId,
    generation: u64,
    scenario: Scenario,
    monte_carlo: MonteCarlo,
    wedge: Option<Wedge>,
    costs: Option<Vec<ProgrammeCost>>,
}

/// The worker.
pub struct Analyst {
    job: Option<Job>,
}

impl Worker for Analyst {
    /// The generation whose next step to run.
    type Message = u64;
    type Input = AnalysisRequest;
    type Output = AnalysisUpdate;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        Analyst { job: None }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, generation: u64) {
        let Some(job) = self.job.as_mut().filter(|j| j.generation == generation) else {
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
                    scope.respond(
                        job.id,
                        AnalysisUpdate { generation, error: Some(e.to_string()), ..Default::default() },
                    );
                    self.job = None;
                    return;
                }
            }
        } else {
            job.monte_carlo.step();
        }
        let (draws_done, draws) = job.monte_carlo.progress();
        let done = job.monte_carlo.is_done();
        scope.respond(
            job.id,
            AnalysisUpdate {
                generation,
                done: 1 + draws_done,
                total: 1 + draws,
                wedge: job.wedge.clone(),
                costs: job.costs.clone(),
                bands: done.then(|| job.monte_carlo.bands()),
                error: None,
            },
        );
        if done {
            self.job = None;
        } else {
            next_step(scope, generation);
        }
    }

    fn received(&mut self, scope: &WorkerScope<Self>, msg: AnalysisRequest, id: HandlerId) {
        match MonteCarlo::new(&msg.scenario, &msg.scenario.levers, msg.draws) {
            Ok(monte_carlo) => {
                self.job = Some(Job {
                    id,
                    generation: msg.generation,
                    scenario: msg.scenario,
                    monte_carlo,
                    wedge: None,
                    costs: None,
                });
                next_step(scope, msg.generation);
            }
            Err(e) => scope.respond(
                id,
                AnalysisUpdate { generation: msg.generation, error: Some(e.to_string()), ..Default::default() },
            ),
        }
    }
}

/// Runs the next step after the worker's event loop has had a chance to deliver newer requests.
fn next_step(scope: &WorkerScope<Analyst>, generation: u64) {
    scope.send_future(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        generation
    });
}

/// The page's side: sends requests, keeps only the latest generation's updates.
#[derive(Clone)]
pub struct AnalysisClient {
    generation: Rc<Cell<u64>>,
    bridge: Option<Rc<gloo_worker::WorkerBridge<Analyst>>>,
}

impl AnalysisClient {
    /// Spawns the worker (built by Trunk as `entas-worker.js`); `on_update` receives current updates only.
    /// Without worker support the client stays idle and the heavy results simply never arrive.
    pub fn spawn(on_update: impl Fn(AnalysisUpdate) + 'static) -> AnalysisClient {
        use gloo_worker::Spawnable;
        let generation = Rc::new(Cell::new(0));
        let current = generation.clone();
        let supported = web_sys::window()
            .and_then(|w| js_sys::Reflect::has(&w, &JsValue::from_str("Worker")).ok())
            .unwrap_or(false);
        let bridge = supported.then(|| {
            Rc::new(
                Analyst::spawner()
                    .encoding::<Json>()
                    .as_module(false)
                    .callback(move |u: AnalysisUpdate| {
                        if u.generation == current.get() {
                            on_update(u);
                        }
                    })
                    .spawn("./entas-worker.js"),
            )
        });
        AnalysisClient { generation, bridge }
    }

    /// Asks for an analysis of `scenario`; earlier requests become stale. Returns the new generation.
    pub fn request(&self, scenario: Scenario, draws: usize) -> u64 {
        let g = self.generation.get() + 1;
        self.generation.set(g);
        if let Some(b) = &self.bridge {
            b.send(AnalysisRequest { generation: g, scenario, draws });
        }
        g
    }
}
