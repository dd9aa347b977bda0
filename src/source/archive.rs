//! Archive sources: a `.tar.gz` (or plain `.tar`) fetched over HTTP with folio's client,
//! and any tar stream (also `git archive`'s) unpacked under strict rules: regular files
//! and folders only, every path relative and inside the target, a size cap.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use super::dirhash;
use crate::error::{Error, Result};

/// The most an archive may hold, unpacked (a theme is templates and a few images).
pub const MAX_UNPACKED: u64 = 64 * 1024 * 1024;
/// The most a download may be.
const MAX_DOWNLOAD: u64 = 32 * 1024 * 1024;

/// Downloads `url` (at most [`MAX_DOWNLOAD`] bytes).
pub fn download(url: &str) -> Result<Vec<u8>> {
    plain_http_refused(url)?;
    let agent = crate::net::agent(
        std::time::Duration::from_secs(60),
        concat!("folio/", env!("CARGO_PKG_VERSION")),
        5,
    );
    let failed = |why: String| {
        Error::usage(format!("cannot download {url}: {why}")).with_hint(
            "check the address, or use `--offline` with a vendored copy (`folio vendor`)",
        )
    };
    let response = agent.get(url).call().map_err(|e| match e {
        ureq::Error::Status(code, _) => failed(format!("the server answered {code}")),
        ureq::Error::Transport(t) => failed(crate::net::transport_error(&t)),
    })?;
    let mut bytes = Vec::new();
    response
        .into_reader()
        .take(MAX_DOWNLOAD + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| failed(e.to_string()))?;
    if bytes.len() as u64 > MAX_DOWNLOAD {
        return Err(failed(format!(
            "it is larger than {} MiB",
            MAX_DOWNLOAD >> 20
        )));
    }
    Ok(bytes)
}

/// Archives are fetched over HTTPS, as badge documents are: over plain HTTP anyone on
/// the way could swap the theme before its hash is first locked. Loopback HTTP is
/// allowed with the tests' switches (`FOLIO_ALLOW_LOOPBACK_HTTP`,
/// `FOLIO_ALLOW_PRIVATE_NETWORK`).
fn plain_http_refused(url: &str) -> Result<()> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") {
        return Ok(());
    }
    let loopback_host = lower
        .strip_prefix("http://")
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""))
        .is_some_and(|authority| {
            let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
            host == "localhost"
                || host.starts_with("localhost:")
                || host.starts_with("127.")
                || host.starts_with("[::1]")
        });
    let allowed = std::env::var_os(crate::net::LOOPBACK_HTTP_ENV).is_some()
        || std::env::var_os(crate::net::ALLOW_PRIVATE_ENV).is_some_and(|v| v != "0");
    if loopback_host && allowed {
        return Ok(());
    }
    Err(Error::usage(format!(
        "cannot download {url}: archives are fetched over HTTPS only"
    ))
    .with_hint("use the https:// address of the release archive"))
}

