//! Removing what a photo says about where and when it was taken, without touching
//! its pixels: JPEG APP1 (Exif, XMP), APP13 (IPTC) and comment segments, PNG `eXIf`
//! and text chunks, WebP `EXIF` and `XMP ` chunks. Everything else is copied byte for
//! byte (the colour profile stays: it is how the picture looks, not who took it).
//!
//! Also reads the two Exif facts folio needs first: the orientation (a rotated photo
//! is turned upright before its metadata goes, `images/mod.rs`) and whether it
//! carries GPS coordinates (the build says how many files had them).

/// What a file's metadata held.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Found {
    /// Exif orientation (1 = upright; 2–8 mirrored or rotated).
    pub orientation: u16,
    /// Exif had a GPS block.
    pub location: bool,
    /// Any metadata at all was removed.
    pub removed: bool,
}

/// The file without metadata, and what was in it; `None` when `bytes` is not a
/// JPEG, PNG or WebP this code can walk (it is then published as it is: folio does
/// not guess at formats it cannot parse).
pub fn strip(bytes: &[u8]) -> Option<(Vec<u8>, Found)> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        strip_jpeg(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        strip_png(bytes)
    } else if is_webp(bytes) {
        strip_webp(bytes)
    } else {
        None
    }
}

/// Whether `bytes` start like a JPEG, PNG or WebP (the formats [`strip`] walks).
pub fn looks_like_picture(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8]) || bytes.starts_with(b"\x89PNG\r\n\x1a\n") || is_webp(bytes)
}

pub fn is_webp(bytes: &[u8]) -> bool {
    bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP"
}

/// A WebP's canvas size, from its first image chunk's header.
pub fn webp_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let kind = bytes.get(12..16)?;
    let data = bytes.get(20..)?;
    let u24 = |b: &[u8]| u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16;
    match kind {
        b"VP8X" => Some((u24(data.get(4..7)?) + 1, u24(data.get(7..10)?) + 1)),
        b"VP8 " => {
            let w = u16::from_le_bytes(data.get(6..8)?.try_into().ok()?) & 0x3FFF;
            let h = u16::from_le_bytes(data.get(8..10)?.try_into().ok()?) & 0x3FFF;
            Some((u32::from(w), u32::from(h)))
        }
        b"VP8L" => {
            let b = data.get(1..5)?;
            let bits = u32::from_le_bytes(b.try_into().ok()?);
            Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
        }
        _ => None,
    }
}

fn strip_jpeg(bytes: &[u8]) -> Option<(Vec<u8>, Found)> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut found = Found {
        orientation: 1,
        ..Found::default()
    };
    let mut i = 2;
    loop {
        // Anything between segments that is not a marker (a stray byte, fill bytes)
        // is skipped up to the next marker: a walker that gave up here would
        // publish the file with its Exif.
        let start = i;
        while i + 1 < bytes.len() && !(bytes[i] == 0xFF && is_marker(bytes[i + 1])) {
            i += 1;
        }
        if i != start {
            found.removed = true;
        }
        let marker = *bytes.get(i + 1)?;
        // End of image: whatever trails it (an MPF second image or gain map with an
        // Exif of its own, anything appended) is not published.
        if marker == 0xD9 {
            out.extend_from_slice(&bytes[i..i + 2]);
            found.removed |= i + 2 < bytes.len();
            return Some((out, found));
        }
        // Markers without a length.
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            out.extend_from_slice(&bytes[i..i + 2]);
            i += 2;
            continue;
        }
        let len = u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]) as usize;
        let end = i
            .checked_add(2 + len)
            .filter(|&e| e <= bytes.len() && len >= 2)?;
        let payload = &bytes[i + 4..end];
        if marker == 0xE1
            && let Some(tiff) = payload.strip_prefix(b"Exif\0\0")
        {
            let (orientation, gps) = exif_facts(tiff);
            if let Some(o) = orientation {
                found.orientation = o;
            }
            found.location |= gps;
        }
        if keeps_jpeg_segment(marker, payload) {
            out.extend_from_slice(&bytes[i..end]);
        } else {
            found.removed = true;
        }
        i = end;
        // A scan: its entropy-coded data runs to the next marker that is not a
        // stuffed byte or a restart; segments after it (a progressive JPEG's next
        // tables and scans, and any APPn between them) are walked like the rest.
        if marker == 0xDA {
            let data = i;
            while i + 1 < bytes.len()
                && !(bytes[i] == 0xFF
                    && bytes[i + 1] != 0
                    && bytes[i + 1] != 0xFF
                    && !(0xD0..=0xD7).contains(&bytes[i + 1]))
            {
                i += 1;
            }
            if i + 1 >= bytes.len() {
                // Cut short: the scan as far as it goes, ended properly.
                out.extend_from_slice(&bytes[data..]);
                out.extend_from_slice(&[0xFF, 0xD9]);
                return Some((out, found));
            }
            out.extend_from_slice(&bytes[data..i]);
        }
    }
}

