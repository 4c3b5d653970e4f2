"""Published images carry no metadata (privacy.py): the copy of the original and every size, WebP included.

What an outside tester found: a JPEG's comment (COM) and a PNG's text
chunks were published. Each secret below is written in one kind of block
an image can carry; none may be found in any file of the built site, and
every image still opens, at its size, with its ICC colour profile.
"""

from __future__ import annotations

import io
import struct
import zlib

from conftest import build
from PIL import ExifTags, Image, ImageCms, PngImagePlugin, TiffImagePlugin
from test_verdict import write

from pelican.plugins.tierslieu.privacy import scrub

SECRETS = {
    "gps.jpg": [b"COMMENTSECRET", b"EXIFSECRET", b"XMPSECRET", b"IPTCSECRET", b"APPSECRET"],
    "text.png": [b"PNGSECRET", b"ITXTSECRET", b"PNGEXIFSECRET", b"LATESECRET"],  # and zTXt « Comment », compressed
    "comment.gif": [b"GIFSECRET", b"GIFAPPSECRET"],
    "photo.webp": [b"WEBPEXIFSECRET", b"WEBPXMPSECRET"],
}
SIZE = (700, 400)
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _exif(secret: str) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = secret
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (48.0, 48.0, 6.0)
    return exif


def _segment(marker: int, data: bytes) -> bytes:
    """Return a JPEG segment (marker, length, data)."""
    return bytes((0xFF, marker)) + struct.pack(">H", len(data) + 2) + data


def jpeg() -> bytes:
    """A JPEG with a comment, EXIF (GPS), XMP, IPTC (APP13), an unknown APP5 and an ICC profile."""
    buffer = io.BytesIO()
    Image.new("RGB", SIZE, "red").save(
        buffer,
        "JPEG",
        quality=90,
        comment=b"COMMENTSECRET",
        exif=_exif("EXIFSECRET"),
        xmp=b"<x>XMPSECRET</x>",
        icc_profile=ICC,
    )
    raw = buffer.getvalue()
    extra = _segment(0xED, b"Photoshop 3.0\x00IPTCSECRET") + _segment(0xE5, b"APPSECRET")
    return raw[:2] + extra + raw[2:]


