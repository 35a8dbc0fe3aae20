//! Where everything on a chart goes, decided before anything is drawn: the panels' titles (wrapped to
//! their width), the plots, and one legend strip below them, outside every plot. Pure arithmetic on the
//! canvas size in device pixels and the scale (device-pixel ratio × projector boost), so a native test can
//! check that at phone, laptop and projector sizes no legend covers data, no title runs into its
//! neighbour and no label leaves the canvas.

use plotters::style::{Color, RGBAColor, RGBColor};

use super::{palette, ChartSpec};

/// Type sizes in CSS pixels; multiplied by the scale when drawn.
pub const TITLE_PX: f64 = 15.0;
pub const LEGEND_PX: f64 = 12.5;
pub const TICK_PX: f64 = 13.0;
/// Legend swatch width and the gaps around it, CSS pixels.
pub const SWATCH_PX: f64 = 22.0;
const SWATCH_GAP_PX: f64 = 6.0;
const ENTRY_GAP_PX: f64 = 16.0;
pub const ROW_PX: f64 = 19.0;
const PAD_PX: f64 = 8.0;
/// Below this CSS width per panel, panels go one above the other.
pub const MIN_PANEL_PX: f64 = 330.0;
/// … and only when each stacked panel gets at least this CSS height.
pub const MIN_STACK_HEIGHT_PX: f64 = 200.0;

/// A rectangle in device pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

impl Rect {
    pub fn right(&self) -> i32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> i32 {
        self.y + self.h
    }
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x && o.y >= self.y && o.right() <= self.right() && o.bottom() <= self.bottom()
    }
}

/// What a legend entry shows beside its label.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Swatch {
    Line {
        color: RGBColor,
        dashed: bool,
    },
    Fill(RGBAColor),
    /// An open ring: the observed BPS figures.
    Ring(RGBColor),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub label: String,
    pub swatch: Swatch,
}

/// One legend entry placed: `at` is the swatch's left end on the first line's centre; `lines` its label,
/// wrapped to two lines at most when it is wider than the legend; `bounds` the swatch and the label.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub entry: Entry,
    pub lines: Vec<String>,
    pub at: (i32, i32),
    pub bounds: Rect,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Legend {
    pub area: Rect,
    pub items: Vec<Placed>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PanelPlan {
    /// The title wrapped to the panel's width, one string per line (empty for untitled charts).
    pub title: Vec<String>,
    pub title_area: Rect,
    /// The plot with its axes and tick labels.
    pub chart: Rect,
    /// At most this many x labels fit side by side.
    pub x_labels: usize,
    /// Tick labels on the y axis, 3–6 by the plot's height.
    pub y_labels: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub panels: Vec<PanelPlan>,
    pub legend: Option<Legend>,
    /// Panels one above the other (too narrow side by side).
    pub stacked: bool,
}

/// An estimate of a label's width: per-character widths of a sans-serif face, on the generous side, so what
/// is planned to fit does fit in the browser's font.
pub fn text_width(s: &str, size: f64) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'I' | ' ' | '(' | ')' | '[' | ']' => 0.33,
            'f' | 't' | 'r' | '1' | '-' => 0.42,
            'm' | 'w' | 'M' | 'W' | '%' | '≤' | '×' => 0.88,
            c if c.is_ascii_digit() => 0.62,
            c if c.is_uppercase() => 0.7,
            _ => 0.6,
        })
        .sum();
    // Measured against DejaVu Sans, Debian's system-ui face, with a margin.
    em * size * 1.08
}

/// The same for bold text (titles).
pub fn bold_width(s: &str, size: f64) -> f64 {
    text_width(s, size) * 1.12
}

/// `text` in lines no wider than `width` at `size`, broken between words; a word wider than the line is cut
/// with an ellipsis.
pub fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    wrap_with(text, width, size, text_width)
}

/// `wrap` for bold text.
pub fn wrap_bold(text: &str, width: f64, size: f64) -> Vec<String> {
    wrap_with(text, width, size, bold_width)
}

fn wrap_with(text: &str, width: f64, size: f64, measure: fn(&str, f64) -> f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if measure(&candidate, size) <= width || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.into_iter().map(|l| fit_with(&l, width, size, measure)).collect()
}

