//! A scenario: the district, the horizon, the population size and seed, the reporting line, lever values,
//! optional per-year budget schedules and targets. Validation happens here, once; a validated scenario can
//! always be simulated.

use std::collections::BTreeMap;

mod calibration;
mod lines;
mod problem;
mod validate;
mod warnings;

pub use lines::{cpi_ratio, ExtremeLine, NATIONAL_GK_2024, USD190_RP_2023, USD215_RP_2024};
pub use problem::Problem;
pub use validate::{ScenarioError, MAX_KECAMATAN, MAX_OBSERVED};
pub use warnings::Warning;

use crate::levers::{self, LeverId, LeverValues};
use validate::{drop_retired_levers, fail};

/// The version of the scenario file format this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Households simulated by default.
pub const DEFAULT_HOUSEHOLDS: usize = 20_000;
/// Allowed range of the number of synthetic households.
pub const HOUSEHOLDS_RANGE: (usize, usize) = (500, 2_000_000);
/// Longest horizon, in years after the base year.
pub const MAX_YEARS: i32 = 20;

/// A complete scenario, as stored in files and links.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub schema_version: u32,
    pub name: String,
    pub district: District,
    /// Last projected year (calendar year).
    pub horizon: i32,
    /// Number of synthetic households.
    #[serde(default = "default_households")]
    pub households: usize,
    /// Seed of every random draw (population, churn, shocks).
    #[serde(default)]
    pub seed: u64,
    /// The extreme-poverty line every reported extreme rate uses.
    #[serde(default)]
    pub extreme_line: ExtremeLine,
    /// Lever values by id; missing levers take their default.
    #[serde(default)]
    pub levers: LeverValues,
    /// Per-year budgets (Rp billion) for budget levers, one value per projected year, replacing the constant.
    #[serde(default)]
    pub schedules: BTreeMap<String, Vec<f64>>,
    /// Targets to report against (year met, probability of meeting).
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Where the growth of consumption against the poverty line comes from.
    #[serde(default)]
    pub growth_basis: GrowthBasis,
    /// The household file the population is built from (`households::prepare`, `Model::with_households`).
    /// Only this reference travels with a scenario (to a worker); the rows never do, and the app keeps it out
    /// of files, links and storage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household_file: Option<HouseholdFileRef>,
}

/// Which household file a scenario's population comes from.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HouseholdFileRef {
    /// The file's name as picked (shown, never read).
    pub name: String,
    pub rows: usize,
    /// `Households::fingerprint`, in hexadecimal.
    pub fingerprint: String,
}

/// Where the growth of consumption against the poverty line comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrowthBasis {
    /// The `growth_b40` lever (evidence, brief §6).
    #[default]
    Evidence,
    /// The district's own published P0 trend up to the base year, turned into growth through the calibrated
    /// lower tail's elasticity. It contains whatever programmes ran in those years.
    DistrictTrend,
}

fn default_households() -> usize {
    DEFAULT_HOUSEHOLDS
}

/// The district and its published base-year figures.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct District {
    /// BPS code, e.g. "1606".
    #[serde(default)]
    pub code: String,
    pub name: String,
    /// Base year (March Susenas).
    pub base_year: i32,
    /// People, on the Susenas population base.
    pub population: f64,
    /// Mean household size, people.
    pub household_size: f64,
    /// Mean size of poor households, people (default: 1.25 × the mean [A]).
    #[serde(default)]
    pub poor_household_size: Option<f64>,
    /// Poverty line (garis kemiskinan), Rp per capita per month.
    pub poverty_line: f64,
    /// What the lower tail is calibrated to.
    pub calibration: Calibration,
    /// Gini coefficient (0–1), used for the upper tail only.
    #[serde(default)]
    pub gini: Option<f64>,
    /// Mean consumption, Rp per capita per month, used for the upper tail when no Gini is given.
    #[serde(default)]
    pub mean_consumption: Option<f64>,
    /// Optional sub-districts with user-entered shares.
    #[serde(default)]
    pub kecamatan: Vec<Kecamatan>,
    /// Observed history (for charts and the back-test).
    #[serde(default)]
    pub observed: Vec<Observation>,
    /// Where each figure comes from.
    #[serde(default)]
    pub sources: Vec<String>,
    /// The figures above that are not published BPS numbers (assumed, derived or rolled forward from an
    /// older year): shown with an "estimate" mark wherever they appear.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub estimated: Vec<Estimated>,
    /// The district's current programmes (policy levers only): already contained in the base-year figures.
    /// The baseline continues them; a scenario changes them; "without district programmes" backs them out.
    /// Empty: the district runs no programme of its own (the baseline is then "without district programmes").
    #[serde(default)]
    pub status_quo: LeverValues,
    /// The district's yearly budget (APBD belanja), Rp miliar: what a mix's cost is set against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apbd_rp_bn: Option<f64>,
}

