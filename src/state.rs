//! The explorer's state: what the user chose (signals) and what the model made of it (memos).
//!
//! preset → population (memo, rebuilt only when the preset or the distribution-shape levers change)
//! levers + line + horizon + targets → scenario → outcome (memo: the one expensive run on the main thread).

use std::sync::Arc;

use entas_model::analysis;
use entas_model::scenario::{ExtremeLine, GrowthBasis, Target};
use entas_model::simulate::{Active, Reference};
use entas_model::LEVERS;
use entas_model::{presets, LeverValues, Outcome, Population, Scenario};
use leptos::prelude::*;

/// The preset the explorer opens with.
pub const START_PRESET: &str = "muba_2024";

/// A calibrated population, compared by identity.
#[derive(Clone)]
pub struct SharedPopulation(pub Arc<Population>);

impl PartialEq for SharedPopulation {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The status-quo and no-programme worlds of the current inputs, compared by identity.
#[derive(Clone)]
pub struct SharedReference(pub Arc<Reference>);

impl PartialEq for SharedReference {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// One run: the scenario as run and its outcome.
#[derive(Clone)]
pub struct Run {
    pub scenario: Arc<Scenario>,
    pub outcome: Arc<Outcome>,
}

impl PartialEq for Run {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.outcome, &other.outcome)
    }
}

impl Run {
    /// The year the target at `index` is met in the scenario run and in the baseline.
    pub fn target_years(&self, t: &Target) -> (Option<i32>, Option<i32>) {
        (analysis::year_met(&self.outcome.scenario, t), analysis::year_met(&self.outcome.baseline, t))
    }
}

/// Which page is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Explorer,
    Compare,
    Brief,
    HowItWorks,
}

/// Everything the views share; `Copy`, so it is passed around freely.
#[derive(Clone, Copy)]
pub struct Explorer {
    /// The preset the scenario started from ("custom" for an imported district).
    pub preset: RwSignal<String>,
    /// The loaded scenario (preset, saved, linked or imported): district figures, sources, observed history,
    /// and the lever values "reset" returns to.
    pub base: RwSignal<Arc<Scenario>>,
    pub levers: RwSignal<LeverValues>,
    pub extreme_line: RwSignal<ExtremeLine>,
    pub horizon: RwSignal<i32>,
    pub targets: RwSignal<Vec<Target>>,
    pub growth_basis: RwSignal<GrowthBasis>,
    /// Year shown by the distribution and targeting charts.
    pub chart_year: RwSignal<i32>,
    pub projector: RwSignal<bool>,
    pub page: RwSignal<Page>,
    pub population: Memo<SharedPopulation>,
    pub run: Memo<Run>,
    /// The worker's latest wedge, costs and bands for the current run (None until the wedge arrives).
    /// Set only when results change, so progress messages never redraw the charts.
    pub analysis: RwSignal<Option<crate::worker::AnalysisUpdate>>,
    /// The worker's progress: (steps done, steps in all, error).
    pub progress: RwSignal<(usize, usize, Option<String>)>,
    /// Named scenarios (kept in browser storage with the working state).
    pub saved: RwSignal<Vec<crate::persist::Saved>>,
    /// Saved scenarios ticked for comparison.
    pub compare: RwSignal<Vec<u64>>,
    pub next_id: RwSignal<u64>,
    /// A message for the user: (translation key, detail, is_error).
    pub notice: RwSignal<Option<(String, String, bool)>>,
}

fn preset_or_start(id: &str) -> Scenario {
    presets::preset(id).or_else(|| presets::preset(START_PRESET)).unwrap_or_else(|| unreachable!("built-in preset"))
}

