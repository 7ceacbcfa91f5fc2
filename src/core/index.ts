export { analyzeUrl, parseWebUrl, MAX_URL_LENGTH, type AnalyzeOptions, type AnalyzeResult } from './analyze';
export { toContractJson, type ContractJson } from './contract';
export { assessHost, skeleton, type HostAssessment, type LookalikeTechnique } from './host-assessment';
export { TRUSTED_AUTHORIZATION_HOSTS, AZURE_DEVOPS_OAUTH_HOST } from './hosts';
export { expandScopes, lookupScope, classifyScope, AZURE_DEVOPS_RESOURCE_ID } from './scopes';
export type * from './types';
export { englishText, text, type Text, type TextArg, type TextKey } from './text';
export { fillMessage, type MessageEntry } from './message-format';
export { analyzeLink, unwrapLink, WRAPPER_NAMES, MAX_WRAPPER_DEPTH, type LinkResult, type UnwrappedLink, type WrapperId } from './unwrap';
