//! The base year's welfare before district programmes (`BaseYear`): the fixed point that backs the status
//! quo's recurring transfers out of the published figures.

// The yearly loop's private parts (`Ctx`, `Path`, the worlds) live in the parent module.
use super::*;

/// The base year's welfare before district programmes. The published figures are the status quo: its
/// recipients got their transfers on top of welfare before programmes. Found at a fixed point: recipients are
/// those the status quo's registry picks on records of welfare before programmes; welfare with their transfers
/// is ranked and given the calibrated (published) distribution, person-weighted; the transfers taken back out
/// give welfare before programmes. Three rounds from the published ranks. From then on the path is welfare
/// before district programmes and every world, the status quo included, adds its own programmes to it, so no
/// registry is credited or charged for who the status quo's own registry happened to pick.
pub(super) struct BaseYear {
    /// Latent scores of welfare before district programmes.
    pub(super) x_pre: Vec<f64>,
    /// Consumption before district programmes and as published (the status quo), Rp per capita per month.
    pub(super) y_pre: Vec<f64>,
    pub(super) y_pub: Vec<f64>,
}

const BASE_YEAR_ROUNDS: usize = 3;

impl BaseYear {
    pub(super) fn new(s: &Scenario, sq_levers: &LeverValues, c: &Ctx, pop: &Population) -> BaseYear {
        let shape = &pop.shape;
        let consumption = |x: f64| libm::exp(shape.mu_log + shape.spread(x));
        let total_people: f64 = c.people.iter().sum();
        let mut x_pub = pop.x0.clone();
        let mut x_pre = pop.x0.clone();
        // A household file's households keep their own published consumption (and so the file's P0, P1 and
        // P2); the synthetic district's are placed on the calibrated distribution by welfare with transfers.
        let own = pop.consumption.as_deref();
        let mut y_pre: Vec<f64> = match own {
            Some(y) => y.to_vec(),
            None => x_pre.iter().map(|x| consumption(*x)).collect(),
        };
        let mut y_pub = y_pre.clone();
        for _ in 0..BASE_YEAR_ROUNDS {
            let total = y_pub.iter().zip(&c.people).map(|(y, p)| y * p).sum();
            let sh = Path::shared_on(&x_pre, c, pop, 0, total, f64::NEG_INFINITY);
            let mut sq = World::new(Params::new(s, sq_levers, Active::ALL, false), pop, &x_pre, c.r);
            let sel = sq.select(&sh, pop);
            let income: Vec<f64> = (0..c.n).map(|h| sq.recurring_income(&sel, &sh, h)).collect();
            // Welfare with the status quo's transfers, ranked and given the published distribution.
            let with: Vec<f64> = (0..c.n).map(|h| y_pre[h] * sel.multiplier_factor + income[h]).collect();
            // Sorted by welfare with transfers, then the published rank, then the index: the order a stable
            // sort of the indices by the first two gives, with the keys kept beside the index.
            if own.is_none() {
                let mut order: Vec<(f64, f64, usize)> = (0..c.n).map(|h| (with[h], pop.x0[h], h)).collect();
                order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
                let mut cum = 0.0;
                for &(_, _, h) in &order {
                    let mid = (cum + 0.5 * c.people[h]) / total_people;
                    cum += c.people[h];
                    x_pub[h] = normal::quantile(mid.clamp(1e-12, 1.0 - 1e-12));
                }
            }
            for h in 0..c.n {
                y_pub[h] = own.map_or_else(|| consumption(x_pub[h]), |y| y[h]);
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
    pub(super) fn path(&self, c: &Ctx) -> Path {
        Path { x: self.x_pre.clone(), y_ref: self.y_pre.clone(), reranker: Reranker::towards(&self.x_pre, &c.people) }
    }

    pub(super) fn total(&self, c: &Ctx) -> f64 {
        self.y_pre.iter().zip(&c.people).map(|(y, p)| y * p).sum()
    }
}