def png() -> bytes:
    """A PNG with tEXt, zTXt, iTXt chunks and EXIF."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "PNGSECRET")
    info.add_text("Comment", "ZTXTSECRET", zip=True)
    info.add_itxt("Description", "ITXTSECRET", lang="fr")
    buffer = io.BytesIO()
    Image.new("RGBA", SIZE, (0, 128, 0, 200)).save(buffer, "PNG", pnginfo=info, exif=_exif("PNGEXIFSECRET"))
    raw = buffer.getvalue()
    late = b"tEXt" + b"Author\x00LATESECRET"  # after the pixels: Pillow reads it only once they are loaded
    chunk = struct.pack(">I", len(late) - 4) + late + struct.pack(">I", zlib.crc32(late))
    at = raw.index(b"IEND") - 4
    return raw[:at] + chunk + raw[at:]


def gif(frames: int = 1) -> bytes:
    """A GIF with a comment and an application extension holding text, of ``frames`` frames."""
    buffer = io.BytesIO()
    images = [Image.new("L", SIZE, 80 * colour) for colour in range(frames)]
    images[0].save(buffer, "GIF", comment=b"GIFSECRET", save_all=True, append_images=images[1:], duration=100)
    raw = buffer.getvalue()
    application = b"\x21\xff\x0bSECRETAP1.0" + b"\x0cGIFAPPSECRET" + b"\x00"
    at = raw.index(b"\x21\xfe")  # before the comment extension
    return raw[:at] + application + raw[at:]


def webp() -> bytes:
    """A WebP with EXIF and XMP."""
    buffer = io.BytesIO()
    Image.new("RGB", SIZE, "blue").save(
        buffer, "WEBP", exif=_exif("WEBPEXIFSECRET"), xmp=b"<x>WEBPXMPSECRET</x>", icc_profile=ICC
    )
    return buffer.getvalue()


MAKERS = {"gps.jpg": jpeg, "text.png": png, "comment.gif": gif, "photo.webp": webp}


def test_the_samples_carry_their_secrets():
    for name, make in MAKERS.items():  # the test's own premise
        raw = make()
        assert all(secret in raw for secret in SECRETS[name]), name
        with Image.open(io.BytesIO(raw)) as image:
            image.load()
            assert image.size == SIZE
            assert name != "text.png" or image.info["Comment"] == "ZTXTSECRET"


def test_no_published_file_holds_an_image_metadata(site_copy, tmp_path):
    files = {f"content/images/events/{name}": make() for name, make in MAKERS.items()}
    for number, name in enumerate(MAKERS):
        files[f"data/events/zz-{number}.yaml"] = (
            f"title: Image {number}\nstart: 2027-01-2{number} 18:00\nimage: images/events/{name}\n"
        )
    write(site_copy, files)
    outputs = [tmp_path / "out", tmp_path / "again"]
    for output in outputs:
        build(site_copy, output)
    secrets = [secret for found in SECRETS.values() for secret in found]
    for path in sorted(outputs[0].rglob("*")):
        if path.is_file():
            raw = path.read_bytes()
            assert [secret for secret in secrets if secret in raw] == [], path
    published = sorted((outputs[0] / "images/events").iterdir())
    for name in MAKERS:
        stem, _ = name.rsplit(".", 1)
        assert [path.name for path in published if path.name == name] == [name]  # the original's copy
        assert any(path.name.startswith(f"{stem}-") and path.suffix == ".webp" for path in published), name
    for path in published:
        with Image.open(path) as image:
            image.load()
            assert image.size == (SIZE if "-" not in path.stem else image.size), path.name
            assert not {"exif", "xmp", "comment", "extension", "photoshop", "Author", "Comment"} & set(image.info), (
                path.name
            )
            if path.stem.startswith(("gps", "photo")):
                assert image.info.get("icc_profile") == ICC, path.name  # the colours are kept
    assert (outputs[0] / "images/events/gps.jpg").read_bytes() == (outputs[1] / "images/events/gps.jpg").read_bytes()
    for path in published:  # the same bytes build after build
        assert path.read_bytes() == (outputs[1] / path.relative_to(outputs[0])).read_bytes(), path.name


def test_an_animation_keeps_its_frames_without_its_comments(tmp_path):
    path = tmp_path / "anim.gif"
    path.write_bytes(gif(frames=3))
    with Image.open(path) as image:  # the test's own premise
        assert image.n_frames == 3
    assert scrub(str(path))
    raw = path.read_bytes()
    assert b"GIFSECRET" not in raw and b"GIFAPPSECRET" not in raw
    with Image.open(path) as image:
        assert (image.n_frames, image.size) == (3, SIZE)
    assert not scrub(str(path))  # nothing left to remove: left as it is


def test_a_comment_in_a_later_frame_of_a_gif_is_removed(tmp_path):
    buffer = io.BytesIO()
    images = [Image.new("L", SIZE, 80 * colour) for colour in range(3)]
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=100)
    raw = buffer.getvalue()
    second = raw.index(b"\x21\xf9", raw.index(b"\x21\xf9") + 1)  # the second frame's control extension
    path = tmp_path / "later.gif"
    path.write_bytes(raw[:second] + b"\x21\xfe\x0aLATERFRAME\x00" + raw[second:])
    with Image.open(path) as image:  # the test's own premise: the comment is read with the second frame
        assert "comment" not in image.info
        image.seek(1)
        assert image.info["comment"] == b"LATERFRAME"
    assert scrub(str(path))
    assert b"LATERFRAME" not in path.read_bytes()
    with Image.open(path) as image:
        assert (image.n_frames, image.size) == (3, SIZE)


def test_a_phone_mpo_is_published_as_its_first_picture_without_metadata(tmp_path):
    path = tmp_path / "phone.jpg"
    first, depth = Image.new("RGB", SIZE, "red"), Image.new("L", SIZE, 9)
    first.save(path, "MPO", save_all=True, append_images=[depth], exif=_exif("MPOSECRET"), comment=b"MPOSECRET")
    with Image.open(path) as image:  # the test's own premise
        assert (image.format, image.n_frames) == ("MPO", 2)
    assert scrub(str(path))
    assert b"MPOSECRET" not in path.read_bytes()
    with Image.open(path) as image:
        assert (image.format, image.size, dict(image.getexif())) == ("JPEG", SIZE, {})


def test_a_tiff_is_written_again_without_its_own_tags(tmp_path):
    path = tmp_path / "scan.tif"
    tags = TiffImagePlugin.ImageFileDirectory_v2()
    tags[TiffImagePlugin.XMP] = b"<x>TIFFXMPSECRET</x>"
    tags[TiffImagePlugin.IPTC_NAA_CHUNK] = b"TIFFIPTCSECRET"
    tags[ExifTags.Base.Artist] = "TIFFARTISTSECRET"
    Image.new("RGB", SIZE, "red").save(path, tiffinfo=tags)
    secrets = [b"TIFFXMPSECRET", b"TIFFIPTCSECRET", b"TIFFARTISTSECRET"]
    assert all(secret in path.read_bytes() for secret in secrets)  # the test's own premise
    assert scrub(str(path))
    assert [secret for secret in secrets if secret in path.read_bytes()] == []
    with Image.open(path) as image:
        assert image.size == SIZE
