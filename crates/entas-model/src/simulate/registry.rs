//! The registry a world targets from: per-household records frozen at enumeration, scores on each sector
//! list (errors shared as far as `convergence` says), registration, and the score histograms quotas are
//! filled on.

use super::params::Params;
use crate::normal;
use crate::population::Population;
pub(super) const BINS: usize = 4096;
pub(super) const SCORE_LO: f64 = -6.0;
pub(super) const SCORE_HI: f64 = 6.0;
pub(super) const BIN_SCALE: f64 = BINS as f64 / (SCORE_HI - SCORE_LO);

/// Registration of a re-enumerated household: full enumeration reaches 95% (Bah, Bazzi, Sumarto & Tobias 2018:
/// it cuts under-coverage by a third).
pub(crate) const FULL_ENUMERATION_COVERAGE: f64 = 0.95;

/// The sector lists programmes draw on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum List {
    /// Kemensos social-aid list (DTKS / DTSEN): cash and food aid.
    Social = 0,
    /// PBI health-insurance list: national PBI-JK and district UHC.
    Health = 1,
    /// Empowerment lists (Dinas Sosial, Koperasi/UMKM, agriculture): graduation and enterprise grants.
    Empowerment = 2,
    /// Housing and basic services (Perkim / PUPR): RTLH renovation, water and sanitation.
    Housing = 3,
}

pub(crate) const LISTS: usize = 4;

#[inline]
pub(super) fn bin(score: f64) -> usize {
    (((score - SCORE_LO) * BIN_SCALE) as isize).clamp(0, BINS as isize - 1) as usize
}

/// The score below which the cumulative histogram reaches `quota`, and the quota actually filled.
/// Within the boundary bin scores are taken as evenly spread.
pub(super) fn threshold(hist: &[f64], quota: f64) -> (f64, f64) {
    threshold_of(hist.iter().copied(), quota)
}

/// `threshold` on a histogram of counts in units of `unit` (households of the population's unit weight:
/// whole counts for the synthetic population, whose households all weigh one unit).
pub(super) fn threshold_counts(counts: &[f64], unit: f64, quota: f64) -> (f64, f64) {
    threshold_of(counts.iter().map(|c| *c * unit), quota)
}

fn threshold_of(bins: impl Iterator<Item = f64>, quota: f64) -> (f64, f64) {
    if quota <= 0.0 {
        return (f64::NEG_INFINITY, 0.0);
    }
    let mut cum = 0.0;
    for (b, w) in bins.enumerate() {
        if w > 0.0 && cum + w >= quota {
            let frac = (quota - cum) / w;
            return (SCORE_LO + (b as f64 + frac) / BIN_SCALE, quota);
        }
        cum += w;
    }
    (f64::INFINITY, cum)
}

/// Per-household registry state of a world: the record, its scores on each list, and registration.
#[derive(Clone)]
pub(super) struct Registry {
    /// Latent score at the record's enumeration.
    pub(super) x_record: Vec<f64>,
    /// Year index of the record's enumeration (negative: before the base year).
    pub(super) enumerated: Vec<f64>,
    pub(super) full: Vec<bool>,
    pub(super) score: Vec<[f64; LISTS]>,
    /// `bin` of each score, kept with it.
    pub(super) bins: Vec<[u16; LISTS]>,
    pub(super) registered: Vec<u8>,
    pub(super) accuracy: f64,
    pub(super) noise_weight: f64,
    pub(super) common: f64,
    pub(super) own: f64,
    pub(super) q_cov: f64,
    pub(super) q_full: f64,
}

impl Registry {
    /// Records enumerated `age` years before the base year: x then is r^age·x₀ + √(1 − r^2age)·ε, the
    /// churn process run backwards (it is stationary and reversible).
    pub(super) fn new(p: &Params, pop: &Population, x_base: &[f64], r: f64) -> Registry {
        let n = pop.len();
        let ra = libm::pow(r, p.registry_age);
        let back = libm::sqrt((1.0 - ra * ra).max(0.0));
        let q = |c: f64| if c >= 1.0 { f64::INFINITY } else { normal::quantile(c.max(1e-9)) };
        let mut reg = Registry {
            x_record: (0..n).map(|h| ra * x_base[h] + back * pop.draws[h].back as f64).collect(),
            enumerated: vec![-p.registry_age; n],
            full: vec![false; n],
            score: vec![[0.0; LISTS]; n],
            bins: vec![[0; LISTS]; n],
            registered: vec![0; n],
            accuracy: p.accuracy,
            noise_weight: libm::sqrt((1.0 - p.accuracy * p.accuracy).max(0.0)),
            common: libm::sqrt(p.convergence),
            own: libm::sqrt(1.0 - p.convergence),
            q_cov: q(p.coverage0),
            q_full: q(FULL_ENUMERATION_COVERAGE.max(p.coverage0)),
        };
        for h in 0..n {
            reg.record(h, pop);
        }
        reg
    }

    #[inline]
    pub(super) fn record(&mut self, h: usize, pop: &Population) {
        let d = &pop.draws[h];
        let q = if self.full[h] { self.q_full } else { self.q_cov };
        let mut bits = 0;
        for l in 0..LISTS {
            let noise = self.common * d.noise[0] as f64 + self.own * d.noise[1 + l] as f64;
            self.score[h][l] = self.accuracy * self.x_record[h] + self.noise_weight * noise;
            self.bins[h][l] = bin(self.score[h][l]) as u16;
            if self.common * (d.registration[0] as f64) + self.own * (d.registration[1 + l] as f64) < q {
                bits |= 1 << l;
            }
        }
        self.registered[h] = bits;
    }

    #[inline]
    pub(super) fn on(&self, h: usize, l: List) -> Option<f64> {
        (self.registered[h] & (1 << l as u8) != 0).then(|| self.score[h][l as usize])
    }

    /// The score's bin when household `h` is on list `l`.
    #[inline]
    pub(super) fn bin_on(&self, h: usize, l: List) -> Option<usize> {
        (self.registered[h] & (1 << l as u8) != 0).then(|| self.bins[h][l as usize] as usize)
    }
}

/// Households (people, for health) still to be served on each list, by score bin, in whole counts: kept up
/// to date as records are refreshed and one-off packages delivered, instead of counted again every year.
/// Each household counts its multiple of the unit weight (`Population::mult`): 1 for every synthetic
/// household, so their counts are whole numbers, exact in f64.
#[derive(Clone)]
pub(super) struct Counts {
    pub(super) social: Vec<f64>,
    /// People, not households.
    pub(super) health: Vec<f64>,
    pub(super) graduation: Vec<f64>,
    pub(super) enterprise: Vec<f64>,
    /// [not pocket, pocket]
    pub(super) house: [Vec<f64>; 2],
    pub(super) wash: [Vec<f64>; 2],
}

impl Counts {
    pub(super) fn new() -> Counts {
        let v = || vec![0.0; BINS];
        Counts { social: v(), health: v(), graduation: v(), enterprise: v(), house: [v(), v()], wash: [v(), v()] }
    }
}
