//! The browser edge apart from storage: downloads, reading a picked file, the address, the clipboard.

use wasm_bindgen::JsCast;

/// Offers `content` as a file download named `name`.
pub fn download(name: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    download_url(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Offers the resource at `url` (an object or data URL) as a download named `name`.
pub fn download_url(name: &str, url: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(a) = doc.create_element("a") else { return };
    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
    a.set_href(url);
    a.set_download(name);
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
        a.click();
        let _ = body.remove_child(&a);
    }
}

/// The text of the first file picked in `input` (cleared, so the same file can be picked again).
pub async fn picked_file_text(input: &web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files().and_then(|f| f.get(0))?;
    input.set_value("");
    wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string())
}

/// The first `max` files picked in the file input of `ev`, taken before the input is cleared (so the same
/// file can be picked again).
pub fn take_picked(ev: &web_sys::Event, max: u32) -> Vec<web_sys::File> {
    let Some(input) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
    else {
        return Vec::new();
    };
    let files = input.files().map(|f| files_of(&f, max)).unwrap_or_default();
    input.set_value("");
    files
}

/// The first `max` files of a list (picked several at once, or dropped). Taken at once: a file input's list
/// empties when the input is cleared for the next pick.
pub fn files_of(files: &web_sys::FileList, max: u32) -> Vec<web_sys::File> {
    (0..files.length().min(max)).filter_map(|i| files.get(i)).collect()
}

/// Every file's name and text (None when it could not be read as text).
pub async fn files_text(files: Vec<web_sys::File>) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for file in files {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string());
        out.push((file.name(), text));
    }
    out
}

/// The address without its fragment.
pub fn address_without_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// The address without its query and fragment (origin and path).
pub fn address_without_query() -> String {
    let h = address_without_fragment();
    h.split('?').next().unwrap_or_default().to_string()
}

/// The address's fragment ("#…"), or empty.
pub fn fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Drops the fragment from the address without reloading (the query stays).
pub fn clear_fragment() {
    set_search(&search(), false);
}

/// The address's query ("?…"), or empty.
pub fn search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// Sets the address's query without reloading: a new history entry (`push`) or in place; the fragment is
/// dropped.
pub fn set_search(search: &str, push: bool) {
    let Some(w) = web_sys::window() else { return };
    let path = w.location().pathname().unwrap_or_default();
    let url = format!("{path}{search}");
    if let Ok(h) = w.history() {
        let _ = if push {
            h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        } else {
            h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        };
    }
}

/// Today's date, YYYY-MM-DD (UTC), for what an export says about when it was made.
pub fn today() -> String {
    js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default().chars().take(10).collect()
}

/// A PNG (data URL) of the chart canvas under its title, with the context lines at the foot, at the
/// canvas's own resolution.
pub fn png_with_caption(chart: &web_sys::HtmlCanvasElement, title: &str, lines: &[String]) -> Option<String> {
    use wasm_bindgen::JsCast;
    let doc = web_sys::window()?.document()?;
    let out: web_sys::HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    let scale = (chart.width() as f64 / chart.client_width().max(1) as f64).max(1.0);
    let (top, line) = (44.0 * scale, 20.0 * scale);
    let foot = line * lines.len() as f64 + 12.0 * scale;
    let (w, h) = (chart.width() as f64, chart.height() as f64);
    out.set_width(w as u32);
    out.set_height((top + h + foot).round() as u32);
    let ctx: web_sys::CanvasRenderingContext2d = out.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, w, top + h + foot);
    ctx.set_fill_style_str("#0b3954");
    ctx.set_font(&format!("bold {}px sans-serif", (20.0 * scale).round()));
    ctx.fill_text(title, 16.0 * scale, 30.0 * scale).ok()?;
    ctx.draw_image_with_html_canvas_element(chart, 0.0, top).ok()?;
    ctx.set_fill_style_str("#56657a");
    ctx.set_font(&format!("{}px sans-serif", (13.0 * scale).round()));
    let room = w - 32.0 * scale;
    for (i, l) in lines.iter().enumerate() {
        // A line wider than the image is cut, with an ellipsis (the CSV keeps it whole).
        let mut text = l.clone();
        while text.chars().count() > 8 && ctx.measure_text(&text).ok().is_some_and(|m| m.width() > room) {
            let keep = text.chars().count() * 9 / 10;
            text = text.chars().take(keep).collect::<String>() + "…";
        }
        ctx.fill_text(&text, 16.0 * scale, top + h + line * (i as f64 + 1.0)).ok()?;
    }
    out.to_data_url().ok()
}

/// Puts `text` on the clipboard (best effort).
/// Whether copying was possible: the clipboard exists only in a secure context (not on a LAN address over
/// plain http, where calling it would throw and stop the click handler before the link is shown).
pub fn copy(text: &str) -> bool {
    let Some(w) = web_sys::window() else { return false };
    if !w.is_secure_context() || !js_sys::Reflect::has(&w.navigator(), &"clipboard".into()).unwrap_or(false) {
        return false;
    }
    let _ = w.navigator().clipboard().write_text(text);
    true
}

