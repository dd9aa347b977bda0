//! Themes: a `theme.yaml` manifest, `templates/` and `static/`, either built into the
//! binary (from the project's `themes/` folder) or in a folder on disk. Loading checks
//! the manifest, the folio versions the theme supports, its parameters against the
//! portfolio's `extra:`, and that every template folio renders exists; then the
//! portfolio's own `templates/` override single templates. THEMES.md is the contract.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::error::{Error, Location, Result};
use crate::util::fs::files_under;
use crate::write::Body;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_themes.rs"));
}

/// The manifest file every theme has at its root.
pub const MANIFEST: &str = "theme.yaml";

/// The templates folio renders, and what each one renders. A theme must have all of
/// them; it may have more (a `base.html`, macros, page templates named in front matter).
pub const REQUIRED_TEMPLATES: &[(&str, &str)] = &[
    ("index.html", "the home page"),
    ("page.html", "every page"),
    ("section.html", "each section's index"),
    ("404.html", "the not-found page"),
    ("badges.html", "the badge index"),
    ("badge.html", "each badge's page"),
    ("skills.html", "the skills page"),
];

/// A template's text and where it came from, so errors can name the file.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub name: String,
    pub text: String,
    /// What the user sees in errors: `templates/page.html`, `built-in theme `default`: templates/page.html`.
    pub origin: String,
}

/// `theme.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub name: String,
    /// The theme's own version (semver).
    pub version: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default, alias = "license")]
    pub licence: Option<String>,
    /// The folio versions the theme supports, as a semver requirement (`>=0.1, <0.3`).
    pub folio: String,
    /// A picture of the theme, relative to the theme folder.
    #[serde(default)]
    pub screenshot: Option<String>,
    /// Text the theme renders for a verified badge and never for any other (an
    /// attribute such as `data-folio-verified`); `folio theme check` holds it to that.
    pub verified_marker: String,
    #[serde(default)]
    pub params: BTreeMap<String, Param>,
}

/// One theme parameter: its type, default and meaning. Values come from `extra:`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    #[serde(rename = "type")]
    pub kind: ParamType,
    pub default: serde_yaml::Value,
    #[serde(default)]
    pub description: Option<String>,
    /// The allowed values of a `choice`.
    #[serde(default)]
    pub options: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamType {
    String,
    Bool,
    Integer,
    Number,
    /// A CSS colour: `#rgb`, `#rrggbb`, `#rrggbbaa`, or a CSS colour name.
    #[serde(alias = "color")]
    Colour,
    /// One of `options`.
    Choice,
    /// A list of strings.
    List,
}

impl ParamType {
    fn name(self) -> &'static str {
        match self {
            ParamType::String => "a string",
            ParamType::Bool => "true or false",
            ParamType::Integer => "a whole number",
            ParamType::Number => "a number",
            ParamType::Colour => "a CSS colour like #1f5fbf",
            ParamType::Choice => "one of the options",
            ParamType::List => "a list of strings",
        }
    }
}

impl Param {
    /// Why `value` does not fit this parameter, if it does not.
    pub fn mismatch(&self, value: &serde_yaml::Value) -> Option<String> {
        use serde_yaml::Value as V;
        let fits = match (self.kind, value) {
            (ParamType::String, V::String(_))
            | (ParamType::Bool, V::Bool(_))
            | (ParamType::Number, V::Number(_)) => true,
            (ParamType::Integer, V::Number(n)) => n.is_i64() || n.is_u64(),
            (ParamType::Colour, V::String(s)) => is_colour(s),
            (ParamType::Choice, V::String(s)) => self.options.contains(s),
            (ParamType::List, V::Sequence(items)) => items.iter().all(|i| i.is_string()),
            _ => false,
        };
        if fits {
            return None;
        }
        let shown = serde_yaml::to_string(value).unwrap_or_default();
        let shown = shown.trim();
        Some(match self.kind {
            ParamType::Choice => format!(
                "`{shown}` is not one of {}",
                self.options
                    .iter()
                    .map(|o| format!("`{o}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            kind => format!("`{shown}` is not {}", kind.name()),
        })
    }
}

fn is_colour(s: &str) -> bool {
    match s.strip_prefix('#') {
        Some(hex) => {
            matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit())
        }
        None => !s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic()),
    }
}

#[derive(Debug)]
pub struct Theme {
    pub name: String,
    pub manifest: Manifest,
    /// Where the theme came from, for messages: `built-in theme `default``, `themes/x`.
    pub origin: String,
    /// The folder of a theme on disk (`None` for built-in themes).
    pub dir: Option<PathBuf>,
    /// Parameter values: the manifest's defaults with the portfolio's `extra:` applied.
    pub params: serde_yaml::Mapping,
    pub templates: Vec<TemplateSource>,
    /// Site-relative output path and contents.
    pub static_files: Vec<(String, Body)>,
    /// The theme's own strings, `i18n/LANG.ftl`, over folio's catalogue.
    pub catalogues: Vec<crate::i18n::Catalogue>,
}

/// `i18n/de.ftl` → `de`; anything else under `i18n/` is not a catalogue.
fn catalogue_language(rel: &str) -> Option<&str> {
    let lang = rel.strip_suffix(".ftl")?;
    (!lang.contains('/') && crate::i18n::parse_tag(lang).is_ok()).then_some(lang)
}

/// Names of the built-in themes.
pub fn builtin_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = builtin::FILES
        .iter()
        .filter_map(|(p, _)| p.split('/').next())
        .collect();
    names.dedup();
    names
}

