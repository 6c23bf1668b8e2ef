// SPDX-License-Identifier: Apache-2.0
use crate::cancel::raw_or_null;
use crate::{millis_ceil, sys, CancelToken, Error, Job, Options};
use std::any::Any;
use std::ffi::CString;
use std::fmt;
use std::mem::ManuallyDrop;
use std::os::raw::{c_char, c_int, c_void};
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::ptr::{self, NonNull};
use std::time::Duration;

/// A connection to one server: thread-safe, keeps connections alive.
///
/// `Client` is `Send + Sync`: share it between threads by reference
/// (`std::thread::scope`) or in an `Arc`. Dropping it closes the connections;
/// the borrow checker guarantees no call is running then.
///
/// ```no_run
/// # fn main() -> Result<(), mip::Error> {
/// let mut options = mip::Options::new();
/// options
///     .endpoint("https://api.cloud.zilliz.com")?
///     .api(mip::Api::Cloud)?
///     .token("my-api-key")?
///     .cluster_id("in03-0123456789abcdef")?;
/// let client = mip::Client::new(&options)?;
/// let job = client.get_import_progress("job-01fa0e5d42cjxudhpuehyp", None)?;
/// println!("{}: {:?} %", job.state(), job.progress());
/// # Ok(()) }
/// ```
pub struct Client {
    raw: NonNull<sys::mip_client>,
}

// SAFETY: "A client is thread-safe: any number of threads may call it at once."
unsafe impl Send for Client {}
unsafe impl Sync for Client {}

fn job_id_cstring(job_id: &str) -> Result<CString, Error> {
    CString::new(job_id).map_err(|_| Error::invalid_argument("invalid job id: contains a NUL byte"))
}

/// What the trampoline shares with [`Client::wait`].
struct WaitState<F> {
    on_progress: F,
    panic: Option<Box<dyn Any + Send + 'static>>,
}

/// The `mip_progress_fn` handed to C: calls the closure, never unwinds.
unsafe extern "C" fn trampoline<F: FnMut(&Job) -> bool>(job: *const sys::mip_job, user: *mut c_void) -> c_int {
    // SAFETY: `user` is the `&mut WaitState<F>` that `wait` passed, alive for
    // the whole C call, and used by nobody else meanwhile.
    let state = &mut *(user as *mut WaitState<F>);
    if state.panic.is_some() || job.is_null() {
        return 1;
    }
    // The job is borrowed from C for this call only: wrap it without
    // ownership (ManuallyDrop: mip_job_free is never called on it). The
    // closure gets `&Job` under a higher-ranked lifetime, so it cannot keep it.
    let view = ManuallyDrop::new(Job::from_raw(job as *mut sys::mip_job));
    let f = &mut state.on_progress;
    match catch_unwind(AssertUnwindSafe(|| f(&view))) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(payload) => {
            state.panic = Some(payload);
            1
        }
    }
}

impl Client {
    /// A client for `options` (copied). Fails with
    /// [`Code::InvalidArgument`](crate::Code::InvalidArgument) for a missing
    /// or malformed endpoint, a cloud flavor without token or cluster, or a
    /// cloud flavor over plain `http://` to a host that is not loopback.
    pub fn new(options: &Options) -> Result<Client, Error> {
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        // SAFETY: live options; out-parameters point to locals.
        let rc = unsafe { sys::mip_client_new(options.as_raw(), &mut out, &mut err) };
        match NonNull::new(out) {
            Some(raw) if rc == sys::MIP_OK => {
                if !err.is_null() {
                    unsafe { sys::mip_error_free(err) };
                }
                Ok(Client { raw })
            }
            other => {
                if let Some(c) = other {
                    unsafe { sys::mip_client_free(c.as_ptr()) };
                }
                // SAFETY: err is NULL or ours.
                Err(unsafe { Error::from_raw(rc, err) })
            }
        }
    }

