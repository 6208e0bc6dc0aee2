//! Every input format, from fixtures we composed.

use super::*;

#[test]
fn page_dump() {
    let a = only_article(&fixture("dump_page.txt"));
    assert_eq!(a.format, Format::Dump);
    assert_eq!(a.title, "البنك المركزي يرفع سعر الفائدة للمرة الثالثة هذا العام");
    assert_eq!(a.paragraphs.len(), 3);
    assert!(a.paragraphs[0].starts_with("رفع البنك المركزي"));
    let body = a.body();
    for furniture in ["أخبار ذات صلة", "الذهب", "المنتخب", "View on", "المصدر"] {
        assert!(!body.contains(furniture), "{furniture} leaked into the body");
    }
    assert_eq!(a.section.as_deref(), Some("economy"));
    assert_eq!(a.section_label.as_deref(), Some("اقتصاد"));
    assert_eq!(a.outlet.as_ref().unwrap().id, "example-news.net");
    assert_eq!(a.language.as_deref(), Some("ar"));
}

/// An outlet marsad has not registered: its name comes from the copyright line, the section
/// from the breadcrumb's «أخبار عربية» (its last crumb is a country), the reporter from the
/// dateline, and the attribution keeps its own closing bracket.
#[test]
fn dump_of_an_unregistered_outlet() {
    let a = only_article(&fixture("dump_unregistered_outlet.txt"));
    assert_eq!(a.title, "الخرطوم تعلن هدنة إنسانية جديدة لمدة أسبوع");
    assert_eq!(a.paragraphs.len(), 4);
    let outlet = a.outlet.as_ref().unwrap();
    assert_eq!(outlet.name_ar.as_deref(), Some("صحيفة النيلين"));
    assert_eq!((a.section.as_deref(), a.section_label.as_deref()), (Some("middle-east"), Some("السودان")));
    assert_eq!(a.author.as_deref(), Some("محمد عثمان"));
    assert_eq!(a.dateline.as_ref().unwrap().place_en.as_deref(), Some("Khartoum"));
    let attribution: Vec<&str> = a.attribution.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(attribution, ["وكالة السودان للأنباء (سونا)"]);
    assert_eq!(a.published.unwrap().to_rfc3339(), "2024-03-14T10:35:00+00:00");
    for furniture in ["أخبار ذات صلة", "الأكثر قراءة", "منتخب السودان", "جميع الحقوق"]
    {
        assert!(!a.body().contains(furniture), "{furniture} leaked into the body");
    }
}

/// A Levantine-style dump: a newsletter block whose menu runs into the headline, a byline and
/// two date lines (Arabic-Indic digits, كانون/تشرين months) before the body, and an inline
/// «اقرأ أيضاً: …» link inside it.
#[test]
fn dump_with_byline_and_inline_read_also() {
    let page = r#"تسجيل الدخول
اشترك الآن
النشرة البريدية
الرئيسية
محليات
عربي ودولي
اقتصاد
رياضة
منوعات
عربي ودولي
بغداد تستضيف قمة إقليمية حول المياه الشهر المقبل
كتب: أحمد الربيعي
نشر في: ٢٣ تشرين الأول ٢٠٢٥ - ١١:٢٠ م
آخر تحديث: ٢٤ تشرين الأول ٢٠٢٥
بغداد (رويترز) - أعلنت وزارة الخارجية العراقية أن بغداد ستستضيف قمة إقليمية حول الأمن المائي الشهر المقبل بمشاركة وزراء من تركيا وإيران وسوريا والأردن.
وقال المتحدث باسم الوزارة في بيان إن القمة ستبحث تقاسم مياه نهري دجلة والفرات وسبل مواجهة الجفاف الذي يضرب المنطقة منذ ثلاث سنوات.
اقرأ أيضاً: العراق يعلن خطة طوارئ لمواجهة شح المياه
وأضاف البيان أن رئيس الوزراء سيفتتح أعمال القمة، وأن الدعوات وجهت إلى الأمين العام للجامعة العربية وممثلين عن الأمم المتحدة.
ويعاني العراق من تراجع حاد في مناسيب المياه بسبب السدود التي أقيمت على منابع النهرين وقلة الأمطار خلال المواسم الأخيرة.
الوسوم
العراق
المياه
قمة بغداد
شارك هذا المقال
فيسبوك
تويتر
واتساب
تعليقات
أضف تعليقك
اقرأ أيضاً
الأردن وسوريا يوقعان اتفاقا لتقاسم مياه اليرموك
تركيا تفتتح سدا جديدا على نهر دجلة
© ٢٠٢٥ شبكة الرافدين الإخبارية. جميع الحقوق محفوظة
"#;
    let a = only_article(page.as_bytes());
    assert_eq!(a.title, "بغداد تستضيف قمة إقليمية حول المياه الشهر المقبل");
    assert_eq!(a.author.as_deref(), Some("أحمد الربيعي"));
    assert_eq!(a.published.unwrap().to_rfc3339(), "2025-10-23T23:20:00+00:00");
    assert_eq!(a.paragraphs.len(), 4);
    assert!(!a.body().contains("اقرأ أيضاً"), "{}", a.body());
    assert_eq!(a.outlet.as_ref().unwrap().name_ar.as_deref(), Some("شبكة الرافدين الإخبارية"));
    assert_eq!(a.dateline.as_ref().unwrap().source_id.as_deref(), Some("Reuters"));
}

