//! The `sys` enumerators match `include/mip.h`, in both directions.

use mip::sys;
use std::collections::BTreeMap;

/// `typedef enum NAME { ... } NAME;` blocks of the header: enum name ->
/// (enumerator -> value).
fn header_enums() -> BTreeMap<String, BTreeMap<String, i64>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../include/mip.h");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
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

#[test]
fn header_version_matches_sys() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../include/mip.h");
    let text = std::fs::read_to_string(path).unwrap();
    for (macro_name, value) in [
        ("MIP_VERSION_MAJOR", sys::MIP_VERSION_MAJOR),
        ("MIP_VERSION_MINOR", sys::MIP_VERSION_MINOR),
        ("MIP_VERSION_PATCH", sys::MIP_VERSION_PATCH),
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("#define {macro_name} ")))
            .unwrap_or_else(|| panic!("{macro_name} not in the header"));
        let v: i32 = line.split_whitespace().nth(2).unwrap().parse().unwrap();
        assert_eq!(v, value, "{macro_name}");
    }
}
