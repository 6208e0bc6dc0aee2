//! Other articles' leads at the end of a body (issue 11, item 3): a scraper that keeps every
//! paragraph of a page keeps the «اقرأ أيضا» box under the article as body text — the first
//! paragraphs of other articles of the same outlet, without their headlines. ANT's CNN records
//! end so about one time in four.
//!
//! The sign is exact but only visible across records: such a paragraph is, word for word, the
//! lead of another article of the outlet. Each outlet's leads are indexed in the store
//! ([`marsad_store::leads`]); at the end of every ingest run, [`strip_foreign_leads`] indexes the
//! articles stored since the last pass and checks their bodies, and those of older articles
//! whose tails hold one of the new leads — so the rule holds whichever of the two articles
//! comes first, in one run or in two.
//!
//! The rule ([`trailing_teasers`]): a paragraph after the first [`KEPT_HEAD`] whose head
//! ([`lead_key`]) is the lead of another article B of the outlet — B not the article itself and
//! not a copy of it (no lead or headline in common) — is another article's teaser. Only a
//! trailing run is taken out: from the earliest such paragraph to the end of the body, when
//! every paragraph of the run is such a teaser or a short, lead-shaped paragraph (the teaser of
//! an article the store does not hold), and the run has [`MIN_RUN`] paragraphs or more. A teaser
//! followed by the article's own text stays, and so does a lone known lead closing a body: a
//! follow-up often ends on the lead of the report it follows, as background. The paragraphs taken out are kept as the
//! article's teasers, with B's headline when known; the body and the search index are updated.

use std::collections::{BTreeSet, HashSet};
use std::time::Instant;

use marsad_store::leads::{KIND_LEAD, KIND_TAIL, LeadArticle, LeadKeyRow, lead_key};
use marsad_store::{Store, StoreError};
use serde::Serialize;

/// The first paragraphs of a body are always its own: no body is emptied, and a short article
/// is never touched.
pub const KEPT_HEAD: usize = 2;

/// How many of a body's last paragraphs may be teasers: scrapers leave three to five.
pub const MAX_TAIL: usize = 12;

/// Fewest paragraphs in a run of teasers taken out.
pub const MIN_RUN: usize = 2;

/// Fewest words in a lead: a shorter line (a credit, a copyright notice that a broken record
/// holds as its whole body) names no article.
pub const LEAD_MIN_WORDS: usize = 8;

/// Most words in a paragraph that may join a run of teasers without being a known lead: a lead
/// is one or two sentences; a longer paragraph is the article's own.
pub const LEAD_MAX_WORDS: usize = 80;

/// Most articles read per query for one key. Among the articles whose lead a paragraph opens like,
/// the first this many are tried (more than a handful with one lead are copies of one another);
/// the articles whose tails hold a lead are paged through, this many at a time.
const MAX_PER_KEY: usize = 32;

/// Articles read per chunk.
const CHUNK: usize = 2000;

/// Characters of the head of a paragraph searched for the end of a dateline.
const DATELINE_WITHIN: usize = 80;

/// What a pass did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LeadsSummary {
    /// Articles whose keys were added to the index.
    pub indexed: u64,
    /// Bodies checked.
    pub checked: u64,
    /// Bodies that lost a trailing run of teasers.
    pub bodies_cut: u64,
    /// Paragraphs taken out of them.
    pub paragraphs_removed: u64,
    /// Wall time, seconds.
    pub seconds: f64,
}

/// Most words in a dateline.
const DATELINE_MAX_WORDS: usize = 8;

/// A first paragraph without its dateline («دبي، الإمارات العربية المتحدة (CNN)-- …», «بيروت
/// (رويترز) - …»: a few words and a source in brackets, then a dash): the teaser of an article
/// often leaves the dateline out.
fn without_dateline(p: &str) -> Option<&str> {
    let head_end = p.char_indices().nth(DATELINE_WITHIN).map_or(p.len(), |(i, _)| i);
    let head = &p[..head_end];
    let (at, sep) =
        ["--", " - ", " – ", " — "].iter().filter_map(|s| head.find(s).map(|i| (i, s.len()))).min_by_key(|x| x.0)?;
    let dateline = head[..at].trim_end();
    let short = dateline.split_whitespace().count() <= DATELINE_MAX_WORDS;
    (short && dateline.ends_with(')'))
        .then(|| p[at + sep..].trim_start_matches(|c: char| c.is_whitespace() || c == '-'))
}

/// Words of a paragraph (tokens with a letter: «**» or «-» is none), counted up to one more than
/// [`LEAD_MAX_WORDS`].
fn words(p: &str) -> usize {
    p.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).take(LEAD_MAX_WORDS + 1).count()
}

