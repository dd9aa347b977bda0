//! The standard facts of a micro-credential, whatever encodes them: how much learning
//! (credits, hours), at what level, how it was assessed and taken, under what quality
//! assurance, with what result, and what it is part of — the elements of the EU
//! Council Recommendation on micro-credentials (2022, Annex I).
//!
//! Read from a *verified* credential only (the caller's rule: nothing else is a fact),
//! and from what its issuer signed: the document as the checks read it. A JSON-LD
//! credential verifies only when every term expands to an IRI its bundled contexts
//! define (safe mode), and the Open Badges and VC contexts protect their terms, so a
//! key read here means what the standard says it means; a JWT or SD-JWT signs its
//! whole payload. Five encodings are read:
//!
//! - Open Badges 3.0 / CLR 2.0: `creditsAvailable`, `creditsEarned` (credit hours),
//!   `fieldOfStudy`, `specialization`, `achievementType`, `alignment`, `result` with
//!   `resultDescription`;
//! - SURF Edubadges' OB 3.0 extension: `ECTS`, `SBU` and `timeInvestment` (hours),
//!   `assessmentType`, `participationType`, `supervisionType`, `identityChecked`, and
//!   alignments of `targetType` `ext:EQF` / `ext:QualityAssurance`;
//! - European Learning Model 3 (European Digital Credentials): `hasClaim` with its
//!   `specifiedBy` (`creditPoint`, `volumeOfLearning`, `eqfLevel`, `mode`,
//!   `entryRequirement`, `learningOutcome`), `isPartOf`, `provenBy`;
//! - the EUDI wallet's Learning Credential (SD-JWT VC): `expected_study_time`,
//!   `level_of_learning_experience`, `types_of_quality_assurance`,
//!   `type_of_assessment`, `form_of_participation`, `learning_outcomes`, …;
//! - the WE BUILD micro-credential rulebook: `notionalWorkload`, `typeOfAssessment`,
//!   `formOfParticipation`, `qualityAssurance`, `levelOfLearning`, `prerequisites`.
//!
//! Each fact is `stated`, `not_disclosed` (absent, in a credential whose holder
//! withheld selectively disclosable claims: it may be among them) or `absent`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One fact: what the credential says, or why it says nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "state", content = "value", rename_all = "snake_case")]
pub enum Fact<T> {
    Stated(T),
    NotDisclosed,
    #[default]
    Absent,
}

impl<T> Fact<T> {
    pub fn stated(&self) -> Option<&T> {
        match self {
            Fact::Stated(v) => Some(v),
            _ => None,
        }
    }
}

/// A unit of learning volume. Units are never added to one another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// European Credit Transfer and Accumulation System credits.
    Ects,
    /// US credit hours (Open Badges 3.0 `creditsAvailable`/`creditsEarned`).
    CreditHours,
    /// Hours of study.
    Hours,
}

impl Unit {
    /// The unit as pathway files write it: `ECTS`, `credit hours`, `hours`.
    pub fn parse(text: &str) -> Option<Unit> {
        match text.trim().to_ascii_lowercase().as_str() {
            "ects" => Some(Unit::Ects),
            "credit hours" | "credit_hours" | "us credit hours" => Some(Unit::CreditHours),
            "hours" | "hour" | "h" => Some(Unit::Hours),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Unit::Ects => "ECTS",
            Unit::CreditHours => "credit hours",
            Unit::Hours => "hours",
        }
    }
}

/// An amount of learning: `value` in `unit`, and the field that said so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    pub value: f64,
    pub unit: Unit,
    pub field: String,
}

/// A level in a qualifications framework (`EQF` 1–8, or a national one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Level {
    pub framework: String,
    pub value: String,
}

/// A learning outcome, with the framework item it is aligned to when there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub name: String,
    pub url: Option<String>,
    /// `ESCO`, `CASE`, or the alignment's framework name.
    pub framework: Option<String>,
}

