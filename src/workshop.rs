//! A workshop (rakor, FGD) as data, pure and tested natively: the facilitator's settings, the starting
//! scenario every group begins from, and the groups' mixes as they come back. What travels between devices
//! with no network:
//!
//! - the **invitation** (facilitator → groups): the start scenario, the levers groups may move and the budget
//!   envelope, as the fragment `#w=1.<base64url(deflate(json))>` of a link or QR code;
//! - a **group's mix** (group → facilitator): the workshop's id, the group's name and the allowed levers it
//!   set, as a short code `1.<…>` (in a QR code or a link `#g=…`) or as a readable JSON file.
//!
//! Everything read back is validated: the mix must be for this workshop, move only allowed levers, and every
//! value must be in its lever's range; a refusal names what is wrong and changes nothing. The arithmetic of
//! the room (tally, room median, the envelope) is the model's (`entas_model::workshop`).

use std::collections::BTreeMap;

use entas_model::levers::{spec, LeverGroup, LeverId, Unit, LEVERS};
use entas_model::scenario::{Problem, ScenarioError};
use entas_model::{LeverValues, Scenario};
use serde::{Deserialize, Serialize};

use crate::persist::{self, Refused, Start, Why};

/// Browser-storage key of the facilitator's workshop.
pub const STORAGE_KEY: &str = "entas.workshop";
/// Browser-storage key of a group device's view (the invitation and the group's own mix).
pub const GROUP_KEY: &str = "entas.group";
/// The workshop format this build writes (storage and files).
pub const VERSION: u32 = 1;
/// Most groups a workshop takes.
pub const MAX_GROUPS: usize = 24;
/// Longest group name, characters.
pub const MAX_NAME: usize = 60;
/// Longest workshop title, characters.
pub const MAX_TITLE: usize = 120;
/// Longest note per group, characters.
pub const MAX_NOTES: usize = 4000;
/// Largest budget envelope, Rp miliar per year.
pub const MAX_ENVELOPE: f64 = 100_000.0;

/// What the facilitator decided for the room.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Random, so a group's mix can say which workshop it answers.
    pub id: String,
    pub title: String,
    /// The levers groups may move, in table order.
    pub allowed: Vec<LeverId>,
    /// Budget to allocate, Rp miliar per year (`entas_model::workshop::yearly_budget` of a mix is compared
    /// with it); none when the room has no envelope.
    pub envelope: Option<f64>,
}

/// One group's mix as the facilitator holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub name: String,
    /// The allowed levers the group set (values differing from the start only).
    pub levers: BTreeMap<LeverId, f64>,
    #[serde(default)]
    pub notes: String,
    /// Order of arrival (a group that sends again gets a new number).
    pub seq: u64,
}

/// The facilitator's workshop: stored in the browser, exported and imported as one file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workshop {
    pub version: u32,
    pub settings: Settings,
    pub preset: Start,
    /// The status quo every group starts from (the facilitator's working scenario when the workshop began).
    pub start: Scenario,
    pub groups: Vec<Group>,
    pub next_seq: u64,
}

/// What the facilitator hands to the groups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Invite {
    pub settings: Settings,
    /// The start scenario as a share-link fragment (`persist::encode_link`): only what differs from its preset.
    pub start: String,
}

/// A group's mix on its way to the facilitator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    /// The workshop's id.
    pub workshop: String,
    pub name: String,
    pub levers: BTreeMap<LeverId, f64>,
}

/// The file a group downloads: the reply with a marker and the workshop's title, readable as it is.
#[derive(Serialize, Deserialize)]
struct ReplyFile {
    entas_group: u32,
    #[serde(default)]
    title: String,
    #[serde(flatten)]
    reply: Reply,
}

/// What taking in a mix did.
#[derive(Clone, Debug, PartialEq)]
pub enum Received {
    Added(String),
    /// The group had sent before: its earlier mix is replaced.
    Replaced(String),
}

