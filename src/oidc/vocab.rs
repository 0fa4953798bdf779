//! Closed vocabularies of the protocol: grant types, client authentication methods,
//! signing algorithms and prompt values. Each is an enum with its wire name
//! (`as_str`, `FromStr`, serde), parsed once where it enters (config, request) and
//! compared as a value everywhere else.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::{fmt, str::FromStr};

/// A value outside a closed set. Its message names the allowed values, in the
/// style of config problems: `"password" is not a grant type; allowed: a, b, c`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub what: &'static str,
    pub value: String,
    pub allowed: &'static [&'static str],
}

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not {}; allowed: {}",
            self.value,
            self.what,
            self.allowed.join(", ")
        )
    }
}

impl std::error::Error for Unknown {}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in the order the discovery document lists them.
            pub const ALL: [$name; [$($wire),+].len()] = [$($name::$variant),+];
            /// The wire names of [`Self::ALL`].
            pub const NAMES: &'static [&'static str] = &[$($wire),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire),+
                }
            }
        }

        impl FromStr for $name {
            type Err = Unknown;

            fn from_str(s: &str) -> Result<Self, Unknown> {
                match s {
                    $($wire => Ok($name::$variant),)+
                    _ => Err(Unknown {
                        what: $what,
                        value: s.to_string(),
                        allowed: $name::NAMES,
                    }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

vocabulary! {
    /// An OAuth grant type (RFC 6749 §4), as in `grant_type` and a client's `grant_types`.
    GrantType, "a grant type" {
        AuthorizationCode = "authorization_code",
        RefreshToken = "refresh_token",
        ClientCredentials = "client_credentials",
        /// The device authorization grant (RFC 8628 §3.4): TVs and command-line tools.
        DeviceCode = "urn:ietf:params:oauth:grant-type:device_code",
    }
}

vocabulary! {
    /// A client authentication method at the token endpoint (OIDC Core §9).
    AuthMethod, "a token endpoint auth method" {
        /// HTTP Basic (RFC 6749 §2.3.1).
        Basic = "client_secret_basic",
        /// `client_id` and `client_secret` in the form body.
        Post = "client_secret_post",
        /// A public client: `client_id` only.
        None = "none",
        /// A JWT signed with the client's own key (RFC 7523 §2.2, OIDC Core §9).
        PrivateKeyJwt = "private_key_jwt",
    }
}

vocabulary! {
    /// A JWS algorithm for ID tokens and access tokens (RFC 7518 §3.1, RFC 8037).
    SigningAlg, "a signing algorithm" {
        RS256 = "RS256",
        ES256 = "ES256",
        EdDSA = "EdDSA",
    }
}

vocabulary! {
    /// A `prompt` value of an authorization request (OIDC Core §3.1.2.1).
    Prompt, "a prompt value" {
        None = "none",
        Login = "login",
        Consent = "consent",
        SelectAccount = "select_account",
    }
}

vocabulary! {
    /// How a person proved who they are (RFC 8176), as in a session's and an ID
    /// token's `amr`.
    Amr, "an authentication method reference" {
        /// A password.
        Pwd = "pwd",
        /// An upstream identity provider ("Sign in with Google").
        Fed = "fed",
        /// A one-time code from an authenticator app.
        Otp = "otp",
        /// A passkey bound to one device (proof of a hardware-secured key).
        Hwk = "hwk",
        /// A synced passkey (proof of a software-secured key).
        Swk = "swk",
        /// The authenticator verified the person (WebAuthn user verification).
        User = "user",
        /// More than one factor (a code, or a recovery code, after the first).
        Mfa = "mfa",
    }
}

impl Amr {
    /// The space-separated list sessions and grants store.
    pub fn join(amr: &[Amr]) -> String {
        amr.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(" ")
    }
}

impl AuthMethod {
    /// The methods of confidential clients (introspection needs one).
    pub const CONFIDENTIAL: [AuthMethod; 3] = [
        AuthMethod::Basic,
        AuthMethod::Post,
        AuthMethod::PrivateKeyJwt,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value survives wire name → value → wire name, through `FromStr` and
    /// serde alike; anything else (including another case) is refused with the list.
    fn round_trip<T>(all: &[T], names: &[&str], unknown: &[&str])
    where
        T: Copy + PartialEq + fmt::Debug + fmt::Display + FromStr<Err = Unknown>,
        T: Serialize + for<'de> Deserialize<'de>,
    {
        assert_eq!(all.len(), names.len());
        for (v, name) in all.iter().zip(names) {
            assert_eq!(v.to_string(), *name);
            assert_eq!(name.parse::<T>().unwrap(), *v);
            let json = serde_json::to_string(v).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *v);
        }
        for bad in unknown {
            let e = bad.parse::<T>().unwrap_err();
            assert_eq!(e.value, *bad);
            assert_eq!(e.allowed, names);
            let msg = serde_json::from_str::<T>(&format!("\"{bad}\""))
                .unwrap_err()
                .to_string();
            assert!(
                msg.contains(&format!("allowed: {}", names.join(", "))),
                "{msg}"
            );
        }
    }

    #[test]
    fn grant_types() {
        round_trip(
            &GrantType::ALL,
            &[
                "authorization_code",
                "refresh_token",
                "client_credentials",
                "urn:ietf:params:oauth:grant-type:device_code",
            ],
            &[
                "password",
                "",
                "Authorization_Code",
                "implicit",
                "device_code",
            ],
        );
        assert_eq!(
            "password".parse::<GrantType>().unwrap_err().to_string(),
            "\"password\" is not a grant type; allowed: authorization_code, refresh_token, client_credentials, urn:ietf:params:oauth:grant-type:device_code"
        );
    }

    #[test]
    fn auth_methods() {
        round_trip(
            &AuthMethod::ALL,
            &[
                "client_secret_basic",
                "client_secret_post",
                "none",
                "private_key_jwt",
            ],
            &["client_secret_jwt", "basic", "None"],
        );
    }

    #[test]
    fn signing_algs() {
        round_trip(
            &SigningAlg::ALL,
            &["RS256", "ES256", "EdDSA"],
            &["HS256", "rs256", "none", "ES384"],
        );
    }

    #[test]
    fn amr_values() {
        round_trip(
            &Amr::ALL,
            &["pwd", "fed", "otp", "hwk", "swk", "user", "mfa"],
            &["password", "PWD"],
        );
        assert_eq!(Amr::join(&[Amr::Pwd, Amr::Otp, Amr::Mfa]), "pwd otp mfa");
    }

    #[test]
    fn prompts() {
        round_trip(
            &Prompt::ALL,
            &["none", "login", "consent", "select_account"],
            &["create", "LOGIN", "select-account"],
        );
    }
}
