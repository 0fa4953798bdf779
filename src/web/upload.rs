//! Reading `multipart/form-data` forms (profile photo uploads) with a size cap, so a
//! large file is answered with a clear message instead of being buffered whole.

use crate::account::avatar::MAX_BYTES;
use axum::extract::{Multipart, multipart::MultipartRejection};

/// The text fields as (name, value) pairs, plus the uploaded file (if one was chosen).
pub struct Upload {
    pub fields: Vec<(String, String)>,
    pub file: Option<Vec<u8>>,
}

#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("the photo is over the size limit")]
    TooBig,
    #[error("the multipart form could not be read")]
    Malformed,
}

impl UploadError {
    /// The catalog message the page shows next to the form.
    pub fn message_id(&self) -> &'static str {
        match self {
            UploadError::TooBig => "photo-too-big",
            UploadError::Malformed => "upload-unreadable",
        }
    }
}

pub async fn read(
    form: Result<Multipart, MultipartRejection>,
    file_field: &str,
) -> Result<Upload, UploadError> {
    let mut mp = form.map_err(|_| UploadError::Malformed)?;
    let mut pairs = Vec::new();
    let mut file = None;
    while let Some(mut field) = mp.next_field().await.map_err(|_| UploadError::Malformed)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == file_field {
            let mut buf = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(|_| UploadError::Malformed)? {
                if buf.len() + chunk.len() > MAX_BYTES {
                    // Read the rest (the body limit bounds it) before answering, so the
                    // browser finishes sending and sees the message, not a reset.
                    drop(buf);
                    while let Ok(Some(_)) = field.chunk().await {}
                    while let Ok(Some(mut rest)) = mp.next_field().await {
                        while let Ok(Some(_)) = rest.chunk().await {}
                    }
                    return Err(UploadError::TooBig);
                }
                buf.extend_from_slice(&chunk);
            }
            if !buf.is_empty() {
                file = Some(buf);
            }
        } else {
            let text = field.text().await.map_err(|_| UploadError::Malformed)?;
            if text.len() > 10_000 {
                return Err(UploadError::Malformed);
            }
            pairs.push((name, text));
        }
    }
    Ok(Upload {
        fields: pairs,
        file,
    })
}
