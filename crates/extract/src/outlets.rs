//! The outlet registry: one id per outlet with its Arabic and Latin names, web hosts and the
//! spellings pages use for it (header lines, «View on …», corpus source codes).
//!
//! An outlet marsad does not know is still recorded — under its host name, or under the name the
//! page gives — so nothing depends on this list being complete; it only merges spellings.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::keys::name_key;
use serde::{Deserialize, Serialize};

/// An outlet as stored with each article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outlet {
    /// Stable id (`almaghribtoday`, `bbc-arabic`), or the host name for outlets not in the registry.
    pub id: String,
    /// Name in Arabic script, when known.
    pub name_ar: Option<String>,
    /// Name in Latin script, when known.
    pub name_en: Option<String>,
}

impl Outlet {
    /// The name a reader is shown: Arabic where known, else the Latin name, else the id (the
    /// host, for an outlet known only by its address).
    pub fn display_name(&self) -> &str {
        self.name_ar.as_deref().or(self.name_en.as_deref()).unwrap_or(&self.id)
    }

    /// True when the registry knows this outlet (its names are then authoritative).
    pub fn is_registered(&self) -> bool {
        REGISTRY.iter().any(|e| e.id == self.id)
    }

    /// This outlet with `name` (a site name or copyright holder found on the page) as its name
    /// when it has none: an outlet known only by its host keeps the host as its id but is shown
    /// under the name it signs with.
    pub fn named(mut self, name: Option<&str>) -> Outlet {
        if self.name_ar.is_none()
            && self.name_en.is_none()
            && let Some(name) = name.map(marsad_text::squash_whitespace).filter(|n| !n.is_empty())
        {
            if name.chars().any(marsad_text::is_arabic_letter) {
                self.name_ar = Some(name);
            } else {
                self.name_en = Some(name);
            }
        }
        self
    }
}

/// Minutes east of UTC of outlets based in countries that keep one offset all year (no daylight
/// saving), for reading a wall-clock time a source gave without its zone. Outlets in countries
/// with daylight saving (Egypt, Jordan, Syria, Lebanon, Morocco, the UK, France …) are left out:
/// one offset would be wrong half the year, and the time is then marked as read in UTC.
#[rustfmt::skip]
const FIXED_OFFSETS: &[(&str, i32)] = &[
    // Saudi Arabia, Qatar, Kuwait, Bahrain, Iraq, Yemen: UTC+3.
    ("aljazirah", 180), ("alyaum", 180), ("almadina", 180), ("aleqtisadiya", 180), ("sabq", 180),
    ("arriyadiyah", 180), ("okaz", 180), ("alriyadh", 180), ("spa", 180), ("aljazeera", 180), ("qna", 180),
    ("alqabas", 180), ("kuna", 180), ("bna", 180), ("ina", 180), ("alsumaria", 180), ("shafaq", 180),
    ("rudaw-ar", 180), ("sampress", 180), ("saba", 180), ("almasdaronline", 180),
    // United Arab Emirates, Oman: UTC+4.
    ("alarabiya", 240), ("skynews-arabia", 240), ("albayan", 240), ("alkhaleej", 240), ("wam", 240),
    ("alwatan-om", 240),
];

/// The same, by country domain, for outlets known only by their host.
#[rustfmt::skip]
const FIXED_OFFSET_DOMAINS: &[(&str, i32)] = &[
    (".sa", 180), (".qa", 180), (".kw", 180), (".bh", 180), (".iq", 180), (".ye", 180),
    (".ae", 240), (".om", 240), (".dz", 60), (".tn", 60), (".ly", 120),
];

/// The outlet's UTC offset in minutes when its country keeps one all year (see
/// [`FIXED_OFFSETS`]); `None` when marsad does not know it.
pub fn utc_offset_minutes(outlet: &Outlet) -> Option<i32> {
    if let Some(&(_, m)) = FIXED_OFFSETS.iter().find(|(id, _)| *id == outlet.id) {
        return Some(m);
    }
    let host = outlet.id.trim_end_matches('.').to_ascii_lowercase();
    // An unregistered outlet's id is its host; a registered one's hosts are in the registry.
    let hosts: Vec<String> = match REGISTRY.iter().find(|e| e.id == outlet.id) {
        Some(e) => e.hosts.iter().map(|h| h.to_string()).collect(),
        None => vec![host],
    };
    hosts.iter().find_map(|h| {
        let domain = h.split('/').next().unwrap_or(h);
        FIXED_OFFSET_DOMAINS.iter().find(|(tld, _)| domain.ends_with(tld)).map(|&(_, m)| m)
    })
}

