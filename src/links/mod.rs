//! The internal link checker, run over the rendered site before anything is written.
//!
//! Every URL in the output that points inside the site must resolve to a file in it:
//! `href`, `src`, `srcset` and `poster` attributes, Open Graph URLs, strings in JSON-LD
//! structured data, CSS `url()` and `@import`, sitemap and feed links, and the
//! `Sitemap:` line of robots.txt. A `#fragment` must name an `id` in the target page.
//! URLs are resolved the way a browser would on the published site, so a root-relative
//! link that forgets the `base_url` path prefix (the classic GitHub project-pages bug)
//! is caught here, not by a visitor.

use std::collections::{BTreeMap, HashMap, HashSet};

use html5gum::Tokenizer;

mod emitter;
pub mod verifiers;
use emitter::{LinkEmitter, Tok};
use rayon::prelude::*;
use serde::Serialize;

use crate::util::url::{has_scheme, normalise, percent_decode};

use crate::write::OutputFile;

/// Why a link does not resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Problem {
    MissingPage,
    MissingAsset,
    MissingFragment,
    /// Inside the site's host but outside its path prefix, above its root, or relative
    /// in a page (404.html) that is served at any depth.
    OutsideSite,
    /// Only with `--external`: the server answered with an error or not at all.
    External,
    /// Two elements of one page share an id: a link to it reaches only the first.
    DuplicateId,
    /// Only with `--external`: an independent verifier (`badges.verifiers`) did not
    /// answer as it should.
    Verifier,
}

impl Problem {
    pub fn describe(self) -> &'static str {
        match self {
            Problem::MissingPage => "missing page",
            Problem::MissingAsset => "missing file",
            Problem::MissingFragment => "missing fragment",
            Problem::OutsideSite => "outside the site",
            Problem::External => "external link failed",
            Problem::DuplicateId => "duplicate id",
            Problem::Verifier => "independent verifier failed",
        }
    }
}

/// One link that does not resolve, with everything needed to find and fix it.
#[derive(Debug, Clone, Serialize)]
pub struct BrokenLink {
    /// The output file holding the link (`writing/a/index.html`).
    pub file: String,
    /// Line of the link in that output file.
    pub line: u32,
    /// The source file the output came from, when it has one (`content/writing/a.md`).
    pub source: Option<String>,
    /// Line of the link in the source file, when it appears there as written.
    pub source_line: Option<u32>,
    /// The link exactly as written in the output.
    pub link: String,
    /// The template the link came from (`templates/page.html`, or `the templates of
    /// built-in theme `default``), when its page's source does not hold it.
    pub theme: Option<String>,
    pub problem: Problem,
    /// What was looked for: `no file writing/b/index.html`, `no id="setup"`.
    pub detail: String,
}

impl BrokenLink {
    /// The error `build` and `check` report, located in the source file when known.
    pub fn to_error(&self) -> crate::Error {
        let loc = match (&self.source, self.source_line, &self.theme) {
            // Line 0: the file as a whole (a default setting, not written in it).
            (None, _, None) if self.line == 0 => crate::Location::file(&self.file),
            (_, _, Some(_)) | (None, _, _) => crate::Location::line(&self.file, self.line),
            (Some(s), Some(l), None) => crate::Location::line(s, l),
            (Some(s), None, None) => crate::Location::file(s),
        };
        let mut msg = format!(
            "broken link `{}` ({}): {}",
            self.link,
            self.problem.describe(),
            self.detail
        );
        match (&self.theme, &self.source) {
            (Some(theme), Some(source)) => {
                msg.push_str(&format!("; the link comes from {theme}, not from {source}"))
            }
            (Some(theme), None) => msg.push_str(&format!("; the link comes from {theme}")),
            (None, Some(_)) => msg.push_str(&format!(" (in {}:{})", self.file, self.line)),
            (None, None) => {}
        }
        let hint = match self.problem {
            Problem::OutsideSite => {
                "start internal links with the base_url path (templates: `url(path=...)`), or link relative to the page"
            }
            Problem::MissingFragment => "link to a heading by its id (shown in the page's HTML)",
            Problem::External => "fix or remove the link; `--external` is what checked it",
            Problem::Verifier => {
                "change or remove the template in `badges.verifiers` (folio.yaml); folio's defaults are VerifierPlus and 1EdTech's validator at https://vc.1ed.tech/"
            }
            Problem::DuplicateId => {
                "give each element its own id (a heading's `{#id}`, or raw HTML's `id=`)"
            }
            _ => "fix the link, or add the page or file it points to",
        };
        crate::Error::content(loc, msg).with_hint(hint)
    }
}

