//! Newspaper house styles marsad was not written against (issue 11): the reporter-and-place line
//! under the headline in its many shapes, pages that print no headline, opinion columns of short
//! lines, «للمزيد» blocks holding a whole second article, Hijri beside Gregorian date lines. All
//! text here is our own.

use marsad_extract::{Article, extract_bytes};

const HEADLINE: &str = "بلدية المدينة تفتتح ثلاث حدائق جديدة في الأحياء الشمالية";
const LEAD: &str = "افتتحت بلدية المدينة صباح أمس ثلاث حدائق جديدة في الأحياء الشمالية بمساحة إجمالية تبلغ أربعين ألف متر مربع، ضمن خطة لزيادة المساحات الخضراء.";
const SECOND: &str = "وقال رئيس البلدية إن الحدائق الجديدة تضم ممرات للمشي وملاعب للأطفال ومسطحات خضراء، وإن العمل جار على إنشاء حدائق أخرى في الأحياء الجنوبية.";
const THIRD: &str = "وأضاف أن البلدية خصصت فرقا للصيانة الدورية للحدائق، وأنها ستفتح أبوابها للزوار من الساعة الرابعة عصرا حتى منتصف الليل طوال أيام الأسبوع.";

/// A second article, for «للمزيد» blocks.
const OTHER_TITLE: &str = "ارتفاع أسعار الذهب في الأسواق المحلية للأسبوع الثالث";
const OTHER: [&str; 3] = [
    "سجلت أسعار الذهب في الأسواق المحلية ارتفاعا للأسبوع الثالث على التوالي، مدفوعة بزيادة الطلب قبل موسم الأعراس وتراجع المعروض لدى التجار.",
    "وقال تجار في سوق الذهب إن سعر الغرام عيار واحد وعشرين ارتفع بنحو اثنين في المئة خلال أسبوع، متوقعين استمرار الصعود حتى نهاية الشهر.",
    "ويعزو محللون الارتفاع إلى صعود الأسعار العالمية وتراجع الدولار، إضافة إلى إقبال المستثمرين على الذهب ملاذا آمنا في أوقات التقلب.",
];

fn articles(page: &str) -> Vec<Article> {
    extract_bytes(page.as_bytes()).records.into_iter().flatten().collect()
}

/// The second article of a page whose first carries [`LEAD`], [`SECOND`] and [`THIRD`]; fails
/// unless the page has exactly these two.
fn second_after_the_standard_article(page: &str) -> Article {
    let mut arts = articles(page);
    assert_eq!(arts.len(), 2, "{arts:?}");
    assert_eq!(arts[0].paragraphs, [LEAD, SECOND, THIRD]);
    arts.pop().expect("two articles")
}

/// The one article of a page; fails unless the page has exactly one.
fn the_only_article(page: &str) -> Article {
    let mut arts = articles(page);
    assert_eq!(arts.len(), 1, "{arts:?}");
    arts.pop().expect("one article")
}

/// A page with the furniture around `middle` (the lines between the headline and the body).
fn page_with(middle: &str) -> String {
    format!(
        "دخول | تسجيل | اتصل بنا\nالرئيسية / محليات\n{HEADLINE}\n{middle}\n{LEAD}\n{SECOND}\n{THIRD}\nشارك: تويتر فيسبوك\nجميع الحقوق محفوظة © 2024\n"
    )
}

#[test]
fn the_reporter_line_under_a_headline_is_the_byline_not_the_headline() {
    for (line, person) in [
        ("أبها - سعيد القرني:", Some("سعيد القرني")),
        ("سعيد القرني - أبها", Some("سعيد القرني")),
        ("الرياض: سعيد القرني", Some("سعيد القرني")),
        ("واس - تبوك", None),
        ("تبوك: واس", None),
        ("الدمام، الرياض: وكالات", None),
        ("سعيد القرني (الطائف)", Some("سعيد القرني")),
        ("سعيد القرني من الطائف", Some("سعيد القرني")),
        ("جدة - مكتب الصحيفة - سعيد القرني:", Some("سعيد القرني")),
        ("سعيد القرني", Some("سعيد القرني")),
        ("Next Previous سعيد القرني – جدة", Some("سعيد القرني")),
    ] {
        let arts = articles(&page_with(line));
        assert_eq!(arts.len(), 1, "{line}: {arts:?}");
        let a = &arts[0];
        assert_eq!(a.title, HEADLINE, "{line}");
        assert_eq!(a.paragraphs, [LEAD, SECOND, THIRD], "{line}");
        if let Some(p) = person {
            assert_eq!(a.author.as_deref(), Some(p), "{line}");
        }
    }
}

#[test]
fn a_caption_under_the_headline_is_not_the_headline() {
    let a = &articles(&page_with("جانب من حفل الافتتاح"))[0];
    assert_eq!(a.title, HEADLINE);
    assert_eq!(a.paragraphs.len(), 3);
}

#[test]
fn a_page_with_no_headline_line_says_its_title_is_inferred() {
    let page =
        format!("الرئيسية / محليات\nأبها - سعيد القرني:\n{LEAD}\n{SECOND}\n{THIRD}\nجميع الحقوق محفوظة © 2024\n");
    let arts = articles(&page);
    assert_eq!(arts.len(), 1);
    assert!(arts[0].title_inferred, "{:?}", arts[0].title);
    assert_ne!(arts[0].title, "أبها - سعيد القرني:");
    assert_eq!(arts[0].paragraphs, [LEAD, SECOND, THIRD]);
}

#[test]
fn a_column_of_short_lines_keeps_every_line() {
    let lines = [
        "على شاطئ المساء جلسنا",
        "نعد الموج موجة موجة",
        "ونسأل البحر عن أسمائنا",
        "فيرد علينا بالصمت",
        "كأن الصمت لغة أخرى",
        "لا يتقنها إلا العابرون",
        "مضى الصيف سريعا",
        "وبقيت الرمال تحفظ خطانا",
        "وبقي في القلب متسع",
        "لحكاية لم تكتمل بعد",
    ];
    let page = format!(
        "الرئيسية / كتاب وآراء\nحكاية لم تكتمل\nهند العتيبي\n{}\nالكلمات الدالة: البحر، الصيف\nجميع الحقوق محفوظة © 2024\n",
        lines.join("\n")
    );
    let a = the_only_article(&page);
    assert_eq!(a.title, "حكاية لم تكتمل");
    assert_eq!(a.paragraphs, lines);
    assert_eq!(a.author.as_deref(), Some("هند العتيبي"));
}

