//! The settings row: preset, extreme-poverty line (and its rupiah value), growth basis, horizon, the RPJMD
//! target and its year, the Inpres extreme target, its year and its tolerance. Each typed value is validated with a message
//! naming the allowed range; a refused value changes nothing.

use entas_model::presets;
use entas_model::scenario::{ExtremeLine, GrowthBasis, Indicator, MAX_YEARS};
use leptos::prelude::*;

use crate::format;
use crate::i18n::{tr, use_lang};
use crate::persist::Start;
use crate::present::{line_key, LINE_CHOICES};
use crate::state::use_state;

#[component]
pub fn Settings() -> impl IntoView {
    let st = use_state();
    let (w, ui, lib) = (st.working, st.ui, st.library);
    let lang = use_lang();
    let rupiah_error = RwSignal::new(None::<String>);
    let target_error = RwSignal::new(None::<String>);
    let tolerance_error = RwSignal::new(None::<String>);
    let gk = move || w.base.with(|b| b.district.poverty_line);
    let trend_possible = move || {
        w.base.with(|b| {
            b.district.observed.iter().filter(|o| o.year <= b.district.base_year && o.p0_pct.is_some()).count() >= 2
        })
    };
    let years = move |from: i32| {
        let b = w.base_year();
        (b + from..=b + MAX_YEARS).map(|y| view! { <option value=y.to_string()>{y}</option> }).collect_view()
    };
    view! {
        <div class="panel settings" data-testid="settings">
            <label class="field">
                <span>{tr("settings.preset")}</span>
                <select
                    data-testid="preset"
                    prop:value=move || match w.start.get() {
                        Start::Preset(id) => id.to_string(),
                        Start::Custom => w.base.with(|b| lib.district_of(&b.district)).map_or_else(|| "custom".into(), |id| format!("mine:{id}")),
                    }
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        match v.strip_prefix("mine:").and_then(|id| id.parse::<u64>().ok()) {
                            Some(id) => {
                                if let Some(d) = lib.district(id) {
                                    if let Some(n) = st.open(Start::Custom, d.scenario) {
                                        ui.notify(n);
                                    }
                                }
                            }
                            None if v == "custom" => {}
                            None => {
                                w.load_preset(&v);
                                ui.chart_year.set(w.horizon.get_untracked());
                            }
                        }
                    }
                >
                    {presets::PRESETS
                        .iter()
                        .map(|p| {
                            let id = p.id;
                            view! { <option value=id>{move || lang.get().t(&format!("preset.{id}"))}</option> }
                        })
                        .collect_view()}
                    // A district of its own that is not kept: shown by its name, so the menu says what is open.
                    <Show when=move || w.start.get() == Start::Custom && w.base.with(|b| lib.district_of(&b.district).is_none())>
                        <option value="custom">{move || w.base.with(|b| format!("{} {}", b.district.name, b.district.base_year))}</option>
                    </Show>
                    <Show when=move || lib.districts.with(|d| !d.is_empty())>
                        <optgroup label=move || lang.get().t("nav.district")>
                            {move || lib.districts.get().into_iter().map(|d| {
                                let label = format!("{} {}", d.scenario.district.name, d.scenario.district.base_year);
                                view! { <option value=format!("mine:{}", d.id)>{label}</option> }
                            }).collect_view()}
                        </optgroup>
                    </Show>
                </select>
            </label>
            <label class="field">
                <span>{tr("settings.extreme_line")}</span>
                <select
                    data-testid="extreme-line"
                    prop:value=move || line_key(&w.extreme_line.get())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let line = match LINE_CHOICES.into_iter().find(|l| line_key(l) == v) {
                            Some(ExtremeLine::Rupiah { .. }) => ExtremeLine::Rupiah { rp: (0.67 * gk()).round() },
                            Some(l) => l,
                            None => ExtremeLine::Usd215,
                        };
                        w.extreme_line.set(line);
                    }
                >
                    {LINE_CHOICES
                        .iter()
                        .map(|l| {
                            let key = line_key(l);
                            view! { <option value=key>{move || lang.get().t(&format!("line.{key}"))}</option> }
                        })
                        .collect_view()}
                </select>
                <span class="line-rp" data-testid="extreme-line-value">{move || {
                    let l = lang.get();
                    w.run.with(|r| l.tf("settings.line_value", &[
                        ("rp", format::rupiah(r.outcome.extreme_line, l)),
                        ("year", r.outcome.base_year.to_string()),
                        ("share", format::number(100.0 * r.outcome.extreme_line / r.outcome.poverty_line, 0, l)),
                    ]))
                }}</span>
            </label>
            <Show when=move || matches!(w.extreme_line.get(), ExtremeLine::Rupiah { .. })>
                <label class="field narrow">
                    <span>{tr("settings.line_rp")}</span>
                    <input
                        type="text"
                        inputmode="decimal"
                        data-testid="extreme-line-rp"
                        prop:value=move || match w.extreme_line.get() {
                            ExtremeLine::Rupiah { rp } => format::number(rp, 0, lang.get()),
                            _ => String::new(),
                        }
                        on:change=move |ev| {
                            let l = lang.get();
                            let (lo, hi) = (0.1 * gk(), gk());
                            match typed_in(&ev, l, lo, hi) {
                                Some(rp) => {
                                    rupiah_error.set(None);
                                    w.extreme_line.set(ExtremeLine::Rupiah { rp });
                                }
                                None => rupiah_error.set(Some(l.tf(
                                    "settings.line_rp_error",
                                    &[("min", format::rupiah(lo, l)), ("max", format::rupiah(hi, l))],
                                ))),
                            }
                        }
                    />
                </label>
            </Show>
            <label class="field">
                <span>{tr("settings.growth_basis")}</span>
                <select
                    data-testid="growth-basis"
                    prop:value=move || match w.growth_basis.get() {
                        GrowthBasis::Evidence => "evidence",
                        GrowthBasis::DistrictTrend => "district_trend",
                    }
                    on:change=move |ev| {
                        // The trend needs two observed years: without them the choice is not offered.
                        w.growth_basis.set(match event_target_value(&ev).as_str() {
                            "district_trend" => GrowthBasis::DistrictTrend,
                            _ => GrowthBasis::Evidence,
                        });
                    }
                >
                    <option value="evidence">{tr("growth.evidence")}</option>
                    <option value="district_trend" disabled=move || !trend_possible()>{tr("growth.district_trend")}</option>
                </select>
            </label>
            <label class="field narrow">
                <span>{tr("settings.horizon")}</span>
                <select
                    data-testid="horizon"
                    prop:value=move || w.horizon.get().to_string()
                    on:change=move |ev| {
                        if let Ok(h) = event_target_value(&ev).parse::<i32>() {
                            let h = w.set_horizon(h);
                            ui.clamp_chart_year(h);
                        }
                    }
                >
                    {move || years(2)}
                </select>
            </label>
            <TargetFields indicator=Indicator::P0 value_key="settings.target_p0" year_key="settings.target_year"
                value_testid="target-p0" year_testid="target-year" error=target_error/>
            <Show when=move || w.targets.with(|ts| ts.iter().any(|t| t.indicator == Indicator::Extreme))>
                <TargetFields indicator=Indicator::Extreme value_key="settings.target_extreme" year_key="settings.target_extreme_year"
                    value_testid="target-extreme" year_testid="target-extreme-year" error=target_error/>
                <label class="field narrow" title=move || lang.get().t("settings.tolerance_source")>
                    <span>{tr("settings.tolerance")}</span>
                    <input
                        type="text"
                        inputmode="decimal"
                        data-testid="target-tolerance"
                        prop:value=move || {
                            w.targets.with(|ts| ts.iter().find(|t| t.indicator == Indicator::Extreme).map(|t| format::number(t.tolerance_pct, 2, lang.get())).unwrap_or_default())
                        }
                        on:change=move |ev| {
                            let l = lang.get();
                            match typed_in(&ev, l, 0.0, 5.0) {
                                Some(v) => {
                                    tolerance_error.set(None);
                                    w.set_extreme_tolerance(v);
                                }
                                None => tolerance_error.set(Some(l.t("settings.tolerance_error"))),
                            }
                        }
                    />
                </label>
            </Show>
            <p class="field-error" role="alert" hidden=move || rupiah_error.with(Option::is_none) && target_error.with(Option::is_none) && tolerance_error.with(Option::is_none)>
                {move || rupiah_error.get().or_else(|| target_error.get()).or_else(|| tolerance_error.get()).unwrap_or_default()}
            </p>
        </div>
    }
}

