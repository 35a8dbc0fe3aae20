//! The yearly microsimulation: three worlds in one pass over the same households with common random
//! numbers — without district programmes (the counterfactual), the status quo (the district's current
//! programmes continue: the baseline) and the scenario — so differences between them are programmes' effects
//! and nothing else.
//!
//! The base-year figures already contain the status quo: the calibrated consumption is the status-quo world.
//! Each year the status quo's recurring transfers (and their multiplier) are backed out to get consumption
//! before district programmes, and each world puts its own programmes back. So a scenario equal to the status
//! quo reproduces the baseline bit for bit, and zero budgets reproduce the counterfactual bit for bit.
//!
//! Each projected year t:
//! 1. churn: x ← r·x + √(1−r²)·ε, r calibrated to the share of the poor who exit, then re-ranked so the
//!    person-weighted distribution of x stays exactly standard normal (no sampling wobble of the marginal);
//! 2. consumption: ln y = m + spread(x) + t·ln(1 + g(rank)) − shock, g = growth against the poverty line;
//!    health events cut consumption of the uninsured;
//! 3. targeting and programme effects per world (`world`), then FGT measures (`measure`).

mod dynamics;
mod measure;
mod world;

pub use dynamics::{churn_coefficient, stay_share};
pub use measure::{YearResult, DISTRIBUTION_BINS, DISTRIBUTION_STEP};

use crate::levers::{LeverValues, LEVERS};
use crate::normal;
use crate::population::{Population, KINK_LINE};
use crate::rng::{self, Stream};
use crate::scenario::{GrowthBasis, Scenario};
use dynamics::{GrowthTable, Reranker};
use measure::{Acc, Lines};
use world::{Params, Shared, World};

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

/// One programme in one year of one world.
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
    /// Status quo.
    pub p0_baseline_pct: f64,
    pub p0_scenario_pct: f64,
}

/// People by consumption band around the poverty line in one year: bin i holds people with per-capita
/// consumption in [i, i+1) × `DISTRIBUTION_STEP` × GK; the last bin holds everyone at or above its lower edge.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Distribution {
    pub year: i32,
    /// Status quo.
    pub baseline: Vec<f64>,
    pub scenario: Vec<f64>,
}

/// Everything one simulation produces.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Outcome {
    pub base_year: i32,
    /// Rp per capita per month, fixed in real terms (base-year prices).
    pub poverty_line: f64,
    /// The extreme line in the base year, Rp per capita per month.
    pub extreme_line: f64,
    /// The extreme line of every year (base year first), in the poverty line's prices: a PPP line moves with
    /// the CPI, so it drifts down against the GK by `extreme_line_drift` a year.
    pub extreme_lines: Vec<f64>,
    pub extreme_line_label: String,
    /// Growth of bottom-40 consumption against the poverty line used in this run, percent per year.
    pub growth_b40_pct: f64,
    pub growth_basis: GrowthBasis,
    /// Without district programmes: the status quo's programmes backed out of the base year. Element 0 is
    /// the base year.
    pub counterfactual: Vec<YearResult>,
    /// The status quo: the district's current programmes continue (the baseline of every comparison).
    pub baseline: Vec<YearResult>,
    pub scenario: Vec<YearResult>,
    /// The scenario's programmes, every projected year.
    pub programmes: Vec<ProgrammeYear>,
    /// The status quo's programmes, every projected year.
    pub programmes_baseline: Vec<ProgrammeYear>,
    /// People out of poverty in the scenario who would be poor in the status quo, per year.
    pub lifted: Vec<f64>,
    /// People out of poverty in the scenario who would be poor without district programmes, per year.
    pub lifted_vs_none: Vec<f64>,
    /// Scenario spend ÷ person-years lifted against "without district programmes" over the horizon, Rp
    /// (None when nobody is lifted).
    pub cost_per_person_year_lifted: Option<f64>,
    /// (Scenario − status-quo spend) ÷ person-years lifted against the status quo, Rp (None when the
    /// scenario lifts nobody beyond the status quo).
    pub incremental_cost_per_person_year: Option<f64>,
    pub kecamatan: Vec<KecamatanYear>,
    /// People by consumption band, every year.
    pub distribution: Vec<Distribution>,
    /// The churn coefficient r and the entry share it implies (no growth), for the "how it works" page.
    pub churn_r: f64,
    pub implied_entry_pct: f64,
}

