//! The story pages: top stories (home), all stories, one story with its coverage by outlet.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use marsad_store::{StoryCard, StoryFilter};

use crate::arabic_count::{ARTICLES, Count, HOURS, OUTLETS, STORIES, count};
use crate::params::{PAGE_SIZE, PageId, PageQuery, nonempty, pager};
use crate::when::{DisplayZone, Span, When, ZoneNote};
use crate::{
    App, OptionView, Trusted, WebError, blocking, facets, filter_options, outlet_label, render, search_page,
    section_name,
};

struct StoryCardView {
    id: i64,
    title: String,
    outlets: Count,
    articles: Count,
    when: Span,
    section: Option<String>,
    outlet_names: String,
    newest: Vec<(i64, String, String)>,
}

fn card_view(zone: DisplayZone, c: &StoryCard) -> StoryCardView {
    StoryCardView {
        id: c.id,
        title: c.title.clone(),
        outlets: count(c.outlets, &OUTLETS),
        articles: count(c.articles, &ARTICLES),
        when: zone.span(c.first_seen, c.last_seen),
        section: c.section.as_deref().map(section_name),
        outlet_names: c.outlet_names.join("، "),
        newest: c.newest.iter().map(|a| (a.id, a.title.clone(), outlet_label(a))).collect(),
    }
}

#[derive(Template)]
#[template(path = "stories.html")]
struct StoriesPage {
    query: String,
    zone_note: Option<ZoneNote>,
    heading: String,
    tab: &'static str,
    action: &'static str,
    sections: Vec<OptionView>,
    /// Counts and fixed words only.
    summary: Trusted,
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
        zone_note: Some(app.zone.note()),
        heading: "أبرز القصص".into(),
        tab: "top",
        action: "/",
        sections,
        summary: Trusted(format!(
            "أبرز القصص في آخر {} من التغطية: كل حدث مع كل ما كتبته المصادر عنه",
            count(HOME_TRENDING_HOURS.into(), &HOURS)
        )),
        cards: cards.iter().map(|c| card_view(app.zone, c)).collect(),
        prev: None,
        next: None,
    }))
}

pub(crate) async fn all_stories(State(app): State<App>, PageQuery(p): PageQuery) -> Result<Response, WebError> {
    let filter = p.filter()?;
    let sf = StoryFilter {
        since: filter.since,
        until: filter.until,
        section: nonempty(&p.section),
        thread: None,
        entity: filter.entity,
    };
    let w = p.page_window()?;
    let page = blocking(&app, move |s| s.stories(&sf, w.offset, w.limit)).await?;
    let f = facets(&app).await?;
    let (_, sections) = filter_options(&f, &p);
    let (prev, next) = pager(&p, "/stories", p.page()?, page.total);
    Ok(render(&StoriesPage {
        query: String::new(),
        zone_note: Some(app.zone.note()),
        heading: "كل القصص".into(),
        tab: "all",
        action: "/stories",
        sections,
        summary: Trusted(format!("{}، الأوسع تغطية أولاً", count(page.total as u64, &STORIES))),
        cards: page.items.iter().map(|c| card_view(app.zone, c)).collect(),
        prev,
        next,
    }))
}

struct CoverageView {
    name: String,
    articles: Count,
    items: Vec<CoverageItem>,
}

struct CoverageItem {
    id: i64,
    title: String,
    when: When,
    copy_of: Option<i64>,
}

/// A copy group: the original (id, title, outlet) and each copier with when it ran.
struct CopyView {
    id: i64,
    title: String,
    outlet: String,
    copiers: Vec<(String, When)>,
}

#[derive(Template)]
#[template(path = "story.html")]
struct StoryPage {
    id: i64,
    query: String,
    zone_note: Option<ZoneNote>,
    title: String,
    lead: String,
    outlets: Count,
    articles: Count,
    span: Span,
    section: Option<String>,
    /// The story's telling words, each shown as its own term.
    terms: Vec<String>,
    coverage: Vec<CoverageView>,
    copies: Vec<CopyView>,
    thread: Vec<(i64, String, Span)>,
    /// The people, places and organisations the story's articles name most.
    entities: Vec<crate::entities::EntityLink>,
}

/// Entities shown on a story's page.
const STORY_ENTITIES: usize = 12;

pub(crate) async fn story_page(State(app): State<App>, PageId(id): PageId) -> Result<Response, WebError> {
    let s = blocking(&app, move |st| st.story(id)).await?.ok_or(WebError::NoSuchStory(id))?;
    let entities = blocking(&app, move |st| st.story_entities(id, STORY_ENTITIES)).await?;
    let zone = app.zone;
    Ok(render(&StoryPage {
        entities: entities.iter().map(crate::entities::EntityLink::from).collect(),
        id,
        query: String::new(),
        zone_note: Some(zone.note()),
        title: s.card.title.clone(),
        lead: s.card.lead.clone(),
        outlets: count(s.card.outlets, &OUTLETS),
        articles: count(s.card.articles, &ARTICLES),
        span: zone.span(s.card.first_seen, s.card.last_seen),
        section: s.card.section.as_deref().map(section_name),
        terms: s.top_terms.clone(),
        coverage: s
            .by_outlet
            .iter()
            .map(|o| CoverageView {
                name: o.outlet_name.clone(),
                articles: count(o.articles.len() as u64, &ARTICLES),
                items: o
                    .articles
                    .iter()
                    .map(|a| CoverageItem {
                        id: a.article.id,
                        title: a.article.title.clone(),
                        when: zone.when_known(a.article.published, a.article.published_date),
                        copy_of: a.copy_of,
                    })
                    .collect(),
            })
            .collect(),
        copies: s
            .copy_groups
            .iter()
            .map(|g| CopyView {
                id: g.original.id,
                title: g.original.title.clone(),
                outlet: outlet_label(&g.original),
                copiers: g
                    .copies
                    .iter()
                    .map(|c| (outlet_label(c), zone.when_known(c.published, c.published_date)))
                    .collect(),
            })
            .collect(),
        thread: s
            .thread_stories
            .iter()
            .map(|t| (t.id, t.title.clone(), zone.span(t.first_seen, t.last_seen)))
            .collect(),
    }))
}
