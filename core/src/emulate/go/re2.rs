//! Does Go's `regexp.Compile` accept a pattern? (ANIP-DEFV-3 step 7)
//!
//! A syntax-only re-implementation of Go's `regexp/syntax` parser in Perl mode
//! (`ClassNL | OneLine | PerlX | UnicodeGroups`): it walks the pattern with the
//! same token rules and keeps, instead of a syntax tree, a small summary per node
//! (its height and its nested-repeat demand), which is all the accept/reject
//! decisions need. No dependency, no_std, linear time.
//!
//! Reproduced rejections: trailing `\`, unknown or unsupported escapes (`\C`, `\Z`,
//! `\1`, `\8`, `\e`, escaped non-ASCII), malformed `\x`, unknown `\p` names
//! (see [`super::re2_names`]), missing `]`, reversed class ranges, unknown POSIX
//! classes, missing / unexpected parentheses, bad named captures, unsupported
//! `(?…)` forms (lookaround, `(?P=`, `(?x)`…), stacked repetition operators
//! (`a**`, `a{2}*`), repetition without an operand, repeat counts above 1000,
//! nested counted repeats whose product exceeds 1000, and nesting deeper than 1000.
//!
//! Not reproduced: Go's heuristic "expression too large" limit (ErrLarge), which
//! depends on its internal node allocation counts. As a resource guard, patterns
//! with more than [`MAX_STACK`] pending parser items are rejected.

use alloc::vec::Vec;

use super::re2_names::is_class_name;

/// Go's limits: repeat counts and nested repeat products (`repeatIsValid`), and
/// syntax-tree height (`maxHeight`).
const MAX_REPEAT: i64 = 1000;
const MAX_HEIGHT: u32 = 1000;
/// Our own resource guard on pending parser items (open groups, alternation
/// branches, concatenated operands).
pub(crate) const MAX_STACK: usize = 1 << 20;

/// What the parser knows about one finished sub-expression.
#[derive(Clone, Copy, Debug)]
struct Summary {
    /// Height of Go's syntax tree for it (a leaf is 1).
    height: u32,
    /// The smallest `n` for which Go's `repeatIsValid(node, n)` holds.
    need: i64,
}

const LEAF: Summary = Summary { height: 1, need: 0 };

#[derive(Clone, Copy, Debug)]
enum Item {
    /// `k >= 1` consecutive single-character items (literals, classes, `.`,
    /// assertions): Go keeps them as leaves of one concatenation.
    Leaves(u32),
    Node(Summary),
    /// `(` (capturing or not) waiting for its `)`.
    LeftParen {
        capture: bool,
    },
    VerticalBar,
}

#[derive(Clone, Copy)]
enum RepeatOp {
    Star,
    Plus,
    Quest,
    Counted { min: i64, max: i64 },
}

type Parse<T> = Result<T, ()>;

/// Whether Go's `regexp.Compile(pattern)` succeeds.
pub(crate) fn compiles(pattern: &str) -> bool {
    Parser { stack: Vec::new() }.parse(pattern).is_ok()
}

struct Parser {
    stack: Vec<Item>,
}

impl Parser {
    fn push(&mut self, item: Item) -> Parse<()> {
        if self.stack.len() >= MAX_STACK {
            return Err(());
        }
        if let Item::Node(s) = item {
            if s.height > MAX_HEIGHT {
                return Err(()); // ErrNestingDepth
            }
        }
        self.stack.push(item);
        Ok(())
    }

    /// A single-character item (literal, class, `.`, `^`, `$`, `\b`…).
    fn leaf(&mut self) -> Parse<()> {
        if let Some(Item::Leaves(k)) = self.stack.last_mut() {
            *k = k.saturating_add(1);
            return Ok(());
        }
        self.push(Item::Leaves(1))
    }

