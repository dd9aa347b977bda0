//! `folio badge add URL|FILE`: brings a credential into `badges/` from wherever the
//! learner has it — a file, a credential URL (OB 3.0 JSON or VC-JWT, an OB 2.0 hosted
//! assertion, a baked PNG or SVG), a public badge page that links its assertion
//! (Credly's pages do), or a Learner Credential Wallet link (`…#verify?vc=URL`) — under
//! a readable name, then verifies it at once and says what to do next.

use std::path::{Path, PathBuf};

use crate::{Config, Error, Overrides, badge};

/// What a badge page or URL may send back.
const ACCEPT: &str = "application/json, application/ld+json, application/vc+ld+json, application/jwt, image/png, image/svg+xml, text/html;q=0.5";

/// How many pages are followed from a badge page to its credential.
const MAX_HOPS: usize = 3;

/// How `badge add` was asked to add: a name, keep what does not verify, offline.
#[derive(Debug, Default)]
pub struct Adding<'a> {
    pub name: Option<&'a str>,
    pub keep: bool,
    pub offline: bool,
}

pub fn add(root: &Path, source: &str, how: &Adding, quiet: bool) -> Result<bool, Error> {
    let name = how.name;
    let config = Config::load(
        root,
        &Overrides {
            offline: how.offline,
            ..Overrides::default()
        },
    )?;
    let (bytes, origin) = obtain(source, how.offline)?;
    let ext = extension_of(&bytes).ok_or_else(|| {
        Error::usage(format!("{origin} is not a credential: not JSON, a JWT, a PNG or an SVG"))
            .with_hint("give the credential's own address, or download the badge file (JSON or baked PNG) and add that")
    })?;
    // Named for the check as the address or file is; saved under the achievement's name.
    let provisional = stem_for(None, &origin, name);
    // Checked before anything is written: a file that is no credential is refused,
    // and one that does not verify is kept only when asked (`--keep`).
    let opts = crate::badge_options(&config)?;
    let verdicts: Vec<badge::Verdict> =
        badge::verify_file(&format!("{provisional}.{ext}"), &bytes, &opts)
            .into_iter()
            .map(|f| f.verdict)
            .collect();
    if let Some(v) = verdicts
        .iter()
        .find(|v| crate::site::badges::not_a_credential(v))
    {
        let why = v
            .check(badge::CheckName::Parse)
            .map(|c| c.detail.clone())
            .unwrap_or_default();
        return Err(Error::usage(format!("{origin} is not a credential: {why}"))
            .with_hint("give the credential's own address, or the badge file (JSON, JWT or baked PNG) your issuer or wallet gave you; nothing was saved"));
    }
    // Named after the achievement as the check read it (a hosted or baked OB 2.0
    // assertion names it only in its BadgeClass), unless the learner chose a name.
    let read_name = verdicts
        .iter()
        .find_map(|v| v.typed.as_ref()?.name.as_deref());
    let stem = stem_for(read_name, &origin, name);
    let dir = &config.badges.dir;
    // Every badge file's page is /badges/SLUG/: a name whose slug another badge has
    // (`python.png` beside `python.json`) would clash at the next build.
    let taken = taken_slugs(dir);
    for path in existing_with_stem(&stem, &taken) {
        if std::fs::read(&path).is_ok_and(|old| old == bytes) {
            return Err(Error::usage(format!(
                "{} already holds this credential",
                config
                    .shown(path.strip_prefix(&config.root).unwrap_or(&path))
                    .display()
            )));
        }
    }
    let all_verified = verdicts.iter().all(|v| v.status == badge::Status::Verified);
    if !all_verified && !how.keep {
        if !quiet {
            for v in &verdicts {
                println!("{origin}: {}", v.status.as_str());
                print!("{}", badge::report::human(v));
                println!("next: {}", next_step(&config, v));
            }
            println!(
                "not saved: it does not verify, so your site would show it as not verified (`badges.on_invalid`/`on_unverifiable` decide whether it is listed); run again with --keep to keep it anyway"
            );
        }
        return Ok(false);
    }
    let mut slug = stem.clone();
    let mut n = 2;
    while taken.contains_key(&slug) {
        slug = format!("{stem}-{n}");
        n += 1;
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "cannot create folder", e))?;
    let path = dir.join(format!("{slug}.{ext}"));
    std::fs::write(&path, &bytes).map_err(|e| {
        if e.raw_os_error() == Some(36) {
            Error::usage(format!(
                "`{slug}.{ext}` is too long a file name for this file system"
            ))
            .with_hint("choose a shorter one with `--name NAME`")
        } else {
            Error::io(&path, "cannot write file", e)
        }
    })?;
    let shown = config.shown(path.strip_prefix(&config.root).unwrap_or(&path));

    if !quiet {
        for v in &verdicts {
            println!(
                "added {} (from {origin}): {}",
                shown.display(),
                v.status.as_str()
            );
            print!("{}", badge::report::human(v));
            println!("next: {}", next_step(&config, v));
        }
    }
    Ok(all_verified)
}

