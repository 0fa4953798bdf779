//! Outgoing mail through lettre: the `file` transport (one .eml per message) and
//! `smtp` (STARTTLS for smtp://, TLS for smtps://). Messages go through the
//! `mail_outbox` table and a background worker, so a request never waits for a mail
//! server, and a failure is logged and retried with backoff instead of being lost.

pub mod messages;

use crate::{config::Config, crypto::MasterKey, oidc::now, store::Store};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Body, Mailbox, MultiPart, SinglePart,
        header::{ContentTransferEncoding, ContentType},
    },
};
use serde::{Deserialize, Serialize};
use std::{sync::Arc, time::Duration};
use tokio::sync::Notify;

/// A message ready to send: plain text plus HTML, both with full absolute links.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

enum Transport {
    /// One `<uuid>.eml` per message in this directory (lettre's file layout), 0600:
    /// the messages carry sign-in links.
    File(std::path::PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

pub struct Mailer {
    store: Store,
    master: Arc<MasterKey>,
    from: Mailbox,
    transport: Transport,
    wake: Notify,
}

/// Attempts before a message is given up on (the backoff spreads them over ~16 hours).
const MAX_ATTEMPTS: i64 = 12;
const SEAL_CONTEXT: &str = "mail_outbox";

/// The plain-text part in 8bit when its lines allow (they do: no line is near
/// 998 bytes), so a link stays whole on its line for people who copy it; quoted-
/// printable would break long links with soft line breaks (`=` at 76 characters).
fn text_part(text: &str) -> SinglePart {
    let body = Body::new_with_encoding(text.to_string(), ContentTransferEncoding::EightBit)
        .unwrap_or_else(Body::new);
    SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .body(body)
}

impl Mailer {
    pub fn new(config: &Config, store: Store, master: Arc<MasterKey>) -> anyhow::Result<Mailer> {
        use anyhow::Context;
        let from: Mailbox = config
            .mail
            .from
            .parse()
            .with_context(|| format!("mail.from {:?} is not a mailbox", config.mail.from))?;
        let transport = match config.mail.transport.as_str() {
            "smtp" => {
                let url = config.mail.smtp_url.as_deref().unwrap_or_default();
                Transport::Smtp(
                    AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                        .context("mail.smtp_url is not a usable SMTP URL")?
                        .timeout(Some(Duration::from_secs(20)))
                        .build(),
                )
            }
            _ => {
                let dir = config.mail_dir();
                crate::files::create_private_dir(&dir)
                    .with_context(|| format!("creating mail.dir {}", dir.display()))?;
                Transport::File(dir)
            }
        };
        Ok(Mailer {
            store,
            master,
            from,
            transport,
            wake: Notify::new(),
        })
    }

    /// Queues a message; the worker sends it right away.
    pub async fn queue(&self, email: &Email) -> anyhow::Result<()> {
        let sealed = self.master.seal(SEAL_CONTEXT, &serde_json::to_vec(email)?);
        self.store
            .queue_mail(&crate::crypto::random_id(), &sealed, now())
            .await?;
        self.wake.notify_one();
        Ok(())
    }

    /// Sends what is due until the process ends.
    pub fn spawn_worker(self: Arc<Self>) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                if let Err(e) = self.send_due().await {
                    tracing::warn!(error = %e, "mail worker: reading the outbox failed");
                }
                let _ = tokio::time::timeout(Duration::from_secs(5), self.wake.notified()).await;
            }
        })
    }

    async fn send_due(&self) -> anyhow::Result<()> {
        let rows = self.store.claim_mail(now(), 120, 20).await?;
        for row in rows {
            let result = match self.master.open(SEAL_CONTEXT, &row.message) {
                Ok(plain) => match serde_json::from_slice::<Email>(&plain) {
                    Ok(email) => self.send(&email).await,
                    Err(e) => Err(anyhow::anyhow!("undecodable message: {e}")),
                },
                Err(e) => Err(anyhow::anyhow!("{e}")),
            };
            match result {
                Ok(()) => self.store.mail_sent(&row.id, now()).await?,
                Err(e) => {
                    let attempts = row.attempts + 1;
                    if attempts >= MAX_ATTEMPTS {
                        tracing::error!(id = %row.id, error = %e, "giving up on a message after {attempts} attempts");
                        self.store
                            .mail_failed(&row.id, &e.to_string(), i64::MAX)
                            .await?;
                    } else {
                        let delay = (30_i64 << attempts.min(11)).min(4 * 3600);
                        tracing::warn!(id = %row.id, error = %e, retry_in_s = delay, "sending mail failed; will retry");
                        self.store
                            .mail_failed(&row.id, &e.to_string(), now() + delay)
                            .await?;
                    }
                }
            }
        }
        Ok(())
    }

    async fn send(&self, email: &Email) -> anyhow::Result<()> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(email.to.parse()?)
            .subject(&email.subject)
            .multipart(
                MultiPart::alternative()
                    .singlepart(text_part(&email.text))
                    .singlepart(SinglePart::html(email.html.clone())),
            )?;
        match &self.transport {
            Transport::File(dir) => {
                // Written under a hidden name and renamed, so whoever reads the
                // directory (a mail pickup, a test) never sees half a message.
                let id = uuid::Uuid::new_v4();
                let (part, path) = (
                    dir.join(format!(".{id}.part")),
                    dir.join(format!("{id}.eml")),
                );
                let bytes = message.formatted();
                tokio::task::spawn_blocking(move || {
                    crate::files::write_new_private(&part, &bytes)?;
                    std::fs::rename(&part, &path)
                })
                .await??
            }
            Transport::Smtp(t) => t.send(message).await.map(|_| ())?,
        }
        Ok(())
    }
}
