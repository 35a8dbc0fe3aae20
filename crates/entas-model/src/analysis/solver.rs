//! The reverse solver: the cheapest constant yearly budget mix that meets every target, and what each rupiah
//! buys at the current mix.
//!
//! Method (written up for users on the "how it works" page). Every evaluation is the scenario world alone on
//! one shared reference (`Reference::rates`), with the run's common random numbers, so two mixes differ only
//! by their budgets. Cost is the sum of the district's yearly budget levers (Rp miliar per year), held
//! constant over the horizon.
//! 1. **Greedy:** from every allowed lever at its minimum, add budget to the lever that closes most of the
//!    targets' shortfall (percentage points above target + tolerance in the target's year) per rupiah, in steps of an eighth of its range (doubled when no step helps, since households are discrete),
//!    until every target is met, or no lever within its maximum and the cap helps (unreachable).
//! 2. **Trim:** for each lever, the smallest value (bisection) that still meets every target, largest
//!    budgets first.
//! 3. **Exchange:** move a slice of budget from one lever to the smallest top-up of another that keeps every
//!    target, accepting only cheaper mixes, with slices halving; then trim again.
//! 4. Values rounded up to each lever's step and the mix evaluated once more: what is returned is what was
//!    run. More budget never lowers a year's welfare (property-tested), so greedy and bisection are sound;
//!    the graduation stipend and data updating are the stated exceptions, which the final evaluation guards.
//!
//! Not guaranteed: the global optimum (the search is local: a brute-force grid test on two programmes finds
//! nothing more than 2 % cheaper, but with more budgets a review found a mix 4 % cheaper under a cap), nor any
//! year other than the targets'. The exchange starts no new move after `EXCHANGE_UNTIL` evaluations. A solve can be paused after a number
//! of evaluations and resumed with the memo of those already made (`Memo`), which is how a web worker
//! reports progress and a page cancels: replaying is free, so the result never depends on the pauses.

use std::collections::BTreeMap;

use crate::levers::{spec, LeverId, LeverValues, Unit, LEVERS};
use crate::population::Population;
use crate::scenario::{Indicator, Scenario, Target};
use crate::simulate::{Active, Rates, Reference};
use crate::workshop::yearly_budget;

/// One lever the solver may move, within [min, max] (Rp miliar per year).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Limit {
    pub lever: LeverId,
    pub min: f64,
    pub max: f64,
}

/// What to solve for.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Request {
    /// Every target must be met in its year (the indicator at most value + tolerance in that year).
    pub targets: Vec<Target>,
    /// The budget levers that may change; every other lever keeps the scenario's value.
    pub limits: Vec<Limit>,
    /// Most the district's yearly budget levers may add up to, Rp miliar per year (None: no cap).
    #[serde(default)]
    pub cap_rp_bn: Option<f64>,
    /// Greedy and trim only, no exchange: fewer evaluations (the frontier's points).
    #[serde(default)]
    pub quick: bool,
    /// 0: each budget at its level from the first projected year. N > 0: each budget moves in a straight
    /// line from its status quo value to its level over N years (a district cannot double a budget at once),
    /// and the cost is the yearly average over the projected years.
    #[serde(default)]
    pub ramp_years: u32,
}

/// The share of the way from the status quo to its level a ramp of `ramp` years pays on average over
/// `years` projected years: the mean of min(1, t ÷ ramp) for t = 1…years (1 without a ramp).
pub fn ramp_share(ramp: u32, years: usize) -> f64 {
    if ramp == 0 || years == 0 {
        return 1.0;
    }
    (1..=years).map(|t| (t as f64 / ramp as f64).min(1.0)).sum::<f64>() / years as f64
}

/// A budget's yearly values on a ramp of `ramp` years from `from` (the status quo) to `to`.
pub fn ramp_schedule(from: f64, to: f64, ramp: u32, years: usize) -> Vec<f64> {
    (1..=years)
        .map(|t| {
            let f = (t as f64 / ramp.max(1) as f64).min(1.0);
            if f >= 1.0 {
                to
            } else {
                from + (to - from) * f
            }
        })
        .collect()
}

