//! Exported files: minutes rendered in Rust and written by Rust, wherever
//! the face chose (the app's save dialog, or the command line's
//! `--export-dir`). No tauri here: the shell asks for the file, opens its
//! dialog with no lock held, and hands the chosen path back.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::ApiError;

/// Where an exported file goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveTo {
    /// A new file at this path. Anything already there — a file, a
    /// folder, a symbolic link, even a broken one — is left alone and the
    /// export refused (`file_exists`): nobody was asked about replacing it.
    NewFile(PathBuf),
    /// This path, chosen in the native save dialog, which asks the chair
    /// before replacing an existing file. What is there is replaced; a
    /// symbolic link there is itself replaced, never followed.
    Chosen(PathBuf),
}

impl SaveTo {
    fn path(&self) -> &Path {
        match self {
            SaveTo::NewFile(p) | SaveTo::Chosen(p) => p,
        }
    }
}

/// Minutes rendered for export and not yet written or recorded: made by
/// [`crate::Api::minutes_export_prepare`], consumed by
/// [`crate::Api::export_save`]. Holds the PDF in memory only.
pub struct PreparedExport {
    /// Which unlocked session made it (the vault may lock, and be unlocked
    /// again, while a dialog is open).
    pub(crate) session: u64,
    pub(crate) meeting_id: i64,
    pub(crate) what: Exported,
    pub(crate) file: casebook::MinutesFile,
}

/// Which document of a meeting an export is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exported {
    /// Its minutes: an approved version, or the draft.
    Minutes {
        /// The version; `None` for the draft.
        version: Option<i64>,
    },
    /// Its agenda.
    Agenda,
    /// An information request's form (`meeting_id` is then the request's id).
    Request,
}

impl PreparedExport {
    /// The file name the app made (group, date, version, classification;
    /// never a person's name): the dialog's suggestion.
    pub fn file_name(&self) -> &str {
        &self.file.file_name
    }

    /// SHA-256 of the file's bytes, lower-case hex.
    pub fn sha256(&self) -> &str {
        &self.file.sha256
    }
}

fn not_written(path: &Path, e: &std::io::Error) -> ApiError {
    let why = match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            "that folder may not be written to".to_owned()
        }
        std::io::ErrorKind::NotFound => "that folder does not exist".to_owned(),
        std::io::ErrorKind::StorageFull => "the disk is full".to_owned(),
        kind => kind.to_string(),
    };
    ApiError::new(
        "not_written",
        format!(
            "The file could not be saved in {} ({why}); nothing was written. Choose another \
             folder, then export again.",
            folder_of(path).display()
        ),
    )
}

fn file_exists(name: &str) -> ApiError {
    ApiError::new(
        "file_exists",
        format!(
            "{name} already exists there; it was left alone and nothing was written. Move it \
             away, then export again."
        ),
    )
}

/// The folder a path's file is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `to`: first, in full and synced, to a new hidden file
/// (mode 0600 on Unix) in the same folder; then `record` (the audit entry),
/// and only if that succeeds does the file take its name — without
/// replacing anything for [`SaveTo::NewFile`], by a rename that replaces
/// the entry itself (a symbolic link is not followed) for
/// [`SaveTo::Chosen`]. On any failure nothing is left behind under either
/// name. Returns the file name written.
pub(crate) fn write(
    to: &SaveTo,
    bytes: &[u8],
    record: impl FnOnce() -> Result<(), ApiError>,
) -> Result<String, ApiError> {
    let path = to.path();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            ApiError::new(
                "invalid_params",
                "The place to save needs a file name. Choose a file, then export again.",
            )
        })?;
    if matches!(to, SaveTo::NewFile(_)) && std::fs::symlink_metadata(path).is_ok() {
        return Err(file_exists(&name));
    }
    let folder = folder_of(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tasking-vault-export-").suffix(".part");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    let mut part = builder
        .tempfile_in(folder)
        .map_err(|e| not_written(path, &e))?;
    part.write_all(bytes)
        .and_then(|()| part.as_file().sync_all())
        .map_err(|e| not_written(path, &e))?;
    record()?;
    let placed = match to {
        SaveTo::NewFile(_) => part.persist_noclobber(path),
        SaveTo::Chosen(_) => part.persist(path),
    };
    match placed {
        Ok(_) => {}
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(file_exists(&name));
        }
        Err(e) => return Err(not_written(path, &e.error)),
    }
    // The new name is durable once the folder is synced; a folder that
    // cannot be opened to sync it still holds the file.
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(name)
}

