"""Trainer and fit: correct updates, batching, resumability, early stopping, errors."""

import math
import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

from nnlib.datasets import logic_gate, regression_1d, spiral, xor_clouds
from nnlib.losses import BinaryCrossEntropy, CategoricalCrossEntropy, MeanSquaredError
from nnlib.network import Network
from nnlib.optimizers import Adam
from nnlib.schedules import cosine
from nnlib.training import History, QuietArithmetic, Trainer, TrainingDiverged, fit


def _weights(network):
    return [p.copy() for p in network.parameters()]


def test_xor_is_learned_perfectly():
    X, y = logic_gate("xor")
    net = Network([2, 8, 1], activation="tanh", seed=0)
    history = fit(net, X, y, epochs=300, optimizer="adam", learning_rate=0.05)
    np.testing.assert_array_equal(net.predict(X), y)
    assert history.train_accuracy[-1] == 1.0
    assert history.train_loss[-1] < 0.05


def test_one_full_batch_step_is_gradient_descent_on_logistic_loss():
    # A network without hidden layers is logistic regression; its gradient is known in
    # closed form: dW = X.T (sigmoid(X W + b) - y) / n, db = mean(sigmoid(...) - y).
    X, y = xor_clouds(40, seed=3)
    net = Network([2, 1], seed=1)
    W, b = net.layers[0].W.copy(), net.layers[0].b.copy()
    Trainer(net, X, y, learning_rate=0.5).run(1)
    error = 1 / (1 + np.exp(-(X @ W + b))) - y[:, None]
    np.testing.assert_allclose(net.layers[0].W, W - 0.5 * X.T @ error / len(X), rtol=1e-12)
    np.testing.assert_allclose(net.layers[0].b, b - 0.5 * error.mean(axis=0), rtol=1e-12)


def test_l2_and_l1_penalise_weights_but_not_biases():
    X, y = regression_1d(30, seed=0)
    net = Network([1, 1], seed=0)
    W, b = net.layers[0].W.copy(), net.layers[0].b.copy()
    Trainer(net, X, y, loss="mse", learning_rate=0.1, l1=0.05, l2=0.3).run(1)
    residual = X @ W + b - y
    dW = 2 * X.T @ residual / len(X) + 0.3 * W + 0.05 * np.sign(W)
    db = 2 * residual.mean(axis=0)  # no penalty term for the bias
    np.testing.assert_allclose(net.layers[0].W, W - 0.1 * dW, rtol=1e-12)
    np.testing.assert_allclose(net.layers[0].b, b - 0.1 * db, rtol=1e-12)


def test_penalty_is_recorded_and_not_mixed_into_the_data_loss():
    X, y = xor_clouds(50, seed=0)
    net = Network([2, 4, 1], activation="tanh", seed=0)
    trainer = Trainer(net, X, y, l2=0.1, evaluate_train_every=1)
    history = trainer.run(3)
    weights = [layer.W for layer in net.layers]
    assert history.penalty[-1] == pytest.approx(0.05 * sum(np.sum(W**2) for W in weights))
    data_loss, _ = trainer.evaluate(X, y)
    assert history.train_loss[-1] == pytest.approx(data_loss)
    assert trainer.objective() == pytest.approx(data_loss + history.penalty[-1])


@pytest.mark.parametrize("batch_size, steps_per_epoch", [(None, 1), (32, 4), (100, 1), (1, 100)])
def test_batch_sizes(batch_size, steps_per_epoch):
    X, y = spiral(100, seed=0)
    trainer = Trainer(Network([2, 8, 1], activation="tanh"), X, y, batch_size=batch_size)
    trainer.run(2)
    assert trainer.optimizer.iterations == 2 * steps_per_epoch
    assert trainer.epoch == 2 and trainer.history.epochs == [1, 2]


def test_the_running_training_loss_is_the_mean_of_the_batch_losses_before_each_update():
    X, y = spiral(60, arms=3, seed=0)
    trainer = Trainer(Network([2, 6, 3], seed=0), X, y, batch_size=25, seed=1)
    losses, sizes, correct = [], [], []
    original = trainer.step

    def spy(X_batch, T_batch, **options):
        # the batch loss and accuracy as the network stands before this batch's update
        before = trainer.network.copy()
        losses.append(CategoricalCrossEntropy()(before(X_batch), T_batch))
        correct.append(np.sum(before.predict(X_batch) == T_batch.argmax(axis=1)))
        sizes.append(len(X_batch))
        return original(X_batch, T_batch, **options)

    trainer.step = spy
    history = trainer.run(2)
    assert sizes == [25, 25, 10] * 2  # the last batch of an epoch is smaller
    for epoch in range(2):
        part = slice(3 * epoch, 3 * epoch + 3)
        mean = np.dot(losses[part], sizes[part]) / 60
        assert history.train_loss[epoch] == pytest.approx(mean, rel=1e-12)
        assert history.train_accuracy[epoch] == pytest.approx(sum(correct[part]) / 60)
    assert history.train_exact == [False, False]


