//! Monte Carlo: assumptions, enablers and the base-year survey drawn on their evidence ranges; percentile
//! bands on rates, people lifted and cost, and the probability of meeting each target.

use super::year_met;
use crate::households::Households;
use crate::levers::{LeverId, LeverValues, LEVERS};
use crate::population::Population;
use crate::rng::{self, Stream};
use crate::scenario::{Scenario, ScenarioError};
use crate::simulate::{simulate_with, Active, Outcome};

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

/// What the bands need of one Monte Carlo draw: a few numbers per year instead of its whole outcome, so
/// draws run apart (web workers, threads) travel cheaply and merge in draw order.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DrawSummary {
    /// The draw's index.
    pub draw: u64,
    /// Per year, base year first: scenario P0 and extreme rate, status-quo P0, people lifted against it.
    pub p0_pct: Vec<f64>,
    pub extreme_pct: Vec<f64>,
    pub baseline_p0_pct: Vec<f64>,
    pub lifted: Vec<f64>,
    pub cost_per_person_year_lifted: Option<f64>,
    pub cost_per_person_lifted_by_year: Vec<Option<f64>>,
    /// Per scenario target: met by its year in this draw.
    pub target_met: Vec<bool>,
}

impl DrawSummary {
    fn new(s: &Scenario, draw: u64, o: &Outcome) -> DrawSummary {
        DrawSummary {
            draw,
            p0_pct: o.scenario.iter().map(|r| r.p0_pct).collect(),
            extreme_pct: o.scenario.iter().map(|r| r.extreme_pct).collect(),
            baseline_p0_pct: o.baseline.iter().map(|r| r.p0_pct).collect(),
            lifted: o.lifted.clone(),
            cost_per_person_year_lifted: o.cost_per_person_year_lifted,
            cost_per_person_lifted_by_year: o.cost_per_person_lifted_by_year.clone(),
            target_met: s.targets.iter().map(|t| year_met(&o.scenario, t).is_some_and(|y| y <= t.year)).collect(),
        }
    }
}

/// Runs Monte Carlo draw `d` of a valid scenario: a new population seed, new assumption values.
pub fn run_draw(s: &Scenario, levers: &LeverValues, d: u64) -> DrawSummary {
    run_draw_on(s, levers, d, None)
}

/// `run_draw` of a scenario on household file `file` (prepared by `households::prepare`): the base year's
/// survey error is a Poisson bootstrap of the file's rows (`Households::bootstrap`) in place of the
/// published figures' sampling error; the assumptions, the enablers and every per-household draw are drawn as
/// for a synthetic district.
pub fn run_draw_on(s: &Scenario, levers: &LeverValues, d: u64, file: Option<&Households>) -> DrawSummary {
    let mut sd = s.clone();
    sd.seed = rng::bits(s.seed, Stream::Draw, d, u64::MAX);
    let (lv, status_quo) = draw_levers(s, levers, d);
    if file.is_none() {
        sd.district = draw_district(s, levers, d);
    }
    sd.district.status_quo = status_quo;
    let pop = match file {
        Some(f) => {
            // A resample that drew no row at all (about e^-rows) keeps the file as it is.
            let resampled = Some(f.bootstrap(sd.seed)).filter(|r| !r.is_empty()).unwrap_or_else(|| f.clone());
            let name = s.household_file.as_ref().map_or("", |r| r.name.as_str());
            sd = crate::households::put_on(&sd, name, &resampled);
            Population::from_households(&sd, &lv, &resampled)
        }
        None => Population::build(&sd, &lv),
    };
    DrawSummary::new(s, d, &simulate_with(&sd, &lv, &pop, Active::ALL, None))
}

/// Monte Carlo in steps of one draw, so a caller (a web worker) can report progress and drop a job that
/// has gone stale between steps.
#[derive(Clone, Debug)]
pub struct MonteCarlo {
    scenario: Scenario,
    levers: LeverValues,
    draws: usize,
    runs: Vec<DrawSummary>,
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

    /// Runs the next draw; does nothing when done.
    pub fn step(&mut self) {
        if self.is_done() {
            return;
        }
        self.runs.push(run_draw(&self.scenario, &self.levers, self.runs.len() as u64));
    }

    /// Percentile bands and target probabilities over the draws run so far.
    pub fn bands(&self) -> Bands {
        bands_of(&self.scenario, &self.runs)
    }
}

