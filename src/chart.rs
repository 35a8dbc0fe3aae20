//! Charts, split in two: pure data (`ChartSpec`, built by `crate::views::charts` in the UI language and
//! display units) and a `draw` step generic over the plotters backend, so the same chart renders to a
//! canvas, to SVG, or in native tests.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Draws `spec` on `root`; `scale` is the device-pixel ratio so text and lines keep their physical size.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    scale: f64,
    axis: AxisStyle,
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    match spec {
        ChartSpec::Time(panels) => {
            let areas = root.split_evenly((1, panels.len().max(1)));
            for (area, panel) in areas.iter().zip(panels) {
                draw_time_panel(area, panel, scale, axis)?;
            }
        }
        ChartSpec::Stacked(s) => draw_stacked(root, s, scale, axis)?,
        ChartSpec::Distribution(d) => draw_distribution(root, d, scale, axis)?,
        ChartSpec::Bars(panels) => {
            let areas = root.split_evenly((1, panels.len().max(1)));
            for (area, panel) in areas.iter().zip(panels) {
                draw_bars(area, panel, scale, axis)?;
            }
        }
        ChartSpec::BarsVertical(panels) => {
            let areas = root.split_evenly((panels.len().max(1), 1));
            for (area, panel) in areas.iter().zip(panels) {
                draw_bars(area, panel, scale, axis)?;
            }
        }
        ChartSpec::Message(m) => {
            let (w, h) = root.dim_in_pixel();
            let grey = BLACK.mix(0.6);
            let style = TextStyle::from(font(15.0, scale)).color(&grey).pos(Pos::new(HPos::Center, VPos::Center));
            root.draw_text(m, &style, ((w / 2) as i32, (h / 2) as i32))?;
        }
    }
    root.present()?;
    Ok(())
}

/// The legend box every chart uses.
fn legend<'a, DB: DrawingBackend + 'a, CT: plotters::coord::CoordTranslate>(
    ctx: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
    scale: f64,
) -> DrawResult<DB> {
    ctx.configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.92))
        .border_style(palette::GRID)
        .label_font(font(12.0, scale))
        .draw()
}

fn font(size: f64, scale: f64) -> (&'static str, f64) {
    ("system-ui, sans-serif", size * scale)
}

fn px(v: f64, scale: f64) -> u32 {
    (v * scale).round().max(1.0) as u32
}

fn draw_time_panel<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    p: &TimePanel,
    scale: f64,
    axis: AxisStyle,
) -> DrawResult<DB> {
    let mut ctx = ChartBuilder::on(root)
        .caption(&p.title, font(15.0, scale))
        .margin(px(10.0, scale))
        .margin_right(px(24.0, scale))
        .x_label_area_size(px(30.0, scale))
        .y_label_area_size(px(58.0, scale))
        .build_cartesian_2d(p.years.0..p.years.1, 0.0..p.y_max)?;
    let y_fmt = |v: &f64| axis.fmt(*v, p.y_decimals);
    let span = (p.years.1 - p.years.0) as usize;
    ctx.configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .axis_style(BLACK.mix(0.6))
        .x_labels(if span > 10 { span / 2 + 1 } else { span + 1 })
        .x_label_formatter(&|y| y.to_string())
        .y_labels(6)
        .y_label_formatter(&y_fmt)
        .y_desc(p.y_label.as_str())
        .label_style(font(13.0, scale))
        .axis_desc_style(font(13.0, scale))
        .draw()?;
    for b in &p.bands {
        let mut poly: Vec<(i32, f64)> = b.upper.clone();
        poly.extend(b.lower.iter().rev().copied());
        let color = b.color.mix(0.18);
        ctx.draw_series(std::iter::once(Polygon::new(poly, color.filled())))?
            .label(b.label.as_str())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 20, y + 5)], color.filled()));
    }
    for h in &p.hlines {
        let style = ShapeStyle { color: h.color.to_rgba(), filled: false, stroke_width: px(2.0, scale) };
        ctx.draw_series(DashedLineSeries::new(
            [(p.years.0, h.value), (p.years.1, h.value)],
            px(4.0, scale),
            px(4.0, scale),
            style,
        ))?
        .label(h.label.as_str())
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], style));
    }
    for s in &p.series {
        let style = ShapeStyle { color: s.color.to_rgba(), filled: false, stroke_width: px(3.0, scale) };
        if s.dashed {
            ctx.draw_series(DashedLineSeries::new(s.points.iter().copied(), px(8.0, scale), px(5.0, scale), style))?
                .label(s.label.as_str())
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], style));
        } else {
            ctx.draw_series(LineSeries::new(s.points.iter().copied(), style))?
                .label(s.label.as_str())
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], style));
            ctx.draw_series(s.points.iter().map(|q| Circle::new(*q, px(3.0, scale), style.filled())))?;
        }
    }
    if !p.observed.is_empty() {
        let r = px(4.5, scale);
        ctx.draw_series(p.observed.iter().filter(|(y, _)| *y >= p.years.0 && *y <= p.years.1).map(|q| {
            Circle::new(
                *q,
                r,
                ShapeStyle { color: palette::OBSERVED.to_rgba(), filled: false, stroke_width: px(2.0, scale) },
            )
        }))?
        .label(p.observed_label.as_str())
        .legend(move |(x, y)| Circle::new((x + 10, y), r, palette::OBSERVED.stroke_width(2)));
    }
    // Put the legend in whichever corner the data leave free: the right half's upper part, or lower left.
    let mid = (p.years.0 + p.years.1) / 2;
    let right_top = p
        .series
        .iter()
        .flat_map(|s| s.points.iter())
        .chain(p.bands.iter().flat_map(|b| b.upper.iter()))
        .filter(|(y, _)| *y >= mid)
        .map(|(_, v)| *v)
        .chain(p.hlines.iter().map(|h| h.value))
        .fold(0.0_f64, f64::max);
    let position =
        if right_top < 0.45 * p.y_max { SeriesLabelPosition::UpperRight } else { SeriesLabelPosition::LowerLeft };
    legend(&mut ctx, position, scale)?;
    Ok(())
}

