// The shape every benchmark in bench/src/*-bench.ts returns from `run()`, so one runner can print and store them all.

/** One cell of a result table: a measured number or a label. */
export type BenchValue = number | string;

export type BenchColumn = {
  /** Key of the value in each row. */
  key: string;
  /** Column heading in the Markdown table. */
  label: string;
};

export type BenchResult = {
  /** Short kebab-case name; the runner writes results/<name>.json. */
  name: string;
  /** One line on what was measured. */
  title: string;
  /** Columns in display order; every row has a value for each key. */
  columns: BenchColumn[];
  rows: Array<Record<string, BenchValue>>;
  /** A target the benchmark is judged against, when there is one. */
  goal?: { description: string; met: boolean };
  /** How to read the numbers: method, caveats. */
  notes?: string[];
};

/** Signature of a benchmark module's entry point. */
export type BenchRun = () => Promise<BenchResult>;
