pyward_core::declare_rule! {
    /// ## What it does
    /// An active check (skipped with `--no-active`): sends one `POST` to the probed URL announcing a body of `--max-body` + 1 bytes (default 10 MiB + 1) with `Expect: 100-continue`, and flags an answer other than 413. The body is generated as it is sent and is sent only if the server asks for it.
    ///
    /// ## Why is this bad?
    /// A server that accepts any body size lets one client fill memory, disk or worker time; Python app servers read bodies into the worker. Deduction: 5 points.
    ///
    /// ## Example
    /// ```text
    /// $ head -c 10485761 /dev/zero | curl -s -o /dev/null -w '%{http_code}' --data-binary @- https://app.example.com/
    /// 405
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// client_max_body_size 10m;   # nginx, per server or location
    /// ```
    ///
    /// ## References
    /// - [nginx: client_max_body_size](https://nginx.org/en/docs/http/ngx_http_core_module.html#client_max_body_size)
    /// - [CWE-770](https://cwe.mitre.org/data/definitions/770.html)
    pub static PRB_NO_BODY_SIZE_LIMIT = {
        code: "PRB040",
        name: "no-body-size-limit",
        analyzer: "probe",
        summary: "a request body over the size limit is not refused with 413",
        severity: Medium,
        confidence: Medium,
        cwe: 770,
    }
}
