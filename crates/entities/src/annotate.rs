//! An article's entities: its blocks (title, paragraphs) cut into sentences and tokens, tagged by
//! the recogniser, the mentions linked into the article's entities ([`crate::link`]) and its
//! quotations found and attributed ([`crate::quotes`]).

use std::ops::Range;

use crate::bodies::is_definite_nisba;
use crate::gazetteer::{Gazetteer, Mark, TokenKeys};
use crate::link::{self, LocalEntity};
use crate::quotes::{self, Quote};
use crate::roles::Role;
use crate::{EntityKind, Recognizer, Tag, spans, tokenize};

/// Longest token run tagged at once: a paragraph without sentence marks is cut there, so the
/// tagger's work per call stays bounded.
pub const MAX_SENTENCE_TOKENS: usize = 200;

/// A token of an article: where it is and what it says.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// The token as written.
    pub text: &'a str,
    /// Its block: 0 the title, 1.. the paragraphs.
    pub block: usize,
    /// Its sentence, counted across the article.
    pub sentence: usize,
    /// Byte range within its block.
    pub range: Range<usize>,
    /// Whether it is a title, a speech verb or a participle of speech, found once.
    pub(crate) role: crate::roles::Role,
}

/// One mention of an entity in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// What the recogniser says it is.
    pub kind: EntityKind,
    /// The block it is in: 0 the title, 1.. the paragraphs.
    pub block: usize,
    /// Byte range within the block (without a conjunction written onto the first word).
    pub range: Range<usize>,
    /// Bytes of the first token that are a conjunction «و», not the name («موسكو وبيونغ يانغ»).
    pub conjunction: usize,
    /// Token range within the article's tokens.
    pub tokens: Range<usize>,
    /// The title or role written before a person's name («الرئيس الروسي»), if any.
    pub descriptor: Option<String>,
    /// The article entity it belongs to (index into [`Annotations::entities`]).
    pub entity: usize,
}

/// What an article says about who is in it.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    /// The article's entities, each with its names as written.
    pub entities: Vec<LocalEntity>,
    /// Every mention, in reading order.
    pub mentions: Vec<Mention>,
    /// Every quotation, in reading order.
    pub quotes: Vec<Quote>,
    /// The entity of the place the dateline names («سول - …»), if the article has one: a mention
    /// outside the text's blocks.
    pub dateline: Option<usize>,
}

/// Annotates articles with one recogniser.
#[derive(Debug)]
pub struct Annotator {
    recognizer: Recognizer,
}

impl Annotator {
    /// An annotator over a loaded recogniser.
    pub fn new(recognizer: Recognizer) -> Self {
        Self { recognizer }
    }

    /// The annotator with the model shipped with marsad.
    pub fn shipped() -> Result<Self, crate::Error> {
        Ok(Self::new(Recognizer::shipped()?))
    }

    /// [`Annotator::annotate`], and the place of the article's dateline (as extraction read it)
    /// as one more mention of that place: where the story was written from is a place it is about.
    pub fn annotate_with_dateline<S: AsRef<str>>(&self, blocks: &[S], dateline: Option<&str>) -> Annotations {
        let mut a = self.annotate(blocks);
        if let Some(place) = dateline {
            add_dateline(&mut a, place);
        }
        a
    }

    /// The entities, mentions and quotations of an article given as its blocks (the title first,
    /// then each paragraph).
    pub fn annotate<S: AsRef<str>>(&self, blocks: &[S]) -> Annotations {
        self.annotate_tokens(blocks, &tokens(blocks))
    }

