//! Scenarios side by side: the KPI row of each, and every lever that differs from its district's status quo,
//! policy apart from assumptions.

use entas_model::analysis;
use entas_model::levers::{LeverGroup, LeverSpec, LEVERS};
use entas_model::scenario::Indicator;
use entas_model::{presets, LeverValues, Scenario};

use super::{lever_label, or_dash};
use crate::format;
use crate::i18n::Lang;
use crate::state::Run;

/// A compared scenario: its name and run.
pub struct Entry<'a> {
    pub name: String,
    pub run: &'a Run,
}

/// One KPI row: name, district, P0 and extreme in the final year (with the year), people lifted in the final
/// year, total cost, cost per person-year, the year the P0 target is met.
pub fn kpi_row(e: &Entry, l: Lang) -> Vec<String> {
    let (o, s) = (&e.run.outcome, &e.run.scenario);
    let last = o.scenario.last();
    let p0_target =
        analysis::target_status(o, &s.targets, None).into_iter().find(|t| t.target.indicator == Indicator::P0);
    // Scenarios may differ in district, line and horizon: each cell says its year (and line).
    let at = |v: String, year: i32| format!("{v} ({year})");
    vec![
        e.name.clone(),
        s.district.name.clone(),
        or_dash(last.map(|r| {
            l.tf(
                "compare.p0_cell",
                &[
                    ("value", format::percent(r.p0_pct, 2, l)),
                    ("year", r.year.to_string()),
                    ("gk", super::gk(s, o.poverty_line, l)),
                ],
            )
        })),
        or_dash(last.map(|r| {
            l.tf(
                "compare.extreme_cell",
                &[
                    ("value", format::percent(r.extreme_pct, 2, l)),
                    ("year", r.year.to_string()),
                    ("line", super::line_label(&s.extreme_line, l)),
                ],
            )
        })),
        or_dash(last.map(|r| at(format::number(o.lifted_final(), 0, l), r.year))),
        format::rupiah_large(o.scenario_spend_rp(), l),
        or_dash(o.cost_per_person_year_lifted.map(|c| format::rupiah_large(c, l))),
        match p0_target {
            Some(t) => t.met().map_or_else(|| l.t("compare.not_met"), |y| y.to_string()),
            None => "–".into(),
        },
    ]
}

/// A lever that differs somewhere: its label, the first scenario's reference value, and each scenario's
/// value with whether it differs from that scenario's own reference.
#[derive(Clone, Debug, PartialEq)]
pub struct DiffRow {
    pub label: String,
    pub reference: String,
    pub values: Vec<(String, bool)>,
}

/// The levers of one kind (assumptions or policy) that differ from the status quo in any compared scenario.
pub fn diff_rows(scenarios: &[&Scenario], assumptions: bool, l: Lang) -> Vec<DiffRow> {
    let refs: Vec<LeverValues> = scenarios.iter().map(|s| presets::reference_levers(s)).collect();
    let changed: Vec<_> = scenarios.iter().zip(&refs).map(|(s, r)| s.levers.diff(r)).collect();
    let base_year = scenarios.first().map_or(2024, |s| s.district.base_year);
    let fmt = |spec: &LeverSpec, v: f64| format::lever_value(spec, v, l, base_year);
    LEVERS
        .iter()
        .filter(|spec| (spec.group == LeverGroup::Assumption) == assumptions)
        .filter(|spec| changed.iter().any(|c| c.contains(&spec.id)))
        .map(|spec| DiffRow {
            label: lever_label(spec.id, l),
            reference: refs.first().map(|r| fmt(spec, r.get(spec.id))).unwrap_or_default(),
            values: scenarios
                .iter()
                .zip(&changed)
                .map(|(s, c)| (fmt(spec, s.levers.get(spec.id)), c.contains(&spec.id)))
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::tests::muba_run;
    use entas_model::LeverId;

    #[test]
    fn a_lever_differs_against_its_own_district_status_quo() {
        let r = muba_run();
        let mut changed = (*r.scenario).clone();
        changed.levers.set(LeverId::CashBudget, 100.0).unwrap();
        changed.levers.set(LeverId::GrowthB40, 2.0).unwrap();
        let rows = diff_rows(&[&r.scenario, &changed], false, Lang::En);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].reference, "Rp70.0 bn/year");
        assert_eq!(rows[0].values, vec![("Rp70.0 bn/year".into(), false), ("Rp100.0 bn/year".into(), true)]);
        let assumptions = diff_rows(&[&r.scenario, &changed], true, Lang::En);
        assert_eq!(assumptions.len(), 1);
        assert!(diff_rows(&[&r.scenario], false, Lang::En).is_empty(), "the preset as shipped changes nothing");
    }

    #[test]
    fn the_kpi_row_reads_the_model() {
        let r = muba_run();
        let row = kpi_row(&Entry { name: "A".into(), run: &r }, Lang::Id);
        assert_eq!(row.len(), 8);
        assert_eq!(row[1], "Musi Banyuasin");
        assert_eq!(row[4], format!("{} (2030)", format::number(r.outcome.lifted_final(), 0, Lang::Id)));
        // Muba's GK is rolled forward from 2021: marked as an estimate.
        assert!(row[2].contains("(2030, GK ≈Rp590.000)"), "the year and the line: {}", row[2]);
        assert!(row[3].contains("2030") && row[3].contains("US$2,15"), "the year and the line: {}", row[3]);
    }
}
