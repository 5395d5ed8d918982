//! The Outcomes page: each outcome as a finding, a chart, a table and how it was computed.

use crate::ui::figure::Figure;
use crate::ui::format::count;
use crate::ui::io::download;
use crate::ui::pages::placeholder::NeedsData;
use crate::ui::state::{save_setting, AppState, Page};
use ipvi::charts::Chart;
use ipvi::export::CsvOut;
use ipvi::ingest::dates::{parse_date_time, DateOrder};
use ipvi::model::{iso, Level};
use ipvi::outcomes::figures::{calls_chart, level_color, survival_chart};
use ipvi::outcomes::{analyze, IndexRule, OutcomeSettings, Outcomes, Reoffense};
use ipvi::settings::OUTCOME_SETTINGS_KEY;
use leptos::prelude::*;

fn month_name(month: i32) -> String {
    format!("{}-{:02}", month.div_euclid(12), month.rem_euclid(12) + 1)
}

/// A table of text cells: the first row is the header.
fn table_view(id: &str, rows: &[Vec<String>]) -> impl IntoView {
    let header = rows[0].iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view();
    let body = rows[1..]
        .iter()
        .map(|r| view! { <tr>{r.iter().map(|c| view! { <td class="num">{c.clone()}</td> }).collect_view()}</tr> })
        .collect_view();
    view! {
        <table class="data-table" id=id.to_string()>
            <thead><tr>{header}</tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}

/// A table's CSV export button.
fn csv_button(name: String, rows: Vec<Vec<String>>) -> impl IntoView {
    view! {
        <button type="button" class="button small" on:click=move |_| {
            let mut out = CsvOut::new(b',', true);
            for row in &rows {
                out.row(row);
            }
            download(&name, "text/csv", &out.into_bytes());
        }>"Save table as CSV"</button>
    }
}

fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

#[component]
pub fn OutcomesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let settings = state.outcome_settings;
    let results = Memo::new(move |_| {
        let c = state.classified.get()?;
        Some(analyze(&c.data, &c.result, &settings.get()).map(std::sync::Arc::new).map_err(|e| e.to_string()))
    });
    let set = move |edit: Box<dyn FnOnce(&mut OutcomeSettings)>| {
        let mut next = settings.get_untracked();
        edit(&mut next);
        save_setting(OUTCOME_SETTINGS_KEY, &next);
        settings.set(next);
    };
    let problem = RwSignal::new(None::<String>);
    let set_windows = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let windows: Result<Vec<i32>, _> = text.split(',').map(|w| w.trim().parse::<i32>()).collect();
        match windows {
            Ok(w) if !w.is_empty() && w.iter().all(|&d| (1..=3650).contains(&d)) => {
                problem.set(None);
                set(Box::new(move |s| s.windows = w));
            }
            _ => problem.set(Some(format!(
                "Windows must be whole numbers of days from 1 to 3,650, separated by commas, not {text:?}"
            ))),
        }
    };
    let date_of =
        |ev: &leptos::ev::Event| parse_date_time(&event_target_value(ev), DateOrder::MonthFirst).map(|d| d.day);
    view! {
        <h1 tabindex="-1">"Outcomes"</h1>
        <p class="lead">"Calls for service and reoffending before and after the intervention, with the statistics an evaluator can defend."</p>
        {move || if !state.has_data() {
            view! { <NeedsData page=Page::Outcomes/> }.into_any()
        } else {
            let shown = results.get().and_then(|r| r.ok());
            let (start, end) = shown.as_ref().map_or((String::new(), String::new()), |o| (iso(o.start), iso(o.end)));
            let windows_text = settings.get_untracked().windows.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
            view! {
                <section class="card">
                    <h2>"Settings"</h2>
                    <div class="form-grid narrow">
                        <label for="outcome-start">"Intervention start"</label>
                        <input id="outcome-start" type="date" prop:value=start on:change=move |ev| { let d = date_of(&ev); set(Box::new(move |s| s.start = d)) }/>
                        <label for="outcome-end">"End of follow-up"</label>
                        <input id="outcome-end" type="date" prop:value=end on:change=move |ev| { let d = date_of(&ev); set(Box::new(move |s| s.end = d)) }/>
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
                        <label for="seasonal">"Month-of-year terms"</label>
                        <input id="seasonal" type="checkbox" prop:checked=settings.get_untracked().seasonal on:change=move |ev| { let on = event_target_checked(&ev); set(Box::new(move |s| s.seasonal = on)) }/>
                    </div>
                    {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
                    <button type="button" class="button small" on:click=move |_| set(Box::new(|s| *s = OutcomeSettings::default()))>"Defaults (start at the first notification, end at the last date)"</button>
                </section>
                {match results.get() {
                    Some(Ok(o)) => view! {
                        <CallsSection outcomes=o.clone()/>
                        <ReoffendingSection outcomes=o.clone()/>
                        {other_sections(&o)}
                    }.into_any(),
                    Some(Err(why)) => view! { <section class="card error-card" role="alert"><p class="error-message">{why}</p></section> }.into_any(),
                    None => view! { <p>"Computing…"</p> }.into_any(),
                }}
            }.into_any()
        }}
    }
}

