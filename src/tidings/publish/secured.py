"""The ``secured`` field: an article's full text, sealed so only key holders read it.

Records are public files, but the full text, author and HTML of an article are
not ours to republish. They travel inside the record encrypted with
AES-256-GCM, which also authenticates them: a wrong key or an altered byte is
detected and reported, never decoded into garbage.

Format: ``base64(ciphertext || 16-byte tag) ";" base64(12-byte nonce)``, where
the plaintext is the zlib-compressed UTF-8 JSON of the payload.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from tidings.models import Article

ENV_VAR = "TIDINGS_SECRET_KEY"
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
#: A sealed payload never inflates past this; a bigger one is refused, not unpacked.
MAX_PLAINTEXT_BYTES = 32 * 1024 * 1024


class SecuredError(ValueError):
    """A key that cannot be used, or a ``secured`` value that cannot be opened."""


def _decode_key(text: str, where: str) -> bytes:
    # Messages say where the key came from, never what it is.
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except binascii.Error:
        raise SecuredError(f"{where}: not valid base64") from None
    if len(key) != KEY_BYTES:
        raise SecuredError(f"{where}: decodes to {len(key)} bytes, an AES-256 key needs 32")
    return key


@dataclass(slots=True)
class Keyring:
    """The keys that may open ``secured`` values, oldest first.

    Rotation: add a new key at the end. New values are sealed with the newest
    key; values sealed under older keys still open while those keys remain.
    """

    keys: list[bytes] = field(repr=False)  # repr=False keeps keys out of logs

    def __post_init__(self) -> None:
        if not self.keys:
            raise SecuredError("the keyring is empty: at least one key is needed")
        for number, key in enumerate(self.keys):
            if not isinstance(key, bytes) or len(key) != KEY_BYTES:
                raise SecuredError(f"key {number + 1} is not {KEY_BYTES} bytes")

    @property
    def newest(self) -> bytes:
        return self.keys[-1]

    @classmethod
    def from_text(cls, text: str, separator: str, source: str) -> Keyring:
        """Keys in base64, one per ``separator``; blank entries and ``#`` comments skipped."""
        entries = [entry.strip() for entry in text.split(separator)]
        entries = [e for e in entries if e and not e.startswith("#")]
        return cls([_decode_key(e, f"{source}, key {n + 1}") for n, e in enumerate(entries)])

    @classmethod
    def from_env_or_file(cls, path: Path | None = None) -> Keyring | None:
        """The configured keyring, or None when no key is configured.

        ``TIDINGS_SECRET_KEY`` (comma-separated, newest last) wins over the key
        file (one key per line, newest last), so a deployment can override a
        file without editing it.

        Raises:
            SecuredError: a configured key that is not base64 of 32 bytes.
        """
        value = os.environ.get(ENV_VAR, "").strip()
        if value:
            return cls.from_text(value, ",", ENV_VAR)
        if path is None or not path.exists():
            return None
        return cls.from_text(path.read_text(encoding="utf-8"), "\n", str(path))

    @classmethod
    def generate_key_file(cls, path: Path) -> Keyring:
        """Same as :func:`generate_key_file`."""
        return generate_key_file(path)


def generate_key_file(path: Path) -> Keyring:
    """Create ``path`` holding one fresh random key, readable by its owner only.

    The file is created with mode 0600 from the start (never widened then
    narrowed), and an existing file is never overwritten: losing a key would
    make every record sealed with it unreadable.

    Raises:
        SecuredError: the file already exists.
    """
    key = secrets.token_bytes(KEY_BYTES)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise SecuredError(f"{path} already exists; refusing to replace a key file") from None
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(base64.b64encode(key).decode("ascii") + "\n")
    return Keyring([key])


def encrypt(payload: dict[str, Any], keyring: Keyring) -> str:
    """Seal ``payload`` under the keyring's newest key with a fresh random nonce.

    Raises:
        SecuredError: the payload is not a JSON-serialisable dict.
    """
    if not isinstance(payload, dict):
        raise SecuredError(f"payload must be a dict, got {type(payload).__name__}")
    try:
        plain = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise SecuredError(f"payload is not JSON-serialisable: {exc}") from None
    # A random 96-bit nonce is safe for far more messages than one desk will ever seal.
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(keyring.newest).encrypt(nonce, zlib.compress(plain.encode("utf-8"), 9), None)
    return f"{base64.b64encode(sealed).decode('ascii')};{base64.b64encode(nonce).decode('ascii')}"


def _split(secured: str) -> tuple[bytes, bytes]:
    if not isinstance(secured, str):
        raise SecuredError(f"cannot decrypt: expected a string, got {type(secured).__name__}")
    parts = secured.strip().split(";")
    if len(parts) != 2:
        raise SecuredError("cannot decrypt: expected 'base64(ciphertext);base64(nonce)'")
    try:
        sealed, nonce = (base64.b64decode(part, validate=True) for part in parts)
    except binascii.Error:
        raise SecuredError("cannot decrypt: the value is not valid base64") from None
    if len(nonce) != NONCE_BYTES:
        raise SecuredError(
            f"cannot decrypt: the nonce is {len(nonce)} bytes, expected {NONCE_BYTES} "
            "(not a value sealed by Tidings)"
        )
    if len(sealed) < TAG_BYTES:
        raise SecuredError("cannot decrypt: the ciphertext is shorter than its tag")
    return sealed, nonce


def _inflate(data: bytes) -> bytes:
    inflater = zlib.decompressobj()
    try:
        plain = inflater.decompress(data, MAX_PLAINTEXT_BYTES)
    except zlib.error as exc:
        raise SecuredError(f"cannot decrypt: the content is not zlib data ({exc})") from None
    if inflater.unconsumed_tail:
        raise SecuredError(f"cannot decrypt: the content inflates past {MAX_PLAINTEXT_BYTES} bytes")
    if not inflater.eof:
        raise SecuredError("cannot decrypt: the zlib data is truncated")
    return plain


def decrypt(secured: str, keyring: Keyring) -> dict[str, Any]:
    """Open a ``secured`` value with whichever key in the keyring sealed it.

    Raises:
        SecuredError: malformed value, no matching key, or altered data (the
            GCM tag cannot tell these last two apart).
    """
    sealed, nonce = _split(secured)
    for key in reversed(keyring.keys):  # newest first: most values use it
        try:
            compressed = AESGCM(key).decrypt(nonce, sealed, None)
        except InvalidTag:
            continue
        break
    else:
        raise SecuredError(
            "cannot decrypt: no key in the keyring matches (wrong key, or the value was altered)"
        )
    try:
        payload = json.loads(_inflate(compressed).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SecuredError(f"cannot decrypt: the content is not JSON ({exc})") from None
    if not isinstance(payload, dict):
        raise SecuredError(f"cannot decrypt: expected a JSON object, got {type(payload).__name__}")
    return payload


def payload_from_article(article: Article) -> dict[str, Any]:
    """The payload a record's ``secured`` field holds for ``article``."""
    return {
        "title": article.title,
        "author": article.author,
        "text": article.text,
        "html": article.html,
        "webUrl": article.web_url,
    }
