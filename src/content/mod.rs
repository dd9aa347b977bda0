//! Loading `content/`: every markdown file becomes a [`Page`], every `_index.md` a
//! [`Section`], with URLs decided before any markdown is rendered so that links
//! between pages can be resolved (and broken ones reported) in one pass.
//!
//! Files are read and rendered in parallel; errors from all files are collected and
//! reported together rather than stopping at the first.

pub mod front_matter;
pub mod highlight;
mod listing;
pub mod markdown;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rayon::prelude::*;
use serde::Serialize;

use crate::cache::{Memo, fingerprint, memoised};
use crate::config::Config;
use crate::error::{Error, Location, Result};
use front_matter::FrontMatter;
use markdown::{Heading, Links};

pub const CONTENT_DIR: &str = "content";
const INDEX_FILE: &str = "_index.md";
const WORDS_PER_MINUTE: usize = 200;

#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// The file, relative to the portfolio root (`content/projects/foo.md`).
    pub source: String,
    /// The key of the section the page is listed in (`""` for the home page's).
    pub section: String,
    pub slug: String,
    /// Output path relative to the site root, ending in `/` (`projects/foo/`).
    pub path: String,
    /// Site-absolute URL including the base path (`/repo/projects/foo/`).
    pub url: String,
    /// Full URL including the host, for canonical links and feeds.
    pub permalink: String,
    pub title: String,
    pub date: Option<String>,
    pub summary: String,
    pub tags: Vec<String>,
    pub skills: Vec<String>,
    pub draft: bool,
    pub weight: Option<i64>,
    pub template: Option<String>,
    pub image: Option<String>,
    pub links: BTreeMap<String, String>,
    pub badges: Vec<String>,
    pub extra: BTreeMap<String, serde_yaml::Value>,
    pub content: std::sync::Arc<str>,
    pub toc: Vec<Heading>,
    pub word_count: usize,
    pub reading_time: usize,
    /// The language of the page's text (its tree's, or its front matter's), and
    /// its direction (`ltr`, `rtl`) for `<html dir>`.
    pub language: String,
    pub direction: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Folder relative to `content/` (`""` for the home page, `projects`).
    pub key: String,
    pub source: Option<String>,
    pub path: String,
    pub url: String,
    pub permalink: String,
    pub title: String,
    pub summary: String,
    pub template: Option<String>,
    pub weight: Option<i64>,
    pub extra: BTreeMap<String, serde_yaml::Value>,
    pub content: std::sync::Arc<str>,
    /// Indices into [`Content::pages`], in listing order.
    #[serde(skip)]
    pub pages: Vec<usize>,
    /// Keys of the sections directly below this one.
    pub subsections: Vec<String>,
    pub language: String,
    pub direction: &'static str,
}

#[derive(Debug, Default)]
pub struct Content {
    pub pages: Vec<Page>,
    /// Sorted by key, so the home section (`""`) comes first.
    pub sections: Vec<Section>,
    /// Problems that do not stop the build (a misspelt front-matter key), by file.
    pub warnings: Vec<String>,
    /// Links to `.md` files that are not pages: errors, reported with the build's
    /// broken links.
    pub missing_pages: Vec<MissingPageLink>,
}

/// A markdown link to a page that does not exist, and where it is.
#[derive(Debug)]
pub struct MissingPageLink {
    /// The file holding the link (`content/about.md`).
    pub source: String,
    /// The link as written, and so as it appears in the output.
    pub link: String,
    pub error: Error,
}

impl Content {
    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections
            .binary_search_by(|s| s.key.as_str().cmp(key))
            .ok()
            .map(|i| &self.sections[i])
    }
}

/// What `serve` keeps between rebuilds for content: each file as read (reused while
/// its size and modification time are unchanged) and its rendered markdown.
#[derive(Default)]
pub struct Memos {
    pub markdown: Memo<markdown::Rendered>,
    entries: Memo<Option<Entry>>,
    /// The files of the last walk, and what `serve`'s watcher reported since.
    pub listing: listing::Listing,
}

