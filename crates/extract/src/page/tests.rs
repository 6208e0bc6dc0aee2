//! The page algorithm end to end: labels, assembly, bylines, captions, glued teasers.

use super::classify::{bare_byline, byline, inline_read_also, is_caption, is_furniture_line};
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

#[test]
fn counters_share_links_and_text_size_buttons_are_furniture() {
    for l in [
        "57 تعليق",
        "(1,204) مشاهدة",
        "١٢ تعليقا",
        "320 views",
        "نسخ الرابط",
        "رابط مختصر: example.com/n/1",
        "A A A",
        "أ أ أ",
        "A+ A-",
    ] {
        assert!(is_furniture_line(l), "{l}");
    }
    for l in ["57 قتيلا في انفجار", "تعليق الدراسة في المدارس", "A380 تهبط في جدة"]
    {
        assert!(!is_furniture_line(l), "{l}");
    }
}

#[test]
fn button_words_open_headlines_too() {
    for l in ["شارك", "إعلان", "إعلان: مساحة للبيع", "دخول | تسجيل جديد", "مساحة إعلانية"]
    {
        assert!(is_furniture_line(l), "{l}");
    }
    for l in
        ["إعلان الحرب على الفساد.. بلا هوادة", "شارك 500 طالب في ملتقى الموهوبين", "دخول 300 شاحنة مساعدات إلى المدينة"]
    {
        assert!(!is_furniture_line(l), "{l}");
    }
}

#[test]
fn a_view_or_a_shot_is_a_caption() {
    for caption in ["منظر بانورامي للمستشفى", "لقطة من المباراة"] {
        assert!(is_caption(caption), "{caption}");
    }
}

#[test]
fn a_picture_from_an_event_is_a_caption() {
    for caption in ["من جولة وزارة التجارة والصناعة", "من معسكر الفريق", "من الحفل"]
    {
        assert!(is_caption(caption), "{caption}");
    }
    assert!(!is_caption("من يحكم المدينة بعد الانتخابات"));
}
