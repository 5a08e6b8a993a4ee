//! Decimal text of `f64` values, exactly as Rust's `format!` writes it: [`fixed`] is
//! `format!("{v:.N}")` and [`shortest`] is `format!("{v}")`. The views' numbers, the chart's
//! coordinates and the exports' values are written through these two functions only.
//!
//! There are two backends with the same output:
//! - **native** (the compiler, the tests, the benchmarks): the standard library's formatting;
//! - **wasm32** (the app): the browser's `Number.prototype.toFixed` and `String(number)`
//!   through js-sys, so the standard library's float formatting (Grisu and Dragon4 with their
//!   tables, about 6 KB of the gzipped wasm) is not shipped. Both sides compute the digits
//!   from the exact binary value, so they agree on every digit; what differs is only spelling,
//!   which [`from_js_shortest`] and [`from_js_fixed`] undo: JavaScript writes exponents
//!   ("1e+21", "1e-7"), rounds an exact tie away from zero where Rust rounds it to even
//!   (`(0.25).toFixed(1)` is "0.3", Rust's "0.2"), writes -0 as "0" and infinity as
//!   "Infinity". A native test checks these against the standard library.

#[cfg(not(target_arch = "wasm32"))]
pub use native::*;
#[cfg(target_arch = "wasm32")]
pub use wasm::*;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    /// `format!("{v:.digits$}")`.
    pub fn fixed(v: f64, digits: u8) -> String {
        format!("{v:.0$}", usize::from(digits))
    }

    /// `format!("{v}")`: the shortest digits that read back as `v`, never an exponent.
    pub fn shortest(v: f64) -> String {
        format!("{v}")
    }
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::{from_js_fixed, from_js_shortest, special};
    use js_sys::{BigInt, Number};
    use wasm_bindgen::JsValue;

    /// `format!("{v:.digits$}")`.
    pub fn fixed(v: f64, digits: u8) -> String {
        if let Some(s) = special(v) {
            return s.to_owned();
        }
        if v.abs() >= 1e21 {
            // `toFixed` writes an exponent from 1e21 up; such a double is an integer, which a
            // BigInt writes with every digit.
            let int = BigInt::new(&JsValue::from(v.abs()))
                .ok()
                .and_then(|b| b.to_string(10).ok())
                .map(String::from)
                .unwrap_or_default();
            let mut out = String::with_capacity(int.len() + usize::from(digits) + 2);
            if v < 0.0 {
                out.push('-');
            }
            out.push_str(&int);
            if digits > 0 {
                out.push('.');
                out.extend(std::iter::repeat_n('0', usize::from(digits)));
            }
            return out;
        }
        let js = Number::from(v)
            .to_fixed(digits)
            .map(String::from)
            .unwrap_or_default();
        from_js_fixed(js, v, digits)
    }

    /// `format!("{v}")`: the shortest digits that read back as `v`, never an exponent.
    pub fn shortest(v: f64) -> String {
        if let Some(s) = special(v) {
            return s.to_owned();
        }
        if v == 0.0 {
            return if v.is_sign_negative() { "-0" } else { "0" }.to_owned();
        }
        let js: String = Number::from(v)
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default();
        from_js_shortest(&js, v, |digits| {
            Number::from(v.abs())
                .to_fixed(digits)
                .map(String::from)
                .unwrap_or_default()
        })
    }
}

/// What Rust writes for NaN and the infinities, whatever the precision.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn special(v: f64) -> Option<&'static str> {
    if v.is_nan() {
        Some("NaN")
    } else if v == f64::INFINITY {
        Some("inf")
    } else if v == f64::NEG_INFINITY {
        Some("-inf")
    } else {
        None
    }
}

/// Rust's spelling of `toFixed(digits)`'s answer `js` for a finite `v` under 1e21 in
/// magnitude: the same digits but for an exact tie (`v` halfway between two answers), which
/// JavaScript rounds away from zero and Rust to the even last digit, and for -0, which
/// JavaScript writes without its sign.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn from_js_fixed(mut js: String, v: f64, digits: u8) -> String {
    if v == 0.0 && v.is_sign_negative() && !js.starts_with('-') {
        js.insert(0, '-');
    }
    // `v` is halfway between two answers exactly when |v|·2^(digits+1) is an odd integer (a
    // double is a fraction over a power of two; halfway means an odd number of halves of the
    // last digit, and 10^-digits is 2^-digits times a power of 5, which no power of two can
    // cancel). Scaling by a power of two is exact.
    if is_half(v, u32::from(digits)) {
        // JavaScript took the larger answer; when its last digit is odd, Rust's is the one
        // below (an odd digit is at least 1: no borrow).
        if let Some(last) = js.pop() {
            let d = last as u8 - b'0';
            js.push(char::from(b'0' + if d % 2 == 1 { d - 1 } else { d }));
        }
    }
    js
}

