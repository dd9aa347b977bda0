//! Raster images folio publishes, without what they say about where they were taken:
//! every JPEG, PNG and WebP of `static/` loses its Exif, XMP and IPTC metadata
//! (`metadata.rs`) unless `images.keep_metadata: true`. Where the format allows, the
//! file is otherwise byte for byte the original; a photo whose Exif says it is
//! rotated is turned upright first (decoded, rotated and encoded again), so it shows
//! the same once the orientation tag is gone.

pub mod card;
pub mod metadata;
pub mod pictures;
pub mod variants;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::write::{Body, OutputFile};

/// What cleaning the site's images did, for the build summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct Cleaned {
    /// Files that carried metadata (now removed).
    pub files: usize,
    /// Of those, files with GPS coordinates.
    pub located: usize,
}

/// Whether `path` names a raster format whose metadata folio removes.
pub fn is_raster(path: &str) -> bool {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    matches!(ext.as_str(), "jpg" | "jpeg" | "png" | "webp")
}

/// One static file as it is published, and what the catalog of web-sized copies
/// needs of it: `serve` keeps this per file (by its size and modification time) so
/// an edit to a page does not read, clean and hash every photo again.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub body: Body,
    pub found: metadata::Found,
    /// Its measure as a source of copies, when it is a JPEG or PNG.
    pub source: Option<variants::Source>,
}

/// The static files after cleaning (see [`clean_one`]), what cleaning found, and the
/// sources of web-sized copies among them. A file that cannot be read is an error
/// naming it. `memo` (from `serve`) holds each raster file's result by its stamp.
pub fn prepare(
    files: Vec<OutputFile>,
    keep_metadata: bool,
    shown: impl Fn(&std::path::Path) -> std::path::PathBuf + Sync,
    memo: Option<&crate::cache::Memo<Prepared>>,
) -> Result<(Vec<OutputFile>, Cleaned, Vec<variants::Source>)> {
    let results: Vec<Result<(OutputFile, Prepared)>> = files
        .into_par_iter()
        .map(|f| {
            let (Body::Copy(src), true) = (&f.body, is_raster(&f.path)) else {
                let plain = Prepared {
                    body: f.body.clone(),
                    found: metadata::Found::default(),
                    source: None,
                };
                return Ok((f, plain));
            };
            let stamp = || {
                let meta = std::fs::metadata(src).ok();
                let len = meta.as_ref().map(|m| m.len());
                let modified = meta.and_then(|m| m.modified().ok());
                crate::cache::fingerprint(&[&len, &modified, &keep_metadata])
            };
            let made = crate::cache::memoised(memo, &f.path, stamp, || {
                prepare_one(&f.path, src, keep_metadata, &shown)
            })?;
            Ok((
                OutputFile {
                    body: made.body.clone(),
                    ..f
                },
                made,
            ))
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    let mut cleaned = Cleaned::default();
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((f, made)) => {
                cleaned.files += usize::from(made.found.removed);
                cleaned.located += usize::from(made.found.location);
                sources.extend(made.source);
                out.push(f);
            }
            Err(e) => errors.push(e),
        }
    }
    Error::from_list(errors)?;
    Ok((out, cleaned, sources))
}

/// One raster file read, cleaned unless `keep_metadata`, and measured.
fn prepare_one(
    path: &str,
    src: &std::path::Path,
    keep_metadata: bool,
    shown: &(impl Fn(&std::path::Path) -> std::path::PathBuf + Sync),
) -> Result<Prepared> {
    let bytes = std::fs::read(src).map_err(|e| Error::io(shown(src), "cannot read image", e))?;
    let (body, found) = match keep_metadata {
        true => (None, metadata::Found::default()),
        false => clean_one(&bytes).map_err(|(msg, hint)| Error::Content {
            loc: crate::error::Location::file(shown(src)),
            msg,
            hint: Some(hint.into()),
        })?,
    };
    let published = body.as_deref().unwrap_or(&bytes);
    let source = variants::measure(path, published, &variants::WIDTHS);
    Ok(Prepared {
        body: body.map_or_else(|| Body::Copy(src.to_path_buf()), Body::Bytes),
        found,
        source,
    })
}

