//! Who the programmes reach: desil 1–4 families by the number of district programmes they receive (the
//! convergence the districts ask about), distinct households reached, registry coverage and record age.
//! Pure presenters of the model's answers: no number is computed here.

use entas_model::{Outcome, YearResult};

use super::DataTable;
use crate::chart::{palette, Bars, ChartSpec};
use crate::format;
use crate::i18n::Lang;

fn year_rows(o: &Outcome, year: i32) -> Option<(&YearResult, &YearResult)> {
    let y = year.max(o.base_year + 1);
    Some((o.baseline.iter().find(|r| r.year == y)?, o.scenario.iter().find(|r| r.year == y)?))
}

fn count_labels(l: Lang) -> Vec<String> {
    vec![l.t("chart.convergence.none"), "1".into(), "2".into(), l.t("chart.convergence.three")]
}

/// Desil 1–4 households by programmes received, status quo beside the scenario, in `year`.
pub fn convergence_spec(o: &Outcome, year: i32, l: Lang) -> ChartSpec {
    match year_rows(o, year) {
        Some((b, s)) => ChartSpec::Bars(vec![Bars {
            y_label: l.t("chart.convergence.households"),
            y_max: None,
            categories: count_labels(l),
            groups: vec![
                (l.t("chart.baseline"), palette::BASELINE, b.desil_by_count.to_vec()),
                (l.t("chart.scenario"), palette::SCENARIO, s.desil_by_count.to_vec()),
            ],
            y_decimals: 0,
        }]),
        None => ChartSpec::Message(String::new()),
    }
}

/// The same as a table, with the reach figures under it.
pub fn convergence_table(o: &Outcome, year: i32, l: Lang) -> DataTable {
    let Some((b, s)) = year_rows(o, year) else { return DataTable::default() };
    let row = |label: String, bv: String, sv: String| vec![label, bv, sv];
    let mut rows: Vec<Vec<String>> = count_labels(l)
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            row(
                format!("{}: {c}", l.t("chart.convergence.count")),
                format::number(b.desil_by_count[i], 0, l),
                format::number(s.desil_by_count[i], 0, l),
            )
        })
        .collect();
    rows.push(row(
        l.t("table.distinct_households"),
        format::number(b.beneficiaries, 0, l),
        format::number(s.beneficiaries, 0, l),
    ));
    rows.push(row(
        l.t("table.registered_desil"),
        format::number(b.desil_registered_pct, 1, l),
        format::number(s.desil_registered_pct, 1, l),
    ));
    rows.push(row(
        l.t("table.record_age"),
        format::number(b.record_age_years, 1, l),
        format::number(s.record_age_years, 1, l),
    ));
    DataTable { headers: vec![l.t("chart.convergence.count"), l.t("chart.baseline"), l.t("chart.scenario")], rows }
}
