//! The walk's guarantees: it ends, advances and keeps within its budget.

use super::super::MAX_PAGE_BYTES;
use super::super::classify::classify;
use super::*;

/// Issue 9: a paragraph of 25 words or more ending in «…» after a short line (here a dateline)
/// made the list reader hand back its own position, and the walk never returned.
#[test]
fn long_truncated_paragraph_after_dateline_does_not_hang() {
    let long = "أعلنت وزارة الخارجية اليوم عن خطة جديدة لتعزيز التعاون الاقتصادي مع الدول المجاورة في \
                مجالات الطاقة والنقل والتجارة والاستثمار المشترك بين البلدين الشقيقين خلال السنوات المقبلة";
    assert!(word_count(long) >= 25);
    let page = format!(
        "قال مسؤولون في الحكومة إن المحادثات بين الطرفين ستستأنف الأسبوع المقبل في العاصمة بعد توقف طويل.\n\
         القاهرة - وكالات\n{long}…\n"
    );
    let lines = classify(&page, &|_| false);
    assert_eq!(lines[2].kind, Kind::Paragraph);
    assert!(lines[2].truncated);
    let walked = walk(&lines);
    assert_eq!(walked.labels, [Label::Body, Label::Other, Label::Other]);
    assert_eq!(walked.stopped_at, None);
    assert!(walked.work < WORK_FLOOR, "{} units for three lines", walked.work);
}

/// The same shape as a bulleted or headed list item, inside and after a body: every list
/// entry point must consume the line even when it is no item.
#[test]
fn stray_long_cut_paragraphs_anywhere_do_not_hang() {
    let para = "قال مسؤولون في الحكومة إن المحادثات بين الطرفين ستستأنف الأسبوع المقبل في العاصمة بعد توقف طويل.";
    let cut = format!("{}…", ["كلمة"; 30].join(" "));
    for page in [
        format!("{para}\n{cut}\n{cut}\n"),
        format!("{para}\nأخبار ذات صلة\n{cut}\n{para}\n"),
        format!("عنوان الخبر الرئيسي هنا\n{para}\nالمصدر: وكالات\n{cut}\nرياضة\n{cut}\n"),
        format!("{cut}\n{para}\n"),
    ] {
        let lines = classify(&page, &|_| false);
        let walked = walk(&lines);
        assert_eq!(walked.stopped_at, None, "{page}");
    }
}

#[test]
fn walk_that_spends_its_budget_keeps_what_it_labelled_and_says_where() {
    let para = "قال مسؤولون في الحكومة إن المحادثات بين الطرفين ستستأنف الأسبوع المقبل في العاصمة بعد توقف طويل.";
    let page = format!("عنوان الخبر الرئيسي هنا\n{}", format!("{para}\n").repeat(50));
    let lines = classify(&page, &|_| false);
    let full = walk(&lines);
    assert_eq!(full.stopped_at, None);
    let walked = walk_within(&lines, Budget { limit: full.work / 2, spent: 0 });
    let stop = walked.stopped_at.expect("stopped");
    assert!(stop > 1 && stop < lines.len(), "{stop}");
    assert_eq!(walked.labels[0], Label::Title);
    assert_eq!(walked.articles[0].paragraphs.len(), stop - 1, "the paragraphs before the stop are kept");
    assert!(walked.labels[stop + 1..].iter().all(|l| *l == Label::Other));
}

#[test]
fn taken_is_never_zero() {
    assert_eq!(Taken::span(3, 3), None);
    assert_eq!(Taken::span(5, 3), None);
    assert_eq!(Taken::span(3, 5).map(Taken::get), Some(2));
    assert_eq!(Taken::through(3, 3).get(), 1);
}

/// Review of issue 9: inside a body, the lists of an interruption were read past its end (in the
/// relaxed reading, cut lines of 10–24 words are list items), so every interruption re-read the
/// rest of the page — quadratic work that the budget then cut short on long pages. Lists end with
/// their interruption now, and the work per line stays flat.
#[test]
fn interruption_lists_end_with_the_interruption() {
    let lead = "أعلنت الحكومة اليوم خطة جديدة لدعم المزارعين في المناطق الريفية المتضررة";
    let group =
        "عنوان قصير هنا\nعنوان آخر هنا\nالحكومة تقر خطة جديدة لدعم المزارعين في المناطق الريفية المتضررة من الجفاف…\n";
    let page = format!("{lead}\n{}", group.repeat(300));
    let lines = classify(&page, &|_| false);
    let walked = walk(&lines);
    assert_eq!(walked.stopped_at, None, "{} units for {} lines", walked.work, lines.len());
    assert!(walked.work < 8 * lines.len(), "{} units for {} lines", walked.work, lines.len());
}

#[test]
fn page_head_keeps_a_line_that_ends_exactly_at_the_limit() {
    let first = "ا".repeat(MAX_PAGE_BYTES / 4); // MAX_PAGE_BYTES / 2 bytes
    let second = "a".repeat(MAX_PAGE_BYTES / 2 - 1);
    let page = format!("{first}\n{second}\nبقية");
    assert_eq!(page.as_bytes()[MAX_PAGE_BYTES], b'\n');
    let (head, cut) = super::super::page_head(&page);
    assert_eq!(head.len(), MAX_PAGE_BYTES, "the second line is whole and kept");
    assert!(cut.is_some());
}
