//! The `lanyard` command line (SPEC §2).

use crate::{
    account::rules,
    app, audit,
    auth::password::Hasher,
    config::{Config, LogFormat},
    crypto::MasterKey,
    oidc::{keys, now},
    store::{
        Store,
        users::{NewUser, User},
    },
};
use clap::{Parser, Subcommand};
use std::{io::BufRead, path::PathBuf, process::ExitCode};

#[derive(Parser, Debug)]
#[command(
    name = "lanyard",
    version,
    about = "Lanyard: an OpenID Connect identity provider"
)]
pub struct Cli {
    /// Config file (default: $LANYARD_CONFIG, then ./lanyard.toml, then built-in defaults).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Apply migrations, then serve (the default).
    Serve,
    /// Apply migrations and exit.
    Migrate,
    /// Validate the config; print every problem with its key; exit 1 if any.
    Check,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage signing keys.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Manage the master key that seals secrets at rest.
    #[command(subcommand)]
    Secrets(SecretsCommand),
    /// Print the audit log (oldest first).
    Audit {
        /// Only this account (username, email or id).
        #[arg(long, value_name = "U")]
        user: Option<String>,
        /// Only records since T: an RFC 3339 time, a date (2026-11-26), or an age (24h, 7d).
        #[arg(long, value_name = "T")]
        since: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum SecretsCommand {
    /// Make a new master key (or the staged one) the sealing key and re-seal every
    /// stored secret with it. Running instances reload the key file within 5 s.
    RotateMasterKey {
        /// Only add the new key as `next` (opens, does not seal) and stop. On several
        /// machines: stage, copy the key file to every machine, then rotate.
        #[arg(long)]
        stage: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account. Without --password-stdin, prints a one-time set-password link.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        username: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        /// Mark the email address as verified.
        #[arg(long)]
        verified: bool,
        #[arg(long)]
        name: Option<String>,
    },
    /// List accounts.
    List,
    /// Disable an account (by username, email or id): its sessions and tokens end.
    Disable { user: String },
    /// Enable a disabled account.
    Enable { user: String },
    /// Delete an account and everything issued to it.
    Delete { user: String },
    /// An account's passkeys.
    #[command(subcommand)]
    Passkeys(PasskeysCommand),
}

#[derive(Subcommand, Debug)]
pub enum PasskeysCommand {
    /// List an account's passkeys: credential id, name, added, last used.
    List { user: String },
    /// Remove one of an account's passkeys by its credential id (as listed). An
    /// admin may remove the last one (the account can still recover by email).
    Remove { user: String, credential: String },
}

#[derive(Subcommand, Debug)]
pub enum KeysCommand {
    /// List signing keys and their state.
    List,
    /// Make new signing keys; old keys stay in the JWKS until retired.
    Rotate,
}

pub async fn run(cli: Cli) -> ExitCode {
    let file = Config::locate(cli.config.as_deref());
    let config = match Config::load(file.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("lanyard: {e}");
            return ExitCode::FAILURE;
        }
    };
    init_tracing(config.log.format);
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => app::serve(config).await,
        Command::Check => {
            for w in config.warnings() {
                println!("warning: {w}");
            }
            println!(
                "config OK{}",
                file.map(|f| format!(" ({})", f.display()))
                    .unwrap_or_default()
            );
            Ok(())
        }
        Command::Migrate => open_store(&config)
            .await
            .map(|_| println!("migrations applied")),
        Command::User(cmd) => user(&config, cmd).await,
        Command::Keys(cmd) => keys_cmd(&config, cmd).await,
        Command::Secrets(SecretsCommand::RotateMasterKey { stage }) => {
            rotate_master_key(&config, stage).await
        }
        Command::Audit { user, since } => audit_cmd(&config, user, since).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lanyard: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Logs to stderr, as `[log] format` says; colour codes only when stderr is a
/// terminal, so a log file or a journal gets plain text.
fn init_tracing(format: LogFormat) {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

/// Queues back-channel logout tokens for the apps holding the account's grants;
/// the running servers send them.
async fn tell_apps(config: &Config, store: &Store, user_id: &str, now: i64) -> anyhow::Result<()> {
    let clients = crate::oidc::clients::Clients::from_config(&config.clients)?;
    let issuer = config.issuer();
    crate::oidc::backchannel::queue(store, &clients, issuer, user_id, None, now).await?;
    Ok(())
}

async fn open_store(config: &Config) -> anyhow::Result<Store> {
    let store = Store::connect(&config.database_url(), config.pool_size()).await?;
    store.migrate().await?;
    Ok(store)
}

/// Finds an account by username, email or id.
async fn find_user(store: &Store, who: &str) -> anyhow::Result<User> {
    if let Some(u) = store.user_by_login(who).await? {
        return Ok(u);
    }
    store
        .user_by_id(who)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no account has the username, email or id {who:?}"))
}

async fn user(config: &Config, cmd: UserCommand) -> anyhow::Result<()> {
    let store = open_store(config).await?;
    let now = now();
    match cmd {
        UserCommand::Add {
            email,
            username,
            password_stdin,
            verified,
            name,
        } => {
            let username = username.trim().to_lowercase();
            let email = email.trim().to_lowercase();
            // The rules answer with catalog ids; the CLI speaks the default language.
            let say = |id: &str| crate::web::ui::Ui::current().t(id);
            if let Some(p) = rules::username_problem(&username) {
                anyhow::bail!("--username {username:?}: {}", say(p));
            }
            if let Some(p) = rules::email_problem(&email) {
                anyhow::bail!("--email {email:?}: {}", say(p));
            }
            let hash = if password_stdin {
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line)?;
                let password = line.trim_end_matches(['\r', '\n']);
                if let Some(p) = rules::password_problem(password, &username, &email) {
                    anyhow::bail!("password: {}", say(p));
                }
                Some(Hasher::new().hash(password).await?)
            } else {
                None
            };
            let user = store
                .create_user(
                    &NewUser {
                        username: &username,
                        email: &email,
                        email_verified: verified,
                        name: name.as_deref(),
                        password_hash: hash.as_deref(),
                    },
                    now,
                )
                .await
                .map_err(|e| match e {
                    crate::store::StoreError::Conflict(_) => {
                        anyhow::anyhow!(
                            "an account with this username or email, or one that looks the same, already exists"
                        )
                    }
                    other => other.into(),
                })?;
            println!("created {} ({}) id {}", user.username, user.email, user.id);
            audit::record_admin(&store, Some(&user.id), "user add").await;
            if hash.is_none() {
                let token = crate::crypto::random_token();
                store
                    .create_password_reset(
                        &crate::crypto::token_hash(&token),
                        &user.id,
                        now,
                        now + 7 * 24 * 3600,
                    )
                    .await?;
                println!(
                    "set-password link (valid 7 days, single use): {}/reset?token={token}",
                    config.issuer()
                );
            }
        }
        UserCommand::List => {
            println!(
                "{:<36}  {:<20}  {:<32}  {:<8}  status",
                "id", "username", "email", "verified"
            );
            for u in store.list_users().await? {
                println!(
                    "{:<36}  {:<20}  {:<32}  {:<8}  {}",
                    u.id,
                    u.username,
                    u.email,
                    if u.email_verified { "yes" } else { "no" },
                    if u.disabled { "disabled" } else { "active" }
                );
            }
        }
        UserCommand::Disable { user } => {
            let u = find_user(&store, &user).await?;
            store.set_user_disabled(&u.id, true, now).await?;
            store.delete_user_sessions(&u.id).await?;
            store.revoke_user_grants(&u.id, now).await?;
            tell_apps(config, &store, &u.id, now).await?;
            audit::record_admin(&store, Some(&u.id), "user disable").await;
            println!(
                "disabled {}; its sessions and tokens are revoked",
                u.username
            );
        }
        UserCommand::Enable { user } => {
            let u = find_user(&store, &user).await?;
            store.set_user_disabled(&u.id, false, now).await?;
            audit::record_admin(&store, Some(&u.id), "user enable").await;
            println!("enabled {}", u.username);
        }
        UserCommand::Delete { user } => {
            let u = find_user(&store, &user).await?;
            tell_apps(config, &store, &u.id, now).await?;
            store.delete_user(&u.id).await?;
            audit::record_admin(&store, Some(&u.id), &format!("user delete {}", u.username)).await;
            println!("deleted {}", u.username);
        }
        UserCommand::Passkeys(PasskeysCommand::List { user }) => {
            let u = find_user(&store, &user).await?;
            for p in store.user_passkeys(&u.id).await? {
                let used = p.last_used_at.map_or_else(|| "never".into(), fmt_time);
                let kind = if p.backup_eligible {
                    "synced"
                } else {
                    "device-bound"
                };
                println!(
                    "{}  {:?}  {kind}  added {}  last used {used}",
                    p.cred_id,
                    p.name,
                    fmt_time(p.created_at)
                );
            }
        }
        UserCommand::Passkeys(PasskeysCommand::Remove { user, credential }) => {
            let u = find_user(&store, &user).await?;
            if !store.delete_passkey(&u.id, &credential).await? {
                anyhow::bail!(
                    "{} has no passkey {credential:?} (see `lanyard user passkeys list`)",
                    u.username
                );
            }
            let detail = format!("user passkeys remove {credential}");
            audit::record_admin(&store, Some(&u.id), &detail).await;
            println!("removed passkey {credential} of {}", u.username);
        }
    }
    Ok(())
}

async fn keys_cmd(config: &Config, cmd: KeysCommand) -> anyhow::Result<()> {
    let store = open_store(config).await?;
    let master = MasterKey::load_or_create(&config.master_key_file())?;
    let now = now();
    match cmd {
        KeysCommand::List => {
            let retain = config.key_retention().as_secs() as i64;
            println!("{:<24}  {:<6}  {:<20}  state", "kid", "alg", "created");
            for k in store.all_keys().await? {
                let state = match k.rotated_at {
                    None => "signing".to_string(),
                    Some(t) if t + retain > now => {
                        format!("published until {}", fmt_time(t + retain))
                    }
                    Some(_) => "retired".to_string(),
                };
                println!(
                    "{:<24}  {:<6}  {:<20}  {state}",
                    k.kid,
                    k.alg,
                    fmt_time(k.created_at)
                );
            }
        }
        KeysCommand::Rotate => {
            let rows = keys::generate_rows(&keys::Alg::ALL, &master, now).await?;
            store.insert_signing_keys(&rows, now).await?;
            for r in &rows {
                println!("new {} signing key {}", r.alg, r.kid);
            }
            audit::record_admin(&store, None, "keys rotate").await;
            println!(
                "running instances switch within 10 s; old keys stay in the JWKS until retired"
            );
        }
    }
    Ok(())
}

async fn rotate_master_key(config: &Config, stage: bool) -> anyhow::Result<()> {
    let store = open_store(config).await?;
    let master = MasterKey::load_or_create(&config.master_key_file())?;
    if stage {
        let id = master.stage()?;
        println!(
            "staged master key {id} in {}: copy this file to every machine running Lanyard, then run `lanyard secrets rotate-master-key`",
            config.master_key_file().display()
        );
        audit::record_admin(
            &store,
            None,
            &format!("secrets rotate-master-key --stage {id}"),
        )
        .await;
        return Ok(());
    }
    let id = master.rotate()?;
    println!(
        "new master key {id} is first in {}",
        config.master_key_file().display()
    );
    for (table, n) in store.reseal_all(&master).await? {
        println!("re-sealed {n} value(s) in {table}");
    }
    audit::record_admin(&store, None, &format!("secrets rotate-master-key {id}")).await;
    println!(
        "done; running instances use the new key within 5 s. Keep the older lines of the key file: \
         values sealed by an instance before it reloaded still need them (run the command again later to re-seal those)."
    );
    Ok(())
}

/// `--since`: an RFC 3339 time, a date, or an age such as `24h`.
fn parse_since(text: &str, now: i64) -> anyhow::Result<i64> {
    use time::format_description::well_known::Rfc3339;
    if let Ok(t) = time::OffsetDateTime::parse(text, &Rfc3339) {
        return Ok(t.unix_timestamp());
    }
    let date_fmt = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(d) = time::Date::parse(text, &date_fmt) {
        return Ok(d.midnight().assume_utc().unix_timestamp());
    }
    if let Ok(age) = humantime::parse_duration(text) {
        return Ok(now - age.as_secs() as i64);
    }
    anyhow::bail!(
        "--since {text:?}: expected a time (2026-11-26T10:00:00Z), a date (2026-11-26) or an age (24h, 7d)"
    )
}

async fn audit_cmd(
    config: &Config,
    user: Option<String>,
    since: Option<String>,
) -> anyhow::Result<()> {
    let store = open_store(config).await?;
    let since = since
        .map(|s| parse_since(&s, now()))
        .transpose()?
        .unwrap_or(0);
    // A deleted account is no longer found by name; its id still selects its records.
    let user_id = match user {
        Some(u) => Some(find_user(&store, &u).await.map(|u| u.id).unwrap_or(u)),
        None => None,
    };
    for r in store
        .audit_records(user_id.as_deref(), since, 100_000)
        .await?
    {
        println!(
            "{}  {:<22}  user={}  ip={}  agent={:?}{}",
            fmt_time(r.at),
            r.event,
            r.user_id.as_deref().unwrap_or("-"),
            r.ip.as_deref().unwrap_or("-"),
            r.user_agent.as_deref().unwrap_or("-"),
            r.detail.map(|d| format!("  {d}")).unwrap_or_default()
        );
    }
    Ok(())
}

fn fmt_time(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|d| {
            d.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| t.to_string())
}