/// Rust's spelling of `String(v)`'s answer `js` for a finite, non-zero `v`: the same shortest
/// digits, with an exponent ("1.5e+21", "1e-7") written out in full; and when `v` lies exactly
/// halfway between the two closest shortest answers, the one farther from zero, which Rust
/// picks where JavaScript picks the even one (105475694365631.125 is "…631.13" in Rust,
/// "…631.12" in JavaScript). `abs_fixed(n)` is `|v|` with `n` decimals (`toFixed`).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn from_js_shortest(js: &str, v: f64, abs_fixed: impl FnOnce(u8) -> String) -> String {
    let mut out = expand_exponent(js);
    let decimals = out.split_once('.').map_or(0, |(_, f)| f.len());
    // Halfway between two answers of `decimals` decimals: |v|·2^(decimals+1) is an odd
    // integer (see `from_js_fixed`). A double that is such a half has at most 25 decimals
    // here, so `toFixed` writes it exactly with one decimal more.
    if decimals > 0 && decimals < 60 && is_half(v, decimals as u32) {
        let exact = abs_fixed(decimals as u8 + 1);
        // JavaScript's answer is the one nearer zero: Rust's is one more in the last digit
        // (JavaScript's even last digit is at most 8: no carry).
        if exact.strip_suffix('5') == Some(out.trim_start_matches('-')) {
            if let Some(last) = out.pop() {
                out.push(char::from(last as u8 + 1));
            }
        }
    }
    out
}

/// Whether `v` lies exactly halfway between two numbers of `decimals` decimals.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn is_half(v: f64, decimals: u32) -> bool {
    let halves = v.abs() * 2f64.powi(decimals as i32 + 1);
    halves.fract() == 0.0 && halves % 2.0 == 1.0
}

