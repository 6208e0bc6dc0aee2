//! Entities across articles: each article's entities ([`crate::link`]) resolved to the entities
//! already known, by key — so «كيم جونج أون» of one outlet and «كيم جونغ أون» of another are one
//! entity — and a bare name written alone in an article given to the full name that owns it
//! across everything read, when one does beyond doubt.

use std::collections::HashMap;

use crate::names::{self, NameKey, NameWord};
use crate::{EntityKind, LocalEntity};

/// An entity's id across the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub i64);

/// Share of the mentions of full names ending (or, for Korean names, starting) with a word that
/// one of them must hold for a bare use of that word, alone in an article, to be given to it:
/// «بوتين» alone goes to «فلاديمير بوتين», «كيم» alone stays apart while both «كيم جونغ أون»
/// and «كيم يو جونغ» are in the news.
pub const OWNER_SHARE: f64 = 0.9;

/// Share of the leading full name's mentions below which another full name with the same family
/// name is not counted as its rival: 2% keeps Kim Yo Jong (about 6% of Kim Jong Un's mentions in
/// ANT) a rival and leaves out the tagger's one-off runs of two names.
pub const OWNER_RIVAL_SHARE: f64 = 0.02;

/// Fewest mentions a full name needs before it owns a bare name across articles.
pub const OWNER_MIN_MENTIONS: u64 = 2;

/// How many times more mentions one kind of a name needs than another for the other to be read
/// as the tagger's mistake.
pub const KIND_MAJORITY: u64 = 2;

/// Letters each word of a two-word name needs to be read as one word written with a space
/// ([`Known::spaceless`]).
const MIN_HALF_LETTERS: usize = 3;

/// What the registry keeps of an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Known {
    /// Its id.
    pub id: EntityId,
    /// What it is.
    pub kind: EntityKind,
    /// Its key.
    pub key: NameKey,
    /// The frames of its name's first and last words, for a name of several words.
    pub ends: Option<(String, String)>,
    /// Its mentions so far.
    pub mentions: u64,
    /// The entity it was merged into, if it was.
    pub merged_into: Option<EntityId>,
    /// Its name of one or two words as one word's frame ([`names::joined_frame`]).
    pub joined: Option<String>,
    /// Its name of one or two words as one word, letter for letter: the words' uniform forms
    /// written together («فيس بوك» → «فيسبوك»). Only a space apart, not a skeleton: what may
    /// join names the tagger gave different kinds.
    pub spaceless: Option<String>,
}

impl Known {
    /// What the registry keeps of an entity stored under `key` with the name `name`.
    pub fn new(id: EntityId, kind: EntityKind, key: NameKey, name: &str, mentions: u64) -> Self {
        let words: Vec<NameWord> = name.split_whitespace().map(NameWord::new).collect();
        let ends = match words.as_slice() {
            // An end too short to be a family name owns nothing: its frame is left empty.
            [first, .., last] if key.is_compound() => {
                let end = |w: &NameWord| if names::can_be_family_name(w) { w.frame.clone() } else { String::new() };
                Some((end(first), end(last)))
            }
            _ => None,
        };
        let joined = names::joined_frame(&words);
        // A word of one or two letters is an initial or a particle («سي دي», «آل غور»), not half
        // of one word.
        let halves = words.len() == 2 && words.iter().all(|w| w.norm.chars().count() >= MIN_HALF_LETTERS);
        let spaceless = (words.len() == 1 || halves).then(|| words.iter().map(|w| w.uniform.as_str()).collect());
        Self { id, kind, key, ends, mentions, merged_into: None, joined, spaceless }
    }
}

/// How an article's entity was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    /// The entity it is.
    pub id: EntityId,
    /// True when it was not known before.
    pub created: bool,
}

/// Every entity known, by key.
#[derive(Debug, Default)]
pub struct Registry {
    known: HashMap<EntityId, Known>,
    by_key: HashMap<(EntityKind, NameKey), EntityId>,
    /// Names of one word and of two by [`Known::joined`] (the flag: two words), so each finds
    /// the other written with or without the space.
    by_joined: HashMap<(EntityKind, String, bool), EntityId>,
    /// Full person names by the frame of their last word (the family name of most names).
    by_last: HashMap<String, Vec<EntityId>>,
    /// Full person names by the frame of their first word (the family name of Korean and
    /// Chinese names: «كيم جونغ أون»).
    by_first: HashMap<String, Vec<EntityId>>,
    next: i64,
}

