//! Credentials baked into badge images: PNG text chunks (`iTXt`, `tEXt`, `zTXt`) with
//! keyword `openbadgecredential` (OB 3.0) or `openbadges` (OB 2.0), and SVG
//! `<openbadges:credential>` / `<openbadges:assertion>` elements.
//!
//! Issuing tools write slightly malformed chunks (wrong CRCs, odd language tags), so
//! harmless faults are tolerated; lengths are checked strictly, and decompression is
//! bounded.

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const MAX_INFLATED: u64 = 8 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Png,
    Svg,
}

/// What an image carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Baked {
    /// The credential text (JSON or a compact JWS).
    Text(String),
    /// Only a URL where an OB 2.0 hosted assertion lives.
    VerifyUrl(String),
}

pub fn is_png(bytes: &[u8]) -> bool {
    bytes.starts_with(PNG_SIGNATURE)
}

pub fn is_svg(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    (t.starts_with("<?xml") || t.starts_with("<svg") || t.starts_with("<!--")) && t.contains("<svg")
}

/// The credential baked in a PNG.
pub fn png(bytes: &[u8]) -> Result<Baked, String> {
    let mut pos = PNG_SIGNATURE.len();
    while pos < bytes.len() {
        let header = bytes
            .get(pos..pos + 8)
            .ok_or("the PNG ends inside a chunk header")?;
        let len = u32::from_be_bytes(header[..4].try_into().expect("4 bytes")) as usize;
        let kind = &header[4..8];
        let data_start = pos + 8;
        let data_end = data_start
            .checked_add(len)
            .filter(|end| end + 4 <= bytes.len())
            .ok_or("a PNG chunk is longer than the file")?;
        let data = &bytes[data_start..data_end];
        if let Some(text) = text_chunk(kind, data)? {
            return Ok(Baked::Text(text));
        }
        if kind == b"IEND" {
            break;
        }
        pos = data_end + 4; // skip the CRC; a wrong CRC is harmless here
    }
    Err("no credential baked in this image".into())
}

/// The credential text if this chunk carries one.
fn text_chunk(kind: &[u8], data: &[u8]) -> Result<Option<String>, String> {
    let (keyword, rest) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => return Ok(None),
    };
    if keyword != b"openbadgecredential" && keyword != b"openbadges" {
        return Ok(None);
    }
    let bytes = match kind {
        b"tEXt" => rest.to_vec(),
        b"zTXt" => inflate(rest.get(1..).ok_or("truncated zTXt chunk")?)?,
        b"iTXt" => {
            let compressed = *rest.first().ok_or("truncated iTXt chunk")? == 1;
            let after_flags = rest.get(2..).ok_or("truncated iTXt chunk")?;
            // Skip the language tag and translated keyword (both NUL-terminated).
            let mut text = after_flags;
            for _ in 0..2 {
                let i = text
                    .iter()
                    .position(|&b| b == 0)
                    .ok_or("truncated iTXt chunk")?;
                text = &text[i + 1..];
            }
            if compressed {
                inflate(text)?
            } else {
                text.to_vec()
            }
        }
        _ => return Ok(None),
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| "the baked credential is not UTF-8 text".into())
}

fn inflate(data: &[u8]) -> Result<Vec<u8>, String> {
    let decoder = flate2::read::ZlibDecoder::new(data);
    crate::bounded::inflate(decoder, MAX_INFLATED, "the baked credential", "zlib")
}

