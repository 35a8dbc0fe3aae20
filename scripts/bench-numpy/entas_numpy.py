#!/usr/bin/env python3
"""Entas end to end in plain vectorised NumPy: the yardstick of issue 14 (run by scripts/bench-numpy.sh).

    entas_numpy.py [HOUSEHOLDS]        (default 350000)

Does the work of `entas run --preset muba_2024 --households N` and prints the same CSV on stdout
(no_programme, baseline, scenario x 2024-2030); the calibration and phase timings go to stderr.

Ported, whole-array operations per step, no loop over households (the Rust each part mirrors is named there):
- population: household sizes by Poisson inversion in rank order, person-weighted mid-ranks -> normal
  quantiles (normal.rs: Acklam + one Halley step on erfc), the lower-tail fit (muba_2024 calibrates to
  p0_p1, so fit_p1: bisection on the lognormal.rs closed forms), sigma_high by bisection on mean consumption
  (as in population.rs at HEAD: 62 passes, one exp per household each), the calibration report (share
  below, FGT, gini_sorted, mean), the registry draws. muba_2024 has no kecamatan: assign_kecamatan draws nothing.
- simulate: Ctx::new (built twice, as Reference::new and Reference::scenario each build one), BaseYear
  (3 rounds of status-quo registry, selection, re-ranking), Reference::new (counterfactual and status quo,
  2024-2030: churn + Reranker, GrowthTable, health events, World::select histograms and quota thresholds,
  World::apply, measure.rs Acc with the Lorenz and distribution bins, World::finish_year).
- The scenario: muba_2024's levers are its status quo, so Reference::scenario (same_as_status_quo) copies
  the baseline and walks nothing; so does this port.

Simplified or different:
- Random numbers from numpy's Generator (PCG64), not the engine's counter-based SplitMix: one draw where
  Rust draws one, not the same bits, so figures agree with the CLI's to sampling noise, not bit for bit.
  (rng::normal's 4,097-point inverse-CDF table is not built: standard_normal is used instead.)
- erfc is W. J. Cody's rational approximation (SPECFUN CALERF) with one exp(-x^2), not libm's.
- Scalar bookkeeping with no per-household work is left out (costs per person lifted, lifted counts, the
  Programme-row error rates); the preset's numbers are written in below (`entas preset muba_2024` and the
  lever defaults in levers/table.rs). Schedules, kecamatan, shocks and gap filling are not used by muba_2024;
  only the last two are ported (they cost nothing when off).
"""
import math
import sys
import time
from dataclasses import dataclass, replace
from types import SimpleNamespace as NS

import numpy as np

START = time.perf_counter()
N = int(sys.argv[1]) if len(sys.argv) > 1 else 350_000
rng = np.random.default_rng(1606)

# --- muba_2024 (entas preset muba_2024) and the lever defaults (levers/table.rs) --------------------------
BASE_YEAR, YEARS = 2024, 6
POPULATION, HH_SIZE, Z = 690_500.0, 4.1, 590_000.0
P0, P1, MEAN_CONSUMPTION = 0.1288, 2.217 / 100, 1_402_383.0
EXTREME_LINE0 = 391_000.0  # usd215 in the base year 2024 (scenario/lines.rs)
POOR_SIZE_RATIO, DEFAULT_SIGMA_HIGH, KINK_LINE = 1.25, 0.75, 1.5
LEVERS = dict(  # the scenario = the status quo: the preset's budgets, every other lever at its default
    cash_budget=70, cash_benefit=7_800_000, cash_gap_filling=0, food_budget=0, food_benefit=200_000,
    food_in_kind_share=0, health_budget=45, health_premium=42_000, graduation_budget=0, graduation_cost=20,
    enterprise_budget=0, enterprise_grant=5, housing_budget=30, housing_unit_cost=20, wash_budget=11,
    wash_unit_cost=3, registry_coverage=75, targeting_accuracy=0.75, registry_age=2, data_update_budget=0,
    convergence=50, absorption=95, overhead=5, shock_year=0, shock_depth=3.25, shock_share=60, growth_b40=1.0,
    growth_tilt=-0.1, exit_share=45, cash_delivery=90, in_kind_delivery=60, cash_pass_through=70,
    in_kind_valuation=100, multiplier=1, graduation_effect=25, graduation_decay=0, graduation_stipend_share=15,
    national_pbi_share=34, enterprise_return=3, enterprise_survival=60, health_shock_rate=8,
    health_cost_share=20, health_consumption_factor=0.3, services_effect=0, rtlh_share=10,
    no_sanitation_share=15, data_cost=60_000, extreme_line_drift=3.2, sigma_mid=0.45)
BUDGETS = ["cash_budget", "food_budget", "health_budget", "graduation_budget", "enterprise_budget",
           "housing_budget", "wash_budget"]  # Programme::ALL order