/// Unpacks a tar archive (gzip-compressed or not) into `dest`, which must not exist.
/// When every entry sits in one top folder (`theme-1.2.0/…`), that folder is the
/// tree's root. `what` names the source in errors.
pub fn unpack(bytes: &[u8], dest: &Path, what: &str) -> Result<()> {
    let refuse = |why: String| {
        Error::usage(format!("refusing {what}: {why}"))
            .with_hint("a theme or pathway archive holds only files and folders, all inside it")
    };
    let tar_bytes: Vec<u8> = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .take(MAX_UNPACKED + 1)
            .read_to_end(&mut out)
            .map_err(|e| refuse(format!("not a readable .tar.gz ({e})")))?;
        out
    } else {
        bytes.to_vec()
    };
    if tar_bytes.len() as u64 > MAX_UNPACKED {
        return Err(refuse(format!(
            "it unpacks to more than {} MiB",
            MAX_UNPACKED >> 20
        )));
    }
    let mut entries = Vec::new();
    let mut archive = tar::Archive::new(tar_bytes.as_slice());
    let list = archive
        .entries()
        .map_err(|e| refuse(format!("not a tar archive ({e})")))?;
    for entry in list {
        let mut entry = entry.map_err(|e| refuse(format!("a damaged entry ({e})")))?;
        let path = entry
            .path()
            .map_err(|e| refuse(format!("an entry with an unreadable name ({e})")))?
            .into_owned();
        let kind = entry.header().entry_type();
        let shown = path.display().to_string();
        if !is_inside(&path) {
            return Err(refuse(format!(
                "the entry `{shown}` points outside the archive"
            )));
        }
        // The tree's hash lists one `HASH  PATH` line per file: a name with a line
        // break (or not UTF-8) could forge lines and make two trees hash alike.
        if !dirhash::name_ok(&path) {
            return Err(refuse(format!(
                "the entry `{}` has a line break or non-UTF-8 bytes in its name",
                shown.escape_debug()
            )));
        }
        if kind.is_dir() {
            entries.push((path, None));
        } else if kind.is_file() {
            let mut body = Vec::new();
            entry
                .read_to_end(&mut body)
                .map_err(|e| refuse(format!("`{shown}` cannot be read ({e})")))?;
            entries.push((path, Some(body)));
        } else if kind.is_pax_global_extensions() || kind.is_pax_local_extensions() {
            // Metadata `git archive` writes (the commit id); not a file.
        } else if kind.is_symlink() || kind.is_hard_link() {
            return Err(refuse(format!("the entry `{shown}` is a link")));
        } else {
            return Err(refuse(format!(
                "the entry `{shown}` is not a file or folder"
            )));
        }
    }
    let strip = common_top(&entries);
    std::fs::create_dir_all(dest).map_err(|e| Error::io(dest, "cannot create folder", e))?;
    for (path, body) in entries {
        let rel: PathBuf = match &strip {
            Some(top) => match path.strip_prefix(top) {
                Ok(rest) => rest.to_path_buf(),
                Err(_) => continue,
            },
            None => path,
        };
        if rel.as_os_str().is_empty() {
            continue;
        }
        let target = dest.join(&rel);
        match body {
            None => std::fs::create_dir_all(&target)
                .map_err(|e| Error::io(&target, "cannot create folder", e))?,
            Some(body) => {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| Error::io(parent, "cannot create folder", e))?;
                }
                std::fs::write(&target, body)
                    .map_err(|e| Error::io(&target, "cannot write file", e))?;
            }
        }
    }
    Ok(())
}

/// A relative path with no `..`, root or prefix.
fn is_inside(path: &Path) -> bool {
    path.components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// The single top-level folder every file entry is under, if there is one.
fn common_top(entries: &[(PathBuf, Option<Vec<u8>>)]) -> Option<PathBuf> {
    let mut top: Option<PathBuf> = None;
    for (path, body) in entries {
        let mut parts = path
            .components()
            .filter(|c| !matches!(c, Component::CurDir));
        let first = PathBuf::from(parts.next()?.as_os_str());
        if body.is_some() && parts.next().is_none() {
            // A file at the top level: nothing to strip.
            return None;
        }
        match &top {
            None => top = Some(first),
            Some(t) if *t == first => {}
            Some(_) => return None,
        }
    }
    top
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tar_of(entries: &[(&str, tar::EntryType, &[u8])]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for (name, kind, body) in entries {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(*kind);
            h.set_size(body.len() as u64);
            h.set_mode(0o644);
            if *kind == tar::EntryType::Symlink {
                h.set_link_name("/etc/passwd").unwrap();
            }
            // Written raw, so names `tar` itself would refuse (`../x`) can be made.
            let bytes = name.as_bytes();
            h.as_old_mut().name[..bytes.len()].copy_from_slice(bytes);
            h.set_cksum();
            b.append(&h, *body).unwrap();
        }
        b.into_inner().unwrap()
    }

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("folio-unpack-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn unpacks_files_and_strips_one_top_folder() {
        let bytes = tar_of(&[
            ("theme-1.0/", tar::EntryType::Directory, b""),
            (
                "theme-1.0/theme.yaml",
                tar::EntryType::Regular,
                b"name: t\n",
            ),
            (
                "theme-1.0/templates/page.html",
                tar::EntryType::Regular,
                b"<p>",
            ),
        ]);
        let dest = scratch("ok");
        unpack(&bytes, &dest, "t").unwrap();
        assert_eq!(
            std::fs::read(dest.join("theme.yaml")).unwrap(),
            b"name: t\n"
        );
        assert!(dest.join("templates/page.html").is_file());
        let _ = std::fs::remove_dir_all(&dest);
    }

    #[test]
    fn refuses_escapes_and_links() {
        for (entries, why) in [
            (
                vec![("../evil.txt", tar::EntryType::Regular, &b"x"[..])],
                "points outside",
            ),
            (
                vec![("/etc/evil", tar::EntryType::Regular, &b"x"[..])],
                "points outside",
            ),
            (
                vec![("t/link", tar::EntryType::Symlink, &b""[..])],
                "is a link",
            ),
        ] {
            let dest = scratch("bad");
            let e = unpack(&tar_of(&entries), &dest, "the archive").unwrap_err();
            assert!(e.to_string().contains(why), "{e}");
            assert!(!dest.exists() || std::fs::read_dir(&dest).unwrap().next().is_none());
        }
    }
}
