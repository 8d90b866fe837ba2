"""Stored sentence embeddings: kept by key, replaced by a later save, pruned by age."""

from __future__ import annotations

from datetime import timedelta

from tidings.store import Store

from .conftest import Clock


def test_vectors_come_back_by_key_and_unknown_keys_are_absent(store: Store) -> None:
    store.save_embeddings({"a" * 64: b"\x00\x01\x02\x03", "b" * 64: b"\xff" * 8})

    found = store.embeddings(["a" * 64, "b" * 64, "c" * 64])

    assert found == {"a" * 64: b"\x00\x01\x02\x03", "b" * 64: b"\xff" * 8}


def test_saving_a_key_again_replaces_its_vector(store: Store) -> None:
    store.save_embeddings({"k": b"first"})
    store.save_embeddings({"k": b"second", "other": b"new"})

    assert store.embeddings(["k", "other"]) == {"k": b"second", "other": b"new"}


def test_more_keys_than_one_query_may_bind_are_read_in_chunks(store: Store) -> None:
    vectors = {f"key-{n:05}": n.to_bytes(4, "little") for n in range(1_234)}
    store.save_embeddings(vectors)

    assert store.embeddings(sorted(vectors)) == vectors


def test_pruning_forgets_only_vectors_stored_before_the_cutoff(
    store: Store, clock: Clock
) -> None:
    store.save_embeddings({"old": b"1111"})
    clock.advance(days=61)
    store.save_embeddings({"new": b"2222"})

    gone = store.prune_embeddings(before=clock.now - timedelta(days=60))

    assert gone == 1
    assert store.embeddings(["old", "new"]) == {"new": b"2222"}