    /// Tags sentences already cut into tokens (ANERcorp's layout) read together as one
    /// document, each sentence a block: the recogniser's tags, then everything the article pass
    /// does with them (names spread over the document, known places, speaking bodies, names run
    /// together cut, mentions trimmed). One tag per token, sentence by sentence: what
    /// `marsad eval ner --documents` scores, the tagger as articles use it.
    pub fn tag_document<W: AsRef<[S]>, S: AsRef<str>>(&self, sentences: &[W]) -> Vec<Vec<Tag>> {
        let sentences: Vec<&[S]> = sentences.iter().map(AsRef::as_ref).collect();
        let blocks: Vec<String> =
            sentences.iter().map(|s| s.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(" ")).collect();
        let mut tokens = Vec::new();
        let mut first = Vec::with_capacity(sentences.len());
        for (block, (words, text)) in sentences.iter().zip(&blocks).enumerate() {
            first.push(tokens.len());
            let mut at = 0;
            for w in words.iter() {
                let len = w.as_ref().len();
                let text = &text[at..at + len];
                tokens.push(Token { text, block, sentence: block, range: at..at + len, role: Role::of(text) });
                at += len + 1;
            }
        }
        let annotations = self.annotate_tokens(&blocks, &tokens);
        let mut tags: Vec<Vec<Tag>> = sentences.iter().map(|s| vec![Tag::Outside; s.len()]).collect();
        let mut end = 0;
        for m in annotations.mentions.iter().filter(|m| m.block < sentences.len()) {
            // Mentions come in reading order; one that overlaps the last is dropped, not merged.
            if m.tokens.start < end || m.tokens.is_empty() {
                continue;
            }
            end = m.tokens.end;
            let base = first[m.block];
            for i in m.tokens.clone() {
                let tag = if i == m.tokens.start { Tag::Begin(m.kind) } else { Tag::Inside(m.kind) };
                tags[m.block][i - base] = tag;
            }
        }
        tags
    }

