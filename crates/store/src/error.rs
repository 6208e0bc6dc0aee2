use std::path::PathBuf;

/// Errors from the store. Messages say what to do about them.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data directory could not be created or read.
    #[error("cannot use data directory {path}: {source} (check the path and its permissions, or pass --data)")]
    DataDir {
        /// The directory.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The data directory path is (or runs through) a regular file.
    #[error(
        "the data directory {data} cannot be used: {path} is a file, not a directory; \
         pass --data a directory (a new one is created), or move the file away"
    )]
    DataDirIsFile {
        /// The file met on the way.
        path: PathBuf,
        /// The data directory asked for.
        data: PathBuf,
    },
    /// A write was asked of a store opened read-only.
    #[error(
        "the data directory {0} is opened read-only (it is not writable, or --read-only was given), \
         and this command writes to it; run it as a user who can write there, or pass --data a directory you own"
    )]
    ReadOnly(PathBuf),
    /// A read-only store would have to write before it can be read.
    #[error(
        "{what} in {dir}, which is opened read-only; run a writing command there once \
         (`marsad reindex`) as a user who can write to it"
    )]
    NeedsWriter {
        /// The data directory.
        dir: PathBuf,
        /// What needs writing.
        what: String,
    },
    /// Nothing was ever stored in the data directory.
    #[error(
        "nothing has been ingested into {0} yet; add articles with `marsad ingest FILE_OR_DIR`, \
         or follow outlets with `marsad feeds add URL` then `marsad run`"
    )]
    Empty(PathBuf),
    /// A search names an outlet that has no articles here.
    #[error("unknown outlet «{given}»; known: {}", known_list(known))]
    UnknownOutlet {
        /// The outlet as given.
        given: String,
        /// The outlets with articles: `id (name)`.
        known: Vec<String>,
    },
    /// A search names a section that is neither canonical nor any outlet's own label.
    #[error("unknown section «{given}»; known: {} (or an outlet's own section label)", known_list(known))]
    UnknownSection {
        /// The section as given.
        given: String,
        /// The canonical sections.
        known: Vec<String>,
    },
    /// Every word of the query is a common word, which the index does not hold.
    #[error(
        "the query «{0}» has only common words (stop words such as في، من، على), which are not searched; \
         add a more specific word"
    )]
    OnlyStopWords(String),
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The entity recogniser shipped with marsad could not be loaded.
    #[error("cannot load the entity recogniser: {0} (the build is damaged; rebuild marsad)")]
    Recognizer(String),
    /// The database was written by a newer marsad.
    #[error(
        "the database at {path} has schema version {found}, newer than this marsad understands ({supported}); upgrade marsad"
    )]
    SchemaTooNew {
        /// Database file.
        path: PathBuf,
        /// Version found.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// The search index failed.
    #[error("search index error: {0} (run `marsad reindex` to rebuild the index from the database)")]
    Index(#[from] tantivy::TantivyError),
    /// Another process holds the index writer.
    #[error("another marsad process is writing to {0}; wait for it to finish")]
    Busy(PathBuf),
    /// A page of results reaches past [`crate::MAX_RESULT_WINDOW`].
    #[error(
        "offset {offset} with limit {limit} reaches past result {max}, the deepest marsad serves; \
         narrow the query with filters (outlet, section, dates) instead of paging deeper"
    )]
    ResultWindow {
        /// Results asked to skip.
        offset: usize,
        /// Results asked for.
        limit: usize,
        /// The deepest result served ([`crate::MAX_RESULT_WINDOW`]).
        max: usize,
    },
    /// Stories were rebuilt (`marsad recluster`) while this clustering ran from the earlier
    /// engine state: its decisions would mix two clusterings, so they were not saved.
    #[error("the stories were rebuilt meanwhile (marsad recluster); cluster again from the new state")]
    ClusteringSuperseded,
}

/// At most this many names are listed in an error; the rest are counted.
const LISTED: usize = 30;

fn known_list(known: &[String]) -> String {
    if known.is_empty() {
        return "none yet".into();
    }
    let mut s = known.iter().take(LISTED).cloned().collect::<Vec<_>>().join(", ");
    if known.len() > LISTED {
        s.push_str(&format!(" and {} more (`marsad stats` lists them)", known.len() - LISTED));
    }
    s
}

/// Result alias for store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
