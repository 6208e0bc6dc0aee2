//! Query parameters of pages, feeds and API.

use chrono::{DateTime, Utc};
use marsad_store::Filter;
use serde::Deserialize;

use crate::WebError;

/// Results per page in the reader.
pub(crate) const PAGE_SIZE: usize = 20;
/// Largest `limit` the API accepts.
pub(crate) const MAX_API_LIMIT: usize = 200;

/// Query parameters shared by pages and API.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct Params {
    pub q: Option<String>,
    pub source: Option<String>,
    pub section: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub page: Option<usize>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
    pub trending: Option<u32>,
    /// `newest` or `relevance` (the default) for searches.
    pub sort: Option<String>,
}

pub(crate) fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn parse_date(raw: &str, end_of_day: bool) -> Result<DateTime<Utc>, WebError> {
    let d = marsad_extract::dates::parse_day(raw)
        .ok_or_else(|| WebError::BadRequest(format!("cannot read date {raw:?}; use YYYY-MM-DD")))?;
    Ok(if end_of_day && raw.trim().len() <= 10 { d + chrono::Duration::days(1) } else { d })
}

impl Params {
    pub fn filter(&self) -> Result<Filter, WebError> {
        Ok(Filter {
            outlet: nonempty(&self.source),
            section: nonempty(&self.section),
            since: nonempty(&self.since).map(|s| parse_date(&s, false)).transpose()?,
            until: nonempty(&self.until).map(|s| parse_date(&s, true)).transpose()?,
        })
    }

    pub fn query(&self) -> String {
        nonempty(&self.q).unwrap_or_default()
    }

    pub fn page(&self) -> usize {
        self.page.unwrap_or(1).max(1)
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

    pub fn api_window(&self) -> (usize, usize) {
        (self.offset.unwrap_or(0), self.limit.unwrap_or(20).clamp(1, MAX_API_LIMIT))
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

/// Links to the previous and next pages of a listing of `total` results.
pub(crate) fn pager(p: &Params, path: &str, total: usize) -> (Option<String>, Option<String>) {
    let page = p.page();
    let prev = (page > 1).then(|| p.page_url(path, page - 1));
    let next = (page * PAGE_SIZE < total).then(|| p.page_url(path, page + 1));
    (prev, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_keep_filters_and_encode() {
        let p =
            Params { q: Some("كيم & بوتين".into()), source: Some("bbc-arabic".into()), ..Default::default() };
        assert_eq!(
            p.page_url("/search", 2),
            "/search?q=%D9%83%D9%8A%D9%85+%26+%D8%A8%D9%88%D8%AA%D9%8A%D9%86&source=bbc-arabic&page=2"
        );
    }
}
