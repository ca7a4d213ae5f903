//! `json.Unmarshal` into `AnipServiceDefinition`, then `json.Marshal`, through
//! [`crate::emulate::go::json_struct`].
use alloc::string::String;

use super::typed_model::DEFINITION;
use crate::emulate::go::json_struct::{decode_canonical, encode, Decoded, Ty};
use crate::json::Value;

/// The typed decode of a definition.
pub struct Typed {
    /// The definition as the typed model re-encodes it.
    pub value: Value,
    /// The first type mismatch, in Go's words (without `decode service definition: `).
    pub error: Option<String>,
}

/// `json.Unmarshal` into `AnipServiceDefinition`, then `json.Marshal`.
#[cfg(test)]
pub(crate) fn decode_definition(def: &Value) -> Typed {
    Typed::from_decoded(crate::emulate::go::json_struct::decode_value(&Ty::Inline(&DEFINITION), def))
}

impl Typed {
    /// The typed decode of a definition from its digest-mode canonical text (what
    /// upstream's `json.Marshal` of the map writes), as verify writes it for the
    /// definition digest: made once for all the checks that read the typed model.
    pub fn of_canonical(canonical: &[u8]) -> Typed {
        Typed::from_decoded(decode_canonical(&Ty::Inline(&DEFINITION), canonical))
    }