/// The credential baked in an SVG.
pub fn svg(text: &str) -> Result<Baked, String> {
    for tag in ["openbadges:credential", "openbadges:assertion"] {
        let Some(start) = text.find(&format!("<{tag}")) else {
            continue;
        };
        let open_end = text[start..]
            .find('>')
            .ok_or("unterminated openbadges element")?
            + start;
        let open = &text[start..=open_end];
        let verify = attribute(open, "verify");
        // OB 3.0 allows the credential itself, as a JWS, in the verify attribute.
        if let Some(token) = verify.as_deref().filter(|v| super::jws::looks_like(v)) {
            return Ok(Baked::Text(token.to_string()));
        }
        if open.ends_with("/>") {
            return verify
                .map(Baked::VerifyUrl)
                .ok_or_else(|| format!("the <{tag}> element is empty and has no verify URL"));
        }
        let close = text[open_end..]
            .find(&format!("</{tag}>"))
            .ok_or_else(|| format!("<{tag}> is not closed"))?
            + open_end;
        let inner = text[open_end + 1..close].trim();
        let body = match inner.strip_prefix("<![CDATA[") {
            Some(rest) => rest
                .strip_suffix("]]>")
                .ok_or("unterminated CDATA section")?
                .trim()
                .to_string(),
            None => unescape(inner),
        };
        if body.is_empty() {
            return verify
                .map(Baked::VerifyUrl)
                .ok_or_else(|| format!("the <{tag}> element is empty and has no verify URL"));
        }
        return Ok(Baked::Text(body));
    }
    Err("no credential baked in this image".into())
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    for quote in ['"', '\''] {
        let key = format!("{name}={quote}");
        if let Some(i) = tag.find(&key) {
            let rest = &tag[i + key.len()..];
            return rest.find(quote).map(|j| unescape(&rest[..j]));
        }
    }
    None
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Bakes `text` into a PNG as an uncompressed `iTXt` chunk before `IEND`.
pub fn bake_png(png: &[u8], keyword: &str, text: &str) -> Result<Vec<u8>, String> {
    if !is_png(png) {
        return Err("not a PNG".into());
    }
    let iend = png
        .windows(4)
        .rposition(|w| w == b"IEND")
        .and_then(|i| i.checked_sub(4))
        .ok_or("the PNG has no IEND chunk")?;
    let mut data = Vec::new();
    data.extend_from_slice(keyword.as_bytes());
    data.extend_from_slice(&[0, 0, 0, 0, 0]);
    data.extend_from_slice(text.as_bytes());
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    let mut crc = flate2::Crc::new();
    crc.update(b"iTXt");
    crc.update(&data);
    chunk.extend_from_slice(b"iTXt");
    chunk.extend_from_slice(&data);
    chunk.extend_from_slice(&crc.sum().to_be_bytes());
    let mut out = png[..iend].to_vec();
    out.extend(chunk);
    out.extend_from_slice(&png[iend..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid 1×1 PNG.
    pub const TINY_PNG: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0,
        0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0, b'I', b'E', b'N',
        b'D', 0xae, 0x42, 0x60, 0x82,
    ];

    #[test]
    fn png_roundtrip_and_errors() {
        let baked = bake_png(TINY_PNG, "openbadgecredential", "{\"a\":1}").unwrap();
        assert_eq!(png(&baked).unwrap(), Baked::Text("{\"a\":1}".into()));
        assert_eq!(
            png(TINY_PNG).unwrap_err(),
            "no credential baked in this image"
        );
        let mut truncated = baked.clone();
        truncated.truncate(30);
        assert!(png(&truncated).is_err());
        // A chunk claiming to be huge is refused, not allocated.
        let mut lying = TINY_PNG.to_vec();
        lying[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(png(&lying).unwrap_err().contains("longer than the file"));
    }

    #[test]
    fn svg_forms() {
        let cdata =
            r#"<svg><openbadges:credential><![CDATA[ {"x":1} ]]></openbadges:credential></svg>"#;
        assert_eq!(svg(cdata).unwrap(), Baked::Text("{\"x\":1}".into()));
        let text = r#"<svg><openbadges:credential>{&quot;x&quot;:1}</openbadges:credential></svg>"#;
        assert_eq!(svg(text).unwrap(), Baked::Text("{\"x\":1}".into()));
        let url = r#"<svg><openbadges:assertion verify="https://x.example/a.json"/></svg>"#;
        assert_eq!(
            svg(url).unwrap(),
            Baked::VerifyUrl("https://x.example/a.json".into())
        );
        assert!(
            svg("<svg></svg>")
                .unwrap_err()
                .contains("no credential baked")
        );
    }
}
