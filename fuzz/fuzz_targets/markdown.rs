//! A content file as folio reads it: front matter split and parsed, then the body
//! rendered with link resolution against a few known pages.
#![no_main]

use std::collections::HashMap;
use std::path::Path;

use folio::content::{front_matter, markdown};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("content/projects/fuzz.md");
    let Ok(split) = front_matter::split(path, text) else {
        return;
    };
    if let Some(yaml) = split.yaml {
        let _ = front_matter::parse(path, yaml, 2);
    }
    let pages: HashMap<String, String> = [
        ("projects/fuzz.md", "/base/projects/fuzz/"),
        ("projects/other.md", "/base/projects/other/"),
        ("about.md", "/base/about/"),
        ("_index.md", "/base/"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let images = folio::images::variants::Catalog::default();
    let links = markdown::Links {
        pages: &pages,
        base_path: "/base/",
        images: &images,
        code: None,
    };
    let rendered = markdown::render("projects/fuzz.md", split.body, split.body_line, &links);
    // CommonMark: no NUL reaches the HTML.
    assert!(!rendered.html.contains('\0'));
});
