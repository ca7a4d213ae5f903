//! Upstream's typed service-definition model (`generator/types.go`,
//! `AnipServiceDefinition`, spec §5.1), as data for [`crate::emulate::go::json_struct`].
use crate::emulate::go::json_struct::model::{f, o, Struct, Ty};

const STR: Ty = Ty::Str;
const BOOL: Ty = Ty::Bool;
const STRS: Ty = Ty::Slice(&Ty::Str);

pub(crate) static DEFINITION: Struct = Struct {
    name: "AnipServiceDefinition",
    fields: &[
        o("artifact_type", STR),
        o("contract_schema_version", STR),
        o("compiled_contract_identity", Ty::Ptr(&COMPILED_CONTRACT_IDENTITY)),
        o("identity", Ty::Ptr(&SERVICE_IDENTITY)),
        o("authority", Ty::Ptr(&AUTHORITY)),
        o("audit", Ty::Ptr(&AUDIT)),
        o("generation", Ty::Ptr(&GENERATION)),
        o("service_topology_bindings", Ty::Slice(&Ty::Inline(&TOPOLOGY_BINDING))),
        o("capability_formalizations", Ty::Slice(&Ty::Inline(&CAPABILITY))),
        o("permission_intent_bindings", Ty::Slice(&Ty::Inline(&PERMISSION_INTENT_BINDING))),
        o("runtime_policy_bindings", Ty::Slice(&Ty::Inline(&RUNTIME_POLICY_BINDING))),
        o("integration_fronting", Ty::Ptr(&INTEGRATION_FRONTING)),
    ],
};

static COMPILED_CONTRACT_IDENTITY: Struct =
    Struct { name: "CompiledContractIdentity", fields: &[o("signature", STR), o("signature_algorithm", STR)] };

static SERVICE_IDENTITY: Struct = Struct {
    name: "ServiceIdentity",
    fields: &[o("system_name", STR), o("domain_name", STR), o("delivery_model", STR), o("architecture_shape", STR)],
};

static AUTHORITY: Struct =
    Struct { name: "AuthorityConfig", fields: &[o("approval_expectation", STR), o("blocked_failure_posture", STR)] };

static AUDIT: Struct = Struct {
    name: "AuditConfig",
    fields: &[o("durable_records_required", BOOL), o("searchable_history_required", BOOL)],
};

static GENERATION: Struct = Struct {
    name: "GenerationConfig",
    fields: &[o("protocols", STRS), o("layout_strategy", STR), o("selected_service_ids", STRS)],
};

static TOPOLOGY_BINDING: Struct = Struct {
    name: "ServiceTopologyBinding",
    fields: &[
        o("id", STR),
        f("service_id", STR),
        o("service_name", STR),
        o("source_role", STR),
        o("source_capabilities", STRS),
        o("formalized_capability_ids", STRS),
        o("owned_concept_ids", STRS),
    ],
};

static CAPABILITY: Struct = Struct {
    name: "CapabilityFormalization",
    fields: &[
        o("id", STR),
        o("kind", STR),
        o("composition", Ty::Ptr(&COMPOSITION)),
        o("grant_policy", Ty::Ptr(&GRANT_POLICY)),
        o("source_kind", STR),
        f("service_id", STR),
        f("capability_id", STR),
        f("title", STR),
        f("summary", STR),
        o("entity_targeted", BOOL),
        o("subject_kind", STR),
        o("context_type", STR),
        o("output_intent", STR),
        f("intent_type", STR),
        f("operation_type", STR),
        f("side_effect_level", STR),
        o("implementation_fit", Ty::Ptr(&IMPLEMENTATION_FIT)),
        o("business_effects", Ty::Ptr(&BUSINESS_EFFECTS)),
        o("minimum_scope", STRS),
        f("backend_operation", STR),
        f("path_template", STR),
        f("output_shape", STR),
        f("inputs", Ty::Slice(&Ty::Inline(&INPUT))),
    ],
};

static IMPLEMENTATION_FIT: Struct =
    Struct { name: "ImplementationFit", fields: &[o("category", STR), o("rationale", STR)] };

static BUSINESS_EFFECTS: Struct =
    Struct { name: "BusinessEffects", fields: &[o("produces", STRS), o("does_not_produce", STRS)] };

static COMPOSITION_STEP: Struct = Struct {
    name: "CompositionStep",
    fields: &[f("id", STR), f("capability", STR), o("empty_result_source", BOOL), o("empty_result_path", STR)],
};

static FAILURE_POLICY: Struct = Struct {
    name: "FailurePolicy",
    fields: &[
        f("child_clarification", STR),
        f("child_denial", STR),
        f("child_approval_required", STR),
        f("child_error", STR),
    ],
};

static AUDIT_POLICY: Struct =
    Struct { name: "AuditPolicy", fields: &[f("record_child_invocations", BOOL), f("parent_task_lineage", BOOL)] };

