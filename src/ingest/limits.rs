//! The most the workbench reads, on both faces (`docs/architecture.md`, "Limits"): a file of up
//! to 1 GiB with lines of up to 10,000 columns. A file past a limit is refused with a message
//! that names the limit, before it can exhaust memory: the page runs in WebAssembly, whose memory
//! (4 GiB at most) holds the file, a re-encoded copy when it is not UTF-8, and the tables read
//! from it; and the CSV reader keeps one offset per field of a record (8 bytes for each 1-byte
//! field), so a line of millions of delimiters would take many times the file's size, and a
//! header of them one name per column. A long line costs no more than its bytes: it is read,
//! and rejected as a row if it is not one.

use super::error::{IngestError, IngestErrorKind, Position};
use std::io::Read;

/// The largest file read (bytes): 1 GiB, about ten million incidents.
pub const MAX_FILE_BYTES: u64 = 1 << 30;
/// The most columns a line may have (delimiters counted, quoted or not).
pub const MAX_COLUMNS: usize = 10_000;

/// A file of `bytes` (where known: a stream has no size until read) is refused.
pub fn too_large(bytes: Option<u64>) -> IngestError {
    IngestError::new(IngestErrorKind::TooLarge { bytes, limit: MAX_FILE_BYTES })
}

/// Refuses a file whose size, known before reading it, is over the limit.
pub fn check_size(bytes: u64) -> Result<(), IngestError> {
    if bytes > MAX_FILE_BYTES {
        Err(too_large(Some(bytes)))
    } else {
        Ok(())
    }
}

/// What one browser tab's WebAssembly memory can hold for the data: 4 GiB at most, less room for
/// the page itself and the results.
pub const TAB_MEMORY_BYTES: u64 = 3 << 30;

/// What a tab can hold on a device with `device_gib` GiB of memory, where the browser says
/// (`navigator.deviceMemory`, rounded to a power of two and at most 8): half of it, and never
/// more than [`TAB_MEMORY_BYTES`]; `TAB_MEMORY_BYTES` where it does not say.
pub fn tab_memory(device_gib: Option<f64>) -> u64 {
    match device_gib.filter(|&g| g.is_finite() && g > 0.0) {
        Some(gib) => ((gib * f64::from(1u32 << 30) / 2.0) as u64).min(TAB_MEMORY_BYTES),
        None => TAB_MEMORY_BYTES,
    }
}
/// Bytes of tab memory per byte of extract, measured with `scripts/bench-peers`: the wasm
/// memory after loading and classifying 1M and 2.5M incidents, then editing the criteria (two
/// classifications alive), is 2.1 and 2.3 times the file's size; the outcomes and the report
/// add 0.24 more at 1M. Rounded up.
pub const MEMORY_PER_FILE_BYTE: u64 = 3;
/// The same per byte of a parsed file as the worker hands it to the page (`columns::encode`):
/// 57 MB for the 1M file, so 4.7 times; rounded up.
pub const MEMORY_PER_PARSED_BYTE: u64 = 5;

/// The room a tab has for data: `limit` bytes ([`tab_memory`]), with `loaded` bytes of files
/// already loaded (other than the one being read).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TabRoom {
    pub limit: u64,
    pub loaded: u64,
}

impl TabRoom {
    /// Refuses, before reading it, a file of `bytes` that the tab could not hold beside the
    /// files already loaded (a tab that runs out of memory loses everything).
    pub fn check_file(self, bytes: u64) -> Result<(), IngestError> {
        self.check(bytes, bytes.saturating_mul(MEMORY_PER_FILE_BYTE))
    }

    /// Refuses a file read with dates to load (so that its size before reading said little)
    /// whose rows in range, `parsed` bytes as the worker encodes them, the tab could not hold
    /// beside the files already loaded. `bytes` is the file's size, for the message.
    pub fn check_parsed(self, bytes: u64, parsed: u64) -> Result<(), IngestError> {
        self.check(bytes, parsed.saturating_mul(MEMORY_PER_PARSED_BYTE))
    }

