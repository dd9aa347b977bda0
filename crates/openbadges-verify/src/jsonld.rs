//! JSON-LD expansion to RDF and RDF Dataset Canonicalization (RDFC-1.0), with
//! bundled contexts only and in "safe mode".
//!
//! Safe mode matters for security: JSON-LD silently drops a property that no context
//! defines, so such a property is not covered by the signature, yet a naive display
//! would show it. Expansion here rejects any term or type that does not expand to an
//! absolute IRI, and the error names it.
//!
//! Uses the `json-ld` crate (expansion and toRdf) and `rdf-canon` (RDFC-1.0); this
//! pair reproduces the W3C test vectors' canonical N-Quads exactly.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};

use iref::{Iri, IriBuf};
use json_ld::expansion::{Action, Policy};
use json_ld::rdf::RdfQuads;
use json_ld::{LoadError, Loader, RemoteDocument};
use rdf_types::{Id as RdfId, LiteralType, Term};

use super::contexts::{self, Variant};

/// Why a document could not be canonicalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LdError {
    /// A `@context` URL folio does not bundle. Contexts are never fetched.
    UnknownContext(String),
    /// A property or type that expansion would drop or cannot make absolute.
    Undefined(String),
    /// Anything else JSON-LD processing rejected.
    Invalid(String),
    /// Canonicalisation would take too long or too much memory (a "poison" graph,
    /// or a document far larger than any credential); the reason says which bound.
    TooComplex(String),
}

impl std::fmt::Display for LdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LdError::UnknownContext(url) => write!(
                f,
                "unknown JSON-LD context `{url}` (folio bundles contexts and never fetches them)"
            ),
            LdError::Undefined(term) => write!(
                f,
                "`{term}` is not defined by the credential's contexts, so the signature does not cover it"
            ),
            LdError::Invalid(msg) => write!(f, "invalid JSON-LD: {msg}"),
            LdError::TooComplex(why) => write!(
                f,
                "the credential's graph is too complex to canonicalise ({why}), so its signature is not checked"
            ),
        }
    }
}

/// Which variant to use for each context URL; URLs not listed use their current one.
pub type Choice = HashMap<&'static str, usize>;

/// Serves bundled contexts, recording which URLs a document used.
struct BundledLoader<'a> {
    choice: &'a Choice,
    used: RefCell<Vec<&'static str>>,
}

#[derive(Debug, thiserror::Error)]
#[error("context not bundled")]
struct NotBundled;

impl Loader for BundledLoader<'_> {
    async fn load(&self, url: &Iri) -> Result<RemoteDocument<IriBuf>, LoadError> {
        let not_found = || LoadError::new(url.to_owned(), NotBundled);
        let (key, list) = contexts::registry()
            .get_key_value(url.as_str())
            .ok_or_else(not_found)?;
        let index = self.choice.get(key).copied().unwrap_or(0);
        let variant: &Variant = list.get(index).ok_or_else(not_found)?;
        let json = variant.json().ok_or_else(not_found)?.clone();
        let mut used = self.used.borrow_mut();
        if !used.contains(key) {
            used.push(key);
        }
        Ok(RemoteDocument::new(
            Some(url.to_owned()),
            Some("application/ld+json".parse().expect("valid mime")),
            json,
        ))
    }
}

/// Keeps the last malformed-IRI warning, which names the term safe mode rejected.
#[derive(Default)]
struct Warnings {
    last_malformed: Option<String>,
}

impl<N> json_ld::warning::Handler<N, json_ld::context_processing::Warning> for Warnings {
    fn handle(&mut self, _: &N, warning: json_ld::context_processing::Warning) {
        if let json_ld::context_processing::Warning::MalformedIri(s) = warning {
            self.last_malformed = Some(s);
        }
    }
}

impl<N, B> json_ld::warning::Handler<N, json_ld::expansion::Warning<B>> for Warnings {
    fn handle(&mut self, _: &N, warning: json_ld::expansion::Warning<B>) {
        if let json_ld::expansion::Warning::MalformedIri(s) = warning {
            self.last_malformed = Some(s);
        }
    }
}

