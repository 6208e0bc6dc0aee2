//! The cues the page algorithm reads: the word lists (headings, furniture, bylines, captions,
//! lead verbs…) and the named thresholds of the classification and the walk. They describe how
//! Arabic news pages are written, not any one site; each says what it is and why it is what it is.
//!
//! Word lists are written as outlets spell them; they are compared by a normalised key (see
//! [`crate::keys`]) unless said otherwise.

/// Headings that introduce page furniture rather than article text, in the wording outlets use.
/// Compared by [`key`](crate::keys::key): a line that *is* one of these (not one that starts with
/// it) is a heading, and what follows it is a list, not the article.
#[rustfmt::skip]
pub(super) const FURNITURE_HEADINGS: &[&str] = &[
    "أخبار ذات صلة", "اخبار ذات صلة", "مواضيع ذات صلة", "موضوعات ذات صلة", "مقالات ذات صلة", "روابط ذات صلة",
    "مواد ذات صلة", "ذات صلة", "أخبار متعلقة", "مواضيع متعلقة", "موضوعات متعلقة", "أخبار مشابهة", "مقالات مشابهة",
    "مواضيع مشابهة", "آخر الأخبار", "اخر الاخبار", "أحدث الأخبار", "الأخبار العاجلة", "عاجل", "آخر الأنباء",
    "الأكثر قراءة", "الأخبار الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا", "الأكثر تعليقا", "الأكثر شعبية",
    "الأكثر قراءة اليوم", "الأكثر قراءة هذا الأسبوع", "اخترنا لك", "اختيارات المحرر", "مختارات", "في هذا القسم",
    "من نفس القسم", "أخبار أخرى", "مقالات أخرى", "تابعونا", "تابعنا", "تابعونا على", "النشرة البريدية", "كلمات دالة",
    "كلمات مفتاحية", "الوسوم", "وسوم", "related", "related news", "more news", "most read", "latest news",
];

/// Line beginnings that close an article: its tags, its short link, its comments (by key, on
/// lines of at most 12 words). Also [`FURNITURE_PREFIXES`]; apart because text after one of them
/// is never the same article's — a body is not read across them.
#[rustfmt::skip]
pub(super) const ARTICLE_END_PREFIXES: &[&str] = &[
    "رابط مختصر", "الرابط المختصر", "الكلمات الدالة", "كلمات دالة", "الوسوم", "وسوم", "الكلمات المفتاحية",
    "كلمات مفتاحية", "tags", "التعليقات", "أضف تعليق", "اضف تعليقك",
];

/// Headings that may introduce a whole other article ("read also") or a few headlines. Kept apart
/// from [`FURNITURE_HEADINGS`] because under them the walk looks for an embedded article (a headline
/// its lead restates); and, followed by a colon and a headline on the same line, they mark an
/// inline link inside a body.
#[rustfmt::skip]
pub(super) const READ_ALSO_HEADINGS: &[&str] = &[
    "اقرأ أيضا", "إقرأ أيضا", "اقرأ ايضا", "اقرأ كذلك", "اقرأ المزيد", "شاهد أيضا", "شاهد ايضا", "طالع أيضا",
    "قد يهمك أيضا", "قد يهمك", "قد يعجبك أيضا", "قد يعجبك", "ربما يعجبك أيضا", "ربما يهمك", "المزيد", "للمزيد", "للمزيد اقرأ", "للمزيد طالع", "طالع ايضا", "read also",
    "read more", "you may also like",
];

/// Line beginnings that mark navigation, sharing and legal furniture. Matched as a whole first
/// word group (by key) or as a lowercase prefix, on lines of at most 12 words: a sentence that
/// happens to open with «شارك» runs longer.
#[rustfmt::skip]
pub(super) const FURNITURE_PREFIXES: &[&str] = &[
    "view on", "شاهد على", "اقرأ على", "تابعونا على", "تابعنا على", "اشترك", "للاشتراك",
    "جميع الحقوق محفوظة", "حقوق النشر", "©", "copyright", "all rights reserved", "طباعة", "أرسل لصديق",
    "share", "tweet", "facebook", "twitter", "whatsapp", "telegram", "advertisement", "تحميل التطبيق",
    "حمل تطبيق", "اضغط هنا", "انقر هنا", "click here", "التعليقات", "أضف تعليق", "اضف تعليقك",
    // Account and edition links: «دخول | تسجيل», «النسخة الورقية».
    "تسجيل الدخول", "اتصل بنا", "تسجيل دخول", "النسخة الورقية", "الطبعة الورقية", "النسخة الإلكترونية",
    "النسخة المطبوعة", "حالة الطقس",
    // Link sharing: «نسخ الرابط», «رابط مختصر: …».
    "نسخ الرابط", "رابط مختصر", "الرابط المختصر",
    // Tag lines: «الكلمات الدالة: …».
    "الكلمات الدالة", "كلمات دالة", "الوسوم", "وسوم", "الكلمات المفتاحية", "كلمات مفتاحية", "tags",
];

