#!/usr/bin/env python3
"""Continue training a LayerLab model in PyTorch, on one machine or many.

Written by LayerLab's PyTorch export (layerlab-cli export --format pytorch) beside model.py (the module),
weights.npz (its trained weights) and layerlab-model.json (the LayerLab model file). CONFIG below holds the
run's settings as LayerLab had them: the optimizer and its learning rate, the learning-rate schedule, L2,
the batch size, the seed, the validation split, early stopping and augmentation. Edit them here.

  python3 train.py --data DIR                      # one process (CPU, or the GPU when there is one)
  torchrun --nproc_per_node=4 train.py --data DIR  # DistributedDataParallel on 4 processes
  torchrun --nnodes=2 --nproc_per_node=8 --rdzv_backend=c10d --rdzv_endpoint=HOST:29500 train.py --data DIR

DIR holds MNIST's IDX files as LayerLab reads them: train-images-idx3-ubyte, train-labels-idx1-ubyte,
t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (each may end in .gz; "train-images.idx3-ubyte" also works).
Or DIR is an image folder as LayerLab reads one: a subfolder per class (circle/*.png, square/*.jpg, ...; class
names sorted), optionally under train/ and test/; PNG, JPEG and BMP files (read with Pillow, Debian's
python3-pil), imported with the settings in CONFIG["image_import"] (the model file's): target size, grey or
RGB, aspect ratio kept (padded with the border colour) or stretched, inverted or not, and without a test/
folder the same seeded, per-class test split; the validation split is then per class too, as LayerLab's.
A file that cannot be read is skipped and named. Colour, padding, scaling (stb_image_resize's filters, as
LayerLab scales: Mitchell to shrink, Catmull-Rom to enlarge) and inverting are LayerLab's to the grey level;
JPEG is decoded by libjpeg instead of stb_image, so a JPEG may differ by a grey level here and there.

What matches LayerLab exactly: the validation split (the same images are held out: LayerLab's seeded
permutation is recomputed here, std::mt19937_64 and libstdc++'s std::shuffle), the order each epoch draws the
training images in, the batch size (under torchrun it is the global batch: each process takes its share of
every batch and the gradients are averaged over the whole batch), the optimizer's update rule, L2 on weights
but not biases, frozen layers, the learning rate of every batch, early stopping and the loss. What does not:
the random draws of dropout and augmentation (PyTorch's generator, seeded by the run's seed).
Under torchrun the backend is nccl when CUDA is available (one GPU per process, by LOCAL_RANK), else gloo.

Writes to --out (default: this folder) at the end of every epoch: checkpoint.pt (the model's and the
optimizer's state, the epoch; --weights checkpoint.pt continues from it) and weights.npz (as the export).
"""
import argparse
import copy
import gzip
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model as exported  # noqa: E402  (model.py beside this file)

CONFIG = None  # filled in by layerlab-cli export

MASK64 = (1 << 64) - 1


class MT19937_64:
    """std::mt19937_64, so that the split and the epoch order are LayerLab's."""

    def __init__(self, seed):
        self.mt = [seed & MASK64]
        for i in range(1, 312):
            prev = self.mt[-1]
            self.mt.append((6364136223846793005 * (prev ^ (prev >> 62)) + i) & MASK64)
        self.index = 312

    def _twist(self):
        mt = self.mt
        for i in range(312):
            x = (mt[i] & 0xFFFFFFFF80000000) | (mt[(i + 1) % 312] & 0x7FFFFFFF)
            xa = x >> 1
            if x & 1:
                xa ^= 0xB5026F5AA96619E9
            mt[i] = mt[(i + 156) % 312] ^ xa
        self.index = 0

    def __call__(self):
        if self.index >= 312:
            self._twist()
        y = self.mt[self.index]
        self.index += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        return y & MASK64


def _uniform_below(g, n):
    """std::uniform_int_distribution over [0, n) as libstdc++ draws it from a 64-bit generator (Lemire)."""
    product = g() * n
    low = product & MASK64
    if low < n:
        threshold = ((1 << 64) - n) % n
        while low < threshold:
            product = g() * n
            low = product & MASK64
    return product >> 64


