//! The first screen: header, lever panel, KPI strip and the trajectory chart.

use std::sync::Arc;

use entas_model::levers::{self, LeverSpec, LeverValues};
use entas_model::simulate::{simulate_with, Active};
use entas_model::{Model, Outcome};
use leptos::prelude::*;

use crate::chart::{self, palette, Series};
use crate::format;
use crate::i18n::{tr, use_lang, Lang, UiLang};

/// The preset the first screen opens with.
const START_PRESET: &str = "muba_2024";

/// The district model the screen runs: validated scenario and calibrated population, immutable.
#[derive(Clone)]
struct District(Arc<Model>);

fn start_model() -> Option<Model> {
    Model::new(entas_model::presets::preset(START_PRESET)?).ok()
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::Id);
    provide_context(UiLang(lang));
    let Some(model) = start_model() else {
        return view! { <p class="fatal">"Entas: the built-in preset failed to load."</p> }.into_any();
    };
    let district = District(Arc::new(model));
    let growth_spec = levers::spec("growth_b40").copied().unwrap_or(levers::LEVERS[0]);
    let growth = RwSignal::new(district.0.scenario.levers.get(growth_spec.id));
    let run = district.clone();
    let projection = Memo::new(move |_| {
        let m = &run.0;
        let mut lv: LeverValues = m.scenario.levers.clone();
        // The value comes from a validated control; a refusal leaves the scenario's own value.
        let _ = lv.set(growth_spec.id, growth.get());
        Projection(Arc::new(simulate_with(&m.scenario, &lv, &m.population, Active::ALL, None)))
    });
    let name = district.0.scenario.district.name.clone();
    let base_year = district.0.scenario.district.base_year;
    let sources = district.0.scenario.district.sources.join(" · ");

    view! {
        <div class="app" lang=move || lang.get().code()>
            <Header name base_year/>
            <main class="layout">
                <aside class="panel levers" aria-labelledby="levers-title">
                    <h2 id="levers-title">{tr("levers.title")}</h2>
                    <section class="lever-group" data-group="assumption">
                        <h3>{tr("group.assumption")}</h3>
                        <LeverControl spec=growth_spec value=growth/>
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
                <span>{tr("footer.source")}" "{sources}</span>
                <span>{tr("footer.offline")}</span>
            </footer>
        </div>
    }
    .into_any()
}

/// One simulation outcome, shared cheaply between the views that read it.
#[derive(Clone)]
pub struct Projection(pub Arc<Outcome>);

impl PartialEq for Projection {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

#[component]
fn Header(name: String, base_year: i32) -> impl IntoView {
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
                <strong>{name}" · "{base_year}</strong>
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
fn KpiStrip(projection: Memo<Projection>) -> impl IntoView {
    let lang = use_lang();
    let with = move |f: &dyn Fn(&Outcome) -> String| projection.with(|p| f(&p.0));
    let last_year = move || projection.with(|p| p.0.scenario.last().map(|r| r.year).unwrap_or(p.0.base_year));
    let line = move || with(&|o| format::rupiah(o.poverty_line, lang.get()));
    let base = move || with(&|o| format::percent(o.scenario[0].p0_pct, 2, lang.get()));
    let end = move || with(&|o| format::percent(o.scenario.last().map_or(f64::NAN, |r| r.p0_pct), 2, lang.get()));
    let change = move || {
        with(&|o| {
            format::pp_change(o.scenario.last().map_or(f64::NAN, |r| r.p0_pct) - o.scenario[0].p0_pct, 2, lang.get())
        })
    };
    let people =
        move || with(&|o| format::number(o.scenario.last().map_or(f64::NAN, |r| r.poor_people), 0, lang.get()));
    view! {
        <div class="kpis" data-testid="kpis">
            <div class="kpi">
                <span class="kpi-label">{tr("kpi.p0")}" "{move || projection.with(|p| p.0.base_year)}</span>
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
fn TrajectoryChart(projection: Memo<Projection>) -> impl IntoView {
    let lang = use_lang();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let resized = RwSignal::new(0u32);
    let handle = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));
    on_cleanup(move || handle.remove());
    let title = move || {
        projection.with(|p| {
            let l = lang.get();
            let o = &p.0;
            format!(
                "{} (GK {}/{}), {}–{}",
                l.t("chart.trajectory.title"),
                format::rupiah(o.poverty_line, l),
                l.t("unit.capita_month"),
                o.base_year,
                o.scenario.last().map_or(o.base_year, |r| r.year)
            )
        })
    };
    Effect::new(move |_| {
        resized.track();
        let l = lang.get();
        let data = projection.with(|p| {
            let o = &p.0;
            let points = |rows: &[entas_model::YearResult]| rows.iter().map(|r| (r.year, r.p0_pct)).collect();
            chart::prepare_time_chart(
                l.t("chart.trajectory.y"),
                vec![
                    Series {
                        label: l.t("chart.series.baseline"),
                        color: palette::BASELINE,
                        points: points(&o.baseline),
                        dashed: true,
                    },
                    Series {
                        label: l.t("chart.series.projection"),
                        color: palette::SCENARIO,
                        points: points(&o.scenario),
                        dashed: false,
                    },
                ],
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
