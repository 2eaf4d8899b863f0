//! The vault: the two-way map between sensitive values and the tokens or
//! surrogates that stood in for them, so that a reply can be restored.
//!
//! A vault belongs to one conversation. It is filled by
//! [`Airlock::redact_with`](crate::Airlock::redact_with), read by
//! [`Vault::restore`] and [`Vault::restorer`], and can be carried between
//! sessions as an encrypted blob ([`Vault::export`], [`Vault::import`]).
//!
//! Example:
//!
//! ```
//! use airlock_core::{Airlock, Policy, Vault};
//!
//! let policy = Policy::from_json(
//!     r#"{"version": 1, "defaultAction": "tokenize"}"#,
//! )?;
//! let airlock = Airlock::new(policy)?;
//! let mut vault = Vault::new(b"per-conversation random seed");
//! let out = airlock.redact_with("mail jane@corp.example", &mut vault)?;
//! assert_eq!(out.text, "mail [EMAIL_1]");
//!
//! let reply = "I wrote to [EMAIL_1] and [email_1]'s manager.";
//! let back = vault.restore(reply);
//! assert_eq!(
//!     back.text,
//!     "I wrote to jane@corp.example and jane@corp.example's manager."
//! );
//! assert_eq!(back.restored, 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod blob;
mod error;
pub(crate) mod surrogate;
pub(crate) mod template;

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::sync::{Arc, OnceLock};

use zeroize::{Zeroize, Zeroizing};

pub use error::{VaultError, VaultErrorKind};
pub use template::DEFAULT_TOKEN_TEMPLATE;

use crate::finding::Kind;
use crate::restore::{Restoration, RestoreIndex, StreamRestorer};
use template::{token_key, Template};

/// The most entries a vault holds unless told otherwise.
pub const DEFAULT_MAX_ENTRIES: usize = 10_000;

/// Shortest surrogate, in bytes, restored by literal match.
const MIN_SURROGATE_BYTES: usize = 6;
/// Draws before a value falls back from a surrogate to a token.
const SURROGATE_ATTEMPTS: u64 = 16;
/// Longest pseudonym id, in hex digits: a whole HMAC-SHA256.
const MAX_PSEUDONYM_DIGITS: usize = 64;

/// How an entry's value was replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    Token = 1,
    Pseudonym = 2,
    Surrogate = 3,
}

impl Mode {
    pub fn from_u8(b: u8) -> Option<Mode> {
        match b {
            1 => Some(Mode::Token),
            2 => Some(Mode::Pseudonym),
            3 => Some(Mode::Surrogate),
            _ => None,
        }
    }
}

/// One value and what stands for it.
pub(crate) struct Entry {
    /// The action that asked for it.
    pub mode: Mode,
    /// The label of its finding, e.g. `EMAIL`.
    pub label: String,
    /// The token id (a number, or hex for pseudonyms); empty when the
    /// value is stood for by a literal surrogate.
    pub id: String,
    /// The real value.
    pub value: String,
    /// The text that replaced the value: a token or a surrogate.
    pub text: String,
}

impl Drop for Entry {
    fn drop(&mut self) {
        self.label.zeroize();
        self.id.zeroize();
        self.value.zeroize();
        self.text.zeroize();
    }
}

