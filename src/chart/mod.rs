//! Charts, split in two: pure data (`ChartSpec`, built by `crate::present` in the UI language and display
//! units) and a `draw` step (`draw`) generic over the plotters backend, so the same chart renders to a
//! canvas, to SVG, or in native tests.

mod draw;

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

/// A horizontal reference line (a target).
#[derive(Clone, Debug, PartialEq)]
pub struct HLine {
    pub label: String,
    pub value: f64,
    pub color: RGBColor,
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
    fn fmt(&self, v: f64, decimals: usize) -> String {
        let s = format!("{v:.decimals$}");
        let s = if self.decimal_comma { s.replace('.', ",") } else { s };
        // Thousands separators for large counts.
        if decimals == 0 && v.abs() >= 10_000.0 {
            let sep = if self.decimal_comma { '.' } else { ',' };
            let digits: Vec<char> = s.trim_start_matches('-').chars().collect();
            let mut out = String::new();
            for (i, c) in digits.iter().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push(sep);
                }
                out.push(*c);
            }
            if v < 0.0 {
                out.insert(0, '-');
            }
            return out;
        }
        s
    }
}

/// The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ `x`.
pub fn nice_ceiling(x: f64) -> f64 {
    if !x.is_finite() || x <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(x.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * mag >= x {
            return m * mag;
        }
    }
    10.0 * mag
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
    fn axis_labels_follow_the_ui_language() {
        let id = AxisStyle { decimal_comma: true };
        let en = AxisStyle { decimal_comma: false };
        assert_eq!(id.fmt(2.5, 1), "2,5");
        assert_eq!(en.fmt(2.5, 1), "2.5");
        assert_eq!(id.fmt(25_000.0, 0), "25.000");
        assert_eq!(en.fmt(25_000.0, 0), "25,000");
    }
}
