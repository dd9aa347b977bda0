//! `init --from-resume` on arbitrary JSON: the schema check and the import never
//! panic, and no page body it writes holds markup from the résumé (every `<` and
//! `[` of its text is escaped).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    let _ = folio::resume::schema::validate(&doc);
    let imported = folio::resume::import::import(&doc);
    for file in &imported.files {
        let rest = file.text.strip_prefix("---\n").unwrap_or(&file.text);
        let body = rest.find("\n---\n").map_or("", |at| &rest[at + 5..]);
        let mut escaped = false;
        for c in body.chars() {
            assert!(
                escaped || !matches!(c, '<' | '['),
                "raw `{c}` in {}",
                file.path
            );
            escaped = !escaped && c == '\\';
        }
    }
});
