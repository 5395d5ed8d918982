//! The criteria being edited against a preset: who changes level.

use super::{as_of, badge};
use crate::ui::format::count;
use crate::ui::layout::ScrollBox;
use crate::ui::state::AppState;
use ipvi::classify::report::{compare, standings};
use ipvi::classify::{classify, Classification, Criteria, NotificationMode};
use leptos::prelude::*;
use std::sync::Arc;

/// A preset's classification, compared by identity.
#[derive(Clone)]
struct OtherResult(Arc<Classification>, Criteria);

impl PartialEq for OtherResult {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The criteria being edited against a preset: who changes level.
#[component]
pub fn WhatIf() -> impl IntoView {
    let state = expect_context::<AppState>();
    let other = RwSignal::new(String::from("RFGV priority score"));
    // The other set's levels change only with the data, the preset or the notification mode,
    // not with each edit of the criteria.
    let other_result = Memo::new(move |_| {
        let loaded = state.data.loaded.get()?;
        let criteria = Criteria::preset(&other.get())?;
        let mode = NotificationMode::choose(&loaded.data, state.settings.simulate.get());
        Some(OtherResult(Arc::new(classify(&loaded.data, &criteria, mode)), criteria))
    });
    move || {
        let c = state.classified.get()?;
        let day = as_of(state, &c)?;
        let OtherResult(other_result, other_criteria) = other_result.get()?;
        let mine = standings(&c.result, day);
        let theirs = standings(&other_result, day);
        let cmp = compare(&mine, &theirs);
        let labels = ["D", "C", "B", "A", "none"];
        let order = [3usize, 2, 1, 0, 4];
        Some(view! {
            <section class="card" aria-labelledby="whatif-title">
                <h2 id="whatif-title">"What if: compare with another criteria set"</h2>
                <label for="what-if-other">"Compare \"" {c.criteria.name.clone()} "\" (as edited) with"</label>" "
                <select id="what-if-other" on:change=move |ev| other.set(event_target_value(&ev))>
                    {Criteria::presets().into_iter().map(|p| { let selected = p.name == other.get_untracked(); view! { <option value=p.name.clone() selected=selected>{p.name.clone()}</option> } }).collect_view()}
                </select>
                <ScrollBox label="People by level, as edited and under the other criteria">
                <table class="data-table cross">
                    <caption>"People by level: rows as edited, columns under " {other_criteria.name.clone()}</caption>
                    <thead><tr><th scope="col">"as edited \\ other"</th>{order.iter().map(|&j| view! { <th scope="col" class="num">{labels[j]}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {order.iter().map(|&i| view! {
                            <tr><th scope="row">{labels[i]}</th>{order.iter().map(|&j| view! { <td class="num" class:diagonal=i == j>{count(cmp.cells[i][j])}</td> }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </ScrollBox>
                <p id="what-if-changed">{format!("{} of {} people change level.", count(cmp.changed.len()), count(mine.len()))}</p>
                <ul class="changed">
                    {cmp.changed.iter().take(20).map(|(p, a, b)| view! {
                        <li>{c.data.people.name(*p).to_string()} ": " {badge(*a)} " → " {badge(*b)}</li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
