//! Charts, split in two: pure data (`ChartSpec`, built by `crate::present` in the UI language and display
//! units) and a `draw` step (`draw`) generic over the plotters backend, so the same chart renders to a
//! canvas, to SVG, or in native tests.

mod draw;
pub mod layout;

pub use draw::draw;

use plotters::prelude::*;

/// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
pub mod palette {
    use plotters::style::RGBColor;
    pub const BASELINE: RGBColor = RGBColor(0x6b, 0x6b, 0x6b);
    /// "Without district programmes": lighter than the status quo.
    pub const COUNTERFACTUAL: RGBColor = RGBColor(0xA8, 0x8B, 0x5A);
    pub const SCENARIO: RGBColor = RGBColor(0x00, 0x72, 0xB2);
    pub const EXTREME: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
    pub const TARGET: RGBColor = RGBColor(0x00, 0x9E, 0x73);
    pub const OBSERVED: RGBColor = RGBColor(0x00, 0x00, 0x00);
    pub const GRID: RGBColor = RGBColor(0xE3, 0xE6, 0xEA);
    /// One colour per programme (cash, food, health, graduation, enterprise, housing, water).
    /// One colour per `Programme::BUDGETED` entry (data updating last).
    pub const PROGRAMMES: [RGBColor; 8] = [
        RGBColor(0x00, 0x72, 0xB2),
        RGBColor(0xE6, 0x9F, 0x00),
        RGBColor(0xCC, 0x79, 0xA7),
        RGBColor(0x00, 0x9E, 0x73),
        RGBColor(0x56, 0xB4, 0xE9),
        RGBColor(0xD5, 0x5E, 0x00),
        RGBColor(0x99, 0x99, 0x33),
        RGBColor(0x6E, 0x6E, 0x6E),
    ];
    /// The registry's own effect (enablers without budget).
    pub const REGISTRY: RGBColor = RGBColor(0xB0, 0xB0, 0xB0);
}

/// One line on a time chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: String,
    pub color: RGBColor,
    pub points: Vec<(i32, f64)>,
    pub dashed: bool,
}

/// A shaded band between two lines (uncertainty).
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub label: String,
    pub color: RGBColor,
    pub lower: Vec<(i32, f64)>,
    pub upper: Vec<(i32, f64)>,
}

/// A horizontal reference line (a target), with a marker at the year it is due: a target of 0% lies on the
/// x-axis, where the line alone would hide.
#[derive(Clone, Debug, PartialEq)]
pub struct HLine {
    pub label: String,
    pub value: f64,
    pub color: RGBColor,
    pub year: Option<i32>,
}

/// One panel of a time chart.
#[derive(Clone, Debug, PartialEq)]
pub struct TimePanel {
    pub title: String,
    pub y_label: String,
    pub years: (i32, i32),
    pub y_max: f64,
    pub series: Vec<Series>,
    pub bands: Vec<Band>,
    /// Observed points (history), drawn as black dots.
    pub observed: Vec<(i32, f64)>,
    pub observed_label: String,
    pub hlines: Vec<HLine>,
    /// Decimals on the y axis.
    pub y_decimals: usize,
}

/// Stacked layers over years (people lifted by programme).
#[derive(Clone, Debug, PartialEq)]
pub struct Stacked {
    pub y_label: String,
    pub years: Vec<i32>,
    pub layers: Vec<(String, RGBColor, Vec<f64>)>,
    pub y_max: f64,
}

/// Two distributions over bins of consumption relative to the poverty line.
#[derive(Clone, Debug, PartialEq)]
pub struct DistributionChart {
    pub x_label: String,
    pub y_label: String,
    /// Bin width, multiples of GK.
    pub step: f64,
    pub baseline: (String, Vec<f64>),
    pub scenario: (String, Vec<f64>),
    /// Vertical lines at multiples of GK.
    pub lines: Vec<(String, f64, RGBColor)>,
}

/// Grouped bars: one group of bars per category.
#[derive(Clone, Debug, PartialEq)]
pub struct Bars {
    pub y_label: String,
    /// A fixed top of the y axis (e.g. 100 for percentages); None = fit the data.
    pub y_max: Option<f64>,
    pub categories: Vec<String>,
    pub groups: Vec<(String, RGBColor, Vec<f64>)>,
    pub y_decimals: usize,
}

