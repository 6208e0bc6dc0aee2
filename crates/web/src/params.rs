//! Query parameters of pages, feeds and API, and their bounds.
//!
//! Numbers (`page`, `offset`, `limit`, `trending`) arrive as text and are read here rather than
//! by serde, so that a bad one — negative, not a number, past `u64`, past the deepest result the
//! store serves — is a 400 saying what is accepted, never axum's default rejection text, an
//! arithmetic overflow or a request the store has to refuse.

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use chrono::{DateTime, Utc};
use marsad_store::{Filter, MAX_RESULT_WINDOW};
use serde::Deserialize;

use crate::{ApiError, WebError};

/// Results per page in the reader.
pub(crate) const PAGE_SIZE: usize = 20;
/// The last page the reader serves: its results end at the store's window.
pub(crate) const MAX_PAGE: usize = MAX_RESULT_WINDOW / PAGE_SIZE;
/// Largest `limit` the API accepts.
pub(crate) const MAX_API_LIMIT: usize = 200;
/// Results the API returns when no `limit` is given.
const DEFAULT_API_LIMIT: usize = 20;
/// Longest `trending` window, hours: a year.
const MAX_TRENDING_HOURS: u32 = 24 * 365;

/// Query parameters shared by pages, feeds and API. Each route reads the ones it uses; the others
/// are ignored (a feed has no pages, related articles no offset).
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct Params {
    pub q: Option<String>,
    pub source: Option<String>,
    pub section: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// An entity id: only articles (or stories) that mention it.
    pub entity: Option<String>,
    /// Reader page, 1 to [`MAX_PAGE`] (read by [`Params::page`]).
    pub page: Option<String>,
    /// API page size, 1 to [`MAX_API_LIMIT`] (read by [`Params::api_window`]).
    pub limit: Option<String>,
    /// API results to skip (read by [`Params::api_window`]).
    pub offset: Option<String>,
    /// Trending window in hours (read by [`Params::trending`]).
    pub trending: Option<String>,
    /// `newest` or `relevance` (the default) for searches.
    pub sort: Option<String>,
}

/// The query string of a reader page or feed; a query string that cannot be read is the Arabic
/// error page.
pub(crate) struct PageQuery(pub Params);

/// The query string of an API call; a query string that cannot be read is a JSON error.
pub(crate) struct ApiQuery(pub Params);

/// Reads the query string. With every field a string, what can still fail is a parameter given
/// twice; axum's own text for it names serde, not the fix.
fn read_query(parts: &Parts) -> Result<Params, WebError> {
    Query::<Params>::try_from_uri(&parts.uri).map(|Query(p)| p).map_err(|e| {
        let detail = std::error::Error::source(&e).map_or_else(|| e.body_text(), |s| s.to_string());
        WebError::BadRequest(format!(
            "cannot read the query string ({detail}); give each parameter once, as name=value"
        ))
    })
}

/// A numeric id in the path of a reader page (`/article/{id}`, `/story/{id}`): one that is not a
/// number names no page, so it is the Arabic 404 page rather than axum's plain-text 400.
pub(crate) struct PageId(pub i64);

/// A numeric id in the path of an API call: one that is not a number is a JSON 404.
pub(crate) struct ApiId(pub i64);

/// The route's one path parameter as an id, or the error for a path that names nothing.
async fn read_id<S: Send + Sync>(parts: &mut Parts, state: &S) -> Result<i64, WebError> {
    let raw = Path::<String>::from_request_parts(parts, state).await.ok();
    raw.and_then(|Path(s)| s.parse::<i64>().ok()).ok_or_else(|| WebError::NoSuchPage(parts.uri.path().to_string()))
}

