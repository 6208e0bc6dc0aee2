//! Crawl benchmark: 20 outlets on 20 loopback addresses (127.0.0.2 …), each with a feed of
//! article pages, crawled once through the whole pipeline (politeness, extraction, store,
//! stories). Prints pages/s and, per host, the tightest spacing between requests and the most
//! requests seen in any one-second window — which must stay within the configured rate.
//!
//! `cargo run --release -p marsad-ingest --example crawl_bench [HOSTS] [PAGES_PER_HOST] [RATE]`

use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::routing::get;
use marsad_ingest::crawl::{CrawlConfig, run};
use marsad_ingest::fetch::AllowPrivate;
use marsad_ingest::metrics::Metrics;
use marsad_store::Store;

const WORDS: [&str; 16] = [
    "الحكومة",
    "البرلمان",
    "الاقتصاد",
    "الطاقة",
    "المياه",
    "الزراعة",
    "التعليم",
    "الصحة",
    "النقل",
    "الموانئ",
    "الاستثمار",
    "الانتخابات",
    "الميزانية",
    "الصادرات",
    "السياحة",
    "الإسكان",
];
const CITIES: [&str; 10] =
    ["الرباط", "الجزائر", "تونس", "القاهرة", "عمّان", "بيروت", "دمشق", "بغداد", "الرياض", "صنعاء"];

#[derive(Clone)]
struct Outlet {
    host: usize,
    pages: usize,
    base: String,
    hits: Arc<Mutex<Vec<Instant>>>,
}

fn page(host: usize, n: usize) -> String {
    let city = CITIES[(host + n) % CITIES.len()];
    let mut paras = String::new();
    for i in 0..6 {
        let a = WORDS[(n + i) % WORDS.len()];
        let b = WORDS[(n * 3 + host + i * 7) % WORDS.len()];
        paras.push_str(&format!(
            "<p>{city} - قال مسؤولون في قطاع {a} إن خطة {b} الجديدة رقم {n} للمنفذ {host} ستعرض على مجلس الوزراء، وأضافوا أن المرحلة {i} من الخطة تشمل مشاريع في عدة محافظات وأن التمويل متوفر للمرحلة {i} من الخطة {n}.</p>"
        ));
    }
    format!(
        r#"<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>خطة {a} رقم {n} في {city}</title>
<meta property="article:published_time" content="2026-11-2{d}T0{h}:15:00+03:00"></head><body>
<nav><a href="/">الرئيسية</a> › <a href="/eco">اقتصاد</a></nav>
<article><h1>خطة {a} رقم {n} في {city} للمنفذ {host}</h1>{paras}</article>
<aside><h3>الأكثر قراءة</h3><ul><li><a href="/news/1">خبر أول</a></li><li><a href="/news/2">خبر ثان</a></li></ul></aside>
<footer>جميع الحقوق محفوظة للمنفذ {host}</footer></body></html>"#,
        a = WORDS[n % WORDS.len()],
        d = n % 3,
        h = n % 10
    )
}

async fn serve(ip: IpAddr, host: usize, pages: usize) -> Outlet {
    let listener = tokio::net::TcpListener::bind((ip, 0)).await.expect("bind a loopback address");
    let addr = listener.local_addr().unwrap();
    let outlet = Outlet { host, pages, base: format!("http://{addr}"), hits: Arc::new(Mutex::new(Vec::new())) };
    let app = Router::new()
        .route(
            "/feed.xml",
            get(|State(o): State<Outlet>| async move {
                o.hits.lock().unwrap().push(Instant::now());
                let items: String = (1..=o.pages)
                    .map(|n| format!("<item><title>خبر {n}</title><link>{}/news/{n}</link></item>", o.base))
                    .collect();
                (
                    [(header::CONTENT_TYPE, "application/rss+xml")],
                    format!(
                        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>منفذ</title>{items}</channel></rss>"#
                    ),
                )
            }),
        )
        .route(
            "/robots.txt",
            get(|State(o): State<Outlet>| async move {
                o.hits.lock().unwrap().push(Instant::now());
                "User-agent: *\nDisallow: /admin/\n"
            }),
        )
        .route(
            "/news/{n}",
            get(|State(o): State<Outlet>, Path(n): Path<usize>| async move {
                o.hits.lock().unwrap().push(Instant::now());
                ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page(o.host, n))
            }),
        )
        .with_state(outlet.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    outlet
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse::<f64>().ok()))
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let hosts: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let per_host: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(110);
    let rate: f64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(8.0);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let outlets: Vec<Outlet> = rt.block_on(async {
        let mut v = Vec::new();
        for h in 0..hosts {
            v.push(serve(IpAddr::from([127, 0, 0, 2 + h as u8]), h, per_host).await);
        }
        v
    });
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path()).unwrap());
    for o in &outlets {
        store.add_feed(&format!("{}/feed.xml", o.base), None, None, None).unwrap();
    }
    let mut cfg = CrawlConfig { once: true, ..Default::default() };
    cfg.fetch.allow_private = AllowPrivate::All;
    cfg.polite.host_interval = Duration::from_secs_f64(1.0 / rate);
    cfg.concurrency = 64;
    let metrics = Arc::new(Metrics::default());
    let (_stop, rx) = tokio::sync::watch::channel(false);
    let started = Instant::now();
    let summary = rt.block_on(run(store.clone(), cfg, metrics.clone(), rx)).expect("crawl");
    let secs = started.elapsed().as_secs_f64();
    let mut min_gap = Duration::MAX;
    let mut max_window = 0usize;
    for o in &outlets {
        let hits = o.hits.lock().unwrap().clone();
        for w in hits.windows(2) {
            min_gap = min_gap.min(w[1] - w[0]);
        }
        for (i, t) in hits.iter().enumerate() {
            let within = hits[i..].iter().take_while(|u| **u - *t < Duration::from_secs(1)).count();
            max_window = max_window.max(within);
        }
    }
    let pages = summary.pages;
    println!("hosts                     {hosts} (127.0.0.2 … 127.0.0.{})", hosts + 1);
    println!(
        "pages fetched             {pages} ({} new articles, {} skipped, {} failed)",
        summary.new, summary.skipped, summary.failed
    );
    println!("requests                  {}", metrics.fetches_total());
    println!("wall time                 {secs:.1} s (fetch, extract, store, index, stories)");
    println!("pages/s                   {:.0}", pages as f64 / secs);
    println!("per-host rate limit       {rate} requests/s");
    println!("tightest per-host spacing {:.1} ms (limit {:.1} ms)", min_gap.as_secs_f64() * 1e3, 1e3 / rate);
    println!("most requests in 1 s      {max_window} on one host");
    println!("peak RSS                  {:.0} MB (servers and crawler)", peak_rss_mb());
    assert_eq!(summary.new as usize, hosts * per_host, "every page stored");
}
