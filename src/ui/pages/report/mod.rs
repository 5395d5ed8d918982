//! The Report page: the evaluation report as the engine writes it (`ipvi::report::article`, the
//! same text `ipvi report` saves), with the controls that shape it and the project file. Printing
//! the page prints the report alone (style/print.css).

mod controls;
mod input;
mod project_card;

use crate::ui::layout::{add_scroll_boxes, mark_scrolling, watch_size};
use crate::ui::pages::placeholder::NeedsData;
use crate::ui::state::{AppState, Page};
use controls::ReportControls;
use input::Inputs;
use ipvi::report::article;
use leptos::html::Div;
use leptos::prelude::*;
use project_card::ProjectCard;
use wasm_bindgen::JsCast;

/// The report's contents link to its parts (`#methods`); in the app the address's fragment names
/// the page, so such a link scrolls to its part instead of leaving the page.
fn follow_contents(ev: leptos::ev::MouseEvent) {
    let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let Some(link) = target.and_then(|t| t.closest("a[href^='#']").ok().flatten()) else { return };
    ev.prevent_default();
    let id = link.get_attribute("href").unwrap_or_default();
    if let Some(part) = document().get_element_by_id(id.trim_start_matches('#')) {
        part.scroll_into_view();
    }
}

/// The report itself, in place: the engine's article. Its style sheet (`src/report/report.css`)
/// is one of the page's own (index.html), so no inline style element is needed: the single-file
/// build allows style elements by hash only. The report holds no script.
#[component]
fn ReportView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let html = Memo::new(move |_| Inputs::gather(state).map(|inputs| inputs.with(article)));
    // Its wide tables and charts scroll inside the report, as tab stops while they do.
    let view_ref = NodeRef::<Div>::new();
    Effect::new(move || {
        html.track();
        request_animation_frame(move || {
            if let Some(view) = view_ref.get_untracked() {
                add_scroll_boxes(&view);
                mark_scrolling(&view);
            }
        });
    });
    watch_size(view_ref, mark_scrolling);
    view! {
        <div class="report-view" node_ref=view_ref on:click=follow_contents>
            <Show when=move || html.with(Option::is_none)>
                <p role="status" class="hint">{move || match (state.classifying.get(), state.analysing.get()) {
                    (Some(done), _) => format!("Preparing the report: computing the levels ({:.0}%)…", done * 100.0),
                    (None, Some(done)) => format!("Preparing the report: computing the outcomes ({:.0}%)…", done * 100.0),
                    (None, None) => "Preparing the report…".to_string(),
                }}</p>
            </Show>
            <div inner_html=move || html.get().unwrap_or_default()></div>
        </div>
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <h1 tabindex="-1">"Report"</h1>
        <p class="lead">"The evaluation report: print it, save it as one HTML file, and keep its settings as a project file."</p>
        {move || if state.has_data() {
            view! {
                <ReportControls/>
                <ProjectCard/>
                <ReportView/>
            }.into_any()
        } else {
            view! { <NeedsData page=Page::Report/> }.into_any()
        }}
    }
}
