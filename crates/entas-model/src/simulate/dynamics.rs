//! What happens to households whatever the programmes: churn of the latent score, the yearly re-ranking
//! that keeps its person-weighted distribution exactly standard normal, and growth against the poverty line.

use crate::normal;

/// Share of the poor still poor a year later for churn coefficient `r` at headcount `p0` (no growth):
/// P(X < a, Y < a) / P(X < a) for a standard bivariate normal with correlation r.
pub fn stay_share(r: f64, p0: f64) -> f64 {
    let a = normal::quantile(p0);
    let s = libm::sqrt((1.0 - r * r).max(1e-12));
    let lo = -9.0;
    let n = 240;
    let h = (a - lo) / n as f64;
    let f = |x: f64| libm::exp(-0.5 * x * x) * normal::cdf((a - r * x) / s);
    let mut sum = f(lo) + f(a);
    for i in 1..n {
        let x = lo + i as f64 * h;
        sum += if i % 2 == 1 { 4.0 } else { 2.0 } * f(x);
    }
    let joint = sum * h / 3.0 / libm::sqrt(2.0 * core::f64::consts::PI);
    joint / p0
}

/// The churn coefficient that makes `exit` (share) of the poor leave poverty in a year at headcount `p0`.
/// An exit share of zero means no churn at all (r = 1).
pub fn churn_coefficient(exit: f64, p0: f64) -> f64 {
    if exit <= 0.0 {
        return 1.0;
    }
    let (mut lo, mut hi) = (0.0, 0.9999);
    for _ in 0..36 {
        let mid = 0.5 * (lo + hi);
        if 1.0 - stay_share(mid, p0) > exit {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

const QN_BINS: usize = 4_096;
const QN_LO: f64 = -6.0;
const QN_HI: f64 = 6.0;

/// Re-ranks latent scores after churn so that their person-weighted distribution is the base year's again
/// (the AR(1) keeps it so in expectation; this removes the sampling noise of the marginal, so the headcount
/// of a year does not wobble with the seed while who moves stays random). Monotone, so ranks are kept:
/// x ← Q(F(x)), with F the person-weighted empirical CDF on a fine grid, linear within a cell, and Q the
/// target quantile function: standard normal, or the base year's own (`towards`).
pub struct Reranker {
    mass: Vec<f64>,
    target: Vec<f64>,
    /// Target quantiles at p = i / QUANTILE_GRID (None: standard normal).
    quantiles: Option<Vec<f64>>,
}

const QUANTILE_GRID: usize = 16_384;

impl Reranker {
    pub fn new() -> Reranker {
        Reranker { mass: vec![0.0; QN_BINS], target: vec![0.0; QN_BINS + 1], quantiles: None }
    }

    /// A re-ranker that keeps the person-weighted distribution of `x` (weights `people`): the base year's
    /// welfare before district programmes — the calibrated standard normal with the status quo's recipients
    /// moved down by their transfers.
    pub fn towards(x: &[f64], people: &[f64]) -> Reranker {
        let mut order: Vec<usize> = (0..x.len()).collect();
        order.sort_by(|a, b| x[*a].total_cmp(&x[*b]));
        let total: f64 = people.iter().sum();
        // Mid-point cumulative shares of the sorted scores.
        let mut cum = 0.0;
        let points: Vec<(f64, f64)> = order
            .iter()
            .map(|&h| {
                let u = (cum + 0.5 * people[h]) / total;
                cum += people[h];
                (u, x[h])
            })
            .collect();
        let mut j = 0;
        let quantiles = (0..=QUANTILE_GRID)
            .map(|i| {
                let p = i as f64 / QUANTILE_GRID as f64;
                while j + 1 < points.len() && points[j + 1].0 <= p {
                    j += 1;
                }
                match (points.get(j), points.get(j + 1)) {
                    (Some(a), _) if p <= a.0 => a.1,
                    (Some(a), Some(b)) => a.1 + (b.1 - a.1) * (p - a.0) / (b.0 - a.0),
                    (Some(a), None) => a.1,
                    _ => 0.0,
                }
            })
            .collect();
        Reranker { quantiles: Some(quantiles), ..Reranker::new() }
    }

    #[inline]
    fn quantile(&self, p: f64) -> f64 {
        match &self.quantiles {
            None => normal::quantile(p),
            Some(q) => {
                let u = p.clamp(0.0, 1.0) * QUANTILE_GRID as f64;
                let i = (u as usize).min(QUANTILE_GRID - 1);
                q[i] + (q[i + 1] - q[i]) * (u - i as f64)
            }
        }
    }

    pub fn apply(&mut self, x: &mut [f64], people: &[f64]) {
        let scale = QN_BINS as f64 / (QN_HI - QN_LO);
        let cell = |v: f64| ((v - QN_LO) * scale).clamp(0.0, QN_BINS as f64 - 1e-9);
        self.mass.fill(0.0);
        let mut total = 0.0;
        for (v, p) in x.iter().zip(people) {
            self.mass[cell(*v) as usize] += p;
            total += p;
        }
        let mut cum = 0.0;
        let eps = 1e-12;
        for b in 0..=QN_BINS {
            // An empty cell leaves the CDF where it was: reuse the quantile instead of recomputing it.
            self.target[b] = if b > 0 && self.mass[b - 1] == 0.0 {
                self.target[b - 1]
            } else {
                self.quantile((cum / total).clamp(eps, 1.0 - eps))
            };
            if b < QN_BINS {
                cum += self.mass[b];
            }
        }
        for v in x.iter_mut() {
            let c = cell(*v);
            let b = c as usize;
            let f = c - b as f64;
            *v = self.target[b] + (self.target[b + 1] - self.target[b]) * f;
        }
    }
}

impl Default for Reranker {
    fn default() -> Self {
        Self::new()
    }
}

/// ln(1 + g) − ln(1 + 0) as a function of the latent score, tabulated: g(rank) = g_b40 + tilt × 10 × (0.2 − rank),
/// growth of consumption against the poverty line.
pub struct GrowthTable {
    values: Vec<f64>,
}

const GROWTH_LO: f64 = -6.0;
const GROWTH_STEP: f64 = 0.01;

impl GrowthTable {
    pub fn new(g_b40: f64, tilt_per_decile: f64) -> GrowthTable {
        let values = (0..=1200)
            .map(|i| {
                let x = GROWTH_LO + i as f64 * GROWTH_STEP;
                let g = g_b40 + tilt_per_decile * 10.0 * (0.2 - normal::cdf(x));
                libm::log1p(g.max(-0.5))
            })
            .collect();
        GrowthTable { values }
    }

    #[inline]
    pub fn at(&self, x: f64) -> f64 {
        let u = ((x - GROWTH_LO) / GROWTH_STEP).clamp(0.0, 1_199.999_999);
        let i = u as usize;
        let f = u - i as f64;
        self.values[i] + (self.values[i + 1] - self.values[i]) * f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reranking_restores_a_standard_normal_and_keeps_order() {
        let n = 20_000;
        let mut x: Vec<f64> = (0..n).map(|i| 0.5 * normal::quantile((i as f64 + 0.5) / n as f64) + 0.3).collect();
        let people: Vec<f64> = (0..n).map(|i| 1.0 + (i % 5) as f64).collect();
        let before = x.clone();
        Reranker::new().apply(&mut x, &people);
        assert!(x.windows(2).all(|w| w[0] <= w[1]), "order kept");
        let total: f64 = people.iter().sum();
        for q in [0.01, 0.1, 0.5, 0.9] {
            let share: f64 = x.iter().zip(&people).filter(|(v, _)| **v < normal::quantile(q)).map(|(_, p)| p).sum();
            assert!((share / total - q).abs() < 2e-4, "quantile {q}: {}", share / total);
        }
        assert_ne!(x, before);
    }
}
