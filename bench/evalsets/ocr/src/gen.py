#!/usr/bin/env python3
"""Generate the OCR word-recall evaluation set.

Usage: python3 src/gen.py [outdir]   (default: the folder containing src/)
Requires Pillow and numpy and the DejaVu TrueType fonts in /usr/share/fonts/truetype/dejavu/.
All randomness is seeded (MASTER_SEED + page index), so output is reproducible
for a given Pillow/numpy/font version.
"""
import io
import json
import os
import random
import sys

import numpy as np
from PIL import Image, ImageFilter, ImageOps

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from content import Doc, DOC_TYPES  # noqa: E402
from layout import render  # noqa: E402

MASTER_SEED = 20261203
OUT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (class, name, doctype, family, body_pt, render_dpi, extra)
PLAN = [
    ("clean300", "discharge_sans", "discharge", "DejaVuSans", 10, 300, {}),
    ("clean300", "lab_mono", "lab", "DejaVuSansMono", 10, 300, {}),
    ("clean300", "referral_serif", "referral", "DejaVuSerif", 12, 300, {}),
    ("clean300", "progress_2col_cond", "progress", "DejaVuSansCondensed", 10, 300, {}),
    ("clean300", "radiology_serifcond", "radiology", "DejaVuSerifCondensed", 11, 300, {}),
    ("clean300", "consent_sans14", "consent", "DejaVuSans", 14, 300, {}),

    ("tag96", "medlist_png", "medlist", "DejaVuSans", 11, 300, {"fmt": "png"}),
    ("tag96", "lab_jpg", "lab", "DejaVuSansCondensed", 10, 288, {"fmt": "jpg"}),
    ("tag96", "radiology_png", "radiology", "DejaVuSerif", 10, 250, {"fmt": "png"}),
    ("tag96", "progress_jpg", "progress", "DejaVuSans", 9, 300, {"fmt": "jpg"}),
    ("tag96", "referral_png", "referral", "DejaVuSerifCondensed", 13, 266, {"fmt": "png"}),

    ("notag", "discharge_serif", "discharge", "DejaVuSerif", 11, 300, {}),
    ("notag", "consent_cond", "consent", "DejaVuSansCondensed", 11, 300, {}),
    ("notag", "lab_sans", "lab", "DejaVuSans", 9, 300, {}),
    ("notag", "medlist_mono", "medlist", "DejaVuSansMono", 10, 240, {}),
    ("notag", "progress_serif", "progress", "DejaVuSerif", 10, 300, {}),
    ("notag", "radiology_jpg_jfif_units0", "radiology", "DejaVuSans", 11, 300, {"fmt": "jpg"}),

    ("absurd", "dpi1_discharge", "discharge", "DejaVuSansCondensed", 10, 300, {"tag": (1, 1)}),
    ("absurd", "dpi7200_lab", "lab", "DejaVuSerif", 10, 300, {"tag": (7200, 7200)}),
    ("absurd", "dpi30000_referral", "referral", "DejaVuSans", 11, 300, {"tag": (30000, 30000)}),
    ("absurd", "dpi7200_jpg_medlist", "medlist", "DejaVuSerifCondensed", 11, 250, {"tag": (7200, 7200), "fmt": "jpg"}),
    ("absurd", "dpi1_jpg_radiology", "radiology", "DejaVuSansMono", 9, 300, {"tag": (1, 1), "fmt": "jpg"}),
    ("absurd", "dpi300x1_aniso_consent", "consent", "DejaVuSerif", 11, 300, {"tag": (300, 1)}),

    ("lowres", "intake_100", "intake", "DejaVuSans", 10, 100, {}),
    ("lowres", "intake_120_serif", "intake", "DejaVuSerif", 11, 120, {}),
    ("lowres", "lab_150", "lab", "DejaVuSansCondensed", 9, 150, {}),
    ("lowres", "medlist_110", "medlist", "DejaVuSans", 10, 110, {}),
    ("lowres", "consent_135", "consent", "DejaVuSerifCondensed", 12, 135, {}),

    ("rotated", "rot90_discharge", "discharge", "DejaVuSerif", 10, 300, {"rot": 90}),
    ("rotated", "rot180_lab", "lab", "DejaVuSans", 10, 300, {"rot": 180}),
    ("rotated", "rot270_referral", "referral", "DejaVuSansCondensed", 12, 300, {"rot": 270}),
    ("rotated", "rot90_progress", "progress", "DejaVuSans", 10, 300, {"rot": 90}),
    ("rotated", "rot270_radiology", "radiology", "DejaVuSerifCondensed", 11, 300, {"rot": 270}),
    ("rotated", "rot180_intake", "intake", "DejaVuSans", 11, 300, {"rot": 180}),

    ("skewed", "skew+1.5_discharge", "discharge", "DejaVuSans", 10, 300, {"skew": 1.5}),
    ("skewed", "skew-2.5_lab", "lab", "DejaVuSerif", 10, 300, {"skew": -2.5}),
    ("skewed", "skew+3.8_consent", "consent", "DejaVuSansCondensed", 11, 300, {"skew": 3.8}),
    ("skewed", "skew-1.0_medlist", "medlist", "DejaVuSansMono", 10, 300, {"skew": -1.0}),
    ("skewed", "skew+4.0_bilevel_radiology", "radiology", "DejaVuSerif", 11, 300, {"skew": 4.0, "bilevel": True}),
    ("skewed", "skew-3.0_progress", "progress", "DejaVuSans", 10, 300, {"skew": -3.0}),

    ("fax", "fax_referral", "referral", "DejaVuSerif", 12, 200, {}),
    ("fax", "fax_lab", "lab", "DejaVuSans", 11, 200, {}),
    ("fax", "fax_medlist", "medlist", "DejaVuSansMono", 11, 200, {}),
    ("fax", "fax_discharge", "discharge", "DejaVuSansCondensed", 11, 200, {}),
    ("fax", "fax_consent", "consent", "DejaVuSans", 12, 200, {}),
    ("fax", "fax_unstretched_200x100_radiology", "radiology", "DejaVuSans", 12, 200, {"unstretched": True}),

    ("photo", "photo_discharge", "discharge", "DejaVuSans", 11, 300, {"exif": None}),
    ("photo", "photo_lab_exif6", "lab", "DejaVuSans", 11, 300, {"exif": 6}),
    ("photo", "photo_medlist_exif6", "medlist", "DejaVuSerif", 12, 300, {"exif": 6}),
    ("photo", "photo_referral_exif1", "referral", "DejaVuSerif", 13, 300, {"exif": 1}),
    ("photo", "photo_radiology_exif6", "radiology", "DejaVuSansCondensed", 12, 300, {"exif": 6}),
    ("photo", "photo_progress_gray", "progress", "DejaVuSans", 11, 300, {"exif": None, "gray": True}),
]

