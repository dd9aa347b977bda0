//! Endorsements (Open Badges 3.0, verification step 6): `EndorsementCredential`s
//! embedded in the credential (`endorsement` on the credential, its achievement, the
//! achievement's creator, or the issuer profile) are credentials of their own, signed
//! by their endorsers. Each is verified like any credential, on its own proof, with
//! no recipient requirement (its subject is what it endorses, not the learner).
//!
//! An endorsement's result never changes the badge's own status: a failed or
//! unverifiable one is only reported, and never shown as an endorsement.

use serde_json::Value;

use super::{Options, Status};

/// How deep endorsements may nest (an endorsement's issuer may carry endorsements).
const MAX_ENDORSEMENTS: usize = 16;

/// One embedded endorsement, verified.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Endorsement {
    pub status: Status,
    /// The endorser as the endorsement names it (its issuer).
    pub endorser_id: Option<String>,
    pub endorser_name: Option<String>,
    /// What was endorsed (the endorsement's subject id).
    pub endorses: Option<String>,
    pub comment: Option<String>,
    /// Why it is not verified, when it is not (the first check that says so).
    pub reason: Option<String>,
}

/// Every `EndorsementCredential` embedded in `doc`, verified.
pub fn check(doc: &Value, opts: &Options) -> Vec<Endorsement> {
    let found = embedded(doc);
    if found.is_empty() {
        return Vec::new();
    }
    // An endorsement is not the learner's: compared with nobody, and not held to
    // the portfolio's recipient rule.
    let own = Options {
        portfolio: false,
        owner: super::recipient::Owner::default(),
        site_origin: None,
        ..opts.clone()
    };
    found
        .into_iter()
        .take(MAX_ENDORSEMENTS)
        .map(|e| {
            let bytes = serde_json::to_vec(e).unwrap_or_default();
            let verdict =
                super::verify_at("endorsement", &bytes, &own, super::Depth::Endorsement, None);
            let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
            let issuer = e.get("issuer");
            let subject = match e.get("credentialSubject") {
                Some(Value::Array(items)) => items.first(),
                other => other,
            };
            Endorsement {
                status: verdict.status,
                endorser_id: verdict.issuer.clone(),
                endorser_name: text(issuer.and_then(|i| i.get("name"))),
                endorses: text(subject.and_then(|s| s.get("id"))),
                comment: text(subject.and_then(|s| s.get("endorsementComment"))),
                reason: (verdict.status != Status::Verified).then(|| {
                    verdict
                        .checks
                        .iter()
                        .find(|c| c.outcome == super::Outcome::Fail)
                        .or_else(|| {
                            verdict
                                .checks
                                .iter()
                                .find(|c| c.outcome == super::Outcome::Skipped)
                        })
                        .map(|c| c.detail.clone())
                        .unwrap_or_default()
                }),
            }
        })
        .collect()
}

/// The endorsement credentials a credential carries, where Open Badges 3.0 puts them.
fn embedded(doc: &Value) -> Vec<&Value> {
    let subject = match doc.get("credentialSubject") {
        Some(Value::Array(items)) => items.first(),
        other => other,
    };
    let achievement = subject.and_then(|s| s.get("achievement"));
    let holders = [
        Some(doc),
        achievement,
        achievement.and_then(|a| a.get("creator")),
        doc.get("issuer"),
    ];
    let mut out = Vec::new();
    for holder in holders.into_iter().flatten() {
        let items: Vec<&Value> = match holder.get("endorsement") {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(one @ Value::Object(_)) => vec![one],
            _ => Vec::new(),
        };
        out.extend(items.into_iter().filter(|e| {
            super::read::type_names(e.get("type"))
                .iter()
                .any(|t| t == "EndorsementCredential")
        }));
    }
    out
}
