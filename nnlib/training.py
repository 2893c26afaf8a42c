"""Training: repeat forward pass, backward pass, update -- and keep score.

One *step* takes a batch of samples and does::

    output = network.forward(X_batch)                 # predictions (logits)
    d_output = dL/d(output)                           # from the loss
    network.backward(d_output)                        # every layer's dW, db
    dW += l1 * sign(W) + l2 * W                       # weight penalties (never biases)
    optimizer.step(parameters, gradients)             # W <- W - lr * dW, ...

One *epoch* is one pass over the training set: a single step on all of it (full
batch, ``batch_size=None``), ``n / batch_size`` steps on shuffled mini-batches, or
``n`` steps of one sample each (``batch_size=1``). After every epoch the trainer
records the loss and accuracy on the training and test sets in a :class:`History`.

The training-set numbers cost nothing extra: each step measures the loss (and the
accuracy) of its batch anyway, on the way to the gradient, so the History records the
mean over the epoch's batches -- each measured just before that batch's update, so
it runs a little behind the loss after the epoch. ``evaluate_train_every=k`` adds an
exact pass over the whole training set after every k-th epoch (``k=1``: every epoch,
as exact as the test numbers, at the price of one more forward pass over the data),
and ``evaluate_training_set()`` measures it on request. Test numbers are always exact.

``Trainer`` checks all the data once, when it is built, and keeps its state between
calls, so ``run(5); run(5)`` is exactly ``run(10)`` -- interactive figures train a
few epochs per frame. ``fit`` is the one-call version.
"""

from __future__ import annotations

import contextlib
import functools
import math
import warnings
from dataclasses import asdict, dataclass, field, fields

import numpy as np

from nnlib._checks import (
    as_labels,
    as_matrix,
    check_epochs,
    check_finite,
    check_non_negative,
    check_positive,
    check_same_length,
    describe,
)
from nnlib.losses import (
    BinaryCrossEntropy,
    CategoricalCrossEntropy,
    Loss,
    get_loss,
)
from nnlib.network import Network
from nnlib.optimizers import Optimizer, get_optimizer
from nnlib.regularization import (
    l1_gradient_unchecked,
    l1_penalty,
    l2_gradient_unchecked,
    l2_penalty,
)
from nnlib.seeding import as_generator

__all__ = [
    "DIVERGED_ADVICE",
    "History",
    "QuietArithmetic",
    "Trainer",
    "TrainingDiverged",
    "TrainingWorseThanGuessing",
    "fit",
    "one_blas_thread",
]


# Training counts as diverged when the training loss stays above this many times the
# larger of its starting value and the loss of always guessing (see Trainer.guess_loss)
# for DIVERGED_PATIENCE epochs in a row -- or when it stops being a finite number.
DIVERGED_FACTOR = 10.0
DIVERGED_PATIENCE = 3
DIVERGED_ADVICE = "training diverged — lower the learning rate"
# fit warns when a classifier trained at least this many epochs ends worse than guessing.
WORSE_THAN_GUESSING_AFTER = 20


class TrainingDiverged(ValueError):
    """Training blew up: the loss became NaN or infinite, or rose far above where it
    started (and above the loss of always guessing) and did not come back.

    ``history`` holds the epochs recorded before training stopped; ``epoch`` is the
    epoch in which it stopped; ``reason`` says what happened, in a few words.
    """

    def __init__(
        self,
        message: str,
        history: History | None = None,
        epoch: int | None = None,
        reason: str = "",
    ):
        super().__init__(message)
        self.history = history
        self.epoch = epoch
        self.reason = reason


