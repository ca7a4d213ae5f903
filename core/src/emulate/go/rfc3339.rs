//! Timestamps as upstream's build-local reads and writes them: Go's
//! `time.Parse(time.RFC3339, s)` decides what is accepted (the string itself is then
//! copied verbatim), and `t.UTC().Format(time.RFC3339)` is the Registry's
//! `published_at` / `issued_at` form (UTC, whole seconds).
//!
//! `time.Parse` tries a strict fast path and falls back to the general layout
//! parser, which accepts a superset with the same instant: a one-digit hour
//! (`T1:00:00Z`), a comma before the fraction (`00:00:00,5Z`) and zone offsets up to
//! `±24:00` / `±00:60`. Only the general parser is needed to decide both.
use alloc::string::String;

fn digit(b: &[u8], at: usize) -> Option<i64> {
    b.get(at).filter(|c| c.is_ascii_digit()).map(|c| i64::from(c - b'0'))
}

/// Go's `getnum`: two digits, or one when `fixed` is false; returns the value and the rest.
fn getnum(b: &[u8], fixed: bool) -> Option<(i64, &[u8])> {
    let first = digit(b, 0)?;
    match digit(b, 1) {
        Some(second) => Some((first * 10 + second, &b[2..])),
        None if fixed => None,
        None => Some((first, &b[1..])),
    }
}

fn skip(b: &[u8], literal: u8) -> Option<&[u8]> {
    (b.first() == Some(&literal)).then(|| &b[1..])
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Go's `time.Parse(time.RFC3339, s)`: the instant in Unix seconds (the fraction,
/// which `Format(time.RFC3339)` drops, is not kept), or `None` where Go fails.
pub fn parse_go_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    // "2006": four digits (Go's atoi would take a sign, but the first byte must be a digit).
    let year = b.get(..4).filter(|y| y.iter().all(u8::is_ascii_digit))?;
    let year = year.iter().fold(0i64, |acc, c| acc * 10 + i64::from(c - b'0'));
    let b = skip(&b[4..], b'-')?;
    let (month, b) = getnum(b, true)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let b = skip(b, b'-')?;
    let (day, b) = getnum(b, true)?;
    let b = skip(b, b'T')?;
    let (hour, b) = getnum(b, false)?;
    if hour >= 24 {
        return None;
    }
    let b = skip(b, b':')?;
    let (minute, b) = getnum(b, true)?;
    if minute >= 60 {
        return None;
    }
    let b = skip(b, b':')?;
    let (second, mut b) = getnum(b, true)?;
    if second >= 60 {
        return None;
    }
    if b.len() >= 2 && matches!(b[0], b'.' | b',') && b[1].is_ascii_digit() {
        let digits = b[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        b = &b[1 + digits..];
    }
    // "Z07:00": `Z`, or a sign, two-digit hours, `:`, two-digit minutes.
    let offset = if b.first() == Some(&b'Z') {
        b = &b[1..];
        0
    } else {
        if b.len() < 6 || b[3] != b':' {
            return None;
        }
        let (hours, _) = getnum(&b[1..3], true)?;
        let (minutes, _) = getnum(&b[4..6], true)?;
        if hours > 24 || minutes > 60 {
            return None;
        }
        let magnitude = (hours * 60 + minutes) * 60;
        let offset = match b[0] {
            b'+' => magnitude,
            b'-' => -magnitude,
            _ => return None,
        };
        b = &b[6..];
        offset
    };
    if !b.is_empty() || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// Go's `t.UTC().Format(time.RFC3339)` for Unix seconds `unix`: the year has at
/// least four digits and a `-` when negative (`-0001-12-31T23:00:00Z`).
pub fn format_utc(unix: i64) -> String {
    let (days, secs) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    let sign = if y < 0 { "-" } else { "" };
    alloc::format!(
        "{sign}{:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        y.abs(),
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> Option<String> {
        parse_go_rfc3339(s).map(format_utc)
    }

    #[test]
    fn accepted_as_go_accepts_them() {
        // Each expected value was printed by Go 1.26 (`time.Parse(time.RFC3339, s)`, then
        // `t.UTC().Format(time.RFC3339)`).
        let cases = [
            ("2026-05-15T00:00:00Z", "2026-05-15T00:00:00Z"),
            ("2026-05-15T02:00:00+02:00", "2026-05-15T00:00:00Z"),
            ("2026-05-15T00:00:00.123456789Z", "2026-05-15T00:00:00Z"),
            ("2026-05-15T00:00:00-23:59", "2026-05-15T23:59:00Z"),
            ("0000-01-01T00:00:00+01:00", "-0001-12-31T23:00:00Z"),
            ("9999-12-31T23:59:59-01:00", "10000-01-01T00:59:59Z"),
            ("2026-05-15T1:00:00Z", "2026-05-15T01:00:00Z"),
            ("2026-05-15T00:00:00,5Z", "2026-05-15T00:00:00Z"),
            ("2026-05-15T00:00:00+24:00", "2026-05-14T00:00:00Z"),
            ("2026-05-15T00:00:00+00:60", "2026-05-14T23:00:00Z"),
            ("2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z"),
        ];
        for (input, want) in cases {
            assert_eq!(utc(input).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn refused_as_go_refuses_them() {
        for input in [
            "",
            " 2026-05-15T00:00:00Z",
            "2026-05-15T00:00:00Z ",
            "2026-05-15 00:00:00Z",
            "2026-05-15t00:00:00Z",
            "2026-05-15T00:00:00z",
            "2026-05-15T00:00:00",
            "2026-05-15T00:00:60Z",
            "2026-05-15T24:00:00Z",
            "2026-02-30T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2026-5-15T00:00:00Z",
            "2026-05-15T00:00:00.Z",
            "2026-05-15T00:00:00+2:00",
            "2026-05-15T00:00:00+25:00",
            "+026-05-15T00:00:00Z",
            "2026-13-01T00:00:00Z",
        ] {
            assert_eq!(parse_go_rfc3339(input), None, "{input:?}");
        }
    }
}
