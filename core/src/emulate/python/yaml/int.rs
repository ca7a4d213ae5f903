//! Python `int`: arbitrary precision, because YAML integers are unbounded in PyYAML
//! (`0xFFFFFFFFFFFFFFFFFFFF` is an ordinary int there). Small values stay `i64`;
//! larger ones keep a base-10⁹ magnitude. Only what the loader, the validator and
//! the emitter need: parsing in a radix, comparison (also exact against floats),
//! decimal printing and conversion to `f64`.
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;
use core::fmt;

const LIMB: u64 = 1_000_000_000;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Int(Repr);

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Repr {
    Small(i64),
    /// Magnitude in base 10⁹, least significant limb first, no trailing zero limbs;
    /// only used for values outside `i64`.
    Big { negative: bool, limbs: Vec<u32> },
}

impl Int {
    pub const ZERO: Int = Int(Repr::Small(0));
    pub const ONE: Int = Int(Repr::Small(1));

    pub fn from_i64(v: i64) -> Int {
        Int(Repr::Small(v))
    }

    /// The value when it fits an `i64`.
    pub fn to_i64(&self) -> Option<i64> {
        match &self.0 {
            Repr::Small(v) => Some(*v),
            Repr::Big { .. } => None,
        }
    }

    pub fn is_zero(&self) -> bool {
        matches!(self.0, Repr::Small(0))
    }

    pub fn is_negative(&self) -> bool {
        match &self.0 {
            Repr::Small(v) => *v < 0,
            Repr::Big { negative, .. } => *negative,
        }
    }

    /// Parses ASCII digits (no sign, no underscores) in `radix` 2–16. `None` for an
    /// empty string or a bad digit (Python's `int("", 2)` raises).
    pub fn parse_radix(digits: &str, radix: u32, negative: bool) -> Option<Int> {
        if digits.is_empty() || !(2..=16).contains(&radix) {
            return None;
        }
        // Up to 15 digits fit an i64 in every radix up to 16 (16^15 = 2^60).
        if digits.len() <= 15 {
            let mut v: i64 = 0;
            for c in digits.chars() {
                v = v * i64::from(radix) + i64::from(c.to_digit(radix)?);
            }
            return Some(Int(Repr::Small(if negative { -v } else { v })));
        }
        let mut limbs: Vec<u32> = Vec::new();
        for c in digits.chars() {
            let d = c.to_digit(radix)?;
            mul_add(&mut limbs, radix, d);
        }
        Some(Int::from_limbs(negative, limbs))
    }

    /// `sum(parts[i] * 60**(n-1-i))`: PyYAML's sexagesimal integers (`1:30` = 90).
    pub fn from_sexagesimal(parts: &[Int], negative: bool) -> Int {
        let mut limbs: Vec<u32> = Vec::new();
        for p in parts {
            mul_add(&mut limbs, 60, 0);
            add_magnitude(&mut limbs, &p.magnitude());
        }
        Int::from_limbs(negative, limbs)
    }

    /// Python `float(int)`: correctly rounded; beyond the f64 range this gives ±inf
    /// (Python raises OverflowError there).
    pub fn to_f64(&self) -> f64 {
        match &self.0 {
            Repr::Small(v) => *v as f64,
            Repr::Big { .. } => alloc::format!("{self}").parse::<f64>().unwrap_or(f64::NAN),
        }
    }

    /// Exact comparison with a float, like Python (`2**53 + 1 > 2.0**53`). `None` for NaN.
    pub fn cmp_f64(&self, f: f64) -> Option<Ordering> {
        if f.is_nan() {
            return None;
        }
        if f.is_infinite() {
            return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
        }
        let whole = f.trunc();
        let whole_int = Int::from_integral_f64(whole);
        match self.cmp(&whole_int) {
            Ordering::Equal => {
                let frac = f - whole;
                Some(if frac > 0.0 {
                    Ordering::Less
                } else if frac < 0.0 {
                    Ordering::Greater
                } else {
                    Ordering::Equal
                })
            }
            other => Some(other),
        }
    }

    /// An integral finite float as an exact Int.
    pub(crate) fn from_integral_f64(f: f64) -> Int {
        if f.abs() < 9.0e18 {
            return Int::from_i64(f as i64);
        }
        // f = mantissa * 2^exp with exp > 0 here.
        let bits = f.to_bits();
        let negative = (bits >> 63) == 1;
        let exp = ((bits >> 52) & 0x7ff) as i32 - 1075;
        let mantissa = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
        let mut limbs = Vec::new();
        mul_add(&mut limbs, 1 << 26, (mantissa >> 26) as u32);
        mul_add(&mut limbs, 1 << 26, (mantissa & ((1 << 26) - 1)) as u32);
        for _ in 0..exp.max(0) {
            mul_add(&mut limbs, 2, 0);
        }
        Int::from_limbs(negative, limbs)
    }

    fn magnitude(&self) -> Vec<u32> {
        match &self.0 {
            Repr::Small(v) => {
                let mut m = v.unsigned_abs();
                let mut limbs = Vec::new();
                while m > 0 {
                    limbs.push((m % LIMB) as u32);
                    m /= LIMB;
                }
                limbs
            }
            Repr::Big { limbs, .. } => limbs.clone(),
        }
    }

