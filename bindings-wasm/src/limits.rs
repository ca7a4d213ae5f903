//! The resource budgets (`docs/limits.md`): read and set for this module instance,
//! as every host does (`trustloop.set_limit` in Python, `setLimit` in Node).
use wasm_bindgen::prelude::*;

use trustloop_core::api::budgets;
use trustloop_core::api::json::{Map, Value};

use crate::errors::{error, to_js_error, JsResult};
use crate::{args, to_js};

/// The budgets in force, by name.
#[wasm_bindgen(unchecked_return_type = "Record<string, number>")]
pub fn limits() -> JsResult<JsValue> {
    let mut m = Map::new();
    for (name, value) in budgets::current() {
        m.insert(name, Value::Number(value as f64));
    }
    to_js::value(&Value::Object(m))
}

/// Sets one budget (a non-negative integer); an unknown name or a value above the
/// budget's ceiling throws `INVALID_OPTION`.
#[wasm_bindgen(js_name = setLimit)]
pub fn set_limit(
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] value: JsValue,
) -> JsResult<()> {
    let name = args::string(&name, "name")?;
    let value = args::integer(&value, "value")?;
    let value = usize::try_from(value).map_err(|_| error("INVALID_ARGUMENT", "value must be a non-negative integer"))?;
    budgets::set(&name, value).map_err(|e| to_js_error(&e))
}

/// Puts every budget back to its default.
#[wasm_bindgen(js_name = resetLimits)]
pub fn reset_limits() {
    budgets::reset();
}
