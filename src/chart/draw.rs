//! Drawing a `ChartSpec` on any plotters backend, on the plan `layout::plan` makes: wrapped titles, time
//! panels, stacked layers, the distribution and bars with one mesh style, and one legend strip below the
//! plots (swatches and labels drawn at the scale, so they sit right at any devicePixelRatio).

use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::layout::{self, Legend, PanelPlan, Rect, Swatch};
use super::{nice_ceiling, palette, AxisStyle, Bars, ChartSpec, DistributionChart, Stacked, TimePanel};

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Draws `spec` on `root`; `scale` is the device-pixel ratio (times the projector boost) so text and lines
/// keep their physical size.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    scale: f64,
    axis: AxisStyle,
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    // Finite axes by construction, whatever the data: plotters' label search never meets an infinite range.
    let spec = &super::finite(spec);
    if let ChartSpec::Message(m) = spec {
        let (w, h) = root.dim_in_pixel();
        let grey = BLACK.mix(0.6);
        let style = TextStyle::from(font(15.0, scale)).color(&grey).pos(Pos::new(HPos::Center, VPos::Center));
        root.draw_text(m, &style, ((w / 2) as i32, (h / 2) as i32))?;
        root.present()?;
        return Ok(());
    }
    let (w, h) = root.dim_in_pixel();
    let plan = layout::plan(spec, w, h, scale);
    for (i, p) in plan.panels.iter().enumerate() {
        draw_title(root, p, scale)?;
        let area = sub(root, p.chart);
        match spec {
            ChartSpec::Time(panels) => draw_time_panel(&area, &panels[i], p, scale, axis)?,
            ChartSpec::Stacked(s) => draw_stacked(&area, s, p, scale, axis)?,
            ChartSpec::Distribution(d) => draw_distribution(&area, d, p, scale, axis)?,
            ChartSpec::Bars(panels) | ChartSpec::BarsVertical(panels) => draw_bars(&area, &panels[i], p, scale, axis)?,
            ChartSpec::Message(_) => {}
        }
    }
    if let Some(l) = &plan.legend {
        draw_legend(root, l, scale)?;
    }
    root.present()?;
    Ok(())
}

/// The part of `root` that `r` covers.
fn sub<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, r: Rect) -> DrawingArea<DB, Shift> {
    root.clone().shrink((r.x, r.y), (r.w.max(1), r.h.max(1)))
}

fn draw_title<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, p: &PanelPlan, scale: f64) -> DrawResult<DB> {
    let line_h = (layout::TITLE_PX * 1.3 * scale).round() as i32;
    let ink = BLACK.mix(0.85);
    let style = TextStyle::from(font(layout::TITLE_PX, scale).into_font().style(FontStyle::Bold))
        .color(&ink)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let cx = p.title_area.x + p.title_area.w / 2;
    for (i, line) in p.title.iter().enumerate() {
        root.draw_text(line, &style, (cx, p.title_area.y + i as i32 * line_h))?;
    }
    Ok(())
}

