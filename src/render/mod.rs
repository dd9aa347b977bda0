//! Rendering the site model through a Tera theme into a list of output files.
//!
//! Invariant: nothing here writes to disk; the files go to a [`crate::write::Sink`].
//! Templates are compiled once per build and pages are rendered in parallel.

mod bounded;
mod builtins;
pub mod feed;
pub mod languages;
mod limits;
mod llms;
mod outputs;
mod recursion;
mod shared;
pub mod theme;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::error::Error as _;
use std::ops::ControlFlow;
use std::sync::Mutex;

use serde::Serialize;
use tera::{Context, Tera};

use std::hash::{Hash, Hasher};

use crate::cache::{Memo, fingerprint, memoised};
use crate::config::Config;
use crate::content::{Content, Page, Section};
use crate::error::{Error, Location, Result};
use crate::site::Site;
use crate::write::OutputFile;
use theme::{TemplateSource, Theme};

/// The version of the variables templates receive; see THEMES.md.
pub const TEMPLATE_CONTRACT: &str = "1";

/// A page as listings see it: everything but the rendered body.
#[derive(Debug, Clone, Serialize)]
pub struct PageSummary<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub permalink: &'a str,
    pub slug: &'a str,
    pub section: &'a str,
    pub date: Option<&'a str>,
    pub summary: &'a str,
    pub tags: &'a [String],
    pub skills: &'a [String],
    pub image: Option<&'a str>,
    pub weight: Option<i64>,
    pub reading_time: usize,
    pub extra: &'a BTreeMap<String, serde_yaml::Value>,
    /// The page's HTML, only for the home page's own pages (`about.md`,
    /// `experience.md`): a one-page layout can show them in full.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<&'a str>,
}

impl<'a> From<&'a Page> for PageSummary<'a> {
    fn from(p: &'a Page) -> Self {
        PageSummary {
            title: &p.title,
            url: &p.url,
            permalink: &p.permalink,
            slug: &p.slug,
            section: &p.section,
            date: p.date.as_deref(),
            summary: &p.summary,
            tags: &p.tags,
            skills: &p.skills,
            image: p.image.as_deref(),
            weight: p.weight,
            reading_time: p.reading_time,
            extra: &p.extra,
            content: None,
        }
    }
}

/// A section with its pages and direct subsections listed.
#[derive(Debug, Serialize)]
struct SectionView<'a> {
    #[serde(flatten)]
    section: &'a Section,
    pages: Vec<PageSummary<'a>>,
    subsections: Vec<SubsectionView<'a>>,
}

#[derive(Debug, Serialize)]
struct SubsectionView<'a> {
    key: &'a str,
    title: &'a str,
    url: &'a str,
    summary: &'a str,
    pages: Vec<PageSummary<'a>>,
}

#[derive(Debug, Serialize)]
struct ConfigView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    base_url: &'a str,
    base_path: &'a str,
    language: &'a str,
    /// `ltr` or `rtl`, from the language, for `<html dir=...>`.
    direction: &'static str,
    theme: &'a str,
    /// The theme's parameters: its defaults with the portfolio's `extra:` applied.
    extra: &'a serde_yaml::Mapping,
}

/// The theme as templates see it (`theme.name`, `theme.version`).
#[derive(Debug, Serialize)]
struct ThemeView<'a> {
    name: &'a str,
    version: &'a str,
}

pub use crate::i18n::direction;

#[derive(Debug, Serialize)]
struct NavItem<'a> {
    title: std::borrow::Cow<'a, str>,
    url: std::borrow::Cow<'a, str>,
    key: &'a str,
}

