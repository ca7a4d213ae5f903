//! The YAML value type: exactly what PyYAML's `safe_load` builds, as Rust data.
//!
//! The `.anpkg` verdicts and exported bytes depend on Python types (ANPKG-YAML-1):
//! `0x0A` is an `int`, `2026-04-03` a `date`, `yes` a `bool`. So this type keeps
//! every Python type `safe_load` can produce, keeps mapping order (Python dicts are
//! insertion-ordered) and compares mapping keys with Python equality
//! (`1 == 1.0 == True`), so "duplicate key, last wins" lands on the same entry.
//!
//! This type is shared by the loader (`load.rs`) and the PyYAML-compatible emitter
//! (`emit.rs`); keep it stable.
use alloc::collections::btree_map::Entry;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;

pub use super::int::Int;

/// A PyYAML `safe_load` result.
#[derive(Clone, Debug)]
pub enum Value {
    /// `None` (`~`, `null`, empty scalar).
    Null,
    /// `bool` (`true`, `yes`, `on`, … YAML 1.1).
    Bool(bool),
    /// `int`, arbitrary precision (decimal, `0x`, `0o`/`0` octal, `0b`, sexagesimal).
    Int(Int),
    /// `float` (including `.inf`, `-.inf`, `.nan`).
    Float(f64),
    /// `str`. Python strings can hold lone surrogates (`"\ud800"`); those are stored
    /// as U+FFFD here (documented divergence).
    Str(String),
    /// `bytes` (`!!binary`).
    Binary(Vec<u8>),
    /// `datetime.date` (an unquoted `2026-04-03`).
    Date(Date),
    /// `datetime.datetime` (an unquoted `2026-04-03 10:00:00`, naive or aware).
    DateTime(DateTime),
    /// `list`.
    Seq(Vec<Value>),
    /// `dict`, insertion-ordered.
    Map(Map),
    /// `set` (`!!set`), in document order (Python's own order is hash order).
    Set(Vec<Value>),
    /// `tuple`: the items of `!!omap` / `!!pairs` are `(key, value)` tuples.
    Tuple(Vec<Value>),
}

/// `datetime.date`. Always a valid calendar date (the loader rejects others, as
/// Python's constructor does).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// `datetime.datetime`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateTime {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub microsecond: u32,
    /// UTC offset in seconds for an aware datetime (`Z` is `Some(0)`); `None` is naive.
    pub utc_offset_seconds: Option<i32>,
}

impl Value {
    pub fn str(s: impl Into<String>) -> Value {
        Value::Str(s.into())
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&Map> {
        match self {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_map_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Value]> {
        match self {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_seq_mut(&mut self) -> Option<&mut Vec<Value>> {
        match self {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }

    /// `d.get("key")` on a mapping; `None` for anything else.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_map().and_then(|m| m.get_str(key))
    }

    /// Python truthiness (`if x:`).
    pub fn is_truthy(&self) -> bool {
        match self {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Int(i) => !i.is_zero(),
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Binary(b) => !b.is_empty(),
            Value::Date(_) | Value::DateTime(_) => true,
            Value::Seq(v) | Value::Set(v) | Value::Tuple(v) => !v.is_empty(),
            Value::Map(m) => !m.is_empty(),
        }
    }

    /// Whether Python can use the value as a dict key or set member.
    pub fn is_hashable(&self) -> bool {
        match self {
            Value::Seq(_) | Value::Map(_) | Value::Set(_) => false,
            Value::Tuple(items) => items.iter().all(Value::is_hashable),
            _ => true,
        }
    }

    /// Python `==`. Numbers compare across `bool`/`int`/`float` (`True == 1 == 1.0`,
    /// NaN equal to nothing); aware datetimes compare as instants, naive and aware
    /// never equal; a `date` never equals a `datetime`; `list` never equals `tuple`.
    pub fn py_eq(&self, other: &Value) -> bool {
        use Value::*;
        if let (Some(a), Some(b)) = (self.numeric(), other.numeric()) {
            return a.py_eq(&b);
        }
        match (self, other) {
            (Null, Null) => true,
            (Str(a), Str(b)) => a == b,
            (Binary(a), Binary(b)) => a == b,
            (Date(a), Date(b)) => a == b,
            (DateTime(a), DateTime(b)) => a.py_eq(b),
            (Seq(a), Seq(b)) | (Tuple(a), Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.py_eq(y))
            }
            // Through a Python-equality index of one side: two large sets must not cost
            // a comparison per pair (set members are hashable, as dict keys are).
            (Set(a), Set(b)) => {
                a.len() == b.len() && {
                    let members: self::Map = b.iter().map(|y| (y.clone(), Null)).collect();
                    a.iter().all(|x| members.get(x).is_some())
                }
            }
            (Map(a), Map(b)) => {
                a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| v.py_eq(w)))
            }
            _ => false,
        }
    }

    /// The value as a number when it is `bool`, `int` or `float`.
    pub fn numeric(&self) -> Option<Numeric<'_>> {
        match self {
            Value::Bool(b) => Some(Numeric::Int(if *b { Int::ONE } else { Int::ZERO })),
            Value::Int(i) => Some(Numeric::IntRef(i)),
            Value::Float(f) => Some(Numeric::Float(*f)),
            _ => None,
        }
    }
}

