//! What story clustering reads from and writes to the store: the articles waiting for a story,
//! the engine's saved state, and the decisions (assignments, story and thread summaries).
//!
//! Decisions go to one of two places. Ingest writes them **live**, one
//! transaction per chunk. A full rebuild (`marsad recluster`) writes them **staged**: into
//! `TEMP` tables of this connection, beside the live stories that readers keep seeing, and
//! [`Store::swap_rebuild`] replaces the live ones in one transaction at the end. A rebuild that
//! is killed leaves the live stories as they were (temporary tables vanish with the connection),
//! and writing the staged tables never takes the database's write lock, so a crawl in another
//! process goes on meanwhile.

use marsad_cluster::{Assignment, Changes};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::stories::representative;
use crate::{Result, Store, StoreError, lock};

/// An article waiting to be clustered.
#[derive(Debug, Clone)]
pub struct PendingArticle {
    /// Store id.
    pub id: i64,
    /// The time the article is known by (publication time, else the start of its stated day),
    /// or the ingest time for undated articles (Unix seconds): the engine needs a time for every
    /// article, but only `dated` ones carry evidence.
    pub time: i64,
    /// False when `time` is the ingest time.
    pub dated: bool,
    /// Outlet id.
    pub outlet: String,
    /// Headline.
    pub title: String,
    /// Body (at most the extraction limit, also for articles stored before it existed).
    pub body: String,
}

/// The statements that write decisions to one target. Both targets have the same shape; the
/// staged one keeps assignments in its own table instead of the articles' columns.
struct TargetSql {
    assign: &'static str,
    /// (id, title, title_inferred, is a copy) of a story's newest members.
    members: &'static str,
    /// A story's most frequent section.
    section: &'static str,
    /// The earliest and latest known time of a story's members (NULL when none is dated).
    span: &'static str,
    stories: &'static str,
    threads: &'static str,
}

const LIVE: TargetSql = TargetSql {
    assign: "UPDATE articles SET story_id = ?2, copy_of = ?3, story_similarity = ?4 WHERE id = ?1",
    members: "SELECT id, title, title_inferred, copy_of IS NOT NULL FROM articles WHERE story_id = ?1
              ORDER BY id DESC LIMIT 60",
    section: "SELECT section FROM articles WHERE story_id = ?1 AND section IS NOT NULL
              GROUP BY section ORDER BY COUNT(*) DESC, section LIMIT 1",
    span: "SELECT MIN(known_time), MAX(known_time) FROM articles WHERE story_id = ?1",
    stories: "main.stories",
    threads: "main.threads",
};

const STAGED: TargetSql = TargetSql {
    assign: "INSERT INTO temp.next_assign (id, story_id, copy_of, story_similarity) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(id) DO UPDATE SET story_id = excluded.story_id, copy_of = excluded.copy_of,
                story_similarity = excluded.story_similarity",
    members: "SELECT a.id, a.title, a.title_inferred, n.copy_of IS NOT NULL
              FROM temp.next_assign n JOIN main.articles a ON a.id = n.id WHERE n.story_id = ?1
              ORDER BY a.id DESC LIMIT 60",
    section: "SELECT a.section FROM temp.next_assign n JOIN main.articles a ON a.id = n.id
              WHERE n.story_id = ?1 AND a.section IS NOT NULL
              GROUP BY a.section ORDER BY COUNT(*) DESC, a.section LIMIT 1",
    span: "SELECT MIN(a.known_time), MAX(a.known_time) FROM temp.next_assign n JOIN main.articles a ON a.id = n.id
           WHERE n.story_id = ?1",
    stories: "temp.next_stories",
    threads: "temp.next_threads",
};

/// The staging tables of a rebuild: the live tables' columns, in the same order.
const STAGING_TABLES: &str = "
    DROP TABLE IF EXISTS temp.next_assign;
    DROP TABLE IF EXISTS temp.next_stories;
    DROP TABLE IF EXISTS temp.next_threads;
    CREATE TEMP TABLE next_assign (
        id               INTEGER PRIMARY KEY,
        story_id         INTEGER NOT NULL,
        copy_of          INTEGER,
        story_similarity REAL
    );
    CREATE INDEX temp.next_assign_story ON next_assign(story_id);
    CREATE TEMP TABLE next_stories (
        id            INTEGER PRIMARY KEY,
        thread_id     INTEGER NOT NULL,
        first_seen    INTEGER,
        last_seen     INTEGER,
        articles      INTEGER NOT NULL,
        outlets       INTEGER NOT NULL,
        title_article INTEGER,
        section       TEXT,
        top_terms     TEXT NOT NULL,
        top_names     TEXT NOT NULL
    );
    CREATE TEMP TABLE next_threads (
        id         INTEGER PRIMARY KEY,
        first_seen INTEGER NOT NULL,
        last_seen  INTEGER NOT NULL,
        stories    INTEGER NOT NULL,
        top_terms  TEXT NOT NULL
    );";

