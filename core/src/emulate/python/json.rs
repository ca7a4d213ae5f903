//! Python's `json.loads`, producing the same value type as the YAML loader.
//!
//! The token scan (ANPKG-VAL-T1) parses `.json` package files with Python's `json`
//! module and the schemas are read the same way, so this follows Python rather than
//! RFC 8259 strictly: `NaN`, `Infinity` and `-Infinity` are accepted, duplicate keys
//! keep the first position and the last value, integers are unbounded, and a leading
//! BOM, control characters in strings and trailing data are errors. Nesting is limited.
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::emulate::python::yaml::{Int, Map, Value};

const MAX_DEPTH: usize = 500;

/// `json.loads(text)`; the error text says what and where.
pub fn loads(text: &str) -> Result<Value, String> {
    let mut p = P { b: text.as_bytes(), s: text, i: 0, depth: 0 };
    p.ws();
    let v = p.value()?;
    p.ws();
    if p.i != p.b.len() {
        return Err(p.err("Extra data"));
    }
    Ok(v)
}

struct P<'a> {
    b: &'a [u8],
    s: &'a str,
    i: usize,
    depth: usize,
}

impl P<'_> {
    fn err(&self, what: &str) -> String {
        format!("{what}: char {}", self.i)
    }
    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }
    fn eat(&mut self, lit: &str) -> bool {
        if self.b.get(self.i..self.i + lit.len()) == Some(lit.as_bytes()) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }
    fn value(&mut self) -> Result<Value, String> {
        match self.b.get(self.i) {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Value::Str),
            Some(b'n') if self.eat("null") => Ok(Value::Null),
            Some(b't') if self.eat("true") => Ok(Value::Bool(true)),
            Some(b'f') if self.eat("false") => Ok(Value::Bool(false)),
            Some(b'N') if self.eat("NaN") => Ok(Value::Float(f64::NAN)),
            Some(b'I') if self.eat("Infinity") => Ok(Value::Float(f64::INFINITY)),
            Some(b'-') if self.eat("-Infinity") => Ok(Value::Float(f64::NEG_INFINITY)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.err("Expecting value")),
        }
    }
    fn enter(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err("maximum nesting depth exceeded"));
        }
        Ok(())
    }
    fn object(&mut self) -> Result<Value, String> {
        self.enter()?;
        self.i += 1;
        let mut map = Map::new();
        self.ws();
        if self.eat("}") {
            self.depth -= 1;
            return Ok(Value::Map(map));
        }
        loop {
            self.ws();
            if self.b.get(self.i) != Some(&b'"') {
                return Err(self.err("Expecting property name enclosed in double quotes"));
            }
            let key = self.string()?;
            self.ws();
            if !self.eat(":") {
                return Err(self.err("Expecting ':' delimiter"));
            }
            self.ws();
            let v = self.value()?;
            map.insert(Value::Str(key), v);
            self.ws();
            if self.eat(",") {
                continue;
            }
            if self.eat("}") {
                break;
            }
            return Err(self.err("Expecting ',' delimiter"));
        }
        self.depth -= 1;
        Ok(Value::Map(map))
    }
    fn array(&mut self) -> Result<Value, String> {
        self.enter()?;
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.eat("]") {
            self.depth -= 1;
            return Ok(Value::Seq(items));
        }
        loop {
            self.ws();
            items.push(self.value()?);
            self.ws();
            if self.eat(",") {
                continue;
            }
            if self.eat("]") {
                break;
            }
            return Err(self.err("Expecting ',' delimiter"));
        }
        self.depth -= 1;
        Ok(Value::Seq(items))
    }
    fn hex4(&mut self) -> Result<u32, String> {
        let h = self.s.get(self.i..self.i + 4).ok_or_else(|| self.err("Invalid \\uXXXX escape"))?;
        let v = u32::from_str_radix(h, 16).map_err(|_| self.err("Invalid \\uXXXX escape"))?;
        if !h.bytes().all(|c| c.is_ascii_hexdigit()) {
            return Err(self.err("Invalid \\uXXXX escape"));
        }
        self.i += 4;
        Ok(v)
    }
    fn string(&mut self) -> Result<String, String> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let start = self.i;
            while let Some(&c) = self.b.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            out.push_str(self.s.get(start..self.i).unwrap_or(""));
            match self.b.get(self.i) {
                None => return Err(self.err("Unterminated string starting at")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = *self.b.get(self.i).ok_or_else(|| self.err("Unterminated string starting at"))?;
                    self.i += 1;
                    match c {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let mut cp = self.hex4()?;
                            if (0xd800..0xdc00).contains(&cp) && self.b.get(self.i..self.i + 2) == Some(b"\\u") {
                                let save = self.i;
                                self.i += 2;
                                let lo = self.hex4()?;
                                if (0xdc00..0xe000).contains(&lo) {
                                    cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                                } else {
                                    self.i = save;
                                }
                            }
                            // Lone surrogates are valid in Python strings; stored as U+FFFD.
                            out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                        }
                        _ => return Err(self.err("Invalid \\escape")),
                    }
                }
                Some(_) => return Err(self.err("Invalid control character at")),
            }
        }
    }
    fn number(&mut self) -> Result<Value, String> {
        let start = self.i;
        let _ = self.eat("-");
        match self.b.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                while matches!(self.b.get(self.i), Some(b'0'..=b'9')) {
                    self.i += 1;
                }
            }
            _ => return Err(self.err("Expecting value")),
        }
        let int_end = self.i;
        let mut is_float = false;
        if self.b.get(self.i) == Some(&b'.') && matches!(self.b.get(self.i + 1), Some(b'0'..=b'9')) {
            is_float = true;
            self.i += 1;
            while matches!(self.b.get(self.i), Some(b'0'..=b'9')) {
                self.i += 1;
            }
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            let save = self.i;
            self.i += 1;
            let _ = self.eat("+") || self.eat("-");
            if matches!(self.b.get(self.i), Some(b'0'..=b'9')) {
                is_float = true;
                while matches!(self.b.get(self.i), Some(b'0'..=b'9')) {
                    self.i += 1;
                }
            } else {
                self.i = save;
            }
        }
        let text = self.s.get(start..self.i).unwrap_or("0");
        if is_float {
            return text.parse::<f64>().map(Value::Float).map_err(|_| self.err("Expecting value"));
        }
        let digits = self.s.get(start..int_end).unwrap_or("0");
        let (negative, digits) = match digits.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, digits),
        };
        if digits.len() > 4300 {
            return Err(self.err("Exceeds the limit (4300 digits) for integer string conversion"));
        }
        Int::parse_radix(digits, 10, negative).map(Value::Int).ok_or_else(|| self.err("Expecting value"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulate::python::repr::repr;

    #[test]
    fn python_json_semantics() {
        let v = loads(r#"{"a": [1, 2.5, NaN, -Infinity, true, null], "b": "x\u00e9", "a": 3}"#).unwrap();
        assert_eq!(repr(&v), "{'a': 3, 'b': 'xé'}");
        assert_eq!(repr(&loads("123456789012345678901234567890").unwrap()), "123456789012345678901234567890");
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "\u{feff}{}", "\"a\u{1}\"", "1 2", "01", "{'a': 1}"] {
            assert!(loads(bad).is_err(), "{bad:?}");
        }
    }
}
