//! Who a text cites and where it was filed from: news agencies and media named in the body (with
//! their Arabic spellings), datelines («سول - المغرب اليوم», «بيروت (رويترز) -»), and the places
//! datelines name.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::keys::key;
use crate::model::{Dateline, Source};
use crate::outlets;

/// Agencies and media, with the spellings Arabic text uses. Names that are also ordinary words
/// (الجزيرة "the island", فارس "knight", مهر "dowry") are listed only with a qualifier
/// («قناة الجزيرة», «وكالة فارس») so that «شبه الجزيرة الكورية» cites nobody.
#[rustfmt::skip]
const AGENCIES: &[(&str, &[&str])] = &[
    ("Reuters", &["رويترز", "رويتر", "reuters"]),
    ("AFP", &["فرانس برس", "فرانس بريس", "أ ف ب", "أ.ف.ب", "ا ف ب", "وكالة الصحافة الفرنسية", "afp"]),
    ("AP", &["أسوشيتد برس", "أسوشيتيد برس", "اسوشيتد برس", "أسوشييتد برس", "أسوشيتدبرس", "associated press"]),
    ("Anadolu", &["الأناضول", "وكالة الأناضول", "anadolu"]),
    ("SPA", &["وكالة الأنباء السعودية", "واس"]),
    ("WAM", &["وكالة أنباء الإمارات", "وام"]),
    ("MENA", &["وكالة أنباء الشرق الأوسط", "أ ش أ", "ا ش ا"]),
    ("QNA", &["وكالة الأنباء القطرية", "قنا"]),
    ("KUNA", &["وكالة الأنباء الكويتية", "كونا"]),
    ("SANA", &["الوكالة العربية السورية للأنباء", "سانا"]),
    ("IRNA", &["وكالة الأنباء الإيرانية", "إرنا", "ارنا"]),
    ("TASS", &["تاس", "إيتار تاس", "ايتار تاس"]),
    ("RIA Novosti", &["ريا نوفوستي", "نوفوستي"]),
    ("Interfax", &["إنترفاكس", "انترفاكس"]),
    ("Xinhua", &["شينخوا", "شينهوا", "شنخوا"]),
    ("KCNA", &["الوكالة المركزية الكورية", "وكالة الأنباء المركزية الكورية", "كيه سي إن إيه"]),
    ("Yonhap", &["يونهاب", "يونهاپ"]),
    ("Kyodo", &["كيودو"]),
    ("dpa", &["الألمانية للأنباء", "د ب أ", "د.ب.أ"]),
    ("EFE", &["إفي", "وكالة إفي"]),
    ("Petra", &["بترا", "وكالة الأنباء الأردنية"]),
    ("WAFA", &["وفا", "وكالة الأنباء الفلسطينية"]),
    ("MAP", &["وكالة المغرب العربي للأنباء", "لاماب"]),
    ("APS", &["وكالة الأنباء الجزائرية"]),
    ("TAP", &["وكالة تونس إفريقيا للأنباء", "وكالة تونس افريقيا للانباء"]),
    ("INA", &["وكالة الأنباء العراقية"]),
    ("SUNA", &["وكالة السودان للأنباء", "سونا"]),
    ("Saba", &["وكالة سبأ", "وكالة الأنباء اليمنية"]),
    ("NNA", &["الوكالة الوطنية للإعلام"]),
    ("Fars", &["وكالة فارس", "وكالة أنباء فارس"]),
    ("Tasnim", &["تسنيم", "وكالة تسنيم"]),
    ("Mehr", &["وكالة مهر", "وكالة أنباء مهر"]),
    ("Sputnik", &["سبوتنيك", "sputnik"]),
    ("RT", &["روسيا اليوم", "آر تي"]),
    ("BBC", &["بي بي سي", "bbc"]),
    ("CNN", &["سي إن إن", "سي ان ان", "cnn"]),
    ("Al Jazeera", &["قناة الجزيرة", "شبكة الجزيرة", "الجزيرة نت", "al jazeera"]),
    ("Al Arabiya", &["قناة العربية", "العربية نت", "العربية.نت"]),
    ("Sky News Arabia", &["سكاي نيوز عربية", "سكاي نيوز"]),
    ("France 24", &["فرانس 24", "فرانس24"]),
    ("The Telegraph", &["تليغراف", "تلغراف", "التلغراف", "ديلي تلغراف", "ديلي تليغراف", "telegraph"]),
    ("The New York Times", &["نيويورك تايمز", "new york times"]),
    ("The Washington Post", &["واشنطن بوست", "washington post"]),
    ("The Guardian", &["الغارديان", "الجارديان", "غارديان", "guardian"]),
    ("The Times", &["التايمز", "ذا تايمز"]),
    ("The Independent", &["الإندبندنت", "إندبندنت", "اندبندنت"]),
    ("Financial Times", &["فايننشال تايمز", "فاينانشال تايمز", "financial times"]),
    ("The Wall Street Journal", &["وول ستريت جورنال", "wall street journal"]),
    ("Bloomberg", &["بلومبرغ", "بلومبيرغ", "بلومبرج", "bloomberg"]),
    ("Le Monde", &["لوموند", "le monde"]),
    ("Der Spiegel", &["دير شبيغل", "شبيغل"]),
    ("Haaretz", &["هآرتس", "هارتس"]),
    ("Yedioth Ahronoth", &["يديعوت أحرونوت", "يديعوت احرونوت"]),
    ("Asharq Al-Awsat", &["الشرق الأوسط اللندنية", "صحيفة الشرق الأوسط"]),
    ("Axios", &["أكسيوس", "اكسيوس", "axios"]),
    ("Politico", &["بوليتيكو", "politico"]),
    ("NBC", &["إن بي سي", "ان بي سي"]),
    ("CBS", &["سي بي إس", "سي بي اس"]),
    ("Fox News", &["فوكس نيوز"]),
];