#[test]
fn a_further_reading_block_with_a_whole_article_and_its_byline_is_a_second_article() {
    let (other_title, other) = (OTHER_TITLE, OTHER);
    let page = format!(
        "{HEADLINE}\nأبها - سعيد القرني:\n{LEAD}\n{SECOND}\n{THIRD}\nالكلمات الدالة: حدائق، بلدية\nللمزيد:\n{other_title}\nالرياض - نورة الشهري:\n{}\nجميع الحقوق محفوظة © 2024\n",
        other.join("\n")
    );
    let arts = articles(&page);
    assert_eq!(arts.len(), 2, "{arts:?}");
    assert_eq!(arts[0].title, HEADLINE);
    assert_eq!(arts[0].paragraphs, [LEAD, SECOND, THIRD]);
    assert_eq!(arts[1].title, other_title);
    assert_eq!(arts[1].paragraphs, other);
    assert_eq!(arts[1].author.as_deref(), Some("نورة الشهري"));
}

#[test]
fn a_hijri_and_gregorian_date_line_with_the_issue_number_dates_the_page() {
    for line in ["الأحد 7 صفر 1446هـ - 11 أغسطس 2024م", "الأحد 11 أغسطس 2024 | العدد 17120"]
    {
        let a = &articles(&page_with(line))[0];
        assert_eq!(a.published_date.map(|d| d.to_string()).as_deref(), Some("2024-08-11"), "{line}");
        assert_eq!(a.title, HEADLINE);
    }
}

#[test]
fn a_long_navigation_bar_is_never_the_headline() {
    let nav = "الصفحة الأولى - محليات - اقتصاد - رياضة - الرأي - كتاب - ثقافة وفنون - منوعات - تقارير - حوارات - مجتمع";
    let page = format!("{nav}\n{LEAD}\n{SECOND}\n{THIRD}\n");
    let a = &articles(&page)[0];
    assert_ne!(a.title, nav);
}

/// trafilatura drops in-text headings; the headline of a «للمزيد» article is put back so the
/// second article is found (regression: the two bodies were read as one).
#[test]
fn html_further_reading_keeps_the_second_articles_headline() {
    let (other_title, other) = (OTHER_TITLE, OTHER);
    let p = |t: &str| format!("<p>{t}</p>");
    let html = format!(
        "<!DOCTYPE html><html dir=\"rtl\" lang=\"ar\"><head><meta charset=\"utf-8\"><title>{HEADLINE}</title></head><body>\
         <div class=\"news\"><h1>{HEADLINE}</h1><div class=\"writer\">أبها - سعيد القرني</div>{}{}{}\
         <div class=\"more\"><strong>للمزيد:</strong></div><h2>{other_title}</h2>{}</div>\
         <div class=\"footer\">جميع الحقوق محفوظة © 2024</div></body></html>",
        p(LEAD),
        p(SECOND),
        p(THIRD),
        other.iter().map(|t| p(t)).collect::<String>()
    );
    let second = second_after_the_standard_article(&html);
    assert_eq!(second.title, other_title);
    assert_eq!(second.paragraphs, other);
}

#[test]
fn photo_credits_scene_captions_and_weather_boxes_are_not_headlines() {
    for line in ["جانب من حفل الافتتاح (تصوير: سعيد القرني)", "عدسة: نورة الشهري", "من الحفل", "أبها 31°"]
    {
        let a = &articles(&page_with(line))[0];
        assert_eq!(a.title, HEADLINE, "{line}");
        assert_eq!(a.paragraphs.len(), 3, "{line}");
    }
}

/// trafilatura drops the footer; the copyright line in it still names the outlet.
#[test]
fn html_outlet_from_the_copyright_line_of_a_page_without_metadata() {
    let html = format!(
        "<!DOCTYPE html><html dir=\"rtl\"><head><meta charset=\"utf-8\"><title>{HEADLINE}</title></head><body>\
         <div class=\"news\"><h1>{HEADLINE}</h1><p>{LEAD}</p><p>{SECOND}</p><p>{THIRD}</p></div>\
         <div class=\"footer\"><span>جميع الحقوق محفوظة لـصحيفة المدينة © 2024</span></div></body></html>"
    );
    let a = &articles(&html)[0];
    assert_eq!(a.outlet.as_ref().map(|o| o.id.as_str()), Some("almadina"));
}

/// trafilatura drops the «طالع أيضاً» cue and the reporter's line over a second article along
/// with its headline; all three go back, so the second article is found even when its later
/// paragraphs share no word with its headline (regression: it was read as a teaser inside the
/// first article, and its body glued to the first).
#[test]
fn html_read_also_cue_and_byline_dropped_by_trafilatura_are_put_back() {
    let other_title = "فريق النصر يلتقي الاتحاد في مباراة ودية بالنمسا";
    let other = [
        "يلتقي فريق النصر مساء اليوم نظيره الاتحاد في مباراة ودية بالنمسا ضمن معسكره الإعدادي للموسم الجديد.",
        "ويغيب عن التشكيلة المهاجم المصاب، فيما يعود الحارس الأساسي بعد تعافيه من إصابة في الكتف أبعدته شهرا.",
        "وكان المدرب قد أجرى تدريبات خفيفة أمس في الملعب الرئيسي للمدينة بحضور الجهاز الطبي كاملا.",
    ];
    let p = |t: &str| format!("<p>{t}</p>");
    let html = format!(
        "<!DOCTYPE html><html dir=\"rtl\" lang=\"ar\"><head><meta charset=\"utf-8\"><title>{HEADLINE}</title></head><body>\
         <div class=\"news\"><h1>{HEADLINE}</h1>{}{}{}\
         <div class=\"tools\">الكلمات الدالة: حدائق، بلدية</div>\
         <div class=\"more\"><strong>طالع أيضاً</strong></div><h2>{other_title}</h2>\
         <div class=\"writer\">كتب - فهد العتيبي:</div>{}</div>\
         <div class=\"footer\">جميع الحقوق محفوظة © 2024</div></body></html>",
        p(LEAD),
        p(SECOND),
        p(THIRD),
        other.iter().map(|t| p(t)).collect::<String>()
    );
    let second = second_after_the_standard_article(&html);
    assert_eq!(second.title, other_title);
    assert_eq!(second.paragraphs, other);
}

/// A page whose `<title>` is only a newspaper's name prints no headline of its own, and is that
/// newspaper's page.
#[test]
fn html_titled_only_with_the_newspapers_name_has_that_outlet_and_no_headline() {
    let html = format!(
        "<!DOCTYPE html><html dir=\"rtl\"><head><meta charset=\"utf-8\"><title>صحيفة المدينة</title></head><body>\
         <div class=\"news\"><p>{LEAD}</p><p>{SECOND}</p><p>{THIRD}</p></div>\
         <div class=\"footer\">صحيفة المدينة</div></body></html>"
    );
    let a = &articles(&html)[0];
    assert_eq!(a.outlet.as_ref().map(|o| o.id.as_str()), Some("almadina"));
    assert_ne!(a.title, "صحيفة المدينة");
}

