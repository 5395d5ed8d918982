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

pub fn emit_line(text: &str) {
    let mut line = String::with_capacity(text.len() + 1);
    line.push_str(text);
    line.push('\n');
    emit_bytes(line.as_bytes());
}

pub fn emit_bytes(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(bytes).and_then(|()| out.flush()) {
        if e.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("ipvi: cannot write to standard output: {e}");
        std::process::exit(1);
    }
}
