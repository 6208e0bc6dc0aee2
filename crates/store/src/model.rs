//! Stored articles and the views the reader, API and CLI need.

use chrono::{DateTime, NaiveDate, Utc};
use marsad_extract::model::{Cut, Dateline, HeadlineList, Source, Teaser, TimeBasis};
use serde::{Deserialize, Serialize};

/// An article as stored, with its id.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StoredArticle {
    /// Store id.
    pub id: i64,
    /// URL as first seen.
    pub url: Option<String>,
    /// Headline.
    pub title: String,
    /// True when the title was made from the lead.
    pub title_inferred: bool,
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
    /// Standfirst/abstract.
    pub summary: Option<String>,
    /// Publication time, UTC; `None` when the source gives no time (see `published_date` and
    /// `undated`).
    pub published: Option<DateTime<Utc>>,
    /// True when neither a time nor a day of publication is known. The ingest time is never
    /// a publication date.
    pub undated: bool,
    /// Why an undated article has no date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undated_reason: Option<Undated>,
    /// Outlet id.
    pub outlet_id: Option<String>,
    /// Outlet display name: the Arabic name where known, else the Latin one, else the host.
    pub outlet_name: Option<String>,
    /// Outlet's Arabic name.
    pub outlet_name_ar: Option<String>,
    /// Canonical section.
    pub section: Option<String>,
    /// The outlet's own section label.
    pub section_label: Option<String>,
    /// ISO 639-1 language.
    pub language: Option<String>,
    /// The language's name in Arabic («العربية»), from CLDR.
    pub language_name: Option<String>,
    /// The source's own id (TREC DOCNO …).
    pub doc_id: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Input format.
    pub format: String,
    /// File (and record) it was read from.
    pub source: Option<String>,
    /// When marsad stored it.
    pub ingested_at: DateTime<Utc>,
    /// The calendar date the page states.
    pub published_date: Option<NaiveDate>,
    /// Where the date came from (`record`, `meta`, `text`, `inferred`).
    pub date_source: Option<String>,
    /// For a machine time: whether its zone was stated, taken from the outlet's country, or
    /// assumed to be UTC (then the time may be off by the outlet's offset).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_basis: Option<TimeBasis>,
    /// `main`, or `embedded` in another article's page.
    pub role: String,
    /// For embedded articles: the page's main article.
    pub page_of: Option<i64>,
    /// Dateline.
    pub dateline: Option<Dateline>,
    /// Attribution chain, original source first.
    pub attribution: Vec<Source>,
    /// Agencies and media cited (canonical Latin names, as `marsad_extract::sources` spells them).
    pub agencies: Vec<String>,
    /// The same agencies as shown to a reader: Arabic with the Latin name in parentheses
    /// («يونهاب (Yonhap)»).
    pub agency_names: Vec<String>,
    /// Headline lists of the original page («أخبار النجوم» …): the page's own links, not
    /// articles marsad relates to this one (those are `Store::related`).
    #[serde(rename = "page_headline_lists")]
    pub related: Vec<HeadlineList>,
    /// Teasers removed from the body.
    pub teasers: Vec<Teaser>,
    /// What of the source is not here, and why (size limits): empty for a complete article.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cuts: Vec<Cut>,
}

/// Extraction metadata kept as JSON beside the row.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Extra {
    /// Dateline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    /// Attribution chain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attribution: Vec<Source>,
    /// Agencies cited.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agencies: Vec<String>,
    /// What of the source was not kept (size limits).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cuts: Vec<Cut>,
    /// What a machine time of day was read against (stated zone, the outlet's, or UTC assumed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_basis: Option<TimeBasis>,
}

/// Why an article has no publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Undated {
    /// A page (HTML or text dump) with no date in its metadata or its text.
    NoDateOnPage,
    /// A corpus or feed record (TREC, JSON Lines) with no date field marsad could read.
    NoDateInRecord,
}

impl Undated {
    /// The reason for an undated article read in `format` (as stored: `dump`, `html`, …).
    pub fn of_format(format: &str) -> Undated {
        match format {
            "trec" | "jsonl" => Undated::NoDateInRecord,
            _ => Undated::NoDateOnPage,
        }
    }

    /// The reason as a reader is told it.
    pub fn label_ar(self) -> &'static str {
        match self {
            Undated::NoDateOnPage => "لا تاريخ على الصفحة",
            Undated::NoDateInRecord => "لا تاريخ في السجل",
        }
    }

    /// The reason in English (CLI, logs).
    pub fn label_en(self) -> &'static str {
        match self {
            Undated::NoDateOnPage => "no date on the page",
            Undated::NoDateInRecord => "no date in the record",
        }
    }
}

/// One line of a listing: enough to show a result without the body.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ArticleSummary {
    /// Store id.
    pub id: i64,
    /// Headline.
    pub title: String,
    /// URL.
    pub url: Option<String>,
    /// Publication time, UTC; `None` when the source gives no time.
    pub published: Option<DateTime<Utc>>,
    /// The calendar day of publication, also when only the day is known (a date in the text).
    pub published_date: Option<NaiveDate>,
    /// True when neither a time nor a day of publication is known: such an article is listed
    /// after the dated ones, never under its ingest time.
    pub undated: bool,
    /// Why an undated article has no date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undated_reason: Option<Undated>,
    /// Outlet id.
    pub outlet_id: Option<String>,
    /// Outlet display name: the Arabic name where known, else the Latin one, else the host.
    pub outlet_name: Option<String>,
    /// Outlet's Arabic name.
    pub outlet_name_ar: Option<String>,
    /// Canonical section.
    pub section: Option<String>,
    /// Outlet's own section label.
    pub section_label: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// The language's name in Arabic («العربية»).
    pub language_name: Option<String>,
    /// The first words of the body.
    pub lead: String,
    /// When marsad stored it.
    pub ingested_at: DateTime<Utc>,
}

/// Restricts listings and searches.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Outlet id, or any name of the outlet («BBC», «بي بي سي»).
    pub outlet: Option<String>,
    /// Canonical section or the outlet's own label.
    pub section: Option<String>,
    /// Published at or after (an article known only by its day counts from the day's start;
    /// undated articles match no date filter).
    pub since: Option<DateTime<Utc>>,
    /// Published before.
    pub until: Option<DateTime<Utc>>,
    /// Articles that mention this entity (an id from `marsad entities`; a merged entity's id
    /// stands for the entity it was merged into).
    pub entity: Option<i64>,
}

/// A page of results.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    /// Matching items in all pages.
    pub total: usize,
    /// Offset of the first item.
    pub offset: usize,
    /// This page's items.
    pub items: Vec<T>,
}

/// What happened to one article handed to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "outcome")]
pub enum InsertOutcome {
    /// Stored under this id.
    New {
        /// The new id.
        id: i64,
    },
    /// Already stored (same canonical URL or same normalised text).
    Duplicate {
        /// The existing id.
        id: i64,
    },
}

/// Counts for `marsad stats`.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Stats {
    /// Articles stored.
    pub articles: u64,
    /// (outlet id, display name, count), largest first.
    pub by_outlet: Vec<(String, String, u64)>,
    /// (section, count).
    pub by_section: Vec<(String, u64)>,
    /// (language, count).
    pub by_language: Vec<(String, u64)>,
    /// (YYYY-MM, count), chronological.
    pub by_month: Vec<(String, u64)>,
}
