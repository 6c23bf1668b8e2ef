// SPDX-License-Identifier: Apache-2.0
//! `mip::sys` matches `include/mip.h`: the enumerators, the version and
//! default macros (Rust cannot read C macros, so sys.rs writes them once and
//! this checks them), the functions, in both directions, and the layout of
//! `mip_wait_options` as the library sees it.

use mip::sys;
use std::collections::{BTreeMap, BTreeSet};

fn header() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../include/mip.h");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `typedef enum NAME { ... } NAME;` blocks of the header: enum name ->
/// (enumerator -> value).
fn header_enums() -> BTreeMap<String, BTreeMap<String, i64>> {
    let text = header();
    let mut enums = BTreeMap::new();
    let mut current: Option<(String, BTreeMap<String, i64>)> = None;
    for line in text.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("typedef enum ") {
            let name = rest.trim_end_matches('{').trim().to_string();
            current = Some((name, BTreeMap::new()));
            continue;
        }
        if line.starts_with('}') {
            if let Some((name, values)) = current.take() {
                enums.insert(name, values);
            }
            continue;
        }
        // `MIP_X = N,` possibly followed by a comment; the bare
        // `MIP_X = N` form too.
        if let (Some((_, values)), Some((lhs, rhs))) = (current.as_mut(), line.split_once('=')) {
            let name = lhs.trim();
            if !name.starts_with("MIP_") {
                continue;
            }
            let digits: String = rhs.trim().chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
            let value = digits.parse().unwrap_or_else(|_| panic!("cannot read the value of {name}: {rhs:?}"));
            assert!(values.insert(name.to_string(), value).is_none(), "{name} twice");
        }
    }
    assert!(current.is_none(), "unterminated enum");
    enums
}

fn rust_enums() -> BTreeMap<String, BTreeMap<String, i64>> {
    let mut m = BTreeMap::new();
    for (name, table) in [
        ("mip_code", sys::MIP_CODE_ENUMERATORS),
        ("mip_state", sys::MIP_STATE_ENUMERATORS),
        ("mip_api", sys::MIP_API_ENUMERATORS),
    ] {
        m.insert(name.to_string(), table.iter().map(|&(n, v)| (n.to_string(), i64::from(v))).collect());
    }
    m
}

#[test]
fn every_header_enumerator_is_in_sys_with_its_value() {
    let header = header_enums();
    let rust = rust_enums();
    assert!(header.len() >= 3, "parsed {header:?}");
    for (enum_name, values) in &header {
        let rs = rust.get(enum_name).unwrap_or_else(|| panic!("enum {enum_name} missing from sys"));
        for (name, value) in values {
            assert_eq!(rs.get(name), Some(value), "{enum_name}::{name} = {value} in the header");
        }
    }
}

#[test]
fn every_sys_enumerator_is_in_the_header_with_its_value() {
    let header = header_enums();
    for (enum_name, values) in rust_enums() {
        let h = header.get(&enum_name).unwrap_or_else(|| panic!("enum {enum_name} not in the header"));
        for (name, value) in values {
            assert_eq!(h.get(&name), Some(&value), "sys {enum_name}::{name} = {value}");
        }
    }
}

#[test]
fn the_tables_name_the_constants() {
    // The tables come from the same macro as the constants; spot-check it.
    assert_eq!(sys::MIP_ERR_SERVER, 13);
    assert_eq!(sys::MIP_STATE_COMMITTING, 6);
    assert_eq!(sys::MIP_API_CLOUD_V1, 3);
    assert!(sys::MIP_CODE_ENUMERATORS.contains(&("MIP_ERR_RESPONSE_TOO_LARGE", sys::MIP_ERR_RESPONSE_TOO_LARGE)));
}

/// The `#define MIP_VERSION_* / MIP_DEFAULT_*` macros of the header with
/// their values: integer expressions of literals, earlier macros, `+`, `*`,
/// parentheses and casts such as `(int64_t)`.
fn header_macros() -> BTreeMap<String, i64> {
    let mut macros = BTreeMap::new();
    for line in header().lines() {
        let Some(rest) = line.strip_prefix("#define ") else { continue };
        let (name, body) = rest.split_once(' ').unwrap_or((rest, ""));
        // MIP_VERSION_STRING is text, made from the numbers read here.
        if !(name.starts_with("MIP_VERSION_") || name.starts_with("MIP_DEFAULT_")) || name == "MIP_VERSION_STRING" {
            continue;
        }
        let body = body.split("/*").next().unwrap();
        let value =
            Expression::new(body, &macros).evaluate().unwrap_or_else(|| panic!("cannot evaluate {name}: {body}"));
        macros.insert(name.to_string(), value);
    }
    macros
}

/// Just enough of a C constant expression for the header's macros.
struct Expression<'a> {
    tokens: Vec<String>,
    at: usize,
    macros: &'a BTreeMap<String, i64>,
}

impl<'a> Expression<'a> {
    fn new(text: &str, macros: &'a BTreeMap<String, i64>) -> Self {
        let mut tokens = Vec::new();
        let mut word = String::new();
        for c in text.chars() {
            if c.is_ascii_alphanumeric() || c == '_' {
                word.push(c);
                continue;
            }
            if !word.is_empty() {
                tokens.push(std::mem::take(&mut word));
            }
            if !c.is_whitespace() {
                tokens.push(c.to_string());
            }
        }
        if !word.is_empty() {
            tokens.push(word);
        }
        Expression { tokens, at: 0, macros }
    }

    fn evaluate(mut self) -> Option<i64> {
        let value = self.sum()?;
        (self.at == self.tokens.len()).then_some(value)
    }