#[derive(Debug, Serialize)]
struct SiteView<'a> {
    /// The home page of this language's tree: `/` (or `/repo/`), `/repo/fr/`; and
    /// as a full URL.
    home: String,
    home_url: String,
    /// The home page's social preview card (1200×630 PNG, `images::card`), as a full
    /// URL: `og:image` of every page without a raster picture of its own.
    card: String,
    nav: Vec<NavItem<'a>>,
    /// schema.org `Person` JSON-LD for the owner (never their email).
    person: String,
    generator: String,
    contract: &'static str,
    page_count: usize,
    /// Atom feeds of dated sections, for `<link rel="alternate">` and subscribe links.
    feeds: Vec<feed::FeedLink>,
    /// The favicon: `{ url, type }`, or none when neither portfolio nor theme has one.
    favicon: Option<Favicon>,
    /// The owner's links (`owner.links`) as full URLs with proper labels.
    links: Vec<OwnerLink>,
    /// `folio-check.js`, which takes a verified mark away when it stops being true
    /// (see `site::recheck`); none when the site has no badges.
    check_script: Option<String>,
    /// `/resume.json` (JSON Resume), for `<link rel="alternate">` on the home page.
    resume_json: Option<String>,
    /// The day the badges were checked (`2026-12-02`) and as a visitor reads it.
    checked_date: Option<String>,
    checked_on: Option<String>,
}

pub use crate::config::{OwnerLink, owner_link_url, owner_links};

#[derive(Debug, Clone, Serialize)]
pub struct Favicon {
    pub url: String,
    /// Its MIME type, for `<link rel="icon" type=...>`.
    #[serde(rename = "type")]
    pub mime: &'static str,
}

/// Compiles the theme's templates. A template with a syntax error is reported (file
/// and line) and compiled as empty, so the others still render and their errors are
/// found in the same run; the caller fails the build if the list is not empty.
/// What every page of a language tree shares beyond the config: its words, the
/// site's languages and the site's images.
pub struct Shared {
    pub translator: std::sync::Arc<crate::i18n::Translator>,
    pub languages: std::sync::Arc<languages::Languages>,
    pub images: std::sync::Arc<crate::images::variants::Catalog>,
}

pub fn compile(
    theme: &Theme,
    config: &Config,
    (tr, images): (
        std::sync::Arc<crate::i18n::Translator>,
        std::sync::Arc<crate::images::variants::Catalog>,
    ),
) -> Result<(Tera, Vec<Error>)> {
    let origins: HashMap<&str, &TemplateSource> = theme
        .templates
        .iter()
        .map(|t| (t.name.as_str(), t))
        .collect();
    // Every loop body counts its iterations (`bounded`): templates are untrusted.
    let instrumented: Vec<String> = theme
        .templates
        .iter()
        .map(|t| bounded::instrument(&t.text))
        .collect();
    let mut texts: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .zip(&instrumented)
        .map(|(t, text)| (t.name.as_str(), text.as_str()))
        .collect();
    let mut errors = Vec::new();
    // Too deep for Tera's recursive parser: reported and compiled as empty.
    for (name, text) in texts.iter_mut() {
        if let Some(e) = limits::check(&origins[name].origin, &origins[name].text) {
            errors.push(e);
            *text = "";
        }
    }
    let mut tera = loop {
        let mut tera = Tera::default();
        let Err(e) = tera.add_raw_templates(texts.iter().copied()) else {
            break tera;
        };
        let error = template_error(&e, &origins, None);
        // Tera names the template that failed to parse: "Failed to parse 'x.html'".
        let message = e.to_string();
        let broken = message
            .strip_prefix("Failed to parse '")
            .and_then(|rest| rest.split('\'').next());
        match broken.and_then(|n| {
            texts
                .iter_mut()
                .find(|(name, text)| *name == n && !text.is_empty())
        }) {
            Some(slot) => {
                slot.1 = "";
                errors.push(error);
            }
            // Not a parse error of one template (a missing parent, say): stop here.
            None => {
                errors.push(error);
                return Err(Error::Many(errors));
            }
        }
    };
    let cycles = recursion::cycles(&tera, &origins);
    if !cycles.is_empty() {
        errors.extend(cycles);
        return Err(Error::Many(errors));
    }
    tera.set_escape_fn(crate::util::html::escape);
    bounded::register(&mut tera);
    builtins::register(&mut tera);
    crate::i18n::tera::register(&mut tera, tr);
    tera.register_function("picture", Picture(images));
    // Tera's built-in `get_env` would print the build machine's environment (CI
    // tokens) into pages: themes are untrusted, so it is replaced by an error.
    tera.register_function(
        "get_env",
        |_: &HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
            Err(tera::Error::msg(
                "get_env() is not available: templates cannot read the environment",
            ))
        },
    );
    let base_path = config.base_path.clone();
    tera.register_function(
        "url",
        move |args: &HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
            let path = args
                .get("path")
                .and_then(|v| v.as_str())
                .ok_or_else(|| tera::Error::msg("url() needs a `path` argument"))?;
            Ok(tera::Value::String(join_url(&base_path, path)))
        },
    );
    Ok((tera, errors))
}