/// Issued copies rendered and encrypted, not yet written or recorded: made
/// by [`crate::Api::copies_issue_prepare`], consumed by
/// [`crate::Api::copies_issue_save`].
pub struct PreparedCopiesExport {
    /// Which unlocked session made them.
    pub(crate) session: u64,
    pub(crate) copies: casebook::PreparedCopies,
}

impl PreparedCopiesExport {
    /// The file names the app made, in order.
    pub fn file_names(&self) -> Vec<&str> {
        self.copies
            .copies
            .iter()
            .map(|c| c.planned.file_name.as_str())
            .collect()
    }
}

/// Writes several new files into `folder`, all or none: each first in full
/// and synced under a hidden name (mode 0600 on Unix); then `record`; then
/// each takes its name without replacing anything. A name already taken
/// there is refused before anything is written. Returns the names written.
pub(crate) fn write_all(
    folder: &Path,
    files: &[(&str, &[u8])],
    record: impl FnOnce() -> Result<(), ApiError>,
) -> Result<Vec<String>, ApiError> {
    for (name, _) in files {
        if std::fs::symlink_metadata(folder.join(name)).is_ok() {
            return Err(file_exists(name));
        }
    }
    let mut parts = Vec::new();
    for (name, bytes) in files {
        let path = folder.join(name);
        let mut builder = tempfile::Builder::new();
        builder.prefix(".tasking-vault-export-").suffix(".part");
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
        let mut part = builder
            .tempfile_in(folder)
            .map_err(|e| not_written(&path, &e))?;
        part.write_all(bytes)
            .and_then(|()| part.as_file().sync_all())
            .map_err(|e| not_written(&path, &e))?;
        parts.push((path, part));
    }
    record()?;
    let mut written = Vec::new();
    for (path, part) in parts {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Err(e) = part.persist_noclobber(&path) {
            // Recorded, but this file (and any after it) is not in place:
            // say exactly which, so the chair can recall or issue again.
            return Err(ApiError::new(
                "not_written",
                format!(
                    "The copies are recorded, but {name} could not be given its name ({}); \
                     written: {}. Recall the copies not written, then issue them again.",
                    e.error.kind(),
                    if written.is_empty() {
                        "none".to_owned()
                    } else {
                        written.join(", ")
                    }
                ),
            ));
        }
        written.push(name);
    }
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(written)
}

