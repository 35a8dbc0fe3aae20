//! The population of a household file: the file's own distribution of consumption in place of the
//! three-piece lognormal. Each household's latent score is the normal quantile of its person-weighted
//! mid-rank, and ln consumption is piecewise linear in the score through every household of the file, so
//! the base year gives back each household's own consumption, and the file's P0, P1 and P2.

use std::sync::Arc;

use super::{CalibrationReport, Population, Shape, KINK_LINE, SIGMA_LOW_PLAUSIBLE};
use crate::households::Households;
use crate::levers::{LeverId, LeverValues};
use crate::normal;
use crate::scenario::Scenario;

/// Cells of the look-up grid over the knots' scores.
const GRID: usize = 1 << 16;

/// ln consumption − m, piecewise linear in the latent score through the file's households.
#[derive(Debug, PartialEq)]
pub struct Empirical {
    /// Latent scores of the knots, strictly increasing.
    x: Vec<f64>,
    /// ln consumption − m at each knot, non-decreasing.
    s: Vec<f64>,
    /// Slopes beyond the first and the last knot.
    slope_lo: f64,
    slope_hi: f64,
    /// For cell g of the grid, the last knot at or below the cell's start.
    index: Vec<u32>,
    lo: f64,
    scale: f64,
}

impl Empirical {
    fn new(x: Vec<f64>, s: Vec<f64>, slope_lo: f64, slope_hi: f64) -> Empirical {
        let n = x.len();
        let (lo, hi) = (x[0], x[n - 1]);
        let scale = GRID as f64 / (hi - lo).max(1e-12);
        let mut index = Vec::with_capacity(GRID + 1);
        let mut i = 0usize;
        for g in 0..=GRID {
            let at = lo + g as f64 / scale;
            while i + 1 < n && x[i + 1] <= at {
                i += 1;
            }
            index.push(i as u32);
        }
        Empirical { x, s, slope_lo, slope_hi, index, lo, scale }
    }

    /// The knot interval [x_i, x_{i+1}) holding `x` (inside the knots' range).
    #[inline]
    fn interval(&self, x: f64) -> usize {
        let g = (((x - self.lo) * self.scale) as usize).min(GRID - 1);
        let (a, b) = (self.index[g] as usize, (self.index[g + 1] as usize + 1).min(self.x.len() - 1));
        a + self.x[a..=b].partition_point(|v| *v <= x).saturating_sub(1)
    }

    #[inline]
    pub fn spread(&self, x: f64) -> f64 {
        let n = self.x.len();
        if x <= self.x[0] {
            return self.s[0] + self.slope_lo * (x - self.x[0]);
        }
        if x >= self.x[n - 1] {
            return self.s[n - 1] + self.slope_hi * (x - self.x[n - 1]);
        }
        let i = self.interval(x).min(n - 2);
        let (x0, x1, s0, s1) = (self.x[i], self.x[i + 1], self.s[i], self.s[i + 1]);
        s0 + (s1 - s0) * (x - x0) / (x1 - x0)
    }

    pub fn inverse_spread(&self, s: f64) -> f64 {
        let n = self.x.len();
        if s <= self.s[0] {
            return self.x[0] + (s - self.s[0]) / self.slope_lo;
        }
        if s >= self.s[n - 1] {
            return self.x[n - 1] + (s - self.s[n - 1]) / self.slope_hi;
        }
        let i = self.s.partition_point(|v| *v <= s).saturating_sub(1).min(n - 2);
        let (x0, x1, s0, s1) = (self.x[i], self.x[i + 1], self.s[i], self.s[i + 1]);
        if s1 > s0 {
            x0 + (x1 - x0) * (s - s0) / (s1 - s0)
        } else {
            x0
        }
    }
}

