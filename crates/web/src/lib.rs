//! marsad's reader and JSON API: server-rendered pages (askama, right-to-left Arabic, escaped
//! throughout) and `/api` endpoints over the store.
//!
//! Routes: `/` top stories, `/stories`, `/story/{id}`, `/latest`, `/search`, `/article/{id}`,
//! Atom feeds (`/feeds/latest`, `/feeds/search`, `/feeds/story/{id}`), `/api/search`,
//! `/api/articles`, `/api/articles/{id}`, `/api/articles/{id}/related`, `/api/stories`,
//! `/api/stories/{id}`, `/healthz`, `/metrics` (with a crawl), `/static/marsad.css`.

mod api;
pub mod arabic_count;
mod article;
pub mod atom;
mod entities;
mod errors;
mod feeds;
mod params;
mod serve;
mod stories;
mod when;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use marsad_extract::sections;
use marsad_store::{ArticleSummary, Highlighted, SearchRequest, Store, StoreError};

pub use feeds::{BaseUrl, BaseUrlError};
use params::{PageQuery, Params, nonempty, pager};
pub use serve::{ServeOptions, serve, serve_until};
pub use when::{DisplayZone, ZoneError};

use arabic_count::{ARTICLES, MILLISECONDS, RESULTS, count};
use when::{When, ZoneNote};

/// How long outlet and section counts are reused.
const FACET_TTL: Duration = Duration::from_secs(30);

/// Errors a request can end in.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// The request is malformed.
    #[error("{0}")]
    BadRequest(String),
    /// No such article.
    #[error("no article with id {0}")]
    NotFound(i64),
    /// No such story.
    #[error("no story with id {0}")]
    NoSuchStory(i64),
    /// No such entity.
    #[error("no entity with id {0}")]
    NoSuchEntity(i64),
    /// No route serves this path, or its id is not a number.
    #[error(
        "nothing is served at {0}; the API is /api/search, /api/articles, /api/stories, /api/entities (ids are whole numbers)"
    )]
    NoSuchPage(String),
    /// An error axum answered itself (a wrong method, say), carried over into the route's language.
    #[error("{detail}")]
    Other {
        /// The status axum chose.
        status: StatusCode,
        /// What it said.
        detail: String,
    },
    /// The store failed.
    #[error("store error: {0}")]
    Store(StoreError),
    /// A search that cannot find anything, and why ([`Store::check_search`]): nothing stored
    /// yet, only stop words, an unknown outlet or section.
    #[error("{0}")]
    Search(StoreError),
    /// A blocking task died.
    #[error("internal error: {0}")]
    Internal(String),
    /// The request took longer than the server allows.
    #[error("the request took longer than {0:?}; try again, or narrow the query")]
    Timeout(Duration),
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        match e {
            // The client asked for too deep a page: its request is wrong, not the server.
            e @ StoreError::ResultWindow { .. } => WebError::BadRequest(e.to_string()),
            e => WebError::Store(e),
        }
    }
}

