//! Plain-text page dumps: the text of a news page as a browser or scraper saw it, one block per
//! line — breadcrumbs, outlet header, headline, dateline, body, and the furniture around them
//! (headline lists under headings, "read also", «المصدر: …» lines, "View on …").
//!
//! Extraction is two passes. [`segment`] labels every line from its own shape and its neighbours;
//! [`assemble`] turns the labels into the article. Rules are about the *shape* of news pages in
//! Arabic (punctuation, length, known furniture headings, section names), never about a particular
//! site.

use serde::Serialize;

use crate::model::{Article, Format, Record, RejectReason, Rejection};
use crate::{outlets, sections};

/// What a line of a page is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "value")]
pub enum Label {
    /// «الرئيسية » حدث»; the value is the last crumb (the section label).
    Breadcrumb(String),
    /// A line naming the outlet («سام برس»); the value is the outlet id.
    OutletHeader(String),
    /// The article's headline.
    Title,
    /// «سول - المغرب اليوم»: place, and the outlet or agency.
    Dateline,
    /// A body paragraph.
    Body,
    /// A heading over furniture («أخبار ذات صلة», «رياضة», «إقرأ أيضاً:»).
    Heading,
    /// An item of a headline list under a heading.
    ListItem,
    /// «المصدر: سبوتنيك»; the value is the named source.
    Attribution(String),
    /// Navigation, "View on …", share and copyright lines.
    Furniture,
    /// A line whose role is unclear (short, not a headline in position).
    Other,
}

/// A labelled line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// 0-based line number in the dump.
    pub line: usize,
    /// The line, trimmed, bullets removed.
    pub text: String,
    /// What it is.
    #[serde(flatten)]
    pub label: Label,
    /// True for headlines cut short with «…».
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

/// Headings that introduce page furniture rather than article text, in the wording outlets use.
#[rustfmt::skip]
const FURNITURE_HEADINGS: &[&str] = &[
    "أخبار ذات صلة", "اخبار ذات صلة", "مواضيع ذات صلة", "موضوعات ذات صلة", "مقالات ذات صلة", "روابط ذات صلة",
    "مواد ذات صلة", "ذات صلة", "أخبار متعلقة", "مواضيع متعلقة", "موضوعات متعلقة", "أخبار مشابهة", "مقالات مشابهة",
    "مواضيع مشابهة", "آخر الأخبار", "اخر الاخبار", "أحدث الأخبار", "الأخبار العاجلة", "عاجل", "آخر الأنباء",
    "الأكثر قراءة", "الأخبار الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا", "الأكثر تعليقا", "الأكثر شعبية",
    "الأكثر قراءة اليوم", "الأكثر قراءة هذا الأسبوع", "قد يهمك أيضا", "قد يهمك", "قد يعجبك أيضا", "قد يعجبك",
    "ربما يعجبك أيضا", "ربما يهمك", "شاهد أيضا", "شاهد ايضا", "اقرأ أيضا", "إقرأ أيضا", "اقرأ ايضا", "اقرأ المزيد",
    "المزيد", "المزيد من الأخبار", "المزيد من المقالات", "اخترنا لك", "اختيارات المحرر", "مختارات", "في هذا القسم",
    "من نفس القسم", "أخبار أخرى", "مقالات أخرى", "تابعونا", "تابعنا", "تابعونا على", "النشرة البريدية", "كلمات دالة",
    "كلمات مفتاحية", "الوسوم", "وسوم", "مواضيع", "related", "related news", "read more", "read also", "more news",
    "most read", "latest news", "you may also like",
];

/// Line beginnings that mark navigation, sharing and legal furniture.
#[rustfmt::skip]
const FURNITURE_PREFIXES: &[&str] = &[
    "view on", "شاهد على", "اقرأ على", "تابعونا على", "تابعنا على", "شارك", "مشاركة", "اشترك", "للاشتراك",
    "جميع الحقوق محفوظة", "حقوق النشر", "©", "copyright", "all rights reserved", "طباعة", "أرسل لصديق",
    "share", "tweet", "facebook", "twitter", "whatsapp", "telegram", "إعلان", "advertisement", "تحميل التطبيق",
    "حمل تطبيق", "اضغط هنا", "انقر هنا", "click here",
];

