//! Photos without where they were taken: a 4000×3000 JPEG with GPS Exif and XMP
//! (made here: pixels by the `image` crate's encoder, the metadata segments written
//! by hand as a phone writes them) is published from `static/images/` byte for byte
//! as the encoder wrote it, metadata gone; a rotated one is turned upright; PNG text
//! chunks go too; `images.keep_metadata: true` publishes the files as they are.

mod common;

use common::Portfolio;

/// A big-endian TIFF block: Orientation and a GPS IFD with a latitude.
fn exif(orientation: u16) -> Vec<u8> {
    let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    t.extend_from_slice(&orientation.to_be_bytes());
    t.extend_from_slice(&[0, 0]);
    // GPSInfo → the IFD at offset 38: one entry, GPSLatitudeRef "N".
    t.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
    t.extend_from_slice(&[0, 0, 0, 0]);
    t.extend_from_slice(&1u16.to_be_bytes());
    t.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    t.extend_from_slice(&[0, 0, 0, 0]);
    t
}

fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    s.extend_from_slice(payload);
    s
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x + y) % 239) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&img)
        .unwrap();
    out.into_inner()
}

/// `clean` with a phone's metadata after its first segment (JFIF): Exif with GPS and
/// the given orientation, XMP with coordinates, a comment.
fn with_metadata(clean: &[u8], orientation: u16) -> Vec<u8> {
    let jfif_end = 4 + u16::from_be_bytes([clean[4], clean[5]]) as usize;
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(exif(orientation));
    let mut out = clean[..jfif_end].to_vec();
    out.extend(segment(0xE1, &app1));
    out.extend(segment(
        0xE1,
        b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>53,48.0N</exif:GPSLatitude></x:xmpmeta>",
    ));
    out.extend(segment(0xFE, b"home"));
    out.extend_from_slice(&clean[jfif_end..]);
    out
}

fn has_metadata(bytes: &[u8]) -> bool {
    let find = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    find(b"Exif\0\0") || find(b"GPSLatitude") || find(b"ns.adobe.com/xap")
}

#[test]
fn a_phone_photo_is_published_without_its_location() {
    let p = Portfolio::example();
    let clean = jpeg(4000, 3000);
    let phone = with_metadata(&clean, 1);
    assert!(has_metadata(&phone));
    p.write("static/images/photo.jpg", &phone);
    // Rotated: stored 40×30, shown 30×40 (orientation 6, turned 90° clockwise).
    p.write("static/images/rotated.jpg", with_metadata(&jpeg(40, 30), 6));
    // A PNG with a text chunk and an eXIf chunk.
    let mut png = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(8, 8, image::Rgb([10, 20, 30]))
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    let png = png.into_inner();
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0, 0, 0, 0]);
        c
    };
    let mut tagged = png[..33].to_vec();
    tagged.extend(chunk(b"tEXt", b"Comment\0my street"));
    tagged.extend(chunk(b"eXIf", &exif(1)));
    tagged.extend_from_slice(&png[33..]);
    p.write("static/images/map.png", &tagged);
    p.write(
        "content/projects/photo.md",
        "---\ntitle: Site visit\n---\n![The warehouse](/images/photo.jpg)\n\nAgain: ![Again](/images/photo.jpg)\n",
    );
    let run = p.run(&["build"]);
    run.success();
    assert!(
        run.stdout
            .contains("images: metadata removed from 3 files, 3 with location data"),
        "{}",
        run.stdout
    );
    let published = std::fs::read(p.root.join("public/images/photo.jpg")).unwrap();
    assert!(!has_metadata(&published));
    assert_eq!(published, clean, "only the metadata segments are removed");
    let rotated =
        image::load_from_memory(&std::fs::read(p.root.join("public/images/rotated.jpg")).unwrap())
            .unwrap();
    assert_eq!((rotated.width(), rotated.height()), (30, 40));
    let map = std::fs::read(p.root.join("public/images/map.png")).unwrap();
    assert_eq!(map, png, "the PNG without its tEXt and eXIf chunks");

    // Web-sized copies: 480, 960 and 1600 wide, WebP and JPEG, offered with srcset,
    // the real aspect ratio, lazy loading after the first image.
    assert!(
        run.stdout
            .contains("images: 6 web-sized copies (6 encoded, 0 from the cache)"),
        "{}",
        run.stdout
    );
    let page = p.read("public/projects/photo/index.html");
    let first = &page[page.find("<picture>").unwrap()..page.find("</picture>").unwrap()];
    assert!(
        first.contains("<source type=\"image/webp\" srcset=\"/portfolio/_img/"),
        "{first}"
    );
    assert!(
        first.contains(" 480w, ") && first.contains("-1600.webp 1600w\""),
        "{first}"
    );
    assert!(first.contains("width=\"4000\" height=\"3000\""), "{first}");
    assert!(!first.contains("loading=\"lazy\"") && first.contains("decoding=\"async\""));
    let second = &page[page.rfind("<picture>").unwrap()..];
    assert!(second.contains("loading=\"lazy\""));
    let copies: Vec<_> = std::fs::read_dir(p.root.join("public/_img"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(copies.len(), 6, "{copies:?}");
    for copy in &copies {
        let bytes = std::fs::read(copy).unwrap();
        assert!(!has_metadata(&bytes), "{}", copy.display());
        let (w, h) = match copy.extension().unwrap().to_str().unwrap() {
            "webp" => {
                let img = webp::Decoder::new(&bytes).decode().expect("a WebP");
                (img.width(), img.height())
            }
            _ => {
                let img = image::load_from_memory(&bytes).unwrap();
                (img.width(), img.height())
            }
        };
        assert!(w <= 1600, "{}", copy.display());
        assert_eq!(h * 4, w * 3, "{}: 4:3 kept", copy.display());
    }
    // A second build encodes nothing: the copies come from .folio/cache.
    let run = p.run(&["build"]);
    assert!(
        run.stdout
            .contains("images: 6 web-sized copies (0 encoded, 6 from the cache)"),
        "{}",
        run.stdout
    );

    // Kept on request, byte for byte.
    let config = p.read("folio.yaml");
    p.write(
        "folio.yaml",
        format!("{config}\nimages:\n  keep_metadata: true\n"),
    );
    let run = p.run(&["build"]);
    run.success();
    assert!(!run.stdout.contains("metadata removed"));
    assert_eq!(
        std::fs::read(p.root.join("public/images/photo.jpg")).unwrap(),
        phone
    );
}
