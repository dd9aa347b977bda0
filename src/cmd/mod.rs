//! One file per command; `main.rs` only parses the command line and dispatches here.
//! Each returns what the exit code needs (`Ok(false)`: the content failed a check).
//! These are the command line's output layer, so, unlike the rest of the library,
//! they print.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::IsTerminal;

use crate::Error;

pub mod build;
pub mod check;
pub mod init;
pub mod serve;
pub mod theme;
pub mod verify;

/// Prints an error, its hint, and every error inside it, numbered, on stderr.
pub fn report_errors(e: Error) {
    let color = std::io::stderr().is_terminal();
    let label = if color {
        "\x1b[1;31merror\x1b[0m"
    } else {
        "error"
    };
    let errors = e.flatten();
    if errors.len() > 1 {
        eprintln!("{label}: {} problems found", errors.len());
    }
    for (i, err) in errors.iter().enumerate() {
        let number = if errors.len() > 1 {
            format!("[{}] ", i + 1)
        } else {
            String::new()
        };
        eprintln!("{label}: {number}{err}");
        if let Some(hint) = err.hint() {
            eprintln!("  hint: {hint}");
        }
    }
}
