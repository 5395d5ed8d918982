//! Rows to columns: the resumable parser behind every file load.

use super::dates::{order_evidence, parse_date_time, DateOrder, DateTime, OrderEvidence};
use super::fields::{auto_map, detect_table, Field, Mapping, Table};
use super::quality::{ColumnFill, QualityReport};
use super::sniff::{decode, sniff_dialect, Dialect};
use super::values::{read_level, read_role, FlagReader};
use super::{IngestError, IngestOptions, IpvRule};
use crate::model::{Calls, Flags, Ids, Incidents, Notifications, Role, Sanctions, Services, NO_ID, NO_TIME};
use std::borrow::Cow;
use std::io::Cursor;
use std::sync::Arc;

/// The rows of one file, with ids local to the file (see [`super::assemble`]).
#[derive(Clone, Debug)]
pub enum TableRows {
    Incidents(Incidents),
    Calls(Calls),
    Notifications(Notifications),
    Services(Services),
    Sanctions(Sanctions),
}

/// One file, parsed.
#[derive(Clone, Debug)]
pub struct ParsedFile {
    pub headers: Vec<String>,
    pub mapping: Mapping,
    pub report: QualityReport,
    /// The first rows as written, for the mapping preview.
    pub samples: Vec<Vec<String>>,
    pub rows: TableRows,
    pub people: Ids,
    pub addresses: Ids,
    pub labels: Ids,
}

/// The decoded text of a file: the caller's bytes when they were UTF-8 (past any byte-order
/// mark), else a re-encoded copy.
struct Text {
    bytes: Arc<Vec<u8>>,
    start: usize,
}

impl AsRef<[u8]> for Text {
    fn as_ref(&self) -> &[u8] {
        &self.bytes[self.start..]
    }
}

/// Reads one file in steps: `new` sniffs and maps, `step` parses rows, `finish` hands over.
pub struct Parser {
    reader: csv::Reader<Cursor<Text>>,
    total_bytes: u64,
    width: usize,
    pub headers: Vec<String>,
    pub mapping: Mapping,
    pub samples: Vec<Vec<String>>,
    order: DateOrder,
    flags: FlagReader,
    ipv: IpvRule,
    ipv_kinds: Vec<String>,
    today: i32,
    record: csv::ByteRecord,
    report: QualityReport,
    rows: TableRows,
    people: Ids,
    addresses: Ids,
    labels: Ids,
    done: bool,
}

/// Gives repeated header names a number so that each column can be told apart.
fn unique_headers(raw: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    for (i, h) in raw.into_iter().enumerate() {
        let h = h.trim().to_string();
        let h = if h.is_empty() { format!("Column {}", i + 1) } else { h };
        let mut name = h.clone();
        let mut n = 2;
        while out.contains(&name) {
            name = format!("{h} ({n})");
            n += 1;
        }
        out.push(name);
    }
    out
}

fn csv_error(err: csv::Error, name: &str) -> IngestError {
    let line = err.position().map(|p| p.line());
    let message = match err.kind() {
        csv::ErrorKind::Utf8 { .. } => "a field is not valid text".to_string(),
        _ => format!("the file cannot be read as CSV ({err})"),
    };
    IngestError { file: Some(name.to_string()), line, column: None, message }
}

