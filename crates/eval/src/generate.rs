//! The dev-gold generator: wraps real articles (from a TREC corpus such as ANT) in the furniture
//! real Arabic news pages carry, drawn from other articles of the same outlet — headline lists
//! under varied headings, truncated headlines, "read also" with a whole second article, teasers
//! dropped mid-article (glued to their lead or on their own line), attribution and dateline lines,
//! dates in every regional and calendar form, navigation and footers — as plain-text dumps and as
//! HTML. The wrapped articles are the gold. Wording, order and presence of every part vary per page
//! so that no single template can be learned.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use fastrand::Rng;
use serde::{Deserialize, Serialize};

use marsad_extract::model::Article;
use marsad_extract::trec;

/// The gold for one generated page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldPage {
    /// `dump` or `html`.
    pub format: String,
    /// Outlet id.
    pub outlet: String,
    /// The date the page prints (local), when it prints one.
    pub date: Option<String>,
    /// The articles, main first.
    pub articles: Vec<GoldArticle>,
    /// For dumps: the label of every non-blank line, in order.
    #[serde(default)]
    pub lines: Vec<String>,
}

/// One gold article.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldArticle {
    /// Headline.
    pub title: String,
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
}

/// A corpus article usable as material.
struct Doc {
    title: String,
    paragraphs: Vec<String>,
    outlet_id: String,
    outlet_ar: String,
    published: Option<DateTime<FixedOffset>>,
}

/// Loads usable articles (headline and at least three paragraphs) from TREC files under `dir`.
fn load(dir: &Path, max_files: usize, rng: &mut Rng) -> std::io::Result<Vec<Doc>> {
    let mut files = Vec::new();
    collect_files(dir, &mut files)?;
    files.sort();
    rng.shuffle(&mut files);
    let mut docs = Vec::new();
    for f in files.into_iter().take(max_files) {
        let Ok(text) = std::fs::read_to_string(&f) else { continue };
        for a in trec::parse(&text).into_iter().flatten() {
            if let Some(d) = to_doc(a) {
                docs.push(d);
            }
        }
    }
    Ok(docs)
}

fn collect_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            collect_files(&p, out)?;
        } else if p.file_name().is_some_and(|n| n != "README.md") {
            out.push(p);
        }
    }
    Ok(())
}

fn to_doc(a: Article) -> Option<Doc> {
    let paragraphs: Vec<String> = a
        .paragraphs
        .into_iter()
        .map(|p| marsad_text::squash_whitespace(&p))
        .filter(|p| p.split_whitespace().count() >= 6)
        .collect();
    if a.title.is_empty() || paragraphs.len() < 3 || a.title.split_whitespace().count() < 3 {
        return None;
    }
    let outlet = a.outlet?;
    let published = a.published.map(|d| d.fixed_offset());
    Some(Doc {
        title: marsad_text::squash_whitespace(&a.title),
        paragraphs: paragraphs.into_iter().take(14).collect(),
        outlet_ar: outlet.name_ar.clone().unwrap_or_else(|| outlet.id.clone()),
        outlet_id: outlet.id,
        published,
    })
}

/// One item of `items`, at random.
pub(crate) fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

#[rustfmt::skip]
const LIST_HEADINGS: &[&str] = &[
    "أخبار ذات صلة", "اخر الاخبار", "آخر الأخبار", "الأكثر قراءة", "الأخبار الأكثر قراءة", "مقالات مشابهة",
    "قد يهمك ايضا:", "قد يهمك أيضاً", "اخترنا لك", "الأكثر مشاهدة", "أخبار متعلقة", "مواضيع ذات صلة",
    // Wordings marsad has no list for: structure alone must tell.
    "لا تفوتك", "من نفس التصنيف", "تغطيات خاصة", "ملفات ساخنة", "مواضيع قد تعجبك", "في الواجهة", "أبرز العناوين",
];
const SECTION_HEADINGS: &[&str] =
    &["رياضة", "فن وموسيقى", "صحة وتغذية", "أخبار النجوم", "اقتصاد", "تكنولوجيا", "منوعات"];
