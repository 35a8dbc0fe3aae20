//! Monte Carlo: assumptions, enablers and the base-year survey drawn on their evidence ranges; percentile
//! bands on rates, people lifted and cost, and the probability of meeting each target.

use super::year_met;
use crate::levers::{LeverId, LeverValues, LEVERS};
use crate::population::Population;
use crate::rng::{self, Stream};
use crate::scenario::{Scenario, ScenarioError};
use crate::simulate::{simulate_with, Active, Outcome, YearResult};

/// Percentile bands over Monte Carlo draws, per year of the scenario run.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Bands {
    pub draws: usize,
    pub years: Vec<i32>,
    pub p0_p10: Vec<f64>,
    pub p0_p50: Vec<f64>,
    pub p0_p90: Vec<f64>,
    pub extreme_p10: Vec<f64>,
    pub extreme_p50: Vec<f64>,
    pub extreme_p90: Vec<f64>,
    /// The status quo (baseline) P0 band.
    #[serde(default)]
    pub baseline_p0_p10: Vec<f64>,
    #[serde(default)]
    pub baseline_p0_p90: Vec<f64>,
    /// People lifted against the status quo, per year.
    #[serde(default)]
    pub lifted_p10: Vec<f64>,
    #[serde(default)]
    pub lifted_p50: Vec<f64>,
    #[serde(default)]
    pub lifted_p90: Vec<f64>,
    /// Scenario spend per person-year lifted against "without district programmes" over the horizon, Rp
    /// (draws in which nobody is lifted are left out).
    #[serde(default)]
    pub cost_per_person_year_p10: Option<f64>,
    #[serde(default)]
    pub cost_per_person_year_p50: Option<f64>,
    #[serde(default)]
    pub cost_per_person_year_p90: Option<f64>,
    /// Per year (base year first): that year's spend on consumption programmes and data updating ÷ people
    /// lifted that year against "without district programmes", Rp (None where no draw lifts anybody).
    #[serde(default)]
    pub cost_per_person_lifted_p10: Vec<Option<f64>>,
    #[serde(default)]
    pub cost_per_person_lifted_p90: Vec<Option<f64>>,
    /// Share of draws in which each scenario target is met by its year (same order as `Scenario::targets`).
    pub target_probability: Vec<f64>,
}

/// A draw on [min, max] whose mean is `point`: with probability (max − point)/(max − min) from the
/// triangle on [min, point] with its mode at `point`, else from the triangle on [point, max]. Two uniforms.
pub fn centred_draw(min: f64, point: f64, max: f64, u_side: f64, u: f64) -> f64 {
    if max <= min {
        return point;
    }
    let point = point.clamp(min, max);
    if u_side < (max - point) / (max - min) {
        // Left triangle: density rising from min to point.
        min + (point - min) * libm::sqrt(u)
    } else {
        // Right triangle: density falling from point to max.
        max - (max - point) * libm::sqrt(1.0 - u)
    }
}

/// The lever values of Monte Carlo draw `d`: every uncertain assumption drawn on its evidence range with
/// the scenario's value as its mean; uncertain enablers (registry coverage, targeting accuracy) are drawn
/// the same way and applied as a shift to the status quo too, so "no change" stays the baseline in every
/// draw. Returns the scenario's levers and the district's status quo of the draw.
pub fn draw_levers(s: &Scenario, levers: &LeverValues, d: u64) -> (LeverValues, LeverValues) {
    let mut out = levers.clone();
    let mut sq = s.district.status_quo.clone();
    for (i, spec) in LEVERS.iter().enumerate().filter(|(_, l)| l.uncertain) {
        let u_side = rng::uniform(s.seed, Stream::Draw, d, 2 * i as u64);
        let u = rng::uniform(s.seed, Stream::Draw, d, 2 * i as u64 + 1);
        let (lo, hi) = spec.evidence;
        let point = levers.get(spec.id);
        let v = centred_draw(lo, point.clamp(lo, hi), hi, u_side, u);
        // In range by construction; a failure here would only keep the scenario's value.
        let _ = out.set(spec.id, v.clamp(spec.min, spec.max));
        if spec.group.is_policy() {
            let shift = v - point.clamp(lo, hi);
            let _ = sq.set(spec.id, (sq.get(spec.id) + shift).clamp(spec.min, spec.max));
        }
    }
    (out, sq)
}

/// The base-year figures of draw `d`: P0 drawn with the survey's relative standard error (`survey_rse`),
/// P1 and P2 moved in proportion, so the sampling error of the base year is in the bands.
pub fn draw_district(s: &Scenario, levers: &LeverValues, d: u64) -> crate::scenario::District {
    use crate::scenario::Calibration;
    let mut district = s.district.clone();
    let rse = levers.get(LeverId::SurveyRse) / 100.0;
    let z = rng::normal(s.seed, Stream::Draw, d, u64::MAX - 1);
    let f = (1.0 + rse * z).clamp(0.5, 1.5);
    let p0 = |p: f64| (p * f).clamp(0.5, 80.0);
    district.calibration = match district.calibration {
        Calibration::P0P1 { p0_pct, p1 } => Calibration::P0P1 { p0_pct: p0(p0_pct), p1: p1 * p0(p0_pct) / p0_pct },
        Calibration::P0P1P2 { p0_pct, p1, p2 } => {
            let k = p0(p0_pct) / p0_pct;
            Calibration::P0P1P2 { p0_pct: p0(p0_pct), p1: p1 * k, p2: p2 * k }
        }
        Calibration::P0Extreme { p0_pct, extreme_pct, line } => {
            Calibration::P0Extreme { p0_pct: p0(p0_pct), extreme_pct: extreme_pct * p0(p0_pct) / p0_pct, line }
        }
        Calibration::P0Gini { p0_pct, gini } => Calibration::P0Gini { p0_pct: p0(p0_pct), gini },
    };
    district
}

