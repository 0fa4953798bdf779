//! Network addresses: CIDR ranges (`proxy.trusted`) and the client address behind
//! trusted proxies. `X-Forwarded-For` is believed only from trusted peers; it is read
//! right to left, skipping trusted hops, so a client cannot forge its address by
//! sending the header itself.

use std::net::IpAddr;

/// An IP address or a CIDR range from `proxy.trusted`.
#[derive(Debug, Clone, Copy)]
pub struct Cidr {
    net: IpAddr,
    prefix: u8,
}

impl Cidr {
    pub fn parse(text: &str) -> Option<Cidr> {
        let (addr, prefix) = match text.trim().split_once('/') {
            Some((a, p)) => (a.parse::<IpAddr>().ok()?, Some(p.parse::<u8>().ok()?)),
            None => (text.trim().parse::<IpAddr>().ok()?, None),
        };
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        if prefix > max {
            return None;
        }
        // `::ffff:a.b.c.d/p` is the IPv4 range `a.b.c.d/(p-96)`: clients arrive as
        // IPv4 (mapped addresses are unmapped before matching).
        if let IpAddr::V6(v6) = addr
            && let Some(v4) = v6.to_ipv4_mapped()
            && prefix >= 96
        {
            return Some(Cidr {
                net: IpAddr::V4(v4),
                prefix: prefix - 96,
            });
        }
        Some(Cidr { net: addr, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        fn bits(ip: IpAddr) -> u128 {
            match ip {
                IpAddr::V4(v) => u128::from(u32::from(v)),
                IpAddr::V6(v) => u128::from(v),
            }
        }
        let ip = match ip {
            IpAddr::V6(v) => v.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        if ip.is_ipv4() != self.net.is_ipv4() {
            return false;
        }
        let width = if ip.is_ipv4() { 32 } else { 128 };
        if self.prefix == 0 {
            return true;
        }
        let shift = width - u32::from(self.prefix);
        bits(ip) >> shift == bits(self.net) >> shift
    }
}

/// The HTTP client for Lanyard's own calls to other servers (upstreams, client
/// key sets, back-channel logout): a time limit on each call and no redirects
/// followed, so a server cannot bounce the call elsewhere (SSRF hardening).
pub fn outbound_http(timeout: std::time::Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("building an HTTP client")
}

/// The client address: the peer, or — when the peer is a trusted proxy — the
/// right-most `X-Forwarded-For` entry that is not itself a trusted proxy.
pub fn client_ip(trusted: &[Cidr], peer: IpAddr, forwarded_for: Option<&str>) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let Some(list) = forwarded_for else {
        return peer;
    };
    let mut last = peer;
    for hop in list.rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) if is_trusted(ip) => last = ip,
            Ok(ip) => return ip,
            Err(_) => return last,
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn cidr_matching() {
        let c = Cidr::parse("10.0.0.0/8").unwrap();
        assert!(c.contains(ip("10.1.2.3")));
        assert!(!c.contains(ip("11.0.0.1")));
        assert!(c.contains(ip("::ffff:10.0.0.1")));
        assert!(Cidr::parse("::1").unwrap().contains(ip("::1")));
        assert!(Cidr::parse("10.0.0.0/33").is_none());
        // Found by the form_body fuzz target: a mapped address as the entry.
        assert!(
            Cidr::parse("::ffff:10.0.0.1")
                .unwrap()
                .contains(ip("::ffff:10.0.0.1"))
        );
        assert!(
            Cidr::parse("::ffff:10.0.0.0/104")
                .unwrap()
                .contains(ip("10.9.9.9"))
        );
        assert!(Cidr::parse("nonsense").is_none());
    }

    #[test]
    fn forwarded_for_only_from_trusted_peers() {
        let trusted = [Cidr::parse("10.0.0.0/8").unwrap()];
        // An untrusted peer's header is ignored.
        assert_eq!(
            client_ip(&trusted, ip("203.0.113.9"), Some("1.2.3.4")),
            ip("203.0.113.9")
        );
        // A trusted proxy: the right-most untrusted hop, not a forged left-most one.
        assert_eq!(
            client_ip(
                &trusted,
                ip("10.0.0.2"),
                Some("6.6.6.6, 198.51.100.7, 10.0.0.5")
            ),
            ip("198.51.100.7")
        );
        assert_eq!(client_ip(&trusted, ip("10.0.0.2"), None), ip("10.0.0.2"));
    }
}
