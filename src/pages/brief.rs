//! The printable A4 policy brief, in the order of a district poverty plan: kondisi awal, skenario dan
//! intervensi, proyeksi, biaya dan efektivitas, asumsi, sumber data. Shown as a preview page; the print
//! stylesheet prints only the brief.

use entas_model::levers::{LeverGroup, Unit, LEVERS};
use entas_model::{analysis, presets, Programme, YearResult};
use leptos::prelude::*;

use crate::chart::{self, AxisStyle};
use crate::format;
use crate::i18n::{tr, use_lang, Lang};
use crate::present::{lever_label, line_label, programme_name, target_label, target_verdict, trajectory};
use crate::state::use_state;

#[component]
pub fn Brief() -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let content = move || {
        let l = lang.get();
        let run = st.working.run.get();
        let bands = st.jobs.bands();
        let analysis = st.jobs.analysis.get();
        let (s, o) = (&run.scenario, &run.outcome);
        let d = &s.district;
        let first = &o.baseline[0];
        let end_s = o.scenario.last().unwrap_or(first);
        let pct = |v: f64| format::percent(v, 2, l);
        let svg = chart::to_svg(
            &trajectory::spec(&run, bands.as_ref(), l),
            900,
            360,
            AxisStyle { decimal_comma: l == Lang::Id },
        );
        let budgets: Vec<_> = Programme::BUDGETED
            .into_iter()
            .filter_map(|p| {
                let b = s.levers.get(p.budget_lever());
                (b > 0.0).then(|| (p, b, o.reach(p, o.base_year + 1).unwrap_or(0.0)))
            })
            .collect();
        // Policy levers other than budgets that differ from the district's status quo (budgets are listed above).
        let reference = presets::reference_levers(s);
        let changed = s.levers.diff(&reference);
        let policy_changes: Vec<_> = LEVERS
            .iter()
            .filter(|x| {
                x.group != LeverGroup::Assumption && x.unit != Unit::RpBillionPerYear && changed.contains(&x.id)
            })
            .collect();
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
                <p>{l.tf("brief.header", &[("district", d.name.clone()), ("from", o.base_year.to_string()), ("to", end_s.year.to_string()),
                    ("gk", crate::present::gk(s, o.poverty_line, l)), ("line", line_label(&s.extreme_line, l))])}</p>
            </header>
            <section data-testid="brief-section">
                <h2>{l.t("brief.s1")}</h2>
                <table>
                    <tbody>
                        <tr><th>{format!("{} {}", l.t("kpi.p0"), o.base_year)}</th><td>{pct(first.p0_pct)}</td><th>{l.t("kpi.poor_people")}</th><td>{format!("≈{}", format::number((first.poor_people / 100.0).round() * 100.0, 0, l))}</td></tr>
                        <tr><th>{format!("{} ({})", l.t("kpi.extreme"), line_label(&s.extreme_line, l))}</th><td>{pct(first.extreme_pct)}</td><th>{l.t("brief.population")}</th><td>{crate::present::marked(format::number(d.population, 0, l), s, entas_model::scenario::Estimated::Population)}</td></tr>
                        <tr><th>{l.t("brief.vulnerable")}</th><td>{pct(first.vulnerable_pct)}</td><th>"Gini"</th><td>{format::number(first.gini, 3, l)}</td></tr>
                    </tbody>
                </table>
                <p class="brief-note" data-testid="brief-model-note">{match &s.household_file {
                    Some(f) => l.tf("brief.model_note_file", &[("file", f.name.clone()), ("rows", format::number(f.rows as f64, 0, l))]),
                    None => l.tf("brief.model_note", &[("households", format::number(s.households as f64, 0, l))]),
                }}</p>
                <p>{l.t("brief.history")}" "{d.observed.iter().filter_map(|x| x.p0_pct.map(|p| format!("{} {}", x.year, pct(p)))).collect::<Vec<_>>().join(" · ")}</p>
            </section>
            <section data-testid="brief-section">
                <h2>{l.t("brief.s2")}</h2>
                <table>
                    <thead><tr><th>{l.t("table.programme")}</th><th>{l.t("brief.budget")}</th><th>{l.tf("brief.reach_year", &[("year", (o.base_year + 1).to_string())])}</th></tr></thead>
                    <tbody>
                        {budgets.iter().map(|(p, b, reach)| view! {
                            <tr><td>{programme_name(*p, l)}</td><td>{l.tf("brief.budget_value", &[("value", format::number(*b, 1, l))])}</td><td>{l.tf("brief.reach_value", &[("value", format::number(*reach, 0, l))])}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <p>{if budgets.is_empty() { l.t("brief.no_programme") } else { String::new() }}</p>
                <ul>
                    {policy_changes.iter().map(|x| view! { <li>{format!("{}: {}", lever_label(x.id, l), format::lever_value(x, s.levers.get(x.id), l, o.base_year))}</li> }).collect_view()}
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
                    {analysis::target_status(o, &s.targets, bands.as_ref()).iter().map(|t| view! {
                        <li>{l.tf("brief.target_line", &[("target", target_label(&t.target, l)), ("verdict", target_verdict(t, o.final_year(), l))])}</li>
                    }).collect_view()}
                </ul>
                {(!d.kecamatan.is_empty()).then(|| {
                    let t = crate::present::kecamatan::table(s, o, o.final_year(), l);
                    view! {
                        <h3 data-testid="brief-kecamatan">{format!("{}, {}", l.t("kecamatan.title"), o.final_year())}</h3>
                        <p class="brief-note">{l.t(if s.household_file.is_some() { "kecamatan.note_file" } else { "kecamatan.note" })}</p>
                        <table>
                            <thead><tr>{t.headers.iter().map(|h| view! { <th>{h.clone()}</th> }).collect_view()}</tr></thead>
                            <tbody>{t.rows.iter().map(|r| view! { <tr>{r.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr> }).collect_view()}</tbody>
                        </table>
                    }
                })}
            </section>
            <section data-testid="brief-section">
                <h2>{l.t("brief.s4")}</h2>
                <p>{format!("{}: {} · {}: {} · {} {}: {}",
                    l.t("compare.cost"), format::rupiah_large(o.scenario_spend_rp(), l),
                    l.t("table.cost_per_person_year"), o.cost_per_person_year_lifted.map(|c| format::rupiah_large(c, l)).unwrap_or_else(|| "–".into()),
                    l.t("table.lifted"), o.final_year(), format::number(o.lifted_final(), 0, l))}</p>
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
                    <thead><tr><th>{l.t("howto.parameter")}</th><th>{l.t("brief.value")}</th><th>{l.t("brief.evidence_range")}</th></tr></thead>
                    <tbody>
                        {LEVERS.iter().filter(|x| x.group == LeverGroup::Assumption).map(|x| {
                            let v = s.levers.get(x.id);
                            view! { <tr class:changed=v != x.default><td>{lever_label(x.id, l)}</td><td>{format::lever_value(x, v, l, o.base_year)}{(v != x.default).then(|| format!(" ({} {})", l.t("lever.default"), format::lever_value(x, x.default, l, o.base_year)))}</td><td>{format!("{} – {}", format::lever_value(x, x.evidence.0, l, o.base_year), format::lever_value(x, x.evidence.1, l, o.base_year))}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
                <p>{l.t("brief.assumption_sources")}</p>
                <p>{l.t("note.real_line")}</p>
            </section>
            <section data-testid="brief-section">
                <h2>{l.t("brief.s6")}</h2>
                <ul>{crate::present::sources::district_sources(s, l).into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
                <p class="tag-legend" data-testid="tag-legend">{l.t("sources.tags")}</p>
                <p class="tag-legend">{crate::present::estimate_note(s, l)}</p>
                <p class="brief-foot">{l.t("brief.made_with")}</p>
            </section>
        }
    };
    view! {
        <div class="brief-page">
            <div class="brief-actions no-print">
                <button type="button" class="btn-primary" data-testid="print-now" on:click=move |_| crate::browser::print()>{tr("brief.print")}</button>
                <span class="group-hint">{tr("brief.hint")}</span>
            </div>
            <article class="brief" data-testid="brief">{content}</article>
        </div>
    }
}
