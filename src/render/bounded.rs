//! Theme templates are untrusted (career services publish them; a learner installs
//! them), and Tera trusts its templates: some built-ins panic on odd arguments
//! (`get_random(start=5, end=5)`, a huge timestamp through `date`), some build
//! whatever size they are asked for (`range(end=1000000000)`, `indent(width=…)`,
//! `replace`, `join`), and a loop can double a string until memory runs out. A failed
//! allocation aborts the process, `serve` included, so bounds must hold before it.
//!
//! - Those built-ins are replaced by checked versions that return template errors.
//! - Every `{% for %}` body calls `__folio_step()` first (inserted by
//!   [`instrument`], on the same line, so error lines stay true). A render may take
//!   [`MAX_STEPS`] iterations in all, and its thread may hold at most
//!   [`MAX_RENDER_MEMORY`] more than when it started (`util::alloc`).
//! - [`render`] catches a panic from anything left and reports it as an error, and
//!   refuses output over [`MAX_OUTPUT`].
//! - `date` shows a value it cannot read as written: credentials carry dates like
//!   "soon", and a badge that says so must not stop the build.

use std::cell::Cell;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use tera::{Context, Tera, Value};

/// Loop iterations one render may take, over all its loops (a 10,000-page listing
/// with a few loops per item stays far below).
pub const MAX_STEPS: u64 = 2_000_000;
/// Elements `range()` may produce.
pub const MAX_RANGE: u64 = 100_000;
/// Bytes a render's thread may hold beyond what it held when the render began.
pub const MAX_RENDER_MEMORY: isize = 128 * 1024 * 1024;
/// Bytes of one rendered file.
pub const MAX_OUTPUT: usize = 64 * 1024 * 1024;

/// The function every loop body calls.
const STEP: &str = "__folio_step";

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
    static HELD_AT_START: Cell<isize> = const { Cell::new(0) };
}

/// Renders `name` within the bounds above; a panic becomes an error.
pub fn render(tera: &Tera, name: &str, ctx: &Context) -> tera::Result<String> {
    STEPS.with(|s| s.set(0));
    HELD_AT_START.with(|h| h.set(crate::util::alloc::thread_held()));
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| tera.render(name, ctx)))
        .unwrap_or_else(|panic| {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "an internal error".into());
            Err(tera::Error::msg(format!(
                "rendering `{name}` failed inside Tera ({why}); change the template so it does not call that"
            )))
        })?;
    if rendered.len() > MAX_OUTPUT {
        return Err(tera::Error::msg(format!(
            "`{name}` rendered {} bytes; folio writes pages up to {MAX_OUTPUT} bytes",
            rendered.len()
        )));
    }
    Ok(rendered)
}

/// The template text with `{{ __folio_step() }}` at the start of every loop body.
pub fn instrument(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        let closing = if from.starts_with("{#") {
            "#}"
        } else if from.starts_with("{%") {
            "%}"
        } else {
            out.push('{');
            rest = &from[1..];
            continue;
        };
        let Some(len) = from[2..].find(closing).map(|i| i + 4) else {
            // Unterminated: Tera reports it; nothing to instrument.
            out.push_str(from);
            return out;
        };
        let (tag, after) = from.split_at(len);
        out.push_str(tag);
        rest = after;
        if closing == "#}" {
            continue;
        }
        let inner = tag[2..tag.len() - 2].trim_matches('-').trim();
        let word = inner.split_whitespace().next().unwrap_or("");
        if word == "raw" {
            // Everything up to `endraw` is text, not tags.
            if let Some(end) = rest.find("endraw")
                && let Some(close) = rest[end..].find("%}")
            {
                let (raw, after) = rest.split_at(end + close + 2);
                out.push_str(raw);
                rest = after;
            }
        } else if word == "for" {
            // A `-%}` trims the whitespace after the tag: keep it trimmed.
            out.push_str(if tag.ends_with("-%}") {
                "{{ __folio_step() -}}"
            } else {
                "{{ __folio_step() }}"
            });
        }
    }
    out.push_str(rest);
    out
}

