//! Validation of a scenario: every field against its allowed range, the first problem named by its dotted
//! path. Errors from outside (files, links) and from the lever table end up as a `ScenarioError`.

use super::problem::Problem;
use super::*;
use crate::levers::{self, LeverError, Unit};

/// A scenario that cannot be simulated: `field` is the dotted path of the offending value, `problem` what
/// is wrong with it (worded by the app in the UI language; `Display` is English, for the CLI).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScenarioError {
    pub field: String,
    pub problem: Problem,
}

impl core::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}

impl std::error::Error for ScenarioError {}

impl ScenarioError {
    /// The same problem, under `prefix` (a lever error of the status quo is about `district.status_quo.*`).
    fn lever(prefix: &str, e: LeverError) -> ScenarioError {
        let (id, problem) = match e {
            LeverError::Unknown { id } => (id.clone(), Problem::UnknownLever { id }),
            LeverError::OutOfRange { id, value, min, max } => (id, Problem::OutOfRange { value, min, max }),
            LeverError::NotWhole { id, value } => (id, Problem::NotWhole { value }),
        };
        ScenarioError { field: format!("{prefix}.{id}"), problem }
    }
}

impl From<LeverError> for ScenarioError {
    fn from(e: LeverError) -> Self {
        ScenarioError::lever("levers", e)
    }
}

fn check(field: &str, value: f64, min: f64, max: f64) -> Result<(), ScenarioError> {
    if value.is_finite() && value >= min && value <= max {
        Ok(())
    } else {
        Err(fail(field, Problem::OutOfRange { value, min, max }))
    }
}

/// Bounds what a text field may hold, so no input can ask for unbounded work or memory.
fn check_text(field: &str, text: &str, max_chars: usize) -> Result<(), ScenarioError> {
    let n = text.chars().count();
    if n <= max_chars {
        Ok(())
    } else {
        Err(fail(field, Problem::TooLong { chars: n, max: max_chars }))
    }
}

/// Bounds the length of a list.
fn check_count(field: &str, n: usize, max: usize) -> Result<(), ScenarioError> {
    if n <= max {
        Ok(())
    } else {
        Err(fail(field, Problem::TooMany { entries: n, max }))
    }
}

/// Most observed years a district may carry.
pub const MAX_OBSERVED: usize = 60;
/// Most kecamatan a district may carry (Indonesia's largest kabupaten has under 100).
pub const MAX_KECAMATAN: usize = 500;
/// Most targets a scenario may carry.
pub const MAX_TARGETS: usize = 20;

