//! The languages of a multilingual site as pages see them: which page exists in
//! which language, for `<link rel="alternate" hreflang>` (both ways, plus
//! `x-default`), the language switcher (the same page in another language, else that
//! language's home) and the sitemaps' alternates.
//!
//! A page's identity across languages is its path inside its language's tree:
//! `about/` is `/about/` in the default language and `/fr/about/` in French, as
//! `about.md` and `about.fr.md` are named.

use std::collections::HashSet;

use serde::Serialize;

use crate::site::Site;

/// One language's tree.
#[derive(Debug, Clone)]
pub struct Tree {
    pub tag: String,
    /// `""` for the default language, `fr/` for another.
    pub prefix: String,
    /// Paths inside the tree (`""` for its home, `about/`, `badges/x/`).
    pub paths: HashSet<String>,
}

/// Every tree of the site, the default language first.
#[derive(Debug, Clone, Default)]
pub struct Languages {
    pub trees: Vec<Tree>,
    pub base_path: String,
    pub base_url: String,
}

/// Another version of the page, for templates: `alternates` (the versions that exist)
/// and `languages` (the switcher: every language, each to its version or its home).
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Alternate {
    pub lang: String,
    /// The language's name in itself ("Deutsch", "العربية"), for the switcher.
    pub name: String,
    pub url: String,
    pub permalink: String,
    /// This page's own language.
    pub current: bool,
    /// The page exists in this language (else `url` is that language's home).
    pub exists: bool,
}

/// The paths a site's tree produces, without its prefix.
pub fn paths_of(site: &Site, prefix: &str) -> HashSet<String> {
    let strip = |p: &str| p.strip_prefix(prefix).unwrap_or(p).to_string();
    let content = &site.content;
    let mut paths: HashSet<String> = content
        .pages
        .iter()
        .map(|p| strip(&p.path))
        .chain(content.sections.iter().map(|s| strip(&s.path)))
        .collect();
    if !site.badges.list.is_empty() {
        paths.insert("badges/".into());
        paths.extend(
            site.badges
                .list
                .iter()
                .map(|b| format!("badges/{}/", b.slug)),
        );
    }
    if !site.pathways.is_empty() {
        paths.insert("pathways/".into());
        paths.extend(
            site.pathways
                .iter()
                .map(|p| format!("pathways/{}/", p.slug)),
        );
    }
    if super::outputs::has_skills(site) {
        paths.insert("skills/".into());
    }
    paths
}

impl Languages {
    pub fn is_multilingual(&self) -> bool {
        self.trees.len() > 1
    }

    /// The versions of the page written to `out` (`fr/about/index.html`), in site
    /// order; empty for a one-language site or a file that is not a page.
    pub fn alternates(&self, out: &str) -> Vec<Alternate> {
        if !self.is_multilingual() {
            return Vec::new();
        }
        let Some(dir) = out.strip_suffix("index.html") else {
            return Vec::new();
        };
        // The tree this file belongs to: the longest prefix that matches.
        let own = self
            .trees
            .iter()
            .filter(|t| dir.starts_with(&t.prefix))
            .max_by_key(|t| t.prefix.len());
        let Some(own) = own else {
            return Vec::new();
        };
        let inner = &dir[own.prefix.len()..];
        self.trees
            .iter()
            .map(|t| {
                let exists = t.paths.contains(inner);
                let path = if exists {
                    format!("{}{inner}", t.prefix)
                } else {
                    t.prefix.clone()
                };
                Alternate {
                    lang: t.tag.clone(),
                    name: native_name(&t.tag),
                    url: format!("{}{path}", self.base_path),
                    permalink: format!("{}{path}", self.base_url),
                    current: t.prefix == own.prefix,
                    exists,
                }
            })
            .collect()
    }

    /// A fingerprint of every tree's pages: a translation added or removed changes
    /// every page's alternates.
    pub fn fingerprint(&self) -> u64 {
        let mut trees: Vec<(&str, Vec<&String>)> = self
            .trees
            .iter()
            .map(|t| {
                let mut paths: Vec<&String> = t.paths.iter().collect();
                paths.sort();
                (t.tag.as_str(), paths)
            })
            .collect();
        trees.sort();
        crate::cache::fingerprint(&[&trees])
    }
}

/// A language's name in that language, for the switcher; the tag itself when folio
/// does not know it.
pub fn native_name(tag: &str) -> String {
    let name = match crate::i18n::primary(tag).as_str() {
        "en" => "English",
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        "pt" => "Português",
        "nl" => "Nederlands",
        "ar" => "العربية",
        "it" => "Italiano",
        "pl" => "Polski",
        "tr" => "Türkçe",
        "uk" => "Українська",
        "ja" => "日本語",
        "zh" => "中文",
        _ => return tag.to_string(),
    };
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Languages {
        let tree = |tag: &str, prefix: &str, paths: &[&str]| Tree {
            tag: tag.into(),
            prefix: prefix.into(),
            paths: paths.iter().map(|p| p.to_string()).collect(),
        };
        Languages {
            trees: vec![
                tree("en", "", &["", "about/", "cv/"]),
                tree("fr", "fr/", &["", "about/"]),
            ],
            base_path: "/p/".into(),
            base_url: "https://x.example/p/".into(),
        }
    }

    #[test]
    fn a_translated_page_points_at_its_twin_and_an_untranslated_one_at_home() {
        let l = langs();
        let about = l.alternates("fr/about/index.html");
        assert_eq!(about[0].url, "/p/about/");
        assert_eq!(about[1].url, "/p/fr/about/");
        assert!(about[1].current && about[0].exists);
        let cv = l.alternates("cv/index.html");
        assert_eq!(cv[1].url, "/p/fr/");
        assert!(!cv[1].exists && cv[0].current);
        assert!(l.alternates("css/folio.css").is_empty());
    }
}
