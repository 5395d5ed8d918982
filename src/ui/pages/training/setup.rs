//! The trainer's setup: criteria, number of cases, difficulty and seed; start the exercise here,
//! or copy a link that starts it on every trainee's page (the link holds the settings only).
//! With data loaded, the trainer may opt in to cases from it: no link then, only this computer
//! or printed cards.

use crate::ui::state::AppState;
use ipvi::classify::Criteria;
use ipvi::training::exercise::{Difficulty, ExerciseSettings, MAX_CASES};
use ipvi::training::session::{Progress, REAL_CASES_CHOICE, REAL_CASES_NO_LINK, REAL_CASES_WARNING};
use leptos::prelude::*;

/// The criteria a trainer can pick: the two presets, or the ones edited on the Classify page.
fn criteria_of(choice: &str, edited: &Criteria) -> Criteria {
    match choice {
        "rfgv" => Criteria::rfgv(),
        "edited" => edited.clone(),
        _ => Criteria::ipvi_default(),
    }
}

/// The page's address with the exercise's settings after `#/training?`.
fn link_of(settings: &ExerciseSettings) -> String {
    let href = window().location().href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}#/training?{}", settings.to_fragment())
}

/// Puts text on the clipboard (the browser may refuse: the link stays on the page to copy by hand).
fn copy_to_clipboard(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Ok(navigator) = js_sys::Reflect::get(&window(), &"navigator".into()) else { return false };
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else { return false };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else { return false };
    let Ok(write) = write.dyn_into::<js_sys::Function>() else { return false };
    write.call1(&clipboard, &text.into()).is_ok()
}

#[component]
pub fn Setup() -> impl IntoView {
    let state = expect_context::<AppState>();
    let defaults = ExerciseSettings::new(1);
    let choice = RwSignal::new(String::from("ipvi-default"));
    let cases = RwSignal::new(defaults.cases.to_string());
    let difficulty = RwSignal::new(defaults.difficulty);
    let seed = RwSignal::new(defaults.seed.to_string());
    let link = RwSignal::new(None::<String>);
    let real_data = RwSignal::new(false);
    // Unticked whenever the data goes, so that a later load needs a new opt-in.
    Effect::new(move |_| {
        if !state.has_data() {
            real_data.set(false);
        }
    });
    let real = move || real_data.get() && state.has_data();
    let settings = Memo::new(move |_| -> Result<ExerciseSettings, String> {
        let criteria = state.settings.criteria.with(|edited| criteria_of(&choice.get(), edited));
        ExerciseSettings::from_form(&seed.get(), &cases.get(), difficulty.get(), criteria).map_err(|e| e.to_string())
    });
    let start = move |_| {
        if let Ok(s) = settings.get_untracked() {
            let progress = if real_data.get_untracked() && state.has_data() {
                Progress::from_loaded_data(s)
            } else {
                Progress::new(s)
            };
            state.settings.training.set(Some(progress));
            state.shell.status.set("The exercise has started.".into());
        }
    };
    let copy = move |_| {
        if let Ok(s) = settings.get_untracked() {
            let text = link_of(&s);
            let copied = copy_to_clipboard(&text);
            link.set(Some(text));
            state.shell.status.set(
                if copied { "The link is copied: send it to the trainees." } else { "Copy the link shown below." }
                    .into(),
            );
        }
    };
    let invalid = move || settings.with(Result::is_err);
    let edited_name =
        move || state.settings.criteria.with(|c| format!("My edited criteria (Classify page): {}", c.name));
    view! {
        <section class="card training-setup" aria-labelledby="setup-title">
            <h2 id="setup-title">"Set up an exercise"</h2>
            <p>"Each case is one person's history up to a decision date; trainees choose a level and are told at once whether the engine agrees, and why."</p>
            <div class="form-grid">
                <label for="exercise-criteria">"Criteria"</label>
                <select id="exercise-criteria" on:change=move |ev| choice.set(event_target_value(&ev))>
                    <option value="ipvi-default" selected>"IPVI default"</option>
                    <option value="rfgv">"RFGV"</option>
                    <option value="edited">{edited_name}</option>
                </select>
                <label for="exercise-cases">{format!("Number of cases (1 to {MAX_CASES})")}</label>
                <input id="exercise-cases" type="number" min="1" max=MAX_CASES.to_string() prop:value=move || cases.get()
                       on:input=move |ev| cases.set(event_target_value(&ev))/>
                <label for="exercise-difficulty">"Difficulty"</label>
                <select id="exercise-difficulty" on:change=move |ev| {
                    if let Ok(d) = Difficulty::parse(&event_target_value(&ev)) { difficulty.set(d) }
                }>
                    <option value="easy">"easy: clear-cut cases"</option>
                    <option value="mixed" selected>"mixed: about half at a threshold"</option>
                    <option value="hard">"hard: every case at a threshold"</option>
                </select>
                <label for="exercise-seed">"Seed (the same seed gives the same cases)"</label>
                <input id="exercise-seed" type="number" min="0" prop:value=move || seed.get() on:input=move |ev| seed.set(event_target_value(&ev))/>
                {move || settings.get().err().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </div>
            <RealCasesChoice real_data=real_data/>
            <div class="actions">
                <button type="button" class="button primary" id="start-exercise" prop:disabled=invalid on:click=start>"Start the exercise"</button>
                {move || (!real()).then(|| view! {
                    <button type="button" class="button" id="copy-link" prop:disabled=invalid on:click=copy>"Copy the link for trainees"</button>
                })}
            </div>
            {move || real().then(|| view! { <p class="note" id="no-trainee-link">{REAL_CASES_NO_LINK}</p> })}
            {move || link.get().filter(|_| !real()).map(|text| view! {
                <label class="inline">"Link for trainees (it holds the settings only, no record) "
                    <input type="text" id="trainee-link" readonly size="60" prop:value=text/>
                </label>
            })}
            {move || (choice.get() == "edited").then(|| view! {
                <p class="note">"Trainees opening the link need the same edited criteria: save them as a file on the Classify page and share it with the link."</p>
            })}
        </section>
    }
}

/// The opt-in to cases from the loaded data, with its warning (only when data is loaded).
#[component]
fn RealCasesChoice(real_data: RwSignal<bool>) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        {move || if state.has_data() {
            view! {
                <div class="real-cases">
                    <label class="inline"><input type="checkbox" id="use-loaded-data" prop:checked=move || real_data.get()
                        aria-describedby="real-cases-warning" on:change=move |ev| real_data.set(event_target_checked(&ev))/>
                        " "{REAL_CASES_CHOICE}</label>
                    <p class="note" id="real-cases-warning">{REAL_CASES_WARNING}</p>
                </div>
            }.into_any()
        } else {
            view! { <p class="note">"Cases are generated from the built-in demo jurisdiction, so they identify nobody."</p> }.into_any()
        }}
    }
}
