//! Brand colours: `#rrggbb` parsing, WCAG 2.x contrast, and the dark-mode shade.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// WCAG's minimum contrast for normal text (1.4.3, level AA).
pub const MIN_TEXT_CONTRAST: f64 = 4.5;

pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
/// The dark text used on a light button.
pub const INK: Rgb = Rgb(0x0b, 0x10, 0x20);

impl Rgb {
    /// `#rrggbb` (or `#rgb`); `None` for anything else.
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.strip_prefix('#')?;
        let full: String = match hex.len() {
            3 => hex.chars().flat_map(|c| [c, c]).collect(),
            6 => hex.to_string(),
            _ => return None,
        };
        let byte = |i: usize| u8::from_str_radix(full.get(i..i + 2)?, 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2.x definition).
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// Contrast ratio with `other`, from 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// The text colour for a button of this colour: white or dark ink, whichever
    /// reads better.
    pub fn ink(self) -> Rgb {
        if self.contrast(WHITE) >= self.contrast(INK) {
            WHITE
        } else {
            INK
        }
    }

    /// Mixed with white by `t` (0 to 1).
    pub fn lighten(self, t: f64) -> Rgb {
        let m = |c: u8| (f64::from(c) + (255.0 - f64::from(c)) * t).round() as u8;
        Rgb(m(self.0), m(self.1), m(self.2))
    }

    /// The dark-mode shade when none is set: lightened until it stands out from the
    /// dark page background by at least 4.5:1, so links stay readable.
    pub fn dark_shade(self, background: Rgb) -> Rgb {
        (0..=20)
            .map(|i| self.lighten(f64::from(i) * 0.05))
            .find(|c| c.contrast(background) >= MIN_TEXT_CONTRAST)
            .unwrap_or(WHITE)
    }
}

/// The dark-mode page background of the built-in stylesheet.
pub const DARK_BACKGROUND: Rgb = Rgb(0x1a, 0x20, 0x2b);
/// The light-mode card background.
pub const LIGHT_BACKGROUND: Rgb = WHITE;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        assert_eq!(Rgb::parse("#2f5be7"), Some(Rgb(0x2f, 0x5b, 0xe7)));
        assert_eq!(Rgb::parse("#fff"), Some(WHITE));
        assert_eq!(Rgb::parse("2f5be7"), None);
        assert_eq!(Rgb::parse("#2f5bzz"), None);
        assert_eq!(Rgb::parse("#ééé"), None);
        assert_eq!(Rgb(1, 2, 255).hex(), "#0102ff");
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((WHITE.contrast(Rgb(0, 0, 0)) - 21.0).abs() < 1e-9);
        // #767676 on white is the well-known 4.54:1.
        let grey = Rgb::parse("#767676").unwrap();
        assert!((grey.contrast(WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn ink_and_dark_shade_are_readable() {
        let blue = Rgb::parse("#2f5be7").unwrap();
        assert_eq!(blue.ink(), WHITE);
        assert!(blue.contrast(WHITE) >= MIN_TEXT_CONTRAST);
        let dark = blue.dark_shade(DARK_BACKGROUND);
        assert!(dark.contrast(DARK_BACKGROUND) >= MIN_TEXT_CONTRAST);
        // A light shade gets dark text, readable too.
        assert_eq!(dark.ink(), INK);
        assert!(dark.contrast(dark.ink()) >= MIN_TEXT_CONTRAST);
        // A yellow gets dark text.
        assert_eq!(Rgb::parse("#ffd400").unwrap().ink(), INK);
    }
}
