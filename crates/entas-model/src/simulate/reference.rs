//! The worlds that do not depend on the scenario's programmes (`Reference`), computed once and shared by
//! every scenario pass on them; the base year's welfare before district programmes is in `base_year`.
//!
//! Just over 400 lines: the reference, the scenario's full pass and its lean pass share one walk of the
//! scenario world and belong together.

// The yearly loop's private parts (`Ctx`, `Path`, the worlds) live in the parent module.
use super::base_year::BaseYear;
use super::*;
use world::WorldStart;

/// What identifies a reference: everything it depends on apart from the scenario's policy levers.
#[derive(Clone, Debug, PartialEq)]
struct ReferenceKey {
    district: crate::scenario::District,
    horizon: i32,
    extreme_line: crate::scenario::ExtremeLine,
    growth_basis: GrowthBasis,
    assumptions: Vec<u64>,
    population: (u64, usize, u64, [u64; 3], u64),
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
                pop.source,
            ),
        }
    }
}

/// The worlds that do not depend on the scenario's programmes — without district programmes and the status
/// quo — computed once per (district, assumptions, population) and shared by every scenario run on them: the
/// slider run, Shapley coalitions, Monte Carlo comparisons. The scenario pass then computes only its own world.
pub struct Reference {
    key: ReferenceKey,
    /// What every pass computes from the assumptions alone, whatever its programmes.
    ctx: Ctx,
    sq_levers: LeverValues,
    /// Per year: the latent score below which households are in desil 1–4.
    desil_cut: Vec<f64>,
    sel_sq: Vec<Selection>,
    counterfactual: Vec<YearResult>,
    baseline: Vec<YearResult>,
    programmes_baseline: Vec<ProgrammeYear>,
    distribution_baseline: Vec<Vec<f64>>,
    /// Per year, per kecamatan: the status quo's `kecamatan_counts`.
    kecamatan_baseline: Vec<Vec<[f64; 5]>>,
    /// The status-quo world's registry before any year changed it (the scenario world starts from a copy when
    /// its enablers are the status quo's).
    start: Option<WorldStart>,
    /// The base year: welfare before district programmes (what records enumerated before it are backcast
    /// from, and where the path starts) and as published.
    base: BaseYear,
    /// Per year: the latent scores and consumption before district programmes (the base year's consumption as
    /// published) and total consumption, kept when they fit in `PATH_CACHE_LIMIT` values, so a scenario pass
    /// need not walk the path again.
    path: Option<Vec<KeptYear>>,
}

/// A year's headline rates of one world (`Reference::rates`): P0 and the extreme rate in percent, P1 as the
/// BPS index, poor people.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Rates {
    pub year: i32,
    pub p0_pct: f64,
    pub p1: f64,
    pub extreme_pct: f64,
    pub poor_people: f64,
}

