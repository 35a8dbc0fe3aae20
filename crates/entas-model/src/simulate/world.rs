//! One world of a run — without district programmes, the status quo, or the scenario — and what its
//! programmes do each year: staged targeting (registry → noisy score → quota → delivery → pass-through)
//! with threshold selection on a score histogram, then the programmes' effect on each household.
//! Every world runs on the same households and the same draws, so differences between worlds are the
//! programmes' effect and nothing else.

use super::{Active, Programme, ProgrammeYear};
use crate::levers::LeverValues;
use crate::scenario::Scenario;

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

/// The cash entitlement per capita per month of a household with score `sc`: its estimated gap to the line
/// (gap filling) or the flat family benefit.
#[inline]
fn cash_entitlement_pc(p: &Params, sh: &Shared, sc: f64, size: f64) -> f64 {
    if p.gap_filling {
        (sh.z - libm::exp(sh.shape.mu_log + sh.shape.spread(sc) + sh.est_growth)).max(0.0)
    } else {
        p.cash_benefit / 12.0 / size
    }
}

/// Everything a world needs from its levers, resolved once per run.
pub(crate) struct Params {
    /// Budgets in Rp per programme, index t = projected year (0 unused).
    budgets: Vec<[f64; 7]>,
    data_budget: Vec<f64>,
    pub coverage0: f64,
    pub accuracy0: f64,
    absorption: f64,
    net_share: f64,
    cash_benefit: f64,
    gap_filling: bool,
    cash_delivery: f64,
    cash_pass: f64,
    food_benefit_year: f64,
    food_delivery: f64,
    food_pass: f64,
    premium_year: f64,
    grad_cost: f64,
    grad_effect: f64,
    ent_grant: f64,
    ent_return: f64,
    ent_survival: f64,
    house_cost: f64,
    wash_cost: f64,
    services_effect: f64,
    convergence: f64,
    multiplier: f64,
    data_cost: f64,
}

impl Params {
    /// `schedules` false: budgets are the constant lever values (the status quo has no schedules).
    pub fn new(s: &Scenario, lv: &LeverValues, active: Active, schedules: bool) -> Params {
        let pct = |id: &str| lv.get(id) / 100.0;
        let years = s.years();
        let budget = |id: &str, t: usize| if schedules { s.budget(lv, id, t) } else { lv.get(id) } * 1e9;
        // Year 0 holds the constant budgets: the base year's programmes, backed out of the status quo.
        let budgets = (0..=years)
            .map(|t| {
                Programme::ALL.map(|p| {
                    if !active.contains(p) {
                        0.0
                    } else if t == 0 {
                        lv.get(p.budget_lever()) * 1e9
                    } else {
                        budget(p.budget_lever(), t)
                    }
                })
            })
            .collect();
        let in_kind = pct("food_in_kind_share");
        Params {
            budgets,
            data_budget: (0..=years).map(|t| if t >= 1 { budget("data_update_budget", t) } else { 0.0 }).collect(),
            coverage0: pct("registry_coverage"),
            accuracy0: lv.get("targeting_accuracy"),
            absorption: pct("absorption"),
            net_share: pct("absorption") * (1.0 - pct("overhead")),
            cash_benefit: lv.get("cash_benefit"),
            gap_filling: lv.get("cash_gap_filling") >= 0.5,
            cash_delivery: pct("cash_delivery"),
            cash_pass: pct("cash_pass_through"),
            food_benefit_year: 12.0 * lv.get("food_benefit"),
            food_delivery: in_kind * pct("in_kind_delivery") + (1.0 - in_kind) * pct("cash_delivery"),
            food_pass: pct("food_pass_through"),
            premium_year: 12.0 * lv.get("health_premium"),
            grad_cost: 1e6 * lv.get("graduation_cost"),
            grad_effect: pct("graduation_effect"),
            ent_grant: 1e6 * lv.get("enterprise_grant"),
            ent_return: pct("enterprise_return"),
            ent_survival: pct("enterprise_survival"),
            house_cost: 1e6 * lv.get("housing_unit_cost"),
            wash_cost: 1e6 * lv.get("wash_unit_cost"),
            services_effect: pct("services_effect"),
            convergence: pct("convergence"),
            multiplier: lv.get("multiplier"),
            data_cost: lv.get("data_cost"),
        }
    }

    fn any_budget(&self, t: usize) -> bool {
        self.budgets[t].iter().any(|b| *b > 0.0)
    }
}

