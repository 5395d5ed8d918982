//! The terms the outcome findings use, in plain words: one list that the Outcomes page and the
//! report's methods part both show (docs/methods.md#glossary).

/// A term and what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// The page's anchor (`glossary-ID`).
    pub id: &'static str,
    pub term: &'static str,
    pub meaning: &'static str,
}

/// Every term, in the order a reader meets them.
pub const GLOSSARY: &[Term] = &[
    Term {
        id: "complete-month",
        term: "Complete month",
        meaning: "A calendar month the data cover from its first to its last day. The first and last months of an \
            extract are often partial; they are shown but left out of every comparison.",
    },
    Term {
        id: "rate-ratio",
        term: "Rate ratio",
        meaning: "The average number per month after the start divided by the average before. 0.81 means 19% fewer; \
            1 means no change.",
    },
    Term {
        id: "confidence-interval",
        term: "95% confidence interval (CI)",
        meaning: "The range of values the data are consistent with. If it includes no change (a ratio of 1), chance \
            alone could have produced the difference.",
    },
    Term {
        id: "p-value",
        term: "p-value",
        meaning: "How often a difference at least this large would appear by chance alone if there were no real \
            difference. Below 0.05 is usually read as more than chance.",
    },
    Term {
        id: "interrupted-time-series",
        term: "Interrupted time series",
        meaning: "A model of the monthly counts that continues the trend from before the start and measures how far \
            the counts after it depart from that trend: a sudden step (level change) and a change in direction \
            (slope change).",
    },
    Term {
        id: "seasonal-pattern",
        term: "Seasonal pattern (month-of-year terms)",
        meaning: "The usual rise and fall over the year (more calls in summer, for example). The trend model allows \
            for it when each side of the start has at least a year of complete months.",
    },
    Term {
        id: "regression-to-the-mean",
        term: "Regression to the mean",
        meaning: "Places or people picked because they had many incidents recently tend to have fewer later even \
            if nothing changes, because an unusually busy period is usually followed by a more ordinary one.",
    },
    Term {
        id: "known-address",
        term: "Known address",
        meaning: "An address with two or more IPV calls in the year before the start.",
    },
    Term {
        id: "index-date",
        term: "Index date",
        meaning: "The day a person's follow-up begins: their notification, or for the comparison group their first \
            recorded IPV incident.",
    },
    Term {
        id: "comparison-cohort",
        term: "Comparison group (comparison cohort)",
        meaning: "People first recorded for IPV before the programme started, followed until the start, to show how \
            often people reoffended without a notification.",
    },
    Term {
        id: "kaplan-meier",
        term: "Kaplan-Meier curve",
        meaning: "The share of people who have not yet reoffended, day by day after their index date. It counts \
            each person only for as long as the data follow them.",
    },
    Term {
        id: "log-rank-test",
        term: "Log-rank test",
        meaning: "A test of whether two or more Kaplan-Meier curves differ by more than chance would explain.",
    },
    Term {
        id: "hazard-ratio",
        term: "Hazard ratio",
        meaning: "How often something happens in one period compared with another. Within the same people: their \
            rate of new incidents after notification divided by their own rate before the start; 0.34 means about \
            a third as often.",
    },
    Term {
        id: "wilcoxon-test",
        term: "Wilcoxon signed-rank test",
        meaning: "A test of whether the same people's gaps between incidents changed, comparing each person with \
            themselves.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_term_has_a_unique_anchor_and_a_plain_meaning() {
        let mut ids: Vec<&str> = GLOSSARY.iter().map(|t| t.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), GLOSSARY.len());
        assert!(GLOSSARY.iter().all(|t| t.meaning.ends_with('.') && t.meaning.len() > 40));
        let terms: Vec<&str> = GLOSSARY.iter().map(|t| t.term).collect();
        for needed in ["Rate ratio", "Interrupted time series", "Hazard ratio", "Log-rank test", "Index date"] {
            assert!(terms.contains(&needed), "{needed}");
        }
    }
}
