//! Stories, threads and copy groups in the store: what clustering decided, and the views the
//! reader, API and CLI show (story lists, story pages, related articles, trending).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use marsad_cluster::ArticleText;

use crate::model::ArticleSummary;
use crate::{OUTLET_DISPLAY, Result, SUMMARY_COLUMNS, Store, lock, summary_row, ts};

/// A story as listed: headline, lead, how much coverage, the newest articles.
#[derive(Debug, Clone, Serialize)]
pub struct StoryCard {
    /// Story id.
    pub id: i64,
    /// Thread id.
    pub thread_id: i64,
    /// The most representative headline.
    pub title: String,
    /// The lead of that article.
    pub lead: String,
    /// Articles in the story.
    pub articles: u64,
    /// Distinct outlets.
    pub outlets: u64,
    /// Outlet display names, most articles first.
    pub outlet_names: Vec<String>,
    /// Earliest known time of its articles (publication time, else the stated day); `None` when
    /// none of them is dated.
    pub first_seen: Option<DateTime<Utc>>,
    /// Latest known time of its articles.
    pub last_seen: Option<DateTime<Utc>>,
    /// True when none of its articles is dated: it is listed after dated stories.
    pub undated: bool,
    /// Most common section of its articles.
    pub section: Option<String>,
    /// The newest articles (up to three).
    pub newest: Vec<ArticleSummary>,
    /// Trending score, when listed by trend.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<f64>,
}

/// One article of a story with its copy relation.
#[derive(Debug, Clone, Serialize)]
pub struct StoryArticle {
    /// The article.
    #[serde(flatten)]
    pub article: ArticleSummary,
    /// For republications: the original article's id.
    pub copy_of: Option<i64>,
}

/// A story's coverage by one outlet.
#[derive(Debug, Clone, Serialize)]
pub struct OutletCoverage {
    /// Outlet id.
    pub outlet_id: String,
    /// Display name.
    pub outlet_name: String,
    /// Its articles in the story, oldest first.
    pub articles: Vec<StoryArticle>,
}

/// A copy group: an original and its republications.
#[derive(Debug, Clone, Serialize)]
pub struct CopyGroup {
    /// The earliest article.
    pub original: ArticleSummary,
    /// Later copies, with the copying outlet and time.
    pub copies: Vec<ArticleSummary>,
}

/// Everything about one story.
#[derive(Debug, Clone, Serialize)]
pub struct StoryDetail {
    /// The card.
    #[serde(flatten)]
    pub card: StoryCard,
    /// Coverage grouped by outlet (outlets with most articles first).
    pub by_outlet: Vec<OutletCoverage>,
    /// Copy groups (originals with their republications).
    pub copy_groups: Vec<CopyGroup>,
    /// The story's most telling terms, as its articles write them («قمة», «سنغافورة»): the
    /// clustering keys (stems) never leave the store.
    pub top_terms: Vec<String>,
    /// Its most telling names, as its articles write them («كيم جونغ أون»), never skeletons.
    pub top_names: Vec<String>,
    /// Other stories of the same thread: dated ones newest first, then undated ones, newest
    /// stored first.
    pub thread_stories: Vec<StoryCard>,
}

/// Stories of a thread listed on a story page, of each kind (dated, undated).
const THREAD_STORIES: usize = 50;

/// Members of a story read to find how its keys are written.
const SURFACE_MEMBERS: i64 = 200;

/// Restricts story listings.
#[derive(Debug, Clone, Default)]
pub struct StoryFilter {
    /// Stories active at or after.
    pub since: Option<DateTime<Utc>>,
    /// Stories that began before.
    pub until: Option<DateTime<Utc>>,
    /// Canonical section.
    pub section: Option<String>,
    /// Thread.
    pub thread: Option<i64>,
    /// Stories with an article that mentions this entity.
    pub entity: Option<i64>,
}

fn title_terms(title: &str) -> HashSet<String> {
    marsad_text::analyze(title, marsad_text::Analysis::Main).into_iter().map(|t| t.term).collect()
}

