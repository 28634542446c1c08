//! The translator's tools: `status`, `check` and `sync`.

pub mod check;
pub mod diff;
pub mod edit;
pub mod status;
pub mod sync;

/// Write `text` to standard output; a closed pipe (`| head`) is not an error.
fn print(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
