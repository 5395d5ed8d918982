//! The trainee's way through the cases: one case card at a time, a choice by mouse or key
//! (d, c, b, a, n), the engine's feedback at once, then the next case (Enter); at the end the
//! score. Progress is saved after every answer, so a reload continues where the trainee was.

use super::explain::Explain;
use super::results::{answer_label, Results};
use crate::ui::io::download;
use crate::ui::state::AppState;
use ipvi::training::answers::Answer;
use ipvi::training::exercise::{card, feedback, Case, Exercise};
use ipvi::training::session::{answers_file_name, progress_answers_csv};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The choices in the order the card asks for them, with their keys.
const CHOICES: [(Answer, &str); 5] =
    [(Answer::D, "d"), (Answer::C, "c"), (Answer::B, "b"), (Answer::A, "a"), (Answer::NoLevel, "n")];

/// Moves the focus to the "Next case" button once it is drawn, so that Enter presses it.
fn focus_next_button() {
    request_animation_frame(|| {
        if let Some(button) = document().get_element_by_id("next-case") {
            let _ = button.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}

#[component]
pub fn TraineeFlow(exercise: Arc<Exercise>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let progress = state.settings.training;
    let current = Memo::new(move |_| progress.with(|p| p.as_ref().map_or(0, |p| p.current as usize)));
    let chosen = Memo::new(move |_| progress.with(|p| p.as_ref().and_then(|p| p.current_answer())));
    let finished = Memo::new(move |_| progress.with(|p| p.as_ref().is_some_and(|p| p.finished())));
    let answer = move |a: Answer| {
        if chosen.get_untracked().is_none() && !finished.get_untracked() {
            progress.update(|p| p.iter_mut().for_each(|p| p.answer(a)));
            focus_next_button();
        }
    };
    let next = move || {
        if chosen.get_untracked().is_some() {
            progress.update(|p| p.iter_mut().for_each(|p| p.next()));
        }
    };
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let tag = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|e| e.tag_name());
        let tag = tag.as_deref().unwrap_or("");
        if matches!(tag, "INPUT" | "TEXTAREA" | "SELECT") {
            return;
        }
        let key = ev.key().to_lowercase();
        if key == "enter" {
            // A focused button or link answers Enter itself.
            if !matches!(tag, "BUTTON" | "A") && chosen.get_untracked().is_some() {
                ev.prevent_default();
                next();
            }
        } else if let Some((a, _)) = CHOICES.iter().find(|(_, k)| *k == key) {
            answer(*a);
        }
    });
    on_cleanup(move || keys.remove());
    let total = exercise.cases.len();
    let ex = exercise.clone();
    view! {
        <section class="card trainee" aria-labelledby="trainee-title">
            <h2 id="trainee-title">"Your answers"</h2>
            <NameAndSave exercise=exercise.clone()/>
            {move || {
                let at = current.get();
                if finished.get() {
                    return view! { <Results exercise=ex.clone()/> }.into_any();
                }
                let case = ex.cases[at].clone();
                let criteria = ex.settings.criteria.clone();
                view! {
                    <p class="case-progress" id="case-progress">{format!("Case {} of {total}", at + 1)}</p>
                    <CaseCardView case=case.clone()/>
                    <div class="choices" role="group" aria-label="Your answer">
                        {CHOICES.into_iter().map(|(a, key)| view! {
                            <button type="button" class="button choice" data-answer=a.word()
                                    aria-keyshortcuts=key
                                    aria-pressed=move || (chosen.get() == Some(a)).to_string()
                                    prop:disabled=move || chosen.get().is_some()
                                    on:click=move |_| answer(a)>
                                {answer_label(a)}" "<kbd>{key}</kbd>
                            </button>
                        }).collect_view()}
                    </div>
                    <p class="hint">"Choose with the mouse or the keys d, c, b, a and n; after the feedback, Enter goes on."</p>
                    {move || chosen.get().map(|a| view! {
                        <FeedbackView case=case.clone() chosen=a criteria=criteria.clone()/>
                        <button type="button" class="button primary" id="next-case" on:click=move |_| next()>
                            {if at + 1 == total { "See my score" } else { "Next case" }}" "<kbd>"Enter"</kbd>
                        </button>
                    })}
                }.into_any()
            }}
        </section>
    }
}

/// The trainee's name (it goes in the answers file) and "Save my answers".
#[component]
fn NameAndSave(exercise: Arc<Exercise>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let progress = state.settings.training;
    let problem = RwSignal::new(None::<&'static str>);
    let save = move |_| {
        let Some(p) = progress.get_untracked() else { return };
        if p.trainee.trim().is_empty() {
            problem.set(Some("Type your name first: it goes in the answers file."));
            return;
        }
        problem.set(None);
        let name = answers_file_name(p.settings.seed, &p.trainee);
        download(&name, "text/csv", &progress_answers_csv(&exercise, &p));
        state.shell.status.set(format!("Saved {name}."));
    };
    view! {
        <div class="trainee-name">
            <label for="trainee-name">"Your name (for the answers file) "</label>
            <input type="text" id="trainee-name" autocomplete="off"
                   prop:value=move || progress.with(|p| p.as_ref().map(|p| p.trainee.clone()).unwrap_or_default())
                   on:input=move |ev| { let name = event_target_value(&ev); progress.update(|p| p.iter_mut().for_each(|p| p.trainee = name.clone())); }/>
            <button type="button" class="button" id="save-answers" on:click=save>"Save my answers"</button>
            {move || problem.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </div>
    }
}

/// A case card: the question, then the dated incidents and notifications in the engine's words.
#[component]
pub fn CaseCardView(case: Case) -> impl IntoView {
    let c = card(&case);
    view! {
        <article class="case-card" aria-label=c.title.clone()>
            <h3>{c.title.clone()}</h3>
            <p class="question">{c.question}</p>
            <table class="data-table case-rows">
                <thead><tr><th scope="col">"Date"</th><th scope="col">"What happened"</th></tr></thead>
                <tbody>
                    {c.rows.into_iter().map(|r| view! { <tr><td class="date">{r.date}</td><td>{r.words}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </article>
    }
}

/// The engine's feedback on an answer, with the step-by-step explanation on request.
#[component]
pub fn FeedbackView(case: Case, chosen: Answer, criteria: ipvi::classify::Criteria) -> impl IntoView {
    let f = feedback(&case, chosen.level());
    let explaining = RwSignal::new(false);
    view! {
        <div class="feedback" class:correct=f.correct class:wrong=!f.correct role="status">
            <p class="verdict">{f.verdict}</p>
            <p><strong>"Why: "</strong><span class="key-reason">{f.reason}</span></p>
            <p class="threshold">{f.threshold}</p>
            {f.missed.map(|m| view! { <p class="missed"><strong>"The fact you may have missed: "</strong>{m}</p> })}
            <button type="button" class="button small" aria-expanded=move || explaining.get().to_string()
                    on:click=move |_| explaining.update(|e| *e = !*e)>"Explain"</button>
            <Show when=move || explaining.get()>
                <Explain case=case.clone() criteria=criteria.clone()/>
            </Show>
        </div>
    }
}
