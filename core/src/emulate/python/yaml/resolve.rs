//! PyYAML's YAML 1.1 implicit resolver (`yaml.resolver.Resolver`): which tag a plain
//! scalar gets from its text. No YAML library does this; verdicts depend on it
//! (`enabled: yes` is a bool, `port: 0x1F90` an int, `2026-04-03` a date).
//!
//! PyYAML picks candidate resolvers by the scalar's first character and tries them in
//! registration order (bool, float, int, merge, null, timestamp, value, yaml). The
//! regular expressions are hand-written matchers below; each is anchored `^…$` with
//! Python's `$` (which also matches before one trailing `\n`).

pub const STR: &str = "tag:yaml.org,2002:str";
pub const SEQ: &str = "tag:yaml.org,2002:seq";
pub const MAP: &str = "tag:yaml.org,2002:map";
pub const BOOL: &str = "tag:yaml.org,2002:bool";
pub const FLOAT: &str = "tag:yaml.org,2002:float";
pub const INT: &str = "tag:yaml.org,2002:int";
pub const MERGE: &str = "tag:yaml.org,2002:merge";
pub const NULL: &str = "tag:yaml.org,2002:null";
pub const TIMESTAMP: &str = "tag:yaml.org,2002:timestamp";
pub const VALUE: &str = "tag:yaml.org,2002:value";
pub const YAML: &str = "tag:yaml.org,2002:yaml";

/// The tag PyYAML gives a scalar resolved implicitly (plain, or tagged `!`).
pub fn resolve_scalar(value: &str) -> &'static str {
    let first = value.chars().next();
    type Matcher = fn(&str) -> bool;
    let candidates: &[(&'static str, Matcher)] = match first {
        None => &[(NULL, is_null)],
        Some(c) => {
            let mut list: [(&'static str, Matcher); 8] = [(STR, never); 8];
            let mut n = 0;
            let mut push = |tag: &'static str, m: Matcher| {
                list[n] = (tag, m);
                n += 1;
            };
            if "yYnNtTfFoO".contains(c) {
                push(BOOL, is_bool);
            }
            if "-+0123456789.".contains(c) {
                push(FLOAT, is_float);
            }
            if "-+0123456789".contains(c) {
                push(INT, is_int);
            }
            if c == '<' {
                push(MERGE, |s| s == "<<");
            }
            if "~nN".contains(c) {
                push(NULL, is_null);
            }
            if c.is_ascii_digit() {
                push(TIMESTAMP, is_timestamp);
            }
            if c == '=' {
                push(VALUE, |s| s == "=");
            }
            if "!&*".contains(c) {
                push(YAML, |s| s == "!" || s == "&" || s == "*");
            }
            for (tag, m) in &list[..n] {
                if python_match(value, *m) {
                    return tag;
                }
            }
            return STR;
        }
    };
    for (tag, m) in candidates {
        if python_match(value, *m) {
            return tag;
        }
    }
    STR
}

fn never(_: &str) -> bool {
    false
}

/// `re.match(r'^(?:…)$', s)`: Python's `$` also matches before a final newline.
fn python_match(s: &str, m: fn(&str) -> bool) -> bool {
    m(s) || s.strip_suffix('\n').is_some_and(m)
}

fn is_bool(s: &str) -> bool {
    matches!(
        s,
        "yes" | "Yes" | "YES" | "no" | "No" | "NO" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
            | "on" | "On" | "ON" | "off" | "Off" | "OFF"
    )
}

fn is_null(s: &str) -> bool {
    matches!(s, "~" | "null" | "Null" | "NULL" | "")
}

/// A tiny cursor for the hand-written matchers.
struct Cur<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cur<'a> {
    fn new(s: &'a str) -> Self {
        Cur { b: s.as_bytes(), i: 0 }
    }
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn eat_if(&mut self, f: impl Fn(u8) -> bool) -> bool {
        match self.peek() {
            Some(c) if f(c) => {
                self.i += 1;
                true
            }
            _ => false,
        }
    }
    fn eat_while(&mut self, f: impl Fn(u8) -> bool) -> usize {
        let start = self.i;
        while self.eat_if(&f) {}
        self.i - start
    }
    fn eat_sign(&mut self) {
        let _ = self.eat(b'-') || self.eat(b'+');
    }
    fn done(&self) -> bool {
        self.i == self.b.len()
    }
    fn rest(&self) -> &'a [u8] {
        self.b.get(self.i..).unwrap_or(&[])
    }
}