/// An interview column of questions and one-line answers: the answers end a sentence, yet they
/// are a column's lines, not paragraphs after a list of headlines.
#[test]
fn a_question_and_answer_column_keeps_every_line() {
    let qa = [
        "(على الهامش) زاوية نلتقي فيها كل أسبوع ضيفا يحدثنا عن حياته بعيدا عن عمله",
        "كيف تصف نفسك في كلمتين؟",
        "رجل يحب الناس والحياة.",
        "أول سيارة قدتها؟",
        "سيارة صغيرة مستعملة اشتراها لي أبي.",
        "آخر كتاب قرأته؟",
        "رواية عن البحر والصيادين.",
        "مدينة تحب زيارتها؟",
        "الطائف في أيام الصيف.",
        "كلمة أخيرة؟",
        "شكرا لكم على هذه الاستضافة.",
    ];
    let page = format!(
        "الرئيسية / منوعات\nضيف الأسبوع: الناس أولا والصيف في الطائف\nحاوره: سامي الحربي\n{}\nشارك: تويتر فيسبوك\nجميع الحقوق محفوظة © 2024\n",
        qa.join("\n")
    );
    let a = &articles(&page)[0];
    assert_eq!(a.title, "ضيف الأسبوع: الناس أولا والصيف في الطائف");
    assert_eq!(a.paragraphs, qa);
}

/// A bulleted list of full sentences inside a column («- لماذا …؟») is the column's text, not a
/// list of other articles' headlines.
#[test]
fn a_bulleted_list_of_questions_on_the_texts_subject_stays_in_the_body() {
    let questions = [
        "لماذا لم تفتتح البلدية الحدائق الجديدة في الأحياء الجنوبية حتى اليوم رغم مرور عامين على ترسية مشاريعها؟",
        "أين الممرات والملاعب التي وعدت بها البلدية سكان الأحياء الشمالية قبل افتتاح الحدائق الجديدة؟",
        "لماذا تغلق الحدائق أبوابها مبكرا في أيام الصيف التي يكثر فيها الزوار من الأسر والأطفال؟",
    ];
    let page = format!(
        "الرئيسية / كتاب وآراء\n{HEADLINE}\n{LEAD}\n{}\n{THIRD}\nشارك: تويتر فيسبوك\n",
        questions.iter().map(|q| format!("- {q}")).collect::<Vec<_>>().join("\n")
    );
    let a = &articles(&page)[0];
    assert_eq!(a.paragraphs.len(), 5, "{:?}", a.paragraphs);
    assert!(a.paragraphs[1].ends_with(questions[0]), "{:?}", a.paragraphs);
}

/// On an HTML page the headline sits outside the text trafilatura keeps; put back over it, the
/// column of short lines under it is read as on a dump, and no line of the column becomes the
/// headline.
#[test]
fn html_column_of_short_lines_keeps_every_line_under_the_pages_headline() {
    let verses = [
        "يا صاحبي هذا المساء طويل",
        "والليل يسأل عن رفيق غاب",
        "وأنا أعد نجومه وأقول",
        "لعل في الفجر القريب جواب",
        "مرت سنون والحنين دليل",
        "والدرب بين القلب والأحباب",
        "سأظل أكتب ما استطعت قليلا",
        "حتى يعود إلى الديار غياب",
    ];
    let html = format!(
        "<!DOCTYPE html><html dir=\"rtl\"><head><meta charset=\"utf-8\"><title>حديث المساء | صحيفة المدينة</title></head><body>\
         <div class=\"news\"><h1>حديث المساء</h1>{}</div>\
         <div class=\"footer\">جميع الحقوق محفوظة © 2024</div></body></html>",
        verses.iter().map(|v| format!("<p>{v}</p>")).collect::<String>()
    );
    let arts = articles(&html);
    assert_eq!(arts.len(), 1, "{arts:?}");
    assert_eq!(arts[0].title, "حديث المساء");
    assert_eq!(arts[0].paragraphs, verses);
}

/// A poem printed with no headline under its writer's titled name: the first verse ends with a
/// comma — it goes on into the next line — so it is no headline, and the writer's line is the
/// byline whatever the first name.
#[test]
fn a_poem_without_a_headline_under_a_titled_name_has_no_headline() {
    let verses = [
        "على شرفة البيت القديم،",
        "تنام الحكايات في حضن أمي",
        "ويصحو النخيل على صوت جدي،",
        "يعد الليالي ويحصي النجوم",
        "ويسأل عنا إذا طال غيب،",
        "فنرجع من سفر طويل إليه",
        "ونحمل في القلب ضوء الصباح",
    ];
    let page = format!("الرئيسية / ثقافة\nد. وجدان الراشد\n{}\nشارك: تويتر فيسبوك\n", verses.join("\n"));
    let a = &articles(&page)[0];
    assert!(a.title_inferred, "{a:?}");
    assert_eq!(a.paragraphs, verses);
    assert_eq!(a.author.as_deref(), Some("د. وجدان الراشد"));
}

/// «NAME خلال الجولة» under the masthead of a page with no headline is the photo's caption.
#[test]
fn a_caption_naming_someone_in_the_picture_is_not_the_headline() {
    let page = format!("الرئيسية / محليات\nسعاد المطيري خلال الجولة\n{LEAD}\n{SECOND}\n{THIRD}\n");
    let a = &articles(&page)[0];
    assert_ne!(a.title, "سعاد المطيري خلال الجولة");
    assert_eq!(a.paragraphs, [LEAD, SECOND, THIRD]);
}

/// trafilatura may give the page's headline as its site name (no `og:site_name`); the headline the
/// page prints as its `<h1>` stays the headline (regression: the page was read as titled with its
/// site's name only, and the headline inferred from the lead).
#[test]
fn html_headline_that_trafilatura_took_for_the_site_name_stays_the_headline() {
    let headline = "أزمة الحدائق.. «لا يوجد حل»";
    let html = format!(
        "<!DOCTYPE html><html dir=\"rtl\"><head><meta charset=\"utf-8\"><title>{headline} | صحيفة اليوم</title><link rel=\"canonical\" href=\"https://www.alyaum.com/news/1\"></head><body>\
         <div class=\"news\"><h1 class=\"news-title\">{headline}</h1><span class=\"date\">10 شوال 1436 هـ الموافق 26 يوليو 2015 م</span>\
         <p>{LEAD}</p><p>{SECOND}</p><p>{THIRD}</p></div><div class=\"tools\">التعليقات (12)</div></body></html>"
    );
    let a = &articles(&html)[0];
    assert_eq!(a.title, headline);
    assert!(!a.title_inferred);
}