impl WebError {
    fn status(&self) -> StatusCode {
        match self {
            WebError::BadRequest(_) | WebError::Search(_) => StatusCode::BAD_REQUEST,
            WebError::NotFound(_) | WebError::NoSuchStory(_) | WebError::NoSuchEntity(_) | WebError::NoSuchPage(_) => {
                StatusCode::NOT_FOUND
            }
            WebError::Other { status, .. } => *status,
            WebError::Timeout(_) => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// JSON errors for the API.
pub(crate) struct ApiError(WebError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0.status(), Json(serde_json::json!({ "error": self.0.to_string() }))).into_response()
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = match &self {
            WebError::NotFound(_) => "لا يوجد مقال بهذا المعرّف.".to_string(),
            WebError::NoSuchStory(_) => "لا توجد قصة بهذا المعرّف.".to_string(),
            WebError::NoSuchEntity(_) => "لا يوجد كيان بهذا المعرّف.".to_string(),
            WebError::NoSuchPage(_) => "لا توجد صفحة بهذا العنوان.".to_string(),
            WebError::Other { status, .. } => errors::arabic_status_message(*status).to_string(),
            WebError::BadRequest(m) => format!("طلب غير صالح: {m}"),
            WebError::Timeout(_) => format!("استغرق الطلب وقتاً أطول من المسموح: {self}"),
            WebError::Search(e) => search_problem(e),
            e => format!("حدث خطأ في الخادم: {e}"),
        };
        let page = ErrorPage { query: String::new(), zone_note: None, status: status.as_u16(), message };
        (status, render(&page)).into_response()
    }
}

type Facets = (Vec<(String, String, u64)>, Vec<(String, u64)>);

struct AppState {
    store: Arc<Store>,
    facets: Mutex<Option<(Instant, Arc<Facets>)>>,
    metrics: Option<MetricsFn>,
    base_url: Option<BaseUrl>,
    zone: DisplayZone,
}

/// Renders the Prometheus text served at `/metrics` (by `marsad run --serve`).
pub type MetricsFn = Arc<dyn Fn() -> String + Send + Sync>;

/// What the router serves beyond the store.
#[derive(Clone, Default)]
pub struct RouterOptions {
    /// The reader's public address, for the absolute links in feeds (`--base-url`); without it,
    /// the address each connection arrived at.
    pub base_url: Option<BaseUrl>,
    /// `/metrics`, when a crawl runs in the same process.
    pub metrics: Option<MetricsFn>,
    /// The time zone pages show times in (`--tz`), UTC by default.
    pub zone: DisplayZone,
}

type App = Arc<AppState>;

/// Builds the router over a store, with default options.
pub fn router(store: impl Into<Arc<Store>>) -> Router {
    router_with(store, RouterOptions::default())
}

/// Builds the router over a store.
pub fn router_with(store: impl Into<Arc<Store>>, options: RouterOptions) -> Router {
    let RouterOptions { base_url, metrics, zone } = options;
    let state: App = Arc::new(AppState { store: store.into(), facets: Mutex::new(None), metrics, base_url, zone });
    Router::new()
        .route("/", get(stories::top_stories))
        .route("/stories", get(stories::all_stories))
        .route("/story/{id}", get(stories::story_page))
        .route("/latest", get(home))
        .route("/search", get(search_page))
        .route("/article/{id}", get(article::article_page))
        .route("/entity/{id}", get(entities::entity_page))
        .route("/api/search", get(api::search))
        .route("/api/articles", get(api::articles))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/articles/{id}/related", get(api::related))
        .route("/api/stories", get(api::stories))
        .route("/api/stories/{id}", get(api::story))
        .route("/api/entities", get(api::entities))
        .route("/api/entities/{id}", get(api::entity))
        .route("/api/entities/{id}/quotes", get(api::entity_quotes))
        .route("/feeds/latest", get(feeds::latest))
        .route("/feeds/search", get(feeds::search))
        .route("/feeds/story/{id}", get(feeds::story))
        .route("/healthz", get(api::healthz))
        .route("/metrics", get(api::metrics_text))
        .route("/static/marsad.css", get(css))
        .fallback(errors::not_found)
        .layer(axum::middleware::from_fn(errors::uniform_errors))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

pub(crate) async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // frame-ancestors: no other site may frame the reader (clickjacking); X-Frame-Options says
    // the same to browsers that predate it.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    res
}

async fn blocking<T: Send + 'static>(
    app: &App,
    f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, WebError> {
    let app = app.clone();
    tokio::task::spawn_blocking(move || f(&app.store))
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?
        .map_err(Into::into)
}

fn render(t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("template error: {e}")).into_response(),
    }
}

async fn css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../static/marsad.css"),
    )
}

/// Arabic names of the canonical sections, for display.
fn section_name(id: &str) -> String {
    match id {
        "world" => "العالم",
        "middle-east" => "الشرق الأوسط",
        "politics" => "سياسة",
        "economy" => "اقتصاد",
        "sport" => "رياضة",
        "culture" => "ثقافة وفن",
        "celebrities" => "نجوم",
        "health" => "صحة",
        "technology" => "تكنولوجيا",
        "science" => "علوم",
        "society" => "مجتمع",
        "opinion" => "رأي",
        other => other,
    }
    .to_string()
}

/// Why a search cannot find anything, for the reader (the API says it in English).
fn search_problem(e: &StoreError) -> String {
    match e {
        StoreError::Empty(_) => "لم تُضَف أي مقالات إلى المرصد بعد؛ أضفها بالأمر marsad ingest، \
             أو تابع مصادر الأخبار بالأمرين marsad feeds add و marsad run."
            .into(),
        StoreError::OnlyStopWords(q) => {
            format!("كل كلمات البحث «{q}» كلمات شائعة لا يُبحث عنها؛ أضف كلمة أدقّ.")
        }
        StoreError::UnknownOutlet { given, known } => {
            format!("مصدر غير معروف «{given}»؛ المصادر المعروفة: {}.", known.join("، "))
        }
        StoreError::UnknownSection { given, known } => format!(
            "قسم غير معروف «{given}»؛ الأقسام المعروفة: {}.",
            known.iter().map(|s| section_name(s)).collect::<Vec<_>>().join("، ")
        ),
        e => format!("حدث خطأ في الخادم: {e}"),
    }
}