/// The files of the built-in theme `name` as (theme-relative path, bytes).
pub fn builtin_files(name: &str) -> Vec<(&'static str, &'static [u8])> {
    builtin::FILES
        .iter()
        .filter_map(|(path, bytes)| {
            let rel = path.strip_prefix(name)?.strip_prefix('/')?;
            Some((rel, *bytes))
        })
        .collect()
}

/// Loads the portfolio's theme (a built-in name or a path relative to the root),
/// checks it against this folio and the portfolio's `extra:`, then applies the
/// overrides in `ROOT/templates/`.
pub fn load(config: &Config) -> Result<Theme> {
    let root = &config.root;
    let mut theme = load_unchecked(root, &config.theme)?;
    check_folio_version(&theme)?;
    theme.params = params(&theme, config)?;
    let overrides = root.join("templates");
    if overrides.is_dir() {
        for (rel, path) in files_under(&overrides)? {
            if !rel.ends_with(".html") && !rel.ends_with(".xml") {
                continue;
            }
            let shown = crate::config::shown(root, Path::new("templates").join(&rel));
            let text = crate::util::fs::read_text(&path, &shown)?;
            theme.templates.retain(|t| t.name != rel);
            theme.templates.push(TemplateSource {
                name: rel,
                text,
                origin: shown.display().to_string(),
            });
        }
    }
    check_required_templates(&theme)?;
    Ok(theme)
}

/// Reads a theme and its manifest without judging it (for `folio theme check`, which
/// reports every problem rather than the first).
/// Where a theme named in `folio.yaml` or on the command line comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeRef {
    /// A theme compiled into folio.
    Builtin(&'static str),
    /// A theme folder (which may not exist).
    Folder(PathBuf),
}

impl ThemeRef {
    /// A bare built-in name (`default`, `resume`) is the built-in theme, even when a
    /// folder of that name exists (a portfolio may well have a `resume/` folder); any
    /// other name, or a path like `./resume`, is a folder relative to `root`.
    pub fn resolve(root: &Path, name: &str) -> ThemeRef {
        match builtin_names().into_iter().find(|b| *b == name) {
            Some(builtin) => ThemeRef::Builtin(builtin),
            None => ThemeRef::Folder(root.join(name)),
        }
    }
}

pub fn load_unchecked(root: &Path, name: &str) -> Result<Theme> {
    let dir = match ThemeRef::resolve(root, name) {
        ThemeRef::Builtin(builtin) => return load_builtin(builtin),
        ThemeRef::Folder(dir) => dir,
    };
    if !dir.is_dir() {
        return Err(Error::Config {
            loc: Location::file(crate::config::shown(root, crate::config::CONFIG_FILE)),
            msg: format!(
                "unknown theme `{name}`: no built-in theme has that name and there is no folder {}",
                dir.display()
            ),
            hint: Some(match crate::error::suggest(name, builtin_names()) {
                Some(near) => format!("did you mean the built-in theme `{near}`?"),
                None => format!(
                    "use a built-in theme ({}) or the path of a theme folder, e.g. `themes/career-centre`",
                    builtin_names().join(", ")
                ),
            }),
        });
    }
    load_dir(&dir, &crate::config::shown(root, name))
}

