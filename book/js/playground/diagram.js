// The network diagram: a column per layer, a small map inside every neuron, and the
// weights drawn as lines whose colour is their sign (blue +, vermillion −) and whose
// width grows with their size. Hovering, focusing or tapping a neuron shows its map
// enlarged in the decision picture (the page calls `onInspect`).
//
// Built once per network shape (`build`), then `update` only changes line widths,
// colours and the small maps, so redrawing every animation frame stays cheap.
//
// The small maps share one canvas under the neurons' buttons. A canvas per neuron
// (19 of them at 2 -> 8 -> 8 -> 1) made the browser hand every one of them to its
// compositor on every frame, changed or not: most of a frame's commit, when training.

import { PALETTE, fitCanvas, paintMap } from "./draw.js";

const SVG = "http://www.w3.org/2000/svg";
export const UNIT_RESOLUTION = 20;

export class NetworkDiagram {
  constructor(container, { onInspect }) {
    this.container = container;
    this.onInspect = onInspect;
    this.svg = document.createElementNS(SVG, "svg");
    this.svg.setAttribute("class", "nnz-pg-edges");
    this.svg.setAttribute("aria-hidden", "true");
    this.maps = document.createElement("canvas");
    this.maps.className = "nnz-pg-unit-maps";
    this.maps.setAttribute("aria-hidden", "true");
    // each neuron's map is painted here at UNIT_RESOLUTION, then scaled into `maps`
    this.scratch = document.createElement("canvas");
    this.layer = document.createElement("div");
    this.layer.className = "nnz-pg-units";
    container.append(this.svg, this.maps, this.layer);
    this.pinned = null;
  }