    fn from_decoded(decoded: Decoded) -> Typed {
        Typed { value: encode(&Ty::Inline(&DEFINITION), decoded.value), error: decoded.error }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    fn v(s: &str) -> Value {
        parse(s.as_bytes()).expect("test JSON")
    }

    fn err(s: &str) -> Option<String> {
        decode_definition(&v(s)).error
    }

    #[test]
    fn type_mismatch_messages() {
        assert_eq!(
            err(r#"{"capability_formalizations":[{"inputs":[{"default_value":5}]}]}"#).as_deref(),
            Some("json: cannot unmarshal number into Go struct field CapabilityInputFormalization.capability_formalizations.inputs.default_value of type string")
        );
        assert_eq!(
            err(r#"{"identity":"x"}"#).as_deref(),
            Some("json: cannot unmarshal string into Go struct field AnipServiceDefinition.identity of type generator.ServiceIdentity")
        );
        assert_eq!(
            err(r#"{"capability_formalizations":[7]}"#).as_deref(),
            Some("json: cannot unmarshal number into Go struct field AnipServiceDefinition.capability_formalizations of type generator.CapabilityFormalization")
        );
        assert_eq!(
            err(r#"{"capability_formalizations":[{"inputs":[{"required":"yes"}]}]}"#).as_deref(),
            Some("json: cannot unmarshal string into Go struct field CapabilityInputFormalization.capability_formalizations.inputs.required of type bool")
        );
        assert_eq!(
            err(r#"{"capability_formalizations":[{"grant_policy":{"max_uses":1.5}}]}"#).as_deref(),
            Some("json: cannot unmarshal number 1.5 into Go struct field GrantPolicy.capability_formalizations.grant_policy.max_uses of type int")
        );
        assert_eq!(
            err(r#"{"capability_formalizations":[{"grant_policy":{"max_uses":1e21}}]}"#).as_deref(),
            Some("json: cannot unmarshal number 1e+21 into Go struct field GrantPolicy.capability_formalizations.grant_policy.max_uses of type int")
        );
        assert_eq!(
            err(r#"{"capability_formalizations":[{"composition":{"input_mapping":{"s":{"x":1}}}}]}"#).as_deref(),
            Some("json: cannot unmarshal number into Go struct field Composition.capability_formalizations.composition.input_mapping of type string")
        );
        assert_eq!(
            err(r#"{"capability_formalizations":[{"composition":{"output_mapping":[]}}]}"#).as_deref(),
            Some("json: cannot unmarshal array into Go struct field Composition.capability_formalizations.composition.output_mapping of type map[string]string")
        );
        assert_eq!(
            err(r#"{"generation":{"protocols":"https"}}"#).as_deref(),
            Some("json: cannot unmarshal string into Go struct field GenerationConfig.generation.protocols of type []string")
        );
        assert_eq!(
            err(r#"{"integration_fronting":{"capability_mappings":[{"outbound_controls":true}]}}"#).as_deref(),
            Some("json: cannot unmarshal bool into Go struct field IntegrationCapabilityMapping.integration_fronting.capability_mappings.outbound_controls of type map[string]interface {}")
        );
        assert_eq!(
            err("[]").as_deref(),
            Some("json: cannot unmarshal array into Go value of type generator.AnipServiceDefinition")
        );
    }

    #[test]
    fn first_mismatch_in_sorted_order_wins() {
        // "audit" sorts before "identity".
        assert_eq!(
            err(r#"{"identity":{"system_name":1},"audit":{"durable_records_required":"no"}}"#).as_deref(),
            Some("json: cannot unmarshal string into Go struct field AuditConfig.audit.durable_records_required of type bool")
        );
    }

    #[test]
    fn nulls_unknown_keys_and_any_are_accepted() {
        let t = decode_definition(&v(
            r#"{"identity":null,"extra":{"x":[1]},"capability_formalizations":[{"inputs":[{"default_value":null,"required":null}],
               "composition":{"empty_result_output":{"a":[1,{"b":null}]}}}],"service_topology_bindings":null}"#,
        ));
        assert_eq!(t.error, None);
    }

    #[test]
    fn case_insensitive_keys_and_reencoding() {
        let t = decode_definition(&v(
            r#"{"Artifact_Type":"x","capability_formalizations":[{"CAPABILITY_ID":" a.b ","Inputs":[{"name":"q","input_name":"p","required":true}],
               "grant_policy":{"max_uses":2,"expires_in_seconds":60}}],"ſervice_topology_bindings":[{"ſervice_id":"s"}],"extra":1}"#,
        ));
        assert_eq!(t.error, None);
        let m = t.value.as_object().unwrap();
        assert_eq!(m.get("artifact_type"), Some(&Value::from("x")));
        assert!(m.get("extra").is_none());
        let cap = &m.get("capability_formalizations").unwrap().as_array().unwrap()[0];
        assert_eq!(cap.get("capability_id"), Some(&Value::from(" a.b ")));
        // omitempty: absent `kind`; always present: `title` (""), `inputs`.
        assert!(cap.get("kind").is_none());
        assert_eq!(cap.get("title"), Some(&Value::from("")));
        let input = &cap.get("inputs").unwrap().as_array().unwrap()[0];
        // `name` is not in the typed model; `default_value` is always present.
        assert!(input.get("name").is_none());
        assert_eq!(input.get("input_name"), Some(&Value::from("p")));
        assert_eq!(input.get("default_value"), Some(&Value::from("")));
        assert_eq!(cap.get("grant_policy").unwrap().get("max_uses"), Some(&Value::Number(2.0)));
        let svc = &m.get("service_topology_bindings").unwrap().as_array().unwrap()[0];
        assert_eq!(svc.get("service_id"), Some(&Value::from("s")));
    }

    #[test]
    fn later_fold_duplicates_override_and_null_resets_slices() {
        // Sorted order: "IDENTITY" < "identity"; "Protocols" < "protocols".
        let t =
            decode_definition(&v(r#"{"IDENTITY":{"system_name":"a","domain_name":"d"},"identity":{"system_name":"b"},
            "generation":{"Protocols":["x"],"protocols":null}}"#));
        let m = t.value.as_object().unwrap();
        let identity = m.get("identity").unwrap();
        // Pointer structs are decoded into the existing value (merged).
        assert_eq!(identity.get("system_name"), Some(&Value::from("b")));
        assert_eq!(identity.get("domain_name"), Some(&Value::from("d")));
        assert!(m.get("generation").unwrap().get("protocols").is_none());
    }
}
