//! The server loop: hyper's HTTP/1 connection handling under marsad's own accept loop, because
//! `axum::serve` sets no timer and so no limit on how long a client may take to send its headers
//! — 2,000 connections that send half a request line and stall would stay open for ever and
//! take every file descriptor.
//!
//! Bounds: a client has [`ServeOptions::header_read_timeout`] to send a request's headers (and an
//! idle keep-alive connection is closed after as long); a request's handler gets
//! [`ServeOptions::request_timeout`], then the client gets 503; at most
//! [`ServeOptions::max_connections`] connections are open at once, further clients waiting in
//! the listen backlog. On shutdown the listener closes, requests in hand finish, idle keep-alive
//! connections close at once and connections still sending headers at their header timeout;
//! whatever is left after [`ServeOptions::shutdown_grace`] is dropped.

use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::{ApiError, WebError, security_headers};

/// How the server treats connections and requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeOptions {
    /// Time a client has to send a request's headers, from the moment the server waits for them
    /// (so also the longest an idle keep-alive connection stays open).
    pub header_read_timeout: Duration,
    /// Time a request's handler may take before the client gets 503.
    pub request_timeout: Duration,
    /// Connections open at once; more clients wait in the listen backlog until one closes.
    pub max_connections: usize,
    /// After shutdown, how long requests in hand get to finish before their connections are
    /// dropped.
    pub shutdown_grace: Duration,
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            header_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            // Well under the usual 1,024 descriptors a process gets, leaving room for SQLite,
            // the index and (under `marsad run`) the crawl.
            max_connections: 512,
            shutdown_grace: Duration::from_secs(30),
        }
    }
}

/// The local address a connection arrived at, put on each of its requests: the fallback base of
/// feed links when no public address is configured (unlike the Host header, the client cannot
/// choose it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ServedAt(pub SocketAddr);

/// Serves the reader over `store` on `listener` with default options until Ctrl-C, then finishes
/// the requests in hand.
pub async fn serve(listener: TcpListener, store: marsad_store::Store) {
    serve_until(listener, crate::router(store), ServeOptions::default(), async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Serves `router` on `listener` until `shutdown` completes, then stops accepting, lets the
/// requests in hand finish (up to [`ServeOptions::shutdown_grace`]) and returns. Failing
/// connections are logged and dropped; a failing `accept` (out of file descriptors) is waited
/// out, so this never fails.
pub async fn serve_until(
    listener: TcpListener,
    router: Router,
    options: ServeOptions,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) {
    let router = router.layer(axum::middleware::from_fn_with_state(options.request_timeout, request_timeout));
    let slots = Arc::new(Semaphore::new(options.max_connections.clamp(1, Semaphore::MAX_PERMITS)));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut connections = JoinSet::new();
    let mut shutdown = pin!(shutdown);
    loop {
        // Reap finished connections so the set holds only open ones.
        while connections.try_join_next().is_some() {}
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            a = accept(&listener, &slots) => a,
        };
        let Some((stream, permit)) = accepted else { continue };
        let served_at = stream.local_addr().ok().map(ServedAt);
        let conn = connection(stream, router.clone(), served_at, options.header_read_timeout, stop_rx.clone());
        connections.spawn(async move {
            conn.await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let open = connections.len();
    if open > 0 {
        tracing::info!("stopping: finishing the requests in hand on {open} connections");
    }
    let drained =
        tokio::time::timeout(options.shutdown_grace, async { while connections.join_next().await.is_some() {} }).await;
    if drained.is_err() {
        tracing::warn!(
            "{} connections still open {:?} after shutdown; dropping them",
            connections.len(),
            options.shutdown_grace
        );
        connections.shutdown().await;
    }
}

/// Waits for a connection slot, then for a connection. `None` when `accept` failed: the caller
/// tries again.
async fn accept(listener: &TcpListener, slots: &Arc<Semaphore>) -> Option<(TcpStream, OwnedSemaphorePermit)> {
    // The semaphore is never closed, so this cannot fail; if it ever did, accepting nothing is
    // the safe answer.
    let permit = slots.clone().acquire_owned().await.ok()?;
    match listener.accept().await {
        Ok((stream, _)) => Some((stream, permit)),
        Err(e) if is_connection_error(&e) => None,
        Err(e) => {
            // Out of file descriptors or memory: retrying at once would spin. Connections in
            // hand keep being served meanwhile and free what is short.
            tracing::warn!("cannot accept connections: {e}; retrying in 1 s");
            tokio::time::sleep(Duration::from_secs(1)).await;
            None
        }
    }
}

/// Errors of one connection that closed before it was accepted, not of the listener.
fn is_connection_error(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(e.kind(), ConnectionRefused | ConnectionAborted | ConnectionReset | Interrupted | WouldBlock)
}

/// Serves one connection until the client closes it, a timeout closes it, or shutdown.
async fn connection(
    stream: TcpStream,
    router: Router,
    served_at: Option<ServedAt>,
    header_read_timeout: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
        if let Some(at) = served_at {
            req.extensions_mut().insert(at);
        }
        router.clone().oneshot(req)
    });
    let mut http = hyper::server::conn::http1::Builder::new();
    // The timer is what makes hyper enforce the header timeout at all.
    http.timer(TokioTimer::new()).header_read_timeout(header_read_timeout);
    let mut conn = pin!(http.serve_connection(TokioIo::new(stream), service));
    let finished = tokio::select! {
        r = conn.as_mut() => Some(r),
        // The watch guard must not live across the await below: it is not Send.
        _ = stop.wait_for(|stop| *stop) => None,
    };
    let result = match finished {
        Some(r) => r,
        None => {
            // A request in hand finishes, then the connection closes; an idle keep-alive
            // connection closes at once; one still sending its headers at its header timeout
            // (hyper does not count a connection idle before its first request).
            conn.as_mut().graceful_shutdown();
            conn.await
        }
    };
    if let Err(e) = result {
        // A client that stalls or goes away is routine, not the server's failure.
        tracing::debug!("connection closed: {e}");
    }
}

/// Bounds the time a request's handler takes. The response says so in the route's language:
/// JSON under `/api` and for `/healthz`, the Arabic error page elsewhere.
async fn request_timeout(State(limit): State<Duration>, req: Request, next: Next) -> Response {
    let api = crate::errors::is_api(req.uri().path());
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => {
            let e = WebError::Timeout(limit);
            security_headers(if api { ApiError(e).into_response() } else { e.into_response() }).await
        }
    }
}