/// Words that are furniture as a button or a label — alone, before a colon, or in a bar of links
/// («شارك», «إعلان», «دخول | تسجيل») — but open headlines as often («شارك 500 طالب …», «إعلان
/// الحرب …», «دخول المساعدات …»). By key.
#[rustfmt::skip]
pub(super) const FURNITURE_BUTTONS: &[&str] = &["شارك", "مشاركه", "اعلان", "اعلانات", "مساحه اعلانيه", "دخول"];

/// Words a line of [`FURNITURE_BUTTONS`] has at most to be a button without a colon or a bar.
pub(super) const MAX_BUTTON_WORDS: usize = 3;

/// First crumbs of a breadcrumb trail: a line of crumbs that opens with one is a breadcrumb
/// whatever separators it uses.
pub(super) const HOME_CRUMBS: &[&str] = &["الرئيسية", "الصفحة الرئيسية", "الرئيسيه", "home", "accueil"];

/// Bullets a list item may open with (followed by whitespace); stripped before a line is read.
pub(super) const BULLETS: &[char] = &['•', '·', '▪', '●', '◾', '◦', '■', '*', '-', '–', '—', '»', '>'];

/// First words of a photo or video caption or credit («صورة أرشيفية», «Photo: AFP»), by key. Short
/// lines opening with one are captions, not headlines.
pub(super) const CAPTION_WORDS: &[&str] =
    &["صوره", "الصوره", "ارشيفيه", "ارشيف", "الارشيف", "فيديو", "منظر", "لقطه", "photo", "image", "credit"];

/// Photographers' credits inside a caption, followed by a colon and a name: «(تصوير: NAME)»,
/// «عدسة: NAME» (normalised).
pub(super) const PHOTO_CREDITS: &[&str] = &["تصوير", "عدسه", "بعدسه", "تصويرنا"];

/// What a page counts next to an article («57 تعليق», «1,204 مشاهدة», «320 views»), by key: a
/// number and one of these is a counter, not text.
pub(super) const COUNTED: &[&str] = &[
    "تعليق",
    "تعليقا",
    "تعليقات",
    "مشاهده",
    "مشاهدات",
    "قراءه",
    "قراءات",
    "زياره",
    "زيارات",
    "اعجاب",
    "مشاركه",
    "مشاركات",
    "comments",
    "comment",
    "views",
    "likes",
    "shares",
];

/// Words a caption naming its scene with «جانب من …» ("part of the …") runs to at most; a
/// sentence opening so runs on.
pub(super) const SCENE_CAPTION_WORDS: usize = 8;

/// Events a photo is «من …» ("from the …"): «من جولة الوزير», «من الحفل», by key without «ال».
pub(super) const SCENE_NOUNS: &[&str] =
    &["جوله", "زياره", "حفل", "لقاء", "اجتماع", "افتتاح", "فعاليات", "مباراه", "تدريبات", "معسكر", "ورشه", "احتفال"];

/// Words that join a person to the scene a photo shows («NAME خلال الجولة», «NAME أثناء
/// الحفل»), by key: a caption names someone and where they were, a headline says what they did.
pub(super) const SCENE_LINKS: &[&str] = &["خلال", "اثناء", "لدى", "عقب", "متحدثا", "يتوسط", "تتوسط"];

/// Byline verbs that also open sentences («كتب الرئيس رسالة»): a byline only with a colon or dash
/// after them. Not «تقرير:» or «حوار:»: those open headlines («تقرير: انهيار العملة»).
pub(super) const BYLINE_VERBS: &[&str] = &["كتب", "كتبت", "إعداد", "اعداد", "تحرير"];
/// Byline words that never open a sentence, so need no mark after them (compared lowercase).
pub(super) const BYLINE_WORDS: &[&str] = &["بقلم", "بقلم:", "بواسطة", "by"];
/// The bare verbs of a byline without a colon («كتب محمد السيد»), read so only under a headline.
pub(super) const BARE_BYLINE_VERBS: &[&str] = &["كتب", "كتبت"];

