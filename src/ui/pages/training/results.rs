//! The trainee's results at the end: the score, the table of answers chosen against the
//! correct ones, and the cases to review with their feedback.

use super::flow::{CaseCardView, FeedbackView};
use crate::ui::layout::ScrollBox;
use crate::ui::state::AppState;
use ipvi::training::answers::Answer;
use ipvi::training::exercise::Exercise;
use ipvi::training::session::{score, score_words, to_review};
use leptos::prelude::*;
use std::sync::Arc;

/// An answer as a button or a table heading shows it.
pub fn answer_label(answer: Answer) -> &'static str {
    match answer {
        Answer::NoLevel => "No level",
        other => other.word(),
    }
}

#[component]
pub fn Results(exercise: Arc<Exercise>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(progress) = state.settings.training.get_untracked() else { return ().into_any() };
    let result = score(&exercise, &progress);
    let review = to_review(&exercise, &progress);
    let header = Answer::ALL.map(|a| view! { <th scope="col" class="num">{answer_label(a)}</th> });
    let rows = Answer::ALL
        .map(|chosen| {
            let cells = Answer::ALL.map(|correct| {
                let n = result.confusion.counts[chosen.index()][correct.index()];
                view! { <td class="num" class:diagonal=chosen == correct>{n}</td> }
            });
            view! { <tr data-chosen=chosen.word()><th scope="row">{answer_label(chosen)}</th>{cells}</tr> }
        })
        .to_vec();
    let criteria = exercise.settings.criteria.clone();
    let reviewed = review
        .iter()
        .map(|&i| {
            let case = exercise.cases[i].clone();
            let chosen = progress.answers[i].unwrap_or(Answer::NoLevel);
            view! {
                <li class="review">
                    <CaseCardView case=case.clone()/>
                    <FeedbackView case=case chosen=chosen criteria=criteria.clone()/>
                </li>
            }
        })
        .collect_view();
    view! {
        <h3>"Your score"</h3>
        <p class="finding" id="score">{score_words(&result)}</p>
        <ScrollBox label="Your answers against the correct answers">
        <table class="data-table cross" id="confusion">
            <caption>"Your answers (rows) against the correct answers (columns)"</caption>
            <thead><tr><th scope="col">"You chose"</th>{header}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
        </ScrollBox>
        <h3>"Cases to review"</h3>
        {if review.is_empty() {
            view! { <p id="no-review">"None: every answer matches the key."</p> }.into_any()
        } else {
            view! { <ol class="review-list" id="review-list">{reviewed}</ol> }.into_any()
        }}
    }
    .into_any()
}
