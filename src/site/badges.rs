//! The portfolio's badges: every credential file in `badges/` is verified, joined with
//! its optional sidecar (`NAME.yaml`, the learner's own notes), filtered by the
//! config's policies, and turned into the view templates receive.
//!
//! Invariant: a badge reaches templates with its status and every check; the only way
//! to show a "verified" mark is `badge.status == "verified"`. Structured data and the
//! LinkedIn link exist only for verified badges.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine;
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::Value;

use super::redact::Redactor;
use super::{sanitize, svg};
use crate::badge::{self, CheckName, Outcome, Status, Verdict};
use crate::badge_view::{
    Alignment, Badge, CheckView, Evidence, ImageView, IssuerView, VerifierLink,
};
use crate::config::{
    Config, OnExpired, OnInvalid, OnUnverifiable, unknown_field_hint, yaml_error_parts,
};
use crate::error::{Error, Location, Result};
use crate::i18n::Translator;
use crate::util::url::percent_encode;
use crate::write::OutputFile;

use super::recheck;

/// The hint for an authentic badge whose recipient is not among the owner's
/// identities. It must not coach fraud: listing an identity is a public claim that
/// a reader can check, and it never proves a DID.
pub const NOT_YOURS_HINT: &str = "the credential is authentic but issued to an identity that is not among yours. Every identity in `owner.identities` is a public claim: pages say the badge is issued to an address you give as yours, and a reader can check an email against it. Add it only if it really is yours; a DID is proven only by a presentation your wallet signs for this site (README: \"Prove a badge is yours\")";

/// File extensions read as credentials.
/// The badge page's social preview card, in its folder (`images::card` draws it).
pub const CARD: &str = "card.png";
pub const CREDENTIAL_EXTENSIONS: &[&str] = &["json", "jwt", "jws", "png", "svg", "sd-jwt"];

/// The learner's notes on one badge, in `badges/NAME.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sidecar {
    #[serde(default)]
    featured: bool,
    #[serde(default)]
    order: Option<i64>,
    #[serde(default)]
    hidden: bool,
    #[serde(default)]
    reflection: Option<String>,
    #[serde(default = "yes")]
    publish_credential: bool,
}

fn yes() -> bool {
    true
}

/// The badges to publish, the files they add, and warnings for the terminal.
#[derive(Debug, Default)]
pub struct Badges {
    pub list: Vec<Badge>,
    /// Stems of badge files that exist but are not published (hidden or omitted):
    /// pages may still cite them without error.
    pub unpublished: Vec<String>,
    pub files: Vec<OutputFile>,
    pub warnings: Vec<String>,
    pub verified: usize,
    pub failed: usize,
    pub expired: usize,
    /// When the badges were checked (none when there are no badges).
    pub checked_at: Option<chrono::DateTime<chrono::Utc>>,
}

struct Loaded {
    path: PathBuf,
    shown: PathBuf,
    bytes: Vec<u8>,
    sidecar: Sidecar,
    verdict: Verdict,
}

