//! The yearly microsimulation: three worlds in one pass over the same households with common random
//! numbers — without district programmes (the counterfactual), the status quo (the district's current
//! programmes continue: the baseline) and the scenario — so differences between them are programmes' effects
//! and nothing else.
//!
//! The base-year figures already contain the status quo: the calibrated consumption is the status-quo world.
//! The status quo's recurring transfers (and their multiplier) are backed out once, in the base year, at a
//! fixed point (`BaseYear`): the path is then welfare before district programmes, and each world — the status
//! quo included — puts its own programmes on it. So a scenario equal to the status quo reproduces the baseline
//! bit for bit, zero budgets reproduce the counterfactual bit for bit, and no registry is credited with
//! knowing whom the status quo's own registry happened to pick.
//!
//! Each projected year t:
//! 1. churn: x ← r·x + √(1−r²)·ε, r calibrated to the share of the poor who exit, then re-ranked so the
//!    person-weighted distribution of x stays the base year's before programmes (no sampling wobble of the
//!    marginal);
//! 2. consumption before programmes: ln y = m + spread(x) + t·ln(1 + g(rank)) − shock, g = growth against
//!    the poverty line;
//!    health events cut consumption of the uninsured;
//! 3. targeting and programme effects per world (`world`), then FGT measures (`measure`).

mod dynamics;
mod measure;
mod world;

pub use dynamics::{churn_coefficient, stay_share};
pub use measure::{YearResult, DISTRIBUTION_BINS, DISTRIBUTION_STEP};

use crate::levers::{LeverId, LeverValues, LEVERS};
use crate::normal;
use crate::population::{Population, KINK_LINE};
use crate::rng::{self, Stream};
use crate::scenario::{GrowthBasis, Scenario};
use dynamics::{GrowthTable, Reranker};
use measure::{Acc, Lines};
use world::{Params, Selection, Shared, World};

/// District programmes, by Inpres 4/2022 strategy, and registry updating (the one enabler with a budget).
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
    /// Registry updating (re-enumeration): not a transfer, but a budget whose effect runs through targeting.
    DataUpdating,
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

    /// Everything with a budget: the programmes and registry updating (the players of the Shapley wedge).
    pub const BUDGETED: [Programme; 8] = [
        Programme::Cash,
        Programme::Food,
        Programme::Health,
        Programme::Graduation,
        Programme::Enterprise,
        Programme::Housing,
        Programme::Wash,
        Programme::DataUpdating,
    ];

    /// Whether its effect is counted in consumption poverty. Housing and water report their own indicators
    /// (RTLH, access to water and sanitation) and are kept out of cost per person lifted.
    pub fn is_monetary(self) -> bool {
        !matches!(self, Programme::Housing | Programme::Wash)
    }

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
            Programme::DataUpdating => "data_updating",
        }
    }

    /// The lever holding its budget (Rp billion per year).
    pub fn budget_lever(self) -> LeverId {
        match self {
            Programme::Cash => LeverId::CashBudget,
            Programme::Food => LeverId::FoodBudget,
            Programme::Health => LeverId::HealthBudget,
            Programme::Graduation => LeverId::GraduationBudget,
            Programme::Enterprise => LeverId::EnterpriseBudget,
            Programme::Housing => LeverId::HousingBudget,
            Programme::Wash => LeverId::WashBudget,
            Programme::DataUpdating => LeverId::DataUpdateBudget,
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
    pub const ALL: Active = Active(0xff);
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
    /// Distinct households reached this year (new ones for one-off packages and services; for data
    /// updating, households re-enumerated; for health, people insured by the district beyond the national
    /// PBI, counted by household).
    pub beneficiaries: f64,
    /// People in those households.
    pub people: f64,
    /// As Kemensos reports it: share of beneficiary households outside desil 1–4 (the poorest 40% of
    /// households by welfare before district programmes), percent.
    pub inclusion_error_desil_pct: f64,
    /// Share of desil 1–4 households not reached this year, percent.
    pub exclusion_error_desil_pct: f64,
    /// The exclusion error a perfectly targeted programme of this size would still have: a programme smaller
    /// than desil 1–4 cannot reach all of it, whatever its data (coverage, not targeting), percent.
    pub exclusion_floor_desil_pct: f64,
    /// Against the GK: share of beneficiary households not poor before the programme, percent.
    pub inclusion_error_gk_pct: f64,
    /// Share of GK-poor households (before the programme) not reached this year, percent.
    pub exclusion_error_gk_pct: f64,
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
    /// scenario lifts nobody beyond the status quo). Both cost figures count the programmes that act on
    /// consumption and data updating; housing and water are costed by their own units (`service_costs`).
    pub incremental_cost_per_person_year: Option<f64>,
    /// Per year (base year first, None there): that year's spend on consumption programmes and data
    /// updating ÷ people lifted that year against "without district programmes", Rp per person.
    pub cost_per_person_lifted_by_year: Vec<Option<f64>>,
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

    /// Housing and water over the horizon: units delivered, spend and Rp per unit, in the scenario.
    pub fn service_costs(&self) -> Vec<ServiceCost> {
        [Programme::Housing, Programme::Wash]
            .into_iter()
            .map(|p| {
                let rows = self.programmes.iter().filter(|r| r.programme == p);
                let (units, spend_rp) = rows.fold((0.0, 0.0), |(u, s), r| (u + r.beneficiaries, s + r.spend_rp));
                ServiceCost { programme: p, units, spend_rp, cost_per_unit_rp: (units > 0.5).then(|| spend_rp / units) }
            })
            .collect()
    }
}

/// A non-monetary programme's delivery over the horizon.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ServiceCost {
    pub programme: Programme,
    /// Houses renovated or connections built.
    pub units: f64,
    pub spend_rp: f64,
    pub cost_per_unit_rp: Option<f64>,
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
    dump: Option<&mut dyn FnMut(HouseholdRow)>,
) -> Outcome {
    Reference::new(s, lv, pop).scenario(s, lv, pop, active, dump)
}

