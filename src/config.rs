//! `folio.yaml`: raw serde types that mirror the file, converted once into [`Config`].
//!
//! The raw types reject unknown keys so a typo (`titel:`) is an error that names the
//! key, the file and the line, and suggests the closest valid key, instead of a
//! setting that silently does nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result, suggest};

pub const CONFIG_FILE: &str = "folio.yaml";

/// The default `badges.verifiers`: the Digital Credentials Consortium's VerifierPlus
/// (the link format the DCC Learner Credential Wallet shares) and 1EdTech's validator.
///
/// A template without `{url}` is a service that takes the credential file as an
/// upload (1EdTech's validator at vc.1ed.tech dropped its `?url=` form): badge pages
/// link to it and say to upload the credential, which they offer for download.
pub const DEFAULT_VERIFIERS: &[&str] = &[
    "https://verifierplus.org/#verify?vc={url}",
    "https://vc.1ed.tech/",
];

/// Shared with every other YAML reader (pages, pathways, themes, folio.lock).
pub(crate) use crate::util::yaml::yaml_error_parts;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    language: Option<String>,
    /// Several languages: the first is the default, at the site root; each other one
    /// is a tree under `/LANG/`.
    #[serde(default)]
    languages: Vec<String>,
    /// `/resume.json`: whether it is written, and with the owner's email and phone.
    #[serde(default)]
    resume: RawResume,
    #[serde(default)]
    images: RawImages,
    /// The learner's own wording of single theme strings, per language.
    #[serde(default)]
    translations: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    #[serde(default = "default_theme")]
    theme: RawSetting,
    #[serde(default)]
    output_dir: Option<PathBuf>,
    #[serde(default)]
    cname: Option<String>,
    #[serde(default)]
    owner: RawOwner,
    #[serde(default)]
    favicon: Option<String>,
    #[serde(default)]
    badges: RawBadges,
    #[serde(default)]
    links: RawLinks,
    /// Pathway files (paths inside the portfolio), built-in pathway names, or sources.
    #[serde(default)]
    pathways: Vec<RawSetting>,
    #[serde(default)]
    extra: serde_yaml::Mapping,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImages {
    /// Publish photos with their Exif/XMP/IPTC metadata (GPS included).
    #[serde(default)]
    keep_metadata: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResume {
    #[serde(default = "yes")]
    export: bool,
    #[serde(default)]
    contact: bool,
}

impl Default for RawResume {
    fn default() -> Self {
        RawResume {
            export: true,
            contact: false,
        }
    }
}

impl From<RawResume> for ResumeConfig {
    fn from(raw: RawResume) -> Self {
        ResumeConfig {
            export: raw.export,
            contact: raw.contact,
        }
    }
}

/// `resume:` in folio.yaml.
#[derive(Debug, Clone, Copy)]
pub struct ResumeConfig {
    /// Write `/resume.json` (default on).
    pub export: bool,
    /// Put `owner.email` and the imported phone in it (default off: both stay private
    /// unless the learner says otherwise).
    pub contact: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLinks {
    #[serde(default)]
    on_broken: OnBroken,
}

/// What `build` does with a link inside the site that does not resolve.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OnBroken {
    #[default]
    Error,
    Warn,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOwner {
    #[serde(default)]
    name: Option<String>,
    /// One line for every language, or one per language: `{ en: …, de: … }`.
    #[serde(default)]
    headline: Option<RawLocalized>,
    #[serde(default)]
    email: Option<String>,
    /// More identities badges may name the owner by: emails, URLs, DIDs, `tel:`.
    #[serde(default)]
    identities: Vec<String>,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    avatar: Option<String>,
    #[serde(default)]
    links: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBadges {
    #[serde(default = "default_badge_dir")]
    dir: PathBuf,
    #[serde(default)]
    on_invalid: OnInvalid,
    #[serde(default)]
    on_expired: OnExpired,
    #[serde(default)]
    on_unverifiable: OnUnverifiable,
    #[serde(default = "yes")]
    network: bool,
    #[serde(default)]
    trust: Vec<TrustedIssuer>,
    #[serde(default = "default_verifiers")]
    verifiers: Vec<String>,
    #[serde(default)]
    registries: Vec<RawRegistry>,
    /// Shared sources (a career service's) holding `trust.yaml`: issuers and
    /// registries it vouches for.
    #[serde(default)]
    trust_from: Vec<crate::source::Spec>,
    #[serde(default = "yes")]
    recheck_in_browser: bool,
}

/// One entry of `badges.registries`: a registry, or a list of them (`known: dcc`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawRegistry {
    Known {
        known: String,
    },
    One {
        name: String,
        #[serde(rename = "type")]
        kind: String,
        url: String,
        #[serde(default)]
        governance_url: Option<String>,
    },
}

/// A career service's `trust.yaml`: the issuers it vouches for (as in
/// `badges.trust`) and the registries it uses (as in `badges.registries`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SharedTrust {
    #[serde(default)]
    trust: Vec<TrustedIssuer>,
    #[serde(default)]
    registries: Vec<RawRegistry>,
}

impl SharedTrust {
    fn read(path: &Path, shown: &str) -> Result<SharedTrust> {
        let text = crate::util::fs::read_text(path, Path::new(shown))?;
        serde_yaml::from_str(&text).map_err(|e| {
            let (loc, msg) = yaml_error_parts(Path::new(shown), &e, 0);
            Error::Config {
                loc,
                msg,
                hint: Some("a trust.yaml has `trust:` (id, name, keys) and `registries:` (name, type, url) lists".into()),
            }
        })
    }
}

/// A registry setting, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistrySetting {
    /// A list of registries to fetch: the DCC's (`known: dcc`) or one at a URL.
    Known(String),
    One(crate::badge::registry::Spec),
}

