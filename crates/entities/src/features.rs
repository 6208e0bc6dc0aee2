//! The features a token is tagged by: its normalised form, light stem and clitic-stripped form,
//! prefixes and suffixes, shape, the words around it, and trigger words (titles and roles before
//! a person, «مدينة» before a place, «وزارة» opening an organisation). Arabic has no capital
//! letters; these are what stand in for them.

use crfs::Attribute;
use marsad_text::normalize;

/// Words before a person's name: titles, ranks, roles (normalised).
#[rustfmt::skip]
const PERSON_TRIGGERS: &[&str] = &[
    "الرئيس", "رئيس", "نائب", "وزير", "الوزير", "الملك", "الامير", "الاميره", "الشيخ", "السيد", "السيده",
    "الدكتور", "الدكتوره", "المتحدث", "الناطق", "السفير", "الجنرال", "العقيد", "اللواء", "العميد", "الفريق",
    "المستشار", "الزعيم", "المرشد", "البابا", "الامام", "المدرب", "اللاعب", "الفنان", "الفنانه", "الكاتب",
    "الكاتبه", "الشاعر", "المخرج", "النائب", "القاضي", "المحامي", "الصحفي", "الاستاذ", "المهندس", "قال",
    "قالت", "اكد", "اكدت", "اعلن", "اعلنت", "اضاف", "اوضح", "زعيم", "مستشار", "المبعوث", "مبعوث", "المدير",
];

/// Words before a place's name (normalised).
#[rustfmt::skip]
const PLACE_TRIGGERS: &[&str] = &[
    "مدينه", "محافظه", "ولايه", "عاصمه", "منطقه", "جزيره", "نهر", "بحر", "اقليم", "جمهوريه", "مملكه", "بلده",
    "قريه", "مقاطعه", "شمال", "جنوب", "شرق", "غرب", "وسط", "حي", "ميناء", "مطار", "عاصمتها", "بمدينه",
];

/// Words that open an organisation's name (normalised, without «ال»).
#[rustfmt::skip]
const ORGANIZATION_WORDS: &[&str] = &[
    "وكاله", "حزب", "شركه", "وزاره", "منظمه", "جامعه", "بنك", "مجلس", "هيئه", "جمعيه", "اتحاد", "نادي", "صحيفه",
    "قناه", "جبهه", "حركه", "مؤسسه", "معهد", "مركز", "لجنه", "محكمه", "جيش", "قوات", "مصرف", "صندوق", "برلمان",
    "اكاديميه", "تنظيم", "ائتلاف", "كتله", "منتدي", "مكتب", "اداره", "سلطه", "رابطه", "نقابه", "مجموعه",
];

/// What unlabelled news says of a word (`bench/ner-lexicon.sh` over ANT and SaudiNewsNet): one
/// line per word, its bare form, a tab, and four levels 0–3 of how often it follows a person's
/// title or role, a place word, an organisation word, a given name. A name the tagged corpus never
/// shows is known so by the company it keeps.
static CONTEXTS: &str = include_str!("../data/contexts.tsv");

/// The levels of a [`CONTEXTS`] line, in order.
const CONTEXT_LEVELS: [&str; 4] = ["P", "L", "O", "N"];

/// [`CONTEXTS`], read once: bare form → its levels.
fn contexts() -> &'static std::collections::HashMap<&'static str, [u8; 4]> {
    static S: std::sync::OnceLock<std::collections::HashMap<&'static str, [u8; 4]>> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        CONTEXTS
            .lines()
            .filter_map(|l| {
                let (word, code) = l.split_once('\t')?;
                let d: Vec<u8> = code.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect();
                (d.len() == 4).then(|| (word, [d[0], d[1], d[2], d[3]]))
            })
            .collect()
    })
}

/// The word lists, normalised once.
struct Lists {
    person: std::collections::HashSet<String>,
    place: std::collections::HashSet<String>,
    organization: std::collections::HashSet<String>,
}

fn lists() -> &'static Lists {
    static S: std::sync::OnceLock<Lists> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        let set = |l: &[&str]| l.iter().map(|w| normalize(w)).collect();
        Lists { person: set(PERSON_TRIGGERS), place: set(PLACE_TRIGGERS), organization: set(ORGANIZATION_WORDS) }
    })
}

/// One token, analysed once for all the features that look at it from its neighbours.
pub(crate) struct Analysed {
    /// Normalised form.
    pub(crate) norm: String,
    /// Without the conjunction, prepositions and «ال» («وبموسكو» → «موسكو»).
    pub(crate) bare: String,
    /// Light stem.
    pub(crate) stem: String,
}

/// A normalised word's bare form: its clitics off (see [`strip_clitics`]).
pub(crate) fn bare_form(norm: &str) -> String {
    let chars: Vec<char> = norm.chars().collect();
    strip_clitics(&chars).iter().collect()
}

