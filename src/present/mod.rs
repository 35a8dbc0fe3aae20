//! Pure presenters: `fn(model answers, lang) -> ChartSpec / Kpi / DataTable / text`. They format what the
//! model returns and compute no poverty number; they are tested natively, without a browser.

pub mod charts;
pub mod compare;
pub mod export;
pub mod fit;
pub mod kecamatan;
pub mod kpis;
pub mod problems;
pub mod reach;
pub mod solve;
pub mod sources;
pub mod summary;
pub mod trajectory;
pub mod workshop;

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

/// The line as people read it, in the UI language: "US$2,15 PPP 2017", "US$2.15 2017 PPP" or
/// "Rp400.000/kapita/bulan".
pub fn line_label(line: &ExtremeLine, l: Lang) -> String {
    match line {
        ExtremeLine::Rupiah { rp } => format!("{}/{}", format::rupiah(*rp, l), l.t("unit.capita_month")),
        other => l.t(&format!("line.short.{}", line_key(other))),
    }
}

/// The poverty line as text, marked "≈" when the district's GK is an estimate rather than a published BPS
/// figure: "≈Rp590.000" (`estimate_note` says what the mark means).
pub fn gk(s: &entas_model::Scenario, rp: f64, l: Lang) -> String {
    marked(format::rupiah(rp, l), s, entas_model::scenario::Estimated::PovertyLine)
}

/// `text` with the estimate mark "≈" when `what` is among the district's estimated figures.
pub fn marked(text: String, s: &entas_model::Scenario, what: entas_model::scenario::Estimated) -> String {
    if s.district.estimated.contains(&what) {
        format!("≈{text}")
    } else {
        text
    }
}

/// What the "≈" mark means and which of the district's figures carry it; None when all are published.
pub fn estimate_note(s: &entas_model::Scenario, l: Lang) -> Option<String> {
    let d = &s.district;
    (!d.estimated.is_empty()).then(|| {
        let names: Vec<String> =
            d.estimated.iter().map(|e| l.t(&format!("estimate.field.{}", estimated_key(*e)))).collect();
        l.tf("estimate.note", &[("figures", names.join(", "))])
    })
}

/// The key of an estimated figure (`estimate.field.*`).
pub fn estimated_key(e: entas_model::scenario::Estimated) -> &'static str {
    use entas_model::scenario::Estimated as E;
    match e {
        E::PovertyLine => "poverty_line",
        E::Population => "population",
        E::HouseholdSize => "household_size",
        E::P1 => "p1",
        E::P2 => "p2",
        E::Gini => "gini",
        E::MeanConsumption => "mean_consumption",
    }
}

/// What a target is about ("Kemiskinan", "Kemiskinan ekstrem").
pub fn target_what(i: Indicator, l: Lang) -> String {
    l.t(match i {
        Indicator::P0 => "kpi.target_p0",
        Indicator::Extreme => "kpi.target_extreme",
        Indicator::P1 => "kpi.target_p1",
    })
}

/// The indicator's name in keys and test hooks: "p0", "extreme", "p1".
pub fn indicator_key(i: Indicator) -> &'static str {
    match i {
        Indicator::P0 => "p0",
        Indicator::Extreme => "extreme",
        Indicator::P1 => "p1",
    }
}

/// A level of `i` in its unit: "9,99%" for a rate, "1,500" for the poverty gap index (BPS's ×100).
pub fn indicator_value(i: Indicator, v: f64, l: Lang) -> String {
    match i {
        Indicator::P1 => format::number(v, 3, l),
        Indicator::P0 | Indicator::Extreme => format::percent(v, 2, l),
    }
}

/// A target's level in its indicator's unit.
pub fn target_value(t: &entas_model::scenario::Target, l: Lang) -> String {
    indicator_value(t.indicator, t.value_pct, l)
}

