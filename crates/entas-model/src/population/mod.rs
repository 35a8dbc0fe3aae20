//! The synthetic district: H households with weights, sizes and a latent welfare score, calibrated so that
//! the base year reproduces the published lower tail (brief §5: fit the tail, not the Gini).
//!
//! Per-capita consumption is a three-piece lognormal in the latent score x (person-weighted standard normal):
//! ln y = m + σ_low·x below the poverty line, slope σ_mid between 1 and 1.5 × GK (brief §5: ≈0.45), slope
//! σ_high above. P0 and the second target fix (m, σ_low) — the lower tail is exactly lognormal, so the closed
//! forms of brief §5 hold there; the Gini (or the mean) fixes σ_high and never touches the poverty tail. Households are generated in rank order and each gets the
//! normal quantile of its person-weighted mid-rank, so the base-year headcount is exact up to one household.
//!
//! Just over 400 lines: the three lower-tail fits and the household build they feed belong together.

use crate::levers::{LeverId, LeverValues};
use crate::lognormal::Lognormal;
use crate::normal;
use crate::rng::{self, Stream};
use crate::scenario::{Calibration, Scenario};
use upper_tail::{newton_root, UpperTail};

mod empirical;
mod upper_tail;

pub use empirical::Empirical;

/// The names a calibration's second target can have (`CalibrationReport::second_name`).
pub const SECOND_TARGETS: [&str; 3] = ["p1", "extreme_pct", "gini"];

/// Poor households are larger than average: default ratio when the district gives none [A].
pub const POOR_SIZE_RATIO: f64 = 1.25;
/// Upper-tail log-spread when neither a Gini nor a mean consumption is given [A].
pub const DEFAULT_SIGMA_HIGH: f64 = 0.75;
/// The kink between the lower and the upper tail, as a multiple of the poverty line.
pub const KINK_LINE: f64 = 1.5;

/// The shape of the consumption distribution in the latent score.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Shape {
    /// ln(Rp per capita per month) at x = 0 of the lower tail.
    pub mu_log: f64,
    /// Log-spread below the poverty line.
    pub sigma_low: f64,
    /// Log-spread between 1 and 1.5 × GK.
    pub sigma_mid: f64,
    /// Log-spread above 1.5 × GK.
    pub sigma_high: f64,
    /// Latent score at the poverty line.
    pub x_line: f64,
    /// Latent score at 1.5 × GK.
    pub x_kink: f64,
    /// A household file's own distribution, which replaces the three pieces (the σ's then only summarise
    /// it and extend it beyond the file's poorest and richest households).
    #[serde(skip)]
    pub table: Option<std::sync::Arc<Empirical>>,
}

impl Shape {
    /// ln y − m for latent score `x` (the piecewise-linear part).
    #[inline]
    pub fn spread(&self, x: f64) -> f64 {
        if let Some(t) = &self.table {
            return t.spread(x);
        }
        if x <= self.x_line {
            self.sigma_low * x
        } else if x <= self.x_kink {
            self.sigma_low * self.x_line + self.sigma_mid * (x - self.x_line)
        } else {
            self.sigma_low * self.x_line
                + self.sigma_mid * (self.x_kink - self.x_line)
                + self.sigma_high * (x - self.x_kink)
        }
    }

    /// The latent score with ln y − m = `s` (inverse of `spread`).
    #[inline]
    pub fn inverse_spread(&self, s: f64) -> f64 {
        if let Some(t) = &self.table {
            return t.inverse_spread(s);
        }
        let at_line = self.sigma_low * self.x_line;
        let at_kink = at_line + self.sigma_mid * (self.x_kink - self.x_line);
        if s <= at_line {
            s / self.sigma_low
        } else if s <= at_kink {
            self.x_line + (s - at_line) / self.sigma_mid
        } else {
            self.x_kink + (s - at_kink) / self.sigma_high
        }
    }
}

/// Calibration targets next to what the synthetic base year achieves.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CalibrationReport {
    pub mode: &'static str,
    pub p0_target_pct: f64,
    pub p0_achieved_pct: f64,
    /// Name of the second target, one of `SECOND_TARGETS`.
    pub second_name: &'static str,
    pub second_target: f64,
    pub second_achieved: f64,
    pub gini_target: Option<f64>,
    pub gini_achieved: f64,
    pub mean_consumption_achieved: f64,
    /// What the synthetic base year gives for every published measure, fitted or not (P1, P2 ×100; extreme
    /// rate at the scenario's extreme line, percent).
    pub p1_achieved: f64,
    pub p2_achieved: f64,
    pub extreme_achieved_pct: f64,
    /// The published base-year extreme rate, when known: a check beside the fit, not a target (unless the
    /// calibration mode is `p0_extreme`).
    pub extreme_observed_pct: Option<f64>,
    /// Set when σ_low falls outside 0.30–0.60 (brief §5: 0.40–0.45): the lower tail is then suspect.
    pub sigma_low_warning: Option<String>,
    /// Growth elasticity of the headcount implied by the lower tail: −φ(x)/(Φ(x)·σ_low) at the poverty line.
    pub headcount_elasticity: f64,
    pub shape: Shape,
}

