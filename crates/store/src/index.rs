//! The tantivy index, derived from SQLite: schema, analyzers, documents and query building.
//!
//! Fields: `title`/`body` with the main Arabic analyzer (normalise → stop words → light stem),
//! `title_ex`/`body_ex` with the surface analyzer (the word as written, article made uniform: names
//! before their stems' relatives, and quoted words), `title_sk`/`body_sk` with the skeleton
//! analyzer (name variants), and filter fields. Nothing is
//! stored but the id: snippets are cut from SQLite, the system of record.

use std::ops::Bound;

use marsad_text::{ArabicTokenizer, MAIN_TOKENIZER, SKELETON_TOKENIZER, SURFACE_TOKENIZER};
use tantivy::query::{Query, RangeQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, TantivyDocument, Term};

/// Bump when the analyzers or the schema change: the index is then rebuilt from SQLite.
pub const INDEX_VERSION: u32 = 2;

/// Handles to the schema's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Store id.
    pub id: Field,
    /// Headline, main analyzer.
    pub title: Field,
    /// Body, main analyzer.
    pub body: Field,
    /// Headline, surface analyzer.
    pub title_ex: Field,
    /// Body, surface analyzer.
    pub body_ex: Field,
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
        title_ex: b.add_text_field("title_ex", text(SURFACE_TOKENIZER)),
        body_ex: b.add_text_field("body_ex", text(SURFACE_TOKENIZER)),
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
    index.tokenizers().register(SURFACE_TOKENIZER, TextAnalyzer::from(ArabicTokenizer::surface()));
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
    doc.add_text(f.title_ex, d.title);
    doc.add_text(f.body_ex, d.body);
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
