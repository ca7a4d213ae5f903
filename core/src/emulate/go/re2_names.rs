//! The Unicode class names Go's `regexp/syntax` accepts in `\p{…}` / `\P{…}`.
//!
//! Go 1.25 (upstream's `go.mod` says `go 1.25.0`) looks names up in
//! `unicode.Categories`, `unicode.CategoryAliases` and `unicode.Scripts` (Unicode
//! 15.0.0), plus `Any`, `ASCII` and `Assigned`, case-insensitively and ignoring
//! spaces, underscores and hyphens (golang/go#70780, #70781).

/// General categories (including `Cn` and `LC`, added in Go 1.25) and their aliases.
#[rustfmt::skip]
const CATEGORIES: &[&str] = &[
    "C", "Cc", "Cf", "Cn", "Co", "Cs", "L", "LC", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd",
    "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs",
    // PropertyValueAliases.txt `gc` long names and extra aliases.
    "Other", "Control", "cntrl", "Format", "Unassigned", "Private_Use", "Surrogate", "Letter", "Cased_Letter",
    "Lowercase_Letter", "Modifier_Letter", "Other_Letter", "Titlecase_Letter", "Uppercase_Letter", "Mark",
    "Combining_Mark", "Spacing_Mark", "Enclosing_Mark", "Nonspacing_Mark", "Number", "Decimal_Number", "digit",
    "Letter_Number", "Other_Number", "Punctuation", "punct", "Connector_Punctuation", "Dash_Punctuation",
    "Close_Punctuation", "Final_Punctuation", "Initial_Punctuation", "Other_Punctuation", "Open_Punctuation",
    "Symbol", "Currency_Symbol", "Modifier_Symbol", "Math_Symbol", "Other_Symbol", "Separator", "Line_Separator",
    "Paragraph_Separator", "Space_Separator",
    // TR18 specials.
    "Any", "ASCII", "Assigned",
];

/// `unicode.Scripts` keys (Unicode 15.0.0).
#[rustfmt::skip]
const SCRIPTS: &[&str] = &[
    "Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic", "Armenian", "Avestan", "Balinese", "Bamum", "Bassa_Vah",
    "Batak", "Bengali", "Bhaiksuki", "Bopomofo", "Brahmi", "Braille", "Buginese", "Buhid", "Canadian_Aboriginal",
    "Carian", "Caucasian_Albanian", "Chakma", "Cham", "Cherokee", "Chorasmian", "Common", "Coptic", "Cuneiform",
    "Cypriot", "Cypro_Minoan", "Cyrillic", "Deseret", "Devanagari", "Dives_Akuru", "Dogra", "Duployan",
    "Egyptian_Hieroglyphs", "Elbasan", "Elymaic", "Ethiopic", "Georgian", "Glagolitic", "Gothic", "Grantha", "Greek",
    "Gujarati", "Gunjala_Gondi", "Gurmukhi", "Han", "Hangul", "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew",
    "Hiragana", "Imperial_Aramaic", "Inherited", "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Javanese",
    "Kaithi", "Kannada", "Katakana", "Kawi", "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer", "Khojki",
    "Khudawadi", "Lao", "Latin", "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu", "Lycian", "Lydian", "Mahajani",
    "Makasar", "Malayalam", "Mandaic", "Manichaean", "Marchen", "Masaram_Gondi", "Medefaidrin", "Meetei_Mayek",
    "Mende_Kikakui", "Meroitic_Cursive", "Meroitic_Hieroglyphs", "Miao", "Modi", "Mongolian", "Mro", "Multani",
    "Myanmar", "Nabataean", "Nag_Mundari", "Nandinagari", "New_Tai_Lue", "Newa", "Nko", "Nushu",
    "Nyiakeng_Puachue_Hmong", "Ogham", "Ol_Chiki", "Old_Hungarian", "Old_Italic", "Old_North_Arabian", "Old_Permic",
    "Old_Persian", "Old_Sogdian", "Old_South_Arabian", "Old_Turkic", "Old_Uyghur", "Oriya", "Osage", "Osmanya",
    "Pahawh_Hmong", "Palmyrene", "Pau_Cin_Hau", "Phags_Pa", "Phoenician", "Psalter_Pahlavi", "Rejang", "Runic",
    "Samaritan", "Saurashtra", "Sharada", "Shavian", "Siddham", "SignWriting", "Sinhala", "Sogdian", "Sora_Sompeng",
    "Soyombo", "Sundanese", "Syloti_Nagri", "Syriac", "Tagalog", "Tagbanwa", "Tai_Le", "Tai_Tham", "Tai_Viet",
    "Takri", "Tamil", "Tangsa", "Tangut", "Telugu", "Thaana", "Thai", "Tibetan", "Tifinagh", "Tirhuta", "Toto",
    "Ugaritic", "Vai", "Vithkuqi", "Wancho", "Warang_Citi", "Yezidi", "Yi", "Zanabazar_Square",
];

/// Loose equality: ASCII case-insensitive, ignoring ' ', '_' and '-'.
fn loose_eq(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        s.bytes()
            .filter(|b| !matches!(b, b' ' | b'_' | b'-'))
            .map(|b| b.to_ascii_lowercase())
            .collect::<alloc::vec::Vec<u8>>()
    };
    key(a) == key(b)
}

/// Whether `\p{name}` names a class Go knows (after an optional leading `^` was removed).
pub(crate) fn is_class_name(name: &str) -> bool {
    // Every known name is ASCII; anything else (or an empty name) is unknown.
    !name.is_empty() && name.is_ascii() && CATEGORIES.iter().chain(SCRIPTS).any(|known| loose_eq(name, known))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in [
            "L",
            "Lu",
            "Greek",
            "Han",
            "Any",
            "letter",
            "Uppercase Letter",
            "uppercase-letter",
            "ascii",
            "Cn",
            "LC",
            "old_italic",
            "OLDITALIC",
        ] {
            assert!(is_class_name(ok), "{ok}");
        }
        for bad in ["", "Lx", "Alphabetic", "White_Space", "sc=Greek", "Greek\u{fffd}", "Latn"] {
            assert!(!is_class_name(bad), "{bad}");
        }
    }
}
