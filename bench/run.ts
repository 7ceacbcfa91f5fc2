/**
 * `npm run bench [-- --quick] [-- --json]`: every figure with its budget; exits 1 when a budget is broken.
 */
import os from 'node:os';
import { benchAnalyzer } from './analyzer';
import { formatTable, withinBudget, type Measurement } from './report';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const json = argv.includes('--json');

const measurements: Measurement[] = [...benchAnalyzer(quick)];

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
if (json) console.log(JSON.stringify({ machine, quick, measurements }, null, 2));
else console.log(`Consent Guard benchmarks${quick ? ' (quick)' : ''} on ${machine}\n\n${formatTable(measurements)}`);

const broken = measurements.filter((measurement) => !withinBudget(measurement));
if (broken.length > 0) {
  console.error(`\n${broken.length} budget(s) broken: ${broken.map((measurement) => measurement.name).join('; ')}`);
  process.exitCode = 1;
}
