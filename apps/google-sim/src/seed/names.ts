// Given and family names for the generated people: 26 × 22 unique pairs.
const FIRST =
  'Abel Bianca Carmen Dario Esme Felix Gita Hamid Isla Joao Kira Luca Mina Nils Ola Pablo Qiu Rhea Soren Tomas Ulla Vera Wiebke Ximena Yusuf Zofia'.split(
    ' ',
  );
const LAST =
  'Adeyemi Bergstrom Chen Dalton Estrada Fontaine Gupta Holm Iqbal Juarez Kaur Lopez Mensah Novak Oyelaran Park Quist Reyes Silva Thorsen Ulrich Vance'.split(
    ' ',
  );

/** The i-th seeded person: a stable, unique given/family name and local part. */
export function personAt(i: number) {
  const givenName = FIRST[i % FIRST.length]!;
  const familyName = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  const local = `${givenName}.${familyName}`.toLowerCase();
  return { givenName, familyName, local };
}
