//! Photos without where they were taken: a 4000×3000 JPEG with GPS Exif and XMP
//! (made here: pixels by the `image` crate's encoder, the metadata segments written
//! by hand as a phone writes them) is published from `static/images/` byte for byte
//! as the encoder wrote it, metadata gone; a rotated one is turned upright; PNG text
//! chunks go too; `images.keep_metadata: true` publishes the files as they are.

mod common;

use common::Portfolio;
use common::files::png_chunk;

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
        .filter(|p| p.is_file())
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

/// Width and height from a PNG's IHDR, read by hand (not by the crate that wrote it).
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(..8)? != b"\x89PNG\r\n\x1a\n" || bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    Some((be(16), be(20)))
}

/// The `content` of `<meta property|name="key" content="…">` in `html`.
fn meta<'a>(html: &'a str, key: &str) -> Option<&'a str> {
    let needle = format!("=\"{key}\" content=\"");
    let rest = &html[html.find(&needle)? + needle.len()..];
    rest.split('"').next()
}

#[test]
fn home_and_badge_pages_preview_as_1200_by_630_pngs() {
    let p = Portfolio::example();
    p.run(&["build"]).success();
    let base = "https://ada-okafor.github.io/portfolio/";
    let mut pages = vec![
        "public/index.html".to_string(),
        "public/about/index.html".into(),
    ];
    for entry in std::fs::read_dir(p.root.join("public/badges"))
        .unwrap()
        .flatten()
    {
        if entry.path().join("index.html").is_file() {
            let name = entry.file_name().to_string_lossy().into_owned();
            pages.push(format!("public/badges/{name}/index.html"));
        }
    }
    assert!(pages.len() >= 8, "{pages:?}");
    let mut cards = std::collections::BTreeMap::new();
    for page in &pages {
        let html = p.read(page);
        let image = meta(&html, "og:image").unwrap_or_else(|| panic!("{page}: no og:image"));
        assert_eq!(
            meta(&html, "twitter:card"),
            Some("summary_large_image"),
            "{page}"
        );
        assert_eq!(meta(&html, "twitter:image"), Some(image), "{page}");
        assert_eq!(meta(&html, "og:image:type"), Some("image/png"), "{page}");
        let file = image
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{page}: {image} is not on the site"));
        let bytes = std::fs::read(p.root.join("public").join(file)).unwrap();
        assert_eq!(png_size(&bytes), Some((1200, 630)), "{page}: {image}");
        cards.insert(page.clone(), bytes);
    }
    // The home card is the fallback of pages without a raster picture of their own.
    assert_eq!(cards["public/index.html"], cards["public/about/index.html"]);
    // The baked PNG badge shows its picture on the right; every badge card differs.
    let baked = image::load_from_memory(&cards["public/badges/spreadsheet-modelling/index.html"])
        .unwrap()
        .to_rgb8();
    let coloured = baked
        .enumerate_pixels()
        .filter(|(x, _, px)| *x > 760 && px.0 != [255, 255, 255])
        .count();
    assert!(coloured > 10_000, "{coloured} picture pixels");
    let distinct: std::collections::BTreeSet<_> = cards.values().collect();
    assert_eq!(distinct.len(), cards.len() - 1);

    // A second build draws nothing again: the cards come from .folio/cache/cards.
    let cached = std::fs::read_dir(p.root.join(".folio/cache/cards"))
        .unwrap()
        .count();
    assert_eq!(cached, cards.len() - 1);
    let stamp = |f: &std::path::Path| std::fs::metadata(f).unwrap().modified().unwrap();
    let entries: Vec<_> = std::fs::read_dir(p.root.join(".folio/cache/cards"))
        .unwrap()
        .flatten()
        .map(|e| (e.path(), stamp(&e.path())))
        .collect();
    p.run(&["build"]).success();
    for (path, before) in entries {
        assert_eq!(stamp(&path), before, "{} was drawn again", path.display());
    }
    // A renamed learner gets a new home card, and the old one leaves the cache.
    let config = p.read("folio.yaml");
    p.write(
        "folio.yaml",
        config.replacen("name: Ada Okafor", "name: Ada N. Okafor", 1),
    );
    p.run(&["build"]).success();
    let home = std::fs::read(p.root.join("public/_img/cards/home.png")).unwrap();
    assert_ne!(home, cards["public/index.html"]);
    let cached = std::fs::read_dir(p.root.join(".folio/cache/cards"))
        .unwrap()
        .count();
    assert_eq!(cached, cards.len() - 1);
}

