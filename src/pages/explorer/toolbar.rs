//! Save, share (link and QR code), scenario file export and import, results CSV, and the brief.

use leptos::prelude::*;

use crate::browser::{self, download};
use crate::format::slug;
use crate::i18n::{tr, use_lang};
use crate::persist;
use crate::state::{use_state, Notice, Page};

#[component]
pub fn Toolbar() -> impl IntoView {
    let st = use_state();
    let (w, lib, ui) = (st.working, st.library, st.ui);
    let lang = use_lang();
    let name = RwSignal::new(String::new());
    let qr = RwSignal::new(None::<(String, String, bool)>);
    let file_input = NodeRef::<leptos::html::Input>::new();

    let save = move |_| {
        let fallback = lang.get_untracked().t("persist.scenario");
        let n = lib.save(&name.get_untracked(), &fallback, w.start.get_untracked(), w.current_scenario_untracked());
        name.set(String::new());
        ui.notify(Notice::info("persist.saved", n));
    };
    let share = move |_| {
        let link = persist::encode_link(w.start.get_untracked(), &w.current_scenario_untracked());
        let url = format!("{}#s={link}", browser::address_without_fragment());
        let copied = browser::copy(&url);
        qr.set(Some((url.clone(), persist::qr_svg(&url).unwrap_or_default(), copied)));
    };
    let export_json = move |_| {
        let s = w.current_scenario_untracked();
        download(&format!("{}.json", slug(&s.name)), "application/json", &s.to_json());
    };
    let import = move |_| {
        if let Some(input) = file_input.get() {
            input.click();
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        wasm_bindgen_futures::spawn_local(async move {
            let Some(text) = browser::picked_file_text(&input).await else { return };
            match persist::read_scenario_file(&text) {
                Ok((start, s)) => {
                    let name = s.name.clone();
                    let capped = st.open(start, s);
                    ui.notify(capped.unwrap_or_else(|| Notice::info("persist.imported", name)));
                }
                Err(e) => ui.notify(Notice::refused(e)),
            }
        });
    };
    let results_csv = move |_| {
        let run = w.run.get_untracked();
        let bands = st.jobs.analysis.with_untracked(|a| a.as_ref().and_then(|a| a.bands.clone()));
        let l = lang.get_untracked();
        let title = l.t("export.results_title");
        let c = crate::present::export::caption(&run, "results", &title, None, &browser::today(), l);
        let text = crate::present::export::results_csv(&run.outcome, bands.as_ref(), &c);
        download(&format!("{}.csv", c.file_stem), "text/csv", &text);
    };
    let print = move |_| ui.page.set(Page::Brief);
    view! {
        <div class="panel toolbar" data-testid="toolbar">
            <div class="save-group">
                <input
                    type="text"
                    data-testid="save-name"
                    placeholder=move || lang.get().t("persist.name_placeholder")
                    aria-label=move || lang.get().t("persist.name_placeholder")
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <button type="button" class="btn-primary" data-testid="save" on:click=save>{tr("persist.save")}</button>
                <Show when=move || ui.read_only.get()>
                    <span class="readonly-badge" data-testid="read-only" title=move || lang.get().t("persist.newer_storage")>{tr("persist.read_only")}</span>
                </Show>
            </div>
            <div class="action-group">
                <button type="button" class="btn-secondary" data-testid="share" on:click=share>{tr("persist.share")}</button>
                <button type="button" class="btn-secondary" data-testid="export-json" on:click=export_json>{tr("persist.export_json")}</button>
                <button type="button" class="btn-secondary" data-testid="import-json" on:click=import>{tr("persist.import_json")}</button>
                <input type="file" accept=".json,application/json" node_ref=file_input class="hidden-file" data-testid="import-file" on:change=on_file/>
                <button type="button" class="btn-secondary" data-testid="export-csv" on:click=results_csv>{tr("persist.export_csv")}</button>
                <button type="button" class="btn-secondary" data-testid="print" on:click=print>{tr("persist.print")}</button>
            </div>
            {move || qr.get().map(|(url, svg, copied)| view! {
                <div class="share-box" data-testid="share-box">
                    {if svg.is_empty() {
                        // Too long for one QR code (a district of its own travels inside the link).
                        let chars = url.chars().count();
                        view! { <p class="qr-too-long" data-testid="qr-too-long">{move || lang.get().tf("persist.qr_too_long", &[("chars", crate::format::number(chars as f64, 0, lang.get()))])}</p> }.into_any()
                    } else {
                        view! { <div class="qr" inner_html=svg data-testid="qr"></div> }.into_any()
                    }}
                    <div>
                        <p data-testid="share-copied">{tr(if copied { "persist.link_copied" } else { "persist.link_select" })}</p>
                        <Show when=move || w.households.with(Option::is_some)>
                            <p class="group-hint" data-testid="share-no-households">{tr("hh.share_note")}</p>
                        </Show>
                        <input type="text" readonly data-testid="share-url" prop:value=url.clone() on:focus=move |ev| {
                            let i: web_sys::HtmlInputElement = event_target(&ev);
                            i.select();
                        }/>
                        <button type="button" class="link-btn" on:click=move |_| qr.set(None)>{tr("persist.dismiss")}</button>
                    </div>
                </div>
            })}
        </div>
    }
}
