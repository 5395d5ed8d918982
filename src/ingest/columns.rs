//! A parsed file as compact bytes, and back: how a file parsed in the web app's worker reaches
//! the page (docs/architecture.md#the-web-app). The table's columns are little-endian arrays,
//! each id space its names back to back and their starts; the small parts (headers, mapping,
//! quality report, samples) are JSON. Reading back checks everything, so that bytes that are
//! not such an encoding give an error, never a panic or ids that point nowhere.

use super::dates::DateOrder;
use super::error::IngestError;
use super::mapping::Mapping;
use super::parse::{ParsedFile, Parser, TableRows};
use super::quality::{QualityReport, RowProblem};
use crate::model::{Calls, Flags, Ids, Incidents, Level, Notifications, Role, Sanctions, Services, NO_ID};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// The first bytes of an encoding; the last byte is the format's version.
const MAGIC: &[u8; 8] = b"IPVIcol\x01";

/// Bytes that are not an encoded parsed file, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnsError(String);

impl fmt::Display for ColumnsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not an encoded parsed file: {}", self.0)
    }
}

impl std::error::Error for ColumnsError {}

fn invalid(what: impl Into<String>) -> ColumnsError {
    ColumnsError(what.into())
}

/// The parts of a parsed file that are not columns. The report's row problems and the
/// profiles' mean days travel beside it: the report's JSON leaves the problems out, and JSON
/// need not give back the last bit of a float.
#[derive(Serialize, Deserialize)]
struct Small {
    headers: Vec<String>,
    mapping: Mapping,
    report: QualityReport,
    problems: Vec<RowProblem>,
    mean_days: Vec<Option<u64>>,
    samples: Vec<Vec<String>>,
}

/// A file whose columns the user must choose (`Parser::check` failed): what the page shows
/// for them, as the worker hands it over.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AwaitingColumns {
    pub headers: Vec<String>,
    pub mapping: Mapping,
    pub samples: Vec<Vec<String>>,
    pub order: DateOrder,
    pub error: IngestError,
}

impl AwaitingColumns {
    pub fn of(parser: &Parser, error: IngestError) -> AwaitingColumns {
        AwaitingColumns {
            headers: parser.headers.clone(),
            mapping: parser.mapping.clone(),
            samples: parser.samples.clone(),
            order: parser.date_order(),
            error,
        }
    }
}

/// A value of a column, as a fixed number of little-endian bytes.
trait Cell: Copy {
    const SIZE: usize;
    fn put(self, out: &mut Vec<u8>);
    /// `None` for bytes that are no value of the type.
    fn get(bytes: &[u8]) -> Option<Self>;
}

macro_rules! number_cell {
    ($($t:ty),+) => {$(
        impl Cell for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            fn put(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn get(bytes: &[u8]) -> Option<Self> {
                Some(<$t>::from_le_bytes(bytes.try_into().ok()?))
            }
        }
    )+};
}

number_cell!(u16, u32, i32);

impl Cell for Flags {
    const SIZE: usize = 2;
    fn put(self, out: &mut Vec<u8>) {
        self.0.put(out);
    }
    fn get(bytes: &[u8]) -> Option<Self> {
        u16::get(bytes).map(Flags)
    }
}

impl Cell for Level {
    const SIZE: usize = 1;
    fn put(self, out: &mut Vec<u8>) {
        out.push(self.index() as u8);
    }
    fn get(bytes: &[u8]) -> Option<Self> {
        Level::ALL.get(usize::from(bytes[0])).copied()
    }
}

