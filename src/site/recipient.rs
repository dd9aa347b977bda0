//! Whose badge it is, as a reader sees it: the recipient row of the check table in
//! the page's language, and what the page's "is this the address you were given?"
//! form needs.
//!
//! A static site cannot confirm anything about its author, so the page says exactly
//! what folio knows (`badge::recipient::Binding`): **proven** (the recipient's own
//! key signed a presentation for this site), **claimed** (the recipient matches an
//! identity the owner lists: their word), or **other**. Nothing here tells the owner
//! what to configure: that goes to the terminal (`site::badges` warnings, `folio
//! badge add`).

use sha2::{Digest, Sha256};

use crate::badge::recipient::{Binding, Identity, Kind, hash_candidates};
use crate::badge::{self, CheckName, Outcome, Verdict};
use crate::badge_view::{CheckView, RecipientCheck};
use crate::i18n::{Arg, Translator};

/// `proven`, `claimed`, `other`, or empty when the recipient was not checked.
pub fn binding_name(v: &Verdict) -> &'static str {
    v.recipient.as_ref().map_or("", Binding::as_str)
}

/// Whether a page may invite anyone to put the badge on a profile (LinkedIn): when
/// the recipient is proven, or claimed as something the reader can check with the
/// page's form (an email, URL or phone). A DID the owner only lists is something no
/// reader can check.
pub fn shareable(v: &Verdict, reader_can_check: bool) -> bool {
    match &v.recipient {
        Some(Binding::Proven { .. }) => true,
        Some(Binding::Claimed { .. }) => reader_can_check,
        _ => false,
    }
}

/// The recipient row as a reader reads it, in the page's language.
pub fn check_view(v: &Verdict, c: &badge::Check, owner: &str, tr: &Translator) -> CheckView {
    let owner_arg = || ("owner", Arg::from(owner));
    let mut attributes = String::new();
    let (outcome, symbol, detail) = match &v.recipient {
        Some(Binding::Proven { signed, domain, .. }) => {
            // On a copy of the page at another origin the script takes "proven" away.
            let esc = crate::util::html::escape;
            let elsewhere = tr.format(
                "recipient-bound-elsewhere",
                &[
                    ("domain", Arg::from(domain.as_str())),
                    ("origin", Arg::from("{origin}")),
                ],
            );
            attributes = format!(
                r#" data-recipient-bound="{}" data-bound-elsewhere-text="{}" data-bound-elsewhere-outcome="{}""#,
                esc(domain),
                esc(&elsewhere),
                esc(&tr.t("outcome-skipped"))
            );
            let detail = match signed.as_deref().and_then(badge::shape::parse_datetime) {
                Some(at) => tr.format(
                    "recipient-proven",
                    &[
                        owner_arg(),
                        ("date", Arg::from(at.format("%Y-%m-%d").to_string())),
                    ],
                ),
                None => tr.format("recipient-proven-undated", &[owner_arg()]),
            };
            ("proven", "✓", detail)
        }
        Some(Binding::Claimed { kind, hashed }) => {
            let identity = tr.t(identity_key(*kind, *hashed));
            let detail = tr.format(
                "recipient-claimed",
                &[owner_arg(), ("identity", Arg::from(identity))],
            );
            ("claimed", "~", detail)
        }
        _ => {
            let key = match c.outcome {
                Outcome::Fail => "recipient-other",
                Outcome::Skipped if v.recipient.is_none() => "recipient-unchecked",
                _ => "recipient-unconfirmed",
            };
            let outcome = match c.outcome {
                Outcome::Fail => "fail",
                _ => "skipped",
            };
            let detail = tr.format(key, &[owner_arg()]);
            (outcome, badge::report::symbol(c.outcome), detail)
        }
    };
    CheckView {
        name: "recipient".into(),
        label: tr.t("check-recipient"),
        // Classes: a proven recipient passes; a claimed one is neither pass nor fail.
        outcome: match outcome {
            "proven" => "pass",
            "claimed" => "claim",
            other => other,
        },
        outcome_label: tr.t(&format!("outcome-{outcome}")),
        symbol,
        detail,
        detail_lang: None,
        attributes,
    }
}

