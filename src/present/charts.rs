//! The explorer's other charts and their tables: the Shapley wedge, the distribution around the GK, cost per
//! person-year lifted, and targeting (beneficiaries and errors) in a chosen year.

use entas_model::analysis::{ProgrammeCost, Wedge};
use entas_model::simulate::ProgrammeYear;
use entas_model::simulate::DISTRIBUTION_STEP;
use entas_model::{Outcome, Programme};

use super::{line_label, or_dash, programme_name, programme_short, DataTable};
use crate::chart::{nice_ceiling, palette, Bars, ChartSpec, DistributionChart, Stacked};
use crate::format;
use crate::i18n::Lang;
use crate::state::Run;

/// People lifted by programme (and the registry's own effect), stacked over the years.
pub fn wedge(w: Option<&Wedge>, l: Lang) -> ChartSpec {
    match w {
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
    }
}

pub fn wedge_table(w: Option<&Wedge>, l: Lang) -> DataTable {
    let Some(w) = w else { return DataTable::default() };
    DataTable {
        headers: std::iter::once(l.t("table.year"))
            .chain(w.by_programme.iter().map(|(p, _)| programme_name(*p, l)))
            .chain([l.t("chart.registry_effect"), l.t("table.total")])
            .collect(),
        rows: w
            .years
            .iter()
            .enumerate()
            .map(|(i, y)| {
                std::iter::once(y.to_string())
                    .chain(w.by_programme.iter().map(|(_, v)| format::number(v[i], 0, l)))
                    .chain([
                        format::number(w.registry.get(i).copied().unwrap_or(0.0), 0, l),
                        format::number(w.total[i], 0, l),
                    ])
                    .collect()
            })
            .collect(),
    }
}

/// People by consumption band (multiples of the GK) in `year`, status quo and scenario.
pub fn distribution(r: &Run, year: i32, l: Lang) -> ChartSpec {
    let o = &r.outcome;
    let Some(d) = o.distribution.iter().find(|d| d.year == year).or(o.distribution.last()) else {
        return ChartSpec::Message(String::new());
    };
    ChartSpec::Distribution(DistributionChart {
        x_label: l.t("chart.consumption_gk"),
        y_label: l.t("chart.people"),
        step: DISTRIBUTION_STEP,
        // The last bin is open-ended (≥ 2.95 GK): it stays in the table, not on the axis.
        baseline: (format!("{} {}", l.t("chart.baseline"), d.year), d.baseline[..d.baseline.len() - 1].to_vec()),
        scenario: (format!("{} {}", l.t("chart.scenario"), d.year), d.scenario[..d.scenario.len() - 1].to_vec()),
        lines: vec![
            (line_label(&r.scenario.extreme_line, l), o.extreme_line / o.poverty_line, palette::EXTREME),
            (format!("GK {}", super::gk(&r.scenario, o.poverty_line, l)), 1.0, palette::OBSERVED),
            (l.t("chart.vulnerable_line"), 1.5, palette::TARGET),
        ],
    })
}

pub fn distribution_table(o: &Outcome, year: i32, l: Lang) -> DataTable {
    let d = o.distribution.iter().find(|d| d.year == year).or(o.distribution.last());
    let rows = d
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
                        format!("{}–{}", format::number(lo, 2, l), format::number(lo + DISTRIBUTION_STEP, 2, l))
                    };
                    vec![band, format::number(*b, 0, l), format::number(*s, 0, l)]
                })
                .collect()
        })
        .unwrap_or_default();
    DataTable { headers: vec![l.t("table.band_gk"), l.t("table.people_baseline"), l.t("table.people_scenario")], rows }
}

