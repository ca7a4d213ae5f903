//! The part of Go's `net/url.Parse` that remote bundle refs depend on (ANIP-REF-11),
//! and `url.PathEscape`, with which upstream builds registry URLs (ANIP-SIG-12).
//!
//! Upstream validates refs by handing `https://…` and `s3://…` strings to Go's URL
//! parser and then looking at `Scheme`, `User`, `Host`, `Path`, `RawQuery` and
//! `Fragment`. Which strings that parser accepts *is* the contract, so this is a
//! small hand-written re-implementation of exactly that behaviour (Go 1.25 with the
//! CVE-2026-25679 fix), not a general URL library:
//!
//! * the fragment is cut at the **first** `#` and percent-decoded (a bad escape is an
//!   error; an empty fragment, as in `…#`, is simply empty);
//! * a trailing `?` that is the only `?` sets `ForceQuery` and leaves `RawQuery`
//!   empty; otherwise the query is everything after the first `?`, never decoded;
//! * `//authority` runs up to the first `/`; userinfo is everything before the
//!   **last** `@` and must use RFC 3986 userinfo characters;
//! * the port (after the last `:`, or after `]`) must be empty or all digits;
//! * in the host, `%XX` must be a non-ASCII byte (or `%25`), an IPv6 literal `[` may
//!   only open the host, and what it brackets must be an IPv6 address (`netip`);
//! * the path is percent-decoded; a bad escape is an error.
//!
//! Decisions are listed in `docs/conformance/anip-material.md`.
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::netip;

/// The fields of Go's `url.URL` that ref validation reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoUrl {
    /// Lowercased scheme.
    pub scheme: String,
    /// `Some` when an authority had a userinfo part (even an empty one, `https://@h`).
    pub user: Option<String>,
    /// Percent-decoded host, port included.
    pub host: String,
    /// Percent-decoded path.
    pub path: String,
    /// The raw query (never decoded); empty for a lone trailing `?`.
    pub raw_query: String,
    /// Percent-decoded fragment.
    pub fragment: String,
    /// Set when the URL has no `//` after the scheme (`mailto:x`).
    pub opaque: String,
}

/// Why Go's parser refused the string (Go's error text, for diagnostics only:
/// ref validation replaces it with its own message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlError(pub String);

/// Go `url.Parse(raw)`.
pub fn parse(raw: &str) -> Result<GoUrl, UrlError> {
    let (before_fragment, fragment) = match raw.find('#') {
        Some(i) => (&raw[..i], Some(&raw[i + 1..])),
        None => (raw, None),
    };
    let mut url = parse_without_fragment(before_fragment)?;
    if let Some(f) = fragment {
        if !f.is_empty() {
            url.fragment = unescape(f, Mode::Fragment)?;
        }
    }
    Ok(url)
}

fn parse_without_fragment(raw: &str) -> Result<GoUrl, UrlError> {
    if raw.bytes().any(|b| b < 0x20 || b == 0x7f) {
        return Err(UrlError("net/url: invalid control character in URL".into()));
    }
    let mut url = GoUrl::default();
    if raw == "*" {
        url.path = "*".into();
        return Ok(url);
    }
    let (scheme, rest) = split_scheme(raw)?;
    url.scheme = scheme.to_ascii_lowercase();
    let mut rest = rest;
    if rest.ends_with('?') && rest.matches('?').count() == 1 {
        // ForceQuery: `https://h/p?` keeps an empty RawQuery.
        rest = &rest[..rest.len() - 1];
    } else if let Some(i) = rest.find('?') {
        url.raw_query = rest[i + 1..].to_string();
        rest = &rest[..i];
    }
    if !rest.starts_with('/') {
        if !url.scheme.is_empty() {
            url.opaque = rest.to_string();
            return Ok(url);
        }
        // A relative reference: a colon in the first segment is an error.
        if let Some(colon) = rest.find(':') {
            if rest.find('/').map_or(true, |slash| colon < slash) {
                return Err(UrlError("first path segment in URL cannot contain colon".into()));
            }
        }
    }
    if (!url.scheme.is_empty() || !rest.starts_with("///")) && rest.starts_with("//") {
        let authority_and_path = &rest[2..];
        let (authority, path) = match authority_and_path.find('/') {
            Some(i) => (&authority_and_path[..i], &authority_and_path[i..]),
            None => (authority_and_path, ""),
        };
        let (user, host) = parse_authority(authority)?;
        url.user = user;
        url.host = host;
        rest = path;
    }
    url.path = unescape(rest, Mode::Path)?;
    Ok(url)
}

