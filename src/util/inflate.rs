//! Decompression with a ceiling: a few kilobytes of zlib or gzip can expand to
//! gigabytes, and the input (a baked badge, a status list) is untrusted.

use std::io::Read;

/// Reads all of `decoder` unless it yields more than `limit` bytes. `what` names the
/// data in errors ("the baked credential", "encodedList").
pub fn bounded(
    decoder: impl Read,
    limit: u64,
    what: &str,
    format: &str,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|_| format!("{what} is not valid {format} data"))?;
    if out.len() as u64 > limit {
        return Err(format!("{what} is too large"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    #[test]
    fn stops_at_the_limit() {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![0u8; 100_000]).unwrap();
        let small = z.finish().unwrap();
        let read = |limit| {
            super::bounded(
                flate2::read::ZlibDecoder::new(&small[..]),
                limit,
                "x",
                "zlib",
            )
        };
        assert_eq!(read(100_000).unwrap().len(), 100_000);
        assert_eq!(read(99_999).unwrap_err(), "x is too large");
        assert_eq!(
            super::bounded(
                flate2::read::ZlibDecoder::new(&b"junk"[..]),
                10,
                "x",
                "zlib"
            )
            .unwrap_err(),
            "x is not valid zlib data"
        );
    }
}
