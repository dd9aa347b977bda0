//! Dates for people: the ISO 8601 timestamps of check details (`expired on
//! 2025-01-10T00:00:00+00:00`) written as a visitor reads them (`10 January 2025`).

use chrono::{DateTime, NaiveDate, Timelike, Utc};

/// `text` with every ISO 8601 date or date-time in it written out in words. A time
/// is kept (in UTC) only when it is not midnight; anything that does not parse as a
/// date is left as it was.
pub fn humanise(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i + 10 <= bytes.len() {
        let at_boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if at_boundary && looks_like_date(&bytes[i..i + 10]) {
            let end = timestamp_end(bytes, i + 10);
            let ends_clean = bytes.get(end).is_none_or(|c| !c.is_ascii_alphanumeric());
            if ends_clean && let Some(words) = in_words(&text[i..end]) {
                out.push_str(&text[copied..i]);
                out.push_str(&words);
                copied = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

fn looks_like_date(b: &[u8]) -> bool {
    b.iter().enumerate().all(|(k, c)| match k {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    })
}

/// Where a date-time that starts with a date ending at `from` ends: `T`, the time,
/// fractions and an offset (`Z`, `+01:00`), if present.
fn timestamp_end(b: &[u8], from: usize) -> usize {
    if b.get(from) != Some(&b'T') {
        return from;
    }
    let mut end = from + 1;
    while end < b.len() && (b[end].is_ascii_digit() || b".:".contains(&b[end])) {
        end += 1;
    }
    match b.get(end) {
        Some(b'Z') => end + 1,
        Some(b'+' | b'-') if b.len() >= end + 6 => end + 6,
        _ => end,
    }
}

fn in_words(s: &str) -> Option<String> {
    const DAY: &str = "%-d %B %Y";
    if s.len() == 10 {
        return NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(|d| d.format(DAY).to_string());
    }
    let t = DateTime::parse_from_rfc3339(s).ok()?.with_timezone(&Utc);
    Some(if t.num_seconds_from_midnight() == 0 {
        t.format(DAY).to_string()
    } else {
        t.format("%-d %B %Y, %H:%M UTC").to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::humanise;

    #[test]
    fn dates_and_times_in_words() {
        assert_eq!(
            humanise("expired on 2025-01-10T00:00:00+00:00"),
            "expired on 10 January 2025"
        );
        assert_eq!(
            humanise("valid since 2025-06-20, until 2026-02-01T14:30:00Z."),
            "valid since 20 June 2025, until 1 February 2026, 14:30 UTC."
        );
        assert_eq!(
            humanise("at 2025-03-01T01:00:00+02:00"),
            "at 28 February 2025, 23:00 UTC"
        );
        // Not dates: ids and hashes that happen to hold digits stay as written.
        assert_eq!(humanise("urn:uuid:2025-13-45-x"), "urn:uuid:2025-13-45-x");
        assert_eq!(humanise("a2025-01-10"), "a2025-01-10");
        assert_eq!(humanise("2025-01-101"), "2025-01-101");
        assert_eq!(humanise("did:key:z6Mk 2025-01"), "did:key:z6Mk 2025-01");
    }
}
