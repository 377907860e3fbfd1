//! Standard input and output without the standard library's buffers,
//! which live as long as the process and would keep the last requests and
//! answers (records) after a lock. Lines are gathered in heap blocks that
//! the zeroing allocator (`wipe`) clears when they are freed; replies are
//! written whole, unbuffered.

use std::fs::File;
use std::io::{Read, Write};

use zeroize::Zeroizing;

/// A second handle to one of the process's standard streams, read or
/// written directly, without the standard library's buffer.
trait StdStream {
    fn duplicate(&self) -> std::io::Result<File>;
}

#[cfg(unix)]
impl<T: std::os::fd::AsFd> StdStream for T {
    fn duplicate(&self) -> std::io::Result<File> {
        Ok(File::from(self.as_fd().try_clone_to_owned()?))
    }
}

#[cfg(windows)]
impl<T: std::os::windows::io::AsHandle> StdStream for T {
    fn duplicate(&self) -> std::io::Result<File> {
        Ok(File::from(self.as_handle().try_clone_to_owned()?))
    }
}

/// Lines from a reader, kept only in blocks that are zeroed when freed.
pub struct Lines<R> {
    src: R,
    pending: Zeroizing<Vec<u8>>,
    ended: bool,
}

/// Standard input, a line at a time.
pub fn stdin() -> std::io::Result<Lines<File>> {
    Ok(Lines::new(std::io::stdin().duplicate()?))
}

/// Standard output, written one whole reply at a time.
pub fn stdout() -> std::io::Result<File> {
    std::io::stdout().duplicate()
}

/// Writes `text` and a newline in one write.
pub fn write_line(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    let mut line = Zeroizing::new(String::with_capacity(text.len() + 1));
    line.push_str(text);
    line.push('\n');
    out.write_all(line.as_bytes())?;
    out.flush()
}

impl<R: Read> Lines<R> {
    /// Lines read from `src`.
    pub fn new(src: R) -> Self {
        Self {
            src,
            pending: Zeroizing::new(Vec::new()),
            ended: false,
        }
    }

    /// The next line, its `\n` or `\r\n` removed; `None` at the end. A last
    /// line without a newline is a line.
    pub fn next_line(&mut self) -> std::io::Result<Option<Zeroizing<Vec<u8>>>> {
        loop {
            if let Some(end) = self.pending.iter().position(|b| *b == b'\n') {
                let mut line = Zeroizing::new(self.pending[..end].to_vec());
                // The rest moves to a new block; the old one is freed (zeroed).
                *self.pending = self.pending[end + 1..].to_vec();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Ok(Some(line));
            }
            if self.ended {
                if self.pending.is_empty() {
                    return Ok(None);
                }
                let last = Zeroizing::new(std::mem::take(&mut *self.pending));
                return Ok(Some(last));
            }
            let mut chunk = Zeroizing::new(vec![0u8; 16 * 1024]);
            match self.src.read(&mut chunk) {
                Ok(0) => self.ended = true,
                Ok(n) => self.pending.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_as_bufread_gives_them() {
        let text: &[u8] = b"first\r\nsecond\n\nthird without newline";
        let mut lines = Lines::new(text);
        let mut got = Vec::new();
        while let Some(line) = lines.next_line().expect("reads") {
            got.push(String::from_utf8(line.to_vec()).expect("utf-8"));
        }
        assert_eq!(got, ["first", "second", "", "third without newline"]);
    }

    /// A reader that gives one byte at a time, as a pipe may.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let Some((first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            buf[0] = *first;
            self.0 = rest;
            Ok(1)
        }
    }

    #[test]
    fn a_line_split_across_reads_is_one_line() {
        let mut lines = Lines::new(Trickle(b"{\"method\":\"home\"}\nnext\n"));
        assert_eq!(
            lines
                .next_line()
                .expect("reads")
                .as_deref()
                .map(Vec::as_slice),
            Some(&b"{\"method\":\"home\"}"[..])
        );
        assert_eq!(
            lines
                .next_line()
                .expect("reads")
                .as_deref()
                .map(Vec::as_slice),
            Some(&b"next"[..])
        );
        assert_eq!(lines.next_line().expect("reads"), None);
    }
}
