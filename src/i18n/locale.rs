//! Dates and numbers as a locale writes them, from ICU4X's compiled CLDR data:
//! "2. Dezember 2026", "2 de diciembre de 2026", "١٬٢٣٤" for `ar-EG`. Always the
//! Gregorian calendar (credentials are dated in it), whatever the locale's default.

use fluent_bundle::FluentValue;
use fluent_bundle::memoizer::MemoizerKind;
use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets;
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::Locale;

/// How much of a date to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// "2 December 2026"
    Long,
    /// "2 Dec 2026"
    Medium,
    /// "December 2026". (No abbreviated month: ICU4X 2.4 fails on some locales'
    /// short year-month patterns, Portuguese among them.)
    Month,
    /// "2026"
    Year,
}

impl Style {
    pub fn parse(name: &str) -> Option<Style> {
        Some(match name {
            "long" => Style::Long,
            "medium" => Style::Medium,
            "month" => Style::Month,
            "year" => Style::Year,
            _ => return None,
        })
    }
}

type Ymd = FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YMD>;
type Ym = FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YM>;
type Y = FixedCalendarDateTimeFormatter<Gregorian, fieldsets::Y>;

/// The formatters of one locale, made once per build.
pub struct Formats {
    long: Option<Ymd>,
    medium: Option<Ymd>,
    month: Option<Ym>,
    year: Option<Y>,
    decimal: Option<DecimalFormatter>,
}

/// The ICU locale of a language tag; an unknown one falls back to CLDR's root data.
fn locale(tag: &str) -> Locale {
    tag.replace('_', "-").parse().unwrap_or(Locale::UNKNOWN)
}

impl Formats {
    pub fn new(tag: &str) -> Formats {
        let loc = locale(tag);
        let prefs = || (&loc).into();
        let decimal_prefs = (&loc).into();
        Formats {
            long: Ymd::try_new(prefs(), fieldsets::YMD::long()).ok(),
            medium: Ymd::try_new(prefs(), fieldsets::YMD::medium()).ok(),
            month: Ym::try_new(prefs(), fieldsets::YM::long()).ok(),
            year: Y::try_new(prefs(), fieldsets::Y::long()).ok(),
            decimal: DecimalFormatter::try_new(decimal_prefs, Default::default()).ok(),
        }
    }

    pub fn date(&self, day: chrono::NaiveDate, style: Style) -> String {
        use chrono::Datelike;
        let fallback = || match style {
            Style::Year => day.format("%Y").to_string(),
            Style::Month => day.format("%Y-%m").to_string(),
            _ => day.format("%Y-%m-%d").to_string(),
        };
        let Ok(date) = Date::try_new_gregorian(day.year(), day.month() as u8, day.day() as u8)
        else {
            return fallback();
        };
        let shown = match style {
            Style::Long => self.long.as_ref().map(|f| f.format(&date).to_string()),
            Style::Medium => self.medium.as_ref().map(|f| f.format(&date).to_string()),
            // ICU4X 2.4 reports an error writing Portuguese year-months (and asserts
            // in debug builds, hence Cargo.toml's profile setting) though it writes
            // them; should a month ever come out without its year, the full date.
            Style::Month => self
                .month
                .as_ref()
                .map(|f| f.format(&date).to_string())
                .filter(|m| {
                    let year = self.year.as_ref().map(|y| y.format(&date).to_string());
                    year.is_some_and(|y| m.contains(&y))
                }),
            Style::Year => self.year.as_ref().map(|f| f.format(&date).to_string()),
        };
        match (shown, style) {
            (Some(text), _) => text,
            (None, Style::Month) => self.date(day, Style::Long),
            (None, _) => fallback(),
        }
    }

    pub fn number(&self, n: i64) -> String {
        match &self.decimal {
            Some(f) => f.format(&Decimal::from(n)).to_string(),
            None => n.to_string(),
        }
    }
}

/// A decimal formatter for a Fluent bundle's language, made once per bundle.
struct Digits(Option<DecimalFormatter>);

impl intl_memoizer::Memoizable for Digits {
    type Args = ();
    type Error = ();
    fn construct(lang: unic_langid::LanguageIdentifier, _: ()) -> Result<Self, ()> {
        let loc = locale(&lang.to_string());
        Ok(Digits(
            DecimalFormatter::try_new((&loc).into(), Default::default()).ok(),
        ))
    }
}

/// Fluent's number formatting hook: whole numbers in the locale's digits (Fluent's
/// own would always write ASCII digits); anything else as Fluent writes it.
pub fn format_value<M: MemoizerKind>(value: &FluentValue, memoizer: &M) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    if n.value.fract() != 0.0 || n.value.abs() > 1e15 {
        return None;
    }
    memoizer
        .with_try_get_threadsafe::<Digits, _, _>((), |d| {
            d.0.as_ref()
                .map(|f| f.format(&Decimal::from(n.value as i64)).to_string())
        })
        .ok()
        .flatten()
}