/// A number view used for Python cross-type comparison.
#[derive(Clone, Debug)]
pub enum Numeric<'a> {
    Int(Int),
    IntRef(&'a Int),
    Float(f64),
}

impl Numeric<'_> {
    /// Python `<`/`==`/`>` between int and float is exact (no rounding); NaN is
    /// unordered (`None`).
    pub fn py_cmp(&self, other: &Numeric<'_>) -> Option<core::cmp::Ordering> {
        match (self.as_int(), other.as_int()) {
            (Some(a), Some(b)) => Some(a.cmp(b)),
            (Some(a), None) => a.cmp_f64(other.as_float()),
            (None, Some(b)) => b.cmp_f64(self.as_float()).map(core::cmp::Ordering::reverse),
            (None, None) => self.as_float().partial_cmp(&other.as_float()),
        }
    }

    pub fn py_eq(&self, other: &Numeric<'_>) -> bool {
        self.py_cmp(other) == Some(core::cmp::Ordering::Equal)
    }

    fn as_int(&self) -> Option<&Int> {
        match self {
            Numeric::Int(i) => Some(i),
            Numeric::IntRef(i) => Some(i),
            Numeric::Float(_) => None,
        }
    }

    fn as_float(&self) -> f64 {
        match self {
            Numeric::Float(f) => *f,
            Numeric::Int(i) => i.to_f64(),
            Numeric::IntRef(i) => i.to_f64(),
        }
    }
}

impl DateTime {
    /// Seconds since 0001-01-01 00:00:00 of the wall-clock time, minus the offset for
    /// aware values (so equal instants are equal), and the microseconds.
    pub fn instant(&self) -> (i64, u32) {
        let days = days_from_civil(i64::from(self.date.year), self.date.month, self.date.day);
        let secs = days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - i64::from(self.utc_offset_seconds.unwrap_or(0));
        (secs, self.microsecond)
    }

    fn py_eq(&self, other: &DateTime) -> bool {
        match (self.utc_offset_seconds.is_some(), other.utc_offset_seconds.is_some()) {
            (true, true) => self.instant() == other.instant(),
            (false, false) => self == other,
            _ => false,
        }
    }
}

/// Days since 0001-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let (y, m) = if month <= 2 { (year - 1, i64::from(month) + 9) } else { (year, i64::from(month) - 3) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 + 719_162
}

/// Whether `year-month-day` exists in the proleptic Gregorian calendar (years 1–9999,
/// like Python's `datetime.date`).
pub fn is_valid_date(year: u32, month: u32, day: u32) -> bool {
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return false;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    day <= days
}

// Mappings: a Python `dict` of `Value`s: insertion-ordered, keys unique under Python equality
// (`1 == 1.0 == True`), `d[k] = v` keeping the first key object and position.
//
// Lookups go through an ordered index of normalised keys once a mapping has more
// than a few entries, so building a mapping of n keys costs O(n log n), not O(n²)
// (a 400 000-key document must not take minutes). The index is a `BTreeMap`, not a
// hash table: no hash an input could be crafted to collide.

/// Mappings up to this size are searched linearly (cheaper than an index).
const INDEX_FROM: usize = 16;

/// A Python `dict`: entries in insertion order, keys unique under Python equality.
#[derive(Clone, Debug, Default)]
pub struct Map {
    entries: Vec<(Value, Value)>,
    /// Key → entry position, for mappings longer than [`INDEX_FROM`].
    index: Option<Index>,
}

/// A `str` equals only a `str`, so string keys (nearly all) are indexed by their text,
/// looked up without building a key; other keys by their normal form. Keys without one
/// (NaN, tuples, unhashable values) are in neither.
#[derive(Clone, Debug, Default)]
struct Index {
    strs: BTreeMap<String, usize>,
    others: BTreeMap<KeyNorm, usize>,
}

impl Index {
    /// Records `key` at `at` unless an equal key is already there.
    fn add(&mut self, key: &Value, at: usize) {
        match key {
            Value::Str(s) => {
                self.strs.entry(s.clone()).or_insert(at);
            }
            _ => {
                if let Some(n) = norm(key) {
                    self.others.entry(n).or_insert(at);
                }
            }
        }
    }
}

