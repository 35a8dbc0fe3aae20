//! Trajectories: P0 and the extreme rate year by year — status quo, scenario, without district programmes,
//! the Monte Carlo band, BPS history on the line it was published on, and the targets. One panel builder
//! serves the explorer, the brief and the compare overlay.

use entas_model::analysis::Bands;
use entas_model::scenario::Indicator;
use entas_model::{Outcome, Scenario, YearResult};

use super::{line_label, or_dash, DataTable};
use crate::chart::{nice_ceiling, palette, Band, ChartSpec, HLine, Series, TimePanel};
use crate::format;
use crate::i18n::Lang;
use crate::state::Run;

fn pick(i: Indicator) -> fn(&YearResult) -> f64 {
    match i {
        Indicator::P0 => |r| r.p0_pct,
        Indicator::Extreme => |r| r.extreme_pct,
        Indicator::P1 => |r| r.p1,
    }
}

fn points(rows: &[YearResult], f: fn(&YearResult) -> f64) -> Vec<(i32, f64)> {
    rows.iter().map(|r| (r.year, f(r))).collect()
}

/// Panel title: the measure and its line.
fn panel_title(i: Indicator, o: &Outcome, s: &Scenario, l: Lang) -> String {
    match i {
        Indicator::P0 => format!("{} (GK {})", l.t("chart.p0"), super::gk(s, o.poverty_line, l)),
        Indicator::Extreme => format!("{} ({})", l.t("chart.extreme"), line_label(&s.extreme_line, l)),
        Indicator::P1 => format!("{} (GK {})", l.t("solve.indicator.p1"), super::gk(s, o.poverty_line, l)),
    }
}

/// A time panel with a y axis fitted to `series`, bands and observations.
fn panel(
    title: String,
    years: (i32, i32),
    series: Vec<Series>,
    bands: Vec<Band>,
    observed: Vec<(i32, f64)>,
    hlines: Vec<HLine>,
    l: Lang,
) -> TimePanel {
    let top = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .chain(observed.iter().map(|p| p.1))
        .chain(bands.iter().flat_map(|b| b.upper.iter().map(|p| p.1)))
        .fold(0.0_f64, f64::max);
    TimePanel {
        title,
        y_label: l.t("chart.pct_people"),
        years,
        y_max: nice_ceiling(top * 1.2).max(0.5),
        series,
        bands,
        observed,
        observed_label: l.t("chart.observed"),
        hlines,
        y_decimals: if top < 3.0 { 1 } else { 0 },
    }
}

/// The trajectory chart of one run.
pub fn spec(run: &Run, bands: Option<&Bands>, l: Lang) -> ChartSpec {
    let (o, s) = (&run.outcome, &run.scenario);
    let one = |indicator: Indicator| {
        let f = pick(indicator);
        let color = match indicator {
            Indicator::P0 | Indicator::P1 => palette::SCENARIO,
            Indicator::Extreme => palette::EXTREME,
        };
        let obs: Vec<(i32, f64)> = s
            .district
            .observed
            .iter()
            .filter_map(|ob| match indicator {
                Indicator::P0 => ob.p0_pct.map(|v| (ob.year, v)),
                // Observed extreme rates are only comparable on the line they were published on.
                Indicator::Extreme => ob.extreme_on(&s.extreme_line).map(|v| (ob.year, v)),
                Indicator::P1 => None,
            })
            .collect();
        // Up to six years of observed history before the base year, for context.
        let first = obs.iter().map(|p| p.0).filter(|y| *y >= o.base_year - 6).min().unwrap_or(o.base_year);
        let years = (first.min(o.base_year), o.final_year());
        let band = bands.filter(|b| b.years.len() == o.scenario.len() && indicator != Indicator::P1).map(|b| {
            let (lo, hi) = match indicator {
                Indicator::P0 | Indicator::P1 => (&b.p0_p10, &b.p0_p90),
                Indicator::Extreme => (&b.extreme_p10, &b.extreme_p90),
            };
            Band {
                label: l.t("chart.band"),
                color,
                lower: b.years.iter().copied().zip(lo.iter().copied()).collect(),
                upper: b.years.iter().copied().zip(hi.iter().copied()).collect(),
            }
        });
        let hlines = s
            .targets
            .iter()
            .filter(|t| t.indicator == indicator)
            .map(|t| HLine {
                label: format!("{} {} {}", l.t("chart.target"), super::target_value(t, l), t.year),
                value: t.value_pct,
                color: palette::TARGET,
                year: Some(t.year),
            })
            .collect();
        let mut series = vec![
            Series {
                label: l.t("chart.baseline"),
                color: palette::BASELINE,
                points: points(&o.baseline, f),
                dashed: true,
            },
            Series { label: l.t("chart.scenario"), color, points: points(&o.scenario, f), dashed: false },
        ];
        // Shown only when the district has programmes of its own to back out.
        if o.counterfactual != o.baseline {
            let none = points(&o.counterfactual, f);
            series.insert(
                0,
                Series {
                    label: l.t("chart.counterfactual"),
                    color: palette::COUNTERFACTUAL,
                    points: none,
                    dashed: true,
                },
            );
        }
        panel(panel_title(indicator, o, s, l), years, series, band.into_iter().collect(), obs, hlines, l)
    };
    ChartSpec::Time(vec![one(Indicator::P0), one(Indicator::Extreme)])
}

