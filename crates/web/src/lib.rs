//! marsad's reader and JSON API: server-rendered pages (askama, right-to-left Arabic, escaped
//! throughout) and `/api` endpoints over the store.
//!
//! Routes: `/` top stories, `/stories`, `/story/{id}`, `/latest`, `/search`, `/article/{id}`,
//! Atom feeds (`/feeds/latest`, `/feeds/search`, `/feeds/story/{id}`), `/api/search`,
//! `/api/articles`, `/api/articles/{id}`, `/api/articles/{id}/related`, `/api/stories`,
//! `/api/stories/{id}`, `/healthz`, `/metrics` (with a crawl), `/static/marsad.css`.

pub mod atom;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use marsad_extract::sections;
use marsad_store::{ArticleSummary, Filter, Highlighted, SearchRequest, Store, StoreError, StoryCard, StoryFilter};
use serde::Deserialize;

/// Results per page in the reader.
const PAGE_SIZE: usize = 20;
/// Largest `limit` the API accepts.
const MAX_API_LIMIT: usize = 200;
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
    /// The store failed.
    #[error("store error: {0}")]
    Store(#[from] StoreError),
    /// A blocking task died.
    #[error("internal error: {0}")]
    Internal(String),
}

impl WebError {
    fn status(&self) -> StatusCode {
        match self {
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// JSON errors for the API.
struct ApiError(WebError);

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
            WebError::BadRequest(m) => format!("طلب غير صالح: {m}"),
            e => format!("حدث خطأ في الخادم: {e}"),
        };
        let page = ErrorPage { query: String::new(), status: status.as_u16(), message };
        (status, render(&page)).into_response()
    }
}

type Facets = (Vec<(String, String, u64)>, Vec<(String, u64)>);

struct AppState {
    store: Arc<Store>,
    facets: Mutex<Option<(Instant, Arc<Facets>)>>,
    metrics: Option<MetricsFn>,
}

/// Renders the Prometheus text served at `/metrics` (by `marsad run --serve`).
pub type MetricsFn = Arc<dyn Fn() -> String + Send + Sync>;

type App = Arc<AppState>;

/// Builds the router over a store.
pub fn router(store: impl Into<Arc<Store>>) -> Router {
    router_with_metrics(store, None)
}

/// The router, with `/metrics` when a crawl runs in the same process.
pub fn router_with_metrics(store: impl Into<Arc<Store>>, metrics: Option<MetricsFn>) -> Router {
    let state: App = Arc::new(AppState { store: store.into(), facets: Mutex::new(None), metrics });
    Router::new()
        .route("/", get(top_stories))
        .route("/stories", get(all_stories))
        .route("/story/{id}", get(story_page))
        .route("/latest", get(home))
        .route("/search", get(search_page))
        .route("/article/{id}", get(article_page))
        .route("/api/search", get(api_search))
        .route("/api/articles", get(api_articles))
        .route("/api/articles/{id}", get(api_article))
        .route("/api/articles/{id}/related", get(api_related))
        .route("/api/stories", get(api_stories))
        .route("/api/stories/{id}", get(api_story))
        .route("/feeds/latest", get(feed_latest))
        .route("/feeds/search", get(feed_search))
        .route("/feeds/story/{id}", get(feed_story))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_text))
        .route("/static/marsad.css", get(css))
        .fallback(|| async { WebError::BadRequest("no such page".into()).into_response() })
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'",
        ),
    );
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    res
}