/// Runs [`Store::check_search`]: a search that can find nothing says why instead of "0 results".
async fn check_search(app: &App, req: &SearchRequest) -> Result<(), WebError> {
    let req = req.clone();
    match blocking(app, move |s| s.check_search(&req)).await {
        Err(WebError::Store(
            e @ (StoreError::Empty(_)
            | StoreError::OnlyStopWords(_)
            | StoreError::UnknownOutlet { .. }
            | StoreError::UnknownSection { .. }),
        )) => Err(WebError::Search(e)),
        other => other,
    }
}

struct OptionView {
    id: String,
    name: String,
    count: u64,
    selected: bool,
}

struct ItemView {
    id: i64,
    title: Vec<(String, bool)>,
    snippet: Vec<(String, bool)>,
    outlet: String,
    /// The publication time, or «بلا تاريخ».
    date: When,
    section: Option<String>,
    /// For an undated article: why it has no date (never its ingest time).
    undated: Option<&'static str>,
    /// Outlets that republished the article, folded into this search hit.
    also_in: Vec<String>,
}

fn fragments(h: &Highlighted) -> Vec<(String, bool)> {
    h.fragments().into_iter().map(|(t, m)| (t.to_string(), m)).collect()
}

fn item_view(app: &App, a: &ArticleSummary, title: Vec<(String, bool)>, snippet: Vec<(String, bool)>) -> ItemView {
    ItemView {
        id: a.id,
        title,
        snippet,
        outlet: a.outlet_name_ar.clone().or_else(|| a.outlet_name.clone()).unwrap_or_else(|| "مصدر غير معروف".into()),
        // A day stated without a time is a known date, shown as the day.
        date: app.zone.when_known(a.published, a.published_date),
        section: a.section.as_deref().map(section_name).or_else(|| a.section_label.clone()),
        undated: a.undated_reason.map(marsad_store::Undated::label_ar),
        also_in: Vec::new(),
    }
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPage {
    query: String,
    zone_note: Option<ZoneNote>,
    action: &'static str,
    outlets: Vec<OptionView>,
    sections: Vec<OptionView>,
    /// Counts and words only (built from [`arabic_count`]), never scraped text.
    summary: Trusted,
    items: Vec<ItemView>,
    prev: Option<String>,
    next: Option<String>,
    /// The Atom feed of this listing (announced in the head and linked on the page).
    feed: String,
    /// For searches: (label, URL, current) of each result order.
    sorts: Vec<(&'static str, String, bool)>,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    query: String,
    zone_note: Option<ZoneNote>,
    status: u16,
    message: String,
}

async fn facets(app: &App) -> Result<Arc<Facets>, WebError> {
    let cached = app
        .facets
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .filter(|(at, _)| at.elapsed() < FACET_TTL)
        .map(|(_, f)| f.clone());
    if let Some(f) = cached {
        return Ok(f);
    }
    let f = Arc::new(blocking(app, |s| Ok((s.outlets()?, s.sections()?))).await?);
    *app.facets.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), f.clone()));
    Ok(f)
}

fn filter_options(f: &Facets, p: &Params) -> (Vec<OptionView>, Vec<OptionView>) {
    let source = nonempty(&p.source).map(|s| marsad_store::resolve_outlet(&s));
    let section = nonempty(&p.section);
    let outlets =
        f.0.iter()
            .map(|(id, name, count)| OptionView {
                id: id.clone(),
                name: name.clone(),
                count: *count,
                selected: source.as_deref() == Some(id),
            })
            .collect();
    let sections =
        f.1.iter()
            .map(|(id, count)| OptionView {
                id: id.clone(),
                name: section_name(id),
                count: *count,
                selected: section.as_deref().and_then(|s| sections::canonical(s).or(Some(s))) == Some(id.as_str()),
            })
            .collect();
    (outlets, sections)
}

