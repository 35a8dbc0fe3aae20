//! The engine's full-precision oracle: for each scenario in `tests/oracle/NAME.json`, the calibrated shape,
//! the whole outcome (every world, year, programme row, distribution bin), the Shapley wedge and a small
//! Monte Carlo are compared number by number with `NAME.expected.json`, written by the engine as it stood
//! before the speed work (issue 14). The CLI goldens round to four decimals; this compares every bit, so a
//! faster engine that changes a summation order shows up here with the largest change and where it is.
//! `ENTAS_UPDATE_ORACLE=1` rewrites the expected files (only after a deliberate, reported change).

use std::path::Path;

use entas_model::{oracle_digest, Scenario};
use serde_json::Value;

/// Every number that differs: (JSON path, expected, actual).
fn differences(path: &str, expected: &Value, actual: &Value, out: &mut Vec<(String, String, String)>) {
    match (expected, actual) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                match b.get(k) {
                    Some(w) => differences(&format!("{path}.{k}"), v, w, out),
                    None => out.push((format!("{path}.{k}"), v.to_string(), "missing".into())),
                }
            }
            for k in b.keys().filter(|k| !a.contains_key(*k)) {
                out.push((format!("{path}.{k}"), "missing".into(), b[k].to_string()));
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                differences(&format!("{path}[{i}]"), v, w, out);
            }
        }
        (a, b) if a != b => out.push((path.to_string(), a.to_string(), b.to_string())),
        _ => {}
    }
}

fn relative(e: &str, a: &str) -> f64 {
    match (e.parse::<f64>(), a.parse::<f64>()) {
        (Ok(e), Ok(a)) => (a - e).abs() / e.abs().max(1e-300),
        _ => f64::INFINITY,
    }
}

#[test]
fn the_engine_reproduces_its_full_precision_oracle() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle");
    let update = std::env::var("ENTAS_UPDATE_ORACLE").is_ok_and(|v| v == "1");
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in paths.iter().filter(|p| !p.to_string_lossy().ends_with(".expected.json")) {
        let scenario = Scenario::from_json(&std::fs::read_to_string(path).unwrap()).expect("valid oracle scenario");
        let actual = oracle_digest(&scenario);
        let expected_path = path.with_extension("expected.json");
        if update {
            std::fs::write(&expected_path, serde_json::to_string(&actual).unwrap() + "\n").unwrap();
        }
        let text = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} missing: run with ENTAS_UPDATE_ORACLE=1", expected_path.display()));
        let expected: Value = serde_json::from_str(&text).unwrap();
        let mut diff = Vec::new();
        differences("", &expected, &actual, &mut diff);
        if let Some(worst) = diff.iter().max_by(|a, b| relative(&a.1, &a.2).total_cmp(&relative(&b.1, &b.2))) {
            failures.push(format!(
                "{}: {} numbers differ from the oracle; largest relative change {:.3e} at {} ({} → {})",
                path.display(),
                diff.len(),
                relative(&worst.1, &worst.2),
                worst.0,
                worst.1,
                worst.2
            ));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 4, "oracle scenarios found: {checked}");
    // The digest is not trivially equal for different scenarios (a check that can fail).
    let a = oracle_digest(&Scenario::from_json(include_str!("oracle/muba_programmes.json")).unwrap());
    let mut s = Scenario::from_json(include_str!("oracle/muba_programmes.json")).unwrap();
    s.levers.set(entas_model::LeverId::CashBudget, 121.0).unwrap();
    assert_ne!(a, oracle_digest(&s));
}
