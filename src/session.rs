//! The workspace in browser storage: restored on start (storage, then a share link in the address), written
//! after every change once changes have been still for a moment, and at once when the page is hidden or
//! closed. Everything read goes through `crate::persist` validation.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::persist::{self, Saved, Workspace, STORAGE_KEY};
use crate::state::{Notice, State};

/// Quiet time after the last change before the workspace is written, ms.
const AUTOSAVE_DELAY_MS: f64 = 300.0;

/// Restores the workspace from browser storage, then applies a share link in the address, if any.
pub fn restore(st: State) {
    let storage = LocalStorage::raw();
    if let Ok(Some(text)) = storage.get_item(STORAGE_KEY) {
        match Workspace::from_json(&text) {
            Ok(ws) => {
                st.open(ws.current.preset, ws.current.scenario.clone());
                st.library.restore(ws.saved, ws.compare, ws.next_id);
            }
            Err(e) => {
                // Keep what could not be read rather than overwrite it.
                let _ = storage.set_item(&format!("{STORAGE_KEY}.unreadable"), &text);
                st.ui.notify(Notice::error(e.message_key, e.detail));
            }
        }
    }
    if let Some(fragment) = crate::browser::fragment().strip_prefix("#s=") {
        match persist::decode_link(fragment) {
            Ok((start, s)) => {
                // Work in progress is never replaced silently: kept as a saved scenario first.
                let kept = keep_unsaved_work(st);
                st.open(start, s);
                match kept {
                    Some(name) => st.ui.notify(Notice::info("persist.link_loaded_kept", name)),
                    None => st.ui.notify(Notice::info("persist.link_loaded", "")),
                }
            }
            Err(e) => st.ui.notify(Notice::error(e.message_key, e.detail)),
        }
        // The link has done its work: a reload shows the autosaved state.
        crate::browser::clear_fragment();
    }
}

/// Saves the working scenario as a named one when it holds changes (levers differing from its district's
/// status quo, or another target or horizon than its preset's); returns the name it was saved under.
fn keep_unsaved_work(st: State) -> Option<String> {
    let current = st.working.current_scenario_untracked();
    let reference = entas_model::presets::reference_levers(&current);
    let preset = entas_model::presets::preset(st.working.start.get_untracked().name());
    let same_as_preset = preset.is_some_and(|p| {
        p.district == current.district && p.horizon == current.horizon && p.targets == current.targets
    });
    if current.levers.diff(&reference).is_empty() && same_as_preset {
        return None;
    }
    let name = st.ui_text("persist.before_link");
    Some(st.library.save(&name, &name, st.working.start.get_untracked(), current))
}

/// Writes the workspace as it is now to browser storage.
fn write_workspace(st: State) {
    let lib = st.library;
    let ws = Workspace {
        version: persist::WORKSPACE_VERSION,
        current: Saved {
            id: 0,
            name: String::new(),
            preset: st.working.start.get_untracked(),
            scenario: st.working.current_scenario_untracked(),
        },
        saved: lib.saved.get_untracked(),
        next_id: lib.next_id.get_untracked(),
        compare: lib.compare.get_untracked(),
    };
    if LocalStorage::raw().set_item(STORAGE_KEY, &ws.to_json()).is_err() {
        st.ui.notify(Notice::error("persist.storage_full", ""));
    }
}

/// Saves the workspace once changes have been still for a moment (not on every step of a slider drag), and
/// at once when the page is hidden or closed, so a reload, a crash of the tab or a closed tab loses nothing.
pub fn autosave(st: State) {
    let save = leptos_use::use_debounce_fn(move || write_workspace(st), AUTOSAVE_DELAY_MS);
    Effect::new(move |_| {
        st.working.run.track();
        st.working.start.track();
        st.library.saved.track();
        st.library.next_id.track();
        st.library.compare.track();
        // The first run writes too: a scenario from a link, or a migrated workspace, is stored at once.
        save();
    });
    // Hidden or closed: write now, whatever is waiting (writing the current state twice is harmless).
    let flush = window_event_listener(leptos::ev::pagehide, move |_| write_workspace(st));
    on_cleanup(move || flush.remove());
}
