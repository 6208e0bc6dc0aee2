//! The article page: the text, its facts, marsad's related articles, and — set apart and
//! labelled — what the original page listed around it.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use marsad_store::ArticleSummary;

use crate::arabic_count::grouped;
use crate::params::PageId;
use crate::when::ZoneNote;
use crate::{App, ItemView, WebError, blocking, item_view, outlet_label, render, safe_link};

#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePage {
    query: String,
    zone_note: Option<ZoneNote>,
    title: String,
    title_inferred: bool,
    paragraphs: Vec<String>,
    url: Option<String>,
    language: String,
    author: Option<String>,
    item: ItemView,
    story: Option<i64>,
    related_articles: Vec<(i64, String, String)>,
    dateline: Option<String>,
    attribution: Vec<String>,
    agencies: Vec<String>,
    page_of: Option<i64>,
    /// The publication day in the Hijri calendar.
    hijri: Option<String>,
    /// Where the date shown comes from, when that makes it less than the page's own word.
    date_note: Option<&'static str>,
    /// What the time of day was read against, when the source did not say: words, and the
    /// offset (shown in an LTR isolate).
    time_note: Option<(&'static str, Option<String>)>,
    teasers: Vec<(String, String)>,
    /// The headline lists of the original page («أخبار النجوم»…): not marsad's, so shown apart,
    /// under a label naming the page they come from.
    page_lists: Vec<(String, Vec<(String, bool)>)>,
    /// What of the source is not shown, and why (size limits).
    cuts: Vec<CutNote>,
    /// Who and what the article names, most mentioned first.
    entities: Vec<crate::entities::EntityLink>,
}

/// A note, above the text, saying that an article's text is cut: the reason, then a count (and the
/// whole), shown left-to-right.
struct CutNote {
    lead: &'static str,
    count: String,
    total: Option<String>,
}

fn cut_note(cut: &marsad_extract::model::Cut) -> CutNote {
    use marsad_extract::model::Cut;
    let g = |n: usize| grouped(n as u64);
    match *cut {
        Cut::Body { kept_chars, total_chars } => CutNote {
            lead: "نص المقال مقتطع عند حدّ الطول؛ عدد الأحرف المعروضة",
            count: g(kept_chars),
            total: Some(g(total_chars)),
        },
        Cut::Page { kept_bytes, total_bytes } => CutNote {
            lead: "لم يُقرأ من الصفحة إلا أولها؛ عدد البايتات المقروءة",
            count: g(kept_bytes),
            total: Some(g(total_bytes)),
        },
        Cut::WorkBudget { line } => {
            CutNote {
                lead: "توقف تحليل الصفحة عند حدّ العمل، في السطر", count: g(line), total: None
            }
        }
    }
}

/// How sure the date shown is, in words, for the dates that are not the page's or record's own
/// statement (`date_source` as the store keeps it).
fn date_note(source: Option<&str>) -> Option<&'static str> {
    match source? {
        "url" => Some("اليوم مأخوذ من رابط المقال، لا من الصفحة"),
        "fetch" => Some("وقت جلب الصفحة؛ لم يُعثر على تاريخ نشر"),
        "inferred" => Some("مستنتج من عبارة نسبية في النص («اليوم»…)"),
        "text" => Some("مأخوذ من تاريخ مكتوب في نص المقال"),
        _ => None,
    }
}

/// The reader's words for a time whose zone the source did not state.
fn time_note(basis: Option<marsad_extract::model::TimeBasis>) -> Option<(&'static str, Option<String>)> {
    use marsad_extract::model::TimeBasis;
    match basis? {
        TimeBasis::Stated => None,
        TimeBasis::OutletZone { offset_minutes } => Some((
            "نُشر الوقت بلا منطقة زمنية، فقُرئ بتوقيت بلد الناشر",
            Some(format!("UTC{:+03}:{:02}", offset_minutes / 60, (offset_minutes % 60).abs())),
        )),
        TimeBasis::AssumedUtc => {
            Some(("نُشر الوقت بلا منطقة زمنية ولا تُعرف منطقة الناشر، فقُرئ بتوقيت غرينتش وقد يختلف بساعات", None))
        }
    }
}

pub(crate) async fn article_page(State(app): State<App>, PageId(id): PageId) -> Result<Response, WebError> {
    let a = blocking(&app, move |s| s.get(id)).await?.ok_or(WebError::NotFound(id))?;
    let (story, related, entities) =
        blocking(&app, move |s| Ok((s.story_of(id)?, s.related(id, 8)?, s.article_entities(id)?))).await?;
    let summary = ArticleSummary {
        id: a.id,
        title: a.title.clone(),
        url: a.url.clone(),
        published: a.published,
        published_date: a.published_date,
        undated: a.undated,
        undated_reason: a.undated_reason,
        outlet_id: a.outlet_id.clone(),
        outlet_name: a.outlet_name.clone(),
        outlet_name_ar: a.outlet_name_ar.clone(),
        section: a.section.clone(),
        section_label: a.section_label.clone(),
        language: a.language.clone(),
        language_name: a.language_name.clone(),
        lead: String::new(),
        ingested_at: a.ingested_at,
    };
    let zone = app.zone;
    Ok(render(&ArticlePage {
        query: String::new(),
        zone_note: Some(zone.note()),
        item: item_view(&app, &summary, vec![], vec![]),
        title: a.title,
        title_inferred: a.title_inferred,
        paragraphs: a.paragraphs,
        url: safe_link(a.url),
        language: a.language_name.unwrap_or_else(|| "غير معروفة".into()),
        author: a.author,
        story: story.map(|(s, _)| s),
        related_articles: related.iter().map(|r| (r.id, r.title.clone(), outlet_label(r))).collect(),
        dateline: a.dateline.map(|d| match d.source {
            Some(src) => format!("{} — {src}", d.place),
            None => d.place,
        }),
        attribution: a.attribution.into_iter().map(|s| s.name).collect(),
        agencies: a.agency_names,
        page_of: a.page_of,
        // The Hijri day of the day shown, in the display zone.
        hijri: a.published.and_then(|d| marsad_extract::dates::hijri_label(zone.date(d))),
        date_note: date_note(a.date_source.as_deref()),
        time_note: time_note(a.time_basis),
        teasers: a.teasers.into_iter().map(|t| (t.title, t.lead)).collect(),
        page_lists: a
            .related
            .into_iter()
            .map(|l| (l.heading, l.items.into_iter().map(|h| (h.text, h.truncated)).collect()))
            .collect(),
        cuts: a.cuts.iter().map(cut_note).collect(),
        entities: entities.iter().map(crate::entities::EntityLink::from).collect(),
    }))
}
