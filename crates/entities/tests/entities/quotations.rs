//! Quotations and their speakers: direct, reported, carried over, by role, in a headline.

use marsad_entities::EntityKind::{Organization, Person};
use marsad_entities::{Attribution, QuoteForm};

use super::annotate_named;

fn quotes(blocks: &[&str], names: &[(&str, marsad_entities::EntityKind)]) -> Vec<(QuoteForm, Option<String>, String)> {
    let a = annotate_named(blocks, names);
    a.quotes
        .iter()
        .map(|q| (q.form, q.speaker.map(|e| a.entities[e].name.clone()), blocks[q.block][q.range.clone()].to_string()))
        .collect()
}

#[test]
fn direct_and_reported_speech_with_a_named_speaker() {
    let blocks = [
        "عنوان",
        "وقال الرئيس الفرنسي إيمانويل ماكرون إن الاتفاق ما زال ممكنا رغم الخلاف.",
        "وقال ماكرون: «لن نتخلى عن حلفائنا أبدا».",
    ];
    let q = quotes(&blocks, &[("إيمانويل ماكرون", Person), ("ماكرون", Person)]);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0], (QuoteForm::Reported, Some("إيمانويل ماكرون".into()), "الاتفاق ما زال ممكنا رغم الخلاف".into()));
    assert_eq!(q[1], (QuoteForm::Direct, Some("إيمانويل ماكرون".into()), "لن نتخلى عن حلفائنا أبدا".into()));
}

#[test]
fn a_speaker_carries_over_to_wa_adaf_and_to_a_participle() {
    let blocks = [
        "عنوان",
        "قال أنطونيو غوتيريش إن الوضع الإنساني يتدهور بسرعة كبيرة.",
        "وأضاف أن المساعدات لا تصل إلى المحتاجين، موضحا بقوله: \"علينا أن نتحرك الآن\".",
    ];
    let q = quotes(&blocks, &[("أنطونيو غوتيريش", Person)]);
    assert_eq!(q.len(), 3, "{q:?}");
    assert!(q.iter().all(|(_, s, _)| s.as_deref() == Some("أنطونيو غوتيريش")), "{q:?}");
}

#[test]
fn a_role_names_the_person_the_article_gave_it() {
    let blocks = [
        "عنوان",
        "التقى المتحدث باسم الكرملين ديمتري بيسكوف الصحفيين صباحا.",
        "وقال المتحدث باسم الكرملين إن موعد القمة لم يحدد بعد.",
    ];
    let a = annotate_named(&blocks, &[("ديمتري بيسكوف", Person), ("الكرملين", Organization)]);
    let q = &a.quotes[0];
    assert_eq!(q.attribution, Some(Attribution::Role));
    assert_eq!(a.entities[q.speaker.expect("a speaker")].name, "ديمتري بيسكوف");
}

#[test]
fn unnamed_sources_are_nobody_and_scare_quotes_are_no_speech() {
    let blocks = ["عنوان", "وقال مسؤول إن الاجتماع سيعقد غدا في العاصمة.", "ووصف الوزير الخطة بأنها \"مؤامرة\"."];
    let q = quotes(&blocks, &[]);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1, None);
}

#[test]
fn a_headline_name_and_colon_quote_that_person() {
    let blocks = ["بوتين: قمة آستانا تروج لنظام عالمي جديد", "نص الخبر."];
    let q = quotes(&blocks, &[("بوتين", Person)]);
    assert_eq!(q, vec![(QuoteForm::Direct, Some("بوتين".into()), "قمة آستانا تروج لنظام عالمي جديد".into())]);
}

/// Found in the quotation labels: «قال جونسون لشبكة …» tagged as the person «جونسون لشبكة», and
/// «فإن بورنستين» with its particle, so neither met the full name the article gave first.
#[test]
fn the_medium_spoken_to_and_a_particle_before_the_name_are_not_the_speaker() {
    let blocks = [
        "عنوان",
        "اعتذر الرئيس التنفيذي كيفن جونسون عن الحادثة في بيان.",
        "وقال جونسون لشبكة إخبارية إن ما حدث كان خطأ لا يتكرر.",
        "وبحسب الطبيب فإن بورنستين قال إن العيادة تعرضت للمداهمة صباحا.",
        "وكان الطبيب هارولد بورنستين قد عالج الرئيس سنوات.",
    ];
    let q = quotes(
        &blocks,
        &[("كيفن جونسون", Person), ("جونسون لشبكة", Person), ("فإن بورنستين", Person), ("هارولد بورنستين", Person)],
    );
    let by = |text: &str| q.iter().find(|(_, _, t)| t.starts_with(text)).and_then(|(_, s, _)| s.clone());
    assert_eq!(by("ما حدث").as_deref(), Some("كيفن جونسون"), "{q:?}");
    assert_eq!(by("العيادة").as_deref(), Some("هارولد بورنستين"), "{q:?}");
}

