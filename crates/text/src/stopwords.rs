//! An Arabic stop-word list (tantivy ships none).
//!
//! Function words only — particles, prepositions, pronouns, demonstratives, relatives, auxiliaries
//! and their most frequent clitic-prefixed forms. Content words that merely happen to be frequent in
//! news («الرئيس», «قال») stay searchable: a monitor must be able to look for them.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::normalize::normalize;

/// The list as written; it is normalised once at first use, so entries may carry hamza and
/// teh marbuta as ordinary spelling has them.
const RAW: &[&str] = &[
    // prepositions and their clitic forms
    "في",
    "من",
    "على",
    "إلى",
    "الى",
    "عن",
    "مع",
    "منذ",
    "حتى",
    "لدى",
    "عند",
    "بين",
    "نحو",
    "خلال",
    "ضد",
    "حول",
    "دون",
    "عبر",
    "لدي",
    "وفي",
    "ومن",
    "وعلى",
    "وإلى",
    "وعن",
    "ومع",
    "وبين",
    "وحتى",
    "فى",
    "وفى",
    "فيه",
    "فيها",
    "منه",
    "منها",
    "عليه",
    "عليها",
    "إليه",
    "إليها",
    "عنه",
    "عنها",
    "به",
    "بها",
    "له",
    "لها",
    "لهم",
    "لنا",
    "لي",
    "لك",
    "بهم",
    "منهم",
    "عليهم",
    "فيهم",
    "بعد",
    "قبل",
    "وبعد",
    "وقبل",
    "تحت",
    "فوق",
    "أمام",
    "وراء",
    "لدى",
    "لكن",
    "ولكن",
    "لكنه",
    "لكنها",
    // conjunctions and particles
    "و",
    "ف",
    "ثم",
    "أو",
    "أم",
    "أن",
    "إن",
    "أنه",
    "أنها",
    "إنه",
    "إنها",
    "وأن",
    "وإن",
    "بأن",
    "لأن",
    "كأن",
    "لا",
    "ولا",
    "لم",
    "ولم",
    "لن",
    "ولن",
    "ما",
    "وما",
    "مما",
    "بما",
    "كما",
    "لما",
    "إذا",
    "إذ",
    "إلا",
    "ألا",
    "قد",
    "وقد",
    "لقد",
    "فقد",
    "سوف",
    "هل",
    "بل",
    "كي",
    "لكي",
    "حيث",
    "حين",
    "بينما",
    "أي",
    "أيضا",
    "أيضاً",
    "إما",
    "أما",
    "غير",
    "سوى",
    "كل",
    "كلا",
    "بعض",
    "جميع",
    "ذات",
    "نفس",
    "ذلك",
    "فقط",
    "كذلك",
    "لذلك",
    "إذن",
    "عندما",
    "كلما",
    "مثل",
    "لو",
    "لولا",
    "ليس",
    "ليست",
    "يا",
    "بأنه",
    "بأنها",
    "وأنه",
    "وأنها",
    // pronouns
    "هو",
    "هي",
    "هم",
    "هن",
    "هما",
    "أنا",
    "نحن",
    "أنت",
    "أنتم",
    "وهو",
    "وهي",
    "وهم",
    // demonstratives and relatives
    "هذا",
    "هذه",
    "هذان",
    "هاتان",
    "هؤلاء",
    "ذلك",
    "تلك",
    "أولئك",
    "هناك",
    "هنا",
    "وهذا",
    "وهذه",
    "وذلك",
    "الذي",
    "التي",
    "الذين",
    "اللذان",
    "اللتان",
    "اللاتي",
    "اللواتي",
    "والذي",
    "والتي",
    "والذين",
    "من",
    // auxiliaries
    "كان",
    "كانت",
    "كانوا",
    "يكون",
    "تكون",
    "يكن",
    "وكان",
    "وكانت",
    "أصبح",
    "أصبحت",
    "ظل",
    "مازال",
    "لازال",
    "ليسوا",
    "عاد",
    // very common adverbials with no search value
    "جدا",
    "أكثر",
    "أقل",
    "الآن",
    "حاليا",
    "تم",
    "وتم",
    "يتم",
    "عدة",
    "أحد",
    "إحدى",
];

fn set() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| RAW.iter().map(|w| normalize(w)).collect())
}

/// True when the *normalised* token is an Arabic function word.
pub fn is_stop_word(normalized: &str) -> bool {
    // Stop words are short; skip the hash for long tokens.
    normalized.len() <= 16 && set().contains(normalized)
}

/// Iterates over the normalised stop-word list (for documentation and tests).
pub fn stop_words() -> impl Iterator<Item = &'static str> {
    set().iter().map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_are_stopped_in_any_spelling() {
        for w in ["في", "من", "على", "الى", "إلى", "أن", "ان", "التي", "الذي", "هذه", "وقد", "فى"]
        {
            assert!(is_stop_word(&normalize(w)), "{w} should be a stop word");
        }
    }

    #[test]
    fn content_words_are_not_stopped() {
        for w in ["الرئيس", "قال", "كيم", "بوتين", "روسيا", "اون", "سول", "غرب"] {
            assert!(!is_stop_word(&normalize(w)), "{w} must stay searchable");
        }
    }

    #[test]
    fn list_is_normalised() {
        assert!(stop_words().all(|w| normalize(w) == w));
        assert!(stop_words().count() > 150);
    }
}
