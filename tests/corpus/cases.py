"""The labelled cases of the corpus, by category (see :mod:`.build`)."""

from __future__ import annotations

from typing import Any

from . import tokens as t
from .build import _helmrelease, _indent, _meta


def add_all(c: Any) -> None:
    _token_formats(c)
    _credential_keys(c)
    _secret_objects(c)
    _free_text(c)
    _workloads(c)
    _patches_and_generators(c)
    _entropy(c)
    _non_secrets(c)


def _token_formats(c: Any) -> None:
    """Each format under a neutral key, in a list, in a URL or header, in a ConfigMap."""
    formats = t.token_formats()
    lines, secrets = [], []
    for i, (category, value) in enumerate(formats[:24]):
        lines.append(f"setting{i}: \"{value}\"")
        secrets.append((f"token: {category}", value, ""))
    c.add("tokens-hr.yaml", _helmrelease(c.name(), "\n".join(lines) + "\n"), secrets)
    data, secrets = [], []
    for i, (category, value) in enumerate(formats[24:]):
        data.append(f"  entry{i}: {value}")
        secrets.append((f"token: {category}", value, ""))
    c.add("tokens-cm.yaml", _meta("ConfigMap", "v1", c.name()) + "data:\n" + "\n".join(data)
          + "\n", secrets)
    # A second token of each format, written the ways configs write them: list items,
    # headers, query strings, shell exports inside a block scalar.
    second = t.token_formats()
    items, script, secrets = [], [], []
    for i, (category, value) in enumerate(second):
        if i % 3 == 0:
            items.append(f"  - {value}")
        elif i % 3 == 1:
            items.append(f"  - \"X-Api-Key: {value}\"")
        else:
            script.append(f"    export VAR_{i}='{value}'")
        secrets.append((f"token (2nd form): {category}", value, ""))
    values = "extraItems:\n" + "\n".join(items) + "\ninit: |\n" + "\n".join(script) + "\n"
    c.add("tokens2-hr.yaml", _helmrelease(c.name(), values), secrets)


def _credential_keys(c: Any) -> None:
    pairs = [
        ("password", "Xk9#fake-Pa55w0rd"), ("adminPassword", "FakeAdm1n!2026"),
        ("rootPassword", "r00t-FAKE-pw-71"), ("DB_PASSWORD", "db-fake-9f3k2"),
        ("client_secret", "cs-FAKE-8d7f6e5d4c3b"), ("clientSecret", "Zf8kq2FAKEsecretVal"),
        ("apiKey", "ak-FAKE-3b8e1c9d"), ("api-key", "k3y-FAKE-0a9b8c7"),
        ("api_key", "FAKEapiKEY12345xyz"), ("secretKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY1"),
        ("token", "tkn-FAKE-77aa88bb"), ("accessToken", "at.FAKE.9911zz"),
        ("auth", "fakeuser:fakepass-19"), ("basicAuth", "admin:FAKE-b4s1c"),
        ("dsn", "https://f4k3e0c0ffee@o12345.ingest.sentry.io/4242"),
        ("connectionString", "Server=db;Database=app;User Id=sa;Password=FakeConn#77;"),
        ("passphrase", "correct horse battery FAKE"), ("smtp_pass", "smtp-FAKE-pw-5"),
        ("jwtSecret", "jwt-FAKE-s1gn1ng-k3y"), ("cookieSecret", "c00kie-FAKE-7h8j9k"),
        ("webhookSecret", "whsec_FAKE0a1b2c3d4e5f"), ("encryptionKey", "enc-FAKE-K3Y-000111"),
        ("пароль", "ФейковийПароль-2026"), ("токен", "фейк-токен-81726354"),
        ("секрет", "fake-sekret-1029x"), ("ключ_api", "fake-kljuch-api-5566"),
        ("секретний_ключ", "fake-sekretnyj-9988"), ("пароль_адміністратора", "Adm-FAKE-уа-31"),
        ("bearerToken", "brr-FAKE-tok-4455"), ("privateKey", "pk-FAKE-material-0912"),
        ("masterKey", "mk-FAKE-3344-ffee"), ("licenseKey", "LIC-FAKE-1234-ABCD-9876"),
    ]
    defaults = [("grafanaPassword", "admin"), ("dbPassword", "changeme"),
                ("adminPass", "prom-operator"), ("redisPassword", "password"),
                ("minioPassword", "minioadmin")]
    body = "\n".join(f"{k}: \"{v}\"" for k, v in pairs + defaults) + "\n"
    secrets = [(f"key: {k}", v, f"{k}: \"{v}\"") for k, v in pairs]
    secrets += [(f"default password: {k}", v, f"{k}: \"{v}\"") for k, v in defaults]
    nested = ("database:\n  existingSecret: \"\"\n  rootUser: admin\n"
              "  rootPasswordNested: n3st3d-FAKE-pw\ngrafana.ini:\n  security:\n"
              "    admin_password: ini-FAKE-pw-42\n")
    secrets += [("key: nested", "n3st3d-FAKE-pw", ""),
                ("key: grafana.ini", "ini-FAKE-pw-42", "")]
    c.add("keys-hr.yaml", _helmrelease(c.name(), body + nested), secrets)


