"""Models nobody here wrote, for tst_onnx_import: the seed CNN, an MLP, a small CNN with BatchNorm, a small
residual network (skip connections: x + conv(relu(conv(x))), and a Dense block f(x) + x holding another), the
network of PyTorch's own MNIST example (pytorch/examples mnist/main.py: torch.flatten, log_softmax) and a CNN
flattened with x.view(x.size(0), -1) (a Shape/Gather/Unsqueeze/Concat branch computing the Reshape's shape), built in
PyTorch (Debian's python3-torch), seeded, trained one epoch on the bundled MNIST subset as PyTorch's MNIST example trains
(pixels / 255, Adam, cross-entropy), exported with torch.onnx.export (opset 13, dynamic batch), with
PyTorch's own probabilities on the subset's test images.

usage: /usr/bin/python3 pytorch_models.py SUBSET_DIR OUT_DIR
writes OUT_DIR/torch-cnn.onnx, torch-mlp.onnx, torch-bn.onnx, torch-res.onnx, torch-example.onnx, torch-view.onnx
and their probabilities torch-cnn.f32, ...
(test images x 10 float32), and prints one line per model with its test accuracy.
"""
import gzip
import os
import struct
import sys

import numpy as np
import torch
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def find(folder, base):
    for name in (base, base + ".gz"):
        if os.path.exists(os.path.join(folder, name)):
            return os.path.join(folder, name)
    raise FileNotFoundError(os.path.join(folder, base))


def seed_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 64), nn.ReLU(), nn.Linear(64, 10))


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 10))


def batchnorm():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1352, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Linear(32, 10))


class ConvSkip(nn.Module):
    """y = x + conv(relu(conv(x))), channels and size kept (padding 1): ONNX Add(x, f(x))."""

    def __init__(self, c):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(c, c, 3, padding=1), nn.ReLU(), nn.Conv2d(c, c, 3, padding=1))

    def forward(self, x):
        return x + self.body(x)


class DenseSkip(nn.Module):
    """y = f(x) + x (the other Add input order), f = Linear, ReLU, [inner], Linear."""

    def __init__(self, n, inner=None):
        super().__init__()
        layers = [nn.Linear(n, n), nn.ReLU()] + ([inner] if inner is not None else []) + [nn.Linear(n, n)]
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return self.body(x) + x


def residual():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, stride=2), nn.ReLU(), ConvSkip(8), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(8 * 6 * 6, 32), nn.ReLU(), DenseSkip(32, DenseSkip(32)), nn.Linear(32, 10))


class PytorchExample(nn.Module):
    """The Net of pytorch/examples mnist/main.py, as written there."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = nn.functional.relu(self.conv1(x))
        x = nn.functional.relu(self.conv2(x))
        x = nn.functional.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = nn.functional.relu(self.fc1(x))
        x = self.dropout2(x)
        return nn.functional.log_softmax(self.fc2(x), dim=1)


class ViewCnn(nn.Module):
    """Flattened with x.view(x.size(0), -1), as many tutorials write it."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 5)
        self.fc = nn.Linear(8 * 12 * 12, 10)

    def forward(self, x):
        x = nn.functional.max_pool2d(nn.functional.relu(self.conv(x)), 2)
        x = x.view(x.size(0), -1)
        return nn.functional.log_softmax(self.fc(x), dim=1)


def main():
    subset, out = sys.argv[1], sys.argv[2]
    torch.set_num_threads(1)
    train_x = torch.tensor(read_idx(find(subset, "train-images-idx3-ubyte")), dtype=torch.float32)
    train_y = torch.tensor(read_idx(find(subset, "train-labels-idx1-ubyte")), dtype=torch.int64)
    test_x = torch.tensor(read_idx(find(subset, "t10k-images-idx3-ubyte")), dtype=torch.float32)
    test_y = torch.tensor(read_idx(find(subset, "t10k-labels-idx1-ubyte")), dtype=torch.int64)
    train_x = (train_x / 255.0).unsqueeze(1)
    test_x = (test_x / 255.0).unsqueeze(1)
    for name, make in (("torch-cnn", seed_cnn), ("torch-mlp", mlp), ("torch-bn", batchnorm),
                       ("torch-res", residual), ("torch-example", PytorchExample), ("torch-view", ViewCnn)):
        torch.manual_seed(1)
        model = make()
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        model.train()
        order = torch.randperm(len(train_x))
        for start in range(0, len(order), 64):
            idx = order[start:start + 64]
            opt.zero_grad()
            # cross_entropy of log_softmax outputs is their nll_loss (log_softmax leaves them as they are)
            loss = nn.functional.cross_entropy(model(train_x[idx]), train_y[idx])
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            probs = torch.softmax(model(test_x), dim=1)
        accuracy = (probs.argmax(1) == test_y).float().mean().item()
        probs.numpy().astype("<f4").tofile(os.path.join(out, name + ".f32"))
        torch.onnx.export(model, test_x[:1], os.path.join(out, name + ".onnx"), opset_version=13,
                          input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
        print(f"{name}: test accuracy {accuracy:.4f} on {len(test_x)} images")


if __name__ == "__main__":
    main()