/// Why a request cannot be solved (before any evaluation).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum RequestError {
    NoTarget,
    NoLever,
    /// The lever is not a yearly budget.
    NotBudget(LeverId),
    /// The lever is listed twice.
    Repeated(LeverId),
    /// min > max, or outside the lever's range.
    BadLimit {
        lever: LeverId,
        min: f64,
        max: f64,
        allowed: (f64, f64),
    },
    /// The target's year is not a projected year of the run.
    TargetYear {
        year: i32,
        first: i32,
        last: i32,
    },
    /// A target value outside 0–100 %.
    TargetValue(f64),
    /// The fixed budgets alone exceed the cap, or the cap is not a number ≥ 0.
    Cap {
        cap: f64,
        fixed: f64,
    },
    /// A ramp longer than 10 years.
    Ramp(u32),
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RequestError::NoTarget => write!(f, "no target: give at least one (--target p0:9.99:2027)"),
            RequestError::NoLever => write!(f, "no lever may change: allow at least one budget (--allow cash_budget)"),
            RequestError::NotBudget(id) => write!(f, "{}: not a yearly budget (Rp miliar per year)", id.as_str()),
            RequestError::Repeated(id) => write!(f, "{}: allowed twice", id.as_str()),
            RequestError::BadLimit { lever, min, max, allowed } => write!(
                f,
                "{}: limits {min}–{max} must satisfy min ≤ max within {}–{}",
                lever.as_str(),
                allowed.0,
                allowed.1
            ),
            RequestError::TargetYear { year, first, last } => {
                write!(f, "target year {year}: allowed {first}–{last} (the run's projected years)")
            }
            RequestError::TargetValue(v) => write!(f, "target value {v}: allowed 0–100 (%)"),
            RequestError::Ramp(n) => write!(f, "ramp of {n} years: allowed 0–10"),
            RequestError::Cap { cap, fixed } => {
                write!(f, "cap {cap}: must be a number ≥ the budgets that stay fixed ({fixed} Rp miliar per year)")
            }
        }
    }
}

/// One target in the returned mix.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TargetOutcome {
    pub target: Target,
    /// The indicator in the target's year, percent.
    pub reached_pct: f64,
    /// First year at or below the target (None: not by the horizon); it may be met earlier and lost again.
    pub met_year: Option<i32>,
    pub met: bool,
    /// Met with little room (within 0.05 pp): the target that sets the cost.
    pub binding: bool,
}

/// A limit the returned mix sits on.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Binding {
    AtMax(LeverId),
    Cap,
}

/// The solver's answer.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Solution {
    /// The scenario's levers with the mix applied (load it as a scenario).
    pub levers: LeverValues,
    /// Each allowed lever: (lever, status quo value, solved value).
    pub changes: Vec<(LeverId, f64, f64)>,
    /// Every yearly budget lever summed, Rp miliar per year (on a ramp, the average over the projected
    /// years): the mix and the status quo.
    pub yearly_rp_bn: f64,
    /// On a ramp: each allowed lever's yearly values (load them with the levers); empty for a constant mix.
    #[serde(default)]
    pub schedules: std::collections::BTreeMap<String, Vec<f64>>,
    /// The ramp's years (0: constant).
    #[serde(default)]
    pub ramp_years: u32,
    pub status_quo_yearly_rp_bn: f64,
    /// Projected years the mix runs (its total cost is `yearly_rp_bn` × `years`).
    pub years: usize,
    /// Every target met.
    pub feasible: bool,
    pub targets: Vec<TargetOutcome>,
    pub binding: Vec<Binding>,
    /// When a target cannot be reached within the limits: the cheapest mix with every allowed lever free up
    /// to its full range and no cap, if that reaches them (what it would take), its yearly cost and levers.
    pub without_limits: Option<Box<Solution>>,
    /// Evaluations made (scenario worlds run).
    pub evaluations: usize,
    /// Poor people in the base year (what a cost per poor person divides by).
    pub base_poor_people: f64,
}

