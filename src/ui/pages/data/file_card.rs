//! A loaded file's card: its quality report (rows read, kept and rejected with their lines
//! and columns, dates, IPV share, how it was read, warnings), the date order and the mapping.

use super::mapping::{was_edited, MappingSource, MappingTable, TableChoice};
use super::{reload, save_ingest};
use crate::ui::format::{count, percent};
use crate::ui::state::{AppState, LoadedFile};
use ipvi::ingest::sniff::delimiter_name;
use ipvi::ingest::DateOrder;
use ipvi::model::long_date;
use leptos::prelude::*;

/// A loaded file: what was read, kept and rejected (with lines), warnings, the date order
/// and the column mapping.
#[component]
pub fn FileCard(file: LoadedFile) -> impl IntoView {
    let state = expect_context::<AppState>();
    let r = file.parsed.report.clone();
    let source = MappingSource::from(&file);
    let order_source = source.clone();
    let name = file.name().to_string();
    let dates = match (r.first_day, r.last_day) {
        (Some(a), Some(b)) => format!("{} to {}", long_date(a), long_date(b)),
        _ => "none".into(),
    };
    view! {
        <section class="card file-card" data-file=r.file.clone()>
            <div class="file-head">
                <h2>{r.file.clone()}</h2>
                <TableChoice source=source.clone()/>
                <button type="button" class="button" on:click=move |_| state.data.files.update(|f| f.retain(|x| x.name() != name))>"Remove"</button>
            </div>
            <dl class="facts">
                <dt>"Rows"</dt>
                <dd class="rows">{format!("{} read, {} kept, {} rejected", count(r.rows_read), count(r.rows_kept), count(r.rows_rejected()))}</dd>
                <dt>"Dates"</dt><dd>{dates}</dd>
                {(!r.date_range.is_all()).then(|| view! {
                    <dt>"Dates to load"</dt>
                    <dd class="outside-dates">{format!("{}: {} rows dated outside left out", r.date_range.words(), count(r.outside_dates))}</dd>
                })}
                {r.ipv_rows.map(|ipv| view! { <dt>"Counted as IPV"</dt><dd class="ipv">{format!("{} of {} ({})", count(ipv), count(r.rows_kept), percent(ipv, r.rows_kept))}</dd> })}
                <dt>"Read as"</dt>
                <dd>{format!("{}, {} delimited, {}", r.encoding.name(), delimiter_name(r.delimiter), if r.has_header { "header row" } else { "no header row" })}</dd>
                {(r.duplicate_ids > 0).then(|| view! { <dt>"Duplicate ids"</dt><dd>{count(r.duplicate_ids)}</dd> })}
                {(r.missing_person > 0).then(|| view! { <dt>"Rows without a suspect id"</dt><dd>{count(r.missing_person)}</dd> })}
                {(r.future_dates > 0).then(|| view! { <dt>"Dates in the future"</dt><dd>{count(r.future_dates)}</dd> })}
            </dl>
            {(!r.ipv_values.is_empty()).then(|| view! {
                <table class="data-table ipv-values">
                    <caption>"Texts of the rows counted as IPV (most frequent)"</caption>
                    <thead><tr><th scope="col">"Text"</th><th scope="col" class="num">"Rows"</th></tr></thead>
                    <tbody>{r.ipv_values.iter().map(|(text, n)| view! { <tr><td>{text.clone()}</td><td class="num">{count(*n)}</td></tr> }).collect_view()}</tbody>
                </table>
            })}
            {(!r.decisions.is_empty()).then(|| view! {
                <h3>"Read from the data"</h3>
                <ul class="decisions">{r.decisions.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}</ul>
            })}
            {(!r.rejected.is_empty()).then(|| view! {
                <h3>"Rejected rows"</h3>
                <ul class="rejected">
                    {r.rejected.iter().map(|g| view! {
                        <li>{format!("{} × {} (line {})", count(g.count), g.reason, g.first_lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", "))}</li>
                    }).collect_view()}
                </ul>
            })}
            <ul class="warnings">
                {r.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}
                {r.unknown_values.iter().map(|u| view! {
                    <li>{format!("{} values in \"{}\" are not a known yes/no word and were read as no, e.g. {}", count(u.count), u.column, u.examples.join(", "))}</li>
                }).collect_view()}
            </ul>
            <label class="inline">"Slashed dates (such as 03/04/2019) read "
                <select aria-label=format!("Date order of {}", r.file) disabled=move || state.data.job.with(Option::is_some) on:change=move |ev| {
                    let order = if event_target_value(&ev) == "day" { DateOrder::DayFirst } else { DateOrder::MonthFirst };
                    let s = &order_source;
                    let mut settings = state.settings.ingest.get_untracked();
                    settings.remember(&s.headers, &s.mapping, Some(order));
                    save_ingest(state, settings);
                    reload(state, &s.name, &s.bytes, &s.options, |o| o.date_order = Some(order));
                }>
                    <option value="month" selected=r.date_order == DateOrder::MonthFirst>"month first (US)"</option>
                    <option value="day" selected=r.date_order == DateOrder::DayFirst>"day first"</option>
                </select>
            </label>
            <MappingTable open=was_edited(&source.name) source=source/>
        </section>
    }
}
