#!/usr/bin/env python3
"""Generates the ANIP service-definition validation vectors (spec anip-trust-loop.md,
ANIP-DEF-1..4, Appendix A ANIP-DEFV-1..7, ANIP-VER-6 rows 3-5, ANIP-CONS-3).

Every case mutates one small valid definition (BASE below) and expects the message
Appendix A assigns to the rule it breaks, written out here by hand: expected values
come from the spec, never from running trustloop. Run from anywhere:

    python3 tests/vectors/anip-definition/generate.py

Writes validation.json and verify-checks.json next to this script.
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = "resolved service definition failed validation: "
VOCAB = ", ".join([
    "approval.execute", "approval.request", "content.draft", "content.recommendation", "content.summary",
    "data.aggregate", "data.export", "data.read", "external_dispatch", "raw_data_export", "raw_model_features",
    "system.mutation", "system.preview_mutation",
])
GOVERNED = "raw backend operations must be represented through governed capability mappings"

BASE = {
    "artifact_type": "anip_service_definition",
    "contract_schema_version": "anip-service-definition/v1",
    "compiled_contract_identity": {"signature": "sha256:vector-contract", "signature_algorithm": "sha256"},
    "identity": {"system_name": "demo-service"},
    "service_topology_bindings": [
        {"service_id": "main-svc", "service_name": "Main Service"},
        {"service_id": "other_svc"},
    ],
    "capability_formalizations": [
        {
            "service_id": "main-svc", "capability_id": "demo.lookup", "title": "Lookup", "summary": "Looks records up.",
            "intent_type": "read_only", "operation_type": "query", "side_effect_level": "none",
            "backend_operation": "lookupRecords", "path_template": "/demo/{record_id}", "output_shape": "demo_result",
            "kind": "atomic",
            "business_effects": {"produces": ["data.read"], "does_not_produce": ["system.mutation"]},
            "inputs": [
                {"input_name": "record_id", "input_type": "string", "required": True, "summary": "Record.",
                 "default_value": "", "validation_pattern": "^[A-Z]{2}-\\d+$", "semantic_type": "record_reference",
                 "entity_reference": True, "catalog_ref": "demo.records",
                 "resolution": {"mode": "backend_resolved", "resolver_ref": "demo.records", "on_missing": "clarify"}},
                {"input_name": "limit", "input_type": "list<integer>", "required": False, "default_value": "10",
                 "allowed_values": ["10", "20"], "input_format": "uuid"},
            ],
        },
        {
            "service_id": "main-svc", "capability_id": "demo.prepare", "title": "Prepare", "summary": "Prepares a change.",
            "intent_type": "approval_gated", "operation_type": "prepare_change", "side_effect_level": "approval_required",
            "backend_operation": "prepareChange", "path_template": "/demo/prepare", "output_shape": "demo_preview",
            "kind": "atomic",
            "grant_policy": {"allowed_grant_types": ["one_time", "session_bound"], "default_grant_type": "one_time",
                             "expires_in_seconds": 900, "max_uses": 1},
            "inputs": [{"input_name": "reason", "required": True, "clarification_hint": "Ask why.", "default_value": ""}],
        },
        {
            "service_id": "main-svc", "capability_id": "demo.lookup_and_prepare", "title": "Lookup and prepare",
            "summary": "Looks up, then prepares.", "intent_type": "business_action", "operation_type": "approval_gated",
            "side_effect_level": "approval_required", "backend_operation": "lookupAndPrepare",
            "path_template": "/demo/lookup-and-prepare", "output_shape": "demo_combined", "kind": "composed",
            "composition": {
                "authority_boundary": "same_service",
                "steps": [{"id": "lookup", "capability": "demo.lookup", "empty_result_source": True},
                          {"id": "prepare", "capability": "demo.prepare"}],
                "input_mapping": {"lookup": {"record_id": "$.input.record_id"},
                                  "prepare": {"reason": "$.steps.lookup.output.summary"}},
                "output_mapping": {"result": "$.steps.prepare.output.result"},
                "empty_result_policy": "return_success_no_results",
                "empty_result_output": {"result": None},
                "failure_policy": {"child_clarification": "propagate", "child_denial": "propagate",
                                   "child_approval_required": "fail_parent", "child_error": "fail_parent"},
                "audit_policy": {"record_child_invocations": True, "parent_task_lineage": True},
            },
            "inputs": [{"input_name": "record_id", "required": True, "semantic_type": "record_reference",
                        "default_value": ""}],
        },
        {
            "service_id": "other_svc", "capability_id": "other.read", "title": "Read", "summary": "Reads.",
            "intent_type": "read_only", "operation_type": "read", "side_effect_level": "read",
            "backend_operation": "read", "path_template": "/other", "output_shape": "other_result", "kind": "atomic",
            "inputs": [],
        },
    ],
    "integration_fronting": {"capability_mappings": [
        {"capability_id": "demo.lookup", "service_id": "main-svc", "title": "Lookup", "intent": "look records up",
         "backend_kind": "native_api", "connection_ref": "conn-main", "raw_operation_refs": ["api.lookup"],
         "required_inputs": ["record_id"]},
        {"capability_id": "other.read", "service_id": "other_svc",
         "backend_bindings": [{"backend_kind": "mcp", "connection_ref": "conn:other",
                               "raw_operation_refs": ["mcp.read", "mcp.list"], "backend_input_mode": "explicit",
                               "matched_discovery_record_ids": ["r1"]}]},
    ]},
}

DELETE = object()


def mutate(edits):
    """A copy of BASE with `edits` applied: {"a/0/b": value or DELETE}."""
    d = copy.deepcopy(BASE)
    for path, value in edits.items():
        *parents, last = path.split("/")
        node = d
        for p in parents:
            node = node[int(p)] if isinstance(node, list) else node[p]
        if isinstance(node, list):
            node[int(last)] = value
        elif value is DELETE:
            del node[last]
        else:
            node[last] = value
    return d


def text(definition):
    return {"text": json.dumps(definition, ensure_ascii=True, separators=(",", ":"))}


C0 = "capability_formalizations/0"
I0 = C0 + "/inputs/0"
COMP = "capability_formalizations/2/composition"
M0 = "integration_fronting/capability_mappings/0"
B1 = "integration_fronting/capability_mappings/1/backend_bindings/0"
GP = "capability_formalizations/1/grant_policy"

# (name, rule, edits, message without the prefix)
INVALID = [
    ("artifact-type", "ANIP-DEFV-1", {"artifact_type": "anip_definition"},
     "service_definition.artifact_type must be anip_service_definition"),
    ("schema-version", "ANIP-DEFV-1", {"contract_schema_version": DELETE},
     "service_definition.contract_schema_version must be anip-service-definition/v1"),
    ("system-name-blank", "ANIP-DEFV-1", {"identity": {"system_name": "  "}},
     "service_definition.identity.system_name is required"),
    ("no-services", "ANIP-DEFV-1", {"service_topology_bindings": []},
     "service_definition.service_topology_bindings must contain at least one service"),
    ("service-not-object", "ANIP-DEFV-1", {"service_topology_bindings/1": "other_svc"},
     "service_topology_bindings[1] must be an object"),
    ("ownership-mode", "ANIP-DEFV-1", {"service_topology_bindings/0/ownership_mode": "primary"},
     "service_topology_bindings[0].ownership_mode is not supported"),
    ("service-id-required", "ANIP-DEFV-1", {"service_topology_bindings/1/service_id": DELETE},
     "service_topology_bindings[1].service_id is required"),
    ("service-id-invalid", "ANIP-DEFV-1", {"service_topology_bindings/0/service_id": "../escape"},
     "service_topology_bindings[0].service_id is invalid"),
    ("service-name-unsafe", "ANIP-DEF-4", {"service_topology_bindings/0/service_name": "Main\u0000"},
     "service_topology_bindings[0].service_name contains unsafe text"),
    ("service-id-duplicated", "ANIP-DEFV-1", {"service_topology_bindings/1/service_id": " main-svc "},
     'service_topology_bindings[1].service_id "main-svc" is duplicated'),
    ("no-capabilities", "ANIP-DEFV-1", {"capability_formalizations": []},
     "service_definition.capability_formalizations must contain at least one capability"),
    ("capability-not-object", "ANIP-DEFV-1", {"capability_formalizations/3": 5},
     "capability_formalizations[3] must be an object"),
    ("capability-id-invalid", "ANIP-DEFV-1", {C0 + "/capability_id": "Compat.Search"},
     "capability_formalizations[0].capability_id is invalid"),
    ("capability-id-duplicated", "ANIP-DEFV-1", {"capability_formalizations/3/capability_id": "demo.lookup"},
     'capability_formalizations[3].capability_id "demo.lookup" is duplicated'),
    ("kind-required", "ANIP-DEFV-2", {C0 + "/kind": DELETE}, "capability_formalizations[0].kind is required"),
    ("unknown-service", "ANIP-DEFV-2", {C0 + "/service_id": "ghost-svc"},
     'capability_formalizations[0].service_id "ghost-svc" is not in service_topology_bindings'),
    ("title-unsafe", "ANIP-DEF-4", {C0 + "/title": "Look\u0007up"}, "capability_formalizations[0].title contains unsafe text"),
    ("backend-operation-invalid", "ANIP-DEFV-2", {C0 + "/backend_operation": "search; rm -rf /"},
     "capability_formalizations[0].backend_operation is invalid"),
    ("path-template-dotdot", "ANIP-DEFV-5", {C0 + "/path_template": "/../secrets"},
     "capability_formalizations[0].path_template is invalid"),
    ("path-template-relative", "ANIP-DEFV-5", {C0 + "/path_template": "demo"},
     "capability_formalizations[0].path_template must start with /"),
    ("path-template-parameter", "ANIP-DEFV-5", {C0 + "/path_template": "/demo/{record id}"},
     "capability_formalizations[0].path_template contains invalid parameter"),
    ("path-template-malformed", "ANIP-DEFV-5", {C0 + "/path_template": "/demo/{record_id"},
     "capability_formalizations[0].path_template contains malformed parameter"),
    ("path-template-character", "ANIP-DEFV-5", {C0 + "/path_template": "/demo?x=1"},
     "capability_formalizations[0].path_template contains invalid character"),
    ("inputs-not-array", "ANIP-DEFV-2", {C0 + "/inputs": None}, "capability_formalizations[0].inputs must be an array"),
    ("unknown-effect", "ANIP-DEF-3", {C0 + "/business_effects/produces": ["Summarize information"]},
     'capability_formalizations[0].business_effects.produces[0] unknown effect "Summarize information"; '
     "use canonical effect ids: " + VOCAB),
    ("effects-not-object", "ANIP-DEF-3", {C0 + "/business_effects": ["data.read"]},
     "capability_formalizations[0].business_effects must be an object"),
    ("kind-invalid", "ANIP-DEFV-2", {C0 + "/kind": "hybrid"}, "capability_formalizations[0].kind must be atomic or composed"),
    ("atomic-with-composition", "ANIP-DEFV-2", {C0 + "/composition": {}},
     "capability_formalizations[0].composition must be null/absent when kind is atomic"),
    ("composed-without-composition", "ANIP-DEFV-2", {COMP: {}},
     "capability_formalizations[2].composition is required when kind is composed"),
    ("grant-policy-not-object", "ANIP-DEFV-2", {GP: "one_time"},
     "capability_formalizations[1].grant_policy must be an object or null"),
    ("input-name-invalid", "ANIP-DEFV-3", {I0 + "/input_name": "1x"}, "capability_formalizations[0].inputs[0].input_name is invalid"),
    ("input-name-duplicated", "ANIP-DEFV-3", {C0 + "/inputs/1/input_name": "record_id"},
     'capability_formalizations[0].inputs[1].input_name "record_id" is duplicated'),
    ("input-type-invalid", "ANIP-DEFV-3", {I0 + "/input_type": "list<>"}, "capability_formalizations[0].inputs[0].input_type is invalid"),
    ("allowed-values-not-strings", "ANIP-DEFV-3", {I0 + "/allowed_values": ["ok", 1]},
     "capability_formalizations[0].inputs[0].allowed_values must be strings"),
    ("validation-pattern-invalid", "ANIP-DEFV-3", {I0 + "/validation_pattern": "["},
     "capability_formalizations[0].inputs[0].validation_pattern is invalid"),
    ("validation-pattern-lookahead", "ANIP-DEFV-3", {I0 + "/validation_pattern": "^(?=x)"},
     "capability_formalizations[0].inputs[0].validation_pattern is invalid"),
    ("validation-pattern-repeat-count", "ANIP-DEFV-3", {I0 + "/validation_pattern": "^a{1001}$"},
     "capability_formalizations[0].inputs[0].validation_pattern is invalid"),
    ("input-format-invalid", "ANIP-DEFV-3", {I0 + "/input_format": "quarter-ish"},
     "capability_formalizations[0].inputs[0].input_format is invalid"),
    ("reference-catalog", "ANIP-DEFV-3", {I0 + "/reference_catalog": "demo.catalog"},
     "capability_formalizations[0].inputs[0].reference_catalog is not supported; use catalog_ref"),
    ("reference-catalogs", "ANIP-DEFV-3", {I0 + "/reference_catalogs": []},
     "capability_formalizations[0].inputs[0].reference_catalogs is not supported; use catalog_ref"),
    ("semantic-type-invalid", "ANIP-DEFV-3", {I0 + "/semantic_type": "record-ref"},
     "capability_formalizations[0].inputs[0].semantic_type is invalid"),
    ("catalog-ref-invalid", "ANIP-DEFV-3", {I0 + "/catalog_ref": "demo records"},
     "capability_formalizations[0].inputs[0].catalog_ref is invalid"),
    ("entity-reference-not-bool", "ANIP-DEFV-3", {I0 + "/entity_reference": "yes"},
     "capability_formalizations[0].inputs[0].entity_reference must be a boolean"),
    ("resolution-not-object", "ANIP-DEFV-3", {I0 + "/resolution": "explicit_only"},
     "capability_formalizations[0].inputs[0].resolution must be an object"),
    ("resolution-empty", "ANIP-DEFV-3", {I0 + "/resolution": {}},
     "capability_formalizations[0].inputs[0].resolution.mode is required"),
    ("composition-boundary", "ANIP-DEFV-4", {COMP + "/authority_boundary": "cross_service"},
     "capability_formalizations[2].composition.authority_boundary must be same_service"),
    ("composition-no-steps", "ANIP-DEFV-4", {COMP + "/steps": []},
     "capability_formalizations[2].composition.steps must contain at least one step"),
    ("composition-failure-policy", "ANIP-DEFV-4", {COMP + "/failure_policy/child_error": "ignore"},
     "capability_formalizations[2].composition.failure_policy.child_error must be propagate or fail_parent"),
    ("composition-audit-policy", "ANIP-DEFV-4", {COMP + "/audit_policy": DELETE},
     "capability_formalizations[2].composition.audit_policy must be an object"),
    ("composition-self-reference", "ANIP-DEFV-4", {COMP + "/steps/1/capability": "demo.lookup_and_prepare"},
     "capability_formalizations[2].composition.steps[1].capability cannot self-reference the composed capability"),
    ("composition-unknown-child", "ANIP-DEFV-4", {COMP + "/steps/1/capability": "demo.missing"},
     'capability_formalizations[2].composition.steps[1].capability "demo.missing" is not defined'),
    ("composition-other-service", "ANIP-DEFV-4", {COMP + "/steps/1/capability": "other.read"},
     'capability_formalizations[2].composition.steps[1].capability "other.read" is owned by service "other_svc"; '
     'same_service composition requires service "main-svc"'),
    ("composition-required-child-input", "ANIP-DEFV-4", {COMP + "/input_mapping/prepare": {}},
     'capability_formalizations[2].composition.input_mapping["prepare"].reason is required for child capability '
     '"demo.prepare"'),
    ("composition-empty-result-policy", "ANIP-DEFV-4", {COMP + "/empty_result_policy": DELETE},
     "capability_formalizations[2].composition.empty_result_policy is required when a step has empty_result_source"),
    ("composition-undeclared-step", "ANIP-DEFV-4", {COMP + "/input_mapping/ghost": {}},
     'capability_formalizations[2].composition.input_mapping key "ghost" is not a declared step'),
    ("composition-forward-reference", "ANIP-DEFV-4", {COMP + "/input_mapping/lookup/extra": "$.steps.prepare.output.x"},
     'capability_formalizations[2].composition.input_mapping["lookup"].extra forward-references step "prepare"'),
    ("composition-malformed-output-path", "ANIP-DEFV-4", {COMP + "/output_mapping/result": "$.steps.prepare.output"},
     'capability_formalizations[2].composition.output_mapping.result contains malformed JSONPath '
     '"$.steps.prepare.output"'),
    ("fronting-capability-invalid", "ANIP-DEFV-6", {M0 + "/capability_id": "lookup"},
     "integration_fronting.capability_mappings[0].capability_id is invalid"),
    ("fronting-not-formalized", "ANIP-DEFV-6", {M0 + "/capability_id": "demo.ghost"},
     'integration_fronting.capability_mappings[0].capability_id "demo.ghost" is not a formalized capability'),
    ("fronting-owner", "ANIP-DEFV-6", {M0 + "/service_id": "other_svc"},
     'integration_fronting.capability_mappings[0].service_id must match formalized capability owner "main-svc"'),
    ("fronting-backend-kind", "ANIP-DEFV-6", {M0 + "/backend_kind": "grpc"},
     "integration_fronting.capability_mappings[0].backend_kind is invalid"),
    ("fronting-binding-raw-ops", "ANIP-DEFV-6", {B1 + "/raw_operation_refs": []},
     "integration_fronting.capability_mappings[1].backend_bindings[0].raw_operation_refs must contain at least one "
     "raw backend operation"),
    ("fronting-binding-input-mode", "ANIP-DEFV-6", {B1 + "/backend_input_mode": "auto"},
     "integration_fronting.capability_mappings[1].backend_bindings[0].backend_input_mode is invalid"),
    ("fronting-required-inputs", "ANIP-DEFV-6", {M0 + "/required_inputs": "record_id"},
     "integration_fronting.capability_mappings[0].required_inputs must be strings"),
    ("grant-allowed-empty", "ANIP-DEFV-7", {GP + "/allowed_grant_types": []},
     "capability_formalizations[1].grant_policy.allowed_grant_types must be non-empty strings"),
    ("grant-default-invalid", "ANIP-DEFV-7", {GP + "/default_grant_type": "organization_wide"},
     "capability_formalizations[1].grant_policy.default_grant_type is invalid"),
    ("grant-allowed-invalid", "ANIP-DEFV-7", {GP + "/allowed_grant_types": ["one_time", "forever"]},
     "capability_formalizations[1].grant_policy.allowed_grant_types contains invalid value"),
    ("grant-default-not-allowed", "ANIP-DEFV-7",
     {GP + "/allowed_grant_types": ["one_time"], GP + "/default_grant_type": "session_bound"},
     "capability_formalizations[1].grant_policy.default_grant_type must appear in allowed_grant_types"),
    ("grant-fractional-max-uses", "ANIP-DEFV-7", {GP + "/max_uses": 1.5},
     "capability_formalizations[1].grant_policy expires_in_seconds and max_uses must be positive integers"),
]


# The Rust unit tests next to the validator cover every message; the vectors pin a
# representative subset in every host (one or more per rule family, and every rule
# a fixture outcome depends on) to keep the file small.
IN_VECTORS = {
    "artifact-type", "system-name-blank", "service-not-object", "ownership-mode", "service-id-duplicated",
    "capability-not-object", "capability-id-duplicated", "kind-required", "unknown-service", "title-unsafe",
    "path-template-dotdot", "path-template-parameter", "unknown-effect", "atomic-with-composition",
    "input-name-duplicated", "validation-pattern-invalid", "validation-pattern-lookahead",
    "validation-pattern-repeat-count", "reference-catalog", "entity-reference-not-bool", "resolution-empty",
    "composition-other-service", "composition-required-child-input", "composition-forward-reference",
    "composition-malformed-output-path", "fronting-not-formalized", "fronting-owner", "fronting-binding-raw-ops",
    "grant-default-not-allowed", "grant-fractional-max-uses",
}


def checks(*rows):
    return [dict(zip(("name", "status", "detail"), r)) if len(r) == 3 else {"name": r[0], "status": r[1]} for r in rows]


# (name, rule, edits, expect): plain-definition verify results (ANIP-VER-6 rows 1, 3-5, 7).
VERIFY = [
    ("valid-definition", "ANIP-VER-6", {}, {
        "exit_code": 0, "status": "ok", "failed_checks": [],
        "checks": checks(
            ("definition_digest_computed", "pass"),
            ("service_definition_shape_valid", "pass", "service definition is compatible with the current generation model"),
            ("integration_fronting_capabilities_formalized", "pass", "mappings=2"),
            ("integration_fronting_raw_operations_governed", "pass", "raw_operations=3; " + GOVERNED),
            ("agent_consumption_required_inputs_classified", "pass", "missing=not reported"),
            ("contract_signature_present", "pass"),
        ),
    }),
    ("no-fronting", "ANIP-VER-6", {"integration_fronting": DELETE}, {
        "exit_code": 0, "status": "ok",
        "checks": checks(
            ("definition_digest_computed", "pass"),
            ("service_definition_shape_valid", "pass"),
            ("integration_fronting_not_declared", "pass",
             "service definition does not declare governed API/MCP fronting mappings"),
            ("agent_consumption_required_inputs_classified", "pass"),
            ("contract_signature_present", "pass"),
        ),
    }),
    ("shape-numeric-default-value", "ANIP-DEF-1", {C0 + "/inputs/1/default_value": 10}, {
        "exit_code": 2, "status": "failed", "failed_checks": ["service_definition_shape_valid"],
        "checks": checks(
            ("definition_digest_computed", "pass"),
            ("service_definition_shape_valid", "fail",
             "decode service definition: json: cannot unmarshal number into Go struct field "
             "CapabilityInputFormalization.capability_formalizations.inputs.default_value of type string"),
            ("contract_signature_present", "pass"),
        ),
    }),
    ("shape-name-alias-dropped", "ANIP-VER-6", {C0 + "/inputs/1/input_name": DELETE, C0 + "/inputs/1/name": "limit"}, {
        "exit_code": 2, "status": "failed", "failed_checks": ["service_definition_shape_valid"],
        "checks": checks(
            ("definition_digest_computed", "pass"),
            ("service_definition_shape_valid", "fail", "capability_formalizations[0].inputs[1].input_name is invalid"),
            ("contract_signature_present", "pass"),
        ),
    }),
    ("unclassified-required-input", "ANIP-CONS-3",
     {"capability_formalizations/3/inputs": [{"input_name": "x", "required": True, "summary": "No classifier."}]}, {
        "exit_code": 2, "status": "failed", "failed_checks": ["agent_consumption_required_inputs_classified"],
        "checks": checks(
            ("definition_digest_computed", "pass"),
            ("service_definition_shape_valid", "pass"),
            ("integration_fronting_capabilities_formalized", "pass"),
            ("integration_fronting_raw_operations_governed", "pass"),
            ("agent_consumption_required_inputs_classified", "fail", "missing=other.read.x"),
            ("contract_signature_present", "pass"),
        ),
    }),
]


def write(name, description, cases):
    doc = {"area": "anip-definition", "description": description, "cases": cases}
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=True)
        f.write("\n")


def main():
    names = [n for n, *_ in INVALID] + [n for n, *_ in VERIFY]
    assert len(names) == len(set(names)), "duplicate case names"
    assert IN_VECTORS <= set(names), IN_VECTORS - set(names)
    write(
        "validation.json",
        "Service-definition validation (ANIP-DEF-2, Appendix A): one definition per rule, each breaking exactly one "
        "rule of a valid base; verify_definition fails with the Appendix A message.",
        [{"name": n, "rule": r, "op": "verify_definition", "input": text(mutate(e)),
          "expect": {"exit_code": 1, "error_message": PREFIX + m}} for n, r, e, m in INVALID if n in IN_VECTORS],
    )
    write(
        "verify-checks.json",
        "Definition-derived verify checks for a plain definition file (ANIP-VER-6 rows 3-5, ANIP-DEF-1, ANIP-CONS-3).",
        [{"name": n, "rule": r, "op": "verify_definition", "input": text(mutate(e)), "expect": x} for n, r, e, x in VERIFY],
    )


if __name__ == "__main__":
    main()
