//! A scenario: the district, the horizon, the population size and seed, the reporting line, lever values,
//! optional per-year budget schedules and targets. Validation happens here, once; a validated scenario can
//! always be simulated.

use std::collections::BTreeMap;

use crate::levers::{self, LeverError, LeverId, LeverValues, Unit};

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
    /// The district's current programmes (policy levers only): already contained in the base-year figures.
    /// The baseline continues them; a scenario changes them; "without district programmes" backs them out.
    /// Empty: the district runs no programme of its own (the baseline is then "without district programmes").
    #[serde(default)]
    pub status_quo: LeverValues,
}

/// Calibration targets of the consumption distribution's lower tail (brief §5).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)]
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
}

/// An extreme-poverty line. The PPP lines are national rupiah values that move with the CPI; the model's
/// poverty line (GK) is fixed in real terms, so they drift down against it each year by `extreme_line_drift`.
#[derive(Clone, Copy, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ExtremeLine {
    /// BPS since 2024: US$2.15 a day (2017 PPP), BPS's national rupiah value (≈Rp391,000 per capita per month,
    /// BPS head, January 2025, via Tempo).
    #[default]
    Usd215,
    /// US$2.15 spatially deflated to the district: the national rupiah line × district GK ÷ national GK of the
    /// same year (0.67 × GK in 2024: Rp391,000 ÷ Rp582,932) [C].
    Usd215Local,
    /// Before 2024: US$1.90 a day (2011 PPP), national rupiah value (Rp351,957 in 2023; Rp322,170 in 2021,
    /// Kemenko PMK) [U].
    Usd190,
    /// World Bank 2025: US$3.00 a day (2021 PPP) ≈ 0.80 × the national GK [C, U].
    Usd300,
    /// A line entered in rupiah per capita per month (base-year prices).
    Rupiah { rp: f64 },
}

/// BPS's national rupiah value of the US$2.15 (2017 PPP) line, Rp per capita per month: "sekitar Rp391 ribu"
/// (BPS head, January 2025; https://www.tempo.co/politik/pemerintah-siapkan-bansos-khusus-untuk-3-1-juta-warga-miskin-ekstrem-1200748).
/// Other years are moved with March CPI inflation (BPS) [C].
pub const USD215_RP_2024: f64 = 391_000.0;
/// US$1.90 (2011 PPP) national rupiah value, 2023 (brief §3).
pub const USD190_RP_2023: f64 = 351_957.0;
/// National GK, March 2024 (BPS), the base of the US$3.00 ratio.
pub const NATIONAL_GK_2024: f64 = 582_932.0;

/// March year-on-year CPI inflation, percent (BPS releases; addresses in the lever table's source list).
const CPI_MARCH: [(i32, f64); 11] = [
    (2015, 6.38),
    (2016, 4.45),
    (2017, 3.61),
    (2018, 3.40),
    (2019, 2.48),
    (2020, 2.96),
    (2021, 1.37),
    (2022, 2.64),
    (2023, 4.97),
    (2024, 3.05),
    (2025, 1.03),
];

/// National GK, March, Rp per capita per month (BPS releases via infopublik, AA, detik, Databoks, Beritasatu,
/// Media Indonesia, ntbsatu); 2016 was not found and is interpolated [C].
const NATIONAL_GK: [(i32, f64); 11] = [
    (2015, 330_776.0),
    (2016, 352_627.0),
    (2017, 374_478.0),
    (2018, 401_220.0),
    (2019, 425_250.0),
    (2020, 454_652.0),
    (2021, 472_525.0),
    (2022, 505_469.0),
    (2023, 550_458.0),
    (2024, 582_932.0),
    (2025, 609_160.0),
];

/// Price level of March `year` relative to March `base` (CPI); years outside the table move at 3%/yr [A].
pub fn cpi_ratio(year: i32, base: i32) -> f64 {
    let step = |y: i32| CPI_MARCH.iter().find(|(cy, _)| *cy == y).map(|(_, v)| *v).unwrap_or(3.0) / 100.0;
    let mut r = 1.0;
    if year >= base {
        for y in base + 1..=year {
            r *= 1.0 + step(y);
        }
    } else {
        for y in year + 1..=base {
            r /= 1.0 + step(y);
        }
    }
    r
}

impl ExtremeLine {
    /// The line in Rp per capita per month in `year`, given the district's poverty line `gk`.
    pub fn rupiah_in(&self, gk: f64, year: i32) -> f64 {
        match *self {
            ExtremeLine::Usd215 => USD215_RP_2024 * cpi_ratio(year, 2024),
            ExtremeLine::Usd215Local => {
                let national_gk = NATIONAL_GK.iter().find(|(y, _)| *y == year).map(|(_, v)| *v);
                match national_gk {
                    Some(n) => USD215_RP_2024 * cpi_ratio(year, 2024) / n * gk,
                    None => USD215_RP_2024 / NATIONAL_GK_2024 * gk,
                }
            }
            ExtremeLine::Usd190 => USD190_RP_2023 * cpi_ratio(year, 2023),
            ExtremeLine::Usd300 => 0.80 * NATIONAL_GK_2024 * cpi_ratio(year, 2024),
            ExtremeLine::Rupiah { rp } => rp,
        }
    }

