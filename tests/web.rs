//! Browser tests of the app's components (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use entas_app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the app into a fresh container, with empty browser storage and no page or language in the address
/// (the app keeps both there, and the tests share one page), and returns the container.
fn mount_app() -> web_sys::HtmlElement {
    if let Ok(Some(storage)) = web_sys::window().unwrap().local_storage() {
        storage.clear().unwrap();
    }
    let search = entas_app::browser::search();
    entas_app::browser::set_search(&entas_app::route::with_route(&search, Default::default()), false);
    let container: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), App).forget();
    container
}

fn text_of(root: &web_sys::HtmlElement, testid: &str) -> String {
    root.query_selector(&format!("[data-testid='{testid}']")).unwrap().unwrap().text_content().unwrap_or_default()
}

fn input(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlInputElement {
    root.query_selector(selector).unwrap().unwrap().unchecked_into()
}

#[wasm_bindgen_test]
async fn every_lever_renders_its_range_from_the_model_table() {
    let root = mount_app();
    leptos::task::tick().await;
    assert_eq!(text_of(&root, "app-title"), "Entas");
    for spec in entas_model::LEVERS {
        let range = input(&root, &format!("[data-testid='lever-{}'] input[type=range]", spec.id));
        assert_eq!(range.min().parse::<f64>().unwrap(), spec.min, "{}", spec.id);
        assert_eq!(range.max().parse::<f64>().unwrap(), spec.max, "{}", spec.id);
        assert_eq!(range.step().parse::<f64>().unwrap(), spec.step, "{}", spec.id);
    }
    let cash = input(&root, "[data-testid='lever-cash_budget'] input[type=range]");
    assert_eq!(cash.value(), "70", "Muba's Bantu Umak budget");
    root.remove();
}

#[wasm_bindgen_test]
async fn kpis_are_formatted_in_both_languages_and_follow_a_lever() {
    let root = mount_app();
    leptos::task::tick().await;
    let kpi = |root: &web_sys::HtmlElement| {
        root.query_selector("[data-testid='kpi-p0'] [data-testid='kpi-value']")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    let before = kpi(&root);
    assert!(before.ends_with('%') && before.contains(','), "Bahasa: decimal comma: {before}");
    let label = text_of(&root, "kpi-p0");
    assert!(label.contains("Penduduk miskin 2030 (GK ≈Rp590.000)"), "{label}");

    let cash = input(&root, "[data-testid='lever-cash_budget'] input[type=range]");
    cash.set_value("300");
    cash.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
    let after = kpi(&root);
    assert_ne!(before, after);
    assert!(!text_of(&root, "lever-value").trim().is_empty());

    let en: web_sys::HtmlElement = root.query_selector("[data-testid='lang-en']").unwrap().unwrap().unchecked_into();
    en.click();
    leptos::task::tick().await;
    let english = kpi(&root);
    assert!(
        english.ends_with('%') && english.contains('.') && !english.contains(','),
        "English: decimal point: {english}"
    );
    assert!(text_of(&root, "kpi-p0").contains("Poverty rate 2030 (poverty line GK ≈Rp590,000)"));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_typed_value_out_of_range_is_refused_with_a_message() {
    let root = mount_app();
    leptos::task::tick().await;
    let field = input(&root, "[data-testid='lever-absorption'] [data-testid='lever-number']");
    field.set_value("250");
    field.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    leptos::task::tick().await;
    let error = root.query_selector("[data-testid='lever-absorption'] [data-testid='lever-error']").unwrap().unwrap();
    assert!(error.text_content().unwrap().contains("Penyerapan anggaran"), "{:?}", error.text_content());
    assert!(!error.unchecked_ref::<web_sys::HtmlElement>().hidden());
    assert_eq!(input(&root, "[data-testid='lever-absorption'] input[type=range]").value(), "95");
    root.remove();
}

/// The browser computes exactly what the native CLI wrote into the golden file (libm, no fast-math).
#[wasm_bindgen_test]
fn wasm_reproduces_the_native_golden_csv() {
    let scenario = include_str!("../crates/entas-cli/tests/golden/muba_2024_small.json");
    let golden = include_str!("../crates/entas-cli/tests/golden/muba_2024_small.csv");
    let model = entas_model::Model::new(entas_model::Scenario::from_json(scenario).unwrap()).unwrap();
    let o = model.simulate();
    let (header, rows) = entas_model::report::results_table(&o, None);
    let mut lines = golden.lines();
    assert_eq!(lines.next(), Some(header.join(",").as_str()));
    for (row, line) in rows.iter().zip(lines) {
        assert_eq!(row.join(","), line);
    }
    assert_eq!(rows.len(), golden.lines().count() - 1);
}

/// The browser computes every number of the engine's full-precision oracle bit for bit as the native build
/// wrote it (shape, every world and year, Shapley wedge, Monte Carlo): wasm = native, not just to four
/// decimals.
#[wasm_bindgen_test]
fn wasm_reproduces_the_native_full_precision_oracle() {
    let scenario = include_str!("../crates/entas-model/tests/oracle/pockets_shock_gap_filling.json");
    let expected: serde_json::Value = serde_json::from_str(include_str!(
        "../crates/entas-model/tests/oracle/pockets_shock_gap_filling.expected.json"
    ))
    .unwrap();
    let actual = entas_model::oracle_digest(&entas_model::Scenario::from_json(scenario).unwrap());
    let differing = |key: &str| expected[key] != actual[key];
    for key in ["shape", "outcome", "wedge", "bands"] {
        assert!(!differing(key), "{key} differs from the native oracle");
    }
    assert_eq!(expected, actual);
}