/// One markdown file after its front matter is read, before rendering.
#[derive(Clone)]
struct Entry {
    /// Relative to `content/`, with `/` separators.
    rel: String,
    /// The file as its default-language twin is named (`about.fr.md` → `about.md`),
    /// and the language its name gives (`None`: the site's default).
    base_rel: String,
    language: Option<String>,
    shown: PathBuf,
    is_index: bool,
    fm: FrontMatter,
    /// The file's text, kept only by `serve` (whose memo reuses it); a build reads the
    /// file again when it renders it, so 10,000 pages' text is never held at once.
    text: Option<std::sync::Arc<str>>,
    body_start: usize,
    body_line: u32,
    path: String,
    /// Fingerprint of the file's size and modification time (0 without a cache).
    stamp: u64,
}

/// Reads and renders every page under `ROOT/content`.
/// Long because its stages (read entries, claim URLs, render, attach to sections)
/// share the entry list and collect every error before failing.
/// Every markdown file under `content/`, read (in parallel, or as memoised by
/// `serve` while unchanged); drafts and skipped files are left out.
fn read_entries(config: &Config, dir: &Path, memos: Option<&Memos>) -> Result<Vec<Entry>> {
    // `serve` knows which files its watcher reported; the others are as read before.
    let (files, dirty) = match memos.and_then(|m| m.listing.current(dir)) {
        Some(listing::Files { all, dirty }) => (all, Some(dirty)),
        None => {
            let files = markdown_files(dir)?;
            if let Some(m) = memos {
                m.listing.walked(&files);
            }
            (files, None)
        }
    };
    let unchanged = |rel: &String| dirty.as_ref().is_some_and(|d| !d.contains(rel));
    let results: Vec<Result<Option<Entry>>> = files
        .par_iter()
        .map(|rel| match memos {
            Some(m)
                if unchanged(rel)
                    && let Some(entry) = m.entries.last(rel) =>
            {
                Ok(entry)
            }
            // Unchanged size and time: the file as read last time, without reading or
            // parsing it again (a serve rebuild touches every file otherwise).
            Some(m) => match file_stamp(&dir.join(rel)) {
                Some(stamp) => m.entries.get_or(rel, stamp, || {
                    read_entry(config, dir, rel, true).map(|e| e.map(|e| Entry { stamp, ..e }))
                }),
                None => read_entry(config, dir, rel, true),
            },
            None => read_entry(config, dir, rel, false),
        })
        .collect();
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(Some(e)) => entries.push(e),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    if let (false, Some(m)) = (errors.is_empty(), memos) {
        // A file that failed keeps its last good reading in the memo: the next build
        // must look at every file again, not take that reading as current.
        m.listing.changed(None);
    }
    Error::from_list(errors)?;
    Ok(entries)
}

/// Pages apart from sections, with every link to a missing page; the errors of all
/// that could not be made.
fn sorted_out(
    made: Vec<Result<(Made, Vec<MissingPageLink>)>>,
) -> Result<(Vec<Page>, Vec<Section>, Vec<MissingPageLink>)> {
    let mut pages = Vec::new();
    let mut sections = Vec::new();
    let mut missing_pages = Vec::new();
    let mut errors = Vec::new();
    for result in made {
        match result {
            Ok((made, missing)) => {
                missing_pages.extend(missing);
                match made {
                    Made::Page(page) => pages.push(page),
                    Made::Section(section) => sections.push(section),
                }
            }
            Err(e) => errors.push(e),
        }
    }
    Error::from_list(errors)?;
    Ok((pages, sections, missing_pages))
}

/// Two files claiming one URL are an error naming both.
fn one_file_per_url(entries: &[Entry]) -> Result<()> {
    let mut errors = Vec::new();
    let mut claimed: HashMap<&str, &Entry> = HashMap::new();
    for e in entries {
        if let Some(other) = claimed.insert(&e.path, e) {
            let (first, second) = if other.rel < e.rel {
                (other, e)
            } else {
                (e, other)
            };
            errors.push(
                Error::content(
                    Location::file(&second.shown),
                    format!(
                        "this file and {} both claim the URL /{}",
                        first.shown.display(),
                        first.path
                    ),
                )
                .with_hint("rename one of them, or move the page into the section's folder"),
            );
        }
    }
    Error::from_list(errors)
}

