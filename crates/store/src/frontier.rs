//! The followed feeds and the URL frontier. Both live in SQLite so that a crash or `kill -9` in
//! the middle of a crawl resumes where it stopped: a URL is marked done only after its article is
//! stored, and an article stored twice is recognised by its URL.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::{Result, Store, lock};

/// A followed feed or sitemap.
#[derive(Debug, Clone, Serialize)]
pub struct Feed {
    /// Id.
    pub id: i64,
    /// Feed or sitemap URL.
    pub url: String,
    /// Title (from the OPML or the feed).
    pub title: Option<String>,
    /// Outlet name given with it.
    pub outlet: Option<String>,
    /// Country given with it.
    pub country: Option<String>,
    /// Poll interval, seconds.
    pub interval_secs: i64,
    /// Next poll, Unix seconds.
    pub next_fetch: i64,
    /// Validators for conditional GET.
    pub etag: Option<String>,
    /// `Last-Modified` of the last fetch.
    pub last_modified: Option<String>,
    /// Consecutive failures.
    pub failures: i64,
    /// Last poll, Unix seconds.
    pub last_fetch: Option<i64>,
    /// Last outcome («200», «304», «error»).
    pub last_status: Option<String>,
    /// Last error message.
    pub last_error: Option<String>,
    /// Articles stored from it.
    pub articles: i64,
}

/// A URL due for fetching.
#[derive(Debug, Clone)]
pub struct FrontierUrl {
    /// Canonical key.
    pub url_key: String,
    /// URL to fetch.
    pub url: String,
    /// The feed it came from.
    pub feed_id: Option<i64>,
    /// Host (for politeness).
    pub host: String,
    /// Attempts so far.
    pub attempts: i64,
    /// The date the feed gave it, Unix seconds.
    pub reference: Option<i64>,
}

/// How fetching one frontier URL ended.
#[derive(Debug, Clone)]
pub struct UrlOutcome {
    /// Canonical key.
    pub url_key: String,
    /// `done`, `skipped` or `failed`.
    pub state: &'static str,
    /// The stored article (done).
    pub article: Option<i64>,
    /// Why it was skipped or failed.
    pub error: Option<String>,
}

/// Frontier counts by state.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FrontierStats {
    /// Waiting.
    pub queued: u64,
    /// Fetched and stored (or already present).
    pub done: u64,
    /// Given up on (with a reason).
    pub failed: u64,
    /// Not fetched by policy (robots.txt, private address, not HTML …).
    pub skipped: u64,
}

const FEED_COLUMNS: &str = "id, url, title, outlet, country, interval_secs, next_fetch, etag, last_modified, failures, last_fetch, last_status, last_error, articles";

fn feed_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Feed> {
    Ok(Feed {
        id: r.get(0)?,
        url: r.get(1)?,
        title: r.get(2)?,
        outlet: r.get(3)?,
        country: r.get(4)?,
        interval_secs: r.get(5)?,
        next_fetch: r.get(6)?,
        etag: r.get(7)?,
        last_modified: r.get(8)?,
        failures: r.get(9)?,
        last_fetch: r.get(10)?,
        last_status: r.get(11)?,
        last_error: r.get(12)?,
        articles: r.get(13)?,
    })
}

impl Store {
    /// Adds a feed (or updates its title/outlet/country); returns its id and whether it is new.
    pub fn add_feed(
        &self,
        url: &str,
        title: Option<&str>,
        outlet: Option<&str>,
        country: Option<&str>,
    ) -> Result<(i64, bool)> {
        let conn = lock(&self.conn);
        let existing: Option<i64> =
            conn.query_row("SELECT id FROM feeds WHERE url = ?1", [url], |r| r.get(0)).optional()?;
        if let Some(id) = existing {
            conn.execute(
                "UPDATE feeds SET title = COALESCE(?2, title), outlet = COALESCE(?3, outlet), country = COALESCE(?4, country) WHERE id = ?1",
                params![id, title, outlet, country],
            )?;
            return Ok((id, false));
        }
        conn.execute(
            "INSERT INTO feeds (url, title, outlet, country, added_at) VALUES (?1, ?2, ?3, ?4, strftime('%s','now'))",
            params![url, title, outlet, country],
        )?;
        Ok((conn.last_insert_rowid(), true))
    }

