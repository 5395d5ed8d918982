//! Explain mode: a case's history incident by incident, with the level after each step and the
//! engine's reason, then the level as of the decision date.

use crate::ui::pages::classify::badge;
use ipvi::classify::Criteria;
use ipvi::training::exercise::{explain, Case};
use leptos::prelude::*;

#[component]
pub fn Explain(case: Case, criteria: Criteria) -> impl IntoView {
    let steps = explain(&case, &criteria);
    let last = steps.len().saturating_sub(1);
    let at = RwSignal::new(0usize);
    let list = steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let level = step.level;
            view! {
                <li aria-current=move || (at.get() == i).then_some("step") class:current-step=move || at.get() == i
                    hidden=move || { i > at.get() }>
                    {badge(level)}" "{step.words.clone()}
                </li>
            }
        })
        .collect_view();
    let shown = steps.clone();
    view! {
        <div class="explain" aria-label=format!("Explain {}", case.id)>
            <p class="explain-step" aria-live="polite">
                {move || format!("Step {} of {}: ", at.get() + 1, last + 1)}
                {move || shown[at.get()].words.clone()}
            </p>
            <div class="actions">
                <button type="button" class="button small" prop:disabled=move || at.get() == 0
                        on:click=move |_| at.update(|i| *i = i.saturating_sub(1))>"Previous step"</button>
                <button type="button" class="button small" prop:disabled=move || { at.get() >= last }
                        on:click=move |_| at.update(|i| *i = (*i + 1).min(last))>"Next step"</button>
            </div>
            <ol class="explain-steps">{list}</ol>
        </div>
    }
}
