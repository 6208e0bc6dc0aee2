//! Tuning aid: clusters the dev-gold articles in memory and prints BCubed scores.
//! `cargo run --release -p marsad-cluster --example tune -- GOLD.tsv CORPUS_DIR [key=value ...]`
//! Keys: story, undated, thread, wt, wb, wn, wg, grace, decay, window_h, idfp, seedn, seedw, cands,
//! qterms. `STREAM=YYYYMM` clusters every corpus article of that month and scores the gold ones.
use std::collections::HashMap;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let gold = std::fs::read_to_string(&args[1]).expect("gold");
    let mut labels: HashMap<String, (String, String)> = HashMap::new();
    for line in gold.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        labels.insert(f[0].to_string(), (f[1].to_string(), f[2].to_string()));
    }
    let mut cfg = marsad_cluster::Config::default();
    for kv in &args[3..] {
        let (k, v) = kv.split_once('=').expect("key=value");
        let v: f32 = v.parse().expect("number");
        match k {
            "story" => cfg.story_threshold = v,
            "undated" => cfg.undated_threshold = v,
            "thread" => cfg.thread_threshold = v,
            "wt" => cfg.weights.0 = v,
            "wb" => cfg.weights.1 = v,
            "wn" => cfg.weights.2 = v,
            "wg" => cfg.weights.3 = v,
            "grace" => cfg.time_grace_hours = v,
            "decay" => cfg.time_decay_hours = v,
            "window_h" => cfg.window = (v * 3600.0) as i64,
            "idfp" => cfg.idf_power = v,
            "seedn" => cfg.seed_articles = v as u32,
            "seedw" => cfg.seed_weight = v,
            "cands" => cfg.max_candidates = v as usize,
            "qterms" => cfg.query_terms = v as usize,
            _ => panic!("unknown key {k}"),
        }
    }
    // STREAM=YYYYMM: cluster every corpus article of that month (as a live observatory would see
    // them, all sections interleaved) and score the gold ones among them.
    let stream = std::env::var("STREAM").ok();
    let wanted = |id: &str| match &stream {
        Some(month) => labels.contains_key(id) || id.rsplit('-').next().is_some_and(|d| d.starts_with(month.as_str())),
        None => labels.contains_key(id),
    };
    let mut docs = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(&args[2])];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            stack.extend(std::fs::read_dir(&p).unwrap().flatten().map(|e| e.path()));
        } else if wanted(p.file_stem().unwrap().to_str().unwrap()) {
            let text = std::fs::read_to_string(&p).unwrap();
            for a in marsad_extract::trec::parse(&text).into_iter().flatten() {
                if wanted(a.doc_id.as_deref().unwrap_or("")) {
                    docs.push(a);
                }
            }
        }
    }
    docs.sort_by(|a, b| a.published.cmp(&b.published).then(a.doc_id.cmp(&b.doc_id)));
    if std::env::var("PAIRS").is_ok() {
        return pairs(&docs, &labels);
    }
    let mut engine = marsad_cluster::Engine::new(cfg);
    let mut stories = Vec::new();
    let mut threads = Vec::new();
    let mut shown = Vec::new();
    for (i, a) in docs.iter().enumerate() {
        let f = marsad_cluster::features(&a.title, &a.body());
        let out = engine.add(marsad_cluster::Input {
            id: i as i64,
            time: a.published.map(|t| t.timestamp()).unwrap_or(0),
            dated: true,
            outlet: a.outlet.as_ref().map(|o| o.id.as_str()).unwrap_or(""),
            features: &f,
        });
        let Some((gs, gt)) = labels.get(a.doc_id.as_deref().unwrap()) else { continue };
        stories.push((out.story, gs.clone()));
        threads.push((out.thread, gt.clone()));
        shown.push(a.title.clone());
    }
    let s = marsad_cluster::score(&stories);
    let t = marsad_cluster::score(&threads);
    println!(
        "docs {} | stories P {:.3} R {:.3} F1 {:.3} pairF1 {:.3} n {} (gold {}) | threads P {:.3} R {:.3} F1 {:.3} n {} (gold {})",
        docs.len(),
        s.bcubed_precision,
        s.bcubed_recall,
        s.bcubed_f1,
        s.pairwise_f1,
        s.clusters,
        s.gold_clusters,
        t.bcubed_precision,
        t.bcubed_recall,
        t.bcubed_f1,
        t.clusters,
        t.gold_clusters
    );
    if std::env::var("SHOW").is_ok() {
        for ((st, g), title) in stories.iter().zip(&shown) {
            println!("{st}\t{g}\t{title}");
        }
    }
}

/// Pair analysis: prints title/body/names cosines (IDF over the whole set) for every pair of
/// articles within two days, with whether gold puts them in one story / one thread.
#[allow(dead_code)]
pub fn pairs(docs: &[marsad_extract::Article], labels: &HashMap<String, (String, String)>) {
    let feats: Vec<marsad_cluster::Features> =
        docs.iter().map(|a| marsad_cluster::features(&a.title, &a.body())).collect();
    let mut df: HashMap<String, f32> = HashMap::new();
    for f in &feats {
        let mut seen = std::collections::HashSet::new();
        for (t, _) in f.body.iter().chain(f.names.iter()).chain(f.grams.iter()) {
            if seen.insert(t.clone()) {
                *df.entry(t.clone()).or_default() += 1.0;
            }
        }
    }
    let n = docs.len() as f32;
    let idf = |t: &str| ((n + 1.0) / (df.get(t).copied().unwrap_or(0.0) + 1.0)).ln() + 1.0;
    let cos = |a: &[(String, f32)], b: &[(String, f32)]| {
        let nb: HashMap<&str, f32> = b.iter().map(|(t, w)| (t.as_str(), *w)).collect();
        let (mut dot, mut na, mut nn) = (0.0, 0.0, 0.0);
        for (t, w) in a {
            let x = w * idf(t);
            na += x * x;
            if let Some(v) = nb.get(t.as_str()) {
                dot += x * v * idf(t);
            }
        }
        for (t, w) in b {
            nn += (w * idf(t)).powi(2);
        }
        if na == 0.0 || nn == 0.0 { 0.0 } else { dot / (na * nn).sqrt() }
    };
    for i in 0..docs.len() {
        for j in i + 1..docs.len() {
            let dt =
                (docs[j].published.unwrap().timestamp() - docs[i].published.unwrap().timestamp()).abs() as f32 / 3600.0;
            if dt > 48.0 {
                continue;
            }
            let (si, ti) = &labels[docs[i].doc_id.as_deref().unwrap()];
            let (sj, tj) = &labels[docs[j].doc_id.as_deref().unwrap()];
            println!(
                "{}\t{}\t{:.3}\t{:.3}\t{:.3}\t{:.1}\t{:.3}",
                u8::from(si == sj),
                u8::from(ti == tj),
                cos(&feats[i].title, &feats[j].title),
                cos(&feats[i].body, &feats[j].body),
                cos(&feats[i].names, &feats[j].names),
                dt,
                cos(&feats[i].grams, &feats[j].grams),
            );
        }
    }
}
