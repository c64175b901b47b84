/**
 * A message (lib/message.ts) as it is read back from a file someone sent (a report, a bundle's
 * manifest): bounded in size; what is inside its values is rendered as text, never trusted.
 */
import { z } from 'zod';

export const saidSchema = z.object({ template: z.string().max(4_096), values: z.array(z.unknown()).max(64) }).loose();
