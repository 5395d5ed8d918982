//! The Training page: a trainer sets up an exercise (or opens a shared link), a trainee works
//! through its cases one at a time with the engine's feedback, and the trainer prints the cards
//! and the answer key and reads the room's results. Cases come from the built-in demo
//! jurisdiction, or from the loaded data only when the trainer opts in (never in a link, never
//! saved: only the flag is). Every sentence and figure is the engine's.

mod explain;
mod flow;
mod results;
mod room;
mod setup;
mod trainer;

use crate::ui::state::{query_of, AppState};
use ipvi::training::exercise::{
    exercise_fingerprint, generate_exercise, generate_exercise_from, Exercise, ExerciseError, ExerciseSettings,
};
use ipvi::training::session::{exercise_heading, exercise_summary, level_mix_words, Progress, REAL_CASES_GONE};
use leptos::prelude::*;
use std::sync::Arc;

/// The exercise being worked on, rebuilt from the saved settings (never stored itself).
pub type Built = Option<Result<Arc<Exercise>, ExerciseError>>;

/// Opens the exercise a shared link names: a new start, unless this browser is already working
/// through that very exercise (a reload, or the link opened again).
fn follow_link(state: AppState, link_error: RwSignal<Option<String>>) {
    let hash = window().location().hash().unwrap_or_default();
    let Some(query) = query_of(&hash) else { return };
    let edited = state.settings.criteria.get_untracked();
    match ExerciseSettings::from_fragment(query, Some(&edited)) {
        Ok(settings) => {
            link_error.set(None);
            let same = state
                .settings
                .training
                .with_untracked(|p| p.as_ref().is_some_and(|p| p.settings == settings && !p.real_data));
            if !same {
                state.settings.training.set(Some(Progress::new(settings)));
            }
        }
        Err(e) => link_error.set(Some(e.to_string())),
    }
}

#[component]
pub fn TrainingPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let progress = state.settings.training;
    let link_error = RwSignal::new(None::<String>);
    follow_link(state, link_error);
    let listener = window_event_listener(leptos::ev::hashchange, move |_| follow_link(state, link_error));
    on_cleanup(move || listener.remove());

    let source = Memo::new(move |_| progress.with(|p| p.as_ref().map(|p| (p.settings.clone(), p.real_data))));
    let exercise: Memo<Built> = Memo::new(move |_| {
        let (settings, real_data) = source.get()?;
        if !real_data {
            return Some(generate_exercise(&settings).map(Arc::new));
        }
        let loaded = state.data.loaded.get()?;
        Some(generate_exercise_from(&settings, &loaded.data).map(Arc::new))
    });
    // Real cases are never saved: without the loaded data they cannot be rebuilt, so back to the setup.
    Effect::new(move |_| {
        let real_data = source.with(|s| s.as_ref().is_some_and(|(_, real)| *real));
        if real_data && !state.has_data() {
            progress.set(None);
            state.shell.notices.update(|n| n.push(REAL_CASES_GONE.to_string()));
        }
    });
    // A saved progress that does not fit its exercise (an edited or older entry) starts afresh.
    Effect::new(move |_| {
        let cases = source.with(|s| s.as_ref().map(|(s, _)| s.cases as usize));
        let fits = progress.with_untracked(|p| {
            p.as_ref().is_none_or(|p| Some(p.answers.len()) == cases && p.current as usize <= p.answers.len())
        });
        if !fits {
            progress.update(|p| *p = p.take().map(Progress::restarted));
        }
    });

    view! {
        <h1 tabindex="-1">"Training"</h1>
        <p class="lead">"Classification exercises on generated cases that describe no real person (or, if the trainer chooses, on cases from the loaded data): the answer to each case is the engine's own."</p>
        {move || link_error.get().map(|e| view! {
            <section class="card error-card" role="alert"><h2>"This exercise link cannot be opened"</h2><p class="error-message" id="link-error">{e}</p></section>
        })}
        {move || match exercise.get() {
            None => view! { <setup::Setup/> }.into_any(),
            Some(Err(e)) => view! {
                <section class="card error-card" role="alert">
                    <h2>"No exercise could be made"</h2>
                    <p class="error-message">{e.to_string()}</p>
                    <StartOver/>
                </section>
            }.into_any(),
            Some(Ok(exercise)) => view! { <ExerciseView exercise=exercise/> }.into_any(),
        }}
        <section class="card room" aria-labelledby="room-title">
            <h2 id="room-title">"Room results"</h2>
            <room::RoomResults/>
        </section>
    }
}

/// The exercise's header (what it is, its fingerprint), the trainee's flow and the trainer's tools.
#[component]
fn ExerciseView(exercise: Arc<Exercise>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (summary, mix) = (exercise_summary(&exercise), level_mix_words(&exercise));
    // Real cases come from the loaded data, which `ipvi exercise` does not read: no fingerprint to compare.
    let real_data = state.settings.training.with_untracked(|p| p.as_ref().is_some_and(|p| p.real_data));
    let heading = move || state.settings.training.with(|p| p.as_ref().map_or("The exercise", exercise_heading));
    view! {
        <section class="card exercise-head" aria-labelledby="exercise-title">
            <h2 id="exercise-title">{heading}</h2>
            <p id="exercise-summary">{summary}</p>
            {(!real_data).then(|| view! {
                <p class="fingerprint">"Fingerprint (the same as "<code>"ipvi exercise"</code>" prints for these settings): "<code id="exercise-fingerprint">{exercise_fingerprint(&exercise)}</code></p>
            })}
            <div class="actions"><StartOver/></div>
        </section>
        <flow::TraineeFlow exercise=exercise.clone()/>
        <trainer::TrainerTools exercise=exercise mix=mix/>
    }
}

/// Forgets the exercise and the answers, back to the setup (and off the shared link).
#[component]
fn StartOver() -> impl IntoView {
    let state = expect_context::<AppState>();
    let start_over = move |_| {
        state.settings.training.set(None);
        if query_of(&window().location().hash().unwrap_or_default()).is_some() {
            let _ = window().location().set_hash("#/training");
        }
        state.shell.status.set("The exercise and its answers were cleared.".into());
    };
    view! { <button type="button" class="button" id="start-over" on:click=start_over>"Start over"</button> }
}
