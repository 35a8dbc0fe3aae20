//! The BPS district table: one row per kabupaten/kota and year (code, name, year, P0, P1, P2, GK, poor
//! people, population), read from CSV text as BPS and spreadsheets write it (Indonesian or English headers,
//! decimal commas or points, `;`, `,` or tab between columns). Any row becomes a scenario's district; the
//! other years of the same code become its observed history. Reading text is not IO: the caller reads the file.
//!
//! A table is read whole or not at all: every bad cell is reported with its line and column, and nothing is
//! kept from a table with an error.

use std::collections::BTreeMap;

use crate::levers::LeverValues;
use crate::scenario::{
    Calibration, District, Estimated, ExtremeLine, GrowthBasis, Observation, Problem, Scenario, SCHEMA_VERSION,
};

/// Most rows a table may hold (514 districts × 20 years with room to spare).
pub const MAX_ROWS: usize = 20_000;
/// Longest table accepted, bytes.
pub const MAX_BYTES: usize = 8 << 20;

/// National P1/P0, March 2024 (1.461 ÷ 9.03, BPS): the poverty gap of a row that gives none (brief §5) [A].
pub const NATIONAL_P1_RATIO: f64 = 1.461 / 9.03;
/// A P1 for a headcount whose poverty gap is not known: P0 × Indonesia's P1/P0 (March 2024), rounded as BPS
/// publishes, and the source note that says so.
pub fn p1_estimate(p0_pct: f64) -> (f64, String) {
    let v = (p0_pct * NATIONAL_P1_RATIO * 1000.0).round() / 1000.0;
    (v, format!("P1 {v} [A]: not given; P0 × the P1/P0 of Indonesia (1.461 ÷ 9.03, March 2024)"))
}

/// Mean household size when the table gives none: Indonesia, as the national preset uses (3.8) [A].
pub const DEFAULT_HOUSEHOLD_SIZE: f64 = 3.8;

/// A column of the table. `code`, `name`, `year`, `p0` and `gk` are required; `poor` or `population` too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Code,
    Name,
    Year,
    P0,
    P1,
    P2,
    PovertyLine,
    PoorPeople,
    Population,
    HouseholdSize,
    Gini,
    Extreme,
    /// Where the row's figures come from (text, optional): kept with the district's sources.
    Source,
}

impl Column {
    /// Every column, in the documented order.
    pub const ALL: [Column; 13] = [
        Column::Code,
        Column::Name,
        Column::Year,
        Column::P0,
        Column::P1,
        Column::P2,
        Column::PovertyLine,
        Column::PoorPeople,
        Column::Population,
        Column::HouseholdSize,
        Column::Gini,
        Column::Extreme,
        Column::Source,
    ];

    /// The English header this build writes and documents.
    pub fn header(self) -> &'static str {
        match self {
            Column::Code => "code",
            Column::Name => "name",
            Column::Year => "year",
            Column::P0 => "p0_pct",
            Column::P1 => "p1",
            Column::P2 => "p2",
            Column::PovertyLine => "poverty_line",
            Column::PoorPeople => "poor_people",
            Column::Population => "population",
            Column::HouseholdSize => "household_size",
            Column::Gini => "gini",
            Column::Extreme => "extreme_pct",
            Column::Source => "source",
        }
    }

    /// Headers that name this column, normalised (lower case, words only), most specific columns first in
    /// `Column::MATCH_ORDER`. A header matches when it equals one of these or starts with one and a space.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Code => {
                &["code", "kode", "bps code", "kode bps", "kode wilayah", "kode kabupaten kota", "kode kab kota"]
            }
            Column::Name => &[
                "name",
                "nama",
                "district",
                "kabupaten kota",
                "kab kota",
                "nama kabupaten kota",
                "nama wilayah",
                "wilayah",
            ],
            Column::Year => &["year", "tahun"],
            Column::P0 => &["p0", "p0 pct", "persentase penduduk miskin", "headcount"],
            Column::P1 => &["p1", "indeks kedalaman kemiskinan", "poverty gap"],
            Column::P2 => &["p2", "indeks keparahan kemiskinan", "poverty severity"],
            Column::PovertyLine => &["poverty line", "gk", "garis kemiskinan"],
            Column::PoorPeople => &["poor people", "jumlah penduduk miskin", "penduduk miskin"],
            Column::Population => &["population", "jumlah penduduk", "penduduk"],
            Column::HouseholdSize => &["household size", "rata rata anggota rumah tangga", "anggota rumah tangga"],
            Column::Gini => &["gini", "gini ratio", "rasio gini", "indeks gini"],
            Column::Extreme => &[
                "extreme pct",
                "extreme",
                "persentase penduduk miskin ekstrem",
                "kemiskinan ekstrem",
                "penduduk miskin ekstrem",
            ],
            Column::Source => &["source", "sources", "sumber", "sumber data", "keterangan", "catatan", "note"],
        }
    }

    /// The order headers are tried in: a longer phrase that starts like another column's goes first
    /// ("persentase penduduk miskin ekstrem" before "persentase penduduk miskin", "jumlah penduduk miskin"
    /// before "jumlah penduduk", "kode kabupaten kota" before "kabupaten kota").
    const MATCH_ORDER: [Column; 13] = [
        Column::Code,
        Column::Extreme,
        Column::PoorPeople,
        Column::P0,
        Column::P1,
        Column::P2,
        Column::PovertyLine,
        Column::Population,
        Column::HouseholdSize,
        Column::Gini,
        Column::Year,
        Column::Source,
        Column::Name,
    ];

    fn of_header(normalised: &str) -> Option<Column> {
        // Parts of a figure BPS tables put beside it (the food and non-food GK, urban and rural rates, the
        // vulnerable): never the figure itself.
        const PARTS: [&str; 12] = [
            "makanan",
            "food",
            "perkotaan",
            "perdesaan",
            "urban",
            "rural",
            "rentan",
            "vulnerable",
            "laki",
            "perempuan",
            "pria",
            "wanita",
        ];
        if normalised.split(' ').any(|w| PARTS.contains(&w))
            && !normalised.starts_with("kode")
            && !normalised.starts_with("nama")
        {
            // "kabupaten kota" names the column of names, and "kode kabupaten kota" the codes.
            if normalised != "kabupaten kota" && normalised != "kab kota" {
                return None;
            }
        }
        let found = Column::MATCH_ORDER.into_iter().find(|c| {
            c.aliases()
                .iter()
                .any(|a| normalised == *a || normalised.strip_prefix(a).is_some_and(|rest| rest.starts_with(' ')))
        });
        // "Jumlah Penduduk Miskin Ekstrem" is a count of the extreme poor, not of the poor.
        let extreme_word = normalised.split(' ').any(|w| w == "ekstrem" || w == "extreme");
        found.filter(|c| *c == Column::Extreme || !extreme_word)
    }
}

