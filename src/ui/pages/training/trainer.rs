//! The trainer's tools: the answer key with an explanation of any case, the key file for the
//! room results, and printable case cards (one per page) and answer key.

use super::explain::Explain;
use super::flow::CaseCardView;
use crate::ui::io::download;
use crate::ui::layout::ScrollBox;
use crate::ui::pages::classify::badge;
use ipvi::training::exercise::{exercise_extracts, feedback, Exercise};
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq, Eq)]
enum PrintView {
    Cards,
    Key,
}

#[component]
pub fn TrainerTools(exercise: Arc<Exercise>, mix: String) -> impl IntoView {
    let print = RwSignal::new(None::<PrintView>);
    let explained = RwSignal::new(None::<usize>);
    let key_file = exercise_extracts(&exercise).into_iter().find(|f| f.name == "key.csv");
    let save_key = move |_| {
        if let Some(f) = &key_file {
            download("key.csv", "text/csv", &f.bytes);
        }
    };
    let ex = exercise.clone();
    view! {
        <section class="card trainer" aria-labelledby="trainer-title">
            <details>
                <summary><h2 id="trainer-title" class="inline-heading">"For the trainer: case cards, answer key, explanations"</h2></summary>
                <p>{mix}</p>
                <div class="actions">
                    <button type="button" class="button" id="print-cards" on:click=move |_| print.set(Some(PrintView::Cards))>"Print case cards"</button>
                    <button type="button" class="button" id="print-key" on:click=move |_| print.set(Some(PrintView::Key))>"Print answer key"</button>
                    <button type="button" class="button" id="save-key" on:click=save_key>"Save the answer key (key.csv)"</button>
                </div>
                <KeyTable exercise=exercise.clone() explained=explained/>
                {move || explained.get().map(|i| {
                    let case = ex.cases[i].clone();
                    view! {
                        <h3>{format!("Explain {}", case.id)}</h3>
                        <Explain case=case criteria=ex.settings.criteria.clone()/>
                    }
                })}
            </details>
        </section>
        {move || print.get().map(|view| view! { <PrintSheet exercise=exercise.clone() view=view print=print/> })}
    }
}

/// The key: each case's level, the engine's reason and the facts it hinges on.
#[component]
fn KeyTable(exercise: Arc<Exercise>, explained: RwSignal<Option<usize>>) -> impl IntoView {
    let rows = exercise
        .cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let hinges = if case.key.decisive.is_empty() {
                feedback(case, case.key.level).threshold
            } else {
                case.key.decisive.iter().map(|d| d.words.as_str()).collect::<Vec<_>>().join(" ")
            };
            view! {
                <tr>
                    <th scope="row">{case.id.clone()}</th>
                    <td>{badge(case.key.level)}</td>
                    <td class="reason">{case.key.reason.clone()}</td>
                    <td class="reason">{hinges}</td>
                    <td class="no-print"><button type="button" class="button small" aria-label=format!("Explain {}", case.id)
                        on:click=move |_| explained.set(Some(i))>"Explain"</button></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollBox label="The answer key">
        <table class="data-table answer-key">
            <caption>"The answer key: the engine's level as of the decision date"</caption>
            <thead><tr><th scope="col">"Case"</th><th scope="col">"Level"</th><th scope="col">"Why"</th><th scope="col">"What it hinges on"</th><th scope="col" class="no-print"><span class="visually-hidden">"Explain"</span></th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
        </ScrollBox>
    }
}

/// What the print stylesheet prints alone: every case card (one per page) or the answer key.
#[component]
fn PrintSheet(exercise: Arc<Exercise>, view: PrintView, print: RwSignal<Option<PrintView>>) -> impl IntoView {
    let title = match view {
        PrintView::Cards => "Case cards",
        PrintView::Key => "Answer key",
    };
    let settings = format!("Exercise {}", exercise.settings.to_fragment());
    let body = match view {
        PrintView::Cards => exercise
            .cases
            .iter()
            .map(|case| view! { <div class="print-page"><CaseCardView case=case.clone()/></div> })
            .collect_view()
            .into_any(),
        PrintView::Key => view! { <KeyTable exercise=exercise.clone() explained=RwSignal::new(None)/> }.into_any(),
    };
    view! {
        <section class="card print-view" id="print-view" aria-labelledby="print-title">
            <h2 id="print-title">{title}</h2>
            <p class="note">{settings}</p>
            <div class="actions">
                <button type="button" class="button primary" on:click=move |_| { let _ = window().print(); }>"Print"</button>
                <button type="button" class="button" on:click=move |_| print.set(None)>"Close"</button>
            </div>
            {body}
        </section>
    }
}
