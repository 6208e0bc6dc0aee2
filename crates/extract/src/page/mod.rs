//! The page algorithm, for plain-text page dumps and for HTML (whose main content trafilatura
//! gives as block lines, see [`crate::html`]): the text of a news page as a browser or scraper saw
//! it, one block per line — breadcrumbs, outlet header, headline, date and dateline, body, and
//! everything around it: headline lists under headings, "read also" with whole other articles,
//! teasers dropped into the text, «المصدر: …» lines, "View on …".
//!
//! Extraction is three passes. `classify` gives each line the features it has on its own (a
//! paragraph of running text, a short headline-like line, a known furniture heading, an
//! attribution …). [`analyse`] walks the page with those features and the lines' neighbours: the
//! main article's body, the interruptions inside it, teasers (a headline restated by the lead that
//! follows it, about something else than the article around it), embedded articles after "read
//! also", headline lists. It labels every line and returns article drafts; [`articles`] turns them
//! into [`Article`](crate::Article)s. The rules are about the *shape* of Arabic news pages —
//! sentence punctuation, length, headings, restatement, topical similarity — never about a
//! particular site.
//!
//! - `cues`: the word lists and named thresholds the other passes read;
//! - `classify`: the features of each line on its own;
//! - `topic`: topical similarity (content keys, restatement, headlines glued to their leads);
//! - `walk`: the walk over the page, with its progress and work-budget guarantees
//!   (`walk/preamble`: headline, date, dateline, byline before the text; `walk/body`: a body and
//!   its interruptions; `walk/columns`: columns and poems of short lines);
//! - `assemble`: drafts to articles with metadata, and the outlet the page names;
//! - this file: [`Label`], [`Block`], [`Analysis`], [`analyse`] and [`parse_page`].

mod assemble;
mod byline;
mod classify;
mod cues;
pub(crate) mod topic;
mod walk;

use serde::Serialize;

use crate::model::{Cut, Format, HeadlineList, Record, RejectReason, Rejection, Role, Teaser};
use crate::outlets;
use assemble::{detect_outlet, infer_date};
use classify::classify;

pub use assemble::articles;
pub(crate) use classify::breadcrumb;
pub use walk::{WORK_FLOOR, WORK_PER_LINE};

/// True when a line is a «اقرأ أيضاً» / «للمزيد» heading: what follows may be a whole other article.
pub(crate) fn is_read_also_heading(line: &str) -> bool {
    classify::is_read_also_heading(line)
}

/// Loads the page pass's one-time tables (the name recogniser); how long that took.
pub(crate) fn warm_up() -> std::time::Duration {
    let started = std::time::Instant::now();
    byline::warm_up();
    started.elapsed()
}

/// True when a short line is a reporter's line by its shape («كتب - NAME:», «CITY – OUTLET»).
pub(crate) fn is_byline(line: &str) -> bool {
    byline::read(line).is_some()
}

/// Largest page text analysed, in bytes: the rest of a longer page is not read, and its main
/// article records the cut. Real article pages run to tens of kilobytes of text (the longest of
/// 45,000 ANT and SaudiNewsNet articles has 34,000 characters); two megabytes is fifty times that,
/// and keeps the cost of one hostile page (a 60 MB single-line file) to a fraction of a second.
pub const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;

/// What a line of a page is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Label {
    /// «الرئيسية » حدث».
    Breadcrumb,
    /// A line naming the outlet («سام برس»).
    Outlet,
    /// An article's headline.
    Title,
    /// A line giving the publication date.
    Date,
    /// «سول - المغرب اليوم».
    Dateline,
    /// «كتب: أحمد الربيعي», «بقلم …»: who wrote the article.
    Byline,
    /// A paragraph of an article's body (including intertitles).
    Body,
    /// A heading over furniture or a headline list.
    Heading,
    /// A headline in a list.
    Headline,
    /// Another article's headline and lead dropped into the page.
    Teaser,
    /// «المصدر: …».
    Attribution,
    /// Navigation, sharing, legal lines and lines the outlet repeats on every page.
    Furniture,
    /// Text that belongs to no article (orphans).
    Other,
}

impl Label {
    /// The label's name as used in JSON and gold files.
    pub fn as_str(&self) -> &'static str {
        match self {
            Label::Breadcrumb => "breadcrumb",
            Label::Outlet => "outlet",
            Label::Title => "title",
            Label::Date => "date",
            Label::Dateline => "dateline",
            Label::Byline => "byline",
            Label::Body => "body",
            Label::Heading => "heading",
            Label::Headline => "headline",
            Label::Teaser => "teaser",
            Label::Attribution => "attribution",
            Label::Furniture => "furniture",
            Label::Other => "other",
        }
    }
}

/// A labelled line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// 0-based line number in the input.
    pub line: usize,
    /// The line, trimmed, bullet removed.
    pub text: String,
    /// What it is.
    pub label: Label,
    /// Index of the article (in [`Analysis::articles`]) the line belongs to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<usize>,
    /// True for headlines cut short with «…».
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

