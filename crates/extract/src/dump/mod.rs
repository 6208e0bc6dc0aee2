//! Plain-text page dumps: the text of a news page as a browser or scraper saw it, one block per
//! line — breadcrumbs, outlet header, headline, date and dateline, body, and everything around it:
//! headline lists under headings, "read also" with whole other articles, teasers dropped into the
//! text, «المصدر: …» lines, "View on …".
//!
//! Extraction is three passes. [`classify`] gives each line the features it has on its own (a
//! paragraph of running text, a short headline-like line, a known furniture heading, an
//! attribution …). [`analyse`] walks the page with those features and the lines' neighbours: the
//! main article's body, the interruptions inside it, teasers (a headline restated by the lead that
//! follows it, about something else than the article around it), embedded articles after "read
//! also", headline lists. It labels every line and returns article drafts; the caller turns them
//! into [`Article`]s. The rules are about the *shape* of Arabic news pages — sentence punctuation,
//! length, headings, restatement, topical similarity — never about a particular site.

mod byline;
mod lines;
mod topic;
mod walk;

use serde::Serialize;

use crate::model::{Article, Cut, Format, HeadlineList, Record, RejectReason, Rejection, Role, Teaser};
use crate::{dates, outlets, sections, sources};
use lines::{Line, classify};
pub(crate) use lines::{breadcrumb, key};
pub use walk::{WORK_FLOOR, WORK_PER_LINE};

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

