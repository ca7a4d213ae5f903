//! The one HTTP client of the Rust hosts (feature `net`): registry GETs and the publish
//! POST go through [`request`], with one agent configuration, one body cap per call and
//! one timeout. Callers compose upstream's message texts around the error it returns.
use std::io::Read;
use std::time::Duration;

/// A response: status and body, read up to one byte past the caller's cap so the
/// caller can tell an oversized body (and refuse or truncate it, as upstream does).
pub struct Response {
    pub status: u16,
    /// `404 Not Found`: the code and its canonical reason, as Go prints a status.
    pub status_line: String,
    pub body: Vec<u8>,
}

/// What to send.
pub enum Method<'a> {
    Get,
    /// A JSON body with a bearer token.
    PostJson { token: &'a str, body: &'a [u8] },
}

/// Why a request gave no response.
pub enum Failure {
    /// Sending, or receiving the status and headers (refused, timed out, TLS).
    Send(String),
    /// Reading the body.
    Read(String),
}

impl Failure {
    pub fn text(&self) -> &str {
        match self {
            Failure::Send(t) | Failure::Read(t) => t,
        }
    }
}

/// Sends one request; non-2xx statuses are responses, not failures.
pub fn request(method: Method<'_>, url: &str, timeout: Duration, max_body: u64) -> Result<Response, Failure> {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(timeout)).build().into();
    let response = match method {
        Method::Get => agent.get(url).header("Accept", "application/json").call(),
        Method::PostJson { token, body } => agent
            .post(url)
            .header("Authorization", &format!("Bearer {token}"))
            .header("Content-Type", "application/json")
            .send(body),
    }
    .map_err(|e| Failure::Send(e.to_string()))?;
    let status = response.status();
    let status_line = format!("{} {}", status.as_u16(), status.canonical_reason().unwrap_or("")).trim_end().to_string();
    let mut body = Vec::new();
    let reader = response.into_body().into_reader();
    reader.take(max_body.saturating_add(1)).read_to_end(&mut body).map_err(|e| Failure::Read(e.to_string()))?;
    Ok(Response { status: status.as_u16(), status_line, body })
}