struct Entry {
    id: &'static str,
    ar: &'static str,
    en: &'static str,
    hosts: &'static [&'static str],
    aliases: &'static [&'static str],
}

const fn e(
    id: &'static str,
    ar: &'static str,
    en: &'static str,
    hosts: &'static [&'static str],
    aliases: &'static [&'static str],
) -> Entry {
    Entry { id, ar, en, hosts, aliases }
}

#[rustfmt::skip]
const REGISTRY: &[Entry] = &[
    // Maghreb
    e("almaghribtoday", "المغرب اليوم", "Almaghribtoday", &["almaghribtoday.net"], &["almaghrib today", "المغرب اليوم نت"]),
    e("hespress", "هسبريس", "Hespress", &["hespress.com"], &[]),
    e("le360-ar", "لو360", "Le360 Arabic", &["ar.le360.ma"], &[]),
    e("map-ar", "وكالة المغرب العربي للأنباء", "MAP", &["mapnews.ma"], &["لاماب"]),
    e("echorouk", "الشروق أونلاين", "Echorouk", &["echoroukonline.com"], &["الشروق الجزائرية"]),
    e("elkhabar", "الخبر", "El Khabar", &["elkhabar.com"], &[]),
    e("aps-ar", "وكالة الأنباء الجزائرية", "APS", &["aps.dz"], &[]),
    e("tap-ar", "وكالة تونس إفريقيا للأنباء", "TAP", &["tap.info.tn"], &[]),
    e("jawharafm", "جوهرة أف أم", "Jawhara FM", &["jawharafm.net"], &[]),
    e("alwasat-ly", "بوابة الوسط", "Al Wasat", &["alwasat.ly"], &[]),
    // Egypt
    e("youm7", "اليوم السابع", "Youm7", &["youm7.com"], &[]),
    e("almasryalyoum", "المصري اليوم", "Al-Masry Al-Youm", &["almasryalyoum.com"], &[]),
    e("ahram", "الأهرام", "Al-Ahram", &["ahram.org.eg", "gate.ahram.org.eg"], &["بوابة الأهرام"]),
    e("shorouknews", "الشروق", "Shorouk News", &["shorouknews.com"], &[]),
    e("masrawy", "مصراوي", "Masrawy", &["masrawy.com"], &[]),
    e("alwatan-eg", "الوطن", "El Watan News", &["elwatannews.com"], &[]),
    e("mena", "وكالة أنباء الشرق الأوسط", "MENA", &["mena.org.eg"], &[]),
    // Levant and Iraq
    e("annahar", "النهار", "Annahar", &["annahar.com"], &[]),
    e("al-akhbar", "الأخبار", "Al-Akhbar", &["al-akhbar.com"], &[]),
    e("nna-lb", "الوكالة الوطنية للإعلام", "NNA Lebanon", &["nna-leb.gov.lb"], &[]),
    e("almayadeen", "الميادين", "Al Mayadeen", &["almayadeen.net"], &[]),
    e("alghad", "الغد", "Alghad", &["alghad.com"], &[]),
    e("petra", "وكالة الأنباء الأردنية", "Petra", &["petra.gov.jo"], &["بترا"]),
    e("sana", "سانا", "SANA", &["sana.sy"], &["الوكالة العربية السورية للأنباء"]),
    e("wafa", "وفا", "WAFA", &["wafa.ps"], &["وكالة الأنباء والمعلومات الفلسطينية"]),
    e("alsumaria", "السومرية نيوز", "Alsumaria", &["alsumaria.tv"], &[]),
    e("shafaq", "شفق نيوز", "Shafaq News", &["shafaq.com"], &[]),
    e("ina", "وكالة الأنباء العراقية", "INA", &["ina.iq"], &["واع"]),
    e("rudaw-ar", "روداو", "Rudaw Arabic", &["rudaw.net"], &[]),
    // Gulf
    e("alarabiya", "العربية", "Al Arabiya", &["alarabiya.net"], &["alarabia", "العربية نت"]),
    e("aljazeera", "الجزيرة", "Al Jazeera", &["aljazeera.net"], &["الجزيرة نت"]),
    e("skynews-arabia", "سكاي نيوز عربية", "Sky News Arabia", &["skynewsarabia.com"], &["skynews", "سكاي نيوز"]),
    e("asharq-alawsat", "الشرق الأوسط", "Asharq Al-Awsat", &["aawsat.com"], &[]),
    e("okaz", "عكاظ", "Okaz", &["okaz.com.sa"], &[]),
    e("alriyadh", "الرياض", "Al Riyadh", &["alriyadh.com"], &[]),
    e("spa", "وكالة الأنباء السعودية", "SPA", &["spa.gov.sa"], &["واس"]),
    e("albayan", "البيان", "Al Bayan", &["albayan.ae"], &[]),
    e("alkhaleej", "الخليج", "Al Khaleej", &["alkhaleej.ae"], &[]),
    e("wam", "وكالة أنباء الإمارات", "WAM", &["wam.ae"], &["وام"]),
    e("alqabas", "القبس", "Al Qabas", &["alqabas.com"], &[]),
    e("kuna", "كونا", "KUNA", &["kuna.net.kw"], &["وكالة الأنباء الكويتية"]),
    e("qna", "قنا", "QNA", &["qna.org.qa"], &["وكالة الأنباء القطرية"]),
    e("alwatan-om", "الوطن العمانية", "Al Watan Oman", &["alwatan.com"], &[]),
    e("bna", "وكالة أنباء البحرين", "BNA", &["bna.bh"], &["بنا"]),
    e("asharq-news", "الشرق للأخبار", "Asharq News", &["asharq.com"], &[]),
    // Saudi newspapers (SaudiNewsNet's sources). Their bare names are everyday words («اليوم»
    // today, «المدينة» the city, «سبق» preceded, «الاقتصادية» economic; «الجزيرة» is also
    // Al Jazeera's), so the Arabic name carries «صحيفة», as they are referred to in running text;
    // the bare name would make every dateline «المدينة المنورة - …» name an outlet.
    e("aljazirah", "صحيفة الجزيرة", "Al-Jazirah", &["al-jazirah.com"], &["جريدة الجزيرة", "al jazirah"]),
    e("alyaum", "صحيفة اليوم", "Alyaum", &["alyaum.com"], &["جريدة اليوم"]),
    e("almadina", "صحيفة المدينة", "Al-Madina", &["al-madina.com"], &["جريدة المدينة", "al madina"]),
    e("aleqtisadiya", "صحيفة الاقتصادية", "Aleqtisadiah", &["aleqt.com"], &["الاقتصادية السعودية", "aleqtisadiah"]),
    e("sabq", "صحيفة سبق", "Sabq", &["sabq.org"], &["سبق الإلكترونية"]),
    e("arriyadiyah", "صحيفة الرياضية", "Arriyadiyah", &["arriyadiyah.com"], &["الرياضية السعودية"]),
    // Yemen and Sudan
    e("sampress", "سام برس", "Sam Press", &["sampress.net"], &["sam press"]),
    e("saba", "سبأ", "Saba", &["saba.ye"], &["وكالة الأنباء اليمنية سبأ"]),
    e("almasdaronline", "المصدر أونلاين", "Al-Masdar Online", &["almasdaronline.com"], &[]),
    e("suna", "سونا", "SUNA", &["suna-sd.net"], &["وكالة السودان للأنباء"]),
    e("sudantribune-ar", "سودان تربيون", "Sudan Tribune", &["sudantribune.net"], &[]),
    // International broadcasters' Arabic services
    e("bbc-arabic", "بي بي سي عربي", "BBC Arabic", &["bbc.co.uk/arabic", "bbc.com/arabic"], &["bbc", "بي بي سي"]),
    e("cnn-arabic", "سي إن إن بالعربية", "CNN Arabic", &["arabic.cnn.com"], &["cnn", "سي ان ان"]),
    e("france24-arabic", "فرانس 24", "France 24 Arabic", &["france24.com/ar"], &["france24", "فرانس24"]),
    e("dw-arabic", "دويتشه فيله", "DW Arabic", &["dw.com/ar"], &["dw"]),
    e("rt-arabic", "روسيا اليوم", "RT Arabic", &["arabic.rt.com"], &["ار تي", "rt"]),
    e("sputnik-arabic", "سبوتنيك", "Sputnik Arabic", &["sputnikarabic.ae", "arabic.sputniknews.com"], &["sputnik"]),
    e("independent-arabia", "اندبندنت عربية", "Independent Arabia", &["independentarabia.com"], &[]),
    e("euronews-arabic", "يورونيوز", "Euronews Arabic", &["arabic.euronews.com"], &[]),
    e("anadolu-arabic", "الأناضول", "Anadolu Arabic", &["aa.com.tr/ar"], &["وكالة الأناضول"]),
    e("alhurra", "الحرة", "Alhurra", &["alhurra.com"], &[]),
];