impl Parser {
    /// Decodes and sniffs `bytes`, reads the header and proposes (or applies) table and mapping.
    /// `bytes` are shared, not copied, when they are UTF-8 already.
    pub fn new(name: &str, bytes: Arc<Vec<u8>>, options: &IngestOptions) -> Result<Parser, IngestError> {
        let (text, encoding) = decode(&bytes).map_err(|e| e.in_file(name))?;
        let Dialect { delimiter, has_header, crlf } = sniff_dialect(&text);
        let text = match text {
            Cow::Borrowed(t) => Text { start: t.as_ptr() as usize - bytes.as_ptr() as usize, bytes: bytes.clone() },
            Cow::Owned(t) => Text { start: 0, bytes: Arc::new(t.into_bytes()) },
        };
        let total_bytes = text.as_ref().len() as u64;
        let builder = || {
            let mut b = csv::ReaderBuilder::new();
            b.delimiter(delimiter).has_headers(false).flexible(true).buffer_capacity(1 << 16);
            b
        };
        let mut reader = builder().from_reader(Cursor::new(text));
        let mut first = csv::StringRecord::new();
        if !reader.read_record(&mut first).map_err(|e| csv_error(e, name))? {
            return Err(IngestError::file("the file has no rows").in_file(name));
        }
        let width = first.len();
        let headers = if has_header {
            unique_headers(first.iter().map(String::from).collect())
        } else {
            (1..=width).map(|i| format!("Column {i}")).collect()
        };
        let remembered = options.settings.mapping_for(&headers).filter(|_| options.mapping.is_none());
        let table = options.table.or(remembered.map(|m| m.table)).unwrap_or_else(|| detect_table(&headers));
        let mapping = match options.mapping.as_ref().or(remembered.map(|m| &m.columns)) {
            Some(columns) if columns.len() == width => Mapping { table, columns: columns.clone() },
            Some(columns) => {
                return Err(IngestError::file(format!(
                    "the saved column mapping has {} columns but the file has {width}",
                    columns.len()
                ))
                .in_file(name))
            }
            None => auto_map(&headers, table),
        };

        // Samples: the first rows, for the preview and to decide the date order.
        let mut samples = Vec::new();
        if !has_header {
            samples.push(first.iter().map(String::from).collect::<Vec<_>>());
        }
        let mut sample_reader = builder().from_reader(reader.get_ref().get_ref().as_ref());
        let mut record = csv::StringRecord::new();
        let mut slashed = false;
        let date_column = mapping.column(Field::Date);
        let mut skipped_header = !has_header;
        // Slashed dates give their order away only from the 13th of a month: keep looking
        // (up to 100,000 rows) until one does.
        let mut evidence = OrderEvidence::Ambiguous;
        let mut scanned = 0;
        while scanned < 100_000 && sample_reader.read_record(&mut record).unwrap_or(false) {
            scanned += 1;
            if !skipped_header {
                skipped_header = true;
                continue;
            }
            if samples.len() < 3 {
                samples.push(record.iter().map(String::from).collect());
            }
            let Some(column) = date_column else { break };
            if let Some(value) = record.get(column) {
                slashed |= value.contains('/');
                let seen = order_evidence([value]);
                if seen != OrderEvidence::Ambiguous {
                    evidence = if evidence == OrderEvidence::Ambiguous || evidence == seen {
                        seen
                    } else {
                        OrderEvidence::Mixed
                    };
                    if evidence == OrderEvidence::Mixed {
                        break;
                    }
                }
            }
            // Enough: ISO (unslashed) dates need no evidence; slashed ones once it is found.
            if samples.len() >= 3 && scanned > 2000 && (!slashed || evidence != OrderEvidence::Ambiguous) {
                break;
            }
        }
        let chosen_order = options.date_order.or(remembered.and_then(|m| m.date_order));
        let order = chosen_order.unwrap_or(match evidence {
            OrderEvidence::DayFirst => DateOrder::DayFirst,
            _ => DateOrder::MonthFirst,
        });
        let mut warnings = Vec::new();
        match (evidence, chosen_order) {
            (OrderEvidence::Mixed, _) => warnings.push(
                "the date column mixes day-first and month-first dates (such as 13/01 and 01/13): check the extract"
                    .to_string(),
            ),
            (OrderEvidence::Ambiguous, None) if slashed => warnings.push(
                "dates such as 03/04/2019 could be read either way; they are read month first (US). \
                 Choose day first if the extract writes 3 April as 03/04/2019."
                    .to_string(),
            ),
            _ => {}
        }
        if table == Table::Incidents && mapping.column(Field::Person).is_none() {
            warnings.push(
                "no suspect id column: the aggregate analyses work, classification and reoffending need one".into(),
            );
        }

        let rows = match table {
            Table::Incidents => TableRows::Incidents(Incidents::default()),
            Table::Calls => TableRows::Calls(Calls::default()),
            Table::Notifications => TableRows::Notifications(Notifications::default()),
            Table::Services => TableRows::Services(Services::default()),
            Table::Sanctions => TableRows::Sanctions(Sanctions::default()),
        };
        let report = QualityReport {
            file: name.to_string(),
            table,
            encoding,
            delimiter,
            has_header,
            crlf,
            rows_read: 0,
            rows_kept: 0,
            rejected: Vec::new(),
            duplicate_ids: 0,
            missing_person: 0,
            first_day: None,
            last_day: None,
            future_dates: 0,
            fill: headers
                .iter()
                .zip(&mapping.columns)
                .map(|(h, &field)| ColumnFill { column: h.clone(), field, filled: 0 })
                .collect(),
            ipv_rows: matches!(table, Table::Incidents | Table::Calls).then_some(0),
            unknown_values: Vec::new(),
            date_order: order,
            date_order_evidence: evidence,
            warnings,
        };
        // Room for the ids of about as many rows as the sample suggests, to avoid rehashing.
        let sample_bytes: usize = samples.iter().flatten().map(|v| v.len() + 1).sum();
        let expected_rows =
            if samples.is_empty() { 0 } else { total_bytes as usize / (sample_bytes / samples.len()).max(1) };
        let mut labels = Ids::default();
        let mut people = Ids::default();
        if mapping.column(Field::RecordId).is_some() {
            labels.reserve(expected_rows, 12);
        }
        if mapping.column(Field::Person).is_some() {
            people.reserve(expected_rows, 10);
        }
        let mut parser = Parser {
            reader,
            total_bytes,
            width,
            headers,
            mapping,
            samples,
            order,
            flags: FlagReader::new(&options.settings.flags),
            ipv_kinds: (options.settings.ipv.for_table(table).kinds.iter())
                .map(|k| k.trim().to_lowercase())
                .filter(|k| !k.is_empty())
                .collect(),
            ipv: options.settings.ipv.for_table(table).clone(),
            today: options.today,
            record: csv::ByteRecord::new(),
            report,
            rows,
            people,
            addresses: Ids::default(),
            labels,
            done: false,
        };
        if !has_header {
            // The first record was data: parse it like the rest.
            let first = csv::ByteRecord::from(first);
            parser.row(&first, 1);
        }
        Ok(parser)
    }

