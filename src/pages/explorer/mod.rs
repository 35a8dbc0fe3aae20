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
        <main class="layout">
            <levers::LeverPanel/>
            <section class="results" aria-label=tr("results.title")>
                <toolbar::Toolbar/>
                <settings::Settings/>
                <kpis::KpiStrip/>
                <charts::Charts/>
                <Summary/>
            </section>
        </main>
    }
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
