//! Entry point: install the panic hook and mount. Nothing else lives here.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(entas_app::App);
}
