//! folio: a static-site generator for learner portfolios that verifies every badge.
//!
//! The pipeline is a straight line, each stage consuming the previous one's value:
//! [`config::Config::load`] → [`content::load`] → [`render::Renderer`] → [`write::Sink`].
//! `main.rs` only parses the command line and maps results to exit codes.

#![warn(clippy::print_stdout, clippy::print_stderr)]

/// The verifier (`crates/openbadges-verify`), under the name the rest of folio uses.
pub use openbadges_verify as badge;
pub mod badge_view;
pub mod cache;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod error;
pub mod facts_view;
pub mod i18n;
pub mod images;
pub mod init;
pub mod links;
/// Outgoing HTTP to public addresses only: the verifier's client, shared.
pub use openbadges_verify::net;
pub mod outflow;
pub mod pathway;
pub mod render;
pub mod resume;
pub mod serve;
pub mod site;
pub mod source;
pub mod theme_check;
pub mod trust;
pub mod util;

/// Unit tests count allocations as the binary does, so the render budget is tested.
#[cfg(test)]
#[global_allocator]
static TEST_ALLOCATOR: util::alloc::Counting<std::alloc::System> =
    util::alloc::Counting(std::alloc::System);
pub mod write;

use std::time::{Duration, Instant};

pub use config::{Config, Overrides};
pub use error::{Error, Location, Result};
use write::{Body, OutputFile, Sink};

/// Sets up the global thread pool with stacks large enough for JSON-LD processing
/// (virtual memory; only touched pages are used), so verification never has to grow
/// its stack per document. Call once at startup; later calls are harmless.
pub fn init_threads() {
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(badge::jsonld::JSONLD_STACK)
        .build_global();
}

/// Where fetched documents (DID documents, status lists) are cached for a portfolio.
pub fn cache_dir(config: &Config) -> std::path::PathBuf {
    cache_dir_of(&config.root)
}

/// The document cache of the portfolio at `root`.
pub fn cache_dir_of(root: &std::path::Path) -> std::path::PathBuf {
    root.join(".folio").join("cache")
}

/// How the portfolio's badges are verified: its owner, trust list, network setting,
/// document cache and pre-fetched documents (`--documents`). Used by every command
/// that verifies for a portfolio (`build`, `serve`, `check`, and `verify` in one).
pub fn badge_options(config: &Config) -> Result<badge::Options> {
    badge_options_with(config, None)
}

/// How long `serve` reuses the issuer registries it read, instead of fetching them
/// on every save.
const REGISTRIES_REUSED_FOR: std::time::Duration = std::time::Duration::from_secs(600);

/// `badge_options`, reusing the registries `serve` read in the last ten minutes when
/// the settings are the same.
fn badge_options_with(config: &Config, cache: Option<&Cache>) -> Result<badge::Options> {
    let documents = badge::Documents::from_option(config.badges.documents.as_deref())?
        .with_network(config.badges.network, Some(cache_dir(config)));
    let now = chrono::Utc::now();
    let key = format!("{:?}", config.badges.registries);
    let reused = cache.and_then(|c| {
        let held = c.registries.lock().unwrap_or_else(|e| e.into_inner());
        held.as_ref()
            .filter(|(k, at, _)| *k == key && at.elapsed() < REGISTRIES_REUSED_FOR)
            .map(|(_, _, r)| r.clone())
    });
    let registries = match reused {
        Some(r) => r,
        None => {
            let fresh = std::sync::Arc::new(trust::registries(config, &documents, now)?);
            if let Some(c) = cache {
                *c.registries.lock().unwrap_or_else(|e| e.into_inner()) =
                    Some((key, Instant::now(), fresh.clone()));
            }
            fresh
        }
    };
    Ok(badge::Options {
        now,
        documents,
        trust: config.badges.trust.clone(),
        owner: config.owner_identities.clone(),
        portfolio: true,
        registries,
        site_origin: badge::recipient::origin_of(&config.base_url),
    })
}

