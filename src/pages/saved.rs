//! The saved scenarios: load, rename, duplicate, delete, tick for comparison.

use leptos::prelude::*;

use crate::i18n::{tr, use_lang};
use crate::persist::Saved;
use crate::state::{use_state, Page};

#[component]
pub fn SavedList() -> impl IntoView {
    let st = use_state();
    let lib = st.library;
    let lang = use_lang();
    let item = move |s: Saved| {
        let id = s.id;
        let load = move |_| {
            if let Some(s) = lib.get(id) {
                if let Some(n) = st.open(s.preset, s.scenario) {
                    st.ui.notify(n);
                }
                st.ui.page.set(Page::Explorer);
            }
        };
        let duplicate = move |_| lib.duplicate(id, &lang.get_untracked().t("persist.copy"));
        let delete = move |_| lib.delete(id);
        let rename = move |ev: leptos::ev::Event| lib.rename(id, &event_target_value(&ev));
        view! {
            <li class="saved-item" data-testid="saved-item">
                <label class="compare-tick">
                    <input type="checkbox" prop:checked=move || lib.is_ticked(id) on:change=move |_| lib.toggle_compare(id) data-testid="compare-tick"/>
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
            {move || lib.last_deleted.with(|d| d.as_ref().map(|(_, s, _)| s.name.clone())).map(|name| view! {
                <p class="undo-bar" role="status" data-testid="undo-bar">
                    {move || lang.get().tf("persist.deleted", &[("name", name.clone())])}
                    <button type="button" class="btn-secondary" data-testid="undo-delete" on:click=move |_| lib.undo_delete()>{tr("persist.undo")}</button>
                </p>
            })}
            <Show when=move || lib.saved.with(|v| !v.is_empty()) fallback=move || view! { <p>{tr("persist.none_saved")}</p> }>
                <ul>
                    <For each=move || lib.saved.get() key=|s| (s.id, s.name.clone()) children=item/>
                </ul>
            </Show>
            <Recover/>
        </section>
    }
}

/// Stored scenarios that could not be used: listed with why, to export (as stored) and repair, or to drop.
#[component]
fn Recover() -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let lib = st.library;
    view! {
        <Show when=move || lib.quarantined.with(|q| !q.is_empty())>
            <div class="recover" data-testid="recover-list">
                <h3>{tr("persist.recover_title")}</h3>
                <p class="group-hint">{tr("persist.recover_hint")}</p>
                <ul>
                    {move || lib.quarantined.get().into_iter().map(|(key, q)| {
                        let (k1, k2) = (key.clone(), key);
                        let raw = q.raw.clone();
                        let file = format!("{}.json", crate::format::slug(&q.name));
                        view! {
                            <li class="saved-item" data-testid="recover-item">
                                <span class="recover-name">{if q.name.is_empty() { k1.clone() } else { q.name.clone() }}</span>
                                <span class="saved-meta">{
                                    let (why, stored) = (q.problem(), q.why.clone());
                                    move || why.as_ref().map_or_else(|| stored.clone(), |e| crate::present::problems::scenario_error(lang.get(), e))
                                }</span>
                                <button type="button" class="btn-secondary" data-testid="recover-export"
                                    on:click=move |_| crate::browser::download(&file, "application/json", &raw)>{tr("persist.export_json")}</button>
                                <button type="button" class="btn-secondary danger" data-testid="recover-forget"
                                    on:click=move |_| crate::session::forget_quarantined(st, &k2)>{tr("persist.delete")}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}
