//! Markdown to HTML with pulldown-cmark, plus the two things a portfolio needs on top:
//! links between `.md` files become site URLs (a broken one is an error naming both
//! files and the line), and every heading gets a stable `id` for anchors.

use std::collections::HashMap;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

use crate::error::{Error, Location};
use crate::util::url::{has_scheme, normalise};

/// What the rest of the pipeline needs from one rendered markdown body.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Rendered {
    /// Shared, not copied, between `serve`'s memo and the page that shows it.
    pub html: std::sync::Arc<str>,
    /// Plain text of the first paragraph, for listings when no `summary` is given.
    pub first_paragraph: String,
    pub headings: Vec<Heading>,
    pub word_count: usize,
    /// Links to `.md` files that are not pages. The link is left as written, and the
    /// build reports these with every other broken link, so one missing page does not
    /// hide the rest.
    pub missing_pages: Vec<MissingPage>,
    /// Code blocks shown plain because highlighting ran over its bounds: the line
    /// each starts on, and why.
    pub plain_code: Vec<(u32, String)>,
}

/// A link from markdown to a page that does not exist.
#[derive(Debug, Clone, Serialize)]
pub struct MissingPage {
    /// The file line of the link.
    pub line: u32,
    /// The link as written (`../projects/gone.md`).
    pub link: String,
    pub msg: String,
}

impl MissingPage {
    pub fn to_error(&self, shown: &Path) -> Error {
        Error::content(Location::line(shown, self.line), self.msg.clone()).with_hint(LINK_HINT)
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// How links inside content resolve.
pub struct Links<'a> {
    /// Content-relative source path (`projects/foo.md`) to site URL (`/base/projects/foo/`).
    pub pages: &'a HashMap<String, String>,
    /// The base URL's path, `/` or `/repo/`; root-relative links get it prefixed.
    pub base_path: &'a str,
    /// The site's raster images: an image of the page that is one of them becomes a
    /// `<picture>` of its web-sized copies.
    pub images: &'a crate::images::variants::Catalog,
    /// Highlighted code kept between builds, when the build has the store.
    pub code: Option<&'a super::highlight::Store>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// One event as folio writes it: links resolved (a link to a missing page recorded
/// with its line), images under the base path, code blocks focusable, task boxes
/// labelled; every other event as it is.
fn rewritten<'a>(
    event: Event<'a>,
    rel: &str,
    links: &Links,
    line: impl Fn() -> u32,
    missing_pages: &mut Vec<MissingPage>,
) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => match resolve(rel, &dest_url, links) {
            Ok(url) => Event::Start(Tag::Link {
                link_type,
                dest_url: url.map_or(dest_url, CowStr::from),
                title,
                id,
            }),
            Err(msg) => {
                missing_pages.push(MissingPage {
                    line: line(),
                    link: dest_url.to_string(),
                    msg,
                });
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
        },
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: prefix_root_relative(&dest_url, links.base_path)
                .map_or(dest_url, CowStr::from),
            title,
            id,
        }),
        // A task-list box is read out with its state, not as an unlabelled control.
        Event::TaskListMarker(done) => Event::InlineHtml(
            if done {
                r#"<input type="checkbox" disabled checked aria-label="done"> "#
            } else {
                r#"<input type="checkbox" disabled aria-label="to do"> "#
            }
            .into(),
        ),
        other => other,
    }
}

/// Gives each heading its id: the author's (`{#id}`), else one made from its text
/// that no other heading has. Done once every heading is known, so a generated id
/// never takes one the author gives later (`{#results-1}`).
fn assign_heading_ids(
    headings: &mut [Heading],
    heading_events: &[usize],
    events: &mut [Event],
    ids: &mut IdAllocator,
) {
    for (heading, &start) in headings.iter_mut().zip(heading_events) {
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[start] {
            heading.id = match id {
                Some(given) => given.to_string(),
                None => ids.claim(&heading.id),
            };
            *id = Some(heading.id.clone().into());
        }
    }
}