/// What one world's households share in a year, independent of the programmes.
pub(crate) struct Shared<'a> {
    pub t: usize,
    pub x: &'a [f64],
    pub size: &'a [f64],
    pub w: f64,
    pub u_registry: &'a [f64],
    pub noise: &'a [f64],
    pub noise_sector: &'a [f64],
    pub kecamatan: &'a [u16],
    pub pockets: &'a [bool],
    pub lacks_house: &'a [bool],
    pub lacks_wash: &'a [bool],
    pub shape: crate::population::Shape,
    /// Years of growth to the current year, for the gap estimate.
    pub est_growth: f64,
    pub z: f64,
    pub households_total: f64,
    /// Σ weight × size × consumption before programmes, Rp per month.
    pub total_consumption: f64,
}

/// The selection of one world in one year.
pub(crate) struct Selection {
    noise_weight: f64,
    accuracy: f64,
    coverage: f64,
    cash_tau: f64,
    food_tau: f64,
    health_tau: f64,
    grad_tau: (f64, f64),
    ent_tau: (f64, f64),
    house_tau: (f64, f64),
    wash_tau: (f64, f64),
    pub spend: [f64; 7],
    pub data_spend: f64,
    pub multiplier_factor: f64,
    /// People insured by the district's health programme (weighted).
    pub insured_people: f64,
}

/// Per-programme sums of one world in one year.
#[derive(Default, Clone, Copy)]
pub(crate) struct ProgAcc {
    selected: f64,
    people: f64,
    selected_poor: f64,
}

/// A world's state across years.
pub(crate) struct World {
    pub p: Params,
    graduated: Vec<i32>,
    enterprise: Vec<i32>,
    pub house_done: Vec<bool>,
    pub wash_done: Vec<bool>,
    coverage: f64,
    accuracy: f64,
    hist: Hists,
    pub progs: [ProgAcc; 7],
    pub poor_households: f64,
    /// Whether any year so far had a budget (else every household keeps its consumption before programmes).
    ever_selected: bool,
}

impl World {
    pub fn new(p: Params, n: usize) -> World {
        World {
            coverage: p.coverage0,
            accuracy: p.accuracy0,
            p,
            graduated: vec![-1; n],
            enterprise: vec![-1; n],
            house_done: vec![false; n],
            wash_done: vec![false; n],
            hist: Hists::new(),
            progs: [ProgAcc::default(); 7],
            poor_households: 0.0,
            ever_selected: false,
        }
    }

