//! Light stemming in the Light10 family (Larkey, Ballesteros & Connell 2007), on normalised tokens.
//!
//! Light10 strips the conjunction «و», the definite-article family (ال، وال، بال، كال، فال، لل) and a
//! short list of suffixes. Two changes make it safer for news, where names are half the signal:
//! a minimum stem length of three letters, and four letters before the plural/dual endings
//! «ان، ين، ون» — so «بوتين», «لبنان», «طهران», «السودان» keep their shape instead of collapsing onto
//! unrelated roots (بوت، لبن، طهر، سود). Prefixes such as «ب» alone are never stripped, which is why
//! «بيونغ» stays «بيونغ» (Snowball's Arabic stemmer turns it into «يونغ»).

/// Minimum number of letters any strip must leave.
pub const MIN_STEM: usize = 3;
/// Minimum left by the plural/dual endings, which collide most with names.
const MIN_STEM_PLURAL: usize = 4;

const ARTICLES: [&[char]; 6] =
    [&['و', 'ا', 'ل'], &['ب', 'ا', 'ل'], &['ك', 'ا', 'ل'], &['ف', 'ا', 'ل'], &['ل', 'ل'], &['ا', 'ل']];

// After normalisation «ة» is «ه», so Light10's «ية» and «ة» appear here as «يه» and «ه».
const SUFFIXES: [(&[char], usize); 8] = [
    (&['ه', 'ا'], MIN_STEM),
    (&['ا', 'ن'], MIN_STEM_PLURAL),
    (&['ا', 'ت'], MIN_STEM),
    (&['و', 'ن'], MIN_STEM_PLURAL),
    (&['ي', 'ن'], MIN_STEM_PLURAL),
    (&['ي', 'ه'], MIN_STEM),
    (&['ه'], MIN_STEM),
    (&['ي'], MIN_STEM),
];

/// Frequent news words whose root begins with «و». Stripping their first letter as the conjunction
/// would split «وزير» from «الوزير» (Light10's best-known flaw), so words starting with these are
/// left whole; «ووزير» (and a minister) still loses its first «و».
const WAW_INITIAL_STEMS: &[&str] = &[
    "وزير",
    "وزار",
    "وزرا",
    "وكال",
    "ولاي",
    "واشنطن",
    "وفد",
    "وفود",
    "وقت",
    "وضع",
    "وطن",
    "وثيق",
    "وثائق",
    "وصل",
    "وصول",
    "ورق",
    "وجه",
    "وجود",
    "ولد",
    "وقف",
    "وعد",
    "وزن",
    "وحد",
    "وسط",
    "وسيل",
    "وسائل",
    "وصف",
    "وفا",
    "وفق",
    "وقع",
    "ولي",
    "ورد",
    "واقع",
    "واجه",
    "واصل",
    "وافق",
    "والد",
    "ودي",
    "وظيف",
    "وظائف",
    "وعي",
    "وقود",
    "وهران",
];

fn starts_with_str(w: &[char], prefix: &str) -> bool {
    let mut it = w.iter();
    prefix.chars().all(|p| it.next() == Some(&p))
}

/// True when a normalised word begins with the conjunction «و» (and) or «ف» (so) — not with a
/// root «و» («وقال» yes, «وزير» no) — or is a connective («كما», «لكن», «كذلك»). Arabic continues
/// paragraphs with them; articles hardly ever open with one (in ANT and SaudiNewsNet, «لكن» opens
/// 3,155 inner paragraphs and no article, «كذلك» 303 and none, «ففي» 284 and none).
pub fn starts_with_conjunction(normalized: &str) -> bool {
    let chars: Vec<char> = normalized.chars().collect();
    // «ومن», «وفي», «وقد»: too short for the stemmer to take the conjunction off,
    // but a function word after it is the conjunction all the same.
    let before_function_word = || {
        !WAW_INITIAL_STEMS.iter().any(|s| starts_with_str(&chars, s))
            && crate::stopwords::is_stop_word(&chars[1..].iter().collect::<String>())
    };
    chars.first() == Some(&'و') && (before_function_word() || strip_prefixes(&chars).len() < chars.len())
        || CONNECTIVES.contains(&normalized)
}

/// Words that join a paragraph to what came before it (normalised). «ف» before a function word
/// is listed word by word: verbs open with «ف» too («فتحت» is no «ف» before «تحت»).
#[rustfmt::skip]
const CONNECTIVES: &[&str] = &[
    "ثم", "كما", "فيما", "بينما", "لكن", "لكنه", "لكنها", "ولكن", "اما", "الا", "غير", "فضلا", "كذلك", "بيد", "حيث",
    "فان", "ففي", "فلا", "فلم", "فما", "فمن", "فهو", "فهي", "فهذا", "فهذه", "فكان", "فكانت", "فعلي", "فالي",
];

/// Strips the conjunction «و» and the definite-article family from a normalised token; the
/// shared first step of [`stem`] and the name skeleton.
pub fn strip_prefixes(chars: &[char]) -> &[char] {
    let mut w = chars;
    if w.first() == Some(&'و') && w.len() > MIN_STEM && !WAW_INITIAL_STEMS.iter().any(|s| starts_with_str(w, s)) {
        w = &w[1..];
    }
    for art in ARTICLES {
        // «الـ12» (the 12th): the article before a number always goes.
        let rest_is_number = w.len() > art.len() && w[art.len()..].iter().all(char::is_ascii_digit);
        if w.starts_with(art) && (w.len() - art.len() >= MIN_STEM || rest_is_number) {
            w = &w[art.len()..];
            break;
        }
    }
    w
}

