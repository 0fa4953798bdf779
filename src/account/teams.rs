//! Teams: creating one, and inviting people by email.

use super::Services;
use super::rules;
use crate::{crypto, mail::messages, store::users::User};

/// How long an invitation works.
pub const INVITE_TTL: i64 = 7 * 24 * 3600;
const MAX_INVITES: usize = 50;

/// What is wrong with "Invite people": a catalog message and its variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvitesProblem {
    /// The first entry that is not an address, as typed.
    NotAnEmail(String),
    TooMany,
}

impl InvitesProblem {
    /// The catalog message (`locales/*/account.ftl`) to show next to the form.
    pub fn message_id(&self) -> &'static str {
        match self {
            InvitesProblem::NotAnEmail(_) => "teams-invite-not-email",
            InvitesProblem::TooMany => "teams-invite-too-many",
        }
    }

    /// The message's variables: `address` (quoted and escaped) or `max`.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            InvitesProblem::NotAnEmail(raw) => vec![("address", format!("{raw:?}"))],
            InvitesProblem::TooMany => vec![("max", MAX_INVITES.to_string())],
        }
    }
}

/// Splits "Invite people" into addresses; an error names the first bad one.
pub fn parse_invites(text: &str) -> Result<Vec<String>, InvitesProblem> {
    let mut out: Vec<String> = Vec::new();
    for raw in text
        .split([',', '\n', ';', ' ', '\r', '\t'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let email = raw.to_lowercase();
        if rules::email_problem(&email).is_some() {
            return Err(InvitesProblem::NotAnEmail(raw.to_string()));
        }
        if !out.contains(&email) {
            out.push(email);
        }
    }
    if out.len() > MAX_INVITES {
        return Err(InvitesProblem::TooMany);
    }
    Ok(out)
}

/// What is wrong with a team name: the catalog message to show, if anything.
pub fn team_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("teams-name-missing")
    } else if name.chars().count() > 100 {
        Some("teams-name-too-long")
    } else if name.chars().any(char::is_control) {
        Some("teams-name-control")
    } else {
        None
    }
}

/// Why invitations were not sent.
#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    /// The account sent its allowance of invitation forms lately: wait this long.
    #[error("too many invitations; wait {0} seconds")]
    TooMany(u64),
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

impl From<crate::store::StoreError> for InviteError {
    fn from(e: crate::store::StoreError) -> Self {
        InviteError::Failed(e.into())
    }
}

/// Invitations send mail to addresses of the inviter's choosing: each account may
/// send `rate_limit.ip_requests` invitation forms (of up to [`MAX_INVITES`]
/// addresses) per window. Checked here, where every invitation is sent from,
/// whatever the page (Teams, onboarding) that asks.
async fn allowance(state: &Services<'_>, inviter: &User) -> Result<(), InviteError> {
    use crate::auth::throttle::{Key, Kind};
    let key = Key(Kind::IpRequests, format!("invite:account:{}", inviter.id));
    state
        .throttle
        .request(state.store(), &[key])
        .await
        .map_err(|wait| InviteError::TooMany(wait.0))
}

/// Creates a team owned by `owner` and invites `emails` to it. The invitation
/// allowance is checked first, so a refusal creates nothing.
pub async fn create(
    state: &Services<'_>,
    owner: &User,
    name: &str,
    emails: &[String],
) -> Result<String, InviteError> {
    if !emails.is_empty() {
        allowance(state, owner).await?;
    }
    let id = crypto::random_id();
    state
        .store()
        .create_team(&id, name, &owner.id, state.now)
        .await?;
    tracing::info!(team = %id, owner = %owner.id, "team created");
    send(state, &id, name, owner, emails).await?;
    Ok(id)
}

/// Invites `emails` to a team, within the inviter's allowance.
pub async fn invite(
    state: &Services<'_>,
    team_id: &str,
    team_name: &str,
    inviter: &User,
    emails: &[String],
) -> Result<(), InviteError> {
    if emails.is_empty() {
        return Ok(());
    }
    allowance(state, inviter).await?;
    send(state, team_id, team_name, inviter, emails).await?;
    Ok(())
}

/// Creates an invitation per address and queues its email. Only called once the
/// allowance is checked.
async fn send(
    state: &Services<'_>,
    team_id: &str,
    team_name: &str,
    inviter: &User,
    emails: &[String],
) -> anyhow::Result<()> {
    let inviter_name = inviter
        .name
        .clone()
        .unwrap_or_else(|| inviter.username.clone());
    for email in emails.iter().take(MAX_INVITES) {
        let token = crypto::random_token();
        let now = state.now;
        state
            .store()
            .create_invite(
                &crypto::token_hash(&token),
                team_id,
                email,
                &inviter.id,
                now,
                now + INVITE_TTL,
            )
            .await?;
        let link = format!("{}/invite?token={token}", state.config.issuer());
        state
            .mailer
            .queue(&messages::team_invitation(
                &state.look(None),
                email,
                &inviter_name,
                team_name,
                &link,
            ))
            .await?;
    }
    Ok(())
}

/// What "Ask for a new invitation" did.
#[derive(Debug, PartialEq, Eq)]
pub enum Renewal {
    /// The sender was told; their name, and the invited address.
    Asked { inviter: String, email: String },
    /// Asked for before (once per invitation): the same names.
    AlreadyAsked { inviter: String, email: String },
    /// No expired invitation behind the token (unknown, accepted, or its sender left).
    Unavailable,
}

/// "Ask for a new invitation" on an expired invitation: its sender is told, once per
/// invitation, which address asked and for which team, with the team page's link,
/// where they can invite again. Only the link's holder can ask.
pub async fn ask_renewal(state: &Services<'_>, token: &str) -> anyhow::Result<Renewal> {
    let store = state.store();
    let hash = crypto::token_hash(token);
    let Some(invite) = store.expired_invite(&hash, state.now).await? else {
        return Ok(Renewal::Unavailable);
    };
    let Some(inviter) = store.user_by_id(&invite.inviter_id).await? else {
        return Ok(Renewal::Unavailable);
    };
    let name = inviter
        .name
        .clone()
        .unwrap_or_else(|| inviter.username.clone());
    if !store.ask_invite_renewal(&hash, state.now).await? {
        let email = invite.email;
        return Ok(Renewal::AlreadyAsked {
            inviter: name,
            email,
        });
    }
    let team_link = format!(
        "{}/teams/{}",
        state.config.issuer(),
        url::form_urlencoded::byte_serialize(invite.team_id.as_bytes()).collect::<String>()
    );
    let look = state.look(inviter.locale.as_deref());
    let mail = messages::invitation_renewal(
        &look,
        &inviter.email,
        &invite.email,
        &invite.team_name,
        &team_link,
    );
    state.mailer.queue(&mail).await?;
    tracing::info!(team = %invite.team_id, "a new invitation was asked for");
    Ok(Renewal::Asked {
        inviter: name,
        email: invite.email,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invites_parse() {
        assert_eq!(
            parse_invites("A@b.co, c@d.io\nA@b.co").unwrap(),
            vec!["a@b.co", "c@d.io"]
        );
        assert_eq!(
            parse_invites("a@b.co, nope").unwrap_err(),
            InvitesProblem::NotAnEmail("nope".into())
        );
        assert!(parse_invites("").unwrap().is_empty());
    }
}