/// What is wrong with a table, as data (the app words it in the UI language; `Display` is the CLI's English).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub enum TableProblem {
    /// No header line, or no data row.
    Empty,
    /// Larger than `MAX_BYTES` or longer than `MAX_ROWS` rows.
    TooLarge { rows: usize, max: usize },
    /// The CSV itself cannot be read (unbalanced quotes, a row with the wrong number of cells).
    Malformed { detail: String },
    /// A required column is not in the header.
    MissingColumn,
    /// Two header cells name the same column.
    DuplicateColumn,
    /// A cell that must hold a number holds text.
    NotANumber { text: String },
    /// A number written with the other decimal separator than the rest of the file ("12,88" in a file of
    /// "12.88"): which one is meant cannot be told.
    MixedDecimal { text: String },
    /// A number outside the column's range.
    OutOfRange { value: f64, min: f64, max: f64 },
    /// A required cell is empty.
    EmptyCell,
    /// A number that must be whole (a household's members) has a fraction.
    NotWhole { text: String },
    /// A code that is not 2 to 10 digits (dots and spaces are ignored: "16.06" is 1606).
    BadCode { text: String },
    /// Neither poor people nor population is given in a row.
    NeedsPopulation,
    /// The same code and year twice.
    DuplicateRow { first_line: usize },
    /// The figures of the row do not make a valid district (a model range; the field is the model's).
    Invalid { field: String, problem: Problem },
}

/// A problem at a line (1 = the header line) and, where it is about one, a column: `header` is the column's
/// header as the file wrote it ("Persentase Penduduk Miskin (P0)"), or the documented name of a missing one.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TableError {
    pub line: usize,
    pub column: Option<Column>,
    pub header: String,
    pub problem: TableProblem,
}

impl core::fmt::Display for TableError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "line {}", self.line)?;
        if self.column.is_some() {
            write!(f, ", column {}", self.header)?;
        }
        write!(f, ": {}", self.problem)
    }
}

/// What is wrong, in the CLI's English (the district table and the household file share the wording).
impl core::fmt::Display for TableProblem {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            TableProblem::Empty => write!(f, "the table has no header or no data row"),
            TableProblem::TooLarge { rows, max } => write!(f, "{rows} rows; at most {max}"),
            TableProblem::Malformed { detail } => write!(f, "not readable as CSV ({detail})"),
            TableProblem::MissingColumn => write!(f, "this required column is missing from the header"),
            TableProblem::DuplicateColumn => write!(f, "named twice in the header"),
            TableProblem::NotANumber { text } => write!(f, "'{text}' is not a number"),
            TableProblem::MixedDecimal { text } => {
                write!(f, "'{text}' uses the other decimal separator than the rest of the file")
            }
            TableProblem::OutOfRange { value, min, max } => {
                write!(f, "{value} is outside the allowed range {min} to {max}")
            }
            TableProblem::EmptyCell => write!(f, "empty; a value is required"),
            TableProblem::NotWhole { text } => write!(f, "'{text}' is not a whole number"),
            TableProblem::BadCode { text } => write!(f, "'{text}' is not a BPS code (2 to 10 digits)"),
            TableProblem::NeedsPopulation => write!(f, "give poor_people or population"),
            TableProblem::DuplicateRow { first_line } => {
                write!(f, "the same code and year as line {first_line}")
            }
            TableProblem::Invalid { field, problem } => write!(f, "{field}: {problem}"),
        }
    }
}

/// Errors listed at most (a file of the wrong kind would otherwise list one per cell).
pub const MAX_ERRORS: usize = 50;

/// One district-year, as read (rates in percent as BPS publishes them; P1 and P2 ×100; people as counts).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Row {
    /// The line in the file (1 = the header).
    pub line: usize,
    pub code: String,
    pub name: String,
    pub year: i32,
    pub p0_pct: f64,
    pub p1: Option<f64>,
    pub p2: Option<f64>,
    pub poverty_line: f64,
    pub poor_people: Option<f64>,
    pub population: Option<f64>,
    pub household_size: Option<f64>,
    pub gini: Option<f64>,
    /// Extreme-poverty rate as BPS published it for the year (US$2.15, 2017 PPP, from 2024; US$1.90, 2011
    /// PPP, before), percent: a check shown beside the model's.
    pub extreme_pct: Option<f64>,
    /// Where the figures come from, as typed (may be empty).
    pub source: String,
}

/// A district table: rows in file order, each code-and-year once.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Table {
    pub rows: Vec<Row>,
}

/// Decimal convention of a file: which of `,` and `.` separates decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Decimal {
    Point,
    Comma,
}

