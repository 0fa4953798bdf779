//! Request parameters (query strings and form bodies) with the RFC 6749 §3.1 rules:
//! a parameter may appear at most once, and one sent without a value counts as omitted.

use super::error::OAuthError;

#[derive(Debug, Default, Clone)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Parses `application/x-www-form-urlencoded` text. Never fails: malformed
    /// percent-escapes decode lossily, as browsers do.
    pub fn parse(input: &[u8]) -> Params {
        Params(
            url::form_urlencoded::parse(input)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    pub fn from_pairs(pairs: Vec<(String, String)>) -> Params {
        Params(pairs)
    }

    /// The value of `name`; an error when it is repeated.
    pub fn get(&self, name: &str) -> Result<Option<&str>, OAuthError> {
        let mut found = None;
        for (k, v) in &self.0 {
            if k == name && !v.is_empty() {
                if found.is_some() {
                    return Err(OAuthError::invalid_request(format!(
                        "parameter {name} is included more than once (RFC 6749 §3.1)"
                    )));
                }
                found = Some(v.as_str());
            }
        }
        Ok(found)
    }

    pub fn require(&self, name: &str) -> Result<&str, OAuthError> {
        self.get(name)?
            .ok_or_else(|| OAuthError::invalid_request(format!("parameter {name} is missing")))
    }

    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oidc::error::ErrorCode;

    #[test]
    fn repeated_and_empty() {
        let p = Params::parse(b"a=1&a=2&b=&c=%zz&d=x");
        assert!(p.get("a").is_err());
        assert_eq!(p.get("b").unwrap(), None);
        assert!(p.get("c").unwrap().is_some());
        assert_eq!(p.require("d").unwrap(), "x");
        assert_eq!(p.require("e").unwrap_err().code, ErrorCode::InvalidRequest);
    }
}
