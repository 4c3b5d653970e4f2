"""Responsive images: smaller sizes and WebP made at build time, cached between builds."""

from __future__ import annotations

import functools
import hashlib
import io
import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import PIL
from PIL import Image, ImageOps

from .kept_texts import recall
from .privacy import bare
from .urls import web_path

# What each format is encoded with. They are part of the cache key: changing
# one makes new files instead of serving ones encoded the old way.
ENCODINGS = {
    "webp": {"quality": 72, "method": 4},
    "jpeg": {"quality": 78, "progressive": True, "optimize": True},
    "png": {"optimize": True},
}
RESAMPLING = Image.Resampling.LANCZOS
ORIENTATION = 0x0112
"""EXIF's Orientation tag (EXIF 2.32 section 4.6.4; Pillow's ExifTags.Base.Orientation)."""
# What the sizes keep of the original's metadata (privacy.py): changed, the cached sizes are made again.
METADATA = "icc-profile-only"
# Modes whose pixels one ICC profile describes alike (converted to RGB, a CMYK profile no longer fits).
_FAMILY = {"RGB": "RGB", "RGBA": "RGB", "P": "RGB", "L": "L", "LA": "L"}


@dataclass(frozen=True)
class Variant:
    """One generated file: its address (percent-encoded, urls.web_path) and its width."""

    url: str
    width: int


@dataclass(frozen=True)
class ResponsiveImage:
    """An image with its sizes in WebP and in its original format."""

    width: int
    height: int
    webp: list[Variant]
    fallback: list[Variant]

    @property
    def src(self) -> str:
        """Return the fallback file a browser without srcset uses (a middle size)."""
        return self.fallback[min(1, len(self.fallback) - 1)].url

    @staticmethod
    def srcset(variants: list[Variant], prefix: str = "") -> str:
        """Return a srcset attribute value."""
        return ", ".join(f"{prefix}/{variant.url} {variant.width}w" for variant in variants)


class ImageMaker:
    """Make the variants of content images once per build, from a cache when possible."""

    def __init__(self, content: str, cache: str, widths: list[int], write):
        self.content = content
        self.cache = os.path.join(cache, "images")
        self.widths = sorted(widths)
        self.write = write  # write(save_as, bytes), into the output folder
        self.done: dict[str, ResponsiveImage | None] = {}

    def __call__(self, path: str | None) -> ResponsiveImage | None:
        """Return the responsive variants of an image under content/ (None if absent)."""
        if not path:
            return None
        if path not in self.done:
            self.done[path] = self._make(path)
        return self.done[path]

    def _make(self, path: str) -> ResponsiveImage | None:
        source = os.path.join(self.content, path)
        if not os.path.isfile(source):
            return None
        stat = os.stat(source)
        key = hashlib.sha1(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:12]
        with Image.open(source) as original:
            width, height = upright_size(original)
            decoded: list[Image.Image] = []

            def image() -> Image.Image:
                """The pixels, upright, decoded only when a variant is not in the cache."""
                if not decoded:
                    upright = bare(ImageOps.exif_transpose(original))  # no comment written back
                    upright.load()
                    decoded.append(upright)
                return decoded[0]

            widths = [w for w in self.widths if w < width] + [min(width, self.widths[-1])]
            stem = os.path.splitext(path)[0]
            png = original.mode in ("RGBA", "LA", "P") and source.lower().endswith(".png")
            fallback_format = "png" if png else "jpeg"
            webp, fallback = [], []
            for size in sorted(set(widths)):
                webp.append(self._variant(image, stem, key, size, "webp"))
                fallback.append(self._variant(image, stem, key, size, fallback_format))
        final_height = round(height * widths[-1] / width)
        return ResponsiveImage(widths[-1], final_height, webp, fallback)

    def _variant(self, image: Callable[[], Image.Image], stem: str, key: str, width: int, kind: str) -> Variant:
        extension = {"webp": "webp", "jpeg": "jpg", "png": "png"}[kind]
        save_as = f"{stem}-{width}.{extension}"
        cached = os.path.join(self.cache, f"{key}-{width}-{encoding_key(kind)}.{extension}")
        if os.path.isfile(cached):
            with open(cached, "rb") as stream:
                data = stream.read()
        else:
            data = _encode(image(), width, kind)
            os.makedirs(self.cache, exist_ok=True)
            with open(cached, "wb") as stream:
                stream.write(data)
        self.write(save_as, data)
        return Variant(web_path(save_as), width)


