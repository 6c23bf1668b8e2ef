// SPDX-License-Identifier: Apache-2.0
//! The error type: every field of the C error copied before it is freed,
//! libmip's transient verdict, Display / Debug / `?`, and the errors the
//! binding finds itself before calling C.

mod common;

use common::{token, Emulator, OneAnswer, IMPORTING, MISSING};
use mip::Code;
use std::time::Duration;

#[test]
fn a_server_error_is_copied_field_for_field() {
    let client = Emulator::plain().client();
    let e = client.get_import_progress(MISSING, None).unwrap_err();
    assert_eq!(e.code(), Code::NotFound);
    assert_eq!(e.http_status(), Some(200), "the envelope came with HTTP 200");
    assert_eq!(e.server_code(), Some(2100));
    assert_eq!(e.attempts(), 1);
    assert!(!e.is_transient());
    assert_eq!(e.job_id(), None, "the answer named no job");
    assert!(e.message().contains(MISSING), "{e}");
    assert_eq!(e.to_string(), format!("{} (MIP_ERR_NOT_FOUND)", e.message()));
    assert_eq!(e.clone(), e);

    // The idiom: `?` into a boxed error, then back to mip::Error.
    fn progress(client: &mip::Client) -> Result<mip::State, Box<dyn std::error::Error + Send + Sync>> {
        Ok(client.get_import_progress(MISSING, None)?.state())
    }
    let boxed = progress(&client).unwrap_err();
    assert_eq!(boxed.downcast_ref::<mip::Error>().map(mip::Error::code), Some(Code::NotFound));
}

#[test]
fn a_transient_failure_says_so() {
    let client = Emulator::plain().client_with(|o| {
        o.max_retries(0).unwrap();
    });
    let e = client.get_import_progress("fault-503", None).unwrap_err();
    assert_eq!(e.code(), Code::Http);
    assert_eq!(e.http_status(), Some(503));
    assert_eq!(e.server_code(), None);
    assert_eq!(e.attempts(), 1);
    assert!(e.is_transient(), "{e}");
}

#[test]
fn a_wrong_token_is_refused_and_shown_nowhere() {
    const WRONG: &str = "sk-rust-wrong-token-0123456789";
    let emulator = Emulator::with_auth();
    let wrong = emulator.client_with(|o| {
        o.token(WRONG).unwrap();
    });
    let e = wrong.get_import_progress(IMPORTING, None).unwrap_err();
    assert_eq!(e.code(), Code::Auth);
    assert_eq!(e.http_status(), Some(401));
    assert!(!e.is_transient());
    for text in [e.to_string(), format!("{e:?}"), format!("{wrong:?}")] {
        assert!(!text.contains(WRONG), "the token is in an Error or a Client's text");
    }
    let right = emulator.client_with(|o| {
        o.token(&token()).unwrap();
    });
    let job = right.get_import_progress(IMPORTING, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(job.id(), IMPORTING);
}

#[test]
fn a_nul_byte_fails_in_rust_and_sends_nothing() {
    let client = Emulator::plain().client();
    let e = client.get_import_progress("4487\u{0}613", None).unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    assert_eq!(e.attempts(), 0);
    assert!(!e.is_transient());
    assert!(e.message().contains("NUL"), "{e}");
    let mut calls = 0;
    let e = client
        .wait("a\0b", Duration::from_millis(10), None, None, |_| {
            calls += 1;
            true
        })
        .unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    assert_eq!(calls, 0);
}

#[test]
fn client_new_returns_what_c_refused() {
    let e = mip::Client::new(&mip::Options::new()).unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument, "no endpoint: {e}");
    assert!(!e.message().is_empty());
    assert_eq!(e.attempts(), 0);
}

#[test]
fn a_create_refused_by_its_status_keeps_the_job_its_envelope_names() {
    const KEY: &str = "rust-idem-500-envelope";
    let server = OneAnswer::start(500, r#"{"code":0,"data":{"jobId":"123"}}"#);
    let mut options = mip::Options::new();
    options.endpoint(server.url()).unwrap().api(mip::Api::Milvus).unwrap().max_retries(0).unwrap();
    let client = mip::Client::new(&options).unwrap();
    let mut request = mip::ImportRequest::new();
    request.collection("c").unwrap().files(["a.parquet"]).unwrap().idempotency_key(KEY).unwrap();
    let e = client.create_import(&request, None).unwrap_err();
    // The error is an owned copy: it outlives the client, the server and C's error.
    drop(client);
    drop(server);
    assert_eq!(e.code(), Code::Server, "{e}");
    assert_eq!(e.http_status(), Some(500));
    assert_eq!(e.server_code(), None, "a success envelope: code 0");
    assert_eq!(e.attempts(), 1);
    assert_eq!(e.job_id(), Some("123"), "{e}");
    assert!(e.message().contains("123"), "{e}");
    assert!(e.message().contains(&format!("Idempotency-Key {KEY} ")), "a failed create's message names its key: {e}");
    let copy = e.clone();
    assert_eq!(copy.job_id(), Some("123"));
    assert_eq!(copy, e);
    let shown = format!("{e:?}");
    assert!(shown.contains("job_id: \"123\""), "{shown}");
}
