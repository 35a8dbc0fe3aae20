//! The yearly microsimulation: three worlds in one pass over the same households with common random
//! numbers — without district programmes (the counterfactual), the status quo (the district's current
//! programmes continue: the baseline) and the scenario — so differences between them are programmes' effects
//! and nothing else.
//!
//! The base-year figures already contain the status quo: the calibrated consumption is the status-quo world.
//! The status quo's recurring transfers (and their multiplier) are backed out once, in the base year, at a
//! fixed point (`BaseYear`): the path is then welfare before district programmes, and each world — the status
//! quo included — puts its own programmes on it. So a scenario equal to the status quo reproduces the baseline
//! bit for bit, zero budgets reproduce the counterfactual bit for bit, and no registry is credited with
//! knowing whom the status quo's own registry happened to pick.
//!
//! Each projected year t:
//! 1. churn: x ← r·x + √(1−r²)·ε, r calibrated to the share of the poor who exit, then re-ranked so the
//!    person-weighted distribution of x stays the base year's before programmes (no sampling wobble of the
//!    marginal);
//! 2. consumption before programmes: ln y = m + spread(x) + t·ln(1 + g(rank)) − shock, g = growth against
//!    the poverty line;
//!    health events cut consumption of the uninsured;
//! 3. targeting and programme effects per world (`world`), then FGT measures (`measure`).

mod base_year;
mod dynamics;
mod measure;
mod outcome;
mod params;
mod reference;
mod registry;
mod world;

pub use dynamics::{churn_coefficient, stay_share};
pub use measure::{YearResult, DISTRIBUTION_BINS, DISTRIBUTION_STEP};
pub use outcome::{Active, Distribution, HouseholdRow, KecamatanYear, Outcome, Programme, ProgrammeYear, ServiceCost};
pub use reference::{Rates, Reference};

use crate::levers::{LeverId, LeverValues, LEVERS};
use crate::normal;
use crate::population::{Population, KINK_LINE};
use crate::rng::{self, Stream};
use crate::scenario::{GrowthBasis, Scenario};
use dynamics::{GrowthTable, Reranker};
use measure::{Acc, Lines};
use params::Params;
use world::{Selection, Shared, World};

/// Simulates the scenario's own levers with every programme active.
pub fn simulate(s: &Scenario, pop: &Population) -> Outcome {
    simulate_with(s, &s.levers, pop, Active::ALL, None)
}

/// True when the scenario world is the status-quo world: every programme, no schedule, same policy.
fn same_as_status_quo(s: &Scenario, lv: &LeverValues, sq: &LeverValues, active: Active) -> bool {
    active == Active::ALL
        && s.schedules.is_empty()
        && LEVERS.iter().filter(|l| l.group.is_policy()).all(|l| lv.get(l.id).to_bits() == sq.get(l.id).to_bits())
}

/// Growth against the poverty line from the district's own P0 history (least-squares trend of ln P0 up to
/// the base year, divided by the lower tail's headcount elasticity), percent per year; None with fewer than
/// two observed years.
pub fn district_trend_growth_pct(s: &Scenario, pop: &Population) -> Option<f64> {
    let pts: Vec<(f64, f64)> = s
        .district
        .observed
        .iter()
        .filter(|o| o.year <= s.district.base_year)
        .filter_map(|o| o.p0_pct.filter(|p| *p > 0.0).map(|p| (o.year as f64, libm::log(p))))
        .collect();
    if pts.len() < 2 {
        return None;
    }
    let n = pts.len() as f64;
    let (mx, my) = (pts.iter().map(|p| p.0).sum::<f64>() / n, pts.iter().map(|p| p.1).sum::<f64>() / n);
    let sxx: f64 = pts.iter().map(|p| (p.0 - mx) * (p.0 - mx)).sum();
    let sxy: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let slope = sxy / sxx;
    Some(100.0 * libm::expm1(slope / pop.report.headcount_elasticity))
}

