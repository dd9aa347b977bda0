//! Open Badges verification: from a credential file's bytes to a [`Verdict`] with one
//! outcome per check and one overall [`Status`]. Open Badges 3.0 and W3C Verifiable
//! Credentials (Data Integrity `eddsa-rdfc-2022`, `eddsa-jcs-2022`,
//! `Ed25519Signature2020`/`2018`; VC-JWT), Open Badges 2.0 (hosted and signed), baked
//! PNG and SVG, presentations, status lists (Bitstring, StatusList2021, OB 2.0
//! revocation lists), did:key and did:web, issuer registries.
//!
//! Invariant: a badge is `verified` only when parse, shape, signature, key and
//! validity pass and the recipient check did not fail. Anything that could not be
//! checked is `skipped` with a reason, which makes the badge `unverifiable`, never
//! verified. Verification never panics on hostile input and never fetches a JSON-LD
//! context (every context it knows is bundled).
//!
//! # Verify a file
//!
//! ```
//! use openbadges_verify::{Options, Status, sign, verify};
//!
//! // A credential signed by a did:key issuer (any OB 3.0 file's bytes will do).
//! let issuer = sign::Issuer::from_seed([7; 32]);
//! let badge = sign::sample_badge(&issuer, "Rust basics", "2026-01-10T00:00:00Z");
//! let signed = issuer.sign_jcs(badge, "2026-01-10T00:00:00Z");
//! let bytes = serde_json::to_vec(&signed).unwrap();
//!
//! let verdict = verify("rust-basics.json", &bytes, &Options::default());
//! assert_eq!(verdict.status, Status::Verified);
//! println!("{}", openbadges_verify::report::human(&verdict));
//! ```
//!
//! # Verify with options
//!
//! The owner's identities (the recipient check), the time to check validity at, and
//! the documents a credential points to (here supplied in memory; with the `http`
//! feature, [`net::Https`] fetches them, and with `fs` a folder or cache can):
//!
//! ```
//! use std::collections::HashMap;
//! use openbadges_verify::{CheckName, Documents, Options, Outcome, Status, recipient, sign, verify};
//!
//! let issuer = sign::Issuer::with_did([9; 32], "did:web:issuer.example");
//! let badge = sign::sample_badge(&issuer, "Data literacy", "2026-01-10T00:00:00Z");
//! let badge = issuer.sign_jcs(badge, "2026-01-10T00:00:00Z");
//! let did_document = serde_json::to_vec(&issuer.did_document()).unwrap();
//! let opts = Options {
//!     now: "2026-06-01T00:00:00Z".parse().unwrap(),
//!     // The sample badges are issued to this address, as a salted hash.
//!     owner: recipient::Owner::parse([sign::SAMPLE_RECIPIENT]).unwrap(),
//!     portfolio: true,
//!     documents: Documents::from_map(HashMap::from([(
//!         "https://issuer.example/.well-known/did.json".to_string(),
//!         did_document,
//!     )])),
//!     ..Options::default()
//! };
//! let verdict = verify("badge.json", &serde_json::to_vec(&badge).unwrap(), &opts);
//! assert_eq!(verdict.outcome(CheckName::Signature), Outcome::Pass);
//! assert_eq!(verdict.outcome(CheckName::Recipient), Outcome::Pass);
//! assert_eq!(verdict.status, Status::Verified);
//! ```
//!
//! # Read the typed credential
//!
//! ```
//! use openbadges_verify::{Options, sign, verify};
//!
//! let issuer = sign::Issuer::from_seed([7; 32]);
//! let badge = sign::sample_badge(&issuer, "Rust basics", "2026-01-10T00:00:00Z");
//! let badge = issuer.sign_jcs(badge, "2026-01-10T00:00:00Z");
//! let verdict = verify("b.json", &serde_json::to_vec(&badge).unwrap(), &Options::default());
//! let credential = verdict.typed.expect("a readable credential");
//! assert_eq!(credential.name.as_deref(), Some("Rust basics"));
//! assert_eq!(credential.issued().as_deref(), Some("2026-01-10T00:00:00Z"));
//! assert_eq!(credential.issuer.name.as_deref(), Some("folio Sample Academy"));
//! ```
//!
//! # Features
//!
//! - `http` (default): [`net`], an HTTPS client that connects only to public
//!   addresses, for DID documents, status lists and hosted assertions.
//! - `fs` (default): [`folder`], documents from a folder and a cache folder.
//!
//! Without them the core reads no file and opens no socket: documents come from the
//! caller through [`documents::Supply`], [`documents::Fetch`] and [`documents::Cache`].
//!
//! Layout: `read` detects the format; `shape` checks structure and dates; `proof`
//! verifies Data Integrity proofs (one function per suite); `keys` resolves
//! verification methods (did:key, did:web, pinned keys); `status` reads status lists;
//! `recipient` matches the owner; `documents` is where documents come from.