/// Rp per person-year lifted, per programme acting on consumption.
pub fn cost(costs: Option<&[ProgrammeCost]>, l: Lang) -> ChartSpec {
    match costs {
        Some(c) if !c.is_empty() => {
            let items: Vec<_> =
                c.iter().filter(|c| c.programme.is_monetary() && c.cost_per_person_year_rp.is_some()).collect();
            if items.is_empty() {
                return ChartSpec::Message(l.t("chart.nobody_lifted"));
            }
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
        Some(_) => ChartSpec::Message(l.t("chart.no_programme")),
        None => ChartSpec::Message(l.t("chart.computing")),
    }
}

/// Spend, person-years, cost per person-year and, for housing and water, cost per unit delivered.
pub fn cost_table(costs: Option<&[ProgrammeCost]>, o: &Outcome, l: Lang) -> DataTable {
    let headers =
        ["table.programme", "table.spend", "table.person_years", "table.cost_per_person_year", "table.cost_per_unit"];
    // Housing and water act on their own indicators: costed per house or connection.
    let services = o.service_costs();
    let rows = costs
        .unwrap_or_default()
        .iter()
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
                or_dash(
                    c.cost_per_person_year_rp.filter(|_| c.programme.is_monetary()).map(|v| format::rupiah_large(v, l)),
                ),
                or_dash(per_unit),
            ]
        })
        .collect();
    DataTable { headers: headers.iter().map(|k| l.t(k)).collect(), rows }
}

/// The scenario's programmes reaching anyone in `year` (the first projected year at the earliest).
fn targeting_rows(o: &Outcome, year: i32) -> Vec<&ProgrammeYear> {
    let y = year.max(o.base_year + 1);
    o.programmes
        .iter()
        .filter(|p| p.year == y && p.beneficiaries > 0.5 && p.programme != Programme::DataUpdating)
        .collect()
}

/// Beneficiaries, and inclusion and exclusion errors against desil 1–4, per programme in `year`.
pub fn targeting(o: &Outcome, year: i32, l: Lang) -> ChartSpec {
    let rows = targeting_rows(o, year);
    if rows.is_empty() {
        return ChartSpec::Message(l.t("chart.no_programme"));
    }
    let cats: Vec<String> = rows.iter().map(|p| programme_short(p.programme, l)).collect();
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
            y_max: Some(100.0),
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
}

pub fn targeting_table(o: &Outcome, year: i32, l: Lang) -> DataTable {
    let headers = [
        "table.programme",
        "table.households",
        "table.people",
        "table.spend",
        "chart.inclusion",
        "chart.exclusion",
        "chart.exclusion_floor",
        "chart.inclusion_gk",
        "chart.exclusion_gk",
    ];
    let rows = targeting_rows(o, year)
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
        .collect();
    DataTable { headers: headers.iter().map(|k| l.t(k)).collect(), rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::tests::muba_run;

    #[test]
    fn targeting_shows_the_programmes_that_reach_anyone_that_year() {
        let r = muba_run();
        let t = targeting_table(&r.outcome, 2026, Lang::En);
        let names: Vec<&str> = t.rows.iter().map(|row| row[0].as_str()).collect();
        assert!(!names.is_empty());
        assert!(names.iter().all(|n| !n.is_empty()));
        // The base year has no programme rows of its own: the first projected year is shown.
        assert_eq!(targeting_table(&r.outcome, 2024, Lang::En), targeting_table(&r.outcome, 2025, Lang::En));
        match targeting(&r.outcome, 2026, Lang::En) {
            ChartSpec::BarsVertical(p) => assert_eq!(p[0].categories.len(), t.rows.len()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn charts_waiting_for_the_worker_say_so() {
        assert_eq!(wedge(None, Lang::En), ChartSpec::Message(Lang::En.t("chart.computing")));
        assert_eq!(cost(None, Lang::Id), ChartSpec::Message(Lang::Id.t("chart.computing")));
        assert_eq!(wedge_table(None, Lang::En), DataTable::default());
    }

    #[test]
    fn the_distribution_keeps_the_open_bin_in_the_table_only() {
        let r = muba_run();
        let t = distribution_table(&r.outcome, 2030, Lang::En);
        assert!(t.rows.last().unwrap()[0].starts_with('≥'));
        match distribution(&r, 2030, Lang::En) {
            ChartSpec::Distribution(d) => assert_eq!(d.baseline.1.len() + 1, t.rows.len()),
            other => panic!("{other:?}"),
        }
    }
}