/// Reads a chosen file of at most `max` bytes.
pub(crate) fn read_bounded(path: &Path, max: usize) -> Result<Vec<u8>, ApiError> {
    use std::io::Read;
    let unreadable = |why: String| {
        ApiError::new(
            "not_readable",
            format!("The file could not be read ({why}). Choose another file."),
        )
    };
    let file = std::fs::File::open(path).map_err(|e| unreadable(e.kind().to_string()))?;
    if !file
        .metadata()
        .map_err(|e| unreadable(e.kind().to_string()))?
        .is_file()
    {
        return Err(unreadable("it is not a file".into()));
    }
    let mut bytes = Vec::new();
    file.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(e.kind().to_string()))?;
    if bytes.len() > max {
        return Err(ApiError::new(
            "invalid_params",
            format!(
                "The file is larger than any copy this app issues (at most {} MB). Choose the \
                 PDF or .pdf.age file of the copy.",
                max / (1024 * 1024)
            ),
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok() -> Result<(), ApiError> {
        Ok(())
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_new_file_is_private_and_never_replaces_anything() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("minutes.pdf");
        let name = write(&SaveTo::NewFile(path.clone()), b"%PDF-1", ok).expect("written");
        assert_eq!(name, "minutes.pdf");
        assert_eq!(std::fs::read(&path).expect("read"), b"%PDF-1");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let e = write(&SaveTo::NewFile(path.clone()), b"other", ok).expect_err("exists");
        assert_eq!(e.code, "file_exists");
        assert!(
            e.message.starts_with("minutes.pdf already exists"),
            "{}",
            e.message
        );
        assert_eq!(std::fs::read(&path).expect("read"), b"%PDF-1");
        assert_eq!(leftovers(dir.path()), ["minutes.pdf"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_never_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("elsewhere.txt");
        std::fs::write(&target, b"keep me").expect("target");
        let link = dir.path().join("minutes.pdf");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        // Nobody confirmed replacing it: refused, the link and its target as they were.
        let e = write(&SaveTo::NewFile(link.clone()), b"%PDF-1", ok).expect_err("refused");
        assert_eq!(e.code, "file_exists");
        let dangling = dir.path().join("dangling.pdf");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).expect("symlink");
        let e = write(&SaveTo::NewFile(dangling.clone()), b"%PDF-1", ok).expect_err("refused");
        assert_eq!(e.code, "file_exists");
        assert!(!dir.path().join("nowhere").exists());
        // Chosen in the dialog (which asked): the link itself is replaced.
        write(&SaveTo::Chosen(link.clone()), b"%PDF-1", ok).expect("written");
        assert!(
            !std::fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&link).expect("read"), b"%PDF-1");
        assert_eq!(std::fs::read(&target).expect("read"), b"keep me");
    }

    #[test]
    fn a_chosen_file_replaces_what_the_dialog_asked_about() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("minutes.pdf");
        std::fs::write(&path, b"old").expect("old");
        write(&SaveTo::Chosen(path.clone()), b"%PDF-2", ok).expect("written");
        assert_eq!(std::fs::read(&path).expect("read"), b"%PDF-2");
        assert_eq!(leftovers(dir.path()), ["minutes.pdf"]);
    }

    #[test]
    fn nothing_is_left_when_recording_fails_or_the_folder_is_missing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("minutes.pdf");
        let e = write(&SaveTo::NewFile(path.clone()), b"%PDF-1", || {
            Err(ApiError::new("disk_full", "full"))
        })
        .expect_err("not recorded");
        assert_eq!(e.code, "disk_full");
        assert!(
            leftovers(dir.path()).is_empty(),
            "{:?}",
            leftovers(dir.path())
        );
        let e = write(
            &SaveTo::Chosen(dir.path().join("missing").join("minutes.pdf")),
            b"%PDF-1",
            || panic!("recorded although nothing can be written"),
        )
        .expect_err("no folder");
        assert_eq!(e.code, "not_written");
        assert!(e.message.contains("does not exist"), "{}", e.message);
    }

    #[test]
    fn several_files_are_written_all_or_none() {
        let dir = tempfile::tempdir().expect("tempdir");
        let files: [(&str, &[u8]); 2] = [("a.pdf", b"%PDF-a"), ("b.pdf.age", b"age-b")];
        let names = write_all(dir.path(), &files, ok).expect("written");
        assert_eq!(names, ["a.pdf", "b.pdf.age"]);
        assert_eq!(leftovers(dir.path()), ["a.pdf", "b.pdf.age"]);
        // A name taken: nothing written, nothing recorded.
        let again: [(&str, &[u8]); 2] = [("c.pdf", b"c"), ("a.pdf", b"other")];
        let e = write_all(dir.path(), &again, || panic!("recorded")).expect_err("exists");
        assert_eq!(e.code, "file_exists");
        assert_eq!(
            std::fs::read(dir.path().join("a.pdf")).expect("read"),
            b"%PDF-a"
        );
        // Recording fails: nothing left behind.
        let e = write_all(dir.path(), &[("d.pdf", b"d")], || {
            Err(ApiError::new("conflict", "taken"))
        })
        .expect_err("not recorded");
        assert_eq!(e.code, "conflict");
        assert_eq!(leftovers(dir.path()), ["a.pdf", "b.pdf.age"]);
    }
}
