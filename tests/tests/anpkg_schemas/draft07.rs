//! The draft-07 vocabulary, to catch a keyword typo the meta-schema would accept.
use serde_json::Value as J;

/// Draft-07 keywords (validation vocabulary plus the annotations it defines).
#[rustfmt::skip]
pub const DRAFT7_KEYWORDS: &[&str] = &[
    "$schema", "$id", "$ref", "$comment", "title", "description", "default", "readOnly", "writeOnly", "examples",
    "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern",
    "additionalItems", "items", "maxItems", "minItems", "uniqueItems", "contains", "maxProperties", "minProperties",
    "required", "additionalProperties", "definitions", "properties", "patternProperties", "dependencies",
    "propertyNames", "const", "enum", "type", "format", "contentMediaType", "contentEncoding", "if", "then", "else",
    "allOf", "anyOf", "oneOf", "not",
];

/// Every keyword used at a schema position, so a typo (`minItem`) that the meta-schema
/// would accept as an unknown keyword is still caught.
pub fn schema_keywords(schema: &J, at: &str, out: &mut Vec<(String, String)>) {
    let J::Object(m) = schema else { return };
    for (k, v) in m {
        out.push((at.to_string(), k.clone()));
        let here = format!("{at}/{k}");
        match k.as_str() {
            "properties" | "definitions" | "patternProperties" | "dependencies" => {
                if let J::Object(children) = v {
                    for (name, sub) in children {
                        schema_keywords(sub, &format!("{here}/{name}"), out);
                    }
                }
            }
            "allOf" | "anyOf" | "oneOf" | "items" => match v {
                J::Array(subs) => {
                    subs.iter().enumerate().for_each(|(i, s)| schema_keywords(s, &format!("{here}/{i}"), out))
                }
                other => schema_keywords(other, &here, out),
            },
            "not"
            | "if"
            | "then"
            | "else"
            | "additionalProperties"
            | "additionalItems"
            | "contains"
            | "propertyNames" => schema_keywords(v, &here, out),
            _ => {}
        }
    }
}