/// σ_low outside this range draws a warning (brief §5's 0.40–0.45, widened for districts).
pub const SIGMA_LOW_PLAUSIBLE: (f64, f64) = (0.30, 0.60);

/// The synthetic households, immutable after calibration.
#[derive(Clone, Debug)]
pub struct Population {
    pub seed: u64,
    /// The unit weight: households one unit of `mult` stands for (every synthetic household weighs one unit).
    pub weight: f64,
    /// Each household's weight in units of `weight` (1 for every synthetic household; a household file's
    /// weights divided by their mean).
    pub mult: Vec<f64>,
    /// People in each household.
    pub size: Vec<f64>,
    /// Latent welfare score at the base year (person-weighted standard normal).
    pub x0: Vec<f64>,
    /// Person-weighted mid-rank at the base year (0–1), Φ(x0).
    pub rank0: Vec<f64>,
    /// Kecamatan index of each household (0 when the district has none).
    pub kecamatan: Vec<u16>,
    /// Per-household registry draws that never change over a run, drawn once here rather than on every run.
    pub draws: Vec<RegistryDraws>,
    /// Draws that decide an uninhabitable house, missing sanitation and an enterprise's survival (uniform).
    pub u_house: Vec<f64>,
    pub u_sanitation: Vec<f64>,
    pub u_enterprise: Vec<f64>,
    /// `rng::index_hash` of each household's index: the household's half of every yearly draw, mixed once.
    pub hash: Vec<u64>,
    /// From a household file that says so: who lives in an uninhabitable house, and who without
    /// sanitation (otherwise drawn from the district's shares, poorer households more likely).
    pub lacks_house: Option<Vec<bool>>,
    pub lacks_sanitation: Option<Vec<bool>>,
    /// The household file's fingerprint (`Households::fingerprint`); 0 for a synthetic population.
    pub source: u64,
    /// A household file's base-year consumption of each household, as the file gives it (None: synthetic).
    pub consumption: Option<Vec<f64>>,
    pub shape: Shape,
    pub report: CalibrationReport,
}

/// One household's registry draws (standard normal): index 0 is shared by every sector list, 1–4 belong to
/// one list each (social aid, health, empowerment, housing); `back` places the base-year record's
/// enumeration on the churn path before the base year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RegistryDraws {
    pub registration: [f32; 5],
    pub noise: [f32; 5],
    pub back: f32,
}

/// Poisson draw by inversion from one uniform (λ is a household size, so small).
fn poisson(lambda: f64, u: f64) -> f64 {
    let mut k = 0.0;
    let mut p = libm::exp(-lambda);
    let mut cum = p;
    while u > cum && k < 30.0 {
        k += 1.0;
        p *= lambda / k;
        cum += p;
    }
    k
}

