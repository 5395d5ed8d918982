//! Mode, as-of date, the level distribution (bars and table) and the notification list export;
//! while the levels are computed, how far that is.

use super::badge;
use crate::ui::format::{count, percent};
use crate::ui::io::download;
use crate::ui::state::AppState;
use ipvi::classify::report::{coverage, empty_levels_note, standings_csv};
use ipvi::classify::NotificationMode;
use ipvi::ingest::dates::parse_day;
use ipvi::model::{iso, long_date, Level};
use leptos::prelude::*;

/// Mode, as-of date, the level distribution (bars and table) and the export.
#[component]
pub fn Overview() -> impl IntoView {
    let state = expect_context::<AppState>();
    let key = RwSignal::new(String::new());
    let busy = move || state.classifying.get().is_some().then_some("true");
    let distribution = move || {
        let levels = state.levels.get()?;
        let (c, day, counts) = (&levels.classified, levels.day, levels.counts);
        let total: usize = counts.iter().sum();
        let mode = c.result.mode.description();
        let has_recorded = NotificationMode::available(&c.data);
        let max = counts.iter().copied().max().unwrap_or(1).max(1);
        let export = levels.clone();
        let suspects = state.summary.with(|s| s.as_ref().map_or(0, |s| s.offenders));
        let who = coverage(levels.standings.len(), c.result.people.len(), suspects, day);
        let empty_note = empty_levels_note(&c.criteria, counts, day);
        Some(view! {
            <section class="card" aria-labelledby="distribution-title" aria-busy=busy>
                <h2 id="distribution-title" tabindex="-1">"Levels as of " {long_date(day)}</h2>
                <p id="coverage">{who}</p>
                <div class="form-grid narrow">
                    <label for="as-of">"As of"</label>
                    <input id="as-of" type="date" prop:value=iso(day) on:change=move |ev| {
                        state.settings.as_of.set(parse_day(&event_target_value(&ev)));
                    }/>
                    <label for="simulate">"Simulate notifications"</label>
                    <input id="simulate" type="checkbox" prop:checked=move || state.settings.simulate.get() disabled=!has_recorded
                        on:change=move |ev| state.settings.simulate.set(event_target_checked(&ev))/>
                </div>
                <p id="notification-mode">"Notifications: " {mode} "."</p>
                <p class="hint" id="classify-time">{format!("Levels at {} incidents of {} people computed in {:.0} ms.", count(c.result.steps.len()), count(c.result.people.len()), c.millis)}</p>
                <div class="bars" role="img" aria-label=format!("People by level: D {}, C {}, B {}, A {}", counts[0], counts[1], counts[2], counts[3])>
                    {Level::ALL.iter().rev().map(|&l| {
                        let n = counts[l.index()];
                        view! {
                            <div class="bar-row">
                                {badge(Some(l))}
                                <span class=format!("bar level-{}", l.letter().to_lowercase()) style=format!("width: {:.1}%", 80.0 * n as f64 / max as f64)></span>
                                <span class="bar-label">{format!("{} ({})", count(n), percent(n, total))}</span>
                            </div>
                        }
                    }).collect_view()}
                </div>
                {empty_note.map(|note| view! { <p class="note" id="empty-levels">{note}</p> })}
                <table class="data-table" id="distribution">
                    <caption>"People by level (the chart above as a table)"</caption>
                    <thead><tr><th scope="col">"Level"</th><th scope="col" class="num">"People"</th><th scope="col" class="num">"Share"</th></tr></thead>
                    <tbody>
                        {Level::ALL.iter().rev().map(|&l| view! {
                            <tr data-level=l.letter()><th scope="row">{badge(Some(l))}</th><td class="num">{count(counts[l.index()])}</td><td class="num">{percent(counts[l.index()], total)}</td></tr>
                        }).collect_view()}
                        <tr><th scope="row">"All"</th><td class="num" id="people-total">{count(total)}</td><td class="num">"100%"</td></tr>
                    </tbody>
                </table>
                <div class="actions">
                    <label for="pseudonym-key">"Pseudonym key (optional)"</label>
                    <input id="pseudonym-key" type="text" autocomplete="off" prop:value=move || key.get() on:input=move |ev| key.set(event_target_value(&ev))/>
                    <button type="button" class="button" id="export-list" on:click=move |_| {
                        let k = key.get_untracked();
                        let c = &export.classified;
                        let csv = standings_csv(&c.data, &export.standings, &c.criteria, Some(k.as_str()));
                        download(&format!("ipvi-levels-{}.csv", iso(day)), "text/csv", &csv);
                    }>"Export the notification list (CSV)"</button>
                </div>
                <p class="hint">"With a key, ids are replaced by pseudonyms; the same key gives the same pseudonyms, so two exports can be matched."</p>
            </section>
        })
    };
    view! {
        <div id="classify-status" role="status" aria-live="polite"><Progress/></div>
        {distribution}
    }
}

/// How far the classification under way is: over the previous levels after a criteria edit,
/// or in their place when the data set is new (there are none for it yet).
#[component]
fn Progress() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let done = state.classifying.get()?;
        let recomputing = state.levels.with(Option::is_some);
        let (class, what) = if recomputing { ("hint", "Recomputing levels…") } else { ("card", "Classifying…") };
        Some(view! {
            <p class=class id="classify-progress">{format!("{what} {:.0}%", 100.0 * done)}</p>
        })
    }
}
