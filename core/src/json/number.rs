//! Go `encoding/json` float formatting (ANIP-CJ-4), which is ECMAScript
//! `Number.prototype.toString` except that `-0` keeps its sign.
use alloc::string::String;

/// Shortest round-trip decimal digits of a finite, non-zero `|x|` and the exponent
/// `e` such that `x = d.ddd × 10^e`.
fn shortest_digits(x: f64) -> (String, i32) {
    let mut buf = ryu::Buffer::new();
    let s = buf.format_finite(x.abs());
    let (mantissa, exp) = match s.find('e') {
        Some(i) => (&s[..i], s[i + 1..].parse::<i32>().unwrap_or(0)),
        None => (s, 0),
    };
    let (int_part, frac_part) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, ""),
    };
    let mut digits = String::with_capacity(int_part.len() + frac_part.len());
    digits.push_str(int_part);
    digits.push_str(frac_part);
    // Position of the decimal point relative to the first digit of `digits`.
    let leading_zeros = digits.bytes().take_while(|&b| b == b'0').count();
    let point = int_part.len() as i32 + exp;
    let digits = digits[leading_zeros..].trim_end_matches('0');
    let e = point - leading_zeros as i32 - 1;
    (String::from(digits), e)
}

/// Formats a finite `f64` exactly as Go `json.Marshal` does.
pub fn format_go_float(x: f64) -> String {
    if x == 0.0 {
        return String::from(if x.is_sign_negative() { "-0" } else { "0" });
    }
    let (digits, e) = shortest_digits(x);
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    let abs = x.abs();
    if (1e-6..1e21).contains(&abs) {
        // %f with the shortest digits.
        if e >= 0 {
            let int_len = (e + 1) as usize;
            if digits.len() <= int_len {
                out.push_str(&digits);
                for _ in digits.len()..int_len {
                    out.push('0');
                }
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        } else {
            out.push_str("0.");
            for _ in 0..(-e - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        }
    } else {
        // %e with the shortest digits; Go then trims a negative exponent's leading zero.
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if e < 0 { '-' } else { '+' });
        let mag = e.unsigned_abs();
        if e >= 0 && mag < 10 {
            out.push('0');
        }
        out.push_str(&alloc::format!("{mag}"));
    }
    out
}

/// Go `%g` of an f64 (used in check details, ANIP-CONS-2): shortest digits, exponent
/// form when the decimal exponent is < -4 or >= 6 (strconv's shortest `%g` rule).
pub(crate) fn format_go_g(x: f64) -> String {
    if x == 0.0 {
        return String::from(if x.is_sign_negative() { "-0" } else { "0" });
    }
    if !x.is_finite() {
        return String::from(if x.is_nan() { "NaN" } else if x > 0.0 { "+Inf" } else { "-Inf" });
    }
    let (digits, e) = shortest_digits(x);
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    if !(-4..6).contains(&e) {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if e < 0 { '-' } else { '+' });
        let mag = e.unsigned_abs();
        if mag < 10 {
            out.push('0');
        }
        out.push_str(&alloc::format!("{mag}"));
    } else {
        let abs_str = format_go_float(x.abs());
        out.push_str(&abs_str);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_float_table() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1"),
            (100.0, "100"),
            (-0.0, "-0"),
            (0.0, "0"),
            (0.000001, "0.000001"),
            (0.0000001, "1e-7"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (12345678901234567890.0, "12345678901234567000"),
            (1.5e300, "1.5e+300"),
            (1e-10, "1e-10"),
            (0.1, "0.1"),
            (123.456, "123.456"),
            (-2.5, "-2.5"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
        ];
        for (x, want) in cases {
            assert_eq!(format_go_float(*x), *want, "{x:e}");
        }
    }

    #[test]
    fn go_g_table() {
        assert_eq!(format_go_g(0.0), "0");
        assert_eq!(format_go_g(2.0), "2");
        assert_eq!(format_go_g(1e21), "1e+21");
        assert_eq!(format_go_g(0.5), "0.5");
        assert_eq!(format_go_g(0.00001), "1e-05");
        assert_eq!(format_go_g(123456.0), "123456");
        assert_eq!(format_go_g(1234567.0), "1.234567e+06");
    }
}
