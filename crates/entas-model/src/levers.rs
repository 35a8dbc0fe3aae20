//! Every lever and assumption, described once as data: the app builds its controls from this table and
//! the checks sweep it. Adding a lever is a change here plus a test, never UI code.

/// Which panel a lever belongs to. Policy groups follow the three strategies of Inpres 4/2022; `Assumption`
/// is kept visibly apart from policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
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

/// The unit a lever's value is stored in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Percent per year (stored as percent, e.g. 2.5 for 2.5%).
    PercentPerYear,
}

/// A declarative description of one lever.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct LeverSpec {
    /// Stable snake_case identifier used in scenario files, links and the CLI.
    pub id: &'static str,
    pub group: LeverGroup,
    pub unit: Unit,
    pub min: f64,
    pub max: f64,
    pub default: f64,
    pub step: f64,
    /// Where the default and range come from (brief §6).
    pub source: &'static str,
}

impl LeverSpec {
    /// Checks `value` against this lever's range; the error names the lever and the allowed range.
    pub fn validate(&self, value: f64) -> Result<f64, LeverError> {
        if value.is_finite() && value >= self.min && value <= self.max {
            Ok(value)
        } else {
            Err(LeverError { id: self.id, value, min: self.min, max: self.max })
        }
    }
}

/// A value outside a lever's allowed range.
#[derive(Clone, Debug, PartialEq)]
pub struct LeverError {
    pub id: &'static str,
    pub value: f64,
    pub min: f64,
    pub max: f64,
}

impl core::fmt::Display for LeverError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {} is outside the allowed range {} to {}", self.id, self.value, self.min, self.max)
    }
}

/// Real consumption growth of the bottom 40%.
pub const GROWTH_B40: LeverSpec = LeverSpec {
    id: "growth_b40",
    group: LeverGroup::Assumption,
    unit: Unit::PercentPerYear,
    min: 0.0,
    max: 5.0,
    default: 2.5,
    step: 0.1,
    source: "Muba GRDP growth 4.3–4.5% (2022–23); World Bank PIP passes 0.7 of national-accounts growth to survey consumption",
};

/// The lever table.
pub const LEVERS: &[LeverSpec] = &[GROWTH_B40];

/// Looks a lever up by id.
pub fn lever(id: &str) -> Option<&'static LeverSpec> {
    LEVERS.iter().find(|l| l.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lever_is_well_formed() {
        for l in LEVERS {
            assert!(l.min < l.max, "{}", l.id);
            assert!(l.default >= l.min && l.default <= l.max, "{}", l.id);
            assert!(l.step > 0.0 && l.step <= l.max - l.min, "{}", l.id);
            assert!(!l.source.is_empty(), "{}", l.id);
            assert!(l.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
        }
    }

    #[test]
    fn validate_names_the_lever_and_range() {
        let err = GROWTH_B40.validate(9.0).unwrap_err();
        assert_eq!(err.to_string(), "growth_b40: 9 is outside the allowed range 0 to 5");
        assert!(GROWTH_B40.validate(f64::NAN).is_err());
        assert_eq!(GROWTH_B40.validate(2.0), Ok(2.0));
    }
}