/// The outlet from the page's own signals, strongest first: a header line naming it, «View on …»
/// with a host marsad knows, a footer naming it, the last of two or more «المصدر» lines (the
/// republisher; a single one names the original source), a dateline naming an outlet, and at
/// last an unregistered «View on» host or the holder of the copyright line.
fn detect_outlet(lines: &[Line<'_>], labels: &[Label], articles: &[Draft]) -> Option<outlets::Outlet> {
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
                    a.set_published(dates::local_to_fixed(date, time), crate::model::DateSource::Text);
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

/// Without a printed date, «اليوم السبت» in the first paragraphs dates the article, relative to a
/// known reference date; the date is marked inferred.
fn infer_date(a: &mut Article, base: chrono::NaiveDate) {
    if a.published.is_some() {
        return;
    }
    let head: String = a.paragraphs.iter().take(2).map(String::as_str).collect::<Vec<_>>().join(" ");
    if let Some(d) = dates::find_dates(&head, Some(base)).into_iter().find(|d| d.today) {
        a.set_published(dates::local_to_fixed(d.date, None), crate::model::DateSource::Inferred);
    }
}

/// Extracts the articles of a plain-text dump.
pub fn parse(text: &str) -> Vec<Record> {
    parse_page(text, Format::Dump, &crate::Options::default(), None).records
}

#[cfg(test)]
mod tests {
    use super::lines::{bare_byline, byline, inline_read_also, is_caption};
    use super::topic::glued_headline;
    use super::*;

    #[test]
    fn bylines_and_inline_read_also() {
        assert_eq!(byline("كتب: أحمد الربيعي").as_deref(), Some("أحمد الربيعي"));
        assert_eq!(byline("كتبت - سارة علي").as_deref(), Some("سارة علي"));
        assert_eq!(byline("بقلم د. محمد السيد").as_deref(), Some("د. محمد السيد"));
        assert_eq!(byline("By Ahmed Rubaie").as_deref(), Some("Ahmed Rubaie"));
        for not_a_byline in [
            "كتب الرئيس رسالة إلى نظيره",
            "كتب:",
            "تقرير: انهيار العملة",
            "تقرير: الحكومة تخطط لبناء مطار جديد في مدينة الساحل الشمالي.",
        ] {
            assert_eq!(byline(not_a_byline), None, "{not_a_byline}");
        }
        assert_eq!(bare_byline("كتب محمد السيد").as_deref(), Some("محمد السيد"));
        assert_eq!(bare_byline("كتب رسالة."), None);
        let page = "الرئيسية\nأخبار مصر\nالحكومة تعلن موعد صرف منحة العمالة غير المنتظمة\nكتب محمد السيد\n\
                    الثلاثاء، 10 يونيو 2025 02:30 م\n\
                    أعلنت وزارة العمل اليوم الثلاثاء موعد صرف الدفعة الجديدة من منحة العمالة غير المنتظمة لآلاف الأسر.\n\
                    وقال الوزير في تصريحات صحفية إن الصرف سيبدأ الأسبوع المقبل عبر مكاتب البريد والمحافظ الإلكترونية.\n";
        let a = &articles(&analyse(page, &|_| false), Format::Dump)[0];
        assert_eq!(a.title, "الحكومة تعلن موعد صرف منحة العمالة غير المنتظمة");
        assert_eq!(a.author.as_deref(), Some("محمد السيد"));
        for caption in ["صورة أرشيفية", "(صورة من موقع الزلزال - رويترز)", "الصورة: أ ف ب", "Photo: AFP", "(أرشيفية)"]
        {
            assert!(is_caption(caption), "{caption}");
        }
        for not_caption in
            ["صور الأقمار الصناعية تكشف حجم الدمار في المدينة", "صورة قاتمة للاقتصاد العالمي في تقرير البنك الدولي"]
        {
            assert!(!is_caption(not_caption), "{not_caption}");
        }
        assert!(inline_read_also("اقرأ أيضاً: العراق يعلن خطة طوارئ"));
        assert!(inline_read_also("قد يهمك| الإنتربول يعلن استقالة رئيسه"));
        assert!(!inline_read_also("اقرأ أيضاً"));
        assert!(!inline_read_also("وقال الوزير: إن الحكومة ستعلن خطة جديدة"));
    }

    const PAGE: &str = "الرئيسية » اقتصاد\n\
        ارتفاع أسعار القمح في الأسواق العالمية\n\n\
        القاهرة - وكالات\n\n\
        ارتفعت أسعار القمح في الأسواق العالمية اليوم الثلاثاء بعد تراجع المعروض من الدول المصدرة الكبرى.\n\n\
        وقال تجار إن الطلب على القمح ما زال قويا في الأسواق من دول شمال أفريقيا والشرق الأوسط.\n\n\
        المصدر: وكالات\n\n\
        أخبار ذات صلة\n\n\
        الذهب يتراجع مع صعود الدولار\n\
        النفط يرتفع بعد قرار أوبك…\n\n\
        رياضة\n\n\
        الأهلي يفوز على الزمالك في قمة مثيرة\n\
        منتخب المغرب يستعد لكأس أفريقيا\n";

    fn labels(text: &str) -> Vec<Label> {
        analyse(text, &|_| false).blocks.into_iter().map(|b| b.label).collect()
    }

    #[test]
    fn labels_a_typical_page() {
        use Label::*;
        assert_eq!(
            labels(PAGE),
            [
                Breadcrumb,
                Title,
                Dateline,
                Body,
                Body,
                Attribution,
                Heading,
                Headline,
                Headline,
                Heading,
                Headline,
                Headline
            ]
        );
    }

    #[test]
    fn assembles_main_article_and_lists() {
        let a = parse(PAGE).remove(0).unwrap();
        assert_eq!(a.title, "ارتفاع أسعار القمح في الأسواق العالمية");
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(a.section.as_deref(), Some("economy"));
        assert!(!a.body().contains("الذهب"));
        assert_eq!(a.related.len(), 2);
        assert_eq!(a.related[1].section_hint.as_deref(), Some("sport"));
        assert!(a.related[0].items[1].truncated);
        assert_eq!(a.attribution[0].name, "وكالات");
    }

    #[test]
    fn page_without_headline_gets_inferred_title() {
        let a = parse("سام برس\nأعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية المتضررة من الجفاف الذي ضرب البلاد هذا العام.\n")
            .remove(0)
            .unwrap();
        assert!(a.title_inferred);
        assert!(a.title.starts_with("أعلنت الحكومة اليوم"));
        assert_eq!(a.outlet.unwrap().id, "sampress");
    }

    #[test]
    fn furniture_only_page_is_rejected() {
        let r = parse("أخبار ذات صلة\nخبر أول\nخبر ثان\n").remove(0);
        assert_eq!(r.unwrap_err().reason, RejectReason::NoArticle);
    }

    #[test]
    fn glued_teaser_is_split() {
        let p = "تقرير: الحكومة تخطط لبناء مطار جديد في مدينة الساحل الشمالي أعلنت وزارة النقل أن الحكومة تخطط لبناء مطار جديد في مدينة الساحل الشمالي بتكلفة تتجاوز مليار دولار خلال السنوات المقبلة.";
        let (title, lead) = glued_headline(p).unwrap();
        assert_eq!(title, "تقرير: الحكومة تخطط لبناء مطار جديد في مدينة الساحل الشمالي");
        assert!(lead.starts_with("أعلنت وزارة النقل"));
        assert!(glued_headline("وأضاف الوزير أن المحادثات مع الجانب الروسي كانت إيجابية وأن الطرفين اتفقا على مواصلة التشاور في الأسابيع المقبلة.").is_none());
    }
}
