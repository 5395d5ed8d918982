//! The Data page: load extracts or the demo, see each file's mapping and quality, and what is
//! loaded in all.

use crate::ui::format::{count, percent, size};
use crate::ui::io::download;
use crate::ui::load::{files_of, load, Input};
use crate::ui::state::{now_ms, save_setting, AppState, DemoData, LoadedFile, UnmappedFile};
use ipvi::export::{fingerprint, write_extracts, ExtractStyle};
use ipvi::ingest::sniff::delimiter_name;
use ipvi::ingest::{preview_value, DateOrder, IngestOptions, IngestSettings, IpvRule, Mapping, Table};
use ipvi::model::iso;
use ipvi::settings::{DEMO_PARAMS_KEY, INGEST_SETTINGS_KEY};
use ipvi::synth::{self, DemoParams};
use leptos::prelude::*;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

/// Generates the demo jurisdiction after the browser has painted the "generating" status.
fn load_demo(state: AppState) {
    if !state.files.with_untracked(Vec::is_empty)
        && !window()
            .confirm_with_message("Set aside your loaded files and load the demo jurisdiction instead?")
            .unwrap_or(false)
    {
        return;
    }
    let params = state.demo_params.get_untracked();
    state.status.set(format!("Generating the demo jurisdiction ({} people)…", count(params.people as usize)));
    set_timeout(
        move || {
            let started = now_ms();
            match synth::generate(&params) {
                Ok(data) => {
                    let fingerprint = fingerprint(&write_extracts(&data, ExtractStyle::Clean));
                    let millis = now_ms() - started;
                    state.files.set(Vec::new());
                    state.demo.set(Some(DemoData { data: Arc::new(data), params, fingerprint, millis }));
                    state.status.set(format!("Demo jurisdiction loaded in {millis:.0} ms."));
                }
                Err(message) => state.status.set(format!("The demo could not be generated: {message}")),
            }
        },
        Duration::from_millis(30),
    );
}

/// Loads files with the saved settings.
fn load_new(state: AppState, files: Vec<web_sys::File>) {
    let settings = state.ingest.get_untracked();
    let inputs = files.into_iter().map(|f| (Input::File(f), IngestOptions::with_settings(settings.clone()))).collect();
    load(state, inputs);
}

/// Reads a file again with changed choices (table, mapping, date order).
fn reload(
    state: AppState,
    name: &str,
    bytes: &Arc<Vec<u8>>,
    options: &IngestOptions,
    edit: impl FnOnce(&mut IngestOptions),
) {
    let mut options = options.clone();
    options.settings = state.ingest.get_untracked();
    edit(&mut options);
    load(state, vec![(Input::Bytes(name.to_string(), bytes.clone()), options)]);
}

/// Reads every loaded file again after a change to the saved settings.
fn reload_all(state: AppState) {
    let settings = state.ingest.get_untracked();
    let inputs = state
        .files
        .get_untracked()
        .into_iter()
        .map(|f| {
            let options = IngestOptions { settings: settings.clone(), ..f.options.clone() };
            (Input::Bytes(f.name().to_string(), f.bytes.clone()), options)
        })
        .collect();
    load(state, inputs);
}

fn save_ingest(state: AppState, settings: IngestSettings) {
    save_setting(INGEST_SETTINGS_KEY, &settings);
    state.ingest.set(settings);
}

#[component]
pub fn DataPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dragging = RwSignal::new(false);
    view! {
        <h1 tabindex="-1">"Data"</h1>
        <section class="card welcome"
            class:dragging=move || dragging.get()
            on:dragover=move |ev| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                dragging.set(false);
                load_new(state, files_of(ev.data_transfer().and_then(|d| d.files())));
            }>
            <p class="lead">
                "IPVI Workbench classifies known intimate partner violence offenders into levels D to A and shows
                whether calls for service and reoffending changed after the intervention started. "
                <strong>"Your files never leave this computer."</strong>
                " "<a href="#/privacy">"How your data is handled"</a>
            </p>
            <div class="actions">
                <label class="button primary big file-button">
                    "Load your extracts"
                    <input id="file-input" type="file" multiple accept=".csv,.tsv,.txt,text/csv,text/plain"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            load_new(state, files_of(input.files()));
                            input.set_value("");
                        }/>
                </label>
                <button type="button" class="button big" id="try-demo" on:click=move |_| load_demo(state)>
                    "Try the demo jurisdiction"
                </button>
            </div>
            <p class="hint">"CSV extracts of incidents, calls for service, notifications, services or sanctions; several at once, or drop them here. Each file is recognised from its columns."</p>
            <DemoSettings/>
        </section>
        <JobProgress/>
        <LoadErrors/>
        <For each=move || state.unmapped.get() key=|f| (f.name.clone(), f.message.clone(), f.mapping.columns.clone()) let(file)>
            <UnmappedCard file=file/>
        </For>
        <For each=move || state.files.get() key=|f| (f.name().to_string(), Arc::as_ptr(&f.parsed) as usize) let(file)>
            <FileCard file=file/>
        </For>
        <ReadingRules/>
        {move || state.loaded.get().map(|_| view! { <Summary/> })}
    }
}