/// The DCC's list of the registries verifiers use.
pub const DCC_KNOWN_REGISTRIES: &str =
    "https://digitalcredentials.github.io/dcc-known-registries/known-did-registries.json";

fn registry_settings(raw: Vec<RawRegistry>) -> Result<Vec<RegistrySetting>> {
    use crate::badge::registry::{Kind, Spec};
    let web = |u: &str| u.starts_with("https://") || u.starts_with("http://");
    raw.into_iter()
        .map(|r| match r {
            RawRegistry::Known { known } if known == "dcc" => {
                Ok(RegistrySetting::Known(DCC_KNOWN_REGISTRIES.to_string()))
            }
            RawRegistry::Known { known } if web(&known) => Ok(RegistrySetting::Known(known)),
            RawRegistry::Known { known } => Err(Error::Config {
                loc: Location::file(CONFIG_FILE),
                msg: format!("badges.registries: `known: {known}` is neither `dcc` nor a URL"),
                hint: Some("write `known: dcc` for the Digital Credentials Consortium's list".into()),
            }),
            RawRegistry::One {
                name,
                kind,
                url,
                governance_url,
            } => {
                let kind = match kind.as_str() {
                    "dcc-legacy" => Kind::Legacy,
                    "oidf" => Kind::Oidf,
                    other => {
                        return Err(Error::Config {
                            loc: Location::file(CONFIG_FILE),
                            msg: format!("badges.registries: `{name}` has type `{other}`"),
                            hint: Some("a registry's type is `dcc-legacy` or `oidf`".into()),
                        });
                    }
                };
                if !web(&url) {
                    return Err(Error::Config {
                        loc: Location::file(CONFIG_FILE),
                        msg: format!("badges.registries: `{name}`'s url `{url}` is not an address"),
                        hint: Some("give the registry's https:// address (for oidf, the trust anchor's entity configuration)".into()),
                    });
                }
                Ok(RegistrySetting::One(Spec {
                    name,
                    kind,
                    url,
                    governance_url,
                }))
            }
        })
        .collect()
}

fn default_verifiers() -> Vec<String> {
    DEFAULT_VERIFIERS.iter().map(|s| s.to_string()).collect()
}

impl Default for RawBadges {
    fn default() -> Self {
        RawBadges {
            dir: default_badge_dir(),
            on_invalid: OnInvalid::default(),
            on_expired: OnExpired::default(),
            on_unverifiable: OnUnverifiable::default(),
            network: true,
            trust: Vec::new(),
            verifiers: default_verifiers(),
            registries: Vec::new(),
            trust_from: Vec::new(),
            recheck_in_browser: true,
        }
    }
}

/// The file as written: its keys and types checked, nothing else yet.
fn raw_config(path: &Path, text: &str) -> Result<RawConfig> {
    if text.trim().is_empty() {
        return Err(Error::Config {
            loc: Location::file(path),
            msg: "folio.yaml is empty".into(),
            hint: Some("it needs at least `title:` and `base_url:`".into()),
        });
    }
    serde_yaml::from_str(text).map_err(|e| config_error(path, text, &e))
}

/// `language:` and `languages:` as one list, the default first, each a checked tag.
fn languages(
    one: Option<String>,
    many: Vec<String>,
    path: &Path,
    text: &str,
) -> Result<Vec<String>> {
    let key = if many.is_empty() {
        "language"
    } else {
        "languages"
    };
    let error = |msg: String, hint: &str| Error::Config {
        loc: key_location(path, text, key),
        msg,
        hint: Some(hint.into()),
    };
    let list = match (one, many) {
        (one, many) if many.is_empty() => vec![one.unwrap_or_else(default_language)],
        (Some(one), many) if one != many[0] => {
            return Err(error(
                format!(
                    "`language: {one}` is not the first of `languages:` ({})",
                    many.join(", ")
                ),
                "the first of `languages:` is the default language: drop `language:` or list it first",
            ));
        }
        (_, many) => many,
    };
    for (i, tag) in list.iter().enumerate() {
        crate::i18n::parse_tag(tag)
            .map_err(|m| error(m, "write a language like `en`, `fr` or `pt-BR`"))?;
        if list[..i].iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            return Err(error(
                format!("`{tag}` is listed twice"),
                "list each language once",
            ));
        }
    }
    Ok(list)
}