fn load_builtin(name: &str) -> Result<Theme> {
    let origin = format!("built-in theme `{name}`");
    let mut templates = Vec::new();
    let mut static_files = Vec::new();
    let mut catalogues = Vec::new();
    let mut manifest_text = None;
    for (rel, bytes) in builtin_files(name) {
        if let Some(t) = rel.strip_prefix("templates/") {
            templates.push(TemplateSource {
                name: t.to_string(),
                text: String::from_utf8_lossy(bytes).into_owned(),
                origin: format!("{origin}: templates/{t}"),
            });
        } else if let Some(s) = rel.strip_prefix("static/") {
            static_files.push((s.to_string(), Body::Static(bytes)));
        } else if let Some(lang) = rel.strip_prefix("i18n/").and_then(catalogue_language) {
            catalogues.push(crate::i18n::Catalogue {
                language: lang.to_string(),
                origin: format!("{origin}: {rel}"),
                text: String::from_utf8_lossy(bytes).into_owned(),
            });
        } else if rel == MANIFEST {
            manifest_text = Some(String::from_utf8_lossy(bytes).into_owned());
        }
    }
    let manifest = parse_manifest(
        manifest_text.as_deref().unwrap_or_default(),
        Path::new(&format!("{origin}: {MANIFEST}")),
    )?;
    Ok(Theme {
        name: name.to_string(),
        manifest,
        origin,
        dir: None,
        params: serde_yaml::Mapping::new(),
        templates,
        static_files,
        catalogues,
    })
}

fn load_dir(dir: &Path, shown: &Path) -> Result<Theme> {
    let manifest_path = dir.join(MANIFEST);
    let shown_manifest = shown.join(MANIFEST);
    if !manifest_path.is_file() {
        return Err(Error::Config {
            loc: Location::file(&shown_manifest),
            msg: format!("{} is not a theme: it has no {MANIFEST}", shown.display()),
            hint: Some(
                "a theme folder holds theme.yaml, templates/ and static/; `folio theme new NAME` makes one"
                    .into(),
            ),
        });
    }
    let manifest = parse_manifest(
        &crate::util::fs::read_text(&manifest_path, &shown_manifest)?,
        &shown_manifest,
    )?;
    let mut templates = Vec::new();
    if dir.join("templates").is_dir() {
        for (rel, path) in files_under(&dir.join("templates"))? {
            let shown = shown.join("templates").join(&rel);
            templates.push(TemplateSource {
                text: crate::util::fs::read_text(&path, &shown)?,
                name: rel,
                origin: shown.display().to_string(),
            });
        }
    }
    let static_dir = dir.join("static");
    let static_files = if static_dir.is_dir() {
        files_under(&static_dir)?
            .into_iter()
            .map(|(rel, path)| (rel, Body::Copy(path)))
            .collect()
    } else {
        Vec::new()
    };
    let mut catalogues = Vec::new();
    if dir.join("i18n").is_dir() {
        for (rel, path) in files_under(&dir.join("i18n"))? {
            let Some(lang) = catalogue_language(&rel) else {
                continue;
            };
            let shown = shown.join("i18n").join(&rel);
            catalogues.push(crate::i18n::Catalogue {
                language: lang.to_string(),
                text: crate::util::fs::read_text(&path, &shown)?,
                origin: shown.display().to_string(),
            });
        }
    }
    Ok(Theme {
        name: manifest.name.clone(),
        manifest,
        origin: shown.display().to_string(),
        dir: Some(dir.to_path_buf()),
        params: serde_yaml::Mapping::new(),
        templates,
        static_files,
        catalogues,
    })
}

/// Parses `theme.yaml` and checks what can be checked from it alone: the version and
/// requirement are valid semver, every default fits its parameter.
pub fn parse_manifest(text: &str, shown: &Path) -> Result<Manifest> {
    let manifest: Manifest = serde_yaml::from_str(text).map_err(|e| {
        let (loc, msg) = crate::config::yaml_error_parts(shown, &e, 0);
        let hint = crate::config::unknown_field_hint(&msg)
            .or_else(|| Some("see the theme.yaml section of THEMES.md".into()));
        Error::Config { loc, msg, hint }
    })?;
    let at = |key: &str| Location {
        path: shown.to_path_buf(),
        line: crate::config::line_of_key(text, key),
        col: None,
    };
    let mut errors = Vec::new();
    if semver::Version::parse(&manifest.version).is_err() {
        errors.push(Error::Config {
            loc: at("version"),
            msg: format!("version `{}` is not a semantic version", manifest.version),
            hint: Some("write it like `1.0.0`".into()),
        });
    }
    if semver::VersionReq::parse(&manifest.folio).is_err() {
        errors.push(Error::Config {
            loc: at("folio"),
            msg: format!("folio `{}` is not a version requirement", manifest.folio),
            hint: Some("write the folio versions the theme supports, like `>=0.1, <0.3`".into()),
        });
    }
    if manifest.verified_marker.trim().is_empty() {
        errors.push(Error::Config {
            loc: at("verified_marker"),
            msg: "verified_marker is empty".into(),
            hint: Some(
                "name the text only verified badges render, e.g. `data-folio-verified`".into(),
            ),
        });
    }
    for (name, param) in &manifest.params {
        if param.kind == ParamType::Choice && param.options.is_empty() {
            errors.push(Error::Config {
                loc: at(name),
                msg: format!("parameter `{name}` is a choice with no options"),
                hint: Some("list the allowed values under `options:`".into()),
            });
        } else if let Some(why) = param.mismatch(&param.default) {
            errors.push(Error::Config {
                loc: at(name),
                msg: format!("the default of parameter `{name}` does not fit its type: {why}"),
                hint: None,
            });
        }
    }
    Error::from_list(errors)?;
    Ok(manifest)
}

