//! How far a learner's badges go toward a pathway.
//!
//! The rules (version [`super::RULES_VERSION`]):
//! 1. Only badges whose status is `verified` count. Others that would match are listed
//!    under the requirement as "would count if verified", with the reason.
//! 2. Matching uses the credential's signed fields, and the issuer must always be one
//!    the requirement names: an achievement id, `related` id or alignment code alone
//!    can be claimed by any issuer.
//! 3. Groups are evaluated bottom-up; one badge fills at most one requirement in the
//!    whole pathway. The assignment is searched for the best outcome (completion
//!    first, then requirements met), with badges in slug order, so neither file order
//!    nor luck decides it.
//! 4. Holding the verified completion credential means "completed"; requirements met
//!    without it means "requirements met — not yet issued by …", never more.

use serde::Serialize;

use super::{Group, Matcher, Need, Node, Pathway, Requirement};
use crate::badge::Status;
use crate::badge_view::{Badge, BadgeUse};
use crate::i18n::Translator;

/// A pathway as templates and the receipt see it.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub slug: String,
    pub url: String,
    pub permalink: String,
    pub receipt_url: String,
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// The pathway file, as the portfolio names it.
    pub source: String,
    pub sha256: String,
    /// `completed`, `requirements-met` or `in-progress`.
    pub state: &'static str,
    pub state_label: String,
    /// Requirements met and needed, for "4 of 5 requirements".
    pub met: usize,
    pub total: usize,
    /// `met / total` in whole percent, for a progress bar.
    pub percent: u32,
    pub completion: Option<Completion>,
    /// The tree, flattened in reading order; `depth` 0 is the top level.
    pub rows: Vec<Row>,
    /// Learning volume required, when the pathway asks for some.
    pub credits: Option<CreditsProgress>,
}

