//! Human-readable output.

use std::fmt::Write;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use marsad_store::{Highlighted, SearchResults, Stats, StoredArticle};

/// A progress bar on stderr, drawn only when stderr is a terminal.
pub fn bar(len: u64, unit: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(&format!("{{elapsed_precise}} [{{wide_bar}}] {{pos}}/{{len}} {unit} · {{msg}}"))
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar
}

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
    let _ = writeln!(out, "published: {}", date(a.published));
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
