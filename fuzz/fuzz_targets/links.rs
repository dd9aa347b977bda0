//! The link checker's HTML scanner and resolver on an arbitrary page of a small site.
#![no_main]

use std::collections::HashMap;

use folio::links::{self, SiteAddress};
use folio::write::OutputFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files = vec![
        OutputFile::new("projects/fuzz/index.html", data.to_vec()),
        OutputFile::new("index.html", "<h1 id=top>Home</h1>"),
        OutputFile::new("css/site.css", data.to_vec()),
        OutputFile::new("sitemap.xml", data.to_vec()),
    ];
    let Ok(scan) = links::scan(&files, None) else {
        return;
    };
    let site = SiteAddress::new("https://learner.example/base/", "/base/");
    let _ = links::check(
        &scan,
        &site,
        &HashMap::new(),
        std::path::Path::new("/nonexistent"),
    );
});
