//! A local news site for crawl tests: feeds, sitemaps, composed Arabic article pages, robots.txt,
//! and every misbehaviour a crawler meets (redirect loops, errors, 429, slow and huge bodies, a
//! gzip bomb, a windows-1256 page, malformed XML). Every request is logged with its arrival time.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// One request the site received.
#[derive(Debug, Clone)]
pub struct Hit {
    pub at: Instant,
    pub path: String,
    pub if_none_match: Option<String>,
}

/// What a site serves beyond its article pages.
#[derive(Clone, Default)]
pub struct SiteSpec {
    /// robots.txt body (404 when None).
    pub robots: Option<String>,
    /// RSS items: (path or absolute URL, title, RFC 2822 date).
    pub feed_items: Vec<(String, String)>,
    /// Delay before each article page.
    pub page_delay: Duration,
}

pub struct Site {
    pub addr: SocketAddr,
    pub hits: Arc<Mutex<Vec<Hit>>>,
}

impl Site {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.hits.lock().unwrap().clone()
    }

    pub fn hits_on(&self, path: &str) -> Vec<Hit> {
        self.hits().into_iter().filter(|h| h.path == path).collect()
    }
}

#[derive(Clone)]
struct AppState {
    spec: Arc<SiteSpec>,
    base: String,
    hits: Arc<Mutex<Vec<Hit>>>,
    counters: Arc<Mutex<std::collections::HashMap<String, u32>>>,
    bomb: Arc<Vec<u8>>,
}

/// Sentences combined differently for each page so that no two pages have the same text.
const SENTENCES: [&str; 12] = [
    "قال المتحدث باسم الحكومة إن الاجتماع تناول ملفات التعاون الاقتصادي بين البلدين",
    "وأضاف أن الجانبين اتفقا على مواصلة المشاورات خلال الأسابيع المقبلة",
    "وأشار مراسلنا إلى أن الوفد وصل إلى العاصمة صباح اليوم وسط إجراءات أمنية مشددة",
    "وذكرت وكالة الأنباء الرسمية أن المباحثات شملت قضايا الطاقة والنقل والتجارة",
    "وأكد وزير الخارجية أن بلاده تدعم كل الجهود الرامية إلى تحقيق الاستقرار في المنطقة",
    "من جهته أعرب رئيس الوفد عن تقديره لحسن الاستقبال وكرم الضيافة",
    "وتأتي هذه الزيارة بعد أشهر من التوتر الذي شهدته العلاقات بين العاصمتين",
    "ويرى محللون أن الاتفاق قد يفتح الباب أمام استثمارات جديدة في قطاع البنية التحتية",
    "وفي سياق متصل أعلنت الوزارة عن خطة لتطوير الموانئ والمطارات خلال العام المقبل",
    "وشهدت الأسواق المحلية ارتفاعا ملحوظا في أسعار المواد الغذائية خلال الشهر الماضي",
    "ودعا نواب في البرلمان إلى نشر تفاصيل الاتفاق كاملة أمام الرأي العام",
    "ومن المقرر أن تعقد جولة جديدة من المحادثات في نهاية الشهر الجاري",
];

const NUMBERS: [&str; 10] =
    ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"];

/// The title of article `n`.
pub fn title(n: usize) -> String {
    format!("مباحثات التعاون في يومها {} والجولة رقم {n}", NUMBERS[n % 10])
}

/// The body paragraphs of article `n`: distinct for every `n`.
pub fn paragraphs(n: usize) -> Vec<String> {
    (0..6)
        .map(|i| {
            let a = SENTENCES[(n + i) % SENTENCES.len()];
            let b = SENTENCES[(n * 7 + i * 5 + 3) % SENTENCES.len()];
            format!("{a} في الجولة رقم {n} من المحادثات، {b} بحسب البيان {} للجولة {n}.", NUMBERS[(n + i) % 10])
        })
        .collect()
}

