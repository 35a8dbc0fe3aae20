//! Simulation speed: households × 10 years, baseline and scenario in one pass (Muba 2024 with its
//! programme budgets). Criterion prints throughput in household-years per second (elements); the ns per
//! household-year figure is 1e9 ÷ that.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
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
}

criterion_group!(benches, bench);
criterion_main!(benches);