/// `translations:` checked: each key a language of the site and each entry a plain
/// message key.
fn translations(
    raw: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    languages: &[String],
    path: &Path,
    text: &str,
) -> Result<std::collections::BTreeMap<String, Vec<(String, String)>>> {
    let mut out = std::collections::BTreeMap::new();
    for (lang, entries) in raw {
        if !languages.iter().any(|l| l.eq_ignore_ascii_case(&lang)) {
            return Err(Error::Config {
                loc: key_location(path, text, "translations"),
                msg: format!("translations for `{lang}`, which is not a language of this site ({})", languages.join(", ")),
                hint: Some("put the strings under the site's language, like `translations: { en: { nav-badges: Credentials } }`".into()),
            });
        }
        for key in entries.keys() {
            let valid = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !valid {
                return Err(Error::Config {
                    loc: key_location(path, text, key),
                    msg: format!("`{key}` is not a message key"),
                    hint: Some("keys are like `nav-badges`; `folio theme check` lists them".into()),
                });
            }
        }
        out.insert(lang, entries.into_iter().collect());
    }
    Ok(out)
}

fn default_language() -> String {
    "en".into()
}
/// Text the owner writes once, or once per language of the site.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawLocalized {
    One(String),
    ByLanguage(std::collections::BTreeMap<String, String>),
}

/// `owner.headline` as (language, text) pairs: one text for every language, or the
/// owner's own per language, each key a language of the site and the default one there
/// (the fallback for a tree with no line of its own).
fn headlines(
    raw: Option<RawLocalized>,
    languages: &[String],
    path: &Path,
    text: &str,
) -> Result<std::collections::BTreeMap<String, String>> {
    let by_language = match raw {
        None => return Ok(Default::default()),
        Some(RawLocalized::One(line)) => {
            return Ok(languages
                .iter()
                .map(|l| (l.clone(), line.clone()))
                .collect());
        }
        Some(RawLocalized::ByLanguage(map)) => map,
    };
    let mut out = std::collections::BTreeMap::new();
    for (lang, line) in by_language {
        let Some(site_lang) = languages.iter().find(|l| l.eq_ignore_ascii_case(&lang)) else {
            return Err(Error::Config {
                loc: key_location(path, text, "headline"),
                msg: format!(
                    "`owner.headline` has a line for `{lang}`, which is not a language of this site ({})",
                    languages.join(", ")
                ),
                hint: Some(format!(
                    "write one line per language of the site, like `headline: {{ {}: … }}`",
                    languages[0]
                )),
            });
        };
        out.insert(site_lang.clone(), line);
    }
    let Some(default) = out.get(&languages[0]).cloned() else {
        return Err(Error::Config {
            loc: key_location(path, text, "headline"),
            msg: format!(
                "`owner.headline` has no line for `{}`, the site's default language",
                languages[0]
            ),
            hint: Some(format!(
                "add `{}: …` under `headline:`; other languages without a line use it",
                languages[0]
            )),
        });
    };
    for lang in languages {
        out.entry(lang.clone()).or_insert_with(|| default.clone());
    }
    Ok(out)
}

/// A theme or pathway: a name or path, or a source (`git:` or `url:`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawSetting {
    Name(String),
    Source(crate::source::Spec),
}

/// A theme or pathway that comes from a source, and where in its tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced {
    pub source: crate::source::Source,
    /// The folder (theme) or file (pathway) inside the source's tree.
    pub path: Option<String>,
}

fn default_theme() -> RawSetting {
    RawSetting::Name(default_theme_name())
}

fn default_theme_name() -> String {
    "default".into()
}
fn default_badge_dir() -> PathBuf {
    "badges".into()
}
fn yes() -> bool {
    true
}

/// What `build` does with a badge that is `failed` or `revoked`: something is wrong
/// with the file itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum OnInvalid {
    #[default]
    Error,
    Omit,
    Show,
}

/// What `build` does with a badge that is `unverifiable`: a format folio does not
/// verify, or a key or status list that could not be fetched. The default shows it,
/// not verified, with a warning, so a slow issuer server cannot take a site offline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OnUnverifiable {
    #[default]
    Show,
    Omit,
    Error,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OnExpired {
    #[default]
    Show,
    Omit,
}

pub use crate::badge::TrustedIssuer;

