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

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Serialize;

use crate::model::{Article, Format, Headline, HeadlineList, Record, RejectReason, Rejection, Role, Teaser};
use crate::{dates, outlets, sections, sources};

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
}

/// Headings that introduce page furniture rather than article text, in the wording outlets use.
#[rustfmt::skip]
const FURNITURE_HEADINGS: &[&str] = &[
    "أخبار ذات صلة", "اخبار ذات صلة", "مواضيع ذات صلة", "موضوعات ذات صلة", "مقالات ذات صلة", "روابط ذات صلة",
    "مواد ذات صلة", "ذات صلة", "أخبار متعلقة", "مواضيع متعلقة", "موضوعات متعلقة", "أخبار مشابهة", "مقالات مشابهة",
    "مواضيع مشابهة", "آخر الأخبار", "اخر الاخبار", "أحدث الأخبار", "الأخبار العاجلة", "عاجل", "آخر الأنباء",
    "الأكثر قراءة", "الأخبار الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا", "الأكثر تعليقا", "الأكثر شعبية",
    "الأكثر قراءة اليوم", "الأكثر قراءة هذا الأسبوع", "اخترنا لك", "اختيارات المحرر", "مختارات", "في هذا القسم",
    "من نفس القسم", "أخبار أخرى", "مقالات أخرى", "تابعونا", "تابعنا", "تابعونا على", "النشرة البريدية", "كلمات دالة",
    "كلمات مفتاحية", "الوسوم", "وسوم", "related", "related news", "more news", "most read", "latest news",
];

/// Headings that may introduce a whole other article ("read also") or a few headlines.
#[rustfmt::skip]
const READ_ALSO_HEADINGS: &[&str] = &[
    "اقرأ أيضا", "إقرأ أيضا", "اقرأ ايضا", "اقرأ كذلك", "اقرأ المزيد", "شاهد أيضا", "شاهد ايضا", "طالع أيضا",
    "قد يهمك أيضا", "قد يهمك", "قد يعجبك أيضا", "قد يعجبك", "ربما يعجبك أيضا", "ربما يهمك", "المزيد", "read also",
    "read more", "you may also like",
];

/// Line beginnings that mark navigation, sharing and legal furniture.
#[rustfmt::skip]
const FURNITURE_PREFIXES: &[&str] = &[
    "view on", "شاهد على", "اقرأ على", "تابعونا على", "تابعنا على", "شارك", "مشاركة", "اشترك", "للاشتراك",
    "جميع الحقوق محفوظة", "حقوق النشر", "©", "copyright", "all rights reserved", "طباعة", "أرسل لصديق",
    "share", "tweet", "facebook", "twitter", "whatsapp", "telegram", "إعلان", "advertisement", "تحميل التطبيق",
    "حمل تطبيق", "اضغط هنا", "انقر هنا", "click here", "التعليقات", "أضف تعليق", "اضف تعليقك",
];

/// First crumbs of a breadcrumb trail.
const HOME_CRUMBS: &[&str] = &["الرئيسية", "الصفحة الرئيسية", "الرئيسيه", "home", "accueil"];

/// Words too common in news to tell two articles apart (for topical similarity only).
#[rustfmt::skip]
const GENERIC_NEWS_WORDS: &[&str] = &[
    "قال", "قالت", "اعلن", "اعلنت", "اضاف", "اضافت", "اكد", "اكدت", "اشار", "اشارت", "ذكر", "ذكرت", "رئيس", "الرئيس",
    "حكوم", "دول", "يوم", "عام", "سنه", "اليوم", "الذي", "خلال", "بعد", "قبل", "وزير", "مسوول", "كان", "كانت", "تم",
];

/// Normalised comparison key: letters and digits only, single spaces.
pub(crate) fn key(s: &str) -> String {
    let n = marsad_text::normalize(s);
    let cleaned: String = n.chars().map(|c| if marsad_text::normalize::is_alnum(c) { c } else { ' ' }).collect();
    marsad_text::squash_whitespace(&cleaned)
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn strip_bullet(s: &str) -> (&str, bool) {
    let t = s.trim_start();
    for b in ['•', '·', '▪', '●', '◾', '◦', '■', '*', '-', '–', '—', '»', '>'] {
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
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '»' | '”' | ')' | '’' | '\''));
    matches!(t.chars().last(), Some('.' | '!' | '؟' | '?' | '؛')) && !t.ends_with("...")
}

fn is_truncated(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with('…') || t.ends_with("...")
}

