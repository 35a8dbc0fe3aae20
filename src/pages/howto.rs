//! "Cara kerja model / How the model works": the equations, every parameter with its source and range,
//! the calibration of the current preset, and the back-test against observed BPS history.

use entas_model::analysis;
use entas_model::levers::{ENABLER_PRESETS, LEVERS};
use leptos::prelude::*;

use crate::format;
use crate::i18n::{tr, use_lang};
use crate::present::lever_label;
use crate::state::use_state;

#[component]
pub fn HowItWorks() -> impl IntoView {
    let w = use_state().working;
    let lang = use_lang();
    // The two back-test presets, run once for the whole app (they do not depend on the explorer's levers).
    let backtests = use_state().backtests;
    // The two data systems measured as Kemensos measures, on the current district (model: registry_check).
    let registry_checks = Memo::new(move |_| {
        w.base.with(|b| ENABLER_PRESETS.iter().map(|p| analysis::registry_check(b, p)).collect::<Vec<_>>())
    });
    let registry_table = move || {
        let l = lang.get();
        let range = move |(a, b): (f64, f64)| format!("{}–{}", format::number(a, 0, l), format::number(b, 0, l));
        let rows = registry_checks
            .get()
            .into_iter()
            .map(|c| {
                view! {
                    <tr class:miss=!c.within()>
                        <td>{l.t(&format!("enablers.{}", c.preset))}</td>
                        <td>{format::number(c.reach_pct, 1, l)}</td>
                        <td>{format!("{} ({})", format::number(c.exclusion_desil_pct, 1, l), range(c.kemensos_exclusion_pct))}</td>
                        <td>{format!("{} ({})", format::number(c.inclusion_desil_pct, 1, l), range(c.kemensos_inclusion_pct))}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table data-testid="registry-check">
                    <thead><tr>
                        <th>{l.t("howto.registry.preset")}</th><th>{l.t("howto.registry.reach")}</th>
                        <th>{l.t("howto.registry.exclusion")}</th><th>{l.t("howto.registry.inclusion")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    };
    let calibration = move || {
        let l = lang.get();
        let r = w.population.with(|p| p.0.report.clone());
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
                    <tr><td>"P2 (×100)"</td><td>"–"</td><td>{format::number(r.p2_achieved, 3, l)}</td></tr>
                    <tr data-testid="extreme-check"><td>{l.t("howto.extreme_check")}</td><td>{r.extreme_observed_pct.map(|v| format::number(v, 2, l)).unwrap_or_else(|| "–".into())}</td><td>{format::number(r.extreme_achieved_pct, 2, l)}</td></tr>
                    <tr><td>{l.t("howto.elasticity")}</td><td>"−2,5 (−1,5 … −4)"</td><td>{format::number(r.headcount_elasticity, 2, l)}</td></tr>
                </tbody>
            </table>
            <p class="note">{l.t("howto.checks")}</p>
            {r.sigma_low_warning.is_some().then(|| view! { <p class="warning" data-testid="sigma-warning">{l.t("howto.sigma_warning")}</p> })}
        }
    };
    let parameters = move || {
        let l = lang.get();
        let base_year = w.base_year();
        LEVERS
            .iter()
            .map(|p| {
                view! {
                    <tr>
                        <td><code>{p.id.as_str()}</code></td>
                        <td>{lever_label(p.id, l)}</td>
                        <td>{l.t(&format!("group.{}", p.group.as_str()))}</td>
                        <td>{format::lever_value(p, p.default, l, base_year)}</td>
                        <td>{format!("{} – {}", format::lever_value(p, p.min, l, base_year), format::lever_value(p, p.max, l, base_year))}</td>
                        <td class="source-cell">{crate::present::sources::lever_source(p, l)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let backtest_tables = move || {
        let l = lang.get();
        let opt = move |v: Option<f64>| v.map(|v| format::number(v, 2, l)).unwrap_or_else(|| "–".into());
        backtests
            .get()
            .into_iter()
            .map(|crate::state::Backtest { scenario_name: name, rows, .. }| {
                let miss = analysis::backtest_miss(&rows)
                    .map(|(mean, max)| format!("{}: {} / {}", l.t("howto.error"), format::number(mean, 2, l), format::number(max, 2, l)))
                    .unwrap_or_default();
                let body = rows
                    .into_iter()
                    .map(|r| {
                        view! {
                            <tr>
                                <td>{r.year}</td>
                                <td>{opt(r.observed_p0_pct)}</td>
                                <td>{match (r.observed_p0_low, r.observed_p0_high) { (Some(a), Some(b)) => format!("{} – {}", format::number(a, 2, l), format::number(b, 2, l)), _ => "–".into() }}</td>
                                <td>{format::number(r.model_p0_pct, 2, l)}</td>
                                <td>{r.observed_p0_pct.map(|o| format::pp_change(r.model_p0_pct - o, 2, l)).unwrap_or_else(|| "–".into())}</td>
                                <td>{opt(r.observed_extreme_pct)}</td>
                                <td>{format::number(r.model_extreme_pct, 2, l)}</td>
                                <td>{r.note.clone()}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <h4>{name}" · "{miss}" pp"</h4>
                    <div class="table-scroll">
                        <table data-testid="backtest-table">
                            <thead><tr>
                                <th>{l.t("table.year")}</th><th>{l.t("howto.obs_p0")}</th><th>{l.t("howto.obs_band")}</th><th>{l.t("howto.model_p0")}</th><th>{l.t("howto.error")}</th>
                                <th>{l.t("howto.obs_extreme")}</th><th>{l.t("howto.model_extreme")}</th><th>{l.t("howto.note")}</th>
                            </tr></thead>
                            <tbody>{body}</tbody>
                        </table>
                    </div>
                }
            })
            .collect_view()
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
            <p>{move || {
                let l = lang.get();
                w.run.with(|r| {
                    let basis = match r.outcome.growth_basis {
                        entas_model::scenario::GrowthBasis::Evidence => l.t("growth.evidence"),
                        entas_model::scenario::GrowthBasis::DistrictTrend => l.t("growth.district_trend"),
                    };
                    l.tf(
                        "howto.dynamics_text",
                        &[
                            ("r", format::number(r.outcome.churn_r, 3, l)),
                            ("entry", format::percent(r.outcome.implied_entry_pct, 1, l)),
                            ("growth", format::percent(r.outcome.growth_b40_pct, 2, l)),
                            ("basis", basis),
                        ],
                    )
                })
            }}</p>
            <p>{move || {
                let l = lang.get();
                l.tf("howto.growth_trend", &[("elasticity", w.population.with(|p| format::number(p.0.report.headcount_elasticity, 2, l)))])
            }}</p>
            <h3>{tr("howto.targeting")}</h3>
            <p class="equation">"KPM = budget × absorption × (1 − overhead) ÷ unit cost  ·  score_list = ρ·x_enumerated + √(1−ρ²)·(√c·ν + √(1−c)·ν_list)"</p>
            <p>{tr("howto.targeting_text")}</p>
            <h3>{tr("howto.registry.title")}</h3>
            <p>{tr("howto.registry.body")}</p>
            {registry_table}
            <h3>{tr("howto.programmes")}</h3>
            <p>{tr("howto.programmes_text")}</p>
            <h3>{tr("howto.uncertainty")}</h3>
            <p>{tr("howto.uncertainty_text")}</p>
            <h3 id="solver">{tr("howto.solver")}</h3>
            <p data-testid="howto-solver">{tr("howto.solver_text")}</p>
            <p>{tr("howto.solver_limits")}</p>
            <h3 id="backtest">{tr("howto.backtest")}</h3>
            <p>{tr("howto.backtest_text")}</p>
            {backtest_tables}
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
