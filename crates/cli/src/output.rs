//! Human-readable output.

use std::fmt::Write;

use marsad_extract::page::{Block, Label};
use marsad_extract::{Article, Extracted, Rejection};
use marsad_store::{Highlighted, SearchResults, Stats, StoredArticle};
use serde::Serialize;

fn marked(h: &Highlighted, tty: bool) -> String {
    if tty { h.marked("\x1b[1;33m", "\x1b[0m") } else { h.marked("**", "**") }
}

fn date(d: Option<chrono::DateTime<chrono::Utc>>) -> String {
    d.map_or_else(|| "undated".into(), |d| d.format("%Y-%m-%d %H:%M UTC").to_string())
}

/// Search results: rank, id, headline, outlet · date · section, snippet.
pub fn search(r: &SearchResults, tty: bool) -> String {
    let mut out = String::new();
    if r.hits.is_empty() {
        let _ = writeln!(out, "no results for {:?}", r.query);
        return out;
    }
    let _ = writeln!(
        out,
        "{} results for {:?} ({:.1} ms); showing {}–{}\n",
        r.total,
        r.query,
        r.took_ms,
        r.offset + 1,
        r.offset + r.hits.len()
    );
    for (i, h) in r.hits.iter().enumerate() {
        let a = &h.article;
        let _ = writeln!(out, "{}. [{}] {}", r.offset + i + 1, a.id, marked(&h.title_marked, tty));
        let section = a.section.as_deref().or(a.section_label.as_deref()).unwrap_or("-");
        let _ = writeln!(
            out,
            "   {} · {} · {}",
            a.outlet_name.as_deref().unwrap_or("unknown outlet"),
            date(a.published),
            section
        );
        if !h.snippet.text.is_empty() {
            let _ = writeln!(out, "   {}", marked(&h.snippet, tty));
        }
        out.push('\n');
    }
    out
}

/// One article in full.
pub fn article(a: &StoredArticle) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}{}", a.title, if a.title_inferred { "  (headline inferred from the lead)" } else { "" });
    let _ = writeln!(out, "id:        {}", a.id);
    let _ = writeln!(out, "outlet:    {}", a.outlet_name.as_deref().unwrap_or("unknown"));
    let _ = writeln!(out, "url:       {}", a.url.as_deref().unwrap_or("-"));
    let published = match (a.published, a.published_date, a.undated_reason) {
        (Some(_), _, _) => date(a.published),
        (None, Some(day), _) => format!("{day} (day only)"),
        (None, None, Some(why)) => format!("undated ({})", why.label_en()),
        (None, None, None) => "-".into(),
    };
    let _ = writeln!(out, "published: {published}");
    let section = match (&a.section, &a.section_label) {
        (Some(s), Some(l)) if s != l => format!("{s} ({l})"),
        (Some(s), _) => s.clone(),
        (None, Some(l)) => l.clone(),
        (None, None) => "-".into(),
    };
    let _ = writeln!(out, "section:   {section}");
    let _ = writeln!(out, "language:  {}", a.language.as_deref().unwrap_or("-"));
    if let Some(au) = &a.author {
        let _ = writeln!(out, "author:    {au}");
    }
    out.push('\n');
    for p in &a.paragraphs {
        let _ = writeln!(out, "{p}\n");
    }
    out
}

/// Counts.
pub fn stats(s: &Stats) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} articles\n\nby outlet:", s.articles);
    for (id, name, n) in &s.by_outlet {
        let _ = writeln!(out, "  {n:>8}  {name} ({id})");
    }
    for (title, rows) in [("section", &s.by_section), ("language", &s.by_language), ("month", &s.by_month)] {
        let _ = writeln!(out, "\nby {title}:");
        for (k, n) in rows {
            let _ = writeln!(out, "  {n:>8}  {k}");
        }
    }
    out
}

/// What `marsad extract` reports about one file. The JSON field names are stable.
#[derive(Serialize)]
pub struct ExtractReport {
    /// The file.
    pub file: String,
    /// Detected format.
    pub format: Option<&'static str>,
    /// Articles, the page's main article first.
    pub articles: Vec<Article>,
    /// Every line of the page, labelled (pages only).
    pub blocks: Vec<Block>,
    /// The lines that belong to no article: headings, headlines, navigation, attribution …
    pub dropped: Vec<Block>,
    /// Agencies cited anywhere on the page, teasers included.
    pub agencies: Vec<String>,
    /// Records that could not be extracted.
    pub rejections: Vec<Rejection>,
}

