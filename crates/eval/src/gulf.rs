//! The second family of dev-gold pages: Gulf newspapers' house styles, built from a JSON Lines
//! corpus of raw newspaper articles (SaudiNewsNet: `source`, `url`, `title`, `author` as printed,
//! `content` with newline-separated paragraphs, `date_extracted`).
//!
//! What these pages have that the broadcaster family ([`super::generate`]) does not: the reporter
//! and place line printed under the headline exactly as the outlet prints it («NAME - CITY»,
//! «CITY: OUTLET», «OUTLET – CITY» …), sometimes over two lines; masthead dates with the Hijri day
//! beside the Gregorian one and an issue number; photo captions; «للمزيد» / «اقرأ أيضا» / «طالع
//! أيضا» blocks holding a whole second article; tag, share, print and comment-count lines; opinion
//! columns of many short lines under the columnist's name; pages that print no headline at all.
//! The furniture vocabulary here is its own (not the broadcaster generator's lists), so a rule
//! fitted to one family is measured on the other.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use fastrand::Rng;

use super::generate::{GoldArticle, GoldPage, esc, pick, to_hijri};

/// One corpus article usable as material.
struct Story {
    title: String,
    /// The byline as the outlet printed it (may be empty).
    author: String,
    paragraphs: Vec<String>,
    outlet_id: String,
    outlet_ar: String,
    host: String,
    day: Option<NaiveDate>,
    /// An opinion column: many short lines.
    column: bool,
}

