//! Presets: district starting points as complete scenarios, every figure with its source (brief §4).
//! Over 400 lines because it is data: seven presets, each with its figures and their sources.

use std::collections::BTreeMap;

use crate::levers::{LeverId, LeverValues};
use crate::scenario::{
    Calibration, District, Estimated, ExtremeLine, GrowthBasis, Indicator, Observation, Scenario, Target,
    DEFAULT_HOUSEHOLDS, SCHEMA_VERSION,
};

/// A named preset and a one-line description.
#[derive(Clone, Copy, Debug)]
pub struct PresetInfo {
    pub id: &'static str,
    pub description: &'static str,
}

/// Every preset, in the order the app lists them.
pub const PRESETS: &[PresetInfo] = &[
    PresetInfo { id: "muba_2024", description: "Musi Banyuasin 2024; status quo: its 2024 district programme budgets" },
    PresetInfo { id: "muara_enim_2024", description: "Muara Enim 2024; status quo: its UHC premiums" },
    PresetInfo { id: "sumsel_2024", description: "Sumatera Selatan province, March 2024" },
    PresetInfo { id: "indonesia_2024", description: "Indonesia, March 2024" },
    PresetInfo {
        id: "muba_2021_backtest",
        description: "Back-test: Musi Banyuasin from 2021 with the programmes it ran (Bantu Umak from 2023), model vs BPS 2022–2025",
    },
    PresetInfo {
        id: "muara_enim_2018_backtest",
        description: "Back-test: Muara Enim from 2018, model vs BPS 2019–2025",
    },
    PresetInfo {
        id: "indonesia_2019_covid",
        description: "Check: Indonesia September 2019 with the COVID-like shock in 2020 (BPS: +0.97 pp by September 2020)",
    },
];

fn obs(year: i32, p0: Option<f64>, extreme: Option<f64>, note: &str) -> Observation {
    Observation { year, p0_pct: p0, extreme_pct: extreme, extreme_line: None, note: note.into() }
}

/// An observation whose extreme rate was published on `line`.
fn obs_on(year: i32, p0: f64, extreme: f64, line: ExtremeLine, note: &str) -> Observation {
    Observation { extreme_line: Some(line), ..obs(year, Some(p0), Some(extreme), note) }
}

fn muba_history(until: i32) -> Vec<Observation> {
    [
        obs(2018, Some(16.52), None, ""),
        obs(2019, Some(16.41), None, ""),
        obs(2020, Some(16.13), None, "GK Rp519,797"),
        obs_on(2021, 15.84, 6.56, ExtremeLine::Usd190, "extreme at US$1.90 (2011 PPP); district news reports say 6.68"),
        obs_on(2022, 15.19, 4.74, ExtremeLine::Usd190, "extreme at US$1.90 (2011 PPP)"),
        obs_on(2023, 14.90, 0.96, ExtremeLine::Usd190, "extreme at US$1.90 (2011 PPP); district news reports say 0.98"),
        obs_on(2024, 12.88, 0.47, ExtremeLine::Usd215, "extreme at US$2.15 (2017 PPP)"),
        obs(2025, Some(9.97), None, ""),
    ]
    .into_iter()
    .filter(|o| o.year <= until)
    .collect()
}

fn muara_enim_history() -> Vec<Observation> {
    vec![
        obs(2018, Some(12.56), None, ""),
        obs(2019, Some(12.41), None, ""),
        obs(2020, Some(12.32), None, "extreme 4.44% per district news reports and Antara 750219 [U]"),
        obs(2021, Some(12.32), Some(1.52), "P0 [U]: one source gives 12.32 for 2020, another for 2021"),
        obs(2022, Some(11.12), None, ""),
        obs(2023, Some(10.93), Some(1.39), ""),
        obs(
            2024,
            Some(9.79),
            Some(0.63),
            "9.75 elsewhere [U]; extreme 0.63% at the district's Rp362,000 line (Antara 750219)",
        ),
        obs(2025, Some(9.45), None, ""),
    ]
}

fn levers(pairs: &[(&str, f64)]) -> LeverValues {
    let map: BTreeMap<String, f64> = pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    LeverValues::new(map).unwrap_or_default()
}

/// P1/P0 of Sumatera Selatan, March 2024 (1.888 ÷ 10.97, BPS Sumsel): used for districts whose P1 was not
/// found (brief §5) [A].
pub const SUMSEL_P1_RATIO: f64 = 1.888 / 10.97;

