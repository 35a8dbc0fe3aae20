//! What outlives a page: the workspace saved in browser storage (versioned, with migrations), the share
//! link (compressed, versioned) and scenario files. Pure functions from text to values, so they are tested
//! natively; `views::scenarios` does the storage and the downloads.
//!
//! Anything read from outside — storage, a link, a file — is validated like a scenario file: a malformed or
//! tampered input gives an error and changes nothing.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use entas_model::scenario::{District, ExtremeLine, Problem, ScenarioError, Target};
use entas_model::{presets, LeverValues, Scenario};
use serde::{Deserialize, Serialize};

/// Browser-storage key of the workspace.
pub const STORAGE_KEY: &str = "entas.workspace";
/// The workspace format this build writes.
pub const WORKSPACE_VERSION: u32 = 3;
/// The share-link format this build writes (the prefix of the payload).
pub const LINK_VERSION: &str = "1";
/// Largest decompressed link payload accepted, bytes (a preset scenario takes about 1 KiB, a whole district a
/// few KiB): a link cannot ask for more memory or work than this.
pub const MAX_LINK_BYTES: usize = 256 << 10;
/// Longest link fragment accepted, characters (before decoding).
pub const MAX_LINK_CHARS: usize = 64 << 10;

/// Where a scenario started: a built-in preset, or a district of its own (imported, linked). Stored and
/// linked as the preset's id, or "custom".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    Preset(&'static str),
    Custom,
}

impl Start {
    /// The start named `name`: a built-in preset's id, anything else a district of its own.
    pub fn from_name(name: &str) -> Start {
        presets::PRESETS.iter().find(|p| p.id == name).map_or(Start::Custom, |p| Start::Preset(p.id))
    }

    /// The name stored in files and links.
    pub fn name(self) -> &'static str {
        match self {
            Start::Preset(id) => id,
            Start::Custom => "custom",
        }
    }

    /// The start of a scenario on `district`: the built-in preset it comes from, if any.
    pub fn of(district: &District) -> Start {
        presets::PRESETS
            .iter()
            .find(|p| presets::preset(p.id).is_some_and(|b| b.district == *district))
            .map_or(Start::Custom, |p| Start::Preset(p.id))
    }
}

impl Serialize for Start {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Start {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Start::from_name(&<std::borrow::Cow<'de, str>>::deserialize(d)?))
    }
}

/// A named scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub id: u64,
    pub name: String,
    /// The preset it started from.
    pub preset: Start,
    pub scenario: Scenario,
}

/// Everything kept in browser storage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub version: u32,
    /// The working state: restored on reload, crash or a closed tab.
    pub current: Saved,
    pub saved: Vec<Saved>,
    pub next_id: u64,
    /// Saved scenarios ticked for comparison.
    #[serde(default)]
    pub compare: Vec<u64>,
    /// The tab that wrote it (a random id per tab) and the renames and deletions made there, which the
    /// other open tabs apply (`TabChange`). Both empty in older workspaces.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub writer: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<TabChange>,
    /// "Wilayah saya": districts of the user's own (typed in the form or picked from a district table), each
    /// stored once as the scenario it starts (its figures and its programmes). Version 3 on; none before.
    #[serde(default)]
    pub districts: Vec<Saved>,
}

/// The first storage format (version 1): the working state only, no named scenarios.
#[derive(Deserialize)]
struct WorkspaceV1 {
    preset: Start,
    scenario: Scenario,
}

/// Why something read from outside was refused: `message_key` is a translation key (what was refused and
/// that nothing changed), `why` the specifics as data, worded in the UI language by `present::problems`.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    pub message_key: &'static str,
    pub why: Why,
}

/// The specifics of a refusal.
#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    /// A value of the scenario (or of the text around it), by its JSON path.
    Scenario(ScenarioError),
    /// A link longer than `MAX_LINK_CHARS`.
    LinkTooLong { chars: usize, max: usize },
    /// No `<version>.` before the payload, or no `version` in storage.
    NoVersion,
    /// A format version this build does not read.
    Version(String),
    /// A link whose payload is not base64url.
    NotBase64,
    /// A payload that unpacks past `MAX_LINK_BYTES`.
    Unpacks { max: usize },
    /// A payload that is not deflate data.
    NotCompressed,
    /// A link without a district that names no built-in preset.
    NoPreset,
    /// A group's mix arrived on a device that runs no workshop.
    NoWorkshop,
}