pub fn load(
    config: &Config,
    memos: Option<&Memos>,
    (images, code): (&crate::images::variants::Catalog, Option<&highlight::Store>),
) -> Result<Content> {
    let cache = memos.map(|m| &m.markdown);
    let dir = config.root.join(CONTENT_DIR);
    if !dir.is_dir() {
        return Err(Error::content(
            Location::file(&dir),
            "no content folder: folio needs `content/` with at least `_index.md`",
        )
        .with_hint("create content/_index.md for your home page, or run `folio init`"));
    }
    let (entries, urls) = tree_entries(config, read_entries(config, &dir, memos)?);
    let mut warnings: Vec<String> = entries
        .iter()
        .flat_map(|e| e.fm.warnings.iter().cloned())
        .collect();

    // Decide every URL before rendering, so links can be checked.
    one_file_per_url(&entries)?;
    let links = Links {
        pages: &urls,
        base_path: &config.base_path,
        images,
        code,
    };

    // A page's HTML depends on its text and on where every other page lives.
    let mut sorted_urls: Vec<_> = urls.iter().collect();
    sorted_urls.sort();
    // …and on the site's images (an edited photo has a new name for its copies).
    let image_key: Vec<(&String, &String, u32, u32)> = images
        .sources
        .values()
        .map(|s| (&s.path, &s.hash, s.width, s.height))
        .collect();
    let links_key = fingerprint(&[&sorted_urls, &image_key]);
    let rendered: Vec<_> = entries
        .par_iter()
        .map(|e| {
            let reread;
            let body = match &e.text {
                Some(text) => &text[e.body_start..],
                None => {
                    reread = read_body(&dir, e)?;
                    &reread.0[reread.1..]
                }
            };
            memoised(
                cache,
                &e.rel,
                // The file's stamp stands for its text (read again when it changes);
                // without one, the text itself.
                || {
                    let text = match e.stamp {
                        0 => fingerprint(&[&body]),
                        stamp => stamp,
                    };
                    fingerprint(&[&links_key, &text, &e.body_line, &e.shown])
                },
                || Ok::<_, Error>(markdown::render(&e.rel, body, e.body_line, &links)),
            )
        })
        .collect();
    warnings.extend(plain_code_warnings(&entries, &rendered));
    // Made in parallel: ten thousand pages' strings are a few milliseconds' work.
    let made: Vec<Result<(Made, Vec<MissingPageLink>)>> = entries
        .into_par_iter()
        .zip(rendered)
        // Only a file that vanished between reading and rendering fails here.
        .map(|(entry, result)| {
            let r = result?;
            let source = format!("{CONTENT_DIR}/{}", entry.rel);
            let missing = r
                .missing_pages
                .iter()
                .map(|m| MissingPageLink {
                    source: source.clone(),
                    link: m.link.clone(),
                    error: m.to_error(&entry.shown),
                })
                .collect();
            let made = match entry.is_index {
                true => Made::Section(make_section(config, entry, r)),
                false => Made::Page(make_page(config, entry, r)),
            };
            Ok((made, missing))
        })
        .collect();
    let (mut pages, mut sections, missing_pages) = sorted_out(made)?;
    if !sections.iter().any(|s: &Section| s.key.is_empty()) {
        sections.push(empty_home(config));
    }
    sections.sort_by(|a, b| a.key.cmp(&b.key));
    attach(&mut sections, &mut pages);
    Ok(Content {
        pages,
        sections,
        warnings,
        missing_pages,
    })
}

