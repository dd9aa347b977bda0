//! `folio check --max-age AGE`: compares each badge as checked now with its receipt
//! on the published site, so CI (or a career service watching many sites) learns
//! when a published "Verified" is stale or no longer true.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use crate::error::{Error, Result};

/// One badge: as published, and as checked now.
#[derive(Debug)]
pub struct Comparison {
    pub slug: String,
    /// The published receipt's status and check time; `None` when it is not
    /// published (yet).
    pub published: Option<(String, Option<DateTime<Utc>>)>,
    pub now: String,
    /// Why this badge fails the comparison; `None` when it passes.
    pub problem: Option<String>,
}

/// Reads an age: a number and a unit (`m`, `h`, `d`, `w`).
pub fn parse_age(text: &str) -> Result<Duration> {
    let text = text.trim();
    let (number, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    );
    let n: i64 = number
        .parse()
        .ok()
        .filter(|n| *n > 0 && *n < 100_000)
        .ok_or_else(|| {
            Error::usage(format!("`--max-age {text}` is not an age"))
                .with_hint("write a number and a unit: `30d`, `36h`, `90m`, `2w`")
        })?;
    Ok(match unit {
        "m" => Duration::minutes(n),
        "h" => Duration::hours(n),
        "d" | "" => Duration::days(n),
        "w" => Duration::weeks(n),
        _ => {
            return Err(
                Error::usage(format!("`--max-age {text}`: unknown unit `{unit}`"))
                    .with_hint("units: m (minutes), h (hours), d (days), w (weeks)"),
            );
        }
    })
}

/// The badge receipts of a build, by slug.
pub fn receipts(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Value> {
    files
        .iter()
        .filter_map(|(path, bytes)| {
            let slug = path
                .strip_prefix("badges/")?
                .strip_suffix("/verification.json")?;
            (!slug.contains('/'))
                .then(|| Some((slug.to_string(), serde_json::from_slice(bytes).ok()?)))?
        })
        .collect()
}

/// Compares each current receipt with the one at `published` (a site root URL).
pub fn compare(
    current: &BTreeMap<String, Value>,
    published: &str,
    max_age: Duration,
    now: DateTime<Utc>,
) -> Vec<Comparison> {
    let root = if published.ends_with('/') {
        published.to_string()
    } else {
        format!("{published}/")
    };
    current
        .iter()
        .map(|(slug, receipt)| {
            let status_now = receipt["status"].as_str().unwrap_or("unknown").to_string();
            let url = format!("{root}badges/{slug}/verification.json");
            let fetched = crate::net::fetch(&url).and_then(|bytes| {
                serde_json::from_slice::<Value>(&bytes)
                    .map_err(|_| format!("{url} is not a receipt (not JSON)"))
            });
            let (published, problem) = match fetched {
                Err(e) if e.ends_with("HTTP 404") => (
                    None,
                    Some(format!("not on the published site yet; now {status_now}")),
                ),
                Err(e) => (None, Some(format!("the published receipt cannot be read: {e}"))),
                Ok(old) => {
                    // The published site is not trusted: only a status folio knows
                    // is repeated, never its text (escape codes, Markdown, HTML).
                    let status = known_status(&old);
                    let checked = old["checked_at"]
                        .as_str()
                        .and_then(crate::badge::shape::parse_datetime);
                    let problem = if status != status_now {
                        Some(format!("the published site says {status}; it is {status_now} now"))
                    } else {
                        match checked {
                            None => Some(
                                "the published receipt does not say when it was checked (built by an older folio)".to_string(),
                            ),
                            Some(at) if now - at > max_age => Some(format!(
                                "last checked on the published site {}, more than {} ago",
                                crate::site::recheck::stamp(at),
                                describe(max_age)
                            )),
                            Some(_) => None,
                        }
                    };
                    (Some((status, checked)), problem)
                }
            };
            Comparison {
                slug: slug.clone(),
                published,
                now: status_now,
                problem,
            }
        })
        .collect()
}

/// The statuses a receipt can hold.
const STATUSES: [&str; 5] = ["verified", "expired", "revoked", "failed", "unverifiable"];

/// A receipt's status when it is one folio writes; anything else is named as such.
fn known_status(receipt: &Value) -> String {
    match receipt["status"].as_str() {
        Some(s) if STATUSES.contains(&s) => s.to_string(),
        _ => "an unrecognised status".to_string(),
    }
}

/// Text for a terminal line: control characters (escape sequences, carriage
/// returns that would overwrite the line) shown as `?`.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// An age in the largest whole unit.
fn describe(age: Duration) -> String {
    let (n, unit) = if age.num_weeks() > 0 && age.num_days() % 7 == 0 {
        (age.num_weeks(), "week")
    } else if age.num_days() > 0 && age.num_hours() % 24 == 0 {
        (age.num_days(), "day")
    } else if age.num_hours() > 0 && age.num_minutes() % 60 == 0 {
        (age.num_hours(), "hour")
    } else {
        (age.num_minutes(), "minute")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// The comparison as a Markdown table, for a CI job summary.
pub fn markdown(rows: &[Comparison], published: &str) -> String {
    let changed = rows.iter().filter(|r| r.problem.is_some()).count();
    let mut out = format!(
        "### Badges compared with {published}\n\n{}\n\n| Badge | Published | Now | Published check | |\n|---|---|---|---|---|\n",
        match changed {
            0 => "Every badge is as published, and was checked recently.".to_string(),
            1 => "1 badge changes with this run.".to_string(),
            n => format!("{n} badges change with this run."),
        }
    );
    for r in rows {
        let (status, checked) = match &r.published {
            Some((s, c)) => (
                s.as_str(),
                c.map(crate::site::recheck::stamp).unwrap_or_default(),
            ),
            None => ("—", String::new()),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {checked} | {} |\n",
            cell(&r.slug),
            cell(status),
            cell(&r.now),
            cell(r.problem.as_deref().unwrap_or("ok"))
        ));
    }
    out
}

/// Text safe inside a Markdown table cell of a job summary (GitHub renders it as
/// Markdown with HTML): no cell break, no markup, no HTML, no control characters.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '!' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_are_read_with_their_unit() {
        assert_eq!(parse_age("30d").unwrap(), Duration::days(30));
        assert_eq!(parse_age("36h").unwrap(), Duration::hours(36));
        assert_eq!(parse_age("2w").unwrap(), Duration::weeks(2));
        assert_eq!(parse_age("90m").unwrap(), Duration::minutes(90));
        for bad in ["", "d", "-3d", "3y", "0d", "99999999999d"] {
            assert!(parse_age(bad).is_err(), "{bad}");
        }
        assert_eq!(describe(Duration::days(30)), "30 days");
        assert_eq!(describe(Duration::hours(36)), "36 hours");
    }

    #[test]
    fn receipts_are_found_by_slug() {
        let mut files = BTreeMap::new();
        files.insert(
            "badges/rust/verification.json".to_string(),
            br#"{"status":"verified"}"#.to_vec(),
        );
        files.insert("badges/rust/index.html".to_string(), b"<p>".to_vec());
        files.insert("pathways/x/progress.json".to_string(), b"{}".to_vec());
        let found = receipts(&files);
        assert_eq!(found.len(), 1);
        assert_eq!(found["rust"]["status"], "verified");
        let table = markdown(
            &[Comparison {
                slug: "a|b".into(),
                published: None,
                now: "verified".into(),
                problem: Some("x".into()),
            }],
            "https://x.example/",
        );
        assert!(
            table.contains("a\\|b") && table.contains("1 badge changes"),
            "{table}"
        );
    }
}