/// The site's owner as templates see it. The email is deliberately not here: it is
/// only used to match badge recipients and must never reach the output.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Owner {
    pub name: Option<String>,
    pub headline: Option<String>,
    pub location: Option<String>,
    pub avatar: Option<String>,
    pub links: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct BadgeConfig {
    pub dir: PathBuf,
    pub on_invalid: OnInvalid,
    pub on_expired: OnExpired,
    pub on_unverifiable: OnUnverifiable,
    pub network: bool,
    pub trust: Vec<TrustedIssuer>,
    /// URL templates of independent verifiers linked from badge pages (`{url}` is
    /// the published credential's address); empty switches the links off.
    pub verifiers: Vec<String>,
    /// Whether published pages let the browser re-read a verified badge's status
    /// lists (`folio-check.js`); expiry by the visitor's clock is always applied.
    pub recheck_in_browser: bool,
    /// Issuer registries the trust check consults after `trust` (`badges.registries`).
    pub registries: Vec<RegistrySetting>,
    /// Pre-fetched documents (`--documents DIR`) used before the network and cache.
    pub documents: Option<PathBuf>,
}

/// The validated configuration every later stage reads.
#[derive(Debug, Clone)]
pub struct Config {
    /// The portfolio folder; every relative path below is resolved against it.
    pub root: PathBuf,
    pub title: String,
    pub description: Option<String>,
    /// Always ends with `/`.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending with `/` (`/` or `/repo/`).
    pub base_path: String,
    /// The language of the tree being built (the site's, or one of `languages`).
    pub language: String,
    /// Every language of the site, the default first (one unless `languages:`).
    pub languages: Vec<String>,
    /// `owner.headline` by language; `owner.headline` is the tree's.
    headlines: BTreeMap<String, String>,
    pub resume: ResumeConfig,
    /// `images.keep_metadata`: publish raster images with their metadata.
    pub keep_image_metadata: bool,
    /// `translations:`: (key, message) pairs by language.
    pub translations: std::collections::BTreeMap<String, Vec<(String, String)>>,
    /// Where the tree of `language` lives under the site root: `""` for the default
    /// language, `fr/` for another. Every output path and page URL starts with it.
    pub lang_prefix: String,
    pub theme: String,
    pub output_dir: PathBuf,
    pub cname: Option<String>,
    /// The favicon, a path inside `static/` (else `static/favicon.*`, else the theme's).
    pub favicon: Option<String>,
    pub owner: Owner,
    pub owner_email: Option<String>,
    /// Every identity a badge may name the owner by (`owner.email` and
    /// `owner.identities`); compared with recipients, never published.
    pub owner_identities: crate::badge::recipient::Owner,
    pub badges: BadgeConfig,
    pub extra: serde_yaml::Mapping,
    /// The line of each `extra:` key in folio.yaml, for errors about theme parameters
    /// (so nothing reads the file again).
    pub extra_lines: std::collections::BTreeMap<String, u32>,
    pub drafts: bool,
    pub links_on_broken: OnBroken,
    /// Fetch external links too (`folio check --external`); never from the config file.
    pub check_external_links: bool,
    /// The pathways the learner follows: `.yaml` paths inside the portfolio, or names of
    /// built-in pathways.
    pub pathways: Vec<String>,
    /// The theme, when it comes from a source (then `theme` names the source until
    /// [`Config::with_sources`] points it at the fetched tree).
    pub theme_source: Option<Sourced>,
    /// Pathways from sources, and once resolved, their files (shown name, path).
    pub pathway_sources: Vec<Sourced>,
    pub sourced_pathway_files: Vec<(String, PathBuf)>,
    /// `badges.trust_from`: sources whose `trust.yaml` (or `path:`) adds trusted
    /// issuers and registries.
    pub trust_sources: Vec<Sourced>,
    /// How sources may be fetched (`--offline`, `--locked`).
    pub source_mode: crate::source::Mode,
}

/// Command-line settings that override the file.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub offline: bool,
    pub documents: Option<PathBuf>,
    /// Refuse theme and pathway sources that folio.lock lacks.
    pub locked: bool,
    /// `--on-invalid`: replaces `badges.on_invalid` for this run (the scheduled
    /// re-check publishes a newly revoked badge as revoked instead of failing).
    pub on_invalid: Option<OnInvalid>,
}

impl Config {
    /// One configuration per language tree, the default language's first: each with
    /// its `language` and `lang_prefix` (`fr/`). One entry for a one-language site.
    pub fn trees(&self) -> Vec<Config> {
        self.languages
            .iter()
            .enumerate()
            .map(|(i, tag)| Config {
                owner: Owner {
                    headline: self.headlines.get(tag).cloned(),
                    ..self.owner.clone()
                },
                language: tag.clone(),
                lang_prefix: match i {
                    0 => String::new(),
                    _ => format!("{}/", tag.to_ascii_lowercase()),
                },
                ..self.clone()
            })
            .collect()
    }

