export interface Measurement {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** A budget the figure must stay within; the bench exits non-zero when one is broken. */
  readonly budget?: { readonly max: number };
  /** Spread over runs, where it says something (e.g. "IQR 0.4–0.9"). */
  readonly spread?: string;
  /** Context for the figure (e.g. the raw size next to the gzipped one, the medians it came from). */
  readonly note?: string;
  readonly command: string;
}

export function withinBudget(measurement: Measurement): boolean {
  return measurement.budget === undefined || (Number.isFinite(measurement.value) && measurement.value <= measurement.budget.max);
}

export function formatTable(measurements: readonly Measurement[]): string {
  const rows = measurements.map((measurement) => [
    measurement.name,
    `${measurement.value} ${measurement.unit}${measurement.spread ? ` (${measurement.spread})` : ''}`,
    measurement.budget ? `≤ ${measurement.budget.max} ${measurement.unit}` : '',
    measurement.budget ? (withinBudget(measurement) ? 'ok' : 'OVER BUDGET') : '',
    measurement.note ?? '',
    measurement.command,
  ]);
  const header = ['measurement', 'value', 'budget', 'status', 'note', 'command'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** Median, quartiles and extremes of a sample (nearest-rank on the sorted values, interpolated quartiles). */
export function summarize(values: readonly number[]): { median: number; q1: number; q3: number; min: number; max: number; n: number } {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const at = (fraction: number) => {
    if (sorted.length === 0) return Number.NaN;
    const position = (sorted.length - 1) * fraction;
    const low = Math.floor(position);
    const high = Math.ceil(position);
    return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (position - low);
  };
  return { median: at(0.5), q1: at(0.25), q3: at(0.75), min: sorted[0] ?? Number.NaN, max: sorted[sorted.length - 1] ?? Number.NaN, n: sorted.length };
}

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;