/// A district figure that is an estimate rather than a published BPS number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Estimated {
    PovertyLine,
    Population,
    HouseholdSize,
    P1,
    P2,
    Gini,
    MeanConsumption,
}

/// Calibration targets of the consumption distribution's lower tail (brief §5). Written as `{"mode": …}`
/// with the mode's fields; read by `calibration::read`, which names the path of a bad field
/// (`district.calibration.p1`) where serde's buffered tagged enums stop at `district.calibration`.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Calibration {
    /// Headcount and poverty gap (P1 as BPS publishes it, ×100): the default (brief §5).
    P0P1 { p0_pct: f64, p1: f64 },
    /// Headcount, poverty gap and severity (BPS indices ×100): σ_low fits P1 and P2 together (least squares
    /// in logs), the headcount exactly.
    P0P1P2 { p0_pct: f64, p1: f64, p2: f64 },
    /// Headcount and an extreme-poverty rate at a stated line.
    P0Extreme { p0_pct: f64, extreme_pct: f64, line: ExtremeLine },
    /// Headcount and Gini: the lower tail takes `sigma_low` (an assumption), the Gini fits the upper tail.
    P0Gini { p0_pct: f64, gini: f64 },
}

impl Calibration {
    pub fn p0_pct(&self) -> f64 {
        match *self {
            Calibration::P0P1 { p0_pct, .. }
            | Calibration::P0P1P2 { p0_pct, .. }
            | Calibration::P0Extreme { p0_pct, .. }
            | Calibration::P0Gini { p0_pct, .. } => p0_pct,
        }
    }

    /// The poverty gap index P1 (×100) when the calibration targets it.
    pub fn p1(&self) -> Option<f64> {
        match *self {
            Calibration::P0P1 { p1, .. } | Calibration::P0P1P2 { p1, .. } => Some(p1),
            Calibration::P0Extreme { .. } | Calibration::P0Gini { .. } => None,
        }
    }
}

/// A sub-district with user-entered shares (BPS publishes no kecamatan poverty rate).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kecamatan {
    pub name: String,
    /// Share of the district's people, percent.
    pub population_share_pct: f64,
    /// Share of the district's poor people, percent (e.g. from P3KE decile counts).
    pub poor_share_pct: f64,
    /// Chosen as a poverty pocket (the pockets programmes, RTLH and water and sanitation, serve its
    /// households first) or chosen not to be; None: a pocket when its headcount is above the district's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pocket: Option<bool>,
}

impl Kecamatan {
    /// Whether it is a poverty pocket in a district of headcount `p0_pct`: as chosen, or, without a choice,
    /// when its share of the poor is above its share of the people (its headcount above the district's).
    pub fn is_pocket(&self, p0_pct: f64) -> bool {
        self.pocket.unwrap_or(
            self.population_share_pct > 0.0 && p0_pct * self.poor_share_pct / self.population_share_pct > p0_pct,
        )
    }
}

/// One observed year.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    pub year: i32,
    #[serde(default)]
    pub p0_pct: Option<f64>,
    #[serde(default)]
    pub extreme_pct: Option<f64>,
    /// The line the extreme rate was published on; None when the source does not say (the rate is then shown
    /// on no line). Files written before this field had the line only in `note`: `Scenario::from_json`
    /// reads it from there once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extreme_line: Option<ExtremeLine>,
    /// Any caveat about the figures.
    #[serde(default)]
    pub note: String,
}

/// Deserializes `value`, naming the JSON path of the first value that does not fit (serde_path_to_error):
/// `district.observed[2].p0_pct: invalid type: null, expected f64`.
pub fn from_value_at_path<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, ScenarioError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        fail(if path == "." { "(file)" } else { &path }, Problem::from_serde(&e.into_inner().to_string()))
    })
}

impl District {
    /// Brings district figures written by an older build up to date: observations without the line of their
    /// extreme rate get it from their note. Every reader of outside data (files, links, browser storage)
    /// calls this once.
    pub fn migrate(&mut self) {
        for o in self.observed.iter_mut().filter(|o| o.extreme_pct.is_some() && o.extreme_line.is_none()) {
            o.extreme_line = o.line_from_note();
        }
    }
}