/// The word as written (*normalised* input) without its conjunction or article, no suffix
/// touched, and — when it carried an article in any form (ال، بال، لل، وال…) — that form made
/// uniform: «وبالرياض» gives («رياض», «الرياض»), «رياض» (a given name) gives («رياض», none),
/// «الرياضة» (sport) gives («رياضه», «الرياضه»). Indexed both ways, the bare form matches the
/// word however it is introduced and the article form tells the city from the name.
pub fn surface_forms(normalized: &str) -> (String, Option<String>) {
    let chars: Vec<char> = normalized.chars().collect();
    let rest = strip_prefixes(&chars);
    let prefix = &chars[..chars.len() - rest.len()];
    let bare: String = rest.iter().collect();
    let with_article = (prefix.last() == Some(&'ل')).then(|| format!("ال{bare}"));
    (bare, with_article)
}

/// Returns the light stem of a *normalised* token. Tokens without Arabic letters are returned
/// unchanged.
pub fn stem(token: &str) -> String {
    let chars: Vec<char> = token.chars().collect();
    if !chars.iter().any(|&c| crate::normalize::is_arabic_letter(c)) {
        return token.to_string();
    }
    let mut w = strip_prefixes(&chars);
    for (suf, min) in SUFFIXES {
        if w.ends_with(suf) && w.len() - suf.len() >= min {
            w = &w[..w.len() - suf.len()];
        }
    }
    w.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surface_forms_make_the_article_uniform_and_keep_suffixes() {
        for w in ["الرياض", "والرياض", "بالرياض", "وبالرياض", "للرياض"] {
            assert_eq!(surface_forms(w), ("رياض".into(), Some("الرياض".into())), "{w}");
        }
        assert_eq!(surface_forms("الرياضه"), ("رياضه".into(), Some("الرياضه".into())));
        assert_eq!(surface_forms("رياض"), ("رياض".into(), None));
        assert_eq!(surface_forms("وقال"), ("قال".into(), None));
        assert_eq!(surface_forms("وزير"), ("وزير".into(), None));
    }
    use crate::normalize::normalize;

    fn s(w: &str) -> String {
        stem(&normalize(w))
    }

    #[test]
    fn strips_definite_article_family() {
        assert_eq!(s("الرئيس"), "رئيس");
        assert_eq!(s("والرئيس"), "رئيس");
        assert_eq!(s("بالرئيس"), "رئيس");
        assert_eq!(s("للرئيس"), "رئيس");
        assert_eq!(s("فالرئيس"), "رئيس");
        assert_eq!(s("كالرئيس"), "رئيس");
    }

    #[test]
    fn strips_conjunction_waw() {
        assert_eq!(s("وبيونغ"), "بيونغ");
        assert_eq!(s("وموسكو"), "موسكو");
    }

    #[test]
    fn conjunctions_are_told_from_root_waw() {
        assert!(starts_with_conjunction(&normalize("وقال")));
        assert!(starts_with_conjunction(&normalize("وأضاف")));
        assert!(starts_with_conjunction("كما"));
        assert!(!starts_with_conjunction(&normalize("وزير")));
        assert!(starts_with_conjunction(&normalize("ومن")));
        assert!(starts_with_conjunction(&normalize("وفي")));
        assert!(!starts_with_conjunction(&normalize("ولي")));
        assert!(starts_with_conjunction(&normalize("فإن")));
        assert!(starts_with_conjunction(&normalize("كذلك")));
        assert!(!starts_with_conjunction(&normalize("فيصل")));
        assert!(!starts_with_conjunction(&normalize("فرنسا")));
        assert!(!starts_with_conjunction(&normalize("فتحت")));
        assert!(!starts_with_conjunction(&normalize("واشنطن")));
        assert!(!starts_with_conjunction(&normalize("أعلن")));
    }

    #[test]
    fn waw_initial_roots_keep_their_waw() {
        assert_eq!(s("وزير"), s("الوزير"));
        assert_eq!(s("ووزير"), s("الوزير"));
        assert_eq!(s("وكالة"), s("الوكالة"));
        assert_eq!(s("واشنطن"), "واشنطن");
    }

    #[test]
    fn strips_suffixes() {
        assert_eq!(s("الكورية"), "كور");
        assert_eq!(s("الكوري"), "كور");
        assert_eq!(s("الروسية"), "روس");
        assert_eq!(s("جلسات"), "جلس");
        assert_eq!(s("جلسة"), "جلس");
        assert_eq!(s("المسلمين"), "مسلم");
        assert_eq!(s("اللاعبون"), "لاعب");
        assert_eq!(s("علاقاتها"), "علاق");
    }

    #[test]
    fn minimum_stem_length_protects_short_words() {
        assert_eq!(s("البر"), "البر");
        assert_eq!(s("علي"), "علي");
        assert_eq!(s("دبي"), "دبي");
        assert_eq!(s("وزير"), "وزير");
    }

    #[test]
    fn names_are_not_overstemmed() {
        // Snowball: بيونغ → يونغ. A lone «ب» is never stripped here.
        assert_eq!(s("بيونغ"), "بيونغ");
        assert_eq!(s("بيونج"), "بيونج");
        assert_eq!(s("بوتين"), "بوتين");
        assert_eq!(s("لبنان"), "لبنان");
        assert_eq!(s("طهران"), "طهران");
        assert_eq!(s("السودان"), "سودان");
        assert_eq!(s("ترامب"), "ترامب");
    }

    #[test]
    fn latin_and_digits_untouched() {
        assert_eq!(stem("reuters"), "reuters");
        assert_eq!(stem("2019"), "2019");
        assert_eq!(s("الـ12"), "12");
    }
}
