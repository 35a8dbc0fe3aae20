//! A workshop's arithmetic, as pure functions over lever values: which levers the groups moved from the
//! starting mix, the room's tally (for each lever how many groups raised, lowered or left it, and the spread
//! of their values) and the room median mix, which can be loaded and discussed like any scenario. The app's
//! board and the `entas tally` command both use these.

use crate::levers::{spec, LeverId, LeverValues, Unit, LEVERS};

/// One lever across the room.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LeverTally {
    pub id: LeverId,
    /// The starting mix's value.
    pub start: f64,
    pub raised: usize,
    pub lowered: usize,
    pub left: usize,
    pub min: f64,
    /// The median of the groups' values (`median_value`).
    pub median: f64,
    pub max: f64,
}

/// What a mix plans to spend each year on district programmes and data updating: the sum of its policy
/// budget levers (Rp miliar per year), the figure a workshop's budget envelope is compared with. Planned, not
/// spent: a run spends less when a list runs out of eligible families (`Outcome::scenario_spend_rp`).
pub fn yearly_budget(levers: &LeverValues) -> f64 {
    LEVERS.iter().filter(|l| l.group.is_policy() && l.unit == Unit::RpBillionPerYear).map(|l| levers.get(l.id)).sum()
}

/// The levers any group moved away from `start`, in table order.
pub fn moved(start: &LeverValues, groups: &[&LeverValues]) -> Vec<LeverId> {
    LeverId::ALL.iter().copied().filter(|id| groups.iter().any(|g| g.get(*id) != start.get(*id))).collect()
}

/// The tally of `levers` over `groups` against `start`; empty when there are no groups.
pub fn tally(start: &LeverValues, groups: &[&LeverValues], levers: &[LeverId]) -> Vec<LeverTally> {
    if groups.is_empty() {
        return Vec::new();
    }
    levers
        .iter()
        .map(|&id| {
            let s = start.get(id);
            let values: Vec<f64> = groups.iter().map(|g| g.get(id)).collect();
            LeverTally {
                id,
                start: s,
                raised: values.iter().filter(|v| **v > s).count(),
                lowered: values.iter().filter(|v| **v < s).count(),
                left: values.iter().filter(|v| **v == s).count(),
                min: values.iter().copied().fold(f64::INFINITY, f64::min),
                median: median_value(id, s, &values),
                max: values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            }
        })
        .collect()
}

/// The median of `values` (non-empty) as a value lever `id` can take. An odd count gives the middle value.
/// An even count gives the mean of the two middle values, on the lever's step (half a step rounds up);
/// for a switch or a year, which have no value in between, the one of the two nearer `start` (the room is
/// split, so the starting mix stands).
pub fn median_value(id: LeverId, start: f64, values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        return start;
    }
    if n % 2 == 1 {
        return v[n / 2];
    }
    let (a, b) = (v[n / 2 - 1], v[n / 2]);
    let l = spec(id);
    if matches!(l.unit, Unit::Toggle | Unit::YearOffset) {
        return if (a - start).abs() <= (b - start).abs() { a } else { b };
    }
    let mid = 0.5 * (a + b);
    let on_step = if l.step > 0.0 { l.min + ((mid - l.min) / l.step + 0.5).floor() * l.step } else { mid };
    // On the step unless that leaves the two middle values' span (a step coarser than their gap).
    if on_step >= a && on_step <= b {
        on_step.clamp(l.min, l.max)
    } else {
        mid
    }
}