/// The credential's bytes and where they came from: fetched (not offline), or read.
fn obtain(source: &str, offline: bool) -> Result<(Vec<u8>, String), Error> {
    if crate::util::url::has_scheme(source) {
        if offline {
            return Err(Error::usage(format!("{source} cannot be fetched offline"))
                .with_hint("download the credential and add the file, or run without --offline"));
        }
        return fetch_credential(source);
    }
    let path = PathBuf::from(source);
    let limit = badge::read::MAX_FILE_BYTES as u64;
    Ok((
        crate::util::fs::read_bounded(&path, &path, limit)?,
        source.to_string(),
    ))
}

/// The file stem: the learner's `--name`, else the name the check read in the
/// credential, else the last part of its address.
fn stem_for(read_name: Option<&str>, origin: &str, name: Option<&str>) -> String {
    let last = origin.trim_end_matches('/').rsplit('/').next();
    let named = name.or(read_name).or(last).unwrap_or("badge");
    match crate::content::markdown::slugify(named) {
        s if s.is_empty() => "badge".to_string(),
        // A name the issuer chose can be any length; file names cannot.
        s if name.is_none() => shorten(&s, MAX_STEM),
        s => s,
    }
}

/// The longest file stem `badge add` makes up (a credential's name can be a
/// paragraph; file systems stop at 255 bytes).
const MAX_STEM: usize = 80;

/// `text` cut to at most `max` bytes at a character boundary, without a trailing
/// hyphen.
fn shorten(text: &str, max: usize) -> String {
    let mut cut = max.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text[..cut].trim_end_matches('-').to_string()
}

/// The slug of every credential file in `dir` (as the build names badge pages),
/// with the file that has it.
fn taken_slugs(dir: &Path) -> std::collections::HashMap<String, PathBuf> {
    let mut out = std::collections::HashMap::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if !crate::site::badges::CREDENTIAL_EXTENSIONS.contains(&ext.as_str()) {
            continue;
        }
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        out.insert(crate::content::markdown::slugify(&stem), path);
    }
    out
}

/// The files whose slug is `stem` or `stem-N`: where this credential may already be.
fn existing_with_stem(
    stem: &str,
    taken: &std::collections::HashMap<String, PathBuf>,
) -> Vec<PathBuf> {
    taken
        .iter()
        .filter(|(slug, _)| {
            slug.as_str() == stem
                || slug
                    .strip_prefix(stem)
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(|n| n.parse::<u32>().is_ok())
        })
        .map(|(_, path)| path.clone())
        .collect()
}

/// What the learner should do now, for this verdict.
fn next_step(config: &Config, v: &badge::Verdict) -> String {
    use badge::{CheckName, Outcome};
    match v.status {
        badge::Status::Verified => {
            "`folio serve` to see its page; commit the file to publish it".into()
        }
        _ if let Some(fix) = crate::site::badges::owner_fix(config, v) => fix,
        badge::Status::Expired => {
            "it is expired: it will show as expired (`badges.on_expired: omit` leaves it out)".into()
        }
        badge::Status::Revoked => "its issuer revoked it: remove the file".into(),
        badge::Status::Failed if v.outcome(CheckName::Signature) == Outcome::Fail => {
            "its signature does not match: it was altered after its issuer signed it, or signed by another key; ask the issuer for a fresh copy".into()
        }
        badge::Status::Failed => {
            let failed: Vec<String> = v
                .checks
                .iter()
                .filter(|c| c.outcome == Outcome::Fail)
                .map(|c| format!("{:?}", c.name).to_lowercase())
                .collect();
            format!(
                "it failed the {} check (see above): ask the issuer about it",
                failed.join(" and ")
            )
        }
        badge::Status::Unverifiable => {
            "it could not be checked now (see above): `folio verify` it again later, or ask the issuer for an Open Badges 3.0 export".into()
        }
    }
}