/// An article found on a page, before metadata.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// Headline, if the page gives one.
    pub title: Option<String>,
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
    /// Teasers removed from the body.
    pub teasers: Vec<Teaser>,
    /// «المصدر: …» values, in order.
    pub attribution: Vec<String>,
    /// Dateline line, or a dateline opening the first paragraph.
    pub dateline: Option<String>,
    /// The writer a byline names.
    pub byline: Option<String>,
    /// Main or embedded.
    pub role: Role,
}

/// Everything the analysis found on a page.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Every non-blank line, labelled.
    pub blocks: Vec<Block>,
    /// Articles, the page's own first.
    pub articles: Vec<Draft>,
    /// Headline lists with their headings.
    pub lists: Vec<HeadlineList>,
    /// The last crumb of the breadcrumb (the outlet's section label).
    pub section_label: Option<String>,
    /// The canonical section the breadcrumb names (its deepest crumb that names one).
    pub section: Option<&'static str>,
    /// Outlet named by the page (header line, «View on …», attribution, dateline).
    pub outlet: Option<outlets::Outlet>,
    /// Text of the page's date line, if any.
    pub date_line: Option<String>,
    /// Work units the walk spent (at most [`WORK_FLOOR`] + [`WORK_PER_LINE`] per line).
    pub work: usize,
    /// What the analysis did not read: the tail of a page over [`MAX_PAGE_BYTES`], the lines after
    /// the walk ran out of its work budget.
    pub cuts: Vec<Cut>,
}

/// The head of `text` that is analysed: at most [`MAX_PAGE_BYTES`], ending at a line end when
/// there is one in the last quarter, else at a character boundary; and the cut, if any.
fn page_head(text: &str) -> (&str, Option<Cut>) {
    if text.len() <= MAX_PAGE_BYTES {
        return (text, None);
    }
    let mut end = MAX_PAGE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // The line that ends exactly at the limit is whole; otherwise the last whole line ends at
    // the last newline before it.
    if text.as_bytes()[end] != b'\n'
        && let Some(nl) = text[..end].rfind('\n').filter(|&nl| nl >= MAX_PAGE_BYTES / 4 * 3)
    {
        end = nl;
    }
    (&text[..end], Some(Cut::Page { kept_bytes: end, total_bytes: text.len() }))
}

/// Labels every line of a dump and finds its articles. `repeated` says whether the page's outlet
/// prints a line on many of its pages (from the store's line statistics); pass `&|_| false` when
/// unknown. Linear in the page's length, for any input: see [`MAX_PAGE_BYTES`] and the work
/// budget of the walk.
pub fn analyse(text: &str, repeated: &dyn Fn(&str) -> bool) -> Analysis {
    let (text, page_cut) = page_head(text);
    let lines = classify(text, repeated);
    let walked = walk::walk(&lines);
    let mut cuts: Vec<Cut> = page_cut.into_iter().collect();
    if let Some(i) = walked.stopped_at {
        cuts.push(Cut::WorkBudget { line: lines[i].no + 1 });
    }
    Analysis {
        outlet: detect_outlet(&lines, &walked.labels, &walked.articles),
        blocks: lines
            .iter()
            .enumerate()
            .map(|(i, l)| Block {
                line: l.no,
                text: l.text.to_string(),
                label: walked.labels[i].clone(),
                article: walked.owner[i],
                truncated: l.truncated,
            })
            .collect(),
        articles: walked.articles,
        lists: walked.lists,
        section_label: walked.section_label,
        section: walked.section,
        date_line: walked.date_line,
        work: walked.work,
        cuts,
    }
}

/// Analyses a page's lines (a dump, or trafilatura's output for HTML) using the outlet's line
/// history when there is one, and builds its articles.
/// `outlet` is the page's outlet when known from outside the text (HTML metadata).
pub fn parse_page(text: &str, format: Format, opts: &crate::Options<'_>, outlet: Option<&str>) -> crate::Extracted {
    let mut analysis = analyse(text, &|_| false);
    let outlet = outlet.map(String::from).or_else(|| analysis.outlet.as_ref().map(|o| o.id.clone()));
    if let (Some(stats), Some(outlet)) = (opts.line_stats, outlet)
        && stats.knows(&outlet)
    {
        analysis = analyse(text, &|l| stats.is_repeated(&outlet, l));
    }
    let mut arts = articles(&analysis, format);
    if let (Some(main), Some(base)) = (arts.first_mut(), opts.base_date) {
        infer_date(main, base);
    }
    let page_lines = crate::boilerplate::page_lines(text).into_iter().collect();
    let records = if arts.is_empty() {
        vec![Err(Rejection::new(RejectReason::NoArticle, "no paragraph of running text found (is this a page dump?)"))]
    } else {
        arts.into_iter().map(Ok).collect()
    };
    crate::Extracted { format: Some(format), records, blocks: analysis.blocks, page_lines }
}

/// Extracts the articles of a plain-text dump.
pub fn parse(text: &str) -> Vec<Record> {
    parse_page(text, Format::Dump, &crate::Options::default(), None).records
}

#[cfg(test)]
mod tests;
