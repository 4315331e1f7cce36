"""The checks of notebook 12's exercises: right answers pass, typical mistakes fail with a hint."""
import numpy as np
import pytest

from utils import checks


def passes(check, *answers, capsys):
    check(*answers)
    assert "Correct!" in capsys.readouterr().out


def not_answered(check, *answers, number, capsys):
    check(*answers)
    assert f"Exercise {number} is not answered yet" in capsys.readouterr().out


# Exercise 1: KL between two diagonal Gaussians ----------------------------------------------

def kl_direct(mean_q, log_var_q, mean_p, log_var_p):
    terms = (log_var_p - log_var_q + (np.exp(log_var_q) + (mean_q - mean_p) ** 2)
             / np.exp(log_var_p) - 1.0)
    return 0.5 * np.sum(terms, axis=-1)


def kl_via_variances(mean_q, log_var_q, mean_p, log_var_p):
    var_q, var_p = np.exp(log_var_q), np.exp(log_var_p)
    per_coordinate = np.log(np.sqrt(var_p) / np.sqrt(var_q)) + (var_q + (mean_q - mean_p) ** 2) / (
        2 * var_p) - 0.5
    return per_coordinate.sum(axis=per_coordinate.ndim - 1)


def test_kl_accepts_two_ways_of_writing_it(capsys):
    passes(checks.check_kl_diagonal_gaussians, kl_direct, capsys=capsys)
    passes(checks.check_kl_diagonal_gaussians, kl_via_variances, capsys=capsys)


@pytest.mark.parametrize("wrong, match", [
    (lambda mq, lq, mp, lp: kl_direct(mp, lp, mq, lq), "KL\\(p \\|\\| q\\): the KL is not symmetric"),
    (lambda mq, lq, mp, lp: 2 * kl_direct(mq, lq, mp, lp), "factor 1/2 is missing"),
    (lambda mq, lq, mp, lp: 0.5 * (lp - lq + (np.exp(lq) + (mq - mp) ** 2) / np.exp(lp) - 1),
     "sum the terms over the last axis"),
    (lambda mq, lq, mp, lp: np.sum(kl_direct(mq, lq, mp, lp)), "a single number"),
    (lambda mq, lq, mp, lp: 0.5 * np.sum(lp - lq + (lq + (mq - mp) ** 2) / lp - 1, axis=-1),
     "log-variances as variances"),
    (lambda mq, lq, mp, lp: 0.5 * np.sum((np.exp(lq) + (mq - mp) ** 2) / np.exp(lp) - 1, axis=-1),
     "log_var_p - log_var_q are missing"),
    (lambda mq, lq, mp, lp: 0.5 * np.sum(mq ** 2 + np.exp(lq) - 1 - lq, axis=-1),
     "wrong values"),
])
def test_kl_rejects_typical_mistakes(wrong, match):
    with pytest.raises(AssertionError, match=match):
        checks.check_kl_diagonal_gaussians(wrong)


def test_kl_placeholder_is_not_answered(capsys):
    not_answered(checks.check_kl_diagonal_gaussians, lambda *args: ..., number=1, capsys=capsys)
    not_answered(checks.check_kl_diagonal_gaussians, None, number=1, capsys=capsys)


def test_kl_names_an_error_inside_the_function():
    def broken(mean_q, log_var_q, mean_p, log_var_p):
        return mean_q @ log_var_q

    with pytest.raises(AssertionError, match="raised ValueError"):
        checks.check_kl_diagonal_gaussians(broken)


# Exercise 2: the KL of a confident code ------------------------------------------------------

@pytest.mark.parametrize("answer", [9.0, 9 + np.exp(-10), np.array([9.00005]), 9])
def test_confident_kl_accepts_the_value_in_any_form(answer, capsys):
    passes(checks.check_confident_code_kl, answer, capsys=capsys)


@pytest.mark.parametrize("answer, match", [
    (0.0, "also compares variances"),
    (4.5, "KL of one coordinate"),
    (18.0, "twice the KL"),
    (10.0, "'-1' term"),
    (-9.0, "never negative"),
    (12.0, "is not it"),
    ("9", "not the text"),
])
def test_confident_kl_rejects_typical_mistakes(answer, match):
    with pytest.raises(AssertionError, match=match):
        checks.check_confident_code_kl(answer)


def test_confident_kl_placeholder_is_not_answered(capsys):
    not_answered(checks.check_confident_code_kl, ..., number=2, capsys=capsys)


# Exercise 3: reparameterized samples ---------------------------------------------------------

def sample_broadcast(mean, log_var, n_samples, rng):
    epsilon = rng.standard_normal((n_samples, *np.shape(mean)))
    return mean + np.exp(0.5 * log_var) * epsilon


def sample_stacked(mean, log_var, n_samples, rng):
    std = np.sqrt(np.exp(log_var))
    return rng.normal(loc=mean, scale=std, size=(n_samples, *np.shape(mean)))


def test_sample_codes_accepts_two_ways(capsys):
    passes(checks.check_sample_codes, sample_broadcast, capsys=capsys)
    passes(checks.check_sample_codes, sample_stacked, capsys=capsys)


def sample_variance_as_std(mean, log_var, n_samples, rng):
    return mean + np.exp(log_var) * rng.standard_normal((n_samples, *np.shape(mean)))


def sample_log_var_as_std(mean, log_var, n_samples, rng):
    return mean + log_var * rng.standard_normal((n_samples, *np.shape(mean)))


def sample_shared_noise(mean, log_var, n_samples, rng):
    epsilon = rng.standard_normal((n_samples,) + (1,) * np.ndim(mean))
    return mean + np.exp(0.5 * log_var) * epsilon


def sample_global_numpy(mean, log_var, n_samples, rng):
    epsilon = np.random.standard_normal((n_samples, *np.shape(mean)))
    return mean + np.exp(0.5 * log_var) * epsilon


def sample_batch_first(mean, log_var, n_samples, rng):
    return np.swapaxes(sample_broadcast(mean, log_var, n_samples, rng), 0, 1)


def sample_no_noise(mean, log_var, n_samples, rng):
    return np.broadcast_to(mean, (n_samples, *np.shape(mean)))


def sample_no_mean(mean, log_var, n_samples, rng):
    return np.exp(0.5 * log_var) * rng.standard_normal((n_samples, *np.shape(mean)))


@pytest.mark.parametrize("wrong, match", [
    (sample_variance_as_std, "exp\\(log_var\\), the variance"),
    (sample_log_var_as_std, "spread of your samples is wrong"),
    (sample_shared_noise, "move together"),
    (sample_global_numpy, "from the `rng` argument"),
    (sample_batch_first, "samples should come first"),
    (sample_no_noise, "All your samples are equal"),
    (sample_no_mean, "average of your samples is not `mean`"),
])
def test_sample_codes_rejects_typical_mistakes(wrong, match):
    with pytest.raises(AssertionError, match=match):
        checks.check_sample_codes(wrong)


def test_sample_codes_placeholder_is_not_answered(capsys):
    not_answered(checks.check_sample_codes, lambda *args: ..., number=3, capsys=capsys)


def test_exercise_numbers_match_the_notebook():
    assert checks.check_kl_diagonal_gaussians.exercise_number == 1
    assert checks.check_confident_code_kl.exercise_number == 2
    assert checks.check_sample_codes.exercise_number == 3
