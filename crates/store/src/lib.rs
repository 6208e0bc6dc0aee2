//! marsad's store. SQLite is the system of record (WAL, versioned migrations, one transaction per
//! batch); the tantivy index is derived from it and can always be rebuilt ([`Store::reindex`]).
//!
//! Crash safety: a batch is committed to SQLite first and only then added to the index. Each index
//! commit records the highest article id it covers; on open, anything SQLite holds beyond that is
//! indexed again ("catch-up"), so a kill between the two commits loses nothing.

mod access;
mod clustering;
pub mod entities;
mod error;
mod frontier;
pub mod index;
pub mod leads;
mod listing;
pub mod model;
pub mod query;
pub mod relevance;
mod rows;
pub mod schema;
mod search;
mod search_check;
pub mod snippet;
mod stories;
mod written;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use chrono::Utc;
use marsad_extract::Article;
use marsad_extract::boilerplate::{LineStats, OutletLines};
use marsad_extract::model::{Cut, DateSource, Headline, HeadlineList, Role, Teaser};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy};

pub use access::writable;
pub use clustering::{Generation, PendingArticle};
pub use error::{Result, StoreError};
pub use frontier::{Feed, FrontierStats, FrontierUrl, UrlOutcome};
pub use listing::resolve_outlet;
pub use model::{ArticleSummary, Extra, Filter, InsertOutcome, Page, Stats, StoredArticle, Undated};
pub use query::ParsedQuery;
use rows::{FULL_COLUMNS, full_row};
pub(crate) use rows::{OUTLET_DISPLAY, SUMMARY_COLUMNS, SUMMARY_COUNT, lead, summary_row, ts};
pub use snippet::Highlighted;
pub use stories::{CopyGroup, OutletCoverage, StoryArticle, StoryCard, StoryDetail, StoryFilter};

/// Heap given to tantivy's indexer, shared by its threads.
const WRITER_MEMORY: usize = 192 * 1024 * 1024;
/// Rows per read when (re)building the index.
const REINDEX_CHUNK: i64 = 2000;
/// Bodies shorter than this many words are too thin to be a dedup key on their own.
const MIN_WORDS_FOR_TEXT_KEY: usize = 25;

/// The deepest result any listing or search serves: `offset + limit` may not pass it (like
/// Elasticsearch's `index.max_result_window`). tantivy's top-docs collector reserves room for
/// `offset + limit` hits up front and SQLite reads `OFFSET` rows only to skip them, so an
/// unbounded offset is a request to allocate or scan without limit; nobody reads past page 500
/// of a listing, and filters reach any older article.
pub const MAX_RESULT_WINDOW: usize = 10_000;

/// Refuses a page of results that reaches past [`MAX_RESULT_WINDOW`], before tantivy or SQLite
/// sees it.
fn check_window(offset: usize, limit: usize) -> Result<()> {
    match offset.checked_add(limit) {
        Some(end) if end <= MAX_RESULT_WINDOW => Ok(()),
        _ => Err(StoreError::ResultWindow { offset, limit, max: MAX_RESULT_WINDOW }),
    }
}

/// An article on its way into the store, with where it came from.
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// The extracted article.
    pub article: Article,
    /// The file (and record) it was read from, for provenance. Articles of one page share it; an
    /// embedded article is linked to the main article of the same source.
    pub source: String,
    /// For a page's main article: hashes of the page's short lines, counted towards the outlet's
    /// line statistics when the page is new.
    pub page_lines: Vec<u64>,
}

impl NewArticle {
    /// An article from `source`, with no page lines.
    pub fn new(article: Article, source: impl Into<String>) -> Self {
        Self { article, source: source.into(), page_lines: Vec::new() }
    }
}

