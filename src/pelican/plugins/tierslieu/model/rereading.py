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
document after it is read.
"""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from .errors import DataError
from .messages import translate_errors
from .yamlfile import MAX_FILE_BYTES, YamlDocument, read_yaml

KEPT_FILES = 20_000
"""At most this many files are kept (all are forgotten when it is reached)."""

_kept: dict[tuple, tuple] | None = None


def keep(on: bool) -> None:
    """Keep what files give for later loads (``True``), or stop and forget it all (``False``)."""
    global _kept  # noqa: PLW0603 - one process-wide switch, set by the preview
    _kept = {} if on else None


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
    found = _kept.get(key)
    if found is None:
        if len(_kept) >= KEPT_FILES:
            _kept.clear()
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
