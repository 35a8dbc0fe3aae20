//! "Cara kerja model / How the model works": the equations, every parameter with its source and range,
//! the calibration of the current preset, and the back-test against observed BPS history.

use entas_model::levers::LEVERS;
use entas_model::{analysis, presets, Model};
use leptos::prelude::*;

use crate::format;
use crate::i18n::{tr, use_lang};
use crate::state::use_explorer;

#[component]
pub fn HowItWorks() -> impl IntoView {
    let ex = use_explorer();
    let lang = use_lang();
    let backtest = Memo::new(move |_| {
        let s = presets::preset("muba_2021_backtest")?;
        let m = Model::new(s).ok()?;
        Some(analysis::backtest(&m.scenario, &m.simulate()))
    });
    let calibration = move || {
        let l = lang.get();
        let r = ex.population.with(|p| p.0.report.clone());
        let second = |v: f64| format::number(v, 3, l);
        view! {
            <table data-testid="calibration-table">
                <thead><tr><th>{l.t("howto.measure")}</th><th>{l.t("howto.target")}</th><th>{l.t("howto.achieved")}</th></tr></thead>
                <tbody>
                    <tr><td>"P0 (%)"</td><td>{format::number(r.p0_target_pct, 2, l)}</td><td>{format::number(r.p0_achieved_pct, 3, l)}</td></tr>
                    <tr><td>{l.t(&format!("howto.second.{}", r.second_name))}</td><td>{second(r.second_target)}</td><td>{second(r.second_achieved)}</td></tr>
                    <tr><td>"Gini"</td><td>{r.gini_target.map(|g| format::number(g, 3, l)).unwrap_or_else(|| "–".into())}</td><td>{format::number(r.gini_achieved, 3, l)}</td></tr>
                    <tr><td>{l.t("howto.mean")}</td><td>"–"</td><td>{format::rupiah(r.mean_consumption_achieved, l)}</td></tr>
                    <tr><td>"σ_low · σ_mid · σ_high"</td><td>"–"</td><td>{format!("{} · {} · {}", format::number(r.shape.sigma_low, 3, l), format::number(r.shape.sigma_mid, 3, l), format::number(r.shape.sigma_high, 3, l))}</td></tr>
                </tbody>
            </table>
        }
    };
    let parameters = move || {
        let l = lang.get();
        let base_year = ex.base.with(|b| b.district.base_year);
        LEVERS
            .iter()
            .map(|p| {
                view! {
                    <tr>
                        <td><code>{p.id}</code></td>
                        <td>{l.t(&format!("lever.{}.label", p.id))}</td>
                        <td>{l.t(&format!("group.{}", p.group.as_str()))}</td>
                        <td>{format::lever_value(p, p.default, l, base_year)}</td>
                        <td>{format!("{} – {}", format::lever_value(p, p.min, l, base_year), format::lever_value(p, p.max, l, base_year))}</td>
                        <td class="source-cell">{p.source}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let backtest_rows = move || {
        let l = lang.get();
        backtest.get().unwrap_or_default().into_iter().map(|r| {
            let opt = |v: Option<f64>| v.map(|v| format::number(v, 2, l)).unwrap_or_else(|| "–".into());
            view! {
                <tr>
                    <td>{r.year}</td>
                    <td>{opt(r.observed_p0_pct)}</td>
                    <td>{format::number(r.model_p0_pct, 2, l)}</td>
                    <td>{r.observed_p0_pct.map(|o| format::pp_change(r.model_p0_pct - o, 2, l)).unwrap_or_else(|| "–".into())}</td>
                    <td>{opt(r.observed_extreme_pct)}</td>
                    <td>{format::number(r.model_extreme_pct, 2, l)}</td>
                    <td>{r.note.clone()}</td>
                </tr>
            }
        }).collect_view()
    };
    view! {
        <article class="panel howto" data-testid="howto">
            <h2>{tr("howto.title")}</h2>
            <p>{tr("howto.intro")}</p>
            <h3>{tr("howto.measures")}</h3>
            <p class="equation">"P_α = (1/N) Σ_{y_i < z} ((z − y_i)/z)^α  ·  α = 0: P0, α = 1: P1 (×100), α = 2: P2 (×100)"</p>
            <p>{tr("howto.measures_text")}</p>
            <h3>{tr("howto.distribution")}</h3>
            <p class="equation">"ln y = m + σ_low·x  (y < GK)  ·  σ_mid between 1 and 1.5 GK  ·  σ_high above  ·  x ~ N(0, 1) per person"</p>
            <p>{tr("howto.distribution_text")}</p>
            {calibration}
            <h3>{tr("howto.dynamics")}</h3>
            <p class="equation">"x_t = r·x_{t−1} + √(1−r²)·ε_t  ·  ln y_t = m + spread(x_t) + t·ln(1 + g(rank)) − shock"</p>
            <p>{move || lang.get().t("howto.dynamics_text").replace("%{r}", &ex.run.with(|r| format::number(r.outcome.churn_r, 3, lang.get()))).replace("%{entry}", &ex.run.with(|r| format::percent(r.outcome.implied_entry_pct, 1, lang.get())))}</p>
            <h3>{tr("howto.targeting")}</h3>
            <p class="equation">"KPM = budget × absorption × (1 − overhead) ÷ unit cost  ·  score = ρ·x + √(1−ρ²)·ν"</p>
            <p>{tr("howto.targeting_text")}</p>
            <h3>{tr("howto.programmes")}</h3>
            <p>{tr("howto.programmes_text")}</p>
            <h3>{tr("howto.uncertainty")}</h3>
            <p>{tr("howto.uncertainty_text")}</p>
            <h3>{tr("howto.backtest")}</h3>
            <p>{tr("howto.backtest_text")}</p>
            <div class="table-scroll">
                <table data-testid="backtest-table">
                    <thead><tr>
                        <th>{tr("table.year")}</th><th>{tr("howto.obs_p0")}</th><th>{tr("howto.model_p0")}</th><th>{tr("howto.error")}</th>
                        <th>{tr("howto.obs_extreme")}</th><th>{tr("howto.model_extreme")}</th><th>{tr("howto.note")}</th>
                    </tr></thead>
                    <tbody>{backtest_rows}</tbody>
                </table>
            </div>
            <h3>{tr("howto.parameters")}</h3>
            <div class="table-scroll">
                <table class="parameters" data-testid="parameter-table">
                    <thead><tr>
                        <th>"id"</th><th>{tr("howto.parameter")}</th><th>{tr("howto.group")}</th><th>{tr("lever.default")}</th><th>{tr("lever.range")}</th><th>{tr("lever.source")}</th>
                    </tr></thead>
                    <tbody>{parameters}</tbody>
                </table>
            </div>
        </article>
    }
}