    /// Registry updating, then scores, histograms and thresholds for year `sh.t`.
    pub fn select(&mut self, sh: &Shared) -> Selection {
        let p = &self.p;
        let t = sh.t;
        let refreshed = (p.data_budget[t] * p.absorption / (p.data_cost * sh.households_total)).min(1.0);
        self.coverage += (0.95 - self.coverage).max(0.0) * refreshed;
        self.accuracy += (0.9 - self.accuracy).max(0.0) * refreshed;
        let noise_weight = libm::sqrt(1.0 - self.accuracy * self.accuracy);
        let data_spend = p.data_budget[t] * p.absorption;
        let mut sel = Selection {
            noise_weight,
            accuracy: self.accuracy,
            coverage: self.coverage,
            cash_tau: f64::NEG_INFINITY,
            food_tau: f64::NEG_INFINITY,
            health_tau: f64::NEG_INFINITY,
            grad_tau: (f64::NEG_INFINITY, f64::NEG_INFINITY),
            ent_tau: (f64::NEG_INFINITY, f64::NEG_INFINITY),
            house_tau: (f64::NEG_INFINITY, f64::NEG_INFINITY),
            wash_tau: (f64::NEG_INFINITY, f64::NEG_INFINITY),
            spend: [0.0; 7],
            data_spend,
            multiplier_factor: 1.0,
            insured_people: 0.0,
        };
        if !p.any_budget(t) {
            return sel;
        }
        self.ever_selected = true;
        let hist = &mut self.hist;
        hist.clear();
        for h in 0..sh.x.len() {
            let xh = sh.x[h];
            let sc = sel.accuracy * xh + noise_weight * sh.noise[h];
            let sc2 = sel.accuracy * xh + noise_weight * sh.noise_sector[h];
            let (b, b2) = (bin(sc), bin(sc2));
            let w = sh.w;
            if sh.u_registry[h] < sel.coverage {
                hist.households[b] += w;
                hist.people[b] += w * sh.size[h];
                if p.gap_filling {
                    let est = libm::exp(sh.shape.mu_log + sh.shape.spread(sc) + sh.est_growth);
                    hist.gap[b] += w * (sh.z - est).max(0.0) * sh.size[h] * 12.0;
                }
                if self.graduated[h] < 0 {
                    hist.graduation[b] += w;
                }
                if self.enterprise[h] < 0 {
                    hist.enterprise[b] += w;
                }
                let pocket = sh.pockets[sh.kecamatan[h] as usize] as usize;
                if sh.lacks_house[h] && !self.house_done[h] {
                    hist.house[pocket][b] += w;
                }
                if sh.lacks_wash[h] && !self.wash_done[h] {
                    hist.wash[pocket][b] += w;
                }
            }
            if self.graduated[h] < 0 {
                hist.graduation_sector[b2] += w;
            }
            if self.enterprise[h] < 0 {
                hist.enterprise_sector[b2] += w;
            }
        }
        let net = |q: Programme| p.budgets[t][q as usize] * p.net_share;
        let cash_quota = if p.gap_filling { net(Programme::Cash) } else { net(Programme::Cash) / p.cash_benefit };
        let (cash_tau, cash_filled) = threshold(if p.gap_filling { &hist.gap } else { &hist.households }, cash_quota);
        let cash_delivered_year =
            if p.gap_filling { cash_filled * p.cash_delivery } else { cash_filled * p.cash_benefit * p.cash_delivery };
        let food_quota = net(Programme::Food) / p.food_benefit_year;
        let (food_tau, food_filled) = threshold(&hist.households, food_quota);
        let health_quota = net(Programme::Health) / p.premium_year;
        let (health_tau, health_filled) = threshold(&hist.people, health_quota);
        let grad_quota = net(Programme::Graduation) / p.grad_cost;
        let (g1, gf1) = threshold(&hist.graduation, p.convergence * grad_quota);
        let (g2, gf2) = threshold(&hist.graduation_sector, (1.0 - p.convergence) * grad_quota);
        let ent_quota = net(Programme::Enterprise) / p.ent_grant;
        let (e1, ef1) = threshold(&hist.enterprise, p.convergence * ent_quota);
        let (e2, ef2) = threshold(&hist.enterprise_sector, (1.0 - p.convergence) * ent_quota);
        let house_quota = net(Programme::Housing) / p.house_cost;
        let (hp, hf1) = threshold(&hist.house[1], house_quota);
        let (ho, hf2) = threshold(&hist.house[0], house_quota - hf1);
        let wash_quota = net(Programme::Wash) / p.wash_cost;
        let (wp, wf1) = threshold(&hist.wash[1], wash_quota);
        let (wo, wf2) = threshold(&hist.wash[0], wash_quota - wf1);
        let filled = |f: f64, q: f64| if q > 0.0 { (f / q).min(1.0) } else { 0.0 };
        let shares = [
            filled(cash_filled, cash_quota),
            filled(food_filled, food_quota),
            filled(health_filled, health_quota),
            filled(gf1 + gf2, grad_quota),
            filled(ef1 + ef2, ent_quota),
            filled(hf1 + hf2, house_quota),
            filled(wf1 + wf2, wash_quota),
        ];
        for q in Programme::ALL {
            sel.spend[q as usize] = p.budgets[t][q as usize] * p.absorption * shares[q as usize];
        }
        // Local multiplier: the extra spending transfers generate, spread in proportion to consumption.
        let transfers_month = (cash_delivered_year + food_filled * p.food_benefit_year * p.food_delivery) / 12.0;
        sel.multiplier_factor = 1.0 + (p.multiplier - 1.0) * transfers_month / sh.total_consumption;
        sel.insured_people = health_filled;
        sel.cash_tau = cash_tau;
        sel.food_tau = food_tau;
        sel.health_tau = health_tau;
        sel.grad_tau = (g1, g2);
        sel.ent_tau = (e1, e2);
        sel.house_tau = (ho, hp);
        sel.wash_tau = (wo, wp);
        sel
    }

    /// Recurring transfers (cash and food, Rp per capita per month) household `h` gets in this world: what
    /// the base-year figures already contain of the status quo, backed out for the counterfactual.
    #[inline]
    pub fn recurring_income(&self, sel: &Selection, sh: &Shared, h: usize) -> f64 {
        if sh.u_registry[h] >= sel.coverage {
            return 0.0;
        }
        let p = &self.p;
        let sc = sel.accuracy * sh.x[h] + sel.noise_weight * sh.noise[h];
        let size = sh.size[h];
        let mut income = 0.0;
        if sc < sel.cash_tau {
            income += cash_entitlement_pc(p, sh, sc, size) * p.cash_delivery * p.cash_pass;
        }
        if sc < sel.food_tau {
            income += p.food_benefit_year / 12.0 / size * p.food_delivery * p.food_pass;
        }
        income
    }

