//! The first screen: header, lever panel, KPI strip and the trajectory chart.

use entas_model::levers::{LeverSpec, GROWTH_B40};
use entas_model::lognormal::{project_headcount, HeadcountProjection, Lognormal};
use entas_model::presets::{DistrictBase, MUBA_2024};
use leptos::prelude::*;

use crate::chart::{self, palette, Series};
use crate::format;
use crate::i18n::{tr, use_lang, Lang, UiLang};

/// Log-spread of the lower tail used by the demonstration projection (brief §5: σ_low ≈ 0.40–0.45).
const DEMO_SIGMA: f64 = 0.42;
/// Years projected after the base year.
const DEMO_YEARS: usize = 6;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::Id);
    provide_context(UiLang(lang));
    let district = MUBA_2024;
    let growth = RwSignal::new(GROWTH_B40.default);
    let projection = Memo::new(move |_| project(&district, growth.get()));

    view! {
        <div class="app" lang=move || lang.get().code()>
            <Header district/>
            <main class="layout">
                <aside class="panel levers" aria-labelledby="levers-title">
                    <h2 id="levers-title">{tr("levers.title")}</h2>
                    <section class="lever-group" data-group="assumption">
                        <h3>{tr("group.assumption")}</h3>
                        <LeverControl spec=GROWTH_B40 value=growth/>
                    </section>
                    <p class="hint">{tr("levers.more_soon")}</p>
                </aside>
                <section class="results" aria-label=tr("results.title")>
                    <KpiStrip projection/>
                    <TrajectoryChart projection/>
                    <p class="assumption-note">{tr("note.real_line")}</p>
                </section>
            </main>
            <footer class="footer">
                <span>{tr("footer.source")}" "{district.source}</span>
                <span>{tr("footer.offline")}</span>
            </footer>
        </div>
    }
}

fn project(d: &DistrictBase, growth_pct: f64) -> HeadcountProjection {
    let base = Lognormal::from_headcount(d.p0_pct / 100.0, d.poverty_line, DEMO_SIGMA);
    project_headcount(base, d.poverty_line, d.population, d.year, growth_pct, DEMO_YEARS)
}

#[component]
fn Header(district: DistrictBase) -> impl IntoView {
    let lang = use_lang();
    let button = move |l: Lang, label: &'static str| {
        view! {
            <button
                type="button"
                class="lang-btn"
                data-testid=format!("lang-{}", l.code())
                aria-pressed=move || (lang.get() == l).to_string()
                on:click=move |_| lang.set(l)
            >
                {label}
            </button>
        }
    };
    view! {
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">"E"</span>
                <div>
                    <h1 data-testid="app-title">"Entas"</h1>
                    <p class="tagline">{tr("app.tagline")}</p>
                </div>
            </div>
            <div class="district" data-testid="district">
                <span class="district-label">{tr("district.label")}</span>
                <strong>{district.name}" · "{district.year}</strong>
            </div>
            <div class="lang-switch" role="group" aria-label=tr("lang.switch")>
                {button(Lang::Id, "Bahasa Indonesia")}
                {button(Lang::En, "English")}
            </div>
        </header>
    }
}

/// One lever: label, slider, value in its unit, reset, and its source.
#[component]
pub fn LeverControl(spec: LeverSpec, value: RwSignal<f64>) -> impl IntoView {
    let lang = use_lang();
    let label = move || lang.get().t(&format!("lever.{}.label", spec.id));
    let shown = move || format!("{} / {}", format::percent(value.get(), 1, lang.get()), lang.get().t("unit.year"));
    let input_id = format!("lever-{}", spec.id);
    view! {
        <div class="lever" data-testid=format!("lever-{}", spec.id)>
            <div class="lever-head">
                <label for=input_id.clone()>{label}</label>
                <output for=input_id.clone() data-testid="lever-value">{shown}</output>
            </div>
            <input
                id=input_id
                type="range"
                min=spec.min
                max=spec.max
                step=spec.step
                prop:value=move || value.get().to_string()
                on:input=move |ev| {
                    if let Ok(v) = spec.validate(event_target_value(&ev).parse().unwrap_or(f64::NAN)) {
                        value.set(v);
                    }
                }
            />
            <div class="lever-foot">
                <span class="range">
                    {move || format!("{} – {}", format::percent(spec.min, 1, lang.get()), format::percent(spec.max, 1, lang.get()))}
                </span>
                <button type="button" class="link-btn" data-testid="lever-reset" on:click=move |_| value.set(spec.default)>
                    {tr("lever.reset")}
                </button>
            </div>
            <p class="source"><span>{tr("lever.source")}": "</span>{spec.source}</p>
        </div>
    }
}

