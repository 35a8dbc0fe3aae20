//! The page's side of the jobs: a pool of workers, the analysis being handed out part by part and merged
//! (`Dispatch`), and the latest generation of each kind.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use entas_model::analysis::{self, DrawSummary, ProgrammeCost, Wedge};
use entas_model::{Programme, Scenario};
use wasm_bindgen::JsValue;

use super::{
    AnalysisUpdate, CompareResults, Compared, JobError, Json, Kind, Part, PartResult, Progress, Reply, Request,
    Results, Wire, Worker, DRAWS,
};
use leptos::prelude::*;

/// Most workers the pool starts, whatever the machine has.
pub const MAX_WORKERS: usize = 4;

/// Households the pool's workers may hold between them: each keeps its own population and reference (about
/// 300 bytes a household, measured at 1,000,000 households: 338 MB of wasm memory), so a big sample uses
/// fewer workers rather than several copies of it.
const POOL_HOUSEHOLDS: usize = 1_500_000;

/// Coalitions per part of a wedge (16 of the 128 for seven programmes).
const COALITIONS_PER_PART: usize = 16;

/// An analysis being computed: the parts still to hand out, what each worker is on, and what has come back.
struct Dispatch {
    generation: u64,
    scenario: Box<Scenario>,
    queue: VecDeque<Part>,
    /// Per worker: busy with a part.
    busy: Vec<bool>,
    players: Vec<Programme>,
    values: Vec<Option<Vec<f64>>>,
    spend: Option<Vec<(Programme, f64)>>,
    draws: Vec<DrawSummary>,
    total_draws: usize,
    wedge: Option<Wedge>,
    costs: Option<Vec<ProgrammeCost>>,
    error: Option<JobError>,
}

impl Dispatch {
    fn new(generation: u64, scenario: Scenario, draws: usize, workers: usize) -> Dispatch {
        let players = analysis::wedge_players(&scenario, &scenario.levers);
        let all = 1usize << players.len();
        let mut queue: VecDeque<Part> = (0..all)
            .step_by(COALITIONS_PER_PART)
            .map(|from| Part::Coalitions { from, to: (from + COALITIONS_PER_PART).min(all) })
            .collect();
        queue.extend((0..draws as u64).map(|draw| Part::Draw { draw }));
        Dispatch {
            generation,
            scenario: Box::new(scenario),
            queue,
            busy: vec![false; workers],
            values: vec![None; all],
            players,
            spend: None,
            draws: Vec::with_capacity(draws),
            total_draws: draws,
            wedge: None,
            costs: None,
            error: None,
        }
    }

    /// Hands the next parts to idle workers.
    fn hand_out(&mut self, bridges: &[gloo_worker::WorkerBridge<Worker>]) {
        for (i, bridge) in bridges.iter().enumerate().take(self.busy.len()) {
            if self.error.is_some() {
                return;
            }
            if !self.busy[i] {
                if let Some(part) = self.queue.pop_front() {
                    self.busy[i] = true;
                    let scenario = self.scenario.clone();
                    bridge.send(Wire::Read(Request::Part { generation: self.generation, scenario, part }));
                }
            }
        }
    }

    /// Merges worker `i`'s result of its part.
    fn merge(&mut self, i: usize, json: &str) {
        if let Some(b) = self.busy.get_mut(i) {
            *b = false;
        }
        match serde_json::from_str::<PartResult>(json) {
            Ok(PartResult::Coalitions { from, values, spend }) => {
                for (k, v) in values.into_iter().enumerate() {
                    if let Some(slot) = self.values.get_mut(from + k) {
                        *slot = Some(v);
                    }
                }
                if spend.is_some() {
                    self.spend = spend;
                }
                if self.wedge.is_none() && self.values.iter().all(Option::is_some) {
                    let values: Vec<Vec<f64>> = self.values.iter().flatten().cloned().collect();
                    let wedge = analysis::wedge_from_values(&self.scenario, &self.players, &values);
                    self.costs = Some(analysis::costs_from_spend(self.spend.as_deref().unwrap_or(&[]), &wedge));
                    self.wedge = Some(wedge);
                }
            }
            Ok(PartResult::Draw(d)) => self.draws.push(d),
            Ok(PartResult::Error(e)) => self.error = Some(e),
            Err(e) => self.error = Some(JobError::reply(&e)),
        }
    }

    fn update(&self) -> AnalysisUpdate {
        let done_draws = self.draws.len() == self.total_draws;
        AnalysisUpdate {
            generation: self.generation,
            done: self.wedge.is_some() as usize + self.draws.len(),
            total: 1 + self.total_draws,
            wedge: self.wedge.clone(),
            costs: self.costs.clone(),
            bands: (self.wedge.is_some() && done_draws).then(|| analysis::bands_of(&self.scenario, &self.draws)),
            error: self.error.clone(),
        }
    }
}

