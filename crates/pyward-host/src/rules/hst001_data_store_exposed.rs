pyward_core::declare_rule! {
    /// ## What it does
    /// Reads the listening sockets from `/proc/net/{tcp,tcp6,udp,udp6}`, finds the processes holding them through `/proc/PID/fd`, and flags a database or cache (PostgreSQL, MySQL/MariaDB, Redis, MongoDB, Memcached, Elasticsearch, by program or by its well-known port) bound to an address other than loopback. The message says whether the loaded firewall leaves the port open, filters it, or could not be read.
    ///
    /// ## Why is this bad?
    /// Databases and caches trust their network: Redis and Memcached have no authentication by default, and an exposed PostgreSQL or MySQL port invites password guessing and exploits of the server itself. Mass scanners find such ports within hours of a host going online.
    ///
    /// ## Example
    /// ```text
    /// $ ss -ltnp
    /// LISTEN 0 511 0.0.0.0:6379 0.0.0.0:* users:(("redis-server",pid=812))
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # /etc/redis/redis.conf
    /// bind 127.0.0.1 -::1
    /// protected-mode yes
    /// ```
    ///
    /// ## References
    /// - [CIS Debian Linux Benchmark: 2.2 Special purpose services](https://www.cisecurity.org/benchmark/debian_linux)
    /// - [Redis security](https://redis.io/docs/latest/operate/oss_and_stack/management/security/)
    /// - [CWE-1327](https://cwe.mitre.org/data/definitions/1327.html)
    pub static HST_DATA_STORE_EXPOSED = {
        code: "HST001",
        name: "data-store-exposed",
        analyzer: "host",
        summary: "a database or cache listens beyond loopback",
        severity: High,
        confidence: High,
        cwe: 1327,
    }
}
