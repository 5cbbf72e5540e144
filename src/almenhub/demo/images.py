"""The demo's pictures, drawn here with Pillow (nothing is downloaded): a
housing estate with its green areas for each news article and example, and
a cover for each publication. Each is drawn from its page's title, so a load
draws the same pictures every time, and each carries its alt text (the
image's description, which Wagtail uses as its default alt) and a credit.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image

from almenhub.examples.models import ExampleImage, ExamplePage
from almenhub.news.models import NewsPage
from almenhub.projects.models import ProjectPage
from almenhub.publications.models import PublicationPage

CREDIT = "Illustration: almenhub (tegnet til demoen)"
SCENE_SIZE = (1200, 800)
COVER_SIZE = (848, 1200)  # A4's proportions
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

SKIES = [(186, 220, 240), (250, 214, 165), (205, 225, 235), (230, 236, 245)]
FACADES = [(196, 120, 92), (222, 200, 160), (180, 180, 175), (150, 90, 70)]
GREENS = [(96, 150, 80), (120, 170, 90), (80, 130, 70)]
COVER_COLOURS = [(4, 77, 61), (30, 60, 110), (140, 60, 40), (70, 70, 80)]


@dataclass(frozen=True)
class Drawn:
    content: bytes
    name: str
    description: str


def _seed(title: str) -> int:
    return int.from_bytes(hashlib.sha256(title.encode()).digest()[:4], "big")


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default(size=size)


def _png(picture: PILImage.Image) -> bytes:
    buffer = io.BytesIO()
    # zlib's default level: `optimize` took 40 ms a picture instead of 17, for
    # files 17 % smaller.
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def scene(title: str) -> Drawn:
    """Blocks of flats behind a meadow with trees, under a sky; the number of
    blocks, their colours and the trees follow from the title."""
    seed = _seed(title)
    width, height = SCENE_SIZE
    picture = PILImage.new("RGB", SCENE_SIZE, SKIES[seed % len(SKIES)])
    draw = ImageDraw.Draw(picture)
    draw.ellipse((width - 260, 60, width - 140, 180), fill=(255, 230, 140))
    ground = int(height * 0.68)
    blocks = 3 + seed % 3
    facade = FACADES[(seed >> 3) % len(FACADES)]
    block_width = width // (blocks + 1)
    for n in range(blocks):
        left = 40 + n * (block_width + 20)
        top = ground - 180 - ((seed >> (n + 5)) % 4) * 45
        draw.rectangle((left, top, left + block_width, ground), fill=facade)
        for row in range(top + 25, ground - 40, 55):
            for col in range(left + 20, left + block_width - 30, 50):
                draw.rectangle((col, row, col + 26, row + 32), fill=(235, 240, 245))
    green = GREENS[(seed >> 7) % len(GREENS)]
    draw.rectangle((0, ground, width, height), fill=green)
    for n in range(4 + (seed >> 9) % 4):
        x = 60 + ((seed >> n) % 11) * 100
        y = ground + 40 + ((seed >> (n + 2)) % 3) * 30
        draw.rectangle((x - 8, y, x + 8, y + 70), fill=(110, 80, 50))
        draw.ellipse((x - 55, y - 90, x + 55, y + 20), fill=(60, 110, 60))
    for n in range(40):
        x = (seed * (n + 3) * 37) % width
        y = ground + 120 + (seed * (n + 7)) % (height - ground - 130)
        draw.ellipse((x, y, x + 9, y + 9), fill=(250, 250, 210))
    return Drawn(
        content=_png(picture),
        name=f"demo-{seed:08x}.png",
        description=(
            f"Tegning: {blocks} boligblokke bag et grønt areal med træer og blomster."
        ),
    )


def cover(title: str, series: str, year: int | None) -> Drawn:
    """A publication's front page: its series, title and year on a coloured
    field with a band of green."""
    seed = _seed(title)
    width, height = COVER_SIZE
    colour = COVER_COLOURS[seed % len(COVER_COLOURS)]
    picture = PILImage.new("RGB", COVER_SIZE, colour)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, int(height * 0.72), width, height), fill=(120, 170, 90))
    draw.text((70, 90), series.upper(), font=_font(40), fill=(255, 255, 255))
    words, lines, line = title.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=_font(72)) > width - 140 and line:
            lines.append(line)
            line = word
        else:
            line = trial
    lines.append(line)
    for n, text in enumerate(lines):
        draw.text((70, 260 + n * 90), text, font=_font(72), fill=(255, 255, 255))
    if year:
        draw.text((70, height - 140), str(year), font=_font(44), fill=(20, 40, 20))
    return Drawn(
        content=_png(picture),
        name=f"forside-{seed:08x}.png",
        description=f"Forsiden af “{title}”.",
    )


def _stored(drawn: Drawn, title: str) -> Image:
    image = Image(title=title, description=drawn.description)
    image.file = ImageFile(io.BytesIO(drawn.content), name=drawn.name)
    image.save()
    return image


def _publish(page) -> None:
    # `publish` writes a copy of the page; the object is stale afterwards.
    page.save_revision().publish()


def scene_image(title: str) -> Image:
    """A stored scene for a page of this title, drawn before the page's first
    publish: a picture added afterwards would publish the page again."""
    return _stored(scene(title), title)


def example_images(title: str) -> list[ExampleImage]:
    picture = scene(title)
    return [
        ExampleImage(
            image=_stored(picture, title),
            alt_text=picture.description,
            caption=CREDIT,
        )
    ]


def cover_image(page: PublicationPage) -> Image:
    series = page.series.name if page.series_id else "Almen Udvikling"
    return _stored(cover(page.title, series, page.year), f"Forside: {page.title}")


def demo_images_load() -> int:
    """A picture for every news article, project and example still without
    one, and a cover for every publication without one (the loaders draw
    theirs before the first publish; the imported projects and pages made
    before the demo had pictures get theirs here); returns how many."""
    drawn = 0
    for page in NewsPage.objects.live().filter(image__isnull=True):
        page.image = scene_image(page.title)
        page.image_credit = page.image_credit or CREDIT
        _publish(page)
        drawn += 1
    for page in ProjectPage.objects.live().filter(image__isnull=True):
        page.image = scene_image(page.title)
        # The picture is ours, whatever photo the old page credited.
        page.photo_credit = CREDIT.removeprefix("Illustration: ")
        _publish(page)
        drawn += 1
    for page in PublicationPage.objects.live().filter(cover_image__isnull=True):
        page.cover_image = cover_image(page)
        _publish(page)
        drawn += 1
    for page in ExamplePage.objects.live().filter(images__isnull=True):
        page.images = example_images(page.title)
        _publish(page)
        drawn += 1
    return drawn
