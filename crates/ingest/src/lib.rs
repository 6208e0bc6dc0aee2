//! Getting documents into marsad: [`ingest_paths`] walks files and directories, detects each
//! file's format from its content, decompresses gzip, extracts articles on all cores and stores
//! them in batches — one SQLite transaction per batch, an index commit every few thousand
//! articles and at the end.
//!
//! A bad file never stops the batch: it becomes a [`Rejected`] entry naming the file and the
//! reason, and the walk goes on.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{PoisonError, RwLock};
use std::time::{Duration, Instant};

use flate2::read::MultiGzDecoder;
use marsad_extract::boilerplate::LineStats;
use marsad_extract::{Article, MAX_DOCUMENT_BYTES, RejectReason, Rejection, Sniffed, extract_with, jsonl, sniff};
use marsad_store::{InsertOutcome, NewArticle, Store, StoreError};
use rayon::prelude::*;
use serde::Serialize;

pub mod address;
pub mod crawl;
pub mod discover;
pub mod entities;
pub mod fetch;
pub mod gz;
pub mod leads;
pub mod lines;
pub mod metrics;
pub mod polite;
mod stories;
mod walk;
pub mod warc;
pub use lines::{Line, LineReader};
pub use polite::Polite;
pub use stories::{ClusterSummary, cluster_pending, cluster_pending_with, recluster_all, recluster_all_with};
pub use walk::walk;

/// Errors that stop an ingest run (a bad *input* never does; a broken store does).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The saved clustering state could not be read.
    #[error("the saved story-clustering state is unreadable ({0}); run `marsad recluster` to rebuild it")]
    ClusterState(String),
}

/// Tuning knobs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Articles per SQLite transaction.
    pub batch_size: usize,
    /// Make new articles searchable at least this often.
    pub commit_interval: Duration,
    /// …or after this many new articles.
    pub commit_every: usize,
    /// Group the new articles into stories at the end of the run.
    pub cluster: bool,
    /// Find the new articles' entities and quotations at the end of the run.
    pub entities: bool,
    /// How long stories stay open, hours (default: the engine's three days).
    pub story_window_hours: Option<u32>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            batch_size: 1000,
            commit_interval: Duration::from_secs(20),
            commit_every: 25_000,
            cluster: true,
            entities: true,
            story_window_hours: None,
        }
    }
}

/// A document or record that was not stored, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Rejected {
    /// File path, with `#record` or `:line` when the file holds several documents.
    pub source: String,
    /// Why.
    pub rejection: Rejection,
}

/// What happened, as the run goes.
#[derive(Debug, Clone)]
pub enum Event<'a> {
    /// Files to read (known after the walk).
    Files(u64),
    /// A batch was committed to the database: counts since the start.
    Progress {
        /// Documents seen (stored, duplicate or rejected).
        documents: u64,
        /// Files finished.
        files: u64,
    },
    /// A document was rejected.
    Rejected(&'a Rejected),
    /// Grouping the new articles into stories, after the files are read: articles placed so far
    /// of `total` (first sent with `done` 0, when the phase begins).
    Clustering {
        /// Articles placed.
        done: u64,
        /// Articles to place.
        total: u64,
    },
    /// Finding the new articles' entities and quotations, after the files are read.
    Entities {
        /// Articles annotated.
        done: u64,
        /// Articles to annotate.
        total: u64,
    },
}

/// Totals of a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Files read.
    pub files: u64,
    /// Articles stored for the first time.
    pub new: u64,
    /// Articles already in the store.
    pub already_present: u64,
    /// Rejections by reason code.
    pub rejected: BTreeMap<String, u64>,
    /// Wall time, seconds.
    pub seconds: f64,
    /// Other articles' leads taken out of bodies (see [`leads`]).
    pub leads: Option<leads::LeadsSummary>,
    /// Story clustering of the new articles.
    pub clustering: Option<ClusterSummary>,
    /// Entities and quotations of the new articles.
    pub entities: Option<entities::EntitiesSummary>,
}

impl Summary {
    /// Total rejected.
    pub fn rejected_total(&self) -> u64 {
        self.rejected.values().sum()
    }

