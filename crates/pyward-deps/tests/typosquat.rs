//! The typosquat rule against the real popularity data: it must never fire on the 5,000 most
//! downloaded names, and its false-positive rate on less popular real names is measured.

mod common;

use pyward_deps::typosquat;

fn ranked_names(shared: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(shared.join("pypi/top-packages.tsv")).expect("read TSV");
    text.lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(1))
        .map(pyward_deps::normalize)
        .collect()
}

#[test]
fn never_fires_on_the_top_5000() {
    let Some(shared) = common::shared() else {
        return;
    };
    let names = ranked_names(&shared);
    assert!(names.len() >= 5000, "only {} names", names.len());
    let hits: Vec<(String, &str)> = names[..5000]
        .iter()
        .filter_map(|n| typosquat::check(n, &[]).map(|s| (n.clone(), s.target)))
        .collect();
    assert!(hits.is_empty(), "fired on popular names: {hits:?}");
}

#[test]
fn shipped_list_matches_the_source_ranking() {
    let Some(shared) = common::shared() else {
        return;
    };
    let names = ranked_names(&shared);
    let shipped = typosquat::popular_names();
    assert_eq!(shipped.len(), 10_000);
    assert_eq!(
        &shipped[..100],
        &names[..100].iter().map(String::as_str).collect::<Vec<_>>()[..]
    );
    assert!(typosquat::POPULAR_LIST.contains("# Source: top-packages.tsv"));
}

/// Names ranked below the shipped list are real, legitimate projects: every hit there is a false
/// positive. The rate is printed for the record and bounded so regressions show.
#[test]
fn false_positive_rate_beyond_the_shipped_list() {
    let Some(shared) = common::shared() else {
        return;
    };
    let names = ranked_names(&shared);
    let tail = &names[10_000.min(names.len())..];
    let hits: Vec<(String, &str)> = tail
        .iter()
        .filter_map(|n| typosquat::check(n, &[]).map(|s| (n.clone(), s.target)))
        .collect();
    let rate = hits.len() as f64 / tail.len().max(1) as f64;
    eprintln!(
        "typosquat false positives on ranks 10001-{}: {} of {} ({:.1}%); e.g. {:?}",
        names.len(),
        hits.len(),
        tail.len(),
        rate * 100.0,
        &hits[..hits.len().min(15)]
    );
    assert!(rate < 0.05, "false-positive rate {rate}");
}

#[test]
fn known_squat_shapes_are_caught() {
    for (squat, target) in [
        ("reqeusts", "requests"),
        ("python-dateutils", "python-dateutil"),
        ("djang0", "django"),
        ("urlib3", "urllib3"),
        ("beautifulsoup-4", "beautifulsoup4"),
        ("nunpy", "numpy"),
        ("rnatplotlib", "matplotlib"),
    ] {
        let hit = typosquat::check(squat, &[]);
        assert_eq!(hit.map(|h| h.target), Some(target), "{squat}");
    }
}
