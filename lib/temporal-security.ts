import { parsePayloadKeys } from './payload-codec';

interface TemporalSecuritySettings {
  NODE_ENV: string;
  TEMPORAL_TLS: boolean;
  TEMPORAL_TLS_CERT_PATH?: string;
  TEMPORAL_TLS_CA_PATH?: string;
  TEMPORAL_API_KEY?: string;
  TEMPORAL_PAYLOAD_KEYS?: string;
  TEMPORAL_PAYLOAD_KEY_ID?: string;
}

/**
 * The payload key ring must name the key new payloads are sealed with; production needs its own
 * keys (a generated key would lock other replicas out of the histories) and TLS to Temporal.
 */
export function temporalSecurityProblems(settings: TemporalSecuritySettings): { variable: string; message: string }[] {
  const problems: { variable: string; message: string }[] = [];
  if (settings.TEMPORAL_PAYLOAD_KEYS) {
    const keys = parsePayloadKeys(settings.TEMPORAL_PAYLOAD_KEYS);
    if (settings.TEMPORAL_PAYLOAD_KEY_ID && !keys.has(settings.TEMPORAL_PAYLOAD_KEY_ID)) {
      problems.push({ variable: 'TEMPORAL_PAYLOAD_KEY_ID', message: `names no key in TEMPORAL_PAYLOAD_KEYS (${[...keys.keys()].join(', ')})` });
    }
    if (!settings.TEMPORAL_PAYLOAD_KEY_ID && keys.size > 1) {
      problems.push({ variable: 'TEMPORAL_PAYLOAD_KEY_ID', message: 'is required when TEMPORAL_PAYLOAD_KEYS holds more than one key: which one seals new payloads' });
    }
  } else if (settings.TEMPORAL_PAYLOAD_KEY_ID) {
    problems.push({ variable: 'TEMPORAL_PAYLOAD_KEYS', message: 'is required with TEMPORAL_PAYLOAD_KEY_ID' });
  }
  if (settings.NODE_ENV !== 'production') return problems;
  if (!settings.TEMPORAL_PAYLOAD_KEYS) {
    problems.push({ variable: 'TEMPORAL_PAYLOAD_KEYS', message: 'is required in production: workflow histories hold applicants’ answers and staff emails' });
  }
  if (!settings.TEMPORAL_TLS && !settings.TEMPORAL_TLS_CERT_PATH && !settings.TEMPORAL_TLS_CA_PATH && !settings.TEMPORAL_API_KEY) {
    problems.push({ variable: 'TEMPORAL_TLS', message: 'production talks to Temporal over TLS: set TEMPORAL_TLS=true, a client certificate (TEMPORAL_TLS_CERT_PATH/KEY_PATH) or TEMPORAL_API_KEY' });
  }
  return problems;
}
