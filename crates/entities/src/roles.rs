//! The words around names: the titles and roles written before a person («الرئيس الروسي»,
//! «المتحدث باسم الكرملين»), and the verbs that introduce what someone said.

use std::collections::HashSet;
use std::sync::OnceLock;

use marsad_text::normalize;

use crate::annotate::Token;

/// Words that open a title or role before a name (normalised as written, with and without «ال»
/// where both occur: «وزير الخارجية» and «الوزير»).
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "الرئيس", "رئيس", "رئيسة", "الرئيسة", "الوزير", "وزير", "وزيرة", "الوزيرة", "المتحدث", "المتحدثة", "متحدث",
    "الناطق", "ناطق", "الملك", "الملكة", "الأمير", "الأميرة", "ولي", "الزعيم", "زعيم", "السفير", "سفير",
    "المبعوث", "مبعوث", "المستشار", "مستشار", "الجنرال", "القائد", "قائد", "المرشد", "الأمين", "أمين", "نائب",
    "النائب", "الشيخ", "السيد", "السيدة", "المدرب", "مدرب", "اللاعب", "لاعب", "المدير", "مدير", "المحافظ",
    "محافظ", "الحاكم", "حاكم", "عضو", "القاضي", "المدعي", "المندوب", "مندوب", "الدكتور", "الدكتورة", "البابا",
    "الفنان", "الفنانة", "الكاتب", "الكاتبة", "الصحفي", "الصحفية", "المحلل", "الخبير", "الباحث", "الأستاذ",
    "المرشح", "مرشح", "المرشحة", "العاهل", "الممثل", "الممثلة", "المطرب", "المطربة", "الإعلامي", "الإعلامية",
    "قائد", "الداعية", "المفتي", "الإمام", "البطريرك", "المبعوثة", "السفيرة", "رئيس", "عمدة", "العمدة", "الرفيق", "الجنرال", "المشير", "الكابتن", "النجم", "المهاجم", "الحارس", "المغني", "الروائي",
];

/// Verbs that introduce speech (normalised, conjunction off).
#[rustfmt::skip]
const SPEECH_VERBS: &[&str] = &[
    "قال", "قالت", "قالوا", "أكد", "أكدت", "أكدوا", "أعلن", "أعلنت", "أضاف", "أضافت", "أوضح", "أوضحت", "شدد",
    "شددت", "صرح", "صرحت", "تابع", "تابعت", "أشار", "أشارت", "لفت", "لفتت", "ذكر", "ذكرت", "كشف", "كشفت",
    "اعتبر", "اعتبرت", "رأى", "رأت", "يقول", "تقول", "يرى", "ترى", "يؤكد", "تؤكد", "نفى", "نفت", "حذر",
    "حذرت", "طالب", "طالبت", "كتب", "كتبت", "غرد", "غردت", "أعرب", "أعربت", "استطرد", "استطردت", "أردف",
    "أردفت", "اعترف", "اعترفت", "زعم", "زعمت", "تساءل", "تساءلت", "نقل", "أفاد", "أفادت", "أبلغ", "أبلغت",
    "يضيف", "تضيف", "مضى", "مضت", "ختم", "ختمت", "أجاب", "أجابت", "علق", "علقت", "رد", "ردت",
    "وصف", "وصفت", "خلص", "خلصت", "دعا", "دعت", "هدد", "هددت",
];

/// Participles and verbal nouns that go on with the speaker of their clause («موضحًا بقوله: …»,
/// «مضيفًا أن …», «قائلًا: …»), normalised without case endings.
#[rustfmt::skip]
const PARTICIPLES: &[&str] = &[
    "موضحا", "مضيفا", "مؤكدا", "مشيرا", "لافتا", "قائلا", "معتبرا", "مشددا", "متابعا", "مبينا", "منوها", "محذرا",
    "معربا", "مستطردا", "بقوله", "قائله", "موضحه", "مضيفه", "مؤكده", "مشيره", "لافته", "معتبره", "مشدده",
];

/// Longest title or role read before a name, in words: enough for «وزير الخارجية الروسي» and
/// «المتحدث باسم وزارة الخارجية الأمريكية», short enough not to reach into the previous clause.
const MAX_DESCRIPTOR_WORDS: usize = 6;

