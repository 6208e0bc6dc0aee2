//! Clustering speed, alone (features computed beforehand, as ingest does in parallel):
//! `cargo run --release -p marsad-cluster --example bench -- CORPUS_DIR`
//! 1. the corpus in publication order; 2. 100,000 articles squeezed into one story window (the
//!    corpus repeated with fresh ids and spread over three days), the worst case for candidate
//!    retrieval. Prints articles/s and peak memory.
use std::time::Instant;

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse::<f64>().unwrap_or(0.0))
        })
        .unwrap_or(0.0)
        / 1024.0
}

fn main() {
    let dir = std::env::args().nth(1).expect("corpus dir");
    let mut docs = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            stack.extend(std::fs::read_dir(&p).unwrap().flatten().map(|e| e.path()));
        } else if p.file_name().is_some_and(|n| n != "README.md") {
            let text = std::fs::read_to_string(&p).unwrap();
            docs.extend(marsad_extract::trec::parse(&text).into_iter().flatten());
        }
    }
    docs.sort_by(|a, b| a.published.cmp(&b.published).then(a.doc_id.cmp(&b.doc_id)));
    let t0 = Instant::now();
    let feats: Vec<marsad_cluster::Features> =
        docs.iter().map(|a| marsad_cluster::features(&a.title, &a.body())).collect();
    println!("features: {} articles in {:.1} s (one thread)", docs.len(), t0.elapsed().as_secs_f64());

    let mut engine = marsad_cluster::Engine::new(marsad_cluster::Config::default());
    let t0 = Instant::now();
    for (i, (a, f)) in docs.iter().zip(&feats).enumerate() {
        let outlet = a.outlet.as_ref().map(|o| o.id.as_str()).unwrap_or("");
        engine.add(marsad_cluster::Input {
            id: i as i64,
            time: a.published.map(|t| t.timestamp()).unwrap_or(0),
            dated: true,
            outlet,
            features: f,
        });
    }
    let secs = t0.elapsed().as_secs_f64();
    println!("corpus order: {} articles in {:.2} s = {:.0} articles/s", docs.len(), secs, docs.len() as f64 / secs);

    let n = 100_000usize;
    let base = 1_530_000_000i64;
    let window = 3 * 24 * 3600;
    let mut engine = marsad_cluster::Engine::new(marsad_cluster::Config::default());
    let t0 = Instant::now();
    for i in 0..n {
        let k = i % docs.len();
        let outlet = docs[k].outlet.as_ref().map(|o| o.id.as_str()).unwrap_or("");
        let time = base + (i as i64 * window) / n as i64;
        engine.add(marsad_cluster::Input { id: i as i64, time, dated: true, outlet, features: &feats[k] });
    }
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "100,000 in one window: {:.2} s = {:.0} articles/s; peak RSS {:.0} MB",
        secs,
        n as f64 / secs,
        peak_rss_mb()
    );
}
