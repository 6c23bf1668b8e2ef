// SPDX-License-Identifier: Apache-2.0
//! Measures the binding against a loopback mip-emulator.
//!
//! 1. Per-call overhead of `Client::get_import_progress` over the raw
//!    `sys::mip_get_import_progress` (+ `mip_job_free`), same client, same
//!    job, calls interleaved; medians of many iterations. Measured against
//!    the emulator, and again against a minimal in-process loopback server
//!    (std::net, TCP_NODELAY, one write per answer) whose round trip costs
//!    less than the emulator's, so the binding's share shows more clearly.
//! 2. Converting a job of some 60,000 details (the emulator's `fault-big`
//!    job of about 8 MB) into owned Rust values (`Vec<DetailInfo>` and
//!    `JobInfo`), median of several runs. `Job::details` reads them 512 at
//!    a time through `mip_job_details_read`; for comparison, the same
//!    conversion through the nine per-field accessors of `mip.h` (one C
//!    call each, strings measured with strlen), as the binding did before.
//!
//! It uses the emulator at `MIP_EMULATOR_URL`, serving the shared scenario
//! (`MIP_RUN_BENCH=1 bindings/rust/run_tests.sh BUILD_DIR` starts it and
//! runs this), or by hand:
//!
//! ```text
//! MIP_LIB_DIR=$PWD/../../build MIP_EMULATOR_URL=http://127.0.0.1:PORT \
//!     cargo run --offline --release --example bench -- [EMULATOR_ITERATIONS] [LOCAL_ITERATIONS] [CONVERSIONS]
//! ```

#[path = "../tests/common/mod.rs"]
mod common;

use mip::{sys, Api, DetailInfo};
use std::ffi::CString;
use std::hint::black_box;
use std::ptr;
use std::time::{Duration, Instant};

/// A job of the shared scenario with two details.
const SMALL: &str = "448761313698322999";
/// About 8 MB of answer: some 60,000 details.
const BIG: &str = "fault-big-8200000";

