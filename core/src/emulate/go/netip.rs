//! Whether `netip.ParseAddr` reads a string as an IPv6 address, the test Go's
//! `net/url` (1.25.6 and later) applies to a bracketed host: `[…]` must hold an IPv6
//! address (an IPv4-mapped one counts; a plain IPv4 address does not).
//!
//! The rules, as Go applies them: the first of `.`, `:` or `%` decides the family; a
//! `%zone` suffix must be non-empty; fields are 1 to 4 hex digits separated by `:`; one
//! `::` stands for at least one zero field; eight fields in all, or six and an embedded
//! IPv4 address in the last four bytes (four decimal fields 0-255, no leading zeros).

/// `netip.ParseAddr(s)` succeeds and `Is4()` is false.
pub fn is_ipv6_address(s: &str) -> bool {
    match s.bytes().find(|b| matches!(b, b'.' | b':' | b'%')) {
        Some(b':') => ipv6(s),
        _ => false,
    }
}

fn ipv6(s: &str) -> bool {
    let addr = match s.split_once('%') {
        Some((_, "")) => return false,
        Some((addr, _zone)) => addr,
        None => s,
    };
    let b = addr.as_bytes();
    let mut bytes = 0; // address bytes filled so far, of 16
    let mut ellipsis = false;
    let mut i = 0;
    if b.starts_with(b"::") {
        ellipsis = true;
        i = 2;
        if i == b.len() {
            return true;
        }
    }
    while bytes < 16 {
        let start = i;
        while i < b.len() && b[i].is_ascii_hexdigit() {
            if i - start == 4 {
                return false; // a field of five or more digits
            }
            i += 1;
        }
        if i == start {
            return false; // an empty field
        }
        if b.get(i) == Some(&b'.') {
            // An embedded IPv4 address ends the address in its last four bytes.
            if (!ellipsis && bytes != 12) || bytes + 4 > 16 {
                return false;
            }
            return ipv4(&addr[start..]) && expands(bytes + 4, ellipsis);
        }
        bytes += 2;
        if i == b.len() {
            break;
        }
        if b[i] != b':' || i + 1 == b.len() {
            return false;
        }
        i += 1;
        if b[i] == b':' {
            if ellipsis {
                return false; // a second ::
            }
            ellipsis = true;
            i += 1;
            if i == b.len() {
                break;
            }
        }
    }
    if i != b.len() {
        return false;
    }
    expands(bytes, ellipsis)
}

/// Fewer than 16 bytes need a `::`, and a `::` must stand for at least one zero field.
fn expands(bytes: usize, ellipsis: bool) -> bool {
    if bytes < 16 {
        ellipsis
    } else {
        !ellipsis
    }
}

/// Four decimal fields 0-255 without leading zeros.
fn ipv4(s: &str) -> bool {
    let fields: alloc::vec::Vec<&str> = s.split('.').collect();
    fields.len() == 4
        && fields.iter().all(|f| {
            !f.is_empty() && f.len() <= 3 && f.bytes().all(|c| c.is_ascii_digit()) && !(f.len() > 1 && f.starts_with('0'))
                && f.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

#[cfg(test)]
mod tests {
    use super::is_ipv6_address;

    /// Go 1.25.8's `netip.ParseAddr` on each input (`ok` = an IPv6 address).
    #[test]
    fn as_go_parses() {
        for ok in ["::", "::1", "2001:db8::1", "1:2:3:4:5:6:7:8", "fe80::1%en0", "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4",
            "0000:0:0:0:0:0:0:1", "a::b", "1::", "1:2:3:4:5:6:7::"]
        {
            assert!(is_ipv6_address(ok), "{ok}");
        }
        for bad in ["", "1.2.3.4", "2001:db8:1", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1::", ":1::", "1:", "12345::", "fe80::1%",
            "%en0", "::1.2.3", "::1.2.3.04", "::256.1.1.1", "1:2:3:4:5:6:7:1.2.3.4", "1::2:3:4:5:6:1.2.3.4", "g::", "1.2.3.4:5::", "::ffff:1.2.3.4.5", "1:2:3:4:5:6:7:8%"]
        {
            assert!(!is_ipv6_address(bad), "{bad}");
        }
    }
}