/// Everything a chart canvas can show.
#[derive(Clone, Debug, PartialEq)]
pub enum ChartSpec {
    /// Panels side by side.
    Time(Vec<TimePanel>),
    Stacked(Stacked),
    Distribution(DistributionChart),
    /// Bar panels side by side.
    Bars(Vec<Bars>),
    /// Bar panels one above the other.
    BarsVertical(Vec<Bars>),
    /// Nothing to draw yet (e.g. waiting for the worker): a message in the middle.
    Message(String),
}

/// Decimal separator of the UI language, for axis labels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AxisStyle {
    pub decimal_comma: bool,
}

impl AxisStyle {
    /// `v` with `decimals` decimals and thousands separators from 1,000 up, so every label on an axis has
    /// the same form (`5.000` beside `10.000`, never `5000`).
    pub fn fmt(&self, v: f64, decimals: usize) -> String {
        let (thousands, point) = if self.decimal_comma { ('.', ',') } else { (',', '.') };
        let s = format!("{:.decimals$}", v.abs());
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        let mut out = String::new();
        if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
            out.push('-');
        }
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i).is_multiple_of(3) {
                out.push(thousands);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(point);
            out.push_str(frac);
        }
        out
    }
}

/// The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ `x`; always finite and positive (`x` itself near the top of
/// the f64 range, where the next round value would overflow).
pub fn nice_ceiling(x: f64) -> f64 {
    if !x.is_finite() || x <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(x.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        let v = m * mag;
        if v >= x {
            return if v.is_finite() { v } else { x };
        }
    }
    x
}

/// Values a chart can place: finite, and within a bounded multiple of the axis (beyond it a mark is off the
/// chart anyway, and pixel arithmetic stays far from overflow).
fn placeable(v: f64, top: f64) -> Option<f64> {
    v.is_finite().then(|| v.clamp(-10.0 * top, 10.0 * top))
}

/// A finite, positive axis top: `top` if it is one, else one fitted to `values`.
fn axis_top(top: f64, values: impl Iterator<Item = f64>) -> f64 {
    if top.is_finite() && top > 0.0 {
        top
    } else {
        nice_ceiling(values.filter(|v| v.is_finite()).fold(0.0_f64, f64::max))
    }
}

/// `spec` with every axis finite and every mark placeable: non-finite points dropped, bar and layer values
/// that are not finite drawn as 0, axis tops finite and positive, a year span of at least one year.
pub fn finite(spec: &ChartSpec) -> ChartSpec {
    let pts = |p: &[(i32, f64)], top: f64| -> Vec<(i32, f64)> {
        p.iter().filter_map(|(x, y)| placeable(*y, top).map(|y| (*x, y))).collect()
    };
    let vals = |v: &[f64], top: f64| -> Vec<f64> { v.iter().map(|x| placeable(*x, top).unwrap_or(0.0)).collect() };
    match spec {
        ChartSpec::Time(panels) => ChartSpec::Time(
            panels
                .iter()
                .map(|p| {
                    let y_max = axis_top(p.y_max, p.series.iter().flat_map(|s| s.points.iter().map(|q| q.1)));
                    TimePanel {
                        years: (p.years.0, p.years.1.max(p.years.0 + 1)),
                        y_max,
                        series: p
                            .series
                            .iter()
                            .map(|s| Series { points: pts(&s.points, y_max), ..s.clone() })
                            .collect(),
                        bands: p
                            .bands
                            .iter()
                            .map(|b| Band { lower: pts(&b.lower, y_max), upper: pts(&b.upper, y_max), ..b.clone() })
                            .collect(),
                        observed: pts(&p.observed, y_max),
                        hlines: p
                            .hlines
                            .iter()
                            .filter_map(|h| placeable(h.value, y_max).map(|value| HLine { value, ..h.clone() }))
                            .collect(),
                        ..p.clone()
                    }
                })
                .collect(),
        ),
        ChartSpec::Stacked(s) => {
            let y_max = axis_top(s.y_max, s.layers.iter().flat_map(|l| l.2.iter().copied()));
            ChartSpec::Stacked(Stacked {
                y_max,
                layers: s.layers.iter().map(|(n, c, v)| (n.clone(), *c, vals(v, y_max))).collect(),
                ..s.clone()
            })
        }
        ChartSpec::Distribution(d) => {
            let top = axis_top(f64::NAN, d.baseline.1.iter().chain(&d.scenario.1).copied());
            ChartSpec::Distribution(DistributionChart {
                baseline: (d.baseline.0.clone(), vals(&d.baseline.1, top)),
                scenario: (d.scenario.0.clone(), vals(&d.scenario.1, top)),
                lines: d.lines.iter().filter(|l| l.1.is_finite()).cloned().collect(),
                step: if d.step.is_finite() && d.step > 0.0 { d.step } else { 0.05 },
                ..d.clone()
            })
        }
        ChartSpec::Bars(panels) | ChartSpec::BarsVertical(panels) => {
            let fixed = |b: &Bars| {
                let top = axis_top(b.y_max.unwrap_or(f64::NAN), b.groups.iter().flat_map(|g| g.2.iter().copied()));
                Bars {
                    y_max: b.y_max.filter(|m| m.is_finite() && *m > 0.0),
                    groups: b.groups.iter().map(|(n, c, v)| (n.clone(), *c, vals(v, top))).collect(),
                    ..b.clone()
                }
            };
            let out = panels.iter().map(fixed).collect();
            if matches!(spec, ChartSpec::Bars(_)) {
                ChartSpec::Bars(out)
            } else {
                ChartSpec::BarsVertical(out)
            }
        }
        ChartSpec::Message(m) => ChartSpec::Message(m.clone()),
    }
}

