//! The results side: settings, KPI strip, the five charts with their data tables, and the summary.
//! Everything here formats numbers the model produced; nothing computes a poverty number.

use entas_model::scenario::{ExtremeLine, GrowthBasis, Indicator, MAX_YEARS};
use entas_model::simulate::DISTRIBUTION_STEP;
use entas_model::{presets, Programme, YearResult};
use leptos::prelude::*;

use crate::chart::{
    nice_ceiling, palette, Band, Bars, ChartSpec, DistributionChart, HLine, Series, Stacked, TimePanel,
};
use crate::format;
use crate::i18n::{tr, use_lang, Lang};
use crate::state::{use_explorer, Run};
use crate::views::canvas::{ChartCard, DataTable};

/// Programme name in the UI language.
pub fn programme_name(p: Programme, l: Lang) -> String {
    l.t(&format!("programme.{}", p.id()))
}

fn line_label(line: &ExtremeLine, l: Lang) -> String {
    match line {
        ExtremeLine::Rupiah { rp } => format!("{}/{}", format::rupiah(*rp, l), l.t("unit.capita_month")),
        other => other.label(),
    }
}

/// Preset, extreme-poverty line, horizon and the RPJMD target.
#[component]
pub fn Settings() -> impl IntoView {
    let ex = use_explorer();
    let lang = use_lang();
    let line_key = move || match ex.extreme_line.get() {
        ExtremeLine::Usd215 => "usd215",
        ExtremeLine::Usd215Local => "usd215_local",
        ExtremeLine::Usd190 => "usd190",
        ExtremeLine::Usd300 => "usd300",
        ExtremeLine::Rupiah { .. } => "rupiah",
    };
    let rupiah_error = RwSignal::new(None::<String>);
    let target_error = RwSignal::new(None::<String>);
    let tolerance_error = RwSignal::new(None::<String>);
    let base_year = move || ex.base.with(|b| b.district.base_year);
    let gk = move || ex.base.with(|b| b.district.poverty_line);
    let p0_target = move || ex.targets.with(|t| t.iter().find(|t| t.indicator == Indicator::P0).cloned());
    view! {
        <div class="panel settings" data-testid="settings">
            <label class="field">
                <span>{tr("settings.preset")}</span>
                <select
                    data-testid="preset"
                    prop:value=move || ex.preset.get()
                    on:change=move |ev| ex.load_preset(&event_target_value(&ev))
                >
                    {presets::PRESETS
                        .iter()
                        .map(|p| {
                            let id = p.id;
                            view! { <option value=id>{move || lang.get().t(&format!("preset.{id}"))}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{tr("settings.extreme_line")}</span>
                <select
                    data-testid="extreme-line"
                    prop:value=line_key
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let line = match v.as_str() {
                            "usd190" => ExtremeLine::Usd190,
                            "usd215_local" => ExtremeLine::Usd215Local,
                            "usd300" => ExtremeLine::Usd300,
                            "rupiah" => ExtremeLine::Rupiah { rp: (0.67 * gk()).round() },
                            _ => ExtremeLine::Usd215,
                        };
                        ex.extreme_line.set(line);
                    }
                >
                    <option value="usd215">{tr("line.usd215")}</option>
                    <option value="usd215_local">{tr("line.usd215_local")}</option>
                    <option value="usd190">{tr("line.usd190")}</option>
                    <option value="usd300">{tr("line.usd300")}</option>
                    <option value="rupiah">{tr("line.rupiah")}</option>
                </select>
            </label>
            <Show when=move || matches!(ex.extreme_line.get(), ExtremeLine::Rupiah { .. })>
                <label class="field narrow">
                    <span>{tr("settings.line_rp")}</span>
                    <input
                        type="text"
                        inputmode="decimal"
                        data-testid="extreme-line-rp"
                        prop:value=move || match ex.extreme_line.get() {
                            ExtremeLine::Rupiah { rp } => format::number(rp, 0, lang.get()),
                            _ => String::new(),
                        }
                        on:change=move |ev| {
                            let l = lang.get();
                            let (lo, hi) = (0.1 * gk(), gk());
                            match format::parse_number(&event_target_value(&ev), l).filter(|v| *v >= lo && *v <= hi) {
                                Some(rp) => {
                                    rupiah_error.set(None);
                                    ex.extreme_line.set(ExtremeLine::Rupiah { rp });
                                }
                                None => rupiah_error.set(Some(
                                    l.t("settings.line_rp_error")
                                        .replace("%{min}", &format::rupiah(lo, l))
                                        .replace("%{max}", &format::rupiah(hi, l)),
                                )),
                            }
                        }
                    />
                </label>
            </Show>
            <label class="field">
                <span>{tr("settings.growth_basis")}</span>
                <select
                    data-testid="growth-basis"
                    prop:value=move || match ex.growth_basis.get() {
                        GrowthBasis::Evidence => "evidence",
                        GrowthBasis::DistrictTrend => "district_trend",
                    }
                    on:change=move |ev| {
                        let basis = match event_target_value(&ev).as_str() {
                            "district_trend" => GrowthBasis::DistrictTrend,
                            _ => GrowthBasis::Evidence,
                        };
                        // The trend needs two observed years: without them the choice is not offered.
                        ex.growth_basis.set(basis);
                    }
                >
                    <option value="evidence">{tr("growth.evidence")}</option>
                    <option value="district_trend" disabled=move || !ex.base.with(|b| b.district.observed.iter().filter(|o| o.year <= b.district.base_year && o.p0_pct.is_some()).count() >= 2)>
                        {tr("growth.district_trend")}
                    </option>
                </select>
            </label>
            <label class="field narrow">
                <span>{tr("settings.horizon")}</span>
                <select
                    data-testid="horizon"
                    prop:value=move || ex.horizon.get().to_string()
                    on:change=move |ev| {
                        if let Ok(h) = event_target_value(&ev).parse::<i32>() {
                            let h = h.clamp(base_year() + 1, base_year() + MAX_YEARS);
                            ex.horizon.set(h);
                            ex.chart_year.update(|y| *y = (*y).min(h));
                        }
                    }
                >
                    {move || {
                        let b = base_year();
                        (b + 2..=b + MAX_YEARS).map(|y| view! { <option value=y.to_string()>{y}</option> }).collect_view()
                    }}
                </select>
            </label>
            <label class="field narrow">
                <span>{tr("settings.target_p0")}</span>
                <input
                    type="text"
                    inputmode="decimal"
                    data-testid="target-p0"
                    prop:value=move || p0_target().map(|t| format::number(t.value_pct, 2, lang.get())).unwrap_or_default()
                    on:change=move |ev| {
                        let l = lang.get();
                        match format::parse_number(&event_target_value(&ev), l).filter(|v| (0.0..=100.0).contains(v)) {
                            Some(v) => {
                                target_error.set(None);
                                ex.targets.update(|ts| {
                                    if let Some(t) = ts.iter_mut().find(|t| t.indicator == Indicator::P0) {
                                        t.value_pct = v;
                                    } else {
                                        ts.push(entas_model::scenario::Target {
                                            indicator: Indicator::P0,
                                            value_pct: v,
                                            year: base_year() + 1,
                                            label: "RPJMD".into(),
                                            tolerance_pct: 0.0,
                                        });
                                    }
                                });
                            }
                            None => target_error.set(Some(l.t("settings.target_error"))),
                        }
                    }
                />
            </label>
            <label class="field narrow">
                <span>{tr("settings.target_year")}</span>
                <select
                    data-testid="target-year"
                    prop:value=move || p0_target().map(|t| t.year.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        if let Ok(y) = event_target_value(&ev).parse::<i32>() {
                            // Only the RPJMD headcount target: the Inpres zero-extreme target keeps its own year.
                            let y = y.clamp(base_year(), base_year() + MAX_YEARS);
                            ex.targets.update(|ts| {
                                if let Some(t) = ts.iter_mut().find(|t| t.indicator == Indicator::P0) {
                                    t.year = y;
                                }
                            });
                        }
                    }
                >
                    {move || {
                        let b = base_year();
                        (b + 1..=b + MAX_YEARS).map(|y| view! { <option value=y.to_string()>{y}</option> }).collect_view()
                    }}
                </select>
            </label>
            <Show when=move || ex.targets.with(|ts| ts.iter().any(|t| t.indicator == Indicator::Extreme))>
                <label class="field narrow" title=move || lang.get().t("settings.tolerance_source")>
                    <span>{tr("settings.tolerance")}</span>
                    <input
                        type="text"
                        inputmode="decimal"
                        data-testid="target-tolerance"
                        prop:value=move || {
                            ex.targets.with(|ts| ts.iter().find(|t| t.indicator == Indicator::Extreme).map(|t| format::number(t.tolerance_pct, 2, lang.get())).unwrap_or_default())
                        }
                        on:change=move |ev| {
                            let l = lang.get();
                            match format::parse_number(&event_target_value(&ev), l).filter(|v| (0.0..=5.0).contains(v)) {
                                Some(v) => {
                                    tolerance_error.set(None);
                                    ex.targets.update(|ts| {
                                        ts.iter_mut().filter(|t| t.indicator == Indicator::Extreme).for_each(|t| t.tolerance_pct = v)
                                    });
                                }
                                None => tolerance_error.set(Some(l.t("settings.tolerance_error"))),
                            }
                        }
                    />
                </label>
            </Show>
            <p class="field-error" role="alert" hidden=move || rupiah_error.with(Option::is_none) && target_error.with(Option::is_none) && tolerance_error.with(Option::is_none)>
                {move || rupiah_error.get().or_else(|| target_error.get()).or_else(|| tolerance_error.get()).unwrap_or_default()}
            </p>
        </div>
    }
}

fn last(rows: &[YearResult]) -> &YearResult {
    rows.last().unwrap_or(&rows[0])
}

/// A rate KPI for the horizon year: title, the scenario's rate, and the baseline with the change in pp and
/// people. `pick` gives (rate %, people) of a year.
fn rate_kpi(r: &Run, l: Lang, title: String, pick: fn(&YearResult) -> (f64, f64), fewer_key: &str) -> [String; 3] {
    let (s, b) = (pick(last(&r.outcome.scenario)), pick(last(&r.outcome.baseline)));
    [
        title,
        format::percent(s.0, 2, l),
        format!(
            "{} {} · {} · {} {}",
            l.t("kpi.baseline"),
            format::percent(b.0, 2, l),
            format::pp_change(s.0 - b.0, 2, l),
            format::number(b.1 - s.1, 0, l),
            l.t(fewer_key)
        ),
    ]
}

/// The KPI strip for the horizon year.
#[component]
pub fn KpiStrip() -> impl IntoView {
    let ex = use_explorer();
    let lang = use_lang();
    let kpi = move |f: fn(&Run, Lang) -> [String; 3]| move || ex.run.with(|r| f(r, lang.get()));
    let p0 = kpi(|r, l| {
        let title = format!(
            "{} {} (GK {})",
            l.t("kpi.p0"),
            last(&r.outcome.scenario).year,
            format::rupiah(r.outcome.poverty_line, l)
        );
        rate_kpi(r, l, title, |y| (y.p0_pct, y.poor_people), "kpi.fewer_poor")
    });
    let extreme = kpi(|r, l| {
        let title = format!(
            "{} {} ({})",
            l.t("kpi.extreme"),
            last(&r.outcome.scenario).year,
            line_label(&r.scenario.extreme_line, l)
        );
        rate_kpi(r, l, title, |y| (y.extreme_pct, y.extreme_people), "kpi.fewer_people")
    });
    let cost = move || {
        let l = lang.get();
        let bands = ex.analysis.with(|a| a.as_ref().and_then(|a| a.bands.clone()));
        ex.run.with(|r| {
            let o = &r.outcome;
            let band = bands
                .as_ref()
                .and_then(|b| Some((b.cost_per_person_year_p10?, b.cost_per_person_year_p90?)))
                .map(|(lo, hi)| {
                    format!(
                        " ({}: {} – {})",
                        l.t("chart.band"),
                        format::rupiah_large(lo, l),
                        format::rupiah_large(hi, l)
                    )
                })
                .unwrap_or_default();
            [
                format!("{} {}–{}", l.t("kpi.cost"), o.base_year + 1, last(&o.scenario).year),
                format::rupiah_large(o.scenario_spend_rp(), l),
                match o.cost_per_person_year_lifted {
                    Some(c) => format!("{} {}{band}", format::rupiah_large(c, l), l.t("kpi.per_person_year")),
                    None => l.t("kpi.nobody_lifted"),
                },
            ]
        })
    };
    let card = move |testid: &'static str, main: bool, f: Box<dyn Fn() -> [String; 3] + Send + Sync>| {
        let f = std::sync::Arc::new(f);
        let (f1, f2, f3) = (f.clone(), f.clone(), f);
        view! {
            <div class="kpi" class:kpi-main=main data-testid=testid>
                <span class="kpi-label">{move || f1()[0].clone()}</span>
                <span class="kpi-value" data-testid="kpi-value">{move || f2()[1].clone()}</span>
                <span class="kpi-sub">{move || f3()[2].clone()}</span>
            </div>
        }
    };
    view! {
        <div class="kpis" data-testid="kpis">
            {card("kpi-p0", true, Box::new(p0))}
            {card("kpi-extreme", false, Box::new(extreme))}
            <TargetKpis/>
            {card("kpi-cost", false, Box::new(cost))}
        </div>
    }
}

/// One card per target: the year it is met (scenario and baseline) and the Monte Carlo probability.
#[component]
fn TargetKpis() -> impl IntoView {
    let ex = use_explorer();
    let lang = use_lang();
    move || {
        let l = lang.get();
        let run = ex.run.get();
        let analysis = ex.analysis.get();
        run.scenario
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let (met, met_base) = run.target_years(t);
                let what = match t.indicator {
                    Indicator::P0 => l.t("kpi.target_p0"),
                    Indicator::Extreme => l.t("kpi.target_extreme"),
                };
                let mut label = format!("{what} ≤ {} {} {}", format::percent(t.value_pct, 2, l), l.t("kpi.by"), t.year);
                if t.tolerance_pct > 0.0 {
                    label = format!(
                        "{label} · {}",
                        l.t("kpi.tolerance")
                            .replace("%{value}", &format::percent(t.value_pct + t.tolerance_pct, 2, l))
                            .replace("%{tol}", &format::number(t.tolerance_pct, 2, l))
                    );
                }
                let value = match met {
                    Some(y) => format!("{} {y}", l.t("kpi.met_in")),
                    None => format!("{} {}", l.t("kpi.not_met_by"), last(&run.outcome.scenario).year),
                };
                let base = match met_base {
                    Some(y) => format!("{} {y}", l.t("kpi.baseline_met")),
                    None => l.t("kpi.baseline_not_met"),
                };
                let prob = match analysis.as_ref().and_then(|a| a.bands.as_ref()) {
                    Some(b) => format!(
                        "{} {} ({} {})",
                        l.t("kpi.probability"),
                        format::percent(100.0 * b.target_probability.get(i).copied().unwrap_or(0.0), 0, l),
                        b.draws,
                        l.t("kpi.draws")
                    ),
                    None => l.t("kpi.probability_pending"),
                };
                let on_time = met.is_some_and(|y| y <= t.year);
                view! {
                    <div class="kpi kpi-target" class:met=on_time data-testid=format!("kpi-target-{i}")>
                        <span class="kpi-label">{label}</span>
                        <span class="kpi-value" data-testid="kpi-value">{value}</span>
                        <span class="kpi-sub">{base}" · "<span data-testid="kpi-probability">{prob}</span></span>
                    </div>
                }
            })
            .collect_view()
    }
}

