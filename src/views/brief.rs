//! The printable A4 policy brief, in the order of a district poverty plan: kondisi awal, skenario dan
//! intervensi, proyeksi, biaya dan efektivitas, asumsi, sumber data. Shown as a preview page; the print
//! stylesheet prints only the brief.

use entas_model::levers::{LeverGroup, Unit, LEVERS};
use entas_model::{Programme, YearResult};
use leptos::prelude::*;

use crate::chart::{self, AxisStyle};
use crate::format;
use crate::i18n::{tr, use_lang, Lang};
use crate::state::use_explorer;
use crate::views::results::{programme_name, trajectory_spec};

#[component]
pub fn Brief() -> impl IntoView {
    let ex = use_explorer();
    let lang = use_lang();
    let content = move || {
        let l = lang.get();
        let run = ex.run.get();
        let bands = ex.analysis.with(|a| a.as_ref().and_then(|a| a.bands.clone()));
        let analysis = ex.analysis.get();
        let (s, o) = (&run.scenario, &run.outcome);
        let d = &s.district;
        let first = &o.baseline[0];
        let (end_s, end_b) = (o.scenario.last().unwrap_or(first), o.baseline.last().unwrap_or(first));
        let pct = |v: f64| format::percent(v, 2, l);
        let svg = chart::to_svg(
            &trajectory_spec(&run, bands.as_ref(), l),
            900,
            360,
            AxisStyle { decimal_comma: l == Lang::Id },
        );
        let budgets: Vec<_> = Programme::BUDGETED
            .into_iter()
            .filter_map(|p| {
                let b = s.levers.get(p.budget_lever());
                (b > 0.0).then(|| {
                    let reach = o
                        .programmes
                        .iter()
                        .find(|y| y.programme == p && y.year == o.base_year + 1)
                        .map(|y| y.beneficiaries)
                        .unwrap_or(0.0);
                    (p, b, reach)
                })
            })
            .collect();
        let policy_changes: Vec<_> = LEVERS
            .iter()
            .filter(|x| {
                x.group != LeverGroup::Assumption && x.unit != Unit::RpBillionPerYear && s.levers.get(x.id) != x.default
            })
            .collect();
        let total: f64 = o.scenario.iter().map(|r| r.spend_rp).sum();
        let row = |b: &YearResult, sc: &YearResult, lifted: f64| {
            view! {
                <tr>
                    <td>{b.year}</td><td>{pct(b.p0_pct)}</td><td>{pct(sc.p0_pct)}</td>
                    <td>{pct(b.extreme_pct)}</td><td>{pct(sc.extreme_pct)}</td><td>{format::number(lifted, 0, l)}</td>
                </tr>
            }
        };
        view! {
            <header class="brief-head">
                <p class="brief-kicker">{l.t("brief.kicker")}</p>
                <h1>{format!("{}: {}", l.t("brief.title"), if s.name.is_empty() { d.name.clone() } else { s.name.clone() })}</h1>
                <p>{format!("{} · {} {}–{} · GK {}/{} · {} {}", d.name, l.t("brief.projection"), o.base_year, end_s.year,
                    format::rupiah(o.poverty_line, l), l.t("unit.capita_month"), l.t("brief.extreme_line"), s.extreme_line.label())}</p>
            </header>
            <section data-testid="brief-section">
                <h2>{l.t("brief.s1")}</h2>
                <table>
                    <tbody>
                        <tr><th>{format!("{} {}", l.t("kpi.p0"), o.base_year)}</th><td>{pct(first.p0_pct)}</td><th>{l.t("kpi.poor_people")}</th><td>{format::number(first.poor_people, 0, l)}</td></tr>
                        <tr><th>{format!("{} ({})", l.t("kpi.extreme"), s.extreme_line.label())}</th><td>{pct(first.extreme_pct)}</td><th>{l.t("brief.population")}</th><td>{format::number(d.population, 0, l)}</td></tr>
                        <tr><th>{l.t("brief.vulnerable")}</th><td>{pct(first.vulnerable_pct)}</td><th>"Gini"</th><td>{format::number(first.gini, 3, l)}</td></tr>
                    </tbody>
                </table>
                <p>{l.t("brief.history")}" "{d.observed.iter().filter_map(|x| x.p0_pct.map(|p| format!("{} {}", x.year, pct(p)))).collect::<Vec<_>>().join(" · ")}</p>
            </section>
            <section data-testid="brief-section">
                <h2>{l.t("brief.s2")}</h2>
                <table>
                    <thead><tr><th>{l.t("table.programme")}</th><th>{l.t("brief.budget")}</th><th>{format!("{} {}", l.t("brief.reach"), o.base_year + 1)}</th></tr></thead>
                    <tbody>
                        {budgets.iter().map(|(p, b, reach)| view! {
                            <tr><td>{programme_name(*p, l)}</td><td>{format!("Rp{} {}/{}", format::number(*b, 1, l), l.t("unit.bn"), l.t("unit.year"))}</td><td>{format!("{} {}", format::number(*reach, 0, l), l.t("table.households").to_lowercase())}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <p>{if budgets.is_empty() { l.t("brief.no_programme") } else { String::new() }}</p>
                <ul>
                    {policy_changes.iter().map(|x| view! { <li>{format!("{}: {}", l.t(&format!("lever.{}.label", x.id)), format::lever_value(x, s.levers.get(x.id), l, o.base_year))}</li> }).collect_view()}
                </ul>
            </section>
            <section data-testid="brief-section">
                <h2>{l.t("brief.s3")}</h2>
                <div class="brief-chart" inner_html=svg></div>
                <table>
                    <thead><tr><th>{l.t("table.year")}</th><th>{l.t("table.p0_baseline")}</th><th>{l.t("table.p0_scenario")}</th><th>{l.t("table.extreme_baseline")}</th><th>{l.t("table.extreme_scenario")}</th><th>{l.t("table.lifted")}</th></tr></thead>
                    <tbody>{o.baseline.iter().zip(&o.scenario).zip(&o.lifted).map(|((b, sc), lifted)| row(b, sc, *lifted)).collect_view()}</tbody>
                </table>
                <ul>
                    {s.targets.iter().map(|t| {
                        let met = entas_model::analysis::year_met(&o.scenario, t);
                        let what = match t.indicator {
                            entas_model::scenario::Indicator::P0 => l.t("kpi.target_p0"),
                            entas_model::scenario::Indicator::Extreme => l.t("kpi.target_extreme"),
                        };
                        view! { <li>{format!("{} ≤ {} {} {}: {}", what, pct(t.value_pct), l.t("kpi.by"), t.year, met.map(|y| format!("{} {y}", l.t("kpi.met_in"))).unwrap_or_else(|| format!("{} {}", l.t("kpi.not_met_by"), end_s.year)))}</li> }
                    }).collect_view()}
                </ul>
            </section>
            <section data-testid="brief-section">
                <h2>{l.t("brief.s4")}</h2>
                <p>{format!("{}: {} · {}: {} · {}: {}",
                    l.t("compare.cost"), format::rupiah_large(total, l),
                    l.t("table.cost_per_person_year"), o.cost_per_person_year_lifted.map(|c| format::rupiah_large(c, l)).unwrap_or_else(|| "–".into()),
                    l.t("table.lifted"), format::number(end_b.poor_people - end_s.poor_people, 0, l))}</p>
                {analysis.and_then(|a| a.costs).map(|costs| view! {
                    <table>
                        <thead><tr><th>{l.t("table.programme")}</th><th>{l.t("table.spend")}</th><th>{l.t("table.person_years")}</th><th>{l.t("table.cost_per_person_year")}</th></tr></thead>
                        <tbody>{costs.iter().map(|c| view! {
                            <tr><td>{programme_name(c.programme, l)}</td><td>{format::rupiah_large(c.spend_rp, l)}</td><td>{format::number(c.person_years_lifted, 0, l)}</td>
                            <td>{c.cost_per_person_year_rp.map(|v| format::rupiah_large(v, l)).unwrap_or_else(|| "–".into())}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                })}
            </section>
            <section data-testid="brief-section">
                <h2>{l.t("brief.s5")}</h2>
                <table class="brief-assumptions">
                    <thead><tr><th>{l.t("howto.parameter")}</th><th>{l.t("brief.value")}</th><th>{l.t("lever.source")}</th></tr></thead>
                    <tbody>
                        {LEVERS.iter().filter(|x| x.group == LeverGroup::Assumption).map(|x| {
                            let v = s.levers.get(x.id);
                            view! { <tr class:changed=v != x.default><td>{l.t(&format!("lever.{}.label", x.id))}</td><td>{format::lever_value(x, v, l, o.base_year)}{(v != x.default).then(|| format!(" ({} {})", l.t("lever.default"), format::lever_value(x, x.default, l, o.base_year)))}</td><td class="source-cell">{x.source}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
                <p>{l.t("note.real_line")}</p>
            </section>
            <section data-testid="brief-section">
                <h2>{l.t("brief.s6")}</h2>
                <ul>{d.sources.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}</ul>
                <p class="brief-foot">{l.t("brief.made_with")}</p>
            </section>
        }
    };
    view! {
        <div class="brief-page">
            <div class="brief-actions no-print">
                <button type="button" class="btn-primary" data-testid="print-now" on:click=move |_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.print();
                    }
                }>{tr("brief.print")}</button>
                <span class="group-hint">{tr("brief.hint")}</span>
            </div>
            <article class="brief" data-testid="brief">{content}</article>
        </div>
    }
}
