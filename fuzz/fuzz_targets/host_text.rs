#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pyward_fuzz::host_text(data));
