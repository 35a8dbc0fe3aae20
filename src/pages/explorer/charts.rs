//! The explorer's six charts, each a card over a presenter: trajectories (with the analysis status), the
//! Shapley wedge, the distribution, cost per person-year, targeting and convergence in the chosen year.

use leptos::prelude::*;

use super::kpis::AnalysisStatus;
use crate::i18n::{use_lang, Lang};
use crate::present::{charts, fit, kecamatan, reach, trajectory};
use crate::state::{use_state, Page};
use crate::widgets::{ChartCard, YearSelect};

#[component]
pub fn Charts() -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let (run, jobs, ui) = (st.working.run, st.jobs, st.ui);
    let year = move || ui.chart_year.get();
    let analysis = jobs.analysis;

    let trajectory = Signal::derive(move || {
        let bands = jobs.bands();
        run.with(|r| trajectory::spec(r, bands.as_ref(), lang.get()))
    });
    let trajectory_table = Signal::derive(move || {
        let bands = jobs.bands();
        run.with(|r| trajectory::table(r, bands.as_ref(), lang.get()))
    });
    let trajectory_title = Signal::derive(move || run.with(|r| trajectory::title(r, lang.get())));

    let wedge =
        Signal::derive(move || analysis.with(|a| charts::wedge(a.as_ref().and_then(|a| a.wedge.as_ref()), lang.get())));
    let wedge_table = Signal::derive(move || {
        analysis.with(|a| charts::wedge_table(a.as_ref().and_then(|a| a.wedge.as_ref()), lang.get()))
    });

    let distribution = Signal::derive(move || run.with(|r| charts::distribution(r, year(), lang.get())));
    let distribution_table =
        Signal::derive(move || run.with(|r| charts::distribution_table(&r.outcome, year(), lang.get())));

    let costs = move |f: fn(Option<&[entas_model::analysis::ProgrammeCost]>, Lang) -> crate::chart::ChartSpec| {
        Signal::derive(move || analysis.with(|a| f(a.as_ref().and_then(|a| a.costs.as_deref()), lang.get())))
    };
    let cost = costs(charts::cost);
    let cost_table = Signal::derive(move || {
        let l = lang.get();
        analysis.with(|a| run.with(|r| charts::cost_table(a.as_ref().and_then(|a| a.costs.as_deref()), &r.outcome, l)))
    });

    let targeting = Signal::derive(move || run.with(|r| charts::targeting(&r.outcome, year(), lang.get())));
    let targeting_table = Signal::derive(move || run.with(|r| charts::targeting_table(&r.outcome, year(), lang.get())));
    let convergence = Signal::derive(move || run.with(|r| reach::convergence_spec(&r.outcome, year(), lang.get())));
    let convergence_table =
        Signal::derive(move || run.with(|r| reach::convergence_table(&r.outcome, year(), lang.get())));

    let has_kecamatan = move || run.with(|r| !r.scenario.district.kecamatan.is_empty());
    let kec = Signal::derive(move || run.with(|r| kecamatan::chart(&r.scenario, &r.outcome, year(), lang.get())));
    let kec_table = Signal::derive(move || run.with(|r| kecamatan::table(&r.scenario, &r.outcome, year(), lang.get())));

    let title = move |key: &'static str| Signal::derive(move || lang.get().t(key));
    let year_title = move |key: &'static str| {
        Signal::derive(move || format!("{}, {}", lang.get().t(key), year().max(st.working.base_year() + 1)))
    };
    view! {
        <ChartCard testid="chart-trajectory" title=trajectory_title spec=trajectory table=trajectory_table tall=true>
            <AnalysisStatus/>
        </ChartCard>
        <FitLine/>
        <div class="chart-grid" class:hidden-projector=move || ui.projector.get()>
            <ChartCard testid="chart-wedge" title=title("chart.wedge.title") spec=wedge table=wedge_table/>
            <ChartCard testid="chart-distribution" title=year_title("chart.distribution.title") spec=distribution table=distribution_table>
                <YearSelect/>
            </ChartCard>
            <ChartCard testid="chart-cost" title=title("chart.cost.title") spec=cost table=cost_table/>
            <ChartCard testid="chart-targeting" title=year_title("chart.targeting.title") spec=targeting table=targeting_table tall=true>
                <YearSelect/>
            </ChartCard>
            <ChartCard testid="chart-convergence" title=year_title("chart.convergence.title") spec=convergence table=convergence_table>
                <YearSelect/>
            </ChartCard>
        </div>
        <Show when=has_kecamatan>
            <ChartCard testid="chart-kecamatan" title=year_title("kecamatan.title") spec=kec table=kec_table tall=true>
                <YearSelect/>
            </ChartCard>
            <p class="group-hint kecamatan-note" data-testid="kecamatan-note">{move || {
                let on_file = run.with(|r| r.scenario.household_file.is_some());
                lang.get().t(if on_file { "kecamatan.note_file" } else { "kecamatan.note" })
            }}</p>
        </Show>
    }
}

/// Beside the projection, how far the model has been from BPS: the run's own observed years after its base
/// year, and the district's back-test (or every back-test when the district has none), with a link to the
/// tables. The back-tests run once (about 0.1 s), a moment after the page is up, so they never delay its first
/// picture.
#[component]
fn FitLine() -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let run = st.working.run;
    let ready = RwSignal::new(false);
    set_timeout(
        move || {
            let _ = ready.try_set(true);
        },
        std::time::Duration::from_millis(300),
    );
    let text = move || {
        let l = lang.get();
        let own = run.with(|r| fit::own_years(r, l));
        let code = run.with(|r| r.scenario.district.code.clone());
        let tests = if ready.get() { st.backtests.get() } else { Vec::new() };
        let mine: Vec<_> = tests.iter().filter(|b| b.code == code).collect();
        let shown = if mine.is_empty() { tests.iter().collect() } else { mine };
        let lines: Vec<String> =
            shown.iter().filter_map(|b| fit::backtest_line(&b.name, b.base_year, &b.rows, l)).collect();
        own.into_iter().chain(lines).collect::<Vec<_>>()
    };
    let open_detail = move |_| {
        st.ui.page.set(Page::HowItWorks);
        request_animation_frame(|| {
            if let Some(el) = document().get_element_by_id("backtest") {
                el.scroll_into_view();
            }
        });
    };
    view! {
        <p class="fit-line" data-testid="fit-line">
            <span class="fit-title">{move || lang.get().t("fit.title")}</span>
            {move || text().into_iter().map(|t| view! { <span class="fit-item">{t}</span> }).collect_view()}
            <button type="button" class="link-btn" data-testid="fit-detail" on:click=open_detail>{move || lang.get().t("fit.detail")}</button>
        </p>
    }
}
