//! Kubernetes manifests (multi-document YAML, rendered Helm output). Pod-level
//! `securityContext` counts for every container; NetworkPolicy coverage is checked across every
//! manifest in the scan.

use crate::formats::app::{self, Where};
use crate::formats::yaml::{Node, Value};
use crate::rules::*;
use crate::source::{Pos, Sink};
use crate::util::{image_parts, secret};

/// A workload whose pods a NetworkPolicy should select.
#[derive(Debug, Clone)]
pub struct Workload {
    pub kind: String,
    pub name: String,
    pub namespace: String,
    pub labels: Vec<(String, String)>,
    pub file: String,
    pub pos: Pos,
    /// The project the manifest belongs to (see [`K8sSet::scope`]).
    pub scope: String,
}

#[derive(Debug, Clone)]
struct Selector {
    labels: Vec<(String, String)>,
    /// (key, operator, values)
    exprs: Vec<(String, String, Vec<String>)>,
}

#[derive(Debug, Clone)]
struct Policy {
    namespace: String,
    selector: Selector,
    scope: String,
}

/// Everything cross-manifest checks need, gathered over a whole scan.
#[derive(Debug, Default)]
pub struct K8sSet {
    workloads: Vec<Workload>,
    policies: Vec<Policy>,
    /// The project of the manifests being audited now: the nearest directory with a
    /// `kustomization.yaml`, `Chart.yaml` or `.git` (else the scanned directory). A policy only
    /// covers workloads of its own project: unrelated projects scanned together do not share
    /// NetworkPolicies.
    pub scope: String,
}

fn labels(node: Option<&Node>) -> Vec<(String, String)> {
    node.map(|n| {
        n.entries()
            .iter()
            .filter_map(|(k, v)| Some((k.str()?.to_string(), v.str().unwrap_or("").to_string())))
            .collect()
    })
    .unwrap_or_default()
}

pub fn audit(docs: &[Node], file: &str, sink: &mut Sink, set: &mut K8sSet) {
    let mut queue: Vec<&Node> = docs.iter().collect();
    while let Some(doc) = queue.pop() {
        let kind = doc.get("kind").and_then(Node::str).unwrap_or("");
        if kind == "List" {
            queue.extend(doc.get("items").map(Node::seq).unwrap_or(&[]));
            continue;
        }
        let name = doc
            .at(&["metadata", "name"])
            .and_then(Node::str)
            .unwrap_or("?")
            .to_string();
        let namespace = doc
            .at(&["metadata", "namespace"])
            .and_then(Node::str)
            .unwrap_or("default")
            .to_string();
        let template = match kind {
            "Pod" => Some(doc),
            "Deployment"
            | "StatefulSet"
            | "DaemonSet"
            | "ReplicaSet"
            | "Job"
            | "ReplicationController" => doc.at(&["spec", "template"]),
            "CronJob" => doc.at(&["spec", "jobTemplate", "spec", "template"]),
            "NetworkPolicy" => {
                let sel = doc.at(&["spec", "podSelector"]);
                let exprs = sel
                    .and_then(|s| s.get("matchExpressions"))
                    .map(Node::seq)
                    .unwrap_or(&[])
                    .iter()
                    .map(|e| {
                        (
                            e.get("key").and_then(Node::str).unwrap_or("").to_string(),
                            e.get("operator")
                                .and_then(Node::str)
                                .unwrap_or("")
                                .to_string(),
                            e.get("values")
                                .map(Node::seq)
                                .unwrap_or(&[])
                                .iter()
                                .filter_map(|v| v.str().map(str::to_string))
                                .collect(),
                        )
                    })
                    .collect();
                set.policies.push(Policy {
                    scope: set.scope.clone(),
                    namespace: namespace.clone(),
                    selector: Selector {
                        labels: labels(sel.and_then(|s| s.get("matchLabels"))),
                        exprs,
                    },
                });
                None
            }
            "Secret" => {
                committed_secret(doc, &name, file, sink);
                None
            }
            _ => None,
        };
        let Some(template) = template else { continue };
        let Some(spec) = template.get("spec") else {
            continue;
        };
        let what = format!("{kind} `{name}`");
        let pos = doc.at(&["metadata", "name"]).map_or(doc.pos, |n| n.pos);
        if kind != "Job" && kind != "CronJob" && kind != "Pod" {
            set.workloads.push(Workload {
                scope: set.scope.clone(),
                kind: kind.to_string(),
                name: name.clone(),
                namespace,
                labels: labels(template.at(&["metadata", "labels"])),
                file: file.to_string(),
                pos,
            });
        }
        pod_spec(spec, &what, file, pos, sink);
    }
}

