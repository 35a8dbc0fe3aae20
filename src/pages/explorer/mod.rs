//! The explorer: the lever panel beside the results (toolbar, settings, KPIs, charts, summary).

mod charts;
mod kpis;
mod levers;
mod settings;
mod toolbar;

use leptos::prelude::*;

use crate::i18n::{tr, use_lang};
use crate::present::summary;
use crate::state::use_state;

#[component]
pub fn ExplorerPage() -> impl IntoView {
    view! {
        // A workshop group's bar spans the page above the levers: on a phone it is the first thing seen.
        <crate::pages::group::GroupBar/>
        <main class="layout">
            <levers::LeverPanel/>
            <section class="results" aria-label=tr("results.title")>
                <PrintHead/>
                <toolbar::Toolbar/>
                <settings::Settings/>
                <kpis::KpiStrip/>
                <charts::Charts/>
                <Summary/>
            </section>
        </main>
    }
}

/// What a printed page says on top (shown only in print): the district, the scenario and the date.
#[component]
pub fn PrintHead() -> impl IntoView {
    let run = use_state().working.run;
    let lang = use_lang();
    let text = move || {
        let l = lang.get();
        run.with(|r| {
            let name =
                if r.scenario.name.is_empty() { r.scenario.district.name.clone() } else { r.scenario.name.clone() };
            l.tf(
                "print.head",
                &[
                    ("district", r.scenario.district.name.clone()),
                    ("scenario", name),
                    ("date", crate::browser::today()),
                ],
            )
        })
    };
    view! { <p class="print-only print-head" data-testid="print-head">{text}</p> }
}

/// The plain-language summary.
#[component]
fn Summary() -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let text = move || {
        let wedge = st.jobs.analysis.with(|a| a.as_ref().and_then(|a| a.wedge.clone()));
        st.working.run.with(|r| summary::summary(r, wedge.as_ref(), lang.get()))
    };
    view! {
        <section class="panel summary" aria-labelledby="summary-title">
            <h2 id="summary-title">{tr("summary.title")}</h2>
            <p data-testid="summary">{text}</p>
        </section>
    }
}
