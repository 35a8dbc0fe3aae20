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

/// The Shapley wedge: each budget's average marginal contribution to people lifted, over every order in
/// which they could be added. Exact: 2^K runs for the K programmes with a budget, data updating included
/// (K ≤ 8), all sharing one reference.
pub fn shapley_wedge(s: &Scenario, levers: &LeverValues, pop: &Population) -> Wedge {
    let players: Vec<Programme> = Programme::BUDGETED
        .into_iter()
        .filter(|p| (1..=s.years()).any(|t| s.budget(levers, p.budget_lever(), t) > 0.0))
        .collect();
    let k = players.len();
    // The counterfactual and the status quo are the same for every coalition: computed once.
    let reference = Reference::new(s, levers, pop);
    let lifted = |mask: usize| -> Vec<f64> {
        let chosen: Vec<Programme> = (0..k).filter(|i| mask & (1 << i) != 0).map(|i| players[i]).collect();
        let mut lifted = reference.scenario(s, levers, pop, Active::from_programmes(&chosen), None).lifted_vs_none;
        // The base year is observed, not projected: nothing in it is the scenario's doing.
        lifted[0] = 0.0;
        lifted
    };
    let values: Vec<Vec<f64>> = (0..(1usize << k)).map(lifted).collect();
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
    wedge
        .by_programme
        .iter()
        .map(|(p, lifted)| {
            let spend_rp: f64 = outcome.programmes.iter().filter(|r| r.programme == *p).map(|r| r.spend_rp).sum();
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