impl Cell for Role {
    const SIZE: usize = 1;
    fn put(self, out: &mut Vec<u8>) {
        out.push(u8::from(self == Role::Victim));
    }
    fn get(bytes: &[u8]) -> Option<Self> {
        match bytes[0] {
            0 => Some(Role::Offender),
            1 => Some(Role::Victim),
            _ => None,
        }
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn len(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u64).to_le_bytes());
    }

    fn bytes(&mut self, bytes: &[u8]) {
        self.len(bytes.len());
        self.0.extend_from_slice(bytes);
    }

    fn column<T: Cell>(&mut self, column: &[T]) {
        self.len(column.len());
        self.0.reserve(column.len() * T::SIZE);
        column.iter().for_each(|&v| v.put(&mut self.0));
    }

    fn ids(&mut self, ids: &Ids) {
        let (arena, starts) = ids.to_parts();
        self.bytes(arena.as_bytes());
        self.column(starts);
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], ColumnsError> {
        if n > self.0.len() {
            return Err(invalid(format!("it ends inside the {what}")));
        }
        let (taken, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(taken)
    }

    fn len(&mut self, what: &str) -> Result<usize, ColumnsError> {
        let raw = self.take(8, what)?;
        let n = u64::from_le_bytes(raw.try_into().expect("8 bytes"));
        usize::try_from(n).map_err(|_| invalid(format!("the length of the {what} is too large")))
    }

    fn bytes(&mut self, what: &str) -> Result<&'a [u8], ColumnsError> {
        let n = self.len(what)?;
        self.take(n, what)
    }

    /// A column of any length (its bytes are checked against what is left before any room is
    /// taken for it).
    fn any_column<T: Cell>(&mut self, what: &str) -> Result<Vec<T>, ColumnsError> {
        let n = self.len(what)?;
        let size = n.checked_mul(T::SIZE).ok_or_else(|| invalid(format!("the {what} is too long")))?;
        let raw = self.take(size, what)?;
        // Room for all values at once (collecting `Option`s would grow the vector step by step).
        let mut column = Vec::with_capacity(n);
        for value in raw.chunks_exact(T::SIZE).map(T::get) {
            column.push(value.ok_or_else(|| invalid(format!("the {what} holds a value that is not one of its kind")))?);
        }
        Ok(column)
    }

    /// A column of the table: `rows` values.
    fn column<T: Cell>(&mut self, rows: usize, what: &str) -> Result<Vec<T>, ColumnsError> {
        let column = self.any_column(what)?;
        if column.len() != rows {
            return Err(invalid(format!("the {what} has {} rows where the table has {rows}", column.len())));
        }
        Ok(column)
    }

    /// A column of ids of `space`: each one of its ids, or `NO_ID`.
    fn ids_column(&mut self, rows: usize, space: &Ids, what: &str) -> Result<Vec<u32>, ColumnsError> {
        let column: Vec<u32> = self.column(rows, what)?;
        match column.iter().all(|&id| id == NO_ID || (id as usize) < space.len()) {
            true => Ok(column),
            false => Err(invalid(format!("the {what} holds an id with no name"))),
        }
    }

    /// A column of ids a file may lack (areas): no values at all (its length is 0), or one per row.
    fn optional_ids_column(&mut self, rows: usize, space: &Ids, what: &str) -> Result<Vec<u32>, ColumnsError> {
        let absent = self.0.get(..8) == Some(&[0u8; 8][..]);
        self.ids_column(if absent { 0 } else { rows }, space, what)
    }

    fn ids(&mut self, what: &str) -> Result<Ids, ColumnsError> {
        let arena = std::str::from_utf8(self.bytes(what)?).map_err(|_| invalid(format!("the {what} is not text")))?;
        let starts = self.any_column(what)?;
        Ids::from_parts(arena.to_string(), starts).ok_or_else(|| invalid(format!("the {what} do not split into names")))
    }
}

/// Encodes a parsed file (see the module's comment).
pub fn encode(parsed: &ParsedFile) -> Vec<u8> {
    let small = Small {
        headers: parsed.headers.clone(),
        mapping: parsed.mapping.clone(),
        report: parsed.report.clone(),
        problems: parsed.report.rejected.iter().map(|g| g.problem.clone()).collect(),
        mean_days: parsed.report.profiles.iter().map(|p| p.mean_day.map(f64::to_bits)).collect(),
        samples: parsed.samples.clone(),
    };
    let json = serde_json::to_vec(&small).expect("the small parts are plain data");
    let mut w = Writer(MAGIC.to_vec());
    w.bytes(&json);
    w.ids(&parsed.people);
    w.ids(&parsed.addresses);
    w.ids(&parsed.labels);
    write_rows(&mut w, &parsed.rows);
    w.0
}

/// The columns in one order, read back by `read_rows` in the same order.
fn write_rows(w: &mut Writer, rows: &TableRows) {
    match rows {
        TableRows::Incidents(t) => {
            w.len(t.len());
            w.column(&t.case_id);
            w.column(&t.day);
            w.column(&t.minute);
            w.column(&t.suspect);
            w.column(&t.victim);
            w.column(&t.address);
            w.column(&t.relationship);
            w.column(&t.offense);
            w.column(&t.flags);
            w.column(&t.area);
        }
        TableRows::Calls(t) => {
            w.len(t.len());
            w.column(&t.call_id);
            w.column(&t.day);
            w.column(&t.minute);
            w.column(&t.address);
            w.column(&t.call_type);
            w.column(&t.flags);
            w.column(&t.area);
        }
        TableRows::Notifications(t) => {
            w.len(t.len());
            w.column(&t.person);
            w.column(&t.day);
            w.column(&t.level);
            w.column(&t.method);
            w.column(&t.role);
        }
        TableRows::Services(t) => {
            w.len(t.len());
            w.column(&t.person);
            w.column(&t.offender);
            w.column(&t.day);
            w.column(&t.role);
            w.column(&t.service_type);
        }
        TableRows::Sanctions(t) => {
            w.len(t.len());
            w.column(&t.person);
            w.column(&t.day);
            w.column(&t.sanction_type);
            w.column(&t.case_id);
        }
    }
}

/// The three id spaces of a file.
struct Spaces {
    people: Ids,
    addresses: Ids,
    labels: Ids,
}

