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
use alloc::string::String;
use alloc::vec::Vec;

pub use super::int::Int;
pub use super::map::Map;

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
                    let members: super::map::Map = b.iter().map(|y| (y.clone(), Null)).collect();
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