pub(crate) fn analyse(token: &str) -> Analysed {
    let norm = normalize(token);
    let bare = bare_form(&norm);
    let stem = marsad_text::stem::stem(&norm);
    Analysed { norm, bare, stem }
}

/// Strips one conjunction («و», «ف»), one preposition («ب», «ل», «ك») and «ال», keeping at least
/// two letters: what a name looks like with its clitics off.
fn strip_clitics(w: &[char]) -> &[char] {
    const MIN_LEFT: usize = 2;
    let mut w = w;
    if w.len() > MIN_LEFT + 1 && matches!(w[0], 'و' | 'ف') {
        w = &w[1..];
    }
    if w.len() > MIN_LEFT + 2 && w[0] == 'ل' && w[1] == 'ل' {
        // «للرئيس»: «ل» + «ال» written «لل».
        return &w[2..];
    }
    if w.len() > MIN_LEFT + 1 && matches!(w[0], 'ب' | 'ل' | 'ك') {
        w = &w[1..];
    }
    if w.len() > MIN_LEFT + 2 && w[0] == 'ا' && w[1] == 'ل' {
        w = &w[2..];
    }
    w
}

/// Length bucket of a word, in letters: short function words, names, long compounds.
fn length_bucket(n: usize) -> &'static str {
    match n {
        0..=2 => "s",
        3..=5 => "m",
        6..=8 => "l",
        _ => "xl",
    }
}

/// The shape of a token: Arabic, Latin, digits, punctuation, mixed.
fn shape(token: &str) -> &'static str {
    let mut arabic = false;
    let mut latin = false;
    let mut digit = false;
    let mut other = false;
    for c in token.chars() {
        if marsad_text::is_arabic_letter(c) {
            arabic = true;
        } else if c.is_ascii_alphabetic() {
            latin = true;
        } else if c.is_numeric() {
            digit = true;
        } else if !marsad_text::normalize::is_ignorable(c) {
            other = true;
        }
    }
    match (arabic, latin, digit, other) {
        (true, false, false, false) => "ar",
        (false, true, false, false) => "lat",
        (false, false, true, _) => "num",
        (false, false, false, true) => "punct",
        _ => "mixed",
    }
}

/// The features of every token of a sentence, in order.
pub fn sentence_features<S: AsRef<str>>(tokens: &[S]) -> Vec<Vec<Attribute>> {
    let an: Vec<Analysed> = tokens.iter().map(|t| analyse(t.as_ref())).collect();
    (0..tokens.len()).map(|i| token_features(tokens, &an, i)).collect()
}

fn token_features<S: AsRef<str>>(tokens: &[S], an: &[Analysed], i: usize) -> Vec<Attribute> {
    let mut f: Vec<Attribute> = Vec::with_capacity(56);
    let mut add = |name: String| f.push(Attribute::new(name, 1.0));
    word_attrs(tokens[i].as_ref(), &an[i], &mut add);
    for d in NEIGHBOURS {
        match i.checked_add_signed(d).filter(|&j| j < an.len()) {
            Some(j) => neighbour_attrs(tokens[j].as_ref(), &an[j], d, &mut add),
            None => add(edge_attr(d)),
        }
    }
    if i > 0 {
        add(pair_attr(&an[i - 1].norm, &an[i].norm, false));
    }
    if i + 1 < an.len() {
        add(pair_attr(&an[i].norm, &an[i + 1].norm, true));
    }
    f
}

/// The offsets of the neighbours a token's features look at.
pub(crate) const NEIGHBOURS: [isize; 4] = [-2, -1, 1, 2];

/// The features of a token that depend on its word alone.
pub(crate) fn word_attrs(token: &str, a: &Analysed, add: &mut impl FnMut(String)) {
    let l = lists();
    add("bias".into());
    add(format!("w={}", a.norm));
    add(format!("b={}", a.bare));
    add(format!("s={}", a.stem));
    add(format!("shape={}", shape(token)));
    let chars: Vec<char> = a.norm.chars().collect();
    add(format!("len={}", length_bucket(chars.len())));
    for k in 1..=3 {
        if chars.len() > k {
            add(format!("p{k}={}", chars[..k].iter().collect::<String>()));
            add(format!("x{k}={}", chars[chars.len() - k..].iter().collect::<String>()));
        }
    }
    // The bare form's ends: a name's own letters, whatever clitics it carries.
    let bare: Vec<char> = a.bare.chars().collect();
    for k in 2..=3 {
        if bare.len() > k {
            add(format!("bp{k}={}", bare[..k].iter().collect::<String>()));
            add(format!("bx{k}={}", bare[bare.len() - k..].iter().collect::<String>()));
        }
    }
    if a.norm.starts_with("ال") && a.norm.ends_with('ي') && chars.len() >= 5 {
        add("nisba".into());
    }
    if l.organization.contains(&a.bare) {
        add("org_word".into());
    }
    context_features(&a.bare, "", add);
    class_features(&a.bare, "", add);
    if l.place.contains(&a.bare) || l.place.contains(&a.norm) {
        add("place_word".into());
    }
    if l.person.contains(&a.norm) {
        add("person_word".into());
    }
}

