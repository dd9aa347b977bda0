//! The credential as folio reads it for people: one typed record, whatever the format.
//!
//! Open Badges 3.0 (VC 2.0 and 1.1 names, JSON-LD or JWT, the JWT claims already folded
//! into the document by the reader) and Open Badges 2.0 (the assertion with its
//! BadgeClass and Profile embedded by the verifier from the issuer's documents) put the
//! same facts in different places. [`Credential::read`] is the only code that knows
//! where; the validity check, the badge page, structured data and receipts all use
//! what it returns. (Verification proper — proofs, keys, status lists — works on the
//! signed document itself.)

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a credential says, typed. Text is as the issuer wrote it: untrusted, and
/// sanitised only where it is rendered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Credential {
    /// The credential's own `id` (an OB 2.0 assertion's URL).
    pub id: Option<String>,
    /// The achievement (OB 3.0) or BadgeClass (OB 2.0) name, else the credential's.
    pub name: Option<String>,
    pub description: Option<String>,
    pub achievement_type: Option<String>,
    /// The achievement's id (OB 3.0 `achievement.id`) or the BadgeClass's (OB 2.0),
    /// and the ids the achievement says it is `related` to (OB 3.0): what pathways
    /// match on.
    #[serde(default)]
    pub achievement_id: Option<String>,
    #[serde(default)]
    pub related: Vec<String>,
    pub criteria: Criteria,
    pub image: Option<Image>,
    pub issuer: Issuer,
    /// Whom it was issued to: every recipient identity it names (OB 3.0 subject id
    /// and identity objects, OB 2.0 `recipient`), for the recipient check.
    pub recipients: Vec<super::recipient::Identity>,
    /// When it became valid and when it stops, with the field each came from.
    pub dates: Dates,
    pub evidence: Vec<Evidence>,
    pub alignments: Vec<Alignment>,
    pub tags: Vec<String>,
    /// `credentialSubject.result[].value`.
    pub results: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Criteria {
    pub narrative: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// A URL, possibly `data:`.
    pub url: String,
    pub caption: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Issuer {
    pub id: Option<String>,
    pub name: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub id: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub narrative: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Alignment {
    pub name: String,
    pub url: Option<String>,
    pub framework: Option<String>,
    pub code: Option<String>,
}

/// The validity window as written: every field present, in the order of precedence
/// (VC 2.0, VC 1.1, then Open Badges 2.0 names).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dates {
    pub from: Vec<Stamp>,
    pub until: Vec<Stamp>,
}

/// One date field and its raw value (a string, or OB 2.0's Unix timestamp).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stamp {
    pub field: String,
    pub raw: Value,
}

/// Valid from, valid until: either end may be open.
pub type Window = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

const FROM_FIELDS: [&str; 3] = ["validFrom", "issuanceDate", "issuedOn"];
const UNTIL_FIELDS: [&str; 3] = ["validUntil", "expirationDate", "expires"];

