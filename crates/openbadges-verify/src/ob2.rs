//! Open Badges 2.0 assertions, end to end (Open Badges 2.0, "Verification").
//!
//! - The assertion's `badge` is dereferenced to its BadgeClass and the BadgeClass's
//!   `issuer` to the issuer Profile (fetched like every other document: `--documents`,
//!   the network, the cache). The issuer Profile is who issued the badge.
//! - **Signed**: `verification.creator` names a `CryptographicKey`; the key document's
//!   `owner` must be the issuer Profile, and the Profile must list the key in
//!   `publicKey`. A `jwk` in the JWS header is never used.
//! - **Hosted**: the issuer's copy at the assertion's `id` must match, and that URL must
//!   be one the issuer vouches for (the Profile's `verification.allowedOrigins` /
//!   `startsWith`, else the Profile's own origin).
//! - **Revocation**: a signed assertion is revoked when the Profile's `revocationList`
//!   lists its id; a hosted one when the issuer's copy says `revoked: true`.
//!
//! The fetched BadgeClass and Profile are embedded into the assertion the verdict
//! carries, so the badge page shows the issuer's own name, description, criteria and
//! image instead of bare URLs.

use serde_json::Value;

use super::jws::{self, Jws};
use super::jwt::Secured;
use super::keys::{self, origin};
use super::{Input, Options, Outcome};

/// Everything verification learned from an OB 2.0 assertion and its documents.
pub struct Checked {
    /// Check 2, on the issuer's copy when the file only links to it.
    pub shape: (Outcome, String),
    pub secured: Secured,
    /// `None` when the issuer publishes no revocation information.
    pub status: Option<(Outcome, String)>,
    pub issuer: Option<String>,
    /// The assertion with its BadgeClass (and the BadgeClass's issuer) embedded.
    pub display: Value,
}

/// Required fields of an assertion (check 2).
pub fn shape(assertion: &Value) -> Result<String, String> {
    let recipient = assertion.get("recipient").ok_or("`recipient` is missing")?;
    if !recipient.get("identity").is_some_and(Value::is_string) {
        return Err("`recipient.identity` must be a string".into());
    }
    match assertion.get("badge") {
        Some(Value::String(_)) => {}
        Some(Value::Object(o)) if o.contains_key("name") || o.contains_key("id") => {}
        _ => return Err("`badge` must be a BadgeClass URL or object".into()),
    }
    if assertion.get("issuedOn").is_none() {
        return Err("`issuedOn` is missing".into());
    }
    // A type, or (with extensions) an array of types.
    let typed = assertion
        .pointer("/verification/type")
        .is_some_and(|t| !super::read::type_names(Some(t)).is_empty());
    if !typed {
        return Err("`verification.type` is missing".into());
    }
    Ok("Open Badges 2.0 assertion".into())
}