/// Reads, verifies and publishes the portfolio's badges, in stages: find the files
/// → read each with its sidecar and verify it (memoised by `serve`) → apply the
/// `on_invalid`/`on_expired` policy → make its view (a function of the typed
/// credential and the verdict).
pub fn load(
    config: &Config,
    opts: &badge::Options,
    tr: &Translator,
    cache: Option<&crate::cache::Memo<Vec<badge::Found>>>,
) -> Result<Badges> {
    let dir = &config.badges.dir;
    if !dir.is_dir() {
        return Ok(Badges::default());
    }
    let (files, escapes) = badge_files(config)?;
    let loaded = read_and_verify(config, &files, opts, cache);

    let mut out = Badges::default();
    for link in escapes {
        out.warnings.push(format!(
            "{}: skipped: the link leads outside the portfolio, and nothing outside it is published",
            config
                .shown(link.strip_prefix(&config.root).unwrap_or(&link))
                .display()
        ));
    }
    let mut errors = Vec::new();
    // Badges whose recipient is a DID the owner only lists (no presentation).
    let mut claimed_dids = Vec::new();
    for item in loaded.into_iter().flat_map(|r| match r {
        Ok(Ok(items)) => items.into_iter().map(|i| Ok(Ok(i))).collect::<Vec<_>>(),
        Ok(Err(hidden)) => vec![Ok(Err(hidden))],
        Err(e) => vec![Err(e)],
    }) {
        let item = match item {
            Ok(Ok(item)) => item,
            Ok(Err(hidden)) => {
                out.unpublished.push(hidden);
                continue;
            }
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if !apply_policy(config, &item, &mut out, &mut errors) {
            out.unpublished.push(stem_of(&item.path));
            continue;
        }
        if let Some(badge::recipient::Binding::Claimed {
            kind: badge::recipient::Kind::Did,
            ..
        }) = &item.verdict.recipient
        {
            claimed_dids.push(item.shown.display().to_string());
        }
        let badge = view(config, &item, opts.now, tr, &mut out.files);
        out.list.push(badge);
    }
    if !out.list.is_empty() {
        out.checked_at = Some(opts.now);
    }
    if let Some(warning) = claimed_dids_warning(config, &claimed_dids) {
        out.warnings.push(warning);
    }
    // One script for the whole site, published with the default language's tree.
    if !out.list.is_empty() && config.lang_prefix.is_empty() {
        out.files.push(OutputFile::new(
            recheck::SCRIPT_PATH.to_string(),
            recheck::SCRIPT.to_string(),
        ));
    }
    Error::from_list(errors)?;
    dedupe_slugs(&mut out.list)?;
    out.list.sort_by(|a, b| {
        b.featured
            .cmp(&a.featured)
            .then_with(|| {
                a.order
                    .unwrap_or(i64::MAX)
                    .cmp(&b.order.unwrap_or(i64::MAX))
            })
            .then_with(|| b.issued.cmp(&a.issued))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(out)
}

/// The credential files in the badges folder (sorted), and the links that were
/// skipped because they lead outside the portfolio.
fn badge_files(config: &Config) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let dir = &config.badges.dir;
    let mut files = Vec::new();
    let mut escapes = Vec::new();
    let real_root = std::fs::canonicalize(&config.root)
        .map_err(|e| Error::io(&config.root, "cannot read portfolio folder", e))?;
    for entry in
        std::fs::read_dir(dir).map_err(|e| Error::io(dir, "cannot read badges folder", e))?
    {
        let entry = entry.map_err(|e| Error::io(dir, "cannot read badges folder", e))?;
        let path = entry.path();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if !CREDENTIAL_EXTENSIONS.contains(&ext.as_str()) {
            continue;
        }
        // A link may point anywhere (`passwd.json -> /etc/passwd`): only files inside
        // the portfolio are read, so nothing outside it can reach the site.
        let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
        if is_link && !std::fs::canonicalize(&path).is_ok_and(|t| t.starts_with(&real_root)) {
            escapes.push(path);
            continue;
        }
        // Regular files only: a FIFO or device would block or never end.
        if path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok((files, escapes))
}

/// Reads each file and its sidecar and verifies it, in parallel; `Ok(Err(stem))` is a
/// badge the sidecar hides.
fn read_and_verify(
    config: &Config,
    files: &[PathBuf],
    opts: &badge::Options,
    cache: Option<&crate::cache::Memo<Vec<badge::Found>>>,
) -> Vec<Result<std::result::Result<Vec<Loaded>, String>>> {
    // What a verdict depends on besides the file: checked again each minute.
    let context_key = crate::cache::fingerprint(&[
        &format!("{:?}", opts.trust),
        &format!("{:?}", opts.owner),
        &opts.now.format("%Y-%m-%dT%H:%M").to_string(),
    ]);
    files
        .par_iter()
        .map(|path| {
            let shown = config.shown(path.strip_prefix(&config.root).unwrap_or(path));
            let sidecar = read_sidecar(config, path)?;
            if sidecar.hidden {
                return Ok(Err(stem_of(path)));
            }
            let bytes =
                crate::util::fs::read_bounded(path, &shown, badge::read::MAX_FILE_BYTES as u64)?;
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let found: Vec<badge::Found> = crate::cache::memoised::<_, std::convert::Infallible>(
                cache,
                &name,
                || crate::cache::fingerprint(&[&context_key, &bytes]),
                || Ok(badge::verify_file(&name, &bytes, opts)),
            )
            .unwrap_or_else(|never| match never {});
            Ok(Ok(found
                .into_iter()
                .map(|f| match f.inner {
                    None => Loaded {
                        path: path.clone(),
                        shown: shown.clone(),
                        bytes: bytes.clone(),
                        sidecar: sidecar.clone(),
                        verdict: f.verdict,
                    },
                    // A credential of a presentation is a badge of its own, published
                    // as its own file (`NAME-1.json`) beside the others.
                    Some((i, inner)) => {
                        let stem = stem_of(path);
                        let ext = if inner.starts_with(b"{") {
                            "json"
                        } else {
                            "jwt"
                        };
                        Loaded {
                            path: path.with_file_name(format!("{stem}-{i}.{ext}")),
                            shown: PathBuf::from(format!("{}#{i}", shown.display())),
                            bytes: inner,
                            sidecar: sidecar.clone(),
                            verdict: f.verdict,
                        }
                    }
                })
                .collect()))
        })
        .collect()
}

/// Counts the badge and applies `on_invalid`/`on_expired`; `false` leaves it off the
/// site. Says, in `out.warnings`, why a published badge is not shown as verified.
fn apply_policy(config: &Config, item: &Loaded, out: &mut Badges, errors: &mut Vec<Error>) -> bool {
    let status = item.verdict.status;
    match status {
        Status::Verified => out.verified += 1,
        Status::Expired => out.expired += 1,
        _ => out.failed += 1,
    }
    // `failed` and `revoked` say the file is wrong; `unverifiable` only that it could
    // not be checked (an unsupported format, an issuer's server down during CI).
    let policy = match status {
        Status::Verified => None,
        Status::Expired => (config.badges.on_expired == OnExpired::Omit).then_some(Policy::Omit),
        Status::Unverifiable => Some(match config.badges.on_unverifiable {
            OnUnverifiable::Show => Policy::Show,
            OnUnverifiable::Omit => Policy::Omit,
            OnUnverifiable::Error => Policy::Error("on_unverifiable"),
        }),
        Status::Failed | Status::Revoked => Some(match config.badges.on_invalid {
            OnInvalid::Show => Policy::Show,
            OnInvalid::Omit => Policy::Omit,
            OnInvalid::Error => Policy::Error("on_invalid"),
        }),
    };
    // A file that holds no credential at all (a logo left in the folder) is never
    // published as a badge page, whatever `show` says.
    if not_a_credential(&item.verdict) && matches!(policy, Some(Policy::Show)) {
        out.warnings.push(format!(
            "{}: left out: not a credential ({}); move it out of the badges folder",
            item.shown.display(),
            first_problem(&item.verdict)
        ));
        return false;
    }
    let keep = match policy {
        None | Some(Policy::Show) => true,
        Some(Policy::Omit) => {
            if status != Status::Expired {
                out.warnings.push(format!(
                    "{}: left out: the badge {} ({})",
                    item.shown.display(),
                    status_phrase(status),
                    first_problem(&item.verdict)
                ));
            }
            false
        }
        Some(Policy::Error(setting)) => {
            errors.push(Error::Badge {
                loc: Location::file(&item.shown),
                msg: format!(
                    "the badge {}: {}",
                    status_phrase(status),
                    first_problem(&item.verdict)
                ),
                hint: Some(policy_hint(config, &item.verdict, &item.shown, setting)),
            });
            false
        }
    };
    if !keep {
        return false;
    }
    if status != Status::Verified {
        out.warnings.push(format!(
            "{}: not shown as verified: the badge {} ({}){}",
            item.shown.display(),
            status_phrase(status),
            first_problem(&item.verdict),
            owner_fix(config, &item.verdict)
                .map(|fix| format!("; {fix}"))
                .unwrap_or_default()
        ));
    }
    if let Some(email) = &config.owner_email
        && item.sidecar.publish_credential
        && (contains_ignore_case(&item.bytes, email) || decoded_contains(&item.verdict, email))
    {
        out.warnings.push(format!(
            "{}: this credential contains your email address in plain text and is published for download; add `publish_credential: false` to {} to keep the file off the site",
            item.shown.display(),
            sidecar_path(&item.path).file_name().unwrap_or_default().to_string_lossy()
        ));
    }
    true
}

/// Once per build: a DID in `owner.identities` is only the owner's word until a
/// presentation signed with its key for this site proves it; name the badges that
/// stay "claimed".
fn claimed_dids_warning(config: &Config, badges: &[String]) -> Option<String> {
    if badges.is_empty() {
        return None;
    }
    let origin = badge::recipient::origin_of(&config.base_url)
        .unwrap_or_else(|| "your site's origin (set base_url to its full address)".into());
    Some(format!(
        "folio.yaml: owner.identities lists a DID, which is only your claim: {} {} shown as \"issued to a DID the owner gives as theirs\", not as proven. To prove it, publish in badges/ a presentation your wallet signs with that DID's key for the domain {origin} (README: \"Prove a badge is yours\").",
        badges.join(", "),
        if badges.len() == 1 { "is" } else { "are" }
    ))
}

/// What the portfolio's settings say to do with a badge that is not verified.
enum Policy {
    Show,
    Omit,
    /// Stop the build; the setting that says so, for the hint.
    Error(&'static str),
}

/// Whether the credential as read (a JWT's payload, a compressed baked chunk)
/// names `email`, which the file's bytes do not show.
fn decoded_contains(v: &Verdict, email: &str) -> bool {
    v.credential
        .as_ref()
        .and_then(|c| serde_json::to_vec(c).ok())
        .is_some_and(|json| contains_ignore_case(&json, email))
}

fn stem_of(path: &Path) -> String {
    path.file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// The check that best explains why a badge is not verified: a failure, else what
/// could not be checked (the proof, the key, the recipient, the status list), else
/// the validity window (expired) or the status (revoked).
/// The file could not be read as any credential format at all (a logo, a note): not
/// a credential that failed, which is shown as such.
pub fn not_a_credential(v: &Verdict) -> bool {
    v.format == "unknown" && v.outcome(CheckName::Parse) == Outcome::Fail
}

/// What the owner can do when the recipient is why a badge is not verified: said in
/// the terminal and the preview, never on a page.
pub fn owner_fix(config: &Config, v: &Verdict) -> Option<String> {
    // Authentic, and nothing but the recipient keeps it from being verified.
    let recipient_is_why = v.outcome(CheckName::Signature) == Outcome::Pass
        && matches!(
            v.outcome(CheckName::Recipient),
            Outcome::Fail | Outcome::Skipped
        )
        && v.checks
            .iter()
            .filter(|c| c.outcome == Outcome::Fail)
            .all(|c| c.name == CheckName::Recipient);
    if !recipient_is_why {
        return None;
    }
    if config.owner_identities.is_empty() {
        return Some("no owner identity is configured: set `owner.email` in folio.yaml to the address your badges are issued to".into());
    }
    Some(NOT_YOURS_HINT.into())
}

/// A status as the end of "the badge …".
fn status_phrase(status: Status) -> &'static str {
    match status {
        Status::Verified => "is verified",
        Status::Failed => "failed a check",
        Status::Revoked => "is revoked",
        Status::Expired => "is expired",
        Status::Unverifiable => "is unverifiable",
    }
}

/// The fix for a badge that stops the build, by what is wrong with it.
fn policy_hint(config: &Config, v: &Verdict, shown: &Path, setting: &str) -> String {
    let verify = format!("run `folio verify {}` to see every check", shown.display());
    if not_a_credential(v) {
        return format!(
            "this file is not a credential (a logo, a note, a broken download?): move it out of the badges folder; {verify}"
        );
    }
    if let Some(fix) = owner_fix(config, v) {
        return format!("{fix}; {verify}");
    }
    format!("{verify}; set `badges.{setting}: show` or `omit` to build anyway")
}

fn first_problem(v: &Verdict) -> String {
    let find =
        |name: CheckName, o: Outcome| v.checks.iter().find(|c| c.name == name && c.outcome == o);
    // An expired badge is expired because of its dates, whatever else was skipped.
    let expired = (v.status == Status::Expired)
        .then(|| v.checks.iter().find(|c| c.name == CheckName::Validity))
        .flatten();
    let check = expired
        .or_else(|| v.checks.iter().find(|c| c.outcome == Outcome::Fail))
        .or_else(|| find(CheckName::Signature, Outcome::Skipped))
        .or_else(|| find(CheckName::Key, Outcome::Skipped))
        .or_else(|| find(CheckName::Recipient, Outcome::Skipped))
        .or_else(|| find(CheckName::Status, Outcome::Skipped))
        .or_else(|| find(CheckName::Validity, Outcome::Warn))
        .or_else(|| v.checks.iter().find(|c| c.name == CheckName::Status));
    match check {
        Some(c) => format!("{} check: {}", check_name(c.name), c.detail),
        None => "see `folio verify`".into(),
    }
}

fn check_name(n: CheckName) -> String {
    serde_json::to_value(n)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn sidecar_path(path: &Path) -> PathBuf {
    path.with_extension("yaml")
}

fn read_sidecar(config: &Config, credential: &Path) -> Result<Sidecar> {
    let path = sidecar_path(credential);
    if !path.is_file() {
        return Ok(Sidecar {
            publish_credential: true,
            ..Sidecar::default()
        });
    }
    let shown = config.shown(path.strip_prefix(&config.root).unwrap_or(&path));
    let text = crate::util::fs::read_text(&path, &shown)?;
    if text.trim().is_empty() {
        return Ok(Sidecar {
            publish_credential: true,
            ..Sidecar::default()
        });
    }
    serde_yaml::from_str(&text).map_err(|e| {
        let (loc, msg) = yaml_error_parts(&shown, &e, 0);
        Error::Content {
            hint: unknown_field_hint(&msg).or_else(|| {
                Some("a badge sidecar may set featured, order, hidden, reflection and publish_credential".into())
            }),
            loc,
            msg,
        }
    })
}

fn contains_ignore_case(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.trim().to_ascii_lowercase();
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Two badge files with the same stem (`a.json`, `a.png`) would share a URL.
fn dedupe_slugs(list: &mut [Badge]) -> Result<()> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut errors = Vec::new();
    for b in list.iter() {
        if let Some(other) = seen.insert(b.slug.clone(), b.file.clone()) {
            errors.push(
                Error::content(
                    Location::file(&b.file),
                    format!(
                        "this badge and {other} would both be published at /badges/{}/",
                        b.slug
                    ),
                )
                .with_hint("rename one of the files"),
            );
        }
    }
    Error::from_list(errors)
}

/// Long because most of it is the `Badge` literal: every field a theme may use,
/// in one place (see THEMES.md); the parts with logic are functions below.
/// The badge as templates see it, from its verdict; its receipt (and published
/// files) go into `files`.
fn view(
    config: &Config,
    item: &Loaded,
    checked: chrono::DateTime<chrono::Utc>,
    tr: &Translator,
    files: &mut Vec<OutputFile>,
) -> Badge {
    // Everything shown or published below comes from this copy, without the owner's
    // private identities.
    let redact = Redactor::new(&config.owner_identities);
    let v = &redact.verdict(&item.verdict);
    let c = v.typed.clone().unwrap_or_default();
    let place = place(config, item);
    let name = c.name.clone().unwrap_or_else(|| place.stem.clone());
    let description = c.description.clone().unwrap_or_default();
    let issuer = issuer_view(config, v, &c.issuer, tr);
    let Media {
        image,
        download_url,
        download_note,
    } = media(item, &c, &place, &name, &redact, tr, files);
    let Place {
        file,
        slug,
        dir,
        url,
        permalink,
        ..
    } = place;

    let status = v.status;
    let valid_until = c.dates.window().ok().and_then(|(_, until)| until);
    files.push(receipt(&dir, v, checked, valid_until));

    let check_attributes = recheck::attributes(
        status == Status::Verified,
        checked,
        valid_until,
        v.credential.as_ref(),
        config.badges.recheck_in_browser,
        tr,
    );
    let verifiers = verifiers(config, download_url.as_deref());
    let credential_id = c.id.clone();
    // Shared only for a verified badge: elsewhere a recruiter would read a claim.
    let Sharing {
        recipient_check,
        linkedin_url,
        structured_data,
    } = sharing(item, v, &c, &issuer, &name, &description, &permalink);
    Badge {
        slug,
        file,
        url: url.clone(),
        card: format!("{permalink}{CARD}"),
        permalink,
        download_url,
        download_note,
        receipt_url: format!("{url}verification.json"),
        status: status.as_str(),
        status_label: status_label(v, tr),
        status_reason: status_reason(v),
        // Expired and revoked badges are authentic: their text is the issuer's.
        claims: matches!(status, Status::Failed | Status::Unverifiable),
        checks: check_views(config, v, tr),
        recipient: super::recipient::binding_name(v),
        recipient_check,
        format: v.format.clone(),
        suite: v.suite.clone(),
        credential_id,
        name,
        description,
        text_lang: v.credential.as_ref().and_then(text_language),
        achievement_type: c.achievement_type.clone(),
        criteria_html: inert_markdown(c.criteria.narrative.as_deref()),
        criteria_url: c.criteria.url.as_deref().map(sanitize::safe_url),
        issuer,
        image,
        alignments: alignments(&c),
        tags: c.tags.clone(),
        evidence: evidence(&c),
        results: c.results.clone(),
        issued: c.issued(),
        expires: c.expires(),
        checked_date: checked.format("%Y-%m-%d").to_string(),
        checked_on: recheck::day(checked, tr),
        valid_until: valid_until.map(recheck::stamp),
        valid_until_on: valid_until.map(|t| recheck::day(t, tr)),
        check_attributes,
        verifiers,
        featured: item.sidecar.featured,
        order: item.sidecar.order,
        reflection_html: inert_markdown(item.sidecar.reflection.as_deref()),
        cited_by: Vec::new(),
        linkedin_url,
        structured_data,
        pathways: Vec::new(),
        associations: doc_associations(v.credential.as_ref()),
        asserted: asserted(v),
        endorsements: endorsements(v, tr),
        facts: facts_of(v, tr),
        credential: c,
    }
}

/// The facts panel: of a verified badge only (anything else's are claims).
fn facts_of(v: &Verdict, tr: &Translator) -> Option<crate::facts_view::FactsView> {
    let facts = v.facts.as_ref().filter(|_| v.status == Status::Verified)?;
    let mut view = crate::facts_view::view(facts, tr)?;
    for item in view.rows.iter_mut().flat_map(|r| &mut r.items) {
        item.url = item.url.as_deref().map(sanitize::safe_url);
    }
    Some(view)
}

/// The authentic endorsements of a badge, for its page; the rest are left out.
fn endorsements(v: &Verdict, tr: &Translator) -> Vec<crate::badge_view::EndorsementView> {
    v.endorsements
        .iter()
        .filter_map(|e| {
            let (status, key) = match e.status {
                Status::Verified => ("verified", "endorsement-checked"),
                Status::Expired => ("expired", "endorsement-expired"),
                Status::Revoked => ("revoked", "endorsement-revoked"),
                Status::Failed | Status::Unverifiable => return None,
            };
            Some(crate::badge_view::EndorsementView {
                endorser: e
                    .endorser_name
                    .clone()
                    .or_else(|| e.endorser_id.clone())
                    .unwrap_or_default(),
                endorser_id: e.endorser_id.clone(),
                status,
                status_label: tr.t(key),
                comment: e.comment.clone(),
            })
        })
        .collect()
}

/// A verified CLR's associations as its issuer wrote them, for pathways (`part_of:`).
fn asserted(v: &Verdict) -> Vec<badge::clr::Association> {
    match (&v.status, v.credential.as_ref()) {
        (Status::Verified, Some(doc)) => badge::clr::associations(doc),
        _ => Vec::new(),
    }
}

/// A CLR's associations with each achievement named (the CLR's own list names
/// them), the kind in words (`isChildOf` → "is child of").
fn doc_associations(doc: Option<&Value>) -> Vec<crate::badge_view::AssociationView> {
    let Some(doc) = doc else { return Vec::new() };
    let names: std::collections::HashMap<&str, &str> = doc
        .pointer("/credentialSubject/achievement")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| Some((a.get("id")?.as_str()?, a.get("name")?.as_str()?)))
        .collect();
    let name = |id: &str| names.get(id).map_or(id.to_string(), |n| n.to_string());
    badge::clr::associations(doc)
        .into_iter()
        .map(|a| crate::badge_view::AssociationView {
            source: name(&a.source),
            kind: words(&a.kind),
            target: name(&a.target),
        })
        .collect()
}

/// `isChildOf` as "is child of".
fn words(camel: &str) -> String {
    let mut out = String::new();
    for c in camel.chars() {
        if c.is_uppercase() {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// What a verified badge offers beyond its page: the reader's recipient form, the
/// LinkedIn link and schema.org data.
struct Sharing {
    recipient_check: Option<crate::badge_view::RecipientCheck>,
    linkedin_url: Option<String>,
    structured_data: Option<String>,
}

fn sharing(
    item: &Loaded,
    v: &Verdict,
    c: &badge::Credential,
    issuer: &IssuerView,
    name: &str,
    description: &str,
    permalink: &str,
) -> Sharing {
    let verified = v.status == Status::Verified;
    let issued = c.issued();
    // From the verdict as verified (before redaction): a plain address is published
    // only as a hash.
    let recipient_check = super::recipient::reader_check(&item.verdict);
    // A recipient only claimed by a DID is something a reader cannot check at all:
    // no invitation to put it on a profile.
    let shareable = super::recipient::shareable(v, recipient_check.is_some());
    let linkedin_url = (verified && shareable).then(|| {
        let org = issuer.trusted_as.as_deref().or(issuer.name.as_deref());
        linkedin(name, org, issued.as_deref(), permalink, c.id.as_deref())
    });
    let structured_data = verified.then(|| {
        let mut data = structured_data(c, name, description, permalink, issuer, &issued);
        // Whose it is, as far as folio knows: a claim is never written as proof.
        data["identifier"] = serde_json::json!({
            "@type": "PropertyValue",
            "propertyID": "recipient",
            "value": super::recipient::binding_name(v),
        });
        if let Some(facts) = &v.facts {
            crate::facts_view::structured(&mut data, facts);
        }
        script_json(&data)
    });
    Sharing {
        recipient_check,
        linkedin_url,
        structured_data,
    }
}

/// The language the issuer wrote the credential's text in: the achievement's
/// `inLanguage` (OB 3.0), else the credential's, when it is a language tag.
fn text_language(doc: &Value) -> Option<String> {
    let subject = match doc.get("credentialSubject") {
        Some(Value::Array(items)) => items.first(),
        other => other,
    };
    [
        subject
            .and_then(|s| s.get("achievement"))
            .and_then(|a| a.get("inLanguage")),
        doc.get("inLanguage"),
    ]
    .into_iter()
    .flatten()
    .filter_map(Value::as_str)
    .find(|tag| crate::i18n::parse_tag(tag).is_ok())
    .map(str::to_string)
}

/// Where a badge's files go: its file name, slug and folder.
/// Third-party markdown (criteria, evidence, a sidecar's reflection) rendered inert;
/// empty when there is none.
fn inert_markdown(text: Option<&str>) -> String {
    text.map(sanitize::markdown).unwrap_or_default()
}

/// Why the badge is not verified, in a visitor's words (empty when it is).
fn status_reason(v: &Verdict) -> String {
    match v.status {
        Status::Verified => String::new(),
        _ => crate::util::dates::humanise(&first_problem(v)),
    }
}

/// The credential's alignments, their links made safe.
fn alignments(c: &badge::Credential) -> Vec<Alignment> {
    c.alignments
        .iter()
        .map(|a| Alignment {
            name: a.name.clone(),
            url: a.url.as_deref().map(sanitize::safe_url),
            framework: a.framework.clone(),
            code: a.code.clone(),
        })
        .collect()
}

/// The credential's evidence, links made safe and narratives rendered inert.
fn evidence(c: &badge::Credential) -> Vec<Evidence> {
    c.evidence
        .iter()
        .map(|e| Evidence {
            url: e.id.as_deref().map(sanitize::safe_url),
            name: e.name.clone(),
            description: e.description.clone(),
            narrative_html: inert_markdown(e.narrative.as_deref()),
        })
        .collect()
}

/// Links to independent verifiers for the published credential at `download_url`.
fn verifiers(config: &Config, download_url: Option<&str>) -> Vec<VerifierLink> {
    match download_url {
        Some(path) => recheck::verifier_links(
            &config.badges.verifiers,
            &format!(
                "{}{}",
                config.base_url,
                path.strip_prefix(&config.base_path).unwrap_or(path)
            ),
        ),
        None => Vec::new(),
    }
}

struct Place {
    file: String,
    stem: String,
    slug: String,
    /// `badges/SLUG/`, relative to the site.
    dir: String,
    /// The folder under the base path, and as a full URL.
    url: String,
    permalink: String,
}

fn place(config: &Config, item: &Loaded) -> Place {
    let file = item
        .path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let stem = item
        .path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let slug = match crate::content::markdown::slugify(&stem) {
        s if s.is_empty() => "badge".to_string(),
        s => s,
    };
    let dir = format!("{}badges/{slug}/", config.lang_prefix);
    let url = format!("{}{dir}", config.base_path);
    let permalink = format!("{}{dir}", config.base_url);

    Place {
        file,
        stem,
        slug,
        dir,
        url,
        permalink,
    }
}

/// The badge's picture and download, and the files they add.
struct Media {
    image: Option<ImageView>,
    download_url: Option<String>,
    download_note: Option<String>,
}

fn media(
    item: &Loaded,
    c: &badge::Credential,
    place: &Place,
    name: &str,
    redact: &Redactor,
    tr: &Translator,
    files: &mut Vec<OutputFile>,
) -> Media {
    let Place { file, dir, url, .. } = place;
    // A baked badge is its own picture: a PNG as it is (published with the credential
    // inside it), an SVG rebuilt without anything active and without the credential.
    let ext = file.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    let caption = c.image.as_ref().and_then(|i| i.caption.clone());
    let alt = || {
        caption
            .clone()
            .unwrap_or_else(|| tr.format("badge-image-alt", &[("name", name.into())]))
    };
    let cleaned_svg = (ext == "svg").then(|| {
        svg::sanitise(&item.bytes).map(|mut clean| {
            clean.svg = redact.text(&clean.svg);
            clean
        })
    });
    let baked_picture = match &cleaned_svg {
        Some(Ok(clean)) => Some(svg_image(dir, clean, alt(), files)),
        Some(Err(_)) => None,
        None => (ext == "png" && item.sidecar.publish_credential).then(|| ImageView {
            url: format!("{dir}{}", percent_encode(file)),
            local: true,
            alt: alt(),
        }),
    };
    let image = baked_picture.or_else(|| image(c.image.as_ref(), dir, &alt(), redact, files));
    // An original that would run something if opened keeps its bytes (a verifier
    // needs them) under a name a browser shows as text, never renders.
    let inert_name = match &cleaned_svg {
        Some(Ok(clean)) if clean.active.is_empty() => None,
        Some(Ok(clean)) => Some((format!("{file}.txt"), clean.active.join(", "))),
        Some(Err(why)) => Some((format!("{file}.txt"), why.clone())),
        None => None,
    };
    let (download_url, download_note) = if item.sidecar.publish_credential {
        let published = inert_name
            .as_ref()
            .map_or(file.as_str(), |(n, _)| n.as_str());
        files.push(OutputFile::new(
            format!("{dir}{published}"),
            item.bytes.clone(),
        ));
        let note = inert_name.as_ref().map(|(n, why)| {
            tr.format(
                "download-note",
                &[
                    ("why", why.into()),
                    ("published", n.into()),
                    ("file", file.into()),
                ],
            )
        });
        (Some(format!("{url}{}", percent_encode(published))), note)
    } else {
        (None, None)
    };
    Media {
        image,
        download_url,
        download_note,
    }
}

/// schema.org JSON-LD for a verified badge's page.
fn structured_data(
    c: &badge::Credential,
    name: &str,
    description: &str,
    permalink: &str,
    issuer: &IssuerView,
    issued: &Option<String>,
) -> Value {
    let mut data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalCredential",
        "name": name,
        "description": description,
        "url": permalink,
        "credentialCategory": c.achievement_type.clone().unwrap_or_else(|| "badge".into()),
    });
    // `recognizedBy` states who issued it as a fact: only for an issuer the portfolio
    // trusts, under the trusted name. An unknown issuer's name is only its claim.
    if let Some(trusted) = &issuer.trusted_as {
        let mut org = serde_json::json!({"@type": "Organization", "name": trusted});
        if let Some(url) = &issuer.url {
            org["url"] = Value::String(url.clone());
        }
        data["recognizedBy"] = org;
    }
    if let Some(i) = &issued {
        data["dateCreated"] = Value::String(i.clone());
    }
    data
}

fn status_label(v: &Verdict, tr: &Translator) -> String {
    tr.t(match v.status {
        Status::Verified => "status-verified",
        Status::Expired => "status-expired",
        Status::Revoked => "status-revoked",
        Status::Failed => "status-failed",
        Status::Unverifiable if recipient_unconfirmed(v) => "status-unconfirmed",
        Status::Unverifiable => "status-unverifiable",
    })
}

/// The check table: the verifier's words, except the recipient row, which speaks
/// to a reader in the page's language.
fn check_views(config: &Config, v: &Verdict, tr: &Translator) -> Vec<CheckView> {
    let owner = config
        .owner
        .name
        .clone()
        .unwrap_or_else(|| tr.t("the-owner"));
    v.checks
        .iter()
        .map(|c| match c.name {
            CheckName::Recipient => super::recipient::check_view(v, c, &owner, tr),
            _ => check_view(c, tr),
        })
        .collect()
}

fn check_view(c: &badge::Check, tr: &Translator) -> CheckView {
    let name = check_name(c.name);
    let outcome = match c.outcome {
        Outcome::Pass => "pass",
        Outcome::Fail => "fail",
        Outcome::Warn => "warn",
        Outcome::Skipped => "skipped",
    };
    CheckView {
        label: tr.t(&format!("check-{name}")),
        name,
        outcome,
        outcome_label: tr.t(&format!("outcome-{outcome}")),
        symbol: badge::report::symbol(c.outcome),
        detail: crate::util::dates::humanise(&c.detail),
        detail_lang: Some("en"),
        attributes: String::new(),
    }
}

/// Authentic, but not shown to be issued to the owner.
fn recipient_unconfirmed(v: &Verdict) -> bool {
    v.outcome(CheckName::Recipient) == Outcome::Skipped
        && [CheckName::Signature, CheckName::Key]
            .iter()
            .all(|&c| v.outcome(c) == Outcome::Pass)
}

/// The issuer as a page names it. Only an authentic badge from an issuer in the
/// trust list gets the trusted name; anything else is what the credential claims.
/// Long because each standing has its own words, on the card and on the page.
fn issuer_view(
    config: &Config,
    v: &Verdict,
    claimed: &badge::credential::Issuer,
    tr: &Translator,
) -> IssuerView {
    let id = v.issuer.clone();
    let name = claimed.name.clone();
    // Authentic: issued by that issuer, whatever became of it since.
    let authentic = matches!(
        v.status,
        Status::Verified | Status::Expired | Status::Revoked
    );
    let standing = v.issuer_standing.as_ref();
    let trusted_as = match (&id, authentic, standing) {
        (Some(id), true, Some(badge::Standing::Trusted { name: trusted })) => Some(
            trusted
                .clone()
                .or_else(|| name.clone())
                .unwrap_or_else(|| id.clone()),
        ),
        (Some(_), true, Some(badge::Standing::Listed { entry, .. })) => {
            entry.name.clone().or_else(|| name.clone())
        }
        _ => None,
    };
    let impersonation = v
        .check(CheckName::Trust)
        .is_some_and(|c| c.outcome == Outcome::Fail);
    let unnamed = || tr.t("unnamed-issuer");
    let who = id.clone().unwrap_or_else(unnamed);
    let plain = name.clone().unwrap_or_else(unnamed);
    let label = match (&trusted_as, &name) {
        (Some(trusted), _) => trusted.clone(),
        (None, Some(name)) if impersonation => {
            tr.format("issuer-impersonation-label", &[("name", name.into())])
        }
        (None, _) => plain.clone(),
    };
    let (kind, standing_text, registry, governance_url) =
        standing_of(config, authentic, standing, tr);
    let shown = trusted_as.as_deref().unwrap_or(&plain);
    let registry_name = registry.clone().unwrap_or_else(|| tr.t("registry"));
    let args = [
        ("who", who.as_str().into()),
        ("name", shown.into()),
        ("registry", registry_name.as_str().into()),
    ];
    let summary = match kind {
        "trusted" | "listed" | "unchecked" | "unlisted" | "impersonation" => {
            tr.format(&format!("summary-{kind}"), &args)
        }
        _ => tr.format("summary-unknown", &args),
    };
    IssuerView {
        id,
        name,
        url: claimed.url.as_deref().map(sanitize::safe_url),
        trusted_as,
        label,
        impersonation,
        standing: kind,
        standing_text,
        registry,
        governance_url,
        summary,
    }
}

/// The issuer's standing for themes: its kind, a few words for cards, and the
/// registry (with its governance page) that lists it. Only an authentic badge's
/// issuer has one; an impersonation is named whatever the rest.
fn standing_of(
    config: &Config,
    authentic: bool,
    standing: Option<&badge::Standing>,
    tr: &Translator,
) -> (&'static str, String, Option<String>, Option<String>) {
    let (kind, registry, governance_url) = match (authentic, standing) {
        (_, Some(badge::Standing::Impersonation { .. })) => ("impersonation", None, None),
        (false, _) => ("unknown", None, None),
        (true, Some(badge::Standing::Trusted { .. })) => ("trusted", None, None),
        (
            true,
            Some(badge::Standing::Listed {
                registry,
                governance_url,
                ..
            }),
        ) => (
            "listed",
            Some(registry.clone()),
            governance_url.as_deref().map(sanitize::safe_url),
        ),
        (true, Some(badge::Standing::Unchecked { .. })) => ("unchecked", None, None),
        (true, _) => ("unlisted", None, None),
    };
    let text = match kind {
        "listed" => tr.format(
            "standing-listed",
            &[("registry", registry.as_deref().unwrap_or("").into())],
        ),
        "unlisted" if !config.badges.registries.is_empty() => tr.t("standing-unlisted-registries"),
        _ => tr.t(&format!("standing-{kind}")),
    };
    (kind, text, registry, governance_url)
}

/// The badge image: a data URI is written out as a file; a remote URL is kept as a
/// link (themes must not load it without the visitor knowing).
/// `alt` is the caption, or the badge image's name in the site's language.
fn image(
    image: Option<&badge::credential::Image>,
    dir: &str,
    alt: &str,
    redact: &Redactor,
    files: &mut Vec<OutputFile>,
) -> Option<ImageView> {
    let image = image?;
    let src = image.url.clone();
    let alt = alt.to_string();
    if let Some(rest) = src.strip_prefix("data:") {
        let (meta, data) = rest.split_once(',')?;
        let ext = match meta.split(';').next()? {
            "image/png" => "png",
            "image/svg+xml" => "svg",
            "image/jpeg" => "jpg",
            "image/webp" => "webp",
            "image/gif" => "gif",
            _ => return None,
        };
        if !meta.ends_with(";base64") {
            return None;
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data.trim())
            .ok()?;
        if ext == "svg" {
            let mut clean = svg::sanitise(&bytes).ok()?;
            clean.svg = redact.text(&clean.svg);
            return Some(svg_image(dir, &clean, alt, files));
        }
        // The issuer's picture may carry text of its own (a baked assertion in a PNG
        // chunk names the recipient's email; Exif, XMP, comments): published only
        // as folio can clean it, never byte for byte.
        let (clean, _) = crate::images::metadata::strip(&bytes)?;
        let path = format!("{dir}image.{ext}");
        files.push(OutputFile::new(path.clone(), clean));
        return Some(ImageView {
            url: path,
            local: true,
            alt,
        });
    }
    let url = sanitize::safe_url(&src);
    (url != "#").then_some(ImageView {
        url,
        local: false,
        alt,
    })
}

/// Publishes a sanitised SVG as the badge's `image.svg`.
fn svg_image(
    dir: &str,
    clean: &svg::Cleaned,
    alt: String,
    files: &mut Vec<OutputFile>,
) -> ImageView {
    let path = format!("{dir}image.svg");
    files.push(OutputFile::new(path.clone(), clean.svg.clone()));
    ImageView {
        url: path,
        local: true,
        alt,
    }
}

/// `verification.json`: the verdict, when it was made (the instant: `folio check
/// --max-age` and the scheduled re-check compare it), the end of the credential's
/// validity, and the hash of every input.
/// The badge's `verification.json`: the verdict, when it was checked, and whose
/// badge it is (`recipient`: proven, claimed or other).
fn receipt(
    dir: &str,
    v: &Verdict,
    checked: chrono::DateTime<chrono::Utc>,
    valid_until: Option<chrono::DateTime<chrono::Utc>>,
) -> OutputFile {
    let mut value = serde_json::to_value(v).expect("verdicts serialise");
    value["checked_at"] = Value::String(recheck::stamp(checked));
    value["valid_until"] = valid_until.map_or(Value::Null, |u| Value::String(recheck::stamp(u)));
    value["inputs"] = serde_json::to_value(&v.inputs).expect("inputs serialise");
    value["verifier"] = Value::String(format!("folio {}", env!("CARGO_PKG_VERSION")));
    value["recipient"] = Value::String(
        v.recipient
            .as_ref()
            .map_or("other", badge::recipient::Binding::as_str)
            .to_string(),
    );
    OutputFile::new(
        format!("{dir}verification.json"),
        serde_json::to_string_pretty(&value).expect("json"),
    )
}

/// JSON for a `<script>` element: `<`, `>` and `&` are written as `\u` escapes
/// (they only occur inside JSON strings), so nothing can end the element early.
pub fn script_json(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn linkedin(
    name: &str,
    org: Option<&str>,
    issued: Option<&str>,
    url: &str,
    id: Option<&str>,
) -> String {
    let mut q = vec![
        ("startTask", "CERTIFICATION_NAME".to_string()),
        ("name", name.to_string()),
        ("organizationName", org.unwrap_or("").to_string()),
        ("certUrl", url.to_string()),
    ];
    if let Some(date) = issued.and_then(badge::shape::parse_datetime) {
        q.push(("issueYear", date.format("%Y").to_string()));
        q.push(("issueMonth", date.format("%-m").to_string()));
    }
    if let Some(id) = id {
        q.push(("certId", id.to_string()));
    }
    let query: Vec<String> = q
        .iter()
        .map(|(k, v)| format!("{k}={}", percent_encode(v)))
        .collect();
    format!("https://www.linkedin.com/profile/add?{}", query.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_element() {
        let v = serde_json::json!({"name": "</script><script>alert(1)</script>"});
        let out = script_json(&v);
        assert!(!out.contains('<') && !out.contains('>'), "{out}");
        let back: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn linkedin_link_is_encoded() {
        let l = linkedin(
            "Rust & Co",
            Some("Acme"),
            Some("2025-03-04T00:00:00Z"),
            "https://x/b/",
            None,
        );
        assert!(l.contains("name=Rust%20%26%20Co"));
        assert!(l.contains("issueYear=2025&issueMonth=3"));
    }
}