    /// [`Annotator::annotate`] of blocks already cut into tokens.
    fn annotate_tokens<S: AsRef<str>>(&self, blocks: &[S], tokens: &[Token<'_>]) -> Annotations {
        let mut tags = Vec::with_capacity(tokens.len());
        let mut places = Vec::with_capacity(tokens.len());
        for sentence in sentence_ranges(tokens) {
            let words: Vec<&str> = tokens[sentence].iter().map(|t| t.text).collect();
            let (t, p) = self.recognizer.tag_marked(&words);
            tags.extend(t);
            places.extend(p);
        }
        with_marks(blocks, tokens, &tags, &places)
    }
}

/// Everything after tagging: mentions from the tags (one tag per token of [`tokens`]), names
/// spread over the article, linked, quotations found. Tests give their own tags here.
pub fn with_tags<S: AsRef<str>>(blocks: &[S], tokens: &[Token<'_>], tags: &[Tag]) -> Annotations {
    let mut places = Vec::with_capacity(tokens.len());
    for sentence in sentence_ranges(tokens) {
        let keys: Vec<TokenKeys> =
            tokens[sentence].iter().map(|t| TokenKeys::of(&marsad_text::normalize(t.text))).collect();
        places.extend(Gazetteer::shipped().marks(&keys));
    }
    with_marks(blocks, tokens, tags, &places)
}

/// [`with_tags`] with the known places' marks (one per token) already found.
fn with_marks<S: AsRef<str>>(blocks: &[S], tokens: &[Token<'_>], tags: &[Tag], places: &[Option<Mark>]) -> Annotations {
    let mut mentions = mentions(tokens, tags, places);
    crate::bodies::add_speaking_bodies(tokens, &mut mentions, |r| mention(tokens, EntityKind::Organization, r));
    split_run_together(tokens, &mut mentions);
    propagate(tokens, &mut mentions);
    // «كيم وبوتين» where «بوتين» was found only by propagation: its «و» joins two names too.
    take_off_conjunctions(tokens, &mut mentions);
    extend_over_given_names(tokens, &mut mentions);
    let entities = link::link(tokens, &mut mentions);
    let quotes = quotes::find(blocks, tokens, &mentions, &entities);
    Annotations { entities, mentions, quotes, dateline: None }
}

/// Words a dateline's place has at most: more is a phrase, not a place.
const MAX_DATELINE_WORDS: usize = 4;

/// Counts the dateline's place as a mention of the article's place of that name, or of a new
/// place when the text never names it. A place is written with its letters, so it meets the
/// text's mentions under the same key linking gives them.
pub fn add_dateline(a: &mut Annotations, place: &str) {
    use crate::names::{NameWord, display, key};
    let words: Vec<&str> = tokenize::tokens(place).into_iter().filter(|w| w.chars().any(char::is_alphabetic)).collect();
    if words.is_empty() || words.len() > MAX_DATELINE_WORDS {
        return;
    }
    let name_words: Vec<NameWord> = words.iter().map(|w| NameWord::new(w)).collect();
    let k = key(&name_words);
    let name = display(&words);
    let at = match a.entities.iter().position(|e| e.kind == EntityKind::Location && e.key == k) {
        Some(i) => i,
        None => {
            a.entities.push(LocalEntity {
                kind: EntityKind::Location,
                name: name.clone(),
                key: k,
                words: name_words.clone(),
                names: Vec::new(),
                descriptors: Vec::new(),
                mentions: 0,
                forms: vec![name_words],
            });
            a.entities.len() - 1
        }
    };
    let e = &mut a.entities[at];
    e.mentions += 1;
    link::bump(&mut e.names, &name);
    a.dateline = Some(at);
}

/// The tokens of every block, with their places; sentences end at «.», «؟», «!» or a block's end.
pub fn tokens<S: AsRef<str>>(blocks: &[S]) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut sentence = 0;
    for (block, text) in blocks.iter().enumerate() {
        let text = text.as_ref();
        let base = text.as_ptr() as usize;
        let mut open = false;
        for word in tokenize::tokens(text) {
            let start = word.as_ptr() as usize - base;
            out.push(Token { text: word, block, sentence, range: start..start + word.len(), role: Role::of(word) });
            open = true;
            if matches!(word, "." | "؟" | "?" | "!") {
                sentence += 1;
                open = false;
            }
        }
        if open {
            sentence += 1;
        }
    }
    out
}

/// The token ranges of the sentences, none longer than [`MAX_SENTENCE_TOKENS`].
fn sentence_ranges(tokens: &[Token<'_>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=tokens.len() {
        let ends =
            i == tokens.len() || tokens[i].sentence != tokens[start].sentence || i - start >= MAX_SENTENCE_TOKENS;
        if ends {
            out.push(start..i);
            start = i;
        }
    }
    out
}

/// The mentions the tags mark (a mention never spans two blocks), with descriptors, not yet linked.
fn mentions(tokens: &[Token<'_>], tags: &[Tag], places: &[Option<Mark>]) -> Vec<Mention> {
    let mut out = Vec::new();
    for span in spans(tags) {
        // Cut at block ends (the tagger saw sentences, which never cross blocks, but be sure) and
        // before a conjunction that joins two names the tagger ran together («إيفانكا وكوشنر»).
        let mut start = span.start;
        for i in span.start..span.end {
            let last = i + 1 == span.end || tokens[i + 1].block != tokens[i].block || joins_names(tokens[i + 1].text);
            if last {
                if let Some(m) = mention(tokens, span.kind, start..i + 1) {
                    out.push(m);
                }
                start = i + 1;
            }
        }
    }
    known_places(tokens, places, &mut out);
    take_off_conjunctions(tokens, &mut out);
    out
}

/// A run of two words or more that spells a known place ([`crate::gazetteer`]: CLDR's countries
/// and cities) is that place, whatever the tagger made of it: untagged, tagged as a person
/// («بيونج يانج»), or cut in two («بيونغ» and «يانغ» each a place). A name of several words that
/// CLDR lists as a place names nothing else. A single word is left to the tagger («عمان» is a
/// city, a country and a word), and so is a run inside a longer name («جامعة كوريا الشمالية»).
fn known_places(tokens: &[Token<'_>], places: &[Option<Mark>], mentions: &mut Vec<Mention>) {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < places.len() {
        let mut end = i + 1;
        if places[i] == Some(Mark::Begin) {
            while end < places.len() && places[end] == Some(Mark::Inside) && tokens[end].block == tokens[i].block {
                end += 1;
            }
            if end - i >= 2 {
                runs.push(i..end);
            }
        }
        // Advances by at least one token every round.
        i = end;
    }
    if runs.is_empty() {
        return;
    }
    for run in runs {
        let overlapping = |m: &Mention| m.tokens.start < run.end && run.start < m.tokens.end;
        let within = |m: &Mention| run.start <= m.tokens.start && m.tokens.end <= run.end;
        if mentions.iter().any(|m| overlapping(m) && !within(m)) {
            continue;
        }
        if let [one] = mentions.iter().filter(|m| overlapping(m)).collect::<Vec<_>>().as_slice()
            && one.tokens == run
            && one.kind == EntityKind::Location
        {
            continue;
        }
        let Some(place) = mention(tokens, EntityKind::Location, run.clone()) else { continue };
        mentions.retain(|m| !overlapping(m));
        mentions.push(place);
    }
    mentions.sort_by_key(|m| m.tokens.start);
}

/// Marks the «و» on the first word of a mention that follows another name with nothing between
/// («موسكو وبيونغ يانغ», or the second of two names the tagger ran together): a conjunction
/// joining two names, so the second name begins after it. So too on a person's name of several
/// words whose first word the article writes without the «و» opening another person's name
/// («وكريستيانو رونالدو» where «كريستيانو رونالدو» is written too).
fn take_off_conjunctions(tokens: &[Token<'_>], mentions: &mut [Mention]) {
    let opening: std::collections::HashSet<String> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.tokens.len() > 1)
        .map(|m| marsad_text::normalize(&tokens[m.tokens.start].text[m.conjunction..]))
        .collect();
    for i in 0..mentions.len() {
        let m = &mentions[i];
        let first = &tokens[m.tokens.start];
        // A mention whose «و» is already off is skipped: the pass runs again after new mentions.
        if m.conjunction > 0 || !joins_names(first.text) {
            continue;
        }
        let after_name = i > 0 && mentions[i - 1].tokens.end == m.tokens.start && mentions[i - 1].block == m.block;
        let seen_bare = m.kind == EntityKind::Person
            && m.tokens.len() > 1
            && opening.contains(&marsad_text::normalize(first.text).chars().skip(1).collect::<String>());
        if !after_name && !seen_bare {
            continue;
        }
        let lead = conjunction_bytes(first.text);
        let m = &mut mentions[i];
        m.conjunction = lead;
        m.range.start += lead;
    }
}

/// Bytes of a word's first letter with the vowel signs written on it.
fn conjunction_bytes(word: &str) -> usize {
    let mut chars = word.char_indices();
    chars.next();
    chars.find(|(_, c)| !marsad_text::normalize::is_ignorable(*c)).map_or(word.len(), |(i, _)| i)
}

/// The mention of the tokens in `range` (one block's), trimmed; `None` when nothing of a name is left.
fn mention(tokens: &[Token<'_>], kind: EntityKind, range: Range<usize>) -> Option<Mention> {
    let mut range = trim(tokens, range);
    // «ترامب الابن», «بوش الأب»: the generational word the tagger left out is part of the name.
    if kind == EntityKind::Person
        && !range.is_empty()
        && tokens
            .get(range.end)
            .is_some_and(|t| t.block == tokens[range.start].block && crate::names::is_name_suffix(t.text))
    {
        range.end += 1;
    }
    // A name has letters: a tagged «(» or «-» alone is noise.
    if range.is_empty() || !tokens[range.clone()].iter().any(|t| t.text.chars().any(char::is_alphabetic)) {
        return None;
    }
    // «بي بي سي», «سي إن إن»: Latin initials spelt out are an organisation's name, never a
    // person's (whose names have a word of three letters or more).
    let kind = if kind == EntityKind::Person && tokens[range.clone()].iter().all(|t| spelt_initial(t.text)) {
        EntityKind::Organization
    } else {
        kind
    };
    let (first, last) = (&tokens[range.start], &tokens[range.end - 1]);
    let (block, bytes) = (first.block, first.range.start..last.range.end);
    let descriptor = (kind == EntityKind::Person).then(|| crate::roles::descriptor(tokens, range.start)).flatten();
    Some(Mention { kind, block, range: bytes, conjunction: 0, tokens: range, descriptor, entity: usize::MAX })
}

/// True when a word is a spelt-out Latin initial («بي», «سي», «إن», with a clitic: «لبي»).
fn spelt_initial(word: &str) -> bool {
    const INITIALS: &[&str] = &[
        "بي", "سي", "ان", "اي", "دي", "جي", "تي", "اف", "اس", "ام", "كي", "يو", "في", "ار", "اتش", "واي", "زد", "اكس",
    ];
    let norm = marsad_text::normalize(word);
    let bare = norm.strip_prefix(['و', 'ل', 'ب']).filter(|r| r.chars().count() >= 2).unwrap_or(&norm);
    INITIALS.contains(&norm.as_str()) || INITIALS.contains(&bare)
}

/// One name, one meaning within an article: where the tagger recognised a name once, its other
/// occurrences are mentions too — the family name of a person («ترامب» after «دونالد ترامب»),
/// the one-word name of a place or organisation («وموسكو» after «موسكو») — with or without a
/// clitic. The tagger misses many of these (a name it never saw in training is recognised only
/// where its context is telling); the article itself is the best gazetteer there is.
fn propagate(tokens: &[Token<'_>], mentions: &mut Vec<Mention>) {
    use crate::names::{NameWord, alternatives_of};
    let mut words: std::collections::HashMap<String, EntityKind> = std::collections::HashMap::new();
    for m in mentions.iter() {
        // A person's family name is the word before a generational one («ترامب» of «ترامب الابن»).
        let mut end = m.tokens.end - 1;
        if m.kind == EntityKind::Person && end > m.tokens.start && crate::names::is_name_suffix(tokens[end].text) {
            end -= 1;
        }
        let last = NameWord::new(tokens[end].text);
        let usable = m.kind == EntityKind::Person || m.tokens.len() == 1;
        if usable && last.norm.chars().count() >= MIN_PROPAGATED_LETTERS && !never_a_name(&last.norm) {
            words.entry(last.uniform).or_insert(m.kind);
        }
    }
    if words.is_empty() {
        return;
    }
    let mut covered = vec![false; tokens.len()];
    for m in mentions.iter() {
        covered[m.tokens.clone()].iter_mut().for_each(|c| *c = true);
    }
    let mut added = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if covered[i] || !t.text.chars().any(char::is_alphabetic) {
            continue;
        }
        let (norm, uniform) = crate::names::uniform(t.text);
        let kind =
            words.get(&uniform).or_else(|| alternatives_of(&norm, &uniform).iter().find_map(|k| words.get(k.as_str())));
        if let Some(m) = kind.and_then(|&kind| mention(tokens, kind, i..i + 1)) {
            added.push(m);
        }
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| m.tokens.start);
}

/// A person's family name alone where the article writes a given name before it that the tagger
/// found elsewhere in the article («يوليا سكريبال» tagged once, «سكريبال» alone after a bare
/// «يوليا» the next time) is the full name: else the daughter's mention joins her father's.
/// Only a word the article shows opening a person's name counts as a given name.
fn extend_over_given_names(tokens: &[Token<'_>], mentions: &mut [Mention]) {
    use crate::names::{readings, uniform};
    let mut family = std::collections::HashSet::new();
    let mut given = std::collections::HashSet::new();
    for m in mentions.iter().filter(|m| m.kind == EntityKind::Person && m.tokens.len() > 1) {
        family.insert(uniform(tokens[m.tokens.end - 1].text).1);
        let (norm, first) = uniform(&tokens[m.tokens.start].text[m.conjunction..]);
        given.extend(readings(&norm, &first));
    }
    given.retain(|w| !family.contains(w));
    if given.is_empty() {
        return;
    }
    let mut covered = vec![false; tokens.len()];
    for m in mentions.iter() {
        covered[m.tokens.clone()].iter_mut().for_each(|c| *c = true);
    }
    for m in mentions.iter_mut().filter(|m| m.kind == EntityKind::Person && m.tokens.len() == 1) {
        let Some(j) = m.tokens.start.checked_sub(1) else { continue };
        let t = &tokens[j];
        if covered[j] || t.block != m.block || t.role.title {
            continue;
        }
        let (norm, written) = uniform(t.text);
        let named = readings(&norm, &written).iter().any(|r| given.contains(r));
        if named && !marsad_text::is_stop_word(&norm) {
            let Some(wider) = mention(tokens, m.kind, j..m.tokens.end) else { continue };
            covered[j] = true;
            *m = wider;
        }
    }
}

/// Words a tagged person's name must have for [`split_run_together`] to look inside it.
const MIN_RUN_TOGETHER_WORDS: usize = 3;

/// Cuts a person's mention the tagger ran over two names («عبدالله الثاني عمر الرزاز»,
/// «بوتين ديمتري بيسكوف») where the article itself writes both apart: the mention opens with the
/// whole of another mention of the article and what is left is one too. A name that merely
/// begins like another («دونالد ترامب جونيور» after «دونالد ترامب») keeps its tail, since the
/// tail is no name of its own in the article.
fn split_run_together(tokens: &[Token<'_>], mentions: &mut Vec<Mention>) {
    let form = |r: Range<usize>| -> Vec<String> { tokens[r].iter().map(|t| crate::names::uniform(t.text).1).collect() };
    let written: std::collections::HashSet<Vec<String>> = mentions.iter().map(|m| form(m.tokens.clone())).collect();
    let mut out = Vec::with_capacity(mentions.len());
    for m in mentions.drain(..) {
        let cut = (m.kind == EntityKind::Person && m.tokens.len() >= MIN_RUN_TOGETHER_WORDS)
            .then(|| {
                (m.tokens.start + 1..m.tokens.end)
                    .find(|&k| written.contains(&form(m.tokens.start..k)) && written.contains(&form(k..m.tokens.end)))
            })
            .flatten();
        match cut {
            Some(k) => {
                out.extend(mention(tokens, m.kind, m.tokens.start..k));
                out.extend(mention(tokens, m.kind, k..m.tokens.end));
            }
            None => out.push(m),
        }
    }
    *mentions = out;
}

/// Names that begin with «و» and are not the conjunction (normalised).
const WAW_NAMES: &[&str] =
    &["ولد", "وليد", "وائل", "وديع", "وجدي", "وهيب", "وفاء", "وداد", "ورد", "وسام", "وصفي", "وهبي", "ورده", "ونيس"];

/// True when a word inside a tagged name is «و» and another name: where two names were joined.
fn joins_names(word: &str) -> bool {
    let norm = marsad_text::normalize(word);
    norm.starts_with('و') && norm.chars().count() >= 4 && !WAW_NAMES.contains(&norm.as_str())
}

/// Shortest word spread over an article as a name: shorter ones are too often other words.
const MIN_PROPAGATED_LETTERS: usize = 3;

/// Words ANERcorp's training split tags outside entities three times or more and never inside one
/// (normalised; `bench/ner-not-names.sh`).
static NOT_NAMES: &str = include_str!("../data/not-names.txt");

fn never_a_name(norm: &str) -> bool {
    static S: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    S.get_or_init(|| NOT_NAMES.lines().collect()).contains(norm)
}

/// Media a speaker talks «to» («لشبكة», «لصحيفة», «لقناة»), normalised without the «ل».
const MEDIA_NOUNS: &[&str] = &["شبكه", "صحيفه", "قناه", "وكاله", "اذاعه", "مجله", "موقع", "تلفزيون", "محطه"];

/// True for «ل» + a [`MEDIA_NOUNS`] word: the outlet a person spoke to, never part of their name.
fn media_addressee(norm: &str) -> bool {
    norm.strip_prefix('ل').is_some_and(|rest| MEDIA_NOUNS.contains(&rest))
}

/// The mention without words no name holds at its ends: a title the tagger took in before it
/// («الرئيس»), a function word, a word that is never a name («كيم يأتي»), a speech verb or a future verb
/// after it («كيم سيزور»),
/// punctuation at either end.
fn trim(tokens: &[Token<'_>], mut range: Range<usize>) -> Range<usize> {
    let letters = |t: &Token<'_>| t.text.chars().any(char::is_alphabetic);
    let opens_badly = |t: &Token<'_>| {
        let norm = marsad_text::normalize(t.text);
        !letters(t)
            || t.role.title
            || marsad_text::is_stop_word(&norm)
            // «فإن بورنستين», «وإن»: a particle behind a conjunction.
            || norm.chars().count() > 2
                && norm.starts_with(['و', 'ف'])
                && marsad_text::is_stop_word(&norm.chars().skip(1).collect::<String>())
    };
    while !range.is_empty() && opens_badly(&tokens[range.start]) {
        range.start += 1;
    }
    // «الرئيس البيلاروسي إلكسندر لوكاشينكو»: the adjectives of a title belong to the title.
    while range.len() > 1 && is_definite_nisba(tokens[range.start].text) && follows_title(tokens, range.start) {
        range.start += 1;
    }
    while !range.is_empty() {
        let t = tokens[range.end - 1].text;
        let norm = marsad_text::normalize(t);
        // «سيزور», «سيقوم»: the future prefix on a verb, after the name's first word.
        let future_verb = range.len() > 1 && norm.chars().count() >= 5 && norm.starts_with("سي");
        let not_name = !letters(&tokens[range.end - 1])
            || marsad_text::is_stop_word(&norm)
            // «جونسون لشبكة …», «لصحيفة»: whom the person spoke to.
            || range.len() > 1 && media_addressee(&norm)
            || (range.len() > 1 && never_a_name(&norm))
            || tokens[range.end - 1].role.speech
            || future_verb;
        if !not_name {
            break;
        }
        range.end -= 1;
    }
    range
}

/// True when the token at `i` comes after a title with only definite adjectives between
/// («الرئيس الكوري الشمالي …»): it describes the title, it does not begin a name.
fn follows_title(tokens: &[Token<'_>], i: usize) -> bool {
    let block = tokens[i].block;
    let mut j = i;
    // Each round steps one token back; the walk ends at the block's start.
    while j > 0 && tokens[j - 1].block == block {
        j -= 1;
        if tokens[j].role.title {
            return true;
        }
        if !is_definite_nisba(tokens[j].text) {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_know_their_block_sentence_and_bytes() {
        let blocks = ["عنوان الخبر", "قال بوتين. وأضاف لافروف"];
        let t = tokens(&blocks);
        let b = &t[3];
        assert_eq!((b.text, b.block, b.sentence), ("بوتين", 1, 1));
        assert_eq!(&blocks[1][b.range.clone()], "بوتين");
        assert_eq!(t.last().map(|t| t.sentence), Some(2));
    }

    #[test]
    fn a_dateline_place_is_one_more_mention_of_the_place_or_a_new_one() {
        let blocks = ["عنوان", "وصل الوفد إلى موسكو."];
        let tokens = tokens(&blocks);
        let tags: Vec<Tag> = tokens
            .iter()
            .map(|t| if t.text == "موسكو" { Tag::Begin(EntityKind::Location) } else { Tag::Outside })
            .collect();
        let mut a = with_tags(&blocks, &tokens, &tags);
        add_dateline(&mut a, "موسكو");
        let moscow = a.dateline.expect("the dateline is a mention");
        assert_eq!((a.entities.len(), a.entities[moscow].mentions), (1, 2));
        add_dateline(&mut a, "سول");
        let seoul = &a.entities[a.dateline.unwrap()];
        assert_eq!((seoul.name.as_str(), seoul.kind, seoul.mentions), ("سول", EntityKind::Location, 1));
        let before = a.entities.len();
        add_dateline(&mut a, "خاص بالموقع من مراسلنا في العاصمة");
        assert_eq!(a.entities.len(), before, "a phrase is no place");
    }

    #[test]
    fn a_long_run_without_full_stops_is_cut() {
        let text = vec!["كلمة"; MAX_SENTENCE_TOKENS * 2 + 5].join(" ");
        let blocks = [text];
        let r = sentence_ranges(&tokens(&blocks));
        assert_eq!(r.len(), 3);
        assert!(r.iter().all(|r| r.len() <= MAX_SENTENCE_TOKENS));
    }
}
