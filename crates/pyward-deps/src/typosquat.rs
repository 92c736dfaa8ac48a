//! Typosquat detection against a shipped list of popular PyPI projects.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The list shipped with pyward: PEP 503 names by download rank (see the file's header for
/// its source and date).
pub const POPULAR_LIST: &str = include_str!("../data/popular-packages.txt");

/// How many of the most popular names are treated as squatting targets.
pub const TARGETS: usize = 2000;

struct Popular {
    ranked: Vec<&'static str>,
    set: HashSet<&'static str>,
}

fn popular() -> &'static Popular {
    static P: OnceLock<Popular> = OnceLock::new();
    P.get_or_init(|| {
        let ranked: Vec<&'static str> = POPULAR_LIST
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let set = ranked.iter().copied().collect();
        Popular { ranked, set }
    })
}

/// The squatting targets, indexed so that one lookup costs the same whatever the list's size.
struct Targets {
    /// skeleton → target ranks, most popular first.
    by_skeleton: HashMap<String, Vec<usize>>,
    /// Deletion neighbourhood: every string obtained by deleting up to `budget(len)` characters
    /// of a target → target ranks. Two strings within OSA distance `k` share a string obtained
    /// by deleting at most `k` characters of each (a substitution or a swap costs one deletion
    /// on each side, an insertion one on the longer side), so the candidates for a name are
    /// found by looking up its own deletions, and only those are measured.
    by_deletion: HashMap<String, Vec<usize>>,
    names: Vec<&'static str>,
    /// The longest target, in characters: a name longer by more than its edit budget cannot
    /// be within reach of any target.
    max_len: usize,
}

/// Built on the first name that is not itself popular: most lockfiles hold only popular names
/// and never pay for it.
fn targets() -> &'static Targets {
    static S: OnceLock<Targets> = OnceLock::new();
    S.get_or_init(|| {
        let names: Vec<&'static str> = popular().ranked.iter().take(TARGETS).copied().collect();
        let mut by_skeleton: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_deletion: HashMap<String, Vec<usize>> = HashMap::new();
        for (rank, name) in names.iter().enumerate() {
            by_skeleton.entry(skeleton(name)).or_default().push(rank);
            let chars: Vec<char> = name.chars().collect();
            for variant in deletions(&chars, budget(chars.len())) {
                let list = by_deletion.entry(variant).or_default();
                if list.last() != Some(&rank) {
                    list.push(rank);
                }
            }
        }
        let max_len = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        Targets {
            by_skeleton,
            by_deletion,
            names,
            max_len,
        }
    })
}

/// Calls `f` with every string obtained by deleting at most `k <= 2` characters of `chars`
/// (repeats included), reusing one buffer: no allocation per variant.
fn for_each_deletion(chars: &[char], k: usize, mut f: impl FnMut(&str)) {
    let mut buf = String::with_capacity(chars.len() * 4);
    let n = chars.len();
    let mut emit = |skip_a: usize, skip_b: usize, buf: &mut String| {
        buf.clear();
        buf.extend(
            chars
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip_a && *i != skip_b)
                .map(|(_, c)| *c),
        );
        f(buf);
    };
    emit(usize::MAX, usize::MAX, &mut buf);
    if k >= 1 {
        for i in 0..n {
            emit(i, usize::MAX, &mut buf);
        }
    }
    if k >= 2 {
        for i in 0..n {
            for j in i + 1..n {
                emit(i, j, &mut buf);
            }
        }
    }
}

/// Every distinct string obtained by deleting at most `k` characters of `chars` (itself
/// included). For `k <= 2` this is at most 1 + n + n(n-1)/2 strings.
fn deletions(chars: &[char], k: usize) -> HashSet<String> {
    let mut out: HashSet<String> = HashSet::new();
    out.insert(chars.iter().collect());
    let mut frontier: Vec<Vec<char>> = vec![chars.to_vec()];
    for _ in 0..k {
        let mut next = Vec::new();
        for s in &frontier {
            for i in 0..s.len() {
                let mut v = s.clone();
                v.remove(i);
                if out.insert(v.iter().collect()) {
                    next.push(v);
                }
            }
        }
        frontier = next;
    }
    out
}

/// The popular names, most popular first.
pub fn popular_names() -> &'static [&'static str] {
    &popular().ranked
}

/// Whether a (normalized) name is on the popular list.
pub fn is_popular(name: &str) -> bool {
    popular().set.contains(name)
}

/// Why a name looks like a squat of a popular project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Squat {
    /// The popular project it imitates.
    pub target: &'static str,
    /// `edit distance 1`, `confusable spelling`, ...
    pub reason: String,
}

/// The name with separators removed, look-alike characters folded and the common Python
/// affixes stripped, so `python-dateutil`, `date_util` and `dateuti1` share one form.
pub fn skeleton(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let mut s: &str = &lower;
    for prefix in ["python-", "python_", "python.", "py-", "py_"] {
        if let Some(rest) = s.strip_prefix(prefix)
            && rest.len() >= 3
        {
            s = rest;
            break;
        }
    }
    for suffix in ["-python", "_python", ".python", "-py", "_py", ".py"] {
        if let Some(rest) = s.strip_suffix(suffix)
            && rest.len() >= 3
        {
            s = rest;
            break;
        }
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '-' | '_' | '.' => {}
            '0' => out.push('o'),
            '1' | 'i' | '!' | '|' => out.push('l'),
            '3' => out.push('e'),
            '5' => out.push('s'),
            '$' => out.push('s'),
            '@' => out.push('a'),
            // Cyrillic and Greek look-alikes of Latin letters.
            'а' | 'α' => out.push('a'),
            'е' | 'ε' => out.push('e'),
            'о' | 'ο' => out.push('o'),
            'р' | 'ρ' => out.push('p'),
            'с' => out.push('c'),
            'х' | 'χ' => out.push('x'),
            'у' => out.push('y'),
            'і' | 'ι' => out.push('l'),
            c => out.push(c),
        }
    }
    out.replace("rn", "m").replace("vv", "w").replace("cl", "d")
}

/// Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps), bounded: returns
/// `max + 1` as soon as the distance must exceed `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur = vec![0usize; width];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return max + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// No popular target is longer than this (names are checked against it before expanding).
const MAX_TARGET_LEN: usize = 64;

/// The edit budget for a target of this length: none for short names (every 3-letter string is
/// one edit from some popular 3-letter name), one from 5 characters, two from 10.
fn budget(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    }
}

/// Checks a normalized name against the popular list. Popular names and `allow` never match.
pub fn check(name: &str, allow: &[String]) -> Option<Squat> {
    let p = popular();
    if p.set.contains(name) || allow.iter().any(|a| crate::normalize(a) == name) {
        return None;
    }
    let index = targets();
    let sk = skeleton(name);
    // Confusable spellings first: they are the stronger signal.
    if let Some(target) = index
        .by_skeleton
        .get(&sk)
        .into_iter()
        .flatten()
        .map(|&r| index.names[r])
        .find(|t| *t != name)
    {
        return Some(Squat {
            target,
            reason: "confusable spelling".into(),
        });
    }
    // Names too long to be an edit of any target skip the work (a 2,000-character "name" in a
    // hostile file would otherwise expand into millions of deletions).
    let chars: Vec<char> = name.chars().collect();
    let radius = budget(chars.len());
    if radius == 0 || chars.len() > index.max_len.min(MAX_TARGET_LEN) + radius {
        return None;
    }
    let mut candidates: Vec<usize> = Vec::new();
    for_each_deletion(&chars, radius, |variant| {
        if let Some(ranks) = index.by_deletion.get(variant) {
            candidates.extend_from_slice(ranks);
        }
    });
    candidates.sort_unstable();
    candidates.dedup();
    // Measured in rank order, so ties go to the more popular target as before.
    let mut best: Option<(usize, &'static str)> = None;
    for rank in candidates {
        let target = index.names[rank];
        let max = budget(target.chars().count().min(chars.len()));
        if max == 0 {
            continue;
        }
        let d = edit_distance(name, target, max);
        if d <= max && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, target));
            if d == 1 {
                break;
            }
        }
    }
    best.map(|(d, target)| Squat {
        target,
        reason: format!("{d} edit{} away", if d == 1 { "" } else { "s" }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("requests", "reqeusts", 2), 1);
        assert_eq!(edit_distance("requests", "request", 2), 1);
        assert_eq!(edit_distance("django", "djang0o", 2), 1);
        assert_eq!(edit_distance("abc", "xyzxyz", 2), 3);
    }

    #[test]
    fn skeletons_fold_confusables() {
        assert_eq!(skeleton("python-dateutil"), skeleton("dateutil"));
        assert_eq!(skeleton("dj4ngo").len(), 6);
        assert_eq!(skeleton("reque5ts"), skeleton("requests"));
        assert_eq!(skeleton("urllib3"), "urlllbe");
        assert_eq!(skeleton("rnatplotlib"), skeleton("matplotlib"));
    }

    #[test]
    fn squats_and_non_squats() {
        let hit = check("reqeusts", &[]).expect("reqeusts");
        assert_eq!(hit.target, "requests");
        assert_eq!(check("requests", &[]), None);
        assert_eq!(check("reqeusts", &["Reqeusts".into()]), None);
        assert_eq!(check("urlllb3", &[]).map(|s| s.target), Some("urllib3"));
        assert_eq!(check("my-internal-billing-service", &[]), None);
        assert_eq!(check(&"a".repeat(5000), &[]), None);
    }

    /// The index answers exactly as measuring every target would.
    #[test]
    fn index_matches_a_linear_scan() {
        let linear = |name: &str| -> Option<(usize, &'static str)> {
            let chars = name.chars().count();
            let mut best: Option<(usize, &'static str)> = None;
            for target in popular().ranked.iter().take(TARGETS) {
                let max = budget(target.chars().count().min(chars));
                if max == 0 {
                    continue;
                }
                let d = edit_distance(name, target, max);
                if d <= max && best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, target));
                    if d == 1 {
                        break;
                    }
                }
            }
            best
        };
        let probes = [
            "reqeusts",
            "djnago",
            "flaks",
            "numpyy",
            "pandsa",
            "scikitlearn",
            "beautifulsop4",
            "python-dateutils",
            "setuptool",
            "urlib3",
            "boto33",
            "matplotlip",
            "tensorflw",
            "cryptografy",
            "pyyamll",
            "sqlalchemyy",
            "attrss",
            "colorams",
            "my-private-pkg",
        ];
        for probe in probes {
            let expected = linear(probe);
            let got = check(probe, &[]).filter(|s| s.reason != "confusable spelling");
            if let Some(g) = &got {
                assert_eq!(Some(g.target), expected.map(|e| e.1), "{probe}");
            } else if check(probe, &[]).is_none() {
                assert_eq!(expected, None, "{probe}");
            }
        }
        assert!(
            popular()
                .ranked
                .iter()
                .take(TARGETS)
                .all(|t| t.len() <= MAX_TARGET_LEN)
        );
    }
}
