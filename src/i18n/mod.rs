//! Every word a site prints, in the portfolio's language: folio's catalogue (the
//! strings of the built-in themes and of the badge and pathway views), a theme's own
//! `i18n/LANG.ftl`, then the learner's `translations:`, each overriding the one
//! before. Messages are Fluent (plural rules per language); a key missing in the
//! language falls back to English. Dates and numbers are formatted by ICU4X from
//! CLDR data (`locale.rs`).

mod locale;
pub mod tera;

use std::collections::BTreeSet;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::error::{Error, Location, Result};

/// The languages folio's own catalogue is written in; others fall back to English.
pub const SHIPPED: &[&str] = &["en", "de", "fr", "es", "pt", "nl", "ar"];

/// folio's catalogue, per shipped language.
fn builtin(language: &str) -> Option<&'static str> {
    Some(match language {
        "en" => include_str!("catalogues/en.ftl"),
        "de" => include_str!("catalogues/de.ftl"),
        "fr" => include_str!("catalogues/fr.ftl"),
        "es" => include_str!("catalogues/es.ftl"),
        "pt" => include_str!("catalogues/pt.ftl"),
        "nl" => include_str!("catalogues/nl.ftl"),
        "ar" => include_str!("catalogues/ar.ftl"),
        _ => return None,
    })
}

/// One catalogue file: its language, where it came from (for errors) and its text.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub language: String,
    pub origin: String,
    pub text: String,
}

type Bundle = FluentBundle<Arc<FluentResource>>;

/// The strings of one language, with English behind them.
pub struct Translator {
    language: String,
    bundle: Bundle,
    english: Option<Bundle>,
    formats: locale::Formats,
}

impl std::fmt::Debug for Translator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Translator({})", self.language)
    }
}

/// An argument of a message: text or a number (numbers choose plural forms and are
/// written with the locale's digits).
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Text(std::borrow::Cow<'a, str>),
    Number(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(s.into())
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(s.into())
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(s.as_str().into())
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Number(n as f64)
    }
}

/// Languages written right to left (primary subtags), for `config.direction`.
const RTL_LANGUAGES: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ku", "ps", "sd", "syr", "ug", "ur", "yi",
];

/// `ltr` or `rtl`, for `<html dir=...>`.
pub fn direction(language: &str) -> &'static str {
    if RTL_LANGUAGES.contains(&primary(language).as_str()) {
        "rtl"
    } else {
        "ltr"
    }
}

/// The primary language subtag, lower case: `pt-BR` → `pt`.
pub fn primary(language: &str) -> String {
    language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Checks a language tag as BCP 47 (`en`, `pt-BR`, `ar-EG`), for config errors.
pub fn parse_tag(tag: &str) -> std::result::Result<LanguageIdentifier, String> {
    let not_a_tag = || match language_named(tag) {
        Some(code) => format!("`{tag}` is not a language tag: did you mean `{code}`?"),
        None => format!("`{tag}` is not a language tag (BCP 47, like `en`, `fr` or `pt-BR`)"),
    };
    // BCP 47 allows 5-8 letter primary subtags, but none is registered: a word such
    // as `german` is a language's name, not its tag.
    let primary_len = tag.split(['-', '_']).next().map_or(0, str::len);
    if !(2..=3).contains(&primary_len) {
        return Err(not_a_tag());
    }
    tag.parse::<LanguageIdentifier>().map_err(|_| not_a_tag())
}

/// The tag of a language written by its name in English or in itself (`german`,
/// `Deutsch` → `de`), for "did you mean".
fn language_named(name: &str) -> Option<&'static str> {
    const NAMES: &[(&str, &str)] = &[
        ("english", "en"),
        ("german", "de"),
        ("deutsch", "de"),
        ("french", "fr"),
        ("francais", "fr"),
        ("français", "fr"),
        ("spanish", "es"),
        ("espanol", "es"),
        ("español", "es"),
        ("portuguese", "pt"),
        ("portugues", "pt"),
        ("português", "pt"),
        ("dutch", "nl"),
        ("nederlands", "nl"),
        ("arabic", "ar"),
        ("italian", "it"),
        ("italiano", "it"),
        ("polish", "pl"),
        ("polski", "pl"),
        ("swedish", "sv"),
        ("danish", "da"),
        ("norwegian", "nb"),
        ("finnish", "fi"),
        ("greek", "el"),
        ("turkish", "tr"),
        ("russian", "ru"),
        ("ukrainian", "uk"),
        ("chinese", "zh"),
        ("japanese", "ja"),
        ("korean", "ko"),
        ("hindi", "hi"),
        ("hebrew", "he"),
        ("persian", "fa"),
        ("czech", "cs"),
        ("hungarian", "hu"),
        ("romanian", "ro"),
    ];
    let name = name.trim().to_lowercase();
    NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, code)| *code)
}