/// Found: «وقال الوزير الروسي أيضا إن …» attributed to nobody though the article named
/// «وزير الخارجية الروسي، سيرغي لافروف» — «وزير» was read as «و» + «زير» when roles were compared.
#[test]
fn a_role_opening_with_waw_names_the_person_the_article_gave_it() {
    let blocks = [
        "اتهم وزير الخارجية الروسي، سيرغي لافروف، الولايات المتحدة بعرقلة نزع السلاح.",
        "وقال الوزير الروسي أيضا إن \"روسيا لم تنشر هذا النوع من الأسلحة\".",
    ];
    let a = annotate_named(&blocks, &[("سيرغي لافروف", Person)]);
    let q = &a.quotes[0];
    assert_eq!(q.attribution, Some(Attribution::Role), "{:?}", a.quotes);
    assert_eq!(a.entities[q.speaker.expect("a speaker")].name, "سيرغي لافروف");
}

/// «ووصف بوتين التدخل بأنه "…"», «وخلص لافروف إلى القول إن …»: describing and concluding are
/// speech too.
#[test]
fn describing_and_concluding_verbs_introduce_speech() {
    let blocks = [
        "ووصف بوتين التدخل في سوريا بأنه \"خبرة وأداة فريدة لتطوير أداء الجيش\".",
        "وخلص لافروف إلى القول إن الأوروبيين سيرفضون نشر هذه الأسلحة على أراضيهم.",
    ];
    let q = quotes(&blocks, &[("بوتين", Person), ("لافروف", Person)]);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("بوتين"), "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("لافروف"), "{q:?}");
}

/// Found: «وانبرى السفير روبرت وود … إلى تفنيد تصريحات لافروف بقوله إنه "…"» given to Lavrov,
/// the speaker before — a participle goes on with its own sentence's subject when it has one.
#[test]
fn a_participle_goes_on_with_its_own_sentence_subject() {
    let blocks = [
        "وقال لافروف إن \"الأسلحة النووية الأميركية في أوروبا تعيق نزع السلاح\".",
        "وانبرى السفير الأميركي روبرت وود إلى تفنيد تصريحات لافروف بقوله إنه \"تصريح روسي مألوف يسعى إلى إلقاء اللوم\".",
        "وأضاف \"لا جديد في هذا الكلام كله\".",
    ];
    let q = quotes(&blocks, &[("لافروف", Person), ("روبرت وود", Person)]);
    let speaker = |text: &str| q.iter().find(|(_, _, t)| t.contains(text)).and_then(|(_, s, _)| s.clone());
    assert_eq!(speaker("الأسلحة النووية").as_deref(), Some("لافروف"), "{q:?}");
    assert_eq!(speaker("تصريح روسي").as_deref(), Some("روبرت وود"), "{q:?}");
    assert_eq!(speaker("لا جديد").as_deref(), Some("روبرت وود"), "{q:?}");
}

/// Found: «وكان بوتن قد أكد … مع نظيره السوري بشار الأسد، أن …» given to Assad, the first name
/// after the verb: with «قد», the subject stands before the verb.
#[test]
fn the_subject_before_qad_and_the_verb_is_the_speaker() {
    let blocks = ["وكان بوتن قد أكد في مايو خلال لقاء مع نظيره السوري بشار الأسد، أن العملية السياسية ستبدأ قريبا."];
    let q = quotes(&blocks, &[("بوتن", Person), ("بشار الأسد", Person)]);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("بوتن"), "{q:?}");
}

#[test]
fn calling_on_someone_is_speech() {
    let blocks = ["ودعا راخوي \"المجتمع الإسباني بكامله إلى تذكر كل ضحية على حدة\"."];
    let q = quotes(&blocks, &[("راخوي", Person)]);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("راخوي"), "{q:?}");
}

/// The bug: «وأكدت الحكومة اليمنية أن …» had no speaker — the tagger marks such bodies rarely —
/// so a government's, a ministry's or an agency's words were nobody's.
#[test]
fn a_body_named_after_a_speech_verb_is_the_speaker() {
    let blocks = [
        "عنوان",
        "وأكدت الحكومة اليمنية أن تحرير الميناء بداية النهاية للحرب.",
        "وذكرت وكالة الأنباء السورية أن القوات وصلت إلى المدينة صباحا.",
        "وقالت الحكومة إن المفاوضات متوقفة منذ أشهر طويلة.",
    ];
    let q = quotes(&blocks, &[]);
    assert_eq!(q.len(), 3, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("الحكومة اليمنية"), "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("وكالة الأنباء السورية"), "{q:?}");
    assert_eq!(q[2].1, None, "a government of no one in particular is no speaker: {q:?}");
}