  /** Lay out columns for `columns`: [{ title, units: [{ label, name }] }, ...]. */
  build(columns, width) {
    this.columns = columns;
    this.layer.replaceChildren();
    this.svg.replaceChildren();
    const most = Math.max(...columns.map((c) => c.units.length), 1);
    // Room on the left for the input features' names.
    const labels = 40;
    const gapX = (width - labels) / columns.length;
    this.columnX = (c) => labels + gapX * (c + 0.5);
    const unit = Math.max(20, Math.min(38, Math.floor(gapX * 0.62), Math.floor(300 / most) - 6));
    const pitch = unit + 8;
    const height = most * pitch + 6;
    this.container.style.height = `${height}px`;
    this.svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    this.svg.setAttribute("width", String(width));
    this.svg.setAttribute("height", String(height));
    this.mapsContext = fitCanvas(this.maps, width, height);
    this.mapsContext.clearRect(0, 0, width, height); // the last shape's maps
    this.mapsContext.imageSmoothingEnabled = true; // as a small canvas scaled by CSS
    this.unitSize = unit;
    this.centres = columns.map((column, c) => {
      const x = this.columnX(c);
      const top = (height - column.units.length * pitch) / 2 + pitch / 2;
      return column.units.map((_, u) => ({ x, y: top + u * pitch }));
    });
    // Edges first (under the units): one line per weight, between adjacent columns.
    this.edges = [];
    for (let c = 0; c + 1 < columns.length; c++) {
      const lines = [];
      for (let i = 0; i < columns[c].units.length; i++) {
        const row = [];
        for (let j = 0; j < columns[c + 1].units.length; j++) {
          const a = this.centres[c][i], b = this.centres[c + 1][j];
          const line = document.createElementNS(SVG, "line");
          line.setAttribute("x1", String(a.x + unit / 2));
          line.setAttribute("y1", String(a.y));
          line.setAttribute("x2", String(b.x - unit / 2));
          line.setAttribute("y2", String(b.y));
          this.svg.append(line);
          row.push(line);
        }
        lines.push(row);
      }
      this.edges.push(lines);
    }
    this.units = columns.map((column, c) =>
      column.units.map((info, u) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "nnz-pg-unit";
        button.dataset.column = String(c);
        button.dataset.unit = String(u);
        button.setAttribute("aria-label", info.label);
        button.setAttribute("aria-pressed", "false");
        const { x, y } = this.centres[c][u];
        Object.assign(button.style, {
          left: `${x - unit / 2}px`, top: `${y - unit / 2}px`, width: `${unit}px`, height: `${unit}px`,
        });
        if (info.name) {
          const tag = document.createElement("span");
          tag.className = "nnz-pg-unit-name";
          tag.textContent = info.name;
          tag.setAttribute("aria-hidden", "true");
          button.append(tag);
        }
        const show = () => this.onInspect({ column: c, unit: u, label: info.label });
        const hide = () => { if (this.pinned !== button) this.onInspect(this.pinnedTarget()); };
        button.addEventListener("pointerenter", show);
        button.addEventListener("pointerleave", hide);
        button.addEventListener("focus", show);
        button.addEventListener("blur", hide);
        // A tap (or Enter/Space) pins the enlarged map until the next tap.
        button.addEventListener("click", () => {
          const pinning = this.pinned !== button;
          if (this.pinned) this.pinned.setAttribute("aria-pressed", "false");
          this.pinned = pinning ? button : null;
          button.setAttribute("aria-pressed", String(pinning));
          this.onInspect(pinning ? { column: c, unit: u, label: info.label } : null);
        });
        this.layer.append(button);
        return { button, label: info.label, dead: false };
      }),
    );
    this.pinned = null;
  }

  pinnedTarget() {
    if (!this.pinned) return null;
    const c = Number(this.pinned.dataset.column), u = Number(this.pinned.dataset.unit);
    return { column: c, unit: u, label: this.columns[c].units[u].label };
  }

  /** weights[c] is layer c's W (a Matrix, inputs x outputs); maps[c][u] = { kind,
   * valueAt } for unit u of column c; dead[c][u] marks dead units. */
  update(weights, maps, dead) {
    for (let c = 0; c < this.edges.length; c++) {
      const W = weights[c];
      let largest = 1e-12;
      for (const v of W.data) largest = Math.max(largest, Math.abs(v));
      const scale = Math.max(largest, 1);
      for (let i = 0; i < this.edges[c].length; i++) {
        for (let j = 0; j < this.edges[c][i].length; j++) {
          const w = W.get(i, j);
          const line = this.edges[c][i][j];
          const finite = Number.isFinite(w);
          const stroke = !finite ? PALETTE.muted : w >= 0 ? PALETTE.positive : PALETTE.negative;
          const width = finite ? (0.4 + 4 * Math.abs(w) / scale).toFixed(1) : "0.5";
          // Touch the DOM only for lines that look different now.
          const look = stroke + width;
          if (line.look !== look) {
            line.look = look;
            line.setAttribute("stroke", stroke);
            line.setAttribute("stroke-width", width);
            line.setAttribute("stroke-opacity", finite ? (0.3 + 0.7 * Math.min(1, Math.abs(w) / scale)).toFixed(2) : "0.3");
          }
        }
      }
    }
    // Inside each button's 1-px border, where the neuron's own canvas used to be.
    const inner = this.unitSize - 2;
    for (let c = 0; c < this.units.length; c++) {
      for (let u = 0; u < this.units[c].length; u++) {
        const record = this.units[c][u];
        const { button } = record;
        const isDead = Boolean(dead[c] && dead[c][u]);
        if (isDead !== record.dead) {
          record.dead = isDead;
          button.classList.toggle("nnz-pg-dead", isDead);
          button.setAttribute("aria-label", isDead ? `${record.label}, dead` : record.label);
        }
        const map = maps[c] && maps[c][u];
        if (!map) continue;
        paintMap(this.scratch, UNIT_RESOLUTION, map.kind, map.valueAt, { dead: isDead });
        const { x, y } = this.centres[c][u];
        const context = this.mapsContext;
        context.save();
        context.beginPath();
        context.roundRect(x - inner / 2, y - inner / 2, inner, inner, 2); // the border's curve
        context.clip();
        context.drawImage(this.scratch, x - inner / 2, y - inner / 2, inner, inner);
        context.restore();
      }
    }
  }
}