/// The table's rows; the table is the mapping's.
fn read_rows(r: &mut Reader, small: &Small, ids: &Spaces) -> Result<TableRows, ColumnsError> {
    use super::fields::Table;
    let rows = r.len("row count")?;
    let (people, addresses, labels) = (&ids.people, &ids.addresses, &ids.labels);
    Ok(match small.mapping.table {
        Table::Incidents => TableRows::Incidents(Arc::new(Incidents {
            case_id: r.ids_column(rows, labels, "case numbers")?,
            day: r.column(rows, "dates")?,
            minute: r.column(rows, "times")?,
            suspect: r.ids_column(rows, people, "suspects")?,
            victim: r.ids_column(rows, people, "victims")?,
            address: r.ids_column(rows, addresses, "addresses")?,
            relationship: r.ids_column(rows, labels, "relationships")?,
            offense: r.ids_column(rows, labels, "offences")?,
            flags: r.column(rows, "flags")?,
            area: r.optional_ids_column(rows, labels, "areas")?,
        })),
        Table::Calls => TableRows::Calls(Arc::new(Calls {
            call_id: r.ids_column(rows, labels, "call numbers")?,
            day: r.column(rows, "dates")?,
            minute: r.column(rows, "times")?,
            address: r.ids_column(rows, addresses, "addresses")?,
            call_type: r.ids_column(rows, labels, "call types")?,
            flags: r.column(rows, "flags")?,
            area: r.optional_ids_column(rows, labels, "areas")?,
        })),
        Table::Notifications => TableRows::Notifications(Arc::new(Notifications {
            person: r.ids_column(rows, people, "offenders")?,
            day: r.column(rows, "dates")?,
            level: r.column(rows, "levels")?,
            method: r.ids_column(rows, labels, "methods")?,
            role: r.column(rows, "roles")?,
        })),
        Table::Services => TableRows::Services(Arc::new(Services {
            person: r.ids_column(rows, people, "clients")?,
            offender: r.ids_column(rows, people, "offenders")?,
            day: r.column(rows, "dates")?,
            role: r.column(rows, "roles")?,
            service_type: r.ids_column(rows, labels, "service types")?,
        })),
        Table::Sanctions => TableRows::Sanctions(Arc::new(Sanctions {
            person: r.ids_column(rows, people, "offenders")?,
            day: r.column(rows, "dates")?,
            sanction_type: r.ids_column(rows, labels, "sanction types")?,
            case_id: r.ids_column(rows, labels, "case numbers")?,
        })),
    })
}

/// Reads back what `encode` wrote; an error for anything else.
pub fn decode(bytes: &[u8]) -> Result<ParsedFile, ColumnsError> {
    Decoding::ids(bytes)?.rows()
}

/// A decoding in two steps, the ids then the rows (about half the work each), so that the page
/// can let the browser breathe between them.
pub struct Decoding<'a> {
    r: Reader<'a>,
    small: Small,
    ids: Spaces,
}

impl<'a> Decoding<'a> {
    /// The format mark, the headers and report, and the id spaces.
    pub fn ids(bytes: &'a [u8]) -> Result<Decoding<'a>, ColumnsError> {
        let mut r = Reader(bytes);
        if r.take(MAGIC.len(), "format mark")? != MAGIC {
            return Err(invalid("it does not start with the format mark"));
        }
        let mut small: Small = serde_json::from_slice(r.bytes("headers and report")?)
            .map_err(|e| invalid(format!("the headers and report do not read ({e})")))?;
        let groups = &mut small.report.rejected;
        let profiles = &mut small.report.profiles;
        if small.problems.len() != groups.len() || small.mean_days.len() != profiles.len() {
            return Err(invalid("the report's rejections or profiles do not match it"));
        }
        for (group, problem) in groups.iter_mut().zip(std::mem::take(&mut small.problems)) {
            group.problem = problem;
        }
        for (profile, bits) in profiles.iter_mut().zip(&small.mean_days) {
            profile.mean_day = bits.map(f64::from_bits);
        }
        let ids = Spaces { people: r.ids("people")?, addresses: r.ids("addresses")?, labels: r.ids("labels")? };
        Ok(Decoding { r, small, ids })
    }

    /// The rows, and with them the whole file.
    pub fn rows(mut self) -> Result<ParsedFile, ColumnsError> {
        let rows = read_rows(&mut self.r, &self.small, &self.ids)?;
        if !self.r.0.is_empty() {
            return Err(invalid("bytes follow the last column"));
        }
        let (small, ids) = (self.small, self.ids);
        Ok(ParsedFile {
            headers: small.headers,
            mapping: small.mapping,
            report: small.report,
            samples: small.samples,
            rows,
            people: Arc::new(ids.people),
            addresses: Arc::new(ids.addresses),
            labels: Arc::new(ids.labels),
        })
    }
}

#[cfg(test)]
mod tests;
