//! The yearly microsimulation: baseline (no district programme) and scenario, in one pass over the same
//! households with common random numbers, so the difference between them is the programmes' effect and
//! nothing else.
//!
//! Each projected year t:
//! 1. churn: the latent score follows x ← r·x + √(1−r²)·ε, r calibrated to the share of the poor who exit;
//! 2. consumption: ln y = m + spread(x) + t·ln(1 + g(rank)) − shock, with g the growth-incidence curve;
//!    health events cut consumption of the uninsured;
//! 3. targeting, in stages: registry membership, a noisy proxy-means score (correlation ρ with the truth),
//!    quota from budget × absorption × (1 − overhead) ÷ unit cost, delivery share, pass-through;
//!    selection takes everyone below a score threshold, so a bigger quota contains a smaller one;
//! 4. programme effects on the scenario's consumption, then FGT measures for both runs.

use crate::levers::LeverValues;
use crate::normal;
use crate::population::{Population, KINK_LINE};
use crate::rng::{self, Stream};
use crate::scenario::Scenario;

/// District programmes, by Inpres 4/2022 strategy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Programme {
    Cash,
    Food,
    Health,
    Graduation,
    Enterprise,
    Housing,
    Wash,
}

impl Programme {
    pub const ALL: [Programme; 7] = [
        Programme::Cash,
        Programme::Food,
        Programme::Health,
        Programme::Graduation,
        Programme::Enterprise,
        Programme::Housing,
        Programme::Wash,
    ];

    /// Stable id (also the prefix of its levers).
    pub fn id(self) -> &'static str {
        match self {
            Programme::Cash => "cash",
            Programme::Food => "food",
            Programme::Health => "health",
            Programme::Graduation => "graduation",
            Programme::Enterprise => "enterprise",
            Programme::Housing => "housing",
            Programme::Wash => "wash",
        }
    }

    /// The lever holding its budget (Rp billion per year).
    pub fn budget_lever(self) -> &'static str {
        match self {
            Programme::Cash => "cash_budget",
            Programme::Food => "food_budget",
            Programme::Health => "health_budget",
            Programme::Graduation => "graduation_budget",
            Programme::Enterprise => "enterprise_budget",
            Programme::Housing => "housing_budget",
            Programme::Wash => "wash_budget",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of programmes switched on (the others run with zero budget). Used by the Shapley wedge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Active(pub u8);

impl Active {
    pub const ALL: Active = Active(0x7f);
    pub fn contains(self, p: Programme) -> bool {
        self.0 & p.bit() != 0
    }
    pub fn from_programmes(ps: &[Programme]) -> Active {
        Active(ps.iter().fold(0, |m, p| m | p.bit()))
    }
}

/// Measures of one run in one year. Rates in percent; P1 and P2 as BPS indices (×100).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct YearResult {
    pub year: i32,
    pub p0_pct: f64,
    pub p1: f64,
    pub p2: f64,
    pub extreme_pct: f64,
    pub poor_people: f64,
    pub extreme_people: f64,
    /// Share of people between 1 and 1.5 × GK, percent.
    pub vulnerable_pct: f64,
    pub gini: f64,
    /// Mean consumption, Rp per capita per month.
    pub mean_consumption: f64,
    /// Realised spending of all programmes and data updating, Rp.
    pub spend_rp: f64,
    /// Households reached by any programme this year (each programme counted), households.
    pub beneficiaries: f64,
    /// Households living in uninhabitable houses (RTLH).
    pub rtlh_households: f64,
    /// Households without safe water or sanitation.
    pub no_sanitation_households: f64,
}

/// One programme in one scenario year.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ProgrammeYear {
    pub programme: Programme,
    pub year: i32,
    /// Realised spending, Rp (budget × absorption, less what found no eligible recipient).
    pub spend_rp: f64,
    /// Households reached this year (new ones for one-off packages and services).
    pub beneficiaries: f64,
    /// People in those households.
    pub people: f64,
    /// Share of beneficiary households that were not poor before the programme, percent.
    pub inclusion_error_pct: f64,
    /// Share of poor households (before the programme) not reached, percent.
    pub exclusion_error_pct: f64,
}

