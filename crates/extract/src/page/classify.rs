//! What each line of a page is on its own: a paragraph of running text, a short headline-like
//! line, a known or structural heading, a breadcrumb, an attribution, a date line, a dateline, an
//! outlet header, furniture, a line the outlet repeats ([`classify`]).

use std::collections::HashSet;
use std::sync::OnceLock;

use super::cues::{
    ARTICLE_END_PREFIXES, ATTRIBUTION_LABELS, BARE_BYLINE_VERBS, BULLETS, BYLINE_VERBS, BYLINE_WORDS, CAPTION_WORDS,
    COUNTED, FURNITURE_BUTTONS, FURNITURE_HEADINGS, FURNITURE_PREFIXES, HOME_CRUMBS, LEAD_WORDS, MAX_BUTTON_WORDS,
    PARAGRAPH_WORDS, PHOTO_CREDITS, READ_ALSO_HEADINGS, SCENE_CAPTION_WORDS, SCENE_NOUNS,
};
use crate::keys::key;
use crate::{dates, outlets, sections, sources};

pub(super) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

pub(super) fn strip_bullet(s: &str) -> (&str, bool) {
    let t = s.trim_start();
    for &b in BULLETS {
        if let Some(rest) = t.strip_prefix(b)
            && rest.starts_with(char::is_whitespace)
        {
            return (rest.trim(), true);
        }
    }
    (s.trim(), false)
}

/// True when a line ends like a sentence («…» is a cut headline, not a sentence end).
pub(super) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '»' | '”' | ')' | '’' | '\''));
    matches!(t.chars().last(), Some('.' | '!' | '؟' | '?' | '؛')) && !t.ends_with("...")
}

pub(super) fn is_truncated(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with('…') || t.ends_with("...")
}

/// Normalised keys of a word list, computed once per list.
pub(super) fn key_set(
    list: &'static [&'static str],
    cell: &'static OnceLock<HashSet<String>>,
) -> &'static HashSet<String> {
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

/// True when `line` is one of the [`READ_ALSO_HEADINGS`].
pub(super) fn is_read_also_heading(line: &str) -> bool {
    read_also_headings().contains(&key(line))
}

fn furniture_prefixes() -> &'static Vec<(String, &'static str)> {
    static S: OnceLock<Vec<(String, &'static str)>> = OnceLock::new();
    S.get_or_init(|| FURNITURE_PREFIXES.iter().map(|p| (key(p), *p)).collect())
}

fn home_crumbs() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    key_set(HOME_CRUMBS, &S)
}

pub(super) fn is_furniture_line(line: &str) -> bool {
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
    if is_nav_bar(line) || is_counter(line) || is_text_size_control(line) {
        return true;
    }
    is_button(line, &k)
        || word_count(line) <= 12
            && furniture_prefixes().iter().any(|(pk, p)| {
                (!pk.is_empty() && (k == *pk || (k.starts_with(pk.as_str()) && k[pk.len()..].starts_with(' '))))
                    || lower.starts_with(p)
            })
}

/// «شارك», «إعلان:», «دخول | تسجيل»: a [`FURNITURE_BUTTONS`] word as a button or a label, not
/// a headline's first word.
fn is_button(line: &str, k: &str) -> bool {
    FURNITURE_BUTTONS.iter().any(|b| {
        let Some(rest) = k.strip_prefix(b) else { return false };
        rest.is_empty()
            || rest.starts_with(' ') && (word_count(line) <= MAX_BUTTON_WORDS || line.contains(['|', ':', '：']))
    })
}

fn article_end_prefixes() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    key_set(ARTICLE_END_PREFIXES, &S)
}

/// Words a line closing an article has at most («الكلمات الدالة: …» lists a few tags).
const MAX_ARTICLE_END_WORDS: usize = 12;

/// True for a line that closes an article: its tags, its short link, its comments or their
/// count («التعليقات (82)», «75 تعليق»). See [`ARTICLE_END_PREFIXES`].
pub(super) fn ends_article(line: &str) -> bool {
    if word_count(line) > MAX_ARTICLE_END_WORDS {
        return false;
    }
    let k = key(line);
    let words: Vec<&str> = k.split(' ').filter(|w| !w.is_empty()).collect();
    let comments = is_counter(line) && words.iter().any(|w| w.starts_with("تعليق") || w.starts_with("comment"));
    comments || (1..=words.len().min(2)).any(|n| article_end_prefixes().contains(&words[..n].join(" ")))
}