/// Opens the print dialog.
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Runs `f` as a User Timing measure named `name`, replacing the previous one of that name (the browser's
/// performance panel shows it; the slider benchmark reads the last one). Outside the browser it only runs `f`.
pub fn measured<T>(name: &str, f: impl FnOnce() -> T) -> T {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(perf) = web_sys::window().and_then(|w| w.performance()) else { return f() };
        let (start, end) = (format!("{name}-start"), format!("{name}-end"));
        let _ = perf.mark(&start);
        let out = f();
        let _ = perf.mark(&end);
        perf.clear_measures_with_measure_name(name);
        let _ = perf.measure_with_start_mark_and_end_mark(name, &start, &end);
        perf.clear_marks_with_mark_name(&start);
        perf.clear_marks_with_mark_name(&end);
        out
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = name;
        f()
    }
}

/// Whether the app can open again with no network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offline {
    /// Still caching (the service worker is installing).
    Preparing,
    /// Every built file is cached: the laptop can leave the network.
    Ready,
    /// No service worker here (an insecure address such as a LAN IP over plain http, or a browser without
    /// them): the app works while this tab stays open, but will not open again offline.
    Unavailable,
}

/// Calls `done` with `Ready` once the service worker is active (it activates only after caching every
/// built file), or with `Unavailable` at once where there can be none. Until then the state is `Preparing`.
pub fn offline_status(done: impl Fn(Offline) + 'static) {
    let Some(w) = web_sys::window() else { return done(Offline::Unavailable) };
    // The single-file build opened from a file is its own offline copy (and can have no service worker).
    if w.location().protocol().is_ok_and(|p| p == "file:") {
        return done(Offline::Ready);
    }
    let has_sw = js_sys::Reflect::has(&w.navigator(), &"serviceWorker".into()).unwrap_or(false);
    if !w.is_secure_context() || !has_sw {
        return done(Offline::Unavailable);
    }
    let Ok(ready) = w.navigator().service_worker().ready() else { return done(Offline::Unavailable) };
    wasm_bindgen_futures::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(ready).await.is_ok();
        done(if ok { Offline::Ready } else { Offline::Unavailable });
    });
}

/// Milliseconds on the page's clock (`performance.now()`), for figures the page shows; 0 outside a browser.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Whether this page runs in a secure context (https, 127.0.0.1, localhost): camera, clipboard and the
/// offline copy need one; a LAN address over plain http is not.
pub fn is_secure() -> bool {
    web_sys::window().is_some_and(|w| w.is_secure_context())
}

/// Starts the camera (the back one on a phone) into `video`. `Err` names why it cannot: no camera API at
/// this address (not a secure context), or the browser refused (no camera, permission denied).
pub async fn start_camera(video: &web_sys::HtmlVideoElement) -> Result<web_sys::MediaStream, String> {
    let w = web_sys::window().ok_or("no window")?;
    let nav = w.navigator();
    if !w.is_secure_context() || !js_sys::Reflect::has(&nav, &"mediaDevices".into()).unwrap_or(false) {
        return Err("insecure".into());
    }
    let devices = nav.media_devices().map_err(|e| format!("{e:?}"))?;
    let constraints = web_sys::MediaStreamConstraints::new();
    let video_wanted = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&video_wanted, &"facingMode".into(), &"environment".into());
    constraints.set_video(&video_wanted);
    let promise = devices.get_user_media_with_constraints(&constraints).map_err(|e| format!("{e:?}"))?;
    let stream: web_sys::MediaStream = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default())?
        .unchecked_into();
    video.set_src_object(Some(&stream));
    if let Ok(p) = video.play() {
        let _ = wasm_bindgen_futures::JsFuture::from(p).await;
    }
    Ok(stream)
}

/// Stops every track of a camera stream (the camera light goes off).
pub fn stop_camera(stream: &web_sys::MediaStream) {
    for t in stream.get_tracks().iter() {
        t.unchecked_into::<web_sys::MediaStreamTrack>().stop();
    }
}

/// The video's current frame as RGBA, scaled to at most `max_width` pixels wide (drawn on `canvas`);
/// `None` until the video has a frame.
pub fn video_frame(
    video: &web_sys::HtmlVideoElement,
    canvas: &web_sys::HtmlCanvasElement,
    max_width: u32,
) -> Option<(usize, usize, Vec<u8>)> {
    let (vw, vh) = (video.video_width(), video.video_height());
    if video.ready_state() < 2 || vw == 0 || vh == 0 {
        return None;
    }
    let w = vw.min(max_width);
    let h = (f64::from(vh) * f64::from(w) / f64::from(vw)).round().max(1.0) as u32;
    canvas.set_width(w);
    canvas.set_height(h);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, f64::from(w), f64::from(h)).ok()?;
    let data = ctx.get_image_data(0.0, 0.0, f64::from(w), f64::from(h)).ok()?;
    Some((w as usize, h as usize, data.data().0))
}
