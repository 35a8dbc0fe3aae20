//! A chart card: title, a canvas drawn crisply at any devicePixelRatio and only near the viewport, exports
//! (PNG, SVG, CSV), and the same data as a table built only when opened.

use leptos::prelude::*;
use leptos_use::{use_intersection_observer_with_options, UseIntersectionObserverOptions};

use crate::browser::{download, download_url};
use crate::chart::{self, AxisStyle, ChartSpec};
use crate::i18n::{tr, use_lang, Lang};
use crate::present::{export, DataTable};

#[component]
pub fn ChartCard(
    testid: &'static str,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] spec: Signal<ChartSpec>,
    #[prop(into)] table: Signal<DataTable>,
    #[prop(optional)] tall: bool,
    /// What the chart shows when it is not the working scenario (for the exports' caption).
    #[prop(optional, into)]
    scenarios: Option<Signal<String>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let lang = use_lang();
    let projector = crate::state::use_state().ui.projector;
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let resized = RwSignal::new(0u32);
    let handle = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));
    on_cleanup(move || handle.remove());
    // Off-screen charts are drawn when they come near the viewport, not on every lever move. The observer is
    // disconnected when the card goes (pages re-mount on navigation).
    let visible = RwSignal::new(true);
    let table_open = RwSignal::new(false);
    use_intersection_observer_with_options(
        canvas,
        move |entries, _| {
            if let Some(e) = entries.last() {
                // The card may be gone (page switched): a disposed signal just ignores the value.
                let _ = visible.try_set(e.is_intersecting());
            }
        },
        UseIntersectionObserverOptions::default().root_margin("200px 0px 200px 0px"),
    );
    Effect::new(move |_| {
        resized.track();
        if !visible.get() {
            return;
        }
        let axis = AxisStyle { decimal_comma: lang.get() == Lang::Id };
        let s = crate::browser::measured(&format!("entas-spec-{testid}"), || spec.get());
        // Projector mode: larger chart text and lines, like the rest of the page.
        let boost = if projector.get() { 1.35 } else { 1.0 };
        if let Some(el) = canvas.get() {
            crate::browser::measured(&format!("entas-draw-{testid}"), || draw_on_canvas(&el, &s, axis, boost));
        }
    });
    // Ctrl+P prints every chart, the ones never scrolled to included: draw them all before the print layout.
    let print = leptos::prelude::window_event_listener_untyped("beforeprint", move |_| {
        if let Some(el) = canvas.get_untracked() {
            let axis = AxisStyle { decimal_comma: lang.get_untracked() == Lang::Id };
            draw_on_canvas(&el, &spec.get_untracked(), axis, 1.0);
        }
    });
    on_cleanup(move || print.remove());
    // What every export carries: title, district, scenario, lines, sample, source, date.
    let run = crate::state::use_state().working.run;
    let caption = move || {
        let name = testid.trim_start_matches("chart-");
        run.with_untracked(|r| {
            let shown = scenarios.map(|s| s.get_untracked());
            export::caption(
                r,
                name,
                &title.get_untracked(),
                shown.as_deref(),
                &crate::browser::today(),
                lang.get_untracked(),
            )
        })
    };
    view! {
        <figure class="panel chart-card" class:tall=tall data-testid=testid>
            <div class="chart-head">
                <figcaption data-testid="chart-title">{move || title.get()}</figcaption>
                <div class="chart-controls">
                    {children.map(|c| c())}
                    <span class="export-buttons">
                        <button type="button" class="mini-btn" data-testid="export-png" title=move || lang.get().t("export.png")
                            on:click=move |_| {
                                let c = caption();
                                if let Some(url) = canvas.get().and_then(|el| crate::browser::png_with_caption(&el, &c.title, &c.lines)) {
                                    download_url(&format!("{}.png", c.file_stem), &url);
                                }
                            }>"PNG"</button>
                        <button type="button" class="mini-btn" data-testid="export-svg" title=move || lang.get().t("export.svg")
                            on:click=move |_| {
                                let c = caption();
                                let axis = AxisStyle { decimal_comma: lang.get_untracked() == Lang::Id };
                                let svg = export::svg_with_caption(&chart::to_svg(&spec.get_untracked(), 1200, 600, axis), 1200, 600, &c);
                                download(&format!("{}.svg", c.file_stem), "image/svg+xml", &svg);
                            }>"SVG"</button>
                        <button type="button" class="mini-btn" data-testid="export-csv" title=move || lang.get().t("export.csv")
                            on:click=move |_| {
                                let c = caption();
                                download(&format!("{}.csv", c.file_stem), "text/csv", &export::data_csv(&spec.get_untracked(), &c));
                            }>"CSV"</button>
                    </span>
                </div>
            </div>
            <canvas node_ref=canvas class="chart" role="img" aria-label=move || title.get()></canvas>
            <details class="data-table" on:toggle=move |ev| table_open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                <summary>{tr("chart.table")}</summary>
                // Built only while open: a closed table costs nothing when levers move.
                <Show when=move || table_open.get()>
                    <div class="table-scroll">
                        <table>
                            <thead>
                                <tr>{move || table.with(|t| t.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view())}</tr>
                            </thead>
                            <tbody>
                                {move || {
                                    table.with(|t| {
                                        t.rows
                                            .iter()
                                            .map(|r| view! { <tr>{r.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr> })
                                            .collect_view()
                                    })
                                }}
                            </tbody>
                        </table>
                    </div>
                </Show>
            </details>
        </figure>
    }
}

/// Sizes the canvas backing store to its CSS size × devicePixelRatio and draws the chart.
/// `boost` enlarges text and lines beyond the device-pixel ratio (projector mode).
pub fn draw_on_canvas(el: &web_sys::HtmlCanvasElement, spec: &ChartSpec, axis: AxisStyle, boost: f64) {
    use plotters::prelude::IntoDrawingArea;
    let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).max(1.0);
    let (w, h) = (el.client_width().max(1) as f64, el.client_height().max(1) as f64);
    el.set_width((w * dpr).round() as u32);
    el.set_height((h * dpr).round() as u32);
    if let Some(backend) = plotters_canvas::CanvasBackend::with_canvas_object(el.clone()) {
        let root = backend.into_drawing_area();
        if let Err(e) = chart::draw(&root, spec, dpr * boost, axis) {
            leptos::logging::warn!("chart: {e}");
        }
    }
}
