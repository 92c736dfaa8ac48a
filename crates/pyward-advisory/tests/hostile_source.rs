//! `db update` sources are hostile input: zip bombs, path-traversal names, symlinks to devices,
//! oversized or deeply nested records and duplicate ids are refused or bounded, never followed
//! into unbounded work.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use pyward_advisory::{AdvisoryError, Limits, Source, build, build_with, write_db};
use zip::write::SimpleFileOptions;

fn record(id: &str, modified: &str, extra: &str) -> String {
    format!(
        r#"{{"id":"{id}","modified":"{modified}","affected":[{{"package":{{"ecosystem":"PyPI","name":"demo"}},"ranges":[{{"type":"ECOSYSTEM","events":[{{"introduced":"0"}},{{"fixed":"1.0"}}]}}]{extra}}}]}}"#
    )
}

/// Writes a zip with `entries` (name, bytes), deflated unless `stored`.
fn write_zip(path: &Path, entries: &[(&str, Vec<u8>)], stored: bool, large: bool) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let method = if stored {
        zip::CompressionMethod::Stored
    } else {
        zip::CompressionMethod::Deflated
    };
    let options = SimpleFileOptions::default()
        .compression_method(method)
        .large_file(large);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

/// Patches the uncompressed size every central-directory header declares: in the zip64 extra
/// field when there is one, else in the 32-bit field.
fn patch_declared_size(path: &Path, size: u64) {
    let mut bytes = std::fs::read(path).unwrap();
    let mut i = 0;
    let mut patched = 0;
    while i + 46 <= bytes.len() {
        if bytes[i..i + 4] != [0x50, 0x4b, 0x01, 0x02] {
            i += 1;
            continue;
        }
        let u16_at = |b: &[u8], o: usize| u16::from_le_bytes([b[o], b[o + 1]]) as usize;
        let name_len = u16_at(&bytes, i + 28);
        let extra_len = u16_at(&bytes, i + 30);
        let extra_start = i + 46 + name_len;
        let mut zip64 = None;
        let mut j = extra_start;
        while j + 4 <= extra_start + extra_len {
            let id = u16_at(&bytes, j);
            let len = u16_at(&bytes, j + 2);
            if id == 1 {
                zip64 = Some(j + 4);
            }
            j += 4 + len;
        }
        match zip64 {
            // The first zip64 field is the uncompressed size (present when the 32-bit one is
            // 0xFFFFFFFF).
            Some(at) if bytes[i + 24..i + 28] == [0xff; 4] => {
                bytes[at..at + 8].copy_from_slice(&size.to_le_bytes())
            }
            _ => {
                bytes[i + 24..i + 28].copy_from_slice(&(size.min(0xFFFF_FFFE) as u32).to_le_bytes())
            }
        }
        patched += 1;
        i += 46;
    }
    assert!(patched > 0, "no central directory header found");
    std::fs::write(path, bytes).unwrap();
}

fn zip_err(path: &Path, limits: &Limits) -> String {
    let err = build_with(&Source::Zip(path.to_path_buf()), limits).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains(&path.display().to_string()),
        "error does not name the archive: {text}"
    );
    text
}

#[test]
fn entry_declaring_2_pow_60_bytes_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("all.zip");
    write_zip(
        &zip,
        &[(
            "A-1.json",
            record("A-1", "2024-01-01T00:00:00Z", "").into_bytes(),
        )],
        true,
        true,
    );
    patch_declared_size(&zip, 1 << 60);
    let text = zip_err(&zip, &Limits::default());
    assert!(text.contains("1152921504606846976"), "{text}");
    assert!(text.contains("zip bomb"), "{text}");
}

#[test]
fn entry_over_the_size_limit_is_refused_whatever_it_declares() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("all.zip");
    // 3 MiB of noise-free but not trivially compressible JSON padding, stored.
    let pad = "x".repeat(3 * 1024 * 1024);
    let body = record(
        "A-1",
        "2024-01-01T00:00:00Z",
        &format!(r#","database_specific":{{"p":"{pad}"}}"#),
    );
    write_zip(&zip, &[("A-1.json", body.into_bytes())], true, false);
    let limits = Limits {
        max_entry_bytes: 1024 * 1024,
        ..Limits::default()
    };
    // Declared honestly: refused before reading.
    assert!(zip_err(&zip, &limits).contains("over the 1048576-byte limit"));
    // Declared as 100 bytes: the read stops at the declared size, and the lie refuses the
    // archive.
    patch_declared_size(&zip, 100);
    let text = zip_err(&zip, &limits);
    assert!(text.contains("larger than its declared"), "{text}");
}

