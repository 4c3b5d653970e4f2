"""Published images without what they tell of people: EXIF (GPS position, camera serial, owner), XMP, IPTC.

A phone photo carries where it was taken; Pelican copies content/ files
as they are. Every image the site publishes as Pelican's copy is
rewritten here without metadata, its EXIF orientation applied first so
that it shows upright. The sizes made by images.py never carry any
(Pillow writes EXIF only when asked).
"""

from __future__ import annotations

import os

from PIL import ExifTags, Image, ImageOps

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff")
# Metadata blocks as Pillow names them in Image.info (EXIF, XMP in JPEG/WebP/PNG, Photoshop's IPTC).
_METADATA = ("exif", "xmp", "XML:com.adobe.xmp", "photoshop", "comment")
# Re-encoding options when the pixels must be written again (an orientation applied).
_QUALITY = {"JPEG": {"quality": 92}, "WEBP": {"quality": 90}}


def static_images(generators) -> list[str]:
    """Return the ``save_as`` of the image files of content/ that Pelican's generators copied."""
    return [
        item.save_as
        for generator in generators
        for item in getattr(generator, "staticfiles", None) or []
        if item.save_as.lower().endswith(IMAGE_SUFFIXES)
    ]


def scrub_images(output: str, saved: list[str]) -> list[str]:
    """Rewrite each image of ``saved`` (paths under ``output``) without metadata; return those rewritten."""
    return [save_as for save_as in saved if scrub(os.path.join(output, save_as))]


def scrub(path: str) -> bool:
    """Rewrite the image at ``path`` without metadata, upright; return True if it had any.

    Written to a new file then renamed over ``path`` (the staged output
    may share the old site's files by hard link: they stay untouched).
    A JPEG that needs no turning keeps its quantisation tables (Pillow's
    ``quality="keep"``), so its pixels do not degrade. A file Pillow cannot
    read is left as it is (it holds no metadata Pillow could read either);
    an error writing the new file (a full disk) is raised, never skipped.
    """
    unreadable = (OSError, Image.DecompressionBombError, ValueError)  # UnidentifiedImageError, truncated…
    try:
        image = Image.open(path)
    except unreadable:
        return False
    with image:
        try:
            if not any(key in image.info for key in _METADATA) and not image.getexif():
                return False
            image.load()
            turned = image.getexif().get(ExifTags.Base.Orientation, 1) not in (0, 1)
            upright = ImageOps.exif_transpose(image) if turned else image
        except unreadable:
            return False
        options = dict(_QUALITY.get(image.format, {}))
        if image.format == "JPEG" and not turned:
            options = {"quality": "keep", "subsampling": "keep"}
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]
        temporary = f"{path}.{os.getpid()}.sans-exif"
        try:
            upright.save(temporary, format=image.format, **options)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.remove(temporary)
    return True
