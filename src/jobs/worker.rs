//! The worker side. Several of these run at once (`Pool`); each takes one part of an analysis at a time — a
//! chunk of Shapley coalitions or one Monte Carlo draw — and the page merges the parts. A worker keeps the
//! model and the shared reference of the analysis it is on, so its next coalition chunk starts at once.
//! Between draws and compare rows it yields to its event loop, so a newer request replaces stale work.

use entas_model::analysis::{self, solver};
use entas_model::simulate::{Active, Reference};
use entas_model::{Model, Programme, Scenario};
use gloo_worker::{Codec, HandlerId, WorkerScope};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::{CompareUpdate, JobError, Kind, Part, PartResult, Reply, Request, SolveUpdate};
use entas_model::households::Households;
use entas_model::scenario::ScenarioError;
use std::sync::Arc;

/// The household file a worker holds: its name, fingerprint (hexadecimal, as scenarios name it) and rows.
#[derive(Clone)]
struct HeldFile {
    name: String,
    fingerprint: String,
    rows: Arc<Households>,
}

/// The rows `s` is built on, when this worker holds them.
fn rows_for<'a>(held: &'a Option<HeldFile>, s: &Scenario) -> Option<&'a HeldFile> {
    let wanted = s.household_file.as_ref()?;
    held.as_ref().filter(|h| h.fingerprint == wanted.fingerprint)
}

/// The model of `s`: on the household file it names when this worker holds it (otherwise the model refuses
/// it by name, and the page says so).
fn model_of(held: &Option<HeldFile>, s: Scenario) -> Result<Model, ScenarioError> {
    match rows_for(held, &s).cloned() {
        Some(h) => Model::with_households(s, &h.name, h.rows),
        None => Model::new(s),
    }
}

/// Messages between the worker and the page travel as JSON text (the scenario has tagged enums that a
/// binary codec cannot carry).
pub struct Json;

impl Codec for Json {
    fn encode<I: Serialize>(input: I) -> JsValue {
        JsValue::from_str(&serde_json::to_string(&input).unwrap_or_default())
    }

    /// Our own messages are `Wire`s, which read whatever JSON they are given, so a page and a worker of
    /// different builds meet as `Wire::Unreadable`, never as a panic. What is left is gloo-worker's own
    /// envelope (`ToWorker` on the worker, `FromWorker` on the page), which differs only between versions of
    /// that crate: read as one of its unit messages instead — "loaded" on the page (harmless: its queue is
    /// already flushed), "destroy" in the worker (a worker that cannot read its page stops).
    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        let text = input.as_string().unwrap_or_default();
        serde_json::from_str(&text)
            .or_else(|_| serde_json::from_str("\"WorkerLoaded\""))
            .or_else(|_| serde_json::from_str("\"Destroy\""))
            .unwrap_or_else(|_| unreachable!("gloo-worker decodes only its ToWorker and FromWorker envelopes"))
    }
}

/// A message as it arrived: what this build can read, or why not.
#[derive(Clone, Debug)]
pub enum Wire<T> {
    Read(T),
    /// The other side is another build: serde's reason.
    Unreadable(String),
}

impl<T: Serialize> Serialize for Wire<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Wire::Read(t) => t.serialize(s),
            Wire::Unreadable(_) => s.serialize_unit(),
        }
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Wire<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        Ok(serde_json::from_value(value).map_or_else(|e| Wire::Unreadable(e.to_string()), Wire::Read))
    }
}

/// The analysis this worker is on: its scenario, and the model and reference once a coalition needs them.
struct Analysis {
    generation: u64,
    scenario: Scenario,
    model: Option<(Model, Reference, Vec<Programme>)>,
}

struct PartJob {
    id: HandlerId,
    generation: u64,
    part: Part,
}

struct BatchJob {
    id: HandlerId,
    generation: u64,
    scenarios: Vec<(usize, Scenario)>,
    next: usize,
}