/// Caches `folio serve` keeps between rebuilds (see `cache.rs`).
#[derive(Default)]
pub struct Cache {
    /// Content files as read, and their rendered markdown.
    pub content: content::Memos,
    pub html: cache::Memo<String>,
    /// Atom feeds, by the fingerprint of what they show.
    pub feeds: cache::Memo<String>,
    /// Badge verdicts, keyed by the file's bytes and what verification depends on.
    pub verdicts: cache::Memo<Vec<badge::Found>>,
    /// Link scans of rendered files, by the file's render fingerprint.
    pub links: cache::Memo<Option<links::Scanned>>,
    /// Static files as cleaned and measured, by their size and modification time.
    pub images: cache::Memo<images::Prepared>,
    /// The issuer registries last read: their settings, when, and the registries.
    pub registries: RegistryCache,
}

/// See [`Cache::registries`].
pub type RegistryCache = std::sync::Mutex<
    Option<(
        String,
        Instant,
        std::sync::Arc<Vec<badge::registry::Registry>>,
    )>,
>;

/// Verification options for a file checked on its own, outside any portfolio: no
/// owner, no trust list, no on-disk cache.
pub fn standalone_badge_options(
    documents: Option<&std::path::Path>,
    offline: bool,
) -> Result<badge::Options> {
    let documents = badge::Documents::from_option(documents)?;
    Ok(badge::Options {
        documents: documents.with_network(!offline, None),
        ..badge::Options::default()
    })
}

/// What a build did, for the one-line summary.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub pages: usize,
    pub sections: usize,
    pub files: usize,
    /// Pages and sections whose HTML was rendered (the rest came from the cache).
    pub rendered: usize,
    pub badges_verified: usize,
    /// Badges that failed or could not be checked (shown, omitted or fatal per config).
    pub badges_failed: usize,
    pub badges_expired: usize,
    /// Badges actually verified in this build (the rest were unchanged and cached).
    pub badges_checked: usize,
    /// Raster images published without their metadata, and how many had GPS.
    pub images_cleaned: images::Cleaned,
    /// Web-sized copies of images: encoded in this build, and taken from the cache.
    pub images_made: images::variants::Made,
    /// Problems that did not stop the build, for the terminal.
    pub warnings: Vec<String>,
    /// Internal links that do not resolve (only when `links.on_broken` is `warn`; with
    /// `error` they stop the build).
    pub broken_links: Vec<links::BrokenLink>,
    /// Progress on each pathway: name, state in words, requirements met and needed.
    pub pathways: Vec<PathwaySummary>,
    /// Wall time of each stage (`content`, `badges`, `site`, `ahead` for `serve`,
    /// `render`, `links`, `write`).
    pub phases: Vec<(&'static str, Duration)>,
    pub elapsed: Duration,
}

/// One pathway's line in the build summary.
#[derive(Debug, Clone)]
pub struct PathwaySummary {
    pub name: String,
    pub state_label: String,
    pub met: usize,
    pub total: usize,
}

/// Builds the site described by `config` into `sink`.
pub fn build(config: &Config, sink: &mut dyn Sink) -> Result<Report> {
    build_cached(config, sink, None, None)
}

/// What `folio serve` asks of a build in progress: pages to render before the rest
/// of the site, and where to show them at once. (A plain build has none.)
pub trait Ahead {
    /// The next group of pages wanted before the rest, as output paths
    /// (`about/index.html`) not asked for before in this build, the most wanted group
    /// first: asked once the site is loaded and the templates compiled, again after
    /// each group is shown until none is left, and again after every batch of the
    /// full render (for pages requested meanwhile).
    fn wanted(&self, site: &site::Site) -> std::collections::HashSet<String>;
    /// Pages rendered ahead of the full build: not yet link-checked, so they may
    /// still be withdrawn if the build fails.
    fn show(&self, files: Vec<OutputFile>);
    /// Whether a newer change makes this build pointless: it then stops between
    /// batches with [`Error::Superseded`], publishing nothing.
    fn superseded(&self) -> bool;
}

/// The site before rendering, and what the report says of its badges.
struct Model {
    site: site::Site,
    warnings: Vec<String>,
    verified: usize,
    failed: usize,
    expired: usize,
    badges_checked: usize,
}

