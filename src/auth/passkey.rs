//! Passkeys (WebAuthn Level 2) through `webauthn-rs` and its safe defaults: user
//! verification is required in every ceremony, attestation is not asked for, and a
//! signature counter that goes backwards (a cloned authenticator) fails the
//! ceremony. This module knows nothing of HTTP or the database: it turns the
//! browser's JSON into checked results, and ceremony state into text to keep.

use crate::config::Config;
use serde_json::Value;
use webauthn_rs::prelude::{
    AuthenticationResult, DiscoverableAuthentication, DiscoverableKey, Passkey,
    PasskeyAuthentication, PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential,
    Uuid, Webauthn, WebauthnBuilder, WebauthnError,
};
use webauthn_rs_proto::ResidentKeyRequirement;

/// How long a ceremony may take from its options to its answer (the browser is
/// told the same).
pub const CEREMONY_TTL: i64 = 300;

/// Why a ceremony's answer was refused, in the words a page can act on.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PasskeyError {
    /// The answer does not parse (not JSON, bad base64, malformed CBOR or client data).
    #[error("the passkey's answer could not be read")]
    Malformed,
    /// It parsed but does not verify: another origin or relying party, another
    /// challenge, a bad signature, no user verification.
    #[error("the passkey's answer did not verify: {0}")]
    Refused(String),
    /// A valid signature with a counter that did not go up: the authenticator may
    /// have been cloned (WebAuthn §6.1.1).
    #[error("the passkey's signature counter went backwards")]
    PossibleClone,
}

fn refused(e: WebauthnError) -> PasskeyError {
    match e {
        WebauthnError::CredentialPossibleCompromise => PasskeyError::PossibleClone,
        WebauthnError::ParseCBORFailure(_)
        | WebauthnError::ParseJSONFailure(_)
        | WebauthnError::ParseNOMFailure
        | WebauthnError::ParseInsufficientBytesAvailable => PasskeyError::Malformed,
        other => PasskeyError::Refused(other.to_string()),
    }
}

/// What a verified sign-in says about the passkey.
#[derive(Debug, Clone)]
pub struct Verified {
    pub cred_id: String,
    pub user_verified: bool,
    /// Synced (backed up) or able to be: a software passkey (`swk`), else a device
    /// bound one (`hwk`), as RFC 8176 tells them apart.
    pub backup_eligible: bool,
    pub result: AuthenticationResult,
}

/// The passkeys of this server: its relying party and origins.
#[derive(Clone)]
pub struct Passkeys {
    webauthn: std::sync::Arc<Webauthn>,
}

/// A credential id as stored and shown: base64url without padding.
pub fn cred_id_text(id: &[u8]) -> String {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    URL_SAFE_NO_PAD.encode(id)
}

impl Passkeys {
    /// `None` when the issuer is on an IP address (no passkeys); an error names a
    /// relying party the library refuses.
    pub fn from_config(config: &Config) -> anyhow::Result<Option<Passkeys>> {
        let Some((rp_id, origins)) = config.relying_party() else {
            return Ok(None);
        };
        let (first, more) = origins
            .split_first()
            .ok_or_else(|| anyhow::anyhow!("no origin for passkeys"))?;
        let mut b = WebauthnBuilder::new(&rp_id, first)
            .map_err(|e| anyhow::anyhow!("[webauthn] relying party {rp_id:?}: {e}"))?
            .rp_name(&config.branding.product_name)
            .timeout(std::time::Duration::from_secs(CEREMONY_TTL as u64));
        for o in more {
            b = b.append_allowed_origin(o);
        }
        let webauthn = b
            .build()
            .map_err(|e| anyhow::anyhow!("[webauthn] relying party {rp_id:?}: {e}"))?;
        Ok(Some(Passkeys {
            webauthn: std::sync::Arc::new(webauthn),
        }))
    }

    /// Options for adding a passkey to the account `handle` (its user handle),
    /// asking for a discoverable credential (so it can sign in without a name) and
    /// excluding the ones it has; and the state to keep until the answer.
    pub fn start_registration(
        &self,
        handle: Uuid,
        login: &str,
        display: &str,
        existing: &[Passkey],
    ) -> anyhow::Result<(Value, String)> {
        let exclude = existing.iter().map(|p| p.cred_id().clone()).collect();
        let (mut ccr, state) =
            self.webauthn
                .start_passkey_registration(handle, login, display, Some(exclude))?;
        if let Some(sel) = ccr.public_key.authenticator_selection.as_mut() {
            sel.resident_key = Some(ResidentKeyRequirement::Required);
            sel.require_resident_key = true;
        }
        Ok((serde_json::to_value(&ccr)?, serde_json::to_string(&state)?))
    }