/// The latent score below which lie the poorest 40% of households (desil 1–4, ranked as Kemensos ranks
/// households by welfare): every synthetic household has the same weight, so it is the 40th percentile.
fn desil4_cut(x: &[f64]) -> f64 {
    let k = (0.4 * x.len() as f64) as usize;
    if k == 0 {
        return f64::NEG_INFINITY;
    }
    let mut v = x.to_vec();
    let (_, cut, _) = v.select_nth_unstable_by(k, |a, b| a.total_cmp(b));
    *cut
}

/// Everything a run computes once from the scenario's assumptions, whatever its programmes.
struct Ctx {
    n: usize,
    years: usize,
    seed: u64,
    w: f64,
    z: f64,
    r: f64,
    innovation: f64,
    implied_entry_pct: f64,
    trend: Option<f64>,
    g_b40: f64,
    growth_table: GrowthTable,
    shock_year: usize,
    shock_x: f64,
    shock_ln: f64,
    health_rate: f64,
    health_loss: f64,
    people_total: f64,
    ze0: f64,
    extreme_lines: Vec<f64>,
    lacks_house: Vec<bool>,
    lacks_wash: Vec<bool>,
    u_enterprise: Vec<f64>,
    pockets: Vec<bool>,
    n_kec: usize,
    people: Vec<f64>,
}