    /// The C client, valid while `self` lives.
    pub fn as_raw(&self) -> *mut sys::mip_client {
        self.raw.as_ptr()
    }

    /// The progress of one job: one request (plus retries of transient
    /// failures, see [`Error::is_transient`]). A failed import is not an
    /// error: it is `Ok` with [`State::Failed`](crate::State::Failed).
    ///
    /// A job id with a NUL byte fails with
    /// [`Code::InvalidArgument`](crate::Code::InvalidArgument) without
    /// sending anything.
    ///
    /// ```no_run
    /// # let client: mip::Client = unimplemented!();
    /// let cancel = mip::CancelToken::new();
    /// let job = client.get_import_progress("448761313698322011", Some(&cancel))?;
    /// # Ok::<(), mip::Error>(())
    /// ```
    pub fn get_import_progress(&self, job_id: &str, cancel: Option<&CancelToken>) -> Result<Job, Error> {
        let id = job_id_cstring(job_id)?;
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        // SAFETY: live client; `id` and `cancel` outlive the call.
        let rc = unsafe {
            sys::mip_get_import_progress(self.as_raw(), id.as_ptr(), raw_or_null(cancel), &mut out, &mut err)
        };
        // SAFETY: out/err are NULL or owned by us.
        unsafe { finish(rc, out, err) }
    }

    /// Polls every `interval` until the job's state is terminal
    /// ([`State::is_terminal`](crate::State::is_terminal)), and returns that
    /// snapshot.
    ///
    /// `on_progress` runs on this thread after every successful poll, the
    /// last one included, with a view of the job that lives for that call
    /// only. Return `true` to go on; `false` stops the wait, which then
    /// returns [`Code::Cancelled`](crate::Code::Cancelled). If the closure
    /// panics, the wait stops and the panic resumes on this thread once the C
    /// call has returned (it never unwinds through C).
    ///
    /// `timeout`: `None` waits without deadline; otherwise the wait fails
    /// with [`Code::Timeout`](crate::Code::Timeout) once it has passed.
    /// `interval` and `timeout` are rounded up to whole milliseconds.
    /// Transient errors ([`Error::is_transient`]) only mean "poll again";
    /// any other error ends the wait. `cancel` ends it at once.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// # let client: mip::Client = unimplemented!();
    /// let job = client.wait(
    ///     "448761313698322011",
    ///     Duration::from_secs(2),
    ///     Some(Duration::from_secs(3600)),
    ///     None,
    ///     |job| {
    ///         println!("{} {:?} %", job.state(), job.progress());
    ///         true
    ///     },
    /// )?;
    /// println!("ended {}", job.state());
    /// # Ok::<(), mip::Error>(())
    /// ```
    ///
    /// The job in the closure cannot escape it:
    ///
    /// ```compile_fail
    /// # use std::time::Duration;
    /// # fn f(client: &mip::Client) {
    /// let mut kept = None;
    /// let _ = client.wait("1", Duration::from_secs(1), None, None, |job| {
    ///     kept = Some(job);
    ///     true
    /// });
    /// # }
    /// ```
    pub fn wait<F>(
        &self,
        job_id: &str,
        interval: Duration,
        timeout: Option<Duration>,
        cancel: Option<&CancelToken>,
        on_progress: F,
    ) -> Result<Job, Error>
    where
        F: FnMut(&Job) -> bool,
    {
        let id = job_id_cstring(job_id)?;
        let interval_ms = millis_ceil(interval);
        // Some(0) must not mean "no deadline" (C's 0): at least 1 ms.
        let timeout_ms = timeout.map_or(0, |t| millis_ceil(t).max(1));
        let mut state = WaitState { on_progress, panic: None };
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        // SAFETY: live client; `id`, `cancel` and `state` outlive the call;
        // the trampoline matches `F`.
        let rc = unsafe {
            sys::mip_wait_import(
                self.as_raw(),
                id.as_ptr(),
                interval_ms,
                timeout_ms,
                Some(trampoline::<F>),
                &mut state as *mut WaitState<F> as *mut c_void,
                raw_or_null(cancel),
                &mut out,
                &mut err,
            )
        };
        // SAFETY: out/err are NULL or owned by us.
        let result = unsafe { finish(rc, out, err) };
        if let Some(payload) = state.panic.take() {
            drop(result);
            resume_unwind(payload);
        }
        result
    }

