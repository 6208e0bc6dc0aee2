//! The Atom feed routes (`/feeds/latest`, `/feeds/search`, `/feeds/story/{id}`) and the public
//! address their absolute links are built on.
//!
//! Feeds are cached (`Cache-Control: public`, ETag) by readers and proxies, so their links must
//! never come from the request: a client sending `Host: evil.example` would otherwise get a
//! feed — kept by a shared cache for everyone after it — whose links lead to its own host. Links
//! are built on the configured [`BaseUrl`] (`marsad serve --base-url`), else on the address the
//! connection arrived at (known to the server, not claimed by the client).

use std::str::FromStr;

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use marsad_store::{ArticleSummary, SearchRequest};

use crate::params::{PageId, PageQuery, Params, nonempty};
use crate::serve::ServedAt;
use crate::{App, WebError, atom, blocking, section_name};

/// The reader's public address (scheme, host, optional port and path prefix, no trailing
/// slash), the base of every absolute link in a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

/// Why a `--base-url` was refused.
#[derive(Debug, thiserror::Error)]
pub enum BaseUrlError {
    /// Not a URL at all.
    #[error("cannot read base URL {given:?} ({source}); give it as https://host[:port][/path]")]
    Unreadable {
        /// What was given.
        given: String,
        /// What the URL parser said.
        source: url::ParseError,
    },
    /// A URL, but not the address of a web site.
    #[error(
        "base URL {0:?} must be an http or https address with a host and no query or fragment, such as https://marsad.example.org"
    )]
    NotWeb(String),
}

impl FromStr for BaseUrl {
    type Err = BaseUrlError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let given = s.trim();
        let url =
            url::Url::parse(given).map_err(|source| BaseUrlError::Unreadable { given: given.to_string(), source })?;
        let web = matches!(url.scheme(), "http" | "https")
            && url.host().is_some()
            && url.query().is_none()
            && url.fragment().is_none()
            && url.username().is_empty()
            && url.password().is_none();
        if !web {
            return Err(BaseUrlError::NotWeb(given.to_string()));
        }
        Ok(BaseUrl(url.as_str().trim_end_matches('/').to_string()))
    }
}

impl BaseUrl {
    /// The address, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The base of a feed's links: the configured address, else where this connection arrived, else
/// nothing (links relative to the feed, when the router is served by something other than
/// [`crate::serve_until`]).
fn feed_base(app: &App, served_at: Option<Extension<ServedAt>>) -> String {
    match (&app.base_url, served_at) {
        (Some(base), _) => base.as_str().to_string(),
        (None, Some(Extension(ServedAt(addr)))) => format!("http://{addr}"),
        (None, None) => String::new(),
    }
}

/// A feed with an ETag of its content: a reader polling every few minutes gets a bodiless 304
/// while nothing changed.
fn atom_response(headers: &HeaderMap, xml: String) -> Response {
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
    served_at: Option<Extension<ServedAt>>,
    headers: HeaderMap,
    PageQuery(p): PageQuery,
) -> Result<Response, WebError> {
    let filter = p.filter()?;
    let page = blocking(&app, move |s| s.latest(&filter, 0, atom::FEED_ENTRIES)).await?;
    let base = feed_base(&app, served_at);
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
    served_at: Option<Extension<ServedAt>>,
    headers: HeaderMap,
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
    let base = feed_base(&app, served_at);
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
    served_at: Option<Extension<ServedAt>>,
    headers: HeaderMap,
    PageId(id): PageId,
) -> Result<Response, WebError> {
    let s = blocking(&app, move |st| st.story(id)).await?.ok_or(WebError::NoSuchStory(id))?;
    let mut articles: Vec<ArticleSummary> =
        s.by_outlet.into_iter().flat_map(|o| o.articles).map(|a| a.article).collect();
    articles.sort_by_key(|a| std::cmp::Reverse(atom_order(a)));
    articles.truncate(atom::FEED_ENTRIES);
    let base = feed_base(&app, served_at);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_web_addresses_without_trailing_slash() {
        let b: BaseUrl = "https://marsad.example.org/".parse().unwrap();
        assert_eq!(b.as_str(), "https://marsad.example.org");
        let b: BaseUrl = "http://10.0.0.5:8080/marsad/".parse().unwrap();
        assert_eq!(b.as_str(), "http://10.0.0.5:8080/marsad");
        for bad in [
            "marsad.example.org",
            "javascript:alert(1)",
            "ftp://x.example",
            "https://x.example/?a=1",
            "https://u:p@x.example",
        ] {
            let e = bad.parse::<BaseUrl>().unwrap_err().to_string();
            assert!(e.contains("https://"), "{bad}: {e}");
        }
    }
}
