//! `folio theme check` and `folio theme new`.

use super::report_errors;
use crate::Error;

/// `folio theme check DIR`; `Ok(true)` when the theme passes.
pub fn theme_check(dir: &std::path::Path, quiet: bool) -> Result<bool, Error> {
    let outcome = crate::theme_check::check(dir)?;
    let passed = outcome.problems.is_empty();
    if !passed {
        report_errors(Error::Many(outcome.problems));
    }
    if !quiet || !passed {
        println!(
            "theme `{}` {}: {} ({} pages rendered in {} test builds; contract {})",
            outcome.name,
            outcome.version,
            if passed {
                "passes the theme contract"
            } else {
                "does not pass the theme contract"
            },
            outcome.pages,
            crate::theme_check::BUILDS,
            crate::render::TEMPLATE_CONTRACT,
        );
    }
    Ok(passed)
}

pub fn theme_new(dir: &std::path::Path, from: &str, quiet: bool) -> Result<(), Error> {
    let name = crate::init::new_theme(dir, from)?;
    if !quiet {
        println!(
            "created theme `{name}` in {} (a copy of `{from}`); check it with `folio theme check {}`",
            dir.display(),
            dir.display()
        );
    }
    Ok(())
}
