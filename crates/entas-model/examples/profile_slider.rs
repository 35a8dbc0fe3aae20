//! Profiling aid: the slider's scenario pass on a shared reference in a loop (`perf record` it), or with
//! `full` as second argument the whole run (reference and scenario world).
use entas_model::levers::LeverId;
use entas_model::simulate::{Active, Reference};
use entas_model::{presets, Model};

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(300);
    let m = Model::new(presets::preset("muba_2024").expect("preset")).expect("valid");
    let mut lv = m.scenario.levers.clone();
    lv.set(LeverId::CashBudget, 100.0).expect("in range");
    let reference = Reference::new(&m.scenario, &m.scenario.levers, &m.population);
    let t0 = std::time::Instant::now();
    let mut p0 = 0.0;
    let full = std::env::args().nth(2).is_some_and(|a| a == "full");
    for _ in 0..runs {
        let o = if full {
            entas_model::simulate::simulate_with(&m.scenario, &lv, &m.population, Active::ALL, None)
        } else {
            reference.scenario(&m.scenario, &lv, &m.population, Active::ALL, None)
        };
        p0 += o.scenario[3].p0_pct;
    }
    println!("{:.3} ms per run ({p0})", t0.elapsed().as_secs_f64() * 1e3 / runs as f64);
}
