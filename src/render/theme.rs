//! Finding a theme's templates and static files: built into the binary (from the
//! project's `themes/` folder) or in a folder on disk, with the portfolio's own
//! `templates/` overriding single templates.

use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};
use crate::write::Body;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_themes.rs"));
}

/// A template's text and where it came from, so errors can name the file.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub name: String,
    pub text: String,
    /// What the user sees in errors: `templates/page.html`, `builtin theme default: page.html`.
    pub origin: String,
}

#[derive(Debug)]
pub struct Theme {
    pub name: String,
    pub templates: Vec<TemplateSource>,
    /// Site-relative output path and contents.
    pub static_files: Vec<(String, Body)>,
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

/// Loads the theme `name` (built-in name or a path relative to `root`), then applies
/// the overrides in `ROOT/templates/`.
pub fn load(root: &Path, name: &str) -> Result<Theme> {
    let mut theme = if builtin_names().contains(&name) {
        load_builtin(name)?
    } else {
        let dir = root.join(name);
        if !dir.join("templates").is_dir() {
            return Err(Error::Config {
                loc: Location::file(crate::config::shown(root, crate::config::CONFIG_FILE)),
                msg: format!("unknown theme `{name}`"),
                hint: Some(format!(
                    "use a built-in theme ({}) or a path to a theme folder with a templates/ folder",
                    builtin_names().join(", ")
                )),
            });
        }
        load_dir(&dir, name)?
    };
    let overrides = root.join("templates");
    if overrides.is_dir() {
        for (rel, path) in files_under(&overrides)? {
            if !rel.ends_with(".html") && !rel.ends_with(".xml") {
                continue;
            }
            let shown = crate::config::shown(root, Path::new("templates").join(&rel));
            let text = crate::error::read_text(&path, &shown)?;
            theme.templates.retain(|t| t.name != rel);
            theme.templates.push(TemplateSource {
                name: rel,
                text,
                origin: shown.display().to_string(),
            });
        }
    }
    Ok(theme)
}

fn load_builtin(name: &str) -> Result<Theme> {
    let prefix = format!("{name}/");
    let mut templates = Vec::new();
    let mut static_files = Vec::new();
    for (path, bytes) in builtin::FILES {
        let Some(rel) = path.strip_prefix(&prefix) else {
            continue;
        };
        if let Some(t) = rel.strip_prefix("templates/") {
            templates.push(TemplateSource {
                name: t.to_string(),
                text: String::from_utf8_lossy(bytes).into_owned(),
                origin: format!("built-in theme `{name}`: templates/{t}"),
            });
        } else if let Some(s) = rel.strip_prefix("static/") {
            static_files.push((s.to_string(), Body::Static(bytes)));
        }
    }
    Ok(Theme {
        name: name.to_string(),
        templates,
        static_files,
    })
}

fn load_dir(dir: &Path, name: &str) -> Result<Theme> {
    let mut templates = Vec::new();
    for (rel, path) in files_under(&dir.join("templates"))? {
        let shown = Path::new(name).join("templates").join(&rel);
        templates.push(TemplateSource {
            text: crate::error::read_text(&path, &shown)?,
            name: rel,
            origin: shown.display().to_string(),
        });
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
    Ok(Theme {
        name: name.to_string(),
        templates,
        static_files,
    })
}

/// Every regular file under `dir` as (`/`-separated relative path, absolute path),
/// skipping hidden files. Symlinks are followed only while they stay inside `dir`: a
/// shared theme must not be able to publish `~/.ssh/id_ed25519` through a link.
pub fn files_under(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let real_dir =
        std::fs::canonicalize(dir).map_err(|e| Error::io(dir, "cannot read folder", e))?;
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            let io = e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("filesystem loop"));
            Error::io(path, "cannot read folder", io)
        })?;
        if entry.path_is_symlink()
            && !std::fs::canonicalize(entry.path()).is_ok_and(|t| t.starts_with(&real_dir))
        {
            continue;
        }
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("under root");
            let rel: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push((rel.join("/"), entry.path().to_path_buf()));
        }
    }
    Ok(out)
}
