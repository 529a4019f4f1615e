/** The dashboard forms' labels, by the API input path they fill (the path without list indexes). */
const LABELS: Record<string, string> = {
  name: 'Name',
  url: 'URL',
  orgUrl: 'Okta org URL',
  'credentials.token': 'API token',
  'credentials.clientId': 'Client ID',
  'credentials.privateKey': 'Private key',
  cron: 'Cron expression',
  timezone: 'Time zone',
  'retention.hourly': 'Hourly snapshots kept',
  'retention.daily': 'Daily snapshots kept',
  'retention.weekly': 'Weekly snapshots kept',
  'retention.monthly': 'Monthly snapshots kept',
  events: 'Events',
  objectTypes: 'Object types',
  types: 'Object types',
  role: 'Role',
  email: 'Email',
  domain: 'Domain',
  issuer: 'Issuer',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  confirmation: 'Confirmation',
  expiresInDays: 'Expires in',
  '(input)': 'Form',
};

/**
 * "Object types" for `objectTypes.2`: the label of the form field an input path belongs to. A path no
 * form names yet still reads as words (`someThing.nested` → "Nested").
 */
export function fieldLabel(path: string): string {
  const bare = path
    .split('.')
    .filter((s) => !/^\d+$/.test(s))
    .join('.');
  if (LABELS[bare]) return LABELS[bare];
  const last = bare.split('.').at(-1) || 'Form';
  const words = last
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words[0]!.toUpperCase() + words.slice(1);
}