/// The trajectory's data table: rates, people lifted, BPS P0, cost per person lifted with its band.
pub fn table(run: &Run, bands: Option<&Bands>, l: Lang) -> DataTable {
    let o = &run.outcome;
    let headers = [
        "table.year",
        "table.p0_baseline",
        "table.p0_scenario",
        "table.extreme_baseline",
        "table.extreme_scenario",
        "table.lifted",
        "table.observed_p0",
        "table.cost_per_person_lifted",
    ];
    let rows = o
        .baseline
        .iter()
        .zip(&o.scenario)
        .zip(&o.lifted)
        .zip(&o.cost_per_person_lifted_by_year)
        .enumerate()
        .map(|(i, (((b, s), lifted), cost))| {
            let band = bands.and_then(|bd| {
                Some((bd.cost_per_person_lifted_p10.get(i).copied()??, bd.cost_per_person_lifted_p90.get(i).copied()??))
            });
            let obs = run.scenario.district.observed.iter().find(|x| x.year == b.year).and_then(|x| x.p0_pct);
            vec![
                b.year.to_string(),
                format::number(b.p0_pct, 2, l),
                format::number(s.p0_pct, 2, l),
                format::number(b.extreme_pct, 2, l),
                format::number(s.extreme_pct, 2, l),
                format::number(*lifted, 0, l),
                or_dash(obs.map(|v| format::number(v, 2, l))),
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
        .collect();
    DataTable { headers: headers.iter().map(|k| l.t(k)).collect(), rows }
}

/// Chart title: "Trajectories, 2024–2030".
pub fn title(run: &Run, l: Lang) -> String {
    format!("{}, {}–{}", l.t("chart.trajectory.title"), run.outcome.base_year, run.outcome.final_year())
}

/// Several scenarios overlaid (compare, and later the workshop board): the first one's status quo dashed,
/// each scenario a line. `runs` pairs a name with a run.
pub fn overlay(runs: &[(String, &Run)], l: Lang) -> ChartSpec {
    let Some((first_name, _)) = runs.first() else { return ChartSpec::Message(String::new()) };
    overlay_on(runs, first_name, l)
}

/// The overlay with the baseline named after `baseline_of` (the board's groups share the workshop's start).
pub fn overlay_on(runs: &[(String, &Run)], baseline_of: &str, l: Lang) -> ChartSpec {
    let Some((_, first)) = runs.first() else { return ChartSpec::Message(String::new()) };
    let start = runs.iter().map(|(_, r)| r.outcome.base_year).min().unwrap_or(first.outcome.base_year);
    let end = runs.iter().map(|(_, r)| r.outcome.final_year()).max().unwrap_or(start + 1);
    let one = |indicator: Indicator| {
        let f = pick(indicator);
        let mut series = vec![Series {
            label: format!("{} ({baseline_of})", l.t("chart.baseline")),
            color: palette::BASELINE,
            points: points(&first.outcome.baseline, f),
            dashed: true,
        }];
        for (i, (name, r)) in runs.iter().enumerate() {
            series.push(Series {
                label: name.clone(),
                color: palette::PROGRAMMES[i % palette::PROGRAMMES.len()],
                points: points(&r.outcome.scenario, f),
                dashed: false,
            });
        }
        let title = match indicator {
            Indicator::P0 => l.t("chart.p0"),
            Indicator::Extreme => format!("{} ({})", l.t("chart.extreme"), line_label(&first.scenario.extreme_line, l)),
            Indicator::P1 => l.t("solve.indicator.p1"),
        };
        panel(title, (start, end), series, Vec::new(), Vec::new(), Vec::new(), l)
    };
    ChartSpec::Time(vec![one(Indicator::P0), one(Indicator::Extreme)])
}

/// The overlay's table: P0 of each scenario by year.
pub fn overlay_table(runs: &[(String, &Run)], l: Lang) -> DataTable {
    let headers = std::iter::once(l.t("table.year")).chain(runs.iter().map(|(n, _)| format!("P0 {n}"))).collect();
    let rows =
        runs.first()
            .map(|(_, f)| {
                f.outcome
                    .scenario
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        std::iter::once(r.year.to_string())
                            .chain(runs.iter().map(|(_, x)| {
                                or_dash(x.outcome.scenario.get(i).map(|y| format::number(y.p0_pct, 2, l)))
                            }))
                            .collect()
                    })
                    .collect()
            })
            .unwrap_or_default();
    DataTable { headers, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::tests::muba_run;
    use entas_model::scenario::ExtremeLine;

    fn panels(spec: ChartSpec) -> Vec<TimePanel> {
        match spec {
            ChartSpec::Time(p) => p,
            other => panic!("not a time chart: {other:?}"),
        }
    }

    #[test]
    fn observed_extreme_rates_appear_only_on_their_own_line() {
        let mut r = muba_run();
        let at_215 = panels(spec(&r, None, Lang::Id));
        assert!(at_215[1].observed.contains(&(2024, 0.47)), "{:?}", at_215[1].observed);
        let mut s = (*r.scenario).clone();
        s.extreme_line = ExtremeLine::Usd190;
        r.scenario = std::sync::Arc::new(s);
        let at_190 = panels(spec(&r, None, Lang::Id));
        assert!(!at_190[1].observed.iter().any(|p| p.0 == 2024), "{:?}", at_190[1].observed);
        // The headcount history is on the GK whatever the extreme line.
        assert_eq!(at_215[0].observed, at_190[0].observed);
    }

    #[test]
    fn the_table_has_one_row_per_year_and_the_title_its_years() {
        let r = muba_run();
        let t = table(&r, None, Lang::En);
        assert_eq!(t.rows.len(), r.outcome.scenario.len());
        assert_eq!(t.rows[0][0], "2024");
        assert_eq!(t.headers.len(), t.rows[0].len());
        assert_eq!(title(&r, Lang::En), "Poverty and extreme-poverty trajectories, 2024–2030");
        let o = overlay(&[("A".into(), &r), ("B".into(), &r)], Lang::En);
        assert_eq!(panels(o)[0].series.len(), 3);
    }
}