/// The levers a workshop offers by default: every budget of the three strategies and data updating.
pub fn default_allowed() -> Vec<LeverId> {
    LEVERS.iter().filter(|l| l.group.is_policy() && l.unit == Unit::RpBillionPerYear).map(|l| l.id).collect()
}

/// Levers a workshop may offer: programmes and enablers, never assumptions or shocks.
pub fn offerable(id: LeverId) -> bool {
    spec(id).group.is_policy()
}

fn refused(why: Why) -> Refused {
    Refused { message_key: "workshop.refused", why }
}

fn field(field: &str, problem: Problem) -> Refused {
    refused(Why::Scenario(ScenarioError { field: field.into(), problem }))
}

/// A trimmed name within `max` characters, not empty.
fn checked_text(name: &str, text: &str, max: usize) -> Result<String, Refused> {
    let t = text.trim();
    let chars = t.chars().count();
    if chars == 0 {
        return Err(field(name, Problem::MissingField { name: name.into() }));
    }
    if chars > max {
        return Err(field(name, Problem::TooLong { chars, max }));
    }
    Ok(t.to_string())
}

impl Settings {
    /// Settings checked: a title, offerable levers (sorted, once each), an envelope in range.
    pub fn new(id: String, title: &str, allowed: &[LeverId], envelope: Option<f64>) -> Result<Settings, Refused> {
        let title = checked_text("title", title, MAX_TITLE)?;
        let mut allowed: Vec<LeverId> = LEVERS.iter().map(|l| l.id).filter(|id| allowed.contains(id)).collect();
        allowed.retain(|id| offerable(*id));
        if allowed.is_empty() {
            return Err(
                field("allowed", Problem::MissingField { name: "allowed".into() }).with_key("workshop.no_levers")
            );
        }
        if let Some(e) = envelope {
            if !(e.is_finite() && (0.0..=MAX_ENVELOPE).contains(&e)) {
                return Err(field("envelope", Problem::OutOfRange { value: e, min: 0.0, max: MAX_ENVELOPE }));
            }
        }
        Ok(Settings { id, title, allowed, envelope })
    }

    /// A group's levers checked against these settings: allowed, in range, and differing from `start`.
    fn check_levers(
        &self,
        start: &LeverValues,
        levers: &BTreeMap<LeverId, f64>,
    ) -> Result<BTreeMap<LeverId, f64>, Refused> {
        let mut out = BTreeMap::new();
        for (&id, &v) in levers {
            let at = format!("levers.{}", id.as_str());
            if !self.allowed.contains(&id) {
                return Err(
                    field(&at, Problem::UnknownLever { id: id.as_str().into() }).with_key("workshop.not_allowed")
                );
            }
            let v = spec(id).validate(v).map_err(|e| refused(Why::Scenario(e.into())))?;
            if v != start.get(id) {
                out.insert(id, v);
            }
        }
        Ok(out)
    }
}

impl Refused {
    fn with_key(mut self, key: &'static str) -> Refused {
        self.message_key = key;
        self
    }
}

/// Packs JSON as `1.<base64url(deflate)>`.
fn pack<T: Serialize>(value: &T) -> String {
    persist::pack(&serde_json::to_vec(value).unwrap_or_default())
}

/// Reads what `pack` wrote.
fn unpack<T: serde::de::DeserializeOwned>(code: &str) -> Result<T, Refused> {
    let json = persist::unpack(code).map_err(refused)?;
    let value: serde_json::Value = serde_json::from_slice(&json).map_err(|e| field("(code)", Problem::not_json(&e)))?;
    entas_model::scenario::from_value_at_path(value).map_err(|e| refused(Why::Scenario(e)))
}

impl Workshop {
    /// A new workshop on `start` with no groups yet.
    pub fn new(settings: Settings, preset: Start, start: Scenario) -> Workshop {
        Workshop { version: VERSION, settings, preset, start, groups: Vec::new(), next_seq: 1 }
    }

    /// The invitation's link fragment, after `#w=`.
    pub fn invite_code(&self) -> String {
        pack(&Invite { settings: self.settings.clone(), start: persist::encode_link(self.preset, &self.start) })
    }

