//! The criteria as editable rules: presets, windows, each level's groups of conditions, export
//! and import. An edit that would make the criteria unusable is not applied; the problem is
//! said next to the field it is about, which is marked invalid.

use super::badge;
use crate::ui::io::download;
use crate::ui::state::AppState;
use ipvi::classify::criteria::{duration_words, group_words};
use ipvi::classify::{Compare, Condition, Criteria, CriteriaError, Feature, RulePlace};
use ipvi::model::Level;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The field of the editor a problem is about.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Field {
    Lookback,
    Delay,
    /// A group of a rule: (rule index, group index).
    Group(usize, usize),
    /// A condition's threshold: (rule index, group index, condition index).
    Threshold(usize, usize, usize),
    /// The imported file (and problems of parts the editor does not show).
    File,
}

/// A problem to show next to its field.
#[derive(Clone, Debug, PartialEq)]
struct Problem {
    field: Field,
    message: String,
}

impl Problem {
    /// Where the editor shows an error of the criteria it was editing.
    fn of(error: &CriteriaError) -> Problem {
        let field = match error {
            CriteriaError::Lookback { .. } => Field::Lookback,
            CriteriaError::NotificationDelay { .. } => Field::Delay,
            CriteriaError::EmptyGroup(at) => Field::Group(at.rule, at.group),
            CriteriaError::Threshold(at) | CriteriaError::ThresholdRange { at, .. } => {
                Field::Threshold(at.rule, at.group, at.condition.unwrap_or(0))
            }
            _ => Field::File,
        };
        Problem { field, message: error.to_string() }
    }
}

type Problems = RwSignal<Option<Problem>>;

/// The groups opened into their fields, as (rule, group): kept while the rules are drawn again
/// after each edit.
type OpenGroups = RwSignal<BTreeSet<(usize, usize)>>;

/// Moves the focus from the editor to the results (the level distribution's heading).
fn skip_to_results() {
    if let Some(heading) = document().get_element_by_id("distribution-title") {
        use wasm_bindgen::JsCast;
        if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
            let _ = heading.focus();
        }
    }
}

/// `aria-invalid` for a field: present only while the problem is about it.
fn invalid(problem: Problems, field: Field) -> impl Fn() -> Option<&'static str> + Copy {
    move || problem.with(|p| p.as_ref().is_some_and(|p| p.field == field).then_some("true"))
}

/// `aria-describedby` for a field: its message's id while there is one.
fn described(problem: Problems, field: Field, id: String) -> impl Fn() -> Option<String> {
    let is_invalid = invalid(problem, field);
    move || is_invalid().map(|_| id.clone())
}

/// The problem's message, shown next to its field (and announced).
fn message(problem: Problems, field: Field, id: String) -> impl IntoView {
    move || {
        problem.with(|p| {
            p.as_ref()
                .filter(|p| p.field == field)
                .map(|p| view! { <p class="field-error" role="alert" id=id.clone()>{p.message.clone()}</p> })
        })
    }
}

/// Applies an edit to the criteria when the result is valid; the problem otherwise.
fn edit_criteria(state: AppState, edit: impl FnOnce(&mut Criteria)) -> Result<(), CriteriaError> {
    let mut next = state.settings.criteria.get_untracked();
    edit(&mut next);
    next.validate()?;
    state.settings.criteria.set(next);
    Ok(())
}

