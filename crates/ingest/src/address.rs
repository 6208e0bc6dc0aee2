//! Which IP addresses the crawler may connect to: globally reachable unicast, nothing else.
//!
//! The blocks refused are the non-global entries of the IANA special-purpose registries —
//!
//! - IANA IPv4 Special-Purpose Address Registry,
//!   <https://www.iana.org/assignments/iana-ipv4-special-registry/>
//! - IANA IPv6 Special-Purpose Address Registry,
//!   <https://www.iana.org/assignments/iana-ipv6-special-registry/>
//!
//! — plus the multicast, reserved and deprecated blocks of the address-space registries
//! (<https://www.iana.org/assignments/ipv4-address-space/>,
//! <https://www.iana.org/assignments/ipv6-address-space/>): IPv4 multicast and class E, IPv6
//! multicast and site-local, and every IPv6 address outside 2000::/3, the only IPv6 space
//! allocated for global unicast. Where the registry marks a whole block non-global but a few
//! anycast addresses inside it global (192.0.0.0/24, 2001::/23), the whole block is refused: no
//! news site lives there, and a narrower rule is one more thing to get wrong.
//!
//! IPv6 forms that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) are judged
//! by the IPv4 address they carry, since that is where the packets end up: `[::ffff:127.0.0.1]`,
//! `[::7f00:1]`, `[64:ff9b::a9fe:a9fe]` and `[2002:a9fe:a9fe::1]` all reach a local or
//! metadata address. Teredo and local-use NAT64 are refused outright: the IPv4 address a Teredo
//! address carries is obfuscated and its server is a relay, and local-use NAT64 prefixes are by
//! definition not global.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A block of addresses (network and prefix length) and what the registry reserves it for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block<A> {
    /// The first address.
    pub net: A,
    /// Prefix length in bits.
    pub prefix: u8,
    /// The registry's purpose for the block, with its RFC.
    pub purpose: &'static str,
}

/// An IPv4 block.
pub type V4Block = Block<Ipv4Addr>;
/// An IPv6 block.
pub type V6Block = Block<Ipv6Addr>;

impl V4Block {
    const fn new(net: Ipv4Addr, prefix: u8, purpose: &'static str) -> Self {
        Self { net, prefix, purpose }
    }

    /// True when `ip` is inside the block.
    pub const fn contains(&self, ip: Ipv4Addr) -> bool {
        // A shift by the full width would overflow: a /0 holds everything.
        self.prefix == 0 || (ip.to_bits() ^ self.net.to_bits()) >> (32 - self.prefix as u32) == 0
    }
}

impl V6Block {
    const fn new(net: Ipv6Addr, prefix: u8, purpose: &'static str) -> Self {
        Self { net, prefix, purpose }
    }

    /// True when `ip` is inside the block.
    pub const fn contains(&self, ip: Ipv6Addr) -> bool {
        self.prefix == 0 || (ip.to_bits() ^ self.net.to_bits()) >> (128 - self.prefix as u32) == 0
    }
}

impl<A: fmt::Display> fmt::Display for Block<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{} ({})", self.net, self.prefix, self.purpose)
    }
}

const fn v4(a: u8, b: u8, c: u8, d: u8) -> Ipv4Addr {
    Ipv4Addr::new(a, b, c, d)
}

#[allow(clippy::too_many_arguments)]
const fn v6(a: u16, b: u16, c: u16, d: u16, e: u16, f: u16, g: u16, h: u16) -> Ipv6Addr {
    Ipv6Addr::new(a, b, c, d, e, f, g, h)
}

// IPv4 Special-Purpose Address Registry (non-global entries), then the address-space registry.
/// 0.0.0.0/8.
pub const THIS_NETWORK: V4Block = V4Block::new(v4(0, 0, 0, 0), 8, "\"this network\", RFC 791");
/// 10.0.0.0/8.
pub const PRIVATE_10: V4Block = V4Block::new(v4(10, 0, 0, 0), 8, "private use, RFC 1918");
/// 100.64.0.0/10.
pub const SHARED_ADDRESS_SPACE: V4Block =
    V4Block::new(v4(100, 64, 0, 0), 10, "shared address space behind carrier-grade NAT, RFC 6598");
