//! PyYAML's YAML 1.1 implicit resolver, asked the emitter's question: "if this text
//! were written as a plain scalar, which tag would a reader give it?"
//!
//! A `str` whose text resolves to anything but `str` (`yes`, `0x1F`, `1:20`,
//! `2024-01-01`, `.inf`, `~`, `<<`) must be quoted; an `int`/`float`/… whose text
//! resolves to its own tag may stay plain. The matchers below are the resolver's
//! regular expressions written out by hand (no regex engine in a no_std core), tried
//! in PyYAML's registration order: bool, float, int, merge, null, timestamp, value,
//! yaml.

/// The tag a plain scalar resolves to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Implicit {
    Bool,
    Float,
    Int,
    Merge,
    Null,
    Timestamp,
    Value,
    Yaml,
    Str,
}

/// Resolves `text` as an implicit (plain) scalar.
pub fn resolve_plain(text: &str) -> Implicit {
    let b = text.as_bytes();
    if is_bool(text) {
        Implicit::Bool
    } else if is_float(b) {
        Implicit::Float
    } else if is_int(b) {
        Implicit::Int
    } else if text == "<<" {
        Implicit::Merge
    } else if matches!(text, "" | "~" | "null" | "Null" | "NULL") {
        Implicit::Null
    } else if is_timestamp(b) {
        Implicit::Timestamp
    } else if text == "=" {
        Implicit::Value
    } else if matches!(text, "!" | "&" | "*") {
        Implicit::Yaml
    } else {
        Implicit::Str
    }
}

fn is_bool(t: &str) -> bool {
    matches!(
        t,
        "yes" | "Yes" | "YES" | "no" | "No" | "NO" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
            | "on" | "On" | "ON" | "off" | "Off" | "OFF"
    )
}

/// A byte cursor over the candidate text.
struct Cur<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cur<'a> {
    fn new(b: &'a [u8]) -> Self {
        Cur { b, i: 0 }
    }
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn at_end(&self) -> bool {
        self.i >= self.b.len()
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
    /// Consumes as many bytes matching `f` as possible; returns how many.
    fn eat_while(&mut self, f: impl Fn(u8) -> bool) -> usize {
        let start = self.i;
        while self.eat_if(&f) {}
        self.i - start
    }
    fn eat_sign(&mut self) {
        let _ = self.eat(b'-') || self.eat(b'+');
    }
    fn rest_is(&self, s: &[u8]) -> bool {
        self.b.get(self.i..) == Some(s)
    }
}

fn digit(c: u8) -> bool {
    c.is_ascii_digit()
}
fn digit_(c: u8) -> bool {
    c.is_ascii_digit() || c == b'_'
}

/// `(?::[0-5]?[0-9])+`; the greedy reading is the only one that can continue.
fn sexagesimal_tail(c: &mut Cur<'_>) -> bool {
    let mut groups = 0;
    while c.eat(b':') {
        let first = match c.peek() {
            Some(d) if digit(d) => d,
            _ => return false,
        };
        c.i += 1;
        if first <= b'5' {
            c.eat_if(digit);
        }
        groups += 1;
    }
    groups > 0
}

/// `[eE][-+][0-9]+` (optional as a whole) followed by the end of the text.
fn exponent_then_end(c: &mut Cur<'_>) -> bool {
    if c.eat(b'e') || c.eat(b'E') {
        if !(c.eat(b'-') || c.eat(b'+')) {
            return false;
        }
        if c.eat_while(digit) == 0 {
            return false;
        }
    }
    c.at_end()
}

/// PyYAML's float regexp:
/// `[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?` | `\.[0-9][0-9_]*([eE][-+][0-9]+)?`
/// | `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*` | `[-+]?\.(inf|Inf|INF)` | `\.(nan|NaN|NAN)`.
fn is_float(b: &[u8]) -> bool {
    // Alternatives 1 and 3 (digits first, optional sign).
    let mut c = Cur::new(b);
    c.eat_sign();
    if c.eat_if(digit) {
        c.eat_while(digit_);
        if c.eat(b'.') {
            c.eat_while(digit_);
            return exponent_then_end(&mut c);
        }
        if c.peek() == Some(b':') && sexagesimal_tail(&mut c) && c.eat(b'.') {
            c.eat_while(digit_);
            return c.at_end();
        }
        return false;
    }
    // Alternative 4: signed infinity.
    let mut c = Cur::new(b);
    c.eat_sign();
    if c.eat(b'.') && (c.rest_is(b"inf") || c.rest_is(b"Inf") || c.rest_is(b"INF")) {
        return true;
    }
    // Alternatives 2 and 5: no sign.
    let mut c = Cur::new(b);
    if c.eat(b'.') {
        if c.eat_if(digit) {
            c.eat_while(digit_);
            return exponent_then_end(&mut c);
        }
        return c.rest_is(b"nan") || c.rest_is(b"NaN") || c.rest_is(b"NAN");
    }
    false
}