@dataclass
class History:
    """What happened during training, one entry per epoch in every list.

    ``train_loss`` / ``test_loss`` are the data loss (without the L1/L2 penalty, so the
    two are comparable; the penalty is in ``penalty``). ``test_loss`` is measured on the
    whole test set after the epoch. ``train_loss`` is, by default, the mean over the
    epoch's batches of the loss each batch had just before its update (what training
    computed anyway, so it costs nothing; with dropout, the loss with units dropped);
    where ``train_exact`` is True it is instead an exact pass over the whole training set
    after the epoch (``Trainer(evaluate_train_every=k)``). Accuracies likewise, as
    fractions in [0, 1], None for regression; test entries are None when there is no
    test set. ``best_epoch`` is the epoch with the
    lowest test loss (None without a test set); ``stopped_early`` says whether early
    stopping ended training (and restored the weights of ``best_epoch``).
    """

    epochs: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    train_accuracy: list[float | None] = field(default_factory=list)
    train_exact: list[bool] = field(default_factory=list)
    test_loss: list[float | None] = field(default_factory=list)
    test_accuracy: list[float | None] = field(default_factory=list)
    penalty: list[float] = field(default_factory=list)
    stopped_early: bool = False
    best_epoch: int | None = None

    def as_dict(self) -> dict:
        """A plain dict of lists (copies), e.g. for ``pandas.DataFrame(history.as_dict())``."""
        return asdict(self)

    def __len__(self) -> int:
        return len(self.epochs)

    def __repr__(self) -> str:
        if not self.epochs:
            return "History(no epochs yet)"
        parts = [f"epochs={len(self.epochs)}", f"train_loss={self.train_loss[-1]:.4g}"]
        for name in ("train_accuracy", "test_loss", "test_accuracy"):
            last = getattr(self, name)[-1]
            if last is not None:
                parts.append(f"{name}={last:.4g}")
        if self.best_epoch is not None:
            parts.append(f"best_epoch={self.best_epoch}")
        if self.stopped_early:
            parts.append("stopped_early=True")
        return f"History({', '.join(parts)})"