/// A key reduced so that Python-equal keys are equal (and unequal ones are not):
/// numbers by value across `bool`/`int`/`float`, aware datetimes by instant.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum KeyNorm {
    Null,
    /// `bool`, `int` and integral floats.
    Int(Int),
    /// Non-integral and infinite floats (never equal to an int), by bit pattern.
    Float(TotalF64),
    Binary(Vec<u8>),
    Date(Date),
    AwareDateTime((i64, u32)),
    NaiveDateTime(DateTimeKey),
}

#[derive(Clone, Copy, Debug)]
struct TotalF64(f64);

impl PartialEq for TotalF64 {
    fn eq(&self, other: &Self) -> bool {
        self.0.total_cmp(&other.0) == Ordering::Equal
    }
}
impl Eq for TotalF64 {}
impl PartialOrd for TotalF64 {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for TotalF64 {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// A naive datetime's fields, in order.
type DateTimeKey = (Date, u8, u8, u8, u32);

fn norm(key: &Value) -> Option<KeyNorm> {
    Some(match key {
        Value::Null => KeyNorm::Null,
        Value::Bool(b) => KeyNorm::Int(Int::from_i64(i64::from(*b))),
        Value::Int(i) => KeyNorm::Int(i.clone()),
        Value::Float(f) if f.is_nan() => return None,
        Value::Float(f) if f.is_finite() && f.fract() == 0.0 => KeyNorm::Int(Int::from_integral_f64(*f)),
        Value::Float(f) => KeyNorm::Float(TotalF64(*f)),
        Value::Binary(b) => KeyNorm::Binary(b.clone()),
        Value::Date(d) => KeyNorm::Date(*d),
        Value::DateTime(dt) if dt.utc_offset_seconds.is_some() => KeyNorm::AwareDateTime(dt.instant()),
        Value::DateTime(DateTime { date, hour, minute, second, microsecond, .. }) => {
            KeyNorm::NaiveDateTime((*date, *hour, *minute, *second, *microsecond))
        }
        // Strings are indexed by their text (`Index::strs`).
        Value::Str(_) | Value::Seq(_) | Value::Map(_) | Value::Set(_) | Value::Tuple(_) => return None,
    })
}

impl Map {
    pub fn new() -> Self {
        Map { entries: Vec::new(), index: None }
    }

    /// An empty map with room for `n` entries (the loader knows how many pairs come).
    pub fn with_capacity(n: usize) -> Self {
        Map { entries: Vec::with_capacity(n), index: None }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Position of the entry whose key is Python-equal to `key`.
    fn position(&self, key: &Value) -> Option<usize> {
        // A `str` equals only a `str` (no normal form, no cross-type comparison needed).
        if let Value::Str(s) = key {
            return self.position_str(s);
        }
        match (&self.index, self.index.as_ref().and_then(|_| norm(key))) {
            (Some(index), Some(n)) => index.others.get(&n).copied(),
            // Keys without a normal form are compared one by one (never in practice:
            // the loader rejects unhashable keys and NaN equals nothing).
            _ => self.entries.iter().position(|(k, _)| k.py_eq(key)),
        }
    }

    fn position_str(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.strs.get(key).copied(),
            None => self.entries.iter().position(|(k, _)| matches!(k, Value::Str(s) if s == key)),
        }
    }

    fn rebuild_index(&mut self) {
        self.index = (self.entries.len() > INDEX_FROM).then(|| {
            let mut index = Index::default();
            for (at, (k, _)) in self.entries.iter().enumerate() {
                index.add(k, at);
            }
            index
        });
    }

    /// `d[key] = value`: an equal key keeps its original key object and position and
    /// gets the new value (so `{1: a, 1.0: b}` is `{1: b}`, as in Python).
    pub fn insert(&mut self, key: Value, value: Value) {
        // A string key into an indexed map: one index walk finds or places it.
        if let (Some(index), Value::Str(s)) = (&mut self.index, &key) {
            let at = self.entries.len();
            match index.strs.entry(s.clone()) {
                Entry::Occupied(found) => self.entries[*found.get()].1 = value,
                Entry::Vacant(slot) => {
                    slot.insert(at);
                    self.entries.push((key, value));
                }
            }
            return;
        }
        if let Some(at) = self.position(&key) {
            self.entries[at].1 = value;
            return;
        }
        let at = self.entries.len();
        if let Some(index) = &mut self.index {
            index.add(&key, at);
        }
        self.entries.push((key, value));
        if self.index.is_none() && self.entries.len() > INDEX_FROM {
            self.rebuild_index();
        }
    }

