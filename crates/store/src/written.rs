//! An entity named as the page's own articles write it.
//!
//! The registry's name for an entity is the spelling seen most across every outlet. On an
//! article or a story page that spelling may appear nowhere («كيم جونج أون» where this story
//! writes «كيم جونغ أون»), which reads as a mistake: a name on a page should be one the reader
//! can find in the text below it. So the page's mentions are cut from its articles and the
//! stored spelling they write most is shown.

use std::collections::HashMap;

use marsad_entities::names::display;
use rusqlite::params;

use crate::entities::{EntitySummary, article_blocks};
use crate::{Result, Store, lock};

/// Most articles of a story read to learn how it writes names: the newest, enough to know a
/// story's usage without reading every body of a story of thousands.
pub const WRITTEN_SCOPE_ARTICLES: usize = 200;

/// Letters that may stand before a name as one-letter clitics («و», «ف», «ب», «ل», «ك»).
const PROCLITICS: [char; 5] = ['و', 'ف', 'ب', 'ل', 'ك'];

/// Most clitic letters taken off a written name to find the spelling it carries («وب»).
const MAX_PROCLITICS: usize = 2;

impl Store {
    /// Every mention in `articles` cut from its article as written, by entity.
    pub(crate) fn written_mentions(&self, articles: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
        let conn = lock(&self.conn);
        let mut text = conn.prepare_cached("SELECT title, body FROM articles WHERE id = ?1")?;
        let mut mentions =
            conn.prepare_cached("SELECT entity_id, block, start, end FROM mentions WHERE article_id = ?1")?;
        let mut out: HashMap<i64, Vec<String>> = HashMap::new();
        for &article in articles.iter().take(WRITTEN_SCOPE_ARTICLES) {
            let Ok((title, body)) = text.query_row([article], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            else {
                continue;
            };
            let blocks = article_blocks(&title, &body);
            let rows = mentions.query_map(params![article], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
            })?;
            for row in rows {
                let (entity, block, start, end) = row?;
                let span = usize::try_from(block)
                    .ok()
                    .and_then(|b| blocks.get(b))
                    .and_then(|b| b.get(usize::try_from(start).ok()?..usize::try_from(end).ok()?));
                if let Some(span) = span {
                    out.entry(entity).or_default().push(span.to_string());
                }
            }
        }
        Ok(out)
    }

    /// `summaries` renamed by how `articles` write them (see the module's note).
    pub(crate) fn name_as_written(
        &self,
        mut summaries: Vec<EntitySummary>,
        articles: &[i64],
    ) -> Result<Vec<EntitySummary>> {
        let written = self.written_mentions(articles)?;
        for s in &mut summaries {
            if let Some(name) = written.get(&s.id).and_then(|w| most_written(&s.name, &s.names, w)) {
                s.name = name.to_string();
            }
        }
        Ok(summaries)
    }
}

/// Of the stored `spellings`, the one the `written` mentions use most; on a tie the shorter (two
/// spellings a mention both writes are the name with and without its clitic), then the shown
/// `name`. `None` when no mention uses any.
pub(crate) fn most_written<'a>(name: &str, spellings: &'a [String], written: &[String]) -> Option<&'a str> {
    let uses = |s: &str| written.iter().filter(|w| writes(w, s)).count();
    spellings
        .iter()
        .map(|s| (uses(s), s))
        .filter(|(n, _)| *n > 0)
        .max_by(|(a, x), (b, y)| {
            a.cmp(b)
                .then(y.chars().count().cmp(&x.chars().count()))
                .then((x.as_str() == name).cmp(&(y.as_str() == name)))
        })
        .map(|(_, s)| s.as_str())
}

/// Whether the written mention `w` is the spelling `s`: the same, the same behind one or two
/// clitic letters, or the same once its article is given back its own form («للعراق» → «العراق»).
fn writes(w: &str, s: &str) -> bool {
    if w == s {
        return true;
    }
    let mut rest = w;
    for _ in 0..MAX_PROCLITICS {
        let Some(c) = rest.chars().next().filter(|c| PROCLITICS.contains(c)) else { break };
        rest = &rest[c.len_utf8()..];
        if rest == s {
            return true;
        }
    }
    let words: Vec<&str> = w.split_whitespace().collect();
    display(&words) == s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_spelling_this_page_writes_wins_over_the_most_common_elsewhere() {
        let spellings = strings(&["كيم جونج أون", "كيم جونغ أون"]);
        let written = strings(&["كيم جونغ أون", "كيم جونغ أون"]);
        assert_eq!(most_written("كيم جونج أون", &spellings, &written), Some("كيم جونغ أون"));
    }

    #[test]
    fn a_name_behind_a_conjunction_is_shown_without_it() {
        let spellings = strings(&["وبيونج يانج", "بيونج يانج"]);
        let written = strings(&["وبيونج يانج"]);
        assert_eq!(most_written("وبيونج يانج", &spellings, &written), Some("بيونج يانج"));
    }

    #[test]
    fn an_article_after_lam_is_read_as_the_article() {
        assert!(writes("للعراق", "العراق"));
        assert!(writes("وبالعراق", "العراق"));
        assert!(!writes("العراقي", "العراق"));
    }

    #[test]
    fn nothing_written_keeps_the_stored_name() {
        let spellings = strings(&["بوتين"]);
        assert_eq!(most_written("بوتين", &spellings, &strings(&["ترامب"])), None);
    }
}