static COMPOSITION: Struct = Struct {
    name: "Composition",
    fields: &[
        f("authority_boundary", STR),
        f("steps", Ty::Slice(&Ty::Inline(&COMPOSITION_STEP))),
        f("input_mapping", Ty::Map(&Ty::Map(&Ty::Str))),
        f("output_mapping", Ty::Map(&Ty::Str)),
        o("empty_result_policy", STR),
        o("empty_result_output", Ty::Map(&Ty::Any)),
        f("failure_policy", Ty::Inline(&FAILURE_POLICY)),
        f("audit_policy", Ty::Inline(&AUDIT_POLICY)),
    ],
};

static GRANT_POLICY: Struct = Struct {
    name: "GrantPolicy",
    fields: &[
        f("allowed_grant_types", STRS),
        f("default_grant_type", STR),
        f("expires_in_seconds", Ty::Int),
        f("max_uses", Ty::Int),
    ],
};

static INPUT: Struct = Struct {
    name: "CapabilityInputFormalization",
    fields: &[
        f("input_name", STR),
        f("input_type", STR),
        f("required", BOOL),
        f("summary", STR),
        f("default_value", STR),
        o("allowed_values", STRS),
        o("semantic_type", STR),
        o("input_format", STR),
        o("validation_pattern", STR),
        o("clarification_hint", STR),
        o("entity_reference", BOOL),
        o("catalog_ref", STR),
        o("resolution", Ty::Ptr(&INPUT_RESOLUTION)),
        o("semantic_aliases", STRS),
        o("input_meanings", Ty::Slice(&Ty::Inline(&INPUT_MEANING))),
    ],
};

static INPUT_RESOLUTION: Struct = Struct {
    name: "InputResolutionMetadata",
    fields: &[
        f("mode", STR),
        o("resolver_ref", STR),
        o("on_missing", STR),
        o("on_ambiguous", STR),
        o("on_unresolved", STR),
    ],
};

static INPUT_MEANING: Struct =
    Struct { name: "InputMeaningFormalization", fields: &[f("label", STR), f("value", STR), o("description", STR)] };

static PRINCIPAL_SELECTOR: Struct = Struct { name: "PrincipalSelector", fields: &[o("claim", STR), o("equals", STR)] };

static PERMISSION_INTENT_BINDING: Struct = Struct {
    name: "PermissionIntentBinding",
    fields: &[
        o("id", STR),
        o("actor_id", STR),
        o("business_area", STR),
        o("business_area_label", STR),
        o("access_posture", STR),
        o("governed_outcome_type", STR),
        o("governed_outcome", STR),
        o("target_service_ids", STRS),
        o("target_capability_ids", STRS),
        o("formalization_strategy", STR),
    ],
};

static RUNTIME_POLICY_BINDING: Struct = Struct {
    name: "RuntimePolicyBinding",
    fields: &[
        o("id", STR),
        o("source_permission_id", STR),
        o("actor_id", STR),
        // `omitempty` never omits a struct value in Go.
        o("principal_selector", Ty::Inline(&PRINCIPAL_SELECTOR)),
        o("business_area", STR),
        o("business_area_label", STR),
        o("service_ids", STRS),
        o("capability_ids", STRS),
        o("required_scopes", STRS),
        o("decision", STR),
        o("business_rule", STR),
        o("enforcement_notes", STR),
    ],
};

static INTEGRATION_FRONTING: Struct = Struct {
    name: "IntegrationFrontingConfig",
    fields: &[o("project_type", STR), o("capability_mappings", Ty::Slice(&Ty::Inline(&CAPABILITY_MAPPING)))],
};

static CAPABILITY_MAPPING: Struct = Struct {
    name: "IntegrationCapabilityMapping",
    fields: &[
        o("id", STR),
        f("capability_id", STR),
        o("title", STR),
        o("intent", STR),
        f("service_id", STR),
        o("service_name", STR),
        f("backend_kind", STR),
        f("connection_ref", STR),
        f("raw_operation_refs", STRS),
        o("backend_bindings", Ty::Slice(&Ty::Inline(&BACKEND_BINDING))),
        f("execution_posture", STR),
        f("side_effect_level", STR),
        o("subject_kind", STR),
        o("context_type", STR),
        o("output_intent", STR),
        o("required_inputs", STRS),
        o("optional_inputs", STRS),
        o("backend_input_mode", STR),
        o("derived_required_backend_inputs", STRS),
        o("derived_optional_backend_inputs", STRS),
        o("explicit_required_backend_inputs", STRS),
        o("explicit_optional_backend_inputs", STRS),
        o("approval_rule_refs", STRS),
        o("denial_rule_refs", STRS),
        o("clarification_rule_refs", STRS),
        o("audit_required", BOOL),
        o("outbound_controls", Ty::Map(&Ty::Any)),
    ],
};

static BACKEND_BINDING: Struct = Struct {
    name: "IntegrationBackendBinding",
    fields: &[
        f("backend_kind", STR),
        f("connection_ref", STR),
        f("raw_operation_refs", STRS),
        o("backend_input_mode", STR),
        o("derived_required_backend_inputs", STRS),
        o("derived_optional_backend_inputs", STRS),
        o("explicit_required_backend_inputs", STRS),
        o("explicit_optional_backend_inputs", STRS),
        o("matched_discovery_record_ids", STRS),
        o("status", STR),
        o("status_detail", STR),
    ],
};
