//! Charts, split in two: a pure `prepare` step (ranges, series, labels) and a `draw` step generic over the
//! plotters backend, so the same chart can render to a canvas, to SVG, or be checked natively.

use plotters::coord::Shift;
use plotters::prelude::*;

/// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
pub mod palette {
    use plotters::style::RGBColor;
    pub const BASELINE: RGBColor = RGBColor(0x55, 0x55, 0x55);
    pub const SCENARIO: RGBColor = RGBColor(0x00, 0x72, 0xB2);
    pub const EXTREME: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
    pub const TARGET: RGBColor = RGBColor(0x00, 0x9E, 0x73);
    pub const OBSERVED: RGBColor = RGBColor(0x00, 0x00, 0x00);
    pub const GRID: RGBColor = RGBColor(0xE3, 0xE6, 0xEA);
}

/// One line on a time chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: String,
    pub color: RGBColor,
    pub points: Vec<(i32, f64)>,
    pub dashed: bool,
}

/// Everything a trajectory chart needs, already in display units (percent) and the UI language.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeChart {
    pub y_label: String,
    pub years: (i32, i32),
    pub y_max: f64,
    pub series: Vec<Series>,
    /// Write decimals with a comma (Bahasa Indonesia) rather than a point.
    pub decimal_comma: bool,
}

/// Builds a time chart, choosing a y range that leaves head room above the highest point.
pub fn prepare_time_chart(y_label: String, series: Vec<Series>, decimal_comma: bool) -> TimeChart {
    let first = series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).min().unwrap_or(0);
    let last = series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).max().unwrap_or(first + 1);
    let top = series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).fold(0.0_f64, f64::max);
    let y_max = nice_ceiling(top * 1.15).max(1.0);
    TimeChart { y_label, years: (first, last.max(first + 1)), y_max, series, decimal_comma }
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

/// Draws `chart` on `root`; `scale` is the device-pixel ratio, so text and lines stay the same physical size
/// on a projector or a high-DPI laptop.
pub fn draw_time_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &TimeChart,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * scale).round() as u32;
    let font = |size: f64| ("system-ui, sans-serif", size * scale);
    root.fill(&WHITE)?;
    let y_fmt = |v: &f64| {
        let s = format!("{v:.0}");
        if chart.decimal_comma {
            s.replace('.', ",")
        } else {
            s
        }
    };
    let mut ctx = ChartBuilder::on(root)
        .margin(px(12.0))
        .margin_right(px(30.0))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(56.0))
        .build_cartesian_2d(chart.years.0..chart.years.1, 0.0..chart.y_max)?;
    ctx.configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .y_labels(6)
        .y_label_formatter(&y_fmt)
        .axis_style(BLACK.mix(0.6))
        .x_labels((chart.years.1 - chart.years.0 + 1) as usize)
        .x_label_formatter(&|y| y.to_string())
        .y_desc(chart.y_label.as_str())
        .label_style(font(14.0))
        .axis_desc_style(font(14.0))
        .draw()?;
    for s in &chart.series {
        let style = ShapeStyle { color: s.color.to_rgba(), filled: false, stroke_width: px(3.0).max(1) };
        if s.dashed {
            ctx.draw_series(DashedLineSeries::new(s.points.iter().copied(), px(8.0), px(6.0), style))?
                .label(s.label.as_str())
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], style));
        } else {
            ctx.draw_series(LineSeries::new(s.points.iter().copied(), style))?
                .label(s.label.as_str())
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], style));
            ctx.draw_series(s.points.iter().map(|p| Circle::new(*p, px(3.5), style.filled())))?;
        }
    }
    ctx.configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(palette::GRID)
        .label_font(font(14.0))
        .draw()?;
    root.present()?;
    Ok(())
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
    fn prepare_covers_every_point() {
        let s = Series {
            label: "P0".into(),
            color: palette::SCENARIO,
            points: vec![(2024, 12.9), (2030, 8.0)],
            dashed: false,
        };
        let c = prepare_time_chart("%".into(), vec![s], true);
        assert_eq!(c.years, (2024, 2030));
        assert!(c.y_max >= 12.9 * 1.15);
    }
}