    fn summary(item: Item) -> Summary {
        match item {
            Item::Leaves(1) => LEAF,
            Item::Leaves(_) => Summary { height: 2, need: 0 },
            Item::Node(s) => s,
            // Markers never reach here.
            Item::LeftParen { .. } | Item::VerticalBar => LEAF,
        }
    }

    /// Collapses the operands above the nearest marker into one concatenation.
    fn concat(&mut self) -> Parse<()> {
        let start = self
            .stack
            .iter()
            .rposition(|i| matches!(i, Item::LeftParen { .. } | Item::VerticalBar))
            .map_or(0, |p| p + 1);
        let operands: Vec<Item> = self.stack.drain(start..).collect();
        let node = match operands.as_slice() {
            [] => LEAF, // empty match
            [one] => Self::summary(*one),
            many => Self::join(many.iter().map(|i| Self::summary(*i))),
        };
        self.push(Item::Node(node))
    }

    /// Collapses the branches above the nearest `(` into one alternation.
    fn alternate(&mut self) -> Parse<()> {
        let start = self.stack.iter().rposition(|i| matches!(i, Item::LeftParen { .. })).map_or(0, |p| p + 1);
        let branches: Vec<Summary> =
            self.stack.drain(start..).filter(|i| !matches!(i, Item::VerticalBar)).map(Self::summary).collect();
        let node = match branches.as_slice() {
            [] => LEAF,
            [one] => *one,
            many => Self::join(many.iter().copied()),
        };
        self.push(Item::Node(node))
    }

    /// A concatenation or alternation node over `subs`.
    fn join(subs: impl Iterator<Item = Summary>) -> Summary {
        subs.fold(LEAF, |acc, s| Summary {
            height: acc.height.max(s.height.saturating_add(1)),
            need: acc.need.max(s.need),
        })
    }

    fn repeat(&mut self, op: RepeatOp, after_repeat: bool) -> Parse<()> {
        if after_repeat {
            return Err(()); // ErrInvalidRepeatOp: `a**`, `a{2}+`…
        }
        let operand = match self.stack.pop() {
            None | Some(Item::LeftParen { .. }) | Some(Item::VerticalBar) => return Err(()), // ErrMissingRepeatArgument
            Some(Item::Leaves(k)) => {
                // The operator applies to the last character only.
                if k > 1 {
                    self.stack.push(Item::Leaves(k - 1));
                }
                LEAF
            }
            Some(Item::Node(s)) => s,
        };
        let height = operand.height.saturating_add(1);
        let node = match op {
            RepeatOp::Star | RepeatOp::Plus | RepeatOp::Quest => Summary { height, need: operand.need },
            RepeatOp::Counted { min, max } => {
                // repeatIsValid: `{0}` accepts anything below it, `{0,}` passes the
                // budget through unchanged, otherwise the budget is divided by m.
                let m = if max < 0 { min } else { max };
                let need = if max == 0 {
                    0
                } else if m == 0 {
                    operand.need
                } else {
                    m.max(operand.need.saturating_mul(m))
                };
                if (min >= 2 || max >= 2) && need > MAX_REPEAT {
                    return Err(()); // ErrInvalidRepeatSize (repeatIsValid)
                }
                Summary { height, need }
            }
        };
        self.push(Item::Node(node))
    }

    fn right_paren(&mut self) -> Parse<()> {
        self.concat()?;
        self.alternate()?;
        let n = self.stack.len();
        if n < 2 {
            return Err(()); // ErrUnexpectedParen
        }
        let (Some(Item::Node(inner)), Some(Item::LeftParen { capture })) = (self.stack.pop(), self.stack.pop()) else {
            return Err(());
        };
        let node = if capture { Summary { height: inner.height.saturating_add(1), need: inner.need } } else { inner };
        self.push(Item::Node(node))
    }