/// Replaces the built-ins that can panic or explode, and adds the loop step.
pub fn register(tera: &mut Tera) {
    tera.register_function(STEP, |_: &HashMap<String, Value>| {
        let steps = STEPS.with(|s| {
            s.set(s.get() + 1);
            s.get()
        });
        if steps > MAX_STEPS {
            return Err(tera::Error::msg(format!(
                "the template's loops ran more than {MAX_STEPS} times in one page"
            )));
        }
        let grown = crate::util::alloc::thread_held() - HELD_AT_START.with(Cell::get);
        if grown > MAX_RENDER_MEMORY {
            return Err(tera::Error::msg(format!(
                "the template's loops built more than {} MiB for one page",
                MAX_RENDER_MEMORY / (1024 * 1024)
            )));
        }
        Ok(Value::String(String::new()))
    });
    tera.register_function("range", range);
    tera.register_function("get_random", get_random);
    tera.register_filter("date", date);
    tera.register_filter("indent", indent);
    tera.register_filter("replace", replace);
    tera.register_filter("join", join);
}

fn number(args: &HashMap<String, Value>, name: &str, default: Option<i64>) -> tera::Result<i64> {
    match args.get(name) {
        Some(v) => v
            .as_i64()
            .ok_or_else(|| tera::Error::msg(format!("`{name}` must be a whole number, not {v}"))),
        None => default.ok_or_else(|| tera::Error::msg(format!("`{name}` is required"))),
    }
}

fn text<'a>(
    args: &'a HashMap<String, Value>,
    name: &str,
    default: &'a str,
) -> tera::Result<&'a str> {
    match args.get(name) {
        Some(Value::String(s)) => Ok(s),
        Some(v) => Err(tera::Error::msg(format!(
            "`{name}` must be a string, not {v}"
        ))),
        None => Ok(default),
    }
}

/// `range(end, start=0, step_by=1)`, at most [`MAX_RANGE`] numbers.
fn range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let start = number(args, "start", Some(0))?;
    let end = number(args, "end", None)?;
    let step = number(args, "step_by", Some(1))?;
    if step <= 0 {
        return Err(tera::Error::msg("range(): `step_by` must be at least 1"));
    }
    if start > end {
        return Err(tera::Error::msg("range(): `start` must not be after `end`"));
    }
    let count = (end as i128 - start as i128 + step as i128 - 1) / step as i128;
    if count > MAX_RANGE as i128 {
        return Err(tera::Error::msg(format!(
            "range() of {count} numbers; folio allows {MAX_RANGE}"
        )));
    }
    Ok(Value::Array(
        (start..end)
            .step_by(step as usize)
            .map(Value::from)
            .collect(),
    ))
}

/// `get_random(end, start=0)`: a number in `start..end`.
fn get_random(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let start = number(args, "start", Some(0))?;
    let end = number(args, "end", None)?;
    if start >= end {
        return Err(tera::Error::msg(
            "get_random(): `start` must be less than `end`",
        ));
    }
    // Not for secrets: a page's decoration. The clock's nanoseconds will do.
    let nanos = u64::from(Utc::now().timestamp_subsec_nanos());
    let span = (end as i128 - start as i128) as u64;
    Ok(Value::from(start + (nanos % span) as i64))
}

