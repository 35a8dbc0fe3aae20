//! The household file on "Wilayah saya": import a CSV of households (a survey extract an analyst holds), see
//! what the model makes of it (the file's own P0, P1 and P2 at the district's GK, the weights' scale), or
//! remove it. The rows stay in this tab: the state holds them, the workers get a copy, nothing stores them.

use std::sync::Arc;

use entas_model::households::{self, FileWarning, HouseholdColumn, HouseholdError, Households};
use leptos::prelude::*;

use crate::browser;
use crate::format;
use crate::i18n::{tr, use_lang};
use crate::present::{self, problems};
use crate::state::working::LoadedHouseholds;
use crate::state::{use_state, Notice};
use crate::widgets::{ColumnList, FileErrors};

#[component]
pub fn HouseholdFilePanel() -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let errors = RwSignal::new(Vec::<HouseholdError>::new());
    let refused = RwSignal::new(String::new());
    let misfit = RwSignal::new(None::<(String, String)>);
    let took_ms = RwSignal::new(None::<f64>);
    let checks = RwSignal::new(Vec::<FileWarning>::new());
    // The file being read (a large one takes a second): said before the page is busy with it.
    let reading = RwSignal::new(None::<String>);
    let working = st.working;

    let read = move |name: String, text: &str| {
        let t0 = browser::now_ms();
        let l = lang.get_untracked();
        match Households::parse(text) {
            Err(e) => {
                // A file with an error is not used, and the one loaded before stays.
                refused.set(name);
                misfit.set(None);
                errors.set(e);
            }
            Ok(rows) => match households::prepare(&working.base.get_untracked(), &name, &rows) {
                Err(e) => {
                    errors.set(Vec::new());
                    misfit.set(Some((name, problems::scenario_error(l, &e))));
                }
                Ok(_) => {
                    errors.set(Vec::new());
                    misfit.set(None);
                    checks.set(working.base.with_untracked(|b| households::warnings(b, &rows)));
                    working.households.set(Some(LoadedHouseholds { name, rows: Arc::new(rows) }));
                    // The run on the file's population, so the time shown is the whole import.
                    working.run.with_untracked(|_| ());
                    took_ms.set(Some(browser::now_ms() - t0));
                }
            },
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let files = browser::take_picked(&ev, 1);
        wasm_bindgen_futures::spawn_local(async move {
            for (name, text) in browser::files_text(files).await {
                match text {
                    Some(text) => {
                        reading.set(Some(name.clone()));
                        // Two frames: the status is painted before the parse holds the page.
                        gloo_timers::future::TimeoutFuture::new(30).await;
                        read(name, &text);
                        reading.set(None);
                    }
                    None => st.ui.notify(Notice::error("district.unreadable_file", name)),
                }
            }
        });
    };
    let remove = move |_| {
        working.households.set(None);
        took_ms.set(None);
        checks.set(Vec::new());
    };
    let warning = move |w: &FileWarning| {
        let l = lang.get();
        match w {
            FileWarning::WeightsScaled { scale } => {
                l.tf("hh.warn.weights_scaled", &[("scale", format::number(*scale, 3, l))])
            }
            FileWarning::P0Differs { file_pct, published_pct } => l.tf(
                "hh.warn.p0_differs",
                &[("file", format::number(*file_pct, 2, l)), ("published", format::number(*published_pct, 2, l))],
            ),
            FileWarning::ThinKecamatan { names, rows } => {
                l.tf("hh.warn.thin_kecamatan", &[("names", names.join(", ")), ("rows", rows.to_string())])
            }
        }
    };
    let district = move || working.base.with(|b| b.district.name.clone());
    let summary = move || {
        let l = lang.get();
        let h = working.households.get()?;
        let s = working.prepared.get();
        let d = &s.district;
        let m = h.rows.measures(d.poverty_line);
        Some(l.tf(
            "hh.loaded",
            &[
                ("file", h.name.clone()),
                ("rows", format::number(h.rows.len() as f64, 0, l)),
                ("kecamatan", format::number(h.rows.kecamatan_names.len() as f64, 0, l)),
                ("year", d.base_year.to_string()),
                ("gk", present::gk(&s, d.poverty_line, l)),
                ("p0", format::number(m.p0_pct, 2, l)),
                ("published", working.base.with(|b| format::number(b.district.calibration.p0_pct(), 2, l))),
                ("p1", format::number(m.p1, 3, l)),
                ("p2", format::number(m.p2, 3, l)),
                ("scale", format::number(h.rows.weight_scale(d.population), 3, l)),
                ("people", format::number(d.population, 0, l)),
            ],
        ))
    };

    view! {
        <section class="panel household-file" data-testid="household-file">
            <h3>{tr("hh.title")}</h3>
            <p class="group-hint">{move || lang.get().tf("hh.hint", &[("district", district())])}</p>
            <p class="privacy-note" data-testid="hh-privacy">{tr("hh.privacy")}</p>
            <div class="button-row">
                <label class="btn-secondary file-button">
                    {tr("hh.import")}
                    <input type="file" accept=".csv,.tsv,.txt,text/csv" class="sr-only" data-testid="hh-file" on:change=on_file/>
                </label>
                <button type="button" class="btn-secondary" data-testid="hh-remove"
                    hidden=move || working.households.with(Option::is_none) on:click=remove>{tr("hh.remove")}</button>
            </div>
            <ColumnList title_key="hh.columns_title" key_prefix="hh.column"
                headers=HouseholdColumn::ALL.iter().map(|c| c.header()).collect() note_key="hh.columns_note"/>
            {move || reading.get().map(|file| view! {
                <p role="status" class="status" data-testid="hh-reading">{move || lang.get().tf("hh.reading", &[("file", file.clone())])}</p>
            })}
            {move || summary().map(|text| view! {
                <p role="status" class="hh-summary" data-testid="hh-summary">{text}</p>
            })}
            <Show when=move || working.households.with(Option::is_some) && checks.with(|c| !c.is_empty())>
                <ul class="hh-warnings" data-testid="hh-warnings">
                    {move || checks.get().iter().map(|w| view! { <li>{warning(w)}</li> }).collect_view()}
                </ul>
            </Show>
            {move || took_ms.get().filter(|_| working.households.with(Option::is_some)).map(|ms| view! {
                <p class="group-hint" data-testid="hh-time">{move || lang.get().tf("hh.read_in", &[("ms", format::number(ms, 0, lang.get()))])}</p>
            })}
            <FileErrors testid="hh-errors" refused_key="hh.refused" file=refused
                problems=Signal::derive(move || errors.with(|e| e.iter().map(|e| problems::household_error(lang.get(), e)).collect()))/>
            {move || misfit.get().map(|(file, why)| view! {
                <div class="table-errors" role="alert" data-testid="hh-misfit">
                    <p>{move || lang.get().tf("hh.does_not_fit", &[("file", file.clone())])}</p>
                    <p>{why}</p>
                </div>
            })}
        </section>
    }
}