    /// Every feed.
    pub fn feeds(&self) -> Result<Vec<Feed>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare(&format!("SELECT {FEED_COLUMNS} FROM feeds ORDER BY id"))?;
        Ok(st.query_map([], feed_row)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Feeds due for a poll at `now`.
    pub fn due_feeds(&self, now: i64) -> Result<Vec<Feed>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare_cached(&format!(
            "SELECT {FEED_COLUMNS} FROM feeds WHERE next_fetch <= ?1 ORDER BY next_fetch, id"
        ))?;
        Ok(st.query_map([now], feed_row)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Removes a feed by id or URL; true when one was removed.
    pub fn remove_feed(&self, id_or_url: &str) -> Result<bool> {
        let conn = lock(&self.conn);
        let id: Option<i64> = match id_or_url.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => conn.query_row("SELECT id FROM feeds WHERE url = ?1", [id_or_url], |r| r.get(0)).optional()?,
        };
        let Some(id) = id else { return Ok(false) };
        conn.execute("UPDATE frontier SET feed_id = NULL WHERE feed_id = ?1", [id])?;
        Ok(conn.execute("DELETE FROM feeds WHERE id = ?1", [id])? > 0)
    }

    /// Records a poll's outcome and schedules the next one.
    #[allow(clippy::too_many_arguments)]
    pub fn feed_polled(
        &self,
        id: i64,
        now: i64,
        next_fetch: i64,
        status: &str,
        error: Option<&str>,
        etag: Option<&str>,
        last_modified: Option<&str>,
        failed: bool,
    ) -> Result<()> {
        lock(&self.conn).execute(
            "UPDATE feeds SET last_fetch = ?2, next_fetch = ?3, last_status = ?4, last_error = ?5,
                etag = COALESCE(?6, etag), last_modified = COALESCE(?7, last_modified),
                failures = CASE WHEN ?8 THEN failures + 1 ELSE 0 END
             WHERE id = ?1",
            params![id, now, next_fetch, status, error, etag, last_modified, failed],
        )?;
        Ok(())
    }

    /// Adds discovered URLs to the frontier (each canonical URL once, ever); returns how many were
    /// new.
    pub fn enqueue(
        &self,
        urls: &[(String, String, String, Option<i64>)],
        feed_id: Option<i64>,
        now: i64,
    ) -> Result<usize> {
        let mut conn = lock(&self.conn);
        let tx = conn.transaction()?;
        let mut n = 0;
        {
            let mut st = tx.prepare_cached(
                "INSERT OR IGNORE INTO frontier (url_key, url, feed_id, host, discovered, reference, next_attempt)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
            )?;
            for (key, url, host, reference) in urls {
                n += st.execute(params![key, url, feed_id, host, now, reference])?;
            }
        }
        tx.commit()?;
        Ok(n)
    }

    /// Queued URLs due at `now`, oldest first, at most `per_host` from any one host: hosts are
    /// interleaved so that one outlet's long backlog never starves the others.
    pub fn due_urls(&self, now: i64, per_host: usize, limit: usize) -> Result<Vec<FrontierUrl>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare_cached(
            "SELECT url_key, url, feed_id, host, attempts, reference FROM (
                SELECT url_key, url, feed_id, host, attempts, reference, next_attempt,
                    ROW_NUMBER() OVER (PARTITION BY host ORDER BY next_attempt, discovered, url_key) AS rn
                FROM frontier WHERE state = 'queued' AND next_attempt <= ?1)
             WHERE rn <= ?2 ORDER BY rn, next_attempt, host LIMIT ?3",
        )?;
        Ok(st
            .query_map(params![now, per_host as i64, limit as i64], |r| {
                Ok(FrontierUrl {
                    url_key: r.get(0)?,
                    url: r.get(1)?,
                    feed_id: r.get(2)?,
                    host: r.get(3)?,
                    attempts: r.get(4)?,
                    reference: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Records addresses of already-stored articles as done (a page's rel=canonical, where a
    /// redirect led), so that no feed makes marsad fetch them again.
    pub fn mark_seen(&self, rows: &[(String, String, String, i64)], now: i64) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut conn = lock(&self.conn);
        let tx = conn.transaction()?;
        {
            let mut st = tx.prepare_cached(
                "INSERT OR IGNORE INTO frontier (url_key, url, host, discovered, next_attempt, state, article_id)
                 VALUES (?1, ?2, ?3, ?4, 0, 'done', ?5)",
            )?;
            for (key, url, host, article) in rows {
                st.execute(params![key, url, host, now, article])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// When the next queued URL falls due (Unix seconds), if any is queued.
    pub fn next_queued_at(&self) -> Result<Option<i64>> {
        Ok(lock(&self.conn)
            .query_row("SELECT MIN(next_attempt) FROM frontier WHERE state = 'queued'", [], |r| r.get(0))?)
    }

    /// [`Store::url_finished`] for many URLs in one transaction.
    pub fn urls_finished(&self, done: &[UrlOutcome]) -> Result<()> {
        let mut conn = lock(&self.conn);
        let tx = conn.transaction()?;
        {
            let mut st = tx.prepare_cached(
                "UPDATE frontier SET state = ?2, article_id = ?3, last_error = ?4, attempts = attempts + 1 WHERE url_key = ?1",
            )?;
            let mut count = tx.prepare_cached(
                "UPDATE feeds SET articles = articles + 1 WHERE id = (SELECT feed_id FROM frontier WHERE url_key = ?1)",
            )?;
            for d in done {
                st.execute(params![d.url_key, d.state, d.article, d.error])?;
                if d.article.is_some() {
                    count.execute([&d.url_key])?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Marks a URL fetched: done (with its article), skipped or failed (with the reason).
    pub fn url_finished(
        &self,
        url_key: &str,
        state: &'static str,
        article: Option<i64>,
        error: Option<&str>,
    ) -> Result<()> {
        self.urls_finished(&[UrlOutcome {
            url_key: url_key.to_string(),
            state,
            article,
            error: error.map(str::to_string),
        }])
    }

    /// Schedules another attempt of a URL at `at`.
    pub fn url_retry(&self, url_key: &str, at: i64, error: &str) -> Result<()> {
        lock(&self.conn).execute(
            "UPDATE frontier SET attempts = attempts + 1, next_attempt = ?2, last_error = ?3 WHERE url_key = ?1",
            params![url_key, at, error],
        )?;
        Ok(())
    }

    /// Counts by state.
    pub fn frontier_stats(&self) -> Result<FrontierStats> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare_cached("SELECT state, COUNT(*) FROM frontier GROUP BY state")?;
        let mut s = FrontierStats::default();
        for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u64>(1)?)))? {
            let (state, n) = row?;
            match state.as_str() {
                "queued" => s.queued = n,
                "done" => s.done = n,
                "failed" => s.failed = n,
                _ => s.skipped += n,
            }
        }
        Ok(s)
    }

    /// The last error recorded for a URL (for reports and tests).
    pub fn url_state(&self, url_key: &str) -> Result<Option<(String, Option<String>)>> {
        Ok(lock(&self.conn)
            .query_row("SELECT state, last_error FROM frontier WHERE url_key = ?1", [url_key], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?)
    }
}
