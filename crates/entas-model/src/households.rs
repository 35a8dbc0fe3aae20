//! A household file: one row per household (weight, per-capita consumption, size, and optionally its
//! kecamatan and whether it lives in an uninhabitable house or without sanitation), as an analyst holds a
//! survey extract. `Model::with_households` builds the population from it instead of the synthetic
//! distribution, so the base year is the file's, P0, P1 and P2 included. Reading text is not IO: the caller
//! reads the file. The file is read whole or not at all: every bad cell is reported by line and column.

use crate::district_table::{evidence, normalise, number, records, sniff_delimiter, Decimal, TableProblem, MAX_ERRORS};
use crate::scenario::{
    Calibration, Estimated, HouseholdFileRef, Kecamatan, Scenario, ScenarioError, HOUSEHOLDS_RANGE, MAX_KECAMATAN,
};

/// `scenario` on household file `file` (named `name`): the file replaces the synthetic households (their
/// number becomes the file's rows), the calibration targets (P0, P1 and P2 become the file's own at the
/// district's GK) and, when the file names kecamatan, the district's kecamatan (their shares become the
/// file's; a kecamatan chosen as a pocket stays chosen). The district's other figures stay: its population
/// sets the total the weights are scaled to. Applying it twice changes nothing more.
pub fn prepare(scenario: &Scenario, name: &str, file: &Households) -> Result<Scenario, ScenarioError> {
    let s = put_on(scenario, name, file);
    s.validate()?;
    Ok(s)
}

/// `prepare` without the checks (a Monte Carlo draw's resampled file of a prepared scenario).
pub(crate) fn put_on(scenario: &Scenario, name: &str, file: &Households) -> Scenario {
    let mut s = scenario.clone();
    let d = &mut s.district;
    let m = file.measures(d.poverty_line);
    d.calibration = Calibration::P0P1P2 { p0_pct: m.p0_pct, p1: m.p1, p2: m.p2 };
    // The distribution is the file's: estimates of its shape no longer enter the run.
    d.estimated.retain(|e| !matches!(e, Estimated::P1 | Estimated::P2 | Estimated::Gini | Estimated::MeanConsumption));
    // A file without kecamatan has none: the district's entered shares cannot be told apart in it.
    if file.kecamatan_names.is_empty() {
        d.kecamatan.clear();
    } else {
        let z = d.poverty_line;
        let mut sums = vec![[0.0f64; 2]; file.kecamatan_names.len()];
        for i in 0..file.len() {
            let p = file.weight[i] * file.size[i];
            let k = &mut sums[file.kecamatan[i] as usize];
            k[0] += p;
            k[1] += if file.consumption[i] < z { p } else { 0.0 };
        }
        let (people, poor) = sums.iter().fold((0.0, 0.0), |(a, b), k| (a + k[0], b + k[1]));
        let old = std::mem::take(&mut d.kecamatan);
        d.kecamatan = file
            .kecamatan_names
            .iter()
            .zip(&sums)
            .map(|(k, [p, q])| Kecamatan {
                name: k.clone(),
                population_share_pct: 100.0 * p / people,
                poor_share_pct: if poor > 0.0 { 100.0 * q / poor } else { 100.0 * p / people },
                pocket: old.iter().find(|o| o.name.eq_ignore_ascii_case(k)).and_then(|o| o.pocket),
            })
            .collect();
    }
    s.households = file.len();
    s.household_file = Some(HouseholdFileRef {
        name: name.chars().take(200).collect(),
        rows: file.len(),
        fingerprint: format!("{:016x}", file.fingerprint()),
    });
    s
}

/// Longest household file accepted, bytes (a million rows of a few columns).
pub const MAX_BYTES: usize = 96 << 20;

/// Largest household a row may describe (people).
pub const MAX_SIZE: f64 = 40.0;

/// Fewest rows a household file may have (a kabupaten's Susenas sample can be a few hundred households).
pub const MIN_ROWS: usize = 100;

/// Kecamatan with fewer rows than this are flagged: a survey is rarely representative that far down.
pub const THIN_KECAMATAN_ROWS: usize = 30;

/// What a household file suggests checking before its results are trusted (the app words each; the file
/// is used all the same).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub enum FileWarning {
    /// The weights were multiplied by `scale` to reach the district's population: far from 1, the file may
    /// be a partial extract (one desil, some kecamatan) or its weights not households.
    WeightsScaled { scale: f64 },
    /// The file's headcount is far from the district's published one (more than 2 points).
    P0Differs { file_pct: f64, published_pct: f64 },
    /// Kecamatan with few rows: their shares rest on a handful of households.
    ThinKecamatan { names: Vec<String>, rows: usize },
}

