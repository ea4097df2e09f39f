"""Where the points of a drawn network go, computed when the site is built.

A force-directed layout (Fruchterman and Reingold, 1991) keeps points that are joined near each
other and every other pair apart; then points whose labels would overlap are pushed apart until
none does. The start is drawn from a seeded generator and the arithmetic is + - * / and square
roots only, which IEEE 754 rounds alike everywhere: the same network always gets the same
drawing, byte for byte. A ring (a leader's circle) sets points evenly around a centre.

A footprint is what a point covers around its centre, as (left, top, right, bottom) offsets, in
each view the page has (a wide screen shows every label; a phone's only the main ones, larger):
a point's footprint may be None in a view that does not show it.
"""

from __future__ import annotations

import math
import random

Box = tuple[float, float, float, float]  # left, top, right, bottom, relative to a point
Footprint = tuple["Box | None", ...]  # one box per view

LAYOUT_SEED = 1991
ITERATIONS = 160
GRAVITY = 0.08  # pull towards the centre, so that a pair that met only each other stays near
IDEAL_DISTANCE = 130.0  # between two joined points, at most: a small network stays small
REACH = 2.0  # points further apart than this (in ideal distances) no longer push each other away
SEPARATION_ROUNDS = 300
LABEL_GAP = 4.0  # between two footprints after separation
TOLERANCE = 0.1  # of an overlap: less is none


def force_layout(count: int, ties: list[tuple[int, int, float]], width: float, height: float
                 ) -> list[tuple[float, float]]:
    """Positions of `count` points within a width × height box (a few points take less of it);
    `ties` are (i, j, strength): the stronger, the closer."""
    if count == 0:
        return []
    rng = random.Random(LAYOUT_SEED)
    xs = [rng.random() * width for _ in range(count)]
    ys = [rng.random() * height for _ in range(count)]
    k = min(math.sqrt(width * height / count), IDEAL_DISTANCE)
    k2 = k * k
    reach2 = (REACH * k) ** 2
    cx, cy = width / 2, height / 2
    start = width / 8
    for step in range(ITERATIONS):
        dx = [0.0] * count
        dy = [0.0] * count
        for i in range(count):
            xi, yi = xs[i], ys[i]
            for j in range(i + 1, count):
                ddx, ddy = xi - xs[j], yi - ys[j]
                d2 = ddx * ddx + ddy * ddy
                if d2 > reach2:
                    continue
                if d2 < 0.01:  # one on top of the other: part them along the index order
                    ddx, ddy, d2 = 0.1, 0.0, 0.01
                force = k2 / d2  # k²/d along the unit vector (ddx, ddy)/d
                dx[i] += ddx * force
                dy[i] += ddy * force
                dx[j] -= ddx * force
                dy[j] -= ddy * force
        for i, j, strength in ties:
            ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
            pull = math.sqrt(ddx * ddx + ddy * ddy) * strength / k  # d²/k along the unit vector
            dx[i] -= ddx * pull
            dy[i] -= ddy * pull
            dx[j] += ddx * pull
            dy[j] += ddy * pull
        limit = start * (1 - step / ITERATIONS) + 0.5
        for i in range(count):
            fx = dx[i] - (xs[i] - cx) * GRAVITY
            fy = dy[i] - (ys[i] - cy) * GRAVITY
            length = math.sqrt(fx * fx + fy * fy)
            if length > limit:
                fx, fy = fx * limit / length, fy * limit / length
            xs[i] += fx
            ys[i] += fy
    return _fit(list(zip(xs, ys)), width, height)


def _fit(points: list[tuple[float, float]], width: float, height: float
         ) -> list[tuple[float, float]]:
    """The points scaled down alike in both directions to fit in the box, if they must, centred."""
    left, top = min(x for x, _ in points), min(y for _, y in points)
    spread_x = max(x for x, _ in points) - left
    spread_y = max(y for _, y in points) - top
    scale = min(1.0, width / spread_x if spread_x else 1.0, height / spread_y if spread_y else 1.0)
    offset_x = (width - spread_x * scale) / 2
    offset_y = (height - spread_y * scale) / 2
    return [((x - left) * scale + offset_x, (y - top) * scale + offset_y) for x, y in points]


def separate(points: list[tuple[float, float]], footprints: list[Footprint]
             ) -> list[tuple[float, float]]:
    """The points moved, each pair a little more than it takes, until no two footprints overlap in
    any view (or SEPARATION_ROUNDS have passed).

    Each round sweeps the footprints from left to right, so that only neighbours are compared;
    the last round moves nothing, so its order is exact and no overlap escapes it.
    """
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    views = len(footprints[0]) if footprints else 0
    for _ in range(SEPARATION_ROUNDS):
        moved = False
        for view in range(views):
            shown = [(i, box[view]) for i, box in enumerate(footprints) if box[view]]
            shown.sort(key=lambda item: xs[item[0]] + item[1][0])
            for position, (i, a) in enumerate(shown):
                for j, b in shown[position + 1:]:
                    if xs[j] + b[0] >= xs[i] + a[2] + LABEL_GAP:
                        break
                    across = min(xs[i] + a[2], xs[j] + b[2]) - max(xs[i] + a[0], xs[j] + b[0])
                    down = min(ys[i] + a[3], ys[j] + b[3]) - max(ys[i] + a[1], ys[j] + b[1])
                    across, down = across + LABEL_GAP, down + LABEL_GAP  # what parts them
                    if across <= TOLERANCE or down <= TOLERANCE:
                        continue
                    moved = True
                    if across < down:  # the shorter way apart: sideways
                        push = (across / 2 + 1) * (1 if xs[i] >= xs[j] else -1)
                        xs[i] += push
                        xs[j] -= push
                    else:
                        push = (down / 2 + 1) * (1 if ys[i] >= ys[j] else -1)
                        ys[i] += push
                        ys[j] -= push
        if not moved:
            break
    return list(zip(xs, ys))


def bounds(points: list[tuple[float, float]], footprints: list[Footprint]) -> Box:
    """The box that holds every footprint of every view: the drawing's extent."""
    boxes = [(x + box[0], y + box[1], x + box[2], y + box[3])
             for (x, y), footprint in zip(points, footprints) for box in footprint if box]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def ring(count: int, radius: float) -> list[tuple[float, float, float]]:
    """(x, y, cos) of `count` points evenly around (0, 0), clockwise from the top (two: left and
    right); `cos` says how far right of the centre a point is (-1 left … 1 right)."""
    points = []
    start = -math.pi / 2 if count > 2 else math.pi
    for position in range(count):
        angle = 2 * math.pi * position / count + start
        cos, sin = round(math.cos(angle), 6), round(math.sin(angle), 6)
        points.append((radius * cos, radius * sin, cos))
    return points