/// Go `getScheme`: letters, then letters, digits, `+`, `-`, `.` up to a `:`.
fn split_scheme(raw: &str) -> Result<(&str, &str), UrlError> {
    for (i, c) in raw.bytes().enumerate() {
        match c {
            b'a'..=b'z' | b'A'..=b'Z' => {}
            b'0'..=b'9' | b'+' | b'-' | b'.' if i > 0 => {}
            b'0'..=b'9' | b'+' | b'-' | b'.' => return Ok(("", raw)),
            b':' if i == 0 => return Err(UrlError("missing protocol scheme".into())),
            b':' => return Ok((&raw[..i], &raw[i + 1..])),
            _ => return Ok(("", raw)),
        }
    }
    Ok(("", raw))
}

fn parse_authority(authority: &str) -> Result<(Option<String>, String), UrlError> {
    let at = authority.rfind('@');
    let host = match at {
        Some(i) => parse_host(&authority[i + 1..])?,
        None => parse_host(authority)?,
    };
    let Some(i) = at else { return Ok((None, host)) };
    let userinfo = &authority[..i];
    if !valid_userinfo(userinfo) {
        return Err(UrlError("net/url: invalid userinfo".into()));
    }
    // Go unescapes username and password separately; the decoded text is irrelevant
    // here, only whether it decodes.
    let user = match userinfo.split_once(':') {
        Some((name, password)) => {
            let mut u = unescape(name, Mode::UserPassword)?;
            u.push(':');
            u.push_str(&unescape(password, Mode::UserPassword)?);
            u
        }
        None => unescape(userinfo, Mode::UserPassword)?,
    };
    Ok((Some(user), host))
}

fn valid_userinfo(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(c, '-' | '.' | '_' | ':' | '~' | '!' | '$' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | ';' | '=' | '%' | '@')
    })
}

fn valid_optional_port(port: &str) -> bool {
    match port.strip_prefix(':') {
        None => port.is_empty(),
        Some(digits) => digits.bytes().all(|b| b.is_ascii_digit()),
    }
}