impl Ctx {
    fn new(s: &Scenario, lv: &LeverValues, pop: &Population) -> Ctx {
        let d = &s.district;
        let n = pop.len();
        let seed = pop.seed;
        let w = pop.weight;
        let pct = |id: LeverId| lv.get(id) / 100.0;
        let p0_base = d.calibration.p0_pct() / 100.0;
        let r = churn_coefficient(pct(LeverId::ExitShare), p0_base);
        let trend = match s.growth_basis {
            GrowthBasis::DistrictTrend => district_trend_growth_pct(s, pop),
            GrowthBasis::Evidence => None,
        };
        let g_b40 = trend.map(|g| g / 100.0).unwrap_or(pct(LeverId::GrowthB40));
        let ze0 = s.extreme_line.rupiah_in(d.poverty_line, d.base_year);
        let drift = pct(LeverId::ExtremeLineDrift);
        let lack = |share: f64, stream: Stream| -> Vec<bool> {
            (0..n)
                .map(|h| rng::uniform(seed, stream, h as u64, 0) < (2.0 * share * (1.0 - pop.rank0[h])).min(1.0))
                .collect()
        };
        Ctx {
            n,
            years: s.years(),
            seed,
            w,
            z: d.poverty_line,
            r,
            innovation: libm::sqrt(1.0 - r * r),
            implied_entry_pct: 100.0 * p0_base * (1.0 - stay_share(r, p0_base)) / (1.0 - p0_base),
            trend,
            g_b40,
            growth_table: GrowthTable::new(g_b40, lv.get(LeverId::GrowthTilt) / 100.0),
            shock_year: lv.get(LeverId::ShockYear) as usize,
            shock_x: normal::quantile(pct(LeverId::ShockShare).clamp(1e-9, 1.0 - 1e-9)),
            shock_ln: libm::log(1.0 - pct(LeverId::ShockDepth)),
            health_rate: pct(LeverId::HealthShockRate),
            health_loss: lv.get(LeverId::HealthConsumptionFactor) * pct(LeverId::HealthCostShare),
            people_total: pop.size.iter().map(|s| w * s).sum(),
            ze0,
            extreme_lines: (0..=s.years()).map(|t| ze0 / libm::pow(1.0 + drift, t as f64)).collect(),
            lacks_house: lack(pct(LeverId::RtlhShare), Stream::House),
            lacks_wash: lack(pct(LeverId::NoSanitationShare), Stream::Sanitation),
            u_enterprise: (0..n).map(|h| rng::uniform(seed, Stream::Enterprise, h as u64, 0)).collect(),
            pockets: pocket_kecamatan(s),
            n_kec: d.kecamatan.len().max(1),
            people: pop.size.iter().map(|s| w * s).collect(),
        }
    }

    /// ln of the covariate shock in year `t`: its year in full, half of it the year after.
    fn shock_at(&self, t: usize) -> f64 {
        if self.shock_year >= 1 && t == self.shock_year {
            self.shock_ln
        } else if self.shock_year >= 1 && t == self.shock_year + 1 {
            0.5 * self.shock_ln
        } else {
            0.0
        }
    }

    /// Keeps mean consumption where the base year put it: health events of the uninsured are already in the
    /// base-year data, so the status quo's insured share sets the scale (one factor for all three worlds).
    fn health_norm(&self, insured: f64) -> f64 {
        1.0 / (1.0 - self.health_rate * self.health_loss * (1.0 - (insured / self.people_total).min(1.0)))
    }
}

/// Walks the latent scores and the consumption before programmes year by year; the same walk for every
/// world and every pass, so the reference and the scenario pass see identical inputs.
struct Path {
    x: Vec<f64>,
    y_ref: Vec<f64>,
    reranker: Reranker,
}

impl Path {
    /// Moves to year `t`; returns total consumption (Σ people × consumption, Rp per month).
    fn advance(&mut self, c: &Ctx, pop: &Population, t: usize) -> f64 {
        // With no churn nothing moves, and the scores stay exactly where calibration put them.
        if t >= 1 && c.innovation > 0.0 {
            for (h, xh) in self.x.iter_mut().enumerate() {
                *xh = c.r * *xh + c.innovation * rng::normal(c.seed, Stream::Churn, h as u64, t as u64);
            }
            self.reranker.apply(&mut self.x, &c.people);
        }
        let shock = c.shock_at(t);
        let shape = pop.shape;
        let growth_years = t as f64;
        let mut total = 0.0;
        for h in 0..c.n {
            let ln_y = world::ln_consumption(&shape, &c.growth_table, self.x[h], growth_years, shock, c.shock_x);
            self.y_ref[h] = libm::exp(ln_y);
            total += c.people[h] * self.y_ref[h];
        }
        total
    }