/// The result of canonicalising one document.
#[derive(Debug)]
pub struct Canonical {
    pub nquads: String,
    /// Context URLs the document used, directly or through other contexts.
    pub contexts: Vec<&'static str>,
}

/// Upper bound on RDFC's Hash N-Degree Quads calls: real credentials need a handful;
/// crafted graphs can need exponentially many.
const HNDQ_CALL_LIMIT: usize = 4_000;
/// JSON values a document may have before it is expanded: real credentials (a CLR
/// with a hundred achievements) have a few thousand; expansion and canonicalisation
/// of hundreds of thousands take minutes.
pub const MAX_JSON_VALUES: usize = 50_000;
/// Quads, and distinct blank nodes, a document may have before RDFC runs: blank
/// nodes that look alike (a ring) make RDFC's memory grow faster than their number
/// (3,000 took a gigabyte); credentials have tens.
pub const MAX_QUADS: usize = 20_000;
pub const MAX_BLANK_NODES: usize = 1_000;

/// The number of JSON values in `doc`, counted without recursion, stopping past `limit`.
fn json_values(doc: &serde_json::Value, limit: usize) -> usize {
    let mut count = 0;
    let mut stack = vec![doc];
    while let Some(v) = stack.pop() {
        count += 1;
        if count > limit {
            break;
        }
        match v {
            serde_json::Value::Array(items) => stack.extend(items),
            serde_json::Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    count
}

/// Expands `doc` with bundled contexts and canonicalises it with RDFC-1.0. In `safe`
/// mode a term or type that expansion would drop is an error naming it; otherwise it
/// is dropped, as every JSON-LD processor does (which is what signers did).
pub fn canonicalize(
    doc: &serde_json::Value,
    choice: &Choice,
    safe: bool,
) -> Result<Canonical, LdError> {
    // json-ld's expansion recurses through large async frames (over 100 KiB a level
    // in debug builds), so run it on a stack sized for the deepest credential read
    // accepts rather than whatever thread called us (rayon's are 2 MiB).
    if let Some(text) = undecodable_percent(doc) {
        return Err(LdError::Invalid(format!(
            "`{}` holds percent-encoding that is not UTF-8, which IRIs cannot hold",
            text.chars().take(120).collect::<String>()
        )));
    }
    // A panic inside the JSON-LD libraries (they unwrap on input they did not expect)
    // must not take the build down: the credential is then simply not checkable.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        stacker::maybe_grow(JSONLD_STACK_NEEDED, JSONLD_STACK, || {
            canonicalize_here(doc, choice, safe)
        })
    }))
    .unwrap_or_else(|_| {
        Err(LdError::Invalid(
            "the JSON-LD processor failed on this document".into(),
        ))
    })
}

/// The first string (value or key) of `doc` with a `%XX` run that does not decode to
/// UTF-8: the IRI library panics on such IRIs (found by fuzzing: `…%C20…`).
fn undecodable_percent(doc: &serde_json::Value) -> Option<&str> {
    fn bad(text: &str) -> bool {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b'%' {
                i += 1;
                continue;
            }
            let mut run = Vec::new();
            while i + 2 < bytes.len() && bytes[i] == b'%' {
                let hex =
                    std::str::from_utf8(&bytes[i + 1..(i + 3).min(bytes.len())]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) if hex.len() == 2 => run.push(b),
                    _ => break,
                }
                i += 3;
            }
            if !run.is_empty() && std::str::from_utf8(&run).is_err() {
                return true;
            }
            if run.is_empty() {
                i += 1;
            }
        }
        false
    }
    let mut stack = vec![doc];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::String(s) if bad(s) => return Some(s),
            serde_json::Value::Array(items) => stack.extend(items),
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    if bad(k) {
                        return Some(k);
                    }
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
    None
}

