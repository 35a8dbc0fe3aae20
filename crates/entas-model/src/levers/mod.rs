//! Every lever and assumption, described once as data: the app builds its controls from this table, the CLI
//! validates `--set` against it and the lever-matrix check sweeps it. Adding a lever is a change here plus a
//! use in `simulate`, never UI code.

use std::collections::BTreeMap;

mod enablers;
mod id;
mod table;

pub use enablers::{EnablerPreset, ENABLER_PRESETS, RETIRED};
pub use id::LeverId;
pub use table::LEVERS;

/// Which panel a lever belongs to. Policy groups follow the three strategies of Inpres 4/2022; `Assumption`
/// is kept visibly apart from policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeverGroup {
    /// Pengurangan beban pengeluaran: social aid, subsidies, social security.
    Burden,
    /// Peningkatan pendapatan: economic empowerment.
    Income,
    /// Penurunan kantong kemiskinan: basic services in poverty pockets.
    Pockets,
    /// Data quality, convergence, absorption.
    Enablers,
    /// Covariate shocks.
    Shock,
    /// Assumptions about the world, not policy choices.
    Assumption,
}

impl LeverGroup {
    pub const ALL: [LeverGroup; 6] = [
        LeverGroup::Burden,
        LeverGroup::Income,
        LeverGroup::Pockets,
        LeverGroup::Enablers,
        LeverGroup::Shock,
        LeverGroup::Assumption,
    ];

    /// Programmes and enablers: what a district decides (the status quo holds these).
    pub fn is_policy(self) -> bool {
        matches!(self, LeverGroup::Burden | LeverGroup::Income | LeverGroup::Pockets | LeverGroup::Enablers)
    }

    /// The snake_case name used in files and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            LeverGroup::Burden => "burden",
            LeverGroup::Income => "income",
            LeverGroup::Pockets => "pockets",
            LeverGroup::Enablers => "enablers",
            LeverGroup::Shock => "shock",
            LeverGroup::Assumption => "assumption",
        }
    }
}

/// The unit a lever's value is stored in (and shown in).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Billion rupiah per year (Rp miliar/tahun).
    RpBillionPerYear,
    /// Rupiah per family (household) per year.
    RpPerFamilyPerYear,
    /// Rupiah per family (household) per month.
    RpPerFamilyPerMonth,
    /// Rupiah per person per month.
    RpPerPersonPerMonth,
    /// Million rupiah per household, one-off.
    RpMillionPerHousehold,
    /// Million rupiah per unit delivered (house, connection), one-off.
    RpMillionPerUnit,
    /// Rupiah per household enumerated.
    RpPerHousehold,
    /// Percent (stored as percent, e.g. 75 for 75%).
    Percent,
    /// Percent per year.
    PercentPerYear,
    /// Percent per month.
    PercentPerMonth,
    /// Percentage points of growth per decile (positive: poorer deciles grow faster).
    PpPerDecile,
    /// A plain ratio or coefficient.
    Ratio,
    /// Years after the base year (0 = none).
    YearOffset,
    /// A duration in years.
    Years,
    /// 0 = off, 1 = on.
    Toggle,
}

impl Unit {
    pub const ALL: [Unit; 15] = [
        Unit::RpBillionPerYear,
        Unit::RpPerFamilyPerYear,
        Unit::RpPerFamilyPerMonth,
        Unit::RpPerPersonPerMonth,
        Unit::RpMillionPerHousehold,
        Unit::RpMillionPerUnit,
        Unit::RpPerHousehold,
        Unit::Percent,
        Unit::PercentPerYear,
        Unit::PercentPerMonth,
        Unit::PpPerDecile,
        Unit::Ratio,
        Unit::YearOffset,
        Unit::Years,
        Unit::Toggle,
    ];

    /// The snake_case name used in files and translation keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::RpBillionPerYear => "rp_billion_per_year",
            Unit::RpPerFamilyPerYear => "rp_per_family_per_year",
            Unit::RpPerFamilyPerMonth => "rp_per_family_per_month",
            Unit::RpPerPersonPerMonth => "rp_per_person_per_month",
            Unit::RpMillionPerHousehold => "rp_million_per_household",
            Unit::RpMillionPerUnit => "rp_million_per_unit",
            Unit::RpPerHousehold => "rp_per_household",
            Unit::Percent => "percent",
            Unit::PercentPerYear => "percent_per_year",
            Unit::PercentPerMonth => "percent_per_month",
            Unit::PpPerDecile => "pp_per_decile",
            Unit::Ratio => "ratio",
            Unit::YearOffset => "year_offset",
            Unit::Years => "years",
            Unit::Toggle => "toggle",
        }
    }
}

