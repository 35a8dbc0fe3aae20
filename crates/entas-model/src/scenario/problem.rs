//! What is wrong with a value from outside, as data: the app words it in the UI language, `Display` words it
//! in English for the CLI. Serde's own messages are read into the same variants, so a refusal never
//! reaches a Bahasa screen as an English parser sentence.

use super::ExtremeLine;
use crate::levers::show;

/// Why a value cannot be used. The field it is about travels beside it (`ScenarioError::field`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Problem {
    /// A number outside its allowed range (or not finite).
    OutOfRange {
        value: f64,
        min: f64,
        max: f64,
    },
    /// A switch (0 or 1) or a year offset given a fraction.
    NotWhole {
        value: f64,
    },
    /// A lever name this build does not know.
    UnknownLever {
        id: String,
    },
    /// A text longer than its limit, in characters.
    TooLong {
        chars: usize,
        max: usize,
    },
    /// A list longer than its limit.
    TooMany {
        entries: usize,
        max: usize,
    },
    /// A schema version this build does not read.
    VersionUnsupported {
        found: u64,
        supported: u32,
    },
    /// A schema version that is not a whole number (`"1"`).
    VersionNotNumber {
        found: String,
        supported: u32,
    },
    VersionMissing,
    /// The scenario's population comes from a household file that is not loaded here (the rows are never
    /// stored with a scenario).
    HouseholdFileMissing {
        name: String,
        rows: usize,
    },
    /// A national extreme line at or above the district's poverty line.
    LineNotBelowGk {
        line: ExtremeLine,
        rp: f64,
        year: i32,
        gk: f64,
    },
    /// A status quo holding an assumption or a shock.
    StatusQuoPolicyOnly,
    /// A schedule on a lever that is not a budget.
    ScheduleBudgetOnly,
    /// A schedule with the wrong number of years.
    ScheduleLength {
        needs: usize,
        from: i32,
        to: i32,
    },
    /// The district-trend growth basis without enough observed years.
    TrendNeedsPoints {
        up_to: i32,
        found: usize,
    },
    /// Text that is not JSON at all.
    NotJson {
        line: usize,
        column: usize,
    },
    /// A value of the wrong JSON type: `found` and `expected` as serde names them (`null`, `f64`).
    WrongType {
        found: String,
        expected: String,
    },
    /// A value of the right type that is not one of the accepted ones.
    WrongValue {
        found: String,
        expected: String,
    },
    MissingField {
        name: String,
    },
    UnknownField {
        name: String,
    },
    /// A tag (a mode, a line kind) this build does not know; `expected` lists the accepted ones.
    UnknownVariant {
        name: String,
        expected: String,
    },
    /// Anything else serde reports, as it reports it.
    Other {
        detail: String,
    },
}

impl Problem {
    /// Text that did not parse as JSON, with where.
    pub fn not_json(e: &serde_json::Error) -> Problem {
        Problem::NotJson { line: e.line(), column: e.column() }
    }

    /// Reads serde's message (`invalid type: null, expected f64`, ``missing field `p1` ``…) into a variant.
    pub fn from_serde(message: &str) -> Problem {
        // serde_json adds where it was when it read text; the field's path says that better.
        let message = match message.rfind(" at line ") {
            Some(i) if message[i + 9..].split(" column ").all(|n| n.parse::<usize>().is_ok()) => &message[..i],
            _ => message,
        };
        let ticked = |rest: &str| rest.split('`').nth(1).map(str::to_string);
        let split = |rest: &str| {
            rest.split_once(", expected ")
                .map(|(found, expected)| (found.to_string(), expected.to_string()))
                .unwrap_or_else(|| (rest.to_string(), String::new()))
        };
        if let Some(rest) = message.strip_prefix("invalid type: ") {
            let (found, expected) = split(rest);
            Problem::WrongType { found, expected }
        } else if let Some(rest) = message.strip_prefix("invalid value: ") {
            let (found, expected) = split(rest);
            Problem::WrongValue { found, expected }
        } else if let Some(name) = message.strip_prefix("missing field ").and_then(ticked) {
            Problem::MissingField { name }
        } else if let Some(name) = message.strip_prefix("unknown field ").and_then(ticked) {
            Problem::UnknownField { name }
        } else if let Some(rest) = message.strip_prefix("unknown variant ") {
            let name = ticked(rest).unwrap_or_default();
            let expected = rest.split_once(", expected ").map(|(_, e)| e.to_string()).unwrap_or_default();
            Problem::UnknownVariant { name, expected }
        } else if let Some(id) = message.strip_suffix(": unknown lever") {
            Problem::UnknownLever { id: id.to_string() }
        } else {
            Problem::Other { detail: message.chars().take(300).collect() }
        }
    }
}

