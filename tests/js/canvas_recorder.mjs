// A stand-in for a canvas's 2D context in Node, for tests of what a component draws.
//
// It keeps what a real context keeps for the question "where can this ink land?": the
// current path's points (moveTo, lineTo, arc as its centre +- radius, rect's corners)
// and the clip rectangle, saved and restored with save()/restore(). Every stroke() or
// fill() is recorded as { points, clip } (clip: [left, top, right, bottom] in CSS px, or
// null when nothing clips). Every other method is accepted and does nothing, so the
// drawing code runs unchanged.

export function recordingContext() {
  const strokes = [];
  const saved = [];
  let clip = null;
  let points = [];
  let rects = [];

  const intersect = (a, b) => (a === null ? b : [
    Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3]),
  ]);
  const paint = () => strokes.push({ points: points.map((p) => [...p]), clip: clip && [...clip] });

  const methods = {
    save() { saved.push(clip); },
    restore() { clip = saved.length ? saved.pop() : null; },
    beginPath() { points = []; rects = []; },
    moveTo(x, y) { points.push([x, y]); },
    lineTo(x, y) { points.push([x, y]); },
    arc(x, y, r) { points.push([x - r, y - r], [x + r, y + r]); },
    rect(x, y, w, h) {
      rects.push([Math.min(x, x + w), Math.min(y, y + h), Math.max(x, x + w), Math.max(y, y + h)]);
      points.push([x, y], [x + w, y + h]);
    },
    // the clip is the path's rectangles (the components clip to one)
    clip() { for (const r of rects) clip = intersect(clip, r); },
    stroke: paint,
    fill: paint,
    measureText: (text) => ({ width: 7 * String(text).length }),
  };
  const ctx = new Proxy({ canvas: {} }, {
    get(target, key) {
      if (key in methods) return methods[key];
      if (key in target) return target[key];
      return () => {};
    },
    set(target, key, value) { target[key] = value; return true; },
  });
  return { ctx, strokes };
}

// True when every point the stroke could paint lies in box ({ x, y, width, height }),
// either because its points do or because the clip keeps it there.
export function staysIn(stroke, box, slack = 1e-9) {
  const [left, top, right, bottom] = [box.x - slack, box.y - slack, box.x + box.width + slack, box.y + box.height + slack];
  const { clip } = stroke;
  if (clip && clip[0] >= left && clip[1] >= top && clip[2] <= right && clip[3] <= bottom) return true;
  return stroke.points.every(([x, y]) => x >= left && x <= right && y >= top && y <= bottom);
}