def cxx_shuffle(a, g):
    """std::shuffle(a.begin(), a.end(), g) as libstdc++ (GCC 12) does it, in place."""
    n = len(a)
    if n < 2:
        return
    if MASK64 // n >= n:  # two swap positions from one draw
        i = 1
        if n % 2 == 0:
            j = _uniform_below(g, 2)
            a[i], a[j] = a[j], a[i]
            i += 1
        while i != n:
            r = i + 1
            x = _uniform_below(g, r * (r + 1))
            p1, p2 = x // (r + 1), x % (r + 1)
            a[i], a[p1] = a[p1], a[i]
            i += 1
            a[i], a[p2] = a[p2], a[i]
            i += 1
    else:
        for i in range(1, n):
            j = _uniform_below(g, i + 1)
            a[i], a[j] = a[j], a[i]


def split_train_validation(t, count, labels=None):
    """core/validation_split.cpp: a seeded permutation; its first part is held out (ascending). With labels
    (an image folder) per class: each class's images in a seeded order, the first round(split x count) of them
    (never all of a class) held out, the rest in a seeded order."""
    if labels is not None:
        rng = MT19937_64(t["seed"] ^ 0x5EED)
        by_class = [[] for _ in range(256)]
        for i, label in enumerate(labels):
            by_class[label].append(i)
        validation, train = [], []
        for members in by_class:
            if not members:
                continue
            cxx_shuffle(members, rng)
            n_val = min(int(float(np.float32(t["validation_split"])) * len(members) + 0.5), len(members) - 1)
            validation += members[:n_val]
            train += members[n_val:]
        cxx_shuffle(train, rng)
        if 0 < t["train_samples"] < len(train):
            train = train[: t["train_samples"]]
        return train, sorted(validation)
    perm = list(range(count))
    cxx_shuffle(perm, MT19937_64(t["seed"] ^ 0x5EED))
    n_val = int(float(np.float32(t["validation_split"])) * count)  # LayerLab's float, times the count
    validation, train = sorted(perm[:n_val]), perm[n_val:]
    if 0 < t["train_samples"] < len(train):
        train = train[: t["train_samples"]]
    return train, validation


def shuffle_for_epoch(order, seed, epoch):
    cxx_shuffle(order, MT19937_64((seed * 7919 + epoch) & MASK64))


class LrSchedule:
    """core/lr_schedule.cpp: the learning rate of each batch."""

    def __init__(self, t, epochs, batches_per_epoch):
        self.s, self.base = t["lr_schedule"], t["learning_rate"]
        self.epochs, self.batches = max(1, epochs), max(1, batches_per_epoch)
        self.plateau_rate, self.best, self.since = self.base, math.inf, 0

    def rate(self, epoch, batch):
        s = self.s
        if s["type"] == "step":
            return max(s["min_lr"], self.base * s["factor"] ** (max(0, epoch - 1) // s["every"]))
        if s["type"] == "cosine":
            pos = min(max(((epoch - 1) * self.batches + batch) / (self.epochs * self.batches), 0.0), 1.0)
            return s["min_lr"] + (self.base - s["min_lr"]) * 0.5 * (1 + math.cos(math.pi * pos))
        if s["type"] == "plateau":
            return self.plateau_rate
        return self.base

    def end_epoch(self, loss, accuracy):
        s = self.s
        if s["type"] != "plateau":
            return
        v = -accuracy if s["monitor"] == "val_accuracy" else loss
        if math.isnan(v):
            return
        if v < self.best - 1e-12:
            self.best, self.since = v, 0
            return
        self.since += 1
        if self.since < s["patience"]:
            return
        self.since = 0
        self.plateau_rate = max(s["min_lr"], self.plateau_rate * s["factor"])


def read_idx(folder, stem):
    names = [stem, stem.replace("-idx", ".idx")]
    for name in names:
        for suffix, opener in (("", open), (".gz", gzip.open)):
            path = os.path.join(folder, name + suffix)
            if os.path.exists(path):
                with opener(path, "rb") as f:
                    data = f.read()
                if len(data) < 8 or data[0] != 0 or data[1] != 0 or data[2] != 8:
                    sys.exit(f"error: {path} is not an IDX file of unsigned bytes")
                dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(data[3])]
                array = np.frombuffer(data, np.uint8, offset=4 + 4 * len(dims))
                if array.size != int(np.prod(dims)):
                    sys.exit(f"error: {path} holds {array.size} values but its header says {dims}")
                return array.reshape(dims)
    sys.exit(f"error: {folder} lacks {stem} (plain or .gz): give --data the folder of MNIST's four IDX files")


def load_data(folder, classes):
    if is_image_folder(folder):
        return load_image_folder(folder, classes, CONFIG["image_import"])
    return load_idx(folder, classes)


IDX_STEMS = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
             "t10k-labels-idx1-ubyte")


