/** Prints the script time the extension adds to ordinary pages, small and large (see measure.ts). */
import { test } from '@playwright/test';
import { measureAddedScriptMs } from './measure';
import { startFixtureServer } from './fixture-server';
import { defaultRoutes } from './routes';

test('added main-thread script time on ordinary pages', async () => {
  const runs = Number(process.env.RUNS ?? 21);
  const server = await startFixtureServer(defaultRoutes);
  try {
    const results = await measureAddedScriptMs(
      server,
      process.env.URLS ? process.env.URLS.split(',') : ['https://example.test/', 'https://large.example.test/'],
      runs,
    );
    for (const result of results) {
      console.log(
        `${result.url}: +${result.addedMs.toFixed(3)} ms (with ${result.withExtensionMs.toFixed(3)} ms, without ${result.withoutExtensionMs.toFixed(3)} ms, median of ${result.runs})`,
      );
    }
  } finally {
    await server.close();
  }
});