    /// Fields the table needs and the mapping lacks, as an error naming them.
    pub fn check(&self) -> Result<(), IngestError> {
        let missing = self.mapping.missing();
        if missing.is_empty() {
            return Ok(());
        }
        let names: Vec<&str> = missing.iter().map(|f| f.label(self.mapping.table)).collect();
        Err(IngestError::file(format!(
            "as a {} table it needs a column for: {}. None of its columns ({}) was recognised as such; \
             choose the column in the mapping",
            self.mapping.table.name(),
            names.join(", "),
            self.headers.join(", ")
        ))
        .in_file(&self.report.file))
    }

    /// How slashed dates are read.
    pub fn date_order(&self) -> DateOrder {
        self.order
    }

    /// Bytes read so far and in all.
    pub fn progress(&self) -> (u64, u64) {
        (self.reader.position().byte().min(self.total_bytes), self.total_bytes)
    }

    /// Parses up to `max_rows` more rows; returns whether the file is finished.
    pub fn step(&mut self, max_rows: usize) -> Result<bool, IngestError> {
        let mut record = std::mem::take(&mut self.record);
        for _ in 0..max_rows {
            match self.reader.read_byte_record(&mut record) {
                Ok(true) => {
                    let line = record.position().map_or(0, |p| p.line());
                    self.row(&record, line);
                }
                Ok(false) => {
                    self.done = true;
                    break;
                }
                Err(err) => return Err(csv_error(err, &self.report.file)),
            }
        }
        self.record = record;
        Ok(self.done)
    }

