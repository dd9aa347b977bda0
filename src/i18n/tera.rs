//! The template side of translation: `t(key="…", name=value…)` and the
//! `local_date` filter, registered on each language's Tera.
//!
//! `t` escapes what it returns itself, so it is marked safe: the message text (from
//! a theme or the learner) and text arguments are escaped; an argument whose name
//! ends in `date` holding a date (`2026-12-02`, or a timestamp) becomes
//! `<time datetime="2026-12-02">2. Dezember 2026</time>`; an argument whose name
//! ends in `_html` is the template's own markup, inserted as it is (a theme can
//! write any markup anyway; third-party text never reaches it unescaped unless the
//! theme puts it there).

use std::collections::HashMap;
use std::sync::Arc;

use tera::{Tera, Value};

use super::{Arg, DateStyle, Translator};
use crate::util::html::escape;

pub fn register(tera: &mut Tera, tr: Arc<Translator>) {
    tera.register_function("t", Translate(tr.clone()));
    tera.register_filter("local_date", LocalDate(tr));
}

struct Translate(Arc<Translator>);

/// Markers around `_html` and date arguments while the message is escaped: private
/// use characters no message or argument is expected to hold (any that do are
/// dropped first).
const OPEN: char = '\u{F8F0}';
const CLOSE: char = '\u{F8F1}';

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("t() needs a `key` argument: t(key=\"nav-badges\")"))?;
        let mut raw: Vec<String> = Vec::new();
        let mut fargs: Vec<(&str, Arg)> = Vec::new();
        for (name, value) in args.iter().filter(|(n, _)| n.as_str() != "key") {
            let arg = if let Value::Number(n) = value {
                Arg::Number(n.as_f64().unwrap_or(0.0))
            } else {
                let text = match value {
                    Value::String(s) => s.clone(),
                    Value::Null => String::new(),
                    other => other.to_string(),
                };
                let text: String = text.chars().filter(|c| *c != OPEN && *c != CLOSE).collect();
                let markup = if name.ends_with("_html") {
                    Some(text.clone())
                } else if name.ends_with("date") {
                    day(&text).map(|d| time_element(&text, &self.0.date(d)))
                } else {
                    None
                };
                match markup {
                    Some(m) => {
                        raw.push(m);
                        Arg::Text(format!("{OPEN}{}{CLOSE}", raw.len() - 1).into())
                    }
                    None => Arg::Text(text.into()),
                }
            };
            fargs.push((name.as_str(), arg));
        }
        let text = self.0.format(key, &fargs);
        Ok(Value::String(unmark(&escape(&text), &raw)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// Puts the markup back where its markers are.
fn unmark(escaped: &str, raw: &[String]) -> String {
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len_utf8()..];
        let Some(end) = after.find(CLOSE) else {
            rest = after;
            continue;
        };
        if let Some(m) = after[..end].parse::<usize>().ok().and_then(|i| raw.get(i)) {
            out.push_str(m);
        }
        rest = &after[end + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

fn time_element(value: &str, shown: &str) -> String {
    format!(
        "<time datetime=\"{}\">{}</time>",
        escape(value),
        escape(shown)
    )
}

/// The day a date or timestamp string names (`2026-12-02`, `2026-12-02T10:00:00Z`).
pub fn day(text: &str) -> Option<chrono::NaiveDate> {
    let head = text.get(..10)?;
    chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

struct LocalDate(Arc<Translator>);

/// `{{ page.date | local_date }}`, `local_date(style="month")`: the date as the
/// page's locale writes it; a value that is not a date is shown as written.
impl tera::Filter for LocalDate {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let style = match args.get("style") {
            None => DateStyle::Long,
            Some(Value::String(s)) => DateStyle::parse(s).ok_or_else(|| {
                tera::Error::msg(format!(
                    "local_date(): unknown style `{s}` (long, medium, month, year)"
                ))
            })?,
            Some(v) => {
                return Err(tera::Error::msg(format!(
                    "local_date(): style must be a string, not {v}"
                )));
            }
        };
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Null => return Ok(Value::String(String::new())),
            other => other.to_string(),
        };
        Ok(Value::String(match day(&text) {
            Some(d) => self.0.date_in(d, style),
            None => text,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(lang: &str, template: &str, ctx: &tera::Context) -> String {
        let mut tera = Tera::default();
        tera.add_raw_template("t", template).unwrap();
        tera.set_escape_fn(escape);
        register(
            &mut tera,
            Arc::new(Translator::new(lang, &[], &[], std::path::Path::new("folio.yaml")).unwrap()),
        );
        tera.render("t", ctx).unwrap()
    }

    #[test]
    fn text_is_escaped_markup_and_dates_are_not() {
        let mut ctx = tera::Context::new();
        ctx.insert("name", "<script>x</script>");
        let out = render("de", r#"{{ t(key="portrait-of", name=name) }}"#, &ctx);
        assert_eq!(out, "Porträt von &lt;script&gt;x&lt;/script&gt;");
        let out = render(
            "de",
            r#"{{ t(key="status-checked", date="2026-12-02") }}"#,
            &ctx,
        );
        assert_eq!(
            out,
            "geprüft am <time datetime=\"2026-12-02\">2. Dezember 2026</time>"
        );
        let out = render(
            "en",
            r#"{{ t(key="not-found-body", home_html='<a href="/">home</a>') }}"#,
            &ctx,
        );
        assert!(out.contains("<a href=\"/\">home</a>"), "{out}");
    }

    #[test]
    fn local_date_follows_the_locale_and_leaves_other_text() {
        let ctx = tera::Context::new();
        assert_eq!(
            render("fr", r#"{{ "2026-03-10" | local_date }}"#, &ctx),
            "10 mars 2026"
        );
        assert_eq!(
            render(
                "nl",
                r#"{{ "2026-03-10" | local_date(style="month") }}"#,
                &ctx
            ),
            "maart 2026"
        );
        assert_eq!(render("en", r#"{{ "soon" | local_date }}"#, &ctx), "soon");
    }
}
