// SPDX-License-Identifier: Apache-2.0
//! Compile-time checks: this file does not build unless the thread-safety
//! promises hold.

#![allow(dead_code)]

const fn assert_send_sync<T: Send + Sync>() {}
const fn assert_send<T: Send>() {}
const fn assert_clone<T: Clone>() {}
const fn assert_error<T: std::error::Error + Send + Sync + 'static>() {}

const _: () = {
    assert_send_sync::<mip::Client>();
    assert_send_sync::<mip::Job>();
    assert_send_sync::<mip::Detail<'static>>();
    assert_send_sync::<mip::CancelToken>();
    assert_clone::<mip::CancelToken>();
    assert_send_sync::<mip::Error>();
    assert_error::<mip::Error>();
    assert_send::<mip::Options>();
    assert_send_sync::<mip::JobInfo>();
    assert_send_sync::<mip::JobList>();
    assert_send_sync::<mip::JobListIter<'static>>();
    assert_send_sync::<mip::Details<'static>>();
    assert_send::<mip::ImportRequest>();
};

fn assert_exact_size<I: ExactSizeIterator + DoubleEndedIterator>(_: &I) {}

fn details_iterator_is_exact(job: &mip::Job) {
    assert_exact_size(&job.details());
}

fn job_list_iterator_is_exact(list: &mip::JobList) {
    assert_exact_size(&list.iter());
}

/// A `&Job` lent by a list lives as long as the list, no longer (the
/// compile_fail doc test of `JobList` shows the other half).
fn a_listed_job_borrows_its_list(list: &mip::JobList) -> Option<&str> {
    list.get(0).map(mip::Job::id)
}

#[test]
fn thread_safety_holds_at_compile_time() {
    // The checks above run when this file compiles.
}
