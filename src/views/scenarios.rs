//! Scenarios that last and travel: autosave in browser storage, named scenarios, share link and QR code,
//! scenario files, result downloads. Every input from outside goes through `crate::persist` validation.

use entas_model::report;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{tr, use_lang};
use crate::persist::{self, Saved, Workspace, STORAGE_KEY};
use crate::state::{use_explorer, Explorer};

/// Restores the workspace from browser storage, then applies a share link in the address, if any.
pub fn restore(ex: Explorer) {
    let storage = LocalStorage::raw();
    if let Ok(Some(text)) = storage.get_item(STORAGE_KEY) {
        match Workspace::from_json(&text) {
            Ok(ws) => {
                ex.load(&ws.current.preset, ws.current.scenario.clone());
                ex.saved.set(ws.saved);
                ex.compare.set(ws.compare);
                ex.next_id.set(ws.next_id);
            }
            Err(e) => {
                // Keep what could not be read rather than overwrite it.
                let _ = storage.set_item(&format!("{STORAGE_KEY}.unreadable"), &text);
                ex.notice.set(Some((e.message_key.to_string(), e.detail, true)));
            }
        }
    }
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    if let Some(fragment) = hash.strip_prefix("#s=") {
        match persist::decode_link(fragment) {
            Ok((preset, s)) => {
                ex.load(&preset, s);
                ex.notice.set(Some(("persist.link_loaded".into(), String::new(), false)));
            }
            Err(e) => ex.notice.set(Some((e.message_key.to_string(), e.detail, true))),
        }
        // The link has done its work: a reload shows the autosaved state.
        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("./"));
        }
    }
}

/// Writes the workspace as it is now to browser storage.
fn write_workspace(ex: Explorer) {
    let ws = Workspace {
        version: persist::WORKSPACE_VERSION,
        current: Saved {
            id: 0,
            name: String::new(),
            preset: ex.preset.get_untracked(),
            scenario: ex.current_scenario_untracked(),
        },
        saved: ex.saved.get_untracked(),
        next_id: ex.next_id.get_untracked(),
        compare: ex.compare.get_untracked(),
    };
    if LocalStorage::raw().set_item(STORAGE_KEY, &ws.to_json()).is_err() {
        ex.notice.set(Some(("persist.storage_full".into(), String::new(), true)));
    }
}

/// Quiet time after the last change before the workspace is written, ms.
const AUTOSAVE_DELAY_MS: u64 = 300;

/// Saves the workspace once changes have been still for a moment (not on every step of a slider drag), and
/// at once when the page is hidden or closed, so a reload, a crash of the tab or a closed tab loses nothing.
pub fn autosave(ex: Explorer) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        ex.run.track();
        ex.preset.track();
        ex.saved.track();
        ex.next_id.track();
        ex.compare.track();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        // The first run writes too: a scenario from a link, or a migrated workspace, is stored at once.
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                write_workspace(ex);
            },
            std::time::Duration::from_millis(AUTOSAVE_DELAY_MS),
        );
        pending.set_value(handle.ok());
    });
    let flush = window_event_listener(leptos::ev::pagehide, move |_| {
        if let Some(h) = pending.get_value() {
            h.clear();
            pending.set_value(None);
            write_workspace(ex);
        }
    });
    on_cleanup(move || flush.remove());
}