impl Solution {
    pub fn total_rp_bn(&self) -> f64 {
        self.yearly_rp_bn * self.years as f64
    }

    /// The yearly cost as a share of a yearly budget of `apbd_rp_bn` (the district's APBD), percent.
    pub fn share_of_apbd_pct(&self, apbd_rp_bn: f64) -> f64 {
        100.0 * self.yearly_rp_bn / apbd_rp_bn
    }

    /// The yearly cost per poor person of the base year, Rp.
    pub fn rp_per_poor_person(&self) -> f64 {
        self.yearly_rp_bn * 1e9 / self.base_poor_people.max(1.0)
    }
}

/// Evaluations already made, by mix (the allowed levers' values' bits): a paused solve resumes from it.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Memo {
    seen: BTreeMap<Vec<u64>, Vec<Rates>>,
}

impl Memo {
    pub fn len(&self) -> usize {
        self.seen.len()
    }
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

/// The solve stopped after its allowance of new evaluations; call again with the same memo to go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paused {
    pub evaluations: usize,
}

/// About the most evaluations a solve makes (the progress bar's end): the exchange stops starting new
/// moves after `EXCHANGE_UNTIL`, so every solve ends.
pub const MAX_EVALUATIONS: usize = 600;
const EXCHANGE_UNTIL: usize = 420;

/// Checks `req` against the scenario; the fixed budgets are the scenario's.
pub fn check(s: &Scenario, lv: &LeverValues, req: &Request) -> Result<(), RequestError> {
    if req.targets.is_empty() {
        return Err(RequestError::NoTarget);
    }
    if req.limits.is_empty() {
        return Err(RequestError::NoLever);
    }
    for (i, l) in req.limits.iter().enumerate() {
        let sp = spec(l.lever);
        if !(sp.group.is_policy() && sp.unit == Unit::RpBillionPerYear) {
            return Err(RequestError::NotBudget(l.lever));
        }
        if req.limits[..i].iter().any(|m| m.lever == l.lever) {
            return Err(RequestError::Repeated(l.lever));
        }
        if !(l.min.is_finite() && l.max.is_finite() && sp.min <= l.min && l.min <= l.max && l.max <= sp.max) {
            return Err(RequestError::BadLimit { lever: l.lever, min: l.min, max: l.max, allowed: (sp.min, sp.max) });
        }
    }
    let (first, last) = (s.district.base_year + 1, s.horizon);
    for t in &req.targets {
        if t.year < first || t.year > last {
            return Err(RequestError::TargetYear { year: t.year, first, last });
        }
        if !(t.value_pct.is_finite() && (0.0..=100.0).contains(&t.value_pct)) {
            return Err(RequestError::TargetValue(t.value_pct));
        }
    }
    if req.ramp_years > 10 {
        return Err(RequestError::Ramp(req.ramp_years));
    }
    if let Some(cap) = req.cap_rp_bn {
        let fixed = fixed_budget(lv, req);
        if !(cap.is_finite() && cap >= 0.0) || fixed + req.limits.iter().map(|l| l.min).sum::<f64>() > cap + 1e-9 {
            return Err(RequestError::Cap { cap, fixed });
        }
    }
    Ok(())
}

/// The yearly budget levers that the request leaves as they are, summed.
fn fixed_budget(lv: &LeverValues, req: &Request) -> f64 {
    yearly_budget(lv) - req.limits.iter().map(|l| lv.get(l.lever)).sum::<f64>()
}

/// The scenario the solver runs: the allowed levers' schedules dropped (a mix is constant).
pub fn solving_scenario(s: &Scenario, req: &Request) -> Scenario {
    let mut s = s.clone();
    for l in &req.limits {
        s.schedules.remove(l.lever.as_str());
    }
    s
}

/// What evaluates mixes: the scenario, its levers, the population and the shared reference.
pub struct Evaluator<'a> {
    pub s: &'a Scenario,
    pub lv: &'a LeverValues,
    pub pop: &'a Population,
    pub reference: &'a Reference,
}