CASH, FOOD, HEALTH, GRAD, ENT, HOUSE, WASH = range(7)
BINS, SCORE_LO, SCORE_HI = 4096, -6.0, 6.0  # registry.rs
BIN_SCALE = BINS / (SCORE_HI - SCORE_LO)
QN_BINS, QN_LO, QN_HI, QUANTILE_GRID = 4096, -6.0, 6.0, 16_384  # dynamics.rs Reranker

# --- normal.rs: cdf via erfc, quantile (Acklam + one Halley step) --------------------------------------------
def horner(coeffs, x):
    acc = coeffs[0]
    for c in coeffs[1:]:
        acc = acc * x + c
    return acc

CA = (3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03,
      1.85777706184603153e-1)
CB = (2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03)
CC = (5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02,
      8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03,
      2.15311535474403846e-8)
CD = (1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03,
      3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03)
CP = (3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2,
      6.58749161529837803e-4, 1.63153871373020978e-2)
CQ = (2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1, 6.05183413124413191e-2,
      2.33520497626869185e-3)

def erfc(x):
    """W. J. Cody's rational Chebyshev erfc, three ranges (libm::erfc in Rust)."""
    x = np.asarray(x, dtype=float)
    y, out = np.abs(x), np.empty(x.shape)
    a = y <= 0.46875
    z = y[a] * y[a]
    num, den = CA[4] * z, z
    for i in range(3):
        num, den = (num + CA[i]) * z, (den + CB[i]) * z
    out[a] = 1.0 - x[a] * (num + CA[3]) / (den + CB[3])
    b = ~a & (y <= 4.0)
    v = y[b]
    num, den = CC[8] * v, v
    for i in range(7):
        num, den = (num + CC[i]) * v, (den + CD[i]) * v
    out[b] = np.exp(-v * v) * (num + CC[7]) / (den + CD[7])
    c = y > 4.0
    v = y[c]
    z = 1.0 / (v * v)
    num, den = CP[5] * z, z
    for i in range(4):
        num, den = (num + CP[i]) * z, (den + CQ[i]) * z
    out[c] = np.exp(-v * v) * (1.0 / math.sqrt(math.pi) - z * (num + CP[4]) / (den + CQ[4])) / v
    neg = x < -0.46875
    out[neg] = 2.0 - out[neg]
    return out

def cdf(x):
    return 0.5 * erfc(-np.asarray(x) / math.sqrt(2.0))

QA = (-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
      -3.066479806614716e1, 2.506628277459239)
QB = (-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
      -1.328068155288572e1, 1.0)
QC = (-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
      4.374664141464968, 2.938163982698783)
QD = (7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416, 1.0)

def quantile(p):
    """normal::quantile for p in (0, 1)."""
    p = np.asarray(p, dtype=float)
    x = np.empty(p.shape)
    lo, hi = p < 0.02425, p > 1.0 - 0.02425
    mid = ~(lo | hi)
    q = p[mid] - 0.5
    r = q * q
    x[mid] = horner(QA, r) * q / horner(QB, r)
    q = np.sqrt(-2.0 * np.log(p[lo]))
    x[lo] = horner(QC, q) / horner(QD, q)
    q = np.sqrt(-2.0 * np.log1p(-p[hi]))
    x[hi] = -horner(QC, q) / horner(QD, q)
    u = (cdf(x) - p) * math.sqrt(2.0 * math.pi) * np.exp(x * x / 2.0)
    return x - u / (1.0 + x * u / 2.0)

def q1(p):
    return float(quantile(np.array([p]))[0])

def cdf1(x):
    return 0.5 * math.erfc(-x / math.sqrt(2.0))

# --- lognormal.rs and population.rs: the calibrated shape --------------------------------------------------
def bisect(lo, hi, f):  # population.rs bisect: f(lo), f(hi), then 60 halvings
    if f(lo) >= 0.0:
        return lo
    if f(hi) <= 0.0:
        return hi
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if f(mid) < 0.0 else (lo, mid)
    return 0.5 * (lo + hi)

def from_headcount(p0, z, sigma):  # Lognormal::from_headcount -> mu_log
    return math.log(z) - sigma * q1(p0)

def lognormal_p1(mu, s, z):  # Lognormal::p1
    mean = math.exp(mu + s * s / 2.0)
    x = math.log(z / mean) / s + s / 2.0
    return cdf1(x) - (mean / z) * cdf1(x - s)

@dataclass
class Shape:  # population.rs Shape
    mu: float
    low: float
    mid: float
    high: float
    x_line: float
    x_kink: float

    def spread(self, x):
        at_line = self.low * self.x_line
        at_kink = at_line + self.mid * (self.x_kink - self.x_line)
        return np.where(x <= self.x_line, self.low * x, np.where(
            x <= self.x_kink, at_line + self.mid * (x - self.x_line), at_kink + self.high * (x - self.x_kink)))

    def inverse_spread(self, s):
        at_line = self.low * self.x_line
        at_kink = at_line + self.mid * (self.x_kink - self.x_line)
        return np.where(s <= at_line, s / self.low, np.where(
            s <= at_kink, self.x_line + (s - at_line) / self.mid, self.x_kink + (s - at_kink) / self.high))