/// Renders `body` (which starts on 0-based file line `body_line`) of the content file
/// `rel`, in one pass over the parser's events: heading ids, the first paragraph and
/// the word count share state across it.
pub fn render(rel: &str, body: &str, body_line: u32, links: &Links) -> Rendered {
    // CommonMark: a NUL character is replaced by U+FFFD, never passed through.
    let body: std::borrow::Cow<str> = if body.contains('\0') {
        body.replace('\0', "\u{FFFD}").into()
    } else {
        body.into()
    };
    let body = body.as_ref();
    let mut missing_pages = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut ids = IdAllocator::default();
    let mut headings: Vec<Heading> = Vec::new();
    // Index in `events` of each heading's start, in the order of `headings`.
    let mut heading_events: Vec<usize> = Vec::new();
    let mut first_paragraph = String::new();
    let mut in_first_paragraph = false;
    let mut seen_paragraph = false;
    let mut word_count = 0;
    // Index in `events` of the heading being collected, and its text so far.
    let mut open_heading: Option<(usize, String)> = None;

    let mut whole = Whole::new(links);
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        // Only a bad link needs its line; counting for every event would be quadratic.
        let line = || body_line + 1 + body[..range.start].matches('\n').count() as u32;
        let event = match whole.take(event, &mut word_count, &line) {
            Taken::Inside => continue,
            Taken::Made(html) => html,
            Taken::Not(event) => rewritten(event, rel, links, line, &mut missing_pages),
        };
        let event = match event {
            Event::Start(Tag::Heading { .. }) => {
                open_heading = Some((events.len(), String::new()));
                event
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, text)) = open_heading.take()
                    && let Event::Start(Tag::Heading { id, .. }) = &events[start]
                {
                    // Ids are handed out once every heading is known, so a generated
                    // id never takes one the author gives later (`{#results-1}`).
                    if let Some(given) = id {
                        ids.reserve(given);
                    }
                    heading_events.push(start);
                    headings.push(Heading {
                        level: level as u8,
                        id: slugify(&text),
                        title: text.trim().to_string(),
                    });
                }
                event
            }
            Event::Start(Tag::Paragraph) if !seen_paragraph => {
                seen_paragraph = true;
                in_first_paragraph = true;
                event
            }
            Event::End(TagEnd::Paragraph) => {
                in_first_paragraph = false;
                event
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                word_count += t.split_whitespace().count();
                if let Some((_, text)) = &mut open_heading {
                    text.push_str(t);
                }
                if in_first_paragraph {
                    first_paragraph.push_str(t);
                }
                event
            }
            Event::SoftBreak if in_first_paragraph => {
                first_paragraph.push(' ');
                event
            }
            other => other,
        };
        events.push(event);
    }

    assign_heading_ids(&mut headings, &heading_events, &mut events, &mut ids);
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Rendered {
        html: out.into(),
        first_paragraph,
        headings,
        word_count,
        missing_pages,
        plain_code: whole.plain_code,
    }
}

/// Code blocks and the site's images are written whole, from the events inside
/// them: code highlighted as a block (a string may span lines), an image as the
/// `<picture>` of its web-sized copies.
struct Whole<'l> {
    links: &'l Links<'l>,
    /// A code block being collected: its info string and text.
    code: Option<(String, String)>,
    /// An image of the site's being collected: its source and alt text.
    picture: Option<(&'l crate::images::variants::Source, String)>,
    /// Images the page has shown (the first is not lazy: it is likely in view).
    images: usize,
    /// The line the code block being collected starts on.
    code_line: u32,
    /// Code blocks shown plain because highlighting ran over its bounds: their
    /// lines and why.
    plain_code: Vec<(u32, String)>,
}

