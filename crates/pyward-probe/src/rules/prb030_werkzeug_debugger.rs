pyward_core::declare_rule! {
    /// ## What it does
    /// Requests `/console` and looks at every page the probe fetched (the landing page and the answer to a random path) for the Werkzeug debugger: its console page or its interactive traceback, recognised by the debugger's own markers.
    ///
    /// ## Why is this bad?
    /// The Werkzeug debugger runs arbitrary Python in the server process. Its PIN can be derived from details a file read or an error page leaks, and it is often disabled. An exposed debugger is remote code execution. Deduction: 100 points.
    ///
    /// ## Example
    /// ```text
    /// $ curl -s http://app.example.com/console | grep -o '<title>.*</title>'
    /// <title>Console // Werkzeug Debugger</title>
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # never app.run(debug=True) or DebuggedApplication in production; run a WSGI server
    /// gunicorn app:app
    /// ```
    ///
    /// ## References
    /// - [Werkzeug: Debugging applications](https://werkzeug.palletsprojects.com/en/stable/debug/)
    /// - [CWE-94](https://cwe.mitre.org/data/definitions/94.html)
    pub static PRB_WERKZEUG_DEBUGGER = {
        code: "PRB030",
        name: "werkzeug-debugger",
        analyzer: "probe",
        summary: "the Werkzeug interactive debugger is reachable",
        severity: Critical,
        confidence: High,
        cwe: 94,
    }
}
