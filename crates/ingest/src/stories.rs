//! Grouping stored articles into stories: everything not yet in a story is clustered in
//! publication-time order by the engine, whose state the store keeps between runs.

use std::time::Instant;

use marsad_cluster::{Config, Engine, Input, features};
use marsad_store::Store;
use rayon::prelude::*;
use serde::Serialize;

use crate::IngestError;

/// Articles clustered per round: one store transaction and one engine snapshot each.
const ROUND: usize = 50_000;

/// What a clustering run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ClusterSummary {
    /// Articles placed in stories.
    pub articles: u64,
    /// Stories opened.
    pub new_stories: u64,
    /// Threads opened.
    pub new_threads: u64,
    /// Copies found.
    pub copies: u64,
    /// Wall time, seconds.
    pub seconds: f64,
}

/// Clusters every stored article that is not yet in a story. `window_hours` changes how long
/// stories stay open (default three days).
pub fn cluster_pending(store: &Store, window_hours: Option<u32>) -> Result<ClusterSummary, IngestError> {
    let started = Instant::now();
    let mut engine = match store.load_cluster_state()? {
        Some(bytes) => Engine::restore(&bytes).map_err(|e| IngestError::ClusterState(e.to_string()))?,
        None => Engine::new(Config::default()),
    };
    if let Some(h) = window_hours {
        engine.set_window(i64::from(h) * 3600);
    }
    let mut summary = ClusterSummary::default();
    loop {
        let pending = store.unclustered(ROUND)?;
        if pending.is_empty() {
            break;
        }
        let mut prepared: Vec<(marsad_store::PendingArticle, marsad_cluster::Features)> = pending
            .into_par_iter()
            .map(|p| {
                let f = features(&p.title, &p.body);
                (p, f)
            })
            .collect();
        // Publication-time order: the same input always gives the same stories.
        prepared.sort_by(|a, b| a.0.time.cmp(&b.0.time).then(a.0.id.cmp(&b.0.id)));
        let mut assignments = Vec::with_capacity(prepared.len());
        for (p, f) in &prepared {
            let a = engine.add(Input { id: p.id, time: p.time, dated: p.dated, outlet: &p.outlet, features: f });
            summary.new_stories += u64::from(a.new_story);
            summary.new_threads += u64::from(a.new_thread);
            summary.copies += u64::from(a.copy_of.is_some());
            assignments.push(a);
        }
        summary.articles += assignments.len() as u64;
        let changes = engine.take_changes();
        store.save_clustering(&assignments, &changes, &engine.snapshot())?;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}