fn parse_host(host: &str) -> Result<String, UrlError> {
    match host.rfind('[') {
        // CVE-2026-25679: an IPv6 literal must open the host.
        Some(open) if open > 0 => Err(UrlError("invalid IP-literal".into())),
        Some(_) => {
            let Some(close) = host.rfind(']') else {
                return Err(UrlError("missing ']' in host".into()));
            };
            let colon_port = &host[close + 1..];
            if !valid_optional_port(colon_port) {
                return Err(UrlError(alloc::format!("invalid port {colon_port:?} after host")));
            }
            let colon_port = unescape(colon_port, Mode::Host)?;
            // RFC 6874 zone identifiers: `%25` starts a zone whose escapes are free-form.
            let literal = &host[1..close];
            let mut address = match literal.find("%25") {
                Some(zone) => unescape(&literal[..zone], Mode::Host)? + &unescape(&literal[zone..], Mode::Zone)?,
                None => unescape(literal, Mode::Host)?,
            };
            // Only an IPv6 address may be bracketed (Go 1.25.6 and later).
            if !netip::is_ipv6_address(&address) {
                return Err(UrlError("invalid IP-literal".into()));
            }
            address.insert(0, '[');
            address.push(']');
            Ok(address + &colon_port)
        }
        None => {
            if let Some(i) = host.rfind(':') {
                let colon_port = &host[i..];
                if !valid_optional_port(colon_port) {
                    return Err(UrlError(alloc::format!("invalid port {colon_port:?} after host")));
                }
            }
            unescape(host, Mode::Host)
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Path,
    Host,
    Zone,
    UserPassword,
    Fragment,
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Go `shouldEscape(c, encodeHost)` for ASCII bytes: what may not appear raw in a host.
fn host_byte_must_be_escaped(c: u8) -> bool {
    !(c.is_ascii_alphanumeric()
        || matches!(
            c,
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b':' | b'[' | b']' | b'<' | b'>' | b'"'
                | b'-' | b'_' | b'.' | b'~'
        ))
}

/// Go `unescape`: percent-decoding with the per-component rules; invalid UTF-8 in the
/// decoded bytes is replaced (Go keeps the raw bytes; only validity matters here).
fn unescape(s: &str, mode: Mode) -> Result<String, UrlError> {
    let bytes = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hi = bytes.get(i + 1).copied().and_then(hex_value);
            let lo = bytes.get(i + 2).copied().and_then(hex_value);
            let (Some(hi), Some(lo)) = (hi, lo) else {
                let end = (i + 3).min(bytes.len());
                return Err(UrlError(alloc::format!("invalid URL escape {:?}", String::from_utf8_lossy(&bytes[i..end]))));
            };
            if mode == Mode::Host && hi < 8 && &s[i..i + 3] != "%25" {
                return Err(UrlError(alloc::format!("invalid URL escape {:?}", &s[i..i + 3])));
            }
            out.push(hi * 16 + lo);
            i += 3;
            continue;
        }
        if matches!(mode, Mode::Host | Mode::Zone) && b < 0x80 && host_byte_must_be_escaped(b) {
            return Err(UrlError(alloc::format!("invalid character {:?} in host name", b as char)));
        }
        out.push(b);
        i += 1;
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Go `url.PathEscape`: one path segment, every byte outside its unreserved set
/// (letters, digits, `-_.~$&+,;=:@`) as `%XX`, upper-case.
pub fn path_escape(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'$' | b'&' | b'+' | b',' | b';' | b'='
            | b':' | b'@' => out.push(b as char),
            _ => out.push_str(&alloc::format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_parts() {
        let u = parse("https://user:pw@example.com:8443/a/b%2Fc?x=1#frag%41").unwrap();
        assert_eq!(u.scheme, "https");
        assert_eq!(u.user.as_deref(), Some("user:pw"));
        assert_eq!(u.host, "example.com:8443");
        assert_eq!(u.path, "/a/b/c");
        assert_eq!(u.raw_query, "x=1");
        assert_eq!(u.fragment, "fragA");
    }

    #[test]
    fn lone_trailing_question_mark_is_an_empty_query() {
        assert_eq!(parse("https://h/p?").unwrap().raw_query, "");
        assert_eq!(parse("https://h/p??").unwrap().raw_query, "?");
        assert_eq!(parse("https://h/p?a?").unwrap().raw_query, "a?");
    }

    #[test]
    fn empty_fragment_and_empty_userinfo() {
        let u = parse("https://h/p#").unwrap();
        assert_eq!(u.fragment, "");
        assert_eq!(parse("https://@h/p").unwrap().user.as_deref(), Some(""));
    }

    #[test]
    fn ports_must_be_numeric() {
        assert!(parse("https://h:80/p").is_ok());
        assert!(parse("https://h:/p").is_ok());
        assert!(parse("https://h:8x/p").is_err());
        // Only the part after the last colon is a port.
        assert_eq!(parse("https://h:1:2/p").unwrap().host, "h:1:2");
        assert_eq!(parse("https://:80/p").unwrap().host, ":80");
    }

    #[test]
    fn escapes() {
        assert!(parse("https://h/a%zz").is_err());
        assert!(parse("https://h/a%2").is_err());
        assert_eq!(parse("https://h/%2e%2e/x").unwrap().path, "/../x");
        assert!(parse("https://h%41/p").is_err(), "ASCII escapes are not allowed in hosts");
        assert_eq!(parse("https://h%C3%A9/p").unwrap().host, "h\u{e9}");
        assert!(parse("https://h/p#%zz").is_err());
        assert!(parse("https://u%zz@h/p").is_err());
    }

    #[test]
    fn path_escape_keeps_go_s_unreserved_set() {
        assert_eq!(path_escape("a b/c"), "a%20b%2Fc");
        assert_eq!(path_escape("A-z_0.9~$&+,;=:@"), "A-z_0.9~$&+,;=:@");
        assert_eq!(path_escape("?#%\u{e9}"), "%3F%23%25%C3%A9");
    }

    #[test]
    fn ip_literals() {
        assert_eq!(parse("https://[::1]:80/p").unwrap().host, "[::1]:80");
        assert!(parse("https://[::1/p").is_err());
        assert!(parse("https://[::1]x/p").is_err());
        assert!(parse("https://a[::1]/p").is_err());
    }

    #[test]
    fn authority_stops_at_first_slash_after_query_cut() {
        let u = parse("https://h?q/x").unwrap();
        assert_eq!(u.host, "h");
        assert_eq!(u.path, "");
        assert_eq!(u.raw_query, "q/x");
    }

    #[test]
    fn userinfo_charset() {
        assert!(parse("https://a[b@h/p").is_err());
        assert_eq!(parse("https://a@b@h/p").unwrap().user.as_deref(), Some("a@b"));
    }

    #[test]
    fn control_characters_rejected() {
        assert!(parse("https://h/\u{7f}").is_err());
    }
}
