//! Tabular results as text cells, shared by every writer (the CLI's CSV, the app's downloads) so the columns
//! and their formatting are defined once. Producing strings is not IO: writing them is the caller's job.

use crate::analysis::Bands;
use crate::simulate::Outcome;

/// The results columns, in the CLI contract's order.
pub const COLUMNS: [&str; 12] = [
    "scenario",
    "year",
    "p0_pct",
    "p1",
    "p2",
    "extreme_pct",
    "poor_people",
    "extreme_people",
    "vulnerable_pct",
    "gini",
    "spend_rp",
    "beneficiaries",
];

/// Extra columns when Monte Carlo bands are present.
pub const BAND_COLUMNS: [&str; 4] = ["p0_pct_p10", "p0_pct_p90", "extreme_pct_p10", "extreme_pct_p90"];

/// Header and rows of the results table: every year without district programmes (`no_programme`), of the
/// status quo (`baseline`: the district's current programmes continue), then of the scenario.
pub fn results_table(o: &Outcome, bands: Option<&Bands>) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    if bands.is_some() {
        header.extend(BAND_COLUMNS.iter().map(|c| c.to_string()));
    }
    let mut rows = Vec::with_capacity(o.baseline.len() * 3);
    for (name, results) in [("no_programme", &o.counterfactual), ("baseline", &o.baseline), ("scenario", &o.scenario)] {
        for (i, r) in results.iter().enumerate() {
            let mut row = vec![
                name.to_string(),
                r.year.to_string(),
                format!("{:.4}", r.p0_pct),
                format!("{:.4}", r.p1),
                format!("{:.4}", r.p2),
                format!("{:.4}", r.extreme_pct),
                format!("{:.0}", r.poor_people),
                format!("{:.0}", r.extreme_people),
                format!("{:.4}", r.vulnerable_pct),
                format!("{:.4}", r.gini),
                format!("{:.0}", r.spend_rp),
                format!("{:.0}", r.beneficiaries),
            ];
            if let Some(b) = bands {
                match (name, b.p0_p10.get(i)) {
                    ("scenario", Some(_)) => row.extend(
                        [b.p0_p10[i], b.p0_p90[i], b.extreme_p10[i], b.extreme_p90[i]].map(|v| format!("{v:.4}")),
                    ),
                    _ => row.extend(std::iter::repeat_n(String::new(), BAND_COLUMNS.len())),
                }
            }
            rows.push(row);
        }
    }
    (header, rows)
}
