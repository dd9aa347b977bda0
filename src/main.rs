//! The `folio` binary: parse the command line, call the library, print the outcome
//! once, and map it to an exit code (0 ok, 1 content or badge error, 2 usage or I/O).

use std::process::ExitCode;

use clap::Parser;

/// JSON-LD processing and verification allocate heavily in small pieces; mimalloc
/// makes verification markedly faster than the system allocator (see BENCHMARKS in
/// the commit that added it).
#[global_allocator]
static GLOBAL: folio::util::alloc::Counting<mimalloc::MiMalloc> =
    folio::util::alloc::Counting(mimalloc::MiMalloc);
use folio::Error;
use folio::cli::{BadgeCommand, Cli, Command, Format, PathwayCommand, ThemeCommand, TrustCommand};
use folio::cmd;

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

/// For one-shot builds (`build`, `check`), tells mimalloc to return freed memory to
/// the system within 2 ms instead of holding it for reuse: a 10,000-page build then
/// peaks at about 155 MiB instead of 185 (BENCHMARKS.md). `serve` keeps the default,
/// which favours speed. (mimalloc reads the option each time it purges, so setting it
/// here, before any work, is enough.)
fn lean_allocator() {
    // mimalloc's `mi_option_e`: 15 = purge_delay, in milliseconds (default 10).
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting an option is a plain store that mimalloc reads when it purges.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 2);
    }
}

fn main() -> ExitCode {
    if std::env::args()
        .nth(1)
        .is_some_and(|c| c == "build" || c == "check")
    {
        lean_allocator();
    }
    let cli = Cli::parse();
    folio::init_threads();
    let result = match cli.command {
        Command::Init {
            dir,
            workflow_only: true,
            ..
        } => cmd::init::workflow_only(dir, cli.quiet),
        Command::Init {
            dir,
            theme,
            from_resume: Some(resume),
            ..
        } => cmd::init::init_from_resume(dir, &theme, &resume, cli.quiet),
        Command::Init {
            dir, theme, email, ..
        } => cmd::init::init(dir, &theme, email, cli.quiet),
        Command::Build(args) => cmd::build::build(&args, cli.quiet),
        Command::Serve(args) => cmd::serve::serve(&args),
        Command::Check(args) => match cmd::check::check(&args, cli.quiet) {
            Ok(clean) if !clean => return ExitStatus::Failure.into(),
            Ok(_) => Ok(()),
            Err(e) if args.format == Format::Json => {
                let status = ExitStatus::of(&e);
                println!("{}", cmd::check::check_json(None, &e.flatten(), &[]));
                return status.into();
            }
            Err(e) => Err(e),
        },
        Command::Theme(ThemeCommand::Check { dir }) => {
            match cmd::theme::theme_check(&dir, cli.quiet) {
                Ok(false) => return ExitStatus::Failure.into(),
                other => other.map(|_| ()),
            }
        }
        Command::Theme(ThemeCommand::New { name, from }) => {
            cmd::theme::theme_new(&name, &from, cli.quiet)
        }
        Command::Vendor { root } => cmd::theme::vendor(&root, cli.quiet),
        Command::Theme(ThemeCommand::Update { root, to }) => {
            match cmd::theme::theme_update(&root, to.as_deref(), cli.quiet) {
                Ok(false) => return ExitStatus::Failure.into(),
                other => other.map(|_| ()),
            }
        }
        Command::Pathway(PathwayCommand::Check { file }) => cmd::pathway::check(&file, cli.quiet),
        Command::Trust(TrustCommand::Update { root }) => cmd::trust::update(&root, cli.quiet),
        Command::Badge(BadgeCommand::Add {
            source,
            name,
            keep,
            offline,
            root,
        }) => {
            let how = cmd::badge::Adding {
                name: name.as_deref(),
                keep,
                offline,
            };
            match cmd::badge::add(&root, &source, &how, cli.quiet) {
                Ok(false) => return ExitStatus::Failure.into(),
                other => other.map(|_| ()),
            }
        }
        Command::Verify(args) => match cmd::verify::verify(&args) {
            Ok(all_verified) if !all_verified => return ExitStatus::Failure.into(),
            other => other.map(|_| ()),
        },
    };
    match result {
        Ok(()) => ExitStatus::Success.into(),
        Err(e) => {
            let status = ExitStatus::of(&e);
            cmd::report_errors(e);
            status.into()
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
