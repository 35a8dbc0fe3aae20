//! "Wilayah saya / My district": a district's own figures in a form, the BPS district table (import a CSV,
//! pick any row), and the districts kept in this browser. Nothing typed or imported leaves the browser.

use std::sync::Arc;

use entas_model::district_table::{self, Column, Table, TableError};
use leptos::prelude::*;

use crate::browser;
use crate::district_form::{budget_levers, Field, Form, FormError};
use crate::format;
use crate::i18n::{tr, use_lang, Lang};
use crate::persist::Start;
use crate::present::{self, problems};
use crate::state::{use_state, Notice, Page};
use crate::widgets::{ColumnList, FileErrors};

/// The sample table shipped with the app: South Sumatra's districts whose figures could be sourced.
pub const SAMPLE_TABLE: &str = include_str!("../../assets/data/sumsel-districts.csv");
/// Its file name.
const SAMPLE_NAME: &str = "sumsel-districts.csv";

/// Musi Banyuasin's 15 kecamatan (domain brief §4): names only; the counts are the user's to enter.
/// The districts whose kecamatan names the form can fill in: BPS code, name, the names.
const KNOWN_KECAMATAN: [(&str, &str, &[&str]); 2] =
    [("1606", "Musi Banyuasin", &MUBA_KECAMATAN), ("1603", "Muara Enim", &MUARA_ENIM_KECAMATAN)];

pub const MUBA_KECAMATAN: [&str; 15] = [
    "Sanga Desa",
    "Babat Toman",
    "Batanghari Leko",
    "Plakat Tinggi",
    "Lawang Wetan",
    "Sungai Keruh",
    "Jirak Jaya",
    "Sekayu",
    "Lais",
    "Sungai Lilin",
    "Keluang",
    "Babat Supat",
    "Bayung Lencir",
    "Lalan",
    "Tungkal Jaya",
];
/// Muara Enim's 22 kecamatan (domain brief §4, two names unconfirmed there): names only.
pub const MUARA_ENIM_KECAMATAN: [&str; 22] = [
    "Semende Darat Laut",
    "Semende Darat Ulu",
    "Semende Darat Tengah",
    "Tanjung Agung",
    "Panang Enim",
    "Lawang Kidul",
    "Muara Enim",
    "Ujan Mas",
    "Gunung Megang",
    "Benakat",
    "Empat Petulai Dangku",
    "Belimbing",
    "Rambang Niru",
    "Rambang",
    "Lubai",
    "Lubai Ulu",
    "Gelumbang",
    "Sungai Rotan",
    "Muara Belida",
    "Lembak",
    "Kelekar",
    "Belida Darat",
];

/// An imported table and the name of the file it came from.
#[derive(Clone)]
struct Imported {
    name: String,
    table: Arc<Table>,
}

