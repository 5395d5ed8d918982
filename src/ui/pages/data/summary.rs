//! The summary of what is loaded, from the engine's own count of the data set.

use crate::ui::format::{count, percent};
use crate::ui::layout::ScrollBox;
use crate::ui::state::{AppState, DemoData};
use ipvi::model::long_date;
use ipvi::synth::DemoParams;
use leptos::prelude::*;

/// "a" or "an" before a whole percentage as it is read aloud: an 8%, an 11%, an 80%.
fn article_for_percent(percent: u32) -> &'static str {
    if matches!(percent, 8 | 11 | 18 | 80..=89) {
        "an"
    } else {
        "a"
    }
}

/// The demo's settings and planted effects in one sentence.
fn demo_sentence(params: &DemoParams, millis: f64) -> String {
    let drop = (params.call_drop * 100.0).round() as u32;
    format!(
        "Demo jurisdiction, seed {}, {} people; planted hazard ratio {} after notification and {} {drop}% drop in \
         IPV calls after {} (the intervention start). Generated in this browser in {millis:.0} ms.",
        params.seed,
        count(params.people as usize),
        params.hazard_ratio,
        article_for_percent(drop),
        long_date(params.start_day),
    )
}

/// What is loaded in all: the demo (with its planted effects and fingerprint) or the user's
/// files, the tables in memory, offenders, IPV incidents and addresses.
#[component]
pub fn Summary() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let loaded = state.data.loaded.get()?;
        let summary = state.summary.get()?;
        let tables = summary.tables.clone();
        let incidents = summary.tables.first().map_or(0, |t| t.rows);
        let source = match &loaded.demo {
            Some(DemoData { params, fingerprint, millis, .. }) => view! {
                <p>{demo_sentence(params, *millis)}</p>
                <p class="fingerprint">"Fingerprint of the extracts: "<code id="demo-fingerprint">{fingerprint.clone()}</code>
                    " (the command line's "<code>"ipvi demo"</code>" prints the same for the same settings)"</p>
            }.into_any(),
            None => view! { <p>"Your files, as read with the mappings and rules above."</p> }.into_any(),
        };
        Some(view! {
            <section class="card" id="data-summary" aria-labelledby="summary-title">
                <h2 id="summary-title">"What is loaded"</h2>
                {source}
                <ScrollBox label="Tables in memory">
                <table class="data-table">
                    <caption>"Tables in memory"</caption>
                    <thead><tr><th scope="col">"Table"</th><th scope="col" class="num">"Rows"</th><th scope="col">"First date"</th><th scope="col">"Last date"</th></tr></thead>
                    <tbody>
                        {tables.into_iter().map(|t| view! {
                            <tr>
                                <th scope="row">{t.table}</th>
                                <td class="num">{count(t.rows)}</td>
                                <td>{t.first_day.map(long_date).unwrap_or_default()}</td>
                                <td>{t.last_day.map(long_date).unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </ScrollBox>
                <dl class="facts">
                    <dt>"People with an IPV incident as suspect (those Classify places at a level)"</dt><dd id="fact-ipv-offenders">{count(summary.ipv_offenders)}</dd>
                    <dt>"Suspects of any incident (IPV or not)"</dt><dd id="fact-offenders">{count(summary.offenders)}</dd>
                    <dt>"Incidents counted as IPV"</dt>
                    <dd id="fact-ipv">{format!("{} of {} ({})", count(summary.ipv_incidents), count(incidents), percent(summary.ipv_incidents, incidents))}</dd>
                    <dt>"Addresses"</dt><dd>{count(summary.addresses)}</dd>
                </dl>
            </section>
        })
    }
}
