//! `marsad ner …` and `marsad eval ner`: tagging token files, retraining the recogniser and
//! scoring it on ANERcorp's layout (one token per line, a blank line between sentences).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use marsad_entities::{EntityKind, Recognizer, Sentence, conll, score, train};

/// Named entities: tag, retrain.
#[derive(Subcommand)]
pub enum NerCommand {
    /// Tag a token file (one token per line, a blank line between sentences; a tag after the
    /// token is ignored) and print `token TAG` lines in the same order.
    Tag {
        /// The token file.
        file: PathBuf,
        #[command(flatten)]
        model: ModelArg,
        #[command(flatten)]
        documents: DocumentsArg,
    },
    /// Show who is in a page (any format `marsad extract` reads): each article's entities with
    /// their spellings and roles, and its quotations with their speakers.
    Annotate {
        /// The page or file.
        file: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        model: ModelArg,
    },
    /// Train a recogniser on a tagged file (`token TAG` lines, ANERcorp's layout) and write the
    /// model. The same file and parameters give the same model.
    Train {
        /// The tagged corpus (e.g. ANERcorp's train.txt).
        #[arg(long)]
        corpus: PathBuf,
        /// Where to write the model.
        #[arg(long)]
        out: PathBuf,
        /// L1 regularisation (sparsity).
        #[arg(long, default_value_t = train::Params::default().c1)]
        c1: f64,
        /// L2 regularisation.
        #[arg(long, default_value_t = train::Params::default().c2)]
        c2: f64,
        /// L-BFGS iterations at most.
        #[arg(long, default_value_t = train::Params::default().max_iterations)]
        iterations: usize,
        /// Hold out the last tenth of the corpus, train on the rest, and print the score on the
        /// held-out tenth (for choosing parameters without touching a test set).
        #[arg(long)]
        dev: bool,
    },
    /// Learn word classes from unlabelled text (one sentence or paragraph per line, on standard
    /// input or in a file) and write them as the recogniser's `clusters.tsv`. The same text gives
    /// the same classes.
    Clusters {
        /// The text (default: standard input).
        #[arg(long)]
        text: Option<PathBuf>,
        /// Where to write the classes.
        #[arg(long)]
        out: PathBuf,
    },
    /// Write the recogniser's gazetteer of places (`crates/entities/data/places.tsv`) from the
    /// Unicode CLDR data the icu crates carry: territories and the cities that name time zones.
    Places {
        /// Where to write the list.
        #[arg(long)]
        out: PathBuf,
    },
}

/// The model to use: the shipped one unless a file is given.
#[derive(Args)]
pub struct ModelArg {
    /// A model written by `marsad ner train` (default: the one shipped with marsad, trained on
    /// ANERcorp).
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
}

impl ModelArg {
    fn load(&self) -> Result<Recognizer> {
        Ok(match &self.model {
            Some(p) => {
                let bytes = std::fs::read(p).with_context(|| format!("reading the model {}", p.display()))?;
                Recognizer::from_bytes(bytes).with_context(|| format!("loading the model {}", p.display()))?
            }
            None => Recognizer::shipped().context("loading the shipped recogniser")?,
        })
    }
}

/// `marsad eval ner`.
#[derive(Args)]
pub struct NerEval {
    /// The gold file: `token TAG` lines (e.g. ANERcorp's test.txt).
    #[arg(long)]
    gold: PathBuf,
    #[command(flatten)]
    model: ModelArg,
    #[command(flatten)]
    documents: DocumentsArg,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Sentence by sentence (the recogniser alone), or as documents (the article pass).
#[derive(Args)]
pub struct DocumentsArg {
    /// Read every N consecutive sentences as one document and tag them as marsad tags an
    /// article: the recogniser, then the names it found spread over the document, known places,
    /// speaking bodies, trimmed mentions. Without it each sentence is tagged alone.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    documents: Option<u32>,
}

impl DocumentsArg {
    /// The tags of every sentence, in order.
    fn tag(&self, recognizer: Recognizer, sentences: &[Sentence]) -> Vec<Vec<marsad_entities::Tag>> {
        match self.documents {
            None => sentences.iter().map(|s| recognizer.tag(&s.tokens)).collect(),
            Some(n) => {
                let annotator = marsad_entities::Annotator::new(recognizer);
                sentences
                    .chunks(n as usize)
                    .flat_map(|doc| {
                        let words: Vec<&[String]> = doc.iter().map(|s| s.tokens.as_slice()).collect();
                        annotator.tag_document(&words)
                    })
                    .collect()
            }
        }
    }
}

fn read(path: &Path, tagged: bool) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    conll::read(&text, tagged).with_context(|| format!("reading {}", path.display()))
}

