/**
 * `npm run bench [-- --quick] [-- --json] [-- --only=analyzer,bundle,page,memory,banner,popup]`: every figure
 * with its budget and the command that produced it; exits 1 when a budget is broken.
 * `npm run bench` builds the extension into dist/ first; CONSENT_GUARD_DIST measures another build.
 */
import os from 'node:os';
import path from 'node:path';
import { benchAnalyzer } from './analyzer';
import { benchBrowser, type BrowserGroup } from './browser';
import { benchBundles } from './bundles';
import { formatTable, withinBudget, type Measurement } from './report';

const GROUPS = ['analyzer', 'bundle', 'page', 'memory', 'banner', 'popup'] as const;
type Group = (typeof GROUPS)[number];

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const json = argv.includes('--json');
const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',').filter(Boolean);
const unknown = (only ?? []).filter((group) => !(GROUPS as readonly string[]).includes(group));
if (unknown.length > 0) {
  console.error(`unknown group(s): ${unknown.join(', ')}; known: ${GROUPS.join(', ')}`);
  process.exit(2);
}
const groups = new Set<Group>((only as Group[] | undefined) ?? GROUPS);
const dist = path.resolve(process.env.CONSENT_GUARD_DIST ?? 'dist');
const command = (group: Group) => `npm run bench -- --only=${group}${quick ? ' --quick' : ''}`;

const measurements: Measurement[] = [];
if (groups.has('analyzer')) measurements.push(...benchAnalyzer(quick).map((measurement) => ({ ...measurement, command: command('analyzer') })));
if (groups.has('bundle')) measurements.push(...benchBundles(dist, command('bundle')));
const browserGroups = new Set([...groups].filter((group): group is BrowserGroup => group !== 'analyzer' && group !== 'bundle'));
if (browserGroups.size > 0) measurements.push(...(await benchBrowser({ dist, quick, groups: browserGroups, command })));

const cpus = os.cpus();
const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`;
if (json) console.log(JSON.stringify({ machine, quick, dist, measurements }, null, 2));
else console.log(`Consent Guard benchmarks${quick ? ' (quick)' : ''} on ${machine}\nbuild: ${dist}\n\n${formatTable(measurements)}`);

const broken = measurements.filter((measurement) => !withinBudget(measurement));
if (broken.length > 0) {
  console.error(`\n${broken.length} budget(s) broken: ${broken.map((measurement) => measurement.name).join('; ')}`);
  process.exitCode = 1;
}
