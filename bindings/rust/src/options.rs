// SPDX-License-Identifier: Apache-2.0
use crate::{millis_ceil, sys, Api, Error};
use std::ffi::CString;
use std::fmt;
use std::os::raw::{c_char, c_int};
use std::path::Path;
use std::ptr::NonNull;
use std::time::Duration;

/// Settings for a [`Client`](crate::Client): a builder.
///
/// Every setter checks its value (libmip's ranges and string rules, and no
/// NUL byte) and returns `Err` with [`Code::InvalidArgument`](crate::Code::InvalidArgument)
/// leaving the option unchanged, or `Ok(&mut self)` so calls chain with `?`.
/// An empty string clears a string option. The client copies the options:
/// they may be changed or dropped once it exists.
///
/// ```
/// use std::time::Duration;
///
/// # fn main() -> Result<(), mip::Error> {
/// let mut options = mip::Options::new();
/// options
///     .endpoint("https://in01-abc.api.gcp-us-west1.zillizcloud.com")?
///     .api(mip::Api::Milvus)?
///     .token("user:password")?
///     .timeout(Duration::from_secs(20))?
///     .max_retries(3)?;
/// assert_eq!(options.max_connections(0).unwrap_err().code(), mip::Code::InvalidArgument);
/// # Ok(()) }
/// ```
pub struct Options {
    raw: NonNull<sys::mip_options>,
}

// SAFETY: an options object is not thread-safe but has no thread affinity:
// it may move between threads (it is not Sync, so one thread at a time).
unsafe impl Send for Options {}

type StrSetter = unsafe extern "C" fn(*mut sys::mip_options, *const c_char) -> sys::mip_code;

impl Options {
    /// Options with nothing set: libmip's defaults apply (the
    /// `MIP_DEFAULT_*` constants of [`sys`](crate::sys), API
    /// [`Api::Auto`], TLS verification on). Only the endpoint is required.
    ///
    /// # Panics
    /// When libmip is out of memory.
    pub fn new() -> Options {
        // SAFETY: no preconditions.
        let raw = unsafe { sys::mip_options_new() };
        Options { raw: NonNull::new(raw).expect("mip_options_new: out of memory") }
    }

    /// The C options, valid while `self` lives.
    pub fn as_raw(&self) -> *const sys::mip_options {
        self.raw.as_ptr()
    }

    fn check(&mut self, what: &str, rc: sys::mip_code) -> Result<&mut Self, Error> {
        if rc == sys::MIP_OK {
            Ok(self)
        } else {
            // The value is left out on purpose: it may be a secret.
            Err(Error::from_code(rc, format!("invalid {what}: out of range, too long or control characters")))
        }
    }

    fn set_str(&mut self, what: &str, value: &str, f: StrSetter) -> Result<&mut Self, Error> {
        let c =
            CString::new(value).map_err(|_| Error::invalid_argument(format!("invalid {what}: contains a NUL byte")))?;
        // SAFETY: live options, NUL-terminated string copied by the call.
        let rc = unsafe { f(self.raw.as_ptr(), c.as_ptr()) };
        self.check(what, rc)
    }

    fn set_int(
        &mut self,
        what: &str,
        rc: impl FnOnce(*mut sys::mip_options) -> sys::mip_code,
    ) -> Result<&mut Self, Error> {
        let rc = rc(self.raw.as_ptr());
        self.check(what, rc)
    }

    /// Required. `"https://host[:port][/prefix]"`; `https://` is assumed
    /// without a scheme. Checked by [`Client::new`](crate::Client::new).
    pub fn endpoint(&mut self, url: &str) -> Result<&mut Self, Error> {
        self.set_str("endpoint", url, sys::mip_options_set_endpoint)
    }

    /// The server dialect; default [`Api::Auto`].
    pub fn api(&mut self, api: Api) -> Result<&mut Self, Error> {
        // SAFETY: live options.
        self.set_int("api", |o| unsafe { sys::mip_options_set_api(o, api.raw()) })
    }

    /// API key or `"user:password"`, sent as a Bearer token. Required by the
    /// cloud flavors. Never shown in errors.
    pub fn token(&mut self, token: &str) -> Result<&mut Self, Error> {
        self.set_str("token", token, sys::mip_options_set_token)
    }

    /// Cloud flavors: the cluster.
    pub fn cluster_id(&mut self, id: &str) -> Result<&mut Self, Error> {
        self.set_str("cluster id", id, sys::mip_options_set_cluster_id)
    }

    /// Cloud flavor: the project (with [`region_id`](Self::region_id), instead of a cluster).
    pub fn project_id(&mut self, id: &str) -> Result<&mut Self, Error> {
        self.set_str("project id", id, sys::mip_options_set_project_id)
    }

    /// Cloud flavor: the region (with [`project_id`](Self::project_id)).
    pub fn region_id(&mut self, id: &str) -> Result<&mut Self, Error> {
        self.set_str("region id", id, sys::mip_options_set_region_id)
    }

    /// Milvus flavor: the database (the `DB-Name` header).
    pub fn db_name(&mut self, db: &str) -> Result<&mut Self, Error> {
        self.set_str("database name", db, sys::mip_options_set_db_name)
    }

    /// Deadline of a whole call, retries included; 1 ms ..= 2^31-1 ms,
    /// rounded up to whole milliseconds. Default
    /// [`MIP_DEFAULT_TIMEOUT_MS`](sys::MIP_DEFAULT_TIMEOUT_MS).
    pub fn timeout(&mut self, timeout: Duration) -> Result<&mut Self, Error> {
        let ms = millis_ceil(timeout);
        // SAFETY: live options.
        self.set_int("timeout", |o| unsafe { sys::mip_options_set_timeout_ms(o, ms) })
    }