impl Rates {
    pub fn of(r: &YearResult) -> Rates {
        Rates { year: r.year, p0_pct: r.p0_pct, p1: r.p1, extreme_pct: r.extreme_pct, poor_people: r.poor_people }
    }
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
        // Made at the base year from the status quo's registry (the same enablers, no budgets).
        let mut none_params = Some(Params::new(s, &none_levers, Active::ALL, false));
        let mut none_world: Option<World> = None;
        let mut sq = World::new(Params::new(s, &sq_levers, Active::ALL, false), pop, &base.x_pre, c.r);
        let mut path = base.path(&c);
        let keep_path = c.n * (c.years + 1) <= PATH_CACHE_LIMIT;
        let years = c.years;
        let mut out = Reference {
            key: ReferenceKey::new(s, lv, pop),
            ctx: c,
            sq_levers: sq_levers.clone(),
            desil_cut: Vec::with_capacity(years + 1),
            sel_sq: Vec::with_capacity(years + 1),
            counterfactual: Vec::with_capacity(years + 1),
            baseline: Vec::with_capacity(years + 1),
            programmes_baseline: Vec::new(),
            distribution_baseline: Vec::with_capacity(years + 1),
            kecamatan_baseline: Vec::with_capacity(years + 1),
            path: keep_path.then(|| Vec::with_capacity(years + 1)),
            base: BaseYear { x_pre: Vec::new(), y_pre: Vec::new(), y_pub: Vec::new() },
            start: None,
        };
        let c = &out.ctx;
        // Consumption of each household in the two worlds this year.
        let (mut y_none, mut y_sq) = (vec![0.0; c.n], vec![0.0; c.n]);
        let (mut acc_none, mut acc_sq) = (Acc::new(), Acc::new());
        let mut scratch = Vec::with_capacity(c.n);
        for (t, ze) in c.extreme_lines.iter().enumerate() {
            let year = d.base_year + t as i32;
            let lines = Lines::new(c.z, *ze, KINK_LINE);
            // The path is welfare before district programmes; every world adds its own programmes to it.
            let total = if t == 0 { base.total(c) } else { path.advance(c, pop, t) };
            let desil = desil4_cut(&path.x, c.unequal.then_some(&pop.mult[..]), &mut scratch);
            out.desil_cut.push(desil);
            let sh = path.shared(c, pop, t, total, desil);
            let sel_sq = sq.select(&sh, pop);
            if t == 0 {
                out.start = Some(sq.start());
            }
            let none = none_world.get_or_insert_with(|| {
                let p = none_params.take().expect("made once");
                match out.start.as_ref().filter(|w| w.fits(&p)) {
                    Some(start) => World::from_start(p, start),
                    None => World::new(p, pop, &base.x_pre, c.r),
                }
            });
            let norm = c.health_norm(sel_sq.insured_people);
            let sel_none = none.select(&sh, pop);
            if t == 0 {
                // The base year is observed: the status quo as published; the counterfactual backs it out.
                y_none.copy_from_slice(&path.y_ref);
                y_sq.copy_from_slice(&base.y_pub);
            } else {
                let (loss, u) = (c.health_loss, &pop.u_enterprise);
                for h in 0..c.n {
                    let (y_pre, hit) = (path.y_ref[h], c.health_hit(t, h));
                    y_none[h] = none.apply(&sel_none, &sh, h, y_pre, hit, loss, norm, u[h]);
                    y_sq[h] = sq.apply(&sel_sq, &sh, h, y_pre, hit, loss, norm, u[h]);
                }
            }
            acc_none.reset();
            acc_sq.reset();
            acc_none.add_all(&c.people, &y_none, &lines);
            acc_sq.add_all(&c.people, &y_sq, &lines);
            acc_none.count_unserved(&c.weights, &c.lacks_house, &c.lacks_wash, &none.house_done, &none.wash_done);
            acc_sq.count_unserved(&c.weights, &c.lacks_house, &c.lacks_wash, &sq.house_done, &sq.wash_done);
            // Counted only when the district has kecamatan: nothing reads them otherwise.
            let kec = if d.kecamatan.is_empty() {
                Vec::new()
            } else {
                kecamatan_counts(c, &pop.kecamatan, &y_sq, c.extreme_lines[t], &sq.house_done, &sq.wash_done)
            };
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
        let c = &self.ctx;
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
                        kecamatan.push(KecamatanYear::of(d.base_year + t as i32, i, k, k));
                    }
                }
            }
        } else {
            let mut acc = Acc::new();
            self.walk(s, lv, pop, active, |t, y, scen, sh, sel| {
                let year = d.base_year + t as i32;
                acc.reset();
                acc.add_all(&c.people, y, &Lines::new(c.z, c.extreme_lines[t], KINK_LINE));
                acc.count_unserved(&c.weights, &c.lacks_house, &c.lacks_wash, &scen.house_done, &scen.wash_done);
                let kec = if d.kecamatan.is_empty() {
                    Vec::new()
                } else {
                    kecamatan_counts(c, &pop.kecamatan, y, c.extreme_lines[t], &scen.house_done, &scen.wash_done)
                };
                if let Some(f) = dump.as_mut() {
                    for (h, y) in y.iter().enumerate() {
                        f(HouseholdRow {
                            year,
                            household: h,
                            weight: c.weights[h],
                            size: pop.size[h],
                            consumption_pc: *y,
                        });
                    }
                }
                let (rows, reach) = scen.finish_year(sh, year, sel);
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
                for (i, (b, s)) in self.kecamatan_baseline[t].iter().zip(&kec).enumerate() {
                    kecamatan.push(KecamatanYear::of(year, i, b, s));
                }
            });
        }
        self.outcome(s, c, scenario, programmes, distribution, kecamatan)
    }

    /// People lifted per year against "without district programmes" by the scenario's `active` programmes:
    /// the scenario world alone with only its poor counted (no Gini, distribution, kecamatan or programme
    /// rows) — what a Shapley coalition or a solver's evaluation needs. Equal, bit for bit, to
    /// `scenario(..).lifted_vs_none`.
    pub fn lifted_vs_none(&self, s: &Scenario, lv: &LeverValues, pop: &Population, active: Active) -> Vec<f64> {
        if self.key != ReferenceKey::new(s, lv, pop) {
            return Reference::new(s, lv, pop).lifted_vs_none(s, lv, pop, active);
        }
        let none = self.counterfactual.iter();
        if same_as_status_quo(s, lv, &self.sq_levers, active) {
            return none.zip(&self.baseline).map(|(n, b)| n.poor_people - b.poor_people).collect();
        }
        let c = &self.ctx;
        let mut lifted = Vec::with_capacity(c.years + 1);
        self.walk(s, lv, pop, active, |t, y, scen, _, _| {
            // The same sum, in the same order, as the measures' count of the poor.
            let mut poor = 0.0;
            for (wp, y) in c.people.iter().zip(y) {
                poor += if *y < c.z { *wp } else { 0.0 };
            }
            scen.reset_year();
            lifted.push(self.counterfactual[t].poor_people - poor);
        });
        lifted
    }

    /// The scenario world's headline rates per year (base year first): the same sums, in the same order, as
    /// the full run's measures, so each figure equals `scenario(..)`'s bit for bit — what a solver's
    /// evaluation needs, without Gini, distribution, kecamatan or programme rows.
    pub fn rates(&self, s: &Scenario, lv: &LeverValues, pop: &Population, active: Active) -> Vec<Rates> {
        if self.key != ReferenceKey::new(s, lv, pop) {
            return Reference::new(s, lv, pop).rates(s, lv, pop, active);
        }
        if same_as_status_quo(s, lv, &self.sq_levers, active) {
            return self.baseline.iter().map(Rates::of).collect();
        }
        let c = &self.ctx;
        let mut out = Vec::with_capacity(c.years + 1);
        self.walk(s, lv, pop, active, |t, y, scen, _, _| {
            let (z, inv_z, ze) = (c.z, 1.0 / c.z, c.extreme_lines[t]);
            let (mut people, mut poor, mut gap, mut extreme) = (0.0, 0.0, 0.0, 0.0);
            for (wp, y) in c.people.iter().zip(y) {
                people += *wp;
                let is_poor = *y < z;
                let g = if is_poor { 1.0 - *y * inv_z } else { 0.0 };
                poor += if is_poor { *wp } else { 0.0 };
                gap += *wp * g;
                extreme += if *y < ze { *wp } else { 0.0 };
            }
            scen.reset_year();
            out.push(Rates {
                year: s.district.base_year + t as i32,
                p0_pct: 100.0 * poor / people,
                p1: 100.0 * gap / people,
                extreme_pct: 100.0 * extreme / people,
                poor_people: poor,
            });
        });
        out
    }

    /// Walks the scenario world year by year on this reference, handing each year's consumption (`y`, Rp per
    /// capita per month by household), the world, and the year's shared inputs and selection to `year_done`,
    /// which must end the world's year (`finish_year` or `reset_year`).
    fn walk(
        &self,
        s: &Scenario,
        lv: &LeverValues,
        pop: &Population,
        active: Active,
        mut year_done: impl FnMut(usize, &[f64], &mut World, &Shared, &Selection),
    ) {
        let c = &self.ctx;
        let p = Params::new(s, lv, active, true);
        let mut scen = match self.start.as_ref().filter(|w| w.fits(&p)) {
            Some(start) => World::from_start(p, start),
            None => World::new(p, pop, &self.base.x_pre, c.r),
        };
        let mut path = self.path.is_none().then(|| self.base.path(c));
        let mut y = vec![0.0; c.n];
        for t in 0..=c.years {
            let sel_sq = &self.sel_sq[t];
            // Scores and consumption before programmes: kept by the reference, or walked again.
            let (x, y_pre, total): (&[f64], &[f64], f64) = match &self.path {
                Some(cache) => (&cache[t].0, &cache[t].1, cache[t].2),
                None => {
                    let path = path.as_mut().expect("walked without a kept path");
                    if t == 0 {
                        (&self.base.x_pre, &self.base.y_pub, self.base.total(c))
                    } else {
                        let total = path.advance(c, pop, t);
                        (&path.x, &path.y_ref, total)
                    }
                }
            };
            let sh = Path::shared_on(x, c, pop, t, total, self.desil_cut[t]);
            let norm = c.health_norm(sel_sq.insured_people);
            let sel = scen.select(&sh, pop);
            if t == 0 {
                y.copy_from_slice(y_pre);
            } else {
                for h in 0..c.n {
                    let hit = c.health_hit(t, h);
                    y[h] = scen.apply(&sel, &sh, h, y_pre[h], hit, c.health_loss, norm, pop.u_enterprise[h]);
                }
            }
            year_done(t, &y, &mut scen, &sh, &sel);
        }
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

/// Per kecamatan in one world's year: people, poor people (below the GK), people below the extreme line `ze`,
/// and households still in an uninhabitable house or without sanitation (not yet served).
fn kecamatan_counts(
    c: &Ctx,
    kec: &[u16],
    y: &[f64],
    ze: f64,
    house_done: &[bool],
    wash_done: &[bool],
) -> Vec<[f64; 5]> {
    let mut out = vec![[0.0; 5]; c.n_kec];
    for (h, y) in y.iter().enumerate() {
        let (k, wp) = (&mut out[kec[h] as usize], c.people[h]);
        k[0] += wp;
        k[1] += if *y < c.z { wp } else { 0.0 };
        k[2] += if *y < ze { wp } else { 0.0 };
        k[3] += if c.lacks_house[h] && !house_done[h] { c.weights[h] } else { 0.0 };
        k[4] += if c.lacks_wash[h] && !wash_done[h] { c.weights[h] } else { 0.0 };
    }
    out
}