/// Where the header line is: the lines before it and its byte offset. The first of the first 30 lines that
/// names at least three known columns (split on its most frequent delimiter); else the first line.
fn header_offset(text: &str) -> (usize, usize) {
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').take(30).enumerate() {
        let delimiter = sniff_delimiter(line) as char;
        let known = line
            .split(delimiter)
            .filter(|cell| Column::of_header(&normalise(cell.trim().trim_matches('"'))).is_some())
            .count();
        if known >= 3 {
            return (i, offset);
        }
        offset += line.len();
    }
    (0, 0)
}

/// Normalises a header: lower case, every run of non-alphanumeric characters a single space.
pub(crate) fn normalise(h: &str) -> String {
    let mut out = String::with_capacity(h.len());
    for ch in h.trim().chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// The delimiter of the header line: the most frequent of `;`, tab and `,` outside quotes.
pub(crate) fn sniff_delimiter(header: &str) -> u8 {
    let (mut quoted, mut counts) = (false, [0usize; 3]);
    for b in header.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b';' if !quoted => counts[0] += 1,
            b'\t' if !quoted => counts[1] += 1,
            b',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], i)).unwrap_or(2);
    [b';', b'\t', b','][best]
}

/// Whether `s` is digits grouped by `sep` in threes ("590.000", "1,234,567").
fn grouped(s: &str, sep: char) -> bool {
    let mut parts = s.split(sep);
    let first = parts.next().unwrap_or_default();
    let mut any = false;
    let ok_first = (1..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_digit());
    for p in parts {
        any = true;
        if p.len() != 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    ok_first && any
}

/// What a numeric cell says about the file's decimal separator: Some when only one reading is possible.
pub(crate) fn evidence(cell: &str) -> Option<Decimal> {
    let t = cell.trim().trim_start_matches(['-', '+']);
    match (t.contains('.'), t.contains(',')) {
        (true, true) => Some(if t.rfind(',') > t.rfind('.') { Decimal::Comma } else { Decimal::Point }),
        (false, true) if !grouped(t, ',') => Some(Decimal::Comma),
        (true, false) if !grouped(t, '.') => Some(Decimal::Point),
        _ => None,
    }
}

/// Reads a number in the file's convention: "12,88" or "12.88", "590.000" or "590,000", "1.234,5".
pub(crate) fn number(cell: &str, dec: Decimal) -> Option<f64> {
    let t = cell.trim().replace([' ', '\u{a0}'], "");
    let (group, point) = match dec {
        Decimal::Comma => ('.', ','),
        Decimal::Point => (',', '.'),
    };
    // Thousands separators only between groups of three digits ("1.234.567"), never "12.8.8".
    let int_part = t.split(point).next().unwrap_or_default().trim_start_matches(['-', '+']);
    if int_part.contains(group) && !grouped(int_part, group) {
        return None;
    }
    let plain: String = t.chars().filter(|c| *c != group).map(|c| if c == point { '.' } else { c }).collect();
    if plain.is_empty() || !plain.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+') {
        return None;
    }
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The non-empty records of CSV `text` (cells trimmed) with the line each starts on, the header first; a file
/// that is not CSV, or has more than `max_rows` rows below its header, is refused at the line found.
pub(crate) fn records(
    text: &str,
    delimiter: u8,
    max_rows: usize,
) -> Result<Vec<(usize, csv::StringRecord)>, (usize, TableProblem)> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut rec = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut rec) {
            Ok(false) => return Ok(records),
            Ok(true) => {
                if rec.iter().all(str::is_empty) {
                    continue;
                }
                let line = rec.position().map_or(0, |p| p.line() as usize);
                records.push((line, rec.clone()));
                if records.len() > max_rows + 1 {
                    return Err((line, TableProblem::TooLarge { rows: records.len(), max: max_rows }));
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                let detail = match e.kind() {
                    csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                        format!("{len} cells where the header has {expected_len}")
                    }
                    _ => "unbalanced quotes or bad text".into(),
                };
                return Err((line, TableProblem::Malformed { detail }));
            }
        }
    }
}

/// Allowed range of each numeric column (the model's own ranges are checked again on the district).
fn range(c: Column) -> (f64, f64) {
    match c {
        Column::Year => (1990.0, 2100.0),
        Column::P0 => (0.0, 100.0),
        Column::P1 | Column::P2 => (0.0, 100.0),
        Column::PovertyLine => (10_000.0, 50_000_000.0),
        Column::PoorPeople | Column::Population => (0.0, 400_000_000.0),
        Column::HouseholdSize => (1.0, 15.0),
        Column::Gini => (0.0, 1.0),
        Column::Extreme => (0.0, 100.0),
        Column::Code | Column::Name | Column::Source => (0.0, 0.0),
    }
}