impl core::fmt::Display for Problem {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Problem::OutOfRange { value, min, max } => {
                write!(f, "{} is outside the allowed range {} to {}", show(*value), show(*min), show(*max))
            }
            Problem::NotWhole { value } => write!(f, "{} must be a whole number (a switch is 0 or 1)", show(*value)),
            Problem::UnknownLever { id } => write!(f, "{id}: unknown lever (see `entas levers`)"),
            Problem::TooLong { chars, max } => write!(f, "{chars} characters; at most {max}"),
            Problem::TooMany { entries, max } => write!(f, "{entries} entries; at most {max}"),
            Problem::VersionUnsupported { found, supported } => {
                write!(f, "version {found} is not supported; this build reads version {supported}")
            }
            Problem::VersionNotNumber { found, supported } => {
                write!(f, "must be a whole number such as {supported}, not {found}")
            }
            Problem::VersionMissing => f.write_str("missing: a scenario file must say its schema version"),
            Problem::HouseholdFileMissing { name, rows } => {
                write!(f, "built on the household file {name} ({rows} rows), which is not loaded: import it again")
            }
            Problem::LineNotBelowGk { line, rp, year, gk } => write!(
                f,
                "{} is Rp{rp:.0} in {year}, not below this district's poverty line Rp{gk:.0}; choose the line scaled to the district's GK or a rupiah line",
                line.label()
            ),
            Problem::StatusQuoPolicyOnly => f.write_str(
                "the status quo holds policy levers only (programmes and enablers), not assumptions or shocks",
            ),
            Problem::ScheduleBudgetOnly => f.write_str("only budget levers (Rp billion per year) take a schedule"),
            Problem::ScheduleLength { needs, from, to } => write!(f, "needs {needs} values, one per year {from}–{to}"),
            Problem::TrendNeedsPoints { up_to, found } => {
                write!(f, "district_trend needs at least 2 observed P0 years up to {up_to}; this district has {found}")
            }
            Problem::NotJson { line, column } => write!(f, "not valid JSON (line {line}, column {column})"),
            Problem::WrongType { found, expected } => write!(f, "invalid type: {found}, expected {expected}"),
            Problem::WrongValue { found, expected } => write!(f, "invalid value: {found}, expected {expected}"),
            Problem::MissingField { name } => write!(f, "missing field `{name}`"),
            Problem::UnknownField { name } => write!(f, "unknown field `{name}`"),
            Problem::UnknownVariant { name, expected } => write!(f, "unknown variant `{name}`, expected {expected}"),
            Problem::Other { detail } => f.write_str(detail),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Serde's messages, as serde_json writes them, each read into its variant.
    #[test]
    fn serde_messages_are_read_into_variants() {
        let err = |json: &str| {
            #[derive(Debug, serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            #[allow(dead_code)]
            struct T {
                x: f64,
                k: K,
            }
            #[derive(Debug, serde::Deserialize)]
            #[serde(rename_all = "snake_case")]
            enum K {
                A,
            }
            Problem::from_serde(&serde_json::from_str::<T>(json).unwrap_err().to_string())
        };
        assert_eq!(
            err(r#"{"x": null, "k": "a"}"#),
            Problem::WrongType { found: "null".into(), expected: "f64".into() }
        );
        assert_eq!(err(r#"{"k": "a"}"#), Problem::MissingField { name: "x".into() });
        assert_eq!(err(r#"{"x": 1, "k": "a", "y": 2}"#), Problem::UnknownField { name: "y".into() });
        assert!(
            matches!(err(r#"{"x": 1, "k": "b"}"#), Problem::UnknownVariant { ref name, .. } if name == "b"),
            "{:?}",
            err(r#"{"x": 1, "k": "b"}"#)
        );
        assert_eq!(Problem::from_serde("cash_bujet: unknown lever"), Problem::UnknownLever { id: "cash_bujet".into() });
        assert!(matches!(Problem::from_serde("something new"), Problem::Other { .. }));
    }
}
