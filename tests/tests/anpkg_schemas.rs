#[test]
fn placeholder() { assert!(jsonschema::draft7::meta::is_valid(&serde_json::json!({"type":"object"}))); }
