//! How slashed dates read: the first rows of a file, kept as samples for the mapping preview
//! and scanned for a date in the date column that gives its order away (03/13 or 13/03).

use super::csv_builder;
use crate::ingest::dates::{order_evidence, DateOrder, OrderEvidence};

/// Rows scanned at most for a date that gives the order away.
const MAX_SCANNED: usize = 100_000;
/// Rows kept as samples.
const SAMPLES: usize = 3;

/// What the first rows say.
pub(super) struct Scan {
    /// The first rows as written.
    pub samples: Vec<Vec<String>>,
    pub evidence: OrderEvidence,
    /// Whether any date in the column is written with slashes.
    pub slashed: bool,
}

/// The date order to read with, how it was found, and what the user should know about it.
#[derive(Clone, Debug)]
pub(super) struct DateChoice {
    pub order: DateOrder,
    pub evidence: OrderEvidence,
    pub warnings: Vec<String>,
}

/// Evidence so far combined with one more value's.
fn combine(evidence: OrderEvidence, seen: OrderEvidence) -> OrderEvidence {
    match (evidence, seen) {
        (_, OrderEvidence::Ambiguous) => evidence,
        (OrderEvidence::Ambiguous, _) => seen,
        _ if evidence == seen => seen,
        _ => OrderEvidence::Mixed,
    }
}

/// Reads the first rows of `text` (past the `before_data` records above them: title lines and
/// the header row) for samples and, in `date_column`, evidence of the date order. Slashed
/// dates give their order away only from the 13th of a month: it keeps looking (up to 100,000
/// rows) until one does.
pub(super) fn scan(text: &[u8], delimiter: u8, before_data: usize, date_column: Option<usize>) -> Scan {
    let mut samples = Vec::new();
    let mut reader = csv_builder(delimiter).from_reader(text);
    let mut record = csv::StringRecord::new();
    let (mut evidence, mut slashed) = (OrderEvidence::Ambiguous, false);
    let mut scanned = 0;
    while scanned < MAX_SCANNED + before_data && reader.read_record(&mut record).unwrap_or(false) {
        scanned += 1;
        if scanned <= before_data {
            continue;
        }
        if samples.len() < SAMPLES {
            samples.push(record.iter().map(String::from).collect());
        }
        let Some(column) = date_column else {
            if samples.len() >= SAMPLES {
                break;
            }
            continue;
        };
        if let Some(value) = record.get(column) {
            slashed |= value.contains('/');
            evidence = combine(evidence, order_evidence([value]));
            if evidence == OrderEvidence::Mixed {
                break;
            }
        }
        // Enough: ISO (unslashed) dates need no evidence; slashed ones once it is found.
        if samples.len() >= SAMPLES && scanned > 2000 && (!slashed || evidence != OrderEvidence::Ambiguous) {
            break;
        }
    }
    Scan { samples, evidence, slashed }
}

/// The first `n` data rows of `text` (past the `before_data` records above them), as written.
pub(super) fn first_rows(text: &[u8], delimiter: u8, before_data: usize, n: usize) -> Vec<Vec<String>> {
    let mut reader = csv_builder(delimiter).from_reader(text);
    reader
        .records()
        .skip(before_data)
        .take(n)
        .map_while(Result::ok)
        .map(|r| r.iter().map(String::from).collect())
        .collect()
}

/// The order to read with: the user's (or remembered) choice, else what the column says,
/// else month first (US), with a warning when that is a guess or the column is mixed.
pub(super) fn decide(scan: &Scan, chosen: Option<DateOrder>) -> DateChoice {
    let order = chosen.unwrap_or(match scan.evidence {
        OrderEvidence::DayFirst => DateOrder::DayFirst,
        _ => DateOrder::MonthFirst,
    });
    let mut warnings = Vec::new();
    match (scan.evidence, chosen) {
        (OrderEvidence::Mixed, _) => warnings.push(
            "the date column mixes day-first and month-first dates (such as 13/01 and 01/13): check the extract"
                .to_string(),
        ),
        (OrderEvidence::Ambiguous, None) if scan.slashed => warnings.push(
            "dates such as 03/04/2019 could be read either way; they are read month first (US). \
             Choose day first if the extract writes 3 April as 03/04/2019."
                .to_string(),
        ),
        _ => {}
    }
    DateChoice { order, evidence: scan.evidence, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_text(text: &str) -> Scan {
        scan(text.as_bytes(), b',', 1, Some(0))
    }

    #[test]
    fn one_telling_date_decides_and_two_that_disagree_are_mixed() {
        let s = scan_text("Date,Id\n03/04/2019,1\n02/02/2019,2\n25/03/2019,3\n");
        assert_eq!((s.evidence, s.slashed, s.samples.len()), (OrderEvidence::DayFirst, true, 3));
        assert_eq!(decide(&s, None).order, DateOrder::DayFirst);
        let s = scan_text("Date,Id\n25/03/2019,1\n03/25/2019,2\n");
        assert_eq!(s.evidence, OrderEvidence::Mixed);
        assert!(decide(&s, None).warnings[0].contains("mixes"));
    }

    #[test]
    fn ambiguous_slashed_dates_are_a_guess_unless_the_user_chose() {
        let s = scan_text("Date,Id\n03/04/2019,1\n");
        assert_eq!(s.evidence, OrderEvidence::Ambiguous);
        let guess = decide(&s, None);
        assert_eq!((guess.order, guess.warnings.len()), (DateOrder::MonthFirst, 1));
        let chosen = decide(&s, Some(DateOrder::DayFirst));
        assert_eq!((chosen.order, chosen.warnings.len()), (DateOrder::DayFirst, 0));
        assert!(decide(&scan_text("Date,Id\n2019-03-04,1\n"), None).warnings.is_empty());
    }
}