/// The lead of a «اقرأ أيضا» article printed without its full stop is still its lead: the second
/// article is found (regression: headline and lead were read as a list of two headlines, and the
/// second article's text glued to the first).
#[test]
fn a_read_also_article_whose_lead_lost_its_full_stop_is_a_second_article() {
    let lead = OTHER[0].trim_end_matches('.');
    let page = format!(
        "الرئيسية / محليات\n{HEADLINE}\n{LEAD}\n{SECOND}\n{THIRD}\nاقرأ أيضا:\n{OTHER_TITLE}\n{lead}\n{}\n{}\nجميع الحقوق محفوظة © 2024\n",
        OTHER[1], OTHER[2]
    );
    let second = second_after_the_standard_article(&page);
    assert_eq!(second.title, OTHER_TITLE);
    assert_eq!(second.paragraphs, [lead, OTHER[1], OTHER[2]]);
}

/// An interview printed as a bulleted list of the guest's sayings under its headline, with no
/// paragraph of running text: the list is the article.
#[test]
fn a_bulleted_list_of_sayings_under_the_headline_is_the_article() {
    let sayings = [
        "المدينة تحتاج حدائق أكثر من حاجتها إلى الجسور",
        "لم أندم على قرار اتخذته في العمل البلدي",
        "الأحياء الجنوبية ظلمت كثيرا في المشاريع",
        "الشباب أقدر على إدارة البلديات من جيلنا",
        "لا أحب الاجتماعات الطويلة ولا التقارير الورقية",
        "أتمنى أن أرى المدينة خضراء قبل أن أتقاعد",
        "نجاح أي مشروع يقاس برضا السكان لا بكلفته",
    ];
    let page = format!(
        "الرئيسية / حوارات\nرئيس البلدية: الحدائق قبل الجسور.. ولم أندم على قرار\nالثلاثاء 5/10/1436 هـ الموافق 21/7/2015 م\n{}\nنسخ الرابط\n57 تعليق\nجميع الحقوق محفوظة © 2024\n",
        sayings.iter().map(|s| format!("- {s}")).collect::<Vec<_>>().join("\n")
    );
    let a = &articles(&page)[0];
    assert_eq!(a.title, "رئيس البلدية: الحدائق قبل الجسور.. ولم أندم على قرار");
    assert_eq!(a.paragraphs.len(), sayings.len(), "{:?}", a.paragraphs);
    assert!(a.paragraphs[0].ends_with(sayings[0]));
}

/// A column of definitions, one per line, some ending with «...»: the ellipsis is the writer's,
/// not the mark of a linked headline cut short, and every line stays.
#[test]
fn a_column_of_definitions_with_an_ellipsis_keeps_every_line() {
    let lines = [
        "-الصبر: أن تنتظر المطر في أرض عطشى وأنت تبتسم للغيم الذي لم يأت بعد، وتزرع كأن الموسم قد بدأ.",
        "-الحنين: بيت قديم لا يغادرك ...",
        "-الصداقة: يد تمسك بك حين تتعثر",
        "-الغربة: مدينة كبيرة بلا نافذة",
        "-الأمل: ضوء صغير في آخر الممر",
        "-الكتابة: أن تقول ما لا يقال ...",
        "-القراءة: سفر بلا حقيبة ولا تذكرة",
        "-الحكمة: أن تعرف متى تصمت",
        "-الوطن: اسمك حين تنسى اسمك",
        "-الطفولة: حديقة نغلق بابها ونبكي",
        "-الذاكرة: صندوق لا يمتلئ",
    ];
    let page = format!(
        "الرئيسية / كتاب وآراء\nتعاريف في آخر الصيف\nسعاد المطيري\nالأربعاء 6 شوال 1436هـ - 22 يوليو 2015م\n{}\nطباعة | إرسال لصديق | حفظ\n",
        lines.join("\n")
    );
    let a = &articles(&page)[0];
    assert_eq!(a.title, "تعاريف في آخر الصيف");
    assert_eq!(a.paragraphs, lines);
}

/// «اقرأ أيضا» over a headline, a writer's name marsad has no list for, and text: a second
/// article, with the name kept off both bodies' first lines as a headline would be.
#[test]
fn a_read_also_article_under_a_writer_name_marsad_cannot_type_is_a_second_article() {
    let page = format!(
        "الرئيسية / محليات\n{HEADLINE}\n{LEAD}\n{SECOND}\n{THIRD}\nالتعليقات (12)\nاقرأ أيضا:\n{OTHER_TITLE}\nكريستوف برغمان\n{}\n{}\n{}\nالأكثر تعليقاً\nعنوان أول في القائمة\nعنوان ثان في القائمة\n",
        OTHER[0], OTHER[1], OTHER[2]
    );
    let second = second_after_the_standard_article(&page);
    assert_eq!(second.title, OTHER_TITLE);
    assert_eq!(second.paragraphs, OTHER);
}

/// A poem under its headline and a photo credit: the first verse, ending with a comma, goes on
/// into the next line and does not replace the headline (regression: each verse-like line was
/// taken for a later, better headline).
#[test]
fn a_verse_ending_with_a_comma_does_not_replace_the_headline_above_it() {
    let verses = [
        "يمر الصباح على نافذتي،",
        "ويترك وردا على عتبة البيت",
        "ثم يمضي إلى السوق مبتسما،",
        "يوزع ضوءا على الباعة الطيبين",
        "ويسأل عن طفلة في الزقاق،",
        "تبيع المناديل والأمنيات",
        "فأكتب عنه قصيدة حب",
    ];
    let page =
        format!("الرئيسية / ثقافة\nصباح المدينة\nعدسة: سلطان الدوسري\n{}\nشارك: تويتر فيسبوك\n", verses.join("\n"));
    let a = &articles(&page)[0];
    assert_eq!(a.title, "صباح المدينة");
    assert_eq!(a.paragraphs, verses);
}

/// A poem under its headline, the poet's line and a photo's caption: the first verse is short and
/// headline-like, yet only credits stand between it and the headline, and the verses run on as a
/// column — it is the poem's first line, not a later headline.
#[test]
fn a_poems_first_verse_under_the_poets_line_and_a_caption_is_not_the_headline() {
    let verses = [
        "كنهر على حافة الوقت يجري",
        "ككون توارى في المدى",
        "من الطين جئنا إليه",
        "ومن الضوء نمضي بعيدا",
        "نخبئ في القلب أسماءنا",
        "ونترك للريح أسئلة",
        "ونرجع في آخر الليل",
        "إلى بيتنا الأول",
    ];
    let page = format!(
        "الرئيسية / كتاب وآراء\nنهر على حافة الوقت\nشعر: عبدالله الحربي\nنورة الشهري خلال الجولة\n{}\nطباعة | إرسال لصديق | حفظ\n",
        verses.join("\n")
    );
    let a = &articles(&page)[0];
    assert_eq!(a.title, "نهر على حافة الوقت");
    assert_eq!(a.paragraphs, verses);
}

