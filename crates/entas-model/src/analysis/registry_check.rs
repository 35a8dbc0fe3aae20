//! The enabler presets measured as Kemensos measures targeting errors.

use crate::levers::LeverId;
use crate::population::Population;
use crate::scenario::Scenario;
use crate::simulate::{simulate_with, Active, Programme};

/// A registry preset measured as Kemensos measures: a social-aid (e-voucher food) programme sized by the
/// identity reach × (1 − inclusion) = eligible × (1 − exclusion) at the midpoints of the published ranges
/// (eligible = desil 1–4, 40% of households), run on the district with the preset's enablers; errors in the
/// first projected year.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RegistryCheck {
    pub preset: &'static str,
    /// Households the benchmark programme reaches, percent of all households.
    pub reach_pct: f64,
    pub exclusion_desil_pct: f64,
    pub inclusion_desil_pct: f64,
    pub kemensos_exclusion_pct: (f64, f64),
    pub kemensos_inclusion_pct: (f64, f64),
}

impl RegistryCheck {
    pub fn within(&self) -> bool {
        let inside = |v: f64, (lo, hi): (f64, f64)| v >= lo && v <= hi;
        inside(self.exclusion_desil_pct, self.kemensos_exclusion_pct)
            && inside(self.inclusion_desil_pct, self.kemensos_inclusion_pct)
    }
}

/// Runs the Kemensos check of `preset` on the district of `s` (its own households and seed).
pub fn registry_check(s: &Scenario, preset: &crate::levers::EnablerPreset) -> RegistryCheck {
    let mid = |(lo, hi): (f64, f64)| (lo + hi) / 200.0;
    let reach = 0.4 * (1.0 - mid(preset.kemensos_exclusion_pct)) / (1.0 - mid(preset.kemensos_inclusion_pct));
    let mut s = s.clone();
    s.schedules.clear();
    s.horizon = s.district.base_year + 1;
    let mut lv = s.levers.clone();
    for (id, v) in preset.values {
        let _ = lv.set(*id, *v);
    }
    let _ = lv.set(LeverId::FoodInKindShare, 0.0);
    let pop = Population::build(&s, &lv);
    let households = pop.weight * pop.mult.iter().sum::<f64>();
    let net = lv.get(LeverId::Absorption) / 100.0 * (1.0 - lv.get(LeverId::Overhead) / 100.0);
    let budget_bn = reach * households * 12.0 * lv.get(LeverId::FoodBenefit) / net / 1e9;
    let spec = crate::levers::spec(LeverId::FoodBudget);
    let _ = lv.set(LeverId::FoodBudget, budget_bn.min(spec.max));
    let o = simulate_with(&s, &lv, &pop, Active::ALL, None);
    let food = o.programmes.iter().find(|r| r.programme == Programme::Food).expect("one projected year");
    RegistryCheck {
        preset: preset.id,
        reach_pct: 100.0 * food.beneficiaries / households,
        exclusion_desil_pct: food.exclusion_error_desil_pct,
        inclusion_desil_pct: food.inclusion_error_desil_pct,
        kemensos_exclusion_pct: preset.kemensos_exclusion_pct,
        kemensos_inclusion_pct: preset.kemensos_inclusion_pct,
    }
}
