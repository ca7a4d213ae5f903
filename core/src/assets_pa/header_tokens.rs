//! A token-level pass over header JSON that the shared parser cannot do: it keeps the
//! *written form* of every number (PA-HDR-4 rejects `1.0` and `1e3` even though their
//! values are integral) and finds duplicate keys together with their JSON path
//! (PA-HDR-6). It runs only on text the shared parser has already accepted, so it
//! never has to report syntax errors; on anything unexpected it simply stops.
use alloc::string::String;
use alloc::vec::Vec;

use crate::json;

/// The first problem of each kind found in document order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TokenFindings {
    /// `(key, path of the object)` of the first key that repeats within one object.
    pub duplicate_key: Option<(String, String)>,
    /// `(token text, path)` of the first number that is not a plain decimal integer
    /// in 0..=2^53−1.
    pub bad_number: Option<(String, String)>,
}

enum Frame {
    Object { key: Option<String>, seen: Vec<String>, expecting_key: bool },
    Array { index: usize },
}

/// Scans `text` (valid JSON) and reports the first duplicate key and first bad number.
pub fn scan(text: &[u8]) -> TokenFindings {
    let mut found = TokenFindings::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0usize;
    while let Some(&c) = text.get(i) {
        match c {
            b'{' => {
                stack.push(Frame::Object { key: None, seen: Vec::new(), expecting_key: true });
                i += 1;
            }
            b'[' => {
                stack.push(Frame::Array { index: 0 });
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                    Some(Frame::Array { index }) => *index += 1,
                    None => {}
                }
                i += 1;
            }
            b'"' => {
                let end = string_end(text, i);
                let is_key = matches!(stack.last(), Some(Frame::Object { expecting_key: true, .. }));
                if is_key {
                    let key = match text.get(i..end).map(|t| json::parse(t).map(json::Value::into_string)) {
                        Some(Ok(Ok(s))) => s,
                        _ => return found,
                    };
                    let path = path_of(&stack, false);
                    if let Some(Frame::Object { key: current, seen, expecting_key }) = stack.last_mut() {
                        if found.duplicate_key.is_none() && seen.contains(&key) {
                            found.duplicate_key = Some((key.clone(), path));
                        }
                        seen.push(key.clone());
                        *current = Some(key);
                        *expecting_key = false;
                    }
                }
                i = end;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while matches!(text.get(i), Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')) {
                    i += 1;
                }
                if found.bad_number.is_none() {
                    let token = &text[start..i];
                    if !is_plain_integer(token) {
                        found.bad_number =
                            Some((String::from_utf8_lossy(token).into_owned(), path_of(&stack, true)));
                    }
                }
            }
            _ => i += 1,
        }
        if found.duplicate_key.is_some() && found.bad_number.is_some() {
            break;
        }
    }
    found
}

/// Index just past the closing quote of the string starting at `start`.
fn string_end(text: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(&c) = text.get(i) {
        match c {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    text.len()
}

/// `0` or `[1-9][0-9]*`, at most 2^53−1.
fn is_plain_integer(token: &[u8]) -> bool {
    const MAX: &[u8] = b"9007199254740991";
    if token.is_empty() || !token.iter().all(u8::is_ascii_digit) {
        return false;
    }
    if token.len() > 1 && token[0] == b'0' {
        return false;
    }
    token.len() < MAX.len() || (token.len() == MAX.len() && token <= MAX)
}

/// The JSON path of the value being read (`with_key`) or of the innermost container.
fn path_of(stack: &[Frame], with_key: bool) -> String {
    let mut path = String::new();
    let last = stack.len().saturating_sub(1);
    for (depth, frame) in stack.iter().enumerate() {
        let include_leaf = with_key || depth < last;
        match frame {
            Frame::Object { key: Some(k), .. } if include_leaf => push_key(&mut path, k),
            Frame::Array { index } if include_leaf => path.push_str(&alloc::format!("[{index}]")),
            _ => {}
        }
    }
    path
}

/// Appends `.key`, or `["key"]` when the key is not a plain identifier.
pub fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push_str("[\"");
        for ch in key.chars() {
            if ch == '"' || ch == '\\' {
                path.push('\\');
            }
            path.push(ch);
        }
        path.push_str("\"]");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> TokenFindings {
        scan(t.as_bytes())
    }

    #[test]
    fn numbers_keep_their_written_form() {
        assert_eq!(s(r#"{"a":[1,2,{"b":0}]}"#), TokenFindings::default());
        let f = s(r#"{"asset_table":[{"metadata":{"tile_size":8.0}}]}"#);
        assert_eq!(f.bad_number, Some(("8.0".into(), "asset_table[0].metadata.tile_size".into())));
        assert_eq!(s("[1e3]").bad_number.unwrap().0, "1e3");
        assert_eq!(s("[-1]").bad_number.unwrap().0, "-1");
        assert_eq!(s("[-0]").bad_number.unwrap().0, "-0");
        assert!(s("[9007199254740991]").bad_number.is_none());
        assert_eq!(s("[9007199254740992]").bad_number.unwrap().0, "9007199254740992");
        assert_eq!(s(r#"[0,{"x":"1.5"},7,2.5]"#).bad_number.unwrap().1, "[3]");
    }

    #[test]
    fn duplicate_keys_with_paths() {
        let f = s(r#"{"asset_table":[{"a":1},{"a":1,"b":2,"\u0061":3}]}"#);
        assert_eq!(f.duplicate_key, Some(("a".into(), "asset_table[1]".into())));
        assert_eq!(s(r#"{"a":{"b":1},"c":{"b":1}}"#).duplicate_key, None);
        assert_eq!(s(r#"{"a":1,"a":2}"#).duplicate_key, Some(("a".into(), "".into())));
    }
}