/// Normalised keys of a word list, computed once per list.
fn key_set(list: &'static [&'static str], cell: &'static OnceLock<HashSet<String>>) -> &'static HashSet<String> {
    cell.get_or_init(|| list.iter().map(|h| key(h)).collect())
}

fn furniture_headings() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    key_set(FURNITURE_HEADINGS, &S)
}

fn read_also_headings() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    key_set(READ_ALSO_HEADINGS, &S)
}

fn furniture_prefixes() -> &'static Vec<(String, &'static str)> {
    static S: OnceLock<Vec<(String, &'static str)>> = OnceLock::new();
    S.get_or_init(|| FURNITURE_PREFIXES.iter().map(|p| (key(p), *p)).collect())
}

fn home_crumbs() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    key_set(HOME_CRUMBS, &S)
}

fn is_furniture_line(line: &str) -> bool {
    let k = key(line);
    let lower = line.trim().to_lowercase();
    if k.is_empty() {
        return true; // punctuation or symbols only
    }
    // Copyright lines, in any wording.
    if line.contains('©') || (k.contains("حقوق") && k.contains("محفوظه")) {
        return word_count(line) <= 20;
    }
    if is_caption(line) {
        return true;
    }
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return !lower.contains(' ');
    }
    // Navigation bars: «الرئيسية | أخبار | رياضة».
    if line.matches('|').count() >= 2 && line.split('|').all(|p| word_count(p) <= 3) {
        return true;
    }
    word_count(line) <= 12
        && furniture_prefixes().iter().any(|(pk, p)| {
            (!pk.is_empty() && (k == *pk || (k.starts_with(pk.as_str()) && k[pk.len()..].starts_with(' '))))
                || lower.starts_with(p)
        })
}

/// A breadcrumb line: its last crumb (the outlet's own section label) and the canonical section of
/// the deepest crumb that names one («الرئيسية » أخبار عربية » السودان» is middle-east).
pub(crate) fn breadcrumb(line: &str) -> Option<(String, Option<&'static str>)> {
    let parts: Vec<&str> = line.split(['»', '›', '>', '/', '«']).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 || word_count(line) > 12 {
        return None;
    }
    let home = home_crumbs().contains(&key(parts[0]));
    let arrows = line.contains('»') || line.contains('›');
    (home || (arrows && parts.iter().all(|p| word_count(p) <= 4))).then(|| {
        let section = parts.iter().skip(usize::from(home)).rev().find_map(|p| sections::canonical(p));
        (parts.last().unwrap().to_string(), section)
    })
}

/// A photo or video caption or credit: «صورة أرشيفية», «(صورة من موقع الزلزال - رويترز)»,
/// «الصورة: أ ف ب», «Photo: AFP». Short, and opening with the word for picture (or archive) —
/// headlines about pictures («صور الأقمار الصناعية تكشف…») run longer or read on.
fn is_caption(line: &str) -> bool {
    let t = line.trim().trim_start_matches(['(', '[']).trim_end_matches([')', ']']);
    let k = key(t);
    let first = k.split(' ').next().unwrap_or("");
    let words = word_count(t);
    let picture =
        ["صوره", "الصوره", "ارشيفيه", "ارشيف", "الارشيف", "فيديو", "photo", "image", "credit"].contains(&first);
    let parenthesised = line.trim().starts_with('(') && line.trim().ends_with(')');
    picture
        && !ends_sentence(t)
        && (words <= 3 || (parenthesised && words <= 12) || t.contains([':', '|']) && words <= 8)
}

/// «كتب محمد السيد», «كتبت سارة علي»: the bare verb and a name of two to four words.
fn bare_byline(line: &str) -> Option<String> {
    let (verb, name) = line.trim().split_once(char::is_whitespace)?;
    let n = word_count(name);
    (["كتب", "كتبت"].contains(&verb) && (2..=4).contains(&n) && !ends_sentence(name) && !name.contains(':'))
        .then(|| name.trim().to_string())
}

/// «اقرأ أيضاً: <headline>» on one line: a read-also heading, a colon or dash, then the headline.
fn inline_read_also(line: &str) -> bool {
    let Some((head, rest)) = line.split_once([':', '：', '|']).or_else(|| line.split_once(" - ")) else {
        return false;
    };
    word_count(rest) >= 2 && read_also_headings().contains(&key(head))
}