/// An agency's or another outlet's name on its own line under the headline credits the story; it
/// is no masthead making the headline above it navigation (regression: the headline was dropped
/// and one inferred from the lead).
#[test]
fn an_agency_credit_under_the_headline_keeps_the_headline() {
    for credit in ["واس", "سكاي نيوز"] {
        let page =
            format!("الرئيسية / محليات\n{HEADLINE}\n{credit}\n{LEAD}\n{SECOND}\n{THIRD}\nطباعة | إرسال لصديق | حفظ\n");
        let a = &articles(&page)[0];
        assert_eq!(a.title, HEADLINE, "{credit}");
        assert!(!a.title_inferred, "{credit}");
        assert_eq!(a.paragraphs, [LEAD, SECOND, THIRD], "{credit}");
        assert_eq!(a.outlet, None, "a credit names no outlet of the page: {credit}");
    }
}

/// «شاهد أيضا:» over a headline, a lead that does not restate it, an intertitle and more text:
/// a whole second article, its lead included (regression: the lead was dropped and the
/// intertitle taken for a headline).
#[test]
fn a_read_also_article_with_an_intertitle_keeps_its_lead() {
    let page = format!(
        "الرئيسية / محليات\n{HEADLINE}\n{LEAD}\n{SECOND}\n{THIRD}\nشاهد أيضا:\nلماذا يشتري الناس الذهب قبل الأعراس؟\n{}\nفما الذي يدفع الأسعار إلى الصعود؟\n{}\n{}\n",
        OTHER[0], OTHER[1], OTHER[2]
    );
    let second = second_after_the_standard_article(&page);
    assert_eq!(second.title, "لماذا يشتري الناس الذهب قبل الأعراس؟");
    assert_eq!(second.paragraphs[0], OTHER[0]);
    assert_eq!(second.paragraphs.len(), 4, "{:?}", second.paragraphs);
}

/// A place alone on its line under the headline is the dateline, and a number alone («1 -») or a
/// label («أولاً :») never is a headline.
#[test]
fn a_place_or_an_enumerator_alone_on_its_line_is_no_headline() {
    let page = format!("الرئيسية / محليات\n{HEADLINE}\nمكة المكرمة\nواس\n{LEAD}\n{SECOND}\n{THIRD}\n");
    let a = &articles(&page)[0];
    assert_eq!(a.title, HEADLINE);
    assert_eq!(a.outlet, None, "an agency's credit names no outlet of the page");
    for enumerator in ["1 -", "أولاً :"] {
        let page = format!("الرئيسية / محليات\n{HEADLINE}\n{enumerator}\n{LEAD}\n{SECOND}\n{THIRD}\n");
        let a = &articles(&page)[0];
        assert_eq!(a.title, HEADLINE, "{enumerator}");
    }
}

/// Short labels ending with a colon inside a column («الرأي:», «أولاً :») introduce what follows:
/// the text under them stays the column's, however far its subject (regression: each label and
/// its paragraph were read as a teaser, or as a new article).
#[test]
fn a_label_ending_with_a_colon_introduces_the_text_under_it() {
    let page = format!(
        "الرئيسية / كتاب وآراء\n{HEADLINE}\n{LEAD}\n{SECOND}\nالرأي:\n{}\nأولاً :\n{}\nشارك: تويتر فيسبوك\n",
        OTHER[0], OTHER[1]
    );
    let a = the_only_article(&page);
    assert_eq!(a.paragraphs, [LEAD, SECOND, "الرأي:", OTHER[0], "أولاً :", OTHER[1]]);
}

/// «TOWN DATE واس» under the headline, the town one marsad has no list for: a dated dateline,
/// not the headline; the page is dated by it.
#[test]
fn a_dated_dateline_from_an_unlisted_town_is_no_headline() {
    let page = format!(
        "الرئيسية / محليات\n{HEADLINE}\nالسيح 25 شوال 1436هـ الموافق 10 أغسطس 2015م واس\n{LEAD}\n{SECOND}\n{THIRD}\n"
    );
    let a = &articles(&page)[0];
    assert_eq!(a.title, HEADLINE);
    assert_eq!(a.published_date, chrono::NaiveDate::from_ymd_opt(2015, 8, 10));
}

/// A page with no headline whose writer's name sits over its place and a photo's caption: the
/// name is the byline, the place the dateline, and the title is inferred.
#[test]
fn a_name_over_its_place_and_a_caption_on_a_page_without_headline_is_the_byline() {
    for name in ["حمدان الشمري", "إيما جيكوبس من لندن"] {
        let page = format!("الرئيسية / محليات\n{name}\nالدمام\n(صورة أرشيفية)\n{LEAD}\n{SECOND}\n{THIRD}\n");
        let a = &articles(&page)[0];
        assert!(a.title_inferred, "{name}: {a:?}");
        assert_eq!(a.paragraphs, [LEAD, SECOND, THIRD], "{name}");
    }
}

/// A photo's caption between a «طالع أيضا» headline and its text does not hide the article.
#[test]
fn a_caption_between_a_read_also_headline_and_its_text_keeps_the_article() {
    let page = format!(
        "الرئيسية / محليات\n{HEADLINE}\n{LEAD}\n{SECOND}\n{THIRD}\nطالع أيضا:\n{OTHER_TITLE}\nمن السوق\n{}\n{}\n{}\nأخبار مشابهة\nعنوان أول في القائمة\nعنوان ثان في القائمة\n",
        OTHER[0], OTHER[1], OTHER[2]
    );
    let second = second_after_the_standard_article(&page);
    assert_eq!(second.title, OTHER_TITLE);
    assert_eq!(second.paragraphs, OTHER);
}

/// Under a «طالع أيضا» headline, a reporter's line says a whole article starts, even one on a
/// neighbouring subject (a link to another article carries no byline).
#[test]
fn a_signed_read_also_article_on_a_neighbouring_subject_is_a_second_article() {
    let other = [
        "زرعت بلدية المدينة ألف شجرة في الحدائق الجديدة بالأحياء الشمالية خلال أسبوع واحد، ضمن خطة التشجير.",
        "وقال مدير إدارة الحدائق إن الأشجار اختيرت لتتحمل حرارة الصيف، وإن الري يتم بالتنقيط لتوفير المياه.",
        "وأضاف أن البلدية ستزرع ألف شجرة أخرى في الأحياء الجنوبية قبل نهاية العام.",
    ];
    let page = format!(
        "الرئيسية / محليات\n{HEADLINE}\n{LEAD}\n{SECOND}\n{THIRD}\nطالع أيضا:\nمبادرة خضراء جديدة\nسعيد القرني - جدة\n{}\n{}\n{}\n",
        other[0], other[1], other[2]
    );
    let second = second_after_the_standard_article(&page);
    assert_eq!(second.paragraphs, other);
}

