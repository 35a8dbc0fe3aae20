//! The facilitator's workshop page: set the room up (title, the levers groups may move, the budget envelope,
//! the working scenario as the start), invite the groups (link and QR code), collect their mixes with no
//! network (pasted codes or links, several files at once, dropped files), and the board — every group's KPIs
//! ranked by a chosen column, their trajectories over the status quo, the tally of levers and the room
//! median, which loads like any scenario. A presenter view shows one group at a time in large type; the
//! page prints as the meeting's brief. The groups run in the worker pool (`Kind::Board`), a group already
//! run is not run again.

use std::sync::Arc;

use leptos::prelude::*;

use crate::browser;
use crate::format::{self, slug};
use crate::i18n::{tr, use_lang, Lang};
use crate::jobs::Compared;
use crate::present::workshop::{board_row, envelope_text, rank, room_median, tally_rows, BoardRow, Column};
use crate::present::{lever_label, trajectory};
use crate::state::{use_state, Notice, Run, State};
use crate::widgets::ChartCard;
use crate::workshop::{self, Settings, Workshop};

#[component]
pub fn WorkshopPage() -> impl IntoView {
    let st = use_state();
    let has = Memo::new(move |_| st.room.workshop.with(Option::is_some));
    view! {
        <div class="workshop-page" data-testid="workshop">
            {move || if has.get() { view! { <Running/> }.into_any() } else { view! { <Setup/> }.into_any() }}
        </div>
    }
}

/// A random workshop id (16 hex digits).
fn new_id() -> String {
    format!("{:016x}", (js_sys::Math::random() * 2f64.powi(53)) as u64)
}

/// Starting a workshop.
#[component]
fn Setup() -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let district = move || st.working.base.with(|b| format!("{} {}", b.district.name, b.district.base_year));
    let title = RwSignal::new(String::new());
    let envelope = RwSignal::new(String::new());
    let allowed = RwSignal::new(workshop::default_allowed());
    let error = RwSignal::new(None::<String>);
    let begin = move |_| {
        let l = lang.get_untracked();
        let typed = envelope.get_untracked();
        let env = if typed.trim().is_empty() {
            None
        } else {
            match format::parse_number(&typed, l) {
                Some(v) => Some(v),
                None => {
                    error.set(Some(l.tf("workshop.envelope_not_number", &[("text", typed.clone())])));
                    return;
                }
            }
        };
        let t = title.get_untracked();
        let t = if t.trim().is_empty() { l.tf("workshop.default_title", &[("district", district())]) } else { t };
        match Settings::new(new_id(), &t, &allowed.get_untracked(), env) {
            Ok(s) => {
                error.set(None);
                st.room.begin(s, st.working.start.get_untracked(), st.working.current_scenario_untracked());
            }
            Err(e) => error.set(Some(crate::present::problems::refusal(l, &e))),
        }
    };
    let groups = workshop::offer_groups()
        .map(|(g, ids)| {
            let boxes = ids
                .into_iter()
                .map(|id| {
                    view! {
                        <label class="offer">
                            <input type="checkbox" data-testid=format!("offer-{}", id.as_str())
                                prop:checked=move || allowed.with(|a| a.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    allowed.update(|a| {
                                        a.retain(|x| *x != id);
                                        if on { a.push(id) }
                                    });
                                }/>
                            {move || lever_label(id, lang.get())}
                        </label>
                    }
                })
                .collect_view();
            let key = format!("group.{}", g.as_str());
            view! { <fieldset class="offer-group"><legend>{move || lang.get().t(&key)}</legend>{boxes}</fieldset> }
        })
        .collect_view();
    view! {
        <section class="panel workshop-setup" data-testid="workshop-setup">
            <h2>{tr("workshop.setup_title")}</h2>
            <p class="group-hint">{tr("workshop.setup_hint")}</p>
            <p data-testid="workshop-start">{move || lang.get().tf("workshop.start_is", &[
                ("district", district()),
                ("scenario", st.working.run.with(|r| r.scenario.name.clone())),
            ])}</p>
            <div class="setup-fields">
                <label>
                    <span>{tr("workshop.title_label")}</span>
                    <input type="text" data-testid="workshop-title" maxlength=workshop::MAX_TITLE.to_string()
                        placeholder=move || lang.get().tf("workshop.default_title", &[("district", district())])
                        prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                </label>
                <label>
                    <span>{tr("workshop.envelope_label")}</span>
                    <input type="text" inputmode="decimal" data-testid="workshop-envelope"
                        placeholder=move || lang.get().t("workshop.envelope_placeholder")
                        prop:value=move || envelope.get() on:input=move |ev| envelope.set(event_target_value(&ev))/>
                </label>
            </div>
            <p class="group-hint" data-testid="workshop-start-budget">
                {move || st.working.levers.with(|lv| crate::present::workshop::start_budget(lv, lang.get()))}
            </p>
            <h3>{tr("workshop.offer_title")}</h3>
            <div class="offer-groups">{groups}</div>
            {move || error.get().map(|e| view! { <p class="status error" data-testid="workshop-error">{e}</p> })}
            <div class="action-group">
                <button type="button" class="btn-primary" data-testid="workshop-begin" on:click=begin>{tr("workshop.begin")}</button>
                <ImportButton/>
            </div>
        </section>
    }
}