/// Poverty by kecamatan in one year.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct KecamatanYear {
    pub year: i32,
    pub kecamatan: usize,
    pub p0_baseline_pct: f64,
    pub p0_scenario_pct: f64,
}

/// People by consumption band around the poverty line in one year: bin i holds people with per-capita
/// consumption in [i, i+1) × `DISTRIBUTION_STEP` × GK; the last bin holds everyone at or above its lower edge.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Distribution {
    pub year: i32,
    pub baseline: Vec<f64>,
    pub scenario: Vec<f64>,
}

/// Width of a distribution bin, as a share of the poverty line.
pub const DISTRIBUTION_STEP: f64 = 0.05;
/// Number of distribution bins (0 to 3 × GK, the last open-ended).
pub const DISTRIBUTION_BINS: usize = 60;

#[inline]
fn distribution_bin(y: f64, inv_z: f64) -> usize {
    ((y * inv_z / DISTRIBUTION_STEP) as usize).min(DISTRIBUTION_BINS - 1)
}

/// Everything one simulation produces.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Outcome {
    pub base_year: i32,
    /// Rp per capita per month, fixed in real terms.
    pub poverty_line: f64,
    /// Rp per capita per month.
    pub extreme_line: f64,
    pub extreme_line_label: String,
    /// Element 0 is the base year.
    pub baseline: Vec<YearResult>,
    pub scenario: Vec<YearResult>,
    pub programmes: Vec<ProgrammeYear>,
    /// People out of poverty in the scenario who would be poor in the baseline, per year.
    pub lifted: Vec<f64>,
    /// Total spend ÷ person-years lifted over the horizon, Rp (None when nobody is lifted).
    pub cost_per_person_year_lifted: Option<f64>,
    pub kecamatan: Vec<KecamatanYear>,
    /// People by consumption band, every year.
    pub distribution: Vec<Distribution>,
    /// The churn coefficient r and the entry share it implies (no growth), for the "how it works" page.
    pub churn_r: f64,
    pub implied_entry_pct: f64,
}

/// A row of the household dump: the scenario run, every simulated year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HouseholdRow {
    pub year: i32,
    pub household: usize,
    pub weight: f64,
    pub size: f64,
    /// Rp per capita per month.
    pub consumption_pc: f64,
}

const BINS: usize = 4096;
const SCORE_LO: f64 = -6.0;
const SCORE_HI: f64 = 6.0;
const BIN_SCALE: f64 = BINS as f64 / (SCORE_HI - SCORE_LO);

#[inline]
fn bin(score: f64) -> usize {
    (((score - SCORE_LO) * BIN_SCALE) as isize).clamp(0, BINS as isize - 1) as usize
}

/// The score below which the cumulative histogram reaches `quota`, and the quota actually filled.
/// Within the boundary bin scores are taken as evenly spread.
fn threshold(hist: &[f64], quota: f64) -> (f64, f64) {
    if quota <= 0.0 {
        return (f64::NEG_INFINITY, 0.0);
    }
    let mut cum = 0.0;
    for (b, w) in hist.iter().enumerate() {
        if *w > 0.0 && cum + w >= quota {
            let frac = (quota - cum) / w;
            return (SCORE_LO + (b as f64 + frac) / BIN_SCALE, quota);
        }
        cum += w;
    }
    (f64::INFINITY, cum)
}

/// Graduation ramp: share of the long-run effect reached k years after the package (brief §6).
fn graduation_ramp(k: i32) -> f64 {
    match k {
        i32::MIN..=1 => 0.0,
        2 => 6.0 / 25.0,
        3 | 4 => 12.0 / 25.0,
        5 => (12.0 + 13.0 / 3.0) / 25.0,
        6 => (12.0 + 26.0 / 3.0) / 25.0,
        _ => 1.0,
    }
}

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