fn draw_stacked<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &Stacked,
    scale: f64,
    axis: AxisStyle,
) -> DrawResult<DB> {
    let first = *s.years.first().unwrap_or(&0);
    let last = *s.years.last().unwrap_or(&(first + 1));
    let mut ctx = ChartBuilder::on(root)
        .margin(px(10.0, scale))
        .margin_right(px(24.0, scale))
        .x_label_area_size(px(30.0, scale))
        .y_label_area_size(px(70.0, scale))
        .build_cartesian_2d(first..last.max(first + 1), 0.0..s.y_max)?;
    let y_fmt = |v: &f64| axis.fmt(*v, 0);
    ctx.configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .x_labels(s.years.len())
        .x_label_formatter(&|y| y.to_string())
        .y_labels(6)
        .y_label_formatter(&y_fmt)
        .y_desc(s.y_label.as_str())
        .label_style(font(13.0, scale))
        .axis_desc_style(font(13.0, scale))
        .draw()?;
    let mut below = vec![0.0; s.years.len()];
    for (label, color, values) in &s.layers {
        let above: Vec<f64> = below.iter().zip(values).map(|(b, v)| b + v.max(0.0)).collect();
        let mut poly: Vec<(i32, f64)> = s.years.iter().copied().zip(above.iter().copied()).collect();
        poly.extend(s.years.iter().copied().zip(below.iter().copied()).rev());
        let fill = color.mix(0.85);
        ctx.draw_series(std::iter::once(Polygon::new(poly, fill.filled())))?
            .label(label.as_str())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 20, y + 5)], fill.filled()));
        below = above;
    }
    legend(&mut ctx, SeriesLabelPosition::UpperLeft, scale)?;
    Ok(())
}

