//! The reporter-and-place line newspapers print under a headline, recognised by its shape:
//! «NAME - CITY», «CITY: NAME», «OUTLET – CITY», «CITY، CITY: OUTLET», «NAME (CITY)», «NAME من
//! CITY», ««OUTLET» من CITY», «CITY - مكتب OUTLET - NAME», a bare name. Each part between the
//! separators is typed — a place, an outlet, an agency, a desk («مكتب …», «المحليات»), a person
//! (a common given name first, or a name's own shape: «عبد…», «أبو …», «بن»), or other words — and
//! the line is a byline when every part is short and typed, with at least one part a place,
//! outlet, agency or person. A headline of the «X: Y» form has a long or untyped part and fails.
//!
//! A bare person name is weaker evidence (a two-word headline can look like one): the walk
//! takes it as a byline only under a headline it has already found.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::classify::{ends_sentence, key_set, word_count};
use super::cues::SCENE_LINKS;
use crate::keys::key;
use crate::{outlets, sources};

/// Words of one part of a byline at most: «عبدالرحمن بن محمد السبيعي» has four.
const MAX_PART_WORDS: usize = 4;
/// Words of a name with a lineage word («أحمد حسن آل عسكر اليامي», «سعود بن عبدالله الخالد»)
/// at most.
const MAX_LINEAGE_NAME_WORDS: usize = 5;
/// Letters of a nisba family name at least («العتيبي»): shorter «ال…ي» words are adjectives.
const MIN_NISBA_CHARS: usize = 6;
/// Words of titles before a name at most («أ.د», «الدكتور المهندس»).
const MAX_TITLE_WORDS: usize = 2;
/// Words of a part marsad cannot type, at most: a three-word name («العزب الطيب الطاهر»).
const MAX_UNKNOWN_WORDS: usize = 3;
/// Words of a whole byline line at most (after navigation residue is stripped).
const MAX_BYLINE_WORDS: usize = 10;

/// Common Arabic given names (masculine and feminine, in their usual spellings, compared
/// normalised): the first word of most reporters' and columnists' names. Not a complete list of
/// names — a name that is missing falls back to the other evidence.
#[rustfmt::skip]
const GIVEN_NAMES: &[&str] = &[
    "محمد", "أحمد", "محمود", "مصطفى", "علي", "حسن", "حسين", "عمر", "عثمان", "خالد", "سعد", "سعود", "سعيد", "فهد",
    "فيصل", "سلطان", "سلمان", "ناصر", "سالم", "صالح", "سليمان", "إبراهيم", "يوسف", "يعقوب", "إسماعيل", "حمد", "حمود",
    "حامد", "ماجد", "مشعل", "نايف", "تركي", "بندر", "عادل", "طارق", "وليد", "هاني", "سامي", "ياسر", "منير", "جعفر",
    "عيسى", "موسى", "مروان", "مازن", "زياد", "رائد", "باسم", "هشام", "جمال", "كمال", "نبيل", "عماد", "أيمن", "أسامة",
    "عصام", "وائل", "فؤاد", "منصور", "مهنا", "مبارك", "مساعد", "متعب", "مشاري", "نواف", "راشد", "عايض",
    "عوض", "فايز", "فائز", "فارس", "فراس", "غازي", "ثامر", "جابر", "جاسم", "حمزة", "حازم", "حاتم", "خليل", "داود",
    "رامي", "رياض", "زكي", "سامر", "شريف", "صلاح", "طلال", "عامر", "عبدالله", "عبدالرحمن", "عبدالعزيز", "عبدالكريم",
    "عبدالمحسن", "عبدالإله", "عدنان", "عزيز", "علاء", "عمرو", "غسان", "قاسم", "كريم", "لؤي", "ماهر", "مجدي", "محسن",
    "مراد", "مسعود", "معاذ", "مهند", "نادر", "نزار", "نصر", "هادي", "هيثم", "وحيد", "ياسين", "يحيى", "يزيد", "بدر",
    "تامر", "توفيق", "جميل", "حبيب", "حسام", "حمدي", "خلف", "ذياب", "زيد", "سعدون", "شادي", "ضياء", "عارف", "عاطف",
    "عبده", "عيد", "فالح", "فواز", "لافي", "مطلق", "ممدوح", "نجيب", "هزاع", "وسام", "ياسمين", "فاطمة", "عائشة",
    "مريم", "نورة", "نوره", "سارة", "هند", "ريم", "منى", "مها", "ليلى", "هيفاء", "عايدة", "فوزية", "نوال", "أمل", "هدى",
    "سلمى", "لمى", "رنا", "دانة", "شيماء", "نجلاء", "نادية", "سميرة", "رشا", "سوسن", "غادة", "لطيفة", "حصة", "منيرة",
    "أسماء", "إيمان", "آمنة", "خديجة", "زينب", "سعاد", "عبير", "لبنى", "مي", "ندى", "نهى", "هالة", "وفاء", "جواهر",
];

