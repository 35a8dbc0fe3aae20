//! The KPI strip: headcount and extreme rate in the final year against the status quo, the cost with its
//! Monte Carlo band, and one card per target.

use entas_model::analysis::{self, Bands};
use entas_model::YearResult;

use super::{line_label, target_label, target_verdict, Kpi};
use crate::format;
use crate::i18n::Lang;
use crate::state::Run;

fn last(rows: &[YearResult]) -> Option<&YearResult> {
    rows.last()
}

/// A rate KPI: the scenario's rate and, under it, the status quo with the change in pp and people.
fn rate(r: &Run, l: Lang, label: String, pick: fn(&YearResult) -> (f64, f64), sub_key: &str) -> Kpi {
    let (Some(s), Some(b)) = (last(&r.outcome.scenario), last(&r.outcome.baseline)) else {
        return Kpi { label, ..Kpi::default() };
    };
    let (s, b) = (pick(s), pick(b));
    // "227 fewer poor people", or "227 more" when the scenario leaves more in poverty than the status quo.
    let key = if b.1 - s.1 < 0.0 { format!("{sub_key}_more") } else { sub_key.to_string() };
    Kpi {
        label,
        value: format::percent(s.0, 2, l),
        sub: l.tf(
            &key,
            &[
                ("base", format::percent(b.0, 2, l)),
                ("change", format::pp_change(s.0 - b.0, 2, l)),
                ("people", format::number((b.1 - s.1).abs(), 0, l)),
            ],
        ),
    }
}

/// Headcount at the GK in the final year.
pub fn p0(r: &Run, l: Lang) -> Kpi {
    let o = &r.outcome;
    let label = l
        .tf("kpi.p0_title", &[("year", o.final_year().to_string()), ("gk", super::gk(&r.scenario, o.poverty_line, l))]);
    rate(r, l, label, |y| (y.p0_pct, y.poor_people), "kpi.sub_poor")
}

/// Extreme rate on the chosen line in the final year.
pub fn extreme(r: &Run, l: Lang) -> Kpi {
    let label = l.tf(
        "kpi.extreme_title",
        &[("year", r.outcome.final_year().to_string()), ("line", line_label(&r.scenario.extreme_line, l))],
    );
    rate(r, l, label, |y| (y.extreme_pct, y.extreme_people), "kpi.sub_people")
}

/// Total cost over the projection and the cost per person-year lifted, with its band once bands exist.
pub fn cost(r: &Run, bands: Option<&Bands>, l: Lang) -> Kpi {
    let o = &r.outcome;
    let band = bands
        .and_then(|b| Some((b.cost_per_person_year_p10?, b.cost_per_person_year_p90?)))
        .map(|(lo, hi)| {
            l.tf("kpi.cost_band", &[("lo", format::rupiah_large(lo, l)), ("hi", format::rupiah_large(hi, l))])
        })
        .unwrap_or_default();
    Kpi {
        label: l.tf("kpi.cost_title", &[("from", (o.base_year + 1).to_string()), ("to", o.final_year().to_string())]),
        value: format::rupiah_large(o.scenario_spend_rp(), l),
        sub: match o.cost_per_person_year_lifted {
            Some(c) => l.tf("kpi.cost_sub", &[("cost", format::rupiah_large(c, l)), ("band", band)]),
            None => l.t("kpi.nobody_lifted"),
        },
    }
}

/// One target's card, and whether it is met by its deadline.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetKpi {
    pub kpi: Kpi,
    /// Shown apart: the Monte Carlo probability (or that it is being computed).
    pub probability: String,
    pub on_time: bool,
}

/// The target cards, in the scenario's target order.
pub fn targets(r: &Run, bands: Option<&Bands>, l: Lang) -> Vec<TargetKpi> {
    let final_year = r.outcome.final_year();
    analysis::target_status(&r.outcome, &r.scenario.targets, bands)
        .into_iter()
        .map(|st| TargetKpi {
            kpi: Kpi {
                label: target_label(&st.target, l),
                value: target_verdict(&st, final_year, l),
                sub: match st.baseline_met {
                    Some(y) => l.tf("kpi.baseline_met_year", &[("year", y.to_string())]),
                    None => l.t("kpi.baseline_not_met"),
                },
            },
            probability: match st.probability {
                Some(p) => l.tf(
                    "kpi.probability_of",
                    &[("pct", format::percent(100.0 * p, 0, l)), ("draws", st.draws.to_string())],
                ),
                None => l.t("kpi.probability_pending"),
            },
            on_time: st.on_time(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::tests::muba_run;

    #[test]
    fn kpis_say_their_line_and_year() {
        let r = muba_run();
        let k = p0(&r, Lang::Id);
        // Muba's GK is an estimate (rolled forward from 2021), Muara Enim's is published.
        assert_eq!(k.label, "Penduduk miskin 2030 (GK ≈Rp590.000)");
        let mut s = entas_model::presets::preset("muara_enim_2024").expect("preset");
        s.households = 500;
        let m = entas_model::Model::new(s).expect("valid");
        let o = m.simulate();
        let me = crate::state::Run { scenario: std::sync::Arc::new(m.scenario), outcome: std::sync::Arc::new(o) };
        assert_eq!(p0(&me, Lang::Id).label, "Penduduk miskin 2030 (GK Rp491.107)");
        assert!(k.value.ends_with('%'), "{k:?}");
        assert!(k.sub.starts_with("Status quo "), "{k:?}");
        let e = extreme(&r, Lang::En);
        assert!(e.label.starts_with("Extreme poverty 2030 (US$2.15"), "{e:?}");
        let c = cost(&r, None, Lang::En);
        assert_eq!(c.label, "Programme cost 2025–2030");
        assert!(c.value.starts_with("Rp") && c.value.ends_with(" bn"), "{c:?}");
    }

    #[test]
    fn target_cards_follow_the_model_status() {
        let r = muba_run();
        let cards = targets(&r, None, Lang::En);
        let status = analysis::target_status(&r.outcome, &r.scenario.targets, None);
        assert_eq!(cards.len(), status.len());
        for (c, s) in cards.iter().zip(&status) {
            assert_eq!(c.on_time, s.on_time());
            assert_eq!(c.probability, "probability: computing…");
            match s.met() {
                Some(y) => assert_eq!(c.kpi.value, format!("Met in {y}")),
                None => assert_eq!(c.kpi.value, "Not met by 2030"),
            }
        }
    }
}
