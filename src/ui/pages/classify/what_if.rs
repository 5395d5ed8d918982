//! The criteria being edited against a preset: the cross table, and every person who changes
//! level, with the reason under each set and a link to their timeline.

use super::badge;
use crate::ui::format::count;
use crate::ui::layout::ScrollBox;
use crate::ui::state::{AppState, ClassifyInput, SlicedClassification};
use ipvi::classify::reason;
use ipvi::classify::report::{compare, sort_changes, standings, ChangeOrder, Standing};
use ipvi::classify::{Classification, Criteria, NotificationMode};
use leptos::prelude::*;
use std::sync::Arc;

const PAGE_SIZE: usize = 25;

/// A preset's classification, compared by identity.
#[derive(Clone)]
struct OtherResult(Arc<Classification>, Criteria);

impl PartialEq for OtherResult {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The preset's levels at the date in force, compared by identity.
#[derive(Clone)]
struct OtherLevels(Arc<Vec<Standing>>, Criteria);

impl PartialEq for OtherLevels {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

fn order_of(value: &str) -> ChangeOrder {
    match value {
        "first" => ChangeOrder::FirstLevel,
        "second" => ChangeOrder::SecondLevel,
        "id" => ChangeOrder::Id,
        _ => ChangeOrder::LargestShift,
    }
}

/// The criteria being edited against a preset: who changes level, and why.
#[component]
pub fn WhatIf(selected: RwSignal<Option<u32>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let other = RwSignal::new(String::from("RFGV priority score"));
    let order = RwSignal::new(String::from("shift"));
    let page = RwSignal::new(0usize);
    // Computed only once the section is opened: a second classification, its levels and the
    // comparison are as much work again as the page's own levels.
    let open = RwSignal::new(false);
    // The other set's levels change only with the data, the preset or the notification mode,
    // not with each edit of the criteria; computed in slices as the page's own levels are.
    let job = SlicedClassification::new(None, state.settings.as_of);
    let other_result = Memo::new(move |_| {
        let Some(loaded) = state.data.loaded.get().filter(|_| open.get()) else {
            job.cancel();
            return None;
        };
        let criteria = Criteria::preset(&other.get())?;
        let mode = NotificationMode::choose(&loaded.data, state.settings.simulate.get());
        let c = job.get(ClassifyInput { data: loaded.data, criteria, mode })?;
        Some(OtherResult(c.result, c.criteria))
    });
    let progress = move || {
        let done = job.progress().get()?;
        let words = format!("Classifying under {}… {:.0}%", other.get(), 100.0 * done);
        Some(view! { <p class="hint" id="what-if-progress">{words}</p> })
    };
    // The other set's levels at the date: again only when the date or that set changes.
    let day = Memo::new(move |_| state.levels.with(|l| l.as_ref().map(|l| l.day)));
    let theirs = Memo::new(move |_| {
        let OtherResult(other_result, other_criteria) = other_result.get()?;
        let day = day.get()?;
        let theirs = job.standings(&other_result, day).unwrap_or_else(|| Arc::new(standings(&other_result, day)));
        Some(OtherLevels(theirs, other_criteria))
    });
    let compared = Memo::new(move |_| {
        let levels = state.levels.get()?;
        let (c, mine) = (levels.classified, levels.standings);
        let OtherLevels(theirs, other_criteria) = theirs.get()?;
        let mut cmp = compare(&mine, &theirs);
        sort_changes(&mut cmp.changed, order_of(&order.get()), |p| c.data.people.name(p));
        Some((c, mine, theirs, cmp, other_criteria))
    });
    let pages = move || compared.with(|x| x.as_ref().map_or(1, |x| x.3.changed.len().div_ceil(PAGE_SIZE).max(1)));
    let at = move || page.get().min(pages() - 1);
    let other_name = move || compared.with(|x| x.as_ref().map(|x| x.4.name.clone()).unwrap_or_default());
    let cross = move || {
        compared.with(|x| {
            let (_, _, _, cmp, other_criteria) = x.as_ref()?;
            let labels = ["D", "C", "B", "A", "none"];
            let levels = [3usize, 2, 1, 0, 4];
            Some(view! {
                <table class="data-table cross">
                    <caption>"People by level: rows as edited, columns under " {other_criteria.name.clone()}</caption>
                    <thead><tr><th scope="col">"as edited \\ other"</th>{levels.iter().map(|&j| view! { <th scope="col" class="num">{labels[j]}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {levels.iter().map(|&i| view! {
                            <tr><th scope="row">{labels[i]}</th>{levels.iter().map(|&j| view! { <td class="num" class:diagonal=i == j>{count(cmp.cells[i][j])}</td> }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })
        })
    };
    let changed_count = move || {
        compared.with(|x| {
            let (_, mine, _, cmp, _) = x.as_ref()?;
            Some(format!("{} of {} people change level.", count(cmp.changed.len()), count(mine.len())))
        })
    };
    let changes = move || {
        compared.with(|x| {
            let (c, mine, theirs, cmp, other_criteria) = x.as_ref()?;
            let rows = cmp.changed.iter().skip(at() * PAGE_SIZE).take(PAGE_SIZE).map(|change| {
                let person = change.person;
                let name = c.data.people.name(person).to_string();
                let why_mine = reason(&mine[change.first_at].step, &c.criteria);
                let why_theirs = change.second_at.map_or_else(
                    || "no IPV incident by this date".to_string(),
                    |at| reason(&theirs[at].step, other_criteria),
                );
                view! {
                    <tr>
                        <th scope="row"><button type="button" class="link" on:click=move |_| selected.set(Some(person))>{name}</button></th>
                        <td>{badge(change.first)}</td>
                        <td class="reason">{why_mine}</td>
                        <td>{badge(change.second)}</td>
                        <td class="reason">{why_theirs}</td>
                    </tr>
                }
            }).collect_view();
            Some(view! {
                <table class="data-table" id="what-if-changes">
                    <caption>{format!("People who change level (the id opens their timeline); page {} of {}", at() + 1, pages())}</caption>
                    <thead><tr>
                        <th scope="col">"Person"</th>
                        <th scope="col">"As edited"</th><th scope="col">"Why"</th>
                        <th scope="col">{format!("Under {}", other_criteria.name)}</th><th scope="col">"Why"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            })
        })
    };
    let initial_other = other.get_untracked();
    view! {
        <details class="card" id="what-if" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary><h2 id="whatif-title">"What if: compare with another criteria set"</h2></summary>
            <label for="what-if-other">"Compare \"" {move || state.classified.with(|c| c.as_ref().map(|c| c.criteria.name.clone()))} "\" (as edited) with"</label>" "
            <select id="what-if-other" on:change=move |ev| { other.set(event_target_value(&ev)); page.set(0); }>
                {Criteria::presets().into_iter().map(|p| { let selected = p.name == initial_other; view! { <option value=p.name.clone() selected=selected>{p.name.clone()}</option> } }).collect_view()}
            </select>
            <div role="status" aria-live="polite">{progress}</div>
            <ScrollBox label="People by level, as edited and under the other criteria">{cross}</ScrollBox>
            <p id="what-if-changed">{changed_count}</p>
            <p>
                <label for="what-if-order">"Sort the people who change by"</label>" "
                <select id="what-if-order" on:change=move |ev| { order.set(event_target_value(&ev)); page.set(0); }>
                    <option value="shift">"largest change first"</option>
                    <option value="first">"level as edited"</option>
                    <option value="second">{move || format!("level under {}", other_name())}</option>
                    <option value="id">"id"</option>
                </select>
            </p>
            <ScrollBox label="People who change level">{changes}</ScrollBox>
            <div class="pager">
                <button type="button" class="button small" disabled=move || at() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"Previous"</button>
                <button type="button" class="button small" disabled=move || at() + 1 == pages() on:click=move |_| page.set(at() + 1)>"Next"</button>
            </div>
        </details>
    }
}
