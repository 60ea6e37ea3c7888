"""Fake credentials in the formats providers document, generated from a seeded PRNG.

Nothing here is or was ever a real credential: every value is random text shaped like a
provider's token (prefix, alphabet, length), most with ``FAKE`` or ``EXAMPLE`` inside.
"""

from __future__ import annotations

import base64
import random
import string

_RNG = random.Random(20261201)
ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"


def rand(n: int, alphabet: str = ALNUM) -> str:
    return "".join(_RNG.choice(alphabet) for _ in range(n))


def mixed(n: int) -> str:
    """Random alphanumerics with at least one upper, lower and digit."""
    while True:
        value = rand(n)
        if any(c.isupper() for c in value) and any(c.islower() for c in value) and any(
                c.isdigit() for c in value):
            return value


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def jwt() -> str:
    head = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
    body = base64.urlsafe_b64encode(
        f'{{"sub":"fake-{rand(6)}","name":"FAKE EXAMPLE"}}'.encode()).decode().rstrip("=")
    return f"{head}.{body}.{rand(43, ALNUM + '_-')}"


def pem(kind: str = "RSA PRIVATE KEY") -> tuple[str, str]:
    """A PEM block of random base64 (not a key) and its first body line."""
    lines = [f"MIIE{rand(60, ALNUM + '+/')}"] + [rand(64, ALNUM + "+/") for _ in range(3)]
    return f"-----BEGIN {kind}-----\n" + "\n".join(lines) + f"\n-----END {kind}-----", lines[0]


# (reason, value): one of each format a scanner must know.
def token_formats() -> list[tuple[str, str]]:
    return [
        ("GitHub classic PAT", "ghp_" + mixed(36)),
        ("GitHub OAuth token", "gho_" + mixed(36)),
        ("GitHub app token", "ghs_" + mixed(36)),
        ("GitHub fine-grained PAT", "github_pat_11FAKE" + mixed(17) + "_" + mixed(59)),
        ("GitLab PAT", "glpat-" + rand(20, ALNUM + "_-")),
        ("GitLab runner token", "glrt-" + rand(20, ALNUM)),
        ("Slack bot token", f"xoxb-{rand(11, string.digits)}-{rand(12, string.digits)}-"
                            + rand(24, string.ascii_lowercase + string.digits)),
        ("Slack user token", f"xoxp-{rand(11, string.digits)}-{rand(12, string.digits)}-"
                             + rand(24, string.ascii_lowercase + string.digits)),
        ("Slack webhook", f"https://hooks.slack.com/services/T{rand(8, string.ascii_uppercase)}"
                          f"/B{rand(8, string.ascii_uppercase)}/{mixed(24)}"),
        ("Discord webhook", f"https://discord.com/api/webhooks/{rand(18, string.digits)}/"
                            + rand(68, ALNUM + "_-")),
        ("AWS access key", "AKIA" + rand(16, string.ascii_uppercase + "234567")),
        ("Google API key", "AIza" + rand(35, ALNUM + "_-")),
        ("Google OAuth secret", "GOCSPX-" + rand(28, ALNUM + "_-")),
        ("Stripe live key", "sk_live_" + mixed(24)),
        ("Stripe restricted key", "rk_live_" + mixed(24)),
        ("Telegram bot token", f"{rand(10, '123456789')}:AA{rand(33, ALNUM + '_-')}"),
        ("OpenAI project key", "sk-proj-" + mixed(48)),
        ("Anthropic key", "sk-ant-api03-" + mixed(80) + "-" + rand(6, ALNUM) + "AA"),
        ("npm token", "npm_" + mixed(36)),
        ("PyPI token", "pypi-AgEIcHlwaS5vcmc" + rand(70, ALNUM + "_-")),
        ("SendGrid key", "SG." + rand(22, ALNUM + "_-") + "." + rand(43, ALNUM + "_-")),
        ("Vault token", "hvs." + rand(24, ALNUM) + rand(70, ALNUM + "_-")),
        ("Vault batch token", "hvb." + rand(90, ALNUM + "_-")),
        ("Grafana service account", "glsa_" + mixed(32) + "_" + rand(8, HEX)),
        ("Grafana Cloud token", "glc_" + rand(60, ALNUM + "+/") + "=="),
        ("DigitalOcean PAT", "dop_v1_" + rand(64, HEX)),
        ("Hugging Face token", "hf_" + mixed(34)),
        ("Tailscale auth key", "tskey-auth-k" + mixed(9) + "CNTRL-" + mixed(33)),
        ("Twilio API key", "SK" + rand(32, HEX)),
        ("Mailchimp key", rand(32, HEX) + "-us14"),
        ("JWT", jwt()),
        ("age secret key", "AGE-SECRET-KEY-1" + rand(58, string.ascii_uppercase + "023456789")),
        ("Square OAuth secret", "sq0csp-" + rand(43, ALNUM + "_-")),
        ("Shopify token", "shpat_" + rand(32, HEX)),
        ("Linear key", "lin_api_" + mixed(40)),
        ("Postman key", "PMAK-" + rand(24, HEX) + "-" + rand(34, HEX)),
        ("New Relic key", "NRAK-" + rand(27, string.ascii_uppercase + string.digits)),
        ("Doppler token", "dp.st.prd." + rand(40, ALNUM)),
        ("Azure client secret", rand(3, ALNUM) + "8Q~" + rand(34, ALNUM + "_~.-")),
        ("Mailgun key", "key-" + rand(32, HEX)),
        ("Cloudflare token", "cfut_" + mixed(40)),
        ("1Password service account", "ops_eyJ" + rand(120, ALNUM)),
        ("Pulumi token", "pul-" + rand(40, HEX)),
        ("Atlassian token", "ATATT3xFfGF0" + rand(170, ALNUM + "_-") + "=" + rand(8, HEX)),
        ("Terraform Cloud token", mixed(14) + ".atlasv1." + rand(67, ALNUM)),
    ]