#[component]
pub fn CriteriaEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let problem: Problems = RwSignal::new(None);
    let open_groups: OpenGroups = RwSignal::new(BTreeSet::new());
    let apply = move |edit: Box<dyn FnOnce(&mut Criteria)>| {
        problem.set(edit_criteria(state, edit).err().as_ref().map(Problem::of));
    };
    let whole_days = move |field: Field, text: String, edit: fn(&mut Criteria, i32)| match text
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
    {
        Some(v) => apply(Box::new(move |c| edit(c, v as i32))),
        None => {
            let what = if field == Field::Lookback { "lookback" } else { "delay" };
            problem.set(Some(Problem { field, message: format!("The {what} must be a whole number of days") }))
        }
    };
    let import = move |ev: leptos::ev::Event| import_criteria(state, problem, &ev);
    view! {
        <section class="card criteria" aria-labelledby="criteria-title">
            <h2 id="criteria-title">"Criteria"</h2>
            <button type="button" class="link skip-results" on:click=move |_| skip_to_results()>"Skip to the results"</button>
            <label for="preset">"Start from a preset"</label>
            <select id="preset" on:change=move |ev| {
                if let Some(preset) = Criteria::preset(&event_target_value(&ev)) {
                    apply(Box::new(move |c| *c = preset));
                }
            }>
                <option value="" selected=true disabled=true>{move || format!("Editing: {}", state.settings.criteria.with(|c| c.name.clone()))}</option>
                {Criteria::presets().into_iter().map(|p| view! { <option value=p.name.clone()>{p.name.clone()}</option> }).collect_view()}
            </select>
            <div class="form-grid narrow">
                <label for="lookback">"Lookback window (days)"</label>
                <input id="lookback" type="number" min="1" prop:value=move || state.settings.criteria.with(|c| c.lookback_days.to_string())
                    aria-invalid=invalid(problem, Field::Lookback) aria-describedby=described(problem, Field::Lookback, "lookback-error".into())
                    on:change=move |ev| whole_days(Field::Lookback, event_target_value(&ev), |c, v| c.lookback_days = v)/>
                <span class="unit-hint" id="lookback-words">{move || state.settings.criteria.with(|c| format!("= {}", duration_words(c.lookback_days)))}</span>
                {message(problem, Field::Lookback, "lookback-error".into())}
                <label for="delay">"Simulated notification delay (days)"</label>
                <input id="delay" type="number" min="0" prop:value=move || state.settings.criteria.with(|c| c.notification_delay_days.to_string())
                    aria-invalid=invalid(problem, Field::Delay) aria-describedby=described(problem, Field::Delay, "delay-error".into())
                    on:change=move |ev| whole_days(Field::Delay, event_target_value(&ev), |c, v| c.notification_delay_days = v)/>
                {message(problem, Field::Delay, "delay-error".into())}
                <label for="sticky">"Levels never fall while active"</label>
                <input id="sticky" type="checkbox" prop:checked=move || state.settings.criteria.with(|c| c.sticky)
                    on:change=move |ev| { let on = event_target_checked(&ev); apply(Box::new(move |c| c.sticky = on)) }/>
            </div>
            <p class="hint">"The first level from the top whose rule holds is given. A rule holds when any one of its groups holds; a group holds when all its conditions do."</p>
            {move || {
                let criteria = state.settings.criteria.get();
                criteria.rules.iter().enumerate().map(|(r, rule)| rule_fieldset(state, problem, open_groups, r, rule.level, &rule.any_of)).collect_view()
            }}
            <div class="actions">
                <button type="button" class="button" on:click=move |_| {
                    let json = serde_json::to_vec_pretty(&state.settings.criteria.get_untracked()).unwrap_or_default();
                    download("ipvi-criteria.json", "application/json", &json);
                }>"Export criteria"</button>
                <label class="button file-button">"Import criteria"<input type="file" accept=".json,application/json"
                    aria-invalid=invalid(problem, Field::File) aria-describedby=described(problem, Field::File, "import-error".into()) on:change=import/></label>
            </div>
            {message(problem, Field::File, "import-error".into())}
        </section>
    }
}

/// Reads a criteria file chosen in the file input; uses it when it is valid, and says what is
/// wrong with it next to the input otherwise.
fn import_criteria(state: AppState, problem: Problems, ev: &leptos::ev::Event) {
    let input: web_sys::HtmlInputElement = event_target(ev);
    let Some(file) = crate::ui::io::files_of(input.files()).into_iter().next() else { return };
    input.set_value("");
    leptos::task::spawn_local(async move {
        let text = crate::ui::io::file_text(&file).await;
        let message = match text.map(|t| Criteria::from_json(&t)) {
            Some(Ok(criteria)) => {
                state.settings.criteria.set(criteria);
                problem.set(None);
                return;
            }
            Some(Err(e)) => format!("{}: {e}", file.name()),
            None => format!("{}: the browser could not read the file", file.name()),
        };
        problem.set(Some(Problem { field: Field::File, message }));
    });
}

