//! The Training page (scaffolding for the room-results branch: the Training page's own mod.rs
//! replaces this file at merge).

mod room;

use leptos::prelude::*;

#[component]
pub fn TrainingPage() -> impl IntoView {
    view! {
        <h1 tabindex="-1">"Training"</h1>
        <section class="card" aria-labelledby="room-title">
            <h2 id="room-title">"Room results"</h2>
            <room::RoomResults/>
        </section>
    }
}
