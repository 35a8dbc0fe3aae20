//! Side by side: the working scenario and the saved ones ticked for comparison. The saved ones run in the
//! worker as one compare job (never on the main thread); names and language are applied when formatting,
//! so switching language re-runs nothing.

use std::sync::Arc;

use leptos::prelude::*;

use super::saved::SavedList;
use crate::i18n::{tr, use_lang};
use crate::jobs::Compared;
use crate::present::compare::{diff_rows, kpi_row, Entry};
use crate::present::trajectory;
use crate::state::{use_state, Run};
use crate::widgets::ChartCard;

#[component]
pub fn ComparePage() -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let client = expect_context::<crate::app::JobClient>();
    // Ask the worker whenever the ticked scenarios change (the same batch is not asked for twice).
    let ticked = Memo::new(move |_| st.library.ticked());
    Effect::new(move |_| {
        let batch: Vec<_> = ticked.get().into_iter().map(|s| s.scenario).collect();
        client.0.with_value(|c| c.compare(batch));
    });
    // The working run first, then every ticked scenario whose run has come back.
    let runs = Memo::new(move |_| {
        let names: Vec<String> = ticked.get().into_iter().map(|s| s.name).collect();
        let mut out = vec![(None, st.working.run.get())];
        st.jobs.compare.with(|c| {
            for ((s, o), name) in c.scenarios.iter().zip(&c.outcomes).zip(names) {
                if let Compared::Done(o) = o {
                    out.push((Some(name), Run { scenario: Arc::new(s.clone()), outcome: o.clone() }));
                }
            }
        });
        RunList(out)
    });
    let named = move || {
        let l = lang.get();
        // The working run on a household file is another population than the saved ones': the name says so.
        let current = |r: &Run| match &r.scenario.household_file {
            Some(f) => l.tf("compare.current_on_file", &[("file", f.name.clone())]),
            None => l.t("compare.current"),
        };
        runs.get().0.into_iter().map(|(n, r)| (n.unwrap_or_else(|| current(&r)), r)).collect::<Vec<_>>()
    };
    let overlay = Signal::derive(move || {
        let list = named();
        let refs: Vec<(String, &Run)> = list.iter().map(|(n, r)| (n.clone(), r)).collect();
        trajectory::overlay(&refs, lang.get())
    });
    let overlay_table = Signal::derive(move || {
        let list = named();
        let refs: Vec<(String, &Run)> = list.iter().map(|(n, r)| (n.clone(), r)).collect();
        trajectory::overlay_table(&refs, lang.get())
    });
    let pending =
        move || st.jobs.compare.with(|c| c.outcomes.iter().filter(|o| matches!(o, Compared::Pending)).count());
    let failed = move || {
        st.jobs.compare.with(|c| {
            c.outcomes
                .iter()
                .filter_map(|o| if let Compared::Failed(e) = o { Some(e.clone()) } else { None })
                .collect::<Vec<_>>()
        })
    };
    let kpi_table = move || {
        let l = lang.get();
        named()
            .iter()
            .map(|(name, run)| {
                let cells = kpi_row(&Entry { name: name.clone(), run }, l);
                view! { <tr data-testid="compare-row">{cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> }
            })
            .collect_view()
    };
    let diff = move |assumptions: bool| {
        let l = lang.get();
        let list = named();
        let scenarios: Vec<_> = list.iter().map(|(_, r)| r.scenario.as_ref()).collect();
        let rows = diff_rows(&scenarios, assumptions, l);
        if rows.is_empty() {
            return vec![view! { <tr><td colspan="99">{l.t("compare.none_differ")}</td></tr> }.into_any()];
        }
        rows.into_iter()
            .map(|row| {
                view! {
                    <tr data-testid=if assumptions { "diff-assumption" } else { "diff-policy" }>
                        <td>{row.label}</td>
                        <td>{row.reference}</td>
                        {row.values.into_iter().map(|(v, differs)| view! { <td class:differs=differs>{v}</td> }).collect_view()}
                    </tr>
                }
                .into_any()
            })
            .collect()
    };
    let names = move || named().into_iter().map(|(n, _)| view! { <th>{n}</th> }).collect_view();
    // The compare job's generation, for the browser tests: switching language must not change it.
    let generation = move || st.jobs.compare.with(|c| c.generation).to_string();
    view! {
        <div class="compare-page">
            <SavedList/>
            <section class="panel compare" data-testid="compare" data-compare-generation=generation>
                <h2>{tr("compare.title")}</h2>
                <p class="group-hint">{tr("compare.hint")}</p>
                <p class="status" hidden=move || pending() == 0 data-testid="compare-pending">{tr("analysis.waiting")}</p>
                {move || failed().into_iter().map(|e| {
                    let text = crate::present::problems::job_error(lang.get(), &e);
                    view! { <p class="status error">{text}</p> }
                }).collect_view()}
                <div class="table-scroll">
                    <table data-testid="compare-kpis">
                        <thead><tr>
                            <th>{tr("compare.scenario")}</th><th>{tr("district.label")}</th><th>{tr("compare.p0_end")}</th>
                            <th>{tr("compare.extreme_end")}</th><th>{tr("table.lifted")}</th><th>{tr("compare.cost")}</th>
                            <th>{tr("table.cost_per_person_year")}</th><th>{tr("compare.p0_met")}</th>
                        </tr></thead>
                        <tbody>{kpi_table}</tbody>
                    </table>
                </div>
            </section>
            <ChartCard testid="chart-compare" title=Signal::derive(move || lang.get().t("compare.chart")) spec=overlay table=overlay_table tall=true
                scenarios=Signal::derive(move || named().into_iter().map(|(n, _)| n).collect::<Vec<_>>().join(", "))/>
            <section class="panel compare" data-testid="lever-diff">
                <h3>{tr("compare.policy_changes")}</h3>
                <div class="table-scroll"><table>
                    <thead><tr><th>{tr("howto.parameter")}</th><th>{tr("compare.reference")}</th>{names}</tr></thead>
                    <tbody>{move || diff(false)}</tbody>
                </table></div>
                <h3>{tr("compare.assumption_changes")}</h3>
                <div class="table-scroll"><table>
                    <thead><tr><th>{tr("howto.parameter")}</th><th>{tr("compare.reference_assumption")}</th>{names}</tr></thead>
                    <tbody>{move || diff(true)}</tbody>
                </table></div>
            </section>
        </div>
    }
}

/// Compared runs (name, run), compared by identity of their outcomes.
#[derive(Clone)]
struct RunList(Vec<(Option<String>, Run)>);

impl PartialEq for RunList {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len() && self.0.iter().zip(&other.0).all(|(a, b)| a.0 == b.0 && a.1 == b.1)
    }
}
