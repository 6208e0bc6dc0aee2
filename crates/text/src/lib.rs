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
    Analysis, AnalyzedToken, ArabicTokenizer, MAIN_TOKENIZER, SKELETON_TOKENIZER, Word, analyze, analyze_word, words,
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

/// Collapses runs of whitespace to single spaces and trims; handy for display and comparisons.
pub fn squash_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_presentation_details() {
        let a = text_fingerprint("أرسل الزعيم الكوري خطاباً، اليوم.");
        let b = text_fingerprint("ارسل  الزعيم الكورى خطابا اليوم");
        assert_eq!(a, b);
        assert_ne!(a, text_fingerprint("أرسل الزعيم الروسي خطاباً اليوم"));
        assert_eq!(a.len(), 32);
    }
}
