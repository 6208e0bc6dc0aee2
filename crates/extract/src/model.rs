//! What extraction produces.

use chrono::{DateTime, NaiveDate, Utc};
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
    /// The calendar date the page states (in its own time zone), when known; what "the date of
    /// the article" means to a reader, and immune to the day shift of UTC conversion.
    #[serde(default)]
    pub published_date: Option<NaiveDate>,
    /// Where the date came from.
    #[serde(default)]
    pub date_source: Option<DateSource>,
    /// For a time read from a machine field: whether its zone was stated, taken from the outlet,
    /// or assumed to be UTC.
    #[serde(default)]
    pub time_basis: Option<TimeBasis>,
    /// «سول - المغرب اليوم»: place and source.
    #[serde(default)]
    pub dateline: Option<Dateline>,
    /// «المصدر: …» lines in page order: the first is the original source, the last the outlet
    /// that republished it.
    #[serde(default)]
    pub attribution: Vec<Source>,
    /// Agencies and media cited in the body (canonical names: Reuters, Yonhap, The Telegraph …).
    #[serde(default)]
    pub agencies: Vec<String>,
    /// Main article of its page, or one embedded in it ("read also").
    #[serde(default)]
    pub role: Role,
    /// Headline lists found on the page (kept on the page's main article).
    #[serde(default)]
    pub related: Vec<HeadlineList>,
    /// Teasers of other articles found inside this article's text, removed from its body.
    #[serde(default)]
    pub teasers: Vec<Teaser>,
    /// What of the source was not kept, and why (a body over the size limit, a page too long to
    /// read whole): empty for every complete article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cuts: Vec<Cut>,
}

/// A part of an article's source that was not kept. Limits keep one hostile input from costing
/// the machine; a cut is recorded so that nobody mistakes a shortened text for the whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "limit", rename_all = "kebab-case")]
pub enum Cut {
    /// The body was longer than [`crate::MAX_BODY_CHARS`]; its head was kept.
    Body {
        /// Characters kept.
        kept_chars: usize,
        /// Characters the body had.
        total_chars: usize,
    },
    /// The page's text was longer than [`crate::page::MAX_PAGE_BYTES`]; only its head was read.
    Page {
        /// Bytes of text read.
        kept_bytes: usize,
        /// Bytes of text the page had.
        total_bytes: usize,
    },
    /// The page walk spent its work budget at this 1-based line; the lines after it were not
    /// labelled (a marsad bug worth reporting with the page).
    WorkBudget {
        /// Where the walk stopped.
        line: usize,
    },
}

impl std::fmt::Display for Cut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cut::Body { kept_chars, total_chars } => {
                write!(f, "body cut to its first {kept_chars} of {total_chars} characters")
            }
            Cut::Page { kept_bytes, total_bytes } => {
                write!(f, "page read to its first {kept_bytes} of {total_bytes} bytes of text")
            }
            Cut::WorkBudget { line } => write!(f, "page analysis stopped at line {line} (work budget spent)"),
        }
    }
}

/// Where a publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// A machine field: corpus TIME, JSON `published`, feed date.
    Record,
    /// The page's metadata (`article:published_time` …).
    Meta,
    /// A date written in the page text.
    Text,
    /// A relative expression («اليوم السبت») resolved against a reference date: inferred.
    Inferred,
    /// A day in the article's URL (`/2015/08/11/`, `/20150811/`): the day only.
    Url,
    /// When the record was fetched (`date_extracted`, `crawled_at`…): an upper bound on the
    /// publication, the least certain date there is.
    Fetch,
}

/// What the time of day of a publication time is read against, for machine dates: a source may
/// state its offset, or give a wall-clock time with no zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "basis", rename_all = "kebab-case")]
pub enum TimeBasis {
    /// The source stated the offset or gave an instant (RFC 3339 with a zone, RFC 2822, epoch).
    Stated,
    /// A wall-clock time with no zone, read in the outlet's zone (a fixed offset, minutes east of
    /// UTC: the outlet's country keeps no daylight saving).
    OutletZone {
        /// Minutes east of UTC.
        offset_minutes: i32,
    },
    /// A wall-clock time with no zone and an outlet whose zone marsad does not know: read as UTC,
    /// so the instant may be off by the outlet's offset (the day printed is kept as printed).
    AssumedUtc,
}

/// The role of an article on its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The page's own article.
    #[default]
    Main,
    /// A whole other article embedded in the page ("read also").
    Embedded,
}

/// A dateline: place, and the outlet or agency named with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The place as written («سول»).
    pub place: String,
    /// The place in English, when marsad knows it («Seoul»).
    pub place_en: Option<String>,
    /// The outlet or agency as written («المغرب اليوم»).
    pub source: Option<String>,
    /// Its canonical id or name, when known (`almaghribtoday`, `Reuters`).
    pub source_id: Option<String>,
}

/// A named source in an attribution chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// As written («سبوتنيك»).
    pub name: String,
    /// Canonical id or name when known (`sputnik-arabic`, `Sputnik`).
    pub id: Option<String>,
}

/// A list of headlines under a heading («أخبار ذات صلة», «رياضة»).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadlineList {
    /// The heading as written.
    pub heading: String,
    /// The section the heading names, if it names one («رياضة» → sport).
    pub section_hint: Option<String>,
    /// The headlines.
    pub items: Vec<Headline>,
}

/// One headline of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headline {
    /// The text.
    pub text: String,
    /// True when cut short with «…».
    pub truncated: bool,
}

/// A teaser: another article's headline and lead dropped into a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Teaser {
    /// The teased article's headline.
    pub title: String,
    /// Its lead.
    pub lead: String,
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
            published_date: None,
            date_source: None,
            time_basis: None,
            dateline: None,
            attribution: Vec::new(),
            agencies: Vec::new(),
            role: Role::Main,
            related: Vec::new(),
            teasers: Vec::new(),
            cuts: Vec::new(),
        }
    }

    /// Body paragraphs joined by blank lines.
    pub fn body(&self) -> String {
        self.paragraphs.join("\n\n")
    }

    /// Sets the publication day alone (no time is known), e.g. from a URL.
    pub fn set_published_day(&mut self, day: chrono::NaiveDate, source: DateSource) {
        self.published = None;
        self.time_basis = None;
        self.published_date = Some(day);
        self.date_source = Some(source);
    }

    /// Sets the publication time and the local date it falls on, from a timestamp with its offset.
    pub fn set_published(&mut self, t: DateTime<chrono::FixedOffset>, source: DateSource) {
        self.time_basis = None;
        self.published = Some(t.with_timezone(&Utc));
        self.published_date = Some(t.date_naive());
        self.date_source = Some(source);
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
    /// A path the walk does not read: a symbolic link inside a directory, a FIFO, a socket or a
    /// device (opening a FIFO would wait forever for a writer).
    Skipped,
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
            RejectReason::Skipped => "skipped",
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
        Self { reason, detail: detail.into() }
    }
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.reason.code(), self.detail)
    }
}

/// One record from an input: an article, or the reason there is none.
pub type Record = Result<Article, Rejection>;