/// Percentile bands and target probabilities over draws, whichever order they came in and wherever they
/// ran: the result depends only on the set of draws.
pub fn bands_of(s: &Scenario, draws: &[DrawSummary]) -> Bands {
    let mut runs: Vec<&DrawSummary> = draws.iter().collect();
    runs.sort_by_key(|r| r.draw);
    let n_years = s.years() + 1;
    let per_year = |f: fn(&DrawSummary) -> &[f64], q: f64| -> Vec<f64> {
        (0..n_years)
            .map(|y| percentile(runs.iter().map(|r| f(r).get(y).copied().unwrap_or(f64::NAN)).collect(), q))
            .collect()
    };
    fn p0(r: &DrawSummary) -> &[f64] {
        &r.p0_pct
    }
    fn ex(r: &DrawSummary) -> &[f64] {
        &r.extreme_pct
    }
    fn base_p0(r: &DrawSummary) -> &[f64] {
        &r.baseline_p0_pct
    }
    fn lifted(r: &DrawSummary) -> &[f64] {
        &r.lifted
    }
    let n = runs.len().max(1) as f64;
    let costs: Vec<f64> = runs.iter().filter_map(|r| r.cost_per_person_year_lifted).collect();
    let cost = |q: f64| (!costs.is_empty()).then(|| percentile(costs.clone(), q));
    let cost_by_year = |q: f64| -> Vec<Option<f64>> {
        (0..n_years)
            .map(|y| {
                let v: Vec<f64> =
                    runs.iter().filter_map(|r| r.cost_per_person_lifted_by_year.get(y).copied().flatten()).collect();
                (!v.is_empty()).then(|| percentile(v, q))
            })
            .collect()
    };
    let target_probability = (0..s.targets.len())
        .map(|i| runs.iter().filter(|r| r.target_met.get(i).copied().unwrap_or(false)).count() as f64 / n)
        .collect();
    Bands {
        draws: runs.len(),
        years: (0..n_years as i32).map(|t| s.district.base_year + t).collect(),
        p0_p10: per_year(p0, 0.1),
        p0_p50: per_year(p0, 0.5),
        p0_p90: per_year(p0, 0.9),
        extreme_p10: per_year(ex, 0.1),
        extreme_p50: per_year(ex, 0.5),
        extreme_p90: per_year(ex, 0.9),
        baseline_p0_p10: per_year(base_p0, 0.1),
        baseline_p0_p90: per_year(base_p0, 0.9),
        lifted_p10: per_year(lifted, 0.1),
        lifted_p50: per_year(lifted, 0.5),
        lifted_p90: per_year(lifted, 0.9),
        cost_per_person_year_p10: cost(0.1),
        cost_per_person_year_p50: cost(0.5),
        cost_per_person_year_p90: cost(0.9),
        cost_per_person_lifted_p10: cost_by_year(0.1),
        cost_per_person_lifted_p90: cost_by_year(0.9),
        target_probability,
    }
}

/// Runs `draws` Monte Carlo draws (new population seed and assumption values each) and summarises them.
/// `progress` is called after each draw with (done, total). With the `parallel` feature the draws run on
/// every core (rayon); the bands are the same numbers either way.
pub fn monte_carlo(
    s: &Scenario,
    levers: &LeverValues,
    draws: usize,
    progress: impl Fn(usize, usize) + Sync,
) -> Result<Bands, ScenarioError> {
    monte_carlo_on(s, levers, draws, None, progress)
}

/// `monte_carlo` of a scenario on household file `file` (see `run_draw_on`).
pub fn monte_carlo_on(
    s: &Scenario,
    levers: &LeverValues,
    draws: usize,
    file: Option<&Households>,
    progress: impl Fn(usize, usize) + Sync,
) -> Result<Bands, ScenarioError> {
    s.validate()?;
    let draws = draws.max(1);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let one = |d: usize| {
        let r = run_draw_on(s, levers, d as u64, file);
        progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1, draws);
        r
    };
    #[cfg(feature = "parallel")]
    let runs: Vec<DrawSummary> = {
        use rayon::prelude::*;
        (0..draws).into_par_iter().map(one).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let runs: Vec<DrawSummary> = (0..draws).map(one).collect();
    Ok(bands_of(s, &runs))
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