    /// The one-line summary printed at the end of `marsad ingest`.
    pub fn line(&self) -> String {
        let mut s =
            format!("{} new, {} already present, {} rejected", self.new, self.already_present, self.rejected_total());
        if !self.rejected.is_empty() {
            let parts: Vec<String> = self.rejected.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            s.push_str(&format!(" ({})", parts.join(", ")));
        }
        let docs = self.new + self.already_present + self.rejected_total();
        s.push_str(&format!(
            " — {} files, {:.1} s, {:.0} documents/s",
            self.files,
            self.seconds,
            docs as f64 / self.seconds.max(1e-9)
        ));
        if let Some(l) = self.leads.as_ref().filter(|l| l.bodies_cut > 0) {
            s.push_str(&format!(
                "; {} paragraphs of other articles' leads taken out of {} bodies",
                l.paragraphs_removed, l.bodies_cut
            ));
        }
        if let Some(c) = self.clustering.as_ref().filter(|c| c.articles > 0) {
            s.push_str(&format!("; {} new stories, {} copies", c.new_stories, c.copies));
        }
        s
    }
}

/// One unit of work sent from the extracting threads to the writer.
enum Item {
    Article(Box<NewArticle>),
    Rejected(Rejected),
    FileDone,
}

/// Reads at most `limit` bytes; `Ok(None)` when there is more than that.
fn read_capped(r: &mut impl Read, limit: usize) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    r.take(limit as u64 + 1).read_to_end(&mut buf)?;
    Ok((buf.len() <= limit).then_some(buf))
}

fn io_rejection(e: &std::io::Error, gzip: bool) -> Rejection {
    if gzip
        && matches!(
            e.kind(),
            std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData
        )
    {
        Rejection::new(RejectReason::TruncatedGzip, format!("gzip stream is truncated or corrupt: {e}"))
    } else {
        Rejection::new(RejectReason::Unreadable, e.to_string())
    }
}

/// Reads one input whole, decompressing gzip, within the size limit (for `marsad extract`). Only
/// regular files are opened: a FIFO is refused rather than waited on.
pub fn read_document(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = walk::open_regular(path).map_err(|r| std::io::Error::other(r.detail))?;
    let mut raw = BufReader::new(file);
    let gzip = sniff(raw.fill_buf()?) == Sniffed::Gzip;
    let mut reader: Box<dyn Read> = if gzip { Box::new(MultiGzDecoder::new(raw)) } else { Box::new(raw) };
    read_capped(&mut reader, MAX_DOCUMENT_BYTES)?.ok_or_else(|| {
        std::io::Error::other(format!("over the {} MB limit for one document", MAX_DOCUMENT_BYTES >> 20))
    })
}

