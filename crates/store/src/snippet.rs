//! Snippets and highlighting, computed from the stored text with the same analyzers as the index,
//! so a word is marked exactly when it is why the document matched — including a variant spelling
//! found through the skeleton field.

use std::collections::HashSet;

use marsad_text::{Analysis, analyze};
use serde::Serialize;

use crate::query::ParsedQuery;

/// Text with marked byte ranges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Highlighted {
    /// The text.
    pub text: String,
    /// Marked ranges, as byte offsets into `text`, sorted and disjoint.
    pub marks: Vec<(usize, usize)>,
}

impl Highlighted {
    /// Splits the text into (piece, is_marked) fragments, for templates that escape each piece.
    pub fn fragments(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut at = 0;
        for &(s, e) in &self.marks {
            if s > at {
                out.push((&self.text[at..s], false));
            }
            out.push((&self.text[s..e], true));
            at = e;
        }
        if at < self.text.len() {
            out.push((&self.text[at..], false));
        }
        out
    }

    /// The text with each mark wrapped in `open`/`close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        self.fragments().into_iter().map(|(t, m)| if m { format!("{open}{t}{close}") } else { t.to_string() }).collect()
    }
}

/// Byte ranges of `text` that match the query: words whose main term (or, for quoted words,
/// exact form) was asked for, and runs of words matching the query's skeleton phrase (or single
/// long word).
pub fn matches(text: &str, q: &ParsedQuery) -> Vec<(usize, usize)> {
    let wanted: HashSet<String> = q.main_terms().into_iter().collect();
    let mut marks: Vec<(usize, usize)> = analyze(text, Analysis::Main)
        .into_iter()
        .filter(|t| wanted.contains(&t.term))
        .map(|t| (t.start, t.end))
        .collect();
    let exact: HashSet<String> = q.exact_terms().into_iter().collect();
    if !exact.is_empty() {
        marks.extend(
            analyze(text, Analysis::Plain)
                .into_iter()
                .filter(|t| {
                    let (bare, with_article) = marsad_text::stem::surface_forms(&t.term);
                    exact.contains(&bare) || with_article.is_some_and(|a| exact.contains(&a))
                })
                .map(|t| (t.start, t.end)),
        );
    }
    if q.uses_skeleton() {
        let toks = analyze(text, Analysis::Skeleton);
        let qs = &q.skeleton;
        let base = qs[0].0;
        for i in 0..toks.len() {
            if toks[i].term != qs[0].1 {
                continue;
            }
            let run: Option<Vec<&marsad_text::AnalyzedToken>> = qs
                .iter()
                .map(|(p, term)| {
                    let want_pos = toks[i].position + (p - base);
                    toks[i..]
                        .iter()
                        .take_while(|t| t.position <= want_pos)
                        .find(|t| t.position == want_pos && &t.term == term)
                })
                .collect();
            if let Some(run) = run {
                marks.extend(run.iter().map(|t| (t.start, t.end)));
            }
        }
    }
    marks.sort_unstable();
    marks.dedup();
    // «كيم جونغ أون» reads better as one mark than three: join marks separated only by spaces or
    // hyphens.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(marks.len());
    for (s, e) in marks {
        match merged.last_mut() {
            Some(last) if text[last.1.min(s)..s].chars().all(|c| c.is_whitespace() || c == '-') => {
                last.1 = last.1.max(e)
            }
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// The whole text, highlighted.
pub fn highlight(text: &str, q: &ParsedQuery) -> Highlighted {
    Highlighted { text: text.to_string(), marks: matches(text, q) }
}

/// The best window of about `max_words` words of `body` — the one with most matches, earliest on
/// ties — with its matches marked. Without matches, the lead.
pub fn snippet(body: &str, q: &ParsedQuery, max_words: usize) -> Highlighted {
    let words: Vec<marsad_text::Word<'_>> = marsad_text::words(body).collect();
    if words.is_empty() {
        return Highlighted::default();
    }
    let marks = matches(body, q);
    // Words and marks are both in text order and marks do not overlap: one sweep, linear in the
    // body however many matches a common word has.
    let mut m = 0;
    let is_marked: Vec<bool> = words
        .iter()
        .map(|w| {
            while marks.get(m).is_some_and(|&(_, e)| e <= w.start) {
                m += 1;
            }
            marks.get(m).is_some_and(|&(s, _)| s < w.end)
        })
        .collect();
    let n = max_words.min(words.len());
    let mut count: usize = is_marked[..n].iter().filter(|&&m| m).count();
    let (mut best, mut best_start) = (count, 0);
    for start in 1..=words.len() - n {
        count += usize::from(is_marked[start + n - 1]);
        count -= usize::from(is_marked[start - 1]);
        if count > best {
            best = count;
            best_start = start;
        }
    }
    // Start a couple of words before the first match so it reads in context.
    let first_mark = (best_start..best_start + n).find(|&i| is_marked[i]).unwrap_or(best_start);
    let start = first_mark.saturating_sub(3).max(best_start.saturating_sub(3)).min(words.len() - n);
    let (from, to) = (words[start].start, words[start + n - 1].end);
    let prefix = if start > 0 { "… " } else { "" };
    let suffix = if start + n < words.len() { " …" } else { "" };
    let core: String = body[from..to].chars().map(|c| if c == '\n' { ' ' } else { c }).collect();
    let text = format!("{prefix}{core}{suffix}");
    let shift = prefix.len();
    let marks = marks
        .into_iter()
        .filter(|&(s, e)| s >= from && e <= to)
        .map(|(s, e)| (s - from + shift, e - from + shift))
        .collect();
    Highlighted { text, marks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_stemmed_matches() {
        let q = ParsedQuery::parse("الرئيس الروسي");
        let h = highlight("قال الرئيس الروسية والرؤساء", &q);
        assert_eq!(h.marked("[", "]"), "قال [الرئيس الروسية] والرؤساء");
    }

    #[test]
    fn marks_variant_spelling_runs_only() {
        let q = ParsedQuery::parse("كيم جونغ أون");
        let h = highlight("التقى كيم يونغ-أون اليوم، وقال آن الأوان", &q);
        assert_eq!(h.marked("[", "]"), "التقى [كيم يونغ-أون] اليوم، وقال آن الأوان");
    }

    #[test]
    fn snippet_window_centres_on_matches() {
        let body = format!("{} بيونغ يانغ {}", "كلمة ".repeat(100), "نهاية ".repeat(100));
        let s = snippet(&body, &ParsedQuery::parse("بيونغ يانغ"), 20);
        assert!(s.text.starts_with("… "));
        assert!(s.text.ends_with(" …"));
        assert_eq!(s.marks.len(), 1);
        assert_eq!(&s.text[s.marks[0].0..s.marks[0].1], "بيونغ يانغ");
    }

    #[test]
    fn fragments_cover_text() {
        let h = Highlighted { text: "ab cd ef".into(), marks: vec![(3, 5)] };
        assert_eq!(h.fragments(), [("ab ", false), ("cd", true), (" ef", false)]);
    }
}
