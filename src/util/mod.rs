//! Small helpers every part of folio shares, each in one place and tested once: URL
//! pieces, HTML escaping, walking a folder safely, bounded decompression. They know
//! nothing of portfolios, badges or themes.

pub mod alloc;
/// Bounded reading and decompression: the verifier's, one copy for both crates.
pub use openbadges_verify::bounded;
pub mod dates;
pub mod fs;
pub mod html;
pub mod url;
pub mod yaml;
