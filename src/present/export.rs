//! What an exported chart carries with it: a caption (title, district, scenario, lines, source, date) drawn
//! into PNG and SVG images and written as the CSV's `#` header, a file name that says district, scenario and
//! chart, and the chart's data as plain numbers (long format: panel, series, x, value).

use crate::chart::ChartSpec;
use crate::format;
use crate::i18n::Lang;
use crate::state::Run;

/// The context of one export.
#[derive(Clone, Debug, PartialEq)]
pub struct Caption {
    pub title: String,
    /// Lines under the title, in the UI language: district and scenario; the lines; sample and source.
    pub lines: Vec<String>,
    /// `district_scenario_chart`, lower case, no spaces.
    pub file_stem: String,
}

/// The caption of chart `chart` (its id, e.g. "trajectory") titled `title`, exported on `date` (YYYY-MM-DD).
/// `scenarios` names what the chart shows when it is not the working scenario (the compare overlay).
pub fn caption(r: &Run, chart: &str, title: &str, scenarios: Option<&str>, date: &str, l: Lang) -> Caption {
    let s = &r.scenario;
    let o = &r.outcome;
    let named = match scenarios {
        Some(names) => names.to_string(),
        None if s.name.trim().is_empty() => l.t("export.unsaved"),
        None => s.name.clone(),
    };
    // Levers moved away from the district's status quo (or the preset's assumptions) since it was opened.
    let changed = s.levers.diff(&entas_model::presets::reference_levers(s)).len();
    let scenario = match (scenarios, changed) {
        (None, n) if n > 0 => l.tf("export.changed", &[("name", named.clone()), ("n", n.to_string())]),
        _ => named.clone(),
    };
    let district = format!("{} {}", s.district.name, s.district.base_year);
    let gk = super::gk(s, o.poverty_line, l);
    let extreme = format::rupiah(o.extreme_line, l);
    let lines = vec![
        l.tf("export.meta.where", &[("district", district.clone()), ("scenario", scenario.clone())]),
        l.tf(
            "export.meta.lines",
            &[
                ("gk", gk),
                ("year", s.district.base_year.to_string()),
                ("extreme", super::line_label(&s.extreme_line, l)),
                ("extreme_rp", extreme),
            ],
        ),
        l.tf(
            "export.meta.sample",
            &[
                ("version", env!("CARGO_PKG_VERSION").to_string()),
                ("households", format::number(s.households as f64, 0, l)),
                ("seed", s.seed.to_string()),
                ("date", date.to_string()),
            ],
        ),
        l.tf(
            "export.meta.source",
            &[("source", super::sources::district_sources(s, l).into_iter().next().unwrap_or_default())],
        ),
    ];
    let (place, what) = (format::slug(&district), format::slug(&named));
    let file_stem = if what == place {
        format!("{place}_{}", format::slug(chart))
    } else {
        format!("{place}_{what}_{}", format::slug(chart))
    };
    Caption { title: title.to_string(), lines, file_stem }
}

/// The chart's data as CSV of plain numbers (a point as decimal separator whatever the UI language), with
/// the caption as `#` comment lines above the header: `panel,series,x,value`.
pub fn data_csv(spec: &ChartSpec, c: &Caption) -> String {
    let mut out = String::new();
    for line in std::iter::once(&c.title).chain(&c.lines) {
        out.push_str("# ");
        out.push_str(&line.replace(['\n', '\r'], " "));
        out.push('\n');
    }
    let rows = data_rows(spec);
    let header = ["panel", "series", "x", "value"].map(String::from).to_vec();
    out.push_str(&format::to_csv(&header, &rows));
    out
}

/// The results table (the CLI's columns, `report::results_table`) under the caption as `#` lines: the
/// district, scenario, lines with their rupiah values and year, sample, seed, version, date and source.
pub fn results_csv(o: &entas_model::Outcome, bands: Option<&entas_model::analysis::Bands>, c: &Caption) -> String {
    let mut out = String::new();
    for line in std::iter::once(&c.title).chain(&c.lines) {
        out.push_str("# ");
        out.push_str(&line.replace(['\n', '\r'], " "));
        out.push('\n');
    }
    let (header, rows) = entas_model::report::results_table(o, bands);
    out.push_str(&format::to_csv(&header, &rows));
    out
}

fn num(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        String::new()
    }
}

/// Long-format rows of every number a chart draws.
pub fn data_rows(spec: &ChartSpec) -> Vec<Vec<String>> {
    let row = |panel: &str, series: &str, x: String, v: f64| vec![panel.to_string(), series.to_string(), x, num(v)];
    let mut out = Vec::new();
    match spec {
        ChartSpec::Time(panels) => {
            for p in panels {
                for s in &p.series {
                    out.extend(s.points.iter().map(|(y, v)| row(&p.title, &s.label, y.to_string(), *v)));
                }
                for b in &p.bands {
                    let lower = format!("{} (p10)", b.label);
                    let upper = format!("{} (p90)", b.label);
                    out.extend(b.lower.iter().map(|(y, v)| row(&p.title, &lower, y.to_string(), *v)));
                    out.extend(b.upper.iter().map(|(y, v)| row(&p.title, &upper, y.to_string(), *v)));
                }
                out.extend(p.observed.iter().map(|(y, v)| row(&p.title, &p.observed_label, y.to_string(), *v)));
                out.extend(p.hlines.iter().map(|h| row(&p.title, &h.label, String::new(), h.value)));
            }
        }
        ChartSpec::Stacked(s) => {
            for (name, _, values) in &s.layers {
                out.extend(s.years.iter().zip(values).map(|(y, v)| row(&s.y_label, name, y.to_string(), *v)));
            }
        }
        ChartSpec::Distribution(d) => {
            for (name, values) in [&d.baseline, &d.scenario] {
                out.extend(values.iter().enumerate().map(|(i, v)| row(&d.y_label, name, num(i as f64 * d.step), *v)));
            }
        }
        ChartSpec::Bars(panels) | ChartSpec::BarsVertical(panels) => {
            for p in panels {
                for (name, _, values) in &p.groups {
                    out.extend(p.categories.iter().zip(values).map(|(c, v)| row(&p.y_label, name, c.clone(), *v)));
                }
            }
        }
        ChartSpec::Message(_) => {}
    }
    out
}

