//! The lever panel, generated from the model's lever table: no lever is written by hand here. A lever is
//! marked changed, and its reset returns, against the district's status quo (`presets::reference_levers`).

use entas_model::levers::{LeverGroup, LeverSpec, Unit, ENABLER_PRESETS, LEVERS};
use entas_model::Programme;
use leptos::prelude::*;

use crate::format;
use crate::i18n::{tr, use_lang, Lang};
use crate::present::lever_label;
use crate::state::use_state;

/// The whole panel: policy groups open, shocks after them, assumptions collapsed and apart.
#[component]
pub fn LeverPanel() -> impl IntoView {
    let st = use_state();
    let w = st.working;
    // In a workshop's group view only the levers the room offers are shown.
    let offered = move |id: entas_model::LeverId| {
        st.room.group.with(|g| g.as_ref().is_none_or(|g| g.invite.settings.allowed.contains(&id)))
    };
    let group = move |g: LeverGroup| {
        let specs: Vec<&'static LeverSpec> = LEVERS.iter().filter(|l| l.group == g).collect();
        let ids: Vec<_> = specs.iter().map(|s| s.id).collect();
        let none_offered = move || !ids.iter().any(|id| offered(*id));
        let controls = specs
            .into_iter()
            .map(|spec| view! { <div class="lever-slot" hidden=move || !offered(spec.id)><LeverControl spec/></div> })
            .collect_view();
        let key = format!("group.{}", g.as_str());
        let hint = format!("group.{}.hint", g.as_str());
        let lang = use_lang();
        let title = move || lang.get().t(&key);
        let hint_text = move || lang.get().t(&hint);
        if g == LeverGroup::Assumption {
            view! {
                <details class="lever-group assumptions" data-group=g.as_str() data-testid="group-assumption" hidden=none_offered>
                    <summary><h3>{title}</h3><span class="group-hint">{hint_text}</span></summary>
                    {controls}
                </details>
            }
            .into_any()
        } else {
            view! {
                <section class="lever-group" data-group=g.as_str() data-testid=format!("group-{}", g.as_str()) hidden=none_offered>
                    <h3>{title}</h3>
                    <p class="group-hint">{hint_text}</p>
                    {(g == LeverGroup::Enablers).then(EnablerPresets)}
                    {controls}
                </section>
            }
            .into_any()
        }
    };
    view! {
        <aside class="panel levers" aria-labelledby="levers-title">
            <div class="levers-head">
                <h2 id="levers-title">{tr("levers.title")}</h2>
                <button type="button" class="btn-secondary" data-testid="reset-all" on:click=move |_| w.reset_all()>
                    {tr("levers.reset_all")}
                </button>
            </div>
            {LeverGroup::ALL.into_iter().map(group).collect_view()}
        </aside>
    }
}

