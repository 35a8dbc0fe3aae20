//! Presets: district starting points as complete scenarios, every figure with its source (brief §4).

use std::collections::BTreeMap;

use crate::levers::LeverValues;
use crate::scenario::{
    Calibration, District, ExtremeLine, Indicator, Observation, Scenario, Target, DEFAULT_HOUSEHOLDS, SCHEMA_VERSION,
};

/// A named preset and a one-line description.
#[derive(Clone, Copy, Debug)]
pub struct PresetInfo {
    pub id: &'static str,
    pub description: &'static str,
}

/// Every preset, in the order the app lists them.
pub const PRESETS: &[PresetInfo] = &[
    PresetInfo { id: "muba_2024", description: "Musi Banyuasin 2024, with its 2024 district programme budgets" },
    PresetInfo { id: "muara_enim_2024", description: "Muara Enim 2024" },
    PresetInfo { id: "sumsel_2024", description: "Sumatera Selatan province, March 2024" },
    PresetInfo { id: "indonesia_2024", description: "Indonesia, March 2024" },
    PresetInfo {
        id: "muba_2021_backtest",
        description: "Back-test: Musi Banyuasin from 2021, model baseline vs the observed BPS series 2022–2025",
    },
];

fn obs(year: i32, p0: Option<f64>, extreme: Option<f64>, note: &str) -> Observation {
    Observation { year, p0_pct: p0, extreme_pct: extreme, note: note.into() }
}

fn muba_history(until: i32) -> Vec<Observation> {
    [
        obs(2018, Some(16.52), None, ""),
        obs(2019, Some(16.41), None, ""),
        obs(2020, Some(16.13), None, "GK Rp519,797"),
        obs(2021, Some(15.84), Some(6.56), "extreme at US$1.90 (2011 PPP); the seeds say 6.68"),
        obs(2022, Some(15.19), Some(4.74), "extreme at US$1.90 (2011 PPP)"),
        obs(2023, Some(14.90), Some(0.96), "extreme at US$1.90 (2011 PPP); the seeds say 0.98"),
        obs(2024, Some(12.88), Some(0.47), "extreme at US$2.15 (2017 PPP)"),
        obs(2025, Some(9.97), None, ""),
    ]
    .into_iter()
    .filter(|o| o.year <= until)
    .collect()
}

fn levers(pairs: &[(&str, f64)]) -> LeverValues {
    let map: BTreeMap<String, f64> = pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    LeverValues::new(map).unwrap_or_default()
}

