//! One world of a run — without district programmes, the status quo, or the scenario — and what its
//! programmes do each year. Targeting is staged: registration on a sector list → a score frozen at the
//! record's enumeration (so it ages as households churn) → a quota by threshold on a score histogram →
//! delivery → pass-through. Every world runs on the same households and the same draws, so differences
//! between worlds are the programmes' effect and nothing else.
//!
//! Each sector works from its own list (`List`): a shared registry plus sector-specific registration and
//! scoring errors; `convergence` is the correlation between the lists (100% = one by-name-by-address list).
//!
//! Longer than 400 lines on purpose: `World::year` is one pass over the households, and the order of its
//! stages (data updating, health, social aid, empowerment, housing) is the model; the registry and the
//! resolved levers live in `registry` and `params`.

use super::params::Params;
use super::registry::{threshold, threshold_counts, Counts, List, Registry, BINS};
use super::{Programme, ProgrammeYear};
use crate::population::{Population, Shape};
use crate::rng::{self, Stream};

/// Share of the graduation gain reached k years after the package year (k = 0), the brief's timetable:
/// +6% in year 2, +12% in years 3–4, +25% from year 7 (of a 25% long-run effect), then `decay` a year.
fn graduation_ramp(k: i32, decay: f64) -> f64 {
    match k {
        i32::MIN..=0 => 0.0,
        1 => 6.0 / 25.0,
        2 | 3 => 12.0 / 25.0,
        4 => (12.0 + 13.0 / 3.0) / 25.0,
        5 => (12.0 + 26.0 / 3.0) / 25.0,
        _ => libm::pow(1.0 - decay, (k - 6) as f64),
    }
}

/// ln of consumption before district programmes at latent score `x` in year `t`: the one formula the path
/// and the registry's welfare estimate share.
#[inline]
pub(crate) fn ln_consumption(
    shape: &Shape,
    growth: &super::GrowthTable,
    x: f64,
    t: f64,
    shock: f64,
    shock_x: f64,
) -> f64 {
    shape.mu_log + shape.spread(x) + t * growth.at(x) + if x < shock_x { shock } else { 0.0 }
}

/// What one world's households share in a year, independent of the programmes.
pub(crate) struct Shared<'a> {
    pub t: usize,
    pub seed: u64,
    pub x: &'a [f64],
    pub size: &'a [f64],
    /// Households each household stands for (`Population::weights`).
    pub weights: &'a [f64],
    /// Each household's multiple of the unit weight, which the counts of who is left to serve add up.
    pub mult: &'a [f64],
    pub kecamatan: &'a [u16],
    /// `rng::index_hash` of each household.
    pub hash: &'a [u64],
    pub pockets: &'a [bool],
    pub lacks_house: &'a [bool],
    pub lacks_wash: &'a [bool],
    pub shape: &'a Shape,
    pub growth: &'a super::GrowthTable,
    /// ln shock of this year and the score below which it hits.
    pub shock: f64,
    pub shock_x: f64,
    pub z: f64,
    /// The population's unit weight (households), in which the counts are kept.
    pub unit: f64,
    pub households_total: f64,
    pub people_total: f64,
    /// Latent score below which a household is in desil 1–4 (the poorest 40% of households).
    pub desil4_x: f64,
    /// Σ weight × size × consumption before programmes, Rp per month.
    pub total_consumption: f64,
}

impl Shared<'_> {
    /// The registry's estimate of a household's consumption this year: the model's consumption at the latent
    /// score expected given the record (`expected_x`; exact for a fresh, perfect score).
    #[inline]
    fn estimate(&self, expected_x: f64) -> f64 {
        libm::exp(ln_consumption(self.shape, self.growth, expected_x, self.t as f64, self.shock, self.shock_x))
    }
}

