//! A hard error as every command reports it. Under `--json` it is one JSON object on
//! stdout, the same shape in every command and the shape of `TrustloopError` in every
//! host, plus the exit code: `{"code", "message", "findings", "exit_code"}` (`code` is
//! null for host errors, which have no code of their own: docs/codes.md). Otherwise the
//! message goes to stderr as `error: …`, except where the text is upstream's and a
//! script may match it (then it is printed bare, as upstream prints it).
use trustloop_core::api::diag::Error;
use trustloop_core::api::json::{to_pretty, Map, Value};

use crate::exit;

pub struct CliError {
    code: Option<&'static str>,
    message: String,
    findings: Value,
    pub exit: u8,
    /// trustloop's own message (from [`CliError::new`]), never upstream's text.
    own: bool,
}

impl CliError {
    pub fn new(message: impl Into<String>, exit: u8) -> Self {
        CliError { code: None, message: message.into(), findings: Value::Array(Vec::new()), exit, own: true }
    }

    /// A message whose text may be upstream's (a host read, a core error).
    fn upstream(message: String) -> Self {
        CliError { own: false, ..CliError::new(message, exit::ERROR) }
    }

    pub fn with_exit(mut self, exit: u8) -> Self {
        self.exit = exit;
        self
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn to_value(&self) -> Value {
        Map::record()
            .with("code", self.code.map_or(Value::Null, Value::from))
            .with("message", self.message.as_str())
            .with("findings", self.findings.clone())
            .with("exit_code", u64::from(self.exit))
            .into()
    }

    /// Under `json`, the object on stdout; otherwise `error: message` on stderr.
    pub fn report(&self, json: bool) -> u8 {
        if json {
            out!("{}", to_pretty(&self.to_value()));
        } else {
            eprintln!("error: {}", self.message);
        }
        self.exit
    }

    /// Under `json`, the object on stdout; otherwise upstream's text bare on stderr, as
    /// upstream prints it (trustloop's own messages still as `error: …`).
    pub fn report_upstream(&self, json: bool) -> u8 {
        if json || self.own {
            return self.report(json);
        }
        eprintln!("{}", self.message);
        self.exit
    }
}

/// A message of upstream's (or a host's) with the exit code it ends the run with.
impl From<(String, u8)> for CliError {
    fn from((message, exit): (String, u8)) -> Self {
        CliError::upstream(message).with_exit(exit)
    }
}

impl From<String> for CliError {
    fn from(message: String) -> Self {
        CliError::upstream(message)
    }
}

impl From<&str> for CliError {
    fn from(message: &str) -> Self {
        CliError::upstream(message.to_string())
    }
}

impl From<Error> for CliError {
    fn from(e: Error) -> Self {
        CliError::from(&e)
    }
}

impl From<&Error> for CliError {
    fn from(e: &Error) -> Self {
        let findings = e.to_value().get("findings").cloned().unwrap_or(Value::Array(Vec::new()));
        CliError { code: Some(e.code()), findings, ..CliError::upstream(e.message().to_string()) }
    }
}
