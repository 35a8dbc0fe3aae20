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