/// The selection of one world in one year.
pub(crate) struct Selection {
    cash_tau: f64,
    food_tau: f64,
    /// Insured below `health_tau`; below `pbi_tau` by the national PBI, between them by the district.
    pbi_tau: f64,
    health_tau: f64,
    grad_tau: f64,
    ent_tau: f64,
    house_tau: (f64, f64),
    wash_tau: (f64, f64),
    pub spend: [f64; 7],
    pub data_spend: f64,
    pub refreshed: f64,
    pub multiplier_factor: f64,
    /// People insured (national PBI and district UHC, weighted).
    pub insured_people: f64,
}

/// Per-programme sums of one world in one year.
#[derive(Default, Clone, Copy)]
pub(crate) struct ProgAcc {
    selected: f64,
    people: f64,
    selected_poor: f64,
    selected_eligible: f64,
}

/// Reach of one world in one year, beyond the poverty measures.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Reach {
    /// Distinct households reached by any district programme this year (recurring aid this year, one-off
    /// packages delivered this year).
    pub households: f64,
    pub people: f64,
    /// Desil 1–4 households covered by 0, 1, 2, 3+ district programmes (recurring this year, one-off so far).
    pub desil_by_count: [f64; 4],
    /// Mean age of the social list's records, years.
    pub record_age: f64,
    /// Share of desil 1–4 households on the social-aid list, percent.
    pub desil_registered_pct: f64,
}

/// A world's registry before any year has changed it, kept by the reference: the scenario world with the
/// same enablers starts from a copy.
pub(crate) struct WorldStart {
    enablers: [u64; 4],
    registry: Registry,
    counts: Counts,
}

impl WorldStart {
    /// Whether a world with these levers starts from this registry.
    pub fn fits(&self, p: &Params) -> bool {
        self.enablers == p.enablers()
    }
}

/// A world's state across years.
pub(crate) struct World {
    pub p: Params,
    registry: Registry,
    graduated: Vec<i32>,
    /// Graduation gain fixed at entry, Rp per capita per month at the long-run effect: the evidence's effects
    /// are shares of the control group's consumption (the ultra-poor's, about the poverty line), so the gain
    /// is the effect × GK, whoever receives it.
    grad_gain: Vec<f64>,
    enterprise: Vec<i32>,
    pub house_done: Vec<bool>,
    pub wash_done: Vec<bool>,
    /// Who is left to serve on each list, by score bin (counted at the first selection, then kept).
    counts: Counts,
    counted: bool,
    /// Gap filling's yearly histogram.
    gap: Vec<f64>,
    progs: [ProgAcc; 7],
    poor_households: f64,
    eligible_households: f64,
    reach: Reach,
}

impl World {
    /// `x_base`: the base year's latent scores the registry's records are backcast from.
    pub fn new(p: Params, pop: &Population, x_base: &[f64], r: f64) -> World {
        let registry = Registry::new(&p, pop, x_base, r);
        World::with_registry(p, registry, Counts::new(), false)
    }

    /// A world whose registry starts as `start`'s did (the same enablers): its records, scores and counts
    /// copied rather than computed again.
    pub fn from_start(p: Params, start: &WorldStart) -> World {
        World::with_registry(p, start.registry.clone(), start.counts.clone(), true)
    }

    /// A world on `registry` in which nobody has received anything yet.
    fn with_registry(p: Params, registry: Registry, counts: Counts, counted: bool) -> World {
        let n = registry.x_record.len();
        World {
            registry,
            p,
            graduated: vec![-1; n],
            grad_gain: vec![0.0; n],
            enterprise: vec![-1; n],
            house_done: vec![false; n],
            wash_done: vec![false; n],
            counts,
            counted,
            gap: Vec::new(),
            progs: [ProgAcc::default(); 7],
            poor_households: 0.0,
            eligible_households: 0.0,
            reach: Reach::default(),
        }
    }

    /// This world's registry and counts as they stand after its base-year selection (nothing refreshed or
    /// delivered yet), with the enablers they were made from.
    pub fn start(&self) -> WorldStart {
        WorldStart { enablers: self.p.enablers(), registry: self.registry.clone(), counts: self.counts.clone() }
    }

