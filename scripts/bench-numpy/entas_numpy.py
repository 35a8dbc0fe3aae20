#!/usr/bin/env python3
"""Entas end to end in plain vectorised NumPy, the yardstick of issue 14 (run by scripts/bench-numpy.sh).

    entas_numpy.py [HOUSEHOLDS]          (default 350000)

Does the work of `entas run --preset muba_2024 --households N` as the engine did at commit 1376907 (later
speed commits -- 31b0718 Newton sigma_high, b17d602 context kept, c447260 lists kept up to date -- cut Rust's
work, not this port's) and prints the same CSV on stdout; calibration and phase timings go to stderr.
Whole-array steps, no loop over households; each part names the Rust it mirrors.
Ported: Population::build (Poisson sizes in rank order, mid-ranks -> normal quantiles by Acklam + a Halley step,
fit_p1 -- muba_2024 calibrates to p0_p1 --, sigma_high by bisection on mean consumption: 62 passes with an exp
per household; the calibration report; registry draws), Ctx::new (twice, as Reference::new and ::scenario did),
BaseYear's 3 rounds, Reference::new's counterfactual and status-quo worlds every year (churn + Reranker, growth,
health events, World::select histograms and quota thresholds, World::apply, measure.rs Acc, finish_year).
muba_2024's levers are its status quo, so Reference::scenario copies the baseline (same_as_status_quo); so do we.
Simplified: numpy's Generator, not the engine's counter-based SplitMix -- one draw where Rust draws one, not the
same bits -- so figures agree with the CLI's to sampling noise; erfc is W. J. Cody's rational approximation.
Left out as off or empty for muba_2024, where Rust does no per-household work for them: gap filling, data
updating, the covariate shock, the services effect, kecamatan and pockets, schedules, in-kind food; and the
scalar bookkeeping after the loop. Preset numbers: `entas preset muba_2024` and the defaults in levers/table.rs.
"""
import functools
import math
import sys
import time
from types import SimpleNamespace as NS

import numpy as np

START = time.perf_counter()
N = int(sys.argv[1]) if len(sys.argv) > 1 else 350_000
rng = np.random.default_rng(1606)

# --- muba_2024 (`entas preset muba_2024`) and the lever defaults (levers/table.rs) -----------------------
BASE_YEAR, YEARS = 2024, 6
POPULATION, HH_SIZE, Z = 690_500.0, 4.1, 590_000.0
P0, P1, MEAN_CONSUMPTION = 0.1288, 2.217 / 100, 1_402_383.0
EXTREME_LINE0 = 391_000.0  # usd215 in 2024 (scenario/lines.rs)
POOR_SIZE_RATIO, DEFAULT_SIGMA_HIGH, KINK_LINE, SIGMA_MID = 1.25, 0.75, 1.5, 0.45
# The status quo = the scenario: the preset's budgets, every other lever at its default, in the units
# Params::new resolves them to (Rp, shares). The counterfactual is the same with every budget at zero.
PARAMS = NS(budgets=[70e9, 0.0, 45e9, 0.0, 0.0, 30e9, 11e9],  # Programme::ALL: cash, food, health, ..., wash
            cash_benefit=7.8e6, food_benefit_year=12 * 200_000, premium_year=12 * 42_000, grad_cost=20e6,
            ent_grant=5e6, house_cost=20e6, wash_cost=3e6, coverage0=0.75, accuracy=0.75, registry_age=2.0,
            convergence=0.50, absorption=0.95, net_share=0.95 * (1 - 0.05), cash_delivery=0.90, pass_through=0.70,
            food_arrives=0.90, multiplier=1.0, pbi_share=0.34, grad_effect=0.25, grad_decay=0.0, grad_stipend=0.15,
            ent_return=0.03, ent_survival=0.60)
NO_PROGRAMMES = NS(**dict(vars(PARAMS), budgets=[0.0] * 7))
EXIT_SHARE, GROWTH_B40, GROWTH_TILT, EXTREME_DRIFT = 0.45, 0.01, -0.001, 0.032  # Ctx::new's assumptions
HEALTH_RATE, HEALTH_LOSS, RTLH_SHARE, NO_SANITATION_SHARE = 0.08, 0.3 * 0.20, 0.10, 0.15
CASH, FOOD, HEALTH, GRAD, ENT, HOUSE, WASH = range(7)
BINS, SCORE_LO, BIN_SCALE = 4096, -6.0, 4096 / 12.0  # registry.rs
QN_BINS, QN_LO, QN_SCALE, GRID = 4096, -6.0, 4096 / 12.0, 16_384  # dynamics.rs Reranker
GINI_KEY0, GINI_BINS = int(np.float64(1000.0).view(np.int64)) >> 44, 8192  # measure.rs

