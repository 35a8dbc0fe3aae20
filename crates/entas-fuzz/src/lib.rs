//! Mutation fuzzing of every entry point that reads outside input: scenario files (`Scenario::from_json`),
//! share links (`persist::decode_link`, the fragment and the payload inside it), stored workspaces
//! (`Workspace::from_json`) and app file import (`persist::read_scenario_file`).
//!
//! Inputs are valid documents mutated by proptest-generated edits (values replaced by extremes, keys removed
//! or added, bytes flipped, truncated or inserted), from a fixed seed. Each input must return within a bound
//! without panicking, and anything accepted must simulate to finite numbers. The short run is a test in
//! `cargo test`; the long run is `cargo run --release -p entas-fuzz -- N`, which prints inputs per second and
//! the distinct failures.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use entas_app::persist::{self, Saved, Start, Workspace};
use entas_model::{presets, Model, Scenario};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};
use serde_json::Value;

/// Longest time one input may take before it counts as a hang.
pub const BOUND: Duration = Duration::from_secs(2);

/// One edit of a document.
#[derive(Clone, Debug)]
pub enum Edit {
    /// Replace the n-th node (depth-first, modulo the node count) with a value.
    Set(usize, Value),
    /// Remove a key of the n-th object.
    Remove(usize, usize),
    /// Add an unknown key to the n-th object.
    Add(usize, String, Value),
    /// Byte edits of the serialised text: flip, insert, truncate.
    Flip(usize, u8),
    Insert(usize, u8),
    Truncate(usize),
}

fn wild_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop::sample::select(vec![0.0, -1.0, 0.5, 1e308, -1e308, 1e-308, 2.5e9, 4e18, 1e15, -0.0])
            .prop_map(|f| serde_json::json!(f)),
        any::<i64>().prop_map(|i| serde_json::json!(i)),
        any::<u64>().prop_map(|u| serde_json::json!(u)),
        "[a-z_]{0,12}".prop_map(Value::String),
        (0usize..5000).prop_map(|n| Value::String("x".repeat(n))),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
        Just(serde_json::json!([1])),
        Just(serde_json::json!({"kind": "rupiah", "rp": 1e308})),
        prop::collection::vec(any::<u8>().prop_map(|b| serde_json::json!(b)), 0..600).prop_map(Value::Array),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), wild_value()).prop_map(|(n, v)| Edit::Set(n, v)),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(n, k)| Edit::Remove(n, k)),
        1 => (any::<usize>(), "[a-z_]{1,10}", wild_value()).prop_map(|(n, k, v)| Edit::Add(n, k, v)),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Flip(i, b)),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Insert(i, b)),
        1 => any::<usize>().prop_map(Edit::Truncate),
    ]
}

/// One to four edits.
pub fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(), 1..5)
}

fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(o) => o.values().map(count).sum(),
        _ => 0,
    }
}

/// The n-th node of `v`, depth-first, `n` taken modulo the node count.
fn node(v: &mut Value, n: usize) -> Option<&mut Value> {
    let mut i = n % count(v);
    walk(v, &mut i)
}

fn walk<'a>(v: &'a mut Value, i: &mut usize) -> Option<&'a mut Value> {
    if *i == 0 {
        return Some(v);
    }
    *i -= 1;
    let children: Box<dyn Iterator<Item = &'a mut Value>> = match v {
        Value::Array(a) => Box::new(a.iter_mut()),
        Value::Object(o) => Box::new(o.values_mut()),
        _ => return None,
    };
    for x in children {
        let c = count(x);
        if *i < c {
            return walk(x, i);
        }
        *i -= c;
    }
    None
}

