//! Word segmentation and the two analyzers (main and skeleton), usable directly or as tantivy
//! tokenizers. Indexing and querying go through the same code, so a query token always has the
//! shape of the indexed one.

use tantivy_tokenizer_api::{Token, TokenStream, Tokenizer};

use crate::normalize::{is_alnum, is_ignorable, normalize_into};
use crate::skeleton::skeleton;
use crate::stem::{stem, surface_forms};
use crate::stopwords::is_stop_word;

/// Words longer than this many bytes are skipped: they are base64 blobs, URLs glued to text or
/// hostile input, and tantivy refuses terms over 64 KB anyway.
pub const MAX_WORD_BYTES: usize = 120;

/// Which analysis chain to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Analysis {
    /// Normalise, drop stop words, light-stem. Precise; the main search field.
    Main,
    /// Normalise, drop stop words, reduce to the name skeleton. Coarse; the variant field.
    Skeleton,
    /// Normalise only (stop words kept, no stemming): for hashing and exact comparisons.
    Plain,
    /// Normalise, drop stop words, strip the conjunction and the article but no suffix: the word
    /// as written, so «الرياض» (Riyadh) stays apart from «الرياضة» (sport), which share a stem.
    /// The tantivy tokenizer also emits, at the same position, the form with a uniform article
    /// («الرياض» for «وبالرياض»; see [`crate::stem::surface_forms`]), which tells the city from
    /// the name «رياض».
    Surface,
}

/// A word span in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// The original text of the word.
    pub text: &'a str,
}

#[inline]
fn is_word_char(c: char) -> bool {
    // A zero-width space separates words; the other invisibles (joiners, marks, bidi controls)
    // sit inside them.
    is_alnum(c) || is_ignorable(c) && c != '\u{200B}'
}

/// Iterates over the words of `text`: maximal runs of letters and digits, with diacritics, tatweel
/// and invisible joiners counted as part of the word they sit in. Everything else (spaces,
/// punctuation, hyphens) separates words.
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (start, c) = iter.next()?;
            if !is_word_char(c) {
                continue;
            }
            let mut end = start + c.len_utf8();
            let mut has_alnum = is_alnum(c);
            while let Some(&(i, c)) = iter.peek() {
                if !is_word_char(c) {
                    break;
                }
                has_alnum |= is_alnum(c);
                end = i + c.len_utf8();
                iter.next();
            }
            if has_alnum {
                return Some(Word { start, end, text: &text[start..end] });
            }
        }
    })
}

/// One analysed token: the indexed term plus where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedToken {
    /// The term as indexed.
    pub term: String,
    /// Byte offset of the source word.
    pub start: usize,
    /// Byte offset one past the source word.
    pub end: usize,
    /// Position in words, counting stop words (so phrase gaps stay honest).
    pub position: usize,
}

/// Analyses one word with the given chain; `None` for stop words and overlong words.
pub fn analyze_word(word: &str, analysis: Analysis) -> Option<String> {
    if word.len() > MAX_WORD_BYTES {
        return None;
    }
    let mut norm = String::with_capacity(word.len());
    normalize_into(word, &mut norm);
    if norm.is_empty() {
        return None;
    }
    match analysis {
        Analysis::Plain => Some(norm),
        Analysis::Main => (!is_stop_word(&norm)).then(|| stem(&norm)),
        Analysis::Skeleton => (!is_stop_word(&norm)).then(|| skeleton(&norm)),
        Analysis::Surface => (!is_stop_word(&norm)).then(|| surface_forms(&norm).0),
    }
}

/// Analyses a whole text.
pub fn analyze(text: &str, analysis: Analysis) -> Vec<AnalyzedToken> {
    words(text)
        .enumerate()
        .filter_map(|(position, w)| {
            analyze_word(w.text, analysis).map(|term| AnalyzedToken { term, start: w.start, end: w.end, position })
        })
        .collect()
}

/// The marsad Arabic analyzer as a tantivy [`Tokenizer`]. Register [`ArabicTokenizer::main`] and
/// [`ArabicTokenizer::skeleton`] under the names [`MAIN_TOKENIZER`] and [`SKELETON_TOKENIZER`].
#[derive(Debug, Clone, Copy)]
pub struct ArabicTokenizer {
    analysis: Analysis,
}

/// Name under which the main analyzer is registered in tantivy.
pub const MAIN_TOKENIZER: &str = "marsad_ar";
/// Name under which the skeleton analyzer is registered in tantivy.
pub const SKELETON_TOKENIZER: &str = "marsad_ar_skeleton";
/// Name under which the surface analyzer is registered in tantivy.
pub const SURFACE_TOKENIZER: &str = "marsad_ar_surface";

