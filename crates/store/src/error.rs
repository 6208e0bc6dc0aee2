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
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
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

/// Result alias for store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