    /// Group `g`'s scenario: the start with its levers, named after the group.
    pub fn scenario_of(&self, g: &Group) -> Scenario {
        let mut s = self.start.clone();
        for (&id, &v) in &g.levers {
            // Checked on the way in; a value the lever refused would leave the start's.
            let _ = s.levers.set(id, v);
        }
        s.name = g.name.clone();
        s
    }

    /// Takes in a group's mix: refused when it is for another workshop, moves a lever the room did not offer,
    /// holds a value out of range or a name too long; a group of the same name (case and spaces ignored)
    /// is replaced and keeps its notes.
    pub fn receive(&mut self, r: Reply) -> Result<Received, Refused> {
        if r.workshop != self.settings.id {
            return Err(refused(Why::Scenario(ScenarioError {
                field: "workshop".into(),
                problem: Problem::WrongValue {
                    found: r.workshop.chars().take(20).collect(),
                    expected: self.settings.id.clone(),
                },
            }))
            .with_key("workshop.other_workshop"));
        }
        let name = checked_text("name", &r.name, MAX_NAME)?;
        let levers = self.settings.check_levers(&self.start.levers, &r.levers)?;
        let seq = self.next_seq;
        let key = |n: &str| n.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        if let Some(g) = self.groups.iter_mut().find(|g| key(&g.name) == key(&name)) {
            *g = Group { name: name.clone(), levers, notes: std::mem::take(&mut g.notes), seq };
            self.next_seq += 1;
            return Ok(Received::Replaced(name));
        }
        if self.groups.len() >= MAX_GROUPS {
            return Err(field("groups", Problem::TooMany { entries: self.groups.len() + 1, max: MAX_GROUPS }));
        }
        self.groups.push(Group { name: name.clone(), levers, notes: String::new(), seq });
        self.next_seq += 1;
        Ok(Received::Added(name))
    }

    /// Storage and file text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a stored or exported workshop: its version, its start scenario (validated and brought up to
    /// date like any scenario), its settings and every group's levers checked again.
    pub fn from_json(text: &str) -> Result<Workshop, Refused> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| field("(file)", Problem::not_json(&e)))?;
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) => return Err(refused(Why::Version(v.to_string())).with_key("workshop.newer")),
            None => return Err(refused(Why::NoVersion)),
        }
        let mut w: Workshop =
            entas_model::scenario::from_value_at_path(value).map_err(|e| refused(Why::Scenario(e)))?;
        w.start.district.migrate();
        w.start.validate().map_err(|e| refused(Why::Scenario(e)))?;
        let s = &w.settings;
        w.settings = Settings::new(s.id.clone(), &s.title, &s.allowed, s.envelope)?;
        if w.groups.len() > MAX_GROUPS {
            return Err(field("groups", Problem::TooMany { entries: w.groups.len(), max: MAX_GROUPS }));
        }
        for g in &mut w.groups {
            g.name = checked_text("groups.name", &g.name, MAX_NAME)?;
            g.levers = w.settings.check_levers(&w.start.levers, &g.levers)?;
            let chars = g.notes.chars().count();
            if chars > MAX_NOTES {
                return Err(field("groups.notes", Problem::TooLong { chars, max: MAX_NOTES }));
            }
            w.next_seq = w.next_seq.max(g.seq + 1);
        }
        Ok(w)
    }
}

impl Invite {
    /// Reads an invitation fragment (after `#w=`): the settings checked, the start read like a share link.
    pub fn read(code: &str) -> Result<(Invite, Start, Scenario), Refused> {
        let inv: Invite = unpack(code)?;
        let s = &inv.settings;
        let settings = Settings::new(s.id.clone(), &s.title, &s.allowed, s.envelope)?;
        let (start, scenario) = persist::decode_link(&inv.start)?;
        Ok((Invite { settings, start: inv.start }, start, scenario))
    }