fn digit(c: u8) -> bool {
    c.is_ascii_digit()
}
fn digit_(c: u8) -> bool {
    c.is_ascii_digit() || c == b'_'
}

/// `(?::[0-5]?[0-9])+` — at least one group.
fn sexagesimal_tail(c: &mut Cur<'_>) -> bool {
    let mut groups = 0;
    loop {
        let save = c.i;
        if !c.eat(b':') {
            break;
        }
        // [0-5]?[0-9]: one or two digits, the first of two being 0-5.
        let d1 = c.peek();
        let d2 = c.b.get(c.i + 1).copied();
        match (d1, d2) {
            (Some(a @ b'0'..=b'5'), Some(b)) if digit(b) => {
                let _ = a;
                c.i += 2;
            }
            (Some(a), _) if digit(a) => c.i += 1,
            _ => {
                c.i = save;
                break;
            }
        }
        groups += 1;
    }
    groups > 0
}

/// `(?:[eE][-+][0-9]+)?` then end.
fn exponent_then_end(c: &mut Cur<'_>) -> bool {
    if c.eat(b'e') || c.eat(b'E') {
        if !(c.eat(b'-') || c.eat(b'+')) {
            return false;
        }
        if c.eat_while(digit) == 0 {
            return false;
        }
    }
    c.done()
}

pub fn is_float(s: &str) -> bool {
    // [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    {
        let mut c = Cur::new(s);
        c.eat_sign();
        if c.eat_if(digit) {
            c.eat_while(digit_);
            if c.eat(b'.') {
                c.eat_while(digit_);
                if exponent_then_end(&mut c) {
                    return true;
                }
            }
        }
    }
    // \.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    {
        let mut c = Cur::new(s);
        if c.eat(b'.') && c.eat_if(digit) {
            c.eat_while(digit_);
            if exponent_then_end(&mut c) {
                return true;
            }
        }
    }
    // [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    // `[0-9_]*` is greedy but can give back, yet ':' is not in it, so greedy is exact.
    {
        let mut c = Cur::new(s);
        c.eat_sign();
        if c.eat_if(digit) {
            c.eat_while(digit_);
            if sexagesimal_tail(&mut c) && c.eat(b'.') {
                c.eat_while(digit_);
                if c.done() {
                    return true;
                }
            }
        }
    }
    // [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(s, ".nan" | ".NaN" | ".NAN")
}

pub fn is_int(s: &str) -> bool {
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let b = unsigned.as_bytes();
    // 0b[0-1_]+
    if let Some(rest) = unsigned.strip_prefix("0b") {
        if !rest.is_empty() && rest.bytes().all(|c| c == b'0' || c == b'1' || c == b'_') {
            return true;
        }
    }
    // 0[0-7_]+
    if b.len() >= 2 && b[0] == b'0' && b[1..].iter().all(|c| (b'0'..=b'7').contains(c) || *c == b'_') {
        return true;
    }
    // 0 | [1-9][0-9_]*
    if unsigned == "0" {
        return true;
    }
    if b.first().is_some_and(|c| (b'1'..=b'9').contains(c)) && b[1..].iter().all(|c| digit_(*c)) {
        return true;
    }
    // 0x[0-9a-fA-F_]+
    if let Some(rest) = unsigned.strip_prefix("0x") {
        if !rest.is_empty() && rest.bytes().all(|c| c.is_ascii_hexdigit() || c == b'_') {
            return true;
        }
    }
    // [1-9][0-9_]*(?::[0-5]?[0-9])+
    let mut c = Cur::new(unsigned);
    if c.eat_if(|x| (b'1'..=b'9').contains(&x)) {
        c.eat_while(digit_);
        if sexagesimal_tail(&mut c) && c.done() {
            return true;
        }
    }
    false
}

pub fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    // [0-9]{4}-[0-9]{2}-[0-9]{2}
    if b.len() == 10
        && b[..4].iter().all(|c| digit(*c))
        && b[4] == b'-'
        && b[5..7].iter().all(|c| digit(*c))
        && b[7] == b'-'
        && b[8..].iter().all(|c| digit(*c))
    {
        return true;
    }
    timestamp_parts(s).is_some_and(|p| p.hour.is_some())
}

/// The groups of PyYAML's constructor regexp (`SafeConstructor.timestamp_regexp`).
#[derive(Debug, Default, Clone, Copy)]
pub struct TimestampParts<'a> {
    pub year: &'a str,
    pub month: &'a str,
    pub day: &'a str,
    pub hour: Option<&'a str>,
    pub minute: &'a str,
    pub second: &'a str,
    pub fraction: Option<&'a str>,
    pub tz_z: bool,
    pub tz_sign: Option<u8>,
    pub tz_hour: &'a str,
    pub tz_minute: Option<&'a str>,
}