const READ_ALSO: &[&str] = &["إقرأ أيضاً:", "اقرأ أيضا", "اقرأ أيضاً:", "شاهد أيضا:", "اقرأ كذلك"];
const AGENCIES: &[&str] = &["رويترز", "فرانس برس", "الأناضول", "سبوتنيك", "وكالات", "أ ف ب", "د ب أ", "شينخوا"];
#[rustfmt::skip]
const CITIES: &[&str] = &[
    "القاهرة", "بيروت", "دمشق", "بغداد", "الرياض", "دبي", "الدوحة", "عمان", "الرباط", "تونس", "الجزائر", "صنعاء",
    "الخرطوم", "طرابلس", "واشنطن", "موسكو", "لندن", "باريس", "سول", "طهران", "أنقرة", "القدس", "غزة", "جنيف",
];
const EGYPT: [&str; 12] =
    ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
const LEVANT: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];
const MAGHREB: [&str; 12] =
    ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
#[rustfmt::skip]
const HIJRI: [&str; 12] = ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"];
const DAYS: [&str; 7] = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"];

fn indic(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { char::from_u32('٠' as u32 + (c as u32 - '0' as u32)).unwrap_or(c) } else { c })
        .collect()
}

/// The Umm al-Qura date of `d`: (year, month, day).
pub(crate) fn to_hijri(d: chrono::NaiveDate) -> Option<(i32, u8, u8)> {
    use icu_calendar::Date;
    use icu_calendar::cal::Hijri;
    let g = Date::try_new_iso(d.year(), d.month() as u8, d.day() as u8).ok()?;
    let h = g.to_calendar(Hijri::new_umm_al_qura());
    Some((h.year().extended_year(), h.month().ordinal, h.day_of_month().0))
}

/// A date as a page prints it, in a random regional or calendar form.
fn date_text(rng: &mut Rng, t: DateTime<FixedOffset>) -> String {
    let d = t.date_naive();
    let (day, m, y) = (d.day(), d.month0() as usize, d.year());
    let wd = DAYS[d.weekday().num_days_from_monday() as usize];
    let time = format!("{:02}:{:02}", t.hour(), t.minute());
    let s = match rng.u8(..8) {
        0 => format!("{wd} {day} {} {y}", EGYPT[m]),
        1 => format!("{day} {} {y} - {time}", LEVANT[m]),
        2 => format!("نشر في: {:02}/{:02}/{y}", day, m + 1),
        3 => format!("آخر تحديث: {day} {} {y}", MAGHREB[m]),
        4 => format!("{wd}، {day} {}/{} {y}", EGYPT[m], LEVANT[m]),
        5 => match to_hijri(d) {
            Some((hy, hm, hd)) => format!("{wd} {hd} {} {hy} هـ", HIJRI[hm as usize - 1]),
            None => format!("{day} {} {y}", EGYPT[m]),
        },
        6 => format!("{y}-{:02}-{:02} {time}", m + 1, day),
        _ => format!("{wd} {day} {} {y} {time}", EGYPT[m]),
    };
    if rng.u8(..4) == 0 { indic(&s) } else { s }
}

/// The date as HTML metadata carries it: ISO with the page's offset, or a display form.
fn meta_date(rng: &mut Rng, t: DateTime<FixedOffset>) -> String {
    match rng.u8(..4) {
        0 | 1 => t.to_rfc3339(),
        2 => {
            let d = t.date_naive();
            let ampm = if t.hour() >= 12 { "م" } else { "ص" };
            let h12 = if t.hour().is_multiple_of(12) { 12 } else { t.hour() % 12 };
            format!(
                "{}، {:02} {} {} - {h12:02}:{:02} {ampm}",
                DAYS[d.weekday().num_days_from_monday() as usize],
                d.day(),
                EGYPT[d.month0() as usize],
                d.year(),
                t.minute()
            )
        }
        _ => indic(&format!("{} / {} / {}", t.day(), t.month(), t.year())),
    }
}

fn first_sentence(p: &str) -> String {
    let end = p
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '؟' | '!') && p[i + c.len_utf8()..].starts_with(' '))
        .map(|(i, c)| i + c.len_utf8());
    p[..end.unwrap_or(p.len())].to_string()
}

fn truncate_headline(rng: &mut Rng, h: &str) -> String {
    let words: Vec<&str> = h.split_whitespace().collect();
    if words.len() <= 5 {
        return h.to_string();
    }
    let keep = rng.usize(4..words.len());
    format!("{}…", words[..keep].join(" "))
}