# --- normal.rs: cdf through erfc, quantile (Acklam, one Halley step) -----------------------------------------
def horner(coeffs, x):
    return functools.reduce(lambda acc, c: acc * x + c, coeffs[1:], coeffs[0])

# W. J. Cody's erfc (SPECFUN CALERF) on |x| <= 0.46875, <= 4, > 4: coefficients in Horner order.
ERF_A = (1.85777706184603153e-1, 3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
         3.20937758913846947e03)
ERF_B = (1.0, 2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03)
ERF_C = (2.15311535474403846e-8, 5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
         2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03,
         1.23033935479799725e03)
ERF_D = (1.0, 1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03,
         3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03)
ERF_P = (1.63153871373020978e-2, 3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
         1.60837851487422766e-2, 6.58749161529837803e-4)
ERF_Q = (1.0, 2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1, 6.05183413124413191e-2,
         2.33520497626869185e-3)

def erfc(x):  # libm::erfc in Rust
    x = np.asarray(x, dtype=float)
    y, out = np.abs(x), np.empty(x.shape)
    a, c = y <= 0.46875, y > 4.0
    b = ~a & ~c
    z = y[a] * y[a]
    out[a] = 1.0 - x[a] * horner(ERF_A, z) / horner(ERF_B, z)
    v = y[b]
    out[b] = np.exp(-v * v) * horner(ERF_C, v) / horner(ERF_D, v)
    v = y[c]
    z = 1.0 / (v * v)
    out[c] = np.exp(-v * v) * (1.0 / math.sqrt(math.pi) - z * horner(ERF_P, z) / horner(ERF_Q, z)) / v
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

def quantile(p):  # normal::quantile for p in (0, 1)
    p = np.asarray(p, dtype=float)
    x = np.empty(p.shape)
    lo, hi = p < 0.02425, p > 1.0 - 0.02425
    mid = ~(lo | hi)
    q = p[mid] - 0.5
    x[mid] = horner(QA, q * q) * q / horner(QB, q * q)
    q = np.sqrt(-2.0 * np.log(p[lo]))
    x[lo] = horner(QC, q) / horner(QD, q)
    q = np.sqrt(-2.0 * np.log1p(-p[hi]))
    x[hi] = -horner(QC, q) / horner(QD, q)
    u = (cdf(x) - p) * math.sqrt(2.0 * math.pi) * np.exp(x * x / 2.0)
    return x - u / (1.0 + x * u / 2.0)

def q1(p):
    return float(quantile(np.array([p]))[0])

# --- population.rs and lognormal.rs: the calibrated households -------------------------------------------------
def bisect(lo, hi, f):  # population.rs bisect: f(lo), f(hi), then 60 halvings
    if f(lo) >= 0.0:
        return lo
    if f(hi) <= 0.0:
        return hi
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if f(mid) < 0.0 else (lo, mid)
    return 0.5 * (lo + hi)

def lognormal_p1(p0, z, s):  # Lognormal::from_headcount(p0, z, s).p1(z)
    mean = math.exp(math.log(z) - s * q1(p0) + s * s / 2.0)
    x = math.log(z / mean) / s + s / 2.0
    phi = cdf(np.array([x, x - s]))
    return phi[0] - (mean / z) * phi[1]

def spread(sh, x):  # Shape::spread, ln y - mu: slopes low, mid, high split at x_line and x_kink (the same sums)
    return (sh.low * np.minimum(x, sh.x_line) + sh.mid * np.clip(x - sh.x_line, 0.0, sh.x_kink - sh.x_line)
            + sh.high * np.maximum(x - sh.x_kink, 0.0))

def inverse_spread(sh, s):  # Shape::inverse_spread
    at_line = sh.low * sh.x_line
    at_kink = at_line + sh.mid * (sh.x_kink - sh.x_line)
    return np.where(s <= at_line, s / sh.low, np.where(
        s <= at_kink, sh.x_line + (s - at_line) / sh.mid, sh.x_kink + (s - at_kink) / sh.high))

