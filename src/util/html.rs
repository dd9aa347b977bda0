//! The one HTML escaper: safe in text and in quoted attribute values.

/// Escapes `&`, `<`, `>`, `"` and `'`. Leaves `/` alone, so URLs stay readable in the
/// output (and to link checkers).
pub fn escape(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether `c` is a bidi control (U+202A–202E embeddings and overrides, U+2066–2069
/// isolates): it makes a browser show the text around it in another order than it
/// is stored, so "deifireV ✓" behind U+202E reads "✓ Verified".
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            super::escape(r#"<a href="x">'&'</a> /ok"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; /ok"
        );
    }
}
