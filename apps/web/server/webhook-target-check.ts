import type { WebhookTargetCheck } from '@butterfly/domain/webhooks';
import { type OutboundPolicy, allowedAddresses, isOutboundError } from '@butterfly/outbound';

/**
 * The check "Add webhook" runs before saving a target: the same address filter deliveries go
 * through (packages/outbound), so a target on a private, loopback or link-local address (cloud
 * metadata at 169.254.169.254) is refused when it is entered, not at its first alert. A name that
 * does not resolve yet is accepted: delivery resolves and checks it again every time.
 */
export function webhookTargetCheck(policy: OutboundPolicy): WebhookTargetCheck {
  return async (url) => {
    // URL.hostname keeps IPv6 literals in brackets; the filter takes the bare address.
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    try {
      await allowedAddresses(host, policy);
      return null;
    } catch (e) {
      if (isOutboundError(e) && e.code === 'ADDRESS_REFUSED') return e.message;
      if (isOutboundError(e) && e.code === 'DNS_FAILED') return null;
      throw e;
    }
  };
}