def mean_consumption(size, x, shape):
    return (size * np.exp(shape.mu + spread(shape, x))).sum() / size.sum()

def gini_sorted(size, x, shape):  # two exp passes, as in Rust
    total = (size * np.exp(shape.mu + spread(shape, x))).sum()
    c = size * np.exp(shape.mu + spread(shape, x)) / total
    return 1.0 - ((size / size.sum()) * (2.0 * (np.cumsum(c) - c) + c)).sum()

def poisson(lam, u):  # population.rs poisson by inversion: all households at once, a loop over k <= 30
    k, p = np.zeros(lam.shape), np.exp(-lam)
    cum, idx, j = p.copy(), np.nonzero(u > p)[0], 0
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
    size = 1.0 + poisson(np.maximum(HH_SIZE + slope * (0.5 - u), 1.05) - 1.0, rng.random(n))  # Stream::Size
    people = size.sum()
    rank0 = (np.cumsum(size) - size / 2.0) / people
    x0 = quantile(rank0)
    sigma_low = bisect(0.02, 3.0, lambda s: lognormal_p1(P0, Z, s) - P1)  # fit_p1
    mu = math.log(Z) - sigma_low * q1(P0)
    x_line = (math.log(Z) - mu) / sigma_low
    shape = NS(mu=mu, low=sigma_low, mid=SIGMA_MID, high=DEFAULT_SIGMA_HIGH, x_line=x_line,
               x_kink=x_line + math.log(KINK_LINE) / SIGMA_MID)
    shape.high = bisect(0.05, 3.0, lambda high: mean_consumption(size, x0, NS(**dict(vars(shape), high=high)))
                        - MEAN_CONSUMPTION)
    y = np.exp(shape.mu + spread(shape, x0))  # CalibrationReport: what the base year achieves
    below = lambda line: size[y < line].sum() / people
    fgt = lambda a: 100.0 * (size[y < Z] * (1.0 - y[y < Z] / Z) ** a).sum() / people
    report = dict(p0=100 * below(Z), p1=fgt(1), p2=fgt(2), extreme=100 * below(EXTREME_LINE0),
                  gini=gini_sorted(size, x0, shape), mean=mean_consumption(size, x0, shape))
    normal32 = lambda *s: rng.standard_normal(s).astype(np.float32)  # RegistryDraws: rng::normal(..) as f32
    return NS(size=size, weight=POPULATION / people, x0=x0, rank0=rank0, shape=shape, report=report,
              registration=normal32(5, n), noise=normal32(5, n), back=normal32(n),
              u_house=rng.random(n), u_sanitation=rng.random(n))

# --- simulate/dynamics.rs -----------------------------------------------------------------------------------------
def stay_share(r, p0):  # Simpson's rule on 240 intervals
    a, s, lo, n = q1(p0), math.sqrt(max(1.0 - r * r, 1e-12)), -9.0, 240
    xs = lo + np.arange(n + 1) * ((a - lo) / n)
    wts = np.where(np.arange(n + 1) % 2 == 1, 4.0, 2.0)
    wts[0] = wts[-1] = 1.0
    joint = (wts * np.exp(-0.5 * xs * xs) * cdf((a - r * xs) / s)).sum() * ((a - lo) / n) / 3.0
    return joint / math.sqrt(2 * math.pi) / p0

def churn_coefficient(exit_share, p0):
    lo, hi = 0.0, 0.9999
    for _ in range(36):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if 1.0 - stay_share(mid, p0) > exit_share else (lo, mid)
    return 0.5 * (lo + hi)

def growth_at(table, x):  # GrowthTable::at
    u = np.clip((x + 6.0) / 0.01, 0.0, 1199.999999)
    i = u.astype(np.intp)
    return table[i] + (table[i + 1] - table[i]) * (u - i)