impl ExtractReport {
    /// Builds the report from an extraction.
    pub fn new(file: &std::path::Path, ex: Extracted) -> Self {
        let mut articles = Vec::new();
        let mut rejections = Vec::new();
        for r in ex.records {
            match r {
                Ok(a) => articles.push(a),
                Err(e) => rejections.push(e),
            }
        }
        let mut agencies: Vec<String> = Vec::new();
        for a in &articles {
            let teaser_text: Vec<String> = a.teasers.iter().map(|t| format!("{}. {}", t.title, t.lead)).collect();
            for name in
                a.agencies.iter().cloned().chain(marsad_extract::sources::cited_agencies(&teaser_text.join("\n")))
            {
                if !agencies.contains(&name) {
                    agencies.push(name);
                }
            }
        }
        let dropped = ex.blocks.iter().filter(|b| b.article.is_none()).cloned().collect();
        ExtractReport {
            file: file.display().to_string(),
            format: ex.format.map(|f| f.as_str()),
            articles,
            blocks: ex.blocks,
            dropped,
            agencies,
            rejections,
        }
    }
}

/// `marsad extract` for humans.
pub fn extract(r: &ExtractReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", r.file, r.format.unwrap_or("unrecognised"));
    for rej in &r.rejections {
        let _ = writeln!(out, "rejected: {rej}");
    }
    for (i, a) in r.articles.iter().enumerate() {
        let role = match a.role {
            marsad_extract::model::Role::Main => "main",
            marsad_extract::model::Role::Embedded => "embedded",
        };
        let _ = writeln!(out, "\n== article {} ({role}) ==", i + 1);
        let _ = writeln!(
            out,
            "title:       {}{}",
            a.title,
            if a.title_inferred { "  (inferred from the lead)" } else { "" }
        );
        let _ = writeln!(out, "outlet:      {}", a.outlet.as_ref().map_or("-", |o| o.display_name()));
        let section = match (&a.section, &a.section_label) {
            (Some(s), Some(l)) => format!("{s} ({l})"),
            (Some(s), None) => s.clone(),
            (None, Some(l)) => l.clone(),
            (None, None) => "-".into(),
        };
        let _ = writeln!(out, "section:     {section}");
        let date = match (a.published_date, a.date_source) {
            (Some(d), Some(src)) => format!(
                "{d} ({})",
                serde_json::to_value(src).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
            ),
            (Some(d), None) => d.to_string(),
            _ => "-".into(),
        };
        let _ = writeln!(out, "date:        {date}");
        if let Some(d) = &a.dateline {
            let _ = writeln!(
                out,
                "dateline:    {} ({}) — {}",
                d.place,
                d.place_en.as_deref().unwrap_or("?"),
                d.source.as_deref().unwrap_or("-")
            );
        }
        if !a.attribution.is_empty() {
            let chain: Vec<String> =
                a.attribution.iter().map(|s| s.id.clone().unwrap_or_else(|| s.name.clone())).collect();
            let _ = writeln!(out, "attribution: {}", chain.join(" → "));
        }
        if !a.agencies.is_empty() {
            let _ = writeln!(out, "agencies:    {}", a.agencies.join(", "));
        }
        let _ = writeln!(out, "language:    {}", a.language.as_deref().unwrap_or("-"));
        for cut in &a.cuts {
            let _ = writeln!(out, "cut:         {cut}");
        }
        for (n, p) in a.paragraphs.iter().enumerate() {
            let _ = writeln!(out, "  [{}] {p}", n + 1);
        }
        for t in &a.teasers {
            let _ = writeln!(out, "  teaser: {} — {}", t.title, t.lead);
        }
        for l in &a.related {
            let hint = l.section_hint.as_deref().map(|h| format!(" → {h}")).unwrap_or_default();
            let _ = writeln!(out, "  list «{}»{hint}: {} headlines", l.heading, l.items.len());
            for h in &l.items {
                let _ = writeln!(out, "    - {}{}", h.text, if h.truncated { "  (truncated)" } else { "" });
            }
        }
    }
    let dropped: Vec<&Block> =
        r.dropped.iter().filter(|b| !matches!(b.label, Label::Headline | Label::Heading)).collect();
    if !dropped.is_empty() {
        let _ = writeln!(out, "\ndropped:");
        for b in dropped {
            let _ = writeln!(out, "  {:>4} {:<12} {}", b.line + 1, b.label.as_str(), b.text);
        }
    }
    if !r.agencies.is_empty() {
        let _ = writeln!(out, "\nagencies on the page: {}", r.agencies.join(", "));
    }
    out
}

