//! Standard output for every command. A reader that stops early (`ipvi outcomes --json | head`)
//! closes the pipe: that ends the command quietly with success, as `head` users expect.

use std::io::{ErrorKind, Write};

/// Prints a line (like `println!`), ending the program quietly if the reader has gone.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::output::emit_line(&format!($($arg)*))
    };
}
pub(crate) use say;

/// Prints a line to standard error (like `eprintln!`, which panics when stderr fails): a
/// message or a summary, made terminal-safe; a standard error that cannot be written is ignored.
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::output::note_line(&format!($($arg)*))
    };
}
pub(crate) use note;

pub fn note_line(text: &str) {
    let mut line = ipvi::words::terminal_safe(text).into_owned();
    line.push('\n');
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Prints a line of text (a report, a message): characters that could act on the terminal,
/// such as escape sequences from a file, are shown escaped (`\x1b`).
pub fn emit_line(text: &str) {
    let text = ipvi::words::terminal_safe(text);
    let mut line = String::with_capacity(text.len() + 1);
    line.push_str(&text);
    line.push('\n');
    emit_bytes(line.as_bytes());
}

/// Writes bytes as they are (a CSV or HTML file sent to standard output).
pub fn emit_bytes(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(bytes).and_then(|()| out.flush()) {
        if e.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        note_line(&format!("ipvi: cannot write to standard output: {e}"));
        std::process::exit(1);
    }
}
