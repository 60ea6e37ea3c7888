"""A synthetic, bootstrapped Flux fleet for benchmarks: C clusters x R HelmReleases each.

Deterministic: the same ``(clusters, releases, seed)`` writes the same bytes, file for file.
Every cluster looks like one `flux bootstrap` made and a platform team grew::

    clusters/<cluster>/
        flux-system/   gotk-components.yaml (placeholder), gotk-sync.yaml, kustomization.yaml
        kustomization.yaml   infra.yaml   apps.yaml      Flux Kustomizations; apps dependsOn infra
        infra/<namespace>/namespace.yaml                 cluster services (cert-manager, ...)
        infra/<namespace>/<release>/                     kustomization.yaml, repository.yaml,
        apps/<namespace>/<release>/                      release.yaml, README.md (+ ConfigMap)

Releases get their chart from a HelmRepository or (about a quarter) an OCIRepository through
``chartRef``; values are 40-80 lines with comments and helm-docs ``# --`` comments, with
service URLs (``http://<svc>.<ns>.svc.cluster.local:<port>``) to the releases they depend on;
``dependsOn`` only points at earlier releases, so the graph has chains but no cycles. Every
object, namespace and directory is described in Ukrainian, so ``flux-catalog check`` reports
no problem at all.

    python tests/bench/fleet.py DEST --clusters 10 --releases 100 --seed 0
"""

from __future__ import annotations

import argparse
import base64
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Fleet", "generate"]

GIT_URL = "https://github.com/acme/fleet-infra"
AGE_RECIPIENT = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"  # public key
POLICY = """\
# Policy of the docs gate for this fleet (flux-catalog reads [tool.flux-catalog]).
[tool.flux-catalog]
paths = ["clusters"]
describe = ["HelmRelease", "Kustomization", "Namespace", "Deployment", "StatefulSet", \
"DaemonSet", "CronJob", "Job"]
readme = "error"
# Made by `flux bootstrap` and by hand: the age key that decrypts the SOPS Secrets.
external = ["Secret/flux-system/flux-system", "Secret/flux-system/sops-age"]
"""

# -- the chart catalogue -------------------------------------------------------------------


@dataclass(frozen=True)
class ChartInfo:
    chart: str
    repo: str  # HelmRepository name
    url: str  # https:// Helm repository
    oci: str | None  # oci:// chart URL (OCIRepository), when the chart is published there
    version: str
    port: int
    image: str
    purpose: str  # Ukrainian, completes "<name> ..."
    stateful: bool = False


INFRA = (
    ChartInfo("cert-manager", "jetstack", "https://charts.jetstack.io",
              "oci://quay.io/jetstack/charts/cert-manager", "v1.19.1", 9402,
              "quay.io/jetstack/cert-manager-controller",
              "видає й поновлює TLS-сертифікати для Ingress і внутрішніх сервісів"),
    ChartInfo("ingress-nginx", "ingress-nginx", "https://kubernetes.github.io/ingress-nginx",
              None, "4.13.3", 80, "registry.k8s.io/ingress-nginx/controller",
              "приймає зовнішній HTTP(S)-трафік і маршрутизує його до сервісів кластера"),
    ChartInfo("external-dns", "external-dns", "https://kubernetes-sigs.github.io/external-dns",
              None, "1.19.0", 7979, "registry.k8s.io/external-dns/external-dns",
              "синхронізує DNS-записи зони з Ingress і Service кластера"),
    ChartInfo("external-secrets", "external-secrets", "https://charts.external-secrets.io",
              "oci://ghcr.io/external-secrets/charts/external-secrets", "0.20.4", 8080,
              "ghcr.io/external-secrets/external-secrets",
              "переносить секрети із зовнішнього сховища в Secret кластера"),
    ChartInfo("metrics-server", "metrics-server",
              "https://kubernetes-sigs.github.io/metrics-server", None, "3.13.0", 10250,
              "registry.k8s.io/metrics-server/metrics-server",
              "збирає метрики CPU і пам'яті подів для HorizontalPodAutoscaler"),
    ChartInfo("kube-prometheus-stack", "prometheus-community",
              "https://prometheus-community.github.io/helm-charts",
              "oci://ghcr.io/prometheus-community/charts/kube-prometheus-stack", "79.5.0", 9090,
              "quay.io/prometheus/prometheus",
              "збирає метрики кластера й застосунків і надсилає сповіщення", True),
    ChartInfo("loki", "grafana", "https://grafana.github.io/helm-charts", None, "6.46.0", 3100,
              "docker.io/grafana/loki", "зберігає логи подів і відповідає на запити LogQL", True),
    ChartInfo("tempo", "grafana", "https://grafana.github.io/helm-charts", None, "1.24.0", 3200,
              "docker.io/grafana/tempo", "зберігає розподілені трейси застосунків", True),
    ChartInfo("velero", "vmware-tanzu", "https://vmware-tanzu.github.io/helm-charts", None,
              "11.1.1", 8085, "docker.io/velero/velero",
              "робить резервні копії об'єктів і томів кластера за розкладом"),
    ChartInfo("kyverno", "kyverno", "https://kyverno.github.io/kyverno", None, "3.5.2", 443,
              "ghcr.io/kyverno/kyverno", "перевіряє й доповнює маніфести політиками допуску"),
    ChartInfo("reloader", "stakater", "https://stakater.github.io/stakater-charts", None,
              "2.2.5", 9090, "ghcr.io/stakater/reloader",
              "перезапускає поди, коли змінюються їхні ConfigMap або Secret"),
    ChartInfo("trivy-operator", "aqua", "https://aquasecurity.github.io/helm-charts",
              "oci://ghcr.io/aquasecurity/helm-charts/trivy-operator", "0.31.0", 8080,
              "ghcr.io/aquasecurity/trivy-operator",
              "сканує образи й конфігурацію кластера на вразливості"),
)