fn refused(message_key: &'static str, why: Why) -> Refused {
    Refused { message_key, why }
}

/// A refusal by the model's validation (or serde's, read the same way).
fn invalid(message_key: &'static str) -> impl Fn(ScenarioError) -> Refused {
    move |e| refused(message_key, Why::Scenario(e))
}

/// A refusal of text that is not JSON.
fn not_json(message_key: &'static str) -> impl Fn(serde_json::Error) -> Refused {
    move |e| {
        refused(message_key, Why::Scenario(ScenarioError { field: "(file)".into(), problem: Problem::not_json(&e) }))
    }
}

impl Workspace {
    /// A workspace holding only `current`.
    pub fn new(current: Saved) -> Workspace {
        Workspace {
            version: WORKSPACE_VERSION,
            next_id: current.id + 1,
            current,
            saved: Vec::new(),
            compare: Vec::new(),
            writer: String::new(),
            changes: Vec::new(),
            districts: Vec::new(),
        }
    }

    /// Gives a saved scenario whose id another already has a fresh id (deleting one must never remove two),
    /// and keeps `next_id` above every id.
    fn renumber_duplicates(&mut self) {
        let mut seen = std::collections::BTreeSet::new();
        let mut next = self.saved.iter().map(|s| s.id).max().unwrap_or(0).max(self.next_id.saturating_sub(1)) + 1;
        for s in &mut self.saved {
            if !seen.insert(s.id) {
                s.id = next;
                next += 1;
            }
        }
        self.next_id = next;
        self.compare.retain(|id| seen.contains(id));
        self.compare.dedup();
    }

    /// Serialises for storage. A kept district's figures are stored once, in `districts`: the working and
    /// saved scenarios on it hold `{"kept_district": id}` in their place.
    pub fn to_json(&self) -> String {
        let Ok(mut v) = serde_json::to_value(self) else { return String::new() };
        let kept: Vec<(u64, serde_json::Value)> = self
            .districts
            .iter()
            .filter_map(|d| serde_json::to_value(&d.scenario.district).ok().map(|v| (d.id, v)))
            .collect();
        if !kept.is_empty() {
            let mut refer = |record: &mut serde_json::Value| {
                if let Some(district) = record.pointer_mut("/scenario/district") {
                    if let Some((id, _)) = kept.iter().find(|(_, k)| k == district) {
                        *district = serde_json::json!({ KEPT_DISTRICT: id });
                    }
                }
            };
            if let Some(current) = v.get_mut("current") {
                refer(current);
            }
            if let Some(serde_json::Value::Array(saved)) = v.get_mut("saved") {
                saved.iter_mut().for_each(&mut refer);
            }
        }
        serde_json::to_string(&v).unwrap_or_default()
    }