    /// The parsed file; an error when no row could be kept.
    pub fn finish(mut self) -> Result<ParsedFile, IngestError> {
        while !self.step(1 << 16)? {}
        let r = &mut self.report;
        if r.rows_read == 0 {
            return Err(IngestError::file("the file has a header but no rows").in_file(&r.file));
        }
        if r.rows_kept == 0 {
            let first = &r.rejected[0];
            return Err(IngestError {
                file: Some(r.file.clone()),
                line: first.first_lines.first().copied(),
                column: None,
                message: format!("no row could be read: every row was rejected ({})", first.reason),
            });
        }
        Ok(ParsedFile {
            headers: self.headers,
            mapping: self.mapping,
            report: self.report,
            samples: self.samples,
            rows: self.rows,
            people: self.people,
            addresses: self.addresses,
            labels: self.labels,
        })
    }

    fn text<'r>(&self, record: &'r csv::ByteRecord, field: Field) -> Option<&'r str> {
        let column = self.mapping.column(field)?;
        let bytes = record.get(column)?;
        // Decoded text is valid UTF-8 and the delimiters are ASCII, so fields are too.
        std::str::from_utf8(bytes).ok().map(str::trim)
    }

    fn column_name(&self, field: Field) -> &str {
        self.mapping.column(field).map_or("", |c| self.headers[c].as_str())
    }

    fn flag(&mut self, record: &csv::ByteRecord, field: Field) -> bool {
        let Some(value) = self.text(record, field) else {
            return false;
        };
        match self.flags.read(value) {
            Some(on) => on,
            None => {
                let column = self.column_name(field).to_string();
                self.report.unknown(&column, value);
                false
            }
        }
    }

    fn date(&mut self, record: &csv::ByteRecord, line: u64) -> Option<DateTime> {
        let value = self.text(record, Field::Date).unwrap_or("");
        if value.is_empty() {
            let reason = format!("no date in column \"{}\"", self.column_name(Field::Date));
            self.report.reject(reason, line);
            return None;
        }
        let Some(mut at) = parse_date_time(value, self.order) else {
            let reason = format!("unreadable date in column \"{}\"", self.column_name(Field::Date));
            self.report.reject(reason, line);
            return None;
        };
        if at.minute == NO_TIME {
            if let Some(time) = self.text(record, Field::Time).filter(|t| !t.is_empty()) {
                // A separate time column: read it as the time part of a date-time.
                if let Some(t) = parse_date_time(&format!("2000-01-01 {time}"), self.order) {
                    at.minute = t.minute;
                }
            }
        }
        let r = &mut self.report;
        r.first_day = Some(r.first_day.map_or(at.day, |d| d.min(at.day)));
        r.last_day = Some(r.last_day.map_or(at.day, |d| d.max(at.day)));
        if at.day > self.today {
            r.future_dates += 1;
        }
        Some(at)
    }

    fn id(ids: &mut Ids, value: Option<&str>) -> u32 {
        match value {
            Some(v) if !v.is_empty() => ids.intern(v),
            _ => NO_ID,
        }
    }

    fn record_id(&mut self, value: Option<&str>) -> u32 {
        let before = self.labels.len();
        let id = Self::id(&mut self.labels, value);
        if id != NO_ID && self.labels.len() == before {
            self.report.duplicate_ids += 1;
        }
        id
    }

    fn is_ipv(&self, record: &csv::ByteRecord, domestic: bool) -> bool {
        let rule = &self.ipv;
        let flag_ok = !rule.domestic_flag || self.mapping.column(Field::Domestic).is_none() || domestic;
        let kind_ok = self.ipv_kinds.is_empty()
            || self.text(record, Field::Kind).is_some_and(|k| {
                let k = k.to_lowercase();
                self.ipv_kinds.iter().any(|want| k.contains(want.as_str()))
            });
        let rel_ok = rule.relationships.is_empty()
            || self
                .text(record, Field::Relationship)
                .is_some_and(|r| rule.relationships.iter().any(|want| want.trim().eq_ignore_ascii_case(r)));
        flag_ok && kind_ok && rel_ok
    }

    /// One row: validated, parsed into the table's columns, or rejected with its reason.
    fn row(&mut self, record: &csv::ByteRecord, line: u64) {
        self.report.rows_read += 1;
        for (i, fill) in self.report.fill.iter_mut().enumerate() {
            if record.get(i).is_some_and(|v| !v.iter().all(u8::is_ascii_whitespace)) {
                fill.filled += 1;
            }
        }
        if record.len() != self.width {
            let reason = format!("row has {} fields where the header has {}", record.len(), self.width);
            self.report.reject(reason, line);
            return;
        }
        let table = self.mapping.table;
        if matches!(table, Table::Notifications | Table::Services | Table::Sanctions)
            && self.text(record, Field::Person).is_none_or(str::is_empty)
        {
            let reason = format!("no {} in column \"{}\"", Field::Person.label(table), self.column_name(Field::Person));
            self.report.reject(reason, line);
            return;
        }
        let level = if table == Table::Notifications {
            match self.text(record, Field::Level).and_then(read_level) {
                Some(level) => Some(level),
                None => {
                    let reason = format!("no level A-D in column \"{}\"", self.column_name(Field::Level));
                    self.report.reject(reason, line);
                    return;
                }
            }
        } else {
            None
        };
        let Some(at) = self.date(record, line) else {
            return;
        };
        self.report.rows_kept += 1;

        let role = self.text(record, Field::Role).map(|r| (r, read_role(r)));
        if let Some((text, None)) = role {
            if !text.is_empty() {
                let column = self.column_name(Field::Role).to_string();
                self.report.unknown(&column, text);
            }
        }
        let role = role.and_then(|(_, r)| r);
        let kind = {
            let v = self.text(record, Field::Kind);
            Self::id(&mut self.labels, v)
        };
        let person = {
            let v = self.text(record, Field::Person);
            Self::id(&mut self.people, v)
        };
        if person == NO_ID && table == Table::Incidents {
            self.report.missing_person += 1;
        }
        match table {
            Table::Incidents => {
                let domestic = self.flag(record, Field::Domestic);
                let arrest = self.flag(record, Field::Arrest);
                // Charged: the charge column, or the arrest where the extract has no charge field.
                let charged = if self.mapping.column(Field::Charged).is_some() {
                    self.flag(record, Field::Charged)
                } else {
                    arrest
                };
                let flags = Flags::default()
                    .with(Flags::IPV, self.is_ipv(record, domestic))
                    .with(Flags::ARREST, arrest)
                    .with(Flags::CHARGED, charged)
                    .with(Flags::FELONY, self.flag(record, Field::Felony))
                    .with(Flags::WEAPON, self.flag(record, Field::Weapon))
                    .with(Flags::STRANGULATION, self.flag(record, Field::Strangulation))
                    .with(Flags::INJURY, self.flag(record, Field::Injury))
                    .with(Flags::PO_VIOLATION, self.flag(record, Field::PoViolation));
                if flags.has(Flags::IPV) {
                    *self.report.ipv_rows.get_or_insert(0) += 1;
                }
                let case = self.record_id(self.text(record, Field::RecordId));
                let victim = {
                    let v = self.text(record, Field::Victim);
                    Self::id(&mut self.people, v)
                };
                let address = {
                    let v = self.text(record, Field::Address);
                    Self::id(&mut self.addresses, v)
                };
                let relationship = {
                    let v = self.text(record, Field::Relationship);
                    Self::id(&mut self.labels, v)
                };
                let TableRows::Incidents(t) = &mut self.rows else { unreachable!("rows match the table") };
                t.case_id.push(case);
                t.day.push(at.day);
                t.minute.push(at.minute);
                t.suspect.push(person);
                t.victim.push(victim);
                t.address.push(address);
                t.relationship.push(relationship);
                t.offense.push(kind);
                t.flags.push(flags);
            }
            Table::Calls => {
                let domestic = self.flag(record, Field::Domestic);
                let ipv = self.is_ipv(record, domestic);
                if ipv {
                    *self.report.ipv_rows.get_or_insert(0) += 1;
                }
                let call = self.record_id(self.text(record, Field::RecordId));
                let address = {
                    let v = self.text(record, Field::Address);
                    Self::id(&mut self.addresses, v)
                };
                let TableRows::Calls(t) = &mut self.rows else { unreachable!("rows match the table") };
                t.call_id.push(call);
                t.day.push(at.day);
                t.minute.push(at.minute);
                t.address.push(address);
                t.call_type.push(kind);
                t.flags.push(Flags::default().with(Flags::IPV, ipv));
            }
            Table::Notifications => {
                let TableRows::Notifications(t) = &mut self.rows else { unreachable!("rows match the table") };
                t.person.push(person);
                t.day.push(at.day);
                t.level.push(level.expect("checked above"));
                t.method.push(kind);
                t.role.push(role.unwrap_or(Role::Offender));
            }
            Table::Services => {
                let related = {
                    let v = self.text(record, Field::RelatedOffender);
                    Self::id(&mut self.people, v)
                };
                let role =
                    role.unwrap_or(if related == NO_ID || related == person { Role::Offender } else { Role::Victim });
                let offender = if related == NO_ID && role == Role::Offender { person } else { related };
                let TableRows::Services(t) = &mut self.rows else { unreachable!("rows match the table") };
                t.person.push(person);
                t.offender.push(offender);
                t.day.push(at.day);
                t.role.push(role);
                t.service_type.push(kind);
            }
            Table::Sanctions => {
                let case = {
                    let v = self.text(record, Field::CaseId);
                    Self::id(&mut self.labels, v)
                };
                let TableRows::Sanctions(t) = &mut self.rows else { unreachable!("rows match the table") };
                t.person.push(person);
                t.day.push(at.day);
                t.sanction_type.push(kind);
                t.case_id.push(case);
            }
        }
    }
}