#[component]
fn JobProgress() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.job.get().map(|job| {
            let cancel = job.cancel.clone();
            view! {
                <section class="card progress-card" aria-label="Loading">
                    <label for="load-progress">{format!("{} {}: {} of {}", job.phase, job.file, size(job.done), size(job.total))}</label>
                    <progress id="load-progress" max=job.total.max(1).to_string() value=job.done.to_string()></progress>
                    <button type="button" class="button" on:click=move |_| cancel.store(true, Ordering::Relaxed)>"Cancel"</button>
                </section>
            }
        })
    }
}

#[component]
fn LoadErrors() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <For each=move || state.load_errors.get() key=|e| e.clone() let(message)>
            <section class="card error-card" role="alert">
                <h2>"This file could not be loaded"</h2>
                <p class="error-message">{message.clone()}</p>
                <p>"Data already loaded is unchanged. Fix the file (or choose its columns in the mapping) and load it again."</p>
                <button type="button" class="button" on:click=move |_| state.load_errors.update(|e| e.retain(|m| m != &message))>"Dismiss"</button>
            </section>
        </For>
    }
}

#[component]
fn FileCard(file: LoadedFile) -> impl IntoView {
    let state = expect_context::<AppState>();
    let r = file.parsed.report.clone();
    let source = MappingSource::from(&file);
    let order_source = source.clone();
    let name = file.name().to_string();
    let dates = match (r.first_day, r.last_day) {
        (Some(a), Some(b)) => format!("{} to {}", iso(a), iso(b)),
        _ => "none".into(),
    };
    view! {
        <section class="card file-card" data-file=r.file.clone()>
            <div class="file-head">
                <h2>{r.file.clone()}</h2>
                <TableChoice source=source.clone()/>
                <button type="button" class="button" on:click=move |_| state.files.update(|f| f.retain(|x| x.name() != name))>"Remove"</button>
            </div>
            <dl class="facts">
                <dt>"Rows"</dt>
                <dd class="rows">{format!("{} read, {} kept, {} rejected", count(r.rows_read), count(r.rows_kept), count(r.rows_rejected()))}</dd>
                <dt>"Dates"</dt><dd>{dates}</dd>
                {r.ipv_rows.map(|ipv| view! { <dt>"Counted as IPV"</dt><dd class="ipv">{format!("{} of {} ({})", count(ipv), count(r.rows_kept), percent(ipv, r.rows_kept))}</dd> })}
                <dt>"Read as"</dt>
                <dd>{format!("{}, {} delimited, {}", r.encoding.name(), delimiter_name(r.delimiter), if r.has_header { "header row" } else { "no header row" })}</dd>
                {(r.duplicate_ids > 0).then(|| view! { <dt>"Duplicate ids"</dt><dd>{count(r.duplicate_ids)}</dd> })}
                {(r.missing_person > 0).then(|| view! { <dt>"Rows without a suspect id"</dt><dd>{count(r.missing_person)}</dd> })}
                {(r.future_dates > 0).then(|| view! { <dt>"Dates in the future"</dt><dd>{count(r.future_dates)}</dd> })}
            </dl>
            {(!r.rejected.is_empty()).then(|| view! {
                <h3>"Rejected rows"</h3>
                <ul class="rejected">
                    {r.rejected.iter().map(|g| view! {
                        <li>{format!("{} × {} (line {})", count(g.count), g.reason, g.first_lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", "))}</li>
                    }).collect_view()}
                </ul>
            })}
            <ul class="warnings">
                {r.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}
                {r.unknown_values.iter().map(|u| view! {
                    <li>{format!("{} values in \"{}\" are not a known yes/no word and were read as no, e.g. {}", count(u.count), u.column, u.examples.join(", "))}</li>
                }).collect_view()}
            </ul>
            <label class="inline">"Slashed dates (such as 03/04/2019) read "
                <select aria-label=format!("Date order of {}", r.file) on:change=move |ev| {
                    let order = if event_target_value(&ev) == "day" { DateOrder::DayFirst } else { DateOrder::MonthFirst };
                    let s = &order_source;
                    let mut settings = state.ingest.get_untracked();
                    settings.remember(&s.headers, &s.mapping, Some(order));
                    save_ingest(state, settings);
                    reload(state, &s.name, &s.bytes, &s.options, |o| o.date_order = Some(order));
                }>
                    <option value="month" selected=r.date_order == DateOrder::MonthFirst>"month first (US)"</option>
                    <option value="day" selected=r.date_order == DateOrder::DayFirst>"day first"</option>
                </select>
            </label>
            <MappingTable source=source open=false/>
        </section>
    }
}