def upright_size(image: Image.Image) -> tuple[int, int]:
    """Return ``(width, height)`` of an opened image as shown upright, without decoding its pixels where it can.

    The EXIF orientation (tag 0x0112) 5 to 8 turns the image a quarter:
    width and height swap, as ``ImageOps.exif_transpose`` swaps them (Pillow
    reads a JPEG's EXIF from its header; a PNG's may need its pixels).
    """
    width, height = image.size
    return (height, width) if image.getexif().get(ORIENTATION, 1) in (5, 6, 7, 8) else (width, height)


def encoding_key(kind: str) -> str:
    """Return a short hash of how a format is encoded: options, resampling, Pillow's version, metadata kept."""
    options = sorted(ENCODINGS[kind].items())
    version = (kind, options, RESAMPLING.name, PIL.__version__, METADATA)
    return hashlib.sha1(repr(version).encode()).hexdigest()[:8]


def _encode(image: Image.Image, width: int, kind: str) -> bytes:
    height = round(image.height * width / image.width)
    resized = image.resize((width, height), RESAMPLING) if width != image.width else image
    if kind != "png" and resized.mode not in ("RGB", "L"):
        resized = resized.convert("RGB")
    options = dict(ENCODINGS[kind])
    if image.info.get("icc_profile") and _FAMILY.get(image.mode) == _FAMILY.get(resized.mode):
        options["icc_profile"] = image.info["icc_profile"]  # the colours as drawn; not a CMYK profile on RGB
    buffer = io.BytesIO()
    resized.save(buffer, format=kind.upper(), **options)
    return buffer.getvalue()


MAX_PIXELS = 50_000_000
"""Largest image decoded (width × height): a 50-megapixel camera photo; decoding takes about 200 MB."""


def image_problem(path: str) -> str | None:
    """Return, in French, why the image file at ``path`` cannot be published, or None.

    The header is read first: the format, and the size, bounded by
    MAX_PIXELS, so that a small file claiming a huge size (a decompression
    bomb) is refused before anything is decoded. Pillow's own limit warns,
    then raises; its warning is silenced here, our limit decides. Then the
    pixels are decoded, as the build will: a truncated or damaged file
    (Pillow's OSError "image file is truncated") is refused here, not
    found by the build halfway through.

    An image named by many events is checked once per version of its file
    (its path, size and modification time: ``_checked``), in a build and
    across the preview's updates, and from one build to the next
    (kept_texts.py). Raises OSError when the file cannot be read at all (os.stat).
    """
    status = os.stat(path)
    parts = ("image_problem", path, str(status.st_size), str(status.st_mtime_ns))
    return recall(parts, lambda: _checked(path, status.st_size, status.st_mtime_ns) or "") or None


@functools.lru_cache(maxsize=1024)
def _checked(path: str, size: int, modified: int) -> str | None:
    """Check one version of an image file (``size`` and ``modified`` are only its cache key)."""
    if size == 0:
        return "le fichier image est vide : remplacez-le par une vraie image (JPEG, PNG ou WebP)"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return _opened_problem(image)
    except Image.DecompressionBombError:
        return f"image trop grande pour être traitée sans risque (plus de {MAX_PIXELS // 1_000_000} millions de pixels) : réduisez-la"
    except (OSError, SyntaxError, ValueError):
        return "ce fichier n'est pas une image lisible (JPEG, PNG, WebP ou GIF) : réenregistrez-la depuis un logiciel d'images"


def _opened_problem(image: Image.Image) -> str | None:
    """Return why an opened image cannot be published (size, format, then its pixels decoded), or None."""
    width, height = image.size
    if width * height > MAX_PIXELS:
        return (
            f"image trop grande ({width} × {height} pixels, {MAX_PIXELS // 1_000_000} millions au plus) : "
            "réduisez-la, 2 000 pixels de large suffisent"
        )
    if image.format not in ("JPEG", "PNG", "WEBP", "GIF"):
        return f"format d'image {image.format} non publié : enregistrez-la en JPEG, PNG ou WebP"
    try:
        image.load()
    except (OSError, SyntaxError, ValueError):
        return (
            "image incomplète ou abîmée (son contenu s'arrête avant la fin) : "
            "réenregistrez-la depuis un logiciel d'images ou envoyez-la à nouveau"
        )
    return None