/// The number typed in the field of `ev`, in either language's style, if it lies in [lo, hi].
/// A target's value (typed, 0–100 %) and year (a list from the base year on): the RPJMD headcount target and
/// the Inpres extreme target each have their own, and moving one never moves the other.
#[component]
fn TargetFields(
    indicator: Indicator,
    value_key: &'static str,
    year_key: &'static str,
    value_testid: &'static str,
    year_testid: &'static str,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let w = use_state().working;
    let lang = use_lang();
    view! {
        <label class="field narrow">
            <span>{tr(value_key)}</span>
            <input
                type="text"
                inputmode="decimal"
                data-testid=value_testid
                prop:value=move || w.target(indicator).map(|t| format::number(t.value_pct, 2, lang.get())).unwrap_or_default()
                on:change=move |ev| {
                    let l = lang.get();
                    match typed_in(&ev, l, 0.0, 100.0) {
                        Some(v) => {
                            error.set(None);
                            w.set_target_value(indicator, v);
                        }
                        None => error.set(Some(l.t("settings.target_error"))),
                    }
                }
            />
        </label>
        <label class="field narrow">
            <span>{tr(year_key)}</span>
            <select
                data-testid=year_testid
                prop:value=move || w.target(indicator).map(|t| t.year.to_string()).unwrap_or_default()
                on:change=move |ev| {
                    if let Ok(y) = event_target_value(&ev).parse::<i32>() {
                        w.set_target_year(indicator, y);
                    }
                }
            >
                {move || {
                    let b = w.base_year();
                    (b + 1..=b + MAX_YEARS).map(|y| view! { <option value=y.to_string()>{y}</option> }).collect_view()
                }}
            </select>
        </label>
    }
}

fn typed_in(ev: &leptos::ev::Event, l: crate::i18n::Lang, lo: f64, hi: f64) -> Option<f64> {
    format::parse_number(&event_target_value(ev), l).filter(|v| (lo..=hi).contains(v))
}