/// Corpus source codes that are not names: looked up by [`by_name`] only, never searched for in
/// running text (SaudiNewsNet's «was» is the Saudi Press Agency, and an English word).
const CORPUS_CODES: &[(&str, &str)] = &[("was", "spa")];

struct Index {
    by_name: HashMap<String, usize>,
}

fn index() -> &'static Index {
    static I: OnceLock<Index> = OnceLock::new();
    I.get_or_init(|| {
        let mut by_name = HashMap::new();
        for (i, entry) in REGISTRY.iter().enumerate() {
            for name in [entry.id, entry.ar, entry.en].iter().chain(entry.aliases) {
                by_name.entry(name_key(name)).or_insert(i);
            }
        }
        for (code, id) in CORPUS_CODES {
            if let Some(i) = REGISTRY.iter().position(|e| e.id == *id) {
                by_name.entry(name_key(code)).or_insert(i);
            }
        }
        Index { by_name }
    })
}

fn outlet(entry: &Entry) -> Outlet {
    Outlet { id: entry.id.into(), name_ar: Some(entry.ar.into()), name_en: Some(entry.en.into()) }
}

/// Looks an outlet up by any of its names or corpus codes (case, spacing, hamza and dots ignored).
pub fn by_name(name: &str) -> Option<Outlet> {
    let k = name_key(name.trim());
    if k.is_empty() {
        return None;
    }
    index().by_name.get(&k).map(|&i| outlet(&REGISTRY[i]))
}