// The API: verify, verify_file and the types around them below, and these modules.
pub mod credential;
pub mod documents;
#[cfg(feature = "fs")]
pub mod folder;
#[cfg(feature = "http")]
pub mod net;
pub mod recipient;
pub mod registry;
pub mod report;
pub mod sign;

// The steps of verification, each in its own module.
mod claims;
pub mod clr;
mod contexts;
mod ed25519;
pub mod endorsement;
pub mod facts;
mod jwt;
mod names;
mod ob2;
mod presentation;
mod sdjwt;

// Also steps, public for folio (its fuzz targets, tests and site code reach into
// them) but not part of the documented API: they may change in any release.
#[doc(hidden)]
pub mod bake;
#[doc(hidden)]
pub mod bounded;
#[doc(hidden)]
pub mod ecdsa_sd;
#[doc(hidden)]
pub mod jsonld;
#[doc(hidden)]
pub mod jws;
#[doc(hidden)]
pub mod keys;
#[doc(hidden)]
pub mod proof;
#[doc(hidden)]
pub mod read;
#[doc(hidden)]
pub mod shape;
#[doc(hidden)]
pub mod status;
#[doc(hidden)]
pub mod url;
#[doc(hidden)]
pub mod x5c;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

pub use credential::Credential;
pub use documents::Documents;

/// The overall result, the first that applies in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Failed,
    Unverifiable,
    Revoked,
    Expired,
    Verified,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Failed => "failed",
            Status::Unverifiable => "unverifiable",
            Status::Revoked => "revoked",
            Status::Expired => "expired",
            Status::Verified => "verified",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    Fail,
    Warn,
    Skipped,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckName {
    Parse,
    Shape,
    Signature,
    Key,
    Validity,
    Status,
    Recipient,
    Trust,
}

pub const CHECK_ORDER: [CheckName; 8] = [
    CheckName::Parse,
    CheckName::Shape,
    CheckName::Signature,
    CheckName::Key,
    CheckName::Validity,
    CheckName::Status,
    CheckName::Recipient,
    CheckName::Trust,
];

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub name: CheckName,
    pub outcome: Outcome,
    pub detail: String,
}

/// One input the verdict depended on, hashed so anyone can re-run the check.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Input {
    pub kind: &'static str,
    pub name: String,
    pub sha256: String,
}

impl Input {
    pub fn new(kind: &'static str, name: impl Into<String>, bytes: &[u8]) -> Input {
        Input {
            kind,
            name: name.into(),
            sha256: hex(&Sha256::digest(bytes)),
        }
    }
}

/// Everything known about one credential after verification.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    pub file: String,
    pub status: Status,
    pub format: String,
    pub suite: Option<String>,
    pub issuer: Option<String>,
    pub checks: Vec<Check>,
    #[serde(skip)]
    pub inputs: Vec<Input>,
    /// The credential as JSON, for display; `None` when it could not be parsed.
    #[serde(skip)]
    pub credential: Option<serde_json::Value>,
    /// What the credential says, typed (read once, next to the shape check).
    #[serde(skip)]
    pub typed: Option<Credential>,
    /// Who vouches for the issuer, as the trust check found (none before it ran).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer_standing: Option<Standing>,
    /// How far the recipient is known to be the owner: proven, claimed or other
    /// (none when the recipient check did not run). Serialised as its name; the
    /// recipient check's detail says the rest.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "recipient::serialize_binding"
    )]
    pub recipient: Option<recipient::Binding>,
    /// Endorsements embedded in the credential, each verified on its own (they never
    /// change `status`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub endorsements: Vec<endorsement::Endorsement>,
    /// The standard facts of a micro-credential (credits, level, assessment, …): read
    /// only from a credential that verified; none otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facts: Option<facts::Facts>,
}

/// Who vouches for a credential's issuer: the portfolio's trust list, a registry, or
/// nobody the portfolio asked; or a registry could not be asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Standing {
    /// In `badges.trust`, under this name.
    Trusted { name: Option<String> },
    /// Listed in a registry: its name and governance page, and what it says.
    Listed {
        registry: String,
        governance_url: Option<String>,
        entry: registry::Entry,
    },
    /// In no trust list or registry the portfolio uses (all of them answered).
    Unlisted { registries: usize },
    /// Not listed where it could be asked, and some registry could not be: why.
    Unchecked { reasons: Vec<String> },
    /// Copies the name of a trusted or listed issuer under another identifier.
    Impersonation { of: String },
}

impl Verdict {
    pub fn check(&self, name: CheckName) -> Option<&Check> {
        self.checks.iter().find(|c| c.name == name)
    }

    pub fn outcome(&self, name: CheckName) -> Outcome {
        self.check(name).map_or(Outcome::Skipped, |c| c.outcome)
    }
}

/// An issuer the portfolio vouches for, with keys pinned so it verifies offline.
#[derive(Debug, Clone, serde::Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TrustedIssuer {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub keys: Vec<String>,
}

