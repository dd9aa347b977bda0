//! Web-sized copies of the site's raster images: a few widths (480, 960, 1600 —
//! never wider than the original), each as lossy WebP and in the original format,
//! named by the source's content hash (`_img/HASH-960.webp`), offered to browsers
//! with `<picture>`, `srcset` and `sizes`, and the original's real width and height
//! so nothing jumps as it loads.
//!
//! Encoding is the slow part, so every copy is kept in `.folio/cache/images/` under
//! its name: an unchanged image is never encoded twice, and a build removes the
//! copies no image of the site needs any more (the cache holds only the current
//! site's).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::util::html::escape;
use crate::write::{Body, OutputFile};

pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// Badge pictures are shown small (the built-in themes: 120 CSS pixels), so their
/// copies are that and twice that, for high-density screens.
pub const BADGE_WIDTHS: [u32; 2] = [120, 240];
/// Where the copies are published, under the site root.
pub const DIR: &str = "_img";
const WEBP_QUALITY: f32 = 78.0;
const JPEG_QUALITY: u8 = 82;
/// What a layout gives an image when the template does not say: the prose column.
pub const DEFAULT_SIZES: &str = "(max-width: 48rem) 100vw, 46rem";

/// One source image of the site.
#[derive(Debug, Clone)]
pub struct Source {
    /// Its path in the site (`images/photo.jpg`).
    pub path: String,
    pub width: u32,
    pub height: u32,
    /// The first 16 hex digits of the SHA-256 of the published bytes.
    pub hash: String,
    /// `jpg` or `png`: the fallback format of the copies.
    pub ext: &'static str,
    /// The widths its copies may come in ([`WIDTHS`], or [`BADGE_WIDTHS`]).
    pub steps: &'static [u32],
}

impl Source {
    /// Whether it is a badge's picture (its copies come in [`BADGE_WIDTHS`]).
    pub fn is_badge(&self) -> bool {
        self.steps == BADGE_WIDTHS
    }

    /// The widths its copies come in: each of its steps narrower than the image.
    pub fn widths(&self) -> Vec<u32> {
        self.steps
            .iter()
            .copied()
            .filter(|&w| w < self.width)
            .collect()
    }

    fn name(&self, width: u32, ext: &str) -> String {
        format!("{}-{width}.{ext}", self.hash)
    }

    /// Whether every copy it comes in is in the cache folder `dir`.
    fn cached_in(&self, dir: &Path) -> bool {
        let widths = self.widths();
        widths.iter().all(|&w| {
            ["webp", self.ext]
                .iter()
                .all(|ext| dir.join(self.name(w, ext)).is_file())
        })
    }

    fn height_at(&self, width: u32) -> u32 {
        ((self.height as u64 * width as u64 + self.width as u64 / 2) / self.width as u64).max(1)
            as u32
    }
}

/// Every raster image of the site that gets copies, by site path.
#[derive(Debug, Default, Clone)]
pub struct Catalog {
    pub sources: BTreeMap<String, Source>,
    pub base_path: String,
}

impl Catalog {
    /// The catalog of `sources` (measured by `images::prepare`).
    pub fn of(sources: Vec<Source>, base_path: &str) -> Catalog {
        Catalog {
            sources: sources.into_iter().map(|s| (s.path.clone(), s)).collect(),
            base_path: base_path.to_string(),
        }
    }

    /// This catalog with the badge pictures among `files` (the badges' published
    /// files) whose paths are in `pictures`.
    pub fn with_badges(
        &self,
        files: &[OutputFile],
        pictures: &HashSet<String>,
        cache: &Path,
        decoded: &super::pictures::Pictures,
    ) -> Catalog {
        let dir = cache.join("images");
        let mut more = self.clone();
        let found: Vec<Source> = files
            .par_iter()
            .filter(|f| pictures.contains(&f.path))
            .filter_map(|f| {
                let bytes = f.body.bytes()?;
                let source = measure(&f.path, &bytes, &BADGE_WIDTHS)?;
                // A badge picture larger than any badge needs is not decoded at all.
                if u64::from(source.width) * u64::from(source.height) > super::MAX_BADGE_PIXELS {
                    return None;
                }
                // The issuer's file: decoded before it is offered, so a picture whose
                // header reads but whose pixels do not never gets copies that cannot
                // be made; copies already in the cache prove it decoded before.
                if !source.cached_in(&dir) {
                    decoded.get(&f.path, || Some(bytes.clone()))?;
                }
                Some(source)
            })
            .collect();
        more.sources
            .extend(found.into_iter().map(|s| (s.path.clone(), s)));
        more
    }

