//! The Outcomes page's choice of comparison areas: which comparison is in use, and, when the
//! loaded files have an area column, the areas where the programme ran (the others of that
//! column are then the comparison areas; docs/methods.md#comparison-areas).

use crate::ui::state::AppState;
use ipvi::outcomes::OutcomeSettings;
use leptos::prelude::*;

/// What the outcomes compare with, in words.
fn in_use(state: AppState) -> String {
    let treated = state.settings.outcome_settings.with(|s| s.treated_areas.len());
    match state.comparison.get() {
        Some(panel) if treated > 0 => format!(
            "Compared with the other {} areas of the {} ({} marked as where the programme ran).",
            panel.areas.len().saturating_sub(treated),
            panel.source,
            treated
        ),
        Some(panel) => format!("Compared with {} from {}.", panel.describe(), panel.source),
        None => "No comparison areas: load a file of monthly counts by area on the Data page, or mark the areas \
                 where the programme ran below when the files have an area column."
            .into(),
    }
}

#[component]
pub fn ComparisonChoice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let settings = state.settings.outcome_settings;
    let toggle = move |area: String, on: bool| {
        let mut next: OutcomeSettings = settings.get_untracked();
        next.treated_areas.retain(|a| *a != area);
        if on {
            next.treated_areas.push(area);
            next.treated_areas.sort();
        }
        settings.set(next);
    };
    view! {
        <p class="note" id="comparison-in-use">{move || in_use(state)}</p>
        {move || match state.areas_by_column.get() {
            None => ().into_any(),
            Some(Err(why)) => view! { <p class="note" id="treated-areas-error">{format!("The areas of the area column cannot be counted: {why}")}</p> }.into_any(),
            Some(Ok(panel)) => {
                let chosen = settings.get_untracked().treated_areas;
                view! {
                    <fieldset class="treated-areas" id="treated-areas">
                        <legend>{format!("Areas where the programme ran ({})", panel.source)}</legend>
                        <p class="note">"Mark them to compare with the other areas of that column; leave them all unmarked to compare with a comparison areas file."</p>
                        <div class="area-list">
                            {panel.areas.iter().map(|area| {
                                let (name, checked) = (area.clone(), chosen.contains(area));
                                view! {
                                    <label class="check">
                                        <input type="checkbox" value=area.clone() checked=checked on:change=move |ev| toggle(name.clone(), event_target_checked(&ev))/>
                                        {area.clone()}
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                }.into_any()
            }
        }}
    }
}