class Reranker:
    def __init__(self, x, people):  # Reranker::towards: the base year's person-weighted quantiles
        order = np.argsort(x)
        ps = people[order]
        self.q = np.interp(np.arange(GRID + 1) / GRID, (np.cumsum(ps) - 0.5 * ps) / people.sum(), x[order])

    def apply(self, x, people):  # Reranker::apply: x <- Q(F(x)), F on a 4,096-cell grid, linear in a cell
        c = np.clip((x - QN_LO) * QN_SCALE, 0.0, QN_BINS - 1e-9)
        b = c.astype(np.intp)
        cum = np.concatenate(([0.0], np.cumsum(np.bincount(b, weights=people, minlength=QN_BINS))))
        u = np.clip(cum / people.sum(), 1e-12, 1.0 - 1e-12) * GRID
        i = np.minimum(u.astype(np.intp), GRID - 1)
        target = self.q[i] + (self.q[i + 1] - self.q[i]) * (u - i)
        return target[b] + (target[b + 1] - target[b]) * (c - b)

# --- simulate/mod.rs Ctx, params.rs Params ------------------------------------------------------------------------
def make_ctx(pop):  # Ctx::new
    r = churn_coefficient(EXIT_SHARE, P0)
    lack = lambda share: rng.random(N) < np.minimum(2.0 * share * (1.0 - pop.rank0), 1.0)
    g = GROWTH_B40 + GROWTH_TILT * 10.0 * (0.2 - cdf(-6.0 + np.arange(1201) * 0.01))
    people = pop.weight * pop.size
    return NS(r=r, innovation=math.sqrt(1.0 - r * r), growth=np.log1p(np.maximum(g, -0.5)),  # GrowthTable::new
              implied_entry_pct=100 * P0 * (1 - stay_share(r, P0)) / (1 - P0), w=pop.weight, people=people,
              people_total=people.sum(), extreme_lines=EXTREME_LINE0 / (1 + EXTREME_DRIFT) ** np.arange(YEARS + 1),
              lacks_house=lack(RTLH_SHARE), lacks_wash=lack(NO_SANITATION_SHARE),  # Stream::House, Stream::Sanitation
              u_enterprise=rng.random(N))  # Stream::Enterprise

def health_norm(c, insured):  # Ctx::health_norm
    return 1.0 / (1.0 - HEALTH_RATE * HEALTH_LOSS * (1.0 - min(insured / c.people_total, 1.0)))

# --- simulate/registry.rs and world.rs ----------------------------------------------------------------------------
def threshold(hist, quota):  # registry.rs threshold: the score at which the cumulative histogram reaches quota
    if quota <= 0.0:
        return -math.inf, 0.0
    cum = np.cumsum(hist)
    b = int(np.searchsorted(cum, quota))
    if b == BINS:
        return math.inf, float(cum[-1])
    return SCORE_LO + (b + (quota - (cum[b - 1] if b else 0.0)) / hist[b]) / BIN_SCALE, quota

def graduation_ramp(k, decay):
    tab = np.array([0.0, 6 / 25, 12 / 25, 12 / 25, (12 + 13 / 3) / 25, (12 + 26 / 3) / 25])
    return np.where(k <= 0, 0.0, np.where(k <= 5, tab[np.clip(k, 0, 5)], (1 - decay) ** np.maximum(k - 6, 0)))