/// «57 تعليق», «(1,204) مشاهدة»: a counter beside the article.
fn is_counter(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let number = |w: &str| {
        let w = w.trim_matches(|c: char| "()[]".contains(c));
        !w.is_empty() && w.chars().all(|c| c.is_numeric() || ",.٬٫".contains(c))
    };
    words.len() == 2
        && (number(words[0]) && COUNTED.contains(&key(words[1]).as_str())
            || number(words[1]) && COUNTED.contains(&key(words[0]).as_str()))
}

/// «A A A», «أ أ أ», «A+ A-»: the text-size buttons.
fn is_text_size_control(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() >= 2
        && words.iter().all(|w| {
            let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
            letters.len() == 1 && w.chars().all(|c| c.is_alphabetic() || c == '+' || c == '-')
        })
}

/// Navigation bars: «الرئيسية | أخبار | رياضة», «الصفحة الأولى - محليات - اقتصاد - رياضة», however
/// many items (a long bar runs past the word count of any other short line).
pub(super) fn is_nav_bar(line: &str) -> bool {
    /// Items of a dash-separated bar at least: «CITY - NAME - OUTLET» has three parts.
    const MIN_DASH_ITEMS: usize = 5;
    let line = line.trim_end_matches(['…', '.']);
    let short_items = |sep: &str| line.split(sep).all(|p| (1..=3).contains(&word_count(p)));
    (line.matches('|').count() >= 2 && short_items("|"))
        || (line.matches(" - ").count() + 1 >= MIN_DASH_ITEMS && short_items(" - "))
}

/// «الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس»: a place, a full date and the agency, as
/// agencies open their wires — a date line, not a headline.
fn dated_dateline(line: &str) -> bool {
    /// Words such a line runs to at most: place, two dates of four words, «الموافق», agency.
    const MAX_WORDS: usize = 14;
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() > MAX_WORDS || dates::find_dates(line, None).is_empty() {
        return false;
    }
    let place =
        sources::place_en(words[0]).is_some() || words.len() > 1 && sources::place_en(&words[..2].join(" ")).is_some();
    // A town marsad has no list for («السيح 25 شوال …»): a word or two before the date.
    let digit = |w: &&str| w.chars().next().is_some_and(|c| c.is_numeric());
    let unlisted_place = !digit(&words[0]) && words.iter().skip(1).take(2).any(digit);
    let last = words.last().copied().unwrap_or_default();
    (place || unlisted_place) && (sources::short_agency(last).is_some() || !sources::cited_agencies(last).is_empty())
}

/// A breadcrumb line: its last crumb (the outlet's own section label) and the canonical section of
/// the deepest crumb that names one («الرئيسية » أخبار عربية » السودان» is middle-east).
pub(crate) fn breadcrumb(line: &str) -> Option<(String, Option<&'static str>)> {
    let parts: Vec<&str> = line.split(['»', '›', '>', '/', '«']).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 || word_count(line) > 12 {
        return None;
    }
    let home = home_crumbs().contains(&key(parts[0]));
    // «»» between crumbs, not «…» around a quoted name («الاقتصادية» من الرياض).
    let quotes = line.contains('«') && line.matches('«').count() == line.matches('»').count();
    let arrows = (line.contains('»') && !quotes) || line.contains('›');
    (home || (arrows && parts.iter().all(|p| word_count(p) <= 4))).then(|| {
        let section = parts.iter().skip(usize::from(home)).rev().find_map(|p| sections::canonical(p));
        (parts.last().unwrap().to_string(), section)
    })
}