    fn peek(&self, offset: usize) -> Option<&str> {
        self.tokens.get(self.at + offset).map(String::as_str)
    }

    fn sum(&mut self) -> Option<i64> {
        let mut value = self.product()?;
        while self.peek(0) == Some("+") {
            self.at += 1;
            value += self.product()?;
        }
        Some(value)
    }

    fn product(&mut self) -> Option<i64> {
        let mut value = self.factor()?;
        while self.peek(0) == Some("*") {
            self.at += 1;
            value *= self.factor()?;
        }
        Some(value)
    }

    fn factor(&mut self) -> Option<i64> {
        let token = self.peek(0)?.to_string();
        self.at += 1;
        if token == "(" {
            let is_cast = self.peek(1) == Some(")") && self.peek(0).is_some_and(|t| t.ends_with("_t") || t == "int");
            if is_cast {
                self.at += 2;
                return self.factor();
            }
            let value = self.sum()?;
            if self.peek(0) != Some(")") {
                return None;
            }
            self.at += 1;
            return Some(value);
        }
        token.parse().ok().or_else(|| self.macros.get(&token).copied())
    }
}

/// The macros sys.rs declares, with the values it gives them.
fn sys_macros() -> BTreeMap<String, i64> {
    [
        ("MIP_VERSION_MAJOR", i64::from(sys::MIP_VERSION_MAJOR)),
        ("MIP_VERSION_MINOR", i64::from(sys::MIP_VERSION_MINOR)),
        ("MIP_VERSION_PATCH", i64::from(sys::MIP_VERSION_PATCH)),
        ("MIP_VERSION_NUMBER", i64::from(sys::MIP_VERSION_NUMBER)),
        ("MIP_DEFAULT_TIMEOUT_MS", sys::MIP_DEFAULT_TIMEOUT_MS),
        ("MIP_DEFAULT_CONNECT_TIMEOUT_MS", sys::MIP_DEFAULT_CONNECT_TIMEOUT_MS),
        ("MIP_DEFAULT_MAX_RETRIES", i64::from(sys::MIP_DEFAULT_MAX_RETRIES)),
        ("MIP_DEFAULT_MAX_RESPONSE_BYTES", sys::MIP_DEFAULT_MAX_RESPONSE_BYTES),
        ("MIP_DEFAULT_MAX_CONNECTIONS", i64::from(sys::MIP_DEFAULT_MAX_CONNECTIONS)),
        ("MIP_DEFAULT_POLL_INTERVAL_MS", sys::MIP_DEFAULT_POLL_INTERVAL_MS),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_string(), value))
    .collect()
}

#[test]
fn the_version_and_default_macros_have_the_header_values() {
    let header = header_macros();
    assert!(header.contains_key("MIP_DEFAULT_MAX_RESPONSE_BYTES"), "parsed {header:?}");
    assert_eq!(header, sys_macros(), "the header's macros (left) and sys.rs's constants (right)");
}

#[test]
fn the_expression_reader_reads_what_the_header_writes() {
    let macros = BTreeMap::from([("A".to_string(), 2)]);
    let read = |text: &str| Expression::new(text, &macros).evaluate();
    assert_eq!(read("((int64_t)64 * 1024 * 1024)"), Some(64 << 20));
    assert_eq!(read("(A * 10000 + 1 * 100 + 3)"), Some(20103));
    assert_eq!(read("30000"), Some(30000));
    assert_eq!(read("B + 1"), None, "an unknown name");
    assert_eq!(read("(1 + 2"), None, "unbalanced");
}

/// The functions the header declares (`MIP_API type name(`).
fn header_functions() -> BTreeSet<String> {
    header()
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("MIP_API "))
        .filter_map(|declaration| declaration.split('(').next()?.split_whitespace().last())
        .map(|name| name.trim_start_matches('*').to_string())
        .collect()
}

/// The functions sys.rs declares (`pub fn name(`).
fn sys_functions() -> BTreeSet<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/sys.rs");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter_map(|line| line.trim_start().strip_prefix("pub fn "))
        .filter_map(|declaration| declaration.split('(').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn sys_declares_every_function_of_the_header_and_no_other() {
    let (header, rust) = (header_functions(), sys_functions());
    assert!(header.contains("mip_error_is_transient") && header.len() > 50, "parsed {header:?}");
    let missing: Vec<_> = header.difference(&rust).collect();
    let extra: Vec<_> = rust.difference(&header).collect();
    assert!(missing.is_empty() && extra.is_empty(), "not in sys.rs: {missing:?}; not in the header: {extra:?}");
}

#[test]
fn mip_wait_options_has_the_libraries_layout() {
    // mip_wait_options_init writes the size it is given and the defaults;
    // the C library reads fields at the offsets Rust lays out.
    let mut o = sys::mip_wait_options {
        size: 0,
        poll_interval_ms: -7,
        timeout_ms: -7,
        on_progress: None,
        on_error: None,
        user: std::ptr::null_mut(),
    };
    let size = std::mem::size_of::<sys::mip_wait_options>();
    // SAFETY: a live, writable struct of `size` bytes.
    let code = unsafe { sys::mip_wait_options_init(&mut o, size) };
    assert_eq!(code, sys::MIP_OK);
    assert_eq!(o.size, std::mem::size_of::<sys::mip_wait_options>());
    assert_eq!(o.poll_interval_ms, sys::MIP_DEFAULT_POLL_INTERVAL_MS);
    assert!(o.timeout_ms <= 0, "no deadline by default");
    assert!(o.on_progress.is_none() && o.on_error.is_none() && o.user.is_null());
}
