//! A moment inside a translated sentence ("Signed in 7 Dec 2026, 23:54"). The page
//! shows it as `<time datetime="…Z" data-local>`, which `static/js/time.js`
//! rewrites in the reader's language and time zone (the server knows neither the
//! zone nor, without script, anything better); without script the server's text
//! stays, in UTC and saying so.

use super::ui::Ui;

/// Where the moment stands in the formatted sentence (a private-use character no
/// catalog contains).
const MARK: &str = "\u{E000}";

/// A sentence split around its moment, for `{{ before }}<time …>{{ text }}</time>{{ after }}`.
pub struct Dated {
    pub before: String,
    /// RFC 3339 in UTC, for `datetime` and the script.
    pub datetime: String,
    /// What shows without script: "2026-12-07 22:54 UTC".
    pub text: String,
    pub after: String,
}

impl Dated {
    /// The message `id` with its `$when` at Unix time `t`.
    pub fn new(ui: &Ui, id: &str, t: i64) -> Dated {
        let sentence = ui.t1(id, "when", MARK);
        let (before, after) = sentence.split_once(MARK).unwrap_or((&sentence, ""));
        Dated {
            before: before.to_string(),
            datetime: format(t, &time::format_description::well_known::Rfc3339),
            text: utc_text(t),
            after: after.to_string(),
        }
    }
}

/// A moment in UTC, said as such: "2026-12-07 22:54 UTC".
pub fn utc_text(t: i64) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    format(t, &fmt)
}

fn format(t: i64, fmt: &(impl time::formatting::Formattable + ?Sized)) -> String {
    time::OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|d| d.format(fmt).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_moment_is_cut_out_of_its_sentence() {
        let d = Dated::new(&Ui::current(), "settings-session-signed-in", 1_796_684_400);
        assert_eq!(d.before, "Signed in ");
        assert_eq!(d.after, "");
        assert_eq!(d.datetime, "2026-12-07T23:00:00Z");
        assert_eq!(d.text, "2026-12-07 23:00 UTC");
    }
}