impl Credential {
    /// Reads a credential document (the reader's display JSON) into its typed facts.
    pub fn read(doc: &Value) -> Credential {
        let subject = match doc.get("credentialSubject") {
            Some(Value::Array(a)) => a.first().cloned().unwrap_or(Value::Null),
            Some(s) => s.clone(),
            None => Value::Null,
        };
        // OB 3.0 `credentialSubject.achievement`, or the OB 2.0 BadgeClass.
        let achievement = subject
            .get("achievement")
            .or_else(|| doc.get("badge").filter(|b| b.is_object()))
            .cloned()
            .unwrap_or(Value::Null);
        Credential {
            id: text(doc, "id"),
            name: text(&achievement, "name")
                .or_else(|| text(doc, "name"))
                .or_else(|| super::facts::elm_title(doc)),
            description: text(&achievement, "description").or_else(|| text(doc, "description")),
            achievement_type: text(&achievement, "achievementType"),
            achievement_id: text(&achievement, "id")
                .or_else(|| doc.get("badge").and_then(Value::as_str).map(str::to_string)),
            related: list(&achievement, "related")
                .iter()
                .filter_map(|r| r.as_str().map(str::to_string).or_else(|| text(r, "id")))
                .collect(),
            criteria: criteria(achievement.get("criteria")),
            image: image(achievement.get("image").or_else(|| doc.get("image"))),
            issuer: issuer(doc.get("issuer")),
            recipients: super::recipient::identities(doc),
            dates: Dates::read(doc),
            evidence: list(doc, "evidence").iter().map(evidence).collect(),
            alignments: list(&achievement, "alignment")
                .iter()
                .filter_map(|a| {
                    // Named for people by `targetName`; a bare code or URL still counts
                    // for pathways.
                    Some(Alignment {
                        name: text(a, "targetName")
                            .or_else(|| text(a, "targetCode"))
                            .or_else(|| text(a, "targetUrl"))?,
                        url: text(a, "targetUrl"),
                        framework: text(a, "targetFramework"),
                        code: text(a, "targetCode"),
                    })
                })
                .collect(),
            tags: list(&achievement, "tag")
                .into_iter()
                .chain(list(&achievement, "tags"))
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect(),
            results: list(&subject, "result")
                .iter()
                .filter_map(|r| text(r, "value"))
                .collect(),
        }
    }

    /// The issue date as text, from the first date field written as a string.
    pub fn issued(&self) -> Option<String> {
        self.dates
            .from
            .iter()
            .find_map(|s| s.raw.as_str().map(str::to_string))
    }

    /// The expiry date as text, from the first date field written as a string.
    pub fn expires(&self) -> Option<String> {
        self.dates
            .until
            .iter()
            .find_map(|s| s.raw.as_str().map(str::to_string))
    }
}

impl Dates {
    /// The date fields of a credential document.
    pub fn read(doc: &Value) -> Dates {
        let stamps = |fields: [&str; 3]| {
            fields
                .iter()
                .filter_map(|f| {
                    doc.get(*f).map(|raw| Stamp {
                        field: (*f).to_string(),
                        raw: raw.clone(),
                    })
                })
                .collect()
        };
        Dates {
            from: stamps(FROM_FIELDS),
            until: stamps(UNTIL_FIELDS),
        }
    }

    /// The window as instants: the first field of each end. Any field that is present
    /// but not a date is an error, even when another field would do.
    pub fn window(&self) -> Result<Window, String> {
        let first = |stamps: &[Stamp]| -> Result<Option<DateTime<Utc>>, String> {
            let parsed: Vec<DateTime<Utc>> = stamps
                .iter()
                .map(Stamp::instant)
                .collect::<Result<_, _>>()?;
            Ok(parsed.first().copied())
        };
        Ok((first(&self.from)?, first(&self.until)?))
    }
}

impl Stamp {
    /// The instant it names: an RFC 3339 date-time, a bare date (midnight UTC), or a
    /// Unix timestamp (Open Badges 2.0 issuers still publish those).
    pub fn instant(&self) -> Result<DateTime<Utc>, String> {
        let bad = || format!("`{}` is not a date-time", self.field);
        match &self.raw {
            Value::Number(n) => n
                .as_i64()
                .and_then(|t| DateTime::from_timestamp(t, 0))
                .ok_or_else(bad),
            v => v
                .as_str()
                .and_then(|t| {
                    parse_datetime(t).or_else(|| {
                        chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
                            .ok()
                            .and_then(|d| d.and_hms_opt(0, 0, 0))
                            .map(|d| d.and_utc())
                    })
                })
                .ok_or_else(bad),
        }
    }
}

/// XML Schema dateTime as credentials use it: RFC 3339, or without a zone (UTC).
pub fn parse_datetime(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|n| n.and_utc())
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

/// `value[key]` as a list, whether written as one item or an array.
fn list(value: &Value, key: &str) -> Vec<Value> {
    match value.get(key) {
        Some(Value::Array(a)) => a.clone(),
        Some(Value::Null) | None => Vec::new(),
        Some(v) => vec![v.clone()],
    }
}

