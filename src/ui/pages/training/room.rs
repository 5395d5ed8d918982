//! Placeholder for the room results (built on another branch; replaced at merge).

use leptos::prelude::*;

#[component]
pub fn RoomResults() -> impl IntoView {
    view! { <p class="note">"Room results: load the answer key and the trainees' answers files (coming with the room results)."</p> }
}
