//! The Outcomes page: the settings, then each outcome as the engine words it
//! (`ipvi::outcomes::sections`): a finding, charts, tables and how it was computed.

mod areas;
mod section;

use crate::ui::io::download;
use crate::ui::pages::placeholder::NeedsData;
use crate::ui::results_json::SaveResultsJson;
use crate::ui::state::{AppState, Page};
use areas::ComparisonChoice;
use ipvi::ingest::dates::parse_day;
use ipvi::model::iso;
use ipvi::outcomes::sections::sections;
use ipvi::outcomes::{parse_windows, IndexRule, OutcomeSettings, Reoffense};
use leptos::prelude::*;
use section::{Glossary, SectionView};

#[component]
pub fn OutcomesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let settings = state.settings.outcome_settings;
    let results = state.outcomes;
    let set = move |edit: Box<dyn FnOnce(&mut OutcomeSettings)>| {
        let mut next = settings.get_untracked();
        edit(&mut next);
        settings.set(next);
    };
    let problem = RwSignal::new(None::<String>);
    let set_windows = move |ev: leptos::ev::Event| match parse_windows(&event_target_value(&ev)) {
        Ok(w) => {
            problem.set(None);
            set(Box::new(move |s| s.windows = w));
        }
        Err(why) => problem.set(Some(why)),
    };
    let date_of = |ev: &leptos::ev::Event| parse_day(&event_target_value(ev));
    view! {
        <h1 tabindex="-1">"Outcomes"</h1>
        <p class="lead">"Calls for service and reoffending before and after the intervention, with the statistics an evaluator can defend."</p>
        {move || if !state.has_data() {
            view! { <NeedsData page=Page::Outcomes/> }.into_any()
        } else {
            // The dates in force once the outcomes are computed (the defaults then known), the
            // dates chosen meanwhile. Only these follow the results: the form is not redrawn when
            // they arrive, so nothing being typed is lost.
            let dates = move || {
                let shown = results.get().and_then(|r| r.ok());
                let chosen = settings.get_untracked();
                let day = |d: Option<ipvi::model::Day>| d.map(iso).unwrap_or_default();
                shown.as_ref().map_or((day(chosen.start), day(chosen.end)), |o| (iso(o.start), iso(o.end)))
            };
            let windows_text = settings.get_untracked().windows.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
            view! {
                <section class="card">
                    <h2>"Settings"</h2>
                    <div class="form-grid narrow">
                        <label for="outcome-start">"Intervention start"</label>
                        <input id="outcome-start" type="date" prop:value=move || dates().0 on:change=move |ev| { let d = date_of(&ev); set(Box::new(move |s| s.start = d)) }/>
                        <label for="outcome-end">"End of follow-up"</label>
                        <input id="outcome-end" type="date" prop:value=move || dates().1 on:change=move |ev| { let d = date_of(&ev); set(Box::new(move |s| s.end = d)) }/>
                        <label for="reoffense">"Reoffence"</label>
                        <select id="reoffense" on:change=move |ev| {
                            let r = match event_target_value(&ev).as_str() { "charged" => Reoffense::Charged, "victim" => Reoffense::SameVictim, _ => Reoffense::Any };
                            set(Box::new(move |s| s.reoffense = r));
                        }>
                            <option value="any" selected=settings.get_untracked().reoffense == Reoffense::Any>"any IPV incident"</option>
                            <option value="charged" selected=settings.get_untracked().reoffense == Reoffense::Charged>"a charged IPV incident"</option>
                            <option value="victim" selected=settings.get_untracked().reoffense == Reoffense::SameVictim>"an IPV incident, same victim"</option>
                        </select>
                        <label for="index-rule">"Follow people from"</label>
                        <select id="index-rule" on:change=move |ev| {
                            let rule = if event_target_value(&ev) == "each" { IndexRule::FirstOfEachLevel } else { IndexRule::FirstAfterStart };
                            set(Box::new(move |s| s.index = rule));
                        }>
                            <option value="first" selected=settings.get_untracked().index == IndexRule::FirstAfterStart>"their first notification"</option>
                            <option value="each" selected=settings.get_untracked().index == IndexRule::FirstOfEachLevel>"their first notification at each level"</option>
                        </select>
                        <label for="windows">"Follow-up windows (days, comma-separated)"</label>
                        <input id="windows" type="text" prop:value=windows_text
                            on:change=set_windows/>
                        <label for="seasonal">"Seasonal pattern in the trend model"</label>
                        <select id="seasonal" aria-describedby="seasonal-hint" on:change=move |ev| {
                            let choice = match event_target_value(&ev).as_str() { "on" => Some(true), "off" => Some(false), _ => None };
                            set(Box::new(move |s| s.seasonal = choice));
                        }>
                            <option value="auto" selected=settings.get_untracked().seasonal.is_none()>"automatic"</option>
                            <option value="on" selected=settings.get_untracked().seasonal == Some(true)>"on"</option>
                            <option value="off" selected=settings.get_untracked().seasonal == Some(false)>"off"</option>
                        </select>
                    </div>
                    <p class="note" id="seasonal-hint">{format!("Seasonal pattern, automatic: month-of-year terms are on when the data have at least {} complete months on each side of the start.", ipvi::outcomes::guard::SEASONAL_MONTHS)}</p>
                    <ComparisonChoice/>
                    {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
                    <div class="actions">
                        <button type="button" class="button small" on:click=move |_| set(Box::new(|s| *s = OutcomeSettings::default()))>"Defaults (start at the programme start or the first notification, end at the last date)"</button>
                        <button type="button" class="button small" id="save-outcome-settings" on:click=move |_| {
                            let json = serde_json::to_vec_pretty(&settings.get_untracked()).unwrap_or_default();
                            download("ipvi-outcome-settings.json", "application/json", &json);
                        }>"Save settings as a file"</button>
                        <SaveResultsJson/>
                    </div>
                </section>
                {move || match results.get() {
                    Some(Ok(o)) => view! {
                        {sections(&o).into_iter().map(|s| view! { <SectionView section=s/> }).collect_view()}
                        <Glossary/>
                    }.into_any(),
                    Some(Err(why)) => view! { <section class="card error-card" role="alert"><p class="error-message">{why.to_string()}</p></section> }.into_any(),
                    None => view! { <p role="status" class="hint" id="outcomes-progress">{move || match state.analysing.get() {
                        Some(done) => format!("Computing the outcomes ({:.0}%)…", done * 100.0),
                        None => "Computing the outcomes…".to_string(),
                    }}</p> }.into_any(),
                }}
            }.into_any()
        }}
    }
}