#[test]
fn a_badge_picture_is_published_small_and_a_hostile_one_safely() {
    use base64::Engine;
    use folio::badge::sign::{Issuer, sample_badge};
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        "title: Test Portfolio\nbase_url: https://learner.example/\nowner:\n  name: Test Learner\n  email: learner@example.org\n",
    );
    let issuer = Issuer::from_seed([5; 32]);
    let data_uri = |bytes: &[u8]| {
        let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
        format!("data:image/png;base64,{b64}")
    };
    let badge = |name: &str, picture: String| {
        let mut doc = sample_badge(&issuer, name, "2025-01-01T00:00:00Z");
        doc["credentialSubject"]["achievement"]["image"] =
            serde_json::json!({"id": picture, "type": "Image"});
        serde_json::to_vec_pretty(&issuer.sign_jcs(doc, "2025-01-01T00:00:00Z")).unwrap()
    };
    let mut png = std::io::Cursor::new(Vec::new());
    image::RgbaImage::from_pixel(600, 600, image::Rgba([0, 120, 90, 255]))
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    p.write(
        "badges/big.json",
        badge("Big Picture", data_uri(png.get_ref())),
    );
    // A header that claims 60000×60000 pixels, then nothing a decoder can use.
    let mut bomb = png.get_ref()[..33].to_vec();
    bomb[16..20].copy_from_slice(&60_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&60_000u32.to_be_bytes());
    bomb.extend_from_slice(b"\0\0\0\x10IDATgarbage-garbage\0\0\0\0");
    p.write("badges/bomb.json", badge("Bomb Picture", data_uri(&bomb)));
    let run = p.run(&["build"]);
    run.success();

    let page = p.read("public/badges/big/index.html");
    let picture = &page[page.find("<picture>").unwrap()..page.find("</picture>").unwrap()];
    assert!(picture.contains("-120.webp 120w, "), "{picture}");
    assert!(picture.contains("-240.webp 240w\""), "{picture}");
    assert!(
        picture.contains("width=\"600\" height=\"600\""),
        "{picture}"
    );
    for copy in std::fs::read_dir(p.root.join("public/_img"))
        .unwrap()
        .flatten()
    {
        let path = copy.path();
        if path.is_file() {
            assert!(
                std::fs::metadata(&path).unwrap().len() < 20_000,
                "{}",
                path.display()
            );
        }
    }
    // Built again (the copies now in .folio/cache), the same picture markup.
    p.run(&["build"]).success();
    let again = p.read("public/badges/big/index.html");
    assert!(again.contains(picture), "{again}");
    // The hostile picture is published as it came (never decoded into copies), and
    // its card is drawn without it.
    let bomb_page = p.read("public/badges/bomb/index.html");
    assert!(
        !bomb_page.contains("<source type=\"image/webp\""),
        "{bomb_page}"
    );
    let card = std::fs::read(p.root.join("public/badges/bomb/card.png")).unwrap();
    assert_eq!(png_size(&card), Some((1200, 630)));
}

