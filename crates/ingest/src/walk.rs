//! Which files an ingest reads. Every path met is either read or listed with the reason it is
//! not — except hidden files and corpus documentation inside directories, skipped by design.
//!
//! Symbolic links are followed when named on the command line (the user chose that path) and not
//! inside directories: a link there may lead out of the tree, into a loop, or to a device, and
//! whether it is read should not depend on where it points. FIFOs, sockets and devices are never
//! opened — opening a FIFO for reading waits for a writer, forever.

use std::fs::{File, FileType};
use std::io;
use std::path::{Path, PathBuf};

use marsad_extract::{RejectReason, Rejection};

use crate::Rejected;

/// Documentation files that sit beside corpora (a corpus's README is not an article). Skipped
/// when met inside a directory; a file named on the command line is always read.
fn is_corpus_doc(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_ascii_uppercase();
    matches!(
        stem.as_str(),
        "README" | "LICENSE" | "LICENCE" | "COPYING" | "CHANGELOG" | "NOTICE" | "AUTHORS" | "CITATION"
    )
}

/// What a file type is, when it is not a regular file or a directory.
fn special_kind(ft: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() {
            return "a block device";
        }
        if ft.is_char_device() {
            return "a character device";
        }
    }
    if ft.is_symlink() { "a symbolic link" } else { "not a regular file" }
}

fn rejected(path: &Path, reason: RejectReason, detail: impl Into<String>) -> Rejected {
    Rejected { source: path.display().to_string(), rejection: Rejection::new(reason, detail) }
}

fn not_regular(path: &Path, ft: &FileType) -> Rejected {
    let detail = format!("{} is not a regular file; never opened", special_kind(ft));
    rejected(path, RejectReason::Skipped, detail)
}

/// Lists the files under `paths` (recursively, sorted; hidden files and README/LICENSE-style
/// documentation skipped inside directories). Everything else not read — paths that do not
/// exist, symbolic links inside directories, FIFOs, sockets, devices — is returned as a
/// rejection saying why.
pub fn walk(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Rejected>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        // Named on the command line: a symbolic link is followed.
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                skipped.push(rejected(p, RejectReason::Unreadable, "no such file or directory"));
                continue;
            }
            Err(e) => {
                skipped.push(rejected(p, RejectReason::Unreadable, e.to_string()));
                continue;
            }
        };
        if meta.is_file() {
            files.push(p.clone());
        } else if meta.is_dir() {
            walk_dir(p, &mut files, &mut skipped);
        } else {
            skipped.push(not_regular(p, &meta.file_type()));
        }
    }
    (files, skipped)
}

fn walk_dir(dir: &Path, files: &mut Vec<PathBuf>, skipped: &mut Vec<Rejected>) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.')));
    for entry in walker {
        let e = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e.path().unwrap_or(dir).to_path_buf();
                skipped.push(rejected(&at, RejectReason::Unreadable, e.to_string()));
                continue;
            }
        };
        let ft = e.file_type();
        if e.depth() == 0 || ft.is_dir() {
            continue;
        }
        if ft.is_file() {
            if !is_corpus_doc(e.path()) {
                files.push(e.into_path());
            }
        } else if ft.is_symlink() {
            skipped.push(rejected(
                e.path(),
                RejectReason::Skipped,
                "a symbolic link inside a directory is not followed; name its target on the command line to read it",
            ));
        } else {
            skipped.push(not_regular(e.path(), &ft));
        }
    }
}

/// Opens a file for reading only if it is a regular file. On Unix the open does not wait (a FIFO
/// swapped in after the walk would otherwise block it forever), and the type is checked on the
/// open file itself, so no path can change under the check.
pub fn open_regular(path: &Path) -> Result<File, Rejection> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Without effect on regular files; makes opening a FIFO return at once.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| Rejection::new(RejectReason::Unreadable, e.to_string()))?;
    let ft = file.metadata().map_err(|e| Rejection::new(RejectReason::Unreadable, e.to_string()))?.file_type();
    if !ft.is_file() {
        return Err(Rejection::new(
            RejectReason::Skipped,
            format!("{} is not a regular file; never read", special_kind(&ft)),
        ));
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_a_fifo_swapped_in_after_the_walk_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        // A plain open would wait here for a writer that never comes.
        let err = open_regular(&fifo).unwrap_err();
        assert_eq!(err.reason, RejectReason::Skipped);
        assert!(err.detail.contains("FIFO"), "{err}");
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "خبر").unwrap();
        let mut text = String::new();
        io::Read::read_to_string(&mut open_regular(&file).unwrap(), &mut text).unwrap();
        assert_eq!(text, "خبر");
        // `marsad extract` reads one file the same way.
        assert!(crate::read_document(&fifo).unwrap_err().to_string().contains("FIFO"));
    }
}