/// Imports a workshop file (the current workshop, if any, stays one undo away).
#[component]
fn ImportButton() -> impl IntoView {
    let st = use_state();
    let input = NodeRef::<leptos::html::Input>::new();
    let on_file = move |ev: leptos::ev::Event| {
        let el: web_sys::HtmlInputElement = event_target(&ev);
        wasm_bindgen_futures::spawn_local(async move {
            let Some(text) = browser::picked_file_text(&el).await else { return };
            match Workshop::from_json(&text) {
                Ok(w) => {
                    let title = w.settings.title.clone();
                    st.room.replace(Some(w));
                    st.ui.notify(Notice::info("workshop.imported", title));
                }
                Err(e) => st.ui.notify(Notice::refused(e)),
            }
        });
    };
    view! {
        <button type="button" class="btn-secondary" data-testid="workshop-import" on:click=move |_| {
            if let Some(i) = input.get() { i.click() }
        }>{tr("workshop.import")}</button>
        <input type="file" accept=".json,application/json" node_ref=input class="hidden-file" data-testid="workshop-import-file" on:change=on_file/>
    }
}

/// The groups' runs, in the workshop's group order, as they come back from the worker.
fn board_runs(st: State) -> Memo<RunList> {
    Memo::new(move |_| {
        let names: Vec<String> = st
            .room
            .workshop
            .with(|w| w.as_ref().map(|w| w.groups.iter().map(|g| g.name.clone()).collect()).unwrap_or_default());
        st.jobs.board.with(|b| {
            RunList(
                b.scenarios
                    .iter()
                    .zip(&b.outcomes)
                    .zip(names)
                    .filter_map(|((s, o), n)| match o {
                        Compared::Done(o) => Some((n, Run { scenario: Arc::new(s.clone()), outcome: o.clone() })),
                        _ => None,
                    })
                    .collect(),
            )
        })
    })
}

/// Named runs, compared by identity of their outcomes.
#[derive(Clone)]
struct RunList(Vec<(String, Run)>);

impl PartialEq for RunList {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len() && self.0.iter().zip(&other.0).all(|(a, b)| a.0 == b.0 && a.1 == b.1)
    }
}