/// An SVG of the chart under its caption: the title on top, the context lines at the foot.
pub fn svg_with_caption(chart_svg: &str, width: u32, height: u32, c: &Caption) -> String {
    let esc = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let (top, line_h) = (44u32, 20u32);
    let foot = line_h * c.lines.len() as u32 + 12;
    let inner =
        chart_svg.trim_start_matches(|ch| ch != '<').replacen("<svg ", &format!("<svg x=\"0\" y=\"{top}\" "), 1);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{}\" viewBox=\"0 0 {width} {}\">\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\
         <text x=\"16\" y=\"30\" font-family=\"sans-serif\" font-size=\"20\" font-weight=\"bold\" fill=\"#0b3954\">{}</text>",
        top + height + foot,
        top + height + foot,
        esc(&c.title)
    );
    out.push_str(&inner);
    for (i, line) in c.lines.iter().enumerate() {
        let y = top + height + line_h * (i as u32 + 1);
        // About 7 px a character at 13 px: a longer line is cut with an ellipsis (the CSV keeps it whole).
        let room = (width as usize).saturating_sub(32) / 7;
        let shown: String = if line.chars().count() > room {
            line.chars().take(room.saturating_sub(1)).chain(std::iter::once('…')).collect()
        } else {
            line.clone()
        };
        out.push_str(&format!(
            "<text x=\"16\" y=\"{y}\" font-family=\"sans-serif\" font-size=\"13\" fill=\"#56657a\">{}</text>",
            esc(&shown)
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn run() -> Run {
        let mut s = entas_model::presets::preset("muba_2024").unwrap();
        s.households = 2_000;
        s.name = "Tunai besar".into();
        let outcome = entas_model::Model::new(s.clone()).unwrap().simulate();
        Run { scenario: Arc::new(s), outcome: Arc::new(outcome) }
    }

    #[test]
    fn an_export_says_where_what_and_when_in_the_ui_language() {
        let r = run();
        for l in [Lang::Id, Lang::En] {
            let c = caption(&r, "trajectory", "Lintasan", None, "2026-12-02", l);
            let all = c.lines.join("\n");
            assert!(all.contains("Musi Banyuasin 2024") && all.contains("Tunai besar"), "{all}");
            assert!(all.contains("2026-12-02") && all.contains("590"), "{all}");
            assert!(!all.contains("export.") && !all.contains("%{"), "{all}");
            assert_eq!(c.file_stem, "musi-banyuasin-2024_tunai-besar_trajectory");
        }
        // The preset as opened is named after its district: said once in the file name.
        let mut preset = (*r.scenario).clone();
        preset.name = "Musi Banyuasin 2024".into();
        let opened = Run { scenario: Arc::new(preset.clone()), outcome: r.outcome.clone() };
        assert_eq!(
            caption(&opened, "trajectory", "t", None, "d", Lang::En).file_stem,
            "musi-banyuasin-2024_trajectory"
        );
        // Moved levers are counted in the caption.
        preset.levers.set(entas_model::LeverId::CashBudget, 123.0).unwrap();
        let moved = Run { scenario: Arc::new(preset), outcome: r.outcome.clone() };
        let c = caption(&moved, "trajectory", "t", None, "d", Lang::En);
        assert!(c.lines[0].contains("Musi Banyuasin 2024 (levers changed: 1)"), "{:?}", c.lines);
    }

    #[test]
    fn chart_data_is_plain_numbers_under_a_commented_caption() {
        let r = run();
        let spec = crate::present::trajectory::spec(&r, None, Lang::Id);
        let c = caption(&r, "trajectory", "Lintasan", None, "2026-12-02", Lang::Id);
        let csv = data_csv(&spec, &c);
        let mut lines = csv.lines();
        assert!(lines.next().unwrap().starts_with("# Lintasan"));
        let body: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(body[0], "panel,series,x,value");
        let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(csv.as_bytes());
        let mut n = 0;
        for rec in reader.records() {
            let rec = rec.unwrap();
            let value = &rec[3];
            assert!(value.parse::<f64>().is_ok(), "a plain number: {value:?} in {rec:?}");
            assert!(!value.contains(','), "never a decimal comma");
            n += 1;
        }
        assert!(n > 20, "{n} rows");
        // The scenario's P0 in the final year is the model's number, unrounded.
        let last = r.outcome.scenario.last().unwrap();
        assert!(csv.contains(&format!(",{},{}", last.year, last.p0_pct)), "{csv}");
    }

    #[test]
    fn the_svg_holds_the_caption_and_the_chart() {
        let r = run();
        let spec = crate::present::trajectory::spec(&r, None, Lang::En);
        let c = caption(&r, "trajectory", "Trajectories <2024–2030>", None, "2026-12-02", Lang::En);
        let svg = svg_with_caption(
            &crate::chart::to_svg(&spec, 1200, 600, crate::chart::AxisStyle { decimal_comma: false }),
            1200,
            600,
            &c,
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("Musi Banyuasin 2024") && svg.contains("Tunai besar"));
        assert!(svg.contains("Trajectories &lt;2024–2030&gt;"), "escaped");
        assert_eq!(svg.matches("<svg").count(), 2, "the chart nested once");
    }
}