    /// Reads a stored workspace of any known version, migrating older ones. In the current version each
    /// scenario is read and validated on its own: one that cannot be used is quarantined, as it was stored,
    /// and never takes the others with it (a bad working scenario is replaced by the first preset).
    pub fn from_json(text: &str) -> Result<Loaded, Refused> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(not_json("persist.bad_storage"))?;
        let mut quarantined = Vec::new();
        let mut ws = match value.get("version").and_then(|v| v.as_u64()) {
            Some(1) => {
                let v1: WorkspaceV1 =
                    entas_model::scenario::from_value_at_path(value).map_err(invalid("persist.bad_storage"))?;
                let ws = migrate_v1(v1);
                ws.current.scenario.validate().map_err(invalid("persist.bad_storage"))?;
                ws
            }
            // Version 3 added the user's districts (`districts`, read like the scenarios); 2 has none.
            Some(2) | Some(3) => {
                // The kept districts' figures, by id, for the scenarios that refer to one.
                let kept: std::collections::BTreeMap<u64, serde_json::Value> = match value.get("districts") {
                    Some(serde_json::Value::Array(items)) => items
                        .iter()
                        .filter_map(|d| Some((d.get("id")?.as_u64()?, d.pointer("/scenario/district")?.clone())))
                        .collect(),
                    _ => Default::default(),
                };
                let mut read = |v: &serde_json::Value| -> Option<Saved> {
                    // A scenario on a kept district: its figures come from `districts` (kept as they are, with
                    // the reference, when that district is missing, so the record is quarantined, not lost).
                    let resolved;
                    let v = match v.pointer("/scenario/district/kept_district").and_then(|id| id.as_u64()) {
                        Some(id) => match kept.get(&id) {
                            Some(d) => {
                                let mut r = v.clone();
                                if let Some(slot) = r.pointer_mut("/scenario/district") {
                                    *slot = d.clone();
                                }
                                resolved = r;
                                &resolved
                            }
                            None => v,
                        },
                        None => v,
                    };
                    let why = match read_saved(v) {
                        Ok(s) => return Some(s),
                        Err(e) => e.to_string(),
                    };
                    let name = v.get("name").and_then(|n| n.as_str()).unwrap_or_default().chars().take(200).collect();
                    quarantined.push(Quarantined { name, why, raw: v.to_string() });
                    None
                };
                let current = value.get("current").and_then(&mut read).unwrap_or_else(first_preset);
                let saved = match value.get("saved") {
                    Some(serde_json::Value::Array(items)) => items.iter().filter_map(&mut read).collect(),
                    _ => Vec::new(),
                };
                let districts = match value.get("districts") {
                    Some(serde_json::Value::Array(items)) => {
                        items.iter().take(MAX_DISTRICTS).filter_map(&mut read).collect()
                    }
                    _ => Vec::new(),
                };
                let ids = |k: &str| -> Vec<u64> {
                    value
                        .get(k)
                        .and_then(|v| v.as_array())
                        .map(|a| a.iter().filter_map(|x| x.as_u64()).collect())
                        .unwrap_or_default()
                };
                Workspace {
                    version: WORKSPACE_VERSION,
                    current,
                    saved,
                    next_id: value.get("next_id").and_then(|v| v.as_u64()).unwrap_or(1),
                    compare: ids("compare"),
                    writer: value.get("writer").and_then(|v| v.as_str()).unwrap_or_default().chars().take(64).collect(),
                    changes: value
                        .get("changes")
                        .and_then(|v| serde_json::from_value::<Vec<TabChange>>(v.clone()).ok())
                        .map(|mut c| c.split_off(c.len().saturating_sub(MAX_TAB_CHANGES)))
                        .unwrap_or_default(),
                    districts,
                }
            }
            Some(v) => return Err(refused("persist.newer_storage", Why::Version(v.to_string()))),
            None => return Err(refused("persist.bad_storage", Why::NoVersion)),
        };
        ws.current.scenario.district.migrate();
        ws.renumber_duplicates();
        Ok(Loaded { workspace: ws, quarantined })
    }
}

/// Most households the page simulates on its main thread. A programme lever move reruns the scenario world
/// (11.5 ms in wasm at 20,000 households over six years, so about 0.12 s at this size) and an assumption the
/// three worlds (about 0.4 s here): a link or a file must not make every move cost seconds, as 2,000,000
/// households would. The CLI and the worker's analyses take any allowed size.
pub const PAGE_HOUSEHOLDS: usize = 200_000;

/// Lowers a scenario's sample to `PAGE_HOUSEHOLDS`; returns the size it asked for when it did.
pub fn fit_to_page(s: &mut Scenario) -> Option<usize> {
    (s.households > PAGE_HOUSEHOLDS).then(|| std::mem::replace(&mut s.households, PAGE_HOUSEHOLDS))
}

/// A rename or deletion the user made in one tab, written with that tab's workspace so every other open
/// tab does the same to the same scenario. A scenario is known across tabs by its name and the fingerprint of
/// the rest of it (ids are each tab's own). `seq` counts the writing tab's changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TabChange {
    pub seq: u64,
    pub name: String,
    pub print: u64,
    /// The new name; None: deleted.
    #[serde(default)]
    pub to: Option<String>,
}

/// What a stored scenario's `district` holds instead of the figures of a district kept in the workspace.
const KEPT_DISTRICT: &str = "kept_district";

/// Most districts of the user's own a workspace keeps.
pub const MAX_DISTRICTS: usize = 100;

/// Most changes a tab keeps in its workspace (the newest).
pub const MAX_TAB_CHANGES: usize = 100;

/// A scenario's fingerprint, its name left out (the same in every tab of one build).
pub fn fingerprint(s: &Scenario) -> u64 {
    use std::hash::{Hash, Hasher};
    let unnamed = Scenario { name: String::new(), ..s.clone() };
    let mut h = std::hash::DefaultHasher::new();
    serde_json::to_string(&unnamed).unwrap_or_default().hash(&mut h);
    h.finish()
}

