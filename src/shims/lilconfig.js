// Replaces `lilconfig` in the bundles. @mrleebo/prisma-ast uses it to find and RUN a
// `prisma-ast.config.js` from the working directory upwards; reading a user's schema must never
// execute code from their workspace (untrusted workspaces), so the search always finds nothing.
export function lilconfigSync() {
  return { search: () => null, load: () => null };
}
export function lilconfig() {
  return { search: async () => null, load: async () => null };
}
