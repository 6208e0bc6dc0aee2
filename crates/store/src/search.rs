//! Ranked search over the index (see [`crate::query`] for how a query becomes a tantivy query),
//! with republished copies folded into the result they copy.

use std::collections::HashMap;
use std::time::Instant;

use rusqlite::params_from_iter;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;

use crate::query::{ParsedQuery, build_query};
use crate::{
    Result, SearchHit, SearchRequest, SearchResults, Store, check_window, index, lock, resolve_outlet, snippet,
};

/// Hits read per result asked for: copies folded away must not leave a page short.
const FOLD_READ_AHEAD: usize = 3;

impl Store {
    /// Ranked search with highlighted snippets; an article's republished copies are folded into
    /// its hit (`copies`). The limit is taken between 1 and 1000; `offset + limit` may not pass
    /// [`crate::MAX_RESULT_WINDOW`] ([`crate::StoreError::ResultWindow`]).
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let limit = req.limit.clamp(1, 1000);
        check_window(req.offset, limit)?;
        let empty =
            SearchResults { query: req.query.clone(), total: 0, offset: req.offset, hits: vec![], took_ms: 0.0 };
        let Some((q, query)) = self.prepare(req)? else { return Ok(empty) };
        let read = ((req.offset + limit) * FOLD_READ_AHEAD).min(crate::MAX_RESULT_WINDOW);
        let (scored, total) = self.ranked(&query, read, req.newest_first)?;
        let folded = self.fold_copies(scored)?;
        let page: Vec<(i64, f32, Vec<i64>)> = folded.into_iter().skip(req.offset).take(limit).collect();
        let ids: Vec<i64> = page.iter().map(|s| s.0).collect();
        let copy_ids: Vec<i64> = page.iter().flat_map(|s| s.2.iter().copied()).collect();
        let copies: HashMap<i64, crate::ArticleSummary> =
            self.summaries(&copy_ids)?.into_iter().map(|(s, _)| (s.id, s)).collect();
        let hits = self
            .summaries(&ids)?
            .into_iter()
            .zip(page)
            .map(|((article, body), (_, score, copy_ids))| SearchHit {
                title_marked: snippet::highlight(&article.title, &q),
                snippet: snippet::snippet(&body, &q, 32),
                copies: copy_ids.iter().filter_map(|c| copies.get(c).cloned()).collect(),
                article,
                score,
            })
            .collect();
        Ok(SearchResults { hits, total, took_ms: started.elapsed().as_secs_f64() * 1000.0, ..empty })
    }

    /// Ids and scores of the best matches, best first, copies not folded: what evaluation ranks.
    pub fn search_ids(&self, req: &SearchRequest) -> Result<Vec<(i64, f32)>> {
        let limit = req.limit.clamp(1, 1000);
        check_window(req.offset, limit)?;
        let Some((_, query)) = self.prepare(req)? else { return Ok(Vec::new()) };
        let (scored, _) = self.ranked(&query, req.offset + limit, req.newest_first)?;
        Ok(scored.into_iter().skip(req.offset).collect())
    }

    /// The parsed query (proclitic forms resolved against the index) and the tantivy query, or
    /// `None` when nothing in the query is searchable.
    fn prepare(&self, req: &SearchRequest) -> Result<Option<(ParsedQuery, Box<dyn Query>)>> {
        let mut q = ParsedQuery::parse(&req.query);
        if q.is_empty() {
            return Ok(None);
        }
        q.resolve(&self.reader.searcher(), &self.fields);
        let f = &self.fields;
        let mut filters = Vec::new();
        if let Some(o) = &req.filter.outlet {
            filters.push(index::equals(f.outlet, &resolve_outlet(o)));
        }
        if let Some(s) = &req.filter.section {
            filters.push(match crate::listing::canonical_section(s) {
                Some(c) => index::equals(f.section, c),
                None => index::equals(f.section_label, &index::label_key(s)),
            });
        }
        if let Some(r) = index::published_between(
            f,
            req.filter.since.map(|d| d.timestamp()),
            req.filter.until.map(|d| d.timestamp()),
        ) {
            filters.push(r);
        }
        if let Some(e) = req.filter.entity {
            // The entity's articles by id: a set query on the id field (none: nothing matches).
            let terms = self.entity_articles(e)?.into_iter().map(|id| tantivy::Term::from_field_u64(f.id, id as u64));
            filters.push(Box::new(tantivy::query::TermSetQuery::new(terms)));
        }
        let query = build_query(f, &q, filters, req.any_term);
        Ok(Some((q, query)))
    }

    /// The first `n` matches (id, score), best or newest first, and how many match in all.
    fn ranked(&self, query: &dyn Query, n: usize, newest_first: bool) -> Result<(Vec<(i64, f32)>, usize)> {
        let searcher = self.reader.searcher();
        let window = TopDocs::with_limit(n.max(1));
        let (top, total): (Vec<(f32, tantivy::DocAddress)>, usize) = if newest_first {
            let (top, total) = searcher
                .search(query, &(window.order_by_fast_field::<i64>("published", tantivy::Order::Desc), Count))?;
            (top.into_iter().map(|(_, addr)| (0.0, addr)).collect(), total)
        } else {
            searcher.search(query, &(window.order_by_score(), Count))?
        };
        // The id is a fast field: reading it from the column is far cheaper than loading each
        // stored document, which matters when copies are read ahead to be folded.
        let mut columns = HashMap::new();
        let mut scored = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let column = match columns.entry(addr.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(searcher.segment_reader(addr.segment_ord).fast_fields().u64("id")?)
                }
            };
            if let Some(id) = column.first(addr.doc_id) {
                scored.push((id as i64, score));
            }
        }
        Ok((scored, total))
    }

    /// Folds each article that copies another (or shares a copy group with a better hit) into
    /// the first hit of its group: (id, score, copies' ids).
    fn fold_copies(&self, scored: Vec<(i64, f32)>) -> Result<Vec<(i64, f32, Vec<i64>)>> {
        if scored.is_empty() {
            return Ok(Vec::new());
        }
        let group_of: HashMap<i64, i64> = {
            let conn = lock(&self.conn);
            let placeholders = vec!["?"; scored.len()].join(",");
            let mut st =
                conn.prepare(&format!("SELECT id, COALESCE(copy_of, id) FROM articles WHERE id IN ({placeholders})"))?;
            st.query_map(params_from_iter(scored.iter().map(|s| s.0)), |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        let mut out: Vec<(i64, f32, Vec<i64>)> = Vec::with_capacity(scored.len());
        let mut slot: HashMap<i64, usize> = HashMap::new();
        for (id, score) in scored {
            let group = group_of.get(&id).copied().unwrap_or(id);
            match slot.get(&group) {
                Some(&i) => out[i].2.push(id),
                None => {
                    slot.insert(group, out.len());
                    out.push((id, score, Vec::new()));
                }
            }
        }
        // The hit takes the group's best rank but shows the original (the article the others
        // copy) when the search found it, its copies listed after.
        for (group, &i) in &slot {
            let (shown, _, copies) = &mut out[i];
            if *shown != *group
                && let Some(k) = copies.iter().position(|c| c == group)
            {
                copies[k] = std::mem::replace(shown, *group);
            }
        }
        Ok(out)
    }
}