/// `bytes` without their metadata, when they had any; a rotated photo is turned
/// upright first. A file that starts like a JPEG, PNG or WebP but whose structure
/// cannot be walked (truncated, damaged) is an error: it is never published with
/// whatever it carries. Anything else is not a picture of those kinds, published
/// as it is.
#[allow(clippy::type_complexity)]
fn clean_one(
    bytes: &[u8],
) -> std::result::Result<(Option<Vec<u8>>, metadata::Found), (String, &'static str)> {
    let Some((clean, found)) = metadata::strip(bytes) else {
        // (Under 64 bytes there is no room for an Exif block with a position: such a
        // stub, a placeholder say, is published as it is.)
        if metadata::looks_like_picture(bytes) && bytes.len() >= 64 {
            return Err((
                "this image cannot be read to the end (it is truncated or damaged), so folio cannot remove its metadata (a photo's location) and does not publish it".into(),
                "save or export it again, or set `images: { keep_metadata: true }` to publish it as it is",
            ));
        }
        return Ok((None, metadata::Found::default()));
    };
    if !found.removed {
        return Ok((None, found));
    }
    match found.orientation {
        2..=8 => upright(bytes, found.orientation)
            .map(|turned| (Some(turned), found))
            .map_err(|msg| {
                (
                    format!("cannot turn this rotated photo upright: {msg}"),
                    "save it again upright, or set `images: { keep_metadata: true }`",
                )
            }),
        _ => Ok((Some(clean), found)),
    }
}

/// Writes a cache entry whole (a temporary file renamed into place), so another
/// folio never copies half of it.
pub fn cache_put(path: &std::path::Path, bytes: &[u8]) {
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// A cache folder and the entries of it this build needs: what is left is removed
/// when the build ends ([`CacheUse::finish`]).
pub type Prune = (std::path::PathBuf, std::collections::HashSet<String>);

/// A build's use of `.folio/cache/`: a shared lock on `.folio/cache/lock` for the
/// whole build. `serve` (drawing cards for its local address) and `build` (for the
/// real one) may run on one folder at once, and each copies cached files into its
/// output as it goes; so unneeded entries are removed only when a build ends and
/// no other folio holds the lock (else they stay until a build runs alone).
pub struct CacheUse(Option<std::fs::File>);

impl CacheUse {
    pub fn begin(cache: &std::path::Path) -> CacheUse {
        let _ = std::fs::create_dir_all(cache);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(cache.join("lock"))
            .ok();
        if let Some(f) = &file {
            let _ = f.lock_shared();
        }
        CacheUse(file)
    }

    /// The build succeeded: prune what it did not need, when it is the only user.
    pub fn finish(self, pending: Vec<Prune>) {
        let Some(file) = self.0 else { return };
        let _ = file.unlock();
        if file.try_lock().is_err() {
            return;
        }
        for (dir, keep) in pending {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                if !keep.contains(entry.file_name().to_string_lossy().as_ref()) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        let _ = file.unlock();
    }
}

/// A WebP turned as its Exif says, encoded again (libwebp, quality 90): the new
/// file has no metadata (a turned picture whose Exif is removed would show on
/// its side).
fn upright_webp(bytes: &[u8], orientation: u16) -> std::result::Result<Vec<u8>, String> {
    let (width, height) = metadata::webp_size(bytes).ok_or("the WebP has no readable size")?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "{width}×{height} pixels is more than folio decodes"
        ));
    }
    let decoded = webp::Decoder::new(bytes)
        .decode()
        .ok_or("the WebP does not decode")?;
    let img = orient(decoded.to_image(), orientation);
    let rgba = image::DynamicImage::ImageRgba8(img.to_rgba8());
    let encoder = webp::Encoder::from_image(&rgba).map_err(|e| e.to_string())?;
    let out = encoder.encode(90.0).to_vec();
    Ok(metadata::strip(&out).map_or(out, |(clean, _)| clean))
}

/// The most pixels folio decodes in one image: 64 megapixels (a 50-megapixel camera
/// fits; a 12-megapixel phone photo is 12). Checked from the header before anything
/// is decoded, so a picture that claims more costs nothing.
pub const MAX_PIXELS: u64 = 64_000_000;

/// The most pixels of a badge picture: it is shown 120 px wide, and 4096 × 4096 is
/// far more than any issuer needs. Larger ones are not decoded at all: no copies,
/// and the preview card is drawn without them.
pub const MAX_BADGE_PIXELS: u64 = 4096 * 4096;

/// The most memory one decode may take (64 megapixels of RGBA is 256 MiB).
const MAX_ALLOC: u64 = 320 << 20;

/// `bytes` decoded within bounds (a badge's picture is the issuer's file, and a
/// photo may be anything), upright as its Exif orientation says; none when it is not
/// a JPEG or PNG that decodes, or has more than `max_pixels`.
pub fn decode_within(bytes: &[u8], max_pixels: u64) -> Option<image::DynamicImage> {
    let (width, height) = dimensions(bytes)?;
    if u64::from(width) * u64::from(height) > max_pixels {
        return None;
    }
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    reader.limits(limits());
    let img = reader.decode().ok()?;
    let turn = metadata::strip(bytes).map_or(1, |(_, found)| found.orientation);
    Some(orient(img, turn))
}