def is_image_folder(folder):
    """core/image_folder.h's isImageFolder: a folder without MNIST's four IDX files."""
    def has(stem):
        return any(os.path.exists(os.path.join(folder, n + suffix))
                   for n in (stem, stem.replace("-idx", ".idx")) for suffix in ("", ".gz"))
    return os.path.isdir(folder) and not all(has(stem) for stem in IDX_STEMS)


IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".bmp")


def scan_image_folder(root):
    """core/image_folder.cpp's scan: class folders (sorted by name, byte order) under train/ or the folder,
    their image files (by name, then subfolders), and test/'s class folders. Returns (classes, files, has_test,
    skipped) with files = [(relative path, label, in test/)]."""
    skipped = []

    def entries(d):
        try:
            names = [n for n in os.listdir(d) if not n.startswith(".")]
        except OSError as e:
            skipped.append((d, f"cannot list the folder ({e.strerror}): skipped"))
            return [], []
        dirs = sorted(n for n in names if os.path.isdir(os.path.join(d, n)))
        files = sorted(n for n in names if not os.path.isdir(os.path.join(d, n)))
        return dirs, files

    seen = set()

    def collect(d, rel, label, test, depth, out):
        try:
            st = os.stat(d)
        except OSError as e:
            skipped.append((rel, f"cannot open the folder ({e.strerror}): skipped"))
            return
        if (st.st_dev, st.st_ino) in seen:
            skipped.append((rel, "a symbolic link back to a folder already read (a link loop): not followed"))
            return
        seen.add((st.st_dev, st.st_ino))
        if depth > 16:
            return
        dirs, files = entries(d)
        for n in files:
            path = os.path.join(d, n)
            if not os.path.isfile(path) or not n.lower().endswith(IMAGE_EXTENSIONS):
                skipped.append((rel + "/" + n, "not a PNG, JPEG or BMP file: skipped"))
                continue
            out.append((rel + "/" + n, label, test))
        for n in dirs:
            collect(os.path.join(d, n), rel + "/" + n, label, test, depth + 1, out)

    if not os.path.isdir(root):
        sys.exit(f"error: {root} is not a folder: give --data an image folder (one subfolder per class) or "
                 "the folder of MNIST's IDX files")
    seen.add((os.stat(root).st_dev, os.stat(root).st_ino))
    top, _ = entries(root)
    train_name = next((t for t in top if t.lower() == "train"), None)
    test_name = next((t for t in top if t.lower() == "test"), None)
    class_root = os.path.join(root, train_name) if train_name else root
    class_rel = train_name + "/" if train_name else ""
    if train_name:
        seen.add((os.stat(class_root).st_dev, os.stat(class_root).st_ino))
    class_dirs = entries(class_root)[0] if train_name else top
    classes, files = [], []
    for c in class_dirs:
        mine = []
        collect(os.path.join(class_root, c), class_rel + c, 0, False, 0, mine)
        if mine:
            files.extend((p, len(classes), t) for p, _, t in mine)
            classes.append(c)
    if len(classes) < 2:
        sys.exit(f"error: {root} has {len(classes)} class folder(s) with images: a classifier needs at least two "
                 "(one subfolder of PNG, JPEG or BMP files per class)")
    has_test = bool(train_name and test_name)
    if has_test:
        test_root = os.path.join(root, test_name)
        seen.add((os.stat(test_root).st_dev, os.stat(test_root).st_ino))
        for c in entries(test_root)[0]:
            if c in classes:
                collect(os.path.join(test_root, c), test_name + "/" + c, classes.index(c), True, 0, files)
    return classes, files, has_test, skipped


