"""One data file read into its document, its model and its own problems, kept for the preview's next load.

The preview loads the whole data/ folder again at every save
(editors/preview.py); parsing and validating its files is most of that
load. What a file alone gives (its YAML document, its validated model, the
problems found in it) depends only on its bytes, its path as shown and its
model: the rules between files and those that need the settings run after,
on every load (loading.check_references, rules.check_loaded). So once
``keep(True)`` is called (the preview does, a build does not), a file read
again with the same bytes gets the same objects back without being parsed
or validated. Models are frozen (models.Strict) and nothing writes into a
document after it is read. A build keeps them in CACHE_PATH for the next
one (data_cache.py: ``adopt`` and ``used``).
"""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from .errors import DataError
from .messages import translate_errors
from .yamlfile import MAX_FILE_BYTES, YamlDocument, read_yaml

KEPT_FILES = 20_000
"""At most this many files are kept (all are forgotten when it is reached)."""

_kept: dict[tuple, tuple] | None = None
_used: set[tuple] = set()


def keep(on: bool) -> None:
    """Keep what files give for later loads (``True``), or stop and forget it all (``False``)."""
    adopt({} if on else None)


def adopt(files: dict | None) -> None:
    """Keep what files give, starting from ``files`` (what ``used`` returned, in another process); None stops."""
    global _kept, _used
    _kept, _used = files, set()


def kept() -> dict | None:
    """Return what is kept, by file (None when nothing is)."""
    return _kept


def used() -> dict:
    """Return what is kept of the files read since ``adopt`` or ``keep`` (picklable: documents, models, problems)."""
    return {key: _kept[key] for key in _used if key in _kept} if _kept is not None else {}


def read_model(
    path: str, display: str, model: type[BaseModel], checks
) -> tuple[YamlDocument | None, BaseModel | None, list[DataError]]:
    """Read the file at ``path`` (shown as ``display``): its document, its ``model`` instance and its problems.

    The document is None when the file cannot be read as YAML, the model
    when the document does not validate. ``checks(document)`` returns the
    file's other problems (loading.duplicates). The problems list is the
    caller's to extend.
    """
    with open(path, "rb") as stream:
        raw = stream.read(MAX_FILE_BYTES + 1)
    if _kept is None:
        return _read(raw, path, display, model, checks)
    key = (path, display, model, raw)
    _used.add(key)
    found = _kept.get(key)
    if found is None:
        if len(_kept) >= KEPT_FILES:
            _kept.clear()
            _used.intersection_update({key})
        found = _kept[key] = _read(raw, path, display, model, checks)
    document, instance, problems = found
    return document, instance, list(problems)


def _read(raw: bytes, path: str, display: str, model: type[BaseModel], checks) -> tuple:
    document, problems = read_yaml(path, display, raw)
    if document is None:
        return None, None, problems
    if not isinstance(document.data, dict):
        return document, None, [*problems, DataError(display, 1, "le fichier doit être un bloc de clés (clé: valeur)")]
    instance = None
    try:
        instance = model.model_validate(document.data)
    except ValidationError as exc:
        problems += translate_errors(exc, document, model)
    return document, instance, problems + checks(document)
