"""Checks for the exercises of the gradient-descent and backpropagation notebooks (05 and 06)."""
import numpy as np

from utils.checks._common import expect_answered, expect_close, fail, passed

__all__ = ["check_critical_learning_rate", "check_momentum_step", "check_minibatch_indices",
           "check_chain_rule_gradients", "check_dense_relu_backward", "check_moons_mlp"]

# Exercise 1 of notebook 06: the chain x -> z1 = w1 x -> a1 = tanh(z1) -> y_hat = w2 a1 -> J = (y - y_hat)^2.
CHAIN_EXERCISE = {"x": 0.5, "w1": -1.0, "w2": 3.0, "y": 0.0}


def check_critical_learning_rate(learning_rate, x):
    """Exercise 05.1: the largest learning rate for which gradient descent on the MSE of y = w0 + w1 x converges.

    Args:
        learning_rate: the student's critical learning rate, a number.
        x: the 1-D inputs of the line-fitting problem.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(learning_rate, "Exercise 1")
    X = np.stack([np.ones_like(np.asarray(x, dtype=float)), np.asarray(x, dtype=float)], axis=1)
    hessian = 2 / len(X) * X.T @ X
    expected = 2 / np.linalg.eigvalsh(hessian).max()
    expect_close(learning_rate, expected, rtol=0.02, hint=(
        "Gradient descent on a quadratic converges when |1 - eta * lambda| < 1 for every eigenvalue lambda "
        "of the Hessian. The Hessian of the mean squared error is (2/n) X^T X with X = [1, x]; "
        "try np.linalg.eigvalsh on it."))
    passed(f"eta must stay below 2 / lambda_max = {expected:.4f}; above it the steep direction diverges.")


def check_momentum_step(momentum_step):
    """Exercise 05.2: one step of gradient descent with momentum, as a function.

    Args:
        momentum_step: the student's function (w, velocity, gradient, learning_rate, momentum) -> (w, velocity).

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(momentum_step, "Exercise 2")
    if not callable(momentum_step):
        fail(f"Exercise 2: momentum_step should be a function, got {type(momentum_step).__name__}.")
    rng = np.random.default_rng(5)
    target = rng.normal(size=3)
    for momentum in (0.0, 0.9):
        w, velocity, w_ref, v_ref = np.zeros(3), np.zeros(3), np.zeros(3), np.zeros(3)
        for _ in range(5):  # minimize |w - target|^2, whose gradient is 2 (w - target)
            result = momentum_step(w, velocity, 2 * (w - target), 0.1, momentum)
            if not isinstance(result, tuple) or len(result) != 2:
                fail("Exercise 2: momentum_step should return a tuple (new_w, new_velocity).")
            w, velocity = np.asarray(result[0], dtype=float), np.asarray(result[1], dtype=float)
            v_ref = momentum * v_ref - 0.1 * 2 * (w_ref - target)
            w_ref = w_ref + v_ref
        hint = ("The velocity remembers past steps: v <- momentum * v - learning_rate * gradient, "
                "then w <- w + v. Return (new_w, new_velocity).")
        if momentum == 0.0:
            hint = "With momentum = 0 one step must be plain gradient descent: w - learning_rate * gradient. " + hint
        expect_close(w, w_ref, rtol=1e-6, atol=1e-9, hint=hint)
    passed("Five steps with momentum 0.9 move the weights exactly as Keras' SGD(momentum=0.9) would.")


