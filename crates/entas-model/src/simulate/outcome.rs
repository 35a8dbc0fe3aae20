//! What a run answers: the programmes, the per-year results of the three worlds, each programme's year,
//! the distribution and kecamatan rows, and the questions pages ask of them (spend, reach, people lifted).

use super::YearResult;
use crate::levers::LeverId;
use crate::scenario::GrowthBasis;

/// District programmes, by Inpres 4/2022 strategy, and registry updating (the one enabler with a budget).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Programme {
    Cash,
    Food,
    Health,
    Graduation,
    Enterprise,
    Housing,
    Wash,
    /// Registry updating (re-enumeration): not a transfer, but a budget whose effect runs through targeting.
    DataUpdating,
}

impl Programme {
    pub const ALL: [Programme; 7] = [
        Programme::Cash,
        Programme::Food,
        Programme::Health,
        Programme::Graduation,
        Programme::Enterprise,
        Programme::Housing,
        Programme::Wash,
    ];

    /// Everything with a budget: the programmes and registry updating (the players of the Shapley wedge).
    pub const BUDGETED: [Programme; 8] = {
        let mut all = [Programme::DataUpdating; 8];
        let mut i = 0;
        while i < Programme::ALL.len() {
            all[i] = Programme::ALL[i];
            i += 1;
        }
        all
    };

    /// Whether its effect is counted in consumption poverty. Housing and water report their own indicators
    /// (RTLH, access to water and sanitation) and are kept out of cost per person lifted.
    pub fn is_monetary(self) -> bool {
        !matches!(self, Programme::Housing | Programme::Wash)
    }

    /// Stable id (also the prefix of its levers).
    pub fn id(self) -> &'static str {
        match self {
            Programme::Cash => "cash",
            Programme::Food => "food",
            Programme::Health => "health",
            Programme::Graduation => "graduation",
            Programme::Enterprise => "enterprise",
            Programme::Housing => "housing",
            Programme::Wash => "wash",
            Programme::DataUpdating => "data_updating",
        }
    }

    /// The lever holding its budget (Rp billion per year).
    pub fn budget_lever(self) -> LeverId {
        match self {
            Programme::Cash => LeverId::CashBudget,
            Programme::Food => LeverId::FoodBudget,
            Programme::Health => LeverId::HealthBudget,
            Programme::Graduation => LeverId::GraduationBudget,
            Programme::Enterprise => LeverId::EnterpriseBudget,
            Programme::Housing => LeverId::HousingBudget,
            Programme::Wash => LeverId::WashBudget,
            Programme::DataUpdating => LeverId::DataUpdateBudget,
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of programmes switched on (the others run with zero budget). Used by the Shapley wedge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Active(pub u8);

impl Active {
    pub const ALL: Active = Active(0xff);
    pub fn contains(self, p: Programme) -> bool {
        self.0 & p.bit() != 0
    }
    pub fn from_programmes(ps: &[Programme]) -> Active {
        Active(ps.iter().fold(0, |m, p| m | p.bit()))
    }
}

/// One programme in one year of one world.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProgrammeYear {
    pub programme: Programme,
    pub year: i32,
    /// Realised spending, Rp (budget × absorption, less what found no eligible recipient).
    pub spend_rp: f64,
    /// Distinct households reached this year (new ones for one-off packages and services; for data
    /// updating, households re-enumerated; for health, people insured by the district beyond the national
    /// PBI, counted by household).
    pub beneficiaries: f64,
    /// People in those households.
    pub people: f64,
    /// As Kemensos reports it: share of beneficiary households outside desil 1–4 (the poorest 40% of
    /// households by welfare before district programmes), percent.
    pub inclusion_error_desil_pct: f64,
    /// Share of desil 1–4 households not reached this year, percent.
    pub exclusion_error_desil_pct: f64,
    /// The exclusion error a perfectly targeted programme of this size would still have: a programme smaller
    /// than desil 1–4 cannot reach all of it, whatever its data (coverage, not targeting), percent.
    pub exclusion_floor_desil_pct: f64,
    /// Against the GK: share of beneficiary households not poor before the programme, percent.
    pub inclusion_error_gk_pct: f64,
    /// Share of GK-poor households (before the programme) not reached this year, percent.
    pub exclusion_error_gk_pct: f64,
}

/// Poverty by kecamatan in one year, in the status quo (`_baseline`) and the scenario: people and households
/// are the synthetic sample's weights, so they carry its sampling noise (a kecamatan of a few thousand people
/// holds only a few hundred sample households at the default size).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KecamatanYear {
    pub year: i32,
    pub kecamatan: usize,
    pub p0_baseline_pct: f64,
    pub p0_scenario_pct: f64,
    /// People living there.
    #[serde(default)]
    pub people: f64,
    /// Poor people (below the GK).
    #[serde(default)]
    pub poor_baseline: f64,
    #[serde(default)]
    pub poor_scenario: f64,
    /// People below the year's extreme line.
    #[serde(default)]
    pub extreme_baseline: f64,
    #[serde(default)]
    pub extreme_scenario: f64,
    /// Households still in an uninhabitable house (RTLH) at the end of the year.
    #[serde(default)]
    pub rtlh_baseline: f64,
    #[serde(default)]
    pub rtlh_scenario: f64,
    /// Households still without safe water and sanitation at the end of the year.
    #[serde(default)]
    pub no_sanitation_baseline: f64,
    #[serde(default)]
    pub no_sanitation_scenario: f64,
}

