//! The story pages: top stories (home), all stories, one story with its coverage by outlet.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::{DateTime, Utc};
use marsad_store::{ArticleSummary, StoryCard, StoryFilter};

use crate::params::{PAGE_SIZE, PageQuery, nonempty, pager};
use crate::{
    App, OptionView, WebError, blocking, facets, filter_options, outlet_label, render, search_page, section_name,
};

fn span(first: Option<DateTime<Utc>>, last: Option<DateTime<Utc>>) -> String {
    let f = |d: DateTime<Utc>| d.format("%Y-%m-%d %H:%M").to_string();
    match (first, last) {
        (Some(a), Some(b)) if a.date_naive() == b.date_naive() => format!("{} – {}", f(a), b.format("%H:%M")),
        (Some(a), Some(b)) => format!("{} → {}", f(a), f(b)),
        (Some(a), None) | (None, Some(a)) => f(a),
        (None, None) => String::new(),
    }
}

/// A story's time span, or a note that none of its articles is dated.
fn when_span(c: &StoryCard) -> String {
    if c.undated { UNDATED_STORY.into() } else { span(c.first_seen, c.last_seen) }
}

/// Shown for a story none of whose articles is dated.
const UNDATED_STORY: &str = "بلا تاريخ";

struct StoryCardView {
    id: i64,
    title: String,
    outlets: u64,
    articles: u64,
    when: String,
    section: Option<String>,
    outlet_names: String,
    newest: Vec<(i64, String, String)>,
}

fn card_view(c: &StoryCard) -> StoryCardView {
    StoryCardView {
        id: c.id,
        title: c.title.clone(),
        outlets: c.outlets,
        articles: c.articles,
        when: when_span(c),
        section: c.section.as_deref().map(section_name),
        outlet_names: c.outlet_names.join("، "),
        newest: c.newest.iter().map(|a| (a.id, a.title.clone(), outlet_label(a))).collect(),
    }
}

#[derive(Template)]
#[template(path = "stories.html")]
struct StoriesPage {
    query: String,
    heading: String,
    tab: &'static str,
    action: &'static str,
    sections: Vec<OptionView>,
    summary: String,
    cards: Vec<StoryCardView>,
    prev: Option<String>,
    next: Option<String>,
}

/// Trending stories over this many hours for the home page.
const HOME_TRENDING_HOURS: u32 = 48;

pub(crate) async fn top_stories(State(app): State<App>, PageQuery(p): PageQuery) -> Result<Response, WebError> {
    if !p.query().is_empty() {
        return search_page(State(app), PageQuery(p)).await;
    }
    let section = nonempty(&p.section);
    let sec = section.clone();
    let mut cards = blocking(&app, move |s| s.trending(HOME_TRENDING_HOURS, sec.as_deref(), None, PAGE_SIZE)).await?;
    if cards.is_empty() {
        let sf = StoryFilter { section: section.clone(), ..Default::default() };
        cards = blocking(&app, move |s| Ok(s.stories(&sf, 0, PAGE_SIZE)?.items)).await?;
    }
    let f = facets(&app).await?;
    let (_, sections) = filter_options(&f, &p);
    Ok(render(&StoriesPage {
        query: String::new(),
        heading: "أبرز القصص".into(),
        tab: "top",
        action: "/",
        sections,
        summary: format!("أبرز القصص في آخر {HOME_TRENDING_HOURS} ساعة من التغطية: كل حدث مع كل ما كتبته المصادر عنه"),
        cards: cards.iter().map(card_view).collect(),
        prev: None,
        next: None,
    }))
}

pub(crate) async fn all_stories(State(app): State<App>, PageQuery(p): PageQuery) -> Result<Response, WebError> {
    let filter = p.filter()?;
    let sf = StoryFilter { since: filter.since, until: filter.until, section: nonempty(&p.section), thread: None };
    let w = p.page_window()?;
    let page = blocking(&app, move |s| s.stories(&sf, w.offset, w.limit)).await?;
    let f = facets(&app).await?;
    let (_, sections) = filter_options(&f, &p);
    let (prev, next) = pager(&p, "/stories", p.page()?, page.total);
    Ok(render(&StoriesPage {
        query: String::new(),
        heading: "كل القصص".into(),
        tab: "all",
        action: "/stories",
        sections,
        summary: format!("{} قصة، الأوسع تغطية أولاً", page.total),
        cards: page.items.iter().map(card_view).collect(),
        prev,
        next,
    }))
}

struct CoverageView {
    name: String,
    items: Vec<CoverageItem>,
}

struct CoverageItem {
    id: i64,
    title: String,
    when: String,
    copy_of: Option<i64>,
}

#[derive(Template)]
#[template(path = "story.html")]
struct StoryPage {
    id: i64,
    query: String,
    title: String,
    lead: String,
    outlets: u64,
    articles: u64,
    span: String,
    section: Option<String>,
    terms: String,
    coverage: Vec<CoverageView>,
    copies: Vec<(i64, String, String, String)>,
    thread: Vec<(i64, String, String)>,
}

pub(crate) async fn story_page(State(app): State<App>, Path(id): Path<i64>) -> Result<Response, WebError> {
    let s = blocking(&app, move |st| st.story(id)).await?.ok_or(WebError::NotFound(id))?;
    // A day stated without a time is shown as the day; an undated article says so.
    let when = |a: &ArticleSummary| match (a.published, a.published_date) {
        (Some(d), _) => d.format("%Y-%m-%d %H:%M").to_string(),
        (None, Some(d)) => d.format("%Y-%m-%d").to_string(),
        (None, None) => UNDATED_STORY.to_string(),
    };
    Ok(render(&StoryPage {
        id,
        query: String::new(),
        title: s.card.title.clone(),
        lead: s.card.lead.clone(),
        outlets: s.card.outlets,
        articles: s.card.articles,
        span: when_span(&s.card),
        section: s.card.section.as_deref().map(section_name),
        terms: s.top_terms.join(" · "),
        coverage: s
            .by_outlet
            .iter()
            .map(|o| CoverageView {
                name: o.outlet_name.clone(),
                items: o
                    .articles
                    .iter()
                    .map(|a| CoverageItem {
                        id: a.article.id,
                        title: a.article.title.clone(),
                        when: when(&a.article),
                        copy_of: a.copy_of,
                    })
                    .collect(),
            })
            .collect(),
        copies: s
            .copy_groups
            .iter()
            .map(|g| {
                let copiers: Vec<String> =
                    g.copies.iter().map(|c| format!("{} ({})", outlet_label(c), when(c))).collect();
                (g.original.id, g.original.title.clone(), outlet_label(&g.original), copiers.join("، "))
            })
            .collect(),
        thread: s.thread_stories.iter().map(|t| (t.id, t.title.clone(), when_span(t))).collect(),
    }))
}