fn p1_from_province(p0_pct: f64) -> f64 {
    (p0_pct * SUMSEL_P1_RATIO * 1000.0).round() / 1000.0
}

fn inpres(year: i32) -> Target {
    Target {
        indicator: Indicator::Extreme,
        value_pct: 0.0,
        year,
        label: "Inpres 4/2022: zero extreme poverty (read as below 0.5%: Menko PMK, July 2024; RKP 2024: 0–1%)".into(),
        tolerance_pct: 0.5,
    }
}

/// Muba's 2024 programmes: Bantu Umak Rp70 bn at Rp325,000 per covered person per month, two people covered
/// in a family of 2–7 (Rp7.8 m per family per year [C]), UHC Rp45 bn, RTLH Rp30 bn, water and sanitation Rp11 bn.
fn muba_programmes() -> Vec<(&'static str, f64)> {
    vec![
        ("cash_budget", 70.0),
        ("cash_benefit", 7_800_000.0),
        ("health_budget", 45.0),
        ("housing_budget", 30.0),
        ("wash_budget", 11.0),
    ]
}

/// The scenario of preset `id`, or None.
/// The built-in preset whose district `district` is, if any.
pub fn preset_of(district: &District) -> Option<Scenario> {
    PRESETS.iter().filter_map(|p| preset(p.id)).find(|p| p.district == *district)
}

/// What "changed" means for `s` everywhere (lever panel, reset, compare, brief): the district's status quo
/// for the policy levers and, for the rest, the values of the built-in preset the district comes from (a
/// preset's own assumptions, such as a province's smaller survey error, are part of the preset), or the lever
/// table's defaults for a district of its own.
pub fn reference_levers(s: &Scenario) -> LeverValues {
    let mut lv = s.reference_levers();
    if let Some(p) = preset_of(&s.district) {
        for l in crate::levers::LEVERS.iter().filter(|l| !l.group.is_policy()) {
            if let Some(v) = p.levers.get_explicit(l.id) {
                let _ = lv.set(l.id, v);
            }
        }
    }
    lv
}