/// A complete article page, shaped like an Arabic news site's.
pub fn article_page(n: usize, canonical: Option<&str>) -> String {
    let paras: String = paragraphs(n).iter().map(|p| format!("<p>{p}</p>\n")).collect();
    let canonical = canonical.map(|c| format!(r#"<link rel="canonical" href="{c}">"#)).unwrap_or_default();
    format!(
        r#"<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{t} | موقع الاختبار</title>{canonical}
<meta property="article:published_time" content="2026-11-{d:02}T09:30:00+03:00"></head>
<body><nav><a href="/">الرئيسية</a> › <a href="/politics">سياسة</a></nav>
<article><h1>{t}</h1><time datetime="2026-11-{d:02}T09:30:00+03:00">{d} نوفمبر 2026</time>
{paras}</article>
<aside><h3>الأكثر قراءة</h3><ul><li><a href="/news/900">خبر آخر</a></li></ul></aside>
<footer>جميع الحقوق محفوظة</footer></body></html>"#,
        t = title(n),
        d = 1 + n % 20
    )
}

fn rss(base: &str, items: &[(String, String)]) -> String {
    let items: String = items
        .iter()
        .map(|(link, date)| {
            let link = if link.starts_with("http") { link.clone() } else { format!("{base}{link}") };
            format!("<item><title>خبر</title><link>{link}</link><pubDate>{date}</pubDate></item>")
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>موقع الاختبار</title><link>{base}/</link><ttl>1</ttl>{items}</channel></rss>"#
    )
}

async fn log(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let inm = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).map(str::to_string);
    st.hits.lock().unwrap().push(Hit { at: Instant::now(), path: req.uri().path().to_string(), if_none_match: inm });
    next.run(req).await
}

fn count(st: &AppState, key: &str) -> u32 {
    let mut c = st.counters.lock().unwrap();
    let n = c.entry(key.to_string()).or_default();
    *n += 1;
    *n
}

fn html(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

async fn robots(State(st): State<AppState>) -> Response {
    match &st.spec.robots {
        Some(r) => ([(header::CONTENT_TYPE, "text/plain")], r.clone()).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// An outlet's home page, announcing its feed the way most sites do.
async fn home() -> Response {
    html(
        r#"<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>صحيفة المرصد</title>
<link rel="alternate" type="application/rss+xml" title="آخر الأخبار" href="/feed.xml"></head>
<body><h1>صحيفة المرصد</h1><ul><li><a href="/news/1">خبر</a></li></ul></body></html>"#
            .to_string(),
    )
}

async fn feed(State(st): State<AppState>, headers: HeaderMap) -> Response {
    if headers.get(header::IF_NONE_MATCH).is_some_and(|v| v == "\"v1\"") {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, "\"v1\"")]).into_response();
    }
    (
        [(header::CONTENT_TYPE, "application/rss+xml; charset=utf-8"), (header::ETAG, "\"v1\"")],
        rss(&st.base, &st.spec.feed_items),
    )
        .into_response()
}

async fn news(State(st): State<AppState>, Path(n): Path<String>) -> Response {
    let Ok(n) = n.parse::<usize>() else { return StatusCode::NOT_FOUND.into_response() };
    if !st.spec.page_delay.is_zero() {
        tokio::time::sleep(st.spec.page_delay).await;
    }
    html(article_page(n, None))
}

async fn canonical(State(st): State<AppState>, Path(n): Path<usize>) -> Response {
    html(article_page(n, Some(&format!("{}/news/{n}", st.base))))
}

async fn redirect(Path(n): Path<usize>) -> Response {
    (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, format!("/news/{n}"))]).into_response()
}

async fn loop_a() -> Response {
    (StatusCode::FOUND, [(header::LOCATION, "/loop/b")]).into_response()
}

async fn loop_b() -> Response {
    (StatusCode::FOUND, [(header::LOCATION, "/loop/a")]).into_response()
}

async fn busy(State(st): State<AppState>) -> Response {
    if count(&st, "busy") == 1 {
        return (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "1")]).into_response();
    }
    html(article_page(501, None))
}

async fn flaky(State(st): State<AppState>) -> Response {
    if count(&st, "flaky") == 1 {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    html(article_page(502, None))
}

async fn slow() -> Response {
    tokio::time::sleep(Duration::from_secs(30)).await;
    html(article_page(503, None))
}

async fn huge() -> Response {
    let mut body = b"<html lang=\"ar\"><body><p>".to_vec();
    body.resize(50 * 1024 * 1024, b'x');
    ([(header::CONTENT_TYPE, "text/html")], body).into_response()
}

async fn bomb(State(st): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "text/html"), (header::CONTENT_ENCODING, "gzip")], Body::from(st.bomb.as_ref().clone()))
        .into_response()
}