#[test]
fn a_baked_badge_picture_never_publishes_the_owners_email() {
    use base64::Engine;
    use folio::badge::sign::{Issuer, sample_badge};
    // The issuer's picture is an Open Badges 2.0 baked PNG: its iTXt chunk holds an
    // assertion naming the learner's address (and a tEXt comment names it too).
    let mut png = std::io::Cursor::new(Vec::new());
    image::RgbaImage::from_pixel(90, 90, image::Rgba([200, 30, 30, 255]))
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    let assertion = r#"{"recipient": {"identity": "learner@example.org", "hashed": false}}"#;
    let baked = folio::badge::bake::bake_png(png.get_ref(), "openbadges", assertion).unwrap();
    let baked = folio::badge::bake::bake_png(&baked, "Comment", "learner@example.org").unwrap();
    let issuer = Issuer::from_seed([6; 32]);
    let mut doc = sample_badge(&issuer, "Baked Picture", "2025-01-01T00:00:00Z");
    let b64 = base64::engine::general_purpose::STANDARD.encode(&baked);
    doc["credentialSubject"]["achievement"]["image"] =
        serde_json::json!({"id": format!("data:image/png;base64,{b64}"), "type": "Image"});
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        "title: Test Portfolio\nbase_url: https://learner.example/\nowner:\n  name: Test Learner\n  email: learner@example.org\n",
    );
    p.write(
        "badges/baked.json",
        serde_json::to_vec_pretty(&issuer.sign_jcs(doc, "2025-01-01T00:00:00Z")).unwrap(),
    );
    // The credential itself stays off the site.
    p.write("badges/baked.yaml", "publish_credential: false\n");
    p.run(&["build"]).success();
    let page = p.read("public/badges/baked/index.html");
    assert!(page.contains("image.png"), "the picture is shown");
    for (file, bytes) in p.tree("public") {
        assert!(
            !bytes
                .windows(b"learner@example.org".len())
                .any(|w| w.eq_ignore_ascii_case(b"learner@example.org")),
            "{file} publishes the owner's address"
        );
    }
    let picture = std::fs::read(p.root.join("public/badges/baked/image.png")).unwrap();
    assert!(image::load_from_memory(&picture).is_ok());
}

#[test]
fn an_image_that_does_not_decode_is_one_error_naming_it() {
    let p = Portfolio::fixture("basic");
    let mut png = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(1200, 900, image::Rgb([20, 90, 160]))
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    // Its header reads (1200 × 900); its pixel data is garbage.
    let mut broken = png.get_ref()[..33].to_vec();
    let garbage = b"IDATthis-is-not-zlib-data-at-all";
    broken.extend_from_slice(&((garbage.len() - 4) as u32).to_be_bytes());
    broken.extend_from_slice(garbage);
    let mut crc = flate2::Crc::new();
    crc.update(garbage);
    broken.extend_from_slice(&crc.sum().to_be_bytes());
    broken.extend_from_slice(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]);
    p.write("static/images/broken.png", &broken);
    p.write(
        "content/gallery.md",
        "---\ntitle: Gallery\n---\n![A view](/images/broken.png)\n",
    );
    let run = p.run(&["build"]);
    run.failure(1).stderr_has(
        "static/images/broken.png: this image cannot be decoded (its file is damaged or not what its name says), so its web-sized copies cannot be made",
    );
    assert!(
        !run.stderr.contains("broken link") && !run.stderr.contains("_img/"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error").count(), 1, "{}", run.stderr);
}

/// Where exiftool (Debian's libimage-exiftool-perl) is; CI must have it.
fn exiftool() -> Option<&'static str> {
    let path = "/usr/bin/exiftool";
    if std::path::Path::new(path).exists() {
        return Some(path);
    }
    common::skipped::skip(
        "the metadata check by exiftool",
        "apt-get install libimage-exiftool-perl",
    );
    None
}

/// A RIFF (WebP) chunk, padded to an even length.
fn riff_chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
    let mut out = kind.to_vec();
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
    out
}

/// An extended WebP (VP8X) of `width` × `height` with `extra` chunks after the
/// image (EXIF, XMP, anything).
fn webp_with(width: u32, height: u32, extra: &[Vec<u8>], flags: u8) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(width, height, |x, y| {
        image::Rgba([(x * 3) as u8, (y * 5) as u8, 120, 255])
    });
    let plain = webp::Encoder::from_rgba(img.as_raw(), width, height)
        .encode(80.0)
        .to_vec();
    // The simple file's VP8 chunk, moved into an extended file.
    let vp8 = &plain[12..];
    let mut vp8x = vec![flags, 0, 0, 0];
    let w = (width - 1).to_le_bytes();
    let h = (height - 1).to_le_bytes();
    vp8x.extend_from_slice(&w[..3]);
    vp8x.extend_from_slice(&h[..3]);
    let mut body = b"WEBP".to_vec();
    body.extend(riff_chunk(b"VP8X", &vp8x));
    body.extend_from_slice(vp8);
    for chunk in extra {
        body.extend_from_slice(chunk);
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend(body);
    out
}

