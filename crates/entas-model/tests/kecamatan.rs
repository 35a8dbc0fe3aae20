//! Poverty pockets by kecamatan: a kecamatan chosen as a pocket is served first by house renovation (and by
//! water and sanitation), so a small budget changes that kecamatan's indicators and no other's.

use entas_model::levers::LeverId;
use entas_model::scenario::Kecamatan;
use entas_model::{presets, Model};

fn three_kecamatan(pocket: usize) -> entas_model::Scenario {
    let mut s = presets::preset("muara_enim_2024").unwrap();
    s.households = 6_000;
    // No district programme in the status quo, so the scenario's housing is the only difference.
    s.district.status_quo = Default::default();
    s.levers = Default::default();
    let k = |name: &str, pop: f64, poor: f64, i: usize| Kecamatan {
        name: name.into(),
        population_share_pct: pop,
        poor_share_pct: poor,
        pocket: Some(i == pocket),
    };
    s.district.kecamatan = vec![k("Gelumbang", 40.0, 30.0, 0), k("Lubai", 35.0, 40.0, 1), k("Ujan Mas", 25.0, 30.0, 2)];
    s
}

#[test]
fn a_chosen_pocket_is_served_first_and_the_other_kecamatan_do_not_move() {
    for pocket in 0..3 {
        let mut s = three_kecamatan(pocket);
        s.levers.set(LeverId::HousingBudget, 1.0).unwrap();
        let o = Model::new(s).unwrap().simulate();
        let year = o.base_year + 1;
        let rows: Vec<_> = o.kecamatan.iter().filter(|k| k.year == year).collect();
        assert_eq!(rows.len(), 3);
        for r in &rows {
            if r.kecamatan == pocket {
                assert!(r.rtlh_scenario < r.rtlh_baseline, "the pocket's uninhabitable houses fall: {r:?}");
            } else {
                assert_eq!(r.rtlh_scenario, r.rtlh_baseline, "kecamatan {} is not served: {r:?}", r.kecamatan);
                assert_eq!(r.poor_scenario, r.poor_baseline, "kecamatan {}'s poor do not move: {r:?}", r.kecamatan);
                assert_eq!(r.p0_scenario_pct, r.p0_baseline_pct);
            }
        }
    }
}

#[test]
fn kecamatan_counts_add_up_to_the_district() {
    let s = three_kecamatan(1);
    let o = Model::new(s).unwrap().simulate();
    for (t, b) in o.baseline.iter().enumerate() {
        let rows: Vec<_> = o.kecamatan.iter().filter(|k| k.year == b.year).collect();
        let poor: f64 = rows.iter().map(|r| r.poor_baseline).sum();
        let extreme: f64 = rows.iter().map(|r| r.extreme_baseline).sum();
        assert!((poor - b.poor_people).abs() <= 1e-6 * b.poor_people.max(1.0), "year {t}: {poor} vs {}", b.poor_people);
        assert!((extreme - b.extreme_people).abs() <= 1e-6 * b.extreme_people.max(1.0) + 1e-6);
        // The user-entered shares shape where the poor live: Lubai holds 40% of the poor in 35% of the people.
        if t == 0 {
            let lubai = rows.iter().find(|r| r.kecamatan == 1).unwrap();
            assert!(lubai.p0_baseline_pct > b.p0_pct, "{} vs {}", lubai.p0_baseline_pct, b.p0_pct);
        }
    }
}