fn pod_spec(spec: &Node, what: &str, file: &str, at: Pos, sink: &mut Sink) {
    for key in ["hostNetwork", "hostPID", "hostIPC"] {
        if let Some(n) = spec.get(key)
            && n.is_true()
        {
            sink.hit(
                &K8S_HOST_NAMESPACE,
                file,
                n.pos,
                format!("{what} sets {key}: true and shares the node's namespace"),
            );
        }
    }
    for v in spec.get("volumes").map(Node::seq).unwrap_or(&[]) {
        if let Some(hp) = v.get("hostPath") {
            let path = hp.get("path").and_then(Node::str).unwrap_or("?");
            sink.hit(
                &K8S_HOST_PATH,
                file,
                hp.pos,
                format!("{what} mounts hostPath {path} from the node"),
            );
        }
    }
    if !spec
        .get("automountServiceAccountToken")
        .is_some_and(Node::is_false)
    {
        sink.hit(
            &K8S_SA_TOKEN,
            file,
            at,
            format!("{what} automounts its service-account token (set automountServiceAccountToken: false)"),
        );
    }
    let pod_sc = spec.get("securityContext");
    for list in ["initContainers", "containers"] {
        for c in spec.get(list).map(Node::seq).unwrap_or(&[]) {
            container(c, pod_sc, what, file, sink);
        }
    }
}

/// K8S015: a Secret manifest with real values in `data`/`stringData`. Values are never quoted.
fn committed_secret(doc: &Node, name: &str, file: &str, sink: &mut Sink) {
    for key in ["data", "stringData"] {
        let Some(data) = doc.get(key) else { continue };
        let filled: Vec<&str> = data
            .entries()
            .iter()
            .filter(|(_, v)| v.str().is_some_and(|t| !crate::util::placeholder(t)))
            .filter_map(|(k, _)| k.str())
            .collect();
        if filled.is_empty() {
            continue;
        }
        let keys: Vec<String> = filled
            .iter()
            .take(5)
            .map(|k| crate::source::quote_token(k).unwrap_or("…").to_string())
            .collect();
        let more = if filled.len() > 5 { ", …" } else { "" };
        sink.hit(
            &K8S_COMMITTED_SECRET,
            file,
            data.pos,
            format!(
                "Secret `{name}` is committed with its values in `{key}` ({}{more}); base64 is not encryption",
                keys.join(", ")
            ),
        );
    }
}