/// 127.0.0.0/8.
pub const LOOPBACK_V4: V4Block = V4Block::new(v4(127, 0, 0, 0), 8, "loopback, RFC 1122");
/// 169.254.0.0/16.
pub const LINK_LOCAL_V4: V4Block =
    V4Block::new(v4(169, 254, 0, 0), 16, "link-local, where cloud metadata services answer, RFC 3927");
/// 172.16.0.0/12.
pub const PRIVATE_172: V4Block = V4Block::new(v4(172, 16, 0, 0), 12, "private use, RFC 1918");
/// 192.0.0.0/24.
pub const IETF_PROTOCOL_V4: V4Block = V4Block::new(v4(192, 0, 0, 0), 24, "IETF protocol assignments, RFC 6890");
/// 192.0.2.0/24.
pub const TEST_NET_1: V4Block = V4Block::new(v4(192, 0, 2, 0), 24, "documentation (TEST-NET-1), RFC 5737");
/// 192.88.99.0/24.
pub const SIX_TO_FOUR_RELAY: V4Block = V4Block::new(v4(192, 88, 99, 0), 24, "6to4 relay anycast, deprecated, RFC 7526");
/// 192.168.0.0/16.
pub const PRIVATE_192: V4Block = V4Block::new(v4(192, 168, 0, 0), 16, "private use, RFC 1918");
/// 198.18.0.0/15.
pub const BENCHMARKING_V4: V4Block = V4Block::new(v4(198, 18, 0, 0), 15, "benchmarking, RFC 2544");
/// 198.51.100.0/24.
pub const TEST_NET_2: V4Block = V4Block::new(v4(198, 51, 100, 0), 24, "documentation (TEST-NET-2), RFC 5737");
/// 203.0.113.0/24.
pub const TEST_NET_3: V4Block = V4Block::new(v4(203, 0, 113, 0), 24, "documentation (TEST-NET-3), RFC 5737");
/// 224.0.0.0/4 (IPv4 address-space registry).
pub const MULTICAST_V4: V4Block = V4Block::new(v4(224, 0, 0, 0), 4, "multicast, RFC 5771");
/// 240.0.0.0/4, with the limited broadcast 255.255.255.255.
pub const RESERVED_V4: V4Block =
    V4Block::new(v4(240, 0, 0, 0), 4, "reserved, RFC 1112, and the limited broadcast, RFC 919");

/// Every IPv4 block marsad refuses.
pub const NON_GLOBAL_V4: [V4Block; 15] = [
    THIS_NETWORK,
    PRIVATE_10,
    SHARED_ADDRESS_SPACE,
    LOOPBACK_V4,
    LINK_LOCAL_V4,
    PRIVATE_172,
    IETF_PROTOCOL_V4,
    TEST_NET_1,
    SIX_TO_FOUR_RELAY,
    PRIVATE_192,
    BENCHMARKING_V4,
    TEST_NET_2,
    TEST_NET_3,
    MULTICAST_V4,
    RESERVED_V4,
];

// IPv6 Special-Purpose Address Registry (non-global entries), then the address-space registry.
/// ::/128.
pub const UNSPECIFIED_V6: V6Block = V6Block::new(v6(0, 0, 0, 0, 0, 0, 0, 0), 128, "unspecified, RFC 4291");
/// ::1/128.
pub const LOOPBACK_V6: V6Block = V6Block::new(v6(0, 0, 0, 0, 0, 0, 0, 1), 128, "loopback, RFC 4291");
/// 64:ff9b:1::/48.
pub const NAT64_LOCAL: V6Block =
    V6Block::new(v6(0x64, 0xff9b, 1, 0, 0, 0, 0, 0), 48, "local-use IPv4/IPv6 translation, RFC 8215");
/// 100::/64.
pub const DISCARD_ONLY: V6Block = V6Block::new(v6(0x100, 0, 0, 0, 0, 0, 0, 0), 64, "discard-only, RFC 6666");
/// 100:0:0:1::/64.
pub const DUMMY_PREFIX: V6Block = V6Block::new(v6(0x100, 0, 0, 1, 0, 0, 0, 0), 64, "dummy IPv6 prefix, RFC 9780");
/// 2001::/32. Listed before the IETF block around it so that refusals name it.
pub const TEREDO: V6Block = V6Block::new(
    v6(0x2001, 0, 0, 0, 0, 0, 0, 0),
    32,
    "Teredo, RFC 4380: the IPv4 client it carries is obfuscated and its server is a relay",
);
/// 2001:2::/48.
pub const BENCHMARKING_V6: V6Block = V6Block::new(v6(0x2001, 2, 0, 0, 0, 0, 0, 0), 48, "benchmarking, RFC 5180");
/// 2001:10::/28.
pub const ORCHID_V1: V6Block = V6Block::new(v6(0x2001, 0x10, 0, 0, 0, 0, 0, 0), 28, "ORCHIDv1, retired, RFC 4843");
/// 2001:20::/28.
pub const ORCHID_V2: V6Block =
    V6Block::new(v6(0x2001, 0x20, 0, 0, 0, 0, 0, 0), 28, "ORCHIDv2: identifiers, not routable locators, RFC 7343");