impl core::fmt::Display for FileWarning {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            FileWarning::WeightsScaled { scale } => write!(
                f,
                "the weights were multiplied by {scale:.3} to reach the district's population: is the file a partial extract, or are its weights not households?"
            ),
            FileWarning::P0Differs { file_pct, published_pct } => write!(
                f,
                "the file's P0 is {file_pct:.2}% against the district's published {published_pct:.2}%"
            ),
            FileWarning::ThinKecamatan { names, rows } => {
                write!(f, "fewer than {rows} rows in kecamatan {}: their figures rest on few households", names.join(", "))
            }
        }
    }
}

/// What to check about `file` on the district of `scenario` (before `prepare`: its published figures).
pub fn warnings(scenario: &Scenario, file: &Households) -> Vec<FileWarning> {
    let d = &scenario.district;
    let mut out = Vec::new();
    let scale = file.weight_scale(d.population);
    if !(0.8..=1.25).contains(&scale) {
        out.push(FileWarning::WeightsScaled { scale });
    }
    let (file_pct, published_pct) = (file.measures(d.poverty_line).p0_pct, d.calibration.p0_pct());
    if (file_pct - published_pct).abs() > 2.0 {
        out.push(FileWarning::P0Differs { file_pct, published_pct });
    }
    let mut rows = vec![0usize; file.kecamatan_names.len()];
    for k in &file.kecamatan {
        rows[*k as usize] += 1;
    }
    let names: Vec<String> = file
        .kecamatan_names
        .iter()
        .zip(&rows)
        .filter(|(_, r)| **r < THIN_KECAMATAN_ROWS)
        .map(|(n, _)| n.clone())
        .collect();
    if !names.is_empty() {
        out.push(FileWarning::ThinKecamatan { names, rows: THIN_KECAMATAN_ROWS });
    }
    out
}

/// A column of the household file; `weight`, `consumption_pc` and `size` are required.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HouseholdColumn {
    /// Households the row stands for (a survey's expansion factor).
    Weight,
    /// Consumption per capita per month, Rp, at base-year prices.
    Consumption,
    /// People in the household (whole number).
    Size,
    /// The kecamatan's name (optional).
    Kecamatan,
    /// 1 when the household lives in an uninhabitable house (RTLH), else 0 (optional).
    Rtlh,
    /// 1 when the household has no proper sanitation, else 0 (optional).
    NoSanitation,
}

impl HouseholdColumn {
    pub const ALL: [HouseholdColumn; 6] = [
        HouseholdColumn::Weight,
        HouseholdColumn::Consumption,
        HouseholdColumn::Size,
        HouseholdColumn::Kecamatan,
        HouseholdColumn::Rtlh,
        HouseholdColumn::NoSanitation,
    ];

    /// The English header this build writes and documents.
    pub fn header(self) -> &'static str {
        match self {
            HouseholdColumn::Weight => "weight",
            HouseholdColumn::Consumption => "consumption_pc",
            HouseholdColumn::Size => "size",
            HouseholdColumn::Kecamatan => "kecamatan",
            HouseholdColumn::Rtlh => "rtlh",
            HouseholdColumn::NoSanitation => "no_sanitation",
        }
    }

    /// Normalised headers that name the column (Susenas extracts: `FWT` or `WERT` for the weight, `KAPITA`
    /// for per-capita expenditure, `ART` for members).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            HouseholdColumn::Weight => &["weight", "bobot", "penimbang", "fwt", "wert", "household weight"],
            // Per capita only: "pengeluaran" or "consumption" alone is often the household's total.
            HouseholdColumn::Consumption => &[
                "consumption pc",
                "per capita consumption",
                "consumption per capita",
                "pengeluaran per kapita",
                "pengeluaran perkapita",
                "kapita",
            ],
            HouseholdColumn::Size => {
                &["size", "household size", "jumlah art", "jml art", "art", "anggota rumah tangga"]
            }
            HouseholdColumn::Kecamatan => &["kecamatan", "nama kecamatan", "subdistrict"],
            HouseholdColumn::Rtlh => &["rtlh", "uninhabitable house", "rumah tidak layak huni"],
            HouseholdColumn::NoSanitation => &["no sanitation", "tanpa sanitasi", "sanitasi tidak layak"],
        }
    }

    fn of_header(normalised: &str) -> Option<HouseholdColumn> {
        HouseholdColumn::ALL.into_iter().find(|c| c.aliases().contains(&normalised))
    }

    /// Allowed range of a numeric column.
    pub fn range(self) -> (f64, f64) {
        match self {
            HouseholdColumn::Weight => (0.001, 10_000_000.0),
            HouseholdColumn::Consumption => (1_000.0, 1_000_000_000.0),
            HouseholdColumn::Size => (1.0, MAX_SIZE),
            _ => (0.0, 1.0),
        }
    }
}

