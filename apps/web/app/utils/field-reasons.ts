/**
 * Field errors some domain errors carry as a stable reason code (for the CLI and the API), said
 * plainly for the person at the form.
 */
const REASONS: Record<string, Record<string, string>> = {
  SERVICE_ACCOUNT_KEY_INVALID: {
    NOT_JSON: 'Not a JSON key file. A P12 key does not work: create a JSON key for the service account.',
    NOT_SERVICE_ACCOUNT: "This JSON file is not a service account's key (a user's OAuth client file?).",
    MISSING_FIELDS: 'The key file lacks fields a service account key has: download it again from Google Cloud.',
    BAD_PRIVATE_KEY: "The key file's private key cannot be read: download it again from Google Cloud.",
    TOO_LARGE: 'Too large to be a service account key.',
  },
};

export const reasonText = (code: string, reason: string): string => REASONS[code]?.[reason] ?? reason;