/// The legend strip: each swatch drawn at the scale, its label beside it.
fn draw_legend<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, l: &Legend, scale: f64) -> DrawResult<DB> {
    let s = |v: f64| (v * scale).round() as i32;
    let sw = s(layout::SWATCH_PX);
    let ink = BLACK.mix(0.85);
    let text = TextStyle::from(font(layout::LEGEND_PX, scale)).color(&ink).pos(Pos::new(HPos::Left, VPos::Center));
    for item in &l.items {
        let (x, y) = item.at;
        match item.entry.swatch {
            Swatch::Line { color, dashed } => {
                let style = ShapeStyle { color: color.to_rgba(), filled: false, stroke_width: px(3.0, scale) };
                if dashed {
                    root.draw(&DashedPathElement::new([(x, y), (x + sw, y)], s(6.0), s(4.0), style))?;
                } else {
                    root.draw(&PathElement::new([(x, y), (x + sw, y)], style))?;
                }
            }
            Swatch::Fill(color) => {
                root.draw(&Rectangle::new([(x, y - s(6.0)), (x + sw, y + s(6.0))], color.filled()))?;
            }
            Swatch::Ring(color) => {
                let style = ShapeStyle { color: color.to_rgba(), filled: false, stroke_width: px(2.0, scale) };
                root.draw(&Circle::new((x + sw / 2, y), px(4.5, scale), style))?;
            }
        }
        let line_h = (layout::ROW_PX * scale).round() as i32;
        for (i, line) in item.lines.iter().enumerate() {
            root.draw_text(line, &text, (x + sw + s(6.0), y + i as i32 * line_h))?;
        }
    }
    Ok(())
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
    plan: &PanelPlan,
    scale: f64,
    axis: AxisStyle,
) -> DrawResult<DB> {
    let mut ctx = ChartBuilder::on(root)
        .margin(px(6.0, scale))
        .margin_right(px(18.0, scale))
        .x_label_area_size(px(30.0, scale))
        .y_label_area_size(px(58.0, scale))
        .build_cartesian_2d(p.years.0..p.years.1, 0.0..p.y_max)?;
    let y_fmt = |v: &f64| axis.fmt(*v, p.y_decimals);
    mesh(&mut ctx, scale, layout::TICK_PX)
        .axis_style(BLACK.mix(0.6))
        .x_labels(plan.x_labels)
        .x_label_formatter(&|y| y.to_string())
        .y_labels(plan.y_labels)
        .y_label_formatter(&y_fmt)
        .y_desc(p.y_label.as_str())
        .draw()?;
    for b in &p.bands {
        let mut poly: Vec<(i32, f64)> = b.upper.clone();
        poly.extend(b.lower.iter().rev().copied());
        ctx.draw_series(std::iter::once(Polygon::new(poly, b.color.mix(0.18).filled())))?;
    }
    for h in &p.hlines {
        let style = ShapeStyle { color: h.color.to_rgba(), filled: false, stroke_width: px(2.0, scale) };
        ctx.draw_series(DashedLineSeries::new(
            [(p.years.0, h.value), (p.years.1, h.value)],
            px(4.0, scale),
            px(4.0, scale),
            style,
        ))?;
        // The due year: a flag on the line (half of it shows when the target is 0% on the axis).
        if let Some(year) = h.year.filter(|y| (p.years.0..=p.years.1).contains(y)) {
            ctx.draw_series(std::iter::once(TriangleMarker::new((year, h.value), px(8.0, scale), style.filled())))?;
        }
    }
    for s in &p.series {
        let style = ShapeStyle { color: s.color.to_rgba(), filled: false, stroke_width: px(3.0, scale) };
        if s.dashed {
            ctx.draw_series(DashedLineSeries::new(s.points.iter().copied(), px(8.0, scale), px(5.0, scale), style))?;
        } else {
            ctx.draw_series(LineSeries::new(s.points.iter().copied(), style))?;
            ctx.draw_series(s.points.iter().map(|q| Circle::new(*q, px(3.0, scale), style.filled())))?;
        }
    }
    if !p.observed.is_empty() {
        let r = px(4.5, scale);
        let style = ShapeStyle { color: palette::OBSERVED.to_rgba(), filled: false, stroke_width: px(2.0, scale) };
        ctx.draw_series(
            p.observed.iter().filter(|(y, _)| *y >= p.years.0 && *y <= p.years.1).map(|q| Circle::new(*q, r, style)),
        )?;
    }
    Ok(())
}

fn draw_stacked<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &Stacked,
    plan: &PanelPlan,
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
    mesh(&mut ctx, scale, layout::TICK_PX)
        .x_labels(plan.x_labels.min(s.years.len().max(2)))
        .x_label_formatter(&|y| y.to_string())
        .y_labels(plan.y_labels)
        .y_label_formatter(&y_fmt)
        .y_desc(s.y_label.as_str())
        .draw()?;
    let mut below = vec![0.0; s.years.len()];
    for (_, color, values) in &s.layers {
        let above: Vec<f64> = below.iter().zip(values).map(|(b, v)| b + v.max(0.0)).collect();
        let mut poly: Vec<(i32, f64)> = s.years.iter().copied().zip(above.iter().copied()).collect();
        poly.extend(s.years.iter().copied().zip(below.iter().copied()).rev());
        ctx.draw_series(std::iter::once(Polygon::new(poly, color.mix(0.85).filled())))?;
        below = above;
    }
    Ok(())
}

fn draw_distribution<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    d: &DistributionChart,
    plan: &PanelPlan,
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
    mesh(&mut ctx, scale, layout::TICK_PX)
        .x_labels(plan.x_labels.min(7))
        .x_label_formatter(&x_fmt)
        .y_labels(plan.y_labels)
        .y_label_formatter(&y_fmt)
        .x_desc(d.x_label.as_str())
        .y_desc(d.y_label.as_str())
        .draw()?;
    let base_color = palette::BASELINE.mix(0.35);
    ctx.draw_series(
        d.baseline.1.iter().enumerate().map(|(i, v)| {
            Rectangle::new([(i as f64 * d.step, 0.0), ((i + 1) as f64 * d.step, *v)], base_color.filled())
        }),
    )?;
    let style = ShapeStyle { color: palette::SCENARIO.to_rgba(), filled: false, stroke_width: px(3.0, scale) };
    let steps: Vec<(f64, f64)> = d
        .scenario
        .1
        .iter()
        .enumerate()
        .flat_map(|(i, v)| [(i as f64 * d.step, *v), ((i + 1) as f64 * d.step, *v)])
        .collect();
    ctx.draw_series(LineSeries::new(steps, style))?;
    for (_, x, color) in &d.lines {
        let st = ShapeStyle { color: color.to_rgba(), filled: false, stroke_width: px(2.0, scale) };
        ctx.draw_series(DashedLineSeries::new([(*x, 0.0), (*x, y_max)], px(5.0, scale), px(4.0, scale), st))?;
    }
    Ok(())
}