/// Stack that canonicalising the deepest accepted credential may need (measured: under
/// 4 MiB in debug builds), with margin; and the size of a stack grown to provide it.
pub const JSONLD_STACK_NEEDED: usize = 16 * 1024 * 1024;
pub const JSONLD_STACK: usize = 64 * 1024 * 1024;

/// Expansion (safe mode or not), conversion to RDF, size limits and RDFC-1.0, on the
/// current stack: the caller bounds it.
fn canonicalize_here(
    doc: &serde_json::Value,
    choice: &Choice,
    safe: bool,
) -> Result<Canonical, LdError> {
    if json_values(doc, MAX_JSON_VALUES) > MAX_JSON_VALUES {
        return Err(LdError::TooComplex(format!(
            "more than {MAX_JSON_VALUES} JSON values"
        )));
    }
    let loader = BundledLoader {
        choice,
        used: RefCell::new(Vec::new()),
    };
    let mut warnings = Warnings::default();
    // The top-level @context is processed once per process and choice, then reused:
    // processing the VC and OB contexts is most of the cost of canonicalising.
    let mut body = doc.clone();
    let context_json = body.as_object_mut().and_then(|o| o.remove("@context"));
    let active = match &context_json {
        Some(ctx) => active_context(ctx, choice, &loader, &mut warnings)?,
        None => Arc::new(ActiveContext {
            context: json_ld::Context::new(None),
            urls: Vec::new(),
        }),
    };
    let options = expansion_options(safe);
    let input = json_syntax::Value::from_serde_json(body);
    let mut expanded = futures::executor::block_on(json_ld::expansion::Expand::expand_full(
        &input,
        &mut (),
        active.context.clone(),
        None,
        &loader,
        options,
        &mut warnings,
    ))
    .map_err(|e| expansion_error(e, &warnings))?;
    let mut urls = active.urls.clone();
    for url in loader.used.into_inner() {
        if !urls.contains(&url) {
            urls.push(url);
        }
    }

    let mut generator = rdf_types::generator::Blank::new();
    // As json-ld's own toRdf does: name anonymous nodes, put literals in canonical form.
    expanded.relabel_and_canonicalize_with(&mut (), &mut generator);
    let mut quads = Vec::new();
    for quad in expanded.rdf_quads_full(&mut (), &mut generator, None, false) {
        let rdf_types::Quad(s, p, o, g) = quad;
        quads.push(oxrdf::Quad::new(
            subject(&s),
            oxrdf::NamedNode::new_unchecked(match p.as_ref() {
                RdfId::Iri(i) => i.as_str().to_string(),
                RdfId::Blank(b) => return Err(LdError::Undefined(b.to_string())),
            }),
            object(o)?,
            match g {
                None => oxrdf::GraphName::DefaultGraph,
                Some(g) => match subject(g) {
                    oxrdf::Subject::NamedNode(n) => oxrdf::GraphName::NamedNode(n),
                    oxrdf::Subject::BlankNode(b) => oxrdf::GraphName::BlankNode(b),
                },
            },
        ));
    }
    within_limits(&quads)?;
    Ok(Canonical {
        nquads: canonical_nquads(&quads)?,
        contexts: urls,
    })
}

/// Safe mode rejects terms no context defines; otherwise they are kept as they are.
fn expansion_options(safe: bool) -> json_ld::expansion::Options {
    json_ld::expansion::Options {
        policy: if safe {
            Policy {
                invalid: Action::Reject,
                vocab: Action::Keep,
                allow_undefined: false,
            }
        } else {
            Policy {
                invalid: Action::Keep,
                vocab: Action::Keep,
                allow_undefined: true,
            }
        },
        ..Default::default()
    }
}

