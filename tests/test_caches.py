"""The image and QR code caches: a hit gives what an encoding would, a changed option misses."""

from __future__ import annotations

from PIL import Image

from pelican.plugins.tierslieu import images, qrcodes
from pelican.plugins.tierslieu.images import ImageMaker
from pelican.plugins.tierslieu.qrcodes import QrCodes


def make_images(content, cache) -> dict[str, bytes]:
    written: dict[str, bytes] = {}
    picture = ImageMaker(str(content), str(cache), [320, 640], written.__setitem__)("photo.jpg")
    assert [variant.url for variant in picture.webp] == ["photo-320.webp", "photo-640.webp"]
    return written


def test_image_cache_hits_then_misses_when_an_encoder_option_changes(tmp_path, monkeypatch):
    Image.new("RGB", (800, 600), (200, 120, 60)).save(tmp_path / "photo.jpg")
    cache = tmp_path / "cache"
    first = make_images(tmp_path, cache)
    files = sorted(path.name for path in (cache / "images").iterdir())
    assert len(files) == 4
    assert make_images(tmp_path, cache) == first  # from the cache
    assert sorted(path.name for path in (cache / "images").iterdir()) == files
    monkeypatch.setitem(images.ENCODINGS["webp"], "quality", 30)
    second = make_images(tmp_path, cache)
    assert len(second["photo-640.webp"]) < len(first["photo-640.webp"])  # encoded again, not served stale
    assert second["photo-640.jpg"] == first["photo-640.jpg"]
    assert len(list((cache / "images").iterdir())) == 6  # two new WebP files; the JPEG ones were hits


def test_image_cache_misses_when_the_resampling_changes(tmp_path, monkeypatch):
    Image.new("RGB", (800, 600), (200, 120, 60)).save(tmp_path / "photo.jpg")
    make_images(tmp_path, tmp_path / "cache")
    monkeypatch.setattr(images, "RESAMPLING", Image.Resampling.NEAREST)
    make_images(tmp_path, tmp_path / "cache")
    assert len(list((tmp_path / "cache" / "images").iterdir())) == 8


def test_qr_cache_hits_then_misses_when_an_option_changes(tmp_path, monkeypatch):
    address = "https://grange.example.org/agenda.ics"
    first = QrCodes(str(tmp_path)).file(address)
    assert first.startswith(b"<svg") and b"QR code : https://grange.example.org/agenda.ics" in first
    assert QrCodes(str(tmp_path)).file(address) == first
    assert len(list((tmp_path / "qr").iterdir())) == 1
    monkeypatch.setitem(qrcodes.SVG_OPTIONS["file"], "scale", 5)
    bigger = QrCodes(str(tmp_path)).file(address)
    assert bigger != first
    assert bigger == qrcodes._make("file", address).encode()
    monkeypatch.setitem(qrcodes.ENCODING, "mask", 3)
    assert QrCodes(str(tmp_path)).file(address) not in (first, bigger)
    assert len(list((tmp_path / "qr").iterdir())) == 3


def test_inline_and_file_codes_are_cached_apart(tmp_path):
    codes = QrCodes(str(tmp_path))
    inline = str(codes.inline("https://grange.example.org/"))
    assert inline.startswith("<svg") and "QR code :" not in inline
    assert len(list((tmp_path / "qr").iterdir())) == 1
    codes.file("https://grange.example.org/")
    assert len(list((tmp_path / "qr").iterdir())) == 2
