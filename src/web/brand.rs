//! The operator's brand on every page (`[branding]`): name, logo, favicon, colours
//! and their own stylesheet, read once at start-up and served under `/static/brand/`.

use crate::config::{
    Config,
    branding::{image_type, primary_dark},
    colour::Rgb,
};
use anyhow::Context;
use axum::{
    extract::{Path, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use std::path::Path as FsPath;

use super::state::AppState;

/// The favicon when the operator sets none: a neutral key-ring mark.
const DEFAULT_FAVICON: &[u8] = include_bytes!("../../static/img/favicon.svg");

pub struct Brand {
    pub name: String,
    pub logo_url: Option<String>,
    pub favicon_url: String,
    pub custom_css_url: Option<String>,
    pub support_url: Option<String>,
    pub privacy_url: Option<String>,
    /// The primary colour (light mode), for mail buttons.
    pub primary: String,
    /// Changes with any brand file, so browsers fetch the new one (`?v=`).
    pub version: String,
    files: Vec<BrandFile>,
}

struct BrandFile {
    name: String,
    mime: &'static str,
    body: Vec<u8>,
}

impl Brand {
    /// Reads the brand files; a file that cannot be read fails the start (the
    /// config check has said which key).
    pub fn load(config: &Config) -> anyhow::Result<Brand> {
        let b = &config.branding;
        let mut files = Vec::new();
        let mut logo_url = None;
        if let Some(path) = &b.logo {
            logo_url = Some(add_image(&mut files, "logo", path, false)?);
        }
        let favicon_url = match &b.favicon {
            Some(path) => add_image(&mut files, "favicon", path, true)?,
            None => {
                files.push(BrandFile {
                    name: "favicon.svg".into(),
                    mime: "image/svg+xml",
                    body: DEFAULT_FAVICON.to_vec(),
                });
                "/static/brand/favicon.svg".into()
            }
        };
        let mut custom_css_url = None;
        if let Some(path) = &b.custom_css {
            let body = std::fs::read(path)
                .with_context(|| format!("branding.custom_css: cannot read {}", path.display()))?;
            files.push(BrandFile {
                name: "site.css".into(),
                mime: "text/css; charset=utf-8",
                body,
            });
            custom_css_url = Some("/static/brand/site.css".into());
        }
        let primary = Rgb::parse(&b.primary_color).context("branding.primary_color")?;
        let dark = primary_dark(config).context("branding.primary_color_dark")?;
        files.push(BrandFile {
            name: "theme.css".into(),
            mime: "text/css; charset=utf-8",
            body: theme_css(primary, dark).into_bytes(),
        });
        let mut digest = Vec::new();
        for f in &files {
            digest.extend_from_slice(f.name.as_bytes());
            digest.extend_from_slice(&f.body);
        }
        let version = crate::crypto::hex_encode(&crate::crypto::sha256(&digest))[..12].to_string();
        let versioned = |u: String| format!("{u}?v={version}");
        Ok(Brand {
            name: b.product_name.clone(),
            logo_url: logo_url.map(versioned),
            favicon_url: versioned(favicon_url),
            custom_css_url: custom_css_url.map(versioned),
            support_url: b.support_url.clone(),
            privacy_url: b.privacy_url.clone(),
            primary: primary.hex(),
            version: version.clone(),
            files,
        })
    }

    fn file(&self, name: &str) -> Option<&BrandFile> {
        self.files.iter().find(|f| f.name == name)
    }

    fn favicon(&self) -> Option<&BrandFile> {
        self.files.iter().find(|f| f.name.starts_with("favicon."))
    }
}

fn add_image(
    files: &mut Vec<BrandFile>,
    stem: &str,
    path: &FsPath,
    ico: bool,
) -> anyhow::Result<String> {
    let mime = image_type(path, ico).with_context(|| {
        format!(
            "branding.{stem}: {} is not an allowed image type",
            path.display()
        )
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let body = std::fs::read(path)
        .with_context(|| format!("branding.{stem}: cannot read {}", path.display()))?;
    let name = format!("{stem}.{ext}");
    files.push(BrandFile {
        name: name.clone(),
        mime,
        body,
    });
    Ok(format!("/static/brand/{name}"))
}

/// The colour variables of the built-in stylesheet for this brand. Button text is
/// white or dark ink, whichever reads better on the colour (WCAG contrast).
fn theme_css(light: Rgb, dark: Rgb) -> String {
    format!(
        ":root {{ --accent: {l}; --accent-ink: {li}; --focus-color: {l}; }}\n\
         @media (prefers-color-scheme: dark) {{\n  :root {{ --accent: {d}; --accent-ink: {di}; --focus-color: {d}; }}\n}}\n",
        l = light.hex(),
        li = light.ink().hex(),
        d = dark.hex(),
        di = dark.ink().hex(),
    )
}

/// `/static/brand/{name}`.
pub async fn serve(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    match state.brand.file(&name) {
        Some(f) => file_response(f),
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}

/// `/favicon.ico`: browsers ask for it whatever the page says.
pub async fn favicon(State(state): State<AppState>) -> Response {
    match state.brand.favicon() {
        Some(f) => file_response(f),
        None => (StatusCode::NOT_FOUND, "no favicon").into_response(),
    }
}

fn file_response(f: &BrandFile) -> Response {
    let mut r = f.body.clone().into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(f.mime));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
}