async fn home(State(app): State<App>, PageQuery(p): PageQuery) -> Result<Response, WebError> {
    if !p.query().is_empty() {
        return search_page(State(app), PageQuery(p)).await;
    }
    let filter = p.filter()?;
    let w = p.page_window()?;
    let page = blocking(&app, move |s| s.latest(&filter, w.offset, w.limit)).await?;
    let f = facets(&app).await?;
    let (outlets, sections) = filter_options(&f, &p);
    let (prev, next) = pager(&p, "/latest", p.page()?, page.total);
    let items = page
        .items
        .iter()
        .map(|a| item_view(&app, a, vec![(a.title.clone(), false)], vec![(a.lead.clone(), false)]))
        .collect();
    Ok(render(&ListPage {
        query: String::new(),
        zone_note: Some(app.zone.note()),
        action: "/latest",
        outlets,
        sections,
        summary: Trusted(format!("آخر الأخبار — {}", count(page.total as u64, &ARTICLES))),
        items,
        prev,
        next,
        feed: p.with_filters("/feeds/latest"),
        sorts: Vec::new(),
    }))
}

async fn search_page(State(app): State<App>, PageQuery(p): PageQuery) -> Result<Response, WebError> {
    let query = p.query();
    if query.is_empty() {
        return Ok(axum::response::Redirect::to("/").into_response());
    }
    let w = p.page_window()?;
    let req = SearchRequest {
        query: query.clone(),
        filter: p.filter()?,
        offset: w.offset,
        limit: w.limit,
        any_term: false,
        newest_first: p.newest_first()?,
    };
    check_search(&app, &req).await?;
    let results = blocking(&app, move |s| s.search(&req)).await?;
    let f = facets(&app).await?;
    let (outlets, sections) = filter_options(&f, &p);
    let (prev, next) = pager(&p, "/search", p.page()?, results.total);
    let items = results
        .hits
        .iter()
        .map(|h| ItemView {
            also_in: h.copies.iter().map(outlet_label).collect(),
            ..item_view(&app, &h.article, fragments(&h.title_marked), fragments(&h.snippet))
        })
        .collect();
    Ok(render(&ListPage {
        summary: Trusted(format!("{} ({})", count(results.total as u64, &RESULTS), took(results.took_ms))),
        query,
        zone_note: Some(app.zone.note()),
        action: "/search",
        outlets,
        sections,
        items,
        prev,
        next,
        feed: Params { sort: None, page: None, ..p.clone() }.with_filters("/feeds/search"),
        sorts: sort_links(&p)?,
    }))
}

/// How long a search took: «أقل من ملّي ثانية» below one, else counted.
fn took(ms: f64) -> String {
    if ms < 0.5 {
        "أقل من ملّي ثانية".to_string()
    } else {
        count(ms.round() as u64, &MILLISECONDS).to_string()
    }
}

/// Only web links are made clickable (in pages and feeds): a scraped `javascript:` URL must never
/// become an href.
fn is_web_url(u: &str) -> bool {
    let l = u.trim_start().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

fn safe_link(url: Option<String>) -> Option<String> {
    url.filter(|u| is_web_url(u))
}

/// Markup the reader composed itself from fixed words and [`arabic_count::Count`]s: shown
/// unescaped, so nothing scraped may ever be put in one.
pub(crate) struct Trusted(String);

impl std::fmt::Display for Trusted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for Trusted {}

fn outlet_label(a: &ArticleSummary) -> String {
    a.outlet_name_ar.clone().or_else(|| a.outlet_name.clone()).unwrap_or_else(|| "مصدر غير معروف".into())
}

/// The two result orders of a search, each a link keeping the other parameters.
fn sort_links(p: &Params) -> Result<Vec<(&'static str, String, bool)>, WebError> {
    let newest = p.newest_first()?;
    Ok(vec![
        ("الأكثر صلة", Params { sort: None, page: None, ..p.clone() }.with_filters("/search"), !newest),
        ("الأحدث أولاً", Params { sort: Some("newest".into()), page: None, ..p.clone() }.with_filters("/search"), newest),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_are_clickable() {
        assert_eq!(safe_link(Some("https://example.org/a".into())).as_deref(), Some("https://example.org/a"));
        assert!(safe_link(Some("javascript:alert(1)".into())).is_none());
        assert!(safe_link(Some(" JAVASCRIPT:alert(1)".into())).is_none());
        assert!(safe_link(Some("data:text/html,x".into())).is_none());
    }
}