/// The writer a byline names: «كتب: أحمد الربيعي», «كتبت - سارة علي», «بقلم أحمد الربيعي»,
/// «By Ahmed Rubaie». Verbs that also open sentences («كتب الرئيس رسالة») need a colon or dash.
fn byline(line: &str) -> Option<String> {
    // Not «تقرير:» or «حوار:»: those open headlines («تقرير: انهيار العملة»).
    const WITH_MARK: &[&str] = &["كتب", "كتبت", "إعداد", "اعداد", "تحرير"];
    const BARE: &[&str] = &["بقلم", "بقلم:", "بواسطة", "by"];
    let t = line.trim();
    let (first, rest) = t.split_once(char::is_whitespace).map_or((t, ""), |(a, b)| (a, b.trim()));
    let name = if let Some(word) = first.strip_suffix([':', '：']) {
        (WITH_MARK.contains(&word) || BARE.contains(&word.to_lowercase().as_str())).then_some(rest)
    } else if WITH_MARK.contains(&first) {
        rest.strip_prefix([':', '：', '-', '–', '—']).map(str::trim)
    } else if BARE.contains(&first.to_lowercase().as_str()) {
        Some(rest.trim_start_matches([':', '：', '-', '–', '—']).trim())
    } else {
        None
    }?;
    let n = word_count(name);
    ((1..=5).contains(&n) && !ends_sentence(name) && !name.chars().any(|c| c.is_ascii_digit()))
        .then(|| name.to_string())
}

fn attribution(line: &str) -> Option<String> {
    let t = line.trim().trim_end_matches('.');
    // «(المصدر: وكالات)» is wrapped; «المصدر: وكالة السودان للأنباء (سونا)» ends in its own
    // bracket, which stays.
    let t = match (t.strip_prefix(['(', '[']), t.ends_with([')', ']'])) {
        (Some(inner), true) => inner.trim_end_matches([')', ']']),
        (Some(inner), false) => inner,
        (None, _) => t,
    };
    let n = marsad_text::normalize(t);
    for p in ["المصدر", "المصادر", "مصدر الخبر", "source"] {
        if let Some(rest) = n.strip_prefix(p)
            && let Some(value) = rest.trim_start().strip_prefix([':', '：', '-'])
        {
            // Return the original spelling of the value.
            let skip = t.chars().count() - value.chars().count();
            let original: String = t.chars().skip(skip).collect();
            let original = original.trim().to_string();
            return (!original.is_empty() && word_count(&original) <= 8).then_some(original);
        }
    }
    None
}

/// The features a line has on its own.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Breadcrumb(String, Option<&'static str>),
    Byline(String),
    Attribution(String),
    Heading { read_also: bool },
    Furniture,
    Repeated,
    DateLine,
    OutletHeader,
    Dateline,
    Paragraph,
    Short,
}

struct Line<'a> {
    no: usize,
    text: &'a str,
    bullet: bool,
    truncated: bool,
    kind: Kind,
}

/// True for lines that read as paragraphs of running text.
fn is_paragraph(line: &str, relaxed: bool) -> bool {
    let words = word_count(line);
    if relaxed {
        return words >= 10;
    }
    // Questions and exclamations end headlines as often as sentences; only long ones are text.
    let t = line.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '»' | '”' | ')' | '’' | '\''));
    let min_words = if t.ends_with(['؟', '?', '!']) { 14 } else { 4 };
    // A line introducing a quote or a list («… على تويتر:») is text; a heading ending in «:» is short.
    let introduces = t.ends_with(':') && words >= 7;
    (ends_sentence(line) && words >= min_words && !is_truncated(line)) || introduces || words >= 25
}

