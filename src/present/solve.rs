//! The solver page's texts and tables: the cheapest mix against the status quo, its cost in the district's
//! terms, the targets reached, what binds, and what each Rp1 miliar buys. Formatting only: every figure is
//! the model's (`analysis::solver`).

use entas_model::analysis::solver::{Binding, FrontierMarks, FrontierPoint, Marginal, Solution};
use entas_model::scenario::Indicator;

use super::{lever_label, DataTable};
use crate::chart::{palette, Bars, ChartSpec};
use crate::format;
use crate::i18n::Lang;

fn bn(x: f64, l: Lang) -> String {
    format::rupiah_large(x * 1e9, l)
}

/// The mix, lever by lever: status quo, solved, change (Rp per year).
pub fn mix_table(sol: &Solution, l: Lang) -> DataTable {
    let mut rows: Vec<Vec<String>> = sol
        .changes
        .iter()
        .map(|(id, sq, v)| {
            let at_max = sol.binding.contains(&Binding::AtMax(*id));
            let change = v - sq;
            vec![
                lever_label(*id, l),
                bn(*sq, l),
                bn(*v, l),
                format!("{}{}", if change > 0.0 { "+" } else { "" }, bn(change, l)),
                if at_max { l.t("solve.at_max") } else { String::new() },
            ]
        })
        .collect();
    rows.push(vec![
        l.t("solve.all_budgets"),
        bn(sol.status_quo_yearly_rp_bn, l),
        bn(sol.yearly_rp_bn, l),
        {
            let change = sol.yearly_rp_bn - sol.status_quo_yearly_rp_bn;
            format!("{}{}", if change > 0.0 { "+" } else { "" }, bn(change, l))
        },
        if sol.binding.contains(&Binding::Cap) { l.t("solve.cap_binds") } else { String::new() },
    ]);
    DataTable {
        headers: vec![
            l.t("solve.col.lever"),
            l.t("solve.col.status_quo"),
            l.t("solve.col.solved"),
            l.t("solve.col.change"),
            l.t("solve.col.binds"),
        ],
        rows,
    }
}

/// The cost in the district's terms: yearly and in total, as a share of the APBD (when known), per poor
/// person of the base year.
pub fn cost_lines(sol: &Solution, apbd_rp_bn: Option<f64>, base_year: i32, l: Lang) -> Vec<String> {
    let mut out = vec![l.tf(
        "solve.cost",
        &[
            ("yearly", bn(sol.yearly_rp_bn, l)),
            ("years", sol.years.to_string()),
            ("from", (base_year + 1).to_string()),
            ("to", (base_year + sol.years as i32).to_string()),
            ("total", bn(sol.total_rp_bn(), l)),
        ],
    )];
    if sol.ramp_years > 0 {
        out.push(l.tf("solve.ramp_line", &[("years", sol.ramp_years.to_string())]));
    }
    if let Some(a) = apbd_rp_bn.filter(|a| *a > 0.0) {
        out.push(
            l.tf("solve.apbd_share", &[("share", format::percent(sol.share_of_apbd_pct(a), 1, l)), ("apbd", bn(a, l))]),
        );
    }
    out.push(l.tf(
        "solve.per_poor",
        &[("rp", format::rupiah(sol.rp_per_poor_person().round(), l)), ("year", base_year.to_string())],
    ));
    out
}

fn indicator_name(i: Indicator, l: Lang) -> String {
    match i {
        Indicator::P0 => l.t("solve.indicator.p0"),
        Indicator::Extreme => l.t("solve.indicator.extreme"),
        Indicator::P1 => l.t("solve.indicator.p1"),
    }
}

/// One sentence per target: met in which year, or the closest reached by the deadline.
pub fn target_lines(sol: &Solution, l: Lang) -> Vec<String> {
    sol.targets
        .iter()
        .map(|t| {
            let args = |extra: Vec<(&'static str, String)>| {
                let mut a = vec![
                    ("indicator", indicator_name(t.target.indicator, l)),
                    ("value", super::target_value(&t.target, l)),
                    ("year", t.target.year.to_string()),
                    ("reached", super::indicator_value(t.target.indicator, t.reached_pct, l)),
                ];
                a.extend(extra);
                a
            };
            match (t.met, t.met_year) {
                (true, Some(y)) => l.tf(
                    if t.binding { "solve.target_met_binding" } else { "solve.target_met" },
                    &args(vec![("met", y.to_string())]),
                ),
                (false, Some(y)) if y > t.target.year => l.tf("solve.target_late", &args(vec![("met", y.to_string())])),
                _ => l.tf("solve.target_missed", &args(vec![])),
            }
        })
        .collect()
}

