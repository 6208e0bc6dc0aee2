//! Known-item relevance of search, judged with story gold: each article of a story with more than
//! one article is a query (its headline); the other articles of its story are what a journalist
//! wants to find. Copies are not findings: articles of a story whose texts are near-identical form
//! one *copy group*, the query's own group is taken out of the ranking, and a ranking finds a
//! group when it returns any of its members. The same judgements score marsad and any other
//! system's run (e.g. PostgreSQL full-text search), so the figures compare like with like.

use std::collections::{BTreeMap, HashMap, HashSet};

use marsad_text::{Analysis, analyze};
use serde::Serialize;

/// Ranks counted: MRR@10 and recall@10.
pub const CUTOFF: usize = 10;

/// Two articles of a story are copies when this share of their word 5-grams is shared (Jaccard):
/// republished agency copies with a changed headline or a trimmed last paragraph stay above it,
/// two reports of one event by different newsrooms stay far below it (they share names, rarely
/// five words in a row).
pub const COPY_JACCARD: f64 = 0.5;

/// Words in a shingle for copy detection.
const SHINGLE: usize = 5;

/// One labelled article.
#[derive(Debug, Clone)]
pub struct GoldArticle {
    /// The corpus's document id.
    pub doc_id: String,
    /// Gold story label.
    pub story: String,
    /// Headline (the query).
    pub title: String,
    /// Body text (for copy detection).
    pub body: String,
}

/// One query with its judgements.
#[derive(Debug, Clone, Serialize)]
pub struct Judged {
    /// The query article's document id.
    pub doc_id: String,
    /// The query text: its headline.
    pub query: String,
    /// Copy group of the query article (taken out of rankings).
    pub own_group: usize,
    /// Copy groups of the other articles of its story.
    pub relevant: Vec<usize>,
}

/// The judged query set of a gold window.
#[derive(Debug, Clone)]
pub struct Judgements {
    /// Copy group of every gold document id.
    pub group_of: HashMap<String, usize>,
    /// The queries, in document id order.
    pub queries: Vec<Judged>,
}

/// Scores of one system over one query set.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RelevanceScores {
    /// Queries scored.
    pub queries: usize,
    /// Mean reciprocal rank of the first relevant group within the first [`CUTOFF`].
    pub mrr_at_10: f64,
    /// Mean share of relevant groups found within the first [`CUTOFF`].
    pub recall_at_10: f64,
    /// Queries whose ranking held nothing but the query's own copies.
    pub zero_results: usize,
    /// Copy groups in the window (gold articles folded by copy).
    pub groups: usize,
}

