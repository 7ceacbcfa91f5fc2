import { z } from 'zod';

// Owned by the consent-page guard. Each schema is a z.object with a literal `type`.
export const pageRequestSchemas = [
  z.object({ type: z.literal('page/placeholder') }),
] as const;