/// Pages, badges (verified) and pathways (evaluated), joined into the site.
fn model(
    config: &Config,
    cache: Option<&Cache>,
    (tr, site_wide): (&i18n::Translator, &SiteWide),
    phases: &mut Phases,
) -> Result<Model> {
    let with = (&*site_wide.images, site_wide.code.as_ref());
    let content = content::load(config, cache.map(|c| &c.content), with)?;
    phases.done("content");
    if let Some(c) = cache {
        c.html.take_misses();
    }
    let badge_opts = badge_options_with(config, cache)?;
    if let Some(c) = cache {
        c.verdicts.take_misses();
    }
    let badges = site::badges::load(config, &badge_opts, tr, cache.map(|c| &c.verdicts))?;
    phases.done("badges");
    let badges_checked = match cache {
        Some(c) => c.verdicts.take_misses(),
        None => badges.verified + badges.failed + badges.expired,
    };
    let mut warnings: Vec<String> = config.placeholder_warning().into_iter().collect();
    warnings.extend(content.warnings.iter().cloned());
    warnings.extend(badges.warnings.iter().cloned());
    let (verified, failed, expired) = (badges.verified, badges.failed, badges.expired);
    let pathways = pathway::load(config)?;
    let mut site = site::join(content, badges, tr)?;
    // A language's pathway pages live in its tree.
    let (home, home_url) = (
        format!("{}{}", config.base_path, config.lang_prefix),
        format!("{}{}", config.base_url, config.lang_prefix),
    );
    site.follow(&pathways, &home, &home_url, tr);
    Ok(Model {
        site,
        warnings,
        verified,
        failed,
        expired,
        badges_checked,
    })
}

/// What the site holds, for the report: pages, sections, pathway progress.
fn summary(site: &site::Site) -> Report {
    Report {
        pages: site.content.pages.len(),
        sections: site.content.sections.len(),
        pathways: site
            .pathways
            .iter()
            .map(|p| PathwaySummary {
                name: p.name.clone(),
                state_label: p.state_label.clone(),
                met: p.met,
                total: p.total,
            })
            .collect(),
        ..Report::default()
    }
}

/// Like [`build`], reusing what `cache` holds from earlier builds, and rendering the
/// pages `ahead` wants first (both for `serve`).
pub fn build_cached(
    config: &Config,
    sink: &mut dyn Sink,
    cache: Option<&Cache>,
    ahead: Option<&dyn Ahead>,
) -> Result<Report> {
    let started = Instant::now();
    let mut phases = Phases::new();
    // Themes and pathways from sources: fetched or cached, checked against folio.lock.
    let with_sources;
    let config = if config.has_sources() {
        with_sources = config.with_sources()?;
        &with_sources
    } else {
        config
    };
    let theme = render::theme::load(config)?;
    let cache_use = images::CacheUse::begin(&cache_dir(config));
    let trees = config.trees();
    // The language trees share one verification of each badge and one read of the
    // registries: a multilingual build keeps a cache of its own when it has none.
    let own_cache = (cache.is_none() && trees.len() > 1).then(Cache::default);
    let cache = cache.or(own_cache.as_ref());
    // Static files first: pages show the site's images as their web-sized copies.
    let mut warnings = Vec::new();
    let (own_static, images_cleaned, sources) = static_files(config, cache, &mut warnings)?;
    let site_wide = SiteWide::new(config, cache.is_none(), sources);
    let Trees {
        built,
        badge_files,
        missing_pages,
    } = build_trees(&trees, &theme, cache, &site_wide, &mut phases)?;
    // Badge pages show the badges' pictures as web-sized copies too.
    let pictures = &site_wide.pictures;
    let catalog = &with_badge_pictures(&site_wide.images, &built, &badge_files, config, pictures);
    let languages = std::sync::Arc::new(languages_of(config, &built));
    warnings.extend(merged_warnings(&built));
    let statics = statics(render::theme_static(&theme), own_static);
    let favicon = render::resolve_favicon(config, &theme)?;
    let renderers = renderers(&built, &theme, favicon, cache, (&languages, catalog))?;
    // `serve` stops a build that a newer change makes pointless: between batches,
    // and before and after the link check (the stretches that cannot be cut short).
    let superseded = || ahead.is_some_and(|a| a.superseded());
    // `serve` shows the pages it wants first at once, before the rest is rendered,
    // and again whenever a browser asks for one meanwhile (the default language's).
    let first = &built[0].model.site;
    let render_ahead = || {
        if let Some(ahead) = ahead {
            loop {
                let wanted = ahead.wanted(first);
                if wanted.is_empty() {
                    break;
                }
                ahead.show(renderers[0].render_pages(first, &wanted));
            }
        }
    };
    phases.done("site");
    if ahead.is_some() {
        render_ahead();
        phases.done("ahead");
    }
    // Rendered files stream to the sink in batches (scanned for links, then written to
    // staging); nothing is published unless every check below passes.
    let contents: Vec<&content::Content> = built.iter().map(|t| &t.model.site.content).collect();
    let mut out = outflow::Outflow::begin(sink, &contents, &statics, cache.map(|c| &c.links))?;
    let rendered = built.iter().zip(&renderers).try_for_each(|(t, renderer)| {
        renderer.render_all(&t.model.site, &mut |files| {
            out.generated(files);
            render_ahead();
            match superseded() {
                true => std::ops::ControlFlow::Break(()),
                false => std::ops::ControlFlow::Continue(()),
            }
        })
    });
    let media = Media(&theme, &built, catalog, pictures);
    let (images_made, pruned, damaged) = media.publish(config, badge_files, statics, &mut out);
    phases.done("render");
    let rendered = match superseded() {
        true => Err(Error::Superseded),
        false => rendered.and(damaged),
    };
    let checked = verdict(rendered, &mut out, config, &contents, &theme, missing_pages);
    phases.done("links");
    let broken_links = match checked {
        Ok(broken) if !superseded() => broken,
        Ok(_) => Err(Error::Superseded).or_else(|e| out.abort_with(e))?,
        Err(e) => out.abort_with(e)?,
    };
    let report = Report {
        files: out.scan.len(),
        warnings,
        broken_links,
        images_cleaned,
        images_made,
        ..counts(&built, cache)
    };
    out.commit()?;
    cache_use.finish(pruned);
    site_wide.code.iter().for_each(|code| code.save());
    phases.done("write");
    Ok(Report {
        elapsed: started.elapsed(),
        phases: phases.0,
        ..report
    })
}

