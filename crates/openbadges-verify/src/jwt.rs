//! Credentials secured as JWTs (VC-JWT): the signature and key checks.
//!
//! The key comes from the issuer: `kid` (a DID URL, or a fragment of `iss`) names it;
//! without a `kid`, every key the issuer controls (`keys::issuer_keys`: did:key,
//! did:web, an https profile or JWK set, a pinned trust entry) that fits the
//! algorithm is tried. A `jwk` in the header only shows that the token was not
//! altered since someone signed it, not who that was: it is used only when it is the
//! same key as one the issuer controls.

use serde_json::Value;

use super::jws::{self, Jws};
use super::keys::{self, KeyError, PublicKey};
use super::x5c;
use super::{Input, Options, Outcome};

/// Outcomes of the signature and key checks for one credential.
pub struct Secured {
    pub signature: (Outcome, String),
    pub key: (Outcome, String),
    pub suite: Option<String>,
}

/// Long because header, claims and signature checks run in order with their messages.
pub fn check(jws: &Jws, issuer: Option<&str>, opts: &Options, inputs: &mut Vec<Input>) -> Secured {
    let suite = Some(format!("JWS {}", jws.alg()));
    if let Some(why) = jws::unsupported(jws.alg()) {
        return Secured {
            signature: (Outcome::Skipped, why.clone()),
            key: (Outcome::Skipped, why),
            suite,
        };
    }
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
        (Some(kid), Some(iss)) if kid.starts_with('#') => format!("{iss}{kid}"),
        (Some(kid), _) => kid.to_string(),
        (None, Some(issuer)) => return by_issuer_keys(jws, issuer, suite, opts, inputs),
        (None, None) => {
            let why = "the token has no `kid` and names no issuer".to_string();
            return Secured {
                signature: (Outcome::Skipped, format!("no key to check with: {why}")),
                key: (Outcome::Fail, why),
                suite,
            };
        }
    };
    match keys::resolve(&method, opts, inputs) {
        Ok(key) => {
            let signature = match jws::verify(jws, &key.key) {
                Ok(()) => (
                    Outcome::Pass,
                    format!("{} signature valid with {method}", jws.alg()),
                ),
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

/// Whether a key fits a JWS algorithm.
fn fits(alg: &str, key: &PublicKey) -> bool {
    matches!(
        (alg, key),
        ("EdDSA" | "Ed25519", PublicKey::Ed25519(_))
            | ("RS256" | "RS384" | "RS512" | "PS256", PublicKey::Rsa(_))
            | ("ES256", PublicKey::P256(_))
            | ("ES384", PublicKey::P384(_))
    )
}

/// A token without `kid`: try each key the issuer controls that fits the algorithm.
/// An SD-JWT's issuer token: an `https` issuer's keys come from its JWT VC Issuer
/// Metadata (unless the portfolio pinned them), a token `kid` naming one of them;
/// any other issuer (a DID) as for any JWT.
pub fn check_sd_jwt(
    jws: &Jws,
    issuer: Option<&str>,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> Secured {
    if let Some(certs) = jws.header.get("x5c") {
        return with_chain(jws, issuer, certs, opts, inputs);
    }
    let pinned = issuer.is_some_and(|i| opts.trust.iter().any(|t| t.id == i && !t.keys.is_empty()));
    match issuer {
        Some(iss) if iss.starts_with("https://") && !pinned => {
            let suite = Some(format!("SD-JWT {}", jws.alg()));
            if let Some(why) = jws::unsupported(jws.alg()) {
                return Secured {
                    signature: (Outcome::Skipped, why.clone()),
                    key: (Outcome::Skipped, why),
                    suite,
                };
            }
            let found = keys::jwt_vc_issuer_keys(iss, opts, inputs).map(|mut keys| {
                // A `kid` picks one key of the set.
                if let Some(kid) = jws.kid() {
                    keys.retain(|k| k.id.rsplit('#').next() == Some(kid));
                }
                keys
            });
            with_keys(jws, iss, found, suite)
        }
        _ => check(jws, issuer, opts, inputs),
    }
}

/// An SD-JWT signed under an X.509 chain (`x5c`): the leaf's key checks the
/// signature; the chain speaks for the issuer only up to a root pinned for it.
fn with_chain(
    jws: &Jws,
    issuer: Option<&str>,
    certs: &Value,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> Secured {
    let suite = Some(format!("SD-JWT {} (x5c)", jws.alg()));
    let unusable = |why: String, suite| Secured {
        signature: (Outcome::Skipped, format!("no usable key: {why}")),
        key: (Outcome::Fail, why),
        suite,
    };
    if let Some(why) = jws::unsupported(jws.alg()) {
        return Secured {
            signature: (Outcome::Skipped, why.clone()),
            key: (Outcome::Skipped, why),
            suite,
        };
    }
    let chain = match x5c::Chain::parse(certs) {
        Ok(c) => c,
        Err(why) => return unusable(why, suite),
    };
    let leaf = match chain.leaf_key() {
        Ok(k) => k,
        Err(why) => return unusable(why, suite),
    };
    if let Err(why) = jws::verify(jws, &leaf) {
        return Secured {
            signature: (
                Outcome::Fail,
                format!(
                    "{why} (with the key of the certificate it carries, {})",
                    chain.subject()
                ),
            ),
            key: (
                Outcome::Skipped,
                "not checked: the signature does not match".into(),
            ),
            suite,
        };
    }
    let signature = (
        Outcome::Pass,
        format!(
            "{} signature valid with the certificate {}",
            jws.alg(),
            chain.subject()
        ),
    );
    let Some(issuer) = issuer else {
        let why = "the token names no issuer (`iss`) for its certificate chain to speak for";
        return Secured {
            signature,
            key: (Outcome::Fail, why.into()),
            suite,
        };
    };
    Secured {
        signature,
        key: chain_key(&chain, issuer, opts, inputs),
        suite,
    }
}

/// The key check of an `x5c` chain whose leaf signed the token: it speaks for
/// `issuer` when it leads to a root pinned for it and its leaf names it.
fn chain_key(
    chain: &x5c::Chain,
    issuer: &str,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> (Outcome, String) {
    let roots = x5c::pinned_roots(issuer, opts);
    if roots.is_empty() {
        (Outcome::Skipped, x5c::unanchored(issuer, chain))
    } else if !chain.names(issuer) {
        (
            Outcome::Fail,
            format!(
                "the leaf certificate ({}) does not name the issuer {issuer}",
                chain.subject()
            ),
        )
    } else {
        match chain.leads_to(&roots, opts) {
            Ok(()) => {
                for root in &roots {
                    inputs.push(Input::new(
                        "pinned-key",
                        format!("{issuer} root certificate"),
                        &root.fingerprint_bytes(),
                    ));
                }
                (
                    Outcome::Pass,
                    format!(
                        "the certificate chain of {} leads to the root pinned for {issuer} in folio.yaml",
                        chain.subject()
                    ),
                )
            }
            Err(why) => (Outcome::Fail, why),
        }
    }
}

fn by_issuer_keys(
    jws: &Jws,
    issuer: &str,
    suite: Option<String>,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> Secured {
    with_keys(jws, issuer, keys::issuer_keys(issuer, opts, inputs), suite)
}

/// The signature checked with each of the issuer's keys that fits the algorithm.
fn with_keys(
    jws: &Jws,
    issuer: &str,
    found: Result<Vec<keys::IssuerKey>, KeyError>,
    suite: Option<String>,
) -> Secured {
    let header_jwk = jws.header.get("jwk");
    let candidates = match found {
        Ok(keys) => keys,
        Err(e) => return no_issuer_keys(e, header_jwk.is_some(), suite),
    };
    let fitting: Vec<_> = candidates
        .iter()
        .filter(|k| fits(jws.alg(), &k.key.key))
        .collect();
    // A header key is only a hint: it must be one of the issuer's own.
    let forged = match header_jwk.map(keys::jwk_key) {
        Some(Ok(jwk)) if !fitting.iter().any(|k| k.key.key.same_as(&jwk)) => {
            Some("the key in the token's header (jwk) is not one of the issuer's keys".to_string())
        }
        Some(Err(why)) => Some(format!(
            "the key in the token's header (jwk) is unusable: {why}"
        )),
        _ => None,
    };
    if fitting.is_empty() {
        let why = format!("the issuer {issuer} lists no {} key", jws.alg());
        return Secured {
            signature: (Outcome::Skipped, format!("no key to check with: {why}")),
            key: (Outcome::Fail, forged.unwrap_or(why)),
            suite,
        };
    }
    let verified = fitting
        .iter()
        .find(|k| jws::verify(jws, &k.key.key).is_ok());
    let ids: Vec<&str> = fitting.iter().map(|k| k.id.as_str()).collect();
    outcome_with_keys(jws.alg(), verified.copied(), forged, &ids, suite)
}

/// The issuer's keys could not be had: nothing to check the signature with.
fn no_issuer_keys(e: KeyError, header_jwk: bool, suite: Option<String>) -> Secured {
    match e {
        KeyError::Unresolvable(why) => {
            let note = if header_jwk {
                "; the key in the token's header (jwk) does not show who issued it"
            } else {
                ""
            };
            Secured {
                signature: (
                    Outcome::Skipped,
                    format!("the issuer's keys are not available: {why}{note}"),
                ),
                key: (Outcome::Skipped, format!("{why}{note}")),
                suite,
            }
        }
        KeyError::Invalid(why) => Secured {
            signature: (Outcome::Skipped, format!("no usable key: {why}")),
            key: (Outcome::Fail, why),
            suite,
        },
    }
}

/// The checks once the issuer's fitting keys were tried: `verified` is the key that
/// verified the signature, `forged` why the header's own key is not the issuer's.
fn outcome_with_keys(
    alg: &str,
    verified: Option<&keys::IssuerKey>,
    forged: Option<String>,
    ids: &[&str],
    suite: Option<String>,
) -> Secured {
    match (verified, forged) {
        (Some(k), None) => Secured {
            signature: (
                Outcome::Pass,
                format!("{alg} signature valid with {}", k.id),
            ),
            key: (
                Outcome::Pass,
                format!(
                    "{} ({}) belongs to the issuer and may assert credentials",
                    k.id, k.key.source
                ),
            ),
            suite,
        },
        (Some(k), Some(forged)) => Secured {
            signature: (
                Outcome::Pass,
                format!("{alg} signature valid with {}", k.id),
            ),
            key: (Outcome::Fail, forged),
            suite,
        },
        (None, forged) => Secured {
            signature: (
                Outcome::Fail,
                format!(
                    "the signature does not verify with any of the issuer's keys ({})",
                    ids.join(", ")
                ),
            ),
            key: match forged {
                Some(forged) => (Outcome::Fail, forged),
                None => (
                    Outcome::Skipped,
                    "no key of the issuer verified the signature".into(),
                ),
            },
            suite,
        },
    }
}
