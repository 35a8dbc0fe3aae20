//! The `entas` command's contract: subcommands, CSV columns, exit code 2 with a message naming the field on
//! bad input, and golden scenarios (set ENTAS_UPDATE_GOLDEN=1 to rewrite the expected files).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn entas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_entas")).args(args).output().expect("entas runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("entas-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

const HEADER: &str =
    "scenario,year,p0_pct,p1,p2,extreme_pct,poor_people,extreme_people,vulnerable_pct,gini,spend_rp,beneficiaries";

#[test]
fn levers_lists_every_lever_in_csv_and_json() {
    let csv = entas(&["levers"]);
    assert!(csv.status.success());
    let text = stdout(&csv);
    assert!(text.starts_with("id,group,unit,min,max,default,step,uncertain,source\n"));
    assert_eq!(text.lines().count() - 1, entas_model::LEVERS.len());
    assert!(text.contains("cash_budget,burden,rp_billion_per_year,0,500,0,0.5,"));
    let json: serde_json::Value = serde_json::from_slice(&entas(&["levers", "--format", "json"]).stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), entas_model::LEVERS.len());
    assert_eq!(json[0]["id"], "cash_budget");
}

#[test]
fn presets_and_preset_round_trip_through_a_file() {
    let list = stdout(&entas(&["presets"]));
    for p in entas_model::presets::PRESETS {
        assert!(list.contains(p.id));
    }
    let json = stdout(&entas(&["preset", "muba_2024"]));
    let path = tmp("muba.json");
    std::fs::write(&path, &json).unwrap();
    let from_file = entas(&["run", path.to_str().unwrap()]);
    let from_preset = entas(&["run", "--preset", "muba_2024"]);
    assert!(from_file.status.success(), "{}", stderr(&from_file));
    assert_eq!(stdout(&from_file), stdout(&from_preset));
}

#[test]
fn run_prints_the_contract_columns_for_no_programme_baseline_and_scenario() {
    let o = entas(&["run", "--preset", "muara_enim_2024", "--households", "2000", "--set", "cash_budget=50"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(HEADER));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 3 * 7, "2024–2030 without district programmes, status quo and scenario");
    assert!(rows.iter().all(|r| r.len() == 12));
    assert_eq!(rows[0][0], "no_programme");
    assert_eq!(rows[7][0], "baseline");
    assert_eq!(rows[14][0], "scenario");
    let p0 = |r: &Vec<&str>| r[2].parse::<f64>().unwrap();
    assert!(p0(&rows[20]) < p0(&rows[13]), "Rp50 bn of cash lowers 2030 poverty below the status quo");
    assert!(p0(&rows[13]) < p0(&rows[6]), "the status quo (UHC) is below no district programme");
}

