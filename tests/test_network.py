"""Network: construction, parameter count, whole-network gradients, predictions, probes."""

import copy

import numpy as np
import pytest

from nnlib.gradcheck import check_gradients, numerical_gradient, relative_error
from nnlib.losses import BinaryCrossEntropy, CategoricalCrossEntropy, MeanSquaredError
from nnlib.network import Network


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def test_parameter_count_matches_formula_and_arrays():
    sizes = [4, 8, 6, 1]
    net = Network(sizes)
    expected = sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))
    assert expected == 4 * 8 + 8 + 8 * 6 + 6 + 6 * 1 + 1 == 101
    assert net.parameter_count == expected
    assert len(np.concatenate([p.ravel() for p in net.parameters()])) == expected


def test_layers_follow_sizes_and_activations():
    net = Network([3, 5, 4, 2], activation=["relu", "tanh"], output_activation="softmax")
    assert [(layer.n_inputs, layer.n_outputs) for layer in net.layers] == [(3, 5), (5, 4), (4, 2)]
    assert [layer.activation.name for layer in net.layers] == ["relu", "tanh", "softmax"]
    assert net.n_classes == 2 and Network([3, 1]).n_classes == 2
    assert Network([3, 4]).n_classes == 4
    assert net.parameter_names() == [
        "layer1.W",
        "layer1.b",
        "layer2.W",
        "layer2.b",
        "layer3.W",
        "layer3.b",
    ]


def test_no_hidden_layer_is_a_linear_model(rng):
    net = Network([3, 2])
    assert len(net.layers) == 1
    X = rng.normal(size=(5, 3))
    layer = net.layers[0]
    np.testing.assert_allclose(net(X), X @ layer.W + layer.b, rtol=1e-15)


def _loss_and_gradients(net, loss, X, target, l2=0.0):
    """Public API route: forward, the Loss object's own gradient, backward, + l2 * W."""
    output = net.forward(X)
    net.backward(loss.gradient(output, target))
    grads = [g.copy() for g in net.gradients()]
    for i, layer in enumerate(net.layers):
        grads[2 * i] += l2 * layer.W

    def objective(_):
        penalty = 0.5 * l2 * sum(np.sum(layer.W**2) for layer in net.layers)
        return loss(net.forward(X), target) + penalty

    return grads, objective


CASES = [
    # (layer sizes, hidden activation, output activation, loss, kind of target)
    ([3, 6, 5, 4], "tanh", "linear", CategoricalCrossEntropy(), "classes"),
    ([3, 6, 4], "relu", "linear", CategoricalCrossEntropy(), "classes"),
    ([3, 6, 4], "sigmoid", "softmax", CategoricalCrossEntropy(from_logits=False), "classes"),
    ([3, 7, 1], "tanh", "linear", BinaryCrossEntropy(), "binary"),
    ([3, 5, 5, 1], "elu", "sigmoid", BinaryCrossEntropy(from_logits=False), "binary"),
    ([3, 6, 2], "gelu", "linear", MeanSquaredError(), "regression"),
    ([3, 6, 6, 1], "silu", "linear", MeanSquaredError(), "regression"),
]


def _targets(kind, n, n_outputs, rng):
    if kind == "classes":
        return rng.integers(0, n_outputs, size=n)
    if kind == "binary":
        return rng.integers(0, 2, size=n)
    return rng.normal(size=(n, n_outputs))


@pytest.mark.parametrize("l2", [0.0, 0.3])
@pytest.mark.parametrize("sizes, hidden, output, loss, kind", CASES)
def test_network_gradients_match_finite_differences(sizes, hidden, output, loss, kind, l2, rng):
    net = Network(sizes, activation=hidden, output_activation=output, seed=4)
    for layer in net.layers:  # non-zero biases, so every term of the chain is exercised
        layer.b[:] = rng.normal(scale=0.3, size=layer.b.shape)
    X = rng.normal(size=(9, sizes[0]))
    y = _targets(kind, 9, sizes[-1], rng)
    analytic, objective = _loss_and_gradients(net, loss, X, y, l2=l2)
    for name, parameter, gradient in zip(
        net.parameter_names(), net.parameters(), analytic, strict=True
    ):
        numeric = numerical_gradient(objective, parameter)
        error = relative_error(gradient, numeric)
        assert error < 1e-6, f"{name}: relative error {error:.2e}"
    # The trainer's own gradient code (fast loss kernels, penalty) passes the same check.
    errors = check_gradients(net, X, y, loss=loss if kind != "regression" else "mse", l2=l2)
    assert max(errors.values()) < 1e-6, errors


