//! The back-test: the model next to every observed year after the base year, with sampling bands.

use super::Bands;
use crate::levers::LeverId;
use crate::scenario::Scenario;
use crate::simulate::Outcome;

/// Model against the observed series, year by year.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct BacktestRow {
    pub year: i32,
    pub observed_p0_pct: Option<f64>,
    /// The observation's 90% sampling band (± 1.645 × `survey_rse` × P0).
    pub observed_p0_low: Option<f64>,
    pub observed_p0_high: Option<f64>,
    /// The scenario run: what the district actually ran (its schedules), or the status quo.
    pub model_p0_pct: f64,
    /// The model's p10–p90 band when Monte Carlo bands are given.
    pub model_p0_p10: Option<f64>,
    pub model_p0_p90: Option<f64>,
    pub observed_extreme_pct: Option<f64>,
    pub model_extreme_pct: f64,
    pub note: String,
}

/// The scenario run (for a back-test preset: the programmes the district ran) next to every observed year
/// it covers after the base year, with the observation's sampling band and, given bands, the model's. No
/// adjustment factors.
pub fn backtest(s: &Scenario, outcome: &Outcome, bands: Option<&Bands>) -> Vec<BacktestRow> {
    let rse = s.levers.get(LeverId::SurveyRse) / 100.0;
    s.district
        .observed
        .iter()
        .filter(|o| o.year > s.district.base_year)
        .filter_map(|o| {
            let i = outcome.scenario.iter().position(|r| r.year == o.year)?;
            let r = &outcome.scenario[i];
            let band = |v: &Vec<f64>| bands.and_then(|_| v.get(i).copied());
            Some(BacktestRow {
                year: o.year,
                observed_p0_pct: o.p0_pct,
                observed_p0_low: o.p0_pct.map(|p| p * (1.0 - 1.645 * rse)),
                observed_p0_high: o.p0_pct.map(|p| p * (1.0 + 1.645 * rse)),
                model_p0_pct: r.p0_pct,
                model_p0_p10: bands.and_then(|b| band(&b.p0_p10)),
                model_p0_p90: bands.and_then(|b| band(&b.p0_p90)),
                observed_extreme_pct: o.extreme_pct,
                model_extreme_pct: r.extreme_pct,
                note: o.note.clone(),
            })
        })
        .collect()
}

/// Mean and largest absolute miss of the model's P0 against the observed years of a back-test, pp.
pub fn backtest_miss(rows: &[BacktestRow]) -> Option<(f64, f64)> {
    let misses: Vec<f64> = rows.iter().filter_map(|r| r.observed_p0_pct.map(|o| (r.model_p0_pct - o).abs())).collect();
    (!misses.is_empty())
        .then(|| (misses.iter().sum::<f64>() / misses.len() as f64, misses.iter().fold(0.0, |a: f64, b| a.max(*b))))
}