fn identity_key(kind: Kind, hashed: bool) -> &'static str {
    match (kind, hashed) {
        (Kind::Email, true) => "identity-email-hashed",
        (Kind::Email, false) => "identity-email",
        (Kind::Url, true) => "identity-url-hashed",
        (Kind::Url, false) => "identity-url",
        (Kind::Phone, true) => "identity-phone-hashed",
        (Kind::Phone, false) => "identity-phone",
        (Kind::Did, _) => "identity-did",
        (Kind::Other, _) => "identity-other",
    }
}

/// The form's data for the first email, URL or phone recipient the credential
/// names (from the verdict as verified, before redaction: a plain address is only
/// published as a hash).
pub fn reader_check(v: &Verdict) -> Option<RecipientCheck> {
    let typed = v.typed.as_ref()?;
    if v.outcome(CheckName::Signature) != Outcome::Pass {
        // An altered credential's recipient is no one's: nothing to compare with.
        return None;
    }
    typed.recipients.iter().find_map(form_for)
}

fn form_for(identity: &Identity) -> Option<RecipientCheck> {
    let kind = match identity.kind {
        Kind::Email => "email",
        Kind::Url => "url",
        Kind::Phone => "phone",
        Kind::Did | Kind::Other => return None,
    };
    let (alg, digest, salt) = if identity.hashed {
        let (alg, digest) = identity.digest()?;
        // WebCrypto has SHA-256 and SHA-512, not MD5: an MD5 recipient is left to
        // a verifier.
        if alg != "sha256" && alg != "sha512" {
            return None;
        }
        if !digest.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        (alg, digest.to_ascii_lowercase(), identity.salt.clone())
    } else {
        let canonical = canonical(identity.kind, &identity.value);
        let digest = crate::badge::hex(&Sha256::digest(canonical.as_bytes()));
        ("plain".to_string(), digest, String::new())
    };
    let esc = crate::util::html::escape;
    let attributes = format!(
        r#"data-recipient-kind="{kind}" data-recipient-alg="{}" data-recipient-digest="{}" data-recipient-salt="{}""#,
        esc(&alg),
        esc(&digest),
        esc(&salt)
    );
    Some(RecipientCheck {
        kind,
        alg,
        digest,
        salt,
        attributes,
    })
}

/// The one form of a plain identity folio hashes for the page, and the browser
/// computes from what the visitor types: an email trimmed and lowercased, a URL
/// without its trailing slash, a phone number as `+` and its digits. Mirrors
/// `canonical` in `check.js`.
pub fn canonical(kind: Kind, value: &str) -> String {
    let forms = hash_candidates(kind, value);
    match kind {
        Kind::Email => forms[0].to_lowercase(),
        Kind::Url => forms[0].trim_end_matches('/').to_string(),
        Kind::Phone => format!(
            "+{}",
            forms[0]
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        ),
        _ => forms[0].clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        assert_eq!(
            canonical(Kind::Email, " Ada@Example.ORG "),
            "ada@example.org"
        );
        assert_eq!(
            canonical(Kind::Email, "mailto:ada@example.org"),
            "ada@example.org"
        );
        assert_eq!(
            canonical(Kind::Url, "https://ada.example/"),
            "https://ada.example"
        );
        assert_eq!(
            canonical(Kind::Phone, "tel:+44 1234 567-890"),
            "+441234567890"
        );
    }

    #[test]
    fn md5_and_dids_get_no_form() {
        let md5 = Identity {
            kind: Kind::Email,
            value: "md5$0123456789abcdef0123456789abcdef".into(),
            hashed: true,
            salt: String::new(),
        };
        assert!(form_for(&md5).is_none());
        let did = Identity {
            kind: Kind::Did,
            value: "did:key:z6Mk".into(),
            hashed: false,
            salt: String::new(),
        };
        assert!(form_for(&did).is_none());
        let plain = Identity {
            kind: Kind::Email,
            value: "Ada@Example.org".into(),
            hashed: false,
            salt: String::new(),
        };
        let form = form_for(&plain).unwrap();
        assert_eq!(form.alg, "plain");
        assert_eq!(
            form.digest,
            crate::badge::hex(&Sha256::digest(b"ada@example.org"))
        );
        assert!(!form.attributes.contains("ada@"));
    }
}