def _resize_weights(n_in, n_out, dtype):
    """stb_image_resize's weights along one axis (out x in): Catmull-Rom to enlarge, Mitchell to shrink (its
    support widened by the ratio), each output's weights normalised, edge pixels repeated."""
    ratio = n_out / n_in
    up = ratio > 1

    def kernel(x):
        x = np.abs(x)
        if up:  # Catmull-Rom
            return np.where(x < 1, 1 - x * x * (2.5 - 1.5 * x), np.where(x < 2, 2 - x * (4 + x * (0.5 * x - 2.5)), 0))
        return np.where(x < 1, (16 + x * x * (21 * x - 36)) / 18,  # Mitchell
                        np.where(x < 2, (32 + x * (-60 + x * (36 - 7 * x))) / 18, 0))

    reach = int(math.ceil(2 / min(ratio, 1))) + 2
    src = np.arange(-reach, n_in + reach)
    out = np.arange(n_out)
    if up:
        w = kernel((out[:, None] + 0.5) / ratio - (src[None, :] + 0.5))
    else:
        w = kernel((out[:, None] + 0.5) - (src[None, :] + 0.5) * ratio) * ratio
    w = w / w.sum(axis=1, keepdims=True)
    m = np.zeros((n_out, n_in), np.float64)
    np.add.at(m, (slice(None), np.clip(src, 0, n_in - 1)), w)
    return m.astype(dtype)


