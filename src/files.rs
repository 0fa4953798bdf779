//! Lanyard's files hold secrets (the master key, the database, mail with sign-in
//! links), so the data directory is 0700 and those files 0600. The modes are set
//! explicitly after creation instead of being left to the umask, which could leave
//! them readable by every local user. (Unix only; elsewhere these only create.)

use std::{io, path::Path};

/// Only the owner may list or enter.
pub const PRIVATE_DIR: u32 = 0o700;
/// Only the owner may read or write.
pub const PRIVATE_FILE: u32 = 0o600;

/// Creates `dir` and its missing parents, each 0700.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(PRIVATE_DIR)
            .create(dir)
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)
}

/// Creates `dir` if needed and makes it 0700, whatever it was.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    create_private_dir(dir)?;
    set_mode(dir, PRIVATE_DIR)
}

/// Creates `path` empty and 0600 unless it exists, and makes it 0600 either way
/// (an existing file is not truncated).
pub fn private_file(path: &Path) -> io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(PRIVATE_FILE);
    }
    opts.open(path)?;
    set_mode(path, PRIVATE_FILE)
}

/// Sets the permission bits of `path` to exactly `mode`; a missing file is fine.
pub fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}

/// Writes a new file (it must not exist) that only its owner can read.
pub fn write_new_private(path: &Path, contents: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(PRIVATE_FILE);
    }
    let mut file = opts.open(path)?;
    set_mode(path, PRIVATE_FILE)?;
    file.write_all(contents)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn modes_are_exact() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b");
        private_dir(&dir).unwrap();
        assert_eq!((mode(&tmp.path().join("a")), mode(&dir)), (0o700, 0o700));
        let f = dir.join("f");
        std::fs::write(&f, b"x").unwrap();
        set_mode(&f, 0o644).unwrap();
        private_file(&f).unwrap();
        assert_eq!(mode(&f), 0o600);
        assert_eq!(std::fs::read(&f).unwrap(), b"x", "not truncated");
        write_new_private(&dir.join("g"), b"y").unwrap();
        assert_eq!(mode(&dir.join("g")), 0o600);
        assert!(write_new_private(&dir.join("g"), b"z").is_err());
        set_mode(&dir.join("missing"), 0o600).unwrap();
    }
}
