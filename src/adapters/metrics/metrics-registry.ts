/**
 * Counters, gauges and histograms in Prometheus's text format (version 0.0.4), for `GET /metrics`. Written here
 * rather than taken from prom-client: that package costs a start ~120 ms and ~12 MiB (decision 011), for the
 * dozen series this bot has.
 */
type Labels = Record<string, string>;

interface Series {
  render(): Promise<string[]>;
}

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const entries = Object.entries(labels);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}` : "";
};
const number = (n: number) => (Number.isFinite(n) ? String(n) : n > 0 ? "+Inf" : n < 0 ? "-Inf" : "NaN");
const keyOf = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

export interface Counter {
  inc(labels?: Labels, by?: number): void;
}
export interface Histogram {
  observe(labels: Labels, value: number): void;
}

export class MetricsRegistry {
  private readonly series: Series[] = [];

  counter(name: string, help: string): Counter {
    const values = new Map<string, { labels: Labels; value: number }>();
    this.series.push({
      render: async () => [
        `# HELP ${name} ${help}`,
        `# TYPE ${name} counter`,
        ...[...values.values()].map((v) => `${name}${labelText(v.labels)} ${number(v.value)}`),
      ],
    });
    return {
      inc(labels = {}, by = 1) {
        const key = keyOf(labels);
        const current = values.get(key) ?? { labels, value: 0 };
        current.value += by;
        values.set(key, current);
      },
    };
  }

  /** A gauge read when scraped (from the database, a store, the clock): nothing to keep up to date. */
  gauge(name: string, help: string, collect: () => Promise<Array<{ labels?: Labels; value: number }>>): void {
    this.series.push({
      render: async () => {
        let samples: Array<{ labels?: Labels; value: number }>;
        try {
          samples = await collect();
        } catch {
          // A source that cannot be read now is absent from this scrape, which Prometheus shows as a gap.
          samples = [];
        }
        return [
          `# HELP ${name} ${help}`,
          `# TYPE ${name} gauge`,
          ...samples.map((s) => `${name}${labelText(s.labels ?? {})} ${number(s.value)}`),
        ];
      },
    });
  }

  histogram(name: string, help: string, buckets: number[]): Histogram {
    const values = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
    this.series.push({
      render: async () => [
        `# HELP ${name} ${help}`,
        `# TYPE ${name} histogram`,
        ...[...values.values()].flatMap((v) => [
          ...buckets.map((b, i) => `${name}_bucket${labelText({ ...v.labels, le: number(b) })} ${v.counts[i]}`),
          `${name}_bucket${labelText({ ...v.labels, le: "+Inf" })} ${v.count}`,
          `${name}_sum${labelText(v.labels)} ${number(v.sum)}`,
          `${name}_count${labelText(v.labels)} ${v.count}`,
        ]),
      ],
    });
    return {
      observe(labels, value) {
        const key = keyOf(labels);
        const current = values.get(key) ?? { labels, counts: buckets.map(() => 0), sum: 0, count: 0 };
        buckets.forEach((b, i) => {
          if (value <= b) current.counts[i] = (current.counts[i] ?? 0) + 1;
        });
        current.sum += value;
        current.count += 1;
        values.set(key, current);
      },
    };
  }

  async render(): Promise<string> {
    const parts = await Promise.all(this.series.map((s) => s.render()));
    return `${parts.flat().join("\n")}\n`;
  }
}
