//! Keys under which the written forms of one name meet: clitics off, spelling variants of foreign
//! names folded (the skeleton search already uses), and — since a key decides what is merged —
//! nothing folded that would join two different names.
//!
//! A name of several words is keyed by the skeletons of its words: «كيم جونج أون» and
//! «كيم جونغ أون», «بيونج يانج» and «بيونغ يانغ» meet, «كيم يو جونغ» stays apart. A name of one
//! word is keyed by its normalised form without clitics, never by its skeleton: one Arabic word's
//! skeleton is too coarse («حسن» and «حسين» share one). A bare family name meets a full name only
//! through [`crate::link`], which needs the full name in the same article (or a full name that
//! owns the family name across the store, see [`crate::registry`]).

use marsad_text::{normalize, skeleton};

/// The key of a name: what two mentions of one entity share.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameKey(String);

impl NameKey {
    /// A key as stored (from [`NameKey::as_str`]).
    pub fn from_stored(s: impl Into<String>) -> Self {
        Self(s.into())
    }

    /// The key as text, for storage.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True for the key of a name of more than one word.
    pub fn is_compound(&self) -> bool {
        self.0.contains(' ')
    }
}

/// A word of a name, analysed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameWord {
    /// Normalised, as written.
    pub norm: String,
    /// Normalised with the article made uniform («والكرملين», «للكرملين» → «الكرملين»); a lone
    /// conjunction or preposition stays on («وبوتين»): whether it is one is decided by
    /// [`alternatives`] against the names around it, since many names begin with those letters
    /// («بوتين», «لافروف», «فرنسا», «وليد»).
    pub uniform: String,
    /// The name skeleton of the word without conjunction and article, with «ع» folded with «غ»
    /// (the dot a typist drops: «بيونغ يانع»).
    pub frame: String,
}

impl NameWord {
    /// Analyses one written word of a name.
    pub fn new(word: &str) -> Self {
        // «#بوتين»: a hashtag is the name.
        let norm = normalize(word.trim_start_matches('#'));
        let uniform = uniform_article(&norm);
        Self { frame: frame(&uniform), uniform, norm }
    }
}

/// A written word's normalised form with its article made uniform: [`NameWord::uniform`]
/// without the skeleton, for scanning every word of an article.
pub(crate) fn uniform(word: &str) -> (String, String) {
    let norm = normalize(word);
    let uniform = uniform_article(&norm);
    (norm, uniform)
}

/// Shortest word an article form must leave («بالي» is Bali, not «ب» + «الي»).
const MIN_AFTER_ARTICLE: usize = 3;

/// The word with its article in one form: a conjunction before an article goes, «بال», «كال»
/// and «لل» become «ال». Anything else is left as written.
fn uniform_article(norm: &str) -> String {
    let chars: Vec<char> = norm.chars().collect();
    if let Some(u) = article_made_uniform(&chars) {
        return u;
    }
    // «والرئيس», «فبالعاصمة»: a conjunction before the article comes off with it — only when an
    // article does follow («وكالة», «والي» keep their «و»).
    if chars.len() > 3
        && matches!(chars[0], 'و' | 'ف')
        && let Some(u) = article_made_uniform(&chars[1..])
    {
        return u;
    }
    norm.to_string()
}

/// A word that carries the article («ال», «بال», «كال», «لل») with at least
/// [`MIN_AFTER_ARTICLE`] letters after it, written with a plain «ال».
fn article_made_uniform(w: &[char]) -> Option<String> {
    let rest = |n: usize| w[n..].iter().collect::<String>();
    if w.len() >= 3 + MIN_AFTER_ARTICLE && (w.starts_with(&['ب', 'ا', 'ل']) || w.starts_with(&['ك', 'ا', 'ل'])) {
        return Some(format!("ال{}", rest(3)));
    }
    if w.len() >= 2 + MIN_AFTER_ARTICLE && (w.starts_with(&['ل', 'ل']) || w.starts_with(&['ا', 'ل'])) {
        return Some(format!("ال{}", rest(2)));
    }
    None
}

