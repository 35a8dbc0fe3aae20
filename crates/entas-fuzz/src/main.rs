//! The long fuzz run: `cargo run --release -p entas-fuzz -- [INPUTS_PER_ENTRY] [SEED] [THREADS] [ENTRY]`.
//! Prints inputs per second and the distinct failures of each entry point; exits 1 when there is any.
//! THREADS defaults to every core; ENTRY (e.g. `StoredWorkspace`) runs one entry point only.

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let threads: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let only = args.next();
    std::panic::set_hook(Box::new(|_| {}));
    let mut failed = false;
    for entry in entas_fuzz::Entry::ALL {
        if only.as_ref().is_some_and(|o| *o != format!("{entry:?}")) {
            continue;
        }
        let t = entas_fuzz::run_parallel(entry, n, seed, threads);
        println!(
            "{entry:?}: {} inputs in {:.1} s ({:.0}/s, {threads} threads), {} accepted, {} distinct failures",
            t.inputs,
            t.seconds,
            t.inputs as f64 / t.seconds.max(1e-9),
            t.accepted,
            t.failures.len()
        );
        for (f, input) in &t.failures {
            failed = true;
            println!("  {f:?}\n    input: {}", input.chars().take(300).collect::<String>());
        }
    }
    std::process::exit(i32::from(failed));
}