/// OB 2.0 criteria may be a URL; OB 3.0 criteria an object with narrative and id.
fn criteria(raw: Option<&Value>) -> Criteria {
    match raw {
        Some(Value::String(url)) => Criteria {
            narrative: None,
            url: Some(url.clone()),
        },
        Some(c) => Criteria {
            narrative: text(c, "narrative"),
            url: text(c, "id"),
        },
        None => Criteria::default(),
    }
}

/// A URL, or an object with `id` and `caption`.
fn image(raw: Option<&Value>) -> Option<Image> {
    match raw? {
        Value::String(url) => Some(Image {
            url: url.clone(),
            caption: None,
        }),
        Value::Object(o) => Some(Image {
            url: o.get("id")?.as_str()?.to_string(),
            caption: o.get("caption").and_then(Value::as_str).map(str::to_string),
        }),
        _ => None,
    }
}

/// The issuer: an id string, or a profile object.
fn issuer(raw: Option<&Value>) -> Issuer {
    match raw {
        Some(Value::String(id)) => Issuer {
            id: Some(id.clone()),
            ..Issuer::default()
        },
        Some(o) => Issuer {
            id: text(o, "id"),
            name: text(o, "name"),
            url: text(o, "url"),
        },
        None => Issuer::default(),
    }
}

/// An evidence object, or (OB 2.0) just its URL.
fn evidence(raw: &Value) -> Evidence {
    match raw {
        Value::String(url) => Evidence {
            id: Some(url.clone()),
            ..Evidence::default()
        },
        e => Evidence {
            id: text(e, "id"),
            name: text(e, "name"),
            description: text(e, "description"),
            narrative: text(e, "narrative"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn open_badges_3_and_2_read_alike() {
        let ob3 = Credential::read(&json!({
            "id": "urn:uuid:1",
            "issuer": {"id": "did:web:u.example", "name": "Uni", "url": "https://u.example"},
            "validFrom": "2025-01-01T00:00:00Z",
            "evidence": [{"id": "https://e.example/1", "name": "Report"}],
            "credentialSubject": {
                "achievement": {
                    "name": "SQL", "description": "Queries", "achievementType": "Badge",
                    "criteria": {"narrative": "Pass the test", "id": "https://u.example/c"},
                    "image": {"id": "https://u.example/i.png", "caption": "Seal"},
                    "alignment": [{"targetName": "Databases", "targetUrl": "https://f.example"}],
                    "tag": ["data"]
                },
                "result": [{"value": "A"}]
            }
        }));
        let ob2 = Credential::read(&json!({
            "id": "https://u.example/a/1",
            "issuedOn": "2025-01-01T00:00:00Z",
            "expires": 1700000000,
            "evidence": "https://e.example/1",
            "badge": {
                "name": "SQL", "description": "Queries",
                "criteria": "https://u.example/c", "image": "https://u.example/i.png",
                "tags": ["data"]
            },
            "issuer": {"id": "https://u.example/issuer", "name": "Uni"}
        }));
        for c in [&ob3, &ob2] {
            assert_eq!(c.name.as_deref(), Some("SQL"));
            assert_eq!(c.description.as_deref(), Some("Queries"));
            assert_eq!(c.criteria.url.as_deref(), Some("https://u.example/c"));
            assert_eq!(c.image.as_ref().unwrap().url, "https://u.example/i.png");
            assert_eq!(c.issuer.name.as_deref(), Some("Uni"));
            assert_eq!(c.issued().as_deref(), Some("2025-01-01T00:00:00Z"));
            assert_eq!(c.evidence[0].id.as_deref(), Some("https://e.example/1"));
            assert_eq!(c.tags, ["data"]);
        }
        assert_eq!(ob3.results, ["A"]);
        assert_eq!(ob3.alignments[0].name, "Databases");
        // A Unix timestamp is a date for the window, not text for the page.
        assert_eq!(ob2.expires(), None);
        let (_, until) = ob2.dates.window().unwrap();
        assert_eq!(until.unwrap().to_rfc3339(), "2023-11-14T22:13:20+00:00");
    }
}
