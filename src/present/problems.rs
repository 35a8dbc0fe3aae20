//! Refusals in the UI language: the model's `Problem` (and serde's messages, which the model reads into the
//! same variants) and the app's own reasons for refusing a link or stored data. The field keeps its JSON
//! path, which is the same in every language; numbers are shown as typed.

use entas_model::levers::show;
use entas_model::scenario::{Problem, ScenarioError, Warning};
use entas_model::Scenario;

use entas_model::district_table::{TableError, TableProblem};
use entas_model::households::HouseholdError;

use crate::district_form::{Field, FormError, FormProblem};
use crate::format;
use crate::i18n::Lang;
use crate::jobs::JobError;
use crate::persist::Why;

/// `field: what is wrong`, in `l`.
pub fn scenario_error(l: Lang, e: &ScenarioError) -> String {
    let field = if e.field == "(file)" { l.t("problem.whole_file") } else { e.field.clone() };
    format!("{field}: {}", problem(l, &e.problem))
}

/// What is wrong with a value, in `l`.
pub fn problem(l: Lang, p: &Problem) -> String {
    let n = |k: &str, v: usize| (k.to_string(), v.to_string());
    let (key, args): (&str, Vec<(String, String)>) = match p {
        Problem::OutOfRange { value, min, max } => (
            "problem.out_of_range",
            vec![("value".into(), show(*value)), ("min".into(), show(*min)), ("max".into(), show(*max))],
        ),
        Problem::NotWhole { value } => ("problem.not_whole", vec![("value".into(), show(*value))]),
        Problem::UnknownLever { id } => ("problem.unknown_lever", vec![("id".into(), id.clone())]),
        Problem::TooLong { chars, max } => ("problem.too_long", vec![n("chars", *chars), n("max", *max)]),
        Problem::TooMany { entries, max } => ("problem.too_many", vec![n("entries", *entries), n("max", *max)]),
        Problem::VersionUnsupported { found, supported } => (
            "problem.version_unsupported",
            vec![("found".into(), found.to_string()), ("supported".into(), supported.to_string())],
        ),
        Problem::VersionNotNumber { found, supported } => (
            "problem.version_not_number",
            vec![("found".into(), found.clone()), ("supported".into(), supported.to_string())],
        ),
        Problem::VersionMissing => ("problem.version_missing", vec![]),
        Problem::HouseholdFileMissing { name, rows } => (
            "problem.household_file_missing",
            vec![("name".into(), name.clone()), ("rows".into(), format::number(*rows as f64, 0, l))],
        ),
        Problem::LineNotBelowGk { line, rp, year, gk } => (
            "problem.line_not_below_gk",
            vec![
                ("line".into(), super::line_label(line, l)),
                ("rp".into(), format::rupiah(*rp, l)),
                ("year".into(), year.to_string()),
                ("gk".into(), format::rupiah(*gk, l)),
            ],
        ),
        Problem::StatusQuoPolicyOnly => ("problem.status_quo_policy_only", vec![]),
        Problem::ScheduleBudgetOnly => ("problem.schedule_budget_only", vec![]),
        Problem::ScheduleLength { needs, from, to } => (
            "problem.schedule_length",
            vec![n("needs", *needs), ("from".into(), from.to_string()), ("to".into(), to.to_string())],
        ),
        Problem::TrendNeedsPoints { up_to, found } => {
            ("problem.trend_needs_points", vec![("up_to".into(), up_to.to_string()), n("found", *found)])
        }
        Problem::NotJson { line, column } => ("problem.not_json", vec![n("line", *line), n("column", *column)]),
        Problem::WrongType { found, expected } => {
            ("problem.wrong_type", vec![("found".into(), kind(l, found)), ("expected".into(), kind(l, expected))])
        }
        Problem::WrongValue { found, expected } => {
            ("problem.wrong_value", vec![("found".into(), kind(l, found)), ("expected".into(), kind(l, expected))])
        }
        Problem::MissingField { name } => ("problem.missing_field", vec![("name".into(), name.clone())]),
        Problem::UnknownField { name } => ("problem.unknown_field", vec![("name".into(), name.clone())]),
        Problem::UnknownVariant { name, expected } => (
            "problem.unknown_variant",
            vec![("name".into(), name.clone()), ("expected".into(), expected.replace("one of ", ""))],
        ),
        Problem::Other { detail } => ("problem.other", vec![("detail".into(), detail.clone())]),
    };
    let args: Vec<(&str, String)> = args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    l.tf(key, &args)
}

