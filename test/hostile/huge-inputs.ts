/** Inputs built to make a careless parser slow: shared by the property tests (answers) and the bench (time). */
export const HUGE_HOSTILE_INPUTS: readonly string[] = [
  `https://${'a'.repeat(250)}.example/`,
  `https://${Array.from({ length: 120 }, () => 'ab').join('.')}.example/oauth2/authorize?scope=vso.code`,
  `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?${Array.from({ length: 20_000 }, (_, index) => `p${index}=${index}`).join('&')}`,
  `https://x.example/?${'scope=vso.code&'.repeat(20_000)}`,
  `https://${'xn--'.repeat(60)}a.example/`,
];
