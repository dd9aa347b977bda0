//! The JSON Resume schema (v1.0.0, vendored: `schema-v1.0.0.json`, its source in
//! `tests/fixtures/json-resume/SOURCE.md`) and the part of JSON Schema draft 4 it
//! uses: `type`, `properties`, `additionalProperties`, `items`, `pattern` and local
//! `$ref`s. `format` is an annotation here, as JSON Schema allows: the project's own
//! sample résumé has a project `url` without a scheme.

use serde_json::Value;

pub const SCHEMA: &str = include_str!("schema-v1.0.0.json");

/// Where a résumé breaks the schema, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `$.work[2].startDate`
    pub path: String,
    pub msg: String,
    pub fix: String,
}

/// Every place `doc` breaks the schema, in document order.
pub fn validate(doc: &Value) -> Vec<Problem> {
    let schema: Value = serde_json::from_str(SCHEMA).expect("the vendored schema is JSON");
    let mut out = Vec::new();
    check(&schema, &schema, doc, "$", &mut out);
    out
}

fn check(schema: &Value, root: &Value, value: &Value, path: &str, out: &mut Vec<Problem>) {
    if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        if let Some(resolved) = resolve(root, target) {
            check(resolved, root, value, path, out);
        }
        return;
    }
    if let Some(want) = schema.get("type").and_then(Value::as_str)
        && !has_type(value, want)
    {
        out.push(Problem {
            path: path.to_string(),
            msg: format!("expected {}, found {}", article(want), kind(value)),
            fix: format!(
                "write {} here (see the JSON Resume schema, v1.0.0)",
                article(want)
            ),
        });
        return;
    }
    if let (Some(pattern), Some(text)) = (
        schema.get("pattern").and_then(Value::as_str),
        value.as_str(),
    ) && !regex::Regex::new(pattern).is_ok_and(|re| re.is_match(text))
    {
        out.push(Problem {
            path: path.to_string(),
            msg: format!("{text:?} is not a date like 2014, 2014-06 or 2014-06-29"),
            fix: "write the year, year-month or full date: YYYY, YYYY-MM or YYYY-MM-DD".into(),
        });
    }
    if let Value::Object(map) = value {
        let props = schema.get("properties").and_then(Value::as_object);
        for (key, item) in map {
            let inner = format!("{path}{}", key_path(key));
            match props.and_then(|p| p.get(key)) {
                Some(sub) => check(sub, root, item, &inner, out),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    let known: Vec<&str> = props
                        .map(|p| p.keys().map(String::as_str).collect())
                        .unwrap_or_default();
                    out.push(Problem {
                        path: inner,
                        msg: format!("`{key}` is not a field of a JSON Resume here"),
                        fix: match crate::error::suggest(key, known.iter().copied()) {
                            Some(near) => format!("did you mean `{near}`?"),
                            None => format!("the fields here are {}", known.join(", ")),
                        },
                    });
                }
                None => {}
            }
        }
    }
    if let (Value::Array(items), Some(item_schema)) = (value, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            check(item_schema, root, item, &format!("{path}[{i}]"), out);
        }
    }
}

fn resolve<'a>(root: &'a Value, target: &str) -> Option<&'a Value> {
    let pointer = target.strip_prefix('#')?;
    root.pointer(pointer)
}

fn has_type(value: &Value, want: &str) -> bool {
    match want {
        "string" => value.is_string(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        _ => true,
    }
}

fn article(kind: &str) -> String {
    match kind {
        "object" | "array" | "integer" => format!("an {kind}"),
        _ => format!("a {kind}"),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `.work` for a plain key, `['$schema']`-style otherwise.
fn key_path(key: &str) -> String {
    let plain = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        format!(".{key}")
    } else {
        format!("[{}]", serde_json::to_string(key).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn problems_name_their_json_path() {
        let doc = json!({
            "basics": {"name": 3},
            "work": [{}, {}, {"startDate": "2013-13-45", "highlights": "one"}],
            "hobbies": [],
        });
        let found = validate(&doc);
        let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "$.basics.name",
                "$.hobbies",
                "$.work[2].highlights",
                "$.work[2].startDate"
            ]
        );
        assert!(
            found[3].msg.contains("\"2013-13-45\" is not a date"),
            "{:?}",
            found[3]
        );
        assert!(validate(&json!({"work": [{"startDate": "2014-06"}], "$schema": "x"})).is_empty());
    }
}
