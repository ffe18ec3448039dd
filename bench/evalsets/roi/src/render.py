"""Render pages/NNN.txt to pages/NNN.png (letter size, 150 dpi) with varied fonts and styles.
Run with a Python that has Pillow, e.g. /work/main/.venv/bin/python src/render.py
Lines are word-wrapped, but never inside a labelled string, so each label stays on one line."""
import json, os, random
from PIL import Image, ImageDraw, ImageFont
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FD = '/usr/share/fonts/truetype/dejavu/'
FONTS = {'sans': ('DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'), 'serif': ('DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf'),
         'cond': ('DejaVuSansCondensed.ttf', 'DejaVuSansCondensed-Bold.ttf'), 'mono': ('DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf'),
         'fax': ('DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf')}
W, H, M = 1275, 1650, 80
styles = json.load(open(os.path.join(ROOT, 'src', 'styles.json')))
labels = [json.loads(l) for l in open(os.path.join(ROOT, 'labels.jsonl'))]
CYCLE = ['sans', 'cond', 'serif', 'sans']
def protect(text, strings):
    for s in sorted(set(strings), key=len, reverse=True):
        if ' ' in s: text = text.replace(s, s.replace(' ', '\x01'))
    return text
def layout(lines, font, width, wrap):
    out = []
    for ln in lines:
        if not wrap or font.getlength(ln.replace('\x01', ' ')) <= width: out.append(ln); continue
        cur = ''
        indent = len(ln) - len(ln.lstrip(' '))
        for w in ln.split(' '):
            t = (cur + ' ' + w) if cur else w
            if font.getlength(t.replace('\x01', ' ')) <= width or not cur: cur = t
            else: out.append(cur); cur = ' ' * indent + w
        out.append(cur)
    return out
total = 0
for i, o in enumerate(labels):
    page = o['page']; st = styles.get(page, CYCLE[i % len(CYCLE)])
    text = open(os.path.join(ROOT, 'pages', page)).read().rstrip('\n')
    text = protect(text, [r['text'] for r in o['redact']] + o['keep'])
    lines = text.split('\n')
    reg, bold = FONTS[st]
    size = {'mono': 19, 'fax': 19, 'serif': 22, 'cond': 23, 'sans': 21}[st]
    while True:
        font = ImageFont.truetype(FD + reg, size); lh = int(size * 1.38)
        body = layout(lines, font, W - 2 * M, wrap=True)
        widest = max(font.getlength(l.replace('\x01', ' ')) for l in body)
        if (len(body) + 2) * lh <= H - 2 * M and widest <= W - 2 * M: break
        size -= 1
    img = Image.new('L', (W, H), 255); d = ImageDraw.Draw(img)
    y = M
    bfont = ImageFont.truetype(FD + bold, size)
    if st in ('sans', 'cond'):
        d.rectangle([M - 20, y - 12, W - M + 20, y + lh + 2], fill=225)
    for n, l in enumerate(body):
        f = bfont if n == 0 or (l.isupper() and len(l.strip()) > 3) else font
        d.text((M, y), l.replace('\x01', ' '), font=f, fill=0 if st != 'serif' else 20)
        y += lh
    d.text((W - M - 160, H - M + 20), f'Page {page[:3]}', font=ImageFont.truetype(FD + reg, 15), fill=90)
    if st == 'fax':
        rnd = random.Random(page)
        img = img.rotate(0.35, resample=Image.BICUBIC, fillcolor=255)
        px = img.load()
        for _ in range(2500): px[rnd.randrange(W), rnd.randrange(H)] = 0
        img = img.convert('1', dither=Image.NONE)
    else:
        img = img.quantize(colors=8)
    p = os.path.join(ROOT, 'pages', page[:-4] + '.png')
    img.save(p, optimize=True); total += os.path.getsize(p)
    print(page, st, size, os.path.getsize(p))
print('total bytes', total)