struct Lists {
    participles: WordList,
    titles: WordList,
    speech: WordList,
}

fn lists() -> &'static Lists {
    static S: OnceLock<Lists> = OnceLock::new();
    S.get_or_init(|| Lists {
        participles: WordList::new(PARTICIPLES),
        titles: WordList::new(TITLES),
        speech: WordList::new(SPEECH_VERBS),
    })
}

/// Words normalised once, looked up by a word as written: whole, or without a conjunction
/// written onto it («وأكدت», «والحكومة»).
pub(crate) struct WordList(HashSet<String>);

impl WordList {
    /// The list of these words.
    pub(crate) fn new(words: &[&str]) -> Self {
        Self(words.iter().map(|w| normalize(w)).collect())
    }

    /// True when the normalised word is listed as it stands.
    pub(crate) fn contains(&self, norm: &str) -> bool {
        self.0.contains(norm)
    }

    /// True when the word, whole or without its conjunction, is listed.
    pub(crate) fn has(&self, word: &Written) -> bool {
        self.0.contains(&word.whole) || self.0.contains(&word.bare)
    }
}

/// A word as written, normalised whole and without a conjunction ([`without_conjunction`]):
/// what a [`WordList`] looks it up by.
pub(crate) struct Written {
    whole: String,
    bare: String,
}

impl Written {
    /// The forms of one written word.
    pub(crate) fn of(word: &str) -> Self {
        Self { whole: normalize(word), bare: without_conjunction(word) }
    }
}

/// A normalised word without a conjunction «و»/«ف» written onto it (kept when it would leave
/// fewer than three letters).
pub(crate) fn without_conjunction(word: &str) -> String {
    let norm = normalize(word);
    let mut chars = norm.chars();
    match chars.next() {
        Some('و' | 'ف') if norm.chars().count() > 3 => chars.collect(),
        _ => norm,
    }
}

/// True when the word opens a person's title or role («الرئيس», «وزير», «المتحدث»).
pub fn is_title(word: &str) -> bool {
    Role::of(word).title
}

/// Which of the word lists a token is in, with or without its conjunction: found once per token
/// (the title, quotation and body passes ask about every token several times).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Role {
    /// Opens a person's title or role («الرئيس», «وزير», «المتحدث»).
    pub(crate) title: bool,
    /// Introduces speech («قال», «وأضافت»).
    pub(crate) speech: bool,
    /// A participle that goes on with its clause's speaker («موضحًا»).
    pub(crate) participle: bool,
}

/// Word forms whose [`Role`] a thread remembers; past this the memo starts again (a bound on
/// memory).
const ROLE_MEMO: usize = 100_000;

impl Role {
    /// The role of a word as written, remembered per thread: news repeats its words, and each
    /// answer otherwise costs two normalisations.
    pub(crate) fn of(word: &str) -> Role {
        use std::cell::RefCell;
        thread_local! {
            static MEMO: RefCell<rustc_hash::FxHashMap<Box<str>, Role>> = RefCell::new(Default::default());
        }
        if let Some(r) = MEMO.with(|m| m.borrow().get(word).copied()) {
            return r;
        }
        let (l, w) = (lists(), Written::of(word));
        let r = Role { title: l.titles.has(&w), speech: l.speech.has(&w), participle: l.participles.has(&w) };
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() >= ROLE_MEMO {
                m.clear();
            }
            m.insert(word.into(), r);
        });
        r
    }
}