/// The facts of one credential.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Facts {
    /// `MicroCredential`, `Certificate`, … (Open Badges `achievementType`).
    pub kind: Option<String>,
    /// Learning volume, each unit once (ECTS and hours may both be stated).
    pub workload: Fact<Vec<Amount>>,
    pub level: Fact<Vec<Level>>,
    pub outcomes: Fact<Vec<Outcome>>,
    pub assessment: Fact<String>,
    pub participation: Fact<String>,
    pub quality_assurance: Fact<String>,
    pub supervision: Fact<String>,
    pub identity_checked: Fact<bool>,
    pub prerequisites: Fact<String>,
    pub grade: Fact<String>,
    pub field_of_study: Fact<String>,
    pub part_of: Fact<Vec<String>>,
    /// The EU Annex I mandatory elements the credential states, of the eleven.
    pub annex_i: AnnexI,
}

/// The eleven mandatory elements of a micro-credential (EU Council Recommendation
/// 2022/C 243/02, Annex I), each stated or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct AnnexI {
    pub stated: Vec<String>,
    pub missing: Vec<String>,
}

/// The elements in the Recommendation's order.
pub const ANNEX_I: [&str; 11] = [
    "learner",
    "title",
    "issuer_country",
    "awarding_body",
    "issue_date",
    "learning_outcomes",
    "workload",
    "level",
    "assessment",
    "participation",
    "quality_assurance",
];

/// The facts of `doc` (the credential as verified), `withheld` claims not disclosed.
pub fn read(doc: &Value, withheld: usize) -> Facts {
    let subject = first(doc.get("credentialSubject"));
    let achievement = subject
        .and_then(|s| s.get("achievement"))
        .or_else(|| doc.get("badge").filter(|b| b.is_object()));
    let elm = subject
        .and_then(|s| s.get("hasClaim"))
        .map(|c| first(Some(c)))
        .unwrap_or_default();
    let spec = elm.and_then(|c| first(c.get("specifiedBy")));
    // Where each encoding puts its facts; the first that states one wins.
    let places: Vec<&Value> = [achievement, spec, elm, subject, Some(doc)]
        .into_iter()
        .flatten()
        .collect();
    let fact = |v: Option<String>| v.map_or_else(|| unstated(withheld), Fact::Stated);
    let text_of = |keys: &[&str]| {
        places
            .iter()
            .find_map(|p| keys.iter().find_map(|k| label(p.get(*k)?)))
    };
    let alignments: Vec<&Value> = achievement
        .and_then(|a| a.get("alignment"))
        .map(items)
        .unwrap_or_default();
    let mut facts = Facts {
        kind: achievement.and_then(|a| label(a.get("achievementType")?)),
        workload: list(workload(&places), withheld),
        level: list(levels(&places, &alignments), withheld),
        outcomes: list(outcomes(&places, &alignments), withheld),
        assessment: fact(
            text_of(&["assessmentType", "typeOfAssessment", "type_of_assessment"]).or_else(|| {
                // ELM: the assessment that proved it, by its specification's title.
                elm.and_then(|c| first(c.get("provenBy")))
                    .and_then(|p| first(p.get("specifiedBy")).or(Some(p)))
                    .and_then(|p| text(p, "title"))
            }),
        ),
        participation: fact(text_of(&[
            "participationType",
            "formOfParticipation",
            "form_of_participation",
            "mode",
            "learningSetting",
        ])),
        quality_assurance: fact(
            alignments
                .iter()
                .find(|a| text(a, "targetType").as_deref() == Some("ext:QualityAssurance"))
                .and_then(|a| text(a, "targetName").or_else(|| text(a, "targetDescription")))
                .or_else(|| {
                    text_of(&[
                        "qualityAssurance",
                        "types_of_quality_assurance",
                        "type_of_quality_assurance",
                    ])
                }),
        ),
        supervision: fact(text_of(&[
            "supervisionType",
            "supervision",
            "supervision_and_identity_verification",
        ])),
        identity_checked: places
            .iter()
            .find_map(|p| p.get("identityChecked").and_then(Value::as_bool))
            .map_or_else(|| unstated(withheld), Fact::Stated),
        prerequisites: fact(text_of(&[
            "entryRequirement",
            "prerequisites",
            "prerequisite",
            "entry_requirements",
        ])),
        grade: fact(grade(subject, achievement, elm)),
        field_of_study: fact(
            achievement
                .and_then(|a| {
                    let field = text(a, "fieldOfStudy")?;
                    Some(match text(a, "specialization") {
                        Some(s) => format!("{field} ({s})"),
                        None => field,
                    })
                })
                .or_else(|| text_of(&["fieldOfStudy", "field_of_study", "thematicArea"])),
        ),
        part_of: list(
            places
                .iter()
                .find_map(|p| p.get("isPartOf").or_else(|| p.get("partOf")))
                .map(items)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|v| label(v).or_else(|| text(v, "id")))
                .collect(),
            withheld,
        ),
        annex_i: AnnexI::default(),
    };
    facts.annex_i = annex_i(doc, subject, achievement, &facts);
    facts
}