    fn shared<'a>(&'a self, c: &'a Ctx, pop: &'a Population, t: usize, total: f64, desil: f64) -> Shared<'a> {
        Path::shared_on(&self.x, c, pop, t, total, desil)
    }

    fn shared_on<'a>(
        x: &'a [f64],
        c: &'a Ctx,
        pop: &'a Population,
        t: usize,
        total_consumption: f64,
        desil4_x: f64,
    ) -> Shared<'a> {
        Shared {
            t,
            seed: c.seed,
            x,
            size: &pop.size,
            w: c.w,
            kecamatan: &pop.kecamatan,
            pockets: &c.pockets,
            lacks_house: &c.lacks_house,
            lacks_wash: &c.lacks_wash,
            shape: pop.shape,
            growth: &c.growth_table,
            shock: c.shock_at(t),
            shock_x: c.shock_x,
            z: c.z,
            households_total: c.w * c.n as f64,
            people_total: c.people_total,
            desil4_x,
            total_consumption,
        }
    }
}

/// What identifies a reference: everything it depends on apart from the scenario's policy levers.
#[derive(Clone, Debug, PartialEq)]
struct ReferenceKey {
    district: crate::scenario::District,
    horizon: i32,
    extreme_line: crate::scenario::ExtremeLine,
    growth_basis: GrowthBasis,
    assumptions: Vec<u64>,
    population: (u64, usize, u64, [u64; 3]),
}

impl ReferenceKey {
    fn new(s: &Scenario, lv: &LeverValues, pop: &Population) -> ReferenceKey {
        ReferenceKey {
            district: s.district.clone(),
            horizon: s.horizon,
            extreme_line: s.extreme_line,
            growth_basis: s.growth_basis,
            assumptions: LEVERS.iter().filter(|l| !l.group.is_policy()).map(|l| lv.get(l.id).to_bits()).collect(),
            population: (
                pop.seed,
                pop.len(),
                pop.weight.to_bits(),
                [pop.shape.mu_log.to_bits(), pop.shape.sigma_low.to_bits(), pop.shape.sigma_high.to_bits()],
            ),
        }
    }
}

/// The worlds that do not depend on the scenario's programmes — without district programmes and the status
/// quo — computed once per (district, assumptions, population) and shared by every scenario run on them: the
/// slider run, Shapley coalitions, Monte Carlo comparisons. The scenario pass then computes only its own world.
pub struct Reference {
    key: ReferenceKey,
    sq_levers: LeverValues,
    /// Per year: the latent score below which households are in desil 1–4.
    desil_cut: Vec<f64>,
    sel_sq: Vec<Selection>,
    counterfactual: Vec<YearResult>,
    baseline: Vec<YearResult>,
    programmes_baseline: Vec<ProgrammeYear>,
    distribution_baseline: Vec<Vec<f64>>,
    /// Per year, per kecamatan: people and status-quo poor people.
    kecamatan_baseline: Vec<Vec<[f64; 2]>>,
    /// The base year: welfare before district programmes (what records enumerated before it are backcast
    /// from, and where the path starts) and as published.
    base: BaseYear,
    /// Per year: the latent scores and consumption before district programmes (the base year's consumption as
    /// published) and total consumption, kept when they fit in `PATH_CACHE_LIMIT` values, so a scenario pass
    /// need not walk the path again.
    path: Option<Vec<KeptYear>>,
}

/// One year of a kept path: latent scores, consumption before district programmes, total consumption.
type KeptYear = (Vec<f64>, Vec<f64>, f64);

/// Largest number of household-years whose path a reference keeps (two f64 each: 64 MB).
const PATH_CACHE_LIMIT: usize = 4_000_000;

