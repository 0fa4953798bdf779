//! Application state, start-up and the server loop. Tests build the same router the
//! binary serves.

pub use crate::web::state::{AppInner, AppState};
use crate::{
    auth::{captcha::Captcha, password::Hasher},
    config::Config,
    crypto::MasterKey,
    mail::Mailer,
    oidc::{Provider, now},
    store::Store,
};
use std::{sync::Arc, time::Duration};
use tokio::net::TcpListener;

/// Opens the database, applies migrations and loads keys: everything `serve` needs.
pub async fn build_state(mut config: Config) -> anyhow::Result<AppState> {
    private_data_dir(&config.data_dir);
    let master = Arc::new(MasterKey::load_or_create(&config.master_key_file())?);
    let store = Store::connect(&config.database_url(), config.pool_size()).await?;
    store.migrate().await?;
    let mailer = Arc::new(Mailer::new(&config, store.clone(), master.clone())?);
    let captcha = Captcha::new(&config.captcha, master.derive("captcha"))?;
    let provider = Provider::new(&config, store, master.clone(), now()).await?;
    let hasher = Hasher::new();
    // The clients now hold their secrets' hashes; keep no plaintext copy around.
    for c in &mut config.clients {
        if let Some(s) = c.secret.as_mut().filter(|s| !s.starts_with("sha256:")) {
            *s = format!(
                "sha256:{}",
                crate::crypto::hex_encode(&crate::crypto::sha256(s.as_bytes()))
            );
        }
    }
    let catalogs = Arc::new(
        crate::i18n::Catalogs::load(
            config.i18n.dir.as_deref(),
            &config.i18n.default_locale,
            &config.branding.product_name,
        )
        .map_err(|p| anyhow::anyhow!("i18n: {p:?}"))?,
    );
    let brand = Arc::new(crate::web::brand::Brand::load(&config)?);
    let passkeys = crate::auth::passkey::Passkeys::from_config(&config)?;
    Ok(AppState(Arc::new(AppInner {
        passkeys,
        catalogs,
        brand,
        csrf_key: master.derive("csrf"),
        throttle: crate::auth::throttle::Throttle::new(&config.rate_limit),
        trusted_proxies: config
            .proxy
            .trusted
            .iter()
            .filter_map(|t| crate::net::Cidr::parse(t))
            .collect(),
        config,
        provider,
        hasher,
        mailer,
        captcha,
    })))
}

/// Creates the data directory (the default home of the database, the master key
/// and mail) readable by this user only: 0700, also when it existed before.
/// Not fatal: a deployment on PostgreSQL and SMTP with its key file elsewhere may
/// need no data directory at all (a read-only root, say); whatever does need it
/// (SQLite, the key file, file mail) fails with its own error.
fn private_data_dir(dir: &std::path::Path) {
    if let Err(e) = crate::files::create_private_dir(dir) {
        tracing::warn!(dir = %dir.display(), error = %e, "data_dir could not be created");
        return;
    }
    if let Err(e) = crate::files::set_mode(dir, crate::files::PRIVATE_DIR) {
        tracing::warn!(dir = %dir.display(), error = %e, "data_dir could not be made private (0700)");
    }
}

/// Background work of a running instance: picks up key rotations made elsewhere
/// (every 5 s, so within the 10 s the spec allows) and purges expired rows.
pub fn spawn_maintenance(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(5));
        let mut rounds: u64 = 0;
        loop {
            tick.tick().await;
            let p = &state.provider;
            match p.master.reload() {
                Ok(true) => tracing::info!("master key file reloaded"),
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, "reloading the master key file failed"),
            }
            match p.keys.refresh(&p.store, &p.master, now()).await {
                Ok(true) => tracing::info!("signing keys reloaded"),
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, "reloading signing keys failed"),
            }
            if rounds.is_multiple_of(60) {
                if let Err(e) = p.store.purge_expired(now()).await {
                    tracing::warn!(error = %e, "purging expired rows failed");
                }
                let retention = state.config.audit.retention.as_secs() as i64;
                if retention > 0
                    && let Err(e) = p.store.prune_audit(now() - retention).await
                {
                    tracing::warn!(error = %e, "pruning the audit log failed");
                }
            }
            rounds += 1;
        }
    })
}

