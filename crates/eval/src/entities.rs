//! The entity-linking and quotation gold: labels on ANT documents by id and character offsets
//! (`data/entity-links.tsv`, `data/quotes.tsv`; `bench/ant-doc.py` shows the documents as the
//! labels address them), and their scorers.
//!
//! A document is cut into blocks as marsad's TREC reader cuts it: block 0 its TITLE, block i the
//! i-th non-empty line of its TEXT, trimmed. Offsets are characters within a block, end exclusive.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use marsad_entities::registry::{EntityId, Registry};
use marsad_entities::{Annotations, Annotator};

/// A labelled span: a document, a block, a character range.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    /// The document's DOCNO.
    pub doc: String,
    /// Its block.
    pub block: usize,
    /// Character range in the block.
    pub chars: std::ops::Range<usize>,
}

/// One labelled mention: where it is and the labeller's id of the real-world entity.
#[derive(Debug, Clone)]
pub struct GoldMention {
    /// Where.
    pub place: Place,
    /// The labeller's entity id (`per:putin`).
    pub entity: String,
}

/// One labelled quotation: its words and a mention of its speaker's name (none when the
/// document never names the speaker).
#[derive(Debug, Clone)]
pub struct GoldQuote {
    /// The quoted words.
    pub place: Place,
    /// A mention of the speaker's name in the same document.
    pub speaker: Option<Place>,
}

fn fields(path: &Path) -> Result<Vec<(usize, Vec<String>)>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n + 1, l.split('\t').map(str::to_string).collect()))
        .collect())
}

fn place(path: &Path, line: usize, doc: &str, f: &[String]) -> Result<Option<Place>> {
    if f.iter().all(|s| s == "-") {
        return Ok(None);
    }
    let n =
        |s: &String| s.parse::<usize>().with_context(|| format!("{}:{line}: {s:?} is not a number", path.display()));
    let (block, start, end) = (n(&f[0])?, n(&f[1])?, n(&f[2])?);
    if start >= end {
        bail!("{}:{line}: empty span {start}..{end}", path.display());
    }
    Ok(Some(Place { doc: doc.to_string(), block, chars: start..end }))
}

/// Reads `DOCNO BLOCK START END ENTITY` lines.
pub fn read_links(path: &Path) -> Result<Vec<GoldMention>> {
    let mut out = Vec::new();
    for (line, f) in fields(path)? {
        if f.len() != 5 {
            bail!("{}:{line}: expected DOCNO, BLOCK, START, END, ENTITY separated by tabs", path.display());
        }
        let place = place(path, line, &f[0], &f[1..4])?.context("a mention needs a span")?;
        out.push(GoldMention { place, entity: f[4].clone() });
    }
    Ok(out)
}

/// Reads `DOCNO QBLOCK QSTART QEND SBLOCK SSTART SEND FORM` lines.
pub fn read_quotes(path: &Path) -> Result<Vec<GoldQuote>> {
    let mut out = Vec::new();
    for (line, f) in fields(path)? {
        if f.len() != 8 {
            bail!(
                "{}:{line}: expected DOCNO, 3 quote columns, 3 speaker columns and FORM separated by tabs",
                path.display()
            );
        }
        let quote = place(path, line, &f[0], &f[1..4])?.context("a quotation needs a span")?;
        out.push(GoldQuote { place: quote, speaker: place(path, line, &f[0], &f[4..7])? });
    }
    Ok(out)
}

/// The blocks of every TREC document under `dir` whose DOCNO is wanted (files named after their
/// DOCNO, as in ANT).
pub fn documents(dir: &Path, wanted: &[&str]) -> Result<HashMap<String, Vec<String>>> {
    let mut out = HashMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))? {
            let p: PathBuf = entry?.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let Some(stem) = p.file_stem().and_then(|s| s.to_str()) else { continue };
            if wanted.contains(&stem) {
                let text = std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
                out.insert(stem.to_string(), blocks(&text));
            }
        }
    }
    if let Some(missing) = wanted.iter().find(|w| !out.contains_key(**w)) {
        bail!("document {missing} not found under {}", dir.display());
    }
    Ok(out)
}

/// A TREC document's blocks: its title, then the non-empty lines of its text.
pub fn blocks(doc: &str) -> Vec<String> {
    let field = |tag: &str| marsad_extract::trec::text_field(doc, tag).unwrap_or_default();
    let mut out = vec![field("TITLE")];
    out.extend(field("TEXT").lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from));
    out
}