/// The named data systems (model `ENABLER_PRESETS`): one click sets coverage, accuracy, record age and
/// convergence to what that registry looks like; the source is in the button's title.
#[component]
fn EnablerPresets() -> impl IntoView {
    let w = use_state().working;
    let lang = use_lang();
    let buttons = ENABLER_PRESETS
        .iter()
        .map(|p| {
            let active = move || w.enablers_are(p);
            view! {
                <button
                    type="button"
                    class="btn-secondary chip"
                    class:active=active
                    aria-pressed=move || active().to_string()
                    title=move || crate::present::sources::enabler_source(p, lang.get())
                    data-testid=format!("enabler-preset-{}", p.id)
                    on:click=move |_| w.apply_enablers(p)
                >
                    {move || lang.get().t(&format!("enablers.{}", p.id))}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="enabler-presets" role="group" aria-label=move || lang.get().t("enablers.preset")>
            <span class="group-hint">{tr("enablers.preset")}</span>
            {buttons}
        </div>
    }
}

/// One lever: label, info popover, slider, typed value, value in its unit, reach, reset, error message.
#[component]
pub fn LeverControl(spec: &'static LeverSpec) -> impl IntoView {
    let w = use_state().working;
    let lang = use_lang();
    let id = spec.id;
    let value = Memo::new(move |_| w.levers.with(|l| l.get(id)));
    let error = RwSignal::new(None::<String>);
    let open = RwSignal::new(false);
    let base_year = move || w.base_year();
    let label = move || lever_label(id, lang.get());
    let shown = move || format::lever_value(spec, value.get(), lang.get(), base_year());
    let typed = move || {
        let d = if spec.step < 1.0 { 2 } else { 0 };
        let v = value.get();
        if spec.unit == Unit::Toggle {
            format!("{v:.0}")
        } else {
            format::number(v, d, lang.get()).replace('−', "-")
        }
    };
    let range = move || {
        let l = lang.get();
        format!(
            "{} – {}",
            format::lever_value(spec, spec.min, l, base_year()),
            format::lever_value(spec, spec.max, l, base_year())
        )
    };
    let programme = Programme::BUDGETED.into_iter().find(|p| p.budget_lever() == id);
    let reach = move || {
        let p = programme?;
        let l = lang.get();
        let unit = if p == Programme::DataUpdating { "unit.records" } else { "unit.kpm" };
        w.run.with(|r| {
            let year = r.outcome.base_year + 1;
            let reach = r.outcome.reach(p, year)?;
            Some(format!("≈ {} {} ({year})", format::number(reach, 0, l), l.t(unit)))
        })
    };
    let apply = move |v: f64| match w.set_lever(id, v) {
        Ok(()) => error.set(None),
        Err(_) => error.set(Some(range_error(spec, lang.get(), base_year()))),
    };
    let input_id = format!("lever-{id}");
    let popover_id = format!("info-{id}");
    let changed = move || w.is_changed(id);
    // Escape closes the open popover and gives the focus back to its button.
    let info_btn = NodeRef::<leptos::html::Button>::new();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(b) = info_btn.get() {
                let _ = b.focus();
            }
        }
    };
    view! {
        <div class="lever" class:changed=changed data-testid=format!("lever-{id}") on:keydown=on_key>
            <div class="lever-head">
                <label for=input_id.clone()>{label}</label>
                <button
                    type="button"
                    node_ref=info_btn
                    class="info-btn"
                    aria-label=move || lang.get().t("lever.info")
                    aria-expanded=move || open.get().to_string()
                    aria-controls=popover_id.clone()
                    data-testid="lever-info"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    "i"
                </button>
            </div>
            <div class="popover" id=popover_id.clone() role="note" hidden=move || !open.get() data-testid="lever-popover">
                <p>{move || lang.get().t(&format!("lever.{id}.help"))}</p>
                <dl>
                    <dt>{tr("lever.unit")}</dt><dd>{move || lang.get().t(&format!("unitname.{}", spec.unit.as_str()))}</dd>
                    <dt>{tr("lever.range")}</dt><dd>{range}</dd>
                    <dt>{tr("lever.default")}</dt><dd>{move || format::lever_value(spec, spec.default, lang.get(), base_year())}</dd>
                    <dt>{tr("lever.source")}</dt><dd>{move || crate::present::sources::lever_source(spec, lang.get())}</dd>
                </dl>
            </div>
            <div class="lever-row">
                <input
                    id=input_id
                    type="range"
                    min=spec.min
                    max=spec.max
                    step=spec.step
                    prop:value=move || value.get().to_string()
                    aria-valuetext=shown
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            apply(v);
                        }
                    }
                />
                <input
                    type="text"
                    inputmode="decimal"
                    class="lever-number"
                    aria-label=move || format!("{} ({})", label(), lang.get().t("lever.type_value"))
                    data-testid="lever-number"
                    prop:value=typed
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        match format::parse_number(&text, lang.get()) {
                            Some(v) => apply(v),
                            None => error.set(Some(range_error(spec, lang.get(), base_year()))),
                        }
                    }
                />
            </div>
            <div class="lever-foot">
                <output data-testid="lever-value">{shown}</output>
                <span class="reach" data-testid="lever-reach">{reach}</span>
                <button
                    type="button"
                    class="link-btn"
                    data-testid="lever-reset"
                    on:click=move |_| {
                        error.set(None);
                        apply(w.reference_value(id));
                    }
                >
                    {tr("lever.reset")}
                </button>
            </div>
            <p class="lever-error" role="alert" data-testid="lever-error" hidden=move || error.with(Option::is_none)>
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}

/// "Nilai <label> harus antara <min> dan <max>." in the UI language.
fn range_error(spec: &LeverSpec, l: Lang, base_year: i32) -> String {
    l.tf(
        "lever.error",
        &[
            ("label", lever_label(spec.id, l)),
            ("min", format::lever_value(spec, spec.min, l, base_year)),
            ("max", format::lever_value(spec, spec.max, l, base_year)),
        ],
    )
}
