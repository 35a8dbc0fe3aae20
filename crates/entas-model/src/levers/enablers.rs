//! Named sets of enabler values (the data systems districts target with) and levers retired from files.

use super::LeverId;

/// Levers that no longer exist, with what replaced them: dropped when an older scenario file is read, so a
/// retired lever never makes a saved scenario unreadable.
pub const RETIRED: &[(&str, &str)] = &[(
    "food_pass_through",
    "food aid passes through like cash (cash_pass_through); in-kind rice is valued by in_kind_valuation",
)];

/// A named set of enabler values: what a district's data system looks like, with the targeting errors
/// Kemensos reports for it (exclusion and inclusion against desil 1–4, percent).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct EnablerPreset {
    pub id: &'static str,
    pub values: &'static [(LeverId, f64)],
    pub source: &'static str,
    pub kemensos_exclusion_pct: (f64, f64),
    pub kemensos_inclusion_pct: (f64, f64),
}

/// The two registries districts target with. Their values are set, inside each lever's evidence range, so
/// that a social-aid programme measured as Kemensos measures (errors against desil 1–4, in the first
/// projected year, `analysis::registry_check`) lands in the error ranges Kemensos published (brief §6):
/// those ranges are these presets' source, and the tests hold them to it. The check does not identify the
/// values: with the programme's reach fixed, exclusion and inclusion are tied by
/// reach × (1 − inclusion) = eligible × (1 − exclusion), so it tests one number, and other combinations
/// pass too (coverage 95%, ρ 0.5, age 2 lands in the data-lama ranges). The brief gives neither the
/// Kemensos document nor its denominator; reading the errors against desil 1–4 is this model's assumption.
pub const ENABLER_PRESETS: &[EnablerPreset] = &[
    EnablerPreset {
        id: "data_lama",
        values: &[(LeverId::RegistryCoverage, 60.0), (LeverId::TargetingAccuracy, 0.75), (LeverId::RegistryAge, 2.0), (LeverId::Convergence, 25.0)],
        source: "Data lama / DTKS (Kemensos 2026, as reported: exclusion 70–78%, inclusion 38–47%, PKH and BPNT) [U]: coverage of the poor 60% (evidence 40–95%), a PMT correlation of 0.75 [A], records about 2 years old (DTKS was updated continuously by village proposals rather than re-enumerated), sector lists kept largely apart (district news reports: programmes do not converge) [A]. One reading that lands in the Kemensos ranges, not the only one",
        kemensos_exclusion_pct: (70.0, 78.0),
        kemensos_inclusion_pct: (38.0, 47.0),
    },
    EnablerPreset {
        id: "dtsen",
        values: &[(LeverId::RegistryCoverage, 95.0), (LeverId::TargetingAccuracy, 0.9), (LeverId::RegistryAge, 0.0), (LeverId::Convergence, 75.0)],
        source: "DTSEN (Inpres 4/2025; Kemensos 2026, as reported: exclusion 18–28%, inclusion 30–40%) [U]: the Regsosek 2022 full enumeration joined with DTKS, P3KE and administrative data, one by-name-by-address list for every ministry; coverage 95% (full enumeration, Bah, Bazzi, Sumarto & Tobias 2018), accuracy 0.9 (the top of the evidence), fresh records. Read against desil 1–4, the Kemensos pair implies a programme reaching 47% of households, larger than any single bansos (BPNT ≈ 27%): the published figures are probably measured on another base",
        kemensos_exclusion_pct: (18.0, 28.0),
        kemensos_inclusion_pct: (30.0, 40.0),
    },
];
