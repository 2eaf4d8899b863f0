//! Which hosts are not on the public internet: loopback, private and
//! link-local networks, cloud metadata services, special-use names.
//!
//! Hosts arrive here as the WHATWG parser left them: IPv4 literals in any
//! of their spellings (decimal, octal, hex, short forms) are already
//! `Host::Ipv4`, names are lower-case ASCII (punycode for IDNs).

use std::net::{Ipv4Addr, Ipv6Addr};

use url::Host;

/// Whether `host` may be reached only through a pattern that names it
/// exactly.
pub(crate) fn is_non_public(host: &Host<&str>) -> bool {
    match host {
        Host::Ipv4(ip) => is_non_public_v4(*ip),
        Host::Ipv6(ip) => is_non_public_v6(*ip),
        Host::Domain(name) => is_non_public_name(name),
    }
}

/// IPv4 networks that are not public unicast, as (network, prefix
/// length). Sources: the IANA IPv4 Special-Purpose Address Registry and
/// the cloud providers' metadata endpoints.
const V4_NON_PUBLIC: &[(u32, u8)] = &[
    // "This network", including the unspecified 0.0.0.0.
    (0x0000_0000, 8),
    // RFC 1918 private.
    (0x0a00_0000, 8),
    // Carrier-grade NAT (also Alibaba Cloud's 100.100.100.200).
    (0x6440_0000, 10),
    // Loopback.
    (0x7f00_0000, 8),
    // Link-local (also 169.254.169.254, the AWS, Azure, GCP, Oracle and
    // DigitalOcean metadata address).
    (0xa9fe_0000, 16),
    // RFC 1918 private.
    (0xac10_0000, 12),
    // IETF protocol assignments (192.0.0.192 is Oracle's metadata).
    (0xc000_0000, 24),
    // TEST-NET-1.
    (0xc000_0200, 24),
    // 6to4 relay anycast, deprecated.
    (0xc058_6300, 24),
    // RFC 1918 private.
    (0xc0a8_0000, 16),
    // Benchmarking.
    (0xc612_0000, 15),
    // TEST-NET-2.
    (0xc633_6400, 24),
    // TEST-NET-3.
    (0xcb00_7100, 24),
    // Multicast.
    (0xe000_0000, 4),
    // Reserved, including the broadcast 255.255.255.255.
    (0xf000_0000, 4),
    // Azure's WireServer: a public address that only answers inside
    // Azure, and hands out platform secrets there.
    (0xa83f_8110, 32),
];

/// Names that resolve to the machine itself, the local network or a
/// metadata service, compared after trailing dots are removed.
const NON_PUBLIC_NAMES: &[&str] = &["localhost", "metadata.goog"];

/// Special-use suffixes (RFC 6761, RFC 6762, RFC 8375, ICANN's
/// `.internal`) and the common `localdomain`: every name under them is
/// local. `metadata.google.internal` falls under `.internal`.
const NON_PUBLIC_SUFFIXES: &[&str] =
    &[".localhost", ".local", ".internal", ".home.arpa", ".localdomain"];

fn is_non_public_v4(ip: Ipv4Addr) -> bool {
    let bits = u32::from(ip);
    V4_NON_PUBLIC.iter().any(|&(net, len)| in_prefix_v4(bits, net, len))
}

fn in_prefix_v4(bits: u32, net: u32, len: u8) -> bool {
    let mask = u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0);
    bits & mask == net
}

fn is_non_public_v6(ip: Ipv6Addr) -> bool {
    let bits = u128::from(ip);

    // Addresses that carry an IPv4 address reach that address: judge
    // them by it.
    if let Some(v4) = embedded_v4(bits) {
        return is_non_public_v4(v4);
    }

    // Only 2000::/3 is global unicast. Outside it: unspecified, loopback,
    // IPv4-compatible (deprecated), discard-only, unique-local fc00::/7
    // (AWS's fd00:ec2::254), link-local, site-local, multicast.
    if !in_prefix_v6(bits, 0x2000 << 112, 3) {
        return true;
    }
    const NON_PUBLIC: &[(u128, u8)] = &[
        // IETF protocol assignments, including Teredo 2001::/32, whose
        // addresses tunnel to an obfuscated IPv4 address.
        (0x2001 << 112, 23),
        // Documentation.
        (0x2001_0db8 << 96, 32),
        // Documentation.
        (0x3fff << 112, 20),
        // SRv6 segment identifiers.
        (0x5f00 << 112, 16),
    ];
    NON_PUBLIC.iter().any(|&(net, len)| in_prefix_v6(bits, net, len))
}

