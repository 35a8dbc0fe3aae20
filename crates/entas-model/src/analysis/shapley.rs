//! The Shapley wedge: people lifted by each budget, averaged over every order of adding them, and what each
//! programme costs per person-year it lifts.

use crate::levers::LeverValues;
use crate::population::Population;
use crate::scenario::Scenario;
use crate::simulate::{Active, Outcome, Programme, Reference};

/// People lifted out of poverty by each programme against "without district programmes", per year
/// (Shapley decomposition).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Wedge {
    /// Years, base year first.
    pub years: Vec<i32>,
    /// Per programme with a budget (data updating included): people lifted per year. With `registry`,
    /// sums to `total` in every year.
    pub by_programme: Vec<(Programme, Vec<f64>)>,
    /// People lifted by the scenario's registry settings alone (coverage, accuracy, record age, convergence
    /// differing from the status quo's), with no district budget: the national PBI works from the same
    /// registry. Zero when the scenario keeps the status quo's registry.
    #[serde(default)]
    pub registry: Vec<f64>,
    /// People lifted by all programmes together, per year.
    pub total: Vec<f64>,
}

/// The programmes a wedge shares out: those with a budget in some projected year (data updating included).
pub fn wedge_players(s: &Scenario, levers: &LeverValues) -> Vec<Programme> {
    Programme::BUDGETED
        .into_iter()
        .filter(|p| (1..=s.years()).any(|t| s.budget(levers, p.budget_lever(), t) > 0.0))
        .collect()
}

/// People lifted per year (against "without district programmes") by coalition `mask` of `players` (bit i:
/// players[i] active), on a shared reference. The base year is observed, so nothing in it is lifted.
pub fn coalition_lifted(
    s: &Scenario,
    levers: &LeverValues,
    pop: &Population,
    reference: &Reference,
    players: &[Programme],
    mask: usize,
) -> Vec<f64> {
    let chosen: Vec<Programme> = (0..players.len()).filter(|i| mask & (1 << i) != 0).map(|i| players[i]).collect();
    let mut lifted = reference.lifted_vs_none(s, levers, pop, Active::from_programmes(&chosen));
    lifted[0] = 0.0;
    lifted
}

/// The wedge from every coalition's people lifted (`values[mask]`, 2^K of them, however they were computed).
pub fn wedge_from_values(s: &Scenario, players: &[Programme], values: &[Vec<f64>]) -> Wedge {
    let k = players.len();
    let n_years = s.years() + 1;
    let fact = |n: usize| (1..=n).map(|i| i as f64).product::<f64>();
    let by_programme = (0..k)
        .map(|i| {
            let mut phi = vec![0.0; n_years];
            for mask in 0..(1usize << k) {
                if mask & (1 << i) != 0 {
                    continue;
                }
                let size = mask.count_ones() as usize;
                let weight = fact(size) * fact(k - size - 1) / fact(k);
                for (y, p) in phi.iter_mut().enumerate() {
                    *p += weight * (values[mask | (1 << i)][y] - values[mask][y]);
                }
            }
            (players[i], phi)
        })
        .collect();
    Wedge {
        years: (0..n_years as i32).map(|t| s.district.base_year + t).collect(),
        by_programme,
        total: values[(1usize << k) - 1].clone(),
        registry: values[0].clone(),
    }
}

/// The Shapley wedge: each budget's average marginal contribution to people lifted, over every order in
/// which they could be added. Exact: 2^K runs for the K programmes with a budget, data updating included
/// (K ≤ 8), all sharing one reference. With the `parallel` feature the coalitions run on every core.
pub fn shapley_wedge(s: &Scenario, levers: &LeverValues, pop: &Population) -> Wedge {
    let players = wedge_players(s, levers);
    // The counterfactual and the status quo are the same for every coalition: computed once.
    let reference = Reference::new(s, levers, pop);
    let lifted = |mask: usize| coalition_lifted(s, levers, pop, &reference, &players, mask);
    #[cfg(feature = "parallel")]
    let values: Vec<Vec<f64>> = {
        use rayon::prelude::*;
        (0..(1usize << players.len())).into_par_iter().map(lifted).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let values: Vec<Vec<f64>> = (0..(1usize << players.len())).map(lifted).collect();
    wedge_from_values(s, &players, &values)
}

/// Cost-effectiveness of one programme over the horizon.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProgrammeCost {
    pub programme: Programme,
    /// Realised spending over the projected years, Rp.
    pub spend_rp: f64,
    /// Person-years out of poverty attributed to it (Shapley), over the projected years.
    pub person_years_lifted: f64,
    /// Rp per person-year lifted (None when it lifts nobody).
    pub cost_per_person_year_rp: Option<f64>,
}

/// Spend ÷ Shapley-attributed person-years lifted, per programme with a budget.
pub fn programme_costs(outcome: &Outcome, wedge: &Wedge) -> Vec<ProgrammeCost> {
    costs_from_spend(&programme_spend(outcome), wedge)
}

/// Realised spending over the projected years per programme of a run, Rp (data updating included).
pub fn programme_spend(outcome: &Outcome) -> Vec<(Programme, f64)> {
    Programme::BUDGETED
        .into_iter()
        .map(|p| (p, outcome.programmes.iter().filter(|r| r.programme == p).map(|r| r.spend_rp).sum()))
        .collect()
}

/// `programme_costs` from the run's spending per programme (`programme_spend`), where the run itself is
/// elsewhere (a web worker).
pub fn costs_from_spend(spend: &[(Programme, f64)], wedge: &Wedge) -> Vec<ProgrammeCost> {
    wedge
        .by_programme
        .iter()
        .map(|(p, lifted)| {
            let spend_rp = spend.iter().find(|(q, _)| q == p).map_or(0.0, |(_, s)| *s);
            let person_years_lifted: f64 = lifted.iter().skip(1).sum();
            ProgrammeCost {
                programme: *p,
                spend_rp,
                person_years_lifted,
                cost_per_person_year_rp: (person_years_lifted > 0.5).then(|| spend_rp / person_years_lifted),
            }
        })
        .collect()
}