    /// Adds (or removes) household `h` to the counts of what is left to serve, by its record and what it
    /// has received.
    fn count(&mut self, sh: &Shared, h: usize, add: bool) {
        let (reg, c) = (&self.registry, &mut self.counts);
        let m = if add { sh.mult[h] } else { -sh.mult[h] };
        if let Some(b) = reg.bin_on(h, List::Social) {
            c.social[b] += m;
        }
        if let Some(b) = reg.bin_on(h, List::Health) {
            c.health[b] += m * sh.size[h];
        }
        if let Some(b) = reg.bin_on(h, List::Empowerment) {
            if self.graduated[h] < 0 {
                c.graduation[b] += m;
            }
            if self.enterprise[h] < 0 {
                c.enterprise[b] += m;
            }
        }
        if let Some(b) = reg.bin_on(h, List::Housing) {
            let pocket = sh.pockets[sh.kecamatan[h] as usize] as usize;
            if sh.lacks_house[h] && !self.house_done[h] {
                c.house[pocket][b] += m;
            }
            if sh.lacks_wash[h] && !self.wash_done[h] {
                c.wash[pocket][b] += m;
            }
        }
    }

    /// Registry updating, then histograms and thresholds for year `sh.t`.
    pub fn select(&mut self, sh: &Shared, pop: &Population) -> Selection {
        let p = &self.p;
        let t = sh.t;
        let n = sh.x.len();
        // Re-enumeration: a random share of households gets a fresh record.
        let affordable = p.data_budget[t] * p.absorption / (p.data_cost * sh.households_total);
        let share = affordable.min(1.0);
        if !self.counted {
            for h in 0..n {
                self.count(sh, h, true);
            }
            self.counted = true;
        }
        let mut refreshed = 0.0;
        if share > 0.0 {
            let refresh = rng::Key::new(sh.seed, Stream::Refresh);
            for h in 0..n {
                if refresh.hashed_uniform(sh.hash[h], t as u64) < share {
                    self.count(sh, h, false);
                    let reg = &mut self.registry;
                    reg.x_record[h] = sh.x[h];
                    reg.enumerated[h] = t as f64;
                    reg.full[h] = true;
                    reg.record(h, pop);
                    self.count(sh, h, true);
                    refreshed += sh.weights[h];
                }
            }
        }
        let p = &self.p;
        let data_spend = refreshed * p.data_cost;
        if p.gap_filling {
            let reg = &self.registry;
            self.gap.clear();
            self.gap.resize(BINS, 0.0);
            for h in 0..n {
                if let (Some(sc), Some(b)) = (reg.on(h, List::Social), reg.bin_on(h, List::Social)) {
                    self.gap[b] += sh.weights[h] * gross_gap_pc(p, sh, sc) * sh.size[h] * 12.0;
                }
            }
        }
        let (counts, w) = (&self.counts, sh.unit);
        let net = |q: Programme| p.budgets[t][q as usize] * p.net_share;
        let cash_quota = if p.gap_filling { net(Programme::Cash) } else { net(Programme::Cash) / p.cash_benefit };
        let (cash_tau, cash_filled) = if p.gap_filling {
            threshold(&self.gap, cash_quota)
        } else {
            threshold_counts(&counts.social, w, cash_quota)
        };
        let cash_paid_year = if p.gap_filling { cash_filled } else { cash_filled * p.cash_benefit };
        let food_quota = net(Programme::Food) / p.food_benefit_year;
        let (food_tau, food_filled) = threshold_counts(&counts.social, w, food_quota);
        let pbi_quota = p.pbi_share * sh.people_total;
        let (pbi_tau, pbi_filled) = threshold_counts(&counts.health, w, pbi_quota);
        let health_quota = net(Programme::Health) / p.premium_year;
        let (health_tau, health_filled) = threshold_counts(&counts.health, w, pbi_filled + health_quota);
        let grad_quota = net(Programme::Graduation) / p.grad_cost;
        let (grad_tau, grad_filled) = threshold_counts(&counts.graduation, w, grad_quota);
        let ent_quota = net(Programme::Enterprise) / p.ent_grant;
        let (ent_tau, ent_filled) = threshold_counts(&counts.enterprise, w, ent_quota);
        let house_quota = net(Programme::Housing) / p.house_cost;
        let (hp, hf1) = threshold_counts(&counts.house[1], w, house_quota);
        let (ho, hf2) = threshold_counts(&counts.house[0], w, house_quota - hf1);
        let wash_quota = net(Programme::Wash) / p.wash_cost;
        let (wp, wf1) = threshold_counts(&counts.wash[1], w, wash_quota);
        let (wo, wf2) = threshold_counts(&counts.wash[0], w, wash_quota - wf1);
        let filled = |f: f64, q: f64| if q > 0.0 { (f / q).min(1.0) } else { 0.0 };
        let shares = [
            filled(cash_filled, cash_quota),
            filled(food_filled, food_quota),
            filled(health_filled - pbi_filled, health_quota),
            filled(grad_filled, grad_quota),
            filled(ent_filled, ent_quota),
            filled(hf1 + hf2, house_quota),
            filled(wf1 + wf2, wash_quota),
        ];
        let mut spend = [0.0; 7];
        for q in Programme::ALL {
            spend[q as usize] = p.budgets[t][q as usize] * p.absorption * shares[q as usize];
        }
        // Local multiplier (net of what the money would otherwise buy): spread in proportion to consumption.
        let transfers_month =
            (cash_paid_year * p.cash_delivery + food_filled * p.food_benefit_year * p.food_arrives) / 12.0;
        Selection {
            cash_tau,
            food_tau,
            pbi_tau,
            health_tau,
            grad_tau,
            ent_tau,
            house_tau: (ho, hp),
            wash_tau: (wo, wp),
            spend,
            data_spend,
            refreshed,
            multiplier_factor: 1.0 + (p.multiplier - 1.0) * transfers_month / sh.total_consumption,
            insured_people: health_filled,
        }
    }