/// What the mapping table needs of a file, loaded or waiting for its columns.
#[derive(Clone)]
struct MappingSource {
    name: String,
    bytes: Arc<Vec<u8>>,
    options: IngestOptions,
    headers: Vec<String>,
    mapping: Mapping,
    samples: Vec<Vec<String>>,
    order: DateOrder,
    /// Share of rows with a value, per column (loaded files only).
    fill: Option<Vec<String>>,
}

impl From<&LoadedFile> for MappingSource {
    fn from(f: &LoadedFile) -> Self {
        let p = &f.parsed;
        let read = p.report.rows_read;
        MappingSource {
            name: f.name().to_string(),
            bytes: f.bytes.clone(),
            options: f.options.clone(),
            headers: p.headers.clone(),
            mapping: p.mapping.clone(),
            samples: p.samples.clone(),
            order: p.report.date_order,
            fill: Some(p.report.fill.iter().map(|c| percent(c.filled, read)).collect()),
        }
    }
}

impl From<&UnmappedFile> for MappingSource {
    fn from(f: &UnmappedFile) -> Self {
        MappingSource {
            name: f.name.clone(),
            bytes: f.bytes.clone(),
            options: f.options.clone(),
            headers: f.headers.clone(),
            mapping: f.mapping.clone(),
            samples: f.samples.clone(),
            order: f.order,
            fill: None,
        }
    }
}

