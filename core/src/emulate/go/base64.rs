//! `base64.StdEncoding.DecodeString`: the standard alphabet with `=` padding required,
//! but not strict: the unused low bits of the last character may be set (`QR==` is
//! `A`), and `\r` and `\n` anywhere are skipped. Upstream decodes keys, signing keys
//! and signatures this way, so a key it accepts is accepted here.
use alloc::borrow::Cow;
use alloc::vec::Vec;

use base64::alphabet::STANDARD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;

const GO_STD: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true).with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
);

/// The bytes `s` decodes to, or `None` where Go returns an error.
pub fn std_decode(s: &str) -> Option<Vec<u8>> {
    let s: Cow<'_, str> = if s.contains(['\r', '\n']) { s.replace(['\r', '\n'], "").into() } else { s.into() };
    GO_STD.decode(s.as_bytes()).ok()
}

#[cfg(test)]
mod tests {
    use super::std_decode;

    /// Go 1.26's answers for each input (`base64.StdEncoding.DecodeString`).
    #[test]
    fn as_go_decodes() {
        let ok: &[(&str, &[u8])] = &[
            ("QQ==", b"A"),
            ("QR==", b"A"),
            ("Q\nQ==", b"A"),
            ("QQ=\n=", b"A"),
            ("QQ==\n", b"A"),
            ("\rQUJD", b"ABC"),
            ("QUI=", b"AB"),
            ("QUJ=", b"AB"),
            ("", b""),
        ];
        for (s, want) in ok {
            assert_eq!(std_decode(s).as_deref(), Some(*want), "{s:?}");
        }
        for s in ["QQ", "QQ=", "QQ==QQ==", "QQ== ", "QUJD=", "Q===", "====", "QQ==\t", "Q-==", "Q_=="] {
            assert_eq!(std_decode(s), None, "{s:?}");
        }
    }
}