    fn parse(&mut self, pattern: &str) -> Parse<()> {
        let mut t = pattern;
        let mut last_was_repeat = false;
        while let Some(c) = t.chars().next() {
            let mut is_repeat = false;
            match c {
                '(' => {
                    if t.starts_with("(?") {
                        t = self.perl_flags(t)?;
                    } else {
                        self.push(Item::LeftParen { capture: true })?;
                        t = &t[1..];
                    }
                }
                '|' => {
                    self.concat()?;
                    self.push(Item::VerticalBar)?;
                    t = &t[1..];
                }
                ')' => {
                    self.right_paren()?;
                    t = &t[1..];
                }
                '[' => {
                    t = parse_class(t)?;
                    self.leaf()?;
                }
                '*' | '+' | '?' => {
                    let op = match c {
                        '*' => RepeatOp::Star,
                        '+' => RepeatOp::Plus,
                        _ => RepeatOp::Quest,
                    };
                    let after = &t[1..];
                    t = after.strip_prefix('?').unwrap_or(after); // non-greedy
                    self.repeat(op, last_was_repeat)?;
                    is_repeat = true;
                }
                '{' => match parse_repeat(t) {
                    // Not a valid repeat: `{` is a literal.
                    None => {
                        self.leaf()?;
                        t = &t[1..];
                    }
                    Some((min, max, after)) => {
                        if !(0..=MAX_REPEAT).contains(&min) || max > MAX_REPEAT || (max >= 0 && min > max) {
                            return Err(()); // ErrInvalidRepeatSize
                        }
                        t = after.strip_prefix('?').unwrap_or(after);
                        self.repeat(RepeatOp::Counted { min, max }, last_was_repeat)?;
                        is_repeat = true;
                    }
                },
                '\\' => t = self.backslash(t)?,
                // `^`, `$`, `.` and every other character are single items.
                _ => {
                    self.leaf()?;
                    t = &t[c.len_utf8()..];
                }
            }
            last_was_repeat = is_repeat;
        }
        self.concat()?;
        self.alternate()?;
        match self.stack.as_slice() {
            [Item::Node(_)] => Ok(()),
            _ => Err(()), // ErrMissingParen
        }
    }

    /// `\…` outside a class.
    fn backslash<'a>(&mut self, t: &'a str) -> Parse<&'a str> {
        match t.as_bytes().get(1) {
            Some(b'A' | b'b' | b'B' | b'z') => {
                self.leaf()?;
                return Ok(&t[2..]);
            }
            Some(b'C') => return Err(()), // any byte: not supported
            Some(b'Q') => {
                // `\Q…\E`: literal text up to `\E` or the end.
                let body = &t[2..];
                let (lit, rest) = match body.find("\\E") {
                    Some(i) => (&body[..i], &body[i + 2..]),
                    None => (body, ""),
                };
                for _ in lit.chars() {
                    self.leaf()?;
                }
                return Ok(rest);
            }
            _ => {}
        }
        if let Some(rest) = unicode_class(t)? {
            self.leaf()?;
            return Ok(rest);
        }
        if let Some(rest) = perl_class(t) {
            self.leaf()?;
            return Ok(rest);
        }
        let (_, rest) = parse_escape(t)?;
        self.leaf()?;
        Ok(rest)
    }

    /// `(?…`: named captures, flag groups and non-capturing groups.
    fn perl_flags<'a>(&mut self, t: &'a str) -> Parse<&'a str> {
        let b = t.as_bytes();
        let python_name = b.len() > 4 && b[2] == b'P' && b[3] == b'<';
        let plain_name = b.len() > 3 && b[2] == b'<';
        if python_name || plain_name {
            let name_start = if python_name { 4 } else { 3 };
            let end = t.find('>').ok_or(())?;
            let name = t.get(name_start..end).ok_or(())?;
            if name.is_empty() || !name.bytes().all(|c| c == b'_' || c.is_ascii_alphanumeric()) {
                return Err(()); // ErrInvalidNamedCapture
            }
            self.push(Item::LeftParen { capture: true })?;
            return Ok(&t[end + 1..]);
        }
        let mut negated = false;
        let mut saw_flag = false;
        for (i, c) in t[2..].char_indices() {
            match c {
                'i' | 'm' | 's' | 'U' => saw_flag = true,
                '-' => {
                    if negated {
                        return Err(());
                    }
                    negated = true;
                    saw_flag = false;
                }
                ':' | ')' => {
                    if negated && !saw_flag {
                        return Err(()); // `(?-)`, `(?i-:`
                    }
                    if c == ':' {
                        self.push(Item::LeftParen { capture: false })?;
                    }
                    return Ok(&t[2 + i + 1..]);
                }
                _ => return Err(()), // ErrInvalidPerlOp (lookaround, `(?P=`, `(?x)`…)
            }
        }
        Err(()) // ran off the end
    }
}

