"""Draw the portal's raster images from the same geometry as static/img/tops-mark.svg and
static/img/favicon.svg: the 32 px favicon (PNG and ICO), the touch icon and the Open Graph
image. Run it again after changing the mark:

    .venv/bin/python scripts/make_brand_images.py

Needs Pillow and Debian's fonts-noto-cjk (for 台北好購) and fonts-dejavu-core (for TOPS).
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "static" / "img"
NAVY = "#084368"
GOLD = "#f2b632"
WHITE = "#ffffff"
INK = "#1b1f24"
LATIN_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
# Index 3 of the collections is the Traditional Chinese face.
CJK_BOLD = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 3)
CJK_REGULAR = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 3)


def cjk(font, size):
    path, index = font
    return ImageFont.truetype(path, size, index=index)


def skyline(draw, scale, left, top, width):
    """The stepped tower of the mark: the SVG's path, drawn in a box 96 units wide."""
    points = [(14, 30), (36, 30), (36, 22), (41, 22), (41, 16), (45, 16), (45, 9), (51, 9)]
    points += [(51, 16), (55, 16), (55, 22), (60, 22), (60, 30), (82, 30)]
    unit = width / 96
    draw.line(
        [(left + x * unit, top + y * unit) for x, y in points],
        fill=GOLD,
        width=max(1, round(3 * unit)),
        joint="curve",
    )


def mark(size):
    """The full mark (TOPS over 台北好購), ``size`` pixels square."""
    scale = 4  # drawn large and reduced, for smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    unit = big / 96
    draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=round(14 * unit), fill=NAVY)
    skyline(draw, scale, 0, 0, big)
    draw.text(
        (big / 2, 60 * unit),
        "TOPS",
        font=ImageFont.truetype(LATIN_BOLD, round(26 * unit)),
        fill=WHITE,
        anchor="ms",
    )
    name_font = cjk(CJK_BOLD, round(16 * unit))
    draw.text((big / 2, 83 * unit), "台北好購", font=name_font, fill=WHITE, anchor="ms")
    return image.resize((size, size), Image.LANCZOS)


def favicon(size):
    """The small mark: the tower over a T, ``size`` pixels square."""
    scale = 8
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    unit = big / 32
    draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=round(6 * unit), fill=NAVY)
    tower = [(5, 11), (11, 11), (11, 8.5), (13, 8.5), (13, 6.5), (14.75, 6.5), (14.75, 4)]
    tower += [(17.25, 4), (17.25, 6.5), (19, 6.5), (19, 8.5), (21, 8.5), (21, 11), (27, 11)]
    draw.line([(x * unit, y * unit) for x, y in tower], fill=GOLD, width=round(1.6 * unit))
    letter = [(8.5, 14), (23.5, 14), (23.5, 17.5), (17.9, 17.5), (17.9, 28), (14.1, 28)]
    letter += [(14.1, 17.5), (8.5, 17.5)]
    draw.polygon([(x * unit, y * unit) for x, y in letter], fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


def open_graph():
    """1200 × 630, what link previews show: the mark, the programme name and the organizer."""
    image = Image.new("RGB", (1200, 630), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 1200, 630], fill="#f2f5f8")
    draw.rectangle([0, 560, 1200, 630], fill=NAVY)
    draw.rectangle([0, 552, 1200, 560], fill=GOLD)
    image.paste(mark(300), (90, 150), mark(300))
    draw.text((450, 250), "台北好購推廣平台", font=cjk(CJK_BOLD, 76), fill=INK, anchor="ls")
    draw.text(
        (452, 330),
        "Taipei-Origin Promotional Station",
        font=ImageFont.truetype(LATIN_BOLD, 34),
        fill=NAVY,
        anchor="ls",
    )
    tagline = "採購媒合 · 五大主題館 · 在地中小及新創"
    draw.text((452, 410), tagline, font=cjk(CJK_REGULAR, 36), fill=INK, anchor="ls")
    draw.text((90, 607), "臺北市政府產業發展局", font=cjk(CJK_REGULAR, 32), fill=WHITE, anchor="ls")
    return image


def main():
    favicon(32).save(OUT / "favicon-32.png", optimize=True)
    favicon(48).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    touch = Image.new("RGB", (180, 180), NAVY)  # phones round the corners themselves
    touch.paste(mark(180), (0, 0), mark(180))
    touch.save(OUT / "apple-touch-icon.png", optimize=True)
    open_graph().save(OUT / "og-image.png", optimize=True)


if __name__ == "__main__":
    main()