/// The JSON document at `url`, recorded in the receipt's inputs as `kind`; `what`
/// names it in errors.
fn fetch_json(
    url: &str,
    kind: &'static str,
    what: &str,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> Result<Value, String> {
    let bytes = opts
        .documents
        .get(url)
        .map_err(|e| format!("the {what} {url} cannot be fetched: {e}"))?;
    inputs.push(Input::new(kind, url, &bytes));
    serde_json::from_slice(&bytes).map_err(|_| format!("the {what} {url} is not JSON"))
}

/// A document given inline (an object) or by URL (fetched).
fn dereference(
    value: Option<&Value>,
    kind: &'static str,
    what: &str,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> Result<Value, String> {
    match value {
        Some(Value::Object(_)) => Ok(value.cloned().unwrap_or(Value::Null)),
        Some(Value::String(url)) => fetch_json(url, kind, what, opts, inputs),
        _ => Err(format!("the assertion names no {what}")),
    }
}

fn id_of(value: &Value) -> Option<&str> {
    value
        .as_str()
        .or_else(|| value.get("id").and_then(Value::as_str))
}

/// `value` as a list of ids (a string, an object with `id`, or an array of either).
fn ids(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(id_of).map(str::to_string).collect(),
        Some(v) => id_of(v).map(str::to_string).into_iter().collect(),
        None => Vec::new(),
    }
}

/// The Open Badges 2.0 verification steps in the spec's order (assertion,
/// BadgeClass, Profile, hosting or signature, revocation).
pub fn check(
    assertion: &Value,
    jws: Option<&Jws>,
    hosted_url: Option<&str>,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> Checked {
    let suite = Some(match jws {
        Some(jws) => format!("JWS {}", jws.alg()),
        None => "hosted".to_string(),
    });
    let copy = match (jws, hosted_url) {
        (None, Some(url)) => Some(fetch_json(
            url,
            "hosted-assertion",
            "issuer's copy",
            opts,
            inputs,
        )),
        _ => None,
    };
    // A baked image may carry only the link; then the issuer's copy is the assertion.
    let pointer_only = assertion.get("recipient").is_none();
    let linked = match &copy {
        Some(Ok(c)) if pointer_only => Some(c.clone()),
        _ => None,
    };
    let assertion = linked.as_ref().unwrap_or(assertion);
    if let Some(legacy) = linked.as_ref().and_then(|l| legacy_link(l, &suite)) {
        return legacy;
    }
    let shape = match (shape(assertion), &copy) {
        (Ok(note), _) => (Outcome::Pass, note),
        (Err(_), Some(Err(why))) if pointer_only => (
            Outcome::Skipped,
            format!("the file only links to the issuer's copy, which cannot be read: {why}"),
        ),
        (Err(problem), _) => (Outcome::Fail, problem),
    };
    let mut display = assertion.clone();
    let profile = match badge_and_profile(assertion, &mut display, opts, inputs) {
        Ok(p) => p,
        Err(why) => {
            let secured = match jws {
                // The signature can still be checked with the creator key alone.
                Some(jws) => signed(assertion, jws, None, opts, inputs),
                None => hosted(assertion, hosted_url, copy.clone(), None).0,
            };
            return Checked {
                shape,
                secured: Secured {
                    key: (
                        Outcome::Skipped,
                        format!("the issuer cannot be established: {why}"),
                    ),
                    suite,
                    ..secured
                },
                status: None,
                issuer: None,
                display,
            };
        }
    };
    let issuer = profile
        .get("id")
        .and_then(Value::as_str)
        .map(str::to_string);
    display["issuer"] = profile.clone();
    let (secured, status) = match jws {
        Some(jws) => (
            signed(assertion, jws, Some(&profile), opts, inputs),
            revocation_list(assertion, &profile, opts, inputs),
        ),
        None => hosted(assertion, hosted_url, copy, Some(&profile)),
    };
    Checked {
        shape,
        secured: Secured { suite, ..secured },
        status,
        issuer,
        display,
    }
}

/// A baked link that leads to an Open Badges 1.x assertion: named, not verified.
fn legacy_link(linked: &Value, suite: &Option<String>) -> Option<Checked> {
    let kind = super::read::legacy_kind(linked)?;
    let why = format!(
        "the image links to an {}: {}",
        super::read::Format::Legacy(kind).describe(),
        kind.reason()
    );
    Some(Checked {
        shape: (Outcome::Skipped, why.clone()),
        secured: Secured {
            signature: (Outcome::Skipped, why.clone()),
            key: (Outcome::Skipped, why),
            suite: suite.clone(),
        },
        status: None,
        issuer: None,
        display: linked.clone(),
    })
}

/// The assertion's BadgeClass, then its issuer Profile (each embedded or fetched),
/// put into `display`; the Profile is returned.
fn badge_and_profile(
    assertion: &Value,
    display: &mut Value,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> Result<Value, String> {
    let mut badge = dereference(
        assertion.get("badge"),
        "badge-class",
        "BadgeClass",
        opts,
        inputs,
    )?;
    let profile = dereference(
        badge.get("issuer"),
        "issuer-profile",
        "issuer profile",
        opts,
        inputs,
    )?;
    badge["issuer"] = profile.clone();
    display["badge"] = badge;
    Ok(profile)
}

/// A signed assertion: the creator key checks the signature; the key check asks
/// whether that key is the issuer's (owner and `publicKey` agree).
fn signed(
    assertion: &Value,
    jws: &Jws,
    profile: Option<&Value>,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> Secured {
    if let Some(why) = jws::unsupported(jws.alg()) {
        return Secured {
            signature: (Outcome::Skipped, why.clone()),
            key: (Outcome::Skipped, why),
            suite: None,
        };
    }
    let Some(creator) = assertion
        .pointer("/verification/creator")
        .and_then(Value::as_str)
    else {
        // Without `creator` the spec says to use the keys the issuer Profile lists.
        return match profile {
            Some(profile) => by_profile_keys(jws, profile, opts, inputs),
            None => {
                let why = "the assertion names no key (verification.creator) and the issuer profile, whose keys would be used, is not known".to_string();
                Secured {
                    signature: (Outcome::Skipped, why.clone()),
                    key: (Outcome::Skipped, why),
                    suite: None,
                }
            }
        };
    };
    let key_doc = fetch_json(creator, "key-document", "issuer's key", opts, inputs);
    let key_doc = match key_doc {
        Ok(d) => d,
        Err(why) => {
            return Secured {
                signature: (Outcome::Skipped, why.clone()),
                key: (Outcome::Skipped, why),
                suite: None,
            };
        }
    };
    let signature = match keys::key_material(&key_doc) {
        Ok(key) => match jws::verify(jws, &key) {
            Ok(()) => (
                Outcome::Pass,
                format!("{} signature valid with {creator}", jws.alg()),
            ),
            Err(why) => (Outcome::Fail, why),
        },
        // A key folio cannot read says nothing about the signature.
        Err(why) => (Outcome::Skipped, format!("{creator}: {why}")),
    };
    let key = match profile {
        None => (Outcome::Skipped, "the issuer profile is not known".into()),
        Some(profile) => {
            let issuer = profile.get("id").and_then(Value::as_str).unwrap_or("");
            let owner = key_doc.get("owner").and_then(Value::as_str).unwrap_or("");
            let listed = ids(profile.get("publicKey"));
            if owner != issuer {
                (
                    Outcome::Fail,
                    format!(
                        "the key {creator} belongs to {}, not to the issuer {issuer}",
                        if owner.is_empty() {
                            "nobody named"
                        } else {
                            owner
                        }
                    ),
                )
            } else if !listed.iter().any(|k| k == creator) {
                (
                    Outcome::Fail,
                    format!("the issuer {issuer} does not list the key {creator} in its publicKey"),
                )
            } else {
                (
                    Outcome::Pass,
                    format!(
                        "{creator} (CryptographicKey) belongs to the issuer {issuer}, which lists it"
                    ),
                )
            }
        }
    };
    Secured {
        signature,
        key,
        suite: None,
    }
}

/// A signed assertion without `creator`: each key the issuer Profile lists in
/// `publicKey` (by URL, or inline) is tried; a key document naming another `owner`
/// is not the issuer's and is not tried.
fn by_profile_keys(jws: &Jws, profile: &Value, opts: &Options, inputs: &mut Vec<Input>) -> Secured {
    let issuer = profile.get("id").and_then(Value::as_str).unwrap_or("");
    let listed: Vec<&Value> = match profile.get("publicKey") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    };
    if listed.is_empty() {
        let why = format!(
            "the assertion names no key (verification.creator) and the issuer {issuer} lists none in publicKey"
        );
        return Secured {
            signature: (Outcome::Skipped, why.clone()),
            key: (Outcome::Fail, why),
            suite: None,
        };
    }
    let mut unusable = Vec::new();
    let mut tried = 0;
    for entry in listed {
        let (id, doc) = match entry {
            Value::String(url) => {
                match fetch_json(url, "key-document", "issuer's key", opts, inputs) {
                    Ok(doc) => (url.clone(), doc),
                    Err(why) => {
                        unusable.push(why);
                        continue;
                    }
                }
            }
            Value::Object(_) => (
                id_of(entry).unwrap_or("(inline key)").to_string(),
                entry.clone(),
            ),
            _ => continue,
        };
        let owner = doc.get("owner").and_then(Value::as_str);
        if owner.is_some_and(|o| o != issuer) {
            unusable.push(format!(
                "{id} belongs to {}, not to the issuer",
                owner.unwrap_or("")
            ));
            continue;
        }
        let key = match keys::key_material(&doc) {
            Ok(key) => key,
            Err(why) => {
                unusable.push(format!("{id}: {why}"));
                continue;
            }
        };
        tried += 1;
        if jws::verify(jws, &key).is_ok() {
            return Secured {
                signature: (
                    Outcome::Pass,
                    format!("{} signature valid with {id}", jws.alg()),
                ),
                key: (
                    Outcome::Pass,
                    format!("{id} is listed in the publicKey of the issuer {issuer}"),
                ),
                suite: None,
            };
        }
    }
    if tried == 0 {
        let why = format!(
            "none of the issuer's keys could be used: {}",
            unusable.join("; ")
        );
        return Secured {
            signature: (Outcome::Skipped, why.clone()),
            key: (Outcome::Skipped, why),
            suite: None,
        };
    }
    Secured {
        signature: (
            Outcome::Fail,
            format!(
                "signature does not match any key the issuer {issuer} lists ({tried} tried): the assertion was altered, or signed by someone else"
            ),
        ),
        key: (
            Outcome::Skipped,
            "no key of the issuer verified the signature".into(),
        ),
        suite: None,
    }
}

/// A hosted assertion: the issuer's own copy is the proof, and its `revoked` flag
/// the revocation status.
fn hosted(
    assertion: &Value,
    hosted_url: Option<&str>,
    copy: Option<Result<Value, String>>,
    profile: Option<&Value>,
) -> (Secured, Option<(Outcome, String)>) {
    let Some(url) = hosted_url else {
        let why = "the assertion is neither hosted nor signed".to_string();
        let secured = Secured {
            signature: (Outcome::Skipped, why.clone()),
            key: (Outcome::Skipped, why),
            suite: None,
        };
        return (secured, None);
    };
    let copy = match copy.unwrap_or_else(|| Err("not fetched".into())) {
        Ok(c) => c,
        Err(why) => {
            let secured = Secured {
                signature: (
                    Outcome::Skipped,
                    format!(
                        "a hosted Open Badges 2.0 assertion is proven by the issuer's copy at {url}: {why}"
                    ),
                ),
                key: (
                    Outcome::Skipped,
                    "the issuer's copy could not be fetched".into(),
                ),
                suite: None,
            };
            return (secured, None);
        }
    };
    let same =
        |field: &str| assertion.get(field).is_none() || assertion.get(field) == copy.get(field);
    let signature = if ["recipient", "badge", "issuedOn", "expires"]
        .iter()
        .all(|f| same(f))
    {
        (Outcome::Pass, format!("matches the issuer's copy at {url}"))
    } else {
        (
            Outcome::Fail,
            format!("differs from the issuer's copy at {url}"),
        )
    };
    let key = match profile {
        None => (Outcome::Skipped, "the issuer profile is not known".into()),
        Some(profile) => hosted_by_issuer(url, profile),
    };
    let status = match copy.get("revoked").and_then(Value::as_bool) {
        Some(true) => (
            Outcome::Fail,
            format!("revoked: the issuer's copy at {url} says so"),
        ),
        _ => (
            Outcome::Pass,
            format!("the issuer's copy at {url} is not revoked"),
        ),
    };
    let secured = Secured {
        signature,
        key,
        suite: None,
    };
    (secured, Some(status))
}

/// Whether the issuer vouches for assertions hosted at `url`.
fn hosted_by_issuer(url: &str, profile: &Value) -> (Outcome, String) {
    let issuer = profile.get("id").and_then(Value::as_str).unwrap_or("");
    let policy = profile.get("verification");
    let starts = ids(policy.and_then(|p| p.get("startsWith")));
    let origins = ids(policy.and_then(|p| p.get("allowedOrigins")));
    let host = |u: &str| origin(u).split("://").nth(1).unwrap_or("").to_string();
    let ok = if !starts.is_empty() {
        starts.iter().any(|s| url.starts_with(s.as_str()))
    } else if !origins.is_empty() {
        origins.iter().any(|o| host(url) == *o || origin(url) == o)
    } else {
        !issuer.is_empty() && origin(url) == origin(issuer)
    };
    if ok {
        (
            Outcome::Pass,
            format!("hosted at {url}, where the issuer {issuer} vouches for its assertions"),
        )
    } else {
        (
            Outcome::Fail,
            format!("hosted at {url}, which the issuer {issuer} does not vouch for"),
        )
    }
}

/// A signed assertion's revocation: the issuer Profile's `revocationList`.
fn revocation_list(
    assertion: &Value,
    profile: &Value,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> Option<(Outcome, String)> {
    let url = profile.get("revocationList").and_then(id_of)?;
    let list = fetch_json(url, "revocation-list", "revocation list", opts, inputs);
    let list = match list {
        Ok(l) => l,
        Err(why) => return Some((Outcome::Skipped, why)),
    };
    let id = assertion.get("id").and_then(Value::as_str).unwrap_or("");
    let entries = list
        .get("revokedAssertions")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let hit = entries.iter().find(|e| id_of(e) == Some(id));
    Some(match hit {
        Some(entry) => (
            Outcome::Fail,
            match entry.get("revocationReason").and_then(Value::as_str) {
                Some(reason) => format!("revoked: listed in {url} ({reason})"),
                None => format!("revoked: listed in {url}"),
            },
        ),
        None => (
            Outcome::Pass,
            format!("not listed in the revocation list {url}"),
        ),
    })
}