impl Observation {
    /// The observed extreme rate if it was published on `line`, percent. A national US$2.15 rate is compared
    /// with the model's rate at US$2.15 whether the line is the national rupiah value or scaled to the
    /// district (both are the same PPP line).
    pub fn extreme_on(&self, line: &ExtremeLine) -> Option<f64> {
        let same = |a: &ExtremeLine, b: &ExtremeLine| {
            let norm = |l: &ExtremeLine| if *l == ExtremeLine::Usd215Local { ExtremeLine::Usd215 } else { *l };
            norm(a) == norm(b)
        };
        self.extreme_pct.filter(|_| self.extreme_line.as_ref().is_some_and(|l| same(l, line)))
    }

    /// The line an older file named in the note ("US$2.15", "US$1.90"), if any.
    fn line_from_note(&self) -> Option<ExtremeLine> {
        if self.note.contains("2.15") {
            Some(ExtremeLine::Usd215)
        } else if self.note.contains("1.90") {
            Some(ExtremeLine::Usd190)
        } else {
            None
        }
    }
}

/// What a target is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// Headcount P0 at the poverty line.
    P0,
    /// Extreme-poverty rate at the scenario's extreme line.
    Extreme,
    /// Poverty gap index P1 at the poverty line, as BPS publishes it (×100): an RPJMD indicator beside P0
    /// (its "value_pct" is the index, not a percentage).
    P1,
}

/// A target: the indicator at or below `value_pct` by `year`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub indicator: Indicator,
    pub value_pct: f64,
    pub year: i32,
    #[serde(default)]
    pub label: String,
    /// Met when the value is at most `value_pct + tolerance_pct` (percentage points). "Zero extreme poverty"
    /// is read with a tolerance: Menko PMK, July 2024, "di bawah 0,5 persen"; RKP 2024: 0–1 percent.
    #[serde(default)]
    pub tolerance_pct: f64,
}

impl Scenario {
    /// Number of projected years after the base year.
    pub fn years(&self) -> usize {
        (self.horizon - self.district.base_year).max(0) as usize
    }

    /// Parses a scenario from JSON and validates it. Errors name the field.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| fail("(file)", Problem::not_json(&e)))?;
        let supported = SCHEMA_VERSION;
        match value.get("schema_version") {
            Some(v) if v.as_u64() == Some(u64::from(SCHEMA_VERSION)) => {}
            Some(v) if v.as_u64().is_some() => {
                let found = v.as_u64().unwrap_or_default();
                return Err(fail("schema_version", Problem::VersionUnsupported { found, supported }));
            }
            Some(v) => {
                let found = v.to_string().chars().take(40).collect();
                return Err(fail("schema_version", Problem::VersionNotNumber { found, supported }));
            }
            None => return Err(fail("schema_version", Problem::VersionMissing)),
        }
        let mut value = value;
        drop_retired_levers(&mut value);
        let mut s: Scenario = from_value_at_path(value)?;
        s.district.migrate();
        s.validate()?;
        Ok(s)
    }

    /// Serialises to pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The levers of the status-quo world: the scenario's assumptions and shock with the district's current
    /// policy (every policy lever not in the status quo at its default, so budgets not listed are zero).
    pub fn status_quo_levers(&self) -> LeverValues {
        let mut lv = self.levers.clone();
        for l in levers::LEVERS.iter().filter(|l| l.group.is_policy()) {
            match self.district.status_quo.get_explicit(l.id) {
                Some(v) => {
                    let _ = lv.set(l.id, v);
                }
                None => lv.reset(l.id),
            }
        }
        lv
    }

    /// The district's status quo for the policy levers and the lever table's default for assumptions and
    /// shocks: what "changed" is measured against for a district of its own (`presets::reference_levers`
    /// adds a built-in preset's own assumptions).
    pub fn reference_levers(&self) -> LeverValues {
        let mut lv = LeverValues::default();
        for l in levers::LEVERS.iter().filter(|l| l.group.is_policy()) {
            if let Some(v) = self.district.status_quo.get_explicit(l.id) {
                let _ = lv.set(l.id, v);
            }
        }
        lv
    }

    /// The budget of lever `id` in projected year `t` (1-based), Rp billion.
    pub fn budget(&self, levers: &LeverValues, id: LeverId, t: usize) -> f64 {
        match self.schedules.get(id.as_str()) {
            Some(v) if t >= 1 && t <= v.len() => v[t - 1],
            _ => levers.get(id),
        }
    }
}