/// `picture(path=page.image, alt="…", sizes="…", eager=false, class="", width=,
/// height=)`: the
/// image as `<picture>` of its web-sized copies with its real size, lazy unless
/// `eager`; an image that has none (an SVG, an address elsewhere) as a plain `<img>`.
/// Escapes what it writes, so it prints as it is.
struct Picture(std::sync::Arc<crate::images::variants::Catalog>);

impl tera::Function for Picture {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let text = |k: &str| args.get(k).and_then(|v| v.as_str()).unwrap_or("");
        let path = text("path");
        if path.is_empty() {
            return Err(tera::Error::msg("picture() needs a `path` argument"));
        }
        let sizes = match text("sizes") {
            "" => crate::images::variants::DEFAULT_SIZES,
            s => s,
        };
        let eager = args.get("eager").and_then(|v| v.as_bool()).unwrap_or(false);
        let html = match self.0.find(path) {
            Some(source) => self
                .0
                .picture(source, text("alt"), sizes, eager, text("class")),
            None => {
                let esc = crate::util::html::escape;
                let class = match text("class") {
                    "" => String::new(),
                    c => format!(" class=\"{}\"", esc(c)),
                };
                // The size the template gives, for an image folio cannot measure.
                let size: String = ["width", "height"]
                    .iter()
                    .filter_map(|k| {
                        args.get(*k)
                            .and_then(|v| v.as_u64())
                            .map(|n| format!(" {k}=\"{n}\""))
                    })
                    .collect();
                format!(
                    "<img{class} src=\"{}\" alt=\"{}\"{size}{} decoding=\"async\">",
                    esc(&join_url(&self.0.base_path, path)),
                    esc(text("alt")),
                    if eager { "" } else { " loading=\"lazy\"" }
                )
            }
        };
        Ok(tera::Value::String(html))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `/repo/` + `css/a.css` = `/repo/css/a.css`; leaves absolute URLs alone.
pub fn join_url(base_path: &str, path: &str) -> String {
    if path.contains("://") || path.starts_with("//") || path.starts_with(base_path) {
        return path.to_string();
    }
    format!("{base_path}{}", path.trim_start_matches('/'))
}

/// Which files an [`outputs::Output`] renders: all of them (a build), or only some
/// pages (`serve` renders the pages a browser shows before the rest of the site).
#[derive(Clone, Copy)]
pub enum Selection<'a> {
    All,
    /// Output paths of HTML pages (`projects/alpha/index.html`).
    Pages(&'a HashSet<String>),
}

impl Selection<'_> {
    pub fn has(&self, path: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Pages(paths) => paths.contains(path),
        }
    }

    /// Whether files other than HTML pages (feeds, sitemap, receipts) are wanted.
    pub fn all(&self) -> bool {
        matches!(self, Selection::All)
    }
}

/// Template name → where it came from, for errors.
fn origins(theme: &Theme) -> HashMap<&str, &TemplateSource> {
    theme
        .templates
        .iter()
        .map(|t| (t.name.as_str(), t))
        .collect()
}

/// What every output renders with: compiled templates, the context every page shares,
/// and the memo `serve` keeps between rebuilds.
pub struct Renderer<'a> {
    pub config: &'a Config,
    tera: Tera,
    origins: HashMap<&'a str, &'a TemplateSource>,
    base: Context,
    cache: Option<&'a Memo<String>>,
    /// Feeds `serve` keeps between rebuilds (apart from `cache`, whose misses count the
    /// pages rendered).
    feeds: Option<&'a Memo<String>>,
    /// Fingerprint of everything every page shares: a change re-renders all of them.
    shared_key: u64,
    /// Syntax errors found while compiling, reported by the full render.
    syntax_errors: Mutex<Vec<Error>>,
    /// The site's languages: each page's versions in the others.
    languages: std::sync::Arc<languages::Languages>,
}

