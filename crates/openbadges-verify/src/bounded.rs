//! Reading untrusted streams with a ceiling: a file may be `/dev/zero`, a server may
//! never stop sending, and a few kilobytes of zlib or gzip can expand to gigabytes.

use std::io::Read;

/// Reads all of `reader`, or `Ok(None)` as soon as it yields more than `limit` bytes
/// (at most `limit + 1` are read).
pub fn read_at_most(reader: impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut out = Vec::new();
    reader.take(limit + 1).read_to_end(&mut out)?;
    Ok((out.len() as u64 <= limit).then_some(out))
}

/// Decompresses all of `decoder` within `limit` bytes. `what` names the data in
/// errors ("the baked credential", "encodedList"), `format` the compression.
pub fn inflate(
    decoder: impl Read,
    limit: u64,
    what: &str,
    format: &str,
) -> Result<Vec<u8>, String> {
    match read_at_most(decoder, limit) {
        Ok(Some(out)) => Ok(out),
        Ok(None) => Err(format!("{what} is too large")),
        Err(_) => Err(format!("{what} is not valid {format} data")),
    }
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
            super::inflate(
                flate2::read::ZlibDecoder::new(&small[..]),
                limit,
                "x",
                "zlib",
            )
        };
        assert_eq!(read(100_000).unwrap().len(), 100_000);
        assert_eq!(read(99_999).unwrap_err(), "x is too large");
        assert_eq!(
            super::inflate(
                flate2::read::ZlibDecoder::new(&b"junk"[..]),
                10,
                "x",
                "zlib"
            )
            .unwrap_err(),
            "x is not valid zlib data"
        );
        assert_eq!(
            super::read_at_most(&b"abc"[..], 3).unwrap().unwrap(),
            b"abc"
        );
        assert!(super::read_at_most(&b"abcd"[..], 3).unwrap().is_none());
    }
}