/// The tags exiftool finds that say where, when or by what a picture was made.
fn metadata_tags(exiftool: &str, files: &[std::path::PathBuf]) -> Vec<String> {
    let out = std::process::Command::new(exiftool)
        .args(["-j", "-a", "-u", "-G1"])
        .args(files)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut found = Vec::new();
    for file in json.as_array().unwrap() {
        let name = file["SourceFile"].as_str().unwrap_or("?");
        for key in file.as_object().unwrap().keys() {
            let group = key.split(':').next().unwrap_or("");
            let tag = key.split(':').nth(1).unwrap_or("");
            let bad_group = [
                "IFD0",
                "IFD1",
                "ExifIFD",
                "GPS",
                "InteropIFD",
                "IPTC",
                "Photoshop",
            ]
            .contains(&group)
                || group.starts_with("XMP")
                || group.starts_with("MPF")
                || group.starts_with("MPImage")
                || group.contains("JUMBF")
                || group.contains("C2PA");
            let bad_tag = ["Comment", "GPSLatitude", "GPSPosition", "Orientation"].contains(&tag)
                || tag.starts_with("GPS")
                || key.contains("Trailer")
                || (group == "PNG"
                    && ![
                        "ImageWidth",
                        "ImageHeight",
                        "BitDepth",
                        "ColorType",
                        "Compression",
                        "Filter",
                        "Interlace",
                        "SRGBRendering",
                        "Gamma",
                        "PixelsPerUnitX",
                        "PixelsPerUnitY",
                        "PixelUnits",
                    ]
                    .contains(&tag));
            if bad_group || bad_tag {
                found.push(format!("{name}: {key} = {}", file[key]));
            }
        }
    }
    found
}