/// Most paragraphs kept from one article (columns keep more: their lines are short).
const MAX_PARAGRAPHS: usize = 14;
const MAX_COLUMN_LINES: usize = 40;

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Splits a one-block article into paragraphs of two sentences, as sites that lost their
/// paragraph breaks print them.
fn sentence_paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut sentences = 0;
    for w in text.split_whitespace() {
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(w);
        if w.ends_with(['.', '؟', '!']) {
            sentences += 1;
            if sentences == 2 && words(&cur) >= 12 {
                out.push(std::mem::take(&mut cur));
                sentences = 0;
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn to_story(v: &serde_json::Value) -> Option<Story> {
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(marsad_text::squash_whitespace).unwrap_or_default();
    let (title, author, content, url) = (s("title"), s("author"), v.get("content")?.as_str()?, s("url"));
    if words(&title) < 3 {
        return None;
    }
    let outlet = marsad_extract::outlets::by_host(&url).or_else(|| marsad_extract::outlets::by_name(&s("source")))?;
    let mut paragraphs: Vec<String> =
        content.lines().map(marsad_text::squash_whitespace).filter(|p| words(p) >= 2).collect();
    if paragraphs.len() < 3 {
        paragraphs = paragraphs.iter().flat_map(|p| sentence_paragraphs(p)).collect();
    }
    let total: usize = paragraphs.iter().map(|p| words(p)).sum();
    if paragraphs.len() < 2 || total < 40 {
        return None;
    }
    let column = paragraphs.len() >= 8 && total / paragraphs.len() < 14;
    paragraphs.truncate(if column { MAX_COLUMN_LINES } else { MAX_PARAGRAPHS });
    let day = marsad_extract::dates::date_in_url(&url)
        .or_else(|| NaiveDate::parse_from_str(s("date_extracted").get(..10).unwrap_or_default(), "%Y-%m-%d").ok());
    let host = url.split('/').nth(2).unwrap_or("example.com").trim_start_matches("www.").to_string();
    Some(Story {
        title,
        author,
        paragraphs,
        outlet_ar: outlet.name_ar.clone().unwrap_or_else(|| outlet.id.clone()),
        outlet_id: outlet.id,
        host,
        day,
        column,
    })
}

fn load(path: &Path) -> std::io::Result<Vec<Story>> {
    let file = std::fs::File::open(path)?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut out = Vec::new();
    for line in BufReader::new(reader).lines() {
        let line = line?;
        if let Some(s) = serde_json::from_str::<serde_json::Value>(&line).ok().as_ref().and_then(to_story) {
            out.push(s);
        }
    }
    Ok(out)
}

#[rustfmt::skip]
const MENU: &[&str] = &[
    "الصفحة الأولى", "محليات", "الوطن", "اقتصاد", "رياضة", "الرأي", "كتاب", "ثقافة وفنون", "منوعات", "دوليات",
    "تقارير", "حوارات", "مجتمع", "الطبعة الورقية", "أرشيف",
];
const TOP_LINES: &[&str] =
    &["دخول | تسجيل جديد", "النسخة الورقية", "اتصل بنا | أعلن معنا", "RSS | تويتر | فيسبوك", "الطقس: الرياض 44°"];
const SECTIONS: &[&str] = &["محليات", "اقتصاد", "الوطن", "دوليات", "رياضة", "مجتمع", "تقارير", "الرأي"];
#[rustfmt::skip]
const LIST_HEADS: &[&str] = &[
    "ذات صلة", "أخبار مشابهة", "الأكثر تعليقاً", "الأكثر تداولا", "عناوين اليوم", "من الأرشيف", "المزيد من الأخبار",
    "أهم الأخبار", "في هذا القسم", "أخبار الساعة",
];
const MORE_HEADS: &[&str] = &["للمزيد:", "اقرأ أيضا:", "طالع أيضا:", "للمزيد اقرأ:", "طالع أيضاً"];
#[rustfmt::skip]
const SHARE: &[&str] = &[
    "طباعة | إرسال لصديق | حفظ", "شارك الخبر: تويتر فيسبوك واتساب", "A A A", "أرسل إلى صديق", "نسخ الرابط",
    "مشاركة عبر", "تكبير الخط تصغير الخط",
];
#[rustfmt::skip]
const CAPTION_NAMES: &[&str] = &[
    "فهد المطيري", "نورة الشهري", "ماجد الغامدي", "هند الزهراني", "سلطان الدوسري", "ريم العنزي", "عبدالرحمن السبيعي",
];
const GREG: [&str; 12] =
    ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
#[rustfmt::skip]
const HIJRI: [&str; 12] = ["محرم", "صفر", "ربيع الأول", "ربيع الثاني", "جمادى الأولى", "جمادى الثانية", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"];
const WEEKDAYS: [&str; 7] = ["الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"];

/// A date line in a Gulf newspaper's forms: Hijri beside Gregorian, numeric, with an issue number.
fn date_line(rng: &mut Rng, d: NaiveDate) -> String {
    let wd = WEEKDAYS[d.weekday().num_days_from_monday() as usize];
    let (day, m, y) = (d.day(), d.month0() as usize, d.year());
    let Some((hy, hm, hd)) = to_hijri(d).map(|(y, m, d)| (y, usize::from(m), d)) else {
        return format!("{day} {} {y}", GREG[m]);
    };
    match rng.u8(..6) {
        0 => format!("{wd} {hd} {} {hy}هـ - {day} {} {y}م", HIJRI[hm - 1], GREG[m]),
        1 => format!("{wd} {hd}/{hm}/{hy} هـ الموافق {day}/{}/{y} م", m + 1),
        2 => format!("{day} {} {y} - {hd} {} {hy} هـ", GREG[m], HIJRI[hm - 1]),
        3 => format!("تاريخ النشر: {y}/{:02}/{:02}", m + 1, day),
        4 => format!("{wd} {day} {} {y} | العدد {}", GREG[m], rng.u32(14_000..16_500)),
        _ => format!("{hd} {} {hy} هـ الموافق {day} {} {y} م", HIJRI[hm - 1], GREG[m]),
    }
}

/// A byline over one or two lines, as printed.
fn byline_lines(rng: &mut Rng, author: &str) -> Vec<String> {
    if rng.u8(..5) == 0 {
        for sep in [" - ", " – ", " ـ ", ": ", " : "] {
            if let Some((a, b)) = author.split_once(sep) {
                let (a, b) = (a.trim(), b.trim().trim_end_matches(':').trim());
                if !a.is_empty() && !b.is_empty() {
                    return vec![a.to_string(), b.to_string()];
                }
            }
        }
    }
    vec![author.to_string()]
}

fn caption(rng: &mut Rng) -> String {
    let name = pick(rng, CAPTION_NAMES);
    match rng.u8(..5) {
        0 => "(صورة أرشيفية)".to_string(),
        1 => format!("جانب من اللقاء (تصوير: {name})"),
        2 => format!("{name} خلال الجولة"),
        3 => "من الموقع".to_string(),
        _ => format!("عدسة: {name}"),
    }
}

/// One part of a page, in order: a labelled line, or a heading with its headlines.
enum Part {
    Line(&'static str, String),
    List(String, Vec<String>),
}

/// Writes `pages` Gulf-press gold pages (half dumps, half HTML) built from the JSON Lines corpus
/// at `corpus` (`.jsonl` or `.jsonl.gz`) into `out`. Deterministic for a seed.
pub fn generate(corpus: &Path, out: &Path, pages: usize, seed: u64) -> std::io::Result<usize> {
    let mut rng = Rng::with_seed(seed);
    let stories = load(corpus)?;
    if stories.len() < 50 {
        return Err(std::io::Error::other(format!(
            "{} has too few usable articles ({})",
            corpus.display(),
            stories.len()
        )));
    }
    std::fs::create_dir_all(out)?;
    let mut by_outlet: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, s) in stories.iter().enumerate() {
        by_outlet.entry(&s.outlet_id).or_default().push(i);
    }
    let columns: Vec<usize> = (0..stories.len()).filter(|&i| stories[i].column).collect();
    for n in 0..pages {
        // One page in eight is an opinion column, when the corpus has them.
        let main = if !columns.is_empty() && rng.u8(..8) == 0 {
            &stories[*pick(&mut rng, &columns)]
        } else {
            &stories[rng.usize(..stories.len())]
        };
        let same: &[usize] = &by_outlet[main.outlet_id.as_str()];
        let page = build_page(&mut rng, main, |rng| &stories[same[rng.usize(..same.len())]]);
        let html = n % 2 == 1;
        let name = format!("{n:04}");
        let mut gold = GoldPage {
            format: if html { "html" } else { "dump" }.into(),
            outlet: main.outlet_id.clone(),
            date: page.date_shown.map(|d| d.to_string()),
            articles: page.articles,
            lines: vec![],
        };
        if html {
            let meta = main.day.filter(|_| rng.u8(..2) == 0);
            if meta.is_some() {
                gold.date = meta.map(|d| d.to_string());
            }
            std::fs::write(
                out.join(format!("{name}.html")),
                render_html(&page.parts, main, meta, page.titled, &mut rng),
            )?;
        } else {
            let (text, labels) = render_dump(&page.parts, &mut rng);
            gold.lines = labels;
            std::fs::write(out.join(format!("{name}.txt")), text)?;
        }
        std::fs::write(
            out.join(format!("{name}.gold.json")),
            serde_json::to_string_pretty(&gold).expect("gold serialises"),
        )?;
    }
    Ok(pages)
}

struct Page {
    parts: Vec<Part>,
    articles: Vec<GoldArticle>,
    date_shown: Option<NaiveDate>,
    titled: bool,
}

fn build_page<'a>(rng: &mut Rng, main: &'a Story, mut other: impl FnMut(&mut Rng) -> &'a Story) -> Page {
    let mut parts = Vec::new();
    if rng.u8(..3) == 0 {
        parts.push(Part::Line("furniture", pick(rng, TOP_LINES).to_string()));
    }
    let menu: Vec<&str> = MENU.iter().filter(|_| rng.u8(..3) > 0).copied().collect();
    if rng.bool() && menu.len() >= 3 {
        parts.push(Part::Line("furniture", menu.join(if rng.bool() { " | " } else { " - " })));
    }
    let date_shown = main.day.filter(|_| rng.u8(..5) < 3);
    let masthead_date = rng.bool();
    if let Some(d) = date_shown.filter(|_| masthead_date) {
        parts.push(Part::Line("date", date_line(rng, d)));
    }
    if rng.u8(..3) == 0 {
        parts.push(Part::Line("outlet", main.outlet_ar.clone()));
    }
    if rng.u8(..2) == 0 {
        let sec = if main.column { "كتاب وآراء" } else { pick(rng, SECTIONS) };
        parts.push(Part::Line("breadcrumb", format!("الرئيسية / {sec}")));
    }
    // One dump in ten prints no headline (the scraper lost it): the gold title is empty.
    let titled = rng.u8(..10) > 0;
    if titled {
        parts.push(Part::Line("title", main.title.clone()));
    }
    if !main.author.is_empty() && rng.u8(..10) < 6 {
        for l in byline_lines(rng, &main.author) {
            parts.push(Part::Line("byline", l));
        }
    }
    if let Some(d) = date_shown.filter(|_| !masthead_date) {
        parts.push(Part::Line("date", date_line(rng, d)));
    }
    if rng.u8(..10) < 3 {
        parts.push(Part::Line("furniture", caption(rng)));
    }
    let read_at = (rng.u8(..10) < 2 && main.paragraphs.len() >= 4).then(|| rng.usize(1..main.paragraphs.len() - 1));
    for (i, p) in main.paragraphs.iter().enumerate() {
        if Some(i) == read_at {
            let items: Vec<String> = (0..rng.usize(1..3)).map(|_| other(rng).title.clone()).collect();
            parts.push(Part::List(pick(rng, &["اقرأ أيضا:", "طالع أيضا", "اقرأ المزيد:"]).to_string(), items));
        }
        parts.push(Part::Line("body", p.clone()));
    }
    if rng.u8(..3) == 0 {
        let tags: Vec<&str> = main.title.split_whitespace().filter(|w| w.chars().count() > 4).take(3).collect();
        if !tags.is_empty() {
            parts.push(Part::Line("furniture", format!("الكلمات الدالة: {}", tags.join("، "))));
        }
    }
    if rng.bool() {
        parts.push(Part::Line("furniture", pick(rng, SHARE).to_string()));
    }
    if rng.u8(..6) == 0 {
        parts.push(Part::Line("furniture", format!("رابط مختصر: {}/n/{}", main.host, rng.u32(10_000..99_999))));
    }
    if rng.u8(..3) == 0 {
        let k = rng.u32(0..240);
        let line = match rng.u8(..3) {
            0 => format!("التعليقات ({k})"),
            1 => format!("{k} تعليق"),
            _ => format!("عدد القراءات: {}", k * 37 + 11),
        };
        parts.push(Part::Line("furniture", line));
    }
    let mut articles = vec![GoldArticle {
        title: if titled { main.title.clone() } else { String::new() },
        paragraphs: main.paragraphs.clone(),
    }];
    if rng.u8(..4) == 0 {
        let e = other(rng);
        if e.title != main.title && !e.column {
            parts.push(Part::Line("heading", pick(rng, MORE_HEADS).to_string()));
            parts.push(Part::Line("title", e.title.clone()));
            if !e.author.is_empty() && rng.bool() {
                parts.push(Part::Line("byline", e.author.clone()));
            }
            let paras: Vec<String> = e.paragraphs.iter().take(rng.usize(3..7)).cloned().collect();
            for p in &paras {
                parts.push(Part::Line("body", p.clone()));
            }
            articles.push(GoldArticle { title: e.title.clone(), paragraphs: paras });
        }
    }
    for _ in 0..rng.usize(0..4) {
        let head = pick(rng, LIST_HEADS).to_string();
        let items: Vec<String> = (0..rng.usize(3..7)).map(|_| other(rng).title.clone()).collect();
        parts.push(Part::List(head, items));
    }
    let year = main.day.map_or(2015, |d| d.year());
    let footer = match rng.u8(..3) {
        0 => format!("جميع الحقوق محفوظة لـ{} © {year}", main.outlet_ar),
        1 => format!("© {year} {} - جميع الحقوق محفوظة", main.outlet_ar),
        _ => format!("الحقوق محفوظة © {}", main.outlet_ar),
    };
    parts.push(Part::Line("furniture", footer));
    if rng.bool() {
        parts.push(Part::Line("furniture", "سياسة الخصوصية | شروط الاستخدام | اتصل بنا".to_string()));
    }
    Page { parts, articles, date_shown, titled }
}

fn render_dump(parts: &[Part], rng: &mut Rng) -> (String, Vec<String>) {
    use std::fmt::Write as _;
    let mut text = String::new();
    let mut labels = Vec::new();
    // Some scrapers separate every line by a blank line, some nothing at all.
    let airy = rng.u8(..3) == 0;
    for part in parts {
        match part {
            Part::Line(label, line) => {
                let _ = writeln!(text, "{line}");
                if airy {
                    text.push('\n');
                }
                labels.push(label.to_string());
            }
            Part::List(heading, items) => {
                let _ = writeln!(text, "{heading}");
                labels.push("heading".into());
                for it in items {
                    let _ = writeln!(text, "{it}");
                    labels.push("headline".into());
                }
                if airy {
                    text.push('\n');
                }
            }
        }
    }
    (text, labels)
}

/// The page as a Gulf newspaper's CMS lays it out: divs with classes, the body in one block of
/// paragraphs, furniture in side boxes.
fn render_html(parts: &[Part], main: &Story, meta: Option<NaiveDate>, titled: bool, rng: &mut Rng) -> String {
    use std::fmt::Write as _;
    let mut h = String::new();
    let head_title = if titled { format!("{} | {}", main.title, main.outlet_ar) } else { main.outlet_ar.clone() };
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"ar\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n<title>{}</title>",
        esc(&head_title)
    );
    if let Some(d) = meta {
        let _ = writeln!(h, "<meta name=\"pubdate\" content=\"{}\">", d.format("%Y-%m-%d"));
    }
    // Most CMSs print the canonical address, many the site name; a few neither.
    if rng.u8(..10) < 7 {
        let _ =
            writeln!(h, "<link rel=\"canonical\" href=\"https://www.{}/news/{}\">", main.host, rng.u32(1000..999_999));
    }
    if rng.bool() {
        let _ = writeln!(h, "<meta property=\"og:site_name\" content=\"{}\">", esc(&main.outlet_ar));
    }
    let _ = writeln!(h, "</head><body><div id=\"wrap\">");
    let last_body = parts.iter().rposition(|p| matches!(p, Part::Line("body", _))).unwrap_or(0);
    let mut open = false;
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::Line("furniture", l) if !open && (l.contains(" | ") || l.contains(" - ")) => {
                h.push_str("<div class=\"menu\">");
                let sep = if l.contains(" | ") { " | " } else { " - " };
                for item in l.split(sep) {
                    let _ = write!(h, "<a href=\"/s/{}\">{}</a> ", esc(item), esc(item));
                }
                h.push_str("</div>\n");
            }
            Part::Line("title", t) if !open => {
                open = true;
                let _ = writeln!(h, "<div class=\"news-details\">\n<h1 class=\"news-title\">{}</h1>", esc(t));
            }
            Part::Line("byline", b) => {
                let _ = writeln!(h, "<div class=\"writer\">{}</div>", esc(b));
            }
            Part::Line("date", d) => {
                let _ = writeln!(h, "<span class=\"news-date\">{}</span>", esc(d));
            }
            Part::Line("body", p) => {
                if !open {
                    open = true;
                    h.push_str("<div class=\"news-details\">\n");
                }
                let _ = writeln!(h, "<p>{}</p>", esc(p));
            }
            Part::Line("heading", m) => {
                let _ = writeln!(h, "<div class=\"more\"><strong>{}</strong></div>", esc(m));
            }
            Part::Line("title", t) => {
                let _ = writeln!(h, "<h2>{}</h2>", esc(t));
            }
            Part::Line("breadcrumb", b) => {
                let _ = writeln!(h, "<div class=\"path\">{}</div>", esc(b));
            }
            Part::Line("outlet", _) => {}
            Part::Line(_, l) if l.starts_with('(') || l.contains("تصوير") || l.contains("عدسة") || l == "من الموقع" =>
            {
                let _ =
                    writeln!(h, "<div class=\"photo\"><img src=\"/img/1.jpg\" alt=\"\"><span>{}</span></div>", esc(l));
            }
            Part::Line(_, l) => {
                let _ = writeln!(h, "<div class=\"tools\">{}</div>", esc(l));
            }
            Part::List(head, items) => {
                let _ = write!(h, "<div class=\"box\"><h4>{}</h4><ul>", esc(head));
                for it in items {
                    let _ = write!(h, "<li><a href=\"/n/1\">{}</a></li>", esc(it));
                }
                h.push_str("</ul></div>\n");
            }
        }
        if open && i == last_body {
            h.push_str("</div>\n");
            open = false;
        }
    }
    let _ = writeln!(h, "<div class=\"footer\">{}</div></div></body></html>", esc(&main.outlet_ar));
    h
}
