//! Splitting a page into YAML front matter and markdown body, and reading the front
//! matter into typed fields.
//!
//! Errors name the line in the *file*, not in the front-matter block: serde_yaml counts
//! from the block's first line, so the opening fence is added back.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::config::yaml_error_parts;
use crate::error::{Error, Location, Result};

const FENCE: &str = "---";

/// A page's text split in two, with where the body starts.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences, if the file has front matter.
    pub yaml: Option<&'a str>,
    pub body: &'a str,
    /// 0-based line of the file on which `body` starts.
    pub body_line: u32,
}

/// Splits `text` at its `---` fences. A file that does not start with `---` has no
/// front matter; one that starts with it but never closes it is an error.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != FENCE {
        return Ok(Split {
            yaml: None,
            body: text,
            body_line: 0,
        });
    }
    let mut pos = first_line_end;
    let mut line = 1u32;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..end].trim_end() == FENCE {
            return Ok(Split {
                yaml: Some(&text[first_line_end..pos]),
                body: &text[end..],
                body_line: line + 1,
            });
        }
        pos = end;
        line += 1;
    }
    Err(Error::FrontMatter {
        loc: Location::line(path, 1),
        msg: "front matter is opened with `---` but never closed".into(),
        hint: Some("add a line with just `---` after the last front-matter key".into()),
    })
}

/// A page without front matter whose first lines read like front matter, and a `---`
/// under them: its opening fence is missing (markdown would make the lines a heading).
/// The 1-based line of the first key.
pub fn missing_fence(body: &str) -> Option<u32> {
    let mut lines = body
        .lines()
        .enumerate()
        .skip_while(|(_, l)| l.trim().is_empty());
    let (first, line) = lines.next()?;
    let key = line.split_once(':')?.0;
    if !KNOWN_KEYS.contains(&key) {
        return None;
    }
    lines
        .take(40)
        .any(|(_, l)| l.trim_end() == FENCE)
        .then_some(first as u32 + 1)
}

/// The front-matter keys folio knows. Everything else lands in `extra`.
#[derive(Debug, Default, Clone, Serialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub skills: Vec<String>,
    pub draft: bool,
    pub weight: Option<i64>,
    pub template: Option<String>,
    pub image: Option<String>,
    pub links: BTreeMap<String, String>,
    pub badges: Vec<String>,
    /// The language of this page's text when it is not the site's (`language: fr`).
    pub language: Option<String>,
    pub extra: BTreeMap<String, serde_yaml::Value>,
    /// Keys that look like a misspelt known key (`titel:`), as warnings: they still
    /// go to `extra`, since themes may read keys of their own.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// The keys read into [`FrontMatter`]'s own fields.
const KNOWN_KEYS: &[&str] = &[
    "title", "date", "summary", "tags", "skills", "draft", "weight", "template", "image", "links",
    "badges", "language",
];

/// Parses front-matter YAML. `first_line` is the 1-based file line the YAML starts on.
pub fn parse(path: &Path, yaml: &str, first_line: u32) -> Result<FrontMatter> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    let map: serde_yaml::Mapping = serde_yaml::from_str(yaml).map_err(|e| {
        if let Some(plain) = crate::util::yaml::plain_syntax(yaml, &e) {
            return Error::FrontMatter {
                loc: Location::line(path, first_line + plain.line),
                msg: format!("invalid front matter: {}", plain.msg),
                hint: Some(plain.hint),
            };
        }
        let (loc, msg) = yaml_error_parts(path, &e, first_line - 1);
        Error::FrontMatter {
            loc,
            msg: format!("invalid front matter: {msg}"),
            hint: Some(
                "front matter is YAML: `key: value`, one per line; quote values that contain `: `"
                    .into(),
            ),
        }
    })?;

    let mut fm = FrontMatter::default();
    for (key, value) in map {
        let Some(key) = key.as_str().map(str::to_owned) else {
            return Err(Error::FrontMatter {
                loc: Location::line(path, first_line),
                msg: "front-matter keys must be text".into(),
                hint: None,
            });
        };
        let field = Field {
            path,
            yaml,
            first_line,
            key: &key,
        };
        match key.as_str() {
            "title" => fm.title = Some(field.get(value)?),
            "date" => fm.date = Some(field.date(value)?),
            "summary" => fm.summary = Some(field.get(value)?),
            "tags" => fm.tags = field.get(value)?,
            "skills" => fm.skills = field.get(value)?,
            "draft" => fm.draft = field.get(value)?,
            "weight" => fm.weight = Some(field.get(value)?),
            "template" => fm.template = Some(field.get(value)?),
            "image" => fm.image = Some(field.get(value)?),
            "links" => fm.links = field.get(value)?,
            "badges" => fm.badges = field.get(value)?,
            "language" => {
                let tag: String = field.get(value)?;
                crate::i18n::parse_tag(&tag).map_err(|msg| Error::FrontMatter {
                    loc: Location::line(path, field.line()),
                    msg,
                    hint: Some("the language of this page's text, like `language: fr`".into()),
                })?;
                fm.language = Some(tag);
            }
            _ => {
                if let Some(known) =
                    crate::error::suggest(&key.to_lowercase(), KNOWN_KEYS.iter().copied())
                {
                    let line = field.line();
                    fm.warnings.push(format!(
                        "{}:{line}: unknown front-matter key `{key}`: did you mean `{known}`? (kept as `page.extra.{key}`)",
                        path.display()
                    ));
                }
                fm.extra.insert(key, value);
            }
        }
    }
    Ok(fm)
}

