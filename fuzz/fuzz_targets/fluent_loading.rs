//! Fuzz the Fluent loading: any bytes through the loader's decoding, then
//! `Messages::parse`, then formatting every declared message with its variables.
#![no_main]

use std::path::Path;

use fluent_bundle::FluentValue;
use libfuzzer_sys::fuzz_target;
use tolmach::Messages;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("locales/en/site.ftl");
    let Ok((text, _)) = tolmach::decode(data.to_vec(), path, false) else {
        return;
    };
    let lang: unic_langid::LanguageIdentifier = "en".parse().expect("a valid tag");
    let Ok(messages) = Messages::parse(&text, path, &lang) else {
        return;
    };
    for (id, info) in &messages.declared {
        let args: Vec<(&str, FluentValue<'_>)> = info
            .variables
            .iter()
            .map(|v| (v.as_str(), FluentValue::from(3)))
            .collect();
        let _ = messages.format(id, &args);
        let _ = messages.has(id);
    }
});