/// A poem numbered in parts («1 -»), a photo's caption under the first number, keeps its
/// headline (regression: the first verse replaced it).
#[test]
fn a_numbered_poem_keeps_its_headline() {
    let verses = [
        "الحب مبتدأ الندى",
        "والحب فيك هو الخبر",
        "يا أهل الدار وأهل الحي",
        "ما يحدث ليس له صلة بالله",
        "فاتركوا الورد على الشرفات",
        "واتركوا للطفل ضحكته",
        "وارفعوا عن صدره الحجر",
    ];
    let page = format!(
        "الرئيسية / ثقافة\nالحب والحروف والوطن!\n1 -\nجانب من اللقاء (تصوير: هند الزهراني)\n{}\n2 -\n{}\nطباعة | إرسال لصديق | حفظ\n",
        verses[..3].join("\n"),
        verses[3..].join("\n")
    );
    let a = &articles(&page)[0];
    assert_eq!(a.title, "الحب والحروف والوطن!");
}

/// trafilatura gives its text back in Unicode's canonical order (a shadda after the vowel on it),
/// so a paragraph with both marks never matched the page's own text and the «للمزيد» article's
/// headline was not put back (regression: its text was glued to the first article).
#[test]
fn html_headline_over_a_paragraph_with_shadda_and_vowel_is_put_back() {
    // «سبَّاحة», «حلَّت»: the shadda written before its fatha, as many Arabic keyboards type it.
    let other = [
        "أصبحت سب\u{651}\u{64e}احة في العاشرة أصغر مشاركة في بطولة العالم للسباحة، وحل\u{651}\u{64e}ت أخيرة في مجموعتها بعد سباق قصير.",
        "وقالت للصحافيين إنها سعيدة بالمشاركة إلى جانب الكبار، وإنها تتدرب يوميا منذ الخامسة من عمرها في نادي الحي.",
    ];
    let p = |t: &str| format!("<p>{t}</p>");
    let html = format!(
        "<!DOCTYPE html><html dir=\"rtl\" lang=\"ar\"><head><meta charset=\"utf-8\"><title>{HEADLINE}</title></head><body>\
         <div class=\"news\"><h1>{HEADLINE}</h1>{}{}{}\
         <div class=\"more\"><strong>للمزيد:</strong></div><h2>طفلة تشعل بطولة العالم للسباحة</h2>\
         <div class=\"writer\">أ ف ب - قازان</div>{}{}</div>\
         <div class=\"footer\">جميع الحقوق محفوظة © 2024</div></body></html>",
        p(LEAD),
        p(SECOND),
        p(THIRD),
        p(other[0]),
        p(other[1])
    );
    let second = second_after_the_standard_article(&html);
    assert_eq!(second.title, "طفلة تشعل بطولة العالم للسباحة");
    assert_eq!(second.paragraphs.len(), 2, "{second:?}");
}

/// A «read also» article whose lead opens with «فيما» («while…»), as leads often do, or with the
/// agency's dateline «واس- …» («واس» is the agency, not «و» before a word): the cue, the headline
/// and text on another subject start a second article all the same.
#[test]
fn a_read_also_article_whose_lead_opens_with_while_or_an_agency_dateline_is_a_second_article() {
    // A headline its lead does not restate: only the cue and the change of subject say it starts.
    let title = "تحذير للمستثمرين من موجة المضاربة";
    for opener in ["فيما ", "واس- الرياض: "] {
        let lead = format!("{opener}{}", OTHER[0]);
        let page = format!(
            "الرئيسية / محليات\n{HEADLINE}\n{LEAD}\n{SECOND}\n{THIRD}\nللمزيد اقرأ:\n{title}\n{lead}\n{}\n{}\nجميع الحقوق محفوظة © 2024\n",
            OTHER[1], OTHER[2]
        );
        let second = second_after_the_standard_article(&page);
        assert_eq!(second.title, title, "{opener}");
        assert_eq!(second.paragraphs, [lead.as_str(), OTHER[1], OTHER[2]], "{opener}");
    }
}

/// A «read also» link inside the text, then the article carrying on with «ومن …» («and among…»):
/// a paragraph opening with «و» and a function word continues a text, it never starts one
/// (regression: «ومن» was too short for the conjunction test, and the rest of the article became
/// a second one under the link's headline).
#[test]
fn text_after_a_read_also_link_that_opens_with_and_from_stays_in_the_article() {
    let fourth = "ومن أبرز ما تضمه الحدائق الجديدة بحيرة صغيرة ومسرح مفتوح للعروض الشعبية في أمسيات الصيف.";
    let page = format!(
        "الرئيسية / محليات\n{HEADLINE}\n{LEAD}\n{SECOND}\nاقرأ أيضا:\n{OTHER_TITLE}\n{fourth}\n{THIRD}\nجميع الحقوق محفوظة © 2024\n"
    );
    let a = the_only_article(&page);
    assert_eq!(a.paragraphs, [LEAD, SECOND, fourth, THIRD]);
}

/// A columnist with a foreign given name under the headline: the given names read from
/// ANERcorp know «مايكل» as a name, so the line is the byline, not the headline.
#[test]
fn a_foreign_columnists_name_under_the_headline_is_the_byline() {
    let arts = articles(&page_with("مايكل جونسون"));
    assert_eq!(arts.len(), 1, "{arts:?}");
    assert_eq!(arts[0].title, HEADLINE);
    assert_eq!(arts[0].author.as_deref(), Some("مايكل جونسون"));
}

/// An intertitle its paragraph restates, where the paragraph goes on with «كما …» («also…»): the
/// article's own subheading, not a second article's headline (regression: a restated line over
/// any paragraph started an article).
#[test]
fn an_intertitle_over_a_paragraph_opening_with_also_stays_in_the_article() {
    let awards = "الحدائق الجديدة تحصد جائزة أفضل تصميم";
    let more = "كما حصلت الحدائق الجديدة على جائزة أفضل تصميم في مسابقة المدن الخضراء، وجائزة أخرى لترشيد مياه الري.";
    let page = format!(
        "الرئيسية / محليات\n{HEADLINE}\n{LEAD}\n{SECOND}\nالحديقة الأولى: 12 ألف متر\nالحديقة الثانية: 15 ألف متر\nالحديقة الثالثة: 13 ألف متر\n{awards}\n{more}\n{THIRD}\nجميع الحقوق محفوظة © 2024\n"
    );
    let a = the_only_article(&page);
    assert!(a.paragraphs.iter().any(|p| p == more), "{a:?}");
    assert_eq!(a.paragraphs.last().map(String::as_str), Some(THIRD));
}

/// A «طالع أيضاً» article whose headline quotes two names («عرض «ليالي الشرقي» لأطفال
/// «الدار»»): the quoted words are no reporter's line, and the headline starts a second article
/// (regression: the quotation marks split it into the parts of a byline).
#[test]
fn a_read_also_headline_with_quoted_names_is_no_byline() {
    let title = "عرض «ليالي الشرقي» لأطفال «الدار»";
    let other = [
        "استمتع أطفال دار الرعاية الاجتماعية مساء أمس بعرض «ليالي الشرقي» المسرحي الذي قدمته فرقة الفنون الشعبية في قاعة الدار.",
        "ويتناول العرض حكايات من الحي القديم بأسلوب فكاهي، ويشارك فيه عشرة ممثلين من الشباب الهواة.",
    ];
    let page = format!(
        "الرئيسية / محليات\n{HEADLINE}\n{LEAD}\n{SECOND}\n{THIRD}\nطالع أيضاً\n{title}\n{}\n{}\nجميع الحقوق محفوظة © 2024\n",
        other[0], other[1]
    );
    let second = second_after_the_standard_article(&page);
    assert_eq!(second.title, title);
    assert_eq!(second.paragraphs, other);
}

