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
    let max_age = args
        .max_age
        .as_deref()
        .map(super::published::parse_age)
        .transpose()?;
    if max_age.is_some() {
        // The comparison reports a revoked or failed badge; it must not stop at it.
        config.badges.on_invalid = crate::config::OnInvalid::Show;
    }
    let mut site = crate::write::Memory::default();
    let report = crate::build(&config, &mut site)?;
    let mut clean = report.broken_links.is_empty();
    if let Some(max_age) = max_age {
        let published = args
            .published
            .clone()
            .unwrap_or_else(|| config.base_url.clone());
        let rows = super::published::compare(
            &super::published::receipts(&site.files),
            &published,
            max_age,
            chrono::Utc::now(),
        );
        if let Some(path) = &args.summary {
            use std::io::Write;
            let table = super::published::markdown(&rows, &published);
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .and_then(|mut f| f.write_all(table.as_bytes()))
                .map_err(|e| Error::io(path, "cannot write the summary", e))?;
        }
        for row in &rows {
            if let Some(problem) = &row.problem {
                clean = false;
                eprintln!(
                    "badges/{}: {}",
                    row.slug,
                    super::published::printable(problem)
                );
            }
        }
        if !quiet && args.format == Format::Human {
            let stale = rows.iter().filter(|r| r.problem.is_some()).count();
            println!(
                "compared {} badges with {published}: {}",
                rows.len(),
                match stale {
                    0 => "all as published, checked within the age".to_string(),
                    n => format!("{n} stale or changed"),
                }
            );
        }
    } else if args.published.is_some() || args.summary.is_some() {
        return Err(
            Error::usage("`--published` and `--summary` go with `--max-age`")
                .with_hint("`folio check --max-age 30d` compares with the published site"),
        );
    }
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