/// A declarative description of one lever.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct LeverSpec {
    /// Stable snake_case identifier used in scenario files, links and the CLI.
    pub id: LeverId,
    pub group: LeverGroup,
    pub unit: Unit,
    pub min: f64,
    pub max: f64,
    pub default: f64,
    pub step: f64,
    /// Where the default and range come from (brief §6); `[A]` marks an assumption, `[U]` an uncertain figure.
    pub source: &'static str,
    /// Drawn in Monte Carlo runs within `evidence`, with the scenario's value as the mean (two-piece triangular).
    /// Uncertain enablers (registry coverage, targeting accuracy) are drawn as a shift applied to the status
    /// quo and the scenario alike.
    pub uncertain: bool,
    /// The range the evidence supports; [min, max] may be wider to admit benchmarks (perfect targeting,
    /// no churn) that planners ask about.
    pub evidence: (f64, f64),
}

impl LeverSpec {
    /// Checks `value` against this lever's range (a switch is 0 or 1, a year a whole number); the error names
    /// the lever and the allowed range.
    pub fn validate(&self, value: f64) -> Result<f64, LeverError> {
        let id = || self.id.as_str().to_string();
        if !(value.is_finite() && value >= self.min && value <= self.max) {
            return Err(LeverError::OutOfRange { id: id(), value, min: self.min, max: self.max });
        }
        if matches!(self.unit, Unit::Toggle | Unit::YearOffset) && value.fract() != 0.0 {
            return Err(LeverError::NotWhole { id: id(), value });
        }
        Ok(value)
    }
}

/// A lever value that cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub enum LeverError {
    Unknown {
        id: String,
    },
    OutOfRange {
        id: String,
        value: f64,
        min: f64,
        max: f64,
    },
    /// A switch (0 or 1) or a year offset given a fraction.
    NotWhole {
        id: String,
        value: f64,
    },
}

/// A number as people type it: plain up to 15 digits, scientific beyond (so 1e308 is not printed as 309 digits).
pub fn show(v: f64) -> String {
    if !v.is_finite() || v == 0.0 || (v.abs() >= 1e-6 && v.abs() < 1e15) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

impl core::fmt::Display for LeverError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            LeverError::Unknown { id } => write!(f, "{id}: unknown lever (see `entas levers`)"),
            LeverError::OutOfRange { id, value, min, max } => {
                write!(f, "{id}: {} is outside the allowed range {} to {}", show(*value), show(*min), show(*max))
            }
            LeverError::NotWhole { id, value } => {
                write!(f, "{id}: {} must be a whole number (a switch is 0 or 1)", show(*value))
            }
        }
    }
}

impl std::error::Error for LeverError {}

/// Looks an enabler preset up by id.
pub fn enabler_preset(id: &str) -> Option<&'static EnablerPreset> {
    ENABLER_PRESETS.iter().find(|p| p.id == id)
}

/// The spec of a lever: its row of `LEVERS` (a test holds `LEVERS[i].id == LeverId::ALL[i]`).
pub fn spec(id: LeverId) -> &'static LeverSpec {
    &LEVERS[id as usize]
}

/// Looks a lever up by its snake_case name (from a file, a link or the CLI).
pub fn spec_named(name: &str) -> Option<&'static LeverSpec> {
    LeverId::parse(name).map(spec)
}

/// Lever values by id. Missing ids take their default. Built only through validation; a parsed file's
/// names are checked by `Scenario::validate` before anything reads them.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, Default)]
#[serde(transparent)]
pub struct LeverValues(BTreeMap<String, f64>);

impl LeverValues {
    /// Validates every entry: unknown ids and out-of-range values are errors naming the lever.
    pub fn new(values: BTreeMap<String, f64>) -> Result<Self, LeverError> {
        for (id, v) in &values {
            spec_named(id).ok_or_else(|| LeverError::Unknown { id: id.clone() })?.validate(*v)?;
        }
        Ok(LeverValues(values))
    }

    /// Sets one lever, validating its range.
    pub fn set(&mut self, id: LeverId, value: f64) -> Result<(), LeverError> {
        self.0.insert(id.as_str().to_string(), spec(id).validate(value)?);
        Ok(())
    }