impl<'a> Renderer<'a> {
    /// Compiles the theme's templates and builds the context every page shares. A
    /// template with a syntax error is compiled empty and its error kept, to be
    /// reported with every other template problem by [`Renderer::render_all`].
    pub fn new(
        config: &'a Config,
        theme: &'a Theme,
        site: &Site,
        favicon: Option<Favicon>,
        cache: Option<&'a crate::Cache>,
        shared: Shared,
    ) -> Result<Self> {
        let Shared {
            translator: tr,
            languages,
            images,
        } = shared;
        let base = base_context(config, theme, site, favicon, &tr);
        let (mut tera, syntax_errors) = compile(theme, config, (tr, images))?;
        // The partials every page prints, rendered once a build (`shared.rs`).
        let partials = shared::Shared::new(tera.clone(), base.clone());
        tera.register_function("shared", partials);
        Ok(Renderer {
            config,
            origins: origins(theme),
            shared_key: cache.map_or(0, |_| {
                crate::cache::fingerprint(&[
                    &shared_key(theme, &base),
                    &languages.fingerprint(),
                    &words_key(config, theme),
                ])
            }),
            languages,
            base,
            tera,
            cache: cache.map(|c| &c.html),
            feeds: cache.map(|c| &c.feeds),
            syntax_errors: Mutex::new(syntax_errors),
        })
    }

    /// Renders every output, handing files to `emit` in batches. Every page is
    /// rendered even after one fails, so one run reports every template problem
    /// (`folio theme check` relies on it); repeats of one error are folded. When
    /// `emit` says to stop, nothing more is rendered and the build is
    /// [`Error::Superseded`].
    pub fn render_all(
        &self,
        site: &Site,
        emit: &mut dyn FnMut(Vec<OutputFile>) -> ControlFlow<()>,
    ) -> Result<()> {
        let mut errors = Errors::default();
        for e in std::mem::take(&mut *self.syntax_errors.lock().expect("errors lock")) {
            errors.keep::<()>(Err(e));
        }
        let mut stopped = false;
        for output in outputs::OUTPUTS {
            output.render_into(self, site, Selection::All, &mut errors, &mut |files| {
                let flow = emit(files);
                stopped |= flow.is_break();
                flow
            });
            if stopped {
                return Err(Error::Superseded);
            }
        }
        errors.finish()
    }

    /// Renders only the pages in `paths`, ahead of a full render: the files that
    /// rendered cleanly, or none while any template has a syntax error (such a
    /// template is compiled empty). Errors are left for [`Renderer::render_all`].
    pub fn render_pages(&self, site: &Site, paths: &HashSet<String>) -> Vec<OutputFile> {
        if !self.syntax_errors.lock().expect("errors lock").is_empty() {
            return Vec::new();
        }
        let mut errors = Errors::default();
        let mut files = Vec::new();
        for output in outputs::OUTPUTS {
            output.render_into(
                self,
                site,
                Selection::Pages(paths),
                &mut errors,
                &mut |batch| {
                    files.extend(batch);
                    ControlFlow::Continue(())
                },
            );
        }
        files
    }

    /// Whether the theme has `name` (optional templates like `pathway.html`).
    pub fn has_template(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// The site's languages.
    pub fn languages(&self) -> &languages::Languages {
        &self.languages
    }

    /// The memo `serve` keeps feeds in between rebuilds.
    pub fn feeds_memo(&self) -> Option<&Memo<String>> {
        self.feeds
    }

    /// The shared context, to add a page's own variables to.
    pub fn context(&self) -> Context {
        self.base.clone()
    }

    /// Renders `template` with the shared context and the output's own `vars` into the
    /// output file `out`; `source` names what the page came from in errors. Memoised
    /// by `serve` on the template, the shared context and `vars` (hashed as they
    /// serialise, without building the context), and then the file carries that
    /// fingerprint. The context is built only when the page must be rendered.
    pub fn render(
        &self,
        template: &str,
        vars: &[(&str, &dyn OwnVar)],
        source: &str,
        out: &str,
    ) -> Result<OutputFile> {
        let key = self.cache.map(|_| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            self.shared_key.hash(&mut h);
            template.hash(&mut h);
            for (name, value) in vars {
                name.hash(&mut h);
                value.hash_into(&mut h);
            }
            h.finish()
        });
        let html = memoised(
            self.cache,
            out,
            || key.unwrap_or(0),
            || {
                let mut ctx = self.context();
                for (name, value) in vars {
                    value.insert_into(name, &mut ctx);
                }
                // `alternates`: this page in every language of the site (empty on a
                // one-language site), for hreflang links and the switcher.
                ctx.insert("alternates", &self.languages.alternates(out));
                bounded::render(&self.tera, template, &ctx)
                    // Rendering grows the string by doubling: up to half of it is
                    // spare room, which across 10,000 pages held until the links are
                    // checked is tens of megabytes.
                    .map(|mut html| {
                        html.shrink_to_fit();
                        html
                    })
                    .map_err(|e| template_error(&e, &self.origins, Some(source)))
            },
        )?;
        Ok(OutputFile::keyed(out, html, key))
    }
}