#[test]
fn no_published_image_keeps_metadata_however_its_file_is_laid_out() {
    let Some(exiftool) = exiftool() else { return };
    let base = jpeg(1200, 900);
    let jfif_end = 4 + u16::from_be_bytes([base[4], base[5]]) as usize;
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(exif(1));
    let exif_segment = segment(0xE1, &app1);
    let eoi = base.len() - 2;
    let mut files: Vec<(&str, Vec<u8>)> = Vec::new();

    // A stray byte between two segments, then a phone's Exif.
    let mut stray = base[..jfif_end].to_vec();
    stray.push(0x00);
    stray.extend(&exif_segment);
    stray.extend_from_slice(&base[jfif_end..]);
    files.push(("stray.jpg", stray));

    // MPF: an APP2 index and a second image (with its own GPS Exif) after EOI.
    let mut mpf = with_metadata(&base, 1);
    let tail = with_metadata(&jpeg(64, 48), 1);
    let mpf_end = 4 + u16::from_be_bytes([mpf[4], mpf[5]]) as usize;
    mpf.splice(
        mpf_end..mpf_end,
        segment(0xE2, b"MPF\0MM\0\x2a\0\0\0\x08\0\0"),
    );
    mpf.extend(tail);
    files.push(("mpf.jpg", mpf));

    // Exif after the scan, before EOI (where a progressive file's next scan goes),
    // and C2PA's JUMBF box in APP11, and APP3.
    let mut late = base[..eoi].to_vec();
    late.extend(&exif_segment);
    late.extend(segment(
        0xEB,
        b"JP\0\x01\0\0\0\x01\0\0\0\x20jumbc2pa.manifest-store-Exif",
    ));
    late.extend(segment(0xE3, b"META\0camera-serial-12345"));
    late.extend_from_slice(&base[eoi..]);
    files.push(("late.jpg", late));

    // Exif after the tables, not first (odd order).
    let sof = base.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    let mut odd = base[..sof].to_vec();
    odd.extend(&exif_segment);
    odd.extend_from_slice(&base[sof..]);
    files.push(("odd.jpg", odd));

    // PNG: eXIf with GPS, text, XMP, C2PA and a private chunk.
    let mut png = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(800, 600, image::Rgb([30, 60, 90]))
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    let png = png.into_inner();
    let iend = png.len() - 12;
    let mut tricky_png = png[..33].to_vec();
    tricky_png.extend(png_chunk(b"eXIf", &exif(1)));
    tricky_png.extend(png_chunk(b"tEXt", b"Comment\0taken at home"));
    tricky_png.extend(png_chunk(
        b"iTXt",
        b"XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta><exif:GPSLatitude>53N</exif:GPSLatitude></x:xmpmeta>",
    ));
    tricky_png.extend(png_chunk(b"caBX", b"jumbc2pa-manifest"));
    tricky_png.extend(png_chunk(b"prVt", b"private data"));
    tricky_png.extend_from_slice(&png[33..iend]);
    tricky_png.extend(png_chunk(b"tEXt", b"Author\0Ada at home"));
    tricky_png.extend_from_slice(&png[iend..]);
    files.push(("tricky.png", tricky_png));

    // WebP: EXIF (GPS) and XMP chunks.
    let mut exif_chunk = b"Exif\0\0".to_vec();
    exif_chunk.extend(exif(1));
    let webp = webp_with(
        640,
        480,
        &[
            riff_chunk(b"EXIF", &exif_chunk),
            riff_chunk(
                b"XMP ",
                b"<x:xmpmeta><exif:GPSLatitude>53N</exif:GPSLatitude></x:xmpmeta>",
            ),
        ],
        0b0000_1100,
    );
    files.push(("tricky.webp", webp));

    // A WebP whose Exif says "rotate 90": published upright, without Exif.
    let mut turned = b"Exif\0\0".to_vec();
    turned.extend(exif(6));
    files.push((
        "turned.webp",
        webp_with(640, 480, &[riff_chunk(b"EXIF", &turned)], 0b0000_1000),
    ));

    let p = Portfolio::fixture("basic");
    let mut body = String::new();
    for (name, bytes) in &files {
        p.write(&format!("static/images/{name}"), bytes);
        body.push_str(&format!("![{name}](/images/{name})\n\n"));
    }
    p.write(
        "content/gallery.md",
        format!("---\ntitle: Gallery\n---\n{body}"),
    );
    let run = p.run(&["build"]);
    run.success();

    let mut published: Vec<std::path::PathBuf> = files
        .iter()
        .map(|(name, _)| p.root.join("public/images").join(name))
        .collect();
    for entry in std::fs::read_dir(p.root.join("public/_img"))
        .unwrap()
        .flatten()
    {
        if entry.path().is_file() {
            published.push(entry.path());
        }
    }
    assert!(published.len() > files.len(), "copies were made");
    let found = metadata_tags(exiftool, &published);
    assert!(found.is_empty(), "metadata left:\n{}", found.join("\n"));
    for path in &published {
        let bytes = std::fs::read(path).unwrap();
        assert!(!has_metadata(&bytes), "{}", path.display());
        for needle in [
            &b"jumb"[..],
            b"c2pa",
            b"caBX",
            b"prVt",
            b"camera-serial",
            b"MPF\0",
        ] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{}: {}",
                path.display(),
                String::from_utf8_lossy(needle)
            );
        }
        // Every published file still opens.
        if path.extension().is_some_and(|e| e != "webp") {
            image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
    // The rotated WebP is upright: 480 wide, 640 high.
    let turned = std::fs::read(p.root.join("public/images/turned.webp")).unwrap();
    let decoded = webp::Decoder::new(&turned).decode().unwrap();
    assert_eq!((decoded.width(), decoded.height()), (480, 640));

    // A WebP cut short cannot be cleaned: an error naming it, and not published.
    let webp = webp_with(640, 480, &[riff_chunk(b"EXIF", &exif_chunk)], 0b0000_1000);
    p.write("static/images/cut.webp", &webp[..webp.len() - 40]);
    let run = p.run(&["build"]);
    run.failure(1).stderr_has(
        "static/images/cut.webp: this image cannot be read to the end (it is truncated or damaged)",
    );
}

