//! The whole app: provides the state and the job client, restores and autosaves the workspace, asks the
//! worker for the analysis of every run once the levers are still, and switches pages under one header.

use leptos::prelude::*;

use crate::i18n::{tr, use_lang, Lang, UiLang};
use crate::jobs::Client;
use crate::pages::{
    brief::Brief, compare::ComparePage, district::DistrictPage, explorer::ExplorerPage, howto::HowItWorks,
    workshop::WorkshopPage,
};
use crate::state::{use_state, Page, State};
use crate::widgets::NoticeBanner;
use crate::{browser, route, session};

/// Quiet time after the last lever change before the worker's analysis starts, ms.
const ANALYSIS_DELAY_MS: f64 = 300.0;

/// The job client, shared through context (it holds the worker bridge, which lives on this thread).
#[derive(Clone, Copy)]
pub struct JobClient(pub StoredValue<Client, LocalStorage>);

#[component]
pub fn App() -> impl IntoView {
    let start = route::parse(&browser::search());
    let lang = RwSignal::new(start.lang);
    provide_context(UiLang(lang));
    let st = State::new();
    st.ui.page.set(start.page);
    provide_context(st);
    session::restore(st);
    session::autosave(st);
    follow_the_address(st, lang);

    // The heavy analysis follows every run, in the worker; stale answers are dropped there and here.
    let client = StoredValue::new_local(Client::spawn(st.jobs));
    provide_context(JobClient(client));
    let draws = crate::jobs::draws();
    // The workers get the household file's rows once, when it is loaded or removed (scenarios name it).
    Effect::new(move |_| {
        let file =
            st.working.households.get().map(|h| crate::jobs::HouseholdFile { name: h.name, rows: (*h.rows).clone() });
        client.with_value(|c| c.households(file));
    });
    // Ask once the levers have been still for a moment: a drag does not restart Monte Carlo at every step
    // and the worker does not compete with the main thread while a slider moves.
    let request = leptos_use::use_debounce_fn(
        move || client.with_value(|c| c.analyse(st.working.run_scenario_untracked(), draws)),
        ANALYSIS_DELAY_MS,
    );
    Effect::new(move |_| {
        st.working.run.track();
        st.jobs.analysis.set(None);
        st.jobs.progress.set(Default::default());
        request();
    });

    view! {
        <div class="app" class:projector=move || st.ui.projector.get() lang=move || lang.get().code()>
            <Header/>
            <NoticeBanner/>
            {move || match st.ui.page.get() {
                Page::Explorer => view! { <ExplorerPage/> }.into_any(),
                Page::Compare => view! { <main class="layout single"><ComparePage/></main> }.into_any(),
                Page::Brief => view! { <main class="layout single"><Brief/></main> }.into_any(),
                Page::HowItWorks => view! { <main class="layout single"><HowItWorks/></main> }.into_any(),
                Page::Workshop => view! { <main class="layout single wide"><WorkshopPage/></main> }.into_any(),
                Page::District => view! { <main class="layout single"><DistrictPage/></main> }.into_any(),
                Page::Solve => view! { <main class="layout single"><crate::pages::solve::SolvePage/></main> }.into_any(),
            }}
            <Footer/>
        </div>
    }
}

/// Keeps the page and language in the address: a page change is a new history entry (Back returns to the
/// page before), a language change replaces the entry; Back and Forward set both from the address; a share
/// link pasted into the address of an open tab is opened like one at load (unsaved work kept first).
fn follow_the_address(st: State, lang: RwSignal<Lang>) {
    Effect::new(move |prev: Option<Page>| {
        let r = route::Route { page: st.ui.page.get(), lang: lang.get() };
        let now = browser::search();
        let want = route::with_route(&now, r);
        if want != now {
            browser::set_search(&want, prev.is_some_and(|p| p != r.page));
        }
        r.page
    });
    let back = window_event_listener(leptos::ev::popstate, move |_| {
        let r = route::parse(&browser::search());
        st.ui.page.set(r.page);
        lang.set(r.lang);
    });
    let pasted = window_event_listener(leptos::ev::hashchange, move |_| session::open_fragment(st));
    on_cleanup(move || back.remove());
    on_cleanup(move || pasted.remove());
}

#[component]
fn Header() -> impl IntoView {
    let st = use_state();
    let ui = st.ui;
    let lang = use_lang();
    let in_group = move || st.room.group.with(Option::is_some);
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
                aria-pressed=move || (ui.page.get() == p).to_string()
                on:click=move |_| ui.page.set(p)
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
            // A group's device shows the explorer only: the group works on its mix, not on the app.
            <nav class="nav" aria-label=tr("nav.label") hidden=in_group>
                {page_button(Page::Explorer, "nav.explorer", "nav-explorer")}
                {page_button(Page::District, "nav.district", "nav-district")}
                {page_button(Page::Solve, "nav.solve", "nav-solve")}
                {page_button(Page::Compare, "nav.compare", "nav-compare")}
                {page_button(Page::Brief, "nav.brief", "nav-brief")}
                {page_button(Page::HowItWorks, "nav.howto", "nav-howto")}
                {page_button(Page::Workshop, "nav.workshop", "nav-workshop")}
            </nav>
            <div class="district" data-testid="district">
                <span class="district-label">{tr("district.label")}</span>
                <strong>{move || st.working.base.with(|b| format!("{} · {}", b.district.name, b.district.base_year))}</strong>
            </div>
            <button
                type="button"
                class="nav-btn projector-btn"
                data-testid="projector"
                aria-pressed=move || ui.projector.get().to_string()
                on:click=move |_| ui.projector.update(|p| *p = !*p)
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

/// "Siap tanpa internet": whether the laptop can leave the network and still open the app.
#[component]
fn OfflineSign() -> impl IntoView {
    let status = RwSignal::new(browser::Offline::Preparing);
    browser::offline_status(move |s| {
        let _ = status.try_set(s);
    });
    let key = move || match status.get() {
        browser::Offline::Preparing => "offline.preparing",
        browser::Offline::Ready => "offline.ready",
        browser::Offline::Unavailable => "offline.unavailable",
    };
    view! {
        <span class="offline-sign" class:ready=move || status.get() == browser::Offline::Ready data-testid="offline-sign"
            data-state=move || format!("{:?}", status.get()).to_lowercase()>
            {move || use_lang().get().t(key())}
        </span>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let base = use_state().working.base;
    let lang = use_lang();
    view! {
        <footer class="footer">
            <details>
                <summary>{tr("footer.source")}</summary>
                <ul>{move || base.with(|b| crate::present::sources::district_sources(b, lang.get()).into_iter().map(|s| view! { <li>{s}</li> }).collect_view())}</ul>
                <p class="tag-legend">{tr("sources.tags")}</p>
            </details>
            <details data-testid="glossary">
                <summary>{tr("footer.glossary_title")}</summary>
                <p class="tag-legend">{tr("footer.glossary")}</p>
            </details>
            <OfflineSign/>
            <span>{tr("footer.offline")}</span>
        </footer>
    }
}
