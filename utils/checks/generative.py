"""Exercise checks of notebook 12 (autoencoders and generative models)."""
import numpy as np

from utils.checks.core import as_array, as_number, call, exercise, expect_answered, fail, passed

__all__ = ["check_kl_diagonal_gaussians", "check_confident_code_kl", "check_sample_codes"]


def _kl_reference(mean_q, log_var_q, mean_p, log_var_p):
    """KL( N(mean_q, exp(log_var_q)) || N(mean_p, exp(log_var_p)) ), summed over the last axis."""
    terms = (log_var_p - log_var_q + (np.exp(log_var_q) + (mean_q - mean_p) ** 2)
             / np.exp(log_var_p) - 1.0)
    return 0.5 * np.sum(terms, axis=-1)


def _kl_cases(rng):
    """Fresh (mean_q, log_var_q, mean_p, log_var_p) of several shapes, plus two special cases."""
    cases = []
    for shape in [(6, 3), (2, 5, 4), (1, 1), (7, 2)]:
        cases.append(tuple(rng.normal(0.0, 2.0, shape) if index % 2 == 0
                           else rng.uniform(-3.0, 2.0, shape) for index in range(4)))
    mean, log_var = rng.normal(0.0, 1.5, (5, 3)), rng.uniform(-2.0, 1.0, (5, 3))
    cases.append((mean, log_var, mean.copy(), log_var.copy()))                 # q = p: zero
    cases.append((mean, log_var, np.zeros((5, 3)), np.zeros((5, 3))))          # p = N(0, I)
    return cases


@exercise(1)
def check_kl_diagonal_gaussians(kl_diagonal_gaussians):
    """Check KL(q || p) between diagonal Gaussians, one value per row, on fresh inputs."""
    rng = np.random.default_rng(2024)
    for mean_q, log_var_q, mean_p, log_var_p in _kl_cases(rng):
        args = (mean_q.copy(), log_var_q.copy(), mean_p.copy(), log_var_p.copy())
        result = call(kl_diagonal_gaussians, *args, name="kl_diagonal_gaussians")
        result = as_array(result, name="what `kl_diagonal_gaussians` returns")
        expected = _kl_reference(mean_q, log_var_q, mean_p, log_var_p)
        where = f"for inputs of shape {mean_q.shape}"
        if result.shape != expected.shape:
            if result.shape == mean_q.shape:
                fail(f"`kl_diagonal_gaussians` returned shape {result.shape} {where}: sum the "
                     f"terms over the last axis (the code's coordinates), one KL per row, "
                     f"shape {expected.shape}.")
            if result.size == 1 and expected.size != 1:
                fail(f"`kl_diagonal_gaussians` returned a single number {where}: sum only over "
                     f"the last axis, giving one KL per row, shape {expected.shape}.")
            if result.size != expected.size:
                fail(f"`kl_diagonal_gaussians` should return shape {expected.shape} {where}, "
                     f"got {result.shape}.")
            result = result.reshape(expected.shape)
        if not np.all(np.isfinite(result)):
            fail(f"`kl_diagonal_gaussians` returned nan or inf {where}, where the KL is finite.")
        if np.allclose(result, expected, rtol=1e-6, atol=1e-8):
            continue
        diagnoses = [
            (_kl_reference(mean_p, log_var_p, mean_q, log_var_q),
             "you computed KL(p || q): the KL is not symmetric. The expectation is under q, so "
             "the variance of q goes into the numerator, over the variance of p."),
            (2 * expected, "your values are twice the KL: the factor 1/2 is missing."),
            (0.5 * np.sum(log_var_p - log_var_q + (log_var_q + (mean_q - mean_p) ** 2)
                          / log_var_p - 1.0, axis=-1),
             "you used the log-variances as variances: the variance is exp(log_var)."),
            (0.5 * np.sum((np.exp(log_var_q) + (mean_q - mean_p) ** 2) / np.exp(log_var_p) - 1.0,
                          axis=-1),
             "the log-variance terms log_var_p - log_var_q are missing."),
            (0.5 * np.sum(log_var_p - log_var_q + np.exp(log_var_q) / np.exp(log_var_p)
                          + (mean_q - mean_p) ** 2 - 1.0, axis=-1),
             "divide the squared difference of the means by the variance of p too."),
        ]
        for wrong, hint in diagnoses:
            if np.allclose(result, wrong, rtol=1e-6, atol=1e-8):
                fail(f"`kl_diagonal_gaussians` is off {where}: {hint}")
        if np.allclose(mean_q, mean_p) and np.allclose(log_var_q, log_var_p):
            fail("`kl_diagonal_gaussians` should return 0 for two equal distributions (q = p), "
                 f"got values up to {np.abs(result).max():.3g}.")
        fail(f"`kl_diagonal_gaussians` gives wrong values {where} (first row: "
             f"{np.ravel(result)[0]:.4f}, expected {np.ravel(expected)[0]:.4f}). Check each "
             "term of the formula against the prompt.")
    passed("KL(q || p) is right on fresh inputs of four shapes, is 0 for q = p, and gives the "
           "VAE's KL term when p = N(0, I).")


