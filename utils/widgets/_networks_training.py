"""The small NumPy network behind the activation explorer (notebook 03), trained in a few hundred steps."""
import numpy as np

from utils import scratch

# name -> (g, g_prime, the z where g_prime jumps)
ACTIVATIONS = {
    "linear": (lambda z: np.asarray(z, dtype=float), lambda z: np.ones_like(z, dtype=float), ()),
    "sigmoid": (scratch.sigmoid, scratch.sigmoid_grad, ()),
    "tanh": (scratch.tanh, scratch.tanh_grad, ()),
    "relu": (scratch.relu, scratch.relu_grad, (0.0,)),
    "leaky_relu": (scratch.leaky_relu, scratch.leaky_relu_grad, (0.0,)),
    "elu": (scratch.elu, scratch.elu_grad, ()),
}


def _fit_tiny_network(X, y, activation, hidden=16, steps=400, learning_rate=0.5, seed=0):
    """Train a 2 -> hidden -> 1 network (sigmoid output) by full-batch gradient descent with momentum.

    Returns ``(predict, accuracy)``: points (m, 2) -> probabilities (m,), and the training accuracy.
    """
    g, g_prime, _ = ACTIVATIONS[activation]
    rng = np.random.default_rng(seed)
    params = [rng.normal(size=(2, hidden)), np.zeros(hidden),
              rng.normal(scale=hidden ** -0.5, size=(hidden, 1)), np.zeros(1)]
    velocity = [np.zeros_like(param) for param in params]
    target = y.reshape(-1, 1).astype(float)
    for _ in range(steps):
        W1, b1, W2, b2 = params
        z1 = X @ W1 + b1  # (n, hidden)
        h = g(z1)
        p = scratch.sigmoid(h @ W2 + b2)  # (n, 1)
        d_logit = (p - target) / len(X)  # gradient of the mean cross-entropy w.r.t. the output's z
        d_z1 = (d_logit @ W2.T) * g_prime(z1)
        grads = [X.T @ d_z1, d_z1.sum(axis=0), h.T @ d_logit, d_logit.sum(axis=0)]
        for index, grad in enumerate(grads):
            velocity[index] = 0.9 * velocity[index] - learning_rate * grad
            params[index] = params[index] + velocity[index]
    W1, b1, W2, b2 = params

    def predict(points):
        return scratch.sigmoid(g(np.asarray(points, dtype=float) @ W1 + b1) @ W2 + b2).ravel()

    return predict, float(np.mean((predict(X) >= 0.5) == y))