class World:
    def __init__(self, p, pop, x_base, r):  # World::new + Registry::new: records backcast registry_age years
        self.p, ra = p, r ** p.registry_age
        x_record = ra * x_base + math.sqrt(max(1 - ra * ra, 0.0)) * pop.back.astype(float)
        self.enumerated = np.full(N, -p.registry_age)
        common, own = math.sqrt(p.convergence), math.sqrt(1 - p.convergence)
        # Registry::record for every household: lists [social, health, empowerment, housing] in rows.
        noise = common * pop.noise[0].astype(float) + own * pop.noise[1:].astype(float)
        self.score = p.accuracy * x_record + math.sqrt(max(1 - p.accuracy ** 2, 0.0)) * noise
        q_cov = math.inf if p.coverage0 >= 1 else q1(max(p.coverage0, 1e-9))
        self.reg = common * pop.registration[0].astype(float) + own * pop.registration[1:].astype(float) < q_cov
        self.graduated, self.enterprise, self.grad_gain = np.full(N, -1), np.full(N, -1), np.zeros(N)
        self.house_done, self.wash_done = np.zeros(N, bool), np.zeros(N, bool)
        self.reset()

    def reset(self):
        self.progs = np.zeros((7, 4))  # ProgAcc: selected, people, selected poor, selected eligible
        self.poor_households = self.eligible_households = 0.0
        self.reach = dict(households=0.0, people=0.0, desil_by_count=np.zeros(4), desil_registered=0.0)

    def select(self, sh):  # World::select: score histograms and thresholds
        p, w, on = self.p, sh.w, self.reg
        bins = np.clip(((self.score - SCORE_LO) * BIN_SCALE).astype(np.intp), 0, BINS - 1)
        hist = lambda l, m, wts=None: w * np.bincount(bins[l][m], weights=wts, minlength=BINS)
        social, health = hist(0, on[0]), hist(1, on[1], sh.size[on[1]])
        graduation, enterprise = hist(2, on[2] & (self.graduated < 0)), hist(2, on[2] & (self.enterprise < 0))
        house = hist(3, on[3] & sh.lacks_house & ~self.house_done)
        wash = hist(3, on[3] & sh.lacks_wash & ~self.wash_done)
        net = lambda q: p.budgets[q] * p.net_share
        quotas = [net(CASH) / p.cash_benefit, net(FOOD) / p.food_benefit_year, net(HEALTH) / p.premium_year,
                  net(GRAD) / p.grad_cost, net(ENT) / p.ent_grant, net(HOUSE) / p.house_cost, net(WASH) / p.wash_cost]
        (cash_tau, cash_f), (food_tau, food_f) = threshold(social, quotas[CASH]), threshold(social, quotas[FOOD])
        pbi_tau, pbi_f = threshold(health, p.pbi_share * sh.people_total)
        health_tau, health_f = threshold(health, pbi_f + quotas[HEALTH])
        (grad_tau, grad_f), (ent_tau, ent_f) = threshold(graduation, quotas[GRAD]), threshold(enterprise, quotas[ENT])
        (house_tau, house_f), (wash_tau, wash_f) = threshold(house, quotas[HOUSE]), threshold(wash, quotas[WASH])
        filled = [cash_f, food_f, health_f - pbi_f, grad_f, ent_f, house_f, wash_f]
        shares = [min(f / q, 1.0) if q > 0 else 0.0 for f, q in zip(filled, quotas)]
        transfers_year = cash_f * p.cash_benefit * p.cash_delivery + food_f * p.food_benefit_year * p.food_arrives
        return NS(cash_tau=cash_tau, food_tau=food_tau, pbi_tau=pbi_tau, health_tau=health_tau, grad_tau=grad_tau,
                  ent_tau=ent_tau, house_tau=house_tau, wash_tau=wash_tau, insured_people=health_f,
                  spend=[p.budgets[q] * p.absorption * shares[q] for q in range(7)],
                  multiplier_factor=1 + (p.multiplier - 1) * (transfers_year / 12) / sh.total_consumption)

    def recurring_income(self, sel, size):  # World::recurring_income: who gets cash and food aid, and how much
        on, sc, p, income = self.reg[0], self.score[0], self.p, np.zeros(N)
        cash, food = on & (sc < sel.cash_tau), on & (sc < sel.food_tau)
        income[cash] += p.cash_benefit / 12.0 / size[cash] * p.cash_delivery * p.pass_through  # cash_arrives_pc (> 0)
        income[food] += p.food_benefit_year / 12 / size[food] * p.food_arrives * p.pass_through
        return cash, food, income

    def apply(self, sel, sh, y_pre, hit, loss, norm, u_enterprise):  # World::apply, every household at once
        p, t, w, size, on, sc = self.p, sh.t, sh.w, sh.size, self.reg, self.score
        y_norm = y_pre * norm
        y_base = np.where(hit, y_norm * (1 - loss), y_norm)
        poor, eligible = y_base < sh.z, sh.x < sh.desil4_x
        self.poor_households += w * poor.sum()
        self.eligible_households += w * eligible.sum()
        reached = np.zeros(N, np.int32)

        def add(q, m):
            self.progs[q] += w * np.array([m.sum(), size[m].sum(), (m & poor).sum(), (m & eligible).sum()])
            reached[m] += 1

        insured = on[1] & (sc[1] < sel.health_tau)
        add(HEALTH, insured & (sc[1] >= sel.pbi_tau))
        y = np.where(hit & insured, y_norm, y_base)
        cash, food, income = self.recurring_income(sel, size)
        add(CASH, cash)
        add(FOOD, food)
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
        new = on[3] & sh.lacks_house & ~self.house_done & (sc[3] < sel.house_tau)
        self.house_done |= new
        add(HOUSE, new)
        new = on[3] & sh.lacks_wash & ~self.wash_done & (sc[3] < sel.wash_tau)
        self.wash_done |= new
        add(WASH, new)
        covered = recurring + g + (self.enterprise >= 0) + self.house_done + self.wash_done
        r = self.reach
        r["households"] += w * (reached > 0).sum()
        r["people"] += w * size[reached > 0].sum()
        r["desil_by_count"] += w * np.bincount(np.minimum(covered[eligible], 3), minlength=4)
        r["desil_registered"] += w * (eligible & on[0]).sum()
        return y * sel.multiplier_factor + income

    def finish_year(self, sh, sel):  # World::finish_year: spend, reach, counters reset
        reach = dict(self.reach, record_age=(sh.t - self.enumerated).mean(),
                     desil_registered_pct=100 * self.reach["desil_registered"] / max(self.eligible_households, 1e-300))
        self.reset()
        return sum(sel.spend), reach