def _secret_objects(c: Any) -> None:
    values = [f"sd-FAKE-{i}-{t.rand(10)}" for i in range(6)]
    data = "\n".join(f"  key{i}: {t.b64(v)}" for i, v in enumerate(values[:3]))
    string = "\n".join(f"  item{i}: {v}" for i, v in enumerate(values[3:]))
    key, first = t.pem()
    text = (_meta("Secret", "v1", c.name()) + "type: Opaque\ndata:\n" + data
            + "\nstringData:\n" + string + "\n  tls.key: |\n" + _indent(key, 4) + "\n")
    secrets = [("Secret data", t.b64(v), "") for v in values[:3]]
    secrets += [("Secret stringData", v, "") for v in values[3:]]
    secrets.append(("Secret PEM", first, "-----BEGIN RSA"))
    c.add("secret.yaml", text, secrets)
    b64key = t.b64(t.pem("PRIVATE KEY")[0])
    c.add("secret-tls.yaml", _meta("Secret", "v1", c.name())
          + f"type: kubernetes.io/tls\ndata:\n  tls.crt: \"\"\n  tls.key: {b64key}\n",
          [("Secret tls.key base64", b64key, "")])


def _free_text(c: Any) -> None:
    pw = [f"FAKE-{t.mixed(10)}" for _ in range(20)]
    netrc = f"machine api.example.com\n  login deploy\n  password {pw[0]}\n"
    pgpass = f"db.example.com:5432:app:app_user:{pw[1]}\n"
    xml = (f"<settings>\n  <server>\n    <id>nexus</id>\n    <username>ci</username>\n"
           f"    <password>{pw[2]}</password>\n  </server>\n</settings>\n")
    appconfig = (f"<configuration>\n  <appSettings>\n    <add key=\"ApiKey\" value=\"{pw[3]}\" />\n"
                 "  </appSettings>\n</configuration>\n")
    ini = f"[database]\nhost = db\nuser = app\npassword = {pw[4]}\n"
    redis = f"port 6379\nrequirepass {pw[5]}\nmasterauth {pw[6]}\n"
    script = (f"#!/bin/sh\ncurl -u deploy:{pw[7]} https://repo.example.com/upload\n"
              f"export API_TOKEN={pw[8]}\nmysql --password={pw[9]} -h db\n")
    props = (f"spring.datasource.url=jdbc:postgresql://db:5432/app\n"
             f"spring.datasource.password={pw[10]}\n")
    env = f"DATABASE_URL=postgres://app:{pw[11]}@db:5432/app\nSECRET_KEY_BASE={pw[12]}\n"
    multi = (f"first:\n  password: {pw[13]}\nsecond:\n  password: {pw[14]}\n")
    docker = f'{{"auths":{{"ghcr.io":{{"auth":"{t.b64("bot:" + pw[15])}"}}}}}}\n'
    blocks = {".netrc": netrc, ".pgpass": pgpass, "settings.xml": xml, "app.config": appconfig,
              "db.ini": ini, "redis.conf": redis, "upload.sh": script,
              "application.properties": props, "app.env": env, "multi.yaml": multi,
              "config.json": docker}
    text = _meta("ConfigMap", "v1", c.name()) + "data:\n" + "".join(
        f"  {name}: |\n" + _indent(body, 4) for name, body in blocks.items())
    secrets = [(f"text: {name}", value, "") for name, value in (
        (".netrc", pw[0]), (".pgpass", pw[1]), ("XML element", pw[2]), ("XML add", pw[3]),
        ("ini", pw[4]), ("requirepass", pw[5]), ("masterauth", pw[6]), ("curl -u", pw[7]),
        ("export", pw[8]), ("--password=", pw[9]), ("properties", pw[10]),
        ("URL password", pw[11]), ("env file", pw[12]), ("block 1", pw[13]),
        ("block 2", pw[14]))]
    secrets.append(("text: docker auth", t.b64("bot:" + pw[15]), ""))
    c.add("configmap-text.yaml", text, secrets)
    # comments: two in one comment, helm-docs, commented-out YAML, description annotation
    values = (f"# -- admin password, for tests: password={pw[16]}\nreplicas: 1\n"
              f"# token: {pw[17]}, secret: {pw[18]}\nimage: nginx\n")
    hr = _helmrelease(c.name(), values).replace(
        "kubernetes.io/description: Тестовий об'єкт корпусу.",
        f"kubernetes.io/description: \"Сервіс; пароль адміністратора: {pw[19]}\"")
    c.add("comments-hr.yaml", hr, [
        ("comment: helm-docs", pw[16], ""), ("comment: two in one (1)", pw[17], ""),
        ("comment: two in one (2)", pw[18], ""), ("description annotation", pw[19], "")])