/// A problem of a district table at its line (and column), in `l`: "Baris 3, kolom p0_pct: …".
pub fn table_error(l: Lang, e: &TableError) -> String {
    located(l, e.line, e.column.map(|_| e.header.as_str()), &e.problem)
}

/// A problem of a household file at its line (and column), in `l`.
pub fn household_error(l: Lang, e: &HouseholdError) -> String {
    located(l, e.line, e.column.map(|_| e.header.as_str()), &e.problem)
}

/// "Baris 3, kolom p0_pct: …": a file's problem at its line and, when it is about one, its column's header.
fn located(l: Lang, line: usize, header: Option<&str>, p: &TableProblem) -> String {
    let line = ("line", line.to_string());
    let at = match header {
        Some(h) => l.tf("table.at_column", &[line, ("column", h.to_string())]),
        None => l.tf("table.at_line", &[line]),
    };
    let what = match p {
        TableProblem::Empty => l.t("table.empty"),
        TableProblem::TooLarge { rows, max } => l.tf(
            "table.too_large",
            &[("rows", format::number(*rows as f64, 0, l)), ("max", format::number(*max as f64, 0, l))],
        ),
        TableProblem::Malformed { .. } => l.t("table.malformed"),
        TableProblem::MissingColumn => l.t("table.missing_column"),
        TableProblem::DuplicateColumn => l.t("table.duplicate_column"),
        TableProblem::NotANumber { text } => l.tf("table.not_a_number", &[("text", text.clone())]),
        TableProblem::MixedDecimal { text } => l.tf("table.mixed_decimal", &[("text", text.clone())]),
        TableProblem::OutOfRange { value, min, max } => {
            problem(l, &Problem::OutOfRange { value: *value, min: *min, max: *max })
        }
        TableProblem::EmptyCell => l.t("table.empty_cell"),
        TableProblem::NotWhole { text } => l.tf("table.not_whole", &[("text", text.clone())]),
        TableProblem::BadCode { text } => l.tf("table.bad_code", &[("text", text.clone())]),
        TableProblem::NeedsPopulation => l.t("table.needs_population"),
        TableProblem::DuplicateRow { first_line } => l.tf("table.duplicate_row", &[("first", first_line.to_string())]),
        TableProblem::Invalid { problem: p, .. } => problem(l, p),
    };
    format!("{at}: {what}")
}

/// A refusal of the district form, in `l`: the field's label, then what is wrong.
pub fn form_error(l: Lang, e: &FormError) -> String {
    let field = match e.field {
        Field::Budget(id) => super::lever_label(id, l),
        f => l.t(f.label_key()),
    };
    let what = match &e.problem {
        FormProblem::Required => l.t("district.required"),
        FormProblem::NotANumber => l.t("district.not_a_number"),
        FormProblem::HistoryLine { line } => l.tf("district.history_line", &[("line", line.to_string())]),
        FormProblem::KecamatanLine { line } => l.tf("district.kecamatan_line", &[("line", line.to_string())]),
        FormProblem::KecamatanTotal => l.t("district.kecamatan_total"),
        FormProblem::KecamatanHeadcount { line, pct } => {
            l.tf("district.kecamatan_headcount", &[("line", line.to_string()), ("pct", format::number(*pct, 0, l))])
        }
        FormProblem::Model(p) => problem(l, p),
    };
    format!("{field}: {what}")
}

/// The specifics of a refused link or stored workspace, in `l`.
pub fn why(l: Lang, w: &Why) -> String {
    match w {
        Why::Scenario(e) => scenario_error(l, e),
        Why::LinkTooLong { chars, max } => problem(l, &Problem::TooLong { chars: *chars, max: *max }),
        Why::NoVersion => l.t("why.no_version"),
        Why::Version(v) => l.tf("why.version", &[("version", v.clone())]),
        Why::NotBase64 => l.t("why.not_base64"),
        Why::Unpacks { max } => l.tf("why.unpacks", &[("max", format::number(*max as f64, 0, l))]),
        Why::NotCompressed => l.t("why.not_compressed"),
        Why::NoPreset => l.t("why.no_preset"),
        Why::NoWorkshop => l.t("why.no_workshop"),
    }
}