impl KecamatanYear {
    /// A kecamatan's year from its status-quo and scenario counts (`kecamatan_counts`).
    pub(crate) fn of(year: i32, kecamatan: usize, b: &[f64; 5], s: &[f64; 5]) -> KecamatanYear {
        let share = |x: f64| 100.0 * x / b[0].max(1e-9);
        KecamatanYear {
            year,
            kecamatan,
            p0_baseline_pct: share(b[1]),
            p0_scenario_pct: share(s[1]),
            people: b[0],
            poor_baseline: b[1],
            poor_scenario: s[1],
            extreme_baseline: b[2],
            extreme_scenario: s[2],
            rtlh_baseline: b[3],
            rtlh_scenario: s[3],
            no_sanitation_baseline: b[4],
            no_sanitation_scenario: s[4],
        }
    }
}

/// People by consumption band around the poverty line in one year: bin i holds people with per-capita
/// consumption in [i, i+1) × `DISTRIBUTION_STEP` × GK; the last bin holds everyone at or above its lower edge.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Distribution {
    pub year: i32,
    /// Status quo.
    pub baseline: Vec<f64>,
    pub scenario: Vec<f64>,
}

/// Everything one simulation produces.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Outcome {
    pub base_year: i32,
    /// Rp per capita per month, fixed in real terms (base-year prices).
    pub poverty_line: f64,
    /// The extreme line in the base year, Rp per capita per month.
    pub extreme_line: f64,
    /// The extreme line of every year (base year first), in the poverty line's prices: a PPP line moves with
    /// the CPI, so it drifts down against the GK by `extreme_line_drift` a year.
    pub extreme_lines: Vec<f64>,
    pub extreme_line_label: String,
    /// Growth of bottom-40 consumption against the poverty line used in this run, percent per year.
    pub growth_b40_pct: f64,
    pub growth_basis: GrowthBasis,
    /// Without district programmes: the status quo's programmes backed out of the base year. Element 0 is
    /// the base year.
    pub counterfactual: Vec<YearResult>,
    /// The status quo: the district's current programmes continue (the baseline of every comparison).
    pub baseline: Vec<YearResult>,
    pub scenario: Vec<YearResult>,
    /// The scenario's programmes, every projected year.
    pub programmes: Vec<ProgrammeYear>,
    /// The status quo's programmes, every projected year.
    pub programmes_baseline: Vec<ProgrammeYear>,
    /// People out of poverty in the scenario who would be poor in the status quo, per year.
    pub lifted: Vec<f64>,
    /// People out of poverty in the scenario who would be poor without district programmes, per year.
    pub lifted_vs_none: Vec<f64>,
    /// Scenario spend ÷ person-years lifted against "without district programmes" over the horizon, Rp
    /// (None when nobody is lifted).
    pub cost_per_person_year_lifted: Option<f64>,
    /// (Scenario − status-quo spend) ÷ person-years lifted against the status quo, Rp (None when the
    /// scenario lifts nobody beyond the status quo). Both cost figures count the programmes that act on
    /// consumption and data updating; housing and water are costed by their own units (`service_costs`).
    pub incremental_cost_per_person_year: Option<f64>,
    /// Per year (base year first, None there): that year's spend on consumption programmes and data
    /// updating ÷ people lifted that year against "without district programmes", Rp per person.
    pub cost_per_person_lifted_by_year: Vec<Option<f64>>,
    pub kecamatan: Vec<KecamatanYear>,
    /// People by consumption band, every year.
    pub distribution: Vec<Distribution>,
    /// The churn coefficient r and the entry share it implies (no growth), for the "how it works" page.
    pub churn_r: f64,
    pub implied_entry_pct: f64,
}

impl Outcome {
    /// Total realised spend of the scenario over the projected years, Rp.
    pub fn scenario_spend_rp(&self) -> f64 {
        self.scenario.iter().map(|r| r.spend_rp).sum()
    }

    /// Total realised spend of the status quo over the projected years, Rp.
    pub fn baseline_spend_rp(&self) -> f64 {
        self.baseline.iter().map(|r| r.spend_rp).sum()
    }

    /// The last projected year.
    pub fn final_year(&self) -> i32 {
        self.scenario.last().map_or(self.base_year, |r| r.year)
    }

    /// People out of poverty in the scenario who would be poor in the status quo, in the last projected year
    /// (negative when the scenario leaves more people poor).
    pub fn lifted_final(&self) -> f64 {
        self.lifted.last().copied().unwrap_or(0.0)
    }

    /// Households programme `p` reaches in `year` in the scenario (records re-enumerated, for data updating);
    /// None when it reaches nobody that year.
    pub fn reach(&self, p: Programme, year: i32) -> Option<f64> {
        self.programmes
            .iter()
            .find(|r| r.programme == p && r.year == year)
            .map(|r| r.beneficiaries)
            .filter(|b| *b > 0.5)
    }

    /// Housing and water over the horizon: units delivered, spend and Rp per unit, in the scenario.
    pub fn service_costs(&self) -> Vec<ServiceCost> {
        [Programme::Housing, Programme::Wash]
            .into_iter()
            .map(|p| {
                let rows = self.programmes.iter().filter(|r| r.programme == p);
                let (units, spend_rp) = rows.fold((0.0, 0.0), |(u, s), r| (u + r.beneficiaries, s + r.spend_rp));
                ServiceCost { programme: p, units, spend_rp, cost_per_unit_rp: (units > 0.5).then(|| spend_rp / units) }
            })
            .collect()
    }
}

/// A non-monetary programme's delivery over the horizon.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ServiceCost {
    pub programme: Programme,
    /// Houses renovated or connections built.
    pub units: f64,
    pub spend_rp: f64,
    pub cost_per_unit_rp: Option<f64>,
}

/// A row of the household dump: the scenario run, every simulated year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HouseholdRow {
    pub year: i32,
    pub household: usize,
    pub weight: f64,
    pub size: f64,
    /// Rp per capita per month.
    pub consumption_pc: f64,
}
