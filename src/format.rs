//! Number formatting in the unit and style people read: Indonesian separators (1.234,5) in Bahasa mode,
//! English ones (1,234.5) in English mode, each lever's value in the unit planners use, and rows as CSV.

use entas_model::levers::{LeverSpec, Unit};

use crate::i18n::Lang;

/// Formats `x` with `decimals` decimals and the thousands and decimal separators of `lang`.
pub fn number(x: f64, decimals: usize, lang: Lang) -> String {
    if !x.is_finite() {
        return "–".to_string();
    }
    let (thousands, point) = match lang {
        Lang::Id => ('.', ','),
        Lang::En => (',', '.'),
    };
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let mut out = String::new();
    if x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('−');
    }
    let n = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(point);
        out.push_str(f);
    }
    out
}

/// A percentage such as "12,88%" (Bahasa) or "12.88%" (English); `x` is already in percent.
pub fn percent(x: f64, decimals: usize, lang: Lang) -> String {
    format!("{}%", number(x, decimals, lang))
}

/// A signed change in percentage points, e.g. "−1,20 pp" / "+0.40 pp".
pub fn pp_change(x: f64, decimals: usize, lang: Lang) -> String {
    let sign = if x > 0.0 && number(x, decimals, lang) != number(0.0, decimals, lang) { "+" } else { "" };
    format!("{sign}{} pp", number(x, decimals, lang))
}

/// A signed count, e.g. "+1.234" / "−1.234" ("0" for nothing).
pub fn signed(x: f64, decimals: usize, lang: Lang) -> String {
    let sign = if x > 0.0 && number(x, decimals, lang) != number(0.0, decimals, lang) { "+" } else { "" };
    format!("{sign}{}", number(x, decimals, lang))
}

/// Rupiah, e.g. "Rp590.000".
pub fn rupiah(x: f64, lang: Lang) -> String {
    format!("Rp{}", number(x, 0, lang))
}

/// Large rupiah amounts the way budgets are read: "Rp148,2 M" (miliar) / "Rp148.2 bn"; "Rp1,2 T" / "Rp1.2 tn".
pub fn rupiah_large(x: f64, lang: Lang) -> String {
    let (bn, tn, m) = match lang {
        Lang::Id => ("M", "T", "jt"),
        Lang::En => ("bn", "tn", "m"),
    };
    if x.abs() >= 1e12 {
        format!("Rp{} {tn}", number(x / 1e12, 2, lang))
    } else if x.abs() >= 1e9 {
        format!("Rp{} {bn}", number(x / 1e9, 1, lang))
    } else if x.abs() >= 1e6 {
        format!("Rp{} {m}", number(x / 1e6, 1, lang))
    } else {
        rupiah(x, lang)
    }
}

/// The number of decimals a lever's step needs.
fn step_decimals(step: f64) -> usize {
    let mut d = 0;
    let mut s = step;
    while d < 4 && (s - s.round()).abs() > 1e-9 {
        s *= 10.0;
        d += 1;
    }
    d
}

/// A lever value in its unit, e.g. "Rp70 M/tahun", "75%", "Rp3.000.000/KPM/tahun", "2027".
pub fn lever_value(spec: &LeverSpec, v: f64, lang: Lang, base_year: i32) -> String {
    let d = step_decimals(spec.step);
    let t = |k: &str| lang.t(k);
    match spec.unit {
        Unit::RpBillionPerYear => format!("Rp{} {}/{}", number(v, d, lang), t("unit.bn"), t("unit.year")),
        Unit::RpPerFamilyPerYear => format!("{}/{}/{}", rupiah(v, lang), t("unit.family"), t("unit.year")),
        Unit::RpPerFamilyPerMonth => format!("{}/{}/{}", rupiah(v, lang), t("unit.family"), t("unit.month")),
        Unit::RpPerPersonPerMonth => format!("{}/{}/{}", rupiah(v, lang), t("unit.person"), t("unit.month")),
        Unit::RpMillionPerHousehold => {
            format!("Rp{} {}/{}", number(v, d, lang), t("unit.million"), t("unit.household"))
        }
        Unit::RpMillionPerUnit => format!("Rp{} {}/{}", number(v, d, lang), t("unit.million"), t("unit.unit")),
        Unit::RpPerHousehold => format!("{}/{}", rupiah(v, lang), t("unit.household")),
        Unit::Percent => percent(v, d, lang),
        Unit::PercentPerYear => format!("{}/{}", percent(v, d, lang), t("unit.year")),
        Unit::PercentPerMonth => format!("{}/{}", percent(v, d, lang), t("unit.month")),
        Unit::PpPerDecile => format!("{}/{}", pp_change(v, d, lang), t("unit.decile")),
        Unit::Ratio => number(v, d, lang),
        Unit::YearOffset if v < 0.5 => t("unit.none"),
        Unit::YearOffset => (base_year + v.round() as i32).to_string(),
        Unit::Years => format!("{} {}", number(v, d, lang), t("unit.years")),
        Unit::Toggle if v >= 0.5 => t("unit.on"),
        Unit::Toggle => t("unit.off"),
    }
}

