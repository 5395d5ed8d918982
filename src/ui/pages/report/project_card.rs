//! The Project card: save the evaluation's settings as a project file (the extracts only when
//! the user ticks "Include the data" after a warning), or open one.

use crate::ui::project::{save, OpenProject};
use crate::ui::state::AppState;
use leptos::prelude::*;

/// What including the data means, said before it happens and while it stays ticked.
const DATA_WARNING: &str = "The project file will then hold every record of your extracts: victim-survivors' and \
    offenders' ids, addresses and incidents. Keep it as safe as the extracts themselves, and send it only where \
    they may go.";

#[component]
pub fn ProjectCard() -> impl IntoView {
    let state = expect_context::<AppState>();
    let include = RwSignal::new(false);
    let has_files = move || state.data.files.with(|f| !f.is_empty());
    let tick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let confirmed =
            || window().confirm_with_message(&format!("{DATA_WARNING}\n\nInclude the data?")).unwrap_or(false);
        let on = input.checked() && confirmed();
        input.set_checked(on);
        include.set(on);
    };
    view! {
        <section class="card no-print project-card" aria-labelledby="project-title">
            <h2 id="project-title">"Project file"</h2>
            <p>"A project file keeps the reading rules (column mappings, IPV rules), the criteria, the outcome settings \
                and these report choices, so that the evaluation can be reopened next week or sent to a colleague. \
                It holds no records unless you include the data."</p>
            <label class="inline">
                <input type="checkbox" id="include-data" prop:checked=move || include.get() && has_files()
                    disabled=move || !has_files() on:change=tick/>
                " Include the data in the project file"
            </label>
            {move || (include.get() && has_files()).then(|| view! { <p class="field-error" role="alert">{DATA_WARNING}</p> })}
            {move || (!has_files()).then(|| view! {
                <p class="hint">"The demo jurisdiction is never stored in a project file: it is generated again from \
                    its settings (seed, size, planted effects), which the report's reproducibility section names."</p>
            })}
            <div class="actions">
                <button type="button" class="button" id="save-project"
                    on:click=move |_| save(state, include.get_untracked() && has_files())>
                    "Save project file"
                </button>
                <OpenProject id="project-input-report"/>
            </div>
        </section>
    }
}
