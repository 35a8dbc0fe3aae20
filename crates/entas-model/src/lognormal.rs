//! Closed forms for a lognormal consumption distribution (brief §5): FGT indices and Gini for
//! ln y ~ N(m, σ²), and the fits used to calibrate the lower tail. Per-capita consumption and the poverty
//! line are both in Rp per capita per month at base-year prices.

use crate::normal;

/// A lognormal distribution of per-capita consumption: ln y ~ N(`mu_log`, `sigma`²).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Lognormal {
    /// Mean of ln(consumption), consumption in Rp per capita per month.
    pub mu_log: f64,
    /// Standard deviation of ln(consumption) (dimensionless).
    pub sigma: f64,
}

impl Lognormal {
    /// The lognormal with headcount `p0` (share, 0–1) at line `z` and log-spread `sigma`.
    pub fn from_headcount(p0: f64, z: f64, sigma: f64) -> Self {
        Lognormal { mu_log: libm::log(z) - sigma * normal::quantile(p0), sigma }
    }

    /// Fit to a headcount `p0` at line `z` and a rate `pe` at a lower line `ze` (brief §5).
    pub fn from_two_rates(p0: f64, z: f64, pe: f64, ze: f64) -> Self {
        let sigma = (libm::log(z) - libm::log(ze)) / (normal::quantile(p0) - normal::quantile(pe));
        Self::from_headcount(p0, z, sigma)
    }

    /// Mean consumption, Rp per capita per month.
    pub fn mean(&self) -> f64 {
        libm::exp(self.mu_log + self.sigma * self.sigma / 2.0)
    }

    /// Headcount P0 (share 0–1) at line `z`.
    pub fn p0(&self, z: f64) -> f64 {
        normal::cdf((libm::log(z) - self.mu_log) / self.sigma)
    }

    /// Poverty gap P1 (share 0–1, not ×100) at line `z`.
    pub fn p1(&self, z: f64) -> f64 {
        let s = self.sigma;
        let x = libm::log(z / self.mean()) / s + s / 2.0;
        normal::cdf(x) - (self.mean() / z) * normal::cdf(x - s)
    }

    /// Severity P2 (share 0–1, not ×100) at line `z`.
    pub fn p2(&self, z: f64) -> f64 {
        let s = self.sigma;
        let r = self.mean() / z;
        let x = libm::log(1.0 / r) / s + s / 2.0;
        normal::cdf(x) - 2.0 * r * normal::cdf(x - s) + r * r * libm::exp(s * s) * normal::cdf(x - 2.0 * s)
    }

    /// Gini coefficient (0–1).
    pub fn gini(&self) -> f64 {
        2.0 * normal::cdf(self.sigma / core::f64::consts::SQRT_2) - 1.0
    }

    /// The same distribution after every consumption is multiplied by `factor`.
    pub fn scaled(&self, factor: f64) -> Self {
        Lognormal { mu_log: self.mu_log + libm::log(factor), sigma: self.sigma }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_from_headcount_reproduces_headcount() {
        let d = Lognormal::from_headcount(0.1288, 590_000.0, 0.42);
        assert!((d.p0(590_000.0) - 0.1288).abs() < 1e-12);
        assert!(d.p2(590_000.0) < d.p1(590_000.0));
        assert!(d.p1(590_000.0) < d.p0(590_000.0));
    }

    #[test]
    fn fit_from_two_rates_reproduces_both() {
        let d = Lognormal::from_two_rates(0.1288, 590_000.0, 0.0047, 0.67 * 590_000.0);
        assert!((d.p0(590_000.0) - 0.1288).abs() < 1e-12);
        assert!((d.p0(0.67 * 590_000.0) - 0.0047).abs() < 1e-12);
    }

    #[test]
    fn gini_of_known_sigma() {
        // σ = 0.6 gives Gini 2Φ(0.4243) − 1 ≈ 0.3286.
        let g = Lognormal { mu_log: 13.0, sigma: 0.6 }.gini();
        assert!((g - 0.328_6).abs() < 1e-3, "{g}");
    }
}