/// The site's address, to tell internal URLs from external ones.
#[derive(Debug, Clone)]
pub struct SiteAddress {
    /// `host[:port]`, lowercased, when `base_url` names a host. The scheme is not
    /// compared: an `http://` link to the site's own host is still internal.
    host: Option<String>,
    /// `/` or `/repo/`.
    base_path: String,
}

impl SiteAddress {
    pub fn new(base_url: &str, base_path: &str) -> Self {
        let host = base_url
            .split_once("://")
            .map(|(_, rest)| rest.split('/').next().unwrap_or("").to_ascii_lowercase());
        SiteAddress {
            host,
            base_path: base_path.to_string(),
        }
    }
}

/// A link found in a file, before it is resolved.
#[derive(Debug, Clone)]
struct Found {
    url: String,
    line: u32,
    /// Only absolute URLs on the site's host count (JSON-LD strings, sitemap text).
    absolute_only: bool,
}

/// What one output file holds, as far as links go (kept by `serve` for files whose
/// inputs did not change).
#[derive(Debug, Default, Clone)]
pub struct Scanned {
    links: Vec<Found>,
    ids: HashSet<String>,
    /// Ids given to a second element, with the line of the second.
    duplicate_ids: Vec<(String, u32)>,
    is_html: bool,
}

/// The links and ids of every output file that can hold links, read once and used by
/// both [`check`] and [`external_links`].
#[derive(Default)]
pub struct Scan {
    /// Every output file's path, in the order they were added.
    paths: Vec<String>,
    /// (index into `paths`, what the file holds).
    scanned: Vec<(usize, Scanned)>,
}

impl Scan {
    /// Scans a batch of output files (in parallel) and remembers their paths; the files
    /// themselves may then be written and dropped. With a memo (`serve`), a file whose
    /// [`OutputFile::key`] is unchanged is not read again.
    pub fn add(
        &mut self,
        files: &[OutputFile],
        memo: Option<&crate::cache::Memo<Option<Scanned>>>,
    ) -> crate::Result<()> {
        let base = self.paths.len();
        let scanned: Vec<(usize, Scanned)> = files
            .par_iter()
            .enumerate()
            .filter_map(|(i, f)| {
                let scanned = match memo {
                    // A rendered file by its render fingerprint; anything else generated
                    // (feeds, sitemap) by its bytes, which is much cheaper than a rescan.
                    Some(m) => match f.key.or_else(|| match &f.body {
                        crate::write::Body::Bytes(b) => Some(crate::cache::fingerprint(&[b])),
                        _ => None,
                    }) {
                        Some(key) => m.get_or(&f.path, key, || scan_file(f)),
                        None => scan_file(f),
                    },
                    None => scan_file(f),
                };
                scanned.transpose().map(|r| r.map(|s| (base + i, s)))
            })
            .collect::<crate::Result<_>>()?;
        self.scanned.extend(scanned);
        self.paths.extend(files.iter().map(|f| f.path.clone()));
        Ok(())
    }

    /// How many files were added.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }
}

/// Reads every HTML, CSS, XML and robots file of the site, in parallel (see
/// [`Scan::add`]).
pub fn scan(
    files: &[OutputFile],
    memo: Option<&crate::cache::Memo<Option<Scanned>>>,
) -> crate::Result<Scan> {
    let mut scan = Scan::default();
    scan.add(files, memo)?;
    Ok(scan)
}