def shared(c, pop, t, x, total, desil4_x):  # Path::shared_on
    return NS(t=t, x=x, size=pop.size, w=c.w, lacks_house=c.lacks_house, lacks_wash=c.lacks_wash, z=Z,
              people_total=c.people_total, desil4_x=desil4_x, total_consumption=total)

# --- simulate/measure.rs Acc: FGT, extreme, vulnerable, Lorenz-bin Gini, distribution -----------------------------
def measure(year, y, wp, ze, spend, reach):  # Acc::add for every household, then Acc::result
    people, consumption = wp.sum(), (wp * y).sum()
    poor = y < Z
    g = 1.0 - y[poor] / Z
    key = np.clip((np.maximum(y, 1.0).view(np.int64) >> 44) - GINI_KEY0, 0, GINI_BINS - 1)
    lorenz_p, lorenz_c = np.bincount(key, wp, GINI_BINS), np.bincount(key, wp * y, GINI_BINS)
    distribution = np.bincount(np.minimum((y * (1 / Z) / 0.05).astype(np.intp), 59), wp, 60)
    nz = lorenz_p > 0
    c = lorenz_c[nz] / consumption
    gini = 1.0 - ((lorenz_p[nz] / people) * (2.0 * (np.cumsum(c) - c) + c)).sum()
    return NS(year=year, p0=100 * wp[poor].sum() / people, p1=100 * (wp[poor] * g).sum() / people,
              p2=100 * (wp[poor] * g * g).sum() / people, extreme=100 * wp[y < ze].sum() / people,
              poor_people=wp[poor].sum(), extreme_people=wp[y < ze].sum(),
              vulnerable=100 * wp[~poor & (y < KINK_LINE * Z)].sum() / people, gini=gini, mean=consumption / people,
              spend=spend, beneficiaries=reach["households"], distribution=distribution)

# --- simulate/reference.rs: BaseYear, Reference::new --------------------------------------------------------------
def base_year(c, pop, sq_params):  # BaseYear::new: welfare before district programmes, 3 rounds
    consumption = lambda x: np.exp(pop.shape.mu + spread(pop.shape, x))
    x_pre = pop.x0.copy()
    y_pre = consumption(x_pre)
    y_pub = y_pre.copy()
    for _ in range(3):
        sh = shared(c, pop, 0, x_pre, (y_pub * c.people).sum(), -math.inf)
        sq = World(sq_params, pop, x_pre, c.r)
        sel = sq.select(sh)
        income = sq.recurring_income(sel, pop.size)[2]
        order = np.lexsort((pop.x0, y_pre * sel.multiplier_factor + income))  # welfare with transfers, then x0
        pw = c.people[order]
        x_pub = np.empty(N)
        x_pub[order] = quantile(np.clip((np.cumsum(pw) - 0.5 * pw) / c.people_total, 1e-12, 1 - 1e-12))
        y_pub = consumption(x_pub)
        y_pre = np.maximum((y_pub - income) / sel.multiplier_factor, 0.1 * y_pub)
        x_pre = x_pub.copy()
        d = y_pre != y_pub
        x_pre[d] = inverse_spread(pop.shape, np.log(y_pre[d]) - pop.shape.mu)
    return NS(x_pre=x_pre, y_pre=y_pre, y_pub=y_pub)