/// Removes levers retired since the file was written (`levers::RETIRED`) from the levers, the status quo and
/// the schedules, so an older file stays readable.
pub(super) fn drop_retired_levers(value: &mut serde_json::Value) {
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

pub(super) fn fail(field: &str, problem: Problem) -> ScenarioError {
    ScenarioError { field: field.into(), problem }
}

impl Scenario {
    /// Checks every field; the first problem found is returned.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        if self.schema_version != SCHEMA_VERSION {
            return Err(fail(
                "schema_version",
                Problem::VersionUnsupported { found: self.schema_version.into(), supported: SCHEMA_VERSION },
            ));
        }
        let d = &self.district;
        check("district.base_year", d.base_year as f64, 2000.0, 2100.0)?;
        check("horizon", self.horizon as f64, (d.base_year + 1) as f64, (d.base_year + MAX_YEARS) as f64)?;
        // A household file may be a small survey sample; a synthetic district needs enough households.
        let fewest = if self.household_file.is_some() { crate::households::MIN_ROWS } else { HOUSEHOLDS_RANGE.0 };
        check("households", self.households as f64, fewest as f64, HOUSEHOLDS_RANGE.1 as f64)?;
        if let Some(f) = &self.household_file {
            check_text("household_file.name", &f.name, 200)?;
            check_text("household_file.fingerprint", &f.fingerprint, 16)?;
            check("household_file.rows", f.rows as f64, fewest as f64, HOUSEHOLDS_RANGE.1 as f64)?;
        }
        check("district.population", d.population, 1_000.0, 400_000_000.0)?;
        check("district.household_size", d.household_size, 1.5, 10.0)?;
        if let Some(p) = d.poor_household_size {
            check("district.poor_household_size", p, d.household_size, 12.0)?;
        }
        check("district.poverty_line", d.poverty_line, 50_000.0, 10_000_000.0)?;
        if let Some(a) = d.apbd_rp_bn {
            check("district.apbd_rp_bn", a, 1.0, 10_000_000.0)?;
        }
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
                        Problem::LineNotBelowGk { line, rp: ze, year: d.base_year, gk: d.poverty_line },
                    ));
                }
            }
        }
        check_text("name", &self.name, 200)?;
        check_text("district.name", &d.name, 200)?;
        check_count("district.sources", d.sources.len(), 30)?;
        check_count("district.estimated", d.estimated.len(), 16)?;
        for (i, src) in d.sources.iter().enumerate() {
            check_text(&format!("district.sources[{i}]"), src, 1_000)?;
        }
        check_count("district.observed", d.observed.len(), MAX_OBSERVED)?;
        for (i, o) in d.observed.iter().enumerate() {
            let at = |f: &str| format!("district.observed[{i}].{f}");
            check(&at("year"), o.year as f64, 1990.0, (d.base_year + MAX_YEARS) as f64)?;
            if let Some(p) = o.p0_pct {
                check(&at("p0_pct"), p, 0.0, 100.0)?;
            }
            if let Some(e) = o.extreme_pct {
                check(&at("extreme_pct"), e, 0.0, 100.0)?;
            }
            check_text(&at("note"), &o.note, 500)?;
        }
        check_count("district.kecamatan", d.kecamatan.len(), MAX_KECAMATAN)?;
        check_count("targets", self.targets.len(), MAX_TARGETS)?;
        if !d.kecamatan.is_empty() {
            let (mut pop, mut poor) = (0.0, 0.0);
            for (i, k) in d.kecamatan.iter().enumerate() {
                check_text(&format!("district.kecamatan[{i}].name"), &k.name, 100)?;
                check(&format!("district.kecamatan[{i}].population_share_pct"), k.population_share_pct, 0.0, 100.0)?;
                check(&format!("district.kecamatan[{i}].poor_share_pct"), k.poor_share_pct, 0.0, 100.0)?;
                pop += k.population_share_pct;
                poor += k.poor_share_pct;
            }
            check("district.kecamatan (sum of population_share_pct)", pop, 99.5, 100.5)?;
            check("district.kecamatan (sum of poor_share_pct)", poor, 99.5, 100.5)?;
        }
        LeverValues::new(self.levers.explicit().clone())?;
        LeverValues::new(d.status_quo.explicit().clone())
            .map_err(|e| ScenarioError::lever("district.status_quo", e))?;
        for id in d.status_quo.explicit().keys() {
            if levers::spec_named(id).is_some_and(|l| !l.group.is_policy()) {
                return Err(fail(&format!("district.status_quo.{id}"), Problem::StatusQuoPolicyOnly));
            }
        }
        for (id, values) in &self.schedules {
            let spec = levers::spec_named(id)
                .ok_or_else(|| fail(&format!("schedules.{id}"), Problem::UnknownLever { id: id.clone() }))?;
            if spec.unit != Unit::RpBillionPerYear {
                return Err(fail(&format!("schedules.{id}"), Problem::ScheduleBudgetOnly));
            }
            if values.len() != self.years() {
                let (needs, from, to) = (self.years(), d.base_year + 1, self.horizon);
                return Err(fail(&format!("schedules.{id}"), Problem::ScheduleLength { needs, from, to }));
            }
            for (i, v) in values.iter().enumerate() {
                check(&format!("schedules.{id}[{i}]"), *v, spec.min, spec.max)?;
            }
        }
        if self.growth_basis == GrowthBasis::DistrictTrend {
            let points =
                d.observed.iter().filter(|o| o.year <= d.base_year && o.p0_pct.is_some_and(|p| p > 0.0)).count();
            if points < 2 {
                return Err(fail("growth_basis", Problem::TrendNeedsPoints { up_to: d.base_year, found: points }));
            }
        }
        for (i, t) in self.targets.iter().enumerate() {
            check(&format!("targets[{i}].value_pct"), t.value_pct, 0.0, 100.0)?;
            check(&format!("targets[{i}].year"), t.year as f64, d.base_year as f64, (d.base_year + MAX_YEARS) as f64)?;
            check(&format!("targets[{i}].tolerance_pct"), t.tolerance_pct, 0.0, 5.0)?;
        }
        Ok(())
    }
}
