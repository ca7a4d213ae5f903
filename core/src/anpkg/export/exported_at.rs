//! `exported_at` (ANPKG-TIME-1): the project's `workbench.json` `meta.created`,
//! normalised to UTC whole seconds (`YYYY-MM-DDTHH:MM:SSZ`), else
//! `1970-01-01T00:00:00Z`.
//!
//! The parse is CPython 3.11's C `datetime.fromisoformat` (the reference runs on
//! Python ≥ 3.11, ANPKG-TIME-2): extended and basic dates, ISO week dates, *any*
//! single character as the date/time separator, `HH[:MM[:SS[.f…]]]` with `.` or `,`
//! fractions truncated to microseconds, offsets `±HH[:MM[:SS[.ffffff]]]` (any
//! character is tolerated just before the offset sign, as in CPython), and `Z`.
use alloc::format;
use alloc::string::String;

use crate::emulate::python::yaml::value::{days_from_civil, is_valid_date, Value};
use crate::diag::Error;

pub const FALLBACK: &str = "1970-01-01T00:00:00Z";

/// `exported_at` from the parsed `workbench.json` (`None` when missing, unreadable
/// or not JSON). An out-of-range UTC conversion is an error, as upstream's uncaught
/// `OverflowError` is.
pub fn exported_at(workbench: Option<&Value>) -> Result<String, Error> {
    let created = workbench.and_then(|w| w.get("meta")).and_then(|m| m.get("created"));
    match created {
        Some(Value::Str(s)) => normalize(s),
        _ => Ok(FALLBACK.into()),
    }
}

/// `_normalize_iso_timestamp`: strip, trailing `Z` → `+00:00`, `fromisoformat`,
/// naive = UTC, convert to UTC, truncate the microseconds.
pub fn normalize(created: &str) -> Result<String, Error> {
    let trimmed = created.trim_matches(is_python_whitespace);
    if trimmed.is_empty() {
        return Ok(FALLBACK.into());
    }
    let text = match trimmed.strip_suffix('Z') {
        Some(head) => format!("{head}+00:00"),
        None => String::from(trimmed),
    };
    let Some(parsed) = fromisoformat(&text) else {
        return Ok(FALLBACK.into());
    };
    // Local time in microseconds since 0001-01-01, minus the offset.
    let days = days_from_civil(i64::from(parsed.year), parsed.month as u8, parsed.day as u8);
    let local_us = ((days * 86_400 + i64::from(parsed.hour) * 3600 + i64::from(parsed.minute) * 60
        + i64::from(parsed.second))
        * 1_000_000)
        + i64::from(parsed.microsecond);
    let utc_us = local_us - parsed.offset_us;
    let secs = utc_us.div_euclid(1_000_000);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    if !(1..=9999).contains(&y) {
        return Err(Error::new(super::codes::CREATED_OUT_OF_RANGE, "OverflowError: date value out of range"));
    }
    let tod = secs.rem_euclid(86_400);
    Ok(format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", tod / 3600, (tod % 3600) / 60, tod % 60))
}

/// Python `str.strip()` with no argument: Unicode whitespace.
fn is_python_whitespace(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1c}'..='\u{1f}')
}

/// Inverse of `days_from_civil` (days since 0001-01-01 → y, m, d).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days - 719_162 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Parsed {
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    microsecond: u32,
    /// UTC offset in microseconds (0 for naive and for a zero-second offset, whose
    /// microseconds CPython drops by using `timezone.utc`).
    offset_us: i64,
}

/// The text as CPython's C parser sees it: a byte string with a NUL terminator.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn at(&self, i: usize) -> u8 {
        self.0.get(i).copied().unwrap_or(0)
    }
    /// Exactly `n` ASCII digits at `i`.
    fn digits(&self, i: usize, n: usize) -> Option<u32> {
        let mut v: u32 = 0;
        for k in 0..n {
            let c = self.at(i + k);
            if !c.is_ascii_digit() {
                return None;
            }
            v = v.checked_mul(10)?.checked_add(u32::from(c - b'0'))?;
        }
        Some(v)
    }
}

fn fromisoformat(text: &str) -> Option<Parsed> {
    let b = Bytes(text.as_bytes());
    let len = text.len();
    if len < 7 {
        return None;
    }
    let sep = separator_location(&b, len)?;
    let (year, month, day) = parse_date(&b, sep)?;
    let mut p = Parsed { year, month, day, ..Parsed::default() };
    if len > sep {
        // Skip the separator, which may be any (UTF-8 encoded) character.
        let width = match b.at(sep) {
            c if c & 0x80 == 0 => 1,
            c if c & 0xE0 == 0xC0 => 2,
            c if c & 0xF0 == 0xE0 => 3,
            _ => 4,
        };
        let start = sep + width;
        if start >= len {
            return None;
        }
        parse_time(&Bytes(&text.as_bytes()[start..]), len - start, &mut p)?;
    }
    if !is_valid_date(p.year, p.month, p.day) || p.hour > 23 || p.minute > 59 || p.second > 59 {
        return None;
    }
    Some(p)
}

