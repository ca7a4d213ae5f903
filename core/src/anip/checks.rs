//! One verify check: `{name, status, detail?}` (ANIP-VER-6).
use alloc::string::String;

use crate::json::{Map, Value};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub name: &'static str,
    pub pass: bool,
    pub detail: String,
}

impl Check {
    pub fn new(name: &'static str, pass: bool, detail: impl Into<String>) -> Self {
        Check { name, pass, detail: detail.into() }
    }

    pub fn to_value(&self) -> Value {
        let mut m = Map::record().with("name", self.name).with("status", if self.pass { "pass" } else { "fail" });
        if !self.detail.is_empty() {
            m.insert("detail", self.detail.as_str().into());
        }
        m.into()
    }
}
