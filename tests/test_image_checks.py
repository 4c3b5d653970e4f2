"""An image named by many events is decoded once per version of its file (images.image_problem)."""

from __future__ import annotations

import os

from PIL import Image

from pelican.plugins.tierslieu import images


def test_an_image_is_checked_once_per_version_of_its_file(tmp_path, monkeypatch):
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (64, 48), (200, 120, 40)).save(path, quality=90)
    opened = []
    original = images._opened_problem
    monkeypatch.setattr(images, "_opened_problem", lambda image: opened.append(image.size) or original(image))
    assert [images.image_problem(str(path)) for _ in range(3)] == [None, None, None]
    assert opened == [(64, 48)]
    Image.new("RGB", (32, 32), (10, 20, 30)).save(path, quality=90)  # a new version of the file
    os.utime(path, ns=(1, 1))
    assert images.image_problem(str(path)) is None
    assert opened == [(64, 48), (32, 32)]
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])  # cut short: refused, not taken from the cache
    assert images.image_problem(str(path)) is not None
