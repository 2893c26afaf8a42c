"""Optimizers against hand-written reference updates; schedules against known values."""

import math

import numpy as np
import pytest

from nnlib.optimizers import SGD, Adam, Momentum, get_optimizer
from nnlib.schedules import constant, cosine, step_decay, warmup


def _gradient_sequence(shape, steps, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.normal(size=shape) for _ in range(steps)]


def test_sgd_updates_in_place():
    W = np.array([[1.0, -2.0], [0.5, 0.0]])
    b = np.array([0.1, 0.2])
    W_id, b_id = id(W), id(b)
    SGD(learning_rate=0.5).step([W, b], [np.ones((2, 2)), np.array([1.0, -1.0])])
    np.testing.assert_allclose(W, [[0.5, -2.5], [0.0, -0.5]])
    np.testing.assert_allclose(b, [-0.4, 0.7])
    assert id(W) == W_id and id(b) == b_id


def test_adam_first_step_is_learning_rate_times_sign():
    # Bias correction makes m_hat = g and v_hat = g^2 on step 1, so the step is
    # lr * g / (|g| + eps) = lr * sign(g), whatever the gradient's scale.
    g = np.array([3.0, -1e-3, 250.0, -7.5])
    p = np.zeros(4)
    Adam(learning_rate=0.01).step([p], [g])
    np.testing.assert_allclose(p, -0.01 * np.sign(g), rtol=1e-4)
    assert np.max(np.abs(np.abs(p) - 0.01)) < 1e-7


def test_adam_matches_reference_over_several_steps():
    lr, b1, b2, eps = 0.05, 0.8, 0.99, 1e-7
    grads = _gradient_sequence((3, 2), 6)
    p = np.random.default_rng(1).normal(size=(3, 2))
    expected = p.copy()
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    for t, g in enumerate(grads, start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        m_hat = m / (1 - b1**t)
        v_hat = v / (1 - b2**t)
        expected = expected - lr * m_hat / (np.sqrt(v_hat) + eps)
    optimizer = Adam(learning_rate=lr, beta1=b1, beta2=b2, epsilon=eps)
    for g in grads:
        optimizer.step([p], [g])
    np.testing.assert_allclose(p, expected, rtol=1e-12)
    assert optimizer.iterations == 6


def test_adam_defaults():
    adam = Adam()
    assert (adam.learning_rate, adam.beta1, adam.beta2, adam.epsilon) == (0.001, 0.9, 0.999, 1e-8)


def test_momentum_matches_reference():
    lr, mu = 0.1, 0.9
    grads = _gradient_sequence((4,), 5, seed=2)
    p = np.ones(4)
    expected = p.copy()
    velocity = np.zeros(4)
    for g in grads:
        velocity = mu * velocity - lr * g
        expected = expected + velocity
    optimizer = Momentum(learning_rate=lr, momentum=mu)
    for g in grads:
        optimizer.step([p], [g])
    np.testing.assert_allclose(p, expected, rtol=1e-13)


def test_momentum_accelerates_along_a_constant_gradient():
    p = np.zeros(1)
    optimizer = Momentum(learning_rate=1.0, momentum=0.5)
    steps = []
    for _ in range(30):
        before = p.copy()
        optimizer.step([p], [np.ones(1)])
        steps.append(float(before[0] - p[0]))
    assert steps[0] == pytest.approx(1.0)
    assert steps[-1] == pytest.approx(1 / (1 - 0.5))  # terminal speed lr / (1 - mu)


def test_state_is_kept_per_parameter_and_reset():
    a, b = np.zeros(2), np.zeros(3)
    optimizer = Momentum(learning_rate=1.0, momentum=0.5)
    optimizer.step([a, b], [np.ones(2), 2 * np.ones(3)])
    optimizer.step([a, b], [np.ones(2), 2 * np.ones(3)])
    np.testing.assert_allclose(a, -2.5)  # -1, then -(0.5 + 1)
    np.testing.assert_allclose(b, -5.0)
    optimizer.reset()
    assert optimizer.iterations == 0 and optimizer.velocities is None


def test_schedule_drives_the_learning_rate():
    p = np.zeros(1)
    optimizer = SGD(learning_rate=step_decay(1.0, drop=0.5, every=2))
    for _ in range(5):
        optimizer.step([p], [np.ones(1)])
    assert p[0] == pytest.approx(-(1 + 1 + 0.5 + 0.5 + 0.25))
    assert optimizer.current_learning_rate == pytest.approx(0.25)


def test_learning_rate_can_change_between_steps():
    p = np.zeros(1)
    optimizer = SGD(learning_rate=0.1)
    optimizer.step([p], [np.ones(1)])
    optimizer.learning_rate = 1.0
    optimizer.step([p], [np.ones(1)])
    assert p[0] == pytest.approx(-1.1)
    with pytest.raises(ValueError, match="learning_rate"):
        optimizer.learning_rate = -1


def test_get_optimizer():
    assert isinstance(get_optimizer("sgd"), SGD)
    momentum = get_optimizer("Momentum", learning_rate=0.3, momentum=0.8)
    assert isinstance(momentum, Momentum) and momentum.momentum == 0.8
    adam = Adam(learning_rate=0.2)
    assert get_optimizer(adam) is adam
    assert repr(adam) == "Adam(learning_rate=0.2, beta1=0.9, beta2=0.999, epsilon=1e-08)"


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: get_optimizer("adamw"), "unknown optimizer 'adamw'"),
        (lambda: SGD(learning_rate=0), "learning_rate"),
        (lambda: SGD(learning_rate=-0.1), "learning_rate"),
        (lambda: Adam(learning_rate=float("nan")), "learning_rate"),
        (lambda: SGD(learning_rate="fast"), "learning_rate"),
        (lambda: Momentum(momentum=1.0), "momentum"),
        (lambda: Adam(beta1=1.0), "beta1"),
        (lambda: Adam(beta2=-0.1), "beta2"),
        (lambda: Adam(epsilon=0), "epsilon"),
    ],
)
def test_bad_optimizer_arguments(build, message):
    with pytest.raises(ValueError, match=message):
        build()


