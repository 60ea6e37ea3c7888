"""Credentials: finding them (for ``check``) and hiding them (for every rendered text).

Modules, in the order data flows through them:

- :mod:`.keys`: does a key name a credential, a reference to one, or a setting?
- :mod:`.values`: placeholders and secret-store references, default passwords, identifiers,
  entropy, and token formats (Yelp's ``detect-secrets`` plugins plus formats it lacks);
- :mod:`.judge`: one value under one key, in its context;
- :mod:`.text`: credentials in free text (assignments, URLs, ``.netrc``, XML, PEM blocks);
- :mod:`.tree`: a redacted copy of a YAML tree (Kubernetes-aware) and its findings;
- :mod:`.comments`: commented-out YAML and comments of source lines.

Whatever is hidden becomes :data:`MARKER`; the original never reaches the output.
"""

from __future__ import annotations

from .comments import comment_of, redact_comment_blocks
from .judge import REASON_CREDENTIAL_KEY
from .keys import is_secret_key
from .precheck import might_hold_secrets
from .text import MARKER, REASON_SOPS_VALUE, redact_text, scan, secret_reason
from .tree import (
    ENCRYPTED_REASONS,
    REASON_SECRET_DATA,
    REASON_SOPS_METADATA,
    REASON_TOO_LARGE,
    Finding,
    redact_tree,
)

__all__ = [
    "ENCRYPTED_REASONS",
    "MARKER",
    "REASON_CREDENTIAL_KEY",
    "REASON_SECRET_DATA",
    "REASON_SOPS_METADATA",
    "REASON_SOPS_VALUE",
    "REASON_TOO_LARGE",
    "Finding",
    "comment_of",
    "is_secret_key",
    "might_hold_secrets",
    "redact_comment_blocks",
    "redact_text",
    "redact_tree",
    "scan",
    "secret_reason",
]
