//! Finds claims that a badge is verified in a rendered page. `theme check` runs it on
//! the pages of badges that are *not* verified, so a theme that writes "✓ Verified"
//! for every badge fails even when it never prints its declared marker.
//!
//! Where a visitor reads a claim: the visible text (adjacent inline text is joined,
//! so `Veri<span>fied</span>` is one word), the `title`, `alt`, `aria-label`,
//! `aria-description`, `placeholder` and meta `content` attributes, and structured
//! data (`<script type="application/ld+json">`). Text is folded before matching —
//! case, accents, zero-width characters, soft hyphens, spacing and punctuation
//! between letters, fullwidth and Cyrillic look-alike letters — so spelling the word
//! differently does not hide it. A claim word with a negation just before it in the
//! same passage ("not verified", "unverified", "could not be verified") is not a
//! claim.

use html5gum::{Token, Tokenizer};

/// Elements that end a passage of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
    "body",
    "head",
    "html",
    "button",
    "option",
    "label",
];

/// Attributes whose text a visitor (or their screen reader, or a search result) reads.
const READ_ATTRIBUTES: &[&str] = &[
    "title",
    "alt",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "placeholder",
];

/// Every passage of `html` that claims verification, as it appeared.
pub fn find(html: &str) -> Vec<String> {
    let mut claims = Vec::new();
    let mut passage = String::new();
    let mut skip: Option<Vec<u8>> = None; // inside script/style/template
    let mut structured = false;
    let check = |text: &str, claims: &mut Vec<String>| {
        if claims_verified(text) {
            let shown: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            claims.push(shown.chars().take(120).collect());
        }
    };
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |n: &str| {
                    tag.attributes
                        .get(n.as_bytes())
                        .map(|v| String::from_utf8_lossy(&v.value).into_owned())
                };
                for a in READ_ATTRIBUTES {
                    if let Some(v) = attr(a) {
                        check(&v, &mut claims);
                    }
                }
                if name == "meta"
                    && let Some(v) = attr("content")
                {
                    check(&v, &mut claims);
                }
                if BLOCKS.contains(&name.as_str()) {
                    check(&passage, &mut claims);
                    passage.clear();
                }
                if matches!(name.as_str(), "script" | "style" | "template") && !tag.self_closing {
                    check(&passage, &mut claims);
                    passage.clear();
                    structured = name == "script"
                        && attr("type")
                            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                    skip = Some(tag.name.to_vec());
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if skip.as_deref() == Some(&tag.name[..]) {
                    if structured {
                        check(&passage, &mut claims);
                    }
                    passage.clear();
                    skip = None;
                    structured = false;
                } else if BLOCKS.contains(&name.as_str()) {
                    check(&passage, &mut claims);
                    passage.clear();
                }
            }
            Token::String(text) if skip.is_none() || structured => {
                passage.push_str(&String::from_utf8_lossy(&text.value));
            }
            _ => {}
        }
    }
    check(&passage, &mut claims);
    claims
}

/// Whether `text` says something is verified, without negating it.
pub fn claims_verified(text: &str) -> bool {
    let folded = fold(text);
    let letters: String = folded.iter().map(|(c, _)| *c).collect();
    let original: Vec<char> = text.chars().collect();
    let mut from = 0;
    while let Some(at) = find_claim(&letters[from..]).map(|i| i + from) {
        // Folded text is ASCII, so byte and char offsets agree.
        let squashed_before = &letters[..at];
        let words_before = words(&original[..folded[at].1]);
        if !negated(squashed_before, &words_before) {
            return true;
        }
        from = at + 1;
    }
    false
}

/// The position of the next claim word in folded letters.
fn find_claim(text: &str) -> Option<usize> {
    let mut best: Option<usize> = None;
    let mut note = |i: usize| best = Some(best.map_or(i, |b: usize| b.min(i)));
    for word in ["verified", "verifiziert", "geverifieerd"] {
        if let Some(i) = text.find(word) {
            note(i);
        }
    }
    // French "vérifié(e)(s)", but not "verifier" (someone who checks).
    let mut i = 0;
    while let Some(j) = text[i..].find("verifie").map(|j| j + i) {
        if !matches!(text[j + 7..].chars().next(), Some('r' | 'd')) {
            note(j);
            break;
        }
        i = j + 1;
    }
    best
}