    fn from_limbs(negative: bool, mut limbs: Vec<u32>) -> Int {
        while limbs.last() == Some(&0) {
            limbs.pop();
        }
        // Fits i64? (at most 3 limbs and within range)
        if limbs.len() <= 3 {
            let mut m: u128 = 0;
            for l in limbs.iter().rev() {
                m = m * u128::from(LIMB as u32) + u128::from(*l);
            }
            let max = if negative { 1u128 << 63 } else { (1u128 << 63) - 1 };
            if m <= max {
                let v = if negative { (m as i128).wrapping_neg() as i64 } else { m as i64 };
                return Int(Repr::Small(v));
            }
        }
        Int(Repr::Big { negative, limbs })
    }

    /// Number of decimal digits of the magnitude (Python refuses `str()` of ints with
    /// more than 4300 digits by default).
    pub fn decimal_digits(&self) -> usize {
        let mag = self.magnitude();
        match mag.last() {
            None => 1,
            Some(top) => (mag.len() - 1) * 9 + count_digits(*top),
        }
    }

    /// Python `-x`.
    pub fn neg(&self) -> Int {
        match &self.0 {
            Repr::Small(v) => match v.checked_neg() {
                Some(n) => Int(Repr::Small(n)),
                None => Int::from_limbs(false, self.magnitude()),
            },
            Repr::Big { negative, limbs } => Int::from_limbs(!negative, limbs.clone()),
        }
    }
}

fn count_digits(mut v: u32) -> usize {
    let mut n = 1;
    while v >= 10 {
        v /= 10;
        n += 1;
    }
    n
}

/// `limbs = limbs * mul + add` in base 10⁹.
fn mul_add(limbs: &mut Vec<u32>, mul: u32, add: u32) {
    let mut carry = u64::from(add);
    for l in limbs.iter_mut() {
        let v = u64::from(*l) * u64::from(mul) + carry;
        *l = (v % LIMB) as u32;
        carry = v / LIMB;
    }
    while carry > 0 {
        limbs.push((carry % LIMB) as u32);
        carry /= LIMB;
    }
}

fn add_magnitude(limbs: &mut Vec<u32>, other: &[u32]) {
    let mut carry = 0u64;
    let n = limbs.len().max(other.len());
    limbs.resize(n, 0);
    for (i, l) in limbs.iter_mut().enumerate() {
        let v = u64::from(*l) + u64::from(other.get(i).copied().unwrap_or(0)) + carry;
        *l = (v % LIMB) as u32;
        carry = v / LIMB;
    }
    if carry > 0 {
        limbs.push(carry as u32);
    }
}

fn cmp_magnitude(a: &[u32], b: &[u32]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

impl Ord for Int {
    fn cmp(&self, other: &Int) -> Ordering {
        if let (Repr::Small(a), Repr::Small(b)) = (&self.0, &other.0) {
            return a.cmp(b);
        }
        match (self.is_negative(), other.is_negative()) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => cmp_magnitude(&self.magnitude(), &other.magnitude()),
            (true, true) => cmp_magnitude(&other.magnitude(), &self.magnitude()),
        }
    }
}

impl PartialOrd for Int {
    fn partial_cmp(&self, other: &Int) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl From<i64> for Int {
    fn from(v: i64) -> Int {
        Int::from_i64(v)
    }
}

/// Decimal, as Python's `str(int)`.
impl fmt::Display for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Small(v) => write!(f, "{v}"),
            Repr::Big { negative, limbs } => {
                let mut s = String::new();
                if *negative {
                    s.push('-');
                }
                let mut iter = limbs.iter().rev();
                if let Some(top) = iter.next() {
                    s.push_str(&alloc::format!("{top}"));
                }
                for l in iter {
                    s.push_str(&alloc::format!("{l:09}"));
                }
                f.write_str(&s)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn parses_radixes_and_big_values() {
        assert_eq!(Int::parse_radix("ff", 16, false).unwrap().to_i64(), Some(255));
        assert_eq!(Int::parse_radix("755", 8, true).unwrap().to_i64(), Some(-493));
        let big = Int::parse_radix("ffffffffffffffffffff", 16, false).unwrap();
        assert_eq!(big.to_string(), "1208925819614629174706175");
        assert_eq!(big.to_i64(), None);
        assert_eq!(Int::parse_radix("8000000000000000", 16, true).unwrap().to_i64(), Some(i64::MIN));
        assert_eq!(Int::parse_radix("8000000000000000", 16, false).unwrap().to_string(), "9223372036854775808");
        assert!(Int::parse_radix("", 2, false).is_none());
        assert!(Int::parse_radix("2", 2, false).is_none());
    }

    #[test]
    fn sexagesimal_and_comparisons() {
        let parts = [Int::from_i64(190), Int::from_i64(20), Int::from_i64(30)];
        assert_eq!(Int::from_sexagesimal(&parts, false).to_i64(), Some(685_230));
        assert_eq!(Int::from_i64(1).cmp_f64(1.0), Some(Ordering::Equal));
        assert_eq!(Int::from_i64(1).cmp_f64(1.5), Some(Ordering::Less));
        assert_eq!(Int::from_i64(-1).cmp_f64(-1.5), Some(Ordering::Greater));
        let big = Int::parse_radix("9007199254740993", 10, false).unwrap();
        assert_eq!(big.cmp_f64(9007199254740992.0), Some(Ordering::Greater));
        assert_eq!(Int::from_i64(1).cmp_f64(f64::NAN), None);
        let huge = Int::parse_radix("1".repeat(40).as_str(), 10, false).unwrap();
        assert_eq!(huge.cmp_f64(1e39), Some(Ordering::Greater));
        assert_eq!(huge.decimal_digits(), 40);
        assert!(huge > Int::from_i64(i64::MAX));
        assert!(huge.neg() < Int::from_i64(i64::MIN));
    }
}