/// The `marsad eval extract` table.
pub fn extract_eval(r: &marsad_eval::Report, misses: bool) -> String {
    let mut out = String::new();
    let pct = |x: Option<f64>| x.map_or("—".to_string(), |v| format!("{:.3}", v));
    let _ = writeln!(
        out,
        "{:<26} {:>5} {:>7} {:>7} {:>7} {:>8} {:>7} {:>7} {:>7} {:>7} {:>8} {:>7}",
        "system",
        "pages",
        "body P",
        "body R",
        "body F1",
        "articles",
        "titles",
        "outlet",
        "date",
        "blocks",
        "ms/page",
        "p50 ms"
    );
    for (name, s) in [
        ("marsad — dumps", &r.marsad_dump),
        ("marsad — HTML", &r.marsad_html),
        ("marsad — all", &r.marsad_all),
        ("justext (Arabic) — dumps", &r.justext_dump),
        ("trafilatura — HTML", &r.trafilatura_html),
    ] {
        let _ = writeln!(
            out,
            "{:<26} {:>5} {:>7.3} {:>7.3} {:>7.3} {:>8} {:>7} {:>7} {:>7} {:>7} {:>8} {:>7}",
            name,
            s.pages,
            s.body_precision,
            s.body_recall,
            s.body_f1,
            pct(s.article_count_accuracy),
            pct(s.title_accuracy),
            pct(s.outlet_accuracy),
            pct(s.date_accuracy),
            pct(s.block_accuracy),
            s.ms_per_page.map_or("—".into(), |m| format!("{m:.2}")),
            s.ms_p50.map_or("—".into(), |m| format!("{m:.2}")),
        );
    }
    let _ = writeln!(out, "(date accuracy over {} pages that print a date)", r.marsad_all.dated_pages);
    let _ = writeln!(
        out,
        "(ms/page leaves out marsad's one-time start-up, loading its name recogniser: {:.0} ms)",
        r.start_up_ms
    );
    if misses {
        let _ = writeln!(out, "\nmisses:");
        for (page, what) in &r.misses {
            let _ = writeln!(out, "  {page}: {what}");
        }
    }
    out
}

fn day(d: Option<chrono::DateTime<chrono::Utc>>) -> String {
    d.map_or_else(|| "?".into(), |d| d.format("%Y-%m-%d %H:%M").to_string())
}

/// Story listing.
pub fn stories(cards: &[marsad_store::StoryCard]) -> String {
    let mut out = String::new();
    if cards.is_empty() {
        out.push_str("no stories\n");
    }
    for c in cards {
        let _ = writeln!(out, "[{}] {}", c.id, c.title);
        let _ = writeln!(
            out,
            "    {} outlets, {} articles · {} → {} · {}{}",
            c.outlets,
            c.articles,
            day(c.first_seen),
            day(c.last_seen),
            c.section.as_deref().unwrap_or("-"),
            c.trend.map(|t| format!(" · trend {t:.1}")).unwrap_or_default()
        );
        let _ = writeln!(out, "    {}", c.outlet_names.join("، "));
    }
    out
}

/// One story.
pub fn story(s: &marsad_store::StoryDetail) -> String {
    let c = &s.card;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}\nstory {} · thread {} · {} outlets, {} articles · {} → {}",
        c.title,
        c.id,
        c.thread_id,
        c.outlets,
        c.articles,
        day(c.first_seen),
        day(c.last_seen)
    );
    let _ = writeln!(out, "{}\n", c.lead);
    for o in &s.by_outlet {
        let _ = writeln!(out, "{} ({})", o.outlet_name, o.articles.len());
        for a in &o.articles {
            let copy = a.copy_of.map(|id| format!("  [copy of {id}]")).unwrap_or_default();
            let _ = writeln!(out, "  [{}] {} · {}{copy}", a.article.id, day(a.article.published), a.article.title);
        }
    }
    if !s.copy_groups.is_empty() {
        let _ = writeln!(out, "\ncopies:");
        for g in &s.copy_groups {
            let _ = writeln!(
                out,
                "  [{}] {} ({}) ← {}",
                g.original.id,
                g.original.title,
                g.original.outlet_name.as_deref().unwrap_or("?"),
                g.copies
                    .iter()
                    .map(|c| format!("{} {}", c.outlet_name.as_deref().unwrap_or("?"), day(c.published)))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    let _ = writeln!(out, "\nterms: {}", s.top_terms.join(" "));
    if !s.thread_stories.is_empty() {
        let _ = writeln!(out, "\nthread:");
        for t in &s.thread_stories {
            let _ = writeln!(out, "  [{}] {} · {}", t.id, day(t.first_seen), t.title);
        }
    }
    out
}
