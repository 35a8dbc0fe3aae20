//! Input from outside (files, links, storage) is refused with the JSON path and the allowed range, numbers
//! shown as typed; limits bound the work any input can ask for; enums accept only their own forms.

use entas_model::scenario::ExtremeLine;
use entas_model::{presets, Scenario};

fn muba_json() -> serde_json::Value {
    serde_json::to_value(presets::preset("muba_2024").unwrap()).unwrap()
}

fn refused(v: serde_json::Value) -> String {
    Scenario::from_json(&v.to_string()).unwrap_err().to_string()
}

#[test]
fn an_absurd_observation_is_refused_by_path_and_printed_as_typed() {
    let mut v = muba_json();
    v["district"]["observed"][2]["p0_pct"] = serde_json::json!(1e308);
    assert_eq!(refused(v), "district.observed[2].p0_pct: 1e308 is outside the allowed range 0 to 100");
    let mut v = muba_json();
    v["district"]["observed"][0]["extreme_pct"] = serde_json::json!(-1e308);
    assert_eq!(refused(v), "district.observed[0].extreme_pct: -1e308 is outside the allowed range 0 to 100");
    let mut v = muba_json();
    v["district"]["observed"][1]["year"] = serde_json::json!(1900);
    assert_eq!(refused(v), "district.observed[1].year: 1900 is outside the allowed range 1990 to 2044");
}

#[test]
fn a_value_of_the_wrong_type_names_its_path() {
    let mut v = muba_json();
    v["levers"]["cash_budget"] = serde_json::Value::Null;
    assert_eq!(refused(v), "levers.cash_budget: invalid type: null, expected f64");
    let mut v = muba_json();
    v["district"]["observed"][3]["p0_pct"] = serde_json::json!("12");
    assert!(refused(v).starts_with("district.observed[3].p0_pct: invalid type: string"), "names the path");
    let mut v = muba_json();
    v["targets"][0]["year"] = serde_json::json!(2027.5);
    assert!(refused(v).starts_with("targets[0].year: invalid type"), "a year is a whole number");
}

#[test]
fn the_schema_version_must_be_a_number() {
    let mut v = muba_json();
    v["schema_version"] = serde_json::json!("1");
    assert_eq!(refused(v), "schema_version: must be a whole number such as 1, not \"1\"");
    let mut v = muba_json();
    v.as_object_mut().unwrap().remove("schema_version");
    assert!(refused(v).starts_with("schema_version: missing"));
}

#[test]
fn an_extreme_line_accepts_only_its_own_forms() {
    let line = |j: serde_json::Value| serde_json::from_value::<ExtremeLine>(j).map_err(|e| e.to_string());
    assert_eq!(line(serde_json::json!({"kind": "usd190"})), Ok(ExtremeLine::Usd190));
    assert_eq!(line(serde_json::json!({"kind": "rupiah", "rp": 400000.0})), Ok(ExtremeLine::Rupiah { rp: 400000.0 }));
    assert!(line(serde_json::json!({"kind": "usd215", "rp": 400000.0})).unwrap_err().contains("unknown field `rp`"));
    assert!(line(serde_json::json!({"kind": "rupiah"})).unwrap_err().contains("missing field `rp`"));
    assert!(line(serde_json::json!({"kind": "usd215", "colour": 1})).unwrap_err().contains("unknown field `colour`"));
    assert!(line(serde_json::json!({"kind": "usd999"})).unwrap_err().contains("unknown variant `usd999`"));
    assert!(line(serde_json::json!([1])).is_err(), "a list is not a line");
    assert!(line(serde_json::json!(1)).is_err());
    // What this build writes, it reads back.
    for l in [
        ExtremeLine::Usd215,
        ExtremeLine::Usd215Local,
        ExtremeLine::Usd190,
        ExtremeLine::Usd300,
        ExtremeLine::Rupiah { rp: 1.5 },
    ] {
        assert_eq!(line(serde_json::to_value(l).unwrap()), Ok(l));
    }
    let mut v = muba_json();
    v["district"]["calibration"] =
        serde_json::json!({"mode": "p0_extreme", "p0_pct": 12.0, "extreme_pct": 1.0, "line": [1]});
    let msg = refused(v);
    assert!(msg.starts_with("district.calibration.line: invalid type: sequence"), "the calibration line too: {msg}");
}

#[test]
fn a_switch_is_zero_or_one() {
    let mut v = muba_json();
    v["levers"]["cash_gap_filling"] = serde_json::json!(0.5);
    assert_eq!(refused(v), "levers.cash_gap_filling: 0.5 must be a whole number (a switch is 0 or 1)");
    let mut v = muba_json();
    v["levers"]["shock_year"] = serde_json::json!(2.5);
    assert!(refused(v).starts_with("levers.shock_year: 2.5 must be a whole number"));
}

#[test]
fn limits_bound_what_a_file_can_ask_for() {
    let mut v = muba_json();
    let many: Vec<_> = (0..501)
        .map(|i| serde_json::json!({"name": format!("K{i}"), "population_share_pct": 0.1, "poor_share_pct": 0.1}))
        .collect();
    v["district"]["kecamatan"] = serde_json::Value::Array(many);
    assert_eq!(refused(v), "district.kecamatan: 501 entries; at most 500");
    let mut v = muba_json();
    v["district"]["name"] = serde_json::json!("x".repeat(201));
    assert_eq!(refused(v), "district.name: 201 characters; at most 200");
    let mut v = muba_json();
    v["households"] = serde_json::json!(3_000_000);
    assert_eq!(refused(v), "households: 3000000 is outside the allowed range 500 to 2000000");
    let mut v = muba_json();
    let obs = v["district"]["observed"][0].clone();
    v["district"]["observed"] = serde_json::Value::Array(vec![obs; 61]);
    assert_eq!(refused(v), "district.observed: 61 entries; at most 60");
}
