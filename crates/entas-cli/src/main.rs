//! `entas`: the command-line front end of the simulation core, for analysts and checks.
//! The only place in the workspace that reads or writes files. Bad input exits 2 with a message naming
//! the field and the allowed range; it never panics.

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use entas_model::analysis::{self, solver, Bands};
use entas_model::levers::{self, LEVERS};
use entas_model::presets::{self, PRESETS};
use entas_model::simulate::{simulate_with, Active, HouseholdRow};
use entas_model::{district_table, Model, Outcome, Scenario};

#[derive(Parser)]
#[command(name = "entas", version, about = "Entas poverty-intervention scenario simulator (command line)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Csv,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Lists every lever: id, group, unit, min, max, default, step, source.
    Levers {
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// Lists the presets.
    Presets,
    /// Prints a preset's scenario JSON.
    Preset { name: String },
    /// Runs a scenario file, a preset or a district of a district table and prints the baseline and scenario
    /// trajectories.
    Run {
        /// Scenario JSON file.
        file: Option<String>,
        #[arg(long, conflicts_with = "file")]
        preset: Option<String>,
        /// A district table (CSV, one row per kabupaten/kota and year; see README): runs the district `--code`
        /// from it; a FILE or --preset given too lends its levers.
        #[arg(long, value_name = "TABLE", requires = "code")]
        district: Option<String>,
        /// The BPS code of the district in --district.
        #[arg(long, requires = "district")]
        code: Option<String>,
        /// The year of the district's row in --district (default: its latest).
        #[arg(long, requires = "district")]
        year: Option<i32>,
        /// A named data system for the scenario's enablers: data_lama (DTKS) or dtsen; --set applies after it.
        #[arg(long, value_name = "NAME")]
        enablers: Option<String>,
        /// Sets a lever, e.g. --set cash_budget=100 (repeatable).
        #[arg(long = "set", value_name = "ID=VALUE")]
        set: Vec<String>,
        #[arg(long)]
        seed: Option<u64>,
        #[arg(long, conflicts_with = "households_file")]
        households: Option<usize>,
        /// A household file (CSV: weight, consumption_pc, size; optional kecamatan, rtlh, no_sanitation; see
        /// README): the population is its households instead of the synthetic district.
        #[arg(long, value_name = "CSV")]
        households_file: Option<String>,
        /// Monte Carlo draws over seeds and uncertain assumptions (adds percentile columns).
        #[arg(long)]
        draws: Option<usize>,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// Writes every household of the scenario run, every year, to this CSV file.
        #[arg(long, value_name = "FILE")]
        dump_households: Option<String>,
    },
    /// A workshop's tally: for every lever the groups moved, how many raised, lowered or left it against the
    /// starting mix, the spread of their values, and the room median.
    Tally {
        /// The groups' scenario files (one per group; the scenario name is the group's name).
        #[arg(required = true)]
        files: Vec<String>,
        /// The starting mix: a scenario file (default: the district's status quo of the first group's file).
        #[arg(long, value_name = "FILE", conflicts_with = "preset")]
        start: Option<String>,
        /// The starting mix: a preset's levers.
        #[arg(long)]
        preset: Option<String>,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// Finds the cheapest constant yearly budget mix that meets every --target (the reverse solver), and what
    /// one more Rp1 miliar of each budget buys at the scenario's own mix.
    Solve {
        /// Scenario JSON file.
        file: Option<String>,
        #[arg(long, conflicts_with = "file")]
        preset: Option<String>,
        /// A target, INDICATOR:PERCENT:YEAR[:TOLERANCE], e.g. p0:9.99:2027 or extreme:0:2026:0.5 (repeatable;
        /// indicator p0 or extreme; met when the rate is at most PERCENT + TOLERANCE in some year up to YEAR).
        #[arg(long = "target", value_name = "SPEC", required = true)]
        targets: Vec<String>,
        /// A budget the solver may change, ID[:MIN:MAX] in Rp miliar per year (repeatable; default: cash, food,
        /// health, graduation, enterprise and data updating, each over its whole range, health from the
        /// scenario's value up: the district's UHC is a legal duty).
        #[arg(long = "allow", value_name = "ID[:MIN:MAX]")]
        allow: Vec<String>,
        /// Most all yearly budgets together may cost, Rp miliar per year.
        #[arg(long, value_name = "RP_BN")]
        cap: Option<f64>,
        /// Each allowed budget moves in a straight line from its status quo value to its level over this many
        /// years (0–10; 0: at its level from the first year); the cost is then the yearly average.
        #[arg(long, value_name = "YEARS", default_value_t = 0)]
        ramp: u32,
        /// Sets a lever before solving, e.g. --set cash_benefit=9000000 (repeatable).
        #[arg(long = "set", value_name = "ID=VALUE")]
        set: Vec<String>,
        #[arg(long)]
        seed: Option<u64>,
        #[arg(long, conflicts_with = "households_file")]
        households: Option<usize>,
        /// A household file as the population (see `run --households-file`).
        #[arg(long, value_name = "CSV")]
        households_file: Option<String>,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// Runs one scenario on every district of a district table (each code's latest year), on all cores, and
    /// prints one row per district, world and year (CSV: the `run` columns after `code` and `district`).
    Batch {
        /// The district table (CSV).
        #[arg(long, value_name = "TABLE")]
        district: String,
        /// Scenario JSON file whose levers every district runs.
        file: Option<String>,
        /// A preset whose levers every district runs.
        #[arg(long, conflicts_with = "file")]
        preset: Option<String>,
        /// Sets a lever, e.g. --set cash_budget=100 (repeatable).
        #[arg(long = "set", value_name = "ID=VALUE")]
        set: Vec<String>,
        #[arg(long)]
        households: Option<usize>,
        /// Scales every yearly budget of the lender by each district's population over the lender's (the same
        /// rupiah per person everywhere), within each lever's range; without it the budgets are taken as they are.
        #[arg(long)]
        per_capita: bool,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
}

/// An error that ends the command with exit code 2.
struct Fail(String);

impl<E: std::fmt::Display> From<E> for Fail {
    fn from(e: E) -> Self {
        Fail(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match run(cli.command, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(msg)) => {
            let _ = out.flush();
            eprintln!("entas: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command, out: &mut dyn Write) -> Result<(), Fail> {
    match command {
        Command::Levers { format } => print_levers(format, out),
        Command::Presets => {
            for p in PRESETS {
                writeln!(out, "{}\t{}", p.id, p.description)?;
            }
            Ok(())
        }
        Command::Preset { name } => {
            let s = find_preset(&name)?;
            writeln!(out, "{}", s.to_json())?;
            Ok(())
        }
        Command::Run {
            file,
            preset,
            district,
            code,
            year,
            enablers,
            set,
            seed,
            households,
            households_file,
            draws,
            format,
            dump_households,
        } => {
            let lender = match (file, preset) {
                (Some(path), None) => Some(read_scenario(&path)?),
                (None, Some(name)) => Some(find_preset(&name)?),
                _ => None,
            };
            let mut s = match (district, lender) {
                (Some(path), lender) => {
                    let table = read_table(&path)?;
                    let code = code.unwrap_or_default();
                    let row = table.find(&code, year).ok_or_else(|| {
                        Fail(format!(
                            "{path}: no row with code {code}{}",
                            year.map(|y| format!(" and year {y}")).unwrap_or_default()
                        ))
                    })?;
                    let s = table.scenario(row);
                    match lender {
                        Some(l) => lend(s, &l)?,
                        None => s,
                    }
                }
                (None, Some(s)) => s,
                (None, None) => return Err(Fail(
                    "run needs a scenario FILE or --preset NAME (see `entas presets`), or --district TABLE --code CODE"
                        .into(),
                )),
            };
            if let Some(name) = enablers {
                let names = || levers::ENABLER_PRESETS.iter().map(|p| p.id).collect::<Vec<_>>().join(", ");
                let p = levers::enabler_preset(&name)
                    .ok_or_else(|| Fail(format!("--enablers {name}: unknown data system (one of: {})", names())))?;
                for (id, v) in p.values {
                    s.levers.set(*id, *v).map_err(|e| Fail(format!("--enablers {e}")))?;
                }
            }
            apply_run_options(&mut s, &set, seed, households)?;
            let model = model_on(s, households_file.as_deref())?;
            for w in model.scenario.warnings() {
                eprintln!("entas: warning: {w}");
            }
            let outcome = match dump_households {
                Some(path) => dump(&model, &path)?,
                None => model.simulate(),
            };
            let bands = match draws {
                None => None,
                Some(n) if n == 0 || n > 10_000 => return Err(Fail(format!("--draws {n}: allowed range 1 to 10000"))),
                Some(n) => Some(analysis::monte_carlo_on(
                    &model.scenario,
                    &model.scenario.levers,
                    n,
                    model.households.as_deref(),
                    progress,
                )?),
            };
            match format {
                Format::Csv => write_csv(&outcome, bands.as_ref(), out),
                Format::Json => write_json(&model, &outcome, bands.as_ref(), out),
            }
        }
        Command::Tally { files, start, preset, format } => tally(&files, start, preset, format, out),
        Command::Solve { file, preset, targets, allow, cap, ramp, set, seed, households, households_file, format } => {
            let mut s = match (file, preset) {
                (Some(path), None) => read_scenario(&path)?,
                (None, Some(name)) => find_preset(&name)?,
                _ => return Err(Fail("solve needs a scenario FILE or --preset NAME".into())),
            };
            apply_run_options(&mut s, &set, seed, households)?;
            let model = model_on(s, households_file.as_deref())?;
            let req =
                solve_request(&targets, &allow, cap, model.scenario.levers.get(levers::LeverId::HealthBudget), ramp)?;
            solve(&model, &req, format, out)
        }
        Command::Batch { district, file, preset, set, households, per_capita, format } => {
            let lender = match (file, preset) {
                (Some(path), None) => read_scenario(&path)?,
                (None, Some(name)) => find_preset(&name)?,
                _ => return Err(Fail("batch needs a scenario FILE or --preset NAME for the levers".into())),
            };
            batch(&district, &lender, &set, households, per_capita, format, out)
        }
    }
}

/// `--set`, `--seed` and `--households`, as `run` and `solve` take them.
fn apply_run_options(
    s: &mut Scenario,
    set: &[String],
    seed: Option<u64>,
    households: Option<usize>,
) -> Result<(), Fail> {
    apply_sets(s, set)?;
    if let Some(seed) = seed {
        s.seed = seed;
    }
    if let Some(h) = households {
        s.households = h;
    }
    Ok(())
}

/// Applies `--set ID=VALUE` items to the scenario's levers.
fn apply_sets(s: &mut Scenario, set: &[String]) -> Result<(), Fail> {
    for item in set {
        let (id, value) = item.split_once('=').ok_or_else(|| Fail(format!("--set {item}: expected ID=VALUE")))?;
        let spec =
            levers::spec_named(id).ok_or_else(|| Fail(format!("--set {id}: unknown lever (see `entas levers`)")))?;
        let v: f64 = value.trim().parse().map_err(|_| {
            Fail(format!("--set {id}: '{value}' is not a number; allowed range {} to {}", spec.min, spec.max))
        })?;
        s.levers.set(spec.id, v).map_err(|e| Fail(format!("--set {e}")))?;
    }
    Ok(())
}

/// The model of `s`, on the household file at `path` when one is given.
fn model_on(s: Scenario, path: Option<&str>) -> Result<Model, Fail> {
    let Some(path) = path else {
        return Model::new(s).map_err(|e| Fail(e.to_string()));
    };
    let text = std::fs::read_to_string(path).map_err(|e| Fail(format!("--households-file {path}: {e}")))?;
    let file = entas_model::households::Households::parse(&text).map_err(|errs| {
        let lines: Vec<String> = errs.iter().map(|e| format!("{path}: {e}")).collect();
        Fail(lines.join("\nentas: "))
    })?;
    let name = std::path::Path::new(path).file_name().map_or(path.into(), |n| n.to_string_lossy().into_owned());
    for w in entas_model::households::warnings(&s, &file) {
        eprintln!("entas: warning: {path}: {w}");
    }
    Model::with_households(s, &name, std::sync::Arc::new(file)).map_err(|e| Fail(format!("{path}: {e}")))
}

fn read_table(path: &str) -> Result<district_table::Table, Fail> {
    let text = std::fs::read_to_string(path).map_err(|e| Fail(format!("{path}: {e}")))?;
    district_table::Table::parse(&text).map_err(|errs| {
        let lines: Vec<String> = errs.iter().map(|e| format!("{path}: {e}")).collect();
        Fail(lines.join("\nentas: "))
    })
}

/// A district-table scenario running the levers of `lender` (a scenario file or a preset): every lever the
/// lender sets explicitly, its extreme line and sample size, and as many years ahead as it projects.
fn lend(mut s: Scenario, lender: &Scenario) -> Result<Scenario, Fail> {
    for (id, v) in lender.levers.explicit() {
        if let Some(spec) = levers::spec_named(id) {
            s.levers.set(spec.id, *v).map_err(|e| Fail(e.to_string()))?;
        }
    }
    s.horizon = s.district.base_year + (lender.horizon - lender.district.base_year);
    // The district keeps its own extreme line (US$2.15 deflated to its GK), so every district of a batch is
    // measured on the same line whatever the lender's.
    s.households = lender.households;
    s.name = format!("{} — {}", s.district.name, lender.name);
    Ok(s)
}

/// `entas batch`: one scenario on every district of a table, the districts spread over all cores (rayon);
/// the rows come out in the table's order whatever the number of cores.
fn batch(
    path: &str,
    lender: &Scenario,
    set: &[String],
    households: Option<usize>,
    per_capita: bool,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), Fail> {
    use rayon::prelude::*;
    let table = read_table(path)?;
    let mut scenarios = Vec::new();
    for row in table.latest() {
        let mut s = lend(table.scenario(row), lender)?;
        if per_capita {
            let ratio = s.district.population / lender.district.population;
            for spec in entas_model::LEVERS.iter().filter(|l| l.unit == levers::Unit::RpBillionPerYear) {
                let v = (lender.levers.get(spec.id) * ratio).clamp(spec.min, spec.max);
                s.levers.set(spec.id, v).map_err(|e| Fail(e.to_string()))?;
            }
        }
        apply_sets(&mut s, set)?;
        if let Some(h) = households {
            s.households = h;
        }
        s.validate().map_err(|e| Fail(format!("{path}: line {}: {e}", row.line)))?;
        scenarios.push(s);
    }
    let outcomes: Vec<Result<(Scenario, Outcome), String>> = scenarios
        .into_par_iter()
        .map(|s| {
            let m = Model::new(s).map_err(|e| e.to_string())?;
            let o = m.simulate();
            Ok((m.scenario, o))
        })
        .collect();
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            let mut header_written = false;
            for r in outcomes {
                let (s, o) = r.map_err(Fail)?;
                let (header, rows) = entas_model::report::results_table(&o, None);
                if !header_written {
                    let mut h = vec!["code".to_string(), "district".to_string()];
                    h.extend(header);
                    w.write_record(&h)?;
                    header_written = true;
                }
                for row in rows {
                    let mut full = vec![s.district.code.clone(), s.district.name.clone()];
                    full.extend(row);
                    w.write_record(&full)?;
                }
            }
            w.flush()?;
        }
        Format::Json => {
            let mut docs = Vec::new();
            for r in outcomes {
                let (s, o) = r.map_err(Fail)?;
                docs.push(serde_json::json!({
                    "code": s.district.code,
                    "district": s.district.name,
                    "base_year": s.district.base_year,
                    "outcome": o,
                }));
            }
            writeln!(out, "{}", serde_json::to_string_pretty(&docs)?)?;
        }
    }
    Ok(())
}

fn read_scenario(path: &str) -> Result<Scenario, Fail> {
    let text = std::fs::read_to_string(path).map_err(|e| Fail(format!("{path}: {e}")))?;
    Scenario::from_json(&text).map_err(|e| Fail(format!("{path}: {e}")))
}

fn tally(
    files: &[String],
    start: Option<String>,
    preset: Option<String>,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), Fail> {
    use entas_model::workshop;
    let groups: Vec<Scenario> = files.iter().map(|f| read_scenario(f)).collect::<Result<_, _>>()?;
    let start = match (start, preset) {
        (Some(path), _) => read_scenario(&path)?.levers,
        (None, Some(name)) => find_preset(&name)?.levers,
        (None, None) => presets::reference_levers(&groups[0]),
    };
    let mixes: Vec<&levers::LeverValues> = groups.iter().map(|g| &g.levers).collect();
    let moved = workshop::moved(&start, &mixes);
    let rows = workshop::tally(&start, &mixes, &moved);
    let median = workshop::room_median(&start, &mixes, &moved);
    match format {
        Format::Json => {
            let doc = serde_json::json!({
                "groups": groups.iter().map(|g| g.name.clone()).collect::<Vec<_>>(),
                "tally": rows,
                "room_median": median,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["lever", "start", "raised", "lowered", "left", "min", "median", "max"])?;
            for r in &rows {
                w.write_record([
                    r.id.to_string(),
                    r.start.to_string(),
                    r.raised.to_string(),
                    r.lowered.to_string(),
                    r.left.to_string(),
                    r.min.to_string(),
                    r.median.to_string(),
                    r.max.to_string(),
                ])?;
            }
            w.flush()?;
        }
    }
    Ok(())
}

fn find_preset(name: &str) -> Result<Scenario, Fail> {
    presets::preset(name).ok_or_else(|| {
        let names: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
        Fail(format!("preset '{name}' does not exist; choose one of: {}", names.join(", ")))
    })
}

fn print_levers(format: Format, out: &mut dyn Write) -> Result<(), Fail> {
    match format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(LEVERS)?)?,
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["id", "group", "unit", "min", "max", "default", "step", "uncertain", "source"])?;
            for l in LEVERS {
                let unit = serde_json::to_value(l.unit)?.as_str().unwrap_or_default().to_string();
                w.write_record([
                    l.id.to_string(),
                    l.group.as_str().to_string(),
                    unit,
                    l.min.to_string(),
                    l.max.to_string(),
                    l.default.to_string(),
                    l.step.to_string(),
                    l.uncertain.to_string(),
                    l.source.to_string(),
                ])?;
            }
            w.flush()?;
        }
    }
    Ok(())
}

fn write_csv(o: &Outcome, bands: Option<&Bands>, out: &mut dyn Write) -> Result<(), Fail> {
    let (header, rows) = entas_model::report::results_table(o, bands);
    let mut w = csv::Writer::from_writer(out);
    w.write_record(&header)?;
    for row in rows {
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

fn write_json(model: &Model, o: &Outcome, bands: Option<&Bands>, out: &mut dyn Write) -> Result<(), Fail> {
    let s = &model.scenario;
    let targets: Vec<serde_json::Value> = s
        .targets
        .iter()
        .enumerate()
        .map(|(i, t)| {
            serde_json::json!({
                "target": t,
                "year_met_scenario": analysis::year_met(&o.scenario, t),
                "year_met_baseline": analysis::year_met(&o.baseline, t),
                "probability": bands.map(|b| b.target_probability[i]),
            })
        })
        .collect();
    let wedge = analysis::shapley_wedge(s, &s.levers, &model.population);
    let doc = serde_json::json!({
        "scenario": s.name,
        "calibration": model.population.report,
        "outcome": o,
        "targets": targets,
        "wedge": wedge,
        "bands": bands,
        "backtest": analysis::backtest(s, o, bands),
    });
    writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
    Ok(())
}

fn dump(model: &Model, path: &str) -> Result<Outcome, Fail> {
    let file = std::fs::File::create(path).map_err(|e| Fail(format!("--dump-households {path}: {e}")))?;
    let mut w = csv::Writer::from_writer(std::io::BufWriter::new(file));
    w.write_record(["year", "household", "weight", "size", "consumption_pc"])?;
    let mut error: Option<csv::Error> = None;
    let mut write = |r: HouseholdRow| {
        if error.is_none() {
            if let Err(e) = w.write_record([
                r.year.to_string(),
                r.household.to_string(),
                format!("{:.6}", r.weight),
                format!("{}", r.size),
                format!("{:.2}", r.consumption_pc),
            ]) {
                error = Some(e);
            }
        }
    };
    let s = &model.scenario;
    let outcome = simulate_with(s, &s.levers, &model.population, Active::ALL, Some(&mut write));
    if let Some(e) = error {
        return Err(Fail(format!("--dump-households {path}: {e}")));
    }
    w.flush().map_err(|e| Fail(format!("--dump-households {path}: {e}")))?;
    Ok(outcome)
}

/// Progress of a long run on stderr (stdout carries only the results): a line at every tenth of the draws.
fn progress(done: usize, total: usize) {
    let step = (total / 10).max(1);
    if done.is_multiple_of(step) || done == total {
        eprintln!("Monte Carlo: {done}/{total} draws");
    }
}

/// The budgets `entas solve` may change when no --allow is given: those that act on consumption.
const SOLVE_DEFAULT: [levers::LeverId; 6] = [
    levers::LeverId::CashBudget,
    levers::LeverId::FoodBudget,
    levers::LeverId::HealthBudget,
    levers::LeverId::GraduationBudget,
    levers::LeverId::EnterpriseBudget,
    levers::LeverId::DataUpdateBudget,
];

/// `--target` and `--allow` items as a solver request.
fn solve_request(
    targets: &[String],
    allow: &[String],
    cap: Option<f64>,
    health_now: f64,
    ramp: u32,
) -> Result<solver::Request, Fail> {
    use entas_model::scenario::{Indicator, Target};
    let num = |item: &str, what: &str, v: &str| -> Result<f64, Fail> {
        v.trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| Fail(format!("{item}: {what} '{v}' is not a number")))
    };
    let targets = targets
        .iter()
        .map(|item| {
            let parts: Vec<&str> = item.split(':').collect();
            let flag = format!("--target {item}");
            if !(3..=4).contains(&parts.len()) {
                return Err(Fail(format!("{flag}: expected INDICATOR:PERCENT:YEAR[:TOLERANCE], e.g. p0:9.99:2027")));
            }
            let indicator = match parts[0] {
                "p0" => Indicator::P0,
                "extreme" => Indicator::Extreme,
                "p1" => Indicator::P1,
                other => return Err(Fail(format!("{flag}: indicator '{other}' is not p0, p1 or extreme"))),
            };
            let year = parts[2]
                .trim()
                .parse::<i32>()
                .map_err(|_| Fail(format!("{flag}: year '{}' is not a whole year", parts[2])))?;
            let tolerance_pct = match parts.get(3) {
                Some(t) => num(&flag, "tolerance", t)?,
                None => 0.0,
            };
            if !(0.0..=10.0).contains(&tolerance_pct) {
                return Err(Fail(format!("{flag}: tolerance {tolerance_pct}: allowed 0 to 10 (percentage points)")));
            }
            Ok(Target {
                indicator,
                value_pct: num(&flag, "percent", parts[1])?,
                year,
                label: String::new(),
                tolerance_pct,
            })
        })
        .collect::<Result<Vec<_>, Fail>>()?;
    let limits = if allow.is_empty() {
        // The district's UHC (health premiums) is a legal duty: it stays at least where the scenario has it.
        SOLVE_DEFAULT
            .iter()
            .map(|id| {
                let sp = levers::spec(*id);
                let min = if *id == levers::LeverId::HealthBudget { health_now } else { sp.min };
                solver::Limit { lever: *id, min, max: sp.max.max(min) }
            })
            .collect()
    } else {
        allow
            .iter()
            .map(|item| {
                let flag = format!("--allow {item}");
                let parts: Vec<&str> = item.split(':').collect();
                let sp = levers::spec_named(parts[0])
                    .ok_or_else(|| Fail(format!("{flag}: unknown lever (see `entas levers`)")))?;
                match parts.len() {
                    1 => Ok(solver::Limit { lever: sp.id, min: sp.min, max: sp.max }),
                    3 => Ok(solver::Limit {
                        lever: sp.id,
                        min: num(&flag, "min", parts[1])?,
                        max: num(&flag, "max", parts[2])?,
                    }),
                    _ => Err(Fail(format!("{flag}: expected ID or ID:MIN:MAX"))),
                }
            })
            .collect::<Result<Vec<_>, Fail>>()?
    };
    Ok(solver::Request { targets, limits, cap_rp_bn: cap, quick: false, ramp_years: ramp })
}

/// `entas solve`: the cheapest mix, then what each rupiah buys at the scenario's own mix.
fn solve(model: &Model, req: &solver::Request, format: Format, out: &mut dyn Write) -> Result<(), Fail> {
    let (s, lv, pop) = (&model.scenario, &model.scenario.levers, &model.population);
    solver::check(s, lv, req)?;
    let t0 = std::time::Instant::now();
    let sol = solver::solve_now(s, lv, pop, req)?;
    let elapsed = t0.elapsed().as_secs_f64();
    let reference = entas_model::simulate::Reference::new(s, lv, pop);
    let marginal = solver::marginal_values(s, lv, pop, &reference);
    eprintln!("entas: {} evaluations in {elapsed:.2} s", sol.evaluations);
    if format == Format::Json {
        let v = serde_json::json!({ "request": req, "solution": sol, "marginal": marginal });
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        return Ok(());
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let row = |w: &mut csv::Writer<Vec<u8>>, cells: &[String]| w.write_record(cells);
    let f = |v: f64| format!("{v:.4}");
    row(
        &mut w,
        &[
            "section".into(),
            "item".into(),
            "status_quo".into(),
            "value".into(),
            "min".into(),
            "max".into(),
            "note".into(),
        ],
    )?;
    row(
        &mut w,
        &[
            "summary".into(),
            "feasible".into(),
            String::new(),
            sol.feasible.to_string(),
            String::new(),
            String::new(),
            String::new(),
        ],
    )?;
    row(
        &mut w,
        &[
            "summary".into(),
            "yearly_rp_bn".into(),
            f(sol.status_quo_yearly_rp_bn),
            f(sol.yearly_rp_bn),
            String::new(),
            String::new(),
            format!("{} years: {} Rp miliar in total", sol.years, f(sol.total_rp_bn())),
        ],
    )?;
    for ((id, sq, v), l) in sol.changes.iter().zip(&req.limits) {
        let at_max = sol.binding.contains(&solver::Binding::AtMax(*id));
        row(
            &mut w,
            &[
                "lever".into(),
                id.as_str().into(),
                f(*sq),
                f(*v),
                f(l.min),
                f(l.max),
                if at_max { "at its maximum".into() } else { String::new() },
            ],
        )?;
    }
    for (id, values) in &sol.schedules {
        let years: Vec<String> = values.iter().map(|v| format!("{v:.4}")).collect();
        row(
            &mut w,
            &[
                "schedule".into(),
                id.clone(),
                String::new(),
                years.join(" "),
                String::new(),
                String::new(),
                format!("yearly values from the first projected year (a {}-year ramp)", sol.ramp_years),
            ],
        )?;
    }
    if sol.binding.contains(&solver::Binding::Cap) {
        row(
            &mut w,
            &[
                "summary".into(),
                "cap_rp_bn".into(),
                String::new(),
                f(req.cap_rp_bn.unwrap_or_default()),
                String::new(),
                String::new(),
                "binding".into(),
            ],
        )?;
    }
    for t in &sol.targets {
        let name = format!(
            "{}:{}:{}",
            if t.target.indicator == entas_model::scenario::Indicator::P0 { "p0" } else { "extreme" },
            t.target.value_pct,
            t.target.year
        );
        let note = match (t.met, t.met_year) {
            (true, Some(y)) => format!("met in {y}{}", if t.binding { " (binding)" } else { "" }),
            (false, Some(y)) => format!("met only in {y}"),
            _ => "not met by the horizon".into(),
        };
        row(&mut w, &["target".into(), name, String::new(), f(t.reached_pct), String::new(), String::new(), note])?;
    }
    if let Some(free) = &sol.without_limits {
        row(
            &mut w,
            &[
                "without_limits".into(),
                "yearly_rp_bn".into(),
                String::new(),
                f(free.yearly_rp_bn),
                String::new(),
                String::new(),
                "every allowed lever over its whole range, no cap".into(),
            ],
        )?;
        for (id, _, v) in &free.changes {
            row(
                &mut w,
                &[
                    "without_limits".into(),
                    id.as_str().into(),
                    String::new(),
                    f(*v),
                    String::new(),
                    String::new(),
                    String::new(),
                ],
            )?;
        }
    }
    for m in &marginal {
        row(&mut w, &["marginal".into(), m.lever.as_str().into(), f(m.value), f(m.people_per_bn), String::new(), String::new(), format!("person-years lifted per Rp1 miliar (tried {:+}); P1 {:.5} and extreme {:.5} pp lower in the last year per Rp1 miliar a year", m.delta, m.p1_per_bn, m.extreme_pp_per_bn)])?;
    }
    out.write_all(&w.into_inner().map_err(|e| Fail(e.to_string()))?)?;
    Ok(())
}
