//! Fuzz the import of a PO file: any bytes as the file a translator sends
//! back, through the whole import of a small project (read, parse, resolve
//! the language, check its letters, plan the three-way merge) with nothing
//! written. It must return a report or an error, never panic or overflow.
#![no_main]

mod support;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    support::import(data, "en.po");
});