/// Checks every internal link of the scanned site. `sources` maps output files to the
/// source file they came from, for error locations; `root` is where those sources are
/// read (to find the line of a link) when a link is broken.
pub fn check(
    scan: &Scan,
    site: &SiteAddress,
    sources: &HashMap<String, String>,
    root: &std::path::Path,
) -> Vec<BrokenLink> {
    let Scan {
        paths: names,
        scanned,
    } = scan;
    let paths: HashSet<&str> = names.iter().map(String::as_str).collect();
    let ids: HashMap<&str, &HashSet<String>> = scanned
        .iter()
        .filter(|(_, s)| s.is_html)
        .map(|(i, s)| (names[*i].as_str(), &s.ids))
        .collect();
    let (paths, ids) = (&paths, &ids);
    let mut broken: Vec<BrokenLink> = scanned
        .par_iter()
        .flat_map_iter(|(i, s)| {
            let file = names[*i].as_str();
            s.links.iter().filter_map(move |found| {
                let (problem, detail) = resolve_and_check(file, found, site, paths, ids)?;
                Some(BrokenLink {
                    file: file.to_string(),
                    line: found.line,
                    source: sources.get(file).cloned(),
                    source_line: None,
                    link: found.url.clone(),
                    theme: None,
                    problem,
                    detail,
                })
            })
        })
        .collect();
    for (i, s) in scanned {
        let file = names[*i].as_str();
        broken.extend(s.duplicate_ids.iter().map(|(id, line)| BrokenLink {
            file: file.to_string(),
            line: *line,
            source: sources.get(file).cloned(),
            source_line: None,
            link: format!("#{id}"),
            theme: None,
            problem: Problem::DuplicateId,
            detail: format!("id=\"{id}\" is given to more than one element of this page; a link to it reaches only the first"),
        }));
    }
    locate_in_sources(&mut broken, root, &site.base_path);
    // One mistake in a page, reported once: a front-matter image the theme links twice
    // (the picture and its og:image) is the same broken line.
    let mut seen = std::collections::HashSet::new();
    broken.retain(|b| match (&b.source, b.source_line, &b.theme) {
        (Some(s), Some(l), None) => seen.insert((s.clone(), l, b.detail.clone())),
        _ => true,
    });
    broken
}

/// Fills in `source_line` where the link appears in its source file: verbatim, or as
/// the author wrote it before folio put the base path in front (`/cv/` in a page of a
/// site under `/portfolio/`).
fn locate_in_sources(broken: &mut [BrokenLink], root: &std::path::Path, base_path: &str) {
    let mut texts: BTreeMap<String, Option<String>> = BTreeMap::new();
    for b in broken.iter_mut() {
        let Some(source) = &b.source else { continue };
        let text = texts
            .entry(source.clone())
            .or_insert_with(|| std::fs::read_to_string(root.join(source)).ok());
        // As written, else (for a link rewritten from `page.md#part`) its fragment.
        let fragment = b
            .link
            .find('#')
            .map(|i| &b.link[i..])
            .filter(|f| f.len() > 1);
        let written = (base_path.len() > 1)
            .then(|| b.link.strip_prefix(base_path.trim_end_matches('/')))
            .flatten()
            .filter(|rest| rest.starts_with('/'));
        if let Some(text) = text
            && let Some(pos) = text
                .find(&b.link)
                .or_else(|| written.and_then(|w| text.find(&format!("({w}")).map(|p| p + 1)))
                .or_else(|| written.and_then(|w| text.find(w)))
                .or_else(|| fragment.and_then(|f| text.find(f)))
        {
            b.source_line = Some(line_at(text.as_bytes(), pos));
        } else if let Some(text) = text
            && let Some(line) = front_matter_line(text, &b.link, base_path)
        {
            // A front-matter value (`image:`) that the theme turned into links: the
            // fix is in the page, on that line.
            b.source_line = Some(line);
            b.theme = None;
        }
    }
}

