//! Arabic text analysis for marsad.
//!
//! One analyzer serves indexing and querying: [`normalize`] folds orthographic variation,
//! [`stopwords`] removes function words, [`stem`] strips Light10-style affixes with a minimum stem
//! length, and [`skeleton`] reduces foreign names to a phonetic frame under which transcription
//! variants meet. [`tokenizer`] wires them into tantivy; [`lang`] identifies languages.

pub mod lang;
pub mod normalize;
pub mod skeleton;
pub mod stem;
pub mod stopwords;
pub mod tokenizer;

pub use lang::detect_language;
pub use normalize::{ascii_digits, is_arabic_letter, normalize};
pub use skeleton::skeleton;
pub use stem::stem;
pub use stopwords::is_stop_word;
pub use tokenizer::{
    Analysis, AnalyzedToken, ArabicTokenizer, MAIN_TOKENIZER, SKELETON_TOKENIZER, SURFACE_TOKENIZER, Word, analyze,
    analyze_word, words,
};

/// A stable 128-bit fingerprint of a text's words after normalisation (punctuation, spacing,
/// diacritics and letter variants ignored), as 32 hex digits. Two copies of one article that differ
/// only in such details get the same key; this is the dedup key when a document has no URL.
pub fn text_fingerprint(text: &str) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = String::new();
    for w in words(text) {
        buf.clear();
        normalize::normalize_into(w.text, &mut buf);
        hasher.update(buf.as_bytes());
        hasher.update(b" ");
    }
    format!("{:032x}", hasher.digest128())
}

/// True for the bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069).
/// In scraped text they are at best noise and at worst an attack: an unterminated RIGHT-TO-LEFT
/// OVERRIDE reverses everything after it on the line where it is shown. Marks (LRM, RLM, ALM) are
/// kept: they set the direction of neutral characters and cannot reorder a line.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without [bidi controls](is_bidi_control); borrowed when it has none.
pub fn strip_bidi_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(is_bidi_control) {
        std::borrow::Cow::Owned(text.chars().filter(|&c| !is_bidi_control(c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Collapses runs of whitespace to single spaces and trims; handy for display and comparisons.
pub fn squash_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtl_override_is_stripped_but_marks_stay() {
        assert_eq!(strip_bidi_controls("\u{202E}gnp.exe\u{202C} كيم"), "gnp.exe كيم");
        assert_eq!(strip_bidi_controls("\u{2067}بوتين\u{2069}"), "بوتين");
        assert!(matches!(strip_bidi_controls("نص\u{200F}"), std::borrow::Cow::Borrowed("نص\u{200F}")));
    }

    #[test]
    fn fingerprint_ignores_presentation_details() {
        let a = text_fingerprint("أرسل الزعيم الكوري خطاباً، اليوم.");
        let b = text_fingerprint("ارسل  الزعيم الكورى خطابا اليوم");
        assert_eq!(a, b);
        assert_ne!(a, text_fingerprint("أرسل الزعيم الروسي خطاباً اليوم"));
        assert_eq!(a.len(), 32);
    }
}
