pyward_core::declare_rule! {
    /// ## What it does
    /// Reports `--extra-index-url` in a requirements file and names the packages that could be
    /// served by either index. pip merges the candidates of every index and installs the highest
    /// version, whatever the index.
    ///
    /// ## Why is this bad?
    /// This is dependency confusion: if an internal package name is registered on the public
    /// index with a higher version, pip installs the attacker's package. The packages named in the
    /// finding are the ones exposed.
    ///
    /// ## Example
    /// ```text
    /// --extra-index-url https://pypi.internal.example.com/simple
    /// internal-billing==1.2.0
    /// ```
    ///
    /// ## Use instead
    /// Use one index that proxies the public one (devpi, Artifactory, a uv index with
    /// `explicit = true` per package), or pin internal packages with hashes:
    /// ```text
    /// --index-url https://pypi.internal.example.com/simple
    /// internal-billing==1.2.0 --hash=sha256:<64 hex digits>
    /// ```
    ///
    /// ## References
    /// - [CWE-427: Uncontrolled Search Path Element](https://cwe.mitre.org/data/definitions/427.html)
    /// - [Alex Birsan: Dependency Confusion](https://medium.com/@alex.birsan/dependency-confusion-4a5d60fec610)
    /// - [uv: index strategy](https://docs.astral.sh/uv/configuration/indexes/)
    pub static EXTRA_INDEX_URL = {
        code: "DEP108",
        name: "dependency-confusion",
        analyzer: "deps",
        summary: "`--extra-index-url` lets packages come from either of two indexes",
        severity: High,
        confidence: Medium,
        cwe: 427,
    }
}
