//! The app's state in three parts, each a type with methods: `Working` (the scenario being edited and what
//! the model made of it), `Library` (named scenarios and compare ticks) and `Ui` (page, projector, chart
//! year, notice). Job results live with the jobs (`crate::jobs::Results`). `App` provides one `State`;
//! components take it with `use_state`, and a missing context is a programming error the browser tests catch.

mod library;
mod room;
mod ui;
pub mod working;

pub use library::Library;
pub use room::{GroupMode, Room};
pub use ui::{Arg, Detail, Notice, Page, Ui};
pub use working::{Run, SharedPopulation, Working, START_PRESET};

use leptos::prelude::*;

/// Everything the views share; `Copy`, so it is passed around freely.
#[derive(Clone, Copy)]
pub struct State {
    pub working: Working,
    pub library: Library,
    pub ui: Ui,
    /// The workshop (facilitator) or the group view (a group's device).
    pub room: Room,
    pub jobs: crate::jobs::Results,
    /// The back-test presets, run once on first use (they depend on no lever).
    pub backtests: Memo<Vec<Backtest>>,
}

/// One back-test preset's run against the years BPS published.
#[derive(Clone, Debug, PartialEq)]
pub struct Backtest {
    pub code: String,
    pub name: String,
    pub scenario_name: String,
    pub base_year: i32,
    pub rows: Vec<entas_model::analysis::BacktestRow>,
}

/// Runs the back-test presets (lazily: a `Memo` computes on first read).
fn backtests() -> Memo<Vec<Backtest>> {
    Memo::new(move |_| {
        ["muba_2021_backtest", "muara_enim_2018_backtest"]
            .iter()
            .filter_map(|id| {
                let m = entas_model::Model::new(entas_model::presets::preset(id)?).ok()?;
                let rows = entas_model::analysis::backtest(&m.scenario, &m.simulate(), None);
                let d = &m.scenario.district;
                Some(Backtest {
                    code: d.code.clone(),
                    name: d.name.clone(),
                    scenario_name: m.scenario.name.clone(),
                    base_year: d.base_year,
                    rows,
                })
            })
            .collect()
    })
}

impl State {
    /// A fresh state on the start preset.
    pub fn new() -> State {
        let working = Working::new();
        State {
            working,
            library: Library::new(),
            ui: Ui::new(working.horizon.get_untracked()),
            room: Room::new(),
            jobs: crate::jobs::Results::new(),
            backtests: backtests(),
        }
    }

    /// Loads a scenario into the working state and shows it on the explorer at its horizon.
    /// Makes `s` the working scenario. A sample larger than the page runs at every lever move
    /// (`persist::PAGE_HOUSEHOLDS`) is opened at that size; the notice saying so is returned for the caller
    /// to show (it knows what else to say).
    #[must_use]
    pub fn open(&self, start: crate::persist::Start, mut s: entas_model::Scenario) -> Option<Notice> {
        let asked = crate::persist::fit_to_page(&mut s);
        self.ui.chart_year.set(s.horizon);
        self.working.load(start, s);
        if let Some(asked) = asked {
            let args = vec![
                ("asked", Arg::Count(asked)),
                ("limit", Arg::Count(crate::persist::PAGE_HOUSEHOLDS)),
                ("asked_plain", Arg::Text(asked.to_string())),
            ];
            let detail = Detail::Template("persist.households_capped_detail", args);
            return Some(Notice { key: "persist.households_capped", detail, error: false });
        }
        None
    }
}

impl State {
    /// `key` in the current UI language (for names the state gives things, such as a kept scenario).
    pub fn ui_text(&self, key: &str) -> String {
        use leptos::prelude::GetUntracked;
        use_context::<crate::i18n::UiLang>().map(|l| l.0.get_untracked()).unwrap_or_default().t(key)
    }
}

impl Default for State {
    fn default() -> Self {
        Self::new()
    }
}

/// The state `App` provided.
pub fn use_state() -> State {
    expect_context::<State>()
}