/// Gives each non-blank line its own features. `repeated` says whether the outlet prints this
/// exact line on many of its pages (navigation, footers, standing lists).
fn classify<'a>(text: &'a str, repeated: &dyn Fn(&str) -> bool) -> Vec<Line<'a>> {
    // (line number, text, preceded by a blank line)
    let mut raw: Vec<(usize, &str, bool)> = Vec::new();
    let mut blank = true;
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if t.is_empty() {
            blank = true;
        } else {
            raw.push((i, t, blank));
            blank = false;
        }
    }
    // Pages whose paragraphs carry no final punctuation fall back to length alone.
    let relaxed = !raw.iter().any(|(_, l, _)| is_paragraph(strip_bullet(l).0, false));
    let short = |i: usize| raw.get(i).is_some_and(|(_, l, _)| !is_paragraph(strip_bullet(l).0, relaxed));
    let mut out: Vec<Line<'a>> = Vec::with_capacity(raw.len());
    for (idx, &(no, l, _)) in raw.iter().enumerate() {
        let (text, bullet) = strip_bullet(l);
        let paragraph = is_paragraph(text, relaxed);
        let words = word_count(text);
        let plain_short = !paragraph && !bullet && words <= 5 && !is_truncated(text) && !ends_sentence(text);
        // A short line over a run of short lines is a heading: a section name («رياضة»), or any
        // wording when the layout says so (a blank line after it, none between the items).
        let list_follows = short(idx + 1) && short(idx + 2);
        let laid_out_as_heading = raw.get(idx + 1).is_some_and(|n| n.2) && raw.get(idx + 2).is_some_and(|n| !n.2);
        let section_heading = plain_short && words <= 4 && list_follows && sections::canonical(text).is_some();
        let structural_heading = plain_short && list_follows && laid_out_as_heading;
        // Only short lines can be headings, crumbs or furniture; long ones skip those checks.
        let k = if words <= 14 { key(text) } else { String::new() };
        let kind = if words <= 30 && inline_read_also(text) {
            // «اقرأ أيضاً: العراق يعلن خطة طوارئ…» inside a body: another article's link.
            Kind::Furniture
        } else if words > 14 {
            if paragraph && !bullet { Kind::Paragraph } else { Kind::Short }
        } else if let Some((c, section)) = breadcrumb(text) {
            Kind::Breadcrumb(c, section)
        } else if let Some(a) = attribution(text) {
            Kind::Attribution(a)
        } else if read_also_headings().contains(&k) {
            Kind::Heading { read_also: true }
        } else if furniture_headings().contains(&k) {
            Kind::Heading { read_also: false }
        } else if !paragraph && words <= 5 && outlets::by_name(text).is_some() {
            Kind::OutletHeader
        } else if section_heading {
            Kind::Heading { read_also: false }
        } else if is_furniture_line(text) {
            Kind::Furniture
        } else if !paragraph && repeated(text) {
            Kind::Repeated
        } else if let Some(name) = (!paragraph && words <= 7).then(|| byline(text)).flatten() {
            Kind::Byline(name)
        } else if !paragraph && dates::is_date_line(text) {
            Kind::DateLine
        } else if !paragraph && words <= 6 && sources::parse_dateline_line(text).is_some() {
            Kind::Dateline
        } else if structural_heading {
            Kind::Heading { read_also: false }
        } else if paragraph && !bullet {
            Kind::Paragraph
        } else {
            Kind::Short
        };
        out.push(Line { no, text, bullet, truncated: is_truncated(text), kind });
    }
    out
}

/// Content keys of a text for overlap measures: stems of non-stop-words, with one-letter proclitics
/// (ب ل ك ف) peeled so «لإرسال» meets «إرسال».
fn keys(text: &str) -> Vec<String> {
    // The head of a paragraph says what it is about; a pathological 50 MB "paragraph" must not
    // cost 50 MB of analysis.
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    marsad_text::analyze(&text[..end], marsad_text::Analysis::Main)
        .into_iter()
        .map(|t| {
            let t = t.term;
            let mut chars = t.chars();
            match chars.next() {
                Some('ب' | 'ل' | 'ك' | 'ف') if t.chars().count() >= 5 => chars.collect(),
                _ => t,
            }
        })
        .filter(|k| k.chars().count() >= 3 && !GENERIC_NEWS_WORDS.contains(&k.as_str()))
        .collect()
}

/// Share of `title`'s content keys found in `lead`: a headline is restated by its own lead.
fn restatement(title: &[String], lead: &HashSet<String>) -> (usize, f32) {
    let found = title.iter().filter(|k| lead.contains(*k)).count();
    (found, if title.is_empty() { 0.0 } else { found as f32 / title.len() as f32 })
}

/// Share of a paragraph's content keys that the article already uses.
fn similarity(paragraph: &[String], article: &HashSet<String>) -> f32 {
    if paragraph.is_empty() {
        return 1.0;
    }
    paragraph.iter().filter(|k| article.contains(*k)).count() as f32 / paragraph.len() as f32
}

/// A line this long is a paragraph even without final punctuation, once a headline precedes it.
const LEAD_WORDS: usize = 16;

/// Below this similarity to its article, a paragraph is about something else.
const OFF_TOPIC: f32 = 0.22;
/// A headline counts as restated when this share of its keys (and at least three) recur in the lead.
const RESTATED: f32 = 0.5;

fn is_restated(title: &str, lead: &str) -> bool {
    let t = keys(title);
    let lead_keys: HashSet<String> =
        keys(&lead.split_whitespace().take(60).collect::<Vec<_>>().join(" ")).into_iter().collect();
    let (found, share) = restatement(&t, &lead_keys);
    found >= 3 && share >= RESTATED
}

