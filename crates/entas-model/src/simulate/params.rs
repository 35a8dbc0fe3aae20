//! A world's levers resolved once per run into typed fields (rupiah, shares), so the yearly loop reads no lever by name.

use super::{Active, Programme};
use crate::levers::{LeverId, LeverValues};
use crate::scenario::Scenario;

/// Everything a world needs from its levers, resolved once per run.
pub(crate) struct Params {
    /// Budgets in Rp per programme, index t = projected year (0 unused).
    pub(super) budgets: Vec<[f64; 7]>,
    pub(super) data_budget: Vec<f64>,
    pub coverage0: f64,
    pub(super) accuracy: f64,
    pub(super) convergence: f64,
    pub(super) registry_age: f64,
    pub(super) absorption: f64,
    pub(super) net_share: f64,
    pub(super) cash_benefit: f64,
    pub(super) gap_filling: bool,
    pub(super) cash_delivery: f64,
    pub(super) pass: f64,
    pub(super) food_benefit_year: f64,
    /// Share of the food entitlement's value that arrives (e-voucher delivery, in-kind delivery × valuation).
    pub(super) food_arrives: f64,
    pub(super) premium_year: f64,
    pub(super) pbi_share: f64,
    pub(super) grad_cost: f64,
    pub(super) grad_effect: f64,
    pub(super) grad_decay: f64,
    pub(super) grad_stipend: f64,
    pub(super) ent_grant: f64,
    pub(super) ent_return: f64,
    pub(super) ent_survival: f64,
    pub(super) house_cost: f64,
    pub(super) wash_cost: f64,
    pub(super) services_effect: f64,
    pub(super) multiplier: f64,
    pub(super) data_cost: f64,
}

impl Params {
    /// What a registry is built from (coverage, accuracy, convergence, record age), as bits.
    pub fn enablers(&self) -> [u64; 4] {
        [self.coverage0, self.accuracy, self.convergence, self.registry_age].map(f64::to_bits)
    }

    /// `schedules` false: budgets are the constant lever values (the status quo has no schedules).
    pub fn new(s: &Scenario, lv: &LeverValues, active: Active, schedules: bool) -> Params {
        let pct = |id: LeverId| lv.get(id) / 100.0;
        let years = s.years();
        let budget = |id: LeverId, t: usize| if schedules { s.budget(lv, id, t) } else { lv.get(id) } * 1e9;
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
        let data = Programme::DataUpdating;
        let in_kind = pct(LeverId::FoodInKindShare);
        Params {
            budgets,
            data_budget: (0..=years)
                .map(|t| if t >= 1 && active.contains(data) { budget(data.budget_lever(), t) } else { 0.0 })
                .collect(),
            coverage0: pct(LeverId::RegistryCoverage),
            accuracy: lv.get(LeverId::TargetingAccuracy),
            convergence: pct(LeverId::Convergence),
            registry_age: lv.get(LeverId::RegistryAge),
            absorption: pct(LeverId::Absorption),
            net_share: pct(LeverId::Absorption) * (1.0 - pct(LeverId::Overhead)),
            cash_benefit: lv.get(LeverId::CashBenefit),
            gap_filling: lv.get(LeverId::CashGapFilling) >= 0.5,
            cash_delivery: pct(LeverId::CashDelivery),
            pass: pct(LeverId::CashPassThrough),
            food_benefit_year: 12.0 * lv.get(LeverId::FoodBenefit),
            food_arrives: in_kind * pct(LeverId::InKindDelivery) * pct(LeverId::InKindValuation)
                + (1.0 - in_kind) * pct(LeverId::CashDelivery),
            premium_year: 12.0 * lv.get(LeverId::HealthPremium),
            pbi_share: pct(LeverId::NationalPbiShare),
            grad_cost: 1e6 * lv.get(LeverId::GraduationCost),
            grad_effect: pct(LeverId::GraduationEffect),
            grad_decay: pct(LeverId::GraduationDecay),
            grad_stipend: pct(LeverId::GraduationStipendShare),
            ent_grant: 1e6 * lv.get(LeverId::EnterpriseGrant),
            ent_return: pct(LeverId::EnterpriseReturn),
            ent_survival: pct(LeverId::EnterpriseSurvival),
            house_cost: 1e6 * lv.get(LeverId::HousingUnitCost),
            wash_cost: 1e6 * lv.get(LeverId::WashUnitCost),
            services_effect: pct(LeverId::ServicesEffect),
            multiplier: lv.get(LeverId::Multiplier),
            data_cost: lv.get(LeverId::DataCost),
        }
    }
}