impl<S: Send + Sync> FromRequestParts<S> for PageId {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        read_id(parts, state).await.map(PageId)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ApiId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        read_id(parts, state).await.map(ApiId).map_err(ApiError)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PageQuery {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        read_query(parts).map(PageQuery)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ApiQuery {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        read_query(parts).map(ApiQuery).map_err(ApiError)
    }
}

/// The trimmed value, if any.
pub(crate) fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn parse_date(raw: &str, end_of_day: bool) -> Result<DateTime<Utc>, WebError> {
    let d = marsad_extract::dates::parse_day(raw)
        .ok_or_else(|| WebError::BadRequest(format!("cannot read date {raw:?}; use YYYY-MM-DD")))?;
    Ok(if end_of_day && raw.trim().len() <= 10 { d + chrono::Duration::days(1) } else { d })
}

/// Reads a whole number between `min` and `max` (both included); `why` explains the bound in the
/// error. Anything else — a sign, a fraction, more digits than `u64` holds — is the same 400.
fn number(name: &str, raw: &str, min: usize, max: usize, why: &str) -> Result<usize, WebError> {
    raw.trim().parse::<u64>().ok().and_then(|n| usize::try_from(n).ok()).filter(|n| (min..=max).contains(n)).ok_or_else(
        || WebError::BadRequest(format!("{name} must be a whole number from {min} to {max}{why}, not {raw:?}")),
    )
}

/// A slice of results: how many to skip and how many to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    pub offset: usize,
    pub limit: usize,
}

impl Params {
    /// Outlet, section and date restrictions.
    pub fn filter(&self) -> Result<Filter, WebError> {
        Ok(Filter {
            outlet: nonempty(&self.source),
            section: nonempty(&self.section),
            since: nonempty(&self.since).map(|s| parse_date(&s, false)).transpose()?,
            until: nonempty(&self.until).map(|s| parse_date(&s, true)).transpose()?,
            entity: nonempty(&self.entity)
                .map(|e| {
                    e.parse::<i64>()
                        .map_err(|_| WebError::BadRequest(format!("entity must be an id (a whole number), not {e:?}")))
                })
                .transpose()?,
        })
    }

    /// The search query, trimmed (empty when none).
    pub fn query(&self) -> String {
        nonempty(&self.q).unwrap_or_default()
    }

    /// The reader page asked for, 1 when none.
    pub fn page(&self) -> Result<usize, WebError> {
        let why = format!(
            " (marsad lists the first {MAX_RESULT_WINDOW} results, {PAGE_SIZE} a page; narrow the listing with filters to reach older ones)"
        );
        nonempty(&self.page).map_or(Ok(1), |raw| number("page", &raw, 1, MAX_PAGE, &why))
    }

    /// The reader page's slice of results.
    pub fn page_window(&self) -> Result<Window, WebError> {
        // page ≤ MAX_PAGE, so this stays within the store's window and cannot overflow.
        Ok(Window { offset: (self.page()? - 1) * PAGE_SIZE, limit: PAGE_SIZE })
    }

    /// The API's `limit`, 20 when none.
    pub fn limit(&self) -> Result<usize, WebError> {
        nonempty(&self.limit).map_or(Ok(DEFAULT_API_LIMIT), |raw| number("limit", &raw, 1, MAX_API_LIMIT, ""))
    }

    /// The API's `offset` and `limit`, together at most [`MAX_RESULT_WINDOW`].
    pub fn api_window(&self) -> Result<Window, WebError> {
        let limit = self.limit()?;
        let why = format!(
            " (offset + limit may not pass {MAX_RESULT_WINDOW}, the deepest result marsad serves; narrow the query with filters instead)"
        );
        let offset =
            nonempty(&self.offset).map_or(Ok(0), |raw| number("offset", &raw, 0, MAX_RESULT_WINDOW - limit, &why))?;
        Ok(Window { offset, limit })
    }

    /// The trending window in hours, if trending was asked for.
    pub fn trending(&self) -> Result<Option<u32>, WebError> {
        let max = MAX_TRENDING_HOURS as usize;
        nonempty(&self.trending).map(|raw| number("trending", &raw, 1, max, " (hours)").map(|h| h as u32)).transpose()
    }

    /// True for `sort=newest`; an unknown order is an error rather than silently ignored.
    pub fn newest_first(&self) -> Result<bool, WebError> {
        match nonempty(&self.sort).as_deref() {
            None | Some("relevance") => Ok(false),
            Some("newest") => Ok(true),
            Some(other) => Err(WebError::BadRequest(format!("unknown sort {other:?}; use newest or relevance"))),
        }
    }