def reference(pop, timings):  # Reference::new: the counterfactual and the status quo, every year
    c = make_ctx(pop)
    base = base_year(c, pop, PARAMS)
    timings.append(("base year", time.perf_counter()))
    none, sq = World(NO_PROGRAMMES, pop, base.x_pre, c.r), World(PARAMS, pop, base.x_pre, c.r)
    x, y_ref, rr = base.x_pre.copy(), base.y_pre.copy(), Reranker(base.x_pre, c.people)  # BaseYear::path
    out, kept = dict(no_programme=[], baseline=[]), []
    for t in range(YEARS + 1):
        if t == 0:
            total = (base.y_pre * c.people).sum()
        else:  # Path::advance: churn (Stream::Churn), re-rank, consumption before programmes with growth
            x = rr.apply(c.r * x + c.innovation * rng.standard_normal(N), c.people)
            y_ref = np.exp(pop.shape.mu + spread(pop.shape, x) + t * growth_at(c.growth, x))
            total = (c.people * y_ref).sum()
        k = int(0.4 * N)
        sh = shared(c, pop, t, x, total, np.partition(x, k)[k])  # desil4_cut
        sel_sq = sq.select(sh)
        norm = health_norm(c, sel_sq.insured_people)
        sel_none = none.select(sh)
        if t == 0:
            y_none, y_sq = y_ref, base.y_pub
        else:
            hit = rng.random(N) < HEALTH_RATE  # Stream::Health
            y_none = none.apply(sel_none, sh, y_ref, hit, HEALTH_LOSS, norm, c.u_enterprise)
            y_sq = sq.apply(sel_sq, sh, y_ref, hit, HEALTH_LOSS, norm, c.u_enterprise)
        # The non-monetary indicators and the (single) kecamatan's poor: summed as Rust does, not in the CSV.
        _ = (c.w * c.lacks_house.sum(), c.w * (c.lacks_house & ~sq.house_done).sum(), c.w * c.lacks_wash.sum(),
             c.w * (c.lacks_wash & ~sq.wash_done).sum(), c.people.sum(), c.people[y_sq < Z].sum())
        spend_sq, reach_sq = sq.finish_year(sh, sel_sq)
        _, reach_none = none.finish_year(sh, sel_none)
        ze = c.extreme_lines[t]
        out["no_programme"].append(measure(BASE_YEAR + t, y_none, c.people, ze, 0.0, reach_none))
        out["baseline"].append(measure(BASE_YEAR + t, y_sq, c.people, ze, spend_sq if t else 0.0, reach_sq))
        kept.append((x.copy(), (base.y_pub if t == 0 else y_ref).copy(), total))  # the reference keeps its path
    return out, c

def main():
    timings = [("start", START)]
    pop = build_population(N)
    timings.append(("population", time.perf_counter()))
    out, c = reference(pop, timings)
    timings.append(("years", time.perf_counter()))
    make_ctx(pop)  # Reference::scenario builds its own Ctx, then finds the scenario is the status quo
    print("scenario,year,p0_pct,p1,p2,extreme_pct,poor_people,extreme_people,vulnerable_pct,gini,spend_rp,"
          "beneficiaries")
    for name, world in (("no_programme", "no_programme"), ("baseline", "baseline"), ("scenario", "baseline")):
        for r in out[world]:
            print(f"{name},{r.year},{r.p0:.4f},{r.p1:.4f},{r.p2:.4f},{r.extreme:.4f},{r.poor_people:.0f},"
                  f"{r.extreme_people:.0f},{r.vulnerable:.4f},{r.gini:.4f},{r.spend:.0f},{r.beneficiaries:.0f}")
    s, rep = pop.shape, pop.report
    print(f"# calibration: sigma_low {s.low:.7f} sigma_high {s.high:.7f} mu_log {s.mu:.6f} p0 {rep['p0']:.4f} "
          f"p1 {rep['p1']:.4f} gini {rep['gini']:.4f} mean {rep['mean']:.1f}; churn r {c.r:.7f}", file=sys.stderr)
    phases = ", ".join(f"{name} {b - a:.3f}" for (_, a), (name, b) in zip(timings, timings[1:]))
    output = time.perf_counter() - timings[-1][1]
    print(f"# seconds after numpy's import: {phases}, output {output:.3f}", file=sys.stderr)

if __name__ == "__main__":
    main()
