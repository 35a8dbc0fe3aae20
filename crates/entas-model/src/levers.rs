//! Every lever and assumption, described once as data: the app builds its controls from this table, the CLI
//! validates `--set` against it and the lever-matrix check sweeps it. Adding a lever is a change here plus a
//! use in `simulate`, never UI code.

use std::collections::BTreeMap;

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
    /// Checks `value` against this lever's range; the error names the lever and the allowed range.
    pub fn validate(&self, value: f64) -> Result<f64, LeverError> {
        if value.is_finite() && value >= self.min && value <= self.max {
            Ok(value)
        } else {
            Err(LeverError::OutOfRange { id: self.id.to_string(), value, min: self.min, max: self.max })
        }
    }
}

/// A lever value that cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub enum LeverError {
    Unknown { id: String },
    OutOfRange { id: String, value: f64, min: f64, max: f64 },
}

impl core::fmt::Display for LeverError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            LeverError::Unknown { id } => write!(f, "{id}: unknown lever (see `entas levers`)"),
            LeverError::OutOfRange { id, value, min, max } => {
                write!(f, "{id}: {value} is outside the allowed range {min} to {max}")
            }
        }
    }
}

impl std::error::Error for LeverError {}

const fn lever(
    id: &'static str,
    group: LeverGroup,
    unit: Unit,
    (min, max, default, step): (f64, f64, f64, f64),
    source: &'static str,
) -> LeverSpec {
    LeverSpec { id, group, unit, min, max, default, step, source, uncertain: false, evidence: (min, max) }
}

const fn uncertain(spec: LeverSpec) -> LeverSpec {
    LeverSpec { uncertain: true, ..spec }
}

/// Narrows the evidence range below the allowed one.
const fn evidence(spec: LeverSpec, lo: f64, hi: f64) -> LeverSpec {
    LeverSpec { evidence: (lo, hi), ..spec }
}

use LeverGroup::*;
use Unit::*;