/// Splits a paragraph that is a headline glued to its lead («تقرير: بوتين يخطط … الشمالية عقب
/// زيارته …») at the point where the most headline words are restated by the rest.
fn glued_headline(paragraph: &str) -> Option<(String, String)> {
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    // Headlines never open with «و» (and …) or a connective; body paragraphs very often do.
    if words.len() < 14 || !opens_article(paragraph) {
        return None;
    }
    let mut best: Option<(f32, usize)> = None;
    for k in 4..=words.len().min(22) {
        if k + 8 > words.len() {
            break;
        }
        let head = words[..k].join(" ");
        // A headline holds no sentence end («..» is a headline's own separator); stop once one is
        // crossed.
        if ends_clause(words[k - 1]) {
            if k > 4 && !words[k - 1].ends_with(['،', ',']) {
                break;
            }
            continue;
        }
        let head_keys = keys(&head);
        let rest: HashSet<String> = keys(&words[k..words.len().min(k + 60)].join(" ")).into_iter().collect();
        let (found, _) = restatement(&head_keys, &rest);
        let missed = head_keys.len() - found;
        let score = found as f32 - 1.2 * missed as f32;
        if found >= 4 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, k));
        }
    }
    if let Some((score, k)) = best {
        let head = words[..k].join(" ");
        let head_keys = keys(&head);
        let rest: HashSet<String> = keys(&words[k..words.len().min(k + 60)].join(" ")).into_iter().collect();
        let (found, share) = restatement(&head_keys, &rest);
        if score > 1.0 && found >= 4 && share >= 0.6 {
            return Some((head, words[k..].join(" ")));
        }
    }
    // A weaker restatement will do when the lead visibly starts a new sentence: Arabic news leads
    // open with a reporting or event verb («قالت وسائل إعلام…», «أثار غضب…»).
    let k = (4..words.len().min(20)).find(|&k| is_lead_verb(words[k]))?;
    if words[..k].iter().any(|w| ends_clause(w)) {
        return None;
    }
    let head_keys = keys(&words[..k].join(" "));
    let rest: HashSet<String> = keys(&words[k..words.len().min(k + 60)].join(" ")).into_iter().collect();
    let (found, _) = restatement(&head_keys, &rest);
    (found >= 1).then(|| (words[..k].join(" "), words[k..].join(" ")))
}

/// False for paragraphs that open with a conjunction or connective («وقال…», «كما…»): they carry
/// on a text, they never start an article.
fn opens_article(paragraph: &str) -> bool {
    paragraph.split_whitespace().next().is_some_and(|w| {
        !marsad_text::stem::starts_with_conjunction(&marsad_text::normalize(w.trim_start_matches(['"', '«', '('])))
    })
}

/// True when a word ends a sentence or clause; «..» between a headline's halves does not.
fn ends_clause(word: &str) -> bool {
    word.ends_with(['.', '؟', '?', '!', '،', ',']) && !word.ends_with("..")
}

/// Verbs that open news leads.
#[rustfmt::skip]
const LEAD_VERBS: &[&str] = &[
    "قال", "قالت", "اعلن", "اعلنت", "ذكر", "ذكرت", "افاد", "افادت", "كشف", "كشفت", "اكد", "اكدت", "نفي", "نفت",
    "استقبل", "استقبلت", "وصل", "وصلت", "قتل", "لقي", "اصيب", "اصيبت", "اثار", "اثارت", "بدا", "بدات", "شن", "شنت",
    "اطلق", "اطلقت", "فاز", "فازت", "دعا", "دعت", "طالب", "طالبت", "وافق", "وافقت", "رفض", "رفضت", "اعرب", "اعربت",
    "اتهم", "اتهمت", "حذر", "حذرت", "يعتزم", "تعتزم", "نشرت", "نشر", "اظهرت", "اظهر", "تمكن", "تمكنت", "انتقد",
    "انتقدت", "اعتبر", "اعتبرت", "اختتم", "اختتمت", "افتتح", "افتتحت", "توفي", "تعرض", "تعرضت", "سجل", "سجلت",
];

fn is_lead_verb(word: &str) -> bool {
    let n = marsad_text::normalize(word);
    LEAD_VERBS.contains(&n.as_str())
}

struct Walker<'a, 'b> {
    lines: &'b [Line<'a>],
    labels: Vec<Label>,
    owner: Vec<Option<usize>>,
    articles: Vec<Draft>,
    lists: Vec<HeadlineList>,
}

impl Walker<'_, '_> {
    fn next_is(&self, i: usize, pred: impl Fn(&Kind) -> bool) -> bool {
        self.lines.get(i).is_some_and(|l| pred(&l.kind))
    }