/// Runs a `marsad ner` command.
pub fn run(cmd: NerCommand) -> Result<()> {
    match cmd {
        NerCommand::Tag { file, model, documents } => {
            let sentences = read(&file, false)?;
            let tags = documents.tag(model.load()?, &sentences);
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for (n, (s, tags)) in sentences.iter().zip(tags).enumerate() {
                if n > 0 {
                    writeln!(out)?;
                }
                for (token, tag) in s.tokens.iter().zip(tags) {
                    writeln!(out, "{token} {tag}")?;
                }
            }
            out.flush()?;
            Ok(())
        }
        NerCommand::Annotate { file, json, model } => annotate(&file, json, &model),
        NerCommand::Places { out } => {
            let text = crate::places::tsv().context("reading CLDR's place names")?;
            std::fs::write(&out, &text).with_context(|| format!("writing {}", out.display()))?;
            eprintln!("{} places written to {}", text.lines().filter(|l| !l.starts_with('#')).count(), out.display());
            Ok(())
        }
        NerCommand::Clusters { text, out } => {
            let started = std::time::Instant::now();
            let params = marsad_entities::clusters::Params::default();
            let (input, what): (Box<dyn std::io::BufRead>, String) = match &text {
                Some(p) => {
                    let f = std::fs::File::open(p).with_context(|| format!("reading {}", p.display()))?;
                    (Box::new(std::io::BufReader::new(f)), p.display().to_string())
                }
                None => (Box::new(std::io::stdin().lock()), "standard input".into()),
            };
            let classes =
                marsad_entities::clusters::Clusters::build(input, params).with_context(|| format!("reading {what}"))?;
            std::fs::write(&out, classes.to_tsv()).with_context(|| format!("writing {}", out.display()))?;
            eprintln!(
                "{} words in classes, in {:.0} s; written to {}",
                classes.words.len(),
                started.elapsed().as_secs_f64(),
                out.display()
            );
            Ok(())
        }
        NerCommand::Train { corpus, out, c1, c2, iterations, dev } => {
            let mut sentences = read(&corpus, true)?;
            let params = train::Params { c1, c2, max_iterations: iterations };
            let held_out = if dev { sentences.split_off(sentences.len() - sentences.len() / 10) } else { Vec::new() };
            let started = std::time::Instant::now();
            train::train(&sentences, params, &out).with_context(|| format!("training on {}", corpus.display()))?;
            eprintln!(
                "trained on {} sentences in {:.0} s; model written to {}",
                sentences.len(),
                started.elapsed().as_secs_f64(),
                out.display()
            );
            if dev {
                let bytes = std::fs::read(&out).with_context(|| format!("reading {}", out.display()))?;
                let recognizer = Recognizer::from_bytes(bytes)?;
                let report = tag_and_score(recognizer, &DocumentsArg { documents: None }, &held_out)?;
                print!("{}", text_report(&report, &format!("held-out tenth of {}", corpus.display())));
            }
            Ok(())
        }
    }
}

fn tag_and_score(recognizer: Recognizer, documents: &DocumentsArg, gold: &[Sentence]) -> Result<score::Report> {
    let tagged: Vec<Sentence> = gold
        .iter()
        .zip(documents.tag(recognizer, gold))
        .map(|(s, tags)| Sentence { tokens: s.tokens.clone(), tags })
        .collect();
    Ok(score::score(gold, &tagged)?)
}

/// Runs `marsad eval ner`.
pub fn eval(args: &NerEval) -> Result<()> {
    let gold = read(&args.gold, true)?;
    let recognizer = args.model.load()?;
    let started = std::time::Instant::now();
    let report = tag_and_score(recognizer, &args.documents, &gold)?;
    let seconds = started.elapsed().as_secs_f64();
    if args.json {
        let kind = |k: EntityKind| {
            let c = report.by_kind[&k];
            serde_json::json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1(), "gold": c.gold, "predicted": c.predicted, "correct": c.correct})
        };
        let json = serde_json::json!({
            "sentences": gold.len(),
            "tokens": report.tokens,
            "token_accuracy": report.tokens_right as f64 / report.tokens.max(1) as f64,
            "precision": report.all.precision(),
            "recall": report.all.recall(),
            "f1": report.all.f1(),
            "by_kind": EntityKind::ALL.iter().map(|&k| (k.code().to_string(), kind(k))).collect::<serde_json::Map<_, _>>(),
            "seconds": seconds,
        });
        println!("{}", serde_json::to_string_pretty(&json)?);
    } else {
        print!("{}", text_report(&report, &args.gold.display().to_string()));
        println!("tagged {} tokens in {:.2} s", report.tokens, seconds);
    }
    Ok(())
}