/// A warning per code block shown plain because highlighting ran over its bounds,
/// naming its file and line.
fn plain_code_warnings<R: std::borrow::Borrow<markdown::Rendered>>(
    entries: &[Entry],
    rendered: &[Result<R>],
) -> Vec<String> {
    let mut out = Vec::new();
    for (entry, r) in entries.iter().zip(rendered) {
        if let Ok(r) = r {
            for (line, why) in &r.borrow().plain_code {
                out.push(format!("{}:{line}: {why}", entry.shown.display()));
            }
        }
    }
    out
}

/// The entries of the tree `config` builds, and where every page a link may name
/// lives: the same language's page where there is one, else the default language's.
fn tree_entries(config: &Config, all: Vec<Entry>) -> (Vec<Entry>, HashMap<String, String>) {
    let mut urls: HashMap<String, String> = HashMap::with_capacity(all.len() + 1);
    for e in all.iter().filter(|e| e.language.is_none()) {
        urls.insert(e.rel.clone(), format!("{}{}", config.base_path, e.path));
    }
    let tree = tree_language(config);
    let entries: Vec<Entry> = all.into_iter().filter(|e| e.language == tree).collect();
    // The default language's tree is what the loop above already mapped (its files
    // are named as they are, at the site's root).
    if tree.is_none() {
        return (entries, urls);
    }
    for e in &entries {
        let url = format!("{}{}{}", config.base_path, config.lang_prefix, e.path);
        urls.insert(e.base_rel.clone(), url.clone());
        urls.insert(e.rel.clone(), url);
    }
    (entries, urls)
}

/// The language of a page's text: its front matter's, else its tree's.
fn text_language(config: &Config, fm: &FrontMatter) -> String {
    fm.language
        .clone()
        .unwrap_or_else(|| config.language.clone())
}

/// The language of the tree `config` builds: `None` for the default language (files
/// without a language in their name), else its tag.
fn tree_language(config: &Config) -> Option<String> {
    (!config.lang_prefix.is_empty()).then(|| config.language.clone())
}

/// `about.fr.md` → (`about.md`, `fr`) when `fr` is one of the site's other
/// languages; any other name is the default language's as it is.
fn split_language(config: &Config, rel: &str) -> (String, Option<String>) {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    if let Some((base, tag)) = stem.rsplit_once('.')
        && !base.ends_with('/')
        && !base.is_empty()
        && let Some(lang) = config.languages[1..]
            .iter()
            .find(|l| l.eq_ignore_ascii_case(tag))
    {
        return (format!("{base}.md"), Some(lang.clone()));
    }
    (rel.to_string(), None)
}

/// A content file made into what it is.
enum Made {
    Page(Page),
    Section(Section),
}

/// Markdown files under `dir`, relative and `/`-separated, in a stable order. Hidden
/// files and editor leftovers (`.#x.md`, `x.md~`) are skipped.
fn markdown_files(dir: &Path) -> Result<Vec<String>> {
    Ok(crate::util::fs::files_under(dir)?
        .into_iter()
        .map(|(rel, _)| rel)
        .filter(|rel| rel.ends_with(".md"))
        .collect())
}

/// Size and modification time of a file, fingerprinted; `None` when unreadable.
fn file_stamp(path: &std::path::Path) -> Option<u64> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?;
    Some(fingerprint(&[&meta.len(), &modified]))
}

/// A file's text again, and where its body starts (for a build, which does not keep
/// the text between reading the front matter and rendering).
fn read_body(dir: &Path, e: &Entry) -> Result<(String, usize)> {
    let text = crate::util::fs::read_text(&dir.join(&e.rel), &e.shown)?;
    let body = front_matter::split(&e.shown, &text)?.body.len();
    let start = text.len() - body;
    Ok((text, start))
}