/// The file extension for credential bytes, or `None` for anything else.
fn extension_of(bytes: &[u8]) -> Option<&'static str> {
    let text = std::str::from_utf8(bytes).ok().map(str::trim_start);
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("png");
    }
    let text = text?;
    if text.starts_with('{') || text.starts_with('[') {
        return serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .map(|_| "json");
    }
    if text.starts_with("<svg") || (text.starts_with("<?xml") && text.contains("<svg")) {
        return Some("svg");
    }
    if badge::jws::looks_like(text.trim()) {
        return Some("jwt");
    }
    None
}

/// Fetches `url` and follows it to a credential: a wallet link's `vc=` address, or a
/// badge page's link to its assertion.
pub(crate) fn fetch_credential(url: &str) -> Result<(Vec<u8>, String), Error> {
    let mut url = wallet_target(url)
        .or_else(|| credly_assertion(url))
        .unwrap_or_else(|| url.to_string());
    for _ in 0..MAX_HOPS {
        let bytes = crate::net::fetch_as(&url, ACCEPT).map_err(|why| {
            Error::usage(format!("cannot fetch the badge: {why}"))
                .with_hint("check the address; a private badge must be made public on its site first, or downloaded and added as a file")
        })?;
        if extension_of(&bytes).is_some() {
            return Ok((bytes, url));
        }
        let page = String::from_utf8_lossy(&bytes);
        match credential_link(&page, &url) {
            Some(next) => url = next,
            None => {
                return Err(Error::usage(format!(
                    "the page {url} holds no credential and links none (no assertion or credential link in its data)"
                ))
                .with_hint("open the badge on its site and look for \"Download\" or \"Share: Open Badge\"; add the downloaded file with `folio badge add FILE`"));
            }
        }
    }
    Err(Error::usage(format!(
        "followed {MAX_HOPS} pages from the address without reaching a credential"
    )))
}

/// Credly's documented assertion address for one of its public badge pages
/// (`https://www.credly.com/badges/UUID` → `https://api.credly.com/v1/obi/v2/
/// badge_assertions/UUID`, its OBI endpoint): the page itself is drawn by scripts.
fn credly_assertion(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/')?;
    if host != "www.credly.com" && host != "credly.com" {
        return None;
    }
    let id = path
        .strip_prefix("badges/")?
        .split(['/', '?', '#'])
        .next()?;
    let uuid = id.len() == 36
        && id.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
    uuid.then(|| format!("https://api.credly.com/v1/obi/v2/badge_assertions/{id}"))
}

/// The credential address inside a Learner Credential Wallet (VerifierPlus) link:
/// `…#verify?vc=URL` or `…?vc=URL`.
fn wallet_target(url: &str) -> Option<String> {
    let at = url.find("vc=")?;
    let before = &url[..at];
    if !(before.ends_with('?') || before.ends_with('&')) {
        return None;
    }
    let raw = url[at + 3..].split('&').next()?;
    let decoded = crate::util::url::percent_decode(raw)?;
    crate::util::url::has_scheme(&decoded).then_some(decoded)
}