/// A solve in progress: its request, the model and reference once built, and the evaluations made so far.
struct SolveJob {
    id: HandlerId,
    generation: u64,
    scenario: Scenario,
    request: solver::Request,
    model: Option<(Model, Reference)>,
    memo: solver::Memo,
    /// Once solved: the answer, the frontier's requests still to run, its points, the marks.
    solution: Option<solver::Solution>,
    frontier: Vec<solver::Request>,
    points: Vec<solver::FrontierPoint>,
    marks: Option<solver::FrontierMarks>,
    marginal_done: bool,
}

/// New evaluations per solve step (about 0.1 s at the default sample): progress often, a cancel read soon.
const SOLVE_STEP: usize = 12;

/// The worker: the analysis it is on, its current part, the latest batch of each batch kind (compare, board),
/// the solve it is on, and the last batch model (its population is reused).
pub struct Worker {
    analysis: Option<Analysis>,
    part: Option<PartJob>,
    batches: [Option<BatchJob>; 2],
    solve: Option<SolveJob>,
    /// The last batch scenario's model: the next one reuses its population when only policy levers differ
    /// (a workshop's groups, compare's variants of one district).
    last: Option<Model>,
    /// The household file scenarios may be built on.
    held: Option<HeldFile>,
}

/// The slot of a batch kind.
fn batch_slot(kind: Kind) -> usize {
    usize::from(kind == Kind::Board)
}

impl gloo_worker::Worker for Worker {
    /// The kind and generation whose next step to run.
    type Message = (Kind, u64);
    type Input = Wire<Request>;
    type Output = Wire<Reply>;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        Worker { analysis: None, part: None, batches: [None, None], solve: None, last: None, held: None }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, (kind, generation): (Kind, u64)) {
        match kind {
            Kind::Analysis => self.part_step(scope, generation),
            Kind::Compare | Kind::Board => self.batch_step(scope, kind, generation),
            Kind::Solve => self.solve_step(scope, generation),
        }
    }

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Wire<Request>, id: HandlerId) {
        let msg = match msg {
            Wire::Read(msg) => msg,
            Wire::Unreadable(_) => return scope.respond(id, Wire::Read(Reply::Unreadable)),
        };
        let Some((kind, generation)) = msg.job() else {
            if let Request::Households { file } = msg {
                // Rows that are not what the page's parser makes are not held (the scenarios then say so).
                self.held = file.filter(|f| f.rows.is_consistent()).map(|f| HeldFile {
                    name: f.name,
                    fingerprint: format!("{:016x}", f.rows.fingerprint()),
                    rows: Arc::new(f.rows),
                });
                self.last = None;
            }
            return;
        };
        match msg {
            Request::Part { scenario, part, .. } => {
                if self.analysis.as_ref().is_none_or(|a| a.generation != generation) {
                    self.analysis = Some(Analysis { generation, scenario: *scenario, model: None });
                }
                self.part = Some(PartJob { id, generation, part });
            }
            Request::Batch { scenarios, .. } => {
                self.batches[batch_slot(kind)] = Some(BatchJob { id, generation, scenarios, next: 0 });
            }
            Request::Solve { scenario, request, .. } => {
                self.solve = Some(SolveJob {
                    id,
                    generation,
                    scenario: *scenario,
                    request,
                    model: None,
                    memo: Default::default(),
                    solution: None,
                    frontier: Vec::new(),
                    points: Vec::new(),
                    marks: None,
                    marginal_done: false,
                });
            }
            Request::CancelSolve { .. } => {
                self.solve = None;
                return;
            }
            Request::Households { .. } => return,
        }
        next_step(scope, kind, generation);
    }
}

impl Worker {
    fn part_step(&mut self, scope: &WorkerScope<Self>, generation: u64) {
        // A batch (compare, the workshop board) is waited for by the room; the explorer's analysis is a
        // background refinement. Its step goes to the back of the queue while a batch has scenarios left.
        if self.batches.iter().any(Option::is_some) {
            return next_step(scope, Kind::Analysis, generation);
        }
        let Some(job) = take_of(&mut self.part, generation) else {
            return; // a newer request replaced this part
        };
        let Some(analysis) = self.analysis.as_mut().filter(|a| a.generation == generation) else { return };
        let result = match run_part(analysis, job.part, &self.held) {
            Ok(r) => r,
            Err(e) => PartResult::Error(e),
        };
        let json = serde_json::to_string(&result).unwrap_or_default();
        scope.respond(job.id, Wire::Read(Reply::Part { generation, json }));
    }

