//! Name skeletons: a coarse phonetic key under which the spelling variants of foreign names meet.
//!
//! Arabic outlets transcribe foreign names differently: /g/ as ج (Egypt), غ (Levant, Gulf), ق or ك;
//! Korean «Jong» as جونغ or يونغ; long vowels written or left out; compounds hyphenated or spaced
//! (كيم جونج أون / كيم جونغ أون / كيم يونغ-أون; بيونج يانج / بيونغ يانغ). The skeleton keeps only a
//! consonant frame with those alternations merged:
//!
//! * ج غ ق ك گ ڨ, and ي at the start of a word, → `g`;
//! * ف ڤ → `f`; ب پ → `b`; ت ط → `t`; س ص ث → `s`; د ض → `d`; ز ذ ظ → `z`; چ and «تش» → ش;
//! * the long vowels ا و ي, hamza seats and a final ه (teh marbuta) are dropped; doubled
//!   consonants collapse;
//! * a frame of fewer than three consonants is too ambiguous, so such words keep their own
//!   spelling (كيم، أون stay كيم، اون).
//!
//! Hyphens separate words in both the main and the skeleton field, so hyphenated and spaced
//! compounds produce the same token sequence and meet in phrase queries.
//!
//! The skeleton is deliberately lossy (غرب and جرب share one), so it lives in its own index field,
//! is searched at a fraction of the main field's weight and — see `marsad-store` — only for
//! multi-word queries or long single words. The main field never conflates them.

use crate::stem::strip_prefixes;

/// Returns the skeleton of a *normalised* token. Returns the prefix-stripped token unchanged when
/// it has no Arabic letters, and never returns an empty string.
pub fn skeleton(token: &str) -> String {
    let chars: Vec<char> = token.chars().collect();
    if !chars.iter().any(|&c| crate::normalize::is_arabic_letter(c)) {
        return token.to_string();
    }
    let w = strip_prefixes(&chars);
    let mut out = String::with_capacity(w.len());
    let mut last: Option<char> = None;
    let mut i = 0;
    while i < w.len() {
        let c = w[i];
        let at_end = i + 1 == w.len();
        let mapped = match c {
            'ج' | 'غ' | 'ق' | 'ك' | 'گ' | 'ڨ' => Some('g'),
            'ي' if i == 0 => Some('g'),
            'ف' | 'ڤ' | 'ڥ' => Some('f'),
            'ب' | 'پ' => Some('b'),
            'ت' if w.get(i + 1) == Some(&'ش') => {
                i += 1;
                Some('ش')
            }
            'ت' | 'ط' => Some('t'),
            'س' | 'ص' | 'ث' => Some('s'),
            'د' | 'ض' => Some('d'),
            'ز' | 'ذ' | 'ظ' | 'ژ' => Some('z'),
            'چ' => Some('ش'),
            'ا' | 'و' | 'ي' | 'ء' | 'ئ' | 'ؤ' => None,
            'ه' if at_end => None,
            c => Some(c),
        };
        if let Some(m) = mapped {
            if last != Some(m) {
                out.push(m);
            }
            last = Some(m);
        }
        i += 1;
    }
    if out.chars().count() < MIN_SKELETON_SYMBOLS {
        // A frame of one or two consonants («رs» for رئيس, روسي, رؤساء) would merge unrelated
        // words; short words keep their own (normalised, prefix-stripped) spelling instead.
        w.iter().collect()
    } else {
        out
    }
}

/// Skeletons shorter than this fall back to the word itself.
pub const MIN_SKELETON_SYMBOLS: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn k(w: &str) -> String {
        skeleton(&normalize(w))
    }

    #[test]
    fn kim_jong_un_variants_meet() {
        assert_eq!(k("جونج"), k("جونغ"));
        assert_eq!(k("يونغ"), k("جونغ"));
        assert_eq!(k("أون"), k("اون"));
    }

    #[test]
    fn pyongyang_variants_meet() {
        assert_eq!(k("بيونغ"), k("بيونج"));
        assert_eq!(k("يانغ"), k("يانج"));
        assert_eq!(k("وبيونج"), k("بيونغ"));
    }

    #[test]
    fn vowel_and_emphatic_variants_meet() {
        assert_eq!(k("بوتين"), k("بوتن"));
        assert_eq!(k("طهران"), k("تهران"));
        assert_eq!(k("تشافيز"), k("شافيز"));
    }

    #[test]
    fn short_words_keep_their_spelling() {
        // Regression: «رئيس», «روسي» and «رؤساء» all reduced to «رs» and matched each other.
        assert_ne!(k("الرئيس"), k("الروسي"));
        assert_ne!(k("الروسي"), k("والرؤساء"));
        assert_eq!(k("أون"), "اون");
    }

    #[test]
    fn distinct_names_stay_apart() {
        assert_ne!(k("بوتين"), k("ترامب"));
        assert_ne!(k("موسكو"), k("سول"));
        assert_ne!(k("كيم"), k("مون"));
    }

    #[test]
    fn never_empty() {
        assert_eq!(k("او"), "او");
        assert_eq!(k("nasa"), "nasa");
    }
}