    fn check(self, bytes: u64, needs: u64) -> Result<(), IngestError> {
        let needed = needs.saturating_add(self.loaded.saturating_mul(MEMORY_PER_FILE_BYTE));
        if needed > self.limit {
            Err(IngestError::new(IngestErrorKind::TooBigForTab { bytes, needed, limit: self.limit }))
        } else {
            Ok(())
        }
    }
}

/// Reads a file, device or stream to its end, in chunks, stopping as soon as it goes past the
/// limit (a device such as /dev/zero has no end and no size). `size` is the size the file says
/// it has, if any: reserved at once, and refused at once when over the limit.
pub fn read_within_limit(reader: impl Read, size: Option<u64>) -> Result<Vec<u8>, IngestError> {
    if let Some(size) = size {
        check_size(size)?;
    }
    read_at_most(reader, size, MAX_FILE_BYTES)
}

fn read_at_most(reader: impl Read, size: Option<u64>, limit: u64) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::with_capacity(size.unwrap_or(0).min(limit) as usize);
    reader.take(limit + 1).read_to_end(&mut bytes).map_err(|e| {
        IngestError::new(IngestErrorKind::Unreadable { reason: format!("the file could not be read ({e})") })
    })?;
    if bytes.len() as u64 > limit {
        return Err(IngestError::new(IngestErrorKind::TooLarge { bytes: None, limit }));
    }
    Ok(bytes)
}

/// Refuses text over the size limit, or with a line of more columns than the limit (counted as
/// delimiters plus one, so a quoted delimiter counts too: the check runs before the CSV reader,
/// which would already hold the line's fields). Lines end at LF, CR LF or CR.
pub fn check_text(text: &[u8], delimiter: u8) -> Result<(), IngestError> {
    check_size(text.len() as u64)?;
    let mut start = 0;
    for line in text.split(|&b| b == b'\n') {
        // A line of fewer bytes than the limit cannot have too many columns: most lines are
        // passed over at the cost of finding their end.
        if line.len() >= MAX_COLUMNS {
            for part in line.split(|&b| b == b'\r') {
                if part.iter().filter(|&&b| b == delimiter).count() >= MAX_COLUMNS {
                    let at = start + (part.as_ptr() as usize - line.as_ptr() as usize);
                    let kind = IngestErrorKind::TooManyColumns { limit: MAX_COLUMNS as u64 };
                    return Err(IngestError::new(kind).at(Position::line(line_of(text, at))));
                }
            }
        }
        start += line.len() + 1;
    }
    Ok(())
}

/// The 1-based line of a byte offset, lines ending at LF, CR LF or CR.
fn line_of(text: &[u8], offset: usize) -> u64 {
    let before = &text[..offset];
    let ends = before.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
    let crlf = before.windows(2).filter(|w| w == b"\r\n").count();
    1 + (ends - crlf) as u64
}

