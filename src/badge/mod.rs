//! Badge verification.
pub mod contexts;
pub mod jsonld;