impl Reference {
    /// Runs the counterfactual and the status quo for `s` with the assumptions in `lv`.
    pub fn new(s: &Scenario, lv: &LeverValues, pop: &Population) -> Reference {
        let c = Ctx::new(s, lv, pop);
        let d = &s.district;
        // Assumptions are the scenario's in all three worlds.
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
        let base = BaseYear::new(s, &sq_levers, &c, pop);
        let mut none = World::new(Params::new(s, &none_levers, Active::ALL, false), pop, &base.x_pre, c.r);
        let mut sq = World::new(Params::new(s, &sq_levers, Active::ALL, false), pop, &base.x_pre, c.r);
        let mut path = base.path(&c);
        let mut out = Reference {
            key: ReferenceKey::new(s, lv, pop),
            sq_levers: sq_levers.clone(),
            desil_cut: Vec::with_capacity(c.years + 1),
            sel_sq: Vec::with_capacity(c.years + 1),
            counterfactual: Vec::with_capacity(c.years + 1),
            baseline: Vec::with_capacity(c.years + 1),
            programmes_baseline: Vec::new(),
            distribution_baseline: Vec::with_capacity(c.years + 1),
            kecamatan_baseline: Vec::with_capacity(c.years + 1),
            path: (c.n * (c.years + 1) <= PATH_CACHE_LIMIT).then(|| Vec::with_capacity(c.years + 1)),
            base: BaseYear { x_pre: Vec::new(), y_pre: Vec::new(), y_pub: Vec::new() },
        };
        for (t, ze) in c.extreme_lines.iter().enumerate() {
            let year = d.base_year + t as i32;
            let lines = Lines::new(c.z, *ze, KINK_LINE);
            // The path is welfare before district programmes; every world adds its own programmes to it.
            let total = if t == 0 { base.total(&c) } else { path.advance(&c, pop, t) };
            let desil = desil4_cut(&path.x);
            out.desil_cut.push(desil);
            let sh = path.shared(&c, pop, t, total, desil);
            let sel_sq = sq.select(&sh, pop);
            let norm = c.health_norm(sel_sq.insured_people);
            let sel_none = none.select(&sh, pop);
            let (mut acc_none, mut acc_sq) = (Acc::new(), Acc::new());
            let mut kec = vec![[0.0; 2]; c.n_kec];
            for h in 0..c.n {
                let wp = c.people[h];
                let y_pre = path.y_ref[h];
                let (y_none, y_sq) = if t == 0 {
                    // The base year is observed: the status quo as published; the counterfactual backs it out.
                    (y_pre, base.y_pub[h])
                } else {
                    let hit = rng::uniform(c.seed, Stream::Health, h as u64, t as u64) < c.health_rate;
                    let (loss, ue) = (c.health_loss, c.u_enterprise[h]);
                    (
                        none.apply(&sel_none, &sh, h, y_pre, hit, loss, norm, ue),
                        sq.apply(&sel_sq, &sh, h, y_pre, hit, loss, norm, ue),
                    )
                };
                acc_none.add(wp, y_none, &lines);
                acc_sq.add(wp, y_sq, &lines);
                acc_none.rtlh += if c.lacks_house[h] { c.w } else { 0.0 };
                acc_none.no_sanitation += if c.lacks_wash[h] { c.w } else { 0.0 };
                acc_sq.rtlh += if c.lacks_house[h] && !sq.house_done[h] { c.w } else { 0.0 };
                acc_sq.no_sanitation += if c.lacks_wash[h] && !sq.wash_done[h] { c.w } else { 0.0 };
                let k = &mut kec[pop.kecamatan[h] as usize];
                k[0] += wp;
                k[1] += if y_sq < c.z { wp } else { 0.0 };
            }
            let (rows_sq, reach_sq) = sq.finish_year(&sh, year, &sel_sq);
            let (_, reach_none) = none.finish_year(&sh, year, &sel_none);
            let spend = if t == 0 { 0.0 } else { rows_sq.iter().map(|r| r.spend_rp).sum() };
            out.counterfactual.push(acc_none.result(year, 0.0, &reach_none));
            out.baseline.push(acc_sq.result(year, spend, &reach_sq));
            out.distribution_baseline.push(acc_sq.distribution.clone());
            out.kecamatan_baseline.push(kec);
            if t >= 1 {
                out.programmes_baseline.extend(rows_sq);
            }
            out.sel_sq.push(sel_sq);
            if let Some(cache) = out.path.as_mut() {
                // The base year's scenario world is the published status quo.
                cache.push((path.x.clone(), if t == 0 { base.y_pub.clone() } else { path.y_ref.clone() }, total));
            }
        }
        out.base = base;
        out
    }