def test_evaluate_train_every_k_measures_the_whole_training_set_after_every_kth_epoch():
    X, y = spiral(80, seed=0)
    trainer = Trainer(Network([2, 8, 1], seed=0), X, y, batch_size=20, evaluate_train_every=2)
    history = trainer.run(3)
    assert history.train_exact == [False, True, False]
    reference = Trainer(Network([2, 8, 1], seed=0), X, y, batch_size=20)
    reference.run(2)
    # after epoch 2 both networks hold the same weights; the entry is the exact pass
    assert history.train_loss[1] == pytest.approx(reference.evaluate_training_set()[0])
    assert history.train_accuracy[1] == reference.evaluate_training_set()[1]
    assert reference.history.train_loss[1] != pytest.approx(history.train_loss[1])
    with pytest.raises(ValueError, match="evaluate_train_every"):
        Trainer(Network([2, 8, 1]), X, y, evaluate_train_every=0)


def test_float32_training_stays_float32_and_follows_float64():
    X, y = spiral(100, arms=3, seed=0)
    runs = {}
    for dtype in ("float64", "float32"):
        net = Network([2, 16, 3], seed=0, dtype=dtype)
        trainer = Trainer(net, X, y, optimizer="adam", learning_rate=0.01, batch_size=20)
        history = trainer.run(20)
        assert all(p.dtype == np.dtype(dtype) for p in net.parameters())
        assert all(g.dtype == np.dtype(dtype) for g in net.gradients())
        assert all(m.dtype == np.dtype(dtype) for m in trainer.optimizer.first_moments)
        assert net(X).dtype == np.dtype(dtype) and trainer.X_train.dtype == np.dtype(dtype)
        runs[dtype] = history.train_loss
    assert runs["float64"][-1] < 0.75 * runs["float64"][0]  # it learned
    np.testing.assert_allclose(runs["float32"], runs["float64"], rtol=1e-3)
    with pytest.raises(ValueError, match="dtype must be 'float64'"):
        Network([2, 3], dtype="float16")


def test_the_quiet_context_limits_blas_once_and_nests():
    quiet = QuietArithmetic()
    with quiet:
        with quiet:  # nested: nothing more to do
            assert np.geterr()["over"] == "ignore"
        assert np.geterr()["over"] == "ignore"
    assert np.geterr()["over"] != "ignore"


def test_mini_batches_are_reshuffled_every_epoch():
    X, y = spiral(60, seed=0)
    seen = []
    trainer = Trainer(Network([2, 3, 1]), X, y, batch_size=20, seed=4)
    original = trainer.step

    def spy(X_batch, T_batch, **options):
        seen.append(X_batch[:, 0].copy())
        return original(X_batch, T_batch, **options)

    trainer.step = spy
    trainer.run(2)
    first, second = np.concatenate(seen[:3]), np.concatenate(seen[3:])
    np.testing.assert_array_equal(np.sort(first), np.sort(X[:, 0]))  # every sample once
    assert not np.array_equal(first, second)


@pytest.mark.parametrize(
    "options",
    [
        {"optimizer": "sgd"},
        {"optimizer": "adam", "learning_rate": 0.01, "batch_size": 16},
        {"optimizer": "momentum", "batch_size": 1, "l2": 0.01},
    ],
)
def test_run_is_resumable(options):
    X, y = spiral(80, seed=1)
    X_test, y_test = spiral(40, seed=2)

    def make():
        net = Network([2, 8, 8, 1], activation="tanh", dropout=0.1, seed=3)
        return net, Trainer(net, X, y, X_test, y_test, seed=5, **options)

    net_a, in_chunks = make()
    in_chunks.run(5)
    in_chunks.run(5)
    net_b, at_once = make()
    at_once.run(10)
    for p, q in zip(net_a.parameters(), net_b.parameters(), strict=True):
        np.testing.assert_array_equal(p, q)
    assert in_chunks.history == at_once.history
    assert in_chunks.epoch == 10 and len(in_chunks.history) == 10


def test_history_contents():
    X, y = spiral(100, arms=3, seed=0)
    X_test, y_test = spiral(60, arms=3, seed=1)
    net = Network([2, 16, 3], activation="relu", seed=0)
    history = fit(net, X, y, epochs=4, validation_data=(X_test, y_test), learning_rate=0.5)
    assert isinstance(history, History)
    assert history.epochs == [1, 2, 3, 4]
    for values in (
        history.train_loss,
        history.train_accuracy,
        history.test_loss,
        history.test_accuracy,
        history.penalty,
    ):
        assert len(values) == 4
    assert history.test_accuracy[-1] == pytest.approx(np.mean(net.predict(X_test) == y_test))
    expected_loss = CategoricalCrossEntropy()(net(X_test), y_test)
    assert history.test_loss[-1] == pytest.approx(expected_loss)
    assert history.best_epoch == int(np.argmin(history.test_loss)) + 1
    assert set(history.as_dict()) >= {"train_loss", "test_accuracy", "stopped_early"}
    assert "epochs=4" in repr(history)


