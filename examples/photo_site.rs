//! Writes a portfolio with N phone-sized photos (4000×3000 JPEG, with GPS Exif as a
//! phone writes it), each shown by its own page, for `bench/photos.sh`.
//!
//!     cargo run --release --example photo_site -- DIR [N]

use std::fs;
use std::path::Path;

fn exif_with_gps() -> Vec<u8> {
    let mut t = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec();
    t.extend_from_slice(&1u16.to_be_bytes());
    t.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26]);
    t.extend_from_slice(&[0, 0, 0, 0]);
    t.extend_from_slice(&1u16.to_be_bytes());
    t.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    t.extend_from_slice(&[0, 0, 0, 0]);
    t
}

/// A photo-like picture: smooth gradients with fine noise (so it compresses like a
/// photo, about a megabyte), then the Exif segment after the JFIF header.
fn photo(seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let img = image::RgbImage::from_fn(4000, 3000, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let noise = (state % 24) as i32 - 12;
        let c = |v: u32| (v as i32 + noise).clamp(0, 255) as u8;
        image::Rgb([
            c((x / 16 + seed * 7) % 256),
            c((y / 12 + seed * 3) % 256),
            c(((x + y) / 28) % 256),
        ])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .unwrap();
    let jpeg = out.into_inner();
    let jfif_end = 4 + u16::from_be_bytes([jpeg[4], jpeg[5]]) as usize;
    let exif = exif_with_gps();
    let mut with = jpeg[..jfif_end].to_vec();
    with.extend_from_slice(&[0xFF, 0xE1]);
    with.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    with.extend_from_slice(&exif);
    with.extend_from_slice(&jpeg[jfif_end..]);
    with
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: photo_site DIR [N]");
    let n: u32 = args
        .next()
        .map_or(50, |n| n.parse().expect("N is a number"));
    let root = Path::new(&dir);
    fs::create_dir_all(root.join("content/photos")).unwrap();
    fs::create_dir_all(root.join("static/images")).unwrap();
    fs::write(
        root.join("folio.yaml"),
        "title: Photos\nbase_url: https://photos.example/\nowner:\n  name: Ada\n",
    )
    .unwrap();
    fs::write(
        root.join("content/_index.md"),
        "---\ntitle: Photos\n---\nField work.\n",
    )
    .unwrap();
    fs::write(
        root.join("content/photos/_index.md"),
        "---\ntitle: Photos\n---\n",
    )
    .unwrap();
    for i in 0..n {
        fs::write(
            root.join(format!("static/images/photo-{i:02}.jpg")),
            photo(i + 1),
        )
        .unwrap();
        fs::write(
            root.join(format!("content/photos/visit-{i:02}.md")),
            format!(
                "---\ntitle: Site visit {i}\nimage: images/photo-{i:02}.jpg\n---\n![Visit {i}](/images/photo-{i:02}.jpg)\n\nNotes from visit {i}.\n"
            ),
        )
        .unwrap();
    }
}