/// The lever table. Budgets default to zero: the baseline is "no district programme" (national programmes and
/// growth continue); presets set the district's actual budgets.
pub const LEVERS: &[LeverSpec] = &[
    // --- Pengurangan beban pengeluaran ---
    lever("cash_budget", Burden, RpBillionPerYear, (0.0, 500.0, 0.0, 0.5),
        "District cash aid (Bantu Umak / BLT / PKH top-up). Muba 2024: Bantu Umak Rp70 bn (Republika, Linggau Pos)"),
    lever("cash_benefit", Burden, RpPerFamilyPerYear, (900_000.0, 10_000_000.0, 3_000_000.0, 100_000.0),
        "PKH ≈ Rp3.0 m per family per year, range 0.9–10 m (Kemensos) [U]"),
    lever("cash_gap_filling", Burden, Toggle, (0.0, 1.0, 0.0, 1.0),
        "1 = each family is paid its estimated poverty gap (from its registry score), grossed up for delivery losses and pass-through so that what shows up as consumption closes the estimated gap, instead of a flat benefit"),
    lever("food_budget", Burden, RpBillionPerYear, (0.0, 500.0, 0.0, 0.5),
        "District food aid (sembako, Bakul Nasi)"),
    lever("food_benefit", Burden, RpPerFamilyPerMonth, (100_000.0, 400_000.0, 200_000.0, 10_000.0),
        "Sembako Rp200k per family per month (Kemensos, PMK 40/2020) [U]"),
    lever("food_in_kind_share", Burden, Percent, (0.0, 100.0, 0.0, 5.0),
        "Share of food aid delivered in kind (rice) rather than as an e-voucher (BPNT/sembako is an e-voucher since 2017–2020)"),
    lever("health_budget", Burden, RpBillionPerYear, (0.0, 300.0, 0.0, 0.5),
        "District health-insurance premiums (UHC / Jamkesda). Muba 2024: UHC Rp45 bn (Republika)"),
    lever("health_premium", Burden, RpPerPersonPerMonth, (35_000.0, 150_000.0, 42_000.0, 1_000.0),
        "JKN class III premium Rp42,000 per person per month (Perpres 64/2020)"),
    // --- Peningkatan pendapatan ---
    lever("graduation_budget", Income, RpBillionPerYear, (0.0, 200.0, 0.0, 0.5),
        "Graduation-style package (asset, training, coaching, consumption support): one package per household, from the empowerment list"),
    lever("graduation_cost", Income, RpMillionPerHousehold, (8.0, 35.0, 20.0, 0.5),
        "Rp20 m per household, range 8–35 m (Banerjee et al. 2015, Science, 6 countries) [U]"),
    lever("enterprise_budget", Income, RpBillionPerYear, (0.0, 200.0, 0.0, 0.5),
        "Productive-enterprise grants (UEP / KUBE / livestock): one grant per household, from the empowerment list"),
    lever("enterprise_grant", Income, RpMillionPerHousehold, (1.0, 20.0, 5.0, 0.5),
        "Grant per household [A]"),
    // --- Penurunan kantong kemiskinan ---
    lever("housing_budget", Pockets, RpBillionPerYear, (0.0, 200.0, 0.0, 0.5),
        "House renovation (bedah rumah / RTLH). Muba 2024: Rp30 bn (Republika)"),
    lever("housing_unit_cost", Pockets, RpMillionPerUnit, (10.0, 50.0, 20.0, 0.5), "Cost per house renovated [A]"),
    lever("wash_budget", Pockets, RpBillionPerYear, (0.0, 100.0, 0.0, 0.5),
        "Clean water and sanitation. Muba 2024: Rp11 bn (Republika)"),
    lever("wash_unit_cost", Pockets, RpMillionPerUnit, (1.0, 10.0, 3.0, 0.1), "Cost per household connection or latrine [A]"),
    // --- Enablers ---
    uncertain(evidence(lever("registry_coverage", Enablers, Percent, (40.0, 100.0, 75.0, 1.0),
        "Share of households in the social registry (DTKS / P3KE / DTSEN), evidence 40–95% [U]; full enumeration cuts under-coverage by a third (Bah, Bazzi, Sumarto & Tobias 2018). 100 = benchmark"), 40.0, 95.0)),
    uncertain(evidence(lever("targeting_accuracy", Enablers, Ratio, (0.5, 1.0, 0.75, 0.01),
        "Correlation ρ of a freshly enumerated registry score (proxy-means test) with consumption at enumeration, evidence 0.5–0.9 [C]; at 20% coverage, exclusion error ≈ 56/50/43/36/25% for ρ = .5/.6/.7/.8/.9. The score then ages: households churn, the record does not, so its correlation with this year's welfare falls with the record's age. 1 = perfect targeting (benchmark)"), 0.5, 0.9)),
    lever("registry_age", Enablers, Years, (0.0, 10.0, 2.0, 1.0),
        "Mean age of the registry's records at the base year, years since each was enumerated: Regsosek was enumerated in Oct–Nov 2022 (BPS) and feeds DTSEN (Inpres 4/2025), 2 years before a 2024 base year; DTKS, from the 2015 PBDT enumeration (TNP2K), was kept up by continuous village proposals, so every preset, the back-tests included, uses 2 [C, U]. A record ages as households churn: its correlation with this year's welfare is ρ·r^age (r from the exit share); welfare that persists (assets, housing) would age more slowly, so this may overstate ageing. 0 = fresh records"),
    lever("data_update_budget", Enablers, RpBillionPerYear, (0.0, 20.0, 0.0, 0.1),
        "Registry updating (verification and re-enumeration): each year re-enumerates budget ÷ cost per household of the district's households, drawn at random; a re-enumerated record is fresh (age 0) and the household is registered at full-enumeration coverage, 95% (Bah, Bazzi, Sumarto & Tobias 2018)"),
    lever("convergence", Enablers, Percent, (0.0, 100.0, 50.0, 5.0),
        "How far the sector lists (social aid, health PBI, empowerment, housing and water) are one by-name-by-address list: the correlation of their registration and scoring errors. 100 = every programme works from one list; 0 = four lists built separately [A]"),
    lever("absorption", Enablers, Percent, (50.0, 100.0, 95.0, 1.0),
        "Budget realisation share. Muba Dinas Sosial 2018: Rp332 m of 350 m (seed 004)"),
    lever("overhead", Enablers, Percent, (0.0, 20.0, 5.0, 1.0), "Administration and delivery overhead [A]"),
    // --- Shocks ---
    lever("shock_year", Shock, YearOffset, (0.0, 20.0, 0.0, 1.0),
        "Years after the base year when a covariate shock hits (0 = no shock)"),
    lever("shock_depth", Shock, Percent, (0.0, 10.0, 3.25, 0.25),
        "Consumption fall in the shock year, half of it persisting one more year. COVID-like: 3.25%, the depth at which Indonesia September 2019 → September 2020 gives BPS's +0.97 pp (9.22 → 10.19%, preset indonesia_2019_covid) at default assumptions; the observed change already contains the 2020 national aid response (PEN social protection Rp216.6 tn; Bappenas: 10.63% without it). Range 2–10% (SMERU scenarios +0.5 to +7.4 pp)"),
    lever("shock_share", Shock, Percent, (0.0, 100.0, 60.0, 5.0),
        "Bottom share of the population hit. COVID-like: bottom 60%"),
    // --- Assumptions ---
    uncertain(evidence(lever("growth_b40", Assumption, PercentPerYear, (-3.0, 5.0, 1.0, 0.1),
        "Real consumption growth of the bottom 40% measured against the poverty line (GK), not the CPI [C, U]. The BPS GK rose 6.3%/yr 2015–2025 (Rp330,776 → Rp609,160) against 3.0%/yr March CPI, 3.2 points faster than prices; national-accounts household consumption per capita ≈3.8%/yr × the World Bank PIP pass-through 0.7 = 2.7%/yr real, so netting the whole GK rise gives −0.5%/yr, none of it 2.7%/yr; World Bank Poverty & Equity Brief (Apr 2020): mean Susenas consumption +2.9%/yr 2014–18, the bottom 40% slower, the bottom 10% < 0.1%/yr. the evidence does not pin it down: 1.0 is a judgement inside 0–2.9 [U], and the P0 histories in the presets are checks, not fits"), 0.0, 2.9)),
    uncertain(evidence(lever("growth_tilt", Assumption, PpPerDecile, (-0.5, 0.5, -0.1, 0.05),
        "Growth-incidence slope: extra growth per decile lower in the distribution (negative: richer deciles grow faster) [C, U]. With σ_low fitted to P1 (≈0.40), distribution-neutral growth gives a growth elasticity of P0 of −4 to −4.6 against the mean, beyond the evidence (−2.46, range −1.5 to −4; Miranti, Duncan & Cassells 2014): the evidence implies the poor's consumption grows slower than the mean. −0.1 per decile brings the model's first-year elasticity to about −2.5; the sign agrees with the World Bank Poverty & Equity Brief (Apr 2020: 2014–18 bottom 40% slower than the mean), the small size with BPS's falling Gini 2015–2024 (0.41 → 0.379)"), -0.5, 0.0)),
    uncertain(evidence(lever("exit_share", Assumption, Percent, (0.0, 60.0, 45.0, 1.0),
        "Share of the poor who exit poverty per year with no growth (churn), evidence 30–60%. Dartanto & Nurkholis 2013 (BIES) [C]. 0 = no churn (benchmark)"), 30.0, 60.0)),
    uncertain(lever("cash_delivery", Assumption, Percent, (75.0, 100.0, 90.0, 1.0),
        "Share of a cash or e-voucher entitlement that arrives. Banerjee, Hanna, Olken et al. (BPNT RCT): 81% full entitlement")),
    uncertain(lever("in_kind_delivery", Assumption, Percent, (25.0, 80.0, 60.0, 1.0),
        "Share of in-kind rice that arrives (same RCT: 24% full entitlement) [U]")),
    uncertain(lever("cash_pass_through", Assumption, Percent, (25.0, 100.0, 70.0, 1.0),
        "Share of cash that shows up as measured consumption [U]; PKH +3.8% spending (MicroSave 2019); Cahyadi et al. 2020")),
    uncertain(evidence(lever("in_kind_valuation", Assumption, Percent, (50.0, 100.0, 100.0, 1.0),
        "Value to the household of in-kind rice that arrives, share of its market price. Food aid is fungible like cash: rice below what the family eats anyway frees the same money, so it passes through to consumption at the cash rate; quality complaints lower its value [A]"), 80.0, 100.0)),
    uncertain(evidence(lever("multiplier", Assumption, Ratio, (1.0, 2.5, 1.0, 0.05),
        "Local multiplier on district transfers, net of what the same APBD money would otherwise buy in the district [A]. 1.0: district money is not new to the district (spent on goods, works or wages it would also circulate locally); Egger et al. 2022 (Econometrica) measured 2.5 for outside money entering rural Kenya, an upper bound for transfers financed from outside (APBN, DBH)"), 1.0, 1.5)),
    uncertain(lever("graduation_effect", Assumption, Percent, (0.0, 25.0, 25.0, 1.0),
        "Long-run consumption gain (year 7+ after the package), per person, as a share of the poverty line: the trials report effects as shares of the control group's consumption (the ultra-poor's, close to the GK), fixed in rupiah at entry; ramp +6% in year 2 (the pooled six-country effect, Banerjee et al. 2015: +5.8%), +12% years 3–4, interpolated to the India 10-year follow-up's +25% from year 7 (Banerjee, Duflo & Sharma 2021); the package year is year 1. 25% is the best site's long run: the other sites' pooled gains stay nearer +6–12%. Defaults give a 10-year benefit/cost of 2.4 undiscounted for Muba (about 1.9 at 5% a year; evidence 1.3–4.3); at 12% it is about 1.3")),
    uncertain(evidence(lever("graduation_decay", Assumption, PercentPerYear, (0.0, 20.0, 0.0, 1.0),
        "Yearly decay of the graduation gain after year 7. The India 10-year follow-up finds none (Banerjee, Duflo & Sharma 2021); the Ghana, Ethiopia and Peru sites kept smaller but lasting gains 7 years on (Banerjee et al. 2022) [U]"), 0.0, 10.0)),
    uncertain(lever("graduation_stipend_share", Assumption, Percent, (0.0, 40.0, 15.0, 1.0),
        "Share of the package paid as consumption support in the package year (weekly stipends for the first months, Banerjee et al. 2015) [U]")),
    uncertain(evidence(lever("national_pbi_share", Assumption, Percent, (0.0, 60.0, 34.0, 0.5),
        "People insured by the national PBI-JK (premiums from the APBN), ranked on the health list: 96.8 million members (BPJS Kesehatan 2024) of 281.6 million people (BPS 2024), 34%; the district's own UHC (PBI-APBD) insures people beyond them [C, U for a district]"), 25.0, 45.0)),
    uncertain(lever("enterprise_return", Assumption, PercentPerMonth, (0.0, 5.3, 3.0, 0.1),
        "Monthly return on grant capital. de Mel, McKenzie & Woodruff 2008 (QJE): 4.6–5.3% male-run, ≈0 female-run")),
    uncertain(lever("enterprise_survival", Assumption, Percent, (40.0, 80.0, 60.0, 1.0),
        "Enterprises still running after 2 years [A]; an enterprise that closes is taken to yield no lasting return, one that runs yields its return from the year after the grant")),
    uncertain(lever("health_shock_rate", Assumption, Percent, (0.0, 20.0, 8.0, 0.5),
        "Households hit by a costly health event per year [A]")),
    uncertain(lever("health_cost_share", Assumption, Percent, (5.0, 40.0, 20.0, 1.0),
        "Out-of-pocket cost of such an event, share of a year's consumption [A]")),
    uncertain(lever("health_consumption_factor", Assumption, Ratio, (0.0, 0.6, 0.3, 0.05),
        "Share of out-of-pocket spending avoided that shows up as consumption [A]")),
    uncertain(lever("services_effect", Assumption, Percent, (0.0, 3.0, 0.0, 0.1),
        "Consumption effect of a renovated house or a water connection; ≈0, tracked as a non-monetary indicator [A]")),
    lever("rtlh_share", Assumption, Percent, (0.0, 40.0, 10.0, 0.5),
        "Households in uninhabitable houses (RTLH) at the base year, concentrated at the bottom [A]"),
    lever("no_sanitation_share", Assumption, Percent, (0.0, 50.0, 15.0, 0.5),
        "Households without safe water or sanitation at the base year, concentrated at the bottom [A]"),
    lever("data_cost", Assumption, RpPerHousehold, (20_000.0, 150_000.0, 60_000.0, 5_000.0),
        "Cost of re-enumerating one household [A]"),
    lever("extreme_line_drift", Assumption, PercentPerYear, (0.0, 6.0, 3.2, 0.1),
        "Yearly fall of the US$ PPP extreme line against the GK: the PPP line moves with the CPI, the national GK rose 3.2 points a year faster 2015–2025 (BPS GK and March CPI) [C]; US$1.90 line Rp322,170 (2021) → Rp351,957 (2023) against GK Rp472,525 → Rp550,458"),
    lever("survey_rse", Assumption, Percent, (0.0, 25.0, 10.0, 0.5),
        "Relative standard error of the base-year district P0 (Susenas), drawn in Monte Carlo runs [C, U]: ≈670 sampled households per district (345,000 ÷ 514, BPS March 2025) give a simple-random-sample SE of 1.3 pp at P0 13%, RSE ≈ 10% (clustering raises it, stratification lowers it); BPS's own district RSEs were not found. RSE ≤ 25% is rated accurate"),
    lever("sigma_low", Assumption, Ratio, (0.25, 0.7, 0.42, 0.01),
        "Log-spread of the lower tail, used only when calibrating to (P0, Gini, GK); brief §5: 0.40–0.45"),
    lever("sigma_mid", Assumption, Ratio, (0.3, 0.7, 0.45, 0.01),
        "Log-spread of consumption between 1 and 1.5 × GK (the vulnerable band); brief §5: ≈0.45"),
];

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
    pub values: &'static [(&'static str, f64)],
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
        values: &[("registry_coverage", 60.0), ("targeting_accuracy", 0.75), ("registry_age", 2.0), ("convergence", 25.0)],
        source: "Data lama / DTKS (Kemensos 2026 via the brief: exclusion 70–78%, inclusion 38–47%, PKH and BPNT) [U]: coverage of the poor 60% (evidence 40–95%), the brief's PMT correlation 0.75, records about 2 years old (DTKS was updated continuously by village proposals rather than re-enumerated), sector lists kept largely apart (the seeds: programmes do not converge) [A]. One reading that lands in the Kemensos ranges, not the only one",
        kemensos_exclusion_pct: (70.0, 78.0),
        kemensos_inclusion_pct: (38.0, 47.0),
    },
    EnablerPreset {
        id: "dtsen",
        values: &[("registry_coverage", 95.0), ("targeting_accuracy", 0.9), ("registry_age", 0.0), ("convergence", 75.0)],
        source: "DTSEN (Inpres 4/2025; Kemensos 2026 via the brief: exclusion 18–28%, inclusion 30–40%) [U]: the Regsosek 2022 full enumeration joined with DTKS, P3KE and administrative data, one by-name-by-address list for every ministry; coverage 95% (full enumeration, Bah, Bazzi, Sumarto & Tobias 2018), accuracy 0.9 (the top of the evidence), fresh records. Read against desil 1–4, the Kemensos pair implies a programme reaching 47% of households, larger than any single bansos (BPNT ≈ 27%): the published figures are probably measured on another base",
        kemensos_exclusion_pct: (18.0, 28.0),
        kemensos_inclusion_pct: (30.0, 40.0),
    },
];