/// The values of one conversation and the tokens and surrogates that
/// stood in for them.
///
/// The same value always gets the same token or surrogate from one vault
/// (per action and label), and two values never share one. Contents are
/// zeroized on [`Vault::dispose`] and on drop; `Debug` shows counts only.
///
/// The core has no random number generator: the `seed` given to
/// [`Vault::new`] drives surrogates. Pass fresh random bytes (in a
/// browser, from `crypto.getRandomValues`) to get different surrogates
/// per conversation; the same seed and the same inputs always give the
/// same surrogates. Surrogates are drawn from the seed and the entry's
/// position, never from the value, so even a known seed reveals nothing
/// about the values.
///
/// # Limitations
///
/// - A placeholder typed by the user that equals a token the vault gave
///   out in an earlier turn is restored to that token's value: the two
///   cannot be told apart. New tokens skip every token-shaped text of the
///   input they are made for, so this only happens across turns.
/// - Surrogates are restored by exact, case-sensitive match: a model
///   that rewrites a fake address in capitals gets it back unchanged.
/// - A surrogate shorter than 6 bytes would match too often by chance in
///   a reply, so such values get a token instead (also when no distinct
///   surrogate could be drawn).
/// - Surrogates are realistic for cards, IBANs, emails, phone numbers
///   (NANP and UK fiction ranges; others keep their country code) and IP
///   addresses. Other kinds (names, postal addresses, secrets, national
///   ids) get a same-shape random string: right length and character
///   classes, but not a plausible name nor a checksum-valid id.
/// - One vault holds the tokens of one template: filling it under a
///   policy with another `tokens.template` is a `vault_template` error.
pub struct Vault {
    seed: Zeroizing<Vec<u8>>,
    max_entries: usize,
    template: Option<Template>,
    entries: Vec<Entry>,
    hasher: RandomState,
    /// Entries by a hash of their value.
    by_value: HashMap<u64, Vec<usize>>,
    /// Entries stood for by a token, by [`token_key`].
    by_key: HashMap<String, usize>,
    /// Entries stood for by a surrogate, by its text.
    by_literal: HashMap<String, usize>,
    /// The last number given out per label.
    counters: HashMap<String, u64>,
    index: OnceLock<Arc<RestoreIndex>>,
}

/// What a fill needs beyond the value: the input being redacted and the
/// engine's settings.
pub(crate) struct Fill<'a> {
    /// The whole input text: new surrogates must not occur in it.
    pub input: &'a str,
    /// Token keys of token-shaped text already in the input.
    pub reserved: HashSet<String>,
    /// The key of `pseudonymize` (empty if the policy never uses it).
    pub pseudonym_key: &'a [u8],
    /// How many hex digits a pseudonym shows.
    pub pseudonym_digits: usize,
    /// Surrogates found in the input by an earlier round: never again.
    pub banned: &'a HashSet<String>,
    /// Whether to search the input for each new surrogate (slow on long
    /// inputs: the engine checks them all at once instead).
    pub check_input: bool,
}

/// A point to roll back to when a fill fails half-way.
pub(crate) struct Mark {
    len: usize,
    counters: HashMap<String, u64>,
    template: Option<Template>,
}

impl Vault {
    /// An empty vault with [`DEFAULT_MAX_ENTRIES`].
    ///
    /// `seed` drives the surrogates (see the type's docs); any length
    /// works, 32 random bytes is the intended use.
    pub fn new(seed: &[u8]) -> Vault {
        Vault {
            seed: Zeroizing::new(seed.to_vec()),
            max_entries: DEFAULT_MAX_ENTRIES,
            template: None,
            entries: Vec::new(),
            hasher: RandomState::new(),
            by_value: HashMap::new(),
            by_key: HashMap::new(),
            by_literal: HashMap::new(),
            counters: HashMap::new(),
            index: OnceLock::new(),
        }
    }

    /// How many values the vault holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the vault holds no value.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The most values the vault may hold.
    pub fn max_entries(&self) -> usize {
        self.max_entries
    }

    /// Sets the most values the vault may hold. Adding a value past it
    /// makes [`Airlock::redact_with`](crate::Airlock::redact_with) fail
    /// with `vault_full`, leaving the vault as it was.
    ///
    /// # Errors
    ///
    /// `vault_full` if the vault already holds more than `max`.
    pub fn set_max_entries(&mut self, max: usize) -> Result<(), VaultError> {
        if self.entries.len() > max {
            return Err(VaultError::new(VaultErrorKind::Full { limit: max }));
        }
        self.max_entries = max;
        Ok(())
    }