    /// Consumes a heading's headline list starting at `i` (the first item); returns the index after.
    fn take_list(&mut self, heading: Option<usize>, mut i: usize) -> usize {
        let mut items = Vec::new();
        while let Some(l) = self.lines.get(i) {
            let item = match l.kind {
                Kind::Short | Kind::Repeated => true,
                Kind::Paragraph => l.bullet || (l.truncated && word_count(l.text) < 25),
                _ => false,
            };
            if !item {
                break;
            }
            // A short line followed by paragraphs that restate it is an article's title, not an item
            // — also when its byline, date and dateline lines stand between.
            if l.kind == Kind::Short
                && let Some(next) = (i + 1..self.lines.len().min(i + 6))
                    .find(|&j| !matches!(self.lines[j].kind, Kind::Byline(_) | Kind::DateLine | Kind::Dateline))
                && self.lines[next].kind == Kind::Paragraph
                && is_restated(l.text, self.lines[next].text)
            {
                break;
            }
            self.labels[i] = Label::Headline;
            items.push(Headline { text: l.text.to_string(), truncated: l.truncated });
            i += 1;
        }
        if !items.is_empty() || heading.is_some() {
            let heading_text = heading
                .map(|h| self.lines[h].text.trim_end_matches([':', '：']).trim().to_string())
                .unwrap_or_default();
            self.lists.push(HeadlineList {
                section_hint: sections::canonical(&heading_text).map(String::from),
                heading: heading_text,
                items,
            });
        }
        i
    }

    /// Reads an article body from `start` (a paragraph). Interruptions — furniture, a short list
    /// under a heading, an inline «اقرأ أيضا» — are stepped over when the text after them carries on
    /// the same subject. Returns the index after the body.
    fn take_body(&mut self, art: usize, start: usize) -> usize {
        let mut topic: HashSet<String> = HashSet::new();
        let mut i = start;
        while let Some(l) = self.lines.get(i) {
            match &l.kind {
                Kind::Paragraph if !l.bullet => {
                    let k = keys(l.text);
                    // After the first paragraphs, an off-topic paragraph with a restated headline
                    // glued to it is a teaser.
                    if !topic.is_empty()
                        && similarity(&k, &topic) < OFF_TOPIC
                        && let Some((title, lead)) = glued_headline(l.text)
                    {
                        self.labels[i] = Label::Teaser;
                        self.owner[i] = Some(art);
                        self.articles[art].teasers.push(Teaser { title, lead });
                        i += 1;
                        continue;
                    }
                    topic.extend(k);
                    self.labels[i] = Label::Body;
                    self.owner[i] = Some(art);
                    self.articles[art].paragraphs.push(l.text.to_string());
                    i += 1;
                }
                Kind::Short if self.next_is(i + 1, |k| *k == Kind::Paragraph) => {
                    let lead = self.lines[i + 1].text;
                    let lead_keys = keys(lead);
                    let title_keys = keys(l.text);
                    // An intertitle speaks of its article; a headline and lead that do not belong
                    // to another one.
                    let off_topic = !topic.is_empty()
                        && opens_article(lead)
                        && similarity(&lead_keys, &topic) < OFF_TOPIC
                        && similarity(&title_keys, &topic) < OFF_TOPIC;
                    if off_topic {
                        // A teaser if our article carries on after it; otherwise a new article
                        // starts here (or, at the end of the text, it was a teaser all the same).
                        let after = i + 2;
                        let teaser: HashSet<String> = title_keys.into_iter().chain(lead_keys).collect();
                        let more_text = self.next_is(after, |k| *k == Kind::Paragraph);
                        let continues = more_text && {
                            let next = keys(self.lines[after].text);
                            similarity(&next, &topic) >= similarity(&next, &teaser)
                        };
                        if !continues && (more_text || is_restated(l.text, lead)) {
                            return i;
                        }
                        self.labels[i] = Label::Teaser;
                        self.labels[i + 1] = Label::Teaser;
                        self.owner[i] = Some(art);
                        self.owner[i + 1] = Some(art);
                        self.articles[art].teasers.push(Teaser { title: l.text.to_string(), lead: lead.to_string() });
                        i = after;
                    } else {
                        // An intertitle.
                        self.labels[i] = Label::Body;
                        self.owner[i] = Some(art);
                        self.articles[art].paragraphs.push(l.text.to_string());
                        i += 1;
                    }
                }
                Kind::Heading { .. } | Kind::Furniture | Kind::Repeated | Kind::Short | Kind::Paragraph => {
                    // Look past the interruption: does the same article carry on?
                    let mut j = i;
                    let mut headings = 0;
                    while let Some(x) = self.lines.get(j) {
                        match x.kind {
                            Kind::Heading { .. } => headings += 1,
                            Kind::Furniture | Kind::Repeated => {}
                            Kind::Short => {}
                            Kind::Paragraph if x.bullet => {}
                            _ => break,
                        }
                        j += 1;
                        if j - i > 6 {
                            break;
                        }
                    }
                    // Text after an interruption continues the article unless it starts another one:
                    // a headline its first paragraph restates, or a "read also" heading over a
                    // single headline and text about something else.
                    let next_para = self.next_is(j, |k| *k == Kind::Paragraph) && !self.lines[j].bullet;
                    let starts_article = next_para
                        && j > i
                        && self.lines[j - 1].kind == Kind::Short
                        && (is_restated(self.lines[j - 1].text, self.lines[j].text)
                            || (j - i == 2
                                && self.lines[i].kind == (Kind::Heading { read_also: true })
                                && opens_article(self.lines[j].text)
                                && similarity(&keys(self.lines[j].text), &topic) < OFF_TOPIC));
                    let carries_on = headings <= 1 && j - i <= 6 && next_para && !starts_article;
                    if !carries_on {
                        return i;
                    }
                    let mut k = i;
                    while k < j {
                        match self.lines[k].kind {
                            Kind::Heading { .. } => {
                                self.labels[k] = Label::Heading;
                                k = self.take_list(Some(k), k + 1);
                            }
                            Kind::Short | Kind::Paragraph => {
                                k = self.take_list(None, k);
                            }
                            _ => {
                                self.labels[k] = Label::Furniture;
                                k += 1;
                            }
                        }
                    }
                    i = j;
                }
                Kind::DateLine => {
                    self.labels[i] = Label::Date;
                    i += 1;
                }
                _ => return i,
            }
        }
        i
    }

