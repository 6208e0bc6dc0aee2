//! From the walk's drafts to [`Article`]s: headline (or one inferred from the lead), attribution,
//! dateline, byline, cited agencies, section and printed date for the page's own article; and the
//! outlet the page names ([`detect_outlet`]).

use super::classify::Line;
use super::{Analysis, Draft, Label};
use crate::model::{Article, DateSource, Format};
use crate::{dates, outlets, sections, sources};

/// The outlet from the page's own signals, strongest first: a header line naming it, «View on …»
/// with a host marsad knows, a footer naming it, the last of two or more «المصدر» lines (the
/// republisher; a single one names the original source), a dateline naming an outlet, and at
/// last an unregistered «View on» host or the holder of the copyright line.
pub(super) fn detect_outlet(lines: &[Line<'_>], labels: &[Label], articles: &[Draft]) -> Option<outlets::Outlet> {
    let header = lines
        .iter()
        .zip(labels)
        .find_map(|(l, lab)| (*lab == Label::Outlet).then(|| outlets::by_name(l.text)).flatten());
    let view_on_host = || {
        lines.iter().find_map(|l| {
            let lower = l.text.to_lowercase();
            lower.strip_prefix("view on").map(|h| h.trim().to_string())
        })
    };
    let view_on = || view_on_host().and_then(|h| outlets::by_host(&h));
    let footer = || {
        lines
            .iter()
            .zip(labels)
            .rev()
            .filter(|(_, lab)| **lab == Label::Furniture)
            .find_map(|(l, _)| outlets::mentioned_in(l.text))
    };
    let attributed = || {
        let chain = &articles.first()?.attribution;
        if chain.len() < 2 {
            return None;
        }
        chain.last().and_then(|s| outlets::by_name(s))
    };
    let dateline = || articles.first()?.dateline.as_deref().and_then(outlets::mentioned_in);
    // An outlet marsad does not know still signs its pages: the copyright line's holder, unless
    // that is an agency (a photo credit, «© AFP»).
    let holder = || {
        lines
            .iter()
            .zip(labels)
            .rev()
            .filter(|(_, lab)| **lab == Label::Furniture)
            .find_map(|(l, _)| outlets::copyright_holder(l.text))
            .filter(|h| sources::cited_agencies(h).is_empty())
    };
    // Known by its host, shown under the name it signs with.
    let unknown_host = || view_on_host().and_then(|h| outlets::unknown_host(&h)).map(|o| o.named(holder().as_deref()));
    let copyright = || holder().map(|h| outlets::unknown_name(&h));
    header
        .or_else(view_on)
        .or_else(footer)
        .or_else(attributed)
        .or_else(dateline)
        .or_else(unknown_host)
        .or_else(copyright)
}

/// Turns an analysis into articles with metadata. The main article carries the page's headline
/// lists; embedded ones are marked as such.
pub fn articles(analysis: &Analysis, format: Format) -> Vec<Article> {
    let section = analysis.section_label.as_deref();
    let mut out: Vec<Article> = analysis
        .articles
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.paragraphs.is_empty())
        .map(|(i, d)| {
            let mut a = Article::new(format);
            a.paragraphs = d.paragraphs.clone();
            match &d.title {
                Some(t) => a.title = t.clone(),
                None => crate::infer_title(&mut a),
            }
            a.role = d.role;
            a.teasers = d.teasers.clone();
            a.attribution = d.attribution.iter().map(|s| sources::resolve_source(s)).collect();
            a.dateline = d
                .dateline
                .as_deref()
                .and_then(sources::parse_dateline_line)
                .or_else(|| a.paragraphs.first().and_then(|p| sources::leading_dateline(p)));
            if a.author.is_none() {
                a.author = d.byline.clone().or_else(|| a.dateline.as_ref().and_then(sources::reporter_name));
            }
            a.outlet = analysis.outlet.clone();
            if i == 0 {
                a.related = analysis.lists.clone();
                if let Some(s) = section {
                    a.section = analysis.section.or_else(|| sections::canonical(s)).map(String::from);
                    a.section_label = Some(s.to_string());
                }
                if let Some((date, time)) = analysis.date_line.as_deref().and_then(dates::parse_display_date) {
                    a.set_published(dates::local_to_fixed(date, time), DateSource::Text);
                }
            }
            a.agencies = sources::cited_agencies(&a.body());
            a
        })
        .collect();
    // What the analysis did not read goes on the first article it gives, whichever that is.
    if let Some(first) = out.first_mut() {
        first.cuts.extend(analysis.cuts.iter().cloned());
    }
    out
}

/// Without a printed date, «اليوم السبت» in the first paragraphs dates the article, relative to a
/// known reference date; the date is marked inferred.
pub(super) fn infer_date(a: &mut Article, base: chrono::NaiveDate) {
    if a.published.is_some() {
        return;
    }
    let head: String = a.paragraphs.iter().take(2).map(String::as_str).collect::<Vec<_>>().join(" ");
    if let Some(d) = dates::find_dates(&head, Some(base)).into_iter().find(|d| d.today) {
        a.set_published(dates::local_to_fixed(d.date, None), DateSource::Inferred);
    }
}
