//! Side by side: the working scenario and the saved ones ticked for comparison — trajectories overlaid,
//! a KPI table, and every lever that differs from its default, policy apart from assumptions.

use std::sync::Arc;

use entas_model::levers::{LeverGroup, LEVERS};
use entas_model::scenario::Indicator;
use entas_model::{analysis, Model, Outcome, Scenario};
use leptos::prelude::*;

use crate::chart::{nice_ceiling, palette, ChartSpec, Series, TimePanel};
use crate::format;
use crate::i18n::{tr, use_lang};
use crate::state::use_explorer;
use crate::views::canvas::{ChartCard, DataTable};
use crate::views::scenarios::SavedList;

/// One compared scenario and its run.
#[derive(Clone)]
struct Compared {
    name: String,
    scenario: Arc<Scenario>,
    outcome: Arc<Outcome>,
}

#[component]
pub fn ComparePage() -> impl IntoView {
    let ex = use_explorer();
    let lang = use_lang();
    let compared = Memo::new(move |_| {
        let l = lang.get();
        let run = ex.run.get();
        let mut out = vec![Compared {
            name: l.t("compare.current"),
            scenario: run.scenario.clone(),
            outcome: run.outcome.clone(),
        }];
        let ticked = ex.compare.get();
        for s in ex.saved.get().into_iter().filter(|s| ticked.contains(&s.id)) {
            if let Ok(m) = Model::new(s.scenario.clone()) {
                out.push(Compared {
                    name: s.name.clone(),
                    outcome: Arc::new(m.simulate()),
                    scenario: Arc::new(m.scenario),
                });
            }
        }
        ComparedList(out)
    });
    let overlay = Signal::derive(move || {
        let l = lang.get();
        compared.with(|c| {
            let list = &c.0;
            let Some(first) = list.first() else { return ChartSpec::Message(String::new()) };
            let start = list.iter().map(|x| x.outcome.base_year).min().unwrap_or(first.outcome.base_year);
            let end = list.iter().filter_map(|x| x.outcome.scenario.last().map(|r| r.year)).max().unwrap_or(start + 1);
            let panel = |ind: Indicator| {
                let f = |r: &entas_model::YearResult| match ind {
                    Indicator::P0 => r.p0_pct,
                    Indicator::Extreme => r.extreme_pct,
                };
                let mut series = vec![Series {
                    label: format!("{} ({})", l.t("chart.baseline"), first.name),
                    color: palette::BASELINE,
                    points: first.outcome.baseline.iter().map(|r| (r.year, f(r))).collect(),
                    dashed: true,
                }];
                for (i, x) in list.iter().enumerate() {
                    series.push(Series {
                        label: x.name.clone(),
                        color: palette::PROGRAMMES[i % palette::PROGRAMMES.len()],
                        points: x.outcome.scenario.iter().map(|r| (r.year, f(r))).collect(),
                        dashed: false,
                    });
                }
                let top = series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).fold(0.0_f64, f64::max);
                TimePanel {
                    title: match ind {
                        Indicator::P0 => l.t("chart.p0"),
                        Indicator::Extreme => {
                            format!("{} ({})", l.t("chart.extreme"), first.scenario.extreme_line.label())
                        }
                    },
                    y_label: l.t("chart.pct_people"),
                    years: (start, end),
                    y_max: nice_ceiling(top * 1.2).max(0.5),
                    series,
                    bands: Vec::new(),
                    observed: Vec::new(),
                    observed_label: String::new(),
                    hlines: Vec::new(),
                    y_decimals: if top < 3.0 { 1 } else { 0 },
                }
            };
            ChartSpec::Time(vec![panel(Indicator::P0), panel(Indicator::Extreme)])
        })
    });
    let overlay_table = Signal::derive(move || {
        let l = lang.get();
        compared.with(|c| DataTable {
            headers: std::iter::once(l.t("table.year")).chain(c.0.iter().map(|x| format!("P0 {}", x.name))).collect(),
            rows: c
                .0
                .first()
                .map(|f| {
                    f.outcome
                        .scenario
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            std::iter::once(r.year.to_string())
                                .chain(c.0.iter().map(|x| {
                                    x.outcome
                                        .scenario
                                        .get(i)
                                        .map(|y| format::number(y.p0_pct, 2, l))
                                        .unwrap_or_else(|| "–".into())
                                }))
                                .collect()
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
    });
    let kpi_table = move || {
        let l = lang.get();
        compared.with(|c| {
            c.0.iter().map(|x| {
                let o = &x.outcome;
                let (s, b) = (o.scenario.last(), o.baseline.last());
                let total: f64 = o.scenario.iter().map(|r| r.spend_rp).sum();
                let p0_target = x.scenario.targets.iter().find(|t| t.indicator == Indicator::P0);
                let met = p0_target.and_then(|t| analysis::year_met(&o.scenario, t));
                view! {
                    <tr data-testid="compare-row">
                        <td>{x.name.clone()}</td>
                        <td>{x.scenario.district.name.clone()}</td>
                        <td>{s.map(|r| format::percent(r.p0_pct, 2, l)).unwrap_or_default()}</td>
                        <td>{s.map(|r| format::percent(r.extreme_pct, 2, l)).unwrap_or_default()}</td>
                        <td>{match (s, b) { (Some(s), Some(b)) => format::number(b.poor_people - s.poor_people, 0, l), _ => "–".into() }}</td>
                        <td>{format::rupiah_large(total, l)}</td>
                        <td>{o.cost_per_person_year_lifted.map(|c| format::rupiah_large(c, l)).unwrap_or_else(|| "–".into())}</td>
                        <td>{match (p0_target, met) { (Some(_), Some(y)) => y.to_string(), (Some(_), None) => l.t("compare.not_met"), _ => "–".into() }}</td>
                    </tr>
                }
            }).collect_view()
        })
    };
    let diff = move |assumptions: bool| {
        let l = lang.get();
        compared.with(|c| {
            let rows = LEVERS.iter()
                .filter(|spec| (spec.group == LeverGroup::Assumption) == assumptions)
                .filter(|spec| c.0.iter().any(|x| x.scenario.levers.get(spec.id) != spec.default))
                .map(|spec| {
                    let base_year = c.0.first().map(|x| x.scenario.district.base_year).unwrap_or(2024);
                    view! {
                        <tr data-testid=if assumptions { "diff-assumption" } else { "diff-policy" }>
                            <td>{l.t(&format!("lever.{}.label", spec.id))}</td>
                            <td>{format::lever_value(spec, spec.default, l, base_year)}</td>
                            {c.0.iter().map(|x| {
                                let v = x.scenario.levers.get(spec.id);
                                view! { <td class:differs=v != spec.default>{format::lever_value(spec, v, l, base_year)}</td> }
                            }).collect_view()}
                        </tr>
                    }
                    .into_any()
                })
                .collect::<Vec<_>>();
            if rows.is_empty() {
                vec![view! { <tr><td colspan="99">{l.t("compare.none_differ")}</td></tr> }.into_any()]
            } else {
                rows
            }
        })
    };
    let names = move || compared.with(|c| c.0.iter().map(|x| view! { <th>{x.name.clone()}</th> }).collect_view());
    view! {
        <div class="compare-page">
            <SavedList/>
            <section class="panel compare" data-testid="compare">
                <h2>{tr("compare.title")}</h2>
                <p class="group-hint">{tr("compare.hint")}</p>
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
            <ChartCard testid="chart-compare" title=Signal::derive(move || lang.get().t("compare.chart")) spec=overlay table=overlay_table tall=true/>
            <section class="panel compare" data-testid="lever-diff">
                <h3>{tr("compare.policy_changes")}</h3>
                <div class="table-scroll"><table>
                    <thead><tr><th>{tr("howto.parameter")}</th><th>{tr("lever.default")}</th>{names}</tr></thead>
                    <tbody>{move || diff(false)}</tbody>
                </table></div>
                <h3>{tr("compare.assumption_changes")}</h3>
                <div class="table-scroll"><table>
                    <thead><tr><th>{tr("howto.parameter")}</th><th>{tr("lever.default")}</th>{names}</tr></thead>
                    <tbody>{move || diff(true)}</tbody>
                </table></div>
            </section>
        </div>
    }
}

/// Compared runs, compared by identity of their outcomes.
#[derive(Clone)]
struct ComparedList(Vec<Compared>);

impl PartialEq for ComparedList {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self.0.iter().zip(&other.0).all(|(a, b)| a.name == b.name && Arc::ptr_eq(&a.outcome, &b.outcome))
    }
}
