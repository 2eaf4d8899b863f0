//! IP addresses.
//!
//! IPv4: four decimal octets of 0-255 without leading zeros. A dotted
//! quad right after "version", "ver", "v", "build", "release" or "rev" is
//! a version, and a run of five or more dotted numbers (OIDs, long
//! versions) is no address; neither is reported, and nor is an address
//! right after `@`, the host of a connection string
//! (`postgres://user:pass@10.0.3.12`, `ssh root@10.0.0.2`), whose secret
//! is the credential before it. Netmasks (`255.255.255.0`) and `0.0.0.0`
//! identify no host and are skipped.
//!
//! IPv6: every textual form `std::net::Ipv6Addr` parses (full,
//! compressed, `::1`, embedded IPv4), with at least one decimal digit so
//! that words such as `add::beef` in code stay out. Times (`12:30:45`)
//! and MAC addresses (`00:1a:2b:3c:4d:5e`) do not parse and are not
//! reported.

use std::net::Ipv6Addr;

use super::tokens::TOKENS;
use crate::detect::Pattern;
use crate::finding::Kind;

pub(super) const IPV4: Pattern =
    Pattern::new("ip_address", Kind::IpAddress, TOKENS)
        .validate(ipv4)
        .priority(55);

pub(super) const IPV6: Pattern =
    Pattern::new("ip_address", Kind::IpAddress, TOKENS)
        .validate(ipv6)
        .priority(55);

/// Four dotted octets, 0-255, without leading zeros.
fn ipv4(value: &str) -> bool {
    let mut octets = [0u8; 4];
    let mut parts = value.split('.');
    for slot in &mut octets {
        let Some(part) = parts.next() else {
            return false;
        };
        let well_formed = (1..=3).contains(&part.len())
            && part.bytes().all(|b| b.is_ascii_digit())
            && !(part.len() > 1 && part.starts_with('0'));
        match part.parse() {
            Ok(v) if well_formed => *slot = v,
            _ => return false,
        }
    }
    parts.next().is_none() && octets != [0, 0, 0, 0] && !is_netmask(octets)
}

/// A run of one bits then zero bits, starting with 255.
fn is_netmask(octets: [u8; 4]) -> bool {
    let bits = u32::from_be_bytes(octets);
    octets[0] == 255 && bits.leading_ones() + bits.trailing_zeros() == 32
}

fn ipv6(value: &str) -> bool {
    value.len() > 2
        && value.contains(':')
        && value.bytes().any(|b| b.is_ascii_digit())
        && value.parse::<Ipv6Addr>().is_ok()
}

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::found;

    #[test]
    fn finds_ipv4() {
        for ip in ["152.75.157.165", "10.0.0.1", "192.168.1.254", "8.8.8.8"] {
            for text in [
                format!("from IP {ip}."),
                format!("服务器{ip}，"),
                format!("host={ip}:8080"),
                format!("🙂{ip}🙂"),
                format!("net {ip}/24"),
            ] {
                assert_eq!(found(&text, "ip_address"), vec![ip], "{text}");
            }
        }
    }

    #[test]
    fn skips_ipv4_look_alikes() {
        for text in [
            "version 1.2.3.4",
            "v1.2.3.4",
            "build: 10.0.19041.1",
            "oid 1.3.6.1.4.1.311",
            "256.1.1.1",
            "1.2.3",
            "mask 255.255.255.0",
            "0.0.0.0",
            "192.168.01.1",
            "$1,234.56",
            "19.22.22",
            "postgres://app:pw@10.0.3.12:5432/db",
        ] {
            assert!(found(text, "ip_address").is_empty(), "{text}");
        }
    }

    #[test]
    fn finds_ipv6() {
        for ip in [
            "6ec9:d286:63ca:828d:d5f4:b3b3:e4b0:6ce6",
            "2001:db8::1",
            "fe80::1ff:fe23:4567:890a",
            "::1",
            "::ffff:192.0.2.128",
            "2001:DB8:0:0:8:800:200C:417A",
            "64:ff9b::192.0.2.33",
        ] {
            for text in [
                format!("server {ip}."),
                format!("[{ip}]:443"),
                format!("地址{ip}，"),
                format!("from IP {ip} — ok"),
            ] {
                assert_eq!(found(&text, "ip_address"), vec![ip], "{text}");
            }
        }
    }

    #[test]
    fn skips_ipv6_look_alikes() {
        for text in [
            "at 12:30:45",
            "mac 00:1a:2b:3c:4d:5e",
            "std::fmt::Display",
            "dead::beef",
            "a::b",
            "1:2:3",
            "ts 2024-01-01T12:30:45Z",
            "::",
        ] {
            assert!(found(text, "ip_address").is_empty(), "{text}");
        }
    }
}