def _workloads(c: Any) -> None:
    pw = [f"wl-FAKE-{t.mixed(10)}" for _ in range(8)]
    text = (_meta("Deployment", "apps/v1", c.name())
            + "spec:\n  selector:\n    matchLabels: {app: w}\n  template:\n    metadata:\n"
            "      labels: {app: w}\n    spec:\n      containers:\n        - name: app\n"
            "          image: ghcr.io/example/app:1.2.3\n          args:\n"
            f"            - --token\n            - {pw[0]}\n            - --password={pw[1]}\n"
            "            - --api-key\n"
            f"            - \"{pw[2]}\"\n"
            f"          command: [\"sh\", \"-c\", \"app --secret {pw[3]}\"]\n"
            "          env:\n            - name: DB_PASSWORD\n"
            f"              value: {pw[4]}\n            - name: AWS_SECRET_ACCESS_KEY\n"
            f"              value: {t.mixed(40)}\n            - name: GITHUB_TOKEN\n"
            f"              value: {pw[5]}\n            - name: REDIS_URL\n"
            f"              value: redis://:{pw[6]}@redis:6379/0\n")
    aws = text.split("AWS_SECRET_ACCESS_KEY\n              value: ")[1].split("\n")[0]
    c.add("deployment.yaml", text, [
        ("args: --token next item", pw[0], ""), ("args: --password=", pw[1], ""),
        ("args: --api-key next item", pw[2], ""), ("command: --secret", pw[3], ""),
        ("env: DB_PASSWORD", pw[4], ""), ("env: AWS secret", aws, ""),
        ("env: GITHUB_TOKEN", pw[5], ""), ("env: URL password", pw[6], "")])


def _patches_and_generators(c: Any) -> None:
    pw = [f"pt-FAKE-{t.mixed(10)}" for _ in range(12)]
    flux = (_meta("Kustomization", "kustomize.toolkit.fluxcd.io/v1", c.name())
            + "spec:\n  interval: 1h\n  path: ./apps\n  prune: true\n  sourceRef:\n"
            "    kind: GitRepository\n    name: flux-system\n  patches:\n    - patch: |\n"
            "        apiVersion: apps/v1\n        kind: Deployment\n        metadata:\n"
            "          name: web\n        spec:\n          template:\n            spec:\n"
            "              containers:\n                - name: web\n                  env:\n"
            "                    - name: ADMIN_PASSWORD\n"
            f"                      value: {pw[0]}\n      target:\n        kind: Deployment\n"
            "  postBuild:\n    substitute:\n"
            f"      DB_PASS: {pw[1]}\n      CLUSTER: corpus\n")
    c.add("flux-patches.yaml", flux, [("Flux Kustomization patch", pw[0], ""),
                                      ("postBuild.substitute", pw[1], "")])
    post = ("  postRenderers:\n    - kustomize:\n        patches:\n          - patch: |\n"
            "              - op: add\n"
            "                path: /spec/template/spec/containers/0/env/-\n"
            "                value: {name: API_TOKEN, value: "
            f"{pw[2]}}}\n            target:\n              kind: Deployment\n")
    c.add("postrenderers-hr.yaml", _helmrelease(c.name(), "replicas: 1\n", post),
          [("HelmRelease postRenderers", pw[2], "")])
    gen = "clusters/corpus/gen"
    c.files[f"{gen}/deployment.yaml"] = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: gen-app\n"
        "  annotations:\n    kubernetes.io/description: Застосунок із генератором.\n"
        "spec:\n  selector:\n    matchLabels: {app: g}\n  template:\n    metadata:\n"
        "      labels: {app: g}\n    spec:\n      containers:\n        - name: app\n"
        "          image: nginx:1.27\n")
    patch = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: gen-app\nspec:\n"
             "  template:\n    spec:\n      containers:\n        - name: app\n          env:\n"
             f"            - name: SMTP_PASSWORD\n              value: {pw[3]}\n")
    kust = ("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
            f"namespace: corpus\nresources:\n  - deployment.yaml\npatches:\n  - path: patch.yaml\n"
            "secretGenerator:\n  - name: gen-secret\n    literals:\n"
            f"      - password={pw[4]}\n      - token={pw[5]}\n    envs:\n      - app.env\n")
    c.add("gen/patch.yaml", patch, [("kustomize patch file", pw[3], "")])
    c.add("gen/kustomization.yaml", kust, [("secretGenerator literal", pw[4], ""),
                                           ("secretGenerator literal", pw[5], "")])
    c.add("gen/app.env", f"API_KEY={pw[6]}\nDB_PASSWORD={pw[7]}\n",
          [("secretGenerator env", pw[6], ""), ("secretGenerator env", pw[7], "")])