/// Matches `^YYYY-M?M-D?D(?:(?:[Tt]|[ \t]+)H?H:MM:SS(?:\.F*)?(?:[ \t]*(?:Z|[-+]H?H(?::MM)?))?)?$`.
pub fn timestamp_parts(s: &str) -> Option<TimestampParts<'_>> {
    parse_ts(s).or_else(|| s.strip_suffix('\n').and_then(parse_ts))
}

fn take<'a>(c: &mut Cur<'a>, s: &'a str, min: usize, max: usize) -> Option<&'a str> {
    let start = c.i;
    let mut n = 0;
    while n < max && c.eat_if(digit) {
        n += 1;
    }
    if n < min {
        c.i = start;
        return None;
    }
    s.get(start..c.i)
}

fn parse_ts(s: &str) -> Option<TimestampParts<'_>> {
    let mut c = Cur::new(s);
    let mut p = TimestampParts { year: take(&mut c, s, 4, 4)?, ..Default::default() };
    if !c.eat(b'-') {
        return None;
    }
    p.month = take(&mut c, s, 1, 2)?;
    if !c.eat(b'-') {
        return None;
    }
    p.day = take(&mut c, s, 1, 2)?;
    if c.done() {
        return Some(p);
    }
    // separator
    if !(c.eat(b'T') || c.eat(b't')) && c.eat_while(|x| x == b' ' || x == b'\t') == 0 {
        return None;
    }
    p.hour = Some(take(&mut c, s, 1, 2)?);
    if !c.eat(b':') {
        return None;
    }
    p.minute = take(&mut c, s, 2, 2)?;
    if !c.eat(b':') {
        return None;
    }
    p.second = take(&mut c, s, 2, 2)?;
    if c.eat(b'.') {
        let start = c.i;
        c.eat_while(digit);
        p.fraction = s.get(start..c.i);
    }
    if c.done() {
        return Some(p);
    }
    c.eat_while(|x| x == b' ' || x == b'\t');
    if c.eat(b'Z') {
        p.tz_z = true;
    } else if let Some(sign @ (b'-' | b'+')) = c.peek() {
        c.i += 1;
        p.tz_sign = Some(sign);
        p.tz_hour = take(&mut c, s, 1, 2)?;
        if c.rest().first() == Some(&b':') {
            c.i += 1;
            p.tz_minute = Some(take(&mut c, s, 2, 2)?);
        }
    } else {
        return None;
    }
    c.done().then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pyyaml_implicit_tags() {
        let cases = [
            ("yes", BOOL), ("No", BOOL), ("ON", BOOL), ("oFF", STR), ("y", STR), ("n", STR),
            ("0x0A", INT), ("0755", INT), ("1_000", INT), ("12:30", INT), ("-0b101", INT), ("08", STR),
            ("09:30", STR), ("0", INT), ("+12", INT), ("190:20:30", INT), ("1:60", STR),
            ("1.0", FLOAT), ("1.", FLOAT), (".5", FLOAT), ("1e5", STR), ("1.0e5", STR), ("1.0e+5", FLOAT),
            ("-.inf", FLOAT), (".NaN", FLOAT), ("-.nan", STR), ("1:30.5", FLOAT), ("._", STR),
            ("~", NULL), ("null", NULL), ("", NULL), ("nULL", STR),
            ("2026-04-03", TIMESTAMP), ("2026-4-3", STR), ("2026-04-03 10:00:00", TIMESTAMP),
            ("2026-04-03T10:00:00.5Z", TIMESTAMP), ("2026-04-03t1:00:00 +01", TIMESTAMP),
            ("2026-04-03T10:00", STR), ("<<", MERGE), ("=", VALUE), ("abc", STR), ("yes\n", BOOL),
        ];
        for (text, tag) in cases {
            assert_eq!(resolve_scalar(text), tag, "{text:?}");
        }
    }

    #[test]
    fn timestamp_groups() {
        let p = timestamp_parts("2026-4-3 1:02:03.1234567 -05:30").unwrap();
        assert_eq!((p.year, p.month, p.day, p.hour), ("2026", "4", "3", Some("1")));
        assert_eq!((p.fraction, p.tz_sign, p.tz_hour, p.tz_minute), (Some("1234567"), Some(b'-'), "05", Some("30")));
        assert!(timestamp_parts("2026-04-03x").is_none());
    }
}