    /// A short stable name for tables and files.
    pub fn label(&self) -> String {
        match *self {
            ExtremeLine::Usd215 => "US$2.15 (2017 PPP)".into(),
            ExtremeLine::Usd215Local => "US$2.15 (2017 PPP), 0.67 × GK".into(),
            ExtremeLine::Usd190 => "US$1.90 (2011 PPP)".into(),
            ExtremeLine::Usd300 => "US$3.00 (2021 PPP)".into(),
            ExtremeLine::Rupiah { rp } => format!("Rp{rp:.0}"),
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
    /// Which line the extreme rate uses, and any caveat.
    #[serde(default)]
    pub note: String,
}

/// What a target is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// Headcount P0 at the poverty line.
    P0,
    /// Extreme-poverty rate at the scenario's extreme line.
    Extreme,
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

/// A scenario that cannot be simulated; `field` is the dotted path of the offending value.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    pub field: String,
    pub message: String,
}

impl core::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ScenarioError {}

impl From<LeverError> for ScenarioError {
    fn from(e: LeverError) -> Self {
        match e {
            LeverError::Unknown { ref id } => ScenarioError { field: format!("levers.{id}"), message: e.to_string() },
            LeverError::OutOfRange { ref id, value, min, max } => ScenarioError {
                field: format!("levers.{id}"),
                message: format!("{value} is outside the allowed range {min} to {max}"),
            },
        }
    }
}

fn check(field: &str, value: f64, min: f64, max: f64) -> Result<(), ScenarioError> {
    if value.is_finite() && value >= min && value <= max {
        Ok(())
    } else {
        Err(ScenarioError {
            field: field.into(),
            message: format!("{value} is outside the allowed range {min} to {max}"),
        })
    }
}

fn e_id(e: &LeverError) -> &str {
    match e {
        LeverError::Unknown { id } | LeverError::OutOfRange { id, .. } => id,
    }
}

/// Removes levers retired since the file was written (`levers::RETIRED`) from the levers, the status quo and
/// the schedules, so an older file stays readable.
fn drop_retired_levers(value: &mut serde_json::Value) {
    for path in [&["levers"][..], &["district", "status_quo"][..], &["schedules"][..]] {
        let mut v = Some(&mut *value);
        for key in path {
            v = v.and_then(|v| v.get_mut(*key));
        }
        if let Some(serde_json::Value::Object(map)) = v {
            for (id, _) in levers::RETIRED {
                map.remove(*id);
            }
        }
    }
}

fn fail(field: &str, message: impl Into<String>) -> ScenarioError {
    ScenarioError { field: field.into(), message: message.into() }
}

impl Scenario {
    /// Number of projected years after the base year.
    pub fn years(&self) -> usize {
        (self.horizon - self.district.base_year).max(0) as usize
    }

    /// Parses a scenario from JSON and validates it. Errors name the field.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| fail("(file)", format!("not valid JSON: {e}")))?;
        let version = value.get("schema_version").and_then(|v| v.as_u64());
        match version {
            Some(v) if v == u64::from(SCHEMA_VERSION) => {}
            Some(v) => {
                return Err(fail(
                    "schema_version",
                    format!("version {v} is not supported; this build reads version {SCHEMA_VERSION}"),
                ))
            }
            None => return Err(fail("schema_version", "missing: a scenario file must say its schema version")),
        }
        let mut value = value;
        drop_retired_levers(&mut value);
        let s: Scenario = serde_json::from_value(value).map_err(|e| fail("(file)", e.to_string()))?;
        s.validate()?;
        Ok(s)
    }

