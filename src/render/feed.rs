//! Atom feeds (RFC 4287): one per section whose pages carry dates (a blog-like
//! "writing" section), so readers can follow what the learner publishes.

use rayon::prelude::*;
use serde::Serialize;

use crate::cache::{Memo, fingerprint, memoised};
use crate::config::Config;
use crate::content::{Content, Section, parse_date};
use crate::write::OutputFile;

/// A feed as templates see it (`site.feeds`), for `<link rel="alternate">`.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    /// The section's key (`writing`).
    pub section: String,
    pub title: String,
    /// Site-absolute URL (`/repo/writing/atom.xml`).
    pub url: String,
}

/// The file name of a section's feed inside its folder.
const FILE: &str = "atom.xml";

/// How many entries a feed carries: the newest. Readers poll feeds for what is new;
/// a section of a thousand posts would otherwise make a feed of megabytes.
pub const FEED_LIMIT: usize = 50;

/// Sections that get a feed: any but the home page with at least one dated page.
fn fed(content: &Content) -> impl ParallelIterator<Item = &Section> {
    content
        .sections
        .par_iter()
        .filter(|s| !s.key.is_empty() && has_dated_pages(content, s))
}

/// The feed of each section that has one, for templates.
pub fn feed_links(config: &Config, content: &Content) -> Vec<FeedLink> {
    fed(content)
        .map(|s| FeedLink {
            section: s.key.clone(),
            title: format!("{} — {}", config.title, s.title),
            url: format!("{}{FILE}", s.url),
        })
        .collect()
}

fn has_dated_pages(content: &Content, section: &Section) -> bool {
    section.pages.iter().any(|&i| {
        content.pages[i]
            .date
            .as_deref()
            .and_then(parse_date)
            .is_some()
    })
}

/// Renders the feed of every section [`feed_links`] lists.
pub fn feeds(config: &Config, content: &Content, memo: Option<&Memo<String>>) -> Vec<OutputFile> {
    fed(content)
        .map(|s| {
            let path = format!("{}{FILE}", s.path);
            // `serve` reuses a feed while nothing it shows changed: escaping every
            // page's body again is the costliest part of a small rebuild.
            let entries = entries(content, s);
            let key = || {
                let pages: Vec<_> = entries
                    .iter()
                    .map(|(_, p)| {
                        (
                            &p.permalink,
                            &p.title,
                            &p.date,
                            &p.tags,
                            &p.summary,
                            &p.content,
                        )
                    })
                    .collect();
                let owner = &config.owner.name;
                let site = (&config.title, &config.language, owner);
                fingerprint(&[&site, &s.permalink, &s.title, &s.summary, &pages])
            };
            let xml = memoised::<_, std::convert::Infallible>(memo, &path, key, || {
                Ok(atom(config, s, &entries))
            })
            .unwrap_or_else(|never| match never {});
            OutputFile::new(path, xml)
        })
        .collect()
}

/// A section's dated pages, newest first, at most [`FEED_LIMIT`].
fn entries<'a>(
    content: &'a Content,
    section: &Section,
) -> Vec<(chrono::NaiveDateTime, &'a crate::content::Page)> {
    let mut entries: Vec<(chrono::NaiveDateTime, &crate::content::Page)> = section
        .pages
        .iter()
        .map(|&i| &content.pages[i])
        .filter_map(|p| Some((p.date.as_deref().and_then(parse_date)?, p)))
        .collect();
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.title.cmp(&b.1.title)));
    entries.truncate(FEED_LIMIT);
    entries
}

fn atom(
    config: &Config,
    section: &Section,
    entries: &[(chrono::NaiveDateTime, &crate::content::Page)],
) -> String {
    let stamp = |d: &chrono::NaiveDateTime| d.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let updated = entries.first().map(|(d, _)| stamp(d)).unwrap_or_default();
    let author = config.owner.name.as_deref().unwrap_or(&config.title);
    let mut out = String::with_capacity(4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        esc(&config.language)
    ));
    out.push_str(&format!(
        "  <title>{}</title>\n",
        esc(&format!("{} — {}", config.title, section.title))
    ));
    if !section.summary.is_empty() {
        out.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            esc(&section.summary)
        ));
    }
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}{FILE}\"/>\n",
        esc(&section.permalink)
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        esc(&section.permalink)
    ));
    out.push_str(&format!("  <id>{}</id>\n", esc(&section.permalink)));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        esc(author)
    ));
    out.push_str(&format!(
        "  <generator version=\"{}\">folio</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    for (date, page) in entries {
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", esc(&page.title)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            esc(&page.permalink)
        ));
        out.push_str(&format!("    <id>{}</id>\n", esc(&page.permalink)));
        out.push_str(&format!("    <published>{}</published>\n", stamp(date)));
        out.push_str(&format!("    <updated>{}</updated>\n", stamp(date)));
        for tag in &page.tags {
            out.push_str(&format!("    <category term=\"{}\"/>\n", esc(tag)));
        }
        if !page.summary.is_empty() {
            out.push_str(&format!("    <summary>{}</summary>\n", esc(&page.summary)));
        }
        // xml:base makes the page's relative links and images resolve in feed readers.
        out.push_str(&format!(
            "    <content type=\"html\" xml:base=\"{}\">{}</content>\n",
            esc(&page.permalink),
            esc(&page.content)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// Escapes text for XML element content and double-quoted attributes. Copies runs of
/// plain text at once: feeds carry every page's whole body, so this is hot.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out
}
