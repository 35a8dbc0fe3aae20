//! The base year reproduces what the district published, for the presets and for random inputs.

mod common;

use common::small;
use entas_model::scenario::{Calibration, ExtremeLine};
use entas_model::{presets, Model};
use proptest::prelude::*;

fn assert_calibrated(m: &Model) {
    let r = &m.population.report;
    assert!((r.p0_achieved_pct - r.p0_target_pct).abs() < 0.05, "P0 {r:?}");
    match r.second_name {
        "p1" => assert!((r.second_achieved / r.second_target - 1.0).abs() < 0.10, "P1 {r:?}"),
        "extreme_pct" => assert!((r.second_achieved - r.second_target).abs() < 0.1, "extreme {r:?}"),
        "gini" => assert!((r.second_achieved - r.second_target).abs() < 0.01, "gini {r:?}"),
        other => panic!("unknown second target {other}"),
    }
    if let Some(g) = r.gini_target {
        assert!((r.gini_achieved - g).abs() < 0.01, "gini {r:?}");
    }
}

#[test]
fn every_preset_reproduces_its_base_year() {
    for p in presets::PRESETS {
        let m = Model::new(presets::preset(p.id).unwrap()).unwrap();
        assert_calibrated(&m);
        let o = m.simulate();
        assert!((o.baseline[0].p0_pct - m.scenario.district.calibration.p0_pct()).abs() < 0.05, "{}", p.id);
    }
}

#[test]
fn national_vulnerable_share_and_extreme_rate_are_close_to_bps_without_being_targets() {
    // Not calibration targets: BPS March 2024 vulnerable 24.23%, extreme 1.26% (US$2.15).
    let m = Model::new(presets::preset("indonesia_2024").unwrap()).unwrap();
    let o = m.simulate();
    assert!((o.baseline[0].vulnerable_pct - 24.23).abs() < 3.0, "{}", o.baseline[0].vulnerable_pct);
    assert!((o.baseline[0].extreme_pct - 1.26).abs() < 0.5, "{}", o.baseline[0].extreme_pct);
}

#[test]
fn a_million_households_calibrate() {
    let mut s = small("muara_enim_2024", 1_000_000, 1);
    s.households = 1_000_000;
    let m = Model::new(s).unwrap();
    assert_calibrated(&m);
    assert!((m.population.report.p0_achieved_pct - 9.79).abs() < 0.01);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn calibration_accuracy_over_random_inputs(
        p0 in 3.0f64..40.0,
        mode in 0usize..3,
        ratio in 0.05f64..0.45,
        p1_ratio in 0.10f64..0.35,
        gini in 0.28f64..0.45,
        seed in 0u64..10_000,
    ) {
        let mut s = small("muara_enim_2024", 8000, 1);
        s.seed = seed;
        s.district.calibration = match mode {
            0 => Calibration::P0P1 { p0_pct: p0, p1: p0 * p1_ratio },
            1 => Calibration::P0Extreme { p0_pct: p0, extreme_pct: p0 * ratio, line: ExtremeLine::Usd215 },
            _ => Calibration::P0Gini { p0_pct: p0, gini },
        };
        s.district.gini = if mode == 2 { None } else { Some(gini) };
        let m = Model::new(s).unwrap();
        assert_calibrated(&m);
    }
}
