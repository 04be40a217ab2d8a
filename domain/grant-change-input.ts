import { z } from 'zod';
import { messageKey } from './message-key';

/** The association declines its grant before payout, saying why. */
export const grantDeclineSchema = z.object({
  reasons: z.string().trim().min(1, { message: messageKey('errors.grantChanges.declineReasonsRequired') }).max(4000),
});
