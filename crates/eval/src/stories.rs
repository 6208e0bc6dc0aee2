//! Gold windows for `marsad eval`: the labels file, the labelled articles cut out of a TREC
//! corpus, and a fresh store holding exactly those articles.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result, bail};
use chrono::Utc;
use marsad_extract::Article;
use marsad_store::Store;

/// Gold labels of one article.
pub struct Label {
    /// Story slug.
    pub story: String,
    /// Thread slug.
    pub thread: String,
}

/// Reads a gold TSV (`id<TAB>story<TAB>thread`, with a header line).
pub fn read_labels(gold: &Path) -> Result<HashMap<String, Label>> {
    let text = std::fs::read_to_string(gold).with_context(|| format!("cannot read gold file {}", gold.display()))?;
    let mut labels = HashMap::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            bail!("{}:{}: expected id<TAB>story<TAB>thread", gold.display(), n + 1);
        }
        labels.insert(f[0].to_string(), Label { story: f[1].to_string(), thread: f[2].to_string() });
    }
    if labels.is_empty() {
        bail!("{} holds no labels (expected a header line, then id<TAB>story<TAB>thread lines)", gold.display());
    }
    Ok(labels)
}

/// One labelled article as the corpus holds it.
pub struct GoldDoc {
    /// Its document id.
    pub id: String,
    /// The `<DOC>` record, as in the corpus.
    pub raw: String,
    /// What marsad extracts from it.
    pub article: Article,
}

/// The labelled articles of a TREC `corpus`, oldest first, each once.
pub fn gold_docs(labels: &HashMap<String, Label>, corpus: &Path) -> Result<Vec<GoldDoc>> {
    let mut docs: Vec<(Option<i64>, GoldDoc)> = Vec::new();
    let (files, _) = marsad_ingest::walk(&[corpus.to_path_buf()]);
    for f in files {
        let Ok(t) = std::fs::read_to_string(&f) else { continue };
        let mut rest = t.as_str();
        while let Some(start) = rest.find("<DOC>") {
            let Some(end) = rest[start..].find("</DOC>") else { break };
            let raw = &rest[start..start + end + 6];
            rest = &rest[start + end + 6..];
            if let Some(article) = marsad_extract::trec::parse(raw).into_iter().flatten().next()
                && let Some(id) = article.doc_id.clone().filter(|id| labels.contains_key(id))
            {
                docs.push((article.published.map(|p| p.timestamp()), GoldDoc { id, raw: raw.to_string(), article }));
            }
        }
    }
    if docs.is_empty() {
        bail!("none of the gold articles were found in {}", corpus.display());
    }
    docs.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
    docs.dedup_by(|a, b| a.1.id == b.1.id);
    Ok(docs.into_iter().map(|d| d.1).collect())
}

/// Ingests exactly `docs`, in their order, into a fresh store under `work` (clustered as a live
/// observatory would).
pub fn ingest_alone(docs: &[GoldDoc], work: &Path) -> Result<(Store, marsad_ingest::Summary)> {
    let input = work.join("gold-articles.trec");
    std::fs::write(&input, docs.iter().map(|d| d.raw.as_str()).collect::<Vec<_>>().join("\n"))?;
    let data = work.join("data");
    let store = Store::open(&data).with_context(|| format!("opening {}", data.display()))?;
    let summary =
        marsad_ingest::ingest_paths(&store, &[input], &Default::default(), &AtomicBool::new(false), &mut |_| {})?;
    Ok((store, summary))
}

/// Ingests the whole `corpus` into a fresh store under `work`.
pub fn ingest_whole(corpus: &Path, work: &Path) -> Result<Store> {
    let data = work.join("data");
    let store = Store::open(&data).with_context(|| format!("opening {}", data.display()))?;
    marsad_ingest::ingest_paths(
        &store,
        &[corpus.to_path_buf()],
        &Default::default(),
        &AtomicBool::new(false),
        &mut |_| {},
    )?;
    Ok(store)
}

/// A fresh directory under the system's temporary directory, removed when dropped.
pub struct WorkDir(pub PathBuf);

impl WorkDir {
    /// Creates it.
    pub fn new() -> Result<Self> {
        let dir = std::env::temp_dir().join(format!(
            "marsad-eval-{}-{}",
            std::process::id(),
            Utc::now().timestamp_nanos_opt().unwrap_or(0)
        ));
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(WorkDir(dir))
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
