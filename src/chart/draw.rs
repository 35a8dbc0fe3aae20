//! Drawing a `ChartSpec` on any plotters backend: time panels, stacked layers, the distribution and bars,
//! with one mesh style and one legend box for all of them.

use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{nice_ceiling, palette, AxisStyle, Bars, ChartSpec, DistributionChart, Stacked, TimePanel};

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Draws `spec` on `root`; `scale` is the device-pixel ratio so text and lines keep their physical size.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    scale: f64,
    axis: AxisStyle,
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    // Finite axes by construction, whatever the data: plotters' label search never meets an infinite range.
    let spec = &super::finite(spec);
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
    mesh(&mut ctx, scale, 13.0)
        .axis_style(BLACK.mix(0.6))
        .x_labels(if span > 10 { span / 2 + 1 } else { span + 1 })
        .x_label_formatter(&|y| y.to_string())
        .y_labels(6)
        .y_label_formatter(&y_fmt)
        .y_desc(p.y_label.as_str())
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
    mesh(&mut ctx, scale, 13.0)
        .x_labels(s.years.len())
        .x_label_formatter(&|y| y.to_string())
        .y_labels(6)
        .y_label_formatter(&y_fmt)
        .y_desc(s.y_label.as_str())
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
    mesh(&mut ctx, scale, 13.0)
        .x_labels(7)
        .x_label_formatter(&x_fmt)
        .y_labels(6)
        .y_label_formatter(&y_fmt)
        .x_desc(d.x_label.as_str())
        .y_desc(d.y_label.as_str())
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
    mesh(&mut ctx, scale, 12.0)
        .disable_x_mesh()
        .x_labels(2 * n + 1)
        .x_label_formatter(&x_fmt)
        .y_labels(6)
        .y_label_formatter(&y_fmt)
        .y_desc(b.y_label.as_str())
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

/// The mesh every chart uses: no minor lines, light major lines, the axis labels at `label_size`.
fn mesh<'a, 'b, DB, XT, YT, X, Y>(
    ctx: &'b mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    scale: f64,
    label_size: f64,
) -> plotters::chart::MeshStyle<'a, 'b, X, Y, DB>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = XT> + ValueFormatter<XT>,
    Y: Ranged<ValueType = YT> + ValueFormatter<YT>,
{
    let mut m = ctx.configure_mesh();
    m.light_line_style(TRANSPARENT)
        .bold_line_style(palette::GRID)
        .label_style(font(label_size, scale))
        .axis_desc_style(font(13.0, scale));
    m
}
