//! `folio verify FILE...`: one verdict per file, in words or JSON.

use crate::cli::{Format, VerifyArgs};
use crate::{Config, Error, Overrides, badge};

/// Verifies each file and prints its verdict; `Ok(true)` when every one is verified.
pub fn verify(args: &VerifyArgs) -> Result<bool, Error> {
    // Inside a portfolio (here or in a folder above, like `badges/`), its folio.yaml
    // gives the owner and trust list, as for `build`.
    let root = args.root.clone().or_else(enclosing_portfolio);
    let mut opts = if let Some(root) = root {
        let overrides = Overrides {
            offline: args.offline,
            documents: args.documents.clone(),
            ..Overrides::default()
        };
        crate::badge_options(&Config::load(&root, &overrides)?)?
    } else {
        crate::standalone_badge_options(args.documents.as_deref(), args.offline)?
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
        let text = file.display().to_string();
        // A badge's address (a Credly page, a credential URL, a wallet link) is
        // fetched and followed to the credential, as `badge add` does.
        let read = if crate::util::url::has_scheme(&text) {
            super::badge::fetch_credential(&text).map(|(bytes, _)| bytes)
        } else {
            crate::util::fs::read_bounded(file, file, limit)
        };
        let bytes = match read {
            Ok(b) => b,
            Err(e) => {
                io_errors.push(e);
                continue;
            }
        };
        for found in badge::verify_file(&text, &bytes, &opts) {
            let verdict = found.verdict;
            all_verified &= verdict.status == badge::Status::Verified;
            match args.format {
                Format::Human => print!("{}", badge::report::human(&verdict)),
                Format::Json => println!("{}", badge::report::json(&verdict)),
            }
        }
    }
    Error::from_list(io_errors)?;
    Ok(all_verified)
}

/// The nearest folder, from the current one upwards, that holds a folio.yaml.
fn enclosing_portfolio() -> Option<std::path::PathBuf> {
    let here = std::env::current_dir().ok()?;
    here.ancestors()
        .find(|dir| dir.join(crate::config::CONFIG_FILE).is_file())
        .map(|dir| {
            // Shown relative to where the user is (`..`), as they would write it.
            let up = here
                .strip_prefix(dir)
                .map_or(0, |rest| rest.components().count());
            match up {
                0 => ".".into(),
                n => std::iter::repeat_n("..", n).collect::<std::path::PathBuf>(),
            }
        })
}