#[derive(Default, Clone)]
struct Acc {
    people: f64,
    poor: f64,
    gap: f64,
    gap2: f64,
    extreme: f64,
    vulnerable: f64,
    consumption: f64,
    rtlh: f64,
    no_sanitation: f64,
    lorenz: Vec<[f64; 2]>,
}

const GINI_BINS: usize = 8192;

impl Acc {
    fn new() -> Acc {
        Acc { lorenz: vec![[0.0; 2]; GINI_BINS], ..Acc::default() }
    }

    #[inline]
    fn add(&mut self, wp: f64, y: f64, lines: &Lines) {
        self.people += wp;
        self.consumption += wp * y;
        if y < lines.z {
            let g = 1.0 - y * lines.inv_z;
            self.poor += wp;
            self.gap += wp * g;
            self.gap2 += wp * g * g;
            if y < lines.ze {
                self.extreme += wp;
            }
        } else if y < lines.z_vulnerable {
            self.vulnerable += wp;
        }
        // Positive doubles order like their bit patterns: the top bits are a log-scale bin (256 per octave).
        let key = ((y.max(1.0).to_bits() >> 44) as i64 - lines.gini_key0).clamp(0, GINI_BINS as i64 - 1) as usize;
        let b = &mut self.lorenz[key];
        b[0] += wp;
        b[1] += wp * y;
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

    fn result(&self, year: i32, spend_rp: f64, beneficiaries: f64) -> YearResult {
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
            beneficiaries,
            rtlh_households: self.rtlh,
            no_sanitation_households: self.no_sanitation,
        }
    }
}

struct Lines {
    z: f64,
    inv_z: f64,
    ze: f64,
    z_vulnerable: f64,
    gini_key0: i64,
}

#[derive(Default, Clone, Copy)]
struct ProgAcc {
    selected: f64,
    people: f64,
    selected_poor: f64,
}

/// Simulates the scenario's own levers with every programme active.
pub fn simulate(s: &Scenario, pop: &Population) -> Outcome {
    simulate_with(s, &s.levers, pop, Active::ALL, None)
}