def mean_consumption(size, x, shape):
    return (size * np.exp(shape.mu + shape.spread(x))).sum() / size.sum()

def gini_sorted(size, x, shape):  # two exp passes, as in Rust
    total = (size * np.exp(shape.mu + shape.spread(x))).sum()
    c = size * np.exp(shape.mu + shape.spread(x)) / total
    return 1.0 - ((size / size.sum()) * (2.0 * (np.cumsum(c) - c) + c)).sum()

def poisson(lam, u):  # population.rs poisson, vectorised over households, looping over k (at most 30)
    k, p = np.zeros(lam.shape), np.exp(-lam)
    cum = p.copy()
    idx = np.nonzero(u > cum)[0]
    j = 0
    while idx.size and j < 30:
        j += 1
        k[idx] = j
        p[idx] *= lam[idx] / j
        cum[idx] += p[idx]
        idx = idx[u[idx] > cum[idx]]
    return k

def build_population(n):  # Population::build
    slope = (HH_SIZE * POOR_SIZE_RATIO - HH_SIZE) / (0.5 - P0 / 2.0)
    u = (np.arange(n) + rng.random(n)) / n  # Stream::Rank
    lam = np.maximum(HH_SIZE + slope * (0.5 - u), 1.05)
    size = 1.0 + poisson(lam - 1.0, rng.random(n))  # Stream::Size
    people = size.sum()
    rank0 = (np.cumsum(size) - size / 2.0) / people
    x0 = quantile(rank0)
    sigma_low = bisect(0.02, 3.0, lambda s: lognormal_p1(from_headcount(P0, Z, s), s, Z) - P1)  # fit_p1
    mu = from_headcount(P0, Z, sigma_low)
    x_line = (math.log(Z) - mu) / sigma_low
    sigma_mid = LEVERS["sigma_mid"]
    shape = Shape(mu, sigma_low, sigma_mid, DEFAULT_SIGMA_HIGH, x_line, x_line + math.log(KINK_LINE) / sigma_mid)
    shape.high = bisect(0.05, 3.0, lambda sh: mean_consumption(size, x0, replace(shape, high=sh)) - MEAN_CONSUMPTION)
    # What the base year achieves (CalibrationReport).
    y = np.exp(shape.mu + shape.spread(x0))
    below = lambda line: size[y < line].sum() / people
    fgt = lambda a: 100.0 * (size[y < Z] * (1.0 - y[y < Z] / Z) ** a).sum() / people
    x_p0 = q1(P0)
    report = dict(p0=100 * below(Z), p1=fgt(1), p2=fgt(2), extreme=100 * below(EXTREME_LINE0),
                  gini=gini_sorted(size, x0, shape), mean=mean_consumption(size, x0, shape),
                  elasticity=-math.exp(-0.5 * x_p0 * x_p0) / math.sqrt(2 * math.pi) / (P0 * shape.low))
    normal32 = lambda *s: rng.standard_normal(s).astype(np.float32)  # rng::normal(..) as f32
    return NS(size=size, weight=POPULATION / people, x0=x0, rank0=rank0, shape=shape, report=report,
              kecamatan=np.zeros(n, np.uint16), registration=normal32(5, n), noise=normal32(5, n),
              back=normal32(n), u_house=rng.random(n), u_sanitation=rng.random(n))

# --- simulate/dynamics.rs ------------------------------------------------------------------------------------
def stay_share(r, p0):  # Simpson's rule on 240 intervals
    a, s, lo, n = q1(p0), math.sqrt(max(1.0 - r * r, 1e-12)), -9.0, 240
    h = (a - lo) / n
    xs = lo + np.arange(n + 1) * h
    wts = np.where(np.arange(n + 1) % 2 == 1, 4.0, 2.0)
    wts[0] = wts[-1] = 1.0
    return (wts * np.exp(-0.5 * xs * xs) * cdf((a - r * xs) / s)).sum() * h / 3.0 / math.sqrt(2 * math.pi) / p0

def churn_coefficient(exit_share, p0):
    lo, hi = 0.0, 0.9999
    for _ in range(36):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if 1.0 - stay_share(mid, p0) > exit_share else (lo, mid)
    return 0.5 * (lo + hi)

def growth_table(g_b40, tilt):  # GrowthTable::new
    return np.log1p(np.maximum(g_b40 + tilt * 10.0 * (0.2 - cdf(-6.0 + np.arange(1201) * 0.01)), -0.5))

def growth_at(table, x):  # GrowthTable::at
    u = np.clip((x + 6.0) / 0.01, 0.0, 1199.999999)
    i = u.astype(np.intp)
    return table[i] + (table[i + 1] - table[i]) * (u - i)

