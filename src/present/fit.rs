//! How well the model has matched what BPS published, in a sentence each, for beside the projection: the
//! run's own observed years after its base year, and the district's back-test (the model started from an
//! earlier year and run with the programmes the district ran). The tables are on the "how it works" page.

use entas_model::analysis::{backtest, backtest_miss, BacktestRow};

use crate::format;
use crate::i18n::Lang;
use crate::state::Run;

/// "BPS 2025: 9,90% · model 12,41% (+2,51 poin)" for every observed P0 after the run's base year.
pub fn own_years(r: &Run, l: Lang) -> Option<String> {
    let rows = backtest(&r.scenario, &r.outcome, None);
    let cells: Vec<String> = rows
        .iter()
        .filter_map(|row| {
            let observed = row.observed_p0_pct?;
            Some(l.tf(
                "fit.year",
                &[
                    ("year", row.year.to_string()),
                    ("observed", format::percent(observed, 2, l)),
                    ("model", format::percent(row.model_p0_pct, 2, l)),
                    ("miss", format::pp_change(row.model_p0_pct - observed, 2, l)),
                ],
            ))
        })
        .collect();
    (!cells.is_empty()).then(|| l.tf("fit.own", &[("years", cells.join(" · "))]))
}

/// "Uji balik Musi Banyuasin dari 2021, model vs BPS 2022–2025: selisih P0 rata-rata 0,80 poin (terbesar
/// 1,52)" for a back-test's rows.
pub fn backtest_line(district: &str, base_year: i32, rows: &[BacktestRow], l: Lang) -> Option<String> {
    let (mean, max) = backtest_miss(rows)?;
    let years: Vec<i32> = rows.iter().filter(|r| r.observed_p0_pct.is_some()).map(|r| r.year).collect();
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => return None,
    };
    Some(l.tf(
        "fit.backtest",
        &[
            ("district", district.to_string()),
            ("from", base_year.to_string()),
            ("years", span),
            ("mean", format::number(mean, 2, l)),
            ("max", format::number(max, 2, l)),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::tests::muba_run;

    #[test]
    fn the_run_says_how_far_it_is_from_the_years_bps_published_after_its_base_year() {
        let r = muba_run();
        let text = own_years(&r, Lang::Id).expect("Muba 2024 has an observed 2025");
        assert!(text.contains("BPS 2025") && text.contains(" pp") && text.contains("sesudah tahun dasar"), "{text}");
        let en = own_years(&r, Lang::En).expect("observed");
        assert!(en.contains("BPS 2025") && en.contains("pp"), "{en}");
    }

    #[test]
    fn a_back_test_line_names_its_start_years_and_misses() {
        let mut s = entas_model::presets::preset("muba_2021_backtest").expect("preset");
        s.households = 2_000;
        let m = entas_model::Model::new(s).expect("valid");
        let rows = backtest(&m.scenario, &m.simulate(), None);
        let (mean, _) = backtest_miss(&rows).expect("observed years");
        let text = backtest_line("Musi Banyuasin", 2021, &rows, Lang::Id).expect("a line");
        assert!(text.contains("2021") && text.contains(&format::number(mean, 2, Lang::Id)), "{text}");
        assert_eq!(backtest_line("X", 2021, &[], Lang::Id), None);
    }
}
