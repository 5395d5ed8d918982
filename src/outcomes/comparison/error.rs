//! Why comparison areas could not be read: the file (or area column), the line and the field,
//! and what was expected there.

use super::{month_iso, MIN_AREAS, MIN_MONTHS};
use std::fmt;

/// What is wrong with a comparison file or area column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ComparisonErrorKind {
    /// The bytes are not a text file (`detail`: why, as the extracts' reader says it).
    Unreadable {
        detail: String,
    },
    /// No header row with area, month and count columns (long form) or a month column and a
    /// column per area (wide form).
    UnknownForm {
        headers: Vec<String>,
    },
    /// A row with fewer fields than the header.
    FieldCount {
        found: usize,
        expected: usize,
    },
    BadMonth {
        field: String,
        value: String,
    },
    BadCount {
        field: String,
        value: String,
    },
    EmptyArea {
        field: String,
    },
    /// The same area and month twice (long form), or the same month twice (wide form).
    Duplicate {
        area: Option<String>,
        month: i32,
        first_line: u64,
    },
    /// Two columns of the wide form name the same area.
    DuplicateArea {
        area: String,
    },
    /// Every area misses a month of the panel's span.
    NoCompleteArea,
    TooFewAreas {
        found: usize,
    },
    TooFewMonths {
        found: usize,
    },
    /// The counted events' extract has no area column mapped.
    NoAreaColumn {
        counted: &'static str,
    },
    NoEvents {
        counted: &'static str,
    },
}

/// A comparison file (or area column) that gives no panel, with where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComparisonError {
    /// The file's name, or "area column X".
    pub source: String,
    pub line: Option<u64>,
    pub kind: ComparisonErrorKind,
}

impl ComparisonError {
    pub fn new(source: &str, line: Option<u64>, kind: ComparisonErrorKind) -> ComparisonError {
        ComparisonError { source: source.to_string(), line, kind }
    }

    /// The field (column) the error is in, when it is in one.
    pub fn field(&self) -> Option<&str> {
        match &self.kind {
            ComparisonErrorKind::BadMonth { field, .. }
            | ComparisonErrorKind::BadCount { field, .. }
            | ComparisonErrorKind::EmptyArea { field } => Some(field),
            _ => None,
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl fmt::Display for ComparisonErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ComparisonErrorKind::*;
        match self {
            Unreadable { detail } => write!(f, "not readable as a text file: {detail}"),
            UnknownForm { headers } => write!(
                f,
                "the header row ({}) has neither area, month and count columns (long form) nor a month column \
                 followed by one column per area (wide form)",
                headers.join(", ")
            ),
            FieldCount { found, expected } => {
                write!(f, "{} where the header has {expected}", plural(*found, "field", "fields"))
            }
            BadMonth { field, value } => {
                write!(f, "{field}: {value:?} is not a month (expected YYYY-MM, YYYY-MM-DD or MM/YYYY)")
            }
            BadCount { field, value } => write!(f, "{field}: {value:?} is not a whole number of at least 0"),
            EmptyArea { field } => write!(f, "{field}: the area is empty"),
            Duplicate { area: Some(area), month, first_line } => {
                write!(f, "area {area:?}, month {} is already on line {first_line}", month_iso(*month))
            }
            Duplicate { area: None, month, first_line } => {
                write!(f, "month {} is already on line {first_line}", month_iso(*month))
            }
            DuplicateArea { area } => write!(f, "two columns are named {area:?}; each area needs its own column"),
            NoCompleteArea => f.write_str("no area has a count for every month; each area needs every month"),
            TooFewAreas { found } => {
                write!(f, "{} to compare; at least {MIN_AREAS} are needed", plural(*found, "area", "areas"))
            }
            TooFewMonths { found } => {
                write!(f, "{}; at least {MIN_MONTHS} are needed", plural(*found, "month", "months"))
            }
            NoAreaColumn { counted } => write!(
                f,
                "the {counted} have no area column (beat, district, sector, ...): choose it in the file's column \
                 mapping on the Data page"
            ),
            NoEvents { counted } => write!(f, "there are no {counted} to count by area"),
        }
    }
}

/// `comparison.csv line 14, count: "12.5" is not a whole number of at least 0`.
impl fmt::Display for ComparisonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.field().is_some()) {
            (Some(line), true) => write!(f, "{} line {line}, {}", self.source, self.kind),
            (Some(line), false) => write!(f, "{} line {line}: {}", self.source, self.kind),
            (None, _) => write!(f, "{}: {}", self.source, self.kind),
        }
    }
}

impl std::error::Error for ComparisonError {}