/// The last few words before a claim, folded, split at anything not a letter.
fn words(before: &[char]) -> Vec<String> {
    let text: String = before.iter().collect();
    let spaced: String = text
        .chars()
        .map(|c| {
            let f = fold_char(c);
            if f.is_ascii_alphanumeric() {
                f.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let all: Vec<String> = spaced.split_whitespace().map(str::to_string).collect();
    all[all.len().saturating_sub(6)..].to_vec()
}

/// Whether the words just before a claim word negate it.
fn negated(squashed_before: &str, words: &[String]) -> bool {
    const NEGATIONS: &[&str] = &[
        "not", "never", "cannot", "no", "failed", "without", "nicht", "kein", "pas", "non", "niet",
        "isn", "wasn", "hasn", "doesn", "aren", "weren", "didn", "haven", "couldn", "can", "isnt",
        "wasnt", "hasnt", "doesnt", "arent", "werent", "didnt", "couldnt",
    ];
    squashed_before.ends_with("un") || words.iter().any(|w| NEGATIONS.contains(&w.as_str()))
}

/// Lowercase ASCII letters and digits only, each with the index of the character it
/// came from: accents stripped, look-alikes mapped, everything between letters
/// (spaces, punctuation, zero-width marks, soft hyphens) dropped.
fn fold(text: &str) -> Vec<(char, usize)> {
    text.chars()
        .enumerate()
        .map(|(i, c)| (fold_char(c), i))
        .filter(|(c, _)| c.is_ascii_alphanumeric())
        .map(|(c, i)| (c.to_ascii_lowercase(), i))
        .collect()
}

/// One character as the ASCII letter it looks like, where it looks like one.
fn fold_char(c: char) -> char {
    let c = match c {
        // Fullwidth ASCII.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    match c {
        'à'..='å' | 'À'..='Å' | 'а' | 'А' => 'a',
        'ç' | 'Ç' | 'с' | 'С' => 'c',
        'è'..='ë' | 'È'..='Ë' | 'е' | 'Е' | 'ё' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' | 'і' | 'І' | 'ı' => 'i',
        'ò'..='ö' | 'Ò'..='Ö' | 'о' | 'О' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ԁ' => 'd',
        'р' | 'Р' => 'p',
        'ν' | 'ѵ' => 'v',
        'ƒ' => 'f',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_a_claim_are_found() {
        for claim in [
            "✓ Verified",
            "VERIFIED",
            "V e r i f i e d",
            "Veri\u{00AD}fied",
            "Veri\u{200B}fied",
            "Vеrifiеd", // Cyrillic е
            "Ｖｅｒｉｆｉｅｄ",
            "Vérifié",
            "Verifiziert",
            "Authenticity: verified ✔",
            "Student verified",
            "Knowledge verified",
        ] {
            assert!(claims_verified(claim), "{claim}");
        }
        for honest in [
            "Not verified: a check failed",
            "Unverified",
            "This badge could not be verified",
            "It isn't verified",
            "no key of the issuer verified the signature",
            "Download it to check it with any verifier",
            "Verification receipt (JSON)",
            "Verifiable Credential",
            "Expired",
            "Rust, by the Technology Institute: not verified",
        ] {
            assert!(!claims_verified(honest), "{honest}");
        }
    }

    #[test]
    fn claims_are_found_wherever_a_visitor_reads_them() {
        let page = r#"<html><head><title>Badge</title>
            <meta property="og:title" content="Rust — Verified">
            <script type="application/ld+json">{"status": "verified"}</script>
            <script>var s = "verified";</script>
            </head><body><p>Not verified</p><p><b>Veri</b><i>fied</i></p>
            <img alt="verified seal"><span aria-label="Verified badge"></span></body></html>"#;
        let found = find(page);
        assert_eq!(found.len(), 5, "{found:?}");
        assert!(
            !find("<p>Not verified: a check failed</p>")
                .iter()
                .any(|_| true)
        );
    }
}