/// What is drawn and encoded after the pages (preview cards and web-sized copies),
/// from the theme, the trees, the catalog of images and the decoded badge pictures.
struct Media<'a>(
    &'a render::theme::Theme,
    &'a [Tree<'a>],
    &'a images::variants::Catalog,
    &'a images::pictures::Pictures,
);

impl Media<'_> {
    /// Cards and copies into `out`, then the badge files and static files: what was
    /// made, the cache entries used, and an error for each image that did not decode.
    fn publish(
        &self,
        config: &Config,
        badge_files: Vec<OutputFile>,
        statics: Vec<(OutputFile, String)>,
        out: &mut outflow::Outflow,
    ) -> (images::variants::Made, Vec<images::Prune>, Result<()>) {
        let files = (&badge_files[..], &statics[..]);
        let Media(theme, built, catalog, pictures) = *self;
        let (cards, drawn, cached) = publish_cards(config, theme, built, files, pictures, out);
        let (mut made, copies) =
            publish_images(config, catalog, (&statics, &badge_files), pictures, out);
        (made.cards_drawn, made.cards_cached) = (drawn, cached);
        let damaged = undecodable(&made, &statics);
        out.generated(badge_files);
        out.statics(statics);
        (made, vec![cards, copies], damaged)
    }
}

/// The strings of the tree `config` builds (its `language`), with `theme`'s
/// catalogues and the learner's `translations:` for that language.
pub fn translator(config: &Config, theme: &render::theme::Theme) -> Result<i18n::Translator> {
    let overrides = config
        .translations
        .iter()
        .find(|(lang, _)| lang.eq_ignore_ascii_case(&config.language))
        .map(|(_, entries)| entries.as_slice())
        .unwrap_or_default();
    let file = config::shown(&config.root, config::CONFIG_FILE);
    i18n::Translator::new(&config.language, &theme.catalogues, overrides, &file)
}