/// Sends logout tokens (`oidc::backchannel`) until the process ends: at once when
/// one is queued here, and every 5 s for those queued by other instances (the CLI
/// included) or due for a retry.
pub fn spawn_backchannel(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let http = crate::net::outbound_http(crate::oidc::backchannel::SEND_TIMEOUT);
        loop {
            if let Err(e) = crate::oidc::backchannel::deliver_due(&state.provider, &http).await {
                tracing::warn!(error = %e, "back-channel logout: reading the outbox failed");
            }
            let wake = state.provider.backchannel_wake.notified();
            let _ = tokio::time::timeout(Duration::from_secs(5), wake).await;
        }
    })
}

/// Serves on `listener` until ctrl-c / SIGTERM, finishing in-flight requests.
pub async fn serve_on(listener: TcpListener, state: AppState) -> anyhow::Result<()> {
    let maintenance = spawn_maintenance(state.clone());
    let mail = state.mailer.clone().spawn_worker();
    let logouts = spawn_backchannel(state.clone());
    let router = crate::web::routes::router(state);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    maintenance.abort();
    mail.abort();
    logouts.abort();
    Ok(())
}

/// Serves HTTPS on `listener` (TLS terminated in-process with rustls) until
/// ctrl-c / SIGTERM, finishing in-flight requests.
pub async fn serve_tls_on(
    listener: TcpListener,
    state: AppState,
    tls: rustls::ServerConfig,
) -> anyhow::Result<()> {
    let maintenance = spawn_maintenance(state.clone());
    let mail = state.mailer.clone().spawn_worker();
    let logouts = spawn_backchannel(state.clone());
    let router = crate::web::routes::router(state);
    let handle = axum_server::Handle::new();
    let stopper = handle.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        stopper.graceful_shutdown(Some(Duration::from_secs(30)));
    });
    let config = axum_server::tls_rustls::RustlsConfig::from_config(Arc::new(tls));
    axum_server::from_tcp_rustls(listener.into_std()?, config)?
        .handle(handle)
        .serve(router.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .await?;
    maintenance.abort();
    mail.abort();
    logouts.abort();
    Ok(())
}

/// The rustls server config of `[tls]`: the PEM certificate chain and key, TLS 1.2
/// and 1.3 with rustls' safe defaults on aws-lc-rs.
pub fn tls_config(tls: &crate::config::TlsConfig) -> anyhow::Result<rustls::ServerConfig> {
    use anyhow::Context;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, pem::PemObject};
    let certs = CertificateDer::pem_file_iter(&tls.cert)
        .and_then(|it| it.collect::<Result<Vec<_>, _>>())
        .with_context(|| {
            format!(
                "tls.cert {}: not a readable PEM certificate chain",
                tls.cert.display()
            )
        })?;
    anyhow::ensure!(
        !certs.is_empty(),
        "tls.cert {}: the file holds no certificate",
        tls.cert.display()
    );
    let key = PrivateKeyDer::from_pem_file(&tls.key).with_context(|| {
        format!(
            "tls.key {}: not a readable PEM private key",
            tls.key.display()
        )
    })?;
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .context("tls: the certificate and the key do not match")?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

pub async fn serve(config: Config) -> anyhow::Result<()> {
    // Read the certificate before anything else, so a bad one never half-starts.
    let tls = config.tls.as_ref().map(tls_config).transpose()?;
    let listen = config.listen.clone();
    for w in config.warnings() {
        tracing::warn!(key = %w.key, "{}", w.message);
    }
    let state = build_state(config).await?;
    let listener = TcpListener::bind(&listen)
        .await
        .map_err(|e| anyhow::anyhow!("listen: cannot bind {listen}: {e}"))?;
    tracing::info!(issuer = %state.provider.issuer, %listen, https = tls.is_some(), "Lanyard is serving");
    match tls {
        Some(tls) => serve_tls_on(listener, state, tls).await,
        None => serve_on(listener, state).await,
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
