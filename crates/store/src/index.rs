//! The tantivy index, derived from SQLite: schema, analyzers, documents and query building.
//!
//! Fields: `title`/`body` with the main Arabic analyzer (normalise → stop words → light stem),
//! `title_sk`/`body_sk` with the skeleton analyzer (name variants), and filter fields. Nothing is
//! stored but the id: snippets are cut from SQLite, the system of record.

use std::ops::Bound;

use marsad_text::{Analysis, ArabicTokenizer, MAIN_TOKENIZER, SKELETON_TOKENIZER, analyze};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, TantivyDocument, Term};

/// Bump when the analyzers or the schema change: the index is then rebuilt from SQLite.
pub const INDEX_VERSION: u32 = 1;

/// Weight of main-field matches relative to skeleton (variant) matches; large enough that a
/// document with the query's own spelling outranks one that only matches a variant.
pub const MAIN_BOOST: f32 = 4.0;
/// Extra weight for titles over bodies.
pub const TITLE_BOOST: f32 = 2.0;
/// Single words shorter than this (in letters) are not searched by skeleton: short skeletons
/// collide with ordinary words (غرب / جرب).
pub const MIN_SKELETON_WORD: usize = 5;

/// Handles to the schema's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Store id.
    pub id: Field,
    /// Headline, main analyzer.
    pub title: Field,
    /// Body, main analyzer.
    pub body: Field,
    /// Headline, skeleton analyzer.
    pub title_sk: Field,
    /// Body, skeleton analyzer.
    pub body_sk: Field,
    /// Outlet id (raw).
    pub outlet: Field,
    /// Canonical section (raw).
    pub section: Field,
    /// Outlet's own section label, normalised (raw).
    pub section_label: Field,
    /// Language (raw).
    pub lang: Field,
    /// Publication time, Unix seconds.
    pub published: Field,
}

/// Builds the schema.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let fields = Fields {
        id: b.add_u64_field("id", INDEXED | FAST | STORED),
        title: b.add_text_field("title", text(MAIN_TOKENIZER)),
        body: b.add_text_field("body", text(MAIN_TOKENIZER)),
        title_sk: b.add_text_field("title_sk", text(SKELETON_TOKENIZER)),
        body_sk: b.add_text_field("body_sk", text(SKELETON_TOKENIZER)),
        outlet: b.add_text_field("outlet", STRING | FAST),
        section: b.add_text_field("section", STRING | FAST),
        section_label: b.add_text_field("section_label", STRING),
        lang: b.add_text_field("lang", STRING),
        published: b.add_i64_field("published", INDEXED | FAST),
    };
    (b.build(), fields)
}

/// Registers the Arabic analyzers on an index (needed on every open, not only on creation).
pub fn register_tokenizers(index: &Index) {
    index.tokenizers().register(MAIN_TOKENIZER, TextAnalyzer::from(ArabicTokenizer::main()));
    index.tokenizers().register(SKELETON_TOKENIZER, TextAnalyzer::from(ArabicTokenizer::skeleton()));
}

/// The fields of one article as the index wants them.
pub struct IndexDoc<'a> {
    /// Store id.
    pub id: i64,
    /// Headline.
    pub title: &'a str,
    /// Body text.
    pub body: &'a str,
    /// Outlet id.
    pub outlet: Option<&'a str>,
    /// Canonical section.
    pub section: Option<&'a str>,
    /// Outlet's own label.
    pub section_label: Option<&'a str>,
    /// Language.
    pub lang: Option<&'a str>,
    /// Unix seconds.
    pub published: Option<i64>,
}

/// Normalised form of a section label, for exact matching whatever its spelling.
pub fn label_key(label: &str) -> String {
    marsad_text::squash_whitespace(&marsad_text::normalize(label))
}