impl Translator {
    /// The strings of `language`: folio's catalogue, then `theme`'s catalogues, then
    /// the learner's `overrides` (message source, by key), each overriding the last.
    /// A catalogue that is not valid Fluent is an error naming its file and line.
    pub fn new(
        language: &str,
        theme: &[Catalogue],
        overrides: &[(String, String)],
        config_file: &std::path::Path,
    ) -> Result<Translator> {
        let lang = parse_tag(language).map_err(|msg| Error::Config {
            loc: Location::file(config_file),
            msg,
            hint: None,
        })?;
        let own = bundle(&lang, &primary(language), theme, overrides, config_file)?;
        let english = match primary(language).as_str() {
            "en" => None,
            _ => Some(bundle(
                &"en".parse().expect("en is a language tag"),
                "en",
                theme,
                &[],
                config_file,
            )?),
        };
        Ok(Translator {
            language: language.to_string(),
            bundle: own,
            english,
            formats: locale::Formats::new(language),
        })
    }

    /// English only, folio's catalogue only: for messages outside any portfolio
    /// (the terminal), made once.
    pub fn english() -> &'static Translator {
        static ENGLISH: std::sync::OnceLock<Translator> = std::sync::OnceLock::new();
        ENGLISH.get_or_init(|| {
            Translator::new("en", &[], &[], std::path::Path::new("folio.yaml"))
                .expect("folio's English catalogue is valid")
        })
    }

    /// The message `key` without arguments.
    pub fn t(&self, key: &str) -> String {
        self.format(key, &[])
    }

    /// The message `key` with `args`. Unknown keys come back as the key itself, so a
    /// theme's typo shows on the page (and `folio theme check` names it).
    pub fn format(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            let v = match value {
                Arg::Text(s) => FluentValue::from(s.to_string()),
                Arg::Number(n) => FluentValue::from(*n),
            };
            fargs.set(name.to_string(), v);
        }
        for bundle in std::iter::once(&self.bundle).chain(&self.english) {
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, Some(&fargs), &mut errors)
                    .into_owned();
            }
        }
        key.to_string()
    }

    /// Whether any catalogue of this language or English has `key`.
    pub fn has(&self, key: &str) -> bool {
        std::iter::once(&self.bundle)
            .chain(&self.english)
            .any(|b| b.has_message(key))
    }

    /// A day as the locale writes it in full: "2. Dezember 2026".
    pub fn date(&self, day: chrono::NaiveDate) -> String {
        self.formats.date(day, locale::Style::Long)
    }

    /// A day in a given style (`long`, `medium`, `month` for "December 2026",
    /// `year`).
    pub fn date_in(&self, day: chrono::NaiveDate, style: locale::Style) -> String {
        self.formats.date(day, style)
    }

    /// An integer with the locale's digits and grouping.
    pub fn number(&self, n: i64) -> String {
        self.formats.number(n)
    }
}

pub use locale::Style as DateStyle;

fn bundle(
    lang: &LanguageIdentifier,
    primary: &str,
    theme: &[Catalogue],
    overrides: &[(String, String)],
    config_file: &std::path::Path,
) -> Result<Bundle> {
    let mut bundle = Bundle::new_concurrent(vec![lang.clone()]);
    // Isolation marks keep an inserted left-to-right name from reordering a
    // right-to-left sentence; in a left-to-right page they would only add noise.
    bundle.set_use_isolating(direction(primary) == "rtl");
    bundle.set_formatter(Some(locale::format_value));
    let mut add = |text: &str, origin: &str| -> Result<()> {
        let resource = parse(text, origin)?;
        bundle.add_resource_overriding(Arc::new(resource));
        Ok(())
    };
    if let Some(text) = builtin(primary) {
        add(text, &format!("folio's catalogue {primary}.ftl"))?;
    }
    // A theme's catalogue for the primary language, then one for the exact tag.
    for c in theme.iter().filter(|c| c.language == primary) {
        add(&c.text, &c.origin)?;
    }
    for c in theme
        .iter()
        .filter(|c| c.language != primary && c.language.eq_ignore_ascii_case(&lang.to_string()))
    {
        add(&c.text, &c.origin)?;
    }
    for (key, value) in overrides {
        let text = override_source(key, value);
        let origin = format!("{}: translations: {key}", config_file.display());
        add(&text, &origin)?;
    }
    Ok(bundle)
}