/// Titles written before a name: «د.», «أ.د», «م.», «الشيخ» …
#[rustfmt::skip]
const NAME_TITLES: &[&str] = &[
    "د", "ا د", "أ د", "م", "أ", "الدكتور", "الدكتوره", "الدكتورة", "المهندس", "الأستاذ", "الاستاذ", "الشيخ", "الكاتب",
    "الكاتبة", "اللواء", "العميد", "الأمير", "الأميرة",
];

/// Words that make a part a desk or a generic source rather than a headline's words.
#[rustfmt::skip]
const DESK_WORDS: &[&str] = &[
    "مكتب", "مراسل", "مراسلنا", "مراسلة", "متابعات", "خاص", "وكالات", "الوكالات", "المحرر", "تصوير",
    "كتب", "كتبت", "تقرير", "إعداد", "اعداد", "حوار", "ترجمة", "الإلكترونية", "الالكترونية",
];

/// Navigation words a scraper may leave before the byline («Next Previous NAME – OUTLET»).
const NAV_RESIDUE: &[&str] = &["next", "previous", "prev", "التالي", "السابق"];

/// Given names read from ANERcorp's training split (the first words of the person names it tags,
/// Arabic and foreign: «ديفيد», «دانا», «كوندوليزا»), one per line; `bench/given-names.sh`
/// rebuilds the file. Columnists of every origin sign Gulf papers, and no hand list keeps up.
const ANERCORP_GIVEN_NAMES: &str = include_str!("../../data/given-names.txt");

fn given_names() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        let listed = GIVEN_NAMES.iter().copied();
        let learned = ANERCORP_GIVEN_NAMES.lines().map(str::trim).filter(|l| !l.is_empty());
        listed.chain(learned).map(key).collect()
    })
}

fn name_titles() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    key_set(NAME_TITLES, &S)
}

fn desk_words() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    key_set(DESK_WORDS, &S)
}

/// What one part of a byline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Place,
    Outlet,
    Agency,
    Desk,
    Person,
    /// One or two words of nothing known (a place or a name marsad has no list for).
    Unknown,
}

/// How sure the shape is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Strength {
    /// A bare person name: a byline only under a headline already found.
    Name,
    /// Typed parts around separators, or a known agency/outlet with a place.
    Shape,
}

/// A byline line, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Byline {
    /// The line as printed, navigation residue and trailing colon off.
    pub text: String,
    /// The person it names, when it names one.
    pub person: Option<String>,
    /// True when a part is a known place: the line is also the article's dateline.
    pub place: bool,
    pub strength: Strength,
}

/// A person's name: two to four Arabic words, opening with a title, a common given name or a
/// name's own shape («عبد…», «أبو»), with no digits.
fn is_person(part: &str) -> bool {
    person_name(part).is_some()
}

/// True when the whole line is a known place («مكة المكرمة»): a dateline printed on its own line.
pub(super) fn is_place(line: &str) -> bool {
    part_kind(line) == Some(Part::Place)
}

/// «NAME خلال الجولة»: a person's name, a [`SCENE_LINKS`] word, and a few words of scene — a
/// photo caption.
pub(super) fn person_in_scene(line: &str) -> bool {
    // Most lines are longer than any such caption: no key for them (this runs on every line).
    let n = word_count(line);
    if !(3..=3 + MAX_SCENE_WORDS).contains(&n) {
        return false;
    }
    let k = key(line);
    let words: Vec<&str> = k.split(' ').filter(|w| !w.is_empty()).collect();
    (2..=3).any(|n| {
        words.len() > n
            && words.len() <= n + MAX_SCENE_WORDS
            && SCENE_LINKS.contains(&words[n])
            && is_person(&words[..n].join(" "))
    })
}