    /// Recurring transfers (cash and food, Rp per capita per month) household `h` gets in this world: what
    /// the base-year figures already contain of the status quo, backed out for the counterfactual.
    #[inline]
    pub fn recurring_income(&self, sel: &Selection, sh: &Shared, h: usize) -> f64 {
        let Some(sc) = self.registry.on(h, List::Social) else { return 0.0 };
        let p = &self.p;
        let mut income = 0.0;
        if sc < sel.cash_tau {
            income += cash_arrives_pc(p, sh, sc, sh.size[h]);
        }
        if sc < sel.food_tau {
            income += p.food_benefit_year / 12.0 / sh.size[h] * p.food_arrives * p.pass;
        }
        income
    }

    /// Household `h`'s consumption in this world (Rp per capita per month), from its consumption before
    /// district programmes `y_pre`, its health event (`hit`, relative loss `loss`, mean-keeping `norm`),
    /// and the enterprise-survival draw `u_enterprise`. Updates the world's one-off programme state.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
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
        let (w, m) = (sh.weights[h], sh.mult[h]);
        let size = sh.size[h];
        let y_norm = y_pre * norm;
        let y_base = if hit { y_norm * (1.0 - loss) } else { y_norm };
        let poor = y_base < sh.z;
        let eligible = sh.x[h] < sh.desil4_x;
        self.poor_households += if poor { w } else { 0.0 };
        self.eligible_households += if eligible { w } else { 0.0 };
        let reg = &self.registry;
        let p = &self.p;
        let mut reached = 0u32;
        let progs = &mut self.progs;
        let mut add = |q: Programme| {
            let a = &mut progs[q as usize];
            a.selected += w;
            a.people += w * size;
            a.selected_poor += if poor { w } else { 0.0 };
            a.selected_eligible += if eligible { w } else { 0.0 };
        };
        // Branch only on what is rare (being selected, holding a package): list membership and thresholds
        // combine without short-circuits, so the common household runs straight through.
        let bits = reg.registered[h];
        let sc = reg.score[h];
        let on = |l: List| bits & (1 << l as u8) != 0;
        let (on_social, on_health, on_empowerment, on_housing) =
            (on(List::Social), on(List::Health), on(List::Empowerment), on(List::Housing));
        let insured = on_health & (sc[List::Health as usize] < sel.health_tau);
        if insured & (sc[List::Health as usize] >= sel.pbi_tau) {
            add(Programme::Health);
            reached += 1;
        }
        let mut y = if hit & insured { y_norm } else { y_base };
        let mut factor = sel.multiplier_factor;
        let mut income = 0.0;
        let social = sc[List::Social as usize];
        if on_social & (social < sel.cash_tau) {
            let cash = cash_arrives_pc(p, sh, social, size);
            if cash > 0.0 {
                add(Programme::Cash);
                reached += 1;
                income += cash;
            }
        }
        if on_social & (social < sel.food_tau) {
            add(Programme::Food);
            reached += 1;
            income += p.food_benefit_year / 12.0 / size * p.food_arrives * p.pass;
        }
        let recurring = reached;
        let empowerment = sc[List::Empowerment as usize];
        let bin_empowerment = reg.bins[h][List::Empowerment as usize] as usize;
        if (self.graduated[h] < 0) & on_empowerment & (empowerment < sel.grad_tau) {
            self.graduated[h] = t;
            self.grad_gain[h] = p.grad_effect * sh.z;
            self.counts.graduation[bin_empowerment] -= m;
            add(Programme::Graduation);
            reached += 1;
            // Consumption support in the package year.
            income += p.grad_stipend * p.grad_cost / 12.0 / size * p.pass;
        }
        if self.graduated[h] >= 0 {
            income += self.grad_gain[h] * graduation_ramp(t - self.graduated[h], p.grad_decay);
        }
        if (self.enterprise[h] < 0) & on_empowerment & (empowerment < sel.ent_tau) {
            self.enterprise[h] = t;
            self.counts.enterprise[bin_empowerment] -= m;
            add(Programme::Enterprise);
            reached += 1;
        }
        // A running enterprise yields from the year after the grant; one that closes yields nothing.
        if (self.enterprise[h] >= 0) & (t > self.enterprise[h]) & (u_enterprise < p.ent_survival) {
            income += p.ent_return * p.ent_grant / size * p.pass;
        }
        let needs_house = sh.lacks_house[h] & !self.house_done[h];
        let needs_wash = sh.lacks_wash[h] & !self.wash_done[h];
        if on_housing & (needs_house | needs_wash) {
            let housing = sc[List::Housing as usize];
            let bin_housing = reg.bins[h][List::Housing as usize] as usize;
            let pocket = sh.pockets[sh.kecamatan[h] as usize];
            if needs_house && housing < if pocket { sel.house_tau.1 } else { sel.house_tau.0 } {
                self.house_done[h] = true;
                self.counts.house[pocket as usize][bin_housing] -= m;
                add(Programme::Housing);
                reached += 1;
            }
            if needs_wash && housing < if pocket { sel.wash_tau.1 } else { sel.wash_tau.0 } {
                self.wash_done[h] = true;
                self.counts.wash[pocket as usize][bin_housing] -= m;
                add(Programme::Wash);
                reached += 1;
            }
        }
        let (house, wash) = (self.house_done[h], self.wash_done[h]);
        let covered =
            recurring + (self.graduated[h] >= 0) as u32 + (self.enterprise[h] >= 0) as u32 + house as u32 + wash as u32;
        if house {
            factor *= 1.0 + p.services_effect;
        }
        if wash {
            factor *= 1.0 + p.services_effect;
        }
        let r = &mut self.reach;
        if reached > 0 {
            r.households += w;
            r.people += w * size;
        }
        // Adding an exact zero for a household outside desil 1–4 leaves the sums as they were.
        r.desil_by_count[(covered as usize).min(3)] += if eligible { w } else { 0.0 };
        r.desil_registered_pct += if eligible & on_social { w } else { 0.0 };
        y = y * factor + income;
        y
    }

    /// Per-programme rows of this year (data updating last), the world's reach, and the counters reset.
    pub fn finish_year(&mut self, sh: &Shared, year: i32, sel: &Selection) -> (Vec<ProgrammeYear>, Reach) {
        let pct = |part: f64, whole: f64| if whole > 0.0 { 100.0 * part / whole } else { 0.0 };
        let mut rows: Vec<ProgrammeYear> = Programme::ALL
            .iter()
            .map(|q| {
                let a = self.progs[*q as usize];
                ProgrammeYear {
                    programme: *q,
                    year,
                    spend_rp: sel.spend[*q as usize],
                    beneficiaries: a.selected,
                    people: a.people,
                    inclusion_error_desil_pct: pct(a.selected - a.selected_eligible, a.selected),
                    exclusion_error_desil_pct: 100.0 - pct(a.selected_eligible, self.eligible_households),
                    exclusion_floor_desil_pct: (100.0 - pct(a.selected, self.eligible_households)).max(0.0),
                    inclusion_error_gk_pct: pct(a.selected - a.selected_poor, a.selected),
                    exclusion_error_gk_pct: 100.0 - pct(a.selected_poor, self.poor_households),
                }
            })
            .collect();
        rows.push(ProgrammeYear {
            programme: Programme::DataUpdating,
            year,
            spend_rp: sel.data_spend,
            beneficiaries: sel.refreshed,
            people: 0.0,
            inclusion_error_desil_pct: 0.0,
            exclusion_error_desil_pct: 0.0,
            exclusion_floor_desil_pct: 0.0,
            inclusion_error_gk_pct: 0.0,
            exclusion_error_gk_pct: 0.0,
        });
        let mut reach = self.reach;
        let t = sh.t as f64;
        // By weight (a household file's households weigh differently; every synthetic one weighs 1).
        let ages = self.registry.enumerated.iter().zip(sh.mult).map(|(e, m)| m * (t - e)).sum::<f64>();
        reach.record_age = ages / sh.mult.iter().sum::<f64>();
        reach.desil_registered_pct = pct(reach.desil_registered_pct, self.eligible_households);
        self.reset_year();
        (rows, reach)
    }

    /// Ends the year without its rows: the counters back to zero.
    pub fn reset_year(&mut self) {
        self.progs = [ProgAcc::default(); 7];
        self.poor_households = 0.0;
        self.eligible_households = 0.0;
        self.reach = Reach::default();
    }
}

