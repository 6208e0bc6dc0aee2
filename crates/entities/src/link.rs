//! Linking an article's mentions into its entities: the spellings of one name
//! ([`crate::names`]), its short and long forms («بوتين» after «فلاديمير بوتين»), its clitics
//! («وبوتين», «لبوتين»), with the titles written before it kept as descriptors.
//!
//! Two names are never merged on a guess: two full names join only when one is the other with
//! words left out at the front («فلاديمير بوتين» in «الرئيس فلاديمير بوتين» — never
//! «كيم جونغ أون» and «كيم يو جونغ»); a bare name joins the full name nearest before it in the
//! article that has it as its first or last word (the family name of most names, the surname of
//! Korean ones), else the nearest after it, else it stays an entity of its own.

use crate::EntityKind;
use crate::annotate::{Mention, Token};
use crate::names::{self, NameKey, NameWord};

/// One entity of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalEntity {
    /// What it is.
    pub kind: EntityKind,
    /// Its fullest name as written in the article.
    pub name: String,
    /// The key its names meet under.
    pub key: NameKey,
    /// The words of its fullest name.
    pub words: Vec<NameWord>,
    /// Every form it is written in (as [`names::display`] gives it), with how often.
    pub names: Vec<(String, u32)>,
    /// Titles and roles written before it («الرئيس الروسي»), with how often.
    pub descriptors: Vec<(String, u32)>,
    /// How many mentions it has.
    pub mentions: u32,
    /// Every distinct form its mentions were written in, as words (what the registry tries
    /// against the entities already known).
    pub forms: Vec<Vec<NameWord>>,
}

impl LocalEntity {
    /// True when the entity is known by a name of several words (a full name, not a bare one).
    pub fn is_compound(&self) -> bool {
        self.words.len() > 1
    }
}

/// Counts one more `s` in a list of forms and their counts.
pub(crate) fn bump(list: &mut Vec<(String, u32)>, s: &str) {
    match list.iter_mut().find(|(n, _)| n == s) {
        Some((_, c)) => *c += 1,
        None => list.push((s.to_string(), 1)),
    }
}

struct Linker<'t> {
    tokens: &'t [Token<'t>],
    entities: Vec<LocalEntity>,
    /// Token positions of each entity's mentions so far.
    positions: Vec<Vec<usize>>,
}