/// A photo or video caption or credit: «صورة أرشيفية», «(صورة من موقع الزلزال - رويترز)»,
/// «الصورة: أ ف ب», «Photo: AFP». Short, and opening with the word for picture (or archive) —
/// headlines about pictures («صور الأقمار الصناعية تكشف…») run longer or read on.
pub(super) fn is_caption(line: &str) -> bool {
    let t = line.trim().trim_start_matches(['(', '[']).trim_end_matches([')', ']']);
    let k = key(t);
    let first = k.split(' ').next().unwrap_or("");
    let words = word_count(t);
    let picture = CAPTION_WORDS.contains(&first);
    let parenthesised = line.trim().starts_with('(') && line.trim().ends_with(')');
    let credited = words <= 12
        && k.split(' ').any(|w| PHOTO_CREDITS.contains(&w))
        && t.split_once([':', '：'])
            .is_some_and(|(head, _)| key(head).split(' ').next_back().is_some_and(|w| PHOTO_CREDITS.contains(&w)));
    let scene = k.starts_with("جانب من ") && words <= SCENE_CAPTION_WORDS
        // «من الحفل», «من اللقاء»: "(a picture) from the event".
        || words == 2 && k.starts_with("من ال")
        // «من جولة وزارة التجارة», «من معسكر الفريق».
        || words <= SCENE_CAPTION_WORDS
            && k.split(' ').next() == Some("من")
            && k.split(' ').nth(1).is_some_and(|w| SCENE_NOUNS.contains(&w.strip_prefix("ال").unwrap_or(w)))
        // «هند الزهراني خلال الجولة»: someone in the picture.
        || super::byline::person_in_scene(t)
        // «الرئيس التركي رجب طيب أردوغان»: a portrait.
        || words <= SCENE_CAPTION_WORDS && super::byline::titled_portrait(t);
    // A short line with a temperature («الرياض 44°») is a weather box, not text.
    let weather = words <= 5 && line.contains('°');
    (picture && (words <= 3 || (parenthesised && words <= 12) || t.contains([':', '|']) && words <= 8)
        || credited
        || scene
        || weather)
        && !ends_sentence(t)
}

/// «كتب محمد السيد», «كتبت سارة علي»: the bare verb and a name of two to four words.
pub(super) fn bare_byline(line: &str) -> Option<String> {
    let (verb, name) = line.trim().split_once(char::is_whitespace)?;
    let n = word_count(name);
    (BARE_BYLINE_VERBS.contains(&verb) && (2..=4).contains(&n) && !ends_sentence(name) && !name.contains(':'))
        .then(|| name.trim().to_string())
}

/// «اقرأ أيضاً: <headline>» on one line: a read-also heading, a colon or dash, then the headline.
pub(super) fn inline_read_also(line: &str) -> bool {
    let Some((head, rest)) = line.split_once([':', '：', '|']).or_else(|| line.split_once(" - ")) else {
        return false;
    };
    word_count(rest) >= 2 && read_also_headings().contains(&key(head))
}

/// The writer a byline names: «كتب: أحمد الربيعي», «كتبت - سارة علي», «بقلم أحمد الربيعي»,
/// «By Ahmed Rubaie». Verbs that also open sentences («كتب الرئيس رسالة») need a colon or dash.
pub(super) fn byline(line: &str) -> Option<String> {
    let t = line.trim();
    let (first, rest) = t.split_once(char::is_whitespace).map_or((t, ""), |(a, b)| (a, b.trim()));
    let name = if let Some(word) = first.strip_suffix([':', '：']) {
        (BYLINE_VERBS.contains(&word) || BYLINE_WORDS.contains(&word.to_lowercase().as_str())).then_some(rest)
    } else if BYLINE_VERBS.contains(&first) {
        rest.strip_prefix([':', '：', '-', '–', '—']).map(str::trim)
    } else if BYLINE_WORDS.contains(&first.to_lowercase().as_str()) {
        Some(rest.trim_start_matches([':', '：', '-', '–', '—']).trim())
    } else {
        None
    }?;
    let n = word_count(name);
    ((1..=5).contains(&n) && !ends_sentence(name) && !name.chars().any(|c| c.is_ascii_digit()))
        .then(|| name.to_string())
}