/// A variable an output adds to the shared context (`page`, `section`, `badge`…):
/// inserted into the context when the page is rendered, and hashed into the memo key
/// from the same value, so the key always covers exactly what the template sees.
pub trait OwnVar: Sync {
    fn insert_into(&self, name: &str, ctx: &mut Context);
    fn hash_into(&self, h: &mut std::collections::hash_map::DefaultHasher);
}

impl<T: Serialize + Sync> OwnVar for T {
    fn insert_into(&self, name: &str, ctx: &mut Context) {
        ctx.insert(name, self);
    }

    fn hash_into(&self, h: &mut std::collections::hash_map::DefaultHasher) {
        // Serialised straight into the hasher: no JSON tree is built. The serialiser
        // writes a few bytes at a time; SipHash is several times faster fed in blocks.
        let mut writer = std::io::BufWriter::with_capacity(8192, HashWriter(h));
        let _ = serde_json::to_writer(&mut writer, self);
        let _ = std::io::Write::flush(&mut writer);
    }
}

/// Feeds written bytes to a hasher.
struct HashWriter<'a>(&'a mut std::collections::hash_map::DefaultHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Fingerprint of what every page shares (templates and the shared context): a
/// change here re-renders all of them.
fn shared_key(theme: &Theme, base: &Context) -> u64 {
    let templates: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|t| (t.name.as_str(), t.text.as_str()))
        .collect();
    fingerprint(&[&templates, &base.clone().into_json().to_string()])
}

/// Fingerprint of the words pages are written in: the theme's catalogues and the
/// portfolio's `translations:`. `t()` reads them while rendering, outside the
/// context, so without this an edited catalogue would leave `serve` showing the old
/// words ("0 rendered").
fn words_key(config: &Config, theme: &Theme) -> u64 {
    let catalogues: Vec<(&str, &str)> = theme
        .catalogues
        .iter()
        .map(|c| (c.language.as_str(), c.text.as_str()))
        .collect();
    fingerprint(&[&catalogues, &config.translations])
}

/// The variables every template gets: `config`, `theme`, `owner`, `site`.
fn base_context(
    config: &Config,
    theme: &Theme,
    site: &Site,
    favicon: Option<Favicon>,
    tr: &crate::i18n::Translator,
) -> Context {
    let content = &site.content;
    let mut base = Context::new();
    base.insert(
        "config",
        &ConfigView {
            title: &config.title,
            description: config.description.as_deref(),
            base_url: &config.base_url,
            base_path: &config.base_path,
            language: &config.language,
            direction: direction(&config.language),
            theme: &theme.name,
            extra: &theme.params,
        },
    );
    base.insert(
        "theme",
        &ThemeView {
            name: &theme.manifest.name,
            version: &theme.manifest.version,
        },
    );
    base.insert("owner", &config.owner);
    base.insert(
        "site",
        &SiteView {
            resume_json: config
                .resume
                .export
                .then(|| format!("{}{}", config.base_path, crate::resume::PATH)),
            home: format!("{}{}", config.base_path, config.lang_prefix),
            home_url: format!("{}{}", config.base_url, config.lang_prefix),
            card: format!(
                "{}{}",
                config.base_url,
                crate::images::card::home_path(&config.lang_prefix, &config.language)
            ),
            nav: nav(config, site, tr),
            person: person_json(config),
            generator: format!("folio {}", env!("CARGO_PKG_VERSION")),
            contract: TEMPLATE_CONTRACT,
            page_count: content.pages.len(),
            feeds: feed::feed_links(config, content),
            favicon,
            links: owner_links(config),
            check_script: site
                .badges
                .checked_at
                .map(|_| format!("{}{}", config.base_path, crate::site::recheck::SCRIPT_PATH)),
            checked_date: site
                .badges
                .checked_at
                .map(|t| t.format("%Y-%m-%d").to_string()),
            checked_on: site
                .badges
                .checked_at
                .map(|t| crate::site::recheck::day(t, tr)),
        },
    );
    base
}

