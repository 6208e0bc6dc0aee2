//! The JSON API (`/api/…`), `/healthz` and `/metrics`. Errors are `{"error": …}` with the
//! status that fits.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use marsad_store::{SearchRequest, StoryFilter};

use crate::params::{ApiId, ApiQuery, nonempty};
use crate::{ApiError, App, WebError, blocking};

/// `/api/search?q=…`: ranked (or newest-first) hits with marked snippets.
pub(crate) async fn search(State(app): State<App>, ApiQuery(p): ApiQuery) -> Result<Response, ApiError> {
    let query = p.query();
    if query.is_empty() {
        return Err(ApiError(WebError::BadRequest("parameter q is required".into())));
    }
    let w = p.api_window().map_err(ApiError)?;
    let req = SearchRequest {
        query,
        filter: p.filter().map_err(ApiError)?,
        offset: w.offset,
        limit: w.limit,
        any_term: false,
        newest_first: p.newest_first().map_err(ApiError)?,
    };
    crate::check_search(&app, &req).await.map_err(ApiError)?;
    let results = blocking(&app, move |s| s.search(&req)).await.map_err(ApiError)?;
    Ok(Json(results).into_response())
}

/// `/api/articles`: the newest articles, filtered and paged.
pub(crate) async fn articles(State(app): State<App>, ApiQuery(p): ApiQuery) -> Result<Response, ApiError> {
    let filter = p.filter().map_err(ApiError)?;
    let w = p.api_window().map_err(ApiError)?;
    let page = blocking(&app, move |s| s.latest(&filter, w.offset, w.limit)).await.map_err(ApiError)?;
    Ok(Json(page).into_response())
}

/// `/api/articles/{id}`: one article, whole.
pub(crate) async fn article(State(app): State<App>, ApiId(id): ApiId) -> Result<Response, ApiError> {
    match blocking(&app, move |s| s.get(id)).await.map_err(ApiError)? {
        Some(a) => Ok(Json(a).into_response()),
        None => Err(ApiError(WebError::NotFound(id))),
    }
}

/// `/api/stories`: stories by coverage, or trending over `trending` hours.
pub(crate) async fn stories(State(app): State<App>, ApiQuery(p): ApiQuery) -> Result<Response, ApiError> {
    let section = nonempty(&p.section);
    if let Some(hours) = p.trending().map_err(ApiError)? {
        // Trending is one ranked list from the top: only its length is the client's to choose.
        let limit = p.limit().map_err(ApiError)?;
        let cards =
            blocking(&app, move |s| s.trending(hours, section.as_deref(), None, limit)).await.map_err(ApiError)?;
        return Ok(Json(serde_json::json!({ "total": cards.len(), "offset": 0, "items": cards })).into_response());
    }
    let w = p.api_window().map_err(ApiError)?;
    let filter = p.filter().map_err(ApiError)?;
    let sf = StoryFilter { since: filter.since, until: filter.until, section, thread: None, entity: filter.entity };
    let page = blocking(&app, move |s| s.stories(&sf, w.offset, w.limit)).await.map_err(ApiError)?;
    Ok(Json(page).into_response())
}

/// `/api/stories/{id}`: one story with its coverage, copies and thread.
pub(crate) async fn story(State(app): State<App>, ApiId(id): ApiId) -> Result<Response, ApiError> {
    match blocking(&app, move |s| s.story(id)).await.map_err(ApiError)? {
        Some(st) => Ok(Json(st).into_response()),
        None => Err(ApiError(WebError::NoSuchStory(id))),
    }
}

/// `/api/entities?q=…`: entities whose spellings contain the query's words (each with `id`,
/// `name`, `kind`, `names`, `articles`, `mentions`); without `q`, the most mentioned.
pub(crate) async fn entities(State(app): State<App>, ApiQuery(p): ApiQuery) -> Result<Response, ApiError> {
    let limit = p.limit().map_err(ApiError)?;
    let query = p.query();
    let items =
        blocking(
            &app,
            move |s| if query.is_empty() { s.top_entities(None, limit) } else { s.search_entities(&query, limit) },
        )
        .await
        .map_err(ApiError)?;
    Ok(Json(serde_json::json!({ "total": items.len(), "items": items })).into_response())
}

/// `/api/entities/{id}`: one entity: spellings, roles, mentions per day, outlets, stories,
/// related entities, latest articles and quotations.
pub(crate) async fn entity(State(app): State<App>, ApiId(id): ApiId) -> Result<Response, ApiError> {
    match blocking(&app, move |s| s.entity(id)).await.map_err(ApiError)? {
        Some(e) => Ok(Json(e).into_response()),
        None => Err(ApiError(WebError::NoSuchEntity(id))),
    }
}

/// `/api/entities/{id}/quotes`: what the entity was quoted saying, latest first.
pub(crate) async fn entity_quotes(
    State(app): State<App>,
    ApiId(id): ApiId,
    ApiQuery(p): ApiQuery,
) -> Result<Response, ApiError> {
    let limit = p.limit().map_err(ApiError)?;
    let Some(detail) = blocking(&app, move |s| s.entity(id)).await.map_err(ApiError)? else {
        return Err(ApiError(WebError::NoSuchEntity(id)));
    };
    let target = detail.entity.id;
    let quotes = blocking(&app, move |s| s.entity_quotes(target, limit)).await.map_err(ApiError)?;
    Ok(Json(serde_json::json!({ "entity": target, "items": quotes })).into_response())
}

/// `/api/articles/{id}/related`: articles related to one.
pub(crate) async fn related(
    State(app): State<App>,
    ApiId(id): ApiId,
    ApiQuery(p): ApiQuery,
) -> Result<Response, ApiError> {
    let limit = p.limit().map_err(ApiError)?;
    let exists = blocking(&app, move |s| s.get(id)).await.map_err(ApiError)?.is_some();
    if !exists {
        return Err(ApiError(WebError::NotFound(id)));
    }
    let related = blocking(&app, move |s| s.related(id, limit)).await.map_err(ApiError)?;
    Ok(Json(serde_json::json!({ "article": id, "items": related })).into_response())
}

/// `/metrics`: the crawl's counters, when one runs in this process.
pub(crate) async fn metrics_text(State(app): State<App>) -> Response {
    match &app.metrics {
        Some(render) => {
            ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], render()).into_response()
        }
        None => (StatusCode::NOT_FOUND, "no crawl runs in this process: metrics are served by `marsad run --serve`\n")
            .into_response(),
    }
}

/// `/healthz`: article count and index lag.
pub(crate) async fn healthz(State(app): State<App>) -> Result<Response, ApiError> {
    let (articles, lag) = blocking(&app, |s| Ok((s.count()?, s.index_lag()?))).await.map_err(ApiError)?;
    Ok(Json(serde_json::json!({ "status": "ok", "articles": articles, "index_lag": lag })).into_response())
}