/// `date(format="%Y-%m-%d", timezone=…)` on a timestamp or a date-time string; a
/// value that is not a readable date is shown as written.
fn date(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    use chrono::format::{Item, StrftimeItems};
    let format = text(args, "format", "%Y-%m-%d")?;
    if StrftimeItems::new(format).any(|i| matches!(i, Item::Error)) {
        return Err(tera::Error::msg(format!(
            "date(): invalid format `{format}`"
        )));
    }
    let timezone: Option<chrono_tz::Tz> = match args.get("timezone") {
        Some(Value::String(tz)) => Some(
            tz.parse()
                .map_err(|_| tera::Error::msg(format!("date(): unknown timezone `{tz}`")))?,
        ),
        Some(v) => {
            return Err(tera::Error::msg(format!(
                "date(): timezone must be a string, not {v}"
            )));
        }
        None => None,
    };
    let parsed: Option<DateTime<Utc>> = match value {
        Value::Number(n) => n.as_i64().and_then(|s| DateTime::from_timestamp(s, 0)),
        Value::String(s) => DateTime::parse_from_rfc3339(s)
            .map(|d| d.with_timezone(&Utc))
            .ok()
            .or_else(|| {
                NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
                    .ok()
                    .map(|n| n.and_utc())
            })
            .or_else(|| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .ok()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|n| n.and_utc())
            }),
        _ => None,
    };
    let Some(when) = parsed else {
        // Shown as written: "soon" stays "soon".
        return Ok(match value {
            Value::String(s) => Value::String(s.clone()),
            Value::Null => Value::String(String::new()),
            other => Value::String(other.to_string()),
        });
    };
    let shown = match timezone {
        Some(tz) => when.with_timezone(&tz).format(format).to_string(),
        None => when.format(format).to_string(),
    };
    Ok(Value::String(shown))
}

/// Refuses a string filter whose result would pass [`MAX_OUTPUT`].
fn fits(size: u128, what: &str) -> tera::Result<()> {
    if size > MAX_OUTPUT as u128 {
        return Err(tera::Error::msg(format!(
            "{what} would make {size} bytes; folio writes pages up to {MAX_OUTPUT} bytes"
        )));
    }
    Ok(())
}

fn as_text<'a>(value: &'a Value, filter: &str) -> tera::Result<&'a str> {
    value
        .as_str()
        .ok_or_else(|| tera::Error::msg(format!("{filter} needs a string, not {value}")))
}

/// `indent(prefix=" ", width=4, first=false, blank=false)`, bounded.
fn indent(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let s = as_text(value, "indent")?;
    let width = number(args, "width", Some(4))?.max(0) as u128;
    let prefix = match args.get("prefix") {
        Some(Value::String(p)) => p.clone(),
        Some(v) => {
            return Err(tera::Error::msg(format!(
                "indent(): prefix must be a string, not {v}"
            )));
        }
        None => " ".repeat(fits_usize(width, "indent()")?),
    };
    let first = args.get("first").and_then(Value::as_bool).unwrap_or(false);
    let blank = args.get("blank").and_then(Value::as_bool).unwrap_or(false);
    let lines = s.lines().count() as u128 + 1;
    fits(s.len() as u128 + lines * prefix.len() as u128, "indent()")?;
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split_inclusive('\n').enumerate() {
        if (i > 0 || first) && (blank || !line.trim().is_empty()) {
            out.push_str(&prefix);
        }
        out.push_str(line);
    }
    Ok(Value::String(out))
}

fn fits_usize(n: u128, what: &str) -> tera::Result<usize> {
    fits(n, what)?;
    Ok(n as usize)
}

/// `replace(from, to)`, refused when the result would be too large.
fn replace(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let s = as_text(value, "replace")?;
    let from = text(args, "from", "")?;
    let to = text(args, "to", "")?;
    let count = if from.is_empty() {
        s.chars().count() as u128 + 1
    } else {
        s.matches(from).count() as u128
    };
    let size = s.len() as u128 - count.min(s.len() as u128) * from.len() as u128
        + count * to.len() as u128;
    fits(size, "replace()")?;
    Ok(Value::String(s.replace(from, to)))
}

