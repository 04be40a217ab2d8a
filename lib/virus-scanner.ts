import net from 'node:net';

export type ScanResult = { clean: true } | { clean: false; signature: string };

/**
 * The seam for a virus scanner: every uploaded file passes through `scan` before it is stored,
 * when one is configured (VIRUS_SCANNER). `createClamdScanner` speaks to ClamAV's daemon; an
 * ICAP client (many municipalities' gateways) would implement the same interface.
 */
export interface VirusScanner {
  readonly name: string;
  /** Resolves with the verdict; rejects with ScannerUnavailable when it cannot give one. */
  scan(bytes: Buffer): Promise<ScanResult>;
}

/** The scanner did not answer, or not with a verdict: the file is not known to be clean. */
export class ScannerUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScannerUnavailable';
  }
}

const CHUNK_BYTES = 64 * 1024;

/**
 * ClamAV's clamd over TCP with the INSTREAM command: the file goes in length-prefixed chunks, a
 * zero-length chunk ends it, and clamd answers "stream: OK" or "stream: <signature> FOUND".
 * clamd's StreamMaxLength must be at least UPLOAD_MAX_FILE_BYTES, or it answers with an error.
 */
export function createClamdScanner({ host, port, timeoutMs }: { host: string; port: number; timeoutMs: number }): VirusScanner {
  return {
    name: 'clamd',
    scan(bytes) {
      return new Promise<ScanResult>((resolve, reject) => {
        const socket = net.createConnection({ host, port });
        const reply: Buffer[] = [];
        let settled = false;
        const finish = (outcome: () => void) => {
          if (settled) return;
          settled = true;
          socket.destroy();
          outcome();
        };
        socket.setTimeout(timeoutMs, () => finish(() => reject(new ScannerUnavailable(`clamd did not answer within ${timeoutMs} ms`))));
        socket.on('error', (error) => finish(() => reject(new ScannerUnavailable(`clamd: ${error.message}`))));
        const answered = () =>
          finish(() => {
            const answer = Buffer.concat(reply).toString('utf8').replace(/\0/g, '').trim();
            const verdict = parseClamdReply(answer);
            if (verdict) resolve(verdict);
            else reject(new ScannerUnavailable(`clamd answered "${answer.slice(0, 200)}"`));
          });
        // The reply ends with a NUL (the "z" form of the command); clamd then closes the connection.
        socket.on('data', (chunk: Buffer) => {
          reply.push(chunk);
          if (chunk.includes(0)) answered();
        });
        socket.on('end', answered);
        socket.on('connect', () => {
          socket.write('zINSTREAM\0');
          for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
            const chunk = bytes.subarray(at, at + CHUNK_BYTES);
            const length = Buffer.alloc(4);
            length.writeUInt32BE(chunk.length);
            socket.write(length);
            socket.write(chunk);
          }
          socket.write(Buffer.alloc(4));
        });
      });
    },
  };
}

/** "stream: OK" → clean; "stream: Eicar-Test-Signature FOUND" → its signature; anything else → null. */
export function parseClamdReply(answer: string): ScanResult | null {
  if (/^(stream: )?OK$/.test(answer)) return { clean: true };
  const found = /^(?:stream: )?(.+) FOUND$/.exec(answer);
  return found ? { clean: false, signature: found[1]! } : null;
}

/** The scanner VIRUS_SCANNER names, or none. */
export function createVirusScanner(settings: { VIRUS_SCANNER: 'none' | 'clamd'; CLAMD_ADDRESS: string; VIRUS_SCAN_TIMEOUT_MS: number }): VirusScanner | undefined {
  if (settings.VIRUS_SCANNER === 'none') return undefined;
  const [host, port] = settings.CLAMD_ADDRESS.split(':');
  return createClamdScanner({ host: host!, port: Number(port), timeoutMs: settings.VIRUS_SCAN_TIMEOUT_MS });
}