/// Gap filling pays the estimated gap grossed up for delivery and pass-through, so what shows up as
/// consumption closes it; rounded up to the rupiah, so a household scored exactly reaches the line. The
/// estimate reads a score at its rank (a benefit formula calibrated so that its predicted poverty rate is the
/// district's), not as the conditional mean ρ·r^age·score, under which a two-year-old record at ρ = 0.75
/// would put almost nobody below the line: exact for a fresh, perfect record, it overstates the depth of the
/// lowest scores of a noisy or old one.
#[inline]
fn gross_gap_pc(p: &Params, sh: &Shared, expected_x: f64) -> f64 {
    libm::ceil((sh.z - sh.estimate(expected_x)).max(0.0)) / (p.cash_delivery * p.pass)
}

/// Cash that shows up as consumption, Rp per capita per month.
#[inline]
fn cash_arrives_pc(p: &Params, sh: &Shared, expected_x: f64, size: f64) -> f64 {
    if p.gap_filling {
        libm::ceil((sh.z - sh.estimate(expected_x)).max(0.0))
    } else {
        p.cash_benefit / 12.0 / size * p.cash_delivery * p.pass
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_graduation_ramp_follows_the_brief() {
        assert_eq!(graduation_ramp(0, 0.0), 0.0);
        assert!((graduation_ramp(1, 0.0) - 0.24).abs() < 1e-12);
        assert_eq!(graduation_ramp(6, 0.1), 1.0);
        assert!((graduation_ramp(8, 0.1) - 0.81).abs() < 1e-12);
    }
}