/// The line of the page's front matter whose value is the file `link` points to
/// (`image: images/chart.png` for `https://…/portfolio/images/chart.png`).
fn front_matter_line(text: &str, link: &str, base_path: &str) -> Option<u32> {
    let path = link
        .split_once("://")
        .map_or(link, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
    let rel = path
        .strip_prefix(base_path)
        .or_else(|| path.strip_prefix('/'))?
        .split(['#', '?'])
        .next()?;
    if rel.is_empty() {
        return None;
    }
    let body = text.strip_prefix("---")?;
    let end = body.find("\n---")?;
    body[..end]
        .lines()
        .enumerate()
        .skip(1)
        .find_map(|(i, line)| {
            let (_, value) = line.split_once(':')?;
            let value = value
                .trim()
                .trim_matches(['"', '\''])
                .trim_start_matches('/');
            (value == rel).then_some(i as u32 + 1)
        })
}

fn line_at(bytes: &[u8], offset: usize) -> u32 {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
        + 1
}

fn scan_file(file: &OutputFile) -> crate::Result<Option<Scanned>> {
    let ext = file.path.rsplit_once('.').map_or("", |(_, e)| e);
    let kind = match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => Kind::Html,
        "css" => Kind::Css,
        "xml" => Kind::Xml,
        "txt" if file.path == "robots.txt" => Kind::Robots,
        _ => return Ok(None),
    };
    let bytes = file.read()?;
    let text = String::from_utf8_lossy(&bytes);
    let mut scanned = Scanned::default();
    match kind {
        Kind::Html => {
            scanned.is_html = true;
            scan_html(&text, &mut scanned);
        }
        Kind::Xml => scan_xml(&text, &mut scanned),
        Kind::Css => css_urls(&text, 0, &mut scanned.links),
        Kind::Robots => {
            for (n, line) in text.lines().enumerate() {
                if let Some(url) = line.strip_prefix("Sitemap:") {
                    scanned.links.push(Found {
                        url: url.trim().to_string(),
                        line: n as u32 + 1,
                        absolute_only: false,
                    });
                }
            }
        }
    }
    Ok(Some(scanned))
}

enum Kind {
    Html,
    Css,
    Xml,
    Robots,
}

/// Line numbers from byte offsets, by binary search over line starts.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines(starts)
    }

    fn of(&self, offset: usize) -> u32 {
        self.0.partition_point(|&s| s <= offset) as u32
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn scan_html(text: &str, out: &mut Scanned) {
    let lines = Lines::new(text);
    // Inside <script type=application/ld+json> or <style>: (is JSON, line).
    let mut raw: Option<(bool, u32)> = None;
    for Ok(token) in Tokenizer::new_with_emitter(text, LinkEmitter::default()) {
        match token {
            Tok::Start { name, attrs, pos } => {
                let line = lines.of(pos);
                let attr = |n: &str| {
                    Tok::attr(&attrs, n).map(|a| (lossy(&a.value), lines.of(a.pos.max(pos))))
                };
                if let Some((id, line)) = attr("id")
                    && !out.ids.insert(id.clone())
                {
                    out.duplicate_ids.push((id, line));
                }
                if name == b"a"
                    && let Some((n, _)) = attr("name")
                {
                    out.ids.insert(n);
                }
                for key in ["href", "src", "poster"] {
                    if let Some((url, line)) = attr(key) {
                        out.links.push(Found {
                            url,
                            line,
                            absolute_only: false,
                        });
                    }
                }
                if let Some((set, line)) = attr("srcset") {
                    for candidate in set.split(',') {
                        if let Some(url) = candidate.split_whitespace().next() {
                            out.links.push(Found {
                                url: url.to_string(),
                                line,
                                absolute_only: false,
                            });
                        }
                    }
                }
                if let Some((style, line)) = attr("style") {
                    css_urls(&style, line - 1, &mut out.links);
                }
                if name == b"meta"
                    && let Some((prop, _)) = attr("property").or_else(|| attr("name"))
                    && matches!(
                        prop.as_str(),
                        "og:url" | "og:image" | "og:image:url" | "twitter:image"
                    )
                    && let Some((url, line)) = attr("content")
                {
                    out.links.push(Found {
                        url,
                        line,
                        absolute_only: false,
                    });
                }
                raw = match name.as_slice() {
                    b"script" => attr("type")
                        .filter(|(t, _)| t == "application/ld+json")
                        .map(|_| (true, line)),
                    b"style" => Some((false, line)),
                    _ => None,
                };
            }
            Tok::Text(body) => match raw {
                Some((true, line)) => {
                    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&body) {
                        json_strings(&value, line, &mut out.links);
                    }
                }
                Some((false, line)) => css_urls(&lossy(&body), line - 1, &mut out.links),
                None => {}
            },
            Tok::End => raw = None,
        }
    }
}