fn warnings_list(warnings: &[String]) -> impl IntoView {
    view! { <ul class="warnings">{warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul> }
}

#[component]
fn CallsSection(outcomes: std::sync::Arc<Outcomes>) -> impl IntoView {
    let calls = &outcomes.calls;
    let chart = calls_chart(calls, outcomes.start);
    let fitted = calls.its.as_ref().map(|f| f.fitted.clone()).unwrap_or_default();
    let mut rows = vec![vec!["month".to_string(), format!("ipv_{}", calls.counted), "fitted".to_string()]];
    rows.extend(calls.months.iter().enumerate().map(|(i, m)| {
        vec![month_name(m.month), m.count.to_string(), fitted.get(i).map_or(String::new(), |f| format!("{f:.2}"))]
    }));
    let its = calls.its.as_ref().map(|f| {
        let (l, s) = (f.level_change(), f.slope_change());
        format!(
            "Interrupted time series: level change {:.1} (95% CI {:.1} to {:.1}) {} per month at the start, slope change {:.2} (95% CI {:.2} to {:.2}) per month.",
            l.value, l.low, l.high, calls.counted, s.value, s.low, s.high
        )
    });
    view! {
        <section class="card outcome" aria-labelledby="calls-title">
            <h2 id="calls-title">"Calls for service"</h2>
            <p class="finding" id="calls-finding">{calls.finding.clone()}</p>
            <p>{format!("{} before the start over {} days, {} after over {} days.", count(calls.before as usize), count(calls.days_before as usize), count(calls.after as usize), count(calls.days_after as usize))}</p>
            {its.map(|t| view! { <p id="its-finding">{t}</p> })}
            <Figure chart=chart name="ipv-calls-per-month".into()/>
            <details><summary>"Table"</summary>
                {table_view("calls-table", &rows)}
                {csv_button("ipv-calls-per-month.csv".into(), rows)}
            </details>
            <details><summary>"How this was computed"</summary><p>{calls.definition.clone()}</p></details>
            {warnings_list(&calls.warnings)}
        </section>
    }
}

#[component]
fn ReoffendingSection(outcomes: std::sync::Arc<Outcomes>) -> impl IntoView {
    let r = match &outcomes.reoffending {
        Ok(r) => r.clone(),
        Err(why) => {
            return view! {
                <section class="card outcome"><h2>"Reoffending after notification"</h2><p>"Not available: " {why.clone()}</p></section>
            }
            .into_any()
        }
    };
    let level_colors: Vec<&str> = r
        .by_level
        .iter()
        .map(|g| {
            Level::ALL
                .iter()
                .find(|l| g.label.starts_with(&format!("Level {}", l.letter())))
                .map_or("#1d2127", |&l| level_color(l))
        })
        .collect();
    let by_level = survival_chart("Share not reoffended after notification, by level", &r.by_level, &level_colors);
    let by_cohort =
        survival_chart("Share not reoffended: before the start vs notified", &r.by_cohort, &["#59616d", "#b30000"]);
    let p = |t: &Option<ipvi::stats::logrank::LogRank>| {
        t.as_ref().map_or("not testable".to_string(), |t| {
            format!(
                "chi-square {:.1} on {} df, p {}",
                t.chi_square,
                t.df,
                if t.p_value < 0.001 { "< 0.001".to_string() } else { format!("= {:.3}", t.p_value) }
            )
        })
    };
    let mut rows = vec![vec![
        "window_days".to_string(),
        "level".into(),
        "people".into(),
        "reoffended".into(),
        "share".into(),
        "ci_low".into(),
        "ci_high".into(),
    ]];
    rows.extend(r.windows.iter().map(|w| {
        let (v, lo, hi) = w.share.map_or((String::new(), String::new(), String::new()), |s| {
            (percent(s.value), percent(s.low), percent(s.high))
        });
        vec![
            w.days.to_string(),
            w.level.map_or("all".into(), |l| l.letter().to_string()),
            w.people.to_string(),
            w.reoffended.to_string(),
            v,
            lo,
            hi,
        ]
    }));
    view! {
        <section class="card outcome" aria-labelledby="reoffending-title">
            <h2 id="reoffending-title">"Reoffending after notification"</h2>
            <p class="finding" id="reoffending-finding">{r.finding.clone()}</p>
            <p>{format!("Notifications {}; {} notified people, {} in the comparison cohort.", r.notifications.word(), count(r.notified), count(r.comparison))}</p>
            <Figure chart=by_level name="reoffending-by-level".into()/>
            <p>"Log-rank test between levels: " {p(&r.by_level_test)} "."</p>
            <Figure chart=by_cohort name="reoffending-by-cohort".into()/>
            <p id="cohort-test">"Log-rank test, notified vs before the start: " {p(&r.by_cohort_test)} "."</p>
            <details><summary>"Table: reoffending within fixed windows (people with full follow-up)"</summary>
                {table_view("windows-table", &rows)}
                {csv_button("reoffending-windows.csv".into(), rows)}
            </details>
            <details><summary>"How this was computed"</summary><p>{r.definition.clone()}</p></details>
            {warnings_list(&r.warnings)}
        </section>
    }
    .into_any()
}

/// What a simpler outcome shows: its finding, an optional chart, a table, how it was computed.
struct Simple {
    id: &'static str,
    title: &'static str,
    finding: String,
    chart: Option<Chart>,
    table: Vec<Vec<String>>,
    definition: String,
    warnings: Vec<String>,
}

#[component]
fn SimpleSection(section: Simple) -> impl IntoView {
    let name = format!("{}.csv", section.id);
    view! {
        <section class="card outcome" id=section.id aria-labelledby=format!("{}-title", section.id)>
            <h2 id=format!("{}-title", section.id)>{section.title}</h2>
            <p class="finding">{section.finding}</p>
            {section.chart.map(|c| view! { <Figure chart=c name=section.id.to_string()/> })}
            <details><summary>"Table"</summary>
                {table_view(&format!("{}-table", section.id), &section.table)}
                {csv_button(name, section.table)}
            </details>
            <details><summary>"How this was computed"</summary><p>{section.definition}</p></details>
            {warnings_list(&section.warnings)}
        </section>
    }
}

fn unavailable(id: &'static str, title: &'static str, why: &str) -> AnyView {
    view! { <section class="card outcome" id=id><h2>{title}</h2><p>"Not available: " {why.to_string()}</p></section> }
        .into_any()
}

fn month_chart(title: &str, y_title: &str, start: ipvi::model::Day, series: Vec<ipvi::charts::Series>) -> Chart {
    Chart {
        title: title.into(),
        x_title: "Month".into(),
        y_title: y_title.into(),
        x_axis: ipvi::charts::XAxis::Months,
        series,
        marker: Some((
            f64::from(ipvi::model::month_index(start)),
            format!("Intervention start ({})", ipvi::model::long_date(start)),
        )),
        y_from_zero: true,
    }
}

fn share_cells(share: Option<ipvi::stats::Estimate>) -> [String; 3] {
    share.map_or([String::new(), String::new(), String::new()], |s| [percent(s.value), percent(s.low), percent(s.high)])
}

/// Known addresses, pauses and stops, services, sanctions.
fn other_sections(o: &Outcomes) -> impl IntoView {
    use ipvi::charts::Series;
    let known = match &o.known_addresses {
        Ok(k) => {
            let points = k.months.iter().map(|m| (f64::from(m.month), m.count as f64)).collect();
            let mut table = vec![vec!["month".to_string(), "ipv_calls_known_addresses".into()]];
            table.extend(k.months.iter().map(|m| vec![month_name(m.month), m.count.to_string()]));
            view! { <SimpleSection section=Simple {
                id: "known-addresses", title: "Known addresses",
                finding: k.finding.clone(),
                chart: Some(month_chart("IPV calls per month from known addresses", "IPV calls per month (known addresses)", o.start, vec![Series::line(format!("{} known addresses", count(k.addresses)), "#b30000", points)])),
                table, definition: k.definition.clone(), warnings: k.warnings.clone(),
            }/> }.into_any()
        }
        Err(why) => unavailable("known-addresses", "Known addresses", why),
    };
    let pauses = match &o.pauses {
        Ok(p) => {
            let test = p.test.as_ref().map_or("not testable".to_string(), |t| {
                format!("V = {}, n = {}, p = {:.3}", t.statistic, t.n, t.p_value)
            });
            let median = |m: Option<f64>| m.map_or(String::new(), |v| format!("{v:.0}"));
            let [v, lo, hi] = share_cells(p.stop_share);
            let table = vec![
                vec!["measure".to_string(), "value".into()],
                vec!["people with incidents before and after notification".into(), count(p.paired)],
                vec!["median gap before (days)".into(), median(p.median_gap_before)],
                vec!["median first gap after (days)".into(), median(p.median_first_gap_after)],
                vec!["Wilcoxon signed-rank".into(), test],
                vec!["notified people followed 365 days".into(), count(p.followed_year as usize)],
                vec![
                    "no incident in those 365 days".into(),
                    format!("{} ({v}, 95% CI {lo}-{hi})", count(p.stopped as usize)),
                ],
            ];
            view! { <SimpleSection section=Simple { id: "pauses", title: "Pauses and complete stops", finding: p.finding.clone(), chart: None, table, definition: p.definition.clone(), warnings: p.warnings.clone() }/> }.into_any()
        }
        Err(why) => unavailable("pauses", "Pauses and complete stops", why),
    };
    let services = match &o.services {
        Ok(sv) => {
            let offenders = sv.months.iter().map(|m| (f64::from(m.0), m.1 as f64)).collect();
            let victims = sv.months.iter().map(|m| (f64::from(m.0), m.2 as f64)).collect();
            let mut table = vec![vec![
                "role".to_string(),
                "notified_followed_90_days".into(),
                "with_contact".into(),
                "share".into(),
                "ci_low".into(),
                "ci_high".into(),
            ]];
            table.extend(sv.within_90_days.iter().map(|r| {
                let [v, lo, hi] = share_cells(r.share);
                vec![r.role.word().to_string(), r.people.to_string(), r.with_contact.to_string(), v, lo, hi]
            }));
            let chart = month_chart(
                "Service contacts per month by role",
                "Service contacts per month",
                o.start,
                vec![
                    Series::line("Offenders", "#e34a33", offenders),
                    Series::line("Victim-survivors", "#1b5fc1", victims),
                ],
            );
            view! { <SimpleSection section=Simple { id: "services", title: "Service utilisation", finding: sv.finding.clone(), chart: Some(chart), table, definition: sv.definition.clone(), warnings: sv.warnings.clone() }/> }.into_any()
        }
        Err(why) => unavailable("services", "Service utilisation", why),
    };
    let sanctions = match &o.sanctions {
        Ok(sa) => {
            let points = sa.months.iter().map(|m| (f64::from(m.month), m.count as f64)).collect();
            let mut table = vec![vec!["level on the sanction date".to_string(), "sanctions".into()]];
            for (i, label) in ["D", "C", "B", "A", "none"].iter().enumerate().rev() {
                table.push(vec![label.to_string(), sa.by_level[i].to_string()]);
            }
            let chart = month_chart(
                "Sanctions per month",
                "Sanctions per month",
                o.start,
                vec![Series::line("Sanctions", "#b30000", points)],
            );
            view! { <SimpleSection section=Simple { id: "sanctions", title: "Sanctions", finding: sa.finding.clone(), chart: Some(chart), table, definition: sa.definition.clone(), warnings: sa.warnings.clone() }/> }.into_any()
        }
        Err(why) => unavailable("sanctions", "Sanctions", why),
    };
    view! { {known} {pauses} {services} {sanctions} }
}