def ln_consumption(shape, table, x, t, shock, shock_x):  # world.rs ln_consumption
    ln = shape.mu + shape.spread(x) + t * growth_at(table, x)
    return ln + np.where(x < shock_x, shock, 0.0) if shock else ln

class Reranker:
    def __init__(self, x, people):  # Reranker::towards: the base year's own person-weighted quantiles
        order = np.argsort(x)
        ps = people[order]
        u = (np.cumsum(ps) - 0.5 * ps) / people.sum()
        self.q = np.interp(np.arange(QUANTILE_GRID + 1) / QUANTILE_GRID, u, x[order])

    def apply(self, x, people):  # Reranker::apply: x <- Q(F(x)), F on a 4,096-cell grid
        c = np.clip((x - QN_LO) * (QN_BINS / (QN_HI - QN_LO)), 0.0, QN_BINS - 1e-9)
        b = c.astype(np.intp)
        cum = np.concatenate(([0.0], np.cumsum(np.bincount(b, weights=people, minlength=QN_BINS))))
        u = np.clip(cum / people.sum(), 1e-12, 1.0 - 1e-12) * QUANTILE_GRID
        i = np.minimum(u.astype(np.intp), QUANTILE_GRID - 1)
        target = self.q[i] + (self.q[i + 1] - self.q[i]) * (u - i)
        return target[b] + (target[b + 1] - target[b]) * (c - b)

# --- simulate/mod.rs Ctx and params.rs Params -------------------------------------------------------------------
def make_ctx(pop, lv):  # Ctx::new
    pct = lambda k: lv[k] / 100.0
    r = churn_coefficient(pct("exit_share"), P0)
    lack = lambda share: rng.random(N) < np.minimum(2.0 * share * (1.0 - pop.rank0), 1.0)
    people = pop.weight * pop.size
    c = NS(r=r, innovation=math.sqrt(1.0 - r * r), growth=growth_table(pct("growth_b40"), lv["growth_tilt"] / 100),
           implied_entry_pct=100 * P0 * (1 - stay_share(r, P0)) / (1 - P0), shock_year=int(lv["shock_year"]),
           shock_x=q1(min(max(pct("shock_share"), 1e-9), 1 - 1e-9)), shock_ln=math.log(1 - pct("shock_depth")),
           health_rate=pct("health_shock_rate"), health_loss=lv["health_consumption_factor"] * pct("health_cost_share"),
           people=people, people_total=people.sum(), w=pop.weight,
           extreme_lines=[EXTREME_LINE0 / (1 + pct("extreme_line_drift")) ** t for t in range(YEARS + 1)],
           lacks_house=lack(pct("rtlh_share")), lacks_wash=lack(pct("no_sanitation_share")),  # Stream::House, Sanitation
           u_enterprise=rng.random(N), pockets=np.array([False]))
    c.shock_at = lambda t: (c.shock_ln if t == c.shock_year else 0.5 * c.shock_ln if t == c.shock_year + 1 else 0.0) \
        if c.shock_year >= 1 else 0.0
    c.health_norm = lambda insured: 1.0 / (1.0 - c.health_rate * c.health_loss * (1.0 - min(insured / c.people_total, 1.0)))
    return c

def make_params(lv):  # Params::new (no schedules: one budget per programme for every year)
    pct = lambda k: lv[k] / 100.0
    in_kind = pct("food_in_kind_share")
    return NS(budgets=[lv[b] * 1e9 for b in BUDGETS], data_budget=[0.0] + [lv["data_update_budget"] * 1e9] * YEARS,
              coverage0=pct("registry_coverage"), accuracy=lv["targeting_accuracy"], convergence=pct("convergence"),
              registry_age=lv["registry_age"], absorption=pct("absorption"),
              net_share=pct("absorption") * (1 - pct("overhead")), cash_benefit=lv["cash_benefit"],
              gap_filling=lv["cash_gap_filling"] >= 0.5, cash_delivery=pct("cash_delivery"),
              pass_through=pct("cash_pass_through"), food_benefit_year=12 * lv["food_benefit"],
              food_arrives=in_kind * pct("in_kind_delivery") * pct("in_kind_valuation") + (1 - in_kind) * pct("cash_delivery"),
              premium_year=12 * lv["health_premium"], pbi_share=pct("national_pbi_share"),
              grad_cost=1e6 * lv["graduation_cost"], grad_effect=pct("graduation_effect"),
              grad_decay=pct("graduation_decay"), grad_stipend=pct("graduation_stipend_share"),
              ent_grant=1e6 * lv["enterprise_grant"], ent_return=pct("enterprise_return"),
              ent_survival=pct("enterprise_survival"), house_cost=1e6 * lv["housing_unit_cost"],
              wash_cost=1e6 * lv["wash_unit_cost"], services_effect=pct("services_effect"),
              multiplier=lv["multiplier"], data_cost=lv["data_cost"])