/// A photo's caption with no credit under the headline, naming the man the lead names
/// («القرني مترئساً الاجتماع»): it shares a word with the lead, but the lead restates the headline,
/// not the caption (regression: the caption, nearer the text, replaced the headline).
#[test]
fn a_caption_sharing_a_name_with_the_lead_does_not_replace_the_headline() {
    let headline = "وكيل أمانة المدينة يناقش خطة الحدائق مع رؤساء البلديات";
    let lead = "ناقش وكيل أمانة المدينة سعيد القرني أمس خطة الحدائق الجديدة مع رؤساء البلديات الفرعية في اجتماع عقد بمقر الأمانة، وتناول الاجتماع مواعيد التنفيذ.";
    let page = format!(
        "الرئيسية / محليات\n{headline}\nالقرني مترئساً الاجتماع\n{lead}\n{SECOND}\n{THIRD}\nجميع الحقوق محفوظة © 2024\n"
    );
    let a = the_only_article(&page);
    assert_eq!(a.title, headline);
    assert_eq!(a.paragraphs, [lead, SECOND, THIRD]);
}

/// An interview printed as two long bulleted paragraphs of the guest's sayings, with no plain
/// paragraph at all: the bullets are the article (regression: the page was rejected as having no
/// article text, and the interview was lost).
#[test]
fn an_article_made_only_of_bulleted_paragraphs_is_kept() {
    let points = [
        "- الحدائق ليست ترفا بل حاجة صحية لسكان الأحياء المزدحمة. - البلدية ستزرع ألف شجرة كل عام حتى تكتمل الخطة. - لا مشروع يبدأ قبل أن يسمع السكان ويبدوا رأيهم فيه.",
        "- الأحياء الجنوبية ظلمت كثيرا في المشاريع السابقة وسننصفها. - الصيانة أهم من الافتتاح وقد خصصنا لها ميزانية ثابتة. - الشباب أقدر على إدارة البلديات من جيلنا.",
    ];
    let title = "رئيس البلدية: الحدائق حاجة لا ترف.. والأحياء الجنوبية أولا";
    let dump =
        format!("الرئيسية / حوارات\n{title}\n{}\n{}\nنسخ الرابط\nجميع الحقوق محفوظة © 2024\n", points[0], points[1]);
    let html = format!(
        "<!DOCTYPE html><html dir=\"rtl\" lang=\"ar\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body>\
         <div class=\"news\"><h1>{title}</h1><p>{}</p><p>{}</p></div>\
         <div class=\"footer\">جميع الحقوق محفوظة © 2024</div></body></html>",
        points[0], points[1]
    );
    for page in [dump, html] {
        let arts = articles(&page);
        assert_eq!(arts.len(), 1, "{page}: {arts:?}");
        assert_eq!(arts[0].title, title);
        assert_eq!(arts[0].paragraphs.len(), 2, "{:?}", arts[0].paragraphs);
    }
}

/// A page with no headline whose lead opens with a label printed over it too («الصحيفة تقول
/// للمسؤول:» over «الصحيفة تقول للمسؤول: …»): a headline is never the first words of its own lead, so the label is no
/// headline and the title is inferred.
#[test]
fn a_label_the_lead_opens_with_is_no_headline() {
    let lead = format!("الصحيفة تقول للمسؤول: {LEAD}");
    let page =
        format!("الرئيسية / محليات\nالصحيفة تقول للمسؤول:\n{lead}\n{SECOND}\n{THIRD}\nجميع الحقوق محفوظة © 2024\n");
    let a = the_only_article(&page);
    assert!(a.title_inferred, "{:?}", a.title);
    assert_eq!(a.paragraphs, [lead.as_str(), SECOND, THIRD]);
}

/// A column of dialogue with no headline, opening with a dashed line («- هل وصلت؟!»): a headline
/// never opens with a dash, so the title is inferred and the first line stays in the text.
#[test]
fn a_dialogue_column_without_headline_keeps_its_first_line() {
    let dialogue = [
        "هل وصلت الرسالة إلى البلدية؟!",
        "سأله صاحبه وهو يقلب الأوراق على الطاولة أمامه في المقهى القديم:",
        "وصلت، لكنهم قالوا إن الحدائق الجديدة لها الأولوية هذا العام.",
        "وماذا عن الطريق الذي وعدونا به منذ سنوات؟",
        "قالوا: بعد الحدائق، وبعد الصيف، وبعد أن تنتهي الميزانية الجديدة.",
        "ضحك صاحبه طويلا، ثم قال: إذن سننتظر كما انتظر آباؤنا من قبل.",
    ];
    let page = format!(
        "الرئيسية / كتاب وآراء\nتاريخ النشر: 2015/07/25\n- {}\n{}\n- {}\n- {}\n- {}\n{}\nجميع الحقوق محفوظة © 2024\n",
        dialogue[0], dialogue[1], dialogue[2], dialogue[3], dialogue[4], dialogue[5]
    );
    let a = the_only_article(&page);
    assert!(a.title_inferred, "{:?}", a.title);
    assert!(a.paragraphs[0].contains(dialogue[0]), "{:?}", a.paragraphs);
}

/// An intertitle over a paragraph that turns to another side of the subject («على صعيد آخر، …»,
/// «من جهته، …»): such a paragraph carries the article on, it never starts one (regression: the
/// intertitle and what followed became a second article).
#[test]
fn an_intertitle_over_a_paragraph_opening_on_another_front_stays_in_the_article() {
    for opener in ["على صعيد آخر، ", "من جهته، "] {
        let turn = format!(
            "{opener}أعلنت شركة المياه بدء العمل في تمديد خطوط جديدة إلى الأحياء الشرقية خلال الشهر المقبل، بكلفة تتجاوز عشرين مليون ريال."
        );
        let page = format!(
            "الرئيسية / محليات\n{HEADLINE}\n{LEAD}\n{SECOND}\n{THIRD}\nخطوط المياه\n{turn}\nجميع الحقوق محفوظة © 2024\n"
        );
        let arts = articles(&page);
        assert_eq!(arts.len(), 1, "{opener}: {arts:?}");
        assert_eq!(arts[0].paragraphs.last(), Some(&turn), "{opener}");
    }
}