def test_input_gradient_matches_finite_differences(rng):
    net = Network([3, 5, 2], activation="tanh", seed=1)
    X = rng.normal(size=(4, 3))
    G = rng.normal(size=(4, 2))
    net.forward(X)
    dX = net.backward(G)
    numeric = numerical_gradient(lambda x: float(np.sum(G * net.forward(x))), X.copy())
    assert relative_error(dX, numeric) < 1e-6
    net.forward(X)
    assert net.backward(G, input_gradient=False) is None


def test_dropout_gradients_with_fixed_masks(rng):
    net = Network([3, 6, 6, 2], activation="tanh", dropout=0.4, seed=2)
    X = rng.normal(size=(8, 3))
    G = rng.normal(size=(8, 2))
    saved = [copy.deepcopy(d.rng) for d in net.dropouts]

    def forward_with_same_masks(_):
        for dropout, state in zip(net.dropouts, saved, strict=True):
            dropout.rng = copy.deepcopy(state)
        return float(np.sum(G * net.forward(X, training=True)))

    forward_with_same_masks(None)
    assert any((d.mask == 0).any() for d in net.dropouts)  # some units really dropped
    net.backward(G)
    analytic = [g.copy() for g in net.gradients()]
    for parameter, gradient in zip(net.parameters(), analytic, strict=True):
        numeric = numerical_gradient(forward_with_same_masks, parameter)
        assert relative_error(gradient, numeric) < 1e-6


def test_dropout_only_while_training(rng):
    net = Network([2, 16, 1], dropout=0.5, seed=0)
    X = rng.normal(size=(10, 2))
    np.testing.assert_array_equal(net(X), net(X))  # evaluation is deterministic
    assert not np.allclose(net(X, training=True), net(X))
    # same seed, same initial weights with or without dropout
    np.testing.assert_array_equal(Network([2, 16, 1], seed=0).layers[0].W, net.layers[0].W)


def test_predict_proba_and_predict(rng):
    X = rng.normal(size=(20, 2))
    binary = Network([2, 4, 1], activation="tanh", seed=3)
    logits = binary(X)
    proba = binary.predict_proba(X)
    np.testing.assert_allclose(proba, 1 / (1 + np.exp(-logits)), rtol=1e-12)
    np.testing.assert_array_equal(binary.predict(X), (proba[:, 0] > 0.5).astype(int))

    multi = Network([2, 4, 3], seed=3)
    proba = multi.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    expected = np.exp(multi(X)) / np.exp(multi(X)).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(proba, expected, rtol=1e-12)
    np.testing.assert_array_equal(multi.predict(X), proba.argmax(axis=1))

    # an output layer that is already a softmax is passed through, not squashed twice
    soft = Network([2, 4, 3], output_activation="softmax", seed=3)
    np.testing.assert_allclose(soft.predict_proba(X), expected, rtol=1e-12)


def test_hidden_activations_and_dead_units(rng):
    net = Network([2, 5, 3, 1], activation="relu", seed=0)
    X = rng.normal(size=(30, 2))
    hidden = net.hidden_activations(X)
    assert [h.shape for h in hidden] == [(30, 5), (30, 3)]
    first = net.layers[0]
    np.testing.assert_allclose(hidden[0], np.maximum(X @ first.W + first.b, 0))
    assert net.dead_units(X) == [int(np.all(h == 0, axis=0).sum()) for h in hidden]
    # kill two first-layer units with a hugely negative bias
    first.b[[1, 3]] = -1e3
    assert net.dead_units(X)[0] == 2
    assert Network([2, 1]).hidden_activations(X) == []