/// "Kemiskinan ≤ 9,99% pada 2027", with the tolerance when there is one.
pub fn target_label(t: &entas_model::scenario::Target, l: Lang) -> String {
    let label = l.tf(
        "kpi.target_label",
        &[("what", target_what(t.indicator, l)), ("value", target_value(t, l)), ("year", t.year.to_string())],
    );
    if t.tolerance_pct > 0.0 {
        let tol = l.tf(
            "kpi.tolerance",
            &[
                ("value", indicator_value(t.indicator, t.value_pct + t.tolerance_pct, l)),
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

    /// Every chart the app draws, as its presenters build it (trajectory with bands, wedge, distribution,
    /// cost, targeting, convergence, the compare overlay), in `l`.
    pub fn every_chart(l: crate::i18n::Lang) -> Vec<(&'static str, crate::chart::ChartSpec)> {
        use entas_model::analysis;
        let r = muba_run();
        let mut s = (*r.scenario).clone();
        s.households = 1_000;
        let m = entas_model::Model::new(s.clone()).expect("valid");
        let wedge = analysis::shapley_wedge(&m.scenario, &m.scenario.levers, &m.population);
        let costs = analysis::programme_costs(&r.outcome, &wedge);
        let bands = analysis::monte_carlo(&s, &s.levers, 3, |_, _| ()).expect("valid");
        let year = r.outcome.base_year + 2;
        vec![
            ("trajectory", super::trajectory::spec(&r, Some(&bands), l)),
            ("wedge", super::charts::wedge(Some(&wedge), l)),
            ("distribution", super::charts::distribution(&r, year, l)),
            ("cost", super::charts::cost(Some(&costs), l)),
            ("targeting", super::charts::targeting(&r.outcome, year, l)),
            ("convergence", super::reach::convergence_spec(&r.outcome, year, l)),
            ("compare", super::trajectory::overlay(&[("Status quo".into(), &r), ("Skenario B".into(), &r)], l)),
            ("kecamatan", kecamatan_chart(l)),
        ]
    }

    /// The kecamatan chart of Muba with its 15 kecamatan (made-up shares: the layout is what is tested).
    fn kecamatan_chart(l: crate::i18n::Lang) -> crate::chart::ChartSpec {
        let mut s = entas_model::presets::preset("muba_2024").expect("preset");
        s.households = 2_000;
        let names = crate::pages::district::MUBA_KECAMATAN;
        s.district.kecamatan = names
            .iter()
            .enumerate()
            .map(|(i, n)| entas_model::scenario::Kecamatan {
                name: n.to_string(),
                population_share_pct: 100.0 / 15.0,
                poor_share_pct: (2.0 + i as f64) * 100.0 / 135.0,
                pocket: None,
            })
            .collect();
        let m = entas_model::Model::new(s).expect("valid");
        let o = m.simulate();
        super::kecamatan::chart(&m.scenario, &o, 2026, l)
    }

    /// At a phone's, a laptop's and a projector's size, at devicePixelRatio 1–3, in both languages: the legend
    /// sits inside the canvas and covers no plot and no title, its entries do not overlap, titles fit their
    /// panel, year labels have room, and every plot keeps a readable height.
    #[test]
    fn every_chart_lays_out_at_phone_laptop_and_projector_sizes() {
        use crate::chart::layout::{bold_width, plan, text_width, Rect, TICK_PX, TITLE_PX};
        // (what, CSS width, CSS height, devicePixelRatio, projector boost)
        let sizes = [
            ("phone", 358.0, 320.0, 3.0, 1.0),
            ("phone", 358.0, 320.0, 2.0, 1.0),
            ("laptop grid", 560.0, 300.0, 1.0, 1.0),
            ("laptop grid", 560.0, 300.0, 2.0, 1.0),
            ("laptop wide", 980.0, 340.0, 1.0, 1.0),
            ("projector", 1830.0, 600.0, 1.0, 1.35),
            ("projector grid", 880.0, 420.0, 2.0, 1.35),
            ("export", 1200.0, 600.0, 1.0, 1.0),
        ];
        for l in [crate::i18n::Lang::Id, crate::i18n::Lang::En] {
            for (name, spec) in every_chart(l) {
                for (what, cw, ch, dpr, boost) in sizes {
                    let scale = dpr * boost;
                    // Tall cards are taller on a phone (style/main.css), where their panels stack.
                    let tall = matches!(name, "trajectory" | "targeting" | "compare");
                    let ch = if what == "phone" && tall { 470.0 } else { ch };
                    let (w, h) = ((cw * dpr) as u32, (ch * dpr) as u32);
                    let at = format!("{name} {l:?} {what} {cw}×{ch} ×{scale}");
                    let p = plan(&spec, w, h, scale);
                    let canvas = Rect { x: 0, y: 0, w: w as i32, h: h as i32 };
                    for (i, panel) in p.panels.iter().enumerate() {
                        assert!(canvas.contains(&panel.chart), "{at}: panel {i} leaves the canvas");
                        assert!(!panel.chart.intersects(&panel.title_area), "{at}: title over the plot");
                        assert!(
                            panel.chart.h as f64 / scale >= 120.0,
                            "{at}: plot {i} only {} px high",
                            panel.chart.h as f64 / scale
                        );
                        for line in &panel.title {
                            assert!(
                                bold_width(line, TITLE_PX * scale) <= panel.title_area.w as f64,
                                "{at}: title line {line:?} wider than its panel"
                            );
                        }
                        let plot_w = panel.chart.w as f64 - 104.0 * scale;
                        let label_w = text_width("2030", TICK_PX * scale) + 14.0 * scale;
                        assert!(
                            panel.x_labels == 2 || panel.x_labels as f64 * label_w <= plot_w,
                            "{at}: {} year labels do not fit {plot_w} px",
                            panel.x_labels
                        );
                        for other in &p.panels[i + 1..] {
                            assert!(!other.chart.intersects(&panel.chart), "{at}: panels overlap");
                            assert!(!other.title_area.intersects(&panel.title_area), "{at}: titles overlap");
                        }
                    }
                    let Some(legend) = &p.legend else {
                        assert!(crate::chart::layout::entries(&spec).is_empty(), "{at}: entries but no legend");
                        continue;
                    };
                    assert!(canvas.contains(&legend.area), "{at}: legend leaves the canvas");
                    assert!(!legend.items.is_empty());
                    for (i, item) in legend.items.iter().enumerate() {
                        assert!(legend.area.contains(&item.bounds), "{at}: {:?} outside the legend", item.entry.label);
                        for panel in &p.panels {
                            assert!(!item.bounds.intersects(&panel.chart), "{at}: legend covers the plot");
                            assert!(!item.bounds.intersects(&panel.title_area), "{at}: legend covers a title");
                        }
                        for other in &legend.items[i + 1..] {
                            assert!(!item.bounds.intersects(&other.bounds), "{at}: legend entries overlap");
                        }
                    }
                }
            }
        }
    }

    /// Panels go one above the other on a phone, side by side from a laptop up; the wedge's legend names only
    /// programmes that lift someone.
    #[test]
    fn panels_stack_on_a_phone_and_the_legend_names_what_is_drawn() {
        use crate::chart::layout::{entries, plan};
        let charts = every_chart(crate::i18n::Lang::Id);
        let trajectory = &charts[0].1;
        assert!(plan(trajectory, 358 * 3, 470 * 3, 3.0).stacked);
        assert!(!plan(trajectory, 980, 340, 1.0).stacked);
        let crate::chart::ChartSpec::Stacked(wedge) = &charts[1].1 else { panic!("wedge") };
        let drawn: Vec<&String> =
            wedge.layers.iter().filter(|(_, _, v)| v.iter().any(|x| *x > 0.0)).map(|(n, _, _)| n).collect();
        let named: Vec<String> = entries(&charts[1].1).into_iter().map(|e| e.label).collect();
        assert_eq!(named.iter().collect::<Vec<_>>(), drawn);
        assert!(named.len() < wedge.layers.len() || wedge.layers.iter().all(|l| l.2.iter().any(|x| *x > 0.0)));
    }
}