class Trainer:
    """Trains ``network`` on (X_train, y_train), epoch by epoch, resumably.

    The arithmetic follows the network's ``dtype`` (float64, or float32 for a network
    built with ``dtype="float32"``). The data are converted once, here, and the
    losses, the optimizer's state and the History's numbers come from that arithmetic.
    ``X_train``, ``targets_train`` and ``labels_train`` (and the ``_test`` ones) are the
    checked data in the form :meth:`step` takes.

    Parameters
    ----------
    network : a :class:`~nnlib.network.Network` (updated in place).
    X_train, y_train : data, shape (n, n_inputs); integer labels (n,) for classification,
        numbers (n,) or (n, n_outputs) for regression.
    X_test, y_test : optional held-out data, evaluated after every epoch (and used for
        early stopping).
    loss : "auto" (binary cross-entropy for one output unit, cross-entropy for several),
        "mse" for regression, another name from :mod:`nnlib.losses`, or a Loss object.
    optimizer : "sgd", "momentum", "adam" or an Optimizer object (which keeps its own
        learning rate; ``learning_rate`` then is not used).
    learning_rate : a number > 0 or a schedule from :mod:`nnlib.schedules` (per step).
    batch_size : None for full batch, 1 for single-sample (stochastic) training, or any
        mini-batch size; larger than the data set means full batch.
    l1, l2 : weight-penalty strengths (0 = off), applied to weights, not biases.
    early_stopping_patience : stop after this many epochs without a lower test loss and
        restore the best weights (needs test data); None = never stop early.
    seed : for shuffling the mini-batches.
    evaluate_train_every : how often the History's training loss and accuracy are
        measured exactly. None, the default, keeps the running mean of the epoch's
        batches (see :class:`History`); a whole number k measures them on the whole
        training set after every k-th epoch instead.
    """

    def __init__(
        self,
        network: Network,
        X_train,
        y_train,
        X_test=None,
        y_test=None,
        loss="auto",
        optimizer="sgd",
        learning_rate=0.1,
        batch_size: int | None = None,
        l1: float = 0.0,
        l2: float = 0.0,
        early_stopping_patience: int | None = None,
        seed=0,
        evaluate_train_every: int | None = None,
    ):
        if not isinstance(network, Network):
            raise ValueError(
                f"network must be an nnlib Network, e.g. Network([2, 8, 1]); got "
                f"{type(network).__name__}"
            )
        self.network = network
        self.loss = _resolve_loss(network, loss)

        self.X_train, self.targets_train, self.labels_train = _prepare_data(
            network, self.loss, X_train, y_train, "X_train", "y_train"
        )
        if (X_test is None) != (y_test is None):
            raise ValueError("give both X_test and y_test, or neither")
        self.has_test_data = X_test is not None
        if self.has_test_data:
            self.X_test, self.targets_test, self.labels_test = _prepare_data(
                network, self.loss, X_test, y_test, "X_test", "y_test"
            )

        if isinstance(optimizer, Optimizer):
            self.optimizer = optimizer
        else:
            self.optimizer = get_optimizer(optimizer, learning_rate=learning_rate)

        n_samples = len(self.X_train)
        if batch_size is not None:
            batch_size = min(check_positive(batch_size, "batch_size", integer=True), n_samples)
        self.batch_size = batch_size
        self.l1 = float(check_non_negative(l1, "l1"))
        self.l2 = float(check_non_negative(l2, "l2"))
        if early_stopping_patience is not None:
            early_stopping_patience = check_positive(
                early_stopping_patience, "early_stopping_patience", integer=True
            )
            if not self.has_test_data:
                raise ValueError(
                    "early stopping watches the test (validation) loss, so it needs X_test "
                    "and y_test (validation_data=(X_val, y_val) in fit)"
                )
        self.early_stopping_patience = early_stopping_patience
        self.rng = as_generator(seed)
        if evaluate_train_every is not None:
            evaluate_train_every = check_positive(
                evaluate_train_every, "evaluate_train_every", integer=True
            )
        self.evaluate_train_every = evaluate_train_every
        self.dtype = network.dtype
        # run()'s context (one BLAS thread, float warnings off), built once: entering
        # it costs two C calls, not a search for the BLAS libraries every call.
        self._quiet = QuietArithmetic()

        self.epoch = 0
        self.history = History()
        # The optimizer updates these arrays in place, so the list stays valid forever.
        self._parameters = network.parameters()
        self._best_test_loss = math.inf
        self._best_parameters = None
        self._epochs_without_improvement = 0

        # The yardsticks for divergence: the loss of a model that ignores its input (see
        # guess_loss), and the loss before any training (see initial_loss).
        self.guess_loss = _guess_loss(self.loss, self.targets_train)
        # Measuring the starting loss is a forward pass over the whole training set --
        # at one epoch of a big network, a third of the training's own arithmetic -- and
        # it is needed only once the loss rises far above guessing, which is rare. So
        # the starting weights are kept (a copy of the weights costs far less than a
        # pass over the data) and the loss is measured from them when first asked for.
        self._initial_parameters = network.copy_parameters()
        self._initial_loss = None
        self._epochs_above_ceiling = 0

    @property
    def initial_loss(self) -> float:
        """The loss on the whole training set before any training (inf if not finite)."""
        if self._initial_loss is None:
            start = self.network.copy()
            start.set_parameters(self._initial_parameters)
            with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
                loss = self._evaluate(self.X_train, self.targets_train, None, start)[0]
            self._initial_loss = loss if math.isfinite(loss) else math.inf
        return self._initial_loss

    @property
    def divergence_ceiling(self) -> float:
        """The training loss above which an epoch counts towards divergence."""
        # (the floor keeps a perfect start, loss 0, from flagging every rounding error)
        return DIVERGED_FACTOR * max(self.initial_loss, self.guess_loss, 1e-6)

    # ------------------------------------------------------------------ training

    @property
    def learning_rate(self):
        """The optimizer's learning rate (number or schedule); settable between runs."""
        return self.optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        self.optimizer.learning_rate = value

    @property
    def stopped(self) -> bool:
        """True once early stopping has ended training; further ``run`` calls do nothing."""
        return self.history.stopped_early

    def run(self, epochs: int = 1) -> History:
        """Train for ``epochs`` more epochs (continuing where the last call stopped).

        Returns the (cumulative) history. Raises :class:`TrainingDiverged` if the loss
        becomes NaN or infinite, or stays far above where it started (more than
        ``DIVERGED_FACTOR`` times the starting loss and the loss of guessing) for
        ``DIVERGED_PATIENCE`` epochs in a row; the error carries the history so far.
        """
        epochs = check_epochs(epochs, "epochs", len(fields(History)), zero_allowed=True)
        # One BLAS thread: for matrices this small, extra threads only slow training
        # down (see one_blas_thread). Overflow on the way to divergence is expected and
        # is reported as TrainingDiverged below, so NumPy's RuntimeWarnings would only be
        # noise.
        with self._quiet:
            for _ in range(epochs):
                if self.history.stopped_early:
                    break
                running = self._train_one_epoch()
                self.epoch += 1
                self._record_epoch(*running)
        return self.history

    def _train_one_epoch(self) -> tuple[float, float | None]:
        """Train one epoch; return the mean batch loss and accuracy (None: regression)."""
        X, T, labels = self.X_train, self.targets_train, self.labels_train
        n = len(X)
        if self.batch_size is None or self.batch_size >= n:
            loss = self.step(X, T, measure_loss=True)
            return loss, self._batch_accuracy(labels)
        # Shuffle once per epoch, then take contiguous slices (views, not copies).
        order = self.rng.permutation(n)
        X, T = X[order], T[order]
        if labels is not None:
            labels = labels[order]
        size = self.batch_size
        loss_sum, correct = 0.0, 0.0
        for start in range(0, n, size):
            stop = min(start + size, n)
            loss = self.step(X[start:stop], T[start:stop], measure_loss=True)
            loss_sum += loss * (stop - start)
            if labels is not None:
                correct += self._batch_accuracy(labels[start:stop]) * (stop - start)
        return loss_sum / n, None if labels is None else correct / n

    def _batch_accuracy(self, labels) -> float | None:
        if labels is None:
            return None
        # unchecked: run on every batch, on the output this network just computed
        predicted = self.network.classify_unchecked(self.network.layers[-1].A)
        return float(np.count_nonzero(predicted == labels)) / len(labels)

    def step(self, X: np.ndarray, T: np.ndarray, measure_loss: bool = False) -> float | None:
        """One optimizer step on one batch: forward, backward, penalties, update.

        ``X`` is a float array of inputs and ``T`` the targets in the form the loss
        reads (what ``run`` slices its batches from: a column of 0/1 labels for binary
        cross-entropy, one-hot rows for softmax cross-entropy, values for squared
        error). This is the hot path ``run`` repeats for every batch, so it checks
        nothing: validate data once, at construction, and call ``step`` as often as
        you like. It does not count epochs or record the history. With
        ``measure_loss=True`` (what ``run`` asks for, for the History) it returns the
        batch's data loss, measured on the way, before the update; otherwise None.
        """
        loss = self.compute_gradients(X, T, measure_loss=measure_loss)
        self.optimizer.update_unchecked(self._parameters, self.network.gradients())
        return loss

    def compute_gradients(
        self, X: np.ndarray, T: np.ndarray, training: bool = True, measure_loss: bool = False
    ) -> float | None:
        """Fill every layer's ``dW`` and ``db`` with the gradient of the objective on a batch.

        The objective is the loss on (X, T) plus the L1/L2 penalty; ``training=False``
        switches dropout off (a gradient check needs a deterministic loss). Like
        :meth:`step` it checks nothing and changes no weight. ``measure_loss=True``
        returns the data loss on the batch (without the penalty), computed with the
        gradient (sharing its work); otherwise None.
        """
        network = self.network
        output = network.forward_unchecked(X, training)
        if measure_loss:
            loss, d_output = self.loss.value_and_gradient_unchecked(output, T)
        else:
            loss, d_output = None, self.loss.gradient_unchecked(output, T)
        network.backward_unchecked(d_output)
        if self.l1 or self.l2:
            for layer in network.layers:
                if self.l1:
                    layer.dW += l1_gradient_unchecked(layer.W, self.l1)
                if self.l2:
                    layer.dW += l2_gradient_unchecked(layer.W, self.l2)
        return loss

    # ------------------------------------------------------------------ bookkeeping

    def penalty(self) -> float:
        """Current L1 + L2 penalty of the weights (0 when both strengths are 0)."""
        if not (self.l1 or self.l2):
            return 0.0  # the common case, recorded every epoch: skip the list and checks
        weights = [layer.W for layer in self.network.layers]
        # A step too large can wreck the weights while the epoch's mean loss is still a
        # number: that is divergence, not a bad argument to the penalty functions.
        if not all(np.isfinite(W).all() for W in weights):
            self._diverged("the weights became NaN or infinite")
        return l1_penalty(weights, self.l1) + l2_penalty(weights, self.l2)

    def objective(self) -> float:
        """What training minimises: the data loss on the whole training set plus the penalty."""
        with self._quiet:
            output = self.network.forward_unchecked(self.X_train)
            return self.loss.value_unchecked(output, self.targets_train) + self.penalty()

    def evaluate_training_set(self) -> tuple[float, float | None]:
        """(loss, accuracy) on the whole training set now: exact, one forward pass.

        The History's training numbers are running means unless ``evaluate_train_every``
        asks for this after some epochs; call it for an exact figure at any time.
        """
        with self._quiet:
            return self._evaluate(self.X_train, self.targets_train, self.labels_train)

    def evaluate(self, X, y) -> tuple[float, float | None]:
        """(loss, accuracy) of the network on (X, y); accuracy is None for regression."""
        X, T, labels = _prepare_data(self.network, self.loss, X, y, "X", "y")
        with self._quiet:
            return self._evaluate(X, T, labels)

    def _evaluate(self, X, T, labels, network=None) -> tuple[float, float | None]:
        network = self.network if network is None else network
        output = network.forward_unchecked(X)
        if not np.isfinite(output).all():
            return math.nan, None
        loss = self.loss.value_unchecked(output, T)
        if labels is None:
            return loss, None
        return loss, float(np.mean(network.classify(output) == labels))

    def _record_epoch(self, train_loss: float, train_accuracy: float | None) -> None:
        history = self.history
        every = self.evaluate_train_every
        exact = every is not None and self.epoch % every == 0
        if exact:
            train_loss, train_accuracy = self._evaluate(
                self.X_train, self.targets_train, self.labels_train
            )
        test_loss = test_accuracy = None
        if self.has_test_data:
            test_loss, test_accuracy = self._evaluate(
                self.X_test, self.targets_test, self.labels_test
            )
        # A running mean is measured before each update, so weights that overflow in the
        # epoch's last update show first in the (exact) test loss, or in the next epoch.
        bad = next(
            (v for v in (train_loss, test_loss) if v is not None and not math.isfinite(v)), None
        )
        if bad is not None:
            self._diverged(f"the loss became {bad}")
        history.epochs.append(self.epoch)
        history.train_loss.append(train_loss)
        history.train_accuracy.append(train_accuracy)
        history.train_exact.append(exact)
        history.test_loss.append(test_loss)
        history.test_accuracy.append(test_accuracy)
        history.penalty.append(self.penalty())
        if test_loss is not None:
            self._track_best(test_loss)
        # Per epoch, two comparisons of numbers: nothing in the per-batch steps.
        if self._above_ceiling(train_loss):
            self._epochs_above_ceiling += 1
            if self._epochs_above_ceiling >= DIVERGED_PATIENCE:
                self._diverged(self._rise_text(train_loss, DIVERGED_PATIENCE))
        else:
            self._epochs_above_ceiling = 0

    def _above_ceiling(self, loss: float) -> bool:
        # The ceiling is at least DIVERGED_FACTOR times guessing, so a loss below that is
        # under it whatever the starting loss was -- which then is never measured.
        if loss <= DIVERGED_FACTOR * max(self.guess_loss, 1e-6):
            return False
        return loss > self.divergence_ceiling

    def _rise_text(self, loss: float, epochs: int) -> str:
        stayed = f" and stayed there for {epochs} epochs" if epochs > 1 else ""
        return (
            f"the training loss rose from {self.initial_loss:.3g} to {loss:.3g}, more than "
            f"{DIVERGED_FACTOR:g} times where it started and than the {self.guess_loss:.3g} "
            f"of always guessing{stayed}"
        )

    def _diverged(self, reason: str) -> None:
        """Raise TrainingDiverged: what happened, and what to change."""
        advice = [f"a learning rate below {self.optimizer.current_learning_rate:g}"]
        if max(self.l1, self.l2) >= 1.0:
            advice.append(
                f"a much smaller penalty (l1={self.l1:g}, l2={self.l2:g}; 1e-4 to 1e-2 is usual)"
            )
        largest = float(np.max(np.abs(self.X_train)))
        if largest > 1e3:
            advice.append(
                f"scaled inputs (the largest is {largest:.3g}; standardise each feature, "
                "e.g. (X - X.mean(0)) / X.std(0))"
            )
        raise TrainingDiverged(
            f"{DIVERGED_ADVICE}: {reason} (epoch {self.epoch}, optimizer "
            f"{self.optimizer!r}). Try {'; or '.join(advice)}, and rebuild the network "
            "(its weights are wrecked) before training again. The epochs so far are in "
            "this error's .history.",
            history=self.history,
            epoch=self.epoch,
            reason=reason,
        )

    def finish(self) -> None:
        """Say so if training ended badly: raise TrainingDiverged when the last epoch is
        above the divergence ceiling (even before the patience ran out), and warn
        (TrainingWorseThanGuessing) when a classifier trained for at least
        ``WORSE_THAN_GUESSING_AFTER`` epochs ends worse than always guessing.

        ``fit`` calls this after its last epoch; a loop of ``run`` calls can, too.
        """
        if not self.history.train_loss:
            return
        last = self.history.train_loss[-1]
        if self._above_ceiling(last):
            self._diverged(self._rise_text(last, self._epochs_above_ceiling))
        # 1% of slack: a model that merely matches guessing is useless, not worse. A short
        # run (a demo of a few epochs) is not expected to have learned yet.
        long_enough = len(self.history) >= WORSE_THAN_GUESSING_AFTER
        if self.labels_train is not None and long_enough and last > 1.01 * self.guess_loss:
            warnings.warn(
                f"training ended worse than guessing: the training loss is {last:.3g} "
                f"(it started at {self.initial_loss:.3g}), above the {self.guess_loss:.3g} "
                "of always predicting the class frequencies, so the network has learned "
                "nothing useful yet. Saturated sigmoid or tanh units do this (inputs far "
                "from -1..1, or weights too large); standardise the inputs, lower the "
                "learning rate or train longer.",
                TrainingWorseThanGuessing,
                stacklevel=3,
            )

    def _track_best(self, test_loss: float) -> None:
        patience = self.early_stopping_patience
        if test_loss < self._best_test_loss:
            self._best_test_loss = test_loss
            self.history.best_epoch = self.epoch
            self._epochs_without_improvement = 0
            if patience is not None:
                self._best_parameters = self.network.copy_parameters()
        elif patience is not None:
            self._epochs_without_improvement += 1
            if self._epochs_without_improvement >= patience:
                self.network.set_parameters(self._best_parameters)
                self.history.stopped_early = True

    def __repr__(self) -> str:
        batch = "full batch" if self.batch_size is None else f"batch_size={self.batch_size}"
        return (
            f"Trainer({self.network!r}, loss={self.loss!r}, optimizer={self.optimizer!r}, "
            f"{batch}, epoch={self.epoch})"
        )