    /// Household `h`'s consumption in this world (Rp per capita per month), from its consumption before
    /// district programmes `y_pre`, its health event (`hit`, relative loss `loss`, mean-keeping `norm`),
    /// and the enterprise-survival draw `u_enterprise`. Updates the world's one-off programme state.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    pub fn apply(
        &mut self,
        sel: &Selection,
        sh: &Shared,
        h: usize,
        y_pre: f64,
        hit: bool,
        loss: f64,
        norm: f64,
        u_enterprise: f64,
    ) -> f64 {
        let t = sh.t as i32;
        let w = sh.w;
        let size = sh.size[h];
        let y_base = y_pre * norm * if hit { 1.0 - loss } else { 1.0 };
        let poor_before = y_base < sh.z;
        self.poor_households += if poor_before { w } else { 0.0 };
        if !self.ever_selected {
            // No programme has ever run in this world: the full path below would give y_base × 1 + 0.
            return y_base;
        }
        let registered = sh.u_registry[h] < sel.coverage;
        let sc = sel.accuracy * sh.x[h] + sel.noise_weight * sh.noise[h];
        let sc2 = sel.accuracy * sh.x[h] + sel.noise_weight * sh.noise_sector[h];
        let progs = &mut self.progs;
        let mut add = |q: Programme| {
            let a = &mut progs[q as usize];
            a.selected += w;
            a.people += w * size;
            a.selected_poor += if poor_before { w } else { 0.0 };
        };
        let p = &self.p;
        let insured = registered && sc < sel.health_tau;
        if insured {
            add(Programme::Health);
        }
        let mut y = if hit && insured { y_pre * norm } else { y_base };
        let mut factor = sel.multiplier_factor;
        let mut income = 0.0;
        if registered && sc < sel.cash_tau {
            add(Programme::Cash);
            income += cash_entitlement_pc(p, sh, sc, size) * p.cash_delivery * p.cash_pass;
        }
        if registered && sc < sel.food_tau {
            add(Programme::Food);
            income += p.food_benefit_year / 12.0 / size * p.food_delivery * p.food_pass;
        }
        if self.graduated[h] < 0 && ((registered && sc < sel.grad_tau.0) || sc2 < sel.grad_tau.1) {
            self.graduated[h] = t;
            add(Programme::Graduation);
        }
        if self.graduated[h] >= 0 {
            factor *= 1.0 + p.grad_effect * graduation_ramp(t - self.graduated[h]);
        }
        if self.enterprise[h] < 0 && ((registered && sc < sel.ent_tau.0) || sc2 < sel.ent_tau.1) {
            self.enterprise[h] = t;
            add(Programme::Enterprise);
        }
        if self.enterprise[h] >= 0 && t > self.enterprise[h] {
            let age = (t - self.enterprise[h]) as f64;
            if u_enterprise < libm::pow(p.ent_survival, age / 2.0) {
                income += p.ent_return * p.ent_grant / size * p.cash_pass;
            }
        }
        let pocket = sh.pockets[sh.kecamatan[h] as usize];
        if registered
            && sh.lacks_house[h]
            && !self.house_done[h]
            && sc < if pocket { sel.house_tau.1 } else { sel.house_tau.0 }
        {
            self.house_done[h] = true;
            add(Programme::Housing);
        }
        if registered
            && sh.lacks_wash[h]
            && !self.wash_done[h]
            && sc < if pocket { sel.wash_tau.1 } else { sel.wash_tau.0 }
        {
            self.wash_done[h] = true;
            add(Programme::Wash);
        }
        if self.house_done[h] {
            factor *= 1.0 + p.services_effect;
        }
        if self.wash_done[h] {
            factor *= 1.0 + p.services_effect;
        }
        y = y * factor + income;
        y
    }

    /// Per-programme rows of this year, and the counters reset for the next.
    pub fn finish_year(&mut self, year: i32, sel: &Selection) -> Vec<ProgrammeYear> {
        let rows = Programme::ALL
            .iter()
            .map(|q| {
                let a = self.progs[*q as usize];
                ProgrammeYear {
                    programme: *q,
                    year,
                    spend_rp: sel.spend[*q as usize],
                    beneficiaries: a.selected,
                    people: a.people,
                    inclusion_error_pct: if a.selected > 0.0 {
                        100.0 * (1.0 - a.selected_poor / a.selected)
                    } else {
                        0.0
                    },
                    exclusion_error_pct: if self.poor_households > 0.0 {
                        100.0 * (1.0 - a.selected_poor / self.poor_households)
                    } else {
                        0.0
                    },
                }
            })
            .collect();
        self.progs = [ProgAcc::default(); 7];
        self.poor_households = 0.0;
        rows
    }
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
