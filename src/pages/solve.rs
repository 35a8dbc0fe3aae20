//! "Cari bauran termurah / Find the cheapest mix": targets, the budgets that may change with their limits,
//! an optional cap, the APBD a cost is set against; the solve runs in the worker (progress, cancel), and
//! its mix can be applied as the working scenario. Beside it, what each Rp1 miliar buys at the current mix.

use entas_model::analysis::solver::{self, Limit, Request, RequestError};
use entas_model::levers::{spec, LeverId, Unit, LEVERS};
use entas_model::scenario::{Indicator, Target};
use leptos::prelude::*;

use crate::format;
use crate::i18n::{tr, use_lang, Lang};
use crate::present::{self, lever_label, DataTable};
use crate::state::{use_state, Page};

/// The budgets the solver may change by default: those that act on consumption. The district's UHC
/// (health premiums) starts at its current value as its minimum: a legal duty, not a choice.
const DEFAULT_ALLOWED: [LeverId; 6] = [
    LeverId::CashBudget,
    LeverId::FoodBudget,
    LeverId::HealthBudget,
    LeverId::GraduationBudget,
    LeverId::EnterpriseBudget,
    LeverId::DataUpdateBudget,
];

#[derive(Clone, Copy)]
struct LeverRow {
    id: LeverId,
    allowed: RwSignal<bool>,
    min: RwSignal<String>,
    max: RwSignal<String>,
}

#[derive(Clone, Copy)]
struct TargetRow {
    indicator: Indicator,
    on: RwSignal<bool>,
    value: RwSignal<String>,
    year: RwSignal<String>,
    tolerance: RwSignal<String>,
}

