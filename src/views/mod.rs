//! The screens: the explorer (levers → trajectories, wedge, costs, targets) and "how the model works".

pub mod brief;
pub mod canvas;
pub mod compare;
pub mod howto;
pub mod levers;
pub mod reach;
pub mod results;
pub mod scenarios;

use leptos::prelude::*;

use crate::i18n::{tr, use_lang, Lang, UiLang};
use crate::state::{use_explorer, Explorer, Page};
use crate::worker::{AnalysisClient, DRAWS};

/// Quiet time after the last lever change before the worker's analysis starts, ms.
const ANALYSIS_DELAY_MS: u64 = 300;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::Id);
    provide_context(UiLang(lang));
    let ex = Explorer::new();
    provide_context(ex);
    scenarios::restore(ex);
    scenarios::autosave(ex);

    // The heavy analysis follows every run, in the worker; stale answers are dropped there and here.
    let (analysis, progress) = (ex.analysis, ex.progress);
    let client = StoredValue::new_local(AnalysisClient::spawn(move |u| {
        progress.set((u.done, u.total, u.error.clone()));
        // Results change twice per analysis (wedge, then bands): only then do charts redraw.
        let changed = analysis.with_untracked(|a| match a {
            None => u.wedge.is_some() || u.bands.is_some(),
            Some(a) => a.wedge != u.wedge || a.bands.is_some() != u.bands.is_some(),
        });
        if changed {
            analysis.set(Some(u));
        }
    }));
    // Ask once the levers have been still for a moment: a drag does not restart Monte Carlo at every step
    // and the worker does not compete with the main thread while a slider moves.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let run = ex.run.get();
        analysis.set(None);
        progress.set((0, 0, None));
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                client.with_value(|c| c.request((*run.scenario).clone(), DRAWS));
            },
            std::time::Duration::from_millis(ANALYSIS_DELAY_MS),
        );
        pending.set_value(handle.ok());
    });

    view! {
        <div class="app" class:projector=move || ex.projector.get() lang=move || lang.get().code()>
            <Header/>
            <scenarios::Notice/>
            {move || match ex.page.get() {
                Page::Explorer => view! {
                    <main class="layout">
                        <levers::LeverPanel/>
                        <section class="results" aria-label=tr("results.title")>
                            <scenarios::Toolbar/>
                            <results::Settings/>
                            <results::KpiStrip/>
                            <results::Charts/>
                            <results::Summary/>
                        </section>
                    </main>
                }
                .into_any(),
                Page::Compare => view! { <main class="layout single"><compare::ComparePage/></main> }.into_any(),
                Page::Brief => view! { <main class="layout single"><brief::Brief/></main> }.into_any(),
                Page::HowItWorks => view! { <main class="layout single"><howto::HowItWorks/></main> }.into_any(),
            }}
            <Footer/>
        </div>
    }
}

#[component]
fn Header() -> impl IntoView {
    let ex = use_explorer();
    let lang = use_lang();
    let lang_button = move |l: Lang, label: &'static str| {
        view! {
            <button
                type="button"
                class="lang-btn"
                data-testid=format!("lang-{}", l.code())
                aria-pressed=move || (lang.get() == l).to_string()
                on:click=move |_| lang.set(l)
            >
                {label}
            </button>
        }
    };
    let page_button = move |p: Page, key: &'static str, testid: &'static str| {
        view! {
            <button
                type="button"
                class="nav-btn"
                data-testid=testid
                aria-pressed=move || (ex.page.get() == p).to_string()
                on:click=move |_| ex.page.set(p)
            >
                {tr(key)}
            </button>
        }
    };
    view! {
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">"E"</span>
                <div>
                    <h1 data-testid="app-title">"Entas"</h1>
                    <p class="tagline">{tr("app.tagline")}</p>
                </div>
            </div>
            <nav class="nav" aria-label=tr("nav.label")>
                {page_button(Page::Explorer, "nav.explorer", "nav-explorer")}
                {page_button(Page::Compare, "nav.compare", "nav-compare")}
                {page_button(Page::Brief, "nav.brief", "nav-brief")}
                {page_button(Page::HowItWorks, "nav.howto", "nav-howto")}
            </nav>
            <div class="district" data-testid="district">
                <span class="district-label">{tr("district.label")}</span>
                <strong>{move || ex.base.with(|b| format!("{} · {}", b.district.name, b.district.base_year))}</strong>
            </div>
            <button
                type="button"
                class="nav-btn projector-btn"
                data-testid="projector"
                aria-pressed=move || ex.projector.get().to_string()
                on:click=move |_| ex.projector.update(|p| *p = !*p)
            >
                {tr("nav.projector")}
            </button>
            <div class="lang-switch" role="group" aria-label=tr("lang.switch")>
                {lang_button(Lang::Id, "Bahasa")}
                {lang_button(Lang::En, "English")}
            </div>
        </header>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let ex = use_explorer();
    view! {
        <footer class="footer">
            <details>
                <summary>{tr("footer.source")}</summary>
                <ul>{move || ex.base.with(|b| b.district.sources.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view())}</ul>
            </details>
            <span>{tr("footer.offline")}</span>
        </footer>
    }
}
