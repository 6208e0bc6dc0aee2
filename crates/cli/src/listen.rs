//! `--addr` and `--serve`: an address to listen on, checked when parsed and explained when
//! binding fails.

use std::str::FromStr;

use anyhow::{Result, anyhow};

/// `host:port` to listen on. A bare port is refused when parsed: `8080` alone would otherwise
/// fail to bind with a message about an address in use or not found.
#[derive(Debug, Clone)]
pub struct ListenAddr(String);

impl FromStr for ListenAddr {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let bare_port = s.strip_prefix(':').unwrap_or(s);
        if bare_port.parse::<u16>().is_ok() {
            return Err(format!(
                "the address needs a host as well as the port: use 127.0.0.1:{bare_port} (this machine only) \
                 or 0.0.0.0:{bare_port} (every network interface)"
            ));
        }
        match s.rsplit_once(':') {
            Some((host, port)) if !host.is_empty() && port.parse::<u16>().is_ok() => Ok(ListenAddr(s.to_string())),
            _ => Err(format!("give the address as host:port, e.g. 127.0.0.1:8080 (not «{s}»)")),
        }
    }
}

impl std::fmt::Display for ListenAddr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Binds `addr`, saying what a failure means and what to do.
pub async fn bind(addr: &ListenAddr) -> Result<tokio::net::TcpListener> {
    use std::io::ErrorKind;
    tokio::net::TcpListener::bind(addr.0.as_str()).await.map_err(|e| {
        let why = match e.kind() {
            ErrorKind::AddrInUse => "the address is in use (another program, or another marsad, listens there); \
                 pick another port, or 127.0.0.1:0 for any free one"
                .to_string(),
            ErrorKind::AddrNotAvailable => {
                "that is not an address of this machine; use 127.0.0.1:PORT or 0.0.0.0:PORT".to_string()
            }
            ErrorKind::PermissionDenied => {
                "not permitted (ports below 1024 need privileges); use a higher port, e.g. 127.0.0.1:8080".to_string()
            }
            _ => e.to_string(),
        };
        anyhow!("cannot listen on {addr}: {why}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_port_asks_for_a_host() {
        for bare in ["8080", ":8080"] {
            let e = bare.parse::<ListenAddr>().unwrap_err();
            assert!(e.contains("needs a host") && e.contains("127.0.0.1:8080"), "{e}");
        }
        assert!("localhost".parse::<ListenAddr>().unwrap_err().contains("host:port"));
        for ok in ["127.0.0.1:0", "0.0.0.0:8080", "[::1]:8080", "localhost:8080"] {
            assert!(ok.parse::<ListenAddr>().is_ok(), "{ok}");
        }
    }
}