    /// Drops the kept path (memory for speed): later scenario passes walk it again, with the same numbers.
    pub fn forget_path(&mut self) {
        self.path = None;
    }

    /// Runs the scenario's own world on this reference. A reference built for other assumptions, another
    /// district or another population is rebuilt first, so the answer never depends on what was cached.
    pub fn scenario(
        &self,
        s: &Scenario,
        lv: &LeverValues,
        pop: &Population,
        active: Active,
        mut dump: Option<&mut dyn FnMut(HouseholdRow)>,
    ) -> Outcome {
        if self.key != ReferenceKey::new(s, lv, pop) {
            return Reference::new(s, lv, pop).scenario(s, lv, pop, active, dump);
        }
        let c = Ctx::new(s, lv, pop);
        let d = &s.district;
        let years = c.years;
        let mut scenario = Vec::with_capacity(years + 1);
        let mut programmes = Vec::new();
        let mut distribution = Vec::with_capacity(years + 1);
        let mut kecamatan = Vec::new();
        if same_as_status_quo(s, lv, &self.sq_levers, active) && dump.is_none() {
            // The scenario world is the status-quo world: nothing to compute.
            scenario = self.baseline.clone();
            programmes = self.programmes_baseline.clone();
            for (t, dist) in self.distribution_baseline.iter().enumerate() {
                distribution.push(Distribution {
                    year: d.base_year + t as i32,
                    baseline: dist.clone(),
                    scenario: dist.clone(),
                });
            }
            if !d.kecamatan.is_empty() {
                for (t, kec) in self.kecamatan_baseline.iter().enumerate() {
                    for (i, k) in kec.iter().enumerate() {
                        let p = 100.0 * k[1] / k[0].max(1e-9);
                        kecamatan.push(KecamatanYear {
                            year: d.base_year + t as i32,
                            kecamatan: i,
                            p0_baseline_pct: p,
                            p0_scenario_pct: p,
                        });
                    }
                }
            }
        } else {
            let mut scen = World::new(Params::new(s, lv, active, true), pop, &self.base.x_pre, c.r);
            let mut path = self.path.is_none().then(|| self.base.path(&c));
            for (t, ze) in c.extreme_lines.iter().enumerate() {
                let year = d.base_year + t as i32;
                let lines = Lines::new(c.z, *ze, KINK_LINE);
                let sel_sq = &self.sel_sq[t];
                // Scores and consumption before programmes: kept by the reference, or walked again.
                let (x, y_pre, total): (&[f64], &[f64], f64) = match &self.path {
                    Some(cache) => (&cache[t].0, &cache[t].1, cache[t].2),
                    None => {
                        let path = path.as_mut().expect("walked without a kept path");
                        if t == 0 {
                            (&self.base.x_pre, &self.base.y_pub, self.base.total(&c))
                        } else {
                            let total = path.advance(&c, pop, t);
                            (&path.x, &path.y_ref, total)
                        }
                    }
                };
                let sh = Path::shared_on(x, &c, pop, t, total, self.desil_cut[t]);
                let norm = c.health_norm(sel_sq.insured_people);
                let sel = scen.select(&sh, pop);
                let mut acc = Acc::new();
                let mut kec = vec![0.0; c.n_kec];
                for h in 0..c.n {
                    let wp = c.people[h];
                    let y = if t == 0 {
                        y_pre[h]
                    } else {
                        let hit = rng::uniform(c.seed, Stream::Health, h as u64, t as u64) < c.health_rate;
                        scen.apply(&sel, &sh, h, y_pre[h], hit, c.health_loss, norm, c.u_enterprise[h])
                    };
                    acc.add(wp, y, &lines);
                    acc.rtlh += if c.lacks_house[h] && !scen.house_done[h] { c.w } else { 0.0 };
                    acc.no_sanitation += if c.lacks_wash[h] && !scen.wash_done[h] { c.w } else { 0.0 };
                    kec[pop.kecamatan[h] as usize] += if y < c.z { wp } else { 0.0 };
                    if let Some(f) = dump.as_mut() {
                        f(HouseholdRow { year, household: h, weight: c.w, size: pop.size[h], consumption_pc: y });
                    }
                }
                let (rows, reach) = scen.finish_year(&sh, year, &sel);
                let spend = if t == 0 { 0.0 } else { rows.iter().map(|r| r.spend_rp).sum() };
                scenario.push(acc.result(year, spend, &reach));
                distribution.push(Distribution {
                    year,
                    baseline: self.distribution_baseline[t].clone(),
                    scenario: acc.distribution.clone(),
                });
                if t >= 1 {
                    programmes.extend(rows);
                }
                if !d.kecamatan.is_empty() {
                    for (i, k) in self.kecamatan_baseline[t].iter().enumerate() {
                        kecamatan.push(KecamatanYear {
                            year,
                            kecamatan: i,
                            p0_baseline_pct: 100.0 * k[1] / k[0].max(1e-9),
                            p0_scenario_pct: 100.0 * kec[i] / k[0].max(1e-9),
                        });
                    }
                }
            }
        }
        self.outcome(s, &c, scenario, programmes, distribution, kecamatan)
    }