/// What verification may use besides the file itself.
#[derive(Debug, Clone)]
pub struct Options {
    pub now: DateTime<Utc>,
    /// Pre-fetched documents (DID documents, status lists) standing in for the network.
    pub documents: Documents,
    pub trust: Vec<TrustedIssuer>,
    /// The owner's identities, compared with the credential's recipient.
    pub owner: recipient::Owner,
    /// Verifying for a portfolio: a badge is `verified` only when the recipient check
    /// confirms it is the owner's. `folio verify` on its own checks authenticity only.
    pub portfolio: bool,
    /// Issuer registries, prepared once per build (`registry::prepare`).
    pub registries: std::sync::Arc<Vec<registry::Registry>>,
    /// The origin of the site the credentials are published on
    /// (`https://ada.github.io`, see [`recipient::origin_of`]): a presentation bound
    /// to it by the recipient's key proves the recipient is the site's author.
    pub site_origin: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            now: Utc::now(),
            documents: Documents::default(),
            trust: Vec::new(),
            owner: recipient::Owner::default(),
            portfolio: false,
            registries: std::sync::Arc::default(),
            site_origin: None,
        }
    }
}

/// Collects check outcomes in a fixed order as verification proceeds.
struct Checks(Vec<Check>);

impl Checks {
    fn set(&mut self, name: CheckName, outcome: Outcome, detail: impl Into<String>) {
        let detail = detail.into();
        match self.0.iter_mut().find(|c| c.name == name) {
            Some(c) => {
                c.outcome = outcome;
                c.detail = detail;
            }
            None => self.0.push(Check {
                name,
                outcome,
                detail,
            }),
        }
    }

    /// Sets the signature and key checks from `secured`; returns its suite.
    fn record(&mut self, secured: jwt::Secured) -> Option<String> {
        let (outcome, detail) = secured.signature;
        self.set(CheckName::Signature, outcome, detail);
        let (outcome, detail) = secured.key;
        self.set(CheckName::Key, outcome, detail);
        secured.suite
    }

    /// Fills in every check not reached, in the canonical order.
    fn finish(mut self, reason: &str) -> Vec<Check> {
        for name in CHECK_ORDER {
            if !self.0.iter().any(|c| c.name == name) {
                self.0.push(Check {
                    name,
                    outcome: Outcome::Skipped,
                    detail: reason.to_string(),
                });
            }
        }
        self.0
            .sort_by_key(|c| CHECK_ORDER.iter().position(|n| *n == c.name));
        self.0
    }
}

/// What is being verified, which decides how far checks recurse: a status list's own
/// status is not checked; an endorsement's recipient is not the learner and its own
/// endorsements are not followed (so nesting cannot multiply the work).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Depth {
    Credential,
    StatusList,
    Endorsement,
}

/// One credential found in a file: the file itself, or one credential of a
/// presentation, with its position (from 1) and its own bytes.
#[derive(Debug, Clone)]
pub struct Found {
    pub verdict: Verdict,
    pub inner: Option<(usize, Vec<u8>)>,
}

/// Verifies every credential in a file: one, or each credential of a Verifiable
/// Presentation (named `file#1`, `file#2`, …), after the presentation's own proof.
pub fn verify_file(file: &str, bytes: &[u8], opts: &Options) -> Vec<Found> {
    if let Some(inner) = clr::inner_credentials(bytes) {
        return verify_clr(file, bytes, &inner, opts);
    }
    let presentation = match presentation::read(bytes) {
        None => {
            return vec![Found {
                verdict: verify(file, bytes, opts),
                inner: None,
            }];
        }
        Some(Err(why)) => {
            let mut checks = Checks(Vec::new());
            checks.set(CheckName::Parse, Outcome::Fail, why);
            return vec![Found {
                verdict: Verdict {
                    file: file.to_string(),
                    status: Status::Failed,
                    format: "vp".into(),
                    suite: None,
                    issuer: None,
                    checks: checks.finish("not reached: the presentation holds no credential"),
                    inputs: vec![Input::new("credential", file, bytes)],
                    credential: None,
                    typed: None,
                    issuer_standing: None,
                    recipient: None,
                    endorsements: Vec::new(),
                    facts: None,
                },
                inner: None,
            }];
        }
        Some(Ok(p)) => p,
    };
    let mut holder_inputs = vec![Input::new("presentation", file, bytes)];
    let holder = presentation::holder(&presentation, opts, &mut holder_inputs);
    let count = presentation.credentials.len();
    presentation
        .credentials
        .iter()
        .enumerate()
        .map(|(i, inner)| {
            let name = format!("{file}#{}", i + 1);
            let presented = match &holder {
                presentation::Holder::Signed(signed) => signed.presented.as_ref(),
                _ => None,
            };
            let mut verdict = verify_at(&name, inner, opts, Depth::Credential, presented);
            let from = format!(
                "credential {} of {count} in a Verifiable Presentation",
                i + 1
            );
            // The holder's proof bears on holder binding only: it is reported, and a
            // broken one proves nothing about who holds the credential, but each
            // credential is judged on its own proof (VC Data Model: a presentation's
            // proof is the holder's, not the issuer's).
            if let Some(parse) = verdict
                .checks
                .iter_mut()
                .find(|c| c.name == CheckName::Parse)
            {
                let note = match &holder {
                    presentation::Holder::Unsigned => "not signed by its holder".to_string(),
                    presentation::Holder::Signed(signed) => signed.note.clone(),
                    presentation::Holder::Unchecked(why) => {
                        format!("its holder's proof was not checked: {why}")
                    }
                    presentation::Holder::Broken(why) => format!(
                        "its holder's proof does not hold ({why}), so it binds the credential to no holder"
                    ),
                };
                parse.detail = format!("{} ({from}, {note})", parse.detail);
            }
            verdict.inputs.extend(holder_inputs.iter().cloned());
            Found {
                verdict,
                inner: Some((i + 1, inner.clone())),
            }
        })
        .collect()
}

