//! Cryptocurrency wallet addresses: Bitcoin (legacy and segwit) and
//! Ethereum.
//!
//! Bitcoin addresses carry checksums, so only addresses whose checksum
//! holds are reported. An Ethereum address is `0x` and 40 hex digits; the
//! mixed-case form carries an EIP-55 checksum, which must hold, while the
//! all-lower-case and all-upper-case forms carry none and are reported on
//! their shape alone.

use super::tokens::TOKENS;
use crate::detect::validate::{base58check, eip55, segwit_address};
use crate::detect::Pattern;
use crate::finding::Kind;

/// Base58Check P2PKH (`1...`) and P2SH (`3...`).
pub(super) const BITCOIN_BASE58: Pattern =
    Pattern::new("crypto_wallet", Kind::CryptoWallet, TOKENS)
        .validate(bitcoin_base58)
        .priority(65);

/// Segwit addresses, bech32 (v0) and bech32m (v1+, taproot).
pub(super) const BITCOIN_SEGWIT: Pattern = Pattern::new(
    "crypto_wallet",
    Kind::CryptoWallet,
    r"(?i)\bbc1[02-9ac-hj-np-z]{8,87}\b",
)
.anchors(&["bc1"], 96)
.validate(bitcoin_segwit)
.priority(65);

pub(super) const ETHEREUM: Pattern = Pattern::new(
    "crypto_wallet",
    Kind::CryptoWallet,
    r"\b0x[0-9a-fA-F]{40}\b",
)
.anchors(&["0x"], 48)
.validate(ethereum)
.priority(65);

fn bitcoin_base58(value: &str) -> bool {
    let version = match value.as_bytes().first() {
        Some(b'1') => 0x00,
        Some(b'3') => 0x05,
        _ => return false,
    };
    (26..=35).contains(&value.len())
        && base58check(value) == Some((version, 21))
}

fn bitcoin_segwit(value: &str) -> bool {
    segwit_address(value, "bc")
}

fn ethereum(value: &str) -> bool {
    let Some(hex) = value.strip_prefix("0x").filter(|h| h.len() == 40) else {
        return false;
    };
    let lower = hex.bytes().any(|b| b.is_ascii_lowercase());
    let upper = hex.bytes().any(|b| b.is_ascii_uppercase());
    if lower && upper {
        return eip55(hex);
    }
    // A run of one repeated digit is a placeholder, not an address.
    let first = hex.as_bytes()[0];
    !hex.bytes().all(|b| b == first)
}

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::found;

    #[test]
    fn finds_wallets() {
        for w in [
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
            "1mm2S1BjUpcjtQxgtELqzsbCUmypBBKXR",
            "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
            "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae",
        ] {
            for text in [
                format!("send BTC to {w}."),
                format!("钱包：{w}，"),
                format!("🚀{w}🚀"),
            ] {
                assert_eq!(found(&text, "crypto_wallet"), vec![w], "{text}");
            }
        }
    }

    #[test]
    fn rejects_bad_checksums_and_hashes() {
        for text in [
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",
            "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
            "0x0000000000000000000000000000000000000000",
            "commit b89e1f7a69c37c4895e33ef15941877303c342c9",
            concat!(
                "sha256:9fb48b0619f90196b2f8e7bc65c71c62",
                "d8637af7fa834b23e876479534be0275"
            ),
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00",
            "id 71fc771b-e252-40d0-ab9e-783a5e72efa0",
        ] {
            assert!(found(text, "crypto_wallet").is_empty(), "{text}");
        }
    }
}
