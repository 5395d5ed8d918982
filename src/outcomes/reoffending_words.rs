//! The words of the reoffending finding: a plain sentence first (the one-year share, then the
//! within-person comparison), the estimates and tests as technical lines
//! (docs/methods.md#reoffending-after-notification).

use super::guard::{first_shortfall, MIN_EVENTS, MIN_PEOPLE};
use super::reoffending::WindowRate;
use super::within_person::SelfControlled;
use super::wording::{estimate_ci, log_rank_technical, share_ci, share_of};
use super::Reoffense;
use crate::model::Level;
use crate::stats::logrank::LogRank;
use crate::words::count;

/// What a reoffence is, as the finding says it.
pub fn reoffence_words(reoffense: Reoffense) -> &'static str {
    match reoffense {
        Reoffense::Any => "another IPV incident",
        Reoffense::Charged => "another IPV incident that led to a charge",
        Reoffense::SameVictim => "another IPV incident against the same victim-survivor",
    }
}

/// The one-year window of a level (or of everyone).
pub fn year(windows: &[WindowRate], level: Option<Level>) -> Option<&WindowRate> {
    windows.iter().find(|w| w.days == 365 && w.level == level)
}

/// "About 1 in 6 (16%)" with the first letter capitalised.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// The one-year sentence, or why there is none.
fn one_year(windows: &[WindowRate], what: &str, technical: &mut Vec<String>) -> String {
    let w = year(windows, None);
    let followed = w.map_or(0, |w| w.people);
    if let Some(short) = first_shortfall(&[("notified people followed for a full year", MIN_PEOPLE, followed)]) {
        return short.sentence();
    }
    let Some((w, s)) = w.and_then(|w| Some((w, w.share?))) else {
        return "No notified person has a full year of follow-up yet.".into();
    };
    technical.push(format!(
        "Reoffended within 365 days: {} of {} notified people with a full year of follow-up, {}; 95% Wilson CI.",
        count(w.reoffended),
        count(w.people),
        share_ci(&s)
    ));
    format!(
        "{} were the suspect in {what} within a year of their notification ({} people followed a full year).",
        capitalise(&share_of(s.value, "notified people")),
        count(w.people)
    )
}

/// The within-person sentence: the same people's rate after notification against before.
fn within_person(within: &SelfControlled, technical: &mut Vec<String>) -> Option<String> {
    let short = first_shortfall(&[
        (
            "incidents of notified people before the start, for the within-person comparison",
            MIN_EVENTS,
            within.events_before,
        ),
        (
            "incidents of notified people after notification, for the within-person comparison",
            MIN_EVENTS,
            within.events_after,
        ),
    ]);
    if let Some(short) = short {
        return Some(short.sentence());
    }
    let hr = within.hazard_ratio?;
    technical.push(format!(
        "Within-person hazard ratio {}: conditional Poisson, {} people, {} incidents before the start and {} after \
         notification.",
        estimate_ci(&hr, 2),
        count(within.people as u64),
        count(within.events_before),
        count(within.events_after)
    ));
    let change = if hr.high < 1.0 {
        format!("about {:.0}% less often", (1.0 - hr.value) * 100.0)
    } else if hr.low > 1.0 {
        format!("about {:.0}% more often", (hr.value - 1.0) * 100.0)
    } else {
        "about as often (the difference could be chance)".into()
    };
    Some(format!(
        "Compared with their own record before the start, the same people had new IPV incidents {change} after \
         their notification."
    ))
}

/// The finding and its technical lines.
pub fn finding(
    windows: &[WindowRate],
    within: &SelfControlled,
    reoffense: Reoffense,
    tests: (&Option<LogRank>, &Option<LogRank>),
) -> (String, Vec<String>) {
    let mut technical = Vec::new();
    let mut finding = one_year(windows, reoffence_words(reoffense), &mut technical);
    if let Some(words) = within_person(within, &mut technical) {
        finding = format!("{finding} {words}");
    }
    technical.push(log_rank_technical("between the levels", tests.0));
    technical.push(log_rank_technical("between notified people and people before the start", tests.1));
    (finding, technical)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Estimate;

    fn window(level: Option<Level>, people: u64, reoffended: u64) -> WindowRate {
        let share = crate::stats::rates::wilson(reoffended, people);
        WindowRate { days: 365, level, people, reoffended, share }
    }

    fn within(before: u64, after: u64) -> SelfControlled {
        let hazard_ratio = Some(Estimate { value: 0.34, low: 0.3, high: 0.39 });
        SelfControlled {
            people: 500,
            events_before: before,
            days_before: 1e5,
            events_after: after,
            days_after: 1e5,
            hazard_ratio,
        }
    }

    #[test]
    fn the_finding_is_plain_and_the_estimates_are_technical() {
        let (finding, technical) = finding(&[window(None, 600, 100)], &within(400, 90), Reoffense::Any, (&None, &None));
        assert!(
            finding.starts_with(
                "About 1 in 6 notified people (17%) were the suspect in another IPV incident within a year"
            ),
            "{finding}"
        );
        assert!(finding.contains("had new IPV incidents about 66% less often after their notification"), "{finding}");
        assert!(!finding.contains("hazard") && !finding.contains("CI"), "{finding}");
        assert!(technical.iter().any(|t| t.starts_with("Within-person hazard ratio 0.34 (95% CI 0.30 to 0.39)")));
        assert!(technical.iter().any(|t| t.contains("16.7% (95% CI")));
    }

    #[test]
    fn too_few_people_or_events_say_not_enough_data() {
        let (finding, technical) = finding(&[window(None, 12, 3)], &within(5, 30), Reoffense::Charged, (&None, &None));
        assert_eq!(
            finding,
            "Not enough data: notified people followed for a full year (need 20, have 12). Not enough data: incidents \
             of notified people before the start, for the within-person comparison (need 20, have 5)."
        );
        assert!(!technical.iter().any(|t| t.contains("hazard ratio")));
    }
}