/// Simulates `levers` on a calibrated population; programmes outside `active` run with zero budget in the
/// scenario world (the status quo always runs in full). `dump`, when given, receives every household of the
/// scenario world in every year (base year included).
pub fn simulate_with(
    s: &Scenario,
    lv: &LeverValues,
    pop: &Population,
    active: Active,
    dump: Option<&mut dyn FnMut(HouseholdRow)>,
) -> Outcome {
    Reference::new(s, lv, pop).scenario(s, lv, pop, active, dump)
}

/// The latent score below which lie the poorest 40% of households (desil 1–4, ranked as Kemensos ranks
/// households by welfare): every synthetic household has the same weight, so it is the 40th percentile;
/// the households of a file (`mult`, their weights in units) are counted by weight.
fn desil4_cut(x: &[f64], mult: Option<&[f64]>, scratch: &mut Vec<f64>) -> f64 {
    if let Some(m) = mult {
        let mut order: Vec<(f64, f64)> = x.iter().copied().zip(m.iter().copied()).collect();
        order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        let (total, mut cum) = (m.iter().sum::<f64>(), 0.0);
        for (xh, w) in order {
            cum += w;
            if cum > 0.4 * total {
                return xh;
            }
        }
        return f64::INFINITY;
    }
    let k = (0.4 * x.len() as f64) as usize;
    if k == 0 {
        return f64::NEG_INFINITY;
    }
    scratch.clear();
    scratch.extend_from_slice(x);
    let (_, cut, _) = scratch.select_nth_unstable_by(k, |a, b| a.total_cmp(b));
    *cut
}

/// Everything a run computes once from the scenario's assumptions, whatever its programmes.
struct Ctx {
    n: usize,
    years: usize,
    seed: u64,
    /// Whether households weigh differently (a household file): then counted by weight where the synthetic
    /// district counts households.
    unequal: bool,
    /// The population's unit weight, and each household's weight (the unit times its multiple).
    unit: f64,
    weights: Vec<f64>,
    households_total: f64,
    z: f64,
    r: f64,
    innovation: f64,
    implied_entry_pct: f64,
    trend: Option<f64>,
    g_b40: f64,
    growth_table: GrowthTable,
    shock_year: usize,
    shock_x: f64,
    shock_ln: f64,
    health_rate: f64,
    health_loss: f64,
    people_total: f64,
    ze0: f64,
    extreme_lines: Vec<f64>,
    lacks_house: Vec<bool>,
    lacks_wash: Vec<bool>,
    /// Per projected year (index t, 0 unused), one bit per household: a health event this year.
    health_hits: Vec<Vec<u64>>,
    pockets: Vec<bool>,
    n_kec: usize,
    /// Per kecamatan (none when the district has none): the person-weighted mean and spread of the base
    /// year's latent score, which churn reverts to, so a pocket stays a pocket as households move.
    kec_churn: Vec<(f64, f64)>,
    people: Vec<f64>,
}