/// Top-level pages that set a `weight` (in weight order), then sections, then the
/// badge and skills pages when there are any.
fn nav<'a>(config: &Config, site: &'a Site, tr: &crate::i18n::Translator) -> Vec<NavItem<'a>> {
    let content = &site.content;
    let home = content
        .section("")
        .expect("load always makes a home section");
    let generated = [
        (!site.badges.list.is_empty()).then_some(("nav-badges", "badges")),
        (!site.pathways.is_empty()).then_some(("nav-pathways", "pathways")),
        outputs::has_skills(site).then_some(("nav-skills", "skills")),
    ];
    home.pages
        .iter()
        .map(|&i| &content.pages[i])
        .filter(|p| p.weight.is_some())
        .map(|p| NavItem {
            title: p.title.as_str().into(),
            url: p.url.as_str().into(),
            key: p.path.as_str(),
        })
        .chain(
            home.subsections
                .iter()
                .filter_map(|k| content.section(k))
                .map(|s| NavItem {
                    title: s.title.as_str().into(),
                    url: s.url.as_str().into(),
                    key: &s.key,
                }),
        )
        .chain(generated.into_iter().flatten().map(|(title, key)| NavItem {
            title: tr.t(title).into(),
            url: format!("{}{}{key}/", config.base_path, config.lang_prefix).into(),
            key,
        }))
        .collect()
}

/// The theme's static files, as output files.
pub fn theme_static(theme: &Theme) -> Vec<OutputFile> {
    theme
        .static_files
        .iter()
        .map(|(path, body)| OutputFile {
            path: path.clone(),
            body: body.clone(),
            key: None,
        })
        .collect()
}

/// Render errors gathered across pages. The same template mistake on many pages is
/// reported once, naming the first page and how many more it affects.
#[derive(Default)]
pub struct Errors {
    /// (where, message) → (first error, further pages with the same error).
    seen: BTreeMap<(String, String), (Error, usize)>,
    order: Vec<(String, String)>,
}

impl Errors {
    pub fn keep<T>(&mut self, result: Result<T>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                let key = match &e {
                    Error::Template { loc, msg, .. } => (loc.to_string(), msg.clone()),
                    other => (String::new(), other.to_string()),
                };
                match self.seen.get_mut(&key) {
                    Some((_, more)) => *more += 1,
                    None => {
                        self.order.push(key.clone());
                        self.seen.insert(key, (e, 0));
                    }
                }
                None
            }
        }
    }

    pub fn keep_ok<T>(&mut self, results: Vec<Result<T>>) -> Vec<T> {
        results.into_iter().filter_map(|r| self.keep(r)).collect()
    }

    fn finish(mut self) -> Result<()> {
        let errors = self
            .order
            .iter()
            .filter_map(|key| self.seen.remove(key))
            .map(|(e, more)| match (e, more) {
                (
                    Error::Template {
                        loc,
                        page,
                        msg,
                        hint,
                    },
                    n,
                ) if n > 0 => Error::Template {
                    loc,
                    page,
                    msg: format!("{msg} (and {n} more page{})", if n == 1 { "" } else { "s" }),
                    hint,
                },
                (e, _) => e,
            })
            .collect();
        Error::from_list(errors)
    }
}

