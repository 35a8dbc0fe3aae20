//! The workspace in browser storage: restored on start (storage, then a share link in the address), written
//! after every change once changes have been still for a moment, and at once when the page is hidden or
//! closed. Everything read goes through `crate::persist` validation.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::persist::{self, Saved, Workspace, STORAGE_KEY};
use crate::state::{Arg, Detail, GroupMode, Notice, State};
use crate::workshop;

/// Quiet time after the last change before the workspace is written, ms.
const AUTOSAVE_DELAY_MS: f64 = 300.0;

/// Prefix of quarantined scenarios' keys: `entas.quarantine.<n>`, one record each, never overwritten.
const QUARANTINE_PREFIX: &str = "entas.quarantine.";

/// The first key `<prefix><n>` not in use.
fn free_key(prefix: &str) -> String {
    let storage = LocalStorage::raw();
    (1..).map(|n| format!("{prefix}{n}")).find(|k| !matches!(storage.get_item(k), Ok(Some(_)))).unwrap_or_default()
}

/// Every quarantined record in storage, by key.
fn quarantined() -> Vec<(String, persist::Quarantined)> {
    let storage = LocalStorage::raw();
    let n = storage.length().unwrap_or(0);
    let mut out: Vec<_> = (0..n)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(QUARANTINE_PREFIX))
        .filter_map(|k| {
            let text = storage.get_item(&k).ok().flatten()?;
            let q = serde_json::from_str(&text).unwrap_or(persist::Quarantined {
                name: k.clone(),
                why: String::new(),
                raw: text,
            });
            Some((k, q))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Drops a quarantined record (the user has exported or given it up).
pub fn forget_quarantined(st: State, key: &str) {
    let _ = LocalStorage::raw().remove_item(key);
    st.library.quarantined.set(quarantined());
}

/// Restores the workspace from browser storage, then applies a share link in the address, if any.
/// Nothing stored is ever lost: scenarios that cannot be used are quarantined one by one; a workspace that
/// cannot be read at all is copied under its own key first; one from a newer Entas is left untouched and
/// this page saves nothing (read-only) rather than overwrite it.
pub fn restore(st: State) {
    let storage = LocalStorage::raw();
    if let Ok(Some(text)) = storage.get_item(STORAGE_KEY) {
        match Workspace::from_json(&text) {
            Ok(loaded) => {
                let ws = loaded.workspace;
                if let Some(n) = st.open(ws.current.preset, ws.current.scenario.clone()) {
                    st.ui.notify(n);
                }
                st.library.restore(ws.saved, ws.compare, ws.next_id);
                st.library.districts.set(ws.districts);
                let mut kept = true;
                for q in &loaded.quarantined {
                    kept &= storage
                        .set_item(&free_key(QUARANTINE_PREFIX), &serde_json::to_string(q).unwrap_or_default())
                        .is_ok();
                }
                if !loaded.quarantined.is_empty() {
                    let names: Vec<_> = loaded.quarantined.iter().map(|q| q.name.clone()).collect();
                    st.ui.notify(Notice::error("persist.quarantined", names.join(", ")));
                }
                // A record that could not even be kept aside must not be overwritten by the autosave.
                st.ui.read_only.set(!kept);
            }
            Err(e) if e.message_key == "persist.newer_storage" => {
                st.ui.read_only.set(true);
                st.ui.notify(Notice::refused(e));
            }
            Err(e) => {
                // Keep what could not be read, under a key of its own, before the autosave replaces it.
                let kept = storage.set_item(&free_key(&format!("{STORAGE_KEY}.unreadable.")), &text).is_ok();
                st.ui.read_only.set(!kept);
                st.ui.notify(Notice::refused(e));
            }
        }
    }
    st.library.quarantined.set(quarantined());
    restore_room(st);
    open_fragment(st);
}

/// Opens what the address's fragment carries: a share link (`#s=`), a workshop invitation (`#w=`) or a
/// group's mix for this device's workshop (`#g=`). At load, or pasted into the address of an open tab.
pub fn open_fragment(st: State) {
    let fragment = crate::browser::fragment();
    if let Some(code) = fragment.strip_prefix("#s=") {
        open_link(st, code);
    } else if let Some(code) = fragment.strip_prefix("#w=") {
        open_invite(st, code);
        crate::browser::clear_fragment();
    } else if fragment.starts_with("#g=") {
        match st.room.receive(&fragment) {
            Ok(got) => st.ui.notify(received_notice(&got)),
            Err(e) => st.ui.notify(Notice::refused(e)),
        }
        st.ui.page.set(crate::state::Page::Workshop);
        crate::browser::clear_fragment();
    }
}

/// The notice for a group's mix taken in.
pub fn received_notice(got: &workshop::Received) -> Notice {
    match got {
        workshop::Received::Added(n) => Notice::info("workshop.added", n.clone()),
        workshop::Received::Replaced(n) => Notice::info("workshop.replaced", n.clone()),
    }
}

/// Opens `s` on the explorer (a group's mix, the room median), keeping unsaved work as a saved scenario first.
pub fn open_scenario(st: State, start: persist::Start, s: entas_model::Scenario) {
    let kept = keep_unsaved_work(st);
    let name = s.name.clone();
    let capped = st.open(start, s);
    st.ui.page.set(crate::state::Page::Explorer);
    match (kept, capped) {
        (Some(kept), _) => st.ui.notify(Notice::info("persist.link_loaded_kept", kept)),
        (None, Some(n)) => st.ui.notify(n),
        (None, None) => st.ui.notify(Notice::info("persist.imported", name)),
    }
}

/// Opens a workshop invitation on a group's device: the start scenario (unsaved work kept first) and the
/// group view. The same invitation opened again keeps the group's mix and name.
fn open_invite(st: State, code: &str) {
    match workshop::Invite::read(code) {
        Ok((invite, start, scenario)) => {
            let same = st
                .room
                .group
                .with_untracked(|g| g.as_ref().is_some_and(|g| g.invite.settings.id == invite.settings.id));
            if !same {
                let kept = keep_unsaved_work(st);
                let capped = st.open(start, scenario.clone());
                let name = st.room.group.with_untracked(|g| g.as_ref().map(|g| g.name.clone())).unwrap_or_default();
                st.room.group.set(Some(GroupMode { invite, code: code.to_string(), start: scenario, name }));
                match (kept, capped) {
                    (Some(name), _) => st.ui.notify(Notice::info("persist.link_loaded_kept", name)),
                    (None, Some(n)) => st.ui.notify(n),
                    (None, None) => st.ui.notify(Notice::info("workshop.joined", "")),
                }
            }
            st.ui.page.set(crate::state::Page::Explorer);
        }
        Err(e) => st.ui.notify(Notice::refused(e)),
    }
}

/// Restores the facilitator's workshop and the group view from storage. A workshop that cannot be read is
/// kept under a key of its own (`entas.workshop.unreadable.<n>`) before anything replaces it.
fn restore_room(st: State) {
    let storage = LocalStorage::raw();
    if let Ok(Some(text)) = storage.get_item(workshop::STORAGE_KEY) {
        match workshop::Workshop::from_json(&text) {
            Ok(w) => st.room.workshop.set(Some(w)),
            Err(e) => {
                let _ = storage.set_item(&free_key(&format!("{}.unreadable.", workshop::STORAGE_KEY)), &text);
                let _ = storage.remove_item(workshop::STORAGE_KEY);
                st.ui.notify(Notice::refused(e));
            }
        }
    }
    if let Ok(Some(text)) = storage.get_item(workshop::GROUP_KEY) {
        let view = serde_json::from_str::<workshop::GroupView>(&text).ok();
        if let Some((v, Ok((invite, _, start)))) = view.map(|v| {
            let read = workshop::Invite::read(&v.invite);
            (v, read)
        }) {
            st.room.group.set(Some(GroupMode { invite, code: v.invite, start, name: v.name }));
        }
    }
    // Written at once on every change: a workshop changes when a group arrives or a note is typed.
    Effect::new(move |_| {
        let text = st.room.workshop.with(|w| w.as_ref().map(workshop::Workshop::to_json));
        let storage = LocalStorage::raw();
        let ok = match text {
            Some(t) => storage.set_item(workshop::STORAGE_KEY, &t).is_ok(),
            None => storage.remove_item(workshop::STORAGE_KEY).is_ok(),
        };
        if !ok {
            st.ui.notify(Notice::error("persist.storage_full", ""));
        }
    });
    Effect::new(move |_| {
        let view = st
            .room
            .group
            .with(|g| g.as_ref().map(|g| workshop::GroupView { invite: g.code.clone(), name: g.name.clone() }));
        let storage = LocalStorage::raw();
        let _ = match view {
            Some(v) => storage.set_item(workshop::GROUP_KEY, &serde_json::to_string(&v).unwrap_or_default()),
            None => storage.remove_item(workshop::GROUP_KEY),
        };
    });
}

/// Opens a share link's fragment (after `#s=`): at load, or pasted into the address of an open tab.
pub fn open_link(st: State, fragment: &str) {
    match persist::decode_link(fragment) {
        Ok((start, s)) => {
            // Work in progress is never replaced silently: kept as a saved scenario first.
            let kept = keep_unsaved_work(st);
            let capped = st.open(start, s);
            // That the user's work was kept matters more than the sample size.
            match (kept, capped) {
                (Some(name), _) => st.ui.notify(Notice::info("persist.link_loaded_kept", name)),
                (None, Some(n)) => st.ui.notify(n),
                (None, None) => st.ui.notify(Notice::info("persist.link_loaded", "")),
            }
        }
        Err(e) => st.ui.notify(Notice::refused(e)),
    }
    // The link has done its work: a reload shows the autosaved state.
    crate::browser::clear_fragment();
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

/// This tab's random id, written with every workspace it stores.
fn tab_id() -> String {
    thread_local! {
        static ID: String = format!("{:016x}", (js_sys::Math::random() * 2f64.powi(53)) as u64);
    }
    ID.with(Clone::clone)
}

/// Writes the workspace as it is now to browser storage (never in read-only mode).
fn write_workspace(st: State) {
    if st.ui.read_only.get_untracked() {
        return;
    }
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
        writer: tab_id(),
        changes: lib.changes(),
        districts: lib.districts.get_untracked(),
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
        st.library.districts.track();
        // The first run writes too: a scenario from a link, or a migrated workspace, is stored at once.
        save();
    });
    // Hidden or closed: write now, whatever is waiting (writing the current state twice is harmless).
    let flush = window_event_listener(leptos::ev::pagehide, move |_| write_workspace(st));
    // Another tab wrote the workspace: take in the scenarios it saved, so neither tab's saves are lost when
    // this one writes next. Its working scenario stays its own.
    // Its renames and deletions (`TabChange`s, numbered per tab) are applied here once each.
    let applied = StoredValue::new(std::collections::HashMap::<String, u64>::new());
    let other_tab = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() != Some(STORAGE_KEY) {
            return;
        }
        let Some(Ok(after)) = ev.new_value().map(|t| Workspace::from_json(&t)) else { return };
        let after = after.workspace;
        let newest = after.changes.last().map_or(0, |c| c.seq);
        let seen = applied.try_update_value(|m| m.insert(after.writer.clone(), newest)).flatten().unwrap_or(0);
        let changes = if after.writer != tab_id() { after.changes.as_slice() } else { &[] };
        let (renamed, deleted) = st.library.apply_other_tab(changes, seen);
        let added = st.library.merge(after.saved) + st.library.merge_districts(after.districts);
        if added + renamed + deleted > 0 {
            let args = [("added", added), ("renamed", renamed), ("deleted", deleted)];
            let detail = Detail::Template("persist.other_tab_counts", args.map(|(k, n)| (k, Arg::Count(n))).to_vec());
            st.ui.notify(Notice { key: "persist.other_tab", detail, error: false });
        }
    });
    on_cleanup(move || other_tab.remove());
    on_cleanup(move || flush.remove());
}
