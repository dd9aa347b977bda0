//! Raster images folio publishes, without what they say about where they were taken:
//! every JPEG, PNG and WebP of `static/` loses its Exif, XMP and IPTC metadata
//! (`metadata.rs`) unless `images.keep_metadata: true`. Where the format allows, the
//! file is otherwise byte for byte the original; a photo whose Exif says it is
//! rotated is turned upright first (decoded, rotated and encoded again), so it shows
//! the same once the orientation tag is gone.

pub mod metadata;
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

/// `files` with the metadata of every raster image removed. A file that cannot be
/// read is an error naming it; one whose structure folio cannot walk is published
/// as it is (it is not a JPEG, PNG or WebP after all).
pub fn clean(
    files: Vec<OutputFile>,
    shown: impl Fn(&std::path::Path) -> std::path::PathBuf + Sync,
) -> Result<(Vec<OutputFile>, Cleaned)> {
    let results: Vec<Result<(OutputFile, metadata::Found)>> = files
        .into_par_iter()
        .map(|f| {
            let Body::Copy(src) = &f.body else {
                return Ok((f, metadata::Found::default()));
            };
            if !is_raster(&f.path) {
                return Ok((f, metadata::Found::default()));
            }
            let bytes =
                std::fs::read(src).map_err(|e| Error::io(shown(src), "cannot read image", e))?;
            let Some((clean, found)) = metadata::strip(&bytes) else {
                return Ok((f, metadata::Found::default()));
            };
            if !found.removed {
                return Ok((f, found));
            }
            let rotatable = matches!(
                image::guess_format(&bytes),
                Ok(image::ImageFormat::Jpeg | image::ImageFormat::Png)
            );
            let body = match found.orientation {
                2..=8 if rotatable => {
                    upright(&bytes, found.orientation).map_err(|msg| Error::Content {
                        loc: crate::error::Location::file(shown(src)),
                        msg: format!("cannot turn this rotated photo upright: {msg}"),
                        hint: Some(
                            "save it again upright, or set `images: { keep_metadata: true }`"
                                .into(),
                        ),
                    })?
                }
                _ => clean,
            };
            Ok((
                OutputFile {
                    body: Body::Bytes(body),
                    ..f
                },
                found,
            ))
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    let mut cleaned = Cleaned::default();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((f, found)) => {
                cleaned.files += usize::from(found.removed);
                cleaned.located += usize::from(found.location);
                out.push(f);
            }
            Err(e) => errors.push(e),
        }
    }
    Error::from_list(errors)?;
    Ok((out, cleaned))
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
    Ok(out.into_inner())
}
