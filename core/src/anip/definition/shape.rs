//! `service_definition_shape_valid` (ANIP-VER-6 row 3, ANIP-DEF-1): the definition
//! must decode into upstream's typed model (`generator.ParseServiceDefinition`),
//! and `generator.BuildGenerationModel` must accept it. The latter re-encodes the
//! typed model and runs the definition validation again on the result, so fields
//! the typed model does not know (`name` instead of `input_name`, `default`, …)
//! are gone by then.
use alloc::format;
use alloc::string::String;

use super::typed_decode::Typed;
use super::validate_service_definition;

/// `Ok` when the check passes; otherwise the check's detail text, e.g.
/// `decode service definition: json: cannot unmarshal number into Go struct field
/// CapabilityInputFormalization.capability_formalizations.inputs.default_value of
/// type string`.
pub fn check_generation_shape(typed: &Typed) -> Result<(), String> {
    if let Some(e) = &typed.error {
        return Err(format!("decode service definition: {e}"));
    }
    // BuildGenerationModel → assertDefinition: the validation message as it is.
    validate_service_definition(&typed.value)?;
    // BuildGenerationModel's own "must include at least one capability
    // formalization" cannot fire once the validation above passed.
    Ok(())
}