/// Where a badge page says its credential is: a `<link rel="alternate">` to JSON, or
/// any address in the page naming an Open Badges assertion (Credly's pages carry
/// `…/badge_assertions/ID` in their data), made absolute against `base`.
fn credential_link(page: &str, base: &str) -> Option<String> {
    let mut candidates = Vec::new();
    for token in html5gum::Tokenizer::new(page).flatten() {
        if let html5gum::Token::StartTag(tag) = token {
            let attr = |n: &str| {
                tag.attributes
                    .get(n.as_bytes())
                    .map(|v| String::from_utf8_lossy(v).into_owned())
            };
            if tag.name.as_slice() == b"link"
                && attr("rel").is_some_and(|r| r.split_whitespace().any(|r| r == "alternate"))
                && attr("type").is_some_and(|t| t.contains("json"))
                && let Some(href) = attr("href")
            {
                candidates.insert(0, href);
            }
        }
    }
    // Addresses in the page's text and data (JSON in script elements, attributes).
    for piece in page.split(['"', '\'', '<', '>', ' ', '\n']) {
        let piece = piece.replace("\\/", "/");
        if (piece.starts_with("https://") || piece.starts_with("http://") || piece.starts_with('/'))
            && (piece.contains("/badge_assertions/") || piece.contains("/assertions/"))
        {
            candidates.push(piece);
        }
    }
    candidates.into_iter().find_map(|c| absolute(&c, base))
}

/// `link` made absolute against `base` (an http(s) URL).
fn absolute(link: &str, base: &str) -> Option<String> {
    if link.starts_with("https://") || link.starts_with("http://") {
        return Some(link.to_string());
    }
    let (scheme, rest) = base.split_once("://")?;
    let host = rest.split('/').next()?;
    link.starts_with('/')
        .then(|| format!("{scheme}://{host}{link}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wallet_links_name_the_credential() {
        assert_eq!(
            wallet_target("https://verifierplus.org/#verify?vc=https%3A%2F%2Fx.example%2Fb.json")
                .as_deref(),
            Some("https://x.example/b.json")
        );
        assert_eq!(
            wallet_target("https://x.example/?a=1&vc=https%3A%2F%2Fy.example%2F").as_deref(),
            Some("https://y.example/")
        );
        assert_eq!(wallet_target("https://x.example/badge.json"), None);
        assert_eq!(
            wallet_target("https://x.example/?xvc=https%3A%2F%2Fy"),
            None
        );
    }

    #[test]
    fn credly_pages_go_to_the_documented_assertion_address() {
        assert_eq!(
            credly_assertion(
                "https://www.credly.com/badges/54a07c5c-89f9-4c33-9731-e1b0d34f88b9/public_url"
            )
            .as_deref(),
            Some(
                "https://api.credly.com/v1/obi/v2/badge_assertions/54a07c5c-89f9-4c33-9731-e1b0d34f88b9"
            )
        );
        assert_eq!(
            credly_assertion("https://www.credly.com/badges/not-a-uuid"),
            None
        );
        assert_eq!(
            credly_assertion("https://evil.example/badges/54a07c5c-89f9-4c33-9731-e1b0d34f88b9"),
            None
        );
        assert_eq!(
            credly_assertion("http://www.credly.com/badges/54a07c5c-89f9-4c33-9731-e1b0d34f88b9"),
            None
        );
    }

    #[test]
    fn badge_pages_lead_to_their_assertion() {
        let credly = r#"<html><head><script>window.data = {"obi":"https:\/\/api.example\/v1\/obi\/v2\/badge_assertions\/1234"}</script></head></html>"#;
        assert_eq!(
            credential_link(credly, "https://www.example/badges/1234").as_deref(),
            Some("https://api.example/v1/obi/v2/badge_assertions/1234")
        );
        let alternate =
            r#"<link rel="alternate" type="application/ld+json" href="/badges/9.json">"#;
        assert_eq!(
            credential_link(alternate, "http://127.0.0.1:8/badges/9").as_deref(),
            Some("http://127.0.0.1:8/badges/9.json")
        );
        assert_eq!(credential_link("<p>hello</p>", "https://x.example/"), None);
    }

    #[test]
    fn only_credential_bytes_get_an_extension() {
        assert_eq!(extension_of(b"\x89PNG\r\n\x1a\nrest"), Some("png"));
        assert_eq!(extension_of(b"  {\"a\": 1}"), Some("json"));
        assert_eq!(extension_of(b"<svg xmlns='x'></svg>"), Some("svg"));
        assert_eq!(extension_of(b"<html><body>hi</body></html>"), None);
        assert_eq!(extension_of(b"{ not json"), None);
    }
}