def fit(
    network: Network,
    X,
    y,
    *,
    epochs: int = 100,
    validation_data=None,
    progress: bool = False,
    **trainer_kwargs,
) -> History:
    """Train ``network`` on (X, y) for ``epochs`` epochs and return the History.

    ``validation_data=(X_val, y_val)`` is evaluated after every epoch (and drives
    ``early_stopping_patience``). ``progress=True`` shows a progress bar (tqdm). Every
    other keyword goes to :class:`Trainer` (loss, optimizer, learning_rate,
    batch_size, l1, l2, early_stopping_patience, seed).
    """
    epochs = check_epochs(epochs, "epochs", len(fields(History)))
    X_test = y_test = None
    if validation_data is not None:
        if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
            raise ValueError("validation_data must be a pair (X_val, y_val)")
        X_test, y_test = validation_data
    trainer = Trainer(network, X, y, X_test, y_test, **trainer_kwargs)
    if not progress:
        trainer.run(epochs)
        trainer.finish()
        return trainer.history
    try:
        from tqdm.auto import tqdm  # only needed for the bar
    except ImportError:
        raise ImportError(
            "progress=True draws a progress bar with tqdm, which is not installed; "
            "`pip install tqdm`, or call fit with progress=False"
        ) from None

    with tqdm(total=epochs, unit="epoch") as bar:
        for _ in range(epochs):
            history = trainer.run(1)
            bar.update(1)
            bar.set_postfix(loss=f"{history.train_loss[-1]:.4f}")
            if history.stopped_early:
                break
    trainer.finish()
    return trainer.history


