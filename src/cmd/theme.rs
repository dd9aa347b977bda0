//! `folio theme check`, `folio theme new`, `folio theme update` and `folio vendor`.

use super::report_errors;
use crate::Error;

/// `folio theme check DIR`; `Ok(true)` when the theme passes.
pub fn theme_check(dir: &std::path::Path, quiet: bool) -> Result<bool, Error> {
    let outcome = crate::theme_check::check(dir)?;
    let passed = outcome.problems.is_empty();
    for (lang, keys) in &outcome.missing_keys {
        eprintln!(
            "warning: {} message{} missing in `{lang}` (shown in English there): {}",
            keys.len(),
            if keys.len() == 1 { "" } else { "s" },
            keys.join(", ")
        );
    }
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
            outcome.builds,
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

/// `folio vendor`: every locked source copied into `themes/_vendor/`.
pub fn vendor(root: &std::path::Path, quiet: bool) -> Result<(), Error> {
    use crate::source::Mode;
    let config = crate::Config::load(root, &crate::Overrides::default())?;
    if !config.has_sources() {
        if !quiet {
            println!("nothing to vendor: folio.yaml names no theme or pathway source");
        }
        return Ok(());
    }
    let sources = config.sources();
    crate::source::resolve(&config.root, &sources, Mode::Resolve)?;
    let written = crate::source::vendor(&config.root, &sources, Mode::Resolve)?;
    if !quiet {
        for dir in &written {
            println!("vendored {}", dir.display());
        }
        println!(
            "commit {} and folio.lock: builds then use them first, with no network or cache",
            crate::source::VENDOR_DIR
        );
    }
    Ok(())
}

/// `folio theme update [--to TAG]`; `Ok(false)` when the new version fails its check
/// (the lock is then left as it was).
pub fn theme_update(root: &std::path::Path, to: Option<&str>, quiet: bool) -> Result<bool, Error> {
    let update = super::theme_update::plan(root, to)?;
    for warning in &update.warnings {
        eprintln!("warning: {warning}");
    }
    let outcome = crate::theme_check::check(&update.theme_dir)?;
    if !outcome.problems.is_empty() {
        report_errors(Error::Many(outcome.problems));
        eprintln!(
            "folio.lock is unchanged: version {} of the theme does not pass `folio theme check`",
            update.new_version
        );
        return Ok(false);
    }
    super::theme_update::apply(root, &update)?;
    if !quiet {
        println!(
            "theme `{}`: {} ({}) → {} ({}); folio.lock updated{}",
            update.name,
            update.old_version,
            short(update.old_commit.as_deref()),
            update.new_version,
            short(update.new_commit.as_deref()),
            if update.new_tag.is_some() {
                " and folio.yaml's tag"
            } else {
                ""
            }
        );
        if let Some(latest) = update.newer.last() {
            println!(
                "newer releases: {}; move to one with `folio theme update --to {latest}`",
                update.newer.join(", ")
            );
        }
    }
    Ok(true)
}

fn short(commit: Option<&str>) -> &str {
    commit.map_or("?", |c| &c[..c.len().min(12)])
}