/// Whether `s` is the scenario `c` is about.
pub fn concerns(c: &TabChange, s: &Saved) -> bool {
    s.name == c.name && fingerprint(&s.scenario) == c.print
}

/// One stored scenario, read and validated on its own.
fn read_saved(v: &serde_json::Value) -> Result<Saved, ScenarioError> {
    let mut s = entas_model::scenario::from_value_at_path::<Saved>(v.clone())?;
    s.scenario.district.migrate();
    s.scenario.validate()?;
    Ok(s)
}

impl Quarantined {
    /// Why the record cannot be used, as data (read again from the record, so it is worded in the UI
    /// language of today, whatever build quarantined it); None when it can be used after all.
    pub fn problem(&self) -> Option<ScenarioError> {
        let value = serde_json::from_str::<serde_json::Value>(&self.raw);
        match value {
            Ok(v) => read_saved(&v).err(),
            Err(e) => Some(ScenarioError { field: "(file)".into(), problem: Problem::not_json(&e) }),
        }
    }
}

/// The working state when the stored one cannot be used: the first preset.
fn first_preset() -> Saved {
    let id = presets::PRESETS[0].id;
    let scenario = presets::preset(id).unwrap_or_else(|| unreachable!("built-in preset"));
    Saved { id: 0, name: String::new(), preset: Start::Preset(id), scenario }
}

/// A stored workspace as read: what can be used, and what was quarantined.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub workspace: Workspace,
    pub quarantined: Vec<Quarantined>,
}

/// A stored scenario that could not be used, kept exactly as it was stored so it can be exported and
/// repaired: its name (if it had one), why (in English, for whoever reads the stored record; the page words
/// `problem()` in its own language), and the stored JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quarantined {
    pub name: String,
    pub why: String,
    pub raw: String,
}

/// Version 1 → 2: the working state becomes `current`; there were no named scenarios.
fn migrate_v1(v1: WorkspaceV1) -> Workspace {
    Workspace::new(Saved { id: 1, name: String::new(), preset: v1.preset, scenario: v1.scenario })
}

/// What a link carries: the preset and only what differs from it (the whole district when imported).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkPayload {
    preset: Start,
    name: String,
    #[serde(default)]
    district: Option<District>,
    horizon: i32,
    households: usize,
    seed: u64,
    extreme_line: ExtremeLine,
    levers: LeverValues,
    #[serde(default)]
    schedules: std::collections::BTreeMap<String, Vec<f64>>,
    targets: Vec<Target>,
    #[serde(default)]
    growth_basis: entas_model::scenario::GrowthBasis,
}

/// Encodes a scenario as the fragment of a share link: `1.<base64url(deflate(json))>`.
pub fn encode_link(start: Start, s: &Scenario) -> String {
    let same_district = presets::preset(start.name()).is_some_and(|p| p.district == s.district);
    let payload = LinkPayload {
        preset: if same_district { start } else { Start::Custom },
        name: s.name.clone(),
        district: (!same_district).then(|| s.district.clone()),
        horizon: s.horizon,
        households: s.households,
        seed: s.seed,
        extreme_line: s.extreme_line,
        levers: s.levers.clone(),
        schedules: s.schedules.clone(),
        targets: s.targets.clone(),
        growth_basis: s.growth_basis,
    };
    pack(&serde_json::to_vec(&payload).unwrap_or_default())
}

/// `bytes` compressed as `<LINK_VERSION>.<base64url(deflate)>`: share links and workshop codes.
pub fn pack(bytes: &[u8]) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(bytes, 9);
    format!("{LINK_VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// What `pack` wrote, bounded: at most `MAX_LINK_CHARS` in and `MAX_LINK_BYTES` out. A newer version is
/// `Why::Version`.
pub fn unpack(fragment: &str) -> Result<Vec<u8>, Why> {
    if fragment.len() > MAX_LINK_CHARS {
        return Err(Why::LinkTooLong { chars: fragment.len(), max: MAX_LINK_CHARS });
    }
    let (version, data) = fragment.split_once('.').ok_or(Why::NoVersion)?;
    if version != LINK_VERSION {
        return Err(Why::Version(version.chars().take(20).collect()));
    }
    let packed = URL_SAFE_NO_PAD.decode(data.trim()).map_err(|_| Why::NotBase64)?;
    // The error carries the partial output: report only what went wrong, never the bytes.
    miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_LINK_BYTES).map_err(|e| match e.status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => Why::Unpacks { max: MAX_LINK_BYTES },
        _ => Why::NotCompressed,
    })
}

