import { describe, expect, it } from "vitest";
import { MetricsRegistry } from "../../src/adapters/metrics/metrics-registry.ts";

describe("MetricsRegistry (Prometheus text format 0.0.4)", () => {
  it("renders counters by label set, cumulative histogram buckets, and escapes label values", async () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter("x_total", "Things.");
    counter.inc({ kind: 'a"b\\c\nd' });
    counter.inc({ kind: 'a"b\\c\nd' }, 2);
    counter.inc({ kind: "e" });
    const histogram = registry.histogram("d_seconds", "Durations.", [0.1, 1]);
    histogram.observe({ host: "h" }, 0.05);
    histogram.observe({ host: "h" }, 0.5);
    histogram.observe({ host: "h" }, 5);
    expect((await registry.render()).split("\n")).toEqual([
      "# HELP x_total Things.",
      "# TYPE x_total counter",
      'x_total{kind="a\\"b\\\\c\\nd"} 3',
      'x_total{kind="e"} 1',
      "# HELP d_seconds Durations.",
      "# TYPE d_seconds histogram",
      'd_seconds_bucket{host="h",le="0.1"} 1',
      'd_seconds_bucket{host="h",le="1"} 2',
      'd_seconds_bucket{host="h",le="+Inf"} 3',
      'd_seconds_sum{host="h"} 5.55',
      'd_seconds_count{host="h"} 3',
      "",
    ]);
  });

  it("reads gauges when scraped, and leaves out one whose source fails rather than failing the scrape", async () => {
    const registry = new MetricsRegistry();
    let depth = 1;
    registry.gauge("depth", "Depth.", async () => [{ value: depth }]);
    registry.gauge("broken", "Broken.", async () => {
      throw new Error("database down");
    });
    expect(await registry.render()).toContain("\ndepth 1\n");
    depth = 4;
    const text = await registry.render();
    expect(text).toContain("\ndepth 4\n");
    expect(text).toContain("# TYPE broken gauge\n");
    expect(text).not.toMatch(/^broken /m);
  });
});
