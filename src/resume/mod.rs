//! One source for every résumé: the portfolio exported as a JSON Resume
//! (`/resume.json`, `export.rs`) and a portfolio made from one (`folio init
//! --from-resume`, `import.rs`), both checked against the JSON Resume schema v1.0.0
//! (`schema.rs`).

pub mod export;
pub mod import;
pub mod schema;

pub use export::resume_json;

/// Where the export is published, under the site root.
pub const PATH: &str = "resume.json";