#[test]
fn draws_add_percentile_columns() {
    let o = entas(&["run", "--preset", "muba_2024", "--households", "1000", "--draws", "5"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert_eq!(text.lines().next().unwrap(), format!("{HEADER},p0_pct_p10,p0_pct_p90,extreme_pct_p10,extreme_pct_p90"));
    let last: Vec<&str> = text.lines().last().unwrap().split(',').collect();
    assert_eq!(last.len(), 16);
    assert!(last[12].parse::<f64>().unwrap() <= last[13].parse::<f64>().unwrap());
    // Progress goes to stderr, never into the results.
    assert!(stderr(&o).lines().last().is_some_and(|l| l == "Monte Carlo: 5/5 draws"), "{}", stderr(&o));
    assert!(!text.contains("Monte Carlo"));
}

#[test]
fn zero_draws_is_refused() {
    let o = entas(&["run", "--preset", "muba_2024", "--households", "1000", "--draws", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--draws 0: allowed range 1 to 10000"), "{}", stderr(&o));
}

#[test]
fn json_output_carries_calibration_targets_wedge_and_backtest() {
    let o = entas(&["run", "--preset", "muba_2021_backtest", "--households", "1500", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["calibration"]["mode"], "p0_p1");
    let backtest = v["backtest"].as_array().unwrap();
    assert_eq!(backtest.len(), 4);
    assert!(backtest.iter().all(|r| r["observed_p0_low"].as_f64() < r["observed_p0_pct"].as_f64()));
    assert!(v["outcome"]["scenario"].as_array().unwrap().len() == 5);
}

#[test]
fn dump_households_writes_every_household_every_year() {
    let path = tmp("dump.csv");
    let o =
        entas(&["run", "--preset", "muba_2024", "--households", "600", "--dump-households", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("year,household,weight,size,consumption_pc"));
    assert_eq!(lines.count(), 600 * 7);
}

fn assert_fails(args: &[&str], needles: &[&str]) {
    let o = entas(args);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    let err = stderr(&o);
    for n in needles {
        assert!(err.contains(n), "{args:?}: expected '{n}' in: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn enablers_set_a_named_data_system_and_an_older_file_with_a_retired_lever_still_reads() {
    let run = |extra: &[&str]| {
        let mut args = vec!["run", "--preset", "muba_2024", "--households", "2000"];
        args.extend_from_slice(extra);
        let o = entas(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let four = ["--set", "registry_coverage=95", "--set", "targeting_accuracy=0.9", "--set", "registry_age=0"];
    let by_name = run(&["--enablers", "dtsen"]);
    assert_eq!(by_name, run(&[&four[..], &["--set", "convergence=75"]].concat()), "the named system is its levers");
    assert_ne!(by_name, run(&[]), "and it changes the scenario");
    // --set applies after the named system.
    assert_eq!(run(&["--enablers", "dtsen", "--set", "convergence=50"]), run(&four));
    // A file written before food_pass_through was retired.
    let mut s: serde_json::Value = serde_json::from_slice(&entas(&["preset", "muba_2024"]).stdout).unwrap();
    s["levers"]["food_pass_through"] = serde_json::json!(90);
    s["households"] = serde_json::json!(2000);
    let old = tmp("old.json");
    std::fs::write(&old, s.to_string()).unwrap();
    let r = entas(&["run", old.to_str().unwrap()]);
    assert!(r.status.success(), "{}", stderr(&r));
}

#[test]
fn bad_input_exits_2_naming_the_field_and_range() {
    assert_fails(&["run", "--preset", "muba_2024", "--set", "cash_budget=900"], &["cash_budget", "0 to 500"]);
    assert_fails(
        &["run", "--preset", "muba_2024", "--set", "cash_budget=lots"],
        &["cash_budget", "not a number", "0 to 500"],
    );
    assert_fails(&["run", "--preset", "muba_2024", "--set", "no_such_lever=1"], &["no_such_lever", "unknown lever"]);
    assert_fails(&["run", "--preset", "muba_2024", "--set", "cash_budget"], &["ID=VALUE"]);
    assert_fails(&["run", "--preset", "nowhere"], &["preset 'nowhere'", "muba_2024"]);
    assert_fails(&["run", "--preset", "muba_2024", "--households", "5"], &["households", "500 to 2000000"]);
    assert_fails(&["run", "/no/such/file.json"], &["/no/such/file.json"]);
    assert_fails(&["run"], &["FILE or --preset"]);
    assert_fails(&["run", "--preset", "muba_2024", "--enablers", "perfect"], &["perfect", "data_lama, dtsen"]);
    assert_fails(&["frobnicate"], &["frobnicate"]);

    let bad = tmp("bad.json");
    std::fs::write(&bad, "{ not json").unwrap();
    assert_fails(&["run", bad.to_str().unwrap()], &["not valid JSON"]);

    let mut s: serde_json::Value = serde_json::from_slice(&entas(&["preset", "muba_2024"]).stdout).unwrap();
    s["horizon"] = serde_json::json!(2090);
    std::fs::write(&bad, s.to_string()).unwrap();
    assert_fails(&["run", bad.to_str().unwrap()], &["horizon", "2025 to 2044"]);

    s["horizon"] = serde_json::json!(2030);
    s["schema_version"] = serde_json::json!(99);
    std::fs::write(&bad, s.to_string()).unwrap();
    assert_fails(&["run", bad.to_str().unwrap()], &["schema_version", "99"]);

    s["schema_version"] = serde_json::json!(1);
    s["levers"]["absorption"] = serde_json::json!(120);
    std::fs::write(&bad, s.to_string()).unwrap();
    assert_fails(&["run", bad.to_str().unwrap()], &["levers.absorption", "50 to 100"]);

    s["levers"]["absorption"] = serde_json::json!(90);
    s["district"]["calibration"]["p0_pct"] = serde_json::json!(-3);
    std::fs::write(&bad, s.to_string()).unwrap();
    assert_fails(&["run", bad.to_str().unwrap()], &["district.calibration.p0_pct", "0.5 to 80"]);
}

/// Golden scenarios: each `tests/golden/NAME.json` runs to `NAME.csv`.
#[test]
fn golden_scenarios_match_their_expected_csv() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var("ENTAS_UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let out = entas(&["run", path.to_str().unwrap()]);
        assert!(out.status.success(), "{}: {}", path.display(), stderr(&out));
        let expected_path = path.with_extension("csv");
        if update {
            std::fs::write(&expected_path, &out.stdout).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} missing: run with ENTAS_UPDATE_GOLDEN=1", expected_path.display()));
        assert_eq!(stdout(&out), expected, "{} differs from its golden CSV", path.display());
        checked += 1;
    }
    assert!(checked >= 2, "golden scenarios found: {checked}");
}

#[test]
fn a_shock_after_the_horizon_runs_with_a_warning_on_stderr() {
    let o = entas(&["run", "--preset", "muba_2024", "--households", "2000", "--set", "shock_year=15"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("entas: warning: the shock is set for 2039, after the horizon"), "{err}");
    let quiet = entas(&["run", "--preset", "muba_2024", "--households", "2000", "--set", "shock_year=2"]);
    assert!(!stderr(&quiet).contains("warning"), "{}", stderr(&quiet));
}

#[test]
fn tally_counts_each_lever_the_groups_moved_and_gives_the_room_median() {
    let base: serde_json::Value = serde_json::from_str(&stdout(&entas(&["preset", "muba_2024"]))).unwrap();
    let group = |name: &str, cash: f64, graduation: Option<f64>| {
        let mut s = base.clone();
        s["name"] = name.into();
        s["levers"]["cash_budget"] = cash.into();
        if let Some(g) = graduation {
            s["levers"]["graduation_budget"] = g.into();
        }
        let path = tmp(&format!("group-{name}.json"));
        std::fs::write(&path, s.to_string()).unwrap();
        path.to_str().unwrap().to_string()
    };
    // Muba's status quo: cash Rp70 bn, no graduation.
    let files = [group("A", 100.0, None), group("B", 50.0, Some(20.0)), group("C", 150.0, None)];
    let mut args = vec!["tally"];
    args.extend(files.iter().map(String::as_str));
    let out = entas(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(
        text,
        "lever,start,raised,lowered,left,min,median,max\n\
         cash_budget,70,2,1,0,50,100,150\n\
         graduation_budget,0,1,0,2,0,0,20\n"
    );
    args.extend(["--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&entas(&args).stdout).unwrap();
    assert_eq!(json["groups"], serde_json::json!(["A", "B", "C"]));
    assert_eq!(json["room_median"]["cash_budget"], 100.0);
    assert_eq!(json["tally"][0]["raised"], 2);
    // Against a start of its own: a preset with no district programmes moves UHC, RTLH and water too.
    let sumsel = entas(&["tally", &files[0], "--preset", "sumsel_2024"]);
    assert!(stdout(&sumsel).contains("health_budget,0,1,0,0,45,45,45"), "{}", stdout(&sumsel));
    // A broken group file is named and exits 2.
    let bad = tmp("group-bad.json");
    std::fs::write(&bad, "{").unwrap();
    let out = entas(&["tally", &files[0], bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("group-bad.json"), "{}", stderr(&out));
}

fn sample_table() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/data/sumsel-districts.csv").to_string_lossy().into_owned()
}

#[test]
fn run_takes_a_district_from_a_district_table() {
    let table = sample_table();
    let o = entas(&["run", "--district", &table, "--code", "1671", "--households", "2000"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with(HEADER));
    // The base year is the table's latest year for the code, calibrated to its P0 (9.77 %).
    let base = text.lines().find(|l| l.starts_with("baseline,2024,")).expect("a 2024 baseline row");
    let p0: f64 = base.split(',').nth(2).unwrap().parse().unwrap();
    assert!((p0 - 9.77).abs() < 0.5, "{p0}");
    assert!(text.lines().any(|l| l.starts_with("scenario,2030,")));
    // An earlier year of the same code, and a preset lending its levers (Muba's budgets).
    let o = entas(&[
        "run",
        "--district",
        &table,
        "--code",
        "16.04",
        "--year",
        "2023",
        "--preset",
        "muba_2024",
        "--households",
        "2000",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.lines().any(|l| l.starts_with("scenario,2023,")));
    let spend_2024: f64 =
        text.lines().find(|l| l.starts_with("scenario,2024,")).unwrap().split(',').nth(10).unwrap().parse().unwrap();
    assert!(spend_2024 > 50e9, "Muba's programmes are spent: {spend_2024}");
    assert_fails(&["run", "--district", &table, "--code", "9999"], &["no row with code 9999"]);
}

#[test]
fn a_malformed_district_table_is_refused_by_line_and_column() {
    let path = tmp("bad-table.csv");
    std::fs::write(&path, "code,name,year,p0_pct,poverty_line,poor_people\n1606,Muba,2024,12.88,590000,88940\n1603,Muara Enim,2024,sembilan,491107,66420\n").unwrap();
    assert_fails(
        &["run", "--district", path.to_str().unwrap(), "--code", "1606"],
        &["line 3, column p0_pct", "'sembilan' is not a number"],
    );
    std::fs::write(&path, "code,name,p0_pct\n1606,Muba,12.88\n").unwrap();
    assert_fails(
        &["batch", "--district", path.to_str().unwrap(), "--preset", "muba_2024"],
        &["line 1, column year", "missing"],
    );
}

#[test]
fn batch_runs_every_district_of_a_table_in_table_order() {
    let table = sample_table();
    let o = entas(&["batch", "--district", &table, "--preset", "muba_2024", "--households", "1000"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with(&format!("code,district,{HEADER}")));
    let codes: Vec<&str> = text.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    let mut order: Vec<&str> = Vec::new();
    for c in &codes {
        if !order.contains(c) {
            order.push(c);
        }
    }
    assert_eq!(order, ["1603", "1604", "1611", "1671"]);
    // Each district: three worlds × its years (base year 2024, horizon 2030: seven years).
    assert_eq!(codes.iter().filter(|c| **c == "1671").count(), 3 * 7);
    // The same rows, run one at a time.
    let single =
        entas(&["run", "--district", &table, "--code", "1611", "--preset", "muba_2024", "--households", "1000"]);
    let single_rows: Vec<String> = stdout(&single).lines().skip(1).map(String::from).collect();
    let batch_rows: Vec<String> =
        text.lines().filter(|l| l.starts_with("1611,")).map(|l| l.splitn(3, ',').nth(2).unwrap().to_string()).collect();
    assert_eq!(batch_rows, single_rows);
}

#[test]
fn solve_finds_a_mix_that_a_run_confirms_and_refuses_bad_targets() {
    let o = entas(&[
        "solve",
        "--preset",
        "muba_2024",
        "--households",
        "2000",
        "--target",
        "p0:10.5:2027",
        "--allow",
        "cash_budget:0:300",
        "--allow",
        "food_budget:0:300",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["solution"]["feasible"], true, "{v}");
    let cash = v["solution"]["levers"]["cash_budget"].as_f64().unwrap();
    let food = v["solution"]["levers"]["food_budget"].as_f64().unwrap_or(0.0);
    // Running the mix: P0 in 2027 at most 10.5%.
    let run = entas(&[
        "run",
        "--preset",
        "muba_2024",
        "--households",
        "2000",
        "--set",
        &format!("cash_budget={cash}"),
        "--set",
        &format!("food_budget={food}"),
    ]);
    let text = stdout(&run);
    let p0_2027: f64 = text
        .lines()
        .find(|l| l.starts_with("scenario,2027,"))
        .and_then(|l| l.split(',').nth(2))
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("scenario 2027 row in {text}"));
    assert!(p0_2027 <= 10.5, "P0 2027 {p0_2027}");
    // Every budget's marginal value is listed.
    assert_eq!(v["marginal"].as_array().unwrap().len(), 8);
    assert_fails(&["solve", "--preset", "muba_2024", "--target", "gini:0.3:2027"], &["gini", "p0, p1 or extreme"]);
    assert_fails(&["solve", "--preset", "muba_2024", "--target", "p0:9:2040"], &["2040", "2025–2030"]);
    assert_fails(
        &["solve", "--preset", "muba_2024", "--target", "p0:9:2027", "--allow", "cash_benefit"],
        &["cash_benefit", "yearly budget"],
    );
    assert_fails(&["solve", "--preset", "muba_2024", "--target", "p0:x:2027"], &["percent", "'x'"]);
}

/// A household file of `rows` rows (`;` between columns, decimal commas) and its own headcount at `z`.
fn household_file(name: &str, rows: usize, z: f64) -> (PathBuf, f64) {
    let (mut text, mut people, mut poor) = (String::from("bobot;pengeluaran_per_kapita;jumlah_art\n"), 0.0, 0.0);
    for i in 0..rows {
        let y = 250_000.0 + 2_500.0 * (i % 400) as f64 + 7.0 * i as f64;
        let (w, size) = (50.0 + (i % 9) as f64 * 12.5, (1 + i % 6) as f64);
        text.push_str(&format!("{};{y};{size}\n", format!("{w}").replace('.', ",")));
        people += w * size;
        poor += if y < z { w * size } else { 0.0 };
    }
    let path = tmp(name);
    std::fs::write(&path, text).expect("write");
    (path, 100.0 * poor / people)
}

#[test]
fn a_household_file_is_the_base_year_and_its_bad_rows_are_named_by_line() {
    let (path, p0) = household_file("households.csv", 3_000, 590_000.0);
    let o = entas(&["run", "--preset", "muba_2024", "--households-file", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let base: Vec<&str> =
        out.lines().find(|l| l.starts_with("baseline,2024,")).expect("base year row").split(',').collect();
    let got: f64 = base[2].parse().expect("p0");
    // Within one household's share of the people (the heaviest row: 150 × 6 of about 1.3 M person-weights).
    assert!((got - p0).abs() < 0.08, "base-year P0 {got} against the file's {p0}");
    let mut bad = std::fs::read_to_string(&path).unwrap();
    bad = bad.replacen("\n50;", "\n-50;", 1).replacen(";3\n", ";tiga\n", 1);
    let bad_path = tmp("households-bad.csv");
    std::fs::write(&bad_path, bad).unwrap();
    assert_fails(
        &["run", "--preset", "muba_2024", "--households-file", bad_path.to_str().unwrap()],
        &["line 2, column bobot: -50 is outside", "column jumlah_art: 'tiga' is not a number"],
    );
}

#[test]
fn batch_per_capita_scales_the_lenders_budgets_by_population() {
    let table = sample_table();
    let spend = |extra: &[&str]| -> Vec<(String, f64)> {
        let mut args = vec!["batch", "--district", &table, "--preset", "muba_2024", "--households", "1000"];
        args.extend_from_slice(extra);
        let o = entas(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        // The scenario world's spending in the first projected year, per district.
        stdout(&o)
            .lines()
            .filter(|l| l.split(',').nth(2) == Some("scenario") && l.split(',').nth(3) == Some("2025"))
            .map(|l| {
                let cells: Vec<&str> = l.split(',').collect();
                (cells[0].to_string(), cells[12].parse().expect("spend_rp"))
            })
            .collect()
    };
    let (plain, scaled) = (spend(&[]), spend(&["--per-capita"]));
    assert_eq!(plain.len(), 4);
    // Palembang (1671) has about 1.7 million people against Muba's 0.6 million: its scaled budgets are larger.
    let at = |v: &[(String, f64)], code: &str| v.iter().find(|(c, _)| c == code).map(|(_, s)| *s).expect(code);
    assert!(at(&scaled, "1671") > 1.5 * at(&plain, "1671"), "{scaled:?} against {plain:?}");
    // Empat Lawang (1611), smaller than Muba, gets less.
    assert!(at(&scaled, "1611") < at(&plain, "1611"), "{scaled:?} against {plain:?}");
}

#[test]
fn solve_takes_a_poverty_gap_target() {
    let o = entas(&["solve", "--preset", "muba_2024", "--households", "2000", "--target", "p1:1.8:2027"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.lines().any(|l| l.starts_with("summary,feasible,,true")), "{text}");
    assert_fails(&["solve", "--preset", "muba_2024", "--target", "p2:1:2027"], &["is not p0, p1 or extreme"]);
}