/// Refuses a graph too large to canonicalise in bounded time: statements and blank
/// nodes (the cost of RDFC-1.0 grows with both).
fn within_limits(quads: &[oxrdf::Quad]) -> Result<(), LdError> {
    if quads.len() > MAX_QUADS {
        return Err(LdError::TooComplex(format!(
            "{} statements; folio canonicalises up to {MAX_QUADS}",
            quads.len()
        )));
    }
    let blanks: std::collections::HashSet<&str> = quads
        .iter()
        .flat_map(|q| {
            let s = match &q.subject {
                oxrdf::Subject::BlankNode(b) => Some(b.as_str()),
                _ => None,
            };
            let o = match &q.object {
                oxrdf::Term::BlankNode(b) => Some(b.as_str()),
                _ => None,
            };
            let g = match &q.graph_name {
                oxrdf::GraphName::BlankNode(b) => Some(b.as_str()),
                _ => None,
            };
            [s, o, g].into_iter().flatten()
        })
        .collect();
    if blanks.len() > MAX_BLANK_NODES {
        return Err(LdError::TooComplex(format!(
            "{} blank nodes; folio canonicalises up to {MAX_BLANK_NODES}",
            blanks.len()
        )));
    }
    Ok(())
}

/// RDFC-1.0 with SHA-256, with the hash-n-degree step count bounded.
fn canonical_nquads(quads: &[oxrdf::Quad]) -> Result<String, LdError> {
    let options = rdf_canon::CanonicalizationOptions {
        hndq_call_limit: Some(HNDQ_CALL_LIMIT),
    };
    rdf_canon::canonicalize_quads_with::<sha2::Sha256>(quads, &options).map_err(|e| match e {
        rdf_canon::CanonicalizationError::HndqCallLimitExceeded(_) => {
            LdError::TooComplex(format!("more than {HNDQ_CALL_LIMIT} hash-n-degree steps"))
        }
        other => LdError::Invalid(other.to_string()),
    })
}

fn subject(id: &json_ld::ValidId) -> oxrdf::Subject {
    match id {
        json_ld::ValidId::Iri(i) => oxrdf::NamedNode::new_unchecked(i.as_str()).into(),
        json_ld::ValidId::Blank(b) => {
            oxrdf::BlankNode::new_unchecked(b.as_str().trim_start_matches("_:")).into()
        }
    }
}

fn object(
    o: json_ld::rdf::Value<IriBuf, json_ld::BlankIdBuf, rdf_types::Literal>,
) -> Result<oxrdf::Term, LdError> {
    Ok(match o {
        Term::Id(id) => match subject(&id) {
            oxrdf::Subject::NamedNode(n) => n.into(),
            oxrdf::Subject::BlankNode(b) => b.into(),
        },
        Term::Literal(lit) => match lit.type_ {
            LiteralType::Any(dt) => oxrdf::Literal::new_typed_literal(
                lit.value,
                oxrdf::NamedNode::new_unchecked(dt.as_str()),
            )
            .into(),
            LiteralType::LangString(tag) => oxrdf::Literal::new_language_tagged_literal_unchecked(
                lit.value,
                tag.as_str().to_ascii_lowercase(),
            )
            .into(),
        },
    })
}

/// A processed top-level context and the context URLs it loaded.
struct ActiveContext {
    context: json_ld::Context,
    urls: Vec<&'static str>,
}

/// Processed contexts by (context JSON, variant choice). Bounded: inline contexts in
/// hostile input must not grow it without limit.
static ACTIVE: LazyLock<RwLock<HashMap<String, Arc<ActiveContext>>>> =
    LazyLock::new(Default::default);
const ACTIVE_CACHE_ENTRIES: usize = 256;

