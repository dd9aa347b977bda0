//! Comparing issuer names as a reader sees them, for the impersonation rule (check 8).
//!
//! Two names that look the same on a page must compare equal, whatever code points
//! spell them: "Sample Academy" and "Sample\u{200B} Academy" (zero-width space),
//! "Sam\u{AD}ple" (soft hyphen), "Ѕample" (Cyrillic Dze), "Ｓample" (fullwidth), and
//! "Sample Academy." (a trailing dot). So a name is reduced to a key: compatibility
//! forms composed (NFKC), default-ignorable code points removed, case folded,
//! confusable characters mapped to their prototype (UTS #39 skeleton), and
//! everything that is not a letter or digit removed (spaces, dots, hyphens).

use unicode_normalization::UnicodeNormalization;
use unicode_security::confusable_detection::skeleton;

/// The key two look-alike names share.
pub fn key(name: &str) -> String {
    let visible: String = name
        .nfkc()
        .filter(|c| !is_default_ignorable(*c))
        .collect::<String>()
        .to_lowercase();
    skeleton(&visible)
        .collect::<String>()
        .to_lowercase()
        .nfkc()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 15):
/// characters a renderer shows as nothing.
pub fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alikes_share_a_key() {
        let real = key("folio Sample Academy");
        for fake in [
            "folio Sample\u{200B} Academy",
            "folio Sam\u{AD}ple Academy",
            "folio \u{405}ample Academy",
            "folio Ｓａｍｐｌｅ Academy",
            "folio Sample Academy.",
            "FOLIO  sample   academy",
            "f\u{43E}lio Sample Academy",
            "folio Sample Academy\u{2060}",
            "\u{202E}folio Sample Academy",
        ] {
            assert_eq!(key(fake), real, "{fake:?}");
        }
        assert_ne!(key("folio Simple Academy"), real);
        assert_ne!(key("Other University"), real);
    }
}
