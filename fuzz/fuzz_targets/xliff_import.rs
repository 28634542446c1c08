//! Fuzz the import of an XLIFF 1.2 or 2.x file: any bytes as the file a CAT
//! tool writes back, through the whole import of a small project with
//! nothing written. It must return a report or an error, never panic or
//! overflow the stack (a deeply nested file once did).
#![no_main]

mod support;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    support::import(data, "en.xlf");
});
