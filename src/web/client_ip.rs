//! Who is asking: the [`Requester`] of a request (client IP and user agent), for
//! throttling and the audit log, taken from the socket and, behind `[proxy] trusted`
//! peers, from `X-Forwarded-For` (see `net::client_ip`).

use crate::{audit::Requester, net::client_ip, web::state::AppState};
use axum::{
    extract::{ConnectInfo, FromRequestParts},
    http::{header, request::Parts},
};
use std::{
    convert::Infallible,
    net::{IpAddr, Ipv4Addr, SocketAddr},
};

impl FromRequestParts<AppState> for Requester {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        // In-process tests call the router without a socket: they are loopback.
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |c| c.0.ip());
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(",");
        let ip = client_ip(
            &state.trusted_proxies,
            peer,
            (!forwarded.is_empty()).then_some(forwarded.as_str()),
        );
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|u| u.chars().take(300).collect());
        Ok(Requester { ip, user_agent })
    }
}