/// The features a word gives the token `d` places from it (`d` in [`NEIGHBOURS`]): its forms,
/// its levels in the news contexts (next to the token) and whether it is a trigger word.
pub(crate) fn neighbour_attrs(token: &str, n: &Analysed, d: isize, add: &mut impl FnMut(String)) {
    let l = lists();
    if d.abs() == 1 {
        context_features(&n.bare, if d > 0 { "+1" } else { "-1" }, add);
        class_features(&n.bare, if d > 0 { "+1" } else { "-1" }, add);
    }
    add(format!("w{d:+}={}", n.norm));
    if d.abs() == 1 {
        add(format!("b{d:+}={}", n.bare));
        add(format!("s{d:+}={}", n.stem));
        add(format!("shape{d:+}={}", shape(token)));
    }
    if l.person.contains(&n.norm) {
        add(format!("person_word{d:+}"));
    }
    if l.place.contains(&n.bare) || l.place.contains(&n.norm) {
        add(format!("place_word{d:+}"));
    }
    if l.organization.contains(&n.bare) {
        add(format!("org_word{d:+}"));
    }
}

/// The feature of a token with no neighbour `d` places away (the sentence's edge).
pub(crate) fn edge_attr(d: isize) -> String {
    format!("w{d:+}=<edge>")
}

/// The feature of two adjacent words, seen from the second (`w-1|w`) or the first (`w|w+1`).
pub(crate) fn pair_attr(first: &str, second: &str, from_first: bool) -> String {
    let mut s = String::new();
    pair_attr_into(&mut s, first, second, from_first);
    s
}

/// [`pair_attr`] written into a buffer (cleared first), so tagging reuses one allocation.
pub(crate) fn pair_attr_into(buf: &mut String, first: &str, second: &str, from_first: bool) {
    buf.clear();
    buf.push_str(if from_first { "w|w+1=" } else { "w-1|w=" });
    buf.push_str(first);
    buf.push('|');
    buf.push_str(second);
}

/// The word classes learnt from unlabelled news ([`crate::clusters`]) of a bare form, coarse and
/// fine, as features named with `at` (the position).
fn class_features(bare: &str, at: &str, add: &mut impl FnMut(String)) {
    match crate::clusters::shipped().get(bare) {
        Some((coarse, fine)) => {
            add(format!("k1{at}={coarse}"));
            add(format!("k2{at}={coarse}.{fine}"));
        }
        None => add(format!("k{at}=none")),
    }
}

/// The levels [`CONTEXTS`] gives a bare form, as features named with `at` (the position).
fn context_features(bare: &str, at: &str, add: &mut impl FnMut(String)) {
    match contexts().get(bare) {
        Some(levels) => {
            for (name, level) in CONTEXT_LEVELS.iter().zip(levels) {
                add(format!("ctx{name}{at}={level}"));
            }
        }
        None => add(format!("ctx{at}=none")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(tokens: &[&str], i: usize) -> Vec<String> {
        sentence_features(tokens)[i].iter().map(|a| a.name.clone()).collect()
    }

    #[test]
    fn clitics_come_off_a_names_bare_form() {
        for (w, bare) in [("وبموسكو", "موسكو"), ("لبوتين", "بوتين"), ("للرئيس", "رئيس"), ("والكرملين", "كرملين")]
        {
            let chars: Vec<char> = normalize(w).chars().collect();
            assert_eq!(strip_clitics(&chars).iter().collect::<String>(), normalize(bare), "{w}");
        }
        // Short words keep their letters.
        let chars: Vec<char> = "بل".chars().collect();
        assert_eq!(strip_clitics(&chars).len(), 2);
    }

    #[test]
    fn a_title_before_a_name_is_a_feature_of_the_name() {
        let f = names(&["قال", "الرئيس", "فلاديمير", "بوتين"], 2);
        assert!(f.contains(&"person_word-1".to_string()), "{f:?}");
        assert!(f.contains(&"w+1=بوتين".to_string()), "{f:?}");
    }

    #[test]
    fn unlabelled_news_knows_a_leaders_name_by_its_company() {
        // «ترامب» follows «الرئيس» often in the news the lexicon was read from.
        let p = contexts().get(normalize("ترامب").as_str()).map(|c| c[0]);
        assert!(p.is_some_and(|p| p >= 2), "{p:?}");
        let f = names(&["قال", "ترامب"], 1);
        assert!(f.iter().any(|n| n.starts_with("ctxP=")), "{f:?}");
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("موسكو"), "ar");
        assert_eq!(shape("CNN"), "lat");
        assert_eq!(shape("2018"), "num");
        assert_eq!(shape("،"), "punct");
    }
}