/// A European Learning Model credential's title: its first claim's (a language map).
pub(crate) fn elm_title(doc: &Value) -> Option<String> {
    let claim = first(first(doc.get("credentialSubject"))?.get("hasClaim"))?;
    text(claim, "title").or_else(|| first(claim.get("specifiedBy")).and_then(|s| text(s, "title")))
}

/// Nothing stated: absent, or perhaps among the claims the holder withheld.
fn unstated<T>(withheld: usize) -> Fact<T> {
    match withheld {
        0 => Fact::Absent,
        _ => Fact::NotDisclosed,
    }
}

/// A list that states something when it is not empty.
fn list<T>(v: Vec<T>, withheld: usize) -> Fact<Vec<T>> {
    match v.is_empty() {
        true => unstated(withheld),
        false => Fact::Stated(v),
    }
}

/// Learning volume from every encoding, one amount per unit (the first stated).
fn workload(places: &[&Value]) -> Vec<Amount> {
    let mut out: Vec<Amount> = Vec::new();
    let mut add = |value: Option<f64>, unit: Unit, field: &str| {
        if let Some(value) = value.filter(|v| v.is_finite() && *v > 0.0)
            && !out.iter().any(|a| a.unit == unit)
        {
            out.push(Amount {
                value,
                unit,
                field: field.to_string(),
            });
        }
    };
    for place in places {
        add(number(place.get("ECTS")), Unit::Ects, "ECTS");
        add(number(place.get("ects")), Unit::Ects, "ects");
        for credit in place.get("creditPoint").map(items).unwrap_or_default() {
            let framework = credit
                .get("framework")
                .and_then(label)
                .unwrap_or_default()
                .to_ascii_uppercase();
            if framework.contains("ECTS") || framework.contains("EUROPEAN CREDIT") {
                add(number(credit.get("point")), Unit::Ects, "creditPoint");
            }
        }
        add(
            number(place.get("creditsEarned")),
            Unit::CreditHours,
            "creditsEarned",
        );
        add(
            number(place.get("creditsAvailable")),
            Unit::CreditHours,
            "creditsAvailable",
        );
        for key in ["SBU", "timeInvestment", "studyLoad"] {
            add(number(place.get(key)), Unit::Hours, key);
        }
        for key in [
            "volumeOfLearning",
            "notionalWorkload",
            "expected_study_time",
            "notional_workload",
        ] {
            let hours = place.get(key).and_then(|v| match v {
                Value::String(s) => duration_hours(s).or_else(|| s.trim().parse().ok()),
                other => number(Some(other)),
            });
            add(hours, Unit::Hours, key);
        }
    }
    out
}