/// The catalog of the site's images with the badges' local raster pictures added
/// (the same catalog when there are none).
fn with_badge_pictures(
    catalog: &std::sync::Arc<images::variants::Catalog>,
    built: &[Tree],
    badge_files: &[OutputFile],
    config: &Config,
    decoded: &images::pictures::Pictures,
) -> std::sync::Arc<images::variants::Catalog> {
    let pictures: std::collections::HashSet<String> = built
        .iter()
        .flat_map(|t| &t.model.site.badges.list)
        .filter_map(|b| b.image.as_ref().filter(|i| i.local))
        .map(|i| util::url::percent_decode(&i.url).unwrap_or_else(|| i.url.clone()))
        .map(|u| {
            u.strip_prefix(&config.base_path)
                .map(str::to_string)
                .unwrap_or(u)
        })
        .filter(|u| images::is_raster(u))
        .collect();
    match pictures.is_empty() {
        true => catalog.clone(),
        false => {
            let more = catalog.with_badges(badge_files, &pictures, &cache_dir(config), decoded);
            std::sync::Arc::new(more)
        }
    }
}

/// One error per image whose copies could not be made (its pixels do not decode),
/// naming the file: pages name its copies, which would otherwise each be a broken
/// link that never says why.
fn undecodable(made: &images::variants::Made, statics: &[(OutputFile, String)]) -> Result<()> {
    let errors: Vec<Error> = made
        .failed
        .iter()
        .map(|path| {
            let shown = statics
                .iter()
                .find(|(f, _)| f.path == *path)
                .map_or(path.as_str(), |(_, origin)| origin.as_str());
            Error::content(
                error::Location::file(shown),
                "this image cannot be decoded (its file is damaged or not what its name says), so its web-sized copies cannot be made",
            )
            .with_hint("replace it with an image that opens, or remove it and the pages that show it")
        })
        .collect();
    Error::from_list(errors)
}

/// The web-sized copies of the site's images and badge pictures, into `out`.
fn publish_images(
    config: &Config,
    catalog: &images::variants::Catalog,
    (statics, badge_files): (&[(OutputFile, String)], &[OutputFile]),
    pictures: &images::pictures::Pictures,
    out: &mut outflow::Outflow,
) -> (images::variants::Made, images::Prune) {
    let bytes_of = |p: &str| {
        statics
            .iter()
            .map(|(f, _)| f)
            .chain(badge_files)
            .find(|f| f.path == p)
            .and_then(|f| f.body.bytes())
    };
    let (files, made, prune) =
        images::variants::publish(catalog, &cache_dir(config), bytes_of, pictures);
    out.generated(files);
    (made, prune)
}

/// The social preview cards (`og:image`) of every tree: its home page's and each
/// badge page's, into `out`.
fn publish_cards(
    config: &Config,
    theme: &render::theme::Theme,
    built: &[Tree],
    (badge_files, statics): (&[OutputFile], &[(OutputFile, String)]),
    pictures: &images::pictures::Pictures,
    out: &mut outflow::Outflow,
) -> (images::Prune, usize, usize) {
    use images::card::Card;
    let accent = images::card::accent(theme.params.get("accent").and_then(|v| v.as_str()));
    let host = config
        .base_url
        .split_once("://")
        .map_or(config.base_url.as_str(), |(_, rest)| rest)
        .trim_end_matches('/')
        .to_string();
    let raster = |p: &str| images::is_raster(p).then(|| p.trim_start_matches('/').to_string());
    let mut cards = Vec::new();
    for t in built {
        let c = t.config;
        let owner = c.owner.name.clone().unwrap_or_else(|| c.title.clone());
        cards.push(Card {
            path: images::card::home_path(&c.lang_prefix, &c.language),
            title: owner.clone(),
            subtitle: c
                .owner
                .headline
                .clone()
                .or(c.description.clone())
                .unwrap_or_default(),
            footer: host.clone(),
            image: c.owner.avatar.as_deref().and_then(raster),
            accent,
            max_pixels: images::MAX_PIXELS,
        });
        for b in &t.model.site.badges.list {
            let dir = b.url.strip_prefix(&config.base_path).unwrap_or(&b.url);
            let path = format!("{dir}{}", site::badges::CARD);
            // A preview shows none of the page's warnings: a badge that is not
            // verified gets no credential-supplied text or picture on its card
            // (its name could read "VERIFIED: …", its picture say anything), only
            // whose portfolio it is. Cards never carry a status either way.
            if b.status != "verified" {
                cards.push(Card {
                    path,
                    title: owner.clone(),
                    subtitle: String::new(),
                    footer: host.clone(),
                    image: None,
                    accent,
                    max_pixels: images::MAX_BADGE_PIXELS,
                });
                continue;
            }
            cards.push(Card {
                path,
                title: b.name.clone(),
                subtitle: b.issuer.name.clone().unwrap_or_default(),
                footer: format!("{owner} · {host}"),
                image: b.image.as_ref().filter(|i| i.local).map(|i| i.url.clone()),
                accent,
                max_pixels: images::MAX_BADGE_PIXELS,
            });
        }
    }
    let bytes_of = |p: &str| {
        let decoded = util::url::percent_decode(p).unwrap_or_else(|| p.to_string());
        badge_files
            .iter()
            .chain(statics.iter().map(|(f, _)| f))
            .find(|f| f.path == p || f.path == decoded)
            .and_then(|f| f.body.bytes())
    };
    let count = cards.len();
    let (files, prune, drawn) =
        images::card::publish(&cards, &cache_dir(config), bytes_of, pictures);
    out.generated(files);
    (prune, drawn, count - drawn)
}

