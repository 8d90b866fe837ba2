"""Publish: turn curated stories into the Jekyll ``_news/*.md`` records of the site.

:mod:`.records` writes and reads the record files in their exact layout;
:mod:`.secured` seals the full text that a record carries in its ``secured`` field.
"""

from tidings.publish.records import (
    Logo,
    Provider,
    Record,
    RecordError,
    RecordImage,
    Related,
    parse_record,
    record_filename,
    record_from_dict,
    render_record,
    write_record,
)
from tidings.publish.secured import (
    Keyring,
    SecuredError,
    decrypt,
    encrypt,
    generate_key_file,
    payload_from_article,
)

__all__ = [
    "Keyring",
    "Logo",
    "Provider",
    "Record",
    "RecordError",
    "RecordImage",
    "Related",
    "SecuredError",
    "decrypt",
    "encrypt",
    "generate_key_file",
    "parse_record",
    "payload_from_article",
    "record_filename",
    "record_from_dict",
    "render_record",
    "write_record",
]
