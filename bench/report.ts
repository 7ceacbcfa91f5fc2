export interface Measurement {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** A budget the figure must stay within; the bench exits non-zero when one is broken. */
  readonly budget?: { readonly max: number };
  /** Spread over runs, where it says something (e.g. "±0.2"). */
  readonly spread?: string;
  readonly command: string;
}

export function withinBudget(measurement: Measurement): boolean {
  return measurement.budget === undefined || measurement.value <= measurement.budget.max;
}

export function formatTable(measurements: readonly Measurement[]): string {
  const rows = measurements.map((measurement) => [
    measurement.name,
    `${measurement.value}${measurement.spread ? ` ${measurement.spread}` : ''} ${measurement.unit}`,
    measurement.budget ? `≤ ${measurement.budget.max} ${measurement.unit}` : '',
    measurement.budget ? (withinBudget(measurement) ? 'ok' : 'OVER BUDGET') : '',
  ]);
  const header = ['measurement', 'value', 'budget', 'status'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
