// SPDX-License-Identifier: Apache-2.0
use crate::sys;
use std::fmt;
use std::ptr::NonNull;
use std::sync::Arc;

/// Cancels blocking calls from any thread.
///
/// Cloning is cheap (an `Arc`): every clone triggers the same token. The C
/// token is freed when the last clone is dropped; a call that uses the token
/// borrows it, so it is never freed while a call is running.
///
/// ```no_run
/// # let client: mip::Client = unimplemented!();
/// let token = mip::CancelToken::new();
/// std::thread::scope(|s| {
///     let t = token.clone();
///     s.spawn(move || {
///         std::thread::sleep(std::time::Duration::from_secs(1));
///         t.trigger();
///     });
///     let err = client.get_import_progress("448761313698322011", Some(&token));
///     println!("{err:?}"); // Err with Code::Cancelled if the server was slow
/// });
/// ```
#[derive(Clone)]
pub struct CancelToken {
    inner: Arc<RawCancel>,
}

struct RawCancel(NonNull<sys::mip_cancel>);

// SAFETY: mip_cancel_trigger / mip_cancel_is_triggered are thread-safe, and
// the token is freed once, by the last owner, after every borrowing call.
unsafe impl Send for RawCancel {}
unsafe impl Sync for RawCancel {}

impl Drop for RawCancel {
    fn drop(&mut self) {
        // SAFETY: we own the token and no call borrows it any more.
        unsafe { sys::mip_cancel_free(self.0.as_ptr()) }
    }
}

impl CancelToken {
    /// A new, untriggered token.
    ///
    /// # Panics
    /// When libmip is out of memory.
    pub fn new() -> CancelToken {
        // SAFETY: no preconditions.
        let raw = unsafe { sys::mip_cancel_new() };
        let raw = NonNull::new(raw).expect("mip_cancel_new: out of memory");
        CancelToken { inner: Arc::new(RawCancel(raw)) }
    }

    /// Ends every call using this token promptly with
    /// [`Code::Cancelled`](crate::Code::Cancelled); calls that start later
    /// fail at once. Irreversible.
    ///
    /// ```
    /// let token = mip::CancelToken::new();
    /// let other = token.clone();
    /// assert!(!token.is_triggered());
    /// other.trigger();
    /// assert!(token.is_triggered());
    /// ```
    pub fn trigger(&self) {
        // SAFETY: live token; thread-safe.
        unsafe { sys::mip_cancel_trigger(self.inner.0.as_ptr()) }
    }

    /// Whether [`trigger`](Self::trigger) was called on this token or a clone.
    pub fn is_triggered(&self) -> bool {
        // SAFETY: live token; thread-safe.
        unsafe { sys::mip_cancel_is_triggered(self.inner.0.as_ptr()) != 0 }
    }

    /// The C token, valid while `self` (or a clone) lives.
    pub fn as_raw(&self) -> *mut sys::mip_cancel {
        self.inner.0.as_ptr()
    }
}

impl Default for CancelToken {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for CancelToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CancelToken").field("triggered", &self.is_triggered()).finish()
    }
}

pub(crate) fn raw_or_null(t: Option<&CancelToken>) -> *mut sys::mip_cancel {
    t.map_or(std::ptr::null_mut(), CancelToken::as_raw)
}