def import_image(path, spec):
    """core/image_import.cpp: one file -> C x H x W bytes as the import settings say."""
    from PIL import Image  # Debian's python3-pil

    with Image.open(path) as im:
        im.load()
        mode = im.mode
        if mode == "P":
            im = im.convert("RGBA" if "transparency" in im.info else "RGB")
        elif mode in ("1", "I;16", "I;16B", "I;16L", "I", "F"):
            a = np.asarray(im)
            im = Image.fromarray((a >> 8).astype(np.uint8) if a.dtype.itemsize > 1 and mode != "F" else
                                 a.astype(np.uint8) * (255 if mode == "1" else 1), "L")
        elif mode not in ("L", "LA", "RGB", "RGBA"):
            im = im.convert("RGB")
        px = np.asarray(im, dtype=np.uint8)
    if px.ndim == 2:
        px = px[:, :, None]
    h, w, comp = px.shape
    if w * h > 64 * 1024 * 1024:
        raise ValueError(f"the image is {w}x{h} pixels, more than the 64 megapixels LayerLab reads")
    want = 3 if spec["color"] == "rgb" else 1
    p = px.astype(np.int64)
    if comp in (2, 4):  # alpha over white paper
        a = p[:, :, comp - 1:comp]
        p = (p[:, :, :comp - 1] * a + 255 * (255 - a) + 127) // 255
        comp -= 1
    if comp == 3 and want == 1:  # luma, rounded half away from zero as std::lround
        p = np.floor(0.299 * p[:, :, 0:1] + 0.587 * p[:, :, 1:2] + 0.114 * p[:, :, 2:3] + 0.5).astype(np.int64)
        comp = 1
    k = comp
    W, H = spec["width"], spec["height"]
    sw, sh = W, H
    if spec["fit"] == "pad":
        scale = min(W / w, H / h)
        sw = min(max(int(math.floor(w * scale + 0.5)), 1), W)
        sh = min(max(int(math.floor(h * scale + 0.5)), 1), H)
    fill = np.zeros(k, np.int64)
    if spec["fit"] == "pad" and (sw < W or sh < H):
        border = np.concatenate([p[0], p[-1], p[1:-1, 0], p[1:-1, -1]]) if h > 1 and w > 1 else p.reshape(-1, k)
        fill = np.sort(border, axis=0)[len(border) // 2]
    if (sw, sh) != (w, h):
        f = p.astype(np.float32) / np.float32(255)
        f = np.einsum("oi,hic->hoc", _resize_weights(w, sw, np.float32), f)
        f = np.einsum("oi,iwc->owc", _resize_weights(h, sh, np.float32), f)
        p = np.floor(np.clip(f, 0, 1) * np.float32(255) + np.float32(0.5)).astype(np.int64)
    frame = np.empty((H, W, k), np.int64)
    frame[:, :] = fill
    ox, oy = (W - sw) // 2, (H - sh) // 2
    frame[oy:oy + sh, ox:ox + sw] = p
    if spec["invert"]:
        frame = 255 - frame
    out = frame.transpose(2, 0, 1)  # channel-major
    if want == 3 and k == 1:
        out = np.repeat(out, 3, axis=0)
    return out.astype(np.uint8)


def load_image_folder(folder, classes, spec):
    """core/image_folder.cpp's loadImageFolder: the images in file order, the test/ folder's or a seeded share
    of each class as the test set."""
    names, files, has_test, skipped = scan_image_folder(folder)
    if len(names) != classes:
        sys.exit(f"error: {folder} has {len(names)} classes ({', '.join(names[:5])}"
                 f"{', ...' if len(names) > 5 else ''}) but the model has {classes}")
    size = (3 if spec["color"] == "rgb" else 1, spec["height"], spec["width"])
    if size != tuple(exported.INPUT_SHAPE):
        sys.exit(f"error: the import settings give {size[0]}x{size[1]}x{size[2]} images but the model reads "
                 f"{'x'.join(map(str, exported.INPUT_SHAPE))}")
    pixels, ok = [], []
    for rel, _, _ in files:
        try:
            pixels.append(import_image(os.path.join(folder, rel), spec))
            ok.append(True)
        except Exception as e:  # noqa: BLE001  (PIL raises many kinds; the file is skipped and named)
            skipped.append((rel, f"cannot be read as an image ({e}): skipped"))
            pixels.append(None)
            ok.append(False)
    test = [t for _, _, t in files]
    if not has_test and spec["test_split"] > 0:
        by_class = [[i for i, (_, label, _) in enumerate(files) if ok[i] and label == c] for c in range(len(names))]
        rng = MT19937_64(spec["split_seed"] ^ 0x7E575EED)
        for members in by_class:
            cxx_shuffle(members, rng)
            n_test = int(float(np.float32(spec["test_split"])) * len(members) + 0.5)
            if members:
                n_test = min(n_test, len(members) - 1)
            for i in members[:n_test]:
                test[i] = True
    for rel, why in skipped:
        print(f"{folder}: {rel}: {why}", file=sys.stderr)
    data = {}
    for part, want in (("train", False), ("test", True)):
        ix = [i for i in range(len(files)) if ok[i] and test[i] == want]
        images = np.stack([pixels[i] for i in ix]) if ix else np.zeros((0,) + size, np.uint8)
        labels = np.array([files[i][1] for i in ix], np.int64)
        data[part] = (torch.from_numpy(images), torch.from_numpy(labels))
    data["classes"] = names
    data["stratified"] = True
    data["train_files"] = [files[i][0] for i in range(len(files)) if ok[i] and not test[i]]
    return data


def load_idx(folder, classes):
    data = {}
    for part, stem in (("train", "train"), ("test", "t10k")):
        images = read_idx(folder, stem + "-images-idx3-ubyte")
        labels = read_idx(folder, stem + "-labels-idx1-ubyte")
        if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
            sys.exit(f"error: {folder}: {stem} images {images.shape} and labels {labels.shape} do not match")
        if tuple(images.shape[1:]) != exported.INPUT_SHAPE[1:]:
            sys.exit(f"error: {folder} has {images.shape[1]}x{images.shape[2]} images but the model reads "
                     f"{exported.INPUT_SHAPE[1]}x{exported.INPUT_SHAPE[2]}")
        if labels.size and labels.max() >= classes:
            sys.exit(f"error: {folder} has label {labels.max()} but the model has {classes} classes")
        data[part] = (torch.from_numpy(images.copy()).unsqueeze(1), torch.from_numpy(labels.astype(np.int64)))
    data["stratified"] = False
    return data


def augment(x, a, gen):
    """core/augment.h's transform with PyTorch's own draws: x = N x C x H x W inputs 0..1."""
    n, _, h, w = x.shape
    elastic = a.get("elastic", 0)
    if a["shift"] > 0 or a["rotation"] > 0 or a["zoom"] > 0 or elastic > 0:
        s = int(math.floor(a["shift"]))
        d = torch.randint(-s, s + 1, (n, 2), generator=gen).to(x)
        angle = (torch.rand(n, generator=gen) * 2 - 1).to(x) * a["rotation"] * math.pi / 180
        scale = 1 + (torch.rand(n, generator=gen) * 2 - 1).to(x) * a["zoom"]
        # source (pixels, from the centre) = R(angle) (p + u(p) - d) / scale, in grid_sample's -1..1
        # coordinates; u is the elastic displacement (0 without it)
        sx, sy = 2.0 / max(w - 1, 1), 2.0 / max(h - 1, 1)
        cs, sn = torch.cos(angle) / scale, torch.sin(angle) / scale
        m = torch.stack([torch.stack([cs, -sn * sx / sy], 1), torch.stack([sn * sy / sx, cs], 1)], 1)
        t = -(m @ (d * torch.tensor([sx, sy]).to(x)).unsqueeze(2))
        grid = F.affine_grid(torch.cat([m, t], 2), list(x.shape), align_corners=True)
        if elastic > 0:
            # Simard et al. 2003: uniform [-1, 1] per pixel and component, a Gaussian of 4 pixels (truncated
            # at 3 sigma, the edge repeated), times alpha pixels.
            u = torch.rand((n, 2, h, w), generator=gen).to(x) * 2 - 1
            r = int(math.ceil(3 * 4.0))
            k = torch.exp(-0.5 * (torch.arange(-r, r + 1).to(x) / 4.0) ** 2)
            k = k / k.sum()
            u = F.conv2d(F.pad(u, (r, r, 0, 0), mode="replicate"), k.view(1, 1, 1, -1).repeat(2, 1, 1, 1), groups=2)
            u = F.conv2d(F.pad(u, (0, 0, r, r), mode="replicate"), k.view(1, 1, -1, 1).repeat(2, 1, 1, 1), groups=2)
            u = (u * elastic).permute(0, 2, 3, 1) * torch.tensor([sx, sy]).to(x)
            grid = grid + torch.einsum("nij,nhwj->nhwi", m, u)
        x = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=True)
    if a["noise"] > 0:
        x = (x + torch.randn(x.shape, generator=gen).to(x) * a["noise"]).clamp(0, 1)
    return x