/// `text` cut with an ellipsis so it is no wider than `width` at `size`.
pub fn fit(text: &str, width: f64, size: f64) -> String {
    fit_with(text, width, size, text_width)
}

fn fit_with(text: &str, width: f64, size: f64, measure: fn(&str, f64) -> f64) -> String {
    if measure(text, size) <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().collect();
    while !out.is_empty() && measure(&format!("{out}…"), size) > width {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

/// The legend entries of `spec`, in drawing order, each label once (panels side by side share one legend);
/// layers that contribute nothing in any year are left out.
pub fn entries(spec: &ChartSpec) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut push = |label: &str, swatch: Swatch| {
        if !label.is_empty() && !out.iter().any(|e| e.label == label) {
            out.push(Entry { label: label.to_string(), swatch });
        }
    };
    match spec {
        ChartSpec::Time(panels) => {
            for p in panels {
                for b in &p.bands {
                    push(&b.label, Swatch::Fill(b.color.mix(0.18)));
                }
                for h in &p.hlines {
                    push(&h.label, Swatch::Line { color: h.color, dashed: true });
                }
                for s in &p.series {
                    push(&s.label, Swatch::Line { color: s.color, dashed: s.dashed });
                }
                if !p.observed.is_empty() {
                    push(&p.observed_label, Swatch::Ring(palette::OBSERVED));
                }
            }
        }
        ChartSpec::Stacked(s) => {
            for (label, color, values) in &s.layers {
                if values.iter().any(|v| v.is_finite() && *v > 0.0) {
                    push(label, Swatch::Fill(color.mix(0.85)));
                }
            }
        }
        ChartSpec::Distribution(d) => {
            push(&d.baseline.0, Swatch::Fill(palette::BASELINE.mix(0.35)));
            push(&d.scenario.0, Swatch::Line { color: palette::SCENARIO, dashed: false });
            for (label, _, color) in &d.lines {
                push(label, Swatch::Line { color: *color, dashed: true });
            }
        }
        ChartSpec::Bars(panels) | ChartSpec::BarsVertical(panels) => {
            for b in panels.iter().filter(|b| b.groups.len() > 1) {
                for (label, color, _) in &b.groups {
                    push(label, Swatch::Fill(color.to_rgba()));
                }
            }
        }
        ChartSpec::Message(_) => {}
    }
    out
}

fn titles(spec: &ChartSpec) -> Vec<&str> {
    match spec {
        ChartSpec::Time(panels) => panels.iter().map(|p| p.title.as_str()).collect(),
        ChartSpec::Bars(panels) | ChartSpec::BarsVertical(panels) => panels.iter().map(|_| "").collect(),
        _ => vec![""],
    }
}

/// Lays `entries` out in rows across `width` pixels from (`x`, `y`); a label too wide for a row wraps.
fn place_legend(entries: Vec<Entry>, x: i32, y: i32, width: i32, scale: f64) -> Legend {
    let s = |v: f64| (v * scale).round() as i32;
    let size = LEGEND_PX * scale;
    let row = s(ROW_PX);
    let (mut cx, mut cy, mut row_h) = (x, y, row);
    let mut items = Vec::new();
    for entry in entries {
        let label_w = (width - s(SWATCH_PX + SWATCH_GAP_PX)) as f64;
        let mut lines = wrap(&entry.label, label_w, size);
        if lines.len() > 2 {
            let rest = lines[1..].join(" ");
            lines.truncate(1);
            lines.push(fit(&rest, label_w, size));
        }
        let text_w = lines.iter().map(|l| text_width(l, size)).fold(0.0, f64::max);
        let w = s(SWATCH_PX + SWATCH_GAP_PX) + text_w.ceil() as i32;
        let h = row * lines.len() as i32;
        if cx > x && cx + w > x + width {
            cx = x;
            cy += row_h;
            row_h = row;
        }
        row_h = row_h.max(h);
        items.push(Placed { entry, lines, at: (cx, cy + row / 2), bounds: Rect { x: cx, y: cy, w, h } });
        cx += w + s(ENTRY_GAP_PX);
    }
    let h = if items.is_empty() { 0 } else { cy + row_h - y };
    Legend { area: Rect { x, y, w: width, h }, items }
}

/// The plan for `spec` on a canvas of `width` × `height` device pixels at `scale`.
pub fn plan(spec: &ChartSpec, width: u32, height: u32, scale: f64) -> Plan {
    let s = |v: f64| (v * scale).round() as i32;
    let (w, h) = (width as i32, height as i32);
    let titles = titles(spec);
    let n = titles.len().max(1) as i32;
    let side_by_side = matches!(spec, ChartSpec::Time(_) | ChartSpec::Bars(_));
    // One above the other only when there is height for two plots; otherwise narrow panels side by side.
    let stacked = side_by_side
        && n > 1
        && (w as f64 / scale) / n as f64 <= MIN_PANEL_PX
        && (h as f64 / scale) >= MIN_STACK_HEIGHT_PX * n as f64;
    let vertical = stacked || matches!(spec, ChartSpec::BarsVertical(_));

    let pad = s(PAD_PX);
    let entries = entries(spec);
    let legend = (!entries.is_empty()).then(|| {
        // Laid out from the top, then moved to the bottom, below the x axis, with a small gap.
        let mut l = place_legend(entries, pad, 0, w - 2 * pad, scale);
        let dy = h - l.area.h - s(4.0);
        l.area.y += dy;
        for item in &mut l.items {
            item.at.1 += dy;
            item.bounds.y += dy;
        }
        l
    });
    let body_h = legend.as_ref().map_or(h, |l| l.area.y - s(4.0)).max(1);

    let title_size = TITLE_PX * scale;
    let line_h = s(TITLE_PX * 1.3);
    let (cols, rows) = if vertical { (1, n) } else { (n, 1) };
    let cell_w = w / cols;
    let cell_h = body_h / rows;
    let panels = titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (col, row) = if vertical { (0, i as i32) } else { (i as i32, 0) };
            let cell = Rect { x: col * cell_w, y: row * cell_h, w: cell_w, h: cell_h };
            let title = if t.is_empty() { Vec::new() } else { wrap_bold(t, (cell.w - 2 * pad) as f64, title_size) };
            let title_h = if title.is_empty() { 0 } else { title.len() as i32 * line_h + s(4.0) };
            let title_area = Rect { x: cell.x + pad, y: cell.y + s(4.0), w: cell.w - 2 * pad, h: title_h };
            let chart_y = title_area.bottom();
            let chart = Rect { x: cell.x, y: chart_y, w: cell.w, h: (cell.bottom() - chart_y).max(1) };
            // Year labels: four digits and a gap each, over the plot's width (the y labels take ~70 px).
            let plot_w = (chart.w - s(70.0 + 34.0)).max(1) as f64;
            let per_label = text_width("2030", TICK_PX * scale) + 14.0 * scale;
            let x_labels = ((plot_w / per_label).floor() as usize).clamp(2, 12);
            let plot_h = (chart.h as f64 / scale - 50.0).max(1.0);
            let y_labels = ((plot_h / 38.0).floor() as usize).clamp(3, 6);
            PanelPlan { title, title_area, chart, x_labels, y_labels }
        })
        .collect();
    Plan { panels, legend, stacked }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_every_line_fits() {
        let t = "Kemiskinan ekstrem (% penduduk, garis Bank Dunia US$2,15 PPP 2017)";
        let lines = wrap(t, 160.0, 15.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| text_width(l, 15.0) <= 160.0), "{lines:?}");
        assert!(wrap_bold(t, 160.0, 15.0).iter().all(|l| bold_width(l, 15.0) <= 160.0));
        assert_eq!(lines.join(" "), t);
        assert_eq!(wrap(t, 2000.0, 15.0), vec![t.to_string()]);
        // A single word wider than the line is cut, not left to overflow.
        let cut = wrap("Supercalifragilistic", 60.0, 15.0);
        assert!(cut[0].ends_with('…') && text_width(&cut[0], 15.0) <= 60.0, "{cut:?}");
    }

    #[test]
    fn rects_meet_only_when_they_overlap() {
        let a = Rect { x: 0, y: 0, w: 10, h: 10 };
        assert!(a.intersects(&Rect { x: 9, y: 9, w: 5, h: 5 }));
        assert!(!a.intersects(&Rect { x: 10, y: 0, w: 5, h: 5 }));
        assert!(a.contains(&Rect { x: 2, y: 2, w: 8, h: 8 }));
        assert!(!a.contains(&Rect { x: 2, y: 2, w: 9, h: 8 }));
    }
}