/// Levels: EQF alignments (Edubadges `ext:EQF`, or a framework named EQF), ELM's
/// `eqfLevel`, the rulebooks' level claims.
fn levels(places: &[&Value], alignments: &[&Value]) -> Vec<Level> {
    let mut out = Vec::new();
    for a in alignments {
        if let (true, Some(code)) = (
            is_eqf(a),
            text(a, "targetCode").or_else(|| text(a, "targetName")),
        ) {
            out.push(Level {
                framework: "EQF".into(),
                value: digits_or(code),
            });
        }
    }
    for place in places {
        if let Some(v) = place
            .get("eqfLevel")
            .and_then(|v| label(v).or_else(|| text(v, "id")))
        {
            out.push(Level {
                framework: "EQF".into(),
                value: digits_or(v),
            });
        }
        for key in [
            "level_of_learning_experience",
            "levelOfLearning",
            "eqf_level",
            "nqfLevel",
        ] {
            if let Some(v) = place.get(key).and_then(label) {
                out.push(Level {
                    framework: match key {
                        "nqfLevel" => "NQF".into(),
                        _ => "EQF".into(),
                    },
                    value: digits_or(v),
                });
            }
        }
    }
    out.dedup();
    out
}

/// Whether an alignment names a level of the European Qualifications Framework.
fn is_eqf(a: &Value) -> bool {
    let framework = text(a, "targetFramework").unwrap_or_default();
    text(a, "targetType").as_deref() == Some("ext:EQF")
        || framework.to_ascii_uppercase().contains("EQF")
        || framework.contains("European Qualifications Framework")
}

/// Learning outcomes: alignments that are not a level or quality assurance (with
/// ESCO/CASE named when the link says so), ELM's `learningOutcome`, the rulebooks'.
fn outcomes(places: &[&Value], alignments: &[&Value]) -> Vec<Outcome> {
    let mut out: Vec<Outcome> = alignments
        .iter()
        .filter(|a| !is_eqf(a) && text(a, "targetType").as_deref() != Some("ext:QualityAssurance"))
        .filter_map(|a| {
            let url = text(a, "targetUrl");
            let framework = match url.as_deref().unwrap_or("") {
                u if u.contains("data.europa.eu/esco/") => Some("ESCO".to_string()),
                _ if text(a, "targetType").as_deref() == Some("CFItem") => Some("CASE".to_string()),
                _ => text(a, "targetFramework"),
            };
            Some(Outcome {
                name: text(a, "targetName")?,
                url,
                framework,
            })
        })
        .collect();
    for place in places {
        for key in ["learningOutcome", "learningOutcomes", "learning_outcomes"] {
            for item in place.get(key).map(items).unwrap_or_default() {
                let name = label(item).or_else(|| text(item, "title"));
                let url = text(item, "relatedESCOSkill").or_else(|| text(item, "id"));
                if let Some(name) = name
                    && !out.iter().any(|o| o.name == name)
                {
                    out.push(Outcome {
                        framework: url
                            .as_deref()
                            .filter(|u| u.contains("data.europa.eu/esco/"))
                            .map(|_| "ESCO".to_string()),
                        url: url.filter(|u| u.starts_with("http")),
                        name,
                    });
                }
            }
        }
    }
    out
}

/// The result: OB 3.0 `result` values (with their description's name), ELM's
/// assessment grade, a rulebook's `grade`.
fn grade(
    subject: Option<&Value>,
    achievement: Option<&Value>,
    elm: Option<&Value>,
) -> Option<String> {
    let descriptions: Vec<&Value> = achievement
        .and_then(|a| a.get("resultDescription"))
        .map(items)
        .unwrap_or_default();
    let results: Vec<String> = subject
        .and_then(|s| s.get("result"))
        .map(items)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|r| {
            let value = text(r, "value").or_else(|| text(r, "achievedLevel"))?;
            let named = text(r, "resultDescription").and_then(|id| {
                descriptions
                    .iter()
                    .find(|d| text(d, "id").as_deref() == Some(id.as_str()))
                    .and_then(|d| text(d, "name"))
            });
            Some(match named {
                Some(name) => format!("{value} ({name})"),
                None => value,
            })
        })
        .collect();
    if !results.is_empty() {
        return Some(results.join("; "));
    }
    elm.and_then(|c| first(c.get("provenBy")))
        .and_then(|p| p.get("grade"))
        .and_then(label)
        .or_else(|| subject.and_then(|s| s.get("grade")).and_then(label))
}