    fn outcome(
        &self,
        s: &Scenario,
        c: &Ctx,
        scenario: Vec<YearResult>,
        programmes: Vec<ProgrammeYear>,
        distribution: Vec<Distribution>,
        kecamatan: Vec<KecamatanYear>,
    ) -> Outcome {
        let lifted: Vec<f64> =
            self.baseline.iter().zip(&scenario).map(|(b, s)| b.poor_people - s.poor_people).collect();
        let lifted_vs_none: Vec<f64> =
            self.counterfactual.iter().zip(&scenario).map(|(b, s)| b.poor_people - s.poor_people).collect();
        // Spend on what acts on consumption (and data updating), per year: housing and water are costed apart.
        let monetary = |rows: &[ProgrammeYear]| -> Vec<f64> {
            let mut by_year = vec![0.0; c.years + 1];
            for r in rows.iter().filter(|r| r.programme.is_monetary()) {
                by_year[(r.year - s.district.base_year) as usize] += r.spend_rp;
            }
            by_year
        };
        let (money_scen, money_sq) = (monetary(&programmes), monetary(&self.programmes_baseline));
        let spend_scen: f64 = money_scen.iter().sum();
        let spend_sq: f64 = money_sq.iter().sum();
        let py_none: f64 = lifted_vs_none.iter().skip(1).sum();
        let py_sq: f64 = lifted.iter().skip(1).sum();
        let cost_per_person_lifted_by_year = money_scen
            .iter()
            .zip(&lifted_vs_none)
            .enumerate()
            .map(|(t, (m, l))| (t >= 1 && *l > 0.5).then(|| m / l))
            .collect();
        Outcome {
            base_year: s.district.base_year,
            poverty_line: c.z,
            extreme_line: c.ze0,
            extreme_lines: c.extreme_lines.clone(),
            extreme_line_label: s.extreme_line.label(),
            growth_b40_pct: 100.0 * c.g_b40,
            growth_basis: if c.trend.is_some() { GrowthBasis::DistrictTrend } else { GrowthBasis::Evidence },
            counterfactual: self.counterfactual.clone(),
            baseline: self.baseline.clone(),
            scenario,
            programmes,
            programmes_baseline: self.programmes_baseline.clone(),
            lifted,
            lifted_vs_none,
            cost_per_person_year_lifted: (py_none > 0.5).then(|| spend_scen / py_none),
            incremental_cost_per_person_year: (py_sq > 0.5).then(|| (spend_scen - spend_sq) / py_sq),
            cost_per_person_lifted_by_year,
            kecamatan,
            distribution,
            churn_r: c.r,
            implied_entry_pct: c.implied_entry_pct,
        }
    }
}