/// "12 of 30 ECTS": what the verified badges' stated workload adds up to.
#[derive(Debug, Clone, Serialize)]
pub struct CreditsProgress {
    pub earned: f64,
    pub required: f64,
    /// `ects`, `credit_hours` or `hours`.
    pub unit: crate::badge::facts::Unit,
    /// In words: "12 of 30 ECTS".
    pub label: String,
    /// What counts, in words ("from verified badges by academy, aligned to …").
    pub rule: String,
    pub met: bool,
    /// The badges that count, each with its amount in words.
    pub counted: Vec<CreditUse>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CreditUse {
    pub badge: BadgeLink,
    pub amount: String,
    /// Set when the amount was converted from hours at the pathway's rate.
    pub converted_from: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Completion {
    /// What the issuer awards on completion, in words.
    pub description: String,
    pub issuer: String,
    /// The verified credential, when the learner holds it.
    pub badge: Option<BadgeLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Position in the tree (`1`, `2.1`): stable for themes and receipts.
    pub id: String,
    pub depth: usize,
    /// `group` or `requirement`.
    pub kind: &'static str,
    pub name: Option<String>,
    /// A group's rule or a requirement's description, in words.
    pub label: String,
    pub met: bool,
    /// For groups: requirements met and needed below it.
    pub met_count: usize,
    pub needed: usize,
    /// A requirement's test, and the issuer ids it accepts (for the receipt: enough
    /// to recompute the match from the badges' receipts).
    pub matcher: Option<Matcher>,
    pub issuers: std::sync::Arc<[String]>,
    /// The verified badge that meets a requirement.
    pub badge: Option<BadgeLink>,
    /// Badges that match but are not verified, with why.
    pub would_count: Vec<WouldCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BadgeLink {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub receipt_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct WouldCount {
    pub badge: BadgeLink,
    pub status: &'static str,
    pub status_label: String,
    pub reason: String,
}

/// The node budget of the assignment search; past it the best assignment found so
/// far stands (it is a real assignment: nothing is claimed that is not met).
const SEARCH_BUDGET: usize = 200_000;

/// The pathway's state and how its page says it: completed (the completion badge is
/// held), requirements met (not yet issued), or in progress.
fn state(
    pathway: &Pathway,
    badges: &[Badge],
    held: bool,
    complete: bool,
    tr: &Translator,
) -> (&'static str, String) {
    match (held, complete) {
        (true, _) => ("completed", tr.t("pathway-completed")),
        (false, true) => (
            "requirements-met",
            match &pathway.completion {
                Some(c) => tr.format(
                    "pathway-requirements-met-by",
                    &[("issuer", issuer_names(c, badges, tr).into())],
                ),
                None => tr.t("pathway-requirements-met"),
            },
        ),
        (false, false) => ("in-progress", tr.t("pathway-in-progress")),
    }
}

/// Evaluates `pathway` against `badges`; also returns, per badge index, the uses to
/// show on its page.
pub fn evaluate(
    pathway: &Pathway,
    badges: &[Badge],
    base_path: &str,
    base_url: &str,
    tr: &Translator,
) -> (Progress, Vec<(usize, BadgeUse)>) {
    let slug = super::slug(&pathway.id, &pathway.name);
    let url = format!("{base_path}pathways/{slug}/");
    // Badges in slug order: the search's tie-break, independent of file order.
    let mut order: Vec<usize> = (0..badges.len()).collect();
    order.sort_by(|&a, &b| badges[a].slug.cmp(&badges[b].slug));
    let verified = |i: &usize| badges[*i].status == Status::Verified.as_str();
    let asserted = asserted(badges);

    let held = pathway.completion.as_ref().and_then(|c| {
        order
            .iter()
            .copied()
            .filter(verified)
            .find(|&i| matches(c, &badges[i], &asserted))
    });

    // A completion credential does not also fill one of its own requirements.
    let candidates: Vec<Vec<usize>> = pathway
        .requires
        .leaves()
        .iter()
        .map(|r| {
            let fits = |&i: &usize| Some(i) != held && matches(r, &badges[i], &asserted);
            order
                .iter()
                .copied()
                .filter(verified)
                .filter(fits)
                .collect()
        })
        .collect();
    let assignment = best_assignment(&pathway.requires, &candidates, badges.len());

    let filled: Vec<bool> = assignment.iter().map(Option::is_some).collect();
    let walk = Walk {
        badges,
        asserted: &asserted,
        order: &order,
        assignment: &assignment,
        filled: &filled,
        pathway_name: &pathway.name,
        url: &url,
        tr,
    };
    let (rows, mut uses) = walk.rows(&pathway.requires);
    let root = score(&pathway.requires, &filled, &mut 0);
    let completion = pathway.completion.as_ref().map(|c| {
        let issuer = issuer_names(c, badges, tr);
        let description = c.describe_as(&issuer, tr);
        let badge = held.map(|i| link(&badges[i]));
        Completion {
            description,
            issuer,
            badge,
        }
    });
    if let Some(i) = held {
        uses.push((
            i,
            BadgeUse {
                pathway: pathway.name.clone(),
                url: url.clone(),
                requirement: tr.t("pathway-completes"),
                completes: true,
            },
        ));
    }
    let credits = pathway.credits.as_ref();
    let credits = credits.map(|c| credits_progress(c, badges, &order, tr));
    let complete = root.complete && credits.as_ref().is_none_or(|c| c.met);
    let (state, state_label) = state(pathway, badges, held.is_some(), complete, tr);
    let (met, total) = counts(root, held.is_some(), credits.as_ref());
    let progress = Progress {
        permalink: format!("{base_url}pathways/{slug}/"),
        receipt_url: format!("{url}progress.json"),
        slug,
        url,
        id: pathway.id.clone(),
        name: pathway.name.clone(),
        description: pathway.description.clone(),
        source: pathway.source.clone(),
        sha256: pathway.sha256.clone(),
        state,
        state_label,
        met,
        total,
        percent: (met * 100).checked_div(total).unwrap_or(0) as u32,
        completion,
        rows,
        credits,
    };
    (progress, uses)
}

/// Requirements met and needed, for "4 of 5": the credits count as one requirement
/// more, and holding the completion credential meets them all.
fn counts(root: Score, held: bool, credits: Option<&CreditsProgress>) -> (usize, usize) {
    let total = root.needed + usize::from(credits.is_some());
    match held {
        true => (total, total),
        false => (
            root.met + usize::from(credits.is_some_and(|c| c.met)),
            total,
        ),
    }
}

/// What the verified badges' stated workload adds up to in the pathway's unit (only
/// badges from its issuers and with its alignment, when it names them). An amount in
/// another unit never counts, except hours at the file's declared `hours_per_unit`.
fn credits_progress(
    want: &super::Credits,
    badges: &[Badge],
    order: &[usize],
    tr: &Translator,
) -> CreditsProgress {
    use crate::facts_view::{amount, rounded};
    let mut earned = 0.0;
    let mut counted = Vec::new();
    for &i in order {
        let b = &badges[i];
        if b.status != Status::Verified.as_str() {
            continue;
        }
        let from_issuer = want.issuers.as_ref().is_none_or(|ids| {
            b.issuer
                .id
                .as_ref()
                .is_some_and(|id| ids.iter().any(|i| i == id))
        });
        let aligned = want.alignment.as_ref().is_none_or(|m| aligned_to(m, b));
        let Some(stated) = b.facts.as_ref().and_then(|f| f.data.workload.stated()) else {
            continue;
        };
        if !from_issuer || !aligned {
            continue;
        }
        let direct = stated.iter().find(|a| a.unit == want.unit);
        let hours = stated
            .iter()
            .find(|a| a.unit == crate::badge::facts::Unit::Hours);
        let (value, converted_from) = match (direct, hours, want.hours_per_unit) {
            (Some(a), _, _) => (a.value, None),
            (None, Some(h), Some(rate)) => (h.value / rate, Some(amount(h.value, h.unit, tr))),
            _ => continue,
        };
        earned += value;
        counted.push(CreditUse {
            badge: link(b),
            amount: amount(value, want.unit, tr),
            converted_from,
        });
    }
    let earned = rounded(earned);
    let unit_words = amount(want.at_least, want.unit, tr);
    let mut rule = match &want.issuer_label {
        Some(issuers) => tr.format(
            "credits-rule-issuer",
            &[("issuer", issuers.as_str().into())],
        ),
        None => tr.t("credits-rule"),
    };
    if let Some(Matcher::Alignment { code, .. }) = &want.alignment {
        rule = format!(
            "{rule} {}",
            tr.format("credits-rule-aligned", &[("code", code.as_str().into())])
        );
    }
    if let Some(rate) = want.hours_per_unit {
        rule = format!(
            "{rule} {}",
            tr.format(
                "credits-rule-rate",
                &[
                    ("hours", crate::i18n::Arg::Number(rate)),
                    ("unit", amount(1.0, want.unit, tr).into())
                ]
            )
        );
    }
    CreditsProgress {
        earned,
        required: want.at_least,
        unit: want.unit,
        label: tr.format(
            "credits-progress",
            &[
                ("earned", crate::i18n::Arg::Number(earned)),
                ("required", unit_words.into()),
            ],
        ),
        rule,
        met: earned + 1e-9 >= want.at_least,
        counted,
    }
}

/// Whether the badge carries the alignment `m` names (its code, and framework and
/// URL when given), as its issuer signed it.
fn aligned_to(m: &Matcher, b: &Badge) -> bool {
    let Matcher::Alignment {
        code,
        framework,
        url,
    } = m
    else {
        return false;
    };
    b.credential.alignments.iter().any(|a| {
        a.code.as_deref() == Some(code.as_str())
            && framework
                .as_deref()
                .is_none_or(|f| a.framework.as_deref() == Some(f))
            && url.as_deref().is_none_or(|u| a.url.as_deref() == Some(u))
    })
}

/// What verified CLR transcripts assert: (the CLR's issuer, association).
type Asserted<'a> = [(&'a str, &'a crate::badge::clr::Association)];

/// The associations of every verified CLR transcript among `badges`.
fn asserted(badges: &[Badge]) -> Vec<(&str, &crate::badge::clr::Association)> {
    badges
        .iter()
        .filter(|b| b.status == Status::Verified.as_str())
        .filter_map(|b| Some((b.issuer.id.as_deref()?, &b.asserted)))
        .flat_map(|(issuer, list)| list.iter().map(move |a| (issuer, a)))
        .collect()
}

/// Whether `badge`'s signed fields meet `req`. The issuer always has to match; for
/// `part_of`, the transcript's issuer too.
fn matches(req: &Requirement, badge: &Badge, asserted: &Asserted) -> bool {
    let Some(issuer) = &badge.issuer.id else {
        return false;
    };
    if !req.issuers.iter().any(|i| i == issuer) {
        return false;
    }
    let c = &badge.credential;
    match &req.matcher {
        Matcher::Achievement { id } => {
            c.achievement_id.as_deref() == Some(id.as_str()) || c.related.iter().any(|r| r == id)
        }
        Matcher::Alignment { .. } => aligned_to(&req.matcher, badge),
        Matcher::AchievementType { achievement_type } => {
            c.achievement_type.as_deref() == Some(achievement_type.as_str())
        }
        Matcher::PartOf { id } => {
            let Some(achievement) = c.achievement_id.as_deref() else {
                return false;
            };
            asserted.iter().any(|(by, a)| {
                matches!(a.kind.as_str(), "isChildOf" | "isPartOf")
                    && a.source == achievement
                    && a.target == *id
                    && req.issuers.iter().any(|i| i == by)
            })
        }
        Matcher::Any => true,
    }
}

/// A node's outcome: complete, and requirements met of those needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Score {
    complete: bool,
    met: usize,
    needed: usize,
}

/// Scores `group` with the leaves (in reading order, from `*next`) filled as given.
fn score(group: &Group, filled: &[bool], next: &mut usize) -> Score {
    let children: Vec<Score> = group
        .children
        .iter()
        .map(|c| match c {
            Node::Group(g) => score(g, filled, next),
            Node::Requirement(_) => {
                let f = filled[*next];
                *next += 1;
                Score {
                    complete: f,
                    met: usize::from(f),
                    needed: 1,
                }
            }
        })
        .collect();
    match group.need {
        Need::All => Score {
            complete: children.iter().all(|s| s.complete),
            met: children.iter().map(|s| s.met.min(s.needed)).sum(),
            needed: children.iter().map(|s| s.needed).sum(),
        },
        Need::Pick(n) => {
            let mut needs: Vec<usize> = children.iter().map(|s| s.needed).collect();
            needs.sort_unstable();
            let needed: usize = needs.iter().take(n).sum();
            let complete = children.iter().filter(|s| s.complete).count() >= n;
            // The n children furthest along, complete ones first.
            let mut best: Vec<&Score> = children.iter().collect();
            best.sort_by_key(|s| std::cmp::Reverse((s.complete, s.met)));
            let toward: usize = best.iter().take(n).map(|s| s.met.min(s.needed)).sum();
            Score {
                complete,
                met: if complete {
                    needed
                } else {
                    toward.min(needed.saturating_sub(1))
                },
                needed,
            }
        }
    }
}

/// The assignment of badges to leaves (each badge at most once) that scores best:
/// complete first, then most requirements met, then most leaves filled.
fn best_assignment(root: &Group, candidates: &[Vec<usize>], badges: usize) -> Vec<Option<usize>> {
    /// Complete, requirements met, leaves filled: compared in that order.
    type Key = (bool, usize, usize);
    struct Search<'a> {
        root: &'a Group,
        candidates: &'a [Vec<usize>],
        used: Vec<bool>,
        current: Vec<Option<usize>>,
        best: Option<(Key, Vec<Option<usize>>)>,
        budget: usize,
    }
    impl Search<'_> {
        fn key(&self, filled: &[bool]) -> Key {
            let s = score(self.root, filled, &mut 0);
            (s.complete, s.met, filled.iter().filter(|&&f| f).count())
        }

        fn run(&mut self, i: usize) {
            if self.budget == 0 {
                return;
            }
            self.budget -= 1;
            if i == self.candidates.len() {
                let filled: Vec<bool> = self.current.iter().map(Option::is_some).collect();
                let key = self.key(&filled);
                if self.best.as_ref().is_none_or(|(b, _)| key > *b) {
                    self.best = Some((key, self.current.clone()));
                }
                return;
            }
            // Prune: even filling every later leaf that has a free candidate cannot beat
            // the best found.
            if let Some((best, _)) = &self.best {
                let optimistic: Vec<bool> = (0..self.candidates.len())
                    .map(|j| {
                        if j < i {
                            self.current[j].is_some()
                        } else {
                            self.candidates[j].iter().any(|&b| !self.used[b])
                        }
                    })
                    .collect();
                if self.key(&optimistic) <= *best {
                    return;
                }
            }
            for k in 0..self.candidates[i].len() {
                let b = self.candidates[i][k];
                if self.used[b] {
                    continue;
                }
                self.used[b] = true;
                self.current[i] = Some(b);
                self.run(i + 1);
                self.used[b] = false;
                self.current[i] = None;
            }
            self.run(i + 1);
        }
    }
    let mut search = Search {
        root,
        candidates,
        used: vec![false; badges],
        current: vec![None; candidates.len()],
        best: None,
        budget: SEARCH_BUDGET,
    };
    search.run(0);
    search
        .best
        .map(|(_, a)| a)
        .unwrap_or_else(|| vec![None; candidates.len()])
}

/// What flattening reads.
struct Walk<'a> {
    badges: &'a [Badge],
    asserted: &'a Asserted<'a>,
    order: &'a [usize],
    assignment: &'a [Option<usize>],
    /// Which leaves have a badge (`assignment`, as scores read it).
    filled: &'a [bool],
    pathway_name: &'a str,
    url: &'a str,
    tr: &'a Translator,
}

