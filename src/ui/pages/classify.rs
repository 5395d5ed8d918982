//! The Classify page: the criteria as editable rules, the level distribution, the person table,
//! a person's timeline, what-if against another criteria set, and the notification list export.

use crate::ui::format::{count, percent};
use crate::ui::io::download;
use crate::ui::pages::placeholder::NeedsData;
use crate::ui::state::{save_setting, AppState, Classified, Page};
use ipvi::classify::report::{compare, standings, standings_csv, Standing};
use ipvi::classify::{classify, Compare, Condition, Criteria, Feature, NotificationMode};
use ipvi::ingest::dates::{parse_date_time, DateOrder};
use ipvi::model::{iso, Day, Flags, Level, Role};
use ipvi::settings::CRITERIA_KEY;
use leptos::prelude::*;

const PAGE_SIZE: usize = 25;

/// A level as a coloured badge with its letter (the colour is never alone).
pub fn badge(level: Option<Level>) -> impl IntoView {
    match level {
        Some(l) => {
            view! { <span class=format!("level level-{}", l.letter().to_lowercase())>{l.letter()}</span> }.into_any()
        }
        None => view! { <span class="level level-none">"–"</span> }.into_any(),
    }
}

/// Applies an edit to the criteria when the result is valid; returns the problem otherwise.
fn edit_criteria(state: AppState, edit: impl FnOnce(&mut Criteria)) -> Result<(), String> {
    let mut next = state.criteria.get_untracked();
    edit(&mut next);
    next.validate()?;
    save_setting(CRITERIA_KEY, &next);
    state.criteria.set(next);
    Ok(())
}

/// The as-of day in force: the chosen one, or the last incident.
fn as_of(state: AppState, c: &Classified) -> Option<Day> {
    state.as_of.get().or_else(|| c.result.last_day())
}

#[component]
pub fn ClassifyPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let selected = RwSignal::new(None::<u32>);
    view! {
        <h1 tabindex="-1">"Classify"</h1>
        <p class="lead">"Every IPV offender gets a level (D, C, B, A) at each of their incidents, from the history known then. Edit the criteria on the left: the levels are recomputed at once."</p>
        {move || if state.has_data() {
            view! {
                <div class="classify-layout">
                    <CriteriaEditor/>
                    <div class="results">
                        <Overview/>
                        <PersonTable selected=selected/>
                        <Timeline selected=selected/>
                        <WhatIf/>
                    </div>
                </div>
            }.into_any()
        } else {
            view! { <NeedsData page=Page::Classify/> }.into_any()
        }}
    }
}

