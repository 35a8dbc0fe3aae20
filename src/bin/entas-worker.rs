//! The analysis web worker's entry point: registers the worker and nothing else.

use gloo_worker::Registrable;

fn main() {
    console_error_panic_hook::set_once();
    entas_app::worker::Analyst::registrar().encoding::<entas_app::worker::Json>().register();
}
