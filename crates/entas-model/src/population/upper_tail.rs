//! The upper tail's log-spread σ_high, fitted to the district's Gini or mean consumption in O(households)
//! per step: households at or below the kink (1.5 × GK) do not depend on σ_high, so their sums are taken
//! once; each Newton step is one pass over the households above it, giving the value and its derivative.
//! Seven passes instead of the sixty-two a bisection needs (one exp per upper household per pass).

use super::Shape;

/// The households above the kink and the fixed sums of the others, in rank order.
pub(super) struct UpperTail {
    /// Above the kink: people, the Lorenz weight s·(2·people richer + s), and the score's distance above
    /// the kink.
    size: Vec<f64>,
    lorenz: Vec<f64>,
    above: Vec<f64>,
    /// At or below the kink: Σ people × consumption and Σ Lorenz weight × consumption.
    total_low: f64,
    lorenz_low: f64,
    people: f64,
    /// ln consumption at the kink.
    ln_kink: f64,
}

impl UpperTail {
    /// `size` and `x` in rank order (ascending scores, so ascending consumption).
    pub(super) fn new(size: &[f64], x: &[f64], shape: &Shape) -> UpperTail {
        let people: f64 = size.iter().sum();
        let mut richer = people;
        let mut out = UpperTail {
            size: Vec::new(),
            lorenz: Vec::new(),
            above: Vec::new(),
            total_low: 0.0,
            lorenz_low: 0.0,
            people,
            ln_kink: shape.mu_log + shape.spread(shape.x_kink),
        };
        for (s, x) in size.iter().zip(x) {
            richer -= s;
            let lorenz = s * (2.0 * richer.max(0.0) + s);
            if *x <= shape.x_kink {
                let y = libm::exp(shape.mu_log + shape.spread(*x));
                out.total_low += s * y;
                out.lorenz_low += lorenz * y;
            } else {
                out.size.push(*s);
                out.lorenz.push(lorenz);
                out.above.push(x - shape.x_kink);
            }
        }
        out
    }

    /// (Σ s·y, Σ a·y) and their derivatives in σ_high.
    fn sums(&self, sigma_high: f64) -> [f64; 4] {
        let (mut t, mut n, mut dt, mut dn) = (self.total_low, self.lorenz_low, 0.0, 0.0);
        for ((s, a), d) in self.size.iter().zip(&self.lorenz).zip(&self.above) {
            let y = libm::exp(self.ln_kink + sigma_high * d);
            t += s * y;
            n += a * y;
            dt += s * d * y;
            dn += a * d * y;
        }
        [t, n, dt, dn]
    }

    /// Person-weighted Gini at σ_high and its derivative.
    pub(super) fn gini(&self, sigma_high: f64) -> (f64, f64) {
        let [t, n, dt, dn] = self.sums(sigma_high);
        (1.0 - n / (self.people * t), -(dn * t - n * dt) / (self.people * t * t))
    }

    /// Person-weighted mean consumption at σ_high and its derivative.
    pub(super) fn mean(&self, sigma_high: f64) -> (f64, f64) {
        let [t, _, dt, _] = self.sums(sigma_high);
        (t / self.people, dt / self.people)
    }
}

/// Root of an increasing function on [lo, hi] (clamped to the ends when there is none) from its value and
/// derivative: Newton steps, with a bisection step whenever Newton would leave the bracket.
pub(super) fn newton_root(mut lo: f64, mut hi: f64, f: impl Fn(f64) -> (f64, f64)) -> f64 {
    if f(lo).0 >= 0.0 {
        return lo;
    }
    if f(hi).0 <= 0.0 {
        return hi;
    }
    let mut x = 0.5 * (lo + hi);
    for _ in 0..100 {
        let (fx, dfx) = f(x);
        if fx == 0.0 {
            return x;
        }
        if fx < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let newton = x - fx / dfx;
        let next = if newton > lo && newton < hi { newton } else { 0.5 * (lo + hi) };
        if (next - x).abs() <= 4.0 * f64::EPSILON * x.abs() {
            return next;
        }
        x = next;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newton_finds_the_root_and_clamps_to_the_ends() {
        let f = |x: f64| (x * x * x - 2.0, 3.0 * x * x);
        assert!((newton_root(0.05, 3.0, f) - libm::cbrt(2.0)).abs() < 1e-14);
        assert_eq!(newton_root(0.05, 3.0, |x| (x + 1.0, 1.0)), 0.05);
        assert_eq!(newton_root(0.05, 3.0, |x| (x - 9.0, 1.0)), 3.0);
    }
}
