import type { Route } from './fixture-server';

// The fake DelegatedAuth API (owned by the authorization manager).
export const fakeAzureDevOpsApi: Route = () => undefined;
