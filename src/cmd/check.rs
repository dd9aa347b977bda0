//! `folio check`: the whole build in memory, then every link, in words or JSON.

use super::report_errors;
use crate::cli::{CheckArgs, Format};
use crate::{Config, Error};

/// `folio check`: the whole build in memory, then the link checker; `Ok(true)` when
/// nothing is broken.
pub fn check(args: &CheckArgs, quiet: bool) -> Result<bool, Error> {
    let mut config = Config::load(&args.site.root, &args.site.overrides(None))?;
    // Collect every broken link instead of stopping at the first build error.
    config.links_on_broken = crate::config::OnBroken::Warn;
    config.check_external_links = args.external;
    let report = crate::build(&config, &mut crate::write::Discard)?;
    let clean = report.broken_links.is_empty();
    match args.format {
        Format::Json => println!("{}", check_json(Some(&report), &[], &report.broken_links)),
        Format::Human => {
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            if !clean {
                let errors: Vec<Error> = report
                    .broken_links
                    .iter()
                    .map(crate::links::BrokenLink::to_error)
                    .collect();
                report_errors(Error::Many(errors));
            }
            if !quiet {
                super::print_pathways(&report);
                println!(
                    "checked {} pages, {} sections and {} files{}: {}",
                    report.pages,
                    report.sections,
                    report.files,
                    if args.external {
                        " (external links included)"
                    } else {
                        ""
                    },
                    match report.broken_links.len() {
                        0 => "no broken links".to_string(),
                        1 => "1 broken link".to_string(),
                        n => format!("{n} broken links"),
                    }
                );
            }
        }
    }
    Ok(clean)
}

/// The one JSON object `folio check --format json` prints.
pub fn check_json(
    report: Option<&crate::Report>,
    errors: &[Error],
    broken: &[crate::links::BrokenLink],
) -> String {
    let errors: Vec<serde_json::Value> = errors
        .iter()
        .map(|e| {
            let loc = e.location();
            serde_json::json!({
                "file": loc.as_ref().map(|l| l.path.display().to_string()),
                "line": loc.as_ref().and_then(|l| l.line),
                "message": e.to_string(),
                "hint": e.hint(),
            })
        })
        .collect();
    let ok = errors.is_empty() && broken.is_empty();
    serde_json::json!({
        "ok": ok,
        "pages": report.map(|r| r.pages),
        "sections": report.map(|r| r.sections),
        "files": report.map(|r| r.files),
        "badges": report.map(|r| serde_json::json!({
            "verified": r.badges_verified,
            "expired": r.badges_expired,
            "not_verified": r.badges_failed,
        })),
        "broken_links": broken,
        "warnings": report.map(|r| r.warnings.clone()).unwrap_or_default(),
        "errors": errors,
    })
    .to_string()
}
