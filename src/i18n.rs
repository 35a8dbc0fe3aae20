//! UI language: Bahasa Indonesia first, English second. Texts live in `locales/*.yml` (rust-i18n); a
//! sentence with values is one template with `%{name}` arguments, filled by the crate's own interpolation.

use leptos::prelude::*;

/// A UI language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    /// The locale code used by the translation files and the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Translates `key` into this language.
    pub fn t(self, key: &str) -> String {
        rust_i18n::t!(key, locale = self.code()).into_owned()
    }

    /// Translates the template `key` and fills its `%{name}` arguments.
    pub fn tf(self, key: &str, args: &[(&str, String)]) -> String {
        let (names, values): (Vec<&str>, Vec<String>) = args.iter().cloned().unzip();
        rust_i18n::replace_patterns(&self.t(key), &names, &values)
    }
}

/// The current UI language, shared through context.
#[derive(Clone, Copy)]
pub struct UiLang(pub RwSignal<Lang>);

/// The current UI language `App` provided.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<UiLang>().0
}

/// A reactive translation of `key` in the current UI language.
pub fn tr(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || lang.get().t(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_translate_the_title() {
        assert_eq!(Lang::Id.t("app.tagline"), "Simulasi skenario pengentasan kemiskinan");
        assert_eq!(Lang::En.t("app.tagline"), "Poverty-reduction scenario simulator");
    }

    #[test]
    fn templates_take_their_arguments() {
        assert_eq!(Lang::En.tf("kpi.met_in_year", &[("year", "2027".into())]), "Met in 2027");
        assert_eq!(Lang::Id.tf("kpi.met_in_year", &[("year", "2027".into())]), "Tercapai 2027");
    }
}

#[cfg(test)]
mod coverage {
    use super::Lang;

    fn keys(text: &str) -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(": ").map(|(k, _)| k.to_string()))
            .collect()
    }

    /// Every key the app's source hands to a translation call as a literal (`t("…")`, `tf("…"`, `tr("…")`,
    /// a notice's or a refusal's key, a template's) is a key of the locale files: a misspelt or forgotten
    /// key would print as itself on screen.
    #[test]
    fn every_key_written_in_the_source_is_translated() {
        let id = keys(include_str!("../locales/id.yml"));
        let markers = [
            "t(\"",
            "tf(\"",
            "tr(\"",
            "Notice::info(\"",
            "Notice::error(\"",
            "refused(\"",
            "Template(\"",
            "key: \"",
            "invalid(\"",
            "not_json(\"",
            "title(\"",
            "year_title(\"",
        ];
        let mut files = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        let (mut checked, mut missing) = (0, Vec::new());
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("i18n.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for m in markers {
                for (at, _) in text.match_indices(m) {
                    // A marker inside a longer name (`format(\"`) is not a call of ours.
                    let before = text[..at].chars().last().unwrap_or(' ');
                    if before.is_ascii_alphanumeric() || before == '_' {
                        continue;
                    }
                    let literal = text[at + m.len()..].split('"').next().unwrap_or_default();
                    if literal.contains('.') && !literal.contains(' ') && !literal.contains('{') {
                        checked += 1;
                        if !id.iter().any(|k| k == literal) {
                            missing.push(format!("{}: {literal}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(checked > 200, "{checked} keys checked");
        assert!(missing.is_empty(), "keys with no translation: {missing:#?}");
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let id = keys(include_str!("../locales/id.yml"));
        let en = keys(include_str!("../locales/en.yml"));
        assert_eq!(id, en);
        assert!(id.len() > 200);
    }

    /// Every key built from an enum or a table: walked from the enum or table itself, so a new variant
    /// without a translation fails here.
    fn labelled_keys() -> Vec<String> {
        let mut k = Vec::new();
        for l in entas_model::LEVERS {
            k.push(format!("lever.{}.label", l.id));
            k.push(format!("lever.{}.help", l.id));
        }
        for g in entas_model::LeverGroup::ALL {
            k.push(format!("group.{}", g.as_str()));
            k.push(format!("group.{}.hint", g.as_str()));
        }
        for p in entas_model::Programme::BUDGETED {
            k.push(format!("programme.{}", p.id()));
            k.push(format!("programme.short.{}", p.id()));
        }
        for u in entas_model::levers::Unit::ALL {
            k.push(format!("unitname.{}", u.as_str()));
        }
        for p in entas_model::presets::PRESETS {
            k.push(format!("preset.{}", p.id));
        }
        for p in entas_model::levers::ENABLER_PRESETS {
            k.push(format!("enablers.{}", p.id));
        }
        for s in entas_model::population::SECOND_TARGETS {
            k.push(format!("howto.second.{s}"));
        }
        for l in crate::present::LINE_CHOICES {
            k.push(format!("line.{}", crate::present::line_key(&l)));
            if !matches!(l, entas_model::scenario::ExtremeLine::Rupiah { .. }) {
                k.push(format!("line.short.{}", crate::present::line_key(&l)));
            }
        }
        {
            use entas_model::scenario::Estimated as E;
            for e in [E::PovertyLine, E::Population, E::HouseholdSize, E::P1, E::P2, E::Gini, E::MeanConsumption] {
                k.push(format!("estimate.field.{}", crate::present::estimated_key(e)));
            }
        }
        for g in ["evidence", "district_trend"] {
            k.push(format!("growth.{g}"));
        }
        k.extend(["kpi.sub_poor_more".to_string(), "kpi.sub_people_more".to_string()]);
        for i in ["p0", "extreme", "p1"] {
            k.push(format!("solve.indicator.{i}"));
        }
        for c in entas_model::district_table::Column::ALL {
            k.push(format!("district.column.{}", c.header()));
        }
        for c in entas_model::households::HouseholdColumn::ALL {
            k.push(format!("hh.column.{}", c.header()));
        }
        {
            use crate::district_form::Field as F;
            let fields = [F::Name, F::Code, F::BaseYear, F::Population, F::HouseholdSize, F::PovertyLine, F::P0, F::P1];
            let more = [
                F::P2,
                F::Extreme,
                F::Gini,
                F::Apbd,
                F::History,
                F::Kecamatan,
                F::Budget(entas_model::LeverId::CashBudget),
            ];
            k.extend(fields.iter().chain(&more).map(|f| f.label_key().to_string()));
        }
        k
    }

    #[test]
    fn every_labelled_enum_and_table_row_is_translated() {
        let keys = labelled_keys();
        assert!(keys.len() > 150, "{}", keys.len());
        for lang in [Lang::Id, Lang::En] {
            for key in &keys {
                let text = lang.t(key);
                assert!(!text.contains(key.as_str()) && !text.is_empty(), "{lang:?} {key}");
            }
        }
        assert_ne!(Lang::Id.t("lever.cash_budget.label"), Lang::En.t("lever.cash_budget.label"));
    }
}