# ---------------------------------------------------------------------- helpers


class TrainingWorseThanGuessing(UserWarning):
    """Training finished, but the model does worse than always guessing the class frequencies."""


def _guess_loss(loss: Loss, targets: np.ndarray) -> float:
    """The loss of a model that ignores its input and always predicts the same thing:
    the class frequencies of the training set for a classifier, the mean target for a
    regression. Any model worth training beats it; one far above it has blown up.

    Computed with the loss itself, so there is no second formula to keep in step.
    """
    mean = targets.mean(axis=0, keepdims=True)  # class frequencies for 0/1 and one-hot
    if isinstance(loss, (BinaryCrossEntropy, CategoricalCrossEntropy)):
        mean = np.clip(mean, 1e-12, 1.0 - 1e-12)
        if loss.from_logits:
            # the logits whose sigmoid / softmax are those frequencies
            mean = np.log(mean / (1.0 - mean)) if targets.shape[1] == 1 else np.log(mean)
    constant = np.repeat(mean, len(targets), axis=0)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        value = float(loss.value_unchecked(constant, targets))
    return value if math.isfinite(value) else math.inf


class QuietArithmetic:
    """The context ``Trainer.run`` trains in: NumPy's BLAS on one thread, float warnings off.

    Made once per Trainer and entered on every ``run``: the BLAS libraries are found
    once (see :func:`one_blas_thread` for why one thread), so entering costs a couple of
    C calls -- the thread count is read, and set to 1 and back only when it is not 1
    already (inside the playground's own limit it is). Overflow on the way to
    divergence is expected and reported as :class:`TrainingDiverged`, so NumPy's
    RuntimeWarnings would only be noise. Entering it again inside itself does nothing.
    """

    def __init__(self):
        controller = _blas_controller()
        self._libraries = [] if controller is None else _numpy_blas(controller)
        self._depth = 0
        self._restore = []
        self._errstate = None

    def __enter__(self):
        self._depth += 1
        if self._depth == 1:
            for library in self._libraries:
                threads = library.get_num_threads()
                if threads != 1:
                    library.set_num_threads(1)
                    self._restore.append((library, threads))
            # np.errstate objects cannot be entered twice, so one per entry
            self._errstate = np.errstate(all="ignore")
            self._errstate.__enter__()
        return self

    def __exit__(self, *exc_info):
        self._depth -= 1
        if self._depth == 0:
            self._errstate.__exit__(*exc_info)
            for library, threads in self._restore:
                library.set_num_threads(threads)
            self._restore = []
        return False