/// Decodes a share-link fragment back to (start, validated scenario).
pub fn decode_link(fragment: &str) -> Result<(Start, Scenario), Refused> {
    let json = unpack(fragment).map_err(|why| {
        let key = if matches!(why, Why::Version(_)) { "persist.newer_link" } else { "persist.bad_link" };
        refused(key, why)
    })?;
    let value: serde_json::Value = serde_json::from_slice(&json).map_err(not_json("persist.bad_link"))?;
    let p: LinkPayload = entas_model::scenario::from_value_at_path(value).map_err(invalid("persist.bad_link"))?;
    let base = presets::preset(p.preset.name());
    let district = match (p.district, base.as_ref()) {
        (Some(mut d), _) => {
            d.migrate();
            d
        }
        (None, Some(b)) => b.district.clone(),
        (None, None) => return Err(refused("persist.bad_link", Why::NoPreset)),
    };
    let s = Scenario {
        schema_version: entas_model::scenario::SCHEMA_VERSION,
        name: p.name,
        district,
        horizon: p.horizon,
        households: p.households,
        seed: p.seed,
        extreme_line: p.extreme_line,
        levers: p.levers,
        schedules: p.schedules,
        targets: p.targets,
        growth_basis: p.growth_basis,
        household_file: None,
    };
    s.validate().map_err(invalid("persist.bad_link"))?;
    Ok((if base.is_some() { p.preset } else { Start::Custom }, s))
}

/// Reads a scenario file (the CLI's format). The start is the preset whose district it carries, if any.
pub fn read_scenario_file(text: &str) -> Result<(Start, Scenario), Refused> {
    let s = Scenario::from_json(text).map_err(invalid("persist.bad_file"))?;
    Ok((Start::of(&s.district), s))
}

