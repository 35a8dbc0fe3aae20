//! The plain-language summary under the charts: what the mix does by the final year, against the status quo
//! and against no district programme, its largest contributor, its cost, and each target's fate.

use entas_model::analysis::{self, Verdict, Wedge};

use super::{line_label, programme_name, target_what};
use crate::format;
use crate::i18n::Lang;
use crate::state::Run;

/// The summary paragraph.
pub fn summary(run: &Run, wedge: Option<&Wedge>, l: Lang) -> String {
    let o = &run.outcome;
    let (Some(s), Some(b), Some(none)) = (o.scenario.last(), o.baseline.last(), o.counterfactual.last()) else {
        return String::new();
    };
    let lifted = o.lifted_final();
    let mut parts = vec![l.tf(
        "summary.main",
        &[
            ("district", run.scenario.district.name.clone()),
            ("year", s.year.to_string()),
            ("p0", format::percent(s.p0_pct, 2, l)),
            ("gk", super::gk(&run.scenario, o.poverty_line, l)),
            ("p0_base", format::percent(b.p0_pct, 2, l)),
            ("p0_none", format::percent(none.p0_pct, 2, l)),
            ("people", format::number(lifted.abs(), 0, l)),
            ("direction", l.t(if lifted >= 0.0 { "summary.fewer" } else { "summary.more" })),
        ],
    )];
    parts.push(l.tf(
        "summary.extreme",
        &[
            ("line", line_label(&run.scenario.extreme_line, l)),
            ("ext", format::percent(s.extreme_pct, 2, l)),
            ("ext_base", format::percent(b.extreme_pct, 2, l)),
        ],
    ));
    if let Some(w) = wedge {
        let i = w.years.len().saturating_sub(1);
        if let Some((p, v)) = w.by_programme.iter().max_by(|a, b| a.1[i].total_cmp(&b.1[i])) {
            if v[i] > 0.5 {
                parts.push(l.tf(
                    "summary.top",
                    &[
                        ("programme", programme_name(*p, l)),
                        ("people", format::number(v[i], 0, l)),
                        ("year", s.year.to_string()),
                    ],
                ));
            }
        }
    }
    if let Some(c) = o.cost_per_person_year_lifted {
        parts.push(l.tf(
            "summary.cost",
            &[("total", format::rupiah_large(o.scenario_spend_rp(), l)), ("per", format::rupiah_large(c, l))],
        ));
    }
    for st in analysis::target_status(o, &run.scenario.targets, None) {
        let t = &st.target;
        let (what, value) = (target_what(t.indicator, l), super::target_value(t, l));
        let deadline = t.year.to_string();
        parts.push(match st.verdict {
            Verdict::OnTime(y) => l.tf(
                "summary.target_met",
                &[("target", what), ("value", value), ("year", y.to_string()), ("deadline", deadline)],
            ),
            Verdict::Late(y) => l.tf(
                "summary.target_late",
                &[("target", what), ("value", value), ("year", y.to_string()), ("deadline", deadline)],
            ),
            Verdict::Missed => {
                l.tf("summary.target_missed", &[("target", what), ("value", value), ("horizon", s.year.to_string())])
            }
        });
    }
    parts.push(l.t("summary.assumptions"));
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::tests::muba_run;

    #[test]
    fn the_summary_names_the_district_year_and_line_and_leaves_no_template_open() {
        let r = muba_run();
        for l in [Lang::Id, Lang::En] {
            let text = summary(&r, None, l);
            assert!(text.contains("Musi Banyuasin") && text.contains("2030"), "{text}");
            assert!(text.contains(if l == Lang::Id { "US$2,15" } else { "US$2.15" }), "{text}");
            assert!(!text.contains("%{"), "an argument left unfilled: {text}");
        }
    }
}
