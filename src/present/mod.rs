//! Pure presenters: `fn(model answers, lang) -> ChartSpec / Kpi / DataTable / text`. They format what the
//! model returns and compute no poverty number; they are tested natively, without a browser.

pub mod charts;
pub mod compare;
pub mod export;
pub mod kpis;
pub mod problems;
pub mod reach;
pub mod summary;
pub mod trajectory;

use entas_model::analysis::TargetStatus;
use entas_model::scenario::{ExtremeLine, Indicator};
use entas_model::Programme;

use crate::format;
use crate::i18n::Lang;

/// A chart's data as a table (the accessible alternative and the CSV export), already formatted.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DataTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A KPI card: what it measures (with line and year), the figure, and the comparison under it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Kpi {
    pub label: String,
    pub value: String,
    pub sub: String,
}

/// Programme name in the UI language.
pub fn programme_name(p: Programme, l: Lang) -> String {
    l.t(&format!("programme.{}", p.id()))
}

/// Short programme name (chart axes).
pub fn programme_short(p: Programme, l: Lang) -> String {
    l.t(&format!("programme.short.{}", p.id()))
}

/// Lever label in the UI language.
pub fn lever_label(id: entas_model::LeverId, l: Lang) -> String {
    l.t(&format!("lever.{id}.label"))
}

/// The extreme lines a user can choose, in the settings' order.
pub const LINE_CHOICES: [ExtremeLine; 5] = [
    ExtremeLine::Usd215,
    ExtremeLine::Usd215Local,
    ExtremeLine::Usd190,
    ExtremeLine::Usd300,
    ExtremeLine::Rupiah { rp: 0.0 },
];

/// The key of a line (settings value and `line.*` translation).
pub fn line_key(line: &ExtremeLine) -> &'static str {
    match line {
        ExtremeLine::Usd215 => "usd215",
        ExtremeLine::Usd215Local => "usd215_local",
        ExtremeLine::Usd190 => "usd190",
        ExtremeLine::Usd300 => "usd300",
        ExtremeLine::Rupiah { .. } => "rupiah",
    }
}

/// The line as people read it: "US$2.15 (2017 PPP)" or "Rp400.000/kapita/bulan".
pub fn line_label(line: &ExtremeLine, l: Lang) -> String {
    match line {
        ExtremeLine::Rupiah { rp } => format!("{}/{}", format::rupiah(*rp, l), l.t("unit.capita_month")),
        other => other.label(),
    }
}

/// What a target is about ("Kemiskinan", "Kemiskinan ekstrem").
pub fn target_what(i: Indicator, l: Lang) -> String {
    l.t(match i {
        Indicator::P0 => "kpi.target_p0",
        Indicator::Extreme => "kpi.target_extreme",
    })
}

/// "Kemiskinan ≤ 9,99% pada 2027", with the tolerance when there is one.
pub fn target_label(t: &entas_model::scenario::Target, l: Lang) -> String {
    let label = l.tf(
        "kpi.target_label",
        &[
            ("what", target_what(t.indicator, l)),
            ("value", format::percent(t.value_pct, 2, l)),
            ("year", t.year.to_string()),
        ],
    );
    if t.tolerance_pct > 0.0 {
        let tol = l.tf(
            "kpi.tolerance",
            &[
                ("value", format::percent(t.value_pct + t.tolerance_pct, 2, l)),
                ("tol", format::number(t.tolerance_pct, 2, l)),
            ],
        );
        format!("{label} · {tol}")
    } else {
        label
    }
}

/// "Tercapai 2027" / "Belum tercapai s.d. 2030".
pub fn target_verdict(st: &TargetStatus, final_year: i32, l: Lang) -> String {
    match st.met() {
        Some(y) => l.tf("kpi.met_in_year", &[("year", y.to_string())]),
        None => l.tf("kpi.not_met_by_year", &[("year", final_year.to_string())]),
    }
}

/// A value or "–".
pub fn or_dash(v: Option<String>) -> String {
    v.unwrap_or_else(|| "–".into())
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::Arc;

    use crate::state::Run;

    /// The Muba preset run at 2,000 households (fast; presenters only format what it answers).
    pub fn muba_run() -> Run {
        let mut s = entas_model::presets::preset("muba_2024").expect("preset");
        s.households = 2_000;
        let m = entas_model::Model::new(s).expect("valid preset");
        let outcome = m.simulate();
        Run { scenario: Arc::new(m.scenario), outcome: Arc::new(outcome) }
    }
}