/// Detail `i` through the per-field accessors: nine C calls, four strlen.
fn by_accessors(job: &mip::Job, i: usize) -> DetailInfo {
    fn text(p: *const std::os::raw::c_char) -> String {
        unsafe { std::ffi::CStr::from_ptr(p) }.to_str().unwrap_or("").to_owned()
    }
    unsafe {
        let d = sys::mip_job_detail(job.as_raw(), i);
        DetailInfo {
            file_name: text(sys::mip_detail_file_name(d)),
            state: mip::State::from_raw(sys::mip_detail_state(d)),
            state_text: text(sys::mip_detail_state_text(d)),
            progress: u32::try_from(sys::mip_detail_progress(d)).ok(),
            imported_rows: u64::try_from(sys::mip_detail_imported_rows(d)).ok(),
            total_rows: u64::try_from(sys::mip_detail_total_rows(d)).ok(),
            file_size: u64::try_from(sys::mip_detail_file_size(d)).ok(),
            complete_time: text(sys::mip_detail_complete_time(d)),
            reason: text(sys::mip_detail_reason(d)),
        }
    }
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn percentile(v: &[Duration], p: f64) -> Duration {
    v[((v.len() - 1) as f64 * p) as usize]
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// Interleaves raw and safe calls on `client` and prints the medians.
fn compare_calls(client: &mip::Client, iterations: usize, what: &str) {
    let id = CString::new(SMALL).unwrap();
    let raw_call = || unsafe {
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        let rc = sys::mip_get_import_progress(client.as_raw(), id.as_ptr(), ptr::null_mut(), &mut out, &mut err);
        assert_eq!(rc, sys::MIP_OK);
        black_box(sys::mip_job_state(out));
        sys::mip_job_free(out);
    };
    let safe_call = || {
        let job = client.get_import_progress(SMALL, None).unwrap();
        black_box(job.state());
    };
    for _ in 0..(iterations / 10).max(20) {
        raw_call();
        safe_call();
    }
    let mut raw = Vec::with_capacity(iterations);
    let mut safe = Vec::with_capacity(iterations);
    let mut diff_ns = Vec::with_capacity(iterations);
    for i in 0..iterations {
        let (r, s) = if i % 2 == 0 {
            let t = Instant::now();
            raw_call();
            let r = t.elapsed();
            let t = Instant::now();
            safe_call();
            (r, t.elapsed())
        } else {
            let t = Instant::now();
            safe_call();
            let s = t.elapsed();
            let t = Instant::now();
            raw_call();
            (t.elapsed(), s)
        };
        raw.push(r);
        safe.push(s);
        diff_ns.push(s.as_nanos() as i128 - r.as_nanos() as i128);
    }
    let (mr, ms) = (median(&mut raw), median(&mut safe));
    diff_ns.sort();
    println!("\nget_import_progress, {iterations} interleaved calls each, Milvus flavor, 2-detail job");
    println!("  server: {what}");
    println!(
        "  raw sys call   median {:9.1} us   (p10 {:.1}, p90 {:.1})",
        us(mr),
        us(percentile(&raw, 0.1)),
        us(percentile(&raw, 0.9))
    );
    println!(
        "  safe Client    median {:9.1} us   (p10 {:.1}, p90 {:.1})",
        us(ms),
        us(percentile(&safe, 0.1)),
        us(percentile(&safe, 0.9))
    );
    println!(
        "  overhead       difference of medians {:+.2} us; median paired difference {:+.2} us",
        us(ms) - us(mr),
        diff_ns[diff_ns.len() / 2] as f64 / 1000.0
    );
}

/// A minimal keep-alive HTTP/1.1 server answering every request with the
/// emulator's Milvus `describe` answer for the small job.
struct LocalServer {
    port: u16,
}

impl LocalServer {
    fn start() -> LocalServer {
        use std::io::{BufRead, BufReader, Read, Write};
        const BODY: &str = r#"{"code":0,"data":{"collectionName":"small","completeTime":"","createTime":"2026-11-23T18:43:29Z","details":[{"completeTime":"","fileName":"[1.parquet]","fileSize":3279917,"importedRows":53842,"progress":53,"state":"InProgress","totalRows":100000},{"completeTime":"","fileName":"[a.npy b.npy]","fileSize":5941501,"importedRows":0,"progress":0,"state":"InProgress","totalRows":180000}],"fileSize":9221418,"importedRows":53842,"jobId":"448761313698322999","progress":45,"state":"Importing","totalRows":280000}}"#;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                std::thread::spawn(move || {
                    let _ = stream.set_nodelay(true);
                    let mut writer = stream.try_clone().unwrap();
                    let mut reader = BufReader::new(stream);
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{BODY}",
                        BODY.len()
                    );
                    loop {
                        let mut length = 0usize;
                        let mut line = String::new();
                        loop {
                            line.clear();
                            match reader.read_line(&mut line) {
                                Ok(0) | Err(_) => return,
                                Ok(_) => {}
                            }
                            if line == "\r\n" {
                                break;
                            }
                            let lower = line.to_ascii_lowercase();
                            if let Some(v) = lower.strip_prefix("content-length:") {
                                length = v.trim().parse().unwrap_or(0);
                            }
                        }
                        let mut body = vec![0; length];
                        if reader.read_exact(&mut body).is_err() || writer.write_all(answer.as_bytes()).is_err() {
                            return;
                        }
                    }
                });
            }
        });
        LocalServer { port }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let emu_iterations: usize = args.next().map_or(400, |a| a.parse().expect("EMULATOR_ITERATIONS"));
    let local_iterations: usize = args.next().map_or(5000, |a| a.parse().expect("LOCAL_ITERATIONS"));
    let conversions: usize = args.next().map_or(15, |a| a.parse().expect("CONVERSIONS"));

    let emulator = common::Emulator::plain();
    let client = emulator.client_with(|o| {
        o.max_retries(0).unwrap();
    });
    println!("libmip {} / mip-emulator at {}", mip::version(), emulator.url());

    // ---- 1. per-call overhead -------------------------------------------
    compare_calls(&client, emu_iterations, "mip-emulator");
    let local = LocalServer::start();
    let local_client = {
        let mut o = mip::Options::new();
        o.endpoint(&format!("http://127.0.0.1:{}", local.port))
            .unwrap()
            .api(Api::Milvus)
            .unwrap()
            .max_retries(0)
            .unwrap();
        mip::Client::new(&o).unwrap()
    };
    compare_calls(&local_client, local_iterations, "in-process std::net server, TCP_NODELAY, same 2-detail answer");

    let id = CString::new(SMALL).unwrap();
    // The binding's own work, without the network: CString + Result + Drop
    // around a call that fails in C at once (pre-triggered cancel token).
    let cancelled = mip::CancelToken::new();
    cancelled.trigger();
    let n = 200_000;
    for _ in 0..n / 10 {
        black_box(client.get_import_progress(SMALL, Some(&cancelled)).is_err());
    }
    let t = Instant::now();
    for _ in 0..n {
        black_box(unsafe {
            let mut out = ptr::null_mut();
            let mut err = ptr::null_mut();
            let rc = sys::mip_get_import_progress(client.as_raw(), id.as_ptr(), cancelled.as_raw(), &mut out, &mut err);
            sys::mip_error_free(err);
            rc
        });
    }
    let raw_fast = t.elapsed() / n;
    let t = Instant::now();
    for _ in 0..n {
        black_box(client.get_import_progress(SMALL, Some(&cancelled)).is_err());
    }
    let safe_fast = t.elapsed() / n;
    println!(
        "  no-network path (cancelled token, error copied into Error): raw {} ns, safe {} ns",
        raw_fast.as_nanos(),
        safe_fast.as_nanos()
    );

    // ---- 2. converting a 60,000-detail job --------------------------------
    let big_client = emulator.client_with(|o| {
        o.timeout(Duration::from_secs(120)).unwrap();
    });
    let t = Instant::now();
    let job = big_client.get_import_progress(BIG, None).unwrap();
    let fetch = t.elapsed();
    let details = job.detail_count();
    assert!(details > 0);
    assert_eq!(job.details().len(), details);
    let last_name = job.detail(details - 1).unwrap().file_name();
    println!("\n{details}-detail job: fetched and parsed by libmip in {:.1} ms (once)", fetch.as_secs_f64() * 1e3);

    let mut vec_times = Sample::default();
    let mut info_times = Sample::default();
    let mut borrow_times = Sample::default();
    let mut accessor_times = Sample::default();
    let mut accessor_walk_times = Sample::default();
    for _ in 0..conversions {
        let v: Vec<DetailInfo> = accessor_times.time(|| (0..details).map(|i| by_accessors(&job, i)).collect());
        assert_eq!(v[details - 1].file_name, last_name);
        drop(black_box(v));

        let v: Vec<DetailInfo> = vec_times.time(|| job.details().map(DetailInfo::from).collect());
        assert_eq!(v.len(), details);
        assert_eq!(v[details - 1].file_name, last_name);
        drop(black_box(v));

        let info = info_times.time(|| job.to_info());
        assert_eq!(info.details.len(), details);
        drop(black_box(info));

        let rows = borrow_times.time(|| {
            job.details().filter_map(|d| d.total_rows()).sum::<u64>()
                + job.details().map(|d| d.file_name().len() as u64).sum::<u64>()
        });
        let raw_rows = accessor_walk_times.time(|| unsafe {
            let d = |i| sys::mip_job_detail(job.as_raw(), i);
            (0..details).filter_map(|i| u64::try_from(sys::mip_detail_total_rows(d(i))).ok()).sum::<u64>()
                + (0..details)
                    .map(|i| {
                        std::ffi::CStr::from_ptr(sys::mip_detail_file_name(d(i))).to_str().unwrap_or("").len() as u64
                    })
                    .sum::<u64>()
        });
        assert_eq!(black_box(rows), raw_rows);
    }
    println!("  {conversions} runs each; medians of wall-clock time and of this thread's CPU time");
    println!("  (the CPU time is what to compare on a loaded machine: preemption only stretches the wall clock)");
    vec_times.print("details -> Vec<DetailInfo> (owned Strings)", details);
    info_times.print("job.to_info() (whole JobInfo)", details);
    accessor_times.print("same Vec through the 9 per-field accessors", details);
    borrow_times.print("borrowed walk (2 passes, no allocation)", details);
    accessor_walk_times.print("same walk through per-field accessors", details);
}