/// Words of scene after the link word in a caption naming someone, at most.
const MAX_SCENE_WORDS: usize = 4;

/// How a part reads as a person's name, when it does (see [`is_person`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name {
    /// Opens with a given name or a name's shape.
    Plain,
    /// A title before it («د. …», «الأستاذ …»): a name whatever its first word, since titles
    /// stand before names, and strong evidence on its own.
    Titled,
}

fn person_name(part: &str) -> Option<Name> {
    let k = key(part);
    let words: Vec<&str> = k.split(' ').filter(|w| !w.is_empty()).collect();
    // «بن», «آل»: lineage words make a name longer than any other part.
    let is_given = |w: &str| given_names().contains(w) || w.starts_with("عبد") || w == "ابو";
    let lineage = words.iter().any(|w| matches!(*w, "بن" | "ابن" | "ال"));
    let max = if lineage { MAX_LINEAGE_NAME_WORDS } else { MAX_PART_WORDS };
    // Titles («د.», «أ.د») come on top of the name's own words.
    if words.is_empty() || words.len() > max + MAX_TITLE_WORDS || part.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if !part.chars().filter(|c| c.is_alphabetic()).all(marsad_text::is_arabic_letter) {
        return None;
    }
    // «د. عبدالله …», «أ.د عبد الله …»: drop the titles.
    let mut rest: &[&str] = &words;
    while let Some((first, tail)) = rest.split_first() {
        let two = tail.first().map(|s| format!("{first} {s}"));
        if two.as_ref().is_some_and(|t| name_titles().contains(t)) {
            rest = &tail[1..];
        } else if name_titles().contains(*first) {
            rest = tail;
        } else {
            break;
        }
    }
    let first = rest.first()?;
    // «علي» (the name) normalises like «على» (the particle): as printed, the name ends with «ي».
    let raw: Vec<&str> = part.split_whitespace().collect();
    let printed_as_name =
        |j: usize| raw.len() == words.len() && raw[words.len() - rest.len() + j].ends_with('ي') && is_given(rest[j]);
    if !(2..=max).contains(&rest.len())
        || rest.iter().enumerate().any(|(j, w)| marsad_text::is_stop_word(w) && !printed_as_name(j))
    {
        return None;
    }
    // After a title, any first name (lists of given names are never complete), but the rest
    // must read as a name too: given names or «بن» in the middle, a family name («ال…») last —
    // «د. الربيعة يتفقد المستشفى» is a headline.
    let titled = rest.len() < words.len()
        && rest.len() <= MAX_PART_WORDS
        && rest.last().is_some_and(|w| w.starts_with("ال"))
        && (1..rest.len() - 1).all(|j| {
            // «عبد الرحمن», «أبو بكر»: the second half of a compound name.
            is_given(rest[j]) || matches!(rest[j], "بن" | "ابن") || matches!(rest[j - 1], "عبد" | "ابو")
        });
    // «وهيب الوهيبي»: a family name of the «ال…ي» form (the nisba) after given names marsad has
    // no list for; headlines put «ال» on more than their last word.
    let nisba = rest.len() <= 3
        && rest[..rest.len() - 1].iter().all(|w| !w.starts_with("ال"))
        && rest.last().is_some_and(|w| w.starts_with("ال") && w.ends_with('ي') && w.chars().count() >= MIN_NISBA_CHARS);
    if titled {
        Some(Name::Titled)
    } else {
        (is_given(first) || nisba || tagged_as_persons(part)).then_some(Name::Plain)
    }
}

/// Words a name must have for the recogniser's word alone to make it one: a single word it
/// calls a person is too often a headline's subject («بوتين»).
const MIN_TAGGED_NAME_WORDS: usize = 2;

/// Loads the recogniser now rather than on first need.
pub(super) fn warm_up() {
    recognizer();
}