fn active_context(
    ctx: &serde_json::Value,
    choice: &Choice,
    loader: &BundledLoader,
    warnings: &mut Warnings,
) -> Result<Arc<ActiveContext>, LdError> {
    let mut picks: Vec<_> = choice.iter().filter(|(_, i)| **i != 0).collect();
    picks.sort();
    let key = format!("{ctx}\u{0}{picks:?}");
    if let Some(hit) = ACTIVE.read().expect("not poisoned").get(&key) {
        return Ok(hit.clone());
    }
    use json_ld::context_processing::Process;
    use json_ld::syntax::TryFromJson;
    let syntax = json_ld::syntax::context::Context::try_from_json(
        json_syntax::Value::from_serde_json(ctx.clone()),
    )
    .map_err(|e| LdError::Invalid(format!("invalid @context: {e}")))?;
    let processed = futures::executor::block_on(syntax.process_full(
        &mut (),
        &json_ld::Context::new(None),
        loader,
        None,
        json_ld::context_processing::Options::default(),
        &mut *warnings,
    ))
    .map_err(|e| context_error(&e.to_string()))?;
    let active = Arc::new(ActiveContext {
        context: processed.into_processed(),
        urls: loader.used.borrow().clone(),
    });
    let mut cache = ACTIVE.write().expect("not poisoned");
    if cache.len() >= ACTIVE_CACHE_ENTRIES {
        cache.clear();
    }
    cache.insert(key, active.clone());
    Ok(active)
}

fn expansion_error(e: json_ld::expansion::Error, warnings: &Warnings) -> LdError {
    use json_ld::expansion::Error as E;
    match e {
        E::KeyExpansionFailed(term) => LdError::Undefined(term),
        E::InvalidTypeValue => match &warnings.last_malformed {
            Some(t) => LdError::Undefined(format!("type {t}")),
            None => LdError::Invalid("a `type` value is not an absolute IRI".into()),
        },
        other => context_error(&other.to_string()),
    }
}

/// Loader errors read "loading document `URL` failed: …", possibly wrapped.
fn context_error(text: &str) -> LdError {
    match text
        .split("loading document `")
        .nth(1)
        .and_then(|r| r.split('`').next())
    {
        Some(url) if contexts::variants(url).is_none() => LdError::UnknownContext(url.into()),
        _ => LdError::Invalid(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn percent_encoding_that_is_not_utf8_is_refused_not_a_panic() {
        let doc = serde_json::json!({"@context": {"@vocab": "https://example.org/"}, "@id": "https://x.example/a%C20b", "name": "x"});
        let e = canonicalize(&doc, &Choice::new(), true).unwrap_err();
        assert!(e.to_string().contains("not UTF-8"), "{e}");
        for fine in [
            "https://x.example/a%20b",
            "https://x.example/%C3%A9",
            "100%",
            "50% off",
            "%zz",
        ] {
            assert!(
                undecodable_percent(&serde_json::json!({"id": fine})).is_none(),
                "{fine}"
            );
        }
        for bad in ["a%C2", "a%C20", "%FF%FE", "x%E2%82"] {
            assert!(
                undecodable_percent(&serde_json::json!([{"k": bad}])).is_some(),
                "{bad}"
            );
        }
    }

    #[test]
    fn canonicalises_a_simple_credential() {
        let doc = json!({
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
            "issuer": "did:example:1",
            "credentialSubject": {"id": "did:example:2"}
        });
        let c = canonicalize(&doc, &Choice::new(), true).unwrap();
        assert!(
            c.nquads
                .contains("<https://www.w3.org/2018/credentials#issuer> <did:example:1>"),
            "{}",
            c.nquads
        );
        assert_eq!(c.contexts, vec!["https://www.w3.org/ns/credentials/v2"]);
    }

    #[test]
    fn unknown_context_is_named() {
        let doc = json!({"@context": "https://evil.example/ctx", "name": "x"});
        assert_eq!(
            canonicalize(&doc, &Choice::new(), true).unwrap_err(),
            LdError::UnknownContext("https://evil.example/ctx".into())
        );
    }

    #[test]
    fn undefined_term_is_named() {
        let doc = json!({
            "@context": ["https://www.w3.org/2018/credentials/v1"],
            "type": ["VerifiableCredential"],
            "sneaky": "unsigned"
        });
        assert_eq!(
            canonicalize(&doc, &Choice::new(), true).unwrap_err(),
            LdError::Undefined("sneaky".into())
        );
    }
}