def shared(c, pop, t, x, total, desil4_x):  # Path::shared_on
    return NS(t=t, x=x, size=pop.size, w=c.w, pocket=c.pockets[pop.kecamatan], lacks_house=c.lacks_house,
              lacks_wash=c.lacks_wash, shape=pop.shape, growth=c.growth, shock=c.shock_at(t), shock_x=c.shock_x,
              z=Z, households_total=c.w * N, people_total=c.people_total, desil4_x=desil4_x, total_consumption=total)

# --- simulate/registry.rs and world.rs ------------------------------------------------------------------------------
def threshold(hist, quota):  # registry.rs threshold: the score where the cumulative histogram reaches quota
    if quota <= 0.0:
        return -math.inf, 0.0
    cum = np.cumsum(hist)
    b = int(np.searchsorted(cum, quota))
    if b == BINS:
        return math.inf, float(cum[-1])
    below = cum[b - 1] if b else 0.0
    return SCORE_LO + (b + (quota - below) / hist[b]) / BIN_SCALE, quota

def estimate(sh, expected_x):  # Shared::estimate
    return np.exp(ln_consumption(sh.shape, sh.growth, expected_x, sh.t, sh.shock, sh.shock_x))

def cash_arrives_pc(p, sh, score, size):
    if p.gap_filling:
        return np.ceil(np.maximum(sh.z - estimate(sh, score), 0.0))
    return p.cash_benefit / 12.0 / size * p.cash_delivery * p.pass_through

def graduation_ramp(k, decay):
    tab = np.array([0.0, 6 / 25, 12 / 25, 12 / 25, (12 + 13 / 3) / 25, (12 + 26 / 3) / 25])
    return np.where(k <= 0, 0.0, np.where(k <= 5, tab[np.clip(k, 0, 5)], (1 - decay) ** np.maximum(k - 6, 0)))