impl Explorer {
    pub fn new() -> Explorer {
        let preset = RwSignal::new(START_PRESET.to_string());
        let base = RwSignal::new(Arc::new(preset_or_start(START_PRESET)));
        let first = base.get_untracked();
        let levers = RwSignal::new(first.levers.clone());
        let extreme_line = RwSignal::new(first.extreme_line);
        let horizon = RwSignal::new(first.horizon);
        let targets = RwSignal::new(first.targets.clone());
        let growth_basis = RwSignal::new(first.growth_basis);
        let chart_year = RwSignal::new(first.horizon);

        // Only the two shape levers reshape the population; keep every other lever change away from it.
        let shape = Memo::new(move |_| {
            levers.with(|l| {
                (
                    l.get(entas_model::levers::LeverId::SigmaLow).to_bits(),
                    l.get(entas_model::levers::LeverId::SigmaMid).to_bits(),
                )
            })
        });
        let population = Memo::new(move |_| {
            let s = base.get();
            shape.track();
            let lv = levers.get_untracked();
            SharedPopulation(Arc::new(Population::build(&s, &lv)))
        });
        // The worlds that do not depend on the programmes (without district programmes, the status quo) are
        // rebuilt only when an assumption, the district, the line, the horizon or the population changes: a
        // programme lever moves only the scenario world.
        let assumptions = Memo::new(move |_| {
            levers.with(|l| {
                LEVERS.iter().filter(|s| !s.group.is_policy()).map(|s| l.get(s.id).to_bits()).collect::<Vec<u64>>()
            })
        });
        let reference = Memo::new(move |_| {
            assumptions.track();
            let mut s = (*base.get()).clone();
            s.levers = levers.get_untracked();
            s.extreme_line = extreme_line.get();
            s.horizon = horizon.get();
            s.growth_basis = growth_basis.get();
            let pop = population.get();
            SharedReference(Arc::new(Reference::new(&s, &s.levers, &pop.0)))
        });
        let run = Memo::new(move |_| {
            let mut s = (*base.get()).clone();
            s.levers = levers.get();
            s.extreme_line = extreme_line.get();
            s.horizon = horizon.get();
            s.targets = targets.get();
            s.growth_basis = growth_basis.get();
            let pop = population.get();
            // Rebuilt inside `scenario` if it was made for other inputs, so a stale memo cannot mislead.
            let outcome = reference.get().0.scenario(&s, &s.levers, &pop.0, Active::ALL, None);
            Run { scenario: Arc::new(s), outcome: Arc::new(outcome) }
        });
        Explorer {
            preset,
            base,
            levers,
            extreme_line,
            horizon,
            targets,
            growth_basis,
            chart_year,
            projector: RwSignal::new(false),
            page: RwSignal::new(Page::Explorer),
            population,
            run,
            analysis: RwSignal::new(None),
            progress: RwSignal::new((0, 0, None)),
            saved: RwSignal::new(Vec::new()),
            compare: RwSignal::new(Vec::new()),
            next_id: RwSignal::new(1),
            notice: RwSignal::new(None),
        }
    }

    /// Switches to preset `id`: its levers, line, horizon and targets replace the current ones in one go.
    pub fn load_preset(&self, id: &str) {
        self.load(&s_id(id), preset_or_start(id));
    }

    /// Loads a (validated) scenario: it becomes the base, and its levers, line, horizon and targets the
    /// current ones.
    pub fn load(&self, preset: &str, s: Scenario) {
        self.preset.set(preset.to_string());
        self.levers.set(s.levers.clone());
        self.extreme_line.set(s.extreme_line);
        self.horizon.set(s.horizon);
        self.targets.set(s.targets.clone());
        self.growth_basis.set(s.growth_basis);
        self.chart_year.set(s.horizon);
        self.base.set(Arc::new(s));
    }

    /// The scenario as currently set (levers, line, horizon, targets on the loaded base).
    pub fn current_scenario_untracked(&self) -> Scenario {
        (*self.run.get_untracked().scenario).clone()
    }

    /// Every lever back to the preset's value: one update, one run.
    pub fn reset_all(&self) {
        self.levers.set(self.base.get_untracked().levers.clone());
    }

    /// The preset's value of one lever.
    pub fn preset_value(&self, id: entas_model::levers::LeverId) -> f64 {
        self.base.with_untracked(|b| b.levers.get(id))
    }
}

fn s_id(id: &str) -> String {
    if presets::preset(id).is_some() {
        id.to_string()
    } else {
        START_PRESET.to_string()
    }
}

impl Default for Explorer {
    fn default() -> Self {
        Self::new()
    }
}

/// The explorer from context.
pub fn use_explorer() -> Explorer {
    use_context::<Explorer>().unwrap_or_else(|| {
        let e = Explorer::new();
        provide_context(e);
        e
    })
}