fn draw_distribution<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    d: &DistributionChart,
    scale: f64,
    axis: AxisStyle,
) -> DrawResult<DB> {
    let n = d.baseline.1.len().max(d.scenario.1.len());
    let x_max = d.step * n as f64;
    let y_max = nice_ceiling(d.baseline.1.iter().chain(&d.scenario.1).fold(0.0_f64, |a, b| a.max(*b)) * 1.1);
    let mut ctx = ChartBuilder::on(root)
        .margin(px(10.0, scale))
        .margin_right(px(24.0, scale))
        .x_label_area_size(px(40.0, scale))
        .y_label_area_size(px(70.0, scale))
        .build_cartesian_2d(0.0..x_max, 0.0..y_max)?;
    let x_fmt = |v: &f64| format!("{}×", axis.fmt(*v, 1));
    let y_fmt = |v: &f64| axis.fmt(*v, 0);
    ctx.configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .x_labels(7)
        .x_label_formatter(&x_fmt)
        .y_labels(6)
        .y_label_formatter(&y_fmt)
        .x_desc(d.x_label.as_str())
        .y_desc(d.y_label.as_str())
        .label_style(font(13.0, scale))
        .axis_desc_style(font(13.0, scale))
        .draw()?;
    let base_color = palette::BASELINE.mix(0.35);
    ctx.draw_series(
        d.baseline.1.iter().enumerate().map(|(i, v)| {
            Rectangle::new([(i as f64 * d.step, 0.0), ((i + 1) as f64 * d.step, *v)], base_color.filled())
        }),
    )?
    .label(d.baseline.0.as_str())
    .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 20, y + 5)], base_color.filled()));
    let style = ShapeStyle { color: palette::SCENARIO.to_rgba(), filled: false, stroke_width: px(3.0, scale) };
    let steps: Vec<(f64, f64)> = d
        .scenario
        .1
        .iter()
        .enumerate()
        .flat_map(|(i, v)| [(i as f64 * d.step, *v), ((i + 1) as f64 * d.step, *v)])
        .collect();
    ctx.draw_series(LineSeries::new(steps, style))?
        .label(d.scenario.0.as_str())
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], style));
    for (label, x, color) in &d.lines {
        let st = ShapeStyle { color: color.to_rgba(), filled: false, stroke_width: px(2.0, scale) };
        ctx.draw_series(DashedLineSeries::new([(*x, 0.0), (*x, y_max)], px(5.0, scale), px(4.0, scale), st))?
            .label(label.as_str())
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], st));
    }
    legend(&mut ctx, SeriesLabelPosition::UpperRight, scale)?;
    Ok(())
}

fn draw_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    b: &Bars,
    scale: f64,
    axis: AxisStyle,
) -> DrawResult<DB> {
    let n = b.categories.len().max(1);
    let groups = b.groups.len().max(1);
    let y_max = b.y_max.unwrap_or_else(|| {
        nice_ceiling(b.groups.iter().flat_map(|g| g.2.iter()).fold(0.0_f64, |a, v| a.max(*v)) * 1.1)
    });
    let mut ctx = ChartBuilder::on(root)
        .margin(px(10.0, scale))
        .margin_right(px(16.0, scale))
        .x_label_area_size(px(34.0, scale))
        .y_label_area_size(px(70.0, scale))
        .build_cartesian_2d(0.0..n as f64, 0.0..y_max)?;
    let cats = b.categories.clone();
    let x_fmt = move |v: &f64| {
        let i = (*v - 0.5).round();
        if (v - (i + 0.5)).abs() < 1e-6 && i >= 0.0 {
            cats.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    // A fixed top above 100 leaves room for the legend; its labels stop at 100.
    let y_fmt = |v: &f64| {
        if b.y_max.is_some_and(|m| m > 100.0) && *v > 100.0 + 1e-9 {
            String::new()
        } else {
            axis.fmt(*v, b.y_decimals)
        }
    };
    ctx.configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .disable_x_mesh()
        .x_labels(2 * n + 1)
        .x_label_formatter(&x_fmt)
        .y_labels(6)
        .y_label_formatter(&y_fmt)
        .y_desc(b.y_label.as_str())
        .label_style(font(12.0, scale))
        .axis_desc_style(font(13.0, scale))
        .draw()?;
    let width = 0.8 / groups as f64;
    for (g, (label, color, values)) in b.groups.iter().enumerate() {
        let fill = *color;
        ctx.draw_series(values.iter().enumerate().map(|(i, v)| {
            let x0 = i as f64 + 0.1 + g as f64 * width;
            Rectangle::new([(x0, 0.0), (x0 + width * 0.92, v.max(0.0))], fill.filled())
        }))?
        .label(label.as_str())
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 20, y + 5)], fill.filled()));
    }
    if b.groups.len() > 1 {
        legend(&mut ctx, SeriesLabelPosition::UpperRight, scale)?;
    }
    Ok(())
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