/// A column whose first line reads like a headline (one clause, closed by «!»), printed under the
/// page's headline and its date line: the first line is the column's, and the headline stays
/// (regression: the first line replaced the headline, which was dropped as navigation).
#[test]
fn a_columns_headline_like_first_line_under_the_headline_and_date_is_text() {
    let lines = [
        "حين يأتي المساء نتذكر من غابوا عنا!",
        "كانوا هنا يملؤون البيت ضحكا وحكايات، ويسهرون معنا حتى يطلع الفجر على النوافذ.",
        "ثم رحلوا واحدا بعد الآخر، وبقيت أصواتهم في الزوايا تنادينا كلما هدأ الليل.",
        "نكتب إليهم ولا نرسل، ونحدثهم ولا ينتظرون جوابا، ونحفظ أسماءهم في القلب.",
    ];
    let page = format!(
        "الرئيسية / كتاب وآراء\nرسائل لا تصل إلى أحد\nالأحد 12 مارس 2023 | العدد 4410\n{}\nشارك: تويتر فيسبوك\n",
        lines.join("\n")
    );
    let a = the_only_article(&page);
    assert_eq!(a.title, "رسائل لا تصل إلى أحد");
    assert!(!a.title_inferred);
    assert_eq!(a.paragraphs, lines);
}

/// A writer's name no list of given names holds, under a column's headline, is the byline: the
/// recogniser reads it as a person's name (regression: the name became the title and the
/// headline was dropped as navigation).
#[test]
fn a_writers_name_no_list_holds_under_the_headline_is_the_byline() {
    let a = the_only_article(&page_with("جاسر عبدالعزيز الجاسر"));
    assert_eq!(a.title, HEADLINE);
    assert_eq!(a.author.as_deref(), Some("جاسر عبدالعزيز الجاسر"));
    assert_eq!(a.paragraphs, [LEAD, SECOND, THIRD]);
}

/// A portrait's caption — a title and a name, nothing else — over the text of a page that prints
/// no headline is not the headline (regression: «الرئيس التركي …» was the article's title).
#[test]
fn a_portraits_caption_over_a_page_without_headline_is_not_the_headline() {
    let page = format!(
        "دخول | تسجيل | اتصل بنا\nالرئيسية / محليات\nالمدينة - واس:\nالرئيس الفرنسي إيمانويل ماكرون\n{LEAD}\n{SECOND}\n{THIRD}\nشارك: تويتر فيسبوك\n"
    );
    let a = the_only_article(&page);
    assert!(a.title_inferred, "{a:?}");
    assert_eq!(a.paragraphs, [LEAD, SECOND, THIRD]);
}

/// The article's tags and comment count close it: a «للمزيد اقرأ» column after them is a second
/// article even when it speaks of the same city (regression: its paragraphs were read as the
/// first article's, across the tags, share and comment lines).
#[test]
fn text_after_the_tags_and_comment_count_is_never_the_same_articles() {
    let column = [
        "حين افتتحت البلدية حدائق جديدة في الأحياء الشمالية تذكرت حدائق المدينة القديمة التي كانت ملتقى أهلها كل مساء.",
        "فالحدائق في الأحياء ليست مسطحات خضراء وممرات للمشي فقط، بل ذاكرة المدينة وملاعب طفولتنا ومكان لقاء الجيران.",
        "وأرجو أن تبقى حدائق المدينة مفتوحة للزوار طوال أيام الأسبوع، وأن تنال الأحياء الجنوبية نصيبها منها قريبا.",
    ];
    let page = format!(
        "الرئيسية / محليات\n{HEADLINE}\n{LEAD}\n{SECOND}\n{THIRD}\nالكلمات الدالة: حدائق، بلدية\nمشاركة عبر\nالتعليقات (12)\nللمزيد اقرأ:\nالمدينة.. وذاكرة المكان\n{}\nجميع الحقوق محفوظة © 2024\n",
        column.join("\n")
    );
    let arts = articles(&page);
    assert_eq!(arts.len(), 2, "{arts:?}");
    assert_eq!(arts[0].paragraphs, [LEAD, SECOND, THIRD]);
    assert_eq!(arts[1].title, "المدينة.. وذاكرة المكان");
    assert_eq!(arts[1].paragraphs, column);
}

/// «طالع أيضاً» over a headline, its writer's name and a column that opens with one short
/// exclamation: a second article (regression: the three short lines were read as a list of
/// headlines and the column's paragraphs glued to the first article).
#[test]
fn a_read_also_column_opening_with_a_short_line_under_its_writer_is_a_second_article() {
    let column = [
        "خسر الفريق بخمسة أهداف!!",
        "لم تكن الخسارة مفاجئة لمن تابع استعدادات الفريق طوال الصيف، فالمعسكر كان قصيرا والمباريات الودية قليلة.",
        "والمطلوب اليوم أن تراجع الإدارة اختياراتها قبل بداية الموسم، وأن تمنح المدرب الوقت الكافي لبناء فريق قادر على المنافسة.",
    ];
    let page = format!(
        "الرئيسية / محليات\n{HEADLINE}\n{LEAD}\n{SECOND}\n{THIRD}\nطالع أيضاً\nدروس الهزيمة الثقيلة\nعبدالرحيم الفهيد\n{}\nجميع الحقوق محفوظة © 2024\n",
        column.join("\n")
    );
    let arts = articles(&page);
    assert_eq!(arts.len(), 2, "{arts:?}");
    assert_eq!(arts[0].paragraphs, [LEAD, SECOND, THIRD]);
    assert_eq!(arts[1].title, "دروس الهزيمة الثقيلة");
    assert_eq!(arts[1].author.as_deref(), Some("عبدالرحيم الفهيد"));
    assert_eq!(arts[1].paragraphs, column);
}

/// A poem under its headline and its poet's pen name — two words no list of names holds — and
/// the date: the pen name is the byline and the headline stays (regression: the pen name became
/// the title, then the first verse did).
#[test]
fn a_pen_name_under_a_poems_headline_is_the_byline() {
    let verses = [
        "أمر على الديار بلا رفاق",
        "وأسأل عن مواقد أهل بيتي",
        "فيرجع صوت أسئلتي إليا",
        "كأن الريح تعرف ما نويت",
        "وأمضي والطريق بلا نهاية",
        "وفي قلبي من الأحباب بيت",
    ];
    // With the date under the name, or a photo's credit too.
    for under in ["السبت 5 أغسطس 2023", "عدسة: سامي الحربي\nالسبت 5 أغسطس 2023"] {
        let page = format!(
            "الرئيسية / كتاب وآراء\nأغنية للمدن البعيدة\nنجمة الشمال\n{under}\n{}\nشارك: تويتر فيسبوك\n",
            verses.join("\n")
        );
        let a = the_only_article(&page);
        assert_eq!(a.title, "أغنية للمدن البعيدة", "{under}");
        assert_eq!(a.author.as_deref(), Some("نجمة الشمال"), "{under}");
        assert_eq!(a.paragraphs, verses, "{under}");
    }
}
