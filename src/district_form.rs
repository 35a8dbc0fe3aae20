//! "Wilayah saya": a district's own figures as typed in a form, and back. Pure: the form's texts in, a
//! validated scenario (or the field that is wrong, with its allowed range) out, so it is tested natively.
//!
//! Every number is typed in the UI language's style; the district is checked by the model's own validation,
//! and a refusal names the form's field, never a JSON path.

use entas_model::district_table::{self, Row, Table};
use entas_model::levers::{self, LeverId, Unit};
use entas_model::scenario::{Calibration, District, Estimated, Kecamatan, Observation, Problem, ScenarioError};
use entas_model::{LeverValues, Scenario};

use crate::format;
use crate::i18n::Lang;

/// A field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Code,
    BaseYear,
    Population,
    HouseholdSize,
    PovertyLine,
    P0,
    P1,
    P2,
    Extreme,
    Gini,
    History,
    Kecamatan,
    Budget(LeverId),
    /// The district's yearly budget (APBD belanja), Rp miliar: what a mix's cost is set against.
    Apbd,
}

impl Field {
    /// The translation key of the field's label.
    pub fn label_key(self) -> &'static str {
        match self {
            Field::Name => "district.field.name",
            Field::Code => "district.field.code",
            Field::BaseYear => "district.field.base_year",
            Field::Population => "district.field.population",
            Field::HouseholdSize => "district.field.household_size",
            Field::PovertyLine => "district.field.poverty_line",
            Field::P0 => "district.field.p0",
            Field::P1 => "district.field.p1",
            Field::P2 => "district.field.p2",
            Field::Extreme => "district.field.extreme",
            Field::Gini => "district.field.gini",
            Field::History => "district.field.history",
            Field::Kecamatan => "district.field.kecamatan",
            Field::Budget(_) => "district.field.budget",
            Field::Apbd => "district.field.apbd",
        }
    }
}

/// Why the form cannot make a district.
#[derive(Clone, Debug, PartialEq)]
pub enum FormProblem {
    /// A required field is empty.
    Required,
    /// Not a number in either style.
    NotANumber,
    /// A line of the history that is not "year: P0".
    HistoryLine { line: usize },
    /// A kecamatan line that is not "name; people; poor [; pocket]".
    KecamatanLine { line: usize },
    /// The kecamatan's people or poor add up to nothing.
    KecamatanTotal,
    /// A kecamatan whose shares put more than all its people in poverty (poor share × P0 ÷ people share).
    KecamatanHeadcount { line: usize, pct: f64 },
    /// The model's range for the value (or another of its problems).
    Model(Problem),
}

/// A refusal of the form: which field and why.
#[derive(Clone, Debug, PartialEq)]
pub struct FormError {
    pub field: Field,
    pub problem: FormProblem,
}

/// The policy budget levers the form asks for (the district's current programmes).
pub fn budget_levers() -> Vec<LeverId> {
    levers::LEVERS.iter().filter(|l| l.group.is_policy() && l.unit == Unit::RpBillionPerYear).map(|l| l.id).collect()
}

/// The form's texts, typed in the style of `lang`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Form {
    /// The language whose number style the texts are in (`in_lang` rewrites them for another).
    pub lang: Lang,
    pub name: String,
    pub code: String,
    pub base_year: String,
    pub population: String,
    pub household_size: String,
    pub poverty_line: String,
    pub p0: String,
    pub p1: String,
    pub p2: String,
    pub extreme: String,
    pub gini: String,
    /// One observed year a line: "2022: 11,12".
    pub history: String,
    /// One kecamatan a line: "name; people; poor [; kantong]": shares in percent or counts (P3KE / DTSEN
    /// households in desil 1, poor households), user-entered.
    pub kecamatan: String,
    /// Rp billion a year for each of `budget_levers()`, in that order.
    pub budgets: Vec<String>,
    /// The APBD (belanja), Rp billion a year; empty when not known.
    pub apbd: String,
    /// The district the form was filled from, if any: its sources are kept, its estimate marks while the
    /// figure is unchanged, its observations' extreme rates for the years still listed.
    pub filled: Option<District>,
}

fn opt(x: Option<f64>, decimals: usize, lang: Lang) -> String {
    x.map(|v| plain(v, decimals, lang)).unwrap_or_default()
}