    /// TCP + TLS connect deadline of each attempt; 1 ms ..= 2^31-1 ms.
    /// Default [`MIP_DEFAULT_CONNECT_TIMEOUT_MS`](sys::MIP_DEFAULT_CONNECT_TIMEOUT_MS).
    pub fn connect_timeout(&mut self, timeout: Duration) -> Result<&mut Self, Error> {
        let ms = millis_ceil(timeout);
        // SAFETY: live options.
        self.set_int("connect timeout", |o| unsafe { sys::mip_options_set_connect_timeout_ms(o, ms) })
    }

    /// How often a call retries a transient failure (one that
    /// [`Error::is_transient`] would call so); 0..=100. Default
    /// [`MIP_DEFAULT_MAX_RETRIES`](sys::MIP_DEFAULT_MAX_RETRIES).
    pub fn max_retries(&mut self, retries: u32) -> Result<&mut Self, Error> {
        let n = c_int::try_from(retries).unwrap_or(c_int::MAX);
        // SAFETY: live options.
        self.set_int("max retries", |o| unsafe { sys::mip_options_set_max_retries(o, n) })
    }

    /// A PEM bundle of CA certificates to trust instead of the system's.
    pub fn ca_file(&mut self, path: impl AsRef<Path>) -> Result<&mut Self, Error> {
        let path = path.as_ref();
        #[cfg(unix)]
        let bytes = {
            use std::os::unix::ffi::OsStrExt;
            path.as_os_str().as_bytes().to_vec()
        };
        #[cfg(not(unix))]
        let bytes =
            path.to_str().ok_or_else(|| Error::invalid_argument("invalid CA file: not UTF-8"))?.as_bytes().to_vec();
        let c = CString::new(bytes).map_err(|_| Error::invalid_argument("invalid CA file: contains a NUL byte"))?;
        // SAFETY: live options, NUL-terminated string copied by the call.
        let rc = unsafe { sys::mip_options_set_ca_file(self.raw.as_ptr(), c.as_ptr()) };
        self.check("CA file", rc)
    }

    /// `false` turns certificate and host name verification off. Default on.
    pub fn tls_verify(&mut self, on: bool) -> Result<&mut Self, Error> {
        // SAFETY: live options.
        self.set_int("TLS verify", |o| unsafe { sys::mip_options_set_tls_verify(o, c_int::from(on)) })
    }

    /// A proxy, e.g. `"http://proxy:3128"`; unset, libcurl's environment
    /// rules apply.
    pub fn proxy(&mut self, url: &str) -> Result<&mut Self, Error> {
        self.set_str("proxy", url, sys::mip_options_set_proxy)
    }

    /// The User-Agent; default `"mip/<version>"`.
    pub fn user_agent(&mut self, ua: &str) -> Result<&mut Self, Error> {
        self.set_str("user agent", ua, sys::mip_options_set_user_agent)
    }

    /// The largest response body accepted, > 0. Default
    /// [`MIP_DEFAULT_MAX_RESPONSE_BYTES`](sys::MIP_DEFAULT_MAX_RESPONSE_BYTES).
    pub fn max_response_bytes(&mut self, n: u64) -> Result<&mut Self, Error> {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        // SAFETY: live options.
        self.set_int("max response bytes", |o| unsafe { sys::mip_options_set_max_response_bytes(o, n) })
    }

    /// Connections used by [`Client::get_import_progress_many`](crate::Client::get_import_progress_many); 1..=256.
    /// Default [`MIP_DEFAULT_MAX_CONNECTIONS`](sys::MIP_DEFAULT_MAX_CONNECTIONS).
    pub fn max_connections(&mut self, n: u32) -> Result<&mut Self, Error> {
        let n = c_int::try_from(n).unwrap_or(c_int::MAX);
        // SAFETY: live options.
        self.set_int("max connections", |o| unsafe { sys::mip_options_set_max_connections(o, n) })
    }
}

impl Default for Options {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Options {
    fn drop(&mut self) {
        // SAFETY: we own the options.
        unsafe { sys::mip_options_free(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // libmip offers no getters; and the token must not be printed anyway.
        f.debug_struct("Options").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Code;

    #[test]
    fn setters_check_values() -> Result<(), Error> {
        let mut o = Options::new();
        assert!(o.endpoint("http://127.0.0.1:1").is_ok());
        assert_eq!(o.endpoint("http://a\0b").unwrap_err().code(), Code::InvalidArgument);
        assert_eq!(o.timeout(Duration::ZERO).unwrap_err().code(), Code::InvalidArgument);
        assert!(o.timeout(Duration::from_micros(1)).is_ok());
        assert_eq!(o.timeout(Duration::from_secs(1 << 40)).unwrap_err().code(), Code::InvalidArgument);
        assert_eq!(o.max_retries(101).unwrap_err().code(), Code::InvalidArgument);
        assert_eq!(o.max_connections(257).unwrap_err().code(), Code::InvalidArgument);
        assert_eq!(o.max_response_bytes(0).unwrap_err().code(), Code::InvalidArgument);
        assert!(o.max_connections(256)?.max_retries(0).is_ok());
        let e = o.token("secret\nvalue").unwrap_err();
        assert_eq!(e.code(), Code::InvalidArgument);
        assert!(!e.to_string().contains("secret"));
        o.token("sk-options-debug-0123456789")?;
        assert!(!format!("{o:?}").contains("sk-options"), "Debug shows no token");
        assert!(o.token("").is_ok(), "empty clears");
        assert!(o.tls_verify(false)?.ca_file("/nonexistent.pem").is_ok());
        Ok(())
    }
}
