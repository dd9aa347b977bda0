//! `folio init`: a starter portfolio, asking for the learner's email on a terminal.

use std::io::IsTerminal;

use crate::Error;

/// `folio init DIR --from-resume FILE`.
pub fn init_from_resume(
    dir: Option<std::path::PathBuf>,
    theme: &str,
    resume: &std::path::Path,
    quiet: bool,
) -> Result<(), Error> {
    let dir = dir.unwrap_or_else(|| ".".into());
    for note in crate::init::from_resume(&dir, theme, resume)? {
        if !quiet {
            eprintln!("note: {note}");
        }
    }
    if !quiet {
        println!(
            "created a portfolio in {} from {}: check it with `{} check`",
            dir.display(),
            resume.display(),
            folio_command()
        );
    }
    Ok(())
}

pub fn init(
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
    for note in crate::init::scaffold(&dir, theme, email.as_deref())? {
        if !quiet {
            eprintln!("note: {note}");
        }
    }
    if email.is_none() && !quiet {
        println!(
            "note: no email given: add `owner.email` to folio.yaml (or run `folio init --email you@example.org`); a badge shows as verified only when it is issued to you"
        );
    }
    if !quiet {
        let cd = match dir.to_str() {
            Some(".") => String::new(),
            _ => format!("cd {} && ", dir.display()),
        };
        let folio = folio_command();
        println!("created a portfolio in {}", dir.display());
        println!("next steps:");
        println!("  1. {cd}{folio} serve   — preview it in your browser; it updates as you save");
        println!(
            "  2. edit folio.yaml: your name, your email{} and base_url (https://YOU.github.io/REPO/)",
            if email.is_some() {
                ""
            } else {
                " (the one your badges are issued to)"
            }
        );
        println!(
            "  3. add your badges: `{folio} badge add URL` (a Credly page, a credential link, a wallet link) or put the files (.json, .jwt, .png, .svg) in badges/"
        );
        println!(
            "  4. push to GitHub, then Settings → Pages → Source: GitHub Actions; the workflow in .github/workflows/pages.yml publishes it"
        );
    }
    Ok(())
}

/// `folio init --workflow-only`: the Pages workflow of an existing portfolio, rewritten.
pub fn workflow_only(dir: Option<std::path::PathBuf>, quiet: bool) -> Result<(), Error> {
    let dir = dir.unwrap_or_else(|| ".".into());
    let (existed, note) = crate::init::write_workflow(&dir)?;
    if let Some(note) = note.filter(|_| !quiet) {
        eprintln!("note: {note}");
    }
    if !quiet {
        let path = dir.join(crate::init::WORKFLOW);
        match existed {
            true => println!(
                "updated {} (runs daily too; the previous file is {}.old)",
                path.display(),
                path.display()
            ),
            false => println!("wrote {} (publishes on push and daily)", path.display()),
        }
    }
    Ok(())
}

/// How to run this folio from the user's shell: `folio` when that is what the PATH
/// finds, else the full path of this executable (run through `cargo run`, or unpacked
/// somewhere not on the PATH).
fn folio_command() -> String {
    let me = std::env::current_exe()
        .ok()
        .and_then(|p| p.canonicalize().ok());
    let on_path = std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            dir.join("folio")
                .canonicalize()
                .is_ok_and(|found| Some(found) == me)
        })
    });
    match (on_path, me) {
        (true, _) | (false, None) => "folio".to_string(),
        (false, Some(me)) => me.display().to_string(),
    }
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
