pyward_core::declare_rule! {
    /// ## What it does
    /// An active check (skipped with `--no-active`): sends a bounded burst of `GET`s to the probed URL (`--burst N`, default 50; 8 at a time) and flags the URL when none of them is answered 429 (or 503, nginx's default `limit_req_status`).
    ///
    /// ## Why is this bad?
    /// Without a rate limit, password guessing, scraping and cheap denial of service go as fast as the network allows. Deduction: 5 points.
    ///
    /// ## Example
    /// ```text
    /// $ for i in $(seq 50); do curl -s -o /dev/null -w '%{http_code}\n' https://app.example.com/; done | sort | uniq -c
    ///      50 200
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// limit_req_zone $binary_remote_addr zone=app:10m rate=10r/s;
    /// limit_req zone=app burst=20 nodelay;
    /// limit_req_status 429;
    /// ```
    ///
    /// ## References
    /// - [nginx: ngx_http_limit_req_module](https://nginx.org/en/docs/http/ngx_http_limit_req_module.html)
    /// - [CWE-770](https://cwe.mitre.org/data/definitions/770.html)
    pub static PRB_NO_RATE_LIMIT = {
        code: "PRB039",
        name: "no-rate-limit",
        analyzer: "probe",
        summary: "a burst of requests to one path is never rate limited",
        severity: Medium,
        confidence: Medium,
        cwe: 770,
    }
}
