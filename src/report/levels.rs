//! The report's "Classification criteria" and "Level distribution" parts, in the words of the
//! Classify page (`Feature::label`, `window_words`) and from the same standings.

use super::html::{attrs, escape, Html};
use super::ReportInput;
use crate::classify::criteria::{group_words, window_words};
use crate::classify::features::uses_score;
use crate::classify::report::standings;
use crate::classify::{Condition, Criteria, Feature};
use crate::model::{long_date, Level};
use crate::words::{count, percent};

/// The window a group's counts are taken over.
fn group_window(criteria: &Criteria, group: &[Condition]) -> String {
    if group.iter().any(|c| c.feature == Feature::Score) {
        format!("score over {}", window_words(criteria.score.window_days))
    } else {
        window_words(criteria.lookback_days)
    }
}

/// The criteria in words, then as a table of levels, groups and conditions.
pub fn criteria(criteria: &Criteria) -> String {
    let mut out = Html::new();
    let window = window_words(criteria.lookback_days);
    out.p(&format!(
        "Offenders were classified with the criteria \"{}\". At each IPV incident, a person's counts cover their incidents in the {window} up to it (both ends included); a gap of {window} between incidents starts the person afresh. The rules are tried in order and the first that holds gives the level: a rule holds when all the conditions of any one of its groups hold.",
        criteria.name
    ));
    out.p(if criteria.sticky {
        "Levels do not fall while a person stays active: a lower rule at a later incident keeps the higher level."
    } else {
        "Levels follow the rules at each incident, so they can fall as well as rise."
    });
    out.p(&format!(
        "Where notifications are simulated, each rise in level is followed by a notification {} days after the incident.",
        criteria.notification_delay_days
    ));
    let mut words = Vec::new();
    for rule in &criteria.rules {
        let groups: Vec<String> = rule.any_of.iter().map(|g| group_words(g)).collect();
        words.push(format!("Level {} when {}.", rule.level.letter(), groups.join("; or ")));
    }
    out.list("rules", &words);
    if uses_score(criteria) {
        let w = &criteria.score;
        out.p(&format!(
            "The RFGV priority score is taken over {}: recency R ({} points up to {} days after the last incident, none from {} days on, linear between), frequency F (incidents), gravity G (per incident: weapon {}, strangulation or injury {}, charged {}, other {}) and victims V; score = (R + F + G) x (1 + {} x (V - 1)).",
            window_words(w.window_days),
            w.recency_max,
            w.recency_full_days,
            w.recency_zero_days,
            w.weapon,
            w.strangulation_or_injury,
            w.charged,
            w.other,
            w.victim_factor
        ));
    }
    let mut rows = Vec::new();
    for rule in &criteria.rules {
        for (i, group) in rule.any_of.iter().enumerate() {
            let conditions: Vec<String> = group.iter().map(Condition::words).collect();
            let level = if i == 0 { rule.level.letter().to_string() } else { String::new() };
            rows.push(vec![level, (i + 1).to_string(), conditions.join("; "), group_window(criteria, group)]);
        }
    }
    let header = ["Level", "Group", "Conditions (all must hold)", "Counted over"].map(String::from);
    out.table(
        "criteria-table",
        "The criteria as a table, in priority order",
        &header,
        &rows,
        &[false, true, false, false],
    );
    out.into_string()
}

/// People at each level as of the last incident date, as the Classify page counts them.
pub fn distribution(input: &ReportInput) -> String {
    let mut out = Html::new();
    let Some(day) = input.classification.last_day() else {
        out.p("No person has an IPV incident with a suspect id, so nobody could be classified.");
        return out.into_string();
    };
    let list = standings(input.classification, day);
    let mut counts = [0usize; 5];
    for standing in &list {
        counts[standing.level.map_or(4, Level::index)] += 1;
    }
    let total = list.len();
    out.p(&format!(
        "As of {}, the last incident date in the data, {} people with an IPV incident, classified with \"{}\"; notifications {}.",
        long_date(day),
        count(total as u64),
        input.criteria.name,
        input.mode.description()
    ));
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    out.raw("<table id=\"level-distribution-table\">\n");
    out.el("caption", "", &format!("People by level as of {}", long_date(day)));
    out.raw("<thead><tr><th scope=\"col\">Level</th><th scope=\"col\" class=\"num\">People</th><th scope=\"col\" class=\"num\">Share</th><th scope=\"col\">Distribution</th></tr></thead>\n<tbody>\n");
    let mut rows: Vec<(Option<Level>, usize)> =
        Level::ALL.iter().rev().map(|&l| (Some(l), counts[l.index()])).collect();
    if counts[4] > 0 {
        rows.push((None, counts[4]));
    }
    for (level, n) in rows {
        let (name, class) = match level {
            Some(l) => (l.letter().to_string(), format!("level level-{}", l.letter().to_lowercase())),
            None => ("No level".to_string(), "level level-none".to_string()),
        };
        out.raw(&format!(
            "<tr><th scope=\"row\"><span{}>{}</span></th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"bar-cell\">{}</td></tr>\n",
            attrs(&[("class", &class)]),
            escape(&name),
            count(n as u64),
            if total == 0 { "-".into() } else { percent(n as f64 / total as f64) },
            bar(n as f64 / most as f64, level)
        ));
    }
    out.raw(&format!(
        "<tr class=\"total\"><th scope=\"row\">All</th><td class=\"num\">{}</td><td class=\"num\">100.0%</td><td></td></tr>\n",
        count(total as u64)
    ));
    out.raw("</tbody>\n</table>\n");
    out.into_string()
}

/// A bar as a small inline SVG (no style attribute, so the strictest policy still draws it), in
/// the level's colour (docs/methods.md#level-colours).
fn bar(fraction: f64, level: Option<Level>) -> String {
    let fill = match level {
        Some(Level::D) => "#fdcc8a",
        Some(Level::C) => "#fc8d59",
        Some(Level::B) => "#e34a33",
        Some(Level::A) => "#b30000",
        None => "#8a9099",
    };
    format!(
        "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><rect width=\"{:.1}\" height=\"10\" fill=\"{fill}\"/></svg>",
        100.0 * fraction
    )
}
