#!/usr/bin/env python3
"""The reference point of bench/speed_benchmark.sh: `dln simulate --rule gd` (dense network, random init) written
in numpy with the same structure-aware algorithm, so that the ratio measures the implementation, not the method.

Per epoch, like numeric::Objective (forward, descend, measure): no P × P or (n1 + k1·P)² matrix is formed.
  S1 = Σ_c W1_c (W1's k1 per-item copies),  H = W1_Ω·Ωx + r·S1,  S2 = Σ_c W2_cᵀ,  A = W2_Ωᵀ·Ωy + r·S2,
  G = W2ᵀW2 (two rank updates: Ω rows, Γ rows),  HHᵀ,  L = (‖Y‖² − 2⟨A, H⟩ + ⟨G, HHᵀ⟩)/2P;
  read-out: the quadrant norms ⟨G_R, Gram of W1_C⟩ with W1's Γ Gram = S1·S1ᵀ/k1 + the copies' constant spread,
  and the Walsh transforms of S1 and S2 with every mode's projection;
  step (η = P·lr): D = A − G·H, W1_Ω += (η/P)·D·Ωxᵀ, W1_c += (η·r/P)·D, W2 += (η/P)·(Y·Hᵀ − W2·HHᵀ).

    numpy_gd.py --n1 N [--k1 3 --k2 1 --hidden 50 --epochs 300 --lr 5e-4 --init-scale 2e-4 --seed 1]
    numpy_gd.py --dgemm N        one thread's DGEMM rate on N × N matrices (GFLOP/s), for the flop limit

Prints one line `seconds_per_epoch <s> final_loss <L>` (the loop only, after the data and the init). numpy runs on
one BLAS thread (OPENBLAS_NUM_THREADS=1 is set before numpy loads), as dln does per task.
"""
import argparse
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402  (after the thread count)


def omega_x(n1):
    # x_f(c) = −1 where bit n1−1−f of c is set (analytic::omega_x).
    c = np.arange(2**n1)
    return np.array([np.where((c >> (n1 - 1 - f)) & 1, -1.0, 1.0) for f in range(n1)])


def walsh_transformed(m):
    """The unnormalised fast Walsh–Hadamard transform of each row of m (rows × P), returned as P × rows: the
    butterflies run on item-major rows, so each one moves contiguous blocks of half·rows numbers."""
    t = np.ascontiguousarray(m.T)
    P, rows = t.shape
    half = 1
    while half < P:
        v = t.reshape(P // (2 * half), 2, half * rows)
        a = v[:, 0].copy()
        v[:, 0] += v[:, 1]
        v[:, 1] = a - v[:, 1]
        half *= 2
    return t


def run(args):
    n1, k1, k2, h, r = args.n1, args.k1, args.k2, args.hidden, 1.0
    P = 2**n1
    Ox = omega_x(n1)
    Oy = Ox[:1]  # dln's default: n2 = 1, the first feature kept
    n2 = Oy.shape[0]
    rng = np.random.default_rng(args.seed)
    # Column-major like dln's Eigen matrices, so that a copy block W1_c is contiguous.
    W1 = np.asfortranarray(rng.normal(0.0, args.init_scale, (h, n1 + k1 * P)))
    W2 = np.asfortranarray(rng.normal(0.0, args.init_scale, (n2 + k2 * P, h)))
    copies1 = [slice(n1 + c * P, n1 + (c + 1) * P) for c in range(k1)]
    copies2 = [slice(n2 + c * P, n2 + (c + 1) * P) for c in range(k2)]
    y_squared = Oy.size + k2 * P * r * r
    step = args.lr  # η/P with η = P·lr
    mean = sum(W1[:, s] for s in copies1) / k1
    spread = sum((W1[:, s] - mean) @ (W1[:, s] - mean).T for s in copies1)

    loss = np.nan
    start = time.perf_counter()
    for _ in range(args.epochs + 1):
        S1 = sum(W1[:, s] for s in copies1)
        H = W1[:, :n1] @ Ox + r * S1
        S2 = sum(W2[s].T for s in copies2)
        A = W2[:n2].T @ Oy + r * S2
        G_omega = W2[:n2].T @ W2[:n2]
        W2_gamma = W2[n2:]
        G_gamma = W2_gamma.T @ W2_gamma
        G = G_omega + G_gamma
        HHt = H @ H.T
        loss = (y_squared - 2.0 * np.vdot(A, H) + np.vdot(G, HHt)) / (2.0 * P)
        if not np.isfinite(loss):
            break
        # Read-out: quadrant norms and the Walsh modes' projections.
        in_gram = (W1[:, :n1] @ W1[:, :n1].T, S1 @ S1.T / k1 + spread)
        quadrants = [np.sqrt(max(0.0, np.vdot(g_out, g_in))) for g_out in (G_omega, G_gamma) for g_in in in_gram]
        projections = np.einsum("ji,ji->j", walsh_transformed(S1), walsh_transformed(S2)) / (P * np.sqrt(k1 * k2))
        del quadrants, projections  # computed as dln does; not printed
        # The step, into the weights.
        D = A - G @ H
        W2_HHt = W2 @ HHt
        W1[:, :n1] += step * (D @ Ox.T)
        for s in copies1:
            W1[:, s] += (step * r) * D
        W2 -= step * W2_HHt
        W2[:n2] += step * (Oy @ H.T)
        for s in copies2:
            W2[s] += (step * r) * H.T
    elapsed = time.perf_counter() - start
    print(f"seconds_per_epoch {elapsed / (args.epochs + 1):.6g} final_loss {loss:.6g}")


def dgemm_rate(n):
    a = np.random.default_rng(0).normal(size=(n, n))
    b = a.T.copy()
    a @ b  # warm-up
    best = np.inf
    for _ in range(5):
        start = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - start)
    print(f"dgemm_gflops {2.0 * n**3 / best / 1e9:.4g}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n1", type=int, default=10)
    parser.add_argument("--k1", type=int, default=3)
    parser.add_argument("--k2", type=int, default=1)
    parser.add_argument("--hidden", type=int, default=50)
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--init-scale", type=float, default=2e-4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dgemm", type=int, metavar="N", help="time an N × N DGEMM instead")
    args = parser.parse_args()
    if args.dgemm:
        dgemm_rate(args.dgemm)
    else:
        run(args)


if __name__ == "__main__":
    main()