    /// Takes «المصدر: …» lines at `i` for article `art`; returns the index after them.
    fn take_attribution(&mut self, art: Option<usize>, mut i: usize) -> usize {
        while let Some(Line { kind: Kind::Attribution(src), .. }) = self.lines.get(i) {
            self.labels[i] = Label::Attribution;
            if let Some(a) = art {
                self.owner[i] = Some(a);
                self.articles[a].attribution.push(src.clone());
            }
            i += 1;
        }
        i
    }

    fn new_article(&mut self, role: Role, title: Option<usize>) -> usize {
        let idx = self.articles.len();
        let mut d = Draft { role, ..Default::default() };
        if let Some(t) = title {
            self.labels[t] = Label::Title;
            self.owner[t] = Some(idx);
            d.title = Some(self.lines[t].text.to_string());
        }
        self.articles.push(d);
        idx
    }
}

/// Labels every line of a dump and finds its articles. `repeated` says whether the page's outlet
/// prints a line on many of its pages (from the store's line statistics); pass `&|_| false` when
/// unknown.
pub fn analyse(text: &str, repeated: &dyn Fn(&str) -> bool) -> Analysis {
    let lines = classify(text, repeated);
    let n = lines.len();
    let mut w =
        Walker { lines: &lines, labels: vec![Label::Other; n], owner: vec![None; n], articles: vec![], lists: vec![] };
    let mut out = Analysis::default();

    // The preamble: everything before the first paragraph of running text.
    let first_para = lines.iter().position(|l| l.kind == Kind::Paragraph && !l.bullet);
    let pre_end = first_para.unwrap_or(n);
    let mut title: Option<usize> = None;
    let mut lead: Option<usize> = None;
    let mut dateline: Option<usize> = None;
    let mut byline: Option<String> = None;
    let mut i = 0;
    while i < pre_end {
        let l = &lines[i];
        match &l.kind {
            Kind::Breadcrumb(c, section) => {
                w.labels[i] = Label::Breadcrumb;
                if out.section_label.is_none() {
                    out.section_label = Some(c.clone());
                    out.section = *section;
                }
            }
            Kind::OutletHeader => w.labels[i] = Label::Outlet,
            Kind::Byline(name) => {
                w.labels[i] = Label::Byline;
                byline.get_or_insert_with(|| name.clone());
            }
            Kind::DateLine => {
                w.labels[i] = Label::Date;
                out.date_line.get_or_insert_with(|| l.text.to_string());
            }
            Kind::Dateline => {
                w.labels[i] = Label::Dateline;
                dateline = Some(i);
            }
            Kind::Heading { .. } => {
                w.labels[i] = Label::Heading;
                let end = w.take_list(Some(i), i + 1).min(pre_end);
                i = end;
                continue;
            }
            // «كتب محمد السيد» without a colon (Egyptian outlets) under the headline is its byline:
            // only here, where no sentence would stand alone, is the bare verb safe to read so.
            Kind::Short if title.is_some() && bare_byline(l.text).is_some() => {
                w.labels[i] = Label::Byline;
                byline.get_or_insert_with(|| bare_byline(l.text).unwrap_or_default());
            }
            Kind::Short if word_count(l.text) >= 2 => {
                // The headline is the last headline-like line before the body; earlier ones were
                // navigation. A long unpunctuated line after a headline is the lead, though.
                match title {
                    Some(t) if word_count(l.text) >= LEAD_WORDS && word_count(lines[t].text) < LEAD_WORDS => {
                        lead = Some(i);
                        break;
                    }
                    Some(t) => w.labels[t] = Label::Furniture,
                    None => {}
                }
                title = Some(i);
            }
            Kind::Furniture | Kind::Repeated | Kind::Short => w.labels[i] = Label::Furniture,
            Kind::Attribution(_) => w.labels[i] = Label::Attribution,
            Kind::Paragraph => w.labels[i] = Label::Other,
        }
        i += 1;
    }

    if let Some(start) = lead.or(first_para) {
        let main = w.new_article(Role::Main, title);
        if let Some(d) = dateline {
            w.owner[d] = Some(main);
            w.articles[main].dateline = Some(lines[d].text.to_string());
        }
        w.articles[main].byline = byline;
        let mut i = w.take_body(main, start);
        let mut last = main;
        i = w.take_attribution(Some(last), i);
        // After the main article: attributions, headline lists, embedded articles, furniture.
        while i < n {
            let l = &lines[i];
            match &l.kind {
                Kind::Attribution(_) => i = w.take_attribution(Some(last), i),
                Kind::Heading { read_also } => {
                    w.labels[i] = Label::Heading;
                    let embedded = *read_also
                        && w.next_is(i + 1, |k| *k == Kind::Short)
                        && w.next_is(i + 2, |k| *k == Kind::Paragraph)
                        && (is_restated(lines[i + 1].text, lines[i + 2].text)
                            || w.next_is(i + 3, |k| *k == Kind::Paragraph));
                    if embedded {
                        last = w.new_article(Role::Embedded, Some(i + 1));
                        i = w.take_body(last, i + 2);
                        i = w.take_attribution(Some(last), i);
                    } else {
                        i = w.take_list(Some(i), i + 1);
                    }
                }
                Kind::Short
                    if w.next_is(i + 1, |k| *k == Kind::Paragraph)
                        && (is_restated(l.text, lines[i + 1].text) || w.next_is(i + 2, |k| *k == Kind::Paragraph)) =>
                {
                    last = w.new_article(Role::Embedded, Some(i));
                    i = w.take_body(last, i + 1);
                    i = w.take_attribution(Some(last), i);
                }
                Kind::Short | Kind::Repeated if w.next_is(i + 1, |k| matches!(k, Kind::Short | Kind::Repeated)) => {
                    i = w.take_list(None, i);
                }
                Kind::Paragraph if l.truncated || l.bullet => i = w.take_list(None, i),
                Kind::Breadcrumb(..) | Kind::Furniture | Kind::Repeated | Kind::OutletHeader | Kind::Short => {
                    w.labels[i] = Label::Furniture;
                    i += 1;
                }
                Kind::DateLine => {
                    w.labels[i] = Label::Date;
                    i += 1;
                }
                Kind::Byline(_) => {
                    w.labels[i] = Label::Byline;
                    i += 1;
                }
                Kind::Dateline | Kind::Paragraph => {
                    w.labels[i] = Label::Other;
                    i += 1;
                }
            }
        }
    }

    out.outlet = detect_outlet(&lines, &w.labels, &w.articles);
    out.blocks = lines
        .iter()
        .enumerate()
        .map(|(i, l)| Block {
            line: l.no,
            text: l.text.to_string(),
            label: w.labels[i].clone(),
            article: w.owner[i],
            truncated: l.truncated,
        })
        .collect();
    out.articles = w.articles;
    out.lists = w.lists;
    out
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
    let unknown_host = || view_on_host().and_then(|h| outlets::unknown_host(&h));
    // An outlet marsad does not know still signs its pages: the copyright line's holder, unless
    // that is an agency (a photo credit, «© AFP»).
    let copyright = || {
        lines
            .iter()
            .zip(labels)
            .rev()
            .filter(|(_, lab)| **lab == Label::Furniture)
            .find_map(|(l, _)| outlets::copyright_holder(l.text))
            .filter(|h| sources::cited_agencies(h).is_empty())
            .map(|h| outlets::unknown_name(&h))
    };
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
    analysis
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
        .collect()
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