/// Refuses a theme that does not support this folio, before anything renders.
pub fn check_folio_version(theme: &Theme) -> Result<()> {
    let ours = semver::Version::parse(env!("CARGO_PKG_VERSION")).expect("our version is semver");
    // parse_manifest already refused an invalid requirement.
    let Ok(req) = semver::VersionReq::parse(&theme.manifest.folio) else {
        return Ok(());
    };
    if req.matches(&ours) {
        return Ok(());
    }
    Err(Error::Config {
        loc: Location::file(format!("{}: {MANIFEST}", theme.origin)),
        msg: format!(
            "theme `{}` {} supports folio {}, and this is folio {ours}",
            theme.manifest.name, theme.manifest.version, theme.manifest.folio
        ),
        hint: Some(
            "use a version of the theme made for this folio (see its changelog), or the folio version it names"
                .into(),
        ),
    })
}

/// The theme's parameter values: defaults, overridden by the portfolio's `extra:`.
/// A key the theme does not declare, or a value of the wrong type, is an error naming
/// the parameter and the theme.
pub fn params(theme: &Theme, config: &Config) -> Result<serde_yaml::Mapping> {
    let declared = &theme.manifest.params;
    let mut values: serde_yaml::Mapping = declared
        .iter()
        .map(|(k, p)| (serde_yaml::Value::String(k.clone()), p.default.clone()))
        .collect();
    let config_file = config.shown(crate::config::CONFIG_FILE);
    let at = |key: &str| Location {
        path: config_file.clone(),
        line: config.extra_lines.get(key).copied(),
        col: None,
    };
    let mut errors = Vec::new();
    for (key, value) in &config.extra {
        let Some(key) = key.as_str() else { continue };
        match declared.get(key) {
            None => {
                let hint = match crate::error::suggest(key, declared.keys().map(String::as_str)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if declared.is_empty() => {
                        format!(
                            "theme `{}` takes no parameters; remove `extra.{key}`",
                            theme.manifest.name
                        )
                    }
                    None => format!(
                        "theme `{}` takes: {}",
                        theme.manifest.name,
                        declared.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                };
                errors.push(Error::Config {
                    loc: at(key),
                    msg: format!(
                        "extra.{key}: theme `{}` has no parameter `{key}`",
                        theme.manifest.name
                    ),
                    hint: Some(hint),
                });
            }
            Some(param) => match param.mismatch(value) {
                Some(why) => errors.push(Error::Config {
                    loc: at(key),
                    msg: format!(
                        "extra.{key}: {why} (parameter `{key}` of theme `{}`)",
                        theme.manifest.name
                    ),
                    hint: param.description.clone(),
                }),
                None => {
                    values.insert(serde_yaml::Value::String(key.to_string()), value.clone());
                }
            },
        }
    }
    Error::from_list(errors)?;
    Ok(values)
}

/// Every template folio renders must exist, in the theme or the portfolio's overrides.
pub fn check_required_templates(theme: &Theme) -> Result<()> {
    let missing: Vec<Error> = REQUIRED_TEMPLATES
        .iter()
        .filter(|(name, _)| !theme.templates.iter().any(|t| t.name == *name))
        .map(|(name, what)| Error::Template {
            loc: Location::file(format!("{}: templates/{name}", theme.origin)),
            page: None,
            msg: format!(
                "theme `{}` has no template `{name}`, which folio renders for {what}",
                theme.manifest.name
            ),
            hint: Some(format!(
                "add templates/{name} to the theme, or to the portfolio's templates/ folder"
            )),
        })
        .collect();
    Error::from_list(missing)
}