/// Extracts one file, sending articles and rejections as it goes (JSON Lines are streamed).
fn process_file(path: &Path, tx: &SyncSender<Item>, stats: &RwLock<LineStats>) {
    let display = path.display().to_string();
    let reject = |rejection: Rejection, at: Option<String>| {
        let source = at.map_or_else(|| display.clone(), |a| format!("{display}{a}"));
        let _ = tx.send(Item::Rejected(Rejected { source, rejection }));
    };
    let file = match walk::open_regular(path) {
        Ok(f) => f,
        Err(rejection) => {
            reject(rejection, None);
            let _ = tx.send(Item::FileDone);
            return;
        }
    };
    let size = file.metadata().map_or(0, |m| m.len());
    let mut raw = BufReader::with_capacity(64 * 1024, file);
    let gzip = match raw.fill_buf() {
        Ok(head) => sniff(head) == Sniffed::Gzip,
        Err(e) => {
            reject(io_rejection(&e, false), None);
            let _ = tx.send(Item::FileDone);
            return;
        }
    };
    // Member by member, so that a corrupt member in the middle of a CC-NEWS file costs one
    // record, not the rest of the file.
    let mut reader: Box<dyn BufRead> =
        if gzip { Box::new(BufReader::with_capacity(64 * 1024, gz::GzMembers::new(raw))) } else { Box::new(raw) };
    let head_kind = match reader.fill_buf() {
        Ok(head) => sniff(head),
        Err(e) => {
            reject(io_rejection(&e, gzip), None);
            let _ = tx.send(Item::FileDone);
            return;
        }
    };
    let too_large = || {
        Rejection::new(
            RejectReason::TooLarge,
            format!("over the {} MB limit for one document", MAX_DOCUMENT_BYTES >> 20),
        )
    };
    if head_kind == Sniffed::Jsonl {
        stream_jsonl(reader, gzip, &display, tx);
    } else if head_kind == Sniffed::Warc {
        stream_warc(reader, gzip, &display, tx, stats);
    } else if head_kind == Sniffed::Binary {
        // Decided from the head; no need to read the rest.
        reject(Rejection::new(RejectReason::Binary, "binary data, not a text document"), None);
    } else if !gzip && size > MAX_DOCUMENT_BYTES as u64 {
        reject(too_large(), None);
    } else {
        match read_capped(&mut reader, MAX_DOCUMENT_BYTES) {
            Ok(Some(bytes)) => {
                let extracted = {
                    let stats = stats.read().unwrap_or_else(PoisonError::into_inner);
                    extract_with(&bytes, &marsad_extract::Options { line_stats: Some(&stats), ..Default::default() })
                };
                let many = extracted.records.len() > 1;
                let mut page_lines = extracted.page_lines;
                for rec in extracted.records {
                    match rec {
                        Ok(a) => {
                            // Records of a TREC file are documents of their own; the articles of a
                            // page share its source, so embedded ones are linked to the main one.
                            let at = if many { a.doc_id.as_ref().map(|d| format!("#{d}")) } else { None };
                            let source = at.map_or_else(|| display.clone(), |a| format!("{display}{a}"));
                            send_article(tx, a, source, std::mem::take(&mut page_lines));
                        }
                        Err(rej) => reject(rej, None),
                    }
                }
            }
            Ok(None) => reject(
                Rejection::new(
                    RejectReason::TooLarge,
                    format!("over the {} MB limit for one document", MAX_DOCUMENT_BYTES >> 20),
                ),
                None,
            ),
            Err(e) => reject(io_rejection(&e, gzip), None),
        }
    }
    let _ = tx.send(Item::FileDone);
}

fn send_article(tx: &SyncSender<Item>, a: Article, source: String, page_lines: Vec<u64>) {
    let _ = tx.send(Item::Article(Box::new(NewArticle { article: a, source, page_lines })));
}

/// Extracts the HTML responses of a WARC stream, each with its target URI and capture date;
/// records the reader could not read are listed as rejections and reading goes on.
fn stream_warc(reader: Box<dyn BufRead>, gzip: bool, display: &str, tx: &SyncSender<Item>, stats: &RwLock<LineStats>) {
    for item in warc::WarcReader::new(reader) {
        let rejected = match item {
            Ok(warc::WarcItem::Response(resp)) => {
                extract_response(resp, display, tx, stats);
                continue;
            }
            Ok(warc::WarcItem::Rejected(r)) => {
                let reason = match r.problem {
                    warc::WarcProblem::CorruptGzip(_) => RejectReason::TruncatedGzip,
                    warc::WarcProblem::TooLarge(_) => RejectReason::TooLarge,
                    _ => RejectReason::Malformed,
                };
                let source = match &r.uri {
                    Some(uri) => format!("{display}#{uri}"),
                    None => format!("{display}@{}", r.offset),
                };
                Rejected { source, rejection: Rejection::new(reason, r.to_string()) }
            }
            // The stream itself failed; the reader stops after this.
            Err(warc::WarcError::Io(e)) => Rejected { source: display.to_string(), rejection: io_rejection(&e, gzip) },
        };
        let _ = tx.send(Item::Rejected(rejected));
    }
}

/// Extracts the articles of one WARC response.
fn extract_response(resp: warc::WarcResponse, display: &str, tx: &SyncSender<Item>, stats: &RwLock<LineStats>) {
    let source = format!("{display}#{}", resp.url);
    let html = fetch::is_html_response(resp.content_type.as_deref(), &resp.body);
    if resp.status != 200 || !html {
        return;
    }
    let extracted = {
        let stats = stats.read().unwrap_or_else(PoisonError::into_inner);
        // The capture time is the base date for relative expressions and stands in for a page
        // that prints no date and whose URL gives no day.
        extract_with(
            &resp.body,
            &marsad_extract::Options {
                line_stats: Some(&stats),
                content_type: resp.content_type.as_deref(),
                url: Some(&resp.url),
                fetched: resp.date,
                ..Default::default()
            },
        )
    };
    let mut page_lines = extracted.page_lines;
    for rec in extracted.records {
        match rec {
            Ok(a) => send_article(tx, a, source.clone(), std::mem::take(&mut page_lines)),
            Err(rej) => {
                let _ = tx.send(Item::Rejected(Rejected { source: source.clone(), rejection: rej }));
            }
        }
    }
}