/// 2001::/23, around the blocks above.
pub const IETF_PROTOCOL_V6: V6Block =
    V6Block::new(v6(0x2001, 0, 0, 0, 0, 0, 0, 0), 23, "IETF protocol assignments, RFC 2928");
/// 2001:db8::/32.
pub const DOCUMENTATION_V6: V6Block = V6Block::new(v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32, "documentation, RFC 3849");
/// 3fff::/20.
pub const DOCUMENTATION_3FFF: V6Block = V6Block::new(v6(0x3fff, 0, 0, 0, 0, 0, 0, 0), 20, "documentation, RFC 9637");
/// 5f00::/16.
pub const SRV6_SIDS: V6Block =
    V6Block::new(v6(0x5f00, 0, 0, 0, 0, 0, 0, 0), 16, "segment routing (SRv6) SIDs, RFC 9602");
/// fc00::/7.
pub const UNIQUE_LOCAL: V6Block = V6Block::new(v6(0xfc00, 0, 0, 0, 0, 0, 0, 0), 7, "unique-local, RFC 4193");
/// fe80::/10.
pub const LINK_LOCAL_V6: V6Block = V6Block::new(v6(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10, "link-local unicast, RFC 4291");
/// fec0::/10 (IPv6 address-space registry).
pub const SITE_LOCAL: V6Block = V6Block::new(v6(0xfec0, 0, 0, 0, 0, 0, 0, 0), 10, "site-local, deprecated, RFC 3879");
/// ff00::/8 (IPv6 address-space registry).
pub const MULTICAST_V6: V6Block = V6Block::new(v6(0xff00, 0, 0, 0, 0, 0, 0, 0), 8, "multicast, RFC 4291");

/// Every IPv6 block marsad refuses outright, most specific first (the first match names the
/// reason).
pub const NON_GLOBAL_V6: [V6Block; 16] = [
    UNSPECIFIED_V6,
    LOOPBACK_V6,
    NAT64_LOCAL,
    DISCARD_ONLY,
    DUMMY_PREFIX,
    TEREDO,
    BENCHMARKING_V6,
    ORCHID_V1,
    ORCHID_V2,
    IETF_PROTOCOL_V6,
    DOCUMENTATION_V6,
    DOCUMENTATION_3FFF,
    SRV6_SIDS,
    UNIQUE_LOCAL,
    LINK_LOCAL_V6,
    MULTICAST_V6,
];

/// The only IPv6 space allocated for global unicast; the rest is reserved by the IETF.
pub const GLOBAL_UNICAST_V6: V6Block = V6Block::new(v6(0x2000, 0, 0, 0, 0, 0, 0, 0), 3, "global unicast, RFC 4291");

/// Where in an IPv6 address the IPv4 address it carries sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum V4Position {
    /// The last 32 bits.
    Last32,
    /// Bits 16 to 48, after the 2002::/16 prefix (6to4).
    AfterPrefix16,
}

/// An IPv6 form that carries an IPv4 address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Embedding {
    /// The IPv6 block of the form.
    pub block: V6Block,
    /// Where the IPv4 address is.
    pub position: V4Position,
}

impl Embedding {
    /// The IPv4 address `ip` carries, when it is of this form.
    pub fn carried(&self, ip: Ipv6Addr) -> Option<Ipv4Addr> {
        if !self.block.contains(ip) {
            return None;
        }
        let bits = ip.to_bits();
        let v4 = match self.position {
            V4Position::Last32 => bits as u32,
            V4Position::AfterPrefix16 => (bits >> 80) as u32,
        };
        Some(Ipv4Addr::from_bits(v4))
    }
}