#[component]
fn KpiStrip(projection: Memo<HeadcountProjection>) -> impl IntoView {
    let lang = use_lang();
    let last_year = move || projection.with(|p| p.base_year + p.p0_pct.len() as i32 - 1);
    let line = move || format::rupiah(projection.with(|p| p.poverty_line), lang.get());
    let base = move || format::percent(projection.with(|p| p.p0_pct[0]), 2, lang.get());
    let end = move || format::percent(projection.with(|p| *p.p0_pct.last().unwrap_or(&f64::NAN)), 2, lang.get());
    let change = move || {
        projection.with(|p| format::pp_change(p.p0_pct.last().unwrap_or(&f64::NAN) - p.p0_pct[0], 2, lang.get()))
    };
    let people = move || format::number(projection.with(|p| *p.poor_people.last().unwrap_or(&f64::NAN)), 0, lang.get());
    view! {
        <div class="kpis" data-testid="kpis">
            <div class="kpi">
                <span class="kpi-label">{tr("kpi.p0")}" "{move || projection.with(|p| p.base_year)}</span>
                <span class="kpi-value" data-testid="kpi-p0-base">{base}</span>
                <span class="kpi-sub">{tr("kpi.line")}" "{line}</span>
            </div>
            <div class="kpi kpi-main">
                <span class="kpi-label">{tr("kpi.p0")}" "{last_year}</span>
                <span class="kpi-value" data-testid="kpi-p0-end">{end}</span>
                <span class="kpi-sub">{change}" "{tr("kpi.vs_base")}</span>
            </div>
            <div class="kpi">
                <span class="kpi-label">{tr("kpi.poor_people")}" "{last_year}</span>
                <span class="kpi-value" data-testid="kpi-poor-people">{people}</span>
                <span class="kpi-sub">{tr("kpi.people")}</span>
            </div>
        </div>
    }
}

#[component]
fn TrajectoryChart(projection: Memo<HeadcountProjection>) -> impl IntoView {
    let lang = use_lang();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let resized = RwSignal::new(0u32);
    let handle = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));
    on_cleanup(move || handle.remove());
    let title = move || {
        projection.with(|p| {
            let l = lang.get();
            format!(
                "{} (GK {}/{}), {}–{}",
                l.t("chart.trajectory.title"),
                format::rupiah(p.poverty_line, l),
                l.t("unit.capita_month"),
                p.base_year,
                p.base_year + p.p0_pct.len() as i32 - 1
            )
        })
    };
    Effect::new(move |_| {
        resized.track();
        let l = lang.get();
        let data = projection.with(|p| {
            let points = p.p0_pct.iter().enumerate().map(|(i, v)| (p.base_year + i as i32, *v)).collect();
            chart::prepare_time_chart(
                l.t("chart.trajectory.y"),
                vec![Series { label: l.t("chart.series.projection"), color: palette::SCENARIO, points, dashed: false }],
                l == Lang::Id,
            )
        });
        if let Some(el) = canvas.get() {
            draw_on_canvas(&el, &data);
        }
    });
    view! {
        <figure class="panel chart-card">
            <figcaption data-testid="chart-title">{title}</figcaption>
            <canvas node_ref=canvas class="chart" data-testid="trajectory-chart" role="img" aria-label=title></canvas>
        </figure>
    }
}

/// Sizes the canvas backing store to its CSS size × devicePixelRatio and draws the chart crisply.
fn draw_on_canvas(el: &web_sys::HtmlCanvasElement, data: &chart::TimeChart) {
    use plotters::prelude::IntoDrawingArea;
    let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).max(1.0);
    let (w, h) = (el.client_width().max(1) as f64, el.client_height().max(1) as f64);
    el.set_width((w * dpr).round() as u32);
    el.set_height((h * dpr).round() as u32);
    if let Some(backend) = plotters_canvas::CanvasBackend::with_canvas_object(el.clone()) {
        let root = backend.into_drawing_area();
        if let Err(e) = chart::draw_time_chart(&root, data, dpr) {
            leptos::logging::warn!("chart: {e}");
        }
    }
}
