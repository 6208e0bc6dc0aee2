//! Why a search would find nothing before it runs: an empty store, a query of stop words only,
//! an outlet or a section nobody has. "No results" for any of these hides the reason, so the
//! command line and the reader ask [`Store::check_search`] first and say it.

use marsad_extract::sections;
use tantivy::Term;

use crate::error::{Result, StoreError};
use crate::{ParsedQuery, SearchRequest, Store, index, lock, resolve_outlet};

impl Store {
    /// Checks a search request against what the store holds: [`StoreError::Empty`] when nothing
    /// was ever stored, [`StoreError::OnlyStopWords`] when the query has words but all of them
    /// are common ones the index leaves out, [`StoreError::UnknownOutlet`] and
    /// [`StoreError::UnknownSection`] when a filter names something no indexed article has.
    /// A query with nothing searchable at all (punctuation) passes: it simply finds nothing.
    pub fn check_search(&self, req: &SearchRequest) -> Result<()> {
        if self.is_empty()? {
            return Err(StoreError::Empty(self.dir.clone()));
        }
        let q = ParsedQuery::parse(&req.query);
        if q.is_empty() && marsad_text::words(&req.query).next().is_some() {
            return Err(StoreError::OnlyStopWords(req.query.trim().to_string()));
        }
        let searcher = self.reader.searcher();
        let indexed =
            |field, value: &str| -> Result<bool> { Ok(searcher.doc_freq(&Term::from_field_text(field, value))? > 0) };
        if let Some(o) = req.filter.outlet.as_deref().filter(|o| !o.trim().is_empty())
            && !indexed(self.fields.outlet, &resolve_outlet(o))?
        {
            return Err(StoreError::UnknownOutlet { given: o.trim().to_string(), known: self.outlet_names()? });
        }
        if let Some(s) = req.filter.section.as_deref().filter(|s| !s.trim().is_empty()) {
            let canonical = crate::listing::canonical_section(s);
            if canonical.is_none() && !indexed(self.fields.section_label, &index::label_key(s))? {
                return Err(StoreError::UnknownSection {
                    given: s.trim().to_string(),
                    known: sections::SECTIONS.iter().map(|s| s.to_string()).collect(),
                });
            }
        }
        Ok(())
    }

    /// Every outlet with articles, as `id (name)`, for an error that lists them.
    fn outlet_names(&self) -> Result<Vec<String>> {
        let conn = lock(&self.conn);
        let mut st = conn.prepare(
            "SELECT o.id, COALESCE(o.name_en, o.name_ar) FROM outlets o
             WHERE EXISTS (SELECT 1 FROM articles a WHERE a.outlet_id = o.id) ORDER BY o.id",
        )?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name) = row?;
            out.push(match name {
                Some(n) if n != id => format!("{id} ({n})"),
                _ => id,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use marsad_extract::{Article, Format, Outlet};

    use super::*;
    use crate::{Filter, NewArticle};

    fn store_with_one_article() -> (tempfile::TempDir, Store) {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(tmp.path()).unwrap();
        let mut a = Article::new(Format::Jsonl);
        a.title = "زلزال يضرب المدينة".into();
        a.paragraphs = vec!["ضرب زلزال قوي المدينة صباح اليوم وخرج السكان إلى الشوارع".into()];
        a.outlet = Some(Outlet { id: "sampress".into(), name_ar: Some("سام برس".into()), name_en: None });
        a.section = Some("world".into());
        a.section_label = Some("أخبار دولية".into());
        a.published = Some(Utc.with_ymd_and_hms(2023, 9, 1, 8, 0, 0).unwrap());
        store.insert_batch(&[NewArticle::new(a, "test")]).unwrap();
        store.commit().unwrap();
        (tmp, store)
    }

    fn request(query: &str, outlet: Option<&str>, section: Option<&str>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            filter: Filter {
                outlet: outlet.map(String::from),
                section: section.map(String::from),
                ..Filter::default()
            },
            limit: 10,
            ..SearchRequest::default()
        }
    }

    #[test]
    fn an_empty_store_says_so() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(tmp.path()).unwrap();
        assert!(matches!(store.check_search(&request("زلزال", None, None)), Err(StoreError::Empty(_))));
    }

    #[test]
    fn stop_words_unknown_outlets_and_sections_are_named() {
        let (_tmp, store) = store_with_one_article();
        assert!(store.check_search(&request("زلزال", Some("سام برس"), Some("world"))).is_ok());
        assert!(store.check_search(&request("زلزال", None, Some("أخبار دولية"))).is_ok());
        // A canonical section nobody has yet is still a section: it finds nothing, honestly.
        assert!(store.check_search(&request("زلزال", None, Some("sport"))).is_ok());
        assert!(matches!(
            store.check_search(&request("في من على", None, None)),
            Err(StoreError::OnlyStopWords(q)) if q == "في من على"
        ));
        match store.check_search(&request("زلزال", Some("nowhere-news"), None)) {
            Err(e @ StoreError::UnknownOutlet { .. }) => {
                assert_eq!(e.to_string(), "unknown outlet «nowhere-news»; known: sampress (سام برس)")
            }
            other => panic!("{other:?}"),
        }
        match store.check_search(&request("زلزال", None, Some("طبخ"))) {
            Err(e @ StoreError::UnknownSection { .. }) => {
                let m = e.to_string();
                assert!(m.starts_with("unknown section «طبخ»; known: ") && m.contains("sport"), "{m}")
            }
            other => panic!("{other:?}"),
        }
    }
}