@exercise(2)
def check_confident_code_kl(kl_confident):
    """Check the predicted KL term of the code N((0, 0), diag(e^-10, e^-10)) against N(0, I)."""
    expect_answered(kl_confident, what="write your prediction as `kl_confident = <a number>`")
    value = as_number(kl_confident, name="kl_confident")
    expected = float(_kl_reference(np.zeros(2), np.full(2, -10.0), np.zeros(2), np.zeros(2)))
    if abs(value - expected) <= 0.01:
        passed(f"the KL is {expected:.5f} nats: about 4.5 per coordinate, although the mean is "
               "exactly the prior's.")
        return
    if abs(value) < 0.01:
        fail("The mean is the prior's, but the KL also compares variances: a code with "
             "variance e^-10 is much narrower than N(0, 1). Look at the -log sigma^2 term.")
    if value < 0:
        fail("A KL divergence is never negative.")
    if abs(value - 4.5) <= 0.01:
        fail("That is the KL of one coordinate: the code has two, and the KL sums over them.")
    if abs(value - 2 * expected) <= 0.02:
        fail("That is twice the KL: the formula has a factor 1/2 in front.")
    if abs(value - 10.0) <= 0.02 or abs(value - 20.0) <= 0.02:
        fail("Close, but the '-1' term of each coordinate is missing: "
             "1/2 (mu^2 + sigma^2 - 1 - log sigma^2) per coordinate.")
    fail(f"{value:g} is not it. Put mu = 0, sigma^2 = e^-10 and log sigma^2 = -10 into "
         "1/2 (mu^2 + sigma^2 - 1 - log sigma^2) for each of the two coordinates.")


def _sample_with(sample_codes, mean, log_var, n_samples, seed):
    result = call(sample_codes, mean.copy(), log_var.copy(), n_samples,
                  np.random.default_rng(seed), name="sample_codes")
    result = as_array(result, name="what `sample_codes` returns")
    expected_shape = (n_samples, *mean.shape)
    if result.shape != expected_shape:
        swapped = (mean.shape[0], n_samples, *mean.shape[1:])
        extra = (" (the samples should come first: stack the draws along a new axis 0)"
                 if result.shape == swapped else "")
        fail(f"`sample_codes` should return shape {expected_shape} for mean of shape "
             f"{mean.shape} and n_samples={n_samples}, got {result.shape}{extra}.")
    return result


@exercise(3)
def check_sample_codes(sample_codes):
    """Check reparameterized sampling: shape, mean, spread, independence, use of ``rng``."""
    rng = np.random.default_rng(12)
    mean = rng.normal(0.0, 2.0, (5, 3))
    log_var = rng.uniform(-2.5, 1.5, (5, 3))
    log_var[0, 0] = 0.0                     # one coordinate of variance exactly 1
    n = 20_000
    samples = _sample_with(sample_codes, mean, log_var, n, seed=0)
    std = np.exp(0.5 * log_var)
    if not np.all(np.isfinite(samples)):
        fail("`sample_codes` returned nan or inf.")
    sample_mean, sample_std = samples.mean(axis=0), samples.std(axis=0)
    if np.all(sample_std <= 1e-9 * (1.0 + np.abs(mean))):
        fail("All your samples are equal: add the noise sigma * epsilon to the mean.")
    if np.allclose(sample_std, np.exp(log_var), rtol=0.05) and not np.allclose(
            sample_std, std, rtol=0.05):
        fail("Your samples spread by exp(log_var), the variance: the standard deviation is "
             "exp(log_var / 2).")
    if not np.allclose(sample_std, std, rtol=0.05):
        worst = np.unravel_index(np.argmax(np.abs(sample_std / std - 1)), std.shape)
        fail(f"The spread of your samples is wrong: at position {tuple(map(int, worst))} their "
             f"standard deviation is {sample_std[worst]:.3f}, expected exp(log_var / 2) = "
             f"{std[worst]:.3f}.")
    if np.any(np.abs(sample_mean - mean) > 5 * std / np.sqrt(n) + 1e-9):
        fail("The average of your samples is not `mean`: z = mean + sigma * epsilon, with "
             "epsilon of mean 0.")
    flat = samples.reshape(n, -1)
    correlations = np.corrcoef(flat, rowvar=False)
    off_diagonal = correlations[~np.eye(len(correlations), dtype=bool)]
    if np.max(np.abs(off_diagonal)) > 0.06:
        fail("Your samples of different coordinates or rows move together: draw a separate "
             "epsilon for every entry, of shape (n_samples, *mean.shape), not one per sample.")
    again = _sample_with(sample_codes, mean, log_var, n, seed=0)
    if not np.allclose(samples, again):
        fail("Two calls with generators of the same seed gave different samples: draw epsilon "
             "from the `rng` argument, not from np.random or tf.random.")
    other = _sample_with(sample_codes, mean, log_var, n, seed=1)
    if np.allclose(samples, other):
        fail("Generators of different seeds gave the same samples: draw epsilon from `rng`.")
    small_mean = rng.normal(size=(2, 3, 4))
    _sample_with(sample_codes, small_mean, np.zeros_like(small_mean), 7, seed=5)
    passed("the samples have the right shape, mean and standard deviation, independent noise "
           "per entry, and they follow the generator you pass.")
