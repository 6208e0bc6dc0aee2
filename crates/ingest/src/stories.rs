//! Grouping stored articles into stories: everything not yet in a story is clustered in
//! publication-time order by the engine, whose state the store keeps between runs; or, for
//! `marsad recluster`, everything again from scratch, beside the live stories, swapped in at the end.

use std::time::Instant;

use marsad_cluster::{Config, Engine, Input, features};
use marsad_store::{Generation, Store, StoreError};
use rayon::prelude::*;
use serde::Serialize;

use crate::IngestError;

/// Articles clustered per chunk: one store transaction and one engine snapshot each.
const ROUND: usize = 20_000;

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
    cluster_pending_with(store, window_hours, &mut |_, _| {})
}

/// [`cluster_pending`], calling `progress(done, total)` before the first article and as
/// articles are placed.
pub fn cluster_pending_with(
    store: &Store,
    window_hours: Option<u32>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ClusterSummary, IngestError> {
    /// Fresh starts after a rebuild was swapped in meanwhile (a rebuild takes far longer than a
    /// pass over what is pending, so one is almost always enough).
    const ATTEMPTS: usize = 3;
    let mut attempt = 1;
    loop {
        let (state, generation) = store.load_cluster_state()?;
        let engine = match state {
            Some(bytes) => Engine::restore(&bytes).map_err(|e| IngestError::ClusterState(e.to_string()))?,
            None => Engine::new(Config::default()),
        };
        let ids = store.unclustered_ids()?;
        match run(store, engine, window_hours, &ids, Target::Live(generation), progress) {
            // The old engine's decisions were not saved; start again from the rebuilt state.
            Err(IngestError::Store(StoreError::ClusteringSuperseded)) if attempt < ATTEMPTS => attempt += 1,
            outcome => return outcome,
        }
    }
}

/// Regroups every stored article into stories from scratch (`marsad recluster`). The new stories
/// are built beside the old ones, which readers keep seeing, and replace them in one transaction
/// at the end; a run that is stopped or fails leaves the old stories in place.
pub fn recluster_all(store: &Store, window_hours: Option<u32>) -> Result<ClusterSummary, IngestError> {
    recluster_all_with(store, window_hours, &mut |_, _| {})
}

/// [`recluster_all`], calling `progress(done, total)` as articles are placed.
pub fn recluster_all_with(
    store: &Store,
    window_hours: Option<u32>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ClusterSummary, IngestError> {
    store.begin_rebuild()?;
    let ids = store.all_ids_in_time_order()?;
    run(store, Engine::new(Config::default()), window_hours, &ids, Target::Staged, progress)
}

/// Articles placed between two progress reports.
const PROGRESS_EVERY: usize = 500;

/// Where a run's decisions go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// The live stories, from the engine state of this generation.
    Live(Generation),
    /// A rebuild's staging tables, swapped in at the end.
    Staged,
}

/// Feeds `ids` (in time order) to the engine in chunks and writes its decisions to `target`.
fn run(
    store: &Store,
    mut engine: Engine,
    window_hours: Option<u32>,
    ids: &[i64],
    target: Target,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ClusterSummary, IngestError> {
    let started = Instant::now();
    let total = ids.len() as u64;
    progress(0, total);
    if let Some(h) = window_hours {
        engine.set_window(i64::from(h) * 3600);
    }
    let mut summary = ClusterSummary::default();
    // Publication-time order over everything pending (the same input always gives the same
    // stories), read in bounded chunks.
    for chunk in ids.chunks(ROUND) {
        let prepared: Vec<(marsad_store::PendingArticle, marsad_cluster::Features)> = store
            .pending(chunk)?
            .into_par_iter()
            .map(|p| {
                let f = features(&p.title, &p.body);
                (p, f)
            })
            .collect();
        let mut assignments = Vec::with_capacity(prepared.len());
        for (i, (p, f)) in prepared.iter().enumerate() {
            if i > 0 && i.is_multiple_of(PROGRESS_EVERY) {
                progress(summary.articles + i as u64, total);
            }
            let a = engine.add(Input { id: p.id, time: p.time, dated: p.dated, outlet: &p.outlet, features: f });
            summary.new_stories += u64::from(a.new_story);
            summary.new_threads += u64::from(a.new_thread);
            summary.copies += u64::from(a.copy_of.is_some());
            assignments.push(a);
        }
        summary.articles += assignments.len() as u64;
        progress(summary.articles, total);
        let changes = engine.take_changes();
        match target {
            Target::Live(since) => store.save_clustering(&assignments, &changes, &engine.snapshot(), since)?,
            // The engine state is saved once, with the swap: only the final one matters.
            Target::Staged => store.stage_clustering(&assignments, &changes)?,
        }
    }
    if target == Target::Staged {
        store.swap_rebuild(&engine.snapshot())?;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}