/// PyYAML's int regexp: `[-+]?0b[0-1_]+` | `[-+]?0[0-7_]+` | `[-+]?(0|[1-9][0-9_]*)`
/// | `[-+]?0x[0-9a-fA-F_]+` | `[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`.
fn is_int(b: &[u8]) -> bool {
    let mut c = Cur::new(b);
    c.eat_sign();
    match c.peek() {
        Some(b'0') => {
            c.i += 1;
            if c.at_end() {
                return true;
            }
            if c.eat(b'b') {
                return c.eat_while(|d| d == b'0' || d == b'1' || d == b'_') > 0 && c.at_end();
            }
            if c.eat(b'x') {
                return c.eat_while(|d| d.is_ascii_hexdigit() || d == b'_') > 0 && c.at_end();
            }
            c.eat_while(|d| (b'0'..=b'7').contains(&d) || d == b'_') > 0 && c.at_end()
        }
        Some(d) if (b'1'..=b'9').contains(&d) => {
            c.i += 1;
            c.eat_while(digit_);
            if c.at_end() {
                return true;
            }
            sexagesimal_tail(&mut c) && c.at_end()
        }
        _ => false,
    }
}

/// PyYAML's timestamp regexp: `YYYY-MM-DD`, or
/// `YYYY-M?M-D?D([Tt]|[ \t]+)H?H:MM:SS(\.[0-9]*)?([ \t]*(Z|[-+]H?H(:MM)?))?`.
fn is_timestamp(b: &[u8]) -> bool {
    let mut c = Cur::new(b);
    for _ in 0..4 {
        if !c.eat_if(digit) {
            return false;
        }
    }
    if !c.eat(b'-') {
        return false;
    }
    // Date-only form needs exactly two-digit month and day.
    let date_start = c.i;
    let short = {
        let mut d = Cur { b, i: date_start };
        d.eat_if(digit) && d.eat_if(digit) && d.eat(b'-') && d.eat_if(digit) && d.eat_if(digit) && d.at_end()
    };
    if short {
        return true;
    }
    if !one_or_two_digits(&mut c) || !c.eat(b'-') || !one_or_two_digits(&mut c) {
        return false;
    }
    if !(c.eat(b'T') || c.eat(b't')) && c.eat_while(|d| d == b' ' || d == b'\t') == 0 {
        return false;
    }
    if !one_or_two_digits(&mut c) || !c.eat(b':') || !two_digits(&mut c) || !c.eat(b':') || !two_digits(&mut c) {
        return false;
    }
    if c.eat(b'.') {
        c.eat_while(digit);
    }
    if c.at_end() {
        return true;
    }
    c.eat_while(|d| d == b' ' || d == b'\t');
    if c.eat(b'Z') {
        return c.at_end();
    }
    if !(c.eat(b'-') || c.eat(b'+')) || !one_or_two_digits(&mut c) {
        return false;
    }
    if c.eat(b':') && !two_digits(&mut c) {
        return false;
    }
    c.at_end()
}

fn one_or_two_digits(c: &mut Cur<'_>) -> bool {
    if !c.eat_if(digit) {
        return false;
    }
    c.eat_if(digit);
    true
}

fn two_digits(c: &mut Cur<'_>) -> bool {
    c.eat_if(digit) && c.eat_if(digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml11_types_are_recognised() {
        for (t, want) in [
            ("yes", Implicit::Bool),
            ("Off", Implicit::Bool),
            ("yEs", Implicit::Str),
            ("1.0", Implicit::Float),
            ("1.", Implicit::Float),
            ("-1_0.5e+3", Implicit::Float),
            ("1e3", Implicit::Str),
            ("1.0e3", Implicit::Str),
            (".5", Implicit::Float),
            ("+.inf", Implicit::Float),
            (".NaN", Implicit::Float),
            ("-.nan", Implicit::Str),
            ("1:30.5", Implicit::Float),
            ("0x1F", Implicit::Int),
            ("0x", Implicit::Str),
            ("0755", Implicit::Int),
            ("08", Implicit::Str),
            ("0b101", Implicit::Int),
            ("1_000", Implicit::Int),
            ("1:20", Implicit::Int),
            ("1:60", Implicit::Str),
            ("190:20:30", Implicit::Int),
            ("0:20", Implicit::Str),
            ("<<", Implicit::Merge),
            ("~", Implicit::Null),
            ("", Implicit::Null),
            ("2024-01-01", Implicit::Timestamp),
            ("2024-1-1", Implicit::Str),
            ("2024-1-1 1:02:03", Implicit::Timestamp),
            ("2024-01-01T10:00:00.5Z", Implicit::Timestamp),
            ("2024-01-01 10:00:00 -5", Implicit::Timestamp),
            ("2024-01-01 10:00:00 ", Implicit::Str),
            ("=", Implicit::Value),
            ("*", Implicit::Yaml),
            ("hello", Implicit::Str),
        ] {
            assert_eq!(resolve_plain(t), want, "{t:?}");
        }
    }
}