/// A CLR 2.0 transcript: the CLR itself, then each credential in it on its own proof
/// (`file#1`, …), each saying where it came from.
fn verify_clr(file: &str, bytes: &[u8], inner: &[Vec<u8>], opts: &Options) -> Vec<Found> {
    let mut out = vec![Found {
        verdict: verify(file, bytes, opts),
        inner: None,
    }];
    let count = inner.len();
    for (i, credential) in inner.iter().enumerate() {
        let name = format!("{file}#{}", i + 1);
        let mut verdict = verify(&name, credential, opts);
        if let Some(parse) = verdict
            .checks
            .iter_mut()
            .find(|c| c.name == CheckName::Parse)
        {
            parse.detail = format!(
                "{} (credential {} of {count} in a CLR 2.0 transcript, judged on its own proof)",
                parse.detail,
                i + 1
            );
        }
        out.push(Found {
            verdict,
            inner: Some((i + 1, credential.clone())),
        });
    }
    out
}

/// Step 1: the file's format and content; a verdict at once (taking the checks and
/// inputs so far) when it cannot be read, or is a format folio names but does not
/// verify.
fn read_step(
    file: &str,
    bytes: &[u8],
    checks: &mut Checks,
    inputs: &mut Vec<Input>,
) -> Result<read::Parsed, Box<Verdict>> {
    let parsed = match read::read(bytes) {
        Ok(p) => p,
        Err(reason) => {
            checks.set(CheckName::Parse, Outcome::Fail, reason);
            // A credential whose own structure does not hold (an SD-JWT whose
            // disclosures do not fit) failed; only what is no credential is "unknown".
            let format =
                match std::str::from_utf8(bytes).is_ok_and(|t| read::looks_like_sd_jwt(t.trim())) {
                    true => "sd-jwt",
                    false => "unknown",
                };
            return Err(Box::new(Verdict {
                file: file.to_string(),
                status: Status::Failed,
                format: format.into(),
                suite: None,
                issuer: None,
                checks: Checks(std::mem::take(&mut checks.0))
                    .finish("not reached: the file could not be read"),
                inputs: std::mem::take(inputs),
                credential: None,
                typed: None,
                issuer_standing: None,
                recipient: None,
                endorsements: Vec::new(),
                facts: None,
            }));
        }
    };
    checks.set(CheckName::Parse, Outcome::Pass, parsed.describe());
    let read::Format::Legacy(kind) = parsed.format else {
        return Ok(parsed);
    };
    // A genuine format folio does not verify: named, never "failed".
    checks.set(CheckName::Signature, Outcome::Skipped, kind.reason());
    let typed = Credential::read(&parsed.json);
    Err(Box::new(Verdict {
        file: file.to_string(),
        status: Status::Unverifiable,
        format: parsed.format.name().to_string(),
        suite: None,
        issuer: shape::issuer_id(&parsed.json),
        checks: Checks(std::mem::take(&mut checks.0))
            .finish("not checked: folio does not verify this format"),
        inputs: std::mem::take(inputs),
        credential: parsed.json.is_object().then_some(parsed.json),
        typed: Some(typed),
        issuer_standing: None,
        recipient: None,
        endorsements: Vec::new(),
        facts: None,
    }))
}

/// Steps 2-4 for a VC-JWT: shape (with the JWT claim rules), signature and key.
fn secured_by_token(
    jws: &jws::Jws,
    doc: &serde_json::Value,
    issuer: Option<&str>,
    opts: &Options,
    checks: &mut Checks,
    inputs: &mut Vec<Input>,
) -> Option<String> {
    match shape::check(doc).and_then(|note| {
        claims::check(&jws.payload, doc)?;
        Ok(note)
    }) {
        Ok(note) => checks.set(CheckName::Shape, Outcome::Pass, note),
        Err(problem) => checks.set(CheckName::Shape, Outcome::Fail, problem),
    }
    checks.record(jwt::check(jws, issuer, opts, inputs))
}

