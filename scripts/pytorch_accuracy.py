#!/usr/bin/python3
"""PyTorch 1.13 under LayerLab's accuracy protocol, for the README's comparison (optional: LayerLab never needs it).

The seed CNN, 10% of the training set held out for validation, Adam 0.001, batch 128, He-normal init (Xavier on
the output layer) and zero biases, as the engine does. Prints one line per epoch with the test accuracy.
  --plateau   ReduceLROnPlateau(factor 0.2) after each epoch whose validation loss did not improve, and early
              stopping with patience 3 and restore-best, as resources/presets/seed-cnn.json
usage: /usr/bin/python3 scripts/pytorch_accuracy.py MNIST_DIR [--epochs 1] [--plateau] [--threads 2] SEED..."""
import argparse, copy, os, struct, numpy as np, torch, torch.nn as nn

ap = argparse.ArgumentParser()
ap.add_argument("mnist_dir"); ap.add_argument("seeds", type=int, nargs="+")
ap.add_argument("--epochs", type=int, default=1); ap.add_argument("--plateau", action="store_true")
ap.add_argument("--threads", type=int, default=2)
a = ap.parse_args()
torch.set_num_threads(a.threads)

def idx(name):
    raw = open(os.path.join(a.mnist_dir, name), "rb").read(); nd = raw[3]
    dims = struct.unpack(">" + "I" * nd, raw[4:4 + 4 * nd])
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * nd).reshape(dims)

X = torch.from_numpy(idx("train-images-idx3-ubyte").astype(np.float32) / 255).unsqueeze(1)
Y = torch.from_numpy(idx("train-labels-idx1-ubyte").astype(np.int64))
Xt = torch.from_numpy(idx("t10k-images-idx3-ubyte").astype(np.float32) / 255).unsqueeze(1)
Yt = torch.from_numpy(idx("t10k-labels-idx1-ubyte").astype(np.int64))

@torch.no_grad()
def evaluate(m, x, y):
    m.eval(); out = m(x)
    return nn.functional.cross_entropy(out, y).item(), (out.argmax(1) == y).float().mean().item()

for seed in a.seeds:
    g = np.random.default_rng(seed); perm = g.permutation(len(X)); n_val = len(X) // 10
    va, tr = perm[:n_val], perm[n_val:]
    torch.manual_seed(seed)
    m = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                      nn.MaxPool2d(2), nn.Flatten(), nn.Linear(1600, 64), nn.ReLU(), nn.Linear(64, 10))
    for i, mod in enumerate(m):
        if isinstance(mod, (nn.Conv2d, nn.Linear)):
            if i == len(m) - 1: nn.init.xavier_normal_(mod.weight)
            else: nn.init.kaiming_normal_(mod.weight, nonlinearity="relu")
            nn.init.zeros_(mod.bias)
    opt = torch.optim.Adam(m.parameters(), lr=1e-3); lossf = nn.CrossEntropyLoss()
    # PyTorch's patience=0 is LayerLab's patience 1: lower the rate after the first epoch without improvement.
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=0.2, patience=0, threshold=0) if a.plateau else None
    best, best_state, since = float("inf"), None, 0
    for ep in range(1, a.epochs + 1):
        order = tr[g.permutation(len(tr))]
        m.train()
        for s in range(0, len(order), 128):
            b = torch.from_numpy(order[s:s + 128]); opt.zero_grad(); lossf(m(X[b]), Y[b]).backward(); opt.step()
        vl, va_acc = evaluate(m, X[va], Y[va]); _, te_acc = evaluate(m, Xt, Yt)
        print(f"seed {seed} epoch {ep} lr {opt.param_groups[0]['lr']:.2g} val_loss {vl:.4f} val_acc {va_acc:.4f} "
              f"test_acc {te_acc:.4f}", flush=True)
        if not a.plateau: continue
        sched.step(vl)
        if vl < best: best, best_state, since = vl, copy.deepcopy(m.state_dict()), 0
        else:
            since += 1
            if since >= 3: break
    if a.plateau:
        m.load_state_dict(best_state)
        print(f"seed {seed} final test_acc {evaluate(m, Xt, Yt)[1]:.4f} (restored the best epoch)", flush=True)
