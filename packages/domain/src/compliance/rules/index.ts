import { STIG_TEXTS } from '../stig-okta-idaas.ts';
import type { ComplianceRule } from '../types.ts';
import { bannerRules } from './banner.ts';
import { breakGlassRules } from './breakglass.ts';
import { withMoreMappings } from './frameworks-more.ts';
import { hardeningRules } from './hardening.ts';
import { idpRules } from './idp.ts';
import { lifecycleRules } from './lifecycle.ts';
import { loggingRules } from './logging.ts';
import { mfaRules } from './mfa.ts';
import { networkRules } from './network.ts';
import { passwordRules } from './password.ts';
import { readinessRules } from './readiness.ts';
import { sessionRules } from './session.ts';
import { tokenRules } from './tokens.ts';

/**
 * Every rule of the current rule set: the DISA Okta STIG V1R2, Okta's hardening advice, break-glass
 * accounts, Butterfly's readiness; STIG rules with the STIG's own text (decision 041); each with its HIPAA, PCI DSS 4.0 and CIS v8 controls (frameworks-more.ts).
 */
export const COMPLIANCE_RULES: readonly ComplianceRule[] = [
  ...sessionRules,
  ...lifecycleRules,
  ...passwordRules,
  ...mfaRules,
  ...bannerRules,
  ...loggingRules,
  ...idpRules,
  ...tokenRules,
  ...networkRules,
  ...hardeningRules,
  ...breakGlassRules,
  ...readinessRules,
].map((rule) => {
  const stig = rule.frameworks.stig ? STIG_TEXTS[rule.id] : undefined;
  return { ...rule, frameworks: withMoreMappings(rule.id, rule.frameworks), ...(stig ? { stig } : {}) };
});
