//! The group view on a group's phone or laptop, opened from the facilitator's invitation: above the
//! explorer's KPIs, the group's name, the budget envelope meter and "Kirim ke fasilitator", which shows the
//! group's mix as a QR code, as a link and as a file. The lever panel shows only the levers the room offers
//! (`levers::LeverPanel`).

use leptos::prelude::*;

use crate::browser;
use crate::format::slug;
use crate::i18n::{tr, use_lang};
use crate::present::workshop::envelope_text;
use crate::state::use_state;

#[component]
pub fn GroupBar() -> impl IntoView {
    let st = use_state();
    let group = st.room.group;
    let lang = use_lang();
    let active = Memo::new(move |_| group.with(Option::is_some));
    let sent = RwSignal::new(None::<(String, Option<String>)>);
    let missing_name = RwSignal::new(false);
    let title = move || group.with(|g| g.as_ref().map(|g| g.invite.settings.title.clone()).unwrap_or_default());
    let meter = Memo::new(move |_| {
        let envelope = group.with(|g| g.as_ref().and_then(|g| g.invite.settings.envelope));
        st.working.levers.with(|lv| envelope_text(lv, envelope, lang.get()))
    });
    let reply = move || {
        let lv = st.working.levers.get_untracked();
        group.with_untracked(|g| g.as_ref().map(|g| g.invite.reply(&g.name, &g.start.levers, &lv)))
    };
    let send = move |_| {
        let Some(r) = reply() else { return };
        if r.name.is_empty() {
            missing_name.set(true);
            sent.set(None);
            return;
        }
        missing_name.set(false);
        let url = format!("{}#g={}", browser::address_without_fragment(), r.code());
        sent.set(Some((url.clone(), crate::persist::qr_svg(&url))));
    };
    let download = move |_| {
        let Some(r) = reply() else { return };
        let file = r.file(&title());
        let name = if r.name.is_empty() { "kelompok".to_string() } else { slug(&r.name) };
        browser::download(&format!("{name}.entas-group.json"), "application/json", &file);
    };
    let leave = move |_| {
        group.set(None);
        sent.set(None);
    };
    // A changed mix makes the shown code stale: hide it until sent again.
    Effect::new(move |_| {
        st.working.levers.track();
        sent.set(None);
    });
    view! {
        <Show when=move || active.get()>
            <section class="panel group-bar" data-testid="group-bar">
                <div class="group-head">
                    <h2>{move || lang.get().tf("workshop.group_title", &[("title", title())])}</h2>
                    <p class="group-hint">{tr("workshop.group_hint")}</p>
                </div>
                <label class="group-name">
                    <span>{tr("workshop.group_name")}</span>
                    <input type="text" data-testid="group-name" maxlength=crate::workshop::MAX_NAME.to_string()
                        prop:value=move || group.with(|g| g.as_ref().map(|g| g.name.clone()).unwrap_or_default())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            group.update(|g| if let Some(g) = g { g.name = v });
                        }/>
                </label>
                <div class="envelope" class:over=move || meter.get().1.is_some_and(|s| s > 1.0) data-testid="envelope">
                    <span>{move || meter.get().0}</span>
                    {move || meter.get().1.map(|share| view! {
                        <meter min="0" max="1" low="0.9" high="1" optimum="0.5" value=share.min(1.5).to_string()></meter>
                    })}
                    <Show when=move || meter.get().1.is_some_and(|s| s > 1.0)>
                        <strong class="over-note" data-testid="envelope-over">{tr("workshop.over_envelope")}</strong>
                    </Show>
                </div>
                <div class="action-group">
                    <button type="button" class="btn-primary" data-testid="group-send" on:click=send>{tr("workshop.send")}</button>
                    <button type="button" class="btn-secondary" data-testid="group-file" on:click=download>{tr("workshop.send_file")}</button>
                    <button type="button" class="link-btn" data-testid="group-leave" on:click=leave>{tr("workshop.leave")}</button>
                </div>
                <Show when=move || missing_name.get()>
                    <p class="status error" data-testid="group-name-missing">{tr("workshop.name_first")}</p>
                </Show>
                {move || sent.get().map(|(url, svg)| view! {
                    <div class="share-box" data-testid="group-qr-box">
                        {match svg {
                            Some(svg) => view! { <div class="qr" inner_html=svg data-testid="group-qr"></div> }.into_any(),
                            None => view! { <p class="status error" data-testid="group-qr-too-large">{tr("workshop.group_qr_too_large")}</p> }.into_any(),
                        }}
                        <div>
                            <p>{tr("workshop.show_qr")}</p>
                            <input type="text" readonly data-testid="group-code" prop:value=url.clone() on:focus=move |ev| {
                                let i: web_sys::HtmlInputElement = event_target(&ev);
                                i.select();
                            }/>
                        </div>
                    </div>
                })}
            </section>
        </Show>
    }
}
