//! Simulation speed: households × 10 years, the three worlds in one pass (Muba 2024 with its programme
//! budgets). Criterion prints throughput in household-years per second (elements); the ns per
//! household-year figure is 1e9 ÷ that. `slider` times what a lever move costs in the explorer: the scenario
//! world alone on a shared reference (20,000 households, 2024–2030, cash budget changed).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use entas_model::levers::LeverId;
use entas_model::simulate::{Active, Reference};
use entas_model::{presets, simulate, Model};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("simulate_10y");
    group.sample_size(10);
    for households in [20_000usize, 100_000, 350_000, 1_000_000] {
        let mut s = presets::preset("muba_2024").expect("preset");
        s.households = households;
        s.horizon = s.district.base_year + 10;
        let model = Model::new(s).expect("valid");
        group.throughput(Throughput::Elements((households * 10) as u64));
        group.bench_with_input(BenchmarkId::from_parameter(households), &model, |b, m| {
            b.iter(|| simulate::simulate(&m.scenario, &m.population))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("slider_20k_6y");
    group.sample_size(20);
    let m = Model::new(presets::preset("muba_2024").expect("preset")).expect("valid");
    let mut lv = m.scenario.levers.clone();
    lv.set(LeverId::CashBudget, 100.0).expect("in range");
    group.bench_function("full_run", |b| {
        b.iter(|| simulate::simulate_with(&m.scenario, &lv, &m.population, Active::ALL, None))
    });
    let reference = Reference::new(&m.scenario, &m.scenario.levers, &m.population);
    group.bench_function("scenario_world_on_shared_reference", |b| {
        b.iter(|| reference.scenario(&m.scenario, &lv, &m.population, Active::ALL, None))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
