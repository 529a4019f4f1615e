const FIRST = [
  'Ada',
  'Ben',
  'Chloe',
  'Dev',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kemi',
  'Liam',
  'Maya',
  'Noor',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
  'Uma',
  'Victor',
  'Wen',
  'Xavi',
  'Yara',
  'Zane',
];
const LAST = [
  'Abbott',
  'Baker',
  'Castillo',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Lindqvist',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Petrov',
  'Quintero',
  'Rossi',
  'Sato',
  'Tanaka',
  'Ueda',
  'Varga',
];

/** The i-th seeded person: a stable, unique given/family name and local part. */
export function personAt(i: number) {
  const givenName = FIRST[i % FIRST.length]!;
  const familyName = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  const local = `${givenName}.${familyName}`.toLowerCase();
  return { givenName, familyName, local };
}