#[component]
pub fn DistrictPage() -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let form =
        RwSignal::new(st.working.base.with_untracked(|b| Form::from_district(&b.district, lang.get_untracked())));
    let error = RwSignal::new(None::<FormError>);
    let imported = RwSignal::new(None::<Imported>);
    let table_errors = RwSignal::new(Vec::<TableError>::new());
    let table_file = RwSignal::new(String::new());

    let read_table = move |name: String, text: &str| match Table::parse(text) {
        Ok(t) => {
            table_errors.set(Vec::new());
            table_file.set(name.clone());
            imported.set(Some(Imported { name, table: Arc::new(t) }));
        }
        Err(errs) => {
            // A table with an error is not kept, and what was imported before stays.
            table_file.set(name);
            table_errors.set(errs);
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let files = browser::take_picked(&ev, 1);
        wasm_bindgen_futures::spawn_local(async move {
            for (name, text) in browser::files_text(files).await {
                match text {
                    Some(text) => read_table(name, &text),
                    None => st.ui.notify(Notice::error("district.unreadable_file", name)),
                }
            }
        });
    };
    let use_row = move |i: usize| {
        if let Some(imp) = imported.get_untracked() {
            if let Some(row) = imp.table.rows.get(i) {
                error.set(None);
                form.set(Form::from_row(&imp.table, row, lang.get_untracked()));
                scroll_to("district-form");
            }
        }
    };
    let checked = move || -> Option<entas_model::Scenario> {
        let f = form.get_untracked().in_lang(lang.get_untracked());
        match f.scenario() {
            Ok(s) => {
                error.set(None);
                Some(s)
            }
            Err(e) => {
                error.set(Some(e));
                None
            }
        }
    };
    let open = move |_| {
        if let Some(s) = checked() {
            let name = s.district.name.clone();
            if let Some(n) = st.open(Start::Custom, s) {
                st.ui.notify(n);
            } else {
                st.ui.notify(Notice::info("district.opened", name));
            }
            st.ui.page.set(Page::Explorer);
        }
    };
    let save = move |_| {
        if let Some(s) = checked() {
            let name = s.district.name.clone();
            st.library.save_district(s);
            st.ui.notify(Notice::info("district.saved", name));
        }
    };

    view! {
        <div class="district-page" data-testid="district-page">
        <section class="panel district-intro">
            <h2>{tr("district.title")}</h2>
            <p class="group-hint">{tr("district.intro")}</p>
            <p class="privacy-note" data-testid="district-privacy">{tr("district.privacy")}</p>
        </section>

        <section class="panel district-table" data-testid="district-table">
            <h3>{tr("district.table_title")}</h3>
            <p class="group-hint">{tr("district.table_hint")}</p>
            <div class="button-row">
                <label class="btn-secondary file-button">
                    {tr("district.table_import")}
                    <input type="file" accept=".csv,.tsv,.txt,text/csv" class="sr-only" data-testid="district-table-file" on:change=on_file/>
                </label>
                <button type="button" class="btn-secondary" data-testid="district-table-sample"
                    on:click=move |_| read_table(SAMPLE_NAME.into(), SAMPLE_TABLE)>{tr("district.table_sample")}</button>
                <button type="button" class="btn-secondary" data-testid="district-table-sample-download"
                    on:click=move |_| browser::download(SAMPLE_NAME, "text/csv", SAMPLE_TABLE)>{tr("district.table_sample_download")}</button>
            </div>
            <ColumnList title_key="district.columns_title" key_prefix="district.column"
                headers=Column::ALL.iter().map(|c| c.header()).collect() note_key="district.columns_note"/>
            <FileErrors testid="district-table-errors" refused_key="district.table_refused" file=table_file
                problems=Signal::derive(move || table_errors.with(|e| e.iter().map(|e| problems::table_error(lang.get(), e)).collect()))/>
            {move || imported.get().map(|imp| view! { <TableRows imp=imp use_row=use_row/> })}
        </section>

        <section class="panel district-form" id="district-form" data-testid="district-form">
            <h3>{tr("district.form_title")}</h3>
            <p class="group-hint">{tr("district.form_hint")}</p>
            <div class="form-grid">
                <FormField form field=Field::Name testid="df-name" get=|f| &f.name set=|f, v| f.name = v/>
                <FormField form field=Field::Code testid="df-code" get=|f| &f.code set=|f, v| f.code = v/>
                <FormField form field=Field::BaseYear testid="df-base-year" get=|f| &f.base_year set=|f, v| f.base_year = v/>
                <FormField form field=Field::Population testid="df-population" get=|f| &f.population set=|f, v| f.population = v/>
                <FormField form field=Field::HouseholdSize testid="df-household-size" get=|f| &f.household_size set=|f, v| f.household_size = v/>
                <FormField form field=Field::PovertyLine testid="df-poverty-line" get=|f| &f.poverty_line set=|f, v| f.poverty_line = v/>
                <FormField form field=Field::P0 testid="df-p0" get=|f| &f.p0 set=|f, v| f.p0 = v/>
                <FormField form field=Field::P1 testid="df-p1" get=|f| &f.p1 set=|f, v| f.p1 = v/>
                <FormField form field=Field::P2 testid="df-p2" get=|f| &f.p2 set=|f, v| f.p2 = v/>
                <FormField form field=Field::Extreme testid="df-extreme" get=|f| &f.extreme set=|f, v| f.extreme = v/>
                <FormField form field=Field::Gini testid="df-gini" get=|f| &f.gini set=|f, v| f.gini = v/>
                <FormField form field=Field::Apbd testid="df-apbd" get=|f| &f.apbd set=|f, v| f.apbd = v/>
            </div>
            {move || {
                let l = lang.get();
                let est = form.with(|f| {
                    f.district().map(|d| d.estimated).unwrap_or_else(|_| f.filled.as_ref().map(|d| d.estimated.clone()).unwrap_or_default())
                });
                (!est.is_empty()).then(|| {
                    let fields: Vec<String> = est.iter().map(|e| l.t(&format!("estimate.field.{}", present::estimated_key(*e)))).collect();
                    view! { <p class="estimate-note" data-testid="district-estimated">{l.tf("district.estimated", &[("fields", fields.join(", "))])}</p> }
                })
            }}
            <label class="field wide">
                <span>{tr("district.field.history")}</span>
                <textarea rows="4" data-testid="df-history"
                    placeholder=move || lang.get().t("district.history_placeholder")
                    prop:value=move || form.with(|f| f.in_lang(lang.get()).history)
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        let l = lang.get_untracked();
                        form.update(|f| {
                            *f = f.in_lang(l);
                            f.history = v;
                        });
                    }></textarea>
            </label>
            <h4>{tr("district.field.kecamatan")}</h4>
            <p class="group-hint">{tr("district.kecamatan_hint")}</p>
            <label class="field wide">
                <span class="sr-only">{tr("district.field.kecamatan")}</span>
                <textarea rows="6" data-testid="df-kecamatan"
                    placeholder=move || lang.get().t("district.kecamatan_placeholder")
                    prop:value=move || form.with(|f| f.in_lang(lang.get()).kecamatan)
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        let l = lang.get_untracked();
                        form.update(|f| {
                            *f = f.in_lang(l);
                            f.kecamatan = v;
                        });
                    }></textarea>
            </label>
            // The known kecamatan names: only for their own district (by the code in the form); the row, hint
            // included, shows only when a button does.
            <div class="button-row" hidden=move || {
                form.with(|f| {
                    let code: String = f.code.chars().filter(char::is_ascii_digit).collect();
                    !KNOWN_KECAMATAN.iter().any(|(c, _, _)| *c == code)
                })
            }>
                <span class="group-hint" data-testid="df-kecamatan-names-hint">{tr("district.kecamatan_names")}</span>
                {KNOWN_KECAMATAN.into_iter().map(|(code, name, list)| {
                    let testid = format!("df-kecamatan-names-{code}");
                    let mine = move || form.with(|f| f.code.chars().filter(char::is_ascii_digit).collect::<String>() == code);
                    view! {
                        <button type="button" class="btn-secondary" data-testid=testid hidden=move || !mine() on:click=move |_| {
                            let l = lang.get_untracked();
                            form.update(|f| {
                                *f = f.in_lang(l);
                                f.kecamatan = list.iter().map(|k| format!("{k}; ; ")).collect::<Vec<_>>().join("\n");
                            });
                        }>{format!("{name} ({})", list.len())}</button>
                    }
                }).collect_view()}
            </div>
            <h4>{tr("district.budgets_title")}</h4>
            <p class="group-hint">{tr("district.budgets_hint")}</p>
            <div class="form-grid">
                {budget_levers().into_iter().enumerate().map(|(i, id)| {
                    let testid = format!("df-budget-{id}");
                    view! {
                        <label class="field">
                            <span>{move || format!("{} ({})", present::lever_label(id, lang.get()), lang.get().t("district.rp_billion_year"))}</span>
                            <input type="text" inputmode="decimal" data-testid=testid
                                prop:value=move || form.with(|f| f.in_lang(lang.get()).budgets.get(i).cloned().unwrap_or_default())
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    let l = lang.get_untracked();
                                    form.update(|f| {
                                        *f = f.in_lang(l);
                                        if let Some(b) = f.budgets.get_mut(i) {
                                            *b = v;
                                        }
                                    });
                                }/>
                        </label>
                    }
                }).collect_view()}
            </div>
            <p class="field-error" role="alert" data-testid="district-form-error" hidden=move || error.with(Option::is_none)>
                {move || error.get().map(|e| problems::form_error(lang.get(), &e)).unwrap_or_default()}
            </p>
            <div class="button-row">
                <button type="button" class="btn-primary" data-testid="district-open" on:click=open>{tr("district.open")}</button>
                <button type="button" class="btn-secondary" data-testid="district-save" on:click=save>{tr("district.save")}</button>
                <button type="button" class="btn-secondary" data-testid="district-from-current"
                    on:click=move |_| {
                        error.set(None);
                        form.set(st.working.base.with_untracked(|b| Form::from_district(&b.district, lang.get_untracked())));
                    }>{tr("district.from_current")}</button>
            </div>
        </section>

        <MyDistricts form error/>

        <crate::pages::households::HouseholdFilePanel/>
        </div>
    }
}

