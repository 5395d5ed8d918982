use leptos::prelude::*;

/// What the app does with data, in plain words.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! {
        <h1 tabindex="-1">"Privacy: what happens to your data"</h1>
        <section class="card prose">
            <p><strong>"Your files never leave this computer."</strong>
               " IPVI Workbench is a static web page. Everything it does (reading your extracts, classifying
               offenders, computing outcomes, drawing charts, writing exports) happens inside this browser tab."</p>
            <ul>
                <li>"Files are read from your disk with the browser's file reader; they are not uploaded."</li>
                <li>"The page makes no network request after its own files have loaded: no analytics, no web fonts,
                    no outside scripts. A Content Security Policy in the page forbids connections to other sites."</li>
                <li>"Loaded data stays in this tab's memory and is gone when you close or reload the tab."</li>
                <li>"Settings (such as criteria, column mappings and demo parameters) are kept in this browser's local
                    storage so that they survive a reload. They contain no records from your files."</li>
                <li>"Exports are written by the browser as files you choose to save; spreadsheet formulas in cells are
                    neutralised so that opening an export cannot run anything."</li>
                <li>"The demo jurisdiction is generated in this browser from a seed: it describes no real person."</li>
            </ul>
            <p>"To remove saved settings, clear this site's data in your browser's settings."</p>
        </section>
    }
}
