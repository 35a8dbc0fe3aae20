//! Named scenarios and the ones ticked for comparison, with the bookkeeping (ids, copies, renames) in one
//! place rather than in click handlers.

use entas_model::Scenario;
use leptos::prelude::*;

use crate::persist::{concerns, fingerprint, Saved, Start, TabChange, MAX_TAB_CHANGES};

/// The saved scenarios (kept in browser storage with the working state).
#[derive(Clone, Copy)]
pub struct Library {
    pub saved: RwSignal<Vec<Saved>>,
    /// Saved scenarios ticked for comparison, by id.
    pub compare: RwSignal<Vec<u64>>,
    pub next_id: RwSignal<u64>,
    /// Stored scenarios that could not be used, by storage key, for the recover list.
    pub quarantined: RwSignal<Vec<(String, crate::persist::Quarantined)>>,
    /// Scenarios deleted in this tab, so a merge from another tab does not bring them back.
    deleted: StoredValue<Vec<(String, Scenario)>>,
    /// The renames and deletions the user made in this tab, for the other open tabs.
    changes: StoredValue<Vec<TabChange>>,
    /// The last scenario deleted here, where it stood and whether it was ticked, until it is restored.
    pub last_deleted: RwSignal<Option<(usize, Saved, bool)>>,
    /// "Wilayah saya": the user's own districts, each the scenario it starts, by name (one per name).
    pub districts: RwSignal<Vec<Saved>>,
}

impl Library {
    pub fn new() -> Library {
        Library {
            saved: RwSignal::new(Vec::new()),
            compare: RwSignal::new(Vec::new()),
            next_id: RwSignal::new(1),
            quarantined: RwSignal::new(Vec::new()),
            deleted: StoredValue::new(Vec::new()),
            changes: StoredValue::new(Vec::new()),
            last_deleted: RwSignal::new(None),
            districts: RwSignal::new(Vec::new()),
        }
    }

    /// Stores a district of the user's own under its name, replacing one of the same name; returns its id.
    pub fn save_district(&self, scenario: Scenario) -> u64 {
        let name = scenario.district.name.clone();
        if let Some(id) = self.districts.with_untracked(|v| v.iter().find(|d| d.name == name).map(|d| d.id)) {
            self.districts.update(|v| {
                if let Some(d) = v.iter_mut().find(|d| d.id == id) {
                    d.scenario = scenario;
                }
            });
            return id;
        }
        let id = self.take_id();
        self.districts.update(|v| {
            v.push(Saved { id, name, preset: Start::Custom, scenario });
            if v.len() > crate::persist::MAX_DISTRICTS {
                v.remove(0);
            }
        });
        id
    }

    /// The stored district `id`.
    pub fn district(&self, id: u64) -> Option<Saved> {
        self.districts.with_untracked(|v| v.iter().find(|d| d.id == id).cloned())
    }

    /// Removes the stored district `id` (scenarios saved on it keep their own copy of its figures).
    pub fn delete_district(&self, id: u64) {
        self.districts.update(|v| v.retain(|d| d.id != id));
    }

    /// The stored district whose figures `district` are, if any (reactive).
    pub fn district_of(&self, district: &entas_model::scenario::District) -> Option<u64> {
        self.districts.with(|v| v.iter().find(|d| d.scenario.district == *district).map(|d| d.id))
    }

    /// Takes in another tab's districts that this tab does not have by name; returns how many.
    pub fn merge_districts(&self, incoming: Vec<Saved>) -> usize {
        let mut added = 0;
        for d in incoming {
            if self.districts.with_untracked(|v| v.iter().all(|x| x.name != d.name)) {
                let id = self.take_id();
                self.districts.update(|v| v.push(Saved { id, ..d }));
                added += 1;
            }
        }
        added
    }

    /// Replaces everything (a restored workspace).
    pub fn restore(&self, saved: Vec<Saved>, compare: Vec<u64>, next_id: u64) {
        self.saved.set(saved);
        self.compare.set(compare);
        self.next_id.set(next_id);
    }