/// Which Annex I elements the credential states.
fn annex_i(doc: &Value, subject: Option<&Value>, achievement: Option<&Value>, f: &Facts) -> AnnexI {
    let issuer = doc.get("issuer");
    // OB 3.0 `address`, or ELM's `location[].address.countryCode`.
    let country = issuer
        .and_then(|i| {
            i.get("address")
                .or_else(|| first(i.get("location"))?.get("address"))
        })
        .and_then(|a| {
            text(a, "addressCountry")
                .or_else(|| text(a, "addressCountryCode"))
                .or_else(|| text(a, "countryCode"))
        })
        .or_else(|| text(doc, "issuing_country"))
        .or_else(|| subject.and_then(|s| text(s, "issuing_country")));
    let has = |element: &str| match element {
        "learner" => {
            subject.is_some_and(|s| {
                s.get("id").is_some()
                    || s.get("identifier").is_some()
                    || s.get("name").is_some()
                    || s.get("given_name").is_some()
                    || s.get("familyName").is_some()
            }) || doc.get("recipient").is_some()
        }
        "title" => achievement
            .and_then(|a| text(a, "name"))
            .or_else(|| text(doc, "name"))
            .or_else(|| {
                subject
                    .and_then(|s| first(s.get("hasClaim")))
                    .and_then(|c| text(c, "title"))
            })
            .is_some(),
        "issuer_country" => country.is_some(),
        // A name, not a bare identifier.
        "awarding_body" => issuer.is_some_and(|i| i.is_object() && label(i).is_some()),
        "issue_date" => ["validFrom", "issuanceDate", "issuedOn", "awardedDate"]
            .iter()
            .any(|k| doc.get(*k).is_some() || subject.is_some_and(|s| s.get(*k).is_some())),
        "learning_outcomes" => f.outcomes.stated().is_some(),
        "workload" => f.workload.stated().is_some(),
        "level" => f.level.stated().is_some(),
        "assessment" => f.assessment.stated().is_some(),
        "participation" => f.participation.stated().is_some(),
        "quality_assurance" => f.quality_assurance.stated().is_some(),
        _ => false,
    };
    let (stated, missing): (Vec<&str>, Vec<&str>) = ANNEX_I.iter().copied().partition(|e| has(e));
    let owned = |v: Vec<&str>| v.into_iter().map(str::to_string).collect();
    AnnexI {
        stated: owned(stated),
        missing: owned(missing),
    }
}

/// An ISO 8601 duration (`PT50H`, `P2DT4H30M`, `P3W`) in hours; days are 24 hours and
/// weeks 7 days, as a duration is, not working days.
pub fn duration_hours(text: &str) -> Option<f64> {
    let rest = text.trim().strip_prefix('P')?;
    let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
    let mut hours = 0.0;
    let mut any = false;
    for (part, units) in [
        (date, &[('W', 168.0), ('D', 24.0)][..]),
        (
            time,
            &[('H', 1.0), ('M', 1.0 / 60.0), ('S', 1.0 / 3600.0)][..],
        ),
    ] {
        let mut number = String::new();
        for c in part.chars() {
            match units.iter().find(|(u, _)| *u == c) {
                Some((_, factor)) => {
                    hours += number.parse::<f64>().ok()? * factor;
                    number.clear();
                    any = true;
                }
                None if c.is_ascii_digit() || c == '.' => number.push(c),
                None => return None,
            }
        }
        if !number.is_empty() {
            return None;
        }
    }
    any.then_some(hours)
}

