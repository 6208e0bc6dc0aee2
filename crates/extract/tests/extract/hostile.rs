//! Hostile and mutated input: no panic, no hang, bounded work.
//!
//! Two deterministic mutation runs over our fixtures (a few thousand inputs in all, fast enough
//! for every CI run): byte-level damage through the whole byte path, and line-level recombination
//! of the shapes news pages are made of through the page walk — the run that would have found the
//! hang of issue 9. Each input must finish within the walk's work budget: an input that needs more
//! than [`WORK_PER_LINE`] units a line fails the run, however fast the machine is.

use marsad_extract::model::Cut;
use marsad_extract::page::{self, WORK_FLOOR, WORK_PER_LINE};

use super::*;

/// Lines of the shapes the walk tells apart: headlines, datelines, bylines, date lines,
/// breadcrumbs, headings, list items, cut headlines, attributions, furniture, captions, running
/// text (opening an article or carrying one on), and long lines cut with «…».
const SHAPES: &[&str] = &[
    "البنك المركزي يرفع سعر الفائدة",
    "القاهرة - وكالات",
    "سول - المغرب اليوم",
    "كتب: أحمد الربيعي",
    "كتب محمد السيد",
    "الثلاثاء، 10 يونيو 2025 02:30 م",
    "الرئيسية » اقتصاد",
    "أخبار ذات صلة",
    "اقرأ أيضا",
    "رياضة",
    "• الذهب يتراجع مع صعود الدولار",
    "- النفط يرتفع بعد قرار أوبك…",
    "النفط يرتفع بعد قرار أوبك…",
    "المصدر: وكالات",
    "(المصدر: سبوتنيك)",
    "شارك على فيسبوك",
    "جميع الحقوق محفوظة © 2025",
    "صورة أرشيفية",
    "اقرأ أيضاً: العراق يعلن خطة طوارئ",
    "سام برس",
    "رفع البنك المركزي سعر الفائدة الرئيسي بمقدار نصف نقطة مئوية في اجتماعه اليوم.",
    "وقال محافظ البنك في مؤتمر صحفي إن القرار يهدف إلى كبح التضخم الذي تجاوز التوقعات.",
    "أعلنت وزارة الخارجية اليوم عن خطة جديدة لتعزيز التعاون الاقتصادي مع الدول المجاورة في مجالات الطاقة \
     والنقل والتجارة والاستثمار المشترك بين البلدين الشقيقين خلال السنوات المقبلة…",
    "أعلنت وزارة الخارجية اليوم عن خطة جديدة لتعزيز التعاون الاقتصادي مع الدول المجاورة في مجالات الطاقة \
     والنقل والتجارة والاستثمار المشترك بين البلدين الشقيقين خلال السنوات المقبلة وما بعدها",
    "الحكومة تقر خطة جديدة لدعم المزارعين في المناطق الريفية المتضررة من موجة الجفاف الأخيرة…",
    "هل تنجح الحكومة في كبح التضخم؟",
    "وأضاف الوزير:",
    "",
];

/// A page made of `n` lines drawn from the shapes above and from a fixture's own lines.
fn recombined(rng: &mut fastrand::Rng, fixture_lines: &[&str], n: usize) -> String {
    let mut page = String::new();
    for _ in 0..n {
        let line = if rng.u8(..3) == 0 && !fixture_lines.is_empty() {
            fixture_lines[rng.usize(..fixture_lines.len())]
        } else {
            SHAPES[rng.usize(..SHAPES.len())]
        };
        page.push_str(line);
        page.push('\n');
    }
    page
}

fn assert_within_budget(page: &str, analysis: &page::Analysis) {
    assert!(
        !analysis.cuts.iter().any(|c| matches!(c, Cut::WorkBudget { .. })),
        "the walk spent its budget ({} units) on this page:\n{page}",
        analysis.work
    );
}