/// Simulates `levers` on a calibrated population; programmes outside `active` run with zero budget.
/// `dump`, when given, receives every household of the scenario run in every year (base year included).
pub fn simulate_with(
    s: &Scenario,
    lv: &LeverValues,
    pop: &Population,
    active: Active,
    mut dump: Option<&mut dyn FnMut(HouseholdRow)>,
) -> Outcome {
    let d = &s.district;
    let n = pop.len();
    let years = s.years();
    let seed = pop.seed;
    let shape = pop.shape;
    let w = pop.weight;
    let z = d.poverty_line;
    let ze = s.extreme_line.rupiah(z);
    let lines =
        Lines { z, inv_z: 1.0 / z, ze, z_vulnerable: KINK_LINE * z, gini_key0: (1000.0f64.to_bits() >> 44) as i64 };
    let pct = |id: &str| lv.get(id) / 100.0;

    // Dynamics.
    let p0_base = d.calibration.p0_pct() / 100.0;
    let r = churn_coefficient(pct("exit_share"), p0_base);
    let innovation = libm::sqrt(1.0 - r * r);
    let implied_entry_pct = 100.0 * p0_base * (1.0 - stay_share(r, p0_base)) / (1.0 - p0_base);
    let growth_table = GrowthTable::new(pct("growth_b40"), lv.get("growth_tilt") / 100.0);
    let shock_year = lv.get("shock_year") as usize;
    let shock_x = normal::quantile(pct("shock_share").clamp(1e-9, 1.0 - 1e-9));
    let shock_ln = libm::log(1.0 - pct("shock_depth"));
    let health_rate = pct("health_shock_rate");
    let health_loss = lv.get("health_consumption_factor") * pct("health_cost_share");
    // Keep mean consumption where the base year put it: health events are already in the base-year data.
    let health_norm = 1.0 / (1.0 - health_rate * health_loss);

    // Programme parameters.
    let absorption = pct("absorption");
    let net_share = absorption * (1.0 - pct("overhead"));
    let cash_benefit = lv.get("cash_benefit");
    let gap_filling = lv.get("cash_gap_filling") >= 0.5;
    let cash_delivery = pct("cash_delivery");
    let cash_pass = pct("cash_pass_through");
    let food_benefit_year = 12.0 * lv.get("food_benefit");
    let in_kind = pct("food_in_kind_share");
    let food_delivery = in_kind * pct("in_kind_delivery") + (1.0 - in_kind) * cash_delivery;
    let food_pass = pct("food_pass_through");
    let premium_year = 12.0 * lv.get("health_premium");
    let grad_cost = 1e6 * lv.get("graduation_cost");
    let grad_effect = pct("graduation_effect");
    let ent_grant = 1e6 * lv.get("enterprise_grant");
    let ent_return = pct("enterprise_return");
    let ent_survival = pct("enterprise_survival");
    let house_cost = 1e6 * lv.get("housing_unit_cost");
    let wash_cost = 1e6 * lv.get("wash_unit_cost");
    let services_effect = pct("services_effect");
    let convergence = pct("convergence");
    let multiplier = lv.get("multiplier");
    let households_total = w * n as f64;
    let budget =
        |p: Programme, t: usize| if active.contains(p) { s.budget(lv, p.budget_lever(), t) * 1e9 } else { 0.0 };

    // Per-household draws that never change.
    let u_registry: Vec<f64> = (0..n).map(|h| rng::uniform(seed, Stream::Registry, h as u64, 0)).collect();
    let noise: Vec<f64> = (0..n).map(|h| rng::normal(seed, Stream::ScoreNoise, h as u64, 0)).collect();
    let noise_sector: Vec<f64> = (0..n).map(|h| rng::normal(seed, Stream::SectorNoise, h as u64, 0)).collect();
    let lack = |share: f64, stream: Stream| -> Vec<bool> {
        (0..n)
            .map(|h| rng::uniform(seed, stream, h as u64, 0) < (2.0 * share * (1.0 - pop.rank0[h])).min(1.0))
            .collect()
    };
    let lacks_house = lack(pct("rtlh_share"), Stream::House);
    let lacks_wash = lack(pct("no_sanitation_share"), Stream::Sanitation);
    let pockets = pocket_kecamatan(s);
    let n_kec = d.kecamatan.len().max(1);

    // State.
    let mut x = pop.x0.clone();
    let mut score = vec![0.0; n];
    let mut score_sector = vec![0.0; n];
    let mut y0 = vec![0.0; n];
    let mut graduated: Vec<i32> = vec![-1; n];
    let mut enterprise: Vec<i32> = vec![-1; n];
    let mut house_done: Vec<bool> = vec![false; n];
    let mut wash_done: Vec<bool> = vec![false; n];
    let mut coverage = pct("registry_coverage");
    let mut accuracy = lv.get("targeting_accuracy");

    let mut baseline = Vec::with_capacity(years + 1);
    let mut scenario = Vec::with_capacity(years + 1);
    let mut programmes = Vec::new();
    let mut kecamatan = Vec::new();
    let mut distribution = Vec::with_capacity(years + 1);

    // Base year: the calibrated distribution, no programme.
    {
        let mut acc = Acc::new();
        let mut kec = vec![[0.0; 2]; n_kec];
        let mut dist = vec![0.0; DISTRIBUTION_BINS];
        for h in 0..n {
            let y = libm::exp(shape.mu_log + shape.spread(x[h]));
            let wp = w * pop.size[h];
            acc.add(wp, y, &lines);
            dist[distribution_bin(y, lines.inv_z)] += wp;
            acc.rtlh += if lacks_house[h] { w } else { 0.0 };
            acc.no_sanitation += if lacks_wash[h] { w } else { 0.0 };
            let k = &mut kec[pop.kecamatan[h] as usize];
            k[0] += wp;
            k[1] += if y < z { wp } else { 0.0 };
            if let Some(f) = dump.as_mut() {
                f(HouseholdRow { year: d.base_year, household: h, weight: w, size: pop.size[h], consumption_pc: y });
            }
        }
        distribution.push(Distribution { year: d.base_year, baseline: dist.clone(), scenario: dist });
        let r0 = acc.result(d.base_year, 0.0, 0.0);
        baseline.push(r0.clone());
        scenario.push(r0);
        if !d.kecamatan.is_empty() {
            for (i, k) in kec.iter().enumerate() {
                let p = 100.0 * k[1] / k[0].max(1e-9);
                kecamatan.push(KecamatanYear {
                    year: d.base_year,
                    kecamatan: i,
                    p0_baseline_pct: p,
                    p0_scenario_pct: p,
                });
            }
        }
    }

    let mut hist = Hists::new();
    for t in 1..=years {
        let year = d.base_year + t as i32;
        // Registry updating moves coverage and accuracy towards their best attainable values.
        let data_budget = s.budget(lv, "data_update_budget", t) * 1e9;
        let refreshed = (data_budget * absorption / (lv.get("data_cost") * households_total)).min(1.0);
        coverage += (0.95 - coverage).max(0.0) * refreshed;
        accuracy += (0.9 - accuracy).max(0.0) * refreshed;
        let noise_weight = libm::sqrt(1.0 - accuracy * accuracy);
        let growth_years = t as f64;
        let shock = if shock_year >= 1 && t == shock_year {
            shock_ln
        } else if shock_year >= 1 && t == shock_year + 1 {
            0.5 * shock_ln
        } else {
            0.0
        };
        let est_growth = growth_years * libm::log1p(pct("growth_b40"));

        // Pass 1: churn, consumption before programmes, scores, histograms.
        hist.clear();
        let mut total_consumption = 0.0;
        for h in 0..n {
            let xh = r * x[h] + innovation * rng::normal(seed, Stream::Churn, h as u64, t as u64);
            x[h] = xh;
            let ln_y = shape.mu_log
                + shape.spread(xh)
                + growth_years * growth_table.at(xh)
                + if xh < shock_x { shock } else { 0.0 };
            let y = libm::exp(ln_y);
            y0[h] = y;
            let size = pop.size[h];
            total_consumption += w * size * y;
            let sc = accuracy * xh + noise_weight * noise[h];
            let sc2 = accuracy * xh + noise_weight * noise_sector[h];
            score[h] = sc;
            score_sector[h] = sc2;
            let b = bin(sc);
            let b2 = bin(sc2);
            let registered = u_registry[h] < coverage;
            if registered {
                hist.households[b] += w;
                hist.people[b] += w * size;
                if gap_filling {
                    let est = libm::exp(shape.mu_log + shape.spread(sc) + est_growth);
                    hist.gap[b] += w * (z - est).max(0.0) * size * 12.0;
                }
                if graduated[h] < 0 {
                    hist.graduation[b] += w;
                }
                if enterprise[h] < 0 {
                    hist.enterprise[b] += w;
                }
                let pocket = pockets[pop.kecamatan[h] as usize];
                if lacks_house[h] && !house_done[h] {
                    hist.house[pocket as usize][b] += w;
                }
                if lacks_wash[h] && !wash_done[h] {
                    hist.wash[pocket as usize][b] += w;
                }
            }
            if graduated[h] < 0 {
                hist.graduation_sector[b2] += w;
            }
            if enterprise[h] < 0 {
                hist.enterprise_sector[b2] += w;
            }
        }

        // Quotas and thresholds.
        let net = |p: Programme| budget(p, t) * net_share;
        let (cash_tau, cash_filled) = if gap_filling {
            threshold(&hist.gap, net(Programme::Cash))
        } else {
            threshold(&hist.households, net(Programme::Cash) / cash_benefit)
        };
        let cash_delivered_year =
            if gap_filling { cash_filled * cash_delivery } else { cash_filled * cash_benefit * cash_delivery };
        let (food_tau, food_filled) = threshold(&hist.households, net(Programme::Food) / food_benefit_year);
        let (health_tau, health_filled) = threshold(&hist.people, net(Programme::Health) / premium_year);
        let grad_quota = net(Programme::Graduation) / grad_cost;
        let (grad_tau, grad_f1) = threshold(&hist.graduation, convergence * grad_quota);
        let (grad_tau2, grad_f2) = threshold(&hist.graduation_sector, (1.0 - convergence) * grad_quota);
        let ent_quota = net(Programme::Enterprise) / ent_grant;
        let (ent_tau, ent_f1) = threshold(&hist.enterprise, convergence * ent_quota);
        let (ent_tau2, ent_f2) = threshold(&hist.enterprise_sector, (1.0 - convergence) * ent_quota);
        let house_quota = net(Programme::Housing) / house_cost;
        let (house_tau_pocket, house_f1) = threshold(&hist.house[1], house_quota);
        let (house_tau, house_f2) = threshold(&hist.house[0], house_quota - house_f1);
        let wash_quota = net(Programme::Wash) / wash_cost;
        let (wash_tau_pocket, wash_f1) = threshold(&hist.wash[1], wash_quota);
        let (wash_tau, wash_f2) = threshold(&hist.wash[0], wash_quota - wash_f1);
        let filled_share = |filled: f64, quota: f64| if quota > 0.0 { (filled / quota).min(1.0) } else { 0.0 };
        let cash_quota = if gap_filling { net(Programme::Cash) } else { net(Programme::Cash) / cash_benefit };
        let spend = [
            (Programme::Cash, filled_share(cash_filled, cash_quota)),
            (Programme::Food, filled_share(food_filled, net(Programme::Food) / food_benefit_year)),
            (Programme::Health, filled_share(health_filled, net(Programme::Health) / premium_year)),
            (Programme::Graduation, filled_share(grad_f1 + grad_f2, grad_quota)),
            (Programme::Enterprise, filled_share(ent_f1 + ent_f2, ent_quota)),
            (Programme::Housing, filled_share(house_f1 + house_f2, house_quota)),
            (Programme::Wash, filled_share(wash_f1 + wash_f2, wash_quota)),
        ]
        .map(|(p, share)| budget(p, t) * absorption * share);

        // Local multiplier: the extra spending transfers generate, spread in proportion to consumption.
        let transfers_month = (cash_delivered_year + food_filled * food_benefit_year * food_delivery) / 12.0;
        let multiplier_factor = 1.0 + (multiplier - 1.0) * transfers_month / total_consumption;

        // Pass 2: programme effects and measures.
        let mut base_acc = Acc::new();
        let mut scen_acc = Acc::new();
        let mut progs = [ProgAcc::default(); 7];
        let mut poor_households = 0.0;
        let mut kec = vec![[0.0; 3]; n_kec];
        let mut dist_base = vec![0.0; DISTRIBUTION_BINS];
        let mut dist_scen = vec![0.0; DISTRIBUTION_BINS];
        for h in 0..n {
            let size = pop.size[h];
            let wp = w * size;
            let hit = rng::uniform(seed, Stream::Health, h as u64, t as u64) < health_rate;
            let y_base = y0[h] * health_norm * if hit { 1.0 - health_loss } else { 1.0 };
            let registered = u_registry[h] < coverage;
            let sc = score[h];
            let poor_before = y_base < z;
            poor_households += if poor_before { w } else { 0.0 };
            let mut add = |p: Programme| {
                let a = &mut progs[p as usize];
                a.selected += w;
                a.people += wp;
                a.selected_poor += if poor_before { w } else { 0.0 };
            };

            let insured = registered && sc < health_tau;
            let mut y = if hit && insured { y0[h] * health_norm } else { y_base };
            if insured {
                add(Programme::Health);
            }
            let mut factor = multiplier_factor;
            let mut income = 0.0;
            if registered && sc < cash_tau {
                add(Programme::Cash);
                // Per capita per month: the estimated gap to the line, or the flat family benefit.
                let entitlement_pc = if gap_filling {
                    (z - libm::exp(shape.mu_log + shape.spread(sc) + est_growth)).max(0.0)
                } else {
                    cash_benefit / 12.0 / size
                };
                income += entitlement_pc * cash_delivery * cash_pass;
            }
            if registered && sc < food_tau {
                add(Programme::Food);
                income += food_benefit_year / 12.0 / size * food_delivery * food_pass;
            }
            if graduated[h] < 0 && ((registered && sc < grad_tau) || score_sector[h] < grad_tau2) {
                graduated[h] = t as i32;
                add(Programme::Graduation);
            }
            if graduated[h] >= 0 {
                factor *= 1.0 + grad_effect * graduation_ramp(t as i32 - graduated[h]);
            }
            if enterprise[h] < 0 && ((registered && sc < ent_tau) || score_sector[h] < ent_tau2) {
                enterprise[h] = t as i32;
                add(Programme::Enterprise);
            }
            if enterprise[h] >= 0 && (t as i32) > enterprise[h] {
                let age = (t as i32 - enterprise[h]) as f64;
                if rng::uniform(seed, Stream::Enterprise, h as u64, 0) < libm::pow(ent_survival, age / 2.0) {
                    income += ent_return * ent_grant / size * cash_pass;
                }
            }
            let pocket = pockets[pop.kecamatan[h] as usize];
            if registered && lacks_house[h] && !house_done[h] && sc < if pocket { house_tau_pocket } else { house_tau }
            {
                house_done[h] = true;
                add(Programme::Housing);
            }
            if registered && lacks_wash[h] && !wash_done[h] && sc < if pocket { wash_tau_pocket } else { wash_tau } {
                wash_done[h] = true;
                add(Programme::Wash);
            }
            if house_done[h] {
                factor *= 1.0 + services_effect;
            }
            if wash_done[h] {
                factor *= 1.0 + services_effect;
            }
            y = y * factor + income;

            base_acc.add(wp, y_base, &lines);
            scen_acc.add(wp, y, &lines);
            dist_base[distribution_bin(y_base, lines.inv_z)] += wp;
            dist_scen[distribution_bin(y, lines.inv_z)] += wp;
            base_acc.rtlh += if lacks_house[h] { w } else { 0.0 };
            base_acc.no_sanitation += if lacks_wash[h] { w } else { 0.0 };
            scen_acc.rtlh += if lacks_house[h] && !house_done[h] { w } else { 0.0 };
            scen_acc.no_sanitation += if lacks_wash[h] && !wash_done[h] { w } else { 0.0 };
            let k = &mut kec[pop.kecamatan[h] as usize];
            k[0] += wp;
            k[1] += if y_base < z { wp } else { 0.0 };
            k[2] += if y < z { wp } else { 0.0 };
            if let Some(f) = dump.as_mut() {
                f(HouseholdRow { year, household: h, weight: w, size, consumption_pc: y });
            }
        }

        let data_spend = data_budget * absorption;
        let total_spend: f64 = spend.iter().sum::<f64>() + data_spend;
        let total_beneficiaries: f64 = progs.iter().map(|p| p.selected).sum();
        distribution.push(Distribution { year, baseline: dist_base, scenario: dist_scen });
        baseline.push(base_acc.result(year, 0.0, 0.0));
        scenario.push(scen_acc.result(year, total_spend, total_beneficiaries));
        for p in Programme::ALL {
            let a = progs[p as usize];
            programmes.push(ProgrammeYear {
                programme: p,
                year,
                spend_rp: spend[p as usize],
                beneficiaries: a.selected,
                people: a.people,
                inclusion_error_pct: if a.selected > 0.0 { 100.0 * (1.0 - a.selected_poor / a.selected) } else { 0.0 },
                exclusion_error_pct: if poor_households > 0.0 {
                    100.0 * (1.0 - a.selected_poor / poor_households)
                } else {
                    0.0
                },
            });
        }
        if !d.kecamatan.is_empty() {
            for (i, k) in kec.iter().enumerate() {
                kecamatan.push(KecamatanYear {
                    year,
                    kecamatan: i,
                    p0_baseline_pct: 100.0 * k[1] / k[0].max(1e-9),
                    p0_scenario_pct: 100.0 * k[2] / k[0].max(1e-9),
                });
            }
        }
    }

    let lifted: Vec<f64> = baseline.iter().zip(&scenario).map(|(b, s)| b.poor_people - s.poor_people).collect();
    let person_years: f64 = lifted.iter().skip(1).sum();
    let total_spend: f64 = scenario.iter().map(|r| r.spend_rp).sum();
    Outcome {
        base_year: d.base_year,
        poverty_line: z,
        extreme_line: ze,
        extreme_line_label: s.extreme_line.label(),
        baseline,
        scenario,
        programmes,
        lifted,
        cost_per_person_year_lifted: if person_years > 0.5 { Some(total_spend / person_years) } else { None },
        kecamatan,
        distribution,
        churn_r: r,
        implied_entry_pct,
    }
}

