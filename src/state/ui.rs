//! What the screen shows apart from the scenario: the page, projector mode, the year the per-year charts
//! show, and the notice banner.

use leptos::prelude::*;

/// Which page is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Page {
    #[default]
    Explorer,
    Compare,
    Brief,
    HowItWorks,
    /// The facilitator's workshop: setup, collecting the groups' mixes, the board.
    Workshop,
    /// "Wilayah saya": a district's own figures, the BPS district table, the districts kept here.
    District,
    /// "Cari bauran termurah": the reverse solver and what each rupiah buys.
    Solve,
}

/// A message for the user: a translation key, the specifics, and whether it reports a failure.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub key: &'static str,
    pub detail: Detail,
    pub error: bool,
}

/// The specifics of a notice: a name or a count as they are, or a refusal worded in the UI language when
/// shown (so switching the language rewords it).
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    Text(String),
    Why(crate::persist::Why),
    /// A template of the locale files with its arguments.
    Template(&'static str, Vec<(&'static str, Arg)>),
}

/// An argument of a notice's template: text as it is, or a count formatted in the UI language when shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Text(String),
    Count(usize),
}

impl Notice {
    /// Something went as asked (saved, imported, link opened).
    pub fn info(key: &'static str, detail: impl Into<String>) -> Notice {
        Notice { key, detail: Detail::Text(detail.into()), error: false }
    }

    /// Something went wrong; nothing changed.
    pub fn error(key: &'static str, detail: impl Into<String>) -> Notice {
        Notice { key, detail: Detail::Text(detail.into()), error: true }
    }

    /// Something from outside was refused; nothing changed.
    pub fn refused(r: crate::persist::Refused) -> Notice {
        Notice { key: r.message_key, detail: Detail::Why(r.why), error: true }
    }
}

/// The screen's state.
#[derive(Clone, Copy)]
pub struct Ui {
    pub page: RwSignal<Page>,
    pub projector: RwSignal<bool>,
    /// Year shown by the distribution, targeting and convergence charts.
    pub chart_year: RwSignal<i32>,
    pub notice: RwSignal<Option<Notice>>,
    /// Storage holds a workspace this build must not overwrite (a newer Entas wrote it, or what could not be
    /// read could not be kept aside): nothing is saved, and a banner says so.
    pub read_only: RwSignal<bool>,
}

impl Ui {
    pub fn new(chart_year: i32) -> Ui {
        Ui {
            page: RwSignal::new(Page::Explorer),
            projector: RwSignal::new(false),
            chart_year: RwSignal::new(chart_year),
            notice: RwSignal::new(None),
            read_only: RwSignal::new(false),
        }
    }

    pub fn notify(&self, n: Notice) {
        self.notice.set(Some(n));
    }

    /// Keeps the chart year within a new horizon.
    pub fn clamp_chart_year(&self, horizon: i32) {
        self.chart_year.update(|y| *y = (*y).min(horizon));
    }
}
