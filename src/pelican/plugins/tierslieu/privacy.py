"""Published images without what they tell of people: EXIF, XMP, IPTC, comments, PNG text, GIF extensions.

A phone photo carries where it was taken (EXIF GPS), the camera's serial
number and its owner; editing software adds XMP, IPTC (Photoshop's APP13),
JPEG comments (COM), PNG text chunks (tEXt, zTXt, iTXt: « Author »…), GIF
comments and application extensions. Pelican copies content/ files as they
are: every image the site publishes as Pelican's copy is rewritten here
without them, its EXIF orientation applied first so that it shows upright.
The sizes made by images.py are encoded from ``bare`` images (Pillow
writes back a JPEG's or GIF's comment from ``Image.info`` when saving).

The ICC colour profile is kept: it describes the colours, not a person,
and dropping it would shift the colours of a photo taken in Adobe RGB or
Display P3.
"""

from __future__ import annotations

import os

from PIL import ExifTags, Image, ImageOps, JpegImagePlugin

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff")
# What Image.info may hold that tells nothing of people and shows the image as drawn (colours,
# transparency, density, animation, encoding). Any other key is metadata (exif, xmp, photoshop,
# comment, extension, a PNG text's keyword…): the image is rewritten without it.
DRAWING = frozenset(
    {
        "icc_profile",
        *("dpi", "aspect", "jfif", "jfif_version", "jfif_unit", "jfif_density", "adobe", "adobe_transform"),
        *("progressive", "progression", "transparency", "gamma", "srgb", "chromaticity", "interlace"),
        *("duration", "loop", "background", "version", "disposal", "blend", "default_image", "bbox"),
    }
)
# JPEG segments Pillow writes again itself: JFIF (APP0), the ICC profile (APP2), Adobe's colour transform (APP14).
_JPEG_DRAWING = (("APP0", b"JFIF\x00"), ("APP2", b"ICC_PROFILE\x00"), ("APP14", b"Adobe"))
# Re-encoding options when the pixels must be written again (an orientation applied).
_QUALITY = {"JPEG": {"quality": 92}, "WEBP": {"quality": 90}}
_ANIMATED = ("GIF", "PNG", "WEBP")


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


def bare(image: Image.Image) -> Image.Image:
    """Return ``image`` with only the ``DRAWING`` keys left in its ``info`` (changed in place)."""
    image.info = {key: value for key, value in image.info.items() if key in DRAWING}
    return image


def carries_metadata(image: Image.Image) -> bool:
    """Return True if the opened (and loaded) ``image`` holds anything but ``DRAWING``.

    Its EXIF, an ``info`` key outside ``DRAWING`` (a PNG's text chunks read
    after its pixels are there only once loaded), or for a JPEG an APPn or
    COM segment Pillow does not write again (``applist``).
    """
    if image.getexif() or set(image.info) - DRAWING:
        return True
    return any(
        not any(marker == name and data.startswith(start) for name, start in _JPEG_DRAWING)
        for marker, data in getattr(image, "applist", [])
    )


def _frames_with_metadata(image: Image.Image):
    """Yield, frame by frame, whether ``image`` carries metadata (a GIF's later frame has its own comment)."""
    try:
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            yield carries_metadata(image)
    finally:
        image.seek(0)


def scrub(path: str) -> bool:
    """Rewrite the image at ``path`` without metadata, upright; return True if it had any.

    Written to a new file then renamed over ``path`` (the staged output
    may share the old site's files by hard link: they stay untouched).
    Pillow cannot drop a JPEG's segments without decoding it: a JPEG that
    needs no turning is encoded again with its own quantisation tables and
    subsampling, so that its pixels barely change; a
    PNG or GIF is written again losslessly; an animation keeps all its
    frames. A file Pillow cannot read is left as it is (it holds no
    metadata Pillow could read either); an error writing the new file (a
    full disk) is raised, never skipped.
    """
    unreadable = (OSError, Image.DecompressionBombError, ValueError, SyntaxError)  # UnidentifiedImageError…
    try:
        image = Image.open(path)
    except unreadable:
        return False
    with image:
        try:
            if image.format not in ("JPEG", "MPO"):  # a JPEG's segments all come before its pixels
                image.load()
            if not any(_frames_with_metadata(image)):
                return False
            turned = image.getexif().get(ExifTags.Base.Orientation, 1) not in (0, 1)
            upright = ImageOps.exif_transpose(image) if turned else image
        except unreadable:
            return False
        form = "JPEG" if image.format == "MPO" else image.format  # a phone's MPO: its first picture only
        options = dict(_QUALITY.get(form, {}))
        if form == "JPEG" and not turned:  # Pillow's quality="keep", which refuses an MPO
            sampling = JpegImagePlugin.get_sampling(image)
            options = {"qtables": image.quantization, **({"subsampling": sampling} if sampling != -1 else {})}
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]
        if form in ("JPEG", "GIF"):
            options["comment"] = b""  # else Pillow writes the comment of the file's (first) frame back
        if form in _ANIMATED and getattr(image, "n_frames", 1) > 1 and not turned:
            options["save_all"] = True  # the frames read from the file again, their comments dropped above
        elif upright is image:
            upright = image.copy()  # a TIFF's own tags (XMP, IPTC, Photoshop) are written back from the file's
        _save(bare(upright), path, form, options)
    return True


def _save(image: Image.Image, path: str, form: str, options: dict) -> None:
    """Write ``image`` to a new file beside ``path``, then rename it over ``path``."""
    temporary = f"{path}.{os.getpid()}.sans-metadonnees"
    try:
        image.save(temporary, format=form, **options)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