/// A preset by id.
pub fn preset(id: &str) -> Option<Scenario> {
    let base = |name: &str, district: District, horizon: i32, seed: u64, line: ExtremeLine| Scenario {
        schema_version: SCHEMA_VERSION,
        name: name.into(),
        levers: district.status_quo.clone(),
        district,
        horizon,
        households: DEFAULT_HOUSEHOLDS,
        seed,
        extreme_line: line,
        schedules: BTreeMap::new(),
        targets: Vec::new(),
        growth_basis: GrowthBasis::Evidence,
        household_file: None,
    };
    let s = match id {
        "muba_2024" => {
            let p1 = p1_from_province(12.88);
            let mut s = base(
                "Musi Banyuasin 2024",
                District {
                    code: "1606".into(),
                    name: "Musi Banyuasin".into(),
                    base_year: 2024,
                    population: 690_500.0,
                    household_size: 4.1,
                    poor_household_size: None,
                    poverty_line: 590_000.0,
                    calibration: Calibration::P0P1 { p0_pct: 12.88, p1 },
                    gini: None,
                    mean_consumption: Some(1_402_383.0),
                    kecamatan: Vec::new(),
                    estimated: vec![Estimated::PovertyLine, Estimated::Population, Estimated::P1],
                    observed: muba_history(2025),
                    sources: vec![
                        "P0 12.88%, 88,940 poor people, extreme 0.47%, mean consumption Rp1,402,383: BPS Musi Banyuasin 2024 via Antara Sumsel 748299, Republika (fbeta.republika.co.id/berita/sgpxp4490), Databoks".into(),
                        format!("P1 {p1} [A]: Muba's published P1 was not found; P0 × Sumatera Selatan's P1/P0 (1.888 ÷ 10.97, March 2024)"),
                        "Population ≈690,500 [C] = poor people ÷ P0; household size 4.1: BPS".into(),
                        "GK ≈ Rp590,000 [A]: 2021 GK Rp537,774 rolled forward (the 2024 figure was not found)".into(),
                        "Status quo 2024: Bantu Umak Rp70 bn, UHC Rp45 bn, RTLH Rp30 bn, water and sanitation Rp11 bn (Republika; linggaupos.bacakoran.co/amp/15400); Bantu Umak Rp325,000 per covered person per month, two covered in a family of 2–7 (pilarinformasi.com 2023/07/10; sumateraekspres.bacakoran.co/amp/40302)".into(),
                        "APBD 2024 Rp3,482.6 bn [U]: the original budget (revised draft Rp4,762 bn), as reported by jurnalsumsel86.my.id (2024/12/05)".into(),
                    ],
                    status_quo: levers(&muba_programmes()),
                    apbd_rp_bn: Some(3_482.6),
                },
                2030,
                1606,
                ExtremeLine::Usd215,
            );
            s.targets = vec![
                Target {
                    indicator: Indicator::P0,
                    value_pct: 9.99,
                    year: 2025,
                    label: "Single-digit poverty by 2025 (district news reports)".into(),
                    tolerance_pct: 0.0,
                },
                inpres(2025),
            ];
            s
        }
        "muara_enim_2024" => {
            let p1 = p1_from_province(9.79);
            let mut s = base(
                "Muara Enim 2024",
                District {
                    code: "1603".into(),
                    name: "Muara Enim".into(),
                    base_year: 2024,
                    population: 645_250.0,
                    household_size: 4.0,
                    poor_household_size: None,
                    poverty_line: 491_107.0,
                    calibration: Calibration::P0P1 { p0_pct: 9.79, p1 },
                    gini: None,
                    mean_consumption: None,
                    kecamatan: Vec::new(),
                    estimated: vec![Estimated::Population, Estimated::HouseholdSize, Estimated::P1],
                    observed: muara_enim_history(),
                    sources: vec![
                        "P0 9.79% [U: 9.75 elsewhere], 66,420 poor people, GK Rp491,107: Databoks; BPS Sumsel via Radar Palembang (radarpalembang.bacakoran.co/amp/7025)".into(),
                        format!("P1 {p1} [A]: Muara Enim's published P1 was not found; P0 × Sumatera Selatan's P1/P0 (1.888 ÷ 10.97, March 2024)"),
                        "Extreme 0.63% (2024) at the district's own line of Rp362,000 (Antara Sumsel 750219); 1.39% (2023)".into(),
                        "Population ≈645,250 [C]; household size 4.0 [A]".into(),
                        "Status quo: UHC premiums Rp89.7 bn (2024), coverage > 98% (saranainformasi.com, UHC award)".into(),
                        "APBD 2024 ≈ Rp4,350 bn [U]: spending in the revised budget's ceiling (P-KUA/P-PPAS, 17 Sep 2024; radarbangsa.co.id), not the final regulation".into(),
                    ],
                    status_quo: levers(&[("health_budget", 89.7)]),
                    apbd_rp_bn: Some(4_350.0),
                },
                2030,
                1603,
                ExtremeLine::Usd215,
            );
            s.targets = vec![
                Target {
                    indicator: Indicator::P0,
                    value_pct: 8.0,
                    year: 2025,
                    label: "RPJMD: 8% poverty by 2025".into(),
                    tolerance_pct: 0.0,
                },
                inpres(2025),
            ];
            s
        }
        "sumsel_2024" => {
            let mut s = base(
                "Sumatera Selatan 2024",
                District {
                    code: "16".into(),
                    name: "Sumatera Selatan".into(),
                    base_year: 2024,
                    population: 8_972_000.0,
                    household_size: 3.9,
                    poor_household_size: Some(5.10),
                    poverty_line: 554_197.0,
                    calibration: Calibration::P0P1 { p0_pct: 10.97, p1: 1.888 },
                    gini: Some(0.333),
                    mean_consumption: None,
                    kecamatan: Vec::new(),
                    estimated: vec![Estimated::Population, Estimated::HouseholdSize],
                    observed: vec![
                        obs(2018, Some(12.80), None, ""),
                        obs(2019, Some(12.71), None, ""),
                        obs(2020, Some(12.66), None, ""),
                        obs(2021, Some(12.84), None, ""),
                        obs(2022, Some(11.90), None, ""),
                        obs(2023, Some(11.78), Some(1.29), ""),
                        obs(2024, Some(10.97), None, ""),
                        obs(2025, Some(10.15), None, "GK Rp581,702"),
                    ],
                    sources: vec![
                        "P0 10.97%, 984,240 poor people, GK Rp554,197, P1 1.888, Gini 0.333, poor household size 5.10: BPS Sumsel, March 2024 (banyuasinkab.bps.go.id pressrelease 2024/07/01/847)".into(),
                        "History 2018–2025: BPS Sumsel via bisnis.com, Tribun Palembang, sumselterkini, pdfs.asia, sumselkita, Palpos, suarametropolitan".into(),
                        "Population ≈8.97 m [C] = poor people ÷ P0; household size 3.9 [A]".into(),
                        "APBD 2024 Rp11,607.3 bn: spending in the revised provincial budget, approved 3 Sep 2024 (elnews.id/?p=9321)".into(),
                    ],
                    status_quo: LeverValues::default(),
                    apbd_rp_bn: Some(11_607.3),
                },
                2030,
                16,
                ExtremeLine::Usd215,
            );
            // A provincial Susenas estimate is far more precise than a district one [A]: RSE ≈ 10% ÷ √17.
            let _ = s.levers.set(LeverId::SurveyRse, 2.5);
            s.targets = vec![inpres(2026)];
            s
        }
        "indonesia_2024" => {
            let mut s = base(
                "Indonesia 2024",
                District {
                    code: "00".into(),
                    name: "Indonesia".into(),
                    base_year: 2024,
                    population: 279_300_000.0,
                    household_size: 3.8,
                    poor_household_size: None,
                    poverty_line: 582_932.0,
                    calibration: Calibration::P0P1P2 { p0_pct: 9.03, p1: 1.461, p2: 0.347 },
                    gini: Some(0.379),
                    mean_consumption: None,
                    kecamatan: Vec::new(),
                    estimated: vec![Estimated::Population, Estimated::HouseholdSize],
                    observed: vec![
                        obs(2015, Some(11.22), None, "GK Rp330,776"),
                        obs(2016, Some(10.86), None, ""),
                        obs(2017, Some(10.64), None, ""),
                        obs(2018, Some(9.82), None, ""),
                        obs(2019, Some(9.41), None, ""),
                        obs(2020, Some(9.78), None, ""),
                        obs(2021, Some(10.14), None, ""),
                        obs(2022, Some(9.54), None, ""),
                        obs(2023, Some(9.36), None, ""),
                        obs_on(2024, 9.03, 1.26, ExtremeLine::Usd215, "extreme at US$2.15 (2017 PPP)"),
                        obs_on(2025, 8.47, 0.85, ExtremeLine::Usd215, "extreme at US$2.15 (2017 PPP); GK Rp609,160"),
                    ],
                    sources: vec![
                        "P0 9.03%, 25.22 m poor people, GK Rp582,932, P1 1.461, P2 0.347, extreme 1.26%, Gini 0.379: BPS, March 2024".into(),
                        "History (March) 2015–2025: BPS via infopublik, bisnis.com, AA, detik, Databoks, Beritasatu, Media Indonesia, ntbsatu; extreme 2025 0.85% (lahatsatu.com)".into(),
                        "Population ≈279.3 m [C]; household size 3.8 [A]".into(),
                        "APBN 2024 Rp3,325,100 bn: state spending (belanja negara), UU 19/2023".into(),
                    ],
                    status_quo: LeverValues::default(),
                    apbd_rp_bn: Some(3_325_100.0),
                },
                2030,
                62,
                ExtremeLine::Usd215,
            );
            // National Susenas (≈345,000 households): relative standard error ≈ 1% [C].
            let _ = s.levers.set(LeverId::SurveyRse, 1.0);
            s.targets = vec![inpres(2026)];
            s
        }
        "indonesia_2019_covid" => {
            let mut s = base(
                "Indonesia September 2019, COVID-like shock in 2020",
                District {
                    code: "00".into(),
                    name: "Indonesia".into(),
                    base_year: 2019,
                    population: 268_900_000.0,
                    household_size: 3.9,
                    poor_household_size: None,
                    poverty_line: 440_538.0,
                    calibration: Calibration::P0P1 { p0_pct: 9.22, p1: (9.22 * 1.461 / 9.03 * 1000.0f64).round() / 1000.0 },
                    gini: Some(0.380),
                    mean_consumption: None,
                    kecamatan: Vec::new(),
                    estimated: vec![Estimated::Population, Estimated::P1],
                    observed: vec![
                        obs(2019, Some(9.22), None, "September"),
                        obs(2020, Some(10.19), None, "September: +0.97 pp, after the 2020 national aid response"),
                        obs(2021, Some(9.71), None, "September"),
                    ],
                    sources: vec![
                        "P0 9.22% (September 2019, BPS via suryakepri.com 2020/01/16); 10.19% (September 2020, BPS via Media Indonesia and Tribunnews 2021/02/15)".into(),
                        "P1 [A]: P0 × the national P1/P0 of March 2024 (1.461 ÷ 9.03); GK Rp440,538 (September 2019) [U]; population ≈268.9 m [C]".into(),
                        "The 2020 national response (PEN social protection Rp216.6 tn realised, Databoks) is inside the observed change; Bappenas estimated 10.63% without it (Tempo, Kontan)".into(),
                    ],
                    status_quo: LeverValues::default(),
                    apbd_rp_bn: None,
                },
                2021,
                2019,
                ExtremeLine::Usd190,
            );
            s.levers = levers(&[("shock_year", 1.0), ("survey_rse", 1.0)]);
            s
        }
        "muba_2021_backtest" => {
            let p1 = p1_from_province(15.84);
            let status_quo = [
                ("cash_benefit", 7_800_000.0),
                ("health_budget", 45.0),
                ("housing_budget", 30.0),
                ("wash_budget", 11.0),
            ];
            let mut s = base(
                "Musi Banyuasin back-test from 2021",
                District {
                    code: "1606".into(),
                    name: "Musi Banyuasin".into(),
                    base_year: 2021,
                    population: 665_000.0,
                    household_size: 4.1,
                    poor_household_size: None,
                    poverty_line: 537_774.0,
                    calibration: Calibration::P0P1 { p0_pct: 15.84, p1 },
                    gini: None,
                    mean_consumption: None,
                    kecamatan: Vec::new(),
                    estimated: vec![Estimated::Population, Estimated::P1],
                    observed: muba_history(2025),
                    sources: vec![
                        "P0 15.84%, GK Rp537,774, extreme 6.56% at US$1.90 (district news reports say 6.68): BPS Musi Banyuasin 2021 (daerah.beritasmart.com 2021/12)".into(),
                        format!("P1 {p1} [A]: P0 × Sumatera Selatan's P1/P0 of March 2024"),
                        "Population ≈665,000 [A]; observed 2022–2025 from BPS via Antara, Republika, Databoks, Palpos".into(),
                        "Status quo 2021 [A]: UHC, RTLH and water at their 2024 budgets (UHC was Rp60 bn in 2018–19, mediaindonesia.com 268922; earlier RTLH and water budgets were not found)".into(),
                        "Bantu Umak as run: launched July 2023 (Rp32.0 bn for six monthly payments, pilarinformasi.com 2023/07/10), after the March 2023 Susenas, so it first shows in March 2024, at the 2024 rate of Rp70 bn a year (Republika); continued in 2025 at the 2024 budget [U]".into(),
                    ],
                    status_quo: levers(&status_quo),
                    apbd_rp_bn: None,
                },
                2025,
                2021,
                ExtremeLine::Usd190,
            );
            s.schedules = BTreeMap::from([("cash_budget".to_string(), vec![0.0, 0.0, 70.0, 70.0])]);
            s
        }
        "muara_enim_2018_backtest" => {
            let p1 = p1_from_province(12.56);
            base(
                "Muara Enim back-test from 2018",
                District {
                    code: "1603".into(),
                    name: "Muara Enim".into(),
                    base_year: 2018,
                    population: 620_000.0,
                    household_size: 4.0,
                    poor_household_size: None,
                    poverty_line: 338_020.0,
                    calibration: Calibration::P0P1 { p0_pct: 12.56, p1 },
                    gini: None,
                    mean_consumption: None,
                    kecamatan: Vec::new(),
                    estimated: vec![Estimated::PovertyLine, Estimated::Population, Estimated::P1],
                    observed: muara_enim_history(),
                    sources: vec![
                        "P0 12.56% (2018) and history to 2025: BPS via detak-palembang.com, rmolsumsel.id, Radar Palembang, Tribun Palembang".into(),
                        format!("P1 {p1} [A]: P0 × Sumatera Selatan's P1/P0 of March 2024"),
                        "GK Rp338,020 [C]: the 2024 GK × the national GK ratio 2018/2024 (401,220 ÷ 582,932); rates do not depend on it".into(),
                        "Status quo: UHC at its 2024 budget, Rp89.7 bn [A] (UHC since January 2019, saranainformasi.com)".into(),
                        "Population ≈620,000 [A]".into(),
                    ],
                    status_quo: levers(&[("health_budget", 89.7)]),
                    apbd_rp_bn: None,
                },
                2025,
                2018,
                ExtremeLine::Usd215Local,
            )
        }
        _ => return None,
    };
    Some(s)
}
