//! The KPI strip (headcount, extreme rate, one card per target, cost) and the worker's progress line.

use leptos::prelude::*;

use crate::i18n::use_lang;
use crate::present::kpis;
use crate::state::use_state;
use crate::widgets::KpiCard;

#[component]
pub fn KpiStrip() -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let run = st.working.run;
    let p0 = Signal::derive(move || run.with(|r| kpis::p0(r, lang.get())));
    let extreme = Signal::derive(move || run.with(|r| kpis::extreme(r, lang.get())));
    let cost = Signal::derive(move || {
        let bands = st.jobs.bands();
        run.with(|r| kpis::cost(r, bands.as_ref(), lang.get()))
    });
    let targets = move || {
        let bands = st.jobs.bands();
        run.with(|r| kpis::targets(r, bands.as_ref(), lang.get()))
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                view! {
                    <div class="kpi kpi-target" class:met=t.on_time data-testid=format!("kpi-target-{i}")>
                        <span class="kpi-label">{t.kpi.label}</span>
                        <span class="kpi-value" data-testid="kpi-value">{t.kpi.value}</span>
                        <span class="kpi-sub">{t.kpi.sub}" · "<span data-testid="kpi-probability">{t.probability}</span></span>
                    </div>
                }
            })
            .collect_view()
    };
    // What the scenario asks for that this run cannot show (a shock or a deadline after the horizon).
    let warnings = move || {
        let l = lang.get();
        let texts: Vec<String> = run.with(|r| {
            r.scenario.warnings().iter().map(|w| crate::present::problems::warning(l, &r.scenario, w)).collect()
        });
        (!texts.is_empty()).then(|| {
            view! {
                <ul class="run-warnings" role="status" data-testid="run-warnings">
                    {texts.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                </ul>
            }
        })
    };
    view! {
        <div class="kpis" data-testid="kpis">
            <KpiCard testid="kpi-p0" kpi=p0 main=true/>
            <KpiCard testid="kpi-extreme" kpi=extreme/>
            {targets}
            <KpiCard testid="kpi-cost" kpi=cost/>
        </div>
        {warnings}
        <p class="estimate-note" data-testid="estimate-note">{move || run.with(|r| crate::present::estimate_note(&r.scenario, lang.get()))}</p>
        {move || run.with(|r| r.scenario.household_file.as_ref().map(|f| {
            let rows = crate::format::number(f.rows as f64, 0, lang.get());
            view! { <p class="estimate-note households-note" data-testid="households-note">{lang.get().tf("hh.note", &[("file", f.name.clone()), ("rows", rows)])}</p> }
        }))}
    }
}

/// The analysis progress line (worker).
#[component]
pub fn AnalysisStatus() -> impl IntoView {
    let progress = use_state().jobs.progress;
    let lang = use_lang();
    let workers = use_context::<crate::app::JobClient>().map_or(0, |c| c.0.with_value(|c| c.workers())).to_string();
    move || {
        let workers = workers.clone();
        let l = lang.get();
        let p = progress.get();
        if let Some(e) = p.error {
            let text = l.tf("analysis.failed", &[("why", crate::present::problems::job_error(l, &e))]);
            return view! { <p class="status error" data-testid="analysis-status">{text}</p> }.into_any();
        }
        if p.total == 0 {
            return view! { <p class="status" data-testid="analysis-status">{l.t("analysis.waiting")}</p> }.into_any();
        }
        let finished = p.done >= p.total;
        let text = if finished {
            l.tf("analysis.done", &[("draws", p.total.saturating_sub(1).to_string())])
        } else {
            l.tf("analysis.progress", &[("done", p.done.to_string()), ("total", p.total.to_string())])
        };
        view! {
            <p class="status" data-testid="analysis-status" data-done=finished.to_string() data-workers=workers>
                <progress max=p.total.to_string() value=p.done.to_string()></progress>
                " "{text}
            </p>
        }
        .into_any()
    }
}
