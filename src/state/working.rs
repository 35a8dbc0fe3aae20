//! The scenario being edited (signals for what the user chose) and what the model made of it (memos).
//!
//! preset → population (memo, rebuilt only when the preset or the distribution-shape levers change)
//! assumptions + line + horizon → reference (the status-quo and no-programme worlds)
//! levers + targets → run (the scenario world on that reference: what a programme lever move costs).

use std::sync::Arc;

use entas_model::levers::{EnablerPreset, LeverId};
use entas_model::scenario::{ExtremeLine, GrowthBasis, Indicator, Target, MAX_YEARS};
use entas_model::simulate::{Active, Reference};
use entas_model::LEVERS;
use entas_model::{presets, LeverValues, Outcome, Population, Scenario};
use leptos::prelude::*;

use crate::persist::Start;

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
struct SharedReference(Arc<Reference>);

impl PartialEq for SharedReference {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// A household file loaded in this tab: never stored, never put in a link; compared by identity.
#[derive(Clone)]
pub struct LoadedHouseholds {
    pub name: String,
    pub rows: Arc<entas_model::households::Households>,
}

impl PartialEq for LoadedHouseholds {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.rows, &other.rows) && self.name == other.name
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

/// The working scenario.
#[derive(Clone, Copy)]
pub struct Working {
    /// The preset the scenario started from, or a district of its own.
    pub start: RwSignal<Start>,
    /// The loaded scenario (preset, saved, linked or imported): district figures, sources, observed history.
    pub base: RwSignal<Arc<Scenario>>,
    pub levers: RwSignal<LeverValues>,
    pub extreme_line: RwSignal<ExtremeLine>,
    pub horizon: RwSignal<i32>,
    pub targets: RwSignal<Vec<Target>>,
    pub growth_basis: RwSignal<GrowthBasis>,
    /// A household file the population is built from instead of the synthetic district (this tab only).
    pub households: RwSignal<Option<LoadedHouseholds>>,
    /// The base as run: on the household file when one is loaded (`households::prepare`).
    pub prepared: Memo<Arc<Scenario>>,
    /// What "changed" and "reset" refer to (`presets::reference_levers`): the district's status quo.
    pub reference_levers: Memo<LeverValues>,
    pub population: Memo<SharedPopulation>,
    pub run: Memo<Run>,
}

fn preset_or_start(id: &str) -> Scenario {
    presets::preset(id).or_else(|| presets::preset(START_PRESET)).unwrap_or_else(|| unreachable!("built-in preset"))
}

impl Working {
    pub fn new() -> Working {
        let start = RwSignal::new(Start::Preset(START_PRESET));
        let base = RwSignal::new(Arc::new(preset_or_start(START_PRESET)));
        let first = base.get_untracked();
        let levers = RwSignal::new(first.levers.clone());
        let extreme_line = RwSignal::new(first.extreme_line);
        let horizon = RwSignal::new(first.horizon);
        let targets = RwSignal::new(first.targets.clone());
        let growth_basis = RwSignal::new(first.growth_basis);
        let households = RwSignal::new(None::<LoadedHouseholds>);
        // A file that does not fit the base (its import checked that it does) leaves the base as it is.
        let prepared = Memo::new(move |_| {
            let b = base.get();
            households.with(|h| match h {
                Some(h) => entas_model::households::prepare(&b, &h.name, &h.rows).map(Arc::new).unwrap_or(b),
                None => b,
            })
        });
        let reference_levers = Memo::new(move |_| base.with(|b| presets::reference_levers(b)));

        // Only the two shape levers reshape the population; keep every other lever change away from it.
        let shape = Memo::new(move |_| {
            levers.with(|l| (l.get(LeverId::SigmaLow).to_bits(), l.get(LeverId::SigmaMid).to_bits()))
        });
        let population = Memo::new(move |_| {
            let s = prepared.get();
            shape.track();
            let lv = levers.get_untracked();
            let file = households.get_untracked().filter(|_| s.household_file.is_some());
            SharedPopulation(Arc::new(match file {
                Some(h) => Population::from_households(&s, &lv, &h.rows),
                None => Population::build(&s, &lv),
            }))
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
            let mut s = (*prepared.get()).clone();
            s.levers = levers.get_untracked();
            s.extreme_line = extreme_line.get();
            s.horizon = horizon.get();
            s.growth_basis = growth_basis.get();
            let pop = population.get();
            SharedReference(Arc::new(Reference::new(&s, &s.levers, &pop.0)))
        });
        let run = Memo::new(move |_| {
            let mut s = (*prepared.get()).clone();
            s.levers = levers.get();
            s.extreme_line = extreme_line.get();
            s.horizon = horizon.get();
            s.targets = targets.get();
            s.growth_basis = growth_basis.get();
            let pop = population.get();
            // Rebuilt inside `scenario` if it was made for other inputs, so a stale memo cannot mislead.
            let reference = reference.get();
            let outcome = crate::browser::measured("entas-run", || {
                reference.0.scenario(&s, &s.levers, &pop.0, Active::ALL, None)
            });
            Run { scenario: Arc::new(s), outcome: Arc::new(outcome) }
        });
        Working {
            start,
            base,
            levers,
            extreme_line,
            horizon,
            targets,
            growth_basis,
            households,
            prepared,
            reference_levers,
            population,
            run,
        }
    }

    /// Switches to preset `id` (the start preset when unknown): its levers, line, horizon and targets replace
    /// the current ones in one go.
    pub fn load_preset(&self, id: &str) {
        let start = Start::from_name(id);
        let start = if matches!(start, Start::Custom) { Start::Preset(START_PRESET) } else { start };
        self.load(start, preset_or_start(start.name()));
    }