/// First crumbs of a breadcrumb trail.
const HOME_CRUMBS: &[&str] = &["الرئيسية", "الصفحة الرئيسية", "الرئيسيه", "home", "accueil"];

/// Words that make the second half of «مكان - …» a dateline source rather than text.
#[rustfmt::skip]
const DATELINE_SOURCES: &[&str] = &[
    "وكالات", "متابعات", "خاص", "رويترز", "أ ف ب", "ا ف ب", "أ.ف.ب", "فرانس برس", "د ب أ", "أ ش أ", "واس", "وام",
    "قنا", "كونا", "سانا", "بترا", "الأناضول", "شينخوا", "سبوتنيك", "تاس", "مراسلنا", "مراسل", "المحرر",
];

/// Normalised comparison key: letters and digits only, single spaces.
pub(crate) fn key(s: &str) -> String {
    let n = marsad_text::normalize(s);
    let cleaned: String = n
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    marsad_text::squash_whitespace(&cleaned)
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn strip_bullet(s: &str) -> (&str, bool) {
    let t = s.trim_start();
    for b in [
        '•', '·', '▪', '●', '◾', '◦', '■', '*', '-', '–', '—', '»', '>',
    ] {
        if let Some(rest) = t.strip_prefix(b)
            && rest.starts_with(char::is_whitespace)
        {
            return (rest.trim(), true);
        }
    }
    (s.trim(), false)
}

/// True when a line ends like a sentence («…» is a cut headline, not a sentence end).
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '»' | '”' | ')' | '’' | '\'')
    });
    let last = t.chars().last();
    matches!(last, Some('.' | '!' | '؟' | '?' | '؛' | ':')) && !t.ends_with("...")
}

fn is_truncated(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with('…') || t.ends_with("...")
}

fn is_furniture_heading(line: &str) -> bool {
    let k = key(line);
    !k.is_empty() && FURNITURE_HEADINGS.iter().any(|h| key(h) == k)
}

fn is_furniture_line(line: &str) -> bool {
    let k = key(line);
    let lower = line.trim().to_lowercase();
    if k.is_empty() {
        return true; // punctuation or symbols only
    }
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return !lower.contains(' ');
    }
    FURNITURE_PREFIXES.iter().any(|p| {
        let pk = key(p);
        (!pk.is_empty() && (k == pk || k.starts_with(&format!("{pk} ")))) || lower.starts_with(p)
    }) && word_count(line) <= 12
}

fn breadcrumb(line: &str) -> Option<String> {
    let parts: Vec<&str> = line
        .split(['»', '›', '>', '/', '«'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 || word_count(line) > 12 {
        return None;
    }
    let home = HOME_CRUMBS.iter().any(|h| key(h) == key(parts[0]));
    let arrows = line.contains('»') || line.contains('›');
    (home || (arrows && parts.iter().all(|p| word_count(p) <= 4)))
        .then(|| parts.last().unwrap().to_string())
}

fn attribution(line: &str) -> Option<String> {
    let t = line
        .trim()
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']', '.']);
    let n = marsad_text::normalize(t);
    for p in ["المصدر", "المصادر", "مصدر الخبر", "source"] {
        if let Some(rest) = n.strip_prefix(p) {
            let rest = rest.trim_start();
            if let Some(value) = rest.strip_prefix([':', '：', '-']) {
                // Return the original spelling of the value.
                let skip = t.chars().count() - value.chars().count();
                let original: String = t.chars().skip(skip).collect();
                let original = original.trim().to_string();
                return (!original.is_empty() && word_count(&original) <= 8).then_some(original);
            }
        }
    }
    None
}

