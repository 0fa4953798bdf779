//! `Accept-Language` (RFC 9110 §12.5.4), read with its weights. Written here because
//! `fluent-langneg`'s parser ignores q-values, and a browser that says
//! `fr;q=0.1, de` prefers German.

/// The language ranges of an `Accept-Language` value, most wanted first; ranges with
/// `q=0` ("not acceptable") and `*` are dropped.
pub fn parse_accept_language(header: &str) -> Vec<&str> {
    let mut ranges: Vec<(&str, u16, usize)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut bits = part.split(';').map(str::trim);
            let range = bits.next().filter(|r| !r.is_empty() && *r != "*")?;
            let q = bits
                .find_map(|p| p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")))
                .map_or(Some(1000), weight)?;
            (q > 0).then_some((range, q, i))
        })
        .collect();
    // Stable by weight, so equal weights keep the sender's order.
    ranges.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    ranges.into_iter().map(|(r, _, _)| r).collect()
}

/// A q-value (`0`, `0.5`, `1.000`) in thousandths; `None` when malformed.
fn weight(q: &str) -> Option<u16> {
    let v: f32 = q.parse().ok()?;
    (0.0..=1.0)
        .contains(&v)
        .then(|| (v * 1000.0).round() as u16)
}
