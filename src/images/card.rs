//! Social preview cards: the 1200×630 PNG that `og:image` and `twitter:image` name
//! for the home page and every badge page. LinkedIn and X show neither SVG nor a
//! square badge well, so folio draws a card of its own: the title (the badge's name,
//! or the learner's), a line under it (the issuer, or the headline), the site's
//! address at the foot, and the picture (the badge's, or the learner's portrait) when
//! it is a raster image folio can decode.
//!
//! Text is drawn with a bundled DejaVu Sans reduced to Latin, Greek and Cyrillic
//! (`fonts/SOURCE.md`). A line with a character the font lacks (Arabic, which would
//! also need shaping, CJK, …) is left off rather than drawn wrong; the card keeps its
//! picture and the rest. Nothing on a card says whether a badge is verified: the card
//! is cached by what it shows and a status would go stale without anyone re-drawing it.
//!
//! Drawing and encoding take a few milliseconds a card, so cards are kept in
//! `.folio/cache/cards/` by the hash of what they show (as the web-sized copies are):
//! an unchanged card is never drawn twice, and a build removes cards no page needs.

use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::{Rgb, RgbImage};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::write::{Body, OutputFile};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
/// Bumped whenever the drawing changes, so cached cards are drawn again.
const DESIGN: &str = "card-1";
const PICTURE: u32 = 380;
const MARGIN: i32 = 80;
const INK: [u8; 3] = [27, 31, 36];
const MUTED: [u8; 3] = [87, 96, 106];
const PAPER: [u8; 3] = [255, 255, 255];
/// Titles and lines longer than this are cut before they are measured.
const MAX_CHARS: usize = 300;

/// One card to publish.
#[derive(Debug, Clone)]
pub struct Card {
    /// Its path in the site (`badges/python/card.png`).
    pub path: String,
    pub title: String,
    pub subtitle: String,
    pub footer: String,
    /// The site path of the picture to show, if any.
    pub image: Option<String>,
    pub accent: [u8; 3],
    /// The most pixels its picture may have to be decoded ([`super::MAX_PIXELS`];
    /// a badge picture: [`super::MAX_BADGE_PIXELS`]).
    pub max_pixels: u64,
}

/// The accent colour of the built-in themes' `accent` parameter, light scheme.
pub fn accent(name: Option<&str>) -> [u8; 3] {
    match name {
        Some("teal") => [11, 114, 133],
        Some("plum") => [134, 46, 156],
        Some("amber") => [143, 83, 0],
        _ => [31, 95, 191],
    }
}

/// Where a tree's home card is published: `_img/cards/home.png`,
/// `_img/cards/home-fr.png` (folio's folder: no learner's file can be there).
pub fn home_path(lang_prefix: &str, language: &str) -> String {
    let dir = super::variants::DIR;
    match lang_prefix {
        "" => format!("{dir}/cards/home.png"),
        _ => format!("{dir}/cards/home-{}.png", language.to_lowercase()),
    }
}

/// Every card, from the cache or drawn now (and then cached), the cards the cache
/// should keep, and how many were drawn. `bytes_of` gives a picture's published bytes.
pub fn publish(
    cards: &[Card],
    cache: &Path,
    bytes_of: impl Fn(&str) -> Option<Vec<u8>> + Sync,
    pictures: &super::pictures::Pictures,
) -> (Vec<OutputFile>, super::Prune, usize) {
    let dir = cache.join("cards");
    let _ = std::fs::create_dir_all(&dir);
    let made: Vec<(OutputFile, String)> = cards
        .par_iter()
        .map(|card| {
            let picture = card.image.as_deref().and_then(&bytes_of);
            let name = format!("{}.png", key(card, picture.as_deref()));
            let cached = dir.join(&name);
            let body = match cached.is_file() {
                true => Body::Copy(cached),
                false => {
                    let decoded = picture_of(card, picture.as_deref(), pictures);
                    let png = render(card, decoded.as_deref());
                    super::cache_put(&cached, &png);
                    Body::Bytes(png)
                }
            };
            let file = OutputFile {
                path: card.path.clone(),
                body,
                key: None,
            };
            (file, name)
        })
        .collect();
    let keep: HashSet<String> = made.iter().map(|(_, n)| n.clone()).collect();
    let drawn = made
        .iter()
        .filter(|(f, _)| matches!(f.body, Body::Bytes(_)))
        .count();
    (
        made.into_iter().map(|(f, _)| f).collect(),
        (dir, keep),
        drawn,
    )
}