fn section_view<'a>(content: &'a Content, section: &'a Section) -> SectionView<'a> {
    let list = |s: &'a Section| -> Vec<PageSummary<'a>> {
        s.pages
            .iter()
            .map(|&i| PageSummary::from(&content.pages[i]))
            .collect()
    };
    let mut pages = list(section);
    if section.key.is_empty() {
        for (summary, &i) in pages.iter_mut().zip(&section.pages) {
            summary.content = Some(&*content.pages[i].content);
        }
    }
    SectionView {
        section,
        pages,
        subsections: section
            .subsections
            .iter()
            .filter_map(|k| content.section(k))
            .map(|s| SubsectionView {
                key: &s.key,
                title: &s.title,
                url: &s.url,
                summary: &s.summary,
                pages: list(s),
            })
            .collect(),
    }
}

fn person_json(config: &Config) -> String {
    let same_as: Vec<String> = config
        .owner
        .links
        .iter()
        .map(|(key, target)| owner_link_url(key, target))
        .collect();
    crate::site::badges::script_json(&serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Person",
        "name": config.owner.name.as_deref().unwrap_or(&config.title),
        "jobTitle": config.owner.headline,
        "url": config.base_url,
        "sameAs": same_as,
    }))
}

/// Files every published site needs whatever the theme: GitHub Pages' `.nojekyll`,
/// `robots.txt`, `sitemap.xml`, and `CNAME` when configured.
fn site_files(config: &Config, site: &Site, languages: &languages::Languages) -> Vec<OutputFile> {
    let content = &site.content;
    let multilingual = languages.is_multilingual();
    let mut sitemap = String::from(if multilingual {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    } else {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    });
    let mut urls: Vec<(&str, Option<&str>)> = content
        .sections
        .iter()
        .map(|s| (s.permalink.as_str(), None))
        .chain(
            content
                .pages
                .iter()
                .map(|p| (p.permalink.as_str(), p.date.as_deref())),
        )
        .chain(
            site.badges
                .list
                .iter()
                .map(|b| (b.permalink.as_str(), b.issued.as_deref())),
        )
        .chain(site.pathways.iter().map(|p| (p.permalink.as_str(), None)))
        .collect();
    urls.sort();
    for (loc, date) in urls {
        sitemap.push_str("  <url><loc>");
        sitemap.push_str(&xml_escape(loc));
        sitemap.push_str("</loc>");
        if let Some(d) = date.and_then(crate::content::parse_date) {
            sitemap.push_str(&format!("<lastmod>{}</lastmod>", d.format("%Y-%m-%d")));
        }
        // Every version of the page, itself included, and the default as x-default.
        let path = loc.strip_prefix(&config.base_url).unwrap_or(loc);
        let versions: Vec<_> = languages
            .alternates(&format!("{path}index.html"))
            .into_iter()
            .filter(|a| a.exists)
            .collect();
        if versions.len() > 1 {
            for a in &versions {
                sitemap.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    xml_escape(&a.lang),
                    xml_escape(&a.permalink)
                ));
            }
            if let Some(default) = versions.iter().find(|a| languages.trees[0].tag == a.lang) {
                sitemap.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                    xml_escape(&default.permalink)
                ));
            }
        }
        sitemap.push_str("</url>\n");
    }
    sitemap.push_str("</urlset>\n");
    let sitemap_path = format!("{}sitemap.xml", config.lang_prefix);
    // The files of the site as a whole come with the default language's tree.
    if !config.lang_prefix.is_empty() {
        return vec![OutputFile::new(sitemap_path, sitemap)];
    }
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    for tree in &languages.trees {
        robots.push_str(&format!(
            "Sitemap: {}{}sitemap.xml\n",
            config.base_url, tree.prefix
        ));
    }
    if languages.trees.is_empty() {
        robots.push_str(&format!("Sitemap: {}sitemap.xml\n", config.base_url));
    }
    let mut files = vec![
        OutputFile::new(".nojekyll", ""),
        OutputFile::new("robots.txt", robots),
        OutputFile::new(sitemap_path, sitemap),
    ];
    if config.resume.export {
        files.push(OutputFile::new(
            crate::resume::PATH,
            crate::resume::resume_json(config, site),
        ));
    }
    files.push(OutputFile::new("llms.txt", llms::llms_txt(config, site)));
    if let Some(cname) = &config.cname {
        files.push(OutputFile::new("CNAME", format!("{cname}\n")));
    }
    files
}

use feed::esc as xml_escape;