/// A renderer per tree: the templates compiled with its language's strings.
fn renderers<'a>(
    built: &'a [Tree],
    theme: &'a render::theme::Theme,
    favicon: Option<render::Favicon>,
    cache: Option<&'a Cache>,
    (languages, images): (
        &std::sync::Arc<render::languages::Languages>,
        &std::sync::Arc<images::variants::Catalog>,
    ),
) -> Result<Vec<render::Renderer<'a>>> {
    built
        .iter()
        .map(|t| {
            let tr = t.tr.clone();
            let site = &t.model.site;
            let shared = render::Shared {
                translator: tr,
                languages: languages.clone(),
                images: images.clone(),
            };
            render::Renderer::new(t.config, theme, site, favicon.clone(), cache, shared)
        })
        .collect()
}

/// Each tree reads the same files: a warning about one is said once.
fn merged_warnings(built: &[Tree]) -> Vec<String> {
    let mut warnings: Vec<String> = Vec::new();
    for w in built.iter().flat_map(|t| &t.model.warnings) {
        if !warnings.contains(w) {
            warnings.push(w.clone());
        }
    }
    warnings
}

/// What the report counts: pages of every language, the badges once (every tree
/// verifies the same files), pages rendered.
fn counts(built: &[Tree], cache: Option<&Cache>) -> Report {
    let site = &built[0].model.site;
    let m = &built[0].model;
    let contents = built.iter().map(|t| &t.model.site.content);
    Report {
        rendered: match cache {
            Some(c) => c.html.take_misses(),
            None => site.content.pages.len() + site.content.sections.len() + 1,
        },
        badges_verified: m.verified,
        badges_failed: m.failed,
        badges_expired: m.expired,
        badges_checked: built.iter().map(|t| t.model.badges_checked).sum(),
        pages: contents.clone().map(|c| c.pages.len()).sum(),
        sections: contents.map(|c| c.sections.len()).sum(),
        ..summary(site)
    }
}

/// What every tree's content reads: the site's images and the store of highlighted
/// code (a build's; `serve` has none).
struct SiteWide {
    images: std::sync::Arc<images::variants::Catalog>,
    code: Option<content::highlight::Store>,
    /// Badge pictures, each decoded once for its proof, copies and card.
    pictures: images::pictures::Pictures,
}

impl SiteWide {
    /// The images among the static files; for a build (not `serve`, which has its
    /// markdown memo), the highlighted code kept from earlier runs.
    fn new(config: &Config, build: bool, sources: Vec<images::variants::Source>) -> SiteWide {
        let catalog = images::variants::Catalog::of(sources, &config.base_path);
        SiteWide {
            images: std::sync::Arc::new(catalog),
            code: build.then(|| content::highlight::Store::load(&cache_dir(config))),
            pictures: images::pictures::Pictures::default(),
        }
    }
}

/// Every language's tree, and what their models hand on to the output.
struct Trees<'a> {
    built: Vec<Tree<'a>>,
    badge_files: Vec<OutputFile>,
    missing_pages: Vec<content::MissingPageLink>,
}