#[test]
fn high_ratio_entries_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("all.zip");
    // 3 MiB of spaces inside valid JSON deflates about 1000:1.
    let body = format!(
        "{}{}",
        " ".repeat(3 * 1024 * 1024),
        record("A-1", "2024-01-01T00:00:00Z", "")
    );
    write_zip(&zip, &[("A-1.json", body.into_bytes())], false, false);
    let text = zip_err(&zip, &Limits::default());
    assert!(text.contains("ratio over 100"), "{text}");
    // Lying about the size does not help.
    patch_declared_size(&zip, 10);
    let text = zip_err(&zip, &Limits::default());
    assert!(text.contains("larger than its declared"), "{text}");
}

#[test]
fn many_small_compressible_entries_are_bounded_in_total() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("all.zip");
    // Each entry inflates to 900 KB (under the per-entry ratio floor) from about 1 KB; 40 of
    // them are 36 MB from a 40 KB archive.
    let entries: Vec<(String, Vec<u8>)> = (0..40)
        .map(|i| {
            let id = format!("A-{i}");
            let body = format!(
                "{}{}",
                " ".repeat(900_000),
                record(&id, "2024-01-01T00:00:00Z", "")
            );
            (format!("{id}.json"), body.into_bytes())
        })
        .collect();
    let refs: Vec<(&str, Vec<u8>)> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.clone()))
        .collect();
    write_zip(&zip, &refs, false, false);
    let text = zip_err(&zip, &Limits::default());
    assert!(text.contains("in total"), "{text}");
}

#[test]
fn too_many_entries_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("all.zip");
    let entries: Vec<(String, Vec<u8>)> = (0..6)
        .map(|i| {
            (
                format!("A-{i}.json"),
                record(&format!("A-{i}"), "2024-01-01T00:00:00Z", "").into_bytes(),
            )
        })
        .collect();
    let refs: Vec<(&str, Vec<u8>)> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.clone()))
        .collect();
    write_zip(&zip, &refs, false, false);
    let limits = Limits {
        max_entries: 5,
        ..Limits::default()
    };
    assert!(zip_err(&zip, &limits).contains("6 entries, over the limit of 5"));
    // Within the default limits the same archive builds.
    let out = build(&Source::Zip(zip)).unwrap();
    assert_eq!(out.records.len(), 6);
}

#[test]
fn path_traversal_entry_names_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    for name in [
        "../../evil.json",
        "/etc/evil.json",
        "a/../../evil.json",
        "..\\evil.json",
    ] {
        let zip = tmp.path().join("all.zip");
        write_zip(
            &zip,
            &[
                (
                    "ok.json",
                    record("OK-1", "2024-01-01T00:00:00Z", "").into_bytes(),
                ),
                (
                    name,
                    record("EVIL-1", "2024-01-01T00:00:00Z", "").into_bytes(),
                ),
            ],
            false,
            false,
        );
        let text = zip_err(&zip, &Limits::default());
        assert!(text.contains("path traversal"), "{name}: {text}");
        assert!(text.contains(&format!("{name:?}")), "{name}: {text}");
    }
}

#[cfg(unix)]
#[test]
fn zip_source_that_is_a_device_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("all.zip");
    std::os::unix::fs::symlink("/dev/zero", &zip).unwrap();
    let err = build(&Source::Zip(zip.clone())).unwrap_err();
    assert!(matches!(err, AdvisoryError::Zip { .. }), "{err:?}");
    assert!(err.to_string().contains("not a regular file"), "{err}");
}