/// Labels of an attribution line («المصدر: وكالات»), normalised, followed by a colon or dash.
pub(super) const ATTRIBUTION_LABELS: &[&str] = &["المصدر", "المصادر", "مصدر الخبر", "source"];

/// Words from which a line is running text whatever its punctuation; also the length under which
/// a line cut short with «…» is still a list item (a longer one is a stray paragraph).
pub(super) const PARAGRAPH_WORDS: usize = 25;

/// The longest interruption (furniture, a heading and its short list) a body is read across, in
/// lines: real pages break a body with an advert, a share bar or a «اقرأ أيضا» box of a few
/// headlines; anything longer is the end of the article.
pub(super) const MAX_INTERRUPTION: usize = 6;

/// Words too common in news to tell two articles apart (for topical similarity only): stems
/// (normalised, as [`marsad_text::analyze`] gives them) dropped from the content keys, so that two
/// unrelated reports do not look alike because both say «قال» and «الرئيس».
#[rustfmt::skip]
pub(crate) const GENERIC_NEWS_WORDS: &[&str] = &[
    "قال", "قالت", "اعلن", "اعلنت", "اضاف", "اضافت", "اكد", "اكدت", "اشار", "اشارت", "ذكر", "ذكرت", "رئيس", "الرئيس",
    "حكوم", "دول", "يوم", "عام", "سنه", "اليوم", "الذي", "خلال", "بعد", "قبل", "وزير", "مسوول", "كان", "كانت", "تم",
];

/// Verbs that open news leads (normalised, past tense, both genders): where one stands a few words
/// into a paragraph, a headline glued to its lead may end just before it.
#[rustfmt::skip]
pub(crate) const LEAD_VERBS: &[&str] = &[
    "قال", "قالت", "اعلن", "اعلنت", "ذكر", "ذكرت", "افاد", "افادت", "كشف", "كشفت", "اكد", "اكدت", "نفي", "نفت",
    "استقبل", "استقبلت", "وصل", "وصلت", "قتل", "لقي", "اصيب", "اصيبت", "اثار", "اثارت", "بدا", "بدات", "شن", "شنت",
    "اطلق", "اطلقت", "فاز", "فازت", "دعا", "دعت", "طالب", "طالبت", "وافق", "وافقت", "رفض", "رفضت", "اعرب", "اعربت",
    "اتهم", "اتهمت", "حذر", "حذرت", "يعتزم", "تعتزم", "نشرت", "نشر", "اظهرت", "اظهر", "تمكن", "تمكنت", "انتقد",
    "انتقدت", "اعتبر", "اعتبرت", "اختتم", "اختتمت", "افتتح", "افتتحت", "توفي", "تعرض", "تعرضت", "سجل", "سجلت",
];

/// A line this long is a paragraph even without final punctuation, once a headline precedes it.
pub(crate) const LEAD_WORDS: usize = 16;

/// Below this similarity to its article, a paragraph is about something else: the share of its
/// content keys the article already used. Below it, a paragraph with a glued headline is a teaser,
/// and a headline and lead that start a new subject end the body.
pub(crate) const OFF_TOPIC: f32 = 0.22;
/// A headline counts as restated when this share of its keys (and at least three) recur in the lead.
pub(crate) const RESTATED: f32 = 0.5;

/// Phrases that carry a text on to another side of its subject or point back to someone it named
/// («من جهته», «على صعيد آخر», «يذكر أن»): a paragraph opening with one continues an article, it
/// never starts one. Of 45,000 ANT and SaudiNewsNet articles, 4 open with one of these; 6,300 of
/// their later paragraphs do. Compared normalised (see [`marsad_text::normalize`]).
#[rustfmt::skip]
pub(crate) const CONTINUATION_OPENERS: &[&str] = &[
    "على صعيد آخر", "على صعيد متصل", "من جهة أخرى", "من جهة ثانية", "من ناحية أخرى", "في سياق آخر",
    "في سياق متصل", "في السياق ذاته", "في السياق نفسه", "في هذا السياق", "في غضون ذلك", "إلى ذلك",
    "من جانبه", "من جانبها", "من جهته", "من جهتها", "بدوره", "بدورها", "في المقابل", "يذكر أن",
    "يشار إلى أن", "في الأثناء", "في هذه الأثناء",
];