/// The page's side: a pool of workers, the analysis being dispatched, the latest generation of each kind.
#[derive(Clone)]
pub struct Client {
    inner: Rc<Pool>,
}

struct Pool {
    generations: [Cell<u64>; Kind::ALL.len()],
    bridges: RefCell<Vec<gloo_worker::WorkerBridge<Worker>>>,
    analysis: RefCell<Option<Dispatch>>,
    results: Results,
}

/// A whole number from the address's query (`?name=N`), when it is in `range`.
fn query_number(name: &str, range: std::ops::RangeInclusive<usize>) -> Option<usize> {
    let search = web_sys::window()?.location().search().ok()?;
    let prefix = format!("{name}=");
    let value = search.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix(prefix.as_str()))?;
    value.parse::<usize>().ok().filter(|n| range.contains(n))
}

/// How many workers to start: the browser's logical processors (`navigator.hardwareConcurrency`), at most
/// `MAX_WORKERS`; `?workers=N` in the address (1–8) overrides it, for checks and slow machines.
pub fn worker_count() -> usize {
    let cores = web_sys::window().map_or(1, |w| w.navigator().hardware_concurrency() as usize);
    query_number("workers", 1..=8).unwrap_or_else(|| cores.clamp(1, MAX_WORKERS))
}

/// Monte Carlo draws of the explorer's analysis: `DRAWS`, or `?draws=N` in the address (10–1000) for a
/// final brief that wants tighter bands.
pub fn draws() -> usize {
    query_number("draws", 10..=1000).unwrap_or(DRAWS)
}

impl Client {
    /// Spawns the workers (built by Trunk as `entas-worker.js`). Without worker support the client stays idle
    /// and the heavy results simply never arrive.
    pub fn spawn(results: Results) -> Client {
        use gloo_worker::Spawnable;
        let pool = Rc::new(Pool {
            generations: Kind::ALL.map(|_| Cell::new(0)),
            bridges: RefCell::new(Vec::new()),
            analysis: RefCell::new(None),
            results,
        });
        let supported = web_sys::window()
            .and_then(|w| js_sys::Reflect::has(&w, &JsValue::from_str("Worker")).ok())
            .unwrap_or(false);
        // The single-file build (scripts/single-file.mjs) makes the worker itself, as a blob URL with its wasm
        // inside: a page opened from file:// cannot start a worker from a file.
        let blob_worker = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("ENTAS_WORKER_URL")).ok())
            .and_then(|v| v.as_string());
        if supported {
            let bridges = (0..worker_count())
                .map(|i| {
                    let pool: Weak<Pool> = Rc::downgrade(&pool);
                    let mut spawner = Worker::spawner().encoding::<Json>();
                    spawner.as_module(false).with_loader(blob_worker.is_some()).callback(move |u: Wire<Reply>| {
                        if let Some(pool) = pool.upgrade() {
                            pool.receive(i, u);
                        }
                    });
                    spawner.spawn(blob_worker.as_deref().unwrap_or("./entas-worker.js"))
                })
                .collect();
            *pool.bridges.borrow_mut() = bridges;
        }
        Client { inner: pool }
    }

    /// Workers in the pool.
    pub fn workers(&self) -> usize {
        self.inner.bridges.borrow().len()
    }

    /// Asks for an analysis of `scenario` with `draws` Monte Carlo draws; an earlier analysis becomes stale.
    pub fn analyse(&self, scenario: Scenario, draws: usize) {
        let pool = &self.inner;
        pool.results.analysis.set(None);
        pool.results.progress.set(Progress::default());
        let generation = pool.next_generation(Kind::Analysis);
        let bridges = pool.bridges.borrow();
        if bridges.is_empty() {
            return;
        }
        let usable = bridges.len().min((POOL_HOUSEHOLDS / scenario.households.max(1)).max(1));
        let mut dispatch = Dispatch::new(generation, scenario, draws, usable);
        dispatch.hand_out(&bridges);
        *pool.analysis.borrow_mut() = Some(dispatch);
    }

    /// Hands every worker the household file scenarios may be built on (or takes it back: None).
    pub fn households(&self, file: Option<super::HouseholdFile>) {
        for bridge in self.inner.bridges.borrow().iter() {
            bridge.send(Wire::Read(Request::Households { file: file.clone().map(Box::new) }));
        }
    }

    /// Asks the first worker for the cheapest mix of `request` on `scenario`; a solve still running stops.
    pub fn solve(&self, scenario: Scenario, request: entas_model::analysis::solver::Request) {
        let pool = &self.inner;
        self.cancel_solve();
        let generation = pool.next_generation(Kind::Solve);
        pool.results.solve.set(Some(super::SolveUpdate { generation, ..Default::default() }));
        if let Some(bridge) = pool.bridges.borrow().first() {
            bridge.send(Wire::Read(Request::Solve { generation, scenario: Box::new(scenario), request }));
        }
    }

    /// Stops the running solve (its progress stays on screen, marked finished without an answer).
    pub fn cancel_solve(&self) {
        let pool = &self.inner;
        let generation = pool.generations[Kind::Solve.index()].get();
        if let Some(bridge) = pool.bridges.borrow().first() {
            bridge.send(Wire::Read(Request::CancelSolve { generation }));
        }
        pool.results.solve.update(|s| {
            if let Some(s) = s.as_mut().filter(|s| !s.finished) {
                s.finished = true;
                s.cancelled = true;
            }
        });
    }

    /// Asks for a compare batch (the ticked saved scenarios).
    pub fn compare(&self, scenarios: Vec<Scenario>) {
        self.batch(Kind::Compare, scenarios)
    }

    /// Asks for the workshop board's runs (one scenario per group).
    pub fn board(&self, scenarios: Vec<Scenario>) {
        self.batch(Kind::Board, scenarios)
    }

    /// Asks for a batch of `kind`, unless it is the batch already asked for (the results stay). A scenario
    /// that the kind's previous batch already ran keeps its outcome; the others are spread over the workers.
    fn batch(&self, kind: Kind, scenarios: Vec<Scenario>) {
        let pool = &self.inner;
        let slot = pool.results.batch(kind);
        if slot.with_untracked(|c| c.scenarios == scenarios && c.generation > 0) {
            return;
        }
        let generation = pool.next_generation(kind);
        let outcomes: Vec<Compared> = slot.with_untracked(|c| {
            scenarios
                .iter()
                .map(|s| {
                    let before =
                        c.scenarios.iter().zip(&c.outcomes).find(|(p, o)| *p == s && matches!(o, Compared::Done(_)));
                    before.map_or(Compared::Pending, |(_, o)| o.clone())
                })
                .collect()
        });
        let bridges = pool.bridges.borrow();
        let mut parts: Vec<Vec<(usize, Scenario)>> = vec![Vec::new(); bridges.len()];
        let todo = outcomes.iter().enumerate().filter(|(_, o)| matches!(o, Compared::Pending));
        for (k, (i, _)) in todo.enumerate() {
            if let Some(part) = parts.get_mut(k % bridges.len().max(1)) {
                part.push((i, scenarios[i].clone()));
            }
        }
        slot.set(CompareResults { generation, scenarios, outcomes });
        for (bridge, part) in bridges.iter().zip(parts).filter(|(_, p)| !p.is_empty()) {
            bridge.send(Wire::Read(Request::Batch { kind, generation, scenarios: part }));
        }
    }
}