/// Makes the tantivy document.
pub fn document(f: &Fields, d: &IndexDoc<'_>) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_u64(f.id, d.id as u64);
    doc.add_text(f.title, d.title);
    doc.add_text(f.body, d.body);
    doc.add_text(f.title_sk, d.title);
    doc.add_text(f.body_sk, d.body);
    if let Some(o) = d.outlet {
        doc.add_text(f.outlet, o);
    }
    if let Some(s) = d.section {
        doc.add_text(f.section, s);
    }
    if let Some(l) = d.section_label {
        doc.add_text(f.section_label, label_key(l));
    }
    if let Some(l) = d.lang {
        doc.add_text(f.lang, l);
    }
    if let Some(p) = d.published {
        doc.add_i64(f.published, p);
    }
    doc
}

/// A query as the user typed it, analysed: plain words, quoted phrases, excluded words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedQuery {
    /// Main-analyzer terms of plain words (all required).
    pub terms: Vec<(usize, String)>,
    /// Main-analyzer terms of each quoted phrase (with positions).
    pub phrases: Vec<Vec<(usize, String)>>,
    /// Main-analyzer terms of the unquoted words, with positions (adjacency bonus).
    pub plain: Vec<(usize, String)>,
    /// Main-analyzer terms of `-excluded` words.
    pub excluded: Vec<String>,
    /// Skeleton terms of the whole positive query, with positions.
    pub skeleton: Vec<(usize, String)>,
    /// Letters in the longest positive word (decides single-word skeleton search).
    pub longest_word: usize,
}

impl ParsedQuery {
    /// Parses `"a phrase" word -excluded`.
    pub fn parse(q: &str) -> Self {
        let mut p = ParsedQuery::default();
        let (mut plain, mut positive) = (String::new(), String::new());
        // Odd-numbered pieces between double quotes are phrases.
        for (i, part) in q.split('"').enumerate() {
            if i % 2 == 1 {
                let toks: Vec<(usize, String)> =
                    analyze(part, Analysis::Main).into_iter().map(|t| (t.position, t.term)).collect();
                if toks.len() == 1 {
                    p.terms.extend(toks);
                } else if toks.len() > 1 {
                    p.phrases.push(toks);
                }
                positive.push_str(part);
                positive.push(' ');
                continue;
            }
            for word in part.split_whitespace() {
                match word.strip_prefix('-').filter(|w| !w.is_empty()) {
                    Some(neg) => p.excluded.extend(analyze(neg, Analysis::Main).into_iter().map(|t| t.term)),
                    None => {
                        for s in [&mut plain, &mut positive] {
                            s.push_str(word);
                            s.push(' ');
                        }
                    }
                }
            }
        }
        p.plain = analyze(&plain, Analysis::Main).into_iter().map(|t| (t.position, t.term)).collect();
        p.terms.extend(p.plain.iter().cloned());
        p.skeleton = analyze(&positive, Analysis::Skeleton).into_iter().map(|t| (t.position, t.term)).collect();
        p.longest_word = marsad_text::words(&positive)
            .filter_map(|w| marsad_text::analyze_word(w.text, Analysis::Plain))
            .map(|n| marsad_text::stem::strip_prefixes(&n.chars().collect::<Vec<_>>()).len())
            .max()
            .unwrap_or(0);
        p
    }

    /// True when nothing searchable is left (only stop words or punctuation).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.phrases.is_empty()
    }

    /// Every main-analyzer term the user asked for (for highlighting).
    pub fn main_terms(&self) -> Vec<String> {
        self.terms.iter().map(|(_, t)| t.clone()).chain(self.phrases.iter().flatten().map(|(_, t)| t.clone())).collect()
    }

    /// Whether the skeleton field takes part (multi-word queries, or one long word).
    pub fn uses_skeleton(&self) -> bool {
        self.skeleton.len() >= 2 || (self.skeleton.len() == 1 && self.longest_word >= MIN_SKELETON_WORD)
    }
}

fn term_q(field: Field, t: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, t), IndexRecordOption::WithFreqsAndPositions))
}