def test_regression_history_has_no_accuracy():
    X, y = regression_1d(40, seed=0)
    history = fit(
        Network([1, 8, 1], activation="tanh"), X, y, loss="mse", epochs=3, learning_rate=0.05
    )
    assert history.train_accuracy == [None, None, None]
    assert history.test_loss == [None, None, None] and history.best_epoch is None


def test_training_reduces_the_loss_on_spiral():
    X, y = spiral(200, seed=0)
    history = fit(
        Network([2, 32, 32, 1], activation="relu", seed=0),
        X,
        y,
        epochs=200,
        optimizer="adam",
        learning_rate=0.01,
        batch_size=32,
    )
    assert history.train_loss[-1] < 0.1 * history.train_loss[0]
    assert history.train_accuracy[-1] > 0.98


def test_early_stopping_stops_and_restores_the_best_weights():
    X, y = xor_clouds(30, noise=0.6, seed=1)  # few noisy points: a big network overfits
    X_test, y_test = xor_clouds(300, noise=0.6, seed=2)

    def make():
        net = Network([2, 64, 64, 1], activation="relu", seed=0)
        return net, Trainer(
            net,
            X,
            y,
            X_test,
            y_test,
            optimizer="adam",
            learning_rate=0.01,
            early_stopping_patience=5,
        )

    net, trainer = make()
    history = trainer.run(300)
    assert history.stopped_early and trainer.stopped
    best = history.best_epoch
    assert len(history) == best + 5 < 300
    assert history.test_loss[best - 1] == min(history.test_loss)
    # the restored weights are exactly those after epoch `best`
    reference_net, reference = make()
    reference.run(best)
    for p, q in zip(net.parameters(), reference_net.parameters(), strict=True):
        np.testing.assert_array_equal(p, q)
    _, accuracy = trainer.evaluate(X_test, y_test)
    assert accuracy == history.test_accuracy[best - 1]
    # once stopped, further runs change nothing
    trainer.run(5)
    assert len(trainer.history) == best + 5


def test_divergence_raises_with_advice_and_no_warnings():
    X, y = regression_1d(50, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a leaked RuntimeWarning would fail the test
        with pytest.raises(TrainingDiverged, match="diverged — lower the learning rate") as info:
            fit(
                Network([1, 8, 1], activation="relu"),
                X,
                y,
                loss="mse",
                learning_rate=1e3,
                epochs=500,
            )
    error = info.value
    assert isinstance(error, ValueError)
    assert f"epoch {error.epoch}" in str(error)
    assert 1 <= error.epoch < 500
    # A loss that became NaN is not recorded; a finite one far above the start is.
    assert len(error.history) in (error.epoch - 1, error.epoch)
    assert all(math.isfinite(v) for v in error.history.train_loss)


def test_divergence_of_a_classifier():
    X, y = spiral(100, arms=3, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(TrainingDiverged, match="epoch"):
            fit(Network([2, 8, 3], activation="relu"), X, y, learning_rate=1e6, epochs=1000)


def test_learning_rate_schedule_and_optimizer_object():
    X, y = spiral(50, seed=0)
    trainer = Trainer(Network([2, 4, 1]), X, y, learning_rate=cosine(0.5, total_steps=10))
    trainer.run(10)
    assert trainer.optimizer.current_learning_rate == pytest.approx(0.0)
    adam = Adam(learning_rate=0.02)
    trainer = Trainer(Network([2, 4, 1]), X, y, optimizer=adam)
    assert trainer.optimizer is adam and trainer.learning_rate == 0.02
    trainer.learning_rate = 0.01
    assert adam.learning_rate == 0.01


def test_loss_is_matched_to_the_output_layer():
    X, y = spiral(20, arms=3, seed=0)
    assert isinstance(Trainer(Network([2, 1]), X, y % 2).loss, BinaryCrossEntropy)
    assert Trainer(Network([2, 1], output_activation="sigmoid"), X, y % 2).loss.from_logits is False
    assert isinstance(Trainer(Network([2, 3]), X, y).loss, CategoricalCrossEntropy)
    assert Trainer(Network([2, 3], output_activation="softmax"), X, y).loss.from_logits is False
    assert isinstance(Trainer(Network([2, 1]), X, X[:, :1], loss="mse").loss, MeanSquaredError)


def test_fit_with_progress_bar():
    X, y = logic_gate("and")
    history = fit(Network([2, 1]), X, y, epochs=3, progress=True)
    assert len(history) == 3


XOR_X, XOR_Y = logic_gate("xor")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"X_train": XOR_X[:, 0]}, "2-D"),
        ({"X_train": np.ones((4, 3))}, "3 feature"),
        ({"X_train": np.where(XOR_X == 1, np.nan, XOR_X)}, "NaN"),
        ({"y_train": np.array([0, 1, 2, 0])}, "label 2"),
        ({"y_train": np.array([0, 1, -1, 0])}, "negative"),
        ({"y_train": np.array([0, 1, 1])}, "same length"),
        ({"y_train": np.array([0.5, 1, 1, 0])}, "whole numbers"),
        ({"learning_rate": 0}, "learning_rate"),
        ({"learning_rate": -0.5}, "learning_rate"),
        ({"batch_size": 0}, "batch_size"),
        ({"optimizer": "rmsprop"}, "unknown optimizer 'rmsprop'"),
        ({"loss": "hinge"}, "unknown loss 'hinge'"),
        ({"loss": "cross_entropy"}, "one output unit per class"),
        ({"l2": -1.0}, "l2"),
        ({"X_test": XOR_X}, "both X_test and y_test"),
        ({"early_stopping_patience": 3}, "needs X_test"),
        ({"X_test": XOR_X, "y_test": np.array([0, 1, 3, 0])}, "y_test"),
        ({"network": "not a network"}, "Network"),
    ],
)
def test_bad_inputs_are_rejected_at_construction(kwargs, message):
    arguments = {"network": Network([2, 4, 1]), "X_train": XOR_X, "y_train": XOR_Y, **kwargs}
    with pytest.raises(ValueError, match=message):
        Trainer(**arguments)