/// One part of a generated page, in order.
enum Part {
    Line(&'static str, String),
    /// A heading with its headlines.
    List(String, Vec<String>),
}

/// Writes `pages` gold pages (half dumps, half HTML) built from the TREC corpus under `corpus`
/// into `out`: `NNNN.txt` or `NNNN.html`, each beside `NNNN.gold.json`. Deterministic for a seed.
pub fn generate(corpus: &Path, out: &Path, pages: usize, seed: u64) -> std::io::Result<usize> {
    // A JSON Lines file is a newspaper corpus (SaudiNewsNet's fields): the Gulf-press family.
    let name = corpus.to_string_lossy();
    if corpus.is_file() && (name.ends_with(".jsonl") || name.ends_with(".jsonl.gz")) {
        return super::gulf::generate(corpus, out, pages, seed);
    }
    let mut rng = Rng::with_seed(seed);
    let docs = load(corpus, (pages * 12).max(2000), &mut rng)?;
    if docs.len() < 50 {
        return Err(std::io::Error::other(format!(
            "{} has too few usable articles ({})",
            corpus.display(),
            docs.len()
        )));
    }
    std::fs::create_dir_all(out)?;
    let mut by_outlet: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, d) in docs.iter().enumerate() {
        by_outlet.entry(&d.outlet_id).or_default().push(i);
    }
    for n in 0..pages {
        let main = &docs[rng.usize(..docs.len())];
        let same: &[usize] = &by_outlet[main.outlet_id.as_str()];
        let other = |rng: &mut Rng| &docs[same[rng.usize(..same.len())]];
        let html = n % 2 == 1;
        let offset = FixedOffset::east_opt(3600 * i32::from(*pick(&mut rng, &[0u8, 2, 3, 4]))).expect("valid offset");
        let local = main.published.map(|t| t.with_timezone(&offset));

        let mut parts: Vec<Part> = Vec::new();
        // Navigation is the same on every page of an outlet, as on real sites.
        let mut outlet_rng =
            Rng::with_seed(seed ^ main.outlet_id.bytes().fold(0u64, |h, b| h.wrapping_mul(31) ^ u64::from(b)));
        let nav = ["الرئيسية", "العالم", "الشرق الأوسط", "اقتصاد", "رياضة", "تكنولوجيا", "ثقافة", "فيديو", "صور"];
        let nav_line: Vec<&str> = nav.iter().filter(|_| outlet_rng.bool()).copied().collect();
        let footer = format!(
            "{} © {} — {}",
            *pick(&mut outlet_rng, &["جميع الحقوق محفوظة", "كل الحقوق محفوظة لـ", "حقوق النشر"]),
            2018,
            main.outlet_ar
        );
        if rng.u8(..2) == 0 && nav_line.len() >= 3 {
            parts.push(Part::Line("furniture", nav_line.join(" | ")));
        }
        if rng.u8(..5) == 0 {
            let top: Vec<String> = (0..rng.usize(3..6)).map(|_| other(&mut rng).title.clone()).collect();
            parts.push(Part::List(pick(&mut rng, LIST_HEADINGS).to_string(), top));
        }
        if rng.u8(..5) < 2 {
            parts.push(Part::Line("outlet", main.outlet_ar.clone()));
        }
        if rng.u8(..5) < 3 {
            let sec = *pick(&mut rng, &["العالم", "الشرق الأوسط", "أخبار", "سياسة", "حدث", "عربي ودولي"]);
            let crumb = match rng.u8(..3) {
                0 => format!("الرئيسية » {sec}"),
                1 => format!("الرئيسية > {sec}"),
                _ => format!("الصفحة الرئيسية » أخبار » {sec}"),
            };
            parts.push(Part::Line("breadcrumb", crumb));
        }
        let date_first = rng.bool();
        let shows_date = local.is_some() && rng.u8(..5) < 3;
        let date_line = local.map(|t| date_text(&mut rng, t));
        if shows_date && date_first {
            parts.push(Part::Line("date", date_line.clone().expect("checked")));
        }
        parts.push(Part::Line("title", main.title.clone()));
        if shows_date && !date_first {
            parts.push(Part::Line("date", date_line.clone().expect("checked")));
        }
        if rng.u8(..5) < 2 {
            let src = if rng.bool() { main.outlet_ar.clone() } else { pick(&mut rng, AGENCIES).to_string() };
            parts.push(Part::Line("dateline", format!("{} - {src}", pick(&mut rng, CITIES))));
        }
        // Body, with an optional teaser and an optional mid-article "read also".
        let teaser_at =
            (rng.u8(..10) < 3 && main.paragraphs.len() >= 4).then(|| rng.usize(1..main.paragraphs.len() - 1));
        let read_at = (rng.u8(..10) < 2 && main.paragraphs.len() >= 4).then(|| rng.usize(1..main.paragraphs.len() - 1));
        for (i, p) in main.paragraphs.iter().enumerate() {
            if Some(i) == teaser_at {
                let t = other(&mut rng);
                let lead = first_sentence(&t.paragraphs[0]);
                if rng.bool() {
                    parts.push(Part::Line("teaser", format!("{} {}", t.title, lead)));
                } else {
                    parts.push(Part::Line("teaser", t.title.clone()));
                    parts.push(Part::Line("teaser", lead));
                }
            }
            if Some(i) == read_at && Some(i) != teaser_at {
                let items: Vec<String> = (0..rng.usize(1..3)).map(|_| other(&mut rng).title.clone()).collect();
                parts.push(Part::List(pick(&mut rng, READ_ALSO).to_string(), items));
            }
            parts.push(Part::Line("body", p.clone()));
        }
        if rng.u8(..5) < 2 {
            parts.push(Part::Line("attribution", format!("المصدر: {}", pick(&mut rng, AGENCIES))));
            if rng.bool() {
                parts.push(Part::Line("attribution", format!("المصدر: {}", main.outlet_ar)));
            }
        }
        let mut gold_articles = vec![GoldArticle { title: main.title.clone(), paragraphs: main.paragraphs.clone() }];
        if rng.u8(..4) == 0 {
            let e = other(&mut rng);
            if e.title != main.title {
                parts.push(Part::Line("heading", pick(&mut rng, READ_ALSO).to_string()));
                parts.push(Part::Line("title", e.title.clone()));
                let paras: Vec<String> = e.paragraphs.iter().take(rng.usize(3..7)).cloned().collect();
                for p in &paras {
                    parts.push(Part::Line("body", p.clone()));
                }
                gold_articles.push(GoldArticle { title: e.title.clone(), paragraphs: paras });
            }
        }
        for _ in 0..rng.usize(0..5) {
            let heading =
                if rng.u8(..3) == 0 { pick(&mut rng, SECTION_HEADINGS) } else { pick(&mut rng, LIST_HEADINGS) }
                    .to_string();
            let items: Vec<String> = (0..rng.usize(3..7))
                .map(|_| {
                    let t = other(&mut rng).title.clone();
                    if rng.u8(..10) < 3 { truncate_headline(&mut rng, &t) } else { t }
                })
                .collect();
            parts.push(Part::List(heading, items));
        }
        if rng.bool() {
            let host = match main.outlet_id.as_str() {
                "bbc-arabic" => "bbc.com",
                "cnn-arabic" => "arabic.cnn.com",
                "alarabiya" => "alarabiya.net",
                "france24-arabic" => "france24.com",
                _ => "skynewsarabia.com",
            };
            parts.push(Part::Line("furniture", format!("View on {host}")));
        }
        if rng.bool() {
            parts.push(Part::Line(
                "furniture",
                pick(&mut rng, &["شارك على فيسبوك", "تابعونا على تويتر", "اشترك في النشرة البريدية"]).to_string(),
            ));
        }
        parts.push(Part::Line("furniture", footer));

        let date = if html || shows_date { local.map(|t| t.date_naive().to_string()) } else { None };
        let mut gold = GoldPage {
            format: if html { "html" } else { "dump" }.into(),
            outlet: main.outlet_id.clone(),
            date,
            articles: gold_articles,
            lines: vec![],
        };
        let name = format!("{n:04}");
        if html {
            let meta = local.filter(|_| rng.u8(..5) < 4).map(|t| meta_date(&mut rng, t));
            if meta.is_none() && !shows_date {
                gold.date = None;
            }
            std::fs::write(out.join(format!("{name}.html")), render_html(&parts, main, meta.as_deref(), &mut rng))?;
        } else {
            let (text, labels) = render_dump(&parts, &mut rng);
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

fn render_dump(parts: &[Part], rng: &mut Rng) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut labels = Vec::new();
    // Some pages separate every block by a blank line, some only paragraphs.
    let airy = rng.bool();
    for part in parts {
        match part {
            Part::Line(label, line) => {
                text.push_str(line);
                text.push('\n');
                if airy || *label == "body" {
                    text.push('\n');
                }
                labels.push(label.to_string());
            }
            Part::List(heading, items) => {
                let _ = writeln!(text, "{heading}\n");
                labels.push("heading".into());
                let bullets = rng.u8(..4) == 0;
                for it in items {
                    let _ = writeln!(text, "{}{it}", if bullets { "  • " } else { "" });
                    labels.push("headline".into());
                }
                text.push('\n');
            }
        }
    }
    (text, labels)
}

/// Text escaped for HTML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn render_html(parts: &[Part], main: &Doc, meta_date: Option<&str>, rng: &mut Rng) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} - {}</title>\n",
        esc(&main.title),
        esc(&main.outlet_ar)
    );
    let _ = writeln!(h, "<meta property=\"og:site_name\" content=\"{}\">", esc(&main.outlet_ar));
    if let Some(d) = meta_date {
        let prop = *pick(rng, &["article:published_time", "datePublished", "pubdate"]);
        let attr = if prop == "datePublished" { "itemprop" } else { "property" };
        let _ = writeln!(h, "<meta {attr}=\"{prop}\" content=\"{}\">", esc(d));
    }
    h.push_str("</head>\n<body>\n<header><div class=\"logo\">");
    h.push_str(&esc(&main.outlet_ar));
    h.push_str("</div></header>\n");
    let mut in_article = false;
    // Lists after the last paragraph sit outside the article, as on real pages.
    let last_body = parts.iter().rposition(|p| matches!(p, Part::Line("body", _))).unwrap_or(0);
    let mut i = 0;
    while i < parts.len() {
        if in_article && i > last_body {
            h.push_str("</article>\n</main>\n");
            in_article = false;
        }
        match &parts[i] {
            Part::Line("furniture", l) if l.contains(" | ") => {
                h.push_str("<nav><ul>");
                for item in l.split(" | ") {
                    let _ = write!(h, "<li><a href=\"/{}\">{}</a></li>", esc(item), esc(item));
                }
                h.push_str("</ul></nav>\n");
            }
            Part::Line("breadcrumb", l) => {
                let _ = writeln!(h, "<div class=\"breadcrumb\">{}</div>", esc(l));
            }
            Part::Line("outlet", _) => {}
            Part::Line("title", t) if !in_article => {
                in_article = true;
                let _ = writeln!(h, "<main>\n<article>\n<h1>{}</h1>", esc(t));
            }
            Part::Line("date", d) => {
                let _ = writeln!(h, "<div class=\"date\">{}</div>", esc(d));
            }
            Part::Line("dateline", d) => {
                let _ = writeln!(h, "<p class=\"dateline\"><strong>{}</strong></p>", esc(d));
            }
            Part::Line("teaser", t) => {
                if let Some(Part::Line("teaser", lead)) = parts.get(i + 1) {
                    let _ = writeln!(
                        h,
                        "<div class=\"teaser\"><h3><a href=\"/x\">{}</a></h3><p>{}</p></div>",
                        esc(t),
                        esc(lead)
                    );
                    i += 1;
                } else {
                    let _ = writeln!(h, "<p>{}</p>", esc(t));
                }
            }
            Part::Line("body", p) => {
                let _ = writeln!(h, "<p>{}</p>", esc(p));
            }
            Part::Line("attribution", a) => {
                let _ = writeln!(h, "<p class=\"source\">{}</p>", esc(a));
            }
            Part::Line("heading", r) => {
                // Read also: a whole second article.
                let _ = writeln!(h, "<section class=\"read-also\"><h3>{}</h3>", esc(r));
                if let Some(Part::Line("title", t)) = parts.get(i + 1) {
                    let _ = writeln!(h, "<h2>{}</h2>", esc(t));
                    i += 1;
                }
                while let Some(Part::Line("body", p)) = parts.get(i + 1) {
                    let _ = writeln!(h, "<p>{}</p>", esc(p));
                    i += 1;
                }
                h.push_str("</section>\n");
            }
            Part::List(heading, items) => {
                let tag = if in_article { "div" } else { "aside" };
                let _ = write!(h, "<{tag} class=\"list\"><h3>{}</h3><ul>", esc(heading));
                for it in items {
                    let _ = write!(h, "<li><a href=\"/a\">{}</a></li>", esc(it));
                }
                let _ = writeln!(h, "</ul></{tag}>");
            }
            Part::Line(_, l) => {
                let _ = writeln!(h, "<footer><p>{}</p></footer>", esc(l));
            }
        }
        i += 1;
    }
    if in_article {
        h.push_str("</article>\n</main>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}