impl Registry {
    /// An empty registry whose new ids start after `last_id`.
    pub fn new(last_id: i64) -> Self {
        Self { next: last_id + 1, ..Self::default() }
    }

    /// Adds an entity already stored.
    pub fn load(&mut self, known: Known) {
        self.next = self.next.max(known.id.0 + 1);
        let id = known.merged_into.unwrap_or(known.id);
        self.by_key.insert((known.kind, known.key.clone()), id);
        self.index_ends(&known);
        self.index_joined(&known, id);
        self.known.insert(known.id, known);
    }

    fn index_joined(&mut self, k: &Known, id: EntityId) {
        if let Some(j) = &k.joined {
            self.by_joined.entry((k.kind, j.clone(), k.key.is_compound())).or_insert(id);
        }
    }

    /// The entity written with (or without) the space this one is written without (or with).
    fn lookup_joined(&self, e: &LocalEntity) -> Option<EntityId> {
        let j = names::joined_frame(&e.words)?;
        self.by_joined.get(&(e.kind, j, !e.is_compound())).copied()
    }

    fn index_ends(&mut self, k: &Known) {
        if let (EntityKind::Person, Some((first, last)), None) = (k.kind, &k.ends, k.merged_into) {
            for (map, f) in [(&mut self.by_first, first), (&mut self.by_last, last)] {
                if f.is_empty() {
                    continue;
                }
                let ids = map.entry(f.clone()).or_default();
                if !ids.contains(&k.id) {
                    ids.push(k.id);
                }
            }
        }
    }

    /// What the registry knows of an entity.
    pub fn get(&self, id: EntityId) -> Option<&Known> {
        self.known.get(&id)
    }

    /// The entity an article's entity is, created if new.
    pub fn resolve(&mut self, e: &LocalEntity) -> Resolved {
        let found = self.lookup(e);
        let (id, created) = match found {
            Some(id) => (id, false),
            None => {
                let id = EntityId(self.next);
                self.next += 1;
                let known = Known::new(id, e.kind, e.key.clone(), &e.name, 0);
                self.by_key.insert((e.kind, e.key.clone()), id);
                self.index_ends(&known);
                self.index_joined(&known, id);
                self.known.insert(id, known);
                (id, true)
            }
        };
        if let Some(k) = self.known.get_mut(&id) {
            k.mentions += u64::from(e.mentions);
        }
        Resolved { id, created }
    }

    fn lookup(&self, e: &LocalEntity) -> Option<EntityId> {
        if let Some(&id) = self.by_key.get(&(e.kind, e.key.clone())) {
            return Some(id);
        }
        if e.is_compound() {
            return e
                .forms
                .iter()
                .filter(|f| f.len() > 1)
                .find_map(|form| self.lookup_compound(e.kind, form))
                .or_else(|| self.lookup_joined(e));
        }
        let [word] = e.words.as_slice() else { return None };
        if let Some(id) = names::alternatives(word).into_iter().find_map(|k| self.by_key.get(&(e.kind, k)).copied()) {
            return Some(id);
        }
        if let Some(id) = self.lookup_joined(e) {
            return Some(id);
        }
        (e.kind == EntityKind::Person).then(|| self.owner(&names::family_frames(word))).flatten()
    }

    /// A name of several words: as written, with a clitic off its first word («لكيم جونغ أون»),
    /// or without words at its front («الرفيق كيم جونغ أون»), down to two words for persons.
    fn lookup_compound(&self, kind: EntityKind, form: &[NameWord]) -> Option<EntityId> {
        let frames: Vec<&str> = form.iter().map(|w| w.frame.as_str()).collect();
        let get = |frames: &[&str]| self.by_key.get(&(kind, NameKey::from_stored(frames.join(" ")))).copied();
        if let Some(id) = get(&frames) {
            return Some(id);
        }
        for alt in names::frames(&form[0]).iter().skip(1) {
            let mut v = frames.clone();
            v[0] = alt;
            if let Some(id) = get(&v) {
                return Some(id);
            }
        }
        if kind == EntityKind::Person {
            return (1..frames.len().saturating_sub(1)).find_map(|skip| get(&frames[skip..]));
        }
        None
    }

