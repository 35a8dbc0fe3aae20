//! The workshop on this device: the facilitator's workshop (with one step of undo), or — on a group's phone
//! or laptop — the group view (the invitation it opened and the group's name). Methods validate through
//! `crate::workshop`; `session` stores both.

use leptos::prelude::*;

use crate::persist::Refused;
use crate::workshop::{Invite, Received, Reply, Settings, Workshop};

/// A group device's view: the invitation and the group's name.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupMode {
    pub invite: Invite,
    /// The invitation's code (after `#w=`), kept to restore the view after a reload.
    pub code: String,
    pub start: entas_model::Scenario,
    pub name: String,
}

/// The workshop state.
#[derive(Clone, Copy)]
pub struct Room {
    pub workshop: RwSignal<Option<Workshop>>,
    /// The workshop before the last change that replaced, removed or took in a group (or replaced the
    /// workshop): one step of undo.
    pub undo: RwSignal<Option<Option<Workshop>>>,
    pub group: RwSignal<Option<GroupMode>>,
}

impl Room {
    pub fn new() -> Room {
        Room { workshop: RwSignal::new(None), undo: RwSignal::new(None), group: RwSignal::new(None) }
    }

    /// Remembers the workshop as it is, for undo.
    fn keep_for_undo(&self) {
        self.undo.set(Some(self.workshop.get_untracked()));
    }

    /// Starts a workshop on `start` (the current one is kept for undo).
    pub fn begin(&self, settings: Settings, preset: crate::persist::Start, start: entas_model::Scenario) {
        self.keep_for_undo();
        self.workshop.set(Some(Workshop::new(settings, preset, start)));
    }

    /// Replaces the workshop with an imported one (undo brings the current one back).
    pub fn replace(&self, w: Option<Workshop>) {
        self.keep_for_undo();
        self.workshop.set(w);
    }

    /// Takes in what a group sent (code, link or file text).
    pub fn receive(&self, text: &str) -> Result<Received, Refused> {
        let reply = Reply::read(text)?;
        let mut w = self
            .workshop
            .get_untracked()
            .ok_or(Refused { message_key: "workshop.refused", why: crate::persist::Why::NoWorkshop })?;
        let got = w.receive(reply)?;
        self.keep_for_undo();
        self.workshop.set(Some(w));
        Ok(got)
    }

    /// Removes group `name`.
    pub fn remove(&self, name: &str) {
        self.keep_for_undo();
        self.workshop.update(|w| {
            if let Some(w) = w {
                w.groups.retain(|g| g.name != name);
            }
        });
    }

    /// Sets group `name`'s notes (cut to the limit); not an undo step.
    pub fn set_notes(&self, name: &str, notes: &str) {
        let notes: String = notes.chars().take(crate::workshop::MAX_NOTES).collect();
        self.workshop.update(|w| {
            if let Some(g) = w.as_mut().and_then(|w| w.groups.iter_mut().find(|g| g.name == name)) {
                g.notes = notes;
            }
        });
    }

    /// Goes back one step.
    pub fn undo(&self) {
        if let Some(before) = self.undo.get_untracked() {
            self.workshop.set(before);
            self.undo.set(None);
        }
    }
}

impl Default for Room {
    fn default() -> Self {
        Self::new()
    }
}