/// The named-entity recogniser trained on ANERcorp, loaded once per process.
fn recognizer() -> Option<&'static marsad_entities::Recognizer> {
    static R: OnceLock<Option<marsad_entities::Recognizer>> = OnceLock::new();
    R.get_or_init(|| marsad_entities::Recognizer::shipped().ok()).as_ref()
}

/// True when the recogniser reads the whole of `part` as one person's name («جاسر عبدالعزيز
/// الجاسر», «بدر السعيّد»), or as two joined by «و» («محمد السيد وأحمد علي»): the evidence for
/// the many names no list holds, learnt from how ANERcorp's names are written and what surrounds
/// them. Every name must have two words or more.
fn tagged_as_persons(part: &str) -> bool {
    use marsad_entities::{EntityKind, Span};
    let tokens = marsad_entities::tokenize::tokens(part);
    if !(MIN_TAGGED_NAME_WORDS..=2 * MAX_LINEAGE_NAME_WORDS).contains(&tokens.len()) {
        return false;
    }
    let Some(r) = recognizer() else { return false };
    let spans = r.entities(&tokens);
    let name = |s: &Span| s.kind == EntityKind::Person && s.end - s.start >= MIN_TAGGED_NAME_WORDS;
    match spans.as_slice() {
        [one] => name(one) && one.start == 0 && one.end == tokens.len() && one.end <= MAX_LINEAGE_NAME_WORDS,
        [a, b] => {
            name(a)
                && name(b)
                && a.start == 0
                && a.end == b.start
                && b.end == tokens.len()
                && tokens[b.start].starts_with('و')
        }
        _ => false,
    }
}

/// Words of a title before a name in a portrait's caption at most («الرئيس التركي», «وزير
/// الخارجية الأمريكي»).
const MAX_CAPTION_TITLE_WORDS: usize = 3;

/// «الرئيس التركي رجب طيب أردوغان» alone on its line: a title, then a name the recogniser reads
/// as one person's, and nothing else — a portrait's caption. A headline says something of the
/// person; this names them only.
pub(super) fn titled_portrait(line: &str) -> bool {
    use marsad_entities::{EntityKind, Span};
    // Most lines open with no title: tell them before tokenizing anything.
    if !line.split_whitespace().next().is_some_and(marsad_entities::is_title) {
        return false;
    }
    let tokens = marsad_entities::tokenize::tokens(line);
    if tokens.len() > MAX_CAPTION_TITLE_WORDS + MAX_LINEAGE_NAME_WORDS {
        return false;
    }
    let Some(r) = recognizer() else { return false };
    matches!(r.entities(&tokens).as_slice(),
        [Span { start, end, kind: EntityKind::Person }]
            if (1..=MAX_CAPTION_TITLE_WORDS).contains(start) && *end == tokens.len() && end - start >= MIN_TAGGED_NAME_WORDS)
}

fn part_kind(part: &str) -> Option<Part> {
    let t = part.trim().trim_matches(|c: char| "«»\"“”'()[]:.،".contains(c) || c.is_whitespace());
    let n = word_count(t);
    if t.is_empty() || n > MAX_LINEAGE_NAME_WORDS || ends_sentence(part) {
        return None;
    }
    if n > MAX_PART_WORDS {
        return is_person(t).then_some(Part::Person);
    }
    if sources::place_en(t).is_some() {
        return Some(Part::Place);
    }
    // «سبق», «الاقتصادية الإلكترونية»: a newspaper's name without «صحيفة», or its web edition.
    let paper = t.trim_end_matches("الإلكترونية").trim_end_matches("الالكترونية").trim();
    if outlets::by_name(t).is_some() || outlets::by_name(&format!("صحيفة {paper}")).is_some() {
        return Some(Part::Outlet);
    }
    if sources::short_agency(t).is_some() || (!sources::cited_agencies(t).is_empty() && n <= 3) {
        return Some(Part::Agency);
    }
    let k = key(t);
    let first = k.split(' ').next().unwrap_or_default();
    if desk_words().contains(first) {
        // «مكتب الجزيرة», «الجزيرة - المحليات»: a desk; «الاقتصادية الإلكترونية»: the outlet.
        return Some(if outlets::mentioned_in(t).is_some() { Part::Outlet } else { Part::Desk });
    }
    if is_person(t) {
        return Some(Part::Person);
    }
    if outlets::mentioned_in(t).is_some() && n <= 3 {
        return Some(Part::Outlet);
    }
    // A name or a place marsad has no list for: a few words, no digits, no particles (a clause
    // of a headline has them). Whether the line is a byline then rests on its other parts.
    (n <= MAX_UNKNOWN_WORDS && !t.chars().any(|c| c.is_ascii_digit()) && !k.split(' ').any(marsad_text::is_stop_word))
        .then_some(Part::Unknown)
}