/// Whether `b` after `0xFF` starts a segment (not a stuffed zero or a fill byte).
fn is_marker(b: u8) -> bool {
    b != 0 && b != 0xFF
}

/// The JPEG segments a picture needs: everything but application data and
/// comments, of which only what decoding or colour needs stays — JFIF (APP0), the
/// ICC colour profile (APP2) and Adobe's colour transform (APP14). Exif and XMP
/// (APP1), FlashPix and MPF (APP2), APP3 to APP13 (IPTC, JUMBF/C2PA in APP11, …)
/// and APP15 go, and so do comments.
fn keeps_jpeg_segment(marker: u8, payload: &[u8]) -> bool {
    match marker {
        0xE0 => payload.starts_with(b"JFIF\0"),
        0xE2 => payload.starts_with(b"ICC_PROFILE\0"),
        0xEE => payload.starts_with(b"Adobe"),
        0xE1..=0xEF | 0xFE => false,
        _ => true,
    }
}

/// The PNG chunks a picture needs: the critical ones, transparency, colour and
/// size, and animation. Everything else — text (`tEXt`, `zTXt`, `iTXt`, where a
/// baked badge names its recipient), `eXIf`, `tIME`, C2PA's `caBX`, private chunks
/// — is not published.
const PNG_KEPT: &[&[u8]] = &[
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB",
    b"cICP", b"mDCv", b"cLLi", b"bKGD", b"hIST", b"pHYs", b"sPLT", b"acTL", b"fcTL", b"fdAT",
];

fn strip_png(bytes: &[u8]) -> Option<(Vec<u8>, Found)> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..8]);
    let mut found = Found {
        orientation: 1,
        ..Found::default()
    };
    let mut i = 8;
    while i < bytes.len() {
        let len = u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?) as usize;
        let kind = bytes.get(i + 4..i + 8)?;
        let end = i.checked_add(12 + len).filter(|&e| e <= bytes.len())?;
        match kind {
            b"eXIf" => {
                let (orientation, gps) = exif_facts(&bytes[i + 8..i + 8 + len]);
                found.orientation = orientation.unwrap_or(1);
                found.location |= gps;
                found.removed = true;
            }
            _ if PNG_KEPT.contains(&kind) => out.extend_from_slice(&bytes[i..end]),
            // Text, times, C2PA (`caBX`) and every chunk folio does not know.
            _ => found.removed = true,
        }
        i = end;
        if kind == b"IEND" {
            break;
        }
    }
    Some((out, found))
}

/// The WebP chunks a picture needs (the rest, `EXIF` and `XMP ` among them, go).
const WEBP_KEPT: &[&[u8]] = &[
    b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP",
];