/// An SVG QR code of `text` (for phones in the room), or None when it is too long for a QR code.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::L).ok()?;
    Some(code.render::<qrcode::render::svg::Color>().min_dimensions(240, 240).quiet_zone(true).build())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MUBA: Start = Start::Preset("muba_2024");

    fn muba() -> Scenario {
        presets::preset("muba_2024").unwrap()
    }

    #[test]
    fn a_district_of_its_own_travels_in_a_link_that_still_fits_a_qr_code() {
        let table =
            entas_model::district_table::Table::parse(include_str!("../assets/data/sumsel-districts.csv")).unwrap();
        let mut s = table.scenario(table.find("1604", None).unwrap());
        s.district.kecamatan = (0..15)
            .map(|i| entas_model::scenario::Kecamatan {
                name: format!("Kecamatan Nomor {i}"),
                population_share_pct: 100.0 / 15.0,
                poor_share_pct: 100.0 / 15.0,
                pocket: None,
            })
            .collect();
        let url = format!("http://192.168.1.10:8080/#s={}", encode_link(Start::Custom, &s));
        eprintln!("Lahat from the table with 15 kecamatan: a {}-character link", url.len());
        assert!(qr_svg(&url).is_some(), "{} characters", url.len());
        let (_, back) = decode_link(url.split("#s=").nth(1).unwrap()).unwrap();
        assert_eq!(back.district, s.district);
        // Far past what a QR code holds: None, and the share box says so.
        assert!(qr_svg(&"x".repeat(3_000)).is_none());
    }

    /// A saved Muba scenario with this id and name.
    fn sv(id: u64, name: &str) -> Saved {
        Saved { id, name: name.into(), preset: MUBA, scenario: muba() }
    }

    #[test]
    fn a_link_round_trips_exactly_and_stays_short_for_a_preset() {
        let mut s = muba();
        s.levers.set(entas_model::levers::LeverId::CashBudget, 123.5).unwrap();
        s.extreme_line = ExtremeLine::Rupiah { rp: 401_234.0 };
        let link = encode_link(MUBA, &s);
        assert!(link.starts_with("1.") && link.len() < 700, "{} chars", link.len());
        assert_eq!(decode_link(&link).unwrap(), (MUBA, s));
    }

    #[test]
    fn an_imported_district_travels_whole() {
        let mut s = muba();
        s.district.name = "Kabupaten Contoh".into();
        s.district.population = 100_000.0;
        let (preset, back) = decode_link(&encode_link(MUBA, &s)).unwrap();
        assert_eq!(preset, Start::Custom);
        assert_eq!(back, s);
    }

    #[test]
    fn tampered_or_malformed_links_are_refused() {
        let link = encode_link(MUBA, &muba());
        assert_eq!(decode_link("garbage").unwrap_err().message_key, "persist.bad_link");
        assert_eq!(decode_link("9.abc").unwrap_err().message_key, "persist.newer_link");
        assert_eq!(decode_link(&format!("{}xx", &link[..link.len() - 5])).unwrap_err().message_key, "persist.bad_link");
        assert_eq!(decode_link("1.!!!").unwrap_err().message_key, "persist.bad_link");
        // A well-formed link whose values are out of range is refused by validation.
        let bad = serde_json::json!({"preset":"muba_2024","name":"x","horizon":2030,"households":20000,"seed":1,
            "extreme_line":{"kind":"usd215"},"levers":{"absorption":500.0},"targets":[]});
        let packed = miniz_oxide::deflate::compress_to_vec(bad.to_string().as_bytes(), 9);
        let err = decode_link(&format!("1.{}", URL_SAFE_NO_PAD.encode(packed))).unwrap_err();
        assert!(matches!(err.why, Why::Scenario(ref e) if e.field == "levers.absorption"), "{err:?}");
    }

    #[test]
    fn version_3_keeps_the_users_districts_and_version_2_reads_with_none() {
        let table =
            entas_model::district_table::Table::parse(include_str!("../assets/data/sumsel-districts.csv")).unwrap();
        let lahat = table.scenario(table.find("1604", None).unwrap());
        let mut ws = Workspace::new(Saved { id: 1, name: String::new(), preset: MUBA, scenario: muba() });
        ws.districts.push(Saved { id: 5, name: "Lahat".into(), preset: Start::Custom, scenario: lahat.clone() });
        let text = ws.to_json();
        assert!(text.contains("\"version\":3"));
        let back = Workspace::from_json(&text).unwrap();
        assert_eq!(back.workspace.districts, ws.districts);
        assert!(back.quarantined.is_empty());
        // A scenario on a kept district stores the district once: the saved copy refers to it by id.
        let mut on_lahat = ws.clone();
        on_lahat.saved.push(Saved {
            id: 7,
            name: "Lahat + BLT".into(),
            preset: Start::Custom,
            scenario: lahat.clone(),
        });
        on_lahat.current = Saved { id: 0, name: String::new(), preset: Start::Custom, scenario: lahat.clone() };
        let text2 = on_lahat.to_json();
        assert_eq!(text2.matches("\"kept_district\":5").count(), 2, "the working and the saved scenario refer to it");
        assert_eq!(text2.matches("the district table (line").count(), 1, "its figures once");
        let back2 = Workspace::from_json(&text2).unwrap();
        assert!(back2.quarantined.is_empty());
        assert_eq!(back2.workspace.saved[0].scenario, lahat);
        assert_eq!(back2.workspace.current.scenario, lahat);
        // The kept district gone (deleted in a hand-edited file): the scenario is quarantined, never dropped.
        let mut orphan: serde_json::Value = serde_json::from_str(&text2).unwrap();
        orphan["districts"] = serde_json::json!([]);
        let loaded = Workspace::from_json(&orphan.to_string()).unwrap();
        assert!(loaded.workspace.saved.is_empty());
        assert!(loaded.quarantined.iter().any(|q| q.name == "Lahat + BLT" && q.raw.contains("kept_district")));
        // A version 2 workspace (no districts) reads as before.
        let mut v2: serde_json::Value = serde_json::from_str(&text).unwrap();
        v2["version"] = 2.into();
        v2.as_object_mut().unwrap().remove("districts");
        let old = Workspace::from_json(&v2.to_string()).unwrap().workspace;
        assert!(old.districts.is_empty());
        assert_eq!(old.current, ws.current);
        // A stored district that no longer validates is quarantined, never dropped, and the others stay.
        let mut bad: serde_json::Value = serde_json::from_str(&text).unwrap();
        bad["districts"][0]["scenario"]["district"]["poverty_line"] = 5.0.into();
        let loaded = Workspace::from_json(&bad.to_string()).unwrap();
        assert!(loaded.workspace.districts.is_empty());
        assert_eq!(loaded.quarantined.len(), 1);
        assert_eq!(loaded.quarantined[0].name, "Lahat");
    }

    #[test]
    fn a_version_1_workspace_migrates_to_version_2() {
        let mut s = muba();
        s.levers.set(entas_model::levers::LeverId::CashBudget, 99.0).unwrap();
        let v1 = serde_json::json!({ "version": 1, "preset": "muba_2024", "scenario": s }).to_string();
        let ws = Workspace::from_json(&v1).unwrap().workspace;
        assert_eq!(ws.version, WORKSPACE_VERSION);
        assert_eq!(ws.current.scenario, s);
        assert!(ws.saved.is_empty());
        assert_eq!(Workspace::from_json(&ws.to_json()).unwrap().workspace, ws);
    }

    #[test]
    fn unknown_or_broken_storage_is_refused() {
        assert_eq!(Workspace::from_json("{").unwrap_err().message_key, "persist.bad_storage");
        assert_eq!(Workspace::from_json(r#"{"version":7}"#).unwrap_err().message_key, "persist.newer_storage");
        let mut s = muba();
        s.horizon = 2100;
        let v1 = serde_json::json!({ "version": 1, "preset": "muba_2024", "scenario": s }).to_string();
        assert!(matches!(Workspace::from_json(&v1).unwrap_err().why, Why::Scenario(e) if e.field == "horizon"));
    }

    #[test]
    fn scenario_files_are_read_and_their_preset_recognised() {
        let (preset, s) = read_scenario_file(&muba().to_json()).unwrap();
        assert_eq!((preset, s), (MUBA, muba()));
        assert_eq!(read_scenario_file("not json").unwrap_err().message_key, "persist.bad_file");
    }

    #[test]
    fn a_start_is_stored_by_name_and_unknown_names_are_a_district_of_their_own() {
        assert_eq!(serde_json::to_string(&MUBA).unwrap(), "\"muba_2024\"");
        assert_eq!(serde_json::from_str::<Start>("\"custom\"").unwrap(), Start::Custom);
        assert_eq!(serde_json::from_str::<Start>("\"atlantis_2024\"").unwrap(), Start::Custom);
        assert_eq!(Start::from_name("muara_enim_2024"), Start::Preset("muara_enim_2024"));
    }

    #[test]
    fn stored_observations_without_their_line_get_it_on_reading() {
        let mut s = muba();
        for o in &mut s.district.observed {
            o.extreme_line = None;
        }
        let ws = Workspace::new(Saved { id: 1, name: String::new(), preset: MUBA, scenario: s });
        let back = Workspace::from_json(&ws.to_json()).unwrap().workspace;
        assert_eq!(back.current.scenario, muba());
    }

    #[test]
    fn a_decompression_bomb_is_refused_with_a_short_message() {
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 4 << 20], 9);
        let link = format!("1.{}", URL_SAFE_NO_PAD.encode(bomb));
        assert!(link.len() < MAX_LINK_CHARS, "{} chars", link.len());
        let err = decode_link(&link).unwrap_err();
        assert_eq!(err.message_key, "persist.bad_link");
        assert_eq!(err.why, Why::Unpacks { max: MAX_LINK_BYTES });
        let long = decode_link(&"1.".repeat(MAX_LINK_CHARS)).unwrap_err();
        assert_eq!(long.why, Why::LinkTooLong { chars: 2 * MAX_LINK_CHARS, max: MAX_LINK_CHARS });
    }

    #[test]
    fn a_link_with_an_absurd_observation_is_refused_and_says_where() {
        let mut s = muba();
        s.district.name = "Kabupaten Contoh".into();
        s.district.observed[0].p0_pct = Some(1e308);
        let err = decode_link(&encode_link(Start::Custom, &s)).unwrap_err();
        assert_eq!(
            err.why,
            Why::Scenario(ScenarioError {
                field: "district.observed[0].p0_pct".into(),
                problem: Problem::OutOfRange { value: 1e308, min: 0.0, max: 100.0 }
            })
        );
        let null = serde_json::json!({"preset":"muba_2024","name":"x","horizon":2030,"households":20000,"seed":1,
            "extreme_line":{"kind":"usd215"},"levers":{"absorption":null},"targets":[]});
        let packed = miniz_oxide::deflate::compress_to_vec(null.to_string().as_bytes(), 9);
        let err = decode_link(&format!("1.{}", URL_SAFE_NO_PAD.encode(packed))).unwrap_err();
        assert!(
            matches!(err.why, Why::Scenario(ref e) if e.field == "levers.absorption"
                && matches!(e.problem, Problem::WrongType { ref found, .. } if found == "null")),
            "{err:?}"
        );
    }

    #[test]
    fn duplicate_saved_ids_are_renumbered_not_merged() {
        let mut ws = Workspace::new(sv(0, ""));
        ws.saved = vec![sv(3, "a"), sv(3, "b"), sv(4, "c")];
        ws.next_id = 2;
        ws.compare = vec![3, 9];
        let back = Workspace::from_json(&ws.to_json()).unwrap().workspace;
        let ids: Vec<u64> = back.saved.iter().map(|s| s.id).collect();
        assert_eq!(ids, vec![3, 5, 4]);
        assert_eq!(back.next_id, 6);
        assert_eq!(back.compare, vec![3], "a tick for a scenario that does not exist is dropped");
    }

    #[test]
    fn one_bad_saved_scenario_is_quarantined_and_the_others_load() {
        let mut ws = Workspace::new(sv(0, ""));
        ws.saved = vec![sv(1, "good"), sv(2, "bad"), sv(3, "also good")];
        ws.next_id = 4;
        let mut v = serde_json::to_value(&ws).unwrap();
        v["saved"][1]["scenario"]["horizon"] = serde_json::json!(2100);
        let loaded = Workspace::from_json(&v.to_string()).unwrap();
        let names: Vec<&str> = loaded.workspace.saved.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, vec!["good", "also good"]);
        assert_eq!(loaded.quarantined.len(), 1);
        let q = &loaded.quarantined[0];
        assert_eq!(q.name, "bad");
        assert!(q.why.starts_with("horizon: 2100 is outside"), "{q:?}");
        assert_eq!(q.problem().map(|e| e.field), Some("horizon".into()), "read again from the record");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&q.raw).unwrap(), v["saved"][1], "kept exactly as stored");
        // A working scenario that cannot be used is quarantined too, and the first preset is opened instead.
        let mut v = serde_json::to_value(&ws).unwrap();
        v["current"]["scenario"]["levers"]["cash_budget"] = serde_json::json!("lots");
        let loaded = Workspace::from_json(&v.to_string()).unwrap();
        assert_eq!(loaded.workspace.current.scenario, muba());
        assert_eq!(loaded.workspace.saved.len(), 3);
        assert!(
            loaded.quarantined[0].why.starts_with("scenario.levers.cash_budget: invalid type: string"),
            "{:?}",
            loaded.quarantined
        );
    }

    #[test]
    fn a_tab_change_concerns_the_same_scenario_by_name_and_content_whatever_its_id() {
        let mut x = sv(1, "x");
        x.scenario.name = "x".into();
        let c = TabChange { seq: 1, name: "x".into(), print: fingerprint(&x.scenario), to: None };
        assert!(concerns(&c, &Saved { id: 9, ..x.clone() }), "ids are each tab's own");
        let mut renamed = x.clone();
        renamed.name = "y".into();
        renamed.scenario.name = "y".into();
        assert!(!concerns(&c, &renamed));
        assert_eq!(fingerprint(&renamed.scenario), fingerprint(&x.scenario), "the name is left out");
        let mut other = x.clone();
        other.scenario.levers.set(entas_model::levers::LeverId::CashBudget, 99.0).unwrap();
        assert!(!concerns(&c, &other), "same name, other scenario");
        // Stored with the workspace, and read back.
        let mut ws = Workspace::new(sv(0, ""));
        ws.writer = "tab-1".into();
        ws.changes = vec![c.clone(), TabChange { seq: 2, to: Some("z".into()), ..c }];
        assert_eq!(Workspace::from_json(&ws.to_json()).unwrap().workspace, ws);
    }

    #[test]
    fn a_sample_too_large_for_the_page_is_lowered_and_reported() {
        let mut s = muba();
        assert_eq!(fit_to_page(&mut s), None);
        s.households = 2_000_000;
        assert!(s.validate().is_ok(), "allowed: the CLI runs it");
        assert_eq!(fit_to_page(&mut s), Some(2_000_000));
        assert_eq!(s.households, PAGE_HOUSEHOLDS);
    }

    #[test]
    fn a_qr_code_is_an_svg() {
        let svg = qr_svg(&format!("http://127.0.0.1:8080/#s={}", encode_link(MUBA, &muba()))).unwrap();
        assert!(svg.starts_with("<?xml") && svg.contains("<svg"));
    }
}
