//! The page and the language in the address (`?page=compare&lang=en`), so they survive a reload and Back and
//! Forward move between pages. Pure: the query text in, the query text out; `app` does the history calls.
//! Other parameters (`workers`, `draws`) are kept as they are.

use crate::i18n::Lang;
use crate::state::Page;

/// What the address says about the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Route {
    pub page: Page,
    pub lang: Lang,
}

fn page_name(p: Page) -> Option<&'static str> {
    match p {
        Page::Explorer => None,
        Page::Compare => Some("compare"),
        Page::Brief => Some("brief"),
        Page::HowItWorks => Some("howto"),
        Page::Workshop => Some("workshop"),
        Page::District => Some("district"),
        Page::Solve => Some("solve"),
    }
}

/// The route a query (`?a=b&…`, with or without the `?`) names; anything unknown is the default.
pub fn parse(search: &str) -> Route {
    let mut r = Route::default();
    for (k, v) in pairs(search) {
        match (k, v) {
            ("page", "compare") => r.page = Page::Compare,
            ("page", "brief") => r.page = Page::Brief,
            ("page", "howto") => r.page = Page::HowItWorks,
            ("page", "workshop") => r.page = Page::Workshop,
            ("page", "district") => r.page = Page::District,
            ("page", "solve") => r.page = Page::Solve,
            ("lang", "en") => r.lang = Lang::En,
            _ => {}
        }
    }
    r
}

/// `search` with its page and language set to `r` (the defaults left out); other parameters kept in order.
pub fn with_route(search: &str, r: Route) -> String {
    let mut out: Vec<String> =
        pairs(search).filter(|(k, _)| *k != "page" && *k != "lang").map(|(k, v)| format!("{k}={v}")).collect();
    if let Some(p) = page_name(r.page) {
        out.push(format!("page={p}"));
    }
    if r.lang == Lang::En {
        out.push("lang=en".into());
    }
    if out.is_empty() {
        String::new()
    } else {
        format!("?{}", out.join("&"))
    }
}

fn pairs(search: &str) -> impl Iterator<Item = (&str, &str)> {
    search.trim_start_matches('?').split('&').filter(|p| !p.is_empty()).map(|p| p.split_once('=').unwrap_or((p, "")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_round_trips_the_page_and_language_and_keeps_other_parameters() {
        assert_eq!(parse(""), Route::default());
        assert_eq!(parse("?page=compare&lang=en"), Route { page: Page::Compare, lang: Lang::En });
        assert_eq!(parse("?page=nowhere&lang=fr"), Route::default(), "unknown values are the default");
        for page in
            [Page::Explorer, Page::Compare, Page::Brief, Page::HowItWorks, Page::Workshop, Page::District, Page::Solve]
        {
            for lang in [Lang::Id, Lang::En] {
                let r = Route { page, lang };
                assert_eq!(parse(&with_route("?workers=3", r)), r);
                assert!(with_route("?workers=3", r).starts_with("?workers=3"), "{}", with_route("?workers=3", r));
            }
        }
        assert_eq!(with_route("?page=brief&lang=en", Route::default()), "");
        assert_eq!(
            with_route("?draws=50&page=brief", Route { page: Page::HowItWorks, lang: Lang::Id }),
            "?draws=50&page=howto"
        );
    }
}