/// `join(sep="")`, refused when the result would be too large.
fn join(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let items = value
        .as_array()
        .ok_or_else(|| tera::Error::msg(format!("join needs an array, not {value}")))?;
    let sep = text(args, "sep", "")?;
    let parts: Vec<String> = items
        .iter()
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    let size: u128 = parts.iter().map(|p| p.len() as u128).sum::<u128>()
        + sep.len() as u128 * items.len().saturating_sub(1) as u128;
    fits(size, "join()")?;
    Ok(Value::String(parts.join(sep)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(text: &str) -> Tera {
        let mut t = Tera::default();
        t.add_raw_template("t.html", &instrument(text)).unwrap();
        register(&mut t);
        t
    }

    fn run(text: &str) -> Result<String, String> {
        render(&tera(text), "t.html", &Context::new()).map_err(|e| {
            let mut msg = e.to_string();
            let mut src = std::error::Error::source(&e);
            while let Some(s) = src {
                msg.push_str(&format!(": {s}"));
                src = s.source();
            }
            msg
        })
    }

    #[test]
    fn loops_are_instrumented_on_the_same_line() {
        let t = "{% for i in x -%}\n {{ i }}{% endfor %}{# {% for %} #}{% raw %}{% for y in z %}{% endraw %}";
        let i = instrument(t);
        assert_eq!(i.matches(STEP).count(), 1, "{i}");
        assert_eq!(i.lines().count(), t.lines().count());
        assert!(
            i.starts_with("{% for i in x -%}{{ __folio_step() -}}"),
            "{i}"
        );
        assert_eq!(
            run("{% for i in range(end=3) -%}\n {{ i }}{% endfor %}").unwrap(),
            "012"
        );
        assert_eq!(
            run("a{% for i in [1] %} {{ i }}{% endfor %}").unwrap(),
            "a 1"
        );
    }

    #[test]
    fn exploding_templates_are_errors() {
        for t in [
            "{% for i in range(end=1000000000) %}{% endfor %}",
            "{% for i in range(end=5, step_by=0) %}{% endfor %}",
            "{{ get_random(start=5, end=5) }}",
            "{% set_global s = 'ab' %}{% for i in range(end=60) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}",
            "{{ 'x' | indent(width=100000000000) }}",
            "{% for a in range(end=2000) %}{% for b in range(end=2000) %}{% endfor %}{% endfor %}",
        ] {
            assert!(run(t).is_err(), "{t}");
        }
        let wide = "w".repeat(1000);
        let commas = "{% set s = range(end=100000) | join(sep=',') %}";
        for t in [
            format!("{commas}{{{{ s | replace(from=',', to='{wide}') }}}}"),
            format!("{{{{ range(end=100000) | join(sep='{wide}') }}}}"),
        ] {
            let err = run(&t).unwrap_err();
            assert!(err.contains("folio writes pages up to"), "{err}");
        }
    }

    #[test]
    fn dates_never_panic_and_unreadable_ones_are_shown_as_written() {
        assert_eq!(
            run("{{ 99999999999999 | date }}").unwrap(),
            "99999999999999"
        );
        assert_eq!(run("{{ 'soon' | date(format='%B %Y') }}").unwrap(), "soon");
        assert_eq!(
            run("{{ '2026-12-02' | date(format='%-d %B %Y') }}").unwrap(),
            "2 December 2026"
        );
        assert_eq!(
            run("{{ '2026-12-02T23:30:00Z' | date(timezone='Asia/Tokyo') }}").unwrap(),
            "2026-12-03"
        );
        assert_eq!(run("{{ 0 | date }}").unwrap(), "1970-01-01");
        assert!(run("{{ 0 | date(format='%Q') }}").is_err());
        assert_eq!(run("{{ 'a\nb' | indent(width=2) }}").unwrap(), "a\n  b");
        assert_eq!(run("{{ ['a', 1] | join(sep=', ') }}").unwrap(), "a, 1");
        assert_eq!(
            run("{{ 'aXb' | replace(from='X', to='-') }}").unwrap(),
            "a-b"
        );
    }
}