/// The analysis progress line (worker).
#[component]
pub fn AnalysisStatus() -> impl IntoView {
    let ex = use_explorer();
    let lang = use_lang();
    move || {
        let l = lang.get();
        let (done, total, error) = ex.progress.get();
        if let Some(e) = error {
            return view! { <p class="status error" data-testid="analysis-status">{e}</p> }.into_any();
        }
        if total == 0 {
            return view! { <p class="status" data-testid="analysis-status">{l.t("analysis.waiting")}</p> }.into_any();
        }
        let finished = done >= total;
        let text = if finished {
            l.t("analysis.done").replace("%{draws}", &total.saturating_sub(1).to_string())
        } else {
            l.t("analysis.progress").replace("%{done}", &done.to_string()).replace("%{total}", &total.to_string())
        };
        view! {
            <p class="status" data-testid="analysis-status" data-done=finished.to_string()>
                <progress max=total.to_string() value=done.to_string()></progress>
                " "{text}
            </p>
        }
        .into_any()
    }
}

fn years_points(rows: &[YearResult], f: fn(&YearResult) -> f64) -> Vec<(i32, f64)> {
    rows.iter().map(|r| (r.year, f(r))).collect()
}

/// The trajectory chart (P0 and extreme rate, baseline and scenario, band, BPS history, targets).
pub fn trajectory_spec(run: &Run, bands: Option<&entas_model::analysis::Bands>, l: Lang) -> ChartSpec {
    let o = &run.outcome;
    let observed = &run.scenario.district.observed;
    let panel = |indicator: Indicator| {
        let (f, title, color): (fn(&YearResult) -> f64, String, _) = match indicator {
            Indicator::P0 => (
                |r| r.p0_pct,
                format!("{} (GK {})", l.t("chart.p0"), format::rupiah(o.poverty_line, l)),
                palette::SCENARIO,
            ),
            Indicator::Extreme => (
                |r| r.extreme_pct,
                format!("{} ({})", l.t("chart.extreme"), line_label(&run.scenario.extreme_line, l)),
                palette::EXTREME,
            ),
        };
        let obs: Vec<(i32, f64)> = observed
            .iter()
            .filter_map(|ob| match indicator {
                Indicator::P0 => ob.p0_pct.map(|v| (ob.year, v)),
                // Observed extreme rates are only comparable on the line they were published on.
                Indicator::Extreme => {
                    ob.extreme_pct.filter(|_| line_matches(ob, &run.scenario.extreme_line)).map(|v| (ob.year, v))
                }
            })
            .collect();
        // Up to six years of observed history before the base year, for context.
        let first = obs.iter().map(|p| p.0).filter(|y| *y >= o.base_year - 6).min().unwrap_or(o.base_year);
        let years = (first.min(o.base_year), last(&o.scenario).year);
        let band = bands.filter(|b| b.years.len() == o.scenario.len()).map(|b| {
            let (lo, hi) = match indicator {
                Indicator::P0 => (&b.p0_p10, &b.p0_p90),
                Indicator::Extreme => (&b.extreme_p10, &b.extreme_p90),
            };
            Band {
                label: l.t("chart.band"),
                color,
                lower: b.years.iter().copied().zip(lo.iter().copied()).collect(),
                upper: b.years.iter().copied().zip(hi.iter().copied()).collect(),
            }
        });
        let hlines: Vec<HLine> = run
            .scenario
            .targets
            .iter()
            .filter(|t| t.indicator == indicator)
            .map(|t| HLine {
                label: format!("{} {} {}", l.t("chart.target"), format::percent(t.value_pct, 2, l), t.year),
                value: t.value_pct,
                color: palette::TARGET,
            })
            .collect();
        let top = o
            .baseline
            .iter()
            .chain(&o.scenario)
            .chain(&o.counterfactual)
            .map(f)
            .chain(obs.iter().map(|p| p.1))
            .chain(band.iter().flat_map(|b| b.upper.iter().map(|p| p.1)))
            .fold(0.0_f64, f64::max);
        TimePanel {
            title,
            y_label: l.t("chart.pct_people"),
            years,
            y_max: nice_ceiling(top * 1.2).max(0.5),
            series: {
                let mut series = vec![
                    Series {
                        label: l.t("chart.baseline"),
                        color: palette::BASELINE,
                        points: years_points(&o.baseline, f),
                        dashed: true,
                    },
                    Series { label: l.t("chart.scenario"), color, points: years_points(&o.scenario, f), dashed: false },
                ];
                // Shown only when the district has programmes of its own to back out.
                if o.counterfactual != o.baseline {
                    series.insert(
                        0,
                        Series {
                            label: l.t("chart.counterfactual"),
                            color: palette::COUNTERFACTUAL,
                            points: years_points(&o.counterfactual, f),
                            dashed: true,
                        },
                    );
                }
                series
            },
            bands: band.into_iter().collect(),
            observed: obs,
            observed_label: l.t("chart.observed"),
            hlines,
            y_decimals: if top < 3.0 { 1 } else { 0 },
        }
    };
    ChartSpec::Time(vec![panel(Indicator::P0), panel(Indicator::Extreme)])
}

