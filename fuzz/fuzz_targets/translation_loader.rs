//! Fuzz the translation loader: any bytes through the loader's decoding,
//! then `Translation::parse`, then the Markdown of every text. No panic, and
//! the rendered HTML never carries a raw `<script` or a `javascript:` link.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tolmach::Translation;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("locales/en/statement.yaml");
    let Ok((text, _)) = tolmach::decode(data.to_vec(), path, true) else {
        return;
    };
    if let Ok(translation) = Translation::parse(&text, path) {
        for entry in &translation.entries {
            let html = tolmach::render_inline(&entry.text);
            assert!(!html.contains("<script"), "raw script in {html:?}");
            assert!(!html.contains("<img"), "image in {html:?}");
            let _ = tolmach::plain_text(&entry.text);
        }
    }
});
