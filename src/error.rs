//! One error type for the whole crate.
//!
//! Variants are named after what the user got wrong, not after the dependency that
//! noticed it, and every error that comes from a file carries a [`Location`] so it
//! prints as `path:line:col: message`. `main` prints the error, its hint and its
//! causes once; library code never prints.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in a file something went wrong. Lines and columns are 1-based and relative
/// to the whole file (front-matter offsets are already added).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: Option<u32>,
    pub col: Option<u32>,
}

impl Location {
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            line: None,
            col: None,
        }
    }

    pub fn at(path: impl Into<PathBuf>, line: u32, col: u32) -> Self {
        Location {
            path: path.into(),
            line: Some(line),
            col: Some(col),
        }
    }

    pub fn line(path: impl Into<PathBuf>, line: u32) -> Self {
        Location {
            path: path.into(),
            line: Some(line),
            col: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.col {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `folio.yaml` is missing, malformed or holds a value folio cannot use.
    #[error("{loc}: {msg}")]
    Config {
        loc: Location,
        msg: String,
        hint: Option<String>,
    },

    /// A page's front matter is missing its closing fence or is not valid YAML.
    #[error("{loc}: {msg}")]
    FrontMatter {
        loc: Location,
        msg: String,
        hint: Option<String>,
    },

    /// Content that parses but cannot be built: two files claiming one URL, a link
    /// to a page that does not exist, a file that is not UTF-8.
    #[error("{loc}: {msg}")]
    Content {
        loc: Location,
        msg: String,
        hint: Option<String>,
    },

    /// A theme template failed to parse or render. `loc` names the template (and
    /// line, where known); `page` the page being rendered.
    #[error("{loc}: {}{msg}", rendering(page))]
    Template {
        loc: Location,
        page: Option<String>,
        msg: String,
        hint: Option<String>,
    },

    /// A badge failed verification and the config says that stops the build.
    #[error("{loc}: {msg}")]
    Badge {
        loc: Location,
        msg: String,
        hint: Option<String>,
    },

    /// The output folder holds files folio did not write; replacing it could lose them.
    #[error("{}: refusing to replace an output folder that folio did not write", path.display())]
    OutputNotOurs { path: PathBuf },

    /// The command line asked for something impossible.
    #[error("{msg}")]
    Usage { msg: String, hint: Option<String> },

    /// Reading or writing a file failed.
    #[error("{}: {action}: {source}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        source: std::io::Error,
    },

    /// Several independent errors found in one pass; each is reported.
    #[error("{} errors", .0.len())]
    Many(Vec<Error>),

    /// `serve` stopped a build because a newer change arrived (never shown: the
    /// next build starts at once).
    #[error("a newer change arrived, so this build was stopped")]
    Superseded,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A `--documents` folder's index: unreadable (an I/O error) or wrong at a line.
impl From<crate::badge::folder::IndexError> for Error {
    fn from(e: crate::badge::folder::IndexError) -> Self {
        use crate::badge::folder::IndexProblem;
        let loc = Location {
            path: e.path,
            line: e.line,
            col: None,
        };
        match e.problem {
            IndexProblem::Unreadable(io) => Error::io(&loc.path, "cannot read file", io),
            IndexProblem::NotUtf8 => {
                Error::content(loc, e.message).with_hint("save the file as UTF-8 in your editor")
            }
            IndexProblem::BadLine => Error::content(loc, e.message),
        }
    }
}

fn rendering(page: &Option<String>) -> String {
    page.as_ref()
        .map(|p| format!("while rendering {p}: "))
        .unwrap_or_default()
}

impl Error {
    pub fn io(path: impl AsRef<Path>, action: &'static str, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            action,
            source,
        }
    }

    pub fn content(loc: Location, msg: impl Into<String>) -> Self {
        Error::Content {
            loc,
            msg: msg.into(),
            hint: None,
        }
    }

    pub fn usage(msg: impl Into<String>) -> Self {
        Error::Usage {
            msg: msg.into(),
            hint: None,
        }
    }

    /// Attaches (or replaces) the "how to fix it" line shown under the error.
    pub fn with_hint(mut self, new_hint: impl Into<String>) -> Self {
        match &mut self {
            Error::Config { hint, .. }
            | Error::FrontMatter { hint, .. }
            | Error::Content { hint, .. }
            | Error::Template { hint, .. }
            | Error::Badge { hint, .. }
            | Error::Usage { hint, .. } => *hint = Some(new_hint.into()),
            Error::OutputNotOurs { .. } | Error::Io { .. } | Error::Many(_) | Error::Superseded => {
            }
        }
        self
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Config { hint, .. }
            | Error::FrontMatter { hint, .. }
            | Error::Content { hint, .. }
            | Error::Template { hint, .. }
            | Error::Badge { hint, .. }
            | Error::Usage { hint, .. } => hint.clone(),
            Error::OutputNotOurs { .. } => Some(
                "folio only replaces an empty folder or one it wrote itself (it holds a \
                 `.folio-output` marker); choose another folder with --out, or empty this one"
                    .into(),
            ),
            Error::Io { .. } | Error::Many(_) | Error::Superseded => None,
        }
    }

    /// The file (and line) the error is about, when it is about one.
    pub fn location(&self) -> Option<Location> {
        match self {
            Error::Config { loc, .. }
            | Error::FrontMatter { loc, .. }
            | Error::Content { loc, .. }
            | Error::Template { loc, .. }
            | Error::Badge { loc, .. } => Some(loc.clone()),
            Error::OutputNotOurs { path } | Error::Io { path, .. } => {
                Some(Location::file(path.clone()))
            }
            Error::Usage { .. } | Error::Many(_) | Error::Superseded => None,
        }
    }

    /// Flattens nested [`Error::Many`] into the list of individual errors.
    pub fn flatten(self) -> Vec<Error> {
        match self {
            Error::Many(errors) => errors.into_iter().flat_map(Error::flatten).collect(),
            other => vec![other],
        }
    }

    /// Builds one error from several: none is `Ok`, one is itself, more are `Many`.
    pub fn from_list(mut errors: Vec<Error>) -> Result<()> {
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            _ => Err(Error::Many(errors)),
        }
    }

    /// Exit code class: I/O and usage errors are 2, everything the user's content got
    /// wrong is 1.
    pub fn is_usage_or_io(&self) -> bool {
        match self {
            Error::Io { .. } | Error::Usage { .. } | Error::OutputNotOurs { .. } => true,
            Error::Many(errors) => errors.iter().all(Error::is_usage_or_io),
            _ => false,
        }
    }
}

/// The error as plain text, one problem per line with its hint, as `main` prints it;
/// used where the error is shown somewhere other than the terminal (the browser).
pub fn render_plain(e: &Error) -> String {
    let mut out = String::new();
    let errors: Vec<&Error> = match e {
        Error::Many(list) => list.iter().collect(),
        one => vec![one],
    };
    for err in errors {
        out.push_str(&format!("error: {err}\n"));
        if let Some(hint) = err.hint() {
            out.push_str(&format!("  hint: {hint}\n"));
        }
    }
    out
}

/// Closest candidate by edit distance, if it is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Optimal-string-alignment distance: edits, with a swap of neighbours counted as one
/// (the commonest typo in a key name).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_display() {
        assert_eq!(Location::at("a.md", 3, 4).to_string(), "a.md:3:4");
        assert_eq!(Location::line("a.md", 3).to_string(), "a.md:3");
        assert_eq!(Location::file("a.md").to_string(), "a.md");
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("titel", ["title", "theme"]), Some("title"));
        assert_eq!(suggest("bse_url", ["base_url", "title"]), Some("base_url"));
        assert_eq!(suggest("zzzzzz", ["title", "theme"]), None);
    }
}