class World:
    def __init__(self, p, pop, x_base, r):  # World::new + Registry::new: records backcast registry_age years
        self.p, self.pop = p, pop
        ra = r ** p.registry_age
        self.x_record = ra * x_base + math.sqrt(max(1 - ra * ra, 0.0)) * pop.back.astype(float)
        self.enumerated, self.full = np.full(N, -p.registry_age), np.zeros(N, bool)
        self.noise_weight = math.sqrt(max(1 - p.accuracy ** 2, 0.0))
        self.common, self.own = math.sqrt(p.convergence), math.sqrt(1 - p.convergence)
        q = lambda c: math.inf if c >= 1 else q1(max(c, 1e-9))
        self.q_cov, self.q_full = q(p.coverage0), q(max(0.95, p.coverage0))
        self.score, self.reg = np.empty((4, N)), np.empty((4, N), bool)  # [social, health, empowerment, housing]
        self.record(slice(None))
        self.graduated, self.enterprise = np.full(N, -1), np.full(N, -1)
        self.grad_gain = np.zeros(N)
        self.house_done, self.wash_done = np.zeros(N, bool), np.zeros(N, bool)
        self.reset()

    def reset(self):
        self.progs = np.zeros((7, 4))  # selected, people, selected poor, selected eligible
        self.poor_households = self.eligible_households = 0.0
        self.reach = dict(households=0.0, people=0.0, desil_by_count=np.zeros(4), desil_registered=0.0)

    def record(self, m):  # Registry::record: a score per list, registration per list
        d = self.pop
        noise = self.common * d.noise[0, m].astype(float) + self.own * d.noise[1:, m].astype(float)
        self.score[:, m] = self.p.accuracy * self.x_record[m] + self.noise_weight * noise
        q = np.where(self.full[m], self.q_full, self.q_cov)
        self.reg[:, m] = self.common * d.registration[0, m].astype(float) + self.own * d.registration[1:, m].astype(float) < q

    def select(self, sh):  # World::select: data updating, histograms, thresholds
        p, t, w = self.p, sh.t, sh.w
        share, refreshed = min(p.data_budget[t] * p.absorption / (p.data_cost * sh.households_total), 1.0), 0.0
        if share > 0:
            m = rng.random(N) < share  # Stream::Refresh
            self.x_record[m], self.enumerated[m], self.full[m] = sh.x[m], t, True
            self.record(m)
            refreshed = w * m.sum()
        bins = np.clip(((self.score - SCORE_LO) * BIN_SCALE).astype(np.intp), 0, BINS - 1)
        on = self.reg
        hist = lambda l, m, wts=None: w * np.bincount(bins[l][m], weights=wts, minlength=BINS)
        social = hist(0, on[0])
        gap = hist(0, on[0], gross_gap_pc(p, sh, self.score[0][on[0]]) * sh.size[on[0]] * 12) if p.gap_filling else None
        health = hist(1, on[1], sh.size[on[1]])
        graduation, enterprise = hist(2, on[2] & (self.graduated < 0)), hist(2, on[2] & (self.enterprise < 0))
        mh, mw = on[3] & sh.lacks_house & ~self.house_done, on[3] & sh.lacks_wash & ~self.wash_done
        house = [hist(3, mh & ~sh.pocket), hist(3, mh & sh.pocket)]
        wash = [hist(3, mw & ~sh.pocket), hist(3, mw & sh.pocket)]
        net = lambda q: p.budgets[q] * p.net_share
        cash_quota = net(CASH) if p.gap_filling else net(CASH) / p.cash_benefit
        cash_tau, cash_filled = threshold(gap if p.gap_filling else social, cash_quota)
        cash_paid_year = cash_filled if p.gap_filling else cash_filled * p.cash_benefit
        food_quota = net(FOOD) / p.food_benefit_year
        food_tau, food_filled = threshold(social, food_quota)
        pbi_tau, pbi_filled = threshold(health, p.pbi_share * sh.people_total)
        health_quota = net(HEALTH) / p.premium_year
        health_tau, health_filled = threshold(health, pbi_filled + health_quota)
        grad_quota, ent_quota = net(GRAD) / p.grad_cost, net(ENT) / p.ent_grant
        (grad_tau, grad_filled), (ent_tau, ent_filled) = threshold(graduation, grad_quota), threshold(enterprise, ent_quota)
        house_quota, wash_quota = net(HOUSE) / p.house_cost, net(WASH) / p.wash_cost
        (hp, hf1), (wp, wf1) = threshold(house[1], house_quota), threshold(wash[1], wash_quota)
        (ho, hf2), (wo, wf2) = threshold(house[0], house_quota - hf1), threshold(wash[0], wash_quota - wf1)
        filled = lambda f, q: min(f / q, 1.0) if q > 0 else 0.0
        shares = [filled(cash_filled, cash_quota), filled(food_filled, food_quota),
                  filled(health_filled - pbi_filled, health_quota), filled(grad_filled, grad_quota),
                  filled(ent_filled, ent_quota), filled(hf1 + hf2, house_quota), filled(wf1 + wf2, wash_quota)]
        transfers_month = (cash_paid_year * p.cash_delivery + food_filled * p.food_benefit_year * p.food_arrives) / 12
        return NS(cash_tau=cash_tau, food_tau=food_tau, pbi_tau=pbi_tau, health_tau=health_tau, grad_tau=grad_tau,
                  ent_tau=ent_tau, house_tau=(ho, hp), wash_tau=(wo, wp), data_spend=refreshed * p.data_cost,
                  spend=[p.budgets[q] * p.absorption * shares[q] for q in range(7)], refreshed=refreshed,
                  multiplier_factor=1 + (p.multiplier - 1) * transfers_month / sh.total_consumption,
                  insured_people=health_filled)

    def recurring_income(self, sel, sh):  # World::recurring_income: cash and food, Rp per capita per month
        p, income = self.p, np.zeros(N)
        on, sc = self.reg[0], self.score[0]
        m = on & (sc < sel.cash_tau)
        income[m] += cash_arrives_pc(p, sh, sc[m], sh.size[m])
        m = on & (sc < sel.food_tau)
        income[m] += p.food_benefit_year / 12 / sh.size[m] * p.food_arrives * p.pass_through
        return income

    def apply(self, sel, sh, y_pre, hit, loss, norm, u_enterprise):  # World::apply for every household at once
        p, t, w, size = self.p, sh.t, sh.w, sh.size
        y_norm = y_pre * norm
        y_base = np.where(hit, y_norm * (1 - loss), y_norm)
        poor, eligible = y_base < sh.z, sh.x < sh.desil4_x
        self.poor_households += w * poor.sum()
        self.eligible_households += w * eligible.sum()
        reached = np.zeros(N, np.int32)

        def add(q, m):
            self.progs[q] += w * np.array([m.sum(), size[m].sum(), (m & poor).sum(), (m & eligible).sum()])
            reached[m] += 1

        on, sc = self.reg, self.score
        insured = on[1] & (sc[1] < sel.health_tau)
        add(HEALTH, insured & (sc[1] >= sel.pbi_tau))
        y = np.where(hit & insured, y_norm, y_base)
        income = np.zeros(N)
        m = on[0] & (sc[0] < sel.cash_tau)
        cash = np.zeros(N)
        cash[m] = cash_arrives_pc(p, sh, sc[0][m], size[m])
        add(CASH, m & (cash > 0))
        income += cash
        m = on[0] & (sc[0] < sel.food_tau)
        add(FOOD, m)
        income[m] += p.food_benefit_year / 12 / size[m] * p.food_arrives * p.pass_through
        recurring = reached.copy()
        new = (self.graduated < 0) & on[2] & (sc[2] < sel.grad_tau)
        self.graduated[new], self.grad_gain[new] = t, p.grad_effect * sh.z
        add(GRAD, new)
        income[new] += p.grad_stipend * p.grad_cost / 12 / size[new] * p.pass_through
        g = self.graduated >= 0
        income[g] += self.grad_gain[g] * graduation_ramp(t - self.graduated[g], p.grad_decay)
        new = (self.enterprise < 0) & on[2] & (sc[2] < sel.ent_tau)
        self.enterprise[new] = t
        add(ENT, new)
        m = (self.enterprise >= 0) & (t > self.enterprise) & (u_enterprise < p.ent_survival)
        income[m] += p.ent_return * p.ent_grant / size[m] * p.pass_through
        new = on[3] & sh.lacks_house & ~self.house_done & (sc[3] < np.where(sh.pocket, sel.house_tau[1], sel.house_tau[0]))
        self.house_done |= new
        add(HOUSE, new)
        new = on[3] & sh.lacks_wash & ~self.wash_done & (sc[3] < np.where(sh.pocket, sel.wash_tau[1], sel.wash_tau[0]))
        self.wash_done |= new
        add(WASH, new)
        covered = recurring + g + (self.enterprise >= 0) + self.house_done + self.wash_done
        factor = sel.multiplier_factor * np.where(self.house_done, 1 + p.services_effect, 1.0) \
            * np.where(self.wash_done, 1 + p.services_effect, 1.0)
        r = self.reach
        r["households"] += w * (reached > 0).sum()
        r["people"] += w * size[reached > 0].sum()
        r["desil_by_count"] += w * np.bincount(np.minimum(covered[eligible], 3), minlength=4)
        r["desil_registered"] += w * (eligible & on[0]).sum()
        return y * factor + income

    def finish_year(self, sh, sel):  # World::finish_year: spend, reach, counters reset
        reach = dict(self.reach, record_age=(sh.t - self.enumerated).mean(),
                     desil_registered_pct=100 * self.reach["desil_registered"] / max(self.eligible_households, 1e-300))
        spend = sum(sel.spend) + sel.data_spend
        self.reset()
        return spend, reach

