//! Simulation speed: households × 10 years, the three worlds in one pass (Muba 2024 with its programme
//! budgets). Criterion prints throughput in household-years per second (elements); the ns per
//! household-year figure is 1e9 ÷ that. `slider` times what a lever move costs in the explorer: the scenario
//! world alone on a shared reference (20,000 households, 2024–2030, cash budget changed). `analysis` times the
//! population build at 350,000 households, the Shapley wedge over all seven programmes at the default
//! 20,000 (with Muba's budgets plus graduation, enterprise and data updating), and 20 Monte Carlo draws, one
//! thread (`--features parallel` for every core).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use entas_model::levers::LeverId;
use entas_model::simulate::{Active, Reference};
use entas_model::{analysis, presets, simulate, Model, Population};

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

    let mut group = c.benchmark_group("analysis");
    group.sample_size(10);
    let mut big = presets::preset("muba_2024").expect("preset");
    big.households = 350_000;
    group.bench_function("population_build_350k", |b| b.iter(|| Population::build(&big, &big.levers)));
    let mut all = m.scenario.clone();
    for (id, v) in
        [(LeverId::GraduationBudget, 20.0), (LeverId::EnterpriseBudget, 10.0), (LeverId::DataUpdateBudget, 5.0)]
    {
        all.levers.set(id, v).expect("in range");
    }
    let m_all = Model::new(all).expect("valid");
    group.bench_function("shapley_7_programmes_20k", |b| {
        b.iter(|| analysis::shapley_wedge(&m_all.scenario, &m_all.scenario.levers, &m_all.population))
    });
    group.bench_function("monte_carlo_20_draws_20k", |b| {
        b.iter(|| analysis::monte_carlo(&m.scenario, &m.scenario.levers, 20, |_, _| {}))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
