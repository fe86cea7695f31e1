"""dln dataset and --save-weights write NPY v1.0 that numpy.load reads back exactly as the CSV twin
(17 significant digits round-trip a double), and the saved W2·W1 is the map whose strengths simulate printed.
Usage: numpy_roundtrip.py DLN WORKDIR"""
import subprocess, sys, pathlib
import numpy as np

dln, work = sys.argv[1], pathlib.Path(sys.argv[2])
data, weights = work / "data", work / "weights"
for d in (data, weights):
    d.mkdir(parents=True, exist_ok=True)
subprocess.run([dln, "dataset", "--n1", "3", "--out", str(data)], check=True)
for name in ("X", "Y"):
    from_npy = np.load(data / f"{name}.npy")
    from_csv = np.loadtxt(data / f"{name}.csv", delimiter=",", ndmin=2)
    assert from_npy.dtype == np.float64 and from_npy.shape == from_csv.shape, (name, from_npy.shape, from_csv.shape)
    assert np.array_equal(from_npy, from_csv), name
X, Y = np.load(data / "X.npy"), np.load(data / "Y.npy")
assert X.shape == (3 + 3 * 8, 8) and Y.shape == (1 + 8, 8)  # n1 + k1·P inputs, n2 + k2·P outputs, P = 8 columns

run = subprocess.run([dln, "simulate", "--data", str(data / "X.npy"), str(data / "Y.npy"), "--epochs", "40",
                      "--init", "random", "--save-weights", str(weights), "--save-epochs", "0,40", "-q"],
                     check=True, capture_output=True, text=True)
last = run.stdout.strip().splitlines()[-1].split(",")
W1, W2 = np.load(weights / "epoch40" / "W1.npy"), np.load(weights / "epoch40" / "W2.npy")
assert W1.shape == (50, 27) and W2.shape == (9, 50)
W = W2 @ W1
P = X.shape[1]
loss = np.sum((Y - W @ X) ** 2) / (2 * P)
# The loss printed at t = 40 is of the weights saved at t = 40; both are sums of ~200 products of O(1)
# numbers computed in a different order, so they agree to a few hundred ulps of the loss's O(1) terms.
assert abs(loss - float(last[1])) < 1e-12, (loss, last[1])
print("ok")