/// A number of bytes as people read it: "1 GiB", "3.2 GiB", "512 MiB".
pub fn size_words(bytes: u64) -> String {
    let (value, unit) = match bytes {
        b if b >= 1 << 30 => (b as f64 / f64::from(1u32 << 30), "GiB"),
        b if b >= 1 << 20 => (b as f64 / f64::from(1u32 << 20), "MiB"),
        b if b >= 1 << 10 => (b as f64 / f64::from(1u32 << 10), "KiB"),
        b => return format!("{b} bytes"),
    };
    if value.fract() == 0.0 {
        format!("{value} {unit}")
    } else {
        format!("{value:.1} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_words(MAX_FILE_BYTES), "1 GiB");
        assert_eq!(size_words(1 << 20), "1 MiB");
        assert_eq!(size_words(3 << 29), "1.5 GiB");
        assert_eq!(size_words(1023), "1023 bytes");
    }

    #[test]
    fn a_file_the_tab_could_not_hold_is_refused_with_the_files_already_loaded_counted() {
        // 3 GiB of tab memory at 3 bytes per byte of file: 1 GiB of files in all, as much as
        // one file may have.
        let room = |loaded| TabRoom { limit: tab_memory(None), loaded };
        let most = TAB_MEMORY_BYTES / MEMORY_PER_FILE_BYTE;
        assert_eq!(most, MAX_FILE_BYTES);
        assert!(room(0).check_file(most).is_ok());
        assert!(room(100).check_file(most - 100).is_ok());
        let err = room(101).check_file(most - 100).expect_err("one byte too many with the loaded files");
        assert_eq!(
            err.kind(),
            &IngestErrorKind::TooBigForTab { bytes: most - 100, needed: 3 << 30 | 3, limit: 3 << 30 }
        );
        let err = room(600 << 20).check_file(800 << 20).expect_err("800 MiB beside 600 MiB");
        assert_eq!(
            err.to_string(),
            "the file has 800 MiB and, with the files already loaded, would need about 4.1 GiB of this tab's memory \
             once read, more than the 3 GiB a browser tab can hold: load only some of its dates (choose the dates to \
             load, below or in the reading rules), or use the command line tool ipvi, which has no such limit"
        );
        // Read with a date range: the rows in range, as parsed, count instead of the file.
        assert!(room(600 << 20).check_parsed(800 << 20, 200 << 20).is_ok());
        let err = room(600 << 20).check_parsed(800 << 20, 300 << 20).expect_err("300 MiB parsed");
        assert_eq!(
            err.kind(),
            &IngestErrorKind::TooBigForTab {
                bytes: 800 << 20,
                needed: (300 << 20) * 5 + (600 << 20) * 3,
                limit: 3 << 30
            }
        );
    }

    #[test]
    fn a_tab_holds_half_the_memory_the_device_says_it_has_and_at_most_3_gib() {
        assert_eq!(tab_memory(Some(0.25)), 128 << 20);
        assert_eq!(tab_memory(Some(4.0)), 2 << 30);
        assert_eq!(tab_memory(Some(8.0)), TAB_MEMORY_BYTES);
        assert_eq!(tab_memory(None), TAB_MEMORY_BYTES);
        assert_eq!(tab_memory(Some(f64::NAN)), TAB_MEMORY_BYTES, "a browser that says nothing sensible");
        let err = TabRoom { limit: tab_memory(Some(0.25)), loaded: 30 << 20 }.check_file(20 << 20).unwrap_err();
        assert!(err
            .to_string()
            .contains("would need about 150 MiB of this tab's memory once read, more than the 128 MiB"));
    }

    #[test]
    fn a_stream_without_end_stops_at_the_limit() {
        // The limit is 1 GiB; the same reading with a limit of 1 KiB is quicker to test.
        let err = read_at_most(std::io::repeat(0), None, 1024).expect_err("no end");
        assert_eq!(err.kind(), &IngestErrorKind::TooLarge { bytes: None, limit: 1024 });
        assert!(err.to_string().starts_with("the file goes on past 1 KiB"), "{err}");
        assert_eq!(read_at_most(&[7u8; 1024][..], None, 1024).expect("at the limit").len(), 1024);
        let err = read_within_limit(std::io::empty(), Some(MAX_FILE_BYTES + 1)).expect_err("too large");
        assert_eq!(
            err.to_string(),
            "the file has 1,073,741,825 bytes (1.0 GiB), more than the 1 GiB the workbench reads: split it (for \
             example by year) and load the parts"
        );
        assert_eq!(read_within_limit(&b"a,b\n1,2\n"[..], Some(8)).expect("small"), b"a,b\n1,2\n");
    }

    #[test]
    fn a_line_of_too_many_columns_is_refused_with_its_line() {
        let wide = format!("a,b\r\n1,2\r3,4\n{}\n", ",".repeat(MAX_COLUMNS));
        let err = check_text(wide.as_bytes(), b',').expect_err("too wide");
        assert_eq!(err.line(), Some(4), "CR LF, CR and LF each end one line");
        assert!(err.kind().to_string().starts_with("the line has more than 10,000 columns"), "{err}");
        assert!(check_text(wide.as_bytes(), b';').is_ok(), "other delimiters are not counted");
        let at_the_limit = format!("{}\n{}", ",".repeat(MAX_COLUMNS - 1), ",".repeat(MAX_COLUMNS - 1));
        assert!(check_text(at_the_limit.as_bytes(), b',').is_ok());
        assert!(check_text(b"", b',').is_ok());
    }
}