#[component]
fn CriteriaEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let problem = RwSignal::new(None::<String>);
    let apply = move |edit: Box<dyn FnOnce(&mut Criteria)>| problem.set(edit_criteria(state, edit).err());
    let number = |text: String| text.trim().parse::<f64>().ok();
    let set_lookback = move |ev: leptos::ev::Event| match number(event_target_value(&ev)) {
        Some(v) => apply(Box::new(move |c| c.lookback_days = v as i32)),
        None => problem.set(Some("The lookback must be a whole number of days".into())),
    };
    let set_delay = move |ev: leptos::ev::Event| match number(event_target_value(&ev)) {
        Some(v) => apply(Box::new(move |c| c.notification_delay_days = v as i32)),
        None => problem.set(Some("The delay must be a whole number of days".into())),
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = crate::ui::load::files_of(input.files()).into_iter().next() else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            match text.map(|t| Criteria::from_json(&t)) {
                Some(Ok(criteria)) => {
                    save_setting(CRITERIA_KEY, &criteria);
                    state.criteria.set(criteria);
                    problem.set(None);
                }
                Some(Err(e)) => problem.set(Some(format!("{}: {e}", file.name()))),
                None => problem.set(Some(format!("{}: the browser could not read the file", file.name()))),
            }
        });
    };
    view! {
        <section class="card criteria" aria-labelledby="criteria-title">
            <h2 id="criteria-title">"Criteria"</h2>
            <label for="preset">"Start from a preset"</label>
            <select id="preset" on:change=move |ev| {
                if let Some(preset) = Criteria::preset(&event_target_value(&ev)) {
                    apply(Box::new(move |c| *c = preset));
                }
            }>
                <option value="" selected=true disabled=true>{move || format!("Editing: {}", state.criteria.with(|c| c.name.clone()))}</option>
                {Criteria::presets().into_iter().map(|p| view! { <option value=p.name.clone()>{p.name.clone()}</option> }).collect_view()}
            </select>
            <div class="form-grid narrow">
                <label for="lookback">"Lookback window (days)"</label>
                <input id="lookback" type="number" min="1" prop:value=move || state.criteria.with(|c| c.lookback_days.to_string())
                    on:change=set_lookback/>
                <label for="delay">"Simulated notification delay (days)"</label>
                <input id="delay" type="number" min="0" prop:value=move || state.criteria.with(|c| c.notification_delay_days.to_string())
                    on:change=set_delay/>
                <label for="sticky">"Levels never fall while active"</label>
                <input id="sticky" type="checkbox" prop:checked=move || state.criteria.with(|c| c.sticky)
                    on:change=move |ev| { let on = event_target_checked(&ev); apply(Box::new(move |c| c.sticky = on)) }/>
            </div>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
            <p class="hint">"The first level from the top whose rule holds is given. A rule holds when any one of its groups holds; a group holds when all its conditions do."</p>
            {move || {
                let criteria = state.criteria.get();
                criteria.rules.iter().enumerate().map(|(r, rule)| {
                    let level = rule.level;
                    view! {
                        <fieldset class="rule">
                            <legend>{badge(Some(level))}" when any of:"</legend>
                            {rule.any_of.iter().enumerate().map(|(g, group)| view! {
                                <div class="group">
                                    {group.iter().enumerate().map(|(k, cond)| condition_row(state, problem, r, g, k, *cond, level)).collect_view()}
                                    <div class="group-actions">
                                        <button type="button" class="button small" on:click=move |_| apply(Box::new(move |c| c.rules[r].any_of[g].push(Condition::at_least(Feature::Incidents, 1.0))))>"+ and"</button>
                                        <button type="button" class="button small" on:click=move |_| apply(Box::new(move |c| { c.rules[r].any_of.remove(g); }))>"Remove group"</button>
                                    </div>
                                </div>
                            }).collect_view()}
                            <button type="button" class="button small" on:click=move |_| apply(Box::new(move |c| c.rules[r].any_of.push(vec![Condition::at_least(Feature::Charges, 1.0)])))>"+ or"</button>
                        </fieldset>
                    }
                }).collect_view()
            }}
            <div class="actions">
                <button type="button" class="button" on:click=move |_| {
                    let json = serde_json::to_vec_pretty(&state.criteria.get_untracked()).unwrap_or_default();
                    download("ipvi-criteria.json", "application/json", &json);
                }>"Export criteria"</button>
                <label class="button file-button">"Import criteria"<input type="file" accept=".json,application/json" on:change=import/></label>
            </div>
        </section>
    }
}

fn condition_row(
    state: AppState,
    problem: RwSignal<Option<String>>,
    r: usize,
    g: usize,
    k: usize,
    cond: Condition,
    level: Level,
) -> impl IntoView {
    let apply = move |edit: Box<dyn FnOnce(&mut Condition)>| {
        problem.set(edit_criteria(state, move |c| edit(&mut c.rules[r].any_of[g][k])).err());
    };
    let name = format!("Level {} group {} condition {}", level.letter(), g + 1, k + 1);
    let threshold_name = name.clone();
    let set_threshold = move |ev: leptos::ev::Event| match event_target_value(&ev).trim().parse::<f64>() {
        Ok(v) if v.is_finite() => apply(Box::new(move |c| c.value = v)),
        _ => problem.set(Some(format!("{threshold_name}: the threshold must be a number"))),
    };
    view! {
        <div class="condition">
            <select aria-label=format!("{name}: feature") on:change=move |ev| {
                let i = event_target_value(&ev).parse::<usize>().unwrap_or(0);
                apply(Box::new(move |c| c.feature = Feature::ALL[i]));
            }>
                {Feature::ALL.iter().enumerate().map(|(i, f)| view! { <option value=i.to_string() selected=*f == cond.feature>{f.label()}</option> }).collect_view()}
            </select>
            <select aria-label=format!("{name}: comparison") on:change=move |ev| {
                let at_most = event_target_value(&ev) == "at-most";
                apply(Box::new(move |c| c.compare = if at_most { Compare::AtMost } else { Compare::AtLeast }));
            }>
                <option value="at-least" selected=cond.compare == Compare::AtLeast>"at least"</option>
                <option value="at-most" selected=cond.compare == Compare::AtMost>"at most"</option>
            </select>
            <input type="number" step="any" aria-label=format!("{name}: threshold") prop:value=cond.value.to_string()
                on:change=set_threshold/>
            <button type="button" class="button small" aria-label=format!("Remove {name}")
                on:click=move |_| problem.set(edit_criteria(state, move |c| { c.rules[r].any_of[g].remove(k); }).err())>"×"</button>
        </div>
    }
}

