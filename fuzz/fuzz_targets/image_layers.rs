#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pyward_fuzz::image_layers(data));