/// Reads a whole file at once (the CLI and tests): sniff, map, check, parse.
pub fn ingest_file(name: &str, bytes: &[u8], options: &IngestOptions) -> Result<ParsedFile, IngestError> {
    let parser = Parser::new(name, Arc::new(bytes.to_vec()), options)?;
    parser.check()?;
    parser.finish()
}

/// How a raw value of a column reads as its field, for the mapping preview: dates in ISO,
/// flags as yes/no, levels as letters; `?` marks a value the field cannot read.
pub fn preview_value(field: Field, text: &str, order: DateOrder, flags: &super::values::FlagWords) -> String {
    let text = text.trim();
    if text.is_empty() {
        return "(empty)".into();
    }
    match field {
        Field::Date => match parse_date_time(text, order) {
            Some(DateTime { day, minute: NO_TIME }) => crate::model::iso(day),
            Some(DateTime { day, minute }) => {
                format!("{} {:02}:{:02}", crate::model::iso(day), minute / 60, minute % 60)
            }
            None => format!("? {text}"),
        },
        f if f.is_flag() => match FlagReader::new(flags).read(text) {
            Some(true) => "yes".into(),
            Some(false) => "no".into(),
            None => format!("? {text}"),
        },
        Field::Level => read_level(text).map_or(format!("? {text}"), |l| l.letter().to_string()),
        Field::Role => read_role(text).map_or(format!("? {text}"), |r| r.word().to_string()),
        _ => text.to_string(),
    }
}