/// ::ffff:0:0/96.
pub const V4_MAPPED: Embedding = Embedding {
    block: V6Block::new(v6(0, 0, 0, 0, 0, 0xffff, 0, 0), 96, "IPv4-mapped, RFC 4291"),
    position: V4Position::Last32,
};
/// ::/96 (after :: and ::1, which are refused as themselves).
pub const V4_COMPATIBLE: Embedding = Embedding {
    block: V6Block::new(v6(0, 0, 0, 0, 0, 0, 0, 0), 96, "IPv4-compatible, deprecated, RFC 4291"),
    position: V4Position::Last32,
};
/// 64:ff9b::/96.
pub const NAT64: Embedding = Embedding {
    block: V6Block::new(v6(0x64, 0xff9b, 0, 0, 0, 0, 0, 0), 96, "IPv4/IPv6 translation (NAT64), RFC 6052"),
    position: V4Position::Last32,
};
/// 2002::/16.
pub const SIX_TO_FOUR: Embedding = Embedding {
    block: V6Block::new(v6(0x2002, 0, 0, 0, 0, 0, 0, 0), 16, "6to4, RFC 3056"),
    position: V4Position::AfterPrefix16,
};

/// The IPv6 forms judged by the IPv4 address they carry.
pub const EMBEDDINGS: [Embedding; 4] = [V4_MAPPED, V4_COMPATIBLE, NAT64, SIX_TO_FOUR];

/// Why an address is not public.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonPublic {
    /// An IPv4 address in a refused block.
    V4(&'static V4Block),
    /// An IPv6 address in a refused block.
    V6(&'static V6Block),
    /// An IPv6 form carrying an IPv4 address that is not public.
    Carries {
        /// The form.
        form: &'static Embedding,
        /// The IPv4 address carried.
        v4: Ipv4Addr,
        /// The block it is in.
        block: &'static V4Block,
    },
    /// An IPv6 address outside 2000::/3.
    NotGlobalUnicast,
}

impl fmt::Display for NonPublic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NonPublic::V4(b) => write!(f, "in {b}"),
            NonPublic::V6(b) => write!(f, "in {b}"),
            NonPublic::Carries { form, v4, block } => write!(f, "carries {v4} in {}; {v4} is in {block}", form.block),
            NonPublic::NotGlobalUnicast => write!(f, "outside {GLOBAL_UNICAST_V6}, reserved by the IETF"),
        }
    }
}

fn non_public_v4(ip: Ipv4Addr) -> Option<&'static V4Block> {
    NON_GLOBAL_V4.iter().find(|b| b.contains(ip))
}

/// Why `ip` is not a globally reachable unicast address; `None` when it is.
pub fn non_public(ip: IpAddr) -> Option<NonPublic> {
    match ip {
        IpAddr::V4(ip) => non_public_v4(ip).map(NonPublic::V4),
        IpAddr::V6(ip) => {
            if let Some(b) = NON_GLOBAL_V6.iter().find(|b| b.contains(ip)) {
                return Some(NonPublic::V6(b));
            }
            if let Some((form, v4)) = EMBEDDINGS.iter().find_map(|e| e.carried(ip).map(|v4| (e, v4))) {
                return non_public_v4(v4).map(|block| NonPublic::Carries { form, v4, block });
            }
            (!GLOBAL_UNICAST_V6.contains(ip)).then_some(NonPublic::NotGlobalUnicast)
        }
    }
}

/// True for globally reachable unicast addresses.
pub fn is_public(ip: IpAddr) -> bool {
    non_public(ip).is_none()
}

/// Addresses in URL host form, for the tests here and of the fetcher.
#[cfg(test)]
pub(crate) mod examples {
    /// Hosts that reach a non-public address, many through an IPv6 form carrying an IPv4 one.
    pub const REFUSED: &[&str] = &[
        "[::7f00:1]",                             // IPv4-compatible 127.0.0.1
        "[64:ff9b::a9fe:a9fe]",                   // NAT64 169.254.169.254
        "[2002:a9fe:a9fe::1]",                    // 6to4 169.254.169.254
        "[fec0::1]",                              // site-local
        "[::ffff:169.254.169.254]",               // IPv4-mapped
        "[64:ff9b:1::a9fe:a9fe]",                 // local-use NAT64
        "[2001:0:4136:e378:8000:63bf:3fff:fdd2]", // Teredo
        "192.0.0.8",
        "192.88.99.1",
        "198.18.0.1",
        "198.19.255.255",
        "240.0.0.1",
        "255.255.255.255",
        "[100::1]",
        "[2001:2::1]",
        "[2001:10::1]",
        "[2001:20::1]",
        "[2001:db8::1]",
        "[3fff::1]",
        "[5f00::1]",
        "[fc00::1]",
        "[fe80::1]",
        "[ff02::1]",
        "[::]",
        "[4000::1]", // outside 2000::/3
    ];