pub(super) fn attribution(line: &str) -> Option<String> {
    let t = line.trim().trim_end_matches('.');
    // «(المصدر: وكالات)» is wrapped; «المصدر: وكالة السودان للأنباء (سونا)» ends in its own
    // bracket, which stays.
    let t = match (t.strip_prefix(['(', '[']), t.ends_with([')', ']'])) {
        (Some(inner), true) => inner.trim_end_matches([')', ']']),
        (Some(inner), false) => inner,
        (None, _) => t,
    };
    let n = marsad_text::normalize(t);
    for &p in ATTRIBUTION_LABELS {
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
pub(super) enum Kind {
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

pub(super) struct Line<'a> {
    /// 0-based line number in the input.
    pub no: usize,
    /// The line, trimmed, bullet removed.
    pub text: &'a str,
    /// True when the line opened with a bullet.
    pub bullet: bool,
    /// True when cut short with «…».
    pub truncated: bool,
    /// True when the line reads as a sentence of running text on its own, bullet or not (a
    /// bulleted one is still [`Kind::Short`]: whether it is text depends on its neighbours).
    pub sentence: bool,
    /// What it is.
    pub kind: Kind,
}

/// True for lines that read as paragraphs of running text.
pub(super) fn is_paragraph(line: &str, relaxed: bool) -> bool {
    let words = word_count(line);
    if relaxed {
        return words >= 10;
    }
    // Questions and exclamations end headlines as often as sentences; only long ones are text.
    let t = line.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '»' | '”' | ')' | '’' | '\''));
    let min_words = if t.ends_with(['؟', '?', '!']) { 14 } else { 4 };
    // A line introducing a quote or a list («… على تويتر:») is text; a heading ending in «:» is short.
    let introduces = t.ends_with(':') && words >= 7;
    (ends_sentence(line) && words >= min_words && !is_truncated(line)) || introduces || words >= PARAGRAPH_WORDS
}

/// Gives each non-blank line its own features. `repeated` says whether the outlet prints this
/// exact line on many of its pages (navigation, footers, standing lists).
pub(super) fn classify<'a>(text: &'a str, repeated: &dyn Fn(&str) -> bool) -> Vec<Line<'a>> {
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
        let words = word_count(text);
        // «جدة - مكتب الصحيفة - NAME:» ends like a line introducing a quote, but is a byline.
        let paragraph = is_paragraph(text, relaxed) && !(words <= 12 && super::byline::read(text).is_some());
        let plain_short = !paragraph && !bullet && words <= 5 && !is_truncated(text) && !ends_sentence(text);
        // A short line over a run of short lines is a heading: a section name («رياضة»), or any
        // wording when the layout says so (a blank line after it, none between the items).
        let list_follows = short(idx + 1) && short(idx + 2);
        let laid_out_as_heading = raw.get(idx + 1).is_some_and(|n| n.2) && raw.get(idx + 2).is_some_and(|n| !n.2);
        let section_heading = plain_short && words <= 4 && list_follows && sections::canonical(text).is_some();
        let structural_heading = plain_short && list_follows && laid_out_as_heading;
        // Only short lines can be headings, crumbs or furniture; long ones skip those checks.
        let k = if words <= 14 { key(text) } else { String::new() };
        let kind = if is_nav_bar(text) {
            Kind::Furniture
        } else if words <= 30 && inline_read_also(text) {
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
        } else if !paragraph && (dates::is_date_line(text) || dated_dateline(text)) {
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
        out.push(Line { no, text, bullet, truncated: is_truncated(text), sentence: paragraph, kind });
    }
    leads_without_full_stop(&mut out);
    out
}

/// A long line without final punctuation between a headline it restates and running text is that
/// headline's lead (scrapers drop the full stop of a lead more often than of any other paragraph;
/// a long second headline in a list restates nothing above it).
fn leads_without_full_stop(lines: &mut [Line<'_>]) {
    for i in 1..lines.len().saturating_sub(1) {
        let l = &lines[i];
        let lead_shaped = l.kind == Kind::Short && !l.bullet && !l.truncated && word_count(l.text) >= LEAD_WORDS;
        let under_headline = lines[i - 1].kind == Kind::Short && word_count(lines[i - 1].text) < LEAD_WORDS;
        if lead_shaped
            && under_headline
            && lines[i + 1].kind == Kind::Paragraph
            && super::topic::is_restated(lines[i - 1].text, l.text)
        {
            lines[i].kind = Kind::Paragraph;
        }
    }
}
