"""The ``secured`` field: sealing, opening, key rotation and the failures that must be loud."""

from __future__ import annotations

import base64
import os
import stat
import zlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from tidings.models import Article
from tidings.publish.records import parse_record
from tidings.publish.secured import (
    ENV_VAR,
    Keyring,
    SecuredError,
    decrypt,
    encrypt,
    generate_key_file,
    payload_from_article,
)

PAYLOAD = {
    "title": "Fog model goes live",
    "author": "R. Keeper",
    "text": "The model now runs every ten minutes. Boats get a warning on channel 16. ✔",
    "html": "<p>The model now runs <em>every ten minutes</em>.</p>",
    "webUrl": "https://coastal-gazette.example/fog",
}
NO_MATCH = "cannot decrypt: no key in the keyring matches"


def new_key() -> bytes:
    return os.urandom(32)


def b64(key: bytes) -> str:
    return base64.b64encode(key).decode()


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)


def test_encrypt_then_decrypt_gives_the_payload_back() -> None:
    keyring = Keyring([new_key()])
    assert decrypt(encrypt(PAYLOAD, keyring), keyring) == PAYLOAD


def test_format_is_base64_ciphertext_then_base64_12_byte_nonce() -> None:
    secured = encrypt(PAYLOAD, Keyring([new_key()]))
    sealed, nonce = secured.split(";")
    assert len(base64.b64decode(nonce, validate=True)) == 12
    assert len(base64.b64decode(sealed, validate=True)) > 16  # ciphertext plus the GCM tag
    assert "Fog" not in secured and "Rm9n" not in secured  # nothing readable leaks


def test_every_encryption_uses_a_fresh_nonce() -> None:
    keyring = Keyring([new_key()])
    values = [encrypt(PAYLOAD, keyring) for _ in range(50)]
    assert len({v.split(";")[1] for v in values}) == 50
    assert len({v.split(";")[0] for v in values}) == 50


def test_rotation_old_values_still_open_and_new_values_use_the_newest_key() -> None:
    old, new = new_key(), new_key()
    sealed_before = encrypt(PAYLOAD, Keyring([old]))
    rotated = Keyring([old, new])

    assert decrypt(sealed_before, rotated) == PAYLOAD
    sealed_after = encrypt(PAYLOAD, rotated)
    assert decrypt(sealed_after, Keyring([new])) == PAYLOAD
    with pytest.raises(SecuredError, match=NO_MATCH):
        decrypt(sealed_after, Keyring([old]))


def test_wrong_key_is_a_clear_error() -> None:
    secured = encrypt(PAYLOAD, Keyring([new_key()]))
    with pytest.raises(SecuredError, match=NO_MATCH):
        decrypt(secured, Keyring([new_key(), new_key()]))


def _flip(text: str, index: int) -> str:
    raw = bytearray(base64.b64decode(text))
    raw[index] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda sealed, nonce: (_flip(sealed, 0), nonce),  # first ciphertext byte
        lambda sealed, nonce: (_flip(sealed, -1), nonce),  # last byte of the tag
        lambda sealed, nonce: (_flip(sealed, 5)[:-4] + "AAA=", nonce),  # truncated
        lambda sealed, nonce: (sealed, _flip(nonce, 3)),  # the nonce itself
    ],
    ids=["ciphertext", "tag", "truncated", "nonce"],
)
def test_tampered_values_are_refused_not_decoded(tamper) -> None:  # type: ignore[no-untyped-def]
    keyring = Keyring([new_key()])
    sealed, nonce = tamper(*encrypt(PAYLOAD, keyring).split(";"))
    with pytest.raises(SecuredError, match=NO_MATCH):
        decrypt(f"{sealed};{nonce}", keyring)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "expected 'base64\\(ciphertext\\);base64\\(nonce\\)'"),
        ("no separator here", "expected 'base64"),
        ("a;b;c", "expected 'base64"),
        ("not base64!;AAAAAAAAAAAAAAAA", "the value is not valid base64"),
        (f"{b64(b'x' * 40)};{b64(b'n' * 16)}", "the nonce is 16 bytes, expected 12"),
        (f"{b64(b'short')};{b64(b'n' * 12)}", "the ciphertext is shorter than its tag"),
    ],
)
def test_garbled_values_are_a_clear_error(value: str, message: str) -> None:
    with pytest.raises(SecuredError, match="cannot decrypt: " + message):
        decrypt(value, Keyring([new_key()]))