    fn take_id(&self) -> u64 {
        let id = self.next_id.get_untracked();
        self.next_id.set(id + 1);
        id
    }

    /// Saves `scenario` under `name` (or "<fallback> <id>" when the name is blank); returns the name used.
    pub fn save(&self, name: &str, fallback: &str, start: Start, mut scenario: Scenario) -> String {
        let id = self.take_id();
        let name = match name.trim() {
            "" => format!("{fallback} {id}"),
            n => n.to_string(),
        };
        scenario.name = name.clone();
        self.saved.update(|v| v.push(Saved { id, name: name.clone(), preset: start, scenario }));
        name
    }

    /// The saved scenario `id`.
    pub fn get(&self, id: u64) -> Option<Saved> {
        self.saved.with_untracked(|v| v.iter().find(|x| x.id == id).cloned())
    }

    /// A copy of `id` named "<name> (<suffix>)".
    pub fn duplicate(&self, id: u64, suffix: &str) {
        let Some(s) = self.get(id) else { return };
        let new_id = self.take_id();
        let name = format!("{} ({suffix})", s.name);
        let mut scenario = s.scenario;
        scenario.name = name.clone();
        self.saved.update(|v| v.push(Saved { id: new_id, name, preset: s.preset, scenario }));
    }

    /// Deletes `id`; `undo_delete` brings it back.
    pub fn delete(&self, id: u64) {
        if let Some(s) = self.get(id) {
            self.log(&s, None);
            let at = self.saved.with_untracked(|v| v.iter().position(|x| x.id == id).unwrap_or(v.len()));
            self.last_deleted.set(Some((at, s, self.compare.with_untracked(|c| c.contains(&id)))));
        }
        self.remove(id);
    }

    /// Puts the last deleted scenario back where it was (ticked again if it was), and forgets its deletion
    /// here. A tab that already applied the deletion keeps it deleted.
    pub fn undo_delete(&self) {
        let Some((at, s, ticked)) = self.last_deleted.get_untracked() else { return };
        self.last_deleted.set(None);
        self.deleted.update_value(|d| {
            if let Some(i) = d.iter().position(|(n, sc)| *n == s.name && *sc == s.scenario) {
                d.remove(i);
            }
        });
        let id = s.id;
        self.saved.update(|v| v.insert(at.min(v.len()), s));
        if ticked {
            self.compare.update(|c| c.push(id));
        }
    }

    /// Removes `id`, remembering it so a merge from another tab does not bring it back.
    fn remove(&self, id: u64) {
        if let Some(s) = self.get(id) {
            self.deleted.update_value(|d| d.push((s.name, s.scenario)));
        }
        self.saved.update(|v| v.retain(|x| x.id != id));
        self.compare.update(|c| c.retain(|x| *x != id));
    }

    /// Renames `id`; a blank name changes nothing.
    pub fn rename(&self, id: u64, name: &str) {
        let n = name.trim();
        if n.is_empty() {
            return;
        }
        if let Some(s) = self.get(id).filter(|s| s.name != n) {
            self.log(&s, Some(n.to_string()));
        }
        self.set_name(id, n);
    }

    /// Renames `id`. The old name is remembered like a deletion: another tab that has not yet taken in the
    /// rename may write its copy under the old name, and a merge must not bring that copy back.
    fn set_name(&self, id: u64, n: &str) {
        if let Some(s) = self.get(id) {
            self.deleted.update_value(|d| d.push((s.name, s.scenario)));
        }
        self.saved.update(|v| {
            if let Some(s) = v.iter_mut().find(|x| x.id == id) {
                s.name = n.to_string();
                s.scenario.name = n.to_string();
            }
        });
    }