/// Steps 2-4 for an SD-JWT: its shape (an issuer and a type), and the issuer's
/// token's signature and key (disclosures were checked against their digests when
/// it was read).
fn secured_by_sd_jwt(
    jws: &jws::Jws,
    issuer: Option<&str>,
    opts: &Options,
    checks: &mut Checks,
    inputs: &mut Vec<Input>,
) -> Option<String> {
    match sdjwt::shape(&jws.payload) {
        Ok(note) => checks.set(CheckName::Shape, Outcome::Pass, note),
        Err(problem) => checks.set(CheckName::Shape, Outcome::Fail, problem),
    }
    checks.record(jwt::check_sd_jwt(jws, issuer, opts, inputs))
}

/// Steps 2-4 for embedded proofs: shape (including safe-mode JSON-LD expansion of the
/// unsigned document), each proof's signature, and whose key signed.
fn secured_by_proofs(
    doc: &serde_json::Value,
    issuer: Option<&str>,
    opts: &Options,
    checks: &mut Checks,
    inputs: &mut Vec<Input>,
) -> Option<String> {
    let shape = shape::check(doc);
    match &shape {
        Ok(note) => checks.set(CheckName::Shape, Outcome::Pass, note.clone()),
        Err(problem) => checks.set(CheckName::Shape, Outcome::Fail, problem.clone()),
    }
    let proofs = proof::verify_all(doc, opts, inputs);
    let (sig_outcome, sig_detail) = proofs.signature_outcome();
    checks.set(CheckName::Signature, sig_outcome, sig_detail);
    let (key_outcome, key_detail) = proofs.key_outcome(issuer);
    checks.set(CheckName::Key, key_outcome, key_detail);
    if let Some(Err(problem)) = proofs.unsafe_terms()
        && shape.is_ok()
    {
        // Safe mode failing on the credential's terms is a shape problem.
        checks.set(CheckName::Shape, Outcome::Fail, problem);
    }
    proofs.suites()
}

/// Step 5: the credential's dates; a token's `nbf`/`exp` when stricter; a Data
/// Integrity proof's own `expires`.
fn validity(
    typed: &Credential,
    doc: &serde_json::Value,
    jws: Option<&jws::Jws>,
    now: DateTime<Utc>,
) -> (Outcome, String) {
    let (mut validity, mut detail) = shape::window(&typed.dates, now);
    if let Some(jws) = jws {
        let claim = |name: &str| {
            jws.payload
                .get(name)
                .and_then(serde_json::Value::as_f64)
                .and_then(|s| DateTime::from_timestamp(s as i64, 0))
                .map(|d| serde_json::Value::String(d.to_rfc3339()))
        };
        let mut window = serde_json::Map::new();
        if let Some(nbf) = claim("nbf") {
            window.insert("validFrom".into(), nbf);
        }
        if let Some(exp) = claim("exp") {
            window.insert("validUntil".into(), exp);
        }
        let (o, d) = shape::validity(&serde_json::Value::Object(window), now);
        let rank = |o: Outcome| match o {
            Outcome::Fail => 3,
            Outcome::Warn => 2,
            Outcome::Skipped => 1,
            Outcome::Pass => 0,
        };
        if rank(o) > rank(validity) {
            (validity, detail) = (o, format!("token: {d}"));
        }
    }
    if jws.is_none()
        && validity == Outcome::Pass
        && let Some(expired) = proof::expired(doc, now)
    {
        (validity, detail) = expired;
    }
    (validity, detail)
}

/// Step 7 for what is being verified: the learner's credential, or not at all for
/// an endorsement or a status list.
fn recipient_at(
    depth: Depth,
    typed: &Credential,
    opts: &Options,
    presented: Option<&recipient::Presented>,
) -> (Outcome, String, Option<recipient::Binding>) {
    let why = match depth {
        Depth::Credential => return recipient_step(typed, opts, presented),
        Depth::Endorsement => "not checked for an endorsement (its subject is what it endorses)",
        Depth::StatusList => "not checked for a status list",
    };
    (Outcome::Skipped, why.to_string(), None)
}

/// Step 7: the recipient against the owner, unless verifying on its own: proven by
/// a presentation the recipient signed for this site, or claimed by the owner.
fn recipient_step(
    typed: &Credential,
    opts: &Options,
    presented: Option<&recipient::Presented>,
) -> (Outcome, String, Option<recipient::Binding>) {
    if !opts.portfolio && opts.owner.is_empty() && opts.site_origin.is_none() {
        return (
            Outcome::Skipped,
            "recipient not checked: verified on its own, outside a portfolio (run it in your portfolio folder, or pass --root, to compare the recipient with the owner)".to_string(),
            None,
        );
    }
    let (outcome, detail, binding) = match presented {
        Some(p) => recipient::check_presented(
            &typed.recipients,
            &opts.owner,
            p,
            opts.site_origin.as_deref(),
        ),
        None => recipient::check_identities(&typed.recipients, &opts.owner),
    };
    (outcome, detail, Some(binding))
}