/// Kecamatan whose estimated headcount exceeds the district's are poverty pockets (served first).
fn pocket_kecamatan(s: &Scenario) -> Vec<bool> {
    let p0 = s.district.calibration.p0_pct();
    if s.district.kecamatan.is_empty() {
        return vec![false];
    }
    s.district
        .kecamatan
        .iter()
        .map(|k| k.population_share_pct > 0.0 && p0 * k.poor_share_pct / k.population_share_pct > p0)
        .collect()
}

struct Hists {
    households: Vec<f64>,
    people: Vec<f64>,
    gap: Vec<f64>,
    graduation: Vec<f64>,
    graduation_sector: Vec<f64>,
    enterprise: Vec<f64>,
    enterprise_sector: Vec<f64>,
    /// [not pocket, pocket]
    house: [Vec<f64>; 2],
    wash: [Vec<f64>; 2],
}

impl Hists {
    fn new() -> Hists {
        let v = || vec![0.0; BINS];
        Hists {
            households: v(),
            people: v(),
            gap: v(),
            graduation: v(),
            graduation_sector: v(),
            enterprise: v(),
            enterprise_sector: v(),
            house: [v(), v()],
            wash: [v(), v()],
        }
    }

    fn clear(&mut self) {
        for h in [
            &mut self.households,
            &mut self.people,
            &mut self.gap,
            &mut self.graduation,
            &mut self.graduation_sector,
            &mut self.enterprise,
            &mut self.enterprise_sector,
        ] {
            h.fill(0.0);
        }
        for h in self.house.iter_mut().chain(self.wash.iter_mut()) {
            h.fill(0.0);
        }
    }
}

/// ln(1 + g) as a function of the latent score, tabulated: g(rank) = g_b40 + tilt × 10 × (0.2 − rank).
struct GrowthTable {
    values: Vec<f64>,
}

const GROWTH_LO: f64 = -6.0;
const GROWTH_STEP: f64 = 0.01;

impl GrowthTable {
    fn new(g_b40: f64, tilt_per_decile: f64) -> GrowthTable {
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
    fn at(&self, x: f64) -> f64 {
        let u = ((x - GROWTH_LO) / GROWTH_STEP).clamp(0.0, 1_199.999_999);
        let i = u as usize;
        let f = u - i as f64;
        self.values[i] + (self.values[i + 1] - self.values[i]) * f
    }
}
