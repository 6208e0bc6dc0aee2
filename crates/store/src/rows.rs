//! Reading stored articles: the columns selected and how a row becomes an article or a summary.
//! Text from pages is cleaned again on the way out (bidi controls in titles stored before they
//! were stripped), and bodies are read within the size limit.

use chrono::{DateTime, Utc};
use marsad_extract::MAX_BODY_CHARS;
use marsad_extract::model::Cut;

use crate::model::{ArticleSummary, Extra, StoredArticle, Undated};

/// An outlet's display name: Arabic first, then Latin, then its id (the host for an outlet known
/// only by its address).
pub(crate) const OUTLET_DISPLAY: &str = "COALESCE(o.name_ar, o.name_en, a.outlet_id)";

/// The time an article is known by (`articles.known_time`): its publication time, else the start
/// (UTC) of the day the page states; `None` for an undated article, which is never given its
/// ingest time. Migration 5 computes the same in SQL for articles stored before.
pub(crate) fn known_time(a: &marsad_extract::Article) -> Option<i64> {
    a.published
        .map(|t| t.timestamp())
        .or_else(|| a.published_date.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc().timestamp()))
}

pub(crate) const SUMMARY_COLUMNS: &str = "a.id, a.title, a.url, a.published, a.outlet_id, COALESCE(o.name_ar, o.name_en, a.outlet_id), o.name_ar, a.section, a.section_label, a.language, substr(a.body, 1, 400), a.ingested_at, a.published_date, a.format";
pub(crate) const SUMMARY_COUNT: usize = 14;

/// Whether an article is undated, and why: neither a time nor a day is known.
fn undated(published: Option<i64>, day: Option<&chrono::NaiveDate>, format: &str) -> Option<Undated> {
    (published.is_none() && day.is_none()).then(|| Undated::of_format(format))
}

/// The Arabic name of a language code, for a reader.
fn language_name(code: Option<&str>) -> Option<String> {
    code.map(|c| marsad_text::lang::display_name_ar(c).map_or_else(|| c.to_string(), String::from))
}

pub(crate) fn ts(v: Option<i64>) -> Option<DateTime<Utc>> {
    v.and_then(|s| DateTime::from_timestamp(s, 0))
}

pub(crate) fn lead(body: &str) -> String {
    let first = body.split("\n\n").next().unwrap_or("");
    let words: Vec<&str> = first.split_whitespace().collect();
    if words.len() > 40 { format!("{} …", words[..40].join(" ")) } else { words.join(" ") }
}

pub(crate) fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleSummary> {
    let published: Option<i64> = r.get(3)?;
    let day: Option<chrono::NaiveDate> = r.get::<_, Option<String>>(12)?.and_then(|d| d.parse().ok());
    let undated_reason = undated(published, day.as_ref(), &r.get::<_, String>(13)?);
    let language: Option<String> = r.get(9)?;
    Ok(ArticleSummary {
        id: r.get(0)?,
        title: marsad_text::strip_bidi_controls(&r.get::<_, String>(1)?).into_owned(),
        url: r.get(2)?,
        published: ts(published),
        published_date: day,
        undated: undated_reason.is_some(),
        undated_reason,
        outlet_id: r.get(4)?,
        outlet_name: r.get(5)?,
        outlet_name_ar: r.get(6)?,
        section: r.get(7)?,
        section_label: r.get(8)?,
        language_name: language_name(language.as_deref()),
        language,
        lead: lead(&r.get::<_, String>(10)?),
        ingested_at: ts(r.get(11)?).unwrap_or_default(),
    })
}

/// Characters of a stored body read for an article page: enough for [`MAX_BODY_CHARS`] of text
/// however it is split (each paragraph costs its characters plus a two-character separator, and
/// a paragraph holds at least one character), so that an article stored before the limit
/// existed cannot make a page load megabytes.
const BODY_READ_CHARS: usize = 3 * MAX_BODY_CHARS;
const _: () = assert!(BODY_READ_CHARS == 300_000, "update the substr() bound of FULL_COLUMNS");

pub(crate) const FULL_COLUMNS: &str = "a.id, a.url, a.title, a.title_inferred, substr(a.body, 1, 300000), a.summary, a.published, a.outlet_id, COALESCE(o.name_ar, o.name_en, a.outlet_id), o.name_ar, a.section, a.section_label, a.language, a.doc_id, a.author, a.format, a.source, a.ingested_at, a.published_date, a.date_source, a.role, a.page_of, a.extra, length(a.body)";

/// A stored article as read, and whether its body was cut on reading (stored before the size
/// limit existed): the caller then counts the whole body's characters for the note.
pub(crate) fn full_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(StoredArticle, bool)> {
    let body: String = r.get(4)?;
    // Metadata written by this program; an unreadable value degrades to none rather than hiding
    // the article.
    let extra: Extra = r.get::<_, Option<String>>(22)?.and_then(|e| serde_json::from_str(&e).ok()).unwrap_or_default();
    let mut paragraphs: Vec<String> = body.split("\n\n").filter(|p| !p.is_empty()).map(String::from).collect();
    let stored_len: usize = r.get::<_, i64>(23)?.try_into().unwrap_or(0);
    let mut cuts = extra.cuts;
    // Articles cut at extraction already say so; only a body stored whole and over the limit
    // is cut here.
    let cut_here = marsad_extract::cap_body(&mut paragraphs).is_some() || stored_len > BODY_READ_CHARS;
    let cut_here = cut_here && !cuts.iter().any(|c| matches!(c, Cut::Body { .. }));
    if cut_here {
        let kept_chars = paragraphs.iter().map(|p| p.chars().count()).sum();
        cuts.push(Cut::Body { kept_chars, total_chars: stored_len });
    }
    let title: String = r.get(2)?;
    let published: Option<i64> = r.get(6)?;
    let published_date: Option<chrono::NaiveDate> = r.get::<_, Option<String>>(18)?.and_then(|d| d.parse().ok());
    let format: String = r.get(15)?;
    let undated_reason = undated(published, published_date.as_ref(), &format);
    let language: Option<String> = r.get(12)?;
    let agency_names = extra.agencies.iter().map(|a| marsad_extract::sources::agency_display(a)).collect();
    let article = StoredArticle {
        id: r.get(0)?,
        url: r.get(1)?,
        title: marsad_text::strip_bidi_controls(&title).into_owned(),
        title_inferred: r.get(3)?,
        paragraphs,
        summary: r.get(5)?,
        published: ts(published),
        undated: undated_reason.is_some(),
        undated_reason,
        outlet_id: r.get(7)?,
        outlet_name: r.get(8)?,
        outlet_name_ar: r.get(9)?,
        section: r.get(10)?,
        section_label: r.get(11)?,
        language_name: language_name(language.as_deref()),
        language,
        doc_id: r.get(13)?,
        author: r.get(14)?,
        format,
        source: r.get(16)?,
        ingested_at: ts(r.get(17)?).unwrap_or_default(),
        published_date,
        date_source: r.get(19)?,
        time_basis: extra.time_basis,
        role: r.get(20)?,
        page_of: r.get(21)?,
        dateline: extra.dateline,
        attribution: extra.attribution,
        agencies: extra.agencies,
        agency_names,
        related: Vec::new(),
        teasers: Vec::new(),
        cuts,
    };
    Ok((article, cut_here))
}
