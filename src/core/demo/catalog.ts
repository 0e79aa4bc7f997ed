// The work items of the PAY demo, in the order they enter the backlog.
// Keys link dependencies before ids exist; ids (PAY-1, PAY-2, ...) are given
// when an item is created, in creation order.

export interface Template {
  key: string;
  title: string;
  type: 'story' | 'bug' | 'task' | 'spike' | 'chore';
  /** Estimate when created; absent = unestimated until a refinement gives it `estimate`. */
  points?: number;
  estimate?: number;
  epic?: number;
  tags: string[];
  deps?: string[];
  value?: number;
  description?: string;
  comment?: string[];
  note?: string;
  /** What this item adds to the goal of the sprint it is planned into (the first two such items make the goal). */
  goal?: string;
}

type Extra = Partial<Pick<Template, 'deps' | 'value' | 'description' | 'comment' | 'note' | 'estimate' | 'goal'>>;

function t(key: string, title: string, type: Template['type'], points: number | undefined, epic: number | undefined, tags: string[], extra: Extra = {}): Template {
  return { key, title, type, points, epic, tags, ...extra };
}

/** Finished in the old tracker before the first tracked sprint; imported as done, archived a few weeks later. */
export const FINISHED: Template[] = [
  t('psp-v3', 'Migrate card payments to the PSP v3 API', 'story', 8, undefined, ['backend', 'psp']),
  t('idempotency', 'Idempotency keys for payment requests', 'story', 5, undefined, ['backend', 'reliability']),
  t('double-charge', 'Fix: double charge when the customer clicks Pay twice', 'bug', 3, undefined, ['frontend', 'checkout']),
  t('pci-saq', 'PCI DSS SAQ-A self-assessment for 2026', 'task', 3, undefined, ['compliance']),
  t('status-page', 'Payment status page for support agents', 'story', 5, undefined, ['support', 'frontend']),
  t('capture-retry', 'Retry failed captures with exponential backoff', 'story', 3, undefined, ['backend', 'reliability']),
  t('vault-spike', 'Spike: PSP tokenisation or our own vault?', 'spike', 2, 1, ['research']),
  t('chf-format', 'Fix: CHF and SEK amounts formatted wrongly on receipts', 'bug', 1, undefined, ['frontend', 'i18n']),
  t('auth-alert', 'Alert when the authorisation rate drops below 85 %', 'story', 3, 4, ['observability']),
  t('node20', 'Upgrade the payments service to Node 20', 'chore', 2, undefined, ['dependencies']),
  t('paypal-classic', 'Remove the legacy PayPal Classic integration', 'chore', 5, undefined, ['cleanup']),
  t('vat-receipt', 'VAT breakdown on receipt e-mails', 'story', 3, undefined, ['email', 'compliance']),
  t('clock-skew', 'Fix: webhook signature check fails on clock skew', 'bug', 2, 4, ['webhooks']),
  t('bin-cache', 'Cache card BIN lookups', 'task', 2, undefined, ['performance']),
];

