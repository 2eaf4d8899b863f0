//! Vaults of reversible replacements, and the restorers that put the
//! originals back into a model's reply.

use airlock_core::{Restoration, StreamRestorer, Vault};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::vault_error;
use crate::js::{error, to_js};

/// A vault: the originals behind tokens, pseudonyms and surrogates.
#[wasm_bindgen]
pub struct VaultHandle {
    vault: Option<Vault>,
}

#[wasm_bindgen]
impl VaultHandle {
    /// An empty vault; `seed` (random bytes) drives its surrogates.
    #[wasm_bindgen(constructor)]
    pub fn new(seed: &[u8]) -> VaultHandle {
        VaultHandle { vault: Some(Vault::new(seed)) }
    }

    /// Decrypts a blob made by `export`.
    pub fn import(
        blob: &[u8],
        key: &[u8],
        aad: &[u8],
    ) -> Result<VaultHandle, JsValue> {
        let vault = Vault::import(blob, key, aad).map_err(vault_error)?;
        Ok(VaultHandle { vault: Some(vault) })
    }

    /// Encrypts the vault (AES-256-GCM; a 32-byte key, a fresh 12-byte
    /// nonce every time).
    pub fn export(
        &self,
        key: &[u8],
        nonce: &[u8],
        aad: &[u8],
    ) -> Result<Vec<u8>, JsValue> {
        self.inner()?.export(key, nonce, aad).map_err(vault_error)
    }

    /// How many values the vault holds.
    pub fn size(&self) -> Result<usize, JsValue> {
        Ok(self.inner()?.len())
    }

    /// Sets how many values the vault may hold.
    #[wasm_bindgen(js_name = setMaxEntries)]
    pub fn set_max_entries(&mut self, max: usize) -> Result<(), JsValue> {
        self.inner_mut()?.set_max_entries(max).map_err(vault_error)
    }

    /// Puts the originals back: `{ text, restored, unknown }`.
    pub fn restore(&self, text: &str) -> Result<JsValue, JsValue> {
        let Restoration { text, restored, unknown } =
            self.inner()?.restore(text);
        to_js(&RestorationJs { text, restored, unknown })
    }

    /// A restorer for a streamed reply, over the vault as it is now.
    pub fn restorer(&self) -> Result<Restorer, JsValue> {
        Ok(Restorer { inner: self.inner()?.restorer() })
    }

    /// Zeroizes the contents; the handle is unusable after.
    pub fn dispose(&mut self) {
        // Dropping the vault zeroizes it.
        self.vault = None;
    }
}

impl VaultHandle {
    fn inner(&self) -> Result<&Vault, JsValue> {
        self.vault.as_ref().ok_or_else(disposed)
    }

    pub(crate) fn inner_mut(&mut self) -> Result<&mut Vault, JsValue> {
        self.vault.as_mut().ok_or_else(disposed)
    }
}

fn disposed() -> JsValue {
    error("vault_disposed", "the vault was disposed")
}

#[derive(Serialize)]
struct RestorationJs {
    text: String,
    restored: usize,
    unknown: Vec<String>,
}

/// Restores a reply chunk by chunk.
#[wasm_bindgen]
pub struct Restorer {
    inner: StreamRestorer,
}

#[wasm_bindgen]
impl Restorer {
    /// Takes a text chunk; returns what can be released now.
    pub fn push(&mut self, chunk: &str) -> String {
        self.inner.push(chunk)
    }

    /// Takes a chunk of UTF-8 bytes (a character may be split between
    /// chunks); returns what can be released now, as text.
    #[wasm_bindgen(js_name = pushBytes)]
    pub fn push_bytes(&mut self, chunk: &[u8]) -> String {
        self.inner.push_bytes(chunk)
    }

    /// Flushes what was held back.
    pub fn finish(&mut self) -> String {
        self.inner.finish()
    }

    /// How many tokens were restored so far.
    pub fn restored(&self) -> usize {
        self.inner.restored()
    }

    /// Token-shaped texts that the vault does not know.
    pub fn unknown(&self) -> Vec<String> {
        self.inner.unknown()
    }
}