fn read_entry(config: &Config, dir: &Path, rel: &str, keep_text: bool) -> Result<Option<Entry>> {
    let shown = config.shown(Path::new(CONTENT_DIR).join(rel));
    let text = crate::util::fs::read_text(&dir.join(rel), &shown)?;
    let split = front_matter::split(&shown, &text)?;
    let mut fm = match split.yaml {
        Some(yaml) => front_matter::parse(&shown, yaml, 2)?,
        None => FrontMatter::default(),
    };
    if split.yaml.is_none()
        && let Some(line) = front_matter::missing_fence(split.body)
    {
        fm.warnings.push(format!(
            "{}:{line}: this looks like front matter without its opening `---`, so it is shown as text: add a line `---` above it",
            shown.display()
        ));
    }
    if fm.draft && !config.drafts {
        return Ok(None);
    }
    let (base_rel, language) = split_language(config, rel);
    let (folder, file) = base_rel.rsplit_once('/').unwrap_or(("", base_rel.as_str()));
    let is_index = file == INDEX_FILE;
    let path = if is_index {
        if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        }
    } else {
        let stem = file.trim_end_matches(".md");
        let slug = match markdown::slugify(stem) {
            s if s.is_empty() => stem.to_string(),
            s => s,
        };
        if folder.is_empty() {
            format!("{slug}/")
        } else {
            format!("{folder}/{slug}/")
        }
    };
    let body_start = text.len() - split.body.len();
    let body_line = split.body_line;
    Ok(Some(Entry {
        rel: rel.to_string(),
        base_rel: base_rel.clone(),
        language,
        shown,
        is_index,
        fm,
        body_start,
        body_line,
        text: keep_text.then(|| std::sync::Arc::from(text)),
        path,
        stamp: 0,
    }))
}

fn make_page(config: &Config, e: Entry, r: markdown::Rendered) -> Page {
    let folder = e
        .base_rel
        .rsplit_once('/')
        .map_or("", |(d, _)| d)
        .to_string();
    let slug = e
        .path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_string();
    let title =
        e.fm.title
            .clone()
            .or_else(|| r.headings.first().map(|h| h.title.clone()))
            .unwrap_or_else(|| slug.replace('-', " "));
    let summary =
        e.fm.summary
            .clone()
            .unwrap_or_else(|| shorten(&r.first_paragraph));
    let path = format!("{}{}", config.lang_prefix, e.path);
    let language = text_language(config, &e.fm);
    Page {
        source: format!("{CONTENT_DIR}/{}", e.rel),
        section: folder,
        slug,
        url: format!("{}{path}", config.base_path),
        permalink: format!("{}{path}", config.base_url),
        path,
        direction: crate::i18n::direction(&language),
        language,
        title,
        date: e.fm.date,
        summary,
        tags: e.fm.tags,
        skills: e.fm.skills,
        draft: e.fm.draft,
        weight: e.fm.weight,
        template: e.fm.template,
        image: e.fm.image,
        links: e.fm.links,
        badges: e.fm.badges,
        extra: e.fm.extra,
        content: r.html,
        toc: r.headings,
        reading_time: r.word_count.div_ceil(WORDS_PER_MINUTE).max(1),
        word_count: r.word_count,
    }
}

fn make_section(config: &Config, e: Entry, r: markdown::Rendered) -> Section {
    let key = e.path.trim_end_matches('/').to_string();
    let title = e.fm.title.clone().unwrap_or_else(|| {
        if key.is_empty() {
            config.title.clone()
        } else {
            titlecase(key.rsplit('/').next().unwrap_or(&key))
        }
    });
    let path = format!("{}{}", config.lang_prefix, e.path);
    let language = text_language(config, &e.fm);
    Section {
        source: Some(format!("{CONTENT_DIR}/{}", e.rel)),
        url: format!("{}{path}", config.base_path),
        permalink: format!("{}{path}", config.base_url),
        path,
        direction: crate::i18n::direction(&language),
        language,
        key,
        title,
        summary: e.fm.summary.unwrap_or_else(|| shorten(&r.first_paragraph)),
        template: e.fm.template,
        weight: e.fm.weight,
        extra: e.fm.extra,
        content: r.html,
        pages: Vec::new(),
        subsections: Vec::new(),
    }
}

