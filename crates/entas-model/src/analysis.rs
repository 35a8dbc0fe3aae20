//! What planners ask of a run: the year each target is met, the people each programme lifts (Shapley wedge),
//! uncertainty bands and the probability of meeting each target (Monte Carlo), and the back-test.

use crate::levers::{LeverId, LeverValues, LEVERS};
use crate::population::Population;
use crate::rng::{self, Stream};
use crate::scenario::{Indicator, Scenario, ScenarioError, Target};
use crate::simulate::{simulate_with, Active, Outcome, Programme, Reference, YearResult};

/// The first year (from the base year) in which `target` is met in `results`: the indicator at most
/// `value_pct + tolerance_pct`.
pub fn year_met(results: &[YearResult], target: &Target) -> Option<i32> {
    results.iter().find(|r| value(r, target.indicator) <= target.value_pct + target.tolerance_pct).map(|r| r.year)
}

fn value(r: &YearResult, i: Indicator) -> f64 {
    match i {
        Indicator::P0 => r.p0_pct,
        Indicator::Extreme => r.extreme_pct,
    }
}

/// People lifted out of poverty by each programme against "without district programmes", per year
/// (Shapley decomposition).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Wedge {
    /// Years, base year first.
    pub years: Vec<i32>,
    /// Per programme with a budget (data updating included): people lifted per year. With `registry`,
    /// sums to `total` in every year.
    pub by_programme: Vec<(Programme, Vec<f64>)>,
    /// People lifted by the scenario's registry settings alone (coverage, accuracy, record age, convergence
    /// differing from the status quo's), with no district budget: the national PBI works from the same
    /// registry. Zero when the scenario keeps the status quo's registry.
    #[serde(default)]
    pub registry: Vec<f64>,
    /// People lifted by all programmes together, per year.
    pub total: Vec<f64>,
}

/// The Shapley wedge: each budget's average marginal contribution to people lifted, over every order in
/// which they could be added. Exact: 2^K runs for the K programmes with a budget, data updating included
/// (K ≤ 8), all sharing one reference.
pub fn shapley_wedge(s: &Scenario, levers: &LeverValues, pop: &Population) -> Wedge {
    let players: Vec<Programme> = Programme::BUDGETED
        .into_iter()
        .filter(|p| (1..=s.years()).any(|t| s.budget(levers, p.budget_lever(), t) > 0.0))
        .collect();
    let k = players.len();
    // The counterfactual and the status quo are the same for every coalition: computed once.
    let reference = Reference::new(s, levers, pop);
    let lifted = |mask: usize| -> Vec<f64> {
        let chosen: Vec<Programme> = (0..k).filter(|i| mask & (1 << i) != 0).map(|i| players[i]).collect();
        let mut lifted = reference.scenario(s, levers, pop, Active::from_programmes(&chosen), None).lifted_vs_none;
        // The base year is observed, not projected: nothing in it is the scenario's doing.
        lifted[0] = 0.0;
        lifted
    };
    let values: Vec<Vec<f64>> = (0..(1usize << k)).map(lifted).collect();
    let n_years = s.years() + 1;
    let fact = |n: usize| (1..=n).map(|i| i as f64).product::<f64>();
    let by_programme = (0..k)
        .map(|i| {
            let mut phi = vec![0.0; n_years];
            for mask in 0..(1usize << k) {
                if mask & (1 << i) != 0 {
                    continue;
                }
                let size = mask.count_ones() as usize;
                let weight = fact(size) * fact(k - size - 1) / fact(k);
                for (y, p) in phi.iter_mut().enumerate() {
                    *p += weight * (values[mask | (1 << i)][y] - values[mask][y]);
                }
            }
            (players[i], phi)
        })
        .collect();
    Wedge {
        years: (0..n_years as i32).map(|t| s.district.base_year + t).collect(),
        by_programme,
        total: values[(1usize << k) - 1].clone(),
        registry: values[0].clone(),
    }
}

