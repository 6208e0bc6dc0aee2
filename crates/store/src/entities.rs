//! Who is in the news, as stored: the entities the annotation pass found (see
//! `marsad_ingest::entities`), their spellings, roles, mentions and quotations, and the queries
//! the CLI, the API and the entity pages ask of them.
//!
//! An article is annotated as blocks: its title (block 0), then the paragraphs of its body
//! (block i, the i-th paragraph). Mention and quotation offsets are bytes within a block.

use std::collections::HashMap;

use marsad_entities::registry::{EntityId, Known, Registry};
use marsad_entities::{Annotations, EntityKind, NameKey};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::{Result, Store, StoreError, lock};

/// SQL for the entity an id stands for (itself, or the one it was merged into), with the id as
/// its one parameter.
pub const TARGET_OF: &str = "(SELECT COALESCE(merged_into, id) FROM entities WHERE id = ?)";

/// Most articles an entity filter narrows a search to (the newest first beyond that).
pub const MAX_FILTER_ARTICLES: usize = 200_000;

/// Articles read per round of the annotation pass.
pub const ENTITY_CHUNK: usize = 512;

/// An article as the annotation pass reads it.
#[derive(Debug, Clone)]
pub struct ArticleBlocks {
    /// The article.
    pub id: i64,
    /// Its title, then its paragraphs.
    pub blocks: Vec<String>,
    /// The place its dateline names, if extraction found one («سول»).
    pub dateline: Option<String>,
}

/// The block a mention stored for an article's dateline is given: the dateline is none of the
/// text's blocks (0 the title, 1.. the paragraphs), and its offsets are the place's in itself.
pub const DATELINE_BLOCK: i64 = -1;

/// The blocks of an article: its title, then the paragraphs of its body.
pub fn article_blocks(title: &str, body: &str) -> Vec<String> {
    std::iter::once(title.to_string())
        .chain(body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(String::from))
        .collect()
}

/// An entity as listed: what it is and how much it is in the news.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntitySummary {
    /// Its id.
    pub id: i64,
    /// Its name: the spelling seen most often among its fullest names (on an article or story
    /// page, the stored spelling its articles write most).
    pub name: String,
    /// `PERS`, `LOC`, `ORG` or `MISC`.
    pub kind: String,
    /// Every spelling seen, most frequent first.
    pub names: Vec<String>,
    /// Articles that mention it.
    pub articles: i64,
    /// Mentions across them.
    pub mentions: i64,
}

/// One quotation, with where it was said.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuoteRow {
    /// The quotation's id.
    pub id: i64,
    /// The speaker, if the article names one.
    pub speaker: Option<i64>,
    /// The speaker's name.
    pub speaker_name: Option<String>,
    /// The quoted words.
    pub text: String,
    /// `direct` or `reported`.
    pub form: String,
    /// The article.
    pub article_id: i64,
    /// The article's title.
    pub title: String,
    /// The article's outlet.
    pub outlet_id: Option<String>,
    /// When the article was published (the known time: publication, else the stated day), Unix seconds.
    pub time: Option<i64>,
    /// Its block: 0 the title, 1.. the paragraphs.
    pub block: i64,
    /// Its sentence in the article.
    pub sentence: i64,
}

/// Count per key, for pages.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Count {
    /// What is counted: a day (`YYYY-MM-DD`), an outlet, a role.
    pub key: String,
    /// How many.
    pub count: i64,
}

/// An entity's page: everything stored about it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityDetail {
    /// The entity.
    pub entity: EntitySummary,
    /// Titles and roles written before it, most frequent first.
    pub roles: Vec<Count>,
    /// Articles mentioning it per day (UTC), oldest first.
    pub per_day: Vec<Count>,
    /// Outlets covering it, most articles first.
    pub outlets: Vec<Count>,
    /// Entities most often in the same articles.
    pub related: Vec<EntitySummary>,
    /// Stories it is in, most of its articles first: (story id, the story's title, its articles
    /// mentioning the entity).
    pub stories: Vec<(i64, String, i64)>,
    /// Its latest articles: (id, title, time).
    pub articles: Vec<(i64, String, Option<i64>)>,
    /// Its latest quotations.
    pub quotes: Vec<QuoteRow>,
}

/// Normalised form of a name for lookups.
fn fold(name: &str) -> String {
    marsad_text::normalize(name)
}

impl Store {
    /// The highest article id the annotation pass has done.
    pub fn entity_progress(&self) -> Result<i64> {
        let conn = lock(&self.conn);
        Ok(conn.query_row("SELECT upto FROM entity_progress WHERE id = 1", [], |r| r.get(0)).optional()?.unwrap_or(0))
    }