    /// The source a page's image address names (`/images/a.jpg`, `images/a.jpg`, or
    /// with the base path), if it is one of the site's raster images.
    pub fn find(&self, url: &str) -> Option<&Source> {
        let path = url
            .strip_prefix(&self.base_path)
            .or_else(|| url.strip_prefix('/'))
            .unwrap_or(url);
        self.sources.get(path).or_else(|| {
            // A badge's file name is in the address percent-encoded.
            let decoded = crate::util::url::percent_decode(path)?;
            self.sources.get(&decoded)
        })
    }

    /// `<picture>` for `source`: WebP and fallback `srcset`s, the original as `src`
    /// with its real size, lazy unless `eager` (the first image of a page).
    pub fn picture(
        &self,
        source: &Source,
        alt: &str,
        sizes: &str,
        eager: bool,
        class: &str,
    ) -> String {
        let url = |name: &str| format!("{}{DIR}/{name}", self.base_path);
        let widths = source.widths();
        let set = |ext: &str| -> String {
            let mut parts: Vec<String> = widths
                .iter()
                .map(|&w| format!("{} {w}w", url(&source.name(w, ext))))
                .collect();
            if ext == source.ext {
                parts.push(format!(
                    "{}{} {}w",
                    self.base_path, source.path, source.width
                ));
            }
            parts.join(", ")
        };
        let class = match class {
            "" => String::new(),
            c => format!(" class=\"{}\"", escape(c)),
        };
        let loading = if eager { "" } else { " loading=\"lazy\"" };
        let webp = match widths.is_empty() {
            true => String::new(),
            false => format!(
                "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">",
                escape(&set("webp")),
                escape(sizes)
            ),
        };
        format!(
            "<picture>{webp}<img{class} src=\"{}{}\" srcset=\"{}\" sizes=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\"{loading} decoding=\"async\"></picture>",
            self.base_path,
            escape(&source.path),
            escape(&set(source.ext)),
            escape(sizes),
            source.width,
            source.height,
            escape(alt),
        )
    }
}

/// The file at `path` measured from its `bytes`, when it is a JPEG or PNG whose
/// header reads.
pub fn measure(path: &str, bytes: &[u8], steps: &'static [u32]) -> Option<Source> {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    if !matches!(ext.as_str(), "jpg" | "jpeg" | "png") {
        return None;
    }
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let ext = match reader.format()? {
        image::ImageFormat::Jpeg => "jpg",
        image::ImageFormat::Png => "png",
        _ => return None,
    };
    let (width, height) = reader.into_dimensions().ok()?;
    let hash: String = Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(Source {
        path: path.to_string(),
        width,
        height,
        hash,
        ext,
        steps,
    })
}

/// What publishing the copies did.
#[derive(Debug, Default, Clone)]
pub struct Made {
    /// Copies encoded in this build.
    pub encoded: usize,
    /// Copies taken from the cache.
    pub cached: usize,
    /// Site paths of images whose header read but whose pixels do not decode: their
    /// copies, which pages already name, could not be made.
    pub failed: Vec<String>,
    /// Preview cards drawn in this build, and taken from the cache.
    pub cards_drawn: usize,
    pub cards_cached: usize,
}