/// The value as text: a string, a number, a language map's first entry, or a
/// concept's `prefLabel`/`name`/`title`.
fn label(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => return a.iter().find_map(label),
        Value::Object(o) => {
            return [
                "prefLabel",
                "name",
                "legalName",
                "title",
                "noteLiteral",
                "@value",
            ]
            .iter()
            .find_map(|k| o.get(*k).and_then(label))
            .or_else(|| {
                // A language map: `{"en": "…"}`.
                (o.len() <= 8 && o.keys().all(|k| k.len() <= 5))
                    .then(|| o.values().find_map(label))
                    .flatten()
            });
        }
        _ => return None,
    };
    (!s.is_empty()).then(|| s.chars().take(500).collect())
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(label)
}

fn number(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Object(o) => o.get("@value").and_then(|v| number(Some(v))),
        _ => None,
    }
}

/// An EQF level from its code, name or IRI (`6`, `EQF level 6`, `…/eqf/6`).
fn digits_or(text: String) -> String {
    let digits: String = text
        .rsplit(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .unwrap_or("")
        .to_string();
    match digits.is_empty() {
        true => text,
        false => digits,
    }
}

fn first(v: Option<&Value>) -> Option<&Value> {
    match v? {
        Value::Array(a) => a.first(),
        other => Some(other),
    }
}

fn items(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().take(200).collect(),
        Value::Null => Vec::new(),
        other => vec![other],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn durations_are_hours() {
        assert_eq!(duration_hours("PT50H"), Some(50.0));
        assert_eq!(duration_hours("P1DT2H30M"), Some(26.5));
        assert_eq!(duration_hours("P2W"), Some(336.0));
        assert_eq!(duration_hours("50 hours"), None);
        assert_eq!(duration_hours("P"), None);
        assert_eq!(duration_hours("PT5X"), None);
    }

    #[test]
    fn an_unsigned_sd_jwt_learning_credential_states_its_facts() {
        // The EUDI Learning Credential's claims, as the SD-JWT reader puts them under
        // `credentialSubject`.
        let doc = json!({
            "issuer": {"id": "did:example:u", "name": "Example University",
                       "address": {"addressCountry": "DE"}},
            "validFrom": "2026-01-01T00:00:00Z",
            "credentialSubject": {"id": "did:example:ada", "achievement": {"name": "Data Literacy"},
                "expected_study_time": "PT50H", "level_of_learning_experience": "EQF 5",
                "types_of_quality_assurance": "internal", "type_of_assessment": "written exam",
                "form_of_participation": "online", "learning_outcomes": ["Reads charts"]}
        });
        let f = read(&doc, 0);
        assert_eq!(f.workload.stated().unwrap()[0].value, 50.0);
        assert_eq!(f.workload.stated().unwrap()[0].unit, Unit::Hours);
        assert_eq!(f.level.stated().unwrap()[0].value, "5");
        assert_eq!(f.assessment, Fact::Stated("written exam".into()));
        assert_eq!(f.participation, Fact::Stated("online".into()));
        assert_eq!(f.quality_assurance, Fact::Stated("internal".into()));
        assert_eq!(f.outcomes.stated().unwrap()[0].name, "Reads charts");
        assert_eq!(f.annex_i.stated.len(), 11, "{:?}", f.annex_i.missing);
        // Withheld claims: what is not there may be among them.
        let mut shown = doc.clone();
        shown["credentialSubject"]
            .as_object_mut()
            .unwrap()
            .remove("expected_study_time");
        let f = read(&shown, 3);
        assert_eq!(f.workload, Fact::NotDisclosed);
        assert_eq!(read(&shown, 0).workload, Fact::Absent);
    }
}