/// A workshop under way.
#[component]
fn Running() -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let room = st.room;
    let client = expect_context::<crate::app::JobClient>();
    // Every group's scenario runs in the worker pool; one already run keeps its outcome.
    Effect::new(move |_| {
        let batch: Vec<_> = room
            .workshop
            .with(|w| w.as_ref().map(|w| w.groups.iter().map(|g| w.scenario_of(g)).collect()).unwrap_or_default());
        client.0.with_value(|c| c.board(batch));
    });
    let runs = board_runs(st);
    let presenting = RwSignal::new(None::<usize>);
    let w = move || room.workshop.get();
    let head = move || {
        let l = lang.get();
        w().map(|w| {
            let d = &w.start.district;
            let env = w.settings.envelope.map_or_else(
                || l.t("workshop.no_envelope"),
                |e| l.tf("workshop.envelope_is", &[("envelope", format::rupiah_large(e * 1e9, l))]),
            );
            (
                w.settings.title.clone(),
                l.tf(
                    "workshop.head",
                    &[
                        ("district", format!("{} {}", d.name, d.base_year)),
                        ("groups", w.groups.len().to_string()),
                        ("levers", w.settings.allowed.len().to_string()),
                        ("envelope", env),
                    ],
                ),
            )
        })
    };
    let export = move |_| {
        if let Some(w) = room.workshop.get_untracked() {
            browser::download(
                &format!("{}.entas-workshop.json", slug(&w.settings.title)),
                "application/json",
                &w.to_json(),
            );
        }
    };
    let end = move |_| room.replace(None);
    let print = move |_| browser::print();
    view! {
        <section class="panel workshop-head" data-testid="workshop-head">
            <div>
                <h2 data-testid="workshop-name">{move || head().map(|h| h.0)}</h2>
                <p class="workshop-sub">{move || head().map(|h| h.1)}</p>
                <p class="print-only workshop-sub">{crate::browser::today()}</p>
            </div>
            <div class="action-group no-print">
                <button type="button" class="btn-primary" data-testid="workshop-present" on:click=move |_| presenting.set(Some(0))>{tr("workshop.present")}</button>
                <button type="button" class="btn-secondary" data-testid="workshop-print" on:click=print>{tr("workshop.print")}</button>
                <button type="button" class="btn-secondary" data-testid="workshop-export" on:click=export>{tr("workshop.export")}</button>
                <ImportButton/>
                <Show when=move || room.undo.with(Option::is_some)>
                    <button type="button" class="btn-secondary" data-testid="workshop-undo" on:click=move |_| room.undo()>{tr("workshop.undo")}</button>
                </Show>
                <button type="button" class="link-btn" data-testid="workshop-end" on:click=end>{tr("workshop.end")}</button>
            </div>
        </section>
        <Invite/>
        <Collect/>
        <Board runs/>
        <Tally/>
        <Presenter runs presenting/>
    }
}

/// The invitation: a link and its QR code for the groups' devices.
#[component]
fn Invite() -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let link = Memo::new(move |_| {
        st.room.workshop.with(|w| {
            w.as_ref()
                .map(|w| {
                    // The invitation opens the explorer (the group view) in the facilitator's language.
                    let route = crate::route::Route { page: crate::state::Page::Explorer, lang: lang.get() };
                    let query = crate::route::with_route(&browser::search(), route);
                    format!("{}{query}#w={}", browser::address_without_query(), w.invite_code())
                })
                .unwrap_or_default()
        })
    });
    let qr = Memo::new(move |_| crate::persist::qr_svg(&link.get()));
    let local_only = move || {
        let l = link.get();
        l.contains("://127.") || l.contains("://localhost") || l.starts_with("file:")
    };
    view! {
        <section class="panel workshop-invite no-print" data-testid="workshop-invite">
            <h3>{tr("workshop.invite_title")}</h3>
            <div class="share-box">
                {move || match qr.get() {
                    Some(svg) => view! { <div class="qr" inner_html=svg data-testid="invite-qr"></div> }.into_any(),
                    None => view! { <p class="status error">{tr("workshop.qr_too_large")}</p> }.into_any(),
                }}
                <div>
                    <p>{tr("workshop.invite_hint")}</p>
                    <input type="text" readonly data-testid="invite-link" prop:value=move || link.get() on:focus=move |ev| {
                        let i: web_sys::HtmlInputElement = event_target(&ev);
                        i.select();
                    }/>
                    <button type="button" class="btn-secondary" hidden=!browser::is_secure() on:click=move |_| { browser::copy(&link.get_untracked()); }>
                        {tr("workshop.copy")}
                    </button>
                    <Show when=local_only>
                        <p class="status warning" data-testid="invite-local">{move || lang.get().t("workshop.local_only")}</p>
                    </Show>
                    <Show when=|| !browser::is_secure()>
                        <p class="status warning" data-testid="invite-insecure">{move || lang.get().t("workshop.insecure")}</p>
                    </Show>
                </div>
            </div>
        </section>
    }
}

