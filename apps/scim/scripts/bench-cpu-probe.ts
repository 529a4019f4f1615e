/**
 * Preloaded into the SCIM process by `pnpm bench:scim` (never in production): answers 'cpu' on the
 * IPC channel with its process.cpuUsage(), so the bench can print CPU per request. The channel is
 * unref'd: it never keeps the app alive by itself.
 */
process.on('message', (m) => {
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
process.channel?.unref();