struct Search<'a, 'b> {
    e: &'b Evaluator<'a>,
    req: &'b Request,
    memo: &'b mut Memo,
    /// New evaluations this call may still make.
    allowance: usize,
    evaluations: usize,
    fixed: f64,
    /// The allowed levers' status quo values (where a ramp starts) and the share of the way it pays.
    sq: Vec<f64>,
    share: f64,
}

impl Search<'_, '_> {
    /// The scenario a mix runs on: with a ramp, each allowed lever's schedule from its status quo to `x`.
    fn scenario(&self, x: &[f64]) -> Option<Scenario> {
        (self.req.ramp_years > 0).then(|| {
            let mut s = self.e.s.clone();
            for ((l, v), sq) in self.req.limits.iter().zip(x).zip(&self.sq) {
                s.schedules
                    .insert(l.lever.as_str().to_string(), ramp_schedule(*sq, *v, self.req.ramp_years, s.years()));
            }
            s
        })
    }

    fn levers(&self, x: &[f64]) -> LeverValues {
        let mut lv = self.e.lv.clone();
        for (l, v) in self.req.limits.iter().zip(x) {
            // In range by construction (clamped to the limits, which check() keeps within the lever's).
            let _ = lv.set(l.lever, *v);
        }
        lv
    }

    fn eval(&mut self, x: &[f64]) -> Result<Vec<Rates>, Paused> {
        let mut key: Vec<u64> = x.iter().map(|v| v.to_bits()).collect();
        key.push(u64::from(self.req.ramp_years));
        self.evaluations += 1;
        if let Some(r) = self.memo.seen.get(&key) {
            return Ok(r.clone());
        }
        if self.allowance == 0 {
            self.evaluations -= 1;
            return Err(Paused { evaluations: self.evaluations });
        }
        self.allowance -= 1;
        let lv = self.levers(x);
        let ramped = self.scenario(x);
        let r = self.e.reference.rates(ramped.as_ref().unwrap_or(self.e.s), &lv, self.e.pop, Active::ALL);
        self.memo.seen.insert(key, r.clone());
        Ok(r)
    }

    fn shortfall(&self, rates: &[Rates]) -> f64 {
        self.req.targets.iter().map(|t| shortfall(rates, t)).sum()
    }

    /// The yearly cost (on a ramp, the average over the projected years).
    fn cost(&self, x: &[f64]) -> f64 {
        if self.req.ramp_years == 0 {
            return self.fixed + x.iter().sum::<f64>();
        }
        self.fixed + x.iter().zip(&self.sq).map(|(v, sq)| sq + (v - sq) * self.share).sum::<f64>()
    }

    /// How much more one lever's level may rise before the cap: its cost room over the share it pays.
    fn cap_room(&self, x: &[f64]) -> f64 {
        self.req.cap_rp_bn.map_or(f64::INFINITY, |c| (c - self.cost(x)) / self.share)
    }

    /// Greedy: budget to the lever that closes most shortfall per rupiah until every target is met.
    fn greedy(&mut self, mins: &[f64], maxs: &[f64]) -> Result<(Vec<f64>, f64), Paused> {
        let mut x = mins.to_vec();
        let r = self.eval(&x)?;
        let mut gap = self.shortfall(&r);
        let mut steps: Vec<f64> = mins.iter().zip(maxs).map(|(a, b)| (b - a) / 8.0).collect();
        while gap > 0.0 {
            let mut best: Option<(f64, usize, f64, f64)> = None;
            // Whether every lever was tried with all the room it has left (then nothing more can help).
            let mut whole_room = true;
            for i in 0..x.len() {
                let room = (maxs[i] - x[i]).min(self.cap_room(&x)).max(0.0);
                let d = steps[i].min(room);
                whole_room &= d >= room;
                if d <= 1e-9 {
                    continue;
                }
                let mut y = x.clone();
                y[i] += d;
                let r = self.eval(&y)?;
                let g = self.shortfall(&r);
                let ratio = (gap - g) / d;
                if gap - g > 0.0 && best.is_none_or(|b| ratio > b.0) {
                    best = Some((ratio, i, d, g));
                }
            }
            match best {
                Some((_, i, d, g)) => {
                    x[i] += d;
                    gap = g;
                }
                None if whole_room => break,
                // Households are discrete: a small step can change nobody's status; try larger ones.
                None => steps.iter_mut().zip(mins.iter().zip(maxs)).for_each(|(s, (a, b))| *s = (*s * 2.0).min(b - a)),
            }
        }
        if gap > 0.0 && self.req.cap_rp_bn.is_none() {
            // Unreachable: the closest is at least what every lever at its maximum reaches (a step that
            // changed nobody's status may have stopped the greedy short of it).
            let r = self.eval(maxs)?;
            let g = self.shortfall(&r);
            if g <= gap {
                return Ok((maxs.to_vec(), g));
            }
        }
        Ok((x, gap))
    }