    /// Reads `ROOT/folio.yaml` and applies command-line overrides.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config> {
        let path = shown(root, CONFIG_FILE);
        if !path.is_file() {
            // Pointing folio at the wrong folder is a usage error (exit 2), not bad content.
            return Err(Error::usage(format!(
                "{}: not found: this folder is not a folio portfolio",
                path.display()
            ))
            .with_hint(format!(
                "run `folio init {}` to create one, or pass --root to point at your portfolio",
                root.display()
            )));
        }
        let text = crate::util::fs::read_text(&path, &path)?;
        Config::parse(root, &path, &text, overrides)
    }

    /// Parses and checks `folio.yaml`, each setting with an error naming the key and
    /// how to fix it.
    pub fn parse(root: &Path, path: &Path, text: &str, overrides: &Overrides) -> Result<Config> {
        let raw = raw_config(path, text)?;

        let owner_identities = crate::badge::recipient::Owner::parse(
            raw.owner.email.iter().chain(&raw.owner.identities).map(String::as_str),
        )
        .map_err(|msg| Error::Config {
            loc: Location::file(path),
            msg: format!("owner identity {msg}"),
            hint: Some(
                "list identities like `ada@example.org`, `did:web:ada.example` or `https://ada.example/`"
                    .into(),
            ),
        })?;
        let base_url = overrides.base_url.clone().unwrap_or(raw.base_url);
        let (base_url, base_path) = normalise_base_url(&base_url).map_err(|msg| Error::Config {
            loc: Location::file(path),
            msg,
            hint: Some("write it like `https://you.github.io/portfolio/` or `/`".into()),
        })?;

        let output_dir = output_dir(root, path, raw.output_dir, overrides)?;
        let languages = languages(raw.language, raw.languages, path, text)?;
        let translations = translations(raw.translations, &languages, path, text)?;
        let headlines = headlines(raw.owner.headline, &languages, path, text)?;
        let headline = headlines.get(&languages[0]).cloned();

        let (theme, theme_source) = theme_setting(raw.theme, path, text)?;
        let trust_sources = trust_sources(raw.badges.trust_from, path, text)?;
        let (pathways, pathway_sources) = pathway_settings(raw.pathways, path, text)?;

        if let Some(cname) = &raw.cname {
            check_cname(cname).map_err(|msg| Error::Config {
                loc: key_location(path, text, "cname"),
                msg,
                hint: Some("write the bare host name, like `portfolio.ada.example`".into()),
            })?;
        }

        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title,
            description: raw.description,
            base_url,
            base_path,
            language: languages[0].clone(),
            headlines,
            languages,
            translations,
            lang_prefix: String::new(),
            resume: raw.resume.into(),
            keep_image_metadata: raw.images.keep_metadata,
            theme,
            theme_source,
            output_dir,
            cname: raw.cname,
            favicon: raw.favicon,
            owner: Owner {
                name: raw.owner.name,
                headline,
                location: raw.owner.location,
                avatar: raw.owner.avatar,
                links: raw.owner.links,
            },
            owner_email: raw.owner.email,
            owner_identities,
            badges: BadgeConfig {
                dir: root.join(raw.badges.dir),
                on_invalid: overrides.on_invalid.unwrap_or(raw.badges.on_invalid),
                on_expired: raw.badges.on_expired,
                on_unverifiable: raw.badges.on_unverifiable,
                network: raw.badges.network && !overrides.offline,
                trust: raw.badges.trust,
                verifiers: raw.badges.verifiers,
                recheck_in_browser: raw.badges.recheck_in_browser,
                registries: registry_settings(raw.badges.registries)?,
                documents: overrides.documents.clone(),
            },
            extra_lines: extra_lines(text, &raw.extra),
            extra: raw.extra,
            drafts: overrides.drafts,
            links_on_broken: raw.links.on_broken,
            check_external_links: false,
            pathways,
            pathway_sources,
            sourced_pathway_files: Vec::new(),
            trust_sources,
            source_mode: if overrides.offline {
                crate::source::Mode::Offline
            } else if overrides.locked {
                crate::source::Mode::Locked
            } else {
                crate::source::Mode::Resolve
            },
        })
    }
}

/// The path of `rel` inside the portfolio as the user would type it: `content/a.md`
/// when building the current folder, `site/content/a.md` with `--root site`.
pub fn shown(root: &Path, rel: impl AsRef<Path>) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        rel.as_ref().to_path_buf()
    } else {
        root.join(rel)
    }
}

impl Config {
    /// Whether any theme or pathway comes from a source.
    pub fn has_sources(&self) -> bool {
        self.theme_source.is_some()
            || !self.pathway_sources.is_empty()
            || !self.trust_sources.is_empty()
    }

    /// Every source, the theme's first.
    pub fn sources(&self) -> Vec<crate::source::Source> {
        self.theme_source
            .iter()
            .chain(&self.pathway_sources)
            .chain(&self.trust_sources)
            .map(|s| s.source.clone())
            .collect()
    }