/// Mode, as-of date, the level distribution (bars and table) and the export.
#[component]
fn Overview() -> impl IntoView {
    let state = expect_context::<AppState>();
    let key = RwSignal::new(String::new());
    move || {
        let c = state.classified.get()?;
        let day = as_of(state, &c)?;
        let counts = c.result.distribution(day);
        let total: usize = counts.iter().sum();
        let mode = c.result.mode.description();
        let has_recorded = NotificationMode::available(&c.data);
        let max = counts.iter().copied().max().unwrap_or(1).max(1);
        let export = c.clone();
        Some(view! {
            <section class="card" aria-labelledby="distribution-title">
                <h2 id="distribution-title">"Levels as of " {iso(day)}</h2>
                <div class="form-grid narrow">
                    <label for="as-of">"As of"</label>
                    <input id="as-of" type="date" prop:value=iso(day) on:change=move |ev| {
                        state.as_of.set(parse_date_time(&event_target_value(&ev), DateOrder::MonthFirst).map(|d| d.day));
                    }/>
                    <label for="simulate">"Simulate notifications"</label>
                    <input id="simulate" type="checkbox" prop:checked=move || state.simulate.get() disabled=!has_recorded
                        on:change=move |ev| state.simulate.set(event_target_checked(&ev))/>
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
                        let list = standings(&export.result, day);
                        let k = key.get_untracked();
                        let csv = standings_csv(&export.data, &list, &export.criteria, Some(k.as_str()));
                        download(&format!("ipvi-levels-{}.csv", iso(day)), "text/csv", &csv);
                    }>"Export the notification list (CSV)"</button>
                </div>
                <p class="hint">"With a key, ids are replaced by pseudonyms; the same key gives the same pseudonyms, so two exports can be matched."</p>
            </section>
        })
    }
}