/// The card's picture decoded: a badge's from the build's decoded pictures (one decode
/// for all its uses), the owner's portrait within its own pixel bound. None when it
/// does not decode or is too large: the card is drawn without it.
fn picture_of(
    card: &Card,
    bytes: Option<&[u8]>,
    pictures: &super::pictures::Pictures,
) -> Option<std::sync::Arc<image::DynamicImage>> {
    let (path, bytes) = (card.image.as_deref()?, bytes?);
    match card.max_pixels <= super::MAX_BADGE_PIXELS {
        true => pictures.get(path, || Some(bytes.to_vec())),
        false => super::decode_within(bytes, card.max_pixels).map(std::sync::Arc::new),
    }
}

/// The hash of everything a card shows: its cache name.
fn key(card: &Card, picture: Option<&[u8]>) -> String {
    let mut h = Sha256::new();
    for part in [DESIGN, &card.title, &card.subtitle, &card.footer] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.update(card.accent);
    h.update(card.max_pixels.to_le_bytes());
    if let Some(bytes) = picture {
        h.update(Sha256::digest(bytes));
    }
    h.finalize()[..10]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn fonts() -> &'static (FontRef<'static>, FontRef<'static>) {
    static FONTS: OnceLock<(FontRef<'static>, FontRef<'static>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let regular = FontRef::try_from_slice(include_bytes!("fonts/DejaVuSans.ttf"));
        let bold = FontRef::try_from_slice(include_bytes!("fonts/DejaVuSans-Bold.ttf"));
        (
            regular.expect("the bundled font parses"),
            bold.expect("the bundled font parses"),
        )
    })
}

/// The card as a PNG, with its picture (decoded) when it has one.
pub fn render(card: &Card, picture: Option<&image::DynamicImage>) -> Vec<u8> {
    let mut canvas = RgbImage::from_pixel(WIDTH, HEIGHT, Rgb(PAPER));
    fill(&mut canvas, (0, 0, 16, HEIGHT), card.accent);
    let picture = picture.map(fitted);
    let text_right = match &picture {
        Some(p) => {
            let x = WIDTH - MARGIN as u32 - PICTURE + (PICTURE - p.width().min(PICTURE)) / 2;
            let y = (HEIGHT - p.height().min(PICTURE)) / 2;
            blend_picture(&mut canvas, p, x, y);
            (WIDTH - MARGIN as u32 - PICTURE) as i32 - 48
        }
        None => WIDTH as i32 - MARGIN,
    };
    let width = (text_right - MARGIN) as f32;
    let (regular, bold) = fonts();
    let mut y = 96.0;
    for line in wrap(bold, 60.0, &card.title, width, 3) {
        y += 60.0;
        draw(&mut canvas, bold, 60.0, &line, (MARGIN as f32, y), INK);
        y += 14.0;
    }
    y += 16.0;
    for line in wrap(regular, 34.0, &card.subtitle, width, 2) {
        y += 34.0;
        draw(&mut canvas, regular, 34.0, &line, (MARGIN as f32, y), MUTED);
        y += 12.0;
    }
    for line in wrap(regular, 28.0, &card.footer, width, 1) {
        let at = (MARGIN as f32, HEIGHT as f32 - 72.0);
        draw(&mut canvas, regular, 28.0, &line, at, card.accent);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(canvas)
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encoding a PNG in memory does not fail");
    out.into_inner()
}

/// The picture fitted into the card's square.
fn fitted(img: &image::DynamicImage) -> image::RgbaImage {
    // A small picture is enlarged at most three times: more is only blur.
    let side = PICTURE
        .min(img.width().max(img.height()).saturating_mul(3))
        .max(1);
    img.resize(side, side, image::imageops::FilterType::CatmullRom)
        .to_rgba8()
}

fn fill(canvas: &mut RgbImage, (x0, y0, w, h): (u32, u32, u32, u32), colour: [u8; 3]) {
    for y in y0..(y0 + h).min(canvas.height()) {
        for x in x0..(x0 + w).min(canvas.width()) {
            canvas.put_pixel(x, y, Rgb(colour));
        }
    }
}

fn blend_picture(canvas: &mut RgbImage, picture: &image::RgbaImage, x0: u32, y0: u32) {
    for (x, y, px) in picture.enumerate_pixels() {
        let [r, g, b, a] = px.0;
        blend(canvas, x0 + x, y0 + y, [r, g, b], a as f32 / 255.0);
    }
}

fn blend(canvas: &mut RgbImage, x: u32, y: u32, colour: [u8; 3], alpha: f32) {
    if x >= canvas.width() || y >= canvas.height() || alpha <= 0.0 {
        return;
    }
    let alpha = alpha.min(1.0);
    let under = canvas.get_pixel_mut(x, y);
    for (u, c) in under.0.iter_mut().zip(colour) {
        *u = (*u as f32 * (1.0 - alpha) + c as f32 * alpha).round() as u8;
    }
}

/// Whether every character of `text` is in `font` (a line that is not is left off:
/// missing glyphs would be boxes, and right-to-left or joined scripts would be
/// drawn wrong without shaping).
fn drawable(font: &FontRef, text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || font.glyph_id(c).0 != 0)
}