    /// A group's reply from the levers of its working scenario: the allowed ones that differ from the start.
    pub fn reply(&self, name: &str, start: &LeverValues, levers: &LeverValues) -> Reply {
        let levers = self
            .settings
            .allowed
            .iter()
            .filter(|id| levers.get(**id) != start.get(**id))
            .map(|&id| (id, levers.get(id)))
            .collect();
        Reply { workshop: self.settings.id.clone(), name: name.trim().to_string(), levers }
    }
}

impl Reply {
    /// The short code for a QR code or a link (`#g=` + this).
    pub fn code(&self) -> String {
        pack(self)
    }

    /// The file a group downloads (readable JSON).
    pub fn file(&self, title: &str) -> String {
        let f = ReplyFile { entas_group: VERSION, title: title.into(), reply: self.clone() };
        serde_json::to_string_pretty(&f).unwrap_or_default()
    }

    /// Reads what a group sent in any of its forms: the file's JSON, a link holding `#g=`, or the bare code.
    pub fn read(text: &str) -> Result<Reply, Refused> {
        let t = text.trim();
        if t.starts_with('{') {
            let value: serde_json::Value =
                serde_json::from_str(t).map_err(|e| field("(file)", Problem::not_json(&e)))?;
            if value.get("entas_group").and_then(serde_json::Value::as_u64) != Some(u64::from(VERSION)) {
                return Err(field("entas_group", Problem::MissingField { name: "entas_group".into() })
                    .with_key("workshop.not_a_mix"));
            }
            let f: ReplyFile =
                entas_model::scenario::from_value_at_path(value).map_err(|e| refused(Why::Scenario(e)))?;
            return Ok(f.reply);
        }
        let code = t.rsplit_once("#g=").map_or(t, |(_, c)| c);
        unpack(code)
    }
}

/// The group device's view, kept in storage: the invitation it came from, the group's name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupView {
    pub invite: String,
    pub name: String,
}

