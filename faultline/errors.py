"""One exception tree for Faultline.

    FaultlineError                  base; every error carries a stable code ``E###``
    ├── InputError                  a file or record cannot become an article
    │   ├── UnreadableInputError    E101 path missing, unreadable, or a folder we cannot list
    │   ├── EmptyInputError         E102 nothing but whitespace
    │   ├── BinaryInputError        E103 looks like binary data, not text
    │   ├── EncodingError           E104 bytes undecodable in any detected encoding
    │   ├── MalformedRecordError    E105 a JSONL line / feed entry with bad JSON or wrong types
    │   ├── NoArticleError          E106 HTML/feed with no article text in it
    │   └── TooLargeError           E107 over the configured size limit
    ├── StorageError                E201 database unreachable, migration failed, write refused
    │   ├── NotFoundError           E202 no stored record answers to that id, prefix or name
    │   ├── AmbiguousRefError       E203 several stored records answer to that prefix or name
    │   └── StoreUnavailableError   E204 the database stopped taking work mid-run (disk full,
    │                                    read-only, I/O error, connection lost): a batch stops
    ├── ConfigError                 E301 bad option value or environment setting
    │   ├── ReferenceDataError      E302 a reference data file of ours is malformed
    │   └── ConverterMissingError   E303 no program here can do what was asked (HTML → PDF)
    └── ExtractionError             E401 the NLP pipeline failed on an article (a bug to report)

Third-party exceptions are wrapped where they cross into our code (``raise X(...) from exc``),
so callers only ever need to catch ``FaultlineError``.
"""

from __future__ import annotations


class FaultlineError(Exception):
    """Base of every error Faultline raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.message = message
        self.source = source
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}[{self.code}] {self.message}"


class InputError(FaultlineError):
    """A file or record that cannot become an article."""

    code = "E100"


class UnreadableInputError(InputError):
    code = "E101"


class EmptyInputError(InputError):
    code = "E102"


class BinaryInputError(InputError):
    code = "E103"


class EncodingError(InputError):
    code = "E104"


class MalformedRecordError(InputError):
    code = "E105"


class NoArticleError(InputError):
    code = "E106"


class TooLargeError(InputError):
    code = "E107"


class StorageError(FaultlineError):
    code = "E201"


class NotFoundError(StorageError):
    code = "E202"


class AmbiguousRefError(StorageError):
    code = "E203"


class StoreUnavailableError(StorageError):
    """The database refuses all work, not just this article's: the next article would fail
    the same way, so a batch stops here rather than record the same failure for every one."""

    code = "E204"


class ConfigError(FaultlineError):
    code = "E301"


class ReferenceDataError(ConfigError):
    code = "E302"


class ConverterMissingError(ConfigError):
    code = "E303"


class ExtractionError(FaultlineError):
    code = "E401"