    /// This config with its sources fetched (per `source_mode`) and checked against
    /// folio.lock: `theme` names the theme's folder, and the sourced pathway files are
    /// listed.
    pub fn with_sources(&self) -> Result<Config> {
        let dirs = crate::source::resolve(&self.root, &self.sources(), self.source_mode)?;
        let mut out = self.clone();
        let mut dirs = dirs.into_iter();
        if let Some(theme) = &self.theme_source {
            let dir = dirs.next().expect("one folder per source");
            let dir = match &theme.path {
                Some(p) => dir.join(p),
                None => dir,
            };
            out.theme = dir.display().to_string();
        }
        for (sourced, dir) in self.pathway_sources.iter().zip(dirs.by_ref()) {
            let file = sourced.path.as_deref().unwrap_or_default();
            out.sourced_pathway_files.push((
                format!(
                    "{} ({}): {file}",
                    sourced.source.key(),
                    sourced.source.requested()
                ),
                dir.join(file),
            ));
        }
        for (sourced, dir) in self.trust_sources.iter().zip(dirs) {
            let file = sourced.path.as_deref().unwrap_or("trust.yaml");
            let shown = format!(
                "{} ({}): {file}",
                sourced.source.key(),
                sourced.source.requested()
            );
            let shared = SharedTrust::read(&dir.join(file), &shown)?;
            out.badges.trust.extend(shared.trust);
            out.badges
                .registries
                .extend(registry_settings(shared.registries)?);
        }
        Ok(out)
    }
}

/// The user name `folio init` writes into `base_url` for the learner to replace.
pub const BASE_URL_PLACEHOLDER: &str = "USERNAME";

impl Config {
    /// See [`shown`].
    pub fn shown(&self, rel: impl AsRef<Path>) -> PathBuf {
        shown(&self.root, rel)
    }

    /// A warning when `base_url` still holds `folio init`'s placeholder: every
    /// absolute link (sitemap, feeds, badge pages shared on LinkedIn) would be wrong.
    pub fn placeholder_warning(&self) -> Option<String> {
        if !self.base_url.contains(BASE_URL_PLACEHOLDER) {
            return None;
        }
        let text = std::fs::read_to_string(self.root.join(CONFIG_FILE)).unwrap_or_default();
        let at = match line_of_key(&text, "base_url") {
            Some(line) => format!("{}:{line}", self.shown(CONFIG_FILE).display()),
            None => self.shown(CONFIG_FILE).display().to_string(),
        };
        Some(format!(
            "{at}: base_url `{}` still has the placeholder `{BASE_URL_PLACEHOLDER}`: set it to your site's address, like https://YOU.github.io/REPO/ (the sitemap, feeds and shared badge links use it)",
            self.base_url
        ))
    }
}
/// Where the site is written: `--out`, or `output_dir` inside the portfolio (a shared
/// or cloned folio.yaml must not write into `~/.ssh`), never inside a folder folio
/// reads.
fn output_dir(
    root: &Path,
    path: &Path,
    raw_output_dir: Option<PathBuf>,
    overrides: &Overrides,
) -> Result<PathBuf> {
    // `output_dir` in the file stays inside the portfolio (a shared or cloned
    // folio.yaml must not write into `~/.ssh`); `--out` is the user's own choice.
    if overrides.out.is_none()
        && let Some(dir) = &raw_output_dir
        && (dir.is_absolute()
            || dir
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir)))
    {
        return Err(Error::Config {
            loc: Location::file(path),
            msg: format!(
                "output_dir `{}` is outside the portfolio",
                dir.display()
            ),
            hint: Some(
                "write a folder inside the portfolio (`public`, `docs`), or pass --out to build elsewhere"
                    .into(),
            ),
        });
    }
    let output_dir = overrides
        .out
        .clone()
        .or(raw_output_dir)
        .unwrap_or_else(|| PathBuf::from("public"));
    let output_dir = if output_dir.is_absolute() {
        output_dir
    } else {
        root.join(output_dir)
    };
    // Inside `static/` or `content/`, each build would copy the last one into itself.
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    for source in ["static", "content"] {
        if absolute(&output_dir).starts_with(absolute(&root.join(source))) {
            return Err(Error::Config {
                loc: Location::file(path),
                msg: format!(
                    "the output folder {} is inside `{source}/`, which folio reads",
                    output_dir.display()
                ),
                hint: Some("choose a folder beside it, like `public` or `docs`".into()),
            });
        }
    }
    Ok(output_dir)
}

