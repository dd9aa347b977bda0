//! URL and URL-path pieces: percent-decoding (strict), dot-segment normalisation and
//! scheme tests. The host and loopback tests and component encoding are the
//! verifier's (`openbadges_verify::url`), re-exported here so folio has one of each.

pub use openbadges_verify::url::{host, is_loopback_host, percent_encode};

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are not UTF-8.
/// Strict on purpose: the dev server must not guess what a path means, and a link
/// that does not decode cannot name a file.
pub fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Resolves `.` and `..` in an absolute, `/`-separated path (`/a/./b/../c` → `/a/c`),
/// dropping empty inner segments and keeping a trailing slash; `None` when it is not
/// absolute or `..` climbs above `/`.
pub fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {}
            ".." => {
                parts.pop()?;
            }
            "" if i != 0 && i != last => {}
            s => parts.push(s),
        }
        if i == last && matches!(*seg, "." | "..") {
            parts.push("");
        }
    }
    // The first part is the empty string before the leading `/`.
    if parts.first() != Some(&"") {
        return None;
    }
    Some(parts.join("/"))
}

/// Whether `url` starts with a scheme (`mailto:`, `https:`, `data:`): a letter, then
/// letters, digits, `+`, `-` or `.`, then `:`.
pub fn has_scheme(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) => {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_is_strict() {
        assert_eq!(percent_decode("/a%20b/").as_deref(), Some("/a b/"));
        assert_eq!(percent_decode("/%2e%2e/").as_deref(), Some("/../"));
        assert_eq!(percent_decode("/%zz"), None);
        assert_eq!(percent_decode("/%+1"), None);
        assert_eq!(percent_decode("/%ff"), None);
        assert_eq!(percent_decode("/%"), None);
        assert_eq!(percent_encode("a#b?c%d é"), "a%23b%3Fc%25d%20%C3%A9");
    }

    #[test]
    fn paths_normalise_within_the_root() {
        assert_eq!(normalise("/a/./b/../c").as_deref(), Some("/a/c"));
        assert_eq!(normalise("/a/b/").as_deref(), Some("/a/b/"));
        assert_eq!(normalise("/a//b").as_deref(), Some("/a/b"));
        assert_eq!(normalise("/a/..").as_deref(), Some("/"));
        assert_eq!(normalise("/../x"), None);
        assert_eq!(normalise("a/b"), None);
    }

    #[test]
    fn schemes_and_hosts() {
        for yes in [
            "https://x",
            "mailto:a@b",
            "data:,x",
            "git+ssh://h",
            "JavaScript:x",
        ] {
            assert!(has_scheme(yes), "{yes}");
        }
        for no in ["page.md", "../a:b", ":x", "1a:b", "/a:b"] {
            assert!(!has_scheme(no), "{no}");
        }
        assert_eq!(host("http://127.0.0.1:8080/x"), "127.0.0.1");
        assert_eq!(host("https://[::1]:9/x"), "[::1]");
        assert_eq!(host("https://a.example?q"), "a.example");
        assert!(is_loopback_host(host("http://localhost:1/")));
        assert!(!is_loopback_host(host("https://a.example/")));
    }
}
