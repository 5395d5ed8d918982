//! The Data page: welcome, the demo jurisdiction, and the summary of what is loaded.

use crate::ui::state::{save_setting, AppState, Loaded, Source};
use ipvi::export::{fingerprint, write_extracts, ExtractStyle};
use ipvi::model::{iso, DatasetSummary};
use ipvi::settings::DEMO_PARAMS_KEY;
use ipvi::synth::{self, DemoParams};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// Thousands separators, as every count on screen shows them.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Generates the demo jurisdiction after the browser has painted the "generating" status.
fn load_demo(state: AppState) {
    let params = state.demo_params.get_untracked();
    state.status.set(format!("Generating the demo jurisdiction ({} people)…", count(params.people as usize)));
    set_timeout(
        move || {
            let started = now_ms();
            match synth::generate(&params) {
                Ok(data) => {
                    let fingerprint = fingerprint(&write_extracts(&data, ExtractStyle::Clean));
                    let millis = now_ms() - started;
                    state.loaded.set(Some(Loaded {
                        data: Arc::new(data),
                        source: Source::Demo { params, fingerprint, millis },
                    }));
                    state.status.set(format!("Demo jurisdiction loaded in {millis:.0} ms."));
                }
                Err(message) => state.status.set(format!("The demo could not be generated: {message}")),
            }
        },
        Duration::from_millis(30),
    );
}

#[component]
pub fn DataPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <h1 tabindex="-1">"Data"</h1>
        <section class="card welcome">
            <p class="lead">
                "IPVI Workbench classifies known intimate partner violence offenders into levels D to A and shows
                whether calls for service and reoffending changed after the intervention started. "
                <strong>"Your files never leave this computer."</strong>
                " "<a href="#/privacy">"How your data is handled"</a>
            </p>
            <div class="actions">
                <button type="button" class="button primary big" id="try-demo" on:click=move |_| load_demo(state)>
                    "Try the demo jurisdiction"
                </button>
            </div>
            <DemoSettings/>
        </section>
        {move || state.loaded.get().map(|loaded| view! { <Summary loaded=loaded/> })}
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
            </div>
        </details>
    }
}

#[component]
fn Summary(loaded: Loaded) -> impl IntoView {
    let DatasetSummary { tables, ipv_incidents, offenders, addresses } = loaded.data.summary();
    let incidents = tables.first().map_or(0, |t| t.rows);
    let source = match &loaded.source {
        Source::Demo { params, fingerprint, millis } => view! {
            <p>
                {format!(
                    "Demo jurisdiction, seed {}, {} people; planted hazard ratio {} after notification and a {:.0}% drop in IPV calls after {} (the intervention start). Generated in this browser in {:.0} ms.",
                    params.seed, count(params.people as usize), params.hazard_ratio, params.call_drop * 100.0, iso(params.start_day), millis
                )}
            </p>
            <p class="fingerprint">"Fingerprint of the extracts: "<code id="demo-fingerprint">{fingerprint.clone()}</code>
                " (the command line's "<code>"ipvi demo"</code>" prints the same for the same settings)"</p>
        },
    };
    view! {
        <section class="card" id="data-summary" aria-labelledby="summary-title">
            <h2 id="summary-title">"What is loaded"</h2>
            {source}
            <table class="data-table">
                <caption>"Tables in memory"</caption>
                <thead><tr><th scope="col">"Table"</th><th scope="col" class="num">"Rows"</th><th scope="col">"First date"</th><th scope="col">"Last date"</th></tr></thead>
                <tbody>
                    {tables.into_iter().map(|t| view! {
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
                <dt>"Offenders (suspects with an id)"</dt><dd id="fact-offenders">{count(offenders)}</dd>
                <dt>"Incidents counted as IPV"</dt>
                <dd id="fact-ipv">{format!("{} of {} ({:.1}%)", count(ipv_incidents), count(incidents), if incidents == 0 { 0.0 } else { 100.0 * ipv_incidents as f64 / incidents as f64 })}</dd>
                <dt>"Addresses"</dt><dd>{count(addresses)}</dd>
            </dl>
        </section>
    }
}