/// The scenario of preset `id`, or None.
pub fn preset(id: &str) -> Option<Scenario> {
    let s = match id {
        "muba_2024" => Scenario {
            schema_version: SCHEMA_VERSION,
            name: "Musi Banyuasin 2024".into(),
            district: District {
                code: "1606".into(),
                name: "Musi Banyuasin".into(),
                base_year: 2024,
                population: 690_500.0,
                household_size: 4.1,
                poor_household_size: None,
                poverty_line: 590_000.0,
                calibration: Calibration::P0Extreme { p0_pct: 12.88, extreme_pct: 0.47, line: ExtremeLine::Usd215 },
                gini: None,
                mean_consumption: Some(1_402_383.0),
                kecamatan: Vec::new(),
                observed: muba_history(2025),
                sources: vec![
                    "P0 12.88%, 88,940 poor people, extreme 0.47%, mean consumption Rp1,402,383: BPS Musi Banyuasin 2024 via Antara Sumsel 748299, Republika, Databoks".into(),
                    "Population ≈690,500 [C] = poor people ÷ P0; household size 4.1: BPS".into(),
                    "GK ≈ Rp590,000 [A]: 2021 GK Rp537,774 rolled forward".into(),
                    "Budgets 2024: Bantu Umak Rp70 bn, UHC Rp45 bn, RTLH Rp30 bn, water and sanitation Rp11 bn (Republika, Linggau Pos)".into(),
                ],
            },
            horizon: 2030,
            households: DEFAULT_HOUSEHOLDS,
            seed: 1606,
            extreme_line: ExtremeLine::Usd215,
            levers: levers(&[("cash_budget", 70.0), ("health_budget", 45.0), ("housing_budget", 30.0), ("wash_budget", 11.0)]),
            schedules: BTreeMap::new(),
            targets: vec![
                Target { indicator: Indicator::P0, value_pct: 9.99, year: 2025, label: "Single-digit poverty by 2025 (seeds)".into() },
                Target { indicator: Indicator::Extreme, value_pct: 0.0, year: 2025, label: "Inpres 4/2022: zero extreme poverty (2024 target, first projected year 2025)".into() },
            ],
        },
        "muara_enim_2024" => Scenario {
            schema_version: SCHEMA_VERSION,
            name: "Muara Enim 2024".into(),
            district: District {
                code: "1603".into(),
                name: "Muara Enim".into(),
                base_year: 2024,
                population: 645_250.0,
                household_size: 4.0,
                poor_household_size: None,
                poverty_line: 491_107.0,
                calibration: Calibration::P0Extreme { p0_pct: 9.79, extreme_pct: 1.39, line: ExtremeLine::Usd215 },
                gini: None,
                mean_consumption: None,
                kecamatan: Vec::new(),
                observed: vec![
                    obs(2018, Some(12.56), None, ""),
                    obs(2019, Some(12.41), None, ""),
                    obs(2020, Some(12.32), None, "extreme 4.44% per the seeds [U]"),
                    obs(2021, Some(12.32), Some(1.52), "P0 [U]"),
                    obs(2022, Some(11.12), None, ""),
                    obs(2023, Some(10.93), Some(1.39), ""),
                    obs(2024, Some(9.79), None, "9.75 elsewhere [U]"),
                    obs(2025, Some(9.45), None, ""),
                ],
                sources: vec![
                    "P0 9.79% [U: 9.75 elsewhere], 66,420 poor people, GK Rp491,107: Databoks; BPS Sumsel via Radar Palembang".into(),
                    "Extreme 1.39% is the 2023 figure, used for 2024 [U]; population ≈645,250 [C]".into(),
                    "Household size 4.0 [A]".into(),
                ],
            },
            horizon: 2030,
            households: DEFAULT_HOUSEHOLDS,
            seed: 1603,
            extreme_line: ExtremeLine::Usd215,
            levers: LeverValues::default(),
            schedules: BTreeMap::new(),
            targets: vec![
                Target { indicator: Indicator::P0, value_pct: 8.0, year: 2025, label: "RPJMD: 8% poverty by 2025".into() },
                Target { indicator: Indicator::Extreme, value_pct: 0.0, year: 2025, label: "Inpres 4/2022: zero extreme poverty (2024 target, first projected year 2025)".into() },
            ],
        },
        "sumsel_2024" => Scenario {
            schema_version: SCHEMA_VERSION,
            name: "Sumatera Selatan 2024".into(),
            district: District {
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
                observed: Vec::new(),
                sources: vec![
                    "P0 10.97%, 984,240 poor people, GK Rp554,197, P1 1.888, Gini 0.333, poor household size 5.10: BPS Sumsel, March 2024".into(),
                    "Population ≈8.97 m [C] = poor people ÷ P0; household size 3.9 [A]".into(),
                ],
            },
            horizon: 2030,
            households: DEFAULT_HOUSEHOLDS,
            seed: 16,
            extreme_line: ExtremeLine::Usd215,
            levers: LeverValues::default(),
            schedules: BTreeMap::new(),
            targets: vec![Target { indicator: Indicator::Extreme, value_pct: 0.0, year: 2026, label: "Inpres 4/2022".into() }],
        },
        "indonesia_2024" => Scenario {
            schema_version: SCHEMA_VERSION,
            name: "Indonesia 2024".into(),
            district: District {
                code: "00".into(),
                name: "Indonesia".into(),
                base_year: 2024,
                population: 279_300_000.0,
                household_size: 3.8,
                poor_household_size: None,
                poverty_line: 582_932.0,
                calibration: Calibration::P0P1 { p0_pct: 9.03, p1: 1.461 },
                gini: Some(0.379),
                mean_consumption: None,
                kecamatan: Vec::new(),
                observed: Vec::new(),
                sources: vec![
                    "P0 9.03%, 25.22 m poor people, GK Rp582,932, P1 1.461, P2 0.347, extreme 1.26%, Gini 0.379: BPS, March 2024".into(),
                    "Population ≈279.3 m [C]; household size 3.8 [A]".into(),
                ],
            },
            horizon: 2030,
            households: DEFAULT_HOUSEHOLDS,
            seed: 62,
            extreme_line: ExtremeLine::Usd215,
            levers: LeverValues::default(),
            schedules: BTreeMap::new(),
            targets: vec![Target { indicator: Indicator::Extreme, value_pct: 0.0, year: 2026, label: "Inpres 4/2022".into() }],
        },
        "muba_2021_backtest" => Scenario {
            schema_version: SCHEMA_VERSION,
            name: "Musi Banyuasin back-test from 2021".into(),
            district: District {
                code: "1606".into(),
                name: "Musi Banyuasin".into(),
                base_year: 2021,
                population: 665_000.0,
                household_size: 4.1,
                poor_household_size: None,
                poverty_line: 537_774.0,
                calibration: Calibration::P0Extreme { p0_pct: 15.84, extreme_pct: 6.56, line: ExtremeLine::Usd190 },
                gini: None,
                mean_consumption: None,
                kecamatan: Vec::new(),
                observed: muba_history(2025),
                sources: vec![
                    "P0 15.84%, GK Rp537,774, extreme 6.56% at US$1.90 (the seeds say 6.68): BPS Musi Banyuasin 2021".into(),
                    "Population ≈665,000 [A]; observed 2022–2025 from BPS via Antara, Republika, Databoks".into(),
                ],
            },
            horizon: 2025,
            households: DEFAULT_HOUSEHOLDS,
            seed: 2021,
            extreme_line: ExtremeLine::Usd190,
            levers: LeverValues::default(),
            schedules: BTreeMap::new(),
            targets: Vec::new(),
        },
        _ => return None,
    };
    Some(s)
}