def check_minibatch_indices(minibatch_indices):
    """Exercise 05.3: shuffled mini-batches that visit every example exactly once per epoch.

    Args:
        minibatch_indices: the student's function (n, batch_size, rng) -> list of index arrays.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(minibatch_indices, "Exercise 3")
    batches = [np.asarray(batch) for batch in minibatch_indices(10, 3, np.random.default_rng(0))]
    sizes = [len(batch) for batch in batches]
    if sizes != [3, 3, 3, 1]:
        fail(f"10 examples in batches of 3 should give sizes [3, 3, 3, 1], got {sizes}. "
             "Step through the shuffled indices with range(0, n, batch_size) and slice.")
    if sorted(np.concatenate(batches).tolist()) != list(range(10)):
        fail("Every index 0..n-1 must appear exactly once in an epoch: shuffle a permutation, then slice it.")
    def epoch(seed):  # the order of one epoch of 100 examples, in batches of 10
        return np.concatenate([np.asarray(b) for b in minibatch_indices(100, 10, np.random.default_rng(seed))])

    first, same_seed, other_seed = epoch(1), epoch(1), epoch(2)
    if np.array_equal(first, np.arange(100)) or np.array_equal(first, other_seed):
        fail("The order must be shuffled, and differ from one generator to another: use rng.permutation(n).")
    if not np.array_equal(first, same_seed):
        fail("Two generators with the same seed must give the same batches. Draw the shuffle from the rng "
             "you are given (rng.permutation(n)), not from np.random, so that runs are reproducible.")
    passed("Each epoch visits every example once, in an order set by the generator you pass.")


def _chain_reference():
    c = CHAIN_EXERCISE
    a1 = np.tanh(c["w1"] * c["x"])
    y_hat = c["w2"] * a1
    dJ_dy_hat = -2 * (c["y"] - y_hat)
    return dJ_dy_hat * c["w2"] * (1 - a1**2) * c["x"], dJ_dy_hat * a1


def check_chain_rule_gradients(dJ_dw1, dJ_dw2):
    """Exercise 06.1: the two gradients of the tanh chain, by the chain rule.

    Args:
        dJ_dw1, dJ_dw2: the student's two derivatives, numbers.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(dJ_dw1, "Exercise 1")
    expect_answered(dJ_dw2, "Exercise 1")
    dw1, dw2 = _chain_reference()
    expect_close(dJ_dw2, dw2, rtol=1e-4, hint=(
        "dJ/dw2 = dJ/dy_hat * dy_hat/dw2, with dJ/dy_hat = -2 (y - y_hat) and dy_hat/dw2 = tanh(z1)."))
    expect_close(dJ_dw1, dw1, rtol=1e-4, hint=(
        "dJ/dw1 = dJ/dy_hat * dy_hat/dz1 * dz1/dw1, with dy_hat/dz1 = w2 (1 - tanh(z1)^2) and dz1/dw1 = x."))
    passed(f"dJ/dw1 = {dw1:.4f} and dJ/dw2 = {dw2:.4f}.")


def check_dense_relu_backward(dense_relu_backward):
    """Exercise 06.2: the backward pass of a dense layer with ReLU, A = relu(X W + b).

    Args:
        dense_relu_backward: the student's function (X, W, b, dA) -> (dX, dW, db).

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    expect_answered(dense_relu_backward, "Exercise 2")
    rng = np.random.default_rng(3)  # about half of the 18 pre-activations are negative: the mask matters
    X, W, b, dA = rng.normal(size=(6, 4)), rng.normal(size=(4, 3)), rng.normal(size=3), rng.normal(size=(6, 3))
    result = dense_relu_backward(X, W, b, dA)
    if not isinstance(result, tuple) or len(result) != 3:
        fail("Exercise 2: dense_relu_backward should return a tuple (dX, dW, db).")
    dZ = dA * (X @ W + b > 0)  # relu'(Z) is 1 where Z > 0 and 0 elsewhere
    expect_close(result[1], X.T @ dZ, hint=(
        "First dZ = dA * relu'(Z), with Z = X W + b and relu'(Z) = (Z > 0); then dW = X^T dZ, shape (n, k) like W."))
    expect_close(result[2], dZ.sum(axis=0),
                 hint="db = the sum of dZ over the examples (axis 0): b was added to every row.")
    expect_close(result[0], dZ @ W.T, hint="dX = dZ W^T: shape (m, n), like X.")
    passed("The ReLU passes the gradient only where Z > 0; each gradient has the shape of what it differentiates.")


def check_moons_mlp(params, activation="tanh"):
    """Exercise 06.3: a NumPy MLP trained on the moons to a training accuracy of at least 0.95.

    Args:
        params: the trained parameters, a dict from ``scratch.init_mlp`` (one output).
        activation: the hidden activation the network was trained with.

    Returns:
        None; prints a confirmation, or raises AssertionError with a hint.
    """
    from sklearn.datasets import make_moons

    from utils.scratch import mlp_forward

    expect_answered(params, "Exercise 3")
    X, y = make_moons(n_samples=300, noise=0.2, random_state=0)
    try:
        probabilities = mlp_forward(params, X, activation)[0]
    except ValueError as error:
        fail(f"Exercise 3: params must come from scratch.init_mlp(2, n_hidden, 1): {error}")
    if probabilities.shape[1] != 1:
        fail("Exercise 3: use one output unit (n_out=1) with its sigmoid, as in the notebook.")
    accuracy = float(np.mean((probabilities[:, 0] >= 0.5) == y))
    if accuracy < 0.95:
        fail(f"Training accuracy {accuracy:.3f} is below 0.95. Train longer, use more hidden units, "
             "or raise the learning rate (0.5 works for tanh).")
    passed(f"Training accuracy {accuracy:.3f}.")
