import { at, evValue, fail, failing, named, pass, str } from '../compliance.fns.ts';
import { collect } from '../okta.fns.ts';
import type { ComplianceRule, Evidence } from '../types.ts';
import { stig } from './frameworks.ts';

/** A brand's customized sign-in page: a child of the brand, stored under the brand's id. */
const SIGN_IN_PAGE = 'brand.sign_in_page';

/** The opening of the DoD Notice and Consent Banner, and the short form DoD allows where space is scarce. */
const BANNER =
  'you are accessing a u.s. government (usg) information system (is) that is provided for usg-authorized use only';
const SHORT_BANNER = "i've read & consent to terms in is user agreem't";

export function hasDodBanner(html: string): boolean {
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;|&rsquo;/g, "'")
    .replace(/\s+/g, ' ')
    .toLowerCase();
  return text.includes(BANNER) || text.includes(SHORT_BANNER);
}

export const bannerRules: ComplianceRule[] = [
  {
    id: 'OKTA-APP-000200',
    title: 'Sign-in page shows the DoD Notice and Consent Banner',
    severity: 'CAT II',
    frameworks: stig('V-273192', ['AC-8'], ['CC6.1'], ['A.8.5']),
    reads: [
      { type: SIGN_IN_PAGE, fields: ['pageContent'] },
      { type: 'brand', fields: ['name'], optional: true },
    ],
    check: "Every brand's customized sign-in page (pageContent) carries the DoD banner text",
    async evaluate(s) {
      const pages = await collect(s, SIGN_IN_PAGE);
      const brands = s.has('brand') ? await collect(s, 'brand') : pages;
      if (brands.length === 0)
        return fail('The snapshot has no customized sign-in page, so Okta shows its default page without the banner.');
      const evidence: Evidence[] = [];
      const missing: string[] = [];
      for (const brand of brands) {
        const page = pages.find((p) => p.id === brand.id);
        const found = page ? hasDodBanner(str(at(page.body, 'pageContent')) ?? '') : false;
        const brandName = str(at(brand.body, 'name')) ?? brand.id;
        const e = named(
          evValue(SIGN_IN_PAGE, brand.id, 'pageContent contains DoD banner', page ? found : 'no customized page'),
          brandName,
        );
        evidence.push(found ? e : failing(e));
        if (!found) missing.push(`"${brandName}"`);
      }
      if (missing.length)
        return fail(
          `The sign-in page of brand ${missing.join(', ')} does not show the DoD Notice and Consent Banner.`,
          evidence,
        );
      return pass(
        `The sign-in page of every brand (${brands.length}) shows the DoD Notice and Consent Banner.`,
        evidence,
      );
    },
  },
];