    /// The articles mentioning an entity (or the one it was merged into), newest first, at most
    /// [`MAX_FILTER_ARTICLES`].
    pub fn entity_articles(&self, id: i64) -> Result<Vec<i64>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare_cached(&format!(
            "SELECT DISTINCT m.article_id FROM mentions m WHERE m.entity_id = {TARGET_OF}
             ORDER BY m.article_id DESC LIMIT {MAX_FILTER_ARTICLES}"
        ))?;
        Ok(st.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
    }

    /// How many articles have an id above `after`.
    pub fn articles_after(&self, after: i64) -> Result<u64> {
        let conn = lock(&self.conn);
        Ok(conn.query_row("SELECT COUNT(*) FROM articles WHERE id > ?1", [after], |r| r.get(0))?)
    }

    /// Articles after `after` (by id), for the annotation pass.
    pub fn articles_for_entities(&self, after: i64, limit: usize) -> Result<Vec<ArticleBlocks>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare_cached(
            "SELECT id, title, body, CASE WHEN json_valid(extra) THEN json_extract(extra, '$.dateline.place') END
             FROM articles
             WHERE id > ?1 ORDER BY id LIMIT ?2",
        )?;
        let rows = st.query_map(params![after, limit as i64], |r| {
            let (id, title, body): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            // A stored extra that is not JSON, or a place that is not text, is no dateline.
            let dateline: Option<String> = r.get::<_, Option<String>>(3).ok().flatten();
            Ok(ArticleBlocks { id, blocks: article_blocks(&title, &body), dateline })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The registry of every entity stored, for resolving new articles' entities.
    pub fn entity_registry(&self) -> Result<Registry> {
        let conn = lock(&self.conn);
        let last: i64 = conn.query_row("SELECT COALESCE(MAX(id), 0) FROM entities", [], |r| r.get(0))?;
        let mut registry = Registry::new(last);
        let mut st = conn.prepare("SELECT id, kind, key, name, mentions, merged_into FROM entities")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, Option<i64>>(5)?,
            ))
        })?;
        for row in rows {
            let (id, kind, key, name, mentions, merged) = row?;
            let Some(kind) = EntityKind::from_code(&kind) else { continue };
            let mut known = Known::new(EntityId(id), kind, NameKey::from_stored(key), &name, mentions.max(0) as u64);
            known.merged_into = merged.map(EntityId);
            registry.load(known);
        }
        Ok(registry)
    }

    /// Stores a round of annotated articles (each with the blocks it was annotated from, which
    /// the quotations' text is cut from): their entities resolved through `registry` (new ones
    /// created), mentions, quotations, spellings and roles; the pass's progress set to `upto`.
    pub fn save_annotations(
        &self,
        registry: &mut Registry,
        batch: &[(ArticleBlocks, Annotations)],
        upto: i64,
    ) -> Result<()> {
        self.refuse_read_only_entities()?;
        let mut conn = lock(&self.conn);
        let tx = conn.transaction()?;
        {
            let mut new_entity = tx.prepare_cached(
                "INSERT INTO entities (id, kind, key, name) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            )?;
            let mut counts = tx.prepare_cached(
                "UPDATE entities SET mentions = mentions + ?2, articles = articles + 1 WHERE id = ?1",
            )?;
            let mut name = tx.prepare_cached(
                "INSERT INTO entity_names (entity_id, name, folded, count) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (entity_id, name) DO UPDATE SET count = count + excluded.count",
            )?;
            let mut role = tx.prepare_cached(
                "INSERT INTO entity_roles (entity_id, role, count) VALUES (?1, ?2, ?3)
                 ON CONFLICT (entity_id, role) DO UPDATE SET count = count + excluded.count",
            )?;
            let mut mention = tx.prepare_cached(
                "INSERT INTO mentions (article_id, entity_id, block, start, end) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut quote = tx.prepare_cached(
                "INSERT INTO quotes (article_id, entity_id, block, start, end, sentence, form, attribution, text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for (ArticleBlocks { id: article, blocks, dateline }, a) in batch {
                let ids: Vec<EntityId> = a.entities.iter().map(|e| registry.resolve(e)).map(|r| r.id).collect();
                for (e, id) in a.entities.iter().zip(&ids) {
                    let stored = registry.get(*id).map(|k| (k.kind, k.key.clone()));
                    let (kind, key) = stored.unwrap_or((e.kind, e.key.clone()));
                    new_entity.execute(params![id.0, kind.code(), key.as_str(), e.name])?;
                    counts.execute(params![id.0, e.mentions])?;
                    for (n, c) in &e.names {
                        let n = marsad_entities::names::spelling_under(n, &key);
                        name.execute(params![id.0, n, fold(&n), c])?;
                    }
                    for (d, c) in &e.descriptors {
                        role.execute(params![id.0, d, c])?;
                    }
                }
                for m in &a.mentions {
                    mention.execute(params![article, ids[m.entity].0, m.block, m.range.start, m.range.end])?;
                }
                if let (Some(e), Some(place)) = (a.dateline, dateline) {
                    mention.execute(params![article, ids[e].0, DATELINE_BLOCK, 0, place.len()])?;
                }
                for q in &a.quotes {
                    let text = blocks.get(q.block).and_then(|b| b.get(q.range.clone())).unwrap_or_default();
                    let attribution = q.attribution.map(|a| format!("{a:?}").to_lowercase());
                    quote.execute(params![
                        article,
                        q.speaker.map(|e| ids[e].0),
                        q.block,
                        q.range.start,
                        q.range.end,
                        q.sentence,
                        q.form.as_str(),
                        attribution,
                        text
                    ])?;
                }
            }
            tx.execute(
                "INSERT INTO entity_progress (id, upto) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET upto = excluded.upto",
                [upto],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Moves the mentions, quotations, spellings and roles of entities merged by
    /// [`Registry::consolidate`] to the entities they were merged into.
    pub fn merge_entities(&self, merges: &[(EntityId, EntityId)]) -> Result<()> {
        if merges.is_empty() {
            return Ok(());
        }
        self.refuse_read_only_entities()?;
        let mut conn = lock(&self.conn);
        let tx = conn.transaction()?;
        for (from, into) in merges {
            let (from, into) = (from.0, into.0);
            tx.execute("UPDATE mentions SET entity_id = ?2 WHERE entity_id = ?1", params![from, into])?;
            tx.execute("UPDATE quotes SET entity_id = ?2 WHERE entity_id = ?1", params![from, into])?;
            tx.execute(
                "INSERT INTO entity_names (entity_id, name, folded, count)
                 SELECT ?2, name, folded, count FROM entity_names WHERE entity_id = ?1
                 ON CONFLICT (entity_id, name) DO UPDATE SET count = count + excluded.count",
                params![from, into],
            )?;
            tx.execute("DELETE FROM entity_names WHERE entity_id = ?1", [from])?;
            tx.execute(
                "INSERT INTO entity_roles (entity_id, role, count)
                 SELECT ?2, role, count FROM entity_roles WHERE entity_id = ?1
                 ON CONFLICT (entity_id, role) DO UPDATE SET count = count + excluded.count",
                params![from, into],
            )?;
            tx.execute("DELETE FROM entity_roles WHERE entity_id = ?1", [from])?;
            tx.execute(
                "UPDATE entities SET merged_into = ?2, mentions = 0, articles = 0 WHERE id = ?1",
                params![from, into],
            )?;
            // Entities already merged into `from` follow it.
            tx.execute("UPDATE entities SET merged_into = ?2 WHERE merged_into = ?1", params![from, into])?;
            tx.execute(
                "UPDATE entities SET
                   mentions = (SELECT COUNT(*) FROM mentions WHERE entity_id = ?1),
                   articles = (SELECT COUNT(DISTINCT article_id) FROM mentions WHERE entity_id = ?1)
                 WHERE id = ?1",
                [into],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Forgets every entity, mention and quotation (before annotating everything again).
    pub fn clear_entities(&self) -> Result<()> {
        self.refuse_read_only_entities()?;
        let conn = lock(&self.conn);
        conn.execute_batch(
            "DELETE FROM quotes; DELETE FROM mentions; DELETE FROM entity_roles; DELETE FROM entity_names;
             DELETE FROM entities; DELETE FROM entity_progress;",
        )?;
        Ok(())
    }

    fn refuse_read_only_entities(&self) -> Result<()> {
        if self.read_only { Err(StoreError::ReadOnly(self.dir.clone())) } else { Ok(()) }
    }

    fn entity_summaries(&self, ids: &[i64]) -> Result<Vec<EntitySummary>> {
        let conn = lock(&self.conn);
        let mut entity =
            conn.prepare_cached("SELECT name, kind, articles, mentions, key FROM entities WHERE id = ?1")?;
        let mut names =
            conn.prepare_cached("SELECT name, count FROM entity_names WHERE entity_id = ?1 ORDER BY count DESC, name")?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let row = entity
                .query_row([id], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get::<_, String>(4)?))
                })
                .optional()?;
            let Some((name, kind, articles, mentions, key)) = row else { continue };
            let counted: Vec<(String, i64)> =
                names.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            // The most frequent spelling with as many words as the key names the entity: a longer
            // form is more often two names the tagger ran together than a fuller one.
            let key_words = key.split(' ').count();
            let shown = counted
                .iter()
                .find(|(n, _)| n.split_whitespace().count() == key_words)
                .or(counted.first())
                .map_or(name, |(n, _)| n.clone());
            let names = counted.into_iter().map(|(n, _)| n).collect();
            out.push(EntitySummary { id, name: shown, kind, names, articles, mentions });
        }
        Ok(out)
    }

    /// Entities whose spellings contain every word of `query` (spelling variants folded), most
    /// covered first; an entity merged into another is answered by that one.
    pub fn search_entities(&self, query: &str, limit: usize) -> Result<Vec<EntitySummary>> {
        let words: Vec<String> = query.split_whitespace().map(fold).collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = {
            let conn = lock(&self.conn);
            let pattern = format!("%{}%", words.join("%"));
            let mut st = conn.prepare_cached(
                "SELECT COALESCE(e.merged_into, e.id) AS target, MAX(t.articles)
                 FROM entity_names n JOIN entities e ON e.id = n.entity_id
                 JOIN entities t ON t.id = COALESCE(e.merged_into, e.id)
                 WHERE n.folded LIKE ?1
                 GROUP BY target ORDER BY MAX(t.articles) DESC, target LIMIT ?2",
            )?;
            st.query_map(params![pattern, limit as i64], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        self.entity_summaries(&ids)
    }

    /// The entities mentioned most, by articles. Persons asked for by kind are those named in
    /// full somewhere (a name of several words): a one-word «person» no article ever names in
    /// full is far more often the tagger's mistake («تويتر») than a mononym.
    pub fn top_entities(&self, kind: Option<EntityKind>, limit: usize) -> Result<Vec<EntitySummary>> {
        let ids: Vec<i64> = {
            let conn = lock(&self.conn);
            let mut st = conn.prepare_cached(
                "SELECT id FROM entities WHERE merged_into IS NULL AND (?1 IS NULL OR kind = ?1)
                   AND (?1 IS NOT 'PERS' OR key LIKE '% %')
                 ORDER BY articles DESC, id LIMIT ?2",
            )?;
            st.query_map(params![kind.map(EntityKind::code), limit as i64], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        self.entity_summaries(&ids)
    }

    /// The quotations attributed to an entity, latest first.
    pub fn entity_quotes(&self, id: i64, limit: usize) -> Result<Vec<QuoteRow>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare_cached(
            "SELECT q.id, q.entity_id, e.name, q.text, q.form, q.article_id, a.title, a.outlet_id, a.known_time,
                    q.block, q.sentence
             FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.entity_id
             WHERE q.entity_id = ?1 ORDER BY a.known_time DESC, q.id DESC LIMIT ?2",
        )?;
        let rows = st.query_map(params![id, limit as i64], |r| {
            Ok(QuoteRow {
                id: r.get(0)?,
                speaker: r.get(1)?,
                speaker_name: r.get(2)?,
                text: r.get(3)?,
                form: r.get(4)?,
                article_id: r.get(5)?,
                title: r.get(6)?,
                outlet_id: r.get(7)?,
                time: r.get(8)?,
                block: r.get(9)?,
                sentence: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Everything stored about one entity (`None` if there is no such entity); a merged entity
    /// answers with the one it was merged into.
    pub fn entity(&self, id: i64) -> Result<Option<EntityDetail>> {
        let target: Option<i64> = lock(&self.conn)
            .query_row("SELECT COALESCE(merged_into, id) FROM entities WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        let Some(id) = target else { return Ok(None) };
        let Some(entity) = self.entity_summaries(&[id])?.pop() else { return Ok(None) };
        let counts = |sql: &str| -> Result<Vec<Count>> {
            let conn = lock(&self.conn);
            let mut st = conn.prepare_cached(sql)?;
            let rows = st.query_map([id], |r| Ok(Count { key: r.get(0)?, count: r.get(1)? }))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let roles =
            counts("SELECT role, count FROM entity_roles WHERE entity_id = ?1 ORDER BY count DESC, role LIMIT 12")?;
        let per_day = counts(
            "SELECT date(a.known_time, 'unixepoch') AS day, COUNT(DISTINCT a.id) FROM mentions m
             JOIN articles a ON a.id = m.article_id
             WHERE m.entity_id = ?1 AND a.known_time IS NOT NULL GROUP BY day ORDER BY day",
        )?;
        let outlets = counts(
            "SELECT COALESCE(a.outlet_id, '?'), COUNT(DISTINCT a.id) AS n FROM mentions m
             JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?1
             GROUP BY a.outlet_id ORDER BY n DESC LIMIT 20",
        )?;
        let stories = {
            let conn = lock(&self.conn);
            let mut st = conn.prepare_cached(
                "SELECT a.story_id, COALESCE(t.title, ''), COUNT(DISTINCT a.id) AS n FROM mentions m
                 JOIN articles a ON a.id = m.article_id
                 JOIN stories s ON s.id = a.story_id LEFT JOIN articles t ON t.id = s.title_article
                 WHERE m.entity_id = ?1
                 GROUP BY a.story_id ORDER BY n DESC, MAX(a.known_time) DESC LIMIT 20",
            )?;
            st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let related_ids: Vec<i64> = {
            let conn = lock(&self.conn);
            let mut st = conn.prepare_cached(
                "SELECT o.entity_id, COUNT(DISTINCT o.article_id) AS n FROM mentions m
                 JOIN mentions o ON o.article_id = m.article_id AND o.entity_id != m.entity_id
                 WHERE m.entity_id = ?1 GROUP BY o.entity_id ORDER BY n DESC, o.entity_id LIMIT 12",
            )?;
            st.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        let related = self.entity_summaries(&related_ids)?;
        let articles = {
            let conn = lock(&self.conn);
            let mut st = conn.prepare_cached(
                "SELECT DISTINCT a.id, a.title, a.known_time FROM mentions m JOIN articles a ON a.id = m.article_id
                 WHERE m.entity_id = ?1 ORDER BY a.known_time DESC, a.id DESC LIMIT 20",
            )?;
            st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let quotes = self.entity_quotes(id, 40)?;
        Ok(Some(EntityDetail { entity, roles, per_day, outlets, related, stories, articles, quotes }))
    }

    /// The entities of one article, most mentioned first.
    pub fn article_entities(&self, article: i64) -> Result<Vec<EntitySummary>> {
        let ids: Vec<i64> = {
            let conn = lock(&self.conn);
            let mut st = conn.prepare_cached(
                "SELECT entity_id FROM mentions WHERE article_id = ?1 GROUP BY entity_id ORDER BY COUNT(*) DESC, entity_id",
            )?;
            st.query_map([article], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        let summaries = self.entity_summaries(&ids)?;
        self.name_as_written(summaries, &[article])
    }

    /// The entities most mentioned across a story's articles, named as the story writes them.
    pub fn story_entities(&self, story: i64, limit: usize) -> Result<Vec<EntitySummary>> {
        let articles: Vec<i64> = {
            let conn = lock(&self.conn);
            let mut st = conn.prepare_cached(
                "SELECT id FROM articles WHERE story_id = ?1 ORDER BY known_time DESC, id DESC LIMIT ?2",
            )?;
            st.query_map(params![story, crate::written::WRITTEN_SCOPE_ARTICLES as i64], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        let ids: Vec<i64> = {
            let conn = lock(&self.conn);
            let mut st = conn.prepare_cached(
                "SELECT m.entity_id FROM mentions m JOIN articles a ON a.id = m.article_id
                 WHERE a.story_id = ?1 GROUP BY m.entity_id
                 ORDER BY COUNT(DISTINCT a.id) DESC, COUNT(*) DESC, m.entity_id LIMIT ?2",
            )?;
            st.query_map(params![story, limit as i64], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
        };
        let summaries = self.entity_summaries(&ids)?;
        self.name_as_written(summaries, &articles)
    }

    /// Counts of entities, mentions and quotations stored.
    pub fn entity_counts(&self) -> Result<HashMap<&'static str, i64>> {
        let conn = lock(&self.conn);
        let mut out = HashMap::new();
        for (k, sql) in [
            ("entities", "SELECT COUNT(*) FROM entities WHERE merged_into IS NULL"),
            ("mentions", "SELECT COUNT(*) FROM mentions"),
            ("quotes", "SELECT COUNT(*) FROM quotes"),
        ] {
            out.insert(k, conn.query_row(sql, [], |r| r.get(0))?);
        }
        Ok(out)
    }
}