/// Serves the reader on `listener` until Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, store: Store) -> std::io::Result<()> {
    serve_until(listener, router(store), async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Serves `router` on `listener` until `shutdown` completes, then finishes the requests in hand.
pub async fn serve_until(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router).with_graceful_shutdown(shutdown).await
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

/// Query parameters shared by pages and API.
#[derive(Debug, Default, Clone, Deserialize)]
struct Params {
    q: Option<String>,
    source: Option<String>,
    section: Option<String>,
    since: Option<String>,
    until: Option<String>,
    page: Option<usize>,
    limit: Option<usize>,
    offset: Option<usize>,
    trending: Option<u32>,
    /// `newest` or `relevance` (the default) for searches.
    sort: Option<String>,
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn parse_date(raw: &str, end_of_day: bool) -> Result<DateTime<Utc>, WebError> {
    let d = marsad_extract::dates::parse_day(raw)
        .ok_or_else(|| WebError::BadRequest(format!("cannot read date {raw:?}; use YYYY-MM-DD")))?;
    Ok(if end_of_day && raw.trim().len() <= 10 { d + chrono::Duration::days(1) } else { d })
}

impl Params {
    fn filter(&self) -> Result<Filter, WebError> {
        Ok(Filter {
            outlet: nonempty(&self.source),
            section: nonempty(&self.section),
            since: nonempty(&self.since).map(|s| parse_date(&s, false)).transpose()?,
            until: nonempty(&self.until).map(|s| parse_date(&s, true)).transpose()?,
        })
    }

    fn query(&self) -> String {
        nonempty(&self.q).unwrap_or_default()
    }

    fn page(&self) -> usize {
        self.page.unwrap_or(1).max(1)
    }

    /// True for `sort=newest`; an unknown order is an error rather than silently ignored.
    fn newest_first(&self) -> Result<bool, WebError> {
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

    fn api_window(&self) -> (usize, usize) {
        (self.offset.unwrap_or(0), self.limit.unwrap_or(20).clamp(1, MAX_API_LIMIT))
    }

    /// This request's URL with another page number.
    fn page_url(&self, path: &str, page: usize) -> String {
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
    fn with_filters(&self, path: &str) -> String {
        self.page_url(path, 1)
    }
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
    date: Option<String>,
    datetime: String,
    section: Option<String>,
}

fn fragments(h: &Highlighted) -> Vec<(String, bool)> {
    h.fragments().into_iter().map(|(t, m)| (t.to_string(), m)).collect()
}

fn item_view(a: &ArticleSummary, title: Vec<(String, bool)>, snippet: Vec<(String, bool)>) -> ItemView {
    ItemView {
        id: a.id,
        title,
        snippet,
        outlet: a.outlet_name_ar.clone().or_else(|| a.outlet_name.clone()).unwrap_or_else(|| "مصدر غير معروف".into()),
        date: a.published.map(|d| d.format("%Y-%m-%d %H:%M").to_string()),
        datetime: a.published.map(|d| d.to_rfc3339()).unwrap_or_default(),
        section: a.section.as_deref().map(section_name).or_else(|| a.section_label.clone()),
    }
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPage {
    query: String,
    action: &'static str,
    outlets: Vec<OptionView>,
    sections: Vec<OptionView>,
    summary: String,
    items: Vec<ItemView>,
    prev: Option<String>,
    next: Option<String>,
    /// The Atom feed of this listing (announced in the head and linked on the page).
    feed: String,
    /// For searches: (label, URL, current) of each result order.
    sorts: Vec<(&'static str, String, bool)>,
}

#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePage {
    query: String,
    title: String,
    title_inferred: bool,
    paragraphs: Vec<String>,
    url: Option<String>,
    language: String,
    author: Option<String>,
    item: ItemView,
    story: Option<i64>,
    related_articles: Vec<(i64, String, String)>,
    dateline: Option<String>,
    attribution: Vec<String>,
    agencies: Vec<String>,
    page_of: Option<i64>,
    /// The publication day in the Hijri calendar.
    hijri: Option<String>,
    teasers: Vec<(String, String)>,
    related: Vec<(String, Vec<(String, bool)>)>,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    query: String,
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

fn pager(p: &Params, path: &str, total: usize) -> (Option<String>, Option<String>) {
    let page = p.page();
    let prev = (page > 1).then(|| p.page_url(path, page - 1));
    let next = (page * PAGE_SIZE < total).then(|| p.page_url(path, page + 1));
    (prev, next)
}

async fn home(State(app): State<App>, Query(p): Query<Params>) -> Result<Response, WebError> {
    if !p.query().is_empty() {
        return search_page(State(app), Query(p)).await;
    }
    let filter = p.filter()?;
    let offset = (p.page() - 1) * PAGE_SIZE;
    let page = blocking(&app, move |s| s.latest(&filter, offset, PAGE_SIZE)).await?;
    let f = facets(&app).await?;
    let (outlets, sections) = filter_options(&f, &p);
    let (prev, next) = pager(&p, "/latest", page.total);
    let items = page
        .items
        .iter()
        .map(|a| item_view(a, vec![(a.title.clone(), false)], vec![(a.lead.clone(), false)]))
        .collect();
    Ok(render(&ListPage {
        query: String::new(),
        action: "/latest",
        outlets,
        sections,
        summary: format!("آخر الأخبار — {} مقالاً", page.total),
        items,
        prev,
        next,
        feed: p.with_filters("/feeds/latest"),
        sorts: Vec::new(),
    }))
}

async fn search_page(State(app): State<App>, Query(p): Query<Params>) -> Result<Response, WebError> {
    let query = p.query();
    if query.is_empty() {
        return Ok(axum::response::Redirect::to("/").into_response());
    }
    let req = SearchRequest {
        query: query.clone(),
        filter: p.filter()?,
        offset: (p.page() - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
        any_term: false,
        newest_first: p.newest_first()?,
    };
    let results = blocking(&app, move |s| s.search(&req)).await?;
    let f = facets(&app).await?;
    let (outlets, sections) = filter_options(&f, &p);
    let (prev, next) = pager(&p, "/search", results.total);
    let items =
        results.hits.iter().map(|h| item_view(&h.article, fragments(&h.title_marked), fragments(&h.snippet))).collect();
    Ok(render(&ListPage {
        summary: format!("{} نتيجة ({:.0} ملّي ثانية)", results.total, results.took_ms),
        query,
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

/// Only web links are made clickable (in pages and feeds): a scraped `javascript:` URL must never
/// become an href.
fn is_web_url(u: &str) -> bool {
    let l = u.trim_start().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

fn safe_link(url: Option<String>) -> Option<String> {
    url.filter(|u| is_web_url(u))
}

async fn article_page(State(app): State<App>, Path(id): Path<i64>) -> Result<Response, WebError> {
    let a = blocking(&app, move |s| s.get(id)).await?.ok_or(WebError::NotFound(id))?;
    let (story, related) = blocking(&app, move |s| Ok((s.story_of(id)?, s.related(id, 8)?))).await?;
    let summary = ArticleSummary {
        id: a.id,
        title: a.title.clone(),
        url: a.url.clone(),
        published: a.published,
        outlet_id: a.outlet_id.clone(),
        outlet_name: a.outlet_name.clone(),
        outlet_name_ar: a.outlet_name_ar.clone(),
        section: a.section.clone(),
        section_label: a.section_label.clone(),
        language: a.language.clone(),
        lead: String::new(),
        ingested_at: a.ingested_at,
    };
    Ok(render(&ArticlePage {
        query: String::new(),
        item: item_view(&summary, vec![], vec![]),
        title: a.title,
        title_inferred: a.title_inferred,
        paragraphs: a.paragraphs,
        url: safe_link(a.url),
        language: a.language.unwrap_or_else(|| "غير معروفة".into()),
        author: a.author,
        story: story.map(|(s, _)| s),
        related_articles: related.iter().map(|r| (r.id, r.title.clone(), outlet_label(r))).collect(),
        dateline: a.dateline.map(|d| match d.source {
            Some(src) => format!("{} — {src}", d.place),
            None => d.place,
        }),
        attribution: a.attribution.into_iter().map(|s| s.name).collect(),
        agencies: a.agencies,
        page_of: a.page_of,
        hijri: a.published.and_then(|d| marsad_extract::dates::hijri_label(d.date_naive())),
        teasers: a.teasers.into_iter().map(|t| (t.title, t.lead)).collect(),
        related: a
            .related
            .into_iter()
            .map(|l| (l.heading, l.items.into_iter().map(|h| (h.text, h.truncated)).collect()))
            .collect(),
    }))
}

async fn api_search(State(app): State<App>, Query(p): Query<Params>) -> Result<Response, ApiError> {
    let query = p.query();
    if query.is_empty() {
        return Err(ApiError(WebError::BadRequest("parameter q is required".into())));
    }
    let (offset, limit) = p.api_window();
    let req = SearchRequest {
        query,
        filter: p.filter().map_err(ApiError)?,
        offset,
        limit,
        any_term: false,
        newest_first: p.newest_first().map_err(ApiError)?,
    };
    let results = blocking(&app, move |s| s.search(&req)).await.map_err(ApiError)?;
    Ok(Json(results).into_response())
}

async fn api_articles(State(app): State<App>, Query(p): Query<Params>) -> Result<Response, ApiError> {
    let filter = p.filter().map_err(ApiError)?;
    let (offset, limit) = p.api_window();
    let page = blocking(&app, move |s| s.latest(&filter, offset, limit)).await.map_err(ApiError)?;
    Ok(Json(page).into_response())
}

async fn api_article(State(app): State<App>, Path(id): Path<i64>) -> Result<Response, ApiError> {
    match blocking(&app, move |s| s.get(id)).await.map_err(ApiError)? {
        Some(a) => Ok(Json(a).into_response()),
        None => Err(ApiError(WebError::NotFound(id))),
    }
}

fn outlet_label(a: &ArticleSummary) -> String {
    a.outlet_name_ar.clone().or_else(|| a.outlet_name.clone()).unwrap_or_else(|| "مصدر غير معروف".into())
}

fn span(first: Option<DateTime<Utc>>, last: Option<DateTime<Utc>>) -> String {
    let f = |d: DateTime<Utc>| d.format("%Y-%m-%d %H:%M").to_string();
    match (first, last) {
        (Some(a), Some(b)) if a.date_naive() == b.date_naive() => format!("{} – {}", f(a), b.format("%H:%M")),
        (Some(a), Some(b)) => format!("{} → {}", f(a), f(b)),
        (Some(a), None) | (None, Some(a)) => f(a),
        (None, None) => String::new(),
    }
}

struct StoryCardView {
    id: i64,
    title: String,
    outlets: u64,
    articles: u64,
    when: String,
    section: Option<String>,
    outlet_names: String,
    newest: Vec<(i64, String, String)>,
}

fn card_view(c: &StoryCard) -> StoryCardView {
    StoryCardView {
        id: c.id,
        title: c.title.clone(),
        outlets: c.outlets,
        articles: c.articles,
        when: span(c.first_seen, c.last_seen),
        section: c.section.as_deref().map(section_name),
        outlet_names: c.outlet_names.join("، "),
        newest: c.newest.iter().map(|a| (a.id, a.title.clone(), outlet_label(a))).collect(),
    }
}

#[derive(Template)]
#[template(path = "stories.html")]
struct StoriesPage {
    query: String,
    heading: String,
    tab: &'static str,
    action: &'static str,
    sections: Vec<OptionView>,
    summary: String,
    cards: Vec<StoryCardView>,
    prev: Option<String>,
    next: Option<String>,
}

/// Trending stories over this many hours for the home page.
const HOME_TRENDING_HOURS: u32 = 48;

async fn top_stories(State(app): State<App>, Query(p): Query<Params>) -> Result<Response, WebError> {
    if !p.query().is_empty() {
        return search_page(State(app), Query(p)).await;
    }
    let section = nonempty(&p.section);
    let sec = section.clone();
    let mut cards = blocking(&app, move |s| s.trending(HOME_TRENDING_HOURS, sec.as_deref(), None, PAGE_SIZE)).await?;
    if cards.is_empty() {
        let sf = StoryFilter { section: section.clone(), ..Default::default() };
        cards = blocking(&app, move |s| Ok(s.stories(&sf, 0, PAGE_SIZE)?.items)).await?;
    }
    let f = facets(&app).await?;
    let (_, sections) = filter_options(&f, &p);
    Ok(render(&StoriesPage {
        query: String::new(),
        heading: "أبرز القصص".into(),
        tab: "top",
        action: "/",
        sections,
        summary: format!("أبرز القصص في آخر {HOME_TRENDING_HOURS} ساعة من التغطية: كل حدث مع كل ما كتبته المصادر عنه"),
        cards: cards.iter().map(card_view).collect(),
        prev: None,
        next: None,
    }))
}

async fn all_stories(State(app): State<App>, Query(p): Query<Params>) -> Result<Response, WebError> {
    let filter = p.filter()?;
    let sf = StoryFilter { since: filter.since, until: filter.until, section: nonempty(&p.section), thread: None };
    let offset = (p.page() - 1) * PAGE_SIZE;
    let page = blocking(&app, move |s| s.stories(&sf, offset, PAGE_SIZE)).await?;
    let f = facets(&app).await?;
    let (_, sections) = filter_options(&f, &p);
    let (prev, next) = pager(&p, "/stories", page.total);
    Ok(render(&StoriesPage {
        query: String::new(),
        heading: "كل القصص".into(),
        tab: "all",
        action: "/stories",
        sections,
        summary: format!("{} قصة، الأوسع تغطية أولاً", page.total),
        cards: page.items.iter().map(card_view).collect(),
        prev,
        next,
    }))
}

struct CoverageView {
    name: String,
    items: Vec<CoverageItem>,
}

struct CoverageItem {
    id: i64,
    title: String,
    when: String,
    copy_of: Option<i64>,
}

#[derive(Template)]
#[template(path = "story.html")]
struct StoryPage {
    id: i64,
    query: String,
    title: String,
    lead: String,
    outlets: u64,
    articles: u64,
    span: String,
    section: Option<String>,
    terms: String,
    coverage: Vec<CoverageView>,
    copies: Vec<(i64, String, String, String)>,
    thread: Vec<(i64, String, String)>,
}

async fn story_page(State(app): State<App>, Path(id): Path<i64>) -> Result<Response, WebError> {
    let s = blocking(&app, move |st| st.story(id)).await?.ok_or(WebError::NotFound(id))?;
    let when = |d: Option<DateTime<Utc>>| d.map(|d| d.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default();
    Ok(render(&StoryPage {
        id,
        query: String::new(),
        title: s.card.title.clone(),
        lead: s.card.lead.clone(),
        outlets: s.card.outlets,
        articles: s.card.articles,
        span: span(s.card.first_seen, s.card.last_seen),
        section: s.card.section.as_deref().map(section_name),
        terms: s.top_terms.join(" · "),
        coverage: s
            .by_outlet
            .iter()
            .map(|o| CoverageView {
                name: o.outlet_name.clone(),
                items: o
                    .articles
                    .iter()
                    .map(|a| CoverageItem {
                        id: a.article.id,
                        title: a.article.title.clone(),
                        when: when(a.article.published),
                        copy_of: a.copy_of,
                    })
                    .collect(),
            })
            .collect(),
        copies: s
            .copy_groups
            .iter()
            .map(|g| {
                let copiers: Vec<String> =
                    g.copies.iter().map(|c| format!("{} ({})", outlet_label(c), when(c.published))).collect();
                (g.original.id, g.original.title.clone(), outlet_label(&g.original), copiers.join("، "))
            })
            .collect(),
        thread: s.thread_stories.iter().map(|t| (t.id, t.title.clone(), span(t.first_seen, t.last_seen))).collect(),
    }))
}

async fn api_stories(State(app): State<App>, Query(p): Query<Params>) -> Result<Response, ApiError> {
    let (offset, limit) = p.api_window();
    let section = nonempty(&p.section);
    if let Some(hours) = p.trending {
        let cards =
            blocking(&app, move |s| s.trending(hours, section.as_deref(), None, limit)).await.map_err(ApiError)?;
        return Ok(Json(serde_json::json!({ "total": cards.len(), "offset": 0, "items": cards })).into_response());
    }
    let filter = p.filter().map_err(ApiError)?;
    let sf = StoryFilter { since: filter.since, until: filter.until, section, thread: None };
    let page = blocking(&app, move |s| s.stories(&sf, offset, limit)).await.map_err(ApiError)?;
    Ok(Json(page).into_response())
}

async fn api_story(State(app): State<App>, Path(id): Path<i64>) -> Result<Response, ApiError> {
    match blocking(&app, move |s| s.story(id)).await.map_err(ApiError)? {
        Some(st) => Ok(Json(st).into_response()),
        None => Err(ApiError(WebError::NotFound(id))),
    }
}

async fn api_related(
    State(app): State<App>,
    Path(id): Path<i64>,
    Query(p): Query<Params>,
) -> Result<Response, ApiError> {
    let (_, limit) = p.api_window();
    let exists = blocking(&app, move |s| s.get(id)).await.map_err(ApiError)?.is_some();
    if !exists {
        return Err(ApiError(WebError::NotFound(id)));
    }
    let related = blocking(&app, move |s| s.related(id, limit)).await.map_err(ApiError)?;
    Ok(Json(serde_json::json!({ "article": id, "items": related })).into_response())
}

async fn metrics_text(State(app): State<App>) -> Response {
    match &app.metrics {
        Some(render) => {
            ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], render()).into_response()
        }
        None => (StatusCode::NOT_FOUND, "no crawl runs in this process: metrics are served by `marsad run --serve`\n")
            .into_response(),
    }
}

async fn healthz(State(app): State<App>) -> Result<Response, ApiError> {
    let (articles, lag) = blocking(&app, |s| Ok((s.count()?, s.index_lag()?))).await.map_err(ApiError)?;
    Ok(Json(serde_json::json!({ "status": "ok", "articles": articles, "index_lag": lag })).into_response())
}

/// The two result orders of a search, each a link keeping the other parameters.
fn sort_links(p: &Params) -> Result<Vec<(&'static str, String, bool)>, WebError> {
    let newest = p.newest_first()?;
    Ok(vec![
        ("الأكثر صلة", Params { sort: None, page: None, ..p.clone() }.with_filters("/search"), !newest),
        ("الأحدث أولاً", Params { sort: Some("newest".into()), page: None, ..p.clone() }.with_filters("/search"), newest),
    ])
}

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

async fn feed_latest(
    State(app): State<App>,
    headers: axum::http::HeaderMap,
    Query(p): Query<Params>,
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

async fn feed_search(
    State(app): State<App>,
    headers: axum::http::HeaderMap,
    Query(p): Query<Params>,
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

async fn feed_story(
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