/// Collecting the groups' mixes: paste codes or links, pick or drop files.
#[component]
fn Collect() -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let pasted = RwSignal::new(String::new());
    let log = RwSignal::new(Vec::<(bool, String)>::new());
    let dragging = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    // Each item on its own: one bad file never stops the others.
    let take = move |items: Vec<(String, Option<String>)>| {
        let l = lang.get_untracked();
        let mut lines = Vec::new();
        for (source, text) in items {
            let line = match text.map(|t| st.room.receive(&t)) {
                Some(Ok(workshop::Received::Added(n))) => {
                    (true, l.tf("workshop.log_added", &[("name", n), ("source", source)]))
                }
                Some(Ok(workshop::Received::Replaced(n))) => {
                    (true, l.tf("workshop.log_replaced", &[("name", n), ("source", source)]))
                }
                Some(Err(e)) => (false, format!("{source}: {}", crate::present::problems::refusal(l, &e))),
                None => (false, l.tf("workshop.log_unreadable", &[("source", source)])),
            };
            lines.push(line);
        }
        log.set(lines);
    };
    let camera = camera_scanner(take);
    let add = move |_| {
        let l = lang.get_untracked();
        let text = pasted.get_untracked();
        // One code or link per line; a pasted file's JSON is one item.
        let items: Vec<(String, Option<String>)> = if text.trim_start().starts_with('{') {
            vec![(l.t("workshop.pasted"), Some(text.clone()))]
        } else {
            text.lines()
                .filter(|t| !t.trim().is_empty())
                .enumerate()
                .map(|(i, t)| (l.tf("workshop.pasted_line", &[("line", (i + 1).to_string())]), Some(t.to_string())))
                .collect()
        };
        if !items.is_empty() {
            take(items);
            pasted.set(String::new());
        }
    };
    let read_files = move |files: Option<web_sys::FileList>| {
        let Some(files) = files else { return };
        let files = browser::files_of(&files, workshop::MAX_GROUPS as u32 * 2);
        wasm_bindgen_futures::spawn_local(async move {
            let items = browser::files_text(files).await;
            take(items);
        });
    };
    let on_files = move |ev: leptos::ev::Event| {
        let el: web_sys::HtmlInputElement = event_target(&ev);
        let files = el.files();
        read_files(files);
        el.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        read_files(ev.data_transfer().and_then(|d| d.files()));
    };
    view! {
        <section class="panel workshop-collect no-print" data-testid="workshop-collect">
            <h3>{tr("workshop.collect_title")}</h3>
            <p class="group-hint">{tr("workshop.collect_hint")}</p>
            <div class="collect-row">
                <textarea data-testid="collect-paste" rows="3" placeholder=move || lang.get().t("workshop.paste_placeholder")
                    prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                <button type="button" class="btn-primary" data-testid="collect-add" on:click=add>{tr("workshop.add")}</button>
            </div>
            <div class="drop-zone" class:dragging=move || dragging.get() data-testid="collect-drop"
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <span>{tr("workshop.drop_hint")}</span>
                <button type="button" class="btn-secondary" data-testid="collect-files" on:click=move |_| {
                    if let Some(i) = input.get() { i.click() }
                }>{tr("workshop.pick_files")}</button>
                <input type="file" multiple accept=".json,application/json" node_ref=input class="hidden-file" data-testid="collect-file" on:change=on_files/>
            </div>
            {camera}
            <ul class="collect-log" data-testid="collect-log">
                {move || log.get().into_iter().map(|(ok, text)| view! { <li class:error=!ok>{text}</li> }).collect_view()}
            </ul>
        </section>
    }
}