fn strip_webp(bytes: &[u8]) -> Option<(Vec<u8>, Found)> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..12]);
    let mut found = Found {
        orientation: 1,
        ..Found::default()
    };
    let mut i = 12;
    let mut vp8x_at = None;
    while i + 8 <= bytes.len() {
        let kind = &bytes[i..i + 4];
        let len = u32::from_le_bytes(bytes[i + 4..i + 8].try_into().ok()?) as usize;
        let end = i
            .checked_add(8 + len + (len & 1))
            .filter(|&e| e <= bytes.len())?;
        match kind {
            b"EXIF" => {
                let exif = &bytes[i + 8..i + 8 + len];
                let tiff = exif.strip_prefix(b"Exif\0\0").unwrap_or(exif);
                let (orientation, gps) = exif_facts(tiff);
                found.orientation = orientation.unwrap_or(1);
                found.location |= gps;
                found.removed = true;
            }
            _ if WEBP_KEPT.contains(&kind) => {
                if kind == b"VP8X" {
                    vp8x_at = Some(out.len());
                }
                out.extend_from_slice(&bytes[i..end]);
            }
            // XMP, and every chunk folio does not know.
            _ => found.removed = true,
        }
        i = end;
    }
    // The extended header's flags say which chunks follow: clear EXIF (bit 3) and
    // XMP (bit 2), and put the new size in the RIFF header.
    if let Some(at) = vp8x_at
        && let Some(flags) = out.get_mut(at + 8)
    {
        *flags &= !0b0000_1100;
    }
    let size = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Some((out, found))
}

/// Orientation and whether there is a GPS block, from a TIFF-structured Exif block;
/// nothing for a block that cannot be read.
fn exif_facts(tiff: &[u8]) -> (Option<u16>, bool) {
    let little = match tiff.get(..2) {
        Some(b"II") => true,
        Some(b"MM") => false,
        _ => return (None, false),
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let Some(ifd) = u32_at(4).map(|o| o as usize) else {
        return (None, false);
    };
    let count = u16_at(ifd).unwrap_or(0) as usize;
    let (mut orientation, mut gps) = (None, false);
    for n in 0..count.min(512) {
        let entry = ifd + 2 + n * 12;
        match u16_at(entry) {
            Some(0x0112) => orientation = u16_at(entry + 8),
            Some(0x8825) => gps = true,
            Some(_) => {}
            None => break,
        }
    }
    (orientation, gps)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A big-endian Exif block with an orientation and a GPS pointer.
    fn exif(orientation: u16) -> Vec<u8> {
        let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
        t.extend_from_slice(&2u16.to_be_bytes());
        t.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
        t.extend_from_slice(&orientation.to_be_bytes());
        t.extend_from_slice(&[0, 0]);
        t.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0x26]);
        t.extend_from_slice(&[0, 0, 0, 0]);
        t
    }

    #[test]
    fn a_jpeg_loses_exif_xmp_and_comments_and_keeps_the_rest() {
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(exif(6));
        let seg = |m: u8, payload: &[u8]| {
            let mut s = vec![0xFF, m];
            s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
            s.extend_from_slice(payload);
            s
        };
        let jfif = seg(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        let icc = seg(0xE2, b"ICC_PROFILE\0\x01\x01abc");
        let mut jpeg = vec![0xFF, 0xD8];
        jpeg.extend(&jfif);
        jpeg.extend(seg(0xE1, &app1));
        jpeg.extend(seg(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"));
        jpeg.extend(&icc);
        jpeg.extend(seg(0xFE, b"taken at home"));
        jpeg.extend([0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]);
        let (clean, found) = strip(&jpeg).unwrap();
        assert_eq!(
            found,
            Found {
                orientation: 6,
                location: true,
                removed: true
            }
        );
        let mut want = vec![0xFF, 0xD8];
        want.extend(&jfif);
        want.extend(&icc);
        want.extend([0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]);
        assert_eq!(clean, want);
        // Nothing to remove: the same bytes.
        assert_eq!(strip(&want).unwrap().0, want);
    }

    #[test]
    fn truncated_files_are_left_alone() {
        assert!(strip(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF]).is_none());
        assert!(strip(b"\x89PNG\r\n\x1a\n\0\0\0\x10IHDR").is_none());
        assert!(strip(b"GIF89a").is_none());
    }
}
