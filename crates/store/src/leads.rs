//! The outlets' index of leads, for telling another article's teaser inside a body: what the
//! ingest pass that strips other articles' leads from bodies reads and writes (see
//! `marsad_ingest::leads` for the rule).
//!
//! Each stored article with an outlet contributes bounded keys ([`lead_key`]): its *leads* (first
//! paragraph, the same without a leading dateline, its summary) and the paragraphs of its body's
//! tail. A lead key met among another article's tail keys names the articles to check again when
//! the lead arrives after them. `lead_progress` records the highest article id whose keys are in
//! the index and whose body was checked, so a run that stops before the pass leaves the work to
//! the next one.

use rusqlite::{OptionalExtension, params};
use tantivy::Term;

use crate::{IndexRow, Result, Store, StoreError, index, lock};

/// Letters of a paragraph's head that make its key: about eight words, enough to tell one lead
/// from another (a scraper copies a teaser word for word) while a lead cut short still matches.
pub const KEY_LETTERS: usize = 40;

/// A head with fewer letters than this has no key: too short to name one article.
pub const MIN_KEY_LETTERS: usize = 30;

/// Characters of a paragraph read for its key (the letters come from the first few of them).
const KEY_READ_CHARS: usize = 400;

/// Kind of a key row: the lead of its article.
pub const KIND_LEAD: i64 = 0;
/// Kind of a key row: a paragraph of its article's body tail.
pub const KIND_TAIL: i64 = 1;

/// The key of a paragraph's head: its first [`KEY_LETTERS`] letters once normalised (spelling
/// variants folded, diacritics, digits and punctuation dropped), hashed (FNV-1a, 64 bits) so that
/// every key is eight bytes. `None` when the head has fewer than [`MIN_KEY_LETTERS`] letters.
pub fn lead_key(text: &str) -> Option<i64> {
    let head: String = text.chars().take(KEY_READ_CHARS).collect();
    let letters: String =
        marsad_text::normalize(&head).chars().filter(|c| c.is_alphabetic()).take(KEY_LETTERS).collect();
    if letters.chars().count() < MIN_KEY_LETTERS {
        return None;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in letters.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // SQLite integers are signed; the hash is stored bit for bit.
    Some(h as i64)
}

/// One key of one article, for [`Store::add_lead_keys`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadKeyRow {
    /// The article's outlet.
    pub outlet: String,
    /// [`lead_key`] of the paragraph.
    pub key: i64,
    /// [`KIND_LEAD`] or [`KIND_TAIL`].
    pub kind: i64,
    /// The article.
    pub article_id: i64,
}

/// An article as the pass reads it: enough to compute its keys and judge its tail.
#[derive(Debug, Clone)]
pub struct LeadArticle {
    /// Store id.
    pub id: i64,
    /// Outlet id.
    pub outlet: String,
    /// Headline.
    pub title: String,
    /// Summary/abstract.
    pub summary: Option<String>,
    /// Body paragraphs as stored now.
    pub paragraphs: Vec<String>,
}

fn lead_article(r: &rusqlite::Row<'_>) -> rusqlite::Result<LeadArticle> {
    let body: String = r.get(4)?;
    Ok(LeadArticle {
        id: r.get(0)?,
        outlet: r.get(1)?,
        title: r.get(2)?,
        summary: r.get(3)?,
        paragraphs: body.split("\n\n").filter(|p| !p.is_empty()).map(String::from).collect(),
    })
}

/// Characters of a body read by the pass (the extraction limit, with room for separators).
const LEAD_BODY_CHARS: &str = "300000";
const LEAD_BODY_LIMIT: i64 = 300_000;

impl Store {
    /// The highest article id stored (0 for none).
    pub fn last_article_id(&self) -> Result<i64> {
        self.max_id()
    }

    /// The highest article id whose keys are indexed and whose body was checked (0 for none).
    pub fn leads_checked_upto(&self) -> Result<i64> {
        let conn = lock(&self.conn);
        Ok(conn
            .query_row("SELECT upto FROM lead_progress WHERE id = 1", [], |r| r.get::<_, i64>(0))
            .optional()?
            .unwrap_or(0))
    }

    /// Records that every article up to `upto` is indexed and checked.
    pub fn set_leads_checked_upto(&self, upto: i64) -> Result<()> {
        self.refuse_read_only()?;
        lock(&self.conn).execute(
            "INSERT INTO lead_progress (id, upto) VALUES (1, ?1) ON CONFLICT(id) DO UPDATE SET upto = excluded.upto",
            [upto],
        )?;
        Ok(())
    }