@functools.cache
def _numpy_blas(controller) -> list:
    # the controllers of the BLAS libraries threadpoolctl found (NumPy's among them)
    return list(controller.select(user_api="blas").lib_controllers)


def one_blas_thread():
    """A context in which NumPy's BLAS (matrix products) uses a single thread.

    The book's networks are small (matrices of at most a few thousand by a few dozen).
    Waking BLAS worker threads for them costs more than the arithmetic, and on a busy
    two-core machine those threads fight the kernel and each other for the CPU:
    training ran up to ten times slower with the default thread count. threadpoolctl
    does the limiting and restores the previous setting on exit; without it (it is an
    optional dependency), NumPy's default is used.
    """
    controller = _blas_controller()
    if controller is None:
        return contextlib.nullcontext()
    return controller.limit(limits=1, user_api="blas")


@functools.cache
def _blas_controller():
    """threadpoolctl's controller, made once: finding the loaded BLAS libraries takes
    ~80 µs, while limiting and restoring them through it takes ~6 µs -- cheap enough for
    widgets that call ``run`` a few epochs at a time.

    It knows the libraries loaded when it is made. NumPy's BLAS, the only one nnlib
    uses, is loaded with NumPy, so it is always among them; copies that other packages
    load later (SciPy's, via scikit-learn) are left alone, and nnlib never calls them.
    """
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - optional speed-up
        return None
    return ThreadpoolController()


