//! `marsad eval stories` and `eval threads`: scoring story clustering against gold labels.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result, bail};
use chrono::Utc;
use marsad_store::Store;

use crate::data::DataDir;

/// Arguments of `eval stories` and `eval threads`.
#[derive(clap::Args)]
pub struct ClusterEval {
    /// The gold TSV.
    #[arg(long)]
    pub gold: PathBuf,
    /// The TREC corpus holding the gold articles.
    #[arg(long, required_unless_present = "existing")]
    pub corpus: Option<PathBuf>,
    /// Score the stories already in the data directory (e.g. after ingesting the whole corpus, as
    /// a live observatory sees it) instead of clustering the gold articles alone.
    #[arg(long, conflicts_with = "corpus")]
    pub existing: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Also write each article's gold and predicted clusters with its headline (TSV), for error
    /// analysis.
    #[arg(long, value_name = "FILE")]
    pub assignments: Option<PathBuf>,
}

/// Scores the stories (or threads) marsad made of the gold articles: by default it ingests exactly
/// those, in publication order, into a fresh data directory; with `--existing`, it reads the
/// assignments of the data directory as they are.
pub fn eval_clusters(data: &DataDir, args: &ClusterEval, threads: bool) -> Result<()> {
    let gold = args.gold.as_path();
    let text = std::fs::read_to_string(gold).with_context(|| format!("cannot read gold file {}", gold.display()))?;
    let mut labels: std::collections::HashMap<String, (String, String)> = std::collections::HashMap::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            bail!("{}:{}: expected id<TAB>story<TAB>thread", gold.display(), n + 1);
        }
        labels.insert(f[0].to_string(), (f[1].to_string(), f[2].to_string()));
    }
    let (assigned, summary) = match &args.corpus {
        Some(corpus) => {
            let work = tempfile_dir()?;
            let result = cluster_gold_alone(&labels, corpus, &work);
            let _ = std::fs::remove_dir_all(&work);
            let (assigned, summary) = result?;
            (assigned, serde_json::to_value(summary)?)
        }
        None => {
            if !data.exists() {
                bail!("no marsad data in {}; ingest the corpus there first, or give --corpus", data.path().display());
            }
            (data.read()?.story_assignments()?, serde_json::Value::Null)
        }
    };
    let mut pairs = Vec::new();
    let mut rows = String::from("id\tgold_story\tstory\tgold_thread\tthread\ttitle\n");
    // A document id can come back twice (stored, then seen again as a duplicate of itself).
    let mut seen = std::collections::HashSet::new();
    for (doc_id, story, thread, title) in assigned {
        if let Some((gs, gt)) = labels.get(&doc_id)
            && seen.insert(doc_id.clone())
        {
            pairs.push(if threads { (thread, gt.clone()) } else { (story, gs.clone()) });
            let title = title.replace(['\t', '\n'], " ");
            rows.push_str(&format!("{doc_id}\t{gs}\t{story}\t{gt}\t{thread}\t{title}\n"));
        }
    }
    if let Some(path) = &args.assignments {
        std::fs::write(path, rows).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if pairs.is_empty() {
        bail!("none of the gold articles are in {}; ingest the corpus first, or give --corpus", data.path().display());
    }
    let missing = labels.len() - pairs.len();
    let scores = marsad_cluster::score(&pairs);
    if args.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({ "scores": scores, "missing": missing, "ingest": summary })
            )?
        )?;
    } else {
        let what = if threads { "threads" } else { "stories" };
        outln!(
            "{} articles ({} of the gold not found): BCubed P {:.3} R {:.3} F1 {:.3}; pairwise P {:.3} R {:.3} F1 {:.3}; {} {what} (gold {})",
            scores.items,
            missing,
            scores.bcubed_precision,
            scores.bcubed_recall,
            scores.bcubed_f1,
            scores.pairwise_precision,
            scores.pairwise_recall,
            scores.pairwise_f1,
            scores.clusters,
            scores.gold_clusters
        )?;
    }
    Ok(())
}

type Assignments = Vec<(String, i64, i64, String)>;

/// Ingests exactly the gold articles of `corpus`, oldest first, into a store under `work`, and
/// returns where they went.
fn cluster_gold_alone(
    labels: &std::collections::HashMap<String, (String, String)>,
    corpus: &std::path::Path,
    work: &std::path::Path,
) -> Result<(Assignments, marsad_ingest::Summary)> {
    let mut docs: Vec<(Option<i64>, String, String)> = Vec::new();
    let (files, _) = marsad_ingest::walk(&[corpus.to_path_buf()]);
    for f in files {
        let Ok(t) = std::fs::read_to_string(&f) else { continue };
        let mut rest = t.as_str();
        while let Some(start) = rest.find("<DOC>") {
            let Some(end) = rest[start..].find("</DOC>") else { break };
            let doc = &rest[start..start + end + 6];
            rest = &rest[start + end + 6..];
            if let Some(a) = marsad_extract::trec::parse(doc).into_iter().flatten().next()
                && let Some(id) = a.doc_id.clone().filter(|id| labels.contains_key(id))
            {
                docs.push((a.published.map(|p| p.timestamp()), id, doc.to_string()));
            }
        }
    }
    if docs.is_empty() {
        bail!("none of the gold articles were found in {}", corpus.display());
    }
    docs.sort();
    docs.dedup_by(|a, b| a.1 == b.1);
    let input = work.join("gold-articles.trec");
    std::fs::write(&input, docs.iter().map(|d| d.2.as_str()).collect::<Vec<_>>().join("\n"))?;
    let store = Store::open(work.join("data"))?;
    let summary =
        marsad_ingest::ingest_paths(&store, &[input], &Default::default(), &AtomicBool::new(false), &mut |_| {})?;
    Ok((store.story_assignments()?, summary))
}

/// A fresh directory under the system's temporary directory.
fn tempfile_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!(
        "marsad-eval-{}-{}",
        std::process::id(),
        Utc::now().timestamp_nanos_opt().unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}