/// Step 8: who vouches for the issuer, unless verifying on its own.
fn trust_step(
    issuer: Option<&str>,
    typed: &Credential,
    opts: &Options,
) -> (Outcome, String, Option<Standing>) {
    if !opts.portfolio && opts.trust.is_empty() && opts.registries.is_empty() {
        return (
            Outcome::Skipped,
            "trust not checked: verified on its own, outside a portfolio (run it in your portfolio folder, or pass --root, to compare the issuer with its trust list)".to_string(),
            None,
        );
    }
    trust(issuer, typed.issuer.name.as_deref(), opts)
}

/// Verifies one credential file. `file` is the name shown in the verdict.
pub fn verify(file: &str, bytes: &[u8], opts: &Options) -> Verdict {
    verify_at(file, bytes, opts, Depth::Credential, None)
}

/// The verification procedure, its numbered steps in the order they must run.
/// `presented`: the credential came in a presentation its holder signed.
pub(crate) fn verify_at(
    file: &str,
    bytes: &[u8],
    opts: &Options,
    depth: Depth,
    presented: Option<&recipient::Presented>,
) -> Verdict {
    let mut checks = Checks(Vec::new());
    let mut inputs = vec![Input::new("credential", file, bytes)];
    // 1. Parse.
    let parsed = match read_step(file, bytes, &mut checks, &mut inputs) {
        Ok(parsed) => parsed,
        Err(verdict) => return *verdict,
    };
    let format = parsed.format.name().to_string();
    let read::Parsed {
        format: kind,
        json: mut doc,
        jws,
        hosted_url,
        withheld,
        ..
    } = parsed;
    let mut issuer = shape::issuer_id(&doc);
    // Set when the issuer publishes revocation for this credential: then "could not
    // check" must not read as "not revoked".
    let mut status_declared = doc.get("credentialStatus").is_some_and(|s| !s.is_null());
    let mut ob2_status = None;
    // 2-4. Shape, signature and key, by how the credential is secured.
    let suite = match (&jws, kind) {
        (_, read::Format::Ob2) => {
            let checked = ob2::check(&doc, jws.as_ref(), hosted_url.as_deref(), opts, &mut inputs);
            let (outcome, detail) = checked.shape;
            checks.set(CheckName::Shape, outcome, detail);
            issuer = checked.issuer;
            // The issuer's copy (with its BadgeClass and Profile) is what the dates,
            // recipient and page are read from.
            doc = checked.display;
            status_declared = checked.status.is_some();
            ob2_status = checked.status;
            checks.record(checked.secured)
        }
        (Some(jws), read::Format::SdJwt) => {
            secured_by_sd_jwt(jws, issuer.as_deref(), opts, &mut checks, &mut inputs)
        }
        (Some(jws), _) => {
            secured_by_token(jws, &doc, issuer.as_deref(), opts, &mut checks, &mut inputs)
        }
        (None, _) => secured_by_proofs(&doc, issuer.as_deref(), opts, &mut checks, &mut inputs),
    };

    // 5. Validity window: the credential's dates, and a token's `nbf`/`exp` too.
    let typed = Credential::read(&doc);
    let (validity, validity_detail) = validity(&typed, &doc, jws.as_ref(), opts.now);
    checks.set(CheckName::Validity, validity, validity_detail);

    // 6. Status.
    if let Some((outcome, detail)) = ob2_status {
        checks.set(CheckName::Status, outcome, detail);
    } else if depth != Depth::StatusList {
        let (outcome, detail) =
            status::check(&doc, issuer.as_deref(), opts, &mut inputs, |url, bytes| {
                verify_at(url, bytes, opts, Depth::StatusList, None)
            });
        checks.set(CheckName::Status, outcome, detail);
    } else {
        checks.set(
            CheckName::Status,
            Outcome::Skipped,
            "not checked for a status list itself",
        );
    }

    // 7. Recipient.
    let (outcome, detail, recipient) = recipient_at(depth, &typed, opts, presented);
    checks.set(CheckName::Recipient, outcome, detail);

    // 8. Trust.
    let (outcome, detail, issuer_standing) = trust_step(issuer.as_deref(), &typed, opts);
    checks.set(CheckName::Trust, outcome, detail);

    let checks = checks.finish("not reached");
    let status = overall(
        &checks,
        Policy {
            recipient_required: opts.portfolio && depth == Depth::Credential,
            // "Not revoked" only when the list was read, on a portfolio or not: a
            // status that could not be checked is never `verified`.
            status_declared: status_declared && depth != Depth::StatusList,
        },
    );
    // 6b. Endorsements: verified on their own, for authentic credentials only.
    let authentic = matches!(status, Status::Verified | Status::Expired | Status::Revoked);
    let endorsements = match depth == Depth::Credential && authentic {
        true => endorsement::check(&doc, opts),
        false => Vec::new(),
    };
    Verdict {
        file: file.to_string(),
        // 9. Facts.
        facts: facts_of(status, depth, &doc, withheld),
        status,
        format,
        suite,
        issuer,
        checks,
        inputs,
        credential: Some(doc),
        typed: Some(typed),
        issuer_standing,
        recipient,
        endorsements,
    }
}