impl Linker<'_> {
    fn words(&self, m: &Mention) -> Vec<NameWord> {
        self.written(m).into_iter().map(NameWord::new).collect()
    }

    fn written(&self, m: &Mention) -> Vec<&str> {
        let mut words: Vec<&str> = self.tokens[m.tokens.clone()].iter().map(|t| t.text).collect();
        if let Some(first) = words.first_mut() {
            *first = first.get(m.conjunction..).unwrap_or(first);
        }
        words
    }

    fn add(&mut self, m: &mut Mention, entity: Option<usize>, words: Vec<NameWord>, key: NameKey) {
        let name = names::display(&self.written(m));
        self.add_named(m, entity, words, key, name)
    }

    fn add_named(&mut self, m: &mut Mention, entity: Option<usize>, words: Vec<NameWord>, key: NameKey, name: String) {
        let form = words.clone();
        let e = match entity {
            Some(e) => e,
            None => {
                self.entities.push(LocalEntity {
                    kind: m.kind,
                    name: name.clone(),
                    key,
                    words,
                    names: Vec::new(),
                    descriptors: Vec::new(),
                    mentions: 0,
                    forms: Vec::new(),
                });
                self.positions.push(Vec::new());
                self.entities.len() - 1
            }
        };
        let ent = &mut self.entities[e];
        bump(&mut ent.names, &name);
        if let Some(d) = &m.descriptor {
            bump(&mut ent.descriptors, d);
        }
        ent.mentions += 1;
        if !ent.forms.contains(&form) {
            ent.forms.push(form);
        }
        self.positions[e].push(m.tokens.start);
        m.entity = e;
    }

    /// A full name: the entity with the same key, or one it extends or is a tail of.
    fn link_compound(&mut self, m: &mut Mention) {
        let words = self.words(m);
        let key = names::key(&words);
        let same = |e: &LocalEntity| e.kind == m.kind && e.key == key;
        if let Some(e) = self.entities.iter().position(same) {
            return self.add(m, Some(e), words, key);
        }
        let frames: Vec<&str> = words.iter().map(|w| w.frame.as_str()).collect();
        let tail_of = |e: &LocalEntity| {
            let theirs: Vec<&str> = e.words.iter().map(|w| w.frame.as_str()).collect();
            let (short, long, long_words) =
                if theirs.len() < frames.len() { (&theirs, &frames, &words) } else { (&frames, &theirs, &e.words) };
            // «كيم جونج» cut short of «كيم جونج أون» by the tagger; never «دونالد ترامب» in
            // «دونالد ترامب الابن».
            let head_of =
                long.len() >= 3 && long.starts_with(short) && !long_words.last().is_some_and(names::is_generational);
            e.kind == m.kind && e.is_compound() && m.kind == EntityKind::Person && (long.ends_with(short) || head_of)
        };
        if let Some(e) = self.entities.iter().position(tail_of) {
            if words.len() > self.entities[e].words.len() {
                // The longer form names the entity.
                let name = names::display(&self.written(m));
                let ent = &mut self.entities[e];
                ent.words = words.clone();
                ent.key = key.clone();
                ent.name = name;
            }
            return self.add(m, Some(e), words, key);
        }
        self.add(m, None, words, key)
    }

    /// A bare name: the nearest full name it is the first or last word of, else its own entity.
    fn link_single(&mut self, m: &mut Mention, confirmed: &[NameKey]) {
        let words = self.words(m);
        let word = &words[0];
        if m.kind == EntityKind::Person {
            let frames = names::family_frames(word);
            let spellings = names::readings(&word.norm, &word.uniform);
            let owned_by = |w: &NameWord| {
                names::can_be_family_name(w)
                    && frames.contains(&w.frame)
                    && spellings.iter().any(|s| names::endings_agree(s, &w.uniform))
            };
            // A person named with a generational word («ترامب الابن») is called so: the bare
            // family name is another of the family.
            let owns = |e: &LocalEntity| {
                e.kind == EntityKind::Person
                    && e.is_compound()
                    && !e.words.last().is_some_and(names::is_generational)
                    && [e.words.first(), e.words.last()].into_iter().flatten().any(owned_by)
            };
            // «رئيس الوزراء نتنياهو» in an article that also names his wife: the full name
            // given the same title, when the bare name has one, else the nearest.
            let titled = m.descriptor.as_deref().and_then(|d| {
                let first = crate::roles::role_word(d.split_whitespace().next()?);
                let mut fits = (0..self.entities.len()).filter(|&e| {
                    owns(&self.entities[e])
                        && self.entities[e].descriptors.iter().any(|(x, _)| {
                            x.split_whitespace().next().is_some_and(|w| crate::roles::role_word(w) == first)
                        })
                });
                let one = fits.next()?;
                fits.next().is_none().then_some(one)
            });
            if let Some(e) = titled.or_else(|| self.nearest(m.tokens.start, owns)) {
                let key = self.entities[e].key.clone();
                // «لترامب» given to «دونالد ترامب» is written «ترامب»: the reading the full name
                // has, the clitics' letters off.
                let ends = [self.entities[e].words.first(), self.entities[e].words.last()];
                let reading = spellings.iter().find(|s| ends.iter().flatten().any(|w| w.uniform == **s));
                let name = match reading {
                    Some(r) if *r != word.uniform => {
                        names::written_tail(self.tokens[m.tokens.start].text, r.chars().count())
                    }
                    _ => names::display(&self.written(m)),
                };
                return self.add_named(m, Some(e), words, key, name);
            }
        }
        let own = NameKey::from_stored(word.uniform.clone());
        let (key, name) = match names::alternatives(word).into_iter().find(|k| confirmed.contains(k)) {
            // «لبوتين» read as «بوتين»: the written word without the letters that were clitics.
            Some(k) => {
                let name = names::written_tail(self.tokens[m.tokens.start].text, k.as_str().chars().count());
                (k, name)
            }
            None => (own, names::display(&self.written(m))),
        };
        let words = vec![NameWord::new(&name)];
        let e = self.entities.iter().position(|e| e.kind == m.kind && !e.is_compound() && e.key == key);
        self.add_named(m, e, words, key, name)
    }

    /// The entity satisfying `fits` with a mention nearest before `at`, else nearest after it.
    fn nearest(&self, at: usize, fits: impl Fn(&LocalEntity) -> bool) -> Option<usize> {
        let candidates = (0..self.entities.len()).filter(|&e| fits(&self.entities[e]));
        let mut before: Option<(usize, usize)> = None;
        let mut after: Option<(usize, usize)> = None;
        for e in candidates {
            for &p in &self.positions[e] {
                if p < at && before.is_none_or(|(bp, _)| p > bp) {
                    before = Some((p, e));
                }
                if p > at && after.is_none_or(|(ap, _)| p < ap) {
                    after = Some((p, e));
                }
            }
        }
        before.or(after).map(|(_, e)| e)
    }
}

/// Links the mentions (setting each one's `entity`) and returns the article's entities.
pub fn link(tokens: &[Token<'_>], mentions: &mut [Mention]) -> Vec<LocalEntity> {
    let mut linker = Linker { tokens, entities: Vec::new(), positions: Vec::new() };
    // Full names first, so bare names can be read against all of them.
    for m in mentions.iter_mut().filter(|m| m.tokens.len() > 1) {
        linker.link_compound(m);
    }
    // The one-word forms as written: what confirms that the first letter of «لبوتين» is a clitic.
    let confirmed: Vec<NameKey> = mentions
        .iter()
        .filter(|m| m.tokens.len() == 1)
        .map(|m| names::key(&[NameWord::new(tokens[m.tokens.start].text)]))
        .collect();
    for m in mentions.iter_mut().filter(|m| m.tokens.len() == 1) {
        linker.link_single(m, &confirmed);
    }
    linker.entities
}
