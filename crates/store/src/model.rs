//! Stored articles and the views the reader, API and CLI need.

use chrono::{DateTime, NaiveDate, Utc};
use marsad_extract::model::{Cut, Dateline, HeadlineList, Source, Teaser};
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
    /// Publication time, UTC.
    pub published: Option<DateTime<Utc>>,
    /// Outlet id.
    pub outlet_id: Option<String>,
    /// Outlet display name.
    pub outlet_name: Option<String>,
    /// Outlet's Arabic name.
    pub outlet_name_ar: Option<String>,
    /// Canonical section.
    pub section: Option<String>,
    /// The outlet's own section label.
    pub section_label: Option<String>,
    /// ISO 639-1 language.
    pub language: Option<String>,
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
    /// `main`, or `embedded` in another article's page.
    pub role: String,
    /// For embedded articles: the page's main article.
    pub page_of: Option<i64>,
    /// Dateline.
    pub dateline: Option<Dateline>,
    /// Attribution chain, original source first.
    pub attribution: Vec<Source>,
    /// Agencies and media cited.
    pub agencies: Vec<String>,
    /// Headline lists found on the page.
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
    /// Publication time, UTC.
    pub published: Option<DateTime<Utc>>,
    /// Outlet id.
    pub outlet_id: Option<String>,
    /// Outlet display name.
    pub outlet_name: Option<String>,
    /// Outlet's Arabic name.
    pub outlet_name_ar: Option<String>,
    /// Canonical section.
    pub section: Option<String>,
    /// Outlet's own section label.
    pub section_label: Option<String>,
    /// Language.
    pub language: Option<String>,
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
    /// Published at or after.
    pub since: Option<DateTime<Utc>>,
    /// Published before.
    pub until: Option<DateTime<Utc>>,
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