impl Pool {
    fn next_generation(&self, kind: Kind) -> u64 {
        let g = self.generations[kind.index()].get() + 1;
        self.generations[kind.index()].set(g);
        g
    }

    /// A reply from worker `i`: merged when it is of the latest generation, then the worker gets more work.
    fn receive(&self, i: usize, u: Wire<Reply>) {
        let u = match u {
            Wire::Read(u) => u,
            Wire::Unreadable(_) => Reply::Unreadable,
        };
        match u {
            Reply::Part { generation, json } => {
                if generation != self.generations[Kind::Analysis.index()].get() {
                    return;
                }
                let update = {
                    let mut slot = self.analysis.borrow_mut();
                    let Some(dispatch) = slot.as_mut().filter(|d| d.generation == generation) else { return };
                    dispatch.merge(i, &json);
                    dispatch.hand_out(&self.bridges.borrow());
                    dispatch.update()
                };
                self.results.set_analysis(update);
            }
            Reply::Batch { kind, update } => {
                if update.generation == self.generations[kind.index()].get() {
                    self.results.receive_batch(kind, update);
                }
            }
            Reply::Solve { generation, json } => {
                if generation != self.generations[Kind::Solve.index()].get() {
                    return;
                }
                let u = serde_json::from_str::<super::SolveUpdate>(&json).unwrap_or_else(|e| super::SolveUpdate {
                    generation,
                    error: Some(JobError::reply(&e)),
                    finished: true,
                    ..Default::default()
                });
                self.results.solve.update(|s| match s {
                    // A cancelled solve's late reply changes nothing.
                    Some(old) if old.generation == generation && old.cancelled => {}
                    Some(old) if old.generation == generation => {
                        let marginal = u.marginal.clone().or_else(|| old.marginal.take());
                        *old = super::SolveUpdate { marginal, ..u };
                    }
                    _ => *s = Some(u),
                });
            }
            Reply::Unreadable => {
                // Page and worker of different builds: say so where results were awaited.
                let update = self.analysis.borrow_mut().as_mut().map(|d| {
                    d.error = Some(JobError::OtherBuild);
                    d.update()
                });
                if let Some(u) = update {
                    self.results.set_analysis(u);
                }
                self.results.fail_pending(JobError::OtherBuild);
            }
        }
    }
}
