//! The encrypted export format of a vault.
//!
//! `blob = version (1 byte) || nonce (12) || AES-256-GCM(plaintext) || tag`
//! with the associated data `"airlock-vault" || version || caller's aad`.
//!
//! The plaintext is a small binary format: integers little-endian,
//! strings as a `u32` length and UTF-8 bytes.
//!
//! ```text
//! seed: bytes
//! max_entries: u64
//! template: u8 (0 none, 1 some), then prefix, sep, suffix: str
//! counters: u32 count, then (label: str, last: u64) each
//! entries: u32 count, then (mode: u8, label, id, value, text: str) each
//! ```

use std::collections::HashMap;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use zeroize::Zeroizing;

use super::template::Template;
use super::{Entry, Mode, Vault, VaultError, VaultErrorKind};

/// The version byte of blobs this code writes and reads.
const VERSION: u8 = 1;
const NONCE_BYTES: usize = 12;
const TAG_BYTES: usize = 16;
const KEY_BYTES: usize = 32;
const AAD_DOMAIN: &[u8] = b"airlock-vault";

pub(super) fn seal(
    vault: &Vault,
    key: &[u8],
    nonce: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, VaultError> {
    let cipher = cipher(key)?;
    if nonce.len() != NONCE_BYTES {
        return Err(VaultError::new(VaultErrorKind::Nonce));
    }
    let plaintext = encode(vault);
    let ciphertext = cipher
        .encrypt(
            Nonce::from_slice(nonce),
            Payload { msg: &plaintext, aad: &full_aad(VERSION, aad) },
        )
        .map_err(|_| VaultError::new(VaultErrorKind::Format))?;
    let mut blob = Vec::with_capacity(1 + NONCE_BYTES + ciphertext.len());
    blob.push(VERSION);
    blob.extend_from_slice(nonce);
    blob.extend_from_slice(&ciphertext);
    Ok(blob)
}

pub(super) fn open(
    blob: &[u8],
    key: &[u8],
    aad: &[u8],
) -> Result<Vault, VaultError> {
    let cipher = cipher(key)?;
    let Some((&version, rest)) = blob.split_first() else {
        return Err(VaultError::new(VaultErrorKind::Format));
    };
    if version != VERSION {
        return Err(VaultError::new(VaultErrorKind::Version {
            found: version,
        }));
    }
    if rest.len() < NONCE_BYTES + TAG_BYTES {
        return Err(VaultError::new(VaultErrorKind::Format));
    }
    let (nonce, ciphertext) = rest.split_at(NONCE_BYTES);
    let plaintext = cipher
        .decrypt(
            Nonce::from_slice(nonce),
            Payload { msg: ciphertext, aad: &full_aad(version, aad) },
        )
        .map_err(|_| VaultError::new(VaultErrorKind::Decrypt))?;
    decode(&Zeroizing::new(plaintext))
        .ok_or_else(|| VaultError::new(VaultErrorKind::Format))
}

fn cipher(key: &[u8]) -> Result<Aes256Gcm, VaultError> {
    if key.len() != KEY_BYTES {
        return Err(VaultError::new(VaultErrorKind::Key));
    }
    Aes256Gcm::new_from_slice(key)
        .map_err(|_| VaultError::new(VaultErrorKind::Key))
}

fn full_aad(version: u8, aad: &[u8]) -> Vec<u8> {
    let mut full = Vec::with_capacity(AAD_DOMAIN.len() + 1 + aad.len());
    full.extend_from_slice(AAD_DOMAIN);
    full.push(version);
    full.extend_from_slice(aad);
    full
}

/// Writes the plaintext into a buffer sized up front, so that no partial
/// copy of it is left behind by a reallocation.
fn encode(vault: &Vault) -> Zeroizing<Vec<u8>> {
    let seed: &[u8] = &vault.seed;
    let max_entries = vault.max_entries;
    let template = vault.template.as_ref();
    let counters = &vault.counters;
    let entries = &vault.entries;
    let str_len = |s: &str| 4 + s.len();
    let mut size = 4 + seed.len() + 8 + 1 + 4 + 4;
    if let Some(t) = template {
        size += str_len(&t.prefix) + str_len(&t.sep) + str_len(&t.suffix);
    }
    size += counters.keys().map(|k| str_len(k) + 8).sum::<usize>();
    size += entries
        .iter()
        .map(|e| {
            1 + str_len(&e.label)
                + str_len(&e.id)
                + str_len(&e.value)
                + str_len(&e.text)
        })
        .sum::<usize>();

    let mut out = Zeroizing::new(Vec::with_capacity(size));
    put_bytes(&mut out, seed);
    out.extend_from_slice(&(max_entries as u64).to_le_bytes());
    match template {
        None => out.push(0),
        Some(t) => {
            out.push(1);
            put_bytes(&mut out, t.prefix.as_bytes());
            put_bytes(&mut out, t.sep.as_bytes());
            put_bytes(&mut out, t.suffix.as_bytes());
        }
    }
    out.extend_from_slice(&(counters.len() as u32).to_le_bytes());
    for (label, n) in counters {
        put_bytes(&mut out, label.as_bytes());
        out.extend_from_slice(&n.to_le_bytes());
    }
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for e in entries {
        out.push(e.mode as u8);
        put_bytes(&mut out, e.label.as_bytes());
        put_bytes(&mut out, e.id.as_bytes());
        put_bytes(&mut out, e.value.as_bytes());
        put_bytes(&mut out, e.text.as_bytes());
    }
    out
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// Reads the plaintext; `None` for anything malformed.
fn decode(bytes: &[u8]) -> Option<Vault> {
    let mut r = Reader { bytes };
    let seed = Zeroizing::new(r.bytes()?.to_vec());
    let max_entries = usize::try_from(r.u64()?).ok()?;
    let template = match r.u8()? {
        0 => None,
        1 => {
            let t = Template {
                prefix: r.string()?,
                sep: r.string()?,
                suffix: r.string()?,
            };
            t.check().ok()?;
            Some(t)
        }
        _ => return None,
    };
    let count = r.u32()? as usize;
    let mut counters = HashMap::new();
    for _ in 0..count {
        let label = r.string()?;
        counters.insert(label, r.u64()?);
    }
    let count = r.u32()? as usize;
    if count > max_entries {
        return None;
    }
    let mut entries = Vec::with_capacity(count.min(r.bytes.len() / 17));
    for _ in 0..count {
        let mode = Mode::from_u8(r.u8()?)?;
        entries.push(Entry {
            mode,
            label: r.string()?,
            id: r.string()?,
            value: r.string()?,
            text: r.string()?,
        });
    }
    if !r.bytes.is_empty() {
        return None;
    }
    Some(Vault::restore_parts(seed, max_entries, template, counters, entries))
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.bytes.len() < n {
            return None;
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    fn string(&mut self) -> Option<String> {
        std::str::from_utf8(self.bytes()?).ok().map(str::to_string)
    }
}