/// Policy groups in the lever panel's order, for the facilitator's checklist.
pub fn offer_groups() -> impl Iterator<Item = (LeverGroup, Vec<LeverId>)> {
    LeverGroup::ALL
        .into_iter()
        .filter(|g| g.is_policy())
        .map(|g| (g, LEVERS.iter().filter(|l| l.group == g).map(|l| l.id).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use entas_model::presets;

    const MUBA: Start = Start::Preset("muba_2024");

    fn workshop() -> Workshop {
        let s = Settings::new("ab12".into(), "  Rakor TKPK Muba  ", &default_allowed(), Some(200.0)).unwrap();
        Workshop::new(s, MUBA, presets::preset("muba_2024").unwrap())
    }

    fn reply(w: &Workshop, name: &str, cash: f64) -> Reply {
        let inv = Invite { settings: w.settings.clone(), start: String::new() };
        let mut levers = w.start.levers.clone();
        levers.set(LeverId::CashBudget, cash).unwrap();
        inv.reply(name, &w.start.levers, &levers)
    }

    #[test]
    fn settings_are_checked() {
        let s = workshop().settings;
        assert_eq!(s.title, "Rakor TKPK Muba");
        assert!(s.allowed.contains(&LeverId::DataUpdateBudget) && s.allowed.contains(&LeverId::CashBudget));
        let e = Settings::new("x".into(), "T", &[LeverId::GrowthB40], None).unwrap_err();
        assert_eq!(e.message_key, "workshop.no_levers", "an assumption is not a lever a group may move");
        let e = Settings::new("x".into(), "T", &[LeverId::CashBudget], Some(-1.0)).unwrap_err();
        assert!(matches!(e.why, Why::Scenario(ref s) if s.field == "envelope"));
        assert!(Settings::new("x".into(), "   ", &[LeverId::CashBudget], None).is_err(), "a title is needed");
    }

    #[test]
    fn an_invitation_opens_on_the_same_start_and_settings() {
        let w = workshop();
        let code = w.invite_code();
        assert!(code.len() < 1500, "fits a QR code with its address: {} chars", code.len());
        let (inv, start, s) = Invite::read(&code).unwrap();
        assert_eq!((inv.settings, start, s), (w.settings.clone(), MUBA, w.start.clone()));
        assert!(Invite::read("1.AAAA").is_err());
    }

    #[test]
    fn a_mix_travels_by_code_link_and_file_and_replaces_the_same_group() {
        let mut w = workshop();
        let r = reply(&w, "Kelompok 1", 100.0);
        assert_eq!(r.levers.len(), 1, "only what the group moved");
        for text in [r.code(), format!("http://192.168.1.5:8080/#g={}", r.code()), r.file(&w.settings.title)] {
            assert_eq!(Reply::read(&text).unwrap(), r, "{text}");
        }
        assert!(r.code().len() < 200, "a small QR code: {}", r.code().len());
        assert_eq!(w.receive(r.clone()), Ok(Received::Added("Kelompok 1".into())));
        w.groups[0].notes = "fokus data".into();
        assert_eq!(w.receive(reply(&w, " kelompok  1 ", 120.0)), Ok(Received::Replaced("kelompok  1".into())));
        assert_eq!(w.groups.len(), 1);
        assert_eq!(w.groups[0].levers[&LeverId::CashBudget], 120.0);
        assert_eq!(w.groups[0].notes, "fokus data", "notes stay with the group");
        assert_eq!(w.scenario_of(&w.groups[0]).levers.get(LeverId::CashBudget), 120.0);
        w.receive(reply(&w, "Kelompok 2", 70.0)).unwrap();
        assert!(w.groups[1].levers.is_empty(), "the status quo's value is no change");
    }

    #[test]
    fn a_mix_that_does_not_fit_is_refused_and_changes_nothing() {
        let mut w = workshop();
        let before = w.clone();
        let mut r = reply(&w, "K", 100.0);
        r.workshop = "zz99".into();
        assert_eq!(w.receive(r).unwrap_err().message_key, "workshop.other_workshop");
        let mut r = reply(&w, "K", 100.0);
        r.levers.insert(LeverId::GrowthB40, 2.0);
        assert_eq!(w.receive(r).unwrap_err().message_key, "workshop.not_allowed");
        let mut r = reply(&w, "K", 100.0);
        r.levers.insert(LeverId::CashBudget, 9e9);
        assert!(matches!(w.receive(r).unwrap_err().why, Why::Scenario(ref e) if e.field == "levers.cash_budget"));
        assert!(w.receive(reply(&w, &"x".repeat(61), 1.0)).is_err());
        assert!(w.receive(reply(&w, "  ", 1.0)).is_err());
        assert_eq!(w, before);
        for bad in [
            "",
            "{}",
            "{\"entas_group\":1}",
            "1.!!",
            "hello",
            "{\"entas_group\":1,\"workshop\":\"ab12\",\"name\":\"K\",\"levers\":{\"cash_budget\":\"a\"}}",
        ] {
            assert!(Reply::read(bad).is_err(), "{bad}");
        }
        for _ in 0..MAX_GROUPS {
            let n = w.groups.len();
            w.receive(reply(&w, &format!("G{n}"), 1.0)).unwrap();
        }
        assert!(w.receive(reply(&w, "one more", 1.0)).is_err());
    }

    #[test]
    fn a_workshop_file_round_trips_and_a_tampered_one_is_refused() {
        let mut w = workshop();
        w.receive(reply(&w, "Kelompok 1", 100.0)).unwrap();
        w.groups[0].notes = "catatan".into();
        let text = w.to_json();
        assert_eq!(Workshop::from_json(&text).unwrap(), w);
        assert_eq!(
            Workshop::from_json(&text.replace("\"version\": 1", "\"version\": 9")).unwrap_err().message_key,
            "workshop.newer"
        );
        assert!(Workshop::from_json(&text.replace("100.0", "1e300")).is_err(), "a group's value is checked again");
        assert!(Workshop::from_json("[]").is_err());
        assert!(Workshop::from_json("not json").is_err());
    }
}