/// A search request.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query as typed: words (all required), `"phrases"`, `-exclusions`.
    pub query: String,
    /// Restrictions.
    pub filter: Filter,
    /// Results to skip.
    pub offset: usize,
    /// Results to return.
    pub limit: usize,
    /// Match documents with any of the words (ranked by how many), not all of them.
    pub any_term: bool,
    /// Newest matches first instead of best first (for monitoring: a feed of a query); undated
    /// articles come last, and every hit's score is 0.
    pub newest_first: bool,
}

/// One search result.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// The article.
    #[serde(flatten)]
    pub article: ArticleSummary,
    /// Relevance score.
    pub score: f32,
    /// The headline with matches marked.
    pub title_marked: Highlighted,
    /// The best passage of the body with matches marked.
    pub snippet: Highlighted,
    /// Republished copies of the article found by the same search, folded into this hit.
    pub copies: Vec<ArticleSummary>,
}

/// Search results.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// The query.
    pub query: String,
    /// Matching documents in all.
    pub total: usize,
    /// Offset of the first hit.
    pub offset: usize,
    /// This page of hits.
    pub hits: Vec<SearchHit>,
    /// Time taken, milliseconds.
    pub took_ms: f64,
}

#[derive(Serialize, Deserialize, Default)]
struct CommitPayload {
    index_version: u32,
    last_id: i64,
}

fn role_str(r: Role) -> &'static str {
    match r {
        Role::Main => "main",
        Role::Embedded => "embedded",
    }
}

fn date_source_str(d: DateSource) -> &'static str {
    match d {
        DateSource::Record => "record",
        DateSource::Meta => "meta",
        DateSource::Text => "text",
        DateSource::Inferred => "inferred",
        DateSource::Url => "url",
        DateSource::Fetch => "fetch",
    }
}

/// Counts a new page's short lines towards its outlet's statistics.
fn record_page_lines(tx: &rusqlite::Transaction<'_>, outlet: &str, lines: &[u64]) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO outlet_pages (outlet_id, pages) VALUES (?1, 1)
         ON CONFLICT(outlet_id) DO UPDATE SET pages = pages + 1",
    )?
    .execute([outlet])?;
    let mut st = tx.prepare_cached(
        "INSERT INTO outlet_lines (outlet_id, line_hash, pages) VALUES (?1, ?2, 1)
         ON CONFLICT(outlet_id, line_hash) DO UPDATE SET pages = pages + 1",
    )?;
    for h in lines {
        // SQLite integers are signed; the hash is stored bit for bit.
        st.execute(params![outlet, *h as i64])?;
    }
    Ok(())
}

fn write_lists_and_teasers(tx: &rusqlite::Transaction<'_>, id: i64, a: &Article) -> Result<()> {
    let mut list_st = tx.prepare_cached(
        "INSERT INTO headline_lists (article_id, position, heading, section_hint) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut item_st =
        tx.prepare_cached("INSERT INTO headlines (list_id, position, text, truncated) VALUES (?1, ?2, ?3, ?4)")?;
    for (pos, list) in a.related.iter().enumerate() {
        list_st.execute(params![id, pos as i64, list.heading, list.section_hint])?;
        let list_id = tx.last_insert_rowid();
        for (i, h) in list.items.iter().enumerate() {
            item_st.execute(params![list_id, i as i64, h.text, h.truncated])?;
        }
    }
    let mut teaser_st =
        tx.prepare_cached("INSERT INTO teasers (article_id, position, title, lead) VALUES (?1, ?2, ?3, ?4)")?;
    for (pos, t) in a.teasers.iter().enumerate() {
        teaser_st.execute(params![id, pos as i64, t.title, t.lead])?;
    }
    Ok(())
}

/// An article as read back for (re)indexing.
struct IndexRow {
    id: i64,
    title: String,
    body: String,
    outlet: Option<String>,
    section: Option<String>,
    section_label: Option<String>,
    lang: Option<String>,
    published: Option<i64>,
}

impl IndexRow {
    /// Reads the row of `SELECT id, title, body, outlet_id, section, section_label, language,
    /// published …`, in that column order.
    fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(IndexRow {
            id: r.get(0)?,
            title: r.get(1)?,
            body: r.get(2)?,
            outlet: r.get(3)?,
            section: r.get(4)?,
            section_label: r.get(5)?,
            lang: r.get(6)?,
            published: r.get(7)?,
        })
    }

    fn as_doc(&self) -> index::IndexDoc<'_> {
        index::IndexDoc {
            id: self.id,
            title: &self.title,
            body: &self.body,
            outlet: self.outlet.as_deref(),
            section: self.section.as_deref(),
            section_label: self.section_label.as_deref(),
            lang: self.lang.as_deref(),
            published: self.published,
        }
    }
}

