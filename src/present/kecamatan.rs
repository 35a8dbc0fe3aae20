//! Poverty pockets by kecamatan in the chosen year: the model's per-kecamatan counts as a bar chart sorted by
//! the scenario's headcount and as a table. The kecamatan shares are user-entered (BPS publishes no kecamatan
//! poverty rate), so every title says so.

use entas_model::{Outcome, Scenario};

use crate::chart::{palette, Bars, ChartSpec};
use crate::format;
use crate::i18n::Lang;
use crate::present::DataTable;

/// The rows of `year`, most poor first (the scenario's headcount), with the kecamatan's name and whether it
/// is a pocket.
fn rows<'a>(
    s: &'a Scenario,
    o: &'a Outcome,
    year: i32,
) -> Vec<(&'a entas_model::scenario::Kecamatan, &'a entas_model::simulate::KecamatanYear)> {
    let mut rows: Vec<_> = o
        .kecamatan
        .iter()
        .filter(|k| k.year == year)
        .filter_map(|k| s.district.kecamatan.get(k.kecamatan).map(|n| (n, k)))
        .collect();
    rows.sort_by(|a, b| b.1.p0_scenario_pct.total_cmp(&a.1.p0_scenario_pct).then(a.0.name.cmp(&b.0.name)));
    rows
}

/// Whether a kecamatan is a poverty pocket in the run (chosen, or by the rule: headcount above the district's).
pub fn is_pocket(s: &Scenario, k: &entas_model::scenario::Kecamatan) -> bool {
    k.is_pocket(s.district.calibration.p0_pct())
}

/// Headcount by kecamatan, status quo and scenario, sorted by the scenario's.
pub fn chart(s: &Scenario, o: &Outcome, year: i32, l: Lang) -> ChartSpec {
    let rows = rows(s, o, year);
    if rows.is_empty() {
        return ChartSpec::Message(l.t("kecamatan.none"));
    }
    let name = |k: &entas_model::scenario::Kecamatan| {
        if is_pocket(s, k) {
            format!("{} ●", k.name)
        } else {
            k.name.clone()
        }
    };
    ChartSpec::BarsVertical(vec![Bars {
        y_label: l.tf("kecamatan.p0_axis", &[("gk", super::gk(s, s.district.poverty_line, l))]),
        y_max: None,
        categories: rows.iter().map(|(k, _)| name(k)).collect(),
        groups: vec![
            (l.t("chart.baseline"), palette::BASELINE, rows.iter().map(|(_, r)| r.p0_baseline_pct).collect()),
            (l.t("chart.scenario"), palette::SCENARIO, rows.iter().map(|(_, r)| r.p0_scenario_pct).collect()),
        ],
        y_decimals: 1,
    }])
}

/// The table under the chart (and in the brief): people, poor and extreme people, P0, the change under the
/// scenario, households still in an RTLH or without sanitation, and whether it is a pocket.
pub fn table(s: &Scenario, o: &Outcome, year: i32, l: Lang) -> DataTable {
    let headers = [
        "kecamatan.name",
        "kecamatan.pocket",
        "kecamatan.people",
        "kecamatan.poor_baseline",
        "kecamatan.poor_scenario",
        "kecamatan.change",
        "kecamatan.p0_scenario",
        "kecamatan.extreme",
        "kecamatan.rtlh",
        "kecamatan.no_sanitation",
    ];
    let n = |v: f64| format::number(v, 0, l);
    let rows = rows(s, o, year)
        .into_iter()
        .map(|(k, r)| {
            vec![
                k.name.clone(),
                l.t(if is_pocket(s, k) { "kecamatan.yes" } else { "kecamatan.no" }),
                n(r.people),
                n(r.poor_baseline),
                n(r.poor_scenario),
                format::signed(r.poor_scenario - r.poor_baseline, 0, l),
                format::percent(r.p0_scenario_pct, 1, l),
                n(r.extreme_scenario),
                n(r.rtlh_scenario),
                n(r.no_sanitation_scenario),
            ]
        })
        .collect();
    let line = super::line_label(&s.extreme_line, l);
    let headers = headers
        .iter()
        .map(|k| if *k == "kecamatan.extreme" { format!("{} ({line})", l.t(k)) } else { l.t(k) })
        .collect();
    DataTable { headers, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use entas_model::scenario::Kecamatan;

    fn with_kecamatan() -> Scenario {
        let mut s = entas_model::presets::preset("muba_2024").unwrap();
        s.households = 4_000;
        let k = |name: &str, pop: f64, poor: f64, pocket: Option<bool>| Kecamatan {
            name: name.into(),
            population_share_pct: pop,
            poor_share_pct: poor,
            pocket,
        };
        s.district.kecamatan =
            vec![k("Sekayu", 40.0, 20.0, None), k("Lalan", 30.0, 50.0, None), k("Lais", 30.0, 30.0, Some(true))];
        s
    }

    #[test]
    fn rows_are_sorted_by_the_scenarios_headcount_and_pockets_are_marked() {
        let s = with_kecamatan();
        let m = entas_model::Model::new(s.clone()).unwrap();
        let o = m.simulate();
        let t = table(&s, &o, 2024, Lang::Id);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0][0], "Lalan", "the kecamatan with half the poor in a third of the people comes first");
        let pocket: Vec<&str> = t.rows.iter().map(|r| r[1].as_str()).collect();
        assert_eq!(pocket, vec!["ya", "ya", "tidak"], "Lalan by the rule, Lais chosen, Sekayu neither");
        match chart(&s, &o, 2024, Lang::En) {
            ChartSpec::BarsVertical(b) => assert_eq!(b[0].categories[0], "Lalan ●"),
            other => panic!("{other:?}"),
        }
    }
}