/// Line-level recombination through the page walk, and the same pages as HTML through
/// trafilatura and the walk. Reports the most work per line seen (the figure behind
/// [`WORK_PER_LINE`]).
#[test]
fn recombined_pages_finish_within_the_work_budget() {
    let mut rng = fastrand::Rng::with_seed(9);
    let texts: Vec<String> = ["dump_page.txt", "dump_two_articles.txt", "dump_unregistered_outlet.txt"]
        .iter()
        .map(|f| String::from_utf8(fixture(f)).unwrap())
        .collect();
    let fixture_lines: Vec<&str> = texts.iter().flat_map(|t| t.lines()).collect();
    let mut worst = 0f64;
    for round in 0..3000 {
        let n = rng.usize(1..40);
        let page = recombined(&mut rng, &fixture_lines, n);
        let analysis = page::analyse(&page, &|l| l.len() % 5 == 0);
        assert_within_budget(&page, &analysis);
        let lines = analysis.blocks.len().max(1);
        worst = worst.max(analysis.work as f64 / lines as f64);
        assert!(analysis.work <= WORK_FLOOR + WORK_PER_LINE * lines);
        if round % 10 == 0 {
            let html: String = page.lines().map(|l| format!("<p>{l}</p>\n")).collect();
            let html = format!("<html><body><article>{html}</article></body></html>");
            for a in marsad_extract::html::parse(html.as_bytes(), &Default::default()).records.iter().flatten() {
                assert!(!a.cuts.iter().any(|c| matches!(c, Cut::WorkBudget { .. })), "{html}");
            }
        }
    }
    // Long pages, half of them without a line that ends a sentence (the relaxed reading, where
    // cut lines of 10–24 words are list items): the work per line must not grow with the page.
    let unpunctuated: Vec<&str> = SHAPES
        .iter()
        .copied()
        .filter(|l| !l.trim_end().ends_with(['.', '؟', '?', '!', ':']) && l.split_whitespace().count() < 25)
        .collect();
    for round in 0..40 {
        let n = rng.usize(500..2000);
        let page = if round % 2 == 0 {
            recombined(&mut rng, &fixture_lines, n)
        } else {
            (0..n).map(|_| format!("{}\n", unpunctuated[rng.usize(..unpunctuated.len())])).collect()
        };
        let analysis = page::analyse(&page, &|l| l.len() % 5 == 0);
        assert_within_budget(&page, &analysis);
        let lines = analysis.blocks.len().max(1);
        worst = worst.max(analysis.work as f64 / lines as f64);
    }
    eprintln!("most work per line over 3,040 recombined pages: {worst:.1} units (budget {WORK_PER_LINE})");
}

/// Deterministic mutations of real-shaped pages — byte flips, cuts, duplicated and shuffled
/// lines, injected markup and control characters — through the whole byte path: never a panic,
/// never a walk that needs more than its budget.
#[test]
fn mutated_pages_never_panic() {
    let mut rng = fastrand::Rng::with_seed(42);
    let pages: Vec<Vec<u8>> =
        ["dump_page.txt", "dump_two_articles.txt", "page_utf8.html", "trec_two.txt", "articles.jsonl"]
            .iter()
            .map(|f| fixture(f))
            .collect();
    for round in 0..1500 {
        let mut page = pages[round % pages.len()].clone();
        match rng.u8(..6) {
            0 => {
                for _ in 0..rng.usize(1..20) {
                    let i = rng.usize(..page.len());
                    page[i] = rng.u8(..);
                }
            }
            1 => page.truncate(rng.usize(..page.len())),
            2 => {
                let text = String::from_utf8_lossy(&page).into_owned();
                let mut lines: Vec<&str> = text.lines().collect();
                rng.shuffle(&mut lines);
                page = lines.join("\n").into_bytes();
            }
            3 => {
                let i = rng.usize(..page.len());
                let end = (i + rng.usize(..200)).min(page.len());
                let chunk = page[i..end].to_vec();
                page.splice(i..i, chunk.iter().cycle().take(chunk.len() * 5).copied());
            }
            4 => {
                let junk: &[u8] = [
                    "<div><p>".as_bytes(),
                    "\u{200f}\u{202e}".as_bytes(),
                    "«»…".as_bytes(),
                    b"\x00\x01",
                    "المصدر:".as_bytes(),
                ][rng.usize(..5)];
                let i = rng.usize(..page.len());
                page.splice(i..i, junk.iter().copied());
            }
            _ => page.reverse(),
        }
        for a in marsad_extract::extract_bytes(&page).records.iter().flatten() {
            assert!(!a.cuts.iter().any(|c| matches!(c, Cut::WorkBudget { .. })), "round {round}");
        }
    }
}