/// Last words that make a different person of the same name (normalised, article made uniform):
/// «دونالد ترامب الابن», «بوش الأب».
pub(crate) const GENERATIONAL: &[&str] = &["الابن", "جونيور", "الاب", "الثاني", "الثالث", "الرابع", "الصغير", "الكبير"];

/// True when a word of a name is one of [`GENERATIONAL`].
pub(crate) fn is_generational(word: &NameWord) -> bool {
    GENERATIONAL.contains(&word.uniform.as_str())
}

/// Generational words written after a person's name and never part of another kind of phrase
/// there: a mention of a person is extended over one («ترامب الابن» is not «ترامب»).
pub(crate) const NAME_SUFFIXES: &[&str] = &["الابن", "جونيور", "الاب"];

/// True when a written word is one of [`NAME_SUFFIXES`].
pub(crate) fn is_name_suffix(word: &str) -> bool {
    NAME_SUFFIXES.contains(&uniform_article(&normalize(word)).as_str())
}

/// The skeleton of a word with «ع» read as «غ»; «الابن» and «جونيور» («Jr.») meet.
pub(crate) fn frame(word: &str) -> String {
    if word == "الابن" {
        return frame("جونيور");
    }
    let folded: String = word.chars().map(|c| if c == 'ع' { 'غ' } else { c }).collect();
    skeleton(&folded)
}

/// The key of a name written as `words`.
pub fn key(words: &[NameWord]) -> NameKey {
    match words {
        [one] => NameKey(one.uniform.clone()),
        many => NameKey(many.iter().map(|w| w.frame.as_str()).collect::<Vec<_>>().join(" ")),
    }
}