/// When the targets cannot be reached within the limits: what it would take (or that nothing allowed can).
pub fn unreachable_line(sol: &Solution, l: Lang) -> Option<String> {
    if sol.feasible {
        return None;
    }
    Some(match &sol.without_limits {
        Some(free) => {
            let over: Vec<String> = free
                .changes
                .iter()
                .zip(&sol.changes)
                .filter(|((_, _, v), (_, _, mine))| v > mine)
                .map(|((id, _, v), _)| format!("{} {}", lever_label(*id, l), bn(*v, l)))
                .collect();
            l.tf("solve.would_take", &[("yearly", bn(free.yearly_rp_bn, l)), ("levers", over.join(", "))])
        }
        None => l.t("solve.not_reachable"),
    })
}

/// The frontier's rows, easiest level first: (label, yearly cost in Rp miliar, or None when unreachable);
/// the status quo and the scenario as it is stand at their own levels.
/// Labels are short (a chart's category axis): the indicator is in the chart's title.
fn frontier_rows(
    points: &[FrontierPoint],
    marks: &FrontierMarks,
    indicator: Indicator,
    l: Lang,
) -> Vec<(String, Option<f64>)> {
    let level = |v: f64| super::indicator_value(indicator, v, l);
    // (level, label, yearly cost, a mark rather than a solved level)
    let mut rows: Vec<(f64, String, Option<f64>, bool)> = points
        .iter()
        .map(|p| {
            let label = l.tf("solve.frontier.level", &[("value", level(p.level_pct))]);
            (p.level_pct, label, p.yearly_rp_bn, false)
        })
        .collect();
    for (key, (v, cost)) in [("solve.frontier.status_quo", marks.status_quo), ("solve.frontier.current", marks.current)]
    {
        rows.push((v, l.tf(key, &[("value", level(v))]), Some(cost), true));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    // A mix that meets a harder level meets every easier one: an easier level never costs more than a harder
    // one found cheaper (the frontier's points skip the exchange, so the search alone need not be monotone).
    let mut cheapest = f64::INFINITY;
    for row in rows.iter_mut().rev().filter(|r| !r.3) {
        if let Some(c) = row.2 {
            cheapest = cheapest.min(c);
            row.2 = Some(cheapest);
        }
    }
    rows.into_iter().map(|(_, label, cost, _)| (label, cost)).collect()
}

/// The cost frontier as a chart: yearly cost of the cheapest mix found for each level of the first target.
pub fn frontier_chart(
    points: &[FrontierPoint],
    marks: Option<&FrontierMarks>,
    indicator: Indicator,
    l: Lang,
) -> ChartSpec {
    let Some(marks) = marks else { return ChartSpec::Message(l.t("chart.computing")) };
    let rows = frontier_rows(points, marks, indicator, l);
    ChartSpec::Bars(vec![Bars {
        y_label: l.t("solve.frontier.axis"),
        y_max: None,
        categories: rows
            .iter()
            .map(|(label, cost)| {
                if cost.is_some() {
                    label.clone()
                } else {
                    format!("{label} ({})", l.t("solve.frontier.unreachable"))
                }
            })
            .collect(),
        groups: vec![(
            l.t("solve.frontier.axis"),
            palette::SCENARIO,
            rows.iter().map(|(_, c)| c.unwrap_or(0.0)).collect(),
        )],
        y_decimals: 0,
    }])
}

/// The frontier as a table (and CSV): level, yearly cost.
pub fn frontier_table(
    points: &[FrontierPoint],
    marks: Option<&FrontierMarks>,
    indicator: Indicator,
    l: Lang,
) -> DataTable {
    let rows = marks.map(|m| frontier_rows(points, m, indicator, l)).unwrap_or_default();
    DataTable {
        headers: vec![indicator_name(indicator, l), l.t("solve.frontier.axis")],
        rows: rows
            .into_iter()
            .map(|(label, cost)| vec![label, cost.map_or_else(|| l.t("solve.frontier.unreachable"), |c| bn(c, l))])
            .collect(),
    }
}

/// The frontier chart's title: which indicator, by which year.
pub fn frontier_title(sol: &Solution, l: Lang) -> String {
    match sol.targets.first() {
        Some(t) => l.tf(
            "solve.frontier.title",
            &[("indicator", indicator_name(t.target.indicator, l)), ("year", t.target.year.to_string())],
        ),
        None => String::new(),
    }
}

/// What each Rp1 miliar buys at the current mix, most first.
pub fn marginal_table(rows: &[Marginal], l: Lang) -> DataTable {
    let year = [("year", rows.first().map_or_else(String::new, |m| m.year.to_string()))];
    DataTable {
        headers: vec![
            l.t("solve.col.lever"),
            l.t("solve.col.now"),
            l.t("solve.col.people_per_bn"),
            l.tf("solve.col.p1_per_bn", &year),
            l.tf("solve.col.extreme_per_bn", &year),
        ],
        rows: rows
            .iter()
            .map(|m| {
                vec![
                    lever_label(m.lever, l),
                    bn(m.value, l),
                    format::number(m.people_per_bn, 1, l),
                    format::number(m.p1_per_bn, 4, l),
                    format::number(m.extreme_pp_per_bn, 4, l),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use entas_model::analysis::solver::{self, Limit, Request};
    use entas_model::levers::LeverId;
    use entas_model::scenario::Target;
    use entas_model::{presets, Model};

    fn solved(max: f64) -> (Solution, i32) {
        let mut s = presets::preset("muba_2024").unwrap();
        s.households = 1_500;
        s.horizon = s.district.base_year + 3;
        s.targets.clear();
        let m = Model::new(s).unwrap();
        let req = Request {
            targets: vec![Target {
                indicator: Indicator::P0,
                value_pct: 10.5,
                year: m.scenario.district.base_year + 3,
                label: String::new(),
                tolerance_pct: 0.0,
            }],
            limits: vec![Limit { lever: LeverId::CashBudget, min: 0.0, max }],
            cap_rp_bn: None,
            quick: false,
            ramp_years: 0,
        };
        (
            solver::solve_now(&m.scenario, &m.scenario.levers, &m.population, &req).unwrap(),
            m.scenario.district.base_year,
        )
    }

    #[test]
    fn the_mix_and_its_cost_read_in_both_languages() {
        let (sol, base) = solved(500.0);
        assert!(sol.feasible);
        for l in [Lang::Id, Lang::En] {
            let t = mix_table(&sol, l);
            assert_eq!(t.rows.len(), 2, "the cash budget and all budgets");
            assert_eq!(t.rows[0][2], bn(sol.changes[0].2, l));
            let cost = cost_lines(&sol, Some(3_482.6), base, l);
            assert_eq!(cost.len(), 3);
            assert!(cost[1].contains(&format::percent(sol.share_of_apbd_pct(3_482.6), 1, l)), "{cost:?}");
            assert!(cost[2].contains(&base.to_string()));
            assert!(target_lines(&sol, l)[0].contains(&format::percent(10.5, 2, l)));
            assert_eq!(unreachable_line(&sol, l), None);
        }
        assert!(cost_lines(&sol, None, base, Lang::Id).len() == 2, "no APBD, no share");
    }

    #[test]
    fn an_unreachable_target_says_what_it_would_take() {
        let (sol, _) = solved(10.0);
        assert!(!sol.feasible);
        let id = unreachable_line(&sol, Lang::Id).unwrap();
        let en = unreachable_line(&sol, Lang::En).unwrap();
        assert_ne!(id, en);
        assert!(mix_table(&sol, Lang::En).rows[0][4] == Lang::En.t("solve.at_max"));
        assert!(target_lines(&sol, Lang::Id)[0].contains(&format::percent(sol.targets[0].reached_pct, 2, Lang::Id)));
    }
}