/// Photo captions — «صورة أرشيفية» under the headline, a credit in parentheses mid-body — are
/// neither the headline nor body; «عرب وعالم» is the world section.
#[test]
fn dump_with_photo_captions() {
    let page = r#"الرئيسية » عرب وعالم
زلزال بقوة 6.1 درجات يضرب جنوب تركيا
صورة أرشيفية
الأحد 9 فبراير 2025 | 08:12 ص
أنقرة - وكالات
ضرب زلزال بقوة 6.1 درجات على مقياس ريختر جنوب تركيا فجر اليوم الأحد، ما أثار حالة من الذعر بين السكان الذين خرجوا إلى الشوارع.
وقالت إدارة الكوارث والطوارئ التركية إن مركز الزلزال كان في ولاية كهرمان مرعش على عمق عشرة كيلومترات.
(صورة من موقع الزلزال - رويترز)
ولم ترد حتى الآن تقارير عن وقوع إصابات أو أضرار كبيرة، فيما تواصل فرق الإنقاذ مسح المناطق المتضررة.
وتعد تركيا من أكثر الدول عرضة للزلازل، إذ تقع على عدة صدوع نشطة، وقد شهدت في فبراير 2023 زلزالا مدمرا أودى بحياة أكثر من 50 ألف شخص.
تابعونا على تطبيق نبض
أخبار متعلقة
زلزال بقوة 4.5 درجات يضرب شرق إيران
هزة أرضية خفيفة تضرب قبرص
"#;
    let a = only_article(page.as_bytes());
    assert_eq!(a.title, "زلزال بقوة 6.1 درجات يضرب جنوب تركيا");
    assert_eq!(a.paragraphs.len(), 4);
    assert!(!a.body().contains("صورة"), "{}", a.body());
    assert_eq!(a.section.as_deref(), Some("world"));
    assert_eq!(a.dateline.as_ref().unwrap().place_en.as_deref(), Some("Ankara"));
}

#[test]
fn html_utf8_with_metadata() {
    let a = only_article(&fixture("page_utf8.html"));
    assert_eq!(a.format, Format::Html);
    assert_eq!(a.title, "افتتاح معرض الكتاب الدولي بمشاركة 40 دولة");
    assert_eq!(a.paragraphs.len(), 3);
    assert!(!a.body().contains("الأكثر قراءة"));
    assert!(!a.body().contains("جميع الحقوق"));
    assert_eq!(a.outlet.as_ref().unwrap().id, "skynews-arabia");
    assert_eq!(a.published.unwrap().to_rfc3339(), "2018-03-14T09:30:00+00:00");
    assert_eq!(a.section.as_deref(), Some("culture"));
}

fn legacy_page(encoding: &'static encoding_rs::Encoding, label: &str) -> Vec<u8> {
    let html = format!(
        "<html lang=ar><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={label}\">\
         <title>انخفاض أسعار النفط في الأسواق العالمية</title></head><body><article>\
         <h1>انخفاض أسعار النفط في الأسواق العالمية</h1>\
         <p>انخفضت أسعار النفط اليوم الخميس بعد صدور بيانات تظهر ارتفاع المخزونات الأمريكية بأكثر من المتوقع.</p>\
         <p>وتراجع سعر خام برنت بنسبة اثنين في المئة خلال التعاملات الصباحية في لندن.</p>\
         </article></body></html>"
    );
    let (bytes, _, _) = encoding.encode(&html);
    bytes.into_owned()
}

#[test]
fn html_windows_1256() {
    let a = only_article(&legacy_page(encoding_rs::WINDOWS_1256, "windows-1256"));
    assert_eq!(a.title, "انخفاض أسعار النفط في الأسواق العالمية");
    assert!(a.body().contains("خام برنت"));
}

#[test]
fn html_iso_8859_6() {
    let a = only_article(&legacy_page(encoding_rs::ISO_8859_6, "ISO-8859-6"));
    assert!(a.body().contains("خام برنت"), "{a:?}");
}

#[test]
fn html_declaring_the_wrong_charset() {
    // Declares windows-1256 but the bytes are UTF-8: the bytes win.
    let html = std::str::from_utf8(&fixture("page_utf8.html"))
        .unwrap()
        .replace("charset=\"utf-8\"", "charset=\"windows-1256\"");
    let a = only_article(html.as_bytes());
    assert_eq!(a.title, "افتتاح معرض الكتاب الدولي بمشاركة 40 دولة");
}

#[test]
fn trec_records() {
    let ex = extract_bytes(&fixture("trec_two.txt"));
    assert_eq!(ex.format, Some(Format::Trec));
    let arts: Vec<Article> = ex.records.into_iter().map(Result::unwrap).collect();
    assert_eq!(arts.len(), 2);
    assert_eq!(arts[0].doc_id.as_deref(), Some("XX-middleEast-1-20180313"));
    assert_eq!(arts[0].outlet.as_ref().unwrap().id, "bbc-arabic");
    assert_eq!(arts[0].section.as_deref(), Some("middle-east"));
    assert!(arts[0].body().contains("الصواريخ & التجارب"));
    assert_eq!(arts[1].published.unwrap().to_rfc3339(), "2018-03-14T17:00:00+00:00");
    assert_eq!(arts[1].author.as_deref(), Some("المحرر الرياضي"));
}

#[test]
fn json_lines() {
    let ex = extract_bytes(&fixture("articles.jsonl"));
    assert_eq!(ex.format, Some(Format::Jsonl));
    let arts: Vec<Article> = ex.records.into_iter().map(Result::unwrap).collect();
    assert_eq!(arts.len(), 3);
    assert_eq!(arts[0].section.as_deref(), Some("world"));
    assert_eq!(arts[1].section.as_deref(), Some("sport"));
    assert_eq!(arts[2].language.as_deref(), Some("fr"));
}