fn is_dateline(line: &str) -> bool {
    if word_count(line) > 8 || ends_sentence(line) && !line.trim_end().ends_with(':') {
        return false;
    }
    let Some((place, source)) = line.split_once([' ', '\u{a0}']).and_then(|_| {
        line.split_once(" - ")
            .or_else(|| line.split_once(" – "))
            .or_else(|| line.split_once(" — "))
            .or_else(|| line.split_once('-'))
    }) else {
        return false;
    };
    let (place, source) = (place.trim(), source.trim().trim_end_matches(':').trim());
    if place.is_empty() || source.is_empty() || word_count(place) > 3 || word_count(source) > 5 {
        return false;
    }
    let sk = key(source);
    outlets::mentioned_in(source).is_some()
        || outlets::by_name(source).is_some()
        || DATELINE_SOURCES
            .iter()
            .any(|d| key(d) == sk || sk.starts_with(&key(d)))
}

/// True for lines that read as paragraphs of running text.
fn is_paragraph(line: &str, relaxed: bool) -> bool {
    let words = word_count(line);
    if relaxed {
        return words >= 10;
    }
    (ends_sentence(line) && words >= 4 && !is_truncated(line)) || words >= 25
}

/// Labels every non-blank line of a dump.
pub fn segment(text: &str) -> Vec<Block> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            (
                i,
                l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'),
            )
        })
        .filter(|(_, l)| !l.is_empty())
        .collect();
    // Pages whose body paragraphs carry no final punctuation fall back to length alone.
    let relaxed = !lines.iter().any(|(_, l)| is_paragraph(l, false));

    let mut blocks: Vec<Block> = Vec::with_capacity(lines.len());
    let mut body_started = false;
    let mut title_seen = false;
    let mut in_list = false;
    for (pos, &(line_no, raw)) in lines.iter().enumerate() {
        let (text, bullet) = strip_bullet(raw);
        let mut block = Block {
            line: line_no,
            text: text.to_string(),
            label: Label::Other,
            truncated: is_truncated(text),
        };
        let paragraph = is_paragraph(text, relaxed);
        let next_is_shortlist = || {
            lines[pos + 1..]
                .iter()
                .take(2)
                .filter(|(_, l)| !is_paragraph(strip_bullet(l).0, relaxed))
                .count()
                == 2
                && lines.len() > pos + 2
        };
        block.label = if let Some(crumb) = (!body_started).then(|| breadcrumb(text)).flatten() {
            Label::Breadcrumb(crumb)
        } else if let Some(src) = attribution(text) {
            in_list = false;
            Label::Attribution(src)
        } else if is_furniture_heading(text) {
            in_list = true;
            Label::Heading
        } else if is_furniture_line(text) {
            Label::Furniture
        } else if bullet && !paragraph {
            Label::ListItem
        } else if !paragraph
            && word_count(text) <= 4
            && (body_started || sections::canonical(text).is_some())
            && next_is_shortlist()
        {
            in_list = true;
            Label::Heading
        } else if let Some(o) = (word_count(text) <= 5 && !paragraph)
            .then(|| outlets::by_name(text))
            .flatten()
        {
            Label::OutletHeader(o.id)
        } else if !body_started && is_dateline(text) {
            Label::Dateline
        } else if paragraph {
            in_list = false;
            body_started = true;
            Label::Body
        } else if in_list {
            Label::ListItem
        } else if !body_started && !title_seen && word_count(text) >= 2 {
            title_seen = true;
            Label::Title
        } else {
            Label::Other
        };
        blocks.push(block);
    }
    blocks
}

/// Builds the main article from labelled blocks: title, then body paragraphs from the first one
/// to the first furniture after them. Short lines between body paragraphs (intertitles) stay.
pub fn assemble(blocks: &[Block]) -> Option<Article> {
    let first_body = blocks.iter().position(|b| b.label == Label::Body)?;
    let mut a = Article::new(Format::Dump);
    let mut end = first_body;
    for (i, b) in blocks.iter().enumerate().skip(first_body) {
        match b.label {
            Label::Body => end = i + 1,
            Label::Other | Label::Title => {}
            _ => break,
        }
    }
    a.paragraphs = blocks[first_body..end]
        .iter()
        .filter(|b| matches!(b.label, Label::Body | Label::Other | Label::Title))
        .map(|b| b.text.clone())
        .collect();
    match blocks[..first_body]
        .iter()
        .find(|b| b.label == Label::Title)
    {
        Some(t) => a.title = t.text.clone(),
        None => crate::infer_title(&mut a),
    }
    if let Some(crumb) = blocks.iter().find_map(|b| match &b.label {
        Label::Breadcrumb(c) => Some(c.clone()),
        _ => None,
    }) {
        a.section = sections::canonical(&crumb).map(String::from);
        a.section_label = Some(crumb);
    }
    a.outlet = detect_outlet(blocks);
    Some(a)
}