def gross_gap_pc(p, sh, expected_x):
    return np.ceil(np.maximum(sh.z - estimate(sh, expected_x), 0.0)) / (p.cash_delivery * p.pass_through)

# --- simulate/measure.rs Acc ---------------------------------------------------------------------------------------
GINI_KEY0, GINI_BINS = int(np.float64(1000.0).view(np.int64)) >> 44, 8192  # Lines::gini_key0

def measure(year, y, wp, ze, spend, reach):  # Acc::add over all households, then Acc::result
    people, consumption = wp.sum(), (wp * y).sum()
    poor = y < Z
    g = 1.0 - y[poor] / Z
    vulnerable = ~poor & (y < KINK_LINE * Z)
    key = np.clip((np.maximum(y, 1.0).view(np.int64) >> 44) - GINI_KEY0, 0, GINI_BINS - 1)
    lorenz_p, lorenz_c = np.bincount(key, wp, GINI_BINS), np.bincount(key, wp * y, GINI_BINS)
    distribution = np.bincount(np.minimum((y * (1 / Z) / 0.05).astype(np.intp), 59), wp, 60)
    nz = lorenz_p > 0
    c = lorenz_c[nz] / consumption
    gini = 1.0 - ((lorenz_p[nz] / people) * (2.0 * (np.cumsum(c) - c) + c)).sum()
    return NS(year=year, p0=100 * wp[poor].sum() / people, p1=100 * (wp[poor] * g).sum() / people,
              p2=100 * (wp[poor] * g * g).sum() / people, extreme=100 * wp[y < ze].sum() / people,
              poor_people=wp[poor].sum(), extreme_people=wp[y < ze].sum(), vulnerable=100 * wp[vulnerable].sum() / people,
              gini=gini, mean=consumption / people, spend=spend, beneficiaries=reach["households"], distribution=distribution)

# --- simulate/reference.rs: BaseYear and Reference::new; then Reference::scenario ------------------------------------
def base_year(c, pop, sq_params):  # BaseYear::new: welfare before district programmes, 3 rounds
    shape = pop.shape
    consumption = lambda x: np.exp(shape.mu + shape.spread(x))
    total_people = c.people.sum()
    x_pre = pop.x0.copy()
    y_pre = consumption(x_pre)
    y_pub = y_pre.copy()
    for _ in range(3):
        sh = shared(c, pop, 0, x_pre, (y_pub * c.people).sum(), -math.inf)
        sq = World(sq_params, pop, x_pre, c.r)
        sel = sq.select(sh)
        income = sq.recurring_income(sel, sh)
        order = np.lexsort((pop.x0, y_pre * sel.multiplier_factor + income))  # by welfare with transfers, then x0
        pw = c.people[order]
        x_pub = np.empty(N)
        x_pub[order] = quantile(np.clip((np.cumsum(pw) - 0.5 * pw) / total_people, 1e-12, 1 - 1e-12))
        y_pub = consumption(x_pub)
        y_pre = np.maximum((y_pub - income) / sel.multiplier_factor, 0.1 * y_pub)
        x_pre = x_pub.copy()
        d = y_pre != y_pub
        x_pre[d] = shape.inverse_spread(np.log(y_pre[d]) - shape.mu)
    return NS(x_pre=x_pre, y_pre=y_pre, y_pub=y_pub)