    /// Puts every token and surrogate of `text` back to its value.
    ///
    /// Tolerates what models do to placeholders: case changes, markdown
    /// escapes (`\[EMAIL\_1\]`), dropped brackets (`EMAIL_1`), spaces
    /// inside (`[ EMAIL_1 ]`) and suffixes after (`[EMAIL_1]'s`, kept).
    /// Values come back byte for byte; nothing is ever interpreted as a
    /// pattern. Token-shaped text that the vault does not know stays as
    /// it is and is listed in [`Restoration::unknown`].
    ///
    /// Example:
    ///
    /// ```
    /// use airlock_core::Vault;
    ///
    /// let vault = Vault::new(&[7; 32]);
    /// let out = vault.restore("see [EMAIL_9]");
    /// assert_eq!(out.text, "see [EMAIL_9]");
    /// assert_eq!(out.unknown, ["[EMAIL_9]"]);
    /// ```
    pub fn restore(&self, text: &str) -> Restoration {
        let mut restorer = StreamRestorer::new(self.restore_index());
        let mut out = restorer.push(text);
        out.push_str(&restorer.finish());
        restorer.into_restoration(out)
    }

    /// A streaming restorer over a snapshot of this vault: values added
    /// to the vault afterwards are not restored by it.
    pub fn restorer(&self) -> StreamRestorer {
        StreamRestorer::new(self.restore_index())
    }

    /// Empties the vault, zeroizing every value and token. The vault
    /// stays usable, with the same seed and limit.
    ///
    /// Restorers made earlier keep their snapshot (zeroized in turn when
    /// the last of them is dropped).
    pub fn dispose(&mut self) {
        self.entries.clear();
        self.by_value.clear();
        for (mut k, _) in self.by_key.drain() {
            k.zeroize();
        }
        for (mut k, _) in self.by_literal.drain() {
            k.zeroize();
        }
        for (mut k, _) in self.counters.drain() {
            k.zeroize();
        }
        self.template = None;
        self.index = OnceLock::new();
    }

    /// Encrypts the vault with AES-256-GCM for storage.
    ///
    /// The blob is `1` (the format version), the nonce, then the
    /// ciphertext and tag. `aad` (associated data, e.g. a conversation id)
    /// is authenticated but not stored: give the same to
    /// [`Vault::import`].
    ///
    /// # Security
    ///
    /// Never reuse a nonce with the same key: draw 12 fresh random bytes
    /// for every export (the core has no random number generator).
    ///
    /// # Errors
    ///
    /// `vault_key` unless `key` is 32 bytes, `vault_nonce` unless `nonce`
    /// is 12 bytes.
    pub fn export(
        &self,
        key: &[u8],
        nonce: &[u8],
        aad: &[u8],
    ) -> Result<Vec<u8>, VaultError> {
        blob::seal(self, key, nonce, aad)
    }

    /// Decrypts a blob made by [`Vault::export`].
    ///
    /// Example:
    ///
    /// ```
    /// use airlock_core::{Vault, VaultErrorKind};
    ///
    /// let vault = Vault::new(&[1; 32]);
    /// let blob = vault.export(&[2; 32], &[3; 12], b"conversation 42")?;
    /// let back = Vault::import(&blob, &[2; 32], b"conversation 42")?;
    /// assert_eq!(back.len(), 0);
    ///
    /// let wrong = Vault::import(&blob, &[9; 32], b"conversation 42");
    /// assert_eq!(wrong.unwrap_err().kind(), VaultErrorKind::Decrypt);
    /// # Ok::<(), airlock_core::VaultError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// `vault_key` for a key not 32 bytes long; `vault_format` for a blob
    /// too short to hold a version, nonce and tag; `vault_version` for an
    /// unknown version; `vault_decrypt` for a wrong key, wrong `aad` or
    /// an altered blob.
    pub fn import(
        blob: &[u8],
        key: &[u8],
        aad: &[u8],
    ) -> Result<Vault, VaultError> {
        blob::open(blob, key, aad)
    }

    /// The snapshot restorers read, built once per change of contents.
    pub(crate) fn restore_index(&self) -> Arc<RestoreIndex> {
        self.index
            .get_or_init(|| {
                let template = self
                    .template
                    .clone()
                    .unwrap_or_else(Template::default_template);
                Arc::new(RestoreIndex::build(template, &self.entries))
            })
            .clone()
    }