impl Population {
    /// Builds and calibrates the population of a validated scenario. Reads only the levers `sigma_low` and
    /// `sigma_mid`.
    pub fn build(s: &Scenario, levers: &LeverValues) -> Population {
        let d = &s.district;
        let h_count = s.households;
        let seed = s.seed;
        let z = d.poverty_line;
        let p0 = d.calibration.p0_pct() / 100.0;

        // Sizes, in rank order: poorer households are larger.
        let mean = d.household_size;
        let poor = d.poor_household_size.unwrap_or(mean * POOR_SIZE_RATIO);
        let slope = (poor - mean) / (0.5 - p0 / 2.0);
        let size: Vec<f64> = (0..h_count)
            .map(|h| {
                let u = (h as f64 + rng::uniform(seed, Stream::Rank, h as u64, 0)) / h_count as f64;
                let lambda = (mean + slope * (0.5 - u)).max(1.05);
                1.0 + poisson(lambda - 1.0, rng::uniform(seed, Stream::Size, h as u64, 0))
            })
            .collect();
        let people: f64 = size.iter().sum();
        let weight = d.population / people;

        // Person-weighted mid-ranks → latent scores.
        let mut cum = 0.0;
        let rank0: Vec<f64> = size
            .iter()
            .map(|sz| {
                let mid = (cum + sz / 2.0) / people;
                cum += sz;
                mid
            })
            .collect();
        let x0: Vec<f64> = rank0.iter().map(|u| normal::quantile(*u)).collect();

        // Lower tail.
        let (lower, mode, second_name, second_target) = match d.calibration {
            Calibration::P0P1 { p1, .. } => (fit_p1(p0, p1 / 100.0, z), "p0_p1", "p1", p1),
            Calibration::P0P1P2 { p1, p2, .. } => (fit_p1_p2(p0, p1 / 100.0, p2 / 100.0, z), "p0_p1_p2", "p1", p1),
            Calibration::P0Extreme { extreme_pct, line, .. } => (
                Lognormal::from_two_rates(p0, z, extreme_pct / 100.0, line.rupiah_in(z, d.base_year)),
                "p0_extreme",
                "extreme_pct",
                extreme_pct,
            ),
            Calibration::P0Gini { gini, .. } => {
                (Lognormal::from_headcount(p0, z, levers.get(LeverId::SigmaLow)), "p0_gini", "gini", gini)
            }
        };
        let x_line = (libm::log(z) - lower.mu_log) / lower.sigma;
        let sigma_mid = levers.get(LeverId::SigmaMid);
        let mut shape = Shape {
            mu_log: lower.mu_log,
            sigma_low: lower.sigma,
            sigma_mid,
            sigma_high: DEFAULT_SIGMA_HIGH,
            x_line,
            x_kink: x_line + libm::log(KINK_LINE) / sigma_mid,
            table: None,
        };

        // Upper tail.
        let gini_target = match d.calibration {
            Calibration::P0Gini { gini, .. } => Some(gini),
            _ => d.gini,
        };
        if let Some(g) = gini_target {
            let upper = UpperTail::new(&size, &x0, &shape);
            shape.sigma_high = newton_root(0.05, 3.0, |sh| {
                let (v, dv) = upper.gini(sh);
                (v - g, dv)
            });
        } else if let Some(m) = d.mean_consumption {
            let upper = UpperTail::new(&size, &x0, &shape);
            shape.sigma_high = newton_root(0.05, 3.0, |sh| {
                let (v, dv) = upper.mean(sh);
                (v - m, dv)
            });
        }

        let kecamatan = assign_kecamatan(s, &x0, &shape, z);

        // What the base year achieves.
        let y: Vec<f64> = x0.iter().map(|x| libm::exp(shape.mu_log + shape.spread(*x))).collect();
        let share_below =
            |line: f64| size.iter().zip(&y).filter(|(_, y)| **y < line).map(|(s, _)| *s).sum::<f64>() / people;
        let gini_achieved = gini_sorted(&size, &y);
        let fgt = |a: i32| {
            100.0 * size.iter().zip(&y).filter(|(_, y)| **y < z).map(|(s, y)| s * (1.0 - y / z).powi(a)).sum::<f64>()
                / people
        };
        let (p1_achieved, p2_achieved) = (fgt(1), fgt(2));
        let second_achieved = match d.calibration {
            Calibration::P0P1 { .. } | Calibration::P0P1P2 { .. } => p1_achieved,
            Calibration::P0Extreme { line, .. } => 100.0 * share_below(line.rupiah_in(z, d.base_year)),
            Calibration::P0Gini { .. } => gini_achieved,
        };
        let extreme_observed_pct = match d.calibration {
            Calibration::P0Extreme { extreme_pct, line, .. } if line == s.extreme_line => Some(extreme_pct),
            _ => d.observed.iter().find(|o| o.year == d.base_year).and_then(|o| o.extreme_on(&s.extreme_line)),
        };
        let (lo, hi) = SIGMA_LOW_PLAUSIBLE;
        let sigma_low_warning = (!(lo..=hi).contains(&shape.sigma_low)).then(|| {
            format!(
                "σ_low = {:.2} is outside {lo:.2}–{hi:.2} (brief §5: 0.40–0.45): check the base-year figures",
                shape.sigma_low
            )
        });
        let x_p0 = normal::quantile(p0);
        let headcount_elasticity =
            -libm::exp(-0.5 * x_p0 * x_p0) / libm::sqrt(2.0 * core::f64::consts::PI) / (p0 * shape.sigma_low);
        let report = CalibrationReport {
            mode,
            p0_target_pct: p0 * 100.0,
            p0_achieved_pct: 100.0 * share_below(z),
            second_name,
            second_target,
            second_achieved,
            gini_target,
            gini_achieved,
            mean_consumption_achieved: mean_consumption(&size, &y),
            p1_achieved,
            p2_achieved,
            extreme_achieved_pct: 100.0 * share_below(s.extreme_line.rupiah_in(z, d.base_year)),
            extreme_observed_pct,
            sigma_low_warning,
            headcount_elasticity,
            shape: shape.clone(),
        };
        with_draws(seed, weight, size, x0, rank0, kecamatan, shape, report)
    }

