//! The people classified as of the date: search, level filter, sort and pages, each with the
//! reason for their level.

use super::badge;
use crate::ui::format::count;
use crate::ui::layout::ScrollBox;
use crate::ui::state::AppState;
use ipvi::classify::reason;
use ipvi::classify::report::{sorted_rows, Standing};
use ipvi::model::{long_date, Day, Level};
use leptos::prelude::*;
use std::cmp::Reverse;

const PAGE_SIZE: usize = 25;

#[component]
pub fn PersonTable(selected: RwSignal<Option<u32>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let search = RwSignal::new(String::new());
    let level = RwSignal::new(String::from("all"));
    let sort = RwSignal::new(String::from("level"));
    let page = RwSignal::new(0usize);
    // The rows, as places in the standings: filtered on each edit, but ordered only as far as
    // the page shown (a million-incident data set has a quarter of a million people; sorting
    // them all on each criteria edit took longer than the rest of the redraw).
    let rows = Memo::new(move |_| {
        let levels = state.levels.get()?;
        let (c, standings) = (levels.classified, levels.standings);
        let needle = search.get().trim().to_lowercase();
        let wanted = level.get();
        let order = (0..standings.len() as u32).filter(|&i| {
            let s = &standings[i as usize];
            (needle.is_empty() || c.data.people.name(s.person).to_lowercase().contains(&needle))
                && (wanted == "all" || s.level.map(Level::letter) == Some(wanted.as_str()))
        });
        let rows = match sort.get().as_str() {
            "id" => {
                let mut order: Vec<u32> = order.collect();
                order.sort_by_key(|&i| c.data.people.name(standings[i as usize].person));
                Rows::Sorted(order)
            }
            "incidents" => Rows::keyed(order, &standings, |s| s.incidents as u64),
            "recent" => Rows::keyed(order, &standings, |s| (i64::from(s.since) - i64::from(Day::MIN)) as u64),
            _ => Rows::keyed(order, &standings, |s| {
                (s.level.map_or(0, |l| l.index() as u64 + 1) << 40) | s.incidents as u64
            }),
        };
        Some((c, standings, rows))
    });
    let reset = move || page.set(0);
    view! {
        <section class="card" aria-labelledby="people-title">
            <h2 id="people-title">"People"</h2>
            <div class="filters">
                <label>"Search id " <input type="search" id="person-search" prop:value=move || search.get() on:input=move |ev| { search.set(event_target_value(&ev)); reset(); }/></label>
                // Labels beside their selects, not around them: a label holding a select is read
                // with every option ("Level allABCD").
                <span><label for="level-filter">"Level"</label>" "<select id="level-filter" on:change=move |ev| { level.set(event_target_value(&ev)); reset(); }>
                    <option value="all">"all"</option>
                    {Level::ALL.iter().rev().map(|l| view! { <option value=l.letter()>{l.letter()}</option> }).collect_view()}
                </select></span>
                <span><label for="people-sort">"Sort by"</label>" "<select id="people-sort" on:change=move |ev| { sort.set(event_target_value(&ev)); reset(); }>
                    <option value="level">"level, then incidents"</option>
                    <option value="id">"id"</option>
                    <option value="incidents">"incidents"</option>
                    <option value="recent">"most recent level"</option>
                </select></span>
            </div>
            {move || rows.with(|r| r.as_ref().map(|(c, standings, list)| {
                let pages = list.len().div_ceil(PAGE_SIZE).max(1);
                let at = page.get().min(pages - 1);
                let (first_page, last_page) = (at == 0, at + 1 == pages);
                // Made first: the scroll box takes only what it can keep.
                let table = view! {
                    <table class="data-table people">
                        <caption>{format!("{} people; page {} of {}", count(list.len()), at + 1, pages)}</caption>
                        <thead><tr><th scope="col">"Person"</th><th scope="col">"Level"</th><th scope="col">"Why"</th><th scope="col">"Since"</th><th scope="col" class="num">"IPV incidents"</th></tr></thead>
                        <tbody>
                            {list.page(at).into_iter().map(|i| {
                                let s = &standings[i as usize];
                                let person = s.person;
                                let name = c.data.people.name(person).to_string();
                                view! {
                                    <tr>
                                        <th scope="row"><button type="button" class="link" on:click=move |_| selected.set(Some(person))>{name}</button></th>
                                        <td>{badge(s.level)}</td>
                                        <td class="reason">{reason(&s.step, &c.criteria)}</td>
                                        <td>{long_date(s.since)}</td>
                                        <td class="num">{s.incidents}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                };
                view! {
                    <ScrollBox label="People">{table}</ScrollBox>
                    <div class="pager">
                        <button type="button" class="button small" disabled=first_page on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"Previous"</button>
                        <button type="button" class="button small" disabled=last_page on:click=move |_| page.set(at + 1)>"Next"</button>
                    </div>
                }
            }))}
        </section>
    }
}

/// The rows of the table as places in the standings, in the order chosen.
#[derive(PartialEq)]
enum Rows {
    /// All sorted.
    Sorted(Vec<u32>),
    /// Each with its key, not sorted: the order is by key, largest first, then by place
    /// (person-id order, the standings' own, as a stable sort would leave equal keys).
    Keyed(Vec<(Reverse<u64>, u32)>),
}

impl Rows {
    fn keyed(order: impl Iterator<Item = u32>, standings: &[Standing], key: impl Fn(&Standing) -> u64) -> Rows {
        Rows::Keyed(order.map(|i| (Reverse(key(&standings[i as usize])), i)).collect())
    }

    fn len(&self) -> usize {
        match self {
            Rows::Sorted(order) => order.len(),
            Rows::Keyed(keyed) => keyed.len(),
        }
    }

    /// The places on page `at`: only the rows up to its end are put in order.
    fn page(&self, at: usize) -> Vec<u32> {
        let (start, end) = ((at * PAGE_SIZE).min(self.len()), ((at + 1) * PAGE_SIZE).min(self.len()));
        match self {
            Rows::Sorted(order) => order[start..end].to_vec(),
            Rows::Keyed(keyed) => sorted_rows(keyed, start, end),
        }
    }
}