/// A problem at a line (1 = the header line) and, where it is about one, a column: `header` is the column's
/// header as the file wrote it, or the documented name of a missing one.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct HouseholdError {
    pub line: usize,
    pub column: Option<HouseholdColumn>,
    pub header: String,
    pub problem: TableProblem,
}

impl core::fmt::Display for HouseholdError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "line {}", self.line)?;
        if self.column.is_some() {
            write!(f, ", column {}", self.header)?;
        }
        write!(f, ": {}", self.problem)
    }
}

/// The households of a file, in file order. Consumption is per capita per month in rupiah at the base
/// year's prices; weights are households represented.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Households {
    /// The line of each row in the file (1 = the header).
    pub line: Vec<u32>,
    pub weight: Vec<f64>,
    pub consumption: Vec<f64>,
    pub size: Vec<f64>,
    /// Kecamatan names in order of first appearance (empty when the file has no kecamatan column).
    pub kecamatan_names: Vec<String>,
    /// Index into `kecamatan_names` of each row (empty when the file has none).
    pub kecamatan: Vec<u16>,
    pub rtlh: Option<Vec<bool>>,
    pub no_sanitation: Option<Vec<bool>>,
}

/// The file's own base-year measures at a poverty line, person-weighted.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct FileMeasures {
    pub households: f64,
    pub people: f64,
    pub p0_pct: f64,
    /// P1 and P2 ×100, as BPS publishes them.
    pub p1: f64,
    pub p2: f64,
}

fn flag(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "1" | "ya" | "yes" | "true" | "y" => Some(true),
        "0" | "tidak" | "no" | "false" | "t" | "n" => Some(false),
        _ => None,
    }
}