/// Looks an enabler preset up by id.
pub fn enabler_preset(id: &str) -> Option<&'static EnablerPreset> {
    ENABLER_PRESETS.iter().find(|p| p.id == id)
}

/// Looks a lever up by id.
pub fn spec(id: &str) -> Option<&'static LeverSpec> {
    LEVERS.iter().find(|l| l.id == id)
}

/// Lever values by id. Missing ids take their default. Built only through validation.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, Default)]
#[serde(transparent)]
pub struct LeverValues(BTreeMap<String, f64>);

impl LeverValues {
    /// Validates every entry: unknown ids and out-of-range values are errors naming the lever.
    pub fn new(values: BTreeMap<String, f64>) -> Result<Self, LeverError> {
        for (id, v) in &values {
            spec(id).ok_or_else(|| LeverError::Unknown { id: id.clone() })?.validate(*v)?;
        }
        Ok(LeverValues(values))
    }

    /// Sets one lever, validating it.
    pub fn set(&mut self, id: &str, value: f64) -> Result<(), LeverError> {
        let s = spec(id).ok_or_else(|| LeverError::Unknown { id: id.to_string() })?;
        self.0.insert(s.id.to_string(), s.validate(value)?);
        Ok(())
    }

    /// The value of `id`, or its default. Panics only on an id missing from the table (a programming error
    /// caught by the tests, never by user input: user ids go through `set` or `new`).
    pub fn get(&self, id: &str) -> f64 {
        match self.0.get(id) {
            Some(v) => *v,
            None => spec(id).map(|s| s.default).unwrap_or_else(|| panic!("lever table has no '{id}'")),
        }
    }