def _entropy(c: Any) -> None:
    r = [t.mixed(32), t.mixed(40), t.rand(64, t.HEX), t.mixed(28)]
    access = "AKIA" + t.rand(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    secret_key = t.rand(40, t.ALNUM + "/+")
    values = (f"oidc:\n  clientID: my-app\n  issuer: https://id.example.com\n  key: {r[0]}\n"
              f"s3:\n  accessKeyId: {access}\n  secret: {secret_key}\n  bucket: backups\n"
              f"encryption:\n  value: {r[2]}\nsession:\n  signing: {r[1]}\n"
              f"backup:\n  id: {access[:4].lower()}x\n  remote: {access}\n  other: {r[3]}\n")
    c.add("entropy-hr.yaml", _helmrelease(c.name(), values), [
        ("entropy: oidc key", r[0], ""), ("AWS access key", access, f"accessKeyId: {access}"),
        ("entropy: AWS secret beside access key", secret_key, ""),
        ("entropy: encryption value", r[2], ""), ("entropy: session signing", r[1], ""),
        ("entropy: beside access key", r[3], "")])


def _non_secrets(c: Any) -> None:
    """Shapes real repositories write that are *not* credentials."""
    es = (_meta("ExternalSecret", "external-secrets.io/v1", "app-secret")
          + "spec:\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: onepassword\n"
          "  target:\n    name: app-credentials\n  data:\n")
    others = []
    for i, (key, prop) in enumerate([("password", "password"), ("token", "credential"),
                                     ("api-key", "apikey"), ("secret", "secret"),
                                     ("client_secret", "client-secret"),
                                     ("DB_PASSWORD", "db-password")]):
        es += (f"    - secretKey: {key}\n      remoteRef:\n        key: app-item-{i}\n"
               f"        property: {prop}\n")
        others.append(("ExternalSecret secretKey", key, f"- secretKey: {key}"))
        others.append(("ExternalSecret remoteRef", f"app-item-{i}", f"key: app-item-{i}"))
    c.add("ok-externalsecret.yaml", es, others=others)
    push = (_meta("PushSecret", "external-secrets.io/v1alpha1", "push")
            + "spec:\n  selector:\n    secret:\n      name: pg-app\n  data:\n"
            "    - match:\n        secretKey: password\n        remoteRef:\n"
            "          remoteKey: pg-password\n")
    c.add("ok-pushsecret.yaml", push, others=[
        ("PushSecret match.secretKey", "password", "secretKey: password"),
        ("PushSecret remoteKey", "pg-password", "")])
    refs = [
        ("githubConfigSecret", "my-secret"), ("existingSecret", "grafana-admin"),
        ("existingSecretPasswordKey", "admin-password"), ("passwordSecretName", "db-creds"),
        ("tlsSecretName", "wildcard-tls"), ("passwordKey", "password"),
        ("tokenSecretRef", "bot-token"), ("secretName", "app-secret"),
        ("credentialsSecret", "s3-credentials"), ("adminPasswordSecret", "grafana-admin-pw"),
        ("userSecretKey", "username"), ("tokenKey", "token"),
        ("passwordFile", "/run/secrets/db_password"), ("tokenPath", "/var/run/token"),
        ("apiKeyEnv", "OPENAI_API_KEY"), ("secretKey", "RCON_PASSWORD"),
        ("password", "${DB_PASSWORD}"), ("token", "${BOT_TOKEN:=}"),
        ("apiKey", "$(API_KEY)"), ("clientSecret", "{{ .Values.oidc.secret }}"),
        ("adminPassword", "op://homelab/grafana/password"),
        ("rootPassword", "vault:secret/data/db#password"),
        ("dbPassword", "ref+vault://secret/db#/password"),
        ("openaiKey", "os.environ/OPENAI_API_KEY"),
        ("secret_key", "ref+sops://secrets.yaml#/key"),
        ("maxInputTokens", "1000000"), ("maxOutputTokens", "64000"), ("maxTokens", "200000"),
        ("disable_login_form", "true"), ("oauth_allow_insecure_email_lookup", "true"),
        ("passwordLength", "32"), ("tokenTTL", "24h"), ("authType", "basic"),
        ("tokenUrl", "https://id.example.com/token"), ("authEnabled", "false"),
        ("HIDE_LOCAL_AUTH", "\"true\""), ("enableSecrets", "yes"),
        ("tokenizer", "cl100k_base"), ("author", "Jane Example"),
        ("username", "admin-user"), ("client_id", "a1b2c3d4e5f6a7b8c9d0"),
        ("clientID", "3f2c9a7e-1b4d-4c8e-9f6a-2d5b8e7c1a30"),
        ("password", "\"\""), ("token", "null"), ("secretKey", "password"),
        ("password", "see the vault entry"), ("пароль", "зберігається у Vault"),
        ("requireAuth", "true"), ("secretsEnabled", "true"), ("keyAlgorithm", "RSA"),
        ("tokenAudience", "sts.amazonaws.com"), ("authPort", "9091"),
        ("secretStoreName", "vault-backend"), ("tokenSecretKey", "api-token"),
        ("passwordSecretKeyRef", "postgres-password"), ("sshKnownHosts", "github.com"),
        ("oidcClientSecretName", "oidc-client"), ("auth_method", "oidc"),
        ("credentialsProvider", "aws"), ("tokenIssuer", "https://kubernetes.default.svc"),
        ("secretMountPath", "/etc/secrets"), ("authorizationMode", "RBAC"),
        ("passwordPolicy", "strong"), ("tokenRefreshInterval", "5m"),
    ]
    values = "".join(f"k{i}:\n  {key}: {value}\n" for i, (key, value) in enumerate(refs))
    values += ("image:\n  repository: ghcr.io/example/app\n  tag: v1.2.3@sha256:"
               + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n"
               "  digest: sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae\n"
               "podAnnotations:\n  secret.reloader.stakater.com/reload: cloudflare-dns\n"
               "  checksum/secret: "
               "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8\n"
               "featureGates: ExternalSecrets=true,TokenRequest=true\n"
               "headersToExtAuth:\n  - authorization\n  - cookie\n"
               "valueFrom:\n  secretKeyRef:\n    name: db-secret\n    key: password\n"
               "serviceAccountToken: true\nautomountServiceAccountToken: false\n"
               "url: http://loki-gateway.monitoring.svc.cluster.local:80\n"
               "commit: 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n")
    others = [(f"reference: {key}", value, f"{key}: {value}") for key, value in refs]
    others += [
        ("image tag digest",
         "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", ""),
        ("digest", "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", ""),
        ("reloader annotation", "cloudflare-dns", "stakater.com/reload: cloudflare-dns"),
        ("checksum annotation",
         "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8", ""),
        ("feature gates", "ExternalSecrets=true,TokenRequest=true", ""),
        ("header names", "authorization", "- authorization"),
        ("secretKeyRef", "db-secret", "name: db-secret"),
        ("serviceAccountToken", "true", "serviceAccountToken: true"),
        ("git commit", "4b825dc642cb6eb9a060e54bf8d69288fbee4904", ""),
        ("service URL", "http://loki-gateway.monitoring.svc.cluster.local:80", ""),
    ]
    c.add("ok-values-hr.yaml", _helmrelease("ok-values", values), others=others)
    sops = (_meta("Secret", "v1", "sops-secret") + "type: Opaque\nstringData:\n"
            "    #ENC[AES256_GCM,data:tOJ1xFAKE6oR,iv:DHlEFAKE=,tag:N8FAKE==,type:comment]\n"
            "    password: ENC[AES256_GCM,data:eLJlFAKEWkmY=,iv:ulfFAKE=,tag:bZFAKE==,type:str]\n"
            "sops:\n    age:\n        - recipient: age1fakefakefakefake\n"
            "          enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n"
            "            YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBGQUtF\n"
            "            -----END AGE ENCRYPTED FILE-----\n"
            "    lastmodified: \"2026-01-01T00:00:00Z\"\n"
            "    mac: ENC[AES256_GCM,data:FAKEmac=,iv:FAKE=,tag:FAKE==,type:str]\n"
            "    version: 3.9.0\n")
    c.add("ok-sops.yaml", sops, others=[
        ("SOPS value", "ENC[AES256_GCM,data:eLJlFAKEWkmY=", ""),
        ("SOPS comment", "#ENC[AES256_GCM,data:tOJ1xFAKE6oR", ""),
        ("SOPS metadata", "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBGQUtF", "")])
    cert = (_meta("Certificate", "cert-manager.io/v1", "wildcard")
            + "spec:\n  secretName: wildcard-tls\n  issuerRef:\n    name: letsencrypt\n"
            "    kind: ClusterIssuer\n  dnsNames: [\"*.example.com\"]\n")
    sealed = (_meta("SealedSecret", "bitnami.com/v1alpha1", "sealed")
              + "spec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq"
              "FAKEsealedFAKEsealed0123456789abcdef==\n")
    c.add("ok-cert.yaml", cert, others=[("Certificate secretName", "wildcard-tls",
                                         "secretName: wildcard-tls")])
    c.add("ok-sealed.yaml", sealed, others=[
        ("SealedSecret", "AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq", "")])
    dep = (_meta("Deployment", "apps/v1", "ok-deploy")
           + "spec:\n  selector:\n    matchLabels: {app: ok}\n  template:\n    metadata:\n"
           "      labels: {app: ok, secret-rotation: enabled}\n    spec:\n"
           "      containers:\n        - name: app\n"
           "          image: ghcr.io/example/token-service:2.0.1\n"
           "          args: [\"--token-file=/var/run/secrets/token\", \"--password-stdin\"]\n"
           "          envFrom:\n            - secretRef:\n                name: app-env\n"
           "          env:\n            - name: TOKEN_FILE\n              value: /run/token\n"
           "            - name: PASSWORD_MIN_LENGTH\n              value: \"12\"\n"
           "            - name: AUTH_URL\n              value: https://auth.example.com\n"
           "            - name: API_KEY\n              valueFrom:\n"
           "                secretKeyRef: {name: api, key: key}\n")
    c.add("ok-deployment.yaml", dep, others=[
        ("image named token", "ghcr.io/example/token-service:2.0.1", ""),
        ("--token-file arg", "--token-file=/var/run/secrets/token", ""),
        ("env TOKEN_FILE", "/run/token", ""), ("env PASSWORD_MIN_LENGTH", "\"12\"", ""),
        ("env AUTH_URL", "https://auth.example.com", ""),
        ("label secret-rotation", "secret-rotation: enabled", "")])
    prom = (_meta("PrometheusRule", "monitoring.coreos.com/v1", "es-rules")
            + "spec:\n  groups:\n    - name: es\n      rules:\n"
            "        - record: job:externalsecret_sync_calls:rate5m\n"
            "          expr: sum(rate(externalsecret_sync_calls_total[5m]))\n"
            "        - alert: TokenExpiring\n"
            "          expr: cert_token_expiry_seconds < 86400\n")
    c.add("ok-prometheusrule.yaml", prom, others=[
        ("recording rule", "job:externalsecret_sync_calls:rate5m", ""),
        ("alert name", "TokenExpiring", "")])
    comments = _helmrelease("ok-comments", (
        "# -- The admin password is read from the secret named in existingSecret.\n"
        "existingSecret: grafana\n"
        "# Set password: in the Secret, never here (see README).\n"
        "# The token comes from ${BOT_TOKEN} at deploy time.\n"
        "# Authorization: Bearer header is forwarded by the proxy\n"
        "replicas: 2\n"))
    c.add("ok-comments-hr.yaml", comments, others=[
        ("helm-docs prose", "The admin password is read from the secret", ""),
        ("comment prose", "Set password: in the Secret", ""),
        ("comment placeholder", "${BOT_TOKEN}", ""),
        ("comment header prose", "Authorization: Bearer header", "")])