FOOTERS = ["CONFIDENTIAL - contains protected health information - Page 1 of 1",
           "Page 1 of 1", "Printed copy is uncontrolled. Page 1 of 1",
           "This document is intended only for the named recipient. Page 1 of 1"]


# ------------------------------------------------------------------ effects
def add_specks(a, rng, n, val, rmax=2):
    H, W = a.shape
    for _ in range(n):
        y, x = rng.integers(0, H), rng.integers(0, W)
        r = rng.integers(0, rmax + 1)
        a[max(0, y - r):y + r + 1, max(0, x - r):x + r + 1] = val
    return a


def effect_skew(img, deg, rng, bilevel):
    bg = 246
    a = np.asarray(img, dtype=np.float32)
    a = a * (bg / 255.0)
    im = Image.fromarray(a.clip(0, 255).astype(np.uint8))
    im = im.rotate(-deg, resample=Image.BICUBIC, expand=True, fillcolor=bg)  # PIL: positive = counter-clockwise
    im = im.filter(ImageFilter.GaussianBlur(0.7))
    a = np.asarray(im, dtype=np.float32)
    H, W = a.shape
    # scanner lid shadow on one edge and a gentle brightness ramp (quantised so PNG stays small)
    ramp = np.linspace(0, 1, W)[None, :]
    a = a - np.round(6 * ramp) if rng.random() < 0.5 else a - np.round(6 * ramp[:, ::-1])
    edge = int(rng.integers(20, 60))
    a[:, :edge] -= np.linspace(90, 0, edge)[None, :]
    a = add_specks(a, rng, 900, 60, 1)
    a = add_specks(a, rng, 60, 30, 3)
    # mild sparse pixel noise near the ink (toner), not everywhere
    ink = a < 200
    noise = rng.normal(0, 18, a.shape)
    a = np.where(ink, a + noise, a)
    im = Image.fromarray(a.clip(0, 255).astype(np.uint8))
    if bilevel:
        im = im.point(lambda v: 255 if v > 150 else 0).convert("1", dither=Image.NONE)
    return im