/// `{min}`, `{min,}` or `{min,max}`; `None` when `t` does not start with one
/// (then `{` is a literal). `-1` stands for "too big" (min) or "unbounded" (max).
fn parse_repeat(t: &str) -> Option<(i64, i64, &str)> {
    let s = t.strip_prefix('{')?;
    let (min, s) = parse_int(s)?;
    let (max, s) = if let Some(s) = s.strip_prefix(',') {
        if let Some(rest) = s.strip_prefix('}') {
            return Some((min, -1, rest));
        }
        let (max, s) = parse_int(s)?;
        // A too-big max makes the whole repeat invalid (min = -1 upstream).
        if max < 0 {
            return s.strip_prefix('}').map(|rest| (-1, max, rest));
        }
        (max, s)
    } else {
        (min, s)
    };
    s.strip_prefix('}').map(|rest| (min, max, rest))
}

/// Decimal digits without a leading zero (a lone `0` is fine); values of 10^8 or
/// more become `-1`.
fn parse_int(s: &str) -> Option<(i64, &str)> {
    let b = s.as_bytes();
    if !b.first()?.is_ascii_digit() {
        return None;
    }
    if b.len() >= 2 && b[0] == b'0' && b[1].is_ascii_digit() {
        return None;
    }
    let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut value: i64 = 0;
    for &d in &b[..n] {
        if value >= 100_000_000 {
            value = -1;
            break;
        }
        value = value * 10 + i64::from(d - b'0');
    }
    Some((value, &s[n..]))
}

/// `\d \D \s \S \w \W`.
fn perl_class(t: &str) -> Option<&str> {
    match t.as_bytes() {
        [b'\\', b'd' | b'D' | b's' | b'S' | b'w' | b'W', ..] => Some(&t[2..]),
        _ => None,
    }
}

/// `\pN`, `\p{Name}`, `\PN`, `\P{^Name}`: `Ok(None)` when `t` is not one.
fn unicode_class(t: &str) -> Parse<Option<&str>> {
    if !(t.starts_with("\\p") || t.starts_with("\\P")) {
        return Ok(None);
    }
    let after = &t[2..];
    let (name, rest) = if after.starts_with('{') {
        let end = t.find('}').ok_or(())?;
        (&t[3..end], &t[end + 1..])
    } else {
        match after.chars().next() {
            Some(c) => (&after[..c.len_utf8()], &after[c.len_utf8()..]),
            None => ("", ""),
        }
    };
    let name = name.strip_prefix('^').unwrap_or(name);
    if is_class_name(name) {
        Ok(Some(rest))
    } else {
        Err(()) // ErrInvalidCharRange
    }
}

fn unhex(c: char) -> Option<u32> {
    c.to_digit(16)
}