/// The store: database, index, and the writer when this process writes.
pub struct Store {
    dir: PathBuf,
    conn: Mutex<Connection>,
    index: Index,
    fields: index::Fields,
    reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    /// Highest article id added to the index writer (committed or not).
    pending_last_id: Mutex<i64>,
    /// Opened with [`Store::open_read_only`]: no writer, no writes.
    read_only: bool,
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not make the store unusable; the data under the lock is consistent
    // between statements.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Store {
    /// Opens (creating if needed) the store in `dir`: `marsad.sqlite` and `index/`.
    pub fn open(dir: impl AsRef<Path>) -> Result<Store> {
        let dir = dir.as_ref().to_path_buf();
        let data_err = |source| StoreError::DataDir { path: dir.clone(), source };
        access::check_not_a_file(&dir)?;
        std::fs::create_dir_all(&dir).map_err(data_err)?;
        let db_path = dir.join("marsad.sqlite");
        let mut conn = Connection::open(&db_path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        schema::migrate(&mut conn, &db_path)?;

        let index_dir = dir.join("index");
        let (index, fields) = open_index(&index_dir)?;
        let store = Store::from_parts(dir, conn, index, fields, false)?;
        *lock(&store.pending_last_id) = store.indexed_upto()?;
        store.catch_up()?;
        access::share_index_meta(&store.dir);
        Ok(store)
    }

    /// A store over an opened database and index, with a reader and no writer yet.
    fn from_parts(
        dir: PathBuf,
        conn: Connection,
        index: Index,
        fields: index::Fields,
        read_only: bool,
    ) -> Result<Store> {
        let reader = index.reader_builder().reload_policy(ReloadPolicy::OnCommitWithDelay).try_into()?;
        Ok(Store {
            dir,
            conn: Mutex::new(conn),
            index,
            fields,
            reader,
            writer: Mutex::new(None),
            pending_last_id: Mutex::new(0),
            read_only,
        })
    }

    /// Opens the store in `dir` without writing anything there (see the `access` module): for a
    /// directory this process may not write to, or when asked to leave the data untouched. No
    /// migration and no index catch-up run; a store that needs either is refused
    /// ([`StoreError::NeedsWriter`]), one that does not exist is [`StoreError::Empty`], and every
    /// write fails with [`StoreError::ReadOnly`]. Articles stored after the last index commit are
    /// not searchable ([`Store::index_lag`] says how many).
    pub fn open_read_only(dir: impl AsRef<Path>) -> Result<Store> {
        let dir = dir.as_ref().to_path_buf();
        access::check_not_a_file(&dir)?;
        let db_path = dir.join("marsad.sqlite");
        if !db_path.exists() {
            return Err(StoreError::Empty(dir));
        }
        let conn = access::open_database(&db_path)?;
        access::check_schema(&conn, &dir)?;
        let index_dir = dir.join("index");
        let stale = |what: &str| StoreError::NeedsWriter { dir: dir.clone(), what: what.into() };
        if !index_dir.join("meta.json").exists() {
            return Err(stale("the search index is missing"));
        }
        access::check_index_readable(&dir)?;
        let index = Index::open(access::ReadOnlyDirectory::open(&index_dir)?)?;
        let (schema, fields) = index::schema();
        let version = commit_payload(&index)?.map(|p| p.index_version);
        if index.schema() != schema || version.is_some_and(|v| v != index::INDEX_VERSION) {
            return Err(stale("the search index was built by another version of marsad"));
        }
        index::register_tokenizers(&index);
        let store = Store::from_parts(dir, conn, index, fields, true)?;
        *lock(&store.pending_last_id) = store.indexed_upto()?;
        Ok(store)
    }

    /// True when opened with [`Store::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// True when no article was ever stored (cheap, unlike [`Store::count`]).
    pub fn is_empty(&self) -> Result<bool> {
        Ok(!lock(&self.conn).query_row("SELECT EXISTS (SELECT 1 FROM articles)", [], |r| r.get::<_, bool>(0))?)
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn indexed_upto(&self) -> Result<i64> {
        let payload = self.index.load_metas()?.payload;
        Ok(payload.and_then(|p| serde_json::from_str::<CommitPayload>(&p).ok()).map_or(0, |p| p.last_id))
    }

    fn max_id(&self) -> Result<i64> {
        Ok(lock(&self.conn).query_row("SELECT COALESCE(MAX(id), 0) FROM articles", [], |r| r.get(0))?)
    }

    /// Articles stored but not yet searchable.
    pub fn index_lag(&self) -> Result<i64> {
        Ok(self.max_id()? - self.indexed_upto()?)
    }

    /// Indexes what SQLite holds beyond the last index commit, if no other process is writing.
    fn catch_up(&self) -> Result<()> {
        let from = self.indexed_upto()?;
        if self.max_id()? <= from {
            return Ok(());
        }
        match self.with_writer(|_| Ok(())) {
            Ok(()) => {}
            Err(StoreError::Busy(_)) => return Ok(()), // the writing process will catch up itself
            Err(e) => return Err(e),
        }
        self.index_rows_after(from, &mut |_, _| {})?;
        self.commit()
    }

    fn with_writer<T>(&self, f: impl FnOnce(&mut IndexWriter) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly(self.dir.clone()));
        }
        let mut guard = lock(&self.writer);
        if guard.is_none() {
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 2);
            let writer = self.index.writer_with_num_threads(threads, WRITER_MEMORY).map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => StoreError::Busy(self.dir.join("index")),
                e => StoreError::Index(e),
            })?;
            *guard = Some(writer);
        }
        f(guard.as_mut().expect("writer just set"))
    }

    /// Stores a batch in one SQLite transaction, then queues the new articles for indexing.
    /// Returns one outcome per input, in order. Call [`Store::commit`] to make them searchable.
    pub fn insert_batch(&self, batch: &[NewArticle]) -> Result<Vec<InsertOutcome>> {
        let now = Utc::now().timestamp();
        let mut outcomes = Vec::with_capacity(batch.len());
        let mut new_docs = Vec::new();
        {
            let mut conn = lock(&self.conn);
            let tx = conn.transaction()?;
            {
                let mut find_url = tx.prepare_cached("SELECT article_id FROM article_urls WHERE url_key = ?1")?;
                let mut find_hash = tx.prepare_cached("SELECT id FROM articles WHERE text_hash = ?1")?;
                let mut add_url =
                    tx.prepare_cached("INSERT OR IGNORE INTO article_urls (url_key, article_id) VALUES (?1, ?2)")?;
                // The first names a page gives an unregistered outlet stay; the registry's names
                // replace whatever a store recorded before the outlet was registered.
                let mut add_outlet = tx.prepare_cached(
                    "INSERT INTO outlets (id, name_ar, name_en) VALUES (?1, ?2, ?3)
                     ON CONFLICT(id) DO UPDATE SET
                        name_ar = CASE WHEN ?4 THEN excluded.name_ar ELSE COALESCE(outlets.name_ar, excluded.name_ar) END,
                        name_en = CASE WHEN ?4 THEN excluded.name_en ELSE COALESCE(outlets.name_en, excluded.name_en) END",
                )?;
                let mut add = tx.prepare_cached(
                    "INSERT INTO articles (url, url_key, text_hash, title, title_inferred, body, summary, published,
                        outlet_id, section, section_label, language, doc_id, author, format, source, ingested_at,
                        role, page_of, published_date, date_source, extra, known_time)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                        ?18, ?19, ?20, ?21, ?22, ?23)",
                )?;
                let mut add_alias =
                    tx.prepare_cached("INSERT OR IGNORE INTO doc_aliases (doc_id, article_id) VALUES (?1, ?2)")?;
                let mut main_of_source = tx.prepare_cached(
                    "SELECT id FROM articles WHERE source = ?1 AND role = 'main' ORDER BY id DESC LIMIT 1",
                )?;
                // Main article id of each page (source) met in this batch, new or already stored.
                let mut page_main: HashMap<&str, i64> = HashMap::new();
                for item in batch {
                    let a = &item.article;
                    let url_key = a.url.as_deref().and_then(marsad_extract::urls::canonical_key);
                    let body = a.body();
                    let hash = text_hash(a, &body, url_key.as_deref());
                    let existing = match &url_key {
                        Some(k) => find_url.query_row([k], |r| r.get::<_, i64>(0)).optional()?,
                        None => None,
                    };
                    let existing = match existing {
                        Some(id) => Some(id),
                        None => {
                            let by_text = find_hash.query_row([&hash], |r| r.get::<_, i64>(0)).optional()?;
                            if let (Some(id), Some(k)) = (by_text, &url_key) {
                                add_url.execute(params![k, id])?;
                            }
                            by_text
                        }
                    };
                    if let Some(id) = existing {
                        if a.role == Role::Main {
                            page_main.insert(&item.source, id);
                        }
                        if let Some(doc) = &a.doc_id {
                            add_alias.execute(params![doc, id])?;
                        }
                        outcomes.push(InsertOutcome::Duplicate { id });
                        continue;
                    }
                    if let Some(o) = &a.outlet {
                        add_outlet.execute(params![o.id, o.name_ar, o.name_en, o.is_registered()])?;
                    }
                    let page_of = match a.role {
                        Role::Main => None,
                        Role::Embedded => match page_main.get(item.source.as_str()) {
                            Some(id) => Some(*id),
                            None => main_of_source.query_row([&item.source], |r| r.get::<_, i64>(0)).optional()?,
                        },
                    };
                    let extra = Extra {
                        dateline: a.dateline.clone(),
                        attribution: a.attribution.clone(),
                        agencies: a.agencies.clone(),
                        cuts: a.cuts.clone(),
                        time_basis: a.time_basis,
                    };
                    add.execute(params![
                        a.url,
                        url_key,
                        hash,
                        a.title,
                        a.title_inferred,
                        body,
                        a.summary,
                        a.published.map(|d| d.timestamp()),
                        a.outlet.as_ref().map(|o| &o.id),
                        a.section,
                        a.section_label,
                        a.language,
                        a.doc_id,
                        a.author,
                        a.format.as_str(),
                        item.source,
                        now,
                        role_str(a.role),
                        page_of,
                        a.published_date.map(|d| d.to_string()),
                        a.date_source.map(date_source_str),
                        serde_json::to_string(&extra).expect("extra serialises"),
                        rows::known_time(a),
                    ])?;
                    let id = tx.last_insert_rowid();
                    if let Some(k) = &url_key {
                        add_url.execute(params![k, id])?;
                    }
                    if a.role == Role::Main {
                        page_main.insert(&item.source, id);
                        if let (Some(o), false) = (&a.outlet, item.page_lines.is_empty()) {
                            record_page_lines(&tx, &o.id, &item.page_lines)?;
                        }
                    }
                    write_lists_and_teasers(&tx, id, a)?;
                    outcomes.push(InsertOutcome::New { id });
                    new_docs.push((id, body, a));
                }
            }
            tx.commit()?;
        }
        if !new_docs.is_empty() {
            let f = self.fields;
            self.with_writer(|w| {
                let mut last = lock(&self.pending_last_id);
                for (id, body, a) in &new_docs {
                    w.add_document(index::document(
                        &f,
                        &index::IndexDoc {
                            id: *id,
                            title: &a.title,
                            body,
                            outlet: a.outlet.as_ref().map(|o| o.id.as_str()),
                            section: a.section.as_deref(),
                            section_label: a.section_label.as_deref(),
                            lang: a.language.as_deref(),
                            published: a.published.map(|d| d.timestamp()),
                        },
                    ))?;
                    *last = (*last).max(*id);
                }
                Ok(())
            })?;
        }
        Ok(outcomes)
    }

    /// Makes everything stored so far searchable (a tantivy commit recording the last id).
    pub fn commit(&self) -> Result<()> {
        let last_id = *lock(&self.pending_last_id);
        self.with_writer(|w| {
            let payload = serde_json::to_string(&CommitPayload { index_version: index::INDEX_VERSION, last_id })
                .expect("payload serialises");
            let mut prepared = w.prepare_commit()?;
            prepared.set_payload(&payload);
            prepared.commit()?;
            Ok(())
        })?;
        access::share_index_meta(&self.dir);
        self.reader.reload()?;
        Ok(())
    }

    /// Rebuilds the index from SQLite. `progress(done, total)` is called as it goes.
    pub fn reindex(&self, mut progress: impl FnMut(u64, u64)) -> Result<u64> {
        self.with_writer(|w| {
            w.delete_all_documents()?;
            Ok(())
        })?;
        *lock(&self.pending_last_id) = 0;
        let n = self.index_rows_after(0, &mut progress)?;
        self.commit()?;
        Ok(n)
    }

    fn index_rows_after(&self, from: i64, progress: &mut dyn FnMut(u64, u64)) -> Result<u64> {
        let total: u64 =
            lock(&self.conn).query_row("SELECT COUNT(*) FROM articles WHERE id > ?1", [from], |r| r.get(0))?;
        let mut done = 0u64;
        let mut after = from;
        loop {
            let rows: Vec<IndexRow> = {
                let conn = lock(&self.conn);
                let mut st = conn.prepare_cached(
                    "SELECT id, title, body, outlet_id, section, section_label, language, published
                     FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2",
                )?;
                st.query_map(params![after, REINDEX_CHUNK], IndexRow::from_row)?.collect::<rusqlite::Result<_>>()?
            };
            let Some(last) = rows.last().map(|r| r.id) else {
                break;
            };
            let f = self.fields;
            self.with_writer(|w| {
                for row in &rows {
                    w.add_document(index::document(&f, &row.as_doc()))?;
                }
                Ok(())
            })?;
            done += rows.len() as u64;
            after = last;
            let mut pending = lock(&self.pending_last_id);
            *pending = (*pending).max(last);
            drop(pending);
            progress(done, total);
        }
        Ok(done)
    }

    /// One article by id, with its headline lists and teasers.
    pub fn get(&self, id: i64) -> Result<Option<StoredArticle>> {
        let Some(mut a) = self.get_row(id)? else { return Ok(None) };
        let conn = lock(&self.conn);
        let mut lists_st = conn.prepare_cached(
            "SELECT id, heading, section_hint FROM headline_lists WHERE article_id = ?1 ORDER BY position",
        )?;
        let lists: Vec<(i64, String, Option<String>)> =
            lists_st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut items_st =
            conn.prepare_cached("SELECT text, truncated FROM headlines WHERE list_id = ?1 ORDER BY position")?;
        for (list_id, heading, section_hint) in lists {
            let items = items_st
                .query_map([list_id], |r| Ok(Headline { text: r.get(0)?, truncated: r.get(1)? }))?
                .collect::<rusqlite::Result<_>>()?;
            a.related.push(HeadlineList { heading, section_hint, items });
        }
        let mut teasers_st =
            conn.prepare_cached("SELECT title, lead FROM teasers WHERE article_id = ?1 ORDER BY position")?;
        a.teasers = teasers_st
            .query_map([id], |r| Ok(Teaser { title: r.get(0)?, lead: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(a))
    }

    /// Per-outlet line statistics, for recognising lines an outlet repeats on its pages.
    pub fn line_stats(&self) -> Result<LineStats> {
        let conn = lock(&self.conn);
        let mut stats = LineStats::default();
        let mut pages_st = conn.prepare("SELECT outlet_id, pages FROM outlet_pages")?;
        let outlets: Vec<(String, u32)> =
            pages_st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut lines_st = conn.prepare_cached("SELECT line_hash, pages FROM outlet_lines WHERE outlet_id = ?1")?;
        for (outlet, pages) in outlets {
            let lines = lines_st
                .query_map([&outlet], |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, u32>(1)?)))?
                .collect::<rusqlite::Result<HashMap<u64, u32>>>()?;
            stats.insert(outlet, OutletLines { pages, lines });
        }
        Ok(stats)
    }

    fn get_row(&self, id: i64) -> Result<Option<StoredArticle>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare_cached(&format!(
            "SELECT {FULL_COLUMNS} FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?1"
        ))?;
        let Some((mut a, cut_on_reading)) = st.query_row([id], full_row).optional()? else { return Ok(None) };
        if cut_on_reading {
            // A body stored whole before the size limit: count its text without the paragraph
            // separators, once, for the note that says how much is not shown.
            let total: i64 = conn.query_row(
                "SELECT length(replace(body, char(10) || char(10), '')) FROM articles WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if let Some(Cut::Body { total_chars, .. }) = a.cuts.last_mut() {
                *total_chars = usize::try_from(total).unwrap_or(*total_chars);
            }
        }
        Ok(Some(a))
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // A merge may have rewritten meta.json, owner-only, since the last commit.
        if !self.read_only {
            drop(lock(&self.writer).take());
            access::share_index_meta(&self.dir);
        }
    }
}