/// The error for a malformed source setting (`theme`, `badges.trust_from`,
/// `pathways`), at its key.
fn source_error(path: &Path, text: &str, key: &str, msg: String) -> Error {
    Error::Config {
        loc: key_location(path, text, key),
        msg: format!("{key}: {msg}"),
        hint: Some(
            "a source is `{ git: URL, tag: v1.2.0 }` (or `rev:`, `branch:`) or `{ url: https://…/theme.tar.gz }`"
                .into(),
        ),
    }
}

/// `theme:` as a name (built-in or folder), or a source to fetch.
fn theme_setting(raw: RawSetting, path: &Path, text: &str) -> Result<(String, Option<Sourced>)> {
    Ok(match raw {
        RawSetting::Name(name) => (name, None),
        RawSetting::Source(spec) => {
            let source = spec
                .source()
                .map_err(|m| source_error(path, text, "theme", m))?;
            (
                format!("{} ({})", source.key(), source.requested()),
                Some(Sourced {
                    source,
                    path: spec.path,
                }),
            )
        }
    })
}

/// `badges.trust_from:`, each a source holding a `trust.yaml`.
fn trust_sources(specs: Vec<crate::source::Spec>, path: &Path, text: &str) -> Result<Vec<Sourced>> {
    specs
        .into_iter()
        .map(|spec| {
            let source = spec
                .source()
                .map_err(|m| source_error(path, text, "badges.trust_from", m))?;
            Ok(Sourced {
                source,
                path: spec.path,
            })
        })
        .collect()
}

/// `pathways:`, as files in the portfolio and sources (which must name the file).
fn pathway_settings(
    entries: Vec<RawSetting>,
    path: &Path,
    text: &str,
) -> Result<(Vec<String>, Vec<Sourced>)> {
    let mut pathways = Vec::new();
    let mut pathway_sources = Vec::new();
    for entry in entries {
        match entry {
            RawSetting::Name(name) => pathways.push(name),
            RawSetting::Source(spec) => {
                let source = spec
                    .source()
                    .map_err(|m| source_error(path, text, "pathways", m))?;
                if spec.path.is_none() {
                    return Err(source_error(
                        path,
                        text,
                        "pathways",
                        format!("{} needs `path:`, the pathway file inside it", source.key()),
                    ));
                }
                pathway_sources.push(Sourced {
                    source,
                    path: spec.path,
                });
            }
        }
    }
    Ok((pathways, pathway_sources))
}

/// Splits a base URL into its canonical form and its path prefix. Accepts absolute
/// URLs (`https://host/sub/`) and bare paths (`/sub/`).
fn normalise_base_url(url: &str) -> std::result::Result<(String, String), String> {
    let url = url.trim();
    if url.is_empty() {
        return Err("base_url is empty".into());
    }
    let path = if let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        match rest.find('/') {
            Some(i) => &rest[i..],
            None => "/",
        }
    } else if url.starts_with('/') {
        url
    } else {
        return Err(format!(
            "base_url `{url}` must start with http://, https:// or /"
        ));
    };
    if path.contains(['?', '#']) {
        return Err(format!(
            "base_url `{url}` must not have a query or fragment"
        ));
    }
    let mut base_path = path.to_string();
    if !base_path.ends_with('/') {
        base_path.push('/');
    }
    let mut base_url = url.to_string();
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    Ok((base_url, base_path))
}

/// Converts a serde_yaml error into one naming the file, line and column: a syntax
/// error in plain words with its fix, an unknown key with the closest valid one.
fn config_error(path: &Path, text: &str, e: &serde_yaml::Error) -> Error {
    let (loc, msg) = yaml_error_parts(path, e, 0);
    if let Some(plain) = crate::util::yaml::plain_syntax(text, e) {
        return Error::Config {
            loc: Location::line(path, plain.line + 1),
            msg: plain.msg,
            hint: Some(plain.hint),
        };
    }
    let hint = unknown_field_hint(&msg)
        .or_else(|| Some("see the configuration section of README.md".to_string()));
    Error::Config { loc, msg, hint }
}

/// A custom domain for GitHub Pages' `CNAME` file: one host name, nothing else (a
/// newline would write a second line GitHub reads as garbage).
fn check_cname(cname: &str) -> std::result::Result<(), String> {
    let host = cname.trim();
    let valid_label = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if host.len() > 253 || !host.contains('.') || !host.split('.').all(valid_label) {
        return Err(format!(
            "cname {cname:?} is not a host name (letters, digits, hyphens and dots only; no scheme, path, spaces or line breaks)"
        ));
    }
    Ok(())
}

/// The line of each key under the top-level `extra:` mapping.
fn extra_lines(text: &str, extra: &serde_yaml::Mapping) -> std::collections::BTreeMap<String, u32> {
    let Some(start) = text.lines().position(|l| {
        l.strip_prefix("extra")
            .is_some_and(|r| r.trim_start().starts_with(':'))
    }) else {
        return Default::default();
    };
    // The block: the indented (or blank, or comment) lines after `extra:`.
    let block: Vec<&str> = text
        .lines()
        .skip(start + 1)
        .take_while(|l| l.trim().is_empty() || l.starts_with([' ', '\t', '#']))
        .collect();
    let block = block.join("\n");
    extra
        .keys()
        .filter_map(|k| k.as_str())
        .filter_map(|key| {
            Some((
                key.to_string(),
                line_of_key(&block, key)? + start as u32 + 1,
            ))
        })
        .collect()
}

