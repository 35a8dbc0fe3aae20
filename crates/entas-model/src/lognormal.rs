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

/// A year-by-year headcount projection of a lognormal district whose every consumption grows at one rate.
///
/// The foundation's one-lever demonstration of core → signal → canvas; the full microsimulation lives in
/// later modules.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct HeadcountProjection {
    /// Calendar year of element 0.
    pub base_year: i32,
    /// Poverty line, Rp per capita per month, fixed in real terms.
    pub poverty_line: f64,
    /// Headcount P0 in percent, one per year from the base year.
    pub p0_pct: Vec<f64>,
    /// People below the poverty line, one per year.
    pub poor_people: Vec<f64>,
}

/// Projects headcount when every consumption grows by `growth_pct` percent per year for `years` years,
/// at a poverty line `z` fixed in real terms, for a district of `population` people.
pub fn project_headcount(
    base: Lognormal,
    z: f64,
    population: f64,
    base_year: i32,
    growth_pct: f64,
    years: usize,
) -> HeadcountProjection {
    let p0: Vec<f64> = (0..=years).map(|t| base.scaled(libm::pow(1.0 + growth_pct / 100.0, t as f64)).p0(z)).collect();
    HeadcountProjection {
        base_year,
        poverty_line: z,
        p0_pct: p0.iter().map(|p| 100.0 * p).collect(),
        poor_people: p0.iter().map(|p| p * population).collect(),
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
    fn growth_lowers_headcount_every_year() {
        let d = Lognormal::from_headcount(0.13, 590_000.0, 0.42);
        let path = project_headcount(d, 590_000.0, 690_500.0, 2024, 3.0, 6);
        assert_eq!(path.p0_pct.len(), 7);
        assert!(path.p0_pct.windows(2).all(|w| w[1] < w[0]));
        assert!((path.poor_people[0] - 0.13 * 690_500.0).abs() < 1e-6);
        let flat = project_headcount(d, 590_000.0, 690_500.0, 2024, 0.0, 6);
        assert!(flat.p0_pct.iter().all(|p| (p - 13.0).abs() < 1e-9));
    }

    #[test]
    fn gini_of_known_sigma() {
        // σ = 0.6 gives Gini 2Φ(0.4243) − 1 ≈ 0.3286.
        let g = Lognormal { mu_log: 13.0, sigma: 0.6 }.gini();
        assert!((g - 0.328_6).abs() < 1e-3, "{g}");
    }
}