/// What the last index commit recorded, if it recorded anything marsad wrote.
fn commit_payload(index: &Index) -> Result<Option<CommitPayload>> {
    Ok(index.load_metas()?.payload.and_then(|p| serde_json::from_str::<CommitPayload>(&p).ok()))
}

fn open_index(dir: &Path) -> Result<(Index, index::Fields)> {
    let (schema, fields) = index::schema();
    let data_err = |source| StoreError::DataDir { path: dir.to_path_buf(), source };
    if dir.join("meta.json").exists() {
        let index = Index::open_in_dir(dir)?;
        let payload = index.load_metas()?.payload;
        let version = payload.and_then(|p| serde_json::from_str::<CommitPayload>(&p).ok()).map(|p| p.index_version);
        // An index from another analyzer or schema version (or never committed) is rebuilt.
        if index.schema() == schema && version.is_none_or(|v| v == index::INDEX_VERSION) {
            index::register_tokenizers(&index);
            return Ok((index, fields));
        }
        drop(index);
        std::fs::remove_dir_all(dir).map_err(data_err)?;
    }
    std::fs::create_dir_all(dir).map_err(data_err)?;
    let index = Index::create_in_dir(dir, schema)?;
    index::register_tokenizers(&index);
    Ok((index, fields))
}

fn text_hash(a: &Article, body: &str, url_key: Option<&str>) -> String {
    let mut key = format!("{}\n{}", a.title, body);
    if marsad_text::words(body).count() < MIN_WORDS_FOR_TEXT_KEY {
        // A headline with a line of text is not unique enough to merge two articles on.
        key.push('\n');
        key.push_str(url_key.or(a.outlet.as_ref().map(|o| o.id.as_str())).unwrap_or(""));
        key.push_str(&a.published.map(|d| d.timestamp().to_string()).unwrap_or_default());
    }
    marsad_text::text_fingerprint(&key)
}