impl Table {
    /// Reads a table from CSV text; every problem found (up to `MAX_ERRORS`) is returned, with its line and
    /// the column's header as the file wrote it.
    /// Title rows above the header (as BPS downloads have) are skipped: the header is the first line that
    /// names at least three of the columns; line numbers stay the file's.
    pub fn parse(text: &str) -> Result<Table, Vec<TableError>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let (skip, offset) = header_offset(text);
        let mut typed = BTreeMap::new();
        match Table::parse_named(&text[offset..], &mut typed) {
            Ok(mut t) => {
                for r in &mut t.rows {
                    r.line += skip;
                }
                Ok(t)
            }
            Err(mut errs) => {
                for e in &mut errs {
                    if let Some(h) = e.column.and_then(|c| typed.get(&c)) {
                        e.header = h.chars().take(80).collect();
                    }
                    e.line += skip;
                    if let TableProblem::DuplicateRow { first_line } = &mut e.problem {
                        *first_line += skip;
                    }
                }
                Err(errs)
            }
        }
    }

    fn parse_named(text: &str, typed: &mut BTreeMap<Column, String>) -> Result<Table, Vec<TableError>> {
        let err = |line: usize, column: Option<Column>, problem: TableProblem| TableError {
            line,
            column,
            header: column.map(|c| c.header().to_string()).unwrap_or_default(),
            problem,
        };
        if text.len() > MAX_BYTES {
            return Err(vec![err(0, None, TableProblem::TooLarge { rows: text.lines().count(), max: MAX_ROWS })]);
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let Some(header_line) = text.lines().find(|l| !l.trim().is_empty()) else {
            return Err(vec![err(1, None, TableProblem::Empty)]);
        };
        let delimiter = sniff_delimiter(header_line);
        let records = records(text, delimiter, MAX_ROWS).map_err(|(line, p)| vec![err(line, None, p)])?;
        let Some((header_at, header)) = records.first().cloned() else {
            return Err(vec![err(1, None, TableProblem::Empty)]);
        };
        let mut errors = Vec::new();

        // Columns by header.
        let mut at: BTreeMap<Column, usize> = BTreeMap::new();
        let mut thousands: BTreeMap<Column, bool> = BTreeMap::new();
        for (i, h) in header.iter().enumerate() {
            let n = normalise(h);
            if let Some(c) = Column::of_header(&n) {
                typed.entry(c).or_insert_with(|| h.trim().to_string());
                if at.insert(c, i).is_some() {
                    errors.push(err(header_at, Some(c), TableProblem::DuplicateColumn));
                }
                // BPS publishes poor people in thousands ("Jumlah Penduduk Miskin (ribu jiwa)").
                thousands
                    .insert(c, n.split(' ').any(|w| ["ribu", "ribuan", "thousand", "thousands", "000"].contains(&w)));
            }
        }
        for c in [Column::Code, Column::Name, Column::Year, Column::P0, Column::PovertyLine] {
            if !at.contains_key(&c) {
                errors.push(err(header_at, Some(c), TableProblem::MissingColumn));
            }
        }
        if !at.contains_key(&Column::PoorPeople) && !at.contains_key(&Column::Population) {
            errors.push(err(header_at, Some(Column::PoorPeople), TableProblem::MissingColumn));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let data = &records[1..];
        if data.is_empty() {
            return Err(vec![err(header_at, None, TableProblem::Empty)]);
        }

        // The decimal convention: what the numeric cells say, else the delimiter's custom.
        let numeric: Vec<usize> = at
            .iter()
            .filter(|(c, _)| !matches!(c, Column::Code | Column::Name | Column::Source))
            .map(|(_, i)| *i)
            .collect();
        let (mut comma, mut point) = (0usize, 0usize);
        for (_, rec) in data {
            for &i in &numeric {
                match rec.get(i).and_then(evidence) {
                    Some(Decimal::Comma) => comma += 1,
                    Some(Decimal::Point) => point += 1,
                    None => {}
                }
            }
        }
        let dec = if comma > point || (comma == point && delimiter == b';') { Decimal::Comma } else { Decimal::Point };

        let mut rows: Vec<Row> = Vec::with_capacity(data.len());
        let mut seen: BTreeMap<(String, i32), usize> = BTreeMap::new();
        for (line, rec) in data {
            let line = *line;
            let cell = |c: Column| at.get(&c).and_then(|&i| rec.get(i)).unwrap_or_default();
            let bad = |c: Column, p: TableProblem, errors: &mut Vec<TableError>| {
                if errors.len() < MAX_ERRORS {
                    errors.push(err(line, Some(c), p));
                }
            };
            let num = |c: Column, required: bool, errors: &mut Vec<TableError>| -> Option<f64> {
                let text = cell(c);
                // BPS marks a provisional figure with "*" and a missing one with "…" or "-".
                let text = text.trim_end_matches('*').trim();
                if text.is_empty() || ["-", "–", "…", "...", "na", "n/a"].iter().any(|m| text.eq_ignore_ascii_case(m))
                {
                    if required {
                        bad(c, TableProblem::EmptyCell, errors);
                    }
                    return None;
                }
                if evidence(text).is_some_and(|d| d != dec) {
                    bad(c, TableProblem::MixedDecimal { text: text.chars().take(40).collect() }, errors);
                    return None;
                }
                let Some(mut v) = number(text, dec) else {
                    bad(c, TableProblem::NotANumber { text: text.chars().take(40).collect() }, errors);
                    return None;
                };
                if thousands.get(&c) == Some(&true) {
                    v *= 1_000.0;
                }
                let (min, max) = range(c);
                if !(min..=max).contains(&v) {
                    bad(c, TableProblem::OutOfRange { value: v, min, max }, errors);
                    return None;
                }
                Some(v)
            };
            let raw_code = cell(Column::Code);
            // A spreadsheet writes a code it took for a number as "1606.0" or "1606,0".
            let trimmed = raw_code.strip_suffix(".0").or_else(|| raw_code.strip_suffix(",0")).unwrap_or(raw_code);
            let code: String = trimmed.chars().filter(|c| *c != '.' && !c.is_whitespace()).collect();
            if !(2..=10).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                bad(Column::Code, TableProblem::BadCode { text: raw_code.chars().take(40).collect() }, &mut errors);
            }
            let name = cell(Column::Name).chars().take(200).collect::<String>();
            if name.is_empty() {
                bad(Column::Name, TableProblem::EmptyCell, &mut errors);
            }
            let year = num(Column::Year, true, &mut errors);
            if year.is_some_and(|y| y.fract() != 0.0) {
                bad(Column::Year, TableProblem::NotANumber { text: cell(Column::Year).into() }, &mut errors);
            }
            let p0 = num(Column::P0, true, &mut errors);
            let gk = num(Column::PovertyLine, true, &mut errors);
            let p1 = num(Column::P1, false, &mut errors);
            let p2 = num(Column::P2, false, &mut errors);
            let poor = num(Column::PoorPeople, false, &mut errors);
            let population = num(Column::Population, false, &mut errors);
            let household_size = num(Column::HouseholdSize, false, &mut errors);
            let gini = num(Column::Gini, false, &mut errors);
            let extreme = num(Column::Extreme, false, &mut errors);
            if poor.is_none()
                && population.is_none()
                && cell(Column::PoorPeople).is_empty()
                && cell(Column::Population).is_empty()
            {
                bad(Column::PoorPeople, TableProblem::NeedsPopulation, &mut errors);
            }
            if let (Some(y), Some(p0), Some(gk)) = (year, p0, gk) {
                let y = y as i32;
                if let Some(first_line) = seen.insert((code.clone(), y), line) {
                    bad(Column::Year, TableProblem::DuplicateRow { first_line }, &mut errors);
                }
                rows.push(Row {
                    line,
                    code: code.clone(),
                    name,
                    year: y,
                    p0_pct: p0,
                    p1,
                    p2,
                    poverty_line: gk,
                    poor_people: poor,
                    population,
                    household_size,
                    gini,
                    extreme_pct: extreme,
                    source: cell(Column::Source).chars().take(900).collect(),
                });
            }
        }
        if errors.is_empty() {
            // Each row must make a district the model accepts: said now, by line, not when it is picked.
            let table = Table { rows };
            for r in &table.rows {
                if let Err(e) = table.scenario(r).validate() {
                    if errors.len() < MAX_ERRORS {
                        errors.push(err(
                            r.line,
                            column_of_field(&e.field),
                            TableProblem::Invalid { field: e.field, problem: e.problem },
                        ));
                    }
                }
            }
            if errors.is_empty() {
                return Ok(table);
            }
        }
        Err(errors)
    }

    /// The row of `code` in `year`, or its latest year when `year` is None.
    pub fn find(&self, code: &str, year: Option<i32>) -> Option<&Row> {
        let code: String = code.chars().filter(|c| *c != '.' && !c.is_whitespace()).collect();
        self.rows.iter().filter(|r| r.code == code && year.is_none_or(|y| r.year == y)).max_by_key(|r| r.year)
    }

    /// Each code's latest row, in file order of first appearance.
    pub fn latest(&self) -> Vec<&Row> {
        let mut order: Vec<&str> = Vec::new();
        for r in &self.rows {
            if !order.contains(&r.code.as_str()) {
                order.push(&r.code);
            }
        }
        order.into_iter().filter_map(|c| self.find(c, None)).collect()
    }

    /// The district of `row`: its figures, what had to be assumed marked as estimated, and every year of the
    /// same code in the table as its observed history.
    pub fn district(&self, row: &Row) -> District {
        let mut estimated = Vec::new();
        let mut sources = vec![format!(
            "P0 {}%, GK Rp{}{}{}{}: the district table (line {})",
            row.p0_pct,
            row.poverty_line,
            row.p1.map(|v| format!(", P1 {v}")).unwrap_or_default(),
            row.p2.map(|v| format!(", P2 {v}")).unwrap_or_default(),
            row.poor_people.map(|v| format!(", {v} poor people")).unwrap_or_default(),
            row.line
        )];
        if !row.source.is_empty() {
            sources.push(row.source.clone());
        }
        let p1 = row.p1.unwrap_or_else(|| {
            estimated.push(Estimated::P1);
            // The province's P1/P0 when the table holds the province's row of the same year, else Indonesia's.
            let province = self.rows.iter().find(|r| {
                r.code.len() == 2 && row.code.len() > 2 && row.code.starts_with(&r.code) && r.year == row.year
            });
            let (v, note) = match province.and_then(|p| p.p1.map(|p1| (p, p1))) {
                Some((p, p1)) if p.p0_pct > 0.0 => {
                    let v = (row.p0_pct * p1 / p.p0_pct * 1000.0).round() / 1000.0;
                    (
                        v,
                        format!(
                            "P1 {v} [A]: not given; P0 × the P1/P0 of {} ({p1} ÷ {}, {})",
                            p.name, p.p0_pct, p.year
                        ),
                    )
                }
                _ => p1_estimate(row.p0_pct),
            };
            sources.push(note);
            if let Some(p2) = row.p2 {
                sources.push(format!("P2 {p2} (the table) is not used without a published P1"));
            }
            v
        });
        let calibration = match (row.p1, row.p2) {
            (Some(_), Some(p2)) => Calibration::P0P1P2 { p0_pct: row.p0_pct, p1, p2 },
            _ => Calibration::P0P1 { p0_pct: row.p0_pct, p1 },
        };
        let population = match (row.population, row.poor_people) {
            (Some(p), Some(poor)) if row.p0_pct > 0.0 => {
                let implied = poor / (row.p0_pct / 100.0);
                if (implied / p - 1.0).abs() > 0.03 {
                    sources.push(format!(
                        "Population {p:.0} (the table) and poor people ÷ P0 = {implied:.0} differ by {:+.0}% (another population base?): the model's counts follow P0 × {p:.0}",
                        100.0 * (implied / p - 1.0)
                    ));
                }
                p
            }
            (Some(p), _) => p,
            (None, Some(poor)) if row.p0_pct > 0.0 => {
                estimated.push(Estimated::Population);
                sources.push(format!("Population ≈ poor people ÷ P0 = {:.0} [C]", poor / (row.p0_pct / 100.0)));
                (poor / (row.p0_pct / 100.0)).round()
            }
            _ => 0.0,
        };
        let household_size = row.household_size.unwrap_or_else(|| {
            estimated.push(Estimated::HouseholdSize);
            sources.push(format!("Household size {DEFAULT_HOUSEHOLD_SIZE} [A]: not in the table; Indonesia's"));
            DEFAULT_HOUSEHOLD_SIZE
        });
        let mut observed: Vec<Observation> = self
            .rows
            .iter()
            .filter(|r| r.code == row.code && r.year <= row.year + crate::scenario::MAX_YEARS)
            .map(|r| Observation {
                year: r.year,
                p0_pct: Some(r.p0_pct),
                extreme_pct: r.extreme_pct,
                extreme_line: r.extreme_pct.map(|_| published_extreme_line(r.year)),
                note: format!("GK Rp{}; district table line {}", r.poverty_line, r.line),
            })
            .collect();
        observed.sort_by_key(|o| std::cmp::Reverse(o.year));
        observed.truncate(crate::scenario::MAX_OBSERVED);
        observed.reverse();
        District {
            code: row.code.clone(),
            name: row.name.clone(),
            base_year: row.year,
            population,
            household_size,
            poor_household_size: None,
            poverty_line: row.poverty_line,
            calibration,
            gini: row.gini,
            mean_consumption: None,
            kecamatan: Vec::new(),
            observed,
            sources,
            estimated,
            status_quo: LeverValues::default(),
            apbd_rp_bn: None,
        }
    }

    /// A scenario on `row`'s district (`scenario_on`): the table holds no budgets, so the district runs no
    /// programme of its own until the user enters them.
    pub fn scenario(&self, row: &Row) -> Scenario {
        scenario_on(self.district(row))
    }
}