impl Ctx {
    fn new(s: &Scenario, lv: &LeverValues, pop: &Population) -> Ctx {
        let d = &s.district;
        let n = pop.len();
        let seed = pop.seed;
        let unit = pop.weight;
        let weights: Vec<f64> = pop.mult.iter().map(|m| unit * m).collect();
        let pct = |id: LeverId| lv.get(id) / 100.0;
        let p0_base = d.calibration.p0_pct() / 100.0;
        let r = churn_coefficient(pct(LeverId::ExitShare), p0_base);
        let trend = match s.growth_basis {
            GrowthBasis::DistrictTrend => district_trend_growth_pct(s, pop),
            GrowthBasis::Evidence => None,
        };
        let g_b40 = trend.map(|g| g / 100.0).unwrap_or(pct(LeverId::GrowthB40));
        let ze0 = s.extreme_line.rupiah_in(d.poverty_line, d.base_year);
        let drift = pct(LeverId::ExtremeLineDrift);
        let lack = |share: f64, u: &[f64]| -> Vec<bool> {
            (0..n).map(|h| u[h] < (2.0 * share * (1.0 - pop.rank0[h])).min(1.0)).collect()
        };
        let health_rate = pct(LeverId::HealthShockRate);
        let health = rng::Key::new(seed, Stream::Health);
        let health_hits = (0..=s.years() as u64)
            .map(|t| {
                let mut bits = vec![0u64; n.div_ceil(64)];
                if t >= 1 {
                    for (h, hash) in pop.hash.iter().enumerate() {
                        bits[h / 64] |= ((health.hashed_uniform(*hash, t) < health_rate) as u64) << (h % 64);
                    }
                }
                bits
            })
            .collect();
        Ctx {
            n,
            years: s.years(),
            seed,
            unequal: pop.mult.iter().any(|m| *m != 1.0),
            unit,
            households_total: unit * pop.mult.iter().sum::<f64>(),
            z: d.poverty_line,
            r,
            innovation: libm::sqrt(1.0 - r * r),
            implied_entry_pct: 100.0 * p0_base * (1.0 - stay_share(r, p0_base)) / (1.0 - p0_base),
            trend,
            g_b40,
            growth_table: GrowthTable::new(g_b40, lv.get(LeverId::GrowthTilt) / 100.0),
            shock_year: lv.get(LeverId::ShockYear) as usize,
            shock_x: normal::quantile(pct(LeverId::ShockShare).clamp(1e-9, 1.0 - 1e-9)),
            shock_ln: libm::log(1.0 - pct(LeverId::ShockDepth)),
            health_rate,
            health_loss: lv.get(LeverId::HealthConsumptionFactor) * pct(LeverId::HealthCostShare),
            people_total: pop.size.iter().zip(&weights).map(|(s, w)| w * s).sum(),
            ze0,
            extreme_lines: (0..=s.years()).map(|t| ze0 / libm::pow(1.0 + drift, t as f64)).collect(),
            lacks_house: pop.lacks_house.clone().unwrap_or_else(|| lack(pct(LeverId::RtlhShare), &pop.u_house)),
            lacks_wash: pop
                .lacks_sanitation
                .clone()
                .unwrap_or_else(|| lack(pct(LeverId::NoSanitationShare), &pop.u_sanitation)),
            health_hits,
            pockets: pocket_kecamatan(s),
            n_kec: d.kecamatan.len().max(1),
            kec_churn: kecamatan_churn(s, pop, &weights),
            people: pop.size.iter().zip(&weights).map(|(s, w)| w * s).collect(),
            weights,
        }
    }

    /// Whether household `h` has a health event in projected year `t`.
    #[inline]
    fn health_hit(&self, t: usize, h: usize) -> bool {
        (self.health_hits[t][h / 64] >> (h % 64)) & 1 == 1
    }

    /// ln of the covariate shock in year `t`: its year in full, half of it the year after.
    fn shock_at(&self, t: usize) -> f64 {
        if self.shock_year >= 1 && t == self.shock_year {
            self.shock_ln
        } else if self.shock_year >= 1 && t == self.shock_year + 1 {
            0.5 * self.shock_ln
        } else {
            0.0
        }
    }

    /// Keeps mean consumption where the base year put it: health events of the uninsured are already in the
    /// base-year data, so the status quo's insured share sets the scale (one factor for all three worlds).
    fn health_norm(&self, insured: f64) -> f64 {
        1.0 / (1.0 - self.health_rate * self.health_loss * (1.0 - (insured / self.people_total).min(1.0)))
    }
}

/// Walks the latent scores and the consumption before programmes year by year; the same walk for every
/// world and every pass, so the reference and the scenario pass see identical inputs.
struct Path {
    x: Vec<f64>,
    y_ref: Vec<f64>,
    reranker: Reranker,
}

