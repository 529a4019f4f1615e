/**
 * Every environment variable the product reads, with what it is for. The README's configuration table
 * and .env.example are checked against this list by a test, so none can be added silently.
 */
export const envDocs = {
  DATABASE_URL: 'Postgres to use. Unset: an embedded Postgres under BUTTERFLY_DATA_DIR is started and used.',
  BUTTERFLY_PG_PORT: 'Port of the embedded Postgres (never 5432, where a system server may listen).',
  BUTTERFLY_DATA_DIR: 'Where the embedded Postgres, its password and the generated master key live.',
  BUTTERFLY_MASTER_KEY:
    'Base64 of 32 random bytes that wraps every tenant data key. Generated on the embedded default; required with DATABASE_URL.',
  PORT: 'Port of the web dashboard.',
  SCIM_PORT: 'Port of the SCIM 2.0 app.',
  OKTA_SIM_PORT: 'Port of the Okta simulator (demo, development and tests).',
  OKTA_SIM_RATE_SCALE:
    "Multiplies every rate limit of the Okta simulator (1 = Okta's documented defaults; the end-to-end suite uses 10).",
  ENTRA_SIM_PORT: 'Port of the Microsoft Entra ID simulator (development and tests; decision 054).',
  GOOGLE_SIM_PORT: 'Port of the Google Workspace simulator (development and tests; decision 061).',
  APP_URL: 'Public URL of the dashboard. Cookies are Secure and HSTS is sent when it is https.',
  BUTTERFLY_ALLOW_PRIVATE_URLS:
    "Whether calls to tenant-supplied URLs (OIDC issuer, JWKS and token endpoints, Okta org URLs, alert webhooks) may reach private, loopback and link-local addresses. Default: true only when APP_URL's host is localhost or 127.0.0.1.",
  BUTTERFLY_DNS_SERVER:
    'DNS server (IP, optional :port) that domain verification asks for TXT records. Unset: the system resolver.',
  BUTTERFLY_EXTENSION_IDS:
    'Chrome extension ids (comma-separated) whose chromiumapp.org redirect URIs and origins the OAuth endpoints accept. Unset: only the /oauth/handoff page.',
  BUTTERFLY_TRUST_PROXY:
    'How many reverse proxies in front of the web and SCIM apps append to X-Forwarded-For (rate limits key on the client address). 0: the socket address, X-Forwarded-For ignored.',
  BUTTERFLY_RATE_LIMIT_MULTIPLIER:
    'Scales every rate limit (1 = the documented defaults; tests and load benchmarks raise it).',
  SCIM_PUBLIC_URL: 'Public base URL of the SCIM API (meta.location, Location headers).',
  SCIM_TRANSACTION_POOLER:
    'yes: the SCIM app reaches Postgres through a pooler in transaction mode, so it neither prepares statements, caches tokens nor pipelines new users (decision 050). Default no.',
  SMTP_URL:
    'SMTP server for alert emails, smtp://user:pass@host:port (smtps:// for TLS from the start). Unset: email channels fail with "email is not configured". Never logged.',
  SMTP_FROM: 'Sender address of alert emails. Required with SMTP_URL.',
  BUTTERFLY_BODY_STORE: 'Where sealed snapshot bodies are kept: postgres (default), filesystem or s3 (decision 044).',
  BUTTERFLY_BODY_DIR: 'Directory of the filesystem body store. Required with BUTTERFLY_BODY_STORE=filesystem.',
  BUTTERFLY_S3_ENDPOINT:
    'URL of the S3-compatible object store (https://s3.eu-west-1.amazonaws.com, a MinIO or Garage server). Required with BUTTERFLY_BODY_STORE=s3.',
  BUTTERFLY_S3_REGION: 'Region the S3 requests are signed for (default us-east-1).',
  BUTTERFLY_S3_BUCKET: 'Bucket that holds the bodies. Required with BUTTERFLY_BODY_STORE=s3.',
  BUTTERFLY_S3_PREFIX: 'Key prefix inside the bucket (default: none).',
  BUTTERFLY_S3_ACCESS_KEY_ID: 'Access key id for the bucket. Required with BUTTERFLY_BODY_STORE=s3.',
  BUTTERFLY_S3_SECRET_ACCESS_KEY:
    'Secret access key for the bucket. Required with BUTTERFLY_BODY_STORE=s3. Never logged.',
  BUTTERFLY_S3_PATH_STYLE:
    'Path-style URLs (endpoint/bucket/key; default true) or virtual-hosted ones (bucket.endpoint/key; false).',
  WORKER_CONCURRENCY:
    "How many jobs one worker process runs at once (1-64). Jobs mostly wait on Okta's rate limits, so 16 slots cost little CPU; each needs two Postgres connections (decision 052).",
  BUTTERFLY_FRESHNESS_POLL_SECONDS:
    'How often (seconds, default 30) the worker reads the System Log of each connection with event-driven freshness on (decision 048). Each read snapshots just the objects its events name.',
  BUTTERFLY_FRESHNESS_SETTLE_SECONDS:
    'How long (seconds, default 5) an Okta event is given to appear in the System Log, and a burst of event hook calls to end, before it is read.',
  BUTTERFLY_DIRECTORY_SYNC_MINUTES:
    'How often (minutes, default 15) the worker syncs the members of each Google Workspace connection with directory sync on (decision 064).',
  LOG_LEVEL: 'pino log level: fatal, error, warn, info, debug, trace or silent.',
} as const;

export const ENV_KEYS = Object.keys(envDocs) as (keyof typeof envDocs)[];