    /// Up to `limit` articles with an outlet and an id in `(after, upto]`, in id order.
    pub fn lead_articles_between(&self, after: i64, upto: i64, limit: usize) -> Result<Vec<LeadArticle>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare_cached(&format!(
            "SELECT id, outlet_id, title, summary, substr(body, 1, {LEAD_BODY_CHARS}) FROM articles
             WHERE id > ?1 AND id <= ?2 AND outlet_id IS NOT NULL ORDER BY id LIMIT ?3"
        ))?;
        let rows = st.query_map(params![after, upto, limit as i64], lead_article)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// One article as the pass reads it (`None` when it has no outlet or does not exist).
    pub fn lead_article(&self, id: i64) -> Result<Option<LeadArticle>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare_cached(&format!(
            "SELECT id, outlet_id, title, summary, substr(body, 1, {LEAD_BODY_CHARS}) FROM articles
             WHERE id = ?1 AND outlet_id IS NOT NULL"
        ))?;
        Ok(st.query_row([id], lead_article).optional()?)
    }

    /// Adds keys to the index, in one transaction (a key already there is left as it is).
    pub fn add_lead_keys(&self, rows: &[LeadKeyRow]) -> Result<()> {
        self.refuse_read_only()?;
        let mut conn = lock(&self.conn);
        let tx = conn.transaction()?;
        {
            let mut st = tx.prepare_cached(
                "INSERT OR IGNORE INTO lead_keys (outlet_id, kind, key, article_id) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for r in rows {
                st.execute(params![r.outlet, r.kind, r.key, r.article_id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Up to `limit` articles of `outlet` with an id in `(after, upto]` and a key of `kind` equal
    /// to `key`, lowest id first (page on with the last id returned as `after`).
    pub fn articles_with_key(
        &self,
        outlet: &str,
        kind: i64,
        key: i64,
        (after, upto): (i64, i64),
        limit: usize,
    ) -> Result<Vec<i64>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare_cached(
            "SELECT article_id FROM lead_keys
             WHERE outlet_id = ?1 AND kind = ?2 AND key = ?3 AND article_id > ?4 AND article_id <= ?5
             ORDER BY article_id LIMIT ?6",
        )?;
        let ids = st
            .query_map(params![outlet, kind, key, after, upto, limit as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// An article's keys of `kind`.
    pub fn keys_of(&self, article_id: i64, kind: i64) -> Result<Vec<i64>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare_cached("SELECT key FROM lead_keys WHERE article_id = ?1 AND kind = ?2")?;
        let keys = st.query_map(params![article_id, kind], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(keys)
    }

    /// An article's headline.
    pub fn title_of(&self, article_id: i64) -> Result<Option<String>> {
        let conn = lock(&self.conn);
        Ok(conn
            .prepare_cached("SELECT title FROM articles WHERE id = ?1")?
            .query_row([article_id], |r| r.get(0))
            .optional()?)
    }

    /// Takes the paragraphs from `keep` on out of an article's body and keeps them as its teasers
    /// (`titles[i]` the headline of the article the `i`-th one teases, empty when unknown), then
    /// replaces the article in the search index. The body's text hash is left as it is: it names
    /// the text as extracted, so the same record ingested again is still known. Returns false
    /// when the article is gone or its body is no longer than `keep` paragraphs. Call
    /// [`Store::commit`] to make the change searchable.
    pub fn cut_body(&self, id: i64, keep: usize, titles: &[String]) -> Result<bool> {
        self.refuse_read_only()?;
        let row = {
            let mut conn = lock(&self.conn);
            let tx = conn.transaction()?;
            let row = tx
                .query_row(
                    &format!(
                        "SELECT id, title, substr(body, 1, {LEAD_BODY_CHARS}), outlet_id, section, section_label,
                            language, published, length(body) FROM articles WHERE id = ?1"
                    ),
                    [id],
                    |r| {
                        // A body stored whole before the size limit existed is left alone: it is
                        // not read whole, so it cannot be rewritten.
                        if r.get::<_, i64>(8)? > LEAD_BODY_LIMIT {
                            return Ok(None);
                        }
                        IndexRow::from_row(r).map(Some)
                    },
                )
                .optional()?
                .flatten();
            let Some(mut row) = row else { return Ok(false) };
            let paragraphs: Vec<&str> = row.body.split("\n\n").filter(|p| !p.is_empty()).collect();
            if keep == 0 || paragraphs.len() <= keep {
                return Ok(false);
            }
            let body = paragraphs[..keep].join("\n\n");
            tx.execute("UPDATE articles SET body = ?2 WHERE id = ?1", params![id, body])?;
            let next: i64 =
                tx.query_row("SELECT COALESCE(MAX(position) + 1, 0) FROM teasers WHERE article_id = ?1", [id], |r| {
                    r.get(0)
                })?;
            {
                let mut st = tx.prepare_cached(
                    "INSERT INTO teasers (article_id, position, title, lead) VALUES (?1, ?2, ?3, ?4)",
                )?;
                for (i, lead) in paragraphs[keep..].iter().enumerate() {
                    let title = titles.get(i).map_or("", String::as_str);
                    st.execute(params![id, next + i as i64, title, lead])?;
                }
            }
            tx.commit()?;
            row.body = body;
            row
        };
        // The index holds what SQLite held up to the last id added to it; an article it has not
        // reached yet is added, with its new body, by the catch-up.
        if row.id <= *lock(&self.pending_last_id) {
            let f = self.fields;
            self.with_writer(|w| {
                w.delete_term(Term::from_field_u64(f.id, row.id as u64));
                w.add_document(index::document(&f, &row.as_doc()))?;
                Ok(())
            })?;
        }
        Ok(true)
    }

    fn refuse_read_only(&self) -> Result<()> {
        if self.read_only { Err(StoreError::ReadOnly(self.dir.clone())) } else { Ok(()) }
    }
}
