import { z } from 'zod';

// Owned by the authorization manager. Each schema is a z.object with a literal `type`.
export const managerRequestSchemas = [
  z.object({ type: z.literal('manager/placeholder') }),
] as const;
