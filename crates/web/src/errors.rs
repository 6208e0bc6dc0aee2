//! Errors in the language of the route: JSON `{"error": …}` under `/api` (and `/healthz`), the
//! Arabic error page everywhere else — for unknown paths, ids that are not numbers, and the
//! responses axum writes itself (a wrong method, an unreadable path), which would otherwise reach
//! the client as English plain text.

use axum::extract::Request;
use axum::http::{StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::{ApiError, WebError};

/// Whether a path is answered in JSON.
pub(crate) fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/") || path == "/healthz"
}

/// The answer to a path no route serves: 404, as JSON under `/api`, else the Arabic page.
pub(crate) async fn not_found(uri: Uri) -> Response {
    let e = WebError::NoSuchPage(uri.path().to_string());
    if is_api(uri.path()) { ApiError(e).into_response() } else { e.into_response() }
}

/// Rewrites an error response that is not in the route's language (axum's own plain-text
/// rejections, an empty 405) into the JSON error or the Arabic page, keeping its status.
pub(crate) async fn uniform_errors(req: Request, next: Next) -> Response {
    let api = is_api(req.uri().path());
    // Feeds (XML) and /metrics (Prometheus text) answer in their own formats.
    let own_format = req.uri().path().starts_with("/feeds/") || req.uri().path() == "/metrics";
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) || own_format {
        return res;
    }
    let content_type = res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let in_language =
        if api { content_type.starts_with("application/json") } else { content_type.starts_with("text/html") };
    if in_language {
        return res;
    }
    let detail = match axum::body::to_bytes(res.into_body(), 64 * 1024).await {
        Ok(b) if !b.is_empty() => String::from_utf8_lossy(&b).trim().to_string(),
        _ => status.canonical_reason().unwrap_or("error").to_ascii_lowercase(),
    };
    let e = WebError::Other { status, detail };
    if api { ApiError(e).into_response() } else { e.into_response() }
}

/// The Arabic message of the error page for a status axum answered with.
pub(crate) fn arabic_status_message(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "لا توجد صفحة بهذا العنوان.",
        StatusCode::METHOD_NOT_ALLOWED => "هذه الصفحة لا تُطلب إلا بطلب GET.",
        s if s.is_server_error() => "حدث خطأ في الخادم؛ أعد المحاولة بعد قليل.",
        _ => "طلب غير صالح.",
    }
}
