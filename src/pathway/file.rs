//! Reading a pathway file (format version 1). serde checks the shape (unknown keys and
//! wrong types come with serde_yaml's line); the rules serde cannot express (a group
//! has `all` or `pick` + `of`, `pick` fits its list, issuer sets exist) are checked
//! here, and located by walking the text in the same order as the tree.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::{Group, Matcher, Need, Node, Pathway, Requirement};
use crate::config::{unknown_field_hint, yaml_error_parts};
use crate::error::{Error, Location, Result};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPathway {
    pathway: u32,
    id: String,
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    issuers: BTreeMap<String, OneOrMany>,
    #[serde(default)]
    completion: Option<RawNode>,
    requires: RawNode,
    #[serde(default)]
    credits: Option<RawCredits>,
}

/// `credits:`: learning volume the verified badges must add up to.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCredits {
    at_least: f64,
    unit: String,
    #[serde(default)]
    issuer: Option<OneOrMany>,
    #[serde(default)]
    alignment: Option<RawAlignment>,
    /// A conversion the pathway declares: this many hours count as one `unit`.
    #[serde(default)]
    hours_per_unit: Option<f64>,
}

/// A group or a requirement: which one is decided by its keys.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    all: Option<Vec<RawNode>>,
    #[serde(default)]
    pick: Option<usize>,
    #[serde(default)]
    of: Option<Vec<RawNode>>,
    #[serde(default)]
    achievement: Option<String>,
    #[serde(default)]
    alignment: Option<RawAlignment>,
    #[serde(default)]
    achievement_type: Option<String>,
    #[serde(default)]
    part_of: Option<String>,
    #[serde(default)]
    issuer: Option<OneOrMany>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAlignment {
    code: String,
    #[serde(default)]
    framework: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn items(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// Requirements one pathway may have: real ones have tens. Beyond this a file is
/// not a pathway but an attempt to make folio do unbounded work.
pub const MAX_REQUIREMENTS: usize = 1_000;
/// Issuer ids all requirements may name together (each row of a pathway's page and
/// receipt lists its requirement's issuers).
pub const MAX_ISSUER_MENTIONS: usize = 100_000;

/// Reads a pathway file's bytes; `shown` names it in errors.
pub fn parse(shown: &str, bytes: &[u8]) -> Result<Pathway> {
    let path = Path::new(shown);
    let text = std::str::from_utf8(bytes).map_err(|_| Error::Config {
        loc: Location::file(path),
        msg: "a pathway file must be UTF-8 text".into(),
        hint: None,
    })?;
    let raw: RawPathway = serde_yaml::from_str(text).map_err(|e| {
        let (loc, msg) = yaml_error_parts(path, &e, 0);
        let hint = unknown_field_hint(&msg)
            .or_else(|| Some("see the pathway format in README.md (`pathway: 1`, `id`, `name`, `issuers`, `requires`)".into()));
        Error::Config { loc, msg, hint }
    })?;
    // Each set once, shared by every requirement that names it (never copied).
    let shared = raw
        .issuers
        .iter()
        .map(|(name, ids)| {
            let mut ids = ids.items();
            ids.sort();
            ids.dedup();
            (name.clone(), Arc::<[String]>::from(ids))
        })
        .collect();
    let mut reader = Reader {
        path,
        text,
        cursor: 0,
        sets: &raw.issuers,
        shared,
        requirements: 0,
        mentions: 0,
        counted: (0, 1),
        errors: Vec::new(),
    };
    if raw.pathway != 1 {
        let loc = reader.locate(&["pathway"]);
        reader.error(
            loc,
            format!("pathway format version {} is not supported", raw.pathway),
            "this folio reads `pathway: 1`",
        );
    }
    for (name, ids) in &raw.issuers {
        if ids.items().is_empty() {
            let loc = reader.locate(&[name]);
            reader.error(
                loc,
                format!("issuer set `{name}` is empty"),
                "list at least one issuer id",
            );
        }
    }
    reader.cursor = 0;
    let completion = raw.completion.as_ref().and_then(|c| {
        let line = reader.locate(&["completion"]);
        match reader.node(c, line) {
            Some(Node::Requirement(r)) => Some(r),
            Some(Node::Group(_)) => {
                reader.error(
                    line,
                    "`completion` is one credential, not a group".into(),
                    "write `completion: { achievement: ..., issuer: ... }`",
                );
                None
            }
            None => None,
        }
    });
    let line = reader.locate(&["requires"]);
    let requires = match reader.node(&raw.requires, line) {
        Some(Node::Group(g)) => Some(g),
        Some(Node::Requirement(r)) => Some(Group {
            name: None,
            need: Need::All,
            children: vec![Node::Requirement(r)],
            line,
        }),
        None => None,
    };
    let credits = raw.credits.as_ref().and_then(|c| reader.credits(c));
    Error::from_list(reader.errors)?;
    let requires = requires.expect("no errors means the tree was read");
    Ok(Pathway {
        source: shown.to_string(),
        sha256: super::super::badge::hex(&Sha256::digest(bytes)),
        id: raw.id,
        name: raw.name,
        description: raw.description,
        completion,
        requires,
        credits,
    })
}

/// Walks the raw tree in document order, locating each node in the text.
struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    /// Byte offset in `text` after the last node located.
    cursor: usize,
    sets: &'a BTreeMap<String, OneOrMany>,
    /// The sets, sorted and shared.
    shared: BTreeMap<String, Arc<[String]>>,
    /// Requirements read so far, and the issuer ids they name together.
    requirements: usize,
    mentions: usize,
    /// A byte offset and its line, where the last line count stopped.
    counted: (usize, u32),
    errors: Vec<Error>,
}

const NODE_KEYS: [&str; 9] = [
    "name",
    "all",
    "pick",
    "of",
    "achievement",
    "alignment",
    "achievement_type",
    "part_of",
    "issuer",
];

impl Reader<'_> {
    fn error(&mut self, line: u32, msg: String, hint: &str) {
        self.errors.push(Error::Config {
            loc: Location::line(self.path, line),
            msg,
            hint: Some(hint.into()),
        });
    }

    /// The line of the first of `keys` written (as `key:`) after the cursor; moves
    /// the cursor there.
    fn locate(&mut self, keys: &[&str]) -> u32 {
        let found = keys
            .iter()
            .filter_map(|k| find_key(self.text, k, self.cursor))
            .min();
        if let Some(at) = found {
            self.cursor = at + 1;
        }
        let at = found.unwrap_or(self.cursor.min(self.text.len()));
        self.line_at(at)
    }

    /// The line of byte `at`, counting on from the last position asked about (nodes
    /// are located in reading order, so a file is scanned once, not once per node).
    fn line_at(&mut self, at: usize) -> u32 {
        let (from, line) = if at >= self.counted.0 {
            self.counted
        } else {
            (0, 1)
        };
        let line = line + self.text[from..at].matches('\n').count() as u32;
        self.counted = (at, line);
        line
    }

    /// Moves the cursor past every one of a node's `keys`, located from its start (the
    /// cursor is just after its first key), so a sibling's search starts below them.
    fn skip_past(&mut self, keys: &[&str]) {
        let start = self.cursor.saturating_sub(1);
        if let Some(last) = keys
            .iter()
            .filter_map(|k| find_key(self.text, k, start))
            .max()
        {
            self.cursor = self.cursor.max(last + 1);
        }
    }

    /// Reads one node written at `line`; `None` after recording its errors.
    fn node(&mut self, raw: &RawNode, line: u32) -> Option<Node> {
        let group = raw.all.is_some() || raw.pick.is_some() || raw.of.is_some();
        let requirement = raw.issuer.is_some()
            || raw.achievement.is_some()
            || raw.alignment.is_some()
            || raw.achievement_type.is_some();
        if group && requirement {
            self.error(
                line,
                "a group (`all`, or `pick` with `of`) cannot also be a requirement (`issuer`, `achievement`…)".into(),
                "put the requirement inside the group's list",
            );
            return None;
        }
        if group {
            return self.group(raw, line).map(Node::Group);
        }
        self.requirement(raw, line).map(Node::Requirement)
    }

    fn group(&mut self, raw: &RawNode, line: u32) -> Option<Group> {
        let (need, list) = match (&raw.all, raw.pick, &raw.of) {
            (Some(list), None, None) => (Need::All, list),
            (None, Some(n), Some(list)) => (Need::Pick(n), list),
            _ => {
                self.error(
                    line,
                    "a group has either `all: [...]` or `pick: N` with `of: [...]`".into(),
                    "`all` needs every item; `pick: 2` with `of` needs any two",
                );
                return None;
            }
        };
        let mut ok = true;
        if list.is_empty() {
            self.error(
                line,
                "this group is empty".into(),
                "list at least one requirement",
            );
            ok = false;
        }
        if let Need::Pick(n) = need
            && (n == 0 || n > list.len())
        {
            self.error(
                line,
                format!("`pick: {n}` of a list of {}", list.len()),
                "pick at least 1 and at most as many as the list holds",
            );
            ok = false;
        }
        // Past the key that opens the list, so a child's keys are looked for below it.
        self.locate(&[if need == Need::All { "all" } else { "of" }]);
        let mut children = Vec::new();
        for child in list {
            let keys = present_keys(child);
            let child_line = self.locate(&keys);
            if child.all.is_none() && child.of.is_none() {
                self.skip_past(&keys);
            }
            match self.node(child, child_line) {
                Some(c) => children.push(c),
                None => ok = false,
            }
        }
        ok.then(|| Group {
            name: raw.name.clone(),
            need,
            children,
            line,
        })
    }

    fn requirement(&mut self, raw: &RawNode, line: u32) -> Option<Requirement> {
        self.requirements += 1;
        if self.requirements > MAX_REQUIREMENTS {
            // Reported once, at the first requirement over the limit.
            if self.requirements == MAX_REQUIREMENTS + 1 {
                self.error(
                    line,
                    format!("more than {MAX_REQUIREMENTS} requirements"),
                    "a pathway lists the credentials of one qualification; split a larger one",
                );
            }
            return None;
        }
        let Some(issuer) = &raw.issuer else {
            self.error(
                line,
                "this requirement names no `issuer`".into(),
                "every requirement names its issuer: a set from `issuers:`, an issuer id, or a list",
            );
            return None;
        };
        let named = [
            raw.achievement.is_some(),
            raw.alignment.is_some(),
            raw.achievement_type.is_some(),
            raw.part_of.is_some(),
        ];
        if named.iter().filter(|&&b| b).count() > 1 {
            self.error(
                line,
                "a requirement names at most one of `achievement`, `alignment`, `achievement_type`, `part_of`"
                    .into(),
                "split it into two requirements in a group",
            );
            return None;
        }
        let (issuers, labels) = self.issuers(issuer, line)?;
        if issuers.is_empty() {
            self.error(
                line,
                "the issuer list is empty".into(),
                "name at least one issuer",
            );
            return None;
        }
        self.mentions += issuers.len();
        if self.mentions > MAX_ISSUER_MENTIONS {
            self.error(
                line,
                format!(
                    "the requirements name more than {MAX_ISSUER_MENTIONS} issuer ids in all"
                ),
                "name each issuer once in a set, and keep sets to the issuers that award these credentials",
            );
            self.requirements = MAX_REQUIREMENTS + 2; // no further requirement is read
            return None;
        }
        let matcher = matcher(raw);
        Some(Requirement {
            name: raw.name.clone(),
            issuers,
            issuer_label: labels.join(" or "),
            matcher,
            line,
        })
    }

    /// `credits:` checked: a positive amount in a unit folio counts, the issuers and
    /// alignment it may come from, and a conversion from hours when declared.
    fn credits(&mut self, raw: &RawCredits) -> Option<super::Credits> {
        self.cursor = 0;
        let line = self.locate(&["credits"]);
        let Some(unit) = crate::badge::facts::Unit::parse(&raw.unit) else {
            self.error(
                line,
                format!("`credits.unit` `{}` is not a unit folio counts", raw.unit),
                "write `unit: ECTS`, `unit: credit hours` or `unit: hours`",
            );
            return None;
        };
        if !(raw.at_least.is_finite() && raw.at_least > 0.0) {
            self.error(
                line,
                "`credits.at_least` must be a number above 0".into(),
                "like `at_least: 30`",
            );
            return None;
        }
        let hours_per_unit = match raw.hours_per_unit {
            Some(h) if unit == crate::badge::facts::Unit::Hours => {
                self.error(line, format!("`credits.hours_per_unit` ({h}) converts hours into another unit, but the unit is hours"), "remove `hours_per_unit`");
                return None;
            }
            Some(h) if !(h.is_finite() && h > 0.0) => {
                self.error(
                    line,
                    "`credits.hours_per_unit` must be a number above 0".into(),
                    "like `hours_per_unit: 25` (25 to 30 hours make one ECTS credit)",
                );
                return None;
            }
            other => other,
        };
        let (issuers, label) = match &raw.issuer {
            Some(i) => {
                let (ids, labels) = self.issuers(i, line)?;
                (Some(ids), Some(labels.join(", ")))
            }
            None => (None, None),
        };
        Some(super::Credits {
            at_least: raw.at_least,
            unit,
            issuers,
            issuer_label: label,
            alignment: raw.alignment.as_ref().map(|a| Matcher::Alignment {
                code: a.code.clone(),
                framework: a.framework.clone(),
                url: a.url.clone(),
            }),
            hours_per_unit,
            line,
        })
    }

    /// The issuer ids a requirement accepts (sets expanded; one set is shared, not
    /// copied) and how the page names them.
    fn issuers(&mut self, issuer: &OneOrMany, line: u32) -> Option<(Arc<[String]>, Vec<String>)> {
        let mut issuers = Vec::new();
        let mut labels = Vec::new();
        let items = issuer.items();
        // One set: its shared list, not a copy.
        let single = match items.as_slice() {
            [one] => self.shared.get(one).cloned(),
            _ => None,
        };
        for item in items.into_iter().filter(|_| single.is_none()) {
            match self.sets.get(&item) {
                Some(ids) => {
                    issuers.extend(ids.items());
                    labels.push(item);
                }
                // An id is written with its scheme (`https://…`, `did:web:…`).
                None if item.contains(':') => {
                    issuers.push(item.clone());
                    labels.push(item);
                }
                None => {
                    let known: Vec<&str> = self.sets.keys().map(String::as_str).collect();
                    let hint = match crate::error::suggest(&item, known.iter().copied()) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None if known.is_empty() => {
                            "define it under `issuers:`, or write the issuer's id".into()
                        }
                        None => format!("issuer sets in this file: {}", known.join(", ")),
                    };
                    self.error(line, format!("unknown issuer set `{item}`"), &hint);
                    return None;
                }
            }
        }
        let issuers: Arc<[String]> = match single {
            Some(set) => {
                labels.extend(issuer.items());
                set
            }
            None => {
                issuers.sort();
                issuers.dedup();
                issuers.into()
            }
        };
        Some((issuers, labels))
    }
}