fn empty_home(config: &Config) -> Section {
    Section {
        key: String::new(),
        source: None,
        path: config.lang_prefix.clone(),
        url: format!("{}{}", config.base_path, config.lang_prefix),
        permalink: format!("{}{}", config.base_url, config.lang_prefix),
        language: config.language.clone(),
        direction: crate::i18n::direction(&config.language),
        title: config.title.clone(),
        summary: String::new(),
        template: None,
        weight: None,
        extra: BTreeMap::new(),
        content: "".into(),
        pages: Vec::new(),
        subsections: Vec::new(),
    }
}

/// Files each page under the nearest section above it, sorts each listing, and links
/// sections to their subsections. `sections` is sorted by key.
fn attach(sections: &mut [Section], pages: &mut [Page]) {
    let index: HashMap<String, usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key.clone(), i))
        .collect();
    let nearest = |folder: &str| -> (String, usize) {
        let mut f = folder;
        loop {
            if let Some(&i) = index.get(f) {
                return (f.to_string(), i);
            }
            f = f.rsplit_once('/').map_or("", |(d, _)| d);
        }
    };
    for (pi, page) in pages.iter_mut().enumerate() {
        let (key, si) = nearest(&page.section);
        page.section = key;
        sections[si].pages.push(pi);
    }
    // Dates parsed once, not in every comparison.
    let dates: Vec<Option<NaiveDateTime>> = pages
        .iter()
        .map(|p| p.date.as_deref().and_then(parse_date))
        .collect();
    for s in sections.iter_mut() {
        s.pages
            .sort_by(|&a, &b| order((&pages[a], dates[a]), (&pages[b], dates[b])));
    }
    for i in 0..sections.len() {
        let key = sections[i].key.clone();
        if key.is_empty() {
            continue;
        }
        let parent = key.rsplit_once('/').map_or("", |(d, _)| d);
        let (_, pi) = nearest(parent);
        sections[pi].subsections.push(key);
    }
    let weights: HashMap<String, (Option<i64>, String)> = sections
        .iter()
        .map(|s| (s.key.clone(), (s.weight, s.title.clone())))
        .collect();
    for s in sections.iter_mut() {
        s.subsections.sort_by(|a, b| {
            let (wa, ta) = &weights[a];
            let (wb, tb) = &weights[b];
            cmp_weight(*wa, *wb).then_with(|| ta.cmp(tb))
        });
    }
}

/// Newest first; undated pages after dated ones; then by weight, then title.
pub fn page_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    let date = |p: &Page| p.date.as_deref().and_then(parse_date);
    order((a, date(a)), (b, date(b)))
}

/// [`page_order`] with each page's date already parsed.
fn order(
    (a, da): (&Page, Option<NaiveDateTime>),
    (b, db): (&Page, Option<NaiveDateTime>),
) -> std::cmp::Ordering {
    db.cmp(&da)
        .then_with(|| cmp_weight(a.weight, b.weight))
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.path.cmp(&b.path))
}

fn cmp_weight(a: Option<i64>, b: Option<i64>) -> std::cmp::Ordering {
    a.unwrap_or(i64::MAX).cmp(&b.unwrap_or(i64::MAX))
}

/// Parses a front-matter date: `YYYY-MM-DD`, RFC 3339, or `YYYY-MM-DD HH:MM:SS`.
pub fn parse_date(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt.naive_utc());
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").ok()
}

/// Cuts plain text to about 200 characters at a word boundary.
fn shorten(text: &str) -> String {
    const MAX: usize = 200;
    let text = text.trim();
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

fn titlecase(word: &str) -> String {
    let word = word.replace(['-', '_'], " ");
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(parse_date("2024-05-01").is_some());
        assert!(parse_date("2024-05-01T10:00:00Z").is_some());
        assert!(parse_date("2024-05-01T10:00:00+02:00").is_some());
        assert!(parse_date("May 1").is_none());
    }

    #[test]
    fn shorten_at_word() {
        let long = "word ".repeat(100);
        let s = shorten(&long);
        assert!(s.ends_with('…'));
        assert!(s.chars().count() <= 201);
    }
}