/// Step 9: the standard facts of a credential that verified, read from what was
/// signed; none for anything else, or for a status list or endorsement checked on
/// the way.
fn facts_of(
    status: Status,
    depth: Depth,
    doc: &serde_json::Value,
    withheld: usize,
) -> Option<facts::Facts> {
    (status == Status::Verified && depth == Depth::Credential).then(|| facts::read(doc, withheld))
}

/// What, besides the checks, decides whether a badge can be `verified`.
#[derive(Debug, Clone, Copy, Default)]
struct Policy {
    /// On a portfolio the recipient must be confirmed as the owner.
    recipient_required: bool,
    /// The credential declares a status list (or an OB 2.0 revocation list).
    status_declared: bool,
}

/// The first status that applies, in DESIGN.md's order.
fn overall(checks: &[Check], policy: Policy) -> Status {
    let get = |n: CheckName| {
        checks
            .iter()
            .find(|c| c.name == n)
            .map_or(Outcome::Skipped, |c| c.outcome)
    };
    // Trust fails only for an impersonated issuer name.
    let hard = [
        CheckName::Parse,
        CheckName::Shape,
        CheckName::Signature,
        CheckName::Key,
        CheckName::Recipient,
        CheckName::Validity,
        CheckName::Trust,
    ];
    if hard.iter().any(|&n| get(n) == Outcome::Fail) {
        return Status::Failed;
    }
    // Authentic: only then can its status or dates say anything.
    let needed = [
        CheckName::Parse,
        CheckName::Shape,
        CheckName::Signature,
        CheckName::Key,
    ];
    if needed.iter().any(|&n| get(n) != Outcome::Pass) {
        return Status::Unverifiable;
    }
    // The most decisive fact wins: revoked and expired say more than "not confirmed".
    if get(CheckName::Status) == Outcome::Fail {
        return Status::Revoked;
    }
    match get(CheckName::Validity) {
        Outcome::Warn => return Status::Expired,
        Outcome::Pass => {}
        // A window that could not be read is not a pass.
        _ => return Status::Unverifiable,
    }
    if (policy.recipient_required && get(CheckName::Recipient) != Outcome::Pass)
        || (policy.status_declared && get(CheckName::Status) == Outcome::Skipped)
    {
        return Status::Unverifiable;
    }
    Status::Verified
}

/// Check 8: is the issuer one the portfolio vouches for, in its trust list or a
/// registry it uses? A name copied from a trusted or listed issuer by another
/// identifier is impersonation, and fails. An issuer nobody vouches for is a warning:
/// the credential can still be authentic and the learner's.
fn trust(
    issuer: Option<&str>,
    name: Option<&str>,
    opts: &Options,
) -> (Outcome, String, Option<Standing>) {
    let Some(issuer) = issuer else {
        return (
            Outcome::Skipped,
            "the credential names no issuer".into(),
            None,
        );
    };
    if let Some(t) = opts.trust.iter().find(|t| t.id == issuer) {
        return (
            Outcome::Pass,
            match &t.name {
                Some(name) => format!("known issuer: {name}"),
                None => "known issuer (in the portfolio's trust list)".into(),
            },
            Some(Standing::Trusted {
                name: t.name.clone(),
            }),
        );
    }
    let unchecked = match registry_listing(issuer, opts) {
        Ok(listed) => return listed,
        Err(unchecked) => unchecked,
    };
    if let Some(impersonation) = impersonation(issuer, name, opts) {
        return impersonation;
    }
    let claimed = match name {
        Some(name) => format!("{issuer} claims to be \"{name}\""),
        None => issuer.to_string(),
    };
    if !unchecked.is_empty() {
        return (
            Outcome::Warn,
            format!(
                "unchecked issuer: {claimed}; it is not in the portfolio's trust list, and a registry could not be consulted ({})",
                unchecked.join("; ")
            ),
            Some(Standing::Unchecked { reasons: unchecked }),
        );
    }
    let registries = opts.registries.len();
    (
        Outcome::Warn,
        if registries == 0 {
            format!("unknown issuer: {claimed}; it is not in the portfolio's trust list")
        } else {
            format!(
                "unknown issuer: {claimed}; it is not in the portfolio's trust list or in any of its {registries} registr{}",
                if registries == 1 { "y" } else { "ies" }
            )
        },
        Some(Standing::Unlisted { registries }),
    )
}

