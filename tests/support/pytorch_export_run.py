"""Runs LayerLab's PyTorch exports in PyTorch (Debian's python3-torch), for tst_pytorch_export.

usage: /usr/bin/python3 pytorch_export_run.py IMAGES_IDX N DIR...
Each DIR holds an export (model.py, weights.npz). Its module is built, load_weights sets every parameter
(strict), and the first N images of IMAGES_IDX go through it as raw pixels 0-255 (float32, N x C x H x W):
writes DIR/probabilities.f32 (forward) and DIR/scores.f32 (forward(x, output="scores")), float32, N x classes.
Prints one line per DIR: its class name, parameter count and arrays in weights.npz.
"""
import importlib.util
import sys

import numpy as np
import torch


def main():
    images_path, n, dirs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    with open(images_path, "rb") as f:
        data = f.read()
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(data[3])]
    images = np.frombuffer(data, np.uint8, offset=4 + 4 * len(dims)).reshape(dims)[:n]
    for i, folder in enumerate(dirs):
        spec = importlib.util.spec_from_file_location(f"exported{i}", f"{folder}/model.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        net = module.load_weights(module.Model(), f"{folder}/weights.npz").eval()
        pixels = torch.from_numpy(images.astype(np.float32)).reshape((len(images),) + module.INPUT_SHAPE)
        with torch.no_grad():
            net(pixels).numpy().astype(np.float32).tofile(f"{folder}/probabilities.f32")
            net(pixels, output="scores").numpy().astype(np.float32).tofile(f"{folder}/scores.f32")
        with np.load(f"{folder}/weights.npz") as arrays:
            count = len(arrays.files)
        params = sum(p.numel() for p in net.parameters())
        print(f"{folder}: {type(net).__name__}, {params} parameters in {count} arrays")


if __name__ == "__main__":
    main()
