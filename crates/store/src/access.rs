//! Opening a data directory without writing to it: someone else's data, a directory on read-only
//! media, or one opened with `--read-only`.
//!
//! A read-only store never writes a byte into the directory: SQLite is opened `mode=ro` (or
//! `immutable=1` when no `-wal` file shows a writer, since a read-only connection would otherwise
//! create `-wal`/`-shm` files), no migration runs and the index is not caught up; tantivy reads
//! through [`ReadOnlyDirectory`], whose locks are no-ops (tantivy takes a lock file to read the
//! index's segment list, which cannot be created in a directory we may not write to). What cannot
//! be fixed without writing — an older schema, a missing or outdated index — is an error that says
//! to run a writing command.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, OpenFlags};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

use crate::error::{Result, StoreError};

/// Whether this process may write into `dir` (and the database and index in it): the effective
/// user's permission as `access(2)` sees it, so a privileged user counts as able to write. A
/// directory that does not exist yet is writable when its nearest existing ancestor is.
pub fn writable(dir: &Path) -> bool {
    let Some(existing) = dir.ancestors().find(|a| a.exists()) else { return true };
    if existing != dir {
        return may_write(existing);
    }
    may_write(dir) && [dir.join("marsad.sqlite"), dir.join("index")].iter().all(|p| !p.exists() || may_write(p))
}

#[cfg(unix)]
fn may_write(path: &Path) -> bool {
    use rustix::fs::{Access, AtFlags, CWD, accessat};
    // AT_EACCESS: the effective ids decide, as they do for the writes that would follow; a
    // read-only mount answers EROFS whoever asks.
    accessat(CWD, path, Access::WRITE_OK, AtFlags::EACCESS).is_ok()
}

#[cfg(not(unix))]
fn may_write(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
}

/// Refuses a data directory path that is, or runs through, a regular file: `create_dir_all`
/// would only say "File exists".
pub(crate) fn check_not_a_file(dir: &Path) -> Result<()> {
    if let Some(existing) = dir.ancestors().find(|a| a.exists())
        && !existing.is_dir()
    {
        return Err(StoreError::DataDirIsFile { path: existing.to_path_buf(), data: dir.to_path_buf() });
    }
    Ok(())
}

/// A `file:` URI for SQLite: `%`, `?` and `#` would otherwise end or alter the path.
fn sqlite_uri(path: &Path, param: &str) -> String {
    let mut s = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => s.push_str("%25"),
            '?' => s.push_str("%3f"),
            '#' => s.push_str("%23"),
            c => s.push(c),
        }
    }
    s.push('?');
    s.push_str(param);
    s
}

/// Opens the database read-only. With a `-wal` file beside it a writer is (or was) at work, and
/// its committed pages live there: `mode=ro` reads them. Without one, `immutable=1`, which reads
/// the file alone and creates nothing next to it.
pub(crate) fn open_database(db_path: &Path) -> Result<Connection> {
    let mut wal = db_path.as_os_str().to_owned();
    wal.push("-wal");
    let param = if Path::new(&wal).exists() { "mode=ro" } else { "immutable=1" };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(sqlite_uri(db_path, param), flags)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    Ok(conn)
}

/// Checks that the database needs no migration, which a read-only store cannot run.
pub(crate) fn check_schema(conn: &Connection, dir: &Path) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let supported = crate::schema::current_version();
    if found > supported {
        return Err(StoreError::SchemaTooNew { path: dir.join("marsad.sqlite"), found, supported });
    }
    if found < supported {
        return Err(StoreError::NeedsWriter {
            dir: dir.to_path_buf(),
            what: format!("the database has schema version {found}, older than this marsad's {supported}"),
        });
    }
    Ok(())
}

/// tantivy's list of the files it manages.
const MANAGED_FILE: &str = ".managed.json";

/// tantivy writes `meta.json` (at each commit and merge) through a temporary file, readable by
/// its owner only; the rest of the index and the database follow the umask. Giving `meta.json`
/// the database's permissions lets anyone who may read the database read the index too (a
/// shared data directory, searched read-only by other users). Best effort: a failure only
/// leaves the file as tantivy made it.
pub(crate) fn share_index_meta(dir: &Path) {
    let Ok(db) = std::fs::metadata(dir.join("marsad.sqlite")) else { return };
    let meta = dir.join("index").join("meta.json");
    if std::fs::metadata(&meta).is_ok_and(|m| m.permissions() != db.permissions()) {
        let _ = std::fs::set_permissions(&meta, db.permissions());
    }
}

/// Checks that the index's `meta.json` can be read, naming the file and the fix if not.
pub(crate) fn check_index_readable(dir: &Path) -> Result<()> {
    let meta = dir.join("index").join("meta.json");
    match std::fs::File::open(&meta) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Err(StoreError::NeedsWriter {
            dir: dir.to_path_buf(),
            what: format!("{} is readable by its owner only (written by an older marsad)", meta.display()),
        }),
        _ => Ok(()),
    }
}

/// tantivy's directory without writes: reads go to the files, writes fail, and locks are no-ops.
/// Reading needs no lock here because nothing in this process writes; a writer in another process
/// keeps the files of the commit we read until a later commit replaces them.
#[derive(Debug, Clone)]
pub(crate) struct ReadOnlyDirectory {
    inner: MmapDirectory,
    path: PathBuf,
}

impl ReadOnlyDirectory {
    pub(crate) fn open(path: &Path) -> Result<Self> {
        let inner = MmapDirectory::open(path).map_err(|e| StoreError::Index(e.into()))?;
        Ok(Self { inner, path: path.to_path_buf() })
    }

    fn refused(&self) -> std::io::Error {
        std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            format!("{} is opened read-only", self.path.display()),
        )
    }
}

impl Directory for ReadOnlyDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError { io_error: Arc::new(self.refused()), filepath: path.to_path_buf() })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::wrap_io_error(self.refused(), path.to_path_buf()))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        match self.inner.atomic_read(path) {
            // The list of files tantivy manages only serves its garbage collection, which a
            // reader never runs; tantivy writes it readable by its owner alone.
            Err(OpenReadError::IoError { io_error, filepath })
                if path == Path::new(MANAGED_FILE) && io_error.kind() == std::io::ErrorKind::PermissionDenied =>
            {
                Err(OpenReadError::FileDoesNotExist(filepath))
            }
            other => other,
        }
    }

    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> std::io::Result<()> {
        Err(self.refused())
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_escapes_what_sqlite_would_read_as_syntax() {
        assert_eq!(
            sqlite_uri(Path::new("/tmp/a?b#c%d/مرصد.sqlite"), "mode=ro"),
            "file:/tmp/a%3fb%23c%25d/مرصد.sqlite?mode=ro"
        );
    }

    #[test]
    fn a_file_in_the_path_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("plain.txt");
        std::fs::write(&file, "x").unwrap();
        for data in [file.clone(), file.join("sub")] {
            match check_not_a_file(&data) {
                Err(StoreError::DataDirIsFile { path, .. }) => assert_eq!(path, file),
                other => panic!("{other:?}"),
            }
        }
        assert!(check_not_a_file(&tmp.path().join("new/dir")).is_ok());
    }

    #[test]
    fn a_new_directory_under_a_writable_one_is_writable() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(writable(tmp.path()));
        assert!(writable(&tmp.path().join("not/yet")));
    }
}
