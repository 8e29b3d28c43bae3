import { CliIO } from "./io";

/**
 * A progress bar on stderr, drawn only when stderr is a terminal (so logs,
 * pipes and tests never see carriage returns). Redraws at most every 100 ms.
 */
export interface Progress {
  /** a new phase ("reading", "writing"); total 0 = unknown (a counter instead of a bar), -1 = just the label */
  phase(label: string, total?: number): void;
  /** done units of the current phase */
  tick(done: number): void;
  /** clears the bar line */
  end(): void;
}

const NONE: Progress = { phase() {}, tick() {}, end() {} };

export function progressBar(io: CliIO, clock: () => number = Date.now): Progress {
  const err = io.stderr;
  if (!err.isTTY) return NONE;
  let label = "";
  let total = 0;
  let last = -Infinity;
  let drawn = false;
  const width = 30;
  const draw = (done: number, force: boolean) => {
    const now = clock();
    if (!force && now - last < 100) return;
    last = now;
    let line: string;
    if (total > 0) {
      const f = Math.max(0, Math.min(1, done / total));
      const n = Math.round(f * width);
      line = `${label} [${"#".repeat(n)}${" ".repeat(width - n)}] ${Math.floor(f * 100)}% ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")}`;
    } else if (total === 0) {
      line = `${label} ${done.toLocaleString("en-US")}`;
    } else {
      line = `${label} …`;
    }
    err.write(`\r${line}\u001b[K`);
    drawn = true;
  };
  return {
    phase(l, t = 0) {
      label = l;
      total = t;
      draw(0, true);
    },
    tick(done) {
      draw(done, false);
    },
    end() {
      if (drawn) err.write("\r\u001b[K");
      drawn = false;
    },
  };
}