async fn cp1256() -> Response {
    let page = article_page(504, None).replace("charset=\"utf-8\"", "").replace("<meta charset=\"utf-8\">", "");
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&page);
    ([(header::CONTENT_TYPE, "text/html; charset=windows-1256")], bytes.into_owned()).into_response()
}

async fn image() -> Response {
    ([(header::CONTENT_TYPE, "image/png")], vec![0x89u8, b'P', b'N', b'G', 0, 0, 0, 0]).into_response()
}

async fn bad_xml() -> Response {
    ([(header::CONTENT_TYPE, "application/rss+xml")], "<?xml version=\"1.0\"?><rss><channel><item><link>http://x/")
        .into_response()
}

async fn news_sitemap(State(st): State<AppState>) -> Response {
    let base = &st.base;
    let body = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{base}/news/601</loc><news:news><news:publication><news:name>موقع</news:name><news:language>ar</news:language></news:publication><news:publication_date>2026-11-20T08:00:00+03:00</news:publication_date><news:title>{}</news:title></news:news></url>
<url><loc>{base}/news/602</loc><news:news><news:publication_date>2026-11-20T09:00:00+03:00</news:publication_date><news:title>{}</news:title></news:news></url>
</urlset>"#,
        title(601),
        title(602)
    );
    ([(header::CONTENT_TYPE, "application/xml")], body).into_response()
}

async fn sitemap_index(State(st): State<AppState>) -> Response {
    let body = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{}/news-sitemap.xml</loc></sitemap></sitemapindex>"#,
        st.base
    );
    ([(header::CONTENT_TYPE, "application/xml")], body).into_response()
}

fn bomb_bytes() -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..40 {
        gz.write_all(&zeros).unwrap();
    }
    gz.finish().unwrap()
}

/// Starts a site on `ip` (port 0) in a background runtime; it lives as long as the test.
pub fn start(ip: &str, spec: SiteSpec) -> Site {
    let hits = Arc::new(Mutex::new(Vec::new()));
    let counters = Arc::new(Mutex::new(Default::default()));
    let (tx, rx) = std::sync::mpsc::channel();
    let (hits2, ip) = (hits.clone(), ip.to_string());
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind((ip.as_str(), 0)).await.unwrap();
            let addr = listener.local_addr().unwrap();
            let state = AppState {
                spec: Arc::new(spec),
                base: format!("http://{addr}"),
                hits: hits2,
                counters,
                bomb: Arc::new(bomb_bytes()),
            };
            let app = Router::new()
                .route("/", get(home))
                .route("/robots.txt", get(robots))
                .route("/feed.xml", get(feed))
                .route("/news/{n}", get(news))
                .route("/private/{n}", get(news))
                .route("/canonical/{n}", get(canonical))
                .route("/redirect/{n}", get(redirect))
                .route("/loop/a", get(loop_a))
                .route("/loop/b", get(loop_b))
                .route("/busy", get(busy))
                .route("/flaky", get(flaky))
                .route("/slow", get(slow))
                .route("/huge", get(huge))
                .route("/bomb", get(bomb))
                .route("/cp1256", get(cp1256))
                .route("/image.png", get(image))
                .route("/bad.xml", get(bad_xml))
                .route("/error", get(|| async { StatusCode::INTERNAL_SERVER_ERROR }))
                .route("/big404", get(|| async { (StatusCode::NOT_FOUND, "<p>غير موجود</p>".repeat(10_000)) }))
                .route("/news-sitemap.xml", get(news_sitemap))
                .route("/sitemap-index.xml", get(sitemap_index))
                .layer(axum::middleware::from_fn_with_state(state.clone(), log))
                .with_state(state);
            tx.send(addr).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    let addr = rx.recv_timeout(Duration::from_secs(30)).expect("test site started");
    Site { addr, hits }
}