/// True when a word may be part of a title or role chain: a title, a defined word («الروسي»,
/// «الخارجية»), «باسم», or any word right after a title without article («وزير خارجية»).
fn in_chain(tokens: &[Token<'_>], i: usize) -> bool {
    let t = tokens[i].text;
    if !t.chars().any(char::is_alphabetic) {
        return false;
    }
    let w = without_conjunction(t);
    tokens[i].role.title
        || w.starts_with("ال")
        || w == "باسم"
        || (i > 0 && tokens[i - 1].block == tokens[i].block && tokens[i - 1].role.title && !tokens[i].role.speech)
}

/// The title or role written right before the person's name starting at token `start`, as written
/// (a conjunction on its first word left off): «وقال الرئيس الروسي فلاديمير بوتين» → «الرئيس الروسي».
pub(crate) fn descriptor(tokens: &[Token<'_>], start: usize) -> Option<String> {
    let block = tokens.get(start)?.block;
    let mut first_title = None;
    // «الرئيس الروسي، فلاديمير بوتين»: one comma may stand between the title and the name.
    let start = if start > 0 && matches!(tokens[start - 1].text, "،" | ",") { start - 1 } else { start };
    let mut i = start;
    while i > 0 && start - i < MAX_DESCRIPTOR_WORDS {
        let j = i - 1;
        if tokens[j].block != block || !in_chain(tokens, j) {
            break;
        }
        if tokens[j].role.title {
            first_title = Some(j);
        }
        i = j;
    }
    let first = first_title?;
    Some(phrase(tokens, first..start))
}

/// The text of a token run in one block, a conjunction on the first word left off.
pub(crate) fn phrase(tokens: &[Token<'_>], run: std::ops::Range<usize>) -> String {
    let words: Vec<String> = tokens[run]
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let n = normalize(t.text);
            let conj =
                k == 0 && matches!(n.chars().next(), Some('و' | 'ف')) && t.role.title && !lists().titles.contains(&n);
            if conj { t.text.chars().skip(1).collect() } else { t.text.to_string() }
        })
        .collect();
    words.join(" ")
}

/// The role a speech verb's subject is written as when no name follows («قال المتحدث باسم
/// الكرملين إن»): the title chain starting at token `start`, normalised, if it opens with a title.
pub(crate) fn role_at(tokens: &[Token<'_>], start: usize) -> Option<Vec<String>> {
    let t = tokens.get(start)?;
    if !t.role.title {
        return None;
    }
    let mut end = start + 1;
    while end < tokens.len()
        && end - start < MAX_DESCRIPTOR_WORDS
        && tokens[end].block == t.block
        && in_chain(tokens, end)
    {
        end += 1;
    }
    Some(tokens[start..end].iter().map(|t| role_word(t.text)).collect())
}

/// A role's word as compared: normalised, conjunction and article off.
pub(crate) fn role_word(word: &str) -> String {
    // «وزير» is a title, not «و» + «زير».
    let norm = normalize(word);
    let w = if lists().titles.contains(&norm) { norm } else { without_conjunction(word) };
    w.strip_prefix("ال").filter(|r| r.chars().count() >= 2).map(str::to_string).unwrap_or(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::tokens;

    fn descriptor_before(text: &str, name: &str) -> Option<String> {
        let blocks = [text];
        let t = tokens(&blocks);
        let i = t.iter().position(|t| t.text == name).expect("name in text");
        descriptor(&t, i)
    }

    #[test]
    fn titles_and_roles_before_names() {
        assert_eq!(
            descriptor_before("وقال الرئيس الروسي فلاديمير بوتين إن", "فلاديمير").as_deref(),
            Some("الرئيس الروسي")
        );
        assert_eq!(
            descriptor_before("وقال المتحدث باسم الكرملين ديمتري بيسكوف", "ديمتري").as_deref(),
            Some("المتحدث باسم الكرملين")
        );
        assert_eq!(
            descriptor_before("التقى وزير الخارجية الروسي سيرغي لافروف", "سيرغي").as_deref(),
            Some("وزير الخارجية الروسي")
        );
        assert_eq!(descriptor_before("والرئيس بوتين", "بوتين").as_deref(), Some("الرئيس"));
        assert_eq!(descriptor_before("وقال بوتين إن", "بوتين"), None);
        assert_eq!(descriptor_before("التقى الزعيم الكوري", "الكوري"), Some("الزعيم".into()));
    }

    #[test]
    fn speech_verbs_with_and_without_conjunction() {
        assert!(Role::of("وقال").speech);
        assert!(Role::of("وأضافت").speech);
        assert!(!Role::of("وزير").speech);
        assert!(Role::of("وزير").title && Role::of("موضحًا").participle);
    }
}