impl Households {
    /// Reads a household file from CSV text (`,`, `;` or tab between columns; decimal points or commas, read
    /// from the cells); every problem found (up to `MAX_ERRORS`) is returned with its line and column.
    pub fn parse(text: &str) -> Result<Households, Vec<HouseholdError>> {
        let err = |line: usize, column: Option<HouseholdColumn>, problem: TableProblem| HouseholdError {
            line,
            column,
            header: column.map(|c| c.header().to_string()).unwrap_or_default(),
            problem,
        };
        let max_rows = HOUSEHOLDS_RANGE.1;
        if text.len() > MAX_BYTES {
            return Err(vec![err(0, None, TableProblem::TooLarge { rows: text.lines().count(), max: max_rows })]);
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let Some(header_line) = text.lines().find(|l| !l.trim().is_empty()) else {
            return Err(vec![err(1, None, TableProblem::Empty)]);
        };
        let delimiter = sniff_delimiter(header_line);
        let records = records(text, delimiter, max_rows).map_err(|(line, p)| vec![err(line, None, p)])?;
        let Some((header_at, header)) = records.first().cloned() else {
            return Err(vec![err(1, None, TableProblem::Empty)]);
        };
        let mut errors = Vec::new();
        let mut at: Vec<Option<usize>> = vec![None; HouseholdColumn::ALL.len()];
        let mut typed: Vec<String> = HouseholdColumn::ALL.iter().map(|c| c.header().to_string()).collect();
        for (i, h) in header.iter().enumerate() {
            if let Some(c) = HouseholdColumn::of_header(&normalise(h)) {
                if at[c as usize].replace(i).is_some() {
                    errors.push(err(header_at, Some(c), TableProblem::DuplicateColumn));
                }
                typed[c as usize] = h.trim().chars().take(80).collect();
            }
        }
        for c in [HouseholdColumn::Weight, HouseholdColumn::Consumption, HouseholdColumn::Size] {
            if at[c as usize].is_none() {
                errors.push(err(header_at, Some(c), TableProblem::MissingColumn));
            }
        }
        let name = |mut e: Vec<HouseholdError>| {
            for x in &mut e {
                if let Some(c) = x.column {
                    x.header = typed[c as usize].clone();
                }
            }
            e
        };
        if !errors.is_empty() {
            return Err(name(errors));
        }
        let data = &records[1..];
        if data.len() < MIN_ROWS {
            let p = TableProblem::Invalid {
                field: "households".into(),
                problem: crate::scenario::Problem::OutOfRange {
                    value: data.len() as f64,
                    min: MIN_ROWS as f64,
                    max: HOUSEHOLDS_RANGE.1 as f64,
                },
            };
            return Err(vec![err(header_at, None, p)]);
        }
        let col = |c: HouseholdColumn| at[c as usize];
        let numeric = [HouseholdColumn::Weight, HouseholdColumn::Consumption, HouseholdColumn::Size];
        let (mut comma, mut point) = (0usize, 0usize);
        for (_, rec) in data {
            for c in numeric {
                match col(c).and_then(|i| rec.get(i)).and_then(evidence) {
                    Some(Decimal::Comma) => comma += 1,
                    Some(Decimal::Point) => point += 1,
                    None => {}
                }
            }
        }
        let dec = if comma > point || (comma == point && delimiter == b';') { Decimal::Comma } else { Decimal::Point };

        let n = data.len();
        let mut out = Households {
            line: Vec::with_capacity(n),
            weight: Vec::with_capacity(n),
            consumption: Vec::with_capacity(n),
            size: Vec::with_capacity(n),
            kecamatan_names: Vec::new(),
            kecamatan: Vec::new(),
            rtlh: col(HouseholdColumn::Rtlh).map(|_| Vec::with_capacity(n)),
            no_sanitation: col(HouseholdColumn::NoSanitation).map(|_| Vec::with_capacity(n)),
        };
        let mut names: std::collections::HashMap<String, u16> = std::collections::HashMap::new();
        for (line, rec) in data {
            let line = *line;
            let mut bad = |c: HouseholdColumn, p: TableProblem| {
                if errors.len() < MAX_ERRORS {
                    errors.push(err(line, Some(c), p));
                }
            };
            let cell = |c: HouseholdColumn| col(c).and_then(|i| rec.get(i)).unwrap_or_default();
            let mut num = |c: HouseholdColumn| -> f64 {
                let text = cell(c);
                if text.is_empty() {
                    bad(c, TableProblem::EmptyCell);
                    return f64::NAN;
                }
                if evidence(text).is_some_and(|d| d != dec) {
                    bad(c, TableProblem::MixedDecimal { text: text.chars().take(40).collect() });
                    return f64::NAN;
                }
                let Some(v) = number(text, dec) else {
                    bad(c, TableProblem::NotANumber { text: text.chars().take(40).collect() });
                    return f64::NAN;
                };
                let (min, max) = c.range();
                if !(min..=max).contains(&v) {
                    bad(c, TableProblem::OutOfRange { value: v, min, max });
                    return f64::NAN;
                }
                if c == HouseholdColumn::Size && v.fract() != 0.0 {
                    bad(c, TableProblem::NotWhole { text: text.chars().take(40).collect() });
                    return f64::NAN;
                }
                v
            };
            let (w, y, s) =
                (num(HouseholdColumn::Weight), num(HouseholdColumn::Consumption), num(HouseholdColumn::Size));
            out.line.push(line as u32);
            out.weight.push(w);
            out.consumption.push(y);
            out.size.push(s);
            if col(HouseholdColumn::Kecamatan).is_some() {
                let k: String = cell(HouseholdColumn::Kecamatan).chars().take(100).collect();
                if k.is_empty() {
                    bad(HouseholdColumn::Kecamatan, TableProblem::EmptyCell);
                }
                let next = names.len();
                let i = *names.entry(k.clone()).or_insert_with(|| {
                    out.kecamatan_names.push(k);
                    next as u16
                });
                if names.len() > MAX_KECAMATAN {
                    let p = TableProblem::TooLarge { rows: names.len(), max: MAX_KECAMATAN };
                    bad(HouseholdColumn::Kecamatan, p);
                    break;
                }
                out.kecamatan.push(i);
            }
            for (c, v) in
                [(HouseholdColumn::Rtlh, &mut out.rtlh), (HouseholdColumn::NoSanitation, &mut out.no_sanitation)]
            {
                if let Some(v) = v {
                    let text = cell(c);
                    v.push(flag(text).unwrap_or_else(|| {
                        let p = if text.is_empty() {
                            TableProblem::EmptyCell
                        } else {
                            TableProblem::NotANumber { text: text.chars().take(40).collect() }
                        };
                        bad(c, p);
                        false
                    }));
                }
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(name(errors))
        }
    }

    /// Whether the rows are what `parse` makes (every column as long as the weights, every value in its
    /// column's range): households that arrive as data (a worker's message) are checked before use.
    pub fn is_consistent(&self) -> bool {
        let n = self.len();
        let in_range = |c: HouseholdColumn, v: &[f64]| {
            let (lo, hi) = c.range();
            v.iter().all(|x| (lo..=hi).contains(x))
        };
        (MIN_ROWS..=HOUSEHOLDS_RANGE.1).contains(&n)
            && [self.line.len(), self.consumption.len(), self.size.len()].iter().all(|l| *l == n)
            && (self.kecamatan.is_empty() == self.kecamatan_names.is_empty())
            && (self.kecamatan.is_empty() || self.kecamatan.len() == n)
            && self.kecamatan.iter().all(|k| (*k as usize) < self.kecamatan_names.len())
            && self.kecamatan_names.len() <= MAX_KECAMATAN
            && self.rtlh.as_ref().is_none_or(|v| v.len() == n)
            && self.no_sanitation.as_ref().is_none_or(|v| v.len() == n)
            && in_range(HouseholdColumn::Weight, &self.weight)
            && in_range(HouseholdColumn::Consumption, &self.consumption)
            && in_range(HouseholdColumn::Size, &self.size)
    }

    /// A Poisson bootstrap of the rows for Monte Carlo draw `seed`: each row's weight times a Poisson(1)
    /// count, rows drawn zero times left out (households resampled with replacement, as a survey's base year
    /// could have come out; clusters and strata are not known here, so this understates a design's error).
    pub fn bootstrap(&self, seed: u64) -> Households {
        let mut out = Households {
            line: Vec::new(),
            weight: Vec::new(),
            consumption: Vec::new(),
            size: Vec::new(),
            kecamatan_names: self.kecamatan_names.clone(),
            kecamatan: Vec::new(),
            rtlh: self.rtlh.as_ref().map(|_| Vec::new()),
            no_sanitation: self.no_sanitation.as_ref().map(|_| Vec::new()),
        };
        let e1 = libm::exp(-1.0);
        for i in 0..self.len() {
            let u = crate::rng::uniform(seed, crate::rng::Stream::Draw, i as u64, 1);
            let (mut k, mut p, mut cum) = (0.0, e1, e1);
            while u > cum && k < 20.0 {
                k += 1.0;
                p /= k;
                cum += p;
            }
            if k == 0.0 {
                continue;
            }
            out.line.push(self.line[i]);
            out.weight.push(self.weight[i] * k);
            out.consumption.push(self.consumption[i]);
            out.size.push(self.size[i]);
            if let Some(&k) = self.kecamatan.get(i) {
                out.kecamatan.push(k);
            }
            if let (Some(o), Some(v)) = (out.rtlh.as_mut(), &self.rtlh) {
                o.push(v[i]);
            }
            if let (Some(o), Some(v)) = (out.no_sanitation.as_mut(), &self.no_sanitation) {
                o.push(v[i]);
            }
        }
        out
    }

    /// Rows in the file.
    pub fn len(&self) -> usize {
        self.weight.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weight.is_empty()
    }

    /// The file's base-year headcount, poverty gap and severity at line `z` (Rp per capita per month),
    /// weighted by people (weight × size), summed in file order: the figures the model's base year must
    /// reproduce.
    pub fn measures(&self, z: f64) -> FileMeasures {
        let (mut hh, mut people, mut poor, mut gap, mut sev) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for ((w, s), y) in self.weight.iter().zip(&self.size).zip(&self.consumption) {
            let p = w * s;
            hh += w;
            people += p;
            if *y < z {
                let g = 1.0 - y / z;
                poor += p;
                gap += p * g;
                sev += p * g * g;
            }
        }
        let share = |v: f64| if people > 0.0 { 100.0 * v / people } else { 0.0 };
        FileMeasures { households: hh, people, p0_pct: share(poor), p1: share(gap), p2: share(sev) }
    }

    /// What the weights are multiplied by so that the people add up to `population` (the district's figure):
    /// the file gives the distribution's shape, the district its size.
    pub fn weight_scale(&self, population: f64) -> f64 {
        population / self.weight.iter().zip(&self.size).map(|(w, s)| w * s).sum::<f64>()
    }

    /// A fingerprint of the rows (FNV-1a over their bits): which file a worker holds.
    pub fn fingerprint(&self) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |v: u64| {
            for b in v.to_le_bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        };
        eat(self.len() as u64);
        for i in 0..self.len() {
            eat(self.weight[i].to_bits());
            eat(self.consumption[i].to_bits());
            eat(self.size[i].to_bits());
            eat(self.kecamatan.get(i).copied().unwrap_or(u16::MAX) as u64);
            eat(self.rtlh.as_ref().map_or(2, |v| v[i] as u64));
            eat(self.no_sanitation.as_ref().map_or(2, |v| v[i] as u64));
        }
        for k in &self.kecamatan_names {
            for b in k.bytes() {
                eat(b as u64);
            }
            eat(u64::MAX);
        }
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rows: usize, f: impl Fn(usize) -> String) -> String {
        let mut s = String::from("weight,consumption_pc,size\n");
        for i in 0..rows {
            s.push_str(&f(i));
            s.push('\n');
        }
        s
    }

    #[test]
    fn reads_english_and_susenas_headers_and_decimal_commas() {
        let h = Households::parse(&file(600, |i| format!("{}.5,{},{}", 100 + i % 7, 300_000 + 1_000 * i, 1 + i % 6)))
            .expect("reads");
        assert_eq!(h.len(), 600);
        assert_eq!(h.line[0], 2);
        assert_eq!(h.weight[1], 101.5);
        let mut s = String::from("FWT;KAPITA;ART;Kecamatan;RTLH\n");
        for i in 0..600 {
            s.push_str(&format!(
                "{},25;{}.000;{};{};{}\n",
                90 + i % 3,
                400 + i,
                1 + i % 5,
                ["Sekayu", "Lais"][i % 2],
                i % 2
            ));
        }
        let h = Households::parse(&s).expect("reads Indonesian");
        assert_eq!(h.weight[0], 90.25);
        assert_eq!(h.consumption[0], 400_000.0);
        assert_eq!(h.kecamatan_names, vec!["Sekayu".to_string(), "Lais".to_string()]);
        assert_eq!(h.kecamatan[3], 1);
        assert_eq!(h.rtlh.as_ref().map(|v| v[1]), Some(true));
    }

    #[test]
    fn bad_rows_are_reported_by_line_and_column() {
        let text = file(600, |i| match i {
            3 => "-4,500000,3".into(),
            7 => "100,lima ratus,3".into(),
            9 => "100,500000,2.5".into(),
            _ => "100,500000,3".into(),
        });
        let e = Households::parse(&text).expect_err("refused");
        let at: Vec<(usize, Option<HouseholdColumn>)> = e.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(
            at,
            vec![
                (5, Some(HouseholdColumn::Weight)),
                (9, Some(HouseholdColumn::Consumption)),
                (11, Some(HouseholdColumn::Size))
            ]
        );
        assert!(e[0].to_string().starts_with("line 5, column weight: -4 is outside"), "{}", e[0]);
        let missing = Households::parse("weight,size\n1,2\n").expect_err("no consumption");
        assert_eq!(missing[0].column, Some(HouseholdColumn::Consumption));
        assert_eq!(missing[0].problem, TableProblem::MissingColumn);
        let short = Households::parse(&file(99, |_| "1,500000,3".into())).expect_err("too few rows");
        assert!(matches!(short[0].problem, TableProblem::Invalid { .. }));
        let ragged = Households::parse(&file(600, |i| if i == 50 { "1,2".into() } else { "1,500000,3".into() }));
        assert_eq!(ragged.expect_err("ragged")[0].line, 52);
    }

    #[test]
    fn measures_are_the_weighted_fgt_of_the_rows() {
        let h = Households::parse(&file(600, |i| {
            format!("{},{},{}", 1 + i % 2, if i < 60 { 250_000 } else { 900_000 }, 4)
        }))
        .expect("reads");
        let m = h.measures(500_000.0);
        // 60 poor rows: 30 of weight 1 and 30 of weight 2, each half a line below.
        let people = 4.0 * (300.0 + 600.0);
        assert!((m.p0_pct - 100.0 * 4.0 * 90.0 / people).abs() < 1e-12);
        assert!((m.p1 - m.p0_pct * 0.5).abs() < 1e-12);
        assert!((m.p2 - m.p0_pct * 0.25).abs() < 1e-12);
        assert_ne!(h.fingerprint(), Households::parse(&file(600, |_| "1,250000,4".into())).unwrap().fingerprint());
    }
}