/// Every string in structured data that could be a URL; only those on the site's own
/// host are checked.
fn json_strings(value: &serde_json::Value, line: u32, out: &mut Vec<Found>) {
    match value {
        serde_json::Value::String(s) if s.starts_with("http") => out.push(Found {
            url: s.clone(),
            line,
            absolute_only: true,
        }),
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_strings(v, line, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| json_strings(v, line, out)),
        _ => {}
    }
}

/// Sitemap `<loc>` text and every `href` attribute (Atom links). XML is regular enough
/// (quoted attributes, five entities) to scan directly, and feeds carry every page's
/// whole body, so a tokenizer here would cost as much as checking all the pages.
fn scan_xml(text: &str, out: &mut Scanned) {
    let lines = Lines::new(text);
    for (pos, _) in text.match_indices("href=") {
        let rest = &text[pos + 5..];
        if let Some(value) = quoted(rest) {
            out.links.push(Found {
                url: xml_unescape(&value),
                line: lines.of(pos),
                absolute_only: false,
            });
        }
    }
    for (pos, _) in text.match_indices("<loc>") {
        let rest = &text[pos + 5..];
        if let Some(end) = rest.find("</loc>") {
            out.links.push(Found {
                url: xml_unescape(rest[..end].trim()),
                line: lines.of(pos),
                absolute_only: false,
            });
        }
    }
}

fn xml_unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// `url(...)` and `@import "..."` in a style sheet or a `style` attribute; `line0` is
/// the line before the text starts.
fn css_urls(css: &str, line0: u32, out: &mut Vec<Found>) {
    let css = strip_css_comments(css);
    let mut rest = css.as_str();
    let mut consumed = 0;
    loop {
        let next_url = rest.find("url(");
        let next_import = rest.find("@import");
        let (pos, is_import) = match (next_url, next_import) {
            (None, None) => break,
            (Some(u), Some(i)) if i < u => (i, true),
            (Some(u), _) => (u, false),
            (None, Some(i)) => (i, true),
        };
        let after = &rest[pos + if is_import { 7 } else { 4 }..];
        let after_trim = after.trim_start();
        let value = if is_import && !after_trim.starts_with("url(") {
            quoted(after_trim)
        } else if is_import {
            None // `@import url(...)`: the url( branch picks it up next.
        } else if after_trim.starts_with(['"', '\'']) {
            quoted(after_trim)
        } else {
            after_trim.split(')').next().map(|s| s.trim().to_string())
        };
        if let Some(url) = value
            && !url.is_empty()
        {
            out.push(Found {
                url,
                line: line0 + line_at(css.as_bytes(), consumed + pos),
                absolute_only: false,
            });
        }
        let step = pos + 4;
        consumed += step;
        rest = &rest[step..];
    }
}

fn quoted(s: &str) -> Option<String> {
    let q = s.chars().next()?;
    if q != '"' && q != '\'' {
        return None;
    }
    s[1..].split(q).next().map(str::to_string)
}

/// Comments replaced by spaces of the same length of lines, so line numbers hold.
fn strip_css_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        let end = rest[start + 2..]
            .find("*/")
            .map_or(rest.len(), |e| start + 2 + e + 2);
        out.extend(rest[start..end].chars().filter(|&c| c == '\n'));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Where a URL points, seen from the output file `from`.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    /// Not ours to check: another site, `mailto:`, `data:`, an empty `href`.
    Elsewhere,
    Inside {
        path: String,
        fragment: Option<String>,
    },
    Outside(String),
}