/// The base year's welfare before district programmes. The published figures are the status quo: its
/// recipients got their transfers on top of welfare before programmes. Found at a fixed point: recipients are
/// those the status quo's registry picks on records of welfare before programmes; welfare with their transfers
/// is ranked and given the calibrated (published) distribution, person-weighted; the transfers taken back out
/// give welfare before programmes. Three rounds from the published ranks. From then on the path is welfare
/// before district programmes and every world, the status quo included, adds its own programmes to it, so no
/// registry is credited or charged for who the status quo's own registry happened to pick.
struct BaseYear {
    /// Latent scores of welfare before district programmes.
    x_pre: Vec<f64>,
    /// Consumption before district programmes and as published (the status quo), Rp per capita per month.
    y_pre: Vec<f64>,
    y_pub: Vec<f64>,
}

const BASE_YEAR_ROUNDS: usize = 3;

impl BaseYear {
    fn new(s: &Scenario, sq_levers: &LeverValues, c: &Ctx, pop: &Population) -> BaseYear {
        let shape = &pop.shape;
        let consumption = |x: f64| libm::exp(shape.mu_log + shape.spread(x));
        let total_people: f64 = c.people.iter().sum();
        let mut x_pub = pop.x0.clone();
        let mut x_pre = pop.x0.clone();
        let mut y_pre: Vec<f64> = x_pre.iter().map(|x| consumption(*x)).collect();
        let mut y_pub = y_pre.clone();
        for _ in 0..BASE_YEAR_ROUNDS {
            let total = y_pub.iter().zip(&c.people).map(|(y, p)| y * p).sum();
            let sh = Path::shared_on(&x_pre, c, pop, 0, total, f64::NEG_INFINITY);
            let mut sq = World::new(Params::new(s, sq_levers, Active::ALL, false), pop, &x_pre, c.r);
            let sel = sq.select(&sh, pop);
            let income: Vec<f64> = (0..c.n).map(|h| sq.recurring_income(&sel, &sh, h)).collect();
            // Welfare with the status quo's transfers, ranked and given the published distribution.
            let with: Vec<f64> = (0..c.n).map(|h| y_pre[h] * sel.multiplier_factor + income[h]).collect();
            let mut order: Vec<usize> = (0..c.n).collect();
            order.sort_by(|a, b| with[*a].total_cmp(&with[*b]).then(pop.x0[*a].total_cmp(&pop.x0[*b])));
            let mut cum = 0.0;
            for &h in &order {
                let mid = (cum + 0.5 * c.people[h]) / total_people;
                cum += c.people[h];
                x_pub[h] = normal::quantile(mid.clamp(1e-12, 1.0 - 1e-12));
            }
            for h in 0..c.n {
                y_pub[h] = consumption(x_pub[h]);
                y_pre[h] = ((y_pub[h] - income[h]) / sel.multiplier_factor).max(0.1 * y_pub[h]);
                x_pre[h] = if y_pre[h] == y_pub[h] {
                    x_pub[h]
                } else {
                    shape.inverse_spread(libm::log(y_pre[h]) - shape.mu_log)
                };
            }
        }
        BaseYear { x_pre, y_pre, y_pub }
    }

    /// The path of welfare before district programmes from the base year on: churn, then re-ranking back to
    /// the base year's distribution of welfare before programmes.
    fn path(&self, c: &Ctx) -> Path {
        Path { x: self.x_pre.clone(), y_ref: self.y_pre.clone(), reranker: Reranker::towards(&self.x_pre, &c.people) }
    }

    fn total(&self, c: &Ctx) -> f64 {
        self.y_pre.iter().zip(&c.people).map(|(y, p)| y * p).sum()
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