/// Every copy of every source, from the cache or encoded now (and then cached),
/// and the copies the cache should keep. `bytes_of` gives a source's
/// published bytes.
pub fn publish(
    catalog: &Catalog,
    cache: &Path,
    bytes_of: impl Fn(&str) -> Option<Vec<u8>> + Sync,
    pictures: &super::pictures::Pictures,
) -> (Vec<OutputFile>, Made, super::Prune) {
    let dir = cache.join("images");
    let _ = std::fs::create_dir_all(&dir);
    let results: Vec<(Vec<OutputFile>, Made, Vec<String>)> = catalog
        .sources
        .par_iter()
        .map(|(_, source)| copies(source, &dir, &bytes_of, pictures))
        .collect();
    let mut files: Vec<OutputFile> = Vec::new();
    let mut made = Made::default();
    let mut keep: HashSet<String> = HashSet::new();
    let mut published: HashSet<String> = HashSet::new();
    for (f, m, names) in results {
        // Two paths with the same picture share its copies.
        files.extend(f.into_iter().filter(|f| published.insert(f.path.clone())));
        made.encoded += m.encoded;
        made.cached += m.cached;
        made.failed.extend(m.failed);
        keep.extend(names);
    }
    // The cache holds the current site's copies.
    (files, made, (dir, keep))
}

fn copies(
    source: &Source,
    dir: &Path,
    bytes_of: &(impl Fn(&str) -> Option<Vec<u8>> + Sync),
    pictures: &super::pictures::Pictures,
) -> (Vec<OutputFile>, Made, Vec<String>) {
    let mut files = Vec::new();
    let mut made = Made::default();
    let mut names = Vec::new();
    let mut decoded: Option<std::sync::Arc<image::DynamicImage>> = None;
    for width in source.widths() {
        for ext in ["webp", source.ext] {
            let name = source.name(width, ext);
            let cached: PathBuf = dir.join(&name);
            names.push(name.clone());
            let path = format!("{DIR}/{name}");
            if cached.is_file() {
                made.cached += 1;
                files.push(OutputFile {
                    path,
                    body: Body::Copy(cached),
                    key: None,
                });
                continue;
            }
            if decoded.is_none() {
                // Upright, as the original shows (with `keep_metadata` its Exif may
                // still say it is rotated; the copies carry no Exif to say so).
                // A badge's picture comes decoded once for the whole build.
                // A photo at the smallest scale its largest copy needs.
                let widest = source.widths().into_iter().max().unwrap_or(source.width);
                decoded = match source.is_badge() {
                    true => pictures.get(&source.path, || bytes_of(&source.path)),
                    false => bytes_of(&source.path)
                        .and_then(|b| super::decode_at_least(&b, widest, source.height_at(widest)))
                        .map(std::sync::Arc::new),
                };
            }
            let Some(img) = &decoded else {
                if !made.failed.contains(&source.path) {
                    made.failed.push(source.path.clone());
                }
                continue;
            };
            let resized = resize(img, width, source.height_at(width));
            let Some(bytes) = encode(&resized, ext) else {
                continue;
            };
            super::cache_put(&cached, &bytes);
            made.encoded += 1;
            files.push(OutputFile {
                path,
                body: Body::Bytes(bytes),
                key: None,
            });
        }
    }
    (files, made, names)
}

/// `img` resized to exactly `width` × `height` with a Catmull-Rom filter, by the SIMD
/// resizer (alpha premultiplied, as a resize must); the image crate's when the
/// picture's pixel type is one the SIMD resizer does not take.
fn resize(img: &image::DynamicImage, width: u32, height: u32) -> image::DynamicImage {
    use fast_image_resize::{
        FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer, images::Image,
    };
    let (pixels, kind, alpha) = match img {
        image::DynamicImage::ImageRgb8(i) => (i.as_raw().clone(), PixelType::U8x3, false),
        image::DynamicImage::ImageLuma8(i) => (i.as_raw().clone(), PixelType::U8, false),
        other if other.color().has_alpha() => (other.to_rgba8().into_raw(), PixelType::U8x4, true),
        other => (other.to_rgb8().into_raw(), PixelType::U8x3, false),
    };
    let fallback = || img.resize_exact(width, height, image::imageops::FilterType::CatmullRom);
    let Ok(src) = Image::from_vec_u8(img.width(), img.height(), pixels, kind) else {
        return fallback();
    };
    let mut dst = Image::new(width, height, kind);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    if Resizer::new().resize(&src, &mut dst, &options).is_err() {
        return fallback();
    }
    let out = dst.into_vec();
    let made = match (kind, alpha) {
        (PixelType::U8, _) => {
            image::GrayImage::from_raw(width, height, out).map(image::DynamicImage::ImageLuma8)
        }
        (_, true) => {
            image::RgbaImage::from_raw(width, height, out).map(image::DynamicImage::ImageRgba8)
        }
        _ => image::RgbImage::from_raw(width, height, out).map(image::DynamicImage::ImageRgb8),
    };
    made.unwrap_or_else(fallback)
}