/// The chart as an SVG document of `width` × `height` pixels (exports and the printed brief).
pub fn to_svg(spec: &ChartSpec, width: u32, height: u32, axis: AxisStyle) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        // A failed draw leaves a partial SVG; the caller still gets valid markup.
        let _ = draw(&root, spec, 1.0, axis);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ceiling_rounds_up_to_readable_values() {
        assert_eq!(nice_ceiling(13.2), 20.0);
        assert_eq!(nice_ceiling(2.1), 2.5);
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(50.0), 50.0);
    }

    #[test]
    fn any_data_draws_on_finite_axes() {
        assert!(nice_ceiling(1.2e308).is_finite());
        let wild = [1e308, -1e308, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 3.0];
        let points: Vec<(i32, f64)> = wild.iter().enumerate().map(|(i, v)| (2024 + i as i32, *v)).collect();
        let panel = TimePanel {
            title: "t".into(),
            y_label: "%".into(),
            years: (2024, 2024),
            y_max: f64::INFINITY,
            series: vec![Series { label: "s".into(), color: palette::SCENARIO, points: points.clone(), dashed: false }],
            bands: vec![Band {
                label: "b".into(),
                color: palette::SCENARIO,
                lower: points.clone(),
                upper: points.clone(),
            }],
            observed: points.clone(),
            observed_label: "o".into(),
            hlines: vec![HLine { label: "h".into(), value: f64::NAN, color: palette::TARGET, year: Some(2025) }],
            y_decimals: 0,
        };
        let bars = Bars {
            y_label: "n".into(),
            y_max: Some(f64::INFINITY),
            categories: vec!["a".into(); wild.len()],
            groups: vec![("g".into(), palette::SCENARIO, wild.to_vec())],
            y_decimals: 0,
        };
        let specs = [
            ChartSpec::Time(vec![panel]),
            ChartSpec::Bars(vec![bars.clone()]),
            ChartSpec::BarsVertical(vec![bars]),
            ChartSpec::Stacked(Stacked {
                y_label: "p".into(),
                years: vec![2024, 2025],
                layers: vec![("l".into(), palette::SCENARIO, vec![1e308, f64::NAN])],
                y_max: f64::NAN,
            }),
            ChartSpec::Distribution(DistributionChart {
                x_label: "x".into(),
                y_label: "y".into(),
                step: 0.05,
                baseline: ("b".into(), wild.to_vec()),
                scenario: ("s".into(), wild.to_vec()),
                lines: vec![("l".into(), f64::NAN, palette::EXTREME)],
            }),
        ];
        for spec in &specs {
            // Returns (no endless label search) with a drawn chart.
            let svg = to_svg(spec, 600, 300, AxisStyle { decimal_comma: false });
            assert!(svg.contains("</svg>"), "{spec:?}");
            match finite(spec) {
                ChartSpec::Time(p) => {
                    assert!(p[0].y_max.is_finite() && p[0].years.1 > p[0].years.0);
                    assert!(p[0].series[0].points.iter().all(|q| q.1.is_finite()));
                }
                ChartSpec::Bars(b) | ChartSpec::BarsVertical(b) => {
                    assert!(b[0].groups[0].2.iter().all(|v| v.is_finite()))
                }
                ChartSpec::Stacked(s) => assert!(s.y_max.is_finite() && s.layers[0].2.iter().all(|v| v.is_finite())),
                ChartSpec::Distribution(d) => assert!(d.baseline.1.iter().all(|v| v.is_finite()) && d.lines.is_empty()),
                ChartSpec::Message(_) => unreachable!(),
            }
        }
    }

    #[test]
    fn a_target_of_zero_shows_a_flag_at_its_year_above_the_axis() {
        let panel = |year| TimePanel {
            title: "t".into(),
            y_label: "%".into(),
            years: (2024, 2030),
            y_max: 2.0,
            series: vec![Series {
                label: "s".into(),
                color: palette::SCENARIO,
                points: vec![(2024, 1.5), (2030, 0.5)],
                dashed: false,
            }],
            bands: vec![],
            observed: vec![],
            observed_label: "o".into(),
            hlines: vec![HLine { label: "h".into(), value: 0.0, color: palette::TARGET, year }],
            y_decimals: 1,
        };
        let target = format!("#{:02X}{:02X}{:02X}", palette::TARGET.0, palette::TARGET.1, palette::TARGET.2);
        let filled = |svg: &str| svg.matches(&format!("fill=\"{target}\"")).count();
        let axis = AxisStyle { decimal_comma: false };
        let with = to_svg(&ChartSpec::Time(vec![panel(Some(2025))]), 600, 300, axis);
        let without = to_svg(&ChartSpec::Time(vec![panel(None)]), 600, 300, axis);
        assert!(filled(&with) > filled(&without), "the flag is a filled shape in the target's colour");
        // A due year outside the chart draws no flag.
        let outside = to_svg(&ChartSpec::Time(vec![panel(Some(2040))]), 600, 300, axis);
        assert_eq!(filled(&outside), filled(&without));
    }

    #[test]
    fn many_categories_on_a_phone_lie_down_with_their_names_in_full() {
        let names: Vec<String> = (0..15).map(|i| format!("Bayung Lencir {i}")).collect();
        let bars = |categories: Vec<String>| {
            ChartSpec::BarsVertical(vec![Bars {
                y_label: "Penduduk miskin (%, GK Rp590.000)".into(),
                y_max: None,
                groups: vec![("s".into(), palette::SCENARIO, (0..categories.len()).map(|i| i as f64).collect())],
                categories,
                y_decimals: 1,
            }])
        };
        let axis = AxisStyle { decimal_comma: true };
        // A phone's card (360 × 700 CSS px): every name whole, and the axis name too.
        let phone = to_svg(&bars(names.clone()), 360, 700, axis);
        for n in &names {
            assert!(phone.contains(&format!("{n}\n")), "{n} in full: {phone}");
        }
        assert!(!phone.contains('…'), "no name cut");
        assert!(phone.contains("Penduduk miskin (%, GK Rp590.000)"));
        // A laptop's card: standing bars, names under them (cut to their slot when long).
        let laptop = to_svg(&bars(names[..5].to_vec()), 1200, 400, axis);
        assert!(laptop.contains("Bayung Lencir 0\n"));
    }

    #[test]
    fn axis_labels_follow_the_ui_language() {
        let id = AxisStyle { decimal_comma: true };
        let en = AxisStyle { decimal_comma: false };
        assert_eq!(id.fmt(2.5, 1), "2,5");
        assert_eq!(en.fmt(2.5, 1), "2.5");
        assert_eq!(id.fmt(25_000.0, 0), "25.000");
        assert_eq!(en.fmt(25_000.0, 0), "25,000");
        // One form per axis: 5.000 beside 10.000.
        assert_eq!(id.fmt(5_000.0, 0), "5.000");
        assert_eq!(id.fmt(500.0, 0), "500");
        assert_eq!(en.fmt(1_234.5, 1), "1,234.5");
        assert_eq!(id.fmt(-1_234_567.0, 0), "-1.234.567");
        assert_eq!(en.fmt(-0.04, 1), "0.0");
    }
}
