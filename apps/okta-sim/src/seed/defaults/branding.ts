import type { TBuild } from '../build.ts';

/** The email templates Okta lists for a brand (a representative subset of `EmailTemplateName`). */
export const EMAIL_TEMPLATES = [
  'ADForgotPassword',
  'AccountLockout',
  'ChangeEmailConfirmation',
  'EmailChallenge',
  'EmailFactorVerification',
  'ForgotPassword',
  'ForgotPasswordDenied',
  'NewSignOnNotification',
  'PasswordChanged',
  'SelfServiceUnlock',
  'UserActivation',
  'UserActivationWithoutPassword',
  'UserUnlock',
  'WelcomeEmail',
];

/** The default brand, its one theme and its email templates. */
export function buildBranding(b: TBuild, name = 'Okta Default'): string {
  const brand = b.put(
    'brands',
    'bnd',
    {
      name,
      isDefault: true,
      agreeToCustomPrivacyPolicy: false,
      removePoweredByOkta: false,
      customPrivacyPolicyUrl: null,
      locale: 'en',
      emailDomainId: null,
      defaultApp: { appInstanceId: null, appLinkName: null, classicApplicationUri: null },
    },
    0,
    false,
  );
  b.put(`themes:${brand.id}`, 'thd', {
    logo: `${b.org.url}/assets/img/logos/okta-logo.png`,
    favicon: `${b.org.url}/favicon.ico`,
    backgroundImage: null,
    primaryColorHex: '#1662dd',
    primaryColorContrastHex: '#ffffff',
    secondaryColorHex: '#ebebed',
    secondaryColorContrastHex: '#000000',
    signInPageTouchPointVariant: 'OKTA_DEFAULT',
    endUserDashboardTouchPointVariant: 'OKTA_DEFAULT',
    errorPageTouchPointVariant: 'OKTA_DEFAULT',
    emailTemplateTouchPointVariant: 'OKTA_DEFAULT',
    loadingPageTouchPointVariant: 'OKTA_DEFAULT',
  });
  for (const template of EMAIL_TEMPLATES) {
    b.org.data
      .table(`templates:${brand.id}`)
      .set(template, { id: template, name: template, settings: { recipients: 'ALL_USERS' } });
  }
  return brand.id;
}