    /// Loads a (validated) scenario: it becomes the base, and its levers, line, horizon and targets the
    /// current ones.
    /// A household file belongs to the district it was loaded for: loading another scenario lets it go.
    pub fn load(&self, start: Start, mut s: Scenario) {
        s.household_file = None;
        self.households.set(None);
        self.start.set(start);
        self.levers.set(s.levers.clone());
        self.extreme_line.set(s.extreme_line);
        self.horizon.set(s.horizon);
        self.targets.set(s.targets.clone());
        self.growth_basis.set(s.growth_basis);
        self.base.set(Arc::new(s));
    }

    /// The scenario as currently set (levers, line, horizon, targets on the loaded base), without the household
    /// file: what is saved, shared and exported (the file never leaves the tab).
    pub fn current_scenario_untracked(&self) -> Scenario {
        let mut s = (*self.run.get_untracked().scenario).clone();
        if s.household_file.take().is_some() {
            self.base.with_untracked(|b| {
                s.district = b.district.clone();
                s.households = b.households;
            });
        }
        s
    }

    /// The scenario as run, on the household file when one is loaded: what the workers are asked to analyse
    /// (they hold the file's rows, handed to them when it was loaded).
    pub fn run_scenario_untracked(&self) -> Scenario {
        (*self.run.get_untracked().scenario).clone()
    }

    /// The district's base year.
    pub fn base_year(&self) -> i32 {
        self.base.with(|b| b.district.base_year)
    }

    /// Sets one lever (validated by the lever table).
    pub fn set_lever(&self, id: LeverId, v: f64) -> Result<(), entas_model::levers::LeverError> {
        entas_model::levers::spec(id).validate(v)?;
        self.levers.update(|l| {
            let _ = l.set(id, v);
        });
        Ok(())
    }

    /// Every lever back to the district's status quo (assumptions to their defaults): one update, one run.
    pub fn reset_all(&self) {
        self.levers.set(self.reference_levers.get_untracked());
    }

    /// The status-quo value of one lever, what its reset returns to.
    pub fn reference_value(&self, id: LeverId) -> f64 {
        self.reference_levers.with_untracked(|r| r.get(id))
    }

    /// Whether lever `id` differs from the district's status quo (reactive).
    pub fn is_changed(&self, id: LeverId) -> bool {
        self.levers.with(|l| l.get(id)) != self.reference_levers.with(|r| r.get(id))
    }

    /// Applies a named data system's enabler values.
    pub fn apply_enablers(&self, p: &EnablerPreset) {
        self.levers.update(|l| {
            for (id, v) in p.values {
                let _ = l.set(*id, *v);
            }
        })
    }

    /// Whether the current enablers are exactly preset `p`'s (reactive).
    pub fn enablers_are(&self, p: &EnablerPreset) -> bool {
        self.levers.with(|l| p.values.iter().all(|(id, v)| l.get(*id) == *v))
    }

    /// The first target on `indicator` (the RPJMD headcount, the Inpres zero-extreme), if any (reactive).
    pub fn target(&self, indicator: Indicator) -> Option<Target> {
        self.targets.with(|t| t.iter().find(|t| t.indicator == indicator).cloned())
    }

    /// The targets a mix was solved for become the scenario's: each replaces the first target on its
    /// indicator (its label kept), or is added (a poverty-gap target the explorer did not have).
    pub fn adopt_targets(&self, solved: &[Target]) {
        self.targets.update(|ts| {
            for t in solved {
                match ts.iter_mut().find(|x| x.indicator == t.indicator) {
                    Some(x) => {
                        x.value_pct = t.value_pct;
                        x.year = t.year;
                        x.tolerance_pct = t.tolerance_pct;
                    }
                    None => ts.push(Target { label: "RPJMD".into(), ..t.clone() }),
                }
            }
        });
    }

    /// Sets the first `indicator` target's value, adding one (next year; RPJMD for the headcount, Inpres
    /// 4/2022 for extreme poverty) when there is none.
    pub fn set_target_value(&self, indicator: Indicator, value_pct: f64) {
        let next_year = self.base.with_untracked(|b| b.district.base_year + 1);
        let label = if indicator == Indicator::P0 { "RPJMD" } else { "Inpres 4/2022" };
        self.targets.update(|ts| match ts.iter_mut().find(|t| t.indicator == indicator) {
            Some(t) => t.value_pct = value_pct,
            None => ts.push(Target { indicator, value_pct, year: next_year, label: label.into(), tolerance_pct: 0.0 }),
        });
    }

    /// Moves only the first `indicator` target's year: the RPJMD and the Inpres targets keep their own.
    pub fn set_target_year(&self, indicator: Indicator, year: i32) {
        let b = self.base.with_untracked(|b| b.district.base_year);
        let y = year.clamp(b, b + MAX_YEARS);
        self.targets.update(|ts| {
            if let Some(t) = ts.iter_mut().find(|t| t.indicator == indicator) {
                t.year = y;
            }
        });
    }

    /// The extreme-poverty targets' measurement tolerance, pp.
    pub fn set_extreme_tolerance(&self, tolerance_pct: f64) {
        self.targets.update(|ts| {
            ts.iter_mut().filter(|t| t.indicator == Indicator::Extreme).for_each(|t| t.tolerance_pct = tolerance_pct)
        });
    }

    /// Sets the horizon within the allowed range; returns the horizon set.
    pub fn set_horizon(&self, h: i32) -> i32 {
        let b = self.base.with_untracked(|b| b.district.base_year);
        let h = h.clamp(b + 1, b + MAX_YEARS);
        self.horizon.set(h);
        h
    }
}

impl Default for Working {
    fn default() -> Self {
        Self::new()
    }
}