fn resolve(from: &str, url: &str, site: &SiteAddress, absolute_only: bool) -> Resolved {
    let url = url.trim();
    let (url, fragment) = match url.split_once('#') {
        // An escape that does not decode stays as written: no id can match it.
        Some((u, f)) => (u, Some(percent_decode(f).unwrap_or_else(|| f.to_string()))),
        None => (url, None),
    };
    let url = url.split('?').next().unwrap_or("");
    let path = if let Some(rest) = strip_scheme(url) {
        // `https://host/path` or `//host/path`: ours only on the site's host.
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if site.host.as_deref() != Some(host.to_ascii_lowercase().as_str()) {
            return Resolved::Elsewhere;
        }
        format!("/{path}")
    } else if absolute_only || has_scheme(url) {
        return Resolved::Elsewhere;
    } else if url.starts_with('/') {
        url.to_string()
    } else if url.is_empty() {
        // `href=""` or `href="#x"`: this very file.
        return match fragment {
            Some(f) => Resolved::Inside {
                path: from.to_string(),
                fragment: Some(f),
            },
            None => Resolved::Elsewhere,
        };
    } else if from == "404.html" {
        return Resolved::Outside(
            "404.html is served at any depth, so a relative link in it breaks; start it with the base_url path"
                .into(),
        );
    } else {
        let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
        match normalise(&format!(
            "{}/{dir}/{url}",
            site.base_path.trim_end_matches('/')
        )) {
            Some(p) => p,
            None => return Resolved::Outside("it goes above the site's root".into()),
        }
    };
    let Some(rel) = path.strip_prefix(&site.base_path) else {
        if path.trim_end_matches('/') == site.base_path.trim_end_matches('/') {
            return Resolved::Inside {
                path: String::new(),
                fragment,
            };
        }
        return Resolved::Outside(format!(
            "the site lives under {} (base_url), and this URL is not under it",
            site.base_path
        ));
    };
    match normalise(&format!("/{rel}")) {
        Some(p) => Resolved::Inside {
            path: {
                let p = p.trim_start_matches('/');
                percent_decode(p).unwrap_or_else(|| p.to_string())
            },
            fragment,
        },
        None => Resolved::Outside("it goes above the site's root".into()),
    }
}

/// The part after `scheme://` (or `//`) of an http(s) or protocol-relative URL.
fn strip_scheme(url: &str) -> Option<&str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if lower.starts_with("https://") {
        Some(&url[8..])
    } else if lower.starts_with("http://") {
        Some(&url[7..])
    } else {
        url.strip_prefix("//")
    }
}

/// `None` when the link resolves; otherwise the problem and what was looked for.
fn resolve_and_check(
    from: &str,
    found: &Found,
    site: &SiteAddress,
    paths: &HashSet<&str>,
    ids: &HashMap<&str, &HashSet<String>>,
) -> Option<(Problem, String)> {
    let (path, fragment) = match resolve(from, &found.url, site, found.absolute_only) {
        Resolved::Elsewhere => return None,
        Resolved::Outside(why) => return Some((Problem::OutsideSite, why)),
        Resolved::Inside { path, fragment } => (path, fragment),
    };
    let target = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else if paths.contains(path.as_str()) {
        path.clone()
    } else {
        // GitHub Pages and most hosts serve `dir/index.html` for `dir`.
        format!("{path}/index.html")
    };
    if !paths.contains(target.as_str()) {
        let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        let is_asset = last
            .rsplit_once('.')
            .is_some_and(|(_, ext)| !matches!(ext, "html" | "htm"));
        let (problem, looked) = if is_asset {
            (Problem::MissingAsset, path)
        } else {
            (Problem::MissingPage, target)
        };
        return Some((problem, format!("no file {looked} in the output")));
    }
    let fragment = fragment.filter(|f| !f.is_empty() && f != "top")?;
    let page_ids = ids.get(target.as_str())?;
    if page_ids.contains(&fragment) {
        return None;
    }
    let near = crate::error::suggest(&fragment, page_ids.iter().map(String::as_str));
    let mut detail = format!("no id=\"{fragment}\" in {target}");
    if let Some(near) = near {
        detail.push_str(&format!(" (did you mean #{near}?)"));
    }
    Some((Problem::MissingFragment, detail))
}

