//! Annotation benchmark: every article of an ingested data directory annotated once on this
//! thread alone — recognition, linking within the article and quotations, as the entity pass
//! does, without the database's reads and writes — and the average time per article printed,
//! with the median and 99th percentile of the per-article times.
//!
//! `cargo run --release -p marsad-ingest --example annotate_bench DATA_DIR`

use std::time::Instant;

use marsad_store::Store;

/// Articles read from the store at once.
const ROUND: usize = 1_000;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: annotate_bench DATA_DIR")?;
    let store = Store::open_read_only(&dir)?;
    let annotator = marsad_ingest::entities::annotator()?;
    let mut times = Vec::new();
    let mut mentions = 0usize;
    let mut after = 0;
    loop {
        let rows = store.articles_for_entities(after, ROUND)?;
        let Some(last) = rows.last().map(|r| r.id) else { break };
        for a in &rows {
            let started = Instant::now();
            let annotations = annotator.annotate_with_dateline(&a.blocks, a.dateline.as_deref());
            times.push(started.elapsed().as_secs_f64() * 1e3);
            mentions += annotations.mentions.len();
        }
        // Ids only grow: each round starts past the last one.
        after = last;
    }
    if times.is_empty() {
        return Err(format!("{dir} holds no articles: ingest some first").into());
    }
    let total: f64 = times.iter().sum();
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    println!(
        "annotated {} articles ({mentions} mentions) on one thread: {:.3} ms per article on average (median {:.3}, p99 {:.3}), {:.1} s in all",
        times.len(),
        total / times.len() as f64,
        at(0.5),
        at(0.99),
        total / 1e3
    );
    Ok(())
}