/** The open backlog as imported, in rank order (first = most important). */
export const BACKLOG: Template[] = [
  t('vault-store', 'Vault: store card tokens from the PSP', 'story', 5, 1, ['backend', 'vault'], {
    goal: 'card vault live in the sandbox',
    value: 8, comment: ['Saved payment methods first: the checkout team waits for the vault.'],
    description: 'Store the PSP token, card brand, last four digits and expiry.\nNever the card number: we stay in PCI SAQ-A.\n',
  }),
  t('refund-full', 'Refund API: full refunds', 'story', 5, 2, ['backend', 'refunds'], { value: 8, goal: 'full refunds through the API' }),
  t('sdk-bump', 'Bump the PSP SDK to 4.x', 'chore', 2, undefined, ['backend', 'dependencies']),
  t('flaky-capture', 'Flaky test: capture timeout in CI', 'bug', 1, undefined, ['ci']),
  t('saved-list', 'Saved cards list on the account page', 'story', 5, 1, ['frontend'], { deps: ['vault-store'], value: 5 }),
  t('sepa-spike', 'Spike: SEPA Direct Debit through the PSP or through our bank', 'spike', 3, 3, ['research', 'sepa'], {
    goal: 'decide how we do SEPA',
    description: 'Compare fees, mandate handling and return codes. Time-box: 3 days.\nOutcome: a decision record in docs/adr.\n',
  }),
  t('refund-console', 'Refund button in the support console', 'story', 3, 2, ['frontend', 'support'], { deps: ['refund-full'] }),
  t('structured-logs', 'Structured logs for payment state changes', 'task', 3, 4, ['observability']),
  t('receipt-address', 'Fix: receipt PDF cuts off long addresses', 'bug', 2, undefined, ['pdf']),
  t('checkout-saved', 'Checkout accepts saved cards', 'story', 8, 1, ['frontend', 'checkout'], {
    goal: 'saved cards usable at checkout',
    deps: ['vault-store', 'saved-list'], value: 13, note: 'the one everyone waits for',
    description: 'As a returning customer I pay with a saved card without typing it again.\n\nAcceptance:\n- the default card is preselected\n- CVC is asked again only when the PSP requires it\n',
  }),
  t('refund-partial', 'Refund API: partial refunds', 'story', 5, 2, ['backend', 'refunds'], { deps: ['refund-full'], value: 5, goal: 'partial refunds' }),
  t('refund-webhooks', 'Refund status webhooks to the order service', 'story', 3, 2, ['webhooks', 'refunds']),
  t('dlq', 'Dead-letter queue for failed webhooks', 'story', 5, 4, ['webhooks', 'reliability'], { value: 5, goal: 'webhooks never lost' }),
  t('iban-validation', 'IBAN validation with checksum and bank lookup', 'story', 2, 3, ['sepa', 'backend']),
  t('apple-pay-domain', 'Apple Pay domain verification for the new shop domain', 'task', 1, undefined, ['checkout']),
  t('delete-card', 'Delete a saved card', 'story', 3, 1, ['frontend', 'vault'], { deps: ['saved-list'] }),
  t('mandate-form', 'SEPA mandate form in checkout', 'story', 5, 3, ['frontend', 'sepa'], {
    goal: 'SEPA mandates signed in checkout',
    deps: ['sepa-spike'], comment: ['SEPA: only after the spike has decided PSP vs. bank.'],
  }),
  t('mandate-store', 'Store signed SEPA mandates', 'story', 5, 3, ['backend', 'sepa'], { deps: ['sepa-spike'], goal: 'SEPA mandates stored' }),
  t('default-method', 'Set a default payment method', 'story', 2, 1, ['frontend'], { deps: ['saved-list'] }),
  t('sca-saved', '3-D Secure v2 challenge for saved cards', 'story', 5, 1, ['sca', 'checkout'], { deps: ['checkout-saved'], value: 8, goal: '3-D Secure for saved cards' }),
  t('trace-ids', 'Trace IDs from checkout to the PSP call', 'task', 3, 4, ['observability']),
  t('safari-3ds', 'Fix: 3-D Secure redirect loses the basket on Safari', 'bug', 3, undefined, ['checkout', 'frontend']),
  t('refund-approval', 'Refunds above €500 need a second approver', 'story', 5, 2, ['compliance', 'refunds'], { deps: ['refund-console'], goal: 'four-eyes approval for big refunds' }),
  t('prenotification', 'Pre-notification e-mail two days before a SEPA debit', 'story', 3, 3, ['email', 'sepa']),
  t('sepa-returns', 'Handle SEPA return codes (R-transactions)', 'story', 8, 3, ['backend', 'sepa'], {
    goal: 'SEPA returns handled',
    deps: ['mandate-store'],
    description: 'R-transactions arrive in the bank statement up to 8 weeks later.\nMap AC01, AM04, MD01, MS02 and friends to a payment state and tell the order service.\n',
  }),
  t('replay-webhooks', 'Replay webhooks from the admin console', 'story', 5, 4, ['webhooks', 'support'], { deps: ['dlq'], goal: 'webhooks replayable by support' }),
  t('auth-dashboard', 'Dashboard: authorisation rate per card scheme', 'story', 3, 4, ['observability']),
  t('flag-cleanup', 'Remove the feature flag new-checkout', 'chore', 1, undefined, ['cleanup', 'checkout']),
  t('expiry-reminder', 'Card expiry reminder e-mail', 'story', 3, 1, ['email', 'vault']),
  t('partial-captures', 'Partial captures for split shipments', 'story', undefined, 2, ['backend', 'refunds'], { estimate: 8, goal: 'partial captures for split shipments' }),
  t('migrate-cof', 'Migrate card-on-file customers to the vault', 'task', undefined, 1, ['migration', 'backend'], {
    goal: 'card-on-file customers moved to the vault',
    estimate: 8, description: 'About 41,000 customers. Dry run on staging first; keep the old tokens for 30 days.\n',
  }),
  t('refund-reconcile', 'Reconcile refunds with the PSP settlement report', 'task', 5, 2, ['finance', 'refunds'], { goal: 'refunds reconciled with settlement' }),
  t('mandate-revoke', 'SEPA mandate revocation', 'story', 3, 3, ['sepa', 'backend'], { deps: ['mandate-store'] }),
  t('rate-limit', 'Rate-limit card verification attempts', 'story', 3, 1, ['security', 'backend']),
  t('state-doc', 'Document the payment state machine', 'task', 2, undefined, ['docs']),
  t('chargeback-notify', 'Chargeback notifications to the support inbox', 'story', 3, 2, ['support', 'webhooks']),
  t('load-test', 'Load test checkout at 200 payments per second', 'task', 5, undefined, ['performance', 'reliability']),
  t('network-tokens', 'Spike: network tokens for Visa and Mastercard', 'spike', undefined, 1, ['research'], { estimate: 3 }),
  t('dispute-upload', 'Upload dispute evidence to the PSP', 'story', undefined, 2, ['support', 'refunds'], { estimate: 8, goal: 'dispute evidence sent from the console' }),
  t('sepa-first-debit', 'First SEPA debit in production for pilot customers', 'story', 5, 3, ['sepa'], { deps: ['sepa-returns', 'prenotification'], value: 13, goal: 'first SEPA debit in production' }),
  t('webhook-lag', 'Alert when webhook delivery lags more than 5 minutes', 'story', 3, 4, ['observability', 'webhooks']),
  t('hosted-fields', 'Reduce PCI scope: hosted fields for card entry', 'story', 8, undefined, ['security', 'frontend'], { value: 8, goal: 'smaller PCI scope with hosted fields' }),
  t('receipt-i18n', 'Receipts in German, French and Italian', 'story', 5, undefined, ['email', 'i18n']),
  t('psp-failover', 'Spike: fail over to a second PSP', 'spike', 3, undefined, ['research', 'reliability']),
  t('refund-idempotency', 'Idempotent refund requests', 'story', 2, 2, ['backend', 'refunds']),
  t('sepa-b2b', 'SEPA B2B mandates for business customers', 'story', undefined, 3, ['sepa'], { estimate: 8 }),
  t('nightly-recon', 'Nightly reconciliation job alerts on mismatches', 'story', 3, 4, ['finance', 'observability']),
  t('gdpr-export', 'Payment data in the GDPR self-service export', 'story', 3, undefined, ['compliance']),
  t('twint', 'Spike: TWINT for Swiss customers', 'spike', undefined, undefined, ['research'], { estimate: 2 }),
];