/// The five charts.
#[component]
pub fn Charts() -> impl IntoView {
    let ex = use_explorer();
    let lang = use_lang();

    // 1. Trajectories.
    let trajectory = Signal::derive(move || {
        let bands = ex.analysis.with(|a| a.as_ref().and_then(|a| a.bands.clone()));
        trajectory_spec(&ex.run.get(), bands.as_ref(), lang.get())
    });
    let trajectory_table = Signal::derive(move || {
        let l = lang.get();
        let bands = ex.analysis.with(|a| a.as_ref().and_then(|a| a.bands.clone()));
        ex.run.with(|run| {
            let o = &run.outcome;
            DataTable {
                headers: [
                    "table.year",
                    "table.p0_baseline",
                    "table.p0_scenario",
                    "table.extreme_baseline",
                    "table.extreme_scenario",
                    "table.lifted",
                    "table.observed_p0",
                    "table.cost_per_person_lifted",
                ]
                .iter()
                .map(|k| l.t(k))
                .collect(),
                rows: o
                    .baseline
                    .iter()
                    .zip(&o.scenario)
                    .zip(&o.lifted)
                    .zip(&o.cost_per_person_lifted_by_year)
                    .enumerate()
                    .map(|(i, (((b, s), lifted), cost))| {
                        let band = bands.as_ref().and_then(|bd| {
                            Some((
                                bd.cost_per_person_lifted_p10.get(i).copied()??,
                                bd.cost_per_person_lifted_p90.get(i).copied()??,
                            ))
                        });
                        let obs =
                            run.scenario.district.observed.iter().find(|x| x.year == b.year).and_then(|x| x.p0_pct);
                        vec![
                            b.year.to_string(),
                            format::number(b.p0_pct, 2, l),
                            format::number(s.p0_pct, 2, l),
                            format::number(b.extreme_pct, 2, l),
                            format::number(s.extreme_pct, 2, l),
                            format::number(*lifted, 0, l),
                            obs.map(|v| format::number(v, 2, l)).unwrap_or_else(|| "–".into()),
                            match (cost, band) {
                                (Some(v), Some((lo, hi))) => format!(
                                    "{} ({}–{})",
                                    format::rupiah_large(*v, l),
                                    format::rupiah_large(lo, l),
                                    format::rupiah_large(hi, l)
                                ),
                                (Some(v), None) => format::rupiah_large(*v, l),
                                _ => "–".into(),
                            },
                        ]
                    })
                    .collect(),
            }
        })
    });
    let trajectory_title = Signal::derive(move || {
        let l = lang.get();
        ex.run.with(|r| {
            format!("{}, {}–{}", l.t("chart.trajectory.title"), r.outcome.base_year, last(&r.outcome.scenario).year)
        })
    });

    // 2. Wedge.
    let wedge = Signal::derive(move || {
        let l = lang.get();
        ex.analysis.with(|a| match a.as_ref().and_then(|a| a.wedge.as_ref()) {
            Some(w) if !w.by_programme.is_empty() => ChartSpec::Stacked(Stacked {
                y_label: l.t("chart.people_lifted"),
                years: w.years.clone(),
                layers: w
                    .by_programme
                    .iter()
                    .map(|(p, v)| (programme_name(*p, l), palette::PROGRAMMES[*p as usize], v.clone()))
                    .chain(
                        w.registry
                            .iter()
                            .any(|v| v.abs() > 0.5)
                            .then(|| (l.t("chart.registry_effect"), palette::REGISTRY, w.registry.clone())),
                    )
                    .collect(),
                y_max: nice_ceiling(w.total.iter().fold(0.0_f64, |m, v| m.max(*v)) * 1.25),
            }),
            Some(_) => ChartSpec::Message(l.t("chart.no_programme")),
            None => ChartSpec::Message(l.t("chart.computing")),
        })
    });
    let wedge_table = Signal::derive(move || {
        let l = lang.get();
        ex.analysis.with(|a| match a.as_ref().and_then(|a| a.wedge.as_ref()) {
            Some(w) => DataTable {
                headers: std::iter::once(l.t("table.year"))
                    .chain(w.by_programme.iter().map(|(p, _)| programme_name(*p, l)))
                    .chain(std::iter::once(l.t("chart.registry_effect")))
                    .chain(std::iter::once(l.t("table.total")))
                    .collect(),
                rows: w
                    .years
                    .iter()
                    .enumerate()
                    .map(|(i, y)| {
                        std::iter::once(y.to_string())
                            .chain(w.by_programme.iter().map(|(_, v)| format::number(v[i], 0, l)))
                            .chain(std::iter::once(format::number(w.registry.get(i).copied().unwrap_or(0.0), 0, l)))
                            .chain(std::iter::once(format::number(w.total[i], 0, l)))
                            .collect()
                    })
                    .collect(),
            },
            None => DataTable::default(),
        })
    });

    // 3. Distribution in the chosen year.
    let distribution = Signal::derive(move || {
        let l = lang.get();
        let year = ex.chart_year.get();
        ex.run.with(|r| {
            let o = &r.outcome;
            let d = o.distribution.iter().find(|d| d.year == year).or(o.distribution.last());
            match d {
                Some(d) => ChartSpec::Distribution(DistributionChart {
                    x_label: l.t("chart.consumption_gk"),
                    y_label: l.t("chart.people"),
                    step: DISTRIBUTION_STEP,
                    // The last bin is open-ended (≥ 2.95 GK): it stays in the table, not on the axis.
                    baseline: (
                        format!("{} {}", l.t("chart.baseline"), d.year),
                        d.baseline[..d.baseline.len() - 1].to_vec(),
                    ),
                    scenario: (
                        format!("{} {}", l.t("chart.scenario"), d.year),
                        d.scenario[..d.scenario.len() - 1].to_vec(),
                    ),
                    lines: vec![
                        (line_label(&r.scenario.extreme_line, l), o.extreme_line / o.poverty_line, palette::EXTREME),
                        (format!("GK {}", format::rupiah(o.poverty_line, l)), 1.0, palette::OBSERVED),
                        (l.t("chart.vulnerable_line"), 1.5, palette::TARGET),
                    ],
                }),
                None => ChartSpec::Message(String::new()),
            }
        })
    });
    let distribution_table = Signal::derive(move || {
        let l = lang.get();
        let year = ex.chart_year.get();
        ex.run.with(|r| {
            let d = r.outcome.distribution.iter().find(|d| d.year == year).or(r.outcome.distribution.last());
            DataTable {
                headers: vec![l.t("table.band_gk"), l.t("table.people_baseline"), l.t("table.people_scenario")],
                rows: d
                    .map(|d| {
                        d.baseline
                            .iter()
                            .zip(&d.scenario)
                            .enumerate()
                            .map(|(i, (b, s))| {
                                let lo = i as f64 * DISTRIBUTION_STEP;
                                let band = if i + 1 == d.baseline.len() {
                                    format!("≥ {}", format::number(lo, 2, l))
                                } else {
                                    format!(
                                        "{}–{}",
                                        format::number(lo, 2, l),
                                        format::number(lo + DISTRIBUTION_STEP, 2, l)
                                    )
                                };
                                vec![band, format::number(*b, 0, l), format::number(*s, 0, l)]
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
    });

    // 4. Cost per person-year lifted.
    let cost = Signal::derive(move || {
        let l = lang.get();
        ex.analysis.with(|a| match a.as_ref().and_then(|a| a.costs.as_ref()) {
            Some(c) if !c.is_empty() => {
                let items: Vec<_> =
                    c.iter().filter(|c| c.programme.is_monetary() && c.cost_per_person_year_rp.is_some()).collect();
                if items.is_empty() {
                    ChartSpec::Message(l.t("chart.nobody_lifted"))
                } else {
                    ChartSpec::Bars(vec![Bars {
                        y_max: None,
                        y_label: l.t("chart.cost_per_person_year"),
                        categories: items.iter().map(|c| programme_name(c.programme, l)).collect(),
                        groups: vec![(
                            l.t("chart.cost_per_person_year"),
                            palette::SCENARIO,
                            items.iter().map(|c| c.cost_per_person_year_rp.unwrap_or(0.0) / 1e6).collect(),
                        )],
                        y_decimals: 1,
                    }])
                }
            }
            Some(_) => ChartSpec::Message(l.t("chart.no_programme")),
            None => ChartSpec::Message(l.t("chart.computing")),
        })
    });
    let cost_table = Signal::derive(move || {
        let l = lang.get();
        ex.analysis.with(|a| DataTable {
            headers: vec![
                l.t("table.programme"),
                l.t("table.spend"),
                l.t("table.person_years"),
                l.t("table.cost_per_person_year"),
                l.t("table.cost_per_unit"),
            ],
            rows: a
                .as_ref()
                .and_then(|a| a.costs.as_ref())
                .map(|c| {
                    // Housing and water act on their own indicators: costed per house or connection.
                    let services = ex.run.with(|r| r.outcome.service_costs());
                    c.iter()
                        .map(|c| {
                            let per_unit = services
                                .iter()
                                .find(|s| s.programme == c.programme)
                                .and_then(|s| s.cost_per_unit_rp)
                                .map(|v| format::rupiah_large(v, l));
                            vec![
                                programme_name(c.programme, l),
                                format::rupiah_large(c.spend_rp, l),
                                format::number(c.person_years_lifted, 0, l),
                                c.cost_per_person_year_rp
                                    .filter(|_| c.programme.is_monetary())
                                    .map(|v| format::rupiah_large(v, l))
                                    .unwrap_or_else(|| "–".into()),
                                per_unit.unwrap_or_else(|| "–".into()),
                            ]
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
    });

    // 5. Targeting in the chosen year.
    let targeting_rows = move || {
        let year = ex.chart_year.get();
        ex.run.with(|r| {
            let y = if year <= r.outcome.base_year { r.outcome.base_year + 1 } else { year };
            r.outcome
                .programmes
                .iter()
                .filter(|p| p.year == y && p.beneficiaries > 0.5 && p.programme != Programme::DataUpdating)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let targeting = Signal::derive(move || {
        let l = lang.get();
        let rows = targeting_rows();
        if rows.is_empty() {
            return ChartSpec::Message(l.t("chart.no_programme"));
        }
        let cats: Vec<String> = rows.iter().map(|p| l.t(&format!("programme.short.{}", p.programme.id()))).collect();
        ChartSpec::BarsVertical(vec![
            Bars {
                y_max: None,
                y_label: l.t("chart.households"),
                categories: cats.clone(),
                groups: vec![(
                    l.t("chart.beneficiaries"),
                    palette::SCENARIO,
                    rows.iter().map(|p| p.beneficiaries).collect(),
                )],
                y_decimals: 0,
            },
            Bars {
                y_max: Some(170.0),
                y_label: "%".into(),
                categories: cats,
                groups: vec![
                    (
                        l.t("chart.inclusion_short"),
                        palette::EXTREME,
                        rows.iter().map(|p| p.inclusion_error_desil_pct).collect(),
                    ),
                    (
                        l.t("chart.exclusion_short"),
                        palette::BASELINE,
                        rows.iter().map(|p| p.exclusion_error_desil_pct).collect(),
                    ),
                ],
                y_decimals: 0,
            },
        ])
    });
    let targeting_table = Signal::derive(move || {
        let l = lang.get();
        DataTable {
            headers: [
                "table.programme",
                "table.households",
                "table.people",
                "table.spend",
                "chart.inclusion",
                "chart.exclusion",
                "chart.exclusion_floor",
                "chart.inclusion_gk",
                "chart.exclusion_gk",
            ]
            .iter()
            .map(|k| l.t(k))
            .collect(),
            rows: targeting_rows()
                .iter()
                .map(|p| {
                    vec![
                        programme_name(p.programme, l),
                        format::number(p.beneficiaries, 0, l),
                        format::number(p.people, 0, l),
                        format::rupiah_large(p.spend_rp, l),
                        format::percent(p.inclusion_error_desil_pct, 1, l),
                        format::percent(p.exclusion_error_desil_pct, 1, l),
                        format::percent(p.exclusion_floor_desil_pct, 1, l),
                        format::percent(p.inclusion_error_gk_pct, 1, l),
                        format::percent(p.exclusion_error_gk_pct, 1, l),
                    ]
                })
                .collect(),
        }
    });
    let convergence = Signal::derive(move || {
        let (l, year) = (lang.get(), ex.chart_year.get());
        ex.run.with(|r| crate::views::reach::convergence_spec(&r.outcome, year, l))
    });
    let convergence_table = Signal::derive(move || {
        let (l, year) = (lang.get(), ex.chart_year.get());
        ex.run.with(|r| crate::views::reach::convergence_table(&r.outcome, year, l))
    });
    let year_title = move |key: &'static str| {
        Signal::derive(move || {
            format!("{}, {}", lang.get().t(key), ex.chart_year.get().max(ex.base.with(|b| b.district.base_year + 1)))
        })
    };
    let year_picker = move || {
        view! {
            <label class="inline-field">
                <span>{tr("chart.year")}</span>
                <select
                    data-testid="chart-year"
                    prop:value=move || ex.chart_year.get().to_string()
                    on:change=move |ev| {
                        if let Ok(y) = event_target_value(&ev).parse::<i32>() {
                            ex.chart_year.set(y);
                        }
                    }
                >
                    {move || {
                        let b = ex.base.with(|b| b.district.base_year);
                        (b + 1..=ex.horizon.get()).map(|y| view! { <option value=y.to_string()>{y}</option> }).collect_view()
                    }}
                </select>
            </label>
        }
    };
    let projector = ex.projector;
    view! {
        <ChartCard testid="chart-trajectory" title=trajectory_title spec=trajectory table=trajectory_table tall=true>
            <AnalysisStatus/>
        </ChartCard>
        <div class="chart-grid" class:hidden-projector=move || projector.get()>
            <ChartCard testid="chart-wedge" title=Signal::derive(move || lang.get().t("chart.wedge.title")) spec=wedge table=wedge_table/>
            <ChartCard testid="chart-distribution" title=year_title("chart.distribution.title") spec=distribution table=distribution_table>
                {year_picker()}
            </ChartCard>
            <ChartCard testid="chart-cost" title=Signal::derive(move || lang.get().t("chart.cost.title")) spec=cost table=cost_table/>
            <ChartCard testid="chart-targeting" title=year_title("chart.targeting.title") spec=targeting table=targeting_table tall=true>
                {year_picker()}
            </ChartCard>
            <ChartCard testid="chart-convergence" title=year_title("chart.convergence.title") spec=convergence table=convergence_table>
                {year_picker()}
            </ChartCard>
        </div>
    }
}

/// Whether an observed extreme rate was published on `line`.
fn line_matches(ob: &entas_model::scenario::Observation, line: &ExtremeLine) -> bool {
    match line {
        ExtremeLine::Usd215 | ExtremeLine::Usd215Local => ob.note.contains("2.15"),
        ExtremeLine::Usd190 => ob.note.contains("1.90"),
        _ => false,
    }
}

/// A templated plain-language summary of what changed and why.
#[component]
pub fn Summary() -> impl IntoView {
    let ex = use_explorer();
    let lang = use_lang();
    let text = move || {
        let l = lang.get();
        let run = ex.run.get();
        let o = &run.outcome;
        let (s, b) = (last(&o.scenario), last(&o.baseline));
        let fill = |key: &str, pairs: &[(&str, String)]| {
            pairs.iter().fold(l.t(key), |acc, (k, v)| acc.replace(&format!("%{{{k}}}"), v))
        };
        let mut parts = vec![fill(
            "summary.main",
            &[
                ("district", run.scenario.district.name.clone()),
                ("year", s.year.to_string()),
                ("p0", format::percent(s.p0_pct, 2, l)),
                ("gk", format::rupiah(o.poverty_line, l)),
                ("p0_base", format::percent(b.p0_pct, 2, l)),
                ("p0_none", format::percent(last(&o.counterfactual).p0_pct, 2, l)),
                ("people", format::number((b.poor_people - s.poor_people).abs(), 0, l)),
                ("direction", l.t(if s.poor_people <= b.poor_people { "summary.fewer" } else { "summary.more" })),
            ],
        )];
        parts.push(fill(
            "summary.extreme",
            &[
                ("line", line_label(&run.scenario.extreme_line, l)),
                ("ext", format::percent(s.extreme_pct, 2, l)),
                ("ext_base", format::percent(b.extreme_pct, 2, l)),
            ],
        ));
        if let Some(w) = ex.analysis.with(|a| a.as_ref().and_then(|a| a.wedge.clone())) {
            let last_i = w.years.len().saturating_sub(1);
            if let Some((p, v)) = w.by_programme.iter().max_by(|a, b| a.1[last_i].total_cmp(&b.1[last_i])) {
                if v[last_i] > 0.5 {
                    parts.push(fill(
                        "summary.top",
                        &[
                            ("programme", programme_name(*p, l)),
                            ("people", format::number(v[last_i], 0, l)),
                            ("year", s.year.to_string()),
                        ],
                    ));
                }
            }
        }
        let total: f64 = o.scenario.iter().map(|y| y.spend_rp).sum();
        if let Some(c) = o.cost_per_person_year_lifted {
            parts.push(fill(
                "summary.cost",
                &[("total", format::rupiah_large(total, l)), ("per", format::rupiah_large(c, l))],
            ));
        }
        for t in &run.scenario.targets {
            let (met, _) = run.target_years(t);
            let what = match t.indicator {
                Indicator::P0 => l.t("kpi.target_p0"),
                Indicator::Extreme => l.t("kpi.target_extreme"),
            };
            parts.push(match met {
                Some(y) if y <= t.year => fill(
                    "summary.target_met",
                    &[
                        ("target", what),
                        ("value", format::percent(t.value_pct, 2, l)),
                        ("year", y.to_string()),
                        ("deadline", t.year.to_string()),
                    ],
                ),
                Some(y) => fill(
                    "summary.target_late",
                    &[
                        ("target", what),
                        ("value", format::percent(t.value_pct, 2, l)),
                        ("year", y.to_string()),
                        ("deadline", t.year.to_string()),
                    ],
                ),
                None => fill(
                    "summary.target_missed",
                    &[("target", what), ("value", format::percent(t.value_pct, 2, l)), ("horizon", s.year.to_string())],
                ),
            });
        }
        parts.push(l.t("summary.assumptions"));
        parts.join(" ")
    };
    view! {
        <section class="panel summary" aria-labelledby="summary-title">
            <h2 id="summary-title">{tr("summary.title")}</h2>
            <p data-testid="summary">{text}</p>
        </section>
    }
}