    /// `d.get(key)` for any key value.
    pub fn get(&self, key: &Value) -> Option<&Value> {
        self.position(key).map(|at| &self.entries[at].1)
    }

    /// `d.get("key")`: only `str` keys equal a string.
    pub fn get_str(&self, key: &str) -> Option<&Value> {
        self.position_str(key).map(|at| &self.entries[at].1)
    }

    pub fn get_str_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.position_str(key).map(|at| &mut self.entries[at].1)
    }

    pub fn contains_str(&self, key: &str) -> bool {
        self.position_str(key).is_some()
    }

    /// `d.pop("key", None)`.
    pub fn remove_str(&mut self, key: &str) -> Option<Value> {
        let at = self.position_str(key)?;
        let (_, value) = self.entries.remove(at);
        self.rebuild_index();
        Some(value)
    }

    /// Entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&Value, &mut Value)> {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn into_entries(self) -> Vec<(Value, Value)> {
        self.entries
    }
}

impl FromIterator<(Value, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (Value, Value)>>(iter: I) -> Self {
        let mut m = Map::new();
        for (k, v) in iter {
            m.insert(k, v);
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    fn int(i: i64) -> Value {
        Value::Int(Int::from_i64(i))
    }

    #[test]
    fn python_dict_semantics_with_and_without_index() {
        for filler in [0usize, 40] {
            let mut m = Map::new();
            for i in 0..filler {
                m.insert(Value::str(format!("k{i}")), Value::Null);
            }
            m.insert(int(1), Value::str("a"));
            m.insert(Value::Float(1.0), Value::str("b"));
            m.insert(Value::Bool(true), Value::str("c"));
            m.insert(Value::Float(0.5), Value::str("d"));
            m.insert(Value::Float(f64::NAN), Value::str("e"));
            m.insert(Value::Float(f64::NAN), Value::str("f"));
            m.insert(Value::Bool(false), Value::str("g"));
            m.insert(Value::Float(-0.0), Value::str("h"));
            assert_eq!(m.len(), filler + 5, "filler {filler}");
            // `1` keeps its position and key object, takes the last value.
            let (k, v) = m.iter().nth(filler).unwrap();
            assert!(matches!(k, Value::Int(_)) && v.as_str() == Some("c"));
            assert_eq!(m.get(&Value::Float(0.0)).and_then(Value::as_str), Some("h"));
            assert_eq!(m.get(&Value::Float(0.5)).and_then(Value::as_str), Some("d"));
            assert!(m.get(&Value::Float(f64::NAN)).is_none());
            assert_eq!(m.remove_str("k3").is_some(), filler > 3);
            m.insert(Value::str("k3"), int(3));
            assert_eq!(m.keys().last().and_then(Value::as_str), Some("k3"));
            // A string key again: its first position, the last value.
            m.insert(Value::str("k3"), int(4));
            assert_eq!(m.keys().last().and_then(Value::as_str), Some("k3"));
            assert!(m.get_str("k3").is_some_and(|v| v.py_eq(&int(4))));
            assert_eq!(m.len(), filler + 5 + usize::from(filler <= 3));
            assert!(m.get(&Value::Float(1e300)).is_none());
            m.insert(Value::Float(1e300), int(7));
            let big = Int::parse_radix(&format!("{:.0}", 1e300), 10, false).unwrap();
            assert!(m.get(&Value::Int(big)).is_some());
        }
    }

    #[test]
    fn set_equality_is_python_equality() {
        let set = |items: &[Value]| Value::Set(items.to_vec());
        assert!(set(&[int(1), Value::Float(2.0)]).py_eq(&set(&[int(2), Value::Bool(true)])));
        assert!(!set(&[int(1), int(3)]).py_eq(&set(&[int(2), int(1)])));
        assert!(!set(&[Value::Float(f64::NAN)]).py_eq(&set(&[Value::Float(f64::NAN)])));
        let big: Vec<Value> = (0..100_000).map(int).collect();
        let reversed: Vec<Value> = big.iter().rev().cloned().collect();
        assert!(set(&big).py_eq(&set(&reversed)));
    }

    #[test]
    fn many_keys_stay_fast_and_ordered() {
        // 200 000 distinct keys: quadratic insertion would take minutes here.
        let m: Map = (0..200_000).map(|i| (Value::str(format!("k{i}")), int(i))).collect();
        assert_eq!(m.len(), 200_000);
        assert_eq!(m.keys().nth(123_456).and_then(Value::as_str), Some("k123456"));
        assert!(matches!(m.get_str("k199999"), Some(Value::Int(i)) if i.to_i64() == Some(199_999)));
    }
}
