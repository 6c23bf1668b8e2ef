// SPDX-License-Identifier: Apache-2.0
use crate::{borrowed_str, sys};
use std::fmt;

/// Why a call failed (`mip_code` without `MIP_OK`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Code {
    /// The caller's input is wrong; nothing was sent.
    InvalidArgument,
    /// Out of memory.
    NoMemory,
    /// DNS, refused, unreachable, or a connection broken mid-response.
    Connect,
    /// TLS handshake or certificate verification.
    Tls,
    /// The client's deadline, or a server timeout (408 / code 10001).
    Timeout,
    /// Cancelled through a [`CancelToken`](crate::CancelToken) or by the
    /// progress closure of [`Client::wait`](crate::Client::wait).
    Cancelled,
    /// HTTP error without a JSON envelope, and every redirect.
    Http,
    /// The body is not the JSON expected.
    Protocol,
    /// The body is longer than [`Options::max_response_bytes`](crate::Options::max_response_bytes).
    ResponseTooLarge,
    /// Authentication or permission (401/403, codes 1800, 80020, ...).
    Auth,
    /// The job or cluster does not exist.
    NotFound,
    /// Rate limited (429, code 1807).
    RateLimited,
    /// Any other server error; see [`Error::server_code`](crate::Error::server_code).
    Server,
    /// The server or flavor has no such operation (commit or abort of a
    /// two-phase import on Milvus 2.x or cloud-v1); nothing was changed.
    Unsupported,
    /// A number this binding does not know (a newer libmip).
    Other(i32),
}

impl Code {
    const TABLE: [(Code, sys::mip_code); 14] = [
        (Code::InvalidArgument, sys::MIP_ERR_INVALID_ARGUMENT),
        (Code::NoMemory, sys::MIP_ERR_NO_MEMORY),
        (Code::Connect, sys::MIP_ERR_CONNECT),
        (Code::Tls, sys::MIP_ERR_TLS),
        (Code::Timeout, sys::MIP_ERR_TIMEOUT),
        (Code::Cancelled, sys::MIP_ERR_CANCELLED),
        (Code::Http, sys::MIP_ERR_HTTP),
        (Code::Protocol, sys::MIP_ERR_PROTOCOL),
        (Code::ResponseTooLarge, sys::MIP_ERR_RESPONSE_TOO_LARGE),
        (Code::Auth, sys::MIP_ERR_AUTH),
        (Code::NotFound, sys::MIP_ERR_NOT_FOUND),
        (Code::RateLimited, sys::MIP_ERR_RATE_LIMITED),
        (Code::Server, sys::MIP_ERR_SERVER),
        (Code::Unsupported, sys::MIP_ERR_UNSUPPORTED),
    ];

    /// The code for a C `mip_code`; `None` for `MIP_OK`.
    ///
    /// ```
    /// assert_eq!(mip::Code::from_raw(11), Some(mip::Code::NotFound));
    /// assert_eq!(mip::Code::from_raw(0), None);
    /// assert_eq!(mip::Code::from_raw(99), Some(mip::Code::Other(99)));
    /// ```
    pub fn from_raw(raw: sys::mip_code) -> Option<Code> {
        if raw == sys::MIP_OK {
            return None;
        }
        Some(Self::TABLE.iter().find(|(_, r)| *r == raw).map_or(Code::Other(raw), |(c, _)| *c))
    }

    /// The C number.
    pub fn raw(self) -> sys::mip_code {
        match self {
            Code::Other(n) => n,
            c => Self::TABLE.iter().find(|(k, _)| *k == c).map(|(_, r)| *r).unwrap_or(-1),
        }
    }

    /// The C enumerator's name, e.g. `"MIP_ERR_TIMEOUT"`
    /// (`"MIP_ERR_UNKNOWN"` for a number libmip does not know).
    pub fn name(self) -> &'static str {
        // SAFETY: static storage, never NULL.
        unsafe { borrowed_str(sys::mip_code_name(self.raw())) }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// State of a job or of one of its files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum State {
    /// Not reported, or a state this library does not know.
    #[default]
    Unknown,
    /// Queued.
    Pending,
    /// Running (Milvus's pre-import, import, sort and index phases).
    Importing,
    /// Done, every row imported.
    Completed,
    /// Failed; see [`Job::reason`](crate::Job::reason).
    Failed,
    /// Staged at 99 %, waiting for a commit or an abort. Terminal for
    /// [`Client::wait`](crate::Client::wait).
    Uncommitted,
    /// Being committed.
    Committing,
}