    /// The population of a household file (the scenario as `Model::with_households` prepared it).
    pub fn from_households(s: &Scenario, levers: &LeverValues, file: &crate::households::Households) -> Population {
        empirical::build(s, levers, file)
    }

    /// Number of synthetic households.
    pub fn len(&self) -> usize {
        self.size.len()
    }

    pub fn is_empty(&self) -> bool {
        self.size.is_empty()
    }
}

/// A population of households of equal weight `weight` in rank order, with every per-household draw that
/// never changes made once.
#[allow(clippy::too_many_arguments)]
fn with_draws(
    seed: u64,
    weight: f64,
    size: Vec<f64>,
    x0: Vec<f64>,
    rank0: Vec<f64>,
    kecamatan: Vec<u16>,
    shape: Shape,
    report: CalibrationReport,
) -> Population {
    let h_count = size.len();
    let uniform = |stream: Stream| (0..h_count).map(|h| rng::uniform(seed, stream, h as u64, 0)).collect::<Vec<f64>>();
    Population {
        seed,
        weight,
        mult: vec![1.0; h_count],
        size,
        x0,
        rank0,
        kecamatan,
        draws: (0..h_count as u64)
            .map(|h| RegistryDraws {
                registration: core::array::from_fn(|l| rng::normal(seed, Stream::Registry, h, l as u64) as f32),
                noise: core::array::from_fn(|l| {
                    let stream = if l == 0 { Stream::ScoreNoise } else { Stream::SectorNoise };
                    rng::normal(seed, stream, h, l as u64) as f32
                }),
                back: rng::normal(seed, Stream::RegistryAge, h, 0) as f32,
            })
            .collect(),
        u_house: uniform(Stream::House),
        u_sanitation: uniform(Stream::Sanitation),
        u_enterprise: uniform(Stream::Enterprise),
        hash: (0..h_count as u64).map(rng::index_hash).collect(),
        lacks_house: None,
        lacks_sanitation: None,
        source: 0,
        consumption: None,
        shape,
        report,
    }
}

/// Lognormal lower tail with headcount `p0` and poverty gap `p1` (shares) at line `z`.
fn fit_p1(p0: f64, p1: f64, z: f64) -> Lognormal {
    let sigma = bisect(0.02, 3.0, |s| Lognormal::from_headcount(p0, z, s).p1(z) - p1);
    Lognormal::from_headcount(p0, z, sigma)
}

/// Lognormal lower tail with headcount `p0` whose σ best fits both `p1` and `p2` (shares): least squares of
/// the log errors, by golden-section search.
fn fit_p1_p2(p0: f64, p1: f64, p2: f64, z: f64) -> Lognormal {
    let loss = |s: f64| {
        let d = Lognormal::from_headcount(p0, z, s);
        let (e1, e2) = (libm::log(d.p1(z) / p1), libm::log(d.p2(z) / p2));
        e1 * e1 + e2 * e2
    };
    let (mut a, mut b) = (0.02, 3.0);
    let g = 0.5 * (libm::sqrt(5.0) - 1.0);
    for _ in 0..80 {
        let (c, d) = (b - g * (b - a), a + g * (b - a));
        if loss(c) < loss(d) {
            b = d;
        } else {
            a = c;
        }
    }
    Lognormal::from_headcount(p0, z, 0.5 * (a + b))
}

/// Root of an increasing function on [lo, hi] by bisection (clamped to the ends when there is none).
fn bisect(mut lo: f64, mut hi: f64, f: impl Fn(f64) -> f64) -> f64 {
    if f(lo) >= 0.0 {
        return lo;
    }
    if f(hi) <= 0.0 {
        return hi;
    }
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if f(mid) < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// Person-weighted mean consumption of households with consumption `y`.
fn mean_consumption(size: &[f64], y: &[f64]) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for (s, y) in size.iter().zip(y) {
        num += s * y;
        den += s;
    }
    num / den
}

/// Person-weighted Gini of households already sorted by consumption `y`.
fn gini_sorted(size: &[f64], y: &[f64]) -> f64 {
    let total_people: f64 = size.iter().sum();
    let total: f64 = size.iter().zip(y).map(|(s, y)| s * y).sum();
    let (mut area, mut cum) = (0.0, 0.0);
    for (s, y) in size.iter().zip(y) {
        let c = s * y / total;
        area += (s / total_people) * (2.0 * cum + c);
        cum += c;
    }
    1.0 - area
}

