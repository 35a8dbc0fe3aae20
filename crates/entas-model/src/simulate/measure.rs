//! Measures of one world in one year: FGT indices at the poverty line, the extreme rate, the vulnerable
//! band, a binned Gini, non-monetary indicators and the distribution around the line.

/// Measures of one run in one year. Rates in percent; P1 and P2 as BPS indices (×100).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct YearResult {
    pub year: i32,
    pub p0_pct: f64,
    pub p1: f64,
    pub p2: f64,
    /// At the extreme line of this year (`Outcome::extreme_lines`).
    pub extreme_pct: f64,
    pub poor_people: f64,
    pub extreme_people: f64,
    /// Share of people between 1 and 1.5 × GK, percent.
    pub vulnerable_pct: f64,
    pub gini: f64,
    /// Mean consumption, Rp per capita per month (base-year prices of the poverty line).
    pub mean_consumption: f64,
    /// Realised spending of all programmes and data updating in this world, Rp.
    pub spend_rp: f64,
    /// Distinct households reached by any district programme this year (recurring aid this year, one-off
    /// packages delivered this year; each household once).
    pub beneficiaries: f64,
    /// People in those households.
    pub beneficiary_people: f64,
    /// Desil 1–4 households (the poorest 40% of households) covered by 0, 1, 2, 3+ district programmes:
    /// recurring aid this year and one-off packages received so far.
    pub desil_by_count: [f64; 4],
    /// Share of desil 1–4 households on the social-aid list, percent.
    pub desil_registered_pct: f64,
    /// Mean age of the registry's records, years since enumeration.
    pub record_age_years: f64,
    /// Households living in uninhabitable houses (RTLH).
    pub rtlh_households: f64,
    /// Households without safe water or sanitation.
    pub no_sanitation_households: f64,
}

/// Width of a distribution bin, as a share of the poverty line.
pub const DISTRIBUTION_STEP: f64 = 0.05;
/// Number of distribution bins (0 to 3 × GK, the last open-ended).
pub const DISTRIBUTION_BINS: usize = 60;

#[inline]
pub(crate) fn distribution_bin(y: f64, inv_z: f64) -> usize {
    ((y * inv_z / DISTRIBUTION_STEP) as usize).min(DISTRIBUTION_BINS - 1)
}

/// The lines of one year.
pub(crate) struct Lines {
    pub z: f64,
    pub inv_z: f64,
    pub ze: f64,
    pub z_vulnerable: f64,
    pub gini_key0: i64,
}

impl Lines {
    pub fn new(z: f64, ze: f64, vulnerable_ratio: f64) -> Lines {
        Lines {
            z,
            inv_z: 1.0 / z,
            ze,
            z_vulnerable: vulnerable_ratio * z,
            gini_key0: (1000.0f64.to_bits() >> 44) as i64,
        }
    }
}

const GINI_BINS: usize = 8192;

/// Running sums of one world in one year.
#[derive(Clone)]
pub(crate) struct Acc {
    pub people: f64,
    poor: f64,
    gap: f64,
    gap2: f64,
    extreme: f64,
    vulnerable: f64,
    consumption: f64,
    rtlh: f64,
    no_sanitation: f64,
    lorenz: Vec<[f64; 2]>,
    pub distribution: Vec<f64>,
}

impl Acc {
    pub fn new() -> Acc {
        Acc { lorenz: vec![[0.0; 2]; GINI_BINS], distribution: vec![0.0; DISTRIBUTION_BINS], ..Acc::empty() }
    }

    #[inline]
    pub fn add(&mut self, wp: f64, y: f64, lines: &Lines) {
        self.people += wp;
        self.consumption += wp * y;
        // Without branches: a household above a line adds an exact zero, which leaves a sum as it was.
        let poor = y < lines.z;
        let g = if poor { 1.0 - y * lines.inv_z } else { 0.0 };
        self.poor += if poor { wp } else { 0.0 };
        self.gap += wp * g;
        self.gap2 += wp * g * g;
        self.vulnerable += if !poor && y < lines.z_vulnerable { wp } else { 0.0 };
        self.extreme += if y < lines.ze { wp } else { 0.0 };
        // Positive doubles order like their bit patterns: the top bits are a log-scale bin (256 per octave).
        let key = ((y.max(1.0).to_bits() >> 44) as i64 - lines.gini_key0).clamp(0, GINI_BINS as i64 - 1) as usize;
        let b = &mut self.lorenz[key];
        b[0] += wp;
        b[1] += wp * y;
        self.distribution[distribution_bin(y, lines.inv_z)] += wp;
    }

    /// Back to no household, keeping the buffers (a fresh 128 KiB Lorenz table per world-year costs page
    /// faults).
    pub fn reset(&mut self) {
        let (mut lorenz, mut distribution) = (std::mem::take(&mut self.lorenz), std::mem::take(&mut self.distribution));
        lorenz.fill([0.0; 2]);
        distribution.fill(0.0);
        *self = Acc { lorenz, distribution, ..Acc::empty() };
    }

    fn empty() -> Acc {
        Acc {
            people: 0.0,
            poor: 0.0,
            gap: 0.0,
            gap2: 0.0,
            extreme: 0.0,
            vulnerable: 0.0,
            consumption: 0.0,
            rtlh: 0.0,
            no_sanitation: 0.0,
            lorenz: Vec::new(),
            distribution: Vec::new(),
        }
    }

    /// Adds every household: people `people[h]` at consumption `y[h]`, in household order.
    pub fn add_all(&mut self, people: &[f64], y: &[f64], lines: &Lines) {
        for (wp, y) in people.iter().zip(y) {
            self.add(*wp, *y, lines);
        }
    }

    /// Counts households (weights `w`) still in an uninhabitable house or without sanitation.
    pub fn count_unserved(
        &mut self,
        w: &[f64],
        lacks_house: &[bool],
        lacks_wash: &[bool],
        house: &[bool],
        wash: &[bool],
    ) {
        for ((lacks, done), w) in lacks_house.iter().zip(house).zip(w) {
            self.rtlh += if *lacks && !*done { *w } else { 0.0 };
        }
        for ((lacks, done), w) in lacks_wash.iter().zip(wash).zip(w) {
            self.no_sanitation += if *lacks && !*done { *w } else { 0.0 };
        }
    }

    fn gini(&self) -> f64 {
        let (mut area, mut cum) = (0.0, 0.0);
        for [p, c] in &self.lorenz {
            if *p > 0.0 {
                let c = c / self.consumption;
                area += (p / self.people) * (2.0 * cum + c);
                cum += c;
            }
        }
        1.0 - area
    }

    pub fn result(&self, year: i32, spend_rp: f64, reach: &super::world::Reach) -> YearResult {
        YearResult {
            year,
            p0_pct: 100.0 * self.poor / self.people,
            p1: 100.0 * self.gap / self.people,
            p2: 100.0 * self.gap2 / self.people,
            extreme_pct: 100.0 * self.extreme / self.people,
            poor_people: self.poor,
            extreme_people: self.extreme,
            vulnerable_pct: 100.0 * self.vulnerable / self.people,
            gini: self.gini(),
            mean_consumption: self.consumption / self.people,
            spend_rp,
            beneficiaries: reach.households,
            beneficiary_people: reach.people,
            desil_by_count: reach.desil_by_count,
            desil_registered_pct: reach.desil_registered_pct,
            record_age_years: reach.record_age,
            rtlh_households: self.rtlh,
            no_sanitation_households: self.no_sanitation,
        }
    }
}
