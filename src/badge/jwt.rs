//! Credentials secured as JWTs (VC-JWT) and Open Badges 2.0 assertions: the
//! signature and key checks for formats without an embedded proof.
//!
//! The key comes from the issuer: `kid` (a DID URL, or a fragment of `iss`) or, without
//! a `kid`, from `iss` itself when it is a did:key. A `jwk` in the header only shows
//! the token was not altered since someone signed it, not who that was.

use serde_json::Value;

use super::jws::{self, Jws};
use super::keys::{self, KeyError};
use super::{Input, Options, Outcome};

/// Outcomes of the signature and key checks for one credential.
pub struct Secured {
    pub signature: (Outcome, String),
    pub key: (Outcome, String),
    pub suite: Option<String>,
}

pub fn check(jws: &Jws, issuer: Option<&str>, opts: &Options, inputs: &mut Vec<Input>) -> Secured {
    let suite = Some(format!("JWS {}", jws.alg()));
    let iss = jws.payload.get("iss").and_then(Value::as_str);
    if let (Some(iss), Some(issuer)) = (iss, issuer)
        && iss != issuer
    {
        return Secured {
            signature: (
                Outcome::Skipped,
                "not checked: the token's issuer is inconsistent".into(),
            ),
            key: (
                Outcome::Fail,
                format!("the token's `iss` ({iss}) is not the credential's issuer ({issuer})"),
            ),
            suite,
        };
    }
    let issuer = issuer.or(iss);
    let method = match (jws.kid(), issuer) {
        (Some(kid), Some(iss)) if kid.starts_with('#') => Some(format!("{iss}{kid}")),
        (Some(kid), _) => Some(kid.to_string()),
        (None, Some(iss)) if iss.starts_with("did:key:") => {
            Some(format!("{iss}#{}", iss.trim_start_matches("did:key:")))
        }
        _ => None,
    };
    let Some(method) = method else {
        let jwk_note = if jws.header.get("jwk").is_some() {
            "; the token carries its own key (jwk), which does not show who issued it"
        } else {
            ""
        };
        return Secured {
            signature: (
                Outcome::Skipped,
                format!(
                    "no key to check with: the token has no `kid` and its issuer is not a did:key{jwk_note}"
                ),
            ),
            key: (
                Outcome::Skipped,
                format!("the issuer's key cannot be found{jwk_note}"),
            ),
            suite,
        };
    };
    match keys::resolve(&method, opts, inputs) {
        Ok(key) => {
            let signature = match jws::verify(jws, &key.key) {
                Ok(()) => (Outcome::Pass, format!("{} signature valid", jws.alg())),
                Err(why) => (Outcome::Fail, why),
            };
            let key_check = if !key.authenticated {
                (Outcome::Skipped, key.source.clone())
            } else if !key.controlled_by(issuer) {
                (
                    Outcome::Fail,
                    format!(
                        "key {method} belongs to {}, not to the issuer {}",
                        key.controller.as_deref().unwrap_or("(unknown)"),
                        issuer.unwrap_or("(none)")
                    ),
                )
            } else if !key.may_assert {
                (
                    Outcome::Fail,
                    format!("{method} is not listed as an assertion method"),
                )
            } else {
                (
                    Outcome::Pass,
                    format!("{method} ({}) belongs to the issuer", key.source),
                )
            };
            Secured {
                signature,
                key: key_check,
                suite,
            }
        }
        Err(KeyError::Invalid(why)) => Secured {
            signature: (Outcome::Skipped, format!("no usable key: {why}")),
            key: (Outcome::Fail, why),
            suite,
        },
        Err(KeyError::Unresolvable(why)) => Secured {
            signature: (Outcome::Skipped, format!("key not available: {why}")),
            key: (Outcome::Skipped, why),
            suite,
        },
    }
}

/// Open Badges 2.0: a hosted assertion is proven by the issuer's own copy, which
/// cannot be fetched here; a signed one names its key by URL (`verification.creator`).
pub fn check_ob2(
    assertion: &Value,
    jws: Option<&Jws>,
    hosted_url: Option<&str>,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> Secured {
    if let Some(jws) = jws {
        let creator = assertion
            .pointer("/verification/creator")
            .and_then(Value::as_str);
        let Some(creator) = creator else {
            return Secured {
                signature: (
                    Outcome::Skipped,
                    "the signed assertion names no key (verification.creator)".into(),
                ),
                key: (Outcome::Skipped, "no key named".into()),
                suite: Some(format!("JWS {}", jws.alg())),
            };
        };
        let key = opts
            .documents
            .get(creator)
            .map_err(|e| format!("the issuer's key {creator} cannot be fetched: {e}"))
            .and_then(|bytes| {
                inputs.push(Input::new("key-document", creator, &bytes));
                let doc: Value = serde_json::from_slice(&bytes)
                    .map_err(|_| format!("{creator} is not a JSON key document"))?;
                keys::key_material(&doc)
            });
        return match key {
            Ok(key) => Secured {
                signature: match jws::verify(jws, &key) {
                    Ok(()) => (Outcome::Pass, format!("{} signature valid", jws.alg())),
                    Err(why) => (Outcome::Fail, why),
                },
                key: (
                    Outcome::Skipped,
                    format!("the key at {creator} is not yet tied to the badge's issuer profile"),
                ),
                suite: Some(format!("JWS {}", jws.alg())),
            },
            Err(why) => Secured {
                signature: (Outcome::Skipped, why.clone()),
                key: (Outcome::Skipped, why),
                suite: Some(format!("JWS {}", jws.alg())),
            },
        };
    }
    let suite = Some("hosted".to_string());
    let Some(url) = hosted_url else {
        let why = "the assertion is neither hosted nor signed".to_string();
        return Secured {
            signature: (Outcome::Skipped, why.clone()),
            key: (Outcome::Skipped, why),
            suite,
        };
    };
    // A hosted assertion is proven by the issuer's own copy: fetch it and compare.
    let fetched = opts.documents.get(url).and_then(|bytes| {
        inputs.push(Input::new("hosted-assertion", url, &bytes));
        serde_json::from_slice::<Value>(&bytes)
            .map_err(|_| format!("the issuer's copy at {url} is not JSON"))
    });
    match fetched {
        Err(why) => Secured {
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
            suite,
        },
        Ok(copy) => {
            let same = |field: &str| {
                assertion.get(field).is_none() || assertion.get(field) == copy.get(field)
            };
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
            Secured {
                signature,
                key: (
                    Outcome::Skipped,
                    "hosted assertions are not tied to an issuer key; the issuer's profile is not checked".into(),
                ),
                suite,
            }
        }
    }
}