impl Path {
    /// Moves to year `t`; returns total consumption (Σ people × consumption, Rp per month).
    fn advance(&mut self, c: &Ctx, pop: &Population, t: usize) -> f64 {
        // With no churn nothing moves, and the scores stay exactly where calibration put them.
        if t >= 1 && c.innovation > 0.0 {
            let churn = rng::Key::new(c.seed, Stream::Churn);
            if c.kec_churn.is_empty() {
                for (xh, hash) in self.x.iter_mut().zip(&pop.hash) {
                    *xh = c.r * *xh + c.innovation * churn.hashed_normal(*hash, t as u64);
                }
            } else {
                // Around the household's kecamatan: its mean m and spread s (the district's are 0 and 1).
                for ((xh, hash), k) in self.x.iter_mut().zip(&pop.hash).zip(&pop.kecamatan) {
                    let (m, s) = c.kec_churn[*k as usize];
                    *xh = m + c.r * (*xh - m) + c.innovation * s * churn.hashed_normal(*hash, t as u64);
                }
            }
            self.reranker.apply(&mut self.x, &c.people);
        }
        let shock = c.shock_at(t);
        let shape = &pop.shape;
        let growth_years = t as f64;
        let mut total = 0.0;
        for h in 0..c.n {
            let ln_y = world::ln_consumption(shape, &c.growth_table, self.x[h], growth_years, shock, c.shock_x);
            self.y_ref[h] = libm::exp(ln_y);
            total += c.people[h] * self.y_ref[h];
        }
        total
    }

    fn shared<'a>(&'a self, c: &'a Ctx, pop: &'a Population, t: usize, total: f64, desil: f64) -> Shared<'a> {
        Path::shared_on(&self.x, c, pop, t, total, desil)
    }

    fn shared_on<'a>(
        x: &'a [f64],
        c: &'a Ctx,
        pop: &'a Population,
        t: usize,
        total_consumption: f64,
        desil4_x: f64,
    ) -> Shared<'a> {
        Shared {
            t,
            seed: c.seed,
            x,
            size: &pop.size,
            weights: &c.weights,
            mult: &pop.mult,
            kecamatan: &pop.kecamatan,
            hash: &pop.hash,
            pockets: &c.pockets,
            lacks_house: &c.lacks_house,
            lacks_wash: &c.lacks_wash,
            shape: &pop.shape,
            growth: &c.growth_table,
            shock: c.shock_at(t),
            shock_x: c.shock_x,
            z: c.z,
            unit: c.unit,
            households_total: c.households_total,
            people_total: c.people_total,
            desil4_x,
            total_consumption,
        }
    }
}

/// Per kecamatan, the person-weighted mean and standard deviation of the base-year latent score: the
/// kecamatan's permanent part, which churn keeps (a household's score reverts to its kecamatan's mean, not the
/// district's), and the spread within it. Empty when the district has no kecamatan. The between-kecamatan part
/// of the variance does not churn, so where kecamatan differ a lot a little less of the poor leave poverty in a
/// year than the exit-share lever says.
fn kecamatan_churn(s: &Scenario, pop: &Population, weights: &[f64]) -> Vec<(f64, f64)> {
    let n = s.district.kecamatan.len();
    if n == 0 {
        return Vec::new();
    }
    let mut sums = vec![[0.0f64; 3]; n];
    for (((k, x), size), w) in pop.kecamatan.iter().zip(&pop.x0).zip(&pop.size).zip(weights) {
        let (a, wp) = (&mut sums[*k as usize], w * size);
        a[0] += wp;
        a[1] += wp * x;
        a[2] += wp * x * x;
    }
    sums.iter()
        .map(|[p, sx, sxx]| {
            if *p <= 0.0 {
                return (0.0, 1.0);
            }
            let m = sx / p;
            (m, libm::sqrt((sxx / p - m * m).max(1e-6)))
        })
        .collect()
}

/// The poverty pockets (served first by housing and water and sanitation): the kecamatan chosen as pockets,
/// and, where no choice is made, those whose estimated headcount exceeds the district's.
fn pocket_kecamatan(s: &Scenario) -> Vec<bool> {
    let p0 = s.district.calibration.p0_pct();
    if s.district.kecamatan.is_empty() {
        return vec![false];
    }
    s.district.kecamatan.iter().map(|k| k.is_pocket(p0)).collect()
}
