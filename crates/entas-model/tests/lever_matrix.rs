//! The lever matrix: every lever at its min and at its max (the others at default), and all at default.
//! Every output must be finite and within its bounds.

mod common;

use common::{run_levers, small};
use entas_model::{LeverValues, Model, Outcome, LEVERS};

fn check(o: &Outcome, label: &str) {
    for r in o.baseline.iter().chain(&o.scenario) {
        let all = [
            r.p0_pct,
            r.p1,
            r.p2,
            r.extreme_pct,
            r.poor_people,
            r.extreme_people,
            r.vulnerable_pct,
            r.gini,
            r.mean_consumption,
            r.spend_rp,
            r.beneficiaries,
            r.rtlh_households,
            r.no_sanitation_households,
        ];
        assert!(all.iter().all(|v| v.is_finite() && *v >= 0.0), "{label}: {r:?}");
        assert!(r.p0_pct <= 100.0 && r.vulnerable_pct <= 100.0 && r.gini <= 1.0, "{label}: {r:?}");
        assert!(
            r.p2 <= r.p1 + 1e-12 && r.p1 <= r.p0_pct + 1e-12 && r.extreme_pct <= r.p0_pct + 1e-12,
            "{label}: {r:?}"
        );
    }
    for p in &o.programmes {
        assert!(p.spend_rp.is_finite() && p.spend_rp >= 0.0, "{label}: {p:?}");
        for e in [
            p.inclusion_error_desil_pct,
            p.exclusion_error_desil_pct,
            p.inclusion_error_gk_pct,
            p.exclusion_error_gk_pct,
        ] {
            assert!((-1e-9..=100.0 + 1e-9).contains(&e), "{label}: {p:?}");
        }
    }
    assert!(o.lifted.iter().all(|v| v.is_finite()), "{label}");
}

#[test]
fn every_lever_at_min_and_max_keeps_every_output_finite_and_in_bounds() {
    let m = Model::new(small("muba_2024", 1500, 4)).unwrap();
    check(&run_levers(&m, &LeverValues::default()), "all default");
    for l in LEVERS {
        for v in [l.min, l.max] {
            let mut lv = m.scenario.levers.clone();
            lv.set(l.id, v).unwrap();
            // Levers that shape the population need a recalibrated one.
            let mut s = m.scenario.clone();
            s.levers = lv.clone();
            let m2 = Model::new(s).unwrap();
            check(&run_levers(&m2, &lv), &format!("{} = {v}", l.id));
        }
    }
}