    fn feasible(&mut self, x: &[f64]) -> Result<bool, Paused> {
        let r = self.eval(x)?;
        Ok(self.shortfall(&r) == 0.0)
    }

    /// Trim: each lever down to the smallest value that still meets every target (bisection).
    fn trim(&mut self, x: &mut [f64], mins: &[f64], rounds: usize) -> Result<(), Paused> {
        for _ in 0..rounds {
            let mut order: Vec<usize> = (0..x.len()).collect();
            order.sort_by(|a, b| (x[*b] - mins[*b]).total_cmp(&(x[*a] - mins[*a])));
            for i in order {
                if x[i] - mins[i] <= 1e-9 {
                    continue;
                }
                let mut y = x.to_vec();
                y[i] = mins[i];
                if self.feasible(&y)? {
                    x[i] = mins[i];
                    continue;
                }
                let (mut lo, mut hi) = (mins[i], x[i]);
                for _ in 0..7 {
                    let mid = 0.5 * (lo + hi);
                    y[i] = mid;
                    if self.feasible(&y)? {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                x[i] = hi;
            }
        }
        Ok(())
    }

    /// Exchange: a slice of lever i's budget for the smallest top-up of lever j that keeps every target.
    fn exchange(&mut self, x: &mut [f64], mins: &[f64], maxs: &[f64]) -> Result<(), Paused> {
        let k = x.len();
        if k < 2 {
            return Ok(());
        }
        let mut frac = 0.25;
        for _ in 0..3 {
            let mut improved = false;
            for i in 0..k {
                for j in (0..k).filter(|j| *j != i) {
                    if self.evaluations >= EXCHANGE_UNTIL {
                        return Ok(());
                    }
                    let slice = frac * (x[i] - mins[i]);
                    if slice <= 1e-6 {
                        continue;
                    }
                    let mut y = x.to_vec();
                    y[i] -= slice;
                    // The top-up of j, at most what i gave up (else no saving): feasible at the end?
                    let room = (maxs[j] - y[j]).min(slice);
                    if room <= 1e-9 {
                        continue;
                    }
                    let mut z = y.clone();
                    z[j] += room;
                    if !self.feasible(&z)? {
                        continue;
                    }
                    let (mut lo, mut hi) = (0.0, room);
                    for _ in 0..5 {
                        let mid = 0.5 * (lo + hi);
                        z[j] = y[j] + mid;
                        if self.feasible(&z)? {
                            hi = mid;
                        } else {
                            lo = mid;
                        }
                    }
                    if hi < slice * 0.999 {
                        x[i] = y[i];
                        x[j] = y[j] + hi;
                        improved = true;
                    }
                }
            }
            if !improved {
                frac *= 0.5;
            }
        }
        Ok(())
    }
}

/// The shortfall of `t` in its target year: percentage points above target + tolerance (0 when met). A
/// target is read in its year, as an RPJMD target is: met earlier and lost again (a shock) is not met.
fn shortfall(rates: &[Rates], t: &Target) -> f64 {
    (reached(rates, t) - (t.value_pct + t.tolerance_pct)).max(0.0)
}

/// The indicator in the target's year.
fn reached(rates: &[Rates], t: &Target) -> f64 {
    rates.iter().find(|r| r.year == t.year).map_or(f64::INFINITY, |r| value(r, t.indicator))
}

fn value(r: &Rates, i: Indicator) -> f64 {
    match i {
        Indicator::P0 => r.p0_pct,
        Indicator::Extreme => r.extreme_pct,
        Indicator::P1 => r.p1,
    }
}

/// Runs the solve, making at most `allowance` new evaluations (the memo's are free); `Err(Paused)` when the
/// allowance ran out first. `e.s` should be `solving_scenario(..)` and `req` checked (`check`).
pub fn solve(e: &Evaluator, req: &Request, memo: &mut Memo, allowance: usize) -> Result<Solution, Paused> {
    let fixed = fixed_budget(e.lv, req);
    let sq_levers = e.s.status_quo_levers();
    let sq = req.limits.iter().map(|l| sq_levers.get(l.lever)).collect();
    let share = ramp_share(req.ramp_years, e.s.years());
    let mut search = Search { e, req, memo, allowance, evaluations: 0, fixed, sq, share };
    let mins: Vec<f64> = req.limits.iter().map(|l| l.min).collect();
    let maxs: Vec<f64> = req.limits.iter().map(|l| l.max).collect();
    let mut sol = search_once(&mut search, &mins, &maxs)?;
    if !sol.feasible {
        // What it would take: every allowed lever over its whole range, no cap.
        let wide = Request {
            cap_rp_bn: None,
            limits: req.limits.iter().map(|l| Limit { lever: l.lever, min: l.min, max: spec(l.lever).max }).collect(),
            ..req.clone()
        };
        let wide_maxs: Vec<f64> = wide.limits.iter().map(|l| l.max).collect();
        let mut wider = Search { req: &wide, ..search };
        let free = search_once(&mut wider, &mins, &wide_maxs)?;
        sol.evaluations = wider.evaluations;
        if free.feasible {
            sol.without_limits = Some(Box::new(free));
        }
    }
    Ok(sol)
}

fn search_once(search: &mut Search, mins: &[f64], maxs: &[f64]) -> Result<Solution, Paused> {
    let (mut x, gap) = search.greedy(mins, maxs)?;
    if gap == 0.0 {
        search.trim(&mut x, mins, 1)?;
        if !search.req.quick {
            search.exchange(&mut x, mins, maxs)?;
            search.trim(&mut x, mins, 1)?;
        }
    }
    // On each lever's step, rounded up (within its limit), and run once more: the answer is what was run.
    let unrounded = x.clone();
    for (v, l) in x.iter_mut().zip(&search.req.limits) {
        let step = spec(l.lever).step;
        // Whole steps, the float noise of k × step taken off; `+ 0.0` turns a rounded −0 into 0.
        let k = (*v / step - 1e-9).ceil();
        *v = ((k * step * 1e9).round() / 1e9).clamp(l.min, l.max) + 0.0;
    }
    // Rounding up may go over the cap: take a step off the largest budget until it fits.
    while search.req.cap_rp_bn.is_some_and(|c| search.cost(&x) > c + 1e-9) {
        let Some(i) =
            (0..x.len()).filter(|i| x[*i] > mins[*i]).max_by(|a, b| (x[*a] - mins[*a]).total_cmp(&(x[*b] - mins[*b])))
        else {
            break;
        };
        let step = spec(search.req.limits[i].lever).step;
        x[i] = (x[i] - step).max(mins[i]);
    }
    let rates = search.eval(&x)?;
    if gap == 0.0 && search.shortfall(&rates) > 0.0 {
        // Data updating and the graduation stipend can make a year worse with more budget: when rounding up
        // broke a mix that met every target, the mix as searched is returned (its values off the lever steps).
        let kept = search.eval(&unrounded)?;
        if search.shortfall(&kept) == 0.0 {
            return Ok(solution(search, &unrounded, &kept));
        }
    }
    Ok(solution(search, &x, &rates))
}

fn solution(search: &Search, x: &[f64], rates: &[Rates]) -> Solution {
    let (e, req) = (search.e, search.req);
    let levers = search.levers(x);
    let sq = e.s.status_quo_levers();
    let targets: Vec<TargetOutcome> = req
        .targets
        .iter()
        .map(|t| {
            let reached_pct = reached(rates, t);
            let met_year =
                rates.iter().find(|r| value(r, t.indicator) <= t.value_pct + t.tolerance_pct).map(|r| r.year);
            let met = reached_pct <= t.value_pct + t.tolerance_pct;
            TargetOutcome {
                target: t.clone(),
                reached_pct,
                met_year,
                met,
                binding: met && reached_pct > t.value_pct + t.tolerance_pct - 0.05,
            }
        })
        .collect();
    let mut binding: Vec<Binding> = req
        .limits
        .iter()
        .zip(x)
        .filter(|(l, v)| **v >= l.max - 1e-9 && l.max > l.min)
        .map(|(l, _)| Binding::AtMax(l.lever))
        .collect();
    if req.cap_rp_bn.is_some_and(|c| search.cost(x) > c - spec(LeverId::CashBudget).step) {
        binding.push(Binding::Cap);
    }
    let schedules = search.scenario(x).map(|s| s.schedules).unwrap_or_default();
    Solution {
        changes: req.limits.iter().zip(x).map(|(l, v)| (l.lever, sq.get(l.lever), *v)).collect(),
        yearly_rp_bn: if req.ramp_years == 0 { yearly_budget(&levers) } else { search.cost(x) },
        schedules,
        ramp_years: req.ramp_years,
        status_quo_yearly_rp_bn: yearly_budget(&sq),
        years: e.s.years(),
        feasible: targets.iter().all(|t| t.met),
        targets,
        binding,
        without_limits: None,
        evaluations: search.evaluations,
        base_poor_people: rates.first().map_or(0.0, |r| r.poor_people),
        levers,
    }
}

/// A point of the cost frontier: the cheapest mix found with the first target at `level_pct` (the other
/// targets kept), or None when no mix within the limits reaches it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FrontierPoint {
    pub level_pct: f64,
    pub yearly_rp_bn: Option<f64>,
}

/// Where the status quo and the scenario as it is stand on the frontier's axes: the first target's
/// indicator by its deadline (its lowest value up to then) and the yearly cost of the budgets.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FrontierMarks {
    pub status_quo: (f64, f64),
    pub current: (f64, f64),
}