/// This thread's CPU time (Linux: clock_gettime(CLOCK_THREAD_CPUTIME_ID),
/// declared here since the crate has no dependencies); None elsewhere.
fn thread_cpu_time() -> Option<Duration> {
    #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    {
        #[repr(C)]
        struct Timespec {
            sec: i64,
            nsec: i64,
        }
        extern "C" {
            fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
        }
        const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
        let mut ts = Timespec { sec: 0, nsec: 0 };
        // SAFETY: a valid clock id and a timespec to fill.
        if unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return Some(Duration::new(ts.sec as u64, ts.nsec as u32));
        }
    }
    None
}

/// Wall-clock and CPU times of repeated runs of one thing.
#[derive(Default)]
struct Sample {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
}

impl Sample {
    fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let (wall, cpu) = (Instant::now(), thread_cpu_time());
        let out = f();
        self.wall.push(wall.elapsed());
        if let (Some(before), Some(after)) = (cpu, thread_cpu_time()) {
            self.cpu.push(after.saturating_sub(before));
        }
        out
    }

    fn print(&mut self, what: &str, details: usize) {
        let wall = median(&mut self.wall);
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        if self.cpu.is_empty() {
            println!("  {what:<44} wall {:7.2} ms", ms(wall));
        } else {
            let cpu = median(&mut self.cpu);
            println!(
                "  {what:<44} wall {:7.2} ms   CPU {:7.2} ms ({:.0} ns/detail)",
                ms(wall),
                ms(cpu),
                cpu.as_nanos() as f64 / details as f64
            );
        }
    }
}