fn text_report(r: &score::Report, what: &str) -> String {
    let mut s = format!(
        "{what}: entity-level micro-F1 {:.3} (precision {:.3}, recall {:.3}; CoNLL rule: kind and both boundaries exact)\n",
        r.all.f1(),
        r.all.precision(),
        r.all.recall()
    );
    s.push_str("kind   precision  recall     F1   gold\n");
    for k in EntityKind::ALL {
        let c = r.by_kind[&k];
        s.push_str(&format!(
            "{:<6} {:>9.3} {:>7.3} {:>6.3} {:>6}\n",
            k.code(),
            c.precision(),
            c.recall(),
            c.f1(),
            c.gold
        ));
    }
    s
}

/// One article's annotations as printed.
#[derive(serde::Serialize)]
struct AnnotatedArticle {
    title: String,
    entities: Vec<AnnotatedEntity>,
    quotes: Vec<AnnotatedQuote>,
}

#[derive(serde::Serialize)]
struct AnnotatedEntity {
    kind: &'static str,
    name: String,
    names: Vec<String>,
    roles: Vec<String>,
    mentions: u32,
}

#[derive(serde::Serialize)]
struct AnnotatedQuote {
    form: &'static str,
    speaker: Option<String>,
    block: usize,
    text: String,
}