/// Applies `edits` to a document; byte edits apply to its text.
pub fn mutate(doc: &Value, edits: &[Edit]) -> String {
    let mut v = doc.clone();
    let mut bytes: Option<Vec<u8>> = None;
    for e in edits {
        match e {
            Edit::Set(n, x) => {
                if let Some(t) = node(&mut v, *n) {
                    *t = x.clone();
                }
            }
            Edit::Remove(n, k) => {
                if let Some(Value::Object(o)) = node(&mut v, *n) {
                    if let Some(key) = o.keys().nth(k % o.len().max(1)).cloned() {
                        o.remove(&key);
                    }
                }
            }
            Edit::Add(n, k, x) => {
                if let Some(Value::Object(o)) = node(&mut v, *n) {
                    o.insert(k.clone(), x.clone());
                }
            }
            Edit::Flip(i, b) | Edit::Insert(i, b) => {
                let t = bytes.get_or_insert_with(|| v.to_string().into_bytes());
                let at = i % (t.len() + 1);
                if matches!(e, Edit::Flip(..)) && at < t.len() {
                    t[at] ^= b | 1;
                } else {
                    t.insert(at, *b);
                }
            }
            Edit::Truncate(i) => {
                let t = bytes.get_or_insert_with(|| v.to_string().into_bytes());
                let at = i % (t.len() + 1);
                t.truncate(at);
            }
        }
    }
    match bytes {
        Some(b) => String::from_utf8_lossy(&b).into_owned(),
        None => v.to_string(),
    }
}

/// The entry points, each with the valid document its inputs start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    ScenarioFile,
    LinkFragment,
    LinkPayload,
    StoredWorkspace,
}

impl Entry {
    pub const ALL: [Entry; 4] = [Entry::ScenarioFile, Entry::LinkFragment, Entry::LinkPayload, Entry::StoredWorkspace];

    fn base(self) -> Value {
        let s = presets::preset("muba_2024").unwrap_or_else(|| unreachable!("built-in preset"));
        match self {
            Entry::ScenarioFile => serde_json::to_value(&s).unwrap_or_default(),
            // The fragment is text; its document is the fragment as a JSON string.
            Entry::LinkFragment => Value::String(persist::encode_link(Start::Preset("muba_2024"), &s)),
            Entry::LinkPayload => {
                let mut own = s.clone();
                own.district.name = "Kabupaten Contoh".into();
                let link = persist::encode_link(Start::Custom, &own);
                let packed = URL_SAFE_NO_PAD.decode(&link[2..]).unwrap_or_default();
                let json = miniz_oxide::inflate::decompress_to_vec(&packed).unwrap_or_default();
                serde_json::from_slice(&json).unwrap_or_default()
            }
            Entry::StoredWorkspace => {
                let saved = |id: u64, name: &str| Saved {
                    id,
                    name: name.into(),
                    preset: Start::Preset("muba_2024"),
                    scenario: s.clone(),
                };
                let mut ws = Workspace::new(saved(0, ""));
                ws.saved = vec![saved(1, "a"), saved(2, "b")];
                ws.next_id = 3;
                serde_json::from_str(&ws.to_json()).unwrap_or_default()
            }
        }
    }

    /// Runs one input; the scenarios it holds when it was accepted.
    fn run(self, input: &str) -> Result<Vec<Scenario>, String> {
        match self {
            Entry::ScenarioFile => Scenario::from_json(input).map(|s| vec![s]).map_err(|e| e.to_string()),
            Entry::LinkFragment => {
                let fragment = serde_json::from_str::<String>(input).unwrap_or_else(|_| input.to_string());
                persist::decode_link(&fragment).map(|(_, s)| vec![s]).map_err(|e| format!("{:?}", e.why))
            }
            Entry::LinkPayload => {
                let packed = miniz_oxide::deflate::compress_to_vec(input.as_bytes(), 6);
                let link = format!("1.{}", URL_SAFE_NO_PAD.encode(packed));
                persist::decode_link(&link).map(|(_, s)| vec![s]).map_err(|e| format!("{:?}", e.why))
            }
            Entry::StoredWorkspace => Workspace::from_json(input)
                .map(|l| std::iter::once(l.workspace.current).chain(l.workspace.saved).map(|s| s.scenario).collect())
                .map_err(|e| format!("{:?}", e.why)),
        }
    }
}

/// What went wrong with one input.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Failure {
    Panic(String),
    Hang,
    /// Accepted, but the run produced a number that is not finite.
    NonFinite(String),
}

/// Runs one input through `entry`: no panic, within `BOUND`, and accepted scenarios simulate (at 500
/// households, so the check is about the inputs' values, not their size) to finite numbers. Ok(true) when
/// the input was accepted.
pub fn check(entry: Entry, input: &str) -> Result<bool, Failure> {
    check_with(entry, input, &mut Simulated::default())
}

/// Scenarios already simulated to finite numbers in this run (as JSON). The simulation is a pure function of
/// the scenario, so a scenario seen before (most of a mutated workspace is the unmutated one) need not run
/// again: that is what makes 10⁶ workspaces an afternoon rather than a day.
#[derive(Default)]
pub struct Simulated(std::collections::HashSet<String>);

