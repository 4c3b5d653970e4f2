"""Responsive variants (images.ImageMaker): from the cache, an image's pixels are never decoded, and nothing changes."""

from __future__ import annotations

import pytest
from PIL import ExifTags, Image, ImageOps

from pelican.plugins.tierslieu import images
from pelican.plugins.tierslieu.images import ImageMaker, upright_size


def _photo(path, orientation: int | None, mode: str = "RGB", size=(1600, 900)) -> None:
    image = Image.new(mode, size, "teal" if mode != "P" else 3)
    if orientation is None:
        image.save(path)
        return
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    image.save(path, exif=exif)


@pytest.mark.parametrize(
    ("name", "orientation", "mode", "shown"),
    [
        ("plain.jpg", None, "RGB", (1600, 900)),
        ("turned.jpg", 6, "RGB", (900, 1600)),
        ("mirrored.jpg", 2, "RGB", (1600, 900)),
        ("transposed.jpg", 5, "RGB", (900, 1600)),
        ("palette.png", None, "P", (1600, 900)),
        ("alpha.png", None, "RGBA", (1600, 900)),
    ],
)
def test_a_second_build_reads_every_variant_from_the_cache_without_decoding(
    tmp_path, monkeypatch, name, orientation, mode, shown
):
    content = tmp_path / "content"
    content.mkdir()
    _photo(content / name, orientation, mode)
    with Image.open(content / name) as opened:
        assert upright_size(opened) == ImageOps.exif_transpose(opened).size == shown
    written: dict[str, dict[str, bytes]] = {"cold": {}, "warm": {}}
    cold = ImageMaker(str(content), str(tmp_path / "cache"), [400, 800], written["cold"].__setitem__)(name)

    def decoded(*args):
        raise AssertionError("decoded although every variant was in the cache")

    monkeypatch.setattr(images.ImageOps, "exif_transpose", decoded)
    warm = ImageMaker(str(content), str(tmp_path / "cache"), [400, 800], written["warm"].__setitem__)(name)
    assert warm == cold and (cold.width, cold.height) == (800, round(800 * shown[1] / shown[0]))
    assert written["warm"] == written["cold"] and len(written["cold"]) == 4  # two widths, WebP and a fallback