def loss_of(model, pixels, labels, t, classes):
    """The batch's summed loss and correct count, as core/loss.h computes them (mean = sum / n)."""
    if t["loss"] == "cross_entropy":
        scores = model(pixels, output="scores")
        loss = F.cross_entropy(scores, labels, reduction="sum")
    else:
        scores = model(pixels, output="outputs")
        target = F.one_hot(labels, classes).to(scores.dtype)
        loss = F.mse_loss(scores, target, reduction="sum") / classes
    return loss, (scores.argmax(1) == labels).sum()


def make_optimizer(model, t):
    o = t["optimizer"]
    frozen = tuple(name + "." for name in t["frozen"])
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if name.startswith(frozen):
            p.requires_grad_(False)  # a frozen layer keeps its weights
        else:
            (decay if p.dim() > 1 else no_decay).append(p)  # L2 on weights, not on biases
    groups = [{"params": decay, "weight_decay": t["l2"]}, {"params": no_decay, "weight_decay": 0.0}]
    lr = t["learning_rate"]
    if o["type"] == "sgd":
        return torch.optim.SGD(groups, lr=lr, momentum=o["momentum"], nesterov=o["nesterov"] and o["momentum"] > 0)
    if o["type"] == "adam":
        return torch.optim.Adam(groups, lr=lr, betas=(o["beta1"], o["beta2"]), eps=o["epsilon"])
    if o["type"] == "adagrad":
        return torch.optim.Adagrad(groups, lr=lr, eps=o["epsilon"])
    return torch.optim.RMSprop(groups, lr=lr, alpha=o["rho"], eps=o["epsilon"])


