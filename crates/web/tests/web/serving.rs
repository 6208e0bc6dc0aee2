//! Issue 9: what the server itself must bound — connections that never finish their headers,
//! handlers that take too long, shutdown with requests in hand — and the headers and links it
//! must not take from the client.

use std::sync::mpsc;

use axum::routing::get as route_get;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::*;

/// Opens `n` connections that each send half a request line and stall.
pub(crate) async fn stall(addr: SocketAddr, n: usize) -> Vec<tokio::net::TcpStream> {
    let mut streams = Vec::with_capacity(n);
    for _ in 0..n {
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        s.write_all(b"GET /latest HTT").await.unwrap();
        streams.push(s);
    }
    streams
}

/// How many of `streams` the server closes (end of stream or reset) within `bound`, all waited
/// for at once.
pub(crate) async fn closed_within(streams: Vec<tokio::net::TcpStream>, bound: Duration) -> usize {
    let deadline = tokio::time::Instant::now() + bound;
    let waits = streams.into_iter().map(|mut s| async move {
        let mut buf = [0u8; 1024];
        loop {
            match tokio::time::timeout_at(deadline, s.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => return true,
                // Whatever the server says before closing (a 408, say) is read and ignored.
                Ok(Ok(_)) => continue,
                Err(_) => return false,
            }
        }
    });
    let mut closed = 0;
    for c in waits.collect::<Vec<_>>() {
        closed += usize::from(c.await);
    }
    closed
}

#[test]
fn half_open_connections_are_closed_after_the_header_timeout() {
    let (store, _dir) = seeded_store();
    let options = marsad_web::ServeOptions { header_read_timeout: Duration::from_secs(1), ..Default::default() };
    let server = spawn_server(marsad_web::router(store), options);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let stalled = rt.block_on(stall(server.addr, 200));
    // They hold neither the server nor each other up.
    assert_eq!(get(server.addr, "/healthz").status, 200);
    assert_eq!(rt.block_on(closed_within(stalled, Duration::from_secs(10))), 200);
    assert_eq!(get(server.addr, "/healthz").status, 200);
}

/// A router with `/slow`, which says when it starts and answers after `delay`.
fn slow_router(delay: Duration) -> (axum::Router, mpsc::Receiver<()>) {
    let (entered_tx, entered) = mpsc::channel::<()>();
    let router = axum::Router::new().route(
        "/slow",
        route_get(move || {
            let _ = entered_tx.send(());
            async move {
                tokio::time::sleep(delay).await;
                "done"
            }
        }),
    );
    (router, entered)
}

#[test]
fn slow_request_is_a_503_after_the_request_timeout() {
    let (router, _entered) = slow_router(Duration::from_secs(3600));
    let options = marsad_web::ServeOptions { request_timeout: Duration::from_millis(200), ..Default::default() };
    let server = spawn_server(router, options);
    let r = get(server.addr, "/slow");
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(r.body.contains("استغرق الطلب وقتاً أطول"), "{}", r.body);
    assert!(r.headers.contains("x-frame-options: deny"), "{}", r.headers);
}

#[test]
fn shutdown_finishes_requests_in_hand_then_stops_listening() {
    let (router, entered) = slow_router(Duration::from_millis(500));
    let options = marsad_web::ServeOptions { header_read_timeout: Duration::from_secs(1), ..Default::default() };
    let mut server = spawn_server(router, options);
    let addr = server.addr;
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    // A stalled connection must not hold shutdown up beyond its header timeout.
    let _stalled = rt.block_on(stall(addr, 3));
    let in_hand = std::thread::spawn(move || get(addr, "/slow"));
    entered.recv_timeout(Duration::from_secs(10)).expect("the request reached its handler");
    let _ = server.stop.take().unwrap().send(());
    let r = in_hand.join().unwrap();
    assert_eq!((r.status, r.body.as_str()), (200, "done"), "the request in hand was finished");
    server.done.recv_timeout(Duration::from_secs(10)).expect("serve_until returned within 10 s");
    assert!(TcpStream::connect(addr).is_err(), "the listener is closed");
}

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

/// Every link (`href`) and id of an Atom document.
fn feed_links(xml: &str) -> Vec<String> {
    let f = feed_rs::parser::parse(xml.as_bytes()).expect("a valid Atom document");
    let mut links: Vec<String> = f.links.iter().map(|l| l.href.clone()).collect();
    for e in &f.entries {
        links.push(e.id.clone());
        links.extend(e.links.iter().map(|l| l.href.clone()));
    }
    links
}

#[test]
fn feed_links_never_come_from_the_host_header() {
    let (addr, _dir) = server();
    let story: serde_json::Value = serde_json::from_str(&get(addr, "/api/stories?limit=1").body).unwrap();
    let story = story["items"][0]["id"].as_i64().unwrap();
    for path in
        ["/feeds/latest".to_string(), "/feeds/search?q=%D9%83%D9%8A%D9%85".into(), format!("/feeds/story/{story}")]
    {
        let r = exchange(
            addr,
            &format!(
                "GET {path} HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n"
            ),
        )
        .unwrap();
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert!(!r.body.contains("evil.example"), "{path}: {}", r.body);
        // Links to marsad are on the address the connection arrived at; the rest are outlets'.
        let links = feed_links(&r.body);
        assert!(links.iter().any(|l| l.starts_with(&format!("http://{addr}/"))), "{path}: {links:?}");
    }
}

#[test]
fn feed_links_use_the_configured_base_url() {
    let (store, _dir) = seeded_store();
    let base: marsad_web::BaseUrl = "https://marsad.example.org/reader/".parse().unwrap();
    let router =
        marsad_web::router_with(store, marsad_web::RouterOptions { base_url: Some(base), ..Default::default() });
    let server = spawn_server(router, marsad_web::ServeOptions::default());
    let r = get_with(server.addr, "/feeds/latest", "X-Forwarded-Host: evil.example");
    let links = feed_links(&r.body);
    assert!(links.contains(&"https://marsad.example.org/reader/feeds/latest".to_string()), "{links:?}");
    assert!(links.contains(&"https://marsad.example.org/reader/article/1".to_string()), "{links:?}");
    assert!(!r.body.contains(&server.addr.to_string()), "{}", r.body);
}