/// A whole refusal in one line: what was refused and why.
pub fn refusal(l: Lang, r: &crate::persist::Refused) -> String {
    format!("{} {}", l.t(r.message_key), why(l, &r.why))
}

/// A setting the run cannot honour within the horizon, in `l`.
pub fn warning(l: Lang, s: &Scenario, w: &Warning) -> String {
    match w {
        Warning::ShockBeyondHorizon { year, horizon } => {
            l.tf("warning.shock_beyond_horizon", &[("year", year.to_string()), ("horizon", horizon.to_string())])
        }
        Warning::TargetBeyondHorizon { index, year, horizon } => l.tf(
            "warning.target_beyond_horizon",
            &[
                ("target", s.targets.get(*index).map(|t| super::target_label(t, l)).unwrap_or_default()),
                ("year", year.to_string()),
                ("horizon", horizon.to_string()),
            ],
        ),
    }
}

/// Why a background job gave no result, in `l`.
pub fn job_error(l: Lang, e: &JobError) -> String {
    match e {
        JobError::Refused(e) => scenario_error(l, e),
        JobError::Reply(p) => l.tf("job.bad_reply", &[("why", problem(l, p))]),
        JobError::OtherBuild => l.t("job.other_build"),
    }
}

/// Serde's name of a JSON type or a Rust type (`null`, `string "12"`, `f64`, `struct Target`) in words
/// people use; what follows the type word (the value as typed) is kept.
fn kind(l: Lang, serde_name: &str) -> String {
    let word = |k: &str| l.t(&format!("problem.kind.{k}"));
    let (head, rest) = serde_name.split_once(' ').unwrap_or((serde_name, ""));
    let head_word = match head {
        "null" | "unit" => Some("null"),
        "f32" | "f64" | "floating" => Some("number"),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" | "integer" => Some("whole"),
        "string" | "str" | "char" => Some("text"),
        "sequence" | "tuple" => Some("list"),
        "map" | "struct" => Some("object"),
        "boolean" | "bool" => Some("boolean"),
        "a" | "an" => None,
        _ => None,
    };
    match head_word {
        // "floating point `0.5`": the value is what follows "point".
        Some(k) if head == "floating" => format!("{} {}", word(k), rest.trim_start_matches("point ")),
        // "struct Target", "internally tagged enum": the Rust name means nothing to a planner.
        Some(k) if head == "struct" => word(k),
        Some(k) if rest.is_empty() => word(k),
        Some(k) => format!("{} {rest}", word(k)),
        None => match serde_name {
            "a string" => word("text"),
            "a sequence" => word("list"),
            "a map" => word("object"),
            "a boolean" => word("boolean"),
            "a number of rupiah" => word("number"),
            other => other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use entas_model::scenario::ExtremeLine;

    /// One of each problem, with plausible values.
    fn every_problem() -> Vec<Problem> {
        vec![
            Problem::OutOfRange { value: 1e308, min: 0.0, max: 100.0 },
            Problem::NotWhole { value: 0.5 },
            Problem::UnknownLever { id: "cash_bujet".into() },
            Problem::TooLong { chars: 300, max: 200 },
            Problem::TooMany { entries: 61, max: 60 },
            Problem::VersionUnsupported { found: 9, supported: 1 },
            Problem::VersionNotNumber { found: "\"1\"".into(), supported: 1 },
            Problem::VersionMissing,
            Problem::LineNotBelowGk { line: ExtremeLine::Usd300, rp: 620_000.0, year: 2024, gk: 590_000.0 },
            Problem::StatusQuoPolicyOnly,
            Problem::ScheduleBudgetOnly,
            Problem::ScheduleLength { needs: 6, from: 2025, to: 2030 },
            Problem::TrendNeedsPoints { up_to: 2024, found: 1 },
            Problem::NotJson { line: 1, column: 5 },
            Problem::WrongType { found: "null".into(), expected: "f64".into() },
            Problem::WrongValue { found: "integer `5`".into(), expected: "u8".into() },
            Problem::MissingField { name: "p1".into() },
            Problem::UnknownField { name: "colour".into() },
            Problem::UnknownVariant { name: "usd999".into(), expected: "one of `usd215`, `rupiah`".into() },
        ]
    }

    /// Words of the English texts that must never appear in the Bahasa ones.
    const ENGLISH: [&str; 12] = [
        "outside",
        "allowed",
        "range",
        "must",
        "invalid",
        "expected",
        "missing",
        "unknown",
        "field",
        "version ",
        "characters",
        "entries",
    ];

    #[test]
    fn every_problem_is_worded_in_both_languages() {
        for p in every_problem() {
            let (id, en) = (problem(Lang::Id, &p), problem(Lang::En, &p));
            assert!(!id.contains("problem.") && !en.contains("problem.") && !id.contains("%{"), "{p:?}: {id} / {en}");
            assert_ne!(id, en, "{p:?}");
            for w in ENGLISH {
                assert!(!id.to_lowercase().contains(w), "{p:?}: English «{w}» in «{id}»");
            }
        }
        let whys = [
            Why::LinkTooLong { chars: 70_000, max: 65_536 },
            Why::NoVersion,
            Why::Version("9".into()),
            Why::NotBase64,
            Why::Unpacks { max: 262_144 },
            Why::NotCompressed,
            Why::NoPreset,
            Why::NoWorkshop,
        ];
        for e in
            [JobError::OtherBuild, JobError::Reply(Problem::WrongType { found: "null".into(), expected: "f64".into() })]
        {
            let (id, en) = (job_error(Lang::Id, &e), job_error(Lang::En, &e));
            assert!(!id.contains("job.") && !en.contains("job.") && !id.contains("%{"), "{e:?}: {id} / {en}");
            assert_ne!(id, en, "{e:?}");
        }
        for w in &whys {
            let (id, en) = (why(Lang::Id, w), why(Lang::En, w));
            assert!(!id.contains("why.") && !en.contains("why.") && !id.contains("%{"), "{w:?}: {id} / {en}");
            assert_ne!(id, en, "{w:?}");
        }
    }

    #[test]
    fn warnings_are_worded_in_both_languages() {
        let mut s = entas_model::presets::preset("muba_2024").unwrap();
        s.levers.set(entas_model::LeverId::ShockYear, 15.0).unwrap();
        s.targets[0].year = s.horizon + 3;
        let ws = s.warnings();
        assert_eq!(ws.len(), 2);
        for w in &ws {
            let (id, en) = (warning(Lang::Id, &s, w), warning(Lang::En, &s, w));
            assert!(!id.contains("warning.") && !id.contains("%{") && !en.contains("%{"), "{id} / {en}");
            assert_ne!(id, en);
        }
        assert!(warning(Lang::Id, &s, &ws[0]).contains("2039"), "names the shock year");
        let target = super::super::target_label(&s.targets[0], Lang::Id);
        assert!(warning(Lang::Id, &s, &ws[1]).contains(&target), "names the target");
    }

    /// Refusals the model really gives, read into Bahasa: the path, the value as typed, and no English.
    #[test]
    fn real_refusals_read_in_bahasa() {
        let base = serde_json::to_value(entas_model::presets::preset("muba_2024").unwrap()).unwrap();
        let refuse = |edit: &dyn Fn(&mut serde_json::Value)| {
            let mut v = base.clone();
            edit(&mut v);
            entas_model::Scenario::from_json(&v.to_string()).unwrap_err()
        };
        let cases: [&dyn Fn(&mut serde_json::Value); 6] = [
            &|v| v["district"]["observed"][0]["p0_pct"] = serde_json::json!(1e308),
            &|v| v["levers"]["cash_budget"] = serde_json::Value::Null,
            &|v| v["district"]["calibration"]["p1"] = serde_json::json!("2"),
            &|v| v["extreme_line"] = serde_json::json!({"kind": "usd999"}),
            &|v| v["schema_version"] = serde_json::json!("1"),
            &|v| v["warna"] = serde_json::json!(1),
        ];
        let texts: Vec<String> = cases.iter().map(|c| scenario_error(Lang::Id, &refuse(*c))).collect();
        assert_eq!(texts[0], "district.observed[0].p0_pct: 1e308 di luar rentang yang diizinkan, 0 sampai 100");
        assert_eq!(texts[1], "levers.cash_budget: jenis nilai salah: kosong (null), seharusnya angka");
        assert_eq!(texts[2], "district.calibration.p1: jenis nilai salah: teks \"2\", seharusnya angka");
        for t in &texts {
            for w in ENGLISH {
                assert!(!t.to_lowercase().contains(w), "English «{w}» in «{t}»");
            }
        }
        assert_eq!(
            scenario_error(Lang::En, &refuse(cases[1])),
            "levers.cash_budget: wrong type: null, expected a number"
        );
    }
}