/// A number as a person types it: the language's separators, no trailing zeros after the decimals.
fn plain(v: f64, decimals: usize, lang: Lang) -> String {
    let s = format::number(v, decimals, lang);
    let dec = if lang == Lang::Id { ',' } else { '.' };
    if s.contains(dec) {
        s.trim_end_matches('0').trim_end_matches(dec).to_string()
    } else {
        s
    }
}

impl Form {
    /// The form filled from a district (a preset's, a saved one's, a table row's).
    pub fn from_district(d: &District, lang: Lang) -> Form {
        let (p1, p2) = match d.calibration {
            Calibration::P0P1 { p1, .. } => (Some(p1), None),
            Calibration::P0P1P2 { p1, p2, .. } => (Some(p1), Some(p2)),
            _ => (None, None),
        };
        let extreme = d
            .observed
            .iter()
            .find(|o| o.year == d.base_year)
            .and_then(|o| o.extreme_on(&district_table::published_extreme_line(d.base_year)));
        let history = d
            .observed
            .iter()
            .filter(|o| o.year != d.base_year)
            .filter_map(|o| o.p0_pct.map(|p| format!("{}: {}", o.year, plain(p, 2, lang))))
            .collect::<Vec<_>>()
            .join("\n");
        Form {
            lang,
            name: d.name.clone(),
            code: d.code.clone(),
            base_year: d.base_year.to_string(),
            population: plain(d.population, 0, lang),
            household_size: plain(d.household_size, 2, lang),
            poverty_line: plain(d.poverty_line, 0, lang),
            p0: plain(d.calibration.p0_pct(), 2, lang),
            p1: opt(p1, 3, lang),
            p2: opt(p2, 3, lang),
            extreme: opt(extreme, 2, lang),
            gini: opt(d.gini, 3, lang),
            apbd: opt(d.apbd_rp_bn, 1, lang),
            history,
            kecamatan: d
                .kecamatan
                .iter()
                .map(|k| {
                    let pocket = match (k.pocket, lang) {
                        (Some(true), Lang::Id) => "; kantong",
                        (Some(false), Lang::Id) => "; bukan",
                        (Some(true), Lang::En) => "; pocket",
                        (Some(false), Lang::En) => "; no",
                        (None, _) => "",
                    };
                    format!(
                        "{}; {}; {}{pocket}",
                        k.name,
                        plain(k.population_share_pct, 3, lang),
                        plain(k.poor_share_pct, 3, lang)
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
            budgets: budget_levers().iter().map(|id| opt(d.status_quo.get_explicit(*id), 1, lang)).collect(),
            filled: Some(d.clone()),
        }
    }

    /// The form filled from a row of a district table (its other years as the history).
    pub fn from_row(table: &Table, row: &Row, lang: Lang) -> Form {
        Form::from_district(&table.district(row), lang)
    }

    /// The same form with its numbers written in `to`'s style (a text that is not a number stays as typed),
    /// so switching the language never changes what a typed number means.
    pub fn in_lang(&self, to: Lang) -> Form {
        if to == self.lang {
            return self.clone();
        }
        let from = self.lang;
        let re = |t: &String| match format::parse_number(t, from) {
            Some(v) => plain(v, 6, to),
            None => t.clone(),
        };
        let history = self
            .history
            .lines()
            .map(|line| match line.split_once([':', ';', '\t', '=']) {
                Some((y, v)) => match format::parse_number(v, from) {
                    Some(p) => format!("{}: {}", y.trim(), plain(p, 6, to)),
                    None => line.to_string(),
                },
                None => line.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        Form {
            lang: to,
            name: self.name.clone(),
            code: self.code.clone(),
            base_year: self.base_year.clone(),
            population: re(&self.population),
            household_size: re(&self.household_size),
            poverty_line: re(&self.poverty_line),
            p0: re(&self.p0),
            p1: re(&self.p1),
            p2: re(&self.p2),
            extreme: re(&self.extreme),
            gini: re(&self.gini),
            apbd: re(&self.apbd),
            history,
            kecamatan: self
                .kecamatan
                .lines()
                .map(|line| {
                    let cells: Vec<&str> = line.split([';', '\t']).collect();
                    cells
                        .iter()
                        .enumerate()
                        .map(|(i, c)| match format::parse_number(c, from) {
                            Some(v) if i == 1 || i == 2 => plain(v, 6, to),
                            _ => c.trim().to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .collect::<Vec<_>>()
                .join("\n"),
            budgets: self.budgets.iter().map(re).collect(),
            filled: self.filled.clone(),
        }
    }

    /// The district the form describes, checked by the model; the first wrong field otherwise.
    pub fn district(&self) -> Result<District, FormError> {
        let lang = self.lang;
        let bad = |field: Field, problem: FormProblem| FormError { field, problem };
        let num = |field: Field, text: &str| -> Result<Option<f64>, FormError> {
            if text.trim().is_empty() {
                return Ok(None);
            }
            format::parse_number(text, lang).map(Some).ok_or_else(|| bad(field, FormProblem::NotANumber))
        };
        let required = |field: Field, text: &str| num(field, text)?.ok_or_else(|| bad(field, FormProblem::Required));
        let name = self.name.trim().to_string();
        if name.is_empty() {
            return Err(bad(Field::Name, FormProblem::Required));
        }
        let code: String = self.code.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
        if !code.is_empty() && (code.len() > 10 || !code.bytes().all(|b| b.is_ascii_digit())) {
            return Err(bad(Field::Code, FormProblem::NotANumber));
        }
        let base_year = required(Field::BaseYear, &self.base_year)?;
        if base_year.fract() != 0.0 {
            return Err(bad(Field::BaseYear, FormProblem::Model(Problem::NotWhole { value: base_year })));
        }
        let base_year = base_year.clamp(i32::MIN as f64, i32::MAX as f64) as i32;
        let population = required(Field::Population, &self.population)?;
        let household_size = required(Field::HouseholdSize, &self.household_size)?;
        let poverty_line = required(Field::PovertyLine, &self.poverty_line)?;
        let p0 = required(Field::P0, &self.p0)?;
        let p1 = num(Field::P1, &self.p1)?;
        let p2 = num(Field::P2, &self.p2)?;
        if p2.is_some() && p1.is_none() {
            return Err(bad(Field::P1, FormProblem::Required));
        }
        let extreme = num(Field::Extreme, &self.extreme)?;
        if let Some(e) = extreme {
            if !(0.0..=p0).contains(&e) {
                return Err(bad(
                    Field::Extreme,
                    FormProblem::Model(Problem::OutOfRange { value: e, min: 0.0, max: p0 }),
                ));
            }
        }
        let gini = num(Field::Gini, &self.gini)?;
        let apbd = num(Field::Apbd, &self.apbd)?;

        let filled = self.filled.as_ref();
        let mut estimated = filled.map(|d| d.estimated.clone()).unwrap_or_default();
        let mut sources = filled.map(|d| d.sources.clone()).unwrap_or_default();
        let filled_p1 = filled.and_then(|d| match d.calibration {
            Calibration::P0P1 { p1, .. } | Calibration::P0P1P2 { p1, .. } => Some(p1),
            _ => None,
        });
        let p1 = match p1 {
            Some(v) => {
                if filled_p1 != Some(v) {
                    estimated.retain(|e| *e != Estimated::P1);
                }
                v
            }
            None => {
                let (v, note) = district_table::p1_estimate(p0);
                if !estimated.contains(&Estimated::P1) {
                    estimated.push(Estimated::P1);
                    sources.push(note);
                }
                v
            }
        };
        let calibration = match p2 {
            Some(p2) => Calibration::P0P1P2 { p0_pct: p0, p1, p2 },
            None => Calibration::P0P1 { p0_pct: p0, p1 },
        };

        // The history, then the base year with its extreme check.
        let mut observed = Vec::new();
        for (i, line) in self.history.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let bad_line = || bad(Field::History, FormProblem::HistoryLine { line: i + 1 });
            let (y, v) = line.split_once([':', ';', '\t', '=']).ok_or_else(bad_line)?;
            let year: i32 = y.trim().parse().map_err(|_| bad_line())?;
            let p = format::parse_number(v, lang).ok_or_else(bad_line)?;
            if year == base_year {
                continue;
            }
            let kept = filled.and_then(|d| d.observed.iter().find(|o| o.year == year && o.p0_pct == Some(p)));
            observed.push(match kept {
                Some(o) => o.clone(),
                None => {
                    Observation { year, p0_pct: Some(p), extreme_pct: None, extreme_line: None, note: String::new() }
                }
            });
        }
        observed.push(Observation {
            year: base_year,
            p0_pct: Some(p0),
            extreme_pct: extreme,
            extreme_line: extreme.map(|_| district_table::published_extreme_line(base_year)),
            note: String::new(),
        });
        observed.sort_by_key(|o| o.year);
        observed.dedup_by_key(|o| o.year);

        // The budgets as typed; the status quo's other settings (a benefit level, an enabler) as filled.
        let budgets = budget_levers();
        let kept: std::collections::BTreeMap<String, f64> = filled
            .map(|d| d.status_quo.explicit().clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|(id, _)| levers::spec_named(id).is_none_or(|s| !budgets.contains(&s.id)))
            .collect();
        let mut status_quo = LeverValues::new(kept).unwrap_or_default();
        for (id, text) in budgets.into_iter().zip(&self.budgets) {
            if let Some(v) = num(Field::Budget(id), text)? {
                let spec = levers::spec(id);
                status_quo.set(id, v).map_err(|_| {
                    bad(
                        Field::Budget(id),
                        FormProblem::Model(Problem::OutOfRange { value: v, min: spec.min, max: spec.max }),
                    )
                })?;
            }
        }
        // A figure typed anew is no longer the estimate it was (the form shows figures rounded, so "unchanged"
        // means the same to the digits shown).
        let same = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(1.0) + 0.005;
        estimated.retain(|e| match (e, filled) {
            (Estimated::PovertyLine, Some(d)) => same(d.poverty_line, poverty_line),
            (Estimated::Population, Some(d)) => same(d.population, population),
            (Estimated::HouseholdSize, Some(d)) => same(d.household_size, household_size),
            (Estimated::Gini, Some(d)) => gini.zip(d.gini).is_some_and(|(a, b)| same(a, b)),
            (Estimated::P2, Some(_)) => p2.is_some(),
            (Estimated::MeanConsumption, _) => gini.is_none(),
            (Estimated::P1, _) => true,
            (_, None) => false,
        });
        let district = District {
            code,
            name,
            base_year,
            population,
            household_size,
            // What the form does not show is kept from where it was filled: the poor households' size, the
            // mean consumption (the upper tail's target when no Gini is typed), the kecamatan.
            poor_household_size: filled.and_then(|d| d.poor_household_size),
            poverty_line,
            calibration,
            gini,
            mean_consumption: if gini.is_none() { filled.and_then(|d| d.mean_consumption) } else { None },
            kecamatan: self.kecamatan_list()?,
            observed,
            sources,
            estimated,
            status_quo,
            apbd_rp_bn: apbd,
        };
        let s = district_table::scenario_on(district);
        s.validate().map_err(|e| model_error(&e))?;
        Ok(s.district)
    }

    /// The kecamatan as typed: each column is read as shares when it adds up to 100 (±0.5) and as counts
    /// otherwise (turned into shares of their total).
    fn kecamatan_list(&self) -> Result<Vec<Kecamatan>, FormError> {
        let bad = |problem: FormProblem| FormError { field: Field::Kecamatan, problem };
        let mut rows = Vec::new();
        for (i, line) in self.kecamatan.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let cells: Vec<&str> = line.split([';', '\t']).map(str::trim).collect();
            let bad_line = || bad(FormProblem::KecamatanLine { line: i + 1 });
            let (name, pop, poor) = match cells.as_slice() {
                [name, pop, poor, ..] if !name.is_empty() => (*name, *pop, *poor),
                _ => return Err(bad_line()),
            };
            let num = |t: &str| format::parse_number(t, self.lang).filter(|v| *v >= 0.0).ok_or_else(bad_line);
            let pocket = match cells.get(3).map(|c| c.to_lowercase()) {
                None => None,
                Some(c) if c.is_empty() => None,
                Some(c) if ["kantong", "ya", "yes", "pocket", "1", "x"].contains(&c.as_str()) => Some(true),
                Some(c) if ["bukan", "tidak", "no", "0", "-"].contains(&c.as_str()) => Some(false),
                Some(_) => return Err(bad_line()),
            };
            rows.push((name.to_string(), num(pop)?, num(poor)?, pocket));
        }
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let pop_total: f64 = rows.iter().map(|r| r.1).sum();
        let poor_total: f64 = rows.iter().map(|r| r.2).sum();
        if pop_total <= 0.0 || poor_total <= 0.0 {
            return Err(bad(FormProblem::KecamatanTotal));
        }
        let share = |v: f64, t: f64| if (99.5..=100.5).contains(&t) { v } else { 100.0 * v / t };
        let p0 = format::parse_number(&self.p0, self.lang).unwrap_or(0.0);
        for (i, r) in rows.iter().enumerate() {
            let pct = p0 * share(r.2, poor_total) / share(r.1, pop_total).max(1e-9);
            if pct > 100.0 {
                let line = self
                    .kecamatan
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .nth(i)
                    .map_or(i + 1, |(n, _)| n + 1);
                return Err(bad(FormProblem::KecamatanHeadcount { line, pct }));
            }
        }
        Ok(rows
            .into_iter()
            .map(|(name, pop, poor, pocket)| Kecamatan {
                name,
                population_share_pct: share(pop, pop_total),
                poor_share_pct: share(poor, poor_total),
                pocket,
            })
            .collect())
    }

    /// The scenario the form starts: its district with the district's programmes as the levers.
    pub fn scenario(&self) -> Result<Scenario, FormError> {
        self.district().map(district_table::scenario_on)
    }
}

/// The form field a model refusal is about.
fn model_error(e: &ScenarioError) -> FormError {
    let f = e.field.strip_prefix("district.").unwrap_or(&e.field);
    let field = match f {
        "name" => Field::Name,
        "base_year" | "horizon" => Field::BaseYear,
        "population" => Field::Population,
        "household_size" | "poor_household_size" => Field::HouseholdSize,
        "poverty_line" | "extreme_line" => Field::PovertyLine,
        "calibration.p0_pct" => Field::P0,
        "calibration.p1" => Field::P1,
        "calibration.p2" => Field::P2,
        "gini" => Field::Gini,
        "apbd_rp_bn" => Field::Apbd,
        _ if f.starts_with("observed") => Field::History,
        _ if f.starts_with("kecamatan") => Field::Kecamatan,
        _ if f.starts_with("status_quo.") => {
            let id = f.trim_start_matches("status_quo.");
            levers::spec_named(id).map_or(Field::Name, |s| Field::Budget(s.id))
        }
        _ => Field::Name,
    };
    FormError { field, problem: FormProblem::Model(e.problem.clone()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use entas_model::presets;
    use entas_model::scenario::ExtremeLine;

    #[test]
    fn a_preset_district_round_trips_through_the_form_in_both_languages() {
        let muba = presets::preset("muba_2024").unwrap().district;
        for lang in [Lang::Id, Lang::En] {
            let f = Form::from_district(&muba, lang);
            let d = f.district().unwrap();
            assert_eq!(d.calibration, muba.calibration);
            assert_eq!(
                (d.population, d.household_size, d.poverty_line),
                (muba.population, muba.household_size, muba.poverty_line)
            );
            assert_eq!(d.status_quo, muba.status_quo);
            assert_eq!(d.estimated, muba.estimated, "unchanged figures keep their estimate marks");
            assert_eq!(d.mean_consumption, muba.mean_consumption);
            let years = |d: &District| d.observed.iter().map(|o| (o.year, o.p0_pct)).collect::<Vec<_>>();
            assert_eq!(years(&d), years(&muba));
            // The extreme rates of the history are kept with their lines.
            assert_eq!(d.observed.iter().filter(|o| o.extreme_pct.is_some()).count(), 4);
            // Switching the language keeps every number.
            let other = if lang == Lang::Id { Lang::En } else { Lang::Id };
            assert_eq!(f.in_lang(other).district().unwrap(), d);
        }
    }

    #[test]
    fn typed_figures_make_a_district_and_wrong_ones_name_their_field() {
        let mut f = Form {
            lang: Lang::Id,
            name: "Kabupaten Contoh".into(),
            code: "16.99".into(),
            base_year: "2024".into(),
            population: "500.000".into(),
            household_size: "3,9".into(),
            poverty_line: "520.000".into(),
            p0: "11,5".into(),
            p1: "1,9".into(),
            p2: "0,45".into(),
            extreme: "0,8".into(),
            history: "2022: 12,9\n2023: 12,1".into(),
            budgets: vec![String::new(); budget_levers().len()],
            ..Form::default()
        };
        f.budgets[0] = "25".into();
        f.apbd = "1.250,5".into();
        let d = f.district().unwrap();
        assert_eq!(d.apbd_rp_bn, Some(1_250.5));
        let mut no_budget = f.clone();
        no_budget.apbd = "0,5".into();
        assert_eq!(no_budget.district().unwrap_err().field, Field::Apbd, "an APBD below Rp1 miliar is named");
        no_budget.apbd = String::new();
        assert_eq!(no_budget.district().unwrap().apbd_rp_bn, None);
        assert_eq!(d.code, "1699");
        assert_eq!(d.population, 500_000.0);
        assert_eq!(d.calibration, Calibration::P0P1P2 { p0_pct: 11.5, p1: 1.9, p2: 0.45 });
        assert_eq!(d.observed.len(), 3);
        assert_eq!(d.observed[2].extreme_on(&ExtremeLine::Usd215), Some(0.8));
        assert_eq!(d.status_quo.get_explicit(budget_levers()[0]), Some(25.0));
        assert!(d.estimated.is_empty(), "nothing typed is an estimate");
        assert!(f.scenario().unwrap().validate().is_ok());

        let wrong = |edit: &dyn Fn(&mut Form), field: Field| {
            let mut g = f.clone();
            edit(&mut g);
            assert_eq!(g.district().unwrap_err().field, field);
        };
        wrong(&|g| g.p0 = "sebelas".into(), Field::P0);
        wrong(&|g| g.p1 = "9".into(), Field::P1);
        wrong(&|g| g.poverty_line = "520".into(), Field::PovertyLine);
        wrong(&|g| g.household_size = String::new(), Field::HouseholdSize);
        wrong(&|g| g.history = "2022 12,9".into(), Field::History);
        wrong(&|g| g.budgets[0] = "9000".into(), Field::Budget(budget_levers()[0]));
        wrong(&|g| g.name = " ".into(), Field::Name);
        wrong(&|g| g.extreme = "20".into(), Field::Extreme);
        // No P1: the national ratio, marked as an estimate.
        let mut g = f.clone();
        g.p1.clear();
        g.p2.clear();
        let d = g.district().unwrap();
        assert!(d.estimated.contains(&Estimated::P1));
        // A P2 without a P1 is refused at P1.
        g.p2 = "0,4".into();
        assert_eq!(g.district().unwrap_err().field, Field::P1);
    }

    #[test]
    fn kecamatan_as_counts_or_shares_with_chosen_pockets() {
        let mut f = Form::from_district(&presets::preset("muba_2024").unwrap().district, Lang::Id);
        // P3KE-like counts (households in desil 1 as the poor column), one chosen pocket.
        f.kecamatan = "Sekayu; 20.000; 1.500\nLalan; 10.000; 2.500; kantong\nLais; 10.000; 1.000; bukan".into();
        let d = f.district().unwrap();
        assert_eq!(d.kecamatan.len(), 3);
        assert_eq!(d.kecamatan[0].population_share_pct, 50.0);
        assert_eq!(d.kecamatan[1].poor_share_pct, 50.0);
        assert_eq!(d.kecamatan.iter().map(|k| k.pocket).collect::<Vec<_>>(), vec![None, Some(true), Some(false)]);
        // Shares that add up to 100 stay as typed, and the form reads back what it wrote, in both languages.
        let back = Form::from_district(&d, Lang::En);
        assert_eq!(back.district().unwrap().kecamatan, d.kecamatan);
        assert_eq!(back.in_lang(Lang::Id).district().unwrap().kecamatan, d.kecamatan);
        // A name with no counts (the brief's list of names, not yet filled in) is refused with its line.
        f.kecamatan = "Sekayu; 20.000; 1.500\nLalan".into();
        assert_eq!(
            f.district().unwrap_err(),
            FormError { field: Field::Kecamatan, problem: FormProblem::KecamatanLine { line: 2 } }
        );
        f.kecamatan = "Sekayu; 0; 0".into();
        assert_eq!(f.district().unwrap_err().problem, FormProblem::KecamatanTotal);
        // 90% of the poor in 5% of the people: more than everyone poor there.
        f.kecamatan = "Sekayu; 95; 10\nLalan; 5; 90".into();
        assert!(matches!(f.district().unwrap_err().problem, FormProblem::KecamatanHeadcount { line: 2, .. }));
    }

    #[test]
    fn a_table_row_fills_the_form() {
        let t = Table::parse(include_str!("../assets/data/sumsel-districts.csv")).unwrap();
        let row = t.find("1604", None).unwrap();
        let f = Form::from_row(&t, row, Lang::Id);
        assert_eq!((f.name.as_str(), f.base_year.as_str(), f.p0.as_str()), ("Lahat", "2024", "14,14"));
        assert!(f.history.contains("2023: 15"));
        let d = f.district().unwrap();
        assert_eq!(d.base_year, 2024);
        assert!(d.sources.iter().any(|s| s.contains("Databoks")));
    }
}