/// `_find_isoformat_datetime_separator`: where the date part ends.
fn separator_location(b: &Bytes<'_>, len: usize) -> Option<usize> {
    if len == 7 {
        return Some(7);
    }
    if b.at(4) == b'-' {
        if b.at(5) == b'W' {
            if len < 8 {
                return None;
            }
            if len > 8 && b.at(8) == b'-' {
                if len == 9 {
                    return None;
                }
                if len > 10 && b.at(10).is_ascii_digit() {
                    return Some(8);
                }
                return Some(10);
            }
            return Some(8);
        }
        return Some(10);
    }
    if b.at(4) == b'W' {
        let mut idx = 7;
        while idx < len && b.at(idx).is_ascii_digit() {
            idx += 1;
        }
        if idx < 9 {
            return Some(idx);
        }
        return Some(if idx % 2 == 0 { 7 } else { 8 });
    }
    Some(8)
}

/// `parse_isoformat_date` over the first `len` bytes.
fn parse_date(b: &Bytes<'_>, len: usize) -> Option<(u32, u32, u32)> {
    let year = b.digits(0, 4)?;
    let mut i = 4;
    let dashed = b.at(i) == b'-';
    if dashed {
        i += 1;
    }
    if b.at(i) == b'W' {
        i += 1;
        let week = b.digits(i, 2)?;
        i += 2;
        let weekday = if i < len {
            if dashed {
                if b.at(i) != b'-' {
                    return None;
                }
                i += 1;
            }
            b.digits(i, 1)?
        } else {
            1
        };
        return iso_week_to_date(year, week, weekday);
    }
    let month = b.digits(i, 2)?;
    i += 2;
    if dashed {
        if b.at(i) != b'-' {
            return None;
        }
        i += 1;
    }
    let day = b.digits(i, 2)?;
    Some((year, month, day))
}

/// `iso_to_ymd`: ISO year, week (1–52, or 53 in long years) and weekday (1–7).
fn iso_week_to_date(year: u32, week: u32, weekday: u32) -> Option<(u32, u32, u32)> {
    if !(1..=9999).contains(&year) || week == 0 || !(1..=7).contains(&weekday) {
        return None;
    }
    // Day of the week of January 4th (0 = Monday): week 1 contains it.
    let jan4 = days_from_civil(i64::from(year), 1, 4);
    let jan4_weekday = jan4.rem_euclid(7); // 0001-01-01 was a Monday.
    if week > 52 {
        // A year has 53 weeks when January 1st is a Thursday, or a Wednesday in a
        // leap year.
        let jan1_weekday = days_from_civil(i64::from(year), 1, 1).rem_euclid(7);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        if !(week == 53 && (jan1_weekday == 3 || (jan1_weekday == 2 && leap))) {
            return None;
        }
    }
    let week1_monday = jan4 - jan4_weekday;
    let day = week1_monday + i64::from(week - 1) * 7 + i64::from(weekday - 1);
    let (y, m, d) = civil_from_days(day);
    if !(1..=9999).contains(&y) {
        return None;
    }
    Some((y as u32, m, d))
}

/// `parse_isoformat_time`: the time, then an optional `Z` or signed offset.
fn parse_time(b: &Bytes<'_>, len: usize, p: &mut Parsed) -> Option<()> {
    let mut tz = 0;
    while tz < len && !matches!(b.at(tz), b'Z' | b'+' | b'-') {
        tz += 1;
    }
    let (h, m, s, us, more) = parse_hh_mm_ss_ff(b, 0, tz)?;
    (p.hour, p.minute, p.second, p.microsecond) = (h, m, s, us);
    if tz >= len {
        return if more { None } else { Some(()) };
    }
    if b.at(tz) == b'Z' {
        return if b.at(tz + 1) == 0 { Some(()) } else { None };
    }
    let negative = b.at(tz) == b'-';
    let (th, tm, ts, tus, tz_more) = parse_hh_mm_ss_ff(b, tz + 1, len)?;
    if tz_more {
        return None;
    }
    let secs = i64::from(th) * 3600 + i64::from(tm) * 60 + i64::from(ts);
    let sign = if negative { -1 } else { 1 };
    // A zero-second offset becomes `timezone.utc`, dropping its microseconds.
    let offset = if secs == 0 { 0 } else { sign * (secs * 1_000_000 + i64::from(tus)) };
    // `timezone` accepts only offsets strictly within a day.
    if offset.abs() >= 86_400 * 1_000_000 {
        return None;
    }
    p.offset_us = offset;
    Some(())
}

