//! Fenced code blocks highlighted at build time, with CSS classes rather than inline
//! colours (syntect, its bundled Sublime Text syntaxes): a theme's light and dark
//! palettes both apply, and no script runs on the learner's site. The info string
//! follows Zola: `python,linenos,hl_lines=2-3 5`. A language syntect does not know
//! stays plain text.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::util::html::escape;

/// Class names are the scope's atoms, each prefixed: `hl-keyword hl-control`.
const PREFIX: &str = "hl-";
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: PREFIX };

/// Code longer than this is shown plain: highlighting is linear but slow per byte,
/// and a page of a megabyte of code is data, not an example.
const LIMIT: usize = 256 * 1024;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// What the info string asks for.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Info {
    pub lang: String,
    pub linenos: bool,
    /// Lines to mark (1-based, inclusive ranges).
    pub hl_lines: Vec<(usize, usize)>,
}

pub fn parse_info(info: &str) -> Info {
    let mut parts = info
        .split([',', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let lang = parts
        .next()
        .unwrap_or("")
        .trim_start_matches('{')
        .to_string();
    let mut out = Info {
        lang,
        ..Info::default()
    };
    let mut in_hl = false;
    for part in parts {
        if part == "linenos" {
            out.linenos = true;
            in_hl = false;
        } else if let Some(ranges) = part.strip_prefix("hl_lines=") {
            in_hl = true;
            out.hl_lines.extend(range(ranges));
        } else if in_hl {
            // `hl_lines=2-3 5`: later numbers belong to the same list.
            out.hl_lines.extend(range(part));
        }
    }
    out
}

fn range(text: &str) -> Option<(usize, usize)> {
    let (a, b) = text.split_once('-').unwrap_or((text, text));
    let (a, b) = (a.parse().ok()?, b.parse().ok()?);
    (a >= 1 && b >= a).then_some((a, b))
}

/// The whole block: `<pre tabindex="0"><code class="language-x">…</code></pre>`,
/// focusable so keyboard users can scroll it (WCAG 2.1.1).
pub fn block(info_string: &str, code: &str) -> String {
    let info = parse_info(info_string);
    let class = match info.lang.is_empty() {
        true => String::new(),
        false => format!(" class=\"language-{}\"", escape(&info.lang)),
    };
    let syntax = (!info.lang.is_empty() && code.len() <= LIMIT)
        .then(|| syntaxes().find_syntax_by_token(&info.lang))
        .flatten();
    let lines: Vec<String> = match syntax {
        Some(syntax) => highlighted(syntax, code).unwrap_or_else(|| plain(code)),
        None => plain(code),
    };
    let marked = info.linenos || !info.hl_lines.is_empty();
    let mut out = format!(
        "<pre tabindex=\"0\"{}><code{class}>",
        if marked { " class=\"lines\"" } else { "" }
    );
    for (n, line) in lines.iter().enumerate() {
        let number = n + 1;
        if !marked {
            out.push_str(line);
            continue;
        }
        let hl = info
            .hl_lines
            .iter()
            .any(|&(a, b)| (a..=b).contains(&number));
        out.push_str(if hl {
            "<span class=\"line hl\">"
        } else {
            "<span class=\"line\">"
        });
        if info.linenos {
            out.push_str(&format!(
                "<span class=\"ln\" aria-hidden=\"true\">{number}</span>"
            ));
        }
        // The newline stays inside the line, so copying the block copies the code.
        out.push_str(line);
        out.push_str("</span>");
    }
    out.push_str("</code></pre>\n");
    out
}

fn plain(code: &str) -> Vec<String> {
    LinesWithEndings::from(code).map(escape).collect()
}

/// Each line's HTML, complete in itself: the spans still open at its end are closed
/// there and opened again on the next line, so lines can be wrapped one by one.
fn highlighted(syntax: &syntect::parsing::SyntaxReference, code: &str) -> Option<Vec<String>> {
    let set = syntaxes();
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut lines = Vec::new();
    for line in LinesWithEndings::from(code) {
        let reopen: String = stack.as_slice().iter().map(|s| open(*s)).collect();
        let ops = state.parse_line(line, set).ok()?;
        let (html, _) = line_tokens_to_classed_spans(line, &ops, STYLE, &mut stack).ok()?;
        let close = "</span>".repeat(stack.len());
        lines.push(format!("{reopen}{html}{close}"));
    }
    Some(lines)
}

fn open(scope: Scope) -> String {
    let classes: Vec<String> = scope
        .build_string()
        .split('.')
        .map(|atom| format!("{PREFIX}{atom}"))
        .collect();
    format!("<span class=\"{}\">", classes.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_strings_as_zola_writes_them() {
        assert_eq!(
            parse_info("python,linenos,hl_lines=2-3 5"),
            Info {
                lang: "python".into(),
                linenos: true,
                hl_lines: vec![(2, 3), (5, 5)]
            }
        );
        assert_eq!(parse_info("rust").lang, "rust");
        assert!(parse_info("").lang.is_empty());
    }

    #[test]
    fn python_gets_token_spans_and_unknown_languages_stay_plain() {
        let html = block("python", "def f(x):\n    return \"<b>\"  # done\n");
        assert!(html.contains("<span class=\"hl-keyword"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
        assert!(
            html.contains("&quot;&lt;b&gt;&quot;") || html.contains("&lt;b&gt;"),
            "{html}"
        );
        let plain = block("klingon", "a < b\n");
        assert_eq!(
            plain,
            "<pre tabindex=\"0\"><code class=\"language-klingon\">a &lt; b\n</code></pre>\n"
        );
    }

    #[test]
    fn line_numbers_and_marked_lines_wrap_whole_lines() {
        let html = block(
            "python,linenos,hl_lines=2",
            "s = \"\"\"one\ntwo\"\"\"\nx = 1\n",
        );
        assert_eq!(html.matches("<span class=\"line").count(), 3);
        assert_eq!(html.matches("<span class=\"line hl\">").count(), 1);
        assert!(html.contains("<span class=\"ln\" aria-hidden=\"true\">3</span>"));
        // Every line's spans balance: a string across lines is closed and reopened.
        for line in html.split("<span class=\"line").skip(1) {
            let line = &line[..line.rfind("</span>").unwrap()];
            assert_eq!(
                line.matches("<span").count(),
                line.matches("</span>").count(),
                "{line}"
            );
        }
    }
}