/// A single-character escape; returns the character's value and the rest.
fn parse_escape(s: &str) -> Parse<(u32, &str)> {
    let t = &s[1..];
    let c = t.chars().next().ok_or(())?; // trailing backslash
    let mut t = &t[c.len_utf8()..];
    match c {
        '0'..='7' => {
            // `\1`..`\7` alone would be backreferences: only octal with a second digit.
            if c != '0' && !t.as_bytes().first().is_some_and(|d| (b'0'..=b'7').contains(d)) {
                return Err(());
            }
            let mut r = c as u32 - '0' as u32;
            for _ in 1..3 {
                match t.as_bytes().first() {
                    Some(&d @ b'0'..=b'7') => {
                        r = r * 8 + u32::from(d - b'0');
                        t = &t[1..];
                    }
                    _ => break,
                }
            }
            Ok((r, t))
        }
        'x' => {
            let c = t.chars().next().ok_or(())?;
            t = &t[c.len_utf8()..];
            if c == '{' {
                let mut r: u32 = 0;
                let mut digits = 0usize;
                loop {
                    let c = t.chars().next().ok_or(())?;
                    t = &t[c.len_utf8()..];
                    if c == '}' {
                        break;
                    }
                    r = r.checked_mul(16).and_then(|r| r.checked_add(unhex(c)?)).ok_or(())?;
                    if r > 0x10FFFF {
                        return Err(());
                    }
                    digits += 1;
                }
                return if digits == 0 { Err(()) } else { Ok((r, t)) };
            }
            let x = unhex(c).ok_or(())?;
            let c2 = t.chars().next().ok_or(())?;
            let y = unhex(c2).ok_or(())?;
            Ok((x * 16 + y, &t[c2.len_utf8()..]))
        }
        'a' => Ok((7, t)),
        'f' => Ok((12, t)),
        'n' => Ok((10, t)),
        'r' => Ok((13, t)),
        't' => Ok((9, t)),
        'v' => Ok((11, t)),
        // Escaped ASCII punctuation stands for itself.
        c if c.is_ascii() && !c.is_ascii_alphanumeric() => Ok((c as u32, t)),
        _ => Err(()), // ErrInvalidEscape
    }
}

/// POSIX classes inside `[...]`.
const POSIX_CLASSES: [&str; 14] = [
    "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "word",
    "xdigit",
];

/// `[:name:]` / `[:^name:]` at the start of `t`: `Ok(None)` when there is no `:]`
/// later in the pattern (then `[` is an ordinary class character).
fn named_class(t: &str) -> Parse<Option<&str>> {
    let Some(i) = t[2..].find(":]") else {
        return Ok(None);
    };
    let name = &t[2..2 + i];
    let name = name.strip_prefix('^').unwrap_or(name);
    if POSIX_CLASSES.contains(&name) {
        Ok(Some(&t[2 + i + 2..]))
    } else {
        Err(()) // ErrInvalidCharRange
    }
}

/// One class character: an escape or a plain character; missing `]` at the end.
fn class_char(t: &str) -> Parse<(u32, &str)> {
    let c = t.chars().next().ok_or(())?;
    if c == '\\' {
        return parse_escape(t);
    }
    Ok((c as u32, &t[c.len_utf8()..]))
}