/// `String(v)`'s digits without an exponent: "1.5e+21" → "1500000000000000000000",
/// "-1.5e-7" → "-0.00000015".
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn expand_exponent(js: &str) -> String {
    let Some((mantissa, exp)) = js.split_once('e') else {
        return js.to_owned();
    };
    let exp: i32 = exp.trim_start_matches('+').parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    // Where the decimal point falls among `digits`.
    let point = int.len() as i32 + exp;
    let mut out = String::from(sign);
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-point) as usize));
        out.push_str(&digits);
    } else if point as usize >= digits.len() {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', point as usize - digits.len()));
    } else {
        out.push_str(&digits[..point as usize]);
        out.push('.');
        out.push_str(&digits[point as usize..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How JavaScript's `String(v)` writes a finite non-zero double, from Rust's digits:
    /// plain from 1e-6 up to 1e21, else "d.ddde±n"; halfway between two shortest answers, the
    /// even one (V8's choice, where Rust takes the one farther from zero).
    fn js_string(v: f64) -> String {
        let a = v.abs();
        if (1e-6..1e21).contains(&a) {
            let mut s = format!("{v}");
            let decimals = s.split_once('.').map_or(0, |(_, f)| f.len());
            if decimals > 0 && is_half(v, decimals as u32) {
                let d = s.pop().unwrap() as u8 - b'0';
                s.push(char::from(b'0' + d - d % 2));
            }
            return s;
        }
        let e = format!("{v:e}");
        let (m, x) = e.split_once('e').unwrap();
        if x.starts_with('-') {
            format!("{m}e{x}")
        } else {
            format!("{m}e+{x}")
        }
    }

    /// How JavaScript's `toFixed(digits)` writes `v` (|v| < 1e21): the nearest answer, an
    /// exact tie away from zero (Rust's answer went to the even side), -0 without its sign.
    fn js_fixed(v: f64, digits: u8) -> String {
        let mut js = format!("{v:.0$}", usize::from(digits));
        let halves = v.abs() * f64::from(2u32.pow(u32::from(digits) + 1));
        let tie = halves.fract() == 0.0 && halves % 2.0 == 1.0;
        if tie && js.parse::<f64>().unwrap().abs() < v.abs() {
            // Rust's even last digit is at most 8: no carry.
            let d = js.pop().unwrap() as u8 - b'0';
            js.push(char::from(b'0' + d + 1));
        }
        if v == 0.0 && v.is_sign_negative() {
            js.remove(0);
        }
        js
    }

    fn samples() -> Vec<f64> {
        let mut v = vec![
            0.25,
            0.75,
            1.25,
            2.5,
            0.5,
            1.5,
            0.125,
            0.0078125,
            123.456,
            0.1 + 0.2,
            1e-7,
            1e-6,
            1.5e-7,
            1e20,
            1e21 - 65536.0,
            13663.0,
            42.0,
            120.0,
            99.95,
            0.05,
            0.005,
            1e-300,
            5e-324,
            1.7976931348623157e308,
            12.25,
            3.375,
            0.0625,
            1e300,
            2.5e-10,
        ];
        // A fixed spread of doubles from their bits (deterministic, no rand dependency).
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = f64::from_bits(x);
            if f.is_finite() {
                v.push(f);
            }
            // And values like the chart's and the figures': multiples of 1/8, 1/100.
            v.push((x % 100_000) as f64 / 8.0);
            v.push((x % 1_000_000) as f64 / 100.0);
        }
        let neg: Vec<f64> = v.iter().map(|f| -f).collect();
        v.extend(neg);
        v
    }

    #[test]
    fn shortest_from_javascript_spelling_is_rusts() {
        for v in samples() {
            if v != 0.0 {
                let abs_fixed = |n: u8| format!("{:.1$}", v.abs(), usize::from(n));
                assert_eq!(
                    from_js_shortest(&js_string(v), v, abs_fixed),
                    format!("{v}"),
                    "{v:e}"
                );
            }
        }
        // What JavaScript answers, by hand.
        let none = |_| unreachable!();
        assert_eq!(
            from_js_shortest("1e+21", 1e21, none),
            "1000000000000000000000"
        );
        assert_eq!(from_js_shortest("-1.5e-7", -1.5e-7, none), "-0.00000015");
        assert_eq!(from_js_shortest("2.5", 2.5, |_| "2.50".into()), "2.5");
        // 105475694365631.125 exactly: halfway between the two 17-digit answers.
        let (v, js) = (f64::from_bits(0x42d7_fb7e_52e2_efc8), "105475694365631.12");
        assert_eq!(
            from_js_shortest(js, v, |_| "105475694365631.125".into()),
            "105475694365631.13"
        );
        assert_eq!(
            from_js_shortest(&format!("-{js}"), -v, |_| "105475694365631.125".into()),
            "-105475694365631.13"
        );
    }

    #[test]
    fn fixed_from_javascript_spelling_is_rusts() {
        for v in samples() {
            if v.abs() >= 1e21 {
                continue;
            }
            for digits in [0, 1, 2, 6] {
                let rust = format!("{v:.0$}", usize::from(digits));
                assert_eq!(
                    from_js_fixed(js_fixed(v, digits), v, digits),
                    rust,
                    "{v:e} {digits}"
                );
            }
        }
        // What JavaScript answers, by hand.
        assert_eq!(from_js_fixed("0.3".into(), 0.25, 1), "0.2");
        assert_eq!(from_js_fixed("3".into(), 2.5, 0), "2");
        assert_eq!(from_js_fixed("0.8".into(), 0.75, 1), "0.8");
        assert_eq!(from_js_fixed("0.007813".into(), 0.0078125, 6), "0.007812");
        assert_eq!(from_js_fixed("-0.3".into(), -0.25, 1), "-0.2");
        assert_eq!(from_js_fixed("0.0".into(), -0.0, 1), "-0.0");
        assert_eq!(from_js_fixed("-0.0".into(), -0.04, 1), "-0.0");
    }

    #[test]
    fn native_backend_is_the_standard_library() {
        assert_eq!(fixed(0.25, 1), "0.2");
        assert_eq!(fixed(-0.0, 2), "-0.00");
        assert_eq!(shortest(1e21), "1000000000000000000000");
        assert_eq!(shortest(-0.0), "-0");
        assert_eq!(special(f64::NAN), Some("NaN"));
        assert_eq!(fixed(f64::INFINITY, 1), "inf");
        assert_eq!(shortest(f64::NEG_INFINITY), "-inf");
    }
}
