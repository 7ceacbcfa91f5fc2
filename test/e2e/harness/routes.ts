import type { Route } from './fixture-server';
import { page } from './fixture-server';
import { consentPageRoutes } from './routes-consent';
import { fakeAzureDevOpsApi } from './fake-ado-api';

/** Fixture pages and APIs every test can reach. Tests add their own with server.use(). */
export const defaultRoutes: readonly Route[] = [page('example.test', '/', 'ordinary.html'), ...consentPageRoutes, fakeAzureDevOpsApi];