/// Replaces the live clustering with the staged one. Only rows whose assignment changes are
/// written (article rows carry their bodies: rewriting every one would hold the write lock for
/// long on a big store), and the generation moves on, so that a clustering still running from
/// the old engine state cannot save over the new one.
const SWAP: &str = "
    UPDATE articles SET story_id = NULL, copy_of = NULL, story_similarity = NULL
        WHERE (story_id IS NOT NULL OR copy_of IS NOT NULL OR story_similarity IS NOT NULL)
          AND id NOT IN (SELECT id FROM temp.next_assign);
    UPDATE articles SET story_id = n.story_id, copy_of = n.copy_of, story_similarity = n.story_similarity
        FROM temp.next_assign n
        WHERE n.id = articles.id
          AND (articles.story_id IS NOT n.story_id OR articles.copy_of IS NOT n.copy_of
               OR articles.story_similarity IS NOT n.story_similarity);
    INSERT INTO cluster_state (key, value) VALUES ('generation', 1)
        ON CONFLICT(key) DO UPDATE SET value = value + 1;
    DELETE FROM main.stories;
    INSERT INTO main.stories (id, thread_id, first_seen, last_seen, articles, outlets, title_article, section,
                              top_terms, top_names)
        SELECT id, thread_id, first_seen, last_seen, articles, outlets, title_article, section, top_terms, top_names
        FROM temp.next_stories;
    DELETE FROM main.threads;
    INSERT INTO main.threads (id, first_seen, last_seen, stories, top_terms)
        SELECT id, first_seen, last_seen, stories, top_terms FROM temp.next_threads;";

impl Store {
    /// Ids of the articles not yet in a story, in the order of their known times (publication
    /// time, else the stated day), undated articles after them in ingest order, ties by id.
    pub fn unclustered_ids(&self) -> Result<Vec<i64>> {
        self.ids_in_time_order("WHERE story_id IS NULL")
    }

    /// Ids of every article, in the order of [`Store::unclustered_ids`] (for a rebuild).
    pub fn all_ids_in_time_order(&self) -> Result<Vec<i64>> {
        self.ids_in_time_order("")
    }

    fn ids_in_time_order(&self, filter: &str) -> Result<Vec<i64>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare_cached(&format!(
            "SELECT id FROM articles {filter} ORDER BY known_time IS NULL, COALESCE(known_time, ingested_at), id"
        ))?;
        Ok(st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
    }

    /// The articles with these ids, for clustering.
    pub fn pending(&self, ids: &[i64]) -> Result<Vec<PendingArticle>> {
        const _: () = assert!(marsad_extract::MAX_BODY_CHARS == 100_000, "update the substr() bound below");
        let conn = lock(&self.conn);
        let mut st = conn.prepare_cached(
            "SELECT id, COALESCE(known_time, ingested_at), known_time IS NOT NULL, COALESCE(outlet_id, ''), title,
                    substr(body, 1, 100000)
             FROM articles WHERE id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let row = st
                .query_row([id], |r| {
                    Ok(PendingArticle {
                        id: r.get(0)?,
                        time: r.get(1)?,
                        dated: r.get(2)?,
                        outlet: r.get(3)?,
                        title: r.get(4)?,
                        body: r.get(5)?,
                    })
                })
                .optional()?;
            out.extend(row);
        }
        Ok(out)
    }

    /// The clustering engine's saved state, if any, with the generation it belongs to (pass it
    /// back to [`Store::save_clustering`]).
    pub fn load_cluster_state(&self) -> Result<(Option<Vec<u8>>, Generation)> {
        let mut conn = lock(&self.conn);
        // One read transaction: the state and its generation are seen together.
        let tx = conn.transaction()?;
        let state =
            tx.query_row("SELECT value FROM cluster_state WHERE key = 'engine'", [], |r| r.get(0)).optional()?;
        let generation = generation(&tx)?;
        tx.commit()?;
        Ok((state, generation))
    }

    /// Records clustering decisions, story and thread summaries, and the engine state, live, in
    /// one transaction (so a crash leaves either all of it or none). Refused with
    /// [`StoreError::ClusteringSuperseded`] when the stories were rebuilt since `since` was read.
    pub fn save_clustering(
        &self,
        assignments: &[Assignment],
        changes: &Changes,
        engine_state: &[u8],
        since: Generation,
    ) -> Result<()> {
        let mut conn = lock(&self.conn);
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if generation(&tx)? != since {
            return Err(StoreError::ClusteringSuperseded);
        }
        write_decisions(&tx, &LIVE, assignments, changes)?;
        save_engine_state(&tx, engine_state)?;
        tx.commit()?;
        Ok(())
    }

