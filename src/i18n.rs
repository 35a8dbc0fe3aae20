//! UI language: Bahasa Indonesia first, English second. Texts live in `locales/*.yml` (rust-i18n).

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
}

/// The current UI language, shared through context.
#[derive(Clone, Copy)]
pub struct UiLang(pub RwSignal<Lang>);

/// The current UI language from context (Bahasa Indonesia when none is provided).
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<UiLang>().map(|l| l.0).unwrap_or_else(|| RwSignal::new(Lang::Id))
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

    #[test]
    fn both_languages_have_the_same_keys() {
        let id = keys(include_str!("../locales/id.yml"));
        let en = keys(include_str!("../locales/en.yml"));
        assert_eq!(id, en);
        assert!(id.len() > 200);
    }

    #[test]
    fn every_lever_group_and_programme_is_translated() {
        for lang in [Lang::Id, Lang::En] {
            for l in entas_model::LEVERS {
                for part in ["label", "help"] {
                    let key = format!("lever.{}.{part}", l.id);
                    let text = lang.t(&key);
                    assert!(!text.contains(&key) && !text.is_empty(), "{lang:?} {key}");
                }
            }
            for g in entas_model::LeverGroup::ALL {
                let key = format!("group.{}", g.as_str());
                assert!(!lang.t(&key).contains(&key), "{lang:?} {key}");
            }
            for p in entas_model::Programme::ALL {
                let key = format!("programme.{}", p.id());
                assert!(!lang.t(&key).contains(&key), "{lang:?} {key}");
            }
        }
        assert_ne!(Lang::Id.t("lever.cash_budget.label"), Lang::En.t("lever.cash_budget.label"));
    }
}