/// `[...]`; returns the text after the closing `]`.
fn parse_class(s: &str) -> Parse<&str> {
    let mut t = &s[1..];
    if let Some(rest) = t.strip_prefix('^') {
        t = rest;
    }
    // `]` is an ordinary character when it comes first.
    let mut first = true;
    while first || !t.starts_with(']') {
        first = false;
        if t.len() > 2 && t.starts_with("[:") {
            if let Some(rest) = named_class(t)? {
                t = rest;
                continue;
            }
        }
        if let Some(rest) = unicode_class(t)? {
            t = rest;
            continue;
        }
        if let Some(rest) = perl_class(t) {
            t = rest;
            continue;
        }
        let (lo, rest) = class_char(t)?;
        t = rest;
        // `a-]` is `a` and `-`; otherwise `a-z` is a range.
        let b = t.as_bytes();
        if b.len() >= 2 && b[0] == b'-' && b[1] != b']' {
            let (hi, rest) = class_char(&t[1..])?;
            if hi < lo {
                return Err(()); // ErrInvalidCharRange
            }
            t = rest;
        }
    }
    Ok(&t[1..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;

    #[test]
    fn accepts_what_go_accepts() {
        let ok = [
            "",
            "^[A-Z][A-Z0-9_]+$",
            r"^\d{4}-Q[1-4]$",
            "a|b|",
            "(|a)",
            "()",
            "()*",
            "^*",
            "a{,5}",
            "a{",
            "{}",
            "x{01}",
            "a{1000}",
            "a{2,1000}",
            "a{1000,}",
            "(a{10}){100}",
            "((a{10}){10}){10}",
            "(a{0}){1000}",
            "((a{1000}){0}){1000}",
            "(a{0,}){1000}",
            "a*?",
            "a+?b??",
            "a{2}?",
            r"\Qa.b*\E+",
            r"\Q*",
            r"[]a]",
            r"[^]a]",
            r"[a-]",
            r"[-a]",
            r"[[:alpha:][:^digit:]]",
            r"[[:x]",
            r"[\d\pL\p{Greek}\x41-\x{5A}]",
            r"[a\-z]",
            r"\pL\p{^Lu}\P{Han}\p{Letter}\p{ascii}",
            r"\x41\x{10FFFF}\0\012\123",
            r"\a\f\n\r\t\v\.\*\_\-\{\}\/\#",
            // Escaped ASCII punctuation is a literal in Go (not a word boundary).
            r"\<\>",
            r"\A\b\B\z",
            "(?i)a(?-i)b(?i-s:c)(?U)d(?m)(?s)",
            "(?)",
            "(?:)",
            "(?P<name>a)(?<n2>b)(?P<1>c)(?P<name>d)",
            "a(?i)*",
            "[a&&b]",
            "é+",
            "]",
            "}",
        ];
        for p in ok {
            assert!(compiles(p), "Go accepts {p:?}");
        }
    }

    #[test]
    fn rejects_what_go_rejects() {
        let bad = [
            "[",
            "[a",
            "[]",
            "[^]",
            "[z-a]",
            "[[:foo:]]",
            "(",
            "(a",
            ")",
            "a)",
            "(a))",
            "*",
            "+a",
            "a**",
            "a*+",
            "a??*",
            "a{2}{3}",
            "a{2}*",
            "(*)",
            "a|*",
            "(?i)*",
            "a{1001}",
            "a{2,1001}",
            "a{3,2}",
            "a{100000000}",
            "(a{501}){2}",
            "((a{10}){10}){11}",
            "((a{2}){0,}){501}",
            r"\",
            r"a\",
            r"\C",
            r"\Z",
            r"\1",
            r"\8",
            r"\e",
            r"\é",
            r"\x",
            r"\x4",
            r"\xg0",
            r"\x{}",
            r"\x{110000}",
            r"\x{41",
            r"\p",
            r"\p{",
            r"\p{Foo}",
            r"\pX",
            r"\p{Alphabetic}",
            r"[\b]",
            r"[a-\d]",
            "(?=a)",
            "(?!a)",
            "(?<=a)",
            "(?<!a)",
            "(?P=name)",
            "(?P<>a)",
            "(?<a-b>c)",
            "(?P<name",
            "(?x)a",
            "(?-)",
            "(?i-)",
            "(?--i)",
            "(?i",
            "(?#comment)",
            r"\E",
        ];
        for p in bad {
            assert!(!compiles(p), "Go rejects {p:?}");
        }
    }

    #[test]
    fn nesting_limit() {
        let deep = |n: usize| format!("{}a{}", "(".repeat(n), ")".repeat(n));
        assert!(compiles(&deep(998)));
        assert!(!compiles(&deep(1001)));
        // Non-capturing groups add no tree height in Go.
        let noncap = format!("{}a{}", "(?:".repeat(3000), ")".repeat(3000));
        assert!(compiles(&noncap));
    }

    #[test]
    fn long_inputs_stay_linear() {
        let long: String = "ab.".repeat(200_000);
        assert!(compiles(&long));
        assert!(!compiles(&"(".repeat(MAX_STACK + 1)));
    }
}