enum Taken<'a> {
    /// Part of a code block or image: written with it.
    Inside,
    /// The code block or image, written.
    Made(Event<'a>),
    /// Anything else, for the usual rewriting.
    Not(Event<'a>),
}

impl<'l> Whole<'l> {
    fn new(links: &'l Links<'l>) -> Self {
        Whole {
            links,
            code: None,
            picture: None,
            images: 0,
            code_line: 0,
            plain_code: Vec::new(),
        }
    }

    fn take<'a>(
        &mut self,
        event: Event<'a>,
        words: &mut usize,
        line: &dyn Fn() -> u32,
    ) -> Taken<'a> {
        let images = self.links.images;
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                self.code = Some((info_string(&kind), String::new()));
                self.code_line = line();
                Taken::Inside
            }
            Event::Text(t) if self.code.is_some() => {
                *words += t.split_whitespace().count();
                if let Some((_, text)) = &mut self.code {
                    text.push_str(&t);
                }
                Taken::Inside
            }
            Event::End(TagEnd::CodeBlock) => {
                let (info, text) = self.code.take().unwrap_or_default();
                let (html, why) = match self.links.code {
                    Some(store) => {
                        let (html, why) = store.block(&info, &text);
                        (html.to_string(), why.map(|w| w.to_string()))
                    }
                    None => super::highlight::block(&info, &text),
                };
                if let Some(why) = why {
                    self.plain_code.push((self.code_line, why));
                }
                Taken::Made(Event::Html(html.into()))
            }
            Event::Start(Tag::Image { ref dest_url, .. }) if images.find(dest_url).is_some() => {
                self.picture = images.find(dest_url).map(|s| (s, String::new()));
                Taken::Inside
            }
            Event::Text(t) | Event::Code(t) if self.picture.is_some() => {
                if let Some((_, alt)) = &mut self.picture {
                    alt.push_str(&t);
                }
                Taken::Inside
            }
            Event::End(TagEnd::Image) if self.picture.is_some() => {
                let (source, alt) = self.picture.take().expect("checked above");
                self.images += 1;
                let sizes = crate::images::variants::DEFAULT_SIZES;
                let html = images.picture(source, &alt, sizes, self.images == 1, "");
                Taken::Made(Event::InlineHtml(html.into()))
            }
            other => Taken::Not(other),
        }
    }
}

/// A code block's info string (`python,linenos`); none for an indented block.
fn info_string(kind: &pulldown_cmark::CodeBlockKind) -> String {
    match kind {
        pulldown_cmark::CodeBlockKind::Fenced(info) => info.to_string(),
        pulldown_cmark::CodeBlockKind::Indented => String::new(),
    }
}

const LINK_HINT: &str = "links to pages are relative to this file, e.g. `../projects/foo.md`";

/// Resolves a link destination. `Ok(None)` leaves it as written; `Ok(Some)` replaces it.
fn resolve(rel: &str, dest: &str, links: &Links) -> Result<Option<String>, String> {
    if dest.is_empty() || dest.starts_with('#') || has_scheme(dest) || dest.starts_with("//") {
        return Ok(None);
    }
    let (path, fragment) = match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    if !path.ends_with(".md") {
        return Ok(prefix_root_relative(dest, links.base_path));
    }
    let target = if let Some(from_root) = path.strip_prefix('/') {
        normalise(&format!("/{from_root}"))
    } else {
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
        normalise(&format!("/{dir}/{path}"))
    }
    // Content-relative: `projects/foo.md`.
    .map(|p| p.trim_start_matches('/').to_string());
    let target = target.ok_or_else(|| format!("link `{dest}` leaves the content folder"))?;
    match links.pages.get(&target) {
        Some(url) => Ok(Some(format!("{url}{fragment}"))),
        None => Err(format!(
            "link to missing page `{dest}` (looked for content/{target})"
        )),
    }
}