fn phrase_q(field: Field, toks: &[(usize, String)]) -> Box<dyn Query> {
    let base = toks[0].0;
    let terms = toks.iter().map(|(p, t)| (p - base, Term::from_field_text(field, t))).collect();
    Box::new(PhraseQuery::new_with_offset(terms))
}

/// Title or body, title weighted higher.
fn either_field(title: Box<dyn Query>, body: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![
        (Occur::Should, Box::new(BoostQuery::new(title, TITLE_BOOST)) as Box<dyn Query>),
        (Occur::Should, body),
    ]))
}

/// Builds the tantivy query: every word required in the main fields (boosted), OR the whole
/// query as a skeleton phrase (unboosted) so that spelling variants are found too; adjacency in
/// the main fields adds to the score; filters restrict.
/// With `any_term`, documents need only one of the words (for "more like this").
pub fn build_query(f: &Fields, q: &ParsedQuery, filters: Vec<Box<dyn Query>>, any_term: bool) -> Box<dyn Query> {
    let mut main: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let word = if any_term { Occur::Should } else { Occur::Must };
    for (_, t) in &q.terms {
        main.push((word, either_field(term_q(f.title, t), term_q(f.body, t))));
    }
    for ph in &q.phrases {
        main.push((Occur::Must, either_field(phrase_q(f.title, ph), phrase_q(f.body, ph))));
    }
    if q.plain.len() >= 2 {
        main.push((Occur::Should, either_field(phrase_q(f.title, &q.plain), phrase_q(f.body, &q.plain))));
    }
    let mut alternatives: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Should, Box::new(BoostQuery::new(Box::new(BooleanQuery::new(main)), MAIN_BOOST)))];
    if q.uses_skeleton() {
        let sk = if q.skeleton.len() >= 2 {
            either_field(phrase_q(f.title_sk, &q.skeleton), phrase_q(f.body_sk, &q.skeleton))
        } else {
            either_field(term_q(f.title_sk, &q.skeleton[0].1), term_q(f.body_sk, &q.skeleton[0].1))
        };
        alternatives.push((Occur::Should, sk));
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(BooleanQuery::new(alternatives)))];
    for t in &q.excluded {
        clauses.push((Occur::MustNot, term_q(f.title, t)));
        clauses.push((Occur::MustNot, term_q(f.body, t)));
    }
    clauses.extend(filters.into_iter().map(|q| (Occur::Must, q)));
    Box::new(BooleanQuery::new(clauses))
}

/// Filter clause: a raw string field equals a value.
pub fn equals(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
}

/// Filter clause: publication time in [since, until).
pub fn published_between(f: &Fields, since: Option<i64>, until: Option<i64>) -> Option<Box<dyn Query>> {
    if since.is_none() && until.is_none() {
        return None;
    }
    let lo = since.map_or(Bound::Unbounded, |s| Bound::Included(Term::from_field_i64(f.published, s)));
    let hi = until.map_or(Bound::Unbounded, |u| Bound::Excluded(Term::from_field_i64(f.published, u)));
    Some(Box::new(RangeQuery::new(lo, hi)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_phrases_and_exclusions() {
        let q = ParsedQuery::parse("كيم \"بيونغ يانغ\" -ترامب");
        assert_eq!(q.terms.iter().map(|t| t.1.as_str()).collect::<Vec<_>>(), ["كيم"]);
        assert_eq!(q.phrases.len(), 1);
        assert_eq!(q.excluded, ["ترامب"]);
        assert_eq!(q.skeleton.len(), 3);
    }

    #[test]
    fn stop_word_only_query_is_empty() {
        assert!(ParsedQuery::parse("في من على").is_empty());
    }

    #[test]
    fn skeleton_only_for_multiword_or_long_words() {
        assert!(ParsedQuery::parse("كيم جونغ").uses_skeleton());
        assert!(!ParsedQuery::parse("غرب").uses_skeleton());
        assert!(ParsedQuery::parse("بوتين").uses_skeleton());
    }
}