def test_labels_out_of_range_for_several_outputs():
    X, y = spiral(30, arms=3, seed=0)
    with pytest.raises(ValueError, match="label 2.*2 classes"):
        Trainer(Network([2, 2]), X, y)


def test_regression_targets_are_checked():
    X = np.ones((5, 1))
    with pytest.raises(ValueError, match="NaN"):
        Trainer(Network([1, 1]), X, [1, 2, np.nan, 4, 5], loss="mse")
    with pytest.raises(ValueError, match=r"\(5, 2\)"):
        Trainer(Network([1, 2]), X, np.ones(5), loss="mse")


def test_fit_arguments_are_checked():
    with pytest.raises(ValueError, match="epochs"):
        fit(Network([2, 1]), XOR_X, XOR_Y, epochs=0)
    with pytest.raises(ValueError, match="validation_data"):
        fit(Network([2, 1]), XOR_X, XOR_Y, validation_data=XOR_X)


def _numpy_blas_files(threadpoolctl):
    """The BLAS libraries NumPy itself loads: the ones nnlib's matrix products run on.

    Asked of a fresh interpreter, because by now other packages (scikit-learn, SciPy)
    may have loaded BLAS copies of their own, which nnlib never calls.
    """
    script = (
        "import numpy, threadpoolctl; print('\\n'.join(info['filepath'] for info in "
        "threadpoolctl.threadpool_info() if info['user_api'] == 'blas'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return {os.path.realpath(path) for path in result.stdout.split()}


def test_run_limits_blas_to_one_thread_and_restores_it():
    # Several BLAS threads make small networks train many times slower on a busy
    # machine, so run() trains with one; the loss records what BLAS reports mid-run.
    threadpoolctl = pytest.importorskip("threadpoolctl")
    numpy_blas = _numpy_blas_files(threadpoolctl)
    if not numpy_blas:
        pytest.skip("threadpoolctl finds no BLAS library behind NumPy here")

    def blas_threads():
        return [
            info["num_threads"]
            for info in threadpoolctl.threadpool_info()
            if os.path.realpath(info["filepath"]) in numpy_blas
        ]

    class SpyingSquaredError(MeanSquaredError):
        seen = []

        def gradient_unchecked(self, output, target):
            self.seen.append(blas_threads())
            return super().gradient_unchecked(output, target)

    X, y = regression_1d(20, seed=0)
    trainer = Trainer(Network([1, 4, 1], seed=0), X, y, loss=SpyingSquaredError())
    with threadpoolctl.threadpool_limits(limits=2, user_api="blas"):
        before = blas_threads()
        if max(before) < 2:
            pytest.skip("NumPy's BLAS does not accept two threads here")
        trainer.run(3)
        assert blas_threads() == before  # restored afterwards
    assert len(SpyingSquaredError.seen) >= 3  # at least one gradient per epoch
    assert all(threads == [1] * len(before) for threads in SpyingSquaredError.seen)