/// Where `key:` is first written in YAML text (1-based line), at any indentation.
pub(crate) fn line_of_key(text: &str, key: &str) -> Option<u32> {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i as u32 + 1)
}

/// Where `key:` is written in a YAML file, for errors about its value.
fn key_location(path: &Path, text: &str, key: &str) -> Location {
    match line_of_key(text, key) {
        Some(line) => Location::line(path, line),
        None => Location::file(path),
    }
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" message, suggests the
/// closest expected key.
pub(crate) fn unknown_field_hint(msg: &str) -> Option<String> {
    let rest = msg.split("unknown field `").nth(1)?;
    let (field, expected) = rest.split_once('`')?;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match suggest(field, candidates.iter().copied()) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None => Some(format!("valid keys here: {}", candidates.join(", "))),
    }
}

/// One of the owner's links: `github: ada` becomes label `GitHub`, URL
/// `https://github.com/ada`, address `github.com/ada` (for print).
#[derive(Debug, Serialize)]
pub struct OwnerLink {
    pub key: String,
    pub label: String,
    pub url: String,
    pub address: String,
}

pub fn owner_links(config: &Config) -> Vec<OwnerLink> {
    config
        .owner
        .links
        .iter()
        .map(|(key, target)| {
            let url = owner_link_url(key, target);
            let address = url
                .split_once("://")
                .map_or(url.as_str(), |(_, rest)| rest)
                .trim_start_matches("www.")
                .trim_end_matches('/')
                .to_string();
            OwnerLink {
                label: link_label(key),
                key: key.clone(),
                address,
                url,
            }
        })
        .collect()
}

/// The URL of an owner link: as written, or a profile address for a known site.
pub fn owner_link_url(key: &str, target: &str) -> String {
    match key {
        _ if crate::util::url::has_scheme(target) => target.to_string(),
        "github" => format!("https://github.com/{target}"),
        "linkedin" => format!("https://www.linkedin.com/in/{target}"),
        "gitlab" => format!("https://gitlab.com/{target}"),
        "orcid" => format!("https://orcid.org/{target}"),
        _ => target.to_string(),
    }
}

/// How a link key is spelled for people: brands as they write themselves.
fn link_label(key: &str) -> String {
    match key.to_ascii_lowercase().as_str() {
        "github" => "GitHub".into(),
        "gitlab" => "GitLab".into(),
        "linkedin" => "LinkedIn".into(),
        "orcid" => "ORCID".into(),
        "youtube" => "YouTube".into(),
        "stackoverflow" => "Stack Overflow".into(),
        _ => {
            let mut chars = key.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(
            Path::new("/p"),
            Path::new("/p/folio.yaml"),
            text,
            &Overrides::default(),
        )
    }

    #[test]
    fn base_url_forms() {
        assert_eq!(
            normalise_base_url("https://a.github.io/repo").unwrap(),
            ("https://a.github.io/repo/".into(), "/repo/".into())
        );
        assert_eq!(
            normalise_base_url("https://a.github.io").unwrap().1,
            "/".to_string()
        );
        assert_eq!(normalise_base_url("/x/").unwrap().1, "/x/".to_string());
        assert!(normalise_base_url("a.github.io").is_err());
    }

    #[test]
    fn unknown_key_names_line_and_suggests() {
        let err = parse("title: x\nbase_url: /\ntitel: y\n").unwrap_err();
        let Error::Config { loc, msg, hint } = err else {
            panic!("wrong variant")
        };
        assert_eq!(loc.line, Some(3));
        assert_eq!(loc.col, Some(1));
        assert!(msg.contains("titel"), "{msg}");
        assert_eq!(hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn nested_unknown_key() {
        let err = parse("title: x\nbase_url: /\nbadges:\n  on_invalidd: omit\n").unwrap_err();
        let Error::Config { loc, hint, .. } = err else {
            panic!("wrong variant")
        };
        assert_eq!(loc.line, Some(4));
        assert_eq!(hint.as_deref(), Some("did you mean `on_invalid`?"));
    }

    #[test]
    fn defaults() {
        let c = parse("title: x\nbase_url: https://h/sub\n").unwrap();
        assert_eq!(c.base_path, "/sub/");
        assert_eq!(c.theme, "default");
        assert_eq!(c.output_dir, PathBuf::from("/p/public"));
        assert_eq!(c.badges.on_invalid, OnInvalid::Error);
        assert!(c.badges.network);
    }
}