    /// Checks the browser's answer to [`Passkeys::start_registration`].
    pub fn finish_registration(&self, answer: &str, state: &str) -> Result<Passkey, PasskeyError> {
        let reg: RegisterPublicKeyCredential =
            serde_json::from_str(answer).map_err(|_| PasskeyError::Malformed)?;
        let state: PasskeyRegistration =
            serde_json::from_str(state).map_err(|_| PasskeyError::Malformed)?;
        self.webauthn
            .finish_passkey_registration(&reg, &state)
            .map_err(refused)
    }

    /// Options for a sign-in without a name (the browser offers the passkeys it
    /// has for this site); `modal` drops conditional mediation, for the "Sign in
    /// with a passkey" button (autofill keeps it).
    pub fn start_sign_in(&self, modal: bool) -> anyhow::Result<(Value, String)> {
        let (mut rcr, state) = self.webauthn.start_discoverable_authentication()?;
        if modal {
            rcr.mediation = None;
        }
        Ok((serde_json::to_value(&rcr)?, serde_json::to_string(&state)?))
    }

    /// Reads a sign-in answer: the credential it names and the user handle it
    /// claims (checked against the stored credential before [`Passkeys::finish_sign_in`]).
    pub fn identify(
        &self,
        answer: &str,
    ) -> Result<(PublicKeyCredential, String, Uuid), PasskeyError> {
        let cred: PublicKeyCredential =
            serde_json::from_str(answer).map_err(|_| PasskeyError::Malformed)?;
        let (handle, raw_id) = self
            .webauthn
            .identify_discoverable_authentication(&cred)
            .map_err(|_| PasskeyError::Malformed)?;
        Ok((cred.clone(), cred_id_text(raw_id), handle))
    }

    /// Verifies a sign-in answer against the stored passkey it named.
    pub fn finish_sign_in(
        &self,
        cred: &PublicKeyCredential,
        state: &str,
        passkey: &Passkey,
    ) -> Result<Verified, PasskeyError> {
        let state: DiscoverableAuthentication =
            serde_json::from_str(state).map_err(|_| PasskeyError::Malformed)?;
        let result = self
            .webauthn
            .finish_discoverable_authentication_v2(cred, state, DiscoverableKey::from(passkey))
            .map_err(refused)?;
        Ok(verified(result))
    }

    /// Options for the second step of an account with these passkeys.
    pub fn start_second_step(&self, passkeys: &[Passkey]) -> anyhow::Result<(Value, String)> {
        anyhow::ensure!(!passkeys.is_empty(), "the account has no passkey");
        let (rcr, state) = self.webauthn.start_passkey_authentication(passkeys)?;
        Ok((serde_json::to_value(&rcr)?, serde_json::to_string(&state)?))
    }

    /// Verifies the answer to [`Passkeys::start_second_step`].
    pub fn finish_second_step(&self, answer: &str, state: &str) -> Result<Verified, PasskeyError> {
        let cred: PublicKeyCredential =
            serde_json::from_str(answer).map_err(|_| PasskeyError::Malformed)?;
        let state: PasskeyAuthentication =
            serde_json::from_str(state).map_err(|_| PasskeyError::Malformed)?;
        let result = self
            .webauthn
            .finish_passkey_authentication(&cred, &state)
            .map_err(refused)?;
        Ok(verified(result))
    }
}

fn verified(result: AuthenticationResult) -> Verified {
    Verified {
        cred_id: cred_id_text(result.cred_id()),
        user_verified: result.user_verified(),
        backup_eligible: result.backup_eligible(),
        result,
    }
}

/// A stored passkey back from its JSON.
pub fn parse_stored(json: &str) -> Option<Passkey> {
    serde_json::from_str(json).ok()
}

/// The JSON kept for a passkey.
pub fn stored(passkey: &Passkey) -> String {
    serde_json::to_string(passkey).unwrap_or_default()
}

/// The user handle of an account: its id (a UUID) as WebAuthn's 16 bytes.
pub fn handle(user_id: &str) -> Option<Uuid> {
    Uuid::parse_str(user_id).ok()
}