fn draw_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    b: &Bars,
    plan: &PanelPlan,
    scale: f64,
    axis: AxisStyle,
) -> DrawResult<DB> {
    let n = b.categories.len().max(1);
    let groups = b.groups.len().max(1);
    let y_max = b.y_max.unwrap_or_else(|| {
        nice_ceiling(b.groups.iter().flat_map(|g| g.2.iter()).fold(0.0_f64, |a, v| a.max(*v)) * 1.1)
    });
    // Too narrow for the names under the bars (a phone, many kecamatan) but tall enough for a row each: the
    // bars lie down and the names go on the left, in full or nearly.
    let tick = 12.0 * scale;
    let slot = (plan.chart.w as f64 - 96.0 * scale) / n as f64 - 6.0 * scale;
    let row = (plan.chart.h as f64 - 60.0 * scale) / n as f64;
    if slot < layout::text_width("Kecamatan", tick) && row >= 12.0 * scale {
        return draw_bars_lying(root, b, plan, scale, axis, y_max);
    }
    let mut ctx = ChartBuilder::on(root)
        .margin(px(10.0, scale))
        .margin_right(px(16.0, scale))
        .x_label_area_size(px(34.0, scale))
        .y_label_area_size(px(70.0, scale))
        .build_cartesian_2d(0.0..n as f64, 0.0..y_max)?;
    // Category names cut to the width of their slot (the table below the chart has them in full).
    let cats: Vec<String> = b.categories.iter().map(|c| layout::fit(c, slot.max(tick), tick)).collect();
    let x_fmt = move |v: &f64| {
        let i = (*v - 0.5).round();
        if (v - (i + 0.5)).abs() < 1e-6 && i >= 0.0 {
            cats.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    // A fixed top above 100 leaves headroom; its labels stop at 100.
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
        .y_labels(plan.y_labels)
        .y_label_formatter(&y_fmt)
        .y_desc(b.y_label.as_str())
        .draw()?;
    let width = 0.8 / groups as f64;
    for (g, (_, color, values)) in b.groups.iter().enumerate() {
        let fill = *color;
        ctx.draw_series(values.iter().enumerate().map(|(i, v)| {
            let x0 = i as f64 + 0.1 + g as f64 * width;
            Rectangle::new([(x0, 0.0), (x0 + width * 0.92, v.max(0.0))], fill.filled())
        }))?;
    }
    Ok(())
}

/// Bars lying down: the categories top to bottom on the left, the values along the x axis.
fn draw_bars_lying<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    b: &Bars,
    plan: &PanelPlan,
    scale: f64,
    axis: AxisStyle,
    x_max: f64,
) -> DrawResult<DB> {
    let n = b.categories.len().max(1);
    let groups = b.groups.len().max(1);
    let tick = 11.0 * scale;
    let widest = b.categories.iter().map(|c| layout::text_width(c, tick)).fold(0.0, f64::max);
    let label_w = (widest + 10.0 * scale).min(0.45 * plan.chart.w as f64);
    let cats: Vec<String> = b.categories.iter().map(|c| layout::fit(c, label_w - 8.0 * scale, tick)).collect();
    let mut ctx = ChartBuilder::on(root)
        .margin(px(10.0, scale))
        .margin_right(px(16.0, scale))
        .x_label_area_size(px(40.0, scale))
        .y_label_area_size(label_w.round().max(1.0) as u32)
        .build_cartesian_2d(0.0..x_max, 0.0..n as f64)?;
    // The first category on top.
    let y_fmt = move |v: &f64| {
        let i = (*v - 0.5).round();
        if (v - (i + 0.5)).abs() < 1e-6 && i >= 0.0 && (i as usize) < n {
            cats.get(n - 1 - i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    let x_fmt = |v: &f64| axis.fmt(*v, b.y_decimals);
    mesh(&mut ctx, scale, 11.0)
        .disable_y_mesh()
        .y_labels(2 * n + 1)
        .y_label_formatter(&y_fmt)
        .x_labels(4)
        .x_label_formatter(&x_fmt)
        .draw()?;
    // The axis name under the whole panel (names and plot), not only the plot's width, which is narrow here.
    let (w, h) = root.dim_in_pixel();
    let desc = layout::fit(&b.y_label, w as f64 - 20.0 * scale, 12.0 * scale);
    let style = TextStyle::from(font(12.0, scale)).pos(Pos::new(HPos::Center, VPos::Bottom));
    root.draw(&Text::new(desc, (w as i32 / 2, h as i32 - px(2.0, scale) as i32), style))?;
    let width = 0.8 / groups as f64;
    for (g, (_, color, values)) in b.groups.iter().enumerate() {
        let fill = *color;
        ctx.draw_series(values.iter().enumerate().map(|(i, v)| {
            let y0 = (n - 1 - i) as f64 + 0.1 + (groups - 1 - g) as f64 * width;
            Rectangle::new([(0.0, y0), (v.max(0.0), y0 + width * 0.92)], fill.filled())
        }))?;
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