/// The frontier's requests — the first target at levels from near the status quo's value to past the
/// target (the target's own level is the main solve) — and the marks of the status quo and the scenario.
pub fn frontier(e: &Evaluator, req: &Request) -> (Vec<Request>, FrontierMarks) {
    let t = &req.targets[0];
    let sq = e.s.status_quo_levers();
    let at = |lv: &LeverValues| reached(&e.reference.rates(e.s, lv, e.pop, Active::ALL), t);
    let marks = FrontierMarks { status_quo: (at(&sq), yearly_budget(&sq)), current: (at(e.lv), yearly_budget(e.lv)) };
    let (q, goal) = (marks.status_quo.0, t.value_pct + t.tolerance_pct);
    let span = if q > goal { q - goal } else { (0.1 * goal).max(0.25) };
    let mut levels: Vec<f64> = if q > goal { vec![q - 0.67 * span, q - 0.33 * span] } else { Vec::new() };
    levels.extend([goal - 0.33 * span, goal - 0.67 * span]);
    let requests = levels
        .into_iter()
        .filter(|v| *v > 0.0)
        .map(|v| {
            // The first target at this level, the others kept.
            let mut targets = req.targets.clone();
            targets[0] = Target { value_pct: v, tolerance_pct: 0.0, ..t.clone() };
            Request { targets, quick: true, ..req.clone() }
        })
        .collect();
    (requests, marks)
}