/// A written name as a spelling of the entity keyed `key`: when the name only meets that key
/// with one or two clitic letters off its first word («وبيونغ يانغ» under «بيونغ يانغ»,
/// «لبوتين» under «بوتين»), the letters go, so the entity's spellings are names, not names
/// with a conjunction or preposition in front. A name that meets the key as written is kept.
pub fn spelling_under(written: &str, key: &NameKey) -> String {
    let words: Vec<&str> = written.split_whitespace().collect();
    let Some(first) = words.first() else { return written.to_string() };
    let mut analysed: Vec<NameWord> = words.iter().map(|w| NameWord::new(w)).collect();
    if self::key(&analysed) == *key {
        return written.to_string();
    }
    let norm: Vec<char> = analysed[0].norm.chars().collect();
    for cut in 1..=2 {
        let clitics_only = norm.iter().take(cut).all(|c| matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك'));
        if !clitics_only || norm.len() <= cut + 2 {
            break;
        }
        let tail = written_tail(first, norm.len() - cut);
        analysed[0] = NameWord::new(&tail);
        if self::key(&analysed) == *key {
            return std::iter::once(tail.as_str()).chain(words[1..].iter().copied()).collect::<Vec<_>>().join(" ");
        }
    }
    written.to_string()
}

/// The keys a one-word name may stand for if its first letters are clitics: «لبوتين» may be
/// «بوتين», «وموسكو» «موسكو», «لليبيا» «ليبيا». Nearest first, the word itself excluded. A caller
/// takes one only when another mention confirms it.
pub fn alternatives(word: &NameWord) -> Vec<NameKey> {
    alternatives_of(&word.norm, &word.uniform)
}

/// The ways a written word may read as a name: its uniform form, then its [`alternatives_of`]
/// (a clitic letter or two off: «ليوليا» → «يوليا»).
pub(crate) fn readings(norm: &str, uniform: &str) -> Vec<String> {
    std::iter::once(uniform.to_string()).chain(alternatives_of(norm, uniform).into_iter().map(|k| k.0)).collect()
}

/// [`alternatives`] of a word given by its normalised and uniform forms (no skeleton needed).
pub(crate) fn alternatives_of(norm: &str, uniform: &str) -> Vec<NameKey> {
    let chars: Vec<char> = norm.chars().collect();
    let mut out = Vec::new();
    let mut rest: &[char] = &chars;
    for _ in 0..2 {
        if rest.len() > 3 && matches!(rest[0], 'و' | 'ف' | 'ب' | 'ل' | 'ك') {
            rest = &rest[1..];
            let k = NameKey(uniform_article(&rest.iter().collect::<String>()));
            if k.0 != uniform && !out.contains(&k) {
                out.push(k);
            }
        }
    }
    out
}

/// The frames a one-word name may have, its own first then those of its [`alternatives`]: what a
/// bare family name is matched by against the words of full names.
pub fn frames(word: &NameWord) -> Vec<String> {
    let mut out = vec![word.frame.clone()];
    for alt in alternatives(word) {
        let f = frame(alt.as_str());
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

/// Fewest letters a word has to be a family name that owns bare names: two-letter words («بي»,
/// «سي» of «بي بي سي») are syllables of a name, not a name, and would own every word they meet.
pub const MIN_FAMILY_LETTERS: usize = 3;

/// True when a word of a name is long enough to be a family name ([`MIN_FAMILY_LETTERS`]).
pub fn can_be_family_name(word: &NameWord) -> bool {
    word.norm.chars().count() >= MIN_FAMILY_LETTERS
}

/// The frames a bare name is owned by: its [`frames`], none for a word too short to be a family
/// name.
pub fn family_frames(word: &NameWord) -> Vec<String> {
    if can_be_family_name(word) { frames(word) } else { Vec::new() }
}

/// True when two spellings whose frames meet end alike: the same last letter, or two
/// consonants («ترمب»/«ترامب», «جونج»/«جونغ»); never a name and the same name with a vowel after
/// it («بوتين» and «بوتينا» are two people, though their skeletons meet).
pub fn endings_agree(a: &str, b: &str) -> bool {
    let vowel = |c: char| matches!(c, 'ا' | 'و' | 'ي' | 'ى' | 'ه' | 'ة');
    match (a.chars().last(), b.chars().last()) {
        (Some(x), Some(y)) => x == y || !(vowel(x) || vowel(y)),
        _ => false,
    }
}

/// A name of one or two words as one written word's frame, so a name written with and without
/// its space meets («بيونغيانغ» and «بيونغ يانغ», «إنتر ميلان» and «انترميلان»): the one word's
/// frame, or the frame of the two words written together. `None` for longer names.
pub fn joined_frame(words: &[NameWord]) -> Option<String> {
    match words {
        [one] => Some(one.frame.clone()),
        [a, b] => Some(frame(&format!("{}{}", a.uniform, b.uniform))),
        _ => None,
    }
}

/// The name as a reader should see it: the words as written, a conjunction taken off the first
/// word when it stands before an article, and an article written «بال»/«لل» given back its own
/// form («والكرملين» → «الكرملين»). Whether a lone letter is a clitic is the linker's call.
pub fn display(words: &[&str]) -> String {
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    if let Some(first) = out.first_mut() {
        *first = display_word(first);
    }
    out.join(" ")
}

/// One written word with its article made uniform, keeping the writer's letters otherwise.
fn display_word(word: &str) -> String {
    let word = word.trim_start_matches('#');
    let norm = normalize(word);
    let uniform = uniform_article(&norm);
    if uniform == norm {
        return word.to_string();
    }
    format!("ال{}", written_tail(word, uniform.chars().count() - 2))
}

/// The last `letters` letters of a written word, as written: the clitics it carries cut at the
/// same letter count as in its normalised form, so hamzas and vowel signs stay as the writer put
/// them («لأردوغان», 6 → «أردوغان»).
pub(crate) fn written_tail(word: &str, letters: usize) -> String {
    let kept: Vec<char> = word.chars().filter(|c| !marsad_text::normalize::is_ignorable(*c)).collect();
    kept[kept.len().saturating_sub(letters)..].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bug: «وكالة» was read as «و» + «كال» + «ة» and displayed «اللة».
    #[test]
    fn a_waw_of_the_word_itself_is_no_conjunction_before_an_article() {
        for (word, uniform_form) in [
            ("وكالة", "وكاله"),
            ("والي", "والي"),
            ("والرئيس", "الرئيس"),
            ("فبالعاصمة", "العاصمه"),
            ("للرئيس", "الرئيس"),
        ] {
            assert_eq!(uniform_article(&normalize(word)), uniform_form, "{word}");
        }
        assert_eq!(display(&["وكالة", "الأنباء"]), "وكالة الأنباء");
    }

    fn k(name: &str) -> NameKey {
        let words: Vec<NameWord> = name.split_whitespace().map(NameWord::new).collect();
        key(&words)
    }

    #[test]
    fn a_spelling_loses_the_clitic_its_entity_was_found_behind() {
        // A skeleton drops «و», so the key cannot tell here: the linker takes a conjunction off.
        assert_eq!(spelling_under("وبيونغ يانغ", &k("بيونج يانج")), "وبيونغ يانغ");
        assert_eq!(spelling_under("لبوتين", &k("بوتين")), "بوتين");
        assert_eq!(spelling_under("لمنظمة الأمم المتحدة", &k("منظمة الأمم المتحدة")), "منظمة الأمم المتحدة");
        // Names that begin with those letters keep them when that is how they meet the key.
        assert_eq!(spelling_under("لبنان", &k("لبنان")), "لبنان");
        assert_eq!(spelling_under("وليد المعلم", &k("وليد المعلم")), "وليد المعلم");
        // A name that meets the key no way is left as written.
        assert_eq!(spelling_under("وليد", &k("بوتين")), "وليد");
    }

    #[test]
    fn endings_agree_across_spellings_not_across_a_final_vowel() {
        assert!(endings_agree("ترامب", "ترمب"));
        assert!(endings_agree("جونج", "جونغ"));
        assert!(!endings_agree("بوتين", "بوتينا"));
        assert!(!endings_agree("", "بوتين"));
    }

    #[test]
    fn a_one_letter_frame_owns_nothing() {
        assert!(family_frames(&NameWord::new("سي")).is_empty());
        assert!(!family_frames(&NameWord::new("كيم")).is_empty());
        assert!(!family_frames(&NameWord::new("ترامب")).is_empty());
    }

    #[test]
    fn transliteration_variants_meet() {
        assert_eq!(k("كيم جونج أون"), k("كيم جونغ أون"));
        assert_eq!(k("بيونج يانج"), k("بيونغ يانغ"));
        assert_eq!(k("بيونغ يانع"), k("بيونغ يانغ"));
        assert_eq!(k("دونالد ترامب"), k("دونالد ترمب"));
    }

    #[test]
    fn look_alike_names_stay_apart() {
        assert_ne!(k("كيم جونغ أون"), k("كيم يو جونغ"));
        assert_ne!(k("حسن"), k("حسين"));
        assert_ne!(k("بشار الأسد"), k("حافظ الأسد"));
    }

    #[test]
    fn clitics_and_article_off_one_word() {
        assert_eq!(k("والكرملين"), k("الكرملين"));
        assert_eq!(k("للكرملين"), k("الكرملين"));
        assert!(alternatives(&NameWord::new("وموسكو")).contains(&k("موسكو")));
        assert_ne!(k("وبوتين"), k("بوتين"), "a lone letter is decided by the linker");
        let alts = alternatives(&NameWord::new("لليبيا"));
        assert!(alts.contains(&k("ليبيا")), "{alts:?}");
        assert!(alternatives(&NameWord::new("وبوتين")).contains(&k("بوتين")));
    }

    #[test]
    fn display_drops_the_conjunction_keeps_the_article() {
        assert_eq!(display(&["والكرملين", "الروسي"]), "الكرملين الروسي");
        assert_eq!(display(&["بالعراق"]), "العراق");
        assert_eq!(display(&["للكرملين"]), "الكرملين");
        assert_eq!(display(&["الكرملين"]), "الكرملين");
    }
}
