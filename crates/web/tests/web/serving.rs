//! Issue 9: what the server itself must bound — connections that never finish their headers,
//! handlers that take too long, shutdown with requests in hand — and the headers and links it
//! must not take from the client.

use super::*;

#[test]
fn pages_cannot_be_framed_by_other_sites() {
    let (addr, _dir) = server();
    for path in ["/", "/latest", "/article/1", "/api/articles", "/no-such-page"] {
        let r = get(addr, path);
        let csp = r.headers.lines().find_map(|l| l.strip_prefix("content-security-policy: ")).unwrap_or_default();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(r.headers.contains("x-frame-options: deny"), "{path}: {}", r.headers);
    }
}
