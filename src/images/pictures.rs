//! Badge pictures decoded once per build. A badge's picture (the issuer's file, up to
//! [`super::MAX_BADGE_PIXELS`]) is needed three times — to prove it decodes before its
//! copies are offered, for its 120 and 240 px copies, and on its preview card — and
//! is never drawn larger than [`SIDE`]: it is decoded once and kept only at that size,
//! so a 4096 × 4096 picture costs one decode and one resize per build, and at most
//! `SIDE`² pixels of memory afterwards, whoever asks for it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The largest a badge picture is drawn: on its preview card (its copies are 120 and
/// 240 px wide).
pub const SIDE: u32 = 380;

type Slot = Arc<OnceLock<Option<Arc<image::DynamicImage>>>>;

/// The build's decoded badge pictures, by site path.
#[derive(Default)]
pub struct Pictures {
    slots: Mutex<HashMap<String, Slot>>,
}

impl Pictures {
    /// The picture at `path` (whose published bytes `bytes` gives), upright and fitted
    /// within `SIDE` × `SIDE`; none when it does not decode or is too large. The
    /// first caller decodes; the others, in any thread, wait for its result.
    pub fn get(
        &self,
        path: &str,
        bytes: impl FnOnce() -> Option<Vec<u8>>,
    ) -> Option<Arc<image::DynamicImage>> {
        let slot = self
            .slots
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(path.to_string())
            .or_default()
            .clone();
        slot.get_or_init(|| {
            let img = super::decode_within(&bytes()?, super::MAX_BADGE_PIXELS)?;
            Some(Arc::new(fit(img)))
        })
        .clone()
    }
}

/// `img` within `SIDE` × `SIDE`, its aspect kept; a smaller one as it is.
fn fit(img: image::DynamicImage) -> image::DynamicImage {
    match img.width().max(img.height()) > SIDE {
        true => img.resize(SIDE, SIDE, image::imageops::FilterType::CatmullRom),
        false => img,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(width, height, image::Rgb([10, 120, 130]));
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn each_picture_is_decoded_once_and_kept_small() {
        let pictures = Pictures::default();
        let big = png(2000, 1000);
        let reads = std::sync::atomic::AtomicUsize::new(0);
        let got: Vec<_> = (0..8)
            .map(|_| {
                pictures.get("badges/a.png", || {
                    reads.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    Some(big.clone())
                })
            })
            .collect();
        // Read once, so decoded once: every later caller got the first one's result.
        assert_eq!(reads.load(std::sync::atomic::Ordering::Relaxed), 1);
        let img = got[7].as_ref().unwrap();
        assert_eq!((img.width(), img.height()), (SIDE, SIDE / 2));
        // A small picture stays as it is; one that does not decode is none, once.
        let small = pictures.get("badges/b.png", || Some(png(64, 64))).unwrap();
        assert_eq!((small.width(), small.height()), (64, 64));
        assert!(
            pictures
                .get("badges/c.png", || Some(b"not a png".to_vec()))
                .is_none()
        );
        assert!(pictures.get("badges/c.png", || unreachable!()).is_none());
    }
}
