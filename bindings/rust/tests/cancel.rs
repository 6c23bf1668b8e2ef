// SPDX-License-Identifier: Apache-2.0
//! A CancelToken triggered on another thread ends a call blocked in C,
//! promptly, with Code::Cancelled.
//!
//! The only test of its binary: "this process is connected to the
//! emulator" then means that this call's request is on its way.

mod common;

use common::Emulator;
use mip::{CancelToken, Code};
use std::collections::HashSet;
use std::time::{Duration, Instant};

/// The inodes of this process's sockets (/proc/self/fd).
fn own_socket_inodes() -> HashSet<String> {
    let Ok(fds) = std::fs::read_dir("/proc/self/fd") else { return HashSet::new() };
    fds.flatten()
        .filter_map(|fd| std::fs::read_link(fd.path()).ok())
        .filter_map(|target| {
            let target = target.to_str()?;
            Some(target.strip_prefix("socket:[")?.strip_suffix(']')?.to_string())
        })
        .collect()
}

/// Whether this process holds an established TCP connection to `port`.
fn connected_to(port: u16) -> bool {
    let inodes = own_socket_inodes();
    let remote = format!(":{port:04X}");
    ["/proc/self/net/tcp", "/proc/self/net/tcp6"].iter().filter_map(|table| std::fs::read_to_string(table).ok()).any(
        |text| {
            // columns: sl local_address rem_address st ... inode; st 01 is ESTABLISHED
            text.lines().skip(1).any(|line| {
                let column: Vec<&str> = line.split_whitespace().collect();
                column.len() > 9 && column[2].ends_with(&remote) && column[3] == "01" && inodes.contains(column[9])
            })
        },
    )
}

/// Polls [`connected_to`] at most `tries` times, 5 ms apart, within `limit`.
fn wait_for_connection(port: u16, tries: u32, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    for _ in 0..tries {
        if connected_to(port) {
            return true;
        }
        if Instant::now() >= deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

#[test]
fn a_token_triggered_elsewhere_ends_a_stalled_call() {
    let emulator = Emulator::plain();
    let client = emulator.client();
    let token = CancelToken::new();
    std::thread::scope(|s| {
        let canceller = s.spawn(|| {
            let connected = wait_for_connection(emulator.port(), 4000, Duration::from_secs(20));
            let triggered = Instant::now();
            token.trigger();
            (connected, triggered)
        });
        let e = client.get_import_progress("fault-stall", Some(&token)).unwrap_err();
        let returned = Instant::now();
        let (connected, triggered) = canceller.join().unwrap();
        assert!(connected, "the call never connected");
        assert_eq!(e.code(), Code::Cancelled, "{e}");
        let lag = returned.saturating_duration_since(triggered);
        assert!(lag < Duration::from_secs(3), "cancel took {lag:?}");
    });
    assert!(token.is_triggered());
}
