//! The Atom feed routes (`/feeds/latest`, `/feeds/search`, `/feeds/story/{id}`).

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use marsad_store::{ArticleSummary, SearchRequest};

use crate::params::{PageQuery, Params, nonempty};
use crate::{App, WebError, atom, blocking, section_name};

/// This server's address as the client reached it, for the absolute URLs a feed needs. The Host
/// header is the client's word: anything but a plain host[:port] is replaced.
fn base_url(headers: &axum::http::HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)))
        .unwrap_or("localhost");
    let https = headers.get("x-forwarded-proto").and_then(|h| h.to_str().ok()).is_some_and(|p| p == "https");
    format!("{}://{host}", if https { "https" } else { "http" })
}

/// A feed with an ETag of its content: a reader polling every few minutes gets a bodiless 304
/// while nothing changed.
fn atom_response(headers: &axum::http::HeaderMap, xml: String) -> Response {
    let etag = format!("\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(xml.as_bytes()));
    let cache = [(header::ETAG, etag.clone()), (header::CACHE_CONTROL, "public, max-age=60".to_string())];
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim().trim_start_matches("W/") == etag || t.trim() == "*"));
    if unchanged {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    (cache, [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], xml).into_response()
}

/// `/feeds/latest`: the newest articles, with the reader's filters. A feed has no pages: paging
/// parameters are ignored.
pub(crate) async fn latest(
    State(app): State<App>,
    headers: axum::http::HeaderMap,
    PageQuery(p): PageQuery,
) -> Result<Response, WebError> {
    let filter = p.filter()?;
    let page = blocking(&app, move |s| s.latest(&filter, 0, atom::FEED_ENTRIES)).await?;
    let base = base_url(&headers);
    let scope = [nonempty(&p.source), nonempty(&p.section).map(|s| section_name(&s))];
    let scope: Vec<String> = scope.into_iter().flatten().collect();
    Ok(atom_response(
        &headers,
        atom::render(&atom::Feed {
            title: if scope.is_empty() {
                "مرصد — آخر الأخبار".into()
            } else {
                format!("مرصد — آخر الأخبار: {}", scope.join("، "))
            },
            self_url: format!("{base}{}", p.with_filters("/feeds/latest")),
            page_url: format!("{base}{}", p.with_filters("/latest")),
            base: &base,
            articles: &page.items,
        }),
    ))
}

/// `/feeds/search?q=…`: the newest matches of a query.
pub(crate) async fn search(
    State(app): State<App>,
    headers: axum::http::HeaderMap,
    PageQuery(p): PageQuery,
) -> Result<Response, WebError> {
    let query = p.query();
    if query.is_empty() {
        return Err(WebError::BadRequest("a search feed needs q=…".into()));
    }
    // A feed is read by date: the newest matches, whatever order the page was in.
    let p = Params { sort: None, page: None, ..p };
    let req = SearchRequest {
        query: query.clone(),
        filter: p.filter()?,
        offset: 0,
        limit: atom::FEED_ENTRIES,
        any_term: false,
        newest_first: true,
    };
    let results = blocking(&app, move |s| s.search(&req)).await?;
    let articles: Vec<ArticleSummary> = results.hits.into_iter().map(|h| h.article).collect();
    let base = base_url(&headers);
    Ok(atom_response(
        &headers,
        atom::render(&atom::Feed {
            title: format!("مرصد — بحث: {query}"),
            self_url: format!("{base}{}", p.with_filters("/feeds/search")),
            page_url: format!("{base}{}", Params { sort: Some("newest".into()), ..p.clone() }.with_filters("/search")),
            base: &base,
            articles: &articles,
        }),
    ))
}

/// `/feeds/story/{id}`: a story's coverage, newest first.
pub(crate) async fn story(
    State(app): State<App>,
    headers: axum::http::HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let s = blocking(&app, move |st| st.story(id)).await?.ok_or(WebError::NotFound(id))?;
    let mut articles: Vec<ArticleSummary> =
        s.by_outlet.into_iter().flat_map(|o| o.articles).map(|a| a.article).collect();
    articles.sort_by_key(|a| std::cmp::Reverse(atom_order(a)));
    articles.truncate(atom::FEED_ENTRIES);
    let base = base_url(&headers);
    Ok(atom_response(
        &headers,
        atom::render(&atom::Feed {
            title: format!("مرصد — قصة: {}", s.card.title),
            self_url: format!("{base}/feeds/story/{id}"),
            page_url: format!("{base}/story/{id}"),
            base: &base,
            articles: &articles,
        }),
    ))
}

/// Newest first by the time a feed shows for an entry, then id.
fn atom_order(a: &ArticleSummary) -> (DateTime<Utc>, i64) {
    (atom::entry_time(a), a.id)
}