/// Splits a line at the separators bylines use: dashes, colons, commas, slashes, brackets.
fn parts(line: &str) -> Vec<&str> {
    line.split(|c: char| SEPARATORS.contains(&c) || QUOTES.contains(&c))
        .map(str::trim)
        .filter(|p| !p.is_empty() && p.chars().any(char::is_alphanumeric))
        .collect()
}

/// The marks between a byline's parts, quotation marks aside.
const SEPARATORS: &[char] = &['-', '–', '—', 'ـ', ':', '：', '،', ',', '/', '|', '(', ')'];
/// Quotation marks: around an outlet's name in a byline («NAME «سبق»»), around anything in a
/// headline.
const QUOTES: &[char] = &['«', '»'];

/// Number of parts of a line when quotation marks do not separate them.
fn parts_unquoted(line: &str) -> usize {
    line.split(SEPARATORS).filter(|p| p.chars().any(char::is_alphanumeric)).count()
}

/// True when `part` stands between quotation marks in `line`.
fn quoted(line: &str, part: &str) -> bool {
    line.contains(&format!("«{part}»"))
}

/// «NAME من CITY», ««OUTLET» من CITY»: «من» joins a reporter or an outlet to a place. Headlines
/// use «من» too («انسحاب من الكويت»), so the left side must be a person or an outlet.
fn from_place(line: &str) -> Option<Byline> {
    let (left, right) = line.split_once(" من ")?;
    let left_kind = part_kind(left)?;
    let right_kind = part_kind(right)?;
    let ok = matches!(left_kind, Part::Person | Part::Outlet) && matches!(right_kind, Part::Place | Part::Unknown);
    // A name marsad has no list for («ديفيد آكس من واشنطن») from a known place: weaker, since
    // «انسحاب القوات من الكويت» has that shape too — a byline only under a headline found.
    let foreign = left_kind == Part::Unknown && word_count(left) >= 2 && right_kind == Part::Place;
    (ok || foreign).then(|| Byline {
        text: line.to_string(),
        person: matches!(left_kind, Part::Person | Part::Unknown).then(|| left.trim().to_string()),
        place: right_kind == Part::Place,
        strength: if foreign { Strength::Name } else { Strength::Shape },
    })
}