    /// The filters (and query and sort) of this request as a query string, without paging.
    fn query_string(&self) -> String {
        let mut ser = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", &self.q),
            ("source", &self.source),
            ("section", &self.section),
            ("since", &self.since),
            ("until", &self.until),
            ("sort", &self.sort),
        ] {
            if let Some(v) = nonempty(v) {
                ser.append_pair(k, &v);
            }
        }
        ser.finish()
    }

    /// This request's URL with another page number.
    pub fn page_url(&self, path: &str, page: usize) -> String {
        let mut qs = self.query_string();
        if page > 1 {
            if !qs.is_empty() {
                qs.push('&');
            }
            qs.push_str(&format!("page={page}"));
        }
        if qs.is_empty() { path.to_string() } else { format!("{path}?{qs}") }
    }

    /// `path` with this request's filters.
    pub fn with_filters(&self, path: &str) -> String {
        self.page_url(path, 1)
    }
}

/// Links to the previous and next pages of a listing of `total` results; never past the last page
/// the reader serves.
pub(crate) fn pager(p: &Params, path: &str, page: usize, total: usize) -> (Option<String>, Option<String>) {
    let prev = (page > 1).then(|| p.page_url(path, page - 1));
    let next = (page < MAX_PAGE && page * PAGE_SIZE < total).then(|| p.page_url(path, page + 1));
    (prev, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(f: impl FnOnce(&mut Params)) -> Params {
        let mut p = Params::default();
        f(&mut p);
        p
    }

    #[test]
    fn page_urls_keep_filters_and_encode() {
        let p =
            Params { q: Some("كيم & بوتين".into()), source: Some("bbc-arabic".into()), ..Default::default() };
        assert_eq!(
            p.page_url("/search", 2),
            "/search?q=%D9%83%D9%8A%D9%85+%26+%D8%A8%D9%88%D8%AA%D9%8A%D9%86&source=bbc-arabic&page=2"
        );
    }

    #[test]
    fn pages_past_the_window_negative_or_not_numbers_are_bad_requests_that_state_the_limit() {
        assert_eq!(Params::default().page_window().unwrap(), Window { offset: 0, limit: PAGE_SIZE });
        let last = with(|p| p.page = Some(MAX_PAGE.to_string())).page_window().unwrap();
        assert_eq!(last.offset + last.limit, MAX_RESULT_WINDOW);
        for bad in ["0", "-1", "abc", "1.5", "501", "99999999999", "9223372036854775807", "99999999999999999999999"] {
            let e = with(|p| p.page = Some(bad.into())).page_window().unwrap_err();
            assert!(matches!(e, WebError::BadRequest(_)), "{bad}");
            assert!(e.to_string().contains("from 1 to 500") && e.to_string().contains("10000"), "{e}");
        }
    }

    #[test]
    fn api_offset_and_limit_stay_inside_the_window() {
        let w = |offset: &str, limit: &str| {
            with(|p| {
                p.offset = Some(offset.into());
                p.limit = Some(limit.into());
            })
            .api_window()
        };
        assert_eq!(Params::default().api_window().unwrap(), Window { offset: 0, limit: 20 });
        assert_eq!(w("9800", "200").unwrap(), Window { offset: 9800, limit: 200 });
        for (offset, limit) in [("9801", "200"), ("4000000000", "20"), ("-1", "20"), ("0", "0"), ("0", "201")] {
            let e = w(offset, limit).unwrap_err();
            assert!(matches!(e, WebError::BadRequest(_)), "{offset} {limit}");
        }
        assert!(w("4000000000", "20").unwrap_err().to_string().contains("offset + limit may not pass 10000"));
        assert!(w("0", "201").unwrap_err().to_string().contains("limit must be a whole number from 1 to 200"));
    }

    #[test]
    fn next_page_is_never_offered_past_the_window() {
        let p = Params::default();
        assert!(pager(&p, "/latest", MAX_PAGE - 1, 1_000_000).1.is_some());
        assert_eq!(pager(&p, "/latest", MAX_PAGE, 1_000_000).1, None);
    }
}