def reference(pop, lv, timings):  # Reference::new: the counterfactual and the status quo, every year
    c = make_ctx(pop, lv)
    none_levers = dict(lv, **{k: 0 for k in BUDGETS + ["data_update_budget"]})
    sq_params = make_params(lv)
    base = base_year(c, pop, sq_params)
    timings.append(("base year (3 rounds)", time.perf_counter()))
    none, sq = World(make_params(none_levers), pop, base.x_pre, c.r), World(sq_params, pop, base.x_pre, c.r)
    x, y_ref, rr = base.x_pre.copy(), base.y_pre.copy(), Reranker(base.x_pre, c.people)  # BaseYear::path
    out, cache = dict(no_programme=[], baseline=[]), []
    for t in range(YEARS + 1):
        if t == 0:
            total = (base.y_pre * c.people).sum()
        else:  # Path::advance: churn, re-rank, consumption before programmes
            x = rr.apply(c.r * x + c.innovation * rng.standard_normal(N), c.people)  # Stream::Churn
            y_ref = np.exp(ln_consumption(pop.shape, c.growth, x, t, c.shock_at(t), c.shock_x))
            total = (c.people * y_ref).sum()
        k = int(0.4 * N)
        sh = shared(c, pop, t, x, total, np.partition(x, k)[k])  # desil4_cut
        sel_sq = sq.select(sh)
        norm = c.health_norm(sel_sq.insured_people)
        sel_none = none.select(sh)
        if t == 0:
            y_none, y_sq = y_ref, base.y_pub
        else:
            hit = rng.random(N) < c.health_rate  # Stream::Health
            y_none = none.apply(sel_none, sh, y_ref, hit, c.health_loss, norm, c.u_enterprise)
            y_sq = sq.apply(sel_sq, sh, y_ref, hit, c.health_loss, norm, c.u_enterprise)
        # Computed as Rust does (non-monetary indicators, kecamatan poor), not printed by the CSV.
        rtlh = (c.w * c.lacks_house.sum(), c.w * (c.lacks_house & ~sq.house_done).sum())
        no_sanitation = (c.w * c.lacks_wash.sum(), c.w * (c.lacks_wash & ~sq.wash_done).sum())
        kecamatan = (np.bincount(pop.kecamatan, c.people), np.bincount(pop.kecamatan, c.people * (y_sq < Z)))
        spend_sq, reach_sq = sq.finish_year(sh, sel_sq)
        _, reach_none = none.finish_year(sh, sel_none)
        year = BASE_YEAR + t
        out["no_programme"].append(measure(year, y_none, c.people, c.extreme_lines[t], 0.0, reach_none))
        out["baseline"].append(measure(year, y_sq, c.people, c.extreme_lines[t], spend_sq if t else 0.0, reach_sq))
        cache.append((x.copy(), (base.y_pub if t == 0 else y_ref).copy(), total))  # the kept path
    return out, c

def main():
    timings = [("start (numpy imported)", START)]
    pop = build_population(N)
    timings.append(("population", time.perf_counter()))
    out, c = reference(pop, LEVERS, timings)
    timings.append(("reference years", time.perf_counter()))
    make_ctx(pop, LEVERS)  # Reference::scenario builds its own Ctx, then finds the scenario is the status quo
    out["scenario"] = out["baseline"]  # same_as_status_quo: the scenario world is the baseline
    print("scenario,year,p0_pct,p1,p2,extreme_pct,poor_people,extreme_people,vulnerable_pct,gini,spend_rp,beneficiaries")
    for name in ("no_programme", "baseline", "scenario"):
        for r in out[name]:
            print(f"{name},{r.year},{r.p0:.4f},{r.p1:.4f},{r.p2:.4f},{r.extreme:.4f},{r.poor_people:.0f},"
                  f"{r.extreme_people:.0f},{r.vulnerable:.4f},{r.gini:.4f},{r.spend:.0f},{r.beneficiaries:.0f}")
    timings.append(("scenario + output", time.perf_counter()))
    s, rep = pop.shape, pop.report
    print(f"# calibration: sigma_low {s.low:.6f} sigma_high {s.high:.6f} mu_log {s.mu:.6f} p0 {rep['p0']:.4f} "
          f"p1 {rep['p1']:.4f} gini {rep['gini']:.4f} mean {rep['mean']:.1f}; churn r {c.r:.6f}", file=sys.stderr)
    print("# seconds: " + ", ".join(f"{name} {b - a:.3f}" for (_, a), (name, b) in zip(timings, timings[1:])),
          file=sys.stderr)

if __name__ == "__main__":
    main()