/// A registry preset measured as Kemensos measures: a social-aid (e-voucher food) programme sized by the
/// identity reach × (1 − inclusion) = eligible × (1 − exclusion) at the midpoints of the published ranges
/// (eligible = desil 1–4, 40% of households), run on the district with the preset's enablers; errors in the
/// first projected year.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RegistryCheck {
    pub preset: &'static str,
    /// Households the benchmark programme reaches, percent of all households.
    pub reach_pct: f64,
    pub exclusion_desil_pct: f64,
    pub inclusion_desil_pct: f64,
    pub kemensos_exclusion_pct: (f64, f64),
    pub kemensos_inclusion_pct: (f64, f64),
}

impl RegistryCheck {
    pub fn within(&self) -> bool {
        let inside = |v: f64, (lo, hi): (f64, f64)| v >= lo && v <= hi;
        inside(self.exclusion_desil_pct, self.kemensos_exclusion_pct)
            && inside(self.inclusion_desil_pct, self.kemensos_inclusion_pct)
    }
}

/// Runs the Kemensos check of `preset` on the district of `s` (its own households and seed).
pub fn registry_check(s: &Scenario, preset: &crate::levers::EnablerPreset) -> RegistryCheck {
    let mid = |(lo, hi): (f64, f64)| (lo + hi) / 200.0;
    let reach = 0.4 * (1.0 - mid(preset.kemensos_exclusion_pct)) / (1.0 - mid(preset.kemensos_inclusion_pct));
    let mut s = s.clone();
    s.schedules.clear();
    s.horizon = s.district.base_year + 1;
    let mut lv = s.levers.clone();
    for (id, v) in preset.values {
        let _ = lv.set(*id, *v);
    }
    let _ = lv.set(LeverId::FoodInKindShare, 0.0);
    let pop = Population::build(&s, &lv);
    let households = pop.weight * pop.len() as f64;
    let net = lv.get(LeverId::Absorption) / 100.0 * (1.0 - lv.get(LeverId::Overhead) / 100.0);
    let budget_bn = reach * households * 12.0 * lv.get(LeverId::FoodBenefit) / net / 1e9;
    let spec = crate::levers::spec(LeverId::FoodBudget);
    let _ = lv.set(LeverId::FoodBudget, budget_bn.min(spec.max));
    let o = simulate_with(&s, &lv, &pop, Active::ALL, None);
    let food = o.programmes.iter().find(|r| r.programme == Programme::Food).expect("one projected year");
    RegistryCheck {
        preset: preset.id,
        reach_pct: 100.0 * food.beneficiaries / households,
        exclusion_desil_pct: food.exclusion_error_desil_pct,
        inclusion_desil_pct: food.inclusion_error_desil_pct,
        kemensos_exclusion_pct: preset.kemensos_exclusion_pct,
        kemensos_inclusion_pct: preset.kemensos_inclusion_pct,
    }
}

/// Cost-effectiveness of one programme over the horizon.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProgrammeCost {
    pub programme: Programme,
    /// Realised spending over the projected years, Rp.
    pub spend_rp: f64,
    /// Person-years out of poverty attributed to it (Shapley), over the projected years.
    pub person_years_lifted: f64,
    /// Rp per person-year lifted (None when it lifts nobody).
    pub cost_per_person_year_rp: Option<f64>,
}

/// Spend ÷ Shapley-attributed person-years lifted, per programme with a budget.
pub fn programme_costs(outcome: &Outcome, wedge: &Wedge) -> Vec<ProgrammeCost> {
    wedge
        .by_programme
        .iter()
        .map(|(p, lifted)| {
            let spend_rp: f64 = outcome.programmes.iter().filter(|r| r.programme == *p).map(|r| r.spend_rp).sum();
            let person_years_lifted: f64 = lifted.iter().skip(1).sum();
            ProgrammeCost {
                programme: *p,
                spend_rp,
                person_years_lifted,
                cost_per_person_year_rp: (person_years_lifted > 0.5).then(|| spend_rp / person_years_lifted),
            }
        })
        .collect()
}

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
