//! Opening the data directory for what a command does: commands that only read open it
//! read-only when asked (`--read-only`) or when this user may not write there; commands that
//! write say at once, in one line, that they cannot.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use marsad_store::Store;

/// The data directory as the command line gave it.
pub struct DataDir {
    /// Where it is.
    pub path: PathBuf,
    /// `--read-only`: never write there, even when we could.
    pub read_only: bool,
}

impl DataDir {
    /// Whether a reading command opens the store without writing: when asked, or when the
    /// directory (or the database or index in it) is not writable by this user.
    pub fn reads_only(&self) -> bool {
        self.read_only || !marsad_store::writable(&self.path)
    }

    /// Opens the store for a command that only reads (search, show, stats, stories, serve …).
    /// A writable directory is opened as usual (created if new, migrated, the index caught up).
    pub fn read(&self) -> Result<Store> {
        if self.reads_only() {
            return Ok(Store::open_read_only(&self.path)?);
        }
        self.open()
    }

    /// Opens the store for `command`, which writes.
    pub fn write(&self, command: &str) -> Result<Store> {
        if self.read_only {
            bail!("--read-only was given, and `marsad {command}` writes to the data directory; leave it out");
        }
        if !marsad_store::writable(&self.path) {
            bail!(
                "the data directory {} is not writable, and `marsad {command}` writes to it; \
                 run it as a user who can write there, or pass --data a directory you own",
                self.path.display()
            );
        }
        self.open()
    }

    fn open(&self) -> Result<Store> {
        Ok(Store::open(&self.path)?)
    }

    /// True when a store exists there (without creating one).
    pub fn exists(&self) -> bool {
        self.path.join("marsad.sqlite").exists()
    }

    /// The path, for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }
}