/// Reads `line` as a byline when its shape says it is one.
pub(super) fn read(line: &str) -> Option<Byline> {
    // Scrapers leave dashes as entities («سبق &ndash; جدة»).
    let decoded;
    let line = if line.contains('&') {
        decoded = line.replace("&ndash;", "–").replace("&mdash;", "—").replace("&nbsp;", " ");
        decoded.as_str()
    } else {
        line
    };
    let mut t = line.trim();
    // «Next Previous NAME – OUTLET»: navigation words a scraper left in front.
    while let Some((first, rest)) = t.split_once(char::is_whitespace)
        && NAV_RESIDUE.contains(&first.to_lowercase().as_str())
    {
        t = rest.trim_start();
    }
    // «الرس - NAME:»: a colon closing a line of dash-separated parts is a byline's own mark.
    let colon = t.trim_end().ends_with([':', '：']);
    let t = t.trim_end_matches([':', '：', ' ']).trim();
    let words = word_count(t);
    if words == 0 || words > MAX_BYLINE_WORDS || ends_sentence(t) || t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if let Some(b) = from_place(t) {
        return Some(b);
    }
    let ps = parts(t);
    let kinds: Vec<Part> = ps.iter().map(|p| part_kind(p)).collect::<Option<_>>()?;
    // «مسرحية «شعللنا الدوري» لنزلاء «أمل الرياض»»: quotation marks are a headline's, not a
    // byline's separators — unless what they quote is an outlet or an agency («NAME «سبق»»).
    let unquoted = ps.len() > 1 && parts_unquoted(t) == 1;
    if unquoted && !ps.iter().zip(&kinds).any(|(p, k)| matches!(k, Part::Outlet | Part::Agency) && quoted(t, p)) {
        return None;
    }
    let person = ps.iter().zip(&kinds).find(|(_, k)| **k == Part::Person).map(|(p, _)| p.trim().to_string());
    let place = kinds.contains(&Part::Place);
    let known = kinds.iter().filter(|k| matches!(k, Part::Place | Part::Outlet | Part::Agency | Part::Desk)).count();
    let short_parts = ps.len() == 2 && t.contains(['-', '–', '—']) && ps.iter().all(|p| word_count(p) <= 2);
    if colon && short_parts && kinds.iter().all(|k| matches!(k, Part::Unknown | Part::Place | Part::Person)) {
        return Some(Byline { text: t.to_string(), person, place, strength: Strength::Shape });
    }
    let strength = match (ps.len(), known, person.is_some()) {
        (1, _, true) if person_name(ps[0]) == Some(Name::Titled) => Strength::Shape, // «د. NAME»
        (1, _, true) => Strength::Name,
        (1, 1, false) if kinds[0] != Part::Place => Strength::Shape, // «رويترز», «مكتب الرياض»
        // A person with only one-word unknown parts beside it is «NAME - TOWN»; with a longer
        // unknown part it may be a headline quoting someone («الأهلي للشباب: NAME مقابل NAME»).
        (n, k, p)
            if n >= 2
                && (k >= 1
                    || p && ps.iter().zip(&kinds).all(|(part, k)| *k != Part::Unknown || word_count(part) == 1)) =>
        {
            Strength::Shape
        }
        _ => return None,
    };
    Some(Byline { text: t.to_string(), person, place, strength })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(l: &str) -> Option<Strength> {
        read(l).map(|b| b.strength)
    }

    #[test]
    fn reporter_and_place_lines_in_every_house_style() {
        for l in [
            "أبها - عبدالله الهاجري:",
            "جدة - واس:",
            "الرياض: واس",
            "مكتب الجزيرة - القاهرة",
            "الجزيرة - المحليات:",
            "القاهرة - مكتب الجزيرة - طارق محيي:",
            "«الاقتصادية» من الرياض",
            "عادل الخنين من الرياض",
            "محمد البيضاني - الباحة",
            "جنيف : (رويترز)",
            "سبق- الرياض:",
            "منير أبوبشيت من الدمام",
            "Next Previous محمد السالم – اليوم",
            "الدوحة، الرياض: وكالات",
            "هشام الأمين (الخرطوم)",
            "العزب الطيب الطاهر - القاهرة",
            "الرس - خليفة الخليفة:",
            "عاصم الغامدي - سبق &ndash; جدة:",
            "علي حفول- سبق- نجران:",
            "الاقتصادية الإلكترونية من الرياض",
        ] {
            assert_eq!(shape(l), Some(Strength::Shape), "{l}");
        }
        let b = read("أبها - عبدالله الهاجري:").unwrap();
        assert_eq!(b.person.as_deref(), Some("عبدالله الهاجري"));
        assert!(b.place);
    }

    #[test]
    fn a_bare_name_is_weaker_evidence() {
        assert_eq!(shape("سالم بن أحمد سحاب"), Some(Strength::Name));
        assert_eq!(shape("عبد الرحمن الحبيب"), Some(Strength::Name));
        assert_eq!(shape("نورة الشهري"), Some(Strength::Name));
        // A given name marsad knows (from ANERcorp), or a name the recogniser reads as a
        // person's, makes «NAME من CITY» a byline by its shape.
        assert_eq!(shape("ديفيد آكس من واشنطن"), Some(Strength::Shape));
        assert_eq!(shape("جوناثان آكس من واشنطن"), Some(Strength::Shape));
        // A nisba family name after given names marsad has no list for.
        assert_eq!(shape("وهيب الوهيبي"), Some(Strength::Name));
        assert_eq!(shape("الأمن الوطني"), None);
        // «على» the particle is no «علي».
        assert_eq!(shape("على شاطئ المساء جلسنا"), None);
        // Lineage words make a name longer than any other part.
        assert_eq!(shape("أحمد حسن آل عسكر اليامي"), Some(Strength::Name));
        assert_eq!(shape("سعود بن عبدالله بن فهد الخالد"), None);
    }

    /// Found: «جاسر عبدالعزيز الجاسر» under a column's headline taken for the headline — a
    /// name no list of given names holds, which the recogniser reads as a person's.
    #[test]
    fn names_no_list_holds_are_read_by_the_recogniser() {
        assert_eq!(shape("جاسر عبدالعزيز الجاسر"), Some(Strength::Name));
        assert_eq!(shape("محمد السيد وأحمد علي"), Some(Strength::Name));
        // A headline about a person is not his name.
        assert_eq!(shape("رجب طيب أردوغان يزور الرياض"), None);
        assert_eq!(shape("المالكي نموذج لشخوص الاحتلال"), None);
    }

    /// A title and a name alone is a portrait's caption; a title and a name that do something is
    /// a headline.
    #[test]
    fn a_title_and_a_name_alone_is_a_portrait() {
        assert!(titled_portrait("الرئيس التركي رجب طيب أردوغان"));
        assert!(!titled_portrait("الرئيس التركي رجب طيب أردوغان يزور الرياض"));
        assert!(!titled_portrait("الرئيس التركي يصل إلى الرياض"));
        assert!(!titled_portrait("رجب طيب أردوغان"));
    }

    #[test]
    fn a_titled_name_is_a_byline_by_its_shape_whatever_the_first_name() {
        assert_eq!(shape("د. خيرية السقاف"), Some(Strength::Shape));
        assert_eq!(shape("د. أبو أوس إبراهيم الشمسان"), Some(Strength::Shape));
        assert_eq!(shape("الأمير خالد الفيصل"), Some(Strength::Shape));
        assert_eq!(shape("الوكالات - تكساس"), Some(Strength::Shape));
        assert_eq!(shape("د. عبد الرحمن الحبيب"), Some(Strength::Shape));
        assert_eq!(shape("الأستاذ نوف بن الخالد"), Some(Strength::Shape));
        assert_eq!(shape("د. الربيعة يتفقد المستشفى"), None);
    }

    #[test]
    fn a_person_in_a_scene_is_a_caption() {
        assert!(person_in_scene("هند الزهراني خلال الجولة"));
        assert!(person_in_scene("د. سعاد المطيري أثناء الحفل"));
        assert!(!person_in_scene("محمد صلاح يقود ليفربول إلى الفوز"));
        assert!(!person_in_scene("الوزير خلال جولته في المنطقة الشرقية أمس على المشاريع التعليمية"));
    }

    #[test]
    fn a_quoted_outlet_beside_a_name_is_a_byline() {
        assert_eq!(shape("سعيد القرني «سبق»"), Some(Strength::Shape));
    }

    #[test]
    fn headlines_are_not_bylines() {
        for l in [
            "أمير عسير: عاصمة السياحة مسؤولية مضاعفة ونعمل لتأكيد جدارتها",
            "«الجمارك»: 122 مليار ريال حجم الإفصاح",
            "الرياض تستضيف مؤتمر الطاقة",
            "قلب درعا",
            "تسديد ديون السعوديين",
            "المصارع التركي والثور الداعشي",
            "وزير الخارجية: لا تفاوض قبل وقف النار",
            "السعودية تطرح مناقصة لشراء القمح",
            "محمد صلاح يقود ليفربول إلى الفوز",
            "بالصورة.. \"ترحيب خاص\" من لاعب لزميله",
            "انسحاب من الكويت",
            "النادي الأهلي للشباب: خالد مقابل سعد",
            "السيول تحاصر الأحياء في جدة - الرياض",
            // Quotation marks are no byline separators.
            "عرض «ليالي الشرقي» لأطفال «الدار»",
        ] {
            assert_eq!(shape(l), None, "{l}");
        }
    }
}