/// What a requirement matches on: at most one of achievement, alignment, type, part of.
fn matcher(raw: &RawNode) -> Matcher {
    if let Some(id) = &raw.achievement {
        Matcher::Achievement { id: id.clone() }
    } else if let Some(a) = &raw.alignment {
        Matcher::Alignment {
            code: a.code.clone(),
            framework: a.framework.clone(),
            url: a.url.clone(),
        }
    } else if let Some(t) = &raw.achievement_type {
        Matcher::AchievementType {
            achievement_type: t.clone(),
        }
    } else if let Some(id) = &raw.part_of {
        Matcher::PartOf { id: id.clone() }
    } else {
        Matcher::Any
    }
}

/// The keys a node has, so its position can be found whatever their order.
fn present_keys(raw: &RawNode) -> Vec<&'static str> {
    let present = [
        raw.name.is_some(),
        raw.all.is_some(),
        raw.pick.is_some(),
        raw.of.is_some(),
        raw.achievement.is_some(),
        raw.alignment.is_some(),
        raw.achievement_type.is_some(),
        raw.part_of.is_some(),
        raw.issuer.is_some(),
    ];
    NODE_KEYS
        .iter()
        .zip(present)
        .filter(|(_, p)| *p)
        .map(|(k, _)| *k)
        .collect()
}