/// The Pages workflow's cache step, as `folio init` writes it: its `path`, and the
/// files its `key` hashes (`hashFiles` globs).
fn workflow_cache(site: &std::path::Path) -> (String, Vec<String>, String) {
    let text = std::fs::read_to_string(site.join(".github/workflows/pages.yml")).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let steps = yaml["jobs"]["build"]["steps"].as_sequence().unwrap();
    let step = steps
        .iter()
        .find(|s| s["with"]["path"].as_str() == Some(".folio/cache"))
        .expect("a step caches .folio/cache");
    let key = step["with"]["key"].as_str().unwrap().to_string();
    let restore = step["with"]["restore-keys"]
        .as_str()
        .unwrap()
        .trim()
        .to_string();
    assert!(key.starts_with(&restore), "{key} / {restore}");
    let globs = key
        .split("hashFiles(")
        .nth(1)
        .and_then(|r| r.split(')').next())
        .unwrap()
        .split(',')
        .map(|g| g.trim().trim_matches('\'').to_string())
        .collect();
    (
        step["with"]["path"].as_str().unwrap().to_string(),
        globs,
        restore,
    )
}

/// Whether `rel` is among the files `glob` names (`dir/**` or a plain file).
fn hashed(glob: &str, rel: &str) -> bool {
    match glob.strip_suffix("/**") {
        Some(dir) => rel.starts_with(&format!("{dir}/")),
        None => rel == glob,
    }
}

#[test]
fn the_pages_workflow_caches_what_a_daily_build_would_make_again() {
    let tmp = tempfile::tempdir().unwrap();
    common::run_in(tmp.path(), &["init", "site", "--email", "ada@example.org"]).success();
    let site = tmp.path().join("site");
    let (path, globs, _) = workflow_cache(&site);
    // A portfolio with photos and a code block, built once (the first run).
    for i in 0..3 {
        std::fs::write(
            site.join(format!("static/photo-{i}.jpg")),
            jpeg(1800 + i * 10, 1200),
        )
        .unwrap();
    }
    std::fs::write(
        site.join("content/photos.md"),
        "---\ntitle: Photos\n---\n![one](/photo-0.jpg)\n![two](/photo-1.jpg)\n![three](/photo-2.jpg)\n\n```rust\nfn main() {}\n```\n",
    )
    .unwrap();
    let first = common::run_in(&site, &["build", "--offline"]);
    first.success();
    assert!(
        first.stdout.contains("encoded, 0 from the cache"),
        "{}",
        first.stdout
    );
    // Each input a run changes is one the key hashes, so a change makes a new entry.
    for rel in ["static/photo-0.jpg", "content/photos.md", "folio.yaml"] {
        assert!(
            globs.iter().any(|g| hashed(g, rel)),
            "{rel} is not in the key: {globs:?}"
        );
    }
    // The next run: a fresh checkout with only the cached path restored.
    let next = tmp.path().join("next");
    common::copy_dir(&site, &next);
    let _ = std::fs::remove_dir_all(next.join("public"));
    let _ = std::fs::remove_dir_all(next.join(".folio"));
    common::copy_dir(&site.join(&path), &next.join(&path));
    let daily = common::run_in(&next, &["build", "--offline"]);
    daily.success();
    assert!(
        daily.stdout.contains("(0 encoded, ") && daily.stdout.contains("(0 drawn, "),
        "{}",
        daily.stdout
    );
    // One photo changed: only its copies are encoded again, and the cache keeps the
    // current site's entries only.
    std::fs::write(next.join("static/photo-1.jpg"), jpeg(1700, 1100)).unwrap();
    let changed = common::run_in(&next, &["build", "--offline"]);
    changed.success();
    assert!(
        changed.stdout.contains("(6 encoded, 12 from the cache)"),
        "{}",
        changed.stdout
    );
    let entries = std::fs::read_dir(next.join(".folio/cache/images"))
        .unwrap()
        .count();
    assert_eq!(entries, 18, "the cache holds the current copies only");
}