@pytest.mark.parametrize(
    ("plaintext", "message"),
    [
        (b"plain words, not zlib", "not zlib data"),
        (zlib.compress(b"\xff\xfe not utf-8"), "not JSON"),
        (zlib.compress(b'["a", "list"]'), "expected a JSON object, got list"),
        (zlib.compress(b'{"a": 1}')[:-3], "truncated"),
    ],
)
def test_authentic_but_malformed_content_is_refused(plaintext: bytes, message: str) -> None:
    key = new_key()
    nonce = os.urandom(12)
    value = f"{b64(AESGCM(key).encrypt(nonce, plaintext, None))};{b64(nonce)}"
    with pytest.raises(SecuredError, match=message):
        decrypt(value, Keyring([key]))


def test_reference_site_values_are_refused_as_foreign(reference_dir: Path) -> None:
    # The reference site used another scheme (16-byte IVs); those values are not ours.
    text = next((reference_dir / "raw").iterdir()).read_text(encoding="utf-8")
    with pytest.raises(SecuredError, match="nonce is 16 bytes"):
        decrypt(parse_record(text)["secured"], Keyring([new_key()]))


def test_payload_must_be_a_json_object() -> None:
    keyring = Keyring([new_key()])
    with pytest.raises(SecuredError, match="payload must be a dict"):
        encrypt(["title"], keyring)  # type: ignore[arg-type]
    with pytest.raises(SecuredError, match="not JSON-serialisable"):
        encrypt({"when": {1, 2}}, keyring)
    with pytest.raises(SecuredError, match="not JSON-serialisable"):
        encrypt({"score": float("nan")}, keyring)


def test_payload_from_article_holds_the_five_fields() -> None:
    article = Article(
        original_url="https://coastal-gazette.example/fog?src=rss",
        web_url="https://coastal-gazette.example/fog",
        title="Fog model goes live",
        text="Body text.",
        html="<p>Body text.</p>",
        author="R. Keeper",
    )
    assert payload_from_article(article) == {
        "title": "Fog model goes live",
        "author": "R. Keeper",
        "text": "Body text.",
        "html": "<p>Body text.</p>",
        "webUrl": "https://coastal-gazette.example/fog",
    }


# --- keyrings ------------------------------------------------------------------


def test_environment_keys_are_comma_separated_newest_last(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old, new = new_key(), new_key()
    monkeypatch.setenv(ENV_VAR, f"{b64(old)}, {b64(new)}")
    keyring = Keyring.from_env_or_file(None)
    assert keyring is not None
    assert keyring.keys == [old, new] and keyring.newest == new


def test_key_file_holds_one_key_per_line_newest_last(tmp_path: Path) -> None:
    old, new = new_key(), new_key()
    path = tmp_path / "secret.keys"
    path.write_text(f"# retired next month\n{b64(old)}\n\n{b64(new)}\n")
    keyring = Keyring.from_env_or_file(path)
    assert keyring is not None and keyring.keys == [old, new]


def test_environment_wins_over_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from_file, from_env = new_key(), new_key()
    path = tmp_path / "secret.keys"
    path.write_text(b64(from_file) + "\n")
    monkeypatch.setenv(ENV_VAR, b64(from_env))
    keyring = Keyring.from_env_or_file(path)
    assert keyring is not None and keyring.keys == [from_env]


def test_no_configured_key_gives_none(tmp_path: Path) -> None:
    assert Keyring.from_env_or_file(None) is None
    assert Keyring.from_env_or_file(tmp_path / "missing.keys") is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("not*base64", f"{ENV_VAR}, key 1: not valid base64"),
        (b64(b"k" * 16), f"{ENV_VAR}, key 1: decodes to 16 bytes"),
        (f"{b64(b'k' * 32)},{b64(b'k' * 31)}", f"{ENV_VAR}, key 2: decodes to 31 bytes"),
        (" , ", "the keyring is empty"),
    ],
)
def test_bad_keys_are_reported_without_revealing_them(
    value: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, value)
    with pytest.raises(SecuredError, match=message) as error:
        Keyring.from_env_or_file(None)
    for part in value.split(","):
        if part.strip():
            assert part.strip() not in str(error.value)


def test_keyring_repr_does_not_show_keys() -> None:
    key = new_key()
    assert b64(key) not in repr(Keyring([key])) and repr(key) not in repr(Keyring([key]))


def test_generated_key_file_is_private_and_loads(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "secret.keys"
    made = generate_key_file(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = Keyring.from_env_or_file(path)
    assert loaded is not None and loaded.keys == made.keys
    assert decrypt(encrypt(PAYLOAD, made), loaded) == PAYLOAD


def test_generating_never_overwrites_an_existing_key_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.keys"
    first = Keyring.generate_key_file(path)
    with pytest.raises(SecuredError, match="already exists"):
        generate_key_file(path)
    loaded = Keyring.from_env_or_file(path)
    assert loaded is not None and loaded.keys == first.keys