/// Assigns households to kecamatan as a mixture: within a kecamatan the latent scores are normal around the
/// kecamatan's own mean m_k with a spread s common to all, the means set so that each kecamatan's headcount is
/// the one its user-entered shares imply (poor share × P0 ÷ population share) and s so that the mixture keeps
/// the district's unit variance; a household with score x goes to kecamatan k with probability proportional to
/// its population share × φ((x − m_k) / s). Churn then reverts each household to its kecamatan's mean
/// (`simulate::kecamatan_churn`), so a pocket stays a pocket over the years instead of fading into the
/// district's average.
fn assign_kecamatan(s: &Scenario, x0: &[f64], shape: &Shape, z: f64) -> Vec<u16> {
    let k = &s.district.kecamatan;
    if k.is_empty() {
        return vec![0; x0.len()];
    }
    let p0 = s.district.calibration.p0_pct() / 100.0;
    let pop_total: f64 = k.iter().map(|k| k.population_share_pct.max(0.0)).sum::<f64>().max(1e-12);
    let poor_total: f64 = k.iter().map(|k| k.poor_share_pct.max(0.0)).sum::<f64>().max(1e-12);
    let pop: Vec<f64> = k.iter().map(|k| k.population_share_pct.max(0.0) / pop_total).collect();
    let headcount: Vec<f64> = k
        .iter()
        .zip(&pop)
        .map(|(k, p)| if *p > 0.0 { (p0 * k.poor_share_pct.max(0.0) / poor_total / p).clamp(1e-4, 0.999) } else { p0 })
        .collect();
    let x_z = shape.inverse_spread(libm::log(z) - shape.mu_log);
    let mut sd = 1.0;
    let mut mean = vec![0.0; k.len()];
    for _ in 0..60 {
        for (m, h) in mean.iter_mut().zip(&headcount) {
            *m = x_z - sd * crate::normal::quantile(*h);
        }
        let centre: f64 = mean.iter().zip(&pop).map(|(m, p)| m * p).sum();
        let between: f64 = mean.iter().zip(&pop).map(|(m, p)| p * (m - centre) * (m - centre)).sum();
        sd = libm::sqrt((1.0 - between).max(0.05));
    }
    // The scores are standard normal, not that mixture: correct each kecamatan's prior weight and mean on a
    // grid of x until the expected population share and headcount are the entered ones.
    let mut prior = pop.clone();
    let grid: Vec<(f64, f64)> = (0..=2_400)
        .map(|i| {
            let x = -6.0 + i as f64 * 0.005;
            (x, libm::exp(-0.5 * x * x) * 0.005 / libm::sqrt(2.0 * core::f64::consts::PI))
        })
        .collect();
    let mut post = vec![0.0; k.len()];
    for _ in 0..20 {
        let (mut got_pop, mut got_poor) = (vec![0.0; k.len()], vec![0.0; k.len()]);
        for (x, dens) in &grid {
            for ((w, m), p) in post.iter_mut().zip(&mean).zip(&prior) {
                let d = (x - m) / sd;
                *w = p * libm::exp(-0.5 * d * d);
            }
            let total: f64 = post.iter().sum::<f64>().max(1e-300);
            for (i, w) in post.iter().enumerate() {
                got_pop[i] += dens * w / total;
                if *x < x_z {
                    got_poor[i] += dens * w / total;
                }
            }
        }
        for i in 0..k.len() {
            if pop[i] <= 0.0 || got_pop[i] <= 0.0 {
                continue;
            }
            prior[i] *= pop[i] / got_pop[i];
            let got_h = (got_poor[i] / got_pop[i]).clamp(1e-6, 1.0 - 1e-6);
            mean[i] += sd * (crate::normal::quantile(got_h) - crate::normal::quantile(headcount[i]));
        }
    }
    let pop = prior;
    let mut weights = vec![0.0; k.len()];
    x0.iter()
        .enumerate()
        .map(|(h, x)| {
            for ((w, m), p) in weights.iter_mut().zip(&mean).zip(&pop) {
                let d = (x - m) / sd;
                *w = p * libm::exp(-0.5 * d * d);
            }
            let total: f64 = weights.iter().sum();
            let mut u = rng::uniform(s.seed, Stream::Kecamatan, h as u64, 0) * total;
            for (i, w) in weights.iter().enumerate() {
                if u < *w {
                    return i as u16;
                }
                u -= w;
            }
            (weights.len() - 1) as u16
        })
        .collect()
}
