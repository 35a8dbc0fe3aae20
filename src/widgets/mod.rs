//! Reusable pieces of page: the chart card, a KPI card, the chart-year select, the notice banner.

mod chart_card;

pub use chart_card::{draw_on_canvas, ChartCard};

use leptos::prelude::*;

use crate::i18n::{tr, use_lang};
use crate::present::Kpi;
use crate::state::{use_state, Arg, Detail};

/// A KPI card from a presenter's `Kpi`.
#[component]
pub fn KpiCard(testid: &'static str, #[prop(into)] kpi: Signal<Kpi>, #[prop(optional)] main: bool) -> impl IntoView {
    view! {
        <div class="kpi" class:kpi-main=main data-testid=testid>
            <span class="kpi-label">{move || kpi.with(|k| k.label.clone())}</span>
            <span class="kpi-value" data-testid="kpi-value">{move || kpi.with(|k| k.value.clone())}</span>
            <span class="kpi-sub">{move || kpi.with(|k| k.sub.clone())}</span>
        </div>
    }
}

/// The documented columns of a file the user imports, collapsed under `title_key`: each header with its
/// meaning (`{key_prefix}.{header}`), then the note under `note_key`.
#[component]
pub fn ColumnList(
    title_key: &'static str,
    key_prefix: &'static str,
    headers: Vec<&'static str>,
    note_key: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <details class="table-columns">
            <summary>{tr(title_key)}</summary>
            <ul>
                {headers.into_iter().map(|h| {
                    let key = format!("{key_prefix}.{h}");
                    view! { <li><code>{h}</code>" — "{move || lang.get().t(&key)}</li> }
                }).collect_view()}
            </ul>
            <p class="group-hint">{tr(note_key)}</p>
        </details>
    }
}

/// A refused file, shown while there are problems: "`refused_key` (the file's name)", then each problem as
/// worded by the page in the UI language (line and column first).
#[component]
pub fn FileErrors(
    testid: &'static str,
    refused_key: &'static str,
    #[prop(into)] file: Signal<String>,
    #[prop(into)] problems: Signal<Vec<String>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Show when=move || problems.with(|p| !p.is_empty())>
            <div class="table-errors" role="alert" data-testid=testid>
                <p>{move || lang.get().tf(refused_key, &[("file", file.get())])}</p>
                <ul>{move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            </div>
        </Show>
    }
}

/// The year shown by the per-year charts (first projected year to the horizon).
#[component]
pub fn YearSelect() -> impl IntoView {
    let st = use_state();
    let (ui, w) = (st.ui, st.working);
    view! {
        <label class="inline-field">
            <span>{tr("chart.year")}</span>
            <select
                data-testid="chart-year"
                prop:value=move || ui.chart_year.get().to_string()
                on:change=move |ev| {
                    if let Ok(y) = event_target_value(&ev).parse::<i32>() {
                        ui.chart_year.set(y);
                    }
                }
            >
                {move || {
                    let b = w.base_year();
                    (b + 1..=w.horizon.get()).map(|y| view! { <option value=y.to_string()>{y}</option> }).collect_view()
                }}
            </select>
        </label>
    }
}

/// A notice's specifics in `l`, if it has any.
fn detail(d: &Detail, l: crate::i18n::Lang) -> Option<String> {
    match d {
        Detail::Text(t) if t.is_empty() => None,
        Detail::Text(t) => Some(t.clone()),
        Detail::Why(w) => Some(crate::present::problems::why(l, w)),
        Detail::Template(key, args) => {
            let args: Vec<(&str, String)> = args
                .iter()
                .map(|(k, a)| match a {
                    Arg::Text(t) => (*k, t.clone()),
                    Arg::Count(n) => (*k, crate::format::number(*n as f64, 0, l)),
                })
                .collect();
            Some(l.tf(key, &args))
        }
    }
}

/// The notice banner (saved, link opened, storage or file refused).
#[component]
pub fn NoticeBanner() -> impl IntoView {
    let ui = use_state().ui;
    let lang = use_lang();
    move || {
        ui.notice.get().map(|n| {
            let l = lang.get();
            view! {
                <div class="notice" class:error=n.error role="status" data-testid="notice">
                    <span>{l.t(n.key)}</span>
                    // An error says what happened in one sentence; what exactly was refused is one click away.
                    {detail(&n.detail, l).map(|d| if n.error {
                        view! { <details class="notice-detail" data-testid="notice-detail"><summary>{l.t("notice.details")}</summary><span>{d}</span></details> }.into_any()
                    } else {
                        view! { <span class="notice-detail" data-testid="notice-detail">{format!(" ({d})")}</span> }.into_any()
                    })}
                    <button type="button" class="link-btn" on:click=move |_| ui.notice.set(None)>{l.t("persist.dismiss")}</button>
                </div>
            }
        })
    }
}