/// How long `--external` waits for one server, and how many it asks at once.
pub const EXTERNAL_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
pub const EXTERNAL_WORKERS: usize = 8;

/// External links (`http(s)` to other hosts) with the files that hold them, for
/// `--external`.
pub fn external_links(scan: &Scan, site: &SiteAddress) -> BTreeMap<String, Vec<(String, u32)>> {
    let mut out: BTreeMap<String, Vec<(String, u32)>> = BTreeMap::new();
    for (i, scanned) in &scan.scanned {
        let f = &scan.paths[*i];
        if !scanned.is_html {
            continue;
        }
        for found in &scanned.links {
            if found.absolute_only {
                continue;
            }
            let url = found.url.trim();
            if strip_scheme(url).is_some()
                && !url.starts_with("//")
                && resolve(f, url, site, false) == Resolved::Elsewhere
            {
                out.entry(url.to_string())
                    .or_default()
                    .push((f.clone(), found.line));
            }
        }
    }
    out
}

/// What checking the external links found.
pub struct External {
    pub broken: Vec<BrokenLink>,
    /// Set when no link got any answer from several hosts: the network is down, not
    /// the links, and one line says so instead of one error per link.
    pub unreachable: Option<String>,
}

/// Why a link failed: the server answered with an error, or nothing answered.
enum Failure {
    Status(String),
    NoAnswer(String),
}

/// Fetches each external URL (HEAD, then GET when HEAD is refused) with `timeout` and
/// at most `workers` requests at once; returns the failures.
pub fn check_external(
    links: &BTreeMap<String, Vec<(String, u32)>>,
    sources: &HashMap<String, String>,
    root: &std::path::Path,
    timeout: std::time::Duration,
    workers: usize,
) -> External {
    let agent = crate::net::agent(
        timeout,
        concat!("folio-link-check/", env!("CARGO_PKG_VERSION")),
        5,
    );
    let urls: Vec<_> = links.iter().collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let answered = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    let silent = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1).min(urls.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((url, pages)) = urls.get(i) else {
                        break;
                    };
                    let why = match fetch_ok(&agent, url) {
                        Ok(()) => {
                            answered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            continue;
                        }
                        Err(Failure::Status(why)) => {
                            answered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            why
                        }
                        Err(Failure::NoAnswer(why)) => {
                            let host = crate::util::url::host(url).to_string();
                            silent
                                .lock()
                                .expect("no panics while held")
                                .push((host, why.clone()));
                            why
                        }
                    };
                    let mut f = failures.lock().expect("no panics while held");
                    for (page, line) in pages.iter() {
                        f.push(BrokenLink {
                            file: page.clone(),
                            line: *line,
                            source: sources.get(page).cloned(),
                            source_line: None,
                            link: (*url).clone(),
                            theme: None,
                            problem: Problem::External,
                            detail: why.clone(),
                        });
                    }
                }
            });
        }
    });
    let silent = silent.into_inner().expect("no panics while held");
    let hosts: std::collections::BTreeSet<&str> = silent.iter().map(|(h, _)| h.as_str()).collect();
    if answered.into_inner() == 0 && hosts.len() >= 2 {
        let (host, why) = &silent[0];
        return External {
            broken: Vec::new(),
            unreachable: Some(format!(
                "the network is unreachable: none of the {} external links, on {} hosts, got an answer (for example {host}: {why}); they were not checked",
                urls.len(),
                hosts.len()
            )),
        };
    }
    let mut out = failures.into_inner().expect("no panics while held");
    locate_in_sources(&mut out, root, "/");
    out.sort_by(|a, b| (&a.file, &a.link).cmp(&(&b.file, &b.link)));
    External {
        broken: out,
        unreachable: None,
    }
}