/// The extreme line a district of its own reports on: US$2.15 (2017 PPP) deflated to the district (the
/// national rupiah line × district GK ÷ national GK, 0.67 × GK in 2024) [C], so districts with different
/// prices are measured alike; the national rupiah value (Rp391,000 in 2024) would sit at 0.93 × GK in a
/// district whose GK is Rp420,000 and count most of its poor as extreme.
pub const DISTRICT_EXTREME_LINE: ExtremeLine = ExtremeLine::Usd215Local;

/// The line an extreme rate published for `year` is on: US$2.15 (2017 PPP) from 2024, US$1.90 (2011 PPP)
/// before (brief §3).
pub fn published_extreme_line(year: i32) -> ExtremeLine {
    if year >= 2024 {
        ExtremeLine::Usd215
    } else {
        ExtremeLine::Usd190
    }
}

/// A scenario starting from a district of its own: six years ahead, the default sample, the seed from its
/// code, `DISTRICT_EXTREME_LINE`, the district's programmes as the levers, no targets.
pub fn scenario_on(district: District) -> Scenario {
    Scenario {
        schema_version: SCHEMA_VERSION,
        name: format!("{} {}", district.name, district.base_year),
        horizon: district.base_year + 6,
        households: crate::scenario::DEFAULT_HOUSEHOLDS,
        seed: district.code.parse().unwrap_or(0),
        extreme_line: DISTRICT_EXTREME_LINE,
        levers: district.status_quo.clone(),
        schedules: BTreeMap::new(),
        targets: Vec::new(),
        growth_basis: GrowthBasis::Evidence,
        household_file: None,
        district,
    }
}

