//! Language identification: a cheap script count first, a statistical detector (lingua, restricted
//! to the few languages an Arabic news monitor meets) only when the script leaves doubt.

use std::sync::OnceLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use crate::normalize::is_arabic_letter;

/// How much text the detectors look at; the head of an article is plenty and keeps this O(1).
const SAMPLE_CHARS: usize = 2000;

/// Letters used by Persian and Urdu but not by Arabic.
fn is_persian_urdu_letter(c: char) -> bool {
    matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی' | 'ۀ' | 'ے' | 'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ھ' | 'ہ')
}

fn arabic_script_detector() -> &'static LanguageDetector {
    static D: OnceLock<LanguageDetector> = OnceLock::new();
    D.get_or_init(|| {
        LanguageDetectorBuilder::from_languages(&[Language::Arabic, Language::Persian, Language::Urdu]).build()
    })
}

fn latin_script_detector() -> &'static LanguageDetector {
    static D: OnceLock<LanguageDetector> = OnceLock::new();
    D.get_or_init(|| LanguageDetectorBuilder::from_languages(&[Language::English, Language::French]).build())
}

/// Identifies the language of `text` as an ISO 639-1 code (`ar`, `en`, `fr`, `fa`, `ur`), or
/// `None` when there is too little text or the script is one marsad does not model.
pub fn detect_language(text: &str) -> Option<&'static str> {
    let sample: String = text.chars().take(SAMPLE_CHARS).collect();
    let (mut arabic, mut persian, mut latin, mut other) = (0usize, 0usize, 0usize, 0usize);
    for c in sample.chars().filter(|c| c.is_alphabetic()) {
        if is_arabic_letter(c) {
            arabic += 1;
            if is_persian_urdu_letter(c) {
                persian += 1;
            }
        } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    let letters = arabic + latin + other;
    if letters < 3 {
        return None;
    }
    if arabic * 2 > letters {
        // Arabic text has none of these letters except through stray loanwords; only ask the
        // statistical model when they are frequent enough to suggest Persian or Urdu.
        if persian * 100 < arabic * 2 {
            return Some("ar");
        }
        return arabic_script_detector().detect_language_of(&sample).map(code);
    }
    if latin * 2 > letters {
        return latin_script_detector().detect_language_of(&sample).map(code);
    }
    None
}

fn code(l: Language) -> &'static str {
    match l {
        Language::Arabic => "ar",
        Language::English => "en",
        Language::French => "fr",
        Language::Persian => "fa",
        Language::Urdu => "ur",
    }
}

/// Arabic names of languages (CLDR `ar` locale display names): the five [`detect_language`]
/// returns, and the others a corpus record may declare. A small table rather than ICU's display
/// names, whose API is still experimental; codes not here are shown as given.
#[rustfmt::skip]
const ARABIC_NAMES: &[(&str, &str)] = &[
    ("ar", "العربية"), ("en", "الإنجليزية"), ("fr", "الفرنسية"), ("fa", "الفارسية"), ("ur", "الأوردية"),
    ("de", "الألمانية"), ("es", "الإسبانية"), ("it", "الإيطالية"), ("pt", "البرتغالية"), ("ru", "الروسية"),
    ("tr", "التركية"), ("he", "العبرية"), ("ku", "الكردية"), ("zh", "الصينية"), ("ja", "اليابانية"),
    ("ko", "الكورية"), ("hi", "الهندية"), ("id", "الإندونيسية"),
];

/// The Arabic name of a language given by its ISO 639-1 code or a BCP 47 tag (`ar`, `ar-SA`,
/// `EN`), for a reader: «العربية». `None` for a code marsad has no name for.
pub fn display_name_ar(code: &str) -> Option<&'static str> {
    let lang = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ARABIC_NAMES.iter().find(|(c, _)| *c == lang).map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_detected_language_has_an_arabic_name() {
        for l in [Language::Arabic, Language::English, Language::French, Language::Persian, Language::Urdu] {
            let name = display_name_ar(code(l)).expect("a name for every detected language");
            assert!(name.chars().all(is_arabic_letter), "{name}");
        }
        assert_eq!(display_name_ar("ar-SA"), Some("العربية"));
        assert_eq!(display_name_ar("EN"), Some("الإنجليزية"));
        assert_eq!(display_name_ar("xx"), None);
    }

    #[test]
    fn arabic_by_script() {
        assert_eq!(detect_language("أعلنت الرئاسة الروسية عن زيارة مرتقبة"), Some("ar"));
    }

    #[test]
    fn english_and_french_by_model() {
        assert_eq!(
            detect_language("The Kremlin announced that the North Korean leader will visit Russia soon."),
            Some("en")
        );
        assert_eq!(
            detect_language("Le Kremlin a annoncé que le dirigeant nord-coréen se rendra bientôt en Russie."),
            Some("fr")
        );
    }

    #[test]
    fn persian_is_not_arabic() {
        assert_eq!(
            detect_language("رئیس جمهور روسیه گفت که این سفر به زودی انجام خواهد شد و همکاری‌ها گسترش می‌یابد"),
            Some("fa")
        );
    }

    #[test]
    fn too_little_text() {
        assert_eq!(detect_language("؟! 12"), None);
    }
}