/// The laptop camera reading groups' QR codes: a frame every 300 ms, scaled to `scan::FRAME_WIDTH` and
/// decoded on the page (the longest decode is shown in `data-decode-ms`); each new code goes to `take`.
fn camera_scanner(take: impl Fn(Vec<(String, Option<String>)>) + Copy + 'static) -> impl IntoView {
    let lang = use_lang();
    let video = NodeRef::<leptos::html::Video>::new();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let running = StoredValue::new_local(None::<(web_sys::MediaStream, gloo_timers::callback::Interval)>);
    let seen = StoredValue::new_local(Vec::<String>::new());
    let scanning = RwSignal::new(false);
    let problem = RwSignal::new(None::<&'static str>);
    // Every frame's decode time (ms), for the figures the page shows in its data attributes.
    let decode_ms = RwSignal::new(Vec::<f64>::new());
    let stop = move || {
        running.update_value(|r| {
            if let Some((stream, interval)) = r.take() {
                interval.cancel();
                browser::stop_camera(&stream);
            }
        });
        scanning.set(false);
    };
    let tick = move || {
        let (Some(v), Some(c)) = (video.get_untracked(), canvas.get_untracked()) else { return };
        let Some((w, h, rgba)) = browser::video_frame(&v, &c, crate::scan::FRAME_WIDTH) else { return };
        let t0 = browser::now_ms();
        let texts = crate::scan::read_rgba(w, h, &rgba);
        let ms = browser::now_ms() - t0;
        decode_ms.update(|m| m.push(ms));
        let fresh: Vec<String> = texts.into_iter().filter(|t| seen.with_value(|s| !s.contains(t))).collect();
        if !fresh.is_empty() {
            seen.update_value(|s| s.extend(fresh.iter().cloned()));
            let source = lang.get_untracked().t("workshop.camera_source");
            take(fresh.into_iter().map(|t| (source.clone(), Some(t))).collect());
        }
    };
    let start = move |_| {
        let Some(v) = video.get_untracked() else { return };
        problem.set(None);
        seen.set_value(Vec::new());
        wasm_bindgen_futures::spawn_local(async move {
            match browser::start_camera(&v).await {
                Ok(stream) => {
                    let interval = gloo_timers::callback::Interval::new(300, tick);
                    running.set_value(Some((stream, interval)));
                    scanning.set(true);
                }
                Err(why) => problem.set(Some(match why.as_str() {
                    "insecure" => "workshop.camera_insecure",
                    "NotAllowedError" | "SecurityError" => "workshop.camera_denied",
                    _ => "workshop.camera_none",
                })),
            }
        });
    };
    on_cleanup(stop);
    view! {
        <div class="camera" data-testid="camera" data-frames=move || decode_ms.with(Vec::len).to_string()
            data-decode-max=move || decode_ms.with(|m| format!("{:.0}", m.iter().copied().fold(0.0, f64::max)))
            data-decode-median=move || decode_ms.with(|m| {
                let mut s = m.clone();
                s.sort_by(f64::total_cmp);
                s.get(s.len() / 2).map_or(String::new(), |v| format!("{v:.0}"))
            })>
            <div class="action-group">
                <button type="button" class="btn-primary" data-testid="collect-camera" hidden=move || scanning.get() on:click=start>
                    {tr("workshop.camera_start")}
                </button>
                <button type="button" class="btn-secondary" data-testid="camera-stop" hidden=move || !scanning.get() on:click=move |_| stop()>
                    {tr("workshop.camera_stop")}
                </button>
                <span class="group-hint" hidden=move || !scanning.get()>{tr("workshop.camera_hint")}</span>
            </div>
            <video node_ref=video class="camera-video" hidden=move || !scanning.get() muted=true playsinline=true></video>
            <canvas node_ref=canvas hidden=true></canvas>
            {move || problem.get().map(|k| view! { <p class="status error" data-testid="camera-problem">{move || lang.get().t(k)}</p> })}
        </div>
    }
}

/// The board: every group's KPIs ranked by a column, notes, and the trajectories over the status quo.
#[component]
fn Board(runs: Memo<RunList>) -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let room = st.room;
    let by = RwSignal::new(Column::P0);
    let pending = move || st.jobs.board.with(|b| b.outcomes.iter().filter(|o| matches!(o, Compared::Pending)).count());
    let rows = move || {
        let l = lang.get();
        let list = runs.get();
        let mut rows: Vec<BoardRow> = room
            .workshop
            .with(|w| w.as_ref().map(|w| list.0.iter().map(|(n, r)| board_row(w, n, r, l)).collect()))
            .unwrap_or_default();
        rank(&mut rows, by.get());
        rows
    };
    let notes_of = move |name: &str| {
        room.workshop.with_untracked(|w| {
            w.as_ref()
                .and_then(|w| w.groups.iter().find(|g| g.name == name).map(|g| g.notes.clone()))
                .unwrap_or_default()
        })
    };
    let table = move || {
        rows()
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                let name = row.name.clone();
                let (n1, n2, n3) = (name.clone(), name.clone(), name.clone());
                let notes = notes_of(&name);
                view! {
                    <tr data-testid="board-row" class:over=row.over_envelope>
                        <td>{(i + 1).to_string()}</td>
                        <th scope="row"><span data-testid="board-name">{name.clone()}</span><span class="board-mix" data-testid="board-mix">{row.mix}</span></th>
                        {row.cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                        <td class="notes-cell">
                            <p class="print-only notes-print">{notes.clone()}</p>
                            <textarea rows="2" class="no-print" data-testid="group-notes" aria-label=move || lang.get().tf("workshop.notes_for", &[("name", n1.clone())])
                                prop:value=notes on:change=move |ev| room.set_notes(&n2, &event_target_value(&ev))></textarea>
                        </td>
                        <td class="no-print">
                            <button type="button" class="link-btn" data-testid="group-open" on:click=move |_| {
                                let s = room.workshop.with_untracked(|w| w.as_ref().and_then(|w| w.groups.iter().find(|g| g.name == n3).map(|g| (w.preset, w.scenario_of(g)))));
                                if let Some((start, s)) = s {
                                    crate::session::open_scenario(st, start, s);
                                }
                            }>{tr("workshop.open")}</button>
                            <button type="button" class="link-btn" data-testid="group-remove" on:click=move |_| room.remove(&name)>{tr("workshop.remove")}</button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let overlay = Signal::derive(move || {
        let list = runs.get();
        let refs: Vec<(String, &Run)> = list.0.iter().map(|(n, r)| (n.clone(), r)).collect();
        let l = lang.get();
        trajectory::overlay_on(&refs, &l.t("workshop.start_label"), l)
    });
    let overlay_table = Signal::derive(move || {
        let list = runs.get();
        let refs: Vec<(String, &Run)> = list.0.iter().map(|(n, r)| (n.clone(), r)).collect();
        trajectory::overlay_table(&refs, lang.get())
    });
    let empty = move || room.workshop.with(|w| w.as_ref().is_none_or(|w| w.groups.is_empty()));
    view! {
        <section class="panel workshop-board" data-testid="workshop-board" data-pending=move || pending().to_string()
            data-groups=move || runs.get().0.len().to_string()>
            <div class="board-head">
                <h3>{tr("workshop.board_title")}</h3>
                <label class="no-print">
                    <span>{tr("workshop.rank_by")}</span>
                    <select data-testid="board-rank" on:change=move |ev| {
                        if let Some(c) = Column::from_id(&event_target_value(&ev)) { by.set(c) }
                    }>
                        {Column::ALL.into_iter().map(|c| view! {
                            <option value=c.id() selected=move || by.get() == c>{move || lang.get().t(c.key())}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <Show when=empty>
                <p class="group-hint" data-testid="board-empty">{tr("workshop.board_empty")}</p>
            </Show>
            <p class="status" hidden=move || pending() == 0 data-testid="board-pending">
                {move || lang.get().tf("workshop.board_pending", &[("n", pending().to_string())])}
            </p>
            <div class="table-scroll" hidden=empty>
                <table data-testid="board-table">
                    <thead><tr>
                        <th>"#"</th><th>{tr("workshop.col.group")}</th>
                        {Column::ALL.into_iter().map(|c| view! { <th>{move || lang.get().t(c.key())}</th> }).collect_view()}
                        <th>{tr("workshop.col.notes")}</th><th class="no-print"></th>
                    </tr></thead>
                    <tbody>{table}</tbody>
                </table>
            </div>
            <p class="group-hint">{move || {
                let l = lang.get();
                room.workshop.with(|w| w.as_ref().map(|w| board_note(w, l))).unwrap_or_default()
            }}</p>
        </section>
        <Show when=move || !empty()>
            <ChartCard testid="chart-board" title=Signal::derive(move || lang.get().t("workshop.chart")) spec=overlay table=overlay_table tall=true
                scenarios=Signal::derive(move || runs.get().0.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>().join(", "))/>
        </Show>
    }
}

/// What the board's figures mean: the lines and years they are read at.
fn board_note(w: &Workshop, l: Lang) -> String {
    let s = &w.start;
    l.tf(
        "workshop.board_note",
        &[
            ("gk", crate::present::gk(s, s.district.poverty_line, l)),
            ("line", crate::present::line_label(&s.extreme_line, l)),
        ],
    )
}

/// The tally of levers and the room median.
#[component]
fn Tally() -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let room = st.room;
    let rows = move || room.workshop.with(|w| w.as_ref().map(|w| tally_rows(w, lang.get())).unwrap_or_default());
    let median = Memo::new(move |_| {
        room.workshop
            .with(|w| w.as_ref().filter(|w| !w.groups.is_empty()).map(|w| (w.preset, room_median(w, lang.get()))))
    });
    let load = move |_| {
        if let Some((start, s)) = median.get_untracked() {
            crate::session::open_scenario(st, start, s);
        }
    };
    let meter = move || {
        let env = room.workshop.with(|w| w.as_ref().and_then(|w| w.settings.envelope));
        median.get().map(|(_, s)| envelope_text(&s.levers, env, lang.get()).0)
    };
    view! {
        <section class="panel workshop-tally" data-testid="workshop-tally">
            <h3>{tr("workshop.tally_title")}</h3>
            <div class="table-scroll">
                <table data-testid="tally-table">
                    <thead><tr>
                        <th>{tr("howto.parameter")}</th><th>{tr("workshop.tally_start")}</th>
                        <th>{tr("workshop.tally_raised")}</th><th>{tr("workshop.tally_lowered")}</th><th>{tr("workshop.tally_left")}</th>
                        <th>{tr("workshop.tally_spread")}</th>
                    </tr></thead>
                    <tbody>
                        {move || {
                            let rows = rows();
                            if rows.is_empty() {
                                return view! { <tr><td colspan="6">{tr("workshop.tally_none")}</td></tr> }.into_any();
                            }
                            rows.into_iter().map(|r| view! {
                                <tr data-testid="tally-row">
                                    <td>{r.label}</td><td>{r.start}</td>
                                    <td>{r.raised.to_string()}</td><td>{r.lowered.to_string()}</td><td>{r.left.to_string()}</td>
                                    <td>{r.spread}</td>
                                </tr>
                            }).collect_view().into_any()
                        }}
                    </tbody>
                </table>
            </div>
            <Show when=move || median.with(Option::is_some)>
                <p data-testid="median-meter">{meter}</p>
                <button type="button" class="btn-primary no-print" data-testid="load-median" on:click=load>{tr("workshop.load_median")}</button>
            </Show>
        </section>
    }
}

/// Presenter view: one group at a time in large type (← → or PageUp/PageDown, Esc closes), then the board.
#[component]
fn Presenter(runs: Memo<RunList>, presenting: RwSignal<Option<usize>>) -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let count = move || runs.with(|r| r.0.len());
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let Some(i) = presenting.get_untracked() else { return };
        let n = count();
        match ev.key().as_str() {
            "ArrowRight" | "PageDown" | " " => presenting.set(Some((i + 1).min(n))),
            "ArrowLeft" | "PageUp" => presenting.set(Some(i.saturating_sub(1))),
            "Escape" => presenting.set(None),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || keys.remove());
    let slide = move || {
        let i = presenting.get()?;
        let l = lang.get();
        let list = runs.get();
        let n = list.0.len();
        let body = st.room.workshop.with(|w| {
            let w = w.as_ref()?;
            if i >= n {
                // The last slide: every group ranked by P0.
                let mut rows: Vec<BoardRow> = list.0.iter().map(|(name, r)| board_row(w, name, r, l)).collect();
                rank(&mut rows, Column::P0);
                let items = rows
                    .into_iter()
                    .map(|r| view! { <li><strong>{r.name}</strong>" · "{r.cells[0].clone()}" · "{r.cells[3].clone()}</li> })
                    .collect_view();
                let legend = format!("{} · {}", l.t(Column::P0.key()), l.t(Column::Cost.key()));
                return Some(view! {
                    <h2>{l.t("workshop.present_board")}</h2>
                    <p class="present-legend">{legend}</p>
                    <ol class="present-list">{items}</ol>
                }.into_any());
            }
            let (name, run) = &list.0[i];
            let row = board_row(w, name, run, l);
            let cells = Column::ALL
                .iter()
                .zip(row.cells)
                .map(|(c, v)| {
                    // The figure large, its year or share (the bracket) smaller beside it.
                    let (figure, aside) = match v.split_once(" (") {
                        Some((a, b)) => (a.to_string(), Some(format!("({b}"))),
                        None => (v, None),
                    };
                    view! {
                        <div class="present-kpi"><span>{l.t(c.key())}</span>
                            <strong>{figure}{aside.map(|a| view! { " " <small>{a}</small> })}</strong></div>
                    }
                })
                .collect_view();
            Some(view! {
                <h2 data-testid="present-group">{name.clone()}</h2>
                <div class="present-kpis">{cells}</div>
            }.into_any())
        })?;
        Some(view! {
            <div class="presenter" data-testid="presenter" role="dialog" aria-modal="true">
                {body}
                <p class="present-note">{st.room.workshop.with(|w| w.as_ref().map(|w| board_note(w, l)))}</p>
                <p class="present-nav">
                    <button type="button" class="btn-secondary" on:click=move |_| presenting.update(|p| *p = p.map(|i| i.saturating_sub(1)))>"←"</button>
                    <span data-testid="present-position">{format!("{} / {}", (i + 1).min(n + 1), n + 1)}</span>
                    <button type="button" class="btn-secondary" on:click=move |_| presenting.update(|p| *p = p.map(|i| (i + 1).min(n)))>"→"</button>
                    <button type="button" class="btn-primary" data-testid="present-close" on:click=move |_| presenting.set(None)>{l.t("workshop.present_close")}</button>
                </p>
            </div>
        })
    };
    view! { {slide} }
}