    /// Serialises to pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks every field; the first problem found is returned.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        if self.schema_version != SCHEMA_VERSION {
            return Err(fail("schema_version", format!("must be {SCHEMA_VERSION}")));
        }
        let d = &self.district;
        check("district.base_year", d.base_year as f64, 2000.0, 2100.0)?;
        check("horizon", self.horizon as f64, (d.base_year + 1) as f64, (d.base_year + MAX_YEARS) as f64)?;
        check("households", self.households as f64, HOUSEHOLDS_RANGE.0 as f64, HOUSEHOLDS_RANGE.1 as f64)?;
        check("district.population", d.population, 1_000.0, 400_000_000.0)?;
        check("district.household_size", d.household_size, 1.5, 10.0)?;
        if let Some(p) = d.poor_household_size {
            check("district.poor_household_size", p, d.household_size, 12.0)?;
        }
        check("district.poverty_line", d.poverty_line, 50_000.0, 10_000_000.0)?;
        match d.calibration {
            Calibration::P0P1 { p0_pct, p1 } => {
                check("district.calibration.p0_pct", p0_pct, 0.5, 80.0)?;
                check("district.calibration.p1", p1, 0.01 * p0_pct, 0.6 * p0_pct)?;
            }
            Calibration::P0P1P2 { p0_pct, p1, p2 } => {
                check("district.calibration.p0_pct", p0_pct, 0.5, 80.0)?;
                check("district.calibration.p1", p1, 0.01 * p0_pct, 0.6 * p0_pct)?;
                check("district.calibration.p2", p2, 0.02 * p1, 0.8 * p1)?;
            }
            Calibration::P0Extreme { p0_pct, extreme_pct, line } => {
                check("district.calibration.p0_pct", p0_pct, 0.5, 80.0)?;
                check("district.calibration.extreme_pct", extreme_pct, 0.01, 0.9 * p0_pct)?;
                let ze = line.rupiah_in(d.poverty_line, d.base_year);
                check("district.calibration.line", ze, 0.2 * d.poverty_line, 0.95 * d.poverty_line)?;
            }
            Calibration::P0Gini { p0_pct, gini } => {
                check("district.calibration.p0_pct", p0_pct, 0.5, 80.0)?;
                check("district.calibration.gini", gini, 0.15, 0.7)?;
            }
        }
        if let Some(g) = d.gini {
            check("district.gini", g, 0.15, 0.7)?;
        }
        if let Some(m) = d.mean_consumption {
            check("district.mean_consumption", m, 1.2 * d.poverty_line, 20.0 * d.poverty_line)?;
        }
        match self.extreme_line {
            ExtremeLine::Rupiah { rp } => check("extreme_line.rp", rp, 0.1 * d.poverty_line, d.poverty_line)?,
            line => {
                // A national line must stay below the district's GK for the extreme rate to mean anything.
                let ze = line.rupiah_in(d.poverty_line, d.base_year);
                if ze.is_nan() || ze >= d.poverty_line {
                    return Err(fail(
                        "extreme_line",
                        format!(
                            "{} is Rp{ze:.0} in {}, not below this district's poverty line Rp{:.0}; choose the line scaled to the district's GK or a rupiah line",
                            line.label(),
                            d.base_year,
                            d.poverty_line
                        ),
                    ));
                }
            }
        }
        if !d.kecamatan.is_empty() {
            let (mut pop, mut poor) = (0.0, 0.0);
            for (i, k) in d.kecamatan.iter().enumerate() {
                check(&format!("district.kecamatan[{i}].population_share_pct"), k.population_share_pct, 0.0, 100.0)?;
                check(&format!("district.kecamatan[{i}].poor_share_pct"), k.poor_share_pct, 0.0, 100.0)?;
                pop += k.population_share_pct;
                poor += k.poor_share_pct;
            }
            check("district.kecamatan (sum of population_share_pct)", pop, 99.5, 100.5)?;
            check("district.kecamatan (sum of poor_share_pct)", poor, 99.5, 100.5)?;
        }
        LeverValues::new(self.levers.explicit().clone())?;
        LeverValues::new(d.status_quo.explicit().clone()).map_err(|e| ScenarioError {
            field: format!("district.status_quo.{}", e_id(&e)),
            message: e.to_string(),
        })?;
        for id in d.status_quo.explicit().keys() {
            if levers::spec_named(id).is_some_and(|l| !l.group.is_policy()) {
                return Err(fail(
                    &format!("district.status_quo.{id}"),
                    "the status quo holds policy levers only (programmes and enablers), not assumptions or shocks",
                ));
            }
        }
        for (id, values) in &self.schedules {
            let spec = levers::spec_named(id).ok_or_else(|| fail(&format!("schedules.{id}"), "unknown lever"))?;
            if spec.unit != Unit::RpBillionPerYear {
                return Err(fail(
                    &format!("schedules.{id}"),
                    "only budget levers (Rp billion per year) take a schedule",
                ));
            }
            if values.len() != self.years() {
                return Err(fail(
                    &format!("schedules.{id}"),
                    format!("needs {} values, one per year {}–{}", self.years(), d.base_year + 1, self.horizon),
                ));
            }
            for (i, v) in values.iter().enumerate() {
                check(&format!("schedules.{id}[{i}]"), *v, spec.min, spec.max)?;
            }
        }
        if self.growth_basis == GrowthBasis::DistrictTrend {
            let points =
                d.observed.iter().filter(|o| o.year <= d.base_year && o.p0_pct.is_some_and(|p| p > 0.0)).count();
            if points < 2 {
                return Err(fail(
                    "growth_basis",
                    format!(
                        "district_trend needs at least 2 observed P0 years up to {}; this district has {points}",
                        d.base_year
                    ),
                ));
            }
        }
        for (i, t) in self.targets.iter().enumerate() {
            check(&format!("targets[{i}].value_pct"), t.value_pct, 0.0, 100.0)?;
            check(&format!("targets[{i}].year"), t.year as f64, d.base_year as f64, (d.base_year + MAX_YEARS) as f64)?;
            check(&format!("targets[{i}].tolerance_pct"), t.tolerance_pct, 0.0, 5.0)?;
        }
        Ok(())
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

    /// The budget of lever `id` in projected year `t` (1-based), Rp billion.
    pub fn budget(&self, levers: &LeverValues, id: LeverId, t: usize) -> f64 {
        match self.schedules.get(id.as_str()) {
            Some(v) if t >= 1 && t <= v.len() => v[t - 1],
            _ => levers.get(id),
        }
    }
}
