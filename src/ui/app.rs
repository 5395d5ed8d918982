//! The shell: header, navigation, notices, the current page, footer.

use super::pages::{
    classify::ClassifyPage, data::DataPage, outcomes::OutcomesPage, privacy::PrivacyPage, report::ReportPage,
    training::TrainingPage,
};
use super::state::{route_of, AppState, Page, Route};
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);

    let follow_hash = move || match route_of(&window().location().hash().unwrap_or_default()) {
        Route::Page(page) => state.shell.page.set(page),
        Route::DebugPanic => panic!("deliberate panic requested by the #/debug/panic address"),
    };
    follow_hash();
    let listener = window_event_listener(leptos::ev::hashchange, move |_| follow_hash());
    on_cleanup(move || listener.remove());
    let announcement = announce_page_changes(state);

    view! {
        // The address's fragment names the page, so the link moves the focus itself.
        <a class="skip-link" href="#main" on:click=|ev| { ev.prevent_default(); focus("#main"); }>"Skip to content"</a>
        <header class="site-header">
            <div class="brand">
                // The mark drawn inline: an image file would be a request the single file cannot make.
                <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
                    <rect width="32" height="32" rx="6" fill="#b30000"/>
                    <rect x="5" y="18" width="5" height="9" fill="#fdcc8a"/>
                    <rect x="11" y="13" width="5" height="14" fill="#fc8d59"/>
                    <rect x="17" y="9" width="5" height="18" fill="#e34a33" stroke="#fff" stroke-width="1"/>
                    <rect x="23" y="5" width="5" height="22" fill="#fff"/>
                </svg>
                <span class="product">{ipvi::PRODUCT}</span>
                <span class="tagline">"Evaluate the Intimate Partner Violence Intervention on your own data"</span>
            </div>
            <Nav/>
        </header>
        <DemoBanner/>
        <Notices/>
        <p class="status" role="status" aria-live="polite">{move || state.shell.status.get()}</p>
        <p class="visually-hidden" id="page-announcement" aria-live="polite">{move || announcement.get()}</p>
        <main id="main" tabindex="-1">
            {move || match state.shell.page.get() {
                Page::Data => view! { <DataPage/> }.into_any(),
                Page::Classify => view! { <ClassifyPage/> }.into_any(),
                Page::Outcomes => view! { <OutcomesPage/> }.into_any(),
                Page::Training => view! { <TrainingPage/> }.into_any(),
                Page::Privacy => view! { <PrivacyPage/> }.into_any(),
                Page::Report => view! { <ReportPage/> }.into_any(),
            }}
        </main>
        <footer class="site-footer">
            <span>{format!("{} {}", ipvi::PRODUCT, ipvi::VERSION)}</span>
            " · Runs entirely in this browser: no data leaves this computer. "
            <a href="#/privacy">"Privacy"</a>
            {move || state.shell.timings.get().line().map(|line| view! { <span class="timings" id="timings">{line}</span> })}
        </footer>
    }
}

/// Focuses the first element that matches `selector`, if there is one.
fn focus(selector: &str) {
    let found = document().query_selector(selector).ok().flatten();
    if let Some(element) = found.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
        let _ = element.focus();
    }
}

/// After a change of page (not on the first), its heading takes the focus and a polite live
/// region names the page: without that a screen reader stays on the link and says nothing new.
fn announce_page_changes(state: AppState) -> ReadSignal<String> {
    let (announcement, announce) = signal(String::new());
    Effect::new(move |shown: Option<Page>| {
        let page = state.shell.page.get();
        if shown.is_some_and(|shown| shown != page) {
            announce.set(format!("{} page", page.title()));
            // At the next frame the new page is on the screen with its heading.
            request_animation_frame(|| focus("#main > h1"));
        }
        page
    });
    announcement
}

#[component]
fn Nav() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <nav aria-label="Pages">
            <ul>
                {Page::ALL.into_iter().map(|page| {
                    let current = move || state.shell.page.get() == page;
                    let waiting = move || page.needs_data() && !state.has_data();
                    view! {
                        <li>
                            <a href=page.href()
                               class:current=current
                               class:waiting=waiting
                               aria-current=move || current().then_some("page")
                               title=move || waiting().then_some("Load data first")>
                                {page.title()}
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn DemoBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    let is_demo = move || state.data.loaded.with(|l| l.as_ref().is_some_and(|l| l.is_demo()));
    view! {
        <Show when=is_demo>
            <div class="demo-banner" role="note">
                <strong>"Demo jurisdiction: synthetic data."</strong>
                " No real person is described; the effects were planted by the generator."
            </div>
        </Show>
    }
}

#[component]
fn Notices() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <For each=move || state.shell.notices.get().into_iter().enumerate() key=|(i, text)| (*i, text.clone()) let((i, text))>
            <div class="notice" role="alert">
                <span>{text}</span>
                <button type="button" on:click=move |_| state.shell.notices.update(|n| { if i < n.len() { n.remove(i); } })>
                    "Dismiss"
                </button>
            </div>
        </For>
    }
}
