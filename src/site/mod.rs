//! The site model templates see: pages and sections, the badges, and the skills page
//! that joins them. Built once per build from the earlier stages' values.

pub mod badges;
pub mod recheck;
pub mod recipient;
pub mod redact;
pub mod sanitize;
pub mod svg;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::badge::Status;
use crate::badge_view::PageRef;
use crate::content::Content;
use crate::error::{Error, Location, Result};
use badges::Badges;

pub struct Site {
    pub content: Content,
    pub badges: Badges,
    pub skills: Skills,
    /// Progress on each pathway the learner follows, in folio.yaml's order.
    pub pathways: Vec<crate::pathway::Progress>,
}

impl Site {
    /// Evaluates `pathways` against the badges, and tells each badge which pathways
    /// it counts toward.
    pub fn follow(
        &mut self,
        pathways: &[crate::pathway::Pathway],
        base_path: &str,
        base_url: &str,
        tr: &crate::i18n::Translator,
    ) {
        for p in pathways {
            let (progress, uses) =
                crate::pathway::evaluate(p, &self.badges.list, base_path, base_url, tr);
            for (i, used) in uses {
                self.badges.list[i].pathways.push(used);
            }
            self.pathways.push(progress);
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BadgeRef {
    pub name: String,
    pub url: String,
    pub slug: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Skill {
    pub name: String,
    pub slug: String,
    /// Verified badges that attest the skill.
    pub badges: Vec<BadgeRef>,
    /// Pages (projects) that list the skill in their front matter.
    pub pages: Vec<PageRef>,
    /// The learning volume of the verified badges that attest it, per unit, in words
    /// ("17 ECTS · 40 hours"); none when none of them states one.
    pub credits: Option<String>,
}

/// Skills backed by at least one verified badge, kept apart from those only the
/// learner asserts (listed on pages, or attested only by badges that did not verify).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Skills {
    pub backed: Vec<Skill>,
    pub self_asserted: Vec<Skill>,
}

/// What the verified badges attesting `skill` add up to, each unit apart (units are
/// never added to one another).
fn skill_credits(skill: &Skill, badges: &Badges, tr: &crate::i18n::Translator) -> Option<String> {
    let mut totals: BTreeMap<crate::badge::facts::Unit, f64> = BTreeMap::new();
    for r in &skill.badges {
        let Some(b) = badges.list.iter().find(|b| b.slug == r.slug) else {
            continue;
        };
        let stated = b.facts.as_ref().and_then(|f| f.data.workload.stated());
        for a in stated.into_iter().flatten() {
            *totals.entry(a.unit).or_default() += a.value;
        }
    }
    let words: Vec<String> = totals
        .into_iter()
        .map(|(unit, value)| crate::facts_view::amount(value, unit, tr))
        .collect();
    (!words.is_empty()).then(|| words.join(" · "))
}

/// Joins content and badges: resolves the badges pages cite and builds the skills.
pub fn join(content: Content, mut badges: Badges, tr: &crate::i18n::Translator) -> Result<Site> {
    let mut errors = Vec::new();
    for page in &content.pages {
        for cited in &page.badges {
            let found = badges.list.iter_mut().find(|b| {
                &b.slug == cited
                    || b.file == *cited
                    || b.file
                        .rsplit_once('.')
                        .is_some_and(|(stem, _)| stem == cited)
                    || b.credential_id.as_deref() == Some(cited.as_str())
            });
            match found {
                Some(b) => b.cited_by.push(PageRef {
                    title: page.title.clone(),
                    url: page.url.clone(),
                }),
                None if badges.unpublished.iter().any(|u| u == cited) => {}
                None => errors.push(
                    Error::content(
                        Location::file(&page.source),
                        format!("cites badge `{cited}`, which is not in the badges folder"),
                    )
                    .with_hint("use the badge file's name without its extension, e.g. `badges: [aws-cloud]`"),
                ),
            }
        }
    }
    Error::from_list(errors)?;
    let skills = skills(&content, &badges, tr);
    Ok(Site {
        content,
        badges,
        skills,
        pathways: Vec::new(),
    })
}

fn skills(content: &Content, badges: &Badges, tr: &crate::i18n::Translator) -> Skills {
    // Keyed case-insensitively; shown as first written.
    let mut map: BTreeMap<String, Skill> = BTreeMap::new();
    fn entry<'m>(map: &'m mut BTreeMap<String, Skill>, name: &str) -> Option<&'m mut Skill> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        Some(map.entry(name.to_lowercase()).or_insert_with(|| Skill {
            name: name.to_string(),
            slug: crate::content::markdown::slugify(name),
            badges: Vec::new(),
            pages: Vec::new(),
            credits: None,
        }))
    }
    for b in badges
        .list
        .iter()
        .filter(|b| b.status == Status::Verified.as_str())
    {
        for s in b.skills() {
            if let Some(skill) = entry(&mut map, &s)
                && !skill.badges.iter().any(|r| r.slug == b.slug)
            {
                skill.badges.push(BadgeRef {
                    name: b.name.clone(),
                    url: b.url.clone(),
                    slug: b.slug.clone(),
                });
            }
        }
    }
    for p in &content.pages {
        for s in &p.skills {
            if let Some(skill) = entry(&mut map, s) {
                skill.pages.push(PageRef {
                    title: p.title.clone(),
                    url: p.url.clone(),
                });
            }
        }
    }
    for skill in map.values_mut() {
        skill.credits = skill_credits(skill, badges, tr);
    }
    let (backed, self_asserted) = map.into_values().partition(|s| !s.badges.is_empty());
    Skills {
        backed,
        self_asserted,
    }
}