impl ArabicTokenizer {
    /// Normalise, drop stop words, light-stem.
    pub fn main() -> Self {
        Self { analysis: Analysis::Main }
    }
    /// Normalise, drop stop words, name skeleton.
    pub fn skeleton() -> Self {
        Self { analysis: Analysis::Skeleton }
    }
    /// Normalise, drop stop words, strip the conjunction and the article.
    pub fn surface() -> Self {
        Self { analysis: Analysis::Surface }
    }
}

/// Token stream over a pre-analysed text. Analysing eagerly keeps the stream trivial; documents
/// are a few KB, and the vector is reused by nothing else.
pub struct ArabicTokenStream {
    tokens: std::vec::IntoIter<AnalyzedToken>,
    token: Token,
}

/// The surface chain's tokens: each word's bare form, then its uniform-article form at the same
/// position when it had an article.
fn surface_tokens(text: &str) -> Vec<AnalyzedToken> {
    let mut out = Vec::new();
    for (position, w) in words(text).enumerate() {
        let Some(bare) = analyze_word(w.text, Analysis::Plain).filter(|n| !is_stop_word(n)).map(|n| surface_forms(&n))
        else {
            continue;
        };
        let token = |term| AnalyzedToken { term, start: w.start, end: w.end, position };
        out.push(token(bare.0));
        if let Some(with_article) = bare.1 {
            out.push(token(with_article));
        }
    }
    out
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = ArabicTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicTokenStream {
        let tokens = match self.analysis {
            Analysis::Surface => surface_tokens(text),
            a => analyze(text, a),
        };
        ArabicTokenStream { tokens: tokens.into_iter(), token: Token::default() }
    }
}

impl TokenStream for ArabicTokenStream {
    fn advance(&mut self) -> bool {
        match self.tokens.next() {
            Some(t) => {
                self.token.text = t.term;
                self.token.offset_from = t.start;
                self.token.offset_to = t.end;
                self.token.position = t.position;
                self.token.position_length = 1;
                true
            }
            None => false,
        }
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, a: Analysis) -> Vec<String> {
        analyze(text, a).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn words_keep_diacritics_and_split_on_punctuation() {
        let ws: Vec<_> = words("قُبيل القمة، (يونهاب) يونغ-أون").map(|w| w.text).collect();
        assert_eq!(ws, ["قُبيل", "القمة", "يونهاب", "يونغ", "أون"]);
    }

    #[test]
    fn offsets_point_into_original_text() {
        let text = "أرسل الزعيم الكورى";
        for t in analyze(text, Analysis::Main) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
        let t = &analyze(text, Analysis::Main)[1];
        assert_eq!(&text[t.start..t.end], "الزعيم");
        assert_eq!(t.term, "زعيم");
    }

    #[test]
    fn main_analysis_drops_stop_words_and_keeps_positions() {
        let toks = analyze("زيارة إلى روسيا في الأيام", Analysis::Main);
        let got: Vec<_> = toks.iter().map(|t| (t.term.as_str(), t.position)).collect();
        assert_eq!(got, [("زيار", 0), ("روسيا", 2), ("ايام", 4)]);
    }

    #[test]
    fn main_field_does_not_conflate_gh_and_j() {
        assert_ne!(terms("غرب", Analysis::Main), terms("جرب", Analysis::Main));
        assert_ne!(terms("قتل", Analysis::Main), terms("كتل", Analysis::Main));
    }

    #[test]
    fn skeleton_phrases_meet_across_spellings() {
        let a = terms("كيم جونج أون", Analysis::Skeleton);
        assert_eq!(a, terms("كيم جونغ أون", Analysis::Skeleton));
        assert_eq!(a, terms("كيم يونغ-أون", Analysis::Skeleton));
        assert_eq!(terms("بيونغ يانغ", Analysis::Skeleton), terms("وبيونج يانج", Analysis::Skeleton));
    }

    #[test]
    fn surface_keeps_suffixes_that_the_stem_strips() {
        assert_eq!(terms("الرياض", Analysis::Main), terms("الرياضة", Analysis::Main));
        assert_eq!(terms("الرياض وبالرياض رياض", Analysis::Surface), ["رياض", "رياض", "رياض"]);
        assert_eq!(terms("الرياضة", Analysis::Surface), ["رياضه"]);
        let got: Vec<(String, usize)> =
            surface_tokens("الرياض ورياض").into_iter().map(|t| (t.term, t.position)).collect();
        assert_eq!(got, [("رياض".into(), 0), ("الرياض".into(), 0), ("رياض".into(), 1)]);
    }

    #[test]
    fn overlong_words_are_skipped() {
        let long = "ا".repeat(1000);
        assert!(analyze(&format!("كلمة {long} أخرى"), Analysis::Main).len() == 2);
    }

    #[test]
    fn tantivy_stream_yields_tokens() {
        let mut tok = ArabicTokenizer::main();
        let mut stream = tok.token_stream("الرئيس الروسي");
        let mut out = vec![];
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        assert_eq!(out, ["رئيس", "روس"]);
    }
}