/// The offset of `key:` written as a key (after a space, `{`, `,`, `-` or at a line
/// start) at or after `from`.
fn find_key(text: &str, key: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = text.get(at..)?.find(key) {
        let start = at + i;
        let end = start + key.len();
        let before_ok = start == 0
            || matches!(
                text.as_bytes()[start - 1],
                b' ' | b'\t' | b'\n' | b'{' | b',' | b'-' | b'"' | b'\''
            );
        let after = text[end..].trim_start_matches(['"', '\'']);
        if before_ok && after.trim_start_matches([' ', '\t']).starts_with(':') {
            return Some(start);
        }
        at = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "pathway: 1
id: https://careers.example.edu/pathways/data-analyst
name: Data Analyst
issuers:
  uni: [https://example.edu/issuers/565049, did:web:badges.example.edu]
  partners: [https://partner.example.org/issuer]
completion: { achievement: https://example.edu/achievements/data-analyst, issuer: uni }
requires:
  all:
    - name: Core
      all:
        - { achievement: https://example.edu/achievements/sql-101, issuer: uni }
    - name: Electives
      pick: 1
      of:
        - { alignment: { code: S1.2.3, framework: ESCO }, issuer: [uni, partners] }
        - { achievement_type: MicroCredential, issuer: partners }
";

    #[test]
    fn reads_the_tree() {
        let p = parse("p.yaml", GOOD.as_bytes()).unwrap();
        assert_eq!(p.name, "Data Analyst");
        assert_eq!(p.requires.children.len(), 2);
        let Node::Group(electives) = &p.requires.children[1] else {
            panic!()
        };
        assert_eq!(electives.need, Need::Pick(1));
        assert_eq!(electives.line, 13);
        let Node::Requirement(r) = &electives.children[0] else {
            panic!()
        };
        assert_eq!(r.line, 16);
        assert_eq!(r.issuers.len(), 3);
        assert_eq!(r.issuer_label, "uni or partners");
        assert_eq!(p.completion.unwrap().line, 7);
        assert_eq!(p.sha256.len(), 64);
    }

    #[track_caller]
    fn error_of(text: &str) -> String {
        let e = parse("p.yaml", text.as_bytes()).unwrap_err();
        let mut out = String::new();
        for e in e.flatten() {
            out.push_str(&e.to_string());
            if let Some(h) = e.hint() {
                out.push_str(&format!(" [{h}]"));
            }
            out.push('\n');
        }
        out
    }

    #[test]
    fn errors_name_the_line() {
        let e = error_of(&GOOD.replace("issuer: partners }", "issuer: partner }"));
        assert!(
            e.contains("p.yaml:17: unknown issuer set `partner` [did you mean `partners`?]"),
            "{e}"
        );
        let e = error_of(&GOOD.replace("pick: 1", "pick: 3"));
        assert!(e.contains("p.yaml:13: `pick: 3` of a list of 2"), "{e}");
        let e = error_of(&GOOD.replace("achievement_type: Micro", "achievment_type: Micro"));
        assert!(e.contains("p.yaml:17"), "{e}");
        assert!(e.contains("unknown field `achievment_type`"), "{e}");
        assert!(e.contains("did you mean `achievement_type`?"), "{e}");
        let e = error_of(&GOOD.replace(
            "      all:\n        - { achievement: https://example.edu/achievements/sql-101, issuer: uni }\n",
            "      all: []\n",
        ));
        assert!(e.contains("p.yaml:10: this group is empty"), "{e}");
        let e = error_of(&GOOD.replace("pathway: 1", "pathway: 2"));
        assert!(e.contains("p.yaml:1: pathway format version 2"), "{e}");
    }
}