/** Added by backlog refinements, in this order. */
export const LATER: Template[] = [
  t('google-pay', 'Google Pay on Android web checkout', 'story', 5, undefined, ['checkout', 'wallets'], { goal: 'Google Pay in checkout' }),
  t('refund-csv', 'Export refunds as CSV for finance', 'story', 2, 2, ['finance']),
  t('refund-rate-alert', 'Alert when the refund rate exceeds 5 % a day', 'story', 2, 4, ['observability']),
  t('sepa-batch', 'Submit SEPA debits in one batch before the 14:00 cut-off', 'story', 5, 3, ['sepa', 'backend'], { goal: 'SEPA debits batched before the cut-off' }),
  t('brand-logos', 'Card brand logos in the saved cards list', 'story', 1, 1, ['frontend']),
  t('payment-links', 'Payment links for the call centre', 'story', undefined, undefined, ['support'], { estimate: 5 }),
  t('sepa-retry', 'Retry a SEPA debit once after R01 (insufficient funds)', 'story', 3, 3, ['sepa'], { deps: ['sepa-returns'] }),
  t('low-value-exemption', 'PSD2: exemption for low-value transactions', 'story', 5, 1, ['sca', 'checkout'], { goal: 'fewer SCA challenges for small payments' }),
  t('event-bus', 'Spike: move webhooks to the event bus', 'spike', 2, 4, ['research', 'webhooks']),
  t('inactive-cards', 'Delete saved cards after 18 months without use (GDPR)', 'story', 3, 1, ['compliance', 'vault']),
  t('kms-keys', 'Encrypt the PSP API keys with KMS', 'task', 3, undefined, ['security']),
  t('error-codes', 'Consistent error codes in the payments API', 'task', 3, undefined, ['api']),
  t('order-refund-status', "Refund status on the customer's order page", 'story', 3, 2, ['frontend', 'refunds'], { deps: ['refund-webhooks'] }),
  t('sepa-cutover', 'Cut-over plan for the SEPA go-live', 'task', 2, 3, ['sepa', 'docs']),
  t('secret-rotation', 'Rotate webhook signing secrets without downtime', 'story', 3, 4, ['security', 'webhooks'], { goal: 'webhook secrets rotated without downtime' }),
  t('legacy-card-form', 'Remove the legacy card form', 'chore', 2, 1, ['cleanup', 'frontend'], { deps: ['checkout-saved'] }),
  t('klarna', 'Klarna pay later for orders above €100', 'story', undefined, undefined, ['checkout'], { estimate: 8 }),
  t('pending-debits', 'Pending SEPA debits in the customer account', 'story', 3, 3, ['frontend', 'sepa']),
  t('expired-card-refund', 'Refunds to an expired card fall back to bank transfer', 'story', 5, 2, ['refunds']),
  t('descriptor', 'Merchant descriptor per brand on card statements', 'story', 2, undefined, ['checkout']),
  t('psp-runbook', 'Runbook: what to do when the PSP is down', 'task', 1, undefined, ['docs', 'reliability']),
  t('webhook-metrics', 'Webhook delivery metrics per consumer', 'story', 2, 4, ['observability', 'webhooks']),
  t('node22', 'Upgrade the payments service to Node 22', 'chore', 2, undefined, ['dependencies']),
  t('a11y-card-form', 'Accessibility: the card form works with a screen reader', 'story', 3, undefined, ['frontend', 'a11y']),
];

/** Scope added to the active sprint mid-sprint: one per sprint, in sprint order. */
export const INCIDENTS: Template[] = [
  t('dup-refund-webhooks', 'Production: duplicate refund webhooks to the order service', 'bug', 3, 2, ['incident', 'webhooks']),
  t('card-twice', 'Production: saved card listed twice after adding it again', 'bug', 2, 1, ['incident', 'vault']),
  t('iban-spaces', 'Fix: IBAN with spaces rejected by the validation', 'bug', 1, 3, ['sepa']),
  t('settlement-dates', 'Hotfix: settlement report dates off by one hour', 'bug', 2, 2, ['incident', 'finance']),
  t('psp-timeout-500', 'Production: checkout returns 500 when the PSP times out', 'bug', 3, undefined, ['incident', 'checkout']),
  t('psp-502', 'Investigate intermittent 502 responses from the PSP sandbox', 'bug', undefined, undefined, ['incident']),
];

/** Added to the active sprint although what it needs is still in the product backlog (a dependency risk on purpose). */
export const RISKY: Template = t('mandate-list', 'Signed SEPA mandates in the customer account', 'story', 3, 3, ['frontend', 'sepa']);
