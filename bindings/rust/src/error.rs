// SPDX-License-Identifier: Apache-2.0
use crate::{sys, Code};
use std::ffi::CStr;
use std::fmt;

/// A failed call: what went wrong, with the HTTP and server details.
///
/// An owned copy of the C `mip_error` (which is freed at once), so it is
/// `Send + Sync + Clone` and outlives the client. Neither the message nor
/// `Display` ever contains the token (API key or password).
///
/// Match on [`code`](Self::code); ask [`is_transient`](Self::is_transient)
/// whether trying again later is worth it.
///
/// ```no_run
/// # let client: mip::Client = unimplemented!();
/// match client.get_import_progress("448761313698322011", None) {
///     Ok(job) => println!("{}", job.state()),
///     Err(e) if e.code() == mip::Code::NotFound => println!("no such job"),
///     Err(e) if e.is_transient() => println!("try again later: {e}"),
///     Err(e) => eprintln!("{e} (HTTP {:?}, server code {:?}, {} attempts)",
///                         e.http_status(), e.server_code(), e.attempts()),
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    code: Code,
    http_status: i32,
    server_code: i64,
    attempts: u32,
    transient: bool,
    message: String,
    job_id: String,
}

impl Error {
    /// What went wrong.
    pub fn code(&self) -> Code {
        self.code
    }

    /// The HTTP status of the response that caused the error; `None` when
    /// there was no HTTP response (connect failure, timeout before headers,
    /// bad argument, cancelled).
    pub fn http_status(&self) -> Option<u16> {
        u16::try_from(self.http_status).ok().filter(|s| *s != 0)
    }

    /// The server envelope's `code` (e.g. 1800, 90144); `None` when there
    /// was none.
    pub fn server_code(&self) -> Option<i64> {
        Some(self.server_code).filter(|c| *c != 0)
    }

    /// HTTP requests the failed call made (retries and fallback included);
    /// 0 when nothing was sent.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// `true` when the failure may go away by itself, so trying again later
    /// is worth it: exactly what libmip retries within a call (see
    /// [`Options::max_retries`](crate::Options::max_retries)) and what
    /// [`Client::wait`](crate::Client::wait) polls through. libmip decides
    /// (`mip_error_is_transient`, asked while the C error still exists);
    /// the binding keeps no rule of its own, so an error made without a C
    /// error object (found in Rust before calling C) is never transient.
    pub fn is_transient(&self) -> bool {
        self.transient
    }

    /// A sentence saying what failed, with the HTTP status and the server's
    /// own message where there were any.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The id of a job the failing answer named (`mip_error_job_id`), `None`
    /// when it named none. A create answered with a failing HTTP status but
    /// a success envelope carrying the new job's id fails, and keeps the id
    /// here (and in [`message`](Self::message)): the server may well have
    /// made that job, so look at it (or retry with the same idempotency key)
    /// before creating another.
    ///
    /// ```no_run
    /// # let client: mip::Client = unimplemented!();
    /// # let request = mip::ImportRequest::new();
    /// match client.create_import(&request, None) {
    ///     Ok(id) => println!("started {id}"),
    ///     Err(e) => match e.job_id() {
    ///         Some(id) => println!("failed, but the server named job {id}: {e}"),
    ///         None => eprintln!("{e}"),
    ///     },
    /// }
    /// ```
    pub fn job_id(&self) -> Option<&str> {
        Some(self.job_id.as_str()).filter(|id| !id.is_empty())
    }

    /// An invalid-argument error found in Rust, before calling C.
    pub(crate) fn invalid_argument(message: impl Into<String>) -> Error {
        Error {
            code: Code::InvalidArgument,
            http_status: 0,
            server_code: 0,
            attempts: 0,
            transient: false,
            message: message.into(),
            job_id: String::new(),
        }
    }

    /// An error with only a code (an options setter, which has no mip_error).
    pub(crate) fn from_code(code: sys::mip_code, message: impl Into<String>) -> Error {
        Error {
            code: Code::from_raw(code).unwrap_or(Code::Other(code)),
            http_status: 0,
            server_code: 0,
            attempts: 0,
            transient: false,
            message: message.into(),
            job_id: String::new(),
        }
    }

    /// Copies and frees `err` (which may be NULL: then only `code` is known).
    ///
    /// # Safety
    /// `err` is NULL or a live `mip_error` owned by the caller; it is freed.
    pub(crate) unsafe fn from_raw(code: sys::mip_code, err: *mut sys::mip_error) -> Error {
        if err.is_null() {
            let message = if code == sys::MIP_OK {
                "libmip returned neither a result nor an error".to_string()
            } else {
                String::new()
            };
            return Error::from_code(code, message);
        }
        let raw_code = sys::mip_error_code(err);
        let msg = sys::mip_error_message(err);
        let message = if msg.is_null() { String::new() } else { CStr::from_ptr(msg).to_string_lossy().into_owned() };
        let id = sys::mip_error_job_id(err);
        let job_id = if id.is_null() { String::new() } else { CStr::from_ptr(id).to_string_lossy().into_owned() };
        let e = Error {
            code: Code::from_raw(raw_code).unwrap_or(Code::Other(raw_code)),
            http_status: sys::mip_error_http_status(err),
            server_code: sys::mip_error_server_code(err),
            attempts: u32::try_from(sys::mip_error_attempts(err)).unwrap_or(0),
            transient: sys::mip_error_is_transient(err) != 0,
            message,
            job_id,
        };
        sys::mip_error_free(err);
        e
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            f.write_str(self.code.name())
        } else {
            write!(f, "{} ({})", self.message, self.code.name())
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_accessors() {
        let e = Error::invalid_argument("job id contains a NUL byte");
        assert_eq!(e.code(), Code::InvalidArgument);
        assert_eq!(e.http_status(), None);
        assert_eq!(e.server_code(), None);
        assert_eq!(e.attempts(), 0);
        assert!(!e.is_transient());
        assert_eq!(e.job_id(), None);
        assert_eq!(e.to_string(), "job id contains a NUL byte (MIP_ERR_INVALID_ARGUMENT)");
        let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(e);
        assert!(boxed.to_string().contains("NUL"));
    }

    #[test]
    fn null_error_keeps_code() {
        let e = unsafe { Error::from_raw(sys::MIP_ERR_TIMEOUT, std::ptr::null_mut()) };
        assert_eq!(e.code(), Code::Timeout);
        assert_eq!(e.job_id(), None);
        assert_eq!(e.to_string(), "MIP_ERR_TIMEOUT");
    }
}