/// The favicon: `favicon:` from the config (a file in `static/`), else the portfolio's
/// `static/favicon.{svg,png,ico}`, else the theme's. Called while loading, so that
/// rendering does no I/O.
pub fn resolve_favicon(config: &Config, theme: &Theme) -> Result<Option<Favicon>> {
    let mime = |path: &str| match path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()) {
        Some(e) if e == "svg" => "image/svg+xml",
        Some(e) if e == "png" => "image/png",
        Some(e) if e == "ico" => "image/x-icon",
        Some(e) if e == "jpg" || e == "jpeg" => "image/jpeg",
        Some(e) if e == "gif" => "image/gif",
        Some(e) if e == "webp" => "image/webp",
        _ => "image/x-icon",
    };
    let found = |path: &str| Favicon {
        url: join_url(&config.base_path, path),
        mime: mime(path),
    };
    if let Some(path) = &config.favicon {
        let path = path.trim_start_matches('/');
        if !config.root.join("static").join(path).is_file() {
            return Err(Error::Config {
                loc: Location::file(config.shown(crate::config::CONFIG_FILE)),
                msg: format!("favicon `{path}` is not a file in static/"),
                hint: Some("put the icon in static/ and give its path inside it, e.g. `favicon: images/me.png`".into()),
            });
        }
        return Ok(Some(found(path)));
    }
    const NAMES: [&str; 3] = ["favicon.svg", "favicon.png", "favicon.ico"];
    let own = NAMES
        .iter()
        .find(|n| config.root.join("static").join(n).is_file());
    let themes = || {
        NAMES
            .iter()
            .find(|n| theme.static_files.iter().any(|(p, _)| p == *n))
    };
    Ok(own.or_else(themes).map(|n| found(n)))
}

/// The template (origin) and 1-based line where `var` is used, preferring `first`.
fn line_using(
    var: &str,
    first: &str,
    origins: &HashMap<&str, &TemplateSource>,
) -> Option<(String, usize)> {
    let uses = |t: &TemplateSource| {
        t.text
            .lines()
            .position(|l| {
                l.match_indices(var).any(|(i, _)| {
                    let before = l[..i].chars().next_back();
                    let after = l[i + var.len()..].chars().next();
                    let ident =
                        |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                    !ident(before) && before != Some('.') && !ident(after)
                })
            })
            .map(|i| (t.origin.clone(), i + 1))
    };
    let mut rest: Vec<&&TemplateSource> = origins.values().collect();
    rest.sort_by_key(|t| &t.name);
    origins
        .get(first)
        .and_then(|t| uses(t))
        .or_else(|| rest.iter().find_map(|t| uses(t)))
}

/// Turns a Tera error into one that names the template file (with its line where Tera
/// gives one) and the page being rendered.
fn template_error(
    e: &tera::Error,
    origins: &HashMap<&str, &TemplateSource>,
    page: Option<&str>,
) -> Error {
    let mut chain = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    // Tera names the template in quotes: "Failed to render 'page.html'".
    let name = chain
        .iter()
        .find_map(|m| m.split('\'').nth(1).filter(|n| origins.contains_key(n)))
        .unwrap_or("");
    let origin = origins
        .get(name)
        .map(|t| t.origin.clone())
        .unwrap_or_else(|| name.to_string());
    let mut loc = Location::file(origin);
    // Parse errors carry " --> LINE:COL".
    if let Some((line, col)) = chain.iter().find_map(|m| {
        let pos = m.split(" --> ").nth(1)?.split_whitespace().next()?;
        let (line, col) = pos.split_once(':')?;
        Some((line.parse().ok()?, col.parse().ok()?))
    }) {
        (loc.line, loc.col) = (Some(line), Some(col));
    } else if let Some((origin, line)) = chain
        .iter()
        .find_map(|m| m.split("Variable `").nth(1)?.split('`').next())
        .and_then(|var| line_using(var, name, origins))
    {
        // Tera gives no line for a missing variable: find the line that uses it, in
        // the template being rendered first, then in the ones it extends or imports.
        loc = Location::line(origin, line as u32);
    }
    let detail: Vec<String> = chain
        .iter()
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty())
        .collect();
    Error::Template {
        loc,
        page: page.map(str::to_string),
        msg: detail.join(": "),
        hint: Some("check the template's syntax and the variable names in THEMES.md".into()),
    }
}