fn table(t: DataTable, testid: &'static str) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table data-testid=testid>
                <thead><tr>{t.headers.into_iter().map(|h| view! { <th>{h}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {t.rows.into_iter().map(|r| view! { <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A refused request in the UI language, naming the field and the allowed range.
fn request_error(e: &RequestError, l: Lang) -> String {
    let n = |v: f64| format::number(v, 1, l);
    match e {
        RequestError::NoTarget => l.t("solve.err.no_target"),
        RequestError::NoLever => l.t("solve.err.no_lever"),
        RequestError::NotBudget(id) | RequestError::Repeated(id) => lever_label(*id, l),
        RequestError::BadLimit { lever, allowed, .. } => {
            l.tf("solve.err.limit", &[("lever", lever_label(*lever, l)), ("min", n(allowed.0)), ("max", n(allowed.1))])
        }
        RequestError::TargetYear { first, last, .. } => {
            l.tf("solve.err.year", &[("first", first.to_string()), ("last", last.to_string())])
        }
        RequestError::TargetValue(_) => l.t("solve.err.value"),
        RequestError::Cap { fixed, .. } => l.tf("solve.err.cap", &[("fixed", n(*fixed))]),
        RequestError::Ramp(_) => l.t("solve.err.ramp"),
    }
}

#[component]
pub fn SolvePage() -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let client = expect_context::<crate::app::JobClient>();
    let scenario = st.working.run_scenario_untracked();
    let (base_year, horizon) = (scenario.district.base_year, scenario.horizon);
    let l0 = lang.get_untracked();
    let plain = move |v: f64| {
        // A typed value in the UI language's decimal style, without thousands separators.
        let s = format!("{v}");
        if l0 == Lang::Id {
            s.replace('.', ",")
        } else {
            s
        }
    };
    let targets: Vec<TargetRow> = [Indicator::P0, Indicator::Extreme, Indicator::P1]
        .into_iter()
        .map(|indicator| {
            let t = scenario.targets.iter().find(|t| t.indicator == indicator).cloned();
            let year = t.as_ref().map_or(horizon, |t| t.year).clamp(base_year + 1, horizon);
            TargetRow {
                indicator,
                on: RwSignal::new(t.is_some()),
                value: RwSignal::new(plain(t.as_ref().map_or(
                    match indicator {
                        Indicator::P0 => 9.99,
                        Indicator::Extreme => 0.0,
                        // A fifth off the base year's poverty gap, a typical RPJMD ambition.
                        Indicator::P1 => {
                            (0.8 * scenario.district.calibration.p1().unwrap_or(1.5) * 1000.0).round() / 1000.0
                        }
                    },
                    |t| t.value_pct,
                ))),
                year: RwSignal::new(year.to_string()),
                tolerance: RwSignal::new(plain(t.as_ref().map_or(0.0, |t| t.tolerance_pct))),
            }
        })
        .collect();
    let rows: Vec<LeverRow> = LEVERS
        .iter()
        .filter(|l| l.group.is_policy() && l.unit == Unit::RpBillionPerYear)
        .map(|l| {
            let min = if l.id == LeverId::HealthBudget { scenario.levers.get(l.id) } else { l.min };
            LeverRow {
                id: l.id,
                allowed: RwSignal::new(DEFAULT_ALLOWED.contains(&l.id)),
                min: RwSignal::new(plain(min)),
                max: RwSignal::new(plain(l.max)),
            }
        })
        .collect();
    let line_of = std::sync::Arc::new(scenario.clone());
    let cap = RwSignal::new(String::new());
    let ramp = RwSignal::new("0".to_string());
    let apbd = RwSignal::new(scenario.district.apbd_rp_bn.map(plain).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let (targets_c, rows_c) = (targets.clone(), rows.clone());

    let start = move |_| {
        let l = lang.get_untracked();
        let s = st.working.run_scenario_untracked();
        let parse = |text: &str, field: String, range: (f64, f64)| -> Result<f64, String> {
            format::parse_number(text, l).filter(|v| *v >= range.0 && *v <= range.1).ok_or_else(|| {
                l.tf(
                    "solve.err.field",
                    &[("field", field), ("min", format::number(range.0, 2, l)), ("max", format::number(range.1, 2, l))],
                )
            })
        };
        let request = (|| -> Result<Request, String> {
            let mut ts = Vec::new();
            for t in targets_c.iter().filter(|t| t.on.get_untracked()) {
                let name = l.t(&format!("solve.indicator.{}", present::indicator_key(t.indicator)));
                let value = parse(&t.value.get_untracked(), name.clone(), (0.0, 100.0))?;
                let year = parse(
                    &t.year.get_untracked(),
                    format!("{name} · {}", l.t("solve.year")),
                    ((base_year + 1) as f64, horizon as f64),
                )?;
                let tolerance =
                    parse(&t.tolerance.get_untracked(), format!("{name} · {}", l.t("solve.tolerance")), (0.0, 10.0))?;
                ts.push(Target {
                    indicator: t.indicator,
                    value_pct: value,
                    year: year.round() as i32,
                    label: String::new(),
                    tolerance_pct: tolerance,
                });
            }
            let mut limits = Vec::new();
            for r in rows_c.iter().filter(|r| r.allowed.get_untracked()) {
                let sp = spec(r.id);
                let name = lever_label(r.id, l);
                let min =
                    parse(&r.min.get_untracked(), format!("{name} · {}", l.t("solve.col.min")), (sp.min, sp.max))?;
                let max = parse(&r.max.get_untracked(), format!("{name} · {}", l.t("solve.col.max")), (min, sp.max))?;
                limits.push(Limit { lever: r.id, min, max });
            }
            let cap_text = cap.get_untracked();
            let cap_rp_bn = if cap_text.trim().is_empty() {
                None
            } else {
                Some(parse(&cap_text, l.t("solve.cap"), (0.0, 1_000_000.0))?)
            };
            let ramp_years = parse(&ramp.get_untracked(), l.t("solve.ramp"), (0.0, 10.0))?.round() as u32;
            let req = Request { targets: ts, limits, cap_rp_bn, quick: false, ramp_years };
            solver::check(&s, &s.levers, &req).map_err(|e| request_error(&e, l))?;
            Ok(req)
        })();
        match request {
            Ok(req) => {
                error.set(None);
                client.0.with_value(|c| c.solve(s, req));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let cancel = move |_| client.0.with_value(|c| c.cancel_solve());
    let solve = st.jobs.solve;
    let running = move || solve.with(|s| s.as_ref().is_some_and(|s| !s.finished));
    let apply = move |_| {
        if let Some(sol) = solve.with_untracked(|s| s.as_ref().and_then(|s| s.solution.clone())) {
            // The levers' schedules become the mix's: its ramp, or none for a constant mix (a back-test's
            // schedule would otherwise override it).
            let differs = st.working.base.with_untracked(|b| {
                sol.changes.iter().any(|(id, _, _)| b.schedules.get(id.as_str()) != sol.schedules.get(id.as_str()))
            });
            if differs {
                st.working.base.update(|b| {
                    let mut s = (**b).clone();
                    for (id, _, _) in &sol.changes {
                        match sol.schedules.get(id.as_str()) {
                            Some(v) => s.schedules.insert(id.as_str().to_string(), v.clone()),
                            None => s.schedules.remove(id.as_str()),
                        };
                    }
                    *b = std::sync::Arc::new(s);
                });
            }
            for (id, _, v) in &sol.changes {
                let _ = st.working.set_lever(*id, *v);
            }
            // The explorer's target cards then show the targets the mix was solved for.
            let solved: Vec<_> = sol.targets.iter().map(|t| t.target.clone()).collect();
            st.working.adopt_targets(&solved);
            st.ui.page.set(Page::Explorer);
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    };
    let apbd_value = move || format::parse_number(&apbd.get(), lang.get()).filter(|v| *v >= 1.0);

    let results = move || {
        let l = lang.get();
        let s = solve.get()?;
        let status = if let Some(e) = &s.error {
            view! { <p class="status error" data-testid="solve-status">{present::problems::job_error(l, e)}</p> }
                .into_any()
        } else if !s.finished && s.solution.is_some() {
            view! {
                <p class="status" data-testid="solve-status">
                    {l.tf("solve.frontier_progress", &[("n", s.evaluations.to_string()), ("left", s.frontier_left.to_string())])}
                </p>
            }
            .into_any()
        } else if !s.finished {
            view! {
                <p class="status" data-testid="solve-status">
                    <progress max=solver::MAX_EVALUATIONS.to_string() value=s.evaluations.to_string()></progress>
                    " "{l.tf("solve.progress", &[("n", s.evaluations.to_string())])}
                </p>
            }
            .into_any()
        } else if s.cancelled && s.solution.is_none() {
            view! { <p class="status" data-testid="solve-status" data-cancelled="true">{l.t("solve.cancelled")}</p> }
                .into_any()
        } else {
            view! { <p class="status" data-testid="solve-status" data-done="true">{l.tf("solve.done", &[("n", s.evaluations.to_string())])}</p> }.into_any()
        };
        let answer = s.solution.clone().map(|sol| {
            let verdict = if sol.feasible { l.t("solve.feasible") } else { l.t("solve.infeasible") };
            view! {
                <section class="panel solve-answer" data-testid="solve-answer" data-feasible=sol.feasible.to_string()>
                    <h2>{verdict}</h2>
                    {table(present::solve::mix_table(&sol, l), "solve-mix")}
                    <ul class="solve-lines">
                        {present::solve::cost_lines(&sol, apbd_value(), base_year, l).into_iter().map(|t| view! { <li data-testid="solve-cost">{t}</li> }).collect_view()}
                        {present::solve::target_lines(&sol, l).into_iter().map(|t| view! { <li data-testid="solve-target">{t}</li> }).collect_view()}
                        {present::solve::unreachable_line(&sol, l).map(|t| view! { <li data-testid="solve-unreachable">{t}</li> })}
                    </ul>
                    <button type="button" class="btn-primary" data-testid="solve-apply" on:click=apply>{l.t("solve.apply")}</button>
                    <p class="note">{l.t("solve.caveat")}</p>
                </section>
            }
        });
        let marginal = s.marginal.clone().map(|m| {
            view! {
                <section class="panel" data-testid="solve-marginal">
                    <h2>{l.t("solve.marginal_title")}</h2>
                    <p class="note">{l.t("solve.marginal_note")}</p>
                    {table(present::solve::marginal_table(&m, l), "solve-marginal-table")}
                </section>
            }
        });
        Some(view! { {status}{answer}{marginal} })
    };
    let has_solution = move || solve.with(|s| s.as_ref().is_some_and(|s| s.solution.is_some()));
    // The cost curve of the latest answer (its first target's indicator names the table's column).
    let frontier_spec = Signal::derive(move || {
        let l = lang.get();
        solve.with(|s| match s {
            Some(s) => match s.solution.as_ref().and_then(|sol| sol.targets.first()) {
                Some(t) => present::solve::frontier_chart(&s.frontier, s.marks.as_ref(), t.target.indicator, l),
                None => crate::chart::ChartSpec::Message(l.t("chart.computing")),
            },
            _ => crate::chart::ChartSpec::Message(l.t("chart.computing")),
        })
    });
    let frontier_table = Signal::derive(move || {
        let l = lang.get();
        solve
            .with(|s| {
                let s = s.as_ref()?;
                let indicator = s.solution.as_ref()?.targets.first()?.target.indicator;
                Some(present::solve::frontier_table(&s.frontier, s.marks.as_ref(), indicator, l))
            })
            .unwrap_or_default()
    });
    let frontier_title = Signal::derive(move || {
        let l = lang.get();
        solve
            .with(|s| s.as_ref().and_then(|s| s.solution.as_ref()).map(|sol| present::solve::frontier_title(sol, l)))
            .unwrap_or_default()
    });

    view! {
        <section class="panel solve-page" data-testid="solve-page">
            <h1>{tr("solve.title")}</h1>
            <p class="note">{tr("solve.intro")}</p>
            <h2>{tr("solve.targets")}</h2>
            <div class="solve-targets">
                {targets.into_iter().map(|t| {
                    let key = present::indicator_key(t.indicator);
                    view! {
                        <fieldset class="solve-target" data-testid=format!("solve-target-{key}")>
                            <label class="check"><input type="checkbox" prop:checked=move || t.on.get() on:change=move |ev| t.on.set(event_target_checked(&ev))/>
                                {move || lang.get().t(&format!("solve.indicator.{key}"))}</label>
                            <label class="field narrow">{tr(if t.indicator == Indicator::P1 { "solve.at_most_index" } else { "solve.at_most" })}<input type="text" inputmode="decimal" data-testid="value" prop:value=move || t.value.get() on:input=move |ev| t.value.set(event_target_value(&ev))/></label>
                            <label class="field narrow">{tr("solve.year")}<input type="text" inputmode="numeric" data-testid="year" prop:value=move || t.year.get() on:input=move |ev| t.year.set(event_target_value(&ev))/></label>
                            <label class="field narrow">{tr(if t.indicator == Indicator::P1 { "solve.tolerance_index" } else { "solve.tolerance" })}<input type="text" inputmode="decimal" data-testid="tolerance" prop:value=move || t.tolerance.get() on:input=move |ev| t.tolerance.set(event_target_value(&ev))/></label>
                            // Which line: the rate is the scenario's, on the line chosen there.
                            <p class="note solve-line" data-testid="line">{
                                let s = line_of.clone();
                                move || {
                                    let l = lang.get();
                                    if t.indicator != Indicator::Extreme {
                                        l.tf("solve.line_gk", &[("gk", present::gk(&s, s.district.poverty_line, l))])
                                    } else {
                                        l.tf("solve.line_extreme", &[("line", present::line_label(&s.extreme_line, l))])
                                    }
                                }
                            }</p>
                        </fieldset>
                    }
                }).collect_view()}
            </div>
            <h2>{tr("solve.levers")}</h2>
            <div class="table-scroll">
                <table class="solve-levers" data-testid="solve-levers">
                    <thead><tr><th>{tr("solve.col.may_change")}</th><th>{tr("solve.col.now")}</th><th>{tr("solve.col.min")}</th><th>{tr("solve.col.max")}</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| {
                            let now = scenario.levers.get(r.id);
                            view! {
                                <tr data-testid=format!("solve-lever-{}", r.id.as_str())>
                                    <td><label class="check"><input type="checkbox" prop:checked=move || r.allowed.get() on:change=move |ev| r.allowed.set(event_target_checked(&ev))/>{move || lever_label(r.id, lang.get())}</label></td>
                                    <td>{move || format::rupiah_large(now * 1e9, lang.get())}</td>
                                    <td><input type="text" inputmode="decimal" class="narrow-input" data-testid="min" prop:value=move || r.min.get() on:input=move |ev| r.min.set(event_target_value(&ev))/></td>
                                    <td><input type="text" inputmode="decimal" class="narrow-input" data-testid="max" prop:value=move || r.max.get() on:input=move |ev| r.max.set(event_target_value(&ev))/></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="note">{tr("solve.levers_note")}</p>
            <div class="solve-row">
                <label class="field narrow">{tr("solve.cap")}<input type="text" inputmode="decimal" data-testid="solve-cap" prop:value=move || cap.get() on:input=move |ev| cap.set(event_target_value(&ev))/></label>
                <label class="field narrow" title=move || lang.get().t("solve.ramp_help")>{tr("solve.ramp")}<input type="text" inputmode="numeric" data-testid="solve-ramp" prop:value=move || ramp.get() on:input=move |ev| ramp.set(event_target_value(&ev))/></label>
                <label class="field narrow" title=move || lang.get().t("solve.apbd_source")>{tr("solve.apbd")}<input type="text" inputmode="decimal" data-testid="solve-apbd" prop:value=move || apbd.get() on:input=move |ev| apbd.set(event_target_value(&ev))/></label>
            </div>
            <p class="field-error" role="alert" data-testid="solve-error" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
            <div class="solve-row">
                <button type="button" class="btn-primary" data-testid="solve-start" on:click=start disabled=running>{tr("solve.start")}</button>
                <button type="button" class="btn-secondary" data-testid="solve-cancel" on:click=cancel hidden=move || !running()>{tr("solve.cancel")}</button>
            </div>
        </section>
        {results}
        <Show when=has_solution>
            <crate::widgets::ChartCard testid="chart-frontier" title=frontier_title spec=frontier_spec table=frontier_table/>
        </Show>
    }
}