/// One level's rule: its groups, each a sentence that opens into its conditions and buttons.
fn rule_fieldset(
    state: AppState,
    problem: Problems,
    open_groups: OpenGroups,
    r: usize,
    level: Level,
    any_of: &[Vec<Condition>],
) -> impl IntoView {
    let apply = move |edit: Box<dyn FnOnce(&mut Criteria)>| {
        problem.set(edit_criteria(state, edit).err().as_ref().map(Problem::of));
    };
    let groups = any_of.len();
    view! {
        <fieldset class="rule">
            <legend>{badge(Some(level))}" when any of:"</legend>
            {any_of.iter().enumerate().map(|(g, group)| {
                let place = RulePlace { rule: r, level, group: g, condition: None };
                let error_id = format!("group-{r}-{g}-error");
                let sentence = if group.is_empty() { "no conditions yet".to_string() } else { group_words(group) };
                let is_open = open_groups.with_untracked(|o| o.contains(&(r, g))) || problem.with_untracked(|p| p.as_ref().is_some_and(|p| matches!(p.field, Field::Group(pr, pg) | Field::Threshold(pr, pg, _) if (pr, pg) == (r, g))));
                view! {
                    <details class="group" open=is_open on:toggle=move |ev| {
                        let now_open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                        open_groups.update_untracked(|o| { if now_open { o.insert((r, g)); } else { o.remove(&(r, g)); } });
                    }>
                    <summary>{format!("Group {}: {sentence}", g + 1)}</summary>
                    <div role="group" aria-label=place.to_string()
                        aria-invalid=invalid(problem, Field::Group(r, g)) aria-describedby=described(problem, Field::Group(r, g), error_id.clone())>
                        {group.iter().enumerate().map(|(k, cond)| condition_row(state, problem, RulePlace { condition: Some(k), ..place }, *cond)).collect_view()}
                        <div class="group-actions">
                            <button type="button" class="button small" on:click=move |_| apply(Box::new(move |c| c.rules[r].any_of[g].push(Condition::at_least(Feature::Incidents, 1.0))))>"+ and"</button>
                            <button type="button" class="button small" on:click=move |_| {
                                open_groups.update_untracked(|o| o.retain(|&(rule, _)| rule != r));
                                apply(Box::new(move |c| { c.rules[r].any_of.remove(g); }))
                            }>"Remove group"</button>
                        </div>
                        {message(problem, Field::Group(r, g), error_id.clone())}
                    </div>
                    </details>
                }
            }).collect_view()}
            <button type="button" class="button small" on:click=move |_| {
                // The new group opens into its fields.
                open_groups.update_untracked(|o| { o.insert((r, groups)); });
                apply(Box::new(move |c| c.rules[r].any_of.push(vec![Condition::at_least(Feature::Charges, 1.0)])))
            }>"+ or"</button>
        </fieldset>
    }
}

/// One condition: feature, comparison, threshold and a remove button, labelled by its place
/// ("Level B group 1 condition 1").
fn condition_row(state: AppState, problem: Problems, at: RulePlace, cond: Condition) -> impl IntoView {
    let (r, g, k) = (at.rule, at.group, at.condition.unwrap_or(0));
    let apply = move |edit: Box<dyn FnOnce(&mut Condition)>| {
        problem.set(edit_criteria(state, move |c| edit(&mut c.rules[r].any_of[g][k])).err().as_ref().map(Problem::of));
    };
    let field = Field::Threshold(r, g, k);
    let set_threshold = move |ev: leptos::ev::Event| match event_target_value(&ev).trim().parse::<f64>() {
        Ok(v) if v.is_finite() => apply(Box::new(move |c| c.value = v)),
        _ => problem.set(Some(Problem::of(&CriteriaError::Threshold(at)))),
    };
    let remove = move |_| {
        problem.set(
            edit_criteria(state, move |c| {
                c.rules[r].any_of[g].remove(k);
            })
            .err()
            .as_ref()
            .map(Problem::of),
        );
    };
    let error_id = format!("threshold-{r}-{g}-{k}-error");
    view! {
        <div class="condition">
            <select aria-label=format!("{at}: feature") on:change=move |ev| {
                let i = event_target_value(&ev).parse::<usize>().unwrap_or(0);
                apply(Box::new(move |c| c.feature = Feature::ALL[i]));
            }>
                {Feature::ALL.iter().enumerate().map(|(i, f)| view! { <option value=i.to_string() selected=*f == cond.feature>{f.label()}</option> }).collect_view()}
            </select>
            <select aria-label=format!("{at}: comparison") on:change=move |ev| {
                let at_most = event_target_value(&ev) == "at-most";
                apply(Box::new(move |c| c.compare = if at_most { Compare::AtMost } else { Compare::AtLeast }));
            }>
                <option value="at-least" selected=cond.compare == Compare::AtLeast>"at least"</option>
                <option value="at-most" selected=cond.compare == Compare::AtMost>"at most"</option>
            </select>
            <input type="number" step="any" aria-label=format!("{at}: threshold") prop:value=cond.value.to_string()
                aria-invalid=invalid(problem, field) aria-describedby=described(problem, field, error_id.clone()) on:change=set_threshold/>
            <button type="button" class="button small" aria-label=format!("Remove {at}") on:click=remove>"Remove"</button>
            {message(problem, field, error_id)}
        </div>
    }
}