/// Looks an outlet up by a URL or bare host name («View on Almaghribtoday.net»).
pub fn by_host(url_or_host: &str) -> Option<Outlet> {
    let lower = url_or_host.trim().to_ascii_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.split(':').next().unwrap_or(host);
    let host_path = format!("{host}/{path}");
    // Longest match wins, so «bbc.co.uk/arabic» beats a bare host elsewhere.
    REGISTRY
        .iter()
        .flat_map(|e| e.hosts.iter().map(move |h| (e, *h)))
        .filter(|(_, h)| {
            if h.contains('/') {
                host_path.starts_with(h) || host_path.contains(&format!(".{h}"))
            } else {
                host == *h || host.ends_with(&format!(".{h}"))
            }
        })
        .max_by_key(|(_, h)| h.len())
        .map(|(e, _)| outlet(e))
        .or_else(|| {
            // A bare host whose only registered outlet is a path under it («bbc.com» for
            // «bbc.com/arabic»): for an Arabic-first registry, that outlet.
            let under: Vec<&Entry> = REGISTRY
                .iter()
                .filter(|e| e.hosts.iter().any(|h| h.split_once('/').is_some_and(|(hh, _)| hh == host)))
                .collect();
            (path.is_empty() && under.len() == 1).then(|| outlet(under[0]))
        })
}

/// An outlet for a host marsad does not know: the host is the id.
pub fn unknown_host(url_or_host: &str) -> Option<Outlet> {
    let lower = url_or_host.trim().to_ascii_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let host = rest.split(['/', ':', '?', '#']).next()?.trim_start_matches("www.");
    (host.contains('.') && host.len() > 3).then(|| Outlet { id: host.to_string(), name_ar: None, name_en: None })
}

