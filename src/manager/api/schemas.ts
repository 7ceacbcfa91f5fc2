/** The DelegatedAuth response shapes (shared/reference/ado-api.md §1) are the protocol's too: they live in src/messaging/azure-devops.ts. */
export {
  authorizationDetailsSchema,
  authorizationListSchema,
  authorizationSchema,
  errorBodySchema,
  registrationSchema,
  scopeDescriptionSchema,
  type AuthorizationDetails,
  type AuthorizationList,
} from '../../messaging/azure-devops';
