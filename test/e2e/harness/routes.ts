import { page, type Route } from './fixture-server';

/** Fixture pages every test can reach. Tests add their own with server.use(). */
export const defaultRoutes: readonly Route[] = [
  page('example.test', '/', 'ordinary.html'),
];
