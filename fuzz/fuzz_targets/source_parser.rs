//! Fuzz the source parser: any bytes through the loader's decoding, then
//! `Source::parse`. It must return a value or diagnostics, never panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tolmach::{LangTag, Source};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("sources/statement.md");
    let Ok((text, _)) = tolmach::decode(data.to_vec(), path, true) else {
        return;
    };
    let original = LangTag::parse("ru").expect("a valid tag");
    if let Ok(source) = Source::parse(&text, path, &original) {
        for unit in source.units() {
            let _ = tolmach::render_inline(&unit.text);
            let _ = tolmach::plain_text(&unit.text);
        }
    }
});