/// The model of each language's tree, the default language's first.
fn build_trees<'a>(
    trees: &'a [Config],
    theme: &render::theme::Theme,
    cache: Option<&Cache>,
    site_wide: &SiteWide,
    phases: &mut Phases,
) -> Result<Trees<'a>> {
    let mut built = Vec::with_capacity(trees.len());
    let (mut badge_files, mut missing_pages) = (Vec::new(), Vec::new());
    for tree in trees {
        let tr = std::sync::Arc::new(translator(tree, theme)?);
        let mut model = model(tree, cache, (&tr, site_wide), phases)?;
        missing_pages.append(&mut model.site.content.missing_pages);
        badge_files.append(&mut model.site.badges.files);
        built.push(Tree {
            config: tree,
            tr,
            model,
        });
    }
    Ok(Trees {
        built,
        badge_files,
        missing_pages,
    })
}

/// Which page exists in which language, for alternates and the switcher.
fn languages_of(config: &Config, built: &[Tree]) -> render::languages::Languages {
    render::languages::Languages {
        trees: built
            .iter()
            .map(|t| render::languages::Tree {
                tag: t.config.language.clone(),
                prefix: t.config.lang_prefix.clone(),
                // Only a multilingual site's pages have versions to point at.
                paths: match built.len() {
                    1 => Default::default(),
                    _ => render::languages::paths_of(&t.model.site, &t.config.lang_prefix),
                },
            })
            .collect(),
        base_path: config.base_path.clone(),
        base_url: config.base_url.clone(),
    }
}

/// One language's tree while it is built: its configuration, strings and model.
struct Tree<'a> {
    config: &'a Config,
    tr: std::sync::Arc<i18n::Translator>,
    model: Model,
}

/// Whether a streamed build may be published: no template error, no path claimed
/// twice, no failed write, then no link problem (missing pages always fail; other
/// broken links per `links.on_broken`, or all of them once the build fails anyway).
/// Returns the broken links `warn` only reports.
fn verdict(
    rendered: Result<()>,
    out: &mut outflow::Outflow,
    config: &Config,
    contents: &[&content::Content],
    theme: &render::theme::Theme,
    missing_pages: Vec<content::MissingPageLink>,
) -> Result<Vec<links::BrokenLink>> {
    rendered?;
    let stopped: Vec<Error> = std::mem::take(&mut out.clashes)
        .into_iter()
        .chain(std::mem::take(&mut out.failures))
        .collect();
    Error::from_list(stopped)?;
    let (mut broken, unreachable) = check_links(config, contents, theme, &out.scan)?;
    broken.sort_by(|a, b| (&a.file, a.line, &a.link).cmp(&(&b.file, b.line, &b.link)));
    // A link to a missing page is also a broken link in the output; say it once.
    broken.retain(|b| {
        !missing_pages
            .iter()
            .any(|m| b.source.as_deref() == Some(m.source.as_str()) && b.link == m.link)
    });
    let mut errors: Vec<Error> = missing_pages.into_iter().map(|m| m.error).collect();
    errors.extend(unreachable);
    if config.links_on_broken == config::OnBroken::Error || !errors.is_empty() {
        errors.extend(broken.iter().map(links::BrokenLink::to_error));
    }
    Error::from_list(errors)?;
    Ok(broken)
}

