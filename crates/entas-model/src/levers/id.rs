//! Typed lever ids: one variant per row of `LEVERS`, in the table's order, so a typo is a compile error
//! and a lever's spec is an index, not a search. Files, links and the CLI speak the snake_case names.

macro_rules! lever_ids {
    ($($variant:ident => $name:literal,)*) => {
        /// A lever, by its row in `LEVERS`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum LeverId {
            $($variant,)*
        }

        impl LeverId {
            /// Every lever, in the order of `LEVERS`.
            pub const ALL: &'static [LeverId] = &[$(LeverId::$variant,)*];

            /// The stable snake_case name used in scenario files, links, the CLI and translation keys.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(LeverId::$variant => $name,)*
                }
            }

            /// The id named `name`, if there is one.
            pub fn parse(name: &str) -> Option<LeverId> {
                match name {
                    $($name => Some(LeverId::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

lever_ids! {
    CashBudget => "cash_budget",
    CashBenefit => "cash_benefit",
    CashGapFilling => "cash_gap_filling",
    FoodBudget => "food_budget",
    FoodBenefit => "food_benefit",
    FoodInKindShare => "food_in_kind_share",
    HealthBudget => "health_budget",
    HealthPremium => "health_premium",
    GraduationBudget => "graduation_budget",
    GraduationCost => "graduation_cost",
    EnterpriseBudget => "enterprise_budget",
    EnterpriseGrant => "enterprise_grant",
    HousingBudget => "housing_budget",
    HousingUnitCost => "housing_unit_cost",
    WashBudget => "wash_budget",
    WashUnitCost => "wash_unit_cost",
    RegistryCoverage => "registry_coverage",
    TargetingAccuracy => "targeting_accuracy",
    RegistryAge => "registry_age",
    DataUpdateBudget => "data_update_budget",
    Convergence => "convergence",
    Absorption => "absorption",
    Overhead => "overhead",
    ShockYear => "shock_year",
    ShockDepth => "shock_depth",
    ShockShare => "shock_share",
    GrowthB40 => "growth_b40",
    GrowthTilt => "growth_tilt",
    ExitShare => "exit_share",
    CashDelivery => "cash_delivery",
    InKindDelivery => "in_kind_delivery",
    CashPassThrough => "cash_pass_through",
    InKindValuation => "in_kind_valuation",
    Multiplier => "multiplier",
    GraduationEffect => "graduation_effect",
    GraduationDecay => "graduation_decay",
    GraduationStipendShare => "graduation_stipend_share",
    NationalPbiShare => "national_pbi_share",
    EnterpriseReturn => "enterprise_return",
    EnterpriseSurvival => "enterprise_survival",
    HealthShockRate => "health_shock_rate",
    HealthCostShare => "health_cost_share",
    HealthConsumptionFactor => "health_consumption_factor",
    ServicesEffect => "services_effect",
    RtlhShare => "rtlh_share",
    NoSanitationShare => "no_sanitation_share",
    DataCost => "data_cost",
    ExtremeLineDrift => "extreme_line_drift",
    SurveyRse => "survey_rse",
    SigmaLow => "sigma_low",
    SigmaMid => "sigma_mid",
}

impl core::fmt::Display for LeverId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for LeverId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for LeverId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        LeverId::parse(&name).ok_or_else(|| serde::de::Error::custom(format!("{name}: unknown lever")))
    }
}