/// `parse_hh_mm_ss_ff` between `start` and `end`; the flag says "not at the end of
/// the string" (CPython's return value 1).
fn parse_hh_mm_ss_ff(b: &Bytes<'_>, start: usize, end: usize) -> Option<(u32, u32, u32, u32, bool)> {
    let mut vals = [0u32; 3];
    let mut i = start;
    let mut has_sep = true;
    for (k, val) in vals.iter_mut().enumerate() {
        *val = b.digits(i, 2)?;
        i += 2;
        let c = b.at(i);
        i += 1;
        if k == 0 {
            has_sep = c == b':';
        }
        if i >= end {
            return Some((vals[0], vals[1], vals[2], 0, c != 0));
        } else if has_sep && c == b':' {
            continue;
        } else if c == b'.' || c == b',' {
            break;
        } else if !has_sep {
            i -= 1;
        } else {
            return None;
        }
    }
    // Fractional seconds: up to six digits count, further digits are skipped.
    let take = end.saturating_sub(i).min(6);
    let mut us = b.digits(i, take)?;
    if (1..6).contains(&take) {
        us *= 10u32.pow((6 - take) as u32);
    }
    i += take;
    while b.at(i).is_ascii_digit() {
        i += 1;
    }
    Some((vals[0], vals[1], vals[2], us, b.at(i) != 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Verified against anolis-workbench 0.22.0 on Python 3.11.7 (spec ANPKG-TIME-1
    /// and the differential suite).
    #[test]
    fn anpkg_time_1_python_311_fromisoformat() {
        for (created, want) in [
            ("2026-04-16T19:01:02.999999+00:00", "2026-04-16T19:01:02Z"),
            ("2026-04-16T21:01:02+02:00", "2026-04-16T19:01:02Z"),
            ("2026-04-16T19:01:02", "2026-04-16T19:01:02Z"),
            ("2026-04-16", "2026-04-16T00:00:00Z"),
            ("2026-04-16 19:01:02", "2026-04-16T19:01:02Z"),
            ("2026-04-16T19:01Z", "2026-04-16T19:01:00Z"),
            ("20260416T190102Z", "2026-04-16T19:01:02Z"),
            ("2026-W16-4", "2026-04-16T00:00:00Z"),
            ("2026-04-16T19:01:02.5Z", "2026-04-16T19:01:02Z"),
            ("2026-04-16T19:01:02z", FALLBACK),
            ("garbage", FALLBACK),
            ("", FALLBACK),
            ("0999-01-01", "0999-01-01T00:00:00Z"),
            ("2026-04-16T", FALLBACK),
            ("2026-04-16x10", "2026-04-16T10:00:00Z"),
            ("2026-04-16\u{e9}10:00", "2026-04-16T10:00:00Z"),
            ("20260416", "2026-04-16T00:00:00Z"),
            ("2026W16", "2026-04-13T00:00:00Z"),
            ("2026-W16", "2026-04-13T00:00:00Z"),
            ("2026W164", "2026-04-16T00:00:00Z"),
            ("2026-W53-1", "2026-12-28T00:00:00Z"),
            ("2025-W53-1", FALLBACK),
            ("2026-04-16T10", "2026-04-16T10:00:00Z"),
            ("2026-04-16T1000", "2026-04-16T10:00:00Z"),
            ("2026-04-16T10:00:00,5", "2026-04-16T10:00:00Z"),
            ("2026-04-16T10:00:00.1234567", "2026-04-16T10:00:00Z"),
            ("2026-04-16T10:00:00+0530", "2026-04-16T04:30:00Z"),
            ("2026-04-16T10:00:00+05", "2026-04-16T05:00:00Z"),
            ("2026-04-16T10:00:00+05:30:15.5", "2026-04-16T04:29:44Z"),
            ("2026-04-16T10:00:00-23:59", "2026-04-17T09:59:00Z"),
            ("2026-04-16T10:00:00+24:00", FALLBACK),
            ("2026-04-16T24:00:00", FALLBACK),
            ("2026-02-30", FALLBACK),
            ("  2026-04-16  ", "2026-04-16T00:00:00Z"),
            ("2026-04-16T10:00:00ZZ", FALLBACK),
            ("2026-04-16T10:00Z", "2026-04-16T10:00:00Z"),
            ("\u{a0}2026-04-16\u{2003}", "2026-04-16T00:00:00Z"),
            ("2026-04-16T10:00:00.", FALLBACK),
            ("2026-04-16T10:00:", FALLBACK),
            ("2026-04-16T10:0", FALLBACK),
            ("2026-04-16 10:00:00 +01:00", "2026-04-16T09:00:00Z"),
            ("2026-04-16T10:00:00.000001+00:00:00.000002", "2026-04-16T10:00:00Z"),
            ("2026-04-16T10:00:00-00:00:00.5", "2026-04-16T10:00:00Z"),
            ("2026-04-16T10:00:00+00:00Z", FALLBACK),
        ] {
            assert_eq!(normalize(created).as_deref(), Ok(want), "{created:?}");
        }
        assert!(normalize("0001-01-01T00:00:00+01:00").is_err());
        assert!(normalize("9999-12-31T23:59:59-01:00").is_err());
    }

    #[test]
    fn non_string_or_missing_created_falls_back() {
        assert_eq!(exported_at(None).as_deref(), Ok(FALLBACK));
        let v = crate::emulate::python::json::loads(r#"{"meta": {"created": 123}}"#).expect("json");
        assert_eq!(exported_at(Some(&v)).as_deref(), Ok(FALLBACK));
        let v = crate::emulate::python::json::loads(r#"{"meta": []}"#).expect("json");
        assert_eq!(exported_at(Some(&v)).as_deref(), Ok(FALLBACK));
    }
}