/// Runs a whole solve at once (the CLI, tests): the reference built here.
pub fn solve_now(s: &Scenario, lv: &LeverValues, pop: &Population, req: &Request) -> Result<Solution, RequestError> {
    check(s, lv, req)?;
    let s = solving_scenario(s, req);
    let reference = Reference::new(&s, lv, pop);
    let e = Evaluator { s: &s, lv, pop, reference: &reference };
    let mut memo = Memo::default();
    Ok(solve(&e, req, &mut memo, usize::MAX).unwrap_or_else(|_| unreachable!("an unlimited allowance never pauses")))
}

/// What one more rupiah buys at the current mix, per budget lever.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Marginal {
    pub lever: LeverId,
    /// The lever's value now and the change tried, Rp miliar per year (negative at the lever's maximum).
    pub value: f64,
    pub delta: f64,
    /// Person-years out of poverty per Rp1 miliar of budget, over the projected years.
    pub people_per_bn: f64,
    /// The last projected year, where P1 and the extreme rate are read.
    pub year: i32,
    /// Fall of the last year's P1 (BPS index) per Rp1 miliar a year.
    pub p1_per_bn: f64,
    /// Fall of the last year's extreme rate, percentage points per Rp1 miliar a year.
    pub extreme_pp_per_bn: f64,
}

