//! A verified badge's standard facts (`openbadges_verify::facts`) as pages show them:
//! rows in the site's language, the EU Annex I count, and a short line for cards.
//! Only a verified badge has facts; anything else shows none (its text is a claim).

use serde::Serialize;

use crate::badge::facts::{Amount, Fact, Facts, Unit};
use crate::i18n::{Arg, Translator};

/// The facts panel of a badge page (`badge.facts` in THEMES.md).
#[derive(Debug, Clone, Serialize)]
pub struct FactsView {
    /// Stated facts and those the holder did not disclose, in the Recommendation's
    /// order; absent ones are left out (the Annex I line names them).
    pub rows: Vec<FactRow>,
    /// "EU micro-credential: 9 of 11 mandatory elements stated".
    pub annex_i: String,
    /// The mandatory elements not stated, in words.
    pub annex_i_missing: Vec<String>,
    pub annex_i_stated: usize,
    /// Credits and level for cards ("5 ECTS · EQF 6"), when stated.
    pub summary: Option<String>,
    /// The facts as the verifier read them (values, units, states), for themes
    /// that lay them out themselves.
    pub data: Facts,
}

/// One fact: its label, its value in words (none when not disclosed), and links
/// (learning outcomes aligned to ESCO or CASE).
#[derive(Debug, Clone, Serialize)]
pub struct FactRow {
    pub key: &'static str,
    pub label: String,
    pub state: &'static str,
    pub value: Option<String>,
    pub items: Vec<FactItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FactItem {
    pub name: String,
    pub url: Option<String>,
    pub framework: Option<String>,
}

/// The panel for `facts`, or none when it states nothing a reader would look for.
pub fn view(facts: &Facts, tr: &Translator) -> Option<FactsView> {
    let mut rows = Vec::new();
    let mut row =
        |key: &'static str, state: &'static str, value: Option<String>, items: Vec<FactItem>| {
            rows.push(FactRow {
                key,
                label: tr.t(&format!("fact-{key}")),
                state,
                value,
                items,
            });
        };
    let mut text = |key: &'static str, fact: &Fact<String>| match fact {
        Fact::Stated(v) => row(key, "stated", Some(v.clone()), Vec::new()),
        Fact::NotDisclosed => row(key, "not_disclosed", None, Vec::new()),
        Fact::Absent => {}
    };
    let workload = map(&facts.workload, |w| amounts(w, tr));
    let level = map(&facts.level, |l| {
        l.iter()
            .map(|l| format!("{} {}", l.framework, l.value))
            .collect::<Vec<_>>()
            .join(" · ")
    });
    text("workload", &workload);
    text("level", &level);
    text("field", &facts.field_of_study);
    text("assessment", &facts.assessment);
    text("participation", &facts.participation);
    text("supervision", &facts.supervision);
    text(
        "identity-checked",
        &map(&facts.identity_checked, |b| {
            tr.t(if *b { "fact-yes" } else { "fact-no" })
        }),
    );
    text("quality-assurance", &facts.quality_assurance);
    text("prerequisites", &facts.prerequisites);
    text("grade", &facts.grade);
    text("part-of", &map(&facts.part_of, |v| v.join(" · ")));
    match &facts.outcomes {
        Fact::Stated(outcomes) => row(
            "outcomes",
            "stated",
            None,
            outcomes
                .iter()
                .map(|o| FactItem {
                    name: o.name.clone(),
                    // (Made safe for an href by the caller: `site::badges`.)
                    url: o.url.clone(),
                    framework: o.framework.clone(),
                })
                .collect(),
        ),
        Fact::NotDisclosed => row("outcomes", "not_disclosed", None, Vec::new()),
        Fact::Absent => {}
    }
    let stated = facts.annex_i.stated.len();
    let micro = facts.kind.as_deref() == Some("MicroCredential");
    if rows.iter().all(|r| r.state != "stated") && !micro {
        return None;
    }
    let summary = [workload.stated().cloned(), level.stated().cloned()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
    Some(FactsView {
        rows,
        annex_i: tr.format("facts-annex-i", &[("stated", Arg::Number(stated as f64))]),
        annex_i_missing: facts
            .annex_i
            .missing
            .iter()
            .map(|e| tr.t(&format!("annex-{}", e.replace('_', "-"))))
            .collect(),
        annex_i_stated: stated,
        summary: (!summary.is_empty()).then(|| summary.join(" · ")),
        data: facts.clone(),
    })
}

fn map<T, U>(fact: &Fact<T>, f: impl FnOnce(&T) -> U) -> Fact<U> {
    match fact {
        Fact::Stated(v) => Fact::Stated(f(v)),
        Fact::NotDisclosed => Fact::NotDisclosed,
        Fact::Absent => Fact::Absent,
    }
}

/// "5 ECTS · 125 hours", each number as the site's language writes it.
pub fn amounts(list: &[Amount], tr: &Translator) -> String {
    list.iter()
        .map(|a| amount(a.value, a.unit, tr))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// One amount in words: "5 ECTS", "3 credit hours", "50 hours".
pub fn amount(value: f64, unit: Unit, tr: &Translator) -> String {
    let key = match unit {
        Unit::Ects => "unit-ects",
        Unit::CreditHours => "unit-credit-hours",
        Unit::Hours => "unit-hours",
    };
    tr.format(key, &[("value", Arg::Number(rounded(value)))])
}

/// A credit value to two decimals at most: 5, 2.5.
pub fn rounded(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// The facts in a verified badge's schema.org `EducationalOccupationalCredential`:
/// `educationalLevel` (EQF), `timeRequired` (hours, as an ISO 8601 duration),
/// `competencyRequired` (learning outcomes, with their framework links), and the
/// credits as `PropertyValue`s. Only stated facts; none is inferred.
pub fn structured(data: &mut serde_json::Value, facts: &Facts) {
    use serde_json::json;
    if let Some(kind) = &facts.kind {
        data["credentialCategory"] = json!(kind);
    }
    if let Some(levels) = facts.level.stated() {
        data["educationalLevel"] = json!(levels
            .iter()
            .map(|l| json!({"@type": "DefinedTerm", "inDefinedTermSet": l.framework, "termCode": l.value, "name": format!("{} {}", l.framework, l.value)}))
            .collect::<Vec<_>>());
    }
    if let Some(workload) = facts.workload.stated() {
        if let Some(hours) = workload.iter().find(|a| a.unit == Unit::Hours) {
            data["timeRequired"] = json!(format!("PT{}H", rounded(hours.value)));
        }
        let credits: Vec<_> = workload
            .iter()
            .filter(|a| a.unit != Unit::Hours)
            .map(|a| json!({"@type": "PropertyValue", "propertyID": a.unit.label(), "value": rounded(a.value)}))
            .collect();
        if !credits.is_empty() {
            data["additionalProperty"] = json!(credits);
        }
    }
    if let Some(outcomes) = facts.outcomes.stated() {
        data["competencyRequired"] = json!(
            outcomes
                .iter()
                .map(|o| {
                    let mut term = json!({"@type": "DefinedTerm", "name": o.name});
                    if let Some(url) = &o.url {
                        term["url"] = json!(url);
                    }
                    if let Some(f) = &o.framework {
                        term["inDefinedTermSet"] = json!(f);
                    }
                    term
                })
                .collect::<Vec<_>>()
        );
    }
}
