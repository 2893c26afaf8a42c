"""fit_side_by_side must give exactly the networks nnlib's fit gives, one by one."""

import numpy as np
import pytest

from nnbook.side_by_side import fit_side_by_side
from nnlib.network import Network
from nnlib.training import fit

X = np.linspace(-1, 1, 15)[:, None]
Y = np.sin(3 * X)


def fitted_one_by_one(sizes, seed, epochs, l2=0.0):
    net = Network(sizes, activation="tanh", seed=seed)
    fit(net, X, Y, epochs=epochs, loss="mse", optimizer="adam", learning_rate=0.02, l2=l2)
    return net


@pytest.mark.parametrize("sizes", [[1, 3, 1], [1, 4, 4, 1], [1, 2, 3, 2, 1]])
def test_each_network_equals_fit(sizes):
    together = fit_side_by_side(sizes, [0, 5, 7], X, Y, epochs=60, learning_rate=0.02)
    for seed, net in zip([0, 5, 7], together, strict=True):
        alone = fitted_one_by_one(sizes, seed, 60)
        for mine, theirs in zip(net.parameters(), alone.parameters(), strict=True):
            np.testing.assert_allclose(mine, theirs, rtol=1e-12, atol=1e-14)


def test_one_l2_strength_per_network_equals_fit():
    strengths = [0.0, 0.01, 0.1]
    together = fit_side_by_side(
        [1, 4, 4, 1], [3] * 3, X, Y, epochs=40, learning_rate=0.02, l2=strengths
    )
    for strength, net in zip(strengths, together, strict=True):
        alone = fitted_one_by_one([1, 4, 4, 1], 3, 40, l2=strength)
        np.testing.assert_allclose(net(X), alone(X), rtol=1e-12, atol=1e-14)


def test_networks_really_train():
    before = Network([1, 4, 1], activation="tanh", seed=0)
    after = fit_side_by_side([1, 4, 1], [0], X, Y, epochs=200, learning_rate=0.02)[0]
    assert np.mean((after(X) - Y) ** 2) < 0.5 * np.mean((before(X) - Y) ** 2)


def test_bad_arguments_say_what_to_do():
    with pytest.raises(ValueError, match="seeds must name at least one seed"):
        fit_side_by_side([1, 2, 1], [], X, Y)
    with pytest.raises(ValueError, match="l2 must be one number or one per seed"):
        fit_side_by_side([1, 2, 1], [0, 1], X, Y, l2=[0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match="epochs must be a whole number"):
        fit_side_by_side([1, 2, 1], [0], X, Y, epochs=0)
