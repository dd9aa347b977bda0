//! The theme's words: which message keys its templates use (`t(key="…")`), which
//! keys each language lacks (they fall back to English), and keys no catalogue has
//! at all (a typo: the page would show the key itself).

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Location};
use crate::i18n;
use crate::render::theme::Theme;

/// Per language, the keys English has (folio's and the theme's) that the language
/// lacks; only languages with something missing.
pub fn missing_keys(theme: &Theme) -> BTreeMap<String, Vec<String>> {
    let theme_keys = |lang: &str| -> BTreeSet<String> {
        theme
            .catalogues
            .iter()
            .filter(|c| c.language == lang)
            .flat_map(|c| i18n::keys(&c.text))
            .collect()
    };
    let mut english = i18n::english_keys();
    english.extend(theme_keys("en"));
    let mut languages: BTreeSet<String> = i18n::SHIPPED.iter().map(|l| l.to_string()).collect();
    languages.extend(theme.catalogues.iter().map(|c| c.language.clone()));
    languages.remove("en");
    let mut out = BTreeMap::new();
    for lang in languages {
        let mut has = i18n::builtin_keys(&i18n::primary(&lang));
        has.extend(theme_keys(&i18n::primary(&lang)));
        has.extend(theme_keys(&lang));
        let missing: Vec<String> = english.difference(&has).cloned().collect();
        if !missing.is_empty() {
            out.insert(lang, missing);
        }
    }
    out
}

/// Keys a template asks for that no English catalogue has.
pub fn unknown_keys(theme: &Theme) -> Vec<Error> {
    let mut known = i18n::english_keys();
    for c in theme.catalogues.iter().filter(|c| c.language == "en") {
        known.extend(i18n::keys(&c.text));
    }
    let mut problems = Vec::new();
    for template in &theme.templates {
        for (line, key) in used_keys(&template.text) {
            if !known.contains(&key) {
                problems.push(Error::Template {
                    loc: Location {
                        path: template.origin.clone().into(),
                        line: Some(line),
                        col: None,
                    },
                    page: None,
                    msg: format!("t(key=\"{key}\"): no catalogue has this key, so pages would show `{key}`"),
                    hint: Some(
                        "use a key of folio's catalogue (THEMES.md, \"Strings\") or add it to the theme's i18n/en.ftl"
                            .into(),
                    ),
                });
            }
        }
    }
    problems
}

/// `(line, key)` of each `t(key="…")` with a literal key.
fn used_keys(text: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("t(key=") {
            let before = rest[..at].chars().next_back();
            let after = &rest[at + "t(key=".len()..];
            rest = after;
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            if let Some(end) = after[1..].find(quote) {
                out.push((n as u32 + 1, after[1..1 + end].to_string()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_literal_keys_only() {
        let keys =
            used_keys("{{ t(key=\"a-b\") }} {{ at(key='x') }}\n{{ t(key='c') }} {{ t(key=name) }}");
        assert_eq!(keys, vec![(1, "a-b".to_string()), (2, "c".to_string())]);
    }
}