def _resolve_loss(network: Network, loss) -> Loss:
    """Pick the loss object, matching it to what the output layer produces."""
    output_activation = network.output_activation
    n_outputs = network.n_outputs
    if isinstance(loss, str) and loss.strip().lower() == "auto":
        loss = "binary_cross_entropy" if n_outputs == 1 else "cross_entropy"
    loss = get_loss(loss)  # a name or a Loss object; unknown names raise here

    if isinstance(loss, BinaryCrossEntropy):
        if n_outputs != 1:
            raise ValueError(
                f"binary cross-entropy needs one output unit, but the network has {n_outputs}; "
                "use loss='cross_entropy' for several classes"
            )
        return _match_probabilities(loss, BinaryCrossEntropy, output_activation, "sigmoid")
    if isinstance(loss, CategoricalCrossEntropy):
        if n_outputs < 2:
            raise ValueError(
                "cross-entropy needs one output unit per class (at least 2); with one output "
                "unit use loss='binary_cross_entropy'"
            )
        return _match_probabilities(loss, CategoricalCrossEntropy, output_activation, "softmax")
    return loss


def _match_probabilities(loss, loss_class, output_activation: str, squashing: str) -> Loss:
    """Use the logit form for a linear output layer, the probability form after ``squashing``."""
    if output_activation == "linear":
        wanted = True
    elif output_activation == squashing:
        wanted = False
    else:
        raise ValueError(
            f"{loss.name} needs logits (output_activation='linear') or probabilities "
            f"(output_activation='{squashing}'); this network's output layer uses "
            f"{output_activation!r}"
        )
    return loss if loss.from_logits == wanted else loss_class(from_logits=wanted)