/// [`decode_within`] [`MAX_PIXELS`].
pub fn decode(bytes: &[u8]) -> Option<image::DynamicImage> {
    decode_within(bytes, MAX_PIXELS)
}

/// `bytes` decoded (within [`MAX_PIXELS`]) at least `width` × `height` once upright:
/// a JPEG at the smallest of full, 1/2, 1/4 or 1/8 scale that is still that large,
/// straight from its DCT coefficients (a 1,600 px copy of a 4,000 px photo needs a
/// quarter of the pixels, and a quarter of the work); anything else in full.
pub fn decode_at_least(bytes: &[u8], width: u32, height: u32) -> Option<image::DynamicImage> {
    let (w, h) = dimensions(bytes)?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return None;
    }
    if image::guess_format(bytes).ok() != Some(image::ImageFormat::Jpeg) {
        return decode(bytes);
    }
    let turn = metadata::strip(bytes).map_or(1, |(_, found)| found.orientation);
    // A photo stored on its side (Exif 5–8) is as wide, stored, as it is high shown.
    let (want_w, want_h) = match turn {
        5..=8 => (height, width),
        _ => (width, height),
    };
    match scaled_jpeg(bytes, want_w, want_h) {
        Some(img) => Some(orient(img, turn)),
        // A JPEG this decoder does not take (12-bit, say): the image crate's, in full.
        None => decode(bytes),
    }
}

/// A JPEG decoded by `jpeg-decoder` at the smallest DCT scale that keeps it at least
/// `width` × `height`, within the decode memory bound; RGB and greyscale only.
fn scaled_jpeg(bytes: &[u8], width: u32, height: u32) -> Option<image::DynamicImage> {
    let mut decoder = jpeg_decoder::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_max_decoding_buffer_size(MAX_ALLOC as usize);
    let clamp = |v: u32| u16::try_from(v.max(1)).unwrap_or(u16::MAX);
    decoder.scale(clamp(width), clamp(height)).ok()?;
    let pixels = decoder.decode().ok()?;
    let info = decoder.info()?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => {
            image::RgbImage::from_raw(w, h, pixels).map(image::DynamicImage::ImageRgb8)
        }
        jpeg_decoder::PixelFormat::L8 => {
            image::GrayImage::from_raw(w, h, pixels).map(image::DynamicImage::ImageLuma8)
        }
        _ => None,
    }
}

/// Width and height from the header, within the decoder's limits.
pub fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    reader.limits(limits());
    reader.into_dimensions().ok()
}

fn limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(16_384);
    limits.max_image_height = Some(16_384);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

/// `img` turned as Exif `orientation` says (1, or anything unknown: as it is).
pub fn orient(img: image::DynamicImage, orientation: u16) -> image::DynamicImage {
    match orientation {
        2 => img.fliph(),
        3 => img.rotate180(),
        4 => img.flipv(),
        5 => img.rotate90().fliph(),
        6 => img.rotate90(),
        7 => img.rotate270().fliph(),
        8 => img.rotate270(),
        _ => img,
    }
}

/// The image decoded, turned as Exif `orientation` says, and encoded again in its
/// own format (JPEG at quality 90): the new file has no metadata at all.
fn upright(bytes: &[u8], orientation: u16) -> std::result::Result<Vec<u8>, String> {
    if metadata::is_webp(bytes) {
        return upright_webp(bytes, orientation);
    }
    let format = image::guess_format(bytes).map_err(|e| e.to_string())?;
    let img = image::load_from_memory_with_format(bytes, format).map_err(|e| e.to_string())?;
    let img = orient(img, orientation);
    let mut out = std::io::Cursor::new(Vec::new());
    match format {
        image::ImageFormat::Jpeg => {
            let rgb = img.to_rgb8();
            let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
            enc.encode_image(&rgb).map_err(|e| e.to_string())?;
        }
        image::ImageFormat::Png => img
            .write_to(&mut out, image::ImageFormat::Png)
            .map_err(|e| e.to_string())?,
        other => return Err(format!("{other:?} images are not re-encoded")),
    }
    // Written from pixels alone: no metadata can be left. Walked once more all the
    // same, so what is published went through the stripper.
    let out = out.into_inner();
    Ok(metadata::strip(&out).map_or(out, |(clean, _)| clean))
}