    /// Applies another tab's renames and deletions numbered above `after` to the same scenarios here (same
    /// name and content); returns (renamed, deleted). They are not logged again: each tab passes on only what
    /// its user did.
    pub fn apply_other_tab(&self, changes: &[TabChange], after: u64) -> (usize, usize) {
        let (mut renamed, mut deleted) = (0, 0);
        for c in changes.iter().filter(|c| c.seq > after) {
            let ids: Vec<u64> =
                self.saved.with_untracked(|v| v.iter().filter(|s| concerns(c, s)).map(|s| s.id).collect());
            for id in ids {
                match &c.to {
                    Some(name) => {
                        self.set_name(id, name);
                        renamed += 1;
                    }
                    None => {
                        self.remove(id);
                        deleted += 1;
                    }
                }
            }
        }
        (renamed, deleted)
    }

    /// The renames and deletions made in this tab, newest last (written with the workspace).
    pub fn changes(&self) -> Vec<TabChange> {
        self.changes.get_value()
    }

    fn log(&self, s: &Saved, to: Option<String>) {
        self.changes.update_value(|c| {
            let seq = c.last().map_or(1, |l| l.seq + 1);
            c.push(TabChange { seq, name: s.name.clone(), print: fingerprint(&s.scenario), to });
            if c.len() > MAX_TAB_CHANGES {
                c.remove(0);
            }
        });
    }

    /// Adds the scenarios another tab saved that this tab has neither (same name and scenario) nor deleted,
    /// each under a fresh id; returns how many were added. Two tabs that each save a scenario keep both.
    pub fn merge(&self, incoming: Vec<Saved>) -> usize {
        let mut added = 0;
        for s in incoming {
            let known = self.saved.with_untracked(|v| v.iter().any(|x| x.name == s.name && x.scenario == s.scenario));
            let deleted = self.deleted.with_value(|d| d.iter().any(|(n, sc)| *n == s.name && *sc == s.scenario));
            if !known && !deleted {
                let id = self.take_id();
                self.saved.update(|v| v.push(Saved { id, ..s }));
                added += 1;
            }
        }
        added
    }

    pub fn is_ticked(&self, id: u64) -> bool {
        self.compare.with(|c| c.contains(&id))
    }

    pub fn toggle_compare(&self, id: u64) {
        self.compare.update(|c| if c.contains(&id) { c.retain(|x| *x != id) } else { c.push(id) });
    }

    /// The ticked scenarios, in the order they were saved.
    pub fn ticked(&self) -> Vec<Saved> {
        let ticked = self.compare.get();
        self.saved.with(|v| v.iter().filter(|s| ticked.contains(&s.id)).cloned().collect())
    }
}

impl Default for Library {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Another tab that had not taken in a rename yet writes its copy under the old name: merging it must
    /// not bring the old name back beside the new one (seen in the two-tab browser test under load).
    #[test]
    fn a_stale_copy_under_a_renamed_scenarios_old_name_is_not_merged_back() {
        let _owner = Owner::new();
        let lib = Library::new();
        let scenario = entas_model::presets::preset("muba_2024").expect("preset");
        lib.save("Dari tab A", "Skenario", Start::Preset("muba_2024"), scenario);
        let stale = lib.saved.get_untracked();
        let id = stale[0].id;
        lib.rename(id, "Tab A, nama baru");
        assert_eq!(lib.merge(stale.clone()), 0, "the old name came back");
        let names: Vec<String> = lib.saved.get_untracked().into_iter().map(|s| s.name).collect();
        assert_eq!(names, vec!["Tab A, nama baru".to_string()]);
        // A scenario that really is new still merges.
        let mut other = stale[0].clone();
        other.name = "Dari tab B".into();
        other.scenario.name = "Dari tab B".into();
        assert_eq!(lib.merge(vec![other]), 1);
        // Undo puts a deleted scenario back where it stood.
        lib.delete(id);
        assert_eq!(lib.saved.get_untracked().len(), 1);
        lib.undo_delete();
        assert_eq!(lib.saved.get_untracked()[0].name, "Tab A, nama baru");
    }
}