def effect_fax(img, rng, unstretched):
    W, H = img.size
    im = img.resize((W, H // 2), Image.BOX)           # 200 x 100 dpi sampling
    a = np.asarray(im, dtype=np.float32)
    a = a + rng.normal(0, 35, a.shape)                 # ragged threshold edges
    b = a > 150
    h, w = b.shape
    # speckle: black specks on paper, white dropouts in ink, a couple of streak lines
    n = int(h * w * 0.0015)
    ys, xs = rng.integers(0, h, n), rng.integers(0, w, n)
    b[ys, xs] = False
    n = int(h * w * 0.004)
    ys, xs = rng.integers(0, h, n), rng.integers(0, w, n)
    b[ys, xs] = True
    for _ in range(2):
        y = int(rng.integers(h // 5, h - 10))
        x0 = int(rng.integers(0, w // 2))
        b[y, x0:x0 + int(rng.integers(w // 6, w // 2))] = False
    im = Image.fromarray((b * 255).astype(np.uint8))
    if not unstretched:
        im = im.resize((w, h * 2), Image.NEAREST)      # rows doubled back to 200 x 200
    return im.convert("1", dither=Image.NONE)


def perspective_coeffs(dst, src):
    """Coefficients mapping output (dst) points to input (src) points for Image.PERSPECTIVE."""
    A, B = [], []
    for (x, y), (u, v) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); B.append(u)
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y]); B.append(v)
    return np.linalg.solve(np.array(A, float), np.array(B, float)).tolist()


def effect_photo(img, rng, gray):
    """Page photographed on a desk: perspective, uneven light, blur, noise. Returns RGB (or L) upright image."""
    pw, ph = img.size
    CW, CH = 2250, 3000
    # destination quad for the page corners (tl, tr, br, bl)
    cx, cy = CW / 2, CH / 2
    sw = 1900 + rng.uniform(-60, 60)
    sh = sw * 11 / 8.5
    tl = (cx - sw / 2 + rng.uniform(-40, 80), cy - sh / 2 + rng.uniform(-40, 60))
    tr = (cx + sw / 2 + rng.uniform(-80, 40), cy - sh / 2 + rng.uniform(-40, 60))
    br = (cx + sw / 2 + rng.uniform(-20, 60) + 40, cy + sh / 2 + rng.uniform(-60, 20))
    bl = (cx - sw / 2 + rng.uniform(-60, 20) - 40, cy + sh / 2 + rng.uniform(-60, 20))
    dst = [tl, tr, br, bl]
    src = [(0, 0), (pw, 0), (pw, ph), (0, ph)]
    coeffs = perspective_coeffs(dst, src)
    paper = Image.merge("RGB", [img.point(lambda v, k=k: int(v * k / 255)) for k in (250, 246, 236)])
    warped = paper.transform((CW, CH), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    mask = Image.new("L", (pw, ph), 255).transform((CW, CH), Image.PERSPECTIVE, coeffs, Image.BILINEAR)
    yy, xx = np.mgrid[0:CH, 0:CW].astype(np.float32)
    desk = np.stack([np.full((CH, CW), c, np.float32) for c in (96, 72, 52)], -1)
    desk += (np.sin(xx / 37.0 + np.sin(yy / 311.0) * 3) * 8)[..., None]
    desk_im = Image.fromarray(desk.clip(0, 255).astype(np.uint8))
    comp = Image.composite(warped, desk_im, mask)
    a = np.asarray(comp, dtype=np.float32)
    # uneven lighting: off-centre light source + darker corner (shadow of phone/hand)
    lx, ly = rng.uniform(0.2, 0.8) * CW, rng.uniform(0.1, 0.5) * CH
    d = np.sqrt((xx - lx) ** 2 + (yy - ly) ** 2) / np.hypot(CW, CH)
    light = 1.08 - 0.55 * d
    sx = rng.uniform(0.6, 1.0) * CW
    shadow = 1 - 0.22 / (1 + np.exp(-(xx + yy * 0.6 - sx - CH * 0.5) / 90.0))
    a = a * (light * shadow)[..., None]
    a = a + rng.normal(0, 4.0, a.shape)
    im = Image.fromarray(a.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.1))
    top = np.hypot(tr[0] - tl[0], tr[1] - tl[1]); bot = np.hypot(br[0] - bl[0], br[1] - bl[1])
    eff_dpi = (top + bot) / 2 / 8.5
    if gray:
        im = im.convert("L")
    return im, eff_dpi, dst


# ------------------------------------------------------------------ save helpers
def png_chunks(path):
    with open(path, "rb") as fh:
        data = fh.read()
    i, names = 8, []
    while i < len(data):
        ln = int.from_bytes(data[i:i + 4], "big")
        names.append(data[i + 4:i + 8].decode("latin1"))
        i += 12 + ln
    return names


def readback_dpi(path):
    with Image.open(path) as im:
        d = im.info.get("dpi")
        return [round(float(v), 3) for v in d] if d else None


def main():
    manifest = []
    for idx, (cls, name, dtype, fam, pt, dpi, ex) in enumerate(PLAN):
        seed = MASTER_SEED + idx
        prng = random.Random(seed)
        nrng = np.random.default_rng(seed)
        d = Doc(prng)
        els = DOC_TYPES[dtype](d, pt)
        footer = prng.choice(FOOTERS) if prng.random() < 0.8 else None
        top_line = None
        if cls == "fax":
            top_line = "%s %s FROM: %s TO: 555 0%d %d P.001/001" % (
                d.date(d.dis, "iso"), d.time(), d.hosp[0].upper()[:24].strip(), prng.randint(10, 19), prng.randint(1000, 9999))
        ink = 0 if cls == "fax" else prng.randint(10, 45)
        margin = prng.uniform(0.7, 1.0)
        page, truth, trunc = render(els, fam, dpi, prng, margin_in=margin, ink=ink, footer=footer, top_line=top_line)
        os.makedirs(os.path.join(OUT, cls), exist_ok=True)
        fmt = ex.get("fmt", "jpg" if cls == "photo" else "png")
        rel = "%s/%s.%s" % (cls, name, fmt)
        path = os.path.join(OUT, rel)
        rec = {"image": rel, "truth": "%s/%s.txt" % (cls, name), "class": cls, "dpi_tag": None,
               "true_dpi": dpi, "rotation": 0, "exif_orientation": None,
               "doc_type": dtype, "font": fam, "body_pt": pt, "width": None, "height": None, "notes": ""}
        notes = []
        if cls == "clean300":
            page.save(path, dpi=(300, 300), optimize=True)
            rec["dpi_tag"] = 300
        elif cls == "tag96":
            if fmt == "jpg":
                page.save(path, quality=85, dpi=(96, 96))
            else:
                page.save(path, dpi=(96, 96), optimize=True)
            rec["dpi_tag"] = 96
            notes.append("rendered at %d dpi but tagged 96 dpi; a reader trusting the tag would think text is %.1fx larger than it is" % (dpi, dpi / 96))
        elif cls == "notag":
            if fmt == "jpg":
                page.save(path, quality=85)  # Pillow writes JFIF with density units=0 (aspect ratio only), 1:1
                notes.append("JPEG whose JFIF header has density units 0 (no unit) and density 1x1; Pillow reports no dpi; some readers treat this as 1 dpi or 72 dpi")
            else:
                page.save(path, optimize=True)
                assert "pHYs" not in png_chunks(path), path
                notes.append("PNG without pHYs chunk")
        elif cls == "absurd":
            tag = ex["tag"]
            if fmt == "jpg":
                page.save(path, quality=85, dpi=tag)
            else:
                page.save(path, dpi=tag, optimize=True)
            rec["dpi_tag"] = tag[0] if tag[0] == tag[1] else list(tag)
            notes.append("normal %d dpi page with absurd dpi tag %s" % (dpi, "x".join(map(str, tag))))
        elif cls == "lowres":
            page.save(path, dpi=(dpi, dpi), optimize=True)
            rec["dpi_tag"] = dpi
            notes.append("genuinely low resolution: rendered at %d dpi, %d pt body text = %.1f px" % (dpi, pt, pt * dpi / 72))
        elif cls == "rotated":
            rot = ex["rot"]
            tr = {90: Image.ROTATE_270, 180: Image.ROTATE_180, 270: Image.ROTATE_90}[rot]  # PIL constants are CCW
            page.transpose(tr).save(path, dpi=(300, 300), optimize=True)
            rec["dpi_tag"] = 300
            rec["rotation"] = rot
            notes.append("page content turned %d degrees clockwise; rotate %d degrees counter-clockwise to read" % (rot, rot))
        elif cls == "skewed":
            im = effect_skew(page, ex["skew"], nrng, ex.get("bilevel", False))
            im.save(path, dpi=(300, 300), optimize=True)
            rec["dpi_tag"] = 300
            rec["rotation"] = ex["skew"]
            notes.append("skewed %+.1f degrees clockwise (canvas expanded), scanner noise, dark edge band%s" % (
                ex["skew"], ", thresholded to bilevel" if ex.get("bilevel") else ""))
        elif cls == "fax":
            im = effect_fax(page, nrng, ex.get("unstretched", False))
            if ex.get("unstretched"):
                im.save(path, dpi=(200, 100), optimize=True)
                rec["dpi_tag"] = [200, 100]
                notes.append("fax standard resolution kept as stored: 200 x 100 dpi pixels (text looks squashed vertically) with anisotropic tag 200x100")
            else:
                im.save(path, dpi=(200, 200), optimize=True)
                rec["dpi_tag"] = 200
                notes.append("bilevel fax: sampled at 200 x 100 dpi, rows doubled back to 200 x 200, speckle and streaks; true vertical sampling 100 dpi")
            notes.append("first line is the fax transmission header, part of the truth")
        elif cls == "photo":
            im, eff, quad = effect_photo(page, nrng, ex.get("gray", False))
            rec["true_dpi"] = round(eff, 1)
            exv = ex.get("exif")
            exif = Image.Exif()
            exif[0x010F] = "Acme Imaging"  # fictional make
            exif[0x0110] = "PocketCam 7"   # fictional model
            if exv is not None:
                exif[0x0112] = exv
            if exv == 6:
                stored = im.transpose(Image.ROTATE_90)  # stored 90 deg CCW; Orientation 6 = viewer rotates 90 CW
                rec["rotation"] = 270
                notes.append("stored pixels are sideways (content rotated 270 clockwise = 90 counter-clockwise); EXIF Orientation 6 says rotate 90 clockwise to display; after honouring EXIF the page is upright")
            else:
                stored = im
            stored.save(path, quality=85, dpi=(72, 72), exif=exif.tobytes())
            rec["dpi_tag"] = 72
            rec["exif_orientation"] = exv
            # sanity: after exif transpose the image must be upright and the same size as im
            with Image.open(path) as chk:
                assert ImageOps.exif_transpose(chk).size == im.size
            notes.append("phone photo look: perspective warp (page corners at %s in upright pixels), uneven lighting, shadow, blur, JPEG q85, tag 72 dpi; true_dpi is the mean page width in pixels / 8.5 in" % (
                [[int(x), int(y)] for x, y in quad]))
            if ex.get("gray"):
                notes.append("grayscale JPEG")
        if trunc:
            notes.append("content past the bottom margin was not printed and is not in the truth")
        with Image.open(path) as chk:
            rec["width"], rec["height"] = chk.size
            rec["mode"] = chk.mode
        rec["dpi_tag_readback"] = readback_dpi(path)
        rec["true_dpi_xy"] = [200, 100] if cls == "fax" else [rec["true_dpi"], rec["true_dpi"]]
        rec["notes"] = "; ".join(notes)
        with open(os.path.join(OUT, rec["truth"]), "w", encoding="utf-8") as fh:
            fh.write("\n".join(truth) + "\n")
        manifest.append(rec)
        print(rel, rec["width"], rec["height"], os.path.getsize(path) // 1024, "KB", "TRUNC" if trunc else "")
    with open(os.path.join(OUT, "manifest.jsonl"), "w") as fh:
        for r in manifest:
            fh.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
