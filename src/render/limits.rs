//! Bounds on how deeply a template nests. Tera parses, evaluates and drops expressions
//! and tags by recursing on the native stack: `{{ 1+1+…+1 }}` with 100,000 terms or
//! 30,000 nested `{% if %}` overflow it and abort the process, which no error handler
//! can catch. A theme is untrusted, so every template is scanned before Tera sees it,
//! and one that nests deeper than any real theme does is a template error naming the
//! file and line.

use crate::error::{Error, Location};

/// Nested block tags (`if`, `for`, `block`, `macro`, `filter`) in one template.
pub const MAX_BLOCK_DEPTH: usize = 64;
/// Nested brackets in one tag.
pub const MAX_BRACKET_DEPTH: usize = 64;
/// Operators (`+`, `and`, `==`, `~`, …) in one tag: each makes the tree one deeper.
pub const MAX_OPERATORS: usize = 256;

/// The first place `text` goes beyond a bound, as an error on `origin`.
pub fn check(origin: &str, text: &str) -> Option<Error> {
    let fail = |at: usize, msg: String| {
        let line = text[..at].matches('\n').count() as u32 + 1;
        Some(Error::Template {
            loc: Location::line(origin, line),
            page: None,
            msg,
            hint: Some("split the template into smaller parts (THEMES.md: limits)".into()),
        })
    };
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(found) = text[at..].find('{') {
        let start = at + found;
        let rest = &text[start..];
        let close = if rest.starts_with("{{") {
            "}}"
        } else if rest.starts_with("{%") {
            "%}"
        } else if rest.starts_with("{#") {
            at = start + rest.find("#}").map_or(rest.len(), |e| e + 2);
            continue;
        } else {
            at = start + 1;
            continue;
        };
        let body_start = start + 2;
        let Some(body_len) = tag_end(&text[body_start..], close) else {
            return None; // unterminated: Tera reports it
        };
        let body = &text[body_start..body_start + body_len];
        at = body_start + body_len + 2;
        let (brackets, operators) = measure(body);
        if brackets > MAX_BRACKET_DEPTH {
            return fail(
                start,
                format!("brackets nested {brackets} deep in one tag (at most {MAX_BRACKET_DEPTH})"),
            );
        }
        if operators > MAX_OPERATORS {
            return fail(
                start,
                format!("{operators} operators in one tag (at most {MAX_OPERATORS})"),
            );
        }
        if close == "%}" {
            let word = body
                .trim_matches(|c: char| c == '-' || c.is_whitespace())
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .next()
                .unwrap_or("");
            match word {
                "if" | "for" | "block" | "macro" | "filter" => {
                    depth += 1;
                    if depth > MAX_BLOCK_DEPTH {
                        return fail(
                            start,
                            format!("block tags nested {depth} deep (at most {MAX_BLOCK_DEPTH})"),
                        );
                    }
                }
                "endif" | "endfor" | "endblock" | "endmacro" | "endfilter" => {
                    depth = depth.saturating_sub(1)
                }
                // Nothing inside raw is parsed.
                "raw" => at = text[at..].find("endraw").map_or(text.len(), |e| at + e),
                _ => {}
            }
        }
    }
    None
}

/// Length of a tag's body up to `close`, skipping string literals. Works on bytes:
/// quotes and `close` are ASCII, so every index it returns is a char boundary.
fn tag_end(body: &str, close: &str) -> Option<usize> {
    let bytes = body.as_bytes();
    let close = close.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'"' | b'\'' | b'`') => {
                i += 1 + bytes[i + 1..].iter().position(|&b| b == q)?;
            }
            _ if bytes[i..].starts_with(close) => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Deepest bracket nesting and number of operators in a tag body.
fn measure(body: &str) -> (usize, usize) {
    let (mut depth, mut deepest, mut operators) = (0usize, 0usize, 0usize);
    let mut word = String::new();
    let mut quote = None;
    for c in body.chars() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        if matches!(word.as_str(), "and" | "or" | "not" | "in" | "is") {
            operators += 1;
        }
        word.clear();
        match c {
            '"' | '\'' | '`' => quote = Some(c),
            '(' | '[' | '{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            '+' | '-' | '*' | '/' | '%' | '~' | '<' | '>' | '=' | '!' => operators += 1,
            _ => {}
        }
    }
    if matches!(word.as_str(), "and" | "or" | "not" | "in" | "is") {
        operators += 1;
    }
    (deepest, operators)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multibyte_text_in_tags_is_fine() {
        assert!(check("t.html", "{{ \"·\" ~ x }}{% if a %}·{% endif %}{{ x·y }}").is_none());
    }

    #[test]
    fn ordinary_templates_pass() {
        let text = "{% if a and not b %}{{ x | default(value=\"}}\") }}{% endif %}\
                    {% raw %}{{ ((((( {% endraw %}{# {{ #}";
        assert!(check("t.html", text).is_none());
    }

    #[test]
    fn deep_or_long_expressions_fail_with_their_line() {
        let deep = format!("a\n{{{{ {}1{} }}}}", "(".repeat(65), ")".repeat(65));
        let e = check("t.html", &deep).unwrap().to_string();
        assert!(e.starts_with("t.html:2: brackets nested 65 deep"), "{e}");
        let long = format!("{{{{ 1{} }}}}", "+1".repeat(300));
        assert!(
            check("t.html", &long)
                .unwrap()
                .to_string()
                .contains("operators")
        );
        let blocks = "{% if true %}".repeat(65);
        assert!(
            check("t.html", &blocks)
                .unwrap()
                .to_string()
                .contains("block tags")
        );
    }
}
