//! One person's events (from the engine's timeline) as a strip and a table, in a dialog that
//! opens where the user is, takes the focus and gives it back on close.

use super::badge;
use crate::ui::layout::ScrollBox;
use crate::ui::state::AppState;
use ipvi::classify::timeline::{person_timeline, Event, Lane};
use ipvi::model::{long_date, Day, Level};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The strip's colour of a level (white: no level).
fn fill(level: Option<Level>) -> &'static str {
    match level {
        Some(Level::A) => "#b30000",
        Some(Level::B) => "#e34a33",
        Some(Level::C) => "#fc8d59",
        Some(Level::D) => "#fdcc8a",
        None => "#ffffff",
    }
}

/// The strip's height of a lane: incidents in the middle, notifications above, the rest below.
fn lane_y(lane: Lane) -> &'static str {
    match lane {
        Lane::Notifications => "14",
        Lane::Incidents => "30",
        Lane::ServicesAndSanctions => "46",
    }
}

#[component]
pub fn Timeline(selected: RwSignal<Option<u32>>) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // What had the focus when the timeline opened: it gets it back when the timeline closes.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |_| {
        let open = selected.get().is_some();
        let Some(d) = dialog.get() else { return };
        if open && !d.open() {
            let active = document().active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            opener.set_value(active);
            let _ = d.show_modal();
        } else if !open && d.open() {
            d.close();
        }
    });
    // Closed by its button, by Escape or by the effect above.
    let on_close = move |_| {
        selected.set(None);
        if let Some(e) = opener.try_update_value(Option::take).flatten() {
            let _ = e.focus();
        }
    };
    view! {
        <dialog class="timeline-dialog" id="timeline" node_ref=dialog aria-labelledby="timeline-title" on:close=on_close>
            <TimelineBody selected=selected/>
        </dialog>
    }
}

#[component]
fn TimelineBody(selected: RwSignal<Option<u32>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let person = selected.get()?;
        let c = state.classified.get()?;
        let events: Vec<Event> = person_timeline(&c.data, &c.result, person);
        let (first, last) = (events.first()?.day, events.last()?.day.max(events.first()?.day + 1));
        let x = move |day: Day| 10.0 + 780.0 * f64::from(day - first) / f64::from(last - first);
        let name = c.data.people.name(person).to_string();
        Some(view! {
            <section class="timeline">
                <div class="file-head">
                    <h2 id="timeline-title">"Timeline of " {name}</h2>
                    <button type="button" class="button small" autofocus on:click=move |_| selected.set(None)>"Close"</button>
                </div>
                <svg viewBox="0 0 800 54" class="timeline-strip" role="img" aria-label=format!("{} events from {} to {}", events.len(), long_date(first), long_date(last))>
                    <line x1="10" y1="30" x2="790" y2="30" stroke="#59616d"/>
                    {events.iter().map(|e| view! {
                        <circle cx=format!("{:.1}", x(e.day)) cy=lane_y(e.lane()) r="5" fill=fill(e.level) stroke="#1d2127"><title>{format!("{} {}", long_date(e.day), e.words())}</title></circle>
                    }).collect_view()}
                </svg>
                // The dates as text under the strip, not in it: the strip shrinks with the window.
                <p class="timeline-ends" aria-hidden="true"><span>{long_date(first)}</span><span>{long_date(last)}</span></p>
                <p class="hint">"Middle line: incidents; above: notifications; below: services and sanctions. Colours are levels."</p>
                <ScrollBox label="Timeline events">
                <table class="data-table">
                    <thead><tr><th scope="col">"Date"</th><th scope="col">"Event"</th><th scope="col">"Level"</th><th scope="col">"Why"</th></tr></thead>
                    <tbody>
                        {events.into_iter().map(|e| view! {
                            <tr><td>{long_date(e.day)}</td><td>{e.words()}</td><td>{e.level.map(|l| badge(Some(l)))}</td><td class="reason">{e.why}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </ScrollBox>
            </section>
        })
    }
}