    /// Sets the lever named `name` (from outside: the CLI, a form), validating the name and the range.
    pub fn set_named(&mut self, name: &str, value: f64) -> Result<LeverId, LeverError> {
        let id = LeverId::parse(name).ok_or_else(|| LeverError::Unknown { id: name.to_string() })?;
        self.set(id, value)?;
        Ok(id)
    }

    /// The value of `id`, or its default.
    pub fn get(&self, id: LeverId) -> f64 {
        self.0.get(id.as_str()).copied().unwrap_or(spec(id).default)
    }

    /// The value of `id` if it was set explicitly.
    pub fn get_explicit(&self, id: LeverId) -> Option<f64> {
        self.0.get(id.as_str()).copied()
    }

    /// Entries explicitly set (possibly equal to the default), by name as stored.
    pub fn explicit(&self) -> &BTreeMap<String, f64> {
        &self.0
    }

    /// Removes an explicit value (back to the default).
    pub fn reset(&mut self, id: LeverId) {
        self.0.remove(id.as_str());
    }

    /// The levers whose value differs from `base`, in table order. "Changed" has one meaning everywhere
    /// (lever panel, compare, brief): against `Scenario::reference_levers`, the district's status quo.
    pub fn diff(&self, base: &LeverValues) -> Vec<LeverId> {
        LeverId::ALL.iter().copied().filter(|id| self.get(*id) != base.get(*id)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lever_is_well_formed() {
        let mut ids = std::collections::BTreeSet::new();
        assert_eq!(LEVERS.len(), LeverId::ALL.len());
        for (i, l) in LEVERS.iter().enumerate() {
            assert_eq!(l.id, LeverId::ALL[i], "LEVERS and LeverId must list the levers in the same order");
            assert_eq!(LeverId::parse(l.id.as_str()), Some(l.id));
            assert!(ids.insert(l.id), "duplicate id {}", l.id);
            assert!(l.min < l.max, "{}", l.id);
            assert!(l.default >= l.min && l.default <= l.max, "{}", l.id);
            assert!(l.step > 0.0 && l.step <= l.max - l.min, "{}", l.id);
            assert!(!l.source.is_empty(), "{}", l.id);
            assert!(
                l.id.as_str().chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{}",
                l.id
            );
            assert!(
                !l.uncertain || matches!(l.group, LeverGroup::Assumption | LeverGroup::Enablers),
                "{} uncertain but neither an assumption nor an enabler",
                l.id
            );
            assert!(l.evidence.0 >= l.min && l.evidence.1 <= l.max && l.evidence.0 < l.evidence.1, "{}", l.id);
        }
    }

    #[test]
    fn validation_names_the_lever_and_the_range() {
        let mut v = LeverValues::default();
        let err = v.set(LeverId::CashBudget, 900.0).unwrap_err();
        assert_eq!(err.to_string(), "cash_budget: 900 is outside the allowed range 0 to 500");
        assert!(v.set(LeverId::CashBudget, f64::NAN).is_err());
        assert_eq!(v.set_named("nope", 1.0).unwrap_err().to_string(), "nope: unknown lever (see `entas levers`)");
        assert_eq!(v.set_named("cash_budget", 70.0), Ok(LeverId::CashBudget));
        assert_eq!(
            v.set(LeverId::CashBudget, 1e308).unwrap_err().to_string(),
            "cash_budget: 1e308 is outside the allowed range 0 to 500"
        );
        assert_eq!(
            v.set(LeverId::CashGapFilling, 0.5).unwrap_err().to_string(),
            "cash_gap_filling: 0.5 must be a whole number (a switch is 0 or 1)"
        );
        assert!(v.set(LeverId::ShockYear, 2.5).is_err() && v.set(LeverId::ShockYear, 2.0).is_ok());
        assert_eq!(v.get(LeverId::CashBudget), 70.0);
        assert_eq!(v.get(LeverId::Absorption), 95.0);
    }

    #[test]
    fn diff_lists_the_levers_that_differ_in_table_order() {
        let base = LeverValues::default();
        let mut v = base.clone();
        v.set(LeverId::SurveyRse, 2.5).unwrap();
        v.set(LeverId::CashBudget, 10.0).unwrap();
        // Set to its default: not a change.
        v.set(LeverId::Absorption, 95.0).unwrap();
        assert_eq!(v.diff(&base), vec![LeverId::CashBudget, LeverId::SurveyRse]);
        assert!(base.diff(&base).is_empty());
    }
}