impl State {
    /// The state for a C `mip_state`; unknown numbers give [`State::Unknown`].
    ///
    /// ```
    /// assert_eq!(mip::State::from_raw(3), mip::State::Completed);
    /// assert_eq!(mip::State::from_raw(42), mip::State::Unknown);
    /// ```
    pub fn from_raw(raw: sys::mip_state) -> State {
        match raw {
            sys::MIP_STATE_PENDING => State::Pending,
            sys::MIP_STATE_IMPORTING => State::Importing,
            sys::MIP_STATE_COMPLETED => State::Completed,
            sys::MIP_STATE_FAILED => State::Failed,
            sys::MIP_STATE_UNCOMMITTED => State::Uncommitted,
            sys::MIP_STATE_COMMITTING => State::Committing,
            _ => State::Unknown,
        }
    }

    /// The C number.
    pub fn raw(self) -> sys::mip_state {
        match self {
            State::Unknown => sys::MIP_STATE_UNKNOWN,
            State::Pending => sys::MIP_STATE_PENDING,
            State::Importing => sys::MIP_STATE_IMPORTING,
            State::Completed => sys::MIP_STATE_COMPLETED,
            State::Failed => sys::MIP_STATE_FAILED,
            State::Uncommitted => sys::MIP_STATE_UNCOMMITTED,
            State::Committing => sys::MIP_STATE_COMMITTING,
        }
    }

    /// `"Unknown"`, `"Pending"`, `"Importing"`, `"Completed"`, `"Failed"`,
    /// `"Uncommitted"` or `"Committing"`.
    ///
    /// ```
    /// assert_eq!(mip::State::Importing.name(), "Importing");
    /// assert_eq!(mip::State::Failed.to_string(), "Failed");
    /// ```
    pub fn name(self) -> &'static str {
        // SAFETY: static storage, never NULL.
        unsafe { borrowed_str(sys::mip_state_name(self.raw())) }
    }

    /// `true` for the states [`Client::wait`](crate::Client::wait) stops at
    /// (Completed, Failed and Uncommitted today). libmip decides
    /// (`mip_state_is_terminal`): the binding keeps no list of its own.
    pub fn is_terminal(self) -> bool {
        // SAFETY: no preconditions; any number is fine.
        unsafe { sys::mip_state_is_terminal(self.raw()) != 0 }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which server dialect to speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Api {
    /// Chosen by the endpoint's host: `controller.api.*` is CloudV1,
    /// `api.cloud.zilliz.com(.cn)` is Cloud, anything else Milvus.
    #[default]
    Auto,
    /// Milvus REST v2 (self-hosted or a cloud cluster).
    Milvus,
    /// Zilliz Cloud control plane v2.
    Cloud,
    /// Zilliz Cloud control plane v1.
    CloudV1,
}

impl Api {
    /// The C number.
    pub fn raw(self) -> sys::mip_api {
        match self {
            Api::Auto => sys::MIP_API_AUTO,
            Api::Milvus => sys::MIP_API_MILVUS,
            Api::Cloud => sys::MIP_API_CLOUD,
            Api::CloudV1 => sys::MIP_API_CLOUD_V1,
        }
    }

    /// The flavor for a C `mip_api`; `None` for an unknown number.
    pub fn from_raw(raw: sys::mip_api) -> Option<Api> {
        match raw {
            sys::MIP_API_AUTO => Some(Api::Auto),
            sys::MIP_API_MILVUS => Some(Api::Milvus),
            sys::MIP_API_CLOUD => Some(Api::Cloud),
            sys::MIP_API_CLOUD_V1 => Some(Api::CloudV1),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_round_trip() {
        for &(name, raw) in sys::MIP_CODE_ENUMERATORS {
            match Code::from_raw(raw) {
                None => assert_eq!(raw, sys::MIP_OK),
                Some(c) => {
                    assert!(!matches!(c, Code::Other(_)), "{name} unmapped");
                    assert_eq!(c.raw(), raw);
                    assert_eq!(c.name(), name);
                }
            }
        }
        assert_eq!(Code::Other(1000).name(), "MIP_ERR_UNKNOWN");
    }

    #[test]
    fn state_round_trip() {
        for &(name, raw) in sys::MIP_STATE_ENUMERATORS {
            let s = State::from_raw(raw);
            assert_eq!(s.raw(), raw);
            assert_eq!(format!("MIP_STATE_{}", s.name().to_uppercase()), name);
        }
        assert_eq!(State::from_raw(-5), State::Unknown);
    }

    #[test]
    fn api_round_trip() {
        for &(_, raw) in sys::MIP_API_ENUMERATORS {
            assert_eq!(Api::from_raw(raw).unwrap().raw(), raw);
        }
        assert_eq!(Api::from_raw(17), None);
    }
}