DATA = (
    ChartInfo("postgresql", "bitnami", "https://charts.bitnami.com/bitnami",
              "oci://registry-1.docker.io/bitnamicharts/postgresql", "18.1.8", 5432,
              "docker.io/bitnami/postgresql", "реляційна база даних PostgreSQL", True),
    ChartInfo("redis", "bitnami", "https://charts.bitnami.com/bitnami",
              "oci://registry-1.docker.io/bitnamicharts/redis", "23.2.12", 6379,
              "docker.io/bitnami/redis", "кеш і черга повідомлень Redis", True),
    ChartInfo("rabbitmq", "bitnami", "https://charts.bitnami.com/bitnami",
              "oci://registry-1.docker.io/bitnamicharts/rabbitmq", "16.0.14", 5672,
              "docker.io/bitnami/rabbitmq", "брокер повідомлень RabbitMQ", True),
    ChartInfo("memcached", "bitnami", "https://charts.bitnami.com/bitnami",
              "oci://registry-1.docker.io/bitnamicharts/memcached", "8.1.4", 11211,
              "docker.io/bitnami/memcached", "кеш Memcached для сесій і відповідей API"),
    ChartInfo("nats", "nats", "https://nats-io.github.io/k8s/helm/charts", None, "2.12.1", 4222,
              "docker.io/library/nats", "шина подій NATS із JetStream", True),
    ChartInfo("minio", "minio", "https://charts.min.io", None, "5.4.0", 9000,
              "quay.io/minio/minio", "S3-сумісне об'єктне сховище MinIO", True),
    ChartInfo("opensearch", "opensearch", "https://opensearch-project.github.io/helm-charts",
              None, "3.3.2", 9200, "docker.io/opensearchproject/opensearch",
              "повнотекстовий пошук OpenSearch", True),
)

APP_TEMPLATE = ChartInfo("app-template", "bjw-s", "https://bjw-s-labs.github.io/helm-charts",
                         "oci://ghcr.io/bjw-s-labs/helm/app-template", "4.4.0", 8080,
                         "ghcr.io/acme", "сервіс команди")

INFRA_NAMESPACES = (
    ("cert-manager", "сертифікати TLS"), ("ingress", "вхідний трафік"),
    ("monitoring", "метрики, логи й трейси"), ("security", "політики й сканування безпеки"),
    ("dns", "DNS-записи"), ("backup", "резервне копіювання"),
    ("vault", "зовнішні секрети"), ("platform", "спільні служби платформи"),
)
TEAMS = (
    ("payments", "платежі"), ("catalog", "каталог товарів"), ("checkout", "оформлення замовлень"),
    ("search", "пошук"), ("identity", "облікові записи й вхід"),
    ("notifications", "сповіщення"), ("analytics", "аналітика"), ("billing", "рахунки"),
    ("media", "зображення й відео"), ("support", "служба підтримки"), ("orders", "замовлення"),
    ("shipping", "доставка"), ("reviews", "відгуки"), ("pricing", "ціни й знижки"),
    ("inventory", "складські залишки"), ("loyalty", "програма лояльності"),
    ("partners", "партнерські інтеграції"), ("reports", "звіти"), ("chat", "чат із клієнтами"),
    ("ads", "рекламні кампанії"),
)
SERVICE_ROLES = (
    ("api", "HTTP API"), ("worker", "фоновий обробник черги"), ("web", "вебінтерфейс"),
    ("gateway", "шлюз для партнерів"), ("scheduler", "планувальник задач"),
    ("exporter", "експорт даних"), ("sync", "синхронізація з зовнішніми системами"),
)
ENVIRONMENTS = (("prod", "продуктивне"), ("staging", "передпродуктивне"), ("dev", "розробницьке"))
REGIONS = ("eu-central", "eu-west", "us-east", "ap-south")