fn shingles(text: &str) -> HashSet<u64> {
    use std::hash::{Hash, Hasher};
    let words: Vec<String> = analyze(text, Analysis::Plain).into_iter().map(|t| t.term).collect();
    words
        .windows(SHINGLE.min(words.len().max(1)))
        .map(|w| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect()
}

fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let common = a.intersection(b).count() as f64;
    common / ((a.len() + b.len()) as f64 - common)
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

impl Judgements {
    /// Folds copies within each story and makes one query per article whose story has another
    /// copy group. Articles listed twice (same id) count once.
    pub fn new(articles: &[GoldArticle]) -> Self {
        let mut seen = HashSet::new();
        let articles: Vec<&GoldArticle> = articles.iter().filter(|a| seen.insert(a.doc_id.as_str())).collect();
        let sh: Vec<HashSet<u64>> = articles.iter().map(|a| shingles(&format!("{}\n{}", a.title, a.body))).collect();
        let mut by_story: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, a) in articles.iter().enumerate() {
            by_story.entry(a.story.as_str()).or_default().push(i);
        }
        let mut parent: Vec<usize> = (0..articles.len()).collect();
        for members in by_story.values() {
            for (k, &i) in members.iter().enumerate() {
                for &j in &members[k + 1..] {
                    if jaccard(&sh[i], &sh[j]) >= COPY_JACCARD {
                        let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                        parent[ri.max(rj)] = ri.min(rj);
                    }
                }
            }
        }
        let roots: Vec<usize> = (0..articles.len()).map(|i| find(&mut parent, i)).collect();
        let group_of: HashMap<String, usize> =
            articles.iter().zip(&roots).map(|(a, &g)| (a.doc_id.clone(), g)).collect();
        let mut queries = Vec::new();
        for members in by_story.values() {
            for &i in members {
                let mut relevant: Vec<usize> = members.iter().map(|&j| roots[j]).filter(|&g| g != roots[i]).collect();
                relevant.sort_unstable();
                relevant.dedup();
                if !relevant.is_empty() && !articles[i].title.trim().is_empty() {
                    queries.push(Judged {
                        doc_id: articles[i].doc_id.clone(),
                        query: articles[i].title.clone(),
                        own_group: roots[i],
                        relevant,
                    });
                }
            }
        }
        queries.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
        Judgements { group_of, queries }
    }

    /// Scores rankings: `ranked[doc_id of the query]` lists document ids best first (documents
    /// outside the gold count as not relevant; a query without a ranking found nothing).
    pub fn score(&self, ranked: &HashMap<String, Vec<String>>) -> RelevanceScores {
        let (mut rr, mut recall, mut zero) = (0.0, 0.0, 0usize);
        for q in &self.queries {
            // Groups in rank order, the query's own copies taken out; an unjudged document takes
            // a rank of its own.
            let mut groups: Vec<Option<usize>> = Vec::new();
            let (mut seen, mut seen_unjudged) = (HashSet::new(), HashSet::new());
            for d in ranked.get(&q.doc_id).map(Vec::as_slice).unwrap_or_default() {
                match self.group_of.get(d) {
                    Some(&g) if g == q.own_group => {}
                    Some(&g) => {
                        if seen.insert(g) {
                            groups.push(Some(g));
                        }
                    }
                    // A document listed twice (under two ids of one article) takes one rank.
                    None => {
                        if seen_unjudged.insert(d.as_str()) {
                            groups.push(None);
                        }
                    }
                }
            }
            if groups.is_empty() {
                zero += 1;
            }
            let top = &groups[..groups.len().min(CUTOFF)];
            if let Some(rank) = top.iter().position(|g| g.is_some_and(|g| q.relevant.binary_search(&g).is_ok())) {
                rr += 1.0 / (rank + 1) as f64;
            }
            let found = top.iter().flatten().filter(|g| q.relevant.binary_search(g).is_ok()).count();
            recall += found as f64 / q.relevant.len() as f64;
        }
        let n = self.queries.len().max(1) as f64;
        RelevanceScores {
            queries: self.queries.len(),
            mrr_at_10: rr / n,
            recall_at_10: recall / n,
            zero_results: zero,
            groups: self.group_of.values().collect::<HashSet<_>>().len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(id: &str, story: &str, title: &str, body: &str) -> GoldArticle {
        GoldArticle { doc_id: id.into(), story: story.into(), title: title.into(), body: body.into() }
    }

    const BODY_A: &str = "قال مسؤولون في العاصمة إن المحادثات بين الوفدين استمرت ساعات طويلة دون اتفاق على جدول زمني للانسحاب من المدينة الساحلية";
    const BODY_B: &str = "أعلنت وزارة الصحة ارتفاع عدد المصابين بالمرض في ثلاث محافظات جنوبية وطالبت السكان بتجنب التجمعات خلال الأسبوع المقبل";

    fn window() -> Judgements {
        Judgements::new(&[
            art("a1", "talks", "محادثات الانسحاب تتعثر", BODY_A),
            // A republished copy of a1 under another headline.
            art("a2", "talks", "تعثر المحادثات", BODY_A),
            art("a3", "talks", "الوفدان يفترقان دون اتفاق", BODY_B),
            art("b1", "alone", "خبر وحيد", "نص مختلف تماما عن كل ما سبق في هذه المجموعة"),
        ])
    }

    #[test]
    fn copies_fold_into_one_group_and_singletons_are_not_queries() {
        let j = window();
        assert_eq!(j.group_of["a1"], j.group_of["a2"]);
        assert_ne!(j.group_of["a1"], j.group_of["a3"]);
        let ids: Vec<&str> = j.queries.iter().map(|q| q.doc_id.as_str()).collect();
        assert_eq!(ids, ["a1", "a2", "a3"], "b1's story has no other article");
        assert_eq!(j.queries[0].relevant, vec![j.group_of["a3"]]);
    }

    #[test]
    fn own_copies_are_skipped_and_unjudged_documents_take_ranks() {
        let j = window();
        let ranked: HashMap<String, Vec<String>> = [
            // a1: its own copy first (skipped), then an unjudged document (listed twice, one
            // rank), then a3: rank 2.
            ("a1", vec!["a1", "a2", "x", "x", "a3"]),
            // a2: nothing but itself.
            ("a2", vec!["a2"]),
            // a3: the copy group a1/a2 at rank 1, found once however many members come back.
            ("a3", vec!["a1", "a2"]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
        .collect();
        let s = j.score(&ranked);
        assert_eq!(s.queries, 3);
        assert!((s.mrr_at_10 - (0.5 + 0.0 + 1.0) / 3.0).abs() < 1e-9, "{s:?}");
        assert!((s.recall_at_10 - 2.0 / 3.0).abs() < 1e-9, "{s:?}");
        assert_eq!(s.zero_results, 1);
        assert_eq!(s.groups, 3);
    }

    #[test]
    fn relevant_past_the_cutoff_does_not_count() {
        let j = window();
        let mut late: Vec<String> = (0..CUTOFF).map(|i| format!("x{i}")).collect();
        late.push("a3".into());
        let s = j.score(&HashMap::from([("a1".to_string(), late)]));
        assert_eq!(s.mrr_at_10, 0.0);
        assert_eq!(s.recall_at_10, 0.0);
    }
}