fn check_with(entry: Entry, input: &str, seen: &mut Simulated) -> Result<bool, Failure> {
    let t0 = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let Ok(accepted) = entry.run(input) else { return Ok(false) };
        for mut s in accepted {
            s.households = 500;
            let key = serde_json::to_string(&s).unwrap_or_default();
            if seen.0.contains(&key) {
                continue;
            }
            let m = Model::new(s).map_err(|e| format!("accepted, then refused by Model::new: {e}"))?;
            let o = m.simulate();
            for r in o.scenario.iter().chain(&o.baseline).chain(&o.counterfactual) {
                let v = [r.p0_pct, r.p1, r.p2, r.extreme_pct, r.gini, r.poor_people, r.spend_rp];
                if let Some(x) = v.iter().find(|x| !x.is_finite()) {
                    return Err(format!("{} in year {}", x, r.year));
                }
            }
            if seen.0.len() < 200_000 {
                seen.0.insert(key);
            }
        }
        Ok(true)
    }));
    if t0.elapsed() > BOUND {
        return Err(Failure::Hang);
    }
    match outcome {
        Ok(Ok(accepted)) => Ok(accepted),
        Ok(Err(what)) => Err(Failure::NonFinite(what)),
        Err(p) => Err(Failure::Panic(
            p.downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default(),
        )),
    }
}

/// A fuzz run's tally.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    pub inputs: usize,
    pub accepted: usize,
    /// Distinct failures with one input that shows each.
    pub failures: std::collections::BTreeMap<Failure, String>,
    pub seconds: f64,
}

/// Runs `n` mutated inputs through `entry` from `seed`, on one thread.
pub fn run(entry: Entry, n: usize, seed: u64) -> Tally {
    run_part(entry, n, seed, 0)
}

/// Runs `n` inputs split over `threads` threads, each with its own stream of edits (`seed`, thread), and adds
/// up their tallies. The inputs tried depend on the thread count, never on timing.
pub fn run_parallel(entry: Entry, n: usize, seed: u64, threads: usize) -> Tally {
    let threads = threads.clamp(1, 64);
    let t0 = Instant::now();
    let parts: Vec<Tally> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let share = n / threads + usize::from(t < n % threads);
                scope.spawn(move || run_part(entry, share, seed, t as u8))
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let mut tally = Tally::default();
    for p in parts {
        tally.inputs += p.inputs;
        tally.accepted += p.accepted;
        for (f, input) in p.failures {
            tally.failures.entry(f).or_insert(input);
        }
    }
    tally.seconds = t0.elapsed().as_secs_f64();
    tally
}

fn run_part(entry: Entry, n: usize, seed: u64, part: u8) -> Tally {
    let base = entry.base();
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8] = entry as u8;
    key[9] = part;
    let mut runner = TestRunner::new_with_rng(Default::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &key));
    let strategy = edits();
    let mut tally = Tally::default();
    let mut seen = Simulated::default();
    let t0 = Instant::now();
    for _ in 0..n {
        let Ok(tree) = strategy.new_tree(&mut runner) else { continue };
        let input = mutate(&base, &tree.current());
        tally.inputs += 1;
        match check_with(entry, &input, &mut seen) {
            Ok(accepted) => tally.accepted += usize::from(accepted),
            Err(f) => {
                tally.failures.entry(f).or_insert_with(|| input.chars().take(2000).collect());
            }
        }
    }
    tally.seconds = t0.elapsed().as_secs_f64();
    tally
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short run of `scripts/test.sh`: a fixed seed, a few seconds per entry point.
    #[test]
    fn no_outside_input_panics_hangs_or_simulates_to_a_non_finite_number() {
        std::panic::set_hook(Box::new(|_| {}));
        for entry in Entry::ALL {
            let t = run(entry, 400, 1);
            assert_eq!(t.inputs, 400);
            assert!(t.failures.is_empty(), "{entry:?}: {:#?}", t.failures);
        }
        let _ = std::panic::take_hook();
    }

    #[test]
    fn the_unmutated_documents_are_accepted() {
        for entry in Entry::ALL {
            assert!(entry.run(&entry.base().to_string()).is_ok(), "{entry:?}");
        }
    }
}