impl Walk<'_> {
    /// The requirement rows of `requires` in tree order, and the badges' uses.
    fn rows(&self, requires: &Group) -> (Vec<Row>, Vec<(usize, BadgeUse)>) {
        let (mut rows, mut uses, mut leaf) = (Vec::new(), Vec::new(), 0);
        let mut out = Flat {
            rows: &mut rows,
            uses: &mut uses,
            leaf: &mut leaf,
        };
        flatten(requires, self, &mut out, "", 0);
        (rows, uses)
    }
}

/// What flattening writes.
struct Flat<'a> {
    rows: &'a mut Vec<Row>,
    uses: &'a mut Vec<(usize, BadgeUse)>,
    leaf: &'a mut usize,
}

fn flatten(group: &Group, walk: &Walk, out: &mut Flat, prefix: &str, depth: usize) {
    for (n, child) in group.children.iter().enumerate() {
        let id = if prefix.is_empty() {
            format!("{}", n + 1)
        } else {
            format!("{prefix}.{}", n + 1)
        };
        match child {
            Node::Group(g) => {
                let mut at = *out.leaf;
                let s = score(g, walk.filled, &mut at);
                let of = g.children.len();
                out.rows.push(Row {
                    id: id.clone(),
                    depth,
                    kind: "group",
                    name: g.name.clone(),
                    label: match g.need {
                        Need::Pick(k) if k != of => walk
                            .tr
                            .format("group-any", &[("pick", k.into()), ("count", of.into())]),
                        _ => walk.tr.format("group-all", &[("count", of.into())]),
                    },
                    met: s.complete,
                    met_count: s.met,
                    needed: s.needed,
                    matcher: None,
                    issuers: std::sync::Arc::from(Vec::new()),
                    badge: None,
                    would_count: Vec::new(),
                });
                flatten(g, walk, out, &id, depth + 1);
            }
            Node::Requirement(r) => {
                let assigned = walk.assignment[*out.leaf];
                *out.leaf += 1;
                if let Some(i) = assigned {
                    out.uses.push((
                        i,
                        BadgeUse {
                            pathway: walk.pathway_name.to_string(),
                            url: walk.url.to_string(),
                            requirement: r.name.clone().unwrap_or_else(|| {
                                r.describe_as(&issuer_names(r, walk.badges, walk.tr), walk.tr)
                            }),
                            completes: false,
                        },
                    ));
                }
                let would_count = match assigned {
                    Some(_) => Vec::new(),
                    None => walk
                        .order
                        .iter()
                        .map(|&i| &walk.badges[i])
                        .filter(|b| {
                            b.status != Status::Verified.as_str() && matches(r, b, walk.asserted)
                        })
                        .map(|b| WouldCount {
                            badge: link(b),
                            status: b.status,
                            status_label: b.status_label.clone(),
                            reason: b.status_reason.clone(),
                        })
                        .collect(),
                };
                out.rows.push(Row {
                    id,
                    depth,
                    kind: "requirement",
                    name: r.name.clone(),
                    label: r.describe_as(&issuer_names(r, walk.badges, walk.tr), walk.tr),
                    met: assigned.is_some(),
                    met_count: usize::from(assigned.is_some()),
                    needed: 1,
                    matcher: Some(r.matcher.clone()),
                    issuers: r.issuers.clone(),
                    badge: assigned.map(|i| link(&walk.badges[i])),
                    would_count,
                });
            }
        }
    }
}

/// The issuers of a requirement as the learner's badges name them (the trusted or
/// registry name, else the name an authentic badge gives); the set's key when none
/// of the learner's badges is from them.
fn issuer_names(r: &super::Requirement, badges: &[Badge], tr: &Translator) -> String {
    let mut names: Vec<String> = Vec::new();
    for b in badges {
        let authentic = matches!(b.status, "verified" | "expired" | "revoked");
        if let Some(id) = &b.issuer.id
            && authentic
            && r.issuers.iter().any(|i| i == id)
            && let Some(name) = b
                .issuer
                .trusted_as
                .clone()
                .or_else(|| b.issuer.name.clone())
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    names
        .into_iter()
        .reduce(|first, second| {
            tr.format(
                "issuers-or",
                &[("first", first.into()), ("second", second.into())],
            )
        })
        .unwrap_or_else(|| r.issuer_label.clone())
}

fn link(b: &Badge) -> BadgeLink {
    BadgeLink {
        name: b.name.clone(),
        slug: b.slug.clone(),
        url: b.url.clone(),
        receipt_url: b.receipt_url.clone(),
    }
}