/// Rows as CSV text (the csv crate quotes what needs quoting).
pub fn to_csv(header: &[String], rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A file-name-safe slug of a scenario name.
pub fn slug(name: &str) -> String {
    let s: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let s = s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    if s.is_empty() {
        "entas".into()
    } else {
        s
    }
}

/// Parses a number typed in either language's style ("1.234,5", "1,234.5", "70", "0,75"). In Bahasa a point
/// followed by groups of three digits is a thousands separator ("590.000" is 590,000), unless the number starts
/// with 0 ("0.450" is 0.45); any other single point is a decimal point ("12.88").
pub fn parse_number(text: &str, lang: Lang) -> Option<f64> {
    let t = text.trim().replace([' ', '\u{a0}'], "");
    if t.is_empty() {
        return None;
    }
    let grouped = |s: &str, sep: char| {
        let mut parts = s.trim_start_matches(['-', '+', '\u{2212}']).split(sep);
        let first = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        (1..=3).contains(&first.len())
            && !first.starts_with('0')
            && first.bytes().all(|b| b.is_ascii_digit())
            && !rest.is_empty()
            && rest.iter().all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let normalised = match lang {
        Lang::Id if t.contains(',') => t.replace('.', "").replace(',', "."),
        Lang::Id if t.matches('.').count() > 1 || grouped(&t, '.') => t.replace('.', ""),
        // A comma in English groups thousands, in threes: "3482,6" (a Bahasa decimal) is refused, not 34826.
        Lang::En if t.contains(',') && !grouped(t.split('.').next().unwrap_or_default(), ',') => return None,
        Lang::En => t.replace(',', ""),
        _ => t,
    };
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_and_english_separators() {
        assert_eq!(number(1_234_567.891, 2, Lang::Id), "1.234.567,89");
        assert_eq!(number(1_234_567.891, 2, Lang::En), "1,234,567.89");
        assert_eq!(number(999.0, 0, Lang::Id), "999");
        assert_eq!(number(-1500.0, 1, Lang::Id), "−1.500,0");
        assert_eq!(number(-0.001, 2, Lang::En), "0.00");
        assert_eq!(percent(12.88, 2, Lang::Id), "12,88%");
        assert_eq!(rupiah(590_000.0, Lang::Id), "Rp590.000");
        assert_eq!(pp_change(-1.2, 2, Lang::Id), "−1,20 pp");
        assert_eq!(pp_change(0.4, 2, Lang::En), "+0.40 pp");
        assert_eq!(number(f64::NAN, 2, Lang::En), "–");
        assert_eq!(rupiah_large(148.2e9, Lang::Id), "Rp148,2 M");
        assert_eq!(rupiah_large(148.2e9, Lang::En), "Rp148.2 bn");
        assert_eq!(rupiah_large(1.25e12, Lang::Id), "Rp1,25 T");
    }

    #[test]
    fn lever_values_read_in_their_unit() {
        let cash = entas_model::levers::spec(entas_model::levers::LeverId::CashBudget);
        assert_eq!(lever_value(cash, 70.0, Lang::Id, 2024), "Rp70,0 M/tahun");
        assert_eq!(lever_value(cash, 70.0, Lang::En, 2024), "Rp70.0 bn/year");
        let shock = entas_model::levers::spec(entas_model::levers::LeverId::ShockYear);
        assert_eq!(lever_value(shock, 2.0, Lang::Id, 2024), "2026");
        assert_eq!(lever_value(shock, 0.0, Lang::En, 2024), "none");
        let rho = entas_model::levers::spec(entas_model::levers::LeverId::TargetingAccuracy);
        assert_eq!(lever_value(rho, 0.75, Lang::Id, 2024), "0,75");
    }

    #[test]
    fn typed_numbers_parse_in_both_styles() {
        assert_eq!(parse_number("1.234,5", Lang::Id), Some(1234.5));
        assert_eq!(parse_number("0,75", Lang::Id), Some(0.75));
        assert_eq!(parse_number("3.000.000", Lang::Id), Some(3_000_000.0));
        assert_eq!(parse_number("590.000", Lang::Id), Some(590_000.0));
        assert_eq!(parse_number("12.88", Lang::Id), Some(12.88));
        assert_eq!(parse_number("0.450", Lang::Id), Some(0.45));
        assert_eq!(parse_number("1,234.5", Lang::En), Some(1234.5));
        assert_eq!(parse_number("70", Lang::En), Some(70.0));
        assert_eq!(parse_number("3,482.6", Lang::En), Some(3482.6));
        assert_eq!(parse_number("3482,6", Lang::En), None, "a Bahasa decimal typed on the English page is refused");
        assert_eq!(parse_number("-1,250", Lang::En), Some(-1250.0));
        assert_eq!(parse_number("lots", Lang::En), None);
        assert_eq!(parse_number("", Lang::Id), None);
        assert_eq!(parse_number("inf", Lang::En), None);
    }
}
