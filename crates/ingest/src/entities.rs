//! The annotation pass: every article not yet annotated gets its entities, mentions and
//! quotations (`marsad_entities`), its entities resolved against those already stored, in rounds
//! of [`ENTITY_CHUNK`] articles annotated on all cores. The store records how far the pass got,
//! so a run that stops leaves the rest to the next one; `marsad reindex` clears and redoes it.

use std::sync::OnceLock;
use std::time::Instant;

use marsad_entities::Annotator;
use marsad_store::entities::ENTITY_CHUNK;
use marsad_store::{Store, StoreError};
use rayon::prelude::*;
use serde::Serialize;

/// What the pass did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EntitiesSummary {
    /// Articles annotated.
    pub articles: u64,
    /// Bare names merged into the full names that own them.
    pub merged: usize,
    /// Seconds taken.
    pub seconds: f64,
}

/// The annotator with the shipped model, loaded once.
pub fn annotator() -> Result<&'static Annotator, StoreError> {
    static A: OnceLock<Annotator> = OnceLock::new();
    if let Some(a) = A.get() {
        return Ok(a);
    }
    let a = Annotator::shipped().map_err(|e| StoreError::Recognizer(e.to_string()))?;
    Ok(A.get_or_init(|| a))
}

/// Annotates every article after the pass's progress mark; `progress(done, total)` after each round.
pub fn annotate_pending(store: &Store, progress: &mut dyn FnMut(u64, u64)) -> Result<EntitiesSummary, StoreError> {
    let started = Instant::now();
    let annotator = annotator()?;
    let mut after = store.entity_progress()?;
    let total = store.articles_after(after)?;
    let mut registry = store.entity_registry()?;
    let mut summary = EntitiesSummary::default();
    progress(0, total);
    loop {
        let rows = store.articles_for_entities(after, ENTITY_CHUNK)?;
        let Some(last) = rows.last().map(|r| r.id) else { break };
        let round = rows.len() as u64;
        let annotated: Vec<_> = rows
            .into_par_iter()
            .map(|a| {
                let annotations = annotator.annotate_with_dateline(&a.blocks, a.dateline.as_deref());
                (a, annotations)
            })
            .collect();
        store.save_annotations(&mut registry, &annotated, last)?;
        summary.articles += round;
        // Ids only grow: each round starts past the last one.
        after = last;
        progress(summary.articles, total);
    }
    let merges = registry.consolidate();
    summary.merged = merges.len();
    store.merge_entities(&merges)?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Forgets every entity and annotates all articles again.
pub fn reannotate_all(store: &Store, progress: &mut dyn FnMut(u64, u64)) -> Result<EntitiesSummary, StoreError> {
    store.clear_entities()?;
    annotate_pending(store, progress)
}