/// Monte Carlo in steps of one draw, so a caller (a web worker) can report progress and drop a job that
/// has gone stale between steps.
#[derive(Clone, Debug)]
pub struct MonteCarlo {
    scenario: Scenario,
    levers: LeverValues,
    draws: usize,
    runs: Vec<Outcome>,
}

impl MonteCarlo {
    /// A Monte Carlo of `draws` draws (at least 1) of a valid scenario.
    pub fn new(s: &Scenario, levers: &LeverValues, draws: usize) -> Result<MonteCarlo, ScenarioError> {
        s.validate()?;
        Ok(MonteCarlo { scenario: s.clone(), levers: levers.clone(), draws: draws.max(1), runs: Vec::new() })
    }

    /// Draws done so far and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.runs.len(), self.draws)
    }

    pub fn is_done(&self) -> bool {
        self.runs.len() >= self.draws
    }

    /// Runs the next draw (new population seed, new assumption values); does nothing when done.
    pub fn step(&mut self) {
        if self.is_done() {
            return;
        }
        let d = self.runs.len() as u64;
        let mut sd = self.scenario.clone();
        sd.seed = rng::bits(self.scenario.seed, Stream::Draw, d, u64::MAX);
        let (lv, status_quo) = draw_levers(&self.scenario, &self.levers, d);
        sd.district = draw_district(&self.scenario, &self.levers, d);
        sd.district.status_quo = status_quo;
        let pop = Population::build(&sd, &lv);
        self.runs.push(simulate_with(&sd, &lv, &pop, Active::ALL, None));
    }

    /// Percentile bands and target probabilities over the draws run so far.
    pub fn bands(&self) -> Bands {
        let s = &self.scenario;
        let runs = &self.runs;
        let n_years = s.years() + 1;
        let pct = |f: &dyn Fn(&YearResult) -> f64, q: f64| -> Vec<f64> {
            (0..n_years).map(|y| percentile(runs.iter().map(|r| f(&r.scenario[y])).collect(), q)).collect()
        };
        let p0 = |r: &YearResult| r.p0_pct;
        let ex = |r: &YearResult| r.extreme_pct;
        let n = runs.len().max(1) as f64;
        let per_year = |f: &dyn Fn(&Outcome, usize) -> f64, q: f64| -> Vec<f64> {
            (0..n_years).map(|y| percentile(runs.iter().map(|r| f(r, y)).collect(), q)).collect()
        };
        let lifted = |r: &Outcome, y: usize| r.lifted[y];
        let base_p0 = |r: &Outcome, y: usize| r.baseline[y].p0_pct;
        let costs: Vec<f64> = runs.iter().filter_map(|r| r.cost_per_person_year_lifted).collect();
        let cost = |q: f64| (!costs.is_empty()).then(|| percentile(costs.clone(), q));
        let cost_by_year = |q: f64| -> Vec<Option<f64>> {
            (0..n_years)
                .map(|y| {
                    let v: Vec<f64> = runs
                        .iter()
                        .filter_map(|r| r.cost_per_person_lifted_by_year.get(y).copied().flatten())
                        .collect();
                    (!v.is_empty()).then(|| percentile(v, q))
                })
                .collect()
        };
        let target_probability = s
            .targets
            .iter()
            .map(|t| runs.iter().filter(|r| year_met(&r.scenario, t).is_some_and(|y| y <= t.year)).count() as f64 / n)
            .collect();
        Bands {
            draws: runs.len(),
            years: (0..n_years as i32).map(|t| s.district.base_year + t).collect(),
            p0_p10: pct(&p0, 0.1),
            p0_p50: pct(&p0, 0.5),
            p0_p90: pct(&p0, 0.9),
            extreme_p10: pct(&ex, 0.1),
            extreme_p50: pct(&ex, 0.5),
            extreme_p90: pct(&ex, 0.9),
            baseline_p0_p10: per_year(&base_p0, 0.1),
            baseline_p0_p90: per_year(&base_p0, 0.9),
            lifted_p10: per_year(&lifted, 0.1),
            lifted_p50: per_year(&lifted, 0.5),
            lifted_p90: per_year(&lifted, 0.9),
            cost_per_person_year_p10: cost(0.1),
            cost_per_person_year_p50: cost(0.5),
            cost_per_person_year_p90: cost(0.9),
            cost_per_person_lifted_p10: cost_by_year(0.1),
            cost_per_person_lifted_p90: cost_by_year(0.9),
            target_probability,
        }
    }
}

/// Runs `draws` Monte Carlo draws (new population seed and assumption values each) and summarises them.
/// `progress` is called after each draw with (done, total).
pub fn monte_carlo(
    s: &Scenario,
    levers: &LeverValues,
    draws: usize,
    mut progress: impl FnMut(usize, usize),
) -> Result<Bands, ScenarioError> {
    let mut mc = MonteCarlo::new(s, levers, draws)?;
    while !mc.is_done() {
        mc.step();
        let (done, total) = mc.progress();
        progress(done, total);
    }
    Ok(mc.bands())
}

/// Linear-interpolated percentile (q in 0–1).
fn percentile(mut v: Vec<f64>, q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    let pos = q * (v.len() - 1) as f64;
    let i = pos.floor() as usize;
    let f = pos - i as f64;
    if i + 1 < v.len() {
        v[i] + (v[i + 1] - v[i]) * f
    } else {
        v[i]
    }
}
