//! Front-matter splitting and parsing on arbitrary text: errors, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let path = std::path::Path::new("fuzz.md");
    if let Ok(split) = folio::content::front_matter::split(path, text)
        && let Some(yaml) = split.yaml
    {
        let _ = folio::content::front_matter::parse(path, yaml, 2);
    }
});
