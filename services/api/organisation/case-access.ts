import type { Request, Response } from 'express';
import type { Database } from '../../../lib/db';
import { signedInMember, type SignedInMember } from './session';
import { memberMayOpenCase, recordMemberAction } from './work';

/**
 * The signed-in member who may open this case (its association is their organisation), or
 * undefined. Whatever the member then sends on the case page ends, as every action of that page
 * does, in a redirect back to the case with `?sendt=<what>`: that redirect first records the
 * action in the case's timeline under the member's address, so one hook covers every form.
 */
export async function memberOpeningCase(db: Database, req: Request, res: Response, applicationId: string): Promise<SignedInMember | undefined> {
  const member = await signedInMember(db, req);
  if (!member || !(await memberMayOpenCase(db, member, applicationId))) return undefined;
  if (req.method === 'POST') {
    const redirect = res.redirect.bind(res) as (status: number, url: string) => void;
    res.redirect = ((status: number, url: string) => {
      const sent = /[?&]sendt=([a-z-]+)/.exec(String(url))?.[1];
      if (!sent) return redirect(status, url);
      recordMemberAction(db, applicationId, member, sent).then(
        () => redirect(status, url),
        (error: unknown) => req.next?.(error),
      );
    }) as Response['redirect'];
  }
  return member;
}
