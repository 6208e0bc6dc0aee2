//! The entity page (`/entity/{id}`): who or what it is, every spelling and role seen, its
//! articles per day, the outlets and stories that cover it, the entities it appears with, and
//! what it was quoted saying — all scraped text escaped by the templates.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};

use crate::arabic_count::{ARTICLES, Count, MENTIONS, count, grouped};
use crate::params::PageId;
use crate::when::{When, ZoneNote};
use crate::{App, WebError, blocking, render};

/// The kind of an entity, in words.
pub(crate) fn kind_label(kind: &str) -> &'static str {
    match kind {
        "PERS" => "شخص",
        "LOC" => "مكان",
        "ORG" => "منظمة",
        _ => "اسم آخر",
    }
}

/// An entity as linked from other pages: id, name, kind in words.
pub(crate) struct EntityLink {
    pub id: i64,
    pub name: String,
    pub kind: &'static str,
}

impl From<&marsad_store::entities::EntitySummary> for EntityLink {
    fn from(e: &marsad_store::entities::EntitySummary) -> Self {
        Self { id: e.id, name: e.name.clone(), kind: kind_label(&e.kind) }
    }
}

/// A day's count, its bar as a share of the busiest day (in percent, for the bar's width).
struct DayBar {
    day: String,
    articles: Count,
    percent: u64,
}

struct QuoteView {
    text: String,
    form: &'static str,
    article: i64,
    title: String,
    when: When,
}

#[derive(Template)]
#[template(path = "entity.html")]
struct EntityPage {
    query: String,
    zone_note: Option<ZoneNote>,
    name: String,
    kind: &'static str,
    articles: Count,
    mentions: Count,
    names: Vec<String>,
    roles: Vec<(String, String)>,
    days: Vec<DayBar>,
    outlets: Vec<(String, Count)>,
    stories: Vec<(i64, String, Count)>,
    related: Vec<EntityLink>,
    latest: Vec<(i64, String, When)>,
    quotes: Vec<QuoteView>,
}

/// Days shown on the page, the latest ones with articles; an entity in the news on more days
/// than this is shown month by month.
const DAYS_SHOWN: usize = 31;

/// Quotations of one article shown at most, so the latest quotes come from several articles.
const QUOTES_PER_ARTICLE: usize = 2;

/// Counts per day, or per month (`YYYY-MM`) when there are more than [`DAYS_SHOWN`] days.
fn timeline(per_day: &[marsad_store::entities::Count]) -> Vec<(String, i64)> {
    if per_day.len() <= DAYS_SHOWN {
        return per_day.iter().map(|d| (d.key.clone(), d.count)).collect();
    }
    let mut months: Vec<(String, i64)> = Vec::new();
    for d in per_day {
        let month = d.key.get(..7).unwrap_or(&d.key).to_string();
        match months.last_mut() {
            Some((m, n)) if *m == month => *n += d.count,
            _ => months.push((month, d.count)),
        }
    }
    months
}

fn time(t: Option<i64>) -> Option<DateTime<Utc>> {
    t.and_then(|t| DateTime::from_timestamp(t, 0))
}

pub(crate) async fn entity_page(State(app): State<App>, PageId(id): PageId) -> Result<Response, WebError> {
    let e = blocking(&app, move |s| s.entity(id)).await?.ok_or(WebError::NoSuchEntity(id))?;
    let zone = app.zone;
    let timeline = timeline(&e.per_day);
    let busiest = timeline.iter().map(|d| d.1).max().unwrap_or(1).max(1) as u64;
    let mut per_article: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    Ok(render(&EntityPage {
        query: String::new(),
        zone_note: Some(zone.note()),
        name: e.entity.name.clone(),
        kind: kind_label(&e.entity.kind),
        articles: count(e.entity.articles.max(0) as u64, &ARTICLES),
        mentions: count(e.entity.mentions.max(0) as u64, &MENTIONS),
        names: e.entity.names.clone(),
        roles: e.roles.iter().map(|r| (r.key.clone(), grouped(r.count.max(0) as u64))).collect(),
        days: timeline
            .iter()
            .map(|(day, n)| DayBar {
                day: day.clone(),
                articles: count((*n).max(0) as u64, &ARTICLES),
                percent: ((*n).max(0) as u64 * 100).div_ceil(busiest),
            })
            .collect(),
        outlets: e.outlets.iter().map(|o| (o.key.clone(), count(o.count.max(0) as u64, &ARTICLES))).collect(),
        stories: e
            .stories
            .iter()
            .map(|(id, title, n)| (*id, title.clone(), count((*n).max(0) as u64, &ARTICLES)))
            .collect(),
        related: e.related.iter().map(EntityLink::from).collect(),
        latest: e.articles.iter().map(|(id, title, t)| (*id, title.clone(), zone.when(time(*t)))).collect(),
        quotes: e
            .quotes
            .iter()
            .filter(|q| {
                let n = per_article.entry(q.article_id).or_default();
                *n += 1;
                *n <= QUOTES_PER_ARTICLE
            })
            .map(|q| QuoteView {
                text: q.text.clone(),
                form: if q.form == "direct" { "مباشر" } else { "منقول" },
                article: q.article_id,
                title: q.title.clone(),
                when: zone.when(time(q.time)),
            })
            .collect(),
    }))
}