/// The table column a model field comes from, if any.
fn column_of_field(field: &str) -> Option<Column> {
    let f = field.strip_prefix("district.").unwrap_or(field);
    Some(match f {
        "base_year" | "horizon" => Column::Year,
        "population" => Column::Population,
        "household_size" => Column::HouseholdSize,
        "poverty_line" | "extreme_line" => Column::PovertyLine,
        "calibration.p0_pct" => Column::P0,
        "calibration.p1" => Column::P1,
        "calibration.p2" => Column::P2,
        "gini" => Column::Gini,
        "name" => Column::Name,
        _ if f.starts_with("observed") => Column::Extreme,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLISH: &str = "code,name,year,p0_pct,p1,p2,poverty_line,poor_people\n\
        1606,Musi Banyuasin,2023,14.90,2.41,0.60,560000,101000\n\
        1606,Musi Banyuasin,2024,12.88,2.10,0.50,590000,88940\n\
        1603,Muara Enim,2024,9.79,1.60,0.40,491107,66420\n";

    #[test]
    fn reads_english_headers_and_points() {
        let t = Table::parse(ENGLISH).unwrap();
        assert_eq!(t.rows.len(), 3);
        let r = t.find("16.06", None).unwrap();
        assert_eq!((r.year, r.p0_pct, r.poverty_line, r.line), (2024, 12.88, 590_000.0, 3));
        let d = t.district(r);
        assert_eq!(d.calibration, Calibration::P0P1P2 { p0_pct: 12.88, p1: 2.10, p2: 0.50 });
        assert_eq!(d.population, (88_940.0f64 / 0.1288).round());
        assert!(d.estimated.contains(&Estimated::Population) && d.estimated.contains(&Estimated::HouseholdSize));
        assert_eq!(d.observed.iter().map(|o| o.year).collect::<Vec<_>>(), vec![2023, 2024]);
        assert_eq!(t.latest().iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), vec!["1606", "1603"]);
        assert!(t.scenario(r).validate().is_ok());
    }

    #[test]
    fn reads_bps_indonesian_headers_and_decimal_commas() {
        let text = "\u{feff}Kode;Kabupaten/Kota;Tahun;Persentase Penduduk Miskin (P0) (Persen);\
            Indeks Kedalaman Kemiskinan (P1);Indeks Keparahan Kemiskinan (P2);\
            Garis Kemiskinan (Rupiah/Kapita/Bulan);Jumlah Penduduk Miskin (Ribu Jiwa)\n\
            1606;Musi Banyuasin;2024;12,88;2,10;0,50;590.000;88,94\n";
        let t = Table::parse(text).unwrap();
        let r = &t.rows[0];
        assert_eq!((r.p0_pct, r.p1, r.p2, r.poverty_line), (12.88, Some(2.10), Some(0.50), 590_000.0));
        assert!((r.poor_people.unwrap() - 88_940.0).abs() < 1e-6);
    }

    #[test]
    fn quoted_decimal_commas_in_a_comma_file() {
        let text =
            "kode,nama,tahun,p0,gk,penduduk\n\"1606\",\"Musi Banyuasin\",2024,\"12,88\",\"590.000\",\"690.500\"\n";
        let r = &Table::parse(text).unwrap().rows[0];
        assert_eq!((r.p0_pct, r.poverty_line, r.population), (12.88, 590_000.0, Some(690_500.0)));
        let d = Table::parse(text).unwrap().district(r);
        assert!(d.estimated.contains(&Estimated::P1), "P1 from the national ratio is marked");
    }

    #[test]
    fn missing_columns_are_named_on_the_header_line() {
        let errs = Table::parse("code;name;p0\n1606;Muba;12,88\n").unwrap_err();
        let cols: Vec<_> = errs.iter().map(|e| (e.line, e.column)).collect();
        assert!(cols.contains(&(1, Some(Column::Year))));
        assert!(cols.contains(&(1, Some(Column::PovertyLine))));
        assert!(cols.contains(&(1, Some(Column::PoorPeople))));
    }

    #[test]
    fn bad_cells_are_reported_by_line_and_column() {
        let text = "code,name,year,p0_pct,poverty_line,poor_people\n\
            1606,Muba,2024,12.88,590000,88940\n\
            16x6,Muba,2024,dua belas,590000,-5\n\
            1603,Muara Enim,2024,9.79,,66420\n\
            1606,Muba,2024,12.88,590000,88940\n";
        let errs = Table::parse(text).unwrap_err();
        let has = |line: usize, col: Column| errs.iter().any(|e| e.line == line && e.column == Some(col));
        assert!(has(3, Column::Code));
        assert!(has(3, Column::P0));
        assert!(has(3, Column::PoorPeople), "a negative count is out of range");
        assert!(has(4, Column::PovertyLine));
        assert!(errs.iter().any(|e| e.line == 5 && matches!(e.problem, TableProblem::DuplicateRow { first_line: 2 })));
        assert!(errs.iter().all(|e| !e.to_string().is_empty()));
        // The column is named as the file wrote it.
        let errs =
            Table::parse("Kode;Nama;Tahun;Persentase Penduduk Miskin;GK;Penduduk\n1606;Muba;2024;x;590.000;690.500\n")
                .unwrap_err();
        assert_eq!(errs[0].to_string(), "line 2, column Persentase Penduduk Miskin: 'x' is not a number");
    }

    #[test]
    fn every_district_reports_on_the_line_deflated_to_it_and_old_extreme_rates_keep_their_line() {
        let text = "code,name,year,p0_pct,extreme_pct,poverty_line,poor_people\n\
            1101,Murah,2023,11,2.1,360000,21000\n1101,Murah,2024,10,1.2,380000,20000\n1102,Mahal,2024,10,1.0,600000,20000\n";
        let t = Table::parse(text).unwrap();
        for r in t.latest() {
            assert_eq!(t.scenario(r).extreme_line, ExtremeLine::Usd215Local);
        }
        let d = t.district(t.find("1101", None).unwrap());
        let lines: Vec<_> = d.observed.iter().map(|o| (o.year, o.extreme_line)).collect();
        assert_eq!(lines, vec![(2023, Some(ExtremeLine::Usd190)), (2024, Some(ExtremeLine::Usd215))]);
    }

    #[test]
    fn a_missing_p1_takes_the_provinces_ratio_when_the_table_has_it() {
        let text = "code,name,year,p0_pct,p1,poverty_line,poor_people,population\n\
            16,Sumatera Selatan,2024,10.97,1.888,554197,984240,\n1606,Muba,2024,12.88,,590000,88940,690500\n1603,ME,2024,9.79,,491107,66420,645250\n";
        let t = Table::parse(text).unwrap();
        let muba = t.district(t.find("1606", None).unwrap());
        assert_eq!(
            muba.calibration,
            Calibration::P0P1 { p0_pct: 12.88, p1: (12.88f64 * 1.888 / 10.97 * 1000.0).round() / 1000.0 }
        );
        assert!(muba.sources.iter().any(|s| s.contains("the P1/P0 of Sumatera Selatan")));
        // Muara Enim's population and poor ÷ P0 disagree by 5%: said in its sources.
        let me = t.district(t.find("1603", None).unwrap());
        assert!(me.sources.iter().any(|s| s.contains("differ by +5%")), "{:?}", me.sources);
    }

    #[test]
    fn a_long_series_keeps_the_years_the_model_can_show() {
        let mut text = String::from("code,name,year,p0_pct,poverty_line,poor_people\n");
        for y in 2002..=2024 {
            text.push_str(&format!(
                "1606,Muba,{y},{},{},90000\n",
                25.0 - (y - 2002) as f64 * 0.5,
                200_000 + (y - 2002) * 18_000
            ));
        }
        let t = Table::parse(&text).unwrap();
        let old = t.district(t.find("1606", Some(2002)).unwrap());
        assert_eq!(old.observed.last().unwrap().year, 2022, "up to 20 years after its base year");
        assert_eq!(t.district(t.find("1606", None).unwrap()).observed.len(), 23);
    }

    #[test]
    fn model_ranges_are_checked_per_row() {
        // P1 larger than the headcount allows: the model's range, at the row's line.
        let text = "code,name,year,p0_pct,p1,poverty_line,poor_people\n1606,Muba,2024,12.88,9.5,590000,88940\n";
        let errs = Table::parse(text).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].line, errs[0].column), (2, Some(Column::P1)));
        assert!(matches!(errs[0].problem, TableProblem::Invalid { .. }));
    }

    #[test]
    fn malformed_csv_and_empty_tables() {
        assert!(matches!(Table::parse("").unwrap_err()[0].problem, TableProblem::Empty));
        assert!(matches!(
            Table::parse("code,name,year,p0_pct,poverty_line,poor_people\n").unwrap_err()[0].problem,
            TableProblem::Empty
        ));
        let errs = Table::parse("code,name,year,p0_pct,poverty_line,poor_people\n1606,Muba,2024\n").unwrap_err();
        assert_eq!(errs[0].line, 2);
        assert!(matches!(errs[0].problem, TableProblem::Malformed { .. }));
    }

    #[test]
    fn the_shipped_sample_reads_and_every_row_runs() {
        let t = Table::parse(include_str!("../../../assets/data/sumsel-districts.csv")).unwrap();
        assert!(t.latest().len() >= 2);
        for r in t.latest() {
            let s = t.scenario(r);
            let mut small = s.clone();
            small.households = 500;
            let m = crate::Model::new(small).unwrap();
            let o = m.simulate();
            assert!(
                (o.baseline[0].p0_pct - r.p0_pct).abs() < 1.5,
                "{}: {} vs {}",
                r.name,
                o.baseline[0].p0_pct,
                r.p0_pct
            );
        }
    }

    #[test]
    fn look_alike_headers_mixed_decimals_and_spreadsheet_codes() {
        // BPS puts the food GK and the urban rate beside the totals: they are not read as them.
        let text = "Kode;Kabupaten/Kota;Tahun;Persentase Penduduk Miskin;Persentase Penduduk Miskin Perkotaan;\
            Garis Kemiskinan Makanan;Garis Kemiskinan;Jumlah Penduduk Miskin (ribuan)\n1606.0;Muba;2024;12,88;9,1;440.000;590.000;88,94\n";
        let t = Table::parse(text).unwrap();
        let r = &t.rows[0];
        assert_eq!((r.code.as_str(), r.p0_pct, r.poverty_line), ("1606", 12.88, 590_000.0));
        assert!((r.poor_people.unwrap() - 88_940.0).abs() < 1e-6);
        // One cell with the other decimal separator than the rest: refused, never misread.
        let text = "code,name,year,p0_pct,p1,poverty_line,poor_people\n1606,Muba,2024,12.88,2.1,590000,88940\n1603,ME,2024,\"9,79\",1.6,491107,66420\n";
        let errs = Table::parse(text).unwrap_err();
        assert_eq!((errs[0].line, errs[0].column), (3, Some(Column::P0)));
        assert!(matches!(errs[0].problem, TableProblem::MixedDecimal { .. }));
        assert_eq!(number("12.8.8", Decimal::Comma), None);
        assert_eq!(number("1.234.5", Decimal::Point), None);
    }

    #[test]
    fn title_rows_above_the_header_and_bps_marks() {
        let text = "Persentase Penduduk Miskin Menurut Kabupaten/Kota di Provinsi Sumatera Selatan\n\
            Sumber: BPS\n\
            \n\
            Kode;Kabupaten/Kota;Tahun;P0;Garis Kemiskinan;Jumlah Penduduk Miskin Ekstrem;Jumlah Penduduk Miskin\n\
            1606;Muba;2024;12,88*;590.000;3.200;88.940\n\
            1603;Muara Enim;2024;…;491.107;;66.420\n";
        let errs = Table::parse(text).unwrap_err();
        // The header is line 4; Muara Enim's missing P0 is line 6, as the file numbers it.
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!((errs[0].line, errs[0].column, &errs[0].problem), (6, Some(Column::P0), &TableProblem::EmptyCell));
        let t = Table::parse(&text.replace("…", "9,79")).unwrap();
        assert_eq!((t.rows[0].line, t.rows[0].p0_pct, t.rows[0].poor_people), (5, 12.88, Some(88_940.0)));
    }

    #[test]
    fn numbers_in_either_convention() {
        assert_eq!(number("590.000", Decimal::Comma), Some(590_000.0));
        assert_eq!(number("1.234,5", Decimal::Comma), Some(1_234.5));
        assert_eq!(number("1,234.5", Decimal::Point), Some(1_234.5));
        assert_eq!(number("12,88", Decimal::Comma), Some(12.88));
        assert_eq!(number("12.88", Decimal::Point), Some(12.88));
        assert_eq!(number("abc", Decimal::Point), None);
        assert_eq!(number("1e400", Decimal::Point), None);
        assert_eq!(evidence("590.000"), None);
        assert_eq!(evidence("12,88"), Some(Decimal::Comma));
        assert_eq!(evidence("1.234,5"), Some(Decimal::Comma));
    }

    #[test]
    fn a_514_row_table_reads_whole() {
        let mut text = String::from("code,name,year,p0_pct,p1,p2,poverty_line,poor_people\n");
        for i in 0..514 {
            text.push_str(&format!(
                "{},Kab {i},2024,{:.2},1.5,0.35,{},{}\n",
                1100 + i,
                5.0 + (i % 20) as f64,
                450_000 + i * 100,
                20_000 + i * 10
            ));
        }
        let t = Table::parse(&text).unwrap();
        assert_eq!(t.latest().len(), 514);
    }
}
