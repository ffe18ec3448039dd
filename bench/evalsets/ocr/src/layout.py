"""Minimal page layout + rendering with PIL. Produces an 'L' image and the truth lines."""
from PIL import Image, ImageDraw, ImageFont

FD = "/usr/share/fonts/truetype/dejavu/"
FAMILIES = {
    "DejaVuSans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "DejaVuSerif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "DejaVuSansMono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"),
    "DejaVuSansCondensed": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    "DejaVuSerifCondensed": ("DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-Bold.ttf"),
}
_cache = {}


def font(family, weight, pt, dpi):
    px = max(6, int(round(pt * dpi / 72.0)))
    key = (family, weight, px)
    if key not in _cache:
        reg, bold = FAMILIES[family]
        _cache[key] = ImageFont.truetype(FD + (bold if weight == "bold" else reg), px)
    return _cache[key]


class Line:
    def __init__(self, h, segs=None, gfx=None):
        self.h, self.segs, self.gfx = h, segs or [], gfx or []

    def text(self):
        return " ".join(t for _, t, _ in self.segs if t.strip())


def wrap(text, f, width):
    words, lines, cur = text.split(), [], ""
    for w in words:
        t = (cur + " " + w) if cur else w
        if f.getlength(t) <= width or not cur:
            cur = t
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


def lay(els, width, fam, dpi):
    """Return a list of Line or ('twocol', leftlines, rightlines)."""
    out = []
    L = lambda pt: pt * dpi / 72.0 * 1.32
    for e in els:
        k = e[0]
        if k == "space":
            out.append(Line(e[1] * dpi / 72.0))
        elif k == "rule":
            out.append(Line(4 * dpi / 72.0, gfx=[("hline", 0, width, 1 * dpi / 72.0)]))
        elif k in ("center", "left"):
            f = font(fam, e[2], e[3], dpi)
            for t in wrap(e[1], f, width):
                x = (width - f.getlength(t)) / 2 if k == "center" else 0
                out.append(Line(L(e[3]), [(x, t, f)]))
        elif k == "heading":
            f = font(fam, "bold", e[2], dpi)
            out.append(Line(e[2] * dpi / 72.0 * 0.4))
            for t in wrap(e[1], f, width):
                out.append(Line(L(e[2]), [(0, t, f)]))
        elif k == "para":
            f = font(fam, "reg", e[2], dpi)
            for t in wrap(e[1], f, width):
                out.append(Line(L(e[2]), [(0, t, f)]))
            out.append(Line(e[2] * dpi / 72.0 * 0.35))
        elif k == "kvgrid":
            pairs, ncol, pt = e[1], e[2], e[3]
            f, fb = font(fam, "reg", pt, dpi), font(fam, "bold", pt, dpi)
            cw = width / ncol
            if any(fb.getlength(a + ": ") + f.getlength(b) > cw * 0.97 for a, b in pairs):
                ncol, cw = 1, width
            for i in range(0, len(pairs), ncol):
                segs = []
                for c, (a, b) in enumerate(pairs[i:i + ncol]):
                    x = c * cw
                    segs.append((x, a + ":", fb))
                    segs.append((x + fb.getlength(a + ": "), b, f))
                out.append(Line(L(pt), segs))
        elif k == "table":
            head, rows, pt = e[1], e[2], e[3]
            while True:
                f, fb = font(fam, "reg", pt, dpi), font(fam, "bold", pt, dpi)
                pad = f.size * 1.2
                ws = [max([fb.getlength(head[c])] + [f.getlength(r[c]) for r in rows]) + pad for c in range(len(head))]
                if sum(ws) <= width or pt <= 7:
                    break
                pt -= 0.5
            xs = [sum(ws[:c]) for c in range(len(ws))]
            tw = min(width, sum(ws))
            out.append(Line(L(pt), [(xs[c], head[c], fb) for c in range(len(head))],
                            gfx=[("hline", 0, tw, max(1, dpi / 150.0), L(pt) * 0.98)]))
            out.append(Line(f.size * 0.3))
            for r in rows:
                out.append(Line(L(pt), [(xs[c], r[c], f) for c in range(len(head)) if r[c]]))
            out.append(Line(f.size * 0.3, gfx=[("hline", 0, tw, max(1, dpi / 150.0), 0)]))
        elif k == "checks":
            labels, chk, pt = e[1], e[2], e[3]
            f = font(fam, "reg", pt, dpi)
            box = f.size * 0.8
            x, segs, gfx = 0, [], []
            for i, lab in enumerate(labels):
                gfx.append(("box", x, box, i == chk, f.size * 0.15))
                segs.append((x + box * 1.6, lab, f))
                x += box * 1.6 + f.getlength(lab) + f.size * 2
            out.append(Line(L(pt) * 1.1, segs, gfx))
        elif k == "sig":
            f = font(fam, "reg", e[2], dpi)
            out.append(Line(f.size * 2.2, gfx=[("hline", 0, width * 0.62, max(1, dpi / 200.0), f.size * 2.0)]))
            out.append(Line(L(e[2]) * 1.2, [(0, e[1], f)]))
        elif k == "twocol":
            gap = 0.3 * dpi
            cw = (width - gap) / 2
            out.append(("twocol", lay(e[1], cw, fam, dpi), lay(e[2], cw, fam, dpi), cw + gap))
        else:
            raise ValueError(k)
    return out