fn no_answer(t: &ureq::Transport) -> String {
    let why = crate::net::transport_error(t);
    if why.starts_with("refused:") {
        why
    } else {
        format!("no answer: {t}")
    }
}

fn fetch_ok(agent: &ureq::Agent, url: &str) -> Result<(), Failure> {
    let status = |code: u16| Failure::Status(format!("the server answered {code}"));
    match agent.head(url).call() {
        Ok(_) => return Ok(()),
        // Some servers refuse HEAD; ask again with GET before calling the link broken.
        Err(ureq::Error::Status(403 | 405 | 501, _)) => {}
        Err(ureq::Error::Status(code, _)) => return Err(status(code)),
        Err(ureq::Error::Transport(t)) => return Err(Failure::NoAnswer(no_answer(&t))),
    }
    match agent.get(url).call() {
        Ok(_) => Ok(()),
        Err(ureq::Error::Status(code, _)) => Err(status(code)),
        Err(ureq::Error::Transport(t)) => Err(Failure::NoAnswer(no_answer(&t))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteAddress {
        SiteAddress::new("https://learner.github.io/portfolio/", "/portfolio/")
    }

    fn inside(path: &str, fragment: Option<&str>) -> Resolved {
        Resolved::Inside {
            path: path.into(),
            fragment: fragment.map(Into::into),
        }
    }

    #[test]
    fn resolves_like_a_browser_on_the_published_site() {
        let s = site();
        let from = "writing/a/index.html";
        assert_eq!(
            resolve(from, "../b/", &s, false),
            inside("writing/b/", None)
        );
        assert_eq!(
            resolve(from, "img.png", &s, false),
            inside("writing/a/img.png", None)
        );
        assert_eq!(
            resolve(from, "/portfolio/css/x.css?v=1", &s, false),
            inside("css/x.css", None)
        );
        assert_eq!(
            resolve(
                from,
                "https://LEARNER.github.io/portfolio/x/#Top",
                &s,
                false
            ),
            inside("x/", Some("Top"))
        );
        assert_eq!(
            resolve(from, "#s%C3%A9", &s, false),
            inside(from, Some("sé"))
        );
        assert_eq!(resolve(from, "/portfolio", &s, false), inside("", None));
        assert!(matches!(
            resolve(from, "/css/x.css", &s, false),
            Resolved::Outside(_)
        ));
        assert!(matches!(
            resolve(from, "../../../../x", &s, false),
            Resolved::Outside(_)
        ));
        assert!(matches!(
            resolve("404.html", "css/x.css", &s, false),
            Resolved::Outside(_)
        ));
        for elsewhere in [
            "https://github.com/x",
            "mailto:a@b",
            "data:image/png;base64,",
            "",
        ] {
            assert_eq!(resolve(from, elsewhere, &s, false), Resolved::Elsewhere);
        }
        assert_eq!(
            resolve(from, "/portfolio/x/", &s, true),
            Resolved::Elsewhere
        );
    }

    #[test]
    fn css_urls_and_imports() {
        let mut out = Vec::new();
        css_urls(
            "/* url(no.png) */\na { background: url('a.png') }\n@import \"b.css\";\nb{x:url(c.svg#i)}",
            0,
            &mut out,
        );
        let urls: Vec<(&str, u32)> = out.iter().map(|f| (f.url.as_str(), f.line)).collect();
        assert_eq!(urls, [("a.png", 2), ("b.css", 3), ("c.svg#i", 4)]);
    }

    #[test]
    fn html_links_ids_and_lines() {
        let mut s = Scanned::default();
        scan_html(
            "<h1 id=top>x</h1>\n<img srcset=\"a.png 1x, b.png 2x\">\n<script>var a = '<a href=\"no\">';</script>\n<a name=n href=\"#top\">",
            &mut s,
        );
        let urls: Vec<(&str, u32)> = s.links.iter().map(|f| (f.url.as_str(), f.line)).collect();
        assert_eq!(urls, [("a.png", 2), ("b.png", 2), ("#top", 4)]);
        assert!(s.ids.contains("top") && s.ids.contains("n"));
    }
}