fn stream_jsonl(reader: Box<dyn BufRead>, gzip: bool, display: &str, tx: &SyncSender<Item>) {
    // Lines are capped like documents: a 1 GB line is refused as it streams past, never held.
    let mut lines = LineReader::new(reader, MAX_DOCUMENT_BYTES);
    loop {
        // The number of the line about to be read (the borrow of `line` forbids asking after).
        let n = lines.line_number() + 1;
        let line = match lines.next_line() {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(e) => {
                let _ = tx
                    .send(Item::Rejected(Rejected { source: display.to_string(), rejection: io_rejection(&e, gzip) }));
                break;
            }
        };
        let source = format!("{display}:{n}");
        match line {
            Line::TooLong { skipped_bytes } => {
                let rejection = Rejection::new(
                    RejectReason::TooLarge,
                    format!(
                        "line {n} has {} MB, over the {} MB limit for one document",
                        skipped_bytes >> 20,
                        MAX_DOCUMENT_BYTES >> 20
                    ),
                );
                let _ = tx.send(Item::Rejected(Rejected { source, rejection }));
            }
            Line::Line(bytes) => match jsonl::parse_line_bytes(bytes, n as usize) {
                Some(Ok(mut a)) => {
                    marsad_extract::finish(&mut a);
                    send_article(tx, a, source, Vec::new());
                }
                Some(Err(rejection)) => {
                    let _ = tx.send(Item::Rejected(Rejected { source, rejection }));
                }
                None => {}
            },
        }
    }
}

/// Ingests files and directories into the store. `on_event` sees progress and every rejection.
/// Setting `stop` makes the run finish the work in hand and return early (Ctrl-C).
pub fn ingest_paths(
    store: &Store,
    paths: &[PathBuf],
    opts: &Options,
    stop: &AtomicBool,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Result<Summary, IngestError> {
    let started = Instant::now();
    let (files, missing) = walk(paths);
    on_event(Event::Files(files.len() as u64));
    let mut summary = Summary::default();
    for r in &missing {
        *summary.rejected.entry(r.rejection.reason.code().to_string()).or_default() += 1;
        on_event(Event::Rejected(r));
    }
    // The outlets' line statistics: read by the extracting threads, grown by the writer as new
    // pages are stored.
    let stats = RwLock::new(store.line_stats()?);
    let stats = &stats;
    let (tx, rx) = sync_channel::<Item>(4096);
    let result = std::thread::scope(|scope| -> Result<(), IngestError> {
        scope.spawn(move || {
            files.par_iter().for_each_with(tx, |tx, path| {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                // A bug in a parser must cost one file, not the batch.
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process_file(path, tx, stats)));
                if outcome.is_err() {
                    let _ = tx.send(Item::Rejected(Rejected {
                        source: path.display().to_string(),
                        rejection: Rejection::new(
                            RejectReason::Malformed,
                            "internal error while extracting this file (a marsad bug; please report it with the file)",
                        ),
                    }));
                    let _ = tx.send(Item::FileDone);
                }
            });
        });
        let mut batch: Vec<NewArticle> = Vec::with_capacity(opts.batch_size);
        let mut since_commit = 0usize;
        let mut last_commit = Instant::now();
        let mut documents = 0u64;
        let mut flush = |batch: &mut Vec<NewArticle>, summary: &mut Summary| -> Result<(), IngestError> {
            if !batch.is_empty() {
                let outcomes = store.insert_batch(batch)?;
                let mut learned = stats.write().unwrap_or_else(PoisonError::into_inner);
                for (o, item) in outcomes.into_iter().zip(batch.iter()) {
                    match o {
                        InsertOutcome::New { .. } => {
                            summary.new += 1;
                            if let (Some(outlet), false) = (&item.article.outlet, item.page_lines.is_empty()) {
                                learned.observe(&outlet.id, &item.page_lines.iter().copied().collect());
                            }
                        }
                        InsertOutcome::Duplicate { .. } => summary.already_present += 1,
                    }
                }
                drop(learned);
                since_commit += batch.len();
                batch.clear();
            }
            if since_commit >= opts.commit_every || last_commit.elapsed() >= opts.commit_interval {
                store.commit()?;
                since_commit = 0;
                last_commit = Instant::now();
            }
            Ok(())
        };
        // Keep draining the channel even after a store error so the workers can finish.
        let mut failure = None;
        for item in rx {
            if failure.is_some() {
                continue;
            }
            match item {
                Item::Article(a) => {
                    documents += 1;
                    batch.push(*a);
                    if batch.len() >= opts.batch_size {
                        match flush(&mut batch, &mut summary) {
                            Ok(()) => on_event(Event::Progress { documents, files: summary.files }),
                            Err(e) => {
                                failure = Some(e);
                                stop.store(true, Ordering::Relaxed);
                            }
                        }
                    }
                }
                Item::Rejected(r) => {
                    documents += 1;
                    *summary.rejected.entry(r.rejection.reason.code().to_string()).or_default() += 1;
                    on_event(Event::Rejected(&r));
                }
                Item::FileDone => summary.files += 1,
            }
        }
        if let Some(e) = failure {
            return Err(e);
        }
        flush(&mut batch, &mut summary)?;
        on_event(Event::Progress { documents, files: summary.files });
        Ok(())
    });
    // Whatever happened, make what SQLite holds searchable.
    let commit = store.commit();
    result?;
    commit?;
    // Before clustering, which reads the bodies: a teaser of another story is not this one's.
    summary.leads = Some(leads::strip_foreign_leads(store)?);
    annotate_and_cluster(store, opts, on_event, &mut summary)?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The passes after reading: the new articles' entities and their stories. Each reads the stored