fn measure(font: &FontRef, px: f32, text: &str) -> f32 {
    let scaled = font.as_scaled(PxScale::from(px));
    let mut width = 0.0;
    let mut last = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(prev) = last {
            width += scaled.kern(prev, id);
        }
        width += scaled.h_advance(id);
        last = Some(id);
    }
    width
}

/// `text` in at most `max_lines` lines no wider than `width`, the last cut with an
/// ellipsis if the text is longer; nothing when the font cannot draw it.
fn wrap(font: &FontRef, px: f32, text: &str, width: f32, max_lines: usize) -> Vec<String> {
    let text: String = text
        .chars()
        .take(MAX_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if !drawable(font, &text) {
        return Vec::new();
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = match line.is_empty() {
            true => word.to_string(),
            false => format!("{line} {word}"),
        };
        if measure(font, px, &joined) <= width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than the line is broken where it must be.
        for c in word.chars() {
            line.push(c);
            if measure(font, px, &line) > width {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("max_lines is at least one");
        while !last.is_empty() && measure(font, px, &format!("{last}…")) > width {
            last.pop();
        }
        *last = format!("{}…", last.trim_end());
    }
    lines
}

fn draw(
    canvas: &mut RgbImage,
    font: &FontRef,
    px: f32,
    text: &str,
    (x, baseline): (f32, f32),
    colour: [u8; 3],
) {
    let scaled = font.as_scaled(PxScale::from(px));
    let mut caret = x;
    let mut last = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(prev) = last {
            caret += scaled.kern(prev, id);
        }
        let glyph = id.with_scale_and_position(px, point(caret, baseline));
        caret += scaled.h_advance(id);
        last = Some(id);
        let Some(outlined) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outlined.px_bounds();
        outlined.draw(|gx, gy, coverage| {
            let (px, py) = (
                bounds.min.x as i64 + gx as i64,
                bounds.min.y as i64 + gy as i64,
            );
            if px >= 0 && py >= 0 {
                blend(canvas, px as u32, py as u32, colour, coverage);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(title: &str) -> Card {
        Card {
            path: "badges/x/card.png".into(),
            title: title.into(),
            subtitle: "Example University".into(),
            footer: "learner.example.org".into(),
            image: None,
            accent: accent(None),
            max_pixels: super::super::MAX_PIXELS,
        }
    }

    #[test]
    fn a_card_is_a_1200_by_630_png() {
        let png = render(&card("Data Analysis"), None);
        let img = image::load_from_memory_with_format(&png, image::ImageFormat::Png).unwrap();
        assert_eq!((img.width(), img.height()), (WIDTH, HEIGHT));
    }

    #[test]
    fn the_title_is_drawn_in_ink() {
        let png = render(&card("Data Analysis"), None);
        let img = image::load_from_memory(&png).unwrap().to_rgb8();
        let inked = img
            .enumerate_pixels()
            .filter(|(x, y, p)| *x > 60 && *y < 260 && p.0 == INK)
            .count();
        assert!(inked > 500, "only {inked} title pixels");
        let blank = render(&card(""), None);
        let blank = image::load_from_memory(&blank).unwrap().to_rgb8();
        assert!(blank.pixels().all(|p| p.0 != INK));
    }

    #[test]
    fn long_text_wraps_and_ends_with_an_ellipsis() {
        let (_, bold) = fonts();
        let long = "Advanced Certificate in Applied Statistical Learning ".repeat(6);
        let lines = wrap(bold, 60.0, &long, 620.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'));
        assert!(lines.iter().all(|l| measure(bold, 60.0, l) <= 620.0));
        let word = "x".repeat(200);
        assert!(wrap(bold, 60.0, &word, 620.0, 3).len() == 3);
    }

    #[test]
    fn text_the_font_cannot_draw_is_left_off() {
        let (regular, _) = fonts();
        assert!(wrap(regular, 34.0, "شهادة تحليل البيانات", 600.0, 2).is_empty());
        assert!(wrap(regular, 34.0, "数据分析", 600.0, 2).is_empty());
        assert_eq!(
            wrap(regular, 34.0, "Ελληνικά и кириллица, ça va", 900.0, 2).len(),
            1
        );
    }

    #[test]
    fn a_picture_is_fitted_into_its_square_and_a_broken_one_left_off() {
        let mut red = RgbImage::from_pixel(600, 300, Rgb([200, 0, 0]));
        // (Large enough not to be limited to three times its size.)
        red.put_pixel(0, 0, Rgb([200, 0, 0]));
        let mut png = std::io::Cursor::new(Vec::new());
        red.write_to(&mut png, image::ImageFormat::Png).unwrap();
        let decoded = image::load_from_memory(png.get_ref()).unwrap();
        let drawn = render(&card("Badge"), Some(&decoded));
        let img = image::load_from_memory(&drawn).unwrap().to_rgb8();
        let reds: Vec<(u32, u32)> = img
            .enumerate_pixels()
            .filter(|(_, _, p)| p.0 == [200, 0, 0])
            .map(|(x, y, _)| (x, y))
            .collect();
        let min_x = reds.iter().map(|p| p.0).min().unwrap();
        let max_x = reds.iter().map(|p| p.0).max().unwrap();
        let min_y = reds.iter().map(|p| p.1).min().unwrap();
        let max_y = reds.iter().map(|p| p.1).max().unwrap();
        assert_eq!(max_x - min_x + 1, PICTURE);
        assert_eq!(max_y - min_y + 1, PICTURE / 2);
        assert!(min_x > WIDTH / 2);
        let pictures = super::super::pictures::Pictures::default();
        let with_picture = Card {
            image: Some("badges/x/broken.png".into()),
            max_pixels: super::super::MAX_BADGE_PIXELS,
            ..card("Badge")
        };
        let broken = picture_of(
            &with_picture,
            Some(b"\x89PNG\r\n\x1a\nnot really"),
            &pictures,
        );
        assert!(broken.is_none());
    }

    #[test]
    fn the_cache_key_follows_what_the_card_shows() {
        let a = card("One");
        assert_eq!(key(&a, None), key(&a.clone(), None));
        assert_ne!(key(&a, None), key(&card("Two"), None));
        assert_ne!(key(&a, None), key(&a, Some(b"picture")));
    }
}