    fn batch_step(&mut self, scope: &WorkerScope<Self>, kind: Kind, generation: u64) {
        let slot = &mut self.batches[batch_slot(kind)];
        let Some(job) = slot.as_mut().filter(|j| j.generation == generation) else {
            return;
        };
        let Some((index, s)) = job.scenarios.get(job.next) else {
            *slot = None;
            return;
        };
        let model = self
            .last
            .as_ref()
            .and_then(|m| Model::on_population(s.clone(), m))
            .unwrap_or_else(|| model_of(&self.held, s.clone()));
        let outcome = model
            .map(|m| {
                let json = serde_json::to_string(&m.simulate()).unwrap_or_default();
                self.last = Some(m);
                json
            })
            .map_err(JobError::Refused);
        let update = CompareUpdate { generation, index: *index, total: job.scenarios.len(), outcome };
        scope.respond(job.id, Wire::Read(Reply::Batch { kind, update }));
        job.next += 1;
        if job.next < job.scenarios.len() {
            next_step(scope, kind, generation);
        } else {
            *slot = None;
        }
    }
}

impl Worker {
    /// One step of the solve: the model and what each rupiah buys first, then `SOLVE_STEP` evaluations.
    fn solve_step(&mut self, scope: &WorkerScope<Self>, generation: u64) {
        let Some(job) = self.solve.as_mut().filter(|j| j.generation == generation) else {
            return; // cancelled, or replaced by a newer solve
        };
        let mut update = SolveUpdate { generation, ..SolveUpdate::default() };
        match job.model.as_ref() {
            None => match model_of(&self.held, solver::solving_scenario(&job.scenario, &job.request)) {
                Err(e) => {
                    update.error = Some(JobError::Refused(e));
                    update.finished = true;
                }
                Ok(model) => {
                    let (s, lv, pop) = (&model.scenario, &model.scenario.levers, &model.population);
                    let reference = Reference::new(s, lv, pop);
                    job.model = Some((model, reference));
                }
            },
            Some((model, reference)) => {
                let (s, lv, pop) = (&model.scenario, &model.scenario.levers, &model.population);
                let e = solver::Evaluator { s, lv, pop, reference };
                if job.solution.is_none() {
                    match solver::solve(&e, &job.request, &mut job.memo, SOLVE_STEP) {
                        Ok(sol) => {
                            // Then the frontier, one level at a time, on the same memo.
                            let (requests, marks) = solver::frontier(&e, &job.request);
                            job.points.push(solver::FrontierPoint {
                                level_pct: job.request.targets[0].value_pct + job.request.targets[0].tolerance_pct,
                                yearly_rp_bn: sol.feasible.then_some(sol.yearly_rp_bn),
                            });
                            job.frontier = requests;
                            job.marks = Some(marks);
                            job.solution = Some(sol);
                        }
                        Err(p) => update.evaluations = p.evaluations,
                    }
                } else if !job.marginal_done {
                    // After the answer (which the user waits for): what each rupiah buys, of the scenario as it
                    // is (its schedules too).
                    let own = Model::on_population(job.scenario.clone(), model).and_then(Result::ok);
                    update.marginal = own.map(|m| {
                        let r = Reference::new(&m.scenario, &m.scenario.levers, &m.population);
                        solver::marginal_values(&m.scenario, &m.scenario.levers, &m.population, &r)
                    });
                    job.marginal_done = true;
                } else if let Some(req) = job.frontier.first() {
                    // Paused: the next step goes on with the same level.
                    if let Ok(sol) = solver::solve(&e, req, &mut job.memo, SOLVE_STEP) {
                        job.points.push(solver::FrontierPoint {
                            level_pct: req.targets[0].value_pct,
                            yearly_rp_bn: sol.feasible.then_some(sol.yearly_rp_bn),
                        });
                        job.frontier.remove(0);
                    }
                }
                if let Some(sol) = &job.solution {
                    update.evaluations = job.memo.len();
                    update.solution = Some(sol.clone());
                    update.frontier = job.points.clone();
                    update.frontier_left = job.frontier.len();
                    update.marks = job.marks.clone();
                    update.finished = job.marginal_done && job.frontier.is_empty();
                }
            }
        }
        let (id, finished) = (job.id, update.finished);
        if finished {
            self.solve = None;
        } else {
            next_step(scope, Kind::Solve, generation);
        }
        let json = serde_json::to_string(&update).unwrap_or_default();
        scope.respond(id, Wire::Read(Reply::Solve { generation, json }));
    }
}

