/** An Okta Expression Language placeholder, `${source.login}`, written so it is not mistaken for a template. */
export const el = (expression: string) => `\${${expression}}`;