# -- the plan ------------------------------------------------------------------------------


@dataclass
class Release:
    name: str
    namespace: str
    layer: str  # "infra" or "apps"
    chart: ChartInfo
    oci: bool
    team: str  # Ukrainian area of the namespace
    role: str = ""  # Ukrainian role of an app-template service
    depends: list[Release] = field(default_factory=list)
    calls: list[Release] = field(default_factory=list)  # service URLs in values
    values_from: bool = False
    credentials: bool = False  # auth.existingSecret and a SOPS-encrypted Secret beside it

    @property
    def url(self) -> str:
        return f"http://{self.name}.{self.namespace}.svc.cluster.local:{self.chart.port}"

    @property
    def directory(self) -> str:
        return f"{self.layer}/{self.namespace}/{self.name}"


@dataclass
class Cluster:
    name: str
    env: str
    env_uk: str
    region: str
    namespaces: dict[str, tuple[str, str]]  # name -> (layer, Ukrainian area)
    releases: list[Release]


@dataclass(frozen=True)
class Fleet:
    root: Path
    clusters: tuple[str, ...]
    releases: int  # HelmReleases in the whole fleet
    files: int


def _cluster_name(index: int) -> tuple[str, str, str, str]:
    env, env_uk = ENVIRONMENTS[index % len(ENVIRONMENTS)]
    region = REGIONS[(index // len(ENVIRONMENTS)) % len(REGIONS)]
    return f"{env}-{region}-{index + 1:02d}", env, env_uk, region


def _plan_cluster(index: int, releases: int, seed: int) -> Cluster:
    rng = random.Random(f"flux-fleet:{seed}:{index}")
    name, env, env_uk, region = _cluster_name(index)
    n_infra = max(1, releases // 5) if releases > 1 else releases
    n_apps = releases - n_infra
    infra_ns = INFRA_NAMESPACES[: min(len(INFRA_NAMESPACES), max(1, n_infra // 4))]
    team_ns = TEAMS[: min(len(TEAMS), max(1, n_apps // 8))] if n_apps else ()
    namespaces = {ns: ("infra", area) for ns, area in infra_ns}
    namespaces.update({ns: ("apps", area) for ns, area in team_ns})
    used: set[str] = set()
    out: list[Release] = []

    def unique(base: str) -> str:
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        return candidate

    infra: list[Release] = []
    for i in range(n_infra):
        chart = INFRA[i % len(INFRA)]
        ns, area = infra_ns[i % len(infra_ns)]
        rel = Release(unique(chart.chart), ns, "infra", chart,
                      chart.oci is not None and rng.random() < 0.5, area)
        if infra and rng.random() < 0.6:  # e.g. everything after cert-manager waits for it
            rel.depends.append(infra[0] if rng.random() < 0.5 else rng.choice(infra))
        # No URLs to external-secrets: the plaintext-secret rule reads the host:port of
        # http://external-secrets.<ns>.svc.cluster.local:8080 as a credential assignment.
        callable_infra = [r for r in infra if "secret" not in r.url]
        if callable_infra and rng.random() < 0.3:
            rel.calls.append(rng.choice(callable_infra))
        infra.append(rel)
        out.append(rel)

    per_team: dict[str, list[Release]] = {}
    for i in range(n_apps):
        ns, area = team_ns[i % len(team_ns)]
        mine = per_team.setdefault(ns, [])
        data_stores = [r for r in mine if r.chart in DATA]
        if not data_stores or (len(data_stores) * 3 < len(mine) and rng.random() < 0.3):
            chart = rng.choice(DATA)
            rel = Release(unique(f"{ns}-{chart.chart}"), ns, "apps", chart,
                          chart.oci is not None and rng.random() < 0.3, area)
            if infra and rng.random() < 0.4:
                rel.depends.append(rng.choice(infra))
        else:
            role, role_uk = rng.choice(SERVICE_ROLES)
            rel = Release(unique(f"{ns}-{role}"), ns, "apps", APP_TEMPLATE, rng.random() < 0.5,
                          area, role_uk)
            store = rng.choice(data_stores)
            rel.depends.append(store)
            rel.calls.append(store)
            services = [r for r in mine if r.chart is APP_TEMPLATE]
            if services and rng.random() < 0.5:  # a chain inside the team
                dep = rng.choice(services)
                rel.depends.append(dep)
                rel.calls.append(dep)
            others = [r for t, rs in per_team.items() if t != ns for r in rs
                      if r.chart is APP_TEMPLATE]
            if others and rng.random() < 0.4:  # another team's API, called but not awaited
                rel.calls.append(rng.choice(others))
        rel.values_from = rng.random() < 0.1
        rel.credentials = rel.chart in DATA or rng.random() < 0.3
        mine.append(rel)
        out.append(rel)
    return Cluster(name, env, env_uk, region, namespaces, out)


# -- YAML text -----------------------------------------------------------------------------


def _folded(text: str, indent: int, width: int = 92) -> list[str]:
    """``text`` as the lines of a ``>-`` block scalar indented by ``indent`` spaces."""
    pad = " " * indent
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(pad) + len(current) + 1 + len(word) > width:
            lines.append(pad + current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(pad + current)
    return lines


def _meta(name: str, namespace: str | None, description: str) -> list[str]:
    lines = ["metadata:", f"  name: {name}"]
    if namespace:
        lines.append(f"  namespace: {namespace}")
    lines += ["  annotations:", "    kubernetes.io/description: >-", *_folded(description, 6)]
    return lines


def _names(items: list[Release]) -> str:
    return ", ".join(r.name for r in items)


def _release_description(c: Cluster, r: Release) -> str:
    # Not "<name>: <text>": the plaintext-secret rule reads "external-secrets: ..." as an
    # assignment to a credential key, even in prose.
    if r.chart is APP_TEMPLATE:
        what = (f"Реліз {r.name} — {r.role} команди «{r.team}» у кластері {c.name}, "
                f"розгорнутий чартом app-template")
    else:
        what = f"Реліз {r.name} {r.chart.purpose} (чарт {r.chart.chart}) у кластері {c.name}"
    text = f"{what}. Працює в просторі імен {r.namespace} на порту {r.chart.port}."
    if r.depends:
        text += f" Встановлюється лише після {_names(r.depends)}."
    if r.calls:
        text += f" Звертається до {_names(r.calls)} за внутрішніми адресами сервісів."
    if r.values_from:
        text += f" Частина значень береться з ConfigMap {r.name}-values."
    if r.credentials:
        text += f" Облікові дані бере із зашифрованого SOPS Secret {r.name}-credentials."
    return text


def _values(c: Cluster, r: Release, rng: random.Random) -> list[str]:
    """40-80 lines of values (indented for ``spec.values``) with comments."""
    target = rng.randint(40, 80)
    image = (f"{r.chart.image}/{r.name}" if r.chart is APP_TEMPLATE else r.chart.image)
    tag = f"{rng.randint(1, 4)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}"
    cpu, mem = rng.choice((50, 100, 200, 250, 500)), rng.choice((64, 128, 256, 512, 1024))
    blocks: list[list[str]] = []
    head = [
        f"# Значення для {r.name} у кластері {c.name} ({c.env_uk} середовище).",
        "# Усе, що не задано тут, бере типові значення чарта.",
        "# -- Скільки подів тримати; для продуктивних кластерів не менше двох.",
        f"replicaCount: {2 if c.env == 'prod' else 1}",
        "# -- Образ контейнера; тег закріплено, оновлення приходять через pull request.",
        "image:",
        f"  repository: {image}",
        f"  tag: \"{tag}\"",
        "  # -- IfNotPresent: не тягнути образ повторно, якщо він уже є на вузлі.",
        "  pullPolicy: IfNotPresent",
        "# -- Ресурси контейнера: запити для планувальника і межі використання.",
        "resources:",
        "  requests:",
        f"    cpu: {cpu}m",
        f"    memory: {mem}Mi",
        "  limits:",
        f"    memory: {mem * 2}Mi",
        "# -- Сервіс, через який до релізу звертаються інші компоненти.",
        "service:",
        "  type: ClusterIP",
        f"  port: {r.chart.port}",
    ]
    if r.credentials:
        head += [
            "# -- Облікові дані лише з наявного Secret (SOPS, credentials.sops.yaml).",
            "auth:",
            f"  existingSecret: {r.name}-credentials",
        ]
    if r.calls and r.chart is APP_TEMPLATE:
        env = ["# -- Адреси сервісів, до яких звертається реліз (див. dependsOn).", "env:"]
        for dep in r.calls:
            var = dep.name.upper().replace("-", "_") + "_URL"
            env += [f"  - name: {var}", f"    value: {dep.url}"]
        blocks.append(env)
    elif r.calls:
        # Not env: the plaintext-secret rule hides the value of EXTERNAL_SECRETS_URL.
        ups = ["# -- Сервіси платформи, до яких звертається реліз.", "upstreams:"]
        for dep in r.calls:
            ups += [f"  - name: {dep.name}", f"    url: {dep.url}"]
        blocks.append(ups)
    blocks.append([
        "# -- Анотації подів: Prometheus знаходить їх сам.",
        "podAnnotations:",
        "  prometheus.io/scrape: \"true\"",
        f"  prometheus.io/port: \"{r.chart.port}\"",
    ])
    blocks.append([
        "# -- Контекст безпеки пода: без root і з файловою системою лише для читання.",
        "securityContext:",
        "  runAsNonRoot: true",
        "  runAsUser: 10001",
        "  readOnlyRootFilesystem: true",
        "  allowPrivilegeEscalation: false",
        "  capabilities:",
        "    drop:",
        "      - ALL",
    ])
    host = f"{r.name}.{c.name}.acme.example"
    blocks.append([
        "# -- Ingress для доступу ззовні кластера.",
        "ingress:",
        f"  enabled: {'true' if r.chart is APP_TEMPLATE else 'false'}",
        "  className: nginx",
        "  annotations:",
        "    cert-manager.io/cluster-issuer: letsencrypt",
        "  hosts:",
        f"    - host: {host}",
        "      paths:",
        "        - path: /",
        "          pathType: Prefix",
        "  tls:",
        f"    - secretName: {r.name}-tls",
        "      hosts:",
        f"        - {host}",
    ])
    blocks.append([
        "# -- Автомасштабування за навантаженням CPU (потрібен metrics-server).",
        "autoscaling:",
        f"  enabled: {'true' if c.env == 'prod' else 'false'}",
        f"  minReplicas: {2 if c.env == 'prod' else 1}",
        f"  maxReplicas: {rng.randint(3, 12)}",
        "  targetCPUUtilizationPercentage: 75",
    ])
    blocks.append([
        "# -- Метрики у форматі Prometheus і ServiceMonitor для kube-prometheus-stack.",
        "metrics:",
        "  enabled: true",
        "  serviceMonitor:",
        "    enabled: true",
        "    interval: 30s  # частіше не потрібно: дашборди мають крок 1m",
    ])
    if r.chart.stateful:
        blocks.append([
            "# -- Постійний том для даних; розмір можна лише збільшувати.",
            "persistence:",
            "  enabled: true",
            f"  size: {rng.choice((5, 10, 20, 50, 100))}Gi",
            "  storageClass: standard-rwo",
            "  accessModes:",
            "    - ReadWriteOnce",
        ])
    blocks.append([
        "# -- Не ставити два поди релізу на один вузол.",
        "affinity:",
        "  podAntiAffinity:",
        "    preferredDuringSchedulingIgnoredDuringExecution:",
        "      - weight: 100",
        "        podAffinityTerm:",
        "          topologyKey: kubernetes.io/hostname",
        "          labelSelector:",
        "            matchLabels:",
        f"              app.kubernetes.io/instance: {r.name}",
    ])
    blocks.append([
        "# -- Скільки подів може бути недоступно під час оновлення вузлів.",
        "podDisruptionBudget:",
        "  enabled: true",
        "  maxUnavailable: 1",
    ])
    blocks.append([
        "# Мітки для звітів про витрати.",
        "commonLabels:",
        f"  acme.example/team: {r.namespace}",
        f"  acme.example/env: {c.env}",
        "  acme.example/cluster: ${cluster_name}  # підставляє postBuild Flux Kustomization",
    ])
    blocks.append([
        "# -- Додаткова конфігурація застосунку (файл у ConfigMap чарта).",
        "config: |",
        "  log:",
        f"    level: {rng.choice(('info', 'warn', 'debug'))}",
        "    format: json",
        "  http:",
        f"    listen: \":{r.chart.port}\"",
        f"    timeout: {rng.choice((5, 10, 30))}s",
    ])
    blocks.append([
        "# -- Вузли, на яких може працювати реліз.",
        "nodeSelector:",
        "  kubernetes.io/os: linux",
        "# -- Допуски для вузлів із taint.",
        "tolerations:",
        "  - key: dedicated",
        "    operator: Equal",
        f"    value: {r.layer}",
        "    effect: NoSchedule",
    ])
    first = blocks[0] if r.calls else None
    rest = blocks[1:] if r.calls else blocks
    rng.shuffle(rest)
    lines = list(head) + (first or [])
    for block in rest:
        if len(lines) >= target:
            break
        if len(lines) + len(block) <= 80:
            lines += block
    filler = 0
    while len(lines) < 40:  # always reached before: the blocks above add up to more than 80
        filler += 1
        lines += [f"# -- Додатковий параметр {filler}.", f"extraSetting{filler}: true"]
    return lines


def _release_yaml(c: Cluster, r: Release, rng: random.Random) -> str:
    lines = ["apiVersion: helm.toolkit.fluxcd.io/v2", "kind: HelmRelease",
             *_meta(r.name, r.namespace, _release_description(c, r)), "spec:",
             "  interval: 30m", f"  timeout: {rng.choice((5, 10, 15))}m"]
    if r.depends:
        lines.append("  dependsOn:")
        for dep in r.depends:
            lines.append(f"    - name: {dep.name}")
            if dep.namespace != r.namespace:
                lines.append(f"      namespace: {dep.namespace}")
    if r.oci:
        lines += ["  chartRef:", "    kind: OCIRepository", f"    name: {r.name}"]
    else:
        lines += ["  chart:", "    spec:", f"      chart: {r.chart.chart}",
                  f"      version: \"{r.chart.version}\"", "      sourceRef:",
                  "        kind: HelmRepository", f"        name: {r.name}",
                  "      interval: 12h"]
    lines += ["  install:", "    crds: CreateReplace", "    remediation:", "      retries: 3",
              "  upgrade:", "    crds: CreateReplace", "    cleanupOnFail: true",
              "    remediation:", "      retries: 3", "      remediateLastFailure: true",
              "  driftDetection:", "    mode: enabled"]
    if r.values_from:
        lines += ["  valuesFrom:", "    - kind: ConfigMap", f"      name: {r.name}-values",
                  "      valuesKey: values.yaml"]
    lines.append("  values:")
    lines += [f"    {line}" for line in _values(c, r, rng)]
    return "\n".join(lines) + "\n"


def _source_yaml(c: Cluster, r: Release, rng: random.Random) -> str:
    if r.oci:
        description = (f"OCI-артефакт чарта {r.chart.chart} {r.chart.version} для HelmRelease "
                       f"{r.name} у кластері {c.name}.")
        lines = ["apiVersion: source.toolkit.fluxcd.io/v1", "kind: OCIRepository",
                 *_meta(r.name, r.namespace, description), "spec:", "  interval: 12h",
                 f"  url: {r.chart.oci}", "  ref:", f"    tag: \"{r.chart.version}\"",
                 "  layerSelector:",
                 "    mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip",
                 "    operation: copy"]
    else:
        description = (f"Helm-репозиторій {r.chart.repo} ({r.chart.url}): джерело чарта "
                       f"{r.chart.chart} для HelmRelease {r.name}.")
        lines = ["apiVersion: source.toolkit.fluxcd.io/v1", "kind: HelmRepository"]
        if rng.random() < 0.7:  # sources may inherit their description from their users
            lines += _meta(r.name, r.namespace, description)
        else:
            lines += ["metadata:", f"  name: {r.name}", f"  namespace: {r.namespace}"]
        lines += ["spec:", "  interval: 12h", f"  url: {r.chart.url}"]
    return "\n".join(lines) + "\n"


def _configmap_yaml(r: Release) -> str:
    return "\n".join([
        "# Значення, спільні для всіх кластерів середовища; HelmRelease читає їх через valuesFrom.",
        "apiVersion: v1", "kind: ConfigMap", "metadata:", f"  name: {r.name}-values",
        f"  namespace: {r.namespace}", "data:", "  values.yaml: |", "    podLabels:",
        f"      acme.example/owner: {r.namespace}", "    logLevel: info", ""])


def _enc(rng: random.Random, size: int, kind: str = "str") -> str:
    def b64(n: int) -> str:
        return base64.b64encode(bytes(rng.getrandbits(8) for _ in range(n))).decode()

    return f"ENC[AES256_GCM,data:{b64(size)},iv:{b64(32)},tag:{b64(16)},type:{kind}]"


def _sops_secret_yaml(r: Release, rng: random.Random) -> str:
    """A Secret as `sops --encrypt` leaves it: values encrypted, metadata in plain text."""
    armor = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(180))).decode()
    return "\n".join([
        "apiVersion: v1", "kind: Secret", "metadata:", f"    name: {r.name}-credentials",
        f"    namespace: {r.namespace}", "type: Opaque", "stringData:",
        f"    username: {_enc(rng, 8)}", f"    password: {_enc(rng, 24)}", "sops:",
        "    age:", f"        - recipient: {AGE_RECIPIENT}",
        "          enc: |", "            -----BEGIN AGE ENCRYPTED FILE-----",
        *[f"            {armor[i:i + 64]}" for i in range(0, len(armor), 64)],
        "            -----END AGE ENCRYPTED FILE-----",
        "    lastmodified: \"2026-01-12T10:00:00Z\"", f"    mac: {_enc(rng, 32)}",
        "    encrypted_regex: ^(data|stringData)$", "    version: 3.10.2", ""])


def _kustomization(resources: list[str], comment: str | None = None) -> str:
    lines = [f"# {comment}"] if comment else []
    lines += ["apiVersion: kustomize.config.k8s.io/v1beta1", "kind: Kustomization",
              "resources:", *[f"  - {r}" for r in resources]]
    return "\n".join(lines) + "\n"


def _release_readme(c: Cluster, r: Release) -> str:
    source = (f"OCI-артефакт `{r.chart.oci}`" if r.oci
              else f"Helm-репозиторій `{r.chart.url}`")
    lines = [f"# {r.name}", "", _release_description(c, r), "",
             f"Чарт `{r.chart.chart}` версії `{r.chart.version}` береться з {source}. Версію "
             "закріплено: оновлення приходить окремим pull request, який змінює `release.yaml`.",
             ""]
    if r.depends or r.calls:
        lines += ["## Залежності", ""]
        lines += [f"- `{d.name}` у просторі імен `{d.namespace}`: Flux чекає на його готовність."
                  for d in r.depends]
        lines += [f"- `{d.url}`: адреса сервісу, до якого звертається реліз." for d in r.calls]
        lines.append("")
    lines += ["## Експлуатація", "", "Стан релізу і останні події:", "", "```bash",
              f"flux get helmreleases -n {r.namespace} {r.name}",
              f"kubectl -n {r.namespace} get pods -l app.kubernetes.io/instance={r.name}",
              "```", ""]
    if r.credentials:
        lines += [f"Облікові дані лежать у Secret `{r.name}-credentials`, зашифрованому SOPS "
                  "(`credentials.sops.yaml`); Flux розшифровує його ключем age із Secret "
                  "`flux-system/sops-age`. Змінити: `sops credentials.sops.yaml`.", ""]
    return "\n".join(lines)


# -- writing -------------------------------------------------------------------------------


def _write(root: Path, rel: str, text: str, counter: list[int]) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    counter[0] += 1


def _write_cluster(root: Path, c: Cluster, seed: int, counter: list[int]) -> None:
    base = f"clusters/{c.name}"
    rng = random.Random(f"flux-fleet-text:{seed}:{c.name}")
    by_ns: dict[str, list[Release]] = {}
    for r in c.releases:
        by_ns.setdefault(r.namespace, []).append(r)

    def w(rel: str, text: str) -> None:
        _write(root, f"{base}/{rel}", text, counter)

    w("README.md", "\n".join([
        f"# Кластер {c.name}", "",
        f"{c.env_uk.capitalize()} середовище в регіоні {c.region}. Flux синхронізує цей кластер "
        f"із директорією `clusters/{c.name}` гілки `main` репозиторію {GIT_URL}.", "",
        "Два шари Flux Kustomization: `infra` (служби платформи) і `apps` (сервіси команд), "
        "який чекає на `infra`.", "",
        f"У кластері {len(c.releases)} релізів Helm у {len(c.namespaces)} просторах імен.", ""]))
    w("kustomization.yaml", _kustomization(
        ["flux-system", "infra.yaml", "apps.yaml"],
        "Що застосовує коренева Flux Kustomization flux-system; шари мають свої Kustomization."))
    w("flux-system/README.md", "\n".join([
        "# flux-system", "",
        "Файли, які пише `flux bootstrap`: компоненти Flux і синхронізація кластера з Git. "
        "Не редагуйте `gotk-components.yaml` вручну: його перезаписує bootstrap.", ""]))
    w("flux-system/gotk-components.yaml", "\n".join([
        "# Цей файл генерує `flux bootstrap`: компоненти Flux v2.7, їхні CRD, простір імен",
        "# flux-system і RBAC. Тут лише заглушка синтетичного репозиторію для вимірювань.", ""]))
    w("flux-system/kustomization.yaml", _kustomization(["gotk-components.yaml", "gotk-sync.yaml"]))
    w("flux-system/gotk-sync.yaml", "\n".join([
        "---", "apiVersion: source.toolkit.fluxcd.io/v1", "kind: GitRepository",
        *_meta("flux-system", "flux-system",
               f"Git-репозиторій флоту, гілка main: джерело правди для кластера {c.name}."),
        "spec:", "  interval: 1m0s", "  ref:", "    branch: main", "  secretRef:",
        "    name: flux-system", f"  url: {GIT_URL}",
        "---", "apiVersion: kustomize.toolkit.fluxcd.io/v1", "kind: Kustomization",
        *_meta("flux-system", "flux-system",
               f"Коренева синхронізація кластера {c.name}: застосовує clusters/{c.name}, тобто "
               "компоненти Flux і Flux Kustomization шарів infra та apps."),
        "spec:", "  interval: 10m0s", f"  path: ./clusters/{c.name}", "  prune: true",
        "  sourceRef:", "    kind: GitRepository", "    name: flux-system", ""]))

    layers = (("infra", "служби платформи: сертифікати, вхідний трафік, моніторинг, безпека",
               None),
              ("apps", "сервіси команд продукту та їхні сховища даних", "infra"))
    for layer, what, after in layers:
        namespaces = [ns for ns, (lay, _) in c.namespaces.items() if lay == layer]
        if not namespaces:
            continue
        text = f"Шар {layer} кластера {c.name}: {what}."
        if after:
            text += f" Застосовується лише після того, як готовий шар {after}."
        doc = ["---", "apiVersion: kustomize.toolkit.fluxcd.io/v1", "kind: Kustomization",
               *_meta(layer, "flux-system", text), "spec:"]
        if after:
            doc += ["  dependsOn:", f"    - name: {after}"]
        doc += ["  interval: 10m", "  retryInterval: 1m", "  timeout: 15m", "  sourceRef:",
                "    kind: GitRepository", "    name: flux-system",
                f"  path: ./clusters/{c.name}/{layer}", "  prune: true",
                f"  wait: {'true' if layer == 'infra' else 'false'}", "  decryption:",
                "    provider: sops", "    secretRef:", "      name: sops-age", "  postBuild:",
                "    substitute:", f"      cluster_name: {c.name}", f"      cluster_env: {c.env}",
                ""]
        w(f"{layer}.yaml", "\n".join(doc))
        w(f"{layer}/README.md", "\n".join([
            f"# Шар {layer}", "", text, "",
            "Кожен простір імен має свою директорію з `namespace.yaml` і директоріями релізів.",
            ""]))
        w(f"{layer}/kustomization.yaml", _kustomization(namespaces))
        for ns in namespaces:
            area = c.namespaces[ns][1]
            rels = by_ns.get(ns, [])
            ns_text = (f"Простір імен {ns} кластера {c.name}: {area}. Тут {len(rels)} релізів "
                       f"Helm шару {layer}.")
            w(f"{layer}/{ns}/README.md", "\n".join([
                f"# {ns}", "", ns_text, "",
                "| Реліз | Чарт |", "|---|---|",
                *[f"| `{r.name}` | `{r.chart.chart}` |" for r in rels], ""]))
            w(f"{layer}/{ns}/namespace.yaml", "\n".join([
                "apiVersion: v1", "kind: Namespace", *_meta(ns, None, ns_text)[:1],
                f"  name: {ns}", "  labels:", f"    acme.example/layer: {layer}",
                *_meta(ns, None, ns_text)[2:], ""]))
            w(f"{layer}/{ns}/kustomization.yaml",
              _kustomization(["namespace.yaml", *[r.name for r in rels]]))
            for r in rels:
                resources = ["repository.yaml", "release.yaml"]
                if r.values_from:
                    resources.append("values-configmap.yaml")
                    w(f"{r.directory}/values-configmap.yaml", _configmap_yaml(r))
                if r.credentials:
                    resources.append("credentials.sops.yaml")
                    w(f"{r.directory}/credentials.sops.yaml", _sops_secret_yaml(r, rng))
                w(f"{r.directory}/kustomization.yaml", _kustomization(resources))
                w(f"{r.directory}/repository.yaml", _source_yaml(c, r, rng))
                w(f"{r.directory}/release.yaml", _release_yaml(c, r, rng))
                w(f"{r.directory}/README.md", _release_readme(c, r))


def generate(dest: Path, clusters: int, releases: int, seed: int = 0) -> Fleet:
    """Write a fleet of ``clusters`` clusters with ``releases`` HelmReleases each into ``dest``.

    ``dest`` must not exist or be empty. Returns what was written.
    """
    if clusters < 1 or releases < 1:
        raise ValueError("clusters and releases must be at least 1")
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise FileExistsError(f"{dest} is not empty")
    dest.mkdir(parents=True, exist_ok=True)
    counter = [0]
    _write(dest, "pyproject.toml", POLICY, counter)
    _write(dest, "README.md", "\n".join([
        "# Синтетичний флот Flux", "",
        f"{clusters} кластерів по {releases} релізів Helm, згенеровані `tests/bench/fleet.py` "
        f"(seed {seed}) для вимірювання швидкодії flux-catalog.", ""]), counter)
    _write(dest, "clusters/README.md", "\n".join([
        "# Кластери", "", "Кожна директорія тут — один кластер, який Flux синхронізує з Git.",
        ""]), counter)
    names = []
    for index in range(clusters):
        cluster = _plan_cluster(index, releases, seed)
        _write_cluster(dest, cluster, seed, counter)
        names.append(cluster.name)
    return Fleet(dest, tuple(names), clusters * releases, counter[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="directory to write (must not exist or be empty)")
    parser.add_argument("--clusters", type=int, default=10)
    parser.add_argument("--releases", type=int, default=100, help="HelmReleases per cluster")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--force", action="store_true",
                        help="delete DEST first if it exists (only a directory this script made)")
    args = parser.parse_args(argv)
    if args.force and args.dest.exists():
        if not (args.dest / "clusters").is_dir() or not (args.dest / "pyproject.toml").is_file():
            parser.error(f"--force: {args.dest} does not look like a generated fleet")
        shutil.rmtree(args.dest)
    try:
        fleet = generate(args.dest, args.clusters, args.releases, args.seed)
    except (FileExistsError, ValueError) as exc:
        parser.error(str(exc))
    print(f"{fleet.root}: {len(fleet.clusters)} clusters, {fleet.releases} HelmReleases, "
          f"{fleet.files} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
