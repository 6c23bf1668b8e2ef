//! What the integration tests share: the two emulators run_tests.sh starts
//! (tests/support/emulator.sh), both serving tests/emulator/scenario.json,
//! and the ids of that scenario.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Half-way through a 3600 s job: Importing, two file groups.
pub const IMPORTING: &str = "448761313698322999";
/// Completed: `1.parquet` 100000 rows, `a.npy b.npy` 50000 rows.
pub const COMPLETED: &str = "448761313698323001";
/// Failed with the reason [`FAILED_REASON`].
pub const FAILED: &str = "448761313698323000";
pub const FAILED_REASON: &str = "the data file is corrupted";
/// Never finishes.
pub const NEVER_ENDS: &str = "448761313698322100";
/// Not in the scenario.
pub const MISSING: &str = "448761313698300000";

/// A variable run_tests.sh exports; the test fails saying so when it is absent.
fn from_run_tests(name: &str) -> String {
    std::env::var(name).ok().filter(|v| !v.is_empty()).unwrap_or_else(|| {
        panic!("{name} is not set: run these tests through bindings/rust/run_tests.sh BUILD_DIR, which starts the emulators")
    })
}

/// The token the emulator at [`Emulator::with_auth`] requires. Never print it.
pub fn token() -> String {
    from_run_tests("MIP_EMULATOR_TOKEN")
}

pub struct Emulator {
    url: String,
}

impl Emulator {
    /// `MIP_EMULATOR_URL`: no auth.
    pub fn plain() -> Emulator {
        Emulator { url: from_run_tests("MIP_EMULATOR_URL") }
    }

    /// `MIP_EMULATOR_AUTH_URL`: requires [`token`].
    pub fn with_auth() -> Emulator {
        Emulator { url: from_run_tests("MIP_EMULATOR_AUTH_URL") }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn port(&self) -> u16 {
        let port = self.url.rsplit(':').next().and_then(|p| p.parse().ok());
        port.unwrap_or_else(|| panic!("no port in {}", self.url))
    }

    /// A Milvus-flavor client; every option not set here keeps libmip's default.
    pub fn client(&self) -> mip::Client {
        self.client_with(|_| {})
    }

    pub fn client_with(&self, f: impl FnOnce(&mut mip::Options)) -> mip::Client {
        let mut options = mip::Options::new();
        options.endpoint(&self.url).unwrap().api(mip::Api::Milvus).unwrap();
        f(&mut options);
        mip::Client::new(&options).expect("client")
    }

    /// Creates a Milvus job through the emulator's create route (one file
    /// group per element of `files`) and returns its id. The emulators run
    /// with `--duration 0.2`: the job reaches 100 % in 0.2 s.
    pub fn create_job(&self, collection: &str, files: &[&[&str]]) -> String {
        let groups: Vec<String> = files
            .iter()
            .map(|group| format!("[{}]", group.iter().map(|p| json_string(p)).collect::<Vec<_>>().join(",")))
            .collect();
        let body = format!(r#"{{"collectionName":{},"files":[{}]}}"#, json_string(collection), groups.join(","));
        let answer = self.post("/v2/vectordb/jobs/import/create", &body);
        let id = answer.split(r#""jobId":""#).nth(1).and_then(|rest| rest.split('"').next());
        id.unwrap_or_else(|| panic!("create answered {answer:?}")).to_string()
    }

    /// One HTTP/1.1 request on its own connection; the whole answer.
    fn post(&self, path: &str, body: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port())).expect("connect to the emulator");
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("the emulator's answer");
        answer
    }
}

/// `s` as a JSON string literal.
fn json_string(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `MIP_EMULATOR_LEGACY_URL`: started by run_tests.sh with `--legacy` (no
/// describe, commit or abort route, like Milvus 2.x).
pub fn legacy() -> Emulator {
    Emulator { url: from_run_tests("MIP_EMULATOR_LEGACY_URL") }
}

/// A collection name no other test of this run uses (the emulators are
/// shared by every test binary).
pub fn fresh_collection(what: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    format!("rust_{what}_{}_{nanos}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}