/// Offers `bytes` as a file download named `name`.
pub fn download(name: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    download_url(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Offers the resource at `url` (an object or data URL) as a download named `name`.
pub fn download_url(name: &str, url: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(a) = doc.create_element("a") else { return };
    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
    a.set_href(url);
    a.set_download(name);
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
        a.click();
        let _ = body.remove_child(&a);
    }
}

/// Rows as CSV text (the csv crate quotes what needs quoting).
pub fn to_csv(header: &[String], rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A file-name-safe slug of a scenario name.
pub fn slug(name: &str) -> String {
    let s: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let s = s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    if s.is_empty() {
        "entas".into()
    } else {
        s
    }
}

/// The share link of the current scenario.
fn share_url(ex: Explorer) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default();
    format!("{origin}#s={}", persist::encode_link(&ex.preset.get_untracked(), &ex.current_scenario_untracked()))
}

/// The notice banner (link loaded, storage or file refused).
#[component]
pub fn Notice() -> impl IntoView {
    let ex = use_explorer();
    let lang = use_lang();
    move || {
        ex.notice.get().map(|(key, detail, error)| {
            let l = lang.get();
            view! {
                <div class="notice" class:error=error role="status" data-testid="notice">
                    <span>{l.t(&key)}</span>
                    {(!detail.is_empty()).then(|| view! { <span class="notice-detail">{format!(" ({detail})")}</span> })}
                    <button type="button" class="link-btn" on:click=move |_| ex.notice.set(None)>{l.t("persist.dismiss")}</button>
                </div>
            }
        })
    }
}

/// Save, share, file and export actions for the current scenario.
#[component]
pub fn Toolbar() -> impl IntoView {
    let ex = use_explorer();
    let lang = use_lang();
    let name = RwSignal::new(String::new());
    let qr = RwSignal::new(None::<(String, String)>);
    let file_input = NodeRef::<leptos::html::Input>::new();

    let save = move |_| {
        let n = name.get_untracked().trim().to_string();
        let l = lang.get_untracked();
        let n = if n.is_empty() { format!("{} {}", l.t("persist.scenario"), ex.next_id.get_untracked()) } else { n };
        let id = ex.next_id.get_untracked();
        let mut s = ex.current_scenario_untracked();
        s.name = n.clone();
        ex.saved.update(|v| v.push(Saved { id, name: n.clone(), preset: ex.preset.get_untracked(), scenario: s }));
        ex.next_id.set(id + 1);
        name.set(String::new());
        ex.notice.set(Some(("persist.saved".into(), n, false)));
    };
    let share = move |_| {
        let url = share_url(ex);
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&url);
        }
        qr.set(Some((url.clone(), persist::qr_svg(&url).unwrap_or_default())));
    };
    let export_json = move |_| {
        let s = ex.current_scenario_untracked();
        download(&format!("{}.json", slug(&s.name)), "application/json", &s.to_json());
    };
    let import = move |_| {
        if let Some(input) = file_input.get() {
            input.click();
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let promise = file.text();
        wasm_bindgen_futures::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            match persist::read_scenario_file(&text) {
                Ok((preset, s)) => {
                    let name = s.name.clone();
                    ex.load(&preset, s);
                    ex.notice.set(Some(("persist.imported".into(), name, false)));
                }
                Err(e) => ex.notice.set(Some((e.message_key.to_string(), e.detail, true))),
            }
        });
    };
    let results_csv = move |_| {
        let run = ex.run.get_untracked();
        let bands = ex.analysis.with_untracked(|a| a.as_ref().and_then(|a| a.bands.clone()));
        let (header, rows) = report::results_table(&run.outcome, bands.as_ref());
        download(&format!("{}-hasil.csv", slug(&run.scenario.name)), "text/csv", &to_csv(&header, &rows));
    };
    let print = move |_| ex.page.set(crate::state::Page::Brief);
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
            </div>
            <div class="action-group">
                <button type="button" class="btn-secondary" data-testid="share" on:click=share>{tr("persist.share")}</button>
                <button type="button" class="btn-secondary" data-testid="export-json" on:click=export_json>{tr("persist.export_json")}</button>
                <button type="button" class="btn-secondary" data-testid="import-json" on:click=import>{tr("persist.import_json")}</button>
                <input type="file" accept=".json,application/json" node_ref=file_input class="hidden-file" data-testid="import-file" on:change=on_file/>
                <button type="button" class="btn-secondary" data-testid="export-csv" on:click=results_csv>{tr("persist.export_csv")}</button>
                <button type="button" class="btn-secondary" data-testid="print" on:click=print>{tr("persist.print")}</button>
            </div>
            {move || qr.get().map(|(url, svg)| view! {
                <div class="share-box" data-testid="share-box">
                    <div class="qr" inner_html=svg data-testid="qr"></div>
                    <div>
                        <p>{tr("persist.link_copied")}</p>
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

/// The saved scenarios: load, rename, duplicate, delete, tick for comparison.
#[component]
pub fn SavedList() -> impl IntoView {
    let ex = use_explorer();
    let lang = use_lang();
    let item = move |s: Saved| {
        let id = s.id;
        let load = move |_| {
            if let Some(s) = ex.saved.with_untracked(|v| v.iter().find(|x| x.id == id).cloned()) {
                ex.load(&s.preset, s.scenario);
                ex.page.set(crate::state::Page::Explorer);
            }
        };
        let duplicate = move |_| {
            let new_id = ex.next_id.get_untracked();
            ex.saved.update(|v| {
                if let Some(s) = v.iter().find(|x| x.id == id).cloned() {
                    let name = format!("{} ({})", s.name, lang.get_untracked().t("persist.copy"));
                    let mut scenario = s.scenario.clone();
                    scenario.name = name.clone();
                    v.push(Saved { id: new_id, name, preset: s.preset, scenario });
                }
            });
            ex.next_id.set(new_id + 1);
        };
        let delete = move |_| {
            ex.saved.update(|v| v.retain(|x| x.id != id));
            ex.compare.update(|c| c.retain(|x| *x != id));
        };
        let rename = move |ev: leptos::ev::Event| {
            let n = event_target_value(&ev).trim().to_string();
            if !n.is_empty() {
                ex.saved.update(|v| {
                    if let Some(s) = v.iter_mut().find(|x| x.id == id) {
                        s.name = n.clone();
                        s.scenario.name = n;
                    }
                });
            }
        };
        let ticked = move || ex.compare.with(|c| c.contains(&id));
        let toggle = move |_| ex.compare.update(|c| if c.contains(&id) { c.retain(|x| *x != id) } else { c.push(id) });
        view! {
            <li class="saved-item" data-testid="saved-item">
                <label class="compare-tick">
                    <input type="checkbox" prop:checked=ticked on:change=toggle data-testid="compare-tick"/>
                    <span class="sr-only">{tr("persist.compare")}</span>
                </label>
                <input type="text" class="saved-name" data-testid="saved-name" prop:value=s.name.clone() on:change=rename
                    aria-label=move || lang.get().t("persist.rename")/>
                <span class="saved-meta">{format!("{} · {}", s.scenario.district.name, s.scenario.horizon)}</span>
                <button type="button" class="btn-secondary" data-testid="saved-load" on:click=load>{tr("persist.load")}</button>
                <button type="button" class="btn-secondary" data-testid="saved-duplicate" on:click=duplicate>{tr("persist.duplicate")}</button>
                <button type="button" class="btn-secondary danger" data-testid="saved-delete" on:click=delete>{tr("persist.delete")}</button>
            </li>
        }
    };
    view! {
        <section class="panel saved" data-testid="saved-list">
            <h2>{tr("persist.saved_title")}</h2>
            <p class="group-hint">{tr("persist.saved_hint")}</p>
            <Show when=move || ex.saved.with(|v| !v.is_empty()) fallback=move || view! { <p>{tr("persist.none_saved")}</p> }>
                <ul>
                    <For each=move || ex.saved.get() key=|s| (s.id, s.name.clone()) children=item/>
                </ul>
            </Show>
        </section>
    }
}