/// One text field of the form, bound to a part of it; numbers are shown in the UI language's style.
#[component]
fn FormField(
    form: RwSignal<Form>,
    field: Field,
    testid: &'static str,
    get: fn(&Form) -> &String,
    set: fn(&mut Form, String),
) -> impl IntoView {
    let lang = use_lang();
    let numeric = !matches!(field, Field::Name | Field::Code);
    view! {
        <label class="field">
            <span>{tr(field.label_key())}</span>
            <input type="text" inputmode=if numeric { "decimal" } else { "text" } data-testid=testid
                prop:value=move || form.with(|f| get(&f.in_lang(lang.get())).clone())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    let l = lang.get_untracked();
                    form.update(|f| {
                        *f = f.in_lang(l);
                        set(f, v);
                    });
                }/>
        </label>
    }
}

/// The rows of an imported table: each code's latest year, filtered by name or code as typed.
#[component]
fn TableRows(imp: Imported, use_row: impl Fn(usize) + Copy + Send + Sync + 'static) -> impl IntoView {
    let lang = use_lang();
    let filter = RwSignal::new(String::new());
    let table = imp.table.clone();
    let districts = table.latest().len();
    let rows = table.rows.len();
    let latest: Vec<usize> = {
        let latest = table.latest();
        table
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| latest.iter().any(|l| std::ptr::eq(*l, *r)))
            .map(|(i, _)| i)
            .collect()
    };
    let name = imp.name.clone();
    let opt = |v: Option<f64>, d: usize, l: Lang| v.map(|v| format::number(v, d, l)).unwrap_or_else(|| "–".into());
    view! {
        <p role="status" data-testid="district-table-summary">{move || lang.get().tf("district.table_read", &[
            ("file", name.clone()),
            ("rows", format::number(rows as f64, 0, lang.get())),
            ("districts", format::number(districts as f64, 0, lang.get())),
        ])}</p>
        <label class="field">
            <span>{tr("district.table_filter")}</span>
            <input type="search" data-testid="district-table-filter" prop:value=move || filter.get()
                on:input=move |ev| filter.set(event_target_value(&ev))/>
        </label>
        <div class="table-scroll">
            <table class="district-rows" data-testid="district-table-rows">
                <thead><tr>
                    <th>{tr("district.col_code")}</th>
                    <th>{tr("district.col_name")}</th>
                    <th>{tr("district.col_year")}</th>
                    <th class="num">"P0 %"</th>
                    <th class="num">"P1"</th>
                    <th class="num">"P2"</th>
                    <th class="num">{tr("district.col_gk")}</th>
                    <th class="num">{tr("district.col_poor")}</th>
                    <th></th>
                </tr></thead>
                <tbody>
                    {move || {
                        let l = lang.get();
                        let q = filter.get().to_lowercase();
                        let q_code: String = q.chars().filter(|c| *c != '.' && !c.is_whitespace()).collect();
                        latest.iter().copied().filter(|&i| {
                            let r = &table.rows[i];
                            q.is_empty() || r.name.to_lowercase().contains(&q) || (!q_code.is_empty() && r.code.contains(&q_code))
                        }).map(|i| {
                            let r = &table.rows[i];
                            let testid = format!("district-row-{}", r.code);
                            view! {
                                <tr>
                                    <td>{r.code.clone()}</td>
                                    <td>{r.name.clone()}</td>
                                    <td>{r.year}</td>
                                    <td class="num">{format::number(r.p0_pct, 2, l)}</td>
                                    <td class="num">{opt(r.p1, 3, l)}</td>
                                    <td class="num">{opt(r.p2, 3, l)}</td>
                                    <td class="num">{format::rupiah(r.poverty_line, l)}</td>
                                    <td class="num">{opt(r.poor_people, 0, l)}</td>
                                    <td><button type="button" class="btn-secondary" data-testid=testid on:click=move |_| use_row(i)>{tr("district.use_row")}</button></td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </div>
        <p class="group-hint">{tr("district.table_defaults")}</p>
    }
}

/// The districts kept in this browser: open, edit in the form, export as a scenario file, delete.
#[component]
fn MyDistricts(form: RwSignal<Form>, error: RwSignal<Option<FormError>>) -> impl IntoView {
    let st = use_state();
    let lang = use_lang();
    let lib = st.library;
    view! {
        <section class="panel my-districts" data-testid="my-districts">
            <h3>{tr("district.mine_title")}</h3>
            <Show when=move || lib.districts.with(|v| !v.is_empty()) fallback=move || view! { <p>{tr("district.mine_none")}</p> }>
                <ul>
                    {move || lib.districts.get().into_iter().map(|d| {
                        let id = d.id;
                        let s = d.scenario.clone();
                        let file = format!("{}.json", format::slug(&format!("{} {}", s.district.name, s.district.base_year)));
                        let json = s.to_json();
                        let meta = {
                            let s = s.clone();
                            move || {
                                let l = lang.get();
                                format!("{} · {} · P0 {} · GK {}", if s.district.code.is_empty() { "–".into() } else { s.district.code.clone() },
                                    s.district.base_year, format::percent(s.district.calibration.p0_pct(), 2, l), format::rupiah(s.district.poverty_line, l))
                            }
                        };
                        view! {
                            <li class="saved-item" data-testid="my-district">
                                <span class="recover-name">{d.name.clone()}</span>
                                <span class="saved-meta">{meta}</span>
                                <button type="button" class="btn-secondary" data-testid="my-district-open" on:click=move |_| {
                                    if let Some(d) = lib.district(id) {
                                        if let Some(n) = st.open(Start::Custom, d.scenario) {
                                            st.ui.notify(n);
                                        }
                                        st.ui.page.set(Page::Explorer);
                                    }
                                }>{tr("district.open_short")}</button>
                                <button type="button" class="btn-secondary" data-testid="my-district-edit" on:click=move |_| {
                                    if let Some(d) = lib.district(id) {
                                        error.set(None);
                                        form.set(Form::from_district(&d.scenario.district, lang.get_untracked()));
                                        scroll_to("district-form");
                                    }
                                }>{tr("district.edit")}</button>
                                <button type="button" class="btn-secondary" data-testid="my-district-export"
                                    on:click=move |_| browser::download(&file, "application/json", &json)>{tr("persist.export_json")}</button>
                                <button type="button" class="btn-secondary danger" data-testid="my-district-delete"
                                    on:click=move |_| lib.delete_district(id)>{tr("persist.delete")}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
            <p class="group-hint">{move || lang.get().tf("district.table_limits", &[("rows", format::number(district_table::MAX_ROWS as f64, 0, lang.get()))])}</p>
        </section>
    }
}

fn scroll_to(id: &str) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        el.scroll_into_view();
    }
}
