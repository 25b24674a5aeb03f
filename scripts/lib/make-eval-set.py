#!/usr/bin/python3
"""Builds the people-detector evaluation set (issue 22) from photographs that Debian packages ship.

    /usr/bin/python3 scripts/lib/make-eval-set.py <sources.tsv> <labels.tsv> <out dir> [--write-labels]

sources.tsv (committed) names each source photograph: its package, file, licence, whether a person is
in it (labelled by looking at it) and what it shows. Every source becomes several 640x480 JPEGs, each
a deterministic transformation (seeded by the source's id, so every run writes the same pixels):

  fit    the whole photograph scaled into 640x480, grey bars where the aspect differs
  grey   fit, in grey
  night  fit, darkened (gamma), desaturated, blue-tinted, with sensor noise: a night-like frame
  far    the photograph scaled to 160 px high and pasted onto an empty street/building scene:
         its people become small and far (about 40-160 px)
  pillar fit with a dark vertical bar over 14 % of the width (a pole or pillar partly hiding a person)
  flip   fit mirrored, saved at JPEG quality 35 (blocky, as from a cheap camera)
  crop   (scenes without people only) a 55 % window of the photograph, enlarged to 640x480

Which transformations a source gets depends on its kind (see VARIANTS): a transformation never
removes a person from an image labelled as having one (no crops of photographs with people; far
photographs are not shrunk further). labels.tsv (committed) lists every image with its label; the
script checks that what it writes is exactly that list, or (--write-labels) rewrites the list.
"""
import csv
import hashlib
import os
import sys
import zlib

import numpy as np
from PIL import Image, ImageOps

W, H = 640, 480
VARIANTS = {
    'near': ['fit', 'grey', 'night', 'far', 'pillar', 'flip'],
    'sitting': ['fit', 'grey', 'night', 'far', 'pillar', 'flip'],
    'far': ['fit', 'grey', 'night', 'pillar', 'flip'],
    'hidden': ['fit', 'night'],
}
NEGATIVE = ['fit', 'night', 'far', 'crop']
BACKGROUNDS = ['neg_leuvenA', 'neg_leuvenB', 'neg_building', 'neg_home', 'neg_retina_TreeHdr_retina', 'neg_Hough_Lines_Tutorial_Original_Image']


def load(src):
    img = Image.open(src['file'])
    img = ImageOps.exif_transpose(img).convert('RGB')
    region = src['region']
    if region == 'left':
        img = img.crop((0, 0, img.width // 2, img.height))
    elif region == 'right':
        img = img.crop((img.width - img.width // 2, 0, img.width, img.height))
    elif region == 'left-third':
        img = img.crop((0, 0, img.width // 3, img.height))
    elif region != '-':
        raise SystemExit(f"{src['id']}: unknown region {region}")
    return img


def fit(img):
    f = min(W / img.width, H / img.height)
    w, h = max(1, round(img.width * f)), max(1, round(img.height * f))
    canvas = Image.new('RGB', (W, H), (114, 114, 114))
    canvas.paste(img.resize((w, h), Image.LANCZOS), ((W - w) // 2, (H - h) // 2))
    return canvas


def night(img, rng):
    a = np.asarray(img).astype(np.float32) / 255.0
    grey = a.mean(axis=2, keepdims=True)
    a = 0.3 * a + 0.7 * grey                      # most colour gone
    a = 0.45 * np.power(a, 1.6)                   # dark, contrast in the shadows crushed
    a = a * np.array([0.85, 0.95, 1.15], dtype=np.float32)
    a = a * 255.0 + rng.normal(0, 7.0, a.shape)   # sensor noise
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def far(img, background, rng):
    f = 160 / img.height
    small = img.resize((max(1, round(img.width * f)), 160), Image.LANCZOS)
    if small.width > W - 20:
        small = small.resize((W - 20, max(1, round(small.height * (W - 20) / small.width))), Image.LANCZOS)
    out = background.copy()
    x = int(rng.integers(10, max(11, W - small.width - 10)))
    y = int(rng.integers(H // 3, max(H // 3 + 1, H - small.height - 10)))
    out.paste(small, (x, y))
    return out


def pillar(img):
    a = np.asarray(img).copy()
    x0, x1 = int(W * 0.43), int(W * 0.57)
    a[:, x0:x1] = (a[:, x0:x1] * 0.15 + 40).astype(np.uint8)
    return Image.fromarray(a)


def crop(img, rng):
    cw, ch = int(img.width * 0.55), int(img.height * 0.55)
    x = int(rng.integers(0, img.width - cw + 1))
    y = int(rng.integers(0, img.height - ch + 1))
    return img.crop((x, y, x + cw, y + ch)).resize((W, H), Image.LANCZOS)


def main():
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    sources_path, labels_path, out = sys.argv[1:4]
    write_labels = '--write-labels' in sys.argv[4:]
    with open(sources_path, newline='') as f:
        rows = list(csv.DictReader(f, delimiter='\t'))
    sources = [{'id': r['id'], 'person': r['person'], 'kind': r['kind'], 'file': r['file'], 'region': r['region']} for r in rows]
    by_id = {s['id']: s for s in sources}
    fitted = {}

    def fitted_of(sid):
        if sid not in fitted:
            fitted[sid] = fit(load(by_id[sid]))
        return fitted[sid]

    os.makedirs(out, exist_ok=True)
    labels = []
    for i, s in enumerate(sources):
        if not os.path.isfile(s['file']):
            raise SystemExit(f"{s['id']}: {s['file']} is missing (is its package installed?)")
        person = s['person'] == '1'
        variants = VARIANTS[s['kind']] if person else NEGATIVE
        for v in variants:
            rng = np.random.default_rng(zlib.crc32(f"{s['id']}/{v}".encode()))
            quality = 90
            if v == 'fit':
                img = fitted_of(s['id'])
            elif v == 'grey':
                img = fitted_of(s['id']).convert('L').convert('RGB')
            elif v == 'night':
                img = night(fitted_of(s['id']), rng)
            elif v == 'far':
                bg = BACKGROUNDS[i % len(BACKGROUNDS)]
                if bg == s['id']:
                    bg = BACKGROUNDS[(i + 1) % len(BACKGROUNDS)]
                img = far(load(s), fitted_of(bg), rng)
            elif v == 'pillar':
                img = pillar(fitted_of(s['id']))
            elif v == 'flip':
                img = ImageOps.mirror(fitted_of(s['id']))
                quality = 35
            elif v == 'crop':
                img = crop(load(s), rng)
            name = f"{s['id']}--{v}.jpg"
            img.save(os.path.join(out, name), 'JPEG', quality=quality)
            labels.append((name, s['id'], v, s['kind'], '1' if person else '0'))
    text = 'image\tsource\ttransformation\tkind\tperson\n' + ''.join('\t'.join(r) + '\n' for r in labels)
    if write_labels:
        with open(labels_path, 'w') as f:
            f.write(text)
    else:
        with open(labels_path) as f:
            if f.read() != text:
                raise SystemExit(f'{labels_path} does not list what the sources produce: rerun with --write-labels and review the diff')
    with open(os.path.join(out, 'labels.tsv'), 'w') as f:
        f.write(text)
    digest = hashlib.sha256(b''.join(open(os.path.join(out, r[0]), 'rb').read() for r in labels)).hexdigest()[:16]
    pos = sum(1 for r in labels if r[4] == '1')
    print(f'{len(labels)} images ({pos} with people, {len(labels) - pos} without) in {out}; pixels sha256 {digest}')


if __name__ == '__main__':
    main()
