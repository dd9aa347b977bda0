//! The `folio` binary: parse the command line, call the library, print the outcome
//! once, and map it to an exit code (0 ok, 1 content or badge error, 2 usage or I/O).

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

/// JSON-LD processing and verification allocate heavily in small pieces; mimalloc
/// makes verification markedly faster than the system allocator (see BENCHMARKS in
/// the commit that added it).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use folio::badge;
use folio::cli::{
    BuildArgs, CheckArgs, Cli, Command, Format, ServeArgs, ThemeCommand, VerifyArgs, WatcherKind,
};
use folio::write::Disk;
use folio::{Config, Error, Overrides};

enum ExitStatus {
    Success,
    Failure,
    Error,
}

impl ExitStatus {
    /// 2 for usage and I/O errors, 1 for everything the content got wrong.
    fn of(e: &Error) -> ExitStatus {
        if e.is_usage_or_io() {
            ExitStatus::Error
        } else {
            ExitStatus::Failure
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> ExitCode {
        match s {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    folio::init_threads();
    let result = match cli.command {
        Command::Init { dir, theme, email } => init(dir, &theme, email, cli.quiet),
        Command::Build(args) => build(&args, cli.quiet),
        Command::Serve(args) => serve(&args),
        Command::Check(args) => match check(&args, cli.quiet) {
            Ok(clean) if !clean => return ExitStatus::Failure.into(),
            Ok(_) => Ok(()),
            Err(e) if args.format == Format::Json => {
                let status = ExitStatus::of(&e);
                println!("{}", check_json(None, &e.flatten(), &[]));
                return status.into();
            }
            Err(e) => Err(e),
        },
        Command::Theme(ThemeCommand::Check { dir }) => match theme_check(&dir, cli.quiet) {
            Ok(false) => return ExitStatus::Failure.into(),
            other => other.map(|_| ()),
        },
        Command::Theme(ThemeCommand::New { name, from }) => theme_new(&name, &from, cli.quiet),
        Command::Verify(args) => match verify(&args) {
            Ok(all_verified) if !all_verified => return ExitStatus::Failure.into(),
            other => other.map(|_| ()),
        },
    };
    match result {
        Ok(()) => ExitStatus::Success.into(),
        Err(e) => {
            let status = ExitStatus::of(&e);
            report_errors(e);
            status.into()
        }
    }
}

fn build(args: &BuildArgs, quiet: bool) -> Result<(), Error> {
    let config = Config::load(&args.site.root, &args.site.overrides(args.out.clone()))?;
    // Refuse before doing any work if the output folder is not ours to replace.
    Disk::check_replaceable(&config.output_dir)?;
    let mut sink = Disk {
        out: config.output_dir.clone(),
    };
    let report = folio::build(&config, &mut sink)?;
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    for link in &report.broken_links {
        eprintln!("warning: {}", link.to_error());
    }
    if std::env::var_os("FOLIO_TIMINGS").is_some() {
        let phases: Vec<String> = report
            .phases
            .iter()
            .map(|(name, d)| format!("{name} {} ms", d.as_millis()))
            .collect();
        eprintln!("timings: {}", phases.join(", "));
    }
    if !quiet {
        let badges = report.badges_verified + report.badges_failed + report.badges_expired;
        let badge_summary = if badges == 0 {
            String::new()
        } else {
            format!(
                ", {badges} badges ({} verified, {} expired, {} not verified)",
                report.badges_verified, report.badges_expired, report.badges_failed
            )
        };
        println!(
            "built {} pages and {} sections{badge_summary} in {} ms → {}",
            report.pages,
            report.sections,
            report.elapsed.as_millis(),
            config.output_dir.display()
        );
    }
    Ok(())
}

/// `folio check`: the whole build in memory, then the link checker; `Ok(true)` when
/// nothing is broken.
fn check(args: &CheckArgs, quiet: bool) -> Result<bool, Error> {
    let mut config = Config::load(&args.site.root, &args.site.overrides(None))?;
    // Collect every broken link instead of stopping at the first build error.
    config.links_on_broken = folio::config::OnBroken::Warn;
    config.check_external_links = args.external;
    let report = folio::build(&config, &mut folio::write::Discard)?;
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
                    .map(folio::links::BrokenLink::to_error)
                    .collect();
                report_errors(Error::Many(errors));
            }
            if !quiet {
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
fn check_json(
    report: Option<&folio::Report>,
    errors: &[Error],
    broken: &[folio::links::BrokenLink],
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

/// `folio theme check DIR`; `Ok(true)` when the theme passes.
fn theme_check(dir: &std::path::Path, quiet: bool) -> Result<bool, Error> {
    let outcome = folio::theme_check::check(dir)?;
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
            folio::theme_check::BUILDS,
            folio::render::TEMPLATE_CONTRACT,
        );
    }
    Ok(passed)
}

fn theme_new(dir: &std::path::Path, from: &str, quiet: bool) -> Result<(), Error> {
    let name = folio::init::new_theme(dir, from)?;
    if !quiet {
        println!(
            "created theme `{name}` in {} (a copy of `{from}`); check it with `folio theme check {}`",
            dir.display(),
            dir.display()
        );
    }
    Ok(())
}

/// Default port of `folio serve`.
const DEFAULT_PORT: u16 = 1111;

fn serve(args: &ServeArgs) -> Result<(), Error> {
    let loopback = matches!(args.bind.as_str(), "127.0.0.1" | "::1" | "localhost");
    if !loopback {
        eprintln!(
            "warning: listening on {} makes your preview (drafts included) reachable from other machines",
            args.bind
        );
    }
    let opts = folio::serve::Options {
        root: args.root.clone(),
        bind: args.bind.clone(),
        port: args.port.unwrap_or(DEFAULT_PORT),
        port_given: args.port.is_some(),
        drafts: args.drafts,
        offline: args.offline,
        poll: args.watcher == WatcherKind::Poll,
    };
    let open = args.open;
    folio::serve::run(&opts, &move |event| match event {
        folio::serve::Event::Listening { url, note } => {
            if let Some(note) = note {
                eprintln!("note: {note}");
            }
            println!("serving {url} (Ctrl-C to stop)");
            if open {
                open_browser(&url);
            }
        }
        folio::serve::Event::Rebuilt {
            pages,
            rendered,
            badges_checked,
            elapsed,
            changed,
        } => {
            let (verb, what) = match changed.len() {
                0 => ("built", String::new()),
                1 => (
                    "rebuilt",
                    format!(" after a change to {}", changed[0].display()),
                ),
                n => ("rebuilt", format!(" after {n} changes")),
            };
            println!(
                "{verb} {pages} pages in {} ms ({rendered} rendered, {badges_checked} badges checked){what}",
                elapsed.as_millis()
            );
        }
        folio::serve::Event::Failed(e) => {
            report_errors(e);
            eprintln!("  (still serving the last good build; fix the file to rebuild)");
        }
    })
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("note: could not open a browser; visit {url}");
    }
}

/// Verifies each file and prints its verdict; `Ok(true)` when every one is verified.
fn verify(args: &VerifyArgs) -> Result<bool, Error> {
    let root = args.root.clone().unwrap_or_else(|| ".".into());
    let has_config = root.join(folio::config::CONFIG_FILE).is_file();
    let mut opts = if args.root.is_some() || has_config {
        let overrides = Overrides {
            offline: args.offline,
            documents: args.documents.clone(),
            ..Overrides::default()
        };
        folio::badge_options(&Config::load(&root, &overrides)?)?
    } else {
        let documents = badge::Documents::from_option(args.documents.as_deref())?;
        badge::Options {
            documents: documents.with_network(!args.offline, None),
            ..badge::Options::default()
        }
    };
    if let Some(now) = &args.now {
        opts.now = badge::shape::parse_datetime(now).ok_or_else(|| {
            Error::usage(format!("--now `{now}` is not a date-time"))
                .with_hint("write it like 2026-11-23T00:00:00Z")
        })?;
    }
    let mut all_verified = true;
    let mut io_errors = Vec::new();
    for file in &args.files {
        let limit = badge::read::MAX_FILE_BYTES as u64;
        let bytes = match folio::error::read_bounded(file, file, limit) {
            Ok(b) => b,
            Err(e) => {
                io_errors.push(e);
                continue;
            }
        };
        let verdict = badge::verify(&file.display().to_string(), &bytes, &opts);
        all_verified &= verdict.status == badge::Status::Verified;
        match args.format {
            Format::Human => print!("{}", badge::report::human(&verdict)),
            Format::Json => println!("{}", badge::report::json(&verdict)),
        }
    }
    Error::from_list(io_errors)?;
    Ok(all_verified)
}

fn init(
    dir: Option<std::path::PathBuf>,
    theme: &str,
    email: Option<String>,
    quiet: bool,
) -> Result<(), Error> {
    let dir = dir.unwrap_or_else(|| ".".into());
    let email = match email {
        Some(e) => Some(e),
        None if !quiet && std::io::stdin().is_terminal() => ask_email(),
        None => None,
    };
    folio::init::scaffold(&dir, theme, email.as_deref())?;
    if email.is_none() && !quiet {
        println!(
            "note: no email given: add `owner.email` to folio.yaml (or run `folio init --email you@example.org`); a badge shows as verified only when it is issued to you"
        );
    }
    if !quiet {
        println!(
            "created a portfolio in {}; build it with `folio build --root {}`",
            dir.display(),
            dir.display()
        );
    }
    Ok(())
}

/// Asks for the learner's email on the terminal; empty means "later".
fn ask_email() -> Option<String> {
    use std::io::Write;
    print!(
        "Your email address (the one your badges are issued to; never published; Enter to skip): "
    );
    let _ = std::io::stdout().flush();
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).ok()?;
    let line = line.trim();
    (!line.is_empty()).then(|| line.to_string())
}

/// Prints an error, its hint, and every error inside it, numbered, on stderr.
fn report_errors(e: Error) {
    let color = std::io::stderr().is_terminal();
    let label = if color {
        "\x1b[1;31merror\x1b[0m"
    } else {
        "error"
    };
    let errors = e.flatten();
    if errors.len() > 1 {
        eprintln!("{label}: {} problems found", errors.len());
    }
    for (i, err) in errors.iter().enumerate() {
        let number = if errors.len() > 1 {
            format!("[{}] ", i + 1)
        } else {
            String::new()
        };
        eprintln!("{label}: {number}{err}");
        if let Some(hint) = err.hint() {
            eprintln!("  hint: {hint}");
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        folio::cli::Cli::command().debug_assert();
    }
}