/// Wall time of each stage of a build, for `FOLIO_TIMINGS=1` and benchmarks.
struct Phases(Vec<(&'static str, Duration)>, Instant);

impl Phases {
    fn new() -> Self {
        Phases(Vec::new(), Instant::now())
    }

    fn done(&mut self, name: &'static str) {
        let now = Instant::now();
        self.0.push((name, now - self.1));
        self.1 = now;
    }
}

/// Runs the internal link checker over the finished site, naming each page's source.
fn check_links(
    config: &Config,
    contents: &[&content::Content],
    theme: &render::theme::Theme,
    scan: &links::Scan,
) -> Result<(Vec<links::BrokenLink>, Option<Error>)> {
    // Each page's own HTML: a broken link found outside it came from the theme.
    let bodies: std::collections::HashMap<String, &str> = contents
        .iter()
        .flat_map(|content| {
            content
                .pages
                .iter()
                .map(|p| (format!("{}index.html", p.path), &*p.content))
                .chain(
                    content
                        .sections
                        .iter()
                        .map(|s| (format!("{}index.html", s.path), &*s.content)),
                )
        })
        .collect();
    let sources: std::collections::HashMap<String, String> = contents
        .iter()
        .flat_map(|content| {
            content
                .pages
                .iter()
                .map(|p| (format!("{}index.html", p.path), p.source.clone()))
                .chain(content.sections.iter().filter_map(|s| {
                    let source = s.source.clone()?;
                    Some((format!("{}index.html", s.path), source))
                }))
        })
        .collect();
    let address = links::SiteAddress::new(&config.base_url, &config.base_path);
    let mut broken = links::check(scan, &address, &sources, &config.root);
    let mut unreachable = None;
    if config.check_external_links {
        let mut external_links = links::external_links(scan, &address);
        let config_text = std::fs::read_to_string(config.root.join(config::CONFIG_FILE)).ok();
        broken.extend(links::verifiers::check(
            &config.badges.verifiers,
            &mut external_links,
            &config.base_url,
            config_text.as_deref(),
            links::EXTERNAL_TIMEOUT,
        ));
        let external = links::check_external(
            &external_links,
            &sources,
            &config.root,
            links::EXTERNAL_TIMEOUT,
            links::EXTERNAL_WORKERS,
        );
        broken.extend(external.broken);
        unreachable = external.unreachable.map(|msg| {
            Error::usage(msg).with_hint(
                "connect to the internet to check external links, or run `folio check` without --external",
            )
        });
    }
    for b in &mut broken {
        let in_body = bodies.get(&b.file).is_some_and(|body| {
            body.contains(&b.link) || body.contains(&util::html::escape(&b.link))
        });
        // A link found in the page's source (its text, or a front-matter value such as
        // `image:`) is the page's to fix, whichever template printed it.
        if b.source.is_some()
            && b.source_line.is_none()
            && !in_body
            && b.problem != links::Problem::DuplicateId
        {
            // The template that spells the link out, else the theme as a whole (the
            // link was put together from variables).
            b.theme = Some(
                theme
                    .templates
                    .iter()
                    .find(|t| t.text.contains(&b.link))
                    .map_or_else(
                        || format!("the templates of {}", theme.origin),
                        |t| t.origin.clone(),
                    ),
            );
        }
    }
    Ok((broken, unreachable))
}

type StaticFiles = (
    Vec<OutputFile>,
    images::Cleaned,
    Vec<images::variants::Source>,
);

/// The portfolio's `static/` folder, copied as-is; links that lead outside it are
/// skipped, each with a warning.
/// Raster images lose their metadata (GPS included) unless `images.keep_metadata`.
/// Returns the files, what cleaning found and the sources of web-sized copies.
fn static_files(
    config: &Config,
    cache: Option<&Cache>,
    warnings: &mut Vec<String>,
) -> Result<StaticFiles> {
    let dir = config.root.join("static");
    if !dir.is_dir() {
        return Ok(Default::default());
    }
    let (files, escapes) = util::fs::files_and_escapes(&dir)?;
    for link in escapes {
        let shown = config.shown(link.strip_prefix(&config.root).unwrap_or(&link));
        warnings.push(format!(
            "{}: skipped: the link leads outside the portfolio, and nothing outside it is published",
            shown.display()
        ));
    }
    let files: Vec<OutputFile> = files
        .into_iter()
        .map(|(path, src)| OutputFile {
            path,
            body: Body::Copy(src),
            key: None,
        })
        .collect();
    let shown = |p: &std::path::Path| config.shown(p.strip_prefix(&config.root).unwrap_or(p));
    let memo = cache.map(|c| &c.images);
    images::prepare(files, config.keep_image_metadata, shown, memo)
}

/// The static files to publish: the theme's, with the portfolio's `static/` replacing
/// any of the same path (that is how a learner overrides a theme's CSS); each with who
/// provides it, for errors when a generated page claims the same path.
fn statics(
    theme_files: Vec<OutputFile>,
    static_files: Vec<OutputFile>,
) -> Vec<(OutputFile, String)> {
    let mut out: Vec<(OutputFile, String)> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for f in theme_files {
        at.insert(f.path.clone(), out.len());
        let who = format!("the theme's static/{}", f.path);
        out.push((f, who));
    }
    for f in static_files {
        let who = format!("static/{}", f.path);
        match at.get(&f.path) {
            Some(&i) => out[i] = (f, who),
            None => out.push((f, who)),
        }
    }
    out
}
