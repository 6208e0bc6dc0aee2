//! Progress of long phases on stderr: a bar on a terminal; elsewhere (a log file, a pipe, cron)
//! one line per phase saying what is being done, and no escape codes.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// True when stderr is a terminal: bars are drawn and logs may be coloured.
pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// Whether to colour a stream that is (or is not) a terminal: never into a file or pipe, and
/// never when `NO_COLOR` is set (<https://no-color.org>).
pub fn colour(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `31500` as `31,500`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One long phase: a bar of `len` units, or the phase's note when stderr is not a terminal.
pub struct Phase {
    bar: ProgressBar,
}

impl Phase {
    /// Starts a phase. `note` says what is done ("clustering 31,500 articles…"); it is printed
    /// once when no bar can be drawn.
    pub fn start(note: &str, len: u64, unit: &str) -> Phase {
        let tty = stderr_is_terminal();
        let target = if tty { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
        let bar = ProgressBar::with_draw_target(Some(len), target);
        bar.set_style(
            ProgressStyle::with_template(&format!(
                "{note} {{elapsed_precise}} [{{wide_bar}}] {{pos}}/{{len}} {unit} · {{msg}}"
            ))
            .expect("valid template")
            .progress_chars("=> "),
        );
        if !tty {
            eprintln!("{note}");
        }
        Phase { bar }
    }

    /// The bar, to move and to print above.
    pub fn bar(&self) -> &ProgressBar {
        &self.bar
    }

    /// Ends the phase, clearing its bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(31_500), "31,500");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
