"""The book's one coordinate grid: evenly spaced points covering a rectangle of the plane.

Decision maps, neuron maps and the playground's pictures all evaluate a model on such
a grid. Row 0 is the smallest y, as in a plot whose y axis points up; show a map with
``imshow(..., origin="lower", extent=grid.extent)``, or flip its rows (``map[::-1]``)
for an image file, whose row 0 is the top. NumPy only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnbook.checks import check_pair, check_whole

__all__ = ["Grid", "grid_over"]


@dataclass(frozen=True)
class Grid:
    """Points covering the data: ``points[i*len(xs) + j] == (xs[j], ys[i])``.

    Row 0 of anything reshaped to ``shape`` belongs to the smallest y, so show it with
    ``imshow(..., origin="lower", extent=grid.extent)`` or flip it for an image file.
    """

    xs: np.ndarray
    ys: np.ndarray
    points: np.ndarray
    extent: tuple[float, float, float, float]  # (x_min, x_max, y_min, y_max)

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.ys), len(self.xs))


def grid_over(x_range, y_range, resolution: int) -> Grid:
    """``resolution`` x ``resolution`` evenly spaced points from (x_min, y_min) to (x_max,
    y_max), ends included, row by row from the smallest y: the book's one grid.
    """
    x_low, x_high = check_pair(x_range, "x_range", "(x_min, x_max)")
    y_low, y_high = check_pair(y_range, "y_range", "(y_min, y_max)")
    if not (x_low < x_high and y_low < y_high):
        raise ValueError(f"x_range and y_range must run from low to high; got {x_range}, {y_range}")
    resolution = check_whole(resolution, "resolution", 2, 4000)
    xs = np.linspace(x_low, x_high, resolution)
    ys = np.linspace(y_low, y_high, resolution)
    xx, yy = np.meshgrid(xs, ys)
    points = np.column_stack([xx.ravel(), yy.ravel()])
    extent = (float(xs[0]), float(xs[-1]), float(ys[0]), float(ys[-1]))
    return Grid(xs, ys, points, extent)