/// Source column → field, with three sample values as the field reads them; editable. A
/// change is remembered for files with the same header row and the file is read again.
#[component]
fn MappingTable(source: MappingSource, open: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let table = source.mapping.table;
    let flags = state.ingest.get_untracked().flags;
    let fields = table.fields();
    let used = source.mapping.columns.iter().flatten().count();
    let rows = source
        .headers
        .iter()
        .enumerate()
        .map(|(col, header)| {
            let current = source.mapping.columns[col];
            let samples: Vec<String> = (source.samples.iter())
                .filter_map(|row| row.get(col))
                .map(|v| match current {
                    Some(field) => preview_value(field, v, source.order, &flags),
                    None => v.clone(),
                })
                .collect();
            let fill = source.fill.as_ref().map(|f| f[col].clone());
            let source = source.clone();
            let choose = move |ev: leptos::ev::Event| {
                let field = event_target_value(&ev).parse::<usize>().ok().and_then(|i| fields.get(i)).copied();
                let mut columns = source.mapping.columns.clone();
                // A field lives in one column: moving it frees the old one.
                if let Some(f) = field {
                    columns.iter_mut().filter(|c| **c == Some(f)).for_each(|c| *c = None);
                }
                columns[col] = field;
                let mut settings = state.ingest.get_untracked();
                settings.remember(
                    &source.headers,
                    &Mapping { table, columns: columns.clone() },
                    source.options.date_order,
                );
                save_ingest(state, settings);
                reload(state, &source.name, &source.bytes, &source.options, |o| {
                    o.table = Some(table);
                    o.mapping = Some(columns);
                });
            };
            view! {
                <tr>
                    <th scope="row">{header.clone()}</th>
                    <td>
                        <select aria-label=format!("Field of column {header}") on:change=choose>
                            <option value="none" selected=current.is_none()>"not used"</option>
                            {fields.iter().enumerate().map(|(i, f)| view! {
                                <option value=i.to_string() selected=current == Some(*f)>{f.label(table)}</option>
                            }).collect_view()}
                        </select>
                    </td>
                    <td class="num">{fill}</td>
                    <td class="samples">{samples.join(" · ")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="mapping" open=open>
            <summary>{format!("Column mapping ({used} of {} columns used)", source.headers.len())}</summary>
            <table class="data-table">
                <thead><tr>
                    <th scope="col">"Column in the file"</th><th scope="col">"Read as"</th>
                    <th scope="col" class="num">"Filled"</th><th scope="col">"First values, as read"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}

/// A file waiting for the user to say which column holds what.
#[component]
fn UnmappedCard(file: UnmappedFile) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = file.name.clone();
    view! {
        <section class="card file-card needs-mapping" data-file=file.name.clone()>
            <div class="file-head">
                <h2>{file.name.clone()}</h2>
                <button type="button" class="button" on:click=move |_| state.unmapped.update(|u| u.retain(|f| f.name != name))>"Remove"</button>
            </div>
            <p class="error-message" role="alert">{file.message.clone()}</p>
            <p>"Nothing was loaded from this file yet; data already loaded is unchanged."</p>
            <TableChoice source=MappingSource::from(&file)/>
            <MappingTable source=MappingSource::from(&file) open=true/>
        </section>
    }
}

/// The table a file holds, changeable.
#[component]
fn TableChoice(source: MappingSource) -> impl IntoView {
    let state = expect_context::<AppState>();
    let table = source.mapping.table;
    view! {
        <label class="inline">"Holds "
            <select aria-label=format!("Table of {}", source.name) on:change=move |ev| {
                let chosen = Table::ALL[event_target_value(&ev).parse::<usize>().unwrap_or(0)];
                reload(state, &source.name, &source.bytes, &source.options, |o| { o.table = Some(chosen); o.mapping = None; });
            }>
                {Table::ALL.iter().enumerate().map(|(i, t)| view! {
                    <option value=i.to_string() selected=*t == table>{t.name()}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// One IPV rule (incidents or calls) as editable fields.
#[component]
fn IpvRuleEditor(table: Table) -> impl IntoView {
    let state = expect_context::<AppState>();
    let rule = move || state.ingest.with(|s| s.ipv.for_table(table).clone());
    let edit = move |change: &dyn Fn(&mut IpvRule)| {
        let mut settings = state.ingest.get_untracked();
        let rule = match table {
            Table::Calls => &mut settings.ipv.calls,
            _ => &mut settings.ipv.incidents,
        };
        change(rule);
        save_ingest(state, settings);
        reload_all(state);
    };
    let list =
        |text: String| text.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect::<Vec<_>>();
    let id = table.name();
    view! {
        <fieldset class="rule">
            <legend>{format!("Which {} count as IPV", table.name())}</legend>
            <label><input type="checkbox" id=format!("{id}-flag") prop:checked=move || rule().domestic_flag
                on:change=move |ev| { let on = event_target_checked(&ev); edit(&move |r| r.domestic_flag = on) }/>
                " rows whose domestic flag says yes (when the file has a domestic flag column)"</label>
            <label for=format!("{id}-kinds")>"and whose offence or call type contains one of (comma-separated; empty: any)"</label>
            <input id=format!("{id}-kinds") type="text" prop:value=move || rule().kinds.join(", ")
                on:change=move |ev| { let v = list(event_target_value(&ev)); edit(&move |r| r.kinds = v.clone()) }/>
            {(table == Table::Incidents).then(|| view! {
                <label for="incidents-relationships">"and whose relationship code is one of (comma-separated; empty: any; intimate NIBRS codes: SE, CS, BG, XS, HR, XR)"</label>
                <input id="incidents-relationships" type="text" prop:value=move || rule().relationships.join(", ")
                    on:change=move |ev| { let v = list(event_target_value(&ev)); edit(&move |r| r.relationships = v.clone()) }/>
            })}
        </fieldset>
    }
}

/// The words read as yes and as no in flag columns (arrest, charge, weapon, ...).
#[component]
fn FlagWordsEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let edit = move |yes: bool, text: String| {
        let words: Vec<String> = text.split(',').map(|w| w.trim().to_string()).collect();
        let mut settings = state.ingest.get_untracked();
        if yes {
            settings.flags.yes = words;
        } else {
            settings.flags.no = words;
        }
        save_ingest(state, settings);
        reload_all(state);
    };
    view! {
        <fieldset class="rule">
            <legend>"Yes/no words in flag columns (case, spaces and punctuation are ignored)"</legend>
            <label for="flag-yes">"Read as yes"</label>
            <input id="flag-yes" type="text" prop:value=move || state.ingest.with(|s| s.flags.yes.join(", "))
                on:change=move |ev| edit(true, event_target_value(&ev))/>
            <label for="flag-no">"Read as no (any other value is reported and read as no)"</label>
            <input id="flag-no" type="text" prop:value=move || state.ingest.with(|s| s.flags.no.join(", "))
                on:change=move |ev| edit(false, event_target_value(&ev))/>
        </fieldset>
    }
}

/// The saved settings that decide how every file is read, with export and import.
#[component]
fn ReadingRules() -> impl IntoView {
    let state = expect_context::<AppState>();
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = files_of(input.files()).into_iter().next() else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let name = file.name();
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            match text.map(|t| serde_json::from_str::<IngestSettings>(&t)) {
                Some(Ok(settings)) => {
                    save_ingest(state, settings);
                    state.status.set(format!("Reading rules imported from {name}."));
                    reload_all(state);
                }
                Some(Err(err)) => {
                    state.load_errors.update(|e| e.push(format!("{name}: not a reading-rules file ({err})")))
                }
                None => state.load_errors.update(|e| e.push(format!("{name}: the browser could not read the file"))),
            }
        });
    };
    view! {
        <details class="card reading-rules">
            <summary><h2 class="inline-heading">"Reading rules: IPV rows, column mappings"</h2></summary>
            <p>"These rules apply to every file and are kept in this browser. Changing one reads the loaded files again."</p>
            <IpvRuleEditor table=Table::Incidents/>
            <IpvRuleEditor table=Table::Calls/>
            <FlagWordsEditor/>
            <p>{move || format!("{} remembered column mappings.", state.ingest.with(|s| s.mappings.len()))}</p>
            <div class="actions">
                <button type="button" class="button" on:click=move |_| {
                    let json = serde_json::to_vec_pretty(&state.ingest.get_untracked()).unwrap_or_default();
                    download("ipvi-reading-rules.json", "application/json", &json);
                }>"Export reading rules"</button>
                <label class="button file-button">"Import reading rules"
                    <input type="file" accept=".json,application/json" on:change=import/>
                </label>
                <button type="button" class="button" on:click=move |_| { save_ingest(state, IngestSettings::default()); reload_all(state); }>
                    "Restore default rules"
                </button>
            </div>
        </details>
    }
}

/// The "advanced" panel: size, seed and planted effects of the demo, kept between visits.
#[component]
fn DemoSettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = state.demo_params;
    let error = RwSignal::new(None::<String>);
    let set = move |edit: &dyn Fn(&mut DemoParams, &str) -> Result<(), String>, text: String| {
        let mut next = params.get_untracked();
        match edit(&mut next, &text).and_then(|()| next.validate()) {
            Ok(()) => {
                error.set(None);
                save_setting(DEMO_PARAMS_KEY, &next);
                params.set(next);
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let number = |text: &str, what: &str| {
        text.trim().replace(',', "").parse::<f64>().map_err(|_| format!("{what} must be a number, not {text:?}"))
    };
    view! {
        <details class="advanced">
            <summary>"Demo settings (size, seed, planted effect)"</summary>
            <div class="form-grid">
                <label for="demo-people">"People with incidents"</label>
                <input id="demo-people" type="number" min="1" max="1000000" step="1"
                    prop:value=move || params.get().people.to_string()
                    on:change=move |ev| set(&|p, t| { p.people = number(t, "People")? as u32; Ok(()) }, event_target_value(&ev))/>
                <label for="demo-seed">"Seed"</label>
                <input id="demo-seed" type="number" min="0" step="1"
                    prop:value=move || params.get().seed.to_string()
                    on:change=move |ev| set(&|p, t| { p.seed = t.trim().parse().map_err(|_| format!("Seed must be a whole number, not {t:?}"))?; Ok(()) }, event_target_value(&ev))/>
                <label for="demo-hr">"Hazard ratio of reoffending after notification (1 = no effect)"</label>
                <input id="demo-hr" type="number" min="0.05" max="10" step="0.05"
                    prop:value=move || params.get().hazard_ratio.to_string()
                    on:change=move |ev| set(&|p, t| { p.hazard_ratio = number(t, "The hazard ratio")?; Ok(()) }, event_target_value(&ev))/>
                <label for="demo-drop">"Drop in IPV calls after the start, % (0 = no effect)"</label>
                <input id="demo-drop" type="number" min="0" max="95" step="1"
                    prop:value=move || format!("{}", (params.get().call_drop * 100.0).round())
                    on:change=move |ev| set(&|p, t| { p.call_drop = number(t, "The call drop")? / 100.0; Ok(()) }, event_target_value(&ev))/>
            </div>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <div class="actions">
                <button type="button" class="button" on:click=move |_| {
                    let next = DemoParams::default().with_effect(synth::Effect::None);
                    save_setting(DEMO_PARAMS_KEY, &next);
                    params.set(next);
                }>"No planted effect"</button>
                <button type="button" class="button" on:click=move |_| {
                    save_setting(DEMO_PARAMS_KEY, &DemoParams::default());
                    params.set(DemoParams::default());
                }>"Restore defaults"</button>
                <button type="button" class="button" on:click=move |_| {
                    if let Some(demo) = state.demo.get_untracked() {
                        for file in write_extracts(&demo.data, ExtractStyle::Clean) {
                            download(&format!("demo_{}", file.name), "text/csv", &file.bytes);
                        }
                    }
                } disabled=move || state.demo.with(Option::is_none)>"Save the demo extracts as CSV"</button>
            </div>
        </details>
    }
}

#[component]
fn Summary() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let loaded = state.loaded.get()?;
        let summary = loaded.data.summary();
        let incidents = summary.tables.first().map_or(0, |t| t.rows);
        let source = match &loaded.demo {
            Some(DemoData { params, fingerprint, millis, .. }) => view! {
                <p>
                    {format!(
                        "Demo jurisdiction, seed {}, {} people; planted hazard ratio {} after notification and a {:.0}% drop in IPV calls after {} (the intervention start). Generated in this browser in {:.0} ms.",
                        params.seed, count(params.people as usize), params.hazard_ratio, params.call_drop * 100.0, iso(params.start_day), millis
                    )}
                </p>
                <p class="fingerprint">"Fingerprint of the extracts: "<code id="demo-fingerprint">{fingerprint.clone()}</code>
                    " (the command line's "<code>"ipvi demo"</code>" prints the same for the same settings)"</p>
            }.into_any(),
            None => view! { <p>"Your files, as read with the mappings and rules above."</p> }.into_any(),
        };
        Some(view! {
            <section class="card" id="data-summary" aria-labelledby="summary-title">
                <h2 id="summary-title">"What is loaded"</h2>
                {source}
                <table class="data-table">
                    <caption>"Tables in memory"</caption>
                    <thead><tr><th scope="col">"Table"</th><th scope="col" class="num">"Rows"</th><th scope="col">"First date"</th><th scope="col">"Last date"</th></tr></thead>
                    <tbody>
                        {summary.tables.into_iter().map(|t| view! {
                            <tr>
                                <th scope="row">{t.table}</th>
                                <td class="num">{count(t.rows)}</td>
                                <td>{t.first_day.map(iso).unwrap_or_default()}</td>
                                <td>{t.last_day.map(iso).unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <dl class="facts">
                    <dt>"Offenders (suspects with an id)"</dt><dd id="fact-offenders">{count(summary.offenders)}</dd>
                    <dt>"Incidents counted as IPV"</dt>
                    <dd id="fact-ipv">{format!("{} of {} ({})", count(summary.ipv_incidents), count(incidents), percent(summary.ipv_incidents, incidents))}</dd>
                    <dt>"Addresses"</dt><dd>{count(summary.addresses)}</dd>
                </dl>
            </section>
        })
    }
}