#[component]
fn PersonTable(selected: RwSignal<Option<u32>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let search = RwSignal::new(String::new());
    let level = RwSignal::new(String::from("all"));
    let sort = RwSignal::new(String::from("level"));
    let page = RwSignal::new(0usize);
    let rows = Memo::new(move |_| {
        let c = state.classified.get()?;
        let day = as_of(state, &c)?;
        let mut list: Vec<Standing> = standings(&c.result, day);
        let needle = search.get().trim().to_lowercase();
        let wanted = level.get();
        list.retain(|s| {
            (needle.is_empty() || c.data.people.name(s.person).to_lowercase().contains(&needle))
                && (wanted == "all" || s.level.map(Level::letter) == Some(wanted.as_str()))
        });
        match sort.get().as_str() {
            "id" => list.sort_by(|a, b| c.data.people.name(a.person).cmp(c.data.people.name(b.person))),
            "incidents" => list.sort_by_key(|s| std::cmp::Reverse(s.incidents)),
            "recent" => list.sort_by_key(|s| std::cmp::Reverse(s.level_day)),
            _ => list.sort_by(|a, b| b.level.cmp(&a.level).then(b.incidents.cmp(&a.incidents))),
        }
        Some((c, list))
    });
    let reset = move || page.set(0);
    view! {
        <section class="card" aria-labelledby="people-title">
            <h2 id="people-title">"People"</h2>
            <div class="filters">
                <label>"Search id " <input type="search" id="person-search" prop:value=move || search.get() on:input=move |ev| { search.set(event_target_value(&ev)); reset(); }/></label>
                <label>"Level " <select id="level-filter" on:change=move |ev| { level.set(event_target_value(&ev)); reset(); }>
                    <option value="all">"all"</option>
                    {Level::ALL.iter().rev().map(|l| view! { <option value=l.letter()>{l.letter()}</option> }).collect_view()}
                </select></label>
                <label>"Sort by " <select on:change=move |ev| { sort.set(event_target_value(&ev)); reset(); }>
                    <option value="level">"level, then incidents"</option>
                    <option value="id">"id"</option>
                    <option value="incidents">"incidents"</option>
                    <option value="recent">"most recent level"</option>
                </select></label>
            </div>
            {move || rows.with(|r| r.as_ref().map(|(c, list)| {
                let pages = list.len().div_ceil(PAGE_SIZE).max(1);
                let at = page.get().min(pages - 1);
                let (first_page, last_page) = (at == 0, at + 1 == pages);
                view! {
                    <table class="data-table people">
                        <caption>{format!("{} people; page {} of {}", count(list.len()), at + 1, pages)}</caption>
                        <thead><tr><th scope="col">"Person"</th><th scope="col">"Level"</th><th scope="col">"Why"</th><th scope="col">"Since"</th><th scope="col" class="num">"IPV incidents"</th></tr></thead>
                        <tbody>
                            {list.iter().skip(at * PAGE_SIZE).take(PAGE_SIZE).map(|s| {
                                let person = s.person;
                                let name = c.data.people.name(person).to_string();
                                view! {
                                    <tr>
                                        <th scope="row"><button type="button" class="link" on:click=move |_| selected.set(Some(person))>{name}</button></th>
                                        <td>{badge(s.level)}</td>
                                        <td class="reason">{ipvi::classify::reason(&s.step, &c.criteria)}</td>
                                        <td>{iso(s.level_day)}</td>
                                        <td class="num">{s.incidents}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <div class="pager">
                        <button type="button" class="button small" disabled=first_page on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"Previous"</button>
                        <button type="button" class="button small" disabled=last_page on:click=move |_| page.set(at + 1)>"Next"</button>
                    </div>
                }
            }))}
        </section>
    }
}

/// One person's incidents, levels, notifications, services and sanctions on one time line.
#[component]
fn Timeline(selected: RwSignal<Option<u32>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let person = selected.get()?;
        let c = state.classified.get()?;
        let (_, range) = c.result.people.iter().find(|(p, _)| *p == person)?.clone();
        let steps = &c.result.steps[range.start as usize..range.end as usize];
        let inc = &c.data.incidents;
        let mut events: Vec<(Day, String, Option<Level>, String)> = steps
            .iter()
            .map(|s| {
                let f = inc.flags[s.row as usize];
                let flags: Vec<&str> = [
                    (Flags::CHARGED, "charged"),
                    (Flags::FELONY, "felony"),
                    (Flags::WEAPON, "weapon"),
                    (Flags::STRANGULATION, "strangulation"),
                    (Flags::INJURY, "injury"),
                    (Flags::PO_VIOLATION, "protective-order violation"),
                ]
                .into_iter()
                .filter(|(flag, _)| f.has(*flag))
                .map(|(_, w)| w)
                .collect();
                let what = format!(
                    "Incident {}{}",
                    c.data.labels.name(inc.case_id[s.row as usize]),
                    if flags.is_empty() { String::new() } else { format!(" ({})", flags.join(", ")) }
                );
                (s.day, what, s.observation.level, ipvi::classify::reason(s, &c.criteria))
            })
            .collect();
        for n in c.result.notifications.iter().filter(|n| n.person == person) {
            let how =
                if c.result.mode == NotificationMode::Simulated { "Notification (simulated)" } else { "Notification" };
            events.push((n.day, format!("{how} at level {}", n.level.letter()), Some(n.level), String::new()));
        }
        if let Some(s) = &c.data.services {
            for i in (0..s.len()).filter(|&i| s.offender[i] == person) {
                let who = if s.role[i] == Role::Victim { "victim-survivor" } else { "offender" };
                events.push((
                    s.day[i],
                    format!("Service ({who}): {}", c.data.labels.name(s.service_type[i])),
                    None,
                    String::new(),
                ));
            }
        }
        if let Some(s) = &c.data.sanctions {
            for i in (0..s.len()).filter(|&i| s.person[i] == person) {
                events.push((
                    s.day[i],
                    format!("Sanction: {}", c.data.labels.name(s.sanction_type[i])),
                    None,
                    String::new(),
                ));
            }
        }
        events.sort_by_key(|e| e.0);
        let (first, last) = (events.first()?.0, events.last()?.0.max(events.first()?.0 + 1));
        let x = move |day: Day| 10.0 + 780.0 * f64::from(day - first) / f64::from(last - first);
        let name = c.data.people.name(person).to_string();
        Some(view! {
            <section class="card timeline" id="timeline" aria-labelledby="timeline-title">
                <div class="file-head">
                    <h2 id="timeline-title">"Timeline of " {name.clone()}</h2>
                    <button type="button" class="button small" on:click=move |_| selected.set(None)>"Close"</button>
                </div>
                <svg viewBox="0 0 800 60" class="timeline-strip" role="img" aria-label=format!("{} events from {} to {}", events.len(), iso(first), iso(last))>
                    <line x1="10" y1="30" x2="790" y2="30" stroke="#59616d"/>
                    {events.iter().map(|(day, what, level, _)| {
                        let fill = match level { Some(Level::A) => "#b30000", Some(Level::B) => "#e34a33", Some(Level::C) => "#fc8d59", Some(Level::D) => "#fdcc8a", None => "#ffffff" };
                        let y = if what.starts_with("Incident") { 30.0 } else if what.starts_with("Notification") { 14.0 } else { 46.0 };
                        view! { <circle cx=format!("{:.1}", x(*day)) cy=y.to_string() r="5" fill=fill stroke="#1d2127"><title>{format!("{} {}", iso(*day), what)}</title></circle> }
                    }).collect_view()}
                    <text x="10" y="58" font-size="10">{iso(first)}</text>
                    <text x="790" y="58" font-size="10" text-anchor="end">{iso(last)}</text>
                </svg>
                <p class="hint">"Middle line: incidents; above: notifications; below: services and sanctions. Colours are levels."</p>
                <table class="data-table">
                    <thead><tr><th scope="col">"Date"</th><th scope="col">"Event"</th><th scope="col">"Level"</th><th scope="col">"Why"</th></tr></thead>
                    <tbody>
                        {events.into_iter().map(|(day, what, level, why)| view! {
                            <tr><td>{iso(day)}</td><td>{what}</td><td>{level.map(|l| badge(Some(l)))}</td><td class="reason">{why}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        })
    }
}

/// A preset's classification, compared by identity.
#[derive(Clone)]
struct OtherResult(std::sync::Arc<ipvi::classify::Classification>, Criteria);

impl PartialEq for OtherResult {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The criteria being edited against a preset: who changes level.
#[component]
fn WhatIf() -> impl IntoView {
    let state = expect_context::<AppState>();
    let other = RwSignal::new(String::from("RFGV priority score"));
    // The other set's levels change only with the data, the preset or the notification mode,
    // not with each edit of the criteria.
    let other_result = Memo::new(move |_| {
        let loaded = state.loaded.get()?;
        let criteria = Criteria::preset(&other.get())?;
        let mode = NotificationMode::choose(&loaded.data, state.simulate.get());
        Some(OtherResult(std::sync::Arc::new(classify(&loaded.data, &criteria, mode)), criteria))
    });
    move || {
        let c = state.classified.get()?;
        let day = as_of(state, &c)?;
        let OtherResult(other_result, other_criteria) = other_result.get()?;
        let mine = standings(&c.result, day);
        let theirs = standings(&other_result, day);
        let cmp = compare(&mine, &theirs);
        let labels = ["D", "C", "B", "A", "none"];
        let order = [3usize, 2, 1, 0, 4];
        Some(view! {
            <section class="card" aria-labelledby="whatif-title">
                <h2 id="whatif-title">"What if: compare with another criteria set"</h2>
                <label>"Compare \"" {c.criteria.name.clone()} "\" (as edited) with "
                    <select id="what-if-other" on:change=move |ev| other.set(event_target_value(&ev))>
                        {Criteria::presets().into_iter().map(|p| { let selected = p.name == other.get_untracked(); view! { <option value=p.name.clone() selected=selected>{p.name.clone()}</option> } }).collect_view()}
                    </select>
                </label>
                <table class="data-table cross">
                    <caption>"People by level: rows as edited, columns under " {other_criteria.name.clone()}</caption>
                    <thead><tr><th scope="col">"as edited \\ other"</th>{order.iter().map(|&j| view! { <th scope="col" class="num">{labels[j]}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {order.iter().map(|&i| view! {
                            <tr><th scope="row">{labels[i]}</th>{order.iter().map(|&j| view! { <td class="num" class:diagonal=i == j>{count(cmp.cells[i][j])}</td> }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <p id="what-if-changed">{format!("{} of {} people change level.", count(cmp.changed.len()), count(mine.len()))}</p>
                <ul class="changed">
                    {cmp.changed.iter().take(20).map(|(p, a, b)| view! {
                        <li>{c.data.people.name(*p).to_string()} ": " {badge(*a)} " → " {badge(*b)}</li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