    /// The full person name that owns a bare name with these frames, if one does beyond doubt:
    /// among the full names ending with it (a family name), else among those starting with it.
    fn owner(&self, frames: &[String]) -> Option<EntityId> {
        let among = |map: &HashMap<String, Vec<EntityId>>| {
            let mut ids: Vec<EntityId> = frames.iter().filter_map(|f| map.get(f)).flatten().copied().collect();
            ids.sort();
            ids.dedup();
            ids
        };
        let last = among(&self.by_last);
        let candidates = if last.is_empty() { among(&self.by_first) } else { last };
        let best = candidates
            .iter()
            .filter_map(|id| self.known.get(id))
            .max_by_key(|k| (k.mentions, std::cmp::Reverse(k.id)))?;
        // Rivals are full names with a real share of the family name's mentions; the tagger's
        // one-off runs of two names («بوتين لترامب») are not.
        let floor = (best.mentions as f64 * OWNER_RIVAL_SHARE).ceil() as u64;
        let total: u64 =
            candidates.iter().filter_map(|id| self.known.get(id)).map(|k| k.mentions).filter(|&m| m >= floor).sum();
        (best.mentions >= OWNER_MIN_MENTIONS && best.mentions as f64 >= OWNER_SHARE * total as f64).then_some(best.id)
    }

    /// One name the tagger gave two kinds («بيونغ يانغ» a place in most articles, a person in a
    /// few; «فيس بوك» a person where «فيسبوك» is an organisation): the minority merged into the
    /// kind that has at least [`KIND_MAJORITY`] times its mentions. A name is one by its key, or
    /// by its letters when one is written with a space and the other without
    /// ([`Known::spaceless`]; never by a skeleton, which «البورصة» shares with «باريس»).
    fn kind_merges(&self) -> Vec<(EntityId, EntityId)> {
        let mut groups: HashMap<(bool, &str), Vec<&Known>> = HashMap::new();
        for k in self.known.values().filter(|k| k.merged_into.is_none()) {
            groups.entry((false, k.key.as_str())).or_default().push(k);
            if let Some(j) = &k.spaceless {
                groups.entry((true, j.as_str())).or_default().push(k);
            }
        }
        let mut out = Vec::new();
        for ((by_letters, _), group) in groups.iter().filter(|(_, g)| g.len() > 1) {
            let Some(top) = group.iter().max_by_key(|k| (k.mentions, std::cmp::Reverse(k.id))) else { continue };
            for k in group {
                let one_name = !by_letters || k.key.is_compound() != top.key.is_compound();
                if one_name && k.kind != top.kind && top.mentions >= KIND_MAJORITY * k.mentions.max(1) {
                    out.push((k.id, top.id));
                }
            }
        }
        out.sort();
        out.dedup_by_key(|(from, _)| *from);
        // An entity merged into one that is itself merged goes where that one goes. Each step
        // follows a merge into an entity with more mentions, so the walk ends.
        let target: HashMap<EntityId, EntityId> = out.iter().copied().collect();
        for (_, into) in &mut out {
            let mut steps = 0;
            while let Some(&next) = target.get(into).filter(|_| steps < target.len()) {
                *into = next;
                steps += 1;
            }
        }
        out
    }

    /// Bare person names created before the full name that owns them was known, merged into it
    /// now: `(from, into)` pairs for the store to move mentions and quotations.
    pub fn consolidate(&mut self) -> Vec<(EntityId, EntityId)> {
        let bare: Vec<(EntityId, NameKey)> = self
            .known
            .values()
            .filter(|k| k.kind == EntityKind::Person && k.ends.is_none() && k.merged_into.is_none())
            .map(|k| (k.id, k.key.clone()))
            .collect();
        let mut merges = self.kind_merges();
        for (id, key) in bare {
            let word = NameWord::new(key.as_str());
            if let Some(owner) = self.owner(&names::family_frames(&word)) {
                merges.push((id, owner));
            }
        }
        merges.retain(|(from, into)| from != into);
        merges.dedup_by_key(|(from, _)| *from);
        for &(from, into) in &merges {
            let moved = self.known.get_mut(&from).map(|k| {
                k.merged_into = Some(into);
                std::mem::take(&mut k.mentions)
            });
            if let Some(k) = self.known.get_mut(&into) {
                k.mentions += moved.unwrap_or(0);
            }
            if let Some(k) = self.known.get(&from) {
                self.by_key.insert((k.kind, k.key.clone()), into);
                if let Some(j) = &k.joined {
                    self.by_joined.insert((k.kind, j.clone(), k.key.is_compound()), into);
                }
            }
        }
        merges
    }
}