fn encode(img: &image::DynamicImage, ext: &str) -> Option<Vec<u8>> {
    match ext {
        // An opaque picture as RGB: no alpha plane to convert and compress.
        "webp" if !img.color().has_alpha() => {
            let rgb = img.to_rgb8();
            let encoder = webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height());
            Some(encoder.encode(WEBP_QUALITY).to_vec())
        }
        "webp" => {
            let rgba = image::DynamicImage::ImageRgba8(img.to_rgba8());
            let encoder = webp::Encoder::from_image(&rgba).ok()?;
            Some(encoder.encode(WEBP_QUALITY).to_vec())
        }
        "jpg" => {
            let mut out = std::io::Cursor::new(Vec::new());
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                .encode_image(&img.to_rgb8())
                .ok()?;
            Some(out.into_inner())
        }
        _ => {
            let mut out = std::io::Cursor::new(Vec::new());
            img.write_to(&mut out, image::ImageFormat::Png).ok()?;
            Some(out.into_inner())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 251) as u8, (y % 241) as u8, 128])
        });
        let mut out = std::io::Cursor::new(Vec::new());
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
            .encode_image(&img)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn a_photo_is_decoded_at_the_smallest_scale_its_largest_copy_needs() {
        let photo = jpeg(4000, 3000);
        let half = super::super::decode_at_least(&photo, 1600, 1200).unwrap();
        assert_eq!((half.width(), half.height()), (2000, 1500));
        let eighth = super::super::decode_at_least(&photo, 480, 360).unwrap();
        assert_eq!((eighth.width(), eighth.height()), (500, 375));
        // Never below what was asked for.
        let full = super::super::decode_at_least(&photo, 2100, 1575).unwrap();
        assert_eq!((full.width(), full.height()), (4000, 3000));
        // What is not a JPEG is decoded in full.
        let mut png = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(image::RgbImage::new(900, 600))
            .write_to(&mut png, image::ImageFormat::Png)
            .unwrap();
        let img = super::super::decode_at_least(png.get_ref(), 480, 320).unwrap();
        assert_eq!((img.width(), img.height()), (900, 600));
    }

    #[test]
    fn resizing_keeps_the_picture_and_its_transparency() {
        let mut rgba = image::RgbaImage::from_pixel(400, 200, image::Rgba([200, 10, 10, 255]));
        for x in 0..200 {
            for y in 0..200 {
                rgba.put_pixel(x, y, image::Rgba([0, 0, 0, 0]));
            }
        }
        let out = resize(&image::DynamicImage::ImageRgba8(rgba), 100, 50);
        assert_eq!((out.width(), out.height()), (100, 50));
        let out = out.to_rgba8();
        assert_eq!(
            out.get_pixel(10, 25).0[3],
            0,
            "transparent half stays transparent"
        );
        let right = out.get_pixel(90, 25).0;
        assert_eq!((right[0] > 190, right[3]), (true, 255), "{right:?}");
        let grey = resize(
            &image::DynamicImage::ImageLuma8(image::GrayImage::new(64, 64)),
            32,
            32,
        );
        assert_eq!((grey.width(), grey.height()), (32, 32));
    }
}