/// The part waiting in `slot` when it is of `generation`; a part of another generation stays. A step of an
/// older generation can come after a newer part arrived (both requests were queued while the worker was busy):
/// taking and then dropping that newer part would leave its analysis waiting for ever.
fn take_of(slot: &mut Option<PartJob>, generation: u64) -> Option<PartJob> {
    if slot.as_ref().is_some_and(|j| j.generation == generation) {
        slot.take()
    } else {
        None
    }
}

/// Computes one part of an analysis.
fn run_part(a: &mut Analysis, part: Part, held: &Option<HeldFile>) -> Result<PartResult, JobError> {
    match part {
        Part::Coalitions { from, to } => {
            if a.model.is_none() {
                let model = model_of(held, a.scenario.clone()).map_err(JobError::Refused)?;
                let (s, lv) = (&model.scenario, &model.scenario.levers);
                let reference = Reference::new(s, lv, &model.population);
                let players = analysis::wedge_players(s, lv);
                a.model = Some((model, reference, players));
            }
            let Some((model, reference, players)) = a.model.as_ref() else { unreachable!("built above") };
            let (s, lv, pop) = (&model.scenario, &model.scenario.levers, &model.population);
            let all = 1usize << players.len();
            let values = (from..to.min(all))
                .map(|mask| analysis::coalition_lifted(s, lv, pop, reference, players, mask))
                .collect();
            // The chunk with the full coalition also reports the run's spending (for cost per person lifted).
            let spend = (from..to)
                .contains(&(all - 1))
                .then(|| analysis::programme_spend(&reference.scenario(s, lv, pop, Active::ALL, None)));
            Ok(PartResult::Coalitions { from, values, spend })
        }
        Part::Draw { draw } => {
            a.scenario.validate().map_err(JobError::Refused)?;
            let rows = match (&a.scenario.household_file, rows_for(held, &a.scenario)) {
                (Some(f), None) => {
                    let problem =
                        entas_model::scenario::Problem::HouseholdFileMissing { name: f.name.clone(), rows: f.rows };
                    return Err(JobError::Refused(ScenarioError { field: "household_file".into(), problem }));
                }
                (_, h) => h.map(|h| h.rows.as_ref()),
            };
            Ok(PartResult::Draw(analysis::run_draw_on(&a.scenario, &a.scenario.levers, draw, rows)))
        }
    }
}

/// Runs the next step after the worker's event loop has had a chance to deliver newer requests.
fn next_step(scope: &WorkerScope<Worker>, kind: Kind, generation: u64) {
    scope.send_future(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        (kind, generation)
    });
}

#[cfg(test)]
mod tests {
    use super::{take_of, Part, PartJob};

    /// Two requests queued while the worker was busy: the older generation's step runs first and must leave the
    /// newer part for its own step (the CI run where the brief's analysis never finished).
    #[test]
    fn a_stale_step_leaves_the_newer_part_waiting() {
        let id = serde_json::from_str("0").expect("a handler id is a number");
        let mut slot = Some(PartJob { id, generation: 2, part: Part::Draw { draw: 0 } });
        assert!(take_of(&mut slot, 1).is_none());
        assert!(slot.is_some(), "the newer part is still there");
        assert_eq!(take_of(&mut slot, 2).map(|j| j.generation), Some(2));
        assert!(slot.is_none());
        assert!(take_of(&mut slot, 2).is_none());
    }
}