/// The keys of an article's leads: its first paragraph, the same without a dateline, and its
/// summary, when they have [`LEAD_MIN_WORDS`] words or more. `first` is given only for a body of
/// two paragraphs or more: a record whose whole text is one line (a notice a broken record holds
/// as its body) has no lead to recognise elsewhere, only a summary.
pub fn lead_keys(first: Option<&str>, summary: Option<&str>) -> Vec<i64> {
    let mut keys: Vec<i64> = [first, first.and_then(without_dateline), summary]
        .into_iter()
        .flatten()
        .filter(|t| words(t) >= LEAD_MIN_WORDS)
        .filter_map(lead_key)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn article_lead_keys(a: &LeadArticle) -> Vec<i64> {
    let first = a.paragraphs.first().filter(|_| a.paragraphs.len() >= 2);
    lead_keys(first.map(String::as_str), a.summary.as_deref())
}

/// Where the paragraphs that may be teasers begin.
fn tail_start(n: usize) -> usize {
    n.saturating_sub(MAX_TAIL).max(KEPT_HEAD)
}

/// Whether a paragraph that is no known lead may still be one in a run of teasers: one or two
/// sentences that open a text — not a list item, not a paragraph carrying the text on («و…»),
/// not one that introduces what follows («…:»).
pub fn short_lead_shaped(p: &str) -> bool {
    let p = p.trim();
    let n = words(p);
    let first = p.split_whitespace().next().unwrap_or("");
    (LEAD_MIN_WORDS..=LEAD_MAX_WORDS).contains(&n)
        && !first.starts_with('و')
        && !p.starts_with(|c: char| c.is_numeric() || matches!(c, '-' | '–' | '•' | '*' | '"' | '«'))
        && !p.ends_with(':')
}

/// A run of teasers: where it starts, and the article each of its paragraphs teases.
pub type Run = (usize, Vec<Option<i64>>);

/// The trailing run of other articles' teasers in `paragraphs`: `teaser_of(p)` says which other
/// article a paragraph is the lead of, if any. Returns the index the run starts at and, for each
/// paragraph of the run, the article it teases (`None` for a lead-shaped paragraph of no known
/// article). At most the last [`MAX_TAIL`] paragraphs are looked at, each once.
pub fn trailing_teasers<E>(
    paragraphs: &[String],
    mut teaser_of: impl FnMut(&str) -> Result<Option<i64>, E>,
) -> Result<Option<Run>, E> {
    let n = paragraphs.len();
    let mut found: Vec<Option<i64>> = Vec::new();
    let mut cut = None;
    for i in (tail_start(n)..n).rev() {
        let p = &paragraphs[i];
        let of = teaser_of(p)?;
        if of.is_some() {
            cut = Some(i);
        } else if !short_lead_shaped(p) {
            break;
        }
        found.push(of);
    }
    // A lone known lead closing a body is the article's own background as often as a teaser: a
    // follow-up ends on the lead of the report it follows. A run of two or more is a box of them.
    Ok(cut.filter(|&c| n - c >= MIN_RUN).map(|c| {
        found.reverse();
        let from = found.len() - (n - c);
        (c, found.split_off(from))
    }))
}

/// The other article `p` (a paragraph of `a`) is the lead of, if any: same outlet, not `a`, and
/// not a copy of `a` — no lead key and no headline in common.
fn teaser_of(
    store: &Store,
    a: &LeadArticle,
    own: &HashSet<i64>,
    title: &str,
    p: &str,
) -> Result<Option<i64>, StoreError> {
    if words(p) < LEAD_MIN_WORDS {
        return Ok(None);
    }
    let Some(k) = lead_key(p) else { return Ok(None) };
    if own.contains(&k) {
        return Ok(None);
    }
    for b in store.articles_with_key(&a.outlet, KIND_LEAD, k, (0, i64::MAX), MAX_PER_KEY)? {
        if b == a.id || store.keys_of(b, KIND_LEAD)?.iter().any(|x| own.contains(x)) {
            continue;
        }
        let same_title = store.title_of(b)?.is_some_and(|t| marsad_text::normalize(t.trim()) == title);
        if !same_title {
            return Ok(Some(b));
        }
    }
    Ok(None)
}

/// Checks one body and takes its trailing teasers out.
fn check(store: &Store, a: &LeadArticle, summary: &mut LeadsSummary) -> Result<(), StoreError> {
    summary.checked += 1;
    let own: HashSet<i64> = article_lead_keys(a).into_iter().collect();
    let title = marsad_text::normalize(a.title.trim());
    let Some((cut, teased)) = trailing_teasers(&a.paragraphs, |p| teaser_of(store, a, &own, &title, p))? else {
        return Ok(());
    };
    let mut titles = Vec::with_capacity(teased.len());
    for b in teased {
        titles.push(match b {
            Some(b) => store.title_of(b)?.unwrap_or_default(),
            None => String::new(),
        });
    }
    if store.cut_body(a.id, cut, &titles)? {
        summary.bodies_cut += 1;
        summary.paragraphs_removed += (a.paragraphs.len() - cut) as u64;
    }
    Ok(())
}

/// Checks the stored articles `ids` and empties the set.
fn check_ids(store: &Store, ids: &mut BTreeSet<i64>, summary: &mut LeadsSummary) -> Result<(), StoreError> {
    for id in std::mem::take(ids) {
        if let Some(a) = store.lead_article(id)? {
            check(store, &a, summary)?;
        }
    }
    Ok(())
}

/// The keys an article adds to the index.
fn key_rows(a: &LeadArticle, out: &mut Vec<LeadKeyRow>) {
    let row = |kind, key| LeadKeyRow { outlet: a.outlet.clone(), key, kind, article_id: a.id };
    out.extend(article_lead_keys(a).into_iter().map(|k| row(KIND_LEAD, k)));
    let n = a.paragraphs.len();
    out.extend(a.paragraphs[tail_start(n).min(n)..].iter().filter_map(|p| lead_key(p)).map(|k| row(KIND_TAIL, k)));
}

/// The pass run at the end of each ingest: indexes the leads and body tails of the articles
/// stored since the last pass, then checks their bodies and those of the older articles whose
/// tails hold one of their leads, taking other articles' teasers out (see the module's doc).
/// Ends with an index commit, so the shortened bodies are what search sees.
pub fn strip_foreign_leads(store: &Store) -> Result<LeadsSummary, StoreError> {
    let started = Instant::now();
    let mut summary = LeadsSummary::default();
    let from = store.leads_checked_upto()?;
    let upto = store.last_article_id()?;
    if upto <= from {
        return Ok(summary);
    }
    // 1. Every new lead in the index before any body is judged: B may come after A in the run.
    let mut after = from;
    let mut rows = Vec::new();
    loop {
        let chunk = store.lead_articles_between(after, upto, CHUNK)?;
        let Some(last) = chunk.last().map(|a| a.id) else { break };
        rows.clear();
        for a in &chunk {
            key_rows(a, &mut rows);
        }
        store.add_lead_keys(&rows)?;
        summary.indexed += chunk.len() as u64;
        after = last;
    }
    // 2. The new bodies, and the older ones whose tails hold a new lead.
    let mut after = from;
    loop {
        let chunk = store.lead_articles_between(after, upto, CHUNK)?;
        let Some(last) = chunk.last().map(|a| a.id) else { break };
        for a in &chunk {
            check(store, a, &mut summary)?;
        }
        // Older bodies whose tails hold one of the chunk's leads, each page of ids bounded; the
        // set is checked and emptied whenever it fills (checking a body twice changes nothing).
        let mut older = BTreeSet::new();
        for a in chunk.iter().filter(|_| from > 0) {
            for k in article_lead_keys(a) {
                let mut seen = 0;
                loop {
                    let ids = store.articles_with_key(&a.outlet, KIND_TAIL, k, (seen, from), MAX_PER_KEY)?;
                    let Some(&next) = ids.last() else { break };
                    older.extend(ids);
                    if older.len() >= CHUNK {
                        check_ids(store, &mut older, &mut summary)?;
                    }
                    // Ids rise strictly from page to page.
                    seen = next;
                }
            }
        }
        check_ids(store, &mut older, &mut summary)?;
        after = last;
    }
    store.set_leads_checked_upto(upto)?;
    if summary.bodies_cut > 0 {
        store.commit()?;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    const OWN: &str = "يواصل المزارعون في السهل حصاد القمح هذا الأسبوع رغم ارتفاع درجات الحرارة";
    const LEAD: &str = "أعلنت الهيئة العامة للأرصاد أن موجة حر جديدة ستضرب المنطقة خلال الأيام المقبلة";
    const OTHER: &str = "افتتح وزير الثقافة معرضا للكتاب يضم أكثر من ألف دار نشر من عشرين بلدا";

    #[test]
    fn a_trailing_run_from_the_first_known_lead() {
        let p = paras(&[OWN, OWN, OWN, LEAD, OTHER, LEAD]);
        let got: Result<_, ()> = trailing_teasers(&p, |x| Ok((x == LEAD).then_some(7)));
        assert_eq!(got.unwrap(), Some((3, vec![Some(7), None, Some(7)])));
    }

    #[test]
    fn a_known_lead_followed_by_the_articles_own_text_stays() {
        let long = format!("و{}", OWN.repeat(2));
        let p = paras(&[OWN, OWN, LEAD, &long]);
        let got: Result<_, ()> = trailing_teasers(&p, |x| Ok((x == LEAD).then_some(7)));
        assert_eq!(got.unwrap(), None);
    }

    #[test]
    fn a_lone_known_lead_closing_a_body_stays() {
        let p = paras(&[OWN, OWN, OWN, LEAD]);
        let got: Result<_, ()> = trailing_teasers(&p, |x| Ok((x == LEAD).then_some(7)));
        assert_eq!(got.unwrap(), None);
    }

    #[test]
    fn the_head_of_a_body_is_never_cut() {
        let p = paras(&[LEAD, LEAD]);
        let got: Result<_, ()> = trailing_teasers(&p, |_| Ok(Some(7)));
        assert_eq!(got.unwrap(), None);
    }

    #[test]
    fn a_dateline_is_not_part_of_a_lead() {
        let p = format!("دبي، الإمارات العربية المتحدة (CNN)-- {LEAD}");
        assert_eq!(without_dateline(&p), Some(LEAD));
        assert_eq!(lead_keys(Some(&p), None).len(), 2);
        assert!(lead_keys(Some("حقوق النشر محفوظة للمجلة"), None).is_empty());
    }
}