#[cfg(unix)]
#[test]
fn dir_source_never_reads_devices_fifos_or_files_outside() {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("vulns");
    std::fs::create_dir_all(tree.join("demo")).unwrap();
    std::fs::write(
        tree.join("demo/A-1.json"),
        record("A-1", "2024-01-01T00:00:00Z", ""),
    )
    .unwrap();
    let outside = tmp.path().join("secret.json");
    std::fs::write(&outside, record("SECRET-1", "2024-01-01T00:00:00Z", "")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", tree.join("demo/zero.json")).unwrap();
    std::os::unix::fs::symlink(&outside, tree.join("demo/out.json")).unwrap();
    std::os::unix::fs::symlink(tmp.path(), tree.join("updir")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(tree.join("demo/fifo.json"))
        .status()
        .unwrap();
    assert!(status.success());
    let out = build(&Source::Dir(tree.clone())).unwrap();
    let ids: Vec<&str> = out.records.iter().map(|r| r.osv.id.as_str()).collect();
    assert_eq!(ids, ["A-1"]);
    let mut warned: Vec<(String, String)> = out
        .warnings
        .iter()
        .map(|w| {
            (
                Path::new(&w.path)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                w.message.clone(),
            )
        })
        .collect();
    warned.sort();
    assert_eq!(warned.len(), 3, "{warned:?}");
    assert_eq!(warned[0].0, "fifo.json");
    assert!(warned[0].1.contains("named pipe"), "{warned:?}");
    assert_eq!(warned[1].0, "out.json");
    assert!(warned[1].1.contains("outside"), "{warned:?}");
    assert_eq!(warned[2].0, "zero.json");
    assert!(warned[2].1.contains("outside"), "{warned:?}");
}

#[test]
fn oversized_dir_files_are_skipped_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("vulns");
    std::fs::create_dir_all(&tree).unwrap();
    std::fs::write(
        tree.join("A-1.json"),
        record("A-1", "2024-01-01T00:00:00Z", ""),
    )
    .unwrap();
    std::fs::write(
        tree.join("B-1.json"),
        format!(
            "{}{}",
            " ".repeat(5000),
            record("B-1", "2024-01-01T00:00:00Z", "")
        ),
    )
    .unwrap();
    let limits = Limits {
        max_entry_bytes: 4096,
        ..Limits::default()
    };
    let out = build_with(&Source::Dir(tree), &limits).unwrap();
    assert_eq!(out.records.len(), 1);
    assert_eq!(out.warnings.len(), 1);
    assert!(out.warnings[0].path.ends_with("B-1.json"));
    assert!(
        out.warnings[0].message.contains("4096-byte limit"),
        "{:?}",
        out.warnings
    );
}

fn tree_with(files: &[(&str, String)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("vulns");
    std::fs::create_dir_all(&tree).unwrap();
    for (name, text) in files {
        std::fs::write(tree.join(name), text).unwrap();
    }
    (tmp, tree)
}

#[test]
fn huge_records_are_skipped_with_a_warning() {
    let versions: Vec<String> = (0..60_000).map(|i| format!("\"1.{i}\"")).collect();
    let events: Vec<String> = (0..20_000)
        .map(|i| format!(r#"{{"introduced":"{i}.0"}}"#))
        .collect();
    let (_tmp, tree) = tree_with(&[
        ("OK-1.json", record("OK-1", "2024-01-01T00:00:00Z", "")),
        (
            "VERS-1.json",
            record(
                "VERS-1",
                "2024-01-01T00:00:00Z",
                &format!(r#","versions":[{}]"#, versions.join(",")),
            ),
        ),
        (
            "EVENTS-1.json",
            format!(
                r#"{{"id":"EVENTS-1","modified":"2024-01-01T00:00:00Z","affected":[{{"package":{{"ecosystem":"PyPI","name":"demo"}},"ranges":[{{"type":"ECOSYSTEM","events":[{}]}}]}}]}}"#,
                events.join(",")
            ),
        ),
        (
            "AFF-1.json",
            format!(
                r#"{{"id":"AFF-1","modified":"2024-01-01T00:00:00Z","affected":[{}]}}"#,
                vec![r#"{"package":{"ecosystem":"PyPI","name":"x"}}"#; 2000].join(",")
            ),
        ),
    ]);
    let out = build(&Source::Dir(tree)).unwrap();
    let ids: Vec<&str> = out.records.iter().map(|r| r.osv.id.as_str()).collect();
    assert_eq!(ids, ["OK-1"]);
    let mut messages: Vec<&str> = out.warnings.iter().map(|w| w.message.as_str()).collect();
    messages.sort();
    assert_eq!(
        messages,
        [
            "AFF-1: 2000 affected entries, over the limit of 1000; record skipped",
            "EVENTS-1: 20000 range events, over the limit of 10000; record skipped",
            "VERS-1: 60000 versions, over the limit of 50000; record skipped",
        ]
    );
}

#[test]
fn deep_nesting_and_yaml_bombs_become_warnings() {
    let deep_json = format!(
        r#"{{"id":"DEEP-1","modified":"2024-01-01T00:00:00Z","database_specific":{}{}}}"#,
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    let deep_yaml = format!(
        "id: DEEP-2\nmodified: 2024-01-01T00:00:00Z\ndatabase_specific: {}{}\n",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    let mut laughs = String::from(
        "id: LOL-1\nmodified: 2024-01-01T00:00:00Z\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..12 {
        let p = i - 1;
        laughs.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    laughs.push_str("database_specific: *a11\n");
    let (_tmp, tree) = tree_with(&[
        ("OK-1.json", record("OK-1", "2024-01-01T00:00:00Z", "")),
        ("DEEP-1.json", deep_json),
        ("DEEP-2.yaml", deep_yaml),
        ("LOL-1.yaml", laughs),
    ]);
    let out = build(&Source::Dir(tree)).unwrap();
    let ids: Vec<&str> = out.records.iter().map(|r| r.osv.id.as_str()).collect();
    assert_eq!(ids, ["OK-1"]);
    let paths: Vec<&str> = out
        .warnings
        .iter()
        .map(|w| Path::new(&w.path).file_name().unwrap().to_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["DEEP-1.json", "DEEP-2.yaml", "LOL-1.yaml"],
        "{:?}",
        out.warnings
    );
}

#[test]
fn duplicate_ids_resolve_the_same_whatever_the_order() {
    let older = record("DUP-1", "2024-01-01T00:00:00Z", r#","versions":["0.1"]"#);
    let newer = record("DUP-1", "2024-01-01T00:00:00.5Z", r#","versions":["0.2"]"#);
    let tie_a = record("TIE-1", "2024-01-01T00:00:00Z", r#","versions":["0.3"]"#);
    let tie_b = record("TIE-1", "2024-01-01T00:00:00Z", r#","versions":["0.4"]"#);
    let tmp = tempfile::tempdir().unwrap();
    let mut kept = Vec::new();
    for (n, order) in [[0, 1, 2, 3], [3, 2, 1, 0]].into_iter().enumerate() {
        let all = [
            ("a.json", &older),
            ("b.json", &newer),
            ("c.json", &tie_a),
            ("d.json", &tie_b),
        ];
        let entries: Vec<(&str, Vec<u8>)> = order
            .iter()
            .map(|&i| (all[i].0, all[i].1.clone().into_bytes()))
            .collect();
        let zip = tmp.path().join(format!("all-{n}.zip"));
        write_zip(&zip, &entries, false, false);
        let out = build(&Source::Zip(zip)).unwrap();
        let versions: Vec<(String, Vec<String>)> = out
            .records
            .iter()
            .map(|r| (r.osv.id.clone(), r.osv.affected[0].versions.clone()))
            .collect();
        assert_eq!(out.warnings.len(), 2, "{:?}", out.warnings);
        assert!(
            out.warnings
                .iter()
                .all(|w| w.message.starts_with("duplicate advisory")),
            "{:?}",
            out.warnings
        );
        kept.push(versions);
    }
    // Newest `modified` wins (fractional seconds compared as time, not text); a tie keeps the
    // entry whose name sorts last.
    assert_eq!(
        kept[0],
        [
            ("DUP-1".to_string(), vec!["0.2".to_string()]),
            ("TIE-1".to_string(), vec!["0.4".to_string()])
        ]
    );
    assert_eq!(kept[0], kept[1]);
}

#[cfg(unix)]
#[test]
fn db_write_never_follows_planted_symlinks() {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("vulns");
    common::write_fixture_tree(&tree);
    let out = build(&Source::Dir(tree)).unwrap();
    let dir = tmp.path().join("cache");
    std::fs::create_dir_all(&dir).unwrap();
    let victim = tmp.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    // The names an attacker could predict: the old `.NAME.PID.tmp` scheme, and the target.
    let target = dir.join("advisory.db");
    std::os::unix::fs::symlink(
        &victim,
        dir.join(format!(".advisory.db.{}.tmp", std::process::id())),
    )
    .unwrap();
    std::os::unix::fs::symlink(&victim, &target).unwrap();
    write_db(&out, &target, "test").unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let meta = std::fs::symlink_metadata(&target).unwrap();
    assert!(meta.file_type().is_file(), "the link itself is replaced");
    assert!(pyward_advisory::Database::open(&target).is_ok());
    // Only the planted link and the database remain: no temp file left behind.
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            format!(".advisory.db.{}.tmp", std::process::id()),
            "advisory.db".to_string()
        ]
    );
}
