//! The Tera built-ins that its "builtins" feature would bring, written here so that
//! feature (and humansize, libm and chrono-tz 0.9's build chain) is not compiled.
//! `date` and `get_random` are in `bounded.rs` (they must not panic); these three
//! behave as Tera's own, so a theme written for Tera renders the same.

use std::collections::HashMap;

use chrono::{Local, Utc};
use tera::{Tera, Value};

pub fn register(tera: &mut Tera) {
    tera.register_filter("slugify", slugify);
    tera.register_filter("filesizeformat", filesizeformat);
    tera.register_function("now", now);
}

/// `slugify`: ASCII, lower case, runs of anything else become one `-`.
fn slugify(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    match value {
        Value::String(s) => Ok(Value::String(slug::slugify(s))),
        other => Err(tera::Error::msg(format!(
            "Filter `slugify` was called on an incorrect value: got `{other}` but expected a String"
        ))),
    }
}

/// `filesizeformat(binary=false)`: "1.50 kB" (1024 to a kilo, as Tera's "WINDOWS"
/// style), or "1.50 KiB" with `binary=true`.
fn filesizeformat(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let Some(bytes) = value.as_u64() else {
        return Err(tera::Error::msg(format!(
            "Filter `filesizeformat` was called on an incorrect value: got `{value}` but expected a usize"
        )));
    };
    let binary = match args.get("binary") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(v) => {
            return Err(tera::Error::msg(format!(
                "Filter `filesizeformat` received an incorrect type for arg `binary`: got `{v}` but expected a bool"
            )));
        }
    };
    Ok(Value::String(format_size(bytes, binary)))
}

fn format_size(bytes: u64, binary: bool) -> String {
    const DECIMAL: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    const BINARY: [&str; 7] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let mut size = bytes as f64;
    let mut scale = 0;
    while size >= 1024.0 && scale < DECIMAL.len() - 1 {
        size /= 1024.0;
        scale += 1;
    }
    let places = if size.fract() == 0.0 { 0 } else { 2 };
    let unit = if binary {
        BINARY[scale]
    } else {
        DECIMAL[scale]
    };
    format!("{size:.places$} {unit}")
}

/// `now(utc=false, timestamp=false)`: the build's time, RFC 3339 or seconds.
fn now(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let flag = |name: &str| match args.get(name) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(v) => Err(tera::Error::msg(format!(
            "Function `now` received {name}={v} but `{name}` can only be a boolean"
        ))),
    };
    let (utc, timestamp) = (flag("utc")?, flag("timestamp")?);
    Ok(match (utc, timestamp) {
        (_, true) => Value::from(Utc::now().timestamp()),
        (true, false) => Value::String(Utc::now().to_rfc3339()),
        (false, false) => Value::String(Local::now().to_rfc3339()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> String {
        let mut t = Tera::default();
        register(&mut t);
        t.add_raw_template("t", text).unwrap();
        t.render("t", &tera::Context::new()).unwrap()
    }

    #[test]
    fn behave_as_teras_own() {
        assert_eq!(run("{{ 'Héllo, Wörld!' | slugify }}"), "hello-world");
        assert_eq!(run("{{ 'Ünïcödé  --  Test' | slugify }}"), "unicode-test");
        assert_eq!(run("{{ 0 | filesizeformat }}"), "0 B");
        assert_eq!(run("{{ 1024 | filesizeformat }}"), "1 kB");
        assert_eq!(run("{{ 1536 | filesizeformat }}"), "1.50 kB");
        assert_eq!(run("{{ 123456789 | filesizeformat }}"), "117.74 MB");
        assert_eq!(
            run("{{ 123456789 | filesizeformat(binary=true) }}"),
            "117.74 MiB"
        );
        assert!(run("{{ now() }}").starts_with("20"));
        assert!(run("{{ now(utc=true) }}").ends_with("+00:00"));
        let seconds: i64 = run("{{ now(timestamp=true) }}").parse().unwrap();
        assert!(seconds > 1_700_000_000);
    }
}
