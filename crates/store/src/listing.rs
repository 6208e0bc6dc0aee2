//! Reading articles out in bulk: counts, newest-first listings, summaries of given ids, the
//! whole collection for export, and the counts by outlet, section and month.

use marsad_extract::{outlets, sections};
use rusqlite::{params, params_from_iter};

use crate::{
    ArticleSummary, Filter, OUTLET_DISPLAY, Page, REINDEX_CHUNK, Result, SUMMARY_COLUMNS, SUMMARY_COUNT, Stats, Store,
    check_window, lock, summary_row,
};

impl Store {
    /// Total articles stored.
    pub fn count(&self) -> Result<u64> {
        Ok(lock(&self.conn).query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?)
    }

    /// Every stored article's source document id (if any), headline and body, in id order: the
    /// collection as another system should see it to be compared with marsad's search.
    pub fn each_document(&self, mut f: impl FnMut(i64, Option<&str>, &str, &str) -> Result<()>) -> Result<()> {
        let mut after = 0i64;
        loop {
            let rows: Vec<(i64, Option<String>, String, String)> = {
                let conn = lock(&self.conn);
                let mut st = conn.prepare_cached(
                    "SELECT id, doc_id, title, substr(body, 1, 300000) FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2",
                )?;
                st.query_map(params![after, REINDEX_CHUNK], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                    .collect::<rusqlite::Result<_>>()?
            };
            let Some(last) = rows.last().map(|r| r.0) else { return Ok(()) };
            for (id, doc, title, body) in &rows {
                f(*id, doc.as_deref(), title, body)?;
            }
            after = last;
        }
    }

    /// Newest first, filtered and paginated. `offset + limit` may not pass [`MAX_RESULT_WINDOW`]
    /// ([`StoreError::ResultWindow`]).
    pub fn latest(&self, filter: &Filter, offset: usize, limit: usize) -> Result<Page<ArticleSummary>> {
        check_window(offset, limit)?;
        let (where_sql, args) = sql_filter(filter);
        let conn = lock(&self.conn);
        let total: usize = conn.query_row(
            &format!("SELECT COUNT(*) FROM articles a WHERE {where_sql}"),
            params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        let mut st = conn.prepare(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id
             WHERE {where_sql} ORDER BY a.known_time IS NULL, a.known_time DESC, a.id DESC LIMIT {limit} OFFSET {offset}"
        ))?;
        let items = st.query_map(params_from_iter(args.iter()), summary_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(Page { total, offset, items })
    }

    pub(crate) fn summaries(&self, ids: &[i64]) -> Result<Vec<(ArticleSummary, String)>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let conn = lock(&self.conn);
        let placeholders = vec!["?"; ids.len()].join(",");
        let mut st = conn.prepare(&format!(
            "SELECT {SUMMARY_COLUMNS}, substr(a.body, 1, 100000) FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id IN ({placeholders})"
        ))?;
        let mut rows: Vec<(ArticleSummary, String)> = st
            .query_map(params_from_iter(ids.iter()), |r| Ok((summary_row(r)?, r.get(SUMMARY_COUNT)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.sort_by_key(|(s, _)| ids.iter().position(|&i| i == s.id));
        Ok(rows)
    }

    /// Counts by outlet, section, language and month.
    pub fn stats(&self) -> Result<Stats> {
        let conn = lock(&self.conn);
        let pairs = |sql: &str| -> Result<Vec<(String, u64)>> {
            let mut st = conn.prepare(sql)?;
            Ok(st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
        };
        let articles = conn.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?;
        let mut st = conn.prepare(
            "SELECT COALESCE(a.outlet_id, '(unknown)'), COALESCE(o.name_en, o.name_ar, a.outlet_id, '(unknown)'), COUNT(*)
             FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id GROUP BY 1 ORDER BY 3 DESC, 1",
        )?;
        let by_outlet =
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(Stats {
            articles,
            by_outlet,
            by_section: pairs(
                "SELECT COALESCE(section, '(' || COALESCE(section_label, 'none') || ')'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1",
            )?,
            by_language: pairs(
                "SELECT COALESCE(language, '(unknown)'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1",
            )?,
            by_month: pairs(
                "SELECT COALESCE(strftime('%Y-%m', known_time, 'unixepoch'), '(undated)'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 1",
            )?,
        })
    }

    /// Outlets with article counts: (id, display name — Arabic first, else Latin, else the host —,
    /// count), largest first.
    pub fn outlets(&self) -> Result<Vec<(String, String, u64)>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare(&format!(
            "SELECT a.outlet_id, {OUTLET_DISPLAY}, COUNT(*)
             FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.outlet_id IS NOT NULL GROUP BY 1 ORDER BY 3 DESC, 1"
        ))?;
        Ok(st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?)
    }

    /// Canonical sections with article counts, largest first.
    pub fn sections(&self) -> Result<Vec<(String, u64)>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare(
            "SELECT section, COUNT(*) FROM articles WHERE section IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1",
        )?;
        Ok(st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
    }
}

/// Resolves an outlet given by any of its names to its id.
pub fn resolve_outlet(name: &str) -> String {
    outlets::by_name(name).or_else(|| outlets::by_host(name)).map_or_else(|| name.trim().to_lowercase(), |o| o.id)
}

/// The fixed section a filter names: a label the section table knows, or a section id itself.
pub(crate) fn canonical_section(s: &str) -> Option<&'static str> {
    sections::canonical(s).or_else(|| sections::SECTIONS.iter().find(|x| **x == s).copied())
}

fn sql_filter(f: &Filter) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut clauses = vec!["1=1".to_string()];
    let mut args: Vec<Value> = vec![];
    if let Some(o) = &f.outlet {
        clauses.push("a.outlet_id = ?".into());
        args.push(Value::Text(resolve_outlet(o)));
    }
    if let Some(s) = &f.section {
        match canonical_section(s) {
            Some(c) => {
                clauses.push("a.section = ?".into());
                args.push(Value::Text(c.into()));
            }
            None => {
                clauses.push("a.section_label = ?".into());
                args.push(Value::Text(s.trim().into()));
            }
        }
    }
    if let Some(d) = f.since {
        clauses.push("a.known_time >= ?".into());
        args.push(Value::Integer(d.timestamp()));
    }
    if let Some(d) = f.until {
        clauses.push("a.known_time < ?".into());
        args.push(Value::Integer(d.timestamp()));
    }
    if let Some(e) = f.entity {
        clauses.push(format!(
            "a.id IN (SELECT m.article_id FROM mentions m WHERE m.entity_id = {})",
            crate::entities::TARGET_OF
        ));
        args.push(Value::Integer(e));
    }
    (clauses.join(" AND "), args)
}