def draw_line(dr, ln, x0, y, ink):
    for g in ln.gfx:
        if g[0] == "hline":
            _, gx, gw, th = g[:4]
            off = g[4] if len(g) > 4 else ln.h / 2
            dr.rectangle([x0 + gx, y + off, x0 + gx + gw, y + off + th], fill=ink)
        elif g[0] == "box":
            _, gx, b, checked, top = g
            th = max(1, b / 10)
            dr.rectangle([x0 + gx, y + top, x0 + gx + b, y + top + b], outline=ink, width=int(round(th)))
            if checked:
                dr.line([x0 + gx + th * 2, y + top + th * 2, x0 + gx + b - th * 2, y + top + b - th * 2], fill=ink, width=int(round(th * 1.5)))
                dr.line([x0 + gx + th * 2, y + top + b - th * 2, x0 + gx + b - th * 2, y + top + th * 2], fill=ink, width=int(round(th * 1.5)))
    for x, t, f in ln.segs:
        dr.text((x0 + x, y), t, font=f, fill=ink)


def render(els, fam, dpi, rng, page_in=(8.5, 11.0), margin_in=0.8, ink=25, paper=255,
           footer=None, top_line=None, dpi_y=None):
    """Render elements; returns (image 'L', truth lines)."""
    W, H = int(round(page_in[0] * dpi)), int(round(page_in[1] * dpi))
    img = Image.new("L", (W, H), paper)
    dr = ImageDraw.Draw(img)
    m = margin_in * dpi
    width = W - 2 * m
    truth = []
    if top_line:
        f = font("DejaVuSansMono", "reg", 9, dpi)
        dr.text((m * 0.5, 0.25 * dpi), top_line, font=f, fill=ink)
        truth.append(top_line)
    bottom = H - m
    fl = None
    if footer:
        f = font(fam, "reg", 9, dpi)
        fl = Line(9 * dpi / 72 * 1.3, [((width - f.getlength(footer)) / 2, footer, f)])
        bottom -= fl.h * 2
    y = m
    truncated = False
    for item in lay(els, width, fam, dpi):
        if isinstance(item, tuple):
            _, left, right, off = item
            yl = y
            for ln in left:
                if yl + ln.h > bottom:
                    truncated = True
                    break
                draw_line(dr, ln, m, yl, ink)
                if ln.text():
                    truth.append(ln.text())
                yl += ln.h
            yr = y
            for ln in right:
                if yr + ln.h > bottom:
                    truncated = True
                    break
                draw_line(dr, ln, m + off, yr, ink)
                if ln.text():
                    truth.append(ln.text())
                yr += ln.h
            y = max(yl, yr)
            continue
        if y + item.h > bottom:
            truncated = True
            break
        draw_line(dr, item, m, y, ink)
        if item.text():
            truth.append(item.text())
        y += item.h
    if fl:
        draw_line(dr, fl, m, H - m - fl.h, ink)
        truth.append(fl.text())
    return img, truth, truncated