/// Agency acronyms that are also everyday words or too short to look for in running text
/// («ومع» is "and with"), recognised only as the whole source of a dateline or attribution:
/// «الجزائر - واج», «الرباط (ومع)».
const DATELINE_AGENCIES: &[(&str, &[&str])] = &[
    ("APS", &["واج"]),
    ("MAP", &["ومع", "و م ع", "و.م.ع"]),
    ("TAP", &["وات"]),
    ("INA", &["واع"]),
    ("BNA", &["بنا"]),
    ("ONA", &["العمانية", "وكالة الأنباء العمانية"]),
    ("NNA", &["الوطنية"]),
    ("MENA", &["أ ش أ", "ا ش ا"]),
];

/// The agency a dateline's or attribution's whole source names by its short form.
pub fn short_agency(source: &str) -> Option<String> {
    let k = key(source.trim_matches(|c: char| c.is_whitespace() || "()[]".contains(c)));
    DATELINE_AGENCIES.iter().find(|(_, names)| names.iter().any(|n| key(n) == k)).map(|(id, _)| id.to_string())
}

/// Normalised agency spelling (as a word sequence) → canonical name, longest spellings first.
fn agency_patterns() -> &'static Vec<(Vec<String>, &'static str)> {
    static P: OnceLock<Vec<(Vec<String>, &'static str)>> = OnceLock::new();
    P.get_or_init(|| {
        let mut v: Vec<(Vec<String>, &'static str)> = AGENCIES
            .iter()
            .flat_map(|(name, spellings)| {
                spellings.iter().map(move |s| (key(s).split(' ').map(String::from).collect(), *name))
            })
            .collect();
        v.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        v
    })
}

/// Words of `text`, normalised, with the clitics that attach to names peeled off: «ولرويترز» and
/// «لوكالة» still name Reuters and an agency.
fn name_words(text: &str) -> Vec<String> {
    key(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut w = w;
            for p in ["و", "ف", "ب", "ل"] {
                if w.len() > p.len() + 4
                    && let Some(r) = w.strip_prefix(p)
                {
                    w = r;
                }
            }
            w.to_string()
        })
        .collect()
}

/// How much of a text is searched for citations: far beyond any real article, and a bound on
/// the work hostile input can cause.
const MAX_CITATION_SCAN: usize = 256 * 1024;

/// The agencies and media a text cites, canonical names in order of first mention.
pub fn cited_agencies(text: &str) -> Vec<String> {
    let mut end = text.len().min(MAX_CITATION_SCAN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let words = key(text).split(' ').map(String::from).collect::<Vec<_>>();
    let peeled = name_words(text);
    let mut found: Vec<String> = Vec::new();
    for seq in [&words, &peeled] {
        let mut i = 0;
        while i < seq.len() {
            let hit = agency_patterns().iter().find(|(p, _)| seq.len() >= i + p.len() && seq[i..i + p.len()] == p[..]);
            match hit {
                Some((p, name)) => {
                    if !found.iter().any(|f| f == name) {
                        found.push((*name).to_string());
                    }
                    i += p.len();
                }
                None => i += 1,
            }
        }
    }
    found
}

/// An agency's name as a reader is shown it: the first Arabic spelling the tables give, with the
/// canonical Latin name in parentheses («يونهاب (Yonhap)»); a name the tables do not know is
/// returned as it is.
pub fn agency_display(name: &str) -> String {
    let arabic = |spellings: &[&'static str]| -> Option<&'static str> {
        spellings.iter().copied().find(|s| s.chars().any(marsad_text::is_arabic_letter))
    };
    AGENCIES
        .iter()
        .chain(DATELINE_AGENCIES)
        .find(|(n, _)| *n == name)
        .and_then(|(_, spellings)| arabic(spellings))
        .map_or_else(|| name.to_string(), |ar| format!("{ar} ({name})"))
}

/// Resolves a source name as written («سبوتنيك», «سام برس») to a canonical id: an outlet id when it
/// is an outlet marsad knows, else an agency name.
pub fn resolve_source(name: &str) -> Source {
    let id = outlets::by_name(name)
        .map(|o| o.id)
        .or_else(|| outlets::mentioned_in(name).map(|o| o.id))
        .or_else(|| cited_agencies(name).into_iter().next())
        .or_else(|| short_agency(name));
    Source { name: name.trim().to_string(), id }
}

/// Places datelines name, in Arabic spellings → English.
#[rustfmt::skip]
const PLACES: &[(&str, &[&str])] = &[
    ("Seoul", &["سول", "سيول"]), ("Pyongyang", &["بيونغ يانغ", "بيونج يانج", "بيونغيانغ"]), ("Tokyo", &["طوكيو"]),
    ("Beijing", &["بكين", "بيجين"]), ("Moscow", &["موسكو"]), ("Washington", &["واشنطن"]), ("New York", &["نيويورك"]),
    ("London", &["لندن"]), ("Paris", &["باريس"]), ("Berlin", &["برلين"]), ("Rome", &["روما"]), ("Madrid", &["مدريد"]),
    ("Brussels", &["بروكسل"]), ("Geneva", &["جنيف"]), ("Vienna", &["فيينا"]), ("Ankara", &["أنقرة"]), ("Istanbul", &["إسطنبول", "اسطنبول"]),
    ("Tehran", &["طهران"]), ("Baghdad", &["بغداد"]), ("Erbil", &["أربيل"]), ("Basra", &["البصرة"]), ("Mosul", &["الموصل"]),
    ("Damascus", &["دمشق"]), ("Aleppo", &["حلب"]), ("Beirut", &["بيروت"]), ("Amman", &["عمان"]), ("Jerusalem", &["القدس"]),
    ("Ramallah", &["رام الله"]), ("Gaza", &["غزة"]), ("Tel Aviv", &["تل أبيب"]), ("Cairo", &["القاهرة"]), ("Alexandria", &["الإسكندرية"]),
    ("Khartoum", &["الخرطوم"]), ("Tripoli", &["طرابلس"]), ("Benghazi", &["بنغازي"]), ("Tunis", &["تونس"]), ("Algiers", &["الجزائر"]),
    ("Rabat", &["الرباط"]), ("Casablanca", &["الدار البيضاء"]), ("Nouakchott", &["نواكشوط"]), ("Riyadh", &["الرياض"]), ("Jeddah", &["جدة"]),
    ("Mecca", &["مكة المكرمة", "مكة"]), ("Medina", &["المدينة المنورة"]), ("Dubai", &["دبي"]), ("Abu Dhabi", &["أبوظبي", "أبو ظبي"]),
    ("Doha", &["الدوحة"]), ("Kuwait City", &["الكويت"]), ("Manama", &["المنامة"]), ("Muscat", &["مسقط"]), ("Sanaa", &["صنعاء"]),
    ("Aden", &["عدن"]), ("Hodeidah", &["الحديدة"]), ("Kabul", &["كابول"]), ("Islamabad", &["إسلام آباد"]), ("New Delhi", &["نيودلهي"]),
    ("Kiev", &["كييف"]), ("Minsk", &["مينسك"]), ("Astana", &["أستانا", "آستانا"]), ("Vladivostok", &["فلاديفوستوك"]),
    ("Hanoi", &["هانوي"]), ("Singapore", &["سنغافورة"]), ("Hong Kong", &["هونغ كونغ"]), ("Sydney", &["سيدني"]),
    ("Ottawa", &["أوتاوا"]), ("Mexico City", &["مكسيكو"]), ("Brasilia", &["برازيليا"]), ("Caracas", &["كراكاس"]),
    ("Havana", &["هافانا"]), ("Nairobi", &["نيروبي"]), ("Addis Ababa", &["أديس أبابا"]), ("Mogadishu", &["مقديشو"]),
    ("Johannesburg", &["جوهانسبرغ"]), ("Lagos", &["لاغوس"]), ("Dakar", &["داكار"]), ("Bamako", &["باماكو"]),
    ("Athens", &["أثينا"]), ("Nicosia", &["نيقوسيا"]), ("Stockholm", &["ستوكهولم"]), ("Oslo", &["أوسلو"]),
    ("The Hague", &["لاهاي"]), ("Warsaw", &["وارسو"]), ("Budapest", &["بودابست"]), ("Sochi", &["سوتشي"]),
    // Provincial cities of the Arab countries: local newspapers date most of their reports from
    // them, and a reporter's line under a headline names one («أبها - NAME»). Cities whose name is
    // also an everyday word (الخبر "the news", صور "pictures", العين "the eye") are left out.
    ("Dammam", &["الدمام"]), ("Dhahran", &["الظهران"]), ("Jubail", &["الجبيل"]),
    ("Al-Ahsa", &["الأحساء", "الاحساء"]), ("Qatif", &["القطيف"]), ("Hofuf", &["الهفوف"]), ("Abha", &["أبها"]),
    ("Khamis Mushait", &["خميس مشيط"]), ("Taif", &["الطائف"]), ("Tabuk", &["تبوك"]), ("Buraidah", &["بريدة"]),
    ("Unaizah", &["عنيزة"]), ("Hail", &["حائل"]), ("Najran", &["نجران"]), ("Jazan", &["جازان", "جيزان"]),
    ("Al-Baha", &["الباحة"]), ("Yanbu", &["ينبع"]), ("Arar", &["عرعر"]), ("Sakaka", &["سكاكا"]),
    ("Qurayyat", &["القريات"]), ("Al-Kharj", &["الخرج"]), ("Sharjah", &["الشارقة"]), ("Ajman", &["عجمان"]), ("Ras Al Khaimah", &["رأس الخيمة"]), ("Fujairah", &["الفجيرة"]), ("Salalah", &["صلالة"]),
    ("Sohar", &["صحار"]), ("Taiz", &["تعز"]), ("Mukalla", &["المكلا"]), ("Marib", &["مأرب"]), ("Najaf", &["النجف"]),
    ("Karbala", &["كربلاء"]), ("Kirkuk", &["كركوك"]), ("Sulaymaniyah", &["السليمانية"]), ("Ramadi", &["الرمادي"]),
    ("Fallujah", &["الفلوجة"]), ("Tikrit", &["تكريت"]), ("Homs", &["حمص"]), ("Hama", &["حماة"]),
    ("Latakia", &["اللاذقية"]), ("Idlib", &["إدلب", "ادلب"]), ("Deir ez-Zor", &["دير الزور"]), ("Raqqa", &["الرقة"]),
    ("Daraa", &["درعا"]), ("Tartus", &["طرطوس"]), ("Sidon", &["صيدا"]), ("Zahle", &["زحلة"]),
    ("Irbid", &["إربد", "اربد"]), ("Zarqa", &["الزرقاء"]), ("Aqaba", &["العقبة"]), ("Nablus", &["نابلس"]),
    ("Hebron", &["الخليل"]), ("Jenin", &["جنين"]), ("Bethlehem", &["بيت لحم"]), ("Jericho", &["أريحا"]),
    ("Giza", &["الجيزة"]), ("Aswan", &["أسوان"]), ("Luxor", &["الأقصر"]), ("Port Said", &["بورسعيد", "بور سعيد"]),
    ("Suez", &["السويس"]), ("Ismailia", &["الإسماعيلية"]), ("Mansoura", &["المنصورة"]), ("Tanta", &["طنطا"]),
    ("Asyut", &["أسيوط"]), ("Arish", &["العريش"]), ("Misrata", &["مصراتة"]), ("Sabha", &["سبها"]),
    ("Sfax", &["صفاقس"]), ("Sousse", &["سوسة"]), ("Kairouan", &["القيروان"]), ("Bizerte", &["بنزرت"]),
    ("Oran", &["وهران"]), ("Constantine", &["قسنطينة"]), ("Annaba", &["عنابة"]), ("Marrakesh", &["مراكش"]),
    ("Fez", &["فاس"]), ("Tangier", &["طنجة"]), ("Agadir", &["أكادير", "اكادير"]), ("Meknes", &["مكناس"]),
    ("Omdurman", &["أم درمان"]), ("Port Sudan", &["بورتسودان"]), ("El Fasher", &["الفاشر"]), ("Nyala", &["نيالا"]),
];

fn place_index() -> &'static HashMap<String, &'static str> {
    static I: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    I.get_or_init(|| PLACES.iter().flat_map(|(en, ars)| ars.iter().map(move |a| (key(a), *en))).collect())
}

/// The English name of a place written in Arabic, if marsad knows it.
pub fn place_en(place: &str) -> Option<&'static str> {
    place_index().get(&key(place)).copied()
}

/// Words that make the second half of «مكان - …» a dateline source rather than running text.
#[rustfmt::skip]
const GENERIC_SOURCES: &[&str] = &["وكالات", "متابعات", "خاص", "مراسلنا", "مراسل", "المحرر", "الأناضول", "رويترز", "أ ف ب"];

/// Parses a stand-alone dateline line: «سول - المغرب اليوم», «القاهرة – وكالات», «باريس (أ ف ب)».
pub fn parse_dateline_line(line: &str) -> Option<Dateline> {
    let t = line.trim().trim_end_matches([':', '：', '-', '–', '—']).trim();
    if t.split_whitespace().count() > 8 {
        return None;
    }
    let (place, source) = if let Some((p, rest)) = t.split_once('(') {
        (p.trim(), rest.trim_end_matches(')').trim())
    } else {
        let (p, s) = t
            .split_once(" - ")
            .or_else(|| t.split_once(" – "))
            .or_else(|| t.split_once(" — "))
            .or_else(|| t.split_once('-'))?;
        (p.trim(), s.trim())
    };
    if place.is_empty()
        || source.is_empty()
        || place.split_whitespace().count() > 3
        || source.split_whitespace().count() > 5
    {
        return None;
    }
    let known_place = place_en(place);
    let source_id = outlets::by_name(source)
        .or_else(|| outlets::mentioned_in(source))
        .map(|o| o.id)
        .or_else(|| cited_agencies(source).into_iter().next())
        .or_else(|| short_agency(source));
    let generic = GENERIC_SOURCES.iter().any(|g| key(source).starts_with(&key(g)));
    (source_id.is_some() || generic || known_place.is_some()).then(|| Dateline {
        place: place.to_string(),
        place_en: known_place.map(String::from),
        source: Some(source.to_string()),
        source_id,
    })
}

/// The reporter a dateline names when its source is a person rather than an agency or outlet:
/// «الخرطوم - محمد عثمان» is a byline (two to four Arabic words, none of them an institution,
/// agency, outlet or generic source word).
pub fn reporter_name(d: &Dateline) -> Option<String> {
    // Beside the kinds of media outlet: words of institutions, agencies and outlet names, in one
    // spelling each (compared by normalised key).
    const INSTITUTIONAL: &[&str] = &[
        "مركز",
        "وزارة",
        "مكتب",
        "هيئة",
        "مصادر",
        "مصدر",
        "فريق",
        "قسم",
        "تحرير",
        "بوابة",
        "أنباء",
        "نيوز",
        "اليوم",
        "الرسمية",
        "المحلية",
        "الدولية",
        "الإخبارية",
        "عربي",
        "عربية",
        "برس",
        "بوست",
        "تايمز",
        "الآن",
        "سبوتنيك",
        "روسيا",
    ];
    let source = d.source.as_deref()?.trim();
    if d.source_id.is_some() || GENERIC_SOURCES.iter().any(|g| key(source).starts_with(&key(g))) {
        return None;
    }
    let words: Vec<&str> = source.split_whitespace().collect();
    let person = (2..=4).contains(&words.len())
        && words.iter().all(|w| w.chars().all(marsad_text::is_arabic_letter))
        && !words.iter().any(|w| outlets::is_media_kind(w) || INSTITUTIONAL.iter().any(|i| key(w) == key(i)))
        && place_en(source).is_none()
        && cited_agencies(source).is_empty();
    person.then(|| source.to_string())
}

/// Finds a dateline opening a paragraph: «بيروت (رويترز) - …», «القاهرة - أ ش أ: …».
pub fn leading_dateline(paragraph: &str) -> Option<Dateline> {
    let head: String = paragraph.chars().take(60).collect();
    // Every index here comes from `find`, so it is a char boundary.
    let cut = [head.find(':'), head.find('،'), head.find(" - "), head.find(" – "), head.find(") ").map(|i| i + 1)]
        .into_iter()
        .flatten()
        .min()?;
    let d = parse_dateline_line(head[..cut].trim())?;
    d.place_en.is_some().then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies_are_shown_in_arabic_with_their_latin_name() {
        assert_eq!(agency_display("Yonhap"), "يونهاب (Yonhap)");
        assert_eq!(agency_display("AFP"), "فرانس برس (AFP)");
        assert_eq!(agency_display("ONA"), "العمانية (ONA)");
        assert_eq!(agency_display("Unknown Wire"), "Unknown Wire");
        for (name, _) in AGENCIES.iter().chain(DATELINE_AGENCIES) {
            assert!(agency_display(name).chars().any(marsad_text::is_arabic_letter), "{name} has no Arabic name");
        }
    }

    #[test]
    fn short_agency_forms_in_datelines_only() {
        let id = |l: &str| parse_dateline_line(l).and_then(|d| d.source_id);
        assert_eq!(id("الجزائر - واج").as_deref(), Some("APS"));
        assert_eq!(id("الرباط (ومع)").as_deref(), Some("MAP"));
        assert_eq!(id("تونس - وات").as_deref(), Some("TAP"));
        // In running text «ومع» is "and with", «بنا» "with us".
        assert!(cited_agencies("ومع ذلك قال إن الأمر يتعلق بنا جميعا").is_empty());
    }

    #[test]
    fn a_person_in_a_dateline_is_the_reporter() {
        let reporter = |l: &str| parse_dateline_line(l).and_then(|d| reporter_name(&d));
        assert_eq!(reporter("الخرطوم - محمد عثمان").as_deref(), Some("محمد عثمان"));
        assert_eq!(reporter("القاهرة - عبد الرحمن السيد").as_deref(), Some("عبد الرحمن السيد"));
        for not_a_person in [
            "سول - المغرب اليوم",
            "القاهرة – وكالات",
            "باريس (أ ف ب)",
            "بيروت - مراسلنا",
            "دمشق - وكالة سانا",
            "عمان - بترا",
        ] {
            assert_eq!(reporter(not_a_person), None, "{not_a_person}");
        }
    }

    #[test]
    fn agencies_with_arabic_variants() {
        assert_eq!(cited_agencies("وأفادت وكالة أنباء (يونهاب) الكورية الجنوبية"), ["Yonhap"]);
        assert_eq!(cited_agencies("وفقا لما ذكرت صحيفة \"تليغراف\" البريطانية"), ["The Telegraph"]);
        assert_eq!(cited_agencies("نقلت رويترز عن مصدر، وذكرت وكالة فرانس برس"), ["Reuters", "AFP"]);
        assert_eq!(cited_agencies("قالت لرويترز إن"), ["Reuters"]);
    }

    #[test]
    fn ordinary_words_are_not_agencies() {
        assert!(cited_agencies("نزع السلاح النووي من شبه الجزيرة الكورية").is_empty());
        assert!(cited_agencies("فارس على حصانه ومهر العروس").is_empty());
    }

    #[test]
    fn datelines() {
        let d = parse_dateline_line("سول - المغرب اليوم").unwrap();
        assert_eq!(d.place_en.as_deref(), Some("Seoul"));
        assert_eq!(d.source_id.as_deref(), Some("almaghribtoday"));
        let d = parse_dateline_line("باريس (أ ف ب)").unwrap();
        assert_eq!((d.place_en.as_deref(), d.source_id.as_deref()), (Some("Paris"), Some("AFP")));
        assert!(parse_dateline_line("قال الرئيس - في خطابه - إن").is_none());
        let d = leading_dateline("بيروت (رويترز) - قال مسؤولون لبنانيون إن").unwrap();
        assert_eq!(d.place_en.as_deref(), Some("Beirut"));
        // Regression: a multi-byte separator («،») was sliced inside its bytes.
        assert!(leading_dateline("افتتح وزير الثقافة، صباح الأربعاء، الدورة الجديدة").is_none());
    }

    #[test]
    fn sources_resolve() {
        assert_eq!(resolve_source("سبوتنيك").id.as_deref(), Some("sputnik-arabic"));
        assert_eq!(resolve_source("سام برس").id.as_deref(), Some("sampress"));
        assert_eq!(resolve_source("وكالات").id, None);
    }
}