def _prepare_data(network: Network, loss: Loss, X, y, x_name: str, y_name: str):
    """Check (X, y) once; return (X, targets in the loss's shape, int labels or None).

    X and the targets come back in the network's dtype (float64 or float32).
    """
    X = as_matrix(X, x_name, network.dtype)
    if X.shape[1] != network.n_inputs:
        raise ValueError(
            f"{x_name} has {X.shape[1]} feature(s) per sample but the network expects "
            f"{network.n_inputs} (layer_sizes[0]); got {x_name} of shape {X.shape}"
        )
    if y is None:
        raise ValueError(f"{y_name} is missing; every sample needs a target")
    if np.ndim(y) == 0:
        raise ValueError(
            f"{y_name} must hold one target per sample of {x_name}; got the single value "
            f"{describe(y)}"
        )
    check_same_length(X, np.asarray(y), x_name, y_name)
    n_outputs = network.n_outputs
    if isinstance(loss, (BinaryCrossEntropy, CategoricalCrossEntropy)):
        labels = as_labels(y, n_classes=network.n_classes, name=y_name)
        if n_outputs == 1:
            targets = labels.astype(network.dtype).reshape(-1, 1)
        else:
            targets = np.eye(n_outputs, dtype=network.dtype)[labels]  # one-hot rows
        return X, targets, labels
    # Regression (or a custom loss): targets are numbers, one column per output unit.
    try:
        targets = np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{y_name} must hold numbers for a regression loss") from None
    if targets.ndim == 1:
        targets = targets.reshape(-1, 1)
    if targets.shape != (len(X), n_outputs):
        raise ValueError(
            f"{y_name} has shape {np.shape(y)} but the network has {n_outputs} output(s); "
            f"give targets of shape ({len(X)}, {n_outputs})"
        )
    check_finite(targets, y_name)
    return X, targets.astype(network.dtype, copy=False), None