/// The room median mix: `start` with each of `levers` set to the median of the groups' values.
pub fn room_median(start: &LeverValues, groups: &[&LeverValues], levers: &[LeverId]) -> LeverValues {
    let mut out = start.clone();
    for t in tally(start, groups, levers) {
        // Every median lies between two valid values of the lever, so it is in range.
        if t.median != start.get(t.id) {
            let _ = out.set(t.id, t.median);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mix(pairs: &[(LeverId, f64)]) -> LeverValues {
        let mut v = LeverValues::default();
        for (id, x) in pairs {
            v.set(*id, *x).expect("valid");
        }
        v
    }

    #[test]
    fn the_tally_counts_who_raised_lowered_or_left_each_lever() {
        let start = mix(&[(LeverId::CashBudget, 70.0), (LeverId::HealthBudget, 45.0)]);
        let groups = [
            mix(&[(LeverId::CashBudget, 100.0), (LeverId::HealthBudget, 45.0)]),
            mix(&[(LeverId::CashBudget, 50.0), (LeverId::HealthBudget, 45.0), (LeverId::GraduationBudget, 20.0)]),
            mix(&[(LeverId::CashBudget, 150.0), (LeverId::HealthBudget, 45.0)]),
        ];
        let refs: Vec<&LeverValues> = groups.iter().collect();
        let levers = moved(&start, &refs);
        assert_eq!(levers, vec![LeverId::CashBudget, LeverId::GraduationBudget], "health was left by all");
        let t = tally(&start, &refs, &levers);
        assert_eq!((t[0].raised, t[0].lowered, t[0].left), (2, 1, 0));
        assert_eq!((t[0].min, t[0].median, t[0].max), (50.0, 100.0, 150.0));
        assert_eq!((t[1].raised, t[1].lowered, t[1].left), (1, 0, 2));
        assert_eq!(t[1].median, 0.0);
        for row in &t {
            assert_eq!(row.raised + row.lowered + row.left, groups.len());
        }
        let m = room_median(&start, &refs, &levers);
        assert_eq!(m.get(LeverId::CashBudget), 100.0);
        assert_eq!(m.get(LeverId::HealthBudget), 45.0);
        assert_eq!(m.diff(&start), vec![LeverId::CashBudget]);
        assert!(tally(&start, &[], &levers).is_empty());
    }

    #[test]
    fn the_yearly_budget_sums_the_policy_budgets_only() {
        let m = mix(&[
            (LeverId::CashBudget, 70.0),
            (LeverId::HealthBudget, 45.0),
            (LeverId::DataUpdateBudget, 5.0),
            (LeverId::CashBenefit, 4_000_000.0),
        ]);
        assert_eq!(yearly_budget(&m), 120.0, "budgets in Rp miliar, benefits per family are not budgets");
        assert_eq!(yearly_budget(&LeverValues::default()), 0.0);
        let muba = crate::presets::preset("muba_2024").expect("preset");
        assert!(yearly_budget(&muba.levers) > 100.0, "Muba's status quo funds several programmes");
    }

    #[test]
    fn an_even_room_takes_the_middle_on_the_lever_step_and_a_split_switch_keeps_the_start() {
        // Budgets step 0.5: the mean of 60 and 75.3 is 67.65, on the step 67.5.
        assert_eq!(median_value(LeverId::CashBudget, 70.0, &[50.0, 60.0, 75.3, 200.0]), 67.5);
        assert_eq!(median_value(LeverId::CashBudget, 70.0, &[60.0, 61.0]), 60.5);
        // A switch split two against two stays where the workshop started it.
        assert_eq!(median_value(LeverId::CashGapFilling, 0.0, &[0.0, 0.0, 1.0, 1.0]), 0.0);
        assert_eq!(median_value(LeverId::CashGapFilling, 1.0, &[0.0, 0.0, 1.0, 1.0]), 1.0);
        assert_eq!(median_value(LeverId::CashGapFilling, 0.0, &[0.0, 1.0, 1.0, 1.0]), 1.0);
        // Every median is a value the lever accepts.
        for spec in crate::levers::LEVERS {
            let vals = [spec.min, spec.max, spec.default, spec.min];
            let m = median_value(spec.id, spec.default, &vals);
            assert!(spec.validate(m).is_ok(), "{:?}: {m}", spec.id);
        }
    }
}
