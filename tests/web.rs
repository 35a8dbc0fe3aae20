//! Browser tests of the app's components (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use entas_app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the app into a fresh container and returns the container.
fn mount_app() -> web_sys::HtmlElement {
    let container: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), App).forget();
    container
}

fn text_of(root: &web_sys::HtmlElement, testid: &str) -> String {
    root.query_selector(&format!("[data-testid='{testid}']")).unwrap().unwrap().text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn app_mounts_in_bahasa_with_the_growth_lever_and_its_range() {
    let root = mount_app();
    leptos::task::tick().await;
    assert_eq!(text_of(&root, "app-title"), "Entas");
    assert_eq!(text_of(&root, "kpi-p0-base"), "12,88%");
    let input: web_sys::HtmlInputElement =
        root.query_selector("[data-testid='lever-growth_b40'] input[type=range]").unwrap().unwrap().unchecked_into();
    assert_eq!(input.min(), "0");
    assert_eq!(input.max(), "5");
    assert_eq!(input.value(), "2.5");
    root.remove();
}

#[wasm_bindgen_test]
async fn moving_the_lever_updates_the_kpi_and_english_formats_with_points() {
    let root = mount_app();
    leptos::task::tick().await;
    let before = text_of(&root, "kpi-p0-end");
    let input: web_sys::HtmlInputElement =
        root.query_selector("[data-testid='lever-growth_b40'] input[type=range]").unwrap().unwrap().unchecked_into();
    input.set_value("5");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
    let after = text_of(&root, "kpi-p0-end");
    assert_ne!(before, after);
    assert!(after.contains(','), "Bahasa uses a decimal comma: {after}");

    let en: web_sys::HtmlElement = root.query_selector("[data-testid='lang-en']").unwrap().unwrap().unchecked_into();
    en.click();
    leptos::task::tick().await;
    assert_eq!(text_of(&root, "kpi-p0-base"), "12.88%");
    assert!(text_of(&root, "chart-title").starts_with("Poverty rate (GK Rp590,000/capita/month)"));
    root.remove();
}

/// The browser computes exactly what the native CLI wrote into the golden file (libm, no fast-math).
#[wasm_bindgen_test]
fn wasm_reproduces_the_native_golden_csv() {
    let scenario = include_str!("../crates/entas-cli/tests/golden/muba_2024_small.json");
    let golden = include_str!("../crates/entas-cli/tests/golden/muba_2024_small.csv");
    let model = entas_model::Model::new(entas_model::Scenario::from_json(scenario).unwrap()).unwrap();
    let o = model.simulate();
    let rows = o.baseline.iter().map(|r| ("baseline", r)).chain(o.scenario.iter().map(|r| ("scenario", r)));
    for ((name, r), line) in rows.zip(golden.lines().skip(1)) {
        let ours = format!(
            "{name},{},{:.4},{:.4},{:.4},{:.4},{:.0},{:.0},{:.4},{:.4},{:.0},{:.0}",
            r.year,
            r.p0_pct,
            r.p1,
            r.p2,
            r.extreme_pct,
            r.poor_people,
            r.extreme_people,
            r.vulnerable_pct,
            r.gini,
            r.spend_rp,
            r.beneficiaries
        );
        assert_eq!(ours, line);
    }
}