/// The documents annotated, their entities resolved across all of them.
pub struct Run {
    /// Each document's annotations.
    pub annotations: HashMap<String, (Vec<String>, Annotations)>,
    /// Each document's article entities as resolved across documents.
    pub ids: HashMap<String, Vec<EntityId>>,
    /// Every name each entity was written as, for reports.
    pub names: HashMap<EntityId, Vec<String>>,
}

/// Annotates the documents in DOCNO order and links their entities across documents.
pub fn run(annotator: &Annotator, docs: HashMap<String, Vec<String>>) -> Run {
    let mut names: Vec<String> = docs.keys().cloned().collect();
    names.sort();
    let mut registry = Registry::new(0);
    let mut annotations = HashMap::new();
    let mut ids = HashMap::new();
    for name in names {
        let blocks = docs[&name].clone();
        let a = annotator.annotate(&blocks);
        ids.insert(name.clone(), a.entities.iter().map(|e| registry.resolve(e).id).collect::<Vec<_>>());
        annotations.insert(name, (blocks, a));
    }
    let merges: HashMap<EntityId, EntityId> = registry.consolidate().into_iter().collect();
    for v in ids.values_mut() {
        for id in v.iter_mut() {
            if let Some(into) = merges.get(id) {
                *id = *into;
            }
        }
    }
    let mut all_names: HashMap<EntityId, Vec<String>> = HashMap::new();
    for (doc, (_, a)) in &annotations {
        for (e, id) in a.entities.iter().zip(&ids[doc]) {
            let names = all_names.entry(*id).or_default();
            for (n, _) in &e.names {
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
        }
    }
    Run { annotations, ids, names: all_names }
}

impl Run {
    /// The entity of the system mention overlapping a labelled span, if any.
    pub fn entity_at(&self, p: &Place) -> Option<EntityId> {
        let (blocks, a) = self.annotations.get(&p.doc)?;
        let text = blocks.get(p.block)?;
        a.mentions
            .iter()
            .filter(|m| m.block == p.block)
            .find(|m| overlaps(&char_range(text, &m.range), &p.chars))
            .map(|m| self.ids[&p.doc][m.entity])
    }
}

fn char_range(text: &str, bytes: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let start = text[..bytes.start].chars().count();
    start..start + text[bytes.clone()].chars().count()
}

fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Pairwise linking scores over the labelled mentions.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LinkScores {
    /// Labelled mentions.
    pub mentions: usize,
    /// Labelled entities.
    pub entities: usize,
    /// Labelled mentions the system found (a mention overlapping them).
    pub found: usize,
    /// Pairs the system links that the labels link too, over the pairs the system links.
    pub precision: f64,
    /// Pairs the labels link that the system links too, over the pairs the labels link.
    pub recall: f64,
}

/// Scores linking: every pair of labelled mentions is linked by the labels (same entity id) or
/// not, and by the system (both found, same entity) or not.
pub fn score_links(run: &Run, gold: &[GoldMention]) -> LinkScores {
    let sys: Vec<Option<EntityId>> = gold.iter().map(|g| run.entity_at(&g.place)).collect();
    let (mut both, mut sys_pairs, mut gold_pairs) = (0u64, 0u64, 0u64);
    for i in 0..gold.len() {
        for j in i + 1..gold.len() {
            let g = gold[i].entity == gold[j].entity;
            let s = sys[i].is_some() && sys[i] == sys[j];
            both += u64::from(g && s);
            sys_pairs += u64::from(s);
            gold_pairs += u64::from(g);
        }
    }
    let mut entities: Vec<&str> = gold.iter().map(|g| g.entity.as_str()).collect();
    entities.sort();
    entities.dedup();
    LinkScores {
        mentions: gold.len(),
        entities: entities.len(),
        found: sys.iter().flatten().count(),
        precision: ratio(both, sys_pairs),
        recall: ratio(both, gold_pairs),
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Quotation scores, speaker-attributed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct QuoteScores {
    /// Labelled quotations.
    pub gold: usize,
    /// Quotations the system found in the labelled documents with a speaker.
    pub attributed: usize,
    /// Labelled quotations the system found (any overlap with a quotation of its own).
    pub found: usize,
    /// System quotations with a speaker that match a labelled one with the same speaker, over all
    /// system quotations with a speaker.
    pub precision: f64,
    /// Labelled quotations with a named speaker found with that speaker, over those labelled.
    pub recall: f64,
}

/// Scores quotations: a system quotation matches a labelled one when they overlap in the same
/// block; its speaker is right when it is the entity the system gave the labelled speaker mention.
pub fn score_quotes(run: &Run, gold: &[GoldQuote]) -> QuoteScores {
    let (mut attributed, mut right, mut found) = (0usize, 0usize, 0usize);
    let mut named_right = 0usize;
    let docs: std::collections::HashSet<&str> = gold.iter().map(|g| g.place.doc.as_str()).collect();
    for doc in &docs {
        let Some((blocks, a)) = run.annotations.get(*doc) else { continue };
        let ids = &run.ids[*doc];
        let labelled: Vec<&GoldQuote> = gold.iter().filter(|g| g.place.doc == *doc).collect();
        for q in &a.quotes {
            let chars = char_range(&blocks[q.block], &q.range);
            let matched = labelled.iter().find(|g| g.place.block == q.block && overlaps(&g.place.chars, &chars));
            let Some(speaker) = q.speaker.map(|e| ids[e]) else { continue };
            attributed += 1;
            let correct = matched.and_then(|g| g.speaker.as_ref()).and_then(|s| run.entity_at(s)) == Some(speaker);
            right += usize::from(correct);
        }
        for g in &labelled {
            let hit = a.quotes.iter().find(|q| {
                q.block == g.place.block && overlaps(&g.place.chars, &char_range(&blocks[q.block], &q.range))
            });
            found += usize::from(hit.is_some());
            let good = hit
                .and_then(|q| q.speaker.map(|e| ids[e]))
                .is_some_and(|s| g.speaker.as_ref().and_then(|p| run.entity_at(p)) == Some(s));
            named_right += usize::from(good);
        }
    }
    let named = gold.iter().filter(|g| g.speaker.is_some()).count();
    QuoteScores {
        gold: gold.len(),
        attributed,
        found,
        precision: ratio(right as u64, attributed as u64),
        recall: ratio(named_right as u64, named as u64),
    }
}

/// The system entities one labelled entity's mentions went to, with how many (`None`: not found).
pub type Split = Vec<(Option<EntityId>, usize)>;

/// For each labelled entity, the system entities its mentions went to (`None`: not found), for
/// reading what linking misses.
pub fn link_confusion(run: &Run, gold: &[GoldMention]) -> Vec<(String, Split)> {
    let mut by: std::collections::BTreeMap<&str, HashMap<Option<EntityId>, usize>> = Default::default();
    for g in gold {
        *by.entry(&g.entity).or_default().entry(run.entity_at(&g.place)).or_default() += 1;
    }
    by.into_iter()
        .map(|(e, m)| {
            let mut v: Vec<_> = m.into_iter().collect();
            v.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
            (e.to_string(), v)
        })
        .collect()
}

/// One labelled quotation as marsad read it, for reading misses.
#[derive(Debug, Clone)]
pub struct QuoteMiss {
    /// The labelled quotation.
    pub gold: GoldQuote,
    /// The labelled speaker's name as written at the labelled span.
    pub gold_speaker: Option<String>,
    /// Marsad's quotation overlapping it, if any: its text and its speaker's names.
    pub found: Option<(String, Option<String>)>,
}

/// The labelled quotations marsad missed or gave to someone else.
pub fn quote_misses(run: &Run, gold: &[GoldQuote]) -> Vec<QuoteMiss> {
    let mut out = Vec::new();
    for g in gold {
        let Some((blocks, a)) = run.annotations.get(&g.place.doc) else { continue };
        let ids = &run.ids[&g.place.doc];
        let text_at = |p: &Place| {
            blocks.get(p.block).map(|b| b.chars().skip(p.chars.start).take(p.chars.len()).collect::<String>())
        };
        let hit = a
            .quotes
            .iter()
            .find(|q| q.block == g.place.block && overlaps(&g.place.chars, &char_range(&blocks[q.block], &q.range)));
        let want = g.speaker.as_ref().and_then(|p| run.entity_at(p));
        let got = hit.and_then(|q| q.speaker.map(|e| ids[e]));
        if hit.is_some() && got == want && (want.is_some() || g.speaker.is_none()) {
            continue;
        }
        let found = hit.map(|q| {
            let text: String = blocks[q.block][q.range.clone()].chars().take(60).collect();
            (text, got.and_then(|id| run.names.get(&id)).map(|n| n.join("|")))
        });
        out.push(QuoteMiss { gold: g.clone(), gold_speaker: g.speaker.as_ref().and_then(text_at), found });
    }
    out
}
