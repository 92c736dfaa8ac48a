#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pyward_fuzz::manifest(
        pyward_manifest::ManifestKind::Pep723Script,
        "script.py",
        data,
    )
});
