//! Profile photos: PNG, JPEG or WebP up to 5 MB, decoded with size limits (so a
//! decompression bomb is refused before it is allocated), cropped to a square,
//! resized and re-encoded as PNG — which also drops every byte of metadata.
//!
//! The pixel count is read from the header and checked against a budget before
//! anything is decoded: decoding costs CPU in proportion to the pixels (seconds for
//! a 7000 × 7000 PNG of a few hundred KB), whatever the file size.

use image::{ImageError, ImageFormat, ImageReader, Limits, imageops::FilterType};
use std::io::Cursor;

pub const MAX_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_DIMENSION: u32 = 8000;
/// The most pixels a photo may have (40 megapixels: more than any phone camera).
pub const MAX_PIXELS: u64 = 40_000_000;
pub const SIZE: u32 = 256;

/// Why a photo is refused. What a person reads is the catalog message
/// [`AvatarError::message_id`] names; `Display` is for logs.
#[derive(Debug, Clone, Copy, thiserror::Error, PartialEq, Eq)]
pub enum AvatarError {
    #[error("the photo is over {MAX_BYTES} bytes")]
    TooBig,
    #[error("the photo is not a PNG, JPEG or WebP image")]
    NotAnImage,
    #[error("the photo is over {MAX_PIXELS} pixels or {MAX_DIMENSION} pixels a side")]
    TooManyPixels,
    #[error("the photo could not be decoded")]
    Corrupt,
}

impl AvatarError {
    /// The catalog message (`locales/*/account.ftl`) to show next to the form.
    pub fn message_id(&self) -> &'static str {
        match self {
            AvatarError::TooBig => "photo-too-big",
            AvatarError::NotAnImage => "photo-not-an-image",
            AvatarError::TooManyPixels => "photo-too-many-pixels",
            AvatarError::Corrupt => "photo-corrupt",
        }
    }
}

/// Bounds concurrent photo decoding (up to 256 MiB each), like the password pool.
static DECODING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// [`process`] on a blocking thread, at most two at a time.
pub async fn process_limited(bytes: Vec<u8>) -> Result<Vec<u8>, AvatarError> {
    let _permit = DECODING.acquire().await.map_err(|_| AvatarError::Corrupt)?;
    tokio::task::spawn_blocking(move || process(&bytes))
        .await
        .map_err(|_| AvatarError::Corrupt)?
}

/// Validates and re-encodes an upload into a SIZE×SIZE PNG. CPU-bound: call it
/// from a blocking thread.
pub fn process(bytes: &[u8]) -> Result<Vec<u8>, AvatarError> {
    if bytes.len() > MAX_BYTES {
        return Err(AvatarError::TooBig);
    }
    let format = image::guess_format(bytes).map_err(|_| AvatarError::NotAnImage)?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP
    ) {
        return Err(AvatarError::NotAnImage);
    }
    check_dimensions(bytes, format)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let image = reader.decode().map_err(|e| match e {
        ImageError::Limits(_) => AvatarError::TooManyPixels,
        _ => AvatarError::Corrupt,
    })?;
    let square = image.resize_to_fill(SIZE, SIZE, FilterType::Lanczos3);
    let mut out = Vec::new();
    square
        .to_rgba8()
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .map_err(|_| AvatarError::Corrupt)?;
    Ok(out)
}

/// The decoder's limits: no side over MAX_DIMENSION, no buffer over 256 MiB.
fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(256 * 1024 * 1024);
    limits
}

/// Reads only the header and refuses an image over the pixel budget.
fn check_dimensions(bytes: &[u8], format: ImageFormat) -> Result<(), AvatarError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let (w, h) = reader.into_dimensions().map_err(|e| match e {
        ImageError::Limits(_) => AvatarError::TooManyPixels,
        _ => AvatarError::Corrupt,
    })?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(AvatarError::TooManyPixels);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(w, h, image::Rgb([10, 200, 30]));
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn resizes_and_refuses() {
        let out = process(&png(640, 480)).unwrap();
        let back = image::load_from_memory(&out).unwrap();
        assert_eq!((back.width(), back.height()), (SIZE, SIZE));
        assert_eq!(process(b"hello, I am text"), Err(AvatarError::NotAnImage));
        let mut truncated = png(64, 64);
        truncated.truncate(60);
        assert_eq!(process(&truncated), Err(AvatarError::Corrupt));
        assert_eq!(process(&vec![0u8; MAX_BYTES + 1]), Err(AvatarError::TooBig));
    }

    #[test]
    fn refuses_over_the_pixel_budget_before_decoding() {
        // 7000 × 7000 = 49 MP: within 8000 a side, over the 40 MP budget.
        let big = png(7000, 7000);
        let start = std::time::Instant::now();
        assert_eq!(process(&big), Err(AvatarError::TooManyPixels));
        assert!(start.elapsed() < std::time::Duration::from_millis(200));
    }
}
