//! The demo settings: size, seed and planted effects of the demo jurisdiction, kept between
//! visits, and the demo's extracts saved as CSV.

use crate::ui::io::download;
use crate::ui::state::AppState;
use ipvi::export::{write_extracts, ExtractStyle};
use ipvi::synth::{self, DemoParams};
use leptos::prelude::*;

/// The "advanced" panel: size, seed and planted effects of the demo, kept between visits.
#[component]
pub fn DemoSettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = state.settings.demo_params;
    let error = RwSignal::new(None::<String>);
    let set = move |edit: &dyn Fn(&mut DemoParams, &str) -> Result<(), String>, text: String| {
        let mut next = params.get_untracked();
        match edit(&mut next, &text).and_then(|()| next.validate().map_err(|problem| problem.to_string())) {
            Ok(()) => {
                error.set(None);
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
                    params.set(next);
                }>"No planted effect"</button>
                <button type="button" class="button" on:click=move |_| {
                    params.set(DemoParams::default());
                }>"Restore defaults"</button>
                <button type="button" class="button" on:click=move |_| {
                    if let Some(demo) = state.data.demo.get_untracked() {
                        for file in write_extracts(&demo.data, ExtractStyle::Clean) {
                            download(&format!("demo_{}", file.name), "text/csv", &file.bytes);
                        }
                    }
                } disabled=move || state.data.demo.with(Option::is_none)>"Save the demo extracts as CSV"</button>
            </div>
        </details>
    }
}
