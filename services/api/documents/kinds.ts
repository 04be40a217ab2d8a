import { z } from 'zod';
import { APPLICATION_DOCUMENT_KINDS } from '../../../domain/tiers';

/**
 * What an uploaded document is for: the application's documents by tier, an answer to an
 * information request, a follow-up report's attachments (accounts, receipts), or what supports a
 * request for reconsideration.
 */
export const UPLOAD_KINDS = [...APPLICATION_DOCUMENT_KINDS, 'answer', 'report', 'reconsideration'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

export const uploadKindSchema = z.enum(UPLOAD_KINDS);