/// Issue 9: three lines — a sentence, «القاهرة - وكالات», a 27-word sentence cut with «…» — hung
/// `extract`, `ingest` and `marsad run`; as HTML too.
#[test]
fn cut_long_paragraph_after_a_dateline_does_not_hang() {
    let cut = SHAPES[22];
    assert!(cut.ends_with('…') && cut.split_whitespace().count() >= 25);
    let page = format!("{}\nالقاهرة - وكالات\n{cut}\n", SHAPES[20]);
    // On a thread, so that a hang fails the test instead of stalling the run.
    let (tx, rx) = std::sync::mpsc::channel();
    let bytes = page.clone().into_bytes();
    std::thread::spawn(move || tx.send(marsad_extract::extract_bytes(&bytes).records.len()));
    assert_eq!(rx.recv_timeout(std::time::Duration::from_secs(60)), Ok(1), "the walk did not return");
    let a = only_article(page.as_bytes());
    assert_eq!(a.paragraphs.len(), 1);
    assert!(a.cuts.is_empty());
    let html =
        format!("<html><body><article><p>{}</p><p>القاهرة - وكالات</p><p>{cut}</p></article></body></html>", SHAPES[20]);
    let _ = marsad_extract::html::parse(html.as_bytes(), &Default::default());
}

/// Issue 9: a 60 MB single-line file became one article with a 34.8M-character body that the
/// reader could not show. Only the page's head is read, the body is capped, and both cuts are
/// recorded on the article.
#[test]
fn huge_single_line_page_is_cut_and_says_so() {
    let line = "كلمة ".repeat(6_000_000); // 60 MB, one line
    let a = only_article(line.as_bytes());
    let chars: usize = a.paragraphs.iter().map(|p| p.chars().count()).sum();
    assert!(chars <= marsad_extract::MAX_BODY_CHARS, "{chars}");
    assert!(a.cuts.iter().any(|c| matches!(c, Cut::Page { total_bytes, .. } if *total_bytes + 8 >= line.len())));
    assert!(a.cuts.iter().any(|c| matches!(c, Cut::Body { kept_chars, .. } if *kept_chars == chars)));
    assert!(a.title.chars().count() < 200);
}

/// Issue 9: RIGHT-TO-LEFT OVERRIDE and other bidi controls stayed in titles and could reverse
/// the line they were shown on.
#[test]
fn bidi_overrides_are_removed_from_titles_and_bodies() {
    let page = "\u{202E}البنك المركزي يرفع سعر الفائدة\u{202C}\n\
                رفع البنك المركزي سعر الفائدة الرئيسي \u{2067}بمقدار\u{2069} نصف نقطة مئوية في اجتماعه اليوم.\n";
    let a = only_article(page.as_bytes());
    assert_eq!(a.title, "البنك المركزي يرفع سعر الفائدة");
    assert!(!a.body().contains(marsad_text::is_bidi_control), "{:?}", a.body());
    let json = "{\"title\":\"\u{202E}txt.exe\",\"text\":\"نص الخبر الكامل هنا وهو طويل بما يكفي ليكون مقالا.\",\"url\":\"https://example.org/a\"}\n";
    let a = only_article(json.as_bytes());
    assert_eq!(a.title, "txt.exe");
    let json = "{\"title\":\"خبر\",\"text\":\"نص الخبر الكامل هنا وهو طويل بما يكفي ليكون مقالا.\",\"author\":\"\u{202E}أحمد\",\"section\":\"\u{2066}رياضة\"}\n";
    let a = only_article(json.as_bytes());
    assert_eq!((a.author.as_deref(), a.section_label.as_deref()), (Some("أحمد"), Some("رياضة")));
    let page = "الرئيسية » اقتصاد\nالبنك المركزي يرفع سعر الفائدة\n\
                رفع البنك المركزي سعر الفائدة الرئيسي بمقدار نصف نقطة مئوية في اجتماعه اليوم.\n\
                أخبار ذات صلة\n\u{202E}الذهب يتراجع مع صعود الدولار\nالنفط يرتفع بعد قرار أوبك\n";
    let a = only_article(page.as_bytes());
    let items: Vec<&str> = a.related.iter().flat_map(|l| l.items.iter().map(|h| h.text.as_str())).collect();
    assert!(items.contains(&"الذهب يتراجع مع صعود الدولار"), "{items:?}");
}