/// An outlet known only by the name a page gives it (a site name marsad has not registered).
pub fn unknown_name(name: &str) -> Outlet {
    let name = marsad_text::squash_whitespace(name);
    let arabic = name.chars().any(marsad_text::is_arabic_letter);
    let id = name_key(&name).replace(' ', "-");
    Outlet { id, name_ar: arabic.then(|| name.clone()), name_en: (!arabic).then_some(name) }
}

/// Words that name a kind of news organisation («صحيفة النيلين», «موقع …», «وكالة …»), in one
/// spelling each: comparisons go through the normalised key (ة = ه).
const MEDIA_KINDS: &[&str] = &["صحيفة", "جريدة", "موقع", "قناة", "شبكة", "وكالة", "مؤسسة", "دار", "مجلة"];

/// True when `word` names a kind of news organisation.
pub(crate) fn is_media_kind(word: &str) -> bool {
    let k = name_key(word);
    MEDIA_KINDS.iter().any(|m| name_key(m) == k)
}

/// The holder a copyright line names, for outlets marsad has not registered: «جميع الحقوق محفوظة
/// © صحيفة النيلين 2024» → «صحيفة النيلين», «© 2024 Al-Nilein. All rights reserved.» →
/// «Al-Nilein». None for a line that is not a copyright notice or names nothing usable.
pub fn copyright_holder(line: &str) -> Option<String> {
    // ASCII lower-casing keeps byte offsets, so phrases found in `lower` can be cut from `line`.
    let lower = line.to_ascii_lowercase();
    let k = name_key(line);
    let notice = line.contains('©')
        || lower.contains("copyright")
        || lower.contains("(c)")
        || (k.contains("حقوق") && (k.contains("محفوظه") || k.contains("محفوظة")));
    if !notice || line.split_whitespace().count() > 16 {
        return None;
    }
    let mut keep = vec![true; line.len()];
    for phrase in [
        "جميع الحقوق محفوظة",
        "جميع الحقوق محفوظه",
        "كل الحقوق محفوظة",
        "كافة الحقوق محفوظة",
        "حقوق الطبع والنشر محفوظة",
        "حقوق النشر محفوظة",
        "حقوق النشر",
        "الحقوق محفوظة",
        "all rights reserved",
        "copyright",
        "(c)",
    ] {
        for (at, _) in lower.match_indices(phrase) {
            keep[at..at + phrase.len()].iter_mut().for_each(|b| *b = false);
        }
    }
    let text: String = line.char_indices().filter(|(i, _)| keep[*i]).map(|(_, c)| c).collect();
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| "©|,.:،-–—()".contains(c)))
        // Years and year ranges.
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_numeric() || c == '-' || c == '–'))
        // «لصحيفة الوطن», «لـ موقع …»: the dative belongs to the phrase.
        .filter_map(|w| match w.strip_prefix("لـ").or_else(|| w.strip_prefix('ل').filter(|r| is_media_kind(r))) {
            Some("") => None,
            Some(rest) => Some(rest),
            None => Some(w),
        })
        .collect();
    let name = words.join(" ");
    (!words.is_empty() && words.len() <= 6 && name.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some(name)
}

/// Letters a one-word outlet name must exceed to be looked for inside a line.
const MIN_NAME_IN_TEXT: usize = 3;

