/** CSV for the exports people open in a spreadsheet (the popup's authorization list, the options page's activity log). */

/** One cell. Spreadsheets run cells starting with = + - @ (and tab/CR) as formulas: prefix them with a quote. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' ') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