/// One known key being read, with what is needed to point at its line on error.
struct Field<'a> {
    path: &'a Path,
    yaml: &'a str,
    first_line: u32,
    key: &'a str,
}

impl Field<'_> {
    fn get<T: DeserializeOwned>(&self, value: serde_yaml::Value) -> Result<T> {
        serde_yaml::from_value(value).map_err(|e| {
            let (_, msg) = yaml_error_parts(self.path, &e, 0);
            let error = self.error(format!("`{}`: {msg}", self.key));
            match type_hint(self.key) {
                Some(hint) => error.with_hint(hint),
                None => error,
            }
        })
    }

    /// Dates are kept as ISO 8601 text after checking they parse: a date
    /// (`2024-05-01`) or a date-time with offset (`2024-05-01T09:30:00Z`).
    fn date(&self, value: serde_yaml::Value) -> Result<String> {
        let text: String = self.get(value)?;
        if crate::content::parse_date(&text).is_none() {
            return Err(self
                .error(format!("`date`: `{text}` is not a date"))
                .with_hint("write dates as YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SSZ"));
        }
        Ok(text)
    }

    /// The file line of the key (serde_yaml's values carry no positions).
    fn line(&self) -> u32 {
        self.yaml
            .lines()
            .position(|l| {
                l.strip_prefix(self.key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
            .map_or(self.first_line, |i| self.first_line + i as u32)
    }

    fn error(&self, msg: String) -> Error {
        Error::FrontMatter {
            loc: Location::line(self.path, self.line()),
            msg,
            hint: None,
        }
    }
}

/// What a known key's value looks like, for type errors.
fn type_hint(key: &str) -> Option<&'static str> {
    Some(match key {
        "draft" => "write `draft: true` or `draft: false`",
        "weight" => "a whole number: `weight: 2` (lower comes first)",
        "tags" | "skills" | "badges" => "a list: `tags: [python, sql]`, or one `- item` per line",
        "links" => "a map of label to URL: `links: { code: https://github.com/you/repo }`",
        "title" | "summary" | "template" | "image" | "date" => {
            "text; put it in quotes if it contains `: ` or starts with a special character"
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("c/a.md")
    }

    #[test]
    fn split_with_and_without_front_matter() {
        let s = split(p(), "---\ntitle: a\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, Some("title: a\n"));
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 3);
        let s = split(p(), "# hi\n").unwrap();
        assert_eq!(s.yaml, None);
        assert_eq!(s.body_line, 0);
        let s = split(p(), "---\r\ntitle: a\r\n---\r\nx").unwrap();
        assert_eq!(s.yaml, Some("title: a\r\n"));
        assert_eq!(s.body, "x");
    }

    #[test]
    fn unclosed_is_an_error_on_line_1() {
        let e = split(p(), "---\ntitle: a\nbody\n").unwrap_err();
        assert_eq!(e.to_string().split(": ").next(), Some("c/a.md:1"));
    }

    #[test]
    fn yaml_error_line_is_file_relative() {
        // line 1 is the fence; the bad line is the file's line 3.
        let e = parse(p(), "title: a\ntags: [x\n", 2).unwrap_err();
        let Error::FrontMatter { loc, .. } = e else {
            panic!()
        };
        assert!(loc.line.unwrap() >= 3, "{loc}");
        // An error on the block's first line is reported on the file's line 2.
        let e = parse(p(), ": : :\n", 2).unwrap_err();
        let Error::FrontMatter { loc, .. } = e else {
            panic!()
        };
        assert_eq!(loc.line, Some(2), "{loc}");
    }

    #[test]
    fn wrong_type_names_key_line() {
        let e = parse(p(), "title: a\ndraft: maybe\n", 2).unwrap_err();
        let Error::FrontMatter { loc, msg, .. } = e else {
            panic!()
        };
        assert_eq!(loc.line, Some(3));
        assert!(msg.contains("draft"), "{msg}");
    }

    #[test]
    fn unknown_keys_go_to_extra() {
        let fm = parse(p(), "title: a\nmood: happy\ndate: 2024-01-02\n", 2).unwrap();
        assert_eq!(fm.title.as_deref(), Some("a"));
        assert_eq!(fm.date.as_deref(), Some("2024-01-02"));
        assert!(fm.extra.contains_key("mood"));
    }
}