    /// The progress of many jobs at once, over at most
    /// [`Options::max_connections`] connections: one result per id, in
    /// order. An id with a NUL byte, or an empty one, fails alone with
    /// [`Code::InvalidArgument`](crate::Code::InvalidArgument).
    ///
    /// ```no_run
    /// # let client: mip::Client = unimplemented!();
    /// let ids = ["448761313698322011", "448761313698322012"];
    /// for (id, result) in ids.iter().zip(client.get_import_progress_many(&ids, None)) {
    ///     match result {
    ///         Ok(job) => println!("{id}: {}", job.state()),
    ///         Err(e) => println!("{id}: {e}"),
    ///     }
    /// }
    /// ```
    pub fn get_import_progress_many<S: AsRef<str>>(
        &self,
        job_ids: &[S],
        cancel: Option<&CancelToken>,
    ) -> Vec<Result<Job, Error>> {
        let mut results: Vec<Option<Result<Job, Error>>> = (0..job_ids.len()).map(|_| None).collect();
        let mut ids = Vec::with_capacity(job_ids.len());
        let mut index = Vec::with_capacity(job_ids.len());
        for (i, id) in job_ids.iter().enumerate() {
            match job_id_cstring(id.as_ref()) {
                Ok(c) => {
                    ids.push(c);
                    index.push(i);
                }
                Err(e) => results[i] = Some(Err(e)),
            }
        }
        if !ids.is_empty() {
            let ptrs: Vec<*const c_char> = ids.iter().map(|c| c.as_ptr()).collect();
            let mut jobs = vec![ptr::null_mut(); ids.len()];
            let mut errs = vec![ptr::null_mut(); ids.len()];
            // SAFETY: live client; `ptrs` holds `count` strings that outlive
            // the call; `jobs` and `errs` have `count` slots each.
            let rc = unsafe {
                sys::mip_get_import_progress_many(
                    self.as_raw(),
                    ptrs.as_ptr(),
                    ptrs.len(),
                    raw_or_null(cancel),
                    jobs.as_mut_ptr(),
                    errs.as_mut_ptr(),
                )
            };
            for (k, &i) in index.iter().enumerate() {
                // A failing index without error object gets the call's code.
                let code = if jobs[k].is_null() { rc } else { sys::MIP_OK };
                // SAFETY: each slot is NULL or owned by us, taken once.
                results[i] = Some(unsafe { finish(code, jobs[k], errs[k]) });
            }
        }
        results.into_iter().map(|r| r.expect("every index filled")).collect()
    }
}

/// Turns a call's out-parameters into a `Result`, taking ownership of both.
///
/// # Safety
/// `out` and `err` are NULL or owned by the caller.
unsafe fn finish(rc: sys::mip_code, out: *mut sys::mip_job, err: *mut sys::mip_error) -> Result<Job, Error> {
    if !out.is_null() {
        if !err.is_null() {
            sys::mip_error_free(err);
        }
        if rc == sys::MIP_OK {
            return Ok(Job::from_raw(out));
        }
        sys::mip_job_free(out);
    }
    Err(Error::from_raw(rc, err))
}

impl Drop for Client {
    fn drop(&mut self) {
        // SAFETY: we own the client; no call borrows it any more.
        unsafe { sys::mip_client_free(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client").finish_non_exhaustive()
    }
}

// Compile-time: the types meant to cross threads do.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Client>();
    send_sync::<Job>();
    send_sync::<CancelToken>();
    send_sync::<Error>();
    send_sync::<crate::Detail<'static>>();
    const fn send<T: Send>() {}
    send::<Options>();
};
