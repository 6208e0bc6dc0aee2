//! The annotation pass: every article not yet annotated gets its entities, mentions and
//! quotations (`marsad_entities`), its entities resolved against those already stored, in rounds
//! of [`ENTITY_CHUNK`] articles annotated on all cores. The store records how far the pass got,
//! so a run that stops leaves the rest to the next one; `marsad reindex` clears and redoes it.

use std::sync::OnceLock;
use std::time::Instant;

use marsad_entities::registry::Registry;
use marsad_entities::{Annotations, Annotator};
use marsad_store::entities::ArticleBlocks;
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
/// Each round's articles are annotated on all cores while the previous round is written, so the
/// database's writes (one thread) hide behind the annotation instead of idling the cores.
pub fn annotate_pending(store: &Store, progress: &mut dyn FnMut(u64, u64)) -> Result<EntitiesSummary, StoreError> {
    let started = Instant::now();
    let annotator = annotator()?;
    let mut after = store.entity_progress()?;
    let total = store.articles_after(after)?;
    let mut registry = store.entity_registry()?;
    let mut summary = EntitiesSummary::default();
    progress(0, total);
    // The round annotated but not yet written, with its last article's id.
    let mut unsaved: Option<(Vec<Annotated>, i64)> = None;
    loop {
        let rows = store.articles_for_entities(after, ENTITY_CHUNK)?;
        let last = rows.last().map(|r| r.id);
        let (annotated, saved) = std::thread::scope(|s| {
            let work = s.spawn(|| annotate_round(annotator, rows));
            let saved = unsaved.take().map(|(round, last)| write_round(store, &mut registry, &round, last));
            (work.join(), saved)
        });
        let annotated = annotated.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        if let Some(saved) = saved {
            summary.articles += saved?;
            progress(summary.articles, total);
        }
        let Some(last) = last else { break };
        // Ids only grow: each round starts past the last one.
        after = last;
        unsaved = Some((annotated, last));
    }
    let merges = registry.consolidate();
    summary.merged = merges.len();
    store.merge_entities(&merges)?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// An article and what the annotator found in it.
type Annotated = (ArticleBlocks, Annotations);

/// One round's articles annotated on all cores.
fn annotate_round(annotator: &Annotator, rows: Vec<ArticleBlocks>) -> Vec<Annotated> {
    rows.into_par_iter()
        .map(|a| {
            let annotations = annotator.annotate_with_dateline(&a.blocks, a.dateline.as_deref());
            (a, annotations)
        })
        .collect()
}

/// Writes one annotated round and the pass's progress mark; the number of articles written.
fn write_round(store: &Store, registry: &mut Registry, round: &[Annotated], last: i64) -> Result<u64, StoreError> {
    store.save_annotations(registry, round, last)?;
    Ok(round.len() as u64)
}

/// Forgets every entity and annotates all articles again.
pub fn reannotate_all(store: &Store, progress: &mut dyn FnMut(u64, u64)) -> Result<EntitiesSummary, StoreError> {
    store.clear_entities()?;
    annotate_pending(store, progress)
}