    /// Entries explicitly set (possibly equal to the default).
    pub fn explicit(&self) -> &BTreeMap<String, f64> {
        &self.0
    }

    /// Removes an explicit value (back to the default).
    pub fn reset(&mut self, id: &str) {
        self.0.remove(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lever_is_well_formed() {
        let mut ids = std::collections::BTreeSet::new();
        for l in LEVERS {
            assert!(ids.insert(l.id), "duplicate id {}", l.id);
            assert!(l.min < l.max, "{}", l.id);
            assert!(l.default >= l.min && l.default <= l.max, "{}", l.id);
            assert!(l.step > 0.0 && l.step <= l.max - l.min, "{}", l.id);
            assert!(!l.source.is_empty(), "{}", l.id);
            assert!(l.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'), "{}", l.id);
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
        let err = v.set("cash_budget", 900.0).unwrap_err();
        assert_eq!(err.to_string(), "cash_budget: 900 is outside the allowed range 0 to 500");
        assert!(v.set("cash_budget", f64::NAN).is_err());
        assert_eq!(v.set("nope", 1.0).unwrap_err().to_string(), "nope: unknown lever (see `entas levers`)");
        v.set("cash_budget", 70.0).unwrap();
        assert_eq!(v.get("cash_budget"), 70.0);
        assert_eq!(v.get("absorption"), 95.0);
    }
}