# ---------------------------------------------------------------------- schedules


def test_constant():
    schedule = constant(0.3)
    assert [schedule(t) for t in (0, 10, 1000)] == [0.3, 0.3, 0.3]


def test_step_decay_known_values():
    schedule = step_decay(0.1, drop=0.5, every=10)
    assert schedule(0) == 0.1 and schedule(9) == 0.1
    assert schedule(10) == pytest.approx(0.05)
    assert schedule(25) == pytest.approx(0.025)


def test_cosine_known_values():
    schedule = cosine(0.1, total_steps=100)
    assert schedule(0) == pytest.approx(0.1)
    assert schedule(50) == pytest.approx(0.05)  # the middle: halfway between the ends
    assert schedule(100) == pytest.approx(0.0, abs=1e-15)
    assert schedule(150) == pytest.approx(0.0, abs=1e-15)  # stays at the minimum
    assert schedule(25) == pytest.approx(0.05 * (1 + math.cos(math.pi / 4)))
    with_floor = cosine(0.1, total_steps=100, minimum=0.01)
    assert with_floor(50) == pytest.approx(0.055)
    assert with_floor(100) == pytest.approx(0.01)


def test_warmup_is_a_linear_ramp_then_hands_over():
    schedule = warmup(0.1, warmup_steps=5)
    np.testing.assert_allclose(schedule.values(7), [0.02, 0.04, 0.06, 0.08, 0.1, 0.1, 0.1])
    combined = warmup(0.1, warmup_steps=5, then=cosine(0.1, total_steps=10))
    assert combined(5) == pytest.approx(0.1)  # cosine starts from its own step 0
    assert combined(10) == pytest.approx(0.05)
    assert combined(15) == pytest.approx(0.0, abs=1e-15)
    assert "warmup" in repr(combined) and "cosine" in repr(combined)


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: constant(0), "lr"),
        (lambda: step_decay(0.1, drop=1.5), "drop"),
        (lambda: step_decay(0.1, every=0), "every"),
        (lambda: cosine(0.1, total_steps=0), "total_steps"),
        (lambda: cosine(0.1, total_steps=10, minimum=0.2), "minimum"),
        (lambda: warmup(0.1, warmup_steps=2.5), "warmup_steps"),
        (lambda: warmup(0.1, warmup_steps=2, then=0.5), "then"),
    ],
)
def test_bad_schedule_arguments(build, message):
    with pytest.raises(ValueError, match=message):
        build()