def save_atomically(path, write):
    tmp = path + ".tmp"
    write(tmp)
    os.replace(tmp, path)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", required=True,
                   help="folder of the four MNIST IDX files, or an image folder (one subfolder per class)")
    p.add_argument("--out", default=here, help="where checkpoint.pt and weights.npz go (default: here)")
    p.add_argument("--weights", default=os.path.join(here, "weights.npz"),
                   help="weights.npz (the export's) or a checkpoint.pt written by this script")
    p.add_argument("--epochs", type=int, default=CONFIG["training"]["epochs"])
    p.add_argument("--max-batches", type=int, default=0, help="stop after this many batches (a quick check)")
    p.add_argument("--cpu", action="store_true", help="train on the CPU even when CUDA is available")
    p.add_argument("--write-split", metavar="FILE",
                   help="write the training order of epoch 1 and the validation images (JSON) and exit")
    p.add_argument("--write-images", metavar="FILE",
                   help="write the training and test images and labels as read (.npz) and exit")
    args = p.parse_args()
    t = CONFIG["training"]

    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    cuda = torch.cuda.is_available() and not args.cpu
    if distributed:
        dist.init_process_group("nccl" if cuda else "gloo")
        rank, world = dist.get_rank(), dist.get_world_size()
    else:
        rank, world = 0, 1
    if cuda:
        local = int(os.environ.get("LOCAL_RANK", "0"))
        torch.cuda.set_device(local)
        device = torch.device("cuda", local)
    else:
        device = torch.device("cpu")
    main_process = rank == 0

    def say(*what):
        if main_process:
            print(*what, flush=True)

    classes = exported.CLASSES
    data = load_data(args.data, classes)
    train_images, train_labels = data["train"]
    if args.write_images:
        np.savez(args.write_images, train_images=train_images.numpy(), train_labels=train_labels.numpy(),
                 test_images=data["test"][0].numpy(), test_labels=data["test"][1].numpy())
        return
    train_idx, val_idx = split_train_validation(
        t, len(train_labels), train_labels.tolist() if data["stratified"] else None)
    if not train_idx:
        sys.exit("error: validation_split leaves no training images: lower it")
    order = list(train_idx)
    if args.write_split:
        shuffle_for_epoch(order, t["seed"], 1)
        with open(args.write_split, "w") as f:
            json.dump({"validation": val_idx, "epoch1": order}, f)
        return

    torch.manual_seed(t["seed"] + rank)
    gen = torch.Generator().manual_seed(t["seed"] * 7919 + rank)
    net = exported.Model().to(device)
    start_epoch, optimizer_state = 1, None
    if args.weights.endswith(".pt"):
        checkpoint = torch.load(args.weights, map_location=device)
        net.load_state_dict(checkpoint["model"])
        optimizer_state, start_epoch = checkpoint["optimizer"], checkpoint["epoch"] + 1
    else:
        exported.load_weights(net, args.weights)
    optimizer = make_optimizer(net, t)
    if optimizer_state:
        optimizer.load_state_dict(optimizer_state)
    # Under torchrun the calls go through DDP's forward (the model's forward takes output="scores"), so
    # that its gradient averaging runs.
    model = net
    if distributed:
        model = torch.nn.parallel.DistributedDataParallel(net, device_ids=[device.index] if cuda else None)
    for e in range(1, start_epoch):  # a continued run draws on from where the checkpoint's run was
        shuffle_for_epoch(order, t["seed"], e)

    batch = min(t["batch_size"], len(train_labels))
    batches_per_epoch = (len(order) + batch - 1) // batch
    schedule = LrSchedule(t, args.epochs, batches_per_epoch)
    es = t["early_stopping"]
    best_value, since_best, best_state, explode_limit, steps = math.inf, 0, None, math.inf, 0
    say(f"{CONFIG['name']}: {len(order)} training and {len(val_idx)} validation images, batch {batch}, "
        f"{batches_per_epoch} batches per epoch, {world} process{'es' if world > 1 else ''} on {device.type}"
        f"{' (' + dist.get_backend() + ')' if distributed else ''}")

    def evaluate(images, labels, indices):
        """Mean loss and accuracy over the images (each process its share, summed over all)."""
        net.eval()
        total = torch.zeros(3, dtype=torch.float64, device=device)
        mine = indices[rank::world]
        with torch.no_grad():
            for s in range(0, len(mine), 1000):
                ix = torch.tensor(mine[s: s + 1000], dtype=torch.long)
                loss, correct = loss_of(net, images[ix].to(device), labels[ix].to(device), t, classes)
                total += torch.stack([loss.double(), correct.double(), torch.tensor(float(len(ix)), device=device,
                                                                                     dtype=torch.float64)])
        if distributed:
            dist.all_reduce(total)
        n = total[2].item()
        return (total[0].item() / n, total[1].item() / n) if n else (math.nan, math.nan)

    stopped = False
    for epoch in range(start_epoch, start_epoch + args.epochs):
        shuffle_for_epoch(order, t["seed"], epoch)
        net.train()
        began, sums = time.time(), torch.zeros(3, dtype=torch.float64, device=device)
        for b in range(batches_per_epoch):
            rate = schedule.rate(epoch - start_epoch + 1, b)
            for group in optimizer.param_groups:
                group["lr"] = rate
            whole = order[b * batch: (b + 1) * batch]
            ix = torch.tensor(whole[rank::world], dtype=torch.long)
            pixels, labels = train_images[ix].to(device).float(), train_labels[ix].to(device)
            if any(t["augmentation"][k] > 0 for k in ("shift", "rotation", "zoom", "noise", "elastic")):
                pixels = augment(pixels * (1 / 255), t["augmentation"], gen).mul(255)
            loss_sum, correct = loss_of(model, pixels, labels, t, classes)
            # DDP averages the gradients over the processes: scaled so that they are the whole batch's mean.
            loss = loss_sum * (world / len(whole))
            step = torch.stack([loss_sum.detach().double(), correct.double(),
                                torch.tensor(float(len(ix)), dtype=torch.float64, device=device)])
            if distributed:
                dist.all_reduce(step)
            batch_loss = step[0].item() / len(whole)
            if not math.isfinite(batch_loss) or batch_loss > explode_limit:
                say(f"Training diverged at epoch {epoch}, batch {b + 1}: the loss became {batch_loss:.4g}. "
                    f"Lower the learning rate (now {t['learning_rate']:.4g}); the last good weights were kept.")
                stopped = True
                break
            if steps == 0:
                chance = math.log(max(2, classes)) if t["loss"] == "cross_entropy" else 1.0
                explode_limit = 1000.0 * max(batch_loss, chance)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            steps += 1
            sums += step
            if args.max_batches and steps >= args.max_batches:
                stopped = True
                break
        seconds = time.time() - began
        train_loss, train_acc = (sums[0] / sums[2]).item(), (sums[1] / sums[2]).item()
        val_loss, val_acc = evaluate(train_images, train_labels, val_idx)
        has_val = bool(val_idx)
        say(f"epoch {epoch}: loss {train_loss:.4f}, accuracy {100 * train_acc:.2f}%, val_loss {val_loss:.4f}, "
            f"val_accuracy {100 * val_acc:.2f}%, lr {rate:.3g}, {seconds:.1f} s"
            + (f" (stopped after {steps} batches)" if args.max_batches and steps >= args.max_batches else ""))
        monitored = -(val_acc if has_val else train_acc) if es["monitor"] == "val_accuracy" else \
            (val_loss if has_val else train_loss)
        if monitored < best_value - 1e-12:
            best_value, since_best = monitored, 0
            if es["enabled"] and es["restore_best"]:
                best_state = copy.deepcopy(net.state_dict())
        else:
            since_best += 1
        schedule.end_epoch(val_loss if has_val else train_loss, val_acc if has_val else train_acc)
        if main_process:
            os.makedirs(args.out, exist_ok=True)
            save_atomically(os.path.join(args.out, "checkpoint.pt"), lambda f: torch.save(
                {"model": net.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch, "config": CONFIG},
                f))
            save_atomically(os.path.join(args.out, "weights.npz"), lambda f: exported.save_weights(net, f))
        if stopped:
            break
        if es["enabled"] and since_best >= es["patience"]:
            say(f"Early stopping after epoch {epoch}: no improvement for {es['patience']} epochs")
            break
    if best_state is not None and not stopped:
        net.load_state_dict(best_state)
        say("restored the weights of the best epoch")
        if main_process:
            save_atomically(os.path.join(args.out, "weights.npz"), lambda f: exported.save_weights(net, f))
    test_loss, test_acc = evaluate(*data["test"], list(range(len(data["test"][1]))))
    say(f"test: loss {test_loss:.4f}, accuracy {100 * test_acc:.2f}%")
    if distributed:
        # DDP's reducer goes before its process group, all processes together: left to the interpreter's
        # exit, one process in two waited in gloo for a peer that had already gone (PyTorch 1.13).
        dist.barrier()
        del model
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
