// SPDX-License-Identifier: Apache-2.0
//! `Client::wait`: the closure through the C callback (views, stopping,
//! panics), the durations handed to C, the cancel token, and the terminal
//! snapshot it returns, owned.

mod common;

use common::{Emulator, IMPORTING, NEVER_ENDS};
use mip::{CancelToken, Code, State};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const SOON: Duration = Duration::from_millis(20);
const GENEROUS: Duration = Duration::from_secs(20);

#[test]
fn runs_to_the_terminal_snapshot_and_returns_it_owned() {
    let emulator = Emulator::plain();
    let id = emulator.create_job("waited", &[&["w.parquet"]]);
    let client = emulator.client();
    let mut seen = Vec::new();
    let job = client
        .wait(&id, SOON, Some(GENEROUS), None, |job| {
            seen.push((job.id().to_string(), job.state()));
            true
        })
        .unwrap();
    drop(client);
    // libmip decides what ends a wait; the binding reports it the same way.
    assert!(job.state().is_terminal(), "{:?}", job.state());
    assert_eq!(job.state(), State::Completed);
    assert_eq!(job.id(), id, "the job outlives its client");
    assert_eq!(job.collection_name(), "waited");
    let (last, earlier) = seen.split_last().expect("at least the last poll");
    assert_eq!(last, &(id.clone(), job.state()), "the last poll is reported");
    assert!(earlier.iter().all(|(i, s)| *i == id && !s.is_terminal()), "{seen:?}");
}

#[test]
fn the_closure_stops_it_with_cancelled() {
    let client = Emulator::plain().client();
    let mut calls = 0;
    let e = client
        .wait(IMPORTING, Duration::from_millis(10), None, None, |job| {
            calls += 1;
            assert_eq!(job.state(), State::Importing);
            calls < 3
        })
        .unwrap_err();
    assert_eq!(e.code(), Code::Cancelled);
    assert_eq!(calls, 3);
}

#[test]
fn a_panic_in_the_closure_resumes_on_the_caller() {
    let client = Emulator::plain().client();
    let mut calls = 0;
    let caught = catch_unwind(AssertUnwindSafe(|| {
        let _ = client.wait(IMPORTING, Duration::from_millis(10), None, None, |job| {
            calls += 1;
            panic!("boom at {}", job.id());
        });
    }))
    .unwrap_err();
    let message =
        caught.downcast_ref::<String>().cloned().or_else(|| caught.downcast_ref::<&str>().map(|s| s.to_string()));
    assert_eq!(message.as_deref(), Some(format!("boom at {IMPORTING}").as_str()));
    assert_eq!(calls, 1, "the wait stops at the panic");
    assert!(client.get_import_progress(IMPORTING, None).is_ok(), "the client goes on working");
}

#[test]
fn the_timeout_reaches_c() {
    let client = Emulator::plain().client();
    let started = Instant::now();
    let e = client.wait(NEVER_ENDS, SOON, Some(Duration::from_millis(200)), None, |_| true).unwrap_err();
    assert_eq!(e.code(), Code::Timeout, "{e}");
    assert!(started.elapsed() < GENEROUS, "{:?}", started.elapsed());
}

#[test]
fn a_zero_timeout_is_a_deadline_not_none() {
    // C reads 0 as "no deadline"; Some(ZERO) must still end the wait. If it
    // did not, the closure ends it after 50 polls with Cancelled instead.
    let client = Emulator::plain().client();
    let mut polls = 0;
    let e = client
        .wait(NEVER_ENDS, Duration::from_millis(1), Some(Duration::ZERO), None, |_| {
            polls += 1;
            polls < 50
        })
        .unwrap_err();
    assert_eq!(e.code(), Code::Timeout, "{e} after {polls} polls");
}

#[test]
fn a_zero_interval_is_refused_not_rounded_up() {
    let e = Emulator::plain().client().wait(IMPORTING, Duration::ZERO, None, None, |_| true).unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument, "{e}");
}

#[test]
fn a_token_triggered_elsewhere_ends_it() {
    let client = Emulator::plain().client();
    let token = CancelToken::new();
    let (polled, first_poll) = mpsc::channel();
    std::thread::scope(|s| {
        let waiter = s.spawn(|| {
            client.wait(NEVER_ENDS, SOON, None, Some(&token), move |_| {
                let _ = polled.send(());
                true
            })
        });
        first_poll.recv_timeout(GENEROUS).expect("a first poll");
        let triggered = Instant::now();
        token.trigger();
        let e = waiter.join().unwrap().unwrap_err();
        assert_eq!(e.code(), Code::Cancelled);
        assert!(triggered.elapsed() < Duration::from_secs(3), "cancel took {:?}", triggered.elapsed());
    });
}
