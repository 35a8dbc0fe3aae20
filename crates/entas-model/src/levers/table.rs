//! The lever table, as data: every lever's group, unit, range, default, step, source and evidence range.
//! Long by nature (one entry and its source per lever, 51 levers); nothing else lives here.

use super::LeverId as L;
use super::{LeverGroup, LeverSpec, Unit};

const fn lever(
    id: L,
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
    lever(L::CashBudget, Burden, RpBillionPerYear, (0.0, 500.0, 0.0, 0.5),
        "District cash aid (Bantu Umak / BLT / PKH top-up). Muba 2024: Bantu Umak Rp70 bn (Republika, Linggau Pos)"),
    lever(L::CashBenefit, Burden, RpPerFamilyPerYear, (900_000.0, 10_000_000.0, 3_000_000.0, 100_000.0),
        "PKH ≈ Rp3.0 m per family per year, range 0.9–10 m (Kemensos) [U]"),
    lever(L::CashGapFilling, Burden, Toggle, (0.0, 1.0, 0.0, 1.0),
        "1 = each family is paid its estimated poverty gap (from its registry score), grossed up for delivery losses and pass-through so that what shows up as consumption closes the estimated gap, instead of a flat benefit"),
    lever(L::FoodBudget, Burden, RpBillionPerYear, (0.0, 500.0, 0.0, 0.5),
        "District food aid (sembako, Bakul Nasi)"),
    lever(L::FoodBenefit, Burden, RpPerFamilyPerMonth, (100_000.0, 400_000.0, 200_000.0, 10_000.0),
        "Sembako Rp200k per family per month (Kemensos, PMK 40/2020) [U]"),
    lever(L::FoodInKindShare, Burden, Percent, (0.0, 100.0, 0.0, 5.0),
        "Share of food aid delivered in kind (rice) rather than as an e-voucher (BPNT/sembako is an e-voucher since 2017–2020)"),
    lever(L::HealthBudget, Burden, RpBillionPerYear, (0.0, 300.0, 0.0, 0.5),
        "District health-insurance premiums (UHC / Jamkesda). Muba 2024: UHC Rp45 bn (Republika)"),
    lever(L::HealthPremium, Burden, RpPerPersonPerMonth, (35_000.0, 150_000.0, 42_000.0, 1_000.0),
        "JKN class III premium Rp42,000 per person per month (Perpres 64/2020)"),
    // --- Peningkatan pendapatan ---
    lever(L::GraduationBudget, Income, RpBillionPerYear, (0.0, 200.0, 0.0, 0.5),
        "Graduation-style package (asset, training, coaching, consumption support): one package per household, from the empowerment list"),
    lever(L::GraduationCost, Income, RpMillionPerHousehold, (8.0, 35.0, 20.0, 0.5),
        "Rp20 m per household, range 8–35 m (Banerjee et al. 2015, Science, 6 countries) [U]"),
    lever(L::EnterpriseBudget, Income, RpBillionPerYear, (0.0, 200.0, 0.0, 0.5),
        "Productive-enterprise grants (UEP / KUBE / livestock): one grant per household, from the empowerment list"),
    lever(L::EnterpriseGrant, Income, RpMillionPerHousehold, (1.0, 20.0, 5.0, 0.5),
        "Grant per household [A]"),
    // --- Penurunan kantong kemiskinan ---
    lever(L::HousingBudget, Pockets, RpBillionPerYear, (0.0, 200.0, 0.0, 0.5),
        "House renovation (bedah rumah / RTLH). Muba 2024: Rp30 bn (Republika)"),
    lever(L::HousingUnitCost, Pockets, RpMillionPerUnit, (10.0, 50.0, 20.0, 0.5), "Cost per house renovated [A]"),
    lever(L::WashBudget, Pockets, RpBillionPerYear, (0.0, 100.0, 0.0, 0.5),
        "Clean water and sanitation. Muba 2024: Rp11 bn (Republika)"),
    lever(L::WashUnitCost, Pockets, RpMillionPerUnit, (1.0, 10.0, 3.0, 0.1), "Cost per household connection or latrine [A]"),
    // --- Enablers ---
    uncertain(evidence(lever(L::RegistryCoverage, Enablers, Percent, (40.0, 100.0, 75.0, 1.0),
        "Share of households in the social registry (DTKS / P3KE / DTSEN), evidence 40–95% [U]; full enumeration cuts under-coverage by a third (Bah, Bazzi, Sumarto & Tobias 2018). 100 = benchmark"), 40.0, 95.0)),
    uncertain(evidence(lever(L::TargetingAccuracy, Enablers, Ratio, (0.5, 1.0, 0.75, 0.01),
        "Correlation ρ of a freshly enumerated registry score (proxy-means test) with consumption at enumeration, evidence 0.5–0.9 [C]; at 20% coverage, exclusion error ≈ 56/50/43/36/25% for ρ = 0.5/0.6/0.7/0.8/0.9. The score then ages: households churn, the record does not, so its correlation with this year's welfare falls with the record's age. 1 = perfect targeting (benchmark)"), 0.5, 0.9)),
    lever(L::RegistryAge, Enablers, Years, (0.0, 10.0, 2.0, 1.0),
        "Mean age of the registry's records at the base year, years since each was enumerated: Regsosek was enumerated in Oct–Nov 2022 (BPS) and feeds DTSEN (Inpres 4/2025), 2 years before a 2024 base year; DTKS, from the 2015 PBDT enumeration (TNP2K), was kept up by continuous village proposals, so every preset, the back-tests included, uses 2 [C, U]. A record ages as households churn: its correlation with this year's welfare is ρ·r^age (r from the exit share); welfare that persists (assets, housing) would age more slowly, so this may overstate ageing. 0 = fresh records"),
    lever(L::DataUpdateBudget, Enablers, RpBillionPerYear, (0.0, 20.0, 0.0, 0.1),
        "Registry updating (verification and re-enumeration): each year re-enumerates budget ÷ cost per household of the district's households, drawn at random; a re-enumerated record is fresh (age 0) and the household is registered at full-enumeration coverage, 95% (Bah, Bazzi, Sumarto & Tobias 2018)"),
    lever(L::Convergence, Enablers, Percent, (0.0, 100.0, 50.0, 5.0),
        "How far the sector lists (social aid, health PBI, empowerment, housing and water) are one by-name-by-address list: the correlation of their registration and scoring errors. 100 = every programme works from one list; 0 = four lists built separately [A]"),
    lever(L::Absorption, Enablers, Percent, (50.0, 100.0, 95.0, 1.0),
        "Budget realisation share. Muba Dinas Sosial 2018: Rp332 m of 350 m (TKPKD Muba coordination meeting, reported 2 May 2019)"),
    lever(L::Overhead, Enablers, Percent, (0.0, 20.0, 5.0, 1.0), "Administration and delivery overhead [A]"),
    // --- Shocks ---
    lever(L::ShockYear, Shock, YearOffset, (0.0, 20.0, 0.0, 1.0),
        "Years after the base year when a covariate shock hits (0 = no shock)"),
    lever(L::ShockDepth, Shock, Percent, (0.0, 10.0, 3.25, 0.25),
        "Consumption fall in the shock year, half of it persisting one more year. COVID-like: 3.25%, the depth at which Indonesia September 2019 → September 2020 gives BPS's +0.97 pp (9.22 → 10.19%, preset indonesia_2019_covid) at default assumptions; the observed change already contains the 2020 national aid response (PEN social protection Rp216.6 tn; Bappenas: 10.63% without it). Range 2–10% (SMERU scenarios +0.5 to +7.4 pp)"),
    lever(L::ShockShare, Shock, Percent, (0.0, 100.0, 60.0, 5.0),
        "Bottom share of the population hit. COVID-like: bottom 60%"),
    // --- Assumptions ---
    uncertain(evidence(lever(L::GrowthB40, Assumption, PercentPerYear, (-3.0, 5.0, 1.0, 0.1),
        "Real consumption growth of the bottom 40% measured against the poverty line (GK), not the CPI [C, U]. The BPS GK rose 6.3%/yr 2015–2025 (Rp330,776 → Rp609,160) against 3.0%/yr March CPI, 3.2 points faster than prices; national-accounts household consumption per capita ≈3.8%/yr × the World Bank PIP pass-through 0.7 = 2.7%/yr real, so netting the whole GK rise gives −0.5%/yr, none of it 2.7%/yr; World Bank Poverty & Equity Brief (Apr 2020): mean Susenas consumption +2.9%/yr 2014–18, the bottom 40% slower, the bottom 10% < 0.1%/yr. the evidence does not pin it down: 1.0 is a judgement inside 0–2.9 [U], and the P0 histories in the presets are checks, not fits"), 0.0, 2.9)),
    uncertain(evidence(lever(L::GrowthTilt, Assumption, PpPerDecile, (-0.5, 0.5, -0.1, 0.05),
        "Growth-incidence slope: extra growth per decile lower in the distribution (negative: richer deciles grow faster) [C, U]. With σ_low fitted to P1 (≈0.40), distribution-neutral growth gives a growth elasticity of P0 of −4 to −4.6 against the mean, beyond the evidence (−2.46, range −1.5 to −4; Miranti, Duncan & Cassells 2014): the evidence implies the poor's consumption grows slower than the mean. −0.1 per decile brings the model's first-year elasticity to about −2.5; the sign agrees with the World Bank Poverty & Equity Brief (Apr 2020: 2014–18 bottom 40% slower than the mean), the small size with BPS's falling Gini 2015–2024 (0.41 → 0.379)"), -0.5, 0.0)),
    uncertain(evidence(lever(L::ExitShare, Assumption, Percent, (0.0, 60.0, 45.0, 1.0),
        "Share of the poor who exit poverty per year with no growth (churn), evidence 30–60%. Dartanto & Nurkholis 2013 (BIES) [C]. 0 = no churn (benchmark)"), 30.0, 60.0)),
    uncertain(lever(L::CashDelivery, Assumption, Percent, (75.0, 100.0, 90.0, 1.0),
        "Share of a cash or e-voucher entitlement that arrives. Banerjee, Hanna, Olken et al. (BPNT RCT): 81% full entitlement")),
    uncertain(lever(L::InKindDelivery, Assumption, Percent, (25.0, 80.0, 60.0, 1.0),
        "Share of in-kind rice that arrives (same RCT: 24% full entitlement) [U]")),
    uncertain(lever(L::CashPassThrough, Assumption, Percent, (25.0, 100.0, 70.0, 1.0),
        "Share of cash that shows up as measured consumption [U]; PKH +3.8% spending (MicroSave 2019); Cahyadi et al. 2020")),
    uncertain(evidence(lever(L::InKindValuation, Assumption, Percent, (50.0, 100.0, 100.0, 1.0),
        "Value to the household of in-kind rice that arrives, share of its market price. Food aid is fungible like cash: rice below what the family eats anyway frees the same money, so it passes through to consumption at the cash rate; quality complaints lower its value [A]"), 80.0, 100.0)),
    uncertain(evidence(lever(L::Multiplier, Assumption, Ratio, (1.0, 2.5, 1.0, 0.05),
        "Local multiplier on district transfers, net of what the same APBD money would otherwise buy in the district [A]. 1.0: district money is not new to the district (spent on goods, works or wages it would also circulate locally); Egger et al. 2022 (Econometrica) measured 2.5 for outside money entering rural Kenya, an upper bound for transfers financed from outside (APBN, DBH)"), 1.0, 1.5)),
    uncertain(lever(L::GraduationEffect, Assumption, Percent, (0.0, 25.0, 25.0, 1.0),
        "Long-run consumption gain (year 7+ after the package), per person, as a share of the poverty line: the trials report effects as shares of the control group's consumption (the ultra-poor's, close to the GK), fixed in rupiah at entry; ramp +6% in year 2 (the pooled six-country effect, Banerjee et al. 2015: +5.8%), +12% years 3–4, interpolated to the India 10-year follow-up's +25% from year 7 (Banerjee, Duflo & Sharma 2021); the package year is year 1. 25% is the best site's long run: the other sites' pooled gains stay nearer +6–12%. Defaults give a 10-year benefit/cost of 2.4 undiscounted for Muba (about 1.9 at 5% a year; evidence 1.3–4.3); at 12% it is about 1.3")),
    uncertain(evidence(lever(L::GraduationDecay, Assumption, PercentPerYear, (0.0, 20.0, 0.0, 1.0),
        "Yearly decay of the graduation gain after year 7. The India 10-year follow-up finds none (Banerjee, Duflo & Sharma 2021); the Ghana, Ethiopia and Peru sites kept smaller but lasting gains 7 years on (Banerjee et al. 2022) [U]"), 0.0, 10.0)),
    uncertain(lever(L::GraduationStipendShare, Assumption, Percent, (0.0, 40.0, 15.0, 1.0),
        "Share of the package paid as consumption support in the package year (weekly stipends for the first months, Banerjee et al. 2015) [U]")),
    uncertain(evidence(lever(L::NationalPbiShare, Assumption, Percent, (0.0, 60.0, 34.0, 0.5),
        "People insured by the national PBI-JK (premiums from the APBN), ranked on the health list: 96.8 million members (BPJS Kesehatan 2024) of 281.6 million people (BPS 2024), 34%; the district's own UHC (PBI-APBD) insures people beyond them [C, U for a district]"), 25.0, 45.0)),
    uncertain(lever(L::EnterpriseReturn, Assumption, PercentPerMonth, (0.0, 5.3, 3.0, 0.1),
        "Monthly return on grant capital. de Mel, McKenzie & Woodruff 2008 (QJE): 4.6–5.3% male-run, ≈0 female-run")),
    uncertain(lever(L::EnterpriseSurvival, Assumption, Percent, (40.0, 80.0, 60.0, 1.0),
        "Enterprises still running after 2 years [A]; an enterprise that closes is taken to yield no lasting return, one that runs yields its return from the year after the grant")),
    uncertain(lever(L::HealthShockRate, Assumption, Percent, (0.0, 20.0, 8.0, 0.5),
        "Households hit by a costly health event per year [A]")),
    uncertain(lever(L::HealthCostShare, Assumption, Percent, (5.0, 40.0, 20.0, 1.0),
        "Out-of-pocket cost of such an event, share of a year's consumption [A]")),
    uncertain(lever(L::HealthConsumptionFactor, Assumption, Ratio, (0.0, 0.6, 0.3, 0.05),
        "Share of out-of-pocket spending avoided that shows up as consumption [A]")),
    uncertain(lever(L::ServicesEffect, Assumption, Percent, (0.0, 3.0, 0.0, 0.1),
        "Consumption effect of a renovated house or a water connection; ≈0, tracked as a non-monetary indicator [A]")),
    lever(L::RtlhShare, Assumption, Percent, (0.0, 40.0, 10.0, 0.5),
        "Households in uninhabitable houses (RTLH) at the base year, concentrated at the bottom [A]"),
    lever(L::NoSanitationShare, Assumption, Percent, (0.0, 50.0, 15.0, 0.5),
        "Households without safe water or sanitation at the base year, concentrated at the bottom [A]"),
    lever(L::DataCost, Assumption, RpPerHousehold, (20_000.0, 150_000.0, 60_000.0, 5_000.0),
        "Cost of re-enumerating one household. Regsosek 2022, BPS's door-to-door enumeration of every family: Rp3.3 tn for the field work in 2022 and Rp872 bn for processing in 2023, Rp4.17 tn in all (BPS's Sekretaris Utama, Liputan6 12 Oct 2022), over about 71 million households (270.2 million people in the 2020 census ÷ 3.8) ≈ Rp59,000 each; field wages alone, one enumerator per 250 families at Rp3.2–4.1 m for the month, ≈ Rp13,000–16,000 [C]; a district's own verification round may cost more per household"),
    lever(L::ExtremeLineDrift, Assumption, PercentPerYear, (0.0, 6.0, 3.2, 0.1),
        "Yearly fall of the US$ PPP extreme line against the GK: the PPP line moves with the CPI, the national GK rose 3.2 points a year faster 2015–2025 (BPS GK and March CPI) [C]; US$1.90 line Rp322,170 (2021) → Rp351,957 (2023) against GK Rp472,525 → Rp550,458"),
    lever(L::SurveyRse, Assumption, Percent, (0.0, 25.0, 10.0, 0.5),
        "Relative standard error of the base-year district P0 (Susenas), drawn in Monte Carlo runs [C, U]: ≈670 sampled households per district (345,000 ÷ 514, BPS March 2025) give a simple-random-sample SE of 1.3 pp at P0 13%, RSE ≈ 10% (clustering raises it, stratification lowers it); BPS's own district RSEs were not found. RSE ≤ 25% is rated accurate"),
    lever(L::SigmaLow, Assumption, Ratio, (0.25, 0.7, 0.42, 0.01),
        "Log-spread of the lower tail, used only when calibrating to (P0, Gini, GK); typical of Indonesian consumption data: 0.40–0.45"),
    lever(L::SigmaMid, Assumption, Ratio, (0.3, 0.7, 0.45, 0.01),
        "Log-spread of consumption between 1 and 1.5 × GK (the vulnerable band); typical of Indonesian consumption data: ≈0.45"),
];