fn container(c: &Node, pod_sc: Option<&Node>, what: &str, file: &str, sink: &mut Sink) {
    let cname = c.get("name").and_then(Node::str).unwrap_or("?");
    let cpos = c.get("name").map_or(c.pos, |n| n.pos);
    let who = format!("{what}, container `{cname}`");
    for port in c.get("ports").map(Node::seq).unwrap_or(&[]) {
        if let Some(hp) = port.get("hostPort")
            && hp
                .str()
                .is_some_and(|v| v.parse::<u32>().is_ok_and(|n| n > 0))
        {
            sink.hit(
                &K8S_HOST_PORT,
                file,
                hp.pos,
                format!(
                    "{who} publishes hostPort {} on the node, outside Services and NetworkPolicy",
                    hp.str().unwrap_or("")
                ),
            );
        }
    }
    let sc = c.get("securityContext");
    // The container's value wins; the pod's applies otherwise.
    let eff = |key: &str| -> Option<&Node> {
        sc.and_then(|s| s.get(key))
            .or_else(|| pod_sc.and_then(|s| s.get(key)))
    };
    let privileged = sc.and_then(|s| s.get("privileged"));
    if let Some(p) = privileged.filter(|p| p.is_true()) {
        sink.hit(
            &K8S_PRIVILEGED,
            file,
            p.pos,
            format!("{who} is privileged: root on the node"),
        );
    }
    let run_as_user = eff("runAsUser");
    let uid = run_as_user
        .and_then(Node::str)
        .and_then(|u| u.parse::<u64>().ok());
    if uid == Some(0) {
        let n = run_as_user.map_or(cpos, |n| n.pos);
        sink.hit(
            &K8S_RUN_AS_ROOT,
            file,
            n,
            format!("{who} runs as UID 0 (runAsUser: 0)"),
        );
    } else if uid.is_none() && !eff("runAsNonRoot").is_some_and(Node::is_true)
        && let Some(f) = sink.hit(
            &K8S_RUN_AS_ROOT,
            file,
            cpos,
            format!("{who} may run as root: no runAsNonRoot: true or non-zero runAsUser (container or pod)"),
        ) {
            f.severity = pyward_core::Severity::Medium;
        }
    let escalation = sc.and_then(|s| s.get("allowPrivilegeEscalation"));
    if !escalation.is_some_and(Node::is_false) {
        sink.hit(
            &K8S_PRIVILEGE_ESCALATION,
            file,
            escalation.map_or(cpos, |n| n.pos),
            format!("{who} does not set allowPrivilegeEscalation: false"),
        );
    }
    let ro = sc.and_then(|s| s.get("readOnlyRootFilesystem"));
    if !ro.is_some_and(Node::is_true) {
        sink.hit(
            &K8S_WRITABLE_ROOT,
            file,
            ro.map_or(cpos, |n| n.pos),
            format!("{who} has a writable root filesystem (readOnlyRootFilesystem is not true)"),
        );
    }
    let caps = sc.and_then(|s| s.get("capabilities"));
    let drops_all = caps
        .and_then(|c| c.get("drop"))
        .map(Node::seq)
        .unwrap_or(&[])
        .iter()
        .any(|d| d.str().is_some_and(|s| s.eq_ignore_ascii_case("ALL")));
    let dangerous: Vec<&str> = caps
        .and_then(|c| c.get("add"))
        .map(Node::seq)
        .unwrap_or(&[])
        .iter()
        .filter_map(Node::str)
        .filter(|s| {
            matches!(
                s.to_ascii_uppercase().trim_start_matches("CAP_"),
                "ALL" | "SYS_ADMIN" | "NET_ADMIN" | "SYS_PTRACE" | "SYS_MODULE" | "DAC_READ_SEARCH"
            )
        })
        .collect();
    if !drops_all {
        sink.hit(
            &K8S_CAPABILITIES,
            file,
            caps.map_or(cpos, |n| n.pos),
            format!("{who} keeps the default capabilities (no capabilities.drop: [ALL])"),
        );
    }
    if !dangerous.is_empty() {
        sink.hit(
            &K8S_CAPABILITIES,
            file,
            caps.map_or(cpos, |n| n.pos),
            format!(
                "{who} adds dangerous capabilities: {}",
                dangerous.join(", ")
            ),
        );
    }
    let seccomp = eff("seccompProfile");
    let seccomp_type = seccomp
        .and_then(|s| s.get("type"))
        .and_then(Node::str)
        .unwrap_or("");
    if !matches!(seccomp_type, "RuntimeDefault" | "Localhost") {
        sink.hit(
            &K8S_NO_SECCOMP,
            file,
            seccomp.map_or(cpos, |n| n.pos),
            if seccomp_type.is_empty() {
                format!("{who} has no seccomp profile (container or pod)")
            } else {
                format!("{who} uses seccomp profile {seccomp_type}")
            },
        );
    }
    if let Some(img) = c.get("image") {
        let image = img.str().unwrap_or("");
        let (_, tag, digest) = image_parts(image);
        if digest.is_none() && matches!(tag, None | Some("latest")) && !image.contains("{{") {
            sink.hit(
                &K8S_LATEST_IMAGE,
                file,
                img.pos,
                format!("{who} uses image `{image}` without a fixed tag"),
            );
        }
    }
    let limits = c.at(&["resources", "limits"]);
    let missing: Vec<&str> = ["cpu", "memory"]
        .into_iter()
        .filter(|k| limits.and_then(|l| l.get(k)).is_none())
        .collect();
    if !missing.is_empty() {
        sink.hit(
            &K8S_NO_LIMITS,
            file,
            cpos,
            format!("{who} has no {} limit", missing.join("/")),
        );
    }
    for e in c.get("env").map(Node::seq).unwrap_or(&[]) {
        let name = e.get("name").and_then(Node::str).unwrap_or("");
        if let Some(v) = e.get("value") {
            let value = v.str().unwrap_or("");
            if let Some(kind) = secret(name, value) {
                crate::util::mark_secret(
                    sink.hit(
                        &K8S_LITERAL_SECRET,
                        file,
                        v.pos,
                        format!(
                            "{who}: env {name} holds {}; use a Secret and valueFrom.secretKeyRef",
                            kind.describe()
                        ),
                    ),
                    value,
                    kind,
                );
            }
            app::check_env(sink, file, v.pos, name, value);
        }
    }
    let mut words: Vec<String> = Vec::new();
    for key in ["command", "args"] {
        if let Some(n) = c.get(key)
            && let Value::Seq(items) = &n.value
        {
            words.extend(items.iter().filter_map(|i| i.str().map(str::to_string)));
        }
    }
    if !words.is_empty() {
        let pos = c
            .get("command")
            .or_else(|| c.get("args"))
            .map_or(cpos, |n| n.pos);
        app::check_command(sink, file, pos, &words, Where::Container);
    }
}

impl Selector {
    fn matches(&self, labels: &[(String, String)]) -> bool {
        let get = |k: &str| {
            labels
                .iter()
                .find(|(lk, _)| lk == k)
                .map(|(_, v)| v.as_str())
        };
        self.labels.iter().all(|(k, v)| get(k) == Some(v.as_str()))
            && self.exprs.iter().all(|(k, op, values)| match op.as_str() {
                "In" => get(k).is_some_and(|v| values.iter().any(|x| x == v)),
                "NotIn" => get(k).is_none_or(|v| !values.iter().any(|x| x == v)),
                "Exists" => get(k).is_some(),
                "DoesNotExist" => get(k).is_none(),
                _ => false,
            })
    }
}

/// Reports every workload no NetworkPolicy in the set selects.
pub fn network_policies(set: &K8sSet, sink: &mut Sink) {
    for w in &set.workloads {
        let covered = set.policies.iter().any(|p| {
            p.scope == w.scope && p.namespace == w.namespace && p.selector.matches(&w.labels)
        });
        if !covered {
            sink.hit(
                &K8S_NO_NETWORK_POLICY,
                &w.file,
                w.pos,
                format!(
                    "no NetworkPolicy in the scanned manifests selects the pods of {} `{}` (namespace {})",
                    w.kind, w.name, w.namespace
                ),
            );
        }
    }
}
