//! Stackable pathways: a career service's `pathway.yaml` names the credentials that
//! together make a larger qualification; folio shows which requirements the learner's
//! **verified** badges meet.
//!
//! - `file.rs` reads a pathway file (format version 1) into a [`Pathway`], with errors
//!   that name the file and line.
//! - `progress.rs` evaluates a pathway against the portfolio's badges: only verified
//!   badges count, the issuer must always match, and one badge fills at most one
//!   requirement (the best assignment is searched, so file order does not matter).
//!
//! The tree maps onto Badgr's pathway junctions and Credential Engine CTDL's
//! `ComponentCondition.requiredNumber`: an `all:` group is a condition requiring every
//! component, `pick: N` requires N of them.

mod file;
mod progress;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::config::Config;
use crate::error::{Error, Location, Result};

pub use file::parse;
pub use progress::{Progress, evaluate};

/// The version of the progress rules (written into receipts): bump it when a rule
/// changes what counts.
pub const RULES_VERSION: u32 = 1;

/// Built-in example pathways, by name: `pathways: [data-analyst]` in folio.yaml.
const BUILT_IN: &[(&str, &str)] = &[("data-analyst", include_str!("examples/data-analyst.yaml"))];

/// One pathway file, read.
#[derive(Debug, Clone)]
pub struct Pathway {
    /// As shown in messages (`pathways/data-analyst.yaml`, `built-in pathway `x``).
    pub source: String,
    /// SHA-256 of the file's bytes, hex: receipts name exactly what was evaluated.
    pub sha256: String,
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// What the issuer awards when the pathway is complete, if anything.
    pub completion: Option<Requirement>,
    pub requires: Group,
    /// Learning volume the verified badges must add up to, besides `requires`.
    pub credits: Option<Credits>,
}

/// `credits:` in a pathway file: at least `at_least` of `unit` from verified badges'
/// stated workload, from `issuers` and aligned to `alignment` when given. Units are
/// never mixed: hours count toward another unit only at the file's own
/// `hours_per_unit`.
#[derive(Debug, Clone)]
pub struct Credits {
    pub at_least: f64,
    pub unit: crate::badge::facts::Unit,
    pub issuers: Option<std::sync::Arc<[String]>>,
    pub issuer_label: Option<String>,
    /// A [`Matcher::Alignment`], when only aligned badges count.
    pub alignment: Option<Matcher>,
    pub hours_per_unit: Option<f64>,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub name: Option<String>,
    /// How many children must be met: all of them, or `pick`.
    pub need: Need,
    pub children: Vec<Node>,
    pub line: u32,
}

impl Group {
    /// Every requirement below the group, in reading order.
    pub fn leaves(&self) -> Vec<&Requirement> {
        let mut out = Vec::new();
        for child in &self.children {
            match child {
                Node::Group(g) => out.extend(g.leaves()),
                Node::Requirement(r) => out.push(r),
            }
        }
        out
    }

