//! The job web worker's entry point: registers the worker and nothing else.

use gloo_worker::Registrable;

fn main() {
    console_error_panic_hook::set_once();
    entas_app::jobs::Worker::registrar().encoding::<entas_app::jobs::Json>().register();
}