    /// Starts a rebuild of all stories beside the live ones: empty staging tables (an earlier,
    /// interrupted rebuild of this connection is discarded).
    pub fn begin_rebuild(&self) -> Result<()> {
        lock(&self.conn).execute_batch(STAGING_TABLES)?;
        Ok(())
    }

    /// Records clustering decisions of a rebuild in its staging tables; readers still see the
    /// live stories. Needs [`Store::begin_rebuild`] first.
    pub fn stage_clustering(&self, assignments: &[Assignment], changes: &Changes) -> Result<()> {
        let mut conn = lock(&self.conn);
        let tx = conn.transaction()?;
        write_decisions(&tx, &STAGED, assignments, changes)?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces the live stories, threads, copy groups and engine state with the rebuilt ones,
    /// in one transaction, and drops the staging tables. Articles stored meanwhile by another
    /// process are left unclustered, for the next ingest to place.
    pub fn swap_rebuild(&self, engine_state: &[u8]) -> Result<()> {
        let mut conn = lock(&self.conn);
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(SWAP)?;
        save_engine_state(&tx, engine_state)?;
        tx.commit()?;
        conn.execute_batch(
            "DROP TABLE IF EXISTS temp.next_assign; DROP TABLE IF EXISTS temp.next_stories;
             DROP TABLE IF EXISTS temp.next_threads;",
        )?;
        Ok(())
    }
}

/// Which clustering the engine state belongs to: moved on by every rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generation(i64);

fn generation(tx: &Transaction<'_>) -> Result<Generation> {
    let g: Option<i64> =
        tx.query_row("SELECT value FROM cluster_state WHERE key = 'generation'", [], |r| r.get(0)).optional()?;
    Ok(Generation(g.unwrap_or(0)))
}

fn save_engine_state(tx: &Transaction<'_>, engine_state: &[u8]) -> Result<()> {
    tx.execute(
        "INSERT INTO cluster_state (key, value) VALUES ('engine', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [engine_state],
    )?;
    Ok(())
}

/// Writes assignments and the story and thread summaries that changed to `target`.
fn write_decisions(
    tx: &Transaction<'_>,
    target: &TargetSql,
    assignments: &[Assignment],
    changes: &Changes,
) -> Result<()> {
    let mut set = tx.prepare_cached(target.assign)?;
    for a in assignments {
        set.execute(params![a.article, a.story as i64, a.copy_of, f64::from(a.similarity)])?;
    }
    let mut members = tx.prepare_cached(target.members)?;
    let mut section = tx.prepare_cached(target.section)?;
    let mut span = tx.prepare_cached(target.span)?;
    let mut upsert = tx.prepare_cached(&format!(
        "INSERT INTO {} (id, thread_id, first_seen, last_seen, articles, outlets, title_article, section, top_terms, top_names)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT(id) DO UPDATE SET thread_id = excluded.thread_id, first_seen = excluded.first_seen,
            last_seen = excluded.last_seen, articles = excluded.articles, outlets = excluded.outlets,
            title_article = excluded.title_article, section = excluded.section, top_terms = excluded.top_terms,
            top_names = excluded.top_names",
        target.stories
    ))?;
    for s in &changes.stories {
        let id = s.id as i64;
        let rows: Vec<(i64, String, bool, bool)> = members
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let sec: Option<String> = section.query_row([id], |r| r.get(0)).optional()?;
        // The engine's times include undated members' ingest times; a story is shown by its
        // dated members only.
        let (first, last): (Option<i64>, Option<i64>) = span.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        upsert.execute(params![
            id,
            s.thread as i64,
            first,
            last,
            s.articles,
            s.outlets,
            representative(&rows),
            sec,
            serde_json::to_string(&s.top_terms).expect("terms serialise"),
            serde_json::to_string(&s.top_names).expect("names serialise"),
        ])?;
    }
    let mut thread = tx.prepare_cached(&format!(
        "INSERT INTO {} (id, first_seen, last_seen, stories, top_terms) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(id) DO UPDATE SET first_seen = excluded.first_seen, last_seen = excluded.last_seen,
            stories = excluded.stories, top_terms = excluded.top_terms",
        target.threads
    ))?;
    for t in &changes.threads {
        thread.execute(params![
            t.id as i64,
            t.first,
            t.last,
            t.stories,
            serde_json::to_string(&t.top_terms).expect("terms serialise")
        ])?;
    }
    Ok(())
}