/// A `translations:` entry as a Fluent message: continuation lines indented so a
/// multi-line value (a plural selector) stays one message.
fn override_source(key: &str, value: &str) -> String {
    let mut lines = value.lines();
    let mut text = format!("{key} = {}\n", lines.next().unwrap_or(""));
    for line in lines {
        text.push_str("    ");
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// Parses a catalogue; the first error names the file and line.
fn parse(text: &str, origin: &str) -> Result<FluentResource> {
    FluentResource::try_new(text.to_string()).map_err(|(_, errors)| {
        let first = &errors[0];
        let line = text[..first.pos.start.min(text.len())]
            .matches('\n')
            .count() as u32
            + 1;
        Error::Config {
            loc: Location {
                path: origin.into(),
                line: Some(line),
                col: None,
            },
            msg: format!("not a valid Fluent message: {}", first.kind),
            hint: Some(
                "write messages as `key = text`, see https://projectfluent.org/fluent/guide/"
                    .into(),
            ),
        }
    })
}

/// The message keys of a catalogue text (messages, not terms), for `theme check`.
pub fn keys(text: &str) -> BTreeSet<String> {
    let resource = match FluentResource::try_new(text.to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// Keys of folio's English catalogue: what every language should have.
pub fn english_keys() -> BTreeSet<String> {
    keys(builtin("en").expect("English is shipped"))
}

/// Keys of folio's catalogue in `language` (empty for a language folio does not ship).
pub fn builtin_keys(language: &str) -> BTreeSet<String> {
    builtin(language).map(keys).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tr(lang: &str) -> Translator {
        Translator::new(lang, &[], &[], std::path::Path::new("folio.yaml")).unwrap()
    }

    #[test]
    fn every_shipped_language_has_every_english_key() {
        let english = english_keys();
        for lang in SHIPPED {
            let has = builtin_keys(lang);
            let missing: Vec<_> = english.difference(&has).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            let extra: Vec<_> = builtin_keys(lang)
                .into_iter()
                .filter(|k| !english.contains(k))
                .collect();
            assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        assert_eq!(
            tr("en").format(
                "pathway-progress",
                &[("met", 1.into()), ("total", 1.into())]
            ),
            "1 of 1 requirement met"
        );
        assert_eq!(
            tr("en").format(
                "pathway-progress",
                &[("met", 1.into()), ("total", 3.into())]
            ),
            "1 of 3 requirements met"
        );
        assert_eq!(
            tr("fr").format(
                "pathway-progress",
                &[("met", 0.into()), ("total", 1.into())]
            ),
            "0 exigence remplie sur 1"
        );
        let ar = tr("ar").format("reading-time", &[("minutes", 2.into())]);
        assert!(ar.contains("دقيقتان"), "{ar}");
    }

    #[test]
    fn dates_are_written_as_each_locale_writes_them() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        for (lang, want) in [
            ("en", "December 2, 2026"),
            ("en-GB", "2 December 2026"),
            ("de", "2. Dezember 2026"),
            ("fr", "2 décembre 2026"),
            ("es", "2 de diciembre de 2026"),
            ("pt", "2 de dezembro de 2026"),
            ("nl", "2 december 2026"),
            ("ar-EG", "٢ ديسمبر ٢٠٢٦"),
        ] {
            assert_eq!(tr(lang).date(day), want, "{lang}");
        }
        assert_eq!(tr("ar-EG").number(1234), "١٬٢٣٤");
        // Month and year (ICU4X 2.4 reports an error for Portuguese, yet writes it).
        let month = |lang: &str| tr(lang).date_in(day, DateStyle::Month);
        assert_eq!(month("de"), "Dezember 2026");
        assert_eq!(month("ar-EG"), "ديسمبر ٢٠٢٦");
        assert_eq!(month("pt"), "dezembro de 2026");
        assert!(
            tr("ar-EG")
                .format("reading-time", &[("minutes", 5.into())])
                .contains('٥')
        );
    }

    #[test]
    fn missing_keys_fall_back_to_english_and_overrides_win() {
        let theme = [Catalogue {
            language: "de".into(),
            origin: "themes/x/i18n/de.ftl".into(),
            text: "only-in-theme = Nur hier\n".into(),
        }];
        let overrides = vec![("status-verified".to_string(), "Echt".to_string())];
        let de =
            Translator::new("de", &theme, &overrides, std::path::Path::new("folio.yaml")).unwrap();
        assert_eq!(de.t("only-in-theme"), "Nur hier");
        assert_eq!(de.t("status-verified"), "Echt");
        assert_eq!(de.t("no-such-key"), "no-such-key");
        let xx = tr("sw");
        assert_eq!(xx.t("status-verified"), "Verified");
    }

    #[test]
    fn a_broken_catalogue_names_its_file_and_line() {
        let theme = [Catalogue {
            language: "fr".into(),
            origin: "themes/x/i18n/fr.ftl".into(),
            text: "good = Bien\n\n= no key\n".into(),
        }];
        let e = Translator::new("fr", &theme, &[], std::path::Path::new("folio.yaml")).unwrap_err();
        let shown = e.to_string();
        assert!(shown.contains("themes/x/i18n/fr.ftl:3"), "{shown}");
    }
}