fn annotate(file: &Path, json: bool, model: &ModelArg) -> Result<()> {
    let bytes = marsad_ingest::read_document(file).with_context(|| format!("cannot read {}", file.display()))?;
    let annotator = marsad_entities::Annotator::new(model.load()?);
    let extracted = marsad_extract::extract_with(&bytes, &marsad_extract::Options::default());
    let mut articles = Vec::new();
    for article in extracted.records.into_iter().flatten() {
        let blocks: Vec<&str> =
            std::iter::once(article.title.as_str()).chain(article.paragraphs.iter().map(String::as_str)).collect();
        let a = annotator.annotate_with_dateline(&blocks, article.dateline.as_ref().map(|d| d.place.as_str()));
        let entities = a
            .entities
            .iter()
            .map(|e| AnnotatedEntity {
                kind: e.kind.code(),
                name: e.name.clone(),
                names: e.names.iter().map(|(n, _)| n.clone()).collect(),
                roles: e.descriptors.iter().map(|(d, _)| d.clone()).collect(),
                mentions: e.mentions,
            })
            .collect();
        let quotes = a
            .quotes
            .iter()
            .map(|q| AnnotatedQuote {
                form: q.form.as_str(),
                speaker: q.speaker.map(|e| a.entities[e].name.clone()),
                block: q.block,
                text: blocks[q.block][q.range.clone()].to_string(),
            })
            .collect();
        articles.push(AnnotatedArticle { title: article.title.clone(), entities, quotes });
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&articles)?)?;
    } else {
        for a in &articles {
            writeln!(out, "# {}", a.title)?;
            for e in &a.entities {
                let roles = if e.roles.is_empty() { String::new() } else { format!(" ({})", e.roles.join("؛ ")) };
                writeln!(out, "{:<4} {} ×{} [{}]{roles}", e.kind, e.name, e.mentions, e.names.join(" | "))?;
            }
            for q in &a.quotes {
                writeln!(out, "  {} {}: «{}»", q.form, q.speaker.as_deref().unwrap_or("?"), q.text)?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// `marsad eval entities`.
#[derive(Args)]
pub struct EntityEval {
    /// The TREC corpus directory the labels point into (ANT).
    #[arg(long)]
    corpus: PathBuf,
    /// Entity-link labels (`DOCNO BLOCK START END ENTITY`).
    #[arg(long)]
    links: Option<PathBuf>,
    /// Quotation labels (`DOCNO QBLOCK QSTART QEND SBLOCK SSTART SEND FORM`).
    #[arg(long)]
    quotes: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// List, for each labelled entity, the entities marsad split its mentions into.
    #[arg(long)]
    misses: bool,
    /// Score only half of the labelled documents (each set's documents in DOCNO order, every
    /// other one): `a` to tune on, `b` to report on.
    #[arg(long, value_parser = ["a", "b"])]
    half: Option<String>,
}

/// `marsad eval entities`.
pub fn eval_entities(args: &EntityEval) -> Result<()> {
    use marsad_eval::entities as ev;
    if args.links.is_none() && args.quotes.is_none() {
        anyhow::bail!("nothing to score: give --links, --quotes or both");
    }
    let mut links = args.links.as_deref().map(ev::read_links).transpose()?.unwrap_or_default();
    let mut quotes = args.quotes.as_deref().map(ev::read_quotes).transpose()?.unwrap_or_default();
    if let Some(half) = &args.half {
        let keep = |docs: Vec<&str>| -> std::collections::HashSet<String> {
            let mut docs = docs;
            docs.sort();
            docs.dedup();
            let first = half == "a";
            docs.iter().enumerate().filter(|(i, _)| (i % 2 == 0) == first).map(|(_, d)| d.to_string()).collect()
        };
        let l = keep(links.iter().map(|g| g.place.doc.as_str()).collect());
        let q = keep(quotes.iter().map(|g| g.place.doc.as_str()).collect());
        links.retain(|g| l.contains(&g.place.doc));
        quotes.retain(|g| q.contains(&g.place.doc));
    }
    let mut wanted: Vec<&str> =
        links.iter().map(|g| g.place.doc.as_str()).chain(quotes.iter().map(|g| g.place.doc.as_str())).collect();
    wanted.sort();
    wanted.dedup();
    let docs = ev::documents(&args.corpus, &wanted)?;
    let annotator = marsad_entities::Annotator::shipped()?;
    let started = std::time::Instant::now();
    let run = ev::run(&annotator, docs);
    let per_doc_ms = started.elapsed().as_secs_f64() * 1000.0 / wanted.len().max(1) as f64;
    let link_scores = (!links.is_empty()).then(|| ev::score_links(&run, &links));
    let quote_scores = (!quotes.is_empty()).then(|| ev::score_quotes(&run, &quotes));
    if args.json {
        let v = serde_json::json!({ "documents": wanted.len(), "links": link_scores, "quotes": quote_scores });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    println!("{} documents, {per_doc_ms:.2} ms each to annotate", wanted.len());
    if args.misses {
        for (entity, split) in ev::link_confusion(&run, &links) {
            let parts: Vec<String> = split
                .iter()
                .map(|(id, n)| match id {
                    Some(i) => format!("{}[{}]×{n}", i.0, run.names.get(i).map(|v| v.join("|")).unwrap_or_default()),
                    None => format!("missed×{n}"),
                })
                .collect();
            println!("  {entity}: {}", parts.join(" "));
        }
        for m in ev::quote_misses(&run, &quotes) {
            let g = &m.gold.place;
            let found = match &m.found {
                None => "not found".to_string(),
                Some((text, speaker)) => format!("«{text}…» by {}", speaker.as_deref().unwrap_or("nobody")),
            };
            println!(
                "  quote {} [{}] {}..{}: said by {}; marsad: {found}",
                g.doc,
                g.block,
                g.chars.start,
                g.chars.end,
                m.gold_speaker.as_deref().unwrap_or("-")
            );
        }
        // The other way round: system entities holding mentions of several labelled ones.
        let mut by_sys: std::collections::BTreeMap<i64, Vec<String>> = Default::default();
        for g in &links {
            if let Some(id) = run.entity_at(&g.place) {
                by_sys.entry(id.0).or_default().push(g.entity.clone());
            }
        }
        for (id, mut gold) in by_sys {
            gold.sort();
            let n = gold.len();
            gold.dedup();
            if gold.len() > 1 {
                let name =
                    run.names.get(&marsad_entities::registry::EntityId(id)).map(|v| v.join("|")).unwrap_or_default();
                println!("  merged {id}[{name}] ({n} mentions): {}", gold.join(" "));
            }
        }
    }
    if let Some(s) = link_scores {
        println!(
            "linking: {} mentions of {} entities ({} found); pairwise precision {:.3}, recall {:.3}",
            s.mentions, s.entities, s.found, s.precision, s.recall
        );
    }
    if let Some(s) = quote_scores {
        println!(
            "quotations: {} labelled ({} found), {} attributed by marsad; speaker-attributed precision {:.3}, recall {:.3}",
            s.gold, s.found, s.attributed, s.precision, s.recall
        );
    }
    Ok(())
}
