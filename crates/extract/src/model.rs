//! What extraction produces.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::outlets::Outlet;

/// The input formats marsad reads. Detected from content, not from file names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A plain-text dump of a news page (title, body and page furniture, one block per line).
    Dump,
    /// A saved HTML page.
    Html,
    /// TREC/CLEF `<DOC>` records (the ANT corpus format).
    Trec,
    /// JSON Lines, one article per line.
    Jsonl,
}

impl Format {
    /// Lower-case name, as stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Dump => "dump",
            Format::Html => "html",
            Format::Trec => "trec",
            Format::Jsonl => "jsonl",
        }
    }
}

/// One article, extracted and cleaned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The article's URL as the source gave it.
    pub url: Option<String>,
    /// Headline.
    pub title: String,
    /// True when the page had no headline and the title was made from the lead.
    pub title_inferred: bool,
    /// Body paragraphs, furniture removed.
    pub paragraphs: Vec<String>,
    /// Standfirst/abstract, when the source has one separately.
    pub summary: Option<String>,
    /// Publication time (UTC).
    pub published: Option<DateTime<Utc>>,
    /// The outlet that published the page.
    pub outlet: Option<Outlet>,
    /// Canonical section (see [`crate::sections::SECTIONS`]).
    pub section: Option<String>,
    /// The outlet's own section label («حدث», `internationalNews`).
    pub section_label: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// The source's own document id (TREC DOCNO, JSONL `id`).
    pub doc_id: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// The format the article was read from.
    pub format: Format,
}

impl Article {
    /// An empty article of the given format; extractors fill it in.
    pub fn new(format: Format) -> Self {
        Self {
            url: None,
            title: String::new(),
            title_inferred: false,
            paragraphs: Vec::new(),
            summary: None,
            published: None,
            outlet: None,
            section: None,
            section_label: None,
            language: None,
            doc_id: None,
            author: None,
            format,
        }
    }

    /// Body paragraphs joined by blank lines.
    pub fn body(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// Why a document (or one record of a multi-record file) was not stored.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RejectReason {
    /// The file is empty or whitespace only.
    Empty,
    /// The file holds binary data, not text.
    Binary,
    /// The bytes are not UTF-8 nor an Arabic legacy encoding.
    InvalidEncoding,
    /// A structural error in the format (bad JSON, unterminated `<DOC>` …).
    Malformed,
    /// The gzip stream ended early.
    TruncatedGzip,
    /// The input exceeds a size limit.
    TooLarge,
    /// Nothing that looks like an article was found.
    NoArticle,
    /// The file could not be read.
    Unreadable,
}

impl RejectReason {
    /// Short stable code, used in summaries and JSON.
    pub fn code(&self) -> &'static str {
        match self {
            RejectReason::Empty => "empty",
            RejectReason::Binary => "binary",
            RejectReason::InvalidEncoding => "invalid-encoding",
            RejectReason::Malformed => "malformed",
            RejectReason::TruncatedGzip => "truncated-gzip",
            RejectReason::TooLarge => "too-large",
            RejectReason::NoArticle => "no-article",
            RejectReason::Unreadable => "unreadable",
        }
    }
}

/// A rejected document or record, with where it was and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    /// Why.
    pub reason: RejectReason,
    /// Human detail («line 12: expected value at column 1»).
    pub detail: String,
}

impl Rejection {
    /// A rejection with a detail message.
    pub fn new(reason: RejectReason, detail: impl Into<String>) -> Self {
        Self {
            reason,
            detail: detail.into(),
        }
    }
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.reason.code(), self.detail)
    }
}

/// One record from an input: an article, or the reason there is none.
pub type Record = Result<Article, Rejection>;