/// articles and neither needs the other's results, so when both run they run side by side — the
/// entity pass on its own thread (annotating on all cores), clustering (one thread) on this one —
/// and the cores clustering leaves idle annotate. Both report progress through `on_event`, from
/// this thread.
fn annotate_and_cluster(
    store: &Store,
    opts: &Options,
    on_event: &mut dyn FnMut(Event<'_>),
    summary: &mut Summary,
) -> Result<(), IngestError> {
    let cluster = |on_event: &mut dyn FnMut(Event<'_>), entity_progress: &dyn Fn() -> Vec<(u64, u64)>| {
        let mut progress = |done, total| {
            for (done, total) in entity_progress() {
                on_event(Event::Entities { done, total });
            }
            on_event(Event::Clustering { done, total });
        };
        cluster_pending_with(store, opts.story_window_hours, &mut progress)
    };
    match (opts.entities, opts.cluster) {
        (false, false) => Ok(()),
        (false, true) => {
            summary.clustering = Some(cluster(on_event, &Vec::new)?);
            Ok(())
        }
        (true, false) => {
            let mut progress = |done, total| on_event(Event::Entities { done, total });
            summary.entities = Some(entities::annotate_pending(store, &mut progress)?);
            Ok(())
        }
        (true, true) => {
            let (tx, rx) = std::sync::mpsc::channel();
            let (annotated, clustered) = std::thread::scope(|s| {
                let annotating = s.spawn(move || {
                    entities::annotate_pending(store, &mut |done, total| {
                        // The receiver lives until this thread is joined.
                        let _ = tx.send((done, total));
                    })
                });
                // The entity pass says it has begun (or ends) before clustering begins, so the
                // two passes always announce themselves in one order.
                if let Ok((done, total)) = rx.recv() {
                    on_event(Event::Entities { done, total });
                }
                let clustered = cluster(on_event, &|| rx.try_iter().collect());
                // Clustering is done; the entity pass's progress until it ends (the sender goes
                // with its thread).
                for (done, total) in rx.iter() {
                    on_event(Event::Entities { done, total });
                }
                (annotating.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), clustered)
            });
            summary.entities = Some(annotated?);
            summary.clustering = Some(clustered?);
            Ok(())
        }
    }
}