    /// The fewest requirements that complete the group.
    pub fn needed(&self) -> usize {
        let mut needs: Vec<usize> = self
            .children
            .iter()
            .map(|c| match c {
                Node::Group(g) => g.needed(),
                Node::Requirement(_) => 1,
            })
            .collect();
        match self.need {
            Need::All => needs.iter().sum(),
            Need::Pick(n) => {
                needs.sort_unstable();
                needs.iter().take(n).sum()
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    All,
    Pick(usize),
}

#[derive(Debug, Clone)]
pub enum Node {
    Group(Group),
    Requirement(Requirement),
}

/// One credential the pathway asks for.
#[derive(Debug, Clone)]
pub struct Requirement {
    pub name: Option<String>,
    /// Issuer ids that may have issued it (sets already expanded), and how the file
    /// named them, for people.
    pub issuers: std::sync::Arc<[String]>,
    pub issuer_label: String,
    pub matcher: Matcher,
    pub line: u32,
}

/// What a badge's signed fields must say, beyond the issuer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Matcher {
    /// The achievement (OB 3.0) or BadgeClass (OB 2.0) with this id, or one that
    /// declares itself `related` to it.
    Achievement {
        id: String,
    },
    Alignment {
        code: String,
        framework: Option<String>,
        url: Option<String>,
    },
    AchievementType {
        achievement_type: String,
    },
    /// A credential whose achievement a verified CLR transcript from one of the
    /// requirement's issuers places within this achievement (`isChildOf`/`isPartOf`):
    /// issuer-asserted structure, never the learner's.
    PartOf {
        id: String,
    },
    /// Any credential from the issuer.
    Any,
}

impl Requirement {
    /// What would meet this requirement, in words, with the issuer set's key (for
    /// career services checking the file).
    pub fn describe(&self) -> String {
        self.describe_as(&self.issuer_label, crate::i18n::Translator::english())
    }

    /// What would meet this requirement, for a learner's page: an achievement by a
    /// readable name rather than its URL, and the issuer by `issuer`.
    pub fn describe_as(&self, issuer: &str, tr: &crate::i18n::Translator) -> String {
        let what = match &self.matcher {
            Matcher::Achievement { id } => tr.format(
                "want-achievement",
                &[("name", readable_achievement(id).into())],
            ),
            Matcher::Alignment {
                code, framework, ..
            } => match framework {
                Some(f) => tr.format(
                    "want-alignment-framework",
                    &[("code", code.into()), ("framework", f.into())],
                ),
                None => tr.format("want-alignment", &[("code", code.into())]),
            },
            Matcher::AchievementType { achievement_type } => {
                tr.format("want-type", &[("type", achievement_type.into())])
            }
            Matcher::PartOf { id } => {
                tr.format("want-part-of", &[("name", readable_achievement(id).into())])
            }
            Matcher::Any => tr.t("want-any"),
        };
        tr.format(
            "want-from",
            &[("what", what.into()), ("issuer", issuer.into())],
        )
    }
}

/// An achievement id as a learner reads it: the last part of its address, in words,
/// with its site (`https://academy.example/achievements/sql-fundamentals` → "“sql
/// fundamentals” (academy.example)"); other identifiers as written.
pub fn readable_achievement(id: &str) -> String {
    let Some((_, rest)) = id.split_once("://") else {
        return id.to_string();
    };
    let host = rest.split('/').next().unwrap_or("");
    let last = rest
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|l| *l != host && !l.is_empty())
        .map(|l| crate::util::url::percent_decode(l).unwrap_or_else(|| l.to_string()))
        .map(|l| {
            l.split(['-', '_', '.'])
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        });
    match last {
        Some(words) if !words.is_empty() => format!("“{words}” ({host})"),
        _ => host.to_string(),
    }
}

/// The pathways `folio.yaml` lists, read; every bad file is reported.
pub fn load(config: &Config) -> Result<Vec<Pathway>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for entry in &config.pathways {
        match read_entry(config, entry) {
            Ok(p) => out.push(p),
            Err(e) => errors.push(e),
        }
    }
    for (shown, file) in &config.sourced_pathway_files {
        let read = crate::util::fs::read_bounded(file, Path::new(shown), MAX_FILE_BYTES)
            .and_then(|bytes| parse(shown, &bytes));
        match read {
            Ok(p) => out.push(p),
            Err(e) => errors.push(e),
        }
    }
    Error::from_list(std::mem::take(&mut errors))?;
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for p in &out {
        if let Some(first) = seen.insert(slug(&p.id, &p.name), &p.source) {
            errors.push(Error::Config {
                loc: Location::file(crate::config::CONFIG_FILE),
                msg: format!(
                    "pathways {first} and {} would publish at the same address",
                    p.source
                ),
                hint: Some("list each pathway once".into()),
            });
        }
    }
    Error::from_list(errors)?;
    Ok(out)
}

/// A `pathways:` entry: a `.yaml` path inside the portfolio, or a built-in name.
fn read_entry(config: &Config, entry: &str) -> Result<Pathway> {
    if !(entry.ends_with(".yaml") || entry.ends_with(".yml")) {
        let Some((_, text)) = BUILT_IN.iter().find(|(name, _)| *name == entry) else {
            return Err(Error::Config {
                loc: Location::file(crate::config::CONFIG_FILE),
                msg: format!("pathways: `{entry}` is neither a .yaml file nor a built-in pathway"),
                hint: Some(format!(
                    "write a path like `pathways/data-analyst.yaml`; built-in: {}",
                    BUILT_IN
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            });
        };
        return parse(&format!("built-in pathway `{entry}`"), text.as_bytes());
    }
    let rel = std::path::Path::new(entry);
    let inside = !rel.is_absolute()
        && rel.components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        });
    if !inside {
        return Err(Error::Config {
            loc: Location::file(crate::config::CONFIG_FILE),
            msg: format!("pathways: `{entry}` is outside the portfolio"),
            hint: Some("copy the pathway file into the portfolio, e.g. `pathways/`".into()),
        });
    }
    let shown = config.shown(rel);
    let bytes = crate::util::fs::read_bounded(&config.root.join(rel), &shown, MAX_FILE_BYTES)?;
    parse(&shown.display().to_string(), &bytes)
}

/// Pathway files are small; a bigger one is a mistake, not a pathway.
const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// `progress.json`: what was evaluated (the pathway file's SHA-256, the rules version)
/// and what came of it, with each requirement's badge and that badge's receipt, so the
/// result can be recomputed offline from the pathway file and the receipts.
pub fn receipt(p: &Progress) -> String {
    let json = serde_json::json!({
        "receipt": "folio pathway progress",
        "folio": env!("CARGO_PKG_VERSION"),
        "rules": RULES_VERSION,
        "checked_at": chrono::Utc::now().format("%Y-%m-%d").to_string(),
        "pathway": {
            "id": p.id,
            "name": p.name,
            "file": p.source,
            "sha256": p.sha256,
        },
        "state": p.state,
        "state_label": p.state_label,
        "met": p.met,
        "total": p.total,
        "completion": p.completion,
        "requirements": p.rows,
        "credits": p.credits,
    });
    serde_json::to_string_pretty(&json).expect("JSON values always serialise") + "\n"
}

/// The pathway's folder under `/pathways/`: from its name, else its id.
pub fn slug(id: &str, name: &str) -> String {
    match crate::content::markdown::slugify(name) {
        s if !s.is_empty() => s,
        _ => crate::content::markdown::slugify(id),
    }
}
