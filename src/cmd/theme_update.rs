//! `folio theme update`: re-resolve a git theme, say what changes (commit and theme
//! version, and loudly when a tag moved under the lock), and, once the new version
//! passes its checks, rewrite folio.lock (and folio.yaml's `tag:` for `--to`).

use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, Config, Overrides};
use crate::error::{Error, Result};
use crate::source::git::{self, Want};
use crate::source::{Entry, Lock, Mode, Source};

/// What an update would do.
pub struct Update {
    pub name: String,
    pub old_version: String,
    pub new_version: String,
    pub old_commit: Option<String>,
    pub new_commit: Option<String>,
    /// The entry being replaced, and the one replacing it.
    pub old_entry: Option<Entry>,
    pub new_entry: Entry,
    /// The new theme's folder (in the cache), for `folio theme check`.
    pub theme_dir: PathBuf,
    /// `--to TAG`: folio.yaml's tag is rewritten too.
    pub new_tag: Option<String>,
    /// Whether the old entry goes: not while a pathway still uses that release.
    pub drop_old: bool,
    pub warnings: Vec<String>,
    /// Releases newer than the tag folio.yaml asks for (without `--to`).
    pub newer: Vec<String>,
}

/// Resolves the theme's source again and fetches the new version; changes nothing.
pub fn plan(root: &Path, to: Option<&str>) -> Result<Update> {
    let config = Config::load(root, &Overrides::default())?;
    let Some(sourced) = &config.theme_source else {
        return Err(Error::usage(format!(
            "the theme `{}` does not come from a source: there is nothing to update",
            config.theme
        ))
        .with_hint("built-in themes change with folio itself; a theme folder in the portfolio is yours to edit"));
    };
    let Source::Git { url, want } = &sourced.source else {
        return Err(Error::usage(
            "the theme comes from an archive: change its `url:` in folio.yaml to the new release",
        ));
    };
    let new_want = match to {
        Some(tag) => Want::Tag(tag.to_string()),
        None => want.clone(),
    };
    let lock = Lock::read(root)?;
    let old_entry = lock
        .find(&sourced.source.key(), &sourced.source.requested())
        .cloned();
    let commit = git::resolve(url, &new_want)?;
    let mut warnings = Vec::new();
    if let (Some(old), Want::Tag(tag)) = (&old_entry, &new_want)
        && new_want == *want
        && let Some(locked) = &old.commit
        && *locked != commit
    {
        warnings.push(format!(
            "THE TAG `{tag}` NOW POINTS TO {commit}, BUT folio.lock SAYS {locked}: the release was changed after you locked it. Review what changed before you commit the new folio.lock."
        ));
    }
    let source = Source::Git {
        url: url.clone(),
        want: new_want.clone(),
    };
    let (new_entry, tree) = crate::source::fetch(&source, Some(&commit))?;
    let theme_dir = match &sourced.path {
        Some(p) => tree.join(p),
        None => tree,
    };
    let new_theme =
        crate::render::theme::load_unchecked(Path::new("/"), &theme_dir.display().to_string())?;
    crate::render::theme::check_folio_version(&new_theme)?;
    let old_version = match &old_entry {
        Some(old) => crate::source::materialise(root, &sourced.source, old, Mode::Offline)
            .ok()
            .map(|dir| match &sourced.path {
                Some(p) => dir.join(p),
                None => dir,
            })
            .and_then(|dir| {
                crate::render::theme::load_unchecked(Path::new("/"), &dir.display().to_string())
                    .ok()
            })
            .map_or_else(|| "?".to_string(), |t| t.manifest.version),
        None => "(not locked)".to_string(),
    };
    let newer = match (&new_want, to) {
        (Want::Tag(tag), None) => git::newer_tags(url, tag).unwrap_or_default(),
        _ => Vec::new(),
    };
    Ok(Update {
        name: new_theme.manifest.name.clone(),
        old_version,
        new_version: new_theme.manifest.version.clone(),
        old_commit: old_entry.as_ref().and_then(|e| e.commit.clone()),
        new_commit: new_entry.commit.clone(),
        old_entry,
        new_entry,
        theme_dir,
        new_tag: to.map(str::to_string),
        // Moving to a new tag keeps the old entry while a pathway still uses it.
        drop_old: new_want == *want
            || !config
                .pathway_sources
                .iter()
                .any(|p| p.source == sourced.source),
        warnings,
        newer,
    })
}

/// Writes the update: folio.lock, and folio.yaml's `tag:` when moving to a new tag.
pub fn apply(root: &Path, update: &Update) -> Result<()> {
    if let Some(tag) = &update.new_tag {
        let path = root.join(CONFIG_FILE);
        let text =
            std::fs::read_to_string(&path).map_err(|e| Error::io(&path, "cannot read file", e))?;
        let new = retag(&text, tag).ok_or_else(|| {
            Error::usage("folio.yaml's theme has no `tag:` line to move").with_hint(format!(
                "write `tag: {tag}` under `theme:` yourself, then run `folio theme update`"
            ))
        })?;
        std::fs::write(&path, new).map_err(|e| Error::io(&path, "cannot write file", e))?;
    }
    let mut lock = Lock::read(root)?;
    if let Some(old) = update.old_entry.as_ref().filter(|_| update.drop_old) {
        lock.sources
            .retain(|e| !(e.source == old.source && e.requested == old.requested));
    }
    lock.put(update.new_entry.clone());
    lock.write(root)
}

/// `text` with the `tag:` of its `theme:` setting set to `tag`, if it has one.
fn retag(text: &str, tag: &str) -> Option<String> {
    let mut out = Vec::new();
    let mut in_theme = false;
    let mut done = false;
    for line in text.lines() {
        let indented = line.starts_with(' ') || line.starts_with('\t');
        if line.starts_with("theme:") {
            in_theme = true;
        } else if !indented && !line.trim().is_empty() {
            in_theme = false;
        }
        if in_theme
            && !done
            && let Some(at) = line.find("tag:")
        {
            let before = &line[..at];
            let rest = &line[at + 4..];
            // A flow mapping (`{ git: …, tag: v1 }`) keeps what follows the value.
            let end = rest.find([',', '}']).unwrap_or(rest.len());
            let value_end = rest[..end].trim_end().len();
            out.push(format!("{before}tag: {tag}{}", &rest[value_end..]));
            done = true;
            continue;
        }
        out.push(line.to_string());
    }
    done.then(|| out.join("\n") + if text.ends_with('\n') { "\n" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::retag;

    #[test]
    fn retags_block_and_flow_settings() {
        assert_eq!(
            retag(
                "title: x\ntheme:\n  git: https://g/t\n  tag: v1.0.0\nextra: {}\n",
                "v2.0.0"
            )
            .unwrap(),
            "title: x\ntheme:\n  git: https://g/t\n  tag: v2.0.0\nextra: {}\n"
        );
        assert_eq!(
            retag("theme: { git: https://g/t, tag: v1 }\n", "v2").unwrap(),
            "theme: { git: https://g/t, tag: v2 }\n"
        );
        assert_eq!(retag("theme: default\n", "v2"), None);
        assert_eq!(
            retag("theme:\n  git: u\n  branch: main\nx:\n  tag: y\n", "v2"),
            None
        );
    }
}
