//! Fuzz the source parser: any bytes through the loader's decoding, then
//! `Source::parse`. It must return a value or diagnostics, never panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tolmach::source::Source;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("sources/statement.md");
    let Ok(text) = tolmach::load::decode(data.to_vec(), path, true) else {
        return;
    };
    if let Ok(source) = Source::parse(&text, path) {
        for unit in source.units() {
            let _ = tolmach::markdown::render_inline(&unit.text);
            let _ = tolmach::markdown::plain_text(&unit.text);
        }
    }
});