/// The households of `file` in rank order (by consumption, ties in file order) and what they make.
pub(super) fn build(s: &Scenario, levers: &LeverValues, file: &Households) -> Population {
    let d = &s.district;
    let z = d.poverty_line;
    let n = file.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| file.consumption[*a].total_cmp(&file.consumption[*b]).then(a.cmp(b)));
    let mean_weight = file.weight.iter().sum::<f64>() / n as f64;
    let size: Vec<f64> = order.iter().map(|&i| file.size[i]).collect();
    let mult: Vec<f64> = order.iter().map(|&i| file.weight[i] / mean_weight).collect();
    let y: Vec<f64> = order.iter().map(|&i| file.consumption[i]).collect();
    let people: Vec<f64> = size.iter().zip(&mult).map(|(s, m)| s * m).collect();
    let total: f64 = people.iter().sum();
    // The weights stand for the district's people: scaled to its population (the file gives the shape).
    let weight = d.population / total;
    let mut cum = 0.0;
    let rank0: Vec<f64> = people
        .iter()
        .map(|p| {
            let mid = (cum + p / 2.0) / total;
            cum += p;
            // Weights 13 orders of magnitude apart could round a mid-rank to 0 or 1 (an infinite score).
            mid.clamp(1e-12, 1.0 - 1e-12)
        })
        .collect();
    let x0: Vec<f64> = rank0.iter().map(|u| normal::quantile(*u)).collect();
    let m = file.measures(z);

    // A parametric summary for the report and the tails beyond the file: the lognormal lower tail of the
    // file's own P0, P1 and P2.
    let p0 = (m.p0_pct / 100.0).clamp(1e-6, 1.0 - 1e-6);
    let lower = if m.p1 > 0.0 && m.p2 > 0.0 {
        super::fit_p1_p2(p0, m.p1 / 100.0, m.p2 / 100.0, z)
    } else {
        crate::lognormal::Lognormal::from_headcount(p0, z, levers.get(LeverId::SigmaLow))
    };
    let ln_y: Vec<f64> = y.iter().map(|v| libm::log(*v)).collect();
    let knots: Vec<f64> = ln_y.iter().map(|v| v - lower.mu_log).collect();
    // Slope of the top 1% of households for incomes above the file's richest.
    let top = (n / 100).max(2).min(n - 1);
    let slope_hi = ((knots[n - 1] - knots[n - 1 - top]) / (x0[n - 1] - x0[n - 1 - top]).max(1e-9)).clamp(0.05, 3.0);
    let table = Empirical::new(x0.clone(), knots, lower.sigma, slope_hi);
    let x_line = table.inverse_spread(libm::log(z) - lower.mu_log);
    let x_kink = table.inverse_spread(libm::log(KINK_LINE * z) - lower.mu_log);
    let shape = Shape {
        mu_log: lower.mu_log,
        sigma_low: lower.sigma,
        sigma_mid: levers.get(LeverId::SigmaMid),
        sigma_high: slope_hi,
        x_line,
        x_kink,
        table: Some(Arc::new(table)),
    };

    let kecamatan: Vec<u16> =
        if file.kecamatan.is_empty() { vec![0; n] } else { order.iter().map(|&i| file.kecamatan[i]).collect() };
    let people_w: Vec<f64> = people.iter().map(|p| p * weight).collect();
    let share_below = |line: f64| {
        100.0 * people_w.iter().zip(&y).filter(|(_, y)| **y < line).map(|(p, _)| *p).sum::<f64>()
            / people_w.iter().sum::<f64>()
    };
    let gini = super::gini_sorted(&people, &y);
    let (lo, hi) = SIGMA_LOW_PLAUSIBLE;
    let x_p0 = normal::quantile(p0);
    let report = CalibrationReport {
        mode: "household_file",
        p0_target_pct: m.p0_pct,
        p0_achieved_pct: m.p0_pct,
        second_name: "p1",
        second_target: m.p1,
        second_achieved: m.p1,
        gini_target: None,
        gini_achieved: gini,
        mean_consumption_achieved: super::mean_consumption(&people, &y),
        p1_achieved: m.p1,
        p2_achieved: m.p2,
        extreme_achieved_pct: share_below(s.extreme_line.rupiah_in(z, d.base_year)),
        extreme_observed_pct: d
            .observed
            .iter()
            .find(|o| o.year == d.base_year)
            .and_then(|o| o.extreme_on(&s.extreme_line)),
        sigma_low_warning: (!(lo..=hi).contains(&shape.sigma_low)).then(|| {
            format!("σ_low = {:.2} of the household file's lower tail is outside {lo:.2}–{hi:.2}", shape.sigma_low)
        }),
        headcount_elasticity: -libm::exp(-0.5 * x_p0 * x_p0)
            / libm::sqrt(2.0 * core::f64::consts::PI)
            / (p0 * shape.sigma_low),
        shape: shape.clone(),
    };
    let pick = |v: &Option<Vec<bool>>| v.as_ref().map(|v| order.iter().map(|&i| v[i]).collect::<Vec<bool>>());
    let mut pop = super::with_draws(s.seed, weight, size, x0, rank0, kecamatan, shape, report);
    pop.mult = mult;
    pop.lacks_house = pick(&file.rtlh);
    pop.lacks_sanitation = pick(&file.no_sanitation);
    pop.source = file.fingerprint();
    pop.consumption = Some(y);
    pop
}