/// The outlet from the page's own signals: header line, «View on …», the last attribution (the
/// republisher), then the dateline.
fn detect_outlet(blocks: &[Block]) -> Option<outlets::Outlet> {
    let header = blocks.iter().find_map(|b| match &b.label {
        Label::OutletHeader(_) => outlets::by_name(&b.text),
        _ => None,
    });
    let view_on = || {
        blocks
            .iter()
            .filter(|b| b.label == Label::Furniture)
            .find_map(|b| {
                let lower = b.text.to_lowercase();
                let host = lower.strip_prefix("view on")?.trim();
                outlets::by_host(host).or_else(|| outlets::unknown_host(host))
            })
    };
    let attributed = || {
        blocks.iter().rev().find_map(|b| match &b.label {
            Label::Attribution(src) => outlets::by_name(src),
            _ => None,
        })
    };
    let dateline = || {
        blocks
            .iter()
            .filter(|b| b.label == Label::Dateline)
            .find_map(|b| outlets::mentioned_in(&b.text))
    };
    header
        .or_else(view_on)
        .or_else(attributed)
        .or_else(dateline)
}

/// Extracts the articles of a plain-text dump.
pub fn parse(text: &str) -> Vec<Record> {
    let blocks = segment(text);
    match assemble(&blocks) {
        Some(a) => vec![Ok(a)],
        None => vec![Err(Rejection::new(
            RejectReason::NoArticle,
            "no paragraph of running text found (is this a page dump?)",
        ))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "الرئيسية » اقتصاد\n\
        ارتفاع أسعار القمح في الأسواق العالمية\n\n\
        القاهرة - وكالات\n\n\
        ارتفعت أسعار القمح في الأسواق العالمية اليوم الثلاثاء بعد تراجع المعروض من الدول المصدرة الكبرى.\n\n\
        وقال تجار إن الطلب ما زال قويا من دول شمال أفريقيا والشرق الأوسط.\n\n\
        المصدر: وكالات\n\n\
        أخبار ذات صلة\n\n\
        الذهب يتراجع مع صعود الدولار\n\
        النفط يرتفع بعد قرار أوبك…\n\n\
        رياضة\n\n\
        الأهلي يفوز على الزمالك في قمة مثيرة\n\
        منتخب المغرب يستعد لكأس أفريقيا\n";

    #[test]
    fn labels_a_typical_page() {
        let blocks = segment(PAGE);
        let labels: Vec<_> = blocks.iter().map(|b| &b.label).collect();
        assert_eq!(labels[0], &Label::Breadcrumb("اقتصاد".into()));
        assert_eq!(labels[1], &Label::Title);
        assert_eq!(labels[2], &Label::Dateline);
        assert_eq!(labels[3], &Label::Body);
        assert_eq!(labels[4], &Label::Body);
        assert_eq!(labels[5], &Label::Attribution("وكالات".into()));
        assert_eq!(labels[6], &Label::Heading);
        assert_eq!(labels[7], &Label::ListItem);
        assert!(blocks[8].truncated);
        assert_eq!(labels[9], &Label::Heading);
        assert_eq!(labels[10], &Label::ListItem);
    }

    #[test]
    fn assembles_main_article() {
        let a = parse(PAGE).remove(0).unwrap();
        assert_eq!(a.title, "ارتفاع أسعار القمح في الأسواق العالمية");
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(a.section.as_deref(), Some("economy"));
        assert!(!a.body().contains("الذهب"));
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
}