    pub const PUBLIC: &[&str] = &[
        "8.8.8.8",
        "1.1.1.1",
        "100.63.255.255",
        "100.128.0.1",
        "172.32.0.1",
        "198.17.255.255",
        "198.20.0.1",
        "223.255.255.255",
        "[2a00:1450:4001::1]",
        "[2606:4700:4700::1111]",
        "[::ffff:8.8.8.8]",
        "[64:ff9b::808:808]",
        "[2002:808:808::1]",
    ];
}

#[cfg(test)]
mod tests {
    use super::examples::{PUBLIC, REFUSED};
    use super::*;

    #[test]
    fn ipv6_forms_carrying_ipv4_and_special_purpose_ranges_are_not_public() {
        let ip_of = |host: &str| -> IpAddr { host.trim_matches(['[', ']']).parse().unwrap() };
        for host in REFUSED {
            assert!(!is_public(ip_of(host)), "{host} is not public");
        }
        for host in PUBLIC {
            assert!(is_public(ip_of(host)), "{host} is public");
        }
    }

    #[test]
    fn common_private_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "224.0.0.1",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["8.8.8.8", "185.10.20.30", "2a00:1450:4001::1"] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn blocks_hold_their_first_and_last_address_and_nothing_beyond() {
        assert!(BENCHMARKING_V4.contains("198.18.0.0".parse().unwrap()));
        assert!(BENCHMARKING_V4.contains("198.19.255.255".parse().unwrap()));
        assert!(!BENCHMARKING_V4.contains("198.20.0.0".parse().unwrap()));
        assert!(!BENCHMARKING_V4.contains("198.17.255.255".parse().unwrap()));
        assert!(SITE_LOCAL.contains("feff:ffff::1".parse().unwrap()));
        assert!(!SITE_LOCAL.contains("ff00::1".parse().unwrap()));
        assert!(UNSPECIFIED_V6.contains(Ipv6Addr::UNSPECIFIED) && !UNSPECIFIED_V6.contains(Ipv6Addr::LOCALHOST));
        let everything = V4Block::new(v4(0, 0, 0, 0), 0, "all");
        assert!(everything.contains(Ipv4Addr::BROADCAST), "a /0 does not overflow the shift");
    }

    #[test]
    fn every_listed_block_is_refused_from_its_first_to_its_last_address() {
        for b in NON_GLOBAL_V4 {
            let last = Ipv4Addr::from_bits(b.net.to_bits() | (u32::MAX >> b.prefix));
            for a in [b.net, last] {
                assert!(!is_public(IpAddr::V4(a)), "{a} in {b}");
            }
        }
        for b in NON_GLOBAL_V6 {
            let host_bits = if b.prefix == 128 { 0 } else { u128::MAX >> b.prefix };
            let last = Ipv6Addr::from_bits(b.net.to_bits() | host_bits);
            for a in [b.net, last] {
                assert!(!is_public(IpAddr::V6(a)), "{a} in {b}");
            }
        }
    }

    #[test]
    fn a_refusal_names_the_carried_address_and_its_block() {
        let why = non_public(ip("64:ff9b::a9fe:a9fe")).unwrap().to_string();
        assert!(why.contains("NAT64") && why.contains("169.254.169.254") && why.contains("link-local"), "{why}");
        let why = non_public(ip("2002:a9fe:a9fe::1")).unwrap().to_string();
        assert!(why.contains("6to4") && why.contains("169.254.169.254"), "{why}");
        assert_eq!(non_public(ip("2001::1")), Some(NonPublic::V6(&TEREDO)));
        assert_eq!(
            non_public(ip("::1")),
            Some(NonPublic::V6(&LOOPBACK_V6)),
            "loopback, not an IPv4-compatible 0.0.0.1"
        );
        assert_eq!(non_public(ip("4000::1")), Some(NonPublic::NotGlobalUnicast));
        assert_eq!(non_public(ip("2a00:1450:4001::1")), None);
    }
}