/// The headline that shares most with the others: the story's most representative one.
pub(crate) fn representative(members: &[(i64, String, bool, bool)]) -> Option<i64> {
    let sets: Vec<HashSet<String>> = members.iter().map(|m| title_terms(&m.1)).collect();
    let mut best: Option<(f64, i64)> = None;
    for (i, (id, _, inferred, copy)) in members.iter().enumerate() {
        let mut score: f64 = sets
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, s)| {
                let inter = s.intersection(&sets[i]).count() as f64;
                let union = s.union(&sets[i]).count().max(1) as f64;
                inter / union
            })
            .sum();
        // Prefer real headlines and originals.
        if *inferred {
            score -= 1.0;
        }
        if *copy {
            score -= 0.1;
        }
        if best.is_none_or(|(b, bid)| score > b || (score == b && *id < bid)) {
            best = Some((score, *id));
        }
    }
    best.map(|(_, id)| id)
}

impl Store {
    fn cards(
        &self,
        where_sql: &str,
        args: &[rusqlite::types::Value],
        order: &str,
        offset: usize,
        limit: usize,
    ) -> Result<(usize, Vec<StoryCard>)> {
        let conn = lock(&self.conn);
        let total: usize = conn.query_row(
            &format!("SELECT COUNT(*) FROM stories s WHERE {where_sql}"),
            rusqlite::params_from_iter(args),
            |r| r.get(0),
        )?;
        let mut st = conn.prepare(&format!(
            "SELECT s.id, s.thread_id, COALESCE(a.title, ''), COALESCE(substr(a.body, 1, 600), ''), s.articles, s.outlets,
                    s.first_seen, s.last_seen, s.section
             FROM stories s LEFT JOIN articles a ON a.id = s.title_article
             WHERE {where_sql} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
        ))?;
        let mut cards: Vec<StoryCard> = st
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok(StoryCard {
                    id: r.get(0)?,
                    thread_id: r.get(1)?,
                    title: r.get(2)?,
                    lead: crate::lead(&r.get::<_, String>(3)?),
                    articles: r.get(4)?,
                    outlets: r.get(5)?,
                    outlet_names: Vec::new(),
                    first_seen: ts(r.get(6)?),
                    last_seen: ts(r.get(7)?),
                    undated: r.get::<_, Option<i64>>(6)?.is_none(),
                    section: r.get(8)?,
                    newest: Vec::new(),
                    trend: None,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut newest = conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id
             WHERE a.story_id = ?1 AND a.copy_of IS NULL ORDER BY a.known_time IS NULL, a.known_time DESC, a.id DESC LIMIT 3"
        ))?;
        let mut outlets = conn.prepare_cached(&format!(
            "SELECT {OUTLET_DISPLAY} FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id
             WHERE a.story_id = ?1 AND a.outlet_id IS NOT NULL GROUP BY a.outlet_id ORDER BY COUNT(*) DESC, a.outlet_id"
        ))?;
        for c in &mut cards {
            c.newest = newest.query_map([c.id], summary_row)?.collect::<rusqlite::Result<_>>()?;
            c.outlet_names = outlets.query_map([c.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        }
        Ok((total, cards))
    }

    /// Stories, biggest coverage first (distinct outlets, then articles, then recency; undated
    /// stories after dated ones of the same coverage).
    /// `offset + limit` may not pass [`crate::MAX_RESULT_WINDOW`] ([`crate::StoreError::ResultWindow`]).
    pub fn stories(&self, f: &StoryFilter, offset: usize, limit: usize) -> Result<crate::Page<StoryCard>> {
        crate::check_window(offset, limit)?;
        use rusqlite::types::Value;
        let mut clauses = vec!["1=1".to_string()];
        let mut args = Vec::new();
        if let Some(d) = f.since {
            clauses.push("s.last_seen >= ?".into());
            args.push(Value::Integer(d.timestamp()));
        }
        if let Some(d) = f.until {
            clauses.push("s.first_seen < ?".into());
            args.push(Value::Integer(d.timestamp()));
        }
        if let Some(sec) = &f.section {
            clauses.push("s.section = ?".into());
            args.push(Value::Text(sec.clone()));
        }
        if let Some(t) = f.thread {
            clauses.push("s.thread_id = ?".into());
            args.push(Value::Integer(t));
        }
        if let Some(e) = f.entity {
            clauses.push(format!(
                "s.id IN (SELECT a.story_id FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = {})",
                crate::entities::TARGET_OF
            ));
            args.push(Value::Integer(e));
        }
        let (total, items) = self.cards(
            &clauses.join(" AND "),
            &args,
            "s.outlets DESC, s.articles DESC, s.last_seen IS NULL, s.last_seen DESC, s.id",
            offset,
            limit,
        )?;
        Ok(crate::Page { total, offset, items })
    }

    /// Trending stories: distinct outlets and articles in the last `hours` before `at` (default:
    /// the newest article's time), weighted towards the most recent, overall or in one section.
    /// `limit` may not pass [`crate::MAX_RESULT_WINDOW`].
    pub fn trending(
        &self,
        hours: u32,
        section: Option<&str>,
        at: Option<DateTime<Utc>>,
        limit: usize,
    ) -> Result<Vec<StoryCard>> {
        crate::check_window(0, limit)?;
        let at = match at {
            Some(t) => t.timestamp(),
            None => {
                lock(&self.conn).query_row("SELECT COALESCE(MAX(known_time), 0) FROM articles", [], |r| r.get(0))?
            }
        };
        let from = at - i64::from(hours) * 3600;
        let rows: Vec<(i64, i64, i64, i64)> = {
            let conn = lock(&self.conn);
            let mut st = conn.prepare_cached(
                "SELECT a.story_id, COUNT(DISTINCT a.outlet_id), COUNT(*), MAX(a.known_time) FROM articles a
                 JOIN stories s ON s.id = a.story_id
                 WHERE a.known_time >= ?1 AND a.known_time <= ?2 AND (?3 IS NULL OR s.section = ?3)
                 GROUP BY a.story_id",
            )?;
            st.query_map(params![from, at, section], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        let half_life = f64::from(hours.max(1)) / 2.0;
        let mut scored: Vec<(f64, i64)> = rows
            .into_iter()
            .map(|(story, outlets, articles, latest)| {
                let age = (at - latest) as f64 / 3600.0;
                let velocity = 3.0 * outlets as f64 + articles as f64;
                (velocity * 0.5f64.powf(age / half_life), story)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(limit);
        let mut out = Vec::new();
        for (score, id) in scored {
            if let Some(mut c) = self.cards("s.id = ?", &[rusqlite::types::Value::Integer(id)], "s.id", 0, 1)?.1.pop() {
                c.trend = Some(score);
                out.push(c);
            }
        }
        Ok(out)
    }

    /// One story with its coverage by outlet, copy groups and thread.
    pub fn story(&self, id: i64) -> Result<Option<StoryDetail>> {
        let Some(card) = self.cards("s.id = ?", &[rusqlite::types::Value::Integer(id)], "s.id", 0, 1)?.1.pop() else {
            return Ok(None);
        };
        let (members, terms, names): (Vec<(ArticleSummary, Option<i64>)>, String, String) = {
            let conn = lock(&self.conn);
            let mut st = conn.prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS}, a.copy_of FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id
                 WHERE a.story_id = ?1 ORDER BY a.known_time IS NULL, a.known_time, a.id"
            ))?;
            let members = st
                .query_map([id], |r| Ok((summary_row(r)?, r.get(crate::SUMMARY_COUNT)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let (terms, names) =
                conn.query_row("SELECT top_terms, top_names FROM stories WHERE id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            (members, terms, names)
        };
        let mut by_outlet: Vec<OutletCoverage> = Vec::new();
        for (a, copy_of) in &members {
            let oid = a.outlet_id.clone().unwrap_or_default();
            let name = a.outlet_name_ar.clone().or_else(|| a.outlet_name.clone()).unwrap_or_else(|| oid.clone());
            let entry = match by_outlet.iter_mut().position(|o| o.outlet_id == oid) {
                Some(i) => &mut by_outlet[i],
                None => {
                    by_outlet.push(OutletCoverage { outlet_id: oid.clone(), outlet_name: name, articles: Vec::new() });
                    by_outlet.last_mut().expect("just pushed")
                }
            };
            entry.articles.push(StoryArticle { article: a.clone(), copy_of: *copy_of });
        }
        by_outlet.sort_by(|a, b| b.articles.len().cmp(&a.articles.len()).then(a.outlet_id.cmp(&b.outlet_id)));
        let by_id: HashMap<i64, &ArticleSummary> = members.iter().map(|(a, _)| (a.id, a)).collect();
        let mut groups: Vec<CopyGroup> = Vec::new();
        for (a, copy_of) in &members {
            if let Some(orig) = copy_of {
                match groups.iter_mut().find(|g| g.original.id == *orig) {
                    Some(g) => g.copies.push(a.clone()),
                    None => {
                        let original = match by_id.get(orig) {
                            Some(o) => (*o).clone(),
                            None => match self.summary(*orig)? {
                                Some(o) => o,
                                None => continue,
                            },
                        };
                        groups.push(CopyGroup { original, copies: vec![a.clone()] });
                    }
                }
            }
        }
        let thread_stories = self.thread_stories(card.thread_id, id)?;
        let (top_terms, top_names) = self.displayed_keys(id, &terms, &names)?;
        Ok(Some(StoryDetail { card, by_outlet, copy_groups: groups, top_terms, top_names, thread_stories }))
    }

    /// The other stories of a thread: dated ones newest first, then undated ones (which have no
    /// time to be placed by) newest stored first. Each kind is read up to its own bound, so a
    /// thread with many dated stories still lists its undated ones.
    fn thread_stories(&self, thread: i64, except: i64) -> Result<Vec<StoryCard>> {
        use rusqlite::types::Value;
        let args = [Value::Integer(thread), Value::Integer(except)];
        let (_, mut dated) = self.cards(
            "s.thread_id = ? AND s.id != ? AND s.first_seen IS NOT NULL",
            &args,
            "s.first_seen DESC, s.id DESC",
            0,
            THREAD_STORIES,
        )?;
        let (_, undated) = self.cards(
            "s.thread_id = ? AND s.id != ? AND s.first_seen IS NULL",
            &args,
            "s.id DESC",
            0,
            THREAD_STORIES,
        )?;
        dated.extend(undated);
        Ok(dated)
    }

    /// A story's top terms and names as its articles write them (see
    /// [`marsad_cluster::surface`]): the stored keys, read from `terms` and `names` (JSON), are
    /// looked up in the headlines and leads of its members.
    fn displayed_keys(&self, story: i64, terms: &str, names: &str) -> Result<(Vec<String>, Vec<String>)> {
        let terms: Vec<String> = serde_json::from_str(terms).unwrap_or_default();
        let names: Vec<String> = serde_json::from_str(names).unwrap_or_default();
        let texts: Vec<(String, String)> = {
            let conn = lock(&self.conn);
            // The features read the headline and about 60 words of the body; a few thousand
            // characters hold them, and the newest members suffice to find every key.
            // A headline made from the lead repeats it: read once, so that a phrase of a single
            // article does not count as written twice.
            let mut st = conn.prepare_cached(
                "SELECT CASE WHEN title_inferred THEN '' ELSE title END, substr(body, 1, 3000)
                 FROM articles WHERE story_id = ?1 ORDER BY id DESC LIMIT ?2",
            )?;
            st.query_map(params![story, SURFACE_MEMBERS], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        let texts: Vec<ArticleText<'_>> = texts.iter().map(|(t, b)| ArticleText { title: t, body: b }).collect();
        Ok((marsad_cluster::display_terms(&texts, &terms), marsad_cluster::display_names(&texts, &names)))
    }

    fn summary(&self, id: i64) -> Result<Option<ArticleSummary>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?1"
        ))?;
        Ok(st.query_row([id], summary_row).optional()?)
    }

    /// (source document id, story, thread, headline) of every clustered article with a document
    /// id, duplicates' ids included (they share the stored article's story).
    pub fn story_assignments(&self) -> Result<Vec<(String, i64, i64, String)>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare(
            "SELECT a.doc_id, a.story_id, s.thread_id, a.title FROM articles a JOIN stories s ON s.id = a.story_id WHERE a.doc_id IS NOT NULL
             UNION ALL
             SELECT d.doc_id, a.story_id, s.thread_id, a.title FROM doc_aliases d JOIN articles a ON a.id = d.article_id
               JOIN stories s ON s.id = a.story_id",
        )?;
        Ok(st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<rusqlite::Result<_>>()?)
    }

    /// The source document id each article was stored under (an exact duplicate stored earlier
    /// is the article itself, so its own id is not listed): how evaluation maps search results —
    /// one per article — back to a corpus's labels.
    pub fn doc_ids(&self) -> Result<Vec<(i64, String)>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare("SELECT id, doc_id FROM articles WHERE doc_id IS NOT NULL")?;
        Ok(st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
    }

    /// The story (and thread) an article belongs to.
    pub fn story_of(&self, article: i64) -> Result<Option<(i64, i64)>> {
        Ok(lock(&self.conn)
            .query_row(
                "SELECT s.id, s.thread_id FROM articles a JOIN stories s ON s.id = a.story_id WHERE a.id = ?1",
                [article],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Articles related to one: the rest of its story (its own copies excluded, nearest in time
    /// first), then the newest articles of other stories in its thread, then search on its
    /// headline. `limit` may not pass [`crate::MAX_RESULT_WINDOW`].
    pub fn related(&self, article: i64, limit: usize) -> Result<Vec<ArticleSummary>> {
        crate::check_window(0, limit)?;
        let Some(me) = self.get(article)? else { return Ok(Vec::new()) };
        let mut out: Vec<ArticleSummary> = Vec::new();
        let mut seen: HashSet<i64> = HashSet::from([article]);
        let (group, story, thread): (i64, Option<i64>, Option<i64>) = {
            let conn = lock(&self.conn);
            conn.query_row(
                "SELECT COALESCE(a.copy_of, a.id), a.story_id, s.thread_id FROM articles a LEFT JOIN stories s ON s.id = a.story_id WHERE a.id = ?1",
                [article],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?
        };
        if let Some(story) = story {
            let conn = lock(&self.conn);
            let mut st = conn.prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id
                 WHERE a.story_id = ?1 AND a.id != ?2 AND COALESCE(a.copy_of, a.id) != ?3
                 ORDER BY a.known_time IS NULL, ABS(COALESCE(a.known_time, 0) - ?4), a.id LIMIT ?5"
            ))?;
            let t = me
                .published
                .map(|d| d.timestamp())
                .or_else(|| me.published_date.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc().timestamp()));
            let t = t.unwrap_or(0);
            for s in st.query_map(params![story, article, group, t, limit as i64], summary_row)? {
                let s = s?;
                if seen.insert(s.id) {
                    out.push(s);
                }
            }
            if let Some(thread) = thread.filter(|_| out.len() < limit) {
                let mut st = conn.prepare_cached(&format!(
                    "SELECT {SUMMARY_COLUMNS} FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id
                     JOIN stories s ON s.id = a.story_id
                     WHERE s.thread_id = ?1 AND a.story_id != ?2 AND a.copy_of IS NULL
                     ORDER BY a.known_time IS NULL, a.known_time DESC, a.id DESC LIMIT ?3"
                ))?;
                for s in st.query_map(params![thread, story, limit as i64], summary_row)? {
                    let s = s?;
                    if out.len() < limit && seen.insert(s.id) {
                        out.push(s);
                    }
                }
            }
        }
        if out.len() < limit {
            let copies: HashSet<i64> = {
                let conn = lock(&self.conn);
                let mut st = conn.prepare_cached("SELECT id FROM articles WHERE COALESCE(copy_of, id) = ?1")?;
                st.query_map([group], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
            };
            let res = self.search(&crate::SearchRequest {
                query: me.title.clone(),
                limit: limit * 2,
                any_term: true,
                ..Default::default()
            })?;
            for h in res.hits {
                if out.len() < limit && !copies.contains(&h.article.id) && seen.insert(h.article.id) {
                    out.push(h.article);
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn representative_headline_shares_most_with_the_others() {
        let members = vec![
            (1, "ترامب يقيل تيلرسون ويعين بومبيو".to_string(), false, false),
            (2, "ترامب يقيل وزير خارجيته تيلرسون".to_string(), false, false),
            (3, "نهاية حقبة في الخارجية الأمريكية".to_string(), false, false),
            (4, "ترامب يقيل تيلرسون ويعين بومبيو بديلا".to_string(), true, false),
        ];
        assert_eq!(representative(&members), Some(1));
    }
}