/// Finds a registered outlet named anywhere in a short line («سول - المغرب اليوم»), preferring the
/// longest name. Only whole-word matches count.
pub fn mentioned_in(line: &str) -> Option<Outlet> {
    // «لـصحيفة الجزيرة»: the preposition glued to «صحيفة»/«جريدة» comes off.
    let k = format!(" {} ", name_key(line)).replace(" لصحيفه ", " صحيفه ").replace(" لجريده ", " جريده ");
    REGISTRY
        .iter()
        .flat_map(|e| [e.ar, e.en].into_iter().chain(e.aliases.iter().copied()).map(move |n| (e, name_key(n))))
        // A one-word name of three letters is an everyday word in running text («اتصل بنا»,
        // "contact us", is not the Bahrain agency): such names count only as a whole line.
        .filter(|(_, n)| (n.contains(' ') || n.chars().count() > MIN_NAME_IN_TEXT) && k.contains(&format!(" {n} ")))
        .max_by_key(|(_, n)| n.len())
        .map(|(e, _)| outlet(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_us_is_not_an_outlet_and_a_glued_preposition_comes_off() {
        assert_eq!(mentioned_in("سياسة الخصوصية | اتصل بنا"), None);
        assert_eq!(
            mentioned_in("جميع الحقوق محفوظة لـصحيفة المدينة © 2024").map(|o| o.id).as_deref(),
            Some("almadina")
        );
    }

    #[test]
    fn copyright_lines_name_their_holder() {
        assert_eq!(copyright_holder("جميع الحقوق محفوظة © صحيفة النيلين 2024").as_deref(), Some("صحيفة النيلين"));
        assert_eq!(copyright_holder("جميع الحقوق محفوظة لصحيفة الوطن ٢٠٢٣ - ٢٠٢٤").as_deref(), Some("صحيفة الوطن"));
        assert_eq!(copyright_holder("© 2024 Al-Nilein. All rights reserved.").as_deref(), Some("Al-Nilein"));
        assert_eq!(copyright_holder("Copyright © 2010-2024 Hespress").as_deref(), Some("Hespress"));
        assert_eq!(copyright_holder("جميع الحقوق محفوظة ©"), None);
        assert_eq!(copyright_holder("ارتفاع أسعار الوقود في الخرطوم"), None);
    }

    #[test]
    fn names_in_both_scripts_resolve_to_one_id() {
        assert_eq!(by_name("المغرب اليوم").unwrap().id, "almaghribtoday");
        assert_eq!(by_name("Almaghribtoday").unwrap().id, "almaghribtoday");
        assert_eq!(by_name("سام برس").unwrap().id, "sampress");
        assert_eq!(by_name("alarabia").unwrap().id, "alarabiya");
        assert_eq!(by_name("skynews").unwrap().id, "skynews-arabia");
        assert!(by_name("جريدة لا وجود لها").is_none());
    }

    #[test]
    fn saudi_newspapers_and_corpus_codes_resolve() {
        for (code, id) in [("aljazirah", "aljazirah"), ("alyaum", "alyaum"), ("was", "spa"), ("sabq", "sabq")] {
            let o = by_name(code).unwrap_or_else(|| panic!("{code} is not registered"));
            assert_eq!(o.id, id);
            assert!(o.display_name().chars().any(marsad_text::is_arabic_letter), "{code}: {}", o.display_name());
        }
        assert_eq!(by_host("https://www.al-jazirah.com/2015/x").unwrap().id, "aljazirah");
        // «الجزيرة» stays Al Jazeera; everyday words name no outlet.
        assert_eq!(by_name("الجزيرة").unwrap().id, "aljazeera");
        assert!(mentioned_in("المدينة المنورة - واس").is_none_or(|o| o.id == "spa"));
        assert!(mentioned_in("It was a long day").is_none());
    }

    #[test]
    fn an_unknown_host_is_shown_under_the_name_its_page_signs_with() {
        let o = unknown_host("https://news.example.org/a").unwrap().named(Some("صحيفة المثال"));
        assert_eq!((o.id.as_str(), o.display_name()), ("news.example.org", "صحيفة المثال"));
        let bare = unknown_host("https://news.example.org/a").unwrap();
        assert_eq!(bare.display_name(), "news.example.org");
        assert_eq!(by_name("سام برس").unwrap().named(Some("Other")).display_name(), "سام برس");
    }

    #[test]
    fn hosts_resolve() {
        assert_eq!(by_host("Almaghribtoday.net").unwrap().id, "almaghribtoday");
        assert_eq!(by_host("https://www.bbc.co.uk/arabic/world-1").unwrap().id, "bbc-arabic");
        assert_eq!(by_host("https://arabic.cnn.com/x").unwrap().id, "cnn-arabic");
        assert_eq!(by_host("https://www.france24.com/ar/x").unwrap().id, "france24-arabic");
        assert!(by_host("https://www.france24.com/en/x").is_none());
        assert_eq!(by_host("bbc.com").unwrap().id, "bbc-arabic");
        assert_eq!(unknown_host("https://news.example.org/a").unwrap().id, "news.example.org");
    }

    #[test]
    fn outlet_named_inside_a_line() {
        assert_eq!(mentioned_in("سول - المغرب اليوم").unwrap().id, "almaghribtoday");
        assert!(mentioned_in("سول - وكالات").is_none());
    }
}
