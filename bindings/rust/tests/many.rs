// SPDX-License-Identifier: Apache-2.0
//! `Client::get_import_progress_many`: one result per id, in order, the ids
//! Rust refuses mixed with those sent to C.

mod common;

use common::{Emulator, COMPLETED, FAILED, IMPORTING, MISSING};
use mip::{CancelToken, Code, State};

#[test]
fn one_result_per_id_in_order() {
    let client = Emulator::plain().client_with(|o| {
        o.max_connections(3).unwrap();
    });
    let ids = [IMPORTING, MISSING, FAILED, "bad\0id", "", COMPLETED, IMPORTING];
    let results = client.get_import_progress_many(&ids, None);
    assert_eq!(results.len(), ids.len());
    assert_eq!(results[0].as_ref().unwrap().id(), IMPORTING);
    let missing = results[1].as_ref().unwrap_err();
    assert_eq!((missing.code(), missing.server_code()), (Code::NotFound, Some(2100)));
    assert_eq!(results[2].as_ref().unwrap().state(), State::Failed);
    let nul = results[3].as_ref().unwrap_err();
    assert_eq!((nul.code(), nul.attempts()), (Code::InvalidArgument, 0), "refused in Rust");
    assert_eq!(results[4].as_ref().unwrap_err().code(), Code::InvalidArgument, "refused by C");
    assert_eq!(results[5].as_ref().unwrap().id(), COMPLETED);
    assert_eq!(results[6].as_ref().unwrap().id(), IMPORTING);
}

#[test]
fn any_string_slice_and_none_at_all() {
    let client = Emulator::plain().client();
    let owned = vec![COMPLETED.to_string(), FAILED.to_string()];
    let states: Vec<State> =
        client.get_import_progress_many(&owned, None).into_iter().map(|r| r.unwrap().state()).collect();
    assert_eq!(states, [State::Completed, State::Failed]);
    let none: [&str; 0] = [];
    assert!(client.get_import_progress_many(&none, None).is_empty());
}

#[test]
fn a_triggered_token_fails_every_index() {
    let client = Emulator::plain().client();
    let token = CancelToken::new();
    token.trigger();
    let results = client.get_import_progress_many(&[IMPORTING, COMPLETED], Some(&token));
    assert_eq!(results.len(), 2);
    assert!(results.iter().all(|r| r.as_ref().unwrap_err().code() == Code::Cancelled));
}
