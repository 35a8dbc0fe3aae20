// A survey-like household file for tests and the benchmark: lognormal per-capita consumption around Musi
// Banyuasin's GK, weights averaging what makes Muba's 690,500 people (half to one and a half times it), 1–7 members, kecamatan with different means, one
// household in eight in an uninhabitable house. Deterministic (a fixed linear congruential generator), and
// the file's own person-weighted P0 at `gk` is returned beside it, computed here independently of the model.
const KECAMATAN = ['Sekayu', 'Lais', 'Bayung Lencir', 'Sungai Lilin', 'Babat Toman'];

export function householdFile(rows, gk = 590000, sep = ';') {
  let seed = 12345;
  const uniform = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed + 0.5) / 2147483648;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const lines = [['bobot', 'pengeluaran_per_kapita', 'jumlah_art', 'kecamatan', 'rtlh'].join(sep)];
  let people = 0;
  let poor = 0;
  for (let i = 0; i < rows; i++) {
    const k = i % KECAMATAN.length;
    const y = Math.round(Math.exp(14.0 - 0.08 * k + 0.45 * normal()));
    const w = Math.round((0.5 + uniform()) * (690500 / 4 / rows) * 100) / 100 || 0.01;
    const size = 1 + Math.floor(uniform() * 7);
    const rtlh = uniform() < 0.125 ? 1 : 0;
    const weight = sep === ';' ? String(w).replace('.', ',') : String(w);
    lines.push([weight, y, size, KECAMATAN[k], rtlh].join(sep));
    people += w * size;
    if (y < gk) poor += w * size;
  }
  return { text: lines.join('\n') + '\n', p0: (100 * poor) / people, kecamatan: KECAMATAN };
}