/// The first registry that lists `issuer`, as the trust check's pass; else the
/// reasons of the registries that could not be asked (empty when all answered).
fn registry_listing(
    issuer: &str,
    opts: &Options,
) -> Result<(Outcome, String, Option<Standing>), Vec<String>> {
    let mut unchecked = Vec::new();
    for registry in opts.registries.iter() {
        match registry.lookup(issuer, &opts.documents, opts.now) {
            registry::Lookup::Listed(entry) => {
                return Ok((
                    Outcome::Pass,
                    format!(
                        "listed in {}{}{}",
                        registry.name,
                        entry
                            .name
                            .as_deref()
                            .map_or(String::new(), |n| format!(" as \"{n}\"")),
                        registry
                            .governance_url
                            .as_deref()
                            .map_or(String::new(), |g| format!(" (governance: {g})"))
                    ),
                    Some(Standing::Listed {
                        registry: registry.name.clone(),
                        governance_url: registry.governance_url.clone(),
                        entry,
                    }),
                ));
            }
            registry::Lookup::NotListed => {}
            registry::Lookup::Unchecked(why) => {
                unchecked.push(format!("{}: {why}", registry.name));
            }
        }
    }
    Err(unchecked)
}

/// A fail when `issuer` calls itself by the name of a trusted or listed issuer with
/// another identifier (names compared as a reader sees them: see `names::key`).
fn impersonation(
    issuer: &str,
    name: Option<&str>,
    opts: &Options,
) -> Option<(Outcome, String, Option<Standing>)> {
    // Names as a reader sees them (`names::key`): look-alike spellings are the same.
    let fold = names::key;
    if let Some(name) = name.filter(|n| !fold(n).is_empty()) {
        let trusted = opts
            .trust
            .iter()
            .filter_map(|t| Some((t.id.as_str(), t.name.as_deref()?, "trusted")));
        let listed = opts
            .registries
            .iter()
            .flat_map(|r| r.names().into_iter().map(|(id, n)| (id, n, "listed")));
        if let Some((id, _, how)) = trusted
            .chain(listed)
            .find(|(id, n, _)| *id != issuer && fold(n) == fold(name))
        {
            return Some((
                Outcome::Fail,
                format!(
                    "impersonation: the issuer calls itself \"{name}\", the name of the {how} issuer {id}, but it is {issuer}"
                ),
                Some(Standing::Impersonation { of: id.to_string() }),
            ));
        }
    }
    None
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checks(outcomes: &[(CheckName, Outcome)]) -> Vec<Check> {
        let mut c = Checks(Vec::new());
        for (n, o) in outcomes {
            c.set(*n, *o, "");
        }
        c.finish("")
    }

    #[test]
    fn status_order() {
        use CheckName::*;
        use Outcome::*;
        let good = [
            (Parse, Pass),
            (Shape, Pass),
            (Signature, Pass),
            (Key, Pass),
            (Validity, Pass),
        ];
        let p = Policy::default();
        assert_eq!(overall(&checks(&good), p), super::Status::Verified);
        let portfolio = Policy {
            recipient_required: true,
            status_declared: true,
        };
        assert_eq!(
            overall(&checks(&good), portfolio),
            super::Status::Unverifiable
        );
        let mut mine = good.to_vec();
        mine.push((Recipient, Pass));
        mine.push((Status, Pass));
        assert_eq!(overall(&checks(&mine), portfolio), super::Status::Verified);
        mine.pop();
        // A declared status list that could not be read is not "not revoked".
        assert_eq!(
            overall(&checks(&mine), portfolio),
            super::Status::Unverifiable
        );
        let mut impersonation = good.to_vec();
        impersonation.push((Trust, Fail));
        assert_eq!(overall(&checks(&impersonation), p), super::Status::Failed);
        let mut revoked_expired = good.to_vec();
        revoked_expired.push((Status, Fail));
        revoked_expired[4] = (Validity, Warn);
        assert_eq!(
            overall(&checks(&revoked_expired), p),
            super::Status::Revoked
        );
        let mut unverifiable = good.to_vec();
        unverifiable[3] = (Key, Skipped);
        assert_eq!(
            overall(&checks(&unverifiable), p),
            super::Status::Unverifiable
        );
        let mut wrong_owner = good.to_vec();
        wrong_owner.push((Recipient, Fail));
        assert_eq!(overall(&checks(&wrong_owner), p), super::Status::Failed);
        // Revoked and expired are more decisive than an unconfirmed recipient or an
        // unreadable list.
        let mut revoked_stranger = good.to_vec();
        revoked_stranger.push((Status, Fail));
        assert_eq!(
            overall(&checks(&revoked_stranger), portfolio),
            super::Status::Revoked
        );
        let mut expired_unread = good.to_vec();
        expired_unread[4] = (Validity, Warn);
        assert_eq!(
            overall(&checks(&expired_unread), portfolio),
            super::Status::Expired
        );
        // Standalone too: a declared list that was not read is not "not revoked".
        let standalone = Policy {
            recipient_required: false,
            status_declared: true,
        };
        assert_eq!(
            overall(&checks(&good), standalone),
            super::Status::Unverifiable
        );
        let mut not_yet = unverifiable.clone();
        not_yet[4] = (Validity, Fail);
        assert_eq!(overall(&checks(&not_yet), p), super::Status::Failed);
    }
}
