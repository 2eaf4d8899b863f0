//! Restoring a reply as it streams in.

use std::sync::Arc;

use super::scan::is_word;
use super::{NextLiteral, Restoration, RestoreIndex, Step};

/// Most distinct unknown tokens a restorer remembers, so that memory
/// stays flat over an endless stream.
const MAX_UNKNOWN: usize = 256;

/// Restores a reply chunk by chunk: tokens and surrogates split across
/// chunks come back whole.
///
/// Each [`push`](StreamRestorer::push) returns at once everything that
/// can no longer become part of a token or surrogate, and holds back only
/// the shortest tail that still could (a few hundred bytes at most, so
/// memory stays flat however long the stream).
/// [`finish`](StreamRestorer::finish) flushes the tail. The output joined is the
/// same as [`Vault::restore`](crate::Vault::restore) of the input joined,
/// wherever the chunks were cut.
///
/// The restorer owns a snapshot of the vault (shared, not copied), so it
/// has no lifetime: values added to the vault after it was made are not
/// restored by it.
///
/// Example:
///
/// ```
/// use airlock_core::{Airlock, Policy, Vault};
///
/// let airlock = Airlock::new(Policy::from_json(
///     r#"{"version": 1, "defaultAction": "tokenize"}"#,
/// )?)?;
/// let mut vault = Vault::new(&[0; 32]);
/// airlock.redact_with("ask ops@corp.example", &mut vault)?;
///
/// let mut restorer = vault.restorer();
/// let mut out = String::new();
/// for chunk in ["Sure, I'll mail [EMA", "IL_1", "] today."] {
///     out.push_str(&restorer.push(chunk));
/// }
/// out.push_str(&restorer.finish());
/// assert_eq!(out, "Sure, I'll mail ops@corp.example today.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Bytes: [`push_bytes`](StreamRestorer::push_bytes) takes raw UTF-8 cut
/// anywhere, even inside a character, and decodes it as `TextDecoder`
/// does: invalid sequences become U+FFFD.
pub struct StreamRestorer {
    index: Arc<RestoreIndex>,
    /// Text received but not yet returned.
    pending: String,
    /// The start of a UTF-8 sequence cut by the end of a byte chunk.
    partial: Vec<u8>,
    /// Whether the last byte returned is a letter, digit or `_`.
    prev_word: bool,
    restored: usize,
    unknown: Vec<String>,
}

impl StreamRestorer {
    pub(crate) fn new(index: Arc<RestoreIndex>) -> StreamRestorer {
        StreamRestorer {
            index,
            pending: String::new(),
            partial: Vec::new(),
            prev_word: false,
            restored: 0,
            unknown: Vec::new(),
        }
    }

    /// Takes the next chunk of text and returns what is ready of the
    /// restored text (possibly nothing).
    pub fn push(&mut self, chunk: &str) -> String {
        self.flush_partial();
        self.pending.push_str(chunk);
        self.run(false)
    }

    /// Takes the next chunk of UTF-8 bytes, cut anywhere, and returns what
    /// is ready of the restored text.
    pub fn push_bytes(&mut self, chunk: &[u8]) -> String {
        let joined;
        let mut bytes = chunk;
        if !self.partial.is_empty() {
            let mut j = std::mem::take(&mut self.partial);
            j.extend_from_slice(chunk);
            joined = j;
            bytes = &joined;
        }
        loop {
            match std::str::from_utf8(bytes) {
                Ok(s) => {
                    self.pending.push_str(s);
                    break;
                }
                Err(e) => {
                    let (valid, rest) = bytes.split_at(e.valid_up_to());
                    // Valid up to here by the error's own account.
                    self.pending
                        .push_str(std::str::from_utf8(valid).unwrap_or(""));
                    match e.error_len() {
                        Some(n) => {
                            self.pending.push(char::REPLACEMENT_CHARACTER);
                            bytes = &rest[n..];
                        }
                        None => {
                            self.partial.extend_from_slice(rest);
                            break;
                        }
                    }
                }
            }
        }
        self.run(false)
    }

    /// Ends the stream: returns the rest of the restored text. The
    /// restorer is then empty and may take a new stream; its counts go on
    /// adding up.
    pub fn finish(&mut self) -> String {
        self.flush_partial();
        let out = self.run(true);
        self.prev_word = false;
        out
    }

    /// How many bytes are held back, waiting to see whether they become a
    /// token or surrogate: bounded by the longest token or surrogate, a
    /// few hundred bytes at most.
    pub fn held_bytes(&self) -> usize {
        self.pending.len() + self.partial.len()
    }

    /// How many tokens and surrogates were put back so far.
    pub fn restored(&self) -> usize {
        self.restored
    }

    /// The distinct unknown tokens seen so far (see
    /// [`Restoration::unknown`]); at most 256 are kept.
    pub fn unknown(&self) -> Vec<String> {
        self.unknown.clone()
    }

    pub(crate) fn into_restoration(self, text: String) -> Restoration {
        Restoration {
            text,
            restored: self.restored,
            unknown: self.unknown.clone(),
        }
    }

    /// An incomplete UTF-8 sequence followed by text, or by the end, is
    /// invalid: one U+FFFD, as `TextDecoder` gives.
    fn flush_partial(&mut self) {
        if !self.partial.is_empty() {
            self.partial.clear();
            self.pending.push(char::REPLACEMENT_CHARACTER);
        }
    }

    /// Restores `pending` as far as can be decided; `fin` says nothing
    /// more will come.
    fn run(&mut self, fin: bool) -> String {
        let text = std::mem::take(&mut self.pending);
        let t = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        let mut copied = 0;
        let mut next = NextLiteral::default();
        while at < t.len() {
            let prev_word =
                if at == 0 { self.prev_word } else { is_word(t[at - 1]) };
            match self.index.step(t, at, prev_word, fin, &mut next) {
                Step::More => break,
                Step::Restore { end, value } => {
                    out.push_str(&text[copied..at]);
                    out.push_str(self.index.value(value));
                    self.restored += 1;
                    at = end;
                    copied = end;
                }
                Step::Unknown { end, report } => {
                    if report {
                        self.report(&text[at..end]);
                    }
                    at = end;
                }
                Step::Pass => at += utf8_len(t[at]),
            }
        }
        out.push_str(&text[copied..at]);
        if at > 0 {
            self.prev_word = is_word(t[at - 1]);
        }
        self.pending.push_str(&text[at..]);
        out
    }

    fn report(&mut self, token: &str) {
        if self.unknown.len() < MAX_UNKNOWN
            && !self.unknown.iter().any(|u| u == token)
        {
            self.unknown.push(token.to_string());
        }
    }
}

impl std::fmt::Debug for StreamRestorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamRestorer")
            .field("held_bytes", &self.pending.len())
            .field("restored", &self.restored)
            .field("unknown", &self.unknown.len())
            .finish()
    }
}

/// The length of the UTF-8 sequence that `first` starts.
fn utf8_len(first: u8) -> usize {
    match first {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}
