//! What a valid scenario asks for that its run will not show. Said beside the results, never refused: a saved
//! scenario must stay loadable when its horizon is shortened later.

use super::Scenario;
use crate::levers::LeverId;

/// A scenario setting the run cannot honour within the horizon.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Warning {
    /// A shock set to hit in `year`, after the horizon: the projection has no shock.
    ShockBeyondHorizon { year: i32, horizon: i32 },
    /// Target `index` has its deadline after the horizon: it is judged on the years up to the horizon only.
    TargetBeyondHorizon { index: usize, year: i32, horizon: i32 },
}

impl Scenario {
    /// Every setting of this scenario its run cannot honour, in a fixed order.
    pub fn warnings(&self) -> Vec<Warning> {
        let mut out = Vec::new();
        let lv = &self.levers;
        let offset = lv.get(LeverId::ShockYear);
        let hits = lv.get(LeverId::ShockDepth) > 0.0 && lv.get(LeverId::ShockShare) > 0.0;
        let year = self.district.base_year + offset as i32;
        if offset >= 1.0 && hits && year > self.horizon {
            out.push(Warning::ShockBeyondHorizon { year, horizon: self.horizon });
        }
        for (index, t) in self.targets.iter().enumerate() {
            if t.year > self.horizon {
                out.push(Warning::TargetBeyondHorizon { index, year: t.year, horizon: self.horizon });
            }
        }
        out
    }
}

impl core::fmt::Display for Warning {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Warning::ShockBeyondHorizon { year, horizon } => {
                write!(f, "the shock is set for {year}, after the horizon {horizon}: this projection has no shock")
            }
            Warning::TargetBeyondHorizon { index, year, horizon } => write!(
                f,
                "targets[{index}] is due in {year}, after the horizon {horizon}: it is judged on the years up to {horizon} only"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    #[test]
    fn a_shock_or_a_deadline_past_the_horizon_is_warned_of() {
        let mut s = presets::preset("muba_2024").unwrap();
        assert_eq!(s.warnings(), vec![], "the preset asks for nothing it cannot show");
        let horizon = s.horizon;
        let offset = (horizon - s.district.base_year) as f64;
        s.levers.set(LeverId::ShockYear, offset).unwrap();
        assert_eq!(s.warnings(), vec![], "a shock in the last year is shown");
        s.levers.set(LeverId::ShockYear, offset + 1.0).unwrap();
        assert_eq!(s.warnings(), vec![Warning::ShockBeyondHorizon { year: horizon + 1, horizon }]);
        s.levers.set(LeverId::ShockDepth, 0.0).unwrap();
        assert_eq!(s.warnings(), vec![], "a shock of no depth changes nothing anywhere");
        s.targets[0].year = horizon + 2;
        assert_eq!(s.warnings(), vec![Warning::TargetBeyondHorizon { index: 0, year: horizon + 2, horizon }]);
    }
}
