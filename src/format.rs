//! Number formatting in the unit and style people read: Indonesian separators (1.234,5) in Bahasa mode,
//! English ones (1,234.5) in English mode.

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

/// Rupiah, e.g. "Rp590.000".
pub fn rupiah(x: f64, lang: Lang) -> String {
    format!("Rp{}", number(x, 0, lang))
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
    }
}
