//! `marsad eval search`: known-item relevance of search on a story gold window (see
//! `marsad_store::relevance`), for marsad or for another system's ranking of the same queries.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use marsad_store::relevance::{GoldArticle, Judgements, RelevanceScores};
use marsad_store::{SearchRequest, Store};

use crate::data::DataDir;
use marsad_eval::stories as gold;

/// Ranks asked of marsad per query: the query's own copies come back too and are taken out
/// before the first ten are scored.
const RANKED: usize = 30;

/// Arguments of `eval search`.
#[derive(clap::Args)]
pub struct SearchEval {
    /// The gold TSV (id, story, thread).
    #[arg(long)]
    gold: PathBuf,
    /// The TREC corpus holding the gold articles (the queries are their headlines). It is
    /// ingested whole into a fresh data directory and searched; articles outside the gold count
    /// as not relevant.
    #[arg(long)]
    corpus: PathBuf,
    /// Search only the gold articles (a fresh store of them alone), not the whole corpus.
    #[arg(long, conflicts_with = "existing")]
    gold_only: bool,
    /// Search the data directory as it is (the corpus already ingested there) instead of
    /// ingesting the corpus again.
    #[arg(long)]
    existing: bool,
    /// Score another system's ranking of the same queries instead of marsad's: TSV lines
    /// `query_id<TAB>rank<TAB>doc_id` (as written by --write-run or bench/search-pg.sh).
    #[arg(long, value_name = "FILE", conflicts_with = "existing")]
    run: Option<PathBuf>,
    /// Write the searched collection (`docs.tsv`: id, title, body) and the queries
    /// (`queries.tsv`: id, query) into DIR, for another system to rank the same way.
    #[arg(long, value_name = "DIR")]
    export: Option<PathBuf>,
    /// Write marsad's ranking as a run file.
    #[arg(long, value_name = "FILE")]
    write_run: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `eval search`.
pub fn run(data: &DataDir, args: &SearchEval) -> Result<()> {
    let labels = gold::read_labels(&args.gold)?;
    let docs = gold::gold_docs(&labels, &args.corpus)?;
    let judged = Judgements::new(
        &docs
            .iter()
            .map(|d| GoldArticle {
                doc_id: d.id.clone(),
                story: labels[&d.id].story.clone(),
                title: d.article.title.clone(),
                body: d.article.body(),
            })
            .collect::<Vec<_>>(),
    );
    let (ranked, timing) = match &args.run {
        Some(path) => (read_run(path)?, None),
        None => {
            let work = gold::WorkDir::new()?;
            let store = if args.existing {
                if !data.exists() {
                    bail!(
                        "no marsad data in {}; ingest the corpus there first, or drop --existing",
                        data.path().display()
                    );
                }
                data.read()?
            } else if args.gold_only {
                gold::ingest_alone(&docs, &work.0)?.0
            } else {
                gold::ingest_whole(&args.corpus, &work.0)?
            };
            if let Some(dir) = &args.export {
                export(dir, &store, &judged)?;
            }
            rank_with(&store, &judged)?
        }
    };
    if let Some(path) = &args.write_run {
        let mut out = String::new();
        for q in &judged.queries {
            for (rank, d) in ranked.get(&q.doc_id).into_iter().flatten().enumerate() {
                writeln!(out, "{}\t{}\t{d}", q.doc_id, rank + 1)?;
            }
        }
        std::fs::write(path, out).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let scores = judged.score(&ranked);
    print(&scores, timing, args.json)
}

/// Median and 99th-percentile milliseconds per query.
type Timing = (f64, f64);

/// Each query's ranking: document ids, best first.
type Rankings = HashMap<String, Vec<String>>;

fn rank_with(store: &Store, judged: &Judgements) -> Result<(Rankings, Option<Timing>)> {
    // One document id per result, as the export gives another system one document per article.
    let doc_of: HashMap<i64, String> = store.doc_ids()?.into_iter().collect();
    let mut ranked = HashMap::new();
    let mut took = Vec::with_capacity(judged.queries.len());
    for q in &judged.queries {
        let started = Instant::now();
        let hits =
            store.search_ids(&SearchRequest { query: as_words(&q.query), limit: RANKED, ..Default::default() })?;
        took.push(started.elapsed().as_secs_f64() * 1000.0);
        let list: Vec<String> = hits
            .into_iter()
            .map(|(id, _)| doc_of.get(&id).cloned().unwrap_or_else(|| format!("marsad:{id}")))
            .collect();
        ranked.insert(q.doc_id.clone(), list);
    }
    took.sort_by(f64::total_cmp);
    let at = |p: f64| took.get(((took.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0.0);
    Ok((ranked, Some((at(0.5), at(0.99)))))
}

/// A headline as plain words: its quotation marks and dashes are punctuation, not search syntax
/// (a quoted phrase would be required verbatim, a leading hyphen would exclude a word).
fn as_words(headline: &str) -> String {
    headline.replace('"', " ").split_whitespace().map(|w| w.trim_start_matches('-')).collect::<Vec<_>>().join(" ")
}

fn read_run(path: &Path) -> Result<Rankings> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read run file {}", path.display()))?;
    let mut rows: Vec<(String, usize, String)> = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let rank = f.get(1).and_then(|r| r.trim().parse::<usize>().ok());
        match (f.len(), rank) {
            (3, Some(rank)) => rows.push((f[0].to_string(), rank, f[2].trim().to_string())),
            _ => bail!("{}:{}: expected query_id<TAB>rank<TAB>doc_id", path.display(), n + 1),
        }
    }
    rows.sort();
    let mut ranked: Rankings = HashMap::new();
    for (q, _, d) in rows {
        ranked.entry(q).or_default().push(d);
    }
    Ok(ranked)
}

fn export(dir: &Path, store: &Store, judged: &Judgements) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out = String::new();
    store.each_document(|id, doc, title, body| {
        let id = doc.map_or_else(|| format!("marsad:{id}"), str::to_string);
        writeln!(out, "{id}\t{}\t{}", clean(title), clean(body)).expect("writing to a String");
        Ok(())
    })?;
    std::fs::write(dir.join("docs.tsv"), out)?;
    let mut out = String::new();
    for q in &judged.queries {
        writeln!(out, "{}\t{}", q.doc_id, clean(&as_words(&q.query)))?;
    }
    std::fs::write(dir.join("queries.tsv"), out)?;
    Ok(())
}

fn print(s: &RelevanceScores, timing: Option<Timing>, json: bool) -> Result<()> {
    if json {
        let mut v = serde_json::to_value(s)?;
        if let Some((p50, p99)) = timing {
            v["ms_p50"] = p50.into();
            v["ms_p99"] = p99.into();
        }
        outln!("{}", serde_json::to_string_pretty(&v)?)?;
    } else {
        let took = timing.map(|(p50, p99)| format!("; {p50:.1} / {p99:.1} ms p50 / p99")).unwrap_or_default();
        outln!(
            "{} queries over {} copy groups: MRR@10 {:.3}, recall@10 {:.3}, {} with no result{took}",
            s.queries,
            s.groups,
            s.mrr_at_10,
            s.recall_at_10,
            s.zero_results
        )?;
    }
    Ok(())
}