impl Outcome {
    /// Total realised spend of the scenario over the projected years, Rp.
    pub fn scenario_spend_rp(&self) -> f64 {
        self.scenario.iter().map(|r| r.spend_rp).sum()
    }
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
    mut dump: Option<&mut dyn FnMut(HouseholdRow)>,
) -> Outcome {
    let d = &s.district;
    let n = pop.len();
    let years = s.years();
    let seed = pop.seed;
    let shape = pop.shape;
    let w = pop.weight;
    let z = d.poverty_line;
    let pct = |id: &str| lv.get(id) / 100.0;

    // The three worlds. Assumptions are the scenario's in all three.
    let sq_levers = {
        let mut sq = s.status_quo_levers();
        for l in LEVERS.iter().filter(|l| !l.group.is_policy()) {
            let _ = sq.set(l.id, lv.get(l.id));
        }
        sq
    };
    let mut none_levers = sq_levers.clone();
    // Every budget (programmes and data updating) at zero.
    for l in LEVERS.iter().filter(|l| l.group.is_policy() && l.unit == crate::levers::Unit::RpBillionPerYear) {
        let _ = none_levers.set(l.id, 0.0);
    }
    let scenario_is_sq = same_as_status_quo(s, lv, &sq_levers, active);
    let mut none = World::new(Params::new(s, &none_levers, Active::ALL, false), n);
    let mut sq = World::new(Params::new(s, &sq_levers, Active::ALL, false), n);
    let mut scen = World::new(Params::new(s, lv, active, true), n);

    // Dynamics.
    let p0_base = d.calibration.p0_pct() / 100.0;
    let r = churn_coefficient(pct("exit_share"), p0_base);
    let innovation = libm::sqrt(1.0 - r * r);
    let implied_entry_pct = 100.0 * p0_base * (1.0 - stay_share(r, p0_base)) / (1.0 - p0_base);
    let trend = match s.growth_basis {
        GrowthBasis::DistrictTrend => district_trend_growth_pct(s, pop),
        GrowthBasis::Evidence => None,
    };
    let g_b40 = trend.map(|g| g / 100.0).unwrap_or(scen.growth_b40());
    let growth_table = GrowthTable::new(g_b40, lv.get("growth_tilt") / 100.0);
    let shock_year = lv.get("shock_year") as usize;
    let shock_x = normal::quantile(pct("shock_share").clamp(1e-9, 1.0 - 1e-9));
    let shock_ln = libm::log(1.0 - pct("shock_depth"));
    let health_rate = pct("health_shock_rate");
    let health_loss = lv.get("health_consumption_factor") * pct("health_cost_share");
    // Keep mean consumption where the base year put it: health events of the uninsured are already in the
    // base-year data, so the status quo's insured share sets the scale (one factor for all three worlds).
    let people_total: f64 = pop.size.iter().map(|s| w * s).sum();
    let health_norm_for =
        |insured: f64| 1.0 / (1.0 - health_rate * health_loss * (1.0 - (insured / people_total).min(1.0)));
    let drift = pct("extreme_line_drift");
    let ze0 = s.extreme_line.rupiah_in(z, d.base_year);
    let extreme_lines: Vec<f64> = (0..=years).map(|t| ze0 / libm::pow(1.0 + drift, t as f64)).collect();

    // Per-household draws that never change.
    let lack = |share: f64, stream: Stream| -> Vec<bool> {
        (0..n)
            .map(|h| rng::uniform(seed, stream, h as u64, 0) < (2.0 * share * (1.0 - pop.rank0[h])).min(1.0))
            .collect()
    };
    let lacks_house = lack(pct("rtlh_share"), Stream::House);
    let lacks_wash = lack(pct("no_sanitation_share"), Stream::Sanitation);
    let u_enterprise: Vec<f64> = (0..n).map(|h| rng::uniform(seed, Stream::Enterprise, h as u64, 0)).collect();
    let pockets = pocket_kecamatan(s);
    let n_kec = d.kecamatan.len().max(1);
    let people: Vec<f64> = pop.size.iter().map(|s| w * s).collect();

    let mut x = pop.x0.clone();
    let mut y_ref = vec![0.0; n];
    let mut reranker = Reranker::new();
    let mut out = Series::new(years);

    for (t, ze) in extreme_lines.iter().enumerate() {
        let year = d.base_year + t as i32;
        let lines = Lines::new(z, *ze, KINK_LINE);
        let growth_years = t as f64;
        // With no churn nothing moves, and the scores stay exactly where calibration put them.
        if t >= 1 && innovation > 0.0 {
            for (h, xh) in x.iter_mut().enumerate() {
                *xh = r * *xh + innovation * rng::normal(seed, Stream::Churn, h as u64, t as u64);
            }
            reranker.apply(&mut x, &people);
        }
        let shock = if shock_year >= 1 && t == shock_year {
            shock_ln
        } else if shock_year >= 1 && t == shock_year + 1 {
            0.5 * shock_ln
        } else {
            0.0
        };
        let mut total_consumption = 0.0;
        for h in 0..n {
            let xh = x[h];
            let ln_y = shape.mu_log
                + shape.spread(xh)
                + growth_years * growth_table.at(xh)
                + if xh < shock_x { shock } else { 0.0 };
            y_ref[h] = libm::exp(ln_y);
            total_consumption += people[h] * y_ref[h];
        }
        let sh = Shared {
            t,
            x: &x,
            size: &pop.size,
            w,
            u_registry: &pop.u_registry,
            noise: &pop.score_noise,
            noise_sector: &pop.sector_noise,
            kecamatan: &pop.kecamatan,
            pockets: &pockets,
            lacks_house: &lacks_house,
            lacks_wash: &lacks_wash,
            shape,
            est_growth: growth_years * libm::log1p(g_b40),
            z,
            households_total: w * n as f64,
            total_consumption,
        };
        let sel_sq = sq.select(&sh);
        let health_norm = health_norm_for(sel_sq.insured_people);
        let sel_none = none.select(&sh);
        let sel_scen = if scenario_is_sq { None } else { Some(scen.select(&sh)) };

        let mut acc = [Acc::new(), Acc::new(), Acc::new()];
        let mut kec = vec![[0.0; 3]; n_kec];
        for h in 0..n {
            let wp = people[h];
            // Consumption before district programmes: the status quo's recurring transfers and their
            // multiplier taken out of the reference path (the base-year figures contain them).
            let y_pre =
                ((y_ref[h] - sq.recurring_income(&sel_sq, &sh, h)) / sel_sq.multiplier_factor).max(0.1 * y_ref[h]);
            let (y_none, y_sq, y_scen);
            if t == 0 {
                // The base year is observed: the status quo as published; the counterfactual backs it out.
                y_none = y_pre;
                y_sq = y_ref[h];
                y_scen = y_ref[h];
            } else {
                let hit = rng::uniform(seed, Stream::Health, h as u64, t as u64) < health_rate;
                let (loss, norm, ue) = (health_loss, health_norm, u_enterprise[h]);
                y_none = none.apply(&sel_none, &sh, h, y_pre, hit, loss, norm, ue);
                y_sq = sq.apply(&sel_sq, &sh, h, y_pre, hit, loss, norm, ue);
                y_scen = match &sel_scen {
                    Some(sel) => scen.apply(sel, &sh, h, y_pre, hit, loss, norm, ue),
                    None => y_sq,
                };
            }
            acc[0].add(wp, y_none, &lines);
            acc[1].add(wp, y_sq, &lines);
            acc[2].add(wp, y_scen, &lines);
            let rtlh = if lacks_house[h] { w } else { 0.0 };
            let nosan = if lacks_wash[h] { w } else { 0.0 };
            acc[0].rtlh += rtlh;
            acc[0].no_sanitation += nosan;
            let scen_world = if scenario_is_sq { &sq } else { &scen };
            for (a, wd) in [(1, &sq), (2, scen_world)] {
                acc[a].rtlh += if lacks_house[h] && !wd.house_done[h] { w } else { 0.0 };
                acc[a].no_sanitation += if lacks_wash[h] && !wd.wash_done[h] { w } else { 0.0 };
            }
            let k = &mut kec[pop.kecamatan[h] as usize];
            k[0] += wp;
            k[1] += if y_sq < z { wp } else { 0.0 };
            k[2] += if y_scen < z { wp } else { 0.0 };
            if let Some(f) = dump.as_mut() {
                f(HouseholdRow { year, household: h, weight: w, size: pop.size[h], consumption_pc: y_scen });
            }
        }

        let rows_sq = sq.finish_year(year, &sel_sq);
        let _ = none.finish_year(year, &sel_none);
        let rows_scen = match &sel_scen {
            Some(sel) => scen.finish_year(year, sel),
            None => rows_sq.clone(),
        };
        let total = |rows: &[ProgrammeYear], data: f64| -> (f64, f64) {
            (rows.iter().map(|r| r.spend_rp).sum::<f64>() + data, rows.iter().map(|r| r.beneficiaries).sum())
        };
        let (spend_sq, ben_sq) = if t == 0 { (0.0, 0.0) } else { total(&rows_sq, sel_sq.data_spend) };
        let (spend_scen, ben_scen) = match (&sel_scen, t) {
            (_, 0) => (0.0, 0.0),
            (Some(sel), _) => total(&rows_scen, sel.data_spend),
            (None, _) => (spend_sq, ben_sq),
        };
        out.counterfactual.push(acc[0].result(year, 0.0, 0.0));
        out.baseline.push(acc[1].result(year, spend_sq, ben_sq));
        out.scenario.push(acc[2].result(year, spend_scen, ben_scen));
        out.distribution.push(Distribution {
            year,
            baseline: acc[1].distribution.clone(),
            scenario: acc[2].distribution.clone(),
        });
        if t >= 1 {
            out.programmes.extend(rows_scen);
            out.programmes_baseline.extend(rows_sq);
        }
        if !d.kecamatan.is_empty() {
            for (i, k) in kec.iter().enumerate() {
                out.kecamatan.push(KecamatanYear {
                    year,
                    kecamatan: i,
                    p0_baseline_pct: 100.0 * k[1] / k[0].max(1e-9),
                    p0_scenario_pct: 100.0 * k[2] / k[0].max(1e-9),
                });
            }
        }
    }

    let lifted: Vec<f64> = out.baseline.iter().zip(&out.scenario).map(|(b, s)| b.poor_people - s.poor_people).collect();
    let lifted_vs_none: Vec<f64> =
        out.counterfactual.iter().zip(&out.scenario).map(|(b, s)| b.poor_people - s.poor_people).collect();
    let spend_scen: f64 = out.scenario.iter().map(|r| r.spend_rp).sum();
    let spend_sq: f64 = out.baseline.iter().map(|r| r.spend_rp).sum();
    let py_none: f64 = lifted_vs_none.iter().skip(1).sum();
    let py_sq: f64 = lifted.iter().skip(1).sum();
    Outcome {
        base_year: d.base_year,
        poverty_line: z,
        extreme_line: ze0,
        extreme_lines,
        extreme_line_label: s.extreme_line.label(),
        growth_b40_pct: 100.0 * g_b40,
        growth_basis: if trend.is_some() { GrowthBasis::DistrictTrend } else { GrowthBasis::Evidence },
        counterfactual: out.counterfactual,
        baseline: out.baseline,
        scenario: out.scenario,
        programmes: out.programmes,
        programmes_baseline: out.programmes_baseline,
        lifted,
        lifted_vs_none,
        cost_per_person_year_lifted: (py_none > 0.5).then(|| spend_scen / py_none),
        incremental_cost_per_person_year: (py_sq > 0.5).then(|| (spend_scen - spend_sq) / py_sq),
        kecamatan: out.kecamatan,
        distribution: out.distribution,
        churn_r: r,
        implied_entry_pct,
    }
}

/// The growing output of a run.
struct Series {
    counterfactual: Vec<YearResult>,
    baseline: Vec<YearResult>,
    scenario: Vec<YearResult>,
    programmes: Vec<ProgrammeYear>,
    programmes_baseline: Vec<ProgrammeYear>,
    kecamatan: Vec<KecamatanYear>,
    distribution: Vec<Distribution>,
}

impl Series {
    fn new(years: usize) -> Series {
        Series {
            counterfactual: Vec::with_capacity(years + 1),
            baseline: Vec::with_capacity(years + 1),
            scenario: Vec::with_capacity(years + 1),
            programmes: Vec::new(),
            programmes_baseline: Vec::new(),
            kecamatan: Vec::new(),
            distribution: Vec::with_capacity(years + 1),
        }
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