/// The IPv4 address that an IPv4-mapped, IPv4-translated, NAT64 or 6to4
/// address stands for.
fn embedded_v4(bits: u128) -> Option<Ipv4Addr> {
    // The last 32 bits: ::ffff:0:0/96 (mapped), ::ffff:0:0:0/96
    // (translated), 64:ff9b::/96 (NAT64 well-known prefix).
    const LOW_32: &[(u128, u8)] =
        &[(0xffff << 32, 96), (0xffff << 48, 96), (0x0064_ff9b << 96, 96)];
    if LOW_32.iter().any(|&(net, len)| in_prefix_v6(bits, net, len)) {
        return Some(Ipv4Addr::from(bits as u32));
    }

    // 6to4: 2002:AABB:CCDD::/48 stands for AA.BB.CC.DD.
    if in_prefix_v6(bits, 0x2002 << 112, 16) {
        return Some(Ipv4Addr::from((bits >> 80) as u32));
    }

    // The local-use NAT64 prefix 64:ff9b:1::/48 maps addresses of a
    // local network at positions that depend on its prefix length: judge
    // the whole prefix as private, by mapping it to a private address.
    if in_prefix_v6(bits, 0x0064_ff9b_0001 << 80, 48) {
        return Some(Ipv4Addr::new(10, 0, 0, 0));
    }
    None
}

fn in_prefix_v6(bits: u128, net: u128, len: u8) -> bool {
    let mask = u128::MAX.checked_shl(128 - u32::from(len)).unwrap_or(0);
    bits & mask == net
}

fn is_non_public_name(name: &str) -> bool {
    let name = name.trim_end_matches('.');

    // `10.0.0.5..` is a name to the URL parser but an address to a
    // lenient resolver once the dots are gone: judge it as the address.
    match Host::parse(name) {
        Ok(Host::Ipv4(ip)) => return is_non_public_v4(ip),
        Ok(Host::Ipv6(ip)) => return is_non_public_v6(ip),
        Ok(Host::Domain(_)) => {}
        Err(_) => return true,
    }

    // A name without a dot is completed from the resolver's search
    // domains: `http://metadata/` reaches GCP's metadata service,
    // `http://intranet/` the local network.
    if !name.contains('.') {
        return true;
    }
    NON_PUBLIC_NAMES.contains(&name)
        || NON_PUBLIC_SUFFIXES.iter().any(|suffix| name.ends_with(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(s: &str) -> Host<String> {
        Host::parse(s).unwrap()
    }

    fn non_public(s: &str) -> bool {
        let h = host(s);
        let h = match &h {
            Host::Domain(d) => Host::Domain(d.as_str()),
            Host::Ipv4(ip) => Host::Ipv4(*ip),
            Host::Ipv6(ip) => Host::Ipv6(*ip),
        };
        is_non_public(&h)
    }

    #[test]
    fn ipv4_ranges() {
        for ip in [
            "0.0.0.0",
            "0.1.2.3",
            "10.0.0.1",
            "100.64.0.1",
            "100.100.100.200",
            "100.127.255.255",
            "127.0.0.1",
            "127.255.255.254",
            "169.254.169.254",
            "172.16.0.1",
            "172.31.255.255",
            "192.0.0.192",
            "192.168.1.1",
            "198.18.0.1",
            "224.0.0.1",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
            "168.63.129.16",
        ] {
            assert!(non_public(ip), "{ip}");
        }
        for ip in [
            "1.1.1.1",
            "8.8.8.8",
            "100.63.255.255",
            "100.128.0.0",
            "172.15.255.255",
            "172.32.0.0",
            "169.253.0.1",
            "192.169.0.1",
            "223.255.255.255",
            "168.63.129.17",
        ] {
            assert!(!non_public(ip), "{ip}");
        }
    }

    #[test]
    fn ipv6_ranges() {
        for ip in [
            "[::]",
            "[::1]",
            "[::127.0.0.1]",
            "[::8.8.8.8]",
            "[::ffff:127.0.0.1]",
            "[::ffff:169.254.169.254]",
            "[::ffff:0:10.0.0.1]",
            "[64:ff9b::7f00:1]",
            "[64:ff9b::a9fe:a9fe]",
            "[64:ff9b:1::808:808]",
            "[2002:7f00:1::]",
            "[2002:a9fe:a9fe::1]",
            "[2001::1]",
            "[2001:db8::1]",
            "[fc00::1]",
            "[fd00:ec2::254]",
            "[fe80::1]",
            "[fec0::1]",
            "[ff02::1]",
            "[100::1]",
        ] {
            assert!(non_public(ip), "{ip}");
        }
        for ip in [
            "[2606:4700:4700::1111]",
            "[2a00:1450:4001::200e]",
            "[::ffff:8.8.8.8]",
            "[64:ff9b::808:808]",
            "[2002:808:808::1]",
        ] {
            assert!(!non_public(ip), "{ip}");
        }
    }

    #[test]
    fn names() {
        for name in [
            "localhost",
            "localhost.",
            "a.localhost",
            "metadata",
            "metadata.google.internal",
            "metadata.google.internal.",
            "metadata.goog",
            "printer.local",
            "nas.home.arpa",
            "box.localdomain",
            "intranet",
            "10.0.0.5..",
            "0x7f.1..",
        ] {
            assert!(non_public(name), "{name}");
        }
        for name in [
            "api.openai.com",
            "api.openai.com.",
            "localhost.example.com",
            "notlocalhost.com",
            "internal.example.com",
            "metadata.goog.example.com",
        ] {
            assert!(!non_public(name), "{name}");
        }
    }
}