/// The change tried for each lever: a tenth of its range or Rp10 miliar, whichever is smaller, on its step.
fn marginal_delta(id: LeverId) -> f64 {
    let sp = spec(id);
    ((sp.max - sp.min) / 10.0).min(10.0).max(sp.step)
}

/// For every yearly budget lever (data updating included): person-years lifted, P1 and the extreme rate per
/// Rp1 miliar added to the current mix (or taken off at the lever's maximum), sorted most first. Schedules
/// of the lever tried are dropped (a constant budget). One scenario world per lever on a shared reference.
pub fn marginal_values(s: &Scenario, lv: &LeverValues, pop: &Population, reference: &Reference) -> Vec<Marginal> {
    let now = reference.rates(s, lv, pop, Active::ALL);
    let years = s.years() as f64;
    let mut out: Vec<Marginal> = LEVERS
        .iter()
        .filter(|l| l.group.is_policy() && l.unit == Unit::RpBillionPerYear)
        .map(|l| {
            let value = lv.get(l.id);
            let mut delta = marginal_delta(l.id);
            if value + delta > l.max {
                delta = -delta.min(value - l.min);
            }
            let mut s2 = s.clone();
            s2.schedules.remove(l.id.as_str());
            let mut moved = lv.clone();
            let _ = moved.set(l.id, value + delta);
            let base = if s2.schedules.len() == s.schedules.len() {
                now.clone()
            } else {
                reference.rates(&s2, lv, pop, Active::ALL)
            };
            let after = reference.rates(&s2, &moved, pop, Active::ALL);
            let lifted: f64 = base.iter().zip(&after).skip(1).map(|(a, b)| a.poor_people - b.poor_people).sum();
            let (a, b) = (base.last().expect("base year"), after.last().expect("base year"));
            let per = |v: f64| if delta == 0.0 || years == 0.0 { 0.0 } else { v / delta };
            Marginal {
                lever: l.id,
                value,
                delta,
                people_per_bn: if years > 0.0 { per(lifted) / years } else { 0.0 },
                year: a.year,
                p1_per_bn: per(a.p1 - b.p1),
                extreme_pp_per_bn: per(a.extreme_pct - b.extreme_pct),
            }
        })
        .collect();
    out.sort_by(|a, b| b.people_per_bn.total_cmp(&a.people_per_bn));
    out
}

/// Whether a full run's `results` meet `t` as the solver reads it: in the target's year.
pub fn meets(results: &[crate::simulate::YearResult], t: &Target) -> bool {
    results.iter().find(|r| r.year == t.year).is_some_and(|r| {
        let v = match t.indicator {
            Indicator::P0 => r.p0_pct,
            Indicator::Extreme => r.extreme_pct,
            Indicator::P1 => r.p1,
        };
        v <= t.value_pct + t.tolerance_pct
    })
}