/// `/images/a.png` under base path `/repo/` becomes `/repo/images/a.png`.
pub fn prefix_root_relative(dest: &str, base_path: &str) -> Option<String> {
    match dest.strip_prefix('/') {
        Some(rest) if !dest.starts_with("//") && base_path != "/" => {
            if dest.starts_with(base_path) {
                None
            } else {
                Some(format!("{base_path}{rest}"))
            }
        }
        _ => None,
    }
}

/// Lower-case ASCII letters, digits and non-ASCII letters, joined by single hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if hyphen && !slug.is_empty() {
                slug.push('-');
            }
            hyphen = false;
            slug.extend(c.to_lowercase());
        } else if !matches!(c, '\'' | '’') {
            hyphen = true;
        }
    }
    slug
}

/// Hands out heading ids, suffixing `-1`, `-2`… so repeated headings stay unique and
/// never take an id the author gave a heading.
#[derive(Default)]
struct IdAllocator {
    used: std::collections::HashSet<String>,
}

impl IdAllocator {
    fn reserve(&mut self, id: &str) {
        self.used.insert(id.to_string());
    }

    fn claim(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "section" } else { wanted };
        let id = std::iter::once(base.to_string())
            .chain((1..).map(|n| format!("{base}-{n}")))
            .find(|id| !self.used.contains(id))
            .expect("an unused id exists");
        self.used.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(md: &str, expect: &str) {
        let pages: HashMap<String, String> = [
            (
                "projects/foo.md".to_string(),
                "/base/projects/foo/".to_string(),
            ),
            ("about.md".to_string(), "/base/about/".to_string()),
        ]
        .into();
        let links = Links {
            images: &crate::images::variants::Catalog::default(),
            code: None,
            pages: &pages,
            base_path: "/base/",
        };
        let out = render("projects/bar.md", md, 0, &links);
        assert!(out.missing_pages.is_empty(), "{:?}", out.missing_pages);
        assert!(out.html.contains(expect), "{}", out.html);
    }

    #[test]
    fn features() {
        check("| a | b |\n|---|---|\n| 1 | 2 |\n", "<table>");
        check("x[^1]\n\n[^1]: note\n", "footnote-definition");
        check("~~gone~~", "<del>gone</del>");
        check("- [x] done\n", "checkbox");
        check("\"quoted\"", "“quoted”");
    }

    #[test]
    fn heading_ids_unique() {
        check(
            "## Hello, World\n\n## Hello, World\n",
            "<h2 id=\"hello-world-1\">",
        );
        check("## Custom {#mine}\n", "<h2 id=\"mine\">");
    }

    #[test]
    fn md_links_resolve() {
        check("[f](foo.md)", "href=\"/base/projects/foo/\"");
        check("[f](../about.md#me)", "href=\"/base/about/#me\"");
        check("[f](/about.md)", "href=\"/base/about/\"");
        check("[f](/files/cv.pdf)", "href=\"/base/files/cv.pdf\"");
        check("![i](/images/a.png)", "src=\"/base/images/a.png\"");
        check("[f](https://x.org/a.md)", "href=\"https://x.org/a.md\"");
    }

    #[test]
    fn missing_link_names_line() {
        let pages = HashMap::new();
        let links = Links {
            images: &crate::images::variants::Catalog::default(),
            code: None,
            pages: &pages,
            base_path: "/",
        };
        let rendered = render("a.md", "hi\n\n[x](gone.md)\n", 4, &links);
        assert!(
            rendered.html.contains(r#"href="gone.md""#),
            "left as written"
        );
        assert_eq!(rendered.missing_pages.len(), 1);
        let msg = rendered.missing_pages[0]
            .to_error(Path::new("c/a.md"))
            .to_string();
        assert!(msg.starts_with("c/a.md:7: "), "{msg}");
        assert!(msg.contains("gone.md"), "{msg}");
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(slugify("  Ada's  notes "), "adas-notes");
        assert_eq!(slugify("Café Über"), "café-über");
    }
}