    /// The template of the vault's tokens: the one it was filled under,
    /// or `template` if it is still unset.
    pub(crate) fn template_or<'a>(
        &'a self,
        template: &'a Template,
    ) -> &'a Template {
        self.template.as_ref().unwrap_or(template)
    }

    /// The labels of the vault's entries.
    pub(crate) fn labels(&self) -> impl Iterator<Item = &str> {
        self.counters
            .keys()
            .map(String::as_str)
            .chain(self.entries.iter().map(|e| e.label.as_str()))
    }

    /// Makes `template` the vault's if it has none yet.
    ///
    /// # Errors
    ///
    /// `vault_template` if the vault holds tokens of another template.
    pub(crate) fn adopt_template(
        &mut self,
        template: &Template,
    ) -> Result<(), VaultError> {
        match &self.template {
            Some(t) if t != template => {
                Err(VaultError::new(VaultErrorKind::TemplateMismatch))
            }
            Some(_) => Ok(()),
            None => {
                self.template = Some(template.clone());
                self.index = OnceLock::new();
                Ok(())
            }
        }
    }

    pub(crate) fn mark(&self) -> Mark {
        Mark {
            len: self.entries.len(),
            counters: self.counters.clone(),
            template: self.template.clone(),
        }
    }

    /// The surrogates added since `mark` that occur in `text`.
    pub(crate) fn new_literals_in(
        &self,
        mark: &Mark,
        text: &str,
    ) -> Vec<String> {
        let new: Vec<&str> = self.entries[mark.len.min(self.entries.len())..]
            .iter()
            .filter(|e| e.id.is_empty())
            .map(|e| e.text.as_str())
            .collect();
        if new.is_empty() {
            return Vec::new();
        }
        let Ok(ac) = aho_corasick::AhoCorasick::new(&new) else {
            // Cannot search: report them all, to be drawn again one by one.
            return new.iter().map(|s| s.to_string()).collect();
        };
        let mut hit = vec![false; new.len()];
        for m in ac.find_overlapping_iter(text) {
            hit[m.pattern().as_usize()] = true;
        }
        new.iter()
            .zip(hit)
            .filter(|(_, h)| *h)
            .map(|(s, _)| s.to_string())
            .collect()
    }

    /// Drops every entry added since `mark`.
    pub(crate) fn rollback(&mut self, mark: Mark) {
        while self.entries.len() > mark.len {
            let i = self.entries.len() - 1;
            let hash = self.hash(&self.entries[i].value);
            if let Some(bucket) = self.by_value.get_mut(&hash) {
                bucket.retain(|&j| j != i);
                if bucket.is_empty() {
                    self.by_value.remove(&hash);
                }
            }
            self.by_key.retain(|_, j| *j != i);
            self.by_literal.retain(|_, j| *j != i);
            self.entries.pop();
        }
        self.counters = mark.counters;
        self.template = mark.template;
        self.index = OnceLock::new();
    }

    /// The text that stands for `value`: the one given before, or a new
    /// one made per `mode`.
    ///
    /// # Errors
    ///
    /// `vault_full` when a new entry would pass the limit.
    pub(crate) fn assign(
        &mut self,
        mode: Mode,
        kind: Kind,
        label: &str,
        value: &str,
        fill: &Fill<'_>,
    ) -> Result<String, VaultError> {
        if let Some(i) = self.find(mode, label, value) {
            return Ok(self.entries[i].text.clone());
        }
        if self.entries.len() >= self.max_entries {
            return Err(VaultError::new(VaultErrorKind::Full {
                limit: self.max_entries,
            }));
        }
        let template =
            self.template.clone().unwrap_or_else(Template::default_template);
        let (id, text) = match mode {
            Mode::Token => self.new_number(label, &template, fill),
            Mode::Pseudonym => {
                self.new_pseudonym(label, value, &template, fill)
            }
            Mode::Surrogate => {
                match self.new_surrogate(kind, label, value, fill) {
                    Some(text) => (String::new(), text),
                    None => self.new_number(label, &template, fill),
                }
            }
        };
        self.insert(Entry {
            mode,
            label: label.to_string(),
            id,
            value: value.to_string(),
            text: text.clone(),
        });
        Ok(text)
    }

    fn new_number(
        &mut self,
        label: &str,
        template: &Template,
        fill: &Fill<'_>,
    ) -> (String, String) {
        let mut n = self.counters.get(label).copied().unwrap_or(0);

        // Skip numbers taken in the vault or written in the input.
        let id = loop {
            n += 1;
            let id = n.to_string();
            let key = token_key(label, &id);
            if !self.by_key.contains_key(&key) && !fill.reserved.contains(&key)
            {
                break id;
            }
        };
        self.counters.insert(label.to_string(), n);
        let text = template.render(label, &id);
        (id, text)
    }

    fn new_pseudonym(
        &mut self,
        label: &str,
        value: &str,
        template: &Template,
        fill: &Fill<'_>,
    ) -> (String, String) {
        let hex = crate::transform::hmac_hex(
            fill.pseudonym_key,
            value,
            MAX_PSEUDONYM_DIGITS,
        );

        // On the rare clash with another value's pseudonym, show more of
        // the HMAC; the whole of it never clashes in practice. The same
        // pseudonym written in the input is, but for a 1 in 2^32 chance,
        // this very value's from another session: it is not avoided, so
        // pseudonyms stay stable.
        let mut digits = fill.pseudonym_digits.clamp(1, MAX_PSEUDONYM_DIGITS);
        loop {
            let id = &hex[..digits.min(hex.len())];
            let key = token_key(label, id);
            let free = !self.by_key.contains_key(&key);
            if free || digits >= hex.len() {
                let id = id.to_string();
                let text = template.render(label, &id);
                return (id, text);
            }
            digits += 4;
        }
    }

    fn new_surrogate(
        &self,
        kind: Kind,
        label: &str,
        value: &str,
        fill: &Fill<'_>,
    ) -> Option<String> {
        let base = self.entries.len() as u64 * SURROGATE_ATTEMPTS;
        for attempt in 0..SURROGATE_ATTEMPTS {
            let mut rng =
                surrogate::Rng::new(&self.seed, label, base + attempt);
            let text = surrogate::generate(kind, value, &mut rng);
            let usable = text.len() >= MIN_SURROGATE_BYTES
                && text != value
                && !self.by_literal.contains_key(&text)
                && !self.is_value(&text)
                && !fill.banned.contains(&text)
                && (!fill.check_input || !fill.input.contains(&text));
            if usable {
                return Some(text);
            }
        }
        None
    }

    fn insert(&mut self, entry: Entry) {
        let i = self.entries.len();
        let hash = self.hash(&entry.value);
        self.by_value.entry(hash).or_default().push(i);
        if entry.id.is_empty() {
            self.by_literal.insert(entry.text.clone(), i);
        } else {
            self.by_key.insert(token_key(&entry.label, &entry.id), i);
        }
        self.entries.push(entry);
        self.index = OnceLock::new();
    }

    /// Restores the state read from a blob.
    pub(crate) fn restore_parts(
        seed: Zeroizing<Vec<u8>>,
        max_entries: usize,
        template: Option<Template>,
        counters: HashMap<String, u64>,
        entries: Vec<Entry>,
    ) -> Vault {
        let mut vault = Vault::new(&[]);
        vault.seed = seed;
        vault.max_entries = max_entries;
        vault.template = template;
        vault.counters = counters;
        for entry in entries {
            vault.insert(entry);
        }
        vault
    }

    fn find(&self, mode: Mode, label: &str, value: &str) -> Option<usize> {
        let bucket = self.by_value.get(&self.hash(value))?;
        bucket.iter().copied().find(|&i| {
            let e = &self.entries[i];
            e.mode == mode && e.label == label && e.value == value
        })
    }

    fn is_value(&self, text: &str) -> bool {
        self.by_value
            .get(&self.hash(text))
            .is_some_and(|b| b.iter().any(|&i| self.entries[i].value == text))
    }

    fn hash(&self, value: &str) -> u64 {
        self.hasher.hash_one(value)
    }
}

impl Drop for Vault {
    fn drop(&mut self) {
        self.dispose();
    }
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let literal = self.by_literal.len();
        f.debug_struct("Vault")
            .field("entries", &self.entries.len())
            .field("tokens", &(self.entries.len() - literal))
            .field("surrogates", &literal)
            .field("max_entries", &self.max_entries)
            .finish()
    }
}