def test_dead_unit_mask_on_a_hand_built_network():
    # Inputs are non-negative, so the weights below decide each ReLU unit's fate.
    X = np.array([[1.0, 2.0], [3.0, 0.5], [0.0, 1.0]])
    net = Network([2, 3, 2, 1], activation="relu", seed=0)
    first, second, _ = net.layers
    first.W[:] = [[1.0, -1.0, 1.0], [1.0, -1.0, -1.0]]
    first.b[:] = 0.0
    # unit 0: x1 + x2 > 0 always (alive); unit 1: -(x1 + x2) <= 0 always (dead);
    # unit 2: x1 - x2 is positive only for the second sample (alive, though often 0).
    second.W[:] = [[1.0, 0.0], [0.0, 5.0], [1.0, 0.0]]
    second.b[:] = [-100.0, 1.0]
    # unit 0: inputs are at most 5, so z <= 5 - 100 (dead); unit 1 is fed only by the
    # dead unit, so it outputs its bias 1 for every sample: constant, but not dead.
    masks = net.dead_unit_mask(X)
    assert [mask.dtype for mask in masks] == [np.bool_, np.bool_]
    np.testing.assert_array_equal(masks[0], [False, True, False])
    np.testing.assert_array_equal(masks[1], [True, False])
    assert net.dead_units(X) == [1, 1]
    assert Network([2, 1]).dead_unit_mask(X) == []
    with pytest.raises(ValueError, match="feature"):
        net.dead_unit_mask(np.ones((3, 5)))


def test_default_initializer_depends_on_activation():
    relu = Network([400, 400, 1], activation="relu", seed=0).layers[0].W
    tanh = Network([400, 400, 1], activation="tanh", seed=0).layers[0].W
    assert abs(relu.std() - np.sqrt(2 / 400)) < 0.003  # He: Var = 2 / n_in
    assert abs(tanh.std() - np.sqrt(2 / 800)) < 0.003  # Xavier: Var = 2 / (n_in + n_out)


def test_seed_controls_initial_weights():
    a, b, c = Network([2, 8, 1], seed=5), Network([2, 8, 1], seed=5), Network([2, 8, 1], seed=6)
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        np.testing.assert_array_equal(p, q)
    assert not np.array_equal(a.layers[0].W, c.layers[0].W)


def test_snapshots_and_copies():
    net = Network([2, 3, 1], seed=0)
    snapshot = net.copy_parameters()
    twin = net.copy()
    for p in net.parameters():
        p += 1.0
    assert not np.array_equal(net.layers[0].W, snapshot[0])
    np.testing.assert_array_equal(twin.layers[0].W, snapshot[0])  # the copy shares nothing
    W_before = net.layers[0].W
    net.set_parameters(snapshot)
    assert net.layers[0].W is W_before  # restored in place
    np.testing.assert_array_equal(net.layers[0].W, snapshot[0])
    with pytest.raises(ValueError, match="layer1.W"):
        net.set_parameters([np.zeros((3, 3))] + snapshot[1:])


def test_repr_and_summary():
    net = Network([2, 8, 8, 1], activation="tanh")
    assert repr(net) == (
        "Network([2, 8, 8, 1], activation='tanh', output_activation='linear', parameters=105)"
    )
    assert "total" in net.summary() and "105" in net.summary()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"layer_sizes": [2, 0, 1]}, r"layer_sizes\[1\]"),
        ({"layer_sizes": [2]}, "at least an input and an output"),
        ({"layer_sizes": 5}, "list of layer widths"),
        ({"layer_sizes": [2, 3, 1], "activation": "rleu"}, "unknown activation 'rleu'"),
        ({"layer_sizes": [2, 1], "activation": "rleu"}, "unknown activation 'rleu'"),
        ({"layer_sizes": [2, 3, 1], "output_activation": "soft"}, "unknown activation"),
        ({"layer_sizes": [2, 3, 3, 1], "activation": ["relu"]}, "one name per hidden layer"),
        ({"layer_sizes": [2, 3, 1], "dropout": 1.0}, "dropout"),
        ({"layer_sizes": [2, 3, 1], "initializer": "glorious"}, "unknown initializer"),
    ],
)
def test_bad_construction_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Network(**kwargs)


def test_bad_inputs_to_forward_and_backward():
    net = Network([2, 3, 1])
    with pytest.raises(ValueError, match="expects 2"):
        net.forward(np.ones((4, 3)))
    with pytest.raises(ValueError, match="2-D"):
        net.predict(np.ones(2))
    with pytest.raises(ValueError, match="NaN"):
        net.predict_proba(np.array([[1.0, np.nan]]))
    with pytest.raises(ValueError, match="forward before backward"):
        Network([2, 1]).backward(np.ones((1, 1)))
    net.forward(np.ones((4, 2)))
    with pytest.raises(ValueError, match="shape"):
        net.backward(np.ones((3, 1)))
    with pytest.raises(ValueError, match="predict_proba"):
        Network([2, 3, 1], output_activation="relu").predict_proba(np.ones((1, 2)))
